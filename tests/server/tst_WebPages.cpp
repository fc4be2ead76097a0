// The citizens' web pages (server/web, docs/WEB.md) over real sockets: every page in Greek and
// English with its language switch; the security of every page (Content-Security-Policy,
// cookies, CSRF on every POST, escaping of what citizens type); the report page shows no
// reporter identity and only public history; the map's GeoJSON (clusters, single points, bad
// input, a new report in the next answer); the report form (its category's own fields, errors
// next to their fields with the input kept, a no-JavaScript submit with a photo, the honeypot,
// the rate limit); the static files and the refusal of path traversal.
#include <QBuffer>
#include <QEventLoop>
#include <QFile>
#include <QImage>
#include <QImageWriter>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include "server/core/ReportService.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/ReportRepository.h"
#include "support/Browser.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

QByteArray makeJpeg(int width = 64, int height = 48)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(qRgb(200, 120, 40));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg"_ba);
    writer.write(image);
    return bytes;
}

const QByteArray kBoundary = "----dimos-web-test-boundary"_ba;

struct FilePart
{
    QString name;
    QString fileName;
    QByteArray type;
    QByteArray data;
};

QByteArray multipart(const QList<std::pair<QString, QString>> &fields, const QList<FilePart> &files = {})
{
    QByteArray out;
    for (const auto &[name, value] : fields)
        out += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name.toUtf8() + "\"\r\n\r\n"
            + value.toUtf8() + "\r\n";
    for (const FilePart &f : files)
        out += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + f.name.toUtf8() + "\"; filename=\""
            + f.fileName.toUtf8() + "\"\r\nContent-Type: " + f.type + "\r\n\r\n" + f.data + "\r\n";
    out += "--" + kBoundary + "--\r\n";
    return out;
}

QByteArray urlencoded(const QList<std::pair<QString, QString>> &fields)
{
    QUrlQuery q;
    for (const auto &[name, value] : fields)
        q.addQueryItem(name, QString(value).replace(u'+', u"%2B"_s).replace(u'&', u"%26"_s));
    return q.toString(QUrl::FullyEncoded).toUtf8();
}

QString insideLat()
{
    return QString::number(kInsideLat, 'f', 6);
}
QString insideLon()
{
    return QString::number(kInsideLon, 'f', 6);
}

} // namespace

class tst_WebPages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void everyPageRendersInBothLanguages_data();
    void everyPageRendersInBothLanguages();
    void languageComesFromQueryThenCookieThenAcceptLanguage();
    void unknownReportIsATranslatedNotFoundPage();
    void unknownPageAddressIsAPageButApiPathsStayJson();
    void postWithoutTheRightCsrfTokenIsRefused();
    void hostileInputIsEscaped();
    void webReportIsPublicOnlyOnceConfirmed();
    void reportPageShowsNoReporterIdentityAndOnlyPublicHistory();
    void homeListsRecentReportsWithoutJavaScript();
    void geoJsonClustersAtLowZoomAndPointsAtHighZoom();
    void geoJsonRefusesBadInput_data();
    void geoJsonRefusesBadInput();
    void newReportAppearsInTheNextGeoJson();
    void categoryFieldsAreRenderedFromTheDefinition();
    void choosingACategoryWithoutJavaScriptKeepsTheInput();
    void validationErrorsKeepTheInputAndSitNextToTheirFields();
    void noJavaScriptSubmitWithAPhotoCreatesTheReport();
    void typedCoordinatesOutsideTheMunicipalityAreRefused();
    void honeypotStoresNothing();
    void rateLimitAnswers429WithAPage();
    void rateLimitPerEmailAddressToo();
    void staticFilesAreServedWithLongCaching();
    void pathTraversalIsRefused_data();
    void pathTraversalIsRefused();
    void withoutLeafletThePagesShowLists();
    void badWebSettingsStopTheServer_data();
    void badWebSettingsStopTheServer();
    void mapIndexIsBuiltAtStart();

private:
    // Starts a server with a department and two categories (one with every kind of field).
    void start(const QStringList &overrides = {});
    // A report filed as the web form files it, with the reporter's contact.
    qint64 fileReport(double lat, double lon, const QString &description = u"Σπασμένη λάμπα"_s);
    // GET /report, then POST the fields with the page's CSRF token.
    // (With an e-mail address unless the fields carry one: the form requires it.)
    Reply submit(Browser &b, QList<std::pair<QString, QString>> fields, const QList<FilePart> &files = {});
    // Follows the link in the latest confirmation mail as the citizen would: the page, then its
    // button. Returns the button's answer.
    Reply confirmLatest(Browser &b);

    std::unique_ptr<TestServer> m_ts;
    QList<MailRequest> m_mails;
    qint64 m_department = 0;
};

void tst_WebPages::init()
{
    m_ts.reset();
}

void tst_WebPages::cleanup()
{
    m_ts.reset();
}

void tst_WebPages::start(const QStringList &overrides)
{
    m_ts = std::make_unique<TestServer>(overrides);
    QString error;
    QVERIFY2(m_ts->start(&error), qPrintable(error));
    m_mails.clear();
    m_ts->ctx().mail = [this](const MailRequest &m) { m_mails.append(m); };
    m_department = m_ts->addDepartment(u"roads"_s);
    m_ts->addCategory(u"pothole"_s, m_department);

    QList<AttributeDefinition> attributes;
    auto def = [&](const QString &code, AttributeType type, bool required, int order) {
        AttributeDefinition a;
        a.code = code;
        a.type = type;
        a.required = required;
        a.order = order;
        a.description = {u"Ερώτηση "_s + code, u"Question "_s + code};
        a.datatypeDescription = {u"Βοήθεια "_s + code, u"Help "_s + code};
        if (type == AttributeType::SingleValueList || type == AttributeType::MultiValueList)
            a.values = {{u"one"_s, {u"Ένα"_s, u"One"_s}}, {u"two"_s, {u"Δύο"_s, u"Two"_s}}};
        attributes.append(a);
    };
    def(u"pole"_s, AttributeType::String, false, 1);
    def(u"count"_s, AttributeType::Number, true, 2);
    def(u"since"_s, AttributeType::Datetime, false, 3);
    def(u"notes"_s, AttributeType::Text, false, 4);
    def(u"kind"_s, AttributeType::SingleValueList, true, 5);
    def(u"parts"_s, AttributeType::MultiValueList, false, 6);
    m_ts->addCategory(u"streetlight"_s, m_department, attributes);
}

qint64 tst_WebPages::fileReport(double lat, double lon, const QString &description)
{
    NewReport in;
    in.serviceCode = u"pothole"_s;
    in.lat = lat;
    in.lon = lon;
    in.description = description;
    in.contact.firstName = u"Ανώνυμη-Πολίτισσα"_s;
    in.contact.lastName = u"Κρυφίδου"_s;
    in.contact.email = u"secret.reporter@example.org"_s;
    in.contact.phone = u"+30 6999 123456"_s;
    in.channel = u"web"_s;
    return m_ts->ctx().reportService->create(in).id;
}

