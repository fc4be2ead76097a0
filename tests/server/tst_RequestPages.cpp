// The citizens' e-Dimotis pages (server/web/RequestPages, docs/WEB.md "Requests") over real
// sockets: who may see what (signed out, unverified, incomplete profile, another citizen's
// request), the form with its fields and documents, refusals that write nothing (bad files,
// CSRF, the rate limit), the 413 page of an upload over http/max_body_mib, and the whole flow
// through the web and the staff API with the real PdfRenderer, read back with QtPdf.
#include <QBuffer>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QPdfDocument>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

#include "RequestFixtures.h"
#include "server/core/PasswordHasher.h"
#include "server/storage/Database.h"
#include "server/web/RequestPages.h"
#include "support/Browser.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

constexpr auto kPassword = "a long enough password";

// The page's <main>: what differs between two pages beside their own links (language switch).
QString mainOf(const Reply &r)
{
    const QString page = html(r);
    const qsizetype from = page.indexOf(u"<main"_s), to = page.indexOf(u"</main>"_s);
    return from < 0 || to < from ? page : page.mid(from, to - from);
}

QString location(const Reply &r)
{
    return QString::fromUtf8(r.header("location"));
}

// "Αρ. πρωτ." numbers as the register prints them: 1/19-05-2026.
const QRegularExpression kProtocol(u"\\b(\\d+/\\d\\d-\\d\\d-\\d{4})\\b"_s);

} // namespace

class tst_RequestPages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void catalogueIsPublicAndFormNeedsSignIn();
    void unverifiedAccountIsRefused();
    void incompleteProfileIsToldWhatToFill();
    void submitWithPdfAndJpeg();
    void badFilesComeBackAndWriteNothing_data();
    void badFilesComeBackAndWriteNothing();
    void missingFieldAndDocumentAreShownAtThem();
    void csrfIsRequired();
    void submissionsAreRateLimited();
    void anotherCitizensRequestIsNotFound();
    void withdrawAsksFirst();
    void oversizedUploadGetsAPage();
    void wholeFlowThroughWebAndStaffApi();

private:
    void start(const QStringList &overrides = {});
    qint64 citizen(const QString &email, bool verified = true, bool complete = true);
    void signIn(Browser &b, const QString &email);
    Reply submit(Browser &b, const QList<FormPart> &extra, const QString &type = u"residence"_s);
    static QList<FormPart> goodDocuments();
    qint64 scalar(const QString &sql)
    {
        QSqlQuery q = m_ts->ctx().db->run(sql);
        return q.next() ? q.value(0).toLongLong() : -1;
    }
    qint64 protocolNumbersUsed() { return scalar(u"SELECT COALESCE(SUM(last_number), 0) FROM protocol_counters"_s); }
    qint64 requestCount() { return scalar(u"SELECT COUNT(*) FROM requests"_s); }

    std::unique_ptr<TestServer> m_ts;
    qint64 m_department = 0;
};

void tst_RequestPages::init()
{
    start();
}

void tst_RequestPages::cleanup()
{
    m_ts.reset();
}

void tst_RequestPages::start(const QStringList &overrides)
{
    m_ts = std::make_unique<TestServer>(overrides);
    QString error;
    QVERIFY2(m_ts->start(&error), qPrintable(error));
    m_department = m_ts->addDepartment(u"registry"_s);
    addRequestType(*m_ts, u"residence"_s, m_department);
}

qint64 tst_RequestPages::citizen(const QString &email, bool verified, bool complete)
{
    const qint64 id = addCitizen(*m_ts, CitizenSpec{email, verified, complete});
    m_ts->ctx().db->run(u"UPDATE citizens SET password_hash = ? WHERE id = ?"_s,
        {PasswordHasher({2, 2 * 1024 * 1024}).hash(QString::fromUtf8(kPassword)), id});
    return id;
}

