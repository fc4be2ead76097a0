#include "LiveHub.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QWebSocket>

#include <cmath>
#include <limits>

#include "server/core/AuthService.h"
#include "server/live/LiveHello.h"
#include "server/live/LiveSession.h"
#include "server/storage/EventRepository.h"
#include "shared/util/Clock.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcLive, "dimos.live")

namespace dimos {

namespace {

constexpr int kReplayBatch = 256;
constexpr int kMaxIncomingBytes = 64 * 1024;
constexpr qint64 kPruneIntervalMs = 3600LL * 1000;
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

// Close codes beyond RFC 6455's (4000–4999 are for applications).
constexpr int kCloseProtocol = 4400; // no or malformed hello
constexpr int kCloseAuth = 4401; // bad or expired token
constexpr int kCloseNotFound = 4404; // upgrade on another path

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

LiveHub::LiveHub(
    EventRepository &events, AuthService &auth, const Clock &clock, const LiveSettings &settings, QObject *parent)
    : QObject(parent), m_events(events), m_auth(auth), m_clock(clock), m_settings(settings)
{
    prune();
    m_lastBroadcast = m_events.lastSeq();
    connect(&m_pingTimer, &QTimer::timeout, this, &LiveHub::heartbeat);
    m_pingTimer.start(m_settings.pingIntervalMs);
    connect(&m_pruneTimer, &QTimer::timeout, this, &LiveHub::prune);
    m_pruneTimer.start(kPruneIntervalMs);
    m_helloTimer.setSingleShot(true);
    connect(&m_helloTimer, &QTimer::timeout, this, &LiveHub::helloDeadlines);
    m_uptime.start();
}

LiveHub::~LiveHub()
{
    // The sockets are the hub's QObject children and go with it; the sessions are not QObjects.
    qDeleteAll(m_sessions);
    qDeleteAll(m_retired);
}

void LiveHub::setHeartbeat(int pingIntervalMs, int silenceTimeoutMs)
{
    m_settings.pingIntervalMs = pingIntervalMs;
    m_settings.silenceTimeoutMs = silenceTimeoutMs;
    m_pingTimer.start(pingIntervalMs);
}

QString LiveHub::eventMessage(const StoredEvent &e)
{
    // The payload is already JSON text in the log: splice it in rather than parse and re-encode.
    return QString(u"{\"type\":\"event\",\"seq\":"_s + QString::number(e.seq) + u",\"event\":\""_s + e.type
        + u"\",\"at\":\""_s + formatUtc(e.atMs) + u"\",\""_s + e.entity + u"\":"_s + QString::fromUtf8(e.payload)
        + u'}');
}

QByteArray LiveHub::textFrame(const QByteArray &utf8)
{
    const qint64 n = utf8.size();
    QByteArray frame;
    frame.reserve(n + 10);
    frame.append(char(0x81)); // FIN, text
    if (n < 126) {
        frame.append(char(n));
    } else if (n <= 0xFFFF) {
        frame.append(char(126));
        frame.append(char(n >> 8));
        frame.append(char(n & 0xFF));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((n >> shift) & 0xFF));
    }
    frame.append(utf8);
    return frame;
}

void LiveHub::accept(QWebSocket *socket, QTcpSocket *tcp)
{
    // A client only ever sends a short hello: refuse anything large before it is buffered.
    socket->setMaxAllowedIncomingFrameSize(kMaxIncomingBytes);
    socket->setMaxAllowedIncomingMessageSize(kMaxIncomingBytes);
    // The TCP socket under the QWebSocket becomes its child (the server that accepted it was
    // its parent), so it lives exactly as long as the socket, which the hub owns: the session
    // may keep a plain pointer to it.
    if (tcp)
        tcp->setParent(socket);
    socket->setParent(this);
    auto *s = new LiveSession(socket, tcp);
    m_sessions.append(s);
    connect(socket, &QWebSocket::disconnected, this, [this, s] { remove(s); });
    connect(socket, &QWebSocket::textMessageReceived, this, [this, s](const QString &text) {
        s->lastHeard.start();
        onText(s, text);
    });
    connect(socket, &QWebSocket::pong, this, [s] { s->lastHeard.start(); });

    // Refusals are closed from the event loop: we are called inside QWebSocketServer's
    // handshake, which still reads the socket after handing it over.
    auto refuse = [this, s](int code, const QString &reason) {
        // A session is deleted by a call queued after this one (remove()), so `s` is still valid
        // here; it may have been removed meanwhile, then there is nothing to close.
        QMetaObject::invokeMethod(
            this,
            [this, s, code, reason] {
                if (m_sessions.contains(s))
                    closeSession(s, code, reason);
            },
            Qt::QueuedConnection);
    };
    if (m_shutDown) {
        s->state = LiveSession::State::Closing;
        refuse(QWebSocketProtocol::CloseCodeGoingAway, u"the server is shutting down"_s);
        return;
    }
    const QString path = socket->requestUrl().path();
    if (path != QLatin1StringView(kPath)) {
        s->state = LiveSession::State::Closing;
        refuse(kCloseNotFound, u"no live stream at %1; use %2"_s.arg(path.left(60), QLatin1StringView(kPath)));
        return;
    }
    // One hub timer for every pending hello rather than a timer object per connection: they
    // all wait equally long, so the list is in deadline order.
    s->helloDeadlineMs = m_uptime.elapsed() + m_settings.helloTimeoutMs;
    m_awaitingHello.append(s);
    if (!m_helloTimer.isActive())
        m_helloTimer.start(m_settings.helloTimeoutMs);
}

void LiveHub::helloDeadlines()
{
    const qint64 now = m_uptime.elapsed();
    while (!m_awaitingHello.isEmpty() && m_awaitingHello.constFirst()->helloDeadlineMs <= now) {
        LiveSession *s = m_awaitingHello.takeFirst();
        if (s->state == LiveSession::State::AwaitingHello)
            fail(s, kCloseProtocol,
                u"no hello within %1 seconds of connecting"_s.arg(m_settings.helloTimeoutMs / 1000.0));
    }
    if (!m_awaitingHello.isEmpty())
        m_helloTimer.start(static_cast<int>(m_awaitingHello.constFirst()->helloDeadlineMs - now));
}

void LiveHub::onText(LiveSession *s, const QString &text)
{
    if (s->state != LiveSession::State::AwaitingHello)
        return; // the protocol expects nothing else; other messages are ignored
    m_awaitingHello.removeOne(s); // answered (well or not): no deadline any more
    QString error;
    std::optional<LiveHello> hello = LiveHello::parse(text.toUtf8(), &error);
    if (!hello) {
        fail(s, kCloseProtocol, error);
        return;
    }
    const std::optional<StaffUser> user = hello->token.isEmpty() ? std::nullopt : m_auth.authenticate(hello->token);
    if (!user) {
        fail(s, kCloseAuth, u"the token is missing, expired or revoked: sign in again"_s);
        return;
    }
    const qint64 since = hello->since;
    const QString token = hello->token;
    QSet<qint64> departments = std::move(hello->departments);
    QSet<QString> categories = std::move(hello->categories);
    // Shared with the other sessions of the same token and user rather than a copy each: with
    // thousands of idle clients, every byte kept per connection counts.
    s->username = intern(user->username);
    s->token = intern(token);
    s->departments = std::move(departments);
    s->categories = std::move(categories);
    s->seesAllRequests = user->role == Role::Admin || user->role == Role::Manager;
    if (!s->seesAllRequests)
        s->staffDepartments = QSet<qint64>(user->departmentIds.cbegin(), user->departmentIds.cend());
    s->socket()->sendTextMessage(compact(QJsonObject{{u"type"_s, u"welcome"_s}, {u"last_seq"_s, m_lastBroadcast},
        {u"server_time"_s, formatUtc(m_clock.nowMs())}, {u"user"_s, user->toJson()}}));
    qCInfo(lcLive).noquote() << "live client" << user->username << "from" << s->socket()->peerAddress().toString()
                             << "since" << since;
    startReplay(s, since);
}

void LiveHub::startReplay(LiveSession *s, qint64 since)
{
    s->state = LiveSession::State::Replaying;
    // Paced by the client's reading: more of the log each time the socket has written some.
    s->replayFlow = connect(s->socket(), &QWebSocket::bytesWritten, this, [this, s] { continueReplay(s); });
    if (since < 0) {
        s->cursor = m_lastBroadcast;
    } else if (since > m_lastBroadcast) {
        // The client saw events this database never had (it was restored or replaced).
        sendResync(s, u"gap"_s);
    } else {
        s->cursor = since;
    }
    continueReplay(s);
}

void LiveHub::continueReplay(LiveSession *s)
{
    while (s->state == LiveSession::State::Replaying) {
        // Flow control, not overflow: wait for the client to take what it has before reading more.
        if (s->socket()->bytesToWrite() > m_settings.maxQueueBytes / 2)
            return;
        if (s->cursor < m_lastBroadcast && s->cursor + 1 < m_events.firstSeq()) {
            sendResync(s, u"gap"_s); // what follows the cursor has been pruned
            continue;
        }
        const QList<StoredEvent> batch = m_events.range(s->cursor, m_lastBroadcast, kReplayBatch);
        if (batch.isEmpty()) {
            s->cursor = m_lastBroadcast;
            s->state = LiveSession::State::Live;
            disconnect(s->replayFlow);
            s->replayFlow = {}; // a handle keeps the disconnected connection's memory alive
            s->socket()->sendTextMessage(compact(QJsonObject{{u"type"_s, u"live"_s}, {u"last_seq"_s, s->cursor}}));
            return;
        }
        for (const StoredEvent &e : batch) {
            s->cursor = e.seq;
            if (s->wants(e))
                s->socket()->sendTextMessage(eventMessage(e));
        }
    }
}

void LiveHub::sendResync(LiveSession *s, const QString &reason)
{
    s->cursor = m_lastBroadcast;
    s->socket()->sendTextMessage(
        compact(QJsonObject{{u"type"_s, u"resync"_s}, {u"last_seq"_s, m_lastBroadcast}, {u"reason"_s, reason}}));
}

void LiveHub::eventsCommitted()
{
    if (m_fanOutPending)
        return;
    m_fanOutPending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_fanOutPending = false;
            fanOut();
        },
        Qt::QueuedConnection);
}

