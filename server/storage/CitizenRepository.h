#pragma once

#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace dimos {

class Database;

// What a citizen tells the municipality about themselves (docs/EDIMOTIS.md): empty until they
// fill it in. ΑΦΜ and ΑΜΚΑ are stored normalised (9 and 11 digits), the birth date as
// YYYY-MM-DD; core/CitizenAccounts checks every field before it gets here.
struct CitizenProfile
{
    QString givenName;
    QString surname;
    QString fatherName;
    QString motherName;
    QString birthDate; // YYYY-MM-DD or empty
    QString afm;
    QString amka;
    QString idCard;
    QString address;
    QString phone;
    bool operator==(const CitizenProfile &) const = default;
};

// A citizen's account (table citizens, migration 0011).
struct Citizen
{
    qint64 id = 0;
    QString email; // lower case
    std::optional<qint64> emailVerifiedMs;
    QString language = QStringLiteral("el");
    bool active = true;
    CitizenProfile profile;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;
    std::optional<qint64> lastLoginMs;

    bool verified() const { return emailVerifiedMs.has_value(); }
};

// A signed-in browser session as stored: only the SHA-256 of its token is kept.
struct CitizenSessionRow
{
    qint64 id = 0;
    qint64 citizenId = 0;
    qint64 createdMs = 0;
    qint64 expiresMs = 0;
    qint64 lastUsedMs = 0;
    bool revoked = false;
};

// An external identity linked to an account (the national login, later): one subject of one
// provider belongs to at most one account.
struct CitizenIdentity
{
    qint64 citizenId = 0;
    QString provider;
    QString subject;
    qint64 linkedMs = 0;
};

// The citizens' accounts, their sessions, their one-time mailed tokens (verify, reset) and
// linked identities. SQL both SQLite and PostgreSQL accept. Tokens arrive here already hashed
// (PasswordHasher::secretDigest): nothing that could sign in is stored.
class CitizenRepository final
{
public:
    explicit CitizenRepository(Database &db) : m_db(db) { }

    // Inserts an account with this (lower-case) e-mail; returns its id. StorageError when the
    // e-mail exists (the caller looks first, in the same transaction).
    qint64 insert(const QString &email, const QString &passwordHash, const QString &language, qint64 nowMs);
    std::optional<Citizen> find(qint64 id) const;
    std::optional<Citizen> findByEmail(const QString &email) const;
    QString passwordHash(qint64 id) const;
    void setPasswordHash(qint64 id, const QString &hash, qint64 nowMs);
    // Sets email_verified_ms when it is not set yet.
    void markVerified(qint64 id, qint64 nowMs);
    void setLastLogin(qint64 id, qint64 nowMs);
    void updateProfile(qint64 id, const CitizenProfile &profile, const QString &language, qint64 nowMs);

    // ---- one-time tokens ('verify', 'reset') ----
    void insertToken(
        qint64 citizenId, const QString &purpose, const QString &tokenHash, qint64 nowMs, qint64 expiresMs);
    // The account an unused, unexpired token of this purpose belongs to, without using it.
    std::optional<qint64> tokenCitizen(const QString &purpose, const QString &tokenHash, qint64 nowMs) const;
    // Uses the token (once): the account it belongs to, or nothing when it is unknown, used,
    // expired or of another purpose.
    std::optional<qint64> useToken(const QString &purpose, const QString &tokenHash, qint64 nowMs);
    // Marks every unused token of this purpose of the account used (a newer one replaced them).
    void retireTokens(qint64 citizenId, const QString &purpose, qint64 nowMs);

    // ---- sessions ----
    void insertSession(qint64 citizenId, const QString &tokenHash, qint64 nowMs, qint64 expiresMs);
    std::optional<CitizenSessionRow> session(const QString &tokenHash) const;
    void touchSession(qint64 sessionId, qint64 nowMs, qint64 expiresMs);
    void revokeSession(const QString &tokenHash);
    // Returns how many were open.
    int revokeAllSessions(qint64 citizenId);
    // Deletes sessions and tokens that ended before `nowMs` (expired or revoked/used).
    void purgeEnded(qint64 nowMs);

    // ---- external identities ----
    // Links provider/subject to the account. True when it is now linked to it (also when it
    // already was); false when that subject is linked to another account.
    bool linkIdentity(qint64 citizenId, const QString &provider, const QString &subject, qint64 nowMs);
    std::optional<Citizen> findByIdentity(const QString &provider, const QString &subject) const;
    QList<CitizenIdentity> identities(qint64 citizenId) const;

private:
    std::optional<Citizen> findWhere(const QString &condition, const QVariant &value) const;
    Database &m_db;
};

} // namespace dimos
