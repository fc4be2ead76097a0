#include "ReportFilterModel.h"

#include "client/models/ReportTableModel.h"
#include "shared/text/SearchFold.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

namespace dimos {

ReportFilterModel::ReportFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ReportTableModel::SortRole);
    setSortLocaleAware(true);
    setDynamicSortFilter(true);
}

ReportFilterModel::~ReportFilterModel() = default;

void ReportFilterModel::setStatuses(const QList<ReportStatus> &statuses)
{
    m_statuses = statuses;
    invalidateFilter();
}

void ReportFilterModel::setCategories(const QStringList &codes)
{
    m_categories = codes;
    invalidateFilter();
}

void ReportFilterModel::setDepartments(const QList<qint64> &departmentIds)
{
    m_departments = departmentIds;
    invalidateFilter();
}

void ReportFilterModel::setAssigneeFilter(AssigneeFilter filter, qint64 clerkId)
{
    m_assigneeFilter = filter;
    m_clerkId = clerkId;
    invalidateFilter();
}

void ReportFilterModel::setPriorities(const QList<Priority> &priorities)
{
    m_priorities = priorities;
    invalidateFilter();
}

void ReportFilterModel::setMaxAgeDays(int days)
{
    m_maxAgeDays = std::max(0, days);
    invalidateFilter();
}

void ReportFilterModel::setSearchText(const QString &text)
{
    m_searchWords = foldForSearch(text).split(u' ', Qt::SkipEmptyParts);
    invalidateFilter();
}

void ReportFilterModel::clearFilters()
{
    m_statuses.clear();
    m_categories.clear();
    m_departments.clear();
    m_assigneeFilter = AssigneeFilter::Any;
    m_clerkId = 0;
    m_priorities.clear();
    m_maxAgeDays = 0;
    m_searchWords.clear();
    invalidateFilter();
}

bool ReportFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    const QModelIndex index = source->index(sourceRow, 0, sourceParent);
    if (!m_statuses.isEmpty() && !m_statuses.contains(index.data(ReportTableModel::StatusRole).value<ReportStatus>()))
        return false;
    if (!m_priorities.isEmpty() && !m_priorities.contains(index.data(ReportTableModel::PriorityRole).value<Priority>()))
        return false;
    if (!m_categories.isEmpty() && !m_categories.contains(index.data(ReportTableModel::CategoryRole).toString()))
        return false;
    if (!m_departments.isEmpty()) {
        const QVariant department = index.data(ReportTableModel::DepartmentRole);
        if (!department.isValid() || !m_departments.contains(department.toLongLong()))
            return false;
    }
    if (m_assigneeFilter != AssigneeFilter::Any) {
        const QVariant assignee = index.data(ReportTableModel::AssigneeRole);
        if (m_assigneeFilter == AssigneeFilter::Unassigned && assignee.isValid())
            return false;
        if (m_assigneeFilter == AssigneeFilter::Clerk && (!assignee.isValid() || assignee.toLongLong() != m_clerkId))
            return false;
    }
    if (m_maxAgeDays > 0) {
        const auto *table = qobject_cast<const ReportTableModel *>(source);
        const qint64 now = table ? table->clock().nowMs() : Clock::system().nowMs();
        const qint64 requested = index.data(ReportTableModel::RequestedRole).toLongLong();
        if (now - requested > qint64(m_maxAgeDays) * 24 * 3600 * 1000)
            return false;
    }
    if (!m_searchWords.isEmpty()) {
        const QString haystack = index.data(ReportTableModel::SearchTextRole).toString();
        for (const QString &word : m_searchWords)
            if (!haystack.contains(word))
                return false;
    }
    return true;
}

} // namespace dimos
