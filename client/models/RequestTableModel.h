#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSortFilterProxyModel>

#include "shared/domain/RequestCase.h"

namespace dimos {

class Clock;
class ReportStore;

// The request queue (certificates and programme enrolments): one row per request in the
// store. Follows the store incrementally like ReportTableModel, so a live event never resets
// the view. The Deadline column counts down in whole days ("3 days left", "2 days overdue");
// open requests past their deadline are painted red, those due today or tomorrow amber.
// Call refreshDeadlines() when the day may have changed (the view does, every minute).
class RequestTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestTableModel)

public:
    enum Column { Deadline, Protocol, Type, Applicant, Status, Assigned, Submitted, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole + 1, // qint64
        OpenRole, // bool
        OverdueRole, // bool
        DepartmentRole, // qint64
        SortRole,
        SearchTextRole, // protocol number, applicant and type, folded for search
    };
    Q_ENUM(Role)

    RequestTableModel(ReportStore *store, const Clock &clock, QObject *parent = nullptr);
    ~RequestTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(qint64 id) const { return m_rowOf.value(id, -1); }
    qint64 idAt(int row) const { return row >= 0 && row < m_rows.size() ? m_rows.at(row) : 0; }
    void refreshDeadlines();

    static QString statusText(RequestCase::Status status);
    // "3 days left", "due today", "1 day overdue", or "—" for a closed request.
    static QString deadlineText(const RequestCase &request, qint64 nowMs);

private:
    void rebuild();
    void onChanged(qint64 id);

    QPointer<ReportStore> m_store;
    const Clock &m_clock;
    QList<qint64> m_rows;
    QHash<qint64, int> m_rowOf;
};

// What the queue shows: open requests only (or all), of one department (or all), matching a
// search text (Greek-aware: case and accents ignored).
class RequestFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestFilterModel)

public:
    explicit RequestFilterModel(QObject *parent = nullptr);

    void setOpenOnly(bool openOnly);
    void setDepartment(qint64 departmentId); // 0: every department
    void setSearchText(const QString &text);
    // The request the clerk is working on stays listed whatever the filters say, so issuing
    // it (it is no longer open) does not pull it out from under the clerk. 0: none.
    void setPinned(qint64 id);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_openOnly = true;
    qint64 m_department = 0;
    QString m_folded;
    qint64 m_pinned = 0;
};

} // namespace dimos
