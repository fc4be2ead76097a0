#include "LiveClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>
#include <QWebSocket>

#include "client/net/ApiClient.h"
#include "client/store/ReportStore.h"
#include "shared/domain/ReportJson.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

Q_LOGGING_CATEGORY(lcLive, "dimos.desk.live")

constexpr int kInitialBackoffMs = 1000;
constexpr int kDefaultDeadPeerMs = 45'000;
constexpr quint16 kCloseAuth = 4401;

} // namespace

LiveClient::LiveClient(ApiClient *api, ReportStore *store, QObject *parent)
    : QObject(parent),
      m_api(api),
      m_store(store),
      m_reconnectTimer(new QTimer(this)),
      m_watchdog(new QTimer(this)),
      m_pingTimer(new QTimer(this))
{
    m_reconnectTimer->setSingleShot(true);
    connect(m_reconnectTimer, &QTimer::timeout, this, &LiveClient::connectNow);
    m_watchdog->setSingleShot(true);
    connect(m_watchdog, &QTimer::timeout, this, [this] {
        qCInfo(lcLive) << "nothing heard from the server for" << m_watchdog->interval() << "ms: reconnecting";
        dropConnection();
    });
    connect(m_pingTimer, &QTimer::timeout, this, [this] {
        // The server pings too, but QWebSocket answers those silently; our own pings make
        // sure a quiet but healthy connection still produces frames (pongs) we can see.
        if (m_socket)
            m_socket->ping();
    });
    setDeadPeerTimeoutMs(kDefaultDeadPeerMs);
}

LiveClient::~LiveClient()
{
    m_running = false;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QUrl LiveClient::liveUrl(const QUrl &server)
{
    QUrl url = server.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
    url.setScheme(server.scheme() == u"https"_s ? u"wss"_s : u"ws"_s);
    QString path = url.path();
    if (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(QString(path + u"/api/v1/live"_s));
    return url;
}

void LiveClient::setServer(const QUrl &server)
{
    m_server = server;
}

void LiveClient::setFilters(const QList<qint64> &departments, const QStringList &categories)
{
    m_departments = departments;
    m_categories = categories;
}

void LiveClient::setDeadPeerTimeoutMs(int ms)
{
    m_watchdog->setInterval(ms);
    m_pingTimer->setInterval(std::max(1, ms / 3));
}

void LiveClient::start()
{
    m_running = true;
    m_attempt = 0;
    connectNow();
}

void LiveClient::stop()
{
    m_running = false;
    m_reconnectTimer->stop();
    m_watchdog->stop();
    m_pingTimer->stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    setState(State::Disconnected);
}

void LiveClient::dropConnection()
{
    m_watchdog->stop();
    m_pingTimer->stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    if (m_running) {
        setState(State::Offline);
        scheduleReconnect();
    }
}

void LiveClient::connectNow()
{
    if (!m_running)
        return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &LiveClient::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &LiveClient::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &LiveClient::onMessage);
    connect(m_socket, &QWebSocket::pong, this, &LiveClient::heardFromServer);
    // Qt 6.4 names this signal error(); errorOccurred() arrived in 6.5.
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
        [this](QAbstractSocket::SocketError error) {
            qCInfo(lcLive) << "live connection error" << error << (m_socket ? m_socket->errorString() : QString());
            // A refused or failed connection does not always report disconnected().
            if (m_socket && m_socket->state() == QAbstractSocket::UnconnectedState)
                dropConnection();
        });
    QNetworkRequest request(liveUrl(m_server));
    request.setHeader(QNetworkRequest::UserAgentHeader, ApiClient::userAgent());
    setState(State::Connecting);
    // The watchdog also bounds the opening handshake.
    m_watchdog->start();
    m_socket->open(request);
}

void LiveClient::onConnected()
{
    m_sentSince = m_store ? m_store->lastSeq() : -1;
    QJsonObject hello{{u"type"_s, u"hello"_s}, {u"token"_s, m_token}, {u"since"_s, m_sentSince}};
    if (!m_departments.isEmpty()) {
        QJsonArray departments;
        for (qint64 d : std::as_const(m_departments))
            departments.append(d);
        hello.insert(u"departments"_s, departments);
    }
    if (!m_categories.isEmpty())
        hello.insert(u"categories"_s, QJsonArray::fromStringList(m_categories));
    m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(hello).toJson(QJsonDocument::Compact)));
    m_pingTimer->start();
    heardFromServer();
}

