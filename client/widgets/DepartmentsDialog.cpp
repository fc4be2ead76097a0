#include "DepartmentsDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
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

DepartmentsDialog::DepartmentsDialog(Session *session, QWidget *parent) : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Departments"));
    auto *outer = new QVBoxLayout(this);
    auto *split = new QSplitter(this);
    outer->addWidget(split, 1);

    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    m_list = new QListWidget(left);
    m_list->setObjectName(u"departmentList"_s);
    m_list->setAccessibleName(tr("Departments"));
    auto *add = new QPushButton(tr("&New department"), left);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(add);

    auto *editor = new QWidget(split);
    auto *form = new QFormLayout(editor);
    m_code = new QLineEdit(editor);
    m_code->setObjectName(u"departmentCode"_s);
    m_code->setValidator(new QRegularExpressionValidator(QRegularExpression(u"[A-Za-z0-9_-]{1,64}"_s), m_code));
    m_code->setPlaceholderText(tr("e.g. roads (letters, digits, - and _)"));
    m_nameEl = new QLineEdit(editor);
    m_nameEl->setObjectName(u"departmentNameEl"_s);
    m_nameEn = new QLineEdit(editor);
    m_nameEn->setObjectName(u"departmentNameEn"_s);
    m_email = new QLineEdit(editor);
    m_email->setObjectName(u"departmentEmail"_s);
    m_active = new QCheckBox(tr("Takes &reports"), editor);
    form->addRow(tr("&Code:"), m_code);
    form->addRow(tr("Name (&Greek):"), m_nameEl);
    form->addRow(tr("Name (E&nglish):"), m_nameEn);
    form->addRow(tr("&E-mail:"), m_email);
    form->addRow(QString(), m_active);
    split->setStretchFactor(1, 2);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    outer->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    outer->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &DepartmentsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QPushButton::clicked, this, [this] { select(QString()); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_departments.size())
            showDepartment(m_departments.at(row).toObject());
    });
    resize(760, 420);
    select(QString());
    reload();
}

DepartmentsDialog::~DepartmentsDialog() = default;

void DepartmentsDialog::reload()
{
    m_session->api()->callJson("GET"_ba, u"/api/v1/departments"_s, nullptr, this,
        [this](const std::optional<QJsonObject> &answer, const ApiFailure &failure) {
            if (!answer) {
                m_status->setText(failure.message);
                return Q_EMIT failed(failure.message);
            }
            m_departments = answer->value(u"departments"_s).toArray();
            const QString lang = m_session->store()->language();
            m_list->clear();
            for (const QJsonValue &v : std::as_const(m_departments)) {
                const QJsonObject d = v.toObject();
                QString label = d.value(u"name"_s).toObject().value(lang).toString();
                if (!d.value(u"active"_s).toBool(true))
                    label = tr("%1 (inactive)").arg(label);
                m_list->addItem(label);
            }
            Q_EMIT loaded(int(m_departments.size()));
        });
}

bool DepartmentsDialog::select(const QString &code)
{
    if (code.isEmpty()) {
        m_list->setCurrentRow(-1);
        showDepartment(QJsonObject{{u"active"_s, true}});
        return true;
    }
    for (int i = 0; i < m_departments.size(); ++i)
        if (m_departments.at(i).toObject().value(u"code"_s).toString() == code) {
            m_list->setCurrentRow(i);
            showDepartment(m_departments.at(i).toObject());
            return true;
        }
    return false;
}

void DepartmentsDialog::showDepartment(const QJsonObject &d)
{
    m_id = d.value(u"id"_s).toInteger();
    m_code->setText(d.value(u"code"_s).toString());
    m_nameEl->setText(d.value(u"name"_s).toObject().value(u"el"_s).toString());
    m_nameEn->setText(d.value(u"name"_s).toObject().value(u"en"_s).toString());
    m_email->setText(d.value(u"email"_s).toString());
    m_active->setChecked(d.value(u"active"_s).toBool(true));
    m_status->clear();
}

QJsonObject DepartmentsDialog::edited() const
{
    return QJsonObject{{u"code"_s, m_code->text().trimmed()},
        {u"name"_s, QJsonObject{{u"el"_s, m_nameEl->text().trimmed()}, {u"en"_s, m_nameEn->text().trimmed()}}},
        {u"email"_s, m_email->text().trimmed()}, {u"active"_s, m_active->isChecked()}};
}

void DepartmentsDialog::save()
{
    const QJsonObject body = edited();
    const QString path = m_id > 0 ? u"/api/v1/departments/%1"_s.arg(m_id) : u"/api/v1/departments"_s;
    m_session->api()->callJson(m_id > 0 ? "PUT"_ba : "POST"_ba, path, &body, this,
        [this, code = body.value(u"code"_s).toString()](
            const std::optional<QJsonObject> &answer, const ApiFailure &failure) {
            if (!answer) {
                m_status->setText(tr("Not saved: %1").arg(failure.message));
                return Q_EMIT failed(failure.message);
            }
            m_id = answer->value(u"department"_s).toObject().value(u"id"_s).toInteger();
            m_status->setText(tr("Saved."));
            m_session->api()->departments(); // the queue's names follow
            reload();
            Q_EMIT saved(code);
        });
}

} // namespace dimos
