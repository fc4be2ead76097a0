#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace dimos {

class ApiClient;
struct StaffMember;

// The signed-in user chooses a new password (POST /api/v1/me/password): the current one, the
// new one twice. What can be checked here (at least 10 characters, the two the same, not the
// current one) is checked before anything is sent; the server's answer is shown in the dialog,
// which stays open until it succeeds. `required`: an administrator set the password and the user
// must choose their own before working — the dialog says so and its cancel button signs out.
class PasswordDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PasswordDialog)

public:
    PasswordDialog(ApiClient *api, bool required, QWidget *parent = nullptr);

    static constexpr int kMinLength = 10; // AuthService::passwordProblem
    static constexpr int kMaxLength = 256;

Q_SIGNALS:
    // The server took the new password; `user` is the account as it is now.
    void changed(const dimos::StaffMember &user);

private:
    void submit();
    void showError(const QString &message);

    ApiClient *m_api;
    QLineEdit *m_currentEdit;
    QLineEdit *m_newEdit;
    QLineEdit *m_repeatEdit;
    QLabel *m_errorLabel;
    QPushButton *m_okButton;
};

} // namespace dimos
