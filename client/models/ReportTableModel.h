#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>

#include "shared/domain/Report.h"

namespace dimos {

class Clock;
class ReportStore;

// The queue: one row per report in the store, in the order reports entered it (sorting and
// filtering are ReportFilterModel's). Follows the store's signals incrementally — a new
// report inserts rows, a change emits dataChanged for its row — so a live event never resets
// the view (selection and scroll position survive).
class ReportTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportTableModel)

public:
    enum Column { Id, Status, Priority, Category, Department, Assignee, Address, Requested, Updated, Age, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole + 1, // qint64
        StatusRole, // dimos::ReportStatus
        PriorityRole, // dimos::Priority
        CategoryRole, // service code
        DepartmentRole, // qint64, or invalid when none
        AssigneeRole, // qint64, or invalid when unassigned
        RequestedRole, // epoch ms
        UpdatedRole, // epoch ms
        ReportRole, // dimos::Report
        SortRole, // the column's value in an order that sorts correctly
        SearchTextRole, // description, address, id and category names, folded for search
        DueRole, // epoch ms, or invalid when the category has no service level
        OverdueRole, // bool: open and past its due time (the row is highlighted)
    };
    Q_ENUM(Role)

    // `clock` gives "now" for the Age column; it must outlive the model.
    explicit ReportTableModel(ReportStore *store, const Clock &clock, QObject *parent = nullptr);
    explicit ReportTableModel(ReportStore *store, QObject *parent = nullptr);
    ~ReportTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The row of a report, or -1.
    int rowOf(qint64 id) const { return m_rowOf.value(id, -1); }
    qint64 idAt(int row) const;
    const Clock &clock() const { return m_clock; }
    // Time moved on (the main window calls it every minute): the Age column changes, and the
    // rows that passed their due time since the last call are announced whole, so the view
    // highlights them and a filter on age or overdue sees them without a reload.
    void refreshTimes();

    static QString statusText(ReportStatus status);
    // Open and past its due time (the category's service level) at `nowMs`.
    static bool isOverdue(const Report &report, qint64 nowMs);
    static QString priorityText(dimos::Priority priority);

private:
    void rebuild();
    void onAdded(const QList<qint64> &ids);
    void onChanged(qint64 id);
    QString searchText(const Report &report) const;
    QString displayText(const Report &report, int column) const;

    QPointer<ReportStore> m_store;
    const Clock &m_clock;
    QList<qint64> m_rows;
    QHash<qint64, int> m_rowOf;
    // Folded search text per report, computed on first use: filtering 100k rows on each key
    // press must not fold every description again.
    mutable QHash<qint64, QString> m_searchCache;
    qint64 m_timesRefreshedMs = 0; // "now" at construction or the last refreshTimes()
};

} // namespace dimos
