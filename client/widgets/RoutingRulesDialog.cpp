#include "RoutingRulesDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include "client/app/Session.h"
#include "client/net/ApiClient.h"
#include "client/store/ReportStore.h"

using namespace Qt::StringLiterals;

namespace dimos {

RoutingRulesDialog::RoutingRulesDialog(Session *session, QWidget *parent) : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Routing rules"));
    auto *outer = new QVBoxLayout(this);
    auto *help = new QLabel(tr("Where a new report goes. A rule for an area wins over a rule for the whole "
                               "municipality; among equals, the lower order. Without a rule a report goes to its "
                               "category's department."),
        this);
    help->setWordWrap(true);
    outer->addWidget(help);
    auto *split = new QSplitter(this);
    outer->addWidget(split, 1);

    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    m_list = new QListWidget(left);
    m_list->setObjectName(u"ruleList"_s);
    m_list->setAccessibleName(tr("Routing rules"));
    auto *add = new QPushButton(tr("&New rule"), left);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(add);

    auto *editor = new QWidget(split);
    auto *form = new QFormLayout(editor);
    const QString lang = m_session->store()->language();
    m_category = new QComboBox(editor);
    m_category->setObjectName(u"ruleCategory"_s);
    for (const Category &c : m_session->store()->categories())
        if (!c.isInformation())
            m_category->addItem(c.name.in(lang), c.code);
    m_layer = new QComboBox(editor);
    m_layer->setObjectName(u"ruleLayer"_s);
    m_layer->addItem(tr("Anywhere in the municipality"), QString());
    m_area = new QComboBox(editor);
    m_area->setObjectName(u"ruleArea"_s);
    m_department = new QComboBox(editor);
    m_department->setObjectName(u"ruleDepartment"_s);
    m_department->addItem(tr("The category's department"), 0);
    for (const Department &d : m_session->store()->departments())
        if (d.active)
            m_department->addItem(d.name.in(lang), d.id);
    m_clerk = new QComboBox(editor);
    m_clerk->setObjectName(u"ruleClerk"_s);
    m_order = new QSpinBox(editor);
    m_order->setRange(0, 10000);
    m_active = new QCheckBox(tr("&Active"), editor);
    form->addRow(tr("&Category:"), m_category);
    form->addRow(tr("GIS &layer:"), m_layer);
    form->addRow(tr("A&rea:"), m_area);
    form->addRow(tr("&Department:"), m_department);
    form->addRow(tr("C&lerk:"), m_clerk);
    form->addRow(tr("&Order:"), m_order);
    form->addRow(QString(), m_active);
    split->setStretchFactor(1, 2);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    outer->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    m_remove = buttons->addButton(tr("&Delete rule"), QDialogButtonBox::DestructiveRole);
    outer->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &RoutingRulesDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_remove, &QPushButton::clicked, this, &RoutingRulesDialog::remove);
    connect(add, &QPushButton::clicked, this, [this] { select(0); });
    connect(m_layer, &QComboBox::currentIndexChanged, this, &RoutingRulesDialog::fillAreas);
    connect(m_department, &QComboBox::currentIndexChanged, this, &RoutingRulesDialog::fillClerks);
    connect(m_category, &QComboBox::currentIndexChanged, this, &RoutingRulesDialog::fillClerks);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_rules.size())
            showRule(m_rules.at(row).toObject());
    });
    resize(900, 520);
    select(0);

    // The areas first (the list's texts name them), then the rules.
    m_session->api()->callJson("GET"_ba, u"/api/v1/routing-rules/areas"_s, nullptr, this,
        [this, lang](const std::optional<QJsonObject> &answer, const ApiFailure &failure) {
            if (!answer) {
                m_status->setText(failure.message);
                return Q_EMIT failed(failure.message);
            }
            m_layers = answer->value(u"layers"_s).toArray();
            const QSignalBlocker block(m_layer);
            for (const QJsonValue &v : std::as_const(m_layers)) {
                const QJsonObject l = v.toObject();
                m_layer->addItem(l.value(u"name"_s).toObject().value(lang).toString(), l.value(u"code"_s).toString());
            }
            reload();
        });
}

RoutingRulesDialog::~RoutingRulesDialog() = default;

QString RoutingRulesDialog::describe(const QJsonObject &r) const
{
    const ReportStore *store = m_session->store();
    QString where = tr("anywhere");
    if (!r.value(u"layer"_s).toString().isEmpty())
        where = r.value(u"area"_s).toString();
    QStringList to;
    if (!r.value(u"department_id"_s).isNull())
        to << store->departmentName(r.value(u"department_id"_s).toInteger());
    if (!r.value(u"assignee_id"_s).isNull())
        to << store->userName(r.value(u"assignee_id"_s).toInteger());
    QString text
        = tr("%1, %2 → %3").arg(store->categoryName(r.value(u"category"_s).toString()), where, to.join(u", "_s));
    if (!r.value(u"active"_s).toBool(true))
        text = tr("%1 (off)").arg(text);
    return text;
}

void RoutingRulesDialog::reload()
{
    m_session->api()->callJson("GET"_ba, u"/api/v1/routing-rules"_s, nullptr, this,
        [this](const std::optional<QJsonObject> &answer, const ApiFailure &failure) {
            if (!answer) {
                m_status->setText(failure.message);
                return Q_EMIT failed(failure.message);
            }
            m_rules = answer->value(u"rules"_s).toArray();
            const QSignalBlocker block(m_list);
            m_list->clear();
            for (const QJsonValue &v : std::as_const(m_rules))
                m_list->addItem(describe(v.toObject()));
            for (int i = 0; i < m_rules.size(); ++i)
                if (m_id > 0 && m_rules.at(i).toObject().value(u"id"_s).toInteger() == m_id)
                    m_list->setCurrentRow(i);
            Q_EMIT loaded(int(m_rules.size()));
        });
}

