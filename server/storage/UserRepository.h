#pragma once

#include <QList>
#include <QString>

#include <optional>

#include "server/core/StaffUser.h"

namespace dimos {

class Database;

// Staff users, their departments, their session tokens and Open311 API keys.
// Secrets are stored only as digests (tokens, keys) or Argon2id hashes (passwords).
class UserRepository final
{
public:
    explicit UserRepository(Database &db) : m_db(db) { }

    qint64 insert(const StaffUser &user, const QString &passwordHash, qint64 nowMs);
    void update(const StaffUser &user, qint64 nowMs); // name, email, role, active, departments
    // mustChange: an administrator set it, and the user should choose their own (StaffUser).
    void setPasswordHash(qint64 userId, const QString &hash, qint64 nowMs, bool mustChange = false);
    std::optional<StaffUser> findById(qint64 id) const;
    std::optional<StaffUser> findByUsername(const QString &username) const;
    QString passwordHash(qint64 userId) const;
    QList<StaffUser> list() const;

    void insertToken(qint64 userId, const QString &tokenDigest, qint64 nowMs, qint64 expiresMs);
    // The user of a live (unexpired, unrevoked) token of an active user; touches last use.
    std::optional<StaffUser> userForToken(const QString &tokenDigest, qint64 nowMs);
    void revokeToken(const QString &tokenDigest);
    void revokeAllTokens(qint64 userId);
    void revokeOtherTokens(qint64 userId, const QString &keepTokenDigest);

    struct ApiKey
    {
        qint64 id = 0;
        QString prefix;
        QString name;
        qint64 createdMs = 0;
        bool revoked = false;
    };
    qint64 insertApiKey(const QString &keyDigest, const QString &prefix, const QString &name, qint64 nowMs);
    std::optional<qint64> apiKeyId(const QString &keyDigest) const; // live keys only
    QList<ApiKey> apiKeys() const;
    bool revokeApiKey(const QString &prefix);

private:
    void setDepartments(qint64 userId, const QList<qint64> &departmentIds);
    QList<qint64> departmentsOf(qint64 userId) const;
    std::optional<StaffUser> findOne(const QString &where, const QVariant &value) const;
    Database &m_db;
};

} // namespace dimos
