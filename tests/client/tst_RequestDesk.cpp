// The clerk's e-Dimotis windows against dimosd in-process with the demo municipality: a
// citizen's request for a permanent residence attestation arrives live in the registry
// clerk's queue, most urgent first; the clerk opens it (the applicant, the values, the
// supporting PDF in QtPdf's viewer and the photo of the ID), asks for a document, sees the
// citizen's upload arrive live, issues the answer (a PDF the view shows) — and the protocol
// register window finds both numbers and exports them as CSV. A clerk of another department
// sees none of it. With DIMOS_SCREENSHOT_DIR set it saves desk-requests-<lang>.png,
// desk-request-answer-<lang>.png and desk-protocol-<lang>.png (DIMOS_SCREENSHOT_LANG=el for
// the Greek translation).
#include <QBuffer>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPdfDocument>
#include <QPdfSelection>
#include <QPdfView>
#include <QPdfWriter>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include "client/app/Session.h"
#include "client/models/RequestTableModel.h"
#include "client/store/ReportStore.h"
#include "client/widgets/AuditLogDialog.h"
#include "client/widgets/ProtocolView.h"
#include "client/widgets/RequestQueueView.h"
#include "client/widgets/RequestView.h"
#include "server/RequestFixtures.h"
#include "server/app/DemoSeeder.h"
#include "server/storage/CatalogRepository.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

// A real one-page PDF (QtPdf must be able to show it), written the way a scanner's would be.
QByteArray utilityBillPdf()
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(72);
    QPainter painter(&writer);
    QFont font(u"DejaVu Sans"_s);
    font.setPointSize(14);
    painter.setFont(font);
    painter.drawText(QRect(60, 60, 480, 40), u"ΔΕΗ — Λογαριασμός Μαΐου 2026"_s);
    painter.drawText(QRect(60, 110, 480, 40), u"Μεραρχίας 12, 621 23 Σέρρες"_s);
    painter.drawRect(QRect(60, 170, 480, 200));
    painter.end();
    return out;
}

bool waitForSignal(QSignalSpy &spy, int ms = 10000)
{
    return !spy.isEmpty() || spy.wait(ms);
}

} // namespace

class tst_RequestDesk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clerkHandlesARequestFromQueueToAnswer();
};

