// The client-side store: versions never go back, live events apply exactly once, the
// "new report in my departments" notification, and the on-disk cache (round trip, and
// damaged or foreign files ignored without touching the store).
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "client/store/ReportCache.h"
#include "client/store/ReportStore.h"
#include "shared/domain/ReportJson.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

Report makeReport(qint64 id, int version, std::optional<qint64> department = 1)
{
    Report r;
    r.id = id;
    r.version = version;
    r.serviceCode = u"pothole"_s;
    r.status = version > 1 ? ReportStatus::Acknowledged : ReportStatus::New;
    r.description = u"Λακκούβα %1 v%2"_s.arg(id).arg(version);
    r.lat = 41.09;
    r.lon = 23.55;
    r.requestedMs = 1'790'000'000'000;
    r.updatedMs = r.requestedMs + version * 1000;
    r.departmentId = department;
    return r;
}

} // namespace

class tst_ReportStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void upsertKeepsHigherVersion_data();
    void upsertKeepsHigherVersion();
    void batchUpsertSignalsOnce();
    void eventsApplyExactlyOnce_data();
    void eventsApplyExactlyOnce();
    void eventKeepsContactFromRest();
    void notifiesNewReportsInMyDepartments();
    void cacheRoundTrip();
    void cacheIsPerServer();
    void corruptCacheIsIgnored_data();
    void corruptCacheIsIgnored();
};

void tst_ReportStore::upsertKeepsHigherVersion_data()
{
    QTest::addColumn<QList<int>>("versions");
    QTest::addColumn<QList<bool>>("changed");
    QTest::addColumn<int>("finalVersion");

    QTest::newRow("one") << QList<int>{1} << QList<bool>{true} << 1;
    QTest::newRow("ascending") << QList<int>{1, 2, 3} << QList<bool>{true, true, true} << 3;
    QTest::newRow("same twice") << QList<int>{2, 2} << QList<bool>{true, false} << 2;
    QTest::newRow("late older answer") << QList<int>{3, 2, 1} << QList<bool>{true, false, false} << 3;
    QTest::newRow("gap then older") << QList<int>{1, 5, 4, 6} << QList<bool>{true, true, false, true} << 6;
}

void tst_ReportStore::upsertKeepsHigherVersion()
{
    QFETCH(QList<int>, versions);
    QFETCH(QList<bool>, changed);
    QFETCH(int, finalVersion);

    ReportStore store;
    QSignalSpy added(&store, &ReportStore::reportsAdded);
    QSignalSpy changes(&store, &ReportStore::reportChanged);
    for (int i = 0; i < versions.size(); ++i)
        QCOMPARE(store.upsert(makeReport(7, versions.at(i))), changed.at(i));
    QCOMPARE(store.size(), 1);
    QCOMPARE(store.find(7)->version, finalVersion);
    QCOMPARE(store.find(7)->description, u"Λακκούβα 7 v%1"_s.arg(finalVersion));
    QCOMPARE(added.count(), 1);
    QCOMPARE(changes.count(), static_cast<int>(changed.count(true)) - 1);
}

void tst_ReportStore::batchUpsertSignalsOnce()
{
    ReportStore store;
    store.upsert(makeReport(1, 1));
    QSignalSpy added(&store, &ReportStore::reportsAdded);
    QSignalSpy changes(&store, &ReportStore::reportChanged);
    QCOMPARE(store.upsertAll({makeReport(1, 2), makeReport(2, 1), makeReport(3, 1), makeReport(1, 1)}), 3);
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(0).value<QList<qint64>>(), (QList<qint64>{2, 3}));
    QCOMPARE(changes.count(), 1);
    QCOMPARE(store.ids(), (QList<qint64>{1, 2, 3}));
    QCOMPARE(store.find(1)->version, 2);
}

