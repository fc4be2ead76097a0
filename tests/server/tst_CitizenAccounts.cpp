// Citizens' accounts (core/CitizenAccounts, storage/CitizenRepository, web/AccountPages,
// docs/WEB.md "Accounts") over real sockets, with the mails read from the outbox as dimosd writes
// them: register → the verification mail → its page → its button → sign in → the profile with
// valid and invalid ΑΦΜ/ΑΜΚΑ → sign out; the reset flow ends every session; rate limits (429 with
// Retry-After); CSRF; the `next` open-redirect refusal; no address enumeration; an unverified
// account is signed in but not allowed to act (citizensession::requireCitizen); tokens stored only
// hashed; sliding expiry; rehash on sign-in; linked identities.
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QUrlQuery>

#include "RequestFixtures.h"
#include "server/core/CitizenAccounts.h"
#include "server/core/RequestService.h"
#include "server/http/ApiError.h"
#include "server/storage/CitizenRepository.h"
#include "server/storage/Database.h"
#include "server/web/CitizenSession.h"
#include "server/web/StaticFiles.h"
#include "server/web/WebPage.h"
#include "server/web/WebSettings.h"
#include "support/Browser.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

constexpr auto kPassword = "πράσινο άλογο μπαταρία";
constexpr auto kValidAfm = "090000045";
constexpr auto kValidAmka = "19058012345";

QByteArray form(const QList<std::pair<QString, QString>> &fields)
{
    QByteArray out;
    for (const auto &[name, value] : fields)
        out += (out.isEmpty() ? "" : "&") + QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    return out;
}

struct Mail
{
    QString to;
    QString templateName;
    QString subject;
    QString text;

    // The first link in the text whose URL contains `part`, as path and query.
    QString link(const QString &part) const
    {
        static const QRegularExpression re(uR"(https?://\S+)"_s);
        for (auto it = re.globalMatch(text); it.hasNext();) {
            const QUrl url(it.next().captured(0));
            if (url.toString().contains(part))
                return url.path() + (url.hasQuery() ? u"?"_s + url.query(QUrl::FullyEncoded) : QString());
        }
        return {};
    }
};

QString location(const Reply &r)
{
    return QString::fromUtf8(r.header("location"));
}

} // namespace

class tst_CitizenAccounts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void registerVerifySignInProfileSignOut();
    void pagesSpeakBothLanguages_data();
    void pagesSpeakBothLanguages();
    void profileRefusesBadIdsWithClearMessages_data();
    void profileRefusesBadIdsWithClearMessages();
    void passwordRules();
    void resetEndsEverySession();
    void rateLimitsAnswer429WithRetryAfter();
    void everyPostNeedsItsCsrfToken();
    void nextOnlyAcceptsLocalPaths_data();
    void nextOnlyAcceptsLocalPaths();
    void registeringAnExistingAddressLooksTheSame();
    void unverifiedAccountMaySignInButNotAct();
    void tokensAreStoredOnlyHashed();
    void sessionExpirySlidesWithUse();
    void signInRehashesAnOldCost();
    void identitiesLinkToOneAccount();
    void myDataDownloadsAsOneFile();

private:
    void start();
    QList<Mail> mails(const QString &templateName = {}) const;
    // Registers on the page; returns the verification link of the mail it caused.
    QString registerAccount(Browser &b, const QString &email, const QString &password = QString::fromUtf8(kPassword));
    Reply pressButton(Browser &b, const QString &path);
    Reply signIn(Browser &b, const QString &email, const QString &password = QString::fromUtf8(kPassword),
        const QString &next = {});
    // Registers, verifies and signs in.
    void signedInCitizen(Browser &b, const QString &email);

    std::unique_ptr<TestServer> m_ts;
};

void tst_CitizenAccounts::init()
{
    m_ts.reset();
}

void tst_CitizenAccounts::cleanup()
{
    m_ts.reset();
}

void tst_CitizenAccounts::start()
{
    m_ts = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_ts->start(&error), qPrintable(error));
}

