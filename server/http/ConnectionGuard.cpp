#include "ConnectionGuard.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QMetaMethod>
#include <QTcpSocket>

#include <sys/socket.h>

#include <algorithm>

#include "server/http/ApiError.h"
#include "server/http/HttpTypes.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcGuard, "dimos.http.guard")

namespace dimos {

namespace {
constexpr int kLingerMs = 3000;
// QIODevice's buffer keeps (rather than frees and reallocates) a block no larger than this.
constexpr qint64 kDiscardBlock = 16 * 1024;
} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits, FastAnswer fastAnswer)
    : QObject(socket), m_socket(socket), m_limits(limits), m_framer(limits), m_fastAnswer(std::move(fastAnswer))
{
    connect(socket, &QIODevice::readyRead, this, &ConnectionGuard::onReadyRead);
    connect(socket, &QIODevice::bytesWritten, this, &ConnectionGuard::restartIdleTimer);
    m_idleTimer.setSingleShot(true);
    m_headTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    connect(&m_headTimer, &QTimer::timeout, this, [this] {
        if (m_framer.inRequest())
            reject(408, u"the request did not arrive in time"_s);
    });
    restartIdleTimer();
}

ConnectionGuard *ConnectionGuard::of(QTcpSocket *socket)
{
    return socket->findChild<ConnectionGuard *>(QString(), Qt::FindDirectChildrenOnly);
}

std::optional<RequestFramer::Head> ConnectionGuard::takeHead()
{
    if (m_heads.isEmpty())
        return std::nullopt;
    return m_heads.takeFirst();
}

bool ConnectionGuard::idle() const
{
    return m_heads.isEmpty() && !m_framer.inRequest();
}

