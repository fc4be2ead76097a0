#include "WebPage.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QTimeZone>
#include <QUrl>
#include <QUrlQuery>

#include "server/app/AppContext.h"
#include "server/core/CitizenAccounts.h"
#include "server/render/MessageCatalog.h"
#include "server/render/Templates.h"
#include "server/web/Csrf.h"
#include "server/web/StaticFiles.h"
#include "server/web/WebSettings.h"
#include "shared/geo/Boundary.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr char kLangCookie[] = "dimos_lang";

// The origin images may come from for a tile URL template: "https://*.tile.example.org" when
// the host has a {s} placeholder.
QByteArray tileOrigin(const QString &templateUrl)
{
    const QUrl url(QString(templateUrl).replace(u"{s}"_s, u"subdomain"_s));
    QString host = url.host();
    if (templateUrl.contains(u"{s}"_s))
        host.replace(u"subdomain"_s, u"*"_s);
    QString origin = url.scheme() + u"://"_s + host;
    if (url.port() > 0)
        origin += u':' + QString::number(url.port());
    return origin.toLatin1();
}

} // namespace

QJsonValue textOrFalse(const QString &text)
{
    return text.isEmpty() ? QJsonValue(false) : QJsonValue(text);
}

WebPage::WebPage(const AppContext &ctx, const StaticFiles &files)
    : m_ctx(ctx), m_files(files), m_secure(ctx.baseUrl.startsWith(u"https:"_s))
{
    // Pages run no inline script or style: everything comes from /static, so an injected
    // <script> or style attribute does nothing. The tile server is the one other source.
    m_csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: "_ba
        + tileOrigin(ctx.web->tileUrl)
        + "; connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"_ba;
}

WebRequest WebPage::begin(const HttpRequest &request) const
{
    WebRequest web;
    web.http = &request;
    const QString asked = request.queryValue(u"lang"_s).toLower();
    if (asked == u"el" || asked == u"en") {
        web.lang = asked;
        web.langChosen = true;
    } else if (const QString cookie = csrf::cookie(request, QString::fromLatin1(kLangCookie));
               cookie == u"el" || cookie == u"en") {
        web.lang = cookie;
    } else {
        web.lang = MessageCatalog::normalise(request.language()); // Accept-Language, Greek by default
    }
    web.csrf = csrf::tokenFromCookie(request);
    if (web.csrf.isEmpty()) {
        web.csrf = csrf::newToken();
        web.newCsrf = true;
    }
    if (m_ctx.citizenAccounts)
        if (const QString token = citizensession::tokenFromCookie(request); !token.isEmpty())
            if (const auto a = m_ctx.citizenAccounts->authenticate(token)) {
                web.citizen = SignedInCitizen{
                    a->citizen.id, a->citizen.email, a->citizen.verified(), a->citizen.language, a->citizen.profile};
                if (a->extended)
                    web.sessionCookie
                        = citizensession::setCookie(token, (a->expiresMs - m_ctx.clock->nowMs()) / 1000, m_secure);
            }
    return web;
}

QString WebPage::text(const WebRequest &web, const QString &key, const QStringList &args) const
{
    return m_ctx.messages->text(web.lang, key, args);
}

QString WebPage::municipality(const QString &lang) const
{
    return lang == u"en" && !m_ctx.municipalityNameEn.isEmpty() ? m_ctx.municipalityNameEn : m_ctx.municipalityName;
}

QJsonObject WebPage::status(const QString &lang, ReportStatus status) const
{
    const QString code = statusToString(status);
    QString symbol;
    switch (status) {
    case ReportStatus::New:
        symbol = u"●"_s;
        break;
    case ReportStatus::Acknowledged:
    case ReportStatus::InProgress:
        symbol = u"◐"_s;
        break;
    case ReportStatus::Resolved:
    case ReportStatus::Closed:
        symbol = u"✓"_s;
        break;
    case ReportStatus::Rejected:
    case ReportStatus::Duplicate:
        symbol = u"–"_s;
        break;
    }
    return {{u"code"_s, code}, {u"text"_s, m_ctx.messages->text(lang, u"web.status."_s + code)}, {u"symbol"_s, symbol}};
}

QJsonObject WebPage::date(const QString &lang, qint64 epochMs)
{
    static const QTimeZone athens("Europe/Athens");
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(epochMs, QTimeZone::utc());
    const QDateTime local = athens.isValid() ? utc.toTimeZone(athens) : utc;
    const QString text = lang == u"en"
        ? QLocale(QLocale::English, QLocale::UnitedKingdom).toString(local, u"d MMM yyyy, HH:mm"_s)
        : QLocale(QLocale::Greek).toString(local, u"d/M/yyyy, HH:mm"_s);
    return {{u"iso"_s, local.toString(Qt::ISODate)}, {u"text"_s, text}};
}

QJsonObject WebPage::tiles() const
{
    return {{u"url"_s, m_ctx.web->tileUrl}, {u"attribution"_s, m_ctx.web->tileAttribution},
        {u"attribution_url"_s, m_ctx.web->tileAttributionUrl},
        {u"boundary"_s, m_ctx.boundaryGeoJson.isEmpty() ? QJsonValue(false) : QJsonValue(u"/map/boundary.geojson"_s)}};
}

QString WebPage::bounds() const
{
    LatLonBox box{34.8, 19.3, 41.8, 29.7}; // Greece
    if (m_ctx.boundary)
        box = m_ctx.boundary->bounds();
    return u"%1,%2,%3,%4"_s.arg(box.minLat, 0, 'f', 5)
        .arg(box.minLon, 0, 'f', 5)
        .arg(box.maxLat, 0, 'f', 5)
        .arg(box.maxLon, 0, 'f', 5);
}

