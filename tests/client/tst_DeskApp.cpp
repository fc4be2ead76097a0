// dimos-desk's life outside the main window, against dimosd in-process: the sign-in dialog's
// messages (wrong password, unreachable server, untrusted certificate), the token kept in the
// vault (remembered sign-in, expired token, no secret service), the read-only start on cached
// data when the server is away and the return to writable when it is back, sign-out, and a
// language switch that rebuilds the window while keeping the session.
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QStatusBar>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include "client/app/DeskApp.h"
#include "client/app/Language.h"
#include "client/app/Session.h"
#include "client/app/TokenVault.h"
#include "client/map/MapWidget.h"
#include "client/models/ReportFilterModel.h"
#include "client/store/ReportCache.h"
#include "client/widgets/PasswordDialog.h"
#include "server/app/DemoSeeder.h"
#include "server/core/AuthService.h"
#include "server/http/ApiError.h"
#include "server/storage/UserRepository.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {
const QString kUser = u"e.karagianni"_s; // a manager of the demo municipality

QString errorText(LoginDialog *dialog)
{
    auto *label = dialog->findChild<QLabel *>(u"errorLabel"_s);
    return label && label->isVisible() ? label->text() : QString();
}

void signIn(LoginDialog *dialog, const QString &password, bool remember)
{
    dialog->findChild<QLineEdit *>(u"passwordLineEdit"_s)->setText(password);
    if (auto *check = dialog->findChild<QCheckBox *>(); check && check->isEnabled())
        check->setChecked(remember);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"loginPushButton"_s), Qt::LeftButton);
}

// A TCP relay in front of the test server: "down" closes the port and cuts every connection
// through it (the server is unreachable), "up" opens the same port again.
class TcpRelay final : public QObject
{
public:
    explicit TcpRelay(quint16 target) : m_target(target)
    {
        connect(&m_listener, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *in = m_listener.nextPendingConnection()) {
                auto *out = new QTcpSocket(in);
                m_pairs.append(in);
                connect(in, &QTcpSocket::readyRead, out, [in, out] { out->write(in->readAll()); });
                connect(out, &QTcpSocket::readyRead, in, [in, out] { in->write(out->readAll()); });
                connect(out, &QTcpSocket::disconnected, in, [in] { in->disconnectFromHost(); });
                connect(in, &QTcpSocket::disconnected, in, [in] { in->deleteLater(); });
                connect(out, &QTcpSocket::connected, in, [in, out] { out->write(in->readAll()); });
                out->connectToHost(QHostAddress::LocalHost, m_target);
            }
        });
    }
    bool up(quint16 port = 0)
    {
        if (!m_listener.listen(QHostAddress::LocalHost, port ? port : m_port))
            return false;
        m_port = m_listener.serverPort();
        return true;
    }
    void down()
    {
        m_listener.close();
        for (const QPointer<QTcpSocket> &s : std::as_const(m_pairs))
            if (s)
                s->abort();
        m_pairs.clear();
    }
    QUrl url() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port)); }

private:
    QTcpServer m_listener;
    QList<QPointer<QTcpSocket>> m_pairs;
    quint16 m_target;
    quint16 m_port = 0;
};

// With DIMOS_SCREENSHOT_DIR set, saves the widget there as <name>-<lang>.png.
void screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("DIMOS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QTest::qWait(200);
    const QString lang = QLocale().language() == QLocale::Greek ? u"el"_s : u"en"_s;
    QVERIFY(w->grab().save(dir + u'/' + name + u'-' + lang + u".png"_s));
}

// Fills the password dialog and presses its button.
void choosePassword(PasswordDialog *dialog, const QString &current, const QString &password, const QString &repeat)
{
    dialog->findChild<QLineEdit *>(u"currentPasswordLineEdit"_s)->setText(current);
    dialog->findChild<QLineEdit *>(u"newPasswordLineEdit"_s)->setText(password);
    dialog->findChild<QLineEdit *>(u"repeatPasswordLineEdit"_s)->setText(repeat);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"changePasswordPushButton"_s), Qt::LeftButton);
}

