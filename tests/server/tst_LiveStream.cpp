// The live stream (docs/api/live.md) over real sockets: the hello and its failures, events
// after Open311 and staff changes, nothing for a rolled-back change, replay after `since`,
// resync on a gap and on overflow, filters, heartbeats, one serialisation per event, and a
// graceful shutdown.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server/core/ReportService.h"
#include "server/live/LiveHub.h"
#include "server/storage/EventRepository.h"
#include "server/storage/ReportRepository.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

constexpr int kWaitMs = 10'000;

#define START_SERVER(ts)                                                                                               \
    do {                                                                                                               \
        QString startError;                                                                                            \
        QVERIFY2((ts).start(&startError), qPrintable(startError));                                                     \
    } while (false)

// A department, two categories and an admin: enough to file and move reports.
struct World
{
    explicit World(const QStringList &overrides = {}) : ts(overrides) { }
    TestServer ts;
    qint64 roads = 0, parks = 0;
    StaffUser admin;
    QString token;

    void seed()
    {
        roads = ts.addDepartment(u"roads"_s);
        parks = ts.addDepartment(u"parks"_s);
        ts.addCategory(u"pothole"_s, roads);
        ts.addCategory(u"bench"_s, parks);
        admin = ts.addUser(u"admin"_s, Role::Admin, {});
        token = ts.login(u"admin"_s);
    }
    LiveHub &hub() { return *ts.server().liveHub(); }
    qint64 file(const QString &category, const QString &description = u"Λακκούβα"_s)
    {
        NewReport n;
        n.serviceCode = category;
        n.lat = kInsideLat;
        n.lon = kInsideLon;
        n.description = description;
        n.channel = u"web"_s;
        n.contact.email = u"citizen@example.org"_s;
        return ts.ctx().reportService->create(n).id;
    }
    int version(qint64 id) { return ts.ctx().reports->find(id)->version; }
};

// A QWebSocket client that keeps every message it receives.
class Client
{
public:
    Client()
    {
        QObject::connect(&ws, &QWebSocket::textMessageReceived, &ws,
            [this](const QString &text) { messages.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
        QObject::connect(&ws, &QWebSocket::disconnected, &ws, [this] { closed = true; });
    }

    bool open(TestServer &ts, const QString &path = u"/api/v1/live"_s)
    {
        ws.open(QUrl(u"ws://127.0.0.1:%1%2"_s.arg(ts.port()).arg(path)));
        return QTest::qWaitFor([&] { return ws.state() == QAbstractSocket::ConnectedState || closed; }, kWaitMs)
            && !closed;
    }
    void send(const QJsonObject &o) { ws.sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson())); }
    void hello(const QString &token, std::optional<qint64> since = std::nullopt, const QJsonObject &extra = {})
    {
        QJsonObject o = extra;
        o.insert(u"type"_s, u"hello"_s);
        o.insert(u"token"_s, token);
        if (since)
            o.insert(u"since"_s, *since);
        send(o);
    }
    // Connects and says hello; true once `live` arrived.
    bool start(
        TestServer &ts, const QString &token, std::optional<qint64> since = std::nullopt, const QJsonObject &extra = {})
    {
        if (!open(ts))
            return false;
        hello(token, since, extra);
        return waitFor(u"live"_s);
    }
    bool waitFor(const QString &type, int count = 1)
    {
        return QTest::qWaitFor([&] { return ofType(type).size() >= count; }, kWaitMs);
    }
    bool waitClosed()
    {
        return QTest::qWaitFor([&] { return closed; }, kWaitMs);
    }
    QList<QJsonObject> ofType(const QString &type) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &m : messages)
            if (m.value(u"type"_s).toString() == type)
                out.append(m);
        return out;
    }
    QStringList types() const
    {
        QStringList out;
        for (const QJsonObject &m : messages)
            out.append(m.value(u"type"_s).toString());
        return out;
    }
    QList<qint64> eventSeqs() const
    {
        QList<qint64> out;
        for (const QJsonObject &m : ofType(u"event"_s))
            out.append(m.value(u"seq"_s).toInteger());
        return out;
    }
    QList<qint64> eventIds() const
    {
        QList<qint64> out;
        for (const QJsonObject &m : ofType(u"event"_s))
            out.append(m.value(u"report"_s).toObject().value(u"id"_s).toInteger());
        return out;
    }

    QWebSocket ws;
    QList<QJsonObject> messages;
    bool closed = false;
};

