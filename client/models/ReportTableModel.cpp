#include "ReportTableModel.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>

#include "client/map/StatusColors.h"
#include "client/store/ReportStore.h"
#include "shared/text/SearchFold.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr qint64 kHourMs = 3600LL * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;

QVariant optionalId(const std::optional<qint64> &id)
{
    return id ? QVariant(*id) : QVariant();
}

QString dateTimeText(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

} // namespace

ReportTableModel::ReportTableModel(ReportStore *store, const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent), m_store(store), m_clock(clock)
{
    connect(store, &ReportStore::reportsAdded, this, &ReportTableModel::onAdded);
    connect(store, &ReportStore::reportChanged, this, &ReportTableModel::onChanged);
    connect(store, &ReportStore::reset, this, [this] {
        beginResetModel();
        rebuild();
        endResetModel();
    });
    connect(store, &ReportStore::lookupsChanged, this, [this] {
        // Names (categories, departments, clerks) are shown and searched in the UI language.
        m_searchCache.clear();
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    });
    rebuild();
    m_timesRefreshedMs = m_clock.nowMs();
}

ReportTableModel::ReportTableModel(ReportStore *store, QObject *parent)
    : ReportTableModel(store, Clock::system(), parent)
{ }

ReportTableModel::~ReportTableModel() = default;

