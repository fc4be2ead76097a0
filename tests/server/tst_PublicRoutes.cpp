// Who may call which route outside the staff API: every route that is not under /api/v1 — the
// citizens' web pages, Open311, the feeds, /media, /static and /healthz — for every kind of
// caller, with the exact answer (and where a redirect points), what it writes and what it must
// never show. tst_StaffApi walks the /api/v1 routes the same way; routesTableIsComplete in the
// two suites together covers every route the server registers.
#include <algorithm>

#include <QColor>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include "RequestFixtures.h"
#include "server/core/CitizenAccounts.h"
#include "server/core/CitizenMail.h"
#include "server/core/InformationService.h"
#include "server/core/PasswordHasher.h"
#include "server/core/PhotoProcessor.h"
#include "server/core/ReportService.h"
#include "server/http/Router.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/Database.h"
#include "server/storage/IssuedDocumentRepository.h"
#include "server/storage/ReportRepository.h"
#include "server/web/CitizenSession.h"
#include "server/web/Csrf.h"
#include "support/Browser.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

// ---- the people -------------------------------------------------------------------------------

// The citizens' accounts (e-Dimotis). The owner's profile differs from everyone else's in the
// values below, which no answer to anyone else may contain.
constexpr auto kCitizenPassword = "a long enough password";
const QString kOwnerEmail = u"owner@example.org"_s;
const QString kOtherEmail = u"other@example.org"_s;
const QByteArray kOwnerSurname = "Καραγιάννη";
const QByteArray kOwnerAmka = "24127712349";
const QByteArray kOwnerPhone = "+306911111111";
const QByteArray kOwnerBill = "OWNER-BILL-7731"; // inside the owner's uploaded document

// The person who filed the web reports and the Open311 ones, without an account: their contact
// details stay on the server (the staff API shows them to staff), never on a public answer.
const QString kReporterEmail = u"xanthippi.private@example.org"_s;
const QString kReporterFirst = u"Ξανθίππη"_s;
const QString kReporterLast = u"Κρυφίδου"_s;
const QString kReporterPhone = u"+306900000123"_s;

// In the descriptions of the reports nobody outside may see.
const QByteArray kPendingMarker = "PENDING-7f3a";
const QByteArray kHiddenMarker = "HIDDEN-91c2";
const QByteArray kWithdrawnMarker = "WITHDRAWN-5d0e"; // the title of an information item taken down

// ---- the callers --------------------------------------------------------------------------------

// Citizens present the dimos_session cookie of their account; staff present their bearer token
// (Authorization: Bearer), as the desk does on every call — on the web pages it is no session.
// The owner is the citizen whose e-Dimotis request it is; reports are filed by a person without
// an account (the reporter below), so on a report's routes the owner is one more citizen.
enum Who { Anonymous, Owner, OtherCitizen, ClerkOther, ClerkOwn, Manager, Admin, WhoCount };
constexpr const char *kWhoNames[WhoCount] = {"anonymous", "citizen who owns it", "another signed-in citizen",
    "clerk of another department", "clerk of the department", "manager of the department", "admin"};

// What a caller gets: "<status>[!][ <location>]". "!" marks an answer that changes the data; an
// answer without it must leave the data exactly as it was (GETs always; refusals always). A
// location is compared exactly after filling in {report}, {pending}, {request}, {next_report},
// {next_request} and {login} (the sign-in page with this page, percent-encoded, as `next`).
struct RouteCase
{
    const char *method;
    const char *pattern;
    const char *variant;
    const char *expected[WhoCount]; // in the order of Who
};

constexpr const char *kSignInFromForm = "303 /account/login?next=/account"; // a POST without a session

// clang-format off
#define EVERYONE(x) {x, x, x, x, x, x, x}
// Pages for a signed-in citizen: a browser without a session (and staff with their token, which
// is no session here) is sent to sign in and brought back.
#define CITIZENS(owner, other) {"303 {login}", owner, other, "303 {login}", "303 {login}", "303 {login}", "303 {login}"}
// A form that needs a session, sent without one (after its CSRF check passed).
#define CITIZENS_POST(owner, other) \
    {kSignInFromForm, owner, other, kSignInFromForm, kSignInFromForm, kSignInFromForm, kSignInFromForm}
// Pages for a browser that is not signed in (registration, sign-in): citizens go to their account.
#define SIGNED_OUT(anyone, citizen) {anyone, citizen, citizen, anyone, anyone, anyone, anyone}
// Staff see with their token what nobody else sees.
#define STAFF(anyone, staff) {anyone, anyone, anyone, staff, staff, staff, staff}
// clang-format on