void LiveHub::fanOut()
{
    for (;;) {
        const QList<StoredEvent> batch
            = m_events.range(m_lastBroadcast, std::numeric_limits<qint64>::max(), kReplayBatch);
        if (batch.isEmpty())
            return;
        for (const StoredEvent &e : batch) {
            m_lastBroadcast = e.seq;
            // Built once, for the first client that wants it; shared by the rest.
            QString text;
            QByteArray frame;
            const QList<LiveSession *> sessions = m_sessions; // a send may drop a session
            for (LiveSession *s : sessions) {
                if (s->state != LiveSession::State::Live)
                    continue; // replaying sessions read this event from the log themselves
                s->cursor = e.seq;
                if (!s->wants(e))
                    continue;
                if (text.isNull()) {
                    text = eventMessage(e);
                    frame = textFrame(text.toUtf8());
                    ++m_serialisations;
                }
                if (deliver(s, text, frame))
                    ++m_sends;
            }
        }
        // A short batch was the end of the log: no second query to find nothing (a commit that
        // lands meanwhile calls eventsCommitted() again).
        if (batch.size() < kReplayBatch)
            return;
    }
}

bool LiveHub::deliver(LiveSession *s, const QString &text, const QByteArray &frame)
{
    const qint64 queued = s->backlog();
    // An empty queue takes any one message, so an event larger than the limit still goes out.
    if (queued > 0 && queued + frame.size() > m_settings.maxQueueBytes) {
        ++m_overflows;
        qCWarning(lcLive).noquote() << "live client" << s->username << "reads too slowly:" << queued
                                    << "bytes unsent; telling it to resync and closing";
        sendResync(s, u"overflow"_s);
        closeSession(s, QWebSocketProtocol::CloseCodePolicyViolated, u"queue overflow: reconnect and resume"_s);
        return false;
    }
    if (s->tcp()) {
        // The frame goes to the kernel now rather than when the event loop next finds the socket
        // writable, so the first client does not wait until the event is queued for the last
        // one. Whole frames only, on this thread, so they never interleave with QWebSocket's own
        // (pings, close); nothing is compressed or masked on a server's side.
        s->writeFrame(frame);
        ++m_directSends;
    } else {
        s->socket()->sendTextMessage(text);
    }
    return true;
}

