// ApiClient against dimosd in-process (TestServer) over real sockets: sign-in and its error
// kinds (wrong password, unreachable server, rate limit), the full report load following
// next_cursor past one page, lookups, report detail, an action, and a stale version
// answered with 409 and the current report — all written into the store.
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include "client/net/ApiClient.h"
#include "client/store/ReportStore.h"
#include "server/core/ReportService.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

constexpr int kWaitMs = 30'000; // an upper bound for a reply, not a timing assertion

class World
{
public:
    explicit World(const QStringList &overrides = {}) : ts(overrides) { }

    bool setUp(QString *error)
    {
        if (!ts.start(error))
            return false;
        roads = ts.addDepartment(u"roads"_s);
        ts.addCategory(u"pothole"_s, roads);
        clerk = ts.addUser(u"clerk"_s, Role::Clerk, {roads});
        api.setServer(ts.url(u"/"_s));
        api.setStore(&store);
        return true;
    }

    qint64 file(const QString &description = u"Λακκούβα στο δρόμο"_s)
    {
        NewReport in;
        in.serviceCode = u"pothole"_s;
        in.lat = kInsideLat;
        in.lon = kInsideLon;
        in.description = description;
        in.contact = {u"maria@example.org"_s, u"Μαρία"_s, {}, {}, {}, {}};
        in.channel = u"web"_s;
        return ts.ctx().reportService->create(in).id;
    }

    // Signs in through the API client itself.
    bool signIn()
    {
        QSignalSpy ok(&api, &ApiClient::loggedIn);
        api.login(u"clerk"_s, QString::fromLatin1(TestServer::kPassword));
        return ok.wait(kWaitMs);
    }

    TestServer ts;
    ReportStore store;
    ApiClient api;
    qint64 roads = 0;
    StaffUser clerk;
};

} // namespace

class tst_ApiClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void userAgentNamesTheApp();
    void loginSucceeds();
    void loginWrongPassword();
    void loginUnreachable();
    void loginRateLimited();
    void expiredTokenIsUnauthorized();
    void loadAllReportsFollowsCursors();
    void lookupsFillTheStore();
    void reportDetailWithHistory();
    void actionReturnsNewVersion();
    void staleVersionGivesCurrentReport();
};

void tst_ApiClient::userAgentNamesTheApp()
{
    QVERIFY(ApiClient::userAgent().startsWith("dimos-desk/"));
    QVERIFY(ApiClient::userAgent().size() > int(sizeof("dimos-desk/")));
}

void tst_ApiClient::loginSucceeds()
{
    World w;
    QString error;
    QVERIFY2(w.setUp(&error), qPrintable(error));
    QSignalSpy ok(&w.api, &ApiClient::loggedIn);
    QSignalSpy failed(&w.api, &ApiClient::loginFailed);
    w.api.login(u"clerk"_s, QString::fromLatin1(TestServer::kPassword));
    QVERIFY(ok.wait(kWaitMs));
    QCOMPARE(failed.count(), 0);
    const QString token = ok.at(0).at(0).toString();
    const auto user = ok.at(0).at(1).value<StaffMember>();
    QVERIFY(!token.isEmpty());
    QCOMPARE(w.api.token(), token);
    QCOMPARE(user.username, u"clerk"_s);
    QCOMPARE(user.role, Role::Clerk);
    QCOMPARE(user.departmentIds, QList<qint64>{w.roads});

    QSignalSpy me(&w.api, &ApiClient::meLoaded);
    w.api.me();
    QVERIFY(me.wait(kWaitMs));
    QCOMPARE(me.at(0).at(0).value<StaffMember>().id, w.clerk.id);
}

void tst_ApiClient::loginWrongPassword()
{
    World w;
    QString error;
    QVERIFY2(w.setUp(&error), qPrintable(error));
    QSignalSpy failed(&w.api, &ApiClient::loginFailed);
    w.api.login(u"clerk"_s, u"not the password"_s);
    QVERIFY(failed.wait(kWaitMs));
    const auto failure = failed.at(0).at(0).value<ApiFailure>();
    QCOMPARE(failure.kind, ApiErrorKind::WrongPassword);
    QCOMPARE(failure.httpStatus, 401);
    QVERIFY(w.api.token().isEmpty());
}

