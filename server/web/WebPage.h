#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "server/http/HttpTypes.h"
#include "server/web/CitizenSession.h"
#include "shared/domain/ReportStatus.h"

namespace dimos {

struct AppContext;
class StaticFiles;

// One citizen's request as the pages see it: the language (?lang=, then the lang cookie, then
// Accept-Language; Greek by default) and the browser's CSRF token (a new one when it had none).
struct WebRequest
{
    const HttpRequest *http = nullptr;
    QString lang;
    bool langChosen = false; // ?lang= given: remember it in a cookie
    QString csrf;
    bool newCsrf = false; // send the token's cookie with the answer
    // The citizen signed in through the dimos_session cookie (web/CitizenSession.h), if any.
    std::optional<SignedInCitizen> citizen;
    QByteArray sessionCookie; // Set-Cookie to send with the answer: the session was extended
};

// What every page shares: the layout (resources/templates/web/layout.mustache) with the site's
// header, language switch and footer, the security headers of an HTML page (a strict
// Content-Security-Policy: scripts and styles only from this site, images also from the tile
// server), the cookies, and the small values many pages show (a status in words, a date).
class WebPage final
{
public:
    WebPage(const AppContext &ctx, const StaticFiles &files);

    WebRequest begin(const HttpRequest &request) const;

    enum class Nav { None, Home, Report, Information, Subscribe, Account, Requests, Lookup };
    struct Options
    {
        int status = 200;
        Nav nav = Nav::None;
        bool map = false; // loads Leaflet (when installed)
        QStringList scripts; // built-in scripts by name ("map.js")
        // Atom feeds of what the page shows: <link rel="alternate"> in the head (href, title).
        QList<std::pair<QString, QString>> feeds;
    };
    // Renders `templateName` with `values` (plus the common ones: lang, t, municipality…) inside
    // the layout. Throws std::runtime_error for a template error.
    HttpResponse render(const WebRequest &web, const QString &templateName, const QString &title, QJsonObject values,
        const Options &options) const;
    // A page that says what went wrong and what to do (404, 403, 429…).
    HttpResponse error(const WebRequest &web, int status, const QString &heading, const QString &message,
        const QString &actionHref = {}, const QString &actionLabel = {}) const;
    HttpResponse notFound(const WebRequest &web) const;
    // 303 See Other to a path on this site.
    HttpResponse redirect(const WebRequest &web, const QString &path) const;

    QString text(const WebRequest &web, const QString &key, const QStringList &args = {}) const;
    QString municipality(const QString &lang) const;
    // {code, text, symbol}: the status in words with a symbol, never by colour alone.
    QJsonObject status(const QString &lang, ReportStatus status) const;
    // {iso, text}: a time for <time datetime=…>, shown in Greek time (Europe/Athens).
    static QJsonObject date(const QString &lang, qint64 epochMs);
    // {url, attribution, attribution_url, boundary} of the maps (boundary: the URL of the
    // municipal boundary's GeoJSON, or false).
    QJsonObject tiles() const;
    // "minLat,minLon,maxLat,maxLon" the maps start with: the boundary's box, or Greece.
    QString bounds() const;
    bool hasMap() const;
    // The Content-Security-Policy of every HTML page.
    QByteArray contentSecurityPolicy() const { return m_csp; }
    bool secureCookies() const { return m_secure; }

private:
    void addCookies(const WebRequest &web, HttpResponse &response) const;
    QJsonObject accountLink(const WebRequest &web) const; // {href, label} of the header's account link

    const AppContext &m_ctx;
    const StaticFiles &m_files;
    QByteArray m_csp;
    bool m_secure = false;
};

// A value for a template: the text, or false when it is empty (Mustache sections treat an empty
// text as true).
QJsonValue textOrFalse(const QString &text);

} // namespace dimos
