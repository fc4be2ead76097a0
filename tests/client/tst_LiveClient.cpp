// LiveClient against a scripted in-process WebSocket server that speaks docs/api/live.md:
// the hello, replay then live, exactly-once application across a cut connection (the
// server even replays events the client already has), resync on a gap, refusal of the
// token, a peer that never answers, and a server whose history is behind the cache.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include "client/net/ApiClient.h"
#include "client/net/LiveClient.h"
#include "client/store/ReportStore.h"
#include "shared/domain/ReportJson.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

constexpr int kWaitMs = 20'000; // an upper bound, not a timing assertion

Report makeReport(qint64 id, int version)
{
    Report r;
    r.id = id;
    r.version = version;
    r.serviceCode = u"pothole"_s;
    r.description = u"Αναφορά %1"_s.arg(id);
    r.departmentId = 1;
    r.requestedMs = 1'790'000'000'000;
    r.updatedMs = r.requestedMs + version;
    return r;
}

// Whether the spy on ApiClient::requestFailed saw the operation fail.
bool failed(const QSignalSpy &spy, ApiClient::Operation operation)
{
    for (const QList<QVariant> &args : spy)
        if (args.at(0).value<ApiClient::Operation>() == operation)
            return true;
    return false;
}

QString text(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// The server side of the protocol, scripted by the test.
class FakeLiveServer final : public QObject
{
public:
    FakeLiveServer() : m_server(u"fake"_s, QWebSocketServer::NonSecureMode)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QWebSocket::textMessageReceived, this,
                    [this, socket](const QString &message) { onHello(socket, message); });
                connect(socket, &QWebSocket::disconnected, this, [this, socket] {
                    m_clients.removeAll(socket);
                    socket->deleteLater();
                });
            }
        });
    }

    ~FakeLiveServer() override
    {
        // The sockets outlive m_clients (QObject deletes children last): stop their signals first.
        for (QWebSocket *socket : findChildren<QWebSocket *>(Qt::FindDirectChildrenOnly))
            socket->disconnect(this);
    }

    QUrl httpUrl() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.serverPort())); }

    // A new committed event: kept in the log and sent to every client past its hello.
    void append(const Report &report)
    {
        m_log.append(report);
        for (QWebSocket *c : std::as_const(m_clients))
            c->sendTextMessage(eventText(m_log.size()));
    }
    qint64 lastSeq() const { return m_log.size(); }
    void dropAll()
    {
        for (QWebSocket *c : std::as_const(m_clients))
            c->abort();
    }

    QList<QJsonObject> hellos;
    qint64 retainedFrom = 1; // events before this seq are no longer kept
    int overlap = 0; // replays this many events before `since` too (the client must ignore them)
    bool refuseToken = false;
    qint64 reportedLastSeq = -1; // >= 0: what welcome claims instead of the real last seq

private:
    QString eventText(qint64 seq) const
    {
        return text(QJsonObject{{u"type"_s, u"event"_s}, {u"seq"_s, seq}, {u"event"_s, u"report.updated"_s},
            {u"at"_s, u"2026-11-25T10:00:00Z"_s}, {u"report"_s, reportToStaffJson(m_log.at(seq - 1), false)}});
    }

    void onHello(QWebSocket *socket, const QString &message)
    {
        const QJsonObject hello = QJsonDocument::fromJson(message.toUtf8()).object();
        hellos.append(hello);
        if (refuseToken) {
            socket->sendTextMessage(text(QJsonObject{{u"type"_s, u"error"_s}, {u"message"_s, u"bad token"_s}}));
            socket->close(QWebSocketProtocol::CloseCode(4401), u"unauthorized"_s);
            return;
        }
        const qint64 last = reportedLastSeq >= 0 ? reportedLastSeq : lastSeq();
        socket->sendTextMessage(text(QJsonObject{
            {u"type"_s, u"welcome"_s}, {u"last_seq"_s, last}, {u"server_time"_s, u"2026-11-25T10:00:00Z"_s}}));
        const qint64 since = hello.value(u"since"_s).toInteger(-1);
        if (since >= 0 && since + 1 < retainedFrom) {
            socket->sendTextMessage(
                text(QJsonObject{{u"type"_s, u"resync"_s}, {u"last_seq"_s, last}, {u"reason"_s, u"gap"_s}}));
        } else if (since >= 0) {
            for (qint64 seq = std::max<qint64>(1, since + 1 - overlap); seq <= std::min(last, lastSeq()); ++seq)
                socket->sendTextMessage(eventText(seq));
        }
        socket->sendTextMessage(text(QJsonObject{{u"type"_s, u"live"_s}, {u"last_seq"_s, last}}));
        m_clients.append(socket);
    }

    QWebSocketServer m_server;
    QList<Report> m_log;
    QList<QWebSocket *> m_clients;
};

