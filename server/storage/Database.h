#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

namespace dimos {

// The SQL differences between SQLite and PostgreSQL live here and in the per-dialect
// migration folders, nowhere else: repositories write SQL both accept (RETURNING,
// ON CONFLICT, integers for booleans and epoch-millisecond times).
enum class SqlDialect { Sqlite, Postgres };

class Database;

// A statement lent by Database::cached() for one use: read it like a QSqlQuery while it is in
// scope; when it goes out of scope it is reset and goes back to the connection's cache.
class CachedQuery final
{
public:
    CachedQuery(CachedQuery &&other) noexcept = default;
    CachedQuery &operator=(CachedQuery &&) = delete;
    ~CachedQuery();
    Q_DISABLE_COPY(CachedQuery)

    bool next() { return m_query->next(); }
    QVariant value(int index) const { return m_query->value(index); }
    int numRowsAffected() const { return m_query->numRowsAffected(); }
    // Done reading: resets the statement now rather than at the end of the scope.
    void finish() { m_query->finish(); }
    operator const QSqlQuery &() const { return *m_query; }

private:
    friend class Database;
    CachedQuery(Database *db, QString sql, std::unique_ptr<QSqlQuery> query)
        : m_db(db), m_sql(std::move(sql)), m_query(std::move(query))
    { }
    Database *m_db;
    QString m_sql;
    std::unique_ptr<QSqlQuery> m_query;
};

struct DatabaseOptions
{
    SqlDialect dialect = SqlDialect::Sqlite;
    QString sqlitePath; // SQLite: the database file
    bool sqliteSynchronousFull = false; // SQLite: fsync every commit (else WAL + NORMAL)
    int busyTimeoutMs = 5000;
    // SQLite: > 0 turns the connection's automatic WAL checkpoints off and runs them every
    // this many ms from a thread of their own (WalCheckpointer), so commits never wait for one.
    int backgroundCheckpointMs = 0;
};

// One connection, used from one thread. Open more for more threads.
class WalCheckpointer;

class Database final
{
public:
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    static std::unique_ptr<Database> open(const DatabaseOptions &options, QString *error);

    SqlDialect dialect() const { return m_options.dialect; }
    QSqlDatabase &connection() { return m_db; }

    // A prepared query bound to this connection.
    QSqlQuery prepare(const QString &sql);
    // Runs an already prepared query; throws StorageError with the SQL on failure.
    static void exec(QSqlQuery &query);
    // Prepares, binds positional values, runs. Throws StorageError on failure. A null QString
    // binds as '' ; pass QVariant() for SQL NULL.
    QSqlQuery run(const QString &sql, const QVariantList &values = {});
    // Like run(), with the statement prepared once per connection and reused: SQLite takes
    // longer to parse the repositories' statements than to run them on an index. For SQL
    // whose text repeats (values bound, not written into it).
    CachedQuery cached(const QString &sql, const QVariantList &values = {});

    // "column IN (…)" for a long list of ids as ONE bound value (SQLite: json_each; PostgreSQL:
    // ANY of an array): a statement with a thousand placeholders costs more to parse than to run.
    QString idsCondition(const QString &column, const QList<qint64> &ids, QVariantList *values) const;

    // SQLite's PRAGMA data_version: changes when another connection has committed (not for
    // this connection's own commits). Lets a repository keep what it read in memory.
    qint64 dataVersion();

    // How an outermost transaction takes SQLite's write lock. Deferred: at its first write —
    // a transaction that reads first and then writes fails with "database is locked" when
    // another connection wrote in between, without waiting. Immediate: at BEGIN, waiting up to
    // the busy timeout for other writers, so read-then-write work (taking the next protocol
    // number) is safe across connections. PostgreSQL ignores it (its row locks do the same).
    enum class Lock { Deferred, Immediate };
    // Runs `work` in a transaction: commit if it returns, roll back if it throws.
    // Nested calls join the outer transaction (whatever its lock).
    void transaction(const std::function<void()> &work, Lock lock = Lock::Deferred);
    bool inTransaction() const { return m_depth > 0; }
    // Runs `callback` once the outermost transaction now open has committed; dropped if it
    // rolls back. Outside a transaction it runs at once. This is how a change is announced
    // (the live stream) only after it is durable.
    void afterCommit(std::function<void()> callback);

private:
    friend class CachedQuery;
    explicit Database(const DatabaseOptions &options);
    static void bind(QSqlQuery &query, int position, const QVariant &value);
    void release(const QString &sql, std::unique_ptr<QSqlQuery> query);
    DatabaseOptions m_options;
    QString m_connectionName;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    QSqlDatabase m_db;
    int m_depth = 0;
    std::vector<std::function<void()>> m_afterCommit;
    // Idle prepared statements by SQL text (more than one when a statement is in use twice).
    std::unordered_map<QString, std::vector<std::unique_ptr<QSqlQuery>>> m_statements;
};

} // namespace dimos
