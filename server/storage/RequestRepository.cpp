#include "RequestRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

#include "server/storage/Database.h"
#include "server/storage/StorageError.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

QVariant optionalId(const std::optional<qint64> &id)
{
    return id ? QVariant(*id) : QVariant();
}

std::optional<qint64> optionalFrom(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString optionsJson(const QList<AttributeOption> &options)
{
    QJsonArray out;
    for (const AttributeOption &o : options)
        out.append(QJsonObject{{u"key"_s, o.key}, {u"name_el"_s, o.name.el}, {u"name_en"_s, o.name.en}});
    return QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact));
}

QList<AttributeOption> optionsFrom(const QString &json)
{
    QList<AttributeOption> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).array()) {
        const QJsonObject o = v.toObject();
        out.append(AttributeOption{
            o.value(u"key"_s).toString(), {o.value(u"name_el"_s).toString(), o.value(u"name_en"_s).toString()}});
    }
    return out;
}

const QString kTypeColumns = u"code, kind, name_el, name_en, description_el, description_en, department_id, "
                             "deadline_days, fee_el, fee_en, opens_on, closes_on, answer_title_el, answer_title_en, "
                             "answer_template, active, sort_order, created_ms, updated_ms"_s;

const QString kRequestColumns
    = u"id, type_code, citizen_id, status, department_id, assigned_user_id, applicant_json, protocol_entry_id, "
      "answer_entry_id, requested_documents, reject_reason, submitted_ms, due_ms, updated_ms, closed_ms, version"_s;

CitizenRequest requestFrom(const CachedQuery &c)
{
    const QSqlQuery &q = c;
    CitizenRequest r;
    r.id = q.value(0).toLongLong();
    r.typeCode = q.value(1).toString();
    r.citizenId = q.value(2).toLongLong();
    r.status = q.value(3).toString();
    r.departmentId = q.value(4).toLongLong();
    r.assignedUserId = optionalFrom(q.value(5));
    r.applicant = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
    r.protocolEntryId = q.value(7).toLongLong();
    r.answerEntryId = optionalFrom(q.value(8));
    r.requestedDocuments = q.value(9).toString();
    r.rejectReason = q.value(10).toString();
    r.submittedMs = q.value(11).toLongLong();
    r.dueMs = q.value(12).toLongLong();
    r.updatedMs = q.value(13).toLongLong();
    r.closedMs = optionalFrom(q.value(14));
    r.version = q.value(15).toInt();
    return r;
}

} // namespace

const AttributeDefinition *RequestType::field(QStringView code) const
{
    for (const AttributeDefinition &f : fields)
        if (f.code == code)
            return &f;
    return nullptr;
}

QJsonObject ApplicantProfile::applicantJson() const
{
    return QJsonObject{{u"given_name"_s, givenName}, {u"surname"_s, surname}, {u"father_name"_s, fatherName},
        {u"mother_name"_s, motherName}, {u"birth_date"_s, birthDate}, {u"afm"_s, afm}, {u"amka"_s, amka},
        {u"id_card"_s, idCard}, {u"address"_s, address}, {u"phone"_s, phone}, {u"email"_s, email}};
}

bool CitizenRequest::isOpenStatus(QStringView status)
{
    return status == u"submitted" || status == u"in_progress" || status == u"awaiting_documents";
}

bool CitizenRequest::isValidStatus(QStringView status)
{
    return isOpenStatus(status) || status == u"issued" || status == u"rejected" || status == u"withdrawn";
}

QJsonObject AuditEntry::toJson() const
{
    const auto id = [](const std::optional<qint64> &v) { return v ? QJsonValue(*v) : QJsonValue(); };
    return QJsonObject{{u"id"_s, this->id}, {u"at"_s, formatUtc(atMs)}, {u"at_ms"_s, atMs},
        {u"actor_kind"_s, actorKind}, {u"actor_user_id"_s, id(actorUserId)},
        {u"actor_citizen_id"_s, id(actorCitizenId)}, {u"actor_name"_s, actorName}, {u"action"_s, action},
        {u"request_id"_s, id(requestId)}, {u"sha256"_s, sha256}, {u"detail"_s, detail},
        {u"client_address"_s, clientAddress}};
}

// ---- request types ---------------------------------------------------------------------------

