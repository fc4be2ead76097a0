#include "RequestTypesDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "client/app/Session.h"
#include "client/net/ApiClient.h"
#include "client/store/ReportStore.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

enum FieldColumn {
    FieldCode,
    FieldLabelEl,
    FieldLabelEn,
    FieldType,
    FieldRequired,
    FieldValues,
    FieldHelpEl,
    FieldCount
};
enum DocumentColumn { DocCode, DocLabelEl, DocLabelEn, DocRequired, DocHelpEl, DocCount };

const QStringList &datatypes()
{
    static const QStringList types
        = {u"string"_s, u"text"_s, u"number"_s, u"datetime"_s, u"singlevaluelist"_s, u"multivaluelist"_s};
    return types;
}

QString datatypeText(const QString &type)
{
    if (type == u"string"_s)
        return RequestTypesDialog::tr("Short text");
    if (type == u"text"_s)
        return RequestTypesDialog::tr("Long text");
    if (type == u"number"_s)
        return RequestTypesDialog::tr("Number");
    if (type == u"datetime"_s)
        return RequestTypesDialog::tr("Date and time");
    if (type == u"singlevaluelist"_s)
        return RequestTypesDialog::tr("One of a list");
    if (type == u"multivaluelist"_s)
        return RequestTypesDialog::tr("Several of a list");
    return type;
}

// A value list as the administrator writes it: one value per line, "Greek | English".
QString optionsText(const QJsonArray &options)
{
    QStringList lines;
    for (const QJsonValue &v : options) {
        const QJsonObject o = v.toObject();
        lines << o.value(u"name_el"_s).toString() + u" | "_s + o.value(u"name_en"_s).toString();
    }
    return lines.join(u"; "_s);
}

QJsonArray optionsFrom(const QString &text, const QJsonArray &previous)
{
    QJsonArray out;
    int n = 0;
    for (const QString &line : text.split(u';', Qt::SkipEmptyParts)) {
        const QStringList parts = line.split(u'|');
        const QString el = parts.value(0).trimmed();
        if (el.isEmpty())
            continue;
        const QString en = parts.value(1).trimmed();
        // Keep the stored key of a value that is still there, so stored answers keep their meaning.
        QString key = u"v%1"_s.arg(++n);
        for (const QJsonValue &p : previous)
            if (p.toObject().value(u"name_el"_s).toString() == el)
                key = p.toObject().value(u"key"_s).toString();
        out.append(QJsonObject{{u"key"_s, key}, {u"name_el"_s, el}, {u"name_en"_s, en.isEmpty() ? el : en}});
    }
    return out;
}

QTableWidgetItem *cell(const QString &text)
{
    return new QTableWidgetItem(text);
}

QTableWidgetItem *checkCell(bool checked)
{
    auto *item = new QTableWidgetItem;
    item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return item;
}

QString text(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

bool checked(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item && item->checkState() == Qt::Checked;
}

} // namespace