QList<Mail> tst_CitizenAccounts::mails(const QString &templateName) const
{
    QSqlQuery q = m_ts->ctx().db->run(u"SELECT recipient, template, subject, text_body FROM mail_outbox ORDER BY id"_s);
    QList<Mail> out;
    while (q.next()) {
        Mail m{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
        if (templateName.isEmpty() || m.templateName == templateName)
            out.append(m);
    }
    return out;
}

QString tst_CitizenAccounts::registerAccount(Browser &b, const QString &email, const QString &password)
{
    const Reply page = b.get(u"/account/register"_s);
    const Reply r = b.request("POST"_ba, u"/account/register"_s,
        form({{u"csrf"_s, csrfField(page)}, {u"email"_s, email}, {u"password"_s, password},
            {u"password2"_s, password}}));
    if (r.status != 200)
        return {};
    const QList<Mail> m = mails(u"account_verify"_s);
    return m.isEmpty() ? QString() : m.last().link(u"/account/verify"_s);
}

Reply tst_CitizenAccounts::pressButton(Browser &b, const QString &path)
{
    const Reply page = b.get(path);
    return b.request("POST"_ba, path, form({{u"csrf"_s, csrfField(page)}}));
}

Reply tst_CitizenAccounts::signIn(Browser &b, const QString &email, const QString &password, const QString &next)
{
    const Reply page = b.get(u"/account/login"_s);
    return b.request("POST"_ba, u"/account/login"_s,
        form({{u"csrf"_s, csrfField(page)}, {u"email"_s, email}, {u"password"_s, password}, {u"next"_s, next}}));
}

void tst_CitizenAccounts::signedInCitizen(Browser &b, const QString &email)
{
    const QString link = registerAccount(b, email);
    QVERIFY(!link.isEmpty());
    QCOMPARE(pressButton(b, link).status, 200);
    QCOMPARE(signIn(b, email).status, 303);
}

void tst_CitizenAccounts::registerVerifySignInProfileSignOut()
{
    start();
    Browser b(*m_ts);
    const Reply form0 = b.get(u"/account/register"_s);
    QCOMPARE(form0.status, 200);
    // The Art. 13 notice: purpose, legal basis, who sees it, how long.
    QVERIFY(html(form0).contains(u"άρθρο 6 παρ. 1 ε΄ ΓΚΠΔ"_s));
    QVERIFY(html(form0).contains(u"Μόνο οι υπάλληλοι του δήμου"_s));
    QVERIFY(html(form0).contains(u"href=\"/account/login?next="_s) || html(form0).contains(u">Σύνδεση</a>"_s));

    const QString link = registerAccount(b, u"Maria@Example.org"_s);
    QVERIFY2(link.startsWith(u"/account/verify?token="_s), qPrintable(link));
    const QList<Mail> sent = mails(u"account_verify"_s);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent[0].to, u"maria@example.org"_s);
    QCOMPARE(sent[0].subject, u"Επιβεβαιώστε τη διεύθυνση e-mail σας"_s);
    const std::optional<Citizen> stored = m_ts->ctx().citizens->findByEmail(u"maria@example.org"_s);
    QVERIFY(stored);
    QVERIFY(!stored->verified());

    // Opening the link changes nothing (a mail scanner may); the button does.
    const Reply linkPage = b.get(link);
    QCOMPARE(linkPage.status, 200);
    QVERIFY(!m_ts->ctx().citizens->find(stored->id)->verified());
    const Reply verified = b.request("POST"_ba, link, form({{u"csrf"_s, csrfField(linkPage)}}));
    QCOMPARE(verified.status, 200);
    QVERIFY(html(verified).contains(u"επιβεβαιώθηκε"_s));
    QVERIFY(m_ts->ctx().citizens->find(stored->id)->verified());
    // Once only.
    QCOMPARE(b.request("POST"_ba, link, form({{u"csrf"_s, csrfField(linkPage)}})).status, 404);

    // Signed out, /account sends to the sign-in page and back.
    const Reply away = b.get(u"/account"_s);
    QCOMPARE(away.status, 303);
    QCOMPARE(location(away), u"/account/login?next=%2Faccount"_s);

    const Reply in = signIn(b, u"MARIA@example.org "_s, QString::fromUtf8(kPassword), u"/account"_s);
    QCOMPARE(in.status, 303);
    QCOMPARE(location(in), u"/account"_s);
    const QByteArray cookie = in.header("set-cookie");
    QVERIFY2(cookie.startsWith("dimos_session="), cookie.constData());
    QVERIFY(cookie.contains("HttpOnly"));
    QVERIFY(cookie.contains("SameSite=Lax"));
    QVERIFY(cookie.contains("Path=/"));
    QVERIFY(!cookie.contains("Secure")); // http://dimos.test

    Reply account = b.get(u"/account"_s);
    QCOMPARE(account.status, 200);
    QVERIFY(html(account).contains(u"maria@example.org"_s));
    QVERIFY(html(account).contains(u"href=\"/account\" aria-current=\"page\">Ο λογαριασμός μου</a>"_s));
    QVERIFY(html(account).contains(u"Τα δικαιώματά σας"_s)); // the notice on the profile page too
    // Any page's header says so.
    QVERIFY(html(b.get(u"/"_s)).contains(u">Ο λογαριασμός μου</a>"_s));

    // A valid profile is stored normalised.
    Reply saved = b.request("POST"_ba, u"/account"_s,
        form({{u"csrf"_s, csrfField(account)}, {u"given_name"_s, u" Μαρία "_s}, {u"surname"_s, u"Παπαδοπούλου"_s},
            {u"father_name"_s, u"Γεώργιος"_s}, {u"mother_name"_s, u"Ελένη"_s}, {u"birth_date"_s, u"19/5/1980"_s},
            {u"afm"_s, u"EL 090 000 045"_s}, {u"amka"_s, u"190580 12345"_s}, {u"id_card"_s, u"αβ-123456"_s},
            {u"address"_s, u"Μεραρχίας 12, Σέρρες"_s}, {u"phone"_s, u"+30 23210 12345"_s}, {u"language"_s, u"en"_s}}));
    QCOMPARE(saved.status, 303);
    QCOMPARE(location(saved), u"/account?saved=1"_s);
    const Citizen c = *m_ts->ctx().citizens->find(stored->id);
    QCOMPARE(c.profile.givenName, u"Μαρία"_s);
    QCOMPARE(c.profile.afm, QString::fromLatin1(kValidAfm));
    QCOMPARE(c.profile.amka, QString::fromLatin1(kValidAmka));
    QCOMPARE(c.profile.birthDate, u"1980-05-19"_s);
    QCOMPARE(c.profile.idCard, u"ΑΒ123456"_s);
    QCOMPARE(c.language, u"en"_s);
    account = b.get(u"/account?saved=1"_s);
    QVERIFY(html(account).contains(u"Τα στοιχεία σας αποθηκεύτηκαν."_s));
    QVERIFY(html(account).contains(u"value=\"19/05/1980\""_s));

    // An invalid ΑΦΜ keeps what was typed, says why next to the field, and changes nothing.
    const Reply refused = b.request("POST"_ba, u"/account"_s,
        form({{u"csrf"_s, csrfField(account)}, {u"given_name"_s, u"Μαρία"_s}, {u"afm"_s, u"090000046"_s},
            {u"amka"_s, QString::fromLatin1(kValidAmka)}}));
    QCOMPARE(refused.status, 422);
    QVERIFY(html(refused).contains(u"Αυτός ο ΑΦΜ δεν είναι έγκυρος"_s));
    QVERIFY(html(refused).contains(u"id=\"afm-error\""_s));
    QVERIFY(html(refused).contains(u"value=\"090000046\""_s));
    QCOMPARE(m_ts->ctx().citizens->find(stored->id)->profile.afm, QString::fromLatin1(kValidAfm));
    QCOMPARE(m_ts->ctx().citizens->find(stored->id)->profile.surname, u"Παπαδοπούλου"_s);

    // Signing out ends the session on the server, not only the cookie.
    const QByteArray token = b.cookies.value("dimos_session");
    const Reply out = b.request("POST"_ba, u"/account/logout"_s, form({{u"csrf"_s, csrfField(account)}}));
    QCOMPARE(out.status, 200);
    QVERIFY(out.header("set-cookie").contains("Max-Age=0"));
    QVERIFY(html(out).contains(u">Σύνδεση</a>"_s));
    QVERIFY(!m_ts->ctx().citizenAccounts->authenticate(QString::fromLatin1(token)));
    b.cookies.insert("dimos_session", token); // a copy of the old cookie opens nothing
    QCOMPARE(b.get(u"/account"_s).status, 303);
}

