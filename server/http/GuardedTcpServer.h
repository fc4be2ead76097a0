#pragma once

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include "server/http/ConnectionGuard.h"
#include "server/http/HttpLimits.h"

namespace dimos {

// The listening socket QHttpServer is bound to. Each accepted socket gets TCP_NODELAY
// (without it, replies over a few KB stall ~40 ms on Nagle + delayed ACK) and a
// ConnectionGuard; past the connection cap a client gets a short 503 instead.
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)

public:
    explicit GuardedTcpServer(const HttpLimits &limits, QObject *parent = nullptr);

    int activeConnections() const { return m_active; }
    // Given to the guard of every connection accepted from now on.
    void setFastAnswer(ConnectionGuard::FastAnswer fastAnswer) { m_fastAnswer = std::move(fastAnswer); }
    void setRefusalAnswer(ConnectionGuard::RefusalAnswer answer) { m_refusalAnswer = std::move(answer); }
    // The TCP socket under a connection that asked to be upgraded, found by its peer, once.
    // QWebSocket keeps its socket private; HttpFront pairs each upgraded QWebSocket with its
    // socket here so the live hub can frame an event once for all clients and see how much of
    // a client's backlog the kernel holds. Null if no such connection is waiting.
    QTcpSocket *takeUpgraded(const QHostAddress &peerAddress, quint16 peerPort);

Q_SIGNALS:
    void connectionClosed();

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    HttpLimits m_limits;
    int m_active = 0;
    ConnectionGuard::FastAnswer m_fastAnswer;
    ConnectionGuard::RefusalAnswer m_refusalAnswer;
    QList<QPointer<QTcpSocket>> m_upgrading; // asked to upgrade, not yet taken; a handful at most
};

} // namespace dimos
