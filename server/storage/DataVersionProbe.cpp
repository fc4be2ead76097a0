#include "DataVersionProbe.h"

#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#include <algorithm>
#include <ctime>

#include "server/storage/Database.h"
#include "server/storage/StorageError.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
qint64 coarseNowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts); // a read of the vDSO page, no system call
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}
} // namespace

DataVersionProbe::DataVersionProbe(Database &db, int otherWritersEveryMs)
    : m_everyNs(qint64(std::max(0, otherWritersEveryMs)) * 1'000'000)
{
    const QVariant handle = db.connection().driver() ? db.connection().driver()->handle() : QVariant();
    if (db.dialect() != SqlDialect::Sqlite || !handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        throw StorageError(u"the data version needs an open SQLite connection"_s);
    m_handle = *static_cast<sqlite3 *const *>(handle.constData());
    if (!m_handle
        || sqlite3_prepare_v3(m_handle, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr)
            != SQLITE_OK)
        throw StorageError(u"cannot prepare PRAGMA data_version: %1"_s.arg(
            QString::fromUtf8(m_handle ? sqlite3_errmsg(m_handle) : "no connection")));
}

DataVersionProbe::~DataVersionProbe()
{
    sqlite3_finalize(m_statement);
}

DataVersionProbe::Version DataVersionProbe::read()
{
    if (m_everyNs > 0) {
        const qint64 now = coarseNowNs();
        if (now < m_nextReadNs)
            return {sqlite3_total_changes64(m_handle), m_dataVersion};
        m_nextReadNs = now + m_everyNs;
    }
    // Reset at once: a statement left open would hold a read transaction, and with it an old
    // snapshot of the database (and WAL checkpoints back).
    const int rc = sqlite3_step(m_statement);
    const qint64 dataVersion = rc == SQLITE_ROW ? sqlite3_column_int64(m_statement, 0) : -1;
    sqlite3_reset(m_statement);
    if (rc != SQLITE_ROW)
        throw StorageError(u"PRAGMA data_version failed: %1"_s.arg(QString::fromUtf8(sqlite3_errmsg(m_handle))));
    m_dataVersion = dataVersion;
    return {sqlite3_total_changes64(m_handle), dataVersion};
}

} // namespace dimos
