#include "CitizenSession.h"

#include <QUrl>
#include <QUrlQuery>

#include "server/core/CitizenAccounts.h"
#include "server/web/Csrf.h"
#include "server/web/WebPage.h"

using namespace Qt::StringLiterals;

namespace dimos::citizensession {

QString tokenFromCookie(const HttpRequest &request)
{
    return csrf::cookie(request, QString::fromLatin1(kCookieName));
}

QByteArray setCookie(const QString &token, qint64 maxAgeSeconds, bool secure)
{
    return QByteArray(kCookieName) + '=' + token.toLatin1() + "; Path=/; Max-Age=" + QByteArray::number(maxAgeSeconds)
        + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
}

QByteArray clearCookie(bool secure)
{
    return QByteArray(kCookieName) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
}

std::optional<SignedInCitizen> signedIn(CitizenAccounts &accounts, const HttpRequest &request)
{
    const QString token = tokenFromCookie(request);
    if (token.isEmpty())
        return std::nullopt;
    const std::optional<CitizenAccounts::Authenticated> a = accounts.authenticate(token);
    if (!a)
        return std::nullopt;
    return SignedInCitizen{
        a->citizen.id, a->citizen.email, a->citizen.verified(), a->citizen.language, a->citizen.profile};
}

QString localPath(const QString &next)
{
    if (next.isEmpty() || next.size() > 1000 || !next.startsWith(u'/') || next.startsWith(u"//"_s)
        || next.startsWith(u"/\\"_s))
        return {};
    for (const QChar c : next)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == u'\\')
            return {};
    const QUrl url(next, QUrl::StrictMode);
    if (!url.isValid() || !url.scheme().isEmpty() || !url.host().isEmpty() || !url.isRelative())
        return {};
    return next;
}

QString loginPath(const HttpRequest &request)
{
    QUrlQuery query;
    for (const auto &[name, value] : request.query)
        query.addQueryItem(name, value);
    QString here = QString::fromLatin1(QUrl::toPercentEncoding(request.path, "/"));
    if (!query.isEmpty())
        here += u'?' + query.toString(QUrl::FullyEncoded);
    return u"/account/login?next="_s + QString::fromLatin1(QUrl::toPercentEncoding(here));
}

std::optional<HttpResponse> requireCitizen(const WebPage &page, const WebRequest &web, bool needVerified)
{
    if (!web.citizen)
        return page.redirect(web, web.http->method == "GET" ? loginPath(*web.http) : u"/account/login?next=/account"_s);
    if (needVerified && !web.citizen->verified)
        return page.error(web, 403, page.text(web, u"web.account.unverified_title"_s),
            page.text(web, u"web.account.unverified"_s, {web.citizen->email}), u"/account"_s,
            page.text(web, u"web.account.title"_s));
    return std::nullopt;
}

} // namespace dimos::citizensession
