#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "server/mail/MailSettings.h"
#include "server/storage/Database.h"

namespace dimos {

class Clock;
class MailTransport;

// Sends the outbox (MailDelivery) from a thread of its own, so an SMTP session — seconds, or a
// minute against a stalled server — never blocks dimosd's event loop. The thread opens its own
// database connection (Qt SQL connections belong to the thread that made them) and wakes when
// told that mail was queued (wake(), called by MailOutbox after the commit), when the next
// retry is due, and every `pollMs` in any case (mail written by another process: the CLI, a
// second dimosd). The destructor stops it: a send in progress is cut off unless the message
// was already handed over (then it gets SmtpTransport::kStopGraceMs for the answer), and the
// thread is joined.
//
// `clock` must stay valid, and be safe to read from another thread, while the worker runs
// (Clock::system() and ManualClock are).
class MailWorker final
{
public:
    MailWorker(
        DatabaseOptions database, MailSettings settings, QString folder, const Clock &clock, int pollMs = 60'000);
    ~MailWorker();
    MailWorker(const MailWorker &) = delete;
    MailWorker &operator=(const MailWorker &) = delete;

    // Mail was queued, or the clock moved (tests): look now. Any thread.
    void wake();
    // Passes over the outbox so far (each after a wake, a due retry or the poll).
    qint64 passes() const { return m_passes.load(); }
    bool running() const { return m_running.load(); }

private:
    void run();

    DatabaseOptions m_database;
    MailSettings m_settings;
    const Clock &m_clock;
    int m_pollMs;
    std::unique_ptr<MailTransport> m_transport;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_woken = false;
    std::atomic<qint64> m_passes{0};
    std::atomic<bool> m_running{false};
    std::thread m_thread;
};

} // namespace dimos
