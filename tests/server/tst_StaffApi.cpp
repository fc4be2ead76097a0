// The staff REST API (/api/v1) end to end over real sockets: sign-in and sessions, who may
// call which route, the report list (filters, Greek-aware search, keyset pages), report
// detail and history, every report action with its version guard, and the admin CRUD of
// departments, categories and users (with the Open311 catalogue following at once).
#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUrl>

#include "RequestFixtures.h"
#include "server/core/AuthService.h"
#include "server/core/CitizenAccounts.h"
#include "server/core/InformationService.h"
#include "server/core/PhotoProcessor.h"
#include "server/core/ReportService.h"
#include "server/gis/GisLayers.h"
#include "server/gis/LayerImports.h"
#include "server/http/Router.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/ProtocolRepository.h"
#include "server/storage/ReportRepository.h"
#include "server/storage/RoutingRuleRepository.h"
#include "server/web/CitizenSession.h"
#include "shared/util/TimeFormat.h"
#include "support/Browser.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

constexpr qint64 kT0 = 1'790'000'000'000; // a whole second, so ISO datetimes round-trip exactly
constexpr qint64 kHourMs = 3600LL * 1000;

QJsonObject errorOf(const Reply &r)
{
    return r.object().value(u"error"_s).toObject();
}

QString errorKind(const Reply &r)
{
    return errorOf(r).value(u"kind"_s).toString();
}

QJsonObject reportOf(const Reply &r)
{
    return r.object().value(u"report"_s).toObject();
}

QByteArray describe(const Reply &r)
{
    return QByteArray("HTTP " + QByteArray::number(r.status) + ": " + r.body.left(600));
}

// "a=1&q=Σέρρες" → "a=1&q=%CE%A3..." (values percent-encoded, keys as given).
QString encodeQuery(const QString &query)
{
    QStringList out;
    for (const QString &pair : query.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(u'=');
        const QString key = eq < 0 ? pair : pair.left(eq);
        const QString value = eq < 0 ? QString() : pair.mid(eq + 1);
        out.append(QString(key + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value))));
    }
    return out.join(u'&');
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Two departments with a category each, and staff around them: a clerk in each, a manager
// and an administrator. Reports are filed through ReportService, as the Open311 front does.
class World
{
public:
    explicit World(const QStringList &overrides = {}) : ts(overrides) { ts.clock().setMs(kT0); }

    bool setUp(QString *error)
    {
        if (!ts.start(error))
            return false;
        roads = ts.addDepartment(u"roads"_s);
        parks = ts.addDepartment(u"parks"_s);
        ts.addCategory(u"pothole"_s, roads);
        ts.addCategory(u"bench"_s, parks);
        clerkRoads = ts.addUser(u"clerk-roads"_s, Role::Clerk, {roads});
        clerkParks = ts.addUser(u"clerk-parks"_s, Role::Clerk, {parks});
        managerRoads = ts.addUser(u"manager-roads"_s, Role::Manager, {roads});
        admin = ts.addUser(u"admin"_s, Role::Admin, {});
        return true;
    }

    qint64 file(const QString &category, const QString &description = u"Λακκούβα στο δρόμο"_s, double lat = kInsideLat,
        double lon = kInsideLon)
    {
        NewReport in;
        in.serviceCode = category;
        in.lat = lat;
        in.lon = lon;
        in.description = description;
        in.contact = {u"maria@example.org"_s, u"Μαρία"_s, u"Παπαδοπούλου"_s, u"+302321000000"_s, {}, {}};
        in.channel = u"web"_s;
        return ts.ctx().reportService->create(in).id;
    }

    qint64 fileAtAddress(const QString &category, const QString &description, const QString &address)
    {
        NewReport in;
        in.serviceCode = category;
        in.addressString = address;
        in.description = description;
        in.channel = u"web"_s;
        return ts.ctx().reportService->create(in).id;
    }

    Report stored(qint64 id) { return ts.ctx().reports->find(id).value(); }
    int version(qint64 id) { return stored(id).version; }
    int historySize(qint64 id) { return static_cast<int>(ts.ctx().reports->history(id, false).size()); }

    // Moves a report into `status` through the service, as the admin (setting up a test).
    void bring(qint64 id, ReportStatus status)
    {
        ReportService &s = *ts.ctx().reportService;
        if (status == ReportStatus::New)
            return;
        if (status == ReportStatus::Duplicate)
            s.markDuplicate(admin, id, version(id), file(stored(id).serviceCode), {});
        else
            s.changeStatus(admin, id, version(id), status, u"setup"_s, false);
    }

    Reply act(const QString &token, qint64 id, const QString &action, QJsonObject body)
    {
        return ts.postJson(u"/api/v1/reports/%1/%2"_s.arg(id).arg(action), body, token);
    }

    TestServer ts;
    qint64 roads = 0;
    qint64 parks = 0;
    StaffUser clerkRoads, clerkParks, managerRoads, admin;
};

#define START_WORLD(w)                                                                                                 \
    do {                                                                                                               \
        QString startError;                                                                                            \
        QVERIFY2((w).setUp(&startError), qPrintable(startError));                                                      \
    } while (false)

// ---- the role matrix --------------------------------------------------------------------

// A citizen is signed in on the web pages (the dimos_session cookie of a citizen account): the
// staff API knows no such session, so every staff route answers them as it answers anyone.
enum Who { Anonymous, SignedInCitizenCaller, ClerkOther, ClerkOwn, Manager, Admin, WhoCount };
constexpr const char *kWhoNames[WhoCount] = {"anonymous", "signed-in citizen", "clerk of another department",
    "clerk of the department", "manager of the department", "admin"};

struct RouteCase
{
    const char *method;
    const char *pattern;
    const char *variant;
    int expected[WhoCount]; // anonymous, citizen, clerk (other dept), clerk (own dept), manager, admin
};

// Every route StaffApi.cpp and GisApi.cpp register (routesTableIsComplete checks the list against the
// source). Reports belong to "roads"; the manager manages "roads"; the admin has no department.
constexpr RouteCase kRoutes[] = {
    {"POST", "/api/v1/auth/login", "", {200, 200, 200, 200, 200, 200}},
    {"POST", "/api/v1/auth/logout", "", {401, 401, 204, 204, 204, 204}},
    {"GET", "/api/v1/me", "", {401, 401, 200, 200, 200, 200}},
    {"GET", "/api/v1/reports", "", {401, 401, 200, 200, 200, 200}},
    {"GET", "/api/v1/reports/{id}", "", {401, 401, 200, 200, 200, 200}},
    {"POST", "/api/v1/reports/{id}/acknowledge", "", {401, 401, 403, 200, 200, 200}},
    {"POST", "/api/v1/reports/{id}/assign", "assignee", {401, 401, 403, 200, 200, 200}},
    {"POST", "/api/v1/reports/{id}/assign", "move to another department", {401, 401, 403, 403, 200, 200}},
    {"POST", "/api/v1/reports/{id}/status", "", {401, 401, 403, 200, 200, 200}},
    {"POST", "/api/v1/reports/{id}/notes", "", {401, 401, 403, 200, 200, 200}},
    {"POST", "/api/v1/reports/{id}/priority", "", {401, 401, 403, 200, 200, 200}},
    {"POST", "/api/v1/reports/{id}/duplicate", "", {401, 401, 403, 200, 200, 200}},
    {"POST", "/api/v1/reports/{id}/reopen", "", {401, 401, 403, 200, 200, 200}},
    {"POST", "/api/v1/reports/{id}/schedule", "", {401, 401, 403, 200, 200, 200}},
    {"POST", "/api/v1/reports/{id}/moderation", "", {401, 401, 403, 200, 200, 200}},
    {"POST", "/api/v1/reports/{id}/photo", "", {401, 401, 403, 200, 200, 200}},
    {"POST", "/api/v1/reports/{id}/redact", "", {401, 401, 403, 200, 200, 200}},
    {"GET", "/api/v1/boundary", "", {401, 401, 200, 200, 200, 200}},
    {"GET", "/api/v1/departments", "", {401, 401, 200, 200, 200, 200}},
    {"POST", "/api/v1/departments", "", {401, 401, 403, 403, 403, 201}},
    {"PUT", "/api/v1/departments/{id}", "", {401, 401, 403, 403, 403, 200}},
    {"GET", "/api/v1/categories", "", {401, 401, 200, 200, 200, 200}},
    {"POST", "/api/v1/categories", "", {401, 401, 403, 403, 403, 201}},
    {"PUT", "/api/v1/categories/{code}", "", {401, 401, 403, 403, 403, 200}},
    {"GET", "/api/v1/users", "", {401, 401, 200, 200, 200, 200}},
    {"POST", "/api/v1/users", "", {401, 401, 403, 403, 403, 201}},
    {"PUT", "/api/v1/users/{id}", "", {401, 401, 403, 403, 403, 200}},
    {"GET", "/api/v1/reports/export.csv", "", {401, 401, 200, 200, 200, 200}},
    // AdminApi.cpp: routing rules and password resets are for admins; everyone signed in
    // changes their own password.
    {"POST", "/api/v1/users/{id}/password", "", {401, 401, 403, 403, 403, 200}},
    {"POST", "/api/v1/me/password", "", {401, 401, 200, 200, 200, 200}},
    {"GET", "/api/v1/routing-rules", "", {401, 401, 403, 403, 403, 200}},
    {"GET", "/api/v1/routing-rules/areas", "", {401, 401, 403, 403, 403, 200}},
    {"POST", "/api/v1/routing-rules", "", {401, 401, 403, 403, 403, 201}},
    {"PUT", "/api/v1/routing-rules/{id}", "", {401, 401, 403, 403, 403, 200}},
    {"DELETE", "/api/v1/routing-rules/{id}", "", {401, 401, 403, 403, 403, 204}},
    // Information items: "events" belongs to roads, "notices" to parks. Admins and managers
    // publish in any information category, a clerk in those of their own departments.
    {"GET", "/api/v1/information/items", "", {401, 401, 200, 200, 200, 200}},
    {"POST", "/api/v1/information/items", "", {401, 401, 403, 201, 201, 201}},
    {"POST", "/api/v1/information/items", "category of another department", {401, 401, 201, 403, 201, 201}},
    {"GET", "/api/v1/information/items/{id}", "", {401, 401, 200, 200, 200, 200}},
    {"PUT", "/api/v1/information/items/{id}", "", {401, 401, 403, 200, 200, 200}},
    {"POST", "/api/v1/information/items/{id}/withdraw", "", {401, 401, 403, 200, 200, 200}},
    {"POST", "/api/v1/information/items/{id}/photos", "", {401, 401, 403, 201, 201, 201}},
    {"DELETE", "/api/v1/information/items/{id}/photos/{photo}", "", {401, 401, 403, 200, 200, 200}},
    // The protocol register: every staff member searches and registers; the confidential book
    // is for managers and admins; importing another system's numbers is for admins.
    {"GET", "/api/v1/protocol/books", "", {401, 401, 200, 200, 200, 200}},
    {"GET", "/api/v1/protocol", "", {401, 401, 200, 200, 200, 200}},
    {"GET", "/api/v1/protocol/export.csv", "", {401, 401, 200, 200, 200, 200}},
    {"GET", "/api/v1/protocol/{id}", "", {401, 401, 200, 200, 200, 200}},
    {"GET", "/api/v1/protocol/{id}", "confidential book", {401, 401, 403, 403, 200, 200}},
    {"POST", "/api/v1/protocol", "", {401, 401, 201, 201, 201, 201}},
    {"POST", "/api/v1/protocol", "confidential book", {401, 401, 403, 403, 201, 201}},
    {"POST", "/api/v1/protocol/import", "", {401, 401, 403, 403, 403, 200}},
    // RequestApi.cpp (e-Dimotis): the request belongs to roads; managers and admins act on any
    // request, clerks on their departments' only; request types are written and the audit log
    // read by admins.
    {"GET", "/api/v1/request-types", "", {401, 401, 200, 200, 200, 200}},
    {"POST", "/api/v1/request-types", "", {401, 401, 403, 403, 403, 201}},
    {"PUT", "/api/v1/request-types/{code}", "", {401, 401, 403, 403, 403, 200}},
    {"GET", "/api/v1/requests", "", {401, 401, 200, 200, 200, 200}},
    {"GET", "/api/v1/requests/{id}", "", {401, 401, 403, 200, 200, 200}},
    {"GET", "/api/v1/requests/{id}/documents/{docId}", "", {401, 401, 403, 200, 200, 200}},
    {"GET", "/api/v1/requests/{id}/answer.pdf", "", {401, 401, 403, 200, 200, 200}},
    {"POST", "/api/v1/requests/{id}/claim", "", {401, 401, 403, 200, 200, 200}},
    {"POST", "/api/v1/requests/{id}/ask", "", {401, 401, 403, 200, 200, 200}},
    {"POST", "/api/v1/requests/{id}/issue", "", {401, 401, 403, 200, 200, 200}},
    {"POST", "/api/v1/requests/{id}/reject", "", {401, 401, 403, 200, 200, 200}},
    {"GET", "/api/v1/audit", "", {401, 401, 403, 403, 403, 200}},
    // GisApi.cpp: public reads, the same for everyone
    {"GET", "/api/v1/layers", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/layers/{code}/features.geojson", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/whatishere", "", {200, 200, 200, 200, 200, 200}},
    // GisApi.cpp: importing (asynchronous: 202), its progress, editing and removing layers are for admins
    {"POST", "/api/v1/layers", "", {401, 401, 403, 403, 403, 202}},
    {"GET", "/api/v1/layers/imports/{id}", "", {401, 401, 403, 403, 403, 200}},
    {"PUT", "/api/v1/layers/{code}", "", {401, 401, 403, 403, 403, 200}},
    {"DELETE", "/api/v1/layers/{code}", "", {401, 401, 403, 403, 403, 204}},
};

// ---- the report list ----------------------------------------------------------------------

// Five reports with different status, category, department, assignee, priority, place and
// update time; returns name → id. Created at kT0; r2, r3, r4, r5 changed at kT1; r4 again at kT2.
constexpr qint64 kT1 = kT0 + 10'000;
constexpr qint64 kT2 = kT0 + 20'000;

QHash<QString, qint64> seedList(World &w)
{
    QHash<QString, qint64> ids;
    ids[u"r1"_s] = w.file(u"pothole"_s, u"Λακκούβα στην οδό Μεραρχίας, Σέρρες"_s, 41.0912, 23.5486);
    ids[u"r2"_s] = w.file(u"pothole"_s, u"Σπασμένο φανάρι στη διασταύρωση"_s, 41.0850, 23.5400);
    ids[u"r3"_s] = w.file(u"bench"_s, u"Broken bench in the park"_s, 41.0950, 23.5550);
    ids[u"r4"_s] = w.file(u"bench"_s, u"Graffiti on the bench"_s, 41.0980, 23.5520);
    ids[u"r5"_s] = w.fileAtAddress(u"pothole"_s, u"Λακκούβα χωρίς σημείο στο χάρτη"_s, u"Οδός Ερμού 10"_s);
    ReportService &s = *w.ts.ctx().reportService;
    w.ts.clock().setMs(kT1);
    const qint64 r2 = ids[u"r2"_s], r3 = ids[u"r3"_s], r4 = ids[u"r4"_s], r5 = ids[u"r5"_s];
    s.assign(w.admin, r2, w.version(r2), std::nullopt, w.clerkRoads.id, false);
    s.setPriority(w.admin, r2, w.version(r2), Priority::High);
    s.changeStatus(w.admin, r2, w.version(r2), ReportStatus::InProgress, {}, true);
    s.setPriority(w.admin, r3, w.version(r3), Priority::Low);
    s.changeStatus(w.admin, r3, w.version(r3), ReportStatus::Resolved, u"Επισκευάστηκε"_s, true);
    s.assign(w.admin, r4, w.version(r4), std::nullopt, w.clerkParks.id, false);
    s.setPriority(w.admin, r4, w.version(r4), Priority::Urgent);
    s.changeStatus(w.admin, r4, w.version(r4), ReportStatus::Closed, {}, true);
    s.acknowledge(w.admin, r5, w.version(r5), {});
    w.ts.clock().setMs(kT2);
    s.addNote(w.admin, r4, w.version(r4), u"Καθαρίστηκε"_s, true);
    return ids;
}

