#include "CitizenAccounts.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTimeZone>

#include "server/http/ApiError.h"
#include "server/storage/Database.h"
#include "server/web/SubscriptionForm.h"
#include "shared/domain/GreekIds.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr auto kVerify = "verify";
constexpr auto kReset = "reset";
// A session's expiry moves at most daily: each move is a write, and any write empties the
// response cache of the public GETs (ResponseCache, DataVersionProbe).
constexpr qint64 kTouchEveryMs = 24LL * 3600 * 1000;
constexpr qint64 kPurgeEveryMs = 3600LL * 1000;

QString checkedLanguage(const QString &language)
{
    return language == u"en" ? u"en"_s : u"el"_s;
}

// A token as PasswordHasher::randomToken(32) makes it: 43 characters of base64url.
bool wellFormedToken(const QString &token)
{
    if (token.size() != 43)
        return false;
    for (const QChar c : token)
        if (!((c.isLetterOrNumber() && c.unicode() < 128) || c == u'-' || c == u'_'))
            return false;
    return true;
}

ApiError invalid(const QList<FormProblem> &problems)
{
    QJsonArray list;
    QStringList text;
    for (const FormProblem &p : problems) {
        list.append(QJsonObject{{u"field"_s, p.field}, {u"key"_s, p.key}});
        text.append(p.field + u": "_s + p.key);
    }
    return ApiError(ApiError::Kind::Validation, text.join(u"; "_s), QJsonObject{{u"problems"_s, list}});
}

void add(QList<FormProblem> &problems, const QString &field, const QString &key, const QStringList &args = {})
{
    problems.append({field, key, args});
}

// A name as people write it: letters of any alphabet, spaces, hyphens, apostrophes and dots.
bool plausibleName(const QString &name)
{
    for (const QChar c : name)
        if (!c.isLetter() && !c.isMark() && c != u' ' && c != u'-' && c != u'\'' && c != u'’' && c != u'.')
            return false;
    return true;
}

bool plausiblePhone(const QString &text)
{
    static const QRegularExpression re(uR"(^\+?[0-9 ().\-]{5,32}$)"_s);
    int digits = 0;
    for (const QChar c : text)
        digits += c.isDigit() ? 1 : 0;
    return re.match(text).hasMatch() && digits >= 5;
}

std::optional<QDate> parseDate(const QString &text)
{
    static const QRegularExpression iso(uR"(^(\d{4})-(\d{1,2})-(\d{1,2})$)"_s);
    static const QRegularExpression greek(uR"(^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$)"_s);
    if (const auto m = iso.match(text); m.hasMatch())
        return QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (const auto m = greek.match(text); m.hasMatch())
        return QDate(m.captured(3).toInt(), m.captured(2).toInt(), m.captured(1).toInt());
    return std::nullopt;
}

QString idProblemKey(const QString &field, greekids::Problem problem)
{
    switch (problem) {
    case greekids::Problem::None:
        return {};
    case greekids::Problem::Empty: // only a prefix was typed ("EL"): no number to check
    case greekids::Problem::NotDigits:
    case greekids::Problem::WrongLength:
    case greekids::Problem::BadFormat:
        return u"web.account.error."_s + field + u"_format"_s;
    case greekids::Problem::AllZeros:
    case greekids::Problem::CheckDigit:
        return u"web.account.error."_s + field + u"_check"_s;
    case greekids::Problem::BadDate:
        return u"web.account.error.amka_date"_s;
    }
    return {};
}

} // namespace

