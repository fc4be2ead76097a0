#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

#include "client/store/ReportStore.h"
#include "client/widgets/LoginDialog.h"
#include "client/widgets/MainWindow.h"

class QPushButton;

namespace dimos {

class Session;
class TokenVault;

// The app's life: sign in (a token kept in the system keychain skips the dialog), open the
// main window, and go back to signing in after "Sign out". When the server cannot be reached
// but data for it is cached, it offers to work read-only on that data. A language chosen in
// the View menu rebuilds the windows in that language; the session and its data stay.
class DeskApp final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeskApp)

public:
    // Without a vault the system keychain (KeychainVault) is used. The vault is not owned.
    explicit DeskApp(TokenVault *vault = nullptr, QObject *parent = nullptr);
    ~DeskApp() override;

    void setDefaultServer(const QUrl &url) { m_defaultServer = url; }
    void setDefaultUser(const QString &user) { m_defaultUser = user; }
    // Where the report caches live (default: the user's cache folder).
    void setCacheDirectory(const QString &path) { m_cacheDirectory = path; }
    void start();

    LoginDialog *loginDialog() const { return m_login; }
    MainWindow *mainWindow() const { return m_window; }
    Session *session() const { return m_session.get(); }

Q_SIGNALS:
    void mainWindowOpened(dimos::MainWindow *window);
    void loginShown();

private:
    void showLogin(const QString &message = {});
    void tryStoredToken(const QUrl &server, const QString &username);
    void onLoginRequested(const QUrl &server, const QString &username, const QString &password);
    void offerOffline(const QString &username);
    void openMainWindow(const QString &token, const StaffMember &user, bool offline);
    MainWindow *createMainWindow();
    void rebuildForLanguage();
    void newSession(const QUrl &server);
    void forgetToken(const QUrl &server, const QString &username);

    TokenVault *m_vault;
    std::unique_ptr<TokenVault> m_ownVault;
    QUrl m_defaultServer;
    QString m_defaultUser;
    QString m_cacheDirectory;
    std::unique_ptr<Session> m_session;
    QPointer<LoginDialog> m_login;
    QPointer<QPushButton> m_offlineButton;
    QPointer<MainWindow> m_window;
    bool m_haveCache = false;
};

} // namespace dimos