void tst_RequestPages::signIn(Browser &b, const QString &email)
{
    const Reply page = b.get(u"/account/login"_s);
    const Reply r = b.request("POST"_ba, u"/account/login"_s,
        "csrf=" + QUrl::toPercentEncoding(csrfField(page)) + "&email=" + QUrl::toPercentEncoding(email)
            + "&password=" + QUrl::toPercentEncoding(QString::fromUtf8(kPassword)));
    QCOMPARE(r.status, 303);
    QVERIFY(b.cookies.contains("dimos_session"));
}

QList<FormPart> tst_RequestPages::goodDocuments()
{
    return {{"doc_utility_bill", samplePdf(), "λογαριασμός.pdf", "application/pdf"},
        {"doc_other", sampleImage("JPEG"), "photo.jpg", "image/jpeg"}};
}

Reply tst_RequestPages::submit(Browser &b, const QList<FormPart> &extra, const QString &type)
{
    const Reply form = b.get(u"/requests/new/"_s + type);
    QList<FormPart> parts{{"csrf", csrfField(form).toUtf8()}};
    parts += extra;
    const auto [body, contentType] = multipartForm(parts);
    return b.request("POST"_ba, u"/requests/new/"_s + type, body, contentType);
}

void tst_RequestPages::catalogueIsPublicAndFormNeedsSignIn()
{
    Browser b(*m_ts);
    const Reply list = b.get(u"/requests"_s);
    QCOMPARE(list.status, 200);
    const QString page = html(list);
    QVERIFY(page.contains(u"Βεβαίωση μόνιμης κατοικίας"_s));
    QVERIFY(page.contains(u"5 ημέρες"_s)); // the legal time
    QVERIFY(page.contains(u"href=\"/account/login?next=%2Frequests%2Fnew%2Fresidence\""_s));
    QVERIFY(page.contains(u"<a href=\"/requests\" aria-current=\"page\">Αιτήσεις</a>"_s)); // the header's item
    QVERIFY(!page.contains(u"Οι αιτήσεις μου"_s));

    const Reply form = b.get(u"/requests/new/residence"_s);
    QCOMPARE(form.status, 303);
    QCOMPARE(location(form), u"/account/login?next=%2Frequests%2Fnew%2Fresidence"_s);
    QCOMPARE(b.get(u"/requests/1"_s).status, 303);

    Browser en(*m_ts, "en");
    const QString english = html(en.get(u"/requests"_s));
    QVERIFY(english.contains(u"Permanent residence attestation"_s));
    QVERIFY(english.contains(u"Sign in to apply"_s));
}

void tst_RequestPages::unverifiedAccountIsRefused()
{
    citizen(u"new@example.org"_s, false);
    Browser b(*m_ts);
    signIn(b, u"new@example.org"_s);
    const Reply form = b.get(u"/requests/new/residence"_s);
    QCOMPARE(form.status, 403);
    QVERIFY(html(form).contains(u"/account"_s));
    QVERIFY(!html(form).contains(u"name=\"doc_utility_bill\""_s));
    QCOMPARE(submit(b, goodDocuments()).status, 403);
    QCOMPARE(requestCount(), 0);
}

void tst_RequestPages::incompleteProfileIsToldWhatToFill()
{
    citizen(u"half@example.org"_s, true, false);
    Browser b(*m_ts);
    signIn(b, u"half@example.org"_s);
    const Reply form = b.get(u"/requests/new/residence"_s);
    QCOMPARE(form.status, 200);
    QVERIFY(html(form).contains(u"id=\"profile-incomplete\""_s));
    QVERIFY(html(form).contains(u"href=\"/account\""_s));
    QVERIFY(!html(form).contains(u"name=\"doc_utility_bill\""_s));
    // No form on the page: the token from the profile's.
    QList<FormPart> parts{{"csrf", csrfField(b.get(u"/account"_s)).toUtf8()}, {"attribute[purpose]", "ΔΟΥ Σερρών"}};
    parts += goodDocuments();
    const auto [body, contentType] = multipartForm(parts);
    const Reply refused = b.request("POST"_ba, u"/requests/new/residence"_s, body, contentType);
    QCOMPARE(refused.status, 422);
    QVERIFY(html(refused).contains(u"id=\"profile-incomplete\""_s));
    QCOMPARE(requestCount(), 0);
    QCOMPARE(protocolNumbersUsed(), 0);
}

