#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

#include "server/storage/IssuedDocumentRepository.h" // IssuedDocument: one type, or the ODR breaks
#include "shared/domain/Category.h"

namespace dimos {

class Database;

// A supporting document a request type asks for.
struct RequestTypeDocument
{
    QString code;
    bool required = true;
    int order = 0;
    LocalizedText label;
    LocalizedText help;
    bool operator==(const RequestTypeDocument &) const = default;
};

// What a citizen can ask for (migration 0011, docs/EDIMOTIS.md). Its form fields are Open311
// attributes (code, datatype, required, order, description = the label, datatypeDescription =
// the help text, values), so a request's values are checked like a report's.
struct RequestType
{
    QString code;
    QString kind = QStringLiteral("certificate"); // "certificate" or "programme"
    LocalizedText name;
    LocalizedText description;
    qint64 departmentId = 0;
    int deadlineDays = 0;
    LocalizedText fee;
    QString opensOn; // programmes: YYYY-MM-DD or empty
    QString closesOn;
    LocalizedText answerTitle;
    QString answerTemplate; // Mustache, Greek
    bool active = true;
    int sortOrder = 0;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;
    QList<AttributeDefinition> fields; // sorted by order
    QList<RequestTypeDocument> documents; // sorted by order

    const AttributeDefinition *field(QStringView code) const;
};

// The citizen's profile as the citizens table holds it (read by RequestService; the account
// service writes it).
struct ApplicantProfile
{
    qint64 id = 0;
    QString email;
    bool emailVerified = false;
    QString language = QStringLiteral("el");
    bool active = true;
    QString givenName, surname, fatherName, motherName, birthDate, afm, amka, idCard, address, phone;

    // The applicant_json snapshot: the keys of docs/EDIMOTIS.md's "applicant".
    QJsonObject applicantJson() const;
    QString fullName() const { return QString(givenName + u' ' + surname).trimmed(); }
};

// A citizen's request (table `requests`).
struct CitizenRequest
{
    qint64 id = 0;
    QString typeCode;
    qint64 citizenId = 0;
    QString status = QStringLiteral("submitted");
    qint64 departmentId = 0;
    std::optional<qint64> assignedUserId;
    QJsonObject applicant;
    qint64 protocolEntryId = 0;
    std::optional<qint64> answerEntryId;
    QString requestedDocuments;
    QString rejectReason;
    qint64 submittedMs = 0;
    qint64 dueMs = 0;
    qint64 updatedMs = 0;
    std::optional<qint64> closedMs;
    int version = 1;

    bool isOpen() const { return isOpenStatus(status); }
    static bool isOpenStatus(QStringView status);
    static bool isValidStatus(QStringView status);
};

struct RequestDocument
{
    qint64 id = 0;
    qint64 requestId = 0;
    QString requirementCode;
    QString fileName;
    QString mediaType;
    qint64 size = 0;
    QString sha256;
    qint64 protocolEntryId = 0;
    qint64 uploadedMs = 0;
};

struct RequestHistoryEntry
{
    qint64 id = 0;
    qint64 requestId = 0;
    qint64 atMs = 0;
    QString kind; // submitted, claimed, asked, documents_added, issued, rejected, withdrawn, note
    std::optional<qint64> actorUserId;
    QString actorName;
    QString oldStatus; // empty: NULL
    QString newStatus;
    QString text;
    bool citizenVisible = true;
};

struct AuditEntry
{
    qint64 id = 0;
    qint64 atMs = 0;
    QString actorKind; // staff, citizen, system
    std::optional<qint64> actorUserId;
    std::optional<qint64> actorCitizenId;
    QString actorName;
    QString action; // open_document, open_answer, view_request, ...
    std::optional<qint64> requestId;
    QString sha256;
    QString detail;
    QString clientAddress;

    QJsonObject toJson() const;
};

// The staff queue. Restricting departments is the caller's job (RequestService).
struct RequestQuery
{
    std::optional<qint64> departmentId;
    QList<qint64> departmentIds; // non-empty: only these departments
    QString status; // empty: any
    bool openOnly = false;
    std::optional<qint64> citizenId;
    int limit = 500;
};

struct AuditQuery
{
    std::optional<qint64> requestId;
    std::optional<qint64> fromMs; // at or after
    std::optional<qint64> toMs; // before
    int limit = 500;
};

// Request types, requests with their values, documents and history, the issued documents and
// the audit log. Writes join the caller's transaction (RequestService opens it); SQL that
// SQLite and PostgreSQL both accept.
class RequestRepository final
{
public:
    explicit RequestRepository(Database &db) : m_db(db) { }

    QList<RequestType> types(bool activeOnly = false) const;
    std::optional<RequestType> type(const QString &code) const;
    // Inserts or replaces the type with its fields and documents, in one transaction.
    void upsertType(const RequestType &type, qint64 nowMs);

    std::optional<ApplicantProfile> citizen(qint64 citizenId) const;

    // Stores a new request (version 1) and sets r.id.
    void insert(CitizenRequest &r);
    std::optional<CitizenRequest> find(qint64 id) const;
    QList<CitizenRequest> list(const RequestQuery &query) const;
    // Writes r with version + 1 when the stored version is still `expectedVersion`; false if not.
    bool updateGuarded(const CitizenRequest &r, int expectedVersion);

    void setValues(qint64 requestId, const QList<std::pair<QString, QStringList>> &values);
    QList<std::pair<QString, QStringList>> values(qint64 requestId) const;

    void addDocument(RequestDocument &d);
    QList<RequestDocument> documents(qint64 requestId) const;

    void addHistory(RequestHistoryEntry &e);
    QList<RequestHistoryEntry> history(qint64 requestId, bool citizenVisibleOnly) const;

    void insertIssued(IssuedDocument &d);
    std::optional<IssuedDocument> issued(qint64 requestId) const;

    void insertAudit(AuditEntry &e);
    QList<AuditEntry> audit(const AuditQuery &query) const;

private:
    Database &m_db;
};

} // namespace dimos
