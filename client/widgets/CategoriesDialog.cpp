#include "CategoriesDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "client/app/Session.h"
#include "client/net/ApiClient.h"
#include "client/store/ReportStore.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

enum FieldColumn { FCode, FQuestionEl, FQuestionEn, FType, FRequired, FValues, FHelpEl, FHelpEn, FCount };
enum ResponseColumn { RTitleEl, RTitleEn, RTextEl, RTextEn, RCount };

// Every Open311 attribute datatype (GeoReport v2), with the words the administrator reads.
QList<std::pair<QString, QString>> datatypes()
{
    return {{u"string"_s, CategoriesDialog::tr("Short text")}, {u"text"_s, CategoriesDialog::tr("Long text")},
        {u"number"_s, CategoriesDialog::tr("Number")}, {u"datetime"_s, CategoriesDialog::tr("Date and time")},
        {u"singlevaluelist"_s, CategoriesDialog::tr("One of a list")},
        {u"multivaluelist"_s, CategoriesDialog::tr("Several of a list")}};
}

QJsonObject both(const QString &el, const QString &en)
{
    return QJsonObject{{u"el"_s, el.trimmed()}, {u"en"_s, en.trimmed()}};
}

QString el(const QJsonValue &v)
{
    return v.toObject().value(u"el"_s).toString();
}

QString en(const QJsonValue &v)
{
    return v.toObject().value(u"en"_s).toString();
}

// A value list as the administrator writes it: "key = Greek | English", separated by ";".
QString valuesText(const QJsonArray &values)
{
    QStringList parts;
    for (const QJsonValue &v : values) {
        const QJsonObject o = v.toObject();
        parts << o.value(u"key"_s).toString() + u" = "_s + el(o.value(u"name"_s)) + u" | "_s + en(o.value(u"name"_s));
    }
    return parts.join(u"; "_s);
}

QJsonArray valuesFrom(const QString &text)
{
    QJsonArray out;
    int n = 0;
    for (const QString &part : text.split(u';', Qt::SkipEmptyParts)) {
        QString rest = part.trimmed();
        if (rest.isEmpty())
            continue;
        ++n;
        QString key;
        const qsizetype eq = rest.indexOf(u'=');
        if (eq > 0) {
            key = rest.left(eq).trimmed();
            rest = rest.mid(eq + 1);
        } else {
            key = u"v%1"_s.arg(n);
        }
        const QStringList names = rest.split(u'|');
        const QString greek = names.value(0).trimmed();
        const QString english = names.value(1).trimmed();
        out.append(QJsonObject{{u"key"_s, key}, {u"name"_s, both(greek, english.isEmpty() ? greek : english)}});
    }
    return out;
}

QString cellText(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

} // namespace

