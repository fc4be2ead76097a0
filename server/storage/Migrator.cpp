#include "Migrator.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlQuery>

#include <algorithm>

#include "server/storage/Database.h"
#include "server/storage/StorageError.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcMigrate, "dimos.storage.migrate")

namespace dimos {

Migrator::Migrator(Database &db) : m_db(db) { }

QList<Migrator::Migration> Migrator::available() const
{
    const QString folder = m_db.dialect() == SqlDialect::Sqlite ? u":/migrations/sqlite"_s : u":/migrations/postgres"_s;
    static const QRegularExpression re(u"^(\\d{4})_([a-z0-9_]+)\\.sql$"_s);
    QList<Migration> out;
    for (const QString &file : QDir(folder).entryList(QDir::Files, QDir::Name)) {
        const auto m = re.match(file);
        if (m.hasMatch())
            out.append({m.captured(1).toInt(), m.captured(2), folder + u'/' + file});
    }
    std::sort(out.begin(), out.end(), [](const Migration &a, const Migration &b) { return a.version < b.version; });
    return out;
}

int Migrator::latestVersion() const
{
    const auto all = available();
    return all.isEmpty() ? 0 : all.last().version;
}

int Migrator::currentVersion() const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(u"SELECT version FROM schema_version"_s))
        return m_db.connection().tables().contains(u"schema_version"_s) ? -1 : 0;
    return q.next() ? q.value(0).toInt() : 0;
}

QStringList Migrator::splitStatements(const QString &sql)
{
    QStringList out;
    QString current;
    for (const QString &line : sql.split(u'\n')) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(u"--"_s) || (trimmed.isEmpty() && current.isEmpty()))
            continue;
        current += line + u'\n';
        // A trigger's body has statements of its own: it ends at "END;", not at their ';'.
        const bool trigger = current.trimmed().startsWith(u"CREATE TRIGGER"_s, Qt::CaseInsensitive);
        if (trimmed.endsWith(u';') && (!trigger || trimmed.compare(u"END;"_s, Qt::CaseInsensitive) == 0)) {
            out.append(current.trimmed());
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        out.append(current.trimmed());
    return out;
}

bool Migrator::migrate(QString *error, QStringList *applied)
{
    const int latest = latestVersion();
    int current = currentVersion();
    if (current < 0) {
        *error = u"the schema_version table exists but cannot be read; the database may be damaged"_s;
        return false;
    }
    if (current > latest) {
        *error = u"the database is at schema version %1 but this dimosd knows only up to %2: it was used by a newer "
                 u"dimosd. Install that version again or restore a backup made before the upgrade."_s.arg(current)
                     .arg(latest);
        return false;
    }
    for (const Migration &m : available()) {
        if (m.version <= current)
            continue;
        QFile file(m.resourcePath);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"migration %1 is missing from the binary"_s.arg(m.resourcePath);
            return false;
        }
        const QString sql = QString::fromUtf8(file.readAll());
        try {
            m_db.transaction([&] {
                for (const QString &statement : splitStatements(sql))
                    m_db.run(statement);
                if (current == 0 && m.version == available().first().version)
                    m_db.run(u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"_s);
                m_db.run(u"DELETE FROM schema_version"_s);
                m_db.run(u"INSERT INTO schema_version (version) VALUES (?)"_s, {m.version});
            });
        } catch (const StorageError &e) {
            *error = u"migration %1 (%2) failed and was rolled back: %3"_s.arg(m.version).arg(
                m.name, QString::fromUtf8(e.what()));
            return false;
        }
        qCInfo(lcMigrate) << "applied migration" << m.version << m.name;
        if (applied)
            applied->append(u"%1_%2"_s.arg(m.version, 4, 10, QLatin1Char('0')).arg(m.name));
        current = m.version;
    }
    return true;
}

} // namespace dimos
