#include "DeskApp.h"

#include <QApplication>
#include <QLayout>
#include <QPushButton>
#include <QSettings>

#include "client/app/Language.h"
#include "client/app/Session.h"
#include "client/app/TokenVault.h"
#include "client/map/MapWidget.h"
#include "client/widgets/LoginDialog.h"
#include "client/widgets/MainWindow.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
QString failureText(const ApiFailure &f)
{
    switch (f.kind) {
    case ApiErrorKind::WrongPassword:
        return QApplication::translate("DeskApp", "Wrong username or password (or the account is disabled).");
    case ApiErrorKind::Unreachable:
        return QApplication::translate("DeskApp",
            "The server cannot be reached. Check the address and your "
            "network connection.\n(%1)")
            .arg(f.message);
    case ApiErrorKind::TlsError:
        return QApplication::translate("DeskApp",
            "The server's certificate cannot be trusted, so the connection "
            "was not made. Ask your IT department.\n(%1)")
            .arg(f.message);
    case ApiErrorKind::RateLimited: {
        const int minutes = std::max(1, (f.retryAfterSeconds + 59) / 60);
        return QApplication::translate(
            "DeskApp", "Too many failed sign-ins. Try again in %n minute(s).", nullptr, minutes);
    }
    default:
        return f.message;
    }
}

StaffMember offlineUser(const QString &username)
{
    StaffMember last;
    last.username = username;
    last.displayName = username;
    return last;
}
} // namespace

DeskApp::DeskApp(TokenVault *vault, QObject *parent) : QObject(parent), m_vault(vault)
{
    if (!m_vault) {
        m_ownVault = std::make_unique<KeychainVault>();
        m_vault = m_ownVault.get();
    }
}

DeskApp::~DeskApp()
{
    delete m_window;
    delete m_login;
}

void DeskApp::start()
{
    QSettings settings;
    const QUrl server = m_defaultServer.isValid() ? m_defaultServer : settings.value(u"login/server"_s).toUrl();
    const QString user = m_defaultUser.isEmpty() ? settings.value(u"login/username"_s).toString() : m_defaultUser;
    if (server.isValid() && !user.isEmpty() && settings.value(u"login/remembered"_s).toBool()) {
        tryStoredToken(server, user);
        return;
    }
    showLogin();
}

void DeskApp::newSession(const QUrl &server)
{
    delete m_window;
    m_session = std::make_unique<Session>();
    m_haveCache = m_session->prepare(server, m_cacheDirectory);
}

void DeskApp::forgetToken(const QUrl &server, const QString &username)
{
    QSettings().setValue(u"login/remembered"_s, false);
    m_vault->remove(Session::keychainKey(server, username));
}

void DeskApp::tryStoredToken(const QUrl &server, const QString &username)
{
    m_vault->read(Session::keychainKey(server, username),
        [this, server, username](TokenVault::Result result, const QString &token) {
            if (result == TokenVault::Result::NoBackend)
                QSettings().setValue(u"keychain/unavailable"_s, true);
            if (result != TokenVault::Result::Ok) {
                showLogin();
                return;
            }
            newSession(server);
            ApiClient *api = m_session->api();
            api->setToken(token);
            // One answer to this one check: both connections end with whichever comes first
            // (the session asks "me" again later, when it comes back online).
            auto *attempt = new QObject(this);
            connect(api, &ApiClient::meLoaded, attempt, [this, attempt, token](const StaffMember &user) {
                delete attempt;
                openMainWindow(token, user, false);
            });
            connect(api, &ApiClient::requestFailed, attempt,
                [this, attempt, server, username, token](ApiClient::Operation op, const ApiFailure &f) {
                    if (op != ApiClient::Operation::Me)
                        return;
                    delete attempt;
                    if (f.kind == ApiErrorKind::Unreachable && m_haveCache) {
                        openMainWindow(token, offlineUser(username), true);
                        return;
                    }
                    if (f.kind == ApiErrorKind::Unauthorized) {
                        // Signed out on the server, expired or revoked: the saved token is useless.
                        forgetToken(server, username);
                        showLogin(tr("Your saved sign-in is no longer valid. Sign in again."));
                        return;
                    }
                    showLogin(failureText(f));
                });
            api->me();
        });
}