QString substitute(QString text, const World &w)
{
    return text.replace(u"{roads}"_s, QString::number(w.roads))
        .replace(u"{parks}"_s, QString::number(w.parks))
        .replace(u"{clerkRoads}"_s, QString::number(w.clerkRoads.id))
        .replace(u"{clerkParks}"_s, QString::number(w.clerkParks.id))
        .replace(u"{T0}"_s, formatUtc(kT0))
        .replace(u"{T1}"_s, formatUtc(kT1))
        .replace(u"{T2}"_s, formatUtc(kT2));
}

QList<qint64> idsOf(const Reply &r)
{
    QList<qint64> out;
    for (const QJsonValue &v : r.object().value(u"reports"_s).toArray())
        out.append(v.toObject().value(u"id"_s).toInteger());
    return out;
}

QStringList namesOf(const QList<qint64> &ids, const QHash<QString, qint64> &names)
{
    QStringList out;
    for (qint64 id : ids)
        out.append(names.key(id, u"?"_s));
    return out;
}

} // namespace

class tst_StaffApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Sign-in and sessions
    void loginReturnsTokenExpiryAndUser();
    void loginFailuresLookAlike_data();
    void loginFailuresLookAlike();
    void loginNeedsUsernameAndPassword();
    void repeatedFailuresGet429WithRetryAfter();
    void logoutRevokesOnlyThatToken();
    void tokenExpiresAfterItsLifetime();
    void meDescribesTheUser();
    void badAuthorizationHeaderGets401_data();
    void badAuthorizationHeaderGets401();
    void disablingAUserEndsTheirSessions();

    // Who may call what
    void routesTableIsComplete();
    void roleMatrix_data();
    void roleMatrix();
    void protocolRegistrationChecksItsInput();

    // The report list
    void listFilters_data();
    void listFilters();
    void listOrder_data();
    void listOrder();
    void listBadParameters_data();
    void listBadParameters();
    void keysetPaginationWalksEveryRowOnce_data();
    void keysetPaginationWalksEveryRowOnce();

    // Report detail
    void detailHasHistory();
    void contactVisibility_data();
    void contactVisibility();
    void unknownReportIs404_data();
    void unknownReportIs404();

    // Actions
    void acknowledge();
    void assignAndClearAssignee();
    void moveToAnotherDepartment();
    void statusNotePublicOrInternal_data();
    void statusNotePublicOrInternal();
    void statusTransitions_data();
    void statusTransitions();
    void notes_data();
    void notes();
    void priority();
    void duplicate_data();
    void duplicate();
    void reopen_data();
    void reopen();
    void schedule_data();
    void schedule();
    void everyActionBumpsVersion_data();
    void everyActionBumpsVersion();
    void staleVersionGets409AndOverwritesNothing_data();
    void staleVersionGets409AndOverwritesNothing();
    void actionFieldErrors_data();
    void actionFieldErrors();

    // Administration
    void departmentsCrud();
    void departmentPayloadErrors_data();
    void departmentPayloadErrors();
    void categoryCreatedAppearsInOpen311AtOnce();
    void categoryPayloadErrors_data();
    void categoryPayloadErrors();
    void usersCrud();
    void userUpdateWithBadPasswordChangesNothing();
    void userPayloadErrors_data();
    void userPayloadErrors();
    void bodyEncodingErrors_data();
    void bodyEncodingErrors();
};

// ---- sign-in and sessions -------------------------------------------------------------------

void tst_StaffApi::loginReturnsTokenExpiryAndUser()
{
    World w;
    START_WORLD(w);
    const Reply r = w.ts.postJson(u"/api/v1/auth/login"_s,
        {{u"username"_s, u"clerk-roads"_s}, {u"password"_s, QString::fromLatin1(TestServer::kPassword)}});
    QVERIFY2(r.status == 200, describe(r));
    const QJsonObject o = r.object();
    const QString token = o.value(u"token"_s).toString();
    QVERIFY(token.size() >= 16);
    QCOMPARE(o.value(u"expires_at"_s).toString(), formatUtc(kT0 + 12 * kHourMs)); // the default lifetime
    const QJsonObject user = o.value(u"user"_s).toObject();
    QCOMPARE(user.value(u"username"_s).toString(), u"clerk-roads"_s);
    QCOMPARE(user.value(u"id"_s).toInteger(), w.clerkRoads.id);
    QCOMPARE(user.value(u"role"_s).toString(), u"clerk"_s);
    QCOMPARE(user.value(u"department_ids"_s).toArray(), QJsonArray{w.roads});
    QVERIFY(!o.contains(u"password"_s) && !user.contains(u"password_hash"_s));

    const Reply me = w.ts.get(u"/api/v1/me"_s, token);
    QVERIFY2(me.status == 200, describe(me));
    QCOMPARE(me.object().value(u"user"_s).toObject().value(u"id"_s).toInteger(), w.clerkRoads.id);
}

void tst_StaffApi::loginFailuresLookAlike_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("disable");
    const QString good = QString::fromLatin1(TestServer::kPassword);
    QTest::newRow("wrong password") << u"clerk-roads"_s << u"not the password"_s << false;
    QTest::newRow("unknown user") << u"nobody"_s << good << false;
    QTest::newRow("disabled account, right password") << u"clerk-roads"_s << good << true;
}

void tst_StaffApi::loginFailuresLookAlike()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(bool, disable);
    World w;
    START_WORLD(w);
    if (disable)
        w.ts.ctx().auth->setActive(u"clerk-roads"_s, false);
    const Reply r = w.ts.postJson(u"/api/v1/auth/login"_s, {{u"username"_s, username}, {u"password"_s, password}});
    QVERIFY2(r.status == 401, describe(r));
    QCOMPARE(errorKind(r), u"unauthorized"_s);
    QVERIFY(!r.object().contains(u"token"_s));
    // The same words as for a name that does not exist: names cannot be probed.
    const Reply reference = w.ts.postJson(
        u"/api/v1/auth/login"_s, {{u"username"_s, u"no-such-user"_s}, {u"password"_s, u"whatever at all"_s}});
    QCOMPARE(reference.status, 401);
    QVERIFY(!errorOf(r).value(u"message"_s).toString().isEmpty());
    QCOMPARE(errorOf(r).value(u"message"_s).toString(), errorOf(reference).value(u"message"_s).toString());
}

void tst_StaffApi::loginNeedsUsernameAndPassword()
{
    World w;
    START_WORLD(w);
    for (const QJsonObject &body : {QJsonObject{{u"username"_s, u"clerk-roads"_s}},
             QJsonObject{{u"password"_s, QString::fromLatin1(TestServer::kPassword)}},
             QJsonObject{{u"username"_s, 42}, {u"password"_s, u"x"_s}}}) {
        const Reply r = w.ts.postJson(u"/api/v1/auth/login"_s, body);
        QVERIFY2(r.status == 422, describe(r));
        QCOMPARE(errorKind(r), u"validation"_s);
    }
}

void tst_StaffApi::repeatedFailuresGet429WithRetryAfter()
{
    World w({u"auth/max_login_failures=3"_s, u"auth/login_window_minutes=5"_s});
    START_WORLD(w);
    const QJsonObject wrong{{u"username"_s, u"clerk-roads"_s}, {u"password"_s, u"not the password"_s}};
    const QJsonObject right{
        {u"username"_s, u"clerk-roads"_s}, {u"password"_s, QString::fromLatin1(TestServer::kPassword)}};
    for (int i = 0; i < 3; ++i) {
        const Reply r = w.ts.postJson(u"/api/v1/auth/login"_s, wrong);
        QVERIFY2(r.status == 401, describe(r));
    }
    // Locked now, even with the right password.
    const Reply locked = w.ts.postJson(u"/api/v1/auth/login"_s, right);
    QVERIFY2(locked.status == 429, describe(locked));
    QCOMPARE(errorKind(locked), u"too_many_requests"_s);
    bool ok = false;
    const int retryAfter = locked.header("retry-after").toInt(&ok);
    QVERIFY2(ok && retryAfter > 0 && retryAfter <= 300, locked.header("retry-after").constData());
    QVERIFY(!locked.object().contains(u"token"_s));

    w.ts.clock().advanceMs((retryAfter - 1) * 1000LL);
    QCOMPARE(w.ts.postJson(u"/api/v1/auth/login"_s, right).status, 429);
    w.ts.clock().advanceMs(1000);
    const Reply again = w.ts.postJson(u"/api/v1/auth/login"_s, right);
    QVERIFY2(again.status == 200, describe(again));
    QVERIFY(!again.object().value(u"token"_s).toString().isEmpty());
}

void tst_StaffApi::logoutRevokesOnlyThatToken()
{
    World w;
    START_WORLD(w);
    const Reply login = w.ts.postJson(u"/api/v1/auth/login"_s,
        {{u"username"_s, u"clerk-roads"_s}, {u"password"_s, QString::fromLatin1(TestServer::kPassword)}});
    QCOMPARE(login.status, 200);
    const QString token = login.object().value(u"token"_s).toString();
    const QString other = w.ts.login(u"clerk-roads"_s);
    QCOMPARE(w.ts.get(u"/api/v1/me"_s, token).status, 200);

    const Reply out = w.ts.send("POST"_ba, u"/api/v1/auth/logout"_s, {}, {}, token);
    QVERIFY2(out.status == 204, describe(out));
    const Reply after = w.ts.get(u"/api/v1/me"_s, token);
    QCOMPARE(after.status, 401);
    QCOMPARE(errorKind(after), u"unauthorized"_s);
    QCOMPARE(w.ts.send("POST"_ba, u"/api/v1/auth/logout"_s, {}, {}, token).status, 401);
    QCOMPARE(w.ts.get(u"/api/v1/reports"_s, token).status, 401);
    QCOMPARE(w.ts.get(u"/api/v1/me"_s, other).status, 200); // the user's other session lives on
}

void tst_StaffApi::tokenExpiresAfterItsLifetime()
{
    World w({u"auth/token_lifetime_hours=2"_s});
    START_WORLD(w);
    const Reply login = w.ts.postJson(u"/api/v1/auth/login"_s,
        {{u"username"_s, u"admin"_s}, {u"password"_s, QString::fromLatin1(TestServer::kPassword)}});
    QCOMPARE(login.status, 200);
    QCOMPARE(login.object().value(u"expires_at"_s).toString(), formatUtc(kT0 + 2 * kHourMs));
    const QString token = login.object().value(u"token"_s).toString();
    w.ts.clock().advanceMs(2 * kHourMs - 1000);
    QCOMPARE(w.ts.get(u"/api/v1/me"_s, token).status, 200);
    w.ts.clock().advanceMs(1000);
    const Reply expired = w.ts.get(u"/api/v1/me"_s, token);
    QCOMPARE(expired.status, 401);
    QCOMPARE(errorKind(expired), u"unauthorized"_s);
    QCOMPARE(w.ts.get(u"/api/v1/departments"_s, token).status, 401);
}

void tst_StaffApi::meDescribesTheUser()
{
    World w;
    START_WORLD(w);
    const StaffUser both = w.ts.addUser(u"two-hats"_s, Role::Manager, {w.roads, w.parks});
    const Reply r = w.ts.get(u"/api/v1/me"_s, w.ts.login(u"two-hats"_s));
    QVERIFY2(r.status == 200, describe(r));
    const QJsonObject user = r.object().value(u"user"_s).toObject();
    QCOMPARE(user.value(u"id"_s).toInteger(), both.id);
    QCOMPARE(user.value(u"username"_s).toString(), u"two-hats"_s);
    QCOMPARE(user.value(u"role"_s).toString(), u"manager"_s);
    QCOMPARE(user.value(u"active"_s).toBool(), true);
    QCOMPARE(user.value(u"department_ids"_s).toArray(), (QJsonArray{w.roads, w.parks}));
}

void tst_StaffApi::badAuthorizationHeaderGets401_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::newRow("none") << QByteArray();
    QTest::newRow("basic") << "Authorization: Basic YWRtaW46cGFzc3dvcmQ=\r\n"_ba;
    QTest::newRow("empty bearer") << "Authorization: Bearer \r\n"_ba;
    QTest::newRow("unknown bearer") << "Authorization: Bearer 0123456789abcdef0123456789abcdef\r\n"_ba;
    QTest::newRow("huge bearer") << QByteArray("Authorization: Bearer " + QByteArray(2000, 'a') + "\r\n");
}

void tst_StaffApi::badAuthorizationHeaderGets401()
{
    QFETCH(QByteArray, authorization);
    World w;
    START_WORLD(w);
    const QByteArray answer
        = w.ts.raw("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + authorization + "\r\n", 8000);
    QVERIFY2(answer.startsWith("HTTP/1.1 401"), answer.left(300).constData());
    const QJsonObject body = QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4)).object();
    QCOMPARE(body.value(u"error"_s).toObject().value(u"kind"_s).toString(), u"unauthorized"_s);
    QVERIFY(!body.value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
}

void tst_StaffApi::disablingAUserEndsTheirSessions()
{
    World w;
    START_WORLD(w);
    const QString clerk = w.ts.login(u"clerk-roads"_s);
    QCOMPARE(w.ts.get(u"/api/v1/me"_s, clerk).status, 200);
    const Reply r = w.ts.send("PUT"_ba, u"/api/v1/users/%1"_s.arg(w.clerkRoads.id), compact({{u"active"_s, false}}),
        "application/json"_ba, w.ts.login(u"admin"_s));
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(r.object().value(u"user"_s).toObject().value(u"active"_s).toBool(true), false);
    QCOMPARE(w.ts.get(u"/api/v1/me"_s, clerk).status, 401);
}

// ---- who may call what ----------------------------------------------------------------------

// The /api/v1 routes; tst_PublicRoutes::routesTableIsComplete checks every other route, so the
// two suites together walk everything the server registers.
void tst_StaffApi::routesTableIsComplete()
{
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    QStringList registered;
    for (const QString &route : ts.server().router().routeList())
        if (route.section(u' ', 1).startsWith(u"/api/v1/"_s))
            registered.append(route);
    QVERIFY(registered.size() >= 20);
    QStringList table;
    for (const RouteCase &rc : kRoutes) {
        const QString route = QString::fromLatin1(rc.method) + u' ' + QString::fromLatin1(rc.pattern);
        if (!table.contains(route))
            table.append(route);
    }
    registered.sort();
    table.sort();
    QCOMPARE(table, registered);
}

void tst_StaffApi::roleMatrix_data()
{
    QTest::addColumn<int>("route");
    QTest::addColumn<int>("who");
    for (int route = 0; route < int(std::size(kRoutes)); ++route) {
        const RouteCase &rc = kRoutes[route];
        for (int who = 0; who < WhoCount; ++who)
            QTest::addRow(
                "%s %s%s%s as %s", rc.method, rc.pattern, *rc.variant ? " — " : "", rc.variant, kWhoNames[who])
                << route << who;
    }
}