// Every route outside /api/v1 (routesTableIsComplete checks the list against the server). The
// report and the request belong to "roads"; the owner filed the request. Links from mails
// (/confirm, /subscriptions, /follow, /account/verify, /account/reset) carry their own
// credential: every caller presents the same link, so the answer is the same for all of them,
// and a wrong link is the variant that is refused. Forms are fetched first by the same browser
// for their CSRF token; "without CSRF token" and "wrong CSRF token" send the cookie with no or
// another token in the form.
constexpr RouteCase kRoutes[] = {
    // ---- the report pages (web/WebSite.cpp) ----
    {"GET", "/", "", EVERYONE("200")},
    {"GET", "/map/reports.geojson", "", EVERYONE("200")},
    {"GET", "/streets.json", "", EVERYONE("200")},
    {"GET", "/map/boundary.geojson", "", EVERYONE("200")},
    {"GET", "/reports/{id}", "", EVERYONE("200")},
    {"GET", "/reports/{id}", "waiting for confirmation", EVERYONE("404")},
    {"GET", "/reports/{id}", "hidden by a moderator", EVERYONE("404")},
    {"GET", "/reports/{id}/thanks", "", EVERYONE("200")},
    {"GET", "/reports/{id}/thanks", "waiting for confirmation", EVERYONE("200")}, // its number, nothing else
    {"GET", "/reports/{id}/thanks", "filed through Open311", EVERYONE("404")},
    {"GET", "/confirm/{token}", "", EVERYONE("200")}, // a button: a mail scanner confirms nothing
    {"POST", "/confirm/{token}", "", EVERYONE("303! /reports/{pending}")},
    {"POST", "/confirm/{token}", "without CSRF token", EVERYONE("403")},
    {"POST", "/confirm/{token}", "wrong CSRF token", EVERYONE("403")},
    {"POST", "/confirm/{token}", "unknown link", EVERYONE("404")},
    {"GET", "/report", "", EVERYONE("200")},
    {"POST", "/report", "", EVERYONE("303! /reports/{next_report}/thanks")},
    {"POST", "/report", "without CSRF token", EVERYONE("403")},
    {"POST", "/report", "wrong CSRF token", EVERYONE("403")},
    // ---- subscriptions and followers (web/SubscriptionPages.cpp) ----
    {"GET", "/subscribe", "", EVERYONE("200")},
    {"POST", "/subscribe", "", EVERYONE("200!")},
    {"POST", "/subscribe", "without CSRF token", EVERYONE("403")},
    {"POST", "/subscribe", "wrong CSRF token", EVERYONE("403")},
    {"GET", "/subscriptions/confirm/{token}", "", EVERYONE("200")},
    {"POST", "/subscriptions/confirm/{token}", "", EVERYONE("200!")},
    {"POST", "/subscriptions/confirm/{token}", "without CSRF token", EVERYONE("403")},
    {"POST", "/subscriptions/confirm/{token}", "wrong CSRF token", EVERYONE("403")},
    {"POST", "/subscriptions/confirm/{token}", "unknown link", EVERYONE("404")},
    {"GET", "/subscriptions/{token}", "", EVERYONE("200")},
    {"GET", "/subscriptions/{token}", "unknown link", EVERYONE("404")},
    {"POST", "/subscriptions/{token}", "", EVERYONE("200!")},
    {"POST", "/subscriptions/{token}", "without CSRF token", EVERYONE("403")},
    {"POST", "/subscriptions/{token}", "wrong CSRF token", EVERYONE("403")},
    {"POST", "/subscriptions/{token}", "unknown link", EVERYONE("404")},
    {"GET", "/subscriptions/{token}/unsubscribe", "", EVERYONE("200")},
    {"POST", "/subscriptions/{token}/unsubscribe", "", EVERYONE("200!")},
    {"POST", "/subscriptions/{token}/unsubscribe", "one-click from a mail client", EVERYONE("200!")}, // RFC 8058
    {"POST", "/subscriptions/{token}/unsubscribe", "without CSRF token", EVERYONE("403")},
    {"POST", "/subscriptions/{token}/unsubscribe", "wrong CSRF token", EVERYONE("403")},
    {"POST", "/reports/{id}/follow", "", EVERYONE("200!")},
    {"POST", "/reports/{id}/follow", "waiting for confirmation", EVERYONE("404")},
    {"POST", "/reports/{id}/follow", "hidden by a moderator", EVERYONE("404")},
    {"POST", "/reports/{id}/follow", "without CSRF token", EVERYONE("403")},
    {"POST", "/reports/{id}/follow", "wrong CSRF token", EVERYONE("403")},
    {"GET", "/follow/confirm/{token}", "", EVERYONE("200")},
    {"POST", "/follow/confirm/{token}", "", EVERYONE("200!")},
    {"POST", "/follow/confirm/{token}", "without CSRF token", EVERYONE("403")},
    {"POST", "/follow/confirm/{token}", "wrong CSRF token", EVERYONE("403")},
    {"POST", "/follow/confirm/{token}", "unknown link", EVERYONE("404")},
    {"GET", "/follow/{token}", "", EVERYONE("200")},
    {"GET", "/follow/{token}", "unknown link", EVERYONE("404")},
    {"GET", "/follow/{token}/unfollow", "", EVERYONE("200")},
    {"POST", "/follow/{token}/unfollow", "", EVERYONE("200!")},
    {"POST", "/follow/{token}/unfollow", "one-click from a mail client", EVERYONE("200!")},
    {"POST", "/follow/{token}/unfollow", "without CSRF token", EVERYONE("403")},
    {"POST", "/follow/{token}/unfollow", "wrong CSRF token", EVERYONE("403")},
    // "Not fixed" reopens a resolved report: only through the reporter's own link.
    {"GET", "/follow/{token}/not-fixed", "", EVERYONE("200")},
    {"GET", "/follow/{token}/not-fixed", "a follower who is not the reporter", EVERYONE("403")},
    {"POST", "/follow/{token}/not-fixed", "", EVERYONE("303! /reports/{report}#timeline-heading")},
    {"POST", "/follow/{token}/not-fixed", "a follower who is not the reporter", EVERYONE("403")},
    {"POST", "/follow/{token}/not-fixed", "without CSRF token", EVERYONE("403")},
    {"POST", "/follow/{token}/not-fixed", "wrong CSRF token", EVERYONE("403")},
    // ---- information (web/InformationPages.cpp) ----
    {"GET", "/information", "", EVERYONE("200")},
    {"GET", "/information/{code}", "", EVERYONE("200")},
    {"GET", "/information/{code}/{id}", "", EVERYONE("200")},
    {"GET", "/information/{code}/{id}", "withdrawn", EVERYONE("410")},
    // ---- accounts (web/AccountPages.cpp) ----
    {"GET", "/account/register", "", SIGNED_OUT("200", "303 /account")},
    {"POST", "/account/register", "", EVERYONE("200!")},
    {"POST", "/account/register", "without CSRF token", EVERYONE("403")},
    {"POST", "/account/register", "wrong CSRF token", EVERYONE("403")},
    {"GET", "/account/verify", "", EVERYONE("200")}, // a button again
    {"POST", "/account/verify", "", EVERYONE("200!")},
    {"POST", "/account/verify", "without CSRF token", EVERYONE("403")},
    {"POST", "/account/verify", "wrong CSRF token", EVERYONE("403")},
    {"POST", "/account/verify", "unknown link", EVERYONE("404")},
    {"POST", "/account/verify/resend", "", CITIZENS_POST("303 /account?sent=1", "303 /account?sent=1")},
    {"POST", "/account/verify/resend", "owner not verified yet",
        CITIZENS_POST("303! /account?sent=1", "303 /account?sent=1")},
    {"POST", "/account/verify/resend", "without CSRF token", EVERYONE("403")},
    {"POST", "/account/verify/resend", "wrong CSRF token", EVERYONE("403")},
    {"GET", "/account/login", "", SIGNED_OUT("200", "303 /account")},
    {"GET", "/account/login", "next page on this site", SIGNED_OUT("200", "303 /requests")},
    {"GET", "/account/login", "next page on another site", SIGNED_OUT("200", "303 /account")},
    {"POST", "/account/login", "", EVERYONE("303! /account")},
    {"POST", "/account/login", "next page on this site", EVERYONE("303! /requests/{request}")},
    {"POST", "/account/login", "next page on another site", EVERYONE("303! /account")},
    {"POST", "/account/login", "wrong password", EVERYONE("401")},
    {"POST", "/account/login", "without CSRF token", EVERYONE("403")},
    {"POST", "/account/login", "wrong CSRF token", EVERYONE("403")},
    {"POST", "/account/logout", "", SIGNED_OUT("200", "200!")},
    {"POST", "/account/logout", "without CSRF token", EVERYONE("403")},
    {"POST", "/account/logout", "wrong CSRF token", EVERYONE("403")},
    {"GET", "/account/reset", "", EVERYONE("200")},
    {"POST", "/account/reset", "", EVERYONE("200!")},
    {"POST", "/account/reset", "without CSRF token", EVERYONE("403")},
    {"POST", "/account/reset", "wrong CSRF token", EVERYONE("403")},
    {"GET", "/account/reset/{token}", "", EVERYONE("200")},
    {"GET", "/account/reset/{token}", "unknown link", EVERYONE("404")},
    {"POST", "/account/reset/{token}", "", EVERYONE("200!")},
    {"POST", "/account/reset/{token}", "unknown link", EVERYONE("404")},
    {"POST", "/account/reset/{token}", "without CSRF token", EVERYONE("403")},
    {"POST", "/account/reset/{token}", "wrong CSRF token", EVERYONE("403")},
    {"GET", "/account", "", CITIZENS("200", "200")}, // each citizen their own profile
    {"GET", "/account/data", "", CITIZENS("200", "200")}, // each citizen their own data
    {"POST", "/account", "", CITIZENS_POST("303! /account?saved=1", "303! /account?saved=1")},
    {"POST", "/account", "without CSRF token", EVERYONE("403")},
    {"POST", "/account", "wrong CSRF token", EVERYONE("403")},
    // ---- checking an issued document (web/VerifyPages.cpp): public, by its code ----
    {"GET", "/verify", "", EVERYONE("200")},
    {"GET", "/verify/{code}", "", EVERYONE("200")},
    {"GET", "/verify/{code}", "unknown code", EVERYONE("404")},
    {"POST", "/verify/{code}/check", "", EVERYONE("200")},
    {"POST", "/verify/{code}/check", "without CSRF token", EVERYONE("403")},
    {"POST", "/verify/{code}/check", "wrong CSRF token", EVERYONE("403")},
    {"POST", "/verify/check", "", EVERYONE("200")},
    {"POST", "/verify/check", "without CSRF token", EVERYONE("403")},
    {"POST", "/verify/check", "wrong CSRF token", EVERYONE("403")},
    // ---- e-Dimotis requests (web/RequestPages.cpp): another citizen's request is "not found" ----
    {"GET", "/requests", "", EVERYONE("200")},
    {"GET", "/requests/new/{type}", "", CITIZENS("200", "200")},
    {"POST", "/requests/new/{type}", "",
        CITIZENS_POST("303! /requests/{next_request}/sent", "303! /requests/{next_request}/sent")},
    {"POST", "/requests/new/{type}", "without CSRF token", EVERYONE("403")},
    {"POST", "/requests/new/{type}", "wrong CSRF token", EVERYONE("403")},
    {"GET", "/requests/{id}", "", CITIZENS("200", "404")},
    {"GET", "/requests/{id}/sent", "", CITIZENS("200", "404")},
    {"POST", "/requests/{id}/documents", "",
        CITIZENS_POST("303! /requests/{request}?uploaded=1#documents-heading", "404")},
    {"POST", "/requests/{id}/documents", "without CSRF token", EVERYONE("403")},
    {"POST", "/requests/{id}/documents", "wrong CSRF token", EVERYONE("403")},
    // Where the 413 page of a too large upload sends the browser back to; the request page
    // then decides who sees what.
    {"GET", "/requests/{id}/documents", "", EVERYONE("303 /requests/{request}#upload")},
    {"GET", "/requests/{id}/withdraw", "", CITIZENS("200", "404")},
    {"POST", "/requests/{id}/withdraw", "", CITIZENS_POST("303! /requests/{request}", "404")},
    {"POST", "/requests/{id}/withdraw", "without CSRF token", EVERYONE("403")},
    {"POST", "/requests/{id}/withdraw", "wrong CSRF token", EVERYONE("403")},
    {"GET", "/requests/{id}/documents/{doc}", "", CITIZENS("200", "404")},
    {"GET", "/requests/{id}/documents/{doc}", "another request's document", CITIZENS("404", "404")},
    {"GET", "/requests/{id}/answer.pdf", "", CITIZENS("200", "404")},
    {"GET", "/requests/{id}/answer.pdf", "not issued yet", CITIZENS("404", "404")},
    // ---- the rest of the site ----
    {"GET", "/lookup", "", EVERYONE("200")},
    {"GET", "/static/{version}/{file}", "", EVERYONE("200")},
    {"GET", "/static/{version}/{file}", "unknown file", EVERYONE("404")},
    {"GET", "/static/leaflet/{version}/{file}", "", EVERYONE("200")},
    {"GET", "/static/leaflet/{version}/images/{file}", "", EVERYONE("200")},
    // ---- feeds (feeds/AtomFeeds.cpp) and the status (api/StatusApi.cpp) ----
    {"GET", "/feeds/reports.atom", "", EVERYONE("200")},
    {"GET", "/feeds/information/{file}", "", EVERYONE("200")},
    {"GET", "/feeds/reports/{file}", "", EVERYONE("200")},
    {"GET", "/feeds/reports/{file}", "waiting for confirmation", EVERYONE("404")},
    {"GET", "/feeds/reports/{file}", "hidden by a moderator", EVERYONE("404")},
    {"GET", "/healthz", "", EVERYONE("200")},
    // ---- Open311 (open311/Open311Api.cpp): the client application's api_key is what counts; a
    // staff token or a citizen's session is no key ----
    {"GET", "/open311/v2/discovery.json", "", EVERYONE("200")},
    {"GET", "/open311/v2/discovery.xml", "", EVERYONE("200")},
    {"GET", "/open311/v2/services.json", "", EVERYONE("200")},
    {"GET", "/open311/v2/services.xml", "", EVERYONE("200")},
    {"GET", "/open311/v2/services/{file}", "", EVERYONE("200")},
    {"GET", "/open311/v2/services/{file}", "information category", EVERYONE("404")},
    {"GET", "/open311/v2/requests.json", "", EVERYONE("200")},
    {"GET", "/open311/v2/requests.json", "with extensions", EVERYONE("200")},
    {"GET", "/open311/v2/requests.xml", "", EVERYONE("200")},
    {"POST", "/open311/v2/requests.json", "with api_key", EVERYONE("200!")},
    {"POST", "/open311/v2/requests.json", "without api_key", EVERYONE("403")},
    {"POST", "/open311/v2/requests.json", "unknown api_key", EVERYONE("403")},
    {"POST", "/open311/v2/requests.xml", "with api_key", EVERYONE("200!")},
    {"POST", "/open311/v2/requests.xml", "without api_key", EVERYONE("403")},
    {"GET", "/open311/v2/requests/{file}", "", EVERYONE("200")},
    {"GET", "/open311/v2/requests/{file}", "with extensions", EVERYONE("200")},
    {"GET", "/open311/v2/requests/{file}", "waiting for confirmation", EVERYONE("404")},
    {"GET", "/open311/v2/requests/{file}", "hidden by a moderator", EVERYONE("404")},
    {"GET", "/open311/v2/tokens/{file}", "", EVERYONE("200")},
    {"GET", "/open311/v2/tokens/{file}", "unknown token", EVERYONE("404")},
    {"GET", "/open311/v2/servicerequestupdates.json", "with api_key", EVERYONE("200")},
    {"GET", "/open311/v2/servicerequestupdates.json", "without api_key", EVERYONE("403")},
    {"GET", "/open311/v2/servicerequestupdates.xml", "with api_key", EVERYONE("200")},
    {"GET", "/open311/v2/servicerequestupdates.xml", "without api_key", EVERYONE("403")},
    {"POST", "/open311/v2/servicerequestupdates.json", "with api_key", EVERYONE("200!")},
    {"POST", "/open311/v2/servicerequestupdates.json", "without api_key", EVERYONE("403")},
    {"POST", "/open311/v2/servicerequestupdates.json", "waiting for confirmation", EVERYONE("404")},
    {"POST", "/open311/v2/servicerequestupdates.json", "hidden by a moderator", EVERYONE("404")},
    {"POST", "/open311/v2/servicerequestupdates.xml", "with api_key", EVERYONE("200!")},
    {"POST", "/open311/v2/servicerequestupdates.xml", "without api_key", EVERYONE("403")},
    // Photos by content address: the public ones for anyone; those of reports nobody outside may
    // see for staff only (any staff member: every staff member reads every report).
    {"GET", "/media/{file}", "", EVERYONE("200")},
    {"GET", "/media/{file}", "thumbnail", EVERYONE("200")},
    {"GET", "/media/{file}", "waiting for confirmation", STAFF("404", "200")},
    {"GET", "/media/{file}", "hidden by a moderator", STAFF("404", "200")},
};

