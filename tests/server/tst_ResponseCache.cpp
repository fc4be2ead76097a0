// The response cache of the public GET routes (server/http/ResponseCache): the cache on its own
// (keys, byte bound, per-entry bound, data version, max age, 0 disables), then dimosd end to end:
// a GET after a change made through the service, through Open311 POST or by another database
// connection returns the new data, never the cached answer; languages and queries are distinct
// entries; staff routes are never cached and no reporter contact reaches a cached answer.
#include <QJsonArray>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include "server/core/AuthService.h"
#include "server/core/ReportService.h"
#include "server/http/ResponseCache.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/DataVersionProbe.h"
#include "server/storage/Database.h"
#include "server/storage/UserRepository.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

HttpRequest request(const QString &path, QList<std::pair<QString, QString>> query = {}, QByteArray acceptLanguage = {})
{
    HttpRequest r;
    r.method = "GET"_ba;
    r.path = path;
    r.query = std::move(query);
    if (!acceptLanguage.isEmpty())
        r.headers.append({"accept-language"_ba, acceptLanguage});
    return r;
}

HttpResponse answer(qsizetype bytes, int status = 200)
{
    return HttpResponse::bytes(QByteArray(bytes, 'x'), "application/json"_ba, status);
}

// A cache over a version the test moves by hand.
struct Harness
{
    explicit Harness(qint64 maxBytes, qint64 maxEntryBytes = ResponseCache::kDefaultMaxEntryBytes)
        : cache(
            maxBytes, clock, [this] { return version; }, maxEntryBytes)
    { }
    bool has(const QByteArray &key) { return cache.find(key).hit != nullptr; }
    void put(const QByteArray &key, const HttpResponse &r, qint64 maxAgeMs = 0)
    {
        const auto lookup = cache.find(key);
        cache.insert(key, r, lookup.version, maxAgeMs);
    }
    ManualClock clock{1'000'000};
    ResponseCache::Version version{0, 0};
    ResponseCache cache;
};

NewReport newReport(const QString &code, const QString &description)
{
    NewReport in;
    in.serviceCode = code;
    in.lat = kInsideLat;
    in.lon = kInsideLon;
    in.description = description;
    in.channel = u"web"_s;
    in.contact.email = u"maria.reporter@example.org"_s;
    in.contact.firstName = u"Μαρία"_s;
    in.contact.phone = u"+30 6900000000"_s;
    return in;
}

struct RawAnswer
{
    int status = 0;
    QByteArray head;
    QByteArray body;
};

// Splits what a keep-alive connection received into answers by their Content-Length; the
// answers to HEAD requests (by position, `headAt`) carry none of their body.
QList<RawAnswer> splitAnswers(QByteArray bytes, const QList<int> &headAt = {})
{
    QList<RawAnswer> out;
    while (!bytes.isEmpty()) {
        const qsizetype end = bytes.indexOf("\r\n\r\n");
        if (end < 0 || !bytes.startsWith("HTTP/1.1 "))
            break;
        RawAnswer a;
        a.head = bytes.left(end + 4);
        a.status = bytes.mid(9, 3).toInt();
        qsizetype length = 0;
        for (const QByteArray &line : a.head.split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        if (headAt.contains(int(out.size())))
            length = 0;
        a.body = bytes.mid(end + 4, length);
        bytes.remove(0, end + 4 + length);
        out.append(a);
    }
    return out;
}

QByteArray urlEncoded(const QList<std::pair<QString, QString>> &fields)
{
    QUrlQuery q;
    for (const auto &[k, v] : fields)
        q.addQueryItem(QString::fromUtf8(QUrl::toPercentEncoding(k)), QString::fromUtf8(QUrl::toPercentEncoding(v)));
    return q.toString(QUrl::FullyEncoded).toUtf8();
}

} // namespace

