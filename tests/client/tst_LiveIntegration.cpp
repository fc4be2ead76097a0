// The live stream end to end: dimosd in-process (TestServer), the desktop client's ApiClient,
// LiveClient and ReportStore over real sockets. Reports filed over Open311 reach the store
// live; a socket cut in the middle of 500 events loses none and applies each exactly once
// after the reconnect (the server replays from the store's last seq).
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include "client/net/ApiClient.h"
#include "client/net/LiveClient.h"
#include "client/store/ReportStore.h"
#include "server/core/ReportService.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

constexpr int kWaitMs = 20'000; // an upper bound for delivery, not a timing assertion

struct StoreLog
{
    explicit StoreLog(ReportStore &store)
    {
        QObject::connect(&store, &ReportStore::reportsAdded, &store, [this](const QList<qint64> &ids) {
            for (qint64 id : ids)
                ++applied[id];
        });
        QObject::connect(&store, &ReportStore::reportChanged, &store, [this](qint64 id) { ++applied[id]; });
    }
    QHash<qint64, int> applied;
};

class World
{
public:
    World() : ts({u"open311/reports_per_hour_per_address=100000"_s}) { }

    bool setUp(QString *error)
    {
        if (!ts.start(error))
            return false;
        roads = ts.addDepartment(u"roads"_s);
        ts.addCategory(u"pothole"_s, roads);
        ts.addUser(u"clerk"_s, Role::Clerk, {roads});
        apiKey = ts.apiKey();
        api.setServer(ts.url(u"/"_s));
        api.setStore(&store);
        QSignalSpy ok(&api, &ApiClient::loggedIn);
        api.login(u"clerk"_s, QString::fromLatin1(TestServer::kPassword));
        if (!ok.wait(kWaitMs)) {
            *error = u"login failed"_s;
            return false;
        }
        live.setServer(ts.url(u"/"_s));
        live.setToken(api.token());
        return true;
    }

    qint64 fileOverOpen311(const QString &description)
    {
        QUrlQuery form;
        form.addQueryItem(u"api_key"_s, apiKey);
        form.addQueryItem(u"service_code"_s, u"pothole"_s);
        form.addQueryItem(u"lat"_s, QString::number(kInsideLat, 'f', 6));
        form.addQueryItem(u"long"_s, QString::number(kInsideLon, 'f', 6));
        form.addQueryItem(u"description"_s, description);
        const Reply r = ts.send("POST"_ba, u"/open311/v2/requests.json"_s, form.query(QUrl::FullyEncoded).toUtf8(),
            "application/x-www-form-urlencoded"_ba);
        if (r.status != 200)
            return 0;
        return r.array().at(0).toObject().value(u"service_request_id"_s).toVariant().toLongLong();
    }

    qint64 fileDirectly(int n)
    {
        NewReport in;
        in.serviceCode = u"pothole"_s;
        in.lat = kInsideLat;
        in.lon = kInsideLon;
        in.description = u"Αναφορά %1"_s.arg(n);
        in.channel = u"web"_s;
        return ts.ctx().reportService->create(in).id;
    }

    TestServer ts;
    ReportStore store;
    ApiClient api;
    LiveClient live{&api, &store};
    qint64 roads = 0;
    QString apiKey;
};

} // namespace

class tst_LiveIntegration final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void open311ReportsAppearLive();
    void cutSocketLosesNothing();
    void adminChangesReachAnotherDesk();
};

void tst_LiveIntegration::open311ReportsAppearLive()
{
    World w;
    QString error;
    QVERIFY2(w.setUp(&error), qPrintable(error));
    w.store.setMyDepartments({w.roads});
    QSignalSpy notified(&w.store, &ReportStore::newReportInMyDepartments);
    w.live.start();
    QTRY_COMPARE_WITH_TIMEOUT(w.live.state(), LiveClient::State::Live, kWaitMs);

    QList<qint64> ids;
    for (int i = 0; i < 5; ++i) {
        const qint64 id = w.fileOverOpen311(u"Λακκούβα %1 στις Σέρρες"_s.arg(i));
        QVERIFY(id > 0);
        ids.append(id);
        QTRY_VERIFY_WITH_TIMEOUT(w.store.contains(id), kWaitMs);
        QCOMPARE(w.store.find(id)->description, u"Λακκούβα %1 στις Σέρρες"_s.arg(i));
        QCOMPARE(w.store.find(id)->departmentId, w.roads);
        QVERIFY2(w.store.find(id)->contact.email.isEmpty(), "events carry no contact details");
    }
    QCOMPARE(notified.count(), 5);
    QVERIFY(w.store.lastSeq() >= 5);
}