void tst_CitizenAccounts::pagesSpeakBothLanguages_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("el");
    QTest::addColumn<QString>("en");
    QTest::newRow("register") << u"/account/register"_s << u"Δημιουργία λογαριασμού"_s << u"Create an account"_s;
    QTest::newRow("login") << u"/account/login"_s << u"Ξεχάσατε τον κωδικό σας;"_s << u"Forgot your password?"_s;
    QTest::newRow("reset") << u"/account/reset"_s << u"Στείλτε μου τον σύνδεσμο"_s << u"Send me the link"_s;
    QTest::newRow("verify") << u"/account/verify?token=x"_s << u"Επιβεβαίωση της διεύθυνσής μου"_s
                            << u"Confirm my e-mail address"_s;
    QTest::newRow("bad reset link") << u"/account/reset/nope"_s << u"Ο σύνδεσμος δεν ισχύει"_s
                                    << u"The link does not work"_s;
}

void tst_CitizenAccounts::pagesSpeakBothLanguages()
{
    QFETCH(QString, path);
    QFETCH(QString, el);
    QFETCH(QString, en);
    start();
    Browser greek(*m_ts, "el");
    Browser english(*m_ts, "en");
    const Reply g = greek.get(path);
    const Reply e = english.get(path);
    QVERIFY2(html(g).contains(el), qPrintable(html(g)));
    QVERIFY2(html(e).contains(en), qPrintable(html(e)));
    QVERIFY(html(g).contains(u"<html lang=\"el\">"_s));
    QVERIFY(html(e).contains(u"<html lang=\"en\">"_s));
    QVERIFY(html(e).contains(u">Sign in</a>"_s));
}

void tst_CitizenAccounts::profileRefusesBadIdsWithClearMessages_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("english");
    QTest::newRow("afm short") << u"afm"_s << u"12345"_s << u"The ΑΦΜ has 9 digits"_s;
    QTest::newRow("afm check digit") << u"afm"_s << u"090000046"_s << u"a digit is probably mistyped"_s;
    QTest::newRow("afm prefix only") << u"afm"_s << u"EL"_s << u"The ΑΦΜ has 9 digits"_s; // found by fuzz_AccountForm
    QTest::newRow("amka letters") << u"amka"_s << u"1905801234X"_s << u"The ΑΜΚΑ has 11 digits"_s;
    QTest::newRow("amka date") << u"amka"_s << u"32138012345"_s << u"are a date of birth (DDMMYY)"_s;
    QTest::newRow("amka check digit") << u"amka"_s << u"19058012346"_s << u"on your health card"_s;
    QTest::newRow("id card") << u"id_card"_s << u"12345"_s << u"one or two letters and 6 to 8 digits"_s;
    QTest::newRow("birth date format") << u"birth_date"_s << u"May 1980"_s << u"day/month/year"_s;
    QTest::newRow("birth date 31 Feb") << u"birth_date"_s << u"31/02/1980"_s << u"day/month/year"_s;
    QTest::newRow("birth date future") << u"birth_date"_s << u"01/01/2999"_s << u"must be in the past"_s;
    QTest::newRow("birth date 1850") << u"birth_date"_s << u"1850-01-01"_s << u"after 1900"_s;
    QTest::newRow("name digits") << u"given_name"_s << u"M4ria"_s << u"only letters"_s;
    QTest::newRow("phone") << u"phone"_s << u"call me"_s << u"in digits"_s;
}

