#pragma once

#include <QString>

#include <optional>

namespace dimos {

class Database;

// A document the municipality issued: the answer PDF of a request (table issued_documents,
// docs/EDIMOTIS.md).
struct IssuedDocument
{
    qint64 id = 0;
    qint64 requestId = 0;
    QString verificationCode; // XXXX-XXXX-XXXX (core/VerificationCode)
    QString typeCode;
    qint64 protocolEntryId = 0; // the outgoing entry
    QString sha256; // hex, of the PDF as stored
    qint64 size = 0;
    qint64 issuedMs = 0;
    std::optional<qint64> issuedByUserId;
    std::optional<qint64> revokedMs;
    QString revokedReason;

    // Filled by the finds (ignored by insert): the type's names and the outgoing protocol
    // entry's number as printed ("15924/19-05-2021") and registration time.
    QString typeNameEl;
    QString typeNameEn;
    QString protocolNumber;
    qint64 protocolRegisteredMs = 0;

    bool revoked() const { return revokedMs.has_value(); }
};

class IssuedDocumentRepository final
{
public:
    explicit IssuedDocumentRepository(Database &db) : m_db(db) { }

    // Writes `document` (all but id and the filled-by-finds fields) in the caller's transaction
    // (or on its own outside one) and returns its id. Throws StorageError (a code or request
    // already issued, a missing request, type or protocol entry).
    qint64 insert(const IssuedDocument &document);

    // `code` as stored (verificationcode::normalise gives it from what a person typed).
    std::optional<IssuedDocument> findByCode(const QString &code) const;
    std::optional<IssuedDocument> findByRequest(qint64 requestId) const;

    // Marks it revoked at `nowMs` with the reason (kept for staff; the public page shows only
    // that and when). False when there is no such document or it was revoked already.
    bool revoke(qint64 id, qint64 nowMs, const QString &reason);

private:
    std::optional<IssuedDocument> findWhere(const QString &condition, const QVariant &value) const;
    Database &m_db;
};

} // namespace dimos
