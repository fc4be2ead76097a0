// The citizens' e-mail pages (server/web/SubscriptionPages, docs/WEB.md) over real sockets,
// with the mails read from the outbox table as dimosd writes them: subscribe → confirmation
// mail → the link's page → its button → a new public report mails the subscriber with
// List-Unsubscribe → the RFC 8058 one-click POST (no CSRF token) ends it; the manage page;
// following a report from its page; "not fixed" by the reporter (reopens, mails the
// department) and refused for anyone else; CSRF, invalid links, hostile input, the honeypot,
// the rate limit, both languages.
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include "server/core/ReportService.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/Database.h"
#include "server/storage/ReportRepository.h"
#include "support/Browser.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

QByteArray form(const QList<std::pair<QString, QString>> &fields)
{
    QUrlQuery q;
    for (const auto &[name, value] : fields)
        q.addQueryItem(name, QString(value).replace(u'%', u"%25"_s).replace(u'+', u"%2B"_s).replace(u'&', u"%26"_s));
    return q.toString(QUrl::FullyEncoded).toUtf8();
}

// A mail as the outbox holds it.
struct Mail
{
    qint64 id = 0;
    QString to;
    QString language;
    QString templateName;
    QString subject;
    QString text;
    QString html;
    QString listUnsubscribe;

    // The path of the first link in the text that contains `part`.
    QString link(const QString &part) const
    {
        static const QRegularExpression re(uR"(https?://\S+)"_s);
        for (auto it = re.globalMatch(text); it.hasNext();) {
            const QString url = it.next().captured(0);
            if (url.contains(part))
                return QUrl(url).path();
        }
        return {};
    }
};

} // namespace

class tst_WebSubscriptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void pagesRenderInBothLanguages_data();
    void pagesRenderInBothLanguages();
    void subscribeConfirmNotifyAndOneClickUnsubscribe();
    void subscribeFormErrorsKeepTheInput();
    void subscribeWithAnArea();
    void managePageChangesCategoriesAndLanguage();
    void followFromTheReportPageWithConfirmation();
    void notFixedByTheReporterReopensAndMailsTheDepartment();
    void notFixedWithAnotherFollowersLinkIsRefused();
    void notFixedTooLateOrStillOpenSaysSo();
    void everyFormNeedsItsCsrfToken();
    void invalidLinksAreATranslatedNotFound();
    void hostileInputIsEscaped();
    void honeypotAndRateLimit();
    void feedsAreLinked();

private:
    void start();
    QList<Mail> mails(const QString &templateName = {}) const;
    // A public report (Open311, published at once); with `reporter` it is filed on the web by
    // that address and confirmed, so the reporter follows it.
    qint64 publicReport(const QString &category = u"pothole"_s, const QString &reporter = {});
    // Subscribes on the page and confirms with the mailed link; returns the manage path.
    QString subscribeConfirmed(Browser &b, const QString &email, const QStringList &categories);
    // Opens a mailed link's page and presses its button.
    Reply pressButton(Browser &b, const QString &path);

    std::unique_ptr<TestServer> m_ts;
    StaffUser m_admin;
    qint64 m_department = 0;
};

void tst_WebSubscriptions::init()
{
    m_ts.reset();
}

void tst_WebSubscriptions::cleanup()
{
    m_ts.reset();
}

void tst_WebSubscriptions::start()
{
    m_ts = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_ts->start(&error), qPrintable(error));
    m_department = m_ts->addDepartment(u"roads"_s);
    std::optional<Department> roads = m_ts->ctx().catalog->department(m_department);
    roads->email = u"roads@dimos.example"_s;
    m_ts->ctx().catalog->updateDepartment(*roads, m_ts->clock().nowMs());
    m_ts->addCategory(u"pothole"_s, m_department);
    m_ts->addCategory(u"streetlight"_s, m_department);
    m_admin = m_ts->addUser(u"admin"_s, Role::Admin, {});
}

QList<Mail> tst_WebSubscriptions::mails(const QString &templateName) const
{
    QSqlQuery q = m_ts->ctx().db->run(
        u"SELECT id, recipient, language, template, subject, text_body, html_body, list_unsubscribe "
        u"FROM mail_outbox ORDER BY id"_s);
    QList<Mail> out;
    while (q.next()) {
        Mail m{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toString(), q.value(5).toString(), q.value(6).toString(), q.value(7).toString()};
        if (templateName.isEmpty() || m.templateName == templateName)
            out.append(m);
    }
    return out;
}

qint64 tst_WebSubscriptions::publicReport(const QString &category, const QString &reporter)
{
    ReportService &rs = *m_ts->ctx().reportService;
    NewReport in;
    in.serviceCode = category;
    in.lat = kInsideLat;
    in.lon = kInsideLon;
    in.description = u"Λακκούβα στη γωνία"_s;
    in.channel = u"open311"_s;
    if (reporter.isEmpty())
        return rs.create(in).id;
    in.channel = u"web"_s;
    in.needsConfirmation = true;
    in.contact.email = reporter;
    QString token;
    in.onStored = [&](const Report &, const QString &t) { token = t; };
    const qint64 id = rs.create(in).id;
    rs.confirm(token);
    return id;
}

