#include "RateLimiter.h"

#include "shared/util/Clock.h"

namespace dimos {

RateLimiter::RateLimiter(const Clock &clock, int maxEvents, qint64 windowMs)
    : m_clock(clock), m_maxEvents(maxEvents), m_windowMs(windowMs)
{ }

void RateLimiter::prune(QList<qint64> &events, qint64 now) const
{
    while (!events.isEmpty() && events.first() <= now - m_windowMs)
        events.removeFirst();
}

int RateLimiter::retryAfterSeconds(const QString &key)
{
    const qint64 now = m_clock.nowMs();
    auto it = m_events.find(key);
    if (it == m_events.end())
        return 0;
    prune(*it, now);
    if (it->size() < m_maxEvents)
        return 0;
    const qint64 waitMs = it->first() + m_windowMs - now;
    return static_cast<int>((waitMs + 999) / 1000);
}

void RateLimiter::record(const QString &key)
{
    const qint64 now = m_clock.nowMs();
    m_events[key].append(now);
    // Drop keys that went quiet, so memory follows the active set, not history.
    if (now - m_lastSweepMs > m_windowMs) {
        m_lastSweepMs = now;
        for (auto it = m_events.begin(); it != m_events.end();) {
            prune(*it, now);
            it = it->isEmpty() ? m_events.erase(it) : std::next(it);
        }
    }
}

} // namespace dimos