RequestTypesDialog::RequestTypesDialog(Session *session, QWidget *parent) : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Request types"));
    auto *outer = new QVBoxLayout(this);
    auto *split = new QSplitter(this);
    outer->addWidget(split, 1);

    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    m_list = new QListWidget(left);
    m_list->setObjectName(u"requestTypeList"_s);
    m_list->setAccessibleName(tr("Request types"));
    auto *newType = new QPushButton(tr("&New type"), left);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(newType);

    auto *tabs = new QTabWidget(split);
    // General.
    auto *general = new QWidget(tabs);
    auto *form = new QFormLayout(general);
    m_code = new QLineEdit(general);
    m_code->setValidator(new QRegularExpressionValidator(QRegularExpression(u"[a-z0-9_]{1,40}"_s), m_code));
    m_code->setPlaceholderText(tr("e.g. residence (letters a–z, digits, _; cannot change later)"));
    m_kind = new QComboBox(general);
    m_kind->addItem(tr("Certificate or attestation"), u"certificate"_s);
    m_kind->addItem(tr("Programme enrolment"), u"programme"_s);
    m_nameEl = new QLineEdit(general);
    m_nameEn = new QLineEdit(general);
    m_descriptionEl = new QPlainTextEdit(general);
    m_descriptionEn = new QPlainTextEdit(general);
    for (QPlainTextEdit *e : {m_descriptionEl, m_descriptionEn}) {
        e->setTabChangesFocus(true);
        e->setMaximumHeight(90);
    }
    m_department = new QComboBox(general);
    m_deadline = new QSpinBox(general);
    m_deadline->setRange(0, 365);
    m_deadline->setSuffix(tr(" days"));
    m_feeEl = new QLineEdit(general);
    m_feeEn = new QLineEdit(general);
    m_opensOn = new QLineEdit(general);
    m_closesOn = new QLineEdit(general);
    for (QLineEdit *e : {m_opensOn, m_closesOn}) {
        e->setPlaceholderText(tr("YYYY-MM-DD, empty: always open"));
        e->setValidator(new QRegularExpressionValidator(QRegularExpression(u"(\\d{4}-\\d{2}-\\d{2})?"_s), e));
    }
    m_active = new QCheckBox(tr("Citizens can &apply"), general);
    form->addRow(tr("&Code:"), m_code);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("Name (&Greek):"), m_nameEl);
    form->addRow(tr("Name (E&nglish):"), m_nameEn);
    form->addRow(tr("Description (Greek):"), m_descriptionEl);
    form->addRow(tr("Description (English):"), m_descriptionEn);
    form->addRow(tr("Handling &department:"), m_department);
    form->addRow(tr("Legal &deadline:"), m_deadline);
    form->addRow(tr("Fee (Greek):"), m_feeEl);
    form->addRow(tr("Fee (English):"), m_feeEn);
    form->addRow(tr("Enrolment opens on:"), m_opensOn);
    form->addRow(tr("Enrolment closes on:"), m_closesOn);
    form->addRow(QString(), m_active);
    tabs->addTab(general, tr("General"));

    // Form fields.
    auto *fieldsPage = new QWidget(tabs);
    auto *fieldsLayout = new QVBoxLayout(fieldsPage);
    auto *fieldsHelp = new QLabel(tr("The questions of the web form, in this order. A list's values: one per "
                                     "entry, separated by “;”, each as “Greek | English”."),
        fieldsPage);
    fieldsHelp->setWordWrap(true);
    m_fields = new QTableWidget(0, FieldCount, fieldsPage);
    m_fields->setObjectName(u"requestTypeFields"_s);
    m_fields->setHorizontalHeaderLabels({tr("Code"), tr("Question (Greek)"), tr("Question (English)"),
        tr("Answer type"), tr("Required"), tr("Values"), tr("Help (Greek)")});
    m_fields->horizontalHeader()->setSectionResizeMode(FieldLabelEl, QHeaderView::Stretch);
    auto *fieldButtons = new QHBoxLayout;
    auto *addField = new QPushButton(tr("Add a &question"), fieldsPage);
    auto *removeField = new QPushButton(tr("Remove the selected question"), fieldsPage);
    fieldButtons->addWidget(addField);
    fieldButtons->addWidget(removeField);
    fieldButtons->addStretch(1);
    fieldsLayout->addWidget(fieldsHelp);
    fieldsLayout->addWidget(m_fields, 1);
    fieldsLayout->addLayout(fieldButtons);
    tabs->addTab(fieldsPage, tr("Form fields"));

    // Supporting documents.
    auto *documentsPage = new QWidget(tabs);
    auto *documentsLayout = new QVBoxLayout(documentsPage);
    auto *documentsHelp
        = new QLabel(tr("The documents the applicant uploads with the request (PDF, JPEG or PNG)."), documentsPage);
    documentsHelp->setWordWrap(true);
    m_documents = new QTableWidget(0, DocCount, documentsPage);
    m_documents->setObjectName(u"requestTypeDocuments"_s);
    m_documents->setHorizontalHeaderLabels(
        {tr("Code"), tr("Document (Greek)"), tr("Document (English)"), tr("Required"), tr("Help (Greek)")});
    m_documents->horizontalHeader()->setSectionResizeMode(DocLabelEl, QHeaderView::Stretch);
    auto *documentButtons = new QHBoxLayout;
    auto *addDocument = new QPushButton(tr("Add a d&ocument"), documentsPage);
    auto *removeDocument = new QPushButton(tr("Remove the selected document"), documentsPage);
    documentButtons->addWidget(addDocument);
    documentButtons->addWidget(removeDocument);
    documentButtons->addStretch(1);
    documentsLayout->addWidget(documentsHelp);
    documentsLayout->addWidget(m_documents, 1);
    documentsLayout->addLayout(documentButtons);
    tabs->addTab(documentsPage, tr("Supporting documents"));

    // The answer document.
    auto *answerPage = new QWidget(tabs);
    auto *answerLayout = new QFormLayout(answerPage);
    m_answerTitleEl = new QLineEdit(answerPage);
    m_answerTitleEn = new QLineEdit(answerPage);
    m_template = new QPlainTextEdit(answerPage);
    m_template->setObjectName(u"requestTypeTemplate"_s);
    m_template->setTabChangesFocus(true);
    auto *templateHelp = new QLabel(
        tr("The text of the issued document, in Greek. Paragraphs are separated by an empty line. Values: "
           "{{applicant.full_name}}, {{applicant.father_name}}, {{applicant.mother_name}}, {{applicant.birth_date}}, "
           "{{applicant.afm}}, {{applicant.amka}}, {{applicant.address}}, {{fields.<code>}}, {{municipality}}, "
           "{{department}}, {{protocol.incoming}}, {{protocol.outgoing}}, {{today}}."),
        answerPage);
    templateHelp->setWordWrap(true);
    templateHelp->setTextInteractionFlags(Qt::TextSelectableByMouse);
    answerLayout->addRow(tr("Title (Greek):"), m_answerTitleEl);
    answerLayout->addRow(tr("Title (English):"), m_answerTitleEn);
    answerLayout->addRow(tr("&Text:"), m_template);
    answerLayout->addRow(templateHelp);
    tabs->addTab(answerPage, tr("Answer document"));
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    outer->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_save = buttons->addButton(tr("&Save"), QDialogButtonBox::ApplyRole);
    outer->addWidget(buttons);

    for (const Department &d : session->store()->departments())
        m_department->addItem(session->store()->departmentName(d.id), d.id);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &RequestTypesDialog::save);
    connect(newType, &QPushButton::clicked, this, [this] { select(QString()); });
    connect(addField, &QPushButton::clicked, this, [this] {
        addFieldRow(QJsonObject{{u"datatype"_s, u"string"_s}});
        m_fields->setCurrentCell(m_fields->rowCount() - 1, FieldCode);
    });
    connect(removeField, &QPushButton::clicked, this, [this] {
        if (m_fields->currentRow() >= 0)
            m_fields->removeRow(m_fields->currentRow());
    });
    connect(addDocument, &QPushButton::clicked, this, [this] {
        addDocumentRow(QJsonObject{{u"required"_s, true}});
        m_documents->setCurrentCell(m_documents->rowCount() - 1, DocCode);
    });
    connect(removeDocument, &QPushButton::clicked, this, [this] {
        if (m_documents->currentRow() >= 0)
            m_documents->removeRow(m_documents->currentRow());
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_types.size())
            showType(m_types.at(row).toObject());
    });
    ApiClient *api = session->api();
    connect(api, &ApiClient::requestTypesLoaded, this, &RequestTypesDialog::onLoaded);
    connect(api, &ApiClient::requestTypeSaved, this, [this](const QJsonObject &type) {
        const QString code = type.value(u"code"_s).toString();
        m_status->setText(tr("Saved. Citizens see the change on the web form at once."));
        m_isNew = false;
        m_code->setReadOnly(true);
        Q_EMIT saved(code);
        m_session->api()->requestTypes(); // the list with the stored copy
    });
    connect(api, &ApiClient::requestTypeFailed, this, [this](const ApiFailure &failure) {
        m_status->setText(tr("Not saved: %1").arg(failure.message));
        Q_EMIT failed(failure.message);
    });
    connect(api, &ApiClient::requestFailed, this, [this](ApiClient::Operation op, const ApiFailure &failure) {
        if (op == ApiClient::Operation::RequestTypes)
            m_status->setText(tr("The request types could not be loaded: %1").arg(failure.message));
    });
    resize(1150, 720);
    select(QString());
    api->requestTypes();
}