QString LiveHub::intern(const QString &text)
{
    auto it = m_interned.constFind(text);
    if (it == m_interned.cend())
        it = m_interned.insert(text);
    return *it;
}

void LiveHub::heartbeat()
{
    // Each token is looked up once per heartbeat however many connections share it: the lookup
    // costs database queries, and the whole round runs in one turn of the event loop, so with
    // thousands of clients a lookup per connection held up the fan-out for a noticeable time.
    QHash<QString, bool> signedIn;
    const QList<LiveSession *> sessions = m_sessions;
    for (LiveSession *s : sessions) {
        if (s->state == LiveSession::State::Closing)
            continue;
        if (s->lastHeard.elapsed() > m_settings.silenceTimeoutMs) {
            qCInfo(lcLive).noquote() << "live client" << s->username << "silent for" << s->lastHeard.elapsed() / 1000
                                     << "s; disconnecting";
            s->state = LiveSession::State::Closing;
            s->socket()->abort(); // it answers nothing, so no close handshake either
            continue;
        }
        auto known = signedIn.constFind(s->token);
        if (known == signedIn.cend())
            known = signedIn.insert(s->token, s->token.isEmpty() || m_auth.authenticate(s->token).has_value());
        if (!*known) {
            fail(s, kCloseAuth, u"the session has ended (signed out, expired or disabled): sign in again"_s);
            continue;
        }
        s->socket()->ping();
    }
    // Forget the tokens and names of sessions that have ended.
    QSet<QString> inUse;
    for (const LiveSession *s : std::as_const(m_sessions))
        if (s->state != LiveSession::State::AwaitingHello)
            inUse << s->token << s->username;
    m_interned = std::move(inUse);
}