#undef EVERYONE
#undef CITIZENS
#undef CITIZENS_POST
#undef SIGNED_OUT
#undef STAFF

struct Expected
{
    int status = 0;
    bool writes = false;
    QString location;
};

Expected parseExpected(const char *text)
{
    const QString t = QString::fromLatin1(text);
    Expected e;
    QString head = t.section(u' ', 0, 0);
    e.writes = head.endsWith(u'!');
    if (e.writes)
        head.chop(1);
    e.status = head.toInt();
    e.location = t.section(u' ', 1);
    return e;
}

QByteArray urlEncoded(const QList<std::pair<QString, QString>> &fields)
{
    QByteArray out;
    for (const auto &[name, value] : fields)
        out += (out.isEmpty() ? "" : "&") + QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    return out;
}

QByteArray describe(const Reply &r)
{
    return "HTTP " + QByteArray::number(r.status) + " Location: " + r.header("location") + "\n" + r.body.left(800);
}

// Whether an answer names report `id`: a link to its page, its Open311 id, its feed entry.
bool mentionsReport(const QByteArray &body, qint64 id)
{
    const QByteArray n = QByteArray::number(id);
    const QList<QByteArray> forms{QByteArray("/reports/" + n + '"'), QByteArray("\"service_request_id\":\"" + n + '"'),
        QByteArray("<service_request_id>" + n + "</service_request_id>"), QByteArray(":report-" + n + '<'),
        QByteArray("\"id\":" + n + ',')};
    return std::any_of(forms.cbegin(), forms.cend(), [&](const QByteArray &f) { return body.contains(f); });
}

