#include "StaffUsersDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSplitter>
#include <QVBoxLayout>

#include "client/app/Session.h"
#include "client/net/ApiClient.h"
#include "client/store/ReportStore.h"

using namespace Qt::StringLiterals;

namespace dimos {

StaffUsersDialog::StaffUsersDialog(Session *session, QWidget *parent) : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Staff users"));
    auto *outer = new QVBoxLayout(this);
    auto *split = new QSplitter(this);
    outer->addWidget(split, 1);

    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    m_list = new QListWidget(left);
    m_list->setObjectName(u"userList"_s);
    m_list->setAccessibleName(tr("Staff users"));
    auto *add = new QPushButton(tr("&New user"), left);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(add);

    auto *editor = new QWidget(split);
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
    split->setStretchFactor(1, 2);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    outer->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    outer->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &StaffUsersDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QPushButton::clicked, this, [this] { select(QString()); });
    connect(m_reset, &QPushButton::clicked, this, &StaffUsersDialog::resetPassword);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_users.size())
            showUser(m_users.at(row).toObject());
    });
    resize(900, 600);

    const QString lang = m_session->store()->language();
    for (const Department &d : m_session->store()->departments()) {
        auto *item = new QListWidgetItem(d.name.in(lang), m_departments);
        item->setData(Qt::UserRole, d.id);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setCheckState(Qt::Unchecked);
    }
    select(QString());
    reload();
}

StaffUsersDialog::~StaffUsersDialog() = default;

void StaffUsersDialog::reload()
{
    m_session->api()->callJson("GET"_ba, u"/api/v1/users"_s, nullptr, this,
        [this](const std::optional<QJsonObject> &answer, const ApiFailure &failure) {
            if (!answer) {
                m_status->setText(failure.message);
                return Q_EMIT failed(failure.message);
            }
            const QString current = m_username->text();
            m_users = answer->value(u"users"_s).toArray();
            m_list->clear();
            for (const QJsonValue &v : std::as_const(m_users)) {
                const QJsonObject u = v.toObject();
                QString label
                    = u.value(u"display_name"_s).toString() + u" ("_s + u.value(u"username"_s).toString() + u')';
                if (!u.value(u"active"_s).toBool(true))
                    label = tr("%1 — inactive").arg(label);
                m_list->addItem(label);
            }
            if (m_id > 0)
                select(current);
            Q_EMIT loaded(int(m_users.size()));
        });
}

bool StaffUsersDialog::select(const QString &username)
{
    if (username.isEmpty()) {
        m_list->setCurrentRow(-1);
        showUser(QJsonObject{{u"active"_s, true}, {u"role"_s, u"clerk"_s}});
        return true;
    }
    for (int i = 0; i < m_users.size(); ++i)
        if (m_users.at(i).toObject().value(u"username"_s).toString() == username) {
            const QSignalBlocker block(m_list);
            m_list->setCurrentRow(i);
            showUser(m_users.at(i).toObject());
            return true;
        }
    return false;
}

void StaffUsersDialog::showUser(const QJsonObject &u)
{
    m_id = u.value(u"id"_s).toInteger();
    m_username->setText(u.value(u"username"_s).toString());
    m_username->setReadOnly(m_id > 0);
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
    m_firstPassword->setEnabled(m_id == 0);
    m_resetPassword->clear();
    m_shownOnce->clear();
    m_reset->setEnabled(m_id > 0 && m_id != m_session->user().id);
    m_status->clear();
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
    if (m_id == 0) {
        o.insert(u"username"_s, m_username->text().trimmed());
        o.insert(u"password"_s, m_firstPassword->text());
    }
    return o;
}

void StaffUsersDialog::save()
{
    const QJsonObject body = edited();
    const QString path = m_id > 0 ? u"/api/v1/users/%1"_s.arg(m_id) : u"/api/v1/users"_s;
    m_session->api()->callJson(m_id > 0 ? "PUT"_ba : "POST"_ba, path, &body, this,
        [this](const std::optional<QJsonObject> &answer, const ApiFailure &failure) {
            if (!answer) {
                m_status->setText(tr("Not saved: %1").arg(failure.message));
                return Q_EMIT failed(failure.message);
            }
            const QJsonObject user = answer->value(u"user"_s).toObject();
            m_id = user.value(u"id"_s).toInteger();
            m_username->setText(user.value(u"username"_s).toString());
            m_username->setReadOnly(true);
            m_firstPassword->clear();
            m_firstPassword->setEnabled(false);
            m_reset->setEnabled(m_id != m_session->user().id);
            m_status->setText(tr("Saved."));
            m_session->api()->users(); // the assignee pickers follow
            reload();
            Q_EMIT saved(user.value(u"username"_s).toString());
        });
}

void StaffUsersDialog::resetPassword()
{
    if (m_id <= 0)
        return;
    QJsonObject body;
    if (!m_resetPassword->text().isEmpty())
        body.insert(u"password"_s, m_resetPassword->text());
    m_session->api()->callJson("POST"_ba, u"/api/v1/users/%1/password"_s.arg(m_id), &body, this,
        [this](const std::optional<QJsonObject> &answer, const ApiFailure &failure) {
            if (!answer) {
                m_status->setText(tr("Password not changed: %1").arg(failure.message));
                return Q_EMIT failed(failure.message);
            }
            m_resetPassword->clear();
            m_shownOnce->setText(answer->value(u"password"_s).toString());
            m_shownOnce->selectAll();
            m_status->setText(tr("The password was changed and the user's sessions ended. It is shown only now: "
                                 "give it to the user, who will be asked to choose their own."));
            Q_EMIT passwordReset(answer->value(u"user"_s).toObject().value(u"username"_s).toString());
        });
}

} // namespace dimos