void tst_RequestDesk::clerkHandlesARequestFromQueueToAnswer()
{
    const bool greek = qEnvironmentVariable("DIMOS_SCREENSHOT_LANG") == u"el";
    if (greek) {
        auto *translator = new QTranslator(this);
        QVERIFY(translator->load(QStringLiteral(DIMOS_QM_DIR) + u"/dimos_el.qm"_s));
        QCoreApplication::installTranslator(translator);
        QLocale::setDefault(QLocale(QLocale::Greek, QLocale::Greece));
    }
    const QString screenshots = qEnvironmentVariable("DIMOS_SCREENSHOT_DIR");
    const QString lang = greek ? u"el"_s : u"en"_s;

    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    QStringList summary;
    QVERIFY2(DemoSeeder(ts.server()).seed(30, &summary, &error), qPrintable(error));
    // The answers are rendered by the real dimos-pdf (the server's PdfRenderer).
    RequestService &service = *ts.ctx().requestService;
    const qint64 maria = addCitizen(ts, u"maria@example.org"_s);

    // An older request, already overdue, so the queue has something to put below the urgent one.
    ts.clock().setMs(ts.clock().nowMs() - 12LL * 24 * 3600 * 1000);
    const CitizenRequest older = service.submit(maria, u"birth_certificate"_s,
        {{u"birth_place"_s, {u"Σέρρες"_s}}, {u"purpose"_s, {u"Στρατολογία"_s}}},
        {upload(u"id_copy"_s, u"ταυτότητα.jpg"_s, sampleImage("JPEG"), "image/jpeg")}, u"el"_s);
    ts.clock().setMs(ts.clock().nowMs() + 12LL * 24 * 3600 * 1000);

    QTemporaryDir cacheDir;
    Session session;
    session.prepare(ts.url(QString()), cacheDir.path());
    session.store()->setLanguage(lang);
    QSignalSpy loggedIn(session.api(), &ApiClient::loggedIn);
    session.api()->login(u"v.stavrou"_s, QString::fromLatin1(DemoSeeder::kDemoPassword)); // the registry's clerk
    QVERIFY(loggedIn.wait(10000));
    session.begin(loggedIn.first().at(0).toString(), loggedIn.first().at(1).value<StaffMember>());

    RequestQueueView queue(&session);
    queue.resize(1280, 800);
    queue.show();
    QVERIFY(QTest::qWaitForWindowExposed(&queue));
    QTRY_COMPARE_WITH_TIMEOUT(queue.table()->model()->rowCount(), 1, 10000);

    // A new request arrives while the clerk watches: live, no reload.
    const CitizenRequest submitted
        = service.submit(maria, u"residence"_s, {{u"purpose"_s, {u"ΔΟΥ Σερρών"_s}}, {u"years"_s, {u"12"_s}}},
            {upload(u"utility_bill"_s, u"ΔΕΗ Μαΐου.pdf"_s, utilityBillPdf(), "application/pdf"),
                upload(u"id_copy"_s, u"ταυτότητα.png"_s, sampleImage("PNG", Qt::darkBlue), "image/png")},
            u"el"_s);
    QTRY_COMPARE_WITH_TIMEOUT(queue.table()->model()->rowCount(), 2, 10000);
    // The overdue one first, painted red.
    const QModelIndex top = queue.table()->model()->index(0, RequestTableModel::Deadline);
    QCOMPARE(top.data(RequestTableModel::IdRole).toLongLong(), older.id);
    QVERIFY(top.data(RequestTableModel::OverdueRole).toBool());

    // Open it: the full request, the documents; the PDF shows in QtPdf's viewer.
    QVERIFY(queue.select(submitted.id));
    RequestView *view = queue.requestView();
    auto *documents = view->findChild<QListWidget *>(u"requestDocumentsList"_s);
    QVERIFY(documents);
    QTRY_COMPARE_WITH_TIMEOUT(documents->count(), 2, 10000);
    QSignalSpy shown(view, &RequestView::documentShown);
    documents->setCurrentRow(0);
    QVERIFY(waitForSignal(shown));
    auto *pdfView = view->findChild<QPdfView *>(u"requestPdfView"_s);
    QVERIFY(pdfView && pdfView->isVisible());
    QCOMPARE(pdfView->document()->pageCount(), 1);
    QVERIFY(pdfView->document()->getAllText(0).text().contains(u"Μεραρχίας 12"_s));
    // Opening it was written to the audit log, with the clerk's name.
    QTRY_VERIFY_WITH_TIMEOUT(!ts.ctx().requests->audit(AuditQuery{submitted.id, {}, {}, 100}).isEmpty(), 5000);
    bool audited = false;
    for (const AuditEntry &a : ts.ctx().requests->audit(AuditQuery{submitted.id, {}, {}, 100}))
        audited = audited || (a.action == u"open_document"_s && a.actorName.contains(u"Σταύρου"_s));
    QVERIFY(audited);

    auto button = [&](const QString &text) -> QPushButton * {
        for (QPushButton *b : view->findChildren<QPushButton *>())
            if (b->text() == text)
                return b;
        return nullptr;
    };
    QPushButton *claim = button(RequestView::tr("&Claim"));
    QPushButton *ask = button(RequestView::tr("As&k for documents…"));
    QPushButton *issue = button(RequestView::tr("&Issue…"));
    QVERIFY(claim && ask && issue);
    QVERIFY(claim->isEnabled());
    if (!screenshots.isEmpty()) {
        QTest::qWait(800); // QPdfView renders its pages on a thread of its own
        QVERIFY(queue.grab().save(screenshots + u"/desk-requests-"_s + lang + u".png"_s));
    }

    // Claim, then ask for a document: the answer comes back and the view follows.
    claim->click();
    QTRY_COMPARE_WITH_TIMEOUT(
        session.store()->citizenRequest(submitted.id)->status, RequestCase::Status::InProgress, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!claim->isEnabled(), 5000);
    view->askText = [](const QString &, const QString &) {
        return std::optional<QString>(u"Λογαριασμός ΔΕΚΟ στο όνομά σας, όχι παλαιότερος του τριμήνου"_s);
    };
    ask->click();
    QTRY_COMPARE_WITH_TIMEOUT(
        session.store()->citizenRequest(submitted.id)->status, RequestCase::Status::AwaitingDocuments, 10000);

    // The citizen uploads to the same request: it arrives live, with its own protocol number.
    const CitizenRequest withMore = service.addDocuments(
        maria, submitted.id, {upload(u"utility_bill"_s, u"ΔΕΥΑΣ Ιουνίου.pdf"_s, utilityBillPdf(), "application/pdf")});
    QCOMPARE(withMore.status, u"in_progress"_s);
    QTRY_COMPARE_WITH_TIMEOUT(documents->count(), 3, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(
        session.store()->citizenRequest(submitted.id)->status, RequestCase::Status::InProgress, 10000);

    // Issue: an outgoing protocol number and the answer PDF, shown in the view.
    view->confirm = [](const QString &, const QString &) { return true; };
    QTRY_VERIFY_WITH_TIMEOUT(issue->isEnabled(), 5000);
    issue->click();
    QTRY_COMPARE_WITH_TIMEOUT(
        session.store()->citizenRequest(submitted.id)->status, RequestCase::Status::Issued, 10000);
    const RequestCase issued = *session.store()->citizenRequest(submitted.id);
    QVERIFY(!issued.answerProtocolDisplay.isEmpty());
    QVERIFY(!issued.verificationCode.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!issue->isEnabled(), 5000);
    shown.clear();
    view->openDocument(0);
    QVERIFY(waitForSignal(shown));
    QCOMPARE(view->shownPath(), u"/api/v1/requests/%1/answer.pdf"_s.arg(submitted.id));
    // The answer in the viewer: the outgoing number and the verification code, read by QtPdf.
    QString answerText;
    for (int page = 0; page < pdfView->document()->pageCount(); ++page)
        answerText += pdfView->document()->getAllText(page).text();
    QVERIFY2(answerText.contains(issued.answerProtocolDisplay), qPrintable(answerText.left(400)));
    QVERIFY2(answerText.contains(issued.verificationCode), qPrintable(answerText.left(400)));
    if (!screenshots.isEmpty()) {
        QTest::qWait(800);
        QVERIFY(queue.grab().save(screenshots + u"/desk-request-answer-"_s + lang + u".png"_s));
    }

    // The protocol register: the request's incoming numbers and the answer's outgoing one.
    ProtocolView protocol(&session);
    protocol.resize(1100, 640);
    protocol.show();
    QSignalSpy searched(&protocol, &ProtocolView::searched);
    protocol.search();
    QVERIFY(searched.wait(10000));
    QStringList numbers;
    auto *model = qobject_cast<QStandardItemModel *>(protocol.table()->model());
    QVERIFY(model);
    for (int row = 0; row < model->rowCount(); ++row)
        numbers << model->item(row, 0)->text();
    QVERIFY2(numbers.contains(issued.answerProtocolDisplay), qPrintable(numbers.join(u' ')));
    QVERIFY2(numbers.contains(issued.protocolDisplay), qPrintable(numbers.join(u' ')));
    QCOMPARE(numbers.size(), 4); // two requests in, one upload in, one answer out
    QTemporaryDir exportDir;
    protocol.setExportTarget(exportDir.filePath(u"protocol.csv"_s));
    QSignalSpy exported(&protocol, &ProtocolView::exported);
    QMetaObject::invokeMethod(&protocol, [&protocol] {
        for (QPushButton *b : protocol.findChildren<QPushButton *>())
            if (b->text() == ProtocolView::tr("&Export as CSV…"))
                b->click();
    });
    QVERIFY(exported.wait(10000));
    QFile csv(exportDir.filePath(u"protocol.csv"_s));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QString csvText = QString::fromUtf8(csv.readAll());
    QVERIFY(csvText.contains(issued.answerProtocolDisplay));
    QVERIFY(csvText.contains(u"Παπαδοπούλου"_s));
    if (!screenshots.isEmpty())
        QVERIFY(protocol.grab().save(screenshots + u"/desk-protocol-"_s + lang + u".png"_s));

    // The administrator reads who opened what: the clerk's openings of this request.
    Session adminSession;
    QTemporaryDir adminCache;
    adminSession.prepare(ts.url(QString()), adminCache.path());
    QSignalSpy adminIn(adminSession.api(), &ApiClient::loggedIn);
    adminSession.api()->login(u"admin"_s, QString::fromLatin1(DemoSeeder::kDemoPassword));
    QVERIFY(adminIn.wait(10000));
    adminSession.begin(adminIn.first().at(0).toString(), adminIn.first().at(1).value<StaffMember>());
    AuditLogDialog audit(&adminSession);
    QSignalSpy auditLoaded(&audit, &AuditLogDialog::loaded);
    audit.setRequestFilter(submitted.id);
    audit.search();
    QTRY_VERIFY_WITH_TIMEOUT(!auditLoaded.isEmpty() && auditLoaded.last().at(0).toInt() >= 3, 10000);
    QStringList whoWhat;
    for (int row = 0; row < audit.table()->rowCount(); ++row)
        whoWhat << audit.table()->item(row, 1)->text() + u'|' + audit.table()->item(row, 3)->text() + u'|'
                + audit.table()->item(row, 4)->text();
    QVERIFY2(whoWhat.contains(
                 u"Βασιλική Σταύρου|%1|%2"_s.arg(AuditLogDialog::tr("Opened a supporting document")).arg(submitted.id)),
        qPrintable(whoWhat.join(u"; "_s)));
    if (!screenshots.isEmpty()) {
        audit.show();
        QVERIFY(QTest::qWaitForWindowExposed(&audit));
        QVERIFY(audit.grab().save(screenshots + u"/desk-audit-"_s + lang + u".png"_s));
    }

    // The administrator brings in numbers another protocol system gave, and finds them.
    QTemporaryDir importDir;
    QFile importCsv(importDir.filePath(u"old-system.csv"_s));
    QVERIFY(importCsv.open(QIODevice::WriteOnly));
    importCsv.write("number,registered_at,direction,correspondent,subject\r\n"
                    "15924,2025-05-19T10:00:00+03:00,ΕΙΣ,Γεώργιος Νικολάου,Αίτηση βεβαίωσης μόνιμης κατοικίας\r\n"
                    "15925,2025-05-19T10:05:00+03:00,ΕΞ,ΔΟΥ Σερρών,Διαβιβαστικό\r\n");
    importCsv.close();
    ProtocolView adminProtocol(&adminSession);
    QSignalSpy imported(&adminProtocol, &ProtocolView::imported);
    QSignalSpy adminSearched(&adminProtocol, &ProtocolView::searched);
    adminProtocol.importFile(importCsv.fileName());
    QVERIFY(imported.wait(10000));
    QCOMPARE(imported.first().at(0).toInt(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(!adminSearched.isEmpty(), 10000); // it searches again after an import
    QCOMPARE(adminSearched.last().at(1).toInt(), 6); // 4 of ours and the 2 imported

    // A clerk of another department (culture) sees none of these requests.
    Session other;
    QTemporaryDir otherCache;
    other.prepare(ts.url(QString()), otherCache.path());
    QSignalSpy otherIn(other.api(), &ApiClient::loggedIn);
    other.api()->login(u"p.antoniou"_s, QString::fromLatin1(DemoSeeder::kDemoPassword));
    QVERIFY(otherIn.wait(10000));
    QSignalSpy otherLoaded(other.api(), &ApiClient::citizenRequestsLoaded);
    other.begin(otherIn.first().at(0).toString(), otherIn.first().at(1).value<StaffMember>());
    QVERIFY(otherLoaded.wait(10000));
    QCOMPARE(otherLoaded.first().at(0).toInt(), 0);
    QVERIFY(other.store()->citizenRequests().isEmpty());
}

QTEST_MAIN(tst_RequestDesk)
#include "tst_RequestDesk.moc"