void tst_CitizenAccounts::profileRefusesBadIdsWithClearMessages()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, english);
    start();
    Browser b(*m_ts, "en");
    signedInCitizen(b, u"nikos@example.org"_s);
    const Reply page = b.get(u"/account"_s);
    const Reply r = b.request("POST"_ba, u"/account"_s, form({{u"csrf"_s, csrfField(page)}, {field, value}}));
    QCOMPARE(r.status, 422);
    QVERIFY2(html(r).contains(english), qPrintable(html(r)));
    QVERIFY(html(r).contains(u"href=\"#"_s + field + u'"')); // the summary links to the field
    QVERIFY(html(r).contains(u"id=\""_s + field + u"-error\""_s));
    // The service refuses it too, whoever calls it.
    CitizenProfile p;
    if (field == u"afm")
        p.afm = value;
    else if (field == u"amka")
        p.amka = value;
    else if (field == u"id_card")
        p.idCard = value;
    else if (field == u"birth_date")
        p.birthDate = value;
    else if (field == u"given_name")
        p.givenName = value;
    else
        p.phone = value;
    const qint64 id = m_ts->ctx().citizens->findByEmail(u"nikos@example.org"_s)->id;
    QVERIFY_THROWS_EXCEPTION(ApiError, m_ts->ctx().citizenAccounts->updateProfile(id, p, u"el"_s));
}

void tst_CitizenAccounts::passwordRules()
{
    start();
    Browser b(*m_ts, "en");
    const Reply page = b.get(u"/account/register"_s);
    const auto attempt = [&](const QString &email, const QString &password, const QString &again) {
        return b.request("POST"_ba, u"/account/register"_s,
            form({{u"csrf"_s, csrfField(page)}, {u"email"_s, email}, {u"password"_s, password},
                {u"password2"_s, again}}));
    };
    QVERIFY(html(page).contains(u"At least 10 characters, not your e-mail address."_s)); // the rule, before a mistake
    Reply r = attempt(u"anna@example.org"_s, u"short"_s, u"short"_s);
    QCOMPARE(r.status, 422);
    QVERIFY(html(r).contains(u"The password needs at least 10 characters."_s));
    QVERIFY(html(r).contains(u"value=\"anna@example.org\""_s)); // the address is kept, never the password
    QVERIFY(!html(r).contains(u"value=\"short\""_s));
    r = attempt(u"anna@example.org"_s, u"Anna@Example.org"_s, u"Anna@Example.org"_s);
    QCOMPARE(r.status, 422);
    QVERIFY(html(r).contains(u"The password must not be your e-mail address."_s));
    r = attempt(u"anna@example.org"_s, u"long enough one"_s, u"long enough two"_s);
    QCOMPARE(r.status, 422);
    QVERIFY(html(r).contains(u"The two passwords are not the same."_s));
    r = attempt(u"not an address"_s, u"long enough one"_s, u"long enough one"_s);
    QCOMPARE(r.status, 422);
    QVERIFY(html(r).contains(u"This email address is not valid."_s));
    // A form sent without the confirmation field is not accepted unconfirmed (found by fuzz_AccountForm).
    r = b.request("POST"_ba, u"/account/register"_s,
        form({{u"csrf"_s, csrfField(page)}, {u"email"_s, u"anna@example.org"_s},
            {u"password"_s, u"long enough one"_s}}));
    QCOMPARE(r.status, 422);
    QVERIFY(html(r).contains(u"The two passwords are not the same."_s));
    QVERIFY(mails().isEmpty());
    QVERIFY(!m_ts->ctx().citizens->findByEmail(u"anna@example.org"_s));
    // The service keeps the rules whoever calls it.
    QVERIFY_THROWS_EXCEPTION(ApiError,
        m_ts->ctx().citizenAccounts->registerAccount(u"anna@example.org"_s, u"123456789"_s, u"el"_s, u"test"_s));
}