// Whether dimosd takes this name and password.
bool canSignIn(TestServer &server, const QString &username, const QString &password)
{
    try {
        return !server.ctx().auth->login(username, password, u"test"_s).token.isEmpty();
    } catch (const ApiError &) {
        return false;
    }
}

QString dialogError(QDialog *dialog)
{
    auto *label = dialog->findChild<QLabel *>(u"errorLabel"_s);
    return label && !label->isHidden() ? label->text() : QString();
}

QAction *menuAction(QMenuBar *bar, const QStringList &path)
{
    QList<QAction *> actions = bar->actions();
    QAction *found = nullptr;
    for (const QString &text : path) {
        found = nullptr;
        for (QAction *a : actions)
            if (a->text() == text)
                found = a;
        if (!found)
            return nullptr;
        if (found->menu())
            actions = found->menu()->actions();
    }
    return found;
}
} // namespace

class tst_DeskApp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void wrongPasswordSaysSo();
    void emptyAndMalformedInput();
    void untrustedCertificateSaysSo();
    void rememberedSignInSkipsTheDialog();
    void expiredTokenAsksAgain();
    void noSecretServiceRemembersNothing();
    void unreachableServerOffersCachedReadOnly();
    void storedTokenStartsOfflineAndComesBack();
    void newReportNotifies();
    void languageSwitchRebuildsTheWindow();
    void signOutForgetsTheToken();
    void passwordSetByAnAdminIsReplacedAtSignIn();
    void declinedPasswordChangeSignsOut();
    void changeMyPasswordFromTheMenu();
    void standardButtonsSpeakGreek();

private:
    std::unique_ptr<DeskApp> makeApp(const QUrl &server);
    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_cacheDir;
    MemoryVault m_vault;
};

