#pragma once

#include <QtGlobal>

namespace dimos {

// The live stream's limits ([live] in dimosd.ini).
struct LiveSettings
{
    int retentionDays = 7; // events older than this are pruned; older `since` gets resync(gap)
    qint64 maxQueueBytes = 4096LL * 1024; // unsent bytes per client before resync(overflow)
    int pingIntervalMs = 15'000;
    int silenceTimeoutMs = 45'000; // no pong or frame for this long: the peer is gone
    int helloTimeoutMs = 10'000;
    int closeGraceMs = 5'000; // a closing peer that never answers the close frame is cut off
};

} // namespace dimos