Reply tst_WebPages::submit(Browser &b, QList<std::pair<QString, QString>> fields, const QList<FilePart> &files)
{
    const Reply form = b.get(u"/report"_s);
    fields.prepend({u"csrf"_s, csrfField(form)});
    if (std::none_of(fields.cbegin(), fields.cend(), [](const auto &f) { return f.first == u"email"; }))
        fields.append({u"email"_s, u"citizen@example.org"_s});
    return b.request("POST"_ba, u"/report"_s, multipart(fields, files), "multipart/form-data; boundary=" + kBoundary);
}

Reply tst_WebPages::confirmLatest(Browser &b)
{
    QString url;
    for (const MailRequest &m : std::as_const(m_mails))
        if (m.templateName == u"report_confirm")
            url = m.values.value(u"confirm_url"_s).toString();
    const QString path = QUrl(url).path();
    const Reply page = b.get(path);
    return b.request(
        "POST"_ba, path, urlencoded({{u"csrf"_s, csrfField(page)}}), "application/x-www-form-urlencoded"_ba);
}

void tst_WebPages::everyPageRendersInBothLanguages_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("lang");
    for (const QString &lang : {u"el"_s, u"en"_s}) {
        for (const QString &path : {u"/"_s, u"/report"_s, u"/report?category=streetlight"_s, u"/reports/1"_s,
                 u"/reports/1/thanks"_s, u"/?page=1"_s}) {
            QTest::addRow("%s %s", qPrintable(path), qPrintable(lang)) << path << lang;
        }
    }
}

