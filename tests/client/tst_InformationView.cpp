// The "Public information" window against dimosd in-process with the demo municipality: a
// clerk of the culture department sees the items of each information category, edits an event
// and publishes a new one (the server has them, the list follows), and finds the editor closed
// in a category of another department. With DIMOS_SCREENSHOT_DIR set it saves
// desk-information-<lang>.png there (DIMOS_SCREENSHOT_LANG=el for the Greek translation).
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include "client/app/Session.h"
#include "client/widgets/InformationView.h"
#include "server/app/DemoSeeder.h"
#include "server/storage/InformationRepository.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

class tst_InformationView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clerkEditsAndPublishesInTheirCategories();
};

void tst_InformationView::clerkEditsAndPublishesInTheirCategories()
{
    const bool greek = qEnvironmentVariable("DIMOS_SCREENSHOT_LANG") == u"el";
    if (greek) {
        auto *translator = new QTranslator(this);
        QVERIFY(translator->load(QStringLiteral(DIMOS_QM_DIR) + u"/dimos_el.qm"_s));
        QCoreApplication::installTranslator(translator);
        QLocale::setDefault(QLocale(QLocale::Greek, QLocale::Greece));
    }
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    QStringList summary;
    QVERIFY2(DemoSeeder(ts.server()).seed(30, &summary, &error), qPrintable(error));

    QTemporaryDir cacheDir;
    Session session;
    session.prepare(ts.url(QString()), cacheDir.path());
    session.store()->setLanguage(greek ? u"el"_s : u"en"_s);
    QSignalSpy loggedIn(session.api(), &ApiClient::loggedIn);
    session.api()->login(u"p.antoniou"_s, QString::fromLatin1(DemoSeeder::kDemoPassword));
    QVERIFY(loggedIn.wait(10000));
    session.begin(loggedIn.first().at(0).toString(), loggedIn.first().at(1).value<StaffMember>());

    InformationView view(&session);
    view.resize(1100, 720);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto *category = view.findChild<QComboBox *>(u"informationCategoryComboBox"_s);
    auto *list = view.findChild<QListWidget *>(u"informationListWidget"_s);
    QVERIFY(category && list);
    QTRY_VERIFY_WITH_TIMEOUT(category->findData(u"events"_s) >= 0, 10000);
    category->setCurrentIndex(category->findData(u"events"_s));
    QTRY_COMPARE_WITH_TIMEOUT(list->count(), 4, 10000); // the demo's events, the past one too

    // Edit the first event's title.
    list->setCurrentRow(0);
    const qint64 id = list->item(0)->data(Qt::UserRole + 1).toLongLong();
    auto edits = view.findChildren<QLineEdit *>();
    QLineEdit *titleEl = edits.at(0);
    QVERIFY(titleEl->isEnabled());
    titleEl->setText(titleEl->text() + u" (αλλαγή ώρας)"_s);
    auto buttons = view.findChildren<QPushButton *>();
    auto button = [&](const QString &text) -> QPushButton * {
        for (QPushButton *b : buttons)
            if (b->text() == text)
                return b;
        return nullptr;
    };
    QPushButton *save = button(InformationView::tr("&Save changes"));
    QVERIFY(save && save->isEnabled());
    save->click();
    QTRY_VERIFY_WITH_TIMEOUT(ts.ctx().information->find(id)->title.el.endsWith(u"(αλλαγή ώρας)"_s), 10000);

    // A new item in the same category.
    button(InformationView::tr("&New item"))->click();
    edits.at(0)->setText(u"Παιδικό θέατρο στο Δημοτικό Θέατρο"_s);
    view.findChildren<QPlainTextEdit *>().at(0)->setPlainText(u"Η παράσταση «Ο μικρός πρίγκιπας»."_s);
    button(InformationView::tr("&Publish"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(list->count(), 5, 10000);
    InformationQuery q;
    q.categories = {u"events"_s};
    QCOMPARE(ts.ctx().information->list(q).first().title.el, u"Παιδικό θέατρο στο Δημοτικό Θέατρο"_s);

    // The pets belong to another department: read only.
    category->setCurrentIndex(category->findData(u"pets"_s));
    QTRY_VERIFY(list->count() > 0);
    list->setCurrentRow(0);
    QVERIFY(!edits.at(0)->isEnabled());
    QVERIFY(!button(InformationView::tr("&Save changes"))->isEnabled());

    // The screenshot: an event with its place.
    category->setCurrentIndex(category->findData(u"events"_s));
    QTRY_COMPARE(list->count(), 5);
    for (int row = 0; row < list->count(); ++row)
        if (list->item(row)->text().startsWith(greek ? u"Συναυλία"_s : u"Concert"_s))
            list->setCurrentRow(row);
    if (const QString dir = qEnvironmentVariable("DIMOS_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QTest::qWait(300);
        QVERIFY(view.grab().save(dir + u"/desk-information-"_s + (greek ? u"el"_s : u"en"_s) + u".png"_s));
    }
}

QTEST_MAIN(tst_InformationView)
#include "tst_InformationView.moc"