void tst_RequestPages::submitWithPdfAndJpeg()
{
    citizen(u"maria@example.org"_s);
    Browser b(*m_ts);
    signIn(b, u"maria@example.org"_s);
    const Reply form = b.get(u"/requests/new/residence"_s);
    QCOMPARE(form.status, 200);
    const QString f = html(form);
    QVERIFY(f.contains(u"name=\"attribute[purpose]\""_s));
    QVERIFY(f.contains(u"name=\"doc_utility_bill\""_s) && f.contains(u"name=\"doc_other\""_s));
    QVERIFY(f.contains(u"accept=\".pdf,.jpg,.jpeg,.png"_s));
    QVERIFY(f.contains(u"έως 10 MB το καθένα"_s)); // the limits are stated
    QVERIFY(f.contains(u"090000045"_s)); // the applicant from the profile, read-only
    QVERIFY(f.contains(u"Παπαδοπούλου"_s));

    QList<FormPart> parts = goodDocuments();
    parts += {{"attribute[purpose]", "ΔΟΥ Σερρών"}, {"attribute[copies]", "two"}};
    const Reply sent = submit(b, parts);
    QCOMPARE(sent.status, 303);
    QVERIFY2(location(sent).endsWith(u"/sent"_s), qPrintable(location(sent)));
    QCOMPARE(requestCount(), 1);

    const Reply receipt = b.get(location(sent));
    QCOMPARE(receipt.status, 200);
    const QRegularExpressionMatch number = kProtocol.match(html(receipt));
    QVERIFY2(number.hasMatch(), qPrintable(html(receipt)));
    QVERIFY(html(receipt).contains(u"Αρ. πρωτ.</span> <strong>"_s + number.captured(1)));
    QVERIFY(html(receipt).contains(u"maria@example.org"_s));

    QSqlQuery mail = m_ts->ctx().db->run(u"SELECT recipient, text_body FROM mail_outbox ORDER BY id DESC LIMIT 1"_s);
    QVERIFY(mail.next());
    QCOMPARE(mail.value(0).toString(), u"maria@example.org"_s);
    QVERIFY2(mail.value(1).toString().contains(number.captured(1)), qPrintable(mail.value(1).toString()));

    const QString list = html(b.get(u"/requests"_s));
    QVERIFY(list.contains(u"Οι αιτήσεις μου"_s));
    QVERIFY(list.contains(number.captured(1)));
    QVERIFY(list.contains(u"Υποβλήθηκε"_s));

    const QString id = location(sent).section(u'/', 2, 2);
    const QString page = html(b.get(u"/requests/"_s + id));
    QVERIFY(page.contains(u"λογαριασμός.pdf"_s) && page.contains(u"photo.jpg"_s));
    QVERIFY(page.contains(u"δύο αντίγραφα"_s)); // a list value in words
    QVERIFY(page.contains(u"ΔΟΥ Σερρών"_s));
    // The documents download for their owner, as attachments.
    const QRegularExpression link(u"href=\"(/requests/\\d+/documents/\\d+)\""_s);
    const QString docHref = link.match(page).captured(1);
    QVERIFY(!docHref.isEmpty());
    const Reply doc = b.get(docHref);
    QCOMPARE(doc.status, 200);
    QVERIFY(doc.header("content-disposition").startsWith("attachment"));
    QCOMPARE(doc.header("cache-control"), "no-store"_ba);
    QCOMPARE(doc.body, samplePdf());
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM audit_log WHERE action = 'open_document' AND actor_kind = 'citizen'"_s), 1);
}

