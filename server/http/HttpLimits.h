#pragma once

#include <QHostAddress>
#include <QList>
#include <QtGlobal>

#include <utility>

namespace dimos {

// Limits the socket front enforces before QHttpServer sees a byte (it has none of its own).
struct HttpLimits
{
    int maxConnections = 2048;
    int listenBacklog = 4096;
    qint64 maxHeaderBytes = 16 * 1024;
    qint64 maxBodyBytes = 48 * 1024 * 1024;
    int idleTimeoutMs = 30'000; // a keep-alive connection with nothing to say is closed
    int headerTimeoutMs = 15'000; // a request head must arrive whole within this (slowloris)
    // Reverse proxies (address, prefix length) whose X-Forwarded-For names the client. Empty:
    // the header is ignored and the client is the peer of the TCP connection.
    QList<std::pair<QHostAddress, int>> trustedProxies;
};

} // namespace dimos