void tst_CitizenAccounts::resetEndsEverySession()
{
    start();
    Browser phone(*m_ts);
    Browser laptop(*m_ts);
    signedInCitizen(phone, u"eleni@example.org"_s);
    QCOMPARE(signIn(laptop, u"eleni@example.org"_s).status, 303);
    QCOMPARE(laptop.get(u"/account"_s).status, 200);

    // The same answer for an address with an account and one without; a mail only for the first.
    Browser someone(*m_ts);
    const Reply form1 = someone.get(u"/account/reset"_s);
    const Reply known = someone.request(
        "POST"_ba, u"/account/reset"_s, form({{u"csrf"_s, csrfField(form1)}, {u"email"_s, u"eleni@example.org"_s}}));
    const Reply unknown = someone.request(
        "POST"_ba, u"/account/reset"_s, form({{u"csrf"_s, csrfField(form1)}, {u"email"_s, u"nobody@example.org"_s}}));
    QCOMPARE(known.status, 200);
    QCOMPARE(unknown.status, 200);
    QCOMPARE(
        html(known).replace(u"eleni@example.org"_s, u"X"_s), html(unknown).replace(u"nobody@example.org"_s, u"X"_s));
    const QList<Mail> resets = mails(u"account_reset"_s);
    QCOMPARE(resets.size(), 1);
    QCOMPARE(resets[0].to, u"eleni@example.org"_s);
    const QString link = resets[0].link(u"/account/reset/"_s);
    QVERIFY(!link.isEmpty());

    const Reply newForm = someone.get(link);
    QCOMPARE(newForm.status, 200);
    Reply r = someone.request("POST"_ba, link,
        form({{u"csrf"_s, csrfField(newForm)}, {u"password"_s, u"νέος κωδικός 2026"_s},
            {u"password2"_s, u"νέος κωδικός 2025"_s}}));
    QCOMPARE(r.status, 422);
    QVERIFY(phone.get(u"/account"_s).status == 200); // nothing changed yet
    r = someone.request("POST"_ba, link,
        form({{u"csrf"_s, csrfField(newForm)}, {u"password"_s, u"νέος κωδικός 2026"_s},
            {u"password2"_s, u"νέος κωδικός 2026"_s}}));
    QCOMPARE(r.status, 200);
    QVERIFY(html(r).contains(u"Αποσυνδεθήκατε παντού"_s));

    // Both devices are signed out; the old password no longer works, the new one does.
    QCOMPARE(phone.get(u"/account"_s).status, 303);
    QCOMPARE(laptop.get(u"/account"_s).status, 303);
    QCOMPARE(signIn(phone, u"eleni@example.org"_s).status, 401);
    QCOMPARE(signIn(phone, u"eleni@example.org"_s, u"νέος κωδικός 2026"_s).status, 303);
    // The link works once.
    QCOMPARE(someone.get(link).status, 404);
}

void tst_CitizenAccounts::rateLimitsAnswer429WithRetryAfter()
{
    start();
    Browser b(*m_ts);
    signedInCitizen(b, u"kostas@example.org"_s);
    Browser other(*m_ts);
    const int limit = m_ts->ctx().citizenAccounts->settings().maxLoginFailures;
    for (int i = 0; i < limit; ++i)
        QCOMPARE(signIn(other, u"kostas@example.org"_s, u"wrong password!"_s).status, 401);
    // Now even the right password waits: per address and per e-mail.
    const Reply blocked = signIn(other, u"kostas@example.org"_s);
    QCOMPARE(blocked.status, 429);
    QVERIFY(blocked.header("retry-after").toInt() > 0);
    QVERIFY(html(blocked).contains(u"Πάρα πολλές προσπάθειες"_s));
    m_ts->clock().advanceMs(m_ts->ctx().citizenAccounts->settings().loginWindowMs + 1000);
    QCOMPARE(signIn(other, u"kostas@example.org"_s).status, 303);

    // Registrations and reset requests per client address (one in signedInCitizen already).
    const int requests = m_ts->ctx().citizenAccounts->settings().requestsPerHour;
    Browser c(*m_ts);
    const Reply page = c.get(u"/account/reset"_s);
    int ok = 0;
    Reply last;
    for (int i = 0; i < requests + 1; ++i) {
        last = c.request("POST"_ba, u"/account/reset"_s,
            form({{u"csrf"_s, csrfField(page)}, {u"email"_s, u"kostas@example.org"_s}}));
        ok += last.status == 200 ? 1 : 0;
    }
    QCOMPARE(last.status, 429);
    QVERIFY(last.header("retry-after").toInt() > 0);
    QVERIFY(ok <= requests);
    // At most mails_per_hour reset mails for one account, whatever the number of requests.
    QVERIFY(mails(u"account_reset"_s).size() <= m_ts->ctx().citizenAccounts->settings().mailsPerHour);
    const Reply reg = c.get(u"/account/register"_s);
    const Reply refused = c.request("POST"_ba, u"/account/register"_s,
        form({{u"csrf"_s, csrfField(reg)}, {u"email"_s, u"new@example.org"_s}, {u"password"_s, u"long enough one"_s},
            {u"password2"_s, u"long enough one"_s}}));
    QCOMPARE(refused.status, 429);
    QVERIFY(!m_ts->ctx().citizens->findByEmail(u"new@example.org"_s));
}

void tst_CitizenAccounts::everyPostNeedsItsCsrfToken()
{
    start();
    Browser b(*m_ts);
    signedInCitizen(b, u"giorgos@example.org"_s);
    const QList<std::pair<QString, QByteArray>> posts{
        {u"/account/register"_s, "email=x%40example.org&password=long+enough+one&password2=long+enough+one"},
        {u"/account/login"_s, "email=giorgos%40example.org&password=x"},
        {u"/account/logout"_s, ""},
        {u"/account"_s, "given_name=Mallory"},
        {u"/account/reset"_s, "email=giorgos%40example.org"},
        {u"/account/verify/resend"_s, ""},
        {u"/account/verify?token=abc"_s, ""},
        {u"/account/reset/abc"_s, "password=long+enough+one&password2=long+enough+one"},
    };
    for (const auto &[path, body] : posts) {
        const Reply missing = b.request("POST"_ba, path, body);
        QVERIFY2(missing.status == 403, qPrintable(path));
        const Reply wrong = b.request("POST"_ba, path, body + "&csrf=" + QByteArray(43, 'A'));
        QVERIFY2(wrong.status == 403, qPrintable(path));
    }
    // Still signed in, nothing changed, no mail but the first verification.
    QCOMPARE(b.get(u"/account"_s).status, 200);
    QCOMPARE(m_ts->ctx().citizens->findByEmail(u"giorgos@example.org"_s)->profile.givenName, QString());
    QCOMPARE(mails().size(), 1);
}