void LiveClient::onDisconnected()
{
    const auto code = m_socket ? static_cast<quint16>(m_socket->closeCode()) : quint16(0);
    const QString reason = m_socket ? m_socket->closeReason() : QString();
    if (code == kCloseAuth) {
        // Retrying with the same token cannot succeed.
        stop();
        Q_EMIT authenticationFailed(reason);
        return;
    }
    dropConnection();
}

void LiveClient::heardFromServer()
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        m_watchdog->start();
}

void LiveClient::onMessage(const QString &text)
{
    heardFromServer();
    const QJsonObject m = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = m.value(u"type"_s).toString();
    if (type == u"event"_s && m.contains(u"information_item"_s)) {
        // An item of an information category: the "Public information" view shows it.
        const auto item = informationItemFromJson(m.value(u"information_item"_s).toObject());
        const qint64 seq = m.value(u"seq"_s).toInteger();
        if (m_store && item && seq > m_store->lastSeq()) {
            m_store->upsertInformationItem(*item);
            m_store->setLastSeq(seq);
        }
    } else if (type == u"event"_s && m.contains(u"request"_s)) {
        // A certificate or programme request (docs/EDIMOTIS.md): the request queue shows it.
        const auto request = requestCaseFromJson(m.value(u"request"_s).toObject());
        const qint64 seq = m.value(u"seq"_s).toInteger();
        if (m_store && request && seq > m_store->lastSeq()) {
            m_store->upsertCitizenRequest(*request);
            m_store->setLastSeq(seq);
        }
    } else if (type == u"event"_s && m.contains(u"catalog"_s)) {
        // An administrator changed departments, categories or staff users: read that table again,
        // so a new category or field is in this desk's forms and filters at once.
        const qint64 seq = m.value(u"seq"_s).toInteger();
        if (m_store && seq > m_store->lastSeq())
            m_store->setLastSeq(seq);
        const QString changed = m.value(u"catalog"_s).toObject().value(u"changed"_s).toString();
        if (m_api && changed == u"departments")
            m_api->departments();
        else if (m_api && changed == u"categories")
            m_api->categories();
        else if (m_api && changed == u"users")
            m_api->users();
    } else if (type == u"event"_s) {
        const auto report = reportFromStaffJson(m.value(u"report"_s).toObject());
        if (!report || !m.value(u"seq"_s).isDouble()) {
            qCWarning(lcLive) << "ignoring an event that cannot be read";
            return;
        }
        if (m_store)
            m_store->applyEvent(m.value(u"seq"_s).toInteger(), *report);
    } else if (type == u"welcome"_s) {
        m_attempt = 0;
        const qint64 lastSeq = m.value(u"last_seq"_s).toInteger();
        if (!m_store)
            return;
        if (m_sentSince < 0) {
            // No cached data: events after last_seq arrive on this connection and are applied
            // on top of the reports loaded now (the store keeps the higher version of each).
            m_store->setLastSeq(lastSeq);
            setState(State::Live);
            reload();
        } else if (m_sentSince > lastSeq) {
            // The server has fewer events than the store applied: its database was replaced.
            // The cached reports belong to another history.
            qCWarning(lcLive) << "the server's event log ends at" << lastSeq << "before the cached" << m_sentSince
                              << ": reloading everything";
            m_store->clear();
            m_store->setLastSeq(lastSeq);
            Q_EMIT resyncStarted(u"history"_s);
            reload();
        }
    } else if (type == u"live"_s) {
        setState(State::Live);
    } else if (type == u"resync"_s) {
        const QString reason = m.value(u"reason"_s).toString();
        if (reason == u"gap"_s && m_store) {
            m_store->setLastSeq(m.value(u"last_seq"_s).toInteger());
            Q_EMIT resyncStarted(reason);
            reload();
        }
        // "overflow": the server closes the connection; the reconnect resumes from lastSeq.
    } else if (type == u"error"_s) {
        qCWarning(lcLive) << "the live stream refused us:" << m.value(u"message"_s).toString();
    }
}

void LiveClient::reload()
{
    if (m_api) {
        m_api->loadAllReports();
        m_api->loadCitizenRequests();
    }
}

void LiveClient::scheduleReconnect()
{
    if (!m_running || m_reconnectTimer->isActive())
        return;
    const int base = std::min(m_maxBackoffMs, kInitialBackoffMs << std::min(m_attempt, 5));
    // Jitter keeps a room full of clients from reconnecting in step after a server restart.
    const int jitter = static_cast<int>(QRandomGenerator::global()->bounded(base / 4 + 1));
    ++m_attempt;
    m_reconnectTimer->start(base + jitter);
}

void LiveClient::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace dimos