void ConnectionGuard::closeWhenIdle()
{
    m_closeWhenIdle = true;
    if (idle() && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->disconnectFromHost();
}

void ConnectionGuard::restartIdleTimer()
{
    if (!m_framer.passive() && !m_lingering)
        m_idleTimer.start(m_limits.idleTimeoutMs);
}

void ConnectionGuard::onReadyRead()
{
    if (m_lingering) {
        discardInput(); // the answer has been given
        return;
    }
    if (m_framer.passive() || m_framer.failed())
        return;
    restartIdleTimer();
    const bool wasInRequest = m_framer.inRequest();
    // QHttpServer drains the socket after us on every readyRead, so what is available now is
    // exactly what it has not seen yet.
    const QByteArray fresh = m_socket->peek(m_socket->bytesAvailable());
    const QList<RequestFramer::Event> events = m_framer.feed(fresh);
    // Requests answered here must be whole requests that QHttpServer has not started on: none
    // of its heads pending, no partial request before this read, and only up to the first
    // request it must see.
    bool answering = m_fastAnswer && m_heads.isEmpty() && !wasInRequest && !m_closeWhenIdle;
    qsizetype answeredUpTo = 0;
    for (const RequestFramer::Event &e : events) {
        if (e.type == RequestFramer::Event::Type::Error) {
            consumeAnswered(answeredUpTo);
            reject(e.status, e.message, e.head.method.isEmpty() ? nullptr : &e.head);
            return;
        }
        RequestFramer::Head head = e.head;
        head.client = clientAddress(m_socket->peerAddress(), head.forwardedFor, m_limits.trustedProxies);
        if (answering) {
            const bool plain = (head.method == "GET" || head.method == "HEAD") && head.keepAlive && !head.upgrade
                && !head.expectContinue && !head.chunked && head.contentLength == 0;
            if (std::optional<QByteArray> answer = plain ? m_fastAnswer(head) : std::nullopt) {
                m_socket->write(*answer);
                answeredUpTo = e.end;
                continue;
            }
            answering = false;
        }
        if (e.head.expectContinue)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        m_heads.append(head);
        m_headTimer.stop();
    }
    consumeAnswered(answeredUpTo);
    if (m_framer.passive()) {
        // Upgraded to a WebSocket: from here on the bytes are QWebSocket's, and the live hub
        // watches the connection. Gone once HttpFront has taken the upgrade request's head
        // (later in this same readyRead), so an idle live client does not keep two timers,
        // a framer and three signal connections for nothing.
        m_idleTimer.stop();
        m_headTimer.stop();
        QObject::disconnect(m_socket, nullptr, this, nullptr);
        Q_EMIT upgrading(m_socket);
        deleteLater();
        return;
    }
    if (m_framer.inRequest() && (!wasInRequest || !events.isEmpty()) && !m_headTimer.isActive())
        m_headTimer.start(m_limits.headerTimeoutMs);
}

void ConnectionGuard::consumeAnswered(qsizetype bytes)
{
    if (bytes <= 0)
        return;
    // QHttpServer 6.4 reads inside a QIODevice transaction that it starts on every readyRead
    // and commits only when a request is complete; one it started on an earlier read holds no
    // bytes of a request here (nothing was pending). Reading inside it would keep every
    // answered request in the socket's buffer until QHttpServer next completes one — maybe never.
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    const qint64 skipped = m_socket->skip(bytes);
    Q_ASSERT(skipped == bytes);
    Q_UNUSED(skipped);
}

QHostAddress ConnectionGuard::clientAddress(
    const QHostAddress &peer, QByteArrayView forwardedFor, const QList<std::pair<QHostAddress, int>> &trustedProxies)
{
    auto trusted = [&](const QHostAddress &a) {
        return std::any_of(trustedProxies.begin(), trustedProxies.end(),
            [&](const auto &subnet) { return a.isInSubnet(subnet.first, subnet.second); });
    };
    QHostAddress client = peer;
    if (trustedProxies.isEmpty())
        return client;
    // An IPv4 peer on a dual-stack socket arrives as ::ffff:a.b.c.d.
    bool isV4 = false;
    if (const quint32 v4 = peer.toIPv4Address(&isV4); isV4)
        client = QHostAddress(v4);
    const QList<QByteArray> hops = forwardedFor.toByteArray().split(',');
    for (qsizetype i = hops.size() - 1; i >= 0 && trusted(client); --i) {
        const QByteArray hop = hops[i].trimmed();
        // Only the forms proxies write: a dotted quad or IPv6 (never "2" for 0.0.0.2, say).
        if (hop.isEmpty() || hop.size() > 45 || (!hop.contains(':') && hop.count('.') != 3))
            break;
        QHostAddress next;
        if (!next.setAddress(QString::fromLatin1(hop)))
            break;
        client = next;
    }
    return client;
}

void ConnectionGuard::onTimeout()
{
    if (m_framer.inRequest()) {
        reject(408, u"the request did not arrive in time"_s);
        return;
    }
    if (m_heads.isEmpty() && m_socket->state() == QAbstractSocket::ConnectedState) {
        qCDebug(lcGuard) << "closing idle connection from" << m_socket->peerAddress();
        m_socket->disconnectFromHost();
    }
}

void ConnectionGuard::reject(int status, const QString &message, const RequestFramer::Head *head)
{
    qCInfo(lcGuard).noquote() << m_socket->peerAddress().toString() << "refused:" << status << message;
    // From here on QHttpServer must not see another byte of this connection.
    QObject::disconnect(m_socket, QMetaMethod::fromSignal(&QIODevice::readyRead), nullptr, QMetaMethod());
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::onReadyRead);
    m_lingering = true;
    m_idleTimer.stop();
    m_headTimer.stop();
    m_heads.clear();

    ApiError::Kind kind = ApiError::Kind::BadRequest;
    if (status == 413)
        kind = ApiError::Kind::PayloadTooLarge;
    else if (status >= 500)
        kind = ApiError::Kind::Internal;
    std::optional<QByteArray> answer;
    if (head && m_refusalAnswer) {
        RequestFramer::Head seen = *head;
        seen.client = clientAddress(m_socket->peerAddress(), seen.forwardedFor, m_limits.trustedProxies);
        answer = m_refusalAnswer(seen, status);
    }
    if (!answer)
        answer = serializeResponse(HttpResponse::json(errorBody(ApiError(kind, message)), status), false, false);
    m_socket->write(*answer);
    // What still comes is read into one small block that is reused, never into a fresh buffer
    // per read: a client streaming a gigabyte at us must not cost memory (or allocator churn).
    // QHttpServer reads a request inside a QIODevice transaction, which keeps every byte read
    // since it started; end it, or nothing read from here on would ever be let go.
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->setReadBufferSize(kDiscardBlock);
    discardInput();
    lingerAndClose();
}

void ConnectionGuard::discardInput()
{
    // Through a block on the stack: no copy on the heap. read(), unlike skip(), also lets a
    // socket whose read buffer was full ask the kernel for more.
    char sink[kDiscardBlock];
    while (m_socket->read(sink, sizeof sink) > 0) { }
}

void ConnectionGuard::lingerAndClose()
{
    // Closing a socket with unread input makes the kernel send RST, which can destroy the
    // answer before the client reads it. Like nginx's lingering close: finish writing, shut
    // down our sending side, discard input for a while, then close.
    auto shutdownWrite = [this, done = false]() mutable {
        if (done || m_socket->bytesToWrite() > 0)
            return;
        done = true;
        ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
        QTimer::singleShot(kLingerMs, m_socket, [s = m_socket] { s->abort(); });
    };
    auto shared = std::make_shared<decltype(shutdownWrite)>(shutdownWrite);
    connect(m_socket, &QIODevice::bytesWritten, this, [shared] { (*shared)(); });
    m_socket->flush();
    (*shared)();
}

} // namespace dimos