void tst_CitizenAccounts::nextOnlyAcceptsLocalPaths_data()
{
    QTest::addColumn<QString>("next");
    QTest::addColumn<QString>("expected");
    QTest::newRow("local") << u"/requests/7?x=1"_s << u"/requests/7?x=1"_s;
    QTest::newRow("protocol-relative") << u"//evil.example/"_s << u"/account"_s;
    QTest::newRow("absolute") << u"https://evil.example/"_s << u"/account"_s;
    QTest::newRow("backslash") << u"/\\evil.example"_s << u"/account"_s;
    QTest::newRow("scheme without slash") << u"javascript:alert(1)"_s << u"/account"_s;
    QTest::newRow("relative") << u"evil.example"_s << u"/account"_s;
    QTest::newRow("control") << u"/\t/evil.example"_s << u"/account"_s;
}

void tst_CitizenAccounts::nextOnlyAcceptsLocalPaths()
{
    QFETCH(QString, next);
    QFETCH(QString, expected);
    start();
    Browser b(*m_ts);
    signedInCitizen(b, u"sofia@example.org"_s);
    b.cookies.remove("dimos_session");
    // The form carries it from ?next= ...
    const Reply page = b.get(u"/account/login?next="_s + QString::fromLatin1(QUrl::toPercentEncoding(next)));
    QCOMPARE(page.status, 200);
    if (expected != next) // not in the form (the language switch keeps the query, harmlessly)
        QVERIFY2(html(page).contains(u"name=\"next\" value=\"\""_s), qPrintable(html(page)));
    else
        QVERIFY(html(page).contains(u"name=\"next\" value=\"/requests/7?x=1\""_s));
    const Reply r = signIn(b, u"sofia@example.org"_s, QString::fromUtf8(kPassword), next);
    QCOMPARE(r.status, 303);
    QCOMPARE(location(r), expected);
    // ... and a signed-in visit to the login page goes there too.
    const Reply again = b.get(u"/account/login?next="_s + QString::fromLatin1(QUrl::toPercentEncoding(next)));
    QCOMPARE(again.status, 303);
    QCOMPARE(location(again), expected);
}

void tst_CitizenAccounts::registeringAnExistingAddressLooksTheSame()
{
    start();
    Browser first(*m_ts);
    QVERIFY(!registerAccount(first, u"dimitra@example.org"_s).isEmpty());
    Browser second(*m_ts);
    const Reply page = second.get(u"/account/register"_s);
    const auto post = [&](const QString &email) {
        return second.request("POST"_ba, u"/account/register"_s,
            form({{u"csrf"_s, csrfField(page)}, {u"email"_s, email}, {u"password"_s, u"another password"_s},
                {u"password2"_s, u"another password"_s}}));
    };
    const Reply existing = post(u"Dimitra@example.org"_s);
    const Reply fresh = post(u"fresh@example.org"_s);
    QCOMPARE(existing.status, fresh.status);
    QCOMPARE(
        html(existing).replace(u"dimitra@example.org"_s, u"X"_s), html(fresh).replace(u"fresh@example.org"_s, u"X"_s));
    // The owner is told, no second account, the password unchanged.
    const QList<Mail> told = mails(u"account_exists"_s);
    QCOMPARE(told.size(), 1);
    QCOMPARE(told[0].to, u"dimitra@example.org"_s);
    QVERIFY(!told[0].link(u"/account/reset"_s).isEmpty());
    QCOMPARE(mails(u"account_verify"_s).size(), 2); // the first registration's and fresh@'s
    QSqlQuery q = m_ts->ctx().db->run(u"SELECT count(*) FROM citizens WHERE email = 'dimitra@example.org'"_s);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    Browser b(*m_ts);
    QCOMPARE(signIn(b, u"dimitra@example.org"_s, u"another password"_s).status, 401);
    QCOMPARE(signIn(b, u"dimitra@example.org"_s).status, 303);
}