RequestTypesDialog::~RequestTypesDialog() = default;

void RequestTypesDialog::onLoaded(const QJsonArray &types)
{
    const QString current = m_isNew ? QString() : m_code->text();
    m_types = types;
    fillList();
    if (!current.isEmpty())
        select(current);
    Q_EMIT loaded(int(types.size()));
}

void RequestTypesDialog::fillList()
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    const bool english = m_session->store()->language() == u"en"_s;
    for (const QJsonValue &v : m_types) {
        const QJsonObject t = v.toObject();
        QString name = t.value(english ? u"name_en"_s : u"name_el"_s).toString();
        if (!t.value(u"active"_s).toBool(true))
            name += tr(" (not offered)");
        m_list->addItem(name);
    }
}

bool RequestTypesDialog::select(const QString &code)
{
    if (code.isEmpty()) {
        m_list->setCurrentRow(-1);
        showType(QJsonObject{{u"kind"_s, u"certificate"_s}, {u"deadline_days"_s, 10}, {u"active"_s, true}});
        return true;
    }
    for (int i = 0; i < m_types.size(); ++i)
        if (m_types.at(i).toObject().value(u"code"_s).toString() == code) {
            const QSignalBlocker blocker(m_list);
            m_list->setCurrentRow(i);
            showType(m_types.at(i).toObject());
            return true;
        }
    return false;
}

