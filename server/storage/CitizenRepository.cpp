#include "CitizenRepository.h"

#include <QSqlQuery>
#include <QVariant>

#include "server/storage/Database.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

const QString kColumns = u"id, email, email_verified_ms, language, active, given_name, surname, father_name, "
                         u"mother_name, birth_date, afm, amka, id_card, address, phone, created_ms, updated_ms, "
                         u"last_login_ms"_s;

template <typename Query> Citizen citizenFrom(const Query &q)
{
    Citizen c;
    c.id = q.value(0).toLongLong();
    c.email = q.value(1).toString();
    if (!q.value(2).isNull())
        c.emailVerifiedMs = q.value(2).toLongLong();
    c.language = q.value(3).toString();
    c.active = q.value(4).toLongLong() != 0;
    CitizenProfile &p = c.profile;
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
    c.createdMs = q.value(15).toLongLong();
    c.updatedMs = q.value(16).toLongLong();
    if (!q.value(17).isNull())
        c.lastLoginMs = q.value(17).toLongLong();
    return c;
}

} // namespace

qint64 CitizenRepository::insert(
    const QString &email, const QString &passwordHash, const QString &language, qint64 nowMs)
{
    CachedQuery q = m_db.cached(u"INSERT INTO citizens (email, password_hash, language, created_ms, updated_ms) "
                                u"VALUES (?, ?, ?, ?, ?) RETURNING id"_s,
        {email, passwordHash, language, nowMs, nowMs});
    q.next();
    return q.value(0).toLongLong();
}

std::optional<Citizen> CitizenRepository::findWhere(const QString &condition, const QVariant &value) const
{
    CachedQuery q = m_db.cached(u"SELECT "_s + kColumns + u" FROM citizens WHERE "_s + condition, {value});
    if (!q.next())
        return std::nullopt;
    return citizenFrom(q);
}

std::optional<Citizen> CitizenRepository::find(qint64 id) const
{
    return findWhere(u"id = ?"_s, id);
}

std::optional<Citizen> CitizenRepository::findByEmail(const QString &email) const
{
    return findWhere(u"email = ?"_s, email);
}

QString CitizenRepository::passwordHash(qint64 id) const
{
    CachedQuery q = m_db.cached(u"SELECT password_hash FROM citizens WHERE id = ?"_s, {id});
    return q.next() ? q.value(0).toString() : QString();
}

void CitizenRepository::setPasswordHash(qint64 id, const QString &hash, qint64 nowMs)
{
    m_db.cached(u"UPDATE citizens SET password_hash = ?, updated_ms = ? WHERE id = ?"_s, {hash, nowMs, id});
}

void CitizenRepository::markVerified(qint64 id, qint64 nowMs)
{
    m_db.cached(
        u"UPDATE citizens SET email_verified_ms = ?, updated_ms = ? WHERE id = ? AND email_verified_ms IS NULL"_s,
        {nowMs, nowMs, id});
}

void CitizenRepository::setLastLogin(qint64 id, qint64 nowMs)
{
    m_db.cached(u"UPDATE citizens SET last_login_ms = ? WHERE id = ?"_s, {nowMs, id});
}

void CitizenRepository::updateProfile(qint64 id, const CitizenProfile &p, const QString &language, qint64 nowMs)
{
    m_db.cached(u"UPDATE citizens SET given_name = ?, surname = ?, father_name = ?, mother_name = ?, birth_date = ?, "
                u"afm = ?, amka = ?, id_card = ?, address = ?, phone = ?, language = ?, updated_ms = ? WHERE id = ?"_s,
        {p.givenName, p.surname, p.fatherName, p.motherName, p.birthDate, p.afm, p.amka, p.idCard, p.address, p.phone,
            language, nowMs, id});
}

void CitizenRepository::insertToken(
    qint64 citizenId, const QString &purpose, const QString &tokenHash, qint64 nowMs, qint64 expiresMs)
{
    m_db.cached(u"INSERT INTO citizen_tokens (citizen_id, purpose, token_hash, created_ms, expires_ms) "
                u"VALUES (?, ?, ?, ?, ?)"_s,
        {citizenId, purpose, tokenHash, nowMs, expiresMs});
}

