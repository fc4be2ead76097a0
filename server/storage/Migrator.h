#pragma once

#include <QList>
#include <QString>

namespace dimos {

class Database;

// Forward-only numbered migrations, one SQL file each per dialect
// (server/storage/migrations/<dialect>/NNNN_name.sql, compiled in as resources). Each runs
// in one transaction that also stores the new version, so a crash leaves the schema at the
// old version or the new one, never between. A database newer than this binary is refused.
class Migrator final
{
public:
    explicit Migrator(Database &db);

    struct Migration
    {
        int version = 0;
        QString name;
        QString resourcePath;
    };

    QList<Migration> available() const;
    int latestVersion() const;
    // -1 when the schema_version table cannot be read.
    int currentVersion() const;

    // Brings the schema to latestVersion(). Returns false with *error set when the database
    // is newer than this binary or a migration failed (that migration is rolled back).
    bool migrate(QString *error, QStringList *applied = nullptr);

    // Splits a migration file into statements (";" at a line end ends a statement; "--"
    // comment lines are dropped).
    static QStringList splitStatements(const QString &sql);

private:
    Database &m_db;
};

} // namespace dimos
