#pragma once

#include <QList>
#include <QSortFilterProxyModel>
#include <QString>
#include <QStringList>

#include <optional>

#include "shared/domain/Report.h"

namespace dimos {

// The queue's filters and sort order over ReportTableModel. Every filter left at its default
// lets everything through; the filters combine with AND. Text search folds both sides
// (foldForSearch): "σερρες" finds "Σέρρες", and every word of the query must occur in the
// report's description, address, number or category name.
class ReportFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportFilterModel)

public:
    enum class AssigneeFilter { Any, Unassigned, Clerk };
    Q_ENUM(AssigneeFilter)

    explicit ReportFilterModel(QObject *parent = nullptr);
    ~ReportFilterModel() override;

    // Empty: every status.
    void setStatuses(const QList<ReportStatus> &statuses);
    QList<ReportStatus> statuses() const { return m_statuses; }
    // Empty: every category.
    void setCategories(const QStringList &codes);
    // Empty: every department.
    void setDepartments(const QList<qint64> &departmentIds);
    // Clerk: the reports assigned to `clerkId`.
    void setAssigneeFilter(AssigneeFilter filter, qint64 clerkId = 0);
    // Empty: every priority.
    void setPriorities(const QList<Priority> &priorities);
    // Reports filed at most this many days ago; 0: any age.
    void setMaxAgeDays(int days);
    void setSearchText(const QString &text);
    void clearFilters();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QList<ReportStatus> m_statuses;
    QStringList m_categories;
    QList<qint64> m_departments;
    AssigneeFilter m_assigneeFilter = AssigneeFilter::Any;
    qint64 m_clerkId = 0;
    QList<Priority> m_priorities;
    int m_maxAgeDays = 0;
    QStringList m_searchWords; // folded
};

} // namespace dimos