QString tst_WebSubscriptions::subscribeConfirmed(Browser &b, const QString &email, const QStringList &categories)
{
    const Reply page = b.get(u"/subscribe"_s);
    QList<std::pair<QString, QString>> fields{{u"csrf"_s, csrfField(page)}, {u"email"_s, email}};
    for (const QString &c : categories)
        fields.append({u"category"_s, c});
    const Reply r = b.request("POST"_ba, u"/subscribe"_s, form(fields));
    if (r.status != 200)
        return {};
    const QList<Mail> m = mails(u"subscription_confirm"_s);
    const Reply done = pressButton(b, m.last().link(u"/subscriptions/confirm/"_s));
    static const QRegularExpression re(uR"re(href="(/subscriptions/[^"/]+)")re"_s);
    return re.match(html(done)).captured(1);
}

Reply tst_WebSubscriptions::pressButton(Browser &b, const QString &path)
{
    const Reply page = b.get(path);
    return b.request("POST"_ba, path, form({{u"csrf"_s, csrfField(page)}}));
}

void tst_WebSubscriptions::pagesRenderInBothLanguages_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("expected");
    QTest::newRow("el") << u"el"_s << u"Ειδοποιήσεις για νέες αναφορές"_s;
    QTest::newRow("en") << u"en"_s << u"Alerts about new reports"_s;
}

void tst_WebSubscriptions::pagesRenderInBothLanguages()
{
    QFETCH(QString, lang);
    QFETCH(QString, expected);
    start();
    Browser b(*m_ts, lang.toLatin1());
    const Reply page = b.get(u"/subscribe"_s);
    QCOMPARE(page.status, 200);
    QVERIFY(html(page).contains(u"<html lang=\"%1\">"_s.arg(lang)));
    QVERIFY(html(page).contains(expected));
    // The categories as checkboxes with their names in the reader's language, the radii, the
    // navigation item marked as the current page.
    QVERIFY(html(page).contains(u"type=\"checkbox\" id=\"cat-pothole\" name=\"category\" value=\"pothole\""_s));
    QVERIFY(html(page).contains(lang == u"en" ? u"Category pothole"_s : u"Κατηγορία pothole"_s));
    QVERIFY(html(page).contains(lang == u"en" ? u">5 km</option>"_s : u">5 χλμ.</option>"_s));
    QVERIFY(html(page).contains(u"<a href=\"/subscribe\" aria-current=\"page\">"_s));
    QVERIFY(page.header("content-security-policy").contains("script-src 'self'"));

    // The mail and every page after it speak the same language.
    Browser other(*m_ts, lang.toLatin1());
    const QString manage = subscribeConfirmed(other, u"reader@example.org"_s, {u"pothole"_s});
    QVERIFY(!manage.isEmpty());
    QCOMPARE(mails(u"subscription_confirm"_s).last().language, lang);
    const Reply managePage = other.get(manage);
    QCOMPARE(managePage.status, 200);
    QVERIFY(html(managePage).contains(lang == u"en" ? u"Your subscription"_s : u"Η εγγραφή σας"_s));
    const Reply stop = other.get(manage + u"/unsubscribe"_s);
    QCOMPARE(stop.status, 200);
    QVERIFY(html(stop).contains(lang == u"en" ? u"Stop the alerts"_s : u"Διακοπή των ειδοποιήσεων"_s));
}

void tst_WebSubscriptions::subscribeConfirmNotifyAndOneClickUnsubscribe()
{
    start();
    Browser b(*m_ts);
    const Reply page = b.get(u"/subscribe"_s);
    Reply r = b.request("POST"_ba, u"/subscribe"_s,
        form({{u"csrf"_s, csrfField(page)}, {u"email"_s, u" maria@example.org "_s}, {u"category"_s, u"pothole"_s}}));
    QCOMPARE(r.status, 200);
    QVERIFY(html(r).contains(u"Ελέγξτε το e-mail σας"_s));
    QVERIFY(html(r).contains(u"maria@example.org"_s));

    // One mail with the link; nothing is sent to the subscriber before it is confirmed.
    QList<Mail> m = mails(u"subscription_confirm"_s);
    QCOMPARE(m.size(), 1);
    QCOMPARE(m[0].to, u"maria@example.org"_s);
    QCOMPARE(m[0].language, u"el"_s);
    const QString confirm = m[0].link(u"/subscriptions/confirm/"_s);
    QVERIFY(!confirm.isEmpty());
    publicReport();
    QVERIFY(mails(u"subscription_new_report"_s).isEmpty());

    // The link opens a page with a button; opening it (a mail scanner) confirms nothing.
    const Reply confirmPage = b.get(confirm);
    QCOMPARE(confirmPage.status, 200);
    QVERIFY(html(confirmPage).contains(u"<form method=\"post\" action=\"%1\">"_s.arg(confirm)));
    publicReport();
    QVERIFY(mails(u"subscription_new_report"_s).isEmpty());
    r = b.request("POST"_ba, confirm, form({{u"csrf"_s, csrfField(confirmPage)}}));
    QCOMPARE(r.status, 200);
    QVERIFY(html(r).contains(u"Η εγγραφή επιβεβαιώθηκε"_s));
    static const QRegularExpression manageLink(uR"re(href="(/subscriptions/[^"/]+)")re"_s);
    const QString manage = manageLink.match(html(r)).captured(1);
    QVERIFY(!manage.isEmpty());

    // A new public report in the category: a mail with the RFC 8058 headers' URL.
    const qint64 id = publicReport();
    m = mails(u"subscription_new_report"_s);
    QCOMPARE(m.size(), 1);
    QCOMPARE(m[0].to, u"maria@example.org"_s);
    QVERIFY(m[0].text.contains(u"/reports/%1"_s.arg(id)));
    QVERIFY2(m[0].listUnsubscribe.contains(manage + u"/unsubscribe"_s), qPrintable(m[0].listUnsubscribe));
    QCOMPARE(m[0].link(u"/subscriptions/"_s), manage);
    // Another category: nothing.
    publicReport(u"streetlight"_s);
    QCOMPARE(mails(u"subscription_new_report"_s).size(), 1);

    // The mail client's one-click POST: no cookie, no CSRF token, just the standard's body.
    Browser mailClient(*m_ts);
    const QString unsubscribe = manage + u"/unsubscribe"_s;
    QCOMPARE(mailClient.request("POST"_ba, unsubscribe, "List-Unsubscribe=Something-Else"_ba).status, 403);
    QCOMPARE(b.get(manage).status, 200); // still subscribed
    r = mailClient.request("POST"_ba, unsubscribe, "List-Unsubscribe=One-Click"_ba);
    QCOMPARE(r.status, 200);
    QVERIFY(html(r).contains(u"Οι ειδοποιήσεις σταμάτησαν"_s));
    // (multipart/form-data is allowed by RFC 8058 too; the link is used up now.)
    const QByteArray boundary = "x-boundary"_ba;
    r = mailClient.request("POST"_ba, unsubscribe,
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--"
            + boundary + "--\r\n",
        "multipart/form-data; boundary=" + boundary);
    QCOMPARE(r.status, 404);

    // No more mails, and the manage link says it is no longer valid.
    publicReport();
    QCOMPARE(mails(u"subscription_new_report"_s).size(), 1);
    r = b.get(manage);
    QCOMPARE(r.status, 404);
    QVERIFY(html(r).contains(u"Ο σύνδεσμος δεν ισχύει"_s));
}

void tst_WebSubscriptions::subscribeFormErrorsKeepTheInput()
{
    start();
    Browser b(*m_ts);
    const Reply page = b.get(u"/subscribe"_s);
    // No category, a bad address, half a centre.
    Reply r = b.request("POST"_ba, u"/subscribe"_s,
        form({{u"csrf"_s, csrfField(page)}, {u"email"_s, u"not-an-address"_s}, {u"lat"_s, u"41.09"_s}}));
    QCOMPARE(r.status, 422);
    QVERIFY(html(r).contains(u"id=\"error-summary\""_s));
    QVERIFY(html(r).contains(u"id=\"email-error\""_s));
    QVERIFY(html(r).contains(u"value=\"not-an-address\""_s));
    QVERIFY(html(r).contains(u"id=\"categories-error\""_s));
    QVERIFY(html(r).contains(u"Επιλέξτε τουλάχιστον μία κατηγορία"_s));
    QVERIFY(html(r).contains(u"id=\"lon-error\""_s));
    QVERIFY(html(r).contains(u"value=\"41.09\""_s));
    QVERIFY(mails().isEmpty());

    // A checked category stays checked; an unknown one is refused; a point outside the
    // municipality and a radius not on the list are refused.
    r = b.request("POST"_ba, u"/subscribe?lang=en"_s,
        form({{u"csrf"_s, csrfField(page)}, {u"email"_s, u"a@example.org"_s}, {u"category"_s, u"streetlight"_s},
            {u"category"_s, u"no-such"_s}, {u"lat"_s, QString::number(kOutsideLat)},
            {u"lon"_s, QString::number(kOutsideLon)}, {u"radius"_s, u"999"_s}}));
    QCOMPARE(r.status, 422);
    QVERIFY(html(r).contains(u"id=\"cat-streetlight\" name=\"category\" value=\"streetlight\" checked"_s));
    QVERIFY(html(r).contains(u"This category no longer exists"_s));
    QVERIFY(html(r).contains(u"outside the municipality"_s));
    QVERIFY(mails().isEmpty());
}

void tst_WebSubscriptions::subscribeWithAnArea()
{
    start();
    Browser b(*m_ts);
    const Reply page = b.get(u"/subscribe"_s);
    const Reply r = b.request("POST"_ba, u"/subscribe"_s,
        form({{u"csrf"_s, csrfField(page)}, {u"email"_s, u"near@example.org"_s}, {u"category"_s, u"pothole"_s},
            {u"lat"_s, QString::number(kInsideLat, 'f', 6).replace(u'.', u',')},
            {u"lon"_s, QString::number(kInsideLon, 'f', 6)}, {u"radius"_s, u"500"_s}}));
    QCOMPARE(r.status, 200);
    const QList<Mail> m = mails(u"subscription_confirm"_s);
    QCOMPARE(m.size(), 1);
    QVERIFY2(m[0].text.contains(u"500"_s), qPrintable(m[0].text));
    QCOMPARE(pressButton(b, m[0].link(u"/subscriptions/confirm/"_s)).status, 200);
    // A report at the centre reaches it; one filed without a point (outside any circle) does not.
    publicReport();
    QCOMPARE(mails(u"subscription_new_report"_s).size(), 1);
    NewReport far;
    far.serviceCode = u"pothole"_s;
    far.addressString = u"Κάπου αλλού"_s;
    far.description = u"Χωρίς σημείο"_s;
    far.channel = u"open311"_s;
    m_ts->ctx().reportService->create(far);
    QCOMPARE(mails(u"subscription_new_report"_s).size(), 1);
}

void tst_WebSubscriptions::managePageChangesCategoriesAndLanguage()
{
    start();
    Browser b(*m_ts);
    const QString manage = subscribeConfirmed(b, u"eleni@example.org"_s, {u"pothole"_s});
    QVERIFY(!manage.isEmpty());
    Reply page = b.get(manage);
    QCOMPARE(page.status, 200);
    QVERIFY(html(page).contains(u"eleni@example.org"_s));
    QVERIFY(html(page).contains(u"value=\"pothole\" checked"_s));
    QVERIFY(!html(page).contains(u"value=\"streetlight\" checked"_s));

    // No category: an error next to the field, nothing changed.
    Reply r = b.request("POST"_ba, manage, form({{u"csrf"_s, csrfField(page)}, {u"language"_s, u"en"_s}}));
    QCOMPARE(r.status, 422);
    QVERIFY(html(r).contains(u"id=\"categories-error\""_s));
    // Street lights instead of potholes, in English.
    r = b.request("POST"_ba, manage,
        form({{u"csrf"_s, csrfField(page)}, {u"category"_s, u"streetlight"_s}, {u"language"_s, u"en"_s}}));
    QCOMPARE(r.status, 200);
    QVERIFY(html(r).contains(u"Οι αλλαγές αποθηκεύτηκαν"_s));
    QVERIFY(html(r).contains(u"value=\"streetlight\" checked"_s));
    QVERIFY(html(r).contains(u"<option value=\"en\" selected>"_s));

    publicReport(u"pothole"_s);
    QVERIFY(mails(u"subscription_new_report"_s).isEmpty());
    publicReport(u"streetlight"_s);
    const QList<Mail> m = mails(u"subscription_new_report"_s);
    QCOMPARE(m.size(), 1);
    QCOMPARE(m[0].language, u"en"_s);

    // The page's own button (with its CSRF token) ends it too.
    page = b.get(manage);
    QVERIFY(html(page).contains(u"action=\"%1/unsubscribe\""_s.arg(manage)));
    r = b.request("POST"_ba, manage + u"/unsubscribe"_s, form({{u"csrf"_s, csrfField(page)}}));
    QCOMPARE(r.status, 200);
    QCOMPARE(b.get(manage).status, 404);
    publicReport(u"streetlight"_s);
    QCOMPARE(mails(u"subscription_new_report"_s).size(), 1);
}

void tst_WebSubscriptions::followFromTheReportPageWithConfirmation()
{
    start();
    const qint64 id = publicReport();
    const QString reportPath = u"/reports/%1"_s.arg(id);
    Browser b(*m_ts);
    Reply page = b.get(reportPath);
    QCOMPARE(page.status, 200);
    QVERIFY(html(page).contains(u"action=\"%1/follow\""_s.arg(reportPath)));

    // A bad address: the report page again, with the error next to the field.
    Reply r = b.request(
        "POST"_ba, reportPath + u"/follow"_s, form({{u"csrf"_s, csrfField(page)}, {u"email"_s, u"nope"_s}}));
    QCOMPARE(r.status, 422);
    QVERIFY(html(r).contains(u"id=\"follow-email-error\""_s));
    QVERIFY(html(r).contains(u"value=\"nope\""_s));
    QVERIFY(mails().isEmpty());

    r = b.request("POST"_ba, reportPath + u"/follow"_s,
        form({{u"csrf"_s, csrfField(page)}, {u"email"_s, u"neighbour@example.org"_s}}));
    QCOMPARE(r.status, 200);
    QVERIFY(html(r).contains(u"Ελέγξτε το e-mail σας"_s));
    QList<Mail> m = mails(u"follow_confirm"_s);
    QCOMPARE(m.size(), 1);
    QCOMPARE(m[0].to, u"neighbour@example.org"_s);
    const QString confirm = m[0].link(u"/follow/confirm/"_s);
    QVERIFY(!confirm.isEmpty());

    // Before the button: no updates.
    ReportService &rs = *m_ts->ctx().reportService;
    Report report = rs.changeStatus(
        m_admin, id, m_ts->ctx().reports->find(id)->version, ReportStatus::Acknowledged, u"Το είδαμε"_s, true);
    QVERIFY(mails(u"report_update"_s).isEmpty());
    r = pressButton(b, confirm);
    QCOMPARE(r.status, 200);
    QVERIFY(html(r).contains(u"Θα λαμβάνετε ενημερώσεις"_s));

    // A status change with a public note: report_update with the note and List-Unsubscribe.
    report = rs.changeStatus(m_admin, id, report.version, ReportStatus::InProgress, u"Συνεργείο καθ' οδόν"_s, true);
    m = mails(u"report_update"_s);
    QCOMPARE(m.size(), 1);
    QCOMPARE(m[0].to, u"neighbour@example.org"_s);
    QVERIFY(m[0].text.contains(u"Συνεργείο καθ' οδόν"_s));
    QVERIFY(m[0].listUnsubscribe.contains(u"/unfollow"_s));
    QVERIFY(m[0].link(u"/not-fixed"_s).isEmpty()); // not the reporter
    // An internal note mails nobody.
    report = rs.addNote(m_admin, id, report.version, u"εσωτερικό"_s, false);
    QCOMPARE(mails(u"report_update"_s).size(), 1);

    // The "stop" link in the mail opens a page with a button; the one-click POST ends it.
    const QString stop = m[0].link(u"/follow/"_s);
    QVERIFY(!stop.isEmpty());
    const Reply stopPage = b.get(stop);
    QCOMPARE(stopPage.status, 200);
    QVERIFY(html(stopPage).contains(u"Διακοπή των ενημερώσεων"_s));
    Browser mailClient(*m_ts);
    QString oneClick = m[0].listUnsubscribe;
    oneClick.remove(u'<').remove(u'>');
    r = mailClient.request("POST"_ba, QUrl(oneClick).path(), "List-Unsubscribe=One-Click"_ba);
    QCOMPARE(r.status, 200);
    QVERIFY(html(r).contains(u"Οι ενημερώσεις σταμάτησαν"_s));
    rs.changeStatus(m_admin, id, report.version, ReportStatus::Resolved, u"Έγινε"_s, true);
    QCOMPARE(mails(u"report_update"_s).size(), 1);
    QCOMPARE(b.get(stop).status, 404);
}

void tst_WebSubscriptions::notFixedByTheReporterReopensAndMailsTheDepartment()
{
    start();
    const qint64 id = publicReport(u"pothole"_s, u"Reporter@Example.org"_s);
    ReportService &rs = *m_ts->ctx().reportService;
    rs.changeStatus(m_admin, id, m_ts->ctx().reports->find(id)->version, ReportStatus::Resolved, u"Διορθώθηκε"_s, true);
    const QList<Mail> updates = mails(u"report_update"_s);
    QCOMPARE(updates.size(), 1);
    const QString notFixed = updates[0].link(u"/not-fixed"_s);
    QVERIFY2(!notFixed.isEmpty(), qPrintable(updates[0].text));

    Browser b(*m_ts);
    const Reply page = b.get(notFixed);
    QCOMPARE(page.status, 200);
    QVERIFY(html(page).contains(u"<textarea id=\"comment\" name=\"comment\""_s));
    QCOMPARE(m_ts->ctx().reports->find(id)->status, ReportStatus::Resolved); // the GET changes nothing
    QVERIFY(mails(u"department_not_fixed"_s).isEmpty());

    const Reply r = b.request(
        "POST"_ba, notFixed, form({{u"csrf"_s, csrfField(page)}, {u"comment"_s, u"Η λακκούβα είναι ακόμη εκεί"_s}}));
    QCOMPARE(r.status, 303);
    QCOMPARE(r.header("location"), u"/reports/%1#timeline-heading"_s.arg(id).toUtf8());
    QCOMPARE(m_ts->ctx().reports->find(id)->status, ReportStatus::Acknowledged);
    const QString reopened = html(b.get(u"/reports/%1"_s.arg(id)));
    QVERIFY(reopened.contains(u"Η λακκούβα είναι ακόμη εκεί"_s));
    QVERIFY(reopened.contains(u"λέει ότι δεν διορθώθηκε"_s)); // the timeline says who, in Greek
    QVERIFY(!reopened.contains(u"Not fixed"_s));

    const QList<Mail> dept = mails(u"department_not_fixed"_s);
    QCOMPARE(dept.size(), 1);
    QCOMPARE(dept[0].to, u"roads@dimos.example"_s);
    QCOMPARE(dept[0].language, u"el"_s);
    QVERIFY(dept[0].subject.contains(u"#%1"_s.arg(id)));
    QVERIFY(dept[0].text.contains(u"Η λακκούβα είναι ακόμη εκεί"_s));
    QVERIFY(dept[0].text.contains(u"/reports/%1"_s.arg(id)));
    QVERIFY(dept[0].html.contains(u"Η λακκούβα είναι ακόμη εκεί"_s));

    // Reopened: the link now says the report is open, and nothing more is written.
    const Reply again = b.get(notFixed);
    QCOMPARE(again.status, 409);
    QVERIFY(html(again).contains(u"ακόμη ανοιχτή"_s));
    QCOMPARE(b.request("POST"_ba, notFixed, form({{u"csrf"_s, csrfField(page)}})).status, 409);
    QCOMPARE(mails(u"department_not_fixed"_s).size(), 1);
}

void tst_WebSubscriptions::notFixedWithAnotherFollowersLinkIsRefused()
{
    start();
    const qint64 id = publicReport(u"pothole"_s, u"reporter@example.org"_s);
    // A neighbour follows and confirms.
    Browser b(*m_ts);
    const Reply page = b.get(u"/reports/%1"_s.arg(id));
    QCOMPARE(b.request("POST"_ba, u"/reports/%1/follow"_s.arg(id),
                  form({{u"csrf"_s, csrfField(page)}, {u"email"_s, u"neighbour@example.org"_s}}))
                 .status,
        200);
    QCOMPARE(pressButton(b, mails(u"follow_confirm"_s).last().link(u"/follow/confirm/"_s)).status, 200);
    m_ts->ctx().reportService->changeStatus(
        m_admin, id, m_ts->ctx().reports->find(id)->version, ReportStatus::Resolved, u"Έγινε"_s, true);
    QString neighbourStop;
    for (const Mail &m : mails(u"report_update"_s))
        if (m.to == u"neighbour@example.org")
            neighbourStop = m.link(u"/follow/"_s);
    QVERIFY(!neighbourStop.isEmpty());

    // The neighbour's token with /not-fixed: refused on the page and on the POST.
    const QString forged = neighbourStop + u"/not-fixed"_s;
    Reply r = b.get(forged);
    QCOMPARE(r.status, 403);
    QVERIFY(html(r).contains(u"Μόνο όποιος έκανε την αναφορά"_s));
    r = b.request("POST"_ba, forged, form({{u"csrf"_s, csrfField(page)}, {u"comment"_s, u"όχι"_s}}));
    QCOMPARE(r.status, 403);
    QCOMPARE(m_ts->ctx().reports->find(id)->status, ReportStatus::Resolved);
    QVERIFY(mails(u"department_not_fixed"_s).isEmpty());
}

void tst_WebSubscriptions::notFixedTooLateOrStillOpenSaysSo()
{
    start();
    const qint64 id = publicReport(u"pothole"_s, u"reporter@example.org"_s);
    m_ts->ctx().reportService->changeStatus(
        m_admin, id, m_ts->ctx().reports->find(id)->version, ReportStatus::Closed, u"Κλειστή"_s, true);
    const QString notFixed = mails(u"report_update"_s).last().link(u"/not-fixed"_s);
    QVERIFY(!notFixed.isEmpty());
    m_ts->clock().advanceMs(31LL * 24 * 3600 * 1000); // web/not_fixed_days = 30 by default
    Browser b(*m_ts, "en"_ba);
    const Reply page = b.get(notFixed);
    QCOMPARE(page.status, 200);
    const Reply r = b.request("POST"_ba, notFixed, form({{u"csrf"_s, csrfField(page)}}));
    QCOMPARE(r.status, 409);
    QVERIFY2(html(r).contains(u"more than 30 days ago"_s), r.body.constData());
    QCOMPARE(m_ts->ctx().reports->find(id)->status, ReportStatus::Closed);
    QVERIFY(mails(u"department_not_fixed"_s).isEmpty());
}

void tst_WebSubscriptions::everyFormNeedsItsCsrfToken()
{
    start();
    const qint64 id = publicReport(u"pothole"_s, u"reporter@example.org"_s);
    Browser b(*m_ts);
    const QString manage = subscribeConfirmed(b, u"s@example.org"_s, {u"pothole"_s});
    QVERIFY(!manage.isEmpty());
    const qsizetype before = mails().size();

    // A stranger without the cookie, and the right browser with a wrong token.
    Browser stranger(*m_ts);
    const QString wrong = u"A"_s.repeated(43);
    const QList<std::pair<QString, QString>> posts{{u"/subscribe"_s, u"email=x%40example.org&category=pothole"_s},
        {u"/subscriptions/confirm/1.AAAA"_s, QString()}, {manage, u"category=streetlight"_s},
        {manage + u"/unsubscribe"_s, QString()}, {u"/reports/%1/follow"_s.arg(id), u"email=x%40example.org"_s},
        {u"/follow/confirm/1.AAAA"_s, QString()}, {u"/follow/1.AAAA/unfollow"_s, QString()},
        {u"/follow/1.AAAA/not-fixed"_s, QString()}};
    for (const auto &[path, body] : posts) {
        Reply r = stranger.request("POST"_ba, path, (body + u"&csrf="_s + wrong).toUtf8());
        QVERIFY2(r.status == 403, qPrintable(path));
        QVERIFY(html(r).contains(u"Η φόρμα έληξε"_s) || html(r).contains(u"csrf"_s) || r.status == 403);
        r = b.request("POST"_ba, path, (body + u"&csrf="_s + wrong).toUtf8());
        QVERIFY2(r.status == 403, qPrintable(path));
    }
    QCOMPARE(mails().size(), before);
    QCOMPARE(b.get(manage).status, 200); // neither changed nor ended
    QVERIFY(html(b.get(manage)).contains(u"value=\"pothole\" checked"_s));
}

void tst_WebSubscriptions::invalidLinksAreATranslatedNotFound()
{
    start();
    Browser el(*m_ts), en(*m_ts, "en"_ba);
    for (const QString &path : {u"/subscriptions/42.AAAAAAAAAAAAAAAAAAAAAA"_s, u"/subscriptions/nonsense/unsubscribe"_s,
             u"/follow/42.AAAAAAAAAAAAAAAAAAAAAA"_s, u"/follow/x/unfollow"_s, u"/follow/x/not-fixed"_s}) {
        Reply r = el.get(path);
        QVERIFY2(r.status == 404, qPrintable(path));
        QVERIFY(html(r).contains(u"Ο σύνδεσμος δεν ισχύει"_s));
        r = en.get(path);
        QCOMPARE(r.status, 404);
        QVERIFY(html(r).contains(u"This link is not valid"_s));
    }
    // The POST of a confirmation link that is not one (with a right CSRF token).
    for (const QString &path : {u"/subscriptions/confirm/42.AAAA"_s, u"/follow/confirm/42.AAAA"_s}) {
        const Reply r = pressButton(en, path);
        QVERIFY2(r.status == 404, qPrintable(path));
        QVERIFY(html(r).contains(u"This link is not valid"_s));
    }
    // One-click with a forged token: nothing to end.
    QCOMPARE(
        en.request("POST"_ba, u"/subscriptions/1.AAAA/unsubscribe"_s, "List-Unsubscribe=One-Click"_ba).status, 404);
    // A follow link's token is not a subscription's (the purposes differ).
    const qint64 id = publicReport(u"pothole"_s, u"reporter@example.org"_s);
    m_ts->ctx().reportService->changeStatus(
        m_admin, id, m_ts->ctx().reports->find(id)->version, ReportStatus::InProgress, u"x"_s, true);
    const QString stop = mails(u"report_update"_s).last().link(u"/follow/"_s);
    QCOMPARE(el.get(stop).status, 200);
    QCOMPARE(el.get(QString(stop).replace(u"/follow/"_s, u"/subscriptions/"_s)).status, 404);
    // A report that is not public cannot be followed.
    QCOMPARE(el.request("POST"_ba, u"/reports/999/follow"_s, "email=a%40example.org"_ba).status, 404);
}

void tst_WebSubscriptions::hostileInputIsEscaped()
{
    start();
    const QString hostile = u"<script>alert('x')</script>\"@example.org"_s;
    Browser b(*m_ts);
    const Reply page = b.get(u"/subscribe"_s);
    Reply r = b.request("POST"_ba, u"/subscribe"_s,
        form({{u"csrf"_s, csrfField(page)}, {u"email"_s, hostile}, {u"category"_s, u"<img src=x onerror=alert(1)>"_s},
            {u"lat"_s, u"\"><script>"_s}, {u"lon"_s, u"1"_s}}));
    QCOMPARE(r.status, 422);
    QVERIFY(!html(r).contains(u"<script>alert"_s));
    QVERIFY(!html(r).contains(u"<img src=x"_s));
    QVERIFY(!html(r).contains(u"\"><script>"_s));
    QVERIFY(html(r).contains(u"value=\"&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;&quot;@example.org\""_s));

    const qint64 id = publicReport();
    const Reply reportPage = b.get(u"/reports/%1"_s.arg(id));
    r = b.request(
        "POST"_ba, u"/reports/%1/follow"_s.arg(id), form({{u"csrf"_s, csrfField(reportPage)}, {u"email"_s, hostile}}));
    QCOMPARE(r.status, 422);
    QVERIFY(!html(r).contains(u"<script>alert"_s));
    QVERIFY(html(r).contains(u"&lt;script&gt;alert"_s));
    // A token with markup in it never reaches the page unescaped.
    r = b.get(u"/subscriptions/confirm/%22%3E%3Cscript%3Ealert(1)%3Cb%3E"_s);
    QCOMPARE(r.status, 200);
    QVERIFY(!html(r).contains(u"<script>alert"_s));
    QVERIFY(mails().isEmpty());
}

void tst_WebSubscriptions::honeypotAndRateLimit()
{
    start();
    Browser b(*m_ts);
    const Reply page = b.get(u"/subscribe"_s);
    QVERIFY(html(page).contains(u"name=\"website\" value=\"\" tabindex=\"-1\""_s));
    Reply r = b.request("POST"_ba, u"/subscribe"_s,
        form({{u"csrf"_s, csrfField(page)}, {u"email"_s, u"bot@example.org"_s}, {u"category"_s, u"pothole"_s},
            {u"website"_s, u"http://spam.example"_s}}));
    QCOMPARE(r.status, 400);
    QVERIFY(mails().isEmpty());

    // CitizenMail's own limit: five unconfirmed subscriptions per address and day.
    auto subscribe = [&](const QString &email) {
        return b.request("POST"_ba, u"/subscribe"_s,
            form({{u"csrf"_s, csrfField(page)}, {u"email"_s, email}, {u"category"_s, u"pothole"_s}}));
    };
    for (int i = 0; i < 5; ++i)
        QCOMPARE(subscribe(u"same@example.org"_s).status, 200);
    r = subscribe(u"same@example.org"_s);
    QCOMPARE(r.status, 429);
    QVERIFY(r.header("retry-after").toInt() > 0);
    QVERIFY(html(r).contains(u"Δοκιμάστε ξανά σε"_s));
    QCOMPARE(mails(u"subscription_confirm"_s).size(), 5);

    // The pages' limit per client address: ten mailed links an hour, subscriptions and follows.
    for (int i = 5; i < 10; ++i)
        QCOMPARE(subscribe(u"other%1@example.org"_s.arg(i)).status, 200);
    r = subscribe(u"eleventh@example.org"_s);
    QCOMPARE(r.status, 429);
    QVERIFY(r.header("retry-after").toInt() > 0);
    const qint64 id = publicReport();
    const Reply reportPage = b.get(u"/reports/%1"_s.arg(id));
    QCOMPARE(b.request("POST"_ba, u"/reports/%1/follow"_s.arg(id),
                  form({{u"csrf"_s, csrfField(reportPage)}, {u"email"_s, u"f@example.org"_s}}))
                 .status,
        429);
    QCOMPARE(mails(u"subscription_confirm"_s).size(), 10);
    QVERIFY(mails(u"follow_confirm"_s).isEmpty());
    m_ts->clock().advanceMs(3600LL * 1000 + 1000);
    QCOMPARE(subscribe(u"eleventh@example.org"_s).status, 200);
}

void tst_WebSubscriptions::feedsAreLinked()
{
    start();
    const qint64 id = publicReport();
    Browser b(*m_ts, "en"_ba);
    const QString home = html(b.get(u"/"_s));
    QVERIFY(
        home.contains(u"<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feeds/reports.atom?lang=en\""_s));
    QVERIFY(home.contains(u"<a href=\"/subscribe\">"_s));
    QVERIFY(home.contains(u"href=\"/feeds/reports.atom?lang=en\" type=\"application/atom+xml\""_s));
    const QString report = html(b.get(u"/reports/%1"_s.arg(id)));
    QVERIFY(report.contains(
        u"<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feeds/reports/%1.atom?lang=en\""_s.arg(id)));
    QVERIFY(report.contains(u"href=\"/feeds/reports.atom?category=pothole&amp;lang=en\""_s));
    const QString subscribe = html(b.get(u"/subscribe"_s));
    QVERIFY(subscribe.contains(u"<link rel=\"alternate\" type=\"application/atom+xml\""_s));
    // The links lead to feeds.
    for (const QString &path : {u"/feeds/reports.atom?lang=en"_s, u"/feeds/reports/%1.atom?lang=en"_s.arg(id),
             u"/feeds/reports.atom?category=pothole&lang=en"_s}) {
        const Reply r = b.get(path);
        QVERIFY2(r.status == 200, qPrintable(path));
        QVERIFY(r.header("content-type").startsWith("application/atom+xml"));
    }
}

QTEST_GUILESS_MAIN(tst_WebSubscriptions)
#include "tst_WebSubscriptions.moc"