// A request as one row sends it, made by prepare() on a fresh world.
struct Call
{
    QString path; // with its query
    QString formPage; // fetched first by the same browser for the CSRF token; empty: no form
    QList<std::pair<QString, QString>> fields; // an urlencoded body (a form, or Open311's POST)
    QList<FormPart> parts; // a multipart body instead
    bool oneClick = false; // RFC 8058: "List-Unsubscribe=One-Click", no cookie
    enum class Csrf { None, Valid, Missing, Wrong } csrf = Csrf::None;
};

// What the fixtures are: two departments, staff around them, two citizens with accounts,
// reports in every state of publication, an e-Dimotis request of the owner's, an information
// category and an Open311 key. Ids, tokens and sessions as they are in the database.
struct Fixtures
{
    qint64 roads = 0, parks = 0;
    StaffUser clerkRoads, clerkParks, managerRoads, admin;
    QString staffTokens[WhoCount];
    qint64 owner = 0, other = 0;
    QString ownerSession, otherSession;
    qint64 report = 0; // a web report, confirmed and public; its reporter follows it
    qint64 pending = 0; // a web report waiting for its reporter's confirmation, with a photo
    qint64 hidden = 0; // an Open311 report hidden by a moderator, with a photo
    qint64 open311Report = 0; // an Open311 report, public, with a public photo
    QString confirmToken, open311Token, reporterFollow; // reporterFollow: "/follow/<token>"
    QString publicPhoto, pendingPhoto, hiddenPhoto; // SHA-256
    qint64 request = 0, document = 0; // the owner's request (submitted) and its document
    qint64 informationItem = 0, withdrawnItem = 0;
    QString apiKey;
};

// Where the worlds' data folders go: a RAM disk when there is one. The matrix starts some 300
// dimosd, and on a disk SQLite's fsyncs took most of their time.
QString scratchFolder()
{
    return TestServer::scratchTemplate(u"dimos-routes"_s);
}

bool copyFolder(const QString &from, const QString &to)
{
    for (const QFileInfo &entry : QDir(from).entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const QString target = to + u'/' + entry.fileName();
        if (entry.isDir() ? !QDir().mkpath(target) || !copyFolder(entry.filePath(), target)
                          : !QFile::copy(entry.filePath(), target))
            return false;
    }
    return true;
}

// dimosd with the fixtures. They are written once (writeTemplate) into a data folder, which each
// world then starts on a copy of: a quarter of the time of writing them again, and a matrix of
// some 1,200 calls needs several hundred worlds.
class World : public Fixtures
{
public:
    explicit World(const QString &dataDir) : ts({u"storage/data_dir="_s + dataDir}) { }

    // Writes the fixtures into `dataDir` and returns their values; dimosd is stopped afterwards.
    static std::optional<Fixtures> writeTemplate(const QString &dataDir, QString *error);
    // A running dimosd on a copy of the template.
    static std::unique_ptr<World> fromTemplate(const QString &templateDir, const Fixtures &values, QString *error);

    // The path and query of the first link in the last mail from `templateName` that contains `part`.
    QString mailedLink(const QString &templateName, const QString &part);
    // Everything a request could change, hashed (not the audit log — reading a personal file is
    // audited —, nor when a session was last used).
    QByteArray fingerprint();
    qint64 nextId(const QString &table);
    int reportVersion(qint64 id) { return ts.ctx().reports->find(id)->version; }
    int requestVersion(qint64 id) { return ts.ctx().requests->find(id)->version; }
    void issueRequest();
    QString staticUrl(const QRegularExpression &re);

    QTemporaryDir copy; // the data folder of a world made from the template
    TestServer ts;
    FakeAnswerRenderer renderer;

private:
    bool setUp(QString *error);
    Report fileReport(const QString &description, double lat, const QString &channel, QColor photo, QString *token);
};

std::optional<Fixtures> World::writeTemplate(const QString &dataDir, QString *error)
{
    World w(dataDir);
    if (!w.setUp(error))
        return std::nullopt;
    return Fixtures(w);
}

std::unique_ptr<World> World::fromTemplate(const QString &templateDir, const Fixtures &values, QString *error)
{
    QTemporaryDir folder(scratchFolder());
    if (!folder.isValid() || !copyFolder(templateDir, folder.path())) {
        *error = u"cannot copy the template data folder "_s + templateDir;
        return nullptr;
    }
    auto w = std::make_unique<World>(folder.path());
    w->copy.swap(folder);
    static_cast<Fixtures &>(*w) = values;
    if (!w->ts.start(error))
        return nullptr;
    return w;
}

bool World::setUp(QString *error)
{
    if (!ts.start(error))
        return false;
    AppContext &ctx = ts.ctx();
    roads = ts.addDepartment(u"roads"_s);
    parks = ts.addDepartment(u"parks"_s);
    ts.addCategory(u"pothole"_s, roads);
    ts.addCategory(u"bench"_s, parks);
    clerkRoads = ts.addUser(u"clerk-roads"_s, Role::Clerk, {roads});
    clerkParks = ts.addUser(u"clerk-parks"_s, Role::Clerk, {parks});
    managerRoads = ts.addUser(u"manager-roads"_s, Role::Manager, {roads});
    admin = ts.addUser(u"admin"_s, Role::Admin, {});
    staffTokens[ClerkOther] = ts.login(clerkParks.username);
    staffTokens[ClerkOwn] = ts.login(clerkRoads.username);
    staffTokens[Manager] = ts.login(managerRoads.username);
    staffTokens[Admin] = ts.login(admin.username);
    apiKey = ts.apiKey();

    // The citizens, signed in as a browser would be (the cost of the hash is the server's).
    const QString passwordHash = PasswordHasher({1, 1024 * 1024}).hash(QString::fromLatin1(kCitizenPassword));
    owner = addCitizen(ts, kOwnerEmail);
    other = addCitizen(ts, kOtherEmail);
    ctx.db->run(
        u"UPDATE citizens SET given_name = ?, surname = ?, amka = ?, phone = ?, password_hash = ? WHERE id = ?"_s,
        {u"Δέσποινα"_s, QString::fromUtf8(kOwnerSurname), QString::fromLatin1(kOwnerAmka),
            QString::fromLatin1(kOwnerPhone), passwordHash, owner});
    ctx.db->run(u"UPDATE citizens SET password_hash = ? WHERE id = ?"_s, {passwordHash, other});
    ownerSession = ctx.citizenAccounts->login(kOwnerEmail, QString::fromLatin1(kCitizenPassword), u"127.0.0.1"_s).token;
    otherSession = ctx.citizenAccounts->login(kOtherEmail, QString::fromLatin1(kCitizenPassword), u"127.0.0.1"_s).token;

    // The reports, a little apart so that the map shows each public one as a pin of its own.
    QString token;
    report = fileReport(u"Λακκούβα μπροστά στο 3ο Δημοτικό"_s, kInsideLat, u"web"_s, {}, &token).id;
    if (!ctx.reportService->confirm(token)) {
        *error = u"the web report could not be confirmed"_s;
        return false;
    }
    const Report p = fileReport(QString::fromLatin1(kPendingMarker) + u" σπασμένο φανάρι"_s, kInsideLat + 0.002,
        u"web"_s, Qt::darkRed, &confirmToken);
    pending = p.id;
    pendingPhoto = p.photos.value(0).sha256;
    Report h = fileReport(QString::fromLatin1(kHiddenMarker) + u" υβριστικό κείμενο"_s, kInsideLat + 0.004,
        u"open311"_s, Qt::darkBlue, nullptr);
    hiddenPhoto = h.photos.value(0).sha256;
    hidden = ctx.reportService->moderate(admin, h.id, h.version, ModerationAction::Hide, u"abuse"_s).id;
    const Report o = fileReport(u"Πεσμένο δέντρο"_s, kInsideLat + 0.006, u"open311"_s, Qt::darkGreen, nullptr);
    open311Report = o.id;
    open311Token = o.token;
    publicPhoto = o.photos.value(0).sha256;
    QSqlQuery f = ctx.db->run(
        u"SELECT id FROM report_followers WHERE report_id = ? AND email = ?"_s, {report, kReporterEmail.toLower()});
    if (!f.next() || pendingPhoto.isEmpty() || hiddenPhoto.isEmpty() || publicPhoto.isEmpty()) {
        *error = u"the reports' fixtures are incomplete"_s;
        return false;
    }
    reporterFollow = QUrl(ctx.citizenMail->followUrl(f.value(0).toLongLong())).path();

    // The owner's e-Dimotis request.
    addRequestType(ts, u"residence"_s, roads);
    request = ctx.requestService
                  ->submit(owner, u"residence"_s, {{u"purpose"_s, {u"ΔΟΥ Σερρών"_s}}},
                      {upload(u"utility_bill"_s, u"λογαριασμός.pdf"_s, samplePdf(kOwnerBill))}, u"el"_s)
                  .id;
    document = ctx.requests->documents(request).first().id;

    // An information category of roads with an item, and one taken down.
    Category events;
    events.code = u"events"_s;
    events.name = {u"Εκδηλώσεις"_s, u"Events"_s};
    events.departmentId = roads;
    events.kind = CategoryKind::Information;
    ctx.catalog->insertCategory(events, ts.clock().nowMs());
    InformationItem draft;
    draft.categoryCode = events.code;
    draft.title = {u"Συναυλία στην πλατεία"_s, {}};
    draft.body = {u"Το Σάββατο στις 9 το βράδυ"_s, {}};
    informationItem = ctx.informationService->publish(admin, draft).id;
    draft.title = {QString::fromLatin1(kWithdrawnMarker) + u" παλιά ανακοίνωση"_s, {}};
    const InformationItem old = ctx.informationService->publish(admin, draft);
    withdrawnItem = ctx.informationService->withdraw(admin, old.id, old.version).id;
    return true;
}