bool WebPage::hasMap() const
{
    return m_files.hasLeaflet();
}

void WebPage::addCookies(const WebRequest &web, HttpResponse &response) const
{
    const QByteArray secure = m_secure ? "; Secure"_ba : QByteArray();
    if (web.newCsrf)
        response.withHeader("Set-Cookie"_ba, csrf::setCookie(web.csrf, m_secure));
    if (!web.sessionCookie.isEmpty())
        response.withHeader("Set-Cookie"_ba, web.sessionCookie);
    if (web.langChosen)
        response.withHeader("Set-Cookie"_ba,
            QByteArray(kLangCookie) + '=' + web.lang.toLatin1() + "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax"
                + secure);
}

QJsonObject WebPage::accountLink(const WebRequest &web) const
{
    if (web.citizen)
        return {{u"href"_s, u"/account"_s}, {u"label"_s, text(web, u"web.nav.account"_s)}};
    // Signing in from a page comes back to it (not from the account pages themselves).
    const bool back = web.http->method == "GET" && !web.http->path.startsWith(u"/account"_s);
    return {{u"href"_s, back ? citizensession::loginPath(*web.http) : u"/account/login"_s},
        {u"label"_s, text(web, u"web.nav.sign_in"_s)}};
}

HttpResponse WebPage::render(const WebRequest &web, const QString &templateName, const QString &title,
    QJsonObject values, const Options &options) const
{
    const QString lang = web.lang;
    values.insert(u"lang"_s, lang);
    values.insert(u"t"_s, m_ctx.messages->texts(lang));
    values.insert(u"municipality"_s, municipality(lang));
    values.insert(u"csrf"_s, web.csrf);
    const QString body = m_ctx.templates->render(templateName, values);

    // The switch links to this page in the other language, with the rest of the query kept.
    const QString other = lang == u"el" ? u"en"_s : u"el"_s;
    QUrlQuery query;
    for (const auto &[name, value] : web.http->query)
        if (name != u"lang")
            query.addQueryItem(name, value);
    query.addQueryItem(u"lang"_s, other);
    const QString href = web.http->path + u'?' + query.toString(QUrl::FullyEncoded);

    QJsonArray scripts;
    for (const QString &name : options.scripts)
        scripts.append(QJsonObject{{u"src"_s, m_files.url(name)}});
    QJsonArray feeds;
    for (const auto &[href, title] : options.feeds)
        feeds.append(QJsonObject{{u"href"_s, href}, {u"title"_s, title}});
    QJsonObject layout{
        {u"lang"_s, lang},
        {u"t"_s, m_ctx.messages->texts(lang)},
        {u"title"_s, title},
        {u"municipality"_s, municipality(lang)},
        {u"contact_email"_s, m_ctx.contactEmail},
        {u"body"_s, body},
        {u"assets"_s, QJsonObject{{u"css"_s, m_files.url(u"site.css"_s)}, {u"icon"_s, m_files.url(u"icon.svg"_s)}}},
        {u"scripts"_s, scripts},
        {u"switch"_s, QJsonObject{{u"href"_s, href}, {u"lang"_s, other}}},
        {u"nav_home"_s, options.nav == Nav::Home},
        {u"nav_report"_s, options.nav == Nav::Report},
        {u"nav_subscribe"_s, options.nav == Nav::Subscribe},
        {u"nav_information"_s, options.nav == Nav::Information},
        {u"nav_lookup"_s, options.nav == Nav::Lookup},
        {u"feeds"_s, feeds},
        {u"nav_account"_s, options.nav == Nav::Account},
        {u"nav_requests"_s, options.nav == Nav::Requests},
        {u"account"_s, accountLink(web)},
    };
    if (options.map && m_files.hasLeaflet())
        layout.insert(
            u"leaflet"_s, QJsonObject{{u"css"_s, m_files.leafletStyleUrl()}, {u"js"_s, m_files.leafletScriptUrl()}});
    else
        layout.insert(u"leaflet"_s, false);
    HttpResponse r = HttpResponse::bytes(
        m_ctx.templates->render(u"web/layout"_s, layout).toUtf8(), "text/html; charset=utf-8"_ba, options.status);
    r.withHeader("Content-Security-Policy"_ba, m_csp);
    r.withHeader("Content-Language"_ba, lang.toLatin1());
    r.withHeader("Vary"_ba, "Accept-Language, Cookie"_ba);
    addCookies(web, r);
    return r;
}

HttpResponse WebPage::error(const WebRequest &web, int status, const QString &heading, const QString &message,
    const QString &actionHref, const QString &actionLabel) const
{
    QJsonObject values{{u"heading"_s, heading}, {u"message"_s, message}, {u"action"_s, false}};
    if (!actionHref.isEmpty())
        values.insert(u"action"_s, QJsonObject{{u"href"_s, actionHref}, {u"label"_s, actionLabel}});
    Options options;
    options.status = status;
    return render(web, u"web/error"_s, heading, values, options);
}

HttpResponse WebPage::notFound(const WebRequest &web) const
{
    return error(web, 404, text(web, u"web.error.not_found_title"_s), text(web, u"web.error.not_found"_s), u"/"_s,
        text(web, u"web.error.home_action"_s));
}

HttpResponse WebPage::redirect(const WebRequest &web, const QString &path) const
{
    HttpResponse r = HttpResponse::empty(303);
    r.withHeader("Location"_ba, QUrl(path).toEncoded());
    addCookies(web, r);
    return r;
}

} // namespace dimos
