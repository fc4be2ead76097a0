#include "StaffUsersDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

#include "client/app/Session.h"
#include "client/net/ApiClient.h"
#include "client/store/ReportStore.h"

using namespace Qt::StringLiterals;

namespace dimos {

StaffUsersDialog::StaffUsersDialog(Session *session, QWidget *parent)
    : AdminListDialog(session, {u"/api/v1/users"_s, u"users"_s, u"user"_s, u"username"_s, /*putById=*/true}, parent)
{
    setWindowTitle(tr("Staff users"));
    auto *editor = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editor);
    auto *form = new QFormLayout;
    editorLayout->addLayout(form);
    m_username = new QLineEdit(editor);
    m_username->setObjectName(u"userName"_s);
    m_username->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"[a-z0-9][a-z0-9._-]{1,63}"_s), m_username));
    m_username->setPlaceholderText(tr("e.g. m.papadopoulou (cannot change later)"));
    m_displayName = new QLineEdit(editor);
    m_displayName->setObjectName(u"userDisplayName"_s);
    m_email = new QLineEdit(editor);
    m_email->setObjectName(u"userEmail"_s);
    m_role = new QComboBox(editor);
    m_role->setObjectName(u"userRole"_s);
    m_role->addItem(tr("Clerk: the reports of their departments"), u"clerk"_s);
    m_role->addItem(tr("Manager: also moves reports between departments"), u"manager"_s);
    m_role->addItem(tr("Administrator: everything, including this window"), u"admin"_s);
    m_departments = new QListWidget(editor);
    m_departments->setObjectName(u"userDepartments"_s);
    m_departments->setAccessibleName(tr("Departments"));
    m_departments->setMaximumHeight(140);
    m_active = new QCheckBox(tr("&Active (switched off: cannot sign in, sessions end at once)"), editor);
    m_active->setObjectName(u"userActive"_s);
    m_firstPassword = new QLineEdit(editor);
    m_firstPassword->setObjectName(u"userFirstPassword"_s);
    m_firstPassword->setPlaceholderText(tr("at least 10 characters; the user changes it"));
    form->addRow(tr("&User name:"), m_username);
    form->addRow(tr("&Full name:"), m_displayName);
    form->addRow(tr("&E-mail:"), m_email);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(tr("&Departments:"), m_departments);
    form->addRow(QString(), m_active);
    form->addRow(tr("First &password:"), m_firstPassword);

    auto *resetBox = new QGroupBox(tr("Reset password"), editor);
    auto *resetLayout = new QFormLayout(resetBox);
    m_resetPassword = new QLineEdit(resetBox);
    m_resetPassword->setObjectName(u"userResetPassword"_s);
    m_resetPassword->setPlaceholderText(tr("empty: the server makes one up"));
    m_reset = new QPushButton(tr("Re&set password"), resetBox);
    m_reset->setObjectName(u"userResetButton"_s);
    m_shownOnce = new QLineEdit(resetBox);
    m_shownOnce->setObjectName(u"userNewPassword"_s);
    m_shownOnce->setReadOnly(true);
    m_shownOnce->setPlaceholderText(tr("the new password is shown here once"));
    auto *resetRow = new QHBoxLayout;
    resetRow->addWidget(m_resetPassword, 1);
    resetRow->addWidget(m_reset);
    resetLayout->addRow(tr("New password:"), resetRow);
    resetLayout->addRow(tr("Give it to the user:"), m_shownOnce);
    editorLayout->addWidget(resetBox);
    editorLayout->addStretch(1);
    connect(m_reset, &QPushButton::clicked, this, &StaffUsersDialog::resetPassword);

    const QString lang = m_session->store()->language();
    for (const Department &d : m_session->store()->departments()) {
        auto *item = new QListWidgetItem(d.name.in(lang), m_departments);
        item->setData(Qt::UserRole, d.id);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setCheckState(Qt::Unchecked);
    }
    buildFrame(u"userList"_s, tr("Staff users"), tr("&New user"), editor, 2);
    resize(900, 600);
}

StaffUsersDialog::~StaffUsersDialog() = default;

QJsonObject StaffUsersDialog::newItem() const
{
    return QJsonObject{{u"active"_s, true}, {u"role"_s, u"clerk"_s}};
}

QString StaffUsersDialog::itemLabel(const QJsonObject &u, const QString &) const
{
    const QString label = u.value(u"display_name"_s).toString() + u" ("_s + u.value(u"username"_s).toString() + u')';
    return u.value(u"active"_s).toBool(true) ? label : tr("%1 — inactive").arg(label);
}

void StaffUsersDialog::showItem(const QJsonObject &u)
{
    const qint64 id = u.value(u"id"_s).toInteger();
    m_username->setText(u.value(u"username"_s).toString());
    m_username->setReadOnly(id > 0);
    m_displayName->setText(u.value(u"display_name"_s).toString());
    m_email->setText(u.value(u"email"_s).toString());
    m_role->setCurrentIndex(std::max(0, m_role->findData(u.value(u"role"_s).toString())));
    const QJsonArray departments = u.value(u"department_ids"_s).toArray();
    for (int i = 0; i < m_departments->count(); ++i) {
        QListWidgetItem *item = m_departments->item(i);
        item->setCheckState(
            departments.contains(QJsonValue(item->data(Qt::UserRole).toLongLong())) ? Qt::Checked : Qt::Unchecked);
    }
    m_active->setChecked(u.value(u"active"_s).toBool(true));
    m_firstPassword->clear();
    m_firstPassword->setEnabled(id == 0);
    m_resetPassword->clear();
    m_shownOnce->clear();
    m_reset->setEnabled(id > 0 && id != m_session->user().id);
}

QJsonObject StaffUsersDialog::edited() const
{
    QJsonArray departments;
    for (int i = 0; i < m_departments->count(); ++i)
        if (m_departments->item(i)->checkState() == Qt::Checked)
            departments.append(m_departments->item(i)->data(Qt::UserRole).toLongLong());
    QJsonObject o{{u"display_name"_s, m_displayName->text().trimmed()}, {u"email"_s, m_email->text().trimmed()},
        {u"role"_s, m_role->currentData().toString()}, {u"department_ids"_s, departments},
        {u"active"_s, m_active->isChecked()}};
    if (userId() == 0) {
        o.insert(u"username"_s, m_username->text().trimmed());
        o.insert(u"password"_s, m_firstPassword->text());
    }
    return o;
}

void StaffUsersDialog::afterSave(const QJsonObject &)
{
    showItem(current()); // the stored user: the name fixed, the first password gone, reset possible
    m_session->api()->users(); // the assignee pickers follow
}

void StaffUsersDialog::resetPassword()
{
    if (userId() <= 0)
        return;
    QJsonObject body;
    if (!m_resetPassword->text().isEmpty())
        body.insert(u"password"_s, m_resetPassword->text());
    m_session->api()->callJson("POST"_ba, u"/api/v1/users/%1/password"_s.arg(userId()), &body, this,
        [this](const std::optional<QJsonObject> &answer, const ApiFailure &failure) {
            if (!answer) {
                setStatus(tr("Password not changed: %1").arg(failure.message));
                return Q_EMIT failed(failure.message);
            }
            m_resetPassword->clear();
            m_shownOnce->setText(answer->value(u"password"_s).toString());
            m_shownOnce->selectAll();
            setStatus(tr("The password was changed and the user's sessions ended. It is shown only now: "
                         "give it to the user, who will be asked to choose their own."));
            Q_EMIT passwordReset(answer->value(u"user"_s).toObject().value(u"username"_s).toString());
        });
}

} // namespace dimos