void tst_WebPages::everyPageRendersInBothLanguages()
{
    QFETCH(QString, path);
    QFETCH(QString, lang);
    start();
    QCOMPARE(fileReport(kInsideLat, kInsideLon), 1);
    Browser b(*m_ts);
    const Reply r = b.get(path + (path.contains(u'?') ? u"&lang="_s : u"?lang="_s) + lang);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-type"), "text/html; charset=utf-8"_ba);
    const QString page = html(r);
    QVERIFY(page.startsWith(u"<!DOCTYPE html>"_s));
    QVERIFY2(page.contains(u"<html lang=\"%1\">"_s.arg(lang)), qPrintable(page.left(200)));
    // The switch to the other language, a real link that works without JavaScript.
    const QString other = lang == u"el" ? u"en"_s : u"el"_s;
    QVERIFY(page.contains(u"hreflang=\"%1\""_s.arg(other)));
    QVERIFY(page.contains(u"lang=%1\""_s.arg(other)));
    QVERIFY(page.contains(lang == u"el" ? u"Δήμος Σερρών"_s : u"Municipality of Serres"_s));
    // Landmarks and the skip link.
    for (const QString &landmark :
        {u"<header"_s, u"<nav"_s, u"<main id=\"main\""_s, u"<footer"_s, u"class=\"skip\" href=\"#main\""_s})
        QVERIFY2(page.contains(landmark), qPrintable(landmark));
    // A strict policy: scripts and styles only from this site, nothing inline.
    const QByteArray csp = r.header("content-security-policy");
    QVERIFY2(csp.contains("script-src 'self'") && csp.contains("style-src 'self'"), csp.constData());
    QVERIFY(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
    QVERIFY(csp.contains("img-src 'self' data: https://tile.openstreetmap.org"));
    QVERIFY(!page.contains(u"<script>"_s) && !page.contains(u"style=\""_s) && !page.contains(u"<style"_s));
    // Every text the page reads exists: a missing one would show its key.
    QVERIFY2(!page.contains(u"web."_s + u"form."_s) && !page.contains(u"{{"_s), qPrintable(page));
    // The CSRF cookie: HttpOnly and SameSite.
    const QByteArray cookie = r.header("set-cookie");
    QVERIFY2(cookie.contains("dimos_csrf=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        cookie.constData());
    if (path.startsWith(u"/report"_s) && !path.startsWith(u"/reports"_s)) {
        // Every input of the form has a label.
        static const QRegularExpression input(uR"re(<(?:input|select|textarea)[^>]*\sid="([^"]+)")re"_s);
        auto it = input.globalMatch(page);
        int inputs = 0;
        while (it.hasNext()) {
            const QString id = it.next().captured(1);
            ++inputs;
            QVERIFY2(page.contains(u"<label for=\"%1\""_s.arg(id)), qPrintable(id));
        }
        QVERIFY(inputs >= 10);
    }
}

void tst_WebPages::languageComesFromQueryThenCookieThenAcceptLanguage()
{
    start();
    // Greek by default: no ?lang=, no cookie, no Accept-Language.
    QVERIFY(m_ts->raw("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").contains("<html lang=\"el\">"));
    Browser b(*m_ts);
    QVERIFY(html(b.get(u"/"_s, {{"Accept-Language", "en-GB,en;q=0.9"}})).contains(u"<html lang=\"en\">"_s));
    const Reply chosen = b.get(u"/?lang=en"_s, {{"Accept-Language", "el"}});
    QVERIFY(html(chosen).contains(u"<html lang=\"en\">"_s));
    QCOMPARE(b.cookies.value("dimos_lang"), "en"_ba);
    // The cookie wins over Accept-Language, ?lang= over the cookie.
    QVERIFY(html(b.get(u"/report"_s, {{"Accept-Language", "el"}})).contains(u"<html lang=\"en\">"_s));
    QVERIFY(html(b.get(u"/report?lang=el"_s)).contains(u"<html lang=\"el\">"_s));
    QCOMPARE(b.cookies.value("dimos_lang"), "el"_ba);
    QVERIFY(html(b.get(u"/"_s)).contains(u"<html lang=\"el\">"_s));
}

void tst_WebPages::unknownReportIsATranslatedNotFoundPage()
{
    start();
    Browser b(*m_ts);
    for (const QString &path : {u"/reports/999"_s, u"/reports/abc"_s, u"/reports/-1"_s, u"/reports/999/thanks"_s}) {
        const Reply el = b.get(path + u"?lang=el"_s);
        QCOMPARE(el.status, 404);
        QCOMPARE(el.header("content-type"), "text/html; charset=utf-8"_ba);
        QVERIFY(html(el).contains(u"Η σελίδα δεν βρέθηκε"_s));
        const Reply en = b.get(path + u"?lang=en"_s);
        QCOMPARE(en.status, 404);
        QVERIFY(html(en).contains(u"Page not found"_s));
    }
}

void tst_WebPages::postWithoutTheRightCsrfTokenIsRefused()
{
    start();
    const QList<std::pair<QString, QString>> fields{{u"email"_s, u"citizen@example.org"_s},
        {u"category"_s, u"pothole"_s}, {u"lat"_s, insideLat()}, {u"lon"_s, insideLon()},
        {u"description"_s, u"Λακκούβα"_s}};
    const QByteArray type = "multipart/form-data; boundary=" + kBoundary;

    // No cookie at all (a forged cross-site form): 403 with a page that says what to do.
    Browser stranger(*m_ts);
    QList<std::pair<QString, QString>> forged = fields;
    forged.prepend({u"csrf"_s, u"A"_s.repeated(43)});
    Reply r = stranger.request("POST"_ba, u"/report?lang=en"_s, multipart(forged), type);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.header("content-type"), "text/html; charset=utf-8"_ba);
    QVERIFY(html(r).contains(u"reload the page"_s));

    // A cookie, but the form lacks the token or carries another one.
    Browser b(*m_ts);
    const Reply form = b.get(u"/report"_s);
    const QString token = csrfField(form);
    QCOMPARE(token.size(), 43);
    QCOMPARE(QString::fromLatin1(b.cookies.value("dimos_csrf")), token);
    r = b.request("POST"_ba, u"/report"_s, multipart(fields), type);
    QCOMPARE(r.status, 403);
    QVERIFY(html(r).contains(u"Ανοίξτε ξανά τη φόρμα"_s));
    QList<std::pair<QString, QString>> wrong = fields;
    wrong.prepend({u"csrf"_s, QString(token).replace(0, 1, token[0] == u'A' ? u'B' : u'A')});
    QCOMPARE(b.request("POST"_ba, u"/report"_s, multipart(wrong), type).status, 403);
    QCOMPARE(m_ts->ctx().reports->count(), 0);

    // The right token (urlencoded works as well as multipart): 303 to the thank-you page.
    QList<std::pair<QString, QString>> right = fields;
    right.prepend({u"csrf"_s, token});
    r = b.request("POST"_ba, u"/report"_s, urlencoded(right), "application/x-www-form-urlencoded"_ba);
    QCOMPARE(r.status, 303);
    QCOMPARE(r.header("location"), "/reports/1/thanks"_ba);
    QCOMPARE(m_ts->ctx().reports->count(), 1);
    const Reply thanks = b.get(u"/reports/1/thanks"_s);
    QCOMPARE(thanks.status, 200);
    QVERIFY(html(thanks).contains(u"#1"_s));
    QVERIFY(html(thanks).contains(u"Ανοίξτε τον για να επιβεβαιώσετε"_s)); // not public before the mail's link
}

void tst_WebPages::webReportIsPublicOnlyOnceConfirmed()
{
    start();
    Browser b(*m_ts);
    // The address is required.
    Reply r = submit(b,
        {{u"category"_s, u"pothole"_s}, {u"lat"_s, insideLat()}, {u"lon"_s, insideLon()},
            {u"description"_s, u"Λακκούβα"_s}, {u"email"_s, QString()}});
    QCOMPARE(r.status, 422);
    QVERIFY(html(r).contains(u"id=\"email-error\""_s));
    QCOMPARE(m_ts->ctx().reports->count(), 0);

    r = submit(b,
        {{u"category"_s, u"pothole"_s}, {u"lat"_s, insideLat()}, {u"lon"_s, insideLon()},
            {u"description"_s, u"Λακκούβα στη γωνία"_s}, {u"email"_s, u"maria@example.org"_s}});
    QCOMPARE(r.status, 303);
    // One mail, in the reader's language, with the link; the report waits.
    QCOMPARE(m_mails.size(), 1);
    QCOMPARE(m_mails[0].to, u"maria@example.org"_s);
    QCOMPARE(m_mails[0].templateName, u"report_confirm"_s);
    QCOMPARE(m_mails[0].language, u"el"_s);
    QVERIFY(m_mails[0].values[u"confirm_url"_s].toString().contains(u"/confirm/"_s));
    QCOMPARE(m_ts->ctx().reports->find(1)->visibility, Visibility::Unconfirmed);
    QCOMPARE(b.get(u"/reports/1"_s).status, 404);
    QVERIFY(!html(b.get(u"/"_s)).contains(u"Λακκούβα στη γωνία"_s));

    // The link opens a page with a button (a mail scanner's GET confirms nothing).
    const QString path = QUrl(m_mails[0].values[u"confirm_url"_s].toString()).path();
    const Reply page = b.get(path);
    QCOMPARE(page.status, 200);
    QVERIFY(html(page).contains(u"method=\"post\""_s));
    QCOMPARE(m_ts->ctx().reports->find(1)->visibility, Visibility::Unconfirmed);
    // Without the form's token: refused, nothing changes.
    QCOMPARE(b.request("POST"_ba, path, urlencoded({}), "application/x-www-form-urlencoded"_ba).status, 403);
    QCOMPARE(m_ts->ctx().reports->find(1)->visibility, Visibility::Unconfirmed);
    r = b.request("POST"_ba, path, urlencoded({{u"csrf"_s, csrfField(page)}}), "application/x-www-form-urlencoded"_ba);
    QCOMPARE(r.status, 303);
    QCOMPARE(r.header("location"), "/reports/1"_ba);
    QCOMPARE(b.get(u"/reports/1"_s).status, 200);
    QVERIFY(html(b.get(u"/"_s)).contains(u"Λακκούβα στη γωνία"_s) || html(b.get(u"/"_s)).contains(u"#1"_s));
    // Used once: the link says so.
    r = b.request("POST"_ba, path, urlencoded({{u"csrf"_s, csrfField(page)}}), "application/x-www-form-urlencoded"_ba);
    QCOMPARE(r.status, 404);
    QVERIFY(html(r).contains(u"έχει ήδη χρησιμοποιηθεί"_s));

    // In a moderated category the confirmation says a moderator checks it first.
    std::optional<Category> pothole = m_ts->ctx().catalog->category(u"pothole"_s);
    pothole->moderated = true;
    m_ts->ctx().catalog->updateCategory(*pothole, m_ts->clock().nowMs());
    QCOMPARE(submit(b,
                 {{u"category"_s, u"pothole"_s}, {u"lat"_s, insideLat()}, {u"lon"_s, insideLon()},
                     {u"description"_s, u"Δεύτερη"_s}})
                 .status,
        303);
    r = confirmLatest(b);
    QCOMPARE(r.status, 200);
    QVERIFY(html(r).contains(u"αφού τις ελέγξει ο Δήμος"_s));
    QCOMPARE(m_ts->ctx().reports->find(2)->visibility, Visibility::Moderation);
    QCOMPARE(b.get(u"/reports/2"_s).status, 404);
}

void tst_WebPages::unknownPageAddressIsAPageButApiPathsStayJson()
{
    start();
    Browser b(*m_ts);
    Reply r = b.get(u"/no/such/page?lang=en"_s);
    QCOMPARE(r.status, 404);
    QVERIFY(r.header("content-type").startsWith("text/html"));
    QVERIFY(html(r).contains(u"<html lang=\"en\""_s));
    Browser greek(*m_ts); // the first one now has the English cookie
    r = greek.get(u"/no/such/page"_s);
    QVERIFY(html(r).contains(u"<html lang=\"el\""_s));
    for (const QString &path : {u"/api/v1/nothing"_s, u"/open311/v2/nothing.json"_s, u"/feeds/nothing"_s,
             u"/media/nothing.jpg"_s, u"/static/x/nothing.css"_s}) {
        r = b.get(path);
        QCOMPARE(r.status, 404);
        QVERIFY2(r.header("content-type").startsWith("application/json"), qPrintable(path));
    }
    // Other methods keep the usual answers.
    QCOMPARE(b.request("DELETE"_ba, u"/no/such/page"_s).status, 404);
    QVERIFY(b.request("DELETE"_ba, u"/no/such/page"_s).header("content-type").startsWith("application/json"));
}

void tst_WebPages::hostileInputIsEscaped()
{
    start();
    const QString hostile = u"<script>alert('x')</script><img src=x onerror=alert(1)>\"' & {{t}}"_s;
    Browser b(*m_ts);
    // Re-rendered with an error (no category): the typed text comes back escaped.
    Reply r = submit(b, {{u"address"_s, hostile}, {u"description"_s, hostile}, {u"first_name"_s, hostile}});
    QCOMPARE(r.status, 422);
    QVERIFY(!html(r).contains(u"<script>alert"_s));
    QVERIFY(!html(r).contains(u"<img src=x"_s));
    QVERIFY(html(r).contains(u"&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"_s));
    QVERIFY(html(r).contains(u"value=\"&lt;script&gt;"_s));

    // Stored, then shown on the report page, the list and in the map's popups: escaped.
    r = submit(b,
        {{u"category"_s, u"pothole"_s}, {u"address"_s, hostile}, {u"lat"_s, insideLat()}, {u"lon"_s, insideLon()},
            {u"description"_s, hostile}});
    QCOMPARE(r.status, 303);
    QCOMPARE(confirmLatest(b).status, 303);
    for (const QString &path : {u"/reports/1"_s, u"/"_s}) {
        const QString page = html(b.get(path));
        QVERIFY2(!page.contains(u"<script>alert"_s) && !page.contains(u"<img src=x"_s), qPrintable(path));
        QVERIFY(page.contains(u"&lt;img src=x onerror=alert(1)&gt;&quot;&apos; &amp; {{t}}"_s));
    }
}

void tst_WebPages::reportPageShowsNoReporterIdentityAndOnlyPublicHistory()
{
    start();
    const qint64 id = fileReport(kInsideLat, kInsideLon);
    const StaffUser clerk = m_ts->addUser(u"clerk"_s, Role::Clerk, {m_department});
    ReportService &service = *m_ts->ctx().reportService;
    Report r = service.addNote(clerk, id, 1, u"Ο συνεργείο πηγαίνει αύριο"_s, true);
    r = service.addNote(clerk, id, r.version, u"ΕΣΩΤΕΡΙΚΟ: ο κάτοικος είναι δύσκολος"_s, false);
    r = service.changeStatus(clerk, id, r.version, ReportStatus::InProgress, u"Ξεκίνησαν οι εργασίες"_s, true);

    Browser b(*m_ts);
    for (const QString &lang : {u"el"_s, u"en"_s}) {
        const Reply reply = b.get(u"/reports/%1?lang=%2"_s.arg(id).arg(lang));
        QCOMPARE(reply.status, 200);
        const QString page = html(reply);
        for (const QString &secret :
            {u"Ανώνυμη-Πολίτισσα"_s, u"Κρυφίδου"_s, u"secret.reporter"_s, u"6999"_s, u"ΕΣΩΤΕΡΙΚΟ"_s})
            QVERIFY2(!page.contains(secret), qPrintable(secret));
        QVERIFY(page.contains(u"Ο συνεργείο πηγαίνει αύριο"_s));
        QVERIFY(page.contains(u"Ξεκίνησαν οι εργασίες"_s));
        QVERIFY(page.contains(lang == u"el" ? u"Σε εξέλιξη"_s : u"In progress"_s));
        QVERIFY(page.contains(u"Σπασμένη λάμπα"_s));
        QVERIFY(page.contains(u"openstreetmap.org/?mlat="_s));
        QVERIFY(page.contains(lang == u"el" ? u"Τμήμα roads"_s : u"Department roads"_s));
    }
}

void tst_WebPages::homeListsRecentReportsWithoutJavaScript()
{
    start();
    for (int i = 0; i < 25; ++i) {
        m_ts->clock().advanceMs(1000);
        fileReport(kInsideLat + i * 0.0001, kInsideLon, u"Αναφορά αριθμός %1"_s.arg(i + 1));
    }
    Browser b(*m_ts);
    const QString first = html(b.get(u"/?lang=en"_s));
    QCOMPARE(first.count(u"class=\"report-item\""_s), 20);
    // Newest first, each with its link, category, status in words and date.
    QVERIFY(first.indexOf(u"href=\"/reports/25\""_s) < first.indexOf(u"href=\"/reports/24\""_s));
    QVERIFY(first.contains(u"Category pothole"_s));
    QVERIFY(first.contains(u"status-new"_s) && first.contains(u"> New</span>"_s));
    QVERIFY(first.contains(u"<time datetime=\""_s));
    QVERIFY(first.contains(u"href=\"/?page=2\""_s));
    // The map is there for JavaScript to show; the list is what a page without it reads.
    QVERIFY(first.contains(u"id=\"map-section\" hidden"_s));
    // The boundary the maps draw, with the attribution it must travel with.
    QVERIFY(first.contains(u"data-boundary=\"/map/boundary.geojson\""_s));
    const Reply boundary = b.get(u"/map/boundary.geojson"_s);
    QCOMPARE(boundary.status, 200);
    const QString attribution = boundary.object().value(u"attribution"_s).toString();
    QVERIFY(attribution.contains(u"CC BY 3.0"_s));
    QVERIFY2(!attribution.contains(u'`'), qPrintable(attribution)); // plain text, no Markdown marks
    // The maps' credits: the tiles' always, the boundary's behind a button when they do not fit.
    QVERIFY(first.contains(u"data-text-credits=\""_s));
    QVERIFY(first.contains(u"map-picker.js"_s));
    QVERIFY(
        !boundary.object().value(u"features"_s).toArray().isEmpty() || boundary.object().contains(u"coordinates"_s));
    const QString second = html(b.get(u"/?page=2"_s));
    QCOMPARE(second.count(u"class=\"report-item\""_s), 5);
    QVERIFY(second.contains(u"href=\"/?page=1\""_s));
    QCOMPARE(b.get(u"/?page=0"_s).status, 404);
    QCOMPARE(b.get(u"/?page=x"_s).status, 404);
}

void tst_WebPages::geoJsonClustersAtLowZoomAndPointsAtHighZoom()
{
    start();
    QList<qint64> ids;
    for (int i = 0; i < 10; ++i)
        ids.append(fileReport(kInsideLat + i * 0.00002, kInsideLon + i * 0.00002));
    Browser b(*m_ts);
    const QString bbox = u"23.3,40.95,23.74,41.32"_s;

    Reply r = b.get(u"/map/reports.geojson?bbox=%1&zoom=8&lang=en"_s.arg(bbox));
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("content-type").startsWith("application/geo+json"));
    QJsonObject doc = r.object();
    QCOMPARE(doc.value(u"type"_s).toString(), u"FeatureCollection"_s);
    QJsonArray features = doc.value(u"features"_s).toArray();
    QCOMPARE(features.size(), 1);
    QJsonObject p = features[0].toObject().value(u"properties"_s).toObject();
    QCOMPARE(p.value(u"cluster"_s).toBool(), true);
    QCOMPARE(p.value(u"count"_s).toInt(), 10);
    QVERIFY(p.value(u"expansion_zoom"_s).toInt() > 8);
    const QJsonArray at = features[0].toObject().value(u"geometry"_s).toObject().value(u"coordinates"_s).toArray();
    QVERIFY(qAbs(at[0].toDouble() - kInsideLon) < 0.001 && qAbs(at[1].toDouble() - kInsideLat) < 0.001);

    r = b.get(u"/map/reports.geojson?bbox=%1&zoom=20&lang=en"_s.arg(bbox));
    features = r.object().value(u"features"_s).toArray();
    QCOMPARE(features.size(), 10);
    QSet<qint64> seen;
    for (const QJsonValue &f : features) {
        p = f.toObject().value(u"properties"_s).toObject();
        QCOMPARE(p.value(u"cluster"_s).toBool(), false);
        seen.insert(p.value(u"id"_s).toInteger());
        QCOMPARE(p.value(u"status_text"_s).toString(), u"New"_s);
        QCOMPARE(p.value(u"category"_s).toString(), u"Category pothole"_s);
        QCOMPARE(p.value(u"url"_s).toString(), u"/reports/%1"_s.arg(p.value(u"id"_s).toInteger()));
        // Nothing personal on the map.
        QVERIFY(!QJsonDocument(p).toJson().contains("secret"));
    }
    QCOMPARE(seen, QSet<qint64>(ids.begin(), ids.end()));
    // Greek by ?lang=el, and a box elsewhere is empty.
    p = b.get(u"/map/reports.geojson?bbox=%1&zoom=20&lang=el"_s.arg(bbox))
            .object()
            .value(u"features"_s)
            .toArray()[0]
            .toObject()
            .value(u"properties"_s)
            .toObject();
    QCOMPARE(p.value(u"status_text"_s).toString(), u"Νέα"_s);
    QCOMPARE(b.get(u"/map/reports.geojson?bbox=0,0,1,1&zoom=5"_s).object().value(u"features"_s).toArray().size(), 0);
}

void tst_WebPages::geoJsonRefusesBadInput_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("says");
    QTest::newRow("no bbox") << u"zoom=3"_s << u"bbox is required"_s;
    QTest::newRow("three numbers") << u"bbox=1,2,3&zoom=3"_s << u"four numbers"_s;
    QTest::newRow("text") << u"bbox=a,b,c,d&zoom=3"_s << u"four numbers"_s;
    QTest::newRow("nan") << u"bbox=nan,1,2,3&zoom=3"_s << u"four numbers"_s;
    QTest::newRow("latitude over 90") << u"bbox=1,2,3,91&zoom=3"_s << u"within -90..90"_s;
    QTest::newRow("longitude over 180") << u"bbox=1,2,181,3&zoom=3"_s << u"within -180..180"_s;
    QTest::newRow("min over max") << u"bbox=3,2,1,4&zoom=3"_s << u"must not be greater"_s;
    QTest::newRow("no zoom") << u"bbox=1,2,3,4"_s << u"zoom must be"_s;
    QTest::newRow("zoom 25") << u"bbox=1,2,3,4&zoom=25"_s << u"from 0 to 24"_s;
    QTest::newRow("zoom text") << u"bbox=1,2,3,4&zoom=z"_s << u"from 0 to 24"_s;
}

void tst_WebPages::geoJsonRefusesBadInput()
{
    QFETCH(QString, query);
    QFETCH(QString, says);
    start();
    Browser b(*m_ts);
    const Reply r = b.get(u"/map/reports.geojson?"_s + query);
    QCOMPARE(r.status, 400);
    QVERIFY2(r.object().value(u"error"_s).toObject().value(u"message"_s).toString().contains(says), r.body.constData());
}

void tst_WebPages::newReportAppearsInTheNextGeoJson()
{
    start();
    fileReport(kInsideLat, kInsideLon);
    Browser b(*m_ts);
    const QString url = u"/map/reports.geojson?bbox=23.3,40.95,23.74,41.32&zoom=20"_s;
    QCOMPARE(b.get(url).object().value(u"features"_s).toArray().size(), 1);
    // Filed through the web form this time (another path than the fixture's).
    const Reply r = submit(b,
        {{u"category"_s, u"pothole"_s}, {u"lat"_s, u"41,0930"_s}, {u"lon"_s, u"23,5500"_s},
            {u"description"_s, u"Νέα λακκούβα"_s}});
    QCOMPARE(r.status, 303);
    // Not on the map until the citizen confirms it.
    QCOMPARE(b.get(url).object().value(u"features"_s).toArray().size(), 1);
    QCOMPARE(confirmLatest(b).status, 303);
    const QJsonArray features = b.get(url).object().value(u"features"_s).toArray();
    QCOMPARE(features.size(), 2);
    bool found = false;
    for (const QJsonValue &f : features)
        found = found || f.toObject().value(u"properties"_s).toObject().value(u"id"_s).toInteger() == 2;
    QVERIFY(found);
    // A status change moves the pin's status in the next answer too.
    const StaffUser clerk = m_ts->addUser(u"clerk"_s, Role::Clerk, {m_department});
    m_ts->ctx().reportService->changeStatus(
        clerk, 2, m_ts->ctx().reports->find(2)->version, ReportStatus::Resolved, QString(), false);
    for (const QJsonValue &f : b.get(url + u"&lang=en"_s).object().value(u"features"_s).toArray()) {
        const QJsonObject p = f.toObject().value(u"properties"_s).toObject();
        if (p.value(u"id"_s).toInteger() == 2)
            QCOMPARE(p.value(u"status"_s).toString(), u"resolved"_s);
    }
}

void tst_WebPages::categoryFieldsAreRenderedFromTheDefinition()
{
    start();
    Browser b(*m_ts);
    const QString page = html(b.get(u"/report?category=streetlight&lang=en"_s));
    QVERIFY(page.contains(u"<option value=\"streetlight\" selected>"_s));
    QVERIFY(page.contains(u"<input type=\"text\" id=\"attr-pole\" name=\"attribute[pole]\""_s));
    QVERIFY(page.contains(u"inputmode=\"decimal\" id=\"attr-count\" name=\"attribute[count]\""_s));
    QVERIFY(page.contains(u"<input type=\"datetime-local\" id=\"attr-since\" name=\"attribute[since]\""_s));
    QVERIFY(page.contains(u"<textarea id=\"attr-notes\" name=\"attribute[notes]\""_s));
    QVERIFY(page.contains(u"<select id=\"attr-kind\" name=\"attribute[kind]\" required"_s));
    QVERIFY(page.contains(u"<option value=\"two\">Two</option>"_s));
    QVERIFY(page.contains(u"type=\"checkbox\" id=\"attr-parts-0\" name=\"attribute[parts][]\" value=\"one\""_s));
    QVERIFY(page.contains(u"<label for=\"attr-parts-1\">Two</label>"_s));
    QVERIFY(page.contains(u"Question count"_s) && page.contains(u"Help count"_s));
    QVERIFY(page.contains(u"aria-describedby=\"attr-count-help\""_s));
    // Required fields are marked in words for screen readers as well as with the asterisk.
    QVERIFY(page.contains(u"<abbr title=\"required\">*</abbr>"_s));
    // In the order of the definition.
    QVERIFY(page.indexOf(u"attr-pole"_s) < page.indexOf(u"attr-count"_s));
    QVERIFY(page.indexOf(u"attr-kind"_s) < page.indexOf(u"attr-parts"_s));
    // Another category has none of them; the form says how the fields come without JavaScript.
    const QString plain = html(b.get(u"/report?category=pothole&lang=en"_s));
    QVERIFY(!plain.contains(u"attr-pole"_s));
    QVERIFY(plain.contains(u"name=\"action\" value=\"choose\""_s));
    QVERIFY(plain.contains(u"id=\"category-fields\""_s));
}

void tst_WebPages::choosingACategoryWithoutJavaScriptKeepsTheInput()
{
    start();
    Browser b(*m_ts);
    const Reply r = submit(b,
        {{u"category"_s, u"streetlight"_s}, {u"action"_s, u"choose"_s}, {u"description"_s, u"Η λάμπα τρεμοπαίζει"_s},
            {u"address"_s, u"Μεραρχίας 12"_s}, {u"email"_s, u"me@example.org"_s}});
    QCOMPARE(r.status, 200);
    const QString page = html(r);
    QVERIFY(page.contains(u"id=\"attr-kind\""_s));
    QVERIFY(page.contains(u">Η λάμπα τρεμοπαίζει</textarea>"_s));
    QVERIFY(page.contains(u"value=\"Μεραρχίας 12\""_s));
    QVERIFY(page.contains(u"value=\"me@example.org\""_s));
    QVERIFY(!page.contains(u"class=\"error-summary\""_s)); // choosing is not an error
    QCOMPARE(m_ts->ctx().reports->count(), 0);
}

void tst_WebPages::validationErrorsKeepTheInputAndSitNextToTheirFields()
{
    start();
    Browser b(*m_ts);
    Reply r = submit(b,
        {{u"category"_s, u"streetlight"_s}, {u"attribute[pole]"_s, u"Κ-17"_s}, {u"attribute[count]"_s, u"πολλά"_s},
            {u"attribute[parts][]"_s, u"two"_s}, {u"attribute[since]"_s, u"χθες"_s}, {u"address"_s, u"Μεραρχίας 12"_s},
            {u"lat"_s, u"41.09"_s}, {u"description"_s, u"   "_s}, {u"email"_s, u"not-an-address"_s},
            {u"phone"_s, u"call me"_s}, {u"first_name"_s, u"Ελένη"_s}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.header("content-type"), "text/html; charset=utf-8"_ba);
    const QString page = html(r);
    // What was typed is still there.
    QVERIFY(page.contains(u"value=\"Κ-17\""_s));
    QVERIFY(page.contains(u"value=\"πολλά\""_s));
    QVERIFY(page.contains(u"value=\"Μεραρχίας 12\""_s));
    QVERIFY(page.contains(u"value=\"41.09\""_s));
    QVERIFY(page.contains(u"value=\"not-an-address\""_s));
    QVERIFY(page.contains(u"value=\"Ελένη\""_s));
    QVERIFY(page.contains(u"value=\"two\" checked"_s));
    QVERIFY(page.contains(u"<option value=\"streetlight\" selected>"_s));
    // Each error next to its field, tied to it for screen readers, and listed at the top.
    const QList<std::pair<QString, QString>> expected{{u"attr-count"_s, u"Γράψτε έναν αριθμό."_s},
        {u"attr-since"_s, u"Γράψτε ημερομηνία και ώρα"_s}, {u"attr-kind"_s, u"Συμπληρώστε αυτό το πεδίο."_s},
        {u"lon"_s, u"Δώστε και το πλάτος και το μήκος"_s}, {u"description"_s, u"Συμπληρώστε αυτό το πεδίο."_s},
        {u"email"_s, u"δεν είναι έγκυρη"_s}, {u"phone"_s, u"Γράψτε τον αριθμό με ψηφία"_s}};
    for (const auto &[id, message] : expected) {
        const qsizetype error = page.indexOf(u"id=\"%1-error\""_s.arg(id));
        QVERIFY2(error > 0, qPrintable(id));
        QVERIFY2(page.mid(error, 300).contains(message), qPrintable(id + u": "_s + page.mid(error, 300)));
        const QRegularExpression describedBy(
            uR"re(id="%1"[^>]*aria-describedby="[^"]*%1-error|aria-describedby="[^"]*%1-error[^"]*"[^>]*aria-invalid)re"_s
                .arg(QRegularExpression::escape(id)));
        QVERIFY2(describedBy.match(page).hasMatch(), qPrintable(id));
        QVERIFY2(page.contains(u"<li><a href=\"#%1\">"_s.arg(id)), qPrintable(id));
    }
    QVERIFY(page.contains(u"class=\"error-summary\" role=\"alert\""_s));
    // The summary names each field.
    QVERIFY(page.contains(u"<a href=\"#attr-count\">Ερώτηση count: Γράψτε έναν αριθμό.</a>"_s));
    QVERIFY(page.contains(u"<a href=\"#description\">Περιγραφή: Συμπληρώστε αυτό το πεδίο.</a>"_s));
    QCOMPARE(m_ts->ctx().reports->count(), 0);

    // No category and no location at all.
    r = submit(b, {{u"description"_s, u"Κάτι"_s}});
    QCOMPARE(r.status, 422);
    QVERIFY(html(r).contains(u"Διαλέξτε κατηγορία."_s));
    QVERIFY(html(r).contains(u"Δώστε τοποθεσία"_s));
}

void tst_WebPages::noJavaScriptSubmitWithAPhotoCreatesTheReport()
{
    start();
    Browser b(*m_ts);
    const Reply r = submit(b,
        {{u"category"_s, u"streetlight"_s}, {u"attribute[count]"_s, u"3,5"_s}, {u"attribute[kind]"_s, u"one"_s},
            {u"attribute[parts][]"_s, u"one"_s}, {u"attribute[parts][]"_s, u"two"_s},
            {u"attribute[since]"_s, u"2026-05-19T10:30"_s}, {u"address"_s, u"Πλατεία Ελευθερίας"_s},
            {u"lat"_s, insideLat()}, {u"lon"_s, insideLon()}, {u"description"_s, u"Σβηστή λάμπα"_s},
            {u"first_name"_s, u"Ελένη"_s}, {u"last_name"_s, u"Παπά"_s}, {u"email"_s, u"eleni@example.org"_s},
            {u"phone"_s, u"+30 23210 12345"_s}, {u"website"_s, QString()}},
        {{u"photos"_s, u"lamp.jpg"_s, "image/jpeg"_ba, makeJpeg(640, 480)},
            {u"photos"_s, QString(), "application/octet-stream"_ba, QByteArray()}}); // an empty second input
    QVERIFY2(r.status == 303, r.body.constData());
    const std::optional<Report> stored = m_ts->ctx().reports->find(1);
    QVERIFY(stored);
    QCOMPARE(stored->channel, u"web"_s);
    QCOMPARE(stored->serviceCode, u"streetlight"_s);
    QCOMPARE(stored->photos.size(), 1);
    QCOMPARE(stored->photos[0].width, 640);
    QCOMPARE(stored->contact.email, u"eleni@example.org"_s);
    QCOMPARE(stored->contact.phone, u"+30 23210 12345"_s);
    QCOMPARE(stored->address, u"Πλατεία Ελευθερίας"_s);
    QVERIFY(qAbs(stored->lat - kInsideLat) < 1e-6);
    const QList<std::pair<QString, QStringList>> attributes{{u"count"_s, {u"3.5"_s}}, {u"kind"_s, {u"one"_s}},
        {u"parts"_s, {u"one"_s, u"two"_s}}, {u"since"_s, {u"2026-05-19T07:30:00Z"_s}}};
    for (const auto &attribute : attributes)
        QVERIFY2(stored->attributes.contains(attribute), qPrintable(attribute.first));

    // Confirmed, the report is public; its photo only once a moderator shows it.
    QCOMPARE(confirmLatest(b).status, 303);
    const QString thumb = u"/media/%1.thumb.jpg"_s.arg(stored->photos[0].sha256);
    QVERIFY(!html(b.get(u"/reports/1?lang=en"_s)).contains(thumb));
    QCOMPARE(b.get(thumb).status, 404);
    const StaffUser admin = m_ts->addUser(u"moderator"_s, Role::Admin, {});
    m_ts->ctx().reportService->setPhotoPublic(
        admin, 1, m_ts->ctx().reports->find(1)->version, stored->photos[0].id, true);
    const QString page = html(b.get(u"/reports/1?lang=en"_s));
    QVERIFY(page.contains(thumb));
    QVERIFY(page.contains(u"alt=\"Photo 1 of the report\""_s));
    QVERIFY(page.contains(u"Question parts</dt><dd>One, Two"_s));
    QCOMPARE(b.get(thumb).status, 200);
}

void tst_WebPages::typedCoordinatesOutsideTheMunicipalityAreRefused()
{
    start();
    Browser b(*m_ts);
    const Reply r = submit(b,
        {{u"category"_s, u"pothole"_s}, {u"lat"_s, QString::number(kOutsideLat)},
            {u"lon"_s, QString::number(kOutsideLon)}, {u"description"_s, u"Λακκούβα"_s}});
    QCOMPARE(r.status, 422);
    QVERIFY(html(r).contains(u"έξω από τα όρια του δήμου"_s));
    // An address alone is enough (a clerk places it).
    QCOMPARE(
        submit(b, {{u"category"_s, u"pothole"_s}, {u"address"_s, u"Μεραρχίας 12"_s}, {u"description"_s, u"Λακκούβα"_s}})
            .status,
        303);
    QCOMPARE(m_ts->ctx().reports->find(1)->hasLocation, false);
}

void tst_WebPages::honeypotStoresNothing()
{
    start();
    Browser b(*m_ts);
    const Reply r = submit(b,
        {{u"category"_s, u"pothole"_s}, {u"lat"_s, insideLat()}, {u"lon"_s, insideLon()},
            {u"description"_s, u"Buy cheap watches"_s}, {u"website"_s, u"http://spam.example"_s}});
    QCOMPARE(r.status, 400);
    QVERIFY(html(r).contains(u"δεν αποθηκεύτηκε τίποτα"_s));
    QCOMPARE(m_ts->ctx().reports->count(), 0);
    // The field is there for bots and hidden from people and screen readers.
    const QString form = html(b.get(u"/report"_s));
    QVERIFY(form.contains(u"<div class=\"hp\" aria-hidden=\"true\">"_s));
    QVERIFY(form.contains(u"name=\"website\" value=\"\" tabindex=\"-1\""_s));
}

void tst_WebPages::rateLimitPerEmailAddressToo()
{
    // Behind a trusted proxy, so that each request can come from another client address.
    start({u"open311/reports_per_hour_per_address=2"_s, u"http/trusted_proxies=127.0.0.1/32"_s});
    Browser b(*m_ts);
    const QList<std::pair<QString, QString>> fields{{u"category"_s, u"pothole"_s}, {u"lat"_s, insideLat()},
        {u"lon"_s, insideLon()}, {u"description"_s, u"Λακκούβα"_s}, {u"email"_s, u"Victim@example.org"_s}};
    auto from = [&](const QByteArray &address, QList<std::pair<QString, QString>> f) {
        const Reply form = b.get(u"/report"_s, {{"X-Forwarded-For"_ba, address}});
        f.prepend({u"csrf"_s, csrfField(form)});
        return b.request("POST"_ba, u"/report"_s, multipart(f), "multipart/form-data; boundary=" + kBoundary,
            {{"X-Forwarded-For"_ba, address}});
    };
    QCOMPARE(from("192.0.2.1", fields).status, 303);
    QCOMPARE(from("192.0.2.2", fields).status, 303);
    QList<std::pair<QString, QString>> other = fields;
    other.last() = {u"email"_s, u"victim@EXAMPLE.org"_s}; // the same mailbox, however it is written
    const Reply r = from("192.0.2.3", other);
    QCOMPARE(r.status, 429);
    QVERIFY(!r.header("retry-after").isEmpty());
    QVERIFY(html(r).contains(u"διεύθυνση ηλεκτρονικού ταχυδρομείου"_s));
    // Another mailbox from another address is unaffected.
    other.last() = {u"email"_s, u"someone.else@example.org"_s};
    QCOMPARE(from("192.0.2.4", other).status, 303);
    QCOMPARE(m_ts->ctx().reports->count(), 3);
}

void tst_WebPages::rateLimitAnswers429WithAPage()
{
    start({u"open311/reports_per_hour_per_address=2"_s});
    Browser b(*m_ts);
    const QList<std::pair<QString, QString>> fields{{u"category"_s, u"pothole"_s}, {u"lat"_s, insideLat()},
        {u"lon"_s, insideLon()}, {u"description"_s, u"Λακκούβα"_s}};
    QCOMPARE(submit(b, fields).status, 303);
    QCOMPARE(submit(b, fields).status, 303);
    const Reply r = submit(b, fields);
    QCOMPARE(r.status, 429);
    QVERIFY(r.header("retry-after").toInt() > 0);
    QCOMPARE(r.header("content-type"), "text/html; charset=utf-8"_ba);
    QVERIFY(html(r).contains(u"Δοκιμάστε ξανά σε"_s));
    QCOMPARE(m_ts->ctx().reports->count(), 2);
    // After the hour the form works again.
    m_ts->clock().advanceMs(3600LL * 1000 + 1000);
    QCOMPARE(submit(b, fields).status, 303);
}

void tst_WebPages::staticFilesAreServedWithLongCaching()
{
    start();
    Browser b(*m_ts);
    const QString page = html(b.get(u"/"_s));
    static const QRegularExpression css(uR"re(href="(/static/[0-9a-f]{12}/site\.css)")re"_s);
    static const QRegularExpression js(uR"re(src="(/static/[0-9a-f]{12}/map\.js)")re"_s);
    static const QRegularExpression leaflet(uR"re(src="(/static/leaflet/[0-9a-f]{12}/leaflet(\.min)?\.js)")re"_s);
    for (const auto *re : {&css, &js, &leaflet}) {
        const QString url = re->match(page).captured(1);
        QVERIFY2(!url.isEmpty(), qPrintable(re->pattern()));
        const Reply r = b.get(url);
        QCOMPARE(r.status, 200);
        QVERIFY(!r.body.isEmpty());
        QCOMPARE(r.header("cache-control"), "public, max-age=31536000, immutable"_ba);
        QVERIFY(r.header("content-type").startsWith(url.endsWith(u".css"_s) ? "text/css" : "text/javascript"));
    }
    // Leaflet's images, which its CSS names relative to itself.
    const QString leafletUrl = leaflet.match(page).captured(1);
    const QString images = leafletUrl.left(leafletUrl.lastIndexOf(u'/')) + u"/images/layers.png"_s;
    QCOMPARE(b.get(images).header("content-type"), "image/png"_ba);
    // An old version's URL still answers, briefly cached; an unknown file does not.
    const Reply old = b.get(u"/static/000000000000/site.css"_s);
    QCOMPARE(old.status, 200);
    QCOMPARE(old.header("cache-control"), "public, max-age=300"_ba);
    QCOMPARE(b.get(u"/static/000000000000/nothing.css"_s).status, 404);
}

void tst_WebPages::pathTraversalIsRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("dot dot") << u"/static/leaflet/v/..%2F..%2Fsecret.txt"_s;
    QTest::newRow("dot dot in images") << u"/static/leaflet/v/images/..%2F..%2Fsecret.txt"_s;
    QTest::newRow("encoded dots") << u"/static/leaflet/v/%2E%2E%2Fsecret.txt"_s;
    QTest::newRow("backslash") << u"/static/leaflet/v/..%5Csecret.txt"_s;
    QTest::newRow("absolute") << u"/static/leaflet/v/%2Fetc%2Fpasswd"_s;
    QTest::newRow("hidden file") << u"/static/leaflet/v/.hidden.js"_s;
    QTest::newRow("other subfolder") << u"/static/leaflet/v/private/leaflet.js"_s;
    QTest::newRow("unknown type") << u"/static/leaflet/v/notes.txt"_s;
    QTest::newRow("source map") << u"/static/leaflet/v/leaflet.js.map"_s;
    QTest::newRow("built-in dot dot") << u"/static/v/..%2F..%2Fsecret.txt"_s;
    QTest::newRow("nul") << u"/static/leaflet/v/leaflet.js%00.png"_s;
}

void tst_WebPages::pathTraversalIsRefused()
{
    QFETCH(QString, path);
    // A Leaflet folder of our own, with secrets beside it and a file it must not serve.
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath(u"leaflet/images"_s));
    QDir().mkpath(dir.filePath(u"leaflet/private"_s));
    for (const QString &name :
        {u"leaflet/leaflet.js"_s, u"leaflet/leaflet.css"_s, u"leaflet/.hidden.js"_s, u"leaflet/notes.txt"_s,
            u"leaflet/leaflet.js.map"_s, u"leaflet/private/leaflet.js"_s, u"secret.txt"_s, u"leaflet/images/x.png"_s}) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("SECRET " + name.toUtf8());
    }
    start({u"web/leaflet_dir="_s + dir.filePath(u"leaflet"_s)});
    Browser b(*m_ts);
    QCOMPARE(b.get(u"/static/leaflet/v/leaflet.js"_s).status, 200); // the folder works
    const Reply r = b.get(path);
    QVERIFY2(r.status == 404 || r.status == 400, qPrintable(QString::number(r.status)));
    QVERIFY(!r.body.contains("SECRET"));
    // And through a raw request line, which no client library normalises.
    const QByteArray raw = m_ts->raw("GET /static/leaflet/v/../../secret.txt HTTP/1.1\r\nHost: x\r\n"
                                     "Connection: close\r\n\r\n");
    QVERIFY2(!raw.contains("SECRET"), raw.constData());
}

void tst_WebPages::withoutLeafletThePagesShowLists()
{
    QTemporaryDir empty;
    start({u"web/leaflet_dir="_s + empty.filePath(u"missing"_s)});
    fileReport(kInsideLat, kInsideLon);
    Browser b(*m_ts);
    const QString home = html(b.get(u"/"_s));
    QVERIFY(!home.contains(u"leaflet"_s));
    QVERIFY(!home.contains(u"id=\"map\""_s));
    QVERIFY(home.contains(u"href=\"/reports/1\""_s));
    const QString form = html(b.get(u"/report"_s));
    QVERIFY(!form.contains(u"picker-map"_s));
    QVERIFY(form.contains(u"id=\"lat\""_s) && form.contains(u"id=\"address\""_s));
    QCOMPARE(b.get(u"/static/leaflet/v/leaflet.js"_s).status, 404);
}

void tst_WebPages::badWebSettingsStopTheServer_data()
{
    QTest::addColumn<QString>("setting");
    QTest::newRow("tile url without {z}") << u"web/tile_url=https://tiles.example.org/{x}/{y}.png"_s;
    QTest::newRow("tile url not http") << u"web/tile_url=ftp://tiles.example.org/{z}/{x}/{y}.png"_s;
    QTest::newRow("tile url with a quote") << u"web/tile_url=https://t.example.org/{z}/{x}/{y}.png\"x"_s;
    QTest::newRow("empty attribution") << u"web/tile_attribution= "_s;
    QTest::newRow("attribution url") << u"web/tile_attribution_url=javascript:alert(1)"_s;
    QTest::newRow("empty leaflet dir") << u"web/leaflet_dir="_s;
}

void tst_WebPages::badWebSettingsStopTheServer()
{
    QFETCH(QString, setting);
    QString error;
    QVERIFY(!Config::load(QString(), {setting}, &error));
    QVERIFY2(error.contains(setting.section(u'/', 1).section(u'=', 0, 0)), qPrintable(error));
    // And good ones reach the pages: the tile server in the policy, the notice under the form.
    TestServer ts({u"web/tile_url=https://{s}.tiles.example.org:8443/{z}/{x}/{y}.png"_s,
        u"web/privacy_notice_en=Our own notice & more"_s});
    QVERIFY2(ts.start(&error), qPrintable(error));
    Browser b(ts);
    const Reply r = b.get(u"/report?lang=en"_s);
    QVERIFY(r.header("content-security-policy").contains("img-src 'self' data: https://*.tiles.example.org:8443;"));
    QVERIFY(html(r).contains(u"<p>Our own notice &amp; more</p>"_s));
    QVERIFY(html(b.get(u"/report?lang=el"_s)).contains(u"Για πρόσβαση, διόρθωση ή διαγραφή"_s)); // the built-in one
}

void tst_WebPages::mapIndexIsBuiltAtStart()
{
    start();
    fileReport(kInsideLat, kInsideLon);
    // A second server over the same data folder builds its index when it starts listening.
    QString error;
    auto config = Config::load(
        QString(), {u"server/port=0"_s, u"storage/data_dir="_s + m_ts->dataDir(), u"http/access_log=false"_s}, &error);
    QVERIFY2(config, qPrintable(error));
    Server second(*config, m_ts->clock());
    QTest::ignoreMessage(QtInfoMsg, "web map: 1 reports");
    QVERIFY2(second.open(&error) && second.listen(&error), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_WebPages)
#include "tst_WebPages.moc"
