// libFuzzer target for every route of dimosd at once: the request, as the HTTP front hands it to
// the router, goes to the real handlers of a real Server (SQLite in a temporary folder, the Serres
// boundary, a category with attributes, an admin signed in). This reaches every decoder of
// outside input behind the routes: the staff API's query and JSON bodies, Open311's parameters
// and forms, photos, path parameters, language negotiation.
//
// Input: "METHOD /path?query" on the first line, then "Name: value" header lines, an empty line,
// and the body. "$ADMIN" anywhere in a header value is replaced by a valid admin token, so the
// staff routes are reached past their sign-in check. A handler may refuse anything with an
// ApiError (with a message); any other exception would be a 500 for a client and is a finding.

#include <QCoreApplication>
#include <QTemporaryDir>

#include "server/app/Server.h"
#include "server/core/AuthService.h"
#include "server/http/ApiError.h"
#include "server/http/HttpTypes.h"
#include "server/http/Router.h"
#include "server/storage/CatalogRepository.h"
#include "shared/util/Clock.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

struct World
{
    QTemporaryDir dir;
    ManualClock clock{1'780'000'000'000};
    std::unique_ptr<Server> server;
    QByteArray adminToken;
};

World *world = nullptr;

void setUp()
{
    world = new World; // lives as long as the process
    QString error;
    const auto config = Config::load({},
        {u"storage/data_dir="_s + world->dir.path(), u"server/base_url=http://dimos.test"_s, u"auth/argon2_ops=1"_s,
            u"auth/argon2_mem_mib=1"_s, u"http/access_log=false"_s, u"open311/require_api_key=false"_s,
            u"open311/reports_per_hour_per_address=100000"_s,
            u"open311/boundary_file="_s + QStringLiteral(DIMOS_SOURCE_DIR)
                + u"/resources/demo/serres-boundary.geojson"_s},
        &error);
    FUZZ_REQUIRE(config.has_value());
    world->server = std::make_unique<Server>(*config, world->clock);
    FUZZ_REQUIRE(world->server->open(&error));
    AppContext &ctx = world->server->context();
    Department d;
    d.code = u"roads"_s;
    d.name = {u"Οδοποιία"_s, u"Roads"_s};
    const qint64 dept = ctx.catalog->insertDepartment(d, world->clock.nowMs());
    Category c;
    c.code = u"pothole"_s;
    c.name = {u"Λακκούβα"_s, u"Pothole"_s};
    c.departmentId = dept;
    AttributeDefinition size;
    size.code = u"size"_s;
    size.type = AttributeType::SingleValueList;
    size.required = true;
    size.values = {{u"small"_s, {u"μικρή"_s, u"small"_s}}, {u"large"_s, {u"μεγάλη"_s, u"large"_s}}};
    AttributeDefinition depth;
    depth.code = u"depth"_s;
    depth.type = AttributeType::Number;
    c.attributes = {size, depth};
    ctx.catalog->insertCategory(c, world->clock.nowMs());
    StaffUser admin;
    admin.username = u"admin"_s;
    admin.displayName = u"Admin"_s;
    admin.role = Role::Admin;
    ctx.auth->createUser(admin, u"fuzz password 123"_s);
    world->adminToken = ctx.auth->login(u"admin"_s, u"fuzz password 123"_s, u"fuzz"_s).token.toLatin1();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    new QCoreApplication(*argc, *argv); // for the SQL driver plugins; lives as long as the process
    setUp();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const qsizetype headEnd = input.indexOf("\n\n");
    const QByteArray head = headEnd < 0 ? input : input.left(headEnd);
    HttpRequest request;
    request.body = headEnd < 0 ? QByteArray() : input.mid(headEnd + 2);
    QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.takeFirst().split(' ');
    request.method = requestLine.value(0).toUpper();
    if (request.method == "HEAD") {
        request.method = "GET";
        request.headOnly = true;
    }
    const QByteArray target = requestLine.value(1);
    const qsizetype q = target.indexOf('?');
    request.path = QUrl::fromPercentEncoding(q < 0 ? target : target.left(q));
    if (q >= 0)
        request.query = parseQueryString(QByteArrayView(target).sliced(q + 1));
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        QByteArray value = line.mid(colon + 1).trimmed();
        value.replace("$ADMIN", world->adminToken);
        request.headers.append({line.left(colon).trimmed().toLower(), value});
    }
    request.remote = QHostAddress(u"192.0.2.1"_s);

    const Router::Result route = world->server->router().resolve(request.method, request.path, &request.params);
    if (!route.handler)
        return 0;
    try {
        const HttpResponse response = (*route.handler)(request);
        FUZZ_REQUIRE(response.status >= 100 && response.status <= 599);
        serializeResponse(response, true, request.headOnly);
    } catch (const ApiError &e) {
        FUZZ_REQUIRE(!e.message.isEmpty());
        FUZZ_REQUIRE(httpStatus(e.kind) >= 400 && httpStatus(e.kind) <= 599);
    }
    world->clock.advanceMs(1000);
    return 0;
}
