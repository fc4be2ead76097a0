#include "DeskApp.h"

#include <QApplication>
#include <QJsonDocument>
#include <QLayout>
#include <QPushButton>
#include <QSettings>

#include <qt6keychain/keychain.h>

#include "client/app/Session.h"
#include "client/widgets/LoginDialog.h"
#include "client/widgets/MainWindow.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
const QString kKeychainService = u"dimos-desk"_s;

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
} // namespace

DeskApp::DeskApp(QObject *parent) : QObject(parent) { }

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
    m_haveCache = m_session->prepare(server);
}

void DeskApp::tryStoredToken(const QUrl &server, const QString &username)
{
    auto *job = new QKeychain::ReadPasswordJob(kKeychainService, this);
    job->setKey(Session::keychainKey(server, username));
    connect(job, &QKeychain::Job::finished, this, [this, job, server, username] {
        if (job->error() != QKeychain::NoError || job->textData().isEmpty()) {
            showLogin();
            return;
        }
        const QString token = job->textData();
        newSession(server);
        ApiClient *api = m_session->api();
        api->setToken(token);
        connect(
            api, &ApiClient::meLoaded, this,
            [this, token](const StaffMember &user) { openMainWindow(token, user, false); }, Qt::SingleShotConnection);
        connect(api, &ApiClient::requestFailed, this, [this, username](ApiClient::Operation op, const ApiFailure &f) {
            if (op != ApiClient::Operation::Me)
                return;
            if (f.kind == ApiErrorKind::Unreachable && m_haveCache) {
                StaffMember last;
                last.username = username;
                last.displayName = username;
                openMainWindow({}, last, true);
                return;
            }
            showLogin(f.kind == ApiErrorKind::Unauthorized ? QString() : failureText(f));
        });
        api->me();
    });
    job->start();
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
    if (!message.isEmpty())
        m_login->showError(message);
    m_login->show();
    m_login->raise();
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
            auto *job = new QKeychain::WritePasswordJob(kKeychainService, this);
            job->setKey(Session::keychainKey(server, username));
            job->setTextData(token);
            connect(job, &QKeychain::Job::finished, this, [job] {
                // No secret service: say so next time instead of pretending to remember.
                if (job->error() == QKeychain::NoBackendAvailable)
                    QSettings().setValue(u"keychain/unavailable"_s, true);
            });
            job->start();
        }
        openMainWindow(token, user, false);
    });
    connect(api, &ApiClient::loginFailed, this, [this, username](const ApiFailure &f) {
        if (!m_login)
            return;
        m_login->showError(failureText(f));
        if (f.kind == ApiErrorKind::Unreachable && m_haveCache) {
            auto *offline = new QPushButton(tr("Open the cached reports read-only"), m_login);
            offline->setObjectName(u"offlinePushButton"_s);
            m_login->layout()->addWidget(offline);
            connect(offline, &QPushButton::clicked, this, [this, offline, username] {
                offline->deleteLater();
                StaffMember last;
                last.username = username;
                last.displayName = username;
                openMainWindow({}, last, true);
            });
        }
    });
    api->login(username, password);
}

void DeskApp::openMainWindow(const QString &token, const StaffMember &user, bool offline)
{
    if (m_login)
        m_login->hide();
    if (offline)
        m_session->beginOffline(user);
    else
        m_session->begin(token, user);
    m_window = new MainWindow(m_session.get());
    m_window->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_session.get(), &Session::signedOut, this, [this] {
        QSettings settings;
        settings.setValue(u"login/remembered"_s, false);
        auto *job = new QKeychain::DeletePasswordJob(kKeychainService, this);
        job->setKey(Session::keychainKey(m_session->server(), settings.value(u"login/username"_s).toString()));
        job->start();
        QMetaObject::invokeMethod(
            this, [this] { showLogin(); }, Qt::QueuedConnection);
    });
    m_window->show();
}

} // namespace dimos