void ReportTableModel::refreshTimes()
{
    const qint64 before = m_timesRefreshedMs;
    const qint64 now = m_clock.nowMs();
    m_timesRefreshedMs = now;
    if (m_rows.isEmpty() || !m_store)
        return;
    for (int row = 0; row < m_rows.size(); ++row) {
        const Report *r = m_store->find(m_rows.at(row));
        if (r && isOverdue(*r, now) && !isOverdue(*r, before))
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    Q_EMIT dataChanged(index(0, Age), index(int(m_rows.size()) - 1, Age), {Qt::DisplayRole});
}

void ReportTableModel::rebuild()
{
    m_rows = m_store ? m_store->ids() : QList<qint64>();
    m_rowOf.clear();
    m_rowOf.reserve(m_rows.size());
    for (int row = 0; row < m_rows.size(); ++row)
        m_rowOf.insert(m_rows.at(row), row);
    m_searchCache.clear();
}

void ReportTableModel::onAdded(const QList<qint64> &ids)
{
    QList<qint64> fresh;
    for (qint64 id : ids)
        if (!m_rowOf.contains(id))
            fresh.append(id);
    if (fresh.isEmpty())
        return;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
    for (qint64 id : std::as_const(fresh)) {
        m_rowOf.insert(id, static_cast<int>(m_rows.size()));
        m_rows.append(id);
    }
    endInsertRows();
}

void ReportTableModel::onChanged(qint64 id)
{
    m_searchCache.remove(id);
    const int row = rowOf(id);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int ReportTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ReportTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 ReportTableModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : 0;
}

QString ReportTableModel::statusText(ReportStatus status)
{
    switch (status) {
    case ReportStatus::New:
        return tr("New");
    case ReportStatus::Acknowledged:
        return tr("Acknowledged");
    case ReportStatus::InProgress:
        return tr("In progress");
    case ReportStatus::Resolved:
        return tr("Resolved");
    case ReportStatus::Closed:
        return tr("Closed");
    case ReportStatus::Rejected:
        return tr("Rejected");
    case ReportStatus::Duplicate:
        return tr("Duplicate");
    }
    return {};
}

bool ReportTableModel::isOverdue(const Report &report, qint64 nowMs)
{
    return report.dueMs && isOpen(report.status) && *report.dueMs < nowMs;
}

QString ReportTableModel::priorityText(dimos::Priority priority)
{
    switch (priority) {
    case dimos::Priority::Low:
        return tr("Low");
    case dimos::Priority::Normal:
        return tr("Normal");
    case dimos::Priority::High:
        return tr("High");
    case dimos::Priority::Urgent:
        return tr("Urgent");
    }
    return {};
}

QString ReportTableModel::searchText(const Report &r) const
{
    auto it = m_searchCache.constFind(r.id);
    if (it != m_searchCache.constEnd())
        return *it;
    QString text = QString::number(r.id) + u' ' + r.description + u' ' + r.address + u' ' + r.serviceCode;
    if (m_store) {
        if (const dimos::Category *c = m_store->category(r.serviceCode))
            text += QString(u' ' + c->name.el + u' ' + c->name.en);
    }
    const QString folded = foldForSearch(text);
    m_searchCache.insert(r.id, folded);
    return folded;
}

QString ReportTableModel::displayText(const Report &r, int column) const
{
    switch (column) {
    case Id:
        return QString::number(r.id);
    case Status:
        return statusText(r.status);
    case Priority:
        return priorityText(r.priority);
    case Category:
        return m_store->categoryName(r.serviceCode);
    case Department:
        return r.departmentId ? m_store->departmentName(*r.departmentId) : tr("None");
    case Assignee:
        return r.assigneeId ? m_store->userName(*r.assigneeId) : tr("Unassigned");
    case Address:
        if (!r.address.isEmpty())
            return r.address;
        if (r.hasLocation)
            return QString(QLocale().toString(r.lat, 'f', 5) + u", "_s + QLocale().toString(r.lon, 'f', 5));
        return tr("No location");
    case Requested:
        return dateTimeText(r.requestedMs);
    case Updated:
        return dateTimeText(r.updatedMs);
    case Age: {
        const qint64 age = std::max<qint64>(0, m_clock.nowMs() - r.requestedMs);
        if (age < kDayMs)
            return tr("%n hour(s)", nullptr, static_cast<int>(age / kHourMs));
        return tr("%n day(s)", nullptr, static_cast<int>(age / kDayMs));
    }
    default:
        return {};
    }
}

QVariant ReportTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_store)
        return {};
    const Report *r = m_store->find(m_rows.at(index.row()));
    if (!r)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayText(*r, index.column());
    case Qt::ToolTipRole:
        if (isOverdue(*r, m_clock.nowMs()))
            return QString(tr("Overdue: due %1").arg(dateTimeText(*r->dueMs)) + u"\n"_s + r->description);
        return r->description;
    case Qt::BackgroundRole:
        // Past the category's service level: the whole row stands out in the queue.
        if (isOverdue(*r, m_clock.nowMs()))
            return QColor(0xfd, 0xe2, 0xe1);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Age && isOverdue(*r, m_clock.nowMs()))
            return QColor(0x9b, 0x1c, 0x1c);
        return {};
    case DueRole:
        return r->dueMs ? QVariant(*r->dueMs) : QVariant();
    case OverdueRole:
        return isOverdue(*r, m_clock.nowMs());
    case Qt::DecorationRole:
        if (index.column() == Status)
            return statusColor(r->status);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Id || index.column() == Age)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return r->id;
    case StatusRole:
        return QVariant::fromValue(r->status);
    case PriorityRole:
        return QVariant::fromValue(r->priority);
    case CategoryRole:
        return r->serviceCode;
    case DepartmentRole:
        return optionalId(r->departmentId);
    case AssigneeRole:
        return optionalId(r->assigneeId);
    case RequestedRole:
        return r->requestedMs;
    case UpdatedRole:
        return r->updatedMs;
    case ReportRole:
        return QVariant::fromValue(*r);
    case SearchTextRole:
        return searchText(*r);
    case SortRole:
        switch (index.column()) {
        case Id:
            return r->id;
        case Status:
            return static_cast<int>(r->status);
        case Priority:
            return static_cast<int>(r->priority);
        case Requested:
            return r->requestedMs;
        case Updated:
            return r->updatedMs;
        case Age:
            return -r->requestedMs; // older first when ascending would read backwards
        default:
            // Names compare as the user reads them, not by id.
            return displayText(*r, index.column());
        }
    default:
        return {};
    }
}

QVariant ReportTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id:
        return tr("No.");
    case Status:
        return tr("Status");
    case Priority:
        return tr("Priority");
    case Category:
        return tr("Category");
    case Department:
        return tr("Department");
    case Assignee:
        return tr("Assignee");
    case Address:
        return tr("Address");
    case Requested:
        return tr("Reported");
    case Updated:
        return tr("Updated");
    case Age:
        return tr("Age");
    default:
        return {};
    }
}

QHash<int, QByteArray> ReportTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "reportId");
    names.insert(StatusRole, "status");
    names.insert(PriorityRole, "priority");
    names.insert(CategoryRole, "category");
    names.insert(DepartmentRole, "department");
    names.insert(AssigneeRole, "assignee");
    names.insert(RequestedRole, "requested");
    names.insert(UpdatedRole, "updated");
    names.insert(ReportRole, "report");
    names.insert(SortRole, "sortKey");
    names.insert(SearchTextRole, "searchText");
    return names;
}

} // namespace dimos
