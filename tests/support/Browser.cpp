#include "Browser.h"

#include <QEventLoop>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace dimos::test {

Browser::Browser(TestServer &ts, QByteArray language) : m_ts(ts), m_language(std::move(language)) { }

Reply Browser::request(const QByteArray &method, const QString &path, const QByteArray &body,
    const QByteArray &contentType, const Headers &headers)
{
    QNetworkRequest request(m_ts.url(path));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    else if (method == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    QByteArray cookie;
    for (auto it = cookies.cbegin(); it != cookies.cend(); ++it)
        cookie += (cookie.isEmpty() ? "" : "; ") + it.key() + '=' + it.value();
    if (!cookie.isEmpty())
        request.setRawHeader("Cookie", cookie);
    request.setRawHeader("Accept-Language", m_language);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20'000, &loop, &QEventLoop::quit);
    loop.exec();
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError && r.status == 0)
        r.networkError = reply->errorString();
    for (const auto &pair : reply->rawHeaderPairs()) {
        r.headers.append({pair.first, pair.second});
        if (pair.first.compare("set-cookie", Qt::CaseInsensitive) == 0)
            for (const QByteArray &line : pair.second.split('\n')) {
                const QByteArray nameValue = line.split(';').first().trimmed();
                const qsizetype eq = nameValue.indexOf('=');
                cookies.insert(nameValue.left(eq), nameValue.mid(eq + 1));
            }
    }
    reply->deleteLater();
    return r;
}

Reply Browser::get(const QString &path, const Headers &headers)
{
    return request("GET"_ba, path, {}, {}, headers);
}

QString html(const Reply &r)
{
    return QString::fromUtf8(r.body);
}

QString csrfField(const Reply &r)
{
    static const QRegularExpression re(uR"re(name="csrf" value="([^"]+)")re"_s);
    return re.match(html(r)).captured(1);
}

std::pair<QByteArray, QByteArray> multipartForm(const QList<FormPart> &parts)
{
    const QByteArray boundary = "----dimosTestBoundary5RT1QX2";
    QByteArray body;
    for (const FormPart &p : parts) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name + '"';
        if (!p.fileName.isNull())
            body += "; filename=\"" + p.fileName
                + "\"\r\nContent-Type: " + (p.type.isEmpty() ? QByteArray("application/octet-stream") : p.type);
        body += "\r\n\r\n" + p.value + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    return {body, "multipart/form-data; boundary=" + boundary};
}

} // namespace dimos::test
