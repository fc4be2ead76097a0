#pragma once

#include <QTcpServer>

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

Q_SIGNALS:
    void connectionClosed();

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    HttpLimits m_limits;
    int m_active = 0;
    ConnectionGuard::FastAnswer m_fastAnswer;
};

} // namespace dimos
