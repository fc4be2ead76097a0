#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>
#include <vector>

namespace dimos {

// The SQL differences between SQLite and PostgreSQL live here and in the per-dialect
// migration folders, nowhere else: repositories write SQL both accept (RETURNING,
// ON CONFLICT, integers for booleans and epoch-millisecond times).
enum class SqlDialect { Sqlite, Postgres };

struct DatabaseOptions
{
    SqlDialect dialect = SqlDialect::Sqlite;
    QString sqlitePath; // SQLite: the database file
    bool sqliteSynchronousFull = false; // SQLite: fsync every commit (else WAL + NORMAL)
    int busyTimeoutMs = 5000;
};

// One connection, used from one thread. Open more for more threads.
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

    // "column IN (…)" for a long list of ids as ONE bound value (SQLite: json_each; PostgreSQL:
    // ANY of an array): a statement with a thousand placeholders costs more to parse than to run.
    QString idsCondition(const QString &column, const QList<qint64> &ids, QVariantList *values) const;

    // Runs `work` in a transaction: commit if it returns, roll back if it throws.
    // Nested calls join the outer transaction.
    void transaction(const std::function<void()> &work);
    bool inTransaction() const { return m_depth > 0; }
    // Runs `callback` once the outermost transaction now open has committed; dropped if it
    // rolls back. Outside a transaction it runs at once. This is how a change is announced
    // (the live stream) only after it is durable.
    void afterCommit(std::function<void()> callback);

private:
    explicit Database(const DatabaseOptions &options);
    DatabaseOptions m_options;
    QString m_connectionName;
    QSqlDatabase m_db;
    int m_depth = 0;
    std::vector<std::function<void()>> m_afterCommit;
};

} // namespace dimos