QList<RequestType> RequestRepository::types(bool activeOnly) const
{
    QList<RequestType> out;
    {
        CachedQuery q = m_db.cached(u"SELECT "_s + kTypeColumns + u" FROM request_types ORDER BY sort_order, code"_s);
        while (q.next()) {
            RequestType t;
            t.code = q.value(0).toString();
            t.kind = q.value(1).toString();
            t.name = {q.value(2).toString(), q.value(3).toString()};
            t.description = {q.value(4).toString(), q.value(5).toString()};
            t.departmentId = q.value(6).toLongLong();
            t.deadlineDays = q.value(7).toInt();
            t.fee = {q.value(8).toString(), q.value(9).toString()};
            t.opensOn = q.value(10).toString();
            t.closesOn = q.value(11).toString();
            t.answerTitle = {q.value(12).toString(), q.value(13).toString()};
            t.answerTemplate = q.value(14).toString();
            t.active = q.value(15).toInt() != 0;
            t.sortOrder = q.value(16).toInt();
            t.createdMs = q.value(17).toLongLong();
            t.updatedMs = q.value(18).toLongLong();
            if (!activeOnly || t.active)
                out.append(t);
        }
    }
    QHash<QString, qsizetype> index;
    for (qsizetype i = 0; i < out.size(); ++i)
        index.insert(out[i].code, i);
    {
        CachedQuery q = m_db.cached(u"SELECT type_code, code, datatype, required, sort_order, label_el, label_en, "
                                    "help_el, help_en, value_options FROM request_type_fields "
                                    "ORDER BY type_code, sort_order, code"_s);
        while (q.next()) {
            const auto at = index.constFind(q.value(0).toString());
            if (at == index.cend())
                continue;
            AttributeDefinition f;
            f.code = q.value(1).toString();
            f.type = attributeTypeFromString(q.value(2).toString()).value_or(AttributeType::String);
            f.required = q.value(3).toInt() != 0;
            f.order = q.value(4).toInt();
            f.description = {q.value(5).toString(), q.value(6).toString()};
            f.datatypeDescription = {q.value(7).toString(), q.value(8).toString()};
            f.values = optionsFrom(q.value(9).toString());
            out[*at].fields.append(f);
        }
    }
    {
        CachedQuery q = m_db.cached(u"SELECT type_code, code, required, sort_order, label_el, label_en, help_el, "
                                    "help_en FROM request_type_documents ORDER BY type_code, sort_order, code"_s);
        while (q.next()) {
            const auto at = index.constFind(q.value(0).toString());
            if (at == index.cend())
                continue;
            RequestTypeDocument d;
            d.code = q.value(1).toString();
            d.required = q.value(2).toInt() != 0;
            d.order = q.value(3).toInt();
            d.label = {q.value(4).toString(), q.value(5).toString()};
            d.help = {q.value(6).toString(), q.value(7).toString()};
            out[*at].documents.append(d);
        }
    }
    return out;
}

std::optional<RequestType> RequestRepository::type(const QString &code) const
{
    for (const RequestType &t : types())
        if (t.code == code)
            return t;
    return std::nullopt;
}

void RequestRepository::upsertType(const RequestType &t, qint64 nowMs)
{
    m_db.transaction([&] {
        m_db.cached(u"INSERT INTO request_types ("_s + kTypeColumns
                + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, name_el = excluded.name_el, "
                  "name_en = excluded.name_en, description_el = excluded.description_el, "
                  "description_en = excluded.description_en, department_id = excluded.department_id, "
                  "deadline_days = excluded.deadline_days, fee_el = excluded.fee_el, fee_en = excluded.fee_en, "
                  "opens_on = excluded.opens_on, closes_on = excluded.closes_on, "
                  "answer_title_el = excluded.answer_title_el, answer_title_en = excluded.answer_title_en, "
                  "answer_template = excluded.answer_template, active = excluded.active, "
                  "sort_order = excluded.sort_order, updated_ms = excluded.updated_ms"_s,
            {t.code, t.kind, t.name.el, t.name.en, t.description.el, t.description.en, t.departmentId, t.deadlineDays,
                t.fee.el, t.fee.en, t.opensOn, t.closesOn, t.answerTitle.el, t.answerTitle.en, t.answerTemplate,
                t.active ? 1 : 0, t.sortOrder, nowMs, nowMs});
        m_db.cached(u"DELETE FROM request_type_fields WHERE type_code = ?"_s, {t.code});
        m_db.cached(u"DELETE FROM request_type_documents WHERE type_code = ?"_s, {t.code});
        for (const AttributeDefinition &f : t.fields)
            m_db.cached(u"INSERT INTO request_type_fields (type_code, code, datatype, required, sort_order, label_el, "
                        "label_en, help_el, help_en, value_options) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                {t.code, f.code, attributeTypeToString(f.type), f.required ? 1 : 0, f.order, f.description.el,
                    f.description.en, f.datatypeDescription.el, f.datatypeDescription.en, optionsJson(f.values)});
        for (const RequestTypeDocument &d : t.documents)
            m_db.cached(u"INSERT INTO request_type_documents (type_code, code, required, sort_order, label_el, "
                        "label_en, help_el, help_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
                {t.code, d.code, d.required ? 1 : 0, d.order, d.label.el, d.label.en, d.help.el, d.help.en});
    });
}

