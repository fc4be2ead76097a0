#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace dimos {

class Clock;

// Counts events per key in a sliding window. Used for login failures and report filing.
// In memory: a restart forgives, which is acceptable for these uses.
class RateLimiter final
{
public:
    RateLimiter(const Clock &clock, int maxEvents, qint64 windowMs);

    // Seconds to wait before the next event is allowed for `key`, 0 when allowed now.
    int retryAfterSeconds(const QString &key);
    void record(const QString &key);
    void reset(const QString &key) { m_events.remove(key); }

private:
    void prune(QList<qint64> &events, qint64 now) const;
    const Clock &m_clock;
    int m_maxEvents;
    qint64 m_windowMs;
    QHash<QString, QList<qint64>> m_events;
    qint64 m_lastSweepMs = 0;
};

} // namespace dimos
