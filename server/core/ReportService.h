#pragma once

#include <QList>
#include <QString>

#include <functional>
#include <optional>

#include "server/core/PhotoProcessor.h"
#include "server/core/StaffUser.h"
#include "server/storage/RoutingRuleRepository.h"
#include "shared/domain/Report.h"

namespace dimos {

class Boundary;
class CatalogRepository;
class Clock;
class Database;
class EventRepository;
class MediaStore;
class ReportRepository;
class UserRepository;

// What a citizen or an Open311 client files.
struct NewReport
{
    QString serviceCode;
    std::optional<double> lat;
    std::optional<double> lon;
    QString addressString;
    QString addressId;
    QString zipcode;
    QString description;
    ReporterContact contact;
    QList<std::pair<QString, QStringList>> attributes;
    QList<ProcessedPhoto> photos;
    QString channel;
    qint64 apiKeyId = 0;
    bool isDemo = false;
    std::optional<qint64> requestedMs; // demo data only; else now
    // Filed on the citizens' web pages: not public until the citizen follows the link in an
    // e-mailed confirmation (and, in a moderated category, a moderator approves it); its
    // photos wait for a moderator. Needs contact.email.
    bool needsConfirmation = false;
    // Runs inside the transaction that stores the report, with the stored report and, when
    // needsConfirmation, the token of the confirmation link (kept only as a hash): what it
    // writes (the confirmation mail in the outbox) commits or rolls back with the report.
    std::function<void(const Report &stored, const QString &confirmToken)> onStored;
};

enum class ModerationAction { Approve, Hide };

// Every change to a report goes through here: one call, one transaction, with its history
// line and its event-log row, guarded by the version the caller saw.
class ReportService final
{
public:
    ReportService(Database &db, ReportRepository &reports, EventRepository &events, CatalogRepository &catalog,
        UserRepository &users, MediaStore &media, const Boundary *boundary, const Clock &clock,
        QString municipalityName);

    // Called after a transaction that wrote events has committed (never for a rolled-back
    // one): the live stream reads the new events then.
    void setEventsCommittedListener(std::function<void()> listener) { m_eventsCommitted = std::move(listener); }

    // Called inside the transaction of the change (so what they write, e.g. mails in the
    // outbox, commits or rolls back with it):
    // - a report became public for the first time (filed public, confirmed, or approved);
    void setPublishedListener(std::function<void(const Report &)> listener) { m_published = std::move(listener); }
    // - a public history line (status change, public note, reopen) was added to a public report;
    void setPublicUpdateListener(std::function<void(const Report &, const ReportHistoryEntry &)> listener)
    {
        m_publicUpdate = std::move(listener);
    }
    // - the citizen confirmed a web report.
    void setConfirmedListener(std::function<void(const Report &)> listener) { m_confirmed = std::move(listener); }

    // Routing rules (docs/ADMIN.md): a new report follows the most specific rule of its
    // category; `areasAt` names the areas (features of polygon GIS layers) that hold a point.
    using AreaLookup = std::function<QList<AreaRef>(double lat, double lon)>;
    void setRouting(const RoutingRuleRepository *rules, AreaLookup areasAt)
    {
        m_routingRules = rules;
        m_areasAt = std::move(areasAt);
    }

    // Validates and stores a new report; throws ApiError (Validation / NotFound) naming the
    // first problem.
    Report create(const NewReport &input);

    // Staff actions. Each throws ApiError: NotFound, Forbidden (not their department),
    // Conflict with the current report in details when `version` is stale, Validation.
    Report acknowledge(const StaffUser &user, qint64 id, int version, const QString &publicNote);
    Report assign(const StaffUser &user, qint64 id, int version, std::optional<qint64> departmentId,
        std::optional<qint64> assigneeId, bool clearAssignee);
    Report changeStatus(
        const StaffUser &user, qint64 id, int version, ReportStatus status, const QString &note, bool notePublic);
    Report addNote(const StaffUser &user, qint64 id, int version, const QString &text, bool isPublic);
    Report setPriority(const StaffUser &user, qint64 id, int version, Priority priority);
    Report markDuplicate(const StaffUser &user, qint64 id, int version, qint64 originalId, const QString &publicNote);
    Report reopen(const StaffUser &user, qint64 id, int version, const QString &publicNote);
    // When the work is expected to be done (Open311 expected_datetime); nothing clears it.
    Report schedule(const StaffUser &user, qint64 id, int version, std::optional<qint64> expectedMs);

