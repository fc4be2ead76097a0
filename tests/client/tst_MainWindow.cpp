// The triage window end to end against dimosd in-process, with the demo municipality:
// sign in, the queue fills, keyboard triage reaches the server, a stale edit gets the
// "changed by someone else" answer without overwriting, and a report filed over Open311
// appears live. With DIMOS_SCREENSHOT_DIR set it also saves screenshots there.
#include <QBuffer>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTranslator>
#include <QUrl>

#include "client/app/Session.h"
#include "client/map/MapWidget.h"
#include "client/models/ReportFilterModel.h"
#include "client/widgets/ActionDialogs.h"
#include "client/widgets/MainWindow.h"
#include "client/widgets/ReportDetailPanel.h"
#include "server/app/DemoSeeder.h"
#include "server/core/PhotoProcessor.h"
#include "server/core/ReportService.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/ReportRepository.h"
#include "server/storage/UserRepository.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void queueFillsAndTriageWorks();
    void moderationFromTheWindow();

private:
    std::unique_ptr<TestServer> m_server;
};

void tst_MainWindow::initTestCase()
{
    // Screenshots in Greek: DIMOS_SCREENSHOT_LANG=el loads the app's Greek translation.
    if (qEnvironmentVariable("DIMOS_SCREENSHOT_LANG") == u"el") {
        auto *translator = new QTranslator(this);
        QVERIFY(translator->load(QStringLiteral(DIMOS_QM_DIR) + u"/dimos_el.qm"_s));
        QCoreApplication::installTranslator(translator);
        QLocale::setDefault(QLocale(QLocale::Greek, QLocale::Greece));
    }
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QStringList summary;
    QVERIFY2(DemoSeeder(m_server->server()).seed(120, &summary, &error), qPrintable(error));
}