// A WebSocket client on a bare POSIX socket: it can keep a tiny receive buffer, stop reading
// and never answer pings — what a stalled or dead peer looks like to the server.
class RawClient
{
public:
    ~RawClient()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool connectTo(quint16 port, int receiveBuffer = 0)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (m_fd < 0)
            return false;
        if (receiveBuffer > 0)
            ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        // The kernel completes the TCP handshake from the listen queue: no event loop needed.
        if (::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
            return false;
        ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
        writeAll("GET /api/v1/live HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"_ba);
        if (!QTest::qWaitFor([&] { return pump(), m_in.contains("\r\n\r\n"); }, kWaitMs))
            return false;
        const qsizetype end = m_in.indexOf("\r\n\r\n") + 4;
        const bool upgraded = m_in.startsWith("HTTP/1.1 101");
        m_in.remove(0, end);
        return upgraded;
    }

    void sendText(const QByteArray &payload)
    {
        // Client frames are masked (RFC 6455 5.3); the key is arbitrary.
        QByteArray frame;
        frame.append(char(0x81));
        if (payload.size() < 126) {
            frame.append(char(0x80 | payload.size()));
        } else {
            frame.append(char(0x80 | 126));
            frame.append(char((payload.size() >> 8) & 0xFF));
            frame.append(char(payload.size() & 0xFF));
        }
        const char key[4] = {0x11, 0x22, 0x33, 0x44};
        frame.append(key, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            frame.append(char(payload.at(i) ^ key[i % 4]));
        writeAll(frame);
    }

    // Reads what has arrived. False once the server has closed the connection.
    bool pump()
    {
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                m_in.append(buffer, n);
                continue;
            }
            if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
                m_eof = true;
            return !m_eof;
        }
    }
    bool eof() const { return m_eof; }

    struct Frame
    {
        int opcode;
        QByteArray payload;
    };
    // The complete frames received so far (server frames are not masked).
    QList<Frame> frames() const
    {
        QList<Frame> out;
        qsizetype at = 0;
        while (m_in.size() - at >= 2) {
            const auto b0 = static_cast<unsigned char>(m_in.at(at));
            quint64 length = static_cast<unsigned char>(m_in.at(at + 1)) & 0x7F;
            qsizetype header = 2;
            if (length == 126 || length == 127) {
                const int bytes = length == 126 ? 2 : 8;
                if (m_in.size() - at < 2 + bytes)
                    break;
                length = 0;
                for (int i = 0; i < bytes; ++i)
                    length = (length << 8) | static_cast<unsigned char>(m_in.at(at + 2 + i));
                header += bytes;
            }
            if (quint64(m_in.size() - at - header) < length)
                break;
            out.append({b0 & 0x0F, m_in.mid(at + header, qsizetype(length))});
            at += header + qsizetype(length);
        }
        return out;
    }
    QList<QJsonObject> texts() const
    {
        QList<QJsonObject> out;
        for (const Frame &f : frames())
            if (f.opcode == 0x1)
                out.append(QJsonDocument::fromJson(f.payload).object());
        return out;
    }

private:
    void writeAll(const QByteArray &bytes)
    {
        qsizetype sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
            if (n > 0)
                sent += n;
            else
                QTest::qWait(1);
        }
    }

    int m_fd = -1;
    QByteArray m_in;
    bool m_eof = false;
};

QByteArray hello(const QString &token)
{
    return QJsonDocument(QJsonObject{{u"type"_s, u"hello"_s}, {u"token"_s, token}}).toJson(QJsonDocument::Compact);
}

} // namespace

class tst_LiveStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void badHelloIsRefused_data();
    void badHelloIsRefused();
    void otherPathIsClosed();
    void welcomeThenLive();
    void eventsFollowOpen311AndStaffChanges();
    void rolledBackChangeSendsNothing();
    void sinceReplaysMissedEvents();
    void gapAfterPruningResyncs_data();
    void gapAfterPruningResyncs();
    void filters_data();
    void filters();
    void eachEventIsSerialisedOnce();
    void textFrameLengths_data();
    void textFrameLengths();
    void slowClientOverflowsAndIsClosed();
    void silentClientIsDisconnected();
    void missingHelloIsClosedInTime();
    void logoutEndsEveryStreamOfTheToken();
    void shutdownClosesWithGoingAway();
    void boundaryCarriesAttribution();
    void catalogChangesReachEveryDesk();
};

void tst_LiveStream::badHelloIsRefused_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("closeCode");
    QTest::newRow("not json") << "hello there"_ba << 4400;
    QTest::newRow("not a hello") << R"({"type":"subscribe","token":"x"})"_ba << 4400;
    QTest::newRow("no token") << R"({"type":"hello"})"_ba << 4401;
    QTest::newRow("token not a string") << R"({"type":"hello","token":42})"_ba << 4400;
    QTest::newRow("since infinite") << R"({"type":"hello","token":"TOKEN","since":1e400})"_ba << 4400;
    QTest::newRow("unknown token") << R"({"type":"hello","token":"not-a-token"})"_ba << 4401;
    QTest::newRow("since not a number") << R"({"type":"hello","token":"TOKEN","since":"five"})"_ba << 4400;
    QTest::newRow("since fractional") << R"({"type":"hello","token":"TOKEN","since":2.5})"_ba << 4400;
    QTest::newRow("departments not ids") << R"({"type":"hello","token":"TOKEN","departments":["roads"]})"_ba << 4400;
    QTest::newRow("categories not a list") << R"({"type":"hello","token":"TOKEN","categories":"pothole"})"_ba << 4400;
}

