#pragma once

#include <QString>

#include <optional>

#include "server/core/PasswordHasher.h"
#include "server/core/RateLimiter.h"
#include "server/core/StaffUser.h"

namespace dimos {

class Clock;
class UserRepository;

struct AuthSettings
{
    qint64 tokenLifetimeMs = 12LL * 3600 * 1000;
    int maxLoginFailures = 10; // per address and per username, in the window
    qint64 loginWindowMs = 15LL * 60 * 1000;
    PasswordHasher::Cost passwordCost = PasswordHasher::interactive();
};

// Staff logins, bearer tokens and Open311 API keys.
class AuthService final
{
public:
    AuthService(UserRepository &users, const Clock &clock, const AuthSettings &settings);

    struct Session
    {
        QString token; // shown once; only its digest is stored
        qint64 expiresMs = 0;
        StaffUser user;
    };
    // Throws ApiError: Unauthorized for a wrong name/password or a disabled account (the
    // same message for all, so names cannot be probed), TooManyRequests after repeated failures.
    Session login(const QString &username, const QString &password, const QString &remoteAddress);
    std::optional<StaffUser> authenticate(const QString &token);
    void logout(const QString &token);

    // Admin operations (also used by the command line). Throw ApiError::Validation on bad input.
    StaffUser createUser(StaffUser user, const QString &password);
    // Ends every session of the user. mustChange: an administrator's reset — the user is asked
    // to choose their own (StaffUser::mustChangePassword) until they do.
    void setPassword(const QString &username, const QString &password, bool mustChange = false);
    // The signed-in user chooses a new password (Validation when `current` is wrong or the new
    // one too weak); clears mustChangePassword and ends the user's other sessions.
    void changeOwnPassword(
        const StaffUser &user, const QString &current, const QString &password, const QString &keepTokenDigest);
    void setActive(const QString &username, bool active);

    // Returns the new key in plain text (shown once).
    QString createApiKey(const QString &name);
    std::optional<qint64> checkApiKey(const QString &key) const;

    static std::optional<QString> passwordProblem(const QString &password);

private:
    UserRepository &m_users;
    const Clock &m_clock;
    AuthSettings m_settings;
    PasswordHasher m_hasher;
    RateLimiter m_failuresByAddress;
    RateLimiter m_failuresByName;
    QString m_dummyHash; // verified against for unknown names, to keep timing alike
};

} // namespace dimos