Report World::fileReport(const QString &description, double lat, const QString &channel, QColor photo, QString *token)
{
    NewReport in;
    in.serviceCode = u"pothole"_s;
    in.lat = lat;
    in.lon = kInsideLon;
    in.description = description;
    in.contact = {kReporterEmail, kReporterFirst, kReporterLast, kReporterPhone, {}, {}};
    in.channel = channel;
    in.needsConfirmation = channel == u"web";
    if (token)
        in.onStored = [token](const Report &, const QString &t) { *token = t; };
    if (photo.isValid()) {
        QString why;
        const auto processed = processPhoto(sampleImage("JPEG", photo), "image/jpeg"_ba, *ts.ctx().photoLimits, &why);
        if (processed)
            in.photos.append(*processed);
    }
    return ts.ctx().reportService->create(in);
}

QString World::mailedLink(const QString &templateName, const QString &part)
{
    QSqlQuery q = ts.ctx().db->run(
        u"SELECT text_body FROM mail_outbox WHERE template = ? ORDER BY id DESC LIMIT 1"_s, {templateName});
    if (!q.next())
        return {};
    static const QRegularExpression re(uR"(https?://\S+)"_s);
    for (auto it = re.globalMatch(q.value(0).toString()); it.hasNext();) {
        const QUrl url(it.next().captured(0));
        if (url.toString().contains(part))
            return url.path(QUrl::FullyEncoded) + (url.hasQuery() ? u'?' + url.query(QUrl::FullyEncoded) : QString());
    }
    return {};
}

QByteArray World::fingerprint()
{
    static const QStringList tables{u"reports"_s, u"report_history"_s, u"report_photos"_s, u"report_attribute_values"_s,
        u"subscriptions"_s, u"subscription_categories"_s, u"report_followers"_s, u"mail_outbox"_s, u"citizens"_s,
        u"citizen_tokens"_s, u"requests"_s, u"request_values"_s, u"request_documents"_s, u"request_history"_s,
        u"issued_documents"_s, u"protocol_entries"_s, u"information_items"_s, u"events"_s};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const auto add = [&hash](QSqlQuery &q) {
        while (q.next()) {
            for (int i = 0; i < q.record().count(); ++i)
                hash.addData(QByteArray(q.value(i).toString().toUtf8() + '\x1f'));
            hash.addData("\x1e");
        }
    };
    for (const QString &table : tables) {
        hash.addData(table.toUtf8());
        QSqlQuery q = ts.ctx().db->run(u"SELECT * FROM "_s + table + u" ORDER BY rowid"_s);
        add(q);
    }
    QSqlQuery sessions = ts.ctx().db->run(u"SELECT id, citizen_id, revoked FROM citizen_sessions ORDER BY id"_s);
    add(sessions);
    return hash.result();
}

qint64 World::nextId(const QString &table)
{
    QSqlQuery q = ts.ctx().db->run(u"SELECT COALESCE(MAX(id), 0) + 1 FROM "_s + table);
    return q.next() ? q.value(0).toLongLong() : 0;
}

void World::issueRequest()
{
    ts.ctx().requestService->issue(admin, request, requestVersion(request), {}, renderer);
}

QString World::staticUrl(const QRegularExpression &re)
{
    return re.match(QString::fromUtf8(ts.get(u"/"_s).body)).captured(1);
}

