#include "Database.h"

#include <QAtomicInt>
#include <QFileInfo>
#include <QSqlError>

#include <utility>

#include "server/storage/StorageError.h"
#include "server/storage/WalCheckpointer.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
QAtomicInt g_connectionCounter;
} // namespace

Database::Database(const DatabaseOptions &options)
    : m_options(options), m_connectionName(u"dimos-%1"_s.arg(g_connectionCounter.fetchAndAddRelaxed(1)))
{ }

Database::~Database()
{
    m_statements.clear(); // statements go before their connection
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_checkpointer.reset(); // a last checkpoint, after this connection is gone
}

std::unique_ptr<Database> Database::open(const DatabaseOptions &options, QString *error)
{
    std::unique_ptr<Database> db(new Database(options));
    if (options.dialect != SqlDialect::Sqlite) {
        *error = u"only the SQLite backend is available in this build"_s;
        return nullptr;
    }
    db->m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, db->m_connectionName);
    if (!db->m_db.isValid()) {
        *error = u"the Qt SQLite driver (QSQLITE) is not installed: install libqt6sql6-sqlite"_s;
        return nullptr;
    }
    db->m_db.setDatabaseName(options.sqlitePath);
    db->m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(options.busyTimeoutMs));
    if (!db->m_db.open()) {
        *error = u"cannot open database %1: %2"_s.arg(options.sqlitePath, db->m_db.lastError().text());
        return nullptr;
    }
    // Each pragma in its own scoped query: a live statement makes journal_mode fail.
    const QString pragmas[] = {
        u"PRAGMA journal_mode = WAL"_s,
        options.sqliteSynchronousFull ? u"PRAGMA synchronous = FULL"_s : u"PRAGMA synchronous = NORMAL"_s,
        u"PRAGMA foreign_keys = ON"_s,
        u"PRAGMA busy_timeout = %1"_s.arg(options.busyTimeoutMs),
        u"PRAGMA temp_store = MEMORY"_s,
    };
    for (const QString &pragma : pragmas) {
        QSqlQuery q(db->m_db);
        if (!q.exec(pragma)) {
            *error = u"cannot set up database %1 (%2): %3"_s.arg(options.sqlitePath, pragma, q.lastError().text());
            return nullptr;
        }
        if (pragma.contains(u"journal_mode"_s) && q.next() && q.value(0).toString().toLower() != u"wal"_s) {
            *error = u"cannot switch %1 to WAL mode (is it on a network file system?)"_s.arg(options.sqlitePath);
            return nullptr;
        }
    }
    if (options.backgroundCheckpointMs > 0) {
        QSqlQuery q(db->m_db);
        if (!q.exec(u"PRAGMA wal_autocheckpoint = 0"_s)) {
            *error = u"cannot set up database %1: %2"_s.arg(options.sqlitePath, q.lastError().text());
            return nullptr;
        }
        db->m_checkpointer = std::make_unique<WalCheckpointer>(options.sqlitePath, options.backgroundCheckpointMs);
    }
    return db;
}

QSqlQuery Database::prepare(const QString &sql)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        throw StorageError(q.lastError(), u"prepare failed for: "_s + sql);
    return q;
}

void Database::exec(QSqlQuery &query)
{
    if (!query.exec())
        throw StorageError(query.lastError(), u"query failed: "_s + query.lastQuery());
}

void Database::bind(QSqlQuery &query, int position, const QVariant &value)
{
    // As in run(): a null QString binds as ''.
    if (value.typeId() == QMetaType::QString && value.toString().isNull())
        query.bindValue(position, QString(u""_s));
    else
        query.bindValue(position, value);
}

QSqlQuery Database::run(const QString &sql, const QVariantList &values)
{
    QSqlQuery q = prepare(sql);
    for (const QVariant &v : values) {
        // A null QString binds as SQL NULL; text columns want ''. NULL is an invalid QVariant.
        if (v.typeId() == QMetaType::QString && v.toString().isNull())
            q.addBindValue(QString(u""_s));
        else
            q.addBindValue(v);
    }
    exec(q);
    return q;
}

