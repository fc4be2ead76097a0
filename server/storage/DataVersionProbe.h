#pragma once

#include <QtGlobal>

#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace dimos {

class Database;

// A value that changes whenever the database may have changed: a row written by this
// connection (sqlite3_total_changes64, committed or not — a rollback only costs the reader a
// refill) or a commit by any other connection or process, such as the dimosd CLI (PRAGMA
// data_version). The response cache asks it before every cached answer, so it goes through
// the sqlite3 C API on the connection's own handle: through QtSql the same two numbers took
// seven times the instructions, a quarter of a cached GET. SQLite only; must be destroyed
// before the Database it reads.
//
// The first number costs nothing; the second takes a read lock on the database (a handful of
// fcntl calls), which was a tenth of a cached GET's time. With otherWritersEveryMs > 0 it is
// read at most that often, so another process's commit is seen within that time, and this
// connection's own writes still at once.
class DataVersionProbe final
{
public:
    // Throws StorageError when the connection is not an open SQLite one.
    explicit DataVersionProbe(Database &db, int otherWritersEveryMs = 0);
    ~DataVersionProbe();
    Q_DISABLE_COPY_MOVE(DataVersionProbe)

    using Version = std::pair<qint64, qint64>; // (rows written here, data_version)
    Version read();

private:
    sqlite3 *m_handle = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    qint64 m_everyNs = 0;
    qint64 m_nextReadNs = 0; // CLOCK_MONOTONIC_COARSE
    qint64 m_dataVersion = -1;
};

} // namespace dimos