CategoriesDialog::CategoriesDialog(Session *session, QWidget *parent)
    : AdminListDialog(session, {u"/api/v1/categories"_s, u"categories"_s, u"category"_s, u"code"_s}, parent)
{
    setWindowTitle(tr("Categories"));
    m_tabs = new QTabWidget(this);
    auto *general = new QWidget(m_tabs);
    auto *form = new QFormLayout(general);
    m_code = new QLineEdit(general);
    m_code->setObjectName(u"categoryCode"_s);
    m_code->setValidator(new QRegularExpressionValidator(QRegularExpression(u"[A-Za-z0-9_-]{1,64}"_s), m_code));
    m_code->setPlaceholderText(tr("e.g. fallen_tree (the Open311 service code; cannot change later)"));
    m_kind = new QComboBox(general);
    m_kind->setObjectName(u"categoryKind"_s);
    m_kind->addItem(tr("Problem: citizens report in it"), u"problem"_s);
    m_kind->addItem(tr("Information: staff publish events, pets, tourism…"), u"information"_s);
    m_nameEl = new QLineEdit(general);
    m_nameEl->setObjectName(u"categoryNameEl"_s);
    m_nameEn = new QLineEdit(general);
    m_nameEn->setObjectName(u"categoryNameEn"_s);
    m_descriptionEl = new QPlainTextEdit(general);
    m_descriptionEn = new QPlainTextEdit(general);
    for (QPlainTextEdit *e : {m_descriptionEl, m_descriptionEn}) {
        e->setTabChangesFocus(true);
        e->setMaximumHeight(70);
    }
    m_groupEl = new QLineEdit(general);
    m_groupEn = new QLineEdit(general);
    m_icon = new QLineEdit(general);
    m_icon->setObjectName(u"categoryIcon"_s);
    m_icon->setValidator(new QRegularExpressionValidator(QRegularExpression(u"[a-z0-9_-]{0,40}"_s), m_icon));
    m_icon->setPlaceholderText(tr("a short name, e.g. tree; empty: the default"));
    m_keywords = new QLineEdit(general);
    m_keywords->setPlaceholderText(tr("words citizens may search with, separated by commas"));
    m_department = new QComboBox(general);
    m_department->setObjectName(u"categoryDepartment"_s);
    m_department->addItem(tr("None"), 0);
    const QString lang = m_session->store()->language();
    for (const Department &d : m_session->store()->departments())
        m_department->addItem(d.name.in(lang), d.id);
    m_sla = new QSpinBox(general);
    m_sla->setObjectName(u"categorySla"_s);
    m_sla->setRange(0, 365);
    m_sla->setSpecialValueText(tr("No service level"));
    m_sla->setSuffix(tr(" days"));
    m_moderated = new QCheckBox(tr("Web reports wait for a &moderator before they are public"), general);
    m_moderated->setObjectName(u"categoryModerated"_s);
    m_active = new QCheckBox(tr("&Active (offered to citizens)"), general);
    form->addRow(tr("&Code:"), m_code);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("Name (&Greek):"), m_nameEl);
    form->addRow(tr("Name (E&nglish):"), m_nameEn);
    form->addRow(tr("Description (Greek):"), m_descriptionEl);
    form->addRow(tr("Description (English):"), m_descriptionEn);
    form->addRow(tr("Group (Greek):"), m_groupEl);
    form->addRow(tr("Group (English):"), m_groupEn);
    form->addRow(tr("&Icon:"), m_icon);
    form->addRow(tr("Key&words:"), m_keywords);
    form->addRow(tr("Handling &department:"), m_department);
    form->addRow(tr("&Service level:"), m_sla);
    form->addRow(QString(), m_moderated);
    form->addRow(QString(), m_active);
    m_tabs->addTab(general, tr("General"));

    // The field editor.
    auto *fieldsPage = new QWidget(m_tabs);
    auto *fieldsLayout = new QVBoxLayout(fieldsPage);
    auto *fieldsHelp = new QLabel(tr("The category's own questions, asked in this order on the web form and in "
                                     "Open311. A list's values: “key = Greek | English”, separated by “;”."),
        fieldsPage);
    fieldsHelp->setWordWrap(true);
    m_fields = new QTableWidget(0, FCount, fieldsPage);
    m_fields->setObjectName(u"categoryFields"_s);
    m_fields->setHorizontalHeaderLabels({tr("Code"), tr("Question (Greek)"), tr("Question (English)"),
        tr("Answer type"), tr("Required"), tr("Values"), tr("Help (Greek)"), tr("Help (English)")});
    m_fields->horizontalHeader()->setSectionResizeMode(FQuestionEl, QHeaderView::Stretch);
    m_fields->horizontalHeader()->setSectionResizeMode(FValues, QHeaderView::Stretch);
    auto *fieldButtons = new QHBoxLayout;
    auto *addFieldButton = new QPushButton(tr("Add a &field"), fieldsPage);
    auto *removeField = new QPushButton(tr("&Remove"), fieldsPage);
    auto *up = new QPushButton(tr("Move &up"), fieldsPage);
    auto *down = new QPushButton(tr("Move do&wn"), fieldsPage);
    for (QPushButton *b : std::initializer_list<QPushButton *>{addFieldButton, removeField, up, down})
        fieldButtons->addWidget(b);
    fieldButtons->addStretch(1);
    fieldsLayout->addWidget(fieldsHelp);
    fieldsLayout->addWidget(m_fields, 1);
    fieldsLayout->addLayout(fieldButtons);
    m_tabs->addTab(fieldsPage, tr("Fields"));
    connect(addFieldButton, &QPushButton::clicked, this, [this] {
        addField(QJsonObject{{u"datatype"_s, u"string"_s}});
    });
    connect(removeField, &QPushButton::clicked, this, [this] {
        if (m_fields->currentRow() >= 0)
            m_fields->removeRow(m_fields->currentRow());
    });
    connect(up, &QPushButton::clicked, this, [this] { moveField(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveField(1); });

    // Canned public responses.
    auto *responsesPage = new QWidget(m_tabs);
    auto *responsesLayout = new QVBoxLayout(responsesPage);
    auto *responsesHelp
        = new QLabel(tr("Ready answers staff pick when they write a public note in this category."), responsesPage);
    responsesHelp->setWordWrap(true);
    m_responses = new QTableWidget(0, RCount, responsesPage);
    m_responses->setObjectName(u"categoryResponses"_s);
    m_responses->setHorizontalHeaderLabels(
        {tr("Title (Greek)"), tr("Title (English)"), tr("Text (Greek)"), tr("Text (English)")});
    m_responses->horizontalHeader()->setSectionResizeMode(RTextEl, QHeaderView::Stretch);
    m_responses->horizontalHeader()->setSectionResizeMode(RTextEn, QHeaderView::Stretch);
    auto *responseButtons = new QHBoxLayout;
    auto *addResponseButton = new QPushButton(tr("Add a res&ponse"), responsesPage);
    auto *removeResponse = new QPushButton(tr("Remo&ve"), responsesPage);
    responseButtons->addWidget(addResponseButton);
    responseButtons->addWidget(removeResponse);
    responseButtons->addStretch(1);
    responsesLayout->addWidget(responsesHelp);
    responsesLayout->addWidget(m_responses, 1);
    responsesLayout->addLayout(responseButtons);
    m_tabs->addTab(responsesPage, tr("Responses"));
    connect(addResponseButton, &QPushButton::clicked, this, [this] { addResponse({}); });
    connect(removeResponse, &QPushButton::clicked, this, [this] {
        if (m_responses->currentRow() >= 0)
            m_responses->removeRow(m_responses->currentRow());
    });
    buildFrame(u"categoryList"_s, tr("Categories"), tr("&New category"), m_tabs, 3);
    resize(1100, 680);
}

