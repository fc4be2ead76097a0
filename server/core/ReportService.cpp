#include "ReportService.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

#include "server/core/MediaStore.h"
#include "server/core/PasswordHasher.h"
#include "server/http/ApiError.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/Database.h"
#include "server/storage/EventRepository.h"
#include "server/storage/ReportRepository.h"
#include "server/storage/UserRepository.h"
#include "shared/domain/ReportJson.h"
#include "shared/geo/Boundary.h"
#include "shared/util/Clock.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
ApiError validation(const QString &message)
{
    return ApiError(ApiError::Kind::Validation, message);
}

QString trimmedLimited(const QString &text, int max, const QString &what)
{
    const QString t = text.trimmed();
    if (t.size() > max)
        throw validation(u"%1 is %2 characters long; the limit is %3"_s.arg(what).arg(t.size()).arg(max));
    return t;
}
} // namespace

ReportService::ReportService(Database &db, ReportRepository &reports, EventRepository &events,
    CatalogRepository &catalog, UserRepository &users, MediaStore &media, const Boundary *boundary, const Clock &clock,
    QString municipalityName)
    : m_db(db),
      m_reports(reports),
      m_events(events),
      m_catalog(catalog),
      m_users(users),
      m_media(media),
      m_boundary(boundary),
      m_clock(clock),
      m_municipalityName(std::move(municipalityName))
{ }

QString ReportService::displayAddress(const Report &r) const
{
    if (!r.address.isEmpty())
        return r.address;
    if (!r.hasLocation)
        return m_municipalityName;
    return u"%1, %2 (%3)"_s.arg(r.lat, 0, 'f', 5).arg(r.lon, 0, 'f', 5).arg(m_municipalityName);
}

