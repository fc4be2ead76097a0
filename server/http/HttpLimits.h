#pragma once

#include <QtGlobal>

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
};

} // namespace dimos