namespace {
// Distinct statements kept per connection; the repositories use a few dozen.
constexpr size_t kMaxCachedStatements = 256;
} // namespace

CachedQuery Database::cached(const QString &sql, const QVariantList &values)
{
    std::unique_ptr<QSqlQuery> q;
    const auto it = m_statements.find(sql);
    if (it != m_statements.end() && !it->second.empty()) {
        q = std::move(it->second.back());
        it->second.pop_back();
    } else {
        q = std::make_unique<QSqlQuery>(prepare(sql));
    }
    for (int i = 0; i < values.size(); ++i)
        bind(*q, i, values[i]);
    CachedQuery lease(this, sql, std::move(q)); // back to the cache even when exec throws
    exec(*lease.m_query);
    return lease;
}

void Database::release(const QString &sql, std::unique_ptr<QSqlQuery> query)
{
    query->finish(); // resets the statement: no read transaction stays open
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        if (m_statements.size() >= kMaxCachedStatements)
            return;
        it = m_statements.emplace(sql, std::vector<std::unique_ptr<QSqlQuery>>()).first;
    }
    if (it->second.size() < 4)
        it->second.push_back(std::move(query));
}

CachedQuery::~CachedQuery()
{
    if (m_query)
        m_db->release(m_sql, std::move(m_query));
}

QString Database::idsCondition(const QString &column, const QList<qint64> &ids, QVariantList *values) const
{
    if (ids.size() == 1) {
        // One id (a report by id) as a plain equality: the planner then takes the key at once,
        // where with json_each it may walk the ORDER BY's index instead.
        values->append(ids.constFirst());
        return column + u" = ?"_s;
    }
    QByteArray list;
    list.reserve(ids.size() * 8);
    for (qint64 id : ids) {
        if (!list.isEmpty())
            list += ',';
        list += QByteArray::number(id);
    }
    if (m_options.dialect == SqlDialect::Postgres) {
        values->append(QString::fromLatin1('{' + list + '}'));
        return column + u" = ANY(CAST(? AS BIGINT[]))"_s;
    }
    values->append(QString::fromLatin1('[' + list + ']'));
    return column + u" IN (SELECT value FROM json_each(?))"_s;
}

qint64 Database::dataVersion()
{
    CachedQuery q = cached(u"PRAGMA data_version"_s);
    return q.next() ? q.value(0).toLongLong() : -1;
}

void Database::transaction(const std::function<void()> &work, Lock lock)
{
    if (m_depth > 0) {
        ++m_depth;
        try {
            work();
        } catch (...) {
            --m_depth;
            throw;
        }
        --m_depth;
        return;
    }
    if (lock == Lock::Immediate && m_options.dialect == SqlDialect::Sqlite) {
        // QSqlDatabase::transaction() only says BEGIN; its commit() and rollback() just run
        // COMMIT and ROLLBACK, so they close this one as well.
        QSqlQuery begin(m_db);
        if (!begin.exec(u"BEGIN IMMEDIATE"_s))
            throw StorageError(begin.lastError(), u"cannot begin a transaction"_s);
    } else if (!m_db.transaction()) {
        throw StorageError(m_db.lastError(), u"cannot begin a transaction"_s);
    }
    m_depth = 1;
    try {
        work();
    } catch (...) {
        m_depth = 0;
        m_afterCommit.clear();
        m_db.rollback();
        throw;
    }
    m_depth = 0;
    if (!m_db.commit()) {
        const QSqlError e = m_db.lastError();
        m_afterCommit.clear();
        m_db.rollback();
        throw StorageError(e, u"commit failed"_s);
    }
    // Taken out first: a callback may open a transaction of its own.
    const std::vector<std::function<void()>> callbacks = std::exchange(m_afterCommit, {});
    for (const auto &callback : callbacks)
        callback();
}

void Database::afterCommit(std::function<void()> callback)
{
    if (m_depth == 0) {
        callback();
        return;
    }
    m_afterCommit.push_back(std::move(callback));
}

} // namespace dimos