Report ReportService::create(const NewReport &in)
{
    if (in.serviceCode.isEmpty())
        throw validation(u"service_code is required: choose one from the services list"_s);
    const std::optional<Category> category = m_catalog.category(in.serviceCode);
    if (!category || !category->active)
        throw ApiError(ApiError::Kind::NotFound,
            u"service_code \"%1\" is not a service of this server; see the services list"_s.arg(
                in.serviceCode.left(64)));
    if (category->isInformation())
        throw validation(u"\"%1\" is an information category, where the municipality publishes news; reports "
                         u"cannot be filed in it: choose a service from the services list"_s.arg(category->code));
    Report r;
    r.serviceCode = category->code;
    if (in.lat.has_value() != in.lon.has_value())
        throw validation(u"lat and long must be given together"_s);
    if (in.lat) {
        if (!std::isfinite(*in.lat) || !std::isfinite(*in.lon) || *in.lat < -90 || *in.lat > 90 || *in.lon < -180
            || *in.lon > 180)
            throw validation(u"lat must be between -90 and 90 and long between -180 and 180 (WGS84 degrees)"_s);
        if (m_boundary && !m_boundary->contains(*in.lat, *in.lon))
            throw validation(u"the location %1, %2 is outside the boundary of %3; this service accepts reports only "
                             u"within it"_s.arg(*in.lat, 0, 'f', 6)
                                 .arg(*in.lon, 0, 'f', 6)
                                 .arg(m_municipalityName));
        r.lat = *in.lat;
        r.lon = *in.lon;
    } else {
        if (in.addressString.trimmed().isEmpty() && in.addressId.trimmed().isEmpty())
            throw validation(u"a location is required: give lat and long, or address_string"_s);
        r.hasLocation = false;
    }
    r.address = trimmedLimited(in.addressString, 512, u"address_string"_s);
    r.addressId = trimmedLimited(in.addressId, 128, u"address_id"_s);
    r.zipcode = trimmedLimited(in.zipcode, 16, u"zipcode"_s);
    r.description = trimmedLimited(in.description, kMaxDescription, u"description"_s);
    if (const auto problem = validateAttributeValues(*category, in.attributes))
        throw validation(*problem);
    r.attributes = in.attributes;
    r.contact = in.contact;
    if (r.contact.email.size() > 254 || (!r.contact.email.isEmpty() && !r.contact.email.contains(u'@')))
        throw validation(u"email \"%1\" is not a valid address"_s.arg(r.contact.email.left(64)));
    for (QString *f :
        {&r.contact.firstName, &r.contact.lastName, &r.contact.phone, &r.contact.deviceId, &r.contact.accountId})
        *f = trimmedLimited(*f, 128, u"a contact field"_s);
    if (category->departmentId > 0)
        r.departmentId = category->departmentId;
    route(r);
    if (r.departmentId)
        if (const auto dept = m_catalog.department(*r.departmentId))
            r.agencyResponsible = dept->name.el;
    if (in.needsConfirmation) {
        if (r.contact.email.isEmpty())
            throw validation(u"an e-mail address is required: the report is published when you confirm it by the "
                             u"link we send there"_s);
        r.visibility = Visibility::Unconfirmed;
    }
    r.contact.language = r.contact.language == u"en" ? u"en"_s : u"el"_s;
    r.channel = in.channel;
    r.apiKeyId = in.apiKeyId;
    if (in.channel == u"open311")
        r.token = PasswordHasher::randomToken(12); // for clients that poll tokens/{token}
    r.requestedMs = in.requestedMs.value_or(m_clock.nowMs());
    r.updatedMs = r.requestedMs;
    if (category->slaDays > 0)
        r.dueMs = r.requestedMs + qint64(category->slaDays) * 24 * 3600 * 1000;

    // Files first: a crash after this leaves unreferenced files, never rows without files.
    for (const ProcessedPhoto &p : in.photos) {
        QString error;
        const QString sha = QString::fromLatin1(p.sha256Hex);
        if (!m_media.put(sha, MediaStore::Kind::Photo, p.jpeg, &error)
            || !m_media.put(sha, MediaStore::Kind::Thumbnail, p.thumbnail, &error))
            throw std::runtime_error(error.toStdString());
        // Photos from the web pages wait for a moderator; apps with an API key are trusted.
        r.photos.append({0, sha, p.width, p.height, r.requestedMs, !in.needsConfirmation});
    }
    const QString confirmToken = in.needsConfirmation ? PasswordHasher::randomToken(24) : QString();
    m_db.transaction([&] {
        m_reports.insert(r, in.isDemo);
        if (!confirmToken.isEmpty())
            m_reports.setConfirmToken(r.id, confirmTokenHash(confirmToken), std::nullopt);
        ReportHistoryEntry created;
        created.reportId = r.id;
        created.atMs = r.requestedMs;
        created.kind = ReportHistoryEntry::Kind::Created;
        created.newStatus = r.status;
        created.actorName = in.channel;
        created.isPublic = true;
        m_reports.addHistory(created);
        const Report stored = load(r.id); // as stored: version and defaults included
        recordEvent(u"report.created"_s, stored, stored.departmentId);
        if (in.onStored)
            in.onStored(stored, confirmToken);
        if (stored.visibility == Visibility::Public && m_published && !in.isDemo)
            m_published(stored);
    });
    return r;
}

void ReportService::route(Report &r) const
{
    if (!m_routingRules)
        return;
    const QList<RoutingRule> rules = m_routingRules->forCategory(r.serviceCode);
    if (rules.isEmpty())
        return;
    QList<AreaRef> areas;
    const bool anyArea = std::any_of(rules.begin(), rules.end(), [](const RoutingRule &x) { return x.hasArea(); });
    if (anyArea && r.hasLocation && m_areasAt)
        areas = m_areasAt(r.lat, r.lon);
    const std::optional<RoutingRule> rule = routingRuleFor(rules, areas);
    if (!rule)
        return;
    // A department or clerk deactivated after the rule was written is passed over: the report
    // then goes where the category sends it, never to nobody's queue.
    if (rule->departmentId)
        if (const auto d = m_catalog.department(*rule->departmentId); d && d->active)
            r.departmentId = d->id;
    if (rule->assigneeId)
        if (const auto u = m_users.findById(*rule->assigneeId);
            u && u->active && r.departmentId && u->inDepartment(*r.departmentId))
            r.assigneeId = u->id;
}