void tst_CitizenAccounts::unverifiedAccountMaySignInButNotAct()
{
    start();
    Browser b(*m_ts, "en");
    const QString link = registerAccount(b, u"petros@example.org"_s);
    QCOMPARE(signIn(b, u"petros@example.org"_s).status, 303);
    Reply account = b.get(u"/account"_s);
    QCOMPARE(account.status, 200);
    QVERIFY(html(account).contains(u"Confirm your e-mail address"_s));

    // What the request pages will do: requireCitizen() refuses the unverified with a 403 page ...
    StaticFiles files(m_ts->ctx().web->leafletDir);
    WebPage page(m_ts->ctx(), files);
    HttpRequest req;
    req.method = "GET"_ba;
    req.path = u"/requests/new/residence"_s;
    req.headers.append({"accept-language"_ba, "en"_ba});
    const WebRequest anonymous = page.begin(req);
    const std::optional<HttpResponse> toLogin = citizensession::requireCitizen(page, anonymous);
    QVERIFY(toLogin);
    QCOMPARE(toLogin->status, 303);
    bool found = false;
    for (const auto &[name, value] : toLogin->headers)
        if (name == "Location") {
            found = true;
            QCOMPARE(value, "/account/login?next=%2Frequests%2Fnew%2Fresidence"_ba);
        }
    QVERIFY(found);

    req.headers.append({"cookie"_ba, "dimos_session="_ba + b.cookies.value("dimos_session")});
    WebRequest web = page.begin(req);
    QVERIFY(web.citizen);
    QCOMPARE(web.citizen->email, u"petros@example.org"_s);
    QVERIFY(!web.citizen->verified);
    std::optional<HttpResponse> refused = citizensession::requireCitizen(page, web);
    QVERIFY(refused);
    QCOMPARE(refused->status, 403);
    QVERIFY(QString::fromUtf8(refused->body).contains(u"you cannot send requests"_s));
    QVERIFY(!citizensession::requireCitizen(page, web, /*needVerified=*/false));
    QVERIFY(!web.citizen->profileComplete());

    // ... a new link can be asked for (the first one is retired) ...
    const Reply resent = b.request("POST"_ba, u"/account/verify/resend"_s, form({{u"csrf"_s, csrfField(account)}}));
    QCOMPARE(resent.status, 303);
    QCOMPARE(mails(u"account_verify"_s).size(), 2);
    QCOMPARE(pressButton(b, link).status, 404);
    QCOMPARE(pressButton(b, mails(u"account_verify"_s).last().link(u"/account/verify"_s)).status, 200);

    // ... and once verified the same session may act.
    web = page.begin(req);
    QVERIFY(web.citizen && web.citizen->verified);
    QVERIFY(!citizensession::requireCitizen(page, web));
    // The API's way to ask, without a WebRequest.
    const std::optional<SignedInCitizen> api = citizensession::signedIn(*m_ts->ctx().citizenAccounts, req);
    QVERIFY(api && api->verified && api->id == web.citizen->id);
}

void tst_CitizenAccounts::tokensAreStoredOnlyHashed()
{
    start();
    Browser b(*m_ts);
    const QString link = registerAccount(b, u"ioanna@example.org"_s);
    const QString verifyToken = QUrlQuery(QUrl(link).query()).queryItemValue(u"token"_s);
    QCOMPARE(verifyToken.size(), 43);
    QCOMPARE(pressButton(b, link).status, 200);
    QCOMPARE(signIn(b, u"ioanna@example.org"_s).status, 303);
    const QByteArray token = b.cookies.value("dimos_session");
    QCOMPARE(token.size(), 43);

    const auto dump = [&](const QString &table) {
        QSqlQuery q = m_ts->ctx().db->run(u"SELECT * FROM "_s + table);
        QString all;
        while (q.next())
            for (int i = 0; i < q.record().count(); ++i)
                all += q.value(i).toString() + u'|';
        return all;
    };
    const QString sessions = dump(u"citizen_sessions"_s);
    QVERIFY(!sessions.contains(QString::fromLatin1(token)));
    QVERIFY(
        sessions.contains(QString::fromLatin1(QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex())));
    QVERIFY(!dump(u"citizen_tokens"_s).contains(verifyToken));
    const QString citizens = dump(u"citizens"_s);
    QVERIFY(citizens.contains(u"$argon2id$"_s));
    QVERIFY(!citizens.contains(QString::fromUtf8(kPassword)));
}

void tst_CitizenAccounts::sessionExpirySlidesWithUse()
{
    start();
    Browser b(*m_ts);
    signedInCitizen(b, u"vasilis@example.org"_s);
    const qint64 lifetime = m_ts->ctx().citizenAccounts->settings().sessionLifetimeMs;
    QCOMPARE(lifetime, 30LL * 24 * 3600 * 1000);
    // Used every 20 days, the session lives on; the cookie is sent again with the new expiry.
    for (int i = 0; i < 3; ++i) {
        m_ts->clock().advanceMs(20LL * 24 * 3600 * 1000);
        const Reply r = b.get(u"/account"_s);
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("set-cookie").contains("Max-Age=2592000"));
    }
    // Not on every visit: each move is a write (and empties the response cache).
    m_ts->clock().advanceMs(3600LL * 1000);
    QVERIFY(b.get(u"/account"_s).header("set-cookie").isEmpty());
    // Left alone longer than the lifetime, it ends.
    m_ts->clock().advanceMs(lifetime + 1000);
    QCOMPARE(b.get(u"/account"_s).status, 303);
}

void tst_CitizenAccounts::signInRehashesAnOldCost()
{
    start();
    Browser b(*m_ts);
    signedInCitizen(b, u"olga@example.org"_s);
    CitizenRepository &repo = *m_ts->ctx().citizens;
    const qint64 id = repo.findByEmail(u"olga@example.org"_s)->id;
    const QString old = PasswordHasher({2, 2 * 1024 * 1024}).hash(QString::fromUtf8(kPassword));
    repo.setPasswordHash(id, old, m_ts->clock().nowMs());
    Browser again(*m_ts);
    QCOMPARE(signIn(again, u"olga@example.org"_s).status, 303);
    const QString now = repo.passwordHash(id);
    QVERIFY(now != old);
    QVERIFY(now.startsWith(u"$argon2id$"_s));
    QVERIFY(!PasswordHasher({1, 1024 * 1024}).needsRehash(now));
    again.cookies.remove("dimos_session");
    QCOMPARE(signIn(again, u"olga@example.org"_s).status, 303);
}