void tst_RequestPages::badFilesComeBackAndWriteNothing_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("fileName");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QString>("message");
    QTest::newRow("png named .pdf") << sampleImage("PNG") << "bill.pdf"_ba
                                    << "application/pdf"_ba << u"είναι στην πραγματικότητα εικόνα PNG"_s;
    QByteArray polyglot = samplePdf();
    polyglot.append("PK\x03\x04 zipped stuff PK\x05\x06" + QByteArray(18, '\0'));
    polyglot.append("\n%%EOF\n");
    QTest::newRow("polyglot") << polyglot << "bill.pdf"_ba
                              << "application/pdf"_ba << u"μοιάζει με PDF"_s;
    QTest::newRow("oversized") << QByteArray("%PDF-1.4\n" + QByteArray(11 * 1024 * 1024, 'x') + "\n%%EOF\n")
                               << "big.pdf"_ba
                               << "application/pdf"_ba << u"κάθε αρχείο μπορεί να είναι έως 10 MB"_s;
    QTest::newRow("not a document") << QByteArray("MZ\x90\0 an executable") << "bill.pdf"_ba
                                    << "application/pdf"_ba << u"δεν είναι PDF, JPEG ή PNG"_s;
}

void tst_RequestPages::badFilesComeBackAndWriteNothing()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, fileName);
    QFETCH(QByteArray, type);
    QFETCH(QString, message);
    citizen(u"maria@example.org"_s);
    Browser b(*m_ts);
    signIn(b, u"maria@example.org"_s);
    const qint64 numbers = protocolNumbersUsed();
    const Reply r
        = submit(b, {{"attribute[purpose]", "Τράπεζα <b>Πειραιώς</b>"}, {"doc_utility_bill", data, fileName, type}});
    QCOMPARE(r.status, 422);
    const QString page = html(r);
    QVERIFY2(page.contains(message), qPrintable(page));
    QVERIFY(page.contains(u"id=\"doc-utility_bill-error\""_s)); // next to its field
    QVERIFY(page.contains(u"value=\"Τράπεζα &lt;b&gt;Πειραιώς&lt;/b&gt;\""_s)); // kept, escaped
    QVERIFY(page.contains(u"id=\"files-again\""_s)); // the file could not be kept: it says so
    QCOMPARE(protocolNumbersUsed(), numbers);
    QCOMPARE(requestCount(), 0);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM mail_outbox"_s), 0);
}

void tst_RequestPages::missingFieldAndDocumentAreShownAtThem()
{
    citizen(u"maria@example.org"_s);
    Browser b(*m_ts, "en");
    signIn(b, u"maria@example.org"_s);
    const Reply r = submit(b, {{"attribute[copies]", "one"}});
    QCOMPARE(r.status, 422);
    const QString page = html(r);
    QVERIFY(page.contains(u"id=\"attr-purpose-error\""_s));
    QVERIFY(page.contains(u"id=\"doc-utility_bill-error\""_s));
    QVERIFY(page.contains(u"Attach this document."_s));
    QVERIFY(page.contains(u"href=\"#attr-purpose\""_s)); // the summary links to the field
    QVERIFY(page.contains(u"<option value=\"one\" selected>"_s));
    QCOMPARE(requestCount(), 0);
}

void tst_RequestPages::csrfIsRequired()
{
    citizen(u"maria@example.org"_s);
    Browser b(*m_ts);
    signIn(b, u"maria@example.org"_s);
    QList<FormPart> parts{{"csrf", "forged"}, {"attribute[purpose]", "ΔΟΥ"}};
    parts += goodDocuments();
    const auto [body, contentType] = multipartForm(parts);
    const Reply r = b.request("POST"_ba, u"/requests/new/residence"_s, body, contentType);
    QCOMPARE(r.status, 403);
    QCOMPARE(requestCount(), 0);
    QCOMPARE(protocolNumbersUsed(), 0);
}