QString ReportService::confirmTokenHash(const QString &token)
{
    return PasswordHasher::secretDigest(token);
}

std::optional<Report> ReportService::confirm(const QString &token)
{
    // Tokens are 32 base64url characters; anything else cannot name a report.
    if (token.size() < 16 || token.size() > 64)
        return std::nullopt;
    std::optional<Report> result;
    m_db.transaction([&] {
        const std::optional<qint64> id = m_reports.findByConfirmToken(confirmTokenHash(token));
        if (!id)
            return;
        Report r = load(*id);
        const int version = r.version;
        const std::optional<Category> category = m_catalog.category(r.serviceCode);
        if (r.visibility == Visibility::Unconfirmed)
            r.visibility = category && category->moderated ? Visibility::Moderation : Visibility::Public;
        r.updatedMs = m_clock.nowMs();
        if (!m_reports.updateGuarded(r, version))
            throw ApiError(
                ApiError::Kind::Conflict, u"report %1 changed while it was confirmed; try again"_s.arg(r.id));
        m_reports.setConfirmToken(r.id, {}, r.updatedMs);
        ReportHistoryEntry e;
        e.reportId = r.id;
        e.atMs = r.updatedMs;
        e.kind = ReportHistoryEntry::Kind::Confirmed;
        e.actorName = r.contact.email;
        m_reports.addHistory(e);
        result = load(r.id);
        recordEvent(u"report.updated"_s, *result, result->departmentId);
        if (m_confirmed)
            m_confirmed(*result);
        if (result->visibility == Visibility::Public && m_published)
            m_published(*result);
    });
    return result;
}

Report ReportService::moderate(
    const StaffUser &user, qint64 id, int version, ModerationAction action, const QString &reason)
{
    const QString why = trimmedLimited(reason, kMaxNote, u"the reason"_s);
    return mutate(user, id, version, [&](Report &r, QList<ReportHistoryEntry> &entries) {
        const Visibility target = action == ModerationAction::Approve ? Visibility::Public : Visibility::Hidden;
        if (r.visibility == target)
            throw validation(u"report %1 is already %2"_s.arg(id).arg(visibilityToString(target)));
        ReportHistoryEntry e = entryFor(user, r,
            action == ModerationAction::Approve ? ReportHistoryEntry::Kind::Approved
                                                : ReportHistoryEntry::Kind::Hidden);
        e.text = why;
        r.visibility = target;
        entries.append(e);
    });
}

Report ReportService::setPhotoPublic(const StaffUser &user, qint64 id, int version, qint64 photoId, bool isPublic)
{
    return mutate(user, id, version, [&](Report &r, QList<ReportHistoryEntry> &entries) {
        if (!m_reports.setPhotoPublic(r.id, photoId, isPublic))
            throw ApiError(ApiError::Kind::NotFound, u"report %1 has no photo %2"_s.arg(id).arg(photoId));
        ReportHistoryEntry e = entryFor(
            user, r, isPublic ? ReportHistoryEntry::Kind::PhotoShown : ReportHistoryEntry::Kind::PhotoWithheld);
        e.text = QString::number(photoId);
        entries.append(e);
    });
}

Report ReportService::redact(
    const StaffUser &user, qint64 id, int version, const QString &description, const QString &reason)
{
    const QString text = trimmedLimited(description, kMaxDescription, u"description"_s);
    const QString why = trimmedLimited(reason, kMaxNote, u"the reason"_s);
    if (why.isEmpty())
        throw validation(u"say why the text is redacted (it goes into the internal history)"_s);
    return mutate(user, id, version, [&](Report &r, QList<ReportHistoryEntry> &entries) {
        if (r.description == text)
            throw validation(u"the new description is the same as the old one"_s);
        ReportHistoryEntry e = entryFor(user, r, ReportHistoryEntry::Kind::Redacted);
        e.text = why;
        r.description = text;
        entries.append(e);
    });
}