void tst_StaffApi::roleMatrix()
{
    QFETCH(int, route);
    QFETCH(int, who);
    const RouteCase &rc = kRoutes[route];
    const int expected = rc.expected[who];
    World w;
    START_WORLD(w);

    const StaffUser *const users[WhoCount]
        = {nullptr, nullptr, &w.clerkParks, &w.clerkRoads, &w.managerRoads, &w.admin};
    const StaffUser *user = users[who];
    const QString token = user ? w.ts.login(user->username) : QString();
    const qint64 target = w.file(u"pothole"_s);
    const QString pattern = QString::fromLatin1(rc.pattern);
    const QString variant = QString::fromLatin1(rc.variant);
    const QString password = QString::fromLatin1(TestServer::kPassword);
    QString path = pattern;
    QJsonObject body;
    bool withBody = true;
    QByteArray rawBody, rawType; // a body that is not JSON (a photo)
    const QByteArray method(rc.method);
    FakeAnswerRenderer renderer;
    w.ts.ctx().answerRenderer = &renderer;
    qint64 request = 0; // an e-Dimotis request of roads, for the /api/v1/requests/{id} routes

    if (pattern == u"/api/v1/auth/login") {
        body = {{u"username"_s, (user ? *user : w.clerkRoads).username}, {u"password"_s, password}};
    } else if (pattern == u"/api/v1/auth/logout") {
        withBody = false;
    } else if (pattern.startsWith(u"/api/v1/reports/{id}")) {
        path.replace(u"{id}"_s, QString::number(target));
        const QString action = pattern.section(u'/', 5);
        if (action == u"reopen")
            w.bring(target, ReportStatus::Resolved);
        if (!action.isEmpty())
            body.insert(u"version"_s, w.version(target));
        if (action == u"assign" && variant == u"assignee")
            body.insert(u"assignee_id"_s, w.clerkRoads.id);
        else if (action == u"assign")
            body.insert(u"department_id"_s, w.parks);
        else if (action == u"status")
            body.insert(u"status"_s, u"in_progress"_s);
        else if (action == u"notes")
            body = {{u"version"_s, 1}, {u"text"_s, u"Θα το δούμε αύριο"_s}, {u"public"_s, true}};
        else if (action == u"priority")
            body.insert(u"priority"_s, u"urgent"_s);
        else if (action == u"duplicate")
            body.insert(u"duplicate_of"_s, w.file(u"pothole"_s));
        else if (action == u"schedule")
            body.insert(u"expected_datetime"_s, u"2026-12-01T09:00:00Z"_s);
        else if (action == u"moderation")
            body.insert(u"action"_s, u"hide"_s);
        else if (action == u"photo") {
            ReportPhoto photo;
            photo.sha256 = QString(64, u'a');
            photo.width = photo.height = 10;
            photo.isPublic = false;
            body.insert(u"photo_id"_s, w.ts.ctx().reports->addPhoto(target, photo));
            body.insert(u"public"_s, true);
        } else if (action == u"redact") {
            body.insert(u"description"_s, u"redacted text"_s);
            body.insert(u"reason"_s, u"personal data"_s);
        }
    } else if (pattern == u"/api/v1/departments") {
        body = {{u"code"_s, u"water"_s}, {u"name"_s, QJsonObject{{u"el"_s, u"Ύδρευση"_s}, {u"en"_s, u"Water"_s}}}};
    } else if (pattern == u"/api/v1/departments/{id}") {
        path.replace(u"{id}"_s, QString::number(w.parks));
        body = {{u"name"_s, QJsonObject{{u"el"_s, u"Πράσινο"_s}, {u"en"_s, u"Green spaces"_s}}}};
    } else if (pattern == u"/api/v1/categories") {
        body = {{u"code"_s, u"streetlight"_s},
            {u"name"_s, QJsonObject{{u"el"_s, u"Φωτισμός"_s}, {u"en"_s, u"Street light"_s}}},
            {u"department_id"_s, w.roads}};
    } else if (pattern == u"/api/v1/categories/{code}") {
        path.replace(u"{code}"_s, u"pothole"_s);
        body = {{u"name"_s, QJsonObject{{u"el"_s, u"Λακκούβα"_s}, {u"en"_s, u"Pothole"_s}}}};
    } else if (pattern == u"/api/v1/users") {
        body = {{u"username"_s, u"new-clerk"_s}, {u"password"_s, password}, {u"role"_s, u"clerk"_s},
            {u"department_ids"_s, QJsonArray{w.roads}}};
    } else if (pattern == u"/api/v1/layers/{code}/features.geojson") {
        LayerImportRequest layer;
        layer.path = QStringLiteral(DIMOS_SOURCE_DIR) + u"/resources/demo/serres-boundary.geojson"_s;
        layer.code = u"boundary"_s;
        layer.kind = u"boundary"_s;
        layer.nameEl = u"Όρια"_s;
        QString error;
        QVERIFY2(w.ts.ctx().gis->importLayer(layer, {}, &error), qPrintable(error));
        path.replace(u"{code}"_s, layer.code);
        path += u"?bbox=23.5,41.0,23.6,41.1&zoom=10"_s;
    } else if (pattern == u"/api/v1/whatishere") {
        path += u"?lat=41.0912&lon=23.5486"_s;
    } else if (pattern == u"/api/v1/users/{id}/password") {
        path.replace(u"{id}"_s, QString::number(w.ts.addUser(u"someone"_s, Role::Clerk, {w.roads}).id));
        body = {}; // the server generates one
    } else if (pattern == u"/api/v1/me/password") {
        body = {{u"current_password"_s, password}, {u"password"_s, u"a brand new passphrase"_s}};
    } else if (pattern.startsWith(u"/api/v1/routing-rules")) {
        RoutingRule rule;
        rule.categoryCode = u"pothole"_s;
        rule.departmentId = w.parks;
        path.replace(u"{id}"_s, QString::number(w.ts.ctx().routingRules->insert(rule, kT0)));
        if (method == "POST")
            body = {{u"category"_s, u"bench"_s}, {u"department_id"_s, w.roads}};
        else if (method == "PUT")
            body = {{u"order"_s, 5}};
        else
            withBody = false;
    } else if (pattern == u"/api/v1/layers" && method == "POST") {
        path += u"?code=poi&kind=poi&name_el=Points&filename=poi.geojson"_s;
        rawBody = R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x"},)"
                  R"("geometry":{"type":"Point","coordinates":[23.55,41.09]}}]})"_ba;
        rawType = "application/octet-stream"_ba;
    } else if (pattern == u"/api/v1/layers/imports/{id}") {
        LayerImportRequest layer;
        layer.code = u"poi"_s;
        layer.kind = u"poi"_s;
        layer.nameEl = u"Σημεία"_s;
        QString error;
        const auto id = w.ts.ctx().layerImports->start(layer, u"poi.geojson"_s, "{}"_ba, &error);
        QVERIFY2(id, qPrintable(error));
        path.replace(u"{id}"_s, QString::number(*id));
    } else if (pattern == u"/api/v1/layers/{code}") {
        LayerImportRequest layer;
        layer.path = QStringLiteral(DIMOS_SOURCE_DIR) + u"/resources/demo/serres-boundary.geojson"_s;
        layer.code = u"boundary"_s;
        layer.kind = u"boundary"_s;
        layer.nameEl = u"Όρια"_s;
        QString error;
        QVERIFY2(w.ts.ctx().gis->importLayer(layer, {}, &error), qPrintable(error));
        path.replace(u"{code}"_s, layer.code);
        body = {{u"visible"_s, false}};
        withBody = method == "PUT";
    } else if (pattern == u"/api/v1/users/{id}") {
        path.replace(u"{id}"_s, QString::number(w.ts.addUser(u"someone"_s, Role::Clerk, {w.roads}).id));
        body = {{u"display_name"_s, u"Someone Else"_s}};
    } else if (pattern.startsWith(u"/api/v1/information/")) {
        for (const auto &[code, department] : {std::pair{u"events"_s, w.roads}, std::pair{u"notices"_s, w.parks}}) {
            Category c;
            c.code = code;
            c.name = {code, code};
            c.departmentId = department;
            c.kind = CategoryKind::Information;
            w.ts.ctx().catalog->insertCategory(c, kT0);
        }
        InformationItem draft;
        draft.categoryCode = u"events"_s;
        draft.title = {u"Συναυλία"_s, {}};
        draft.body = {u"Στην πλατεία"_s, {}};
        const InformationItem item = w.ts.ctx().informationService->publish(w.admin, draft);
        path.replace(u"{id}"_s, QString::number(item.id));
        if (pattern == u"/api/v1/information/items")
            body = {{u"category"_s, variant.isEmpty() ? u"events"_s : u"notices"_s},
                {u"title"_s, QJsonObject{{u"el"_s, u"Αγορά"_s}}},
                {u"text"_s, QJsonObject{{u"el"_s, u"Κάθε Σάββατο"_s}}}};
        else if (method == "PUT")
            body = {{u"version"_s, 1}, {u"title"_s, QJsonObject{{u"el"_s, u"Συναυλία (νέα ώρα)"_s}}}};
        else if (pattern.endsWith(u"/withdraw"))
            body = {{u"version"_s, 1}};
        else if (pattern.endsWith(u"/photos")) {
            QImage image(32, 24, QImage::Format_RGB32);
            image.fill(Qt::darkBlue);
            QBuffer buffer(&rawBody);
            buffer.open(QIODevice::WriteOnly);
            image.save(&buffer, "PNG");
            rawType = "image/png"_ba;
        } else if (pattern.endsWith(u"/{photo}")) {
            ProcessedPhoto photo;
            photo.sha256Hex = QByteArray(64, 'c');
            photo.jpeg = photo.thumbnail = "jpeg"_ba;
            photo.width = photo.height = 10;
            const InformationItem withPhoto = w.ts.ctx().informationService->addPhoto(w.admin, item.id, photo);
            path.replace(u"{photo}"_s, QString::number(withPhoto.photos.first().id));
            withBody = false;
        }
    } else if (pattern.startsWith(u"/api/v1/protocol")) {
        const QString book = variant.isEmpty() ? u"general"_s : u"confidential"_s;
        ProtocolEntry entry;
        entry.bookCode = book;
        entry.direction = u"in"_s;
        entry.correspondent = u"Παπαδόπουλος"_s;
        entry.subject = u"Αίτηση"_s;
        entry.registeredBy = u"test"_s;
        path.replace(u"{id}"_s, QString::number(w.ts.ctx().protocol->registerEntry(entry, kT0).id));
        if (pattern == u"/api/v1/protocol")
            body = {{u"book"_s, book}, {u"direction"_s, u"out"_s}, {u"correspondent"_s, u"ΔΕΥΑ Σερρών"_s},
                {u"subject"_s, u"Διαβιβαστικό"_s}};
        if (pattern == u"/api/v1/protocol/import") {
            rawBody = "number,registered_at,direction,correspondent,subject\r\n"
                      "900,2025-06-01T10:00:00+03:00,in,ΔΕΥΑ,Παλιό έγγραφο\r\n"_ba;
            rawType = "text/csv"_ba;
        }
    } else if (pattern.startsWith(u"/api/v1/request") || pattern == u"/api/v1/audit") {
        addRequestType(w.ts, u"residence"_s, w.roads);
        const qint64 citizen = addCitizen(w.ts, u"maria@example.org"_s);
        RequestService &s = *w.ts.ctx().requestService;
        const CitizenRequest r = s.submit(citizen, u"residence"_s, {{u"purpose"_s, {u"ΔΟΥ Σερρών"_s}}},
            {upload(u"utility_bill"_s, u"ΔΕΗ.pdf"_s, samplePdf())}, u"el"_s);
        request = r.id;
        path.replace(u"{id}"_s, QString::number(r.id));
        path.replace(u"{code}"_s, u"residence"_s);
        path.replace(u"{docId}"_s, QString::number(w.ts.ctx().requests->documents(r.id).first().id));
        if (pattern.endsWith(u"/answer.pdf"))
            s.issue(w.admin, r.id, r.version, {}, renderer);
        const int version = w.ts.ctx().requests->find(r.id)->version;
        if (pattern == u"/api/v1/request-types")
            body = RequestService::typeJson(*w.ts.ctx().requests->type(u"residence"_s));
        if (pattern == u"/api/v1/request-types")
            body.insert(u"code"_s, u"next_of_kin"_s);
        else if (pattern == u"/api/v1/request-types/{code}")
            body = RequestService::typeJson(*w.ts.ctx().requests->type(u"residence"_s));
        else if (pattern.endsWith(u"/ask"))
            body = {{u"version"_s, version}, {u"text"_s, u"Λογαριασμός ΔΕΗ του τελευταίου τριμήνου"_s}};
        else if (pattern.endsWith(u"/reject"))
            body = {{u"version"_s, version}, {u"reason"_s, u"Δεν είστε δημότης"_s}};
        else if (method == "POST")
            body = {{u"version"_s, version}};
    }
    QVERIFY2(!path.contains(u'{'), qPrintable(path)); // every placeholder was filled

    const int versionBefore = w.version(target);
    const QByteArray sentBody = !rawType.isEmpty() ? rawBody : withBody ? compact(body) : QByteArray();
    const QByteArray sentType = !rawType.isEmpty() ? rawType : withBody ? "application/json"_ba : QByteArray();
    Reply r;
    if (who == SignedInCitizenCaller) {
        // Signed in on the web pages with a citizen account: the session cookie a browser sends.
        CitizenAccounts &accounts = *w.ts.ctx().citizenAccounts;
        accounts.registerAccount(u"eleni@example.org"_s, password, u"el"_s, u"127.0.0.1"_s);
        const QString session = accounts.login(u"eleni@example.org"_s, password, u"127.0.0.1"_s).token;
        Browser browser(w.ts);
        browser.cookies.insert(QByteArray(citizensession::kCookieName), session.toLatin1());
        r = method == "GET" ? browser.get(path) : browser.request(method, path, sentBody, sentType);
        // Nor does the session token open anything as a bearer token.
        if (pattern != u"/api/v1/auth/login") {
            const Reply bearer
                = method == "GET" ? w.ts.get(path, session) : w.ts.send(method, path, sentBody, sentType, session);
            QVERIFY2(bearer.status == expected, describe(bearer));
        }
    } else {
        r = method == "GET" ? w.ts.get(path, token) : w.ts.send(method, path, sentBody, sentType, token);
    }
    QVERIFY2(r.status == expected, describe(r));
    if (expected == 401)
        QCOMPARE(errorKind(r), u"unauthorized"_s);
    if (expected == 403)
        QCOMPARE(errorKind(r), u"forbidden"_s);
    // A refused action leaves the report as it was; an accepted one moves its version on.
    if (pattern.startsWith(u"/api/v1/reports/{id}/"))
        QCOMPARE(w.version(target), expected == 200 ? versionBefore + 1 : versionBefore);
    if (pattern.startsWith(u"/api/v1/requests/{id}/") && method == "POST") {
        const CitizenRequest after = *w.ts.ctx().requests->find(request);
        QCOMPARE(after.status == u"submitted", expected != 200);
    }
    if (pattern == u"/api/v1/auth/logout" && expected == 204)
        QCOMPARE(w.ts.get(u"/api/v1/me"_s, token).status, 401);
}

// ---- the report list ------------------------------------------------------------------------