void tst_LiveStream::badHelloIsRefused()
{
    QFETCH(QByteArray, message);
    QFETCH(int, closeCode);
    World w;
    START_SERVER(w.ts);
    w.seed();
    Client c;
    QVERIFY(c.open(w.ts));
    c.ws.sendTextMessage(QString::fromUtf8(message.replace("TOKEN", w.token.toLatin1())));
    QVERIFY(c.waitClosed());
    QCOMPARE(c.types(), QStringList{u"error"_s});
    QVERIFY(!c.messages.first().value(u"message"_s).toString().isEmpty());
    QCOMPARE(int(c.ws.closeCode()), closeCode);
    QTRY_COMPARE(w.hub().sessionCount(), 0);
}

void tst_LiveStream::otherPathIsClosed()
{
    World w;
    START_SERVER(w.ts);
    Client c;
    c.open(w.ts, u"/api/v1/elsewhere"_s);
    QVERIFY(c.waitClosed());
    QCOMPARE(int(c.ws.closeCode()), 4404);
    QVERIFY(c.ws.closeReason().contains(u"/api/v1/live"_s));
    QVERIFY(c.messages.isEmpty());
}

void tst_LiveStream::welcomeThenLive()
{
    World w;
    START_SERVER(w.ts);
    w.seed();
    w.file(u"pothole"_s);
    w.file(u"pothole"_s);
    Client c;
    QVERIFY(c.start(w.ts, w.token));
    // Without `since`: nothing is replayed.
    QCOMPARE(c.types(), (QStringList{u"welcome"_s, u"live"_s}));
    const QJsonObject welcome = c.messages.first();
    QCOMPARE(welcome.value(u"last_seq"_s).toInteger(), 2);
    QCOMPARE(welcome.value(u"user"_s).toObject().value(u"username"_s).toString(), u"admin"_s);
    QVERIFY(welcome.value(u"server_time"_s).toString().endsWith(u'Z'));
    QCOMPARE(c.messages.last().value(u"last_seq"_s).toInteger(), 2);
    QCOMPARE(w.hub().sessionCount(), 1);
    QCOMPARE(w.ts.server().activeConnections(), 1);

    // A client that leaves takes its session and its connection with it.
    c.ws.close();
    QTRY_COMPARE(w.hub().sessionCount(), 0);
    QTRY_COMPARE(w.ts.server().activeConnections(), 0);
}

void tst_LiveStream::eventsFollowOpen311AndStaffChanges()
{
    World w(QStringList{u"open311/require_api_key=true"_s});
    START_SERVER(w.ts);
    w.seed();
    Client c;
    QVERIFY(c.start(w.ts, w.token));

    const QByteArray form = "api_key=" + QUrl::toPercentEncoding(w.ts.apiKey()) + "&service_code=pothole&lat="
        + QByteArray::number(kInsideLat, 'f', 6) + "&long=" + QByteArray::number(kInsideLon, 'f', 6)
        + "&description=" + QUrl::toPercentEncoding(u"Λακκούβα στη Μεραρχίας"_s) + "&email=citizen%40example.org";
    const Reply posted
        = w.ts.send("POST"_ba, u"/open311/v2/requests.json"_s, form, "application/x-www-form-urlencoded"_ba);
    QVERIFY2(posted.status == 200, posted.body.constData());
    QVERIFY(c.waitFor(u"event"_s));
    const QJsonObject created = c.ofType(u"event"_s).first();
    QCOMPARE(created.value(u"seq"_s).toInteger(), 1);
    QCOMPARE(created.value(u"event"_s).toString(), u"report.created"_s);
    QVERIFY(created.value(u"at"_s).toString().endsWith(u'Z'));
    const QJsonObject report = created.value(u"report"_s).toObject();
    QCOMPARE(report.value(u"service_code"_s).toString(), u"pothole"_s);
    QCOMPARE(report.value(u"description"_s).toString(), u"Λακκούβα στη Μεραρχίας"_s);
    QCOMPARE(report.value(u"status"_s).toString(), u"new"_s);
    QVERIFY(!report.contains(u"contact"_s)); // never on the stream, even for staff who may see it
    const qint64 id = report.value(u"id"_s).toInteger();

    const Reply acked = w.ts.postJson(
        u"/api/v1/reports/%1/acknowledge"_s.arg(id), QJsonObject{{u"version"_s, w.version(id)}}, w.token);
    QCOMPARE(acked.status, 200);
    QVERIFY(c.waitFor(u"event"_s, 2));
    const QJsonObject updated = c.ofType(u"event"_s).at(1);
    QCOMPARE(updated.value(u"seq"_s).toInteger(), 2);
    QCOMPARE(updated.value(u"event"_s).toString(), u"report.updated"_s);
    QCOMPARE(updated.value(u"report"_s).toObject().value(u"status"_s).toString(), u"acknowledged"_s);
    QCOMPARE(updated.value(u"report"_s).toObject().value(u"version"_s).toInt(), w.version(id));
    QCOMPARE(c.ofType(u"event"_s).size(), 2);
}

