#include "RequestService.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimeZone>

#include <cstring>

#include "server/core/VerificationCode.h"
#include "server/http/ApiError.h"
#include "server/mail/MailOutbox.h"
#include "server/render/Templates.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/Database.h"
#include "server/storage/EventRepository.h"
#include "server/storage/ProtocolRepository.h"
#include "server/storage/UserRepository.h"
#include "shared/util/Clock.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcRequests, "dimos.requests")

namespace dimos {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr int kMaxText = 4000;

const QTimeZone &greekTime()
{
    static const QTimeZone athens("Europe/Athens");
    return athens;
}

QString greekDate(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, greekTime()).date().toString(u"dd-MM-yyyy"_s);
}

ApiError invalid(const QString &message)
{
    return ApiError(ApiError::Kind::Validation, message);
}

ApiError notFound(qint64 id)
{
    return ApiError(ApiError::Kind::NotFound, u"no request with id %1"_s.arg(id));
}

QString limited(const QString &text, int max, const QString &what)
{
    const QString t = text.trimmed();
    if (t.size() > max)
        throw invalid(u"%1 is %2 characters long; the limit is %3"_s.arg(what).arg(t.size()).arg(max));
    return t;
}

// YYYY-MM-DD → DD-MM-YYYY (the profile's birth date as printed); anything else as it is.
QString printedDate(const QString &iso)
{
    const QDate d = QDate::fromString(iso, Qt::ISODate);
    return d.isValid() ? d.toString(u"dd-MM-yyyy"_s) : iso;
}

QJsonValue optionalJson(const std::optional<qint64> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

QString statusNeed(const QStringList &allowed)
{
    QStringList shown;
    for (const QString &s : allowed)
        shown.append(s);
    return shown.join(u" or "_s);
}

} // namespace

RequestService::RequestService(Database &db, RequestRepository &requests, ProtocolRepository &protocol,
    EventRepository &events, CatalogRepository &catalog, UserRepository &users, DocumentStore &documents,
    MailOutbox *mail, const Clock &clock, RequestSettings settings)
    : m_db(db),
      m_requests(requests),
      m_protocol(protocol),
      m_events(events),
      m_catalog(catalog),
      m_users(users),
      m_documents(documents),
      m_mail(mail),
      m_clock(clock),
      m_settings(std::move(settings))
{ }

// ---- request types ---------------------------------------------------------------------------

QList<RequestType> RequestService::types() const
{
    return m_requests.types();
}

QJsonObject RequestService::typeJson(const RequestType &t)
{
    QJsonArray fields;
    for (const AttributeDefinition &f : t.fields) {
        QJsonArray options;
        for (const AttributeOption &o : f.values)
            options.append(QJsonObject{{u"key"_s, o.key}, {u"name_el"_s, o.name.el}, {u"name_en"_s, o.name.en}});
        fields.append(QJsonObject{{u"code"_s, f.code}, {u"datatype"_s, attributeTypeToString(f.type)},
            {u"required"_s, f.required}, {u"order"_s, f.order}, {u"label_el"_s, f.description.el},
            {u"label_en"_s, f.description.en}, {u"help_el"_s, f.datatypeDescription.el},
            {u"help_en"_s, f.datatypeDescription.en}, {u"values"_s, options}});
    }
    QJsonArray documents;
    for (const RequestTypeDocument &d : t.documents)
        documents.append(QJsonObject{{u"code"_s, d.code}, {u"required"_s, d.required}, {u"order"_s, d.order},
            {u"label_el"_s, d.label.el}, {u"label_en"_s, d.label.en}, {u"help_el"_s, d.help.el},
            {u"help_en"_s, d.help.en}});
    return QJsonObject{{u"code"_s, t.code}, {u"kind"_s, t.kind}, {u"name_el"_s, t.name.el}, {u"name_en"_s, t.name.en},
        {u"description_el"_s, t.description.el}, {u"description_en"_s, t.description.en},
        {u"department_id"_s, t.departmentId}, {u"deadline_days"_s, t.deadlineDays}, {u"fee_el"_s, t.fee.el},
        {u"fee_en"_s, t.fee.en}, {u"opens_on"_s, t.opensOn}, {u"closes_on"_s, t.closesOn},
        {u"answer_title_el"_s, t.answerTitle.el}, {u"answer_title_en"_s, t.answerTitle.en},
        {u"answer_template"_s, t.answerTemplate}, {u"active"_s, t.active}, {u"sort_order"_s, t.sortOrder},
        {u"created_ms"_s, t.createdMs}, {u"updated_ms"_s, t.updatedMs}, {u"fields"_s, fields},
        {u"documents"_s, documents}};
}