void tst_StaffApi::protocolRegistrationChecksItsInput()
{
    World w;
    START_WORLD(w);
    const QString clerk = w.ts.login(w.clerkRoads.username);
    const auto post = [&](const QJsonObject &body) {
        return w.ts.send("POST"_ba, u"/api/v1/protocol"_s, compact(body), "application/json"_ba, clerk);
    };
    const QJsonObject good{{u"direction"_s, u"in"_s}, {u"correspondent"_s, u"Παπαδοπούλου Μαρία"_s},
        {u"subject"_s, u"Αίτηση βεβαίωσης μόνιμης κατοικίας"_s}, {u"sender_reference_date"_s, u"2026-11-20"_s}};
    Reply r = post(good);
    QVERIFY2(r.status == 201, describe(r));
    const QJsonObject entry = r.object().value(u"entry"_s).toObject();
    QCOMPARE(entry.value(u"number"_s).toInteger(), 1);
    QVERIFY(entry.value(u"protocol_number"_s).toString().startsWith(u"1/"_s));
    QCOMPARE(entry.value(u"registered_by"_s).toString().isEmpty(), false);

    // Each mistake is named, and takes no number.
    const auto refused = [&](QJsonObject body, const QString &mentions) {
        const Reply bad = post(body);
        QVERIFY2(bad.status == 422 && errorKind(bad) == u"validation"_s, describe(bad));
        QVERIFY2(QString::fromUtf8(bad.body).contains(mentions), describe(bad));
    };
    QJsonObject b = good;
    b.insert(u"related_ids"_s, QJsonArray{999});
    refused(b, u"no protocol entry with id 999"_s);
    b = good;
    b.remove(u"subject"_s);
    refused(b, u"subject"_s);
    b = good;
    b.insert(u"direction"_s, u"sideways"_s);
    refused(b, u"direction"_s);
    b = good;
    b.insert(u"sender_reference_date"_s, u"20/11/2026"_s);
    refused(b, u"sender_reference_date"_s);
    // A clerk cannot relate to (and so find out about) an entry of the confidential book.
    ProtocolEntry secret;
    secret.bookCode = u"confidential"_s;
    secret.direction = u"in"_s;
    secret.correspondent = u"X"_s;
    secret.subject = u"Y"_s;
    secret.registeredBy = u"test"_s;
    const qint64 secretId = w.ts.ctx().protocol->registerEntry(secret, kT0).id;
    b = good;
    b.insert(u"related_ids"_s, QJsonArray{secretId});
    QCOMPARE(post(b).status, 403);

    b = good;
    b.insert(u"related_ids"_s, QJsonArray{entry.value(u"id"_s).toInteger()});
    r = post(b);
    QVERIFY2(r.status == 201, describe(r));
    QCOMPARE(r.object().value(u"entry"_s).toObject().value(u"number"_s).toInteger(), 2); // no gaps
}

void tst_StaffApi::listFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");
    const QStringList all{u"r1"_s, u"r2"_s, u"r3"_s, u"r4"_s, u"r5"_s};
    QTest::newRow("no filter") << QString() << all;
    QTest::newRow("status name") << u"status=new"_s << QStringList{u"r1"_s};
    QTest::newRow("status names") << u"status=in_progress,resolved"_s << QStringList{u"r2"_s, u"r3"_s};
    QTest::newRow("status open") << u"status=open"_s << QStringList{u"r1"_s, u"r2"_s, u"r5"_s};
    QTest::newRow("status closed") << u"status=closed"_s << QStringList{u"r3"_s, u"r4"_s};
    QTest::newRow("status open,closed") << u"status=open,closed"_s << all;
    QTest::newRow("status open or resolved")
        << u"status=open,resolved"_s << QStringList{u"r1"_s, u"r2"_s, u"r3"_s, u"r5"_s};
    QTest::newRow("category") << u"category=pothole"_s << QStringList{u"r1"_s, u"r2"_s, u"r5"_s};
    QTest::newRow("categories") << u"category=bench,pothole"_s << all;
    QTest::newRow("unknown category") << u"category=nosuch"_s << QStringList{};
    QTest::newRow("department") << u"department={parks}"_s << QStringList{u"r3"_s, u"r4"_s};
    QTest::newRow("departments") << u"department={roads},{parks}"_s << all;
    QTest::newRow("assignee id") << u"assignee={clerkRoads}"_s << QStringList{u"r2"_s};
    QTest::newRow("assignee none") << u"assignee=none"_s << QStringList{u"r1"_s, u"r3"_s, u"r5"_s};
    QTest::newRow("priority") << u"priority=high"_s << QStringList{u"r2"_s};
    QTest::newRow("priorities") << u"priority=low,urgent"_s << QStringList{u"r3"_s, u"r4"_s};
    QTest::newRow("bbox around r1") << u"bbox=23.545,41.089,23.550,41.093"_s << QStringList{u"r1"_s};
    QTest::newRow("bbox around town (r5 has no point)")
        << u"bbox=23.50,41.05,23.60,41.12"_s << QStringList{u"r1"_s, u"r2"_s, u"r3"_s, u"r4"_s};
    QTest::newRow("bbox elsewhere") << u"bbox=22.90,40.60,22.99,40.66"_s << QStringList{};
    QTest::newRow("q lower, no accent") << u"q=σερρες"_s << QStringList{u"r1"_s};
    QTest::newRow("q upper") << u"q=ΣΕΡΡΕΣ"_s << QStringList{u"r1"_s};
    QTest::newRow("q as written") << u"q=Σέρρες"_s << QStringList{u"r1"_s};
    QTest::newRow("q two reports") << u"q=λακκουβα"_s << QStringList{u"r1"_s, u"r5"_s};
    QTest::newRow("q latin upper") << u"q=BENCH"_s << QStringList{u"r3"_s, u"r4"_s};
    QTest::newRow("q address") << u"q=ερμου"_s << QStringList{u"r5"_s};
    QTest::newRow("q percent is literal") << u"q=%"_s << QStringList{};
    QTest::newRow("q underscore is literal") << u"q=_"_s << QStringList{};
    QTest::newRow("updated_since T1") << u"updated_since={T1}"_s << QStringList{u"r2"_s, u"r3"_s, u"r4"_s, u"r5"_s};
    QTest::newRow("updated_since T2") << u"updated_since={T2}"_s << QStringList{u"r4"_s};
    QTest::newRow("combined") << u"status=open&department={roads}&priority=high"_s << QStringList{u"r2"_s};
    QTest::newRow("combined, nothing") << u"status=closed&category=pothole"_s << QStringList{};
}

void tst_StaffApi::listFilters()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    World w;
    START_WORLD(w);
    const QHash<QString, qint64> ids = seedList(w);
    const Reply r = w.ts.get(u"/api/v1/reports?"_s + encodeQuery(substitute(query, w)), w.ts.login(u"clerk-parks"_s));
    QVERIFY2(r.status == 200, describe(r));
    QStringList got = namesOf(idsOf(r), ids);
    got.sort();
    expected.sort();
    QCOMPARE(got, expected);
    QVERIFY(r.object().value(u"next_cursor"_s).isNull());
}

void tst_StaffApi::listOrder_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");
    // Ties (r2, r3, r5 changed at T1) break by id in the same direction.
    QTest::newRow("default: updated, newest first")
        << QString() << QStringList{u"r4"_s, u"r5"_s, u"r3"_s, u"r2"_s, u"r1"_s};
    QTest::newRow("updated_since reads oldest first")
        << u"updated_since={T1}"_s << QStringList{u"r2"_s, u"r3"_s, u"r5"_s, u"r4"_s};
    QTest::newRow("updated_asc") << u"order=updated_asc"_s << QStringList{u"r1"_s, u"r2"_s, u"r3"_s, u"r5"_s, u"r4"_s};
    QTest::newRow("requested_desc") << u"order=requested_desc"_s
                                    << QStringList{u"r5"_s, u"r4"_s, u"r3"_s, u"r2"_s, u"r1"_s};
}

void tst_StaffApi::listOrder()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    World w;
    START_WORLD(w);
    const QHash<QString, qint64> ids = seedList(w);
    const Reply r = w.ts.get(u"/api/v1/reports?"_s + encodeQuery(substitute(query, w)), w.ts.login(u"admin"_s));
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(namesOf(idsOf(r), ids), expected);
}

void tst_StaffApi::listBadParameters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("status") << u"status=fixed"_s << u"status"_s;
    QTest::newRow("priority") << u"priority=extreme"_s << u"priority"_s;
    QTest::newRow("department") << u"department=roads"_s << u"department"_s;
    QTest::newRow("assignee") << u"assignee=someone"_s << u"assignee"_s;
    QTest::newRow("bbox three numbers") << u"bbox=23.5,41.0,23.6"_s << u"bbox"_s;
    QTest::newRow("bbox not numbers") << u"bbox=a,b,c,d"_s << u"bbox"_s;
    QTest::newRow("bbox west > east") << u"bbox=23.6,41.0,23.5,41.1"_s << u"bbox"_s;
    QTest::newRow("bbox south > north") << u"bbox=23.5,41.1,23.6,41.0"_s << u"bbox"_s;
    QTest::newRow("bbox latitude > 90") << u"bbox=23.5,41.0,23.6,91"_s << u"bbox"_s;
    QTest::newRow("bbox not a number (nan)") << u"bbox=nan,nan,nan,nan"_s << u"bbox"_s;
    QTest::newRow("bbox infinite") << u"bbox=-inf,41.0,inf,41.1"_s << u"bbox"_s;
    QTest::newRow("assignee empty") << u"assignee="_s << u"assignee"_s;
    QTest::newRow("assignee two ids") << u"assignee=3,4"_s << u"assignee"_s;
    QTest::newRow("updated_since") << u"updated_since=yesterday"_s << u"updated_since"_s;
    QTest::newRow("limit 0") << u"limit=0"_s << u"limit"_s;
    QTest::newRow("limit 1001") << u"limit=1001"_s << u"limit"_s;
    QTest::newRow("limit text") << u"limit=ten"_s << u"limit"_s;
    QTest::newRow("after garbage") << u"after=garbage"_s << u"after"_s;
    QTest::newRow("after half") << u"after=123_"_s << u"after"_s;
    QTest::newRow("order") << u"order=random"_s << u"order"_s;
}

void tst_StaffApi::listBadParameters()
{
    QFETCH(QString, query);
    QFETCH(QString, mentions);
    World w;
    START_WORLD(w);
    const Reply r = w.ts.get(u"/api/v1/reports?"_s + encodeQuery(query), w.ts.login(u"clerk-roads"_s));
    QVERIFY2(r.status == 422, describe(r));
    QCOMPARE(errorKind(r), u"validation"_s);
    const QString message = errorOf(r).value(u"message"_s).toString();
    QVERIFY2(message.contains(mentions), qPrintable(message));
}

void tst_StaffApi::keysetPaginationWalksEveryRowOnce_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("expectedCount");
    QTest::newRow("updated desc, 1 per page") << QString() << 1 << 23;
    QTest::newRow("updated desc, 4 per page") << QString() << 4 << 23;
    QTest::newRow("updated desc, 22 per page") << QString() << 22 << 23;
    QTest::newRow("updated desc, exactly one page") << QString() << 23 << 23;
    QTest::newRow("updated asc") << u"order=updated_asc"_s << 5 << 23;
    QTest::newRow("requested desc") << u"order=requested_desc"_s << 4 << 23;
    QTest::newRow("updated_since") << u"updated_since={T0}"_s << 6 << 23;
    QTest::newRow("filtered") << u"category=pothole"_s << 3 << 12;
}

void tst_StaffApi::keysetPaginationWalksEveryRowOnce()
{
    QFETCH(QString, query);
    QFETCH(int, limit);
    QFETCH(int, expectedCount);
    World w;
    START_WORLD(w);
    // 23 reports, three to a second (ties on both sort keys), then every fourth changed later
    // (two to a second) so that the update order differs from the filing order.
    QList<qint64> filed;
    for (int i = 0; i < 23; ++i) {
        if (i % 3 == 0)
            w.ts.clock().advanceMs(1000);
        filed.append(w.file(i % 2 == 0 ? u"pothole"_s : u"bench"_s, u"Αναφορά %1"_s.arg(i)));
    }
    for (int i = 0; i < filed.size(); i += 4) {
        if (i % 8 == 0)
            w.ts.clock().advanceMs(1000);
        w.ts.ctx().reportService->setPriority(w.admin, filed[i], 1, Priority::High);
    }
    const QString token = w.ts.login(u"clerk-roads"_s);
    const QString base = u"/api/v1/reports?"_s + encodeQuery(substitute(query, w));

    const Reply whole = w.ts.get(base + u"&limit=1000"_s, token);
    QVERIFY2(whole.status == 200, describe(whole));
    const QList<qint64> reference = idsOf(whole);
    QCOMPARE(reference.size(), expectedCount);

    QList<qint64> walked;
    QString after;
    for (int page = 0;; ++page) {
        QVERIFY2(page <= expectedCount, "the walk does not end");
        QString url = base + u"&limit=%1"_s.arg(limit);
        if (!after.isEmpty())
            url += u"&after="_s + after;
        const Reply r = w.ts.get(url, token);
        QVERIFY2(r.status == 200, describe(r));
        const QList<qint64> rows = idsOf(r);
        QVERIFY(rows.size() <= limit);
        walked += rows;
        const QJsonValue next = r.object().value(u"next_cursor"_s);
        if (next.isNull())
            break;
        QCOMPARE(rows.size(), limit); // only the last page is short
        QVERIFY(next.isString() && !next.toString().isEmpty());
        after = next.toString();
    }
    QCOMPARE(QSet<qint64>(walked.begin(), walked.end()).size(), walked.size()); // no duplicates
    QCOMPARE(walked, reference); // all, in order
}

// ---- report detail --------------------------------------------------------------------------

void tst_StaffApi::detailHasHistory()
{
    World w;
    START_WORLD(w);
    const qint64 id = w.file(u"pothole"_s);
    const QString token = w.ts.login(u"clerk-roads"_s);
    w.ts.clock().advanceMs(60'000);
    QCOMPARE(w.act(token, id, u"acknowledge"_s, {{u"version"_s, 1}, {u"note"_s, u"Το είδαμε"_s}}).status, 200);
    QCOMPARE(w.act(token, id, u"notes"_s, {{u"version"_s, 2}, {u"text"_s, u"Θέλει συνεργείο"_s}, {u"public"_s, false}})
                 .status,
        200);
    QCOMPARE(w.act(token, id, u"priority"_s, {{u"version"_s, 3}, {u"priority"_s, u"high"_s}}).status, 200);
    QCOMPARE(
        w.act(token, id, u"status"_s,
             {{u"version"_s, 4}, {u"status"_s, u"in_progress"_s}, {u"note"_s, u"Εσωτερικό"_s}, {u"public"_s, false}})
            .status,
        200);

    const Reply r = w.ts.get(u"/api/v1/reports/%1"_s.arg(id), token);
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(reportOf(r).value(u"id"_s).toInteger(), id);
    QCOMPARE(reportOf(r).value(u"version"_s).toInt(), 5);
    const QJsonArray history = r.object().value(u"history"_s).toArray();
    struct Line
    {
        QString kind, oldStatus, newStatus, text;
        bool isPublic;
        bool byClerk;
    };
    const QList<Line> expected{
        {u"created"_s, {}, u"new"_s, {}, true, false},
        {u"status"_s, u"new"_s, u"acknowledged"_s, u"Το είδαμε"_s, true, true},
        {u"internal_note"_s, {}, {}, u"Θέλει συνεργείο"_s, false, true},
        {u"priority"_s, {}, {}, u"normal → high"_s, false, true},
        {u"status"_s, u"acknowledged"_s, u"in_progress"_s, {}, true, true},
        {u"internal_note"_s, {}, {}, u"Εσωτερικό"_s, false, true},
    };
    QCOMPARE(history.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QJsonObject h = history[i].toObject();
        const Line &e = expected[i];
        QCOMPARE(h.value(u"kind"_s).toString(), e.kind);
        QCOMPARE(h.value(u"old_status"_s).toString(), e.oldStatus);
        QCOMPARE(h.value(u"new_status"_s).toString(), e.newStatus);
        QCOMPARE(h.value(u"text"_s).toString(), e.text);
        QCOMPARE(h.value(u"public"_s).toBool(), e.isPublic);
        if (e.byClerk) {
            QCOMPARE(h.value(u"actor_user_id"_s).toInteger(), w.clerkRoads.id);
            QCOMPARE(h.value(u"actor_name"_s).toString(), u"clerk-roads"_s);
            QCOMPARE(h.value(u"at"_s).toString(), formatUtc(kT0 + 60'000));
        } else {
            QVERIFY(h.value(u"actor_user_id"_s).isNull());
            QCOMPARE(h.value(u"at"_s).toString(), formatUtc(kT0));
        }
    }
}

void tst_StaffApi::contactVisibility_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<bool>("visible");
    QTest::newRow("clerk of the department") << u"clerk-roads"_s << true;
    QTest::newRow("manager of the department") << u"manager-roads"_s << true;
    QTest::newRow("admin") << u"admin"_s << true;
    QTest::newRow("clerk of another department") << u"clerk-parks"_s << false;
}

void tst_StaffApi::contactVisibility()
{
    QFETCH(QString, username);
    QFETCH(bool, visible);
    World w;
    START_WORLD(w);
    const qint64 id = w.file(u"pothole"_s);
    const QString token = w.ts.login(username);

    const Reply detail = w.ts.get(u"/api/v1/reports/%1"_s.arg(id), token);
    QVERIFY2(detail.status == 200, describe(detail));
    QCOMPARE(reportOf(detail).contains(u"contact"_s), visible);
    if (visible) {
        const QJsonObject contact = reportOf(detail).value(u"contact"_s).toObject();
        QCOMPARE(contact.value(u"email"_s).toString(), u"maria@example.org"_s);
        QCOMPARE(contact.value(u"first_name"_s).toString(), u"Μαρία"_s);
        QCOMPARE(contact.value(u"phone"_s).toString(), u"+302321000000"_s);
    } else {
        QVERIFY(!detail.body.contains("maria@example.org"));
        QVERIFY(!detail.body.contains("302321000000"));
    }
    const Reply list = w.ts.get(u"/api/v1/reports"_s, token);
    QVERIFY2(list.status == 200, describe(list));
    const QJsonArray rows = list.object().value(u"reports"_s).toArray();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].toObject().contains(u"contact"_s), visible);
    QCOMPARE(list.body.contains("maria@example.org"), visible);
}

