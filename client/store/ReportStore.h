#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <optional>

#include "shared/domain/Category.h"
#include "shared/domain/Department.h"
#include "shared/domain/InformationItem.h"
#include "shared/domain/Report.h"
#include "shared/domain/RequestCase.h"
#include "shared/domain/Role.h"

namespace dimos {

// A member of staff as the desktop client sees them (GET /api/v1/users, /me).
struct StaffMember
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QString email;
    Role role = Role::Clerk;
    bool active = true;
    QList<qint64> departmentIds;
    // An administrator set the password: the desk asks them to choose their own.
    bool mustRenewCredentials = false;

    QJsonObject toJson() const;
    static std::optional<StaffMember> fromJson(const QJsonObject &o);
};

// The lookup tables' JSON as GET /api/v1/departments and /categories give it.
std::optional<Department> departmentFromJson(const QJsonObject &o);
std::optional<Category> categoryFromJson(const QJsonObject &o);

// The one client-side store: every report the clerk can see, the sequence number of the last
// live event applied, and the lookup tables the views translate ids with. The network layer
// (ApiClient, LiveClient) writes into it; models and the map only read it and follow its
// signals. Lives on the GUI thread.
class ReportStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportStore)

public:
    explicit ReportStore(QObject *parent = nullptr);
    ~ReportStore() override;

    // Inserts or replaces a report, keeping whichever copy has the higher version: a late
    // answer never takes the store back in time. Returns whether anything changed.
    bool upsert(const Report &report);
    // The same for a batch (a page of the REST listing): one reportsAdded for the new ones.
    int upsertAll(const QList<Report> &reports);
    // Applies one live event. An event with seq <= lastSeq() was applied already and is
    // ignored, so replays after a reconnect apply each event exactly once. Returns whether
    // the report changed.
    bool applyEvent(qint64 seq, const Report &report);

    // -1 until the store has followed the live stream.
    qint64 lastSeq() const { return m_lastSeq; }
    void setLastSeq(qint64 seq) { m_lastSeq = seq; }

    // Replaces everything (a cache loaded at start); emits reset().
    void replaceAll(const QList<Report> &reports, qint64 lastSeq);
    // Forgets every report and the sequence number; emits reset().
    void clear();

    const Report *find(qint64 id) const;
    bool contains(qint64 id) const { return m_reports.contains(id); }
    int size() const { return static_cast<int>(m_order.size()); }
    // Ids in the order they entered the store (the table's row order).
    const QList<qint64> &ids() const { return m_order; }
    QList<Report> reports() const;

    // Lookup tables. Names come in the UI language ("el" or "en"), falling back to the other.
    void setDepartments(const QList<Department> &departments);
    void setCategories(const QList<Category> &categories);
    void setUsers(const QList<StaffMember> &users);
    QList<Department> departments() const;
    QList<Category> categories() const;
    QList<StaffMember> users() const;
    const Department *department(qint64 id) const;
    const Category *category(const QString &code) const;
    const StaffMember *user(qint64 id) const;
    QString departmentName(qint64 id) const;
    QString categoryName(const QString &code) const;
    QString userName(qint64 id) const;

    QString language() const { return m_language; }
    void setLanguage(const QString &language);

    // The items of the information categories (GET /api/v1/information/items, live events).
    void setInformationItems(const QList<InformationItem> &items);
    // Keeps whichever copy has the higher version.
    void upsertInformationItem(const InformationItem &item);
    // Of one category (all when empty), newest first.
    QList<InformationItem> informationItems(const QString &categoryCode = {}) const;
    const InformationItem *informationItem(qint64 id) const;

    // Certificate and programme requests (GET /api/v1/requests, live events). The queue's list
    // items; a request's full copy (applicant, documents, history) replaces its list item and
    // is kept until a newer version arrives.
    void setCitizenRequests(const QList<RequestCase> &requests);
    // Keeps whichever copy has the higher version; at the same version a full copy wins.
    void upsertCitizenRequest(const RequestCase &request);
    QList<RequestCase> citizenRequests() const;
    const RequestCase *citizenRequest(qint64 id) const;

    // The departments of the signed-in clerk: live events that bring a report into one of
    // them raise newReportInMyDepartments.
    void setMyDepartments(const QList<qint64> &departmentIds);

Q_SIGNALS:
    void reportsAdded(const QList<qint64> &ids);
    void reportChanged(qint64 id);
    void reset();
    void lookupsChanged();
    void informationChanged();
    void citizenRequestsReset();
    void citizenRequestChanged(qint64 id);
    // A live event (never the initial load) brought a new report into the clerk's departments,
    // or moved one there from elsewhere: for a desktop notification.
    void newReportInMyDepartments(qint64 id);

private:
    enum class Outcome { Unchanged, Added, Changed };
    Outcome put(const Report &report);

    QHash<qint64, Report> m_reports;
    QList<qint64> m_order;
    qint64 m_lastSeq = -1;
    QHash<qint64, Department> m_departments;
    QHash<QString, Category> m_categories;
    QHash<qint64, StaffMember> m_users;
    QSet<qint64> m_myDepartments;
    QHash<qint64, InformationItem> m_information;
    QHash<qint64, RequestCase> m_citizenRequests;
    QString m_language;
};

} // namespace dimos
