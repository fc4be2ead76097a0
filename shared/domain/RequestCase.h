#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace dimos {

// A citizen's certificate or programme request as the staff API shows it (docs/EDIMOTIS.md,
// "A request in JSON"). The queue's list items leave the detail parts empty (hasDetail false).
struct RequestCase
{
    enum class Status { Submitted, InProgress, AwaitingDocuments, Issued, Rejected, Withdrawn };

    struct Document
    {
        qint64 id = 0;
        QString requirementCode; // the type's document code, empty for an extra one
        QString fileName;
        QString mediaType; // application/pdf, image/jpeg, image/png
        qint64 size = 0;
        QString sha256;
        qint64 uploadedMs = 0;
        QString protocolDisplay; // the protocol entry it came with, "15924/19-05-2026"
    };
    struct HistoryLine
    {
        qint64 atMs = 0;
        QString kind;
        QString actorName;
        QString oldStatus;
        QString newStatus;
        QString text;
    };

    qint64 id = 0;
    QString typeCode;
    QString typeNameEl;
    QString typeNameEn;
    Status status = Status::Submitted;
    qint64 departmentId = 0;
    qint64 assignedUserId = 0; // 0: nobody claimed it
    QString assignedUserName;
    QString protocolDisplay; // incoming
    QString answerProtocolDisplay; // outgoing, once issued or rejected
    qint64 submittedMs = 0;
    qint64 dueMs = 0;
    qint64 updatedMs = 0;
    std::optional<qint64> closedMs;
    QString requestedDocuments; // what the department asked for
    QString rejectReason;
    int version = 0;
    QString applicantName;

    bool hasDetail = false;
    QList<std::pair<QString, QString>> applicant; // JSON key → value, in the API's order
    QMap<QString, QString> values; // the type's form fields; lists joined with ", "
    QList<Document> documents;
    QList<HistoryLine> history;
    QString verificationCode; // once issued
    QString answerSha256;

    bool isOpen() const
    {
        return status == Status::Submitted || status == Status::InProgress || status == Status::AwaitingDocuments;
    }
    // Overdue: still open after its deadline.
    bool isOverdue(qint64 nowMs) const { return isOpen() && dueMs > 0 && nowMs > dueMs; }
    QString typeName(const QString &language) const
    {
        return language == u"en" && !typeNameEn.isEmpty() ? typeNameEn : typeNameEl;
    }
};

QString requestCaseStatusToString(RequestCase::Status status);
std::optional<RequestCase::Status> requestCaseStatusFromString(QStringView text);

// The staff API's JSON (a list item or the full request). nullopt when id or status is missing.
std::optional<RequestCase> requestCaseFromJson(const QJsonObject &o);

// How long until the deadline, in words for the queue: "3 days left", "due today",
// "2 days overdue". Whole days, counted in the local calendar.
struct DeadlineText
{
    int days = 0; // negative: overdue by that many days
    bool overdue = false;
};
DeadlineText deadlineIn(qint64 dueMs, qint64 nowMs);

// A protocol register entry as GET /api/v1/protocol answers it (docs/api/rest.md).
struct ProtocolEntryView
{
    qint64 id = 0;
    QString book;
    int year = 0;
    qint64 number = 0;
    QString protocolNumber; // "15924/19-05-2021"
    QString registeredAt; // ISO 8601
    QString direction; // in, out, internal
    QString correspondent;
    QString subject;
    qint64 departmentId = 0;
    QString registeredBy;
    int attachmentCount = 0;
};
std::optional<ProtocolEntryView> protocolEntryFromJson(const QJsonObject &o);

} // namespace dimos