void tst_StaffApi::unknownReportIs404_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("detail, no such id") << "GET"_ba << u"/api/v1/reports/999999"_s;
    QTest::newRow("detail, zero") << "GET"_ba << u"/api/v1/reports/0"_s;
    QTest::newRow("detail, not a number") << "GET"_ba << u"/api/v1/reports/abc"_s;
    QTest::newRow("action, no such id") << "POST"_ba << u"/api/v1/reports/999999/acknowledge"_s;
    QTest::newRow("action, not a number") << "POST"_ba << u"/api/v1/reports/x1/status"_s;
}

void tst_StaffApi::unknownReportIs404()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    World w;
    START_WORLD(w);
    w.file(u"pothole"_s);
    const QString token = w.ts.login(u"admin"_s);
    const Reply r = method == "GET" ? w.ts.get(path, token)
                                    : w.ts.send(method, path, compact({{u"version"_s, 1}, {u"status"_s, u"closed"_s}}),
                                        "application/json"_ba, token);
    QVERIFY2(r.status == 404, describe(r));
    QCOMPARE(errorKind(r), u"not_found"_s);
}

// ---- actions --------------------------------------------------------------------------------

void tst_StaffApi::acknowledge()
{
    World w;
    START_WORLD(w);
    const qint64 id = w.file(u"pothole"_s);
    const QString token = w.ts.login(u"clerk-roads"_s);
    const Reply r
        = w.act(token, id, u"acknowledge"_s, {{u"version"_s, 1}, {u"note"_s, u"  Το είδαμε, ευχαριστούμε  "_s}});
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(reportOf(r).value(u"status"_s).toString(), u"acknowledged"_s);
    QCOMPARE(reportOf(r).value(u"version"_s).toInt(), 2);
    QCOMPARE(reportOf(r).value(u"status_notes"_s).toString(), u"Το είδαμε, ευχαριστούμε"_s);
    QCOMPARE(w.stored(id).status, ReportStatus::Acknowledged);
    QCOMPARE(w.stored(id).statusNotes, u"Το είδαμε, ευχαριστούμε"_s);

    const Reply again = w.act(token, id, u"acknowledge"_s, {{u"version"_s, 2}});
    QVERIFY2(again.status == 422, describe(again));
    QCOMPARE(errorKind(again), u"validation"_s);
    QCOMPARE(w.version(id), 2);
}

void tst_StaffApi::assignAndClearAssignee()
{
    World w;
    START_WORLD(w);
    const qint64 id = w.file(u"pothole"_s);
    const QString token = w.ts.login(u"clerk-roads"_s);

    Reply r = w.act(token, id, u"assign"_s, {{u"version"_s, 1}, {u"assignee_id"_s, w.managerRoads.id}});
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(reportOf(r).value(u"assignee_id"_s).toInteger(), w.managerRoads.id);
    QCOMPARE(reportOf(r).value(u"department_id"_s).toInteger(), w.roads);
    QCOMPARE(w.stored(id).assigneeId, std::optional<qint64>(w.managerRoads.id));

    // Someone outside the report's department, a user who does not exist, a disabled user.
    r = w.act(token, id, u"assign"_s, {{u"version"_s, 2}, {u"assignee_id"_s, w.clerkParks.id}});
    QVERIFY2(r.status == 422, describe(r));
    r = w.act(token, id, u"assign"_s, {{u"version"_s, 2}, {u"assignee_id"_s, 987654}});
    QVERIFY2(r.status == 422, describe(r));
    const StaffUser gone = w.ts.addUser(u"gone"_s, Role::Clerk, {w.roads});
    w.ts.ctx().auth->setActive(u"gone"_s, false);
    r = w.act(token, id, u"assign"_s, {{u"version"_s, 2}, {u"assignee_id"_s, gone.id}});
    QVERIFY2(r.status == 422, describe(r));
    // Nothing to change.
    r = w.act(token, id, u"assign"_s, {{u"version"_s, 2}});
    QVERIFY2(r.status == 422, describe(r));
    QCOMPARE(w.version(id), 2);
    QCOMPARE(w.stored(id).assigneeId, std::optional<qint64>(w.managerRoads.id));

    r = w.act(token, id, u"assign"_s, {{u"version"_s, 2}, {u"assignee_id"_s, QJsonValue::Null}});
    QVERIFY2(r.status == 200, describe(r));
    QVERIFY(reportOf(r).value(u"assignee_id"_s).isNull());
    QCOMPARE(reportOf(r).value(u"version"_s).toInt(), 3);
    QCOMPARE(w.stored(id).assigneeId, std::nullopt);
    const QList<ReportHistoryEntry> history = w.ts.ctx().reports->history(id, false);
    QCOMPARE(history.size(), 3);
    QCOMPARE(history[1].kind, ReportHistoryEntry::Kind::Assignment);
    QCOMPARE(history[2].kind, ReportHistoryEntry::Kind::Assignment);
}

void tst_StaffApi::moveToAnotherDepartment()
{
    World w;
    START_WORLD(w);
    const qint64 id = w.file(u"pothole"_s);
    w.ts.ctx().reportService->assign(w.admin, id, 1, std::nullopt, w.clerkRoads.id, false);
    const QString clerk = w.ts.login(u"clerk-roads"_s);
    const QString manager = w.ts.login(u"manager-roads"_s);

    // A clerk may not move it, and trying changes nothing.
    Reply r = w.act(clerk, id, u"assign"_s, {{u"version"_s, 2}, {u"department_id"_s, w.parks}});
    QVERIFY2(r.status == 403, describe(r));
    QCOMPARE(errorKind(r), u"forbidden"_s);
    QCOMPARE(w.stored(id).departmentId, std::optional<qint64>(w.roads));
    QCOMPARE(w.version(id), 2);
    // Not to a department that does not exist.
    r = w.act(manager, id, u"assign"_s, {{u"version"_s, 2}, {u"department_id"_s, 424242}});
    QVERIFY2(r.status == 422, describe(r));

    r = w.act(manager, id, u"assign"_s, {{u"version"_s, 2}, {u"department_id"_s, w.parks}});
    QVERIFY2(r.status == 200, describe(r));
    const Report moved = w.stored(id);
    QCOMPARE(moved.departmentId, std::optional<qint64>(w.parks));
    QCOMPARE(moved.agencyResponsible, u"Τμήμα parks"_s);
    QCOMPARE(moved.assigneeId, std::nullopt); // the old assignee belongs to the old department
    QCOMPARE(moved.version, 3);
    // The report now belongs to parks: its clerk may act, the roads clerk may not.
    r = w.act(clerk, id, u"priority"_s, {{u"version"_s, 3}, {u"priority"_s, u"high"_s}});
    QVERIFY2(r.status == 403, describe(r));
    const QString parksClerk = w.ts.login(u"clerk-parks"_s);
    r = w.act(parksClerk, id, u"assign"_s, {{u"version"_s, 3}, {u"assignee_id"_s, w.clerkParks.id}});
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(w.stored(id).assigneeId, std::optional<qint64>(w.clerkParks.id));
    // Moving with an assignee of the new department in one call.
    const QString admin = w.ts.login(u"admin"_s);
    r = w.act(admin, id, u"assign"_s,
        {{u"version"_s, 4}, {u"department_id"_s, w.roads}, {u"assignee_id"_s, w.managerRoads.id}});
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(w.stored(id).departmentId, std::optional<qint64>(w.roads));
    QCOMPARE(w.stored(id).assigneeId, std::optional<qint64>(w.managerRoads.id));
}

void tst_StaffApi::statusNotePublicOrInternal_data()
{
    QTest::addColumn<bool>("isPublic");
    QTest::newRow("public note") << true;
    QTest::newRow("internal note") << false;
}

void tst_StaffApi::statusNotePublicOrInternal()
{
    QFETCH(bool, isPublic);
    World w;
    START_WORLD(w);
    const qint64 id = w.file(u"pothole"_s);
    const QString token = w.ts.login(u"clerk-roads"_s);
    QCOMPARE(w.act(token, id, u"acknowledge"_s, {{u"version"_s, 1}, {u"note"_s, u"Παραλήφθηκε"_s}}).status, 200);
    const QString note = u"Το συνεργείο πηγαίνει την Τρίτη"_s;
    const Reply r = w.act(token, id, u"status"_s,
        {{u"version"_s, 2}, {u"status"_s, u"in_progress"_s}, {u"note"_s, note}, {u"public"_s, isPublic}});
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(reportOf(r).value(u"status"_s).toString(), u"in_progress"_s);
    QCOMPARE(reportOf(r).value(u"version"_s).toInt(), 3);
    const QString expectedNotes = isPublic ? note : u"Παραλήφθηκε"_s;
    QCOMPARE(reportOf(r).value(u"status_notes"_s).toString(), expectedNotes);
    QCOMPARE(w.stored(id).statusNotes, expectedNotes);

    // Where the note went: on the public status line, or on its own internal line.
    const QList<ReportHistoryEntry> all = w.ts.ctx().reports->history(id, false);
    const QList<ReportHistoryEntry> visible = w.ts.ctx().reports->history(id, true);
    QCOMPARE(all.size(), isPublic ? 3 : 4);
    QCOMPARE(all[2].kind, ReportHistoryEntry::Kind::StatusChange);
    QVERIFY(all[2].isPublic);
    QCOMPARE(all[2].text, isPublic ? note : QString());
    if (!isPublic) {
        QCOMPARE(all[3].kind, ReportHistoryEntry::Kind::InternalNote);
        QCOMPARE(all[3].text, note);
        QVERIFY(!all[3].isPublic);
    }
    bool notePublished = false;
    for (const ReportHistoryEntry &e : visible)
        notePublished = notePublished || e.text == note;
    QCOMPARE(notePublished, isPublic);

    // What the public sees through Open311.
    const Reply open311 = w.ts.get(u"/open311/v2/requests/%1.json"_s.arg(id));
    QVERIFY2(open311.status == 200, describe(open311));
    QCOMPARE(open311.array().first().toObject().value(u"status_notes"_s).toString(), expectedNotes);
    QCOMPARE(open311.body.contains(note.toUtf8()), isPublic);
}

void tst_StaffApi::statusTransitions_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("note");
    QTest::addColumn<int>("expected");
    const int N = int(ReportStatus::New), A = int(ReportStatus::Acknowledged), P = int(ReportStatus::InProgress),
              R = int(ReportStatus::Resolved), C = int(ReportStatus::Closed), J = int(ReportStatus::Rejected),
              D = int(ReportStatus::Duplicate);
    QTest::newRow("new → in_progress") << N << u"in_progress"_s << QString() << 200;
    QTest::newRow("new → resolved") << N << u"resolved"_s << QString() << 200;
    QTest::newRow("new → closed") << N << u"closed"_s << QString() << 200;
    QTest::newRow("in_progress → acknowledged") << P << u"acknowledged"_s << QString() << 200;
    QTest::newRow("acknowledged → rejected with a reason") << A << u"rejected"_s << u"Δεν είναι αρμοδιότητα"_s << 200;
    QTest::newRow("resolved → in_progress (reopen)") << R << u"in_progress"_s << QString() << 200;
    QTest::newRow("closed → acknowledged (reopen)") << C << u"acknowledged"_s << QString() << 200;
    QTest::newRow("new → new") << N << u"new"_s << QString() << 422;
    QTest::newRow("in_progress → in_progress") << P << u"in_progress"_s << QString() << 422;
    QTest::newRow("new → rejected without a reason") << N << u"rejected"_s << QString() << 422;
    QTest::newRow("new → duplicate (needs the duplicate action)") << N << u"duplicate"_s << QString() << 422;
    QTest::newRow("resolved → closed") << R << u"closed"_s << QString() << 200;
    QTest::newRow("closed → resolved") << C << u"resolved"_s << QString() << 422;
    QTest::newRow("closed → new") << C << u"new"_s << QString() << 422;
    QTest::newRow("rejected → resolved") << J << u"resolved"_s << QString() << 422;
    QTest::newRow("duplicate → closed") << D << u"closed"_s << QString() << 422;
    QTest::newRow("unknown status") << N << u"fixed"_s << QString() << 422;
    QTest::newRow("no status") << N << QString() << QString() << 422;
}

void tst_StaffApi::statusTransitions()
{
    QFETCH(int, from);
    QFETCH(QString, to);
    QFETCH(QString, note);
    QFETCH(int, expected);
    World w;
    START_WORLD(w);
    const qint64 id = w.file(u"pothole"_s);
    w.bring(id, ReportStatus(from));
    const Report before = w.stored(id);
    QJsonObject body{{u"version"_s, before.version}, {u"note"_s, note}};
    if (!to.isEmpty())
        body.insert(u"status"_s, to);
    const Reply r = w.act(w.ts.login(u"clerk-roads"_s), id, u"status"_s, body);
    QVERIFY2(r.status == expected, describe(r));
    const Report after = w.stored(id);
    if (expected == 200) {
        QCOMPARE(statusToString(after.status), to);
        QCOMPARE(after.version, before.version + 1);
    } else {
        QCOMPARE(errorKind(r), u"validation"_s);
        QVERIFY(!errorOf(r).value(u"message"_s).toString().isEmpty());
        QCOMPARE(after.status, before.status);
        QCOMPARE(after.version, before.version);
    }
}

void tst_StaffApi::notes_data()
{
    QTest::addColumn<QJsonValue>("isPublic");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected");
    QTest::newRow("public") << QJsonValue(true) << u"Ξεκινούν εργασίες"_s << 200;
    QTest::newRow("internal") << QJsonValue(false) << u"Να πάρει τηλέφωνο ο προϊστάμενος"_s << 200;
    QTest::newRow("public not said") << QJsonValue(QJsonValue::Undefined) << u"Κείμενο"_s << 422;
    QTest::newRow("public as text") << QJsonValue(u"true"_s) << u"Κείμενο"_s << 422;
    QTest::newRow("empty text") << QJsonValue(true) << u"   "_s << 422;
    QTest::newRow("text too long") << QJsonValue(true) << QString(4001, u'α') << 422;
}

