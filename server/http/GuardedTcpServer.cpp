#include "GuardedTcpServer.h"

#include <QLoggingCategory>
#include <QTcpSocket>

#include "server/http/ConnectionGuard.h"
#include "server/http/HttpTypes.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTcp, "dimos.http.tcp")

namespace dimos {

namespace {

// Counts a connection for as long as its socket lives: a child of the socket, so it goes with
// it. Not through the socket's `destroyed` signal: a WebSocket upgrade disconnects every signal
// of the socket, that one included. Not through the guard either, which goes away once a
// connection becomes a WebSocket (it has nothing left to watch, and a server holds thousands
// of idle live-stream connections). A destructor rather than a signal connection, as that
// would cost another ~100 bytes per connection.
class ConnectionTicket final : public QObject
{
public:
    ConnectionTicket(QTcpSocket *socket, std::function<void()> release) : QObject(socket), m_release(std::move(release))
    { }
    ~ConnectionTicket() override { m_release(); }

private:
    std::function<void()> m_release;
};

} // namespace

GuardedTcpServer::GuardedTcpServer(const HttpLimits &limits, QObject *parent) : QTcpServer(parent), m_limits(limits)
{
    setListenBacklogSize(limits.listenBacklog);
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_active >= m_limits.maxConnections) {
        qCWarning(lcTcp) << "connection cap" << m_limits.maxConnections << "reached; refusing" << socket->peerAddress();
        HttpResponse busy = HttpResponse::text(u"The server is busy; try again in a few seconds.\n"_s, 503);
        busy.withHeader("Retry-After"_ba, "5"_ba);
        socket->write(serializeResponse(busy, false, false));
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        return;
    }
    ++m_active;
    new ConnectionTicket(socket, [server = QPointer<GuardedTcpServer>(this)] {
        if (server) {
            --server->m_active;
            Q_EMIT server->connectionClosed();
        }
    });
    auto *guard = new ConnectionGuard(socket, m_limits, m_fastAnswer);
    guard->setRefusalAnswer(m_refusalAnswer);
    connect(guard, &ConnectionGuard::upgrading, this, [this](QTcpSocket *upgraded) {
        m_upgrading.removeAll(nullptr); // refused handshakes: their sockets are gone
        m_upgrading.append(upgraded);
    });
    addPendingConnection(socket);
}

QTcpSocket *GuardedTcpServer::takeUpgraded(const QHostAddress &peerAddress, quint16 peerPort)
{
    for (qsizetype i = 0; i < m_upgrading.size(); ++i) {
        QTcpSocket *socket = m_upgrading.at(i);
        if (socket && socket->peerPort() == peerPort && socket->peerAddress() == peerAddress) {
            m_upgrading.removeAt(i);
            return socket;
        }
    }
    return nullptr;
}

} // namespace dimos