// ---- citizens (read only) --------------------------------------------------------------------

std::optional<ApplicantProfile> RequestRepository::citizen(qint64 citizenId) const
{
    CachedQuery q = m_db.cached(u"SELECT id, email, email_verified_ms, language, active, given_name, surname, "
                                "father_name, mother_name, birth_date, afm, amka, id_card, address, phone "
                                "FROM citizens WHERE id = ?"_s,
        {citizenId});
    if (!q.next())
        return std::nullopt;
    ApplicantProfile p;
    p.id = q.value(0).toLongLong();
    p.email = q.value(1).toString();
    p.emailVerified = !q.value(2).isNull();
    p.language = q.value(3).toString() == u"en" ? u"en"_s : u"el"_s;
    p.active = q.value(4).toInt() != 0;
    p.givenName = q.value(5).toString();
    p.surname = q.value(6).toString();
    p.fatherName = q.value(7).toString();
    p.motherName = q.value(8).toString();
    p.birthDate = q.value(9).toString();
    p.afm = q.value(10).toString();
    p.amka = q.value(11).toString();
    p.idCard = q.value(12).toString();
    p.address = q.value(13).toString();
    p.phone = q.value(14).toString();
    return p;
}

// ---- requests --------------------------------------------------------------------------------

void RequestRepository::insert(CitizenRequest &r)
{
    CachedQuery q = m_db.cached(
        u"INSERT INTO requests (type_code, citizen_id, status, department_id, assigned_user_id, applicant_json, "
        "protocol_entry_id, answer_entry_id, requested_documents, reject_reason, submitted_ms, due_ms, updated_ms, "
        "closed_ms, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id"_s,
        {r.typeCode, r.citizenId, r.status, r.departmentId, optionalId(r.assignedUserId), compactJson(r.applicant),
            r.protocolEntryId, optionalId(r.answerEntryId), r.requestedDocuments, r.rejectReason, r.submittedMs,
            r.dueMs, r.updatedMs, optionalId(r.closedMs)});
    if (!q.next())
        throw StorageError(u"the request was not stored"_s);
    r.id = q.value(0).toLongLong();
    r.version = 1;
}

std::optional<CitizenRequest> RequestRepository::find(qint64 id) const
{
    CachedQuery q = m_db.cached(u"SELECT "_s + kRequestColumns + u" FROM requests WHERE id = ?"_s, {id});
    if (!q.next())
        return std::nullopt;
    return requestFrom(q);
}

QList<CitizenRequest> RequestRepository::list(const RequestQuery &query) const
{
    QString sql = u"SELECT "_s + kRequestColumns + u" FROM requests WHERE 1 = 1"_s;
    QVariantList values;
    if (query.departmentId) {
        sql += u" AND department_id = ?"_s;
        values.append(*query.departmentId);
    }
    if (!query.departmentIds.isEmpty())
        sql += u" AND "_s + m_db.idsCondition(u"department_id"_s, query.departmentIds, &values);
    if (!query.status.isEmpty()) {
        sql += u" AND status = ?"_s;
        values.append(query.status);
    }
    if (query.openOnly)
        sql += u" AND status IN ('submitted', 'in_progress', 'awaiting_documents')"_s;
    if (query.citizenId) {
        sql += u" AND citizen_id = ?"_s;
        values.append(*query.citizenId);
    }
    // The queue: what is due first on top; a citizen's list: newest first (RequestService sorts).
    sql += u" ORDER BY due_ms, id LIMIT ?"_s;
    values.append(query.limit);
    QList<CitizenRequest> out;
    CachedQuery q = m_db.cached(sql, values);
    while (q.next())
        out.append(requestFrom(q));
    return out;
}