RequestType RequestService::typeFromJson(const QJsonObject &o)
{
    const auto text = [&](const QString &key, int max) {
        const QJsonValue v = o.value(key);
        if (!v.isUndefined() && !v.isNull() && !v.isString())
            throw invalid(u"%1 must be a text"_s.arg(key));
        return limited(v.toString(), max, key);
    };
    const auto integer = [&](const QJsonObject &from, const QString &key, qint64 min, qint64 max, qint64 fallback) {
        const QJsonValue v = from.value(key);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isDouble() || v.toDouble() != double(v.toInteger()) || v.toInteger() < min || v.toInteger() > max)
            throw invalid(u"%1 must be a whole number from %2 to %3"_s.arg(key).arg(min).arg(max));
        return v.toInteger();
    };
    const auto boolean = [&](const QJsonObject &from, const QString &key, bool fallback) {
        const QJsonValue v = from.value(key);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isBool())
            throw invalid(u"%1 must be true or false"_s.arg(key));
        return v.toBool();
    };
    RequestType t;
    t.code = text(u"code"_s, 64);
    t.kind = o.contains(u"kind"_s) ? text(u"kind"_s, 20) : u"certificate"_s;
    t.name = {text(u"name_el"_s, 200), text(u"name_en"_s, 200)};
    t.description = {text(u"description_el"_s, 4000), text(u"description_en"_s, 4000)};
    t.departmentId = integer(o, u"department_id"_s, 1, std::numeric_limits<qint64>::max(), 0);
    t.deadlineDays = int(integer(o, u"deadline_days"_s, 0, 365, -1));
    t.fee = {text(u"fee_el"_s, 200), text(u"fee_en"_s, 200)};
    t.opensOn = text(u"opens_on"_s, 10);
    t.closesOn = text(u"closes_on"_s, 10);
    t.answerTitle = {text(u"answer_title_el"_s, 200), text(u"answer_title_en"_s, 200)};
    t.answerTemplate = limited(o.value(u"answer_template"_s).toString(), 20000, u"answer_template"_s);
    t.active = boolean(o, u"active"_s, true);
    t.sortOrder = int(integer(o, u"sort_order"_s, -100000, 100000, 0));
    if (!o.value(u"fields"_s).isUndefined() && !o.value(u"fields"_s).isArray())
        throw invalid(u"fields must be a list"_s);
    for (const QJsonValue &v : o.value(u"fields"_s).toArray()) {
        if (!v.isObject())
            throw invalid(u"fields must hold objects"_s);
        const QJsonObject f = v.toObject();
        // The shape AttributeDefinition::fromJson reads, from the labels of this API.
        QJsonArray values;
        for (const QJsonValue &opt : f.value(u"values"_s).toArray()) {
            const QJsonObject oo = opt.toObject();
            values.append(QJsonObject{{u"key"_s, oo.value(u"key"_s)},
                {u"name"_s, QJsonObject{{u"el"_s, oo.value(u"name_el"_s)}, {u"en"_s, oo.value(u"name_en"_s)}}}});
        }
        QString why;
        const auto def = AttributeDefinition::fromJson(
            QJsonObject{{u"code"_s, f.value(u"code"_s)}, {u"datatype"_s, f.value(u"datatype"_s)},
                {u"required"_s, boolean(f, u"required"_s, false)},
                {u"order"_s, int(integer(f, u"order"_s, -100000, 100000, 0))},
                {u"description"_s, QJsonObject{{u"el"_s, f.value(u"label_el"_s)}, {u"en"_s, f.value(u"label_en"_s)}}},
                {u"datatype_description"_s,
                    QJsonObject{{u"el"_s, f.value(u"help_el"_s)}, {u"en"_s, f.value(u"help_en"_s)}}},
                {u"values"_s, values}},
            &why);
        if (!def)
            throw invalid(u"fields: "_s + why.replace(u"attribute"_s, u"field"_s));
        t.fields.append(*def);
    }
    if (!o.value(u"documents"_s).isUndefined() && !o.value(u"documents"_s).isArray())
        throw invalid(u"documents must be a list"_s);
    for (const QJsonValue &v : o.value(u"documents"_s).toArray()) {
        if (!v.isObject())
            throw invalid(u"documents must hold objects"_s);
        const QJsonObject d = v.toObject();
        RequestTypeDocument doc;
        doc.code = d.value(u"code"_s).toString();
        doc.required = boolean(d, u"required"_s, true);
        doc.order = int(integer(d, u"order"_s, -100000, 100000, 0));
        doc.label = {d.value(u"label_el"_s).toString(), d.value(u"label_en"_s).toString()};
        doc.help = {d.value(u"help_el"_s).toString(), d.value(u"help_en"_s).toString()};
        t.documents.append(doc);
    }
    return t;
}

RequestType RequestService::saveType(const RequestType &in, bool create)
{
    RequestType t = in;
    if (!isValidCode(t.code))
        throw invalid(u"code \"%1\" is not valid: use 1–64 letters, digits, '-' or '_'"_s.arg(t.code.left(64)));
    if (t.kind != u"certificate" && t.kind != u"programme")
        throw invalid(u"kind must be \"certificate\" or \"programme\""_s);
    if (t.name.el.isEmpty() || t.name.en.isEmpty())
        throw invalid(u"name_el and name_en are both required"_s);
    if (t.departmentId <= 0 || !m_catalog.department(t.departmentId))
        throw invalid(u"department_id: no department %1; the handling department is required"_s.arg(t.departmentId));
    if (t.deadlineDays < 0)
        throw invalid(u"deadline_days (the legal time to answer, in days) is required"_s);
    for (const QString *date : {&t.opensOn, &t.closesOn})
        if (!date->isEmpty() && !QDate::fromString(*date, Qt::ISODate).isValid())
            throw invalid(u"opens_on and closes_on must be dates like 2026-09-01, or empty"_s);
    if (!t.opensOn.isEmpty() && !t.closesOn.isEmpty() && t.closesOn < t.opensOn)
        throw invalid(u"closes_on is before opens_on"_s);
    QString why;
    if (!Templates::renderText(t.answerTemplate, {}, Templates::Escape::PlainText, &why))
        throw invalid(u"answer_template is not a valid Mustache template: %1"_s.arg(why));
    QStringList seen;
    for (const AttributeDefinition &f : std::as_const(t.fields)) {
        if (seen.contains(f.code))
            throw invalid(u"fields: the code \"%1\" is used twice"_s.arg(f.code));
        seen.append(f.code);
    }
    seen.clear();
    for (const RequestTypeDocument &d : std::as_const(t.documents)) {
        if (!isValidCode(d.code))
            throw invalid(
                u"documents: code \"%1\" is not valid: use 1–64 letters, digits, '-' or '_'"_s.arg(d.code.left(64)));
        if (seen.contains(d.code))
            throw invalid(u"documents: the code \"%1\" is used twice"_s.arg(d.code));
        if (d.label.el.trimmed().isEmpty())
            throw invalid(u"documents: \"%1\" needs label_el"_s.arg(d.code));
        seen.append(d.code);
    }
    std::stable_sort(t.fields.begin(), t.fields.end(), [](const auto &a, const auto &b) { return a.order < b.order; });
    std::stable_sort(
        t.documents.begin(), t.documents.end(), [](const auto &a, const auto &b) { return a.order < b.order; });
    m_db.transaction([&] {
        const bool exists = m_requests.type(t.code).has_value();
        if (create && exists)
            throw ApiError(ApiError::Kind::Conflict, u"a request type \"%1\" exists; change it with PUT"_s.arg(t.code));
        if (!create && !exists)
            throw ApiError(ApiError::Kind::NotFound, u"no request type \"%1\""_s.arg(t.code));
        m_requests.upsertType(t, m_clock.nowMs());
    });
    return *m_requests.type(t.code);
}

