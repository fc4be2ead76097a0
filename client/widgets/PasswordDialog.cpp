#include "PasswordDialog.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "client/net/ApiClient.h"
#include "client/store/ReportStore.h"

using namespace Qt::StringLiterals;

namespace dimos {

PasswordDialog::PasswordDialog(ApiClient *api, bool required, QWidget *parent)
    : QDialog(parent),
      m_api(api),
      m_currentEdit(new QLineEdit(this)),
      m_newEdit(new QLineEdit(this)),
      m_repeatEdit(new QLineEdit(this)),
      m_errorLabel(new QLabel(this)),
      m_okButton(new QPushButton(tr("Change password"), this))
{
    setObjectName(u"passwordDialog"_s);
    setWindowTitle(tr("Change my password"));
    m_currentEdit->setObjectName(u"currentPasswordLineEdit"_s);
    m_newEdit->setObjectName(u"newPasswordLineEdit"_s);
    m_repeatEdit->setObjectName(u"repeatPasswordLineEdit"_s);
    m_okButton->setObjectName(u"changePasswordPushButton"_s);
    m_errorLabel->setObjectName(u"errorLabel"_s);
    for (QLineEdit *edit : {m_currentEdit, m_newEdit, m_repeatEdit}) {
        edit->setEchoMode(QLineEdit::Password);
        edit->setMaxLength(kMaxLength);
    }
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(u"color: #b00020;"_s);
    m_errorLabel->hide();
    m_okButton->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(required ? tr("An administrator has set your password. Choose your own before you go on: "
                                           "only you should know it.")
                                      : tr("Choose a new password for your account."),
        this);
    intro->setObjectName(u"introLabel"_s);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    form->addRow(required ? tr("Password you were &given:") : tr("C&urrent password:"), m_currentEdit);
    form->addRow(tr("&New password:"), m_newEdit);
    form->addRow(tr("&Repeat it:"), m_repeatEdit);
    layout->addLayout(form);
    auto *hint = new QLabel(
        tr("At least %n characters. A few unrelated words make a good password.", nullptr, kMinLength), this);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    layout->addWidget(hint);
    layout->addWidget(m_errorLabel);
    // Without its own password a user whose password was set by someone else cannot go on:
    // the way out is to sign out.
    auto *cancel = new QPushButton(required ? tr("Sign out") : tr("Cancel"), this);
    cancel->setObjectName(u"cancelPushButton"_s);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(cancel);
    buttons->addWidget(m_okButton);
    layout->addLayout(buttons);
    setMinimumWidth(460);

    connect(m_okButton, &QPushButton::clicked, this, &PasswordDialog::submit);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
}

void PasswordDialog::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
}

void PasswordDialog::submit()
{
    const QString current = m_currentEdit->text();
    const QString password = m_newEdit->text();
    if (current.isEmpty()) {
        m_currentEdit->setFocus();
        return showError(tr("Type your current password."));
    }
    if (password.size() < kMinLength) {
        m_newEdit->setFocus();
        return showError(tr("The new password must have at least %n characters.", nullptr, kMinLength));
    }
    if (m_repeatEdit->text() != password) {
        m_repeatEdit->clear();
        m_repeatEdit->setFocus();
        return showError(tr("The two new passwords are not the same. Type the new one again."));
    }
    if (password == current) {
        m_newEdit->setFocus();
        return showError(tr("The new password must differ from the current one."));
    }
    showError({});
    m_okButton->setEnabled(false);
    const QJsonObject body{{u"current_password"_s, current}, {u"password"_s, password}};
    m_api->callJson("POST"_ba, u"/api/v1/me/password"_s, &body, this,
        [this](const std::optional<QJsonObject> &answer, const ApiFailure &failure) {
            m_okButton->setEnabled(true);
            if (answer) {
                const auto user = StaffMember::fromJson(answer->value(u"user"_s).toObject());
                if (user) {
                    Q_EMIT changed(*user);
                    accept();
                    return;
                }
                return showError(tr("The server sent an answer that cannot be read."));
            }
            switch (failure.kind) {
            case ApiErrorKind::Validation:
                // Everything else the server checks was checked above.
                m_currentEdit->selectAll();
                m_currentEdit->setFocus();
                return showError(tr("Your current password is not right."));
            case ApiErrorKind::Unauthorized:
                return showError(tr("Your session has ended. Sign in again and then change the password."));
            case ApiErrorKind::Unreachable:
                return showError(tr("The server cannot be reached (%1). Try again in a moment.").arg(failure.message));
            case ApiErrorKind::RateLimited:
                return showError(
                    tr("Too many attempts. Try again in %n second(s).", nullptr, failure.retryAfterSeconds));
            default:
                return showError(tr("The password was not changed: %1").arg(failure.message));
            }
        });
}

} // namespace dimos