void ReportService::recordEvent(const QString &type, const Report &after, std::optional<qint64> previousDepartmentId)
{
    StoredEvent e;
    e.atMs = m_clock.nowMs(); // when it was recorded (demo reports carry an older requested time)
    e.type = type;
    e.entity = u"report"_s;
    e.entityId = after.id;
    e.departmentId = after.departmentId;
    e.previousDepartmentId = previousDepartmentId;
    e.serviceCode = after.serviceCode;
    e.payload = QJsonDocument(reportToStaffJson(after, false)).toJson(QJsonDocument::Compact);
    m_events.append(e);
    m_db.afterCommit([this] {
        if (m_eventsCommitted)
            m_eventsCommitted();
    });
}

Report ReportService::load(qint64 id) const
{
    std::optional<Report> r = m_reports.find(id);
    if (!r)
        throw ApiError(ApiError::Kind::NotFound, u"no report with id %1"_s.arg(id));
    return *r;
}

bool ReportService::canModify(const StaffUser &user, const Report &report)
{
    if (user.isAdmin())
        return true;
    return report.departmentId && user.inDepartment(*report.departmentId);
}

ReportHistoryEntry ReportService::entryFor(const StaffUser &user, const Report &r, ReportHistoryEntry::Kind kind) const
{
    ReportHistoryEntry e;
    e.reportId = r.id;
    e.atMs = m_clock.nowMs();
    e.kind = kind;
    e.actorUserId = user.id;
    e.actorName = user.displayName;
    return e;
}

Report ReportService::mutate(const StaffUser &user, qint64 id, int version,
    const std::function<void(Report &, QList<ReportHistoryEntry> &)> &change)
{
    Report result;
    m_db.transaction([&] {
        Report r = load(id);
        if (!canModify(user, r))
            throw ApiError(
                ApiError::Kind::Forbidden, u"report %1 belongs to a department you are not a member of"_s.arg(id));
        if (r.version != version) {
            throw ApiError(ApiError::Kind::Conflict,
                u"report %1 was changed by someone else (you saw version %2, it is now %3); "
                u"reload it and try again"_s.arg(id)
                    .arg(version)
                    .arg(r.version),
                QJsonObject{{u"current"_s, reportToStaffJson(r, true)}});
        }
        const std::optional<qint64> previousDepartment = r.departmentId;
        const Visibility previousVisibility = r.visibility;
        QList<ReportHistoryEntry> entries;
        change(r, entries);
        r.updatedMs = m_clock.nowMs();
        if (!m_reports.updateGuarded(r, version))
            throw ApiError(ApiError::Kind::Conflict, u"report %1 was changed by someone else; reload it"_s.arg(id));
        for (ReportHistoryEntry &e : entries)
            m_reports.addHistory(e);
        result = load(id);
        recordEvent(u"report.updated"_s, result, previousDepartment);
        // First publication: from waiting (not from hidden, which was public once already).
        if (result.visibility == Visibility::Public
            && (previousVisibility == Visibility::Unconfirmed || previousVisibility == Visibility::Moderation)
            && m_published)
            m_published(result);
        announcePublicLines(result, entries);
    });
    return result;
}

void ReportService::announcePublicLines(const Report &after, const QList<ReportHistoryEntry> &entries)
{
    if (!m_publicUpdate || after.visibility != Visibility::Public)
        return;
    for (const ReportHistoryEntry &e : entries)
        if (e.isPublic && e.kind != ReportHistoryEntry::Kind::Created)
            m_publicUpdate(after, e);
}

