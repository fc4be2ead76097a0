#include "StatusApi.h"

#include <QJsonObject>

#include "server/app/AppContext.h"
#include "server/http/ApiError.h"
#include "server/http/Router.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/Database.h"
#include "server/storage/Migrator.h"
#include "server/storage/ReportRepository.h"

using namespace Qt::StringLiterals;

namespace dimos {

void registerStatusApi(Router &router, AppContext &ctx)
{
    const AppContext *c = &ctx;
    // Migrations run only at start (Server::open, before the routes exist), so the schema
    // version is read once and the answer rendered once: monitors poll this often.
    const HttpResponse healthy
        = HttpResponse::json(QJsonObject{{u"status"_s, u"ok"_s}, {u"version"_s, QStringLiteral(DIMOS_VERSION)},
            {u"schema_version"_s, Migrator(*c->db).currentVersion()}, {u"database"_s, u"ok"_s}});
    router.add("GET"_ba, u"/healthz"_s, [c, healthy](HttpRequest &) {
        if (!c->db->connection().isOpen())
            throw ApiError(ApiError::Kind::Unavailable, u"the database connection is closed; restart dimosd"_s);
        return healthy;
    });
    router.add(
        "GET"_ba, u"/"_s,
        [c](HttpRequest &req) {
            const bool en = req.language() == u"en";
            const QString name = c->municipalityName.toHtmlEscaped();
            QString services;
            for (const Category &cat : c->catalog->categories(true))
                services += u"<li>"_s + cat.name.in(req.language()).toHtmlEscaped() + u" <code>"_s
                    + cat.code.toHtmlEscaped() + u"</code></li>"_s;
            const QString base = c->baseUrl.toHtmlEscaped();
            const QString html
                = u"<!doctype html><html lang=\"%1\"><head><meta charset=\"utf-8\">"
                  u"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>%2 — Dimos</title>"
                  u"</head><body><h1>%2</h1><p>%3</p><ul><li><a href=\"%4/open311/v2/discovery.json\">Open311 "
                  u"GeoReport v2"
                  u"</a> — <code>%4/open311/v2/</code></li><li>%5 "
                  u"<code>%4/api/v1/</code></li></ul><h2>%6</h2><ul>%7</ul>"
                  u"<p><a href=\"?lang=%8\">%9</a></p></body></html>"_s.arg(en ? u"en"_s : u"el"_s, name,
                      en ? u"This server receives and tracks reports "
                           u"about problems in the municipality."_s
                         : u"Ο διακομιστής δέχεται και παρακολουθεί "
                           u"αναφορές προβλημάτων στον δήμο."_s,
                      base,
                      en ? u"Staff API (for the dimos-desk app):"_s
                         : u"API προσωπικού (για την εφαρμογή dimos-desk):"_s,
                      en ? u"Report categories"_s : u"Κατηγορίες αναφορών"_s, services, en ? u"el"_s : u"en"_s,
                      en ? u"Ελληνικά"_s : u"English"_s);
            return HttpResponse::bytes(html.toUtf8(), "text/html; charset=utf-8"_ba);
        },
        CachePolicy::untilDataChanges());
}

} // namespace dimos
