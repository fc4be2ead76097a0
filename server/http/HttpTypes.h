#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace dimos {

// A request as the handlers see it: independent of QHttpServer, so handlers and tests
// never include its headers.
// Splits "a=1&b=x+y" into decoded pairs, as forms and Open311 clients encode them.
QList<std::pair<QString, QString>> parseQueryString(QByteArrayView query);

struct HttpRequest
{
    QByteArray method; // upper case; HEAD arrives as GET with headOnly set
    bool headOnly = false;
    QString path; // percent-decoded
    QList<std::pair<QString, QString>> query; // decoded, in order ('+' is a space)
    QList<std::pair<QByteArray, QByteArray>> headers; // names lower case
    QByteArray body;
    QHostAddress remote;
    QHash<QString, QString> params; // path parameters captured by the router

    QByteArray header(QByteArrayView name) const; // name in lower case; first value
    QString queryValue(QStringView name) const; // first value, or a null string
    QStringList queryValues(QStringView name) const;
    bool hasQuery(QStringView name) const;
    QByteArray contentType() const { return header("content-type"); }
    // The language the reader wants: "el" (default) or "en", from ?locale=, ?lang= or
    // Accept-Language.
    QString language() const;
};

struct HttpResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;

    HttpResponse &withHeader(QByteArray name, QByteArray value)
    {
        headers.append({std::move(name), std::move(value)});
        return *this;
    }

    static HttpResponse json(const QJsonObject &object, int status = 200);
    static HttpResponse json(const QJsonArray &array, int status = 200);
    static HttpResponse bytes(QByteArray body, QByteArray contentType, int status = 200);
    static HttpResponse text(const QString &text, int status = 200);
    static HttpResponse empty(int status = 204);
};

QByteArray reasonPhrase(int status);

// The bytes of a whole HTTP/1.1 response with the headers every Dimos response carries
// (security headers, Content-Length, Date, Connection).
QByteArray serializeResponse(const HttpResponse &response, bool keepAlive, bool headOnly);

} // namespace dimos