void tst_LiveIntegration::cutSocketLosesNothing()
{
    World w;
    QString error;
    QVERIFY2(w.setUp(&error), qPrintable(error));
    StoreLog log(w.store);
    QSignalSpy resync(&w.live, &LiveClient::resyncStarted);
    w.live.start();
    QTRY_COMPARE_WITH_TIMEOUT(w.live.state(), LiveClient::State::Live, kWaitMs);

    QSet<qint64> filed;
    for (int i = 0; i < 250; ++i)
        filed.insert(w.fileDirectly(i));
    // Part of the stream has arrived; then the connection is cut.
    QTRY_VERIFY_WITH_TIMEOUT(w.store.size() >= 50, kWaitMs);
    w.live.dropConnection();
    QCOMPARE(w.live.state(), LiveClient::State::Offline);
    for (int i = 250; i < 500; ++i)
        filed.insert(w.fileDirectly(i));

    QTRY_COMPARE_WITH_TIMEOUT(w.live.state(), LiveClient::State::Live, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(w.store.size(), 500, kWaitMs);
    QCOMPARE(resync.count(), 0); // the server replayed the gap; nothing was reloaded
    QCOMPARE(QSet<qint64>(w.store.ids().begin(), w.store.ids().end()), filed);
    QCOMPARE(log.applied.size(), 500);
    for (auto it = log.applied.cbegin(); it != log.applied.cend(); ++it)
        QCOMPARE(it.value(), 1);
}

void tst_LiveIntegration::adminChangesReachAnotherDesk()
{
    // An administrator adds a category with its own field, renames a department and adds a
    // user through the API; the clerk's desk, signed in all along, has them without a restart.
    World w;
    QString error;
    QVERIFY2(w.setUp(&error), qPrintable(error));
    w.live.start();
    QTRY_COMPARE_WITH_TIMEOUT(w.live.state(), LiveClient::State::Live, kWaitMs);
    w.api.departments();
    w.api.categories();
    w.api.users();
    QTRY_VERIFY_WITH_TIMEOUT(w.store.department(w.roads) != nullptr, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(w.store.categories().size(), 1, kWaitMs);
    const qsizetype usersBefore = w.store.users().size();

    w.ts.addUser(u"admin"_s, Role::Admin, {});
    const QString admin = w.ts.login(u"admin"_s);
    const Reply category = w.ts.postJson(u"/api/v1/categories"_s,
        QJsonObject{{u"code"_s, u"graffiti"_s},
            {u"name"_s, QJsonObject{{u"el"_s, u"Γκράφιτι"_s}, {u"en"_s, u"Graffiti"_s}}}, {u"department_id"_s, w.roads},
            {u"attributes"_s,
                QJsonArray{QJsonObject{{u"code"_s, u"surface"_s}, {u"datatype"_s, u"string"_s},
                    {u"description"_s, QJsonObject{{u"el"_s, u"Επιφάνεια"_s}, {u"en"_s, u"Surface"_s}}}}}}},
        admin);
    QVERIFY2(category.status == 201, category.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(w.store.categories().size(), 2, kWaitMs);
    bool withField = false;
    for (const Category &c : w.store.categories())
        withField = withField
            || (c.code == u"graffiti" && !c.attributes.isEmpty() && c.attributes.first().code == u"surface");
    QVERIFY(withField);

    const Reply renamed = w.ts.send("PUT"_ba, u"/api/v1/departments/%1"_s.arg(w.roads),
        QJsonDocument(QJsonObject{{u"name"_s, QJsonObject{{u"el"_s, u"Οδοποιία"_s}, {u"en"_s, u"Road works"_s}}}})
            .toJson(QJsonDocument::Compact),
        "application/json"_ba, admin);
    QVERIFY2(renamed.status == 200, renamed.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(w.store.department(w.roads)->name.en, u"Road works"_s, kWaitMs);

    const Reply user = w.ts.postJson(u"/api/v1/users"_s,
        QJsonObject{{u"username"_s, u"new.clerk"_s}, {u"password"_s, u"a long enough password"_s},
            {u"role"_s, u"clerk"_s}, {u"department_ids"_s, QJsonArray{w.roads}}},
        admin);
    QVERIFY2(user.status == 201, user.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(w.store.users().size(), usersBefore + 2, kWaitMs); // the admin and the new clerk
}

QTEST_GUILESS_MAIN(tst_LiveIntegration)
#include "tst_LiveIntegration.moc"