void tst_LiveStream::rolledBackChangeSendsNothing()
{
    World w;
    START_SERVER(w.ts);
    w.seed();
    const qint64 id = w.file(u"pothole"_s);
    Client c;
    QVERIFY(c.start(w.ts, w.token, 0));
    QCOMPARE(c.eventSeqs(), QList<qint64>{1});

    // A stale version: 409, the transaction rolls back, and with it the event.
    const int stale = w.version(id);
    QCOMPARE(w.ts.postJson(u"/api/v1/reports/%1/priority"_s.arg(id),
                     QJsonObject{{u"version"_s, stale}, {u"priority"_s, u"high"_s}}, w.token)
                 .status,
        200);
    QCOMPARE(w.ts.postJson(u"/api/v1/reports/%1/priority"_s.arg(id),
                     QJsonObject{{u"version"_s, stale}, {u"priority"_s, u"urgent"_s}}, w.token)
                 .status,
        409);
    // A refused action (validation inside the transaction) writes nothing either.
    QCOMPARE(w.ts.postJson(u"/api/v1/reports/%1/priority"_s.arg(id),
                     QJsonObject{{u"version"_s, w.version(id)}, {u"priority"_s, u"high"_s}}, w.token)
                 .status,
        422);
    QCOMPARE(
        w.ts.postJson(u"/api/v1/reports/%1/acknowledge"_s.arg(id), QJsonObject{{u"version"_s, w.version(id)}}, w.token)
            .status,
        200);
    QVERIFY(c.waitFor(u"event"_s, 3));
    QCOMPARE(w.ts.ctx().events->lastSeq(), 3);
    QCOMPARE(c.eventSeqs(), (QList<qint64>{1, 2, 3}));
    const QList<QJsonObject> events = c.ofType(u"event"_s);
    QCOMPARE(events.at(1).value(u"report"_s).toObject().value(u"priority"_s).toString(), u"high"_s);
    QCOMPARE(events.at(2).value(u"report"_s).toObject().value(u"status"_s).toString(), u"acknowledged"_s);
}

void tst_LiveStream::sinceReplaysMissedEvents()
{
    World w;
    START_SERVER(w.ts);
    w.seed();
    QList<qint64> ids;
    for (int i = 0; i < 5; ++i)
        ids.append(w.file(u"pothole"_s, u"Αναφορά %1"_s.arg(i)));
    w.ts.ctx().reportService->setPriority(w.admin, ids[0], 1, Priority::High); // seq 6

    Client c;
    QVERIFY(c.start(w.ts, w.token, 2));
    QCOMPARE(c.types(), (QStringList{u"welcome"_s, u"event"_s, u"event"_s, u"event"_s, u"event"_s, u"live"_s}));
    QCOMPARE(c.eventSeqs(), (QList<qint64>{3, 4, 5, 6}));
    QCOMPARE(c.eventIds(), (QList<qint64>{ids[2], ids[3], ids[4], ids[0]}));
    QCOMPARE(c.messages.last().value(u"last_seq"_s).toInteger(), 6);

    // Then live, with nothing repeated.
    w.file(u"bench"_s);
    QVERIFY(c.waitFor(u"event"_s, 5));
    QCOMPARE(c.eventSeqs(), (QList<qint64>{3, 4, 5, 6, 7}));

    // Up to date: nothing to replay.
    Client current;
    QVERIFY(current.start(w.ts, w.token, 7));
    QCOMPARE(current.types(), (QStringList{u"welcome"_s, u"live"_s}));
}

void tst_LiveStream::gapAfterPruningResyncs_data()
{
    QTest::addColumn<qint64>("since");
    QTest::addColumn<bool>("gap");
    QTest::addColumn<QList<qint64>>("replayed");
    // Events 1–3 are pruned; 4 and 5 remain.
    QTest::newRow("from the start") << qint64(0) << true << QList<qint64>{};
    QTest::newRow("inside the pruned part") << qint64(2) << true << QList<qint64>{};
    QTest::newRow("just before the kept part") << qint64(3) << false << QList<qint64>{4, 5};
    QTest::newRow("inside the kept part") << qint64(4) << false << QList<qint64>{5};
    QTest::newRow("ahead of the server") << qint64(9) << true << QList<qint64>{};
}

