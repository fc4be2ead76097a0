#pragma once

#include <QtGlobal>

#include <atomic>

namespace dimos {

// Where "now" comes from. Services take a Clock so tests can move time (KeePassXC's MockClock).
class Clock
{
public:
    virtual ~Clock() = default;
    // Milliseconds since the Unix epoch, UTC.
    virtual qint64 nowMs() const = 0;

    static const Clock &system();
};

// Atomic, so a test may move it while a worker thread (the mail worker) reads it.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs) : m_now(startMs) { }
    qint64 nowMs() const override { return m_now.load(std::memory_order_relaxed); }
    void advanceMs(qint64 ms) { m_now.fetch_add(ms, std::memory_order_relaxed); }
    void setMs(qint64 ms) { m_now.store(ms, std::memory_order_relaxed); }

private:
    std::atomic<qint64> m_now;
};

} // namespace dimos