void tst_RequestPages::submissionsAreRateLimited()
{
    citizen(u"maria@example.org"_s);
    Browser b(*m_ts);
    signIn(b, u"maria@example.org"_s);
    QList<FormPart> parts = goodDocuments();
    parts.append(FormPart{"attribute[purpose]", "ΔΟΥ"});
    for (int i = 0; i < RequestPages::kSubmissionsPerHour; ++i)
        QCOMPARE(submit(b, parts).status, 303);
    const Reply refused = submit(b, parts);
    QCOMPARE(refused.status, 429);
    QVERIFY(refused.header("retry-after").toInt() > 0);
    QCOMPARE(requestCount(), RequestPages::kSubmissionsPerHour);
    m_ts->clock().advanceMs(3601 * 1000);
    QCOMPARE(submit(b, parts).status, 303);
}

void tst_RequestPages::anotherCitizensRequestIsNotFound()
{
    const qint64 maria = citizen(u"maria@example.org"_s);
    citizen(u"nikos@example.org"_s);
    const CitizenRequest r = m_ts->ctx().requestService->submit(maria, u"residence"_s, {{u"purpose"_s, {u"ΔΟΥ"_s}}},
        {upload(u"utility_bill"_s, u"bill.pdf"_s, samplePdf())}, u"el"_s);
    const qint64 docId = m_ts->ctx().requests->documents(r.id).first().id;

    Browser owner(*m_ts);
    signIn(owner, u"maria@example.org"_s);
    QCOMPARE(owner.get(u"/requests/%1"_s.arg(r.id)).status, 200);
    QCOMPARE(owner.get(u"/requests/%1/documents/%2"_s.arg(r.id).arg(docId)).status, 200);
    QCOMPARE(owner.get(u"/requests/%1/documents/%2"_s.arg(r.id).arg(docId + 1)).status, 404);

    Browser other(*m_ts);
    signIn(other, u"nikos@example.org"_s);
    const Reply missing = other.get(u"/requests/999999"_s);
    QCOMPARE(missing.status, 404);
    for (const QString &path : {u"/requests/%1"_s, u"/requests/%1/sent"_s, u"/requests/%1/withdraw"_s,
             u"/requests/%1/answer.pdf"_s, QString(u"/requests/%1/documents/"_s + QString::number(docId))}) {
        const Reply theirs = other.get(path.arg(r.id));
        QCOMPARE(theirs.status, 404);
        QCOMPARE(mainOf(theirs), mainOf(missing)); // the same page as a request that does not exist
    }
    const Reply form = other.get(u"/account"_s);
    const auto [body, contentType] = multipartForm({{"csrf", csrfField(form).toUtf8()}});
    QCOMPARE(other.request("POST"_ba, u"/requests/%1/withdraw"_s.arg(r.id), body, contentType).status, 404);
    QCOMPARE(m_ts->ctx().requests->find(r.id)->status, u"submitted"_s);
    QVERIFY(!html(other.get(u"/requests"_s)).contains(u"/requests/%1\""_s.arg(r.id)));
}

void tst_RequestPages::withdrawAsksFirst()
{
    const qint64 maria = citizen(u"maria@example.org"_s);
    const CitizenRequest r = m_ts->ctx().requestService->submit(maria, u"residence"_s, {{u"purpose"_s, {u"ΔΟΥ"_s}}},
        {upload(u"utility_bill"_s, u"bill.pdf"_s, samplePdf())}, u"el"_s);
    Browser b(*m_ts);
    signIn(b, u"maria@example.org"_s);
    const Reply page = b.get(u"/requests/%1"_s.arg(r.id));
    QVERIFY(html(page).contains(u"href=\"/requests/%1/withdraw\""_s.arg(r.id)));
    const Reply confirm = b.get(u"/requests/%1/withdraw"_s.arg(r.id));
    QCOMPARE(confirm.status, 200);
    QCOMPARE(m_ts->ctx().requests->find(r.id)->status, u"submitted"_s); // a GET changes nothing
    const Reply done = b.request(
        "POST"_ba, u"/requests/%1/withdraw"_s.arg(r.id), "csrf=" + QUrl::toPercentEncoding(csrfField(confirm)));
    QCOMPARE(done.status, 303);
    QCOMPARE(m_ts->ctx().requests->find(r.id)->status, u"withdrawn"_s);
    const QString after = html(b.get(u"/requests/%1"_s.arg(r.id)));
    QVERIFY(after.contains(u"Ανακλήθηκε από εσάς"_s));
    QVERIFY(!after.contains(u"/withdraw\""_s));
}