    // The citizen followed the confirmation link: an unconfirmed report becomes public, or
    // waits for a moderator when its category is moderated. Nothing for a token that names no
    // report (unknown, or already used: the token is cleared once used).
    std::optional<Report> confirm(const QString &token);
    static QString confirmTokenHash(const QString &token);

    // Moderation (staff who may modify the report). Approve makes the report public whatever
    // it waited for; Hide takes it off the public pages and Open311. `reason` goes into the
    // internal history.
    Report moderate(const StaffUser &user, qint64 id, int version, ModerationAction action, const QString &reason);
    // Shows or withholds one of the report's photos on the public pages and Open311.
    Report setPhotoPublic(const StaffUser &user, qint64 id, int version, qint64 photoId, bool isPublic);
    // Replaces the description (to remove personal data or abuse). The old text is not kept,
    // not even in the history, which only records that it was redacted and why.
    Report redact(const StaffUser &user, qint64 id, int version, const QString &description, const QString &reason);

    // The reporter says a resolved or closed report is not fixed, within `windowDays` of the
    // status change that closed it: it reopens (acknowledged) with a public line carrying the
    // comment. ApiError Validation when it is open, or closed longer ago.
    Report citizenNotFixed(qint64 id, const QString &comment, int windowDays);

    // An update from outside (mySociety's POST servicerequestupdates): a public note, and a
    // reopen when the citizen says the problem is back. Returns the history line's id.
    qint64 externalUpdate(
        qint64 id, const QString &description, std::optional<ReportStatus> status, const QString &actorName);

    // Who may change a report: admins any; others when it belongs to one of their departments.
    static bool canModify(const StaffUser &user, const Report &report);

    // The address shown when the citizen gave none.
    QString displayAddress(const Report &r) const;

private:
    // changeStatus() and reopen(); `reopenOnly` refuses a report that is still open.
    Report transition(const StaffUser &user, qint64 id, int version, ReportStatus status, const QString &note,
        bool notePublic, bool reopenOnly);
    Report load(qint64 id) const;
    // Loads, checks role and version, lets `change` edit the report and the history line,
    // writes both in one transaction. Returns the stored report.
    Report mutate(const StaffUser &user, qint64 id, int version,
        const std::function<void(Report &, QList<ReportHistoryEntry> &)> &change);
    ReportHistoryEntry entryFor(const StaffUser &user, const Report &r, ReportHistoryEntry::Kind kind) const;
    // Writes the event for `after` (inside the caller's transaction) and arranges the
    // listener call after commit.
    void recordEvent(const QString &type, const Report &after, std::optional<qint64> previousDepartmentId);

    Database &m_db;
    ReportRepository &m_reports;
    EventRepository &m_events;
    CatalogRepository &m_catalog;
    UserRepository &m_users;
    MediaStore &m_media;
    const Boundary *m_boundary;
    const Clock &m_clock;
    QString m_municipalityName;
    std::function<void()> m_eventsCommitted;
    std::function<void(const Report &)> m_published;
    std::function<void(const Report &, const ReportHistoryEntry &)> m_publicUpdate;
    std::function<void(const Report &)> m_confirmed;
    const RoutingRuleRepository *m_routingRules = nullptr;
    AreaLookup m_areasAt;
    void route(Report &r) const;
    void announcePublicLines(const Report &after, const QList<ReportHistoryEntry> &entries);
};

// Limits on free text fields (Open311: description ≤ 4000).
constexpr int kMaxDescription = 4000;
constexpr int kMaxNote = 4000;

} // namespace dimos