// ---- JSON ------------------------------------------------------------------------------------

QJsonObject RequestService::protocolJson(std::optional<qint64> entryId) const
{
    if (!entryId)
        return {};
    const std::optional<ProtocolEntry> e = m_protocol.find(*entryId);
    if (!e)
        return {};
    return QJsonObject{{u"id"_s, e->id}, {u"number"_s, e->number}, {u"date"_s, greekDate(e->registeredMs)},
        {u"display"_s, e->displayNumber()}};
}

QJsonObject RequestService::itemJson(const CitizenRequest &r) const
{
    const std::optional<RequestType> type = m_requests.type(r.typeCode);
    QString assignedName;
    if (r.assignedUserId)
        if (const auto u = m_users.findById(*r.assignedUserId))
            assignedName = u->displayName.isEmpty() ? u->username : u->displayName;
    const QJsonObject answer = protocolJson(r.answerEntryId);
    return QJsonObject{{u"id"_s, r.id}, {u"type_code"_s, r.typeCode},
        {u"type_name_el"_s, type ? type->name.el : QString()}, {u"type_name_en"_s, type ? type->name.en : QString()},
        {u"status"_s, r.status}, {u"department_id"_s, r.departmentId},
        {u"assigned_user_id"_s, optionalJson(r.assignedUserId)}, {u"assigned_user_name"_s, assignedName},
        {u"protocol"_s, protocolJson(r.protocolEntryId)},
        {u"answer_protocol"_s, answer.isEmpty() ? QJsonValue() : QJsonValue(answer)},
        {u"submitted_ms"_s, r.submittedMs}, {u"due_ms"_s, r.dueMs}, {u"updated_ms"_s, r.updatedMs},
        {u"closed_ms"_s, optionalJson(r.closedMs)}, {u"requested_documents"_s, r.requestedDocuments},
        {u"reject_reason"_s, r.rejectReason}, {u"version"_s, r.version},
        {u"applicant_name"_s,
            QString(r.applicant.value(u"given_name"_s).toString() + u' ' + r.applicant.value(u"surname"_s).toString())
                .trimmed()}};
}

QJsonObject RequestService::detailJson(const CitizenRequest &r) const
{
    QJsonObject o = itemJson(r);
    o.remove(u"applicant_name"_s);
    o.insert(u"applicant"_s, r.applicant);
    QJsonObject values;
    for (const auto &[code, list] : m_requests.values(r.id))
        values.insert(code, list.size() == 1 ? QJsonValue(list.first()) : QJsonValue(QJsonArray::fromStringList(list)));
    o.insert(u"values"_s, values);
    QHash<qint64, QString> displays;
    QJsonArray documents;
    for (const RequestDocument &d : m_requests.documents(r.id)) {
        if (!displays.contains(d.protocolEntryId))
            displays.insert(d.protocolEntryId, protocolJson(d.protocolEntryId).value(u"display"_s).toString());
        documents.append(QJsonObject{{u"id"_s, d.id}, {u"requirement_code"_s, d.requirementCode},
            {u"file_name"_s, d.fileName}, {u"media_type"_s, d.mediaType}, {u"size"_s, d.size}, {u"sha256"_s, d.sha256},
            {u"uploaded_ms"_s, d.uploadedMs}, {u"protocol_display"_s, displays.value(d.protocolEntryId)}});
    }
    o.insert(u"documents"_s, documents);
    QJsonArray history;
    for (const RequestHistoryEntry &h : m_requests.history(r.id, false))
        history.append(QJsonObject{{u"at_ms"_s, h.atMs}, {u"kind"_s, h.kind}, {u"actor_name"_s, h.actorName},
            {u"old_status"_s, h.oldStatus.isEmpty() ? QJsonValue() : QJsonValue(h.oldStatus)},
            {u"new_status"_s, h.newStatus.isEmpty() ? QJsonValue() : QJsonValue(h.newStatus)}, {u"text"_s, h.text},
            {u"citizen_visible"_s, h.citizenVisible}});
    o.insert(u"history"_s, history);
    const std::optional<IssuedDocument> issued = m_requests.issued(r.id);
    o.insert(u"issued"_s,
        issued ? QJsonValue(QJsonObject{{u"verification_code"_s, issued->verificationCode},
            {u"sha256"_s, issued->sha256}, {u"size"_s, issued->size}, {u"issued_ms"_s, issued->issuedMs}})
               : QJsonValue());
    return o;
}

QJsonObject RequestService::citizenJson(const CitizenRequest &r) const
{
    QJsonObject o = detailJson(r);
    // What the citizen sees of the desk: no clerk names, no internal lines.
    o.remove(u"assigned_user_id"_s);
    o.remove(u"assigned_user_name"_s);
    QJsonArray history;
    for (const RequestHistoryEntry &h : m_requests.history(r.id, true))
        history.append(QJsonObject{{u"at_ms"_s, h.atMs}, {u"kind"_s, h.kind},
            {u"old_status"_s, h.oldStatus.isEmpty() ? QJsonValue() : QJsonValue(h.oldStatus)},
            {u"new_status"_s, h.newStatus.isEmpty() ? QJsonValue() : QJsonValue(h.newStatus)}, {u"text"_s, h.text}});
    o.insert(u"history"_s, history);
    return o;
}