void tst_RequestPages::oversizedUploadGetsAPage()
{
    start({u"http/max_body_mib=1"_s});
    // The form states the smaller limit that the body's size allows.
    citizen(u"maria@example.org"_s);
    Browser b(*m_ts, "en");
    signIn(b, u"maria@example.org"_s);
    QVERIFY(html(b.get(u"/requests/new/residence"_s)).contains(u"512 KB altogether"_s));

    QByteArray cookie;
    for (auto it = b.cookies.cbegin(); it != b.cookies.cend(); ++it)
        cookie += (cookie.isEmpty() ? "" : "; ") + it.key() + '=' + it.value();
    const QByteArray head
        = "POST /requests/new/residence HTTP/1.1\r\nHost: localhost\r\nAccept-Language: en\r\nCookie: " + cookie
        + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 5242880\r\n\r\n";
    const QByteArray answer = m_ts->raw(head);
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
    QVERIFY(answer.contains("Content-Type: text/html"));
    const QString text = QString::fromUtf8(answer);
    QVERIFY2(text.contains(u"The files are too large"_s), qPrintable(text.left(2000)));
    QVERIFY(text.contains(u"You sent 5 MB"_s));
    QVERIFY(text.contains(u"href=\"/requests/new/residence\""_s));
    QVERIFY(text.contains(u"<html lang=\"en\">"_s));

    // The staff API keeps its JSON error.
    const QByteArray api = m_ts->raw("POST /api/v1/request-types HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                                     "application/json\r\nContent-Length: 5242880\r\n\r\n");
    QVERIFY2(api.startsWith("HTTP/1.1 413"), api.left(200).constData());
    QVERIFY(api.contains("application/json"));
    QCOMPARE(requestCount(), 0);
}

void tst_RequestPages::wholeFlowThroughWebAndStaffApi()
{
    citizen(u"maria@example.org"_s);
    m_ts->addUser(u"clerk"_s, Role::Clerk, {m_department});
    const QString token = m_ts->login(u"clerk"_s);
    Browser b(*m_ts);
    signIn(b, u"maria@example.org"_s);

    // The citizen submits on the web.
    QList<FormPart> parts = goodDocuments();
    parts.append(FormPart{"attribute[purpose]", "ΔΟΥ Σερρών"});
    const Reply sent = submit(b, parts);
    QCOMPARE(sent.status, 303);
    const qint64 id = location(sent).section(u'/', 2, 2).toLongLong();
    QVERIFY(id > 0);

    // The clerk asks for a document.
    Reply staff = m_ts->get(u"/api/v1/requests/%1"_s.arg(id), token);
    QCOMPARE(staff.status, 200);
    Reply asked = m_ts->postJson(u"/api/v1/requests/%1/ask"_s.arg(id),
        {{u"version"_s, staff.object()[u"request"_s][u"version"_s]},
            {u"text"_s, u"Στείλτε και αντίγραφο ταυτότητας."_s}},
        token);
    QCOMPARE(asked.status, 200);

    // The citizen sees what is asked and uploads it.
    const Reply awaiting = b.get(u"/requests/%1"_s.arg(id));
    QVERIFY(html(awaiting).contains(u"Στείλτε και αντίγραφο ταυτότητας."_s));
    QVERIFY(html(awaiting).contains(u"action=\"/requests/%1/documents\""_s.arg(id)));
    QVERIFY(html(awaiting).contains(u"Αναμένονται δικαιολογητικά"_s));
    const QByteArray idCard = sampleImage("PNG", Qt::blue);
    const auto [body, contentType] = multipartForm(
        {{"csrf", csrfField(awaiting).toUtf8()}, {"doc_documents", idCard, "ταυτότητα.png", "image/png"}});
    const Reply uploaded = b.request("POST"_ba, u"/requests/%1/documents"_s.arg(id), body, contentType);
    QCOMPARE(uploaded.status, 303);
    const QString after = html(b.get(location(uploaded)));
    QVERIFY(after.contains(u"ταυτότητα.png"_s));
    QVERIFY(after.contains(u"Σε επεξεργασία"_s));
    QCOMPARE(kProtocol.globalMatch(after).hasNext(), true);

    // The clerk issues the answer through the real dimos-pdf.
    staff = m_ts->get(u"/api/v1/requests/%1"_s.arg(id), token);
    QCOMPARE(staff.object()[u"request"_s][u"status"_s].toString(), u"in_progress"_s);
    const Reply issued = m_ts->postJson(
        u"/api/v1/requests/%1/issue"_s.arg(id), {{u"version"_s, staff.object()[u"request"_s][u"version"_s]}}, token);
    QVERIFY2(issued.status == 200, issued.body.constData());
    staff = m_ts->get(u"/api/v1/requests/%1"_s.arg(id), token);
    const QString outgoing = staff.object()[u"request"_s][u"answer_protocol"_s][u"display"_s].toString();
    const QString code = staff.object()[u"request"_s][u"issued"_s][u"verification_code"_s].toString();
    QVERIFY(!outgoing.isEmpty() && !code.isEmpty());

    // The citizen sees it issued and downloads the answer.
    const QString page = html(b.get(u"/requests/%1"_s.arg(id)));
    QVERIFY(page.contains(u"Εκδόθηκε"_s));
    QVERIFY(page.contains(u"href=\"/requests/%1/answer.pdf\""_s.arg(id)));
    QVERIFY(page.contains(code));
    QVERIFY(page.contains(u"href=\"/verify/"_s + code + u'"'));
    QVERIFY(page.contains(outgoing));
    const Reply pdf = b.get(u"/requests/%1/answer.pdf"_s.arg(id));
    QCOMPARE(pdf.status, 200);
    QCOMPARE(pdf.header("content-type"), "application/pdf"_ba);
    QVERIFY(pdf.header("content-disposition").startsWith("attachment"));
    QCOMPARE(pdf.header("cache-control"), "no-store"_ba);
    QVERIFY(pdf.body.startsWith("%PDF-"));

    QBuffer buffer;
    buffer.setData(pdf.body);
    buffer.open(QIODevice::ReadOnly);
    QPdfDocument doc;
    doc.load(&buffer);
    QElapsedTimer t;
    t.start();
    while (doc.status() == QPdfDocument::Status::Loading && t.elapsed() < 10'000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    QCOMPARE(doc.status(), QPdfDocument::Status::Ready);
    QString text;
    for (int i = 0; i < doc.pageCount(); ++i)
        text += doc.getAllText(i).text();
    QVERIFY2(text.contains(outgoing), qPrintable(text));
    QVERIFY2(text.contains(code), qPrintable(text));
    QVERIFY(text.contains(u"ΔΟΥ Σερρών"_s));

    // The verification page says it is valid, and the downloaded file is exactly the issued one.
    Browser anyone(*m_ts);
    const Reply verify = anyone.get(u"/verify/"_s + code);
    QCOMPARE(verify.status, 200);
    QVERIFY(html(verify).contains(outgoing));
    QVERIFY(html(verify).contains(u"Το έγγραφο εκδόθηκε από τον Δήμο και ισχύει."_s));
    const auto [checkBody, checkType]
        = multipartForm({{"csrf", csrfField(verify).toUtf8()}, {"pdf", pdf.body, "answer.pdf", "application/pdf"}});
    const Reply check = anyone.request("POST"_ba, u"/verify/"_s + code + u"/check"_s, checkBody, checkType);
    QCOMPARE(check.status, 200);
    QVERIFY(html(check).contains(u"Αυτό το αρχείο είναι ακριβώς το έγγραφο που εξέδωσε ο Δήμος."_s));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM audit_log WHERE action = 'open_answer' AND actor_kind = 'citizen'"_s), 1);
}

QTEST_GUILESS_MAIN(tst_RequestPages)
#include "tst_RequestPages.moc"
