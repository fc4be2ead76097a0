#include "ActionDialogs.h"

#include "client/models/ReportTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
// OK/Cancel with our own translated texts (Qt ships no Greek translation of its buttons).
QPushButton *addButtons(QDialog *dialog, QVBoxLayout *layout, const QString &okText)
{
    auto *ok = new QPushButton(okText, dialog);
    auto *cancel = new QPushButton(QCoreApplication::translate("ActionDialogs", "Cancel"), dialog);
    ok->setDefault(true);
    ok->setObjectName(u"okPushButton"_s);
    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(cancel);
    row->addWidget(ok);
    layout->addLayout(row);
    QObject::connect(ok, &QPushButton::clicked, dialog, &QDialog::accept);
    QObject::connect(cancel, &QPushButton::clicked, dialog, &QDialog::reject);
    return ok;
}
// Fills `combo` with the canned notes (the title in the UI language; the note's Greek text, the
// municipality's public language, with the English one as fallback) and hides it (and its label)
// when there are none.
void fillResponses(QComboBox *combo, const QList<CannedResponse> &responses, const QString &language)
{
    combo->clear();
    combo->addItem(QCoreApplication::translate("dimos::NoteDialog", "(write your own)"), QString());
    for (const CannedResponse &r : responses) {
        const QString text = r.text.el.isEmpty() ? r.text.en : r.text.el;
        const QString title = r.title.in(language).isEmpty() ? text.left(60) : r.title.in(language);
        combo->addItem(title, text);
    }
    combo->setVisible(!responses.isEmpty());
    if (QWidget *label = combo->property("dimosLabel").value<QWidget *>())
        label->setVisible(!responses.isEmpty());
}

// Choosing a canned note puts its text into `edit` (connected once, in the constructor).
void connectResponses(QComboBox *combo, QPlainTextEdit *edit)
{
    QObject::connect(combo, &QComboBox::activated, edit, [combo, edit](int index) {
        const QString text = combo->itemData(index).toString();
        if (!text.isEmpty())
            edit->setPlainText(text);
    });
}

} // namespace