void tst_ReportStore::eventsApplyExactlyOnce_data()
{
    QTest::addColumn<qint64>("startSeq");
    QTest::addColumn<QList<qint64>>("seqs");
    QTest::addColumn<QList<bool>>("applied");
    QTest::addColumn<qint64>("lastSeq");

    QTest::newRow("in order") << qint64(-1) << QList<qint64>{1, 2, 3} << QList<bool>{true, true, true} << qint64(3);
    QTest::newRow("replayed twice") << qint64(-1) << QList<qint64>{1, 2, 1, 2, 3}
                                    << QList<bool>{true, true, false, false, true} << qint64(3);
    QTest::newRow("before the cached seq")
        << qint64(10) << QList<qint64>{9, 10, 11} << QList<bool>{false, false, true} << qint64(11);
    QTest::newRow("gaps are fine") << qint64(0) << QList<qint64>{5, 9, 7} << QList<bool>{true, true, false}
                                   << qint64(9);
}

void tst_ReportStore::eventsApplyExactlyOnce()
{
    QFETCH(qint64, startSeq);
    QFETCH(QList<qint64>, seqs);
    QFETCH(QList<bool>, applied);
    QFETCH(qint64, lastSeq);

    ReportStore store;
    store.setLastSeq(startSeq);
    // Each event is a new version of report 1, as the server's log would have it.
    for (int i = 0; i < seqs.size(); ++i)
        QCOMPARE(store.applyEvent(seqs.at(i), makeReport(1, static_cast<int>(seqs.at(i)))), applied.at(i));
    QCOMPARE(store.lastSeq(), lastSeq);
    if (applied.contains(true))
        QCOMPARE(store.find(1)->version, static_cast<int>(lastSeq));
}

void tst_ReportStore::eventKeepsContactFromRest()
{
    ReportStore store;
    Report fromRest = makeReport(4, 1);
    fromRest.contact.email = u"maria@example.org"_s;
    store.upsert(fromRest);
    QVERIFY(store.applyEvent(1, makeReport(4, 2)));
    QCOMPARE(store.find(4)->version, 2);
    QCOMPARE(store.find(4)->contact.email, u"maria@example.org"_s);
}

void tst_ReportStore::notifiesNewReportsInMyDepartments()
{
    ReportStore store;
    store.setMyDepartments({1});
    QSignalSpy spy(&store, &ReportStore::newReportInMyDepartments);

    store.upsertAll({makeReport(1, 1, 1)}); // the initial load: no notification
    store.upsert(makeReport(2, 1, 1));
    QCOMPARE(spy.count(), 0);

    store.applyEvent(1, makeReport(3, 1, 1)); // new, mine
    store.applyEvent(2, makeReport(4, 1, 2)); // new, another department
    store.applyEvent(3, makeReport(1, 2, 1)); // an update of one of mine
    store.applyEvent(4, makeReport(4, 2, 1)); // moved into mine
    store.applyEvent(4, makeReport(5, 1, 1)); // already applied seq
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(0).at(0).toLongLong(), 3);
    QCOMPARE(spy.at(1).at(0).toLongLong(), 4);
}