void LiveHub::fail(LiveSession *s, int closeCode, const QString &message)
{
    s->socket()->sendTextMessage(compact(QJsonObject{{u"type"_s, u"error"_s}, {u"message"_s, message}}));
    closeSession(s, closeCode, message);
}

void LiveHub::closeSession(LiveSession *s, int closeCode, const QString &reason)
{
    if (s->socket()->state() != QAbstractSocket::ConnectedState)
        return;
    s->state = LiveSession::State::Closing;
    // A close reason is at most 123 bytes of UTF-8.
    QString shortReason = reason;
    while (shortReason.toUtf8().size() > 123)
        shortReason.chop(1);
    QWebSocket *socket = s->socket();
    socket->close(static_cast<QWebSocketProtocol::CloseCode>(closeCode), shortReason);
    QTimer::singleShot(m_settings.closeGraceMs, socket, [socket] {
        if (socket->state() != QAbstractSocket::UnconnectedState)
            socket->abort();
    });
}

void LiveHub::remove(LiveSession *s)
{
    if (!m_sessions.removeOne(s))
        return;
    m_awaitingHello.removeOne(s);
    s->state = LiveSession::State::Closing;
    disconnect(s->replayFlow);
    QWebSocket *socket = s->socket();
    socket->disconnect(this);
    socket->deleteLater();
    // Queued, so that calls already queued for this session (a refusal's close) find it.
    m_retired.append(s);
    QMetaObject::invokeMethod(
        this,
        [this, s] {
            m_retired.removeOne(s);
            delete s;
        },
        Qt::QueuedConnection);
}

int LiveHub::prune()
{
    const qint64 cutoff = m_clock.nowMs() - m_settings.retentionDays * kDayMs;
    const int n = m_events.pruneOlderThan(cutoff);
    if (n > 0)
        qCInfo(lcLive) << "pruned" << n << "events older than" << m_settings.retentionDays << "days";
    return n;
}

void LiveHub::shutdown()
{
    m_shutDown = true;
    m_pingTimer.stop();
    m_pruneTimer.stop();
    const QList<LiveSession *> sessions = m_sessions;
    for (LiveSession *s : sessions)
        closeSession(s, QWebSocketProtocol::CloseCodeGoingAway, u"the server is shutting down"_s);
}

} // namespace dimos