Report ReportService::citizenNotFixed(qint64 id, const QString &comment, int windowDays)
{
    const QString text = trimmedLimited(comment, kMaxNote, u"the comment"_s);
    Report result;
    m_db.transaction([&] {
        Report r = load(id);
        const int version = r.version;
        if (isOpen(r.status))
            throw validation(u"report %1 is still open: the municipality is working on it"_s.arg(id));
        if (r.status != ReportStatus::Resolved && r.status != ReportStatus::Closed)
            throw validation(u"report %1 was not closed as fixed, so it cannot be reopened as not fixed"_s.arg(id));
        qint64 closedMs = r.updatedMs;
        const QList<ReportHistoryEntry> history = m_reports.history(id, false);
        for (qsizetype i = history.size() - 1; i >= 0; --i)
            if (history[i].newStatus) {
                closedMs = history[i].atMs;
                break;
            }
        const qint64 now = m_clock.nowMs();
        if (now - closedMs > qint64(windowDays) * 24 * 3600 * 1000)
            throw validation(
                u"report %1 was closed more than %2 days ago; please file a new report"_s.arg(id).arg(windowDays));
        ReportHistoryEntry e;
        e.reportId = id;
        e.atMs = now;
        e.kind = ReportHistoryEntry::Kind::Reopen;
        e.actorName = u"citizen"_s;
        e.oldStatus = r.status;
        e.newStatus = ReportStatus::Acknowledged;
        // The comment as written: who reopened it (actor "citizen") each reader is told in their
        // own language.
        e.text = text;
        e.isPublic = true;
        r.status = ReportStatus::Acknowledged;
        r.updatedMs = now;
        if (!m_reports.updateGuarded(r, version))
            throw ApiError(ApiError::Kind::Conflict, u"report %1 changed meanwhile; try again"_s.arg(id));
        m_reports.addHistory(e);
        result = load(id);
        recordEvent(u"report.updated"_s, result, result.departmentId);
        announcePublicLines(result, {e});
    });
    return result;
}

Report ReportService::acknowledge(const StaffUser &user, qint64 id, int version, const QString &publicNote)
{
    const QString note = trimmedLimited(publicNote, kMaxNote, u"the note"_s);
    return mutate(user, id, version, [&](Report &r, QList<ReportHistoryEntry> &entries) {
        if (r.status != ReportStatus::New)
            throw validation(u"report %1 is %2, not new: only new reports can be acknowledged"_s.arg(id).arg(
                statusToString(r.status)));
        ReportHistoryEntry e = entryFor(user, r, ReportHistoryEntry::Kind::StatusChange);
        e.oldStatus = r.status;
        e.newStatus = ReportStatus::Acknowledged;
        e.text = note;
        e.isPublic = true;
        entries.append(e);
        r.status = ReportStatus::Acknowledged;
        if (!note.isEmpty())
            r.statusNotes = note;
    });
}

Report ReportService::assign(const StaffUser &user, qint64 id, int version, std::optional<qint64> departmentId,
    std::optional<qint64> assigneeId, bool clearAssignee)
{
    if (departmentId) {
        const auto dept = m_catalog.department(*departmentId);
        if (!dept || !dept->active)
            throw validation(u"no active department with id %1"_s.arg(*departmentId));
    }
    std::optional<StaffUser> assignee;
    if (assigneeId) {
        assignee = m_users.findById(*assigneeId);
        if (!assignee || !assignee->active)
            throw validation(u"no active user with id %1"_s.arg(*assigneeId));
    }
    return mutate(user, id, version, [&](Report &r, QList<ReportHistoryEntry> &entries) {
        QStringList said;
        if (departmentId && departmentId != r.departmentId) {
            if (user.role == Role::Clerk)
                throw ApiError(ApiError::Kind::Forbidden,
                    u"only managers and administrators may move a report to another department"_s);
            r.departmentId = *departmentId;
            const auto dept = m_catalog.department(*departmentId);
            r.agencyResponsible = dept->name.el;
            said.append(u"department: "_s + dept->name.el);
            if (!assigneeId)
                r.assigneeId.reset(); // the old assignee belongs to the old department
        }
        if (assignee) {
            if (!r.departmentId || !assignee->inDepartment(*r.departmentId))
                throw validation(u"%1 is not a member of the report's department"_s.arg(assignee->displayName));
            r.assigneeId = assignee->id;
            said.append(u"assignee: "_s + assignee->displayName);
        } else if (clearAssignee) {
            r.assigneeId.reset();
            said.append(u"assignee cleared"_s);
        }
        if (said.isEmpty())
            throw validation(u"nothing to change: give department_id and/or assignee_id"_s);
        ReportHistoryEntry e = entryFor(user, r, ReportHistoryEntry::Kind::Assignment);
        e.text = said.join(u"; "_s);
        entries.append(e);
    });
}