void tst_LiveStream::gapAfterPruningResyncs()
{
    QFETCH(qint64, since);
    QFETCH(bool, gap);
    QFETCH(QList<qint64>, replayed);
    World w(QStringList{u"live/retention_days=2"_s});
    START_SERVER(w.ts);
    w.seed();
    for (int i = 0; i < 3; ++i)
        w.file(u"pothole"_s);
    w.ts.clock().advanceMs(3LL * 24 * 3600 * 1000);
    w.file(u"pothole"_s);
    w.file(u"bench"_s);
    w.token = w.ts.login(u"admin"_s); // the first sign-in has expired meanwhile
    QCOMPARE(w.hub().prune(), 3);
    QCOMPARE(w.ts.ctx().events->firstSeq(), 4);

    Client c;
    QVERIFY(c.start(w.ts, w.token, since));
    QCOMPARE(c.eventSeqs(), replayed);
    const QList<QJsonObject> resync = c.ofType(u"resync"_s);
    QCOMPARE(resync.size(), gap ? 1 : 0);
    if (gap) {
        QCOMPARE(resync.first().value(u"reason"_s).toString(), u"gap"_s);
        QCOMPARE(resync.first().value(u"last_seq"_s).toInteger(), 5);
        QCOMPARE(c.types(), (QStringList{u"welcome"_s, u"resync"_s, u"live"_s}));
    }
    // The connection goes on: later events arrive after last_seq.
    w.file(u"pothole"_s);
    QVERIFY(c.waitFor(u"event"_s, int(replayed.size()) + 1));
    QCOMPARE(c.eventSeqs().last(), 6);

    // Pruning never removes the newest event: the sequence survives a quiet week.
    w.ts.clock().advanceMs(10LL * 24 * 3600 * 1000);
    w.hub().prune();
    QCOMPARE(w.ts.ctx().events->lastSeq(), 6);
    QCOMPARE(w.ts.ctx().events->firstSeq(), 6);
}

void tst_LiveStream::filters_data()
{
    QTest::addColumn<QJsonObject>("filter");
    QTest::addColumn<QStringList>("expected"); // names of the events the client gets
    QTest::newRow("everything") << QJsonObject{}
                                << QStringList{u"pothole"_s, u"bench"_s, u"pothole moved"_s, u"bench2"_s};
    QTest::newRow("roads") << QJsonObject{{u"departments"_s, QJsonArray{u"ROADS"_s}}}
                           << QStringList{u"pothole"_s, u"pothole moved"_s};
    QTest::newRow("parks (gets the report moved in)") << QJsonObject{{u"departments"_s, QJsonArray{u"PARKS"_s}}}
                                                      << QStringList{u"bench"_s, u"pothole moved"_s, u"bench2"_s};
    QTest::newRow("bench category") << QJsonObject{{u"categories"_s, QJsonArray{u"bench"_s}}}
                                    << QStringList{u"bench"_s, u"bench2"_s};
    QTest::newRow("parks and pothole") << QJsonObject{{u"departments"_s, QJsonArray{u"PARKS"_s}},
        {u"categories"_s, QJsonArray{u"pothole"_s}}}
                                       << QStringList{u"pothole moved"_s};
    QTest::newRow("nothing matches") << QJsonObject{{u"categories"_s, QJsonArray{u"graffiti"_s}}} << QStringList{};
}

void tst_LiveStream::filters()
{
    QFETCH(QJsonObject, filter);
    QFETCH(QStringList, expected);
    World w;
    START_SERVER(w.ts);
    w.seed();
    // Department ids are known only now: the table names them.
    QJsonObject hello;
    for (auto it = filter.begin(); it != filter.end(); ++it) {
        QJsonArray values;
        for (const QJsonValue &v : it.value().toArray())
            values.append(v.toString() == u"ROADS" ? QJsonValue(w.roads)
                    : v.toString() == u"PARKS"     ? QJsonValue(w.parks)
                                                   : v);
        hello.insert(it.key(), values);
    }
    Client c;
    QVERIFY(c.start(w.ts, w.token, std::nullopt, hello));
    Client all; // sees every event, so we know when the filtered client has had its chance
    QVERIFY(all.start(w.ts, w.token));

    QHash<qint64, QString> names;
    const qint64 pothole = w.file(u"pothole"_s);
    names[pothole] = u"pothole"_s;
    names[w.file(u"bench"_s)] = u"bench"_s;
    QVERIFY(all.waitFor(u"event"_s, 2));
    w.ts.ctx().reportService->assign(w.admin, pothole, w.version(pothole), w.parks, std::nullopt, false);
    names[w.file(u"bench"_s)] = u"bench2"_s;
    QVERIFY(all.waitFor(u"event"_s, 4));
    // The filtered client's messages went out in the same fan-outs, before `all`'s.
    QStringList got;
    const QList<QJsonObject> events = c.ofType(u"event"_s);
    for (const QJsonObject &e : events) {
        const qint64 id = e.value(u"report"_s).toObject().value(u"id"_s).toInteger();
        got.append(names.value(id) + (e.value(u"event"_s).toString() == u"report.updated" ? u" moved"_s : QString()));
    }
    QCOMPARE(got, expected);
}

