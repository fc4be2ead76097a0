#include "RequestTableModel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>

#include "client/store/ReportStore.h"
#include "shared/text/SearchFold.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

namespace dimos {

RequestTableModel::RequestTableModel(ReportStore *store, const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent), m_store(store), m_clock(clock)
{
    connect(store, &ReportStore::citizenRequestsReset, this, &RequestTableModel::rebuild);
    connect(store, &ReportStore::citizenRequestChanged, this, &RequestTableModel::onChanged);
    connect(store, &ReportStore::lookupsChanged, this, [this] {
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    });
    rebuild();
}

RequestTableModel::~RequestTableModel() = default;

void RequestTableModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    if (m_store)
        for (const RequestCase &r : m_store->citizenRequests()) {
            m_rowOf.insert(r.id, int(m_rows.size()));
            m_rows.append(r.id);
        }
    endResetModel();
}

void RequestTableModel::onChanged(qint64 id)
{
    const int row = rowOf(id);
    if (row >= 0) {
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rowOf.insert(id, at);
    m_rows.append(id);
    endInsertRows();
}

void RequestTableModel::refreshDeadlines()
{
    // Whole rows: an overdue request is highlighted across the row, not only its deadline.
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int RequestTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RequestTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RequestTableModel::statusText(RequestCase::Status status)
{
    switch (status) {
    case RequestCase::Status::Submitted:
        return tr("Submitted");
    case RequestCase::Status::InProgress:
        return tr("In progress");
    case RequestCase::Status::AwaitingDocuments:
        return tr("Awaiting documents");
    case RequestCase::Status::Issued:
        return tr("Issued");
    case RequestCase::Status::Rejected:
        return tr("Rejected");
    case RequestCase::Status::Withdrawn:
        return tr("Withdrawn");
    }
    return {};
}

QString RequestTableModel::deadlineText(const RequestCase &request, qint64 nowMs)
{
    if (!request.isOpen())
        return u"—"_s;
    const DeadlineText d = deadlineIn(request.dueMs, nowMs);
    if (d.days < 0 || (d.overdue && d.days == 0))
        return d.days == 0 ? tr("overdue since today") : tr("%n day(s) overdue", nullptr, -d.days);
    if (d.days == 0)
        return tr("due today");
    return tr("%n day(s) left", nullptr, d.days);
}

QVariant RequestTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_store || index.row() >= m_rows.size())
        return {};
    const RequestCase *r = m_store->citizenRequest(m_rows.at(index.row()));
    if (!r)
        return {};
    const qint64 now = m_clock.nowMs();
    switch (role) {
    case IdRole:
        return r->id;
    case OpenRole:
        return r->isOpen();
    case OverdueRole:
        return r->isOverdue(now);
    case DepartmentRole:
        return r->departmentId;
    case SearchTextRole:
        return foldForSearch(QStringList{r->protocolDisplay, r->applicantName, r->typeNameEl, r->typeNameEn,
            r->answerProtocolDisplay, QString::number(r->id)}
                                 .join(u' '));
    case Qt::BackgroundRole:
        if (r->isOverdue(now))
            return QBrush(QColor(0xf8, 0xd7, 0xda));
        if (r->isOpen() && deadlineIn(r->dueMs, now).days <= 1)
            return QBrush(QColor(0xff, 0xf0, 0xc2));
        return {};
    case Qt::FontRole:
        if (index.column() == Deadline && r->isOverdue(now)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Deadline && r->dueMs > 0)
            return tr("Legal deadline: %1").arg(QDateTime::fromMSecsSinceEpoch(r->dueMs).toString(u"dd/MM/yyyy"_s));
        return {};
    case SortRole:
        switch (index.column()) {
        case Deadline:
            // Open requests first, the most urgent on top; closed ones after, newest first.
            return r->isOpen() ? r->dueMs : std::numeric_limits<qint64>::max() / 2 - r->submittedMs;
        case Submitted:
            return r->submittedMs;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Deadline:
            return deadlineText(*r, now);
        case Protocol:
            return r->protocolDisplay;
        case Type:
            return r->typeName(m_store->language());
        case Applicant:
            return r->applicantName;
        case Status:
            return statusText(r->status);
        case Assigned:
            if (r->assignedUserId == 0)
                return QString();
            return r->assignedUserName.isEmpty() ? m_store->userName(r->assignedUserId) : r->assignedUserName;
        case Submitted:
            return QDateTime::fromMSecsSinceEpoch(r->submittedMs).toString(u"dd/MM/yyyy HH:mm"_s);
        }
        return {};
    default:
        return {};
    }
}

QVariant RequestTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Deadline:
        return tr("Deadline");
    case Protocol:
        return tr("Protocol no.");
    case Type:
        return tr("Request");
    case Applicant:
        return tr("Applicant");
    case Status:
        return tr("Status");
    case Assigned:
        return tr("Handled by");
    case Submitted:
        return tr("Submitted");
    }
    return {};
}

RequestFilterModel::RequestFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(RequestTableModel::SortRole);
    setDynamicSortFilter(true);
}

void RequestFilterModel::setOpenOnly(bool openOnly)
{
    m_openOnly = openOnly;
    invalidateFilter();
}

void RequestFilterModel::setDepartment(qint64 departmentId)
{
    m_department = departmentId;
    invalidateFilter();
}

void RequestFilterModel::setSearchText(const QString &text)
{
    m_folded = foldForSearch(text.trimmed());
    invalidateFilter();
}

void RequestFilterModel::setPinned(qint64 id)
{
    if (id == m_pinned)
        return;
    m_pinned = id;
    invalidateFilter();
}

bool RequestFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_pinned != 0 && i.data(RequestTableModel::IdRole).toLongLong() == m_pinned)
        return true;
    if (m_openOnly && !i.data(RequestTableModel::OpenRole).toBool())
        return false;
    if (m_department != 0 && i.data(RequestTableModel::DepartmentRole).toLongLong() != m_department)
        return false;
    return m_folded.isEmpty() || i.data(RequestTableModel::SearchTextRole).toString().contains(m_folded);
}

} // namespace dimos