// ---- helpers ---------------------------------------------------------------------------------

bool RequestService::canAct(const StaffUser &user, const CitizenRequest &r)
{
    return user.role == Role::Admin || user.role == Role::Manager || user.inDepartment(r.departmentId);
}

CitizenRequest RequestService::load(qint64 id) const
{
    std::optional<CitizenRequest> r = m_requests.find(id);
    if (!r)
        throw notFound(id);
    return *r;
}

CitizenRequest RequestService::loadForStaff(const StaffUser &user, qint64 id) const
{
    CitizenRequest r = load(id);
    if (!canAct(user, r))
        throw ApiError(ApiError::Kind::Forbidden,
            u"request %1 belongs to a department you are not in; a manager or administrator can move it"_s.arg(id));
    return r;
}

QString RequestService::staffName(const StaffUser &user) const
{
    return user.displayName.isEmpty() ? user.username : user.displayName;
}

QList<CheckedDocument> RequestService::checkDocuments(const QList<UploadedDocument> &documents) const
{
    if (documents.size() > m_settings.documents.maxCount)
        throw invalid(u"%1 documents were sent; at most %2 may be sent at once"_s.arg(documents.size())
                          .arg(m_settings.documents.maxCount));
    QList<CheckedDocument> out;
    for (const UploadedDocument &d : documents) {
        if (d.fileName.size() > 255)
            throw invalid(u"a document's file name is longer than 255 characters; rename it"_s);
        out.append(DocumentStore::check(d, m_settings.documents, m_settings.photos));
    }
    return out;
}

void RequestService::storeFiles(const QList<UploadedDocument> &documents) const
{
    for (const UploadedDocument &d : documents) {
        QString error;
        if (!m_documents.put(d.data, &error))
            throw std::runtime_error(error.toStdString());
    }
}

void RequestService::recordEvent(const QString &type, const CitizenRequest &r)
{
    StoredEvent e;
    e.atMs = m_clock.nowMs();
    e.type = type;
    e.entity = u"request"_s;
    e.entityId = r.id;
    e.departmentId = e.previousDepartmentId = r.departmentId;
    e.serviceCode = r.typeCode;
    e.payload = QJsonDocument(itemJson(r)).toJson(QJsonDocument::Compact);
    m_events.append(e);
    m_db.afterCommit([this] {
        if (m_eventsCommitted)
            m_eventsCommitted();
    });
}

void RequestService::writeChange(CitizenRequest &r, int expectedVersion, RequestHistoryEntry &h)
{
    r.updatedMs = m_clock.nowMs();
    if (!m_requests.updateGuarded(r, expectedVersion))
        throw ApiError(ApiError::Kind::Conflict,
            u"request %1 was changed by someone else since you read it; reload it"_s.arg(r.id));
    h.requestId = r.id;
    h.atMs = r.updatedMs;
    h.newStatus = r.status;
    m_requests.addHistory(h);
    r = load(r.id);
    recordEvent(u"request.updated"_s, r);
}

void RequestService::mailCitizen(const CitizenRequest &r, const QString &templateName, QJsonObject values)
{
    if (!m_mail)
        return;
    const std::optional<ApplicantProfile> citizen = m_requests.citizen(r.citizenId);
    if (!citizen || citizen->email.isEmpty())
        return;
    const std::optional<RequestType> type = m_requests.type(r.typeCode);
    values.insert(u"request_id"_s, r.id);
    values.insert(u"type_name"_s, type ? type->name.in(citizen->language) : r.typeCode);
    values.insert(u"protocol_number"_s, protocolJson(r.protocolEntryId).value(u"display"_s));
    values.insert(u"request_url"_s, QString(m_settings.baseUrl + u"/requests/"_s + QString::number(r.id)));
    values.insert(u"requests_url"_s, QString(m_settings.baseUrl + u"/requests"_s));
    m_mail->enqueue(OutgoingMail{citizen->email, citizen->language, templateName, values, {}});
}

void RequestService::audited(const QString &kind, std::optional<qint64> userId, std::optional<qint64> citizenId,
    const QString &name, const QString &action, const CitizenRequest &r, const QString &sha256, const QString &detail,
    const AuditActor &actor)
{
    AuditEntry e;
    e.atMs = m_clock.nowMs();
    e.actorKind = kind;
    e.actorUserId = userId;
    e.actorCitizenId = citizenId;
    e.actorName = name;
    e.action = action;
    e.requestId = r.id;
    e.sha256 = sha256;
    e.detail = detail;
    e.clientAddress = actor.clientAddress.left(64);
    m_requests.insertAudit(e);
}

// ---- citizens --------------------------------------------------------------------------------