// Fills `call` for one row on a fresh world: the concrete path, the body, the state the route needs.
void prepare(World &w, const RouteCase &rc, Call *call)
{
    AppContext &ctx = w.ts.ctx();
    const QString pattern = QString::fromLatin1(rc.pattern);
    const QString variant = QString::fromLatin1(rc.variant);
    const bool post = QByteArrayView(rc.method) == "POST";
    QString path = pattern;
    const auto pick = [&](qint64 normal) {
        if (variant == u"waiting for confirmation")
            return w.pending;
        if (variant == u"hidden by a moderator")
            return w.hidden;
        return normal;
    };
    const QString unknownToken = QString(43, u'x');

    if (pattern == u"/map/reports.geojson") {
        path += u"?bbox=23.4,41.0,23.7,41.2&zoom=18"_s;
    } else if (pattern == u"/streets.json") {
        path += u"?q=Μεραρχίας"_s;
    } else if (pattern == u"/reports/{id}" || pattern == u"/reports/{id}/thanks") {
        path.replace(
            u"{id}"_s, QString::number(variant == u"filed through Open311" ? w.open311Report : pick(w.report)));
    } else if (pattern == u"/confirm/{token}") {
        path.replace(u"{token}"_s, variant == u"unknown link" ? unknownToken : w.confirmToken);
        call->formPage = path;
    } else if (pattern == u"/report") {
        call->formPage = path;
        call->fields = {{u"category"_s, u"pothole"_s}, {u"lat"_s, QString::number(kInsideLat + 0.008, 'f', 6)},
            {u"lon"_s, QString::number(kInsideLon, 'f', 6)}, {u"description"_s, u"Σπασμένο πεζοδρόμιο"_s},
            {u"email"_s, u"new.reporter@example.org"_s}};
    } else if (pattern == u"/subscribe") {
        call->formPage = path;
        call->fields = {{u"email"_s, u"subscriber.new@example.org"_s}, {u"category"_s, u"pothole"_s}};
    } else if (pattern.startsWith(u"/subscriptions/")) {
        const Subscription s
            = ctx.citizenMail->subscribe(u"subscriber@example.org"_s, u"el"_s, {u"pothole"_s}, std::nullopt);
        const QString manage = QUrl(ctx.citizenMail->subscriptionUrl(s.id)).path(QUrl::FullyEncoded);
        const QString confirm = w.mailedLink(u"subscription_confirm"_s, u"/subscriptions/confirm/"_s);
        QVERIFY2(!confirm.isEmpty(), "no confirmation link was mailed");
        if (pattern == u"/subscriptions/confirm/{token}")
            path = variant == u"unknown link" ? u"/subscriptions/confirm/"_s + unknownToken : confirm;
        else
            path = (variant == u"unknown link" ? u"/subscriptions/"_s + unknownToken : manage)
                + (pattern.endsWith(u"/unsubscribe") ? u"/unsubscribe"_s : QString());
        call->formPage = path;
        if (pattern == u"/subscriptions/{token}") {
            call->formPage = manage;
            call->fields = {{u"category"_s, u"pothole"_s}, {u"category"_s, u"bench"_s}, {u"language"_s, u"en"_s}};
        }
    } else if (pattern == u"/reports/{id}/follow") {
        path.replace(u"{id}"_s, QString::number(pick(w.report)));
        call->formPage = u"/reports/%1"_s.arg(pick(w.report));
        call->fields = {{u"email"_s, u"neighbour.new@example.org"_s}};
    } else if (pattern.startsWith(u"/follow/")) {
        // A neighbour follows the report too (a link of theirs, which is not the reporter's).
        const ReportFollower neighbour
            = ctx.citizenMail->follow(*ctx.reports->find(w.report), u"neighbour@example.org"_s, u"el"_s);
        if (pattern == u"/follow/confirm/{token}") {
            path = w.mailedLink(u"follow_confirm"_s, u"/follow/confirm/"_s);
            QVERIFY2(!path.isEmpty(), "no confirmation link was mailed");
            if (variant == u"unknown link")
                path = u"/follow/confirm/"_s + unknownToken;
        } else {
            path = variant == u"unknown link" ? u"/follow/"_s + unknownToken
                : variant == u"a follower who is not the reporter"
                ? QUrl(ctx.citizenMail->followUrl(neighbour.id)).path()
                : w.reporterFollow;
            path += pattern.section(u'/', 3).isEmpty() ? QString() : u'/' + pattern.section(u'/', 3);
        }
        if (pattern.endsWith(u"/not-fixed")) {
            ctx.reportService->changeStatus(
                w.admin, w.report, w.reportVersion(w.report), ReportStatus::Resolved, u"Επισκευάστηκε"_s, true);
            call->fields = {{u"comment"_s, u"Η λακκούβα είναι ακόμη εκεί"_s}};
        }
        call->formPage = path;
    } else if (pattern == u"/information/{code}") {
        path = u"/information/events"_s;
    } else if (pattern == u"/information/{code}/{id}") {
        path = u"/information/events/%1"_s.arg(variant == u"withdrawn" ? w.withdrawnItem : w.informationItem);
    } else if (pattern == u"/account/register") {
        call->formPage = path;
        call->fields
            = {{u"email"_s, u"brand.new@example.org"_s}, {u"password"_s, QString::fromLatin1(kCitizenPassword)},
                {u"password2"_s, QString::fromLatin1(kCitizenPassword)}};
    } else if (pattern == u"/account/verify") {
        ctx.citizenAccounts->registerAccount(
            u"unverified@example.org"_s, QString::fromLatin1(kCitizenPassword), u"el"_s, u"10.0.0.1"_s);
        path = w.mailedLink(u"account_verify"_s, u"/account/verify"_s);
        QVERIFY2(path.contains(u"token="_s), qPrintable(path));
        if (variant == u"unknown link")
            path = u"/account/verify?token="_s + unknownToken;
        call->formPage = path;
    } else if (pattern == u"/account/verify/resend") {
        if (variant == u"owner not verified yet")
            ctx.db->run(u"UPDATE citizens SET email_verified_ms = NULL WHERE id = ?"_s, {w.owner});
        call->formPage = u"/account"_s;
    } else if (pattern == u"/account/login") {
        if (!post && variant == u"next page on this site")
            path += u"?next=%2Frequests"_s;
        else if (!post && variant == u"next page on another site")
            path += u"?next=%2F%2Fevil.example%2Fsteal"_s;
        call->formPage = u"/account/login"_s;
        call->fields = {{u"email"_s, kOwnerEmail},
            {u"password"_s,
                variant == u"wrong password" ? u"not the password at all"_s : QString::fromLatin1(kCitizenPassword)}};
        if (variant == u"next page on this site")
            call->fields.append({u"next"_s, u"/requests/%1"_s.arg(w.request)});
        else if (variant == u"next page on another site")
            call->fields.append({u"next"_s, u"//evil.example/steal"_s});
    } else if (pattern == u"/account/logout" || pattern == u"/account") {
        call->formPage = u"/account"_s;
        if (pattern == u"/account")
            call->fields = {{u"given_name"_s, u"Ελένη"_s}, {u"surname"_s, u"Νικολάου"_s},
                {u"father_name"_s, u"Γεώργιος"_s}, {u"mother_name"_s, u"Μαρία"_s}, {u"birth_date"_s, u"19/05/1980"_s},
                {u"afm"_s, u"090000045"_s}, {u"amka"_s, u"19058012345"_s}, {u"address"_s, u"Μεραρχίας 12, Σέρρες"_s},
                {u"phone"_s, u"+302321000001"_s}, {u"language"_s, u"en"_s}};
    } else if (pattern == u"/account/reset") {
        call->formPage = path;
        call->fields = {{u"email"_s, kOwnerEmail}};
    } else if (pattern == u"/account/reset/{token}") {
        ctx.citizenAccounts->requestReset(kOwnerEmail, u"10.0.0.2"_s);
        path = w.mailedLink(u"account_reset"_s, u"/account/reset/"_s);
        QVERIFY2(!path.isEmpty(), "no reset link was mailed");
        if (variant == u"unknown link")
            path = u"/account/reset/"_s + unknownToken;
        call->formPage = path;
        call->fields
            = {{u"password"_s, u"another long enough password"_s}, {u"password2"_s, u"another long enough password"_s}};
    } else if (pattern.startsWith(u"/verify/")) {
        w.issueRequest();
        const QString code = ctx.requests->issued(w.request)->verificationCode;
        const ServedFile answer = ctx.requestService->citizenAnswer(w.owner, w.request, AuditActor{u"test"_s});
        const QString codePath = u"/verify/"_s + (variant == u"unknown code" ? u"0000-0000-0000"_s : code);
        if (pattern == u"/verify/{code}") {
            path = codePath;
        } else if (pattern == u"/verify/{code}/check") {
            path = codePath + u"/check"_s;
            call->formPage = codePath;
            call->parts = {{"pdf", answer.data, "answer.pdf", "application/pdf"}};
        } else {
            call->formPage = u"/verify"_s;
            call->parts = {{"code", code.toLatin1()}, {"pdf", answer.data, "answer.pdf", "application/pdf"}};
        }
    } else if (pattern.startsWith(u"/requests/new/")) {
        path.replace(u"{type}"_s, u"residence"_s);
        call->formPage = path;
        call->parts = {{"attribute[purpose]", "Τράπεζα"},
            {"doc_utility_bill", samplePdf("NEW-BILL"), "λογαριασμός.pdf", "application/pdf"}};
    } else if (pattern.startsWith(u"/requests/{id}")) {
        qint64 requestId = w.request, documentId = w.document;
        if (variant == u"another request's document") {
            // The other citizen's request with the owner's document in the path: neither the
            // owner (not their request) nor the other citizen (not their document) gets it.
            requestId = ctx.requestService
                            ->submit(w.other, u"residence"_s, {{u"purpose"_s, {u"Τράπεζα"_s}}},
                                {upload(u"utility_bill"_s, u"other.pdf"_s, samplePdf("OTHER-BILL"))}, u"el"_s)
                            .id;
        }
        path.replace(u"{id}"_s, QString::number(requestId)).replace(u"{doc}"_s, QString::number(documentId));
        if (pattern.endsWith(u"/answer.pdf") && variant.isEmpty())
            w.issueRequest();
        if (pattern == u"/requests/{id}/documents" && post) {
            ctx.requestService->ask(w.admin, w.request, w.requestVersion(w.request), u"Λογαριασμός ΔΕΗ"_s);
            call->formPage = u"/requests/%1"_s.arg(w.request);
            call->parts = {{"doc_documents", samplePdf("MORE-BILL"), "δεύτερος.pdf", "application/pdf"}};
        } else if (pattern == u"/requests/{id}/withdraw") {
            call->formPage = path;
        }
    } else if (pattern == u"/static/{version}/{file}") {
        static const QRegularExpression css(uR"re(href="(/static/[0-9a-f]{12}/site\.css)")re"_s);
        path = w.staticUrl(css);
        QVERIFY(!path.isEmpty());
        if (variant == u"unknown file")
            path = path.section(u'/', 0, 2) + u"/nothing.css"_s;
    } else if (pattern.startsWith(u"/static/leaflet/")) {
        static const QRegularExpression leaflet(uR"re(src="(/static/leaflet/[0-9a-f]{12}/leaflet(\.min)?\.js)")re"_s);
        path = w.staticUrl(leaflet);
        QVERIFY2(!path.isEmpty(), "Leaflet (Debian's libjs-leaflet) is not installed");
        if (pattern.endsWith(u"/images/{file}"))
            path = path.left(path.lastIndexOf(u'/')) + u"/images/layers.png"_s;
    } else if (pattern == u"/feeds/information/{file}") {
        path = u"/feeds/information/events.atom"_s;
    } else if (pattern == u"/feeds/reports/{file}") {
        path = u"/feeds/reports/%1.atom"_s.arg(pick(w.report));
    } else if (pattern == u"/open311/v2/services/{file}") {
        path = variant.isEmpty() ? u"/open311/v2/services/pothole.json"_s : u"/open311/v2/services/events.json"_s;
    } else if (pattern == u"/open311/v2/requests/{file}") {
        path = variant == u"with extensions" ? u"/open311/v2/requests/%1.xml?extensions=true"_s.arg(w.report)
                                             : u"/open311/v2/requests/%1.json"_s.arg(pick(w.report));
    } else if (pattern == u"/open311/v2/tokens/{file}") {
        path = u"/open311/v2/tokens/%1.json"_s.arg(variant.isEmpty() ? w.open311Token : u"nosuchtoken"_s);
    } else if (pattern.startsWith(u"/open311/v2/")) {
        const QString key = variant == u"without api_key" ? QString()
            : variant == u"unknown api_key"               ? u"not-a-key"_s
                                                          : w.apiKey;
        if (pattern.startsWith(u"/open311/v2/requests.") && post) {
            call->fields = {{u"service_code"_s, u"pothole"_s}, {u"lat"_s, QString::number(kInsideLat, 'f', 6)},
                {u"long"_s, QString::number(kInsideLon, 'f', 6)}, {u"description"_s, u"Λακκούβα"_s},
                {u"email"_s, kReporterEmail}, {u"first_name"_s, kReporterFirst}, {u"last_name"_s, kReporterLast},
                {u"phone"_s, kReporterPhone}};
        } else if (pattern.startsWith(u"/open311/v2/servicerequestupdates.") && post) {
            call->fields = {{u"service_request_id"_s, QString::number(pick(w.report))},
                {u"description"_s, u"Το συνεργείο πέρασε"_s}};
        } else if (pattern.startsWith(u"/open311/v2/servicerequestupdates.")) {
            if (!key.isEmpty())
                path += u"?api_key="_s + key;
        } else if (variant == u"with extensions") {
            path += u"?extensions=true"_s;
        }
        if (post && !key.isEmpty())
            call->fields.append({u"api_key"_s, key});
    } else if (pattern == u"/media/{file}") {
        const QString sha = variant == u"waiting for confirmation" ? w.pendingPhoto
            : variant == u"hidden by a moderator"                  ? w.hiddenPhoto
                                                                   : w.publicPhoto;
        path = u"/media/"_s + sha + (variant == u"thumbnail" ? u".thumb.jpg"_s : u".jpg"_s);
    }

    if (variant.startsWith(u"one-click")) {
        call->oneClick = true;
        call->formPage.clear();
    }
    if (!call->formPage.isEmpty() && post)
        call->csrf = variant == u"without CSRF token" ? Call::Csrf::Missing
            : variant == u"wrong CSRF token"          ? Call::Csrf::Wrong
                                                      : Call::Csrf::Valid;
    QVERIFY2(!path.contains(u'{'), qPrintable(path)); // every placeholder was filled
    call->path = path;
}