void tst_StaffApi::notes()
{
    QFETCH(QJsonValue, isPublic);
    QFETCH(QString, text);
    QFETCH(int, expected);
    World w;
    START_WORLD(w);
    const qint64 id = w.file(u"pothole"_s);
    w.ts.ctx().reportService->acknowledge(w.admin, id, 1, u"Παραλήφθηκε"_s);
    QJsonObject body{{u"version"_s, 2}, {u"text"_s, text}};
    if (!isPublic.isUndefined())
        body.insert(u"public"_s, isPublic);
    const Reply r = w.act(w.ts.login(u"manager-roads"_s), id, u"notes"_s, body);
    QVERIFY2(r.status == expected, describe(r));
    const Report after = w.stored(id);
    const QList<ReportHistoryEntry> history = w.ts.ctx().reports->history(id, false);
    if (expected != 200) {
        QCOMPARE(errorKind(r), u"validation"_s);
        QCOMPARE(after.version, 2);
        QCOMPARE(history.size(), 2);
        return;
    }
    QCOMPARE(after.version, 3);
    QCOMPARE(after.status, ReportStatus::Acknowledged); // a note does not change the status
    QCOMPARE(after.statusNotes, isPublic.toBool() ? text : u"Παραλήφθηκε"_s);
    QCOMPARE(history.size(), 3);
    QCOMPARE(history.last().kind,
        isPublic.toBool() ? ReportHistoryEntry::Kind::PublicNote : ReportHistoryEntry::Kind::InternalNote);
    QCOMPARE(history.last().isPublic, isPublic.toBool());
    QCOMPARE(history.last().text, text);
}

void tst_StaffApi::priority()
{
    World w;
    START_WORLD(w);
    const qint64 id = w.file(u"pothole"_s);
    const QString token = w.ts.login(u"clerk-roads"_s);
    Reply r = w.act(token, id, u"priority"_s, {{u"version"_s, 1}, {u"priority"_s, u"urgent"_s}});
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(reportOf(r).value(u"priority"_s).toString(), u"urgent"_s);
    QCOMPARE(w.stored(id).priority, Priority::Urgent);
    r = w.act(token, id, u"priority"_s, {{u"version"_s, 2}, {u"priority"_s, u"urgent"_s}});
    QVERIFY2(r.status == 422, describe(r)); // already urgent
    r = w.act(token, id, u"priority"_s, {{u"version"_s, 2}, {u"priority"_s, u"critical"_s}});
    QVERIFY2(r.status == 422, describe(r));
    r = w.act(token, id, u"priority"_s, {{u"version"_s, 2}});
    QVERIFY2(r.status == 422, describe(r));
    QCOMPARE(w.version(id), 2);
    r = w.act(token, id, u"priority"_s, {{u"version"_s, 2}, {u"priority"_s, u"low"_s}});
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(w.stored(id).priority, Priority::Low);
}

void tst_StaffApi::duplicate_data()
{
    QTest::addColumn<QString>("original"); // "other", "self", "duplicate", "missing", "other department"
    QTest::addColumn<int>("reportStatus");
    QTest::addColumn<int>("expected");
    QTest::newRow("of another report") << u"other"_s << int(ReportStatus::New) << 200;
    QTest::newRow("in progress, of another report") << u"other"_s << int(ReportStatus::InProgress) << 200;
    QTest::newRow("of a report of another department") << u"other department"_s << int(ReportStatus::New) << 200;
    QTest::newRow("of a closed original") << u"closed"_s << int(ReportStatus::New) << 200;
    QTest::newRow("of itself") << u"self"_s << int(ReportStatus::New) << 422;
    QTest::newRow("of a duplicate") << u"duplicate"_s << int(ReportStatus::New) << 422;
    QTest::newRow("of a report that does not exist") << u"missing"_s << int(ReportStatus::New) << 404;
    QTest::newRow("when already resolved") << u"other"_s << int(ReportStatus::Resolved) << 422;
    QTest::newRow("when already a duplicate") << u"other"_s << int(ReportStatus::Duplicate) << 422;
}

void tst_StaffApi::duplicate()
{
    QFETCH(QString, original);
    QFETCH(int, reportStatus);
    QFETCH(int, expected);
    World w;
    START_WORLD(w);
    const qint64 id = w.file(u"pothole"_s);
    w.bring(id, ReportStatus(reportStatus));
    qint64 originalId = 0;
    if (original == u"self") {
        originalId = id;
    } else if (original == u"missing") {
        originalId = 999999;
    } else if (original == u"other department") {
        originalId = w.file(u"bench"_s);
    } else {
        originalId = w.file(u"pothole"_s);
        if (original == u"duplicate")
            w.bring(originalId, ReportStatus::Duplicate);
        else if (original == u"closed")
            w.bring(originalId, ReportStatus::Closed);
    }
    const Report before = w.stored(id);
    const Reply r = w.act(w.ts.login(u"clerk-roads"_s), id, u"duplicate"_s,
        {{u"version"_s, before.version}, {u"duplicate_of"_s, originalId}});
    QVERIFY2(r.status == expected, describe(r));
    const Report after = w.stored(id);
    if (expected == 200) {
        QCOMPARE(reportOf(r).value(u"status"_s).toString(), u"duplicate"_s);
        QCOMPARE(reportOf(r).value(u"duplicate_of"_s).toInteger(), originalId);
        QCOMPARE(reportOf(r).value(u"open"_s).toBool(true), false);
        QCOMPARE(after.status, ReportStatus::Duplicate);
        QCOMPARE(after.duplicateOf, std::optional<qint64>(originalId));
        QCOMPARE(after.statusNotes, u"#%1"_s.arg(originalId)); // the public note points to the original
        QCOMPARE(after.version, before.version + 1);
    } else {
        QCOMPARE(after.status, before.status);
        QCOMPARE(after.duplicateOf, before.duplicateOf);
        QCOMPARE(after.version, before.version);
    }
}

void tst_StaffApi::reopen_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("expected");
    QTest::newRow("resolved") << int(ReportStatus::Resolved) << 200;
    QTest::newRow("closed") << int(ReportStatus::Closed) << 200;
    QTest::newRow("rejected") << int(ReportStatus::Rejected) << 200;
    QTest::newRow("duplicate") << int(ReportStatus::Duplicate) << 200;
    QTest::newRow("new (still open)") << int(ReportStatus::New) << 422;
    QTest::newRow("acknowledged (still open)") << int(ReportStatus::Acknowledged) << 422;
    QTest::newRow("in_progress (still open)") << int(ReportStatus::InProgress) << 422;
}

void tst_StaffApi::reopen()
{
    QFETCH(int, from);
    QFETCH(int, expected);
    World w;
    START_WORLD(w);
    const qint64 id = w.file(u"pothole"_s);
    w.bring(id, ReportStatus(from));
    const Report before = w.stored(id);
    const Reply r = w.act(w.ts.login(u"clerk-roads"_s), id, u"reopen"_s,
        {{u"version"_s, before.version}, {u"note"_s, u"Η λακκούβα άνοιξε ξανά"_s}});
    QVERIFY2(r.status == expected, describe(r));
    const Report after = w.stored(id);
    if (expected != 200) {
        QCOMPARE(errorKind(r), u"validation"_s);
        QCOMPARE(after.status, before.status);
        QCOMPARE(after.version, before.version);
        return;
    }
    QCOMPARE(reportOf(r).value(u"status"_s).toString(), u"acknowledged"_s);
    QCOMPARE(reportOf(r).value(u"open"_s).toBool(), true);
    QVERIFY(reportOf(r).value(u"duplicate_of"_s).isNull());
    QCOMPARE(after.status, ReportStatus::Acknowledged);
    QCOMPARE(after.duplicateOf, std::nullopt);
    QCOMPARE(after.statusNotes, u"Η λακκούβα άνοιξε ξανά"_s);
    QCOMPARE(after.version, before.version + 1);
    const QList<ReportHistoryEntry> history = w.ts.ctx().reports->history(id, false);
    QCOMPARE(history.last().kind, ReportHistoryEntry::Kind::Reopen);
    QCOMPARE(history.last().oldStatus, std::optional<ReportStatus>(before.status));
    QCOMPARE(history.last().newStatus, std::optional<ReportStatus>(ReportStatus::Acknowledged));
}

void tst_StaffApi::schedule_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<bool>("preset"); // an expected date is already set
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("stored"); // expected_datetime afterwards; empty: none
    const int P = int(ReportStatus::InProgress);
    QTest::newRow("set, with an offset") << P << false << QJsonValue(u"2026-12-01T09:00:00+02:00"_s) << 200
                                         << u"2026-12-01T07:00:00Z"_s;
    QTest::newRow("set, a bare date") << int(ReportStatus::New) << false << QJsonValue(u"2026-12-01"_s) << 200
                                      << u"2026-12-01T00:00:00Z"_s;
    QTest::newRow("move") << P << true << QJsonValue(u"2026-12-24T10:00:00Z"_s) << 200 << u"2026-12-24T10:00:00Z"_s;
    QTest::newRow("clear with null") << P << true << QJsonValue(QJsonValue::Null) << 200 << QString();
    QTest::newRow("not a date") << P << true << QJsonValue(u"next week"_s) << 422 << u"2026-12-20T12:00:00Z"_s;
    QTest::newRow("a number") << P << false << QJsonValue(20261201) << 422 << QString();
    QTest::newRow("missing") << P << true << QJsonValue(QJsonValue::Undefined) << 422 << u"2026-12-20T12:00:00Z"_s;
    QTest::newRow("closed report") << int(ReportStatus::Resolved) << false << QJsonValue(u"2026-12-01T09:00:00Z"_s)
                                   << 422 << QString();
}

void tst_StaffApi::schedule()
{
    QFETCH(int, from);
    QFETCH(bool, preset);
    QFETCH(QJsonValue, value);
    QFETCH(int, expected);
    QFETCH(QString, stored);
    World w;
    START_WORLD(w);
    const qint64 id = w.file(u"pothole"_s);
    w.bring(id, ReportStatus(from));
    if (preset)
        w.ts.ctx().reportService->schedule(w.admin, id, w.version(id), parseIsoDateTime(u"2026-12-20T12:00:00Z"));
    const Report before = w.stored(id);
    QJsonObject body{{u"version"_s, before.version}};
    if (!value.isUndefined())
        body.insert(u"expected_datetime"_s, value);
    const Reply r = w.act(w.ts.login(u"clerk-roads"_s), id, u"schedule"_s, body);
    QVERIFY2(r.status == expected, describe(r));
    const Report after = w.stored(id);
    QCOMPARE(after.expectedMs ? formatUtc(*after.expectedMs) : QString(), stored);
    QCOMPARE(after.version, expected == 200 ? before.version + 1 : before.version);
    if (expected != 200) {
        QCOMPARE(errorKind(r), u"validation"_s);
        return;
    }
    QCOMPARE(after.status, before.status);
    const QJsonValue shown = reportOf(r).value(u"expected_datetime"_s);
    QCOMPARE(shown.isNull(), stored.isEmpty());
    QCOMPARE(shown.toString(), stored);
    // Citizens see it: in Open311 and as a public history line.
    const Reply open311 = w.ts.get(u"/open311/v2/requests/%1.json"_s.arg(id));
    QVERIFY2(open311.status == 200, describe(open311));
    const QJsonValue published = open311.array().first().toObject().value(u"expected_datetime"_s);
    QCOMPARE(published.toString(), stored);
    const QList<ReportHistoryEntry> history = w.ts.ctx().reports->history(id, true);
    QCOMPARE(history.last().kind, ReportHistoryEntry::Kind::PublicNote);
    if (!stored.isEmpty())
        QVERIFY2(history.last().text.contains(stored.left(10)), qPrintable(history.last().text));
}

// One valid call per action, for a report in `from` status.
static void addActionRows()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<int>("from");
    QTest::addColumn<QJsonObject>("body");
    QTest::newRow("acknowledge") << u"acknowledge"_s << int(ReportStatus::New) << QJsonObject{{u"note"_s, u"Ναι"_s}};
    QTest::newRow("assign") << u"assign"_s << int(ReportStatus::New) << QJsonObject{{u"assignee_id"_s, -1}};
    QTest::newRow("status") << u"status"_s << int(ReportStatus::New)
                            << QJsonObject{{u"status"_s, u"in_progress"_s}, {u"note"_s, u"Ξεκινάμε"_s}};
    QTest::newRow("notes") << u"notes"_s << int(ReportStatus::New)
                           << QJsonObject{{u"text"_s, u"Σημείωση"_s}, {u"public"_s, false}};
    QTest::newRow("priority") << u"priority"_s << int(ReportStatus::New) << QJsonObject{{u"priority"_s, u"urgent"_s}};
    QTest::newRow("duplicate") << u"duplicate"_s << int(ReportStatus::New) << QJsonObject{{u"duplicate_of"_s, -1}};
    QTest::newRow("reopen") << u"reopen"_s << int(ReportStatus::Resolved) << QJsonObject{};
    QTest::newRow("schedule") << u"schedule"_s << int(ReportStatus::InProgress)
                              << QJsonObject{{u"expected_datetime"_s, u"2026-12-01T09:00:00Z"_s}};
}

// -1 in the body stands for "the other report" (duplicate_of) or "the roads clerk" (assignee).
static QJsonObject completeBody(QJsonObject body, const World &w, qint64 other, int version)
{
    if (body.value(u"duplicate_of"_s).toInteger() == -1)
        body.insert(u"duplicate_of"_s, other);
    if (body.value(u"assignee_id"_s).toInteger() == -1)
        body.insert(u"assignee_id"_s, w.clerkRoads.id);
    body.insert(u"version"_s, version);
    return body;
}

void tst_StaffApi::everyActionBumpsVersion_data()
{
    addActionRows();
}

