#pragma once

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

#include "server/core/CitizenMail.h"
#include "server/core/PasswordHasher.h"
#include "server/core/RateLimiter.h"
#include "server/storage/CitizenRepository.h"
#include "server/web/FormProblem.h"

namespace dimos {

class Clock;
class Database;

// The [accounts] section of dimosd's configuration.
struct AccountSettings
{
    qint64 sessionLifetimeMs = 30LL * 24 * 3600 * 1000; // sliding: each use (at most daily) extends it
    qint64 verifyLinkMs = 48LL * 3600 * 1000;
    qint64 resetLinkMs = 3600LL * 1000;
    int maxLoginFailures = 10; // per client address and per e-mail, in the window
    qint64 loginWindowMs = 15LL * 60 * 1000;
    int requestsPerHour = 10; // registrations and reset requests per client address
    int mailsPerHour = 3; // mails about one account (reset links, "someone tried to register", resent links)
    PasswordHasher::Cost passwordCost = PasswordHasher::interactive();
};

// The checks of the account forms that need neither the database nor a page. Each problem names
// the field ("email", "password", "afm"…) and the key of its message in the web catalogue
// (web.error.*, web.account.error.*), so the pages say it in Greek or English next to the field.
namespace accountcheck {

inline constexpr int kMinPassword = 10;
inline constexpr int kMaxPassword = 256;
inline constexpr int kMaxName = 100;
inline constexpr int kMaxAddress = 200;

QList<FormProblem> email(const QString &email);
// `email` may be empty (then only length is checked). `confirm` is the repeated password, or
// a null QString when the form has no second field.
QList<FormProblem> password(const QString &email, const QString &password, const QString &confirm = QString());
// The same for a form that has the confirmation field (registration, new password): a form
// sent without it is refused as a mismatch, not accepted unconfirmed.
QList<FormProblem> passwordForm(const QString &email, const QString &password, const QString &confirm);
// Checks every field of `in` and writes the stored form into *out: trimmed texts, ΑΦΜ and ΑΜΚΑ
// normalised, the birth date (YYYY-MM-DD or DD/MM/YYYY) as YYYY-MM-DD. `today` bounds the
// birth date (not in the future, not before 1900).
QList<FormProblem> profile(const CitizenProfile &in, CitizenProfile *out, QDate today);

} // namespace accountcheck

// Citizens' accounts for e-Dimotis (docs/EDIMOTIS.md, docs/WEB.md "Accounts"): registration
// with a mailed verification link, sign-in sessions, password reset by mail, the profile.
//
// - E-mails are stored lower-cased; passwords as Argon2id (rehashed on sign-in when the cost
//   changed). Session and mailed tokens are 32 random bytes; only their SHA-256 is stored.
// - Nothing tells whether an address has an account: registering an existing one and asking a
//   reset for an unknown one look the same to the asker; the owner of an existing address gets a
//   mail saying someone tried ("account_exists"). Timing: the password is hashed either way.
// - An account whose e-mail is not verified can sign in and keep its profile, but
//   SignedInCitizen::verified is false and pages that act for the citizen (requests) refuse it.
// - A password reset verifies the e-mail (the link proved it) and ends every session.
// Mails go through the MailSink inside the transaction of the change.
class CitizenAccounts final
{
public:
    CitizenAccounts(Database &db, CitizenRepository &citizens, const Clock &clock, QString baseUrl, MailSink mail,
        const AccountSettings &settings);

    const AccountSettings &settings() const { return m_settings; }

    // Registers `email` or, when it has an account, mails its owner instead; the caller sees no
    // difference. ApiError: Validation (details.problems: [{field, key}]) for a bad e-mail or
    // password, TooManyRequests (retryAfterSeconds) for too many registrations from `client`.
    void registerAccount(const QString &email, const QString &password, const QString &language, const QString &client);
    // Opens the verification link: the account, now verified; nothing for an unknown, used or
    // expired token.
    std::optional<Citizen> verifyEmail(const QString &token);
    // Mails a new verification link to an unverified account (silently nothing when verified or
    // when it had too many mails this hour). Returns false when the mail was held back.
    bool resendVerification(qint64 citizenId);

    struct Session
    {
        QString token; // for the cookie; only its digest is stored
        qint64 expiresMs = 0;
        Citizen citizen;
    };
    // ApiError Unauthorized for a wrong e-mail/password or a disabled account (one message for
    // all), TooManyRequests after repeated failures from `client` or for `email`.
    Session login(const QString &email, const QString &password, const QString &client);

    struct Authenticated
    {
        Citizen citizen;
        qint64 sessionId = 0;
        qint64 expiresMs = 0;
        bool extended = false; // the expiry moved: send the cookie again
    };
    // The account a session token belongs to while the session is open and the account active.
    std::optional<Authenticated> authenticate(const QString &token);
    void logout(const QString &token);

    // Mails a reset link when `email` has an account; nothing otherwise. The caller answers the
    // same either way. ApiError TooManyRequests for too many requests from `client`.
    void requestReset(const QString &email, const QString &client);
    // The account of a usable reset token (for the new-password form), without using it.
    std::optional<Citizen> resetAccount(const QString &token) const;
    // Sets the new password, verifies the e-mail, ends every session and retires the other reset
    // links. Nothing for an unusable token; ApiError Validation for a password the rules refuse.
    std::optional<Citizen> resetPassword(const QString &token, const QString &newPassword);

    // Stores a checked profile and the preferred language. ApiError Validation (details.problems)
    // for anything accountcheck::profile refuses, NotFound for an unknown account.
    Citizen updateProfile(qint64 citizenId, const CitizenProfile &profile, const QString &language);
    std::optional<Citizen> citizen(qint64 id) const { return m_citizens.find(id); }

    static QString normalisedEmail(const QString &email) { return email.trimmed().toLower(); }
    QString verifyUrl(const QString &token) const;
    QString resetUrl(const QString &token) const;

private:
    void mailVerification(const Citizen &c);
    void checkRate(RateLimiter &limiter, const QString &key) const;
    void purgeNow();

    Database &m_db;
    CitizenRepository &m_citizens;
    const Clock &m_clock;
    QString m_baseUrl;
    MailSink m_mail;
    AccountSettings m_settings;
    PasswordHasher m_hasher;
    RateLimiter m_failuresByAddress;
    RateLimiter m_failuresByEmail;
    RateLimiter m_requestsByAddress;
    RateLimiter m_mailsByAccount;
    QString m_dummyHash;
    qint64 m_lastPurgeMs = 0;
};

} // namespace dimos