// Counts what reached the store: every report id that was added or changed.
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

} // namespace

class tst_LiveClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void liveUrl_data();
    void liveUrl();
    void helloCarriesSinceAndFilters();
    void replaysThenGoesLive();
    void cutConnectionLosesNothingAndAppliesOnce();
    void gapTriggersReload();
    void withoutCacheStartsFromWelcome();
    void serverBehindCacheReloads();
    void refusedTokenStops();
    void silentPeerIsDropped();
};

void tst_LiveClient::liveUrl_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("expected");
    QTest::newRow("http") << u"http://127.0.0.1:8080"_s << u"ws://127.0.0.1:8080/api/v1/live"_s;
    QTest::newRow("https with slash") << u"https://dimos.example.gr/"_s << u"wss://dimos.example.gr/api/v1/live"_s;
    QTest::newRow("below a path") << u"https://example.gr/dimos/"_s << u"wss://example.gr/dimos/api/v1/live"_s;
}

void tst_LiveClient::liveUrl()
{
    QFETCH(QString, server);
    QFETCH(QString, expected);
    QCOMPARE(LiveClient::liveUrl(QUrl(server)).toString(), expected);
}

void tst_LiveClient::helloCarriesSinceAndFilters()
{
    FakeLiveServer server;
    for (int i = 1; i <= 5; ++i)
        server.append(makeReport(i, 1));
    ReportStore store;
    store.setLastSeq(5);
    ApiClient api;
    LiveClient live(&api, &store);
    live.setServer(server.httpUrl());
    live.setToken(u"tok"_s);
    live.setFilters({1, 3}, {u"pothole"_s});
    QSignalSpy state(&live, &LiveClient::stateChanged);
    live.start();
    QTRY_COMPARE_WITH_TIMEOUT(live.state(), LiveClient::State::Live, kWaitMs);
    QCOMPARE(server.hellos.size(), 1);
    const QJsonObject hello = server.hellos.first();
    QCOMPARE(hello.value(u"type"_s).toString(), u"hello"_s);
    QCOMPARE(hello.value(u"token"_s).toString(), u"tok"_s);
    QCOMPARE(hello.value(u"since"_s).toInteger(), 5);
    QCOMPARE(hello.value(u"departments"_s).toArray(), (QJsonArray{1, 3}));
    QCOMPARE(hello.value(u"categories"_s).toArray(), QJsonArray{u"pothole"_s});
    QCOMPARE(state.first().at(0).value<LiveClient::State>(), LiveClient::State::Connecting);
    live.stop();
    QCOMPARE(live.state(), LiveClient::State::Disconnected);
}

void tst_LiveClient::replaysThenGoesLive()
{
    FakeLiveServer server;
    for (int i = 1; i <= 10; ++i)
        server.append(makeReport(i, 1));
    ReportStore store;
    for (int i = 1; i <= 4; ++i)
        store.applyEvent(i, makeReport(i, 1));
    ApiClient api;
    LiveClient live(&api, &store);
    live.setServer(server.httpUrl());
    live.start();
    QTRY_COMPARE_WITH_TIMEOUT(live.state(), LiveClient::State::Live, kWaitMs);
    QCOMPARE(store.size(), 10);
    QCOMPARE(store.lastSeq(), 10);
    server.append(makeReport(3, 2));
    QTRY_COMPARE_WITH_TIMEOUT(store.find(3)->version, 2, kWaitMs);
    QCOMPARE(store.lastSeq(), 11);
}

