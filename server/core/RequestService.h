#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

#include "server/core/AnswerRenderer.h"
#include "server/core/DocumentStore.h"
#include "server/core/StaffUser.h"
#include "server/storage/RequestRepository.h"

namespace dimos {

class CatalogRepository;
class Clock;
class Database;
class EventRepository;
class MailOutbox;
class ProtocolRepository;
class UserRepository;
struct ProtocolEntry;

struct RequestSettings
{
    DocumentLimits documents;
    PhotoLimits photos;
    QString municipalityName; // Greek, printed on answers
    QString baseUrl; // no trailing slash: links in mails, the verification URL
};

// A file served to someone who may read it: what it is and its bytes.
struct ServedFile
{
    QString fileName;
    QString mediaType;
    QString sha256;
    QByteArray data;
};

// Who read a personal file or record, for the audit log.
struct AuditActor
{
    QString clientAddress;
};

// Every change to an e-Dimotis request goes through here (docs/EDIMOTIS.md): one call, one
// transaction with its protocol entries, history line and event-log row, guarded by the
// version the caller saw; the live stream hears of it after the commit. Citizens reach only
// their own requests (another citizen's is NotFound, never Forbidden, so ids reveal nothing);
// staff reach the requests of their departments, managers and admins every request.
class RequestService final
{
public:
    RequestService(Database &db, RequestRepository &requests, ProtocolRepository &protocol, EventRepository &events,
        CatalogRepository &catalog, UserRepository &users, DocumentStore &documents, MailOutbox *mail,
        const Clock &clock, RequestSettings settings);

    // Called after a transaction that wrote events has committed.
    void setEventsCommittedListener(std::function<void()> listener) { m_eventsCommitted = std::move(listener); }

    // ---- request types (admins write them; RequestApi checks the role) ----
    QList<RequestType> types() const;
    // Checks every field (ApiError Validation naming it) and stores the type with its fields
    // and documents. `create`: Conflict when the code exists; else NotFound when it does not.
    RequestType saveType(const RequestType &type, bool create);
    static QJsonObject typeJson(const RequestType &type);
    // A type from its JSON (the shape typeJson writes); ApiError Validation naming the field.
    static RequestType typeFromJson(const QJsonObject &o);

    // ---- citizens ----
    // Checks the type (active, within a programme's enrolment window), its fields and required
    // documents, the documents' content and the applicant's profile (name, surname, ΑΦΜ,
    // verified e-mail), then registers the incoming protocol entry and stores everything in one
    // transaction, with the receipt mail in `language`. Throws ApiError naming the problem;
    // nothing is written then (not even a protocol number is used).
    CitizenRequest submit(qint64 citizenId, const QString &typeCode,
        const QList<std::pair<QString, QStringList>> &values, const QList<UploadedDocument> &documents,
        const QString &language);
    QList<CitizenRequest> listMine(qint64 citizenId) const;
    // NotFound unless the request is the citizen's.
    CitizenRequest getMine(qint64 citizenId, qint64 requestId) const;
    // The request as the citizen sees it (history lines meant for them only).
    QJsonObject citizenJson(const CitizenRequest &r) const;
    // While awaiting_documents: a new incoming protocol entry related to the first, the
    // documents, back to in_progress.
    CitizenRequest addDocuments(qint64 citizenId, qint64 requestId, const QList<UploadedDocument> &documents);
    CitizenRequest withdraw(qint64 citizenId, qint64 requestId);
    ServedFile citizenDocument(qint64 citizenId, qint64 requestId, qint64 documentId, const AuditActor &actor);
    ServedFile citizenAnswer(qint64 citizenId, qint64 requestId, const AuditActor &actor);

    // ---- staff ----
    // The queue: the caller's departments (managers and admins: any). Forbidden when a clerk
    // names another department.
    QList<CitizenRequest> queue(
        const StaffUser &user, std::optional<qint64> departmentId, const QString &status, bool openOnly) const;
    // One request; writes view_request to the audit log.
    CitizenRequest view(const StaffUser &user, qint64 requestId, const AuditActor &actor);
    ServedFile staffDocument(const StaffUser &user, qint64 requestId, qint64 documentId, const AuditActor &actor);
    ServedFile staffAnswer(const StaffUser &user, qint64 requestId, const AuditActor &actor);

    CitizenRequest claim(const StaffUser &user, qint64 requestId, int version);
    CitizenRequest ask(const StaffUser &user, qint64 requestId, int version, const QString &text);
    // Registers the outgoing entry, renders the answer through `renderer` with the outgoing
    // number on it, stores the PDF and the issued_documents row: all in one transaction, so a
    // rendering failure (ApiError Unavailable) leaves the request, the register and the files
    // as they were.
    CitizenRequest issue(
        const StaffUser &user, qint64 requestId, int version, const QString &note, AnswerRenderer &renderer);
    CitizenRequest reject(const StaffUser &user, qint64 requestId, int version, const QString &reason);

    QList<AuditEntry> audit(const AuditQuery &query) const;

    // Clerks act on requests of their departments; managers and admins on any.
    static bool canAct(const StaffUser &user, const CitizenRequest &r);

    // The queue's list item (the live events carry it too) and the full request for staff.
    QJsonObject itemJson(const CitizenRequest &r) const;
    QJsonObject detailJson(const CitizenRequest &r) const;

private:
    CitizenRequest load(qint64 id) const;
    CitizenRequest loadForStaff(const StaffUser &user, qint64 id) const;
    QList<CheckedDocument> checkDocuments(const QList<UploadedDocument> &documents) const;
    // Stores the files (before the transaction: a crash leaves unreferenced files, never rows
    // without files).
    void storeFiles(const QList<UploadedDocument> &documents) const;
    // Loads, checks role, version and that `allowed` holds the status, lets `change` edit the
    // request and its history line, writes both with the event in one transaction.
    CitizenRequest mutate(const StaffUser &user, qint64 id, int version, const QStringList &allowed,
        const std::function<void(CitizenRequest &, RequestHistoryEntry &)> &change);
    void writeChange(CitizenRequest &r, int expectedVersion, RequestHistoryEntry &h);
    void recordEvent(const QString &type, const CitizenRequest &r);
    void audited(const QString &kind, std::optional<qint64> userId, std::optional<qint64> citizenId,
        const QString &name, const QString &action, const CitizenRequest &r, const QString &sha256,
        const QString &detail, const AuditActor &actor);
    ServedFile documentFile(const CitizenRequest &r, qint64 documentId) const;
    ServedFile answerFile(const CitizenRequest &r) const;
    ProtocolEntry outgoingEntry(
        const StaffUser &user, const CitizenRequest &r, const RequestType &type, const QString &subject) const;
    void mailCitizen(const CitizenRequest &r, const QString &templateName, QJsonObject values);
    QJsonObject protocolJson(std::optional<qint64> entryId) const;
    QString staffName(const StaffUser &user) const;

    Database &m_db;
    RequestRepository &m_requests;
    ProtocolRepository &m_protocol;
    EventRepository &m_events;
    CatalogRepository &m_catalog;
    UserRepository &m_users;
    DocumentStore &m_documents;
    MailOutbox *m_mail;
    const Clock &m_clock;
    RequestSettings m_settings;
    std::function<void()> m_eventsCommitted;
};

} // namespace dimos