namespace accountcheck {

QList<FormProblem> email(const QString &email)
{
    QList<FormProblem> problems;
    const QString e = email.trimmed();
    if (e.isEmpty())
        add(problems, u"email"_s, u"web.error.required"_s);
    else if (!plausibleEmail(e))
        add(problems, u"email"_s, u"web.error.email"_s);
    return problems;
}

QList<FormProblem> password(const QString &email, const QString &password, const QString &confirm)
{
    QList<FormProblem> problems;
    if (password.isEmpty())
        add(problems, u"password"_s, u"web.error.required"_s);
    else if (password.size() < kMinPassword)
        add(problems, u"password"_s, u"web.account.error.password_short"_s, {QString::number(kMinPassword)});
    else if (password.size() > kMaxPassword)
        add(problems, u"password"_s, u"web.error.too_long"_s, {QString::number(kMaxPassword)});
    else if (!email.trimmed().isEmpty() && password.trimmed().compare(email.trimmed(), Qt::CaseInsensitive) == 0)
        add(problems, u"password"_s, u"web.account.error.password_email"_s);
    if (problems.isEmpty() && !confirm.isNull() && confirm != password)
        add(problems, u"password2"_s, u"web.account.error.password_mismatch"_s);
    return problems;
}

QList<FormProblem> passwordForm(const QString &email, const QString &password, const QString &confirm)
{
    return accountcheck::password(email, password, confirm.isNull() ? u""_s : confirm);
}

QList<FormProblem> profile(const CitizenProfile &in, CitizenProfile *out, QDate today)
{
    QList<FormProblem> problems;
    CitizenProfile p;
    const auto name = [&](const QString &field, const QString &value, QString *target) {
        *target = value.simplified();
        if (target->size() > kMaxName)
            add(problems, field, u"web.error.too_long"_s, {QString::number(kMaxName)});
        else if (!plausibleName(*target))
            add(problems, field, u"web.account.error.name"_s);
    };
    name(u"given_name"_s, in.givenName, &p.givenName);
    name(u"surname"_s, in.surname, &p.surname);
    name(u"father_name"_s, in.fatherName, &p.fatherName);
    name(u"mother_name"_s, in.motherName, &p.motherName);

    const QString birth = in.birthDate.trimmed();
    if (!birth.isEmpty()) {
        const std::optional<QDate> date = parseDate(birth);
        if (!date || !date->isValid())
            add(problems, u"birth_date"_s, u"web.account.error.birth_date_format"_s);
        else if (date->year() < 1900 || *date > today)
            add(problems, u"birth_date"_s, u"web.account.error.birth_date_range"_s);
        else
            p.birthDate = date->toString(u"yyyy-MM-dd"_s);
        if (p.birthDate.isEmpty())
            p.birthDate = birth;
    }

    const auto id
        = [&](const QString &field, const QString &value, greekids::Result (*check)(QStringView), QString *target) {
              const QString text = value.trimmed();
              *target = text;
              if (text.isEmpty())
                  return;
              const greekids::Result r = check(text);
              if (r.value)
                  *target = *r.value;
              else
                  add(problems, field, idProblemKey(field, r.problem));
          };
    id(u"afm"_s, in.afm, &greekids::checkAfm, &p.afm);
    id(u"amka"_s, in.amka, &greekids::checkAmka, &p.amka);
    id(u"id_card"_s, in.idCard, &greekids::checkIdCard, &p.idCard);

    p.address = in.address.simplified();
    if (p.address.size() > kMaxAddress)
        add(problems, u"address"_s, u"web.error.too_long"_s, {QString::number(kMaxAddress)});
    p.phone = in.phone.trimmed();
    if (!p.phone.isEmpty() && !plausiblePhone(p.phone))
        add(problems, u"phone"_s, u"web.error.phone"_s);
    if (out)
        *out = p;
    return problems;
}

} // namespace accountcheck

CitizenAccounts::CitizenAccounts(Database &db, CitizenRepository &citizens, const Clock &clock, QString baseUrl,
    MailSink mail, const AccountSettings &settings)
    : m_db(db),
      m_citizens(citizens),
      m_clock(clock),
      m_baseUrl(std::move(baseUrl)),
      m_mail(std::move(mail)),
      m_settings(settings),
      m_hasher(settings.passwordCost),
      m_failuresByAddress(clock, settings.maxLoginFailures, settings.loginWindowMs),
      m_failuresByEmail(clock, settings.maxLoginFailures, settings.loginWindowMs),
      m_requestsByAddress(clock, settings.requestsPerHour, 3600LL * 1000),
      m_mailsByAccount(clock, settings.mailsPerHour, 3600LL * 1000)
{ }

QString CitizenAccounts::verifyUrl(const QString &token) const
{
    return m_baseUrl + u"/account/verify?token="_s + token;
}

QString CitizenAccounts::resetUrl(const QString &token) const
{
    return m_baseUrl + u"/account/reset/"_s + token;
}

void CitizenAccounts::checkRate(RateLimiter &limiter, const QString &key) const
{
    if (const int wait = limiter.retryAfterSeconds(key); wait > 0) {
        ApiError e(
            ApiError::Kind::TooManyRequests, u"too many requests; try again in %1 minutes"_s.arg((wait + 59) / 60));
        e.retryAfterSeconds = wait;
        throw e;
    }
}

void CitizenAccounts::purgeNow()
{
    const qint64 now = m_clock.nowMs();
    if (now - m_lastPurgeMs < kPurgeEveryMs)
        return;
    m_lastPurgeMs = now;
    m_citizens.purgeEnded(now);
}

