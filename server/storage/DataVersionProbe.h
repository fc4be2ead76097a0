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
class DataVersionProbe final
{
public:
    // Throws StorageError when the connection is not an open SQLite one.
    explicit DataVersionProbe(Database &db);
    ~DataVersionProbe();
    Q_DISABLE_COPY_MOVE(DataVersionProbe)

    using Version = std::pair<qint64, qint64>; // (rows written here, data_version)
    Version read();

private:
    sqlite3 *m_handle = nullptr;
    sqlite3_stmt *m_statement = nullptr;
};

} // namespace dimos
