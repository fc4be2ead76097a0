#include "AuthService.h"

#include <QRegularExpression>

#include "server/http/ApiError.h"
#include "server/storage/UserRepository.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

namespace dimos {

AuthService::AuthService(UserRepository &users, const Clock &clock, const AuthSettings &settings)
    : m_users(users),
      m_clock(clock),
      m_settings(settings),
      m_hasher(settings.passwordCost),
      m_failuresByAddress(clock, settings.maxLoginFailures, settings.loginWindowMs),
      m_failuresByName(clock, settings.maxLoginFailures, settings.loginWindowMs)
{ }

AuthService::Session AuthService::login(const QString &username, const QString &password, const QString &remoteAddress)
{
    const QString nameKey = username.trimmed().toLower();
    const int wait
        = std::max(m_failuresByAddress.retryAfterSeconds(remoteAddress), m_failuresByName.retryAfterSeconds(nameKey));
    if (wait > 0) {
        ApiError e(ApiError::Kind::TooManyRequests,
            u"too many failed logins; try again in %1 minutes"_s.arg((wait + 59) / 60));
        e.retryAfterSeconds = wait;
        throw e;
    }
    // createUser() stores names in lower case, so "Maria.P" signs in as "maria.p".
    const std::optional<StaffUser> user = m_users.findByUsername(nameKey);
    bool ok = false;
    if (user) {
        const QString hash = m_users.passwordHash(user->id);
        ok = m_hasher.verify(hash, password) && user->active;
        if (ok && m_hasher.needsRehash(hash))
            m_users.setPasswordHash(user->id, m_hasher.hash(password), m_clock.nowMs(), user->mustChangePassword);
    } else {
        if (m_dummyHash.isEmpty())
            m_dummyHash = m_hasher.hash(PasswordHasher::randomToken());
        m_hasher.verify(m_dummyHash, password);
    }
    if (!ok) {
        m_failuresByAddress.record(remoteAddress);
        m_failuresByName.record(nameKey);
        throw ApiError(ApiError::Kind::Unauthorized, u"wrong username or password, or the account is disabled"_s);
    }
    m_failuresByName.reset(nameKey);
    Session s;
    s.token = PasswordHasher::randomToken();
    const qint64 now = m_clock.nowMs();
    s.expiresMs = now + m_settings.tokenLifetimeMs;
    s.user = *user;
    m_users.insertToken(user->id, PasswordHasher::secretDigest(s.token), now, s.expiresMs);
    return s;
}

std::optional<StaffUser> AuthService::authenticate(const QString &token)
{
    if (token.isEmpty() || token.size() > 256)
        return std::nullopt;
    return m_users.userForToken(PasswordHasher::secretDigest(token), m_clock.nowMs());
}

void AuthService::logout(const QString &token)
{
    m_users.revokeToken(PasswordHasher::secretDigest(token));
}

std::optional<QString> AuthService::passwordProblem(const QString &password)
{
    if (password.size() < 10)
        return u"the password must have at least 10 characters"_s;
    if (password.size() > 256)
        return u"the password must have at most 256 characters"_s;
    return std::nullopt;
}

StaffUser AuthService::createUser(StaffUser user, const QString &password)
{
    static const QRegularExpression nameRe(u"^[a-z0-9][a-z0-9._-]{1,63}$"_s);
    user.username = user.username.trimmed().toLower();
    if (!nameRe.match(user.username).hasMatch())
        throw ApiError(ApiError::Kind::Validation,
            u"username \"%1\" is not valid: use 2–64 lower-case letters, digits, '.', '_' or '-'"_s.arg(user.username));
    if (const auto problem = passwordProblem(password))
        throw ApiError(ApiError::Kind::Validation, *problem);
    if (m_users.findByUsername(user.username))
        throw ApiError(ApiError::Kind::Conflict, u"a user named \"%1\" already exists"_s.arg(user.username));
    if (user.displayName.trimmed().isEmpty())
        user.displayName = user.username;
    user.id = m_users.insert(user, m_hasher.hash(password), m_clock.nowMs());
    return user;
}

void AuthService::setPassword(const QString &username, const QString &password, bool mustChange)
{
    if (const auto problem = passwordProblem(password))
        throw ApiError(ApiError::Kind::Validation, *problem);
    const auto user = m_users.findByUsername(username.trimmed().toLower());
    if (!user)
        throw ApiError(ApiError::Kind::NotFound, u"no user named \"%1\""_s.arg(username));
    m_users.setPasswordHash(user->id, m_hasher.hash(password), m_clock.nowMs(), mustChange);
    m_users.revokeAllTokens(user->id);
}

void AuthService::changeOwnPassword(
    const StaffUser &user, const QString &current, const QString &password, const QString &keepTokenDigest)
{
    if (!m_hasher.verify(m_users.passwordHash(user.id), current))
        throw ApiError(ApiError::Kind::Validation, u"current_password is not your current password"_s);
    if (const auto problem = passwordProblem(password))
        throw ApiError(ApiError::Kind::Validation, *problem);
    if (password == current)
        throw ApiError(ApiError::Kind::Validation, u"the new password must differ from the current one"_s);
    m_users.setPasswordHash(user.id, m_hasher.hash(password), m_clock.nowMs(), false);
    m_users.revokeOtherTokens(user.id, keepTokenDigest);
}

void AuthService::setActive(const QString &username, bool active)
{
    auto user = m_users.findByUsername(username.trimmed().toLower());
    if (!user)
        throw ApiError(ApiError::Kind::NotFound, u"no user named \"%1\""_s.arg(username));
    user->active = active;
    m_users.update(*user, m_clock.nowMs());
}

QString AuthService::createApiKey(const QString &name)
{
    if (name.trimmed().isEmpty())
        throw ApiError(ApiError::Kind::Validation, u"an API key needs a name saying who uses it"_s);
    // URL-safe base64 may start with '-': such a key's prefix would read as an option to
    // "dimosd apikey revoke PREFIX", so draw again.
    QString key;
    do
        key = PasswordHasher::randomToken(24);
    while (key.startsWith(u'-'));
    m_users.insertApiKey(PasswordHasher::secretDigest(key), key.left(8), name.trimmed(), m_clock.nowMs());
    return key;
}

std::optional<qint64> AuthService::checkApiKey(const QString &key) const
{
    if (key.isEmpty() || key.size() > 256)
        return std::nullopt;
    return m_users.apiKeyId(PasswordHasher::secretDigest(key));
}

} // namespace dimos