bool RoutingRulesDialog::select(qint64 id)
{
    if (id == 0) {
        m_list->setCurrentRow(-1);
        showRule(QJsonObject{{u"active"_s, true}});
        return true;
    }
    for (int i = 0; i < m_rules.size(); ++i)
        if (m_rules.at(i).toObject().value(u"id"_s).toInteger() == id) {
            const QSignalBlocker block(m_list);
            m_list->setCurrentRow(i);
            showRule(m_rules.at(i).toObject());
            return true;
        }
    return false;
}

void RoutingRulesDialog::showRule(const QJsonObject &r)
{
    m_id = r.value(u"id"_s).toInteger();
    choose(r.value(u"category"_s).toString(), r.value(u"layer"_s).toString(), r.value(u"area"_s).toString(),
        r.value(u"department_id"_s).toInteger(), r.value(u"assignee_id"_s).toInteger());
    m_order->setValue(r.value(u"order"_s).toInt());
    m_active->setChecked(r.value(u"active"_s).toBool(true));
    m_remove->setEnabled(m_id > 0);
    m_status->clear();
}

bool RoutingRulesDialog::choose(
    const QString &category, const QString &layer, const QString &area, qint64 departmentId, qint64 assigneeId)
{
    bool ok = true;
    auto pick = [&ok](QComboBox *box, const QVariant &value) {
        const int i = box->findData(value);
        box->setCurrentIndex(std::max(0, i));
        ok = ok && i >= 0;
    };
    if (!category.isEmpty())
        pick(m_category, category);
    pick(m_layer, layer);
    fillAreas();
    if (!layer.isEmpty())
        pick(m_area, area);
    pick(m_department, departmentId);
    fillClerks();
    pick(m_clerk, assigneeId);
    return ok;
}

void RoutingRulesDialog::fillAreas()
{
    m_area->clear();
    const QString layer = m_layer->currentData().toString();
    m_area->setEnabled(!layer.isEmpty());
    for (const QJsonValue &v : std::as_const(m_layers))
        if (v.toObject().value(u"code"_s).toString() == layer)
            for (const QJsonValue &name : v.toObject().value(u"areas"_s).toArray())
                m_area->addItem(name.toString(), name.toString());
}

void RoutingRulesDialog::fillClerks()
{
    const qint64 chosen = m_clerk->currentData().toLongLong();
    m_clerk->clear();
    m_clerk->addItem(tr("Nobody: the department's queue"), 0);
    // The clerks of the department the rule sends to (its own, or the category's).
    qint64 department = m_department->currentData().toLongLong();
    if (department == 0)
        if (const Category *c = m_session->store()->category(m_category->currentData().toString()))
            department = c->departmentId;
    for (const StaffMember &u : m_session->store()->users())
        if (u.active && u.departmentIds.contains(department))
            m_clerk->addItem(u.displayName.isEmpty() ? u.username : u.displayName, u.id);
    m_clerk->setCurrentIndex(std::max(0, m_clerk->findData(chosen)));
}

QJsonObject RoutingRulesDialog::edited() const
{
    const QString layer = m_layer->currentData().toString();
    const qint64 department = m_department->currentData().toLongLong();
    const qint64 clerk = m_clerk->currentData().toLongLong();
    return QJsonObject{{u"category"_s, m_category->currentData().toString()}, {u"layer"_s, layer},
        {u"area"_s, layer.isEmpty() ? QString() : m_area->currentData().toString()},
        {u"department_id"_s, department > 0 ? QJsonValue(department) : QJsonValue(QJsonValue::Null)},
        {u"assignee_id"_s, clerk > 0 ? QJsonValue(clerk) : QJsonValue(QJsonValue::Null)},
        {u"order"_s, m_order->value()}, {u"active"_s, m_active->isChecked()}};
}

void RoutingRulesDialog::save()
{
    const QJsonObject body = edited();
    const QString path = m_id > 0 ? u"/api/v1/routing-rules/%1"_s.arg(m_id) : u"/api/v1/routing-rules"_s;
    m_session->api()->callJson(m_id > 0 ? "PUT"_ba : "POST"_ba, path, &body, this,
        [this](const std::optional<QJsonObject> &answer, const ApiFailure &failure) {
            if (!answer) {
                m_status->setText(tr("Not saved: %1").arg(failure.message));
                return Q_EMIT failed(failure.message);
            }
            m_id = answer->value(u"rule"_s).toObject().value(u"id"_s).toInteger();
            m_remove->setEnabled(true);
            m_status->setText(tr("Saved. New reports follow the rule from now on."));
            reload();
            Q_EMIT saved(m_id);
        });
}

void RoutingRulesDialog::remove()
{
    if (m_id <= 0)
        return;
    const qint64 id = m_id;
    m_session->api()->callJson("DELETE"_ba, u"/api/v1/routing-rules/%1"_s.arg(id), nullptr, this,
        [this, id](const std::optional<QJsonObject> &answer, const ApiFailure &failure) {
            if (!answer) {
                m_status->setText(tr("Not deleted: %1").arg(failure.message));
                return Q_EMIT failed(failure.message);
            }
            m_status->setText(tr("Deleted."));
            select(0);
            reload();
            Q_EMIT removed(id);
        });
}

} // namespace dimos
