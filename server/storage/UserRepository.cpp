#include "UserRepository.h"

#include <QSqlQuery>
#include <QVariant>

#include "server/storage/Database.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
const QString kUserColumns = u"id, username, display_name, email, role, active, must_change_password"_s;

StaffUser userFromQuery(const QSqlQuery &q)
{
    StaffUser u;
    u.id = q.value(0).toLongLong();
    u.username = q.value(1).toString();
    u.displayName = q.value(2).toString();
    u.email = q.value(3).toString();
    u.role = roleFromString(q.value(4).toString()).value_or(Role::Clerk);
    u.active = q.value(5).toInt() != 0;
    u.mustChangePassword = q.value(6).toInt() != 0;
    return u;
}
} // namespace

qint64 UserRepository::insert(const StaffUser &user, const QString &passwordHash, qint64 nowMs)
{
    qint64 id = 0;
    m_db.transaction([&] {
        CachedQuery q = m_db.cached(u"INSERT INTO users (username, display_name, email, password_hash, role, active, "
                                    u"must_change_password, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                    u"RETURNING id"_s,
            {user.username, user.displayName, user.email, passwordHash, roleToString(user.role), user.active ? 1 : 0,
                user.mustChangePassword ? 1 : 0, nowMs, nowMs});
        q.next();
        id = q.value(0).toLongLong();
        q.finish();
        setDepartments(id, user.departmentIds);
    });
    return id;
}

void UserRepository::update(const StaffUser &user, qint64 nowMs)
{
    m_db.transaction([&] {
        m_db.cached(
            u"UPDATE users SET display_name = ?, email = ?, role = ?, active = ?, updated_ms = ? WHERE id = ?"_s,
            {user.displayName, user.email, roleToString(user.role), user.active ? 1 : 0, nowMs, user.id});
        setDepartments(user.id, user.departmentIds);
        if (!user.active)
            revokeAllTokens(user.id);
    });
}

void UserRepository::setPasswordHash(qint64 userId, const QString &hash, qint64 nowMs, bool mustChange)
{
    m_db.cached(u"UPDATE users SET password_hash = ?, must_change_password = ?, updated_ms = ? WHERE id = ?"_s,
        {hash, mustChange ? 1 : 0, nowMs, userId});
}

void UserRepository::setDepartments(qint64 userId, const QList<qint64> &departmentIds)
{
    m_db.cached(u"DELETE FROM user_departments WHERE user_id = ?"_s, {userId});
    for (qint64 d : departmentIds)
        m_db.cached(u"INSERT INTO user_departments (user_id, department_id) VALUES (?, ?) ON CONFLICT DO NOTHING"_s,
            {userId, d});
}

QList<qint64> UserRepository::departmentsOf(qint64 userId) const
{
    QList<qint64> out;
    CachedQuery q = m_db.cached(
        u"SELECT department_id FROM user_departments WHERE user_id = ? ORDER BY department_id"_s, {userId});
    while (q.next())
        out.append(q.value(0).toLongLong());
    return out;
}

std::optional<StaffUser> UserRepository::findOne(const QString &where, const QVariant &value) const
{
    CachedQuery q = m_db.cached(u"SELECT "_s + kUserColumns + u" FROM users WHERE "_s + where, {value});
    if (!q.next())
        return std::nullopt;
    StaffUser u = userFromQuery(q);
    q.finish();
    u.departmentIds = departmentsOf(u.id);
    return u;
}

std::optional<StaffUser> UserRepository::findById(qint64 id) const
{
    return findOne(u"id = ?"_s, id);
}

std::optional<StaffUser> UserRepository::findByUsername(const QString &username) const
{
    return findOne(u"username = ?"_s, username);
}

QString UserRepository::passwordHash(qint64 userId) const
{
    CachedQuery q = m_db.cached(u"SELECT password_hash FROM users WHERE id = ?"_s, {userId});
    return q.next() ? q.value(0).toString() : QString();
}