void DeskApp::showLogin(const QString &message)
{
    if (!m_login) {
        m_login = new LoginDialog;
        m_login->setAttribute(Qt::WA_DeleteOnClose, false);
        connect(m_login, &LoginDialog::loginRequested, this, &DeskApp::onLoginRequested);
        connect(m_login, &QDialog::rejected, qApp, &QApplication::quit);
    }
    QSettings settings;
    m_login->setServerUrl(m_defaultServer.isValid() ? m_defaultServer : settings.value(u"login/server"_s).toUrl());
    m_login->setUsername(m_defaultUser.isEmpty() ? settings.value(u"login/username"_s).toString() : m_defaultUser);
    m_login->setRememberAvailable(!settings.value(u"keychain/unavailable"_s).toBool());
    m_login->showError(message);
    m_login->show();
    m_login->raise();
    Q_EMIT loginShown();
}

void DeskApp::onLoginRequested(const QUrl &server, const QString &username, const QString &password)
{
    newSession(server);
    ApiClient *api = m_session->api();
    connect(api, &ApiClient::loggedIn, this, [this, server, username](const QString &token, const StaffMember &user) {
        QSettings settings;
        settings.setValue(u"login/server"_s, server);
        settings.setValue(u"login/username"_s, username);
        const bool remember = m_login && m_login->remember();
        settings.setValue(u"login/remembered"_s, remember);
        if (remember) {
            m_vault->write(Session::keychainKey(server, username), token, [](TokenVault::Result result) {
                // No secret service: say so next time instead of pretending to remember.
                if (result == TokenVault::Result::NoBackend) {
                    QSettings s;
                    s.setValue(u"keychain/unavailable"_s, true);
                    s.setValue(u"login/remembered"_s, false);
                }
            });
        }
        openMainWindow(token, user, false);
    });
    connect(api, &ApiClient::loginFailed, this, [this, username](const ApiFailure &f) {
        if (!m_login)
            return;
        m_login->showError(failureText(f));
        if (f.kind == ApiErrorKind::Unreachable && m_haveCache)
            offerOffline(username);
        else
            delete m_offlineButton;
    });
    api->login(username, password);
}

void DeskApp::offerOffline(const QString &username)
{
    if (!m_offlineButton) {
        m_offlineButton = new QPushButton(tr("Open the cached reports read-only"), m_login);
        m_offlineButton->setObjectName(u"offlinePushButton"_s);
        m_login->layout()->addWidget(m_offlineButton);
    }
    m_offlineButton->disconnect(this);
    connect(m_offlineButton, &QPushButton::clicked, this,
        [this, username] { openMainWindow({}, offlineUser(username), true); });
}

void DeskApp::openMainWindow(const QString &token, const StaffMember &user, bool offline)
{
    Q_ASSERT(!m_window);
    if (m_login)
        m_login->hide();
    delete m_offlineButton;
    if (offline)
        m_session->beginOffline(user, token);
    else
        m_session->begin(token, user);
    connect(m_session.get(), &Session::signedOut, this, [this] {
        QSettings settings;
        forgetToken(m_session->server(), settings.value(u"login/username"_s).toString());
        // Shown before the main window closes, so closing it does not end the app.
        showLogin();
    });
    m_window = createMainWindow();
    m_window->show();
    // A password an administrator set (a new account, a reset) is replaced before work starts.
    if (!offline && user.mustRenewCredentials)
        m_window->changePassword(true);
    Q_EMIT mainWindowOpened(m_window);
}

MainWindow *DeskApp::createMainWindow()
{
    auto *window = new MainWindow(m_session.get());
    window->setAttribute(Qt::WA_DeleteOnClose);
    // Queued: the old window is deleted outside of its own menu's signal.
    connect(window, &MainWindow::languageChosen, this, &DeskApp::rebuildForLanguage, Qt::QueuedConnection);
    return window;
}

void DeskApp::rebuildForLanguage()
{
    Language::apply(Language::effective());
    // The sign-in dialog is built again on demand, in the new language.
    if (m_login && !m_login->isVisible())
        delete m_login;
    if (!m_window)
        return;
    // Windows build their texts once; a new window in the new language takes the old one's
    // place, showing the same reports, selection and map view. The session stays connected.
    MainWindow *old = m_window;
    QSettings().setValue(u"ui/geometry"_s, old->saveGeometry());
    const QList<qint64> selection = old->selectedIds();
    double lat = 0, lon = 0;
    old->map()->center(&lat, &lon);
    const double zoom = old->map()->zoom();
    const bool wasVisible = old->isVisible();
    m_window = createMainWindow();
    m_window->map()->centerOn(lat, lon, zoom);
    m_window->selectReports(selection);
    if (wasVisible)
        m_window->show();
    old->hide();
    delete old;
    Q_EMIT mainWindowOpened(m_window);
}

} // namespace dimos