void tst_LiveStream::eachEventIsSerialisedOnce()
{
    World w;
    START_SERVER(w.ts);
    w.seed();
    Client a, b, c, roadsOnly;
    QVERIFY(a.start(w.ts, w.token));
    QVERIFY(b.start(w.ts, w.token));
    QVERIFY(c.start(w.ts, w.token));
    QVERIFY(roadsOnly.start(w.ts, w.token, std::nullopt, QJsonObject{{u"departments"_s, QJsonArray{w.roads}}}));
    const qint64 serialisedBefore = w.hub().fanOutSerialisations();
    const qint64 sentBefore = w.hub().fanOutSends();
    const qint64 directBefore = w.hub().fanOutDirectSends();

    w.file(u"pothole"_s); // to all four
    w.file(u"bench"_s); // to three
    for (Client *client : {&a, &b, &c})
        QVERIFY(client->waitFor(u"event"_s, 2));
    QVERIFY(roadsOnly.waitFor(u"event"_s, 1));
    QCOMPARE(w.hub().fanOutSerialisations() - serialisedBefore, 2);
    QCOMPARE(w.hub().fanOutSends() - sentBefore, 7);
    // Each as one frame written straight to the client's TCP socket (the front handed it over).
    QCOMPARE(w.hub().fanOutDirectSends() - directBefore, 7);
    // The same text reached everyone.
    QCOMPARE(a.ofType(u"event"_s), b.ofType(u"event"_s));
    QCOMPARE(a.ofType(u"event"_s).first(), roadsOnly.ofType(u"event"_s).first());
}

void tst_LiveStream::textFrameLengths_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("empty") << 0 << "\x81\x00"_ba;
    QTest::newRow("125") << 125 << "\x81\x7d"_ba;
    QTest::newRow("126: 16-bit length") << 126 << "\x81\x7e\x00\x7e"_ba;
    QTest::newRow("65535") << 65535 << "\x81\x7e\xff\xff"_ba;
    QTest::newRow("65536: 64-bit length") << 65536 << "\x81\x7f\x00\x00\x00\x00\x00\x01\x00\x00"_ba;
}

void tst_LiveStream::textFrameLengths()
{
    QFETCH(int, length);
    QFETCH(QByteArray, header);
    const QByteArray payload(length, 'x');
    const QByteArray frame = LiveHub::textFrame(payload);
    QCOMPARE(frame.left(header.size()).toHex(), header.toHex());
    QCOMPARE(frame.mid(header.size()), payload);
}

void tst_LiveStream::slowClientOverflowsAndIsClosed()
{
    World w(QStringList{u"live/max_queue_kib=16"_s});
    START_SERVER(w.ts);
    w.seed();
    RawClient slow;
    QVERIFY(slow.connectTo(w.ts.port(), 4096));
    slow.sendText(hello(w.token));
    QVERIFY(QTest::qWaitFor([&] { return slow.pump(), slow.texts().size() >= 2; }, kWaitMs)); // welcome, live
    Client fast;
    QVERIFY(fast.start(w.ts, w.token));

    // The slow client stops reading; events of ~4 KB each fill the kernel buffers, then its queue.
    const QString big = QString(u"Λακκούβα "_s).repeated(220);
    int filed = 0;
    while (w.hub().overflows() == 0 && filed < 2000) {
        w.file(u"pothole"_s, big);
        ++filed;
        QTest::qWait(1);
    }
    QCOMPARE(w.hub().overflows(), 1);
    // Counted with what the kernel still holds for it: cut off after about the limit's worth
    // (~4 KB events, 16 KiB, plus its small receive buffer), not once the kernel's send buffer,
    // which grows to megabytes, is full too (that took 650 events here).
    QVERIFY2(filed <= 20, qPrintable(u"overflow only after %1 events"_s.arg(filed)));
    QTRY_COMPARE(w.hub().sessionCount(), 1); // the fast one stays

    // Reading again, the slow client finds the events it was sent, then resync, then the close.
    QVERIFY(QTest::qWaitFor(
        [&] {
            slow.pump();
            const QList<RawClient::Frame> f = slow.frames();
            return !f.isEmpty() && f.last().opcode == 0x8;
        },
        kWaitMs));
    const QList<QJsonObject> texts = slow.texts();
    QVERIFY(texts.size() >= 3);
    QCOMPARE(texts.last().value(u"type"_s).toString(), u"resync"_s);
    QCOMPARE(texts.last().value(u"reason"_s).toString(), u"overflow"_s);
    // What it did get arrived whole and in order, whether a frame went straight to the kernel
    // or waited in Qt's buffer first.
    qint64 expectedSeq = 1;
    for (const QJsonObject &t : texts)
        if (t.value(u"type"_s).toString() == u"event"_s)
            QCOMPARE(t.value(u"seq"_s).toInteger(), expectedSeq++);
    QVERIFY(expectedSeq > 2);
    QCOMPARE(texts.last().value(u"last_seq"_s).toInteger(), w.hub().lastBroadcastSeq());
    const QList<RawClient::Frame> frames = slow.frames();
    QCOMPARE(frames.last().opcode, 0x8); // close
    QCOMPARE((quint8(frames.last().payload.at(0)) << 8) | quint8(frames.last().payload.at(1)), 1008);
    // Every event was sent to the fast client, in order, and the queue never held more than
    // the limit plus one message (the server's memory stayed bounded).
    QVERIFY(fast.waitFor(u"event"_s, filed));
    QCOMPARE(fast.eventSeqs().size(), filed);
    QCOMPARE(fast.eventSeqs().last(), qint64(filed));
}