class tst_ResponseCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The cache alone.
    void keyOrdersNamesButKeepsValueOrder();
    void keyHoldsTheLanguage();
    void keyCannotBeForgedWithSeparators();
    void byteBoundEvictsLeastRecentlyUsed();
    void largeAnswersAreNotKept();
    void onlyOkAnswersAreKept();
    void versionChangeDropsEverything();
    void answerRenderedDuringAWriteIsNotKept();
    void maxAgeExpires();
    void zeroDisables();
    void dataVersionProbeThrottlesOnlyOtherWriters();

    // dimosd end to end.
    void serviceChangesAreSeenAtOnce();
    void open311PostIsSeenAtOnce();
    void anotherConnectionsCommitIsSeen();
    void languagesAndQueriesAreDistinct();
    void defaultWindowFollowsTheClock();
    void revokedApiKeyIsRefusedAtOnce();
    void staffRoutesAreNotCached();
    void reporterContactNeverInCachedAnswers();
    void configZeroDisables();
    void cachedJsonIsWhatQJsonDocumentWrites();
    void hitsAreAnsweredBeforeParsingInOrder();
    void longPipelinesAndSplitRequestsStayInStep();
};

void tst_ResponseCache::keyOrdersNamesButKeepsValueOrder()
{
    const QByteArray a = ResponseCache::key(request(u"/r"_s, {{u"b"_s, u"1"_s}, {u"a"_s, u"2"_s}}));
    const QByteArray b = ResponseCache::key(request(u"/r"_s, {{u"a"_s, u"2"_s}, {u"b"_s, u"1"_s}}));
    QCOMPARE(a, b);
    // Handlers read the first value of a name: a different order of one name's values differs.
    const QByteArray c = ResponseCache::key(request(u"/r"_s, {{u"a"_s, u"1"_s}, {u"a"_s, u"2"_s}}));
    const QByteArray d = ResponseCache::key(request(u"/r"_s, {{u"a"_s, u"2"_s}, {u"a"_s, u"1"_s}}));
    QVERIFY(c != d);
    QVERIFY(ResponseCache::key(request(u"/r"_s)) != ResponseCache::key(request(u"/s"_s)));
    QVERIFY(ResponseCache::key(request(u"/r"_s, {{u"a"_s, u"1"_s}}))
        != ResponseCache::key(request(u"/r"_s, {{u"a"_s, u"10"_s}})));
}

void tst_ResponseCache::keyHoldsTheLanguage()
{
    const QByteArray el = ResponseCache::key(request(u"/r"_s));
    const QByteArray en = ResponseCache::key(request(u"/r"_s, {}, "en-GB,en;q=0.9"_ba));
    const QByteArray enQuery = ResponseCache::key(request(u"/r"_s, {{u"lang"_s, u"en"_s}}));
    QVERIFY(el != en);
    QVERIFY(en != enQuery); // the query differs too; both are answers in English
    QCOMPARE(ResponseCache::key(request(u"/r"_s, {}, "el-GR"_ba)), el);
}

void tst_ResponseCache::keyCannotBeForgedWithSeparators()
{
    const QByteArray one = ResponseCache::key(request(u"/r"_s, {{u"a"_s, u"1&b=2"_s}}));
    const QByteArray two = ResponseCache::key(request(u"/r"_s, {{u"a"_s, u"1"_s}, {u"b"_s, u"2"_s}}));
    QVERIFY(one != two);
    const QByteArray path = ResponseCache::key(request(u"/r\nen\n"_s));
    QVERIFY(path != ResponseCache::key(request(u"/r"_s, {}, "en"_ba)));
}