CitizenRequest RequestService::submit(qint64 citizenId, const QString &typeCode,
    const QList<std::pair<QString, QStringList>> &values, const QList<UploadedDocument> &documents,
    const QString &language)
{
    const std::optional<RequestType> type = m_requests.type(typeCode);
    if (!type || !type->active)
        throw ApiError(
            ApiError::Kind::NotFound, u"no request type \"%1\" is open to requests"_s.arg(typeCode.left(64)));
    const qint64 now = m_clock.nowMs();
    const QString today = QDateTime::fromMSecsSinceEpoch(now, greekTime()).date().toString(Qt::ISODate);
    if (!type->opensOn.isEmpty() && today < type->opensOn)
        throw invalid(u"enrolment in \"%1\" opens on %2"_s.arg(type->name.en, printedDate(type->opensOn)));
    if (!type->closesOn.isEmpty() && today > type->closesOn)
        throw invalid(u"enrolment in \"%1\" closed on %2"_s.arg(type->name.en, printedDate(type->closesOn)));

    // The values: the type's fields are Open311 attributes, checked as a report's are.
    QList<std::pair<QString, QStringList>> given;
    for (const auto &[code, list] : values) {
        QStringList kept;
        for (const QString &v : list)
            if (!v.trimmed().isEmpty())
                kept.append(v.trimmed());
        if (!kept.isEmpty())
            given.append({code, kept});
    }
    Category form;
    form.code = type->code;
    form.attributes = type->fields;
    if (const auto problem = validateAttributeValues(form, given))
        throw invalid(QString(*problem).replace(u"attribute"_s, u"field"_s).replace(u"service"_s, u"request type"_s));

    for (const UploadedDocument &d : documents)
        if (!d.requirementCode.isEmpty()
            && std::none_of(type->documents.cbegin(), type->documents.cend(),
                [&](const RequestTypeDocument &r) { return r.code == d.requirementCode; }))
            throw invalid(u"the document \"%1\" is marked as \"%2\", which \"%3\" does not ask for"_s.arg(
                d.fileName.left(120), d.requirementCode.left(64), type->code));
    for (const RequestTypeDocument &r : type->documents)
        if (r.required && std::none_of(documents.cbegin(), documents.cend(), [&](const UploadedDocument &d) {
                return d.requirementCode == r.code;
            }))
            throw invalid(u"the document \"%1\" (%2) is required for this request"_s.arg(r.label.en, r.code));
    const QList<CheckedDocument> checked = checkDocuments(documents);

    const std::optional<ApplicantProfile> citizen = m_requests.citizen(citizenId);
    if (!citizen || !citizen->active)
        throw ApiError(ApiError::Kind::Unauthorized, u"sign in again"_s);
    if (!citizen->emailVerified)
        throw invalid(u"confirm your e-mail address first: open the link we sent to %1"_s.arg(citizen->email));
    if (citizen->givenName.trimmed().isEmpty() || citizen->surname.trimmed().isEmpty()
        || citizen->afm.trimmed().isEmpty())
        throw invalid(u"complete your profile first: given name, surname and tax number (ΑΦΜ) are needed for a "
                      u"request"_s);

    storeFiles(documents);
    CitizenRequest r;
    m_db.transaction(
        [&] {
            ProtocolEntry entry;
            entry.bookCode = u"general"_s;
            entry.direction = u"in"_s;
            entry.correspondent = citizen->fullName();
            entry.subject = type->name.el;
            entry.departmentId = type->departmentId;
            entry.registeredBy = u"web"_s;
            for (qsizetype i = 0; i < documents.size(); ++i)
                entry.attachments.append(ProtocolAttachment{
                    documents[i].fileName, checked[i].mediaType, checked[i].size, checked[i].sha256});
            entry = m_protocol.registerEntry(entry, now);

            r.typeCode = type->code;
            r.citizenId = citizenId;
            r.status = u"submitted"_s;
            r.departmentId = type->departmentId;
            r.applicant = citizen->applicantJson();
            r.protocolEntryId = entry.id;
            r.submittedMs = now;
            r.dueMs = now + qint64(type->deadlineDays) * kDayMs;
            r.updatedMs = now;
            m_requests.insert(r);
            m_requests.setValues(r.id, given);
            for (qsizetype i = 0; i < documents.size(); ++i) {
                RequestDocument d{0, r.id, documents[i].requirementCode, documents[i].fileName, checked[i].mediaType,
                    checked[i].size, checked[i].sha256, entry.id, now};
                m_requests.addDocument(d);
            }
            RequestHistoryEntry h;
            h.requestId = r.id;
            h.atMs = now;
            h.kind = u"submitted"_s;
            h.actorName = u"citizen"_s;
            h.newStatus = r.status;
            h.text = entry.displayNumber();
            m_requests.addHistory(h);
            r = load(r.id);
            recordEvent(u"request.created"_s, r);
            if (m_mail) {
                QJsonObject mailValues{{u"request_id"_s, r.id}, {u"type_name"_s, type->name.in(language)},
                    {u"protocol_number"_s, entry.displayNumber()}, {u"due_date"_s, greekDate(r.dueMs)},
                    {u"request_url"_s, QString(m_settings.baseUrl + u"/requests/"_s + QString::number(r.id))},
                    {u"requests_url"_s, QString(m_settings.baseUrl + u"/requests"_s)}};
                m_mail->enqueue(OutgoingMail{
                    citizen->email, language == u"en" ? u"en"_s : u"el"_s, u"request_received"_s, mailValues, {}});
            }
        },
        Database::Lock::Immediate);
    qCInfo(lcRequests).noquote() << "request" << r.id << "of type" << r.typeCode << "submitted";
    return r;
}

QList<CitizenRequest> RequestService::listMine(qint64 citizenId) const
{
    RequestQuery q;
    q.citizenId = citizenId;
    q.limit = 1000;
    QList<CitizenRequest> out = m_requests.list(q);
    std::sort(out.begin(), out.end(), [](const CitizenRequest &a, const CitizenRequest &b) { return a.id > b.id; });
    return out;
}

CitizenRequest RequestService::getMine(qint64 citizenId, qint64 requestId) const
{
    const std::optional<CitizenRequest> r = m_requests.find(requestId);
    // Another citizen's request looks exactly like one that does not exist.
    if (!r || r->citizenId != citizenId)
        throw notFound(requestId);
    return *r;
}

