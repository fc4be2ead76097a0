#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace dimos {

// Moves SQLite's write-ahead log into the database file from a thread of its own, so that a
// commit on the serving thread never waits for a checkpoint (copying pages and an fsync of the
// database file: tens to hundreds of milliseconds on a slow disk, seen as latency spikes in
// bench/ws). The serving connection turns its automatic checkpoints off
// (DatabaseOptions::backgroundCheckpoints); this thread runs PRAGMA wal_checkpoint(PASSIVE)
// on its own connection every `intervalMs`, which never blocks writers or readers, and a
// TRUNCATE checkpoint when it stops. Uses the sqlite3 C API directly: Qt SQL connections
// belong to the thread that made them, and this one needs nothing else from Qt.
class WalCheckpointer final
{
public:
    WalCheckpointer(const QString &sqlitePath, int intervalMs);
    ~WalCheckpointer(); // stops the thread after a last checkpoint
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // Checkpoints done, and the pages they moved, so far (for tests and metrics).
    qint64 checkpoints() const { return m_checkpoints.load(); }
    qint64 pagesMoved() const { return m_pagesMoved.load(); }
    // Wakes the thread for a checkpoint now (tests; a shutdown).
    void nudge();

private:
    void run();

    QString m_path;
    int m_intervalMs;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_nudged = false;
    std::atomic<qint64> m_checkpoints{0};
    std::atomic<qint64> m_pagesMoved{0};
    std::thread m_thread;
};

} // namespace dimos
