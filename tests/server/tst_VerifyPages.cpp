// The public verification page of issued documents (server/web/VerifyPages, docs/WEB.md) over
// real sockets: a code's page shows the document's type, protocol number and dates and whether
// it is valid, and nothing about the person; revoked, unknown (404) and malformed codes; the
// uploaded-file check both ways; CSRF on it; the per-address limit on look-ups; both languages.
#include <QCryptographicHash>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

#include "server/core/VerificationCode.h"
#include "server/pdf/PdfRenderer.h"
#include "server/storage/Database.h"
#include "server/storage/IssuedDocumentRepository.h"
#include "server/storage/ProtocolRepository.h"
#include "server/web/VerifyPages.h"
#include "support/Browser.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

constexpr auto kApplicant = u"Ελένη Παπαδοπούλου";
constexpr auto kAfm = u"090000045";

// A multipart form as a browser sends it: fields, then the file (when `fileName` is not null).
std::pair<QByteArray, QByteArray> multipart(
    const QList<std::pair<QByteArray, QByteArray>> &fields, const QByteArray &fileName, const QByteArray &data)
{
    QList<FormPart> parts;
    for (const auto &[name, value] : fields)
        parts.append({name, value});
    if (!fileName.isNull())
        parts.append({"pdf", data, fileName, "application/pdf"});
    return multipartForm(parts);
}

} // namespace

class tst_VerifyPages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void validCodeShowsTheDocumentAndNothingPersonal_data();
    void validCodeShowsTheDocumentAndNothingPersonal();
    void typedCodesAreNormalised();
    void revokedDocumentSaysSo();
    void unknownCodeIsNotFound();
    void malformedCodeIsExplained();
    void fileCheckTellsExactFromDifferent();
    void fileCheckFromTheFormPage();
    void fileCheckNeedsAFile();
    void fileCheckNeedsTheCsrfToken();
    void lookUpsAreLimitedPerAddress();

private:
    void start();
    // An issued answer of a request with its protocol entries: returns its code.
    QString issue(const QByteArray &pdf);

    std::unique_ptr<TestServer> m_ts;
    qint64 m_department = 0;
    QByteArray m_pdf;
    QString m_code;
    IssuedDocument m_issued;
};

void tst_VerifyPages::init()
{
    start();
}

void tst_VerifyPages::cleanup()
{
    m_ts.reset();
}

void tst_VerifyPages::start()
{
    m_ts = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_ts->start(&error), qPrintable(error));
    m_department = m_ts->addDepartment(u"registry"_s);

    AnswerContent content;
    content.municipality = u"Δήμος Σερρών"_s;
    content.title = u"ΒΕΒΑΙΩΣΗ ΜΟΝΙΜΗΣ ΚΑΤΟΙΚΙΑΣ"_s;
    content.applicant = {{u"Ονοματεπώνυμο"_s, QString::fromUtf16(kApplicant)}, {u"Α.Φ.Μ."_s, QString::fromUtf16(kAfm)}};
    content.body = u"Βεβαιώνεται ότι διαμένει μόνιμα στις Σέρρες."_s;
    content.protocolNumber = u"2/19-05-2026"_s;
    content.verificationCode = verificationcode::generate();
    content.verificationUrl = m_ts->url(u"/verify/"_s + content.verificationCode).toString();
    PdfRenderer renderer;
    const std::optional<QByteArray> pdf = renderer.render(content, &error);
    QVERIFY2(pdf, qPrintable(error));
    m_pdf = *pdf;
    m_code = issue(m_pdf);
    m_issued = *IssuedDocumentRepository(*m_ts->ctx().db).findByCode(m_code);
}