CitizenRequest RequestService::addDocuments(
    qint64 citizenId, qint64 requestId, const QList<UploadedDocument> &documents)
{
    CitizenRequest r = getMine(citizenId, requestId);
    if (documents.isEmpty())
        throw invalid(u"send at least one document"_s);
    if (r.status != u"awaiting_documents")
        throw invalid(u"request %1 is not waiting for documents; documents can be added only when the "
                      u"municipality asks for them"_s.arg(requestId));
    const std::optional<RequestType> type = m_requests.type(r.typeCode);
    for (const UploadedDocument &d : documents)
        if (!d.requirementCode.isEmpty()
            && (!type
                || std::none_of(type->documents.cbegin(), type->documents.cend(),
                    [&](const RequestTypeDocument &t) { return t.code == d.requirementCode; })))
            throw invalid(u"the document \"%1\" is marked as \"%2\", which this request type does not ask for"_s.arg(
                d.fileName.left(120), d.requirementCode.left(64)));
    const QList<CheckedDocument> checked = checkDocuments(documents);
    storeFiles(documents);
    const int version = r.version;
    m_db.transaction(
        [&] {
            const qint64 now = m_clock.nowMs();
            ProtocolEntry entry;
            entry.bookCode = u"general"_s;
            entry.direction = u"in"_s;
            entry.correspondent = QString(
                r.applicant.value(u"given_name"_s).toString() + u' ' + r.applicant.value(u"surname"_s).toString())
                                      .trimmed();
            entry.subject = (type ? type->name.el : r.typeCode) + u" — συμπληρωματικά δικαιολογητικά"_s;
            entry.departmentId = r.departmentId;
            entry.registeredBy = u"web"_s;
            entry.relatedEntryIds = {r.protocolEntryId};
            for (qsizetype i = 0; i < documents.size(); ++i)
                entry.attachments.append(ProtocolAttachment{
                    documents[i].fileName, checked[i].mediaType, checked[i].size, checked[i].sha256});
            entry = m_protocol.registerEntry(entry, now);
            for (qsizetype i = 0; i < documents.size(); ++i) {
                RequestDocument d{0, r.id, documents[i].requirementCode, documents[i].fileName, checked[i].mediaType,
                    checked[i].size, checked[i].sha256, entry.id, now};
                m_requests.addDocument(d);
            }
            RequestHistoryEntry h;
            h.kind = u"documents_added"_s;
            h.actorName = u"citizen"_s;
            h.oldStatus = r.status;
            h.text = entry.displayNumber();
            r.status = u"in_progress"_s;
            r.requestedDocuments.clear();
            writeChange(r, version, h);
            mailCitizen(r, u"request_update"_s,
                QJsonObject{{u"documents_added"_s, true}, {u"new_protocol_number"_s, entry.displayNumber()}});
        },
        Database::Lock::Immediate);
    return r;
}

CitizenRequest RequestService::withdraw(qint64 citizenId, qint64 requestId)
{
    CitizenRequest r = getMine(citizenId, requestId);
    if (!r.isOpen())
        throw invalid(u"request %1 is already closed (%2)"_s.arg(requestId).arg(r.status));
    const int version = r.version;
    m_db.transaction([&] {
        RequestHistoryEntry h;
        h.kind = u"withdrawn"_s;
        h.actorName = u"citizen"_s;
        h.oldStatus = r.status;
        r.status = u"withdrawn"_s;
        r.closedMs = m_clock.nowMs();
        writeChange(r, version, h);
    });
    return r;
}

ServedFile RequestService::documentFile(const CitizenRequest &r, qint64 documentId) const
{
    for (const RequestDocument &d : m_requests.documents(r.id)) {
        if (d.id != documentId)
            continue;
        const std::optional<QByteArray> data = m_documents.get(d.sha256);
        if (!data)
            throw ApiError(ApiError::Kind::Internal, u"the file of document %1 is missing from the store"_s.arg(d.id));
        return ServedFile{d.fileName, d.mediaType, d.sha256, *data};
    }
    throw ApiError(ApiError::Kind::NotFound, u"request %1 has no document %2"_s.arg(r.id).arg(documentId));
}

ServedFile RequestService::answerFile(const CitizenRequest &r) const
{
    const std::optional<IssuedDocument> issued = m_requests.issued(r.id);
    if (!issued)
        throw ApiError(ApiError::Kind::NotFound, u"request %1 has no issued answer"_s.arg(r.id));
    const std::optional<QByteArray> data = m_documents.get(issued->sha256);
    if (!data)
        throw ApiError(ApiError::Kind::Internal, u"the answer of request %1 is missing from the store"_s.arg(r.id));
    return ServedFile{u"answer-%1.pdf"_s.arg(r.id), u"application/pdf"_s, issued->sha256, *data};
}

ServedFile RequestService::citizenDocument(
    qint64 citizenId, qint64 requestId, qint64 documentId, const AuditActor &actor)
{
    const CitizenRequest r = getMine(citizenId, requestId);
    ServedFile f = documentFile(r, documentId);
    audited(u"citizen"_s, std::nullopt, citizenId, u"citizen"_s, u"open_document"_s, r, f.sha256,
        u"document %1"_s.arg(documentId), actor);
    return f;
}

ServedFile RequestService::citizenAnswer(qint64 citizenId, qint64 requestId, const AuditActor &actor)
{
    const CitizenRequest r = getMine(citizenId, requestId);
    ServedFile f = answerFile(r);
    audited(u"citizen"_s, std::nullopt, citizenId, u"citizen"_s, u"open_answer"_s, r, f.sha256, {}, actor);
    return f;
}

// ---- staff -----------------------------------------------------------------------------------

QList<CitizenRequest> RequestService::queue(
    const StaffUser &user, std::optional<qint64> departmentId, const QString &status, bool openOnly) const
{
    const bool any = user.role == Role::Admin || user.role == Role::Manager;
    if (departmentId && !any && !user.inDepartment(*departmentId))
        throw ApiError(ApiError::Kind::Forbidden, u"you are not in department %1"_s.arg(*departmentId));
    if (!status.isEmpty() && !CitizenRequest::isValidStatus(status))
        throw ApiError(ApiError::Kind::BadRequest,
            u"status must be one of submitted, in_progress, awaiting_documents, issued, rejected, withdrawn"_s);
    if (!any && user.departmentIds.isEmpty())
        return {};
    RequestQuery q;
    q.departmentId = departmentId;
    if (!any)
        q.departmentIds = user.departmentIds;
    q.status = status;
    q.openOnly = openOnly;
    return m_requests.list(q);
}