// Sends `call` as `who`: a browser with that caller's cookie or bearer token.
Reply send(World &w, Who who, const QByteArray &method, const Call &call)
{
    Browser b(w.ts);
    Browser::Headers headers;
    if (who == Owner)
        b.cookies.insert(QByteArray(citizensession::kCookieName), w.ownerSession.toLatin1());
    else if (who == OtherCitizen)
        b.cookies.insert(QByteArray(citizensession::kCookieName), w.otherSession.toLatin1());
    else if (who != Anonymous)
        headers.append({"Authorization"_ba, "Bearer " + w.staffTokens[who].toLatin1()});
    if (method == "GET")
        return b.get(call.path, headers);
    if (call.oneClick)
        return b.request(method, call.path, "List-Unsubscribe=One-Click"_ba, {}, headers);

    QString token;
    if (!call.formPage.isEmpty()) {
        // The page with the form, as the browser shows it before the person presses the button.
        // A page a caller may not see still gives the browser its CSRF cookie, which is what a
        // forged form cannot know; the token is that cookie's then.
        const Reply page = b.get(call.formPage, headers);
        token = csrfField(page);
        if (token.isEmpty())
            token = QString::fromLatin1(b.cookies.value(QByteArray(csrf::kCookieName)));
    }
    if (call.csrf == Call::Csrf::Wrong)
        token = csrf::newToken();
    const bool withToken = call.csrf == Call::Csrf::Valid || call.csrf == Call::Csrf::Wrong;
    if (!call.parts.isEmpty()) {
        QList<FormPart> parts;
        if (withToken)
            parts.append({"csrf", token.toLatin1()});
        parts += call.parts;
        const auto [body, contentType] = multipartForm(parts);
        return b.request(method, call.path, body, contentType, headers);
    }
    QList<std::pair<QString, QString>> fields;
    if (withToken)
        fields.append({u"csrf"_s, token});
    fields += call.fields;
    return b.request(method, call.path, urlEncoded(fields), "application/x-www-form-urlencoded"_ba, headers);
}

} // namespace

class tst_PublicRoutes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void routesTableIsComplete();
    void theFixturesHoldWhatTheChecksLookFor();
    void roleMatrix_data();
    void roleMatrix();

private:
    QTemporaryDir m_template{scratchFolder()}; // the data folder with the fixtures
    Fixtures m_fixtures;
    // The callers of one row share a world until one of them changes the data (which each call
    // checks against what the row expects): then the next caller gets a fresh one.
    std::unique_ptr<World> m_world;
    int m_worldRoute = -1;
    Call m_call;
};

void tst_PublicRoutes::initTestCase()
{
    QVERIFY2(m_template.isValid(), qPrintable(m_template.errorString()));
    QString error;
    const std::optional<Fixtures> fixtures = World::writeTemplate(m_template.path(), &error);
    QVERIFY2(fixtures, qPrintable(error));
    m_fixtures = *fixtures;
}

void tst_PublicRoutes::cleanupTestCase()
{
    m_world.reset();
}

// tst_StaffApi::routesTableIsComplete checks the /api/v1 routes; this one everything else.
void tst_PublicRoutes::routesTableIsComplete()
{
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    QStringList registered;
    for (const QString &route : ts.server().router().routeList())
        if (!route.section(u' ', 1).startsWith(u"/api/v1/"_s))
            registered.append(route);
    QVERIFY(registered.size() >= 60);
    QStringList table;
    for (const RouteCase &rc : kRoutes) {
        const QString route = QString::fromLatin1(rc.method) + u' ' + QString::fromLatin1(rc.pattern);
        if (!table.contains(route))
            table.append(route);
    }
    registered.sort();
    table.sort();
    for (const QString &r : registered)
        if (!table.contains(r))
            qWarning().noquote() << "registered, not in kRoutes:" << r;
    for (const QString &r : table)
        if (!registered.contains(r))
            qWarning().noquote() << "in kRoutes, not registered:" << r;
    QCOMPARE(table, registered);
}