void tst_ApiClient::loginUnreachable()
{
    // A port that was free a moment ago: nothing listens there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    ApiClient api;
    api.setServer(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
    QSignalSpy failed(&api, &ApiClient::loginFailed);
    api.login(u"clerk"_s, u"secret"_s);
    QVERIFY(failed.wait(kWaitMs));
    const auto failure = failed.at(0).at(0).value<ApiFailure>();
    QCOMPARE(failure.kind, ApiErrorKind::Unreachable);
    QCOMPARE(failure.httpStatus, 0);
    QVERIFY(!failure.message.isEmpty());
}

void tst_ApiClient::loginRateLimited()
{
    World w({u"auth/max_login_failures=2"_s});
    QString error;
    QVERIFY2(w.setUp(&error), qPrintable(error));
    QSignalSpy failed(&w.api, &ApiClient::loginFailed);
    for (int i = 0; i < 3; ++i) {
        w.api.login(u"clerk"_s, u"wrong"_s);
        QVERIFY(failed.wait(kWaitMs));
    }
    const auto last = failed.last().at(0).value<ApiFailure>();
    QCOMPARE(last.kind, ApiErrorKind::RateLimited);
    QCOMPARE(last.httpStatus, 429);
    QVERIFY(last.retryAfterSeconds > 0);
}

void tst_ApiClient::expiredTokenIsUnauthorized()
{
    World w;
    QString error;
    QVERIFY2(w.setUp(&error), qPrintable(error));
    w.api.setToken(u"not-a-token"_s);
    QSignalSpy failed(&w.api, &ApiClient::requestFailed);
    w.api.me();
    QVERIFY(failed.wait(kWaitMs));
    QCOMPARE(failed.at(0).at(0).value<ApiClient::Operation>(), ApiClient::Operation::Me);
    QCOMPARE(failed.at(0).at(1).value<ApiFailure>().kind, ApiErrorKind::Unauthorized);
}

void tst_ApiClient::loadAllReportsFollowsCursors()
{
    World w;
    QString error;
    QVERIFY2(w.setUp(&error), qPrintable(error));
    constexpr int kReports = 2345;
    for (int i = 0; i < kReports; ++i) {
        if (i % 10 == 0) // runs of equal timestamps test the cursor's tie-break too
            w.ts.clock().advanceMs(1);
        w.file(u"Αναφορά %1"_s.arg(i));
    }
    QVERIFY(w.signIn());

    QSignalSpy batches(&w.api, &ApiClient::reportsBatchLoaded);
    QSignalSpy done(&w.api, &ApiClient::allReportsLoaded);
    QSignalSpy failed(&w.api, &ApiClient::requestFailed);
    w.api.loadAllReports();
    QVERIFY(done.wait(120'000));
    QCOMPARE(failed.count(), 0);
    QCOMPARE(done.at(0).at(0).toInt(), kReports);
    QCOMPARE(batches.count(), 3);
    QCOMPARE(batches.at(0).at(0).value<QList<Report>>().size(), 1000);
    QCOMPARE(w.store.size(), kReports);
    QSet<qint64> seen;
    qint64 previousUpdated = std::numeric_limits<qint64>::max();
    for (const auto &batch : batches)
        for (const Report &r : batch.at(0).value<QList<Report>>()) {
            QVERIFY2(!seen.contains(r.id), "a report came twice");
            seen.insert(r.id);
            QVERIFY(r.updatedMs <= previousUpdated);
            previousUpdated = r.updatedMs;
        }
    QCOMPARE(seen.size(), kReports);
    // The clerk's department: contact details come along.
    QCOMPARE(w.store.find(*seen.begin())->contact.email, u"maria@example.org"_s);
}

void tst_ApiClient::lookupsFillTheStore()
{
    World w;
    QString error;
    QVERIFY2(w.setUp(&error), qPrintable(error));
    QVERIFY(w.signIn());
    QSignalSpy departments(&w.api, &ApiClient::departmentsLoaded);
    QSignalSpy categories(&w.api, &ApiClient::categoriesLoaded);
    QSignalSpy users(&w.api, &ApiClient::usersLoaded);
    w.api.departments();
    w.api.categories();
    w.api.users();
    QVERIFY(departments.count() == 1 || departments.wait(kWaitMs));
    QVERIFY(categories.count() == 1 || categories.wait(kWaitMs));
    QVERIFY(users.count() == 1 || users.wait(kWaitMs));
    w.store.setLanguage(u"en"_s);
    QCOMPARE(w.store.departmentName(w.roads), u"Department roads"_s);
    QCOMPARE(w.store.categoryName(u"pothole"_s), u"Category pothole"_s);
    w.store.setLanguage(u"el"_s);
    QCOMPARE(w.store.categoryName(u"pothole"_s), u"Κατηγορία pothole"_s);
    QCOMPARE(w.store.category(u"pothole"_s)->departmentId, w.roads);
    QCOMPARE(w.store.userName(w.clerk.id), u"clerk"_s);
}

void tst_ApiClient::reportDetailWithHistory()
{
    World w;
    QString error;
    QVERIFY2(w.setUp(&error), qPrintable(error));
    const qint64 id = w.file();
    QVERIFY(w.signIn());
    QSignalSpy detail(&w.api, &ApiClient::reportDetailLoaded);
    w.api.reportDetail(id);
    QVERIFY(detail.wait(kWaitMs));
    QCOMPARE(detail.at(0).at(0).value<Report>().id, id);
    const auto history = detail.at(0).at(1).value<QList<ReportHistoryEntry>>();
    QVERIFY(!history.isEmpty());
    QCOMPARE(history.first().kind, ReportHistoryEntry::Kind::Created);
    QVERIFY(w.store.contains(id));

    QSignalSpy failed(&w.api, &ApiClient::requestFailed);
    w.api.reportDetail(id + 1000);
    QVERIFY(failed.wait(kWaitMs));
    QCOMPARE(failed.at(0).at(0).value<ApiClient::Operation>(), ApiClient::Operation::ReportDetail);
    QCOMPARE(failed.at(0).at(1).value<ApiFailure>().kind, ApiErrorKind::NotFound);
}

void tst_ApiClient::actionReturnsNewVersion()
{
    World w;
    QString error;
    QVERIFY2(w.setUp(&error), qPrintable(error));
    const qint64 id = w.file();
    QVERIFY(w.signIn());
    QSignalSpy ok(&w.api, &ApiClient::actionSucceeded);
    QSignalSpy failed(&w.api, &ApiClient::actionFailed);

    w.api.acknowledge(id, 1, u"Το είδαμε"_s);
    QVERIFY(ok.wait(kWaitMs));
    QCOMPARE(ok.at(0).at(0).toLongLong(), id);
    QCOMPARE(ok.at(0).at(1).value<ReportAction>(), ReportAction::Acknowledge);
    const auto report = ok.at(0).at(2).value<Report>();
    QCOMPARE(report.status, ReportStatus::Acknowledged);
    QCOMPARE(report.version, 2);
    QCOMPARE(w.store.find(id)->version, 2);

    w.api.setPriority(id, 2, Priority::Urgent);
    QVERIFY(ok.wait(kWaitMs));
    QCOMPARE(w.store.find(id)->priority, Priority::Urgent);
    w.api.assign(id, 3, std::nullopt, w.clerk.id);
    QVERIFY(ok.wait(kWaitMs));
    QCOMPARE(w.store.find(id)->assigneeId, w.clerk.id);
    w.api.setStatus(id, 4, ReportStatus::Rejected); // rejecting needs a note
    QVERIFY(failed.wait(kWaitMs));
    QCOMPARE(failed.at(0).at(2).value<ApiFailure>().kind, ApiErrorKind::Validation);
    QCOMPARE(w.store.find(id)->status, ReportStatus::Acknowledged);
}

void tst_ApiClient::staleVersionGivesCurrentReport()
{
    World w;
    QString error;
    QVERIFY2(w.setUp(&error), qPrintable(error));
    const qint64 id = w.file();
    QVERIFY(w.signIn());
    QSignalSpy done(&w.api, &ApiClient::allReportsLoaded);
    w.api.loadAllReports();
    QVERIFY(done.wait(kWaitMs));
    QCOMPARE(w.store.find(id)->version, 1);

    // Someone else changes the report; this clerk still acts on version 1.
    const Report changed = w.ts.ctx().reportService->acknowledge(w.clerk, id, 1, u"από αλλού"_s);
    QSignalSpy failed(&w.api, &ApiClient::actionFailed);
    QSignalSpy storeChanged(&w.store, &ReportStore::reportChanged);
    w.api.setPriority(id, 1, Priority::High);
    QVERIFY(failed.wait(kWaitMs));
    const auto failure = failed.at(0).at(2).value<ApiFailure>();
    QCOMPARE(failure.kind, ApiErrorKind::Conflict);
    QCOMPARE(failure.httpStatus, 409);
    QVERIFY(failure.current.has_value());
    QCOMPARE(failure.current->version, changed.version);
    QCOMPARE(failure.current->status, ReportStatus::Acknowledged);
    QCOMPARE(failure.current->priority, Priority::Normal);
    // The store now holds the current copy, so the clerk sees what changed.
    QCOMPARE(storeChanged.count(), 1);
    QCOMPARE(w.store.find(id)->version, changed.version);
}

QTEST_GUILESS_MAIN(tst_ApiClient)
#include "tst_ApiClient.moc"