CitizenRequest RequestService::view(const StaffUser &user, qint64 requestId, const AuditActor &actor)
{
    const CitizenRequest r = loadForStaff(user, requestId);
    audited(u"staff"_s, user.id, std::nullopt, staffName(user), u"view_request"_s, r, {}, {}, actor);
    return r;
}

ServedFile RequestService::staffDocument(
    const StaffUser &user, qint64 requestId, qint64 documentId, const AuditActor &actor)
{
    const CitizenRequest r = loadForStaff(user, requestId);
    ServedFile f = documentFile(r, documentId);
    audited(u"staff"_s, user.id, std::nullopt, staffName(user), u"open_document"_s, r, f.sha256,
        u"document %1"_s.arg(documentId), actor);
    return f;
}

ServedFile RequestService::staffAnswer(const StaffUser &user, qint64 requestId, const AuditActor &actor)
{
    const CitizenRequest r = loadForStaff(user, requestId);
    ServedFile f = answerFile(r);
    audited(u"staff"_s, user.id, std::nullopt, staffName(user), u"open_answer"_s, r, f.sha256, {}, actor);
    return f;
}

CitizenRequest RequestService::mutate(const StaffUser &user, qint64 id, int version, const QStringList &allowed,
    const std::function<void(CitizenRequest &, RequestHistoryEntry &)> &change)
{
    loadForStaff(user, id); // 404 / 403 before anything else
    CitizenRequest r;
    m_db.transaction(
        [&] {
            r = load(id);
            if (r.version != version)
                throw ApiError(ApiError::Kind::Conflict,
                    u"request %1 was changed by someone else since you read it (version %2, you sent %3); reload it"_s
                        .arg(id)
                        .arg(r.version)
                        .arg(version),
                    QJsonObject{{u"request"_s, itemJson(r)}});
            if (!allowed.contains(r.status))
                throw invalid(u"request %1 is %2; this needs it to be %3"_s.arg(id).arg(r.status, statusNeed(allowed)));
            RequestHistoryEntry h;
            h.actorUserId = user.id;
            h.actorName = staffName(user);
            h.oldStatus = r.status;
            change(r, h);
            writeChange(r, version, h);
        },
        Database::Lock::Immediate);
    return r;
}

CitizenRequest RequestService::claim(const StaffUser &user, qint64 requestId, int version)
{
    return mutate(
        user, requestId, version, {u"submitted"_s, u"in_progress"_s}, [&](CitizenRequest &r, RequestHistoryEntry &h) {
            if (r.assignedUserId == user.id && r.status == u"in_progress")
                throw invalid(u"request %1 is already yours"_s.arg(r.id));
            r.assignedUserId = user.id;
            r.status = u"in_progress"_s;
            h.kind = u"claimed"_s;
            h.citizenVisible = r.status != h.oldStatus;
        });
}

CitizenRequest RequestService::ask(const StaffUser &user, qint64 requestId, int version, const QString &text)
{
    const QString what = limited(text, kMaxText, u"text"_s);
    if (what.isEmpty())
        throw invalid(u"text: say which documents or details are needed"_s);
    return mutate(
        user, requestId, version, {u"submitted"_s, u"in_progress"_s}, [&](CitizenRequest &r, RequestHistoryEntry &h) {
            if (!r.assignedUserId)
                r.assignedUserId = user.id;
            r.status = u"awaiting_documents"_s;
            r.requestedDocuments = what;
            h.kind = u"asked"_s;
            h.text = what;
            mailCitizen(r, u"request_update"_s, QJsonObject{{u"asked"_s, true}, {u"text"_s, what}});
        });
}

ProtocolEntry RequestService::outgoingEntry(
    const StaffUser &user, const CitizenRequest &r, const RequestType &type, const QString &subject) const
{
    ProtocolEntry e;
    e.bookCode = u"general"_s;
    e.direction = u"out"_s;
    e.correspondent
        = QString(r.applicant.value(u"given_name"_s).toString() + u' ' + r.applicant.value(u"surname"_s).toString())
              .trimmed();
    e.subject = subject.isEmpty() ? type.name.el : subject;
    e.departmentId = r.departmentId;
    e.registeredBy = staffName(user);
    e.registeredByUserId = user.id;
    e.relatedEntryIds = {r.protocolEntryId};
    return e;
}

