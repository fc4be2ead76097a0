#include "MailWorker.h"

#include <QLoggingCategory>

#include <algorithm>
#include <stdexcept>

#include "server/mail/FolderTransport.h"
#include "server/mail/MailDelivery.h"
#include "server/mail/SmtpTransport.h"
#include "server/storage/StorageError.h"
#include "shared/util/Clock.h"

Q_DECLARE_LOGGING_CATEGORY(lcMail)

namespace dimos {

namespace {
constexpr qint64 kPruneEveryMs = 3600 * 1000;
} // namespace

MailWorker::MailWorker(DatabaseOptions database, MailSettings settings, QString folder, const Clock &clock, int pollMs)
    : m_database(std::move(database)), m_settings(std::move(settings)), m_clock(clock), m_pollMs(std::max(10, pollMs))
{
    m_database.backgroundCheckpointMs = 0; // the serving connection's checkpointer does that
    if (m_settings.mode == MailSettings::Mode::Folder)
        m_transport = std::make_unique<FolderTransport>(std::move(folder));
    else
        m_transport = std::make_unique<SmtpTransport>(m_settings);
    m_running.store(true);
    m_thread = std::thread([this] { run(); });
}

MailWorker::~MailWorker()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_transport->requestStop();
    m_wake.notify_one();
    m_thread.join();
}

void MailWorker::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wake.notify_one();
}

void MailWorker::run()
{
    std::unique_ptr<Database> db;
    std::unique_ptr<MailDelivery> delivery;
    qint64 lastPrune = 0;
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        m_woken = false;
        lock.unlock();
        qint64 waitMs = m_pollMs;
        try {
            if (!db) {
                QString error;
                db = Database::open(m_database, &error);
                if (!db)
                    throw std::runtime_error(error.toStdString());
                delivery = std::make_unique<MailDelivery>(*db, *m_transport, m_clock, m_settings);
            }
            delivery->runDue();
            const qint64 now = m_clock.nowMs();
            if (now - lastPrune >= kPruneEveryMs) {
                if (const int pruned = delivery->prune(); pruned > 0)
                    qCInfo(lcMail) << "deleted" << pruned << "sent or failed mails older than mail/keep_days";
                lastPrune = now;
            }
            if (const auto due = delivery->nextDueMs())
                waitMs = std::clamp<qint64>(*due - now, 10, m_pollMs);
        } catch (const std::exception &e) {
            // The database is busy or gone: try again at the next poll, not in a tight loop.
            qCWarning(lcMail) << "mail worker:" << e.what() << "- trying again in" << m_pollMs / 1000 << "s";
        }
        m_passes.fetch_add(1);
        lock.lock();
        m_wake.wait_for(lock, std::chrono::milliseconds(waitMs), [this] { return m_stop || m_woken; });
    }
    lock.unlock();
    delivery.reset();
    db.reset(); // closed on the thread that opened it
    m_running.store(false);
}

} // namespace dimos
