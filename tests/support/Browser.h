#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QNetworkAccessManager>
#include <QString>

#include <utility>

#include "support/TestServer.h"

namespace dimos::test {

// A browser as the web-page tests need it: its own cookies (kept from Set-Cookie, sent back in
// Cookie), no automatic redirects, and a fixed Accept-Language (QNetworkAccessManager would send
// the system's). A POST without a content type is sent as application/x-www-form-urlencoded,
// as a browser sends a plain form.
class Browser
{
public:
    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    explicit Browser(TestServer &ts, QByteArray language = QByteArrayLiteral("el"));

    // `headers` are set last, so they may replace Accept-Language.
    Reply request(const QByteArray &method, const QString &path, const QByteArray &body = {},
        const QByteArray &contentType = {}, const Headers &headers = {});
    Reply get(const QString &path, const Headers &headers = {});

    QMap<QByteArray, QByteArray> cookies;

private:
    TestServer &m_ts;
    QByteArray m_language;
    QNetworkAccessManager m_nam;
};

// The page's HTML as text, and the value of its first hidden CSRF field.
QString html(const Reply &r);
QString csrfField(const Reply &r);

// One part of a multipart form as a browser sends it: a field, or a file when fileName is not null.
struct FormPart
{
    QByteArray name;
    QByteArray value; // the field's value, or the file's content
    QByteArray fileName = {}; // null: a field
    QByteArray type = {}; // a file's Content-Type (default application/octet-stream)
};
// The body of a multipart/form-data POST and its Content-Type (with the boundary).
std::pair<QByteArray, QByteArray> multipartForm(const QList<FormPart> &parts);

} // namespace dimos::test