// The matrix asserts that some things never appear: here they are shown to exist where they
// belong, so that those checks could fail.
void tst_PublicRoutes::theFixturesHoldWhatTheChecksLookFor()
{
    QString error;
    const std::unique_ptr<World> world = World::fromTemplate(m_template.path(), m_fixtures, &error);
    QVERIFY2(world, qPrintable(error));
    World &w = *world;
    for (const qint64 id : {w.report, w.pending, w.hidden}) {
        const Report r = *w.ts.ctx().reports->find(id);
        QCOMPARE(r.contact.email, kReporterEmail);
        QCOMPARE(r.contact.phone, kReporterPhone);
        QCOMPARE(r.contact.firstName, kReporterFirst);
        QCOMPARE(r.contact.lastName, kReporterLast);
    }
    QCOMPARE(w.ts.ctx().reports->find(w.pending)->visibility, Visibility::Unconfirmed);
    QCOMPARE(w.ts.ctx().reports->find(w.hidden)->visibility, Visibility::Hidden);
    QCOMPARE(w.ts.ctx().reports->find(w.report)->visibility, Visibility::Public);
    // Staff see the reporter (that is where the details go) and what is not public.
    const Reply staff = w.ts.get(u"/api/v1/reports/%1"_s.arg(w.pending), w.staffTokens[Admin]);
    QCOMPARE(staff.status, 200);
    QVERIFY(staff.body.contains(kReporterEmail.toUtf8()));
    QVERIFY(staff.body.contains(kReporterPhone.toUtf8()));
    QVERIFY(staff.body.contains(kPendingMarker));
    QVERIFY(w.ts.get(u"/api/v1/information/items/%1"_s.arg(w.withdrawnItem), w.staffTokens[Admin])
                .body.contains(kWithdrawnMarker));
    // The owner sees their own profile and document.
    Browser owner(w.ts);
    owner.cookies.insert(QByteArray(citizensession::kCookieName), w.ownerSession.toLatin1());
    const Reply page = owner.get(u"/requests/%1"_s.arg(w.request));
    QCOMPARE(page.status, 200);
    QVERIFY(page.body.contains(kOwnerAmka));
    QVERIFY(page.body.contains(kOwnerPhone));
    QVERIFY(page.body.contains(kOwnerSurname));
    QVERIFY(owner.get(u"/requests/%1/documents/%2"_s.arg(w.request).arg(w.document)).body.contains(kOwnerBill));
}

void tst_PublicRoutes::roleMatrix_data()
{
    QTest::addColumn<int>("route");
    QTest::addColumn<int>("who");
    for (int route = 0; route < int(std::size(kRoutes)); ++route) {
        const RouteCase &rc = kRoutes[route];
        for (int who = 0; who < WhoCount; ++who)
            QTest::addRow(
                "%s %s%s%s as %s", rc.method, rc.pattern, *rc.variant ? " — " : "", rc.variant, kWhoNames[who])
                << route << who;
    }
}

void tst_PublicRoutes::roleMatrix()
{
    QFETCH(int, route);
    QFETCH(int, who);
    const RouteCase &rc = kRoutes[route];
    const Expected expected = parseExpected(rc.expected[who]);
    const bool reuse = m_world && m_worldRoute == route;
    m_worldRoute = -1; // until this call has shown that it wrote nothing
    if (!reuse) {
        m_world.reset();
        QString error;
        m_world = World::fromTemplate(m_template.path(), m_fixtures, &error);
        QVERIFY2(m_world, qPrintable(error));
        m_call = {};
        prepare(*m_world, rc, &m_call);
        if (QTest::currentTestFailed())
            return;
    }
    World &w = *m_world;
    const QByteArray method(rc.method);

    // Where a redirect is expected to point.
    QString location = expected.location;
    location
        .replace(u"{login}"_s, u"/account/login?next="_s + QString::fromLatin1(QUrl::toPercentEncoding(m_call.path)))
        .replace(u"{report}"_s, QString::number(w.report))
        .replace(u"{pending}"_s, QString::number(w.pending))
        .replace(u"{request}"_s, QString::number(w.request))
        .replace(u"{next_report}"_s, QString::number(w.nextId(u"reports"_s)))
        .replace(u"{next_request}"_s, QString::number(w.nextId(u"requests"_s)));

    const QByteArray before = w.fingerprint();
    const Reply r = send(w, Who(who), method, m_call);
    QVERIFY2(r.status == expected.status, describe(r));
    QCOMPARE(QString::fromUtf8(r.header("location")), location);
    // A change happens exactly where it is expected; a refusal, a GET and a check leave everything as it was.
    const bool changed = w.fingerprint() != before;
    QVERIFY2(changed == expected.writes, expected.writes ? "the data did not change" : "the data changed");

    // Nobody outside the staff API sees a reporter's contact details, nor a report that is not public.
    for (const QString &s : {kReporterEmail, kReporterFirst, kReporterLast, kReporterPhone})
        QVERIFY2(!r.body.contains(s.toUtf8()), qPrintable(u"the reporter's "_s + s + u" is shown"_s));
    QVERIFY2(!r.body.contains(kPendingMarker), "an unconfirmed report is shown");
    QVERIFY2(!r.body.contains(kHiddenMarker), "a hidden report is shown");
    QVERIFY2(!r.body.contains(kWithdrawnMarker), "a withdrawn information item is shown");
    // Nobody but the owner sees the owner's personal data or files.
    if (who != Owner)
        for (const QByteArray &s : {kOwnerAmka, kOwnerPhone, kOwnerSurname, kOwnerBill})
            QVERIFY2(!r.body.contains(s), QByteArray("the owner's " + s + " is shown to someone else").constData());

    // The lists of reports name the public ones only.
    const QString pattern = QString::fromLatin1(rc.pattern);
    static const QStringList lists{u"/"_s, u"/map/reports.geojson"_s, u"/feeds/reports.atom"_s,
        u"/open311/v2/requests.json"_s, u"/open311/v2/requests.xml"_s};
    if (method == "GET" && lists.contains(pattern)) {
        QVERIFY2(mentionsReport(r.body, w.report), r.body.left(2000).constData());
        QVERIFY(mentionsReport(r.body, w.open311Report));
        QVERIFY(!mentionsReport(r.body, w.pending));
        QVERIFY(!mentionsReport(r.body, w.hidden));
    }
    // The citizen's own requests are listed for them only.
    if (pattern == u"/requests") {
        const QByteArray link = "/requests/" + QByteArray::number(w.request) + '"';
        QCOMPARE(r.body.contains(link), who == Owner);
    }
    // The files a citizen may download are theirs, and not kept by caches.
    if (r.status == 200 && (pattern == u"/requests/{id}/answer.pdf" || pattern == u"/requests/{id}/documents/{doc}")) {
        QVERIFY(r.body.startsWith("%PDF-"));
        QVERIFY(r.header("content-disposition").startsWith("attachment"));
        QCOMPARE(r.header("cache-control"), "no-store"_ba);
    }
    if (r.status == 200 && pattern == u"/media/{file}")
        QCOMPARE(r.header("cache-control"),
            qstrcmp(rc.expected[Anonymous], "200") == 0 ? "public, max-age=31536000, immutable"_ba
                                                        : "private, no-store"_ba);
    if (!changed)
        m_worldRoute = route; // the next caller of this row may use the same world
}

QTEST_GUILESS_MAIN(tst_PublicRoutes)
#include "tst_PublicRoutes.moc"