CategoriesDialog::~CategoriesDialog() = default;

void CategoriesDialog::showTab(int index)
{
    m_tabs->setCurrentIndex(index);
}

QJsonObject CategoriesDialog::newItem() const
{
    return QJsonObject{{u"active"_s, true}, {u"kind"_s, u"problem"_s}};
}

QString CategoriesDialog::itemLabel(const QJsonObject &c, const QString &language) const
{
    QString label = c.value(u"name"_s).toObject().value(language).toString();
    if (c.value(u"kind"_s).toString() == u"information")
        label = tr("%1 (information)").arg(label);
    if (!c.value(u"active"_s).toBool(true))
        label = tr("%1 — inactive").arg(label);
    return label;
}

void CategoriesDialog::showItem(const QJsonObject &c)
{
    const bool isNewCategory = !c.contains(u"code"_s);
    m_code->setText(c.value(u"code"_s).toString());
    m_code->setReadOnly(!isNewCategory);
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(c.value(u"kind"_s).toString())));
    m_nameEl->setText(el(c.value(u"name"_s)));
    m_nameEn->setText(en(c.value(u"name"_s)));
    m_descriptionEl->setPlainText(el(c.value(u"description"_s)));
    m_descriptionEn->setPlainText(en(c.value(u"description"_s)));
    m_groupEl->setText(el(c.value(u"group"_s)));
    m_groupEn->setText(en(c.value(u"group"_s)));
    m_icon->setText(c.value(u"icon"_s).toString());
    QStringList keywords;
    for (const QJsonValue &k : c.value(u"keywords"_s).toArray())
        keywords << k.toString();
    m_keywords->setText(keywords.join(u", "_s));
    m_department->setCurrentIndex(std::max(0, m_department->findData(c.value(u"department_id"_s).toInteger())));
    m_sla->setValue(c.value(u"sla_days"_s).toInt());
    m_moderated->setChecked(c.value(u"moderated"_s).toBool());
    m_active->setChecked(c.value(u"active"_s).toBool(true));
    m_previousFields = c.value(u"attributes"_s).toArray();
    m_fields->setRowCount(0);
    for (const QJsonValue &f : std::as_const(m_previousFields))
        addField(f.toObject());
    m_responses->setRowCount(0);
    for (const QJsonValue &r : c.value(u"responses"_s).toArray())
        addResponse(r.toObject());
}

void CategoriesDialog::addField(const QJsonObject &f)
{
    const int row = m_fields->rowCount();
    m_fields->insertRow(row);
    m_fields->setItem(row, FCode, new QTableWidgetItem(f.value(u"code"_s).toString()));
    m_fields->setItem(row, FQuestionEl, new QTableWidgetItem(el(f.value(u"description"_s))));
    m_fields->setItem(row, FQuestionEn, new QTableWidgetItem(en(f.value(u"description"_s))));
    auto *type = new QComboBox(m_fields);
    for (const auto &[code, words] : datatypes())
        type->addItem(words, code);
    type->setCurrentIndex(std::max(0, type->findData(f.value(u"datatype"_s).toString())));
    m_fields->setCellWidget(row, FType, type);
    auto *required = new QTableWidgetItem;
    required->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    required->setCheckState(f.value(u"required"_s).toBool() ? Qt::Checked : Qt::Unchecked);
    m_fields->setItem(row, FRequired, required);
    m_fields->setItem(row, FValues, new QTableWidgetItem(valuesText(f.value(u"values"_s).toArray())));
    m_fields->setItem(row, FHelpEl, new QTableWidgetItem(el(f.value(u"datatype_description"_s))));
    m_fields->setItem(row, FHelpEn, new QTableWidgetItem(en(f.value(u"datatype_description"_s))));
}