QString tst_VerifyPages::issue(const QByteArray &pdf)
{
    Database &db = *m_ts->ctx().db;
    const qint64 now = m_ts->clock().nowMs();
    db.run(u"INSERT INTO citizens (email, given_name, surname, afm, created_ms, updated_ms) "
           u"VALUES ('eleni@example.org', 'Ελένη', 'Παπαδοπούλου', ?, ?, ?)"_s,
        {QString::fromUtf16(kAfm), now, now});
    db.run(u"INSERT INTO request_types (code, kind, name_el, name_en, department_id, deadline_days, created_ms, "
           u"updated_ms) VALUES ('residence', 'certificate', 'Βεβαίωση μόνιμης κατοικίας', "
           u"'Certificate of permanent residence', ?, 3, ?, ?)"_s,
        {m_department, now, now});
    ProtocolEntry in;
    in.bookCode = u"general"_s;
    in.direction = u"in"_s;
    in.correspondent = QString::fromUtf16(kApplicant);
    in.subject = u"Βεβαίωση μόνιμης κατοικίας"_s;
    in.registeredBy = u"web"_s;
    in = m_ts->ctx().protocol->registerEntry(in, now);
    ProtocolEntry out = in;
    out.direction = u"out"_s;
    out = m_ts->ctx().protocol->registerEntry(out, now + 3600'000);
    QSqlQuery q = db.run(u"INSERT INTO requests (type_code, citizen_id, status, department_id, applicant_json, "
                         u"protocol_entry_id, answer_entry_id, submitted_ms, due_ms, updated_ms, closed_ms) "
                         u"VALUES ('residence', 1, 'issued', ?, '{}', ?, ?, ?, ?, ?, ?) RETURNING id"_s,
        {m_department, in.id, out.id, now, now + 3 * 86'400'000LL, now + 3600'000, now + 3600'000});
    q.next();
    IssuedDocument d;
    d.requestId = q.value(0).toLongLong();
    q.finish();
    d.verificationCode = verificationcode::generate();
    d.typeCode = u"residence"_s;
    d.protocolEntryId = out.id;
    d.sha256 = QString::fromLatin1(QCryptographicHash::hash(pdf, QCryptographicHash::Sha256).toHex());
    d.size = pdf.size();
    d.issuedMs = now + 3600'000;
    db.transaction([&] { IssuedDocumentRepository(db).insert(d); });
    return d.verificationCode;
}

void tst_VerifyPages::validCodeShowsTheDocumentAndNothingPersonal_data()
{
    QTest::addColumn<QByteArray>("language");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("valid");
    QTest::newRow("el") << "el"_ba << u"Βεβαίωση μόνιμης κατοικίας"_s << u"Σε ισχύ"_s;
    QTest::newRow("en") << "en"_ba << u"Certificate of permanent residence"_s << u"Valid"_s;
}

void tst_VerifyPages::validCodeShowsTheDocumentAndNothingPersonal()
{
    QFETCH(QByteArray, language);
    QFETCH(QString, type);
    QFETCH(QString, valid);
    Browser b(*m_ts, language);
    const Reply r = b.get(u"/verify/"_s + m_code);
    QCOMPARE(r.status, 200);
    const QString page = html(r);
    QVERIFY(page.contains(m_code));
    QVERIFY(page.contains(type));
    QVERIFY(page.contains(valid));
    QVERIFY2(page.contains(m_issued.protocolNumber), qPrintable(m_issued.protocolNumber));
    QVERIFY(m_issued.protocolNumber.startsWith(u"2/"_s)); // the outgoing entry, not the incoming one
    const QString issued = QDateTime::fromMSecsSinceEpoch(m_issued.issuedMs, QTimeZone("Europe/Athens"))
                               .date()
                               .toString(u"dd-MM-yyyy"_s);
    QVERIFY2(page.contains(issued), qPrintable(issued));
    // Nothing about the person: not the name (which the protocol entry also carries), the ΑΦΜ,
    // the e-mail, nor the document's text.
    QVERIFY(!page.contains(u"Παπαδοπούλου"_s));
    QVERIFY(!page.contains(u"Ελένη"_s));
    QVERIFY(!page.contains(QString::fromUtf16(kAfm)));
    QVERIFY(!page.contains(u"eleni@"_s));
    QVERIFY(!page.contains(u"διαμένει"_s));
    QVERIFY(!page.contains(m_issued.sha256)); // the stored hash is not shown either
    // The page says where the rest is.
    QVERIFY(page.contains(language == "el" ? u"το ίδιο το έγγραφο"_s : u"the document itself carries"_s));
    QCOMPARE(r.header("cache-control"), "no-store"_ba);
    QCOMPARE(r.header("x-robots-tag"), "noindex"_ba);
    // The check form posts to this code's check, with the CSRF token.
    QVERIFY(page.contains(u"action=\"/verify/%1/check\""_s.arg(m_code)));
    QVERIFY(!csrfField(r).isEmpty());
}

void tst_VerifyPages::typedCodesAreNormalised()
{
    Browser b(*m_ts);
    // As a person types it after the QR: lower case, spaces, no dashes, O for 0.
    QString typed = m_code.toLower().remove(u'-');
    typed.replace(u'0', u'o');
    const Reply direct = b.get(u"/verify/"_s + QString::fromLatin1(QUrl::toPercentEncoding(typed)));
    QCOMPARE(direct.status, 200);
    QVERIFY(html(direct).contains(m_code));
    // The form's GET goes on to the code's page.
    const Reply viaForm = b.get(u"/verify?code="_s + QString::fromLatin1(QUrl::toPercentEncoding(u"  "_s + typed)));
    QCOMPARE(viaForm.status, 303);
    QCOMPARE(viaForm.header("location"), QByteArray("/verify/" + m_code.toLatin1()));
    // The form itself.
    const Reply form = b.get(u"/verify"_s);
    QCOMPARE(form.status, 200);
    QVERIFY(html(form).contains(u"action=\"/verify/check\""_s));
    QVERIFY(html(form).contains(u"name=\"code\""_s));
}

void tst_VerifyPages::revokedDocumentSaysSo()
{
    m_ts->clock().advanceMs(2 * 86'400'000LL);
    QVERIFY(IssuedDocumentRepository(*m_ts->ctx().db)
                .revoke(m_issued.id, m_ts->clock().nowMs(), u"ο πολίτης Ελένη ζήτησε διόρθωση"_s));
    QVERIFY(!IssuedDocumentRepository(*m_ts->ctx().db).revoke(m_issued.id, m_ts->clock().nowMs(), u"again"_s));
    const QString day = QDateTime::fromMSecsSinceEpoch(m_ts->clock().nowMs(), QTimeZone("Europe/Athens"))
                            .date()
                            .toString(u"dd-MM-yyyy"_s);
    Browser el(*m_ts);
    Reply r = el.get(u"/verify/"_s + m_code);
    QCOMPARE(r.status, 200);
    QString page = html(r);
    QVERIFY(page.contains(u"ανακλήθηκε στις %1"_s.arg(day)));
    QVERIFY(page.contains(u"Ανακλήθηκε"_s));
    QVERIFY(!page.contains(u"Σε ισχύ"_s));
    QVERIFY(!page.contains(u"διόρθωση"_s)); // the reason is for staff
    QVERIFY(!page.contains(u"Ελένη"_s));

    Browser en(*m_ts, "en");
    r = en.get(u"/verify/"_s + m_code);
    page = html(r);
    QVERIFY(page.contains(u"revoked on %1"_s.arg(day)));
    QVERIFY(!page.contains(u"and is valid"_s));

    // An exact copy of a revoked document: both things are said.
    const QString token = csrfField(r);
    const auto [body, type] = multipart({{"csrf", token.toLatin1()}}, "answer.pdf", m_pdf);
    r = en.request("POST"_ba, u"/verify/%1/check"_s.arg(m_code), body, type);
    QCOMPARE(r.status, 200);
    page = html(r);
    QVERIFY(page.contains(u"exactly the document"_s));
    QVERIFY(page.contains(u"has however been revoked"_s));
}

void tst_VerifyPages::unknownCodeIsNotFound()
{
    QString other;
    do
        other = verificationcode::generate();
    while (other == m_code);
    Browser b(*m_ts);
    Reply r = b.get(u"/verify/"_s + other);
    QCOMPARE(r.status, 404);
    QVERIFY(html(r).contains(u"Δεν βρέθηκε έγγραφο"_s));
    QVERIFY(html(r).contains(other));
    Browser en(*m_ts, "en");
    r = en.get(u"/verify/"_s + other);
    QCOMPARE(r.status, 404);
    QVERIFY(html(r).contains(u"No document found"_s));
}

void tst_VerifyPages::malformedCodeIsExplained()
{
    Browser b(*m_ts);
    for (const QString &path : {u"/verify/abc"_s, u"/verify/7K3M-Q9XD-2HFU"_s, u"/verify?code=%3Cscript%3E"_s}) {
        const Reply r = b.get(path);
        QCOMPARE(r.status, 400);
        const QString page = html(r);
        QVERIFY2(page.contains(u"Αυτός δεν είναι κωδικός επαλήθευσης"_s), qPrintable(path));
        QVERIFY2(page.contains(u"aria-invalid=\"true\""_s), qPrintable(path)); // at the field
        QVERIFY(!page.contains(u"<script>"_s)); // what was typed comes back escaped
    }
    Browser en(*m_ts, "en");
    const Reply r = en.get(u"/verify/abc"_s);
    QCOMPARE(r.status, 400);
    QVERIFY(html(r).contains(u"This is not a verification code"_s));
}

void tst_VerifyPages::fileCheckTellsExactFromDifferent()
{
    Browser b(*m_ts);
    const QString token = csrfField(b.get(u"/verify/"_s + m_code));
    QVERIFY(!token.isEmpty());

    auto [body, type] = multipart({{"csrf", token.toLatin1()}}, "βεβαίωση.pdf", m_pdf);
    Reply r = b.request("POST"_ba, u"/verify/%1/check"_s.arg(m_code), body, type);
    QCOMPARE(r.status, 200);
    QString page = html(r);
    QVERIFY(page.contains(u"Αυτό το αρχείο είναι ακριβώς το έγγραφο που εξέδωσε ο Δήμος"_s));
    QVERIFY(!page.contains(u"διαφέρει"_s));
    QVERIFY(page.contains(m_issued.sha256)); // the hash of the uploaded file, which is the same

    // One byte changed in the middle (a date edited, say): not the same file.
    QByteArray altered = m_pdf;
    altered[altered.size() / 2] = char(altered[altered.size() / 2] ^ 0x01);
    std::tie(body, type) = multipart({{"csrf", token.toLatin1()}}, "βεβαίωση.pdf", altered);
    r = b.request("POST"_ba, u"/verify/%1/check"_s.arg(m_code), body, type);
    QCOMPARE(r.status, 200);
    page = html(r);
    QVERIFY(page.contains(u"Αυτό το αρχείο διαφέρει από το έγγραφο που εξέδωσε ο Δήμος"_s));
    QVERIFY(!page.contains(u"είναι ακριβώς"_s));
    QVERIFY(page.contains(QString::fromLatin1(QCryptographicHash::hash(altered, QCryptographicHash::Sha256).toHex())));

    // Another document's file against this code: different too.
    std::tie(body, type) = multipart({{"csrf", token.toLatin1()}}, "other.pdf", "%PDF-1.4\n%%EOF\n");
    r = b.request("POST"_ba, u"/verify/%1/check"_s.arg(m_code), body, type);
    QVERIFY(html(r).contains(u"διαφέρει"_s));
}

void tst_VerifyPages::fileCheckFromTheFormPage()
{
    Browser b(*m_ts, "en");
    const QString token = csrfField(b.get(u"/verify"_s));
    QVERIFY(!token.isEmpty());
    auto [body, type]
        = multipart({{"csrf", token.toLatin1()}, {"code", m_code.toLower().toLatin1()}}, "answer.pdf", m_pdf);
    Reply r = b.request("POST"_ba, u"/verify/check"_s, body, type);
    QCOMPARE(r.status, 200);
    QVERIFY(html(r).contains(u"This file is exactly the document the municipality issued"_s));
    // A malformed code in that form: the form again, with the message at the code.
    std::tie(body, type) = multipart({{"csrf", token.toLatin1()}, {"code", "nonsense"}}, "answer.pdf", m_pdf);
    r = b.request("POST"_ba, u"/verify/check"_s, body, type);
    QCOMPARE(r.status, 400);
    QVERIFY(html(r).contains(u"This is not a verification code"_s));
    QVERIFY(html(r).contains(u"value=\"nonsense\""_s));
}

void tst_VerifyPages::fileCheckNeedsAFile()
{
    Browser b(*m_ts);
    const QString token = csrfField(b.get(u"/verify/"_s + m_code));
    const auto [body, type] = multipart({{"csrf", token.toLatin1()}}, QByteArray(), {});
    const Reply r = b.request("POST"_ba, u"/verify/%1/check"_s.arg(m_code), body, type);
    QCOMPARE(r.status, 422);
    QVERIFY(html(r).contains(u"Διαλέξτε το αρχείο PDF"_s));
    // Larger than any answer: refused by the form parser with the limit in the message.
    const auto [big, bigType]
        = multipart({{"csrf", token.toLatin1()}}, "big.pdf", QByteArray(VerifyPages::kMaxUploadBytes + 1, 'x'));
    const Reply tooBig = b.request("POST"_ba, u"/verify/%1/check"_s.arg(m_code), big, bigType);
    QCOMPARE(tooBig.status, 400);
    QVERIFY2(html(tooBig).contains(u"10 MB"_s), qPrintable(html(tooBig)));
    QVERIFY(!html(tooBig).contains(u"ακριβώς"_s));
}

void tst_VerifyPages::fileCheckNeedsTheCsrfToken()
{
    Browser b(*m_ts);
    const QString token = csrfField(b.get(u"/verify/"_s + m_code));
    QVERIFY(!token.isEmpty());
    // No token, a wrong token, and a browser without the cookie (another site's form).
    auto [body, type] = multipart({}, "answer.pdf", m_pdf);
    Reply r = b.request("POST"_ba, u"/verify/%1/check"_s.arg(m_code), body, type);
    QCOMPARE(r.status, 403);
    QVERIFY(!html(r).contains(u"ακριβώς"_s));
    std::tie(body, type) = multipart({{"csrf", QByteArray(43, 'A')}}, "answer.pdf", m_pdf);
    r = b.request("POST"_ba, u"/verify/%1/check"_s.arg(m_code), body, type);
    QCOMPARE(r.status, 403);
    Browser stranger(*m_ts);
    std::tie(body, type) = multipart({{"csrf", token.toLatin1()}}, "answer.pdf", m_pdf);
    r = stranger.request("POST"_ba, u"/verify/%1/check"_s.arg(m_code), body, type);
    QCOMPARE(r.status, 403);
    std::tie(body, type) = multipart({{"code", m_code.toLatin1()}}, "answer.pdf", m_pdf);
    r = b.request("POST"_ba, u"/verify/check"_s, body, type);
    QCOMPARE(r.status, 403);
}

void tst_VerifyPages::lookUpsAreLimitedPerAddress()
{
    Browser b(*m_ts);
    // Unknown codes as someone guessing would try them, then the real one: all count.
    for (int i = 0; i < VerifyPages::kLookupsPerHour - 1; ++i) {
        const Reply r = b.get(u"/verify/"_s + verificationcode::generate());
        QCOMPARE(r.status, 404);
    }
    Reply r = b.get(u"/verify/"_s + m_code);
    QCOMPARE(r.status, 200);
    const QString token = csrfField(r);
    r = b.get(u"/verify/"_s + m_code);
    QCOMPARE(r.status, 429);
    QVERIFY(r.header("retry-after").toInt() > 0);
    QVERIFY(html(r).contains(u"Πολλές αναζητήσεις"_s));
    QVERIFY(!html(r).contains(u"Σε ισχύ"_s));
    // The file check is a look-up too.
    const auto [body, type] = multipart({{"csrf", token.toLatin1()}}, "answer.pdf", m_pdf);
    r = b.request("POST"_ba, u"/verify/%1/check"_s.arg(m_code), body, type);
    QCOMPARE(r.status, 429);
    // The form page itself is not limited, and an hour later look-ups work again.
    QCOMPARE(b.get(u"/verify"_s).status, 200);
    m_ts->clock().advanceMs(3600'000 + 1000);
    QCOMPARE(b.get(u"/verify/"_s + m_code).status, 200);
}

QTEST_MAIN(tst_VerifyPages)
#include "tst_VerifyPages.moc"
