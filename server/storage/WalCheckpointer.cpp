#include "WalCheckpointer.h"

#include <QLoggingCategory>

#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcCheckpoint, "dimos.storage.checkpoint")

namespace dimos {

WalCheckpointer::WalCheckpointer(const QString &sqlitePath, int intervalMs)
    : m_path(sqlitePath), m_intervalMs(std::max(10, intervalMs))
{
    m_thread = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void WalCheckpointer::nudge()
{
    {
        std::lock_guard lock(m_mutex);
        m_nudged = true;
    }
    m_wake.notify_one();
}

void WalCheckpointer::run()
{
    sqlite3 *db = nullptr;
    const QByteArray path = m_path.toUtf8();
    if (sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        qCWarning(lcCheckpoint).noquote() << "cannot open" << m_path << "for checkpoints:" << sqlite3_errmsg(db)
                                          << "- SQLite's automatic checkpoints stay off, the WAL file will grow";
        sqlite3_close(db);
        return;
    }
    sqlite3_busy_timeout(db, 5000);
    auto checkpoint = [&](int mode) {
        // A connection learns that the file is in WAL mode by reading it; until then a
        // checkpoint reports success and does nothing.
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
        int logFrames = 0, moved = 0;
        const int rc = sqlite3_wal_checkpoint_v2(db, nullptr, mode, &logFrames, &moved);
        if (rc == SQLITE_OK && moved >= 0) {
            m_checkpoints.fetch_add(1);
            m_pagesMoved.fetch_add(moved);
        } else if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) {
            qCWarning(lcCheckpoint).noquote() << "checkpoint of" << m_path << "failed:" << sqlite3_errmsg(db);
        }
    };
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        m_wake.wait_for(lock, std::chrono::milliseconds(m_intervalMs), [this] { return m_stop || m_nudged; });
        if (m_stop)
            break;
        m_nudged = false;
        lock.unlock();
        checkpoint(SQLITE_CHECKPOINT_PASSIVE);
        lock.lock();
    }
    lock.unlock();
    // Leave a short log behind: the next start (and a backup of the file) finds it all in the database.
    checkpoint(SQLITE_CHECKPOINT_TRUNCATE);
    sqlite3_close(db);
}

} // namespace dimos