bool RequestRepository::updateGuarded(const CitizenRequest &r, int expectedVersion)
{
    CachedQuery q = m_db.cached(
        u"UPDATE requests SET status = ?, department_id = ?, assigned_user_id = ?, answer_entry_id = ?, "
        "requested_documents = ?, reject_reason = ?, updated_ms = ?, closed_ms = ?, version = version + 1 "
        "WHERE id = ? AND version = ?"_s,
        {r.status, r.departmentId, optionalId(r.assignedUserId), optionalId(r.answerEntryId), r.requestedDocuments,
            r.rejectReason, r.updatedMs, optionalId(r.closedMs), r.id, expectedVersion});
    return q.numRowsAffected() == 1;
}

void RequestRepository::setValues(qint64 requestId, const QList<std::pair<QString, QStringList>> &values)
{
    m_db.cached(u"DELETE FROM request_values WHERE request_id = ?"_s, {requestId});
    for (const auto &[code, list] : values)
        for (qsizetype i = 0; i < list.size(); ++i)
            m_db.cached(u"INSERT INTO request_values (request_id, code, position, value) VALUES (?, ?, ?, ?)"_s,
                {requestId, code, int(i), list.at(i)});
}

QList<std::pair<QString, QStringList>> RequestRepository::values(qint64 requestId) const
{
    QList<std::pair<QString, QStringList>> out;
    CachedQuery q = m_db.cached(
        u"SELECT code, value FROM request_values WHERE request_id = ? ORDER BY code, position"_s, {requestId});
    while (q.next()) {
        const QString code = q.value(0).toString();
        if (out.isEmpty() || out.last().first != code)
            out.append({code, {}});
        out.last().second.append(q.value(1).toString());
    }
    return out;
}

void RequestRepository::addDocument(RequestDocument &d)
{
    CachedQuery q = m_db.cached(
        u"INSERT INTO request_documents (request_id, requirement_code, file_name, media_type, size, sha256, "
        "protocol_entry_id, uploaded_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
        {d.requestId, d.requirementCode, d.fileName, d.mediaType, d.size, d.sha256, d.protocolEntryId, d.uploadedMs});
    if (!q.next())
        throw StorageError(u"the request document was not stored"_s);
    d.id = q.value(0).toLongLong();
}

QList<RequestDocument> RequestRepository::documents(qint64 requestId) const
{
    QList<RequestDocument> out;
    CachedQuery q = m_db.cached(u"SELECT id, request_id, requirement_code, file_name, media_type, size, sha256, "
                                "protocol_entry_id, uploaded_ms FROM request_documents WHERE request_id = ? "
                                "ORDER BY id"_s,
        {requestId});
    while (q.next())
        out.append(RequestDocument{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toString(), q.value(5).toLongLong(), q.value(6).toString(),
            q.value(7).toLongLong(), q.value(8).toLongLong()});
    return out;
}

void RequestRepository::addHistory(RequestHistoryEntry &e)
{
    CachedQuery q = m_db.cached(
        u"INSERT INTO request_history (request_id, at_ms, kind, actor_user_id, actor_name, old_status, new_status, "
        "text, citizen_visible) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
        {e.requestId, e.atMs, e.kind, optionalId(e.actorUserId), e.actorName,
            e.oldStatus.isEmpty() ? QVariant() : QVariant(e.oldStatus),
            e.newStatus.isEmpty() ? QVariant() : QVariant(e.newStatus), e.text, e.citizenVisible ? 1 : 0});
    if (!q.next())
        throw StorageError(u"the request history line was not stored"_s);
    e.id = q.value(0).toLongLong();
}

