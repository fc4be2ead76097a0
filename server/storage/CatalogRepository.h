#pragma once

#include <QList>
#include <QString>

#include <optional>

#include "shared/domain/Category.h"
#include "shared/domain/Department.h"

namespace dimos {

class Database;

// Departments and categories (Open311 services) with their attribute definitions.
// Every Open311 request and every new report reads the catalog, and it changes rarely: the
// whole of it is kept in memory and read again when this repository writes it or another
// connection (another dimosd command) has committed anything (SQLite's data_version).
class CatalogRepository final
{
public:
    explicit CatalogRepository(Database &db) : m_db(db) { }

    QList<Department> departments() const;
    std::optional<Department> department(qint64 id) const;
    std::optional<Department> departmentByCode(const QString &code) const;
    qint64 insertDepartment(const Department &d, qint64 nowMs);
    void updateDepartment(const Department &d, qint64 nowMs);

    // activeOnly: what citizens and Open311 clients see.
    QList<Category> categories(bool activeOnly) const;
    std::optional<Category> category(const QString &code) const;
    void insertCategory(const Category &c, qint64 nowMs);
    // Replaces the category and its attribute definitions. Values already stored for an
    // attribute that is removed stay in the reports they belong to.
    void updateCategory(const Category &c, qint64 nowMs);

private:
    struct Snapshot
    {
        QList<Department> departments;
        QList<Category> categories; // all, active or not, in display order
        qint64 dataVersion = 0;
    };
    const Snapshot &snapshot() const;
    void changed();
    void writeAttributes(const Category &c);
    QList<Category> load(const QString &where, const QVariantList &values) const;
    Database &m_db;
    mutable std::optional<Snapshot> m_snapshot;
    mutable Snapshot m_uncommitted; // read inside a transaction that changed the catalog: not kept
    mutable bool m_changedInTransaction = false;
};

} // namespace dimos
