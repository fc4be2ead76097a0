#include "StatusApi.h"

#include <QJsonObject>

#include "server/app/AppContext.h"
#include "server/http/ApiError.h"
#include "server/http/Router.h"
#include "server/storage/Database.h"
#include "server/storage/Migrator.h"

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
}

} // namespace dimos