Report ReportService::changeStatus(
    const StaffUser &user, qint64 id, int version, ReportStatus status, const QString &note, bool notePublic)
{
    return transition(user, id, version, status, note, notePublic, false);
}

Report ReportService::transition(const StaffUser &user, qint64 id, int version, ReportStatus status,
    const QString &note, bool notePublic, bool reopenOnly)
{
    const QString text = trimmedLimited(note, kMaxNote, u"the note"_s);
    if (status == ReportStatus::Duplicate)
        throw validation(u"use the duplicate action, which names the original report"_s);
    if ((status == ReportStatus::Rejected) && text.isEmpty())
        throw validation(u"say why the report is rejected: the note is required"_s);
    return mutate(user, id, version, [&](Report &r, QList<ReportHistoryEntry> &entries) {
        if (reopenOnly && isOpen(r.status))
            throw validation(u"report %1 is %2, still open: only a resolved, closed, rejected or duplicate report "
                             u"can be reopened"_s.arg(id)
                                 .arg(statusToString(r.status)));
        if (!canTransition(r.status, status))
            throw validation(
                u"report %1 cannot go from %2 to %3"_s.arg(id).arg(statusToString(r.status), statusToString(status)));
        const bool reopening = !isOpen(r.status) && isOpen(status);
        ReportHistoryEntry e
            = entryFor(user, r, reopening ? ReportHistoryEntry::Kind::Reopen : ReportHistoryEntry::Kind::StatusChange);
        e.oldStatus = r.status;
        e.newStatus = status;
        e.isPublic = true; // the status change itself is public ...
        if (notePublic)
            e.text = text;
        entries.append(e);
        if (!notePublic && !text.isEmpty()) { // ... an internal note goes in its own line
            ReportHistoryEntry internal = entryFor(user, r, ReportHistoryEntry::Kind::InternalNote);
            internal.text = text;
            entries.append(internal);
        }
        r.status = status;
        if (reopening)
            r.duplicateOf.reset();
        if (notePublic && !text.isEmpty())
            r.statusNotes = text;
    });
}

Report ReportService::addNote(const StaffUser &user, qint64 id, int version, const QString &text, bool isPublic)
{
    const QString note = trimmedLimited(text, kMaxNote, u"the note"_s);
    if (note.isEmpty())
        throw validation(u"the note is empty"_s);
    return mutate(user, id, version, [&](Report &r, QList<ReportHistoryEntry> &entries) {
        ReportHistoryEntry e = entryFor(
            user, r, isPublic ? ReportHistoryEntry::Kind::PublicNote : ReportHistoryEntry::Kind::InternalNote);
        e.text = note;
        e.isPublic = isPublic;
        entries.append(e);
        if (isPublic)
            r.statusNotes = note;
    });
}

Report ReportService::setPriority(const StaffUser &user, qint64 id, int version, Priority priority)
{
    return mutate(user, id, version, [&](Report &r, QList<ReportHistoryEntry> &entries) {
        if (r.priority == priority)
            throw validation(u"report %1 already has priority %2"_s.arg(id).arg(priorityToString(priority)));
        ReportHistoryEntry e = entryFor(user, r, ReportHistoryEntry::Kind::Priority);
        e.text = priorityToString(r.priority) + u" → "_s + priorityToString(priority);
        entries.append(e);
        r.priority = priority;
    });
}