StatusDialog::StatusDialog(ReportStatus from, int reportCount, QWidget *parent)
    : QDialog(parent),
      m_statusCombo(new QComboBox(this)),
      m_responseCombo(new QComboBox(this)),
      m_noteEdit(new QPlainTextEdit(this)),
      m_publicCheck(new QCheckBox(tr("Public note: the citizen sees it and gets it by email"), this))
{
    setWindowTitle(reportCount > 1 ? tr("Change status of %n reports", nullptr, reportCount) : tr("Change status"));
    m_statusCombo->setObjectName(u"statusComboBox"_s);
    m_noteEdit->setObjectName(u"notePlainTextEdit"_s);
    for (ReportStatus s : allStatuses())
        if (s != ReportStatus::Duplicate && canTransition(from, s))
            m_statusCombo->addItem(ReportTableModel::statusText(s), static_cast<int>(s));
    m_publicCheck->setChecked(true);
    m_noteEdit->setPlaceholderText(tr("What was done, or why (required when rejecting)"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->addRow(tr("New &status:"), m_statusCombo);
    auto *responseLabel = new QLabel(tr("Ready &answer:"), this);
    responseLabel->setBuddy(m_responseCombo);
    m_responseCombo->setObjectName(u"responseComboBox"_s);
    m_responseCombo->setProperty("dimosLabel", QVariant::fromValue<QWidget *>(responseLabel));
    form->addRow(responseLabel, m_responseCombo);
    form->addRow(tr("&Note:"), m_noteEdit);
    fillResponses(m_responseCombo, {}, QString());
    connectResponses(m_responseCombo, m_noteEdit);
    layout->addLayout(form);
    layout->addWidget(m_publicCheck);
    addButtons(this, layout, tr("Change status"));
}

void StatusDialog::setResponses(const QList<CannedResponse> &responses, const QString &language)
{
    fillResponses(m_responseCombo, responses, language);
}

void StatusDialog::setStatus(ReportStatus status)
{
    const int i = m_statusCombo->findData(static_cast<int>(status));
    if (i >= 0)
        m_statusCombo->setCurrentIndex(i);
}

ReportStatus StatusDialog::status() const
{
    return static_cast<ReportStatus>(m_statusCombo->currentData().toInt());
}

QString StatusDialog::note() const
{
    return m_noteEdit->toPlainText().trimmed();
}

bool StatusDialog::notePublic() const
{
    return m_publicCheck->isChecked();
}

NoteDialog::NoteDialog(bool publicByDefault, QWidget *parent)
    : QDialog(parent),
      m_responseCombo(new QComboBox(this)),
      m_textEdit(new QPlainTextEdit(this)),
      m_publicCheck(new QCheckBox(tr("Public: the citizen sees it and gets it by email"), this))
{
    setWindowTitle(publicByDefault ? tr("Public note") : tr("Internal note"));
    m_textEdit->setObjectName(u"notePlainTextEdit"_s);
    m_publicCheck->setChecked(publicByDefault);
    auto *layout = new QVBoxLayout(this);
    auto *responseRow = new QHBoxLayout;
    auto *responseLabel = new QLabel(tr("Ready &answer:"), this);
    responseLabel->setBuddy(m_responseCombo);
    m_responseCombo->setObjectName(u"responseComboBox"_s);
    m_responseCombo->setProperty("dimosLabel", QVariant::fromValue<QWidget *>(responseLabel));
    responseRow->addWidget(responseLabel);
    responseRow->addWidget(m_responseCombo, 1);
    layout->addLayout(responseRow);
    layout->addWidget(m_textEdit);
    layout->addWidget(m_publicCheck);
    addButtons(this, layout, tr("Add note"));
    fillResponses(m_responseCombo, {}, QString());
    connectResponses(m_responseCombo, m_textEdit);
}

void NoteDialog::setResponses(const QList<CannedResponse> &responses, const QString &language)
{
    fillResponses(m_responseCombo, responses, language);
}

QString NoteDialog::text() const
{
    return m_textEdit->toPlainText().trimmed();
}

bool NoteDialog::isPublic() const
{
    return m_publicCheck->isChecked();
}

AssignDialog::AssignDialog(const QList<Choice> &departments, const QList<Person> &people,
    std::optional<qint64> department, std::optional<qint64> assignee, bool mayChangeDepartment, QWidget *parent)
    : QDialog(parent),
      m_departmentCombo(new QComboBox(this)),
      m_assigneeCombo(new QComboBox(this)),
      m_people(people),
      m_initialAssignee(assignee)
{
    setWindowTitle(tr("Assign"));
    m_departmentCombo->setObjectName(u"departmentComboBox"_s);
    m_assigneeCombo->setObjectName(u"assigneeComboBox"_s);
    for (const Choice &d : departments)
        m_departmentCombo->addItem(d.name, d.id);
    if (department) {
        const int i = m_departmentCombo->findData(*department);
        if (i >= 0)
            m_departmentCombo->setCurrentIndex(i);
    }
    m_departmentCombo->setEnabled(mayChangeDepartment);
    if (!mayChangeDepartment)
        m_departmentCombo->setToolTip(tr("Only managers and administrators move reports between departments."));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->addRow(tr("&Department:"), m_departmentCombo);
    form->addRow(tr("&Clerk:"), m_assigneeCombo);
    layout->addLayout(form);
    addButtons(this, layout, tr("Assign"));
    connect(m_departmentCombo, &QComboBox::currentIndexChanged, this, &AssignDialog::fillPeople);
    fillPeople();
}

void AssignDialog::fillPeople()
{
    const qint64 dept = m_departmentCombo->currentData().toLongLong();
    m_assigneeCombo->clear();
    m_assigneeCombo->addItem(tr("(nobody)"), QVariant());
    for (const Person &p : m_people)
        if (p.departmentIds.contains(dept))
            m_assigneeCombo->addItem(p.name, p.id);
    if (m_initialAssignee) {
        const int i = m_assigneeCombo->findData(*m_initialAssignee);
        if (i >= 0)
            m_assigneeCombo->setCurrentIndex(i);
    }
}

std::optional<qint64> AssignDialog::departmentId() const
{
    if (m_departmentCombo->currentIndex() < 0)
        return std::nullopt;
    return m_departmentCombo->currentData().toLongLong();
}

std::optional<qint64> AssignDialog::assigneeId() const
{
    const QVariant v = m_assigneeCombo->currentData();
    if (!v.isValid())
        return std::nullopt;
    return v.toLongLong();
}

DuplicateDialog::DuplicateDialog(qint64 reportId, QWidget *parent)
    : QDialog(parent), m_originalSpin(new QSpinBox(this)), m_noteEdit(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Mark report %1 as a duplicate").arg(reportId));
    m_originalSpin->setObjectName(u"originalSpinBox"_s);
    m_originalSpin->setRange(1, std::numeric_limits<int>::max());
    m_originalSpin->setPrefix(u"#"_s);
    m_noteEdit->setPlaceholderText(tr("Optional public note, e.g. \"Already reported; we are on it.\""));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->addRow(tr("Duplicate of report:"), m_originalSpin);
    form->addRow(tr("&Note:"), m_noteEdit);
    layout->addLayout(form);
    addButtons(this, layout, tr("Mark as duplicate"));
}

qint64 DuplicateDialog::originalId() const
{
    return m_originalSpin->value();
}

QString DuplicateDialog::note() const
{
    return m_noteEdit->toPlainText().trimmed();
}

ScheduleDialog::ScheduleDialog(std::optional<qint64> currentMs, QWidget *parent)
    : QDialog(parent), m_dateEdit(new QDateEdit(this)), m_clearCheck(new QCheckBox(tr("No expected date"), this))
{
    setWindowTitle(tr("Expected completion"));
    m_dateEdit->setObjectName(u"expectedDateEdit"_s);
    m_dateEdit->setCalendarPopup(true);
    m_dateEdit->setMinimumDate(QDate::currentDate());
    m_dateEdit->setDate(
        currentMs ? QDateTime::fromMSecsSinceEpoch(*currentMs).date() : QDate::currentDate().addDays(7));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->addRow(tr("Expected by:"), m_dateEdit);
    layout->addLayout(form);
    layout->addWidget(m_clearCheck);
    addButtons(this, layout, tr("Save"));
    connect(m_clearCheck, &QCheckBox::toggled, m_dateEdit, &QWidget::setDisabled);
}

std::optional<qint64> ScheduleDialog::expectedMs() const
{
    if (m_clearCheck->isChecked())
        return std::nullopt;
    // The end of the chosen day, local time: "expected by Friday" means by Friday evening.
    return QDateTime(m_dateEdit->date(), QTime(17, 0)).toMSecsSinceEpoch();
}

RedactDialog::RedactDialog(qint64 reportId, const QString &description, QWidget *parent)
    : QDialog(parent), m_textEdit(new QPlainTextEdit(description, this)), m_reasonEdit(new QLineEdit(this))
{
    setWindowTitle(tr("Redact the description of report %1").arg(reportId));
    m_textEdit->setObjectName(u"redactTextEdit"_s);
    m_reasonEdit->setObjectName(u"redactReasonLineEdit"_s);
    m_reasonEdit->setPlaceholderText(tr("e.g. \"a neighbour's name and phone number\""));
    auto *layout = new QVBoxLayout(this);
    auto *help = new QLabel(tr("Edit the text the public will see. The old text is not kept anywhere, not even in "
                               "the history; only the reason is recorded there."),
        this);
    help->setWordWrap(true);
    layout->addWidget(help);
    auto *form = new QFormLayout;
    form->addRow(tr("&Description:"), m_textEdit);
    form->addRow(tr("&Reason:"), m_reasonEdit);
    layout->addLayout(form);
    m_okButton = addButtons(this, layout, tr("Redact"));
    connect(m_textEdit, &QPlainTextEdit::textChanged, this, &RedactDialog::check);
    connect(m_reasonEdit, &QLineEdit::textChanged, this, &RedactDialog::check);
    check();
    resize(560, 360);
}

void RedactDialog::check()
{
    // Nothing to do until the text changed, and the server wants a reason.
    m_okButton->setEnabled(!m_reasonEdit->text().trimmed().isEmpty() && m_textEdit->document()->isModified());
}

QString RedactDialog::description() const
{
    return m_textEdit->toPlainText().trimmed();
}

QString RedactDialog::reason() const
{
    return m_reasonEdit->text().trimmed();
}

} // namespace dimos
