#include "RequestCase.h"

#include <QDateTime>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

struct StatusName
{
    RequestCase::Status status;
    QStringView name;
};
constexpr StatusName kStatuses[] = {
    {RequestCase::Status::Submitted, u"submitted"},
    {RequestCase::Status::InProgress, u"in_progress"},
    {RequestCase::Status::AwaitingDocuments, u"awaiting_documents"},
    {RequestCase::Status::Issued, u"issued"},
    {RequestCase::Status::Rejected, u"rejected"},
    {RequestCase::Status::Withdrawn, u"withdrawn"},
};

qint64 msOf(const QJsonValue &v)
{
    return v.isDouble() ? qint64(v.toDouble()) : 0;
}

QString display(const QJsonValue &protocol)
{
    return protocol.toObject().value(u"display"_s).toString();
}

QString textOf(const QJsonValue &v)
{
    if (v.isArray()) {
        QStringList parts;
        for (const QJsonValue &item : v.toArray())
            parts << textOf(item);
        return parts.join(u", "_s);
    }
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    return v.toString();
}

} // namespace

QString requestCaseStatusToString(RequestCase::Status status)
{
    for (const StatusName &s : kStatuses)
        if (s.status == status)
            return s.name.toString();
    return {};
}

std::optional<RequestCase::Status> requestCaseStatusFromString(QStringView text)
{
    for (const StatusName &s : kStatuses)
        if (s.name == text)
            return s.status;
    return std::nullopt;
}

std::optional<RequestCase> requestCaseFromJson(const QJsonObject &o)
{
    const auto status = requestCaseStatusFromString(o.value(u"status"_s).toString());
    const qint64 id = msOf(o.value(u"id"_s));
    if (!status || id <= 0)
        return std::nullopt;
    RequestCase r;
    r.id = id;
    r.status = *status;
    r.typeCode = o.value(u"type_code"_s).toString();
    r.typeNameEl = o.value(u"type_name_el"_s).toString();
    r.typeNameEn = o.value(u"type_name_en"_s).toString();
    r.departmentId = msOf(o.value(u"department_id"_s));
    r.assignedUserId = msOf(o.value(u"assigned_user_id"_s));
    r.assignedUserName = o.value(u"assigned_user_name"_s).toString();
    r.protocolDisplay = display(o.value(u"protocol"_s));
    r.answerProtocolDisplay = display(o.value(u"answer_protocol"_s));
    r.submittedMs = msOf(o.value(u"submitted_ms"_s));
    r.dueMs = msOf(o.value(u"due_ms"_s));
    r.updatedMs = msOf(o.value(u"updated_ms"_s));
    if (o.value(u"closed_ms"_s).isDouble())
        r.closedMs = msOf(o.value(u"closed_ms"_s));
    r.requestedDocuments = o.value(u"requested_documents"_s).toString();
    r.rejectReason = o.value(u"reject_reason"_s).toString();
    r.version = o.value(u"version"_s).toInt();
    r.applicantName = o.value(u"applicant_name"_s).toString();

    const QJsonObject applicant = o.value(u"applicant"_s).toObject();
    r.hasDetail = !applicant.isEmpty() || o.contains(u"history"_s);
    if (r.applicantName.isEmpty() && !applicant.isEmpty())
        r.applicantName
            = QString(applicant.value(u"given_name"_s).toString() + u' ' + applicant.value(u"surname"_s).toString())
                  .trimmed();
    static const QStringList kApplicantOrder = {u"surname"_s, u"given_name"_s, u"father_name"_s, u"mother_name"_s,
        u"birth_date"_s, u"afm"_s, u"amka"_s, u"id_card"_s, u"address"_s, u"phone"_s, u"email"_s};
    for (const QString &key : kApplicantOrder)
        if (applicant.contains(key))
            r.applicant.append({key, textOf(applicant.value(key))});
    for (auto it = applicant.begin(); it != applicant.end(); ++it)
        if (!kApplicantOrder.contains(it.key()))
            r.applicant.append({it.key(), textOf(it.value())});

    const QJsonObject values = o.value(u"values"_s).toObject();
    for (auto it = values.begin(); it != values.end(); ++it)
        r.values.insert(it.key(), textOf(it.value()));
    for (const QJsonValue &v : o.value(u"documents"_s).toArray()) {
        const QJsonObject d = v.toObject();
        RequestCase::Document doc;
        doc.id = msOf(d.value(u"id"_s));
        doc.requirementCode = d.value(u"requirement_code"_s).toString();
        doc.fileName = d.value(u"file_name"_s).toString();
        doc.mediaType = d.value(u"media_type"_s).toString();
        doc.size = msOf(d.value(u"size"_s));
        doc.sha256 = d.value(u"sha256"_s).toString();
        doc.uploadedMs = msOf(d.value(u"uploaded_ms"_s));
        doc.protocolDisplay = d.value(u"protocol_display"_s).toString();
        if (doc.id > 0)
            r.documents.append(doc);
    }
    for (const QJsonValue &v : o.value(u"history"_s).toArray()) {
        const QJsonObject h = v.toObject();
        r.history.append({msOf(h.value(u"at_ms"_s)), h.value(u"kind"_s).toString(), h.value(u"actor_name"_s).toString(),
            h.value(u"old_status"_s).toString(), h.value(u"new_status"_s).toString(), h.value(u"text"_s).toString()});
    }
    const QJsonObject issued = o.value(u"issued"_s).toObject();
    r.verificationCode = issued.value(u"verification_code"_s).toString();
    r.answerSha256 = issued.value(u"sha256"_s).toString();
    return r;
}

DeadlineText deadlineIn(qint64 dueMs, qint64 nowMs)
{
    const QDate due = QDateTime::fromMSecsSinceEpoch(dueMs).date();
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs).date();
    DeadlineText t;
    t.days = int(today.daysTo(due));
    t.overdue = nowMs > dueMs;
    return t;
}

std::optional<ProtocolEntryView> protocolEntryFromJson(const QJsonObject &o)
{
    const qint64 id = msOf(o.value(u"id"_s));
    if (id <= 0)
        return std::nullopt;
    ProtocolEntryView e;
    e.id = id;
    e.book = o.value(u"book"_s).toString();
    e.year = o.value(u"year"_s).toInt();
    e.number = msOf(o.value(u"number"_s));
    e.protocolNumber = o.value(u"protocol_number"_s).toString();
    e.registeredAt = o.value(u"registered_at"_s).toString();
    e.direction = o.value(u"direction"_s).toString();
    e.correspondent = o.value(u"correspondent"_s).toString();
    e.subject = o.value(u"subject"_s).toString();
    e.departmentId = msOf(o.value(u"department_id"_s));
    e.registeredBy = o.value(u"registered_by"_s).toString();
    e.attachmentCount = int(o.value(u"attachments"_s).toArray().size());
    return e;
}

} // namespace dimos