void CitizenAccounts::mailVerification(const Citizen &c)
{
    const QString token = PasswordHasher::randomToken();
    const qint64 now = m_clock.nowMs();
    m_citizens.retireTokens(c.id, QString::fromLatin1(kVerify), now);
    m_citizens.insertToken(
        c.id, QString::fromLatin1(kVerify), PasswordHasher::secretDigest(token), now, now + m_settings.verifyLinkMs);
    if (m_mail)
        m_mail(MailRequest{c.email, c.language, u"account_verify"_s,
            QJsonObject{{u"verify_url"_s, verifyUrl(token)}, {u"hours"_s, int(m_settings.verifyLinkMs / 3'600'000)}},
            QString()});
}

void CitizenAccounts::registerAccount(
    const QString &email, const QString &password, const QString &language, const QString &client)
{
    QList<FormProblem> problems = accountcheck::email(email);
    problems += accountcheck::password(email, password);
    if (!problems.isEmpty())
        throw invalid(problems);
    checkRate(m_requestsByAddress, client);
    m_requestsByAddress.record(client);
    const QString address = normalisedEmail(email);
    // Hashed whether or not the address has an account, so the time taken says nothing.
    const QString hash = m_hasher.hash(password);
    m_db.transaction([&] {
        const qint64 now = m_clock.nowMs();
        if (const std::optional<Citizen> existing = m_citizens.findByEmail(address)) {
            if (m_mailsByAccount.retryAfterSeconds(address) > 0)
                return;
            m_mailsByAccount.record(address);
            if (m_mail)
                m_mail(MailRequest{existing->email, existing->language, u"account_exists"_s,
                    QJsonObject{{u"login_url"_s, QString(m_baseUrl + u"/account/login"_s)},
                        {u"reset_url"_s, QString(m_baseUrl + u"/account/reset"_s)}},
                    QString()});
            return;
        }
        const qint64 id = m_citizens.insert(address, hash, checkedLanguage(language), now);
        m_mailsByAccount.record(address);
        mailVerification(*m_citizens.find(id));
    });
}

std::optional<Citizen> CitizenAccounts::verifyEmail(const QString &token)
{
    if (!wellFormedToken(token))
        return std::nullopt;
    std::optional<Citizen> out;
    m_db.transaction([&] {
        const qint64 now = m_clock.nowMs();
        const std::optional<qint64> id
            = m_citizens.useToken(QString::fromLatin1(kVerify), PasswordHasher::secretDigest(token), now);
        if (!id)
            return;
        m_citizens.markVerified(*id, now);
        out = m_citizens.find(*id);
    });
    return out;
}

bool CitizenAccounts::resendVerification(qint64 citizenId)
{
    const std::optional<Citizen> c = m_citizens.find(citizenId);
    if (!c || c->verified() || m_mailsByAccount.retryAfterSeconds(c->email) > 0)
        return false;
    m_mailsByAccount.record(c->email);
    m_db.transaction([&] { mailVerification(*c); });
    return true;
}

CitizenAccounts::Session CitizenAccounts::login(const QString &email, const QString &password, const QString &client)
{
    const QString address = normalisedEmail(email);
    const int wait
        = std::max(m_failuresByAddress.retryAfterSeconds(client), m_failuresByEmail.retryAfterSeconds(address));
    if (wait > 0) {
        ApiError e(ApiError::Kind::TooManyRequests,
            u"too many failed sign-ins; try again in %1 minutes"_s.arg((wait + 59) / 60));
        e.retryAfterSeconds = wait;
        throw e;
    }
    const std::optional<Citizen> c = address.isEmpty() ? std::nullopt : m_citizens.findByEmail(address);
    bool ok = false;
    QString hash;
    if (c) {
        hash = m_citizens.passwordHash(c->id);
        // An account with only an external identity has no password: nothing matches it.
        ok = !hash.isEmpty() && m_hasher.verify(hash, password) && c->active;
    } else {
        if (m_dummyHash.isEmpty())
            m_dummyHash = m_hasher.hash(PasswordHasher::randomToken());
        m_hasher.verify(m_dummyHash, password);
    }
    if (!ok) {
        m_failuresByAddress.record(client);
        m_failuresByEmail.record(address);
        throw ApiError(ApiError::Kind::Unauthorized, u"wrong e-mail or password, or the account is disabled"_s);
    }
    m_failuresByEmail.reset(address);
    purgeNow();
    Session s;
    s.token = PasswordHasher::randomToken();
    const qint64 now = m_clock.nowMs();
    s.expiresMs = now + m_settings.sessionLifetimeMs;
    m_db.transaction([&] {
        if (m_hasher.needsRehash(hash))
            m_citizens.setPasswordHash(c->id, m_hasher.hash(password), now);
        m_citizens.setLastLogin(c->id, now);
        m_citizens.insertSession(c->id, PasswordHasher::secretDigest(s.token), now, s.expiresMs);
    });
    s.citizen = *m_citizens.find(c->id);
    return s;
}