std::optional<qint64> CitizenRepository::tokenCitizen(
    const QString &purpose, const QString &tokenHash, qint64 nowMs) const
{
    CachedQuery q = m_db.cached(u"SELECT citizen_id FROM citizen_tokens WHERE token_hash = ? AND purpose = ? "
                                u"AND used_ms IS NULL AND expires_ms > ?"_s,
        {tokenHash, purpose, nowMs});
    if (!q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

std::optional<qint64> CitizenRepository::useToken(const QString &purpose, const QString &tokenHash, qint64 nowMs)
{
    // One statement: of two requests with the same token only one finds it unused.
    CachedQuery q = m_db.cached(u"UPDATE citizen_tokens SET used_ms = ? WHERE token_hash = ? AND purpose = ? "
                                u"AND used_ms IS NULL AND expires_ms > ? RETURNING citizen_id"_s,
        {nowMs, tokenHash, purpose, nowMs});
    if (!q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

void CitizenRepository::retireTokens(qint64 citizenId, const QString &purpose, qint64 nowMs)
{
    m_db.cached(u"UPDATE citizen_tokens SET used_ms = ? WHERE citizen_id = ? AND purpose = ? AND used_ms IS NULL"_s,
        {nowMs, citizenId, purpose});
}

void CitizenRepository::insertSession(qint64 citizenId, const QString &tokenHash, qint64 nowMs, qint64 expiresMs)
{
    m_db.cached(u"INSERT INTO citizen_sessions (token_hash, citizen_id, created_ms, expires_ms, last_used_ms) "
                u"VALUES (?, ?, ?, ?, ?)"_s,
        {tokenHash, citizenId, nowMs, expiresMs, nowMs});
}

std::optional<CitizenSessionRow> CitizenRepository::session(const QString &tokenHash) const
{
    CachedQuery q = m_db.cached(u"SELECT id, citizen_id, created_ms, expires_ms, last_used_ms, revoked "
                                u"FROM citizen_sessions WHERE token_hash = ?"_s,
        {tokenHash});
    if (!q.next())
        return std::nullopt;
    return CitizenSessionRow{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
        q.value(3).toLongLong(), q.value(4).toLongLong(), q.value(5).toLongLong() != 0};
}

void CitizenRepository::touchSession(qint64 sessionId, qint64 nowMs, qint64 expiresMs)
{
    m_db.cached(
        u"UPDATE citizen_sessions SET last_used_ms = ?, expires_ms = ? WHERE id = ?"_s, {nowMs, expiresMs, sessionId});
}

void CitizenRepository::revokeSession(const QString &tokenHash)
{
    m_db.cached(u"UPDATE citizen_sessions SET revoked = 1 WHERE token_hash = ?"_s, {tokenHash});
}

int CitizenRepository::revokeAllSessions(qint64 citizenId)
{
    CachedQuery q
        = m_db.cached(u"UPDATE citizen_sessions SET revoked = 1 WHERE citizen_id = ? AND revoked = 0"_s, {citizenId});
    return q.numRowsAffected();
}

void CitizenRepository::purgeEnded(qint64 nowMs)
{
    m_db.transaction([&] {
        m_db.cached(u"DELETE FROM citizen_sessions WHERE expires_ms <= ? OR revoked = 1"_s, {nowMs});
        m_db.cached(u"DELETE FROM citizen_tokens WHERE expires_ms <= ? OR used_ms IS NOT NULL"_s, {nowMs});
    });
}

bool CitizenRepository::linkIdentity(qint64 citizenId, const QString &provider, const QString &subject, qint64 nowMs)
{
    bool linked = false;
    m_db.transaction([&] {
        m_db.cached(u"INSERT INTO citizen_identities (citizen_id, provider, subject, linked_ms) VALUES (?, ?, ?, ?) "
                    u"ON CONFLICT (provider, subject) DO NOTHING"_s,
            {citizenId, provider, subject, nowMs});
        CachedQuery q = m_db.cached(
            u"SELECT citizen_id FROM citizen_identities WHERE provider = ? AND subject = ?"_s, {provider, subject});
        linked = q.next() && q.value(0).toLongLong() == citizenId;
    });
    return linked;
}

std::optional<Citizen> CitizenRepository::findByIdentity(const QString &provider, const QString &subject) const
{
    CachedQuery q = m_db.cached(
        u"SELECT citizen_id FROM citizen_identities WHERE provider = ? AND subject = ?"_s, {provider, subject});
    if (!q.next())
        return std::nullopt;
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    return find(id);
}

QList<CitizenIdentity> CitizenRepository::identities(qint64 citizenId) const
{
    CachedQuery q = m_db.cached(u"SELECT citizen_id, provider, subject, linked_ms FROM citizen_identities "
                                u"WHERE citizen_id = ? ORDER BY linked_ms, id"_s,
        {citizenId});
    QList<CitizenIdentity> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong()});
    return out;
}

} // namespace dimos