void RequestTypesDialog::showType(const QJsonObject &t)
{
    m_isNew = !t.contains(u"code"_s);
    m_code->setText(t.value(u"code"_s).toString());
    m_code->setReadOnly(!m_isNew);
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(t.value(u"kind"_s).toString())));
    m_nameEl->setText(t.value(u"name_el"_s).toString());
    m_nameEn->setText(t.value(u"name_en"_s).toString());
    m_descriptionEl->setPlainText(t.value(u"description_el"_s).toString());
    m_descriptionEn->setPlainText(t.value(u"description_en"_s).toString());
    m_department->setCurrentIndex(std::max(0, m_department->findData(t.value(u"department_id"_s).toInteger())));
    m_deadline->setValue(t.value(u"deadline_days"_s).toInt());
    m_feeEl->setText(t.value(u"fee_el"_s).toString());
    m_feeEn->setText(t.value(u"fee_en"_s).toString());
    m_opensOn->setText(t.value(u"opens_on"_s).toString());
    m_closesOn->setText(t.value(u"closes_on"_s).toString());
    m_active->setChecked(t.value(u"active"_s).toBool(true));
    m_fields->setRowCount(0);
    for (const QJsonValue &f : t.value(u"fields"_s).toArray())
        addFieldRow(f.toObject());
    m_documents->setRowCount(0);
    for (const QJsonValue &d : t.value(u"documents"_s).toArray())
        addDocumentRow(d.toObject());
    m_answerTitleEl->setText(t.value(u"answer_title_el"_s).toString());
    m_answerTitleEn->setText(t.value(u"answer_title_en"_s).toString());
    m_template->setPlainText(t.value(u"answer_template"_s).toString());
    m_status->setText(
        m_isNew ? tr("A new request type: fill in at least the code, the names and the department.") : QString());
}

void RequestTypesDialog::addFieldRow(const QJsonObject &f)
{
    const int row = m_fields->rowCount();
    m_fields->insertRow(row);
    auto *code = cell(f.value(u"code"_s).toString());
    code->setData(Qt::UserRole, f.value(u"values"_s).toArray()); // the stored keys
    m_fields->setItem(row, FieldCode, code);
    m_fields->setItem(row, FieldLabelEl, cell(f.value(u"label_el"_s).toString()));
    m_fields->setItem(row, FieldLabelEn, cell(f.value(u"label_en"_s).toString()));
    auto *type = new QComboBox(m_fields);
    for (const QString &t : datatypes())
        type->addItem(datatypeText(t), t);
    type->setCurrentIndex(std::max(0, type->findData(f.value(u"datatype"_s).toString())));
    m_fields->setCellWidget(row, FieldType, type);
    m_fields->setItem(row, FieldRequired, checkCell(f.value(u"required"_s).toBool()));
    m_fields->setItem(row, FieldValues, cell(optionsText(f.value(u"values"_s).toArray())));
    m_fields->setItem(row, FieldHelpEl, cell(f.value(u"help_el"_s).toString()));
}