CitizenRequest RequestService::issue(
    const StaffUser &user, qint64 requestId, int version, const QString &note, AnswerRenderer &renderer)
{
    const QString noteText = limited(note, kMaxText, u"note"_s);
    return mutate(
        user, requestId, version, {u"submitted"_s, u"in_progress"_s}, [&](CitizenRequest &r, RequestHistoryEntry &h) {
            const std::optional<RequestType> type = m_requests.type(r.typeCode);
            if (!type)
                throw invalid(u"the request type \"%1\" no longer exists"_s.arg(r.typeCode));
            const qint64 now = m_clock.nowMs();
            // The answer prints its own outgoing number, so it is rendered after the number is
            // taken, inside this transaction: a failure below gives the number back.
            const ProtocolEntry out = m_protocol.registerEntry(outgoingEntry(user, r, *type, {}), now);
            const std::optional<ProtocolEntry> incoming = m_protocol.find(r.protocolEntryId);
            const QString department = [&] {
                const auto d = m_catalog.department(r.departmentId);
                return d ? d->name.el : QString();
            }();
            const QJsonObject &a = r.applicant;
            QJsonObject fields;
            for (const auto &[code, list] : m_requests.values(r.id)) {
                const AttributeDefinition *def = type->field(code);
                QStringList shown;
                for (const QString &v : list) {
                    QString name = v;
                    if (def)
                        for (const AttributeOption &o : def->values)
                            if (o.key == v)
                                name = o.name.el.isEmpty() ? o.name.en : o.name.el;
                    shown.append(name);
                }
                fields.insert(code, shown.join(u", "_s));
            }
            const QString fullName
                = QString(a.value(u"given_name"_s).toString() + u' ' + a.value(u"surname"_s).toString()).trimmed();
            const QJsonObject values{
                {u"applicant"_s,
                    QJsonObject{{u"full_name"_s, fullName}, {u"given_name"_s, a.value(u"given_name"_s)},
                        {u"surname"_s, a.value(u"surname"_s)}, {u"father_name"_s, a.value(u"father_name"_s)},
                        {u"mother_name"_s, a.value(u"mother_name"_s)},
                        {u"birth_date"_s, printedDate(a.value(u"birth_date"_s).toString())},
                        {u"afm"_s, a.value(u"afm"_s)}, {u"amka"_s, a.value(u"amka"_s)},
                        {u"address"_s, a.value(u"address"_s)}}},
                {u"fields"_s, fields}, {u"municipality"_s, m_settings.municipalityName}, {u"department"_s, department},
                {u"protocol"_s,
                    QJsonObject{{u"incoming"_s, incoming ? incoming->displayNumber() : QString()},
                        {u"outgoing"_s, out.displayNumber()}}},
                {u"today"_s, greekDate(now)}};
            QString why;
            const std::optional<QString> body
                = Templates::renderText(type->answerTemplate, values, Templates::Escape::PlainText, &why);
            if (!body)
                throw ApiError(ApiError::Kind::Validation,
                    u"the answer template of \"%1\" is broken (%2); an administrator must fix it; nothing was issued"_s
                        .arg(type->code, why));

            AnswerContent content;
            content.municipality = m_settings.municipalityName;
            content.department = department;
            content.title = type->answerTitle.el.isEmpty() ? type->name.el.toUpper() : type->answerTitle.el;
            const std::pair<QString, QString> rows[]
                = {{u"Ονοματεπώνυμο"_s, fullName}, {u"Πατρώνυμο"_s, a.value(u"father_name"_s).toString()},
                    {u"Μητρώνυμο"_s, a.value(u"mother_name"_s).toString()},
                    {u"Ημερομηνία γέννησης"_s, printedDate(a.value(u"birth_date"_s).toString())},
                    {u"ΑΦΜ"_s, a.value(u"afm"_s).toString()}, {u"Διεύθυνση"_s, a.value(u"address"_s).toString()}};
            for (const auto &[label, value] : rows)
                if (!value.isEmpty())
                    content.applicant.append({label, value});
            content.body = body->trimmed();
            content.protocolNumber = out.displayNumber();
            content.incomingProtocolNumber = incoming ? incoming->displayNumber() : QString();
            content.issuedDate = greekDate(now);
            content.verificationCode = verificationcode::generate();
            content.verificationUrl = m_settings.baseUrl + u"/verify/"_s + content.verificationCode;
            content.signedBy = staffName(user);
            const std::optional<QByteArray> pdf = renderer.render(content, &why);
            if (!pdf || pdf->isEmpty())
                throw ApiError(ApiError::Kind::Unavailable,
                    u"the answer PDF could not be made (%1); nothing was issued: try again later"_s.arg(why));
            QString error;
            const std::optional<QString> sha = m_documents.put(*pdf, &error);
            if (!sha)
                throw std::runtime_error(error.toStdString());
            IssuedDocument issued;
            issued.requestId = r.id;
            issued.verificationCode = content.verificationCode;
            issued.typeCode = r.typeCode;
            issued.protocolEntryId = out.id;
            issued.sha256 = *sha;
            issued.size = pdf->size();
            issued.issuedMs = now;
            issued.issuedByUserId = user.id;
            m_requests.insertIssued(issued);

            if (!r.assignedUserId)
                r.assignedUserId = user.id;
            r.status = u"issued"_s;
            r.answerEntryId = out.id;
            r.closedMs = now;
            r.requestedDocuments.clear();
            h.kind = u"issued"_s;
            h.text = noteText.isEmpty() ? out.displayNumber() : out.displayNumber() + u" — "_s + noteText;
            mailCitizen(r, u"request_update"_s,
                QJsonObject{{u"issued"_s, true}, {u"answer_protocol_number"_s, out.displayNumber()},
                    {u"verification_code"_s, content.verificationCode}});
        });
}

CitizenRequest RequestService::reject(const StaffUser &user, qint64 requestId, int version, const QString &reason)
{
    const QString why = limited(reason, kMaxText, u"reason"_s);
    if (why.isEmpty())
        throw invalid(u"reason: say why the request is rejected; the citizen reads it"_s);
    return mutate(user, requestId, version, {u"submitted"_s, u"in_progress"_s, u"awaiting_documents"_s},
        [&](CitizenRequest &r, RequestHistoryEntry &h) {
            const std::optional<RequestType> type = m_requests.type(r.typeCode);
            const QString subject = (type ? type->name.el : r.typeCode) + u" — απόρριψη: "_s + why.left(300);
            const ProtocolEntry out = m_protocol.registerEntry(
                outgoingEntry(user, r, type.value_or(RequestType{}), subject), m_clock.nowMs());
            if (!r.assignedUserId)
                r.assignedUserId = user.id;
            r.status = u"rejected"_s;
            r.answerEntryId = out.id;
            r.rejectReason = why;
            r.closedMs = m_clock.nowMs();
            h.kind = u"rejected"_s;
            h.text = why;
            mailCitizen(r, u"request_update"_s,
                QJsonObject{
                    {u"rejected"_s, true}, {u"reason"_s, why}, {u"answer_protocol_number"_s, out.displayNumber()}});
        });
}

QList<AuditEntry> RequestService::audit(const AuditQuery &query) const
{
    return m_requests.audit(query);
}

} // namespace dimos