Report ReportService::markDuplicate(
    const StaffUser &user, qint64 id, int version, qint64 originalId, const QString &publicNote)
{
    const QString note = trimmedLimited(publicNote, kMaxNote, u"the note"_s);
    if (originalId == id)
        throw validation(u"a report cannot be a duplicate of itself"_s);
    const Report original = load(originalId);
    if (original.status == ReportStatus::Duplicate)
        throw validation(u"report %1 is itself a duplicate of %2: point to that one"_s.arg(originalId)
                             .arg(original.duplicateOf.value_or(0)));
    return mutate(user, id, version, [&](Report &r, QList<ReportHistoryEntry> &entries) {
        if (!isOpen(r.status))
            throw validation(u"report %1 is already %2"_s.arg(id).arg(statusToString(r.status)));
        ReportHistoryEntry e = entryFor(user, r, ReportHistoryEntry::Kind::Duplicate);
        e.oldStatus = r.status;
        e.newStatus = ReportStatus::Duplicate;
        e.text = note.isEmpty() ? u"#%1"_s.arg(originalId) : note;
        e.isPublic = true;
        entries.append(e);
        r.status = ReportStatus::Duplicate;
        r.duplicateOf = originalId;
        r.statusNotes = e.text;
    });
}

Report ReportService::reopen(const StaffUser &user, qint64 id, int version, const QString &publicNote)
{
    return transition(user, id, version, ReportStatus::Acknowledged, publicNote, true, true);
}

Report ReportService::schedule(const StaffUser &user, qint64 id, int version, std::optional<qint64> expectedMs)
{
    return mutate(user, id, version, [&](Report &r, QList<ReportHistoryEntry> &entries) {
        if (!isOpen(r.status))
            throw validation(
                u"report %1 is %2: only open reports are scheduled"_s.arg(id).arg(statusToString(r.status)));
        ReportHistoryEntry e = entryFor(user, r, ReportHistoryEntry::Kind::PublicNote);
        e.isPublic = true;
        e.text = expectedMs ? u"Αναμενόμενη ολοκλήρωση / expected by: "_s + formatUtc(*expectedMs).left(10)
                            : u"Η αναμενόμενη ημερομηνία αφαιρέθηκε / expected date removed"_s;
        entries.append(e);
        r.expectedMs = expectedMs;
    });
}

qint64 ReportService::externalUpdate(
    qint64 id, const QString &description, std::optional<ReportStatus> status, const QString &actorName)
{
    const QString text = trimmedLimited(description, kMaxNote, u"description"_s);
    qint64 entryId = 0;
    m_db.transaction([&] {
        Report r = load(id);
        const int version = r.version;
        ReportHistoryEntry e;
        e.reportId = id;
        e.atMs = m_clock.nowMs();
        e.actorName = actorName;
        e.text = text;
        e.isPublic = true;
        e.kind = ReportHistoryEntry::Kind::PublicNote;
        if (status && isOpen(*status) && !isOpen(r.status)) {
            e.kind = ReportHistoryEntry::Kind::Reopen;
            e.oldStatus = r.status;
            e.newStatus = ReportStatus::Acknowledged;
            r.status = ReportStatus::Acknowledged;
            r.duplicateOf.reset();
        }
        r.updatedMs = e.atMs;
        if (!m_reports.updateGuarded(r, version))
            throw ApiError(ApiError::Kind::Conflict, u"report %1 changed meanwhile; send the update again"_s.arg(id));
        m_reports.addHistory(e);
        entryId = e.id;
        const Report after = load(id);
        recordEvent(u"report.updated"_s, after, after.departmentId);
        announcePublicLines(after, {e});
    });
    return entryId;
}

} // namespace dimos