QList<RequestHistoryEntry> RequestRepository::history(qint64 requestId, bool citizenVisibleOnly) const
{
    QList<RequestHistoryEntry> out;
    CachedQuery q = m_db.cached(u"SELECT id, request_id, at_ms, kind, actor_user_id, actor_name, old_status, "
                                "new_status, text, citizen_visible FROM request_history WHERE request_id = ? "
                                "ORDER BY id"_s,
        {requestId});
    while (q.next()) {
        RequestHistoryEntry e;
        e.id = q.value(0).toLongLong();
        e.requestId = q.value(1).toLongLong();
        e.atMs = q.value(2).toLongLong();
        e.kind = q.value(3).toString();
        e.actorUserId = optionalFrom(q.value(4));
        e.actorName = q.value(5).toString();
        e.oldStatus = q.value(6).toString();
        e.newStatus = q.value(7).toString();
        e.text = q.value(8).toString();
        e.citizenVisible = q.value(9).toInt() != 0;
        if (!citizenVisibleOnly || e.citizenVisible)
            out.append(e);
    }
    return out;
}

void RequestRepository::insertIssued(IssuedDocument &d)
{
    CachedQuery q = m_db.cached(
        u"INSERT INTO issued_documents (request_id, verification_code, type_code, protocol_entry_id, sha256, size, "
        "issued_ms, issued_by_user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
        {d.requestId, d.verificationCode, d.typeCode, d.protocolEntryId, d.sha256, d.size, d.issuedMs,
            optionalId(d.issuedByUserId)});
    if (!q.next())
        throw StorageError(u"the issued document was not stored"_s);
    d.id = q.value(0).toLongLong();
}

std::optional<IssuedDocument> RequestRepository::issued(qint64 requestId) const
{
    CachedQuery q = m_db.cached(u"SELECT id, request_id, verification_code, type_code, protocol_entry_id, sha256, "
                                "size, issued_ms, issued_by_user_id, revoked_ms, revoked_reason "
                                "FROM issued_documents WHERE request_id = ?"_s,
        {requestId});
    if (!q.next())
        return std::nullopt;
    IssuedDocument d;
    d.id = q.value(0).toLongLong();
    d.requestId = q.value(1).toLongLong();
    d.verificationCode = q.value(2).toString();
    d.typeCode = q.value(3).toString();
    d.protocolEntryId = q.value(4).toLongLong();
    d.sha256 = q.value(5).toString();
    d.size = q.value(6).toLongLong();
    d.issuedMs = q.value(7).toLongLong();
    d.issuedByUserId = optionalFrom(q.value(8));
    d.revokedMs = optionalFrom(q.value(9));
    d.revokedReason = q.value(10).toString();
    return d;
}

void RequestRepository::insertAudit(AuditEntry &e)
{
    CachedQuery q = m_db.cached(
        u"INSERT INTO audit_log (at_ms, actor_kind, actor_user_id, actor_citizen_id, actor_name, action, request_id, "
        "sha256, detail, client_address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
        {e.atMs, e.actorKind, optionalId(e.actorUserId), optionalId(e.actorCitizenId), e.actorName, e.action,
            optionalId(e.requestId), e.sha256, e.detail, e.clientAddress});
    if (!q.next())
        throw StorageError(u"the audit log row was not stored"_s);
    e.id = q.value(0).toLongLong();
}

QList<AuditEntry> RequestRepository::audit(const AuditQuery &query) const
{
    QString sql = u"SELECT id, at_ms, actor_kind, actor_user_id, actor_citizen_id, actor_name, action, request_id, "
                  "sha256, detail, client_address FROM audit_log WHERE 1 = 1"_s;
    QVariantList values;
    if (query.requestId) {
        sql += u" AND request_id = ?"_s;
        values.append(*query.requestId);
    }
    if (query.fromMs) {
        sql += u" AND at_ms >= ?"_s;
        values.append(*query.fromMs);
    }
    if (query.toMs) {
        sql += u" AND at_ms < ?"_s;
        values.append(*query.toMs);
    }
    sql += u" ORDER BY at_ms DESC, id DESC LIMIT ?"_s;
    values.append(query.limit);
    QList<AuditEntry> out;
    CachedQuery q = m_db.cached(sql, values);
    while (q.next()) {
        AuditEntry e;
        e.id = q.value(0).toLongLong();
        e.atMs = q.value(1).toLongLong();
        e.actorKind = q.value(2).toString();
        e.actorUserId = optionalFrom(q.value(3));
        e.actorCitizenId = optionalFrom(q.value(4));
        e.actorName = q.value(5).toString();
        e.action = q.value(6).toString();
        e.requestId = optionalFrom(q.value(7));
        e.sha256 = q.value(8).toString();
        e.detail = q.value(9).toString();
        e.clientAddress = q.value(10).toString();
        out.append(e);
    }
    return out;
}

} // namespace dimos
