#include "HttpTypes.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>

#include <QVarLengthArray>

#include <charconv>
#include <cstring>

using namespace Qt::StringLiterals;

namespace dimos {

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers)
        if (n == name)
            return v;
    return {};
}

QList<std::pair<QString, QString>> parseQueryString(QByteArrayView query)
{
    QList<std::pair<QString, QString>> out;
    for (const QByteArray &part : query.toByteArray().split('&')) {
        if (part.isEmpty())
            continue;
        QByteArray raw = part;
        raw.replace('+', ' ');
        const qsizetype eq = raw.indexOf('=');
        const QByteArray name = eq < 0 ? raw : raw.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : raw.mid(eq + 1);
        out.append({QString::fromUtf8(QByteArray::fromPercentEncoding(name)),
            QString::fromUtf8(QByteArray::fromPercentEncoding(value))});
    }
    return out;
}

QString HttpRequest::queryValue(QStringView name) const
{
    for (const auto &[n, v] : query)
        if (n == name)
            return v;
    return {};
}

QStringList HttpRequest::queryValues(QStringView name) const
{
    QStringList out;
    for (const auto &[n, v] : query)
        if (n == name)
            out.append(v);
    return out;
}

bool HttpRequest::hasQuery(QStringView name) const
{
    for (const auto &[n, v] : query)
        if (n == name)
            return true;
    return false;
}

QString HttpRequest::language() const
{
    for (const QString &key : {u"locale"_s, u"lang"_s}) {
        const QString v = queryValue(key).toLower();
        if (v.startsWith(u"en"))
            return u"en"_s;
        if (v.startsWith(u"el") || v.startsWith(u"gr"))
            return u"el"_s;
    }
    // Accept-Language: take the first of el/en by order of appearance (q-values rarely
    // reorder these two in practice).
    const QByteArray accept = header("accept-language").toLower();
    const qsizetype el = accept.indexOf("el");
    const qsizetype en = accept.indexOf("en");
    if (en >= 0 && (el < 0 || en < el))
        return u"en"_s;
    return u"el"_s;
}

HttpResponse HttpResponse::json(const QJsonObject &object, int status)
{
    return bytes(QJsonDocument(object).toJson(QJsonDocument::Compact), "application/json; charset=utf-8"_ba, status);
}

HttpResponse HttpResponse::json(const QJsonArray &array, int status)
{
    return bytes(QJsonDocument(array).toJson(QJsonDocument::Compact), "application/json; charset=utf-8"_ba, status);
}

HttpResponse HttpResponse::bytes(QByteArray body, QByteArray contentType, int status)
{
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.contentType = std::move(contentType);
    return r;
}

HttpResponse HttpResponse::text(const QString &text, int status)
{
    return bytes(text.toUtf8(), "text/plain; charset=utf-8"_ba, status);
}

HttpResponse HttpResponse::empty(int status)
{
    HttpResponse r;
    r.status = status;
    return r;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue"_ba;
    case 101:
        return "Switching Protocols"_ba;
    case 200:
        return "OK"_ba;
    case 201:
        return "Created"_ba;
    case 202:
        return "Accepted"_ba;
    case 204:
        return "No Content"_ba;
    case 301:
        return "Moved Permanently"_ba;
    case 302:
        return "Found"_ba;
    case 303:
        return "See Other"_ba;
    case 304:
        return "Not Modified"_ba;
    case 400:
        return "Bad Request"_ba;
    case 401:
        return "Unauthorized"_ba;
    case 403:
        return "Forbidden"_ba;
    case 404:
        return "Not Found"_ba;
    case 405:
        return "Method Not Allowed"_ba;
    case 408:
        return "Request Timeout"_ba;
    case 409:
        return "Conflict"_ba;
    case 411:
        return "Length Required"_ba;
    case 413:
        return "Content Too Large"_ba;
    case 415:
        return "Unsupported Media Type"_ba;
    case 417:
        return "Expectation Failed"_ba;
    case 422:
        return "Unprocessable Content"_ba;
    case 429:
        return "Too Many Requests"_ba;
    case 431:
        return "Request Header Fields Too Large"_ba;
    case 500:
        return "Internal Server Error"_ba;
    case 501:
        return "Not Implemented"_ba;
    case 503:
        return "Service Unavailable"_ba;
    case 505:
        return "HTTP Version Not Supported"_ba;
    default:
        return "Status"_ba;
    }
}

namespace {

QByteArray httpDate()
{
    // Formatting a date per response is measurable; once a second is enough.
    static qint64 cachedSecond = -1;
    static QByteArray cached;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (now != cachedSecond) {
        cachedSecond = now;
        cached = QLocale::c()
                     .toString(QDateTime::fromSecsSinceEpoch(now, Qt::UTC), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s)
                     .toLatin1();
    }
    return cached;
}

bool hasHeader(const HttpResponse &r, QByteArrayView name)
{
    for (const auto &[n, v] : r.headers)
        if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

} // namespace

QByteArray serializeResponse(const HttpResponse &response, bool keepAlive, bool headOnly)
{
    // The pieces are gathered as views and copied once into a buffer of the exact size: this
    // runs for every response, and QByteArray::append costs more per call than the copy.
    char status[16], length[24];
    const qsizetype statusSize = std::to_chars(status, status + sizeof status, response.status).ptr - status;
    const qsizetype lengthSize
        = std::to_chars(length, length + sizeof length, qint64(response.body.size())).ptr - length;
    const QByteArray date = httpDate();
    const QByteArray reason = reasonPhrase(response.status); // views below must not outlive these
    QVarLengthArray<QByteArrayView, 48> parts;
    parts << "HTTP/1.1 " << QByteArrayView(status, statusSize) << " " << reason << "\r\n";
    if (!response.contentType.isEmpty())
        parts << "Content-Type: " << response.contentType << "\r\n";
    if (response.status != 204 && response.status != 304 && response.status >= 200)
        parts << "Content-Length: " << QByteArrayView(length, lengthSize) << "\r\n";
    parts << "Date: " << date
          << (keepAlive ? QByteArrayView("\r\nConnection: keep-alive\r\n")
                        : QByteArrayView("\r\nConnection: close\r\n"));
    // Security headers on every response, errors included. Pages may tighten or widen CSP.
    if (!hasHeader(response, "content-security-policy"))
        parts << "Content-Security-Policy: default-src 'self'; img-src 'self' data: https:; object-src 'none'; "
                 "base-uri 'none'; frame-ancestors 'none'; form-action 'self'\r\n";
    parts << "X-Content-Type-Options: nosniff\r\n"
             "X-Frame-Options: DENY\r\n"
             "Referrer-Policy: strict-origin-when-cross-origin\r\n"
             "Cross-Origin-Opener-Policy: same-origin\r\n";
    if (!hasHeader(response, "cache-control"))
        parts << "Cache-Control: no-store\r\n";
    for (const auto &[name, value] : response.headers)
        parts << name << ": " << value << "\r\n";
    parts << "\r\n";
    if (!headOnly)
        parts << response.body;
    qsizetype size = 0;
    for (const QByteArrayView &p : parts)
        size += p.size();
    QByteArray out(size, Qt::Uninitialized);
    char *at = out.data();
    for (const QByteArrayView &p : parts) {
        if (p.isEmpty())
            continue; // an empty view may hold a null pointer, which memcpy must not get
        std::memcpy(at, p.data(), size_t(p.size()));
        at += p.size();
    }
    return out;
}

} // namespace dimos
