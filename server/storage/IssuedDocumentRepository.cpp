#include "IssuedDocumentRepository.h"

#include <QVariant>

#include "server/storage/Database.h"
#include "server/storage/ProtocolRepository.h"
#include "server/storage/StorageError.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

QVariant nullable(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant();
}

std::optional<qint64> optionalMs(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

} // namespace

qint64 IssuedDocumentRepository::insert(const IssuedDocument &d)
{
    CachedQuery q = m_db.cached(
        u"INSERT INTO issued_documents (request_id, verification_code, type_code, protocol_entry_id, sha256, size, "
        u"issued_ms, issued_by_user_id, revoked_ms, revoked_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        u"RETURNING id"_s,
        {d.requestId, d.verificationCode, d.typeCode, d.protocolEntryId, d.sha256, d.size, d.issuedMs,
            nullable(d.issuedByUserId), nullable(d.revokedMs), d.revokedReason});
    if (!q.next())
        throw StorageError(u"the issued document was not stored"_s);
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    return id;
}

std::optional<IssuedDocument> IssuedDocumentRepository::findByCode(const QString &code) const
{
    return findWhere(u"d.verification_code = ?"_s, code);
}

std::optional<IssuedDocument> IssuedDocumentRepository::findByRequest(qint64 requestId) const
{
    return findWhere(u"d.request_id = ?"_s, requestId);
}

std::optional<IssuedDocument> IssuedDocumentRepository::findWhere(const QString &condition, const QVariant &value) const
{
    CachedQuery q = m_db.cached(
        u"SELECT d.id, d.request_id, d.verification_code, d.type_code, d.protocol_entry_id, d.sha256, d.size, "
        u"d.issued_ms, d.issued_by_user_id, d.revoked_ms, d.revoked_reason, t.name_el, t.name_en, p.number, "
        u"p.registered_ms FROM issued_documents d JOIN request_types t ON t.code = d.type_code "
        u"JOIN protocol_entries p ON p.id = d.protocol_entry_id WHERE "_s
            + condition,
        {value});
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
    d.issuedByUserId = optionalMs(q.value(8));
    d.revokedMs = optionalMs(q.value(9));
    d.revokedReason = q.value(10).toString();
    d.typeNameEl = q.value(11).toString();
    d.typeNameEn = q.value(12).toString();
    ProtocolEntry entry; // for the number as it is written everywhere else
    entry.number = q.value(13).toLongLong();
    entry.registeredMs = q.value(14).toLongLong();
    d.protocolNumber = entry.displayNumber();
    d.protocolRegisteredMs = entry.registeredMs;
    return d;
}

bool IssuedDocumentRepository::revoke(qint64 id, qint64 nowMs, const QString &reason)
{
    CachedQuery q = m_db.cached(u"UPDATE issued_documents SET revoked_ms = ?, revoked_reason = ? "
                                u"WHERE id = ? AND revoked_ms IS NULL"_s,
        {nowMs, reason, id});
    return q.numRowsAffected() == 1;
}

} // namespace dimos