void tst_LiveStream::silentClientIsDisconnected()
{
    World w;
    START_SERVER(w.ts);
    w.seed();
    w.hub().setHeartbeat(100, 400);
    RawClient silent; // reads, but never answers a ping
    QVERIFY(silent.connectTo(w.ts.port()));
    silent.sendText(hello(w.token));
    Client alive; // QWebSocket answers pings by itself
    QVERIFY(alive.start(w.ts, w.token));
    QTRY_COMPARE(w.hub().sessionCount(), 2);

    QVERIFY(QTest::qWaitFor([&] { return !silent.pump(); }, kWaitMs));
    bool sawPing = false;
    for (const RawClient::Frame &f : silent.frames())
        sawPing = sawPing || f.opcode == 0x9;
    QVERIFY(sawPing);
    QTRY_COMPARE(w.hub().sessionCount(), 1);
    QVERIFY(!alive.closed);
    QCOMPARE(alive.ws.state(), QAbstractSocket::ConnectedState);
}

void tst_LiveStream::missingHelloIsClosedInTime()
{
    World w;
    START_SERVER(w.ts);
    w.seed();
    w.hub().setHelloTimeout(300);
    Client first; // connects and never says hello
    QVERIFY(first.open(w.ts));
    Client greeted;
    QVERIFY(greeted.start(w.ts, w.token));
    Client second; // a later one without hello: its own deadline, after the first's
    QVERIFY(second.open(w.ts));
    QVERIFY(first.waitClosed());
    QVERIFY(second.waitClosed());
    for (Client *c : {&first, &second}) {
        QCOMPARE(c->types(), QStringList{u"error"_s});
        QCOMPARE(int(c->ws.closeCode()), 4400);
    }
    QTRY_COMPARE(w.hub().sessionCount(), 1);
    QVERIFY(!greeted.closed);
}