void tst_StaffApi::everyActionBumpsVersion()
{
    QFETCH(QString, action);
    QFETCH(int, from);
    QFETCH(QJsonObject, body);
    World w;
    START_WORLD(w);
    const qint64 id = w.file(u"pothole"_s);
    const qint64 other = w.file(u"pothole"_s);
    w.bring(id, ReportStatus(from));
    const Report before = w.stored(id);
    const int historyBefore = w.historySize(id);
    w.ts.clock().advanceMs(90'000);
    const Reply r = w.act(w.ts.login(u"clerk-roads"_s), id, action, completeBody(body, w, other, before.version));
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(reportOf(r).value(u"version"_s).toInt(), before.version + 1);
    QCOMPARE(reportOf(r).value(u"updated_datetime"_s).toString(), formatUtc(w.ts.clock().nowMs()));
    const Report after = w.stored(id);
    QCOMPARE(after.version, before.version + 1);
    QCOMPARE(after.updatedMs, w.ts.clock().nowMs());
    QCOMPARE(after.requestedMs, before.requestedMs);
    QVERIFY(w.historySize(id) > historyBefore);
}

void tst_StaffApi::staleVersionGets409AndOverwritesNothing_data()
{
    addActionRows();
}

void tst_StaffApi::staleVersionGets409AndOverwritesNothing()
{
    QFETCH(QString, action);
    QFETCH(int, from);
    QFETCH(QJsonObject, body);
    World w;
    START_WORLD(w);
    w.ts.addUser(u"clerk-roads-2"_s, Role::Clerk, {w.roads});
    const qint64 id = w.file(u"pothole"_s);
    const qint64 other = w.file(u"pothole"_s);
    w.bring(id, ReportStatus(from));
    const QString first = w.ts.login(u"clerk-roads"_s);
    const QString second = w.ts.login(u"clerk-roads-2"_s);

    // Both open the report and see the same version.
    const int seen = reportOf(w.ts.get(u"/api/v1/reports/%1"_s.arg(id), second)).value(u"version"_s).toInt();
    QCOMPARE(seen, w.version(id));
    // The first clerk changes the priority and a public note.
    QCOMPARE(w.act(first, id, u"priority"_s, {{u"version"_s, seen}, {u"priority"_s, u"high"_s}}).status, 200);
    QCOMPARE(
        w.act(first, id, u"notes"_s, {{u"version"_s, seen + 1}, {u"text"_s, u"Πρώτος"_s}, {u"public"_s, true}}).status,
        200);
    const Report current = w.stored(id);
    const int historyBefore = w.historySize(id);

    // The second clerk acts on what they saw.
    const Reply r = w.act(second, id, action, completeBody(body, w, other, seen));
    QVERIFY2(r.status == 409, describe(r));
    QCOMPARE(errorKind(r), u"conflict"_s);
    const QJsonObject shown = errorOf(r).value(u"details"_s).toObject().value(u"current"_s).toObject();
    QCOMPARE(shown.value(u"id"_s).toInteger(), id);
    QCOMPARE(shown.value(u"version"_s).toInt(), seen + 2);
    QCOMPARE(shown.value(u"priority"_s).toString(), u"high"_s);
    QCOMPARE(shown.value(u"status_notes"_s).toString(), u"Πρώτος"_s);
    QCOMPARE(shown.value(u"status"_s).toString(), statusToString(current.status));

    // Nothing of the second clerk's call was stored.
    const Report after = w.stored(id);
    QCOMPARE(after.version, current.version);
    QCOMPARE(after.status, current.status);
    QCOMPARE(after.priority, Priority::High);
    QCOMPARE(after.statusNotes, u"Πρώτος"_s);
    QCOMPARE(after.assigneeId, current.assigneeId);
    QCOMPARE(after.duplicateOf, current.duplicateOf);
    QCOMPARE(after.updatedMs, current.updatedMs);
    QCOMPARE(w.historySize(id), historyBefore);
}

void tst_StaffApi::actionFieldErrors_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QJsonObject>("body");
    QTest::newRow("version missing") << u"priority"_s << QJsonObject{{u"priority"_s, u"high"_s}};
    QTest::newRow("version as text") << u"priority"_s
                                     << QJsonObject{{u"version"_s, u"1"_s}, {u"priority"_s, u"high"_s}};
    QTest::newRow("version fractional") << u"priority"_s
                                        << QJsonObject{{u"version"_s, 1.5}, {u"priority"_s, u"high"_s}};
    QTest::newRow("note not a string") << u"acknowledge"_s << QJsonObject{{u"version"_s, 1}, {u"note"_s, 5}};
    QTest::newRow("note too long") << u"acknowledge"_s
                                   << QJsonObject{{u"version"_s, 1}, {u"note"_s, QString(4001, u'x')}};
    QTest::newRow("assignee not a number")
        << u"assign"_s << QJsonObject{{u"version"_s, 1}, {u"assignee_id"_s, u"me"_s}};
    QTest::newRow("duplicate_of missing") << u"duplicate"_s << QJsonObject{{u"version"_s, 1}};
}

void tst_StaffApi::actionFieldErrors()
{
    QFETCH(QString, action);
    QFETCH(QJsonObject, body);
    World w;
    START_WORLD(w);
    const qint64 id = w.file(u"pothole"_s);
    const Reply r = w.act(w.ts.login(u"clerk-roads"_s), id, action, body);
    QVERIFY2(r.status == 422, describe(r));
    QCOMPARE(errorKind(r), u"validation"_s);
    QVERIFY(!errorOf(r).value(u"message"_s).toString().isEmpty());
    QCOMPARE(w.version(id), 1);
}

// ---- administration ------------------------------------------------------------------------

void tst_StaffApi::departmentsCrud()
{
    World w;
    START_WORLD(w);
    const QString admin = w.ts.login(u"admin"_s);
    Reply r = w.ts.postJson(u"/api/v1/departments"_s,
        {{u"code"_s, u"water"_s}, {u"name"_s, QJsonObject{{u"el"_s, u"Ύδρευση"_s}, {u"en"_s, u"Water"_s}}},
            {u"email"_s, u"water@serres.example"_s}},
        admin);
    QVERIFY2(r.status == 201, describe(r));
    const QJsonObject created = r.object().value(u"department"_s).toObject();
    const qint64 id = created.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(created.value(u"code"_s).toString(), u"water"_s);
    QCOMPARE(created.value(u"active"_s).toBool(), true);

    auto listed = [&] {
        QJsonObject found;
        for (const QJsonValue &v : w.ts.get(u"/api/v1/departments"_s, admin).object().value(u"departments"_s).toArray())
            if (v.toObject().value(u"id"_s).toInteger() == id)
                found = v.toObject();
        return found;
    };
    QCOMPARE(listed().value(u"name"_s).toObject().value(u"el"_s).toString(), u"Ύδρευση"_s);
    QCOMPARE(listed().value(u"email"_s).toString(), u"water@serres.example"_s);

    r = w.ts.send("PUT"_ba, u"/api/v1/departments/%1"_s.arg(id),
        compact({{u"name"_s, QJsonObject{{u"el"_s, u"Ύδρευση και αποχέτευση"_s}, {u"en"_s, u"Water and sewage"_s}}},
            {u"active"_s, false}}),
        "application/json"_ba, admin);
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(listed().value(u"name"_s).toObject().value(u"en"_s).toString(), u"Water and sewage"_s);
    QCOMPARE(listed().value(u"code"_s).toString(), u"water"_s);
    QCOMPARE(listed().value(u"email"_s).toString(), u"water@serres.example"_s); // untouched fields stay
    QCOMPARE(listed().value(u"active"_s).toBool(true), false);

    // A code that exists, on create and on rename.
    r = w.ts.postJson(u"/api/v1/departments"_s,
        {{u"code"_s, u"roads"_s}, {u"name"_s, QJsonObject{{u"el"_s, u"Άλλο"_s}, {u"en"_s, u"Other"_s}}}}, admin);
    QVERIFY2(r.status == 409, describe(r));
    QCOMPARE(errorKind(r), u"conflict"_s);
    r = w.ts.send("PUT"_ba, u"/api/v1/departments/%1"_s.arg(id), compact({{u"code"_s, u"parks"_s}}),
        "application/json"_ba, admin);
    QVERIFY2(r.status == 409, describe(r));
    QCOMPARE(listed().value(u"code"_s).toString(), u"water"_s);
    r = w.ts.send(
        "PUT"_ba, u"/api/v1/departments/999999"_s, compact({{u"code"_s, u"x"_s}}), "application/json"_ba, admin);
    QVERIFY2(r.status == 404, describe(r));
    QCOMPARE(w.ts.get(u"/api/v1/departments"_s, admin).object().value(u"departments"_s).toArray().size(), 3);
}

void tst_StaffApi::departmentPayloadErrors_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<bool>("wrongOnUpdateToo"); // false: a valid partial update once a field is absent
    const QJsonObject both{{u"el"_s, u"Ύδρευση"_s}, {u"en"_s, u"Water"_s}};
    QTest::newRow("no name") << QJsonObject{{u"code"_s, u"water"_s}} << false;
    QTest::newRow("no en name") << QJsonObject{{u"code"_s, u"water"_s},
        {u"name"_s, QJsonObject{{u"el"_s, u"Ύδρευση"_s}}}}
                                << true;
    QTest::newRow("no el name") << QJsonObject{{u"code"_s, u"water"_s}, {u"name"_s, QJsonObject{{u"en"_s, u"Water"_s}}}}
                                << true;
    QTest::newRow("blank el name") << QJsonObject{{u"code"_s, u"water"_s},
        {u"name"_s, QJsonObject{{u"el"_s, u"  "_s}, {u"en"_s, u"Water"_s}}}}
                                   << true;
    QTest::newRow("no code") << QJsonObject{{u"name"_s, both}} << false;
    QTest::newRow("bad code") << QJsonObject{{u"code"_s, u"water works!"_s}, {u"name"_s, both}} << true;
    QTest::newRow("code not a string") << QJsonObject{{u"code"_s, 7}, {u"name"_s, both}} << true;
    QTest::newRow("email not a string") << QJsonObject{{u"code"_s, u"water"_s}, {u"name"_s, both}, {u"email"_s, 7}}
                                        << true;
}

void tst_StaffApi::departmentPayloadErrors()
{
    QFETCH(QJsonObject, body);
    QFETCH(bool, wrongOnUpdateToo);
    World w;
    START_WORLD(w);
    const QString admin = w.ts.login(u"admin"_s);
    const Reply r = w.ts.postJson(u"/api/v1/departments"_s, body, admin);
    QVERIFY2(r.status == 422, describe(r));
    QCOMPARE(errorKind(r), u"validation"_s);
    QVERIFY(!errorOf(r).value(u"message"_s).toString().isEmpty());
    QCOMPARE(w.ts.get(u"/api/v1/departments"_s, admin).object().value(u"departments"_s).toArray().size(), 2);
    if (!wrongOnUpdateToo)
        return;
    const Reply u
        = w.ts.send("PUT"_ba, u"/api/v1/departments/%1"_s.arg(w.parks), compact(body), "application/json"_ba, admin);
    QVERIFY2(u.status == 422, describe(u));
    const auto parks = w.ts.ctx().catalog->department(w.parks);
    QVERIFY(parks);
    QCOMPARE(parks->code, u"parks"_s);
    QCOMPARE(parks->name.en, u"Department parks"_s);
    QCOMPARE(parks->email, QString());
}

void tst_StaffApi::categoryCreatedAppearsInOpen311AtOnce()
{
    World w;
    START_WORLD(w);
    const QString admin = w.ts.login(u"admin"_s);
    QCOMPARE(w.ts.get(u"/open311/v2/services/streetlight.json"_s).status, 404);

    const QJsonArray attributes{
        QJsonObject{{u"code"_s, u"note"_s}, {u"datatype"_s, u"string"_s}, {u"order"_s, 2},
            {u"description"_s, QJsonObject{{u"el"_s, u"Σχόλιο"_s}, {u"en"_s, u"Comment"_s}}}},
        QJsonObject{{u"code"_s, u"lamp"_s}, {u"datatype"_s, u"singlevaluelist"_s}, {u"required"_s, true},
            {u"order"_s, 1}, {u"description"_s, QJsonObject{{u"el"_s, u"Τύπος λάμπας"_s}, {u"en"_s, u"Lamp type"_s}}},
            {u"values"_s,
                QJsonArray{QJsonObject{{u"key"_s, u"led"_s},
                               {u"name"_s, QJsonObject{{u"el"_s, u"LED"_s}, {u"en"_s, u"LED"_s}}}},
                    QJsonObject{{u"key"_s, u"sodium"_s},
                        {u"name"_s, QJsonObject{{u"el"_s, u"Νατρίου"_s}, {u"en"_s, u"Sodium"_s}}}}}}},
    };
    Reply r = w.ts.postJson(u"/api/v1/categories"_s,
        {{u"code"_s, u"streetlight"_s},
            {u"name"_s, QJsonObject{{u"el"_s, u"Φωτισμός οδών"_s}, {u"en"_s, u"Street lighting"_s}}},
            {u"description"_s, QJsonObject{{u"el"_s, u"Σβηστή λάμπα"_s}, {u"en"_s, u"Lamp out"_s}}},
            {u"keywords"_s, QJsonArray{u"λάμπα"_s, u"lamp"_s}}, {u"department_id"_s, w.roads},
            {u"attributes"_s, attributes}},
        admin);
    QVERIFY2(r.status == 201, describe(r));
    QCOMPARE(r.object().value(u"category"_s).toObject().value(u"code"_s).toString(), u"streetlight"_s);

    auto service = [&](const QString &lang) {
        const Reply s = w.ts.get(u"/open311/v2/services.json?lang="_s + lang);
        for (const QJsonValue &v : s.array())
            if (v.toObject().value(u"service_code"_s).toString() == u"streetlight")
                return v.toObject();
        return QJsonObject();
    };
    QCOMPARE(service(u"en"_s).value(u"service_name"_s).toString(), u"Street lighting"_s);
    QCOMPARE(service(u"el"_s).value(u"service_name"_s).toString(), u"Φωτισμός οδών"_s);
    QCOMPARE(service(u"en"_s).value(u"metadata"_s).toBool(), true);
    QCOMPARE(service(u"en"_s).value(u"keywords"_s).toString(), u"λάμπα,lamp"_s);

    const Reply def = w.ts.get(u"/open311/v2/services/streetlight.json?lang=en"_s);
    QVERIFY2(def.status == 200, describe(def));
    QCOMPARE(def.object().value(u"service_code"_s).toString(), u"streetlight"_s);
    const QJsonArray attrs = def.object().value(u"attributes"_s).toArray();
    QCOMPARE(attrs.size(), 2);
    QCOMPARE(attrs[0].toObject().value(u"code"_s).toString(), u"lamp"_s); // sorted by order
    QCOMPARE(attrs[0].toObject().value(u"datatype"_s).toString(), u"singlevaluelist"_s);
    QCOMPARE(attrs[0].toObject().value(u"required"_s).toBool(), true);
    QCOMPARE(attrs[0].toObject().value(u"description"_s).toString(), u"Lamp type"_s);
    QCOMPARE(attrs[0].toObject().value(u"values"_s).toArray().size(), 2);
    QCOMPARE(attrs[0].toObject().value(u"values"_s).toArray()[1].toObject().value(u"name"_s).toString(), u"Sodium"_s);
    QCOMPARE(attrs[1].toObject().value(u"code"_s).toString(), u"note"_s);

    // A citizen can file in it straight away, and it lands in the chosen department.
    const QByteArray form = "api_key=" + QUrl::toPercentEncoding(w.ts.apiKey())
        + "&service_code=streetlight&lat=41.0912&long=23.5486&description=Dark"
          "&attribute%5Blamp%5D=led";
    const Reply filed
        = w.ts.send("POST"_ba, u"/open311/v2/requests.json"_s, form, "application/x-www-form-urlencoded"_ba);
    QVERIFY2(filed.status == 200, describe(filed));
    const qint64 reportId = filed.array().first().toObject().value(u"service_request_id"_s).toString().toLongLong();
    QCOMPARE(w.stored(reportId).departmentId, std::optional<qint64>(w.roads));

    // A duplicate code.
    r = w.ts.postJson(u"/api/v1/categories"_s,
        {{u"code"_s, u"streetlight"_s}, {u"name"_s, QJsonObject{{u"el"_s, u"Άλλο"_s}, {u"en"_s, u"Other"_s}}}}, admin);
    QVERIFY2(r.status == 409, describe(r));
    QCOMPARE(errorKind(r), u"conflict"_s);

    // An update shows at once too; the code never changes; deactivating hides the service.
    r = w.ts.send("PUT"_ba, u"/api/v1/categories/streetlight"_s,
        compact(
            {{u"code"_s, u"renamed"_s}, {u"name"_s, QJsonObject{{u"el"_s, u"Φωτισμός"_s}, {u"en"_s, u"Lighting"_s}}}}),
        "application/json"_ba, admin);
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(r.object().value(u"category"_s).toObject().value(u"code"_s).toString(), u"streetlight"_s);
    QCOMPARE(service(u"en"_s).value(u"service_name"_s).toString(), u"Lighting"_s);
    QCOMPARE(w.ts.get(u"/open311/v2/services/streetlight.json"_s).object().value(u"attributes"_s).toArray().size(), 2);
    r = w.ts.send(
        "PUT"_ba, u"/api/v1/categories/streetlight"_s, compact({{u"active"_s, false}}), "application/json"_ba, admin);
    QVERIFY2(r.status == 200, describe(r));
    QVERIFY(service(u"en"_s).isEmpty());
    QCOMPARE(w.ts.get(u"/open311/v2/services/streetlight.json"_s).status, 404);
    bool listedForStaff = false;
    for (const QJsonValue &v : w.ts.get(u"/api/v1/categories"_s, admin).object().value(u"categories"_s).toArray())
        listedForStaff = listedForStaff || v.toObject().value(u"code"_s).toString() == u"streetlight";
    QVERIFY(listedForStaff); // staff still see inactive categories
    r = w.ts.send(
        "PUT"_ba, u"/api/v1/categories/nosuch"_s, compact({{u"active"_s, false}}), "application/json"_ba, admin);
    QVERIFY2(r.status == 404, describe(r));
}

