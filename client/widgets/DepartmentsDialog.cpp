#include "DepartmentsDialog.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QRegularExpressionValidator>

#include "client/app/Session.h"
#include "client/net/ApiClient.h"

using namespace Qt::StringLiterals;

namespace dimos {

DepartmentsDialog::DepartmentsDialog(Session *session, QWidget *parent)
    : AdminListDialog(
        session, {u"/api/v1/departments"_s, u"departments"_s, u"department"_s, u"code"_s, /*putById=*/true}, parent)
{
    setWindowTitle(tr("Departments"));
    auto *editor = new QWidget(this);
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
    buildFrame(u"departmentList"_s, tr("Departments"), tr("&New department"), editor, 2);
    resize(760, 420);
}

DepartmentsDialog::~DepartmentsDialog() = default;

QJsonObject DepartmentsDialog::newItem() const
{
    return QJsonObject{{u"active"_s, true}};
}

QString DepartmentsDialog::itemLabel(const QJsonObject &d, const QString &language) const
{
    const QString label = d.value(u"name"_s).toObject().value(language).toString();
    return d.value(u"active"_s).toBool(true) ? label : tr("%1 (inactive)").arg(label);
}

void DepartmentsDialog::showItem(const QJsonObject &d)
{
    m_code->setText(d.value(u"code"_s).toString());
    m_nameEl->setText(d.value(u"name"_s).toObject().value(u"el"_s).toString());
    m_nameEn->setText(d.value(u"name"_s).toObject().value(u"en"_s).toString());
    m_email->setText(d.value(u"email"_s).toString());
    m_active->setChecked(d.value(u"active"_s).toBool(true));
}

QJsonObject DepartmentsDialog::edited() const
{
    return QJsonObject{{u"code"_s, m_code->text().trimmed()},
        {u"name"_s, QJsonObject{{u"el"_s, m_nameEl->text().trimmed()}, {u"en"_s, m_nameEn->text().trimmed()}}},
        {u"email"_s, m_email->text().trimmed()}, {u"active"_s, m_active->isChecked()}};
}

void DepartmentsDialog::afterSave(const QJsonObject &)
{
    m_session->api()->departments(); // the queue's names follow
}

} // namespace dimos