void RequestTypesDialog::addDocumentRow(const QJsonObject &d)
{
    const int row = m_documents->rowCount();
    m_documents->insertRow(row);
    m_documents->setItem(row, DocCode, cell(d.value(u"code"_s).toString()));
    m_documents->setItem(row, DocLabelEl, cell(d.value(u"label_el"_s).toString()));
    m_documents->setItem(row, DocLabelEn, cell(d.value(u"label_en"_s).toString()));
    m_documents->setItem(row, DocRequired, checkCell(d.value(u"required"_s).toBool(true)));
    m_documents->setItem(row, DocHelpEl, cell(d.value(u"help_el"_s).toString()));
}

QJsonObject RequestTypesDialog::edited() const
{
    QJsonObject t;
    t.insert(u"code"_s, m_code->text().trimmed());
    t.insert(u"kind"_s, m_kind->currentData().toString());
    t.insert(u"name_el"_s, m_nameEl->text().trimmed());
    t.insert(u"name_en"_s, m_nameEn->text().trimmed());
    t.insert(u"description_el"_s, m_descriptionEl->toPlainText().trimmed());
    t.insert(u"description_en"_s, m_descriptionEn->toPlainText().trimmed());
    t.insert(u"department_id"_s, m_department->currentData().toLongLong());
    t.insert(u"deadline_days"_s, m_deadline->value());
    t.insert(u"fee_el"_s, m_feeEl->text().trimmed());
    t.insert(u"fee_en"_s, m_feeEn->text().trimmed());
    t.insert(u"opens_on"_s, m_opensOn->text().trimmed());
    t.insert(u"closes_on"_s, m_closesOn->text().trimmed());
    t.insert(u"active"_s, m_active->isChecked());
    t.insert(u"answer_title_el"_s, m_answerTitleEl->text().trimmed());
    t.insert(u"answer_title_en"_s, m_answerTitleEn->text().trimmed());
    t.insert(u"answer_template"_s, m_template->toPlainText());
    QJsonArray fields;
    for (int row = 0; row < m_fields->rowCount(); ++row) {
        const auto *type = qobject_cast<QComboBox *>(m_fields->cellWidget(row, FieldType));
        const QString datatype = type ? type->currentData().toString() : u"string"_s;
        QJsonObject f{{u"code"_s, text(m_fields, row, FieldCode)}, {u"label_el"_s, text(m_fields, row, FieldLabelEl)},
            {u"label_en"_s, text(m_fields, row, FieldLabelEn)}, {u"datatype"_s, datatype},
            {u"required"_s, checked(m_fields, row, FieldRequired)}, {u"help_el"_s, text(m_fields, row, FieldHelpEl)},
            {u"order"_s, row}};
        if (datatype.endsWith(u"valuelist"_s)) {
            const QTableWidgetItem *code = m_fields->item(row, FieldCode);
            f.insert(u"values"_s,
                optionsFrom(
                    text(m_fields, row, FieldValues), code ? code->data(Qt::UserRole).toJsonArray() : QJsonArray()));
        }
        fields.append(f);
    }
    t.insert(u"fields"_s, fields);
    QJsonArray documents;
    for (int row = 0; row < m_documents->rowCount(); ++row)
        documents.append(QJsonObject{{u"code"_s, text(m_documents, row, DocCode)},
            {u"label_el"_s, text(m_documents, row, DocLabelEl)}, {u"label_en"_s, text(m_documents, row, DocLabelEn)},
            {u"required"_s, checked(m_documents, row, DocRequired)}, {u"help_el"_s, text(m_documents, row, DocHelpEl)},
            {u"order"_s, row}});
    t.insert(u"documents"_s, documents);
    return t;
}

void RequestTypesDialog::save()
{
    const QJsonObject t = edited();
    if (t.value(u"code"_s).toString().isEmpty() || t.value(u"name_el"_s).toString().isEmpty()) {
        m_status->setText(tr("Fill in the code and the Greek name first."));
        return;
    }
    m_status->setText(tr("Saving…"));
    m_session->api()->saveRequestType(t, m_isNew);
}

} // namespace dimos