void tst_ReportStore::cacheRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QUrl server(u"https://dimos.example.gr"_s);

    ReportStore store;
    Report withContact = makeReport(1, 3);
    withContact.contact.email = u"maria@example.org"_s;
    withContact.assigneeId = 12;
    withContact.attributes = {{u"items"_s, {u"3"_s}}};
    store.upsertAll({withContact, makeReport(2, 1, std::nullopt), makeReport(3, 2, 5)});
    store.setLastSeq(4242);
    Department roads;
    roads.id = 1;
    roads.code = u"roads"_s;
    roads.name = {u"Οδοποιία"_s, u"Roads"_s};
    store.setDepartments({roads});
    Category pothole;
    pothole.code = u"pothole"_s;
    pothole.name = {u"Λακκούβα"_s, u"Pothole"_s};
    pothole.departmentId = 1;
    store.setCategories({pothole});
    StaffMember clerk;
    clerk.id = 12;
    clerk.username = u"eleni"_s;
    clerk.displayName = u"Ελένη"_s;
    clerk.departmentIds = {1};
    store.setUsers({clerk});

    const ReportCache cache(server, dir.path());
    QString error;
    QVERIFY2(cache.save(store, &error), qPrintable(error));

    ReportStore loaded;
    QSignalSpy reset(&loaded, &ReportStore::reset);
    QVERIFY(ReportCache(QUrl(u"https://dimos.example.gr/"_s), dir.path()).load(loaded));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(loaded.lastSeq(), 4242);
    QCOMPARE(loaded.ids(), store.ids());
    for (qint64 id : store.ids())
        QCOMPARE(reportToStaffJson(*loaded.find(id), false), reportToStaffJson(*store.find(id), false));
    QVERIFY2(loaded.find(1)->contact.email.isEmpty(), "contact details stay on the server");
    QCOMPARE(loaded.departmentName(1), roads.name.in(loaded.language()));
    QCOMPARE(loaded.categoryName(u"pothole"_s), pothole.name.in(loaded.language()));
    QCOMPARE(loaded.userName(12), u"Ελένη"_s);
    QCOMPARE(loaded.user(12)->departmentIds, QList<qint64>{1});
}

void tst_ReportStore::cacheIsPerServer()
{
    QTemporaryDir dir;
    const ReportCache a(QUrl(u"https://a.example"_s), dir.path());
    const ReportCache b(QUrl(u"https://b.example"_s), dir.path());
    QVERIFY(a.filePath() != b.filePath());
    ReportStore store;
    store.upsert(makeReport(1, 1));
    QVERIFY(a.save(store));
    ReportStore other;
    QVERIFY(!b.load(other));
    QCOMPARE(other.size(), 0);
}

void tst_ReportStore::corruptCacheIsIgnored_data()
{
    QTest::addColumn<QByteArray>("bytes");

    ReportStore source;
    source.upsert(makeReport(1, 1));
    source.setLastSeq(3);
    QTemporaryDir dir;
    const ReportCache cache(QUrl(u"https://dimos.example.gr"_s), dir.path());
    cache.save(source);
    QFile file(cache.filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray good = file.readAll();
    const qsizetype headerEnd = good.indexOf('\n') + 1;

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not ours") << QByteArray("{\"reports\": []}");
    QTest::newRow("another version") << QByteArray(good).replace("CACHE 1\n", "CACHE 99\n");
    QTest::newRow("truncated") << good.left(good.size() / 2);
    QTest::newRow("garbage body") << QByteArray(good.left(headerEnd) + QByteArray(64, 'x'));
    QTest::newRow("not JSON") << QByteArray(good.left(headerEnd) + qCompress("[1, 2"));
    QTest::newRow("another server") << QByteArray(
        good.left(headerEnd) + qCompress(R"({"server":"https://evil.example","last_seq":1})"));
    QTest::newRow("bad report") << QByteArray(good.left(headerEnd)
        + qCompress(R"({"server":"https://dimos.example.gr","last_seq":1,"reports":[{"id":"x"}]})"));
}

void tst_ReportStore::corruptCacheIsIgnored()
{
    QFETCH(QByteArray, bytes);

    QTemporaryDir dir;
    const ReportCache cache(QUrl(u"https://dimos.example.gr"_s), dir.path());
    QFile file(cache.filePath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();

    ReportStore store;
    store.upsert(makeReport(9, 2));
    store.setLastSeq(17);
    QSignalSpy reset(&store, &ReportStore::reset);
    QVERIFY(!cache.load(store));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(store.ids(), QList<qint64>{9});
    QCOMPARE(store.lastSeq(), 17);
}

QTEST_GUILESS_MAIN(tst_ReportStore)
#include "tst_ReportStore.moc"