void tst_LiveClient::cutConnectionLosesNothingAndAppliesOnce()
{
    FakeLiveServer server;
    server.overlap = 50; // a sloppy replay: the store must still apply each event once
    ReportStore store;
    store.setLastSeq(0);
    StoreLog log(store);
    ApiClient api;
    LiveClient live(&api, &store);
    live.setServer(server.httpUrl());
    live.start();
    QTRY_COMPARE_WITH_TIMEOUT(live.state(), LiveClient::State::Live, kWaitMs);

    for (int i = 1; i <= 200; ++i)
        server.append(makeReport(i, 1));
    QTRY_COMPARE_WITH_TIMEOUT(store.lastSeq(), 200, kWaitMs);
    server.dropAll(); // the network goes away in the middle of the stream
    QTRY_COMPARE_WITH_TIMEOUT(live.state(), LiveClient::State::Offline, kWaitMs);
    for (int i = 201; i <= 500; ++i)
        server.append(makeReport(i, 1)); // committed while the client is away
    QTRY_COMPARE_WITH_TIMEOUT(live.state(), LiveClient::State::Live, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(store.lastSeq(), 500, kWaitMs);

    QCOMPARE(server.hellos.size(), 2);
    QCOMPARE(server.hellos.at(1).value(u"since"_s).toInteger(), 200);
    QCOMPARE(store.size(), 500);
    QCOMPARE(log.applied.size(), 500);
    for (auto it = log.applied.cbegin(); it != log.applied.cend(); ++it)
        QCOMPARE(it.value(), 1);
}

void tst_LiveClient::gapTriggersReload()
{
    FakeLiveServer server;
    for (int i = 1; i <= 30; ++i)
        server.append(makeReport(i, 1));
    server.retainedFrom = 20;
    ReportStore store;
    store.setLastSeq(5);
    ApiClient api; // no server behind it: the reload fails, which shows it was asked for
    api.setServer(QUrl(u"http://127.0.0.1:1"_s));
    QSignalSpy reloadFailed(&api, &ApiClient::requestFailed);
    LiveClient live(&api, &store);
    QSignalSpy resync(&live, &LiveClient::resyncStarted);
    live.setServer(server.httpUrl());
    live.start();
    QVERIFY(resync.wait(kWaitMs));
    QCOMPARE(resync.at(0).at(0).toString(), u"gap"_s);
    QCOMPARE(store.lastSeq(), 30);
    // The reload asks for the reports and the citizen requests: both fail, in either order.
    QTRY_VERIFY_WITH_TIMEOUT(failed(reloadFailed, ApiClient::Operation::LoadReports), kWaitMs);
    // Events after the resync point still apply on the same connection.
    server.append(makeReport(99, 1));
    QTRY_VERIFY_WITH_TIMEOUT(store.contains(99), kWaitMs);
}

void tst_LiveClient::withoutCacheStartsFromWelcome()
{
    FakeLiveServer server;
    for (int i = 1; i <= 7; ++i)
        server.append(makeReport(i, 1));
    ReportStore store;
    ApiClient api;
    api.setServer(QUrl(u"http://127.0.0.1:1"_s));
    QSignalSpy reload(&api, &ApiClient::requestFailed);
    LiveClient live(&api, &store);
    live.setServer(server.httpUrl());
    live.start();
    QTRY_COMPARE_WITH_TIMEOUT(store.lastSeq(), 7, kWaitMs);
    QCOMPARE(server.hellos.first().value(u"since"_s).toInteger(), -1);
    QCOMPARE(store.size(), 0); // nothing replayed: the reports come over REST
    QTRY_VERIFY_WITH_TIMEOUT(failed(reload, ApiClient::Operation::LoadReports), kWaitMs);
    server.append(makeReport(8, 1));
    QTRY_VERIFY_WITH_TIMEOUT(store.contains(8), kWaitMs);
}

void tst_LiveClient::serverBehindCacheReloads()
{
    FakeLiveServer server;
    server.append(makeReport(1, 1));
    ReportStore store;
    store.upsert(makeReport(50, 3));
    store.setLastSeq(100);
    ApiClient api;
    api.setServer(QUrl(u"http://127.0.0.1:1"_s));
    LiveClient live(&api, &store);
    QSignalSpy resync(&live, &LiveClient::resyncStarted);
    live.setServer(server.httpUrl());
    live.start();
    QVERIFY(resync.wait(kWaitMs));
    QCOMPARE(store.size(), 0);
    QCOMPARE(store.lastSeq(), 1);
}

void tst_LiveClient::refusedTokenStops()
{
    FakeLiveServer server;
    server.refuseToken = true;
    ReportStore store;
    ApiClient api;
    LiveClient live(&api, &store);
    QSignalSpy refused(&live, &LiveClient::authenticationFailed);
    live.setServer(server.httpUrl());
    live.setToken(u"expired"_s);
    live.start();
    QVERIFY(refused.wait(kWaitMs));
    QCOMPARE(live.state(), LiveClient::State::Disconnected);
    QCOMPARE(server.hellos.size(), 1);
}

void tst_LiveClient::silentPeerIsDropped()
{
    // Accepts TCP connections and never answers the WebSocket handshake.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    int connections = 0;
    connect(&silent, &QTcpServer::newConnection, &silent, [&] {
        while (silent.nextPendingConnection())
            ++connections;
    });
    ReportStore store;
    ApiClient api;
    LiveClient live(&api, &store);
    live.setDeadPeerTimeoutMs(200);
    QSignalSpy state(&live, &LiveClient::stateChanged);
    live.setServer(QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort())));
    live.start();
    QTRY_VERIFY_WITH_TIMEOUT(connections >= 2, kWaitMs); // gave up on the first, tried again
    QVERIFY(state.contains(QVariantList{QVariant::fromValue(LiveClient::State::Offline)}));
    live.stop();
}

QTEST_GUILESS_MAIN(tst_LiveClient)
#include "tst_LiveClient.moc"