std::optional<CitizenAccounts::Authenticated> CitizenAccounts::authenticate(const QString &token)
{
    if (!wellFormedToken(token))
        return std::nullopt;
    const qint64 now = m_clock.nowMs();
    const std::optional<CitizenSessionRow> s = m_citizens.session(PasswordHasher::secretDigest(token));
    if (!s || s->revoked || s->expiresMs <= now)
        return std::nullopt;
    std::optional<Citizen> c = m_citizens.find(s->citizenId);
    if (!c || !c->active)
        return std::nullopt;
    Authenticated a{*c, s->id, s->expiresMs, false};
    if (now - s->lastUsedMs >= kTouchEveryMs) {
        a.expiresMs = now + m_settings.sessionLifetimeMs;
        a.extended = true;
        m_citizens.touchSession(s->id, now, a.expiresMs);
    }
    return a;
}

void CitizenAccounts::logout(const QString &token)
{
    if (wellFormedToken(token))
        m_citizens.revokeSession(PasswordHasher::secretDigest(token));
}

void CitizenAccounts::requestReset(const QString &email, const QString &client)
{
    checkRate(m_requestsByAddress, client);
    m_requestsByAddress.record(client);
    const QString address = normalisedEmail(email);
    if (address.isEmpty() || !plausibleEmail(address))
        return;
    const std::optional<Citizen> c = m_citizens.findByEmail(address);
    if (!c || !c->active || m_mailsByAccount.retryAfterSeconds(address) > 0)
        return;
    m_mailsByAccount.record(address);
    const QString token = PasswordHasher::randomToken();
    m_db.transaction([&] {
        const qint64 now = m_clock.nowMs();
        m_citizens.insertToken(
            c->id, QString::fromLatin1(kReset), PasswordHasher::secretDigest(token), now, now + m_settings.resetLinkMs);
        if (m_mail)
            m_mail(MailRequest{c->email, c->language, u"account_reset"_s,
                QJsonObject{{u"reset_url"_s, resetUrl(token)}, {u"minutes"_s, int(m_settings.resetLinkMs / 60'000)}},
                QString()});
    });
}

std::optional<Citizen> CitizenAccounts::resetAccount(const QString &token) const
{
    if (!wellFormedToken(token))
        return std::nullopt;
    const std::optional<qint64> id
        = m_citizens.tokenCitizen(QString::fromLatin1(kReset), PasswordHasher::secretDigest(token), m_clock.nowMs());
    if (!id)
        return std::nullopt;
    std::optional<Citizen> c = m_citizens.find(*id);
    return c && c->active ? c : std::nullopt;
}

std::optional<Citizen> CitizenAccounts::resetPassword(const QString &token, const QString &newPassword)
{
    const std::optional<Citizen> c = resetAccount(token);
    if (!c)
        return std::nullopt;
    if (const QList<FormProblem> problems = accountcheck::password(c->email, newPassword); !problems.isEmpty())
        throw invalid(problems);
    const QString hash = m_hasher.hash(newPassword);
    std::optional<Citizen> out;
    m_db.transaction([&] {
        const qint64 now = m_clock.nowMs();
        if (!m_citizens.useToken(QString::fromLatin1(kReset), PasswordHasher::secretDigest(token), now))
            return;
        m_citizens.setPasswordHash(c->id, hash, now);
        m_citizens.markVerified(c->id, now);
        m_citizens.retireTokens(c->id, QString::fromLatin1(kReset), now);
        m_citizens.revokeAllSessions(c->id);
        out = m_citizens.find(c->id);
    });
    if (out)
        m_failuresByEmail.reset(out->email);
    return out;
}

Citizen CitizenAccounts::updateProfile(qint64 citizenId, const CitizenProfile &profile, const QString &language)
{
    CitizenProfile stored;
    if (const QList<FormProblem> problems = accountcheck::profile(
            profile, &stored, QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), QTimeZone::utc()).date());
        !problems.isEmpty())
        throw invalid(problems);
    std::optional<Citizen> out;
    m_db.transaction([&] {
        if (!m_citizens.find(citizenId))
            return;
        m_citizens.updateProfile(citizenId, stored, checkedLanguage(language), m_clock.nowMs());
        out = m_citizens.find(citizenId);
    });
    if (!out)
        throw ApiError(ApiError::Kind::NotFound, u"no such account"_s);
    return *out;
}

} // namespace dimos