QList<StaffUser> UserRepository::list() const
{
    QList<StaffUser> out;
    {
        CachedQuery q = m_db.cached(u"SELECT "_s + kUserColumns + u" FROM users ORDER BY username"_s);
        while (q.next())
            out.append(userFromQuery(q));
    }
    CachedQuery m = m_db.cached(u"SELECT user_id, department_id FROM user_departments ORDER BY department_id"_s);
    QHash<qint64, QList<qint64>> memberships;
    while (m.next())
        memberships[m.value(0).toLongLong()].append(m.value(1).toLongLong());
    for (StaffUser &u : out)
        u.departmentIds = memberships.value(u.id);
    return out;
}

void UserRepository::insertToken(qint64 userId, const QString &tokenDigest, qint64 nowMs, qint64 expiresMs)
{
    m_db.cached(u"INSERT INTO auth_tokens (token_hash, user_id, created_ms, expires_ms, last_used_ms) "
                u"VALUES (?, ?, ?, ?, ?)"_s,
        {tokenDigest, userId, nowMs, expiresMs, nowMs});
}

std::optional<StaffUser> UserRepository::userForToken(const QString &tokenDigest, qint64 nowMs)
{
    qint64 userId = 0;
    qint64 lastUsed = 0;
    {
        CachedQuery q
            = m_db.cached(u"SELECT t.user_id, t.last_used_ms FROM auth_tokens t JOIN users u ON u.id = t.user_id "
                          u"WHERE t.token_hash = ? AND t.revoked = 0 AND t.expires_ms > ? AND u.active = 1"_s,
                {tokenDigest, nowMs});
        if (!q.next())
            return std::nullopt;
        userId = q.value(0).toLongLong();
        lastUsed = q.value(1).toLongLong();
    }
    // A write per request would serialise every reader on the database; a minute is precise
    // enough for "last used".
    if (nowMs - lastUsed > 60'000)
        m_db.cached(u"UPDATE auth_tokens SET last_used_ms = ? WHERE token_hash = ?"_s, {nowMs, tokenDigest});
    return findById(userId);
}

void UserRepository::revokeToken(const QString &tokenDigest)
{
    m_db.cached(u"UPDATE auth_tokens SET revoked = 1 WHERE token_hash = ?"_s, {tokenDigest});
}

void UserRepository::revokeAllTokens(qint64 userId)
{
    m_db.cached(u"UPDATE auth_tokens SET revoked = 1 WHERE user_id = ?"_s, {userId});
}

void UserRepository::revokeOtherTokens(qint64 userId, const QString &keepTokenDigest)
{
    m_db.cached(
        u"UPDATE auth_tokens SET revoked = 1 WHERE user_id = ? AND token_hash <> ?"_s, {userId, keepTokenDigest});
}

qint64 UserRepository::insertApiKey(const QString &keyDigest, const QString &prefix, const QString &name, qint64 nowMs)
{
    CachedQuery q = m_db.cached(u"INSERT INTO api_keys (key_hash, key_prefix, name, created_ms) VALUES (?, ?, ?, ?) "
                                u"RETURNING id"_s,
        {keyDigest, prefix, name, nowMs});
    q.next();
    return q.value(0).toLongLong();
}

std::optional<qint64> UserRepository::apiKeyId(const QString &keyDigest) const
{
    CachedQuery q = m_db.cached(u"SELECT id FROM api_keys WHERE key_hash = ? AND revoked = 0"_s, {keyDigest});
    if (!q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

QList<UserRepository::ApiKey> UserRepository::apiKeys() const
{
    QList<ApiKey> out;
    CachedQuery q = m_db.cached(u"SELECT id, key_prefix, name, created_ms, revoked FROM api_keys ORDER BY id"_s);
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong(),
            q.value(4).toInt() != 0});
    return out;
}

bool UserRepository::revokeApiKey(const QString &prefix)
{
    CachedQuery q = m_db.cached(u"UPDATE api_keys SET revoked = 1 WHERE key_prefix = ? AND revoked = 0"_s, {prefix});
    return q.numRowsAffected() > 0;
}

} // namespace dimos