void tst_MainWindow::queueFillsAndTriageWorks()
{
    TestServer &ts = *m_server;
    QTemporaryDir cacheDir;
    Session session;
    QVERIFY(!session.prepare(ts.url(QString()), cacheDir.path())); // no cache yet
    QSignalSpy loggedIn(session.api(), &ApiClient::loggedIn);
    session.api()->login(u"e.karagianni"_s, QString::fromLatin1(DemoSeeder::kDemoPassword));
    QVERIFY(loggedIn.wait(10000));
    const QString token = loggedIn.first().at(0).toString();
    const StaffMember user = loggedIn.first().at(1).value<StaffMember>();
    session.begin(token, user);

    MainWindow window(&session);
    QStringList messages;
    window.showMessage = [&](const QString &title, const QString &) { messages.append(title); };
    window.resize(1600, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QTRY_COMPARE_WITH_TIMEOUT(session.store()->size(), 120, 15000);
    QTRY_COMPARE(window.filterModel()->rowCount(), 120);
    QTRY_VERIFY(!session.store()->categories().isEmpty());
    QCOMPARE(session.live()->state(), LiveClient::State::Live);

    // A new report of one of the manager's departments.
    qint64 target = 0;
    for (qint64 id : session.store()->ids()) {
        const Report *r = session.store()->find(id);
        if (r->status == ReportStatus::New && r->departmentId && user.departmentIds.contains(*r->departmentId)) {
            target = id;
            break;
        }
    }
    QVERIFY(target > 0);
    window.selectReports({target});
    QCOMPARE(window.selectedIds(), QList<qint64>{target});
    QTRY_COMPARE(window.detailPanel()->reportId(), std::optional<qint64>(target));
    QCOMPARE(window.map()->selection(), QList<qint64>{target});

    // "A" acknowledges: the server has it, and the store follows.
    window.table()->setFocus();
    QTest::keyClick(&window, Qt::Key_A);
    QTRY_COMPARE(ts.ctx().reports->find(target)->status, ReportStatus::Acknowledged);
    QTRY_COMPARE(session.store()->find(target)->status, ReportStatus::Acknowledged);

    // The administrator gave the report's category canned public notes; the desk reloads the
    // catalogue and offers them in the dialog.
    const QString cannedText = u"Συνεργείο του Δήμου είναι καθ' οδόν και θα αποκαταστήσει τη βλάβη σήμερα."_s;
    {
        Category category = *ts.ctx().catalog->category(session.store()->find(target)->serviceCode);
        category.responses
            = {CannedResponse{{u"Καθ' οδόν"_s, u"On the way"_s}, {cannedText, u"A crew is on the way."_s}},
                CannedResponse{
                    {u"Χρειάζεται έλεγχος"_s, u"Needs a survey"_s}, {u"Θα γίνει αυτοψία."_s, u"We will survey it."_s}}};
        ts.ctx().catalog->updateCategory(category, ts.clock().nowMs());
        QSignalSpy categoriesLoaded(session.api(), &ApiClient::categoriesLoaded);
        session.api()->categories();
        QVERIFY(categoriesLoaded.wait(10000));
        QCOMPARE(session.store()->category(category.code)->responses.size(), 2);
    }

    // "S" with the dialog answered: in progress with a public note picked from the ready answers.
    int offered = 0;
    window.execDialog = [&offered](QDialog &d) {
        auto &dialog = static_cast<StatusDialog &>(d);
        dialog.setStatus(ReportStatus::InProgress);
        auto *responses = d.findChild<QComboBox *>(u"responseComboBox"_s);
        offered = responses ? responses->count() - 1 : -1; // "(write your own)" first
        if (responses)
            Q_EMIT responses->activated(1);
        return true;
    };
    QTest::keyClick(&window, Qt::Key_S);
    QTRY_COMPARE(session.store()->find(target)->status, ReportStatus::InProgress);
    QCOMPARE(offered, 2);
    QCOMPARE(ts.ctx().reports->find(target)->statusNotes, cannedText);

    // Someone else changes the report while this clerk's copy is stale (live stream paused):
    // the clerk's change is refused, nothing is overwritten, the window shows the current state.
    session.live()->stop();
    const auto admin = ts.ctx().users->findByUsername(u"admin"_s);
    const Report stored = *ts.ctx().reports->find(target);
    ts.ctx().reportService->setPriority(*admin, target, stored.version, Priority::Urgent);
    QTest::keyClick(&window, Qt::Key_1); // priority low, on the stale version
    QTRY_VERIFY(messages.contains(MainWindow::tr("Changed by someone else")));
    QCOMPARE(ts.ctx().reports->find(target)->priority, Priority::Urgent);
    QTRY_COMPARE(session.store()->find(target)->priority, Priority::Urgent);
    session.live()->start();
    QTRY_COMPARE_WITH_TIMEOUT(session.live()->state(), LiveClient::State::Live, 10000);

    // A report filed over Open311 appears without a refresh.
    const QByteArray form = "api_key=" + QUrl::toPercentEncoding(ts.apiKey())
        + "&service_code=pothole&lat=41.0912&long=23.5486&description="
        + QUrl::toPercentEncoding(u"Νέα λακκούβα στην πλατεία"_s);
    const Reply filed
        = ts.send("POST"_ba, u"/open311/v2/requests.json"_s, form, "application/x-www-form-urlencoded"_ba);
    QCOMPARE(filed.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(session.store()->size(), 121, 5000);
    QTRY_COMPARE(window.filterModel()->rowCount(), 121);

    // Greek-aware search: without accents and in capitals.
    auto *search = window.findChild<QLineEdit *>(u"searchLineEdit"_s);
    QVERIFY(search);
    search->setText(u"ΛΑΚΚΟΥΒΑ ΣΤΗΝ ΠΛΑΤΕΙΑ"_s);
    QTRY_COMPARE(window.filterModel()->rowCount(), 1);
    search->clear();

    if (const QString dir = qEnvironmentVariable("DIMOS_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QDir().mkpath(dir);
        window.selectReports({target});
        QTest::qWait(500);
        QVERIFY(window.grab().save(
            dir + u"/desk-main-"_s + (QLocale().language() == QLocale::Greek ? u"el"_s : u"en"_s) + u".png"_s));
    }
}

void tst_MainWindow::moderationFromTheWindow()
{
    TestServer &ts = *m_server;
    // A web report in a moderated category, confirmed by the citizen, with a withheld photo.
    std::optional<Category> category = ts.ctx().catalog->category(u"pothole"_s);
    QVERIFY(category);
    category->moderated = true;
    ts.ctx().catalog->updateCategory(*category, ts.clock().nowMs());
    QImage image(80, 60, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(image.save(&buffer, "JPEG"));
    QString error;
    const std::optional<ProcessedPhoto> photo = processPhoto(jpeg, "image/jpeg"_ba, PhotoLimits{}, &error);
    QVERIFY2(photo, qPrintable(error));
    NewReport in;
    in.serviceCode = u"pothole"_s;
    in.lat = kInsideLat;
    in.lon = kInsideLon;
    in.description = u"Λακκούβα, τηλ. γείτονα 6900000001"_s;
    in.channel = u"web"_s;
    in.contact.email = u"citizen@example.org"_s;
    in.photos = {*photo};
    in.needsConfirmation = true;
    QString token;
    in.onStored = [&token](const Report &, const QString &t) { token = t; };
    const qint64 id = ts.ctx().reportService->create(in).id;
    QCOMPARE(ts.ctx().reportService->confirm(token)->visibility, Visibility::Moderation);

    QTemporaryDir cacheDir;
    Session session;
    session.prepare(ts.url(QString()), cacheDir.path());
    QSignalSpy loggedIn(session.api(), &ApiClient::loggedIn);
    session.api()->login(u"e.karagianni"_s, QString::fromLatin1(DemoSeeder::kDemoPassword));
    QVERIFY(loggedIn.wait(10000));
    session.begin(loggedIn.first().at(0).toString(), loggedIn.first().at(1).value<StaffMember>());
    MainWindow window(&session);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(session.store()->find(id) != nullptr, 15000);
    QCOMPARE(session.store()->find(id)->visibility, Visibility::Moderation);
    window.selectReports({id});
    QTRY_COMPARE(window.detailPanel()->reportId(), std::optional<qint64>(id));
    auto *details = window.detailPanel()->findChild<QTextBrowser *>();
    QVERIFY(details);
    QTRY_VERIFY(details->toPlainText().contains(ReportDetailPanel::tr("waiting for a moderator (Moderation menu)")));
    // The withheld photo arrives (fetched with the clerk's token) and says so.
    auto *photos = window.detailPanel()->findChild<QListWidget *>(u"photoListWidget"_s);
    QVERIFY(photos);
    QTRY_COMPARE_WITH_TIMEOUT(photos->count(), 1, 10000);
    QCOMPARE(photos->item(0)->text(), ReportDetailPanel::tr("withheld"));
    if (const QString dir = qEnvironmentVariable("DIMOS_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QDir().mkpath(dir);
        QTest::qWait(300);
        QVERIFY(window.grab().save(
            dir + u"/desk-moderation-"_s + (QLocale().language() == QLocale::Greek ? u"el"_s : u"en"_s) + u".png"_s));
    }

    // Redact the phone number, then approve with "P", then show the photo.
    window.execDialog = [](QDialog &d) {
        d.findChild<QPlainTextEdit *>(u"redactTextEdit"_s)->setPlainText(u"Λακκούβα"_s);
        d.findChild<QLineEdit *>(u"redactReasonLineEdit"_s)->setText(u"τηλέφωνο τρίτου"_s);
        return true;
    };
    window.table()->setFocus();
    QTest::keyClick(&window, Qt::Key_D, Qt::ShiftModifier);
    QTRY_COMPARE(ts.ctx().reports->find(id)->description, u"Λακκούβα"_s);
    QTRY_COMPARE(session.store()->find(id)->description, u"Λακκούβα"_s);
    QTest::keyClick(&window, Qt::Key_P);
    QTRY_COMPARE(ts.ctx().reports->find(id)->visibility, Visibility::Public);
    QTRY_COMPARE(session.store()->find(id)->visibility, Visibility::Public);
    const qint64 photoId = ts.ctx().reports->find(id)->photos.first().id;
    Q_EMIT window.detailPanel()->photoVisibilityRequested(id, photoId, true);
    QTRY_VERIFY(ts.ctx().reports->find(id)->photos.first().isPublic);
    QTRY_COMPARE(photos->item(0)->text(), QString()); // no longer marked withheld
    // Shift+H hides it again.
    QTest::keyClick(&window, Qt::Key_H, Qt::ShiftModifier);
    QTRY_COMPARE(ts.ctx().reports->find(id)->visibility, Visibility::Hidden);
    QTRY_VERIFY(details->toPlainText().contains(ReportDetailPanel::tr("hidden from the public")));

    category->moderated = false;
    ts.ctx().catalog->updateCategory(*category, ts.clock().nowMs());
}

QTEST_MAIN(tst_MainWindow)
#include "tst_MainWindow.moc"