void tst_StaffApi::categoryPayloadErrors_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<bool>("wrongOnUpdateToo"); // false: the update ignores the code / keeps the name
    const QJsonObject name{{u"el"_s, u"Φωτισμός"_s}, {u"en"_s, u"Lighting"_s}};
    const QJsonObject question{{u"el"_s, u"Ερώτηση"_s}, {u"en"_s, u"Question"_s}};
    auto withAttribute = [&](const QJsonObject &a) {
        return QJsonObject{{u"code"_s, u"streetlight"_s}, {u"name"_s, name}, {u"attributes"_s, QJsonArray{a}}};
    };
    QTest::newRow("no name") << QJsonObject{{u"code"_s, u"streetlight"_s}} << false;
    QTest::newRow("no en name") << QJsonObject{{u"code"_s, u"streetlight"_s},
        {u"name"_s, QJsonObject{{u"el"_s, u"Φωτισμός"_s}}}}
                                << true;
    QTest::newRow("no el name") << QJsonObject{{u"code"_s, u"streetlight"_s},
        {u"name"_s, QJsonObject{{u"en"_s, u"Lighting"_s}}}}
                                << true;
    QTest::newRow("bad code") << QJsonObject{{u"code"_s, u"street light"_s}, {u"name"_s, name}} << false;
    QTest::newRow("unknown department") << QJsonObject{{u"code"_s, u"streetlight"_s}, {u"name"_s, name},
        {u"department_id"_s, 999}} << true;
    QTest::newRow("department not a number")
        << QJsonObject{{u"code"_s, u"streetlight"_s}, {u"name"_s, name}, {u"department_id"_s, u"roads"_s}} << true;
    QTest::newRow("bad datatype") << withAttribute(
        {{u"code"_s, u"lamp"_s}, {u"datatype"_s, u"colour"_s}, {u"description"_s, question}})
                                  << true;
    QTest::newRow("no datatype") << withAttribute({{u"code"_s, u"lamp"_s}, {u"description"_s, question}}) << true;
    QTest::newRow("singlevaluelist without values")
        << withAttribute({{u"code"_s, u"lamp"_s}, {u"datatype"_s, u"singlevaluelist"_s}, {u"description"_s, question}})
        << true;
    QTest::newRow("multivaluelist with empty values") << withAttribute({{u"code"_s, u"lamp"_s},
        {u"datatype"_s, u"multivaluelist"_s}, {u"description"_s, question}, {u"values"_s, QJsonArray{}}})
                                                      << true;
    QTest::newRow("value without key") << withAttribute({{u"code"_s, u"lamp"_s}, {u"datatype"_s, u"singlevaluelist"_s},
        {u"description"_s, question}, {u"values"_s, QJsonArray{QJsonObject{{u"name"_s, u"LED"_s}}}}})
                                       << true;
    QTest::newRow("attribute without a question")
        << withAttribute({{u"code"_s, u"lamp"_s}, {u"datatype"_s, u"string"_s}}) << true;
    QTest::newRow("attribute with a bad code")
        << withAttribute({{u"code"_s, u"lamp type"_s}, {u"datatype"_s, u"string"_s}, {u"description"_s, question}})
        << true;
    const QJsonObject a{{u"code"_s, u"lamp"_s}, {u"datatype"_s, u"string"_s}, {u"description"_s, question}};
    QTest::newRow("attribute code twice")
        << QJsonObject{{u"code"_s, u"streetlight"_s}, {u"name"_s, name}, {u"attributes"_s, QJsonArray{a, a}}} << true;
}

void tst_StaffApi::categoryPayloadErrors()
{
    QFETCH(QJsonObject, body);
    QFETCH(bool, wrongOnUpdateToo);
    World w;
    START_WORLD(w);
    const QString admin = w.ts.login(u"admin"_s);
    const Reply r = w.ts.postJson(u"/api/v1/categories"_s, body, admin);
    QVERIFY2(r.status == 422, describe(r));
    QCOMPARE(errorKind(r), u"validation"_s);
    QVERIFY(!errorOf(r).value(u"message"_s).toString().isEmpty());
    QCOMPARE(w.ts.get(u"/api/v1/categories"_s, admin).object().value(u"categories"_s).toArray().size(), 2);
    QCOMPARE(w.ts.get(u"/open311/v2/services.json"_s).array().size(), 2);
    if (!wrongOnUpdateToo)
        return;
    // The same fields on an update of an existing category are refused as well, and change nothing.
    const Category before = *w.ts.ctx().catalog->category(u"pothole"_s);
    const Reply u = w.ts.send("PUT"_ba, u"/api/v1/categories/pothole"_s, compact(body), "application/json"_ba, admin);
    QVERIFY2(u.status == 422, describe(u));
    QVERIFY(*w.ts.ctx().catalog->category(u"pothole"_s) == before);
}

void tst_StaffApi::usersCrud()
{
    World w;
    START_WORLD(w);
    const QString admin = w.ts.login(u"admin"_s);
    const QString password = u"a long enough password"_s;
    Reply r = w.ts.postJson(u"/api/v1/users"_s,
        {{u"username"_s, u"Eleni.K"_s}, {u"display_name"_s, u"Ελένη Κ."_s}, {u"email"_s, u"eleni@serres.example"_s},
            {u"password"_s, password}, {u"role"_s, u"clerk"_s}, {u"department_ids"_s, QJsonArray{w.parks}}},
        admin);
    QVERIFY2(r.status == 201, describe(r));
    const QJsonObject created = r.object().value(u"user"_s).toObject();
    const qint64 id = created.value(u"id"_s).toInteger();
    QCOMPARE(created.value(u"username"_s).toString(), u"eleni.k"_s); // stored lower-case
    QCOMPARE(created.value(u"role"_s).toString(), u"clerk"_s);
    QCOMPARE(created.value(u"department_ids"_s).toArray(), QJsonArray{w.parks});
    // The administrator typed the password: the new user is asked to choose their own.
    QCOMPARE(created.value(u"must_renew_credentials"_s).toBool(), true);
    QVERIFY(!r.body.contains(password.toUtf8()));

    Reply login = w.ts.postJson(u"/api/v1/auth/login"_s, {{u"username"_s, u"eleni.k"_s}, {u"password"_s, password}});
    QVERIFY2(login.status == 200, describe(login));
    const QString token = login.object().value(u"token"_s).toString();

    bool listed = false;
    for (const QJsonValue &v : w.ts.get(u"/api/v1/users"_s, token).object().value(u"users"_s).toArray())
        listed = listed || v.toObject().value(u"id"_s).toInteger() == id;
    QVERIFY(listed);
    QVERIFY(!w.ts.get(u"/api/v1/users"_s, token).body.contains("password"));

    // Same name again (any case).
    r = w.ts.postJson(
        u"/api/v1/users"_s, {{u"username"_s, u"ELENI.K"_s}, {u"password"_s, password}, {u"role"_s, u"clerk"_s}}, admin);
    QVERIFY2(r.status == 409, describe(r));
    QCOMPARE(errorKind(r), u"conflict"_s);

    // Promote and move; the session follows the new role at once.
    r = w.ts.send("PUT"_ba, u"/api/v1/users/%1"_s.arg(id),
        compact({{u"role"_s, u"manager"_s}, {u"department_ids"_s, QJsonArray{w.roads, w.parks}}}),
        "application/json"_ba, admin);
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(r.object().value(u"user"_s).toObject().value(u"display_name"_s).toString(), u"Ελένη Κ."_s);
    const QJsonObject me = w.ts.get(u"/api/v1/me"_s, token).object().value(u"user"_s).toObject();
    QCOMPARE(me.value(u"role"_s).toString(), u"manager"_s);
    QCOMPARE(me.value(u"department_ids"_s).toArray(), (QJsonArray{w.roads, w.parks}));
    const qint64 report = w.file(u"pothole"_s);
    QCOMPARE(w.act(token, report, u"assign"_s, {{u"version"_s, 1}, {u"department_id"_s, w.parks}}).status, 200);

    // A new password ends the old sessions.
    r = w.ts.send("PUT"_ba, u"/api/v1/users/%1"_s.arg(id), compact({{u"password"_s, u"another long password"_s}}),
        "application/json"_ba, admin);
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(w.ts.get(u"/api/v1/me"_s, token).status, 401);
    QCOMPARE(
        w.ts.postJson(u"/api/v1/auth/login"_s, {{u"username"_s, u"eleni.k"_s}, {u"password"_s, password}}).status, 401);
    QCOMPARE(w.ts.postJson(u"/api/v1/auth/login"_s,
                     {{u"username"_s, u"eleni.k"_s}, {u"password"_s, u"another long password"_s}})
                 .status,
        200);

    // An admin cannot lock themselves out.
    r = w.ts.send(
        "PUT"_ba, u"/api/v1/users/%1"_s.arg(w.admin.id), compact({{u"active"_s, false}}), "application/json"_ba, admin);
    QVERIFY2(r.status == 422, describe(r));
    r = w.ts.send("PUT"_ba, u"/api/v1/users/%1"_s.arg(w.admin.id), compact({{u"role"_s, u"manager"_s}}),
        "application/json"_ba, admin);
    QVERIFY2(r.status == 422, describe(r));
    QCOMPARE(
        w.ts.get(u"/api/v1/me"_s, admin).object().value(u"user"_s).toObject().value(u"role"_s).toString(), u"admin"_s);
    r = w.ts.send(
        "PUT"_ba, u"/api/v1/users/999999"_s, compact({{u"display_name"_s, u"x"_s}}), "application/json"_ba, admin);
    QVERIFY2(r.status == 404, describe(r));
}

void tst_StaffApi::userUpdateWithBadPasswordChangesNothing()
{
    World w;
    START_WORLD(w);
    const QString admin = w.ts.login(u"admin"_s);
    const Reply r = w.ts.send("PUT"_ba, u"/api/v1/users/%1"_s.arg(w.clerkRoads.id),
        compact({{u"display_name"_s, u"Renamed"_s}, {u"role"_s, u"manager"_s}, {u"password"_s, u"short"_s}}),
        "application/json"_ba, admin);
    QVERIFY2(r.status == 422, describe(r));
    const QJsonObject me = w.ts.get(u"/api/v1/me"_s, w.ts.login(u"clerk-roads"_s)).object().value(u"user"_s).toObject();
    QCOMPARE(me.value(u"display_name"_s).toString(), u"clerk-roads"_s);
    QCOMPARE(me.value(u"role"_s).toString(), u"clerk"_s);
}

void tst_StaffApi::userPayloadErrors_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("expected");
    const QString pw = u"a long enough password"_s;
    QTest::newRow("bad role") << QJsonObject{{u"username"_s, u"nikos"_s}, {u"password"_s, pw}, {u"role"_s, u"boss"_s}}
                              << 422;
    QTest::newRow("no role") << QJsonObject{{u"username"_s, u"nikos"_s}, {u"password"_s, pw}} << 422;
    QTest::newRow("short password") << QJsonObject{{u"username"_s, u"nikos"_s}, {u"password"_s, u"short"_s},
        {u"role"_s, u"clerk"_s}} << 422;
    QTest::newRow("no password") << QJsonObject{{u"username"_s, u"nikos"_s}, {u"role"_s, u"clerk"_s}} << 422;
    QTest::newRow("bad username") << QJsonObject{{u"username"_s, u"Νίκος"_s}, {u"password"_s, pw},
        {u"role"_s, u"clerk"_s}} << 422;
    QTest::newRow("no username") << QJsonObject{{u"password"_s, pw}, {u"role"_s, u"clerk"_s}} << 422;
    QTest::newRow("unknown department") << QJsonObject{{u"username"_s, u"nikos"_s}, {u"password"_s, pw},
        {u"role"_s, u"clerk"_s}, {u"department_ids"_s, QJsonArray{999}}}
                                        << 422;
    QTest::newRow("existing name") << QJsonObject{{u"username"_s, u"clerk-parks"_s}, {u"password"_s, pw},
        {u"role"_s, u"clerk"_s}} << 409;
}

void tst_StaffApi::userPayloadErrors()
{
    QFETCH(QJsonObject, body);
    QFETCH(int, expected);
    World w;
    START_WORLD(w);
    const QString admin = w.ts.login(u"admin"_s);
    const Reply r = w.ts.postJson(u"/api/v1/users"_s, body, admin);
    QVERIFY2(r.status == expected, describe(r));
    QCOMPARE(errorKind(r), expected == 409 ? u"conflict"_s : u"validation"_s);
    QCOMPARE(w.ts.get(u"/api/v1/users"_s, admin).object().value(u"users"_s).toArray().size(), 4);
}

void tst_StaffApi::bodyEncodingErrors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("expected");
    const QByteArray json = "application/json";
    const QByteArray dept = R"({"code":"water","name":{"el":"Ύδρευση","en":"Water"}})";
    QTest::newRow("text/plain") << "POST"_ba << u"/api/v1/departments"_s << "text/plain"_ba << dept << 415;
    QTest::newRow("form") << "POST"_ba << u"/api/v1/departments"_s << "application/x-www-form-urlencoded"_ba
                          << "code=water"_ba << 415;
    QTest::newRow("no content type") << "POST"_ba << u"/api/v1/departments"_s << QByteArray() << dept << 415;
    QTest::newRow("malformed JSON") << "POST"_ba << u"/api/v1/departments"_s << json << R"({"code": "water",)"_ba
                                    << 400;
    QTest::newRow("JSON array") << "POST"_ba << u"/api/v1/departments"_s << json << "[1,2]"_ba << 400;
    QTest::newRow("empty body") << "POST"_ba << u"/api/v1/departments"_s << json << QByteArray() << 400;
    QTest::newRow("JSON with charset") << "POST"_ba << u"/api/v1/departments"_s << "application/json; charset=utf-8"_ba
                                       << dept << 201;
    QTest::newRow("login as text") << "POST"_ba << u"/api/v1/auth/login"_s << "text/plain"_ba
                                   << R"({"username":"admin","password":"x"})"_ba << 415;
    QTest::newRow("login malformed") << "POST"_ba << u"/api/v1/auth/login"_s << json << "{username}"_ba << 400;
    QTest::newRow("action as text") << "POST"_ba << u"/api/v1/reports/{report}/notes"_s << "text/plain"_ba
                                    << R"({"version":1,"text":"x","public":true})"_ba << 415;
    QTest::newRow("action malformed") << "POST"_ba << u"/api/v1/reports/{report}/status"_s << json
                                      << R"({"version":1,"status":)"_ba << 400;
    QTest::newRow("user update malformed") << "PUT"_ba << u"/api/v1/users/{user}"_s << json << "{,}"_ba << 400;
    QTest::newRow("category update as text") << "PUT"_ba << u"/api/v1/categories/pothole"_s << "text/plain"_ba
                                             << R"({"active":false})"_ba << 415;
}

void tst_StaffApi::bodyEncodingErrors()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, expected);
    World w;
    START_WORLD(w);
    const qint64 report = w.file(u"pothole"_s);
    path.replace(u"{report}"_s, QString::number(report)).replace(u"{user}"_s, QString::number(w.clerkRoads.id));
    const Reply r = w.ts.send(method, path, body, contentType, w.ts.login(u"admin"_s));
    QVERIFY2(r.status == expected, describe(r));
    if (expected >= 400) {
        const QJsonObject e = errorOf(r);
        QCOMPARE(e.value(u"kind"_s).toString(), expected == 415 ? u"unsupported_media_type"_s : u"bad_request"_s);
        QVERIFY(!e.value(u"message"_s).toString().isEmpty());
        QCOMPARE(r.object().keys(), QStringList{u"error"_s}); // nothing but the error
        QCOMPARE(w.version(report), 1);
    }
}

QTEST_GUILESS_MAIN(tst_StaffApi)
#include "tst_StaffApi.moc"