void tst_CitizenAccounts::identitiesLinkToOneAccount()
{
    start();
    Browser b(*m_ts);
    registerAccount(b, u"a@example.org"_s);
    registerAccount(b, u"b@example.org"_s);
    CitizenRepository &repo = *m_ts->ctx().citizens;
    const qint64 a = repo.findByEmail(u"a@example.org"_s)->id;
    const qint64 other = repo.findByEmail(u"b@example.org"_s)->id;
    QVERIFY(!repo.findByIdentity(u"govgr"_s, u"123456789"_s));
    QVERIFY(repo.linkIdentity(a, u"govgr"_s, u"123456789"_s, 1000));
    QVERIFY(repo.linkIdentity(a, u"govgr"_s, u"123456789"_s, 2000)); // again: still linked to it
    QVERIFY(!repo.linkIdentity(other, u"govgr"_s, u"123456789"_s, 3000)); // one subject, one account
    QVERIFY(repo.linkIdentity(other, u"other-provider"_s, u"123456789"_s, 3000));
    const std::optional<Citizen> found = repo.findByIdentity(u"govgr"_s, u"123456789"_s);
    QVERIFY(found);
    QCOMPARE(found->id, a);
    QCOMPARE(found->email, u"a@example.org"_s);
    const QList<CitizenIdentity> linked = repo.identities(a);
    QCOMPARE(linked.size(), 1);
    QCOMPARE(linked[0].linkedMs, 1000);
    // An account with only an external identity has no password: nothing signs in with one.
    repo.setPasswordHash(other, QString(), 4000);
    QCOMPARE(signIn(b, u"b@example.org"_s, QString()).status, 401);
    QCOMPARE(signIn(b, u"b@example.org"_s, u"anything at all"_s).status, 401);
}

void tst_CitizenAccounts::myDataDownloadsAsOneFile()
{
    // GDPR Art. 15: the citizen downloads what the municipality keeps for the account — the
    // account, the profile, every request with its protocol number, history and documents.
    start();
    Browser b(*m_ts, "en");
    signedInCitizen(b, u"sofia@example.org"_s);
    const Reply account = b.get(u"/account"_s);
    QVERIFY(html(account).contains(u"href=\"/account/data\" download"_s));
    QVERIFY(b.request("POST"_ba, u"/account"_s,
                 form({{u"csrf"_s, csrfField(account)}, {u"given_name"_s, u"Σοφία"_s}, {u"surname"_s, u"Ιωάννου"_s},
                     {u"afm"_s, u"090000045"_s}, {u"phone"_s, u"2321012345"_s}}))
                .status
        == 303);
    const qint64 citizen = m_ts->ctx().citizens->findByEmail(u"sofia@example.org"_s)->id;
    const qint64 roads = m_ts->addDepartment(u"roads"_s);
    addRequestType(*m_ts, u"residence"_s, roads);
    const CitizenRequest submitted = m_ts->ctx().requestService->submit(citizen, u"residence"_s,
        {{u"purpose"_s, {u"ΔΟΥ Σερρών"_s}}}, {upload(u"utility_bill"_s, u"ΔΕΗ.pdf"_s, samplePdf())}, u"en"_s);

    const Reply r = b.get(u"/account/data"_s);
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("content-type").startsWith("application/json"));
    QVERIFY(r.header("content-disposition").startsWith("attachment; filename=\"my-data-"));
    QCOMPARE(r.header("cache-control"), "no-store"_ba);
    const QJsonObject data = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(data.value(u"account"_s).toObject().value(u"email"_s).toString(), u"sofia@example.org"_s);
    QVERIFY(!data.value(u"account"_s).toObject().value(u"email_verified_at"_s).isNull());
    const QJsonObject profile = data.value(u"profile"_s).toObject();
    QCOMPARE(profile.value(u"given_name"_s).toString(), u"Σοφία"_s);
    QCOMPARE(profile.value(u"afm"_s).toString(), u"090000045"_s);
    QCOMPARE(profile.value(u"phone"_s).toString(), u"2321012345"_s);
    const QJsonArray requests = data.value(u"requests"_s).toArray();
    QCOMPARE(requests.size(), 1);
    const QJsonObject request = requests.first().toObject();
    QCOMPARE(request.value(u"id"_s).toInteger(), submitted.id);
    QVERIFY(!request.value(u"protocol"_s).toObject().value(u"display"_s).toString().isEmpty());
    QVERIFY(r.body.contains("ΔΕΗ.pdf"));
    QVERIFY(!r.body.contains("password")); // nothing of the credentials

    // Another citizen gets their own, nothing of Sofia's; without a session, the sign-in page.
    Browser other(*m_ts, "en");
    signedInCitizen(other, u"petros@example.org"_s);
    const Reply theirs = other.get(u"/account/data"_s);
    QCOMPARE(theirs.status, 200);
    QVERIFY(!theirs.body.contains("sofia@example.org") && !theirs.body.contains("090000045"));
    QCOMPARE(QJsonDocument::fromJson(theirs.body).object().value(u"requests"_s).toArray().size(), 0);
    Browser nobody(*m_ts, "en");
    const Reply refused = nobody.get(u"/account/data"_s);
    QCOMPARE(refused.status, 303);
    QVERIFY(location(refused).contains(u"/account/login?next=%2Faccount%2Fdata"_s));
}

QTEST_GUILESS_MAIN(tst_CitizenAccounts)
#include "tst_CitizenAccounts.moc"