void CategoriesDialog::moveField(int delta)
{
    const int row = m_fields->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= m_fields->rowCount())
        return;
    // Swap the two rows' contents (the type combo lives in a cell widget).
    for (int column = 0; column < FCount; ++column) {
        if (column == FType) {
            auto *a = qobject_cast<QComboBox *>(m_fields->cellWidget(row, column));
            auto *b = qobject_cast<QComboBox *>(m_fields->cellWidget(to, column));
            const int ia = a->currentIndex();
            a->setCurrentIndex(b->currentIndex());
            b->setCurrentIndex(ia);
            continue;
        }
        QTableWidgetItem *a = m_fields->takeItem(row, column);
        QTableWidgetItem *b = m_fields->takeItem(to, column);
        m_fields->setItem(row, column, b);
        m_fields->setItem(to, column, a);
    }
    m_fields->setCurrentCell(to, m_fields->currentColumn());
}

void CategoriesDialog::addResponse(const QJsonObject &r)
{
    const int row = m_responses->rowCount();
    m_responses->insertRow(row);
    m_responses->setItem(row, RTitleEl, new QTableWidgetItem(el(r.value(u"title"_s))));
    m_responses->setItem(row, RTitleEn, new QTableWidgetItem(en(r.value(u"title"_s))));
    m_responses->setItem(row, RTextEl, new QTableWidgetItem(el(r.value(u"text"_s))));
    m_responses->setItem(row, RTextEn, new QTableWidgetItem(en(r.value(u"text"_s))));
}

QJsonObject CategoriesDialog::edited() const
{
    QJsonArray fields;
    for (int row = 0; row < m_fields->rowCount(); ++row) {
        const auto *type = qobject_cast<QComboBox *>(m_fields->cellWidget(row, FType));
        const QString datatype = type ? type->currentData().toString() : u"string"_s;
        QJsonObject f{{u"code"_s, cellText(m_fields, row, FCode)}, {u"datatype"_s, datatype},
            {u"required"_s, m_fields->item(row, FRequired)->checkState() == Qt::Checked}, {u"order"_s, (row + 1) * 10},
            {u"description"_s, both(cellText(m_fields, row, FQuestionEl), cellText(m_fields, row, FQuestionEn))},
            {u"datatype_description"_s, both(cellText(m_fields, row, FHelpEl), cellText(m_fields, row, FHelpEn))}};
        if (datatype.endsWith(u"valuelist"_s))
            f.insert(u"values"_s, valuesFrom(cellText(m_fields, row, FValues)));
        fields.append(f);
    }
    QJsonArray responses;
    for (int row = 0; row < m_responses->rowCount(); ++row)
        responses.append(
            QJsonObject{{u"title"_s, both(cellText(m_responses, row, RTitleEl), cellText(m_responses, row, RTitleEn))},
                {u"text"_s, both(cellText(m_responses, row, RTextEl), cellText(m_responses, row, RTextEn))}});
    QJsonArray keywords;
    for (const QString &k : m_keywords->text().split(u',', Qt::SkipEmptyParts))
        if (!k.trimmed().isEmpty())
            keywords.append(k.trimmed());
    return QJsonObject{{u"code"_s, m_code->text().trimmed()}, {u"kind"_s, m_kind->currentData().toString()},
        {u"name"_s, both(m_nameEl->text(), m_nameEn->text())},
        {u"description"_s, both(m_descriptionEl->toPlainText(), m_descriptionEn->toPlainText())},
        {u"group"_s, both(m_groupEl->text(), m_groupEn->text())}, {u"icon"_s, m_icon->text().trimmed()},
        {u"keywords"_s, keywords}, {u"department_id"_s, m_department->currentData().toLongLong()},
        {u"sla_days"_s, m_sla->value()}, {u"moderated"_s, m_moderated->isChecked()},
        {u"active"_s, m_active->isChecked()}, {u"attributes"_s, fields}, {u"responses"_s, responses}};
}

void CategoriesDialog::afterSave(const QJsonObject &stored)
{
    m_code->setReadOnly(true);
    m_previousFields = stored.value(u"attributes"_s).toArray();
    m_session->api()->categories(); // the queue and the report forms follow
}

QString CategoriesDialog::savedText() const
{
    return tr("Saved. The web form and Open311 show it now.");
}

} // namespace dimos
