#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace dimos {

// Asks for the server, the username and the password. It does not talk to the network
// itself: it emits loginRequested() and the caller answers with showError() or accept().
class LoginDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginDialog)

public:
    explicit LoginDialog(QWidget *parent = nullptr);

    void setServerUrl(const QUrl &url);
    void setUsername(const QString &username);
    void setRememberAvailable(bool available); // false: no secret service, nothing is remembered
    bool remember() const;
    QUrl serverUrl() const;
    QString username() const;
    QString password() const;

    void setBusy(bool busy);
    void showError(const QString &message);

Q_SIGNALS:
    void loginRequested(const QUrl &server, const QString &username, const QString &password);

private:
    void submit();

    QLineEdit *m_serverEdit;
    QLineEdit *m_userEdit;
    QLineEdit *m_passwordEdit;
    QCheckBox *m_rememberCheck;
    QLabel *m_errorLabel;
    QPushButton *m_loginButton;
};

} // namespace dimos