void tst_DeskApp::initTestCase()
{
    QCoreApplication::setOrganizationName(u"DimosTest"_s);
    QCoreApplication::setApplicationName(u"tst_DeskApp"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    Language::setTranslationsPath(QStringLiteral(DIMOS_QM_DIR));
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QStringList summary;
    QVERIFY2(DemoSeeder(m_server->server()).seed(40, &summary, &error), qPrintable(error));
}

void tst_DeskApp::init()
{
    QSettings().clear();
    m_vault.setBackendAvailable(true);
    m_vault.entries().clear();
    // DIMOS_SCREENSHOT_LANG=el: the screenshots (and so the tests that take them) in Greek.
    const QString lang = qEnvironmentVariable("DIMOS_SCREENSHOT_LANG") == u"el" ? u"el"_s : u"en"_s;
    Language::setSetting(lang);
    Language::apply(lang);
}

std::unique_ptr<DeskApp> tst_DeskApp::makeApp(const QUrl &server)
{
    auto app = std::make_unique<DeskApp>(&m_vault);
    app->setDefaultServer(server);
    app->setDefaultUser(kUser);
    app->setCacheDirectory(m_cacheDir.path());
    return app;
}

void tst_DeskApp::wrongPasswordSaysSo()
{
    auto app = makeApp(m_server->url(QString()));
    app->start();
    QVERIFY(app->loginDialog() && app->loginDialog()->isVisible());
    signIn(app->loginDialog(), u"not the password"_s, false);
    QTRY_COMPARE(errorText(app->loginDialog()),
        QApplication::translate("DeskApp", "Wrong username or password (or the account is disabled)."));
    screenshot(app->loginDialog(), u"desk-login-error"_s);
    QVERIFY(!app->mainWindow());
    // The password is selected for retyping, the button usable again.
    QVERIFY(app->loginDialog()->findChild<QPushButton *>(u"loginPushButton"_s)->isEnabled());
}

void tst_DeskApp::emptyAndMalformedInput()
{
    auto app = makeApp(QUrl());
    app->start();
    LoginDialog *dialog = app->loginDialog();
    dialog->findChild<QLineEdit *>(u"serverLineEdit"_s)->setText(u"ftp://example.org"_s);
    signIn(dialog, u"x"_s, false);
    QVERIFY(errorText(dialog).contains(u"server's address"_s));
    dialog->findChild<QLineEdit *>(u"serverLineEdit"_s)->setText(u"dimos.example.org"_s);
    QCOMPARE(dialog->serverUrl(), QUrl(u"https://dimos.example.org"_s));
    signIn(dialog, QString(), false);
    QVERIFY(errorText(dialog).contains(u"username and password"_s));
}

void tst_DeskApp::untrustedCertificateSaysSo()
{
    // A TLS server with a self-signed certificate: the client must refuse it and say why.
    QFile certFile(QStringLiteral(DIMOS_TEST_DATA) + u"/tls/selfsigned.crt"_s);
    QFile keyFile(QStringLiteral(DIMOS_TEST_DATA) + u"/tls/selfsigned.key"_s);
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(QSslCertificate(certFile.readAll()));
    config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
    QSslServer tls;
    tls.setSslConfiguration(config);
    QVERIFY(tls.listen(QHostAddress::LocalHost));

    auto app = makeApp(QUrl(u"https://localhost:%1"_s.arg(tls.serverPort())));
    app->start();
    signIn(app->loginDialog(), QString::fromLatin1(DemoSeeder::kDemoPassword), false);
    QTRY_VERIFY_WITH_TIMEOUT(errorText(app->loginDialog()).contains(u"certificate cannot be trusted"_s), 10000);
    QVERIFY(!app->mainWindow());
}

void tst_DeskApp::rememberedSignInSkipsTheDialog()
{
    {
        auto app = makeApp(m_server->url(QString()));
        app->start();
        signIn(app->loginDialog(), QString::fromLatin1(DemoSeeder::kDemoPassword), true);
        QTRY_VERIFY(app->mainWindow());
        QTRY_COMPARE_WITH_TIMEOUT(app->session()->store()->size(), 40, 10000);
        QTRY_COMPARE(m_vault.entries().size(), 1);
        // The token is in the vault, never in the settings file.
        const QString token = m_vault.entries().constBegin().value();
        QVERIFY(!token.isEmpty());
        QSettings settings;
        for (const QString &key : settings.allKeys())
            QVERIFY2(!settings.value(key).toString().contains(token), qPrintable(key));
    }
    // Next start: no dialog, straight to the window, signed in with the kept token.
    auto app = makeApp(m_server->url(QString()));
    QSignalSpy opened(app.get(), &DeskApp::mainWindowOpened);
    app->start();
    QVERIFY(opened.wait(10000));
    QVERIFY(!app->loginDialog() || !app->loginDialog()->isVisible());
    QCOMPARE(app->session()->user().username, kUser);
    QVERIFY(!app->session()->readOnly());
    QTRY_COMPARE_WITH_TIMEOUT(app->session()->live()->state(), LiveClient::State::Live, 10000);
}

void tst_DeskApp::expiredTokenAsksAgain()
{
    QSettings settings;
    settings.setValue(u"login/remembered"_s, true);
    const QString key = Session::keychainKey(m_server->url(QString()), kUser);
    m_vault.entries().insert(key, u"dmt_revoked-or-expired"_s);
    auto app = makeApp(m_server->url(QString()));
    QSignalSpy shown(app.get(), &DeskApp::loginShown);
    app->start();
    QVERIFY(shown.wait(10000));
    QVERIFY(errorText(app->loginDialog()).contains(u"no longer valid"_s));
    QTRY_VERIFY(!m_vault.entries().contains(key));
    QVERIFY(!QSettings().value(u"login/remembered"_s).toBool());
}

void tst_DeskApp::noSecretServiceRemembersNothing()
{
    m_vault.setBackendAvailable(false);
    {
        auto app = makeApp(m_server->url(QString()));
        app->start();
        QVERIFY(app->loginDialog()->findChild<QCheckBox *>()->isEnabled());
        signIn(app->loginDialog(), QString::fromLatin1(DemoSeeder::kDemoPassword), true);
        QTRY_VERIFY(app->mainWindow());
        QTRY_VERIFY(QSettings().value(u"keychain/unavailable"_s).toBool());
        QVERIFY(!QSettings().value(u"login/remembered"_s).toBool());
    }
    // The next start asks again, and does not offer what it cannot do.
    auto app = makeApp(m_server->url(QString()));
    app->start();
    QVERIFY(app->loginDialog()->isVisible());
    auto *check = app->loginDialog()->findChild<QCheckBox *>();
    QVERIFY(!check->isEnabled());
    QVERIFY(!check->isChecked());
    QVERIFY(check->toolTip().contains(u"secret service"_s));
}

void tst_DeskApp::unreachableServerOffersCachedReadOnly()
{
    TcpRelay relay(m_server->port());
    QVERIFY(relay.up());
    const QUrl url = relay.url();
    relay.down();

    // Never been there, nothing cached: just the message.
    {
        auto app = makeApp(url);
        app->start();
        signIn(app->loginDialog(), u"whatever"_s, false);
        const QString unreachable = QApplication::translate(
            "DeskApp", "The server cannot be reached. Check the address and your network connection.\n(%1)");
        QTRY_VERIFY_WITH_TIMEOUT(errorText(app->loginDialog()).startsWith(unreachable.left(20)), 10000);
        QVERIFY(!app->loginDialog()->findChild<QPushButton *>(u"offlinePushButton"_s));
    }

    // A session there earlier leaves its cache.
    QVERIFY(relay.up());
    {
        auto app = makeApp(url);
        app->start();
        signIn(app->loginDialog(), QString::fromLatin1(DemoSeeder::kDemoPassword), false);
        QTRY_VERIFY(app->mainWindow());
        QTRY_COMPARE_WITH_TIMEOUT(app->session()->store()->size(), 40, 10000);
    }
    relay.down();

    auto app = makeApp(url);
    app->start();
    for (int attempt = 0; attempt < 2; ++attempt) {
        signIn(app->loginDialog(), u"whatever"_s, false);
        QTRY_VERIFY_WITH_TIMEOUT(
            app->loginDialog()->findChild<QPushButton *>(u"offlinePushButton"_s) != nullptr, 10000);
        QTRY_VERIFY(app->loginDialog()->findChild<QPushButton *>(u"loginPushButton"_s)->isEnabled());
    }
    // Offered once, however often it failed.
    QCOMPARE(app->loginDialog()->findChildren<QPushButton *>(u"offlinePushButton"_s).size(), 1);
    QTest::mouseClick(app->loginDialog()->findChild<QPushButton *>(u"offlinePushButton"_s), Qt::LeftButton);
    QTRY_VERIFY(app->mainWindow());
    MainWindow *window = app->mainWindow();
    QVERIFY(app->session()->readOnly());
    QCOMPARE(app->session()->store()->size(), 40);
    QTRY_COMPARE(window->filterModel()->rowCount(), 40);
    window->selectReports({app->session()->store()->ids().first()});
    for (ReportAction a : {ReportAction::Acknowledge, ReportAction::Status, ReportAction::Assign})
        QVERIFY(!window->action(a)->isEnabled());
    bool saysReadOnly = false;
    for (QLabel *l : window->findChildren<QLabel *>())
        saysReadOnly |= l->text() == MainWindow::tr("● Offline — read-only; sign in again to make changes");
    QVERIFY(saysReadOnly);
    // What was cached with the reports: the boundary is drawn; the history says why it is missing.
    QTRY_VERIFY(window->map()->hasBoundary());
    QTRY_COMPARE(window->findChild<QTextBrowser *>(u"historyTextBrowser"_s)->toPlainText(),
        MainWindow::tr("The history and photos cannot be loaded while offline."));
    window->resize(1400, 800);
    screenshot(window, u"desk-offline"_s);
}

void tst_DeskApp::storedTokenStartsOfflineAndComesBack()
{
    // The remembered clerk starts while the server is away: the cached reports, read-only;
    // when the server is back the stream resumes and the window becomes writable by itself.
    TcpRelay relay(m_server->port());
    QVERIFY(relay.up());
    const QUrl url = relay.url();
    {
        auto app = makeApp(url);
        app->start();
        signIn(app->loginDialog(), QString::fromLatin1(DemoSeeder::kDemoPassword), true);
        QTRY_VERIFY(app->mainWindow());
        QTRY_COMPARE_WITH_TIMEOUT(app->session()->store()->size(), 40, 10000);
        QTRY_COMPARE(m_vault.entries().size(), 1);
    } // closing saves the cache
    relay.down();

    auto app = makeApp(url);
    QSignalSpy opened(app.get(), &DeskApp::mainWindowOpened);
    app->start();
    QVERIFY(opened.wait(10000));
    QVERIFY(app->session()->readOnly());
    QCOMPARE(app->session()->store()->size(), 40);

    QVERIFY(relay.up());
    QTRY_VERIFY_WITH_TIMEOUT(!app->session()->readOnly(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(app->session()->live()->state(), LiveClient::State::Live, 10000);
    QTRY_VERIFY(!app->session()->user().departmentIds.isEmpty());
    QCOMPARE(app->session()->user().username, kUser);
    m_vault.entries().clear();
}

void tst_DeskApp::newReportNotifies()
{
    auto app = makeApp(m_server->url(QString()));
    app->start();
    signIn(app->loginDialog(), QString::fromLatin1(DemoSeeder::kDemoPassword), false);
    QTRY_VERIFY(app->mainWindow());
    QTRY_COMPARE_WITH_TIMEOUT(app->session()->live()->state(), LiveClient::State::Live, 10000);
    QTRY_VERIFY(!app->session()->store()->categories().isEmpty());

    // A category of one of this manager's departments without required fields.
    QString code;
    for (const Category &c : app->session()->store()->categories()) {
        const bool needsFields = std::any_of(
            c.attributes.cbegin(), c.attributes.cend(), [](const AttributeDefinition &a) { return a.required; });
        if (c.departmentId > 0 && app->session()->user().departmentIds.contains(c.departmentId) && !needsFields)
            code = c.code;
    }
    QVERIFY(!code.isEmpty());
    const QByteArray form = "api_key=" + QUrl::toPercentEncoding(m_server->apiKey()) + "&service_code=" + code.toUtf8()
        + "&lat=41.0912&long=23.5486&description=" + QUrl::toPercentEncoding(u"Σπασμένο παγκάκι"_s);
    const Reply filed
        = m_server->send("POST"_ba, u"/open311/v2/requests.json"_s, form, "application/x-www-form-urlencoded"_ba);
    QVERIFY2(filed.status == 200, filed.body.constData());
    const qint64 id = filed.array().first().toObject().value(u"service_request_id"_s).toString().toLongLong();
    QVERIFY(id > 0);
    QTRY_VERIFY_WITH_TIMEOUT(
        app->mainWindow()->statusBar()->currentMessage().contains(u"New report #%1"_s.arg(id)), 5000);
    QVERIFY(app->mainWindow()->statusBar()->currentMessage().contains(u"Σπασμένο παγκάκι"_s));
}

void tst_DeskApp::languageSwitchRebuildsTheWindow()
{
    auto app = makeApp(m_server->url(QString()));
    app->start();
    signIn(app->loginDialog(), QString::fromLatin1(DemoSeeder::kDemoPassword), false);
    QTRY_VERIFY(app->mainWindow());
    QTRY_VERIFY_WITH_TIMEOUT(app->session()->store()->size() >= 40, 10000);
    MainWindow *first = app->mainWindow();
    const qint64 picked = app->session()->store()->ids().at(3);
    first->selectReports({picked});
    first->map()->centerOn(41.08, 23.55, 15);
    Session *session = app->session();

    QAction *greek = menuAction(first->menuBar(), {u"&View"_s, u"&Language"_s, u"Ελληνικά"_s});
    QVERIFY(greek);
    QSignalSpy opened(app.get(), &DeskApp::mainWindowOpened);
    greek->trigger();
    QVERIFY(opened.wait(5000));
    MainWindow *second = app->mainWindow();
    QVERIFY(second != first);
    QCOMPARE(app->session(), session); // same connection, same data
    QCOMPARE(Language::setting(), u"el"_s);
    QVERIFY(menuAction(second->menuBar(), {u"&Προβολή"_s}));
    QVERIFY(!menuAction(second->menuBar(), {u"&View"_s}));
    QCOMPARE(second->selectedIds(), QList<qint64>{picked});
    QCOMPARE(qRound(second->map()->zoom()), 15);
    QCOMPARE(second->filterModel()->rowCount(), session->store()->size());

    // And back.
    QAction *english = menuAction(second->menuBar(), {u"&Προβολή"_s, u"&Γλώσσα"_s, u"English"_s});
    QVERIFY(english);
    english->trigger();
    QVERIFY(opened.wait(5000));
    QVERIFY(menuAction(app->mainWindow()->menuBar(), {u"&View"_s}));
}

void tst_DeskApp::signOutForgetsTheToken()
{
    auto app = makeApp(m_server->url(QString()));
    app->start();
    signIn(app->loginDialog(), QString::fromLatin1(DemoSeeder::kDemoPassword), true);
    QTRY_VERIFY(app->mainWindow());
    QTRY_COMPARE(m_vault.entries().size(), 1);
    QSignalSpy shown(app.get(), &DeskApp::loginShown);
    QAction *signOut = menuAction(app->mainWindow()->menuBar(), {u"&File"_s, u"Sign &out"_s});
    QVERIFY(signOut);
    signOut->trigger();
    QTRY_VERIFY(!shown.isEmpty());
    QVERIFY(app->loginDialog()->isVisible());
    QTRY_VERIFY(!app->mainWindow());
    QTRY_VERIFY(m_vault.entries().isEmpty());
    QVERIFY(!QSettings().value(u"login/remembered"_s).toBool());
}

void tst_DeskApp::passwordSetByAnAdminIsReplacedAtSignIn()
{
    // An administrator created the account (or reset its password) and told the clerk the
    // password: at the first sign-in the desk asks for one of the clerk's own.
    const QString given = u"given-by-the-admin-1"_s;
    m_server->addUser(u"n.newcomer"_s, Role::Clerk, {});
    m_server->ctx().auth->setPassword(u"n.newcomer"_s, given, true);
    auto app = makeApp(m_server->url(QString()));
    app->setDefaultUser(u"n.newcomer"_s);
    app->start();
    signIn(app->loginDialog(), given, false);
    QTRY_VERIFY(app->mainWindow());
    QPointer<PasswordDialog> dialog = app->mainWindow()->findChild<PasswordDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(app->session()->user().mustRenewCredentials);
    QCOMPARE(dialog->findChild<QPushButton *>(u"cancelPushButton"_s)->text(),
        QApplication::translate("dimos::PasswordDialog", "Sign out"));
    screenshot(dialog, u"desk-password-required"_s);

    // What can be checked here is checked before anything is sent.
    choosePassword(dialog, given, u"short"_s, u"short"_s);
    QVERIFY(dialogError(dialog).contains(u"at least 10"_s) || dialogError(dialog).contains(u"10"_s));
    choosePassword(dialog, given, u"my own passphrase"_s, u"my own passphrase!"_s);
    QCOMPARE(dialogError(dialog),
        QApplication::translate(
            "dimos::PasswordDialog", "The two new passwords are not the same. Type the new one again."));
    choosePassword(dialog, given, given, given);
    QCOMPARE(dialogError(dialog),
        QApplication::translate("dimos::PasswordDialog", "The new password must differ from the current one."));
    // A wrong current password is the server's refusal.
    choosePassword(dialog, u"not what was given"_s, u"my own passphrase"_s, u"my own passphrase"_s);
    QTRY_COMPARE(
        dialogError(dialog), QApplication::translate("dimos::PasswordDialog", "Your current password is not right."));
    QVERIFY(m_server->ctx().users->findByUsername(u"n.newcomer"_s)->mustChangePassword);

    choosePassword(dialog, given, u"my own passphrase"_s, u"my own passphrase"_s);
    QTRY_VERIFY(!dialog);
    QVERIFY(!m_server->ctx().users->findByUsername(u"n.newcomer"_s)->mustChangePassword);
    QVERIFY(!app->session()->user().mustRenewCredentials);
    QVERIFY(app->mainWindow() && app->mainWindow()->isVisible());
    // The new password works; the given one no longer does; the window's session goes on.
    QVERIFY(canSignIn(*m_server, u"n.newcomer"_s, u"my own passphrase"_s));
    QVERIFY(!canSignIn(*m_server, u"n.newcomer"_s, given));
    QCOMPARE(m_server->get(u"/api/v1/me"_s, app->session()->api()->token()).status, 200);
}

void tst_DeskApp::declinedPasswordChangeSignsOut()
{
    const QString given = u"given-by-the-admin-2"_s;
    m_server->addUser(u"n.declines"_s, Role::Clerk, {});
    m_server->ctx().auth->setPassword(u"n.declines"_s, given, true);
    auto app = makeApp(m_server->url(QString()));
    app->setDefaultUser(u"n.declines"_s);
    app->start();
    signIn(app->loginDialog(), given, false);
    QTRY_VERIFY(app->mainWindow());
    PasswordDialog *dialog = app->mainWindow()->findChild<PasswordDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"cancelPushButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!app->mainWindow());
    QTRY_VERIFY(app->loginDialog() && app->loginDialog()->isVisible());
    QVERIFY(m_server->ctx().users->findByUsername(u"n.declines"_s)->mustChangePassword);
}

void tst_DeskApp::changeMyPasswordFromTheMenu()
{
    // Anyone may change their own password from File; nobody is asked to unless it was set for them.
    m_server->addUser(u"n.careful"_s, Role::Clerk, {});
    auto app = makeApp(m_server->url(QString()));
    app->setDefaultUser(u"n.careful"_s);
    app->start();
    signIn(app->loginDialog(), QString::fromLatin1(TestServer::kPassword), false);
    QTRY_VERIFY(app->mainWindow());
    QVERIFY(!app->mainWindow()->findChild<PasswordDialog *>());
    QAction *change = menuAction(app->mainWindow()->menuBar(),
        {QApplication::translate("dimos::MainWindow", "&File"),
            QApplication::translate("dimos::MainWindow", "Change my &password…")});
    QVERIFY(change && change->isEnabled());
    change->trigger();
    QPointer<PasswordDialog> dialog = app->mainWindow()->findChild<PasswordDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->findChild<QPushButton *>(u"cancelPushButton"_s)->text(),
        QApplication::translate("dimos::PasswordDialog", "Cancel"));
    choosePassword(dialog, QString::fromLatin1(TestServer::kPassword), u"a careful new passphrase"_s,
        u"a careful new passphrase"_s);
    QTRY_VERIFY(!dialog);
    QVERIFY(canSignIn(*m_server, u"n.careful"_s, u"a careful new passphrase"_s));
    QVERIFY(app->mainWindow()->isVisible());
}

void tst_DeskApp::standardButtonsSpeakGreek()
{
    // Debian has no Greek for Qt's own texts (no qtbase_el.qm): the app's catalogue carries the
    // standard buttons of dialogs and message boxes.
    Language::apply(u"el"_s);
    {
        QDialogButtonBox box(QDialogButtonBox::Save | QDialogButtonBox::Close | QDialogButtonBox::Cancel);
        QCOMPARE(box.button(QDialogButtonBox::Save)->text(), u"Αποθήκευση"_s);
        QCOMPARE(box.button(QDialogButtonBox::Close)->text(), u"Κλείσιμο"_s);
        QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), u"Ακύρωση"_s);
        QMessageBox question(QMessageBox::Question, u"?"_s, u"?"_s, QMessageBox::Yes | QMessageBox::No);
        QCOMPARE(question.button(QMessageBox::Yes)->text(), u"&Ναι"_s);
    }
    Language::apply(u"en"_s);
    QDialogButtonBox box(QDialogButtonBox::Save);
    QCOMPARE(box.button(QDialogButtonBox::Save)->text(), u"Save"_s);
}

QTEST_MAIN(tst_DeskApp)
#include "tst_DeskApp.moc"
