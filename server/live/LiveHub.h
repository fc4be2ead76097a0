#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

#include "server/live/LiveSettings.h"

class QTcpSocket;
class QWebSocket;

namespace dimos {

class AuthService;
class Clock;
class EventRepository;
class LiveSession;
struct StoredEvent;

// The live stream (docs/api/live.md): takes upgraded WebSockets from the HTTP front, checks
// each client's hello, replays the events it missed from the event log, then fans out every
// committed event to the clients that want it.
//
// Nothing is pushed before it is committed: ReportService calls eventsCommitted() after the
// commit, and the hub then reads the events after the last one it broadcast from the database,
// so the log is the only source and a rolled-back change never reaches anyone. Each event is
// serialised once and the same text goes to every client. A client's unsent data is bounded
// (LiveSettings::maxQueueBytes): past it the client gets resync(overflow) and is closed.
//
// Lives on the main thread with the database connection; owns its sessions (QObject children).
class LiveHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveHub)

public:
    LiveHub(EventRepository &events, AuthService &auth, const Clock &clock, const LiveSettings &settings,
        QObject *parent = nullptr);
    ~LiveHub() override;

    static constexpr auto kPath = "/api/v1/live";

    // Takes ownership of an upgraded socket. With `tcp`, the TCP socket under it, the fan-out
    // frames each event once and writes the frame to every client's socket at once (and counts
    // the kernel's unsent bytes in a client's backlog); without it, it goes through QWebSocket.
    void accept(QWebSocket *socket, QTcpSocket *tcp = nullptr);
    // New events were committed; they are read and sent from the event loop shortly after
    // (several commits in one turn of the loop make one read).
    void eventsCommitted();
    // Deletes events older than live/retention_days (never the newest). Runs at start and hourly.
    int prune();
    // Closes every client with 1001 (going away) and accepts no more.
    void shutdown();

    // Tests: shorter heartbeats and hello timeout than the configuration allows.
    void setHeartbeat(int pingIntervalMs, int silenceTimeoutMs);
    void setHelloTimeout(int helloTimeoutMs) { m_settings.helloTimeoutMs = helloTimeoutMs; }

    int sessionCount() const { return static_cast<int>(m_sessions.size()); }
    qint64 lastBroadcastSeq() const { return m_lastBroadcast; }
    // Counters: events serialised for the fan-out, messages handed to sockets by the fan-out
    // (of them, frames written straight to the TCP socket), clients dropped for overflow.
    qint64 fanOutSerialisations() const { return m_serialisations; }
    qint64 fanOutSends() const { return m_sends; }
    qint64 fanOutDirectSends() const { return m_directSends; }
    qint64 overflows() const { return m_overflows; }

    // The text of an `event` message.
    static QString eventMessage(const StoredEvent &e);
    // An unmasked, unfragmented RFC 6455 text frame (as a server sends) carrying `utf8`.
    static QByteArray textFrame(const QByteArray &utf8);

private:
    void onText(LiveSession *s, const QString &text);
    void startReplay(LiveSession *s, qint64 since);
    void continueReplay(LiveSession *s);
    void fanOut();
    void heartbeat();
    // Closes the connections whose hello is overdue (live/hello timeout).
    void helloDeadlines();
    // Sends unless the client's backlog is full; then resync(overflow) and close. False if
    // dropped. `frame` is `text` framed, for sessions that write to their TCP socket directly.
    bool deliver(LiveSession *s, const QString &text, const QByteArray &frame);
    void sendResync(LiveSession *s, const QString &reason);
    void fail(LiveSession *s, int closeCode, const QString &message);
    void closeSession(LiveSession *s, int closeCode, const QString &reason);
    void remove(LiveSession *s);
    // The one copy of `text` the sessions share (tokens and user names).
    QString intern(const QString &text);

    EventRepository &m_events;
    AuthService &m_auth;
    const Clock &m_clock;
    LiveSettings m_settings;
    QList<LiveSession *> m_sessions;
    QList<LiveSession *> m_retired; // removed, deleted by a queued call (calls queued before it may still name them)
    QTimer m_pingTimer;
    QTimer m_pruneTimer;
    QTimer m_helloTimer;
    QElapsedTimer m_uptime; // the clock of the hello deadlines
    QSet<QString> m_interned;
    QList<LiveSession *> m_awaitingHello; // connected, no hello yet; oldest first
    qint64 m_lastBroadcast = 0;
    bool m_fanOutPending = false;
    bool m_shutDown = false;
    qint64 m_serialisations = 0;
    qint64 m_sends = 0;
    qint64 m_directSends = 0;
    qint64 m_overflows = 0;
};

} // namespace dimos