void tst_ResponseCache::byteBoundEvictsLeastRecentlyUsed()
{
    Harness h(10'000);
    h.put("a", answer(3000));
    h.put("b", answer(3000));
    h.put("c", answer(3000));
    QVERIFY(h.has("a")); // a is now the most recently used
    h.put("d", answer(3000)); // over 10,000 with overheads: b goes
    QVERIFY(!h.has("b"));
    QVERIFY(h.has("a"));
    QVERIFY(h.has("c"));
    QVERIFY(h.has("d"));
    QVERIFY(h.cache.stats().bytes <= 10'000);
    QCOMPARE(h.cache.stats().evictions, 1);
    QCOMPARE(h.cache.stats().entries, 3);
}

void tst_ResponseCache::largeAnswersAreNotKept()
{
    Harness h(1'000'000, 5000);
    h.put("big", answer(5001));
    QVERIFY(!h.has("big"));
    h.put("fits", answer(5000));
    QVERIFY(h.has("fits"));
    Harness small(2000); // an answer larger than the whole cache
    small.put("big", answer(3000));
    QVERIFY(!small.has("big"));
    QCOMPARE(small.cache.stats().entries, 0);
}

void tst_ResponseCache::onlyOkAnswersAreKept()
{
    Harness h(1'000'000);
    for (int status : {201, 204, 304, 400, 403, 404, 429, 500, 503})
        h.put(QByteArray::number(status), answer(10, status));
    QCOMPARE(h.cache.stats().entries, 0);
    h.put("ok", answer(10));
    QVERIFY(h.has("ok"));
    QCOMPARE(h.cache.find("ok").hit->body, QByteArray(10, 'x'));
}

void tst_ResponseCache::versionChangeDropsEverything()
{
    Harness h(1'000'000);
    h.put("a", answer(10));
    h.put("b", answer(10));
    h.version.first += 1; // this process wrote
    QVERIFY(!h.has("a"));
    QVERIFY(!h.has("b"));
    h.put("a", answer(10));
    QVERIFY(h.has("a"));
    h.version.second += 1; // another connection committed
    QVERIFY(!h.has("a"));
    QCOMPARE(h.cache.stats().invalidations, 2);
}

void tst_ResponseCache::answerRenderedDuringAWriteIsNotKept()
{
    Harness h(1'000'000);
    const auto lookup = h.cache.find("a");
    QVERIFY(!lookup.hit);
    h.version.second += 1; // committed elsewhere while the handler ran
    h.cache.insert("a", answer(10), lookup.version, 0);
    QVERIFY(!h.has("a"));
}

void tst_ResponseCache::maxAgeExpires()
{
    Harness h(1'000'000);
    h.put("brief", answer(10), 1000);
    h.put("lasting", answer(10));
    h.clock.advanceMs(999);
    QVERIFY(h.has("brief"));
    h.clock.advanceMs(1);
    QVERIFY(!h.has("brief"));
    h.clock.advanceMs(10'000'000);
    QVERIFY(h.has("lasting"));
}

void tst_ResponseCache::zeroDisables()
{
    int probes = 0;
    ManualClock clock(0);
    ResponseCache cache(0, clock, [&probes] {
        ++probes;
        return ResponseCache::Version{0, 0};
    });
    QVERIFY(!cache.enabled());
    const auto lookup = cache.find("a");
    cache.insert("a", answer(10), lookup.version, 0);
    QVERIFY(!cache.find("a").hit);
    QCOMPARE(probes, 0); // not even the database is asked
    QCOMPARE(cache.stats().entries, 0);
}

// ---- dimosd ----------------------------------------------------------------------------------

#define START(ts)                                                                                                      \
    QString startError_;                                                                                               \
    QVERIFY2((ts).start(&startError_), qPrintable(startError_));                                                       \
    const qint64 department_ = (ts).addDepartment(u"roads"_s);                                                         \
    (ts).addCategory(u"pothole"_s, department_);                                                                       \
    Q_UNUSED(department_)

void tst_ResponseCache::dataVersionProbeThrottlesOnlyOtherWriters()
{
    QTemporaryDir dir;
    DatabaseOptions options;
    options.sqlitePath = dir.filePath(u"probe.sqlite"_s);
    QString error;
    std::unique_ptr<Database> mine = Database::open(options, &error);
    QVERIFY2(mine, qPrintable(error));
    std::unique_ptr<Database> other = Database::open(options, &error);
    QVERIFY2(other, qPrintable(error));
    mine->run(u"CREATE TABLE t (x INTEGER)"_s);

    DataVersionProbe eager(*mine);
    DataVersionProbe throttled(*mine, 60'000);
    const auto eager0 = eager.read();
    const auto throttled0 = throttled.read();
    other->run(u"INSERT INTO t VALUES (1)"_s);
    QVERIFY(eager.read() != eager0); // another connection's commit, seen at once
    QCOMPARE(throttled.read(), throttled0); // not looked for again within the minute
    mine->run(u"INSERT INTO t VALUES (2)"_s);
    QVERIFY(throttled.read() != throttled0); // this connection's own write: at once
}

void tst_ResponseCache::serviceChangesAreSeenAtOnce()
{
    TestServer ts;
    START(ts);
    const StaffUser staff = ts.addUser(u"clerk"_s, Role::Admin, {department_});
    const Report first = ts.ctx().reportService->create(newReport(u"pothole"_s, u"first"_s));
    const QString one = u"/open311/v2/requests/%1.json"_s.arg(first.id);

    QCOMPARE(ts.get(u"/open311/v2/requests.json"_s).array().size(), 1);
    QCOMPARE(ts.get(one).array().first()[u"status"_s].toString(), u"open"_s);
    const qint64 hits = ts.server().responseCache()->stats().hits;
    QCOMPARE(ts.get(u"/open311/v2/requests.json"_s).array().size(), 1);
    QCOMPARE(ts.get(one).array().first()[u"status"_s].toString(), u"open"_s);
    QCOMPARE(ts.server().responseCache()->stats().hits, hits + 2); // both were cached

    ts.ctx().reportService->create(newReport(u"pothole"_s, u"second"_s));
    QCOMPARE(ts.get(u"/open311/v2/requests.json"_s).array().size(), 2);

    ts.ctx().reportService->changeStatus(staff, first.id, first.version, ReportStatus::Closed, u"fixed"_s, true);
    const QJsonObject closed = ts.get(one).array().first().toObject();
    QCOMPARE(closed[u"status"_s].toString(), u"closed"_s);
    QCOMPARE(closed[u"status_notes"_s].toString(), u"fixed"_s);

    // A catalog change (new service) is a write too.
    QCOMPARE(ts.get(u"/open311/v2/services.json"_s).array().size(), 1);
    ts.addCategory(u"graffiti"_s, department_);
    QCOMPARE(ts.get(u"/open311/v2/services.json"_s).array().size(), 2);
}

void tst_ResponseCache::open311PostIsSeenAtOnce()
{
    TestServer ts;
    START(ts);
    const QString key = ts.apiKey();
    QCOMPARE(ts.get(u"/open311/v2/requests.xml"_s).status, 200);
    QCOMPARE(ts.get(u"/open311/v2/requests.json"_s).array().size(), 0);
    QCOMPARE(ts.get(u"/open311/v2/requests.json"_s).array().size(), 0);
    const Reply posted = ts.send("POST"_ba, u"/open311/v2/requests.json"_s,
        urlEncoded(
            {{u"api_key"_s, key}, {u"service_code"_s, u"pothole"_s}, {u"lat"_s, QString::number(kInsideLat, 'f', 6)},
                {u"long"_s, QString::number(kInsideLon, 'f', 6)}, {u"description"_s, u"posted"_s}}),
        "application/x-www-form-urlencoded"_ba);
    QCOMPARE(posted.status, 200);
    const QString id = posted.array().first()[u"service_request_id"_s].toString();
    const QJsonArray list = ts.get(u"/open311/v2/requests.json"_s).array();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first()[u"service_request_id"_s].toString(), id);
    QVERIFY(ts.get(u"/open311/v2/requests.xml"_s).body.contains("<description>posted</description>"));

    // An update through Open311 POST servicerequestupdates.
    const QString one = u"/open311/v2/requests/%1.json?extensions=true"_s.arg(id);
    QCOMPARE(ts.get(one).array().first()[u"notes"_s].toArray().size(), 0);
    const Reply updated = ts.send("POST"_ba, u"/open311/v2/servicerequestupdates.json"_s,
        urlEncoded({{u"api_key"_s, key}, {u"service_request_id"_s, id}, {u"description"_s, u"still there"_s},
            {u"update_id"_s, u"u1"_s}}),
        "application/x-www-form-urlencoded"_ba);
    QVERIFY2(updated.status == 200, updated.body.constData());
    const QJsonArray notes = ts.get(one).array().first()[u"notes"_s].toArray();
    QCOMPARE(notes.size(), 1);
    QCOMPARE(notes.first()[u"description"_s].toString(), u"still there"_s);
}

void tst_ResponseCache::anotherConnectionsCommitIsSeen()
{
    TestServer ts;
    START(ts);
    const Report r = ts.ctx().reportService->create(newReport(u"pothole"_s, u"before"_s));
    const QString one = u"/open311/v2/requests/%1.json"_s.arg(r.id);
    QCOMPARE(ts.get(one).array().first()[u"description"_s].toString(), u"before"_s);
    QCOMPARE(ts.get(one).array().first()[u"description"_s].toString(), u"before"_s);

    // Another process (the dimosd CLI, say) writes through its own connection.
    DatabaseOptions options;
    options.sqlitePath = ts.server().config().databasePath();
    QString error;
    std::unique_ptr<Database> other = Database::open(options, &error);
    QVERIFY2(other, qPrintable(error));
    // dimosd looks for other writers at most every 50 ms (DataVersionProbe), so a commit by
    // another process shows within that time, and a cached answer is never kept longer.
    other->transaction([&] { other->run(u"UPDATE reports SET description = ? WHERE id = ?"_s, {u"after"_s, r.id}); });
    QTest::qWait(60);
    QCOMPARE(ts.get(one).array().first()[u"description"_s].toString(), u"after"_s);

    other->run(u"UPDATE reports SET description = ? WHERE id = ?"_s, {u"again"_s, r.id});
    QTRY_COMPARE_WITH_TIMEOUT(ts.get(one).array().first()[u"description"_s].toString(), u"again"_s, 1000);
}

void tst_ResponseCache::languagesAndQueriesAreDistinct()
{
    TestServer ts;
    START(ts);
    const QByteArray el = ts.get(u"/open311/v2/services.json?lang=el"_s).body;
    const QByteArray en = ts.get(u"/open311/v2/services.json?lang=en"_s).body;
    QVERIFY(el.contains("Κατηγορία pothole"));
    QVERIFY(en.contains("Category pothole"));
    // Accept-Language alone, over a raw connection (no lang in the query).
    const QByteArray rawEn = ts.raw("GET /open311/v2/services.json HTTP/1.1\r\nHost: x\r\nAccept-Language: en-GB\r\n"
                                    "Connection: close\r\n\r\n");
    const QByteArray rawEl = ts.raw("GET /open311/v2/services.json HTTP/1.1\r\nHost: x\r\nAccept-Language: el-GR\r\n"
                                    "Connection: close\r\n\r\n");
    QVERIFY(rawEn.contains("Category pothole"));
    QVERIFY(rawEl.contains("Κατηγορία pothole"));
    QVERIFY(ts.raw("GET /open311/v2/services.json HTTP/1.1\r\nHost: x\r\nAccept-Language: en-GB\r\n"
                   "Connection: close\r\n\r\n")
                .contains("Category pothole"));

    for (int i = 0; i < 3; ++i)
        ts.ctx().reportService->create(newReport(u"pothole"_s, u"report %1"_s.arg(i)));
    QCOMPARE(ts.get(u"/open311/v2/requests.json?page_size=1"_s).array().size(), 1);
    QCOMPARE(ts.get(u"/open311/v2/requests.json?page_size=2"_s).array().size(), 2);
    QCOMPARE(ts.get(u"/open311/v2/requests.json"_s).array().size(), 3);
    const QJsonArray p1 = ts.get(u"/open311/v2/requests.json?page_size=1&page=1"_s).array();
    const QJsonArray p2 = ts.get(u"/open311/v2/requests.json?page=2&page_size=1"_s).array();
    QCOMPARE(p1.size(), 1);
    QCOMPARE(p2.size(), 1);
    QVERIFY(p1.first()[u"service_request_id"_s] != p2.first()[u"service_request_id"_s]);
    // HEAD takes the GET answer's headers, without the body.
    const QByteArray head
        = ts.raw("HEAD /open311/v2/requests.json?page=2&page_size=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QVERIFY(head.startsWith("HTTP/1.1 200"));
    QVERIFY(head.endsWith("\r\n\r\n"));
}

void tst_ResponseCache::defaultWindowFollowsTheClock()
{
    TestServer ts;
    START(ts);
    NewReport old = newReport(u"pothole"_s, u"old"_s);
    old.isDemo = true;
    old.requestedMs = ts.clock().nowMs() - 90LL * 24 * 3600 * 1000 + 500; // leaves the window in 0.5 s
    ts.ctx().reportService->create(old);
    QCOMPARE(ts.get(u"/open311/v2/requests.json"_s).array().size(), 1);
    ts.clock().advanceMs(600);
    QCOMPARE(ts.get(u"/open311/v2/requests.json"_s).array().size(), 1); // the cached answer: at most a second old
    ts.clock().advanceMs(400);
    QCOMPARE(ts.get(u"/open311/v2/requests.json"_s).array().size(), 0);
}

void tst_ResponseCache::revokedApiKeyIsRefusedAtOnce()
{
    TestServer ts;
    START(ts);
    const QString key = ts.apiKey();
    const QString path = u"/open311/v2/servicerequestupdates.json?api_key="_s + key;
    QCOMPARE(ts.get(path).status, 200);
    QCOMPARE(ts.get(path).status, 200);
    QVERIFY(ts.ctx().users->revokeApiKey(key.left(8)));
    QCOMPARE(ts.get(path).status, 403);
    QCOMPARE(ts.get(u"/open311/v2/servicerequestupdates.json?api_key=wrong"_s).status, 403);
}

void tst_ResponseCache::staffRoutesAreNotCached()
{
    TestServer ts;
    START(ts);
    ts.addUser(u"clerk"_s, Role::Admin, {department_});
    const QString token = ts.login(u"clerk"_s);
    const Report r = ts.ctx().reportService->create(newReport(u"pothole"_s, u"staff view"_s));
    const ResponseCache::Stats before = ts.server().responseCache()->stats();
    for (int i = 0; i < 3; ++i) {
        const Reply staff = ts.get(u"/api/v1/reports/%1"_s.arg(r.id), token);
        QCOMPARE(staff.status, 200);
        QVERIFY(staff.body.contains("maria.reporter@example.org")); // staff see the contact
        QCOMPARE(ts.get(u"/api/v1/reports/%1"_s.arg(r.id)).status, 401); // and nobody else
    }
    const ResponseCache::Stats after = ts.server().responseCache()->stats();
    QCOMPARE(after.hits, before.hits);
    QCOMPARE(after.misses, before.misses); // never even looked up
}

void tst_ResponseCache::reporterContactNeverInCachedAnswers()
{
    TestServer ts;
    START(ts);
    const Report r = ts.ctx().reportService->create(newReport(u"pothole"_s, u"contact test"_s));
    const QStringList paths{u"/open311/v2/requests.json"_s, u"/open311/v2/requests.xml"_s,
        u"/open311/v2/requests.json?extensions=true"_s, u"/open311/v2/requests.xml?extensions=true"_s,
        u"/open311/v2/requests/%1.json"_s.arg(r.id), u"/open311/v2/requests/%1.xml?extensions=true"_s.arg(r.id),
        u"/open311/v2/servicerequestupdates.json?api_key="_s + ts.apiKey()};
    for (int round = 0; round < 2; ++round) { // the second round is served from the cache
        for (const QString &path : paths) {
            const Reply reply = ts.get(path);
            QCOMPARE(reply.status, 200);
            QVERIFY2(!reply.body.contains("maria.reporter"), qPrintable(path));
            QVERIFY2(!reply.body.contains("6900000000"), qPrintable(path));
            QVERIFY2(!reply.body.contains(u"Μαρία"_s.toUtf8()), qPrintable(path));
        }
    }
    QVERIFY(ts.server().responseCache()->stats().hits >= paths.size());
}

void tst_ResponseCache::configZeroDisables()
{
    TestServer ts({u"http/response_cache_mib=0"_s});
    START(ts);
    ts.ctx().reportService->create(newReport(u"pothole"_s, u"uncached"_s));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(ts.get(u"/open311/v2/requests.json"_s).array().size(), 1);
    const ResponseCache::Stats s = ts.server().responseCache()->stats();
    QVERIFY(!ts.server().responseCache()->enabled());
    QCOMPARE(s.hits, 0);
    QCOMPARE(s.entries, 0);
}

// requests.json is written without QJsonDocument (Open311Api's requestsJsonText); what is cached
// must be byte for byte what QJsonDocument writes for the same values.
void tst_ResponseCache::cachedJsonIsWhatQJsonDocumentWrites()
{
    TestServer ts;
    START(ts);
    const QString tricky = u"Λακκούβα \"βαθιά\" \\ στο σχολείο\n\t\u0001 \U0001F6A7 \u2028 ñ € end"_s;
    const Report r = ts.ctx().reportService->create(newReport(u"pothole"_s, tricky));
    for (const QString &path : {u"/open311/v2/requests.json"_s, u"/open311/v2/requests/%1.json"_s.arg(r.id)}) {
        for (int round = 0; round < 2; ++round) {
            const Reply reply = ts.get(path);
            QCOMPARE(reply.status, 200);
            const QJsonDocument doc = QJsonDocument::fromJson(reply.body);
            QCOMPARE(doc.array().first()[u"description"_s].toString(), tricky);
            QCOMPARE(reply.body, doc.toJson(QJsonDocument::Compact));
        }
    }
}

void tst_ResponseCache::hitsAreAnsweredBeforeParsingInOrder()
{
    TestServer ts;
    START(ts);
    const Report r = ts.ctx().reportService->create(newReport(u"pothole"_s, u"pipelined"_s));
    const QString path = u"/open311/v2/requests/%1.json"_s.arg(r.id);
    // Over raw connections: QNetworkAccessManager would send its own Accept-Language.
    auto body = [&](const QByteArray &target) {
        return splitAnswers(ts.raw("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
            .value(0)
            .body;
    };
    const QByteArray expected = body(path.toUtf8()); // rendered and kept
    QVERIFY(expected.contains("pipelined"));
    const QByteArray enServices = body("/open311/v2/services.json?lang=en");
    const QByteArray elServices = body("/open311/v2/services.json"); // the default language, el
    QVERIFY(enServices != elServices);
    const ResponseCache::Stats before = ts.server().responseCache()->stats();

    const QByteArray get = "GET " + path.toUtf8() + " HTTP/1.1\r\nHost: x\r\n\r\n";
    // One write: the first three are hits with nothing before them, so the guard answers them;
    // the staff request must reach QHttpServer, and so must everything after it.
    const QByteArray pipeline = get
        + "GET /open311/v2/services.json HTTP/1.1\r\nHost: x\r\nAccept-Language: el-GR\r\n\r\n"_ba
        + "GET /open311/v2/services.json?lang=en HTTP/1.1\r\nHost: x\r\n\r\n"_ba
        + "GET /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n"_ba + get + "HEAD " + path.toUtf8()
        + " HTTP/1.1\r\nHost: x\r\n\r\n" + "GET " + path.toUtf8() + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    bool closed = false;
    const QList<RawAnswer> answers = splitAnswers(ts.raw(pipeline, 5000, &closed), {5});
    QVERIFY(closed);
    QCOMPARE(answers.size(), 7);
    const QList<int> statuses{200, 200, 200, 401, 200, 200, 200};
    for (int i = 0; i < 7; ++i)
        QCOMPARE(answers[i].status, statuses[i]);
    QCOMPARE(answers[0].body, expected);
    QCOMPARE(answers[1].body, elServices);
    QCOMPARE(answers[2].body, enServices);
    QVERIFY(answers[3].body.contains("unauthorized") || answers[3].body.contains("token"));
    QCOMPARE(answers[4].body, expected);
    QVERIFY(answers[5].body.isEmpty());
    QVERIFY(answers[5].head.contains(QByteArray("Content-Length: " + QByteArray::number(expected.size()))));
    QCOMPARE(answers[6].body, expected);
    // The guard's answers carry the same headers as the usual way's.
    for (const RawAnswer &a : {answers[0], answers[4]}) {
        QVERIFY(a.head.contains("Connection: keep-alive"));
        QVERIFY(a.head.contains("X-Content-Type-Options: nosniff"));
        QVERIFY(a.head.contains("Content-Security-Policy: "));
        QVERIFY(a.head.contains("Content-Type: application/json"));
    }
    QVERIFY(answers[6].head.contains("Connection: close"));

    const ResponseCache::Stats after = ts.server().responseCache()->stats();
    QCOMPARE(after.hitsBeforeParsing - before.hitsBeforeParsing, 3);
    QCOMPARE(after.hits - before.hits, 6); // and three more the usual way
    QCOMPARE(after.misses, before.misses); // the guard's looks are not counted as misses
}

void tst_ResponseCache::longPipelinesAndSplitRequestsStayInStep()
{
    TestServer ts;
    START(ts);
    const Report r = ts.ctx().reportService->create(newReport(u"pothole"_s, u"long pipeline"_s));
    const QByteArray path = u"/open311/v2/requests/%1.json"_s.arg(r.id).toUtf8();
    const QByteArray get = "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
    const QByteArray expected = splitAnswers(ts.raw(get.chopped(2) + "Connection: close\r\n\r\n")).value(0).body;
    QVERIFY(expected.contains("long pipeline"));
    const ResponseCache::Stats before = ts.server().responseCache()->stats();

    QTcpSocket socket;
    QByteArray received;
    connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, ts.port());
    QTRY_VERIFY(socket.state() == QAbstractSocket::ConnectedState);
    auto answered = [&](int n) {
        const QList<RawAnswer> answers = splitAnswers(received);
        if (answers.size() < n)
            return false;
        for (const RawAnswer &a : answers)
            if (a.status != 200 || a.body != expected)
                return false;
        return true;
    };

    // 2,000 requests at once: they arrive in reads that cut requests anywhere, so some go the
    // usual way; every answer comes, in order, and the connection stays usable.
    QByteArray burst;
    for (int i = 0; i < 2000; ++i)
        burst += get;
    socket.write(burst);
    QTRY_VERIFY_WITH_TIMEOUT(answered(2000), 20000);
    QCOMPARE(splitAnswers(received).size(), 2000);

    // A request cut in two between writes: the guard must leave it to QHttpServer.
    received.clear();
    socket.write(get.left(20));
    socket.flush();
    QTest::qWait(50);
    socket.write(get.mid(20));
    QTRY_VERIFY(answered(1));

    // And a whole one after it is the guard's again.
    const qint64 early = ts.server().responseCache()->stats().hitsBeforeParsing;
    received.clear();
    socket.write(get);
    QTRY_VERIFY(answered(1));
    QCOMPARE(splitAnswers(received).size(), 1);
    QCOMPARE(ts.server().responseCache()->stats().hitsBeforeParsing, early + 1);

    const ResponseCache::Stats after = ts.server().responseCache()->stats();
    QCOMPARE(after.hits - before.hits, 2002);
    QVERIFY(after.hitsBeforeParsing - before.hitsBeforeParsing > 1000); // most of the burst
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
}

QTEST_GUILESS_MAIN(tst_ResponseCache)
#include "tst_ResponseCache.moc"
