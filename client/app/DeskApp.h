#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

#include "client/store/ReportStore.h"
#include "client/widgets/LoginDialog.h"
#include "client/widgets/MainWindow.h"

namespace dimos {

class Session;

// The app's life: sign in (a token kept in the system keychain skips the dialog), open the
// main window, and go back to signing in after "Sign out". When the server cannot be reached
// but data for it is cached, it offers to work read-only on that data.
class DeskApp final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeskApp)

public:
    explicit DeskApp(QObject *parent = nullptr);
    ~DeskApp() override;

    void setDefaultServer(const QUrl &url) { m_defaultServer = url; }
    void setDefaultUser(const QString &user) { m_defaultUser = user; }
    void start();

    LoginDialog *loginDialog() const { return m_login; }
    MainWindow *mainWindow() const { return m_window; }
    Session *session() const { return m_session.get(); }

private:
    void showLogin(const QString &message = {});
    void tryStoredToken(const QUrl &server, const QString &username);
    void onLoginRequested(const QUrl &server, const QString &username, const QString &password);
    void openMainWindow(const QString &token, const StaffMember &user, bool offline);
    void newSession(const QUrl &server);

    QUrl m_defaultServer;
    QString m_defaultUser;
    std::unique_ptr<Session> m_session;
    QPointer<LoginDialog> m_login;
    QPointer<MainWindow> m_window;
    bool m_haveCache = false;
};

} // namespace dimos
