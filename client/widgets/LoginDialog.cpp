#include "LoginDialog.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace dimos {

LoginDialog::LoginDialog(QWidget *parent)
    : QDialog(parent),
      m_serverEdit(new QLineEdit(this)),
      m_userEdit(new QLineEdit(this)),
      m_passwordEdit(new QLineEdit(this)),
      m_rememberCheck(new QCheckBox(tr("Keep me signed in on this computer"), this)),
      m_errorLabel(new QLabel(this)),
      m_loginButton(new QPushButton(tr("Sign in"), this))
{
    setWindowTitle(tr("Dimos — sign in"));
    m_serverEdit->setObjectName(u"serverLineEdit"_s);
    m_userEdit->setObjectName(u"usernameLineEdit"_s);
    m_passwordEdit->setObjectName(u"passwordLineEdit"_s);
    m_loginButton->setObjectName(u"loginPushButton"_s);
    m_errorLabel->setObjectName(u"errorLabel"_s);
    m_serverEdit->setPlaceholderText(u"https://dimos.example.org"_s);
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(u"color: #b00020;"_s);
    m_errorLabel->hide();
    m_loginButton->setDefault(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_serverEdit);
    form->addRow(tr("&Username:"), m_userEdit);
    form->addRow(tr("&Password:"), m_passwordEdit);
    auto *cancel = new QPushButton(tr("Cancel"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(cancel);
    buttons->addWidget(m_loginButton);
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(u"<h2>Δήμος · Dimos</h2>"_s, this);
    layout->addWidget(title);
    layout->addLayout(form);
    layout->addWidget(m_rememberCheck);
    layout->addWidget(m_errorLabel);
    layout->addLayout(buttons);
    setMinimumWidth(420);

    connect(m_loginButton, &QPushButton::clicked, this, &LoginDialog::submit);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
}

void LoginDialog::setServerUrl(const QUrl &url)
{
    m_serverEdit->setText(url.toString());
}

void LoginDialog::setUsername(const QString &username)
{
    m_userEdit->setText(username);
    if (!username.isEmpty())
        m_passwordEdit->setFocus();
}

void LoginDialog::setRememberAvailable(bool available)
{
    m_rememberCheck->setEnabled(available);
    if (!available) {
        m_rememberCheck->setChecked(false);
        m_rememberCheck->setToolTip(tr("No password store (secret service) is available on this computer, "
                                       "so the sign-in cannot be kept."));
    }
}

bool LoginDialog::remember() const
{
    return m_rememberCheck->isChecked();
}

QUrl LoginDialog::serverUrl() const
{
    QString text = m_serverEdit->text().trimmed();
    if (!text.isEmpty() && !text.contains(u"://"_s))
        text.prepend(u"https://"_s);
    while (text.endsWith(u'/'))
        text.chop(1);
    return QUrl(text, QUrl::StrictMode);
}

QString LoginDialog::username() const
{
    return m_userEdit->text().trimmed();
}

QString LoginDialog::password() const
{
    return m_passwordEdit->text();
}

void LoginDialog::setBusy(bool busy)
{
    m_loginButton->setEnabled(!busy);
    m_loginButton->setText(busy ? tr("Signing in…") : tr("Sign in"));
    for (QLineEdit *e : {m_serverEdit, m_userEdit, m_passwordEdit})
        e->setEnabled(!busy);
}

void LoginDialog::showError(const QString &message)
{
    setBusy(false);
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
    m_passwordEdit->selectAll();
    m_passwordEdit->setFocus();
}

void LoginDialog::submit()
{
    const QUrl url = serverUrl();
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"http" && url.scheme() != u"https")) {
        showError(tr("Enter the server's address, for example https://dimos.example.org"));
        m_serverEdit->setFocus();
        return;
    }
    if (username().isEmpty() || password().isEmpty()) {
        showError(tr("Enter your username and password."));
        return;
    }
    m_errorLabel->hide();
    setBusy(true);
    Q_EMIT loginRequested(url, username(), password());
}

} // namespace dimos