void tst_LiveStream::logoutEndsEveryStreamOfTheToken()
{
    World w;
    START_SERVER(w.ts);
    w.seed();
    const QString other = w.ts.login(u"admin"_s); // a second sign-in: its own token
    Client a;
    Client b;
    Client c;
    QVERIFY(a.start(w.ts, w.token));
    QVERIFY(b.start(w.ts, w.token));
    QVERIFY(c.start(w.ts, other));
    w.ts.ctx().auth->logout(w.token);
    w.hub().setHeartbeat(100, 10'000);
    QVERIFY(a.waitClosed());
    QVERIFY(b.waitClosed());
    QCOMPARE(int(a.ws.closeCode()), 4401);
    QCOMPARE(int(b.ws.closeCode()), 4401);
    QTRY_COMPARE(w.hub().sessionCount(), 1);
    QVERIFY(!c.closed);
}

void tst_LiveStream::shutdownClosesWithGoingAway()
{
    World w;
    START_SERVER(w.ts);
    w.seed();
    Client c;
    QVERIFY(c.start(w.ts, w.token));
    QSignalSpy stopped(&w.ts.server(), &Server::stopped);
    w.ts.server().shutdown(5000);
    QVERIFY(c.waitClosed());
    QCOMPARE(c.ws.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QTRY_COMPARE(w.hub().sessionCount(), 0);
    QTRY_COMPARE(stopped.count(), 1);
    QCOMPARE(w.ts.server().activeConnections(), 0);
}

void tst_LiveStream::boundaryCarriesAttribution()
{
    World w;
    START_SERVER(w.ts);
    w.seed();
    QCOMPARE(w.ts.get(u"/api/v1/boundary"_s).status, 401);
    const Reply r = w.ts.get(u"/api/v1/boundary"_s, w.token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-type"), "application/geo+json"_ba);
    const QJsonObject o = r.object();
    QCOMPARE(o.value(u"type"_s).toString(), u"FeatureCollection"_s);
    QCOMPARE(o.value(u"features"_s).toArray().size(), 1);
    const QString attribution = o.value(u"attribution"_s).toString();
    QVERIFY2(attribution.contains(u"geodata.gov.gr"_s), qPrintable(attribution));
    QVERIFY(attribution.contains(u"CC BY 3.0"_s));

    World none(QStringList{u"open311/boundary_file="_s});
    START_SERVER(none.ts);
    none.seed();
    QCOMPARE(none.ts.get(u"/api/v1/boundary"_s, none.token).status, 404);
}

void tst_LiveStream::catalogChangesReachEveryDesk()
{
    // An administrator adds a category, renames a department, creates a user: every desk hears
    // "catalog.updated" naming the table, whatever departments or categories it follows (a
    // clerk of parks following benches too), so a new category or field is in its forms at once.
    World w;
    START_SERVER(w.ts);
    w.seed();
    w.ts.addUser(u"clerk.parks"_s, Role::Clerk, {w.parks});
    const QString clerk = w.ts.login(u"clerk.parks"_s);
    Client narrow;
    QVERIFY(narrow.start(w.ts, clerk, std::nullopt,
        QJsonObject{{u"departments"_s, QJsonArray{w.parks}}, {u"categories"_s, QJsonArray{u"bench"_s}}}));
    Client all;
    QVERIFY(all.start(w.ts, w.token));

    // Refused changes log nothing.
    const QJsonObject graffiti{{u"code"_s, u"graffiti"_s},
        {u"name"_s, QJsonObject{{u"el"_s, u"Γκράφιτι"_s}, {u"en"_s, u"Graffiti"_s}}}, {u"department_id"_s, w.roads},
        {u"attributes"_s,
            QJsonArray{QJsonObject{{u"code"_s, u"surface"_s}, {u"datatype"_s, u"string"_s},
                {u"description"_s, QJsonObject{{u"el"_s, u"Επιφάνεια"_s}, {u"en"_s, u"Surface"_s}}}}}}};
    QCOMPARE(w.ts.postJson(u"/api/v1/categories"_s, graffiti, clerk).status, 403);
    QJsonObject bench = graffiti;
    bench.insert(u"code"_s, u"bench"_s);
    const Reply taken = w.ts.postJson(u"/api/v1/categories"_s, bench, w.token);
    QVERIFY2(taken.status == 409, taken.body.constData());

    const Reply category = w.ts.postJson(u"/api/v1/categories"_s, graffiti, w.token);
    QVERIFY2(category.status == 201, category.body.constData());
    const Reply department = w.ts.send("PUT"_ba, u"/api/v1/departments/%1"_s.arg(w.parks),
        QJsonDocument(QJsonObject{{u"name"_s, QJsonObject{{u"el"_s, u"Πράσινο"_s}, {u"en"_s, u"Green spaces"_s}}}})
            .toJson(QJsonDocument::Compact),
        "application/json"_ba, w.token);
    QVERIFY2(department.status == 200, department.body.constData());
    const Reply user = w.ts.postJson(u"/api/v1/users"_s,
        QJsonObject{{u"username"_s, u"new.clerk"_s}, {u"password"_s, u"a long enough password"_s},
            {u"role"_s, u"clerk"_s}, {u"department_ids"_s, QJsonArray{w.roads}}},
        w.token);
    QVERIFY2(user.status == 201, user.body.constData());

    for (Client *c : {&narrow, &all}) {
        QVERIFY(c->waitFor(u"event"_s, 3));
        QStringList changed;
        qint64 lastSeq = 0;
        for (const QJsonObject &e : c->ofType(u"event"_s)) {
            QCOMPARE(e.value(u"event"_s).toString(), u"catalog.updated"_s);
            QVERIFY(e.value(u"seq"_s).toInteger() > lastSeq);
            lastSeq = e.value(u"seq"_s).toInteger();
            changed.append(e.value(u"catalog"_s).toObject().value(u"changed"_s).toString());
        }
        QCOMPARE(changed, QStringList({u"categories"_s, u"departments"_s, u"users"_s}));
    }
    // A desk that was away replays them like any event.
    Client later;
    QVERIFY(later.start(w.ts, clerk, 0));
    QVERIFY(later.waitFor(u"event"_s, 3));
    QCOMPARE(later.ofType(u"event"_s).first().value(u"catalog"_s).toObject().value(u"changed"_s).toString(),
        u"categories"_s);
}

QTEST_GUILESS_MAIN(tst_LiveStream)
#include "tst_LiveStream.moc"
