#include "ProtocolView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include "client/app/Session.h"
#include "client/net/ApiClient.h"
#include "client/store/ReportStore.h"
#include "shared/domain/RequestCase.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr int kLimit = 500;

QString directionText(const QString &direction)
{
    if (direction == u"in"_s)
        return ProtocolView::tr("Incoming");
    if (direction == u"out"_s)
        return ProtocolView::tr("Outgoing");
    if (direction == u"internal"_s)
        return ProtocolView::tr("Internal");
    return direction;
}

} // namespace

ProtocolView::ProtocolView(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new QStandardItemModel(this))
{
    auto *outer = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    auto *row1 = new QHBoxLayout;
    m_book = new QComboBox(this);
    m_book->addItem(tr("General register"), u"general"_s);
    if (session->user().role != Role::Clerk)
        m_book->addItem(tr("Confidential register"), u"confidential"_s);
    m_number = new QLineEdit(this);
    m_number->setPlaceholderText(tr("number"));
    m_number->setMaximumWidth(120);
    m_direction = new QComboBox(this);
    m_direction->addItem(tr("Any direction"), QString());
    m_direction->addItem(tr("Incoming"), u"in"_s);
    m_direction->addItem(tr("Outgoing"), u"out"_s);
    m_direction->addItem(tr("Internal"), u"internal"_s);
    m_department = new QComboBox(this);
    row1->addWidget(m_book);
    row1->addWidget(m_number);
    row1->addWidget(m_direction);
    row1->addWidget(m_department, 1);
    auto *bookLabel = new QLabel(tr("&Book and number:"), this);
    bookLabel->setBuddy(m_book);
    form->addRow(bookLabel, row1);

    auto *row2 = new QHBoxLayout;
    m_useFrom = new QCheckBox(tr("&From"), this);
    m_from = new QDateEdit(QDate::currentDate().addMonths(-1), this);
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(u"dd/MM/yyyy"_s);
    m_useTo = new QCheckBox(tr("&to"), this);
    m_to = new QDateEdit(QDate::currentDate(), this);
    m_to->setCalendarPopup(true);
    m_to->setDisplayFormat(u"dd/MM/yyyy"_s);
    m_text = new QLineEdit(this);
    m_text->setPlaceholderText(tr("subject or sender/recipient, e.g. βεβαιωση"));
    m_text->setClearButtonEnabled(true);
    row2->addWidget(m_useFrom);
    row2->addWidget(m_from);
    row2->addWidget(m_useTo);
    row2->addWidget(m_to);
    row2->addWidget(m_text, 1);
    form->addRow(tr("Dates and text:"), row2);
    outer->addLayout(form);

    auto *buttons = new QHBoxLayout;
    m_search = new QPushButton(tr("&Search"), this);
    m_search->setDefault(true);
    m_export = new QPushButton(tr("&Export as CSV…"), this);
    m_status = new QLabel(this);
    buttons->addWidget(m_search);
    buttons->addWidget(m_export);
    if (session->user().role == Role::Admin) {
        m_import = new QPushButton(tr("&Import numbers from CSV…"), this);
        m_import->setToolTip(tr("Numbers given by another protocol system, in the export's columns; all or nothing"));
        buttons->addWidget(m_import);
        connect(m_import, &QPushButton::clicked, this, [this] {
            const QString fileName = QFileDialog::getOpenFileName(
                this, tr("Import protocol numbers"), QString(), tr("CSV files (*.csv);;All files (*)"));
            if (!fileName.isEmpty())
                importFile(fileName);
        });
    }
    buttons->addWidget(m_status, 1);
    outer->addLayout(buttons);

    m_model->setHorizontalHeaderLabels({tr("Protocol no."), tr("Registered"), tr("Direction"), tr("Sender / recipient"),
        tr("Subject"), tr("Department"), tr("Attachments")});
    m_table = new QTableView(this);
    m_table->setObjectName(u"protocolTable"_s);
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(4, QHeaderView::Stretch);
    outer->addWidget(m_table, 1);

    fillDepartments();
    connect(session->store(), &ReportStore::lookupsChanged, this, &ProtocolView::fillDepartments);
    connect(m_search, &QPushButton::clicked, this, &ProtocolView::search);
    connect(m_number, &QLineEdit::returnPressed, this, &ProtocolView::search);
    connect(m_text, &QLineEdit::returnPressed, this, &ProtocolView::search);
    connect(m_export, &QPushButton::clicked, this, &ProtocolView::exportCsv);
    connect(session->api(), &ApiClient::protocolLoaded, this, &ProtocolView::showEntries);
    connect(
        session->api(), &ApiClient::requestFailed, this, [this](ApiClient::Operation op, const ApiFailure &failure) {
            if (op == ApiClient::Operation::Protocol)
                m_status->setText(tr("The search failed: %1").arg(failure.message));
        });
    connect(session->api(), &ApiClient::downloaded, this,
        [this](const QString &path, const QByteArray &bytes, const QString &) {
            if (path != m_exportPath)
                return;
            m_exportPath.clear();
            QString fileName = m_exportTarget;
            if (fileName.isEmpty())
                fileName = QFileDialog::getSaveFileName(this, tr("Export the protocol register"),
                    u"protocol-%1.csv"_s.arg(QDate::currentDate().toString(u"yyyy-MM-dd"_s)), tr("CSV files (*.csv)"));
            if (fileName.isEmpty())
                return;
            QFile file(fileName);
            if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
                m_status->setText(tr("Could not write %1: %2").arg(fileName, file.errorString()));
                return;
            }
            file.close();
            m_status->setText(tr("Exported to %1.").arg(fileName));
            Q_EMIT exported(fileName);
        });
    connect(session->api(), &ApiClient::protocolImported, this, [this](int count) {
        m_status->setText(tr("%n entries imported.", nullptr, count));
        Q_EMIT imported(count);
        search();
    });
    connect(session->api(), &ApiClient::protocolImportFailed, this,
        [this](const ApiFailure &failure) { m_status->setText(tr("Nothing was imported: %1").arg(failure.message)); });
    connect(session->api(), &ApiClient::downloadFailed, this, [this](const QString &path, const ApiFailure &failure) {
        if (path != m_exportPath)
            return;
        m_exportPath.clear();
        m_status->setText(tr("The export failed: %1").arg(failure.message));
    });
}

ProtocolView::~ProtocolView() = default;

void ProtocolView::fillDepartments()
{
    const qint64 current = m_department->currentData().toLongLong();
    m_department->clear();
    m_department->addItem(tr("Any department"), qint64(0));
    for (const Department &d : m_session->store()->departments())
        m_department->addItem(m_session->store()->departmentName(d.id), d.id);
    const int index = m_department->findData(current);
    m_department->setCurrentIndex(index >= 0 ? index : 0);
}

QList<std::pair<QString, QString>> ProtocolView::filters() const
{
    QList<std::pair<QString, QString>> f;
    f.append({u"book"_s, m_book->currentData().toString()});
    if (!m_number->text().trimmed().isEmpty())
        f.append({u"number"_s, m_number->text().trimmed()});
    if (m_useFrom->isChecked())
        f.append({u"from"_s, m_from->date().toString(Qt::ISODate)});
    if (m_useTo->isChecked()) // the API's `to` is excluded: the day after
        f.append({u"to"_s, m_to->date().addDays(1).toString(Qt::ISODate)});
    if (!m_text->text().trimmed().isEmpty())
        f.append({u"q"_s, m_text->text().trimmed()});
    if (const qint64 department = m_department->currentData().toLongLong(); department != 0)
        f.append({u"department_id"_s, QString::number(department)});
    if (const QString direction = m_direction->currentData().toString(); !direction.isEmpty())
        f.append({u"direction"_s, direction});
    return f;
}

void ProtocolView::search()
{
    auto f = filters();
    f.append({u"limit"_s, QString::number(kLimit)});
    m_status->setText(tr("Searching…"));
    m_session->api()->searchProtocol(f);
}

void ProtocolView::showEntries(const QList<ProtocolEntryView> &entries, int total)
{
    m_model->removeRows(0, m_model->rowCount());
    for (const ProtocolEntryView &e : entries) {
        const QDateTime at = QDateTime::fromString(e.registeredAt, Qt::ISODateWithMs);
        QList<QStandardItem *> row{new QStandardItem(e.protocolNumber),
            new QStandardItem(at.isValid() ? at.toLocalTime().toString(u"dd/MM/yyyy HH:mm"_s) : e.registeredAt),
            new QStandardItem(directionText(e.direction)), new QStandardItem(e.correspondent),
            new QStandardItem(e.subject),
            new QStandardItem(e.departmentId ? m_session->store()->departmentName(e.departmentId) : QString()),
            new QStandardItem(e.attachmentCount ? QString::number(e.attachmentCount) : QString())};
        row.first()->setData(e.id, Qt::UserRole + 1);
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
    m_status->setText(int(entries.size()) < total
            ? tr("Showing the newest %1 of %2 entries; narrow the search to see the rest, or export them all.")
                  .arg(entries.size())
                  .arg(total)
            : tr("%n entries", nullptr, total));
    Q_EMIT searched(int(entries.size()), total);
}

void ProtocolView::importFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        m_status->setText(tr("Cannot read %1: %2").arg(fileName, file.errorString()));
        return;
    }
    m_status->setText(tr("Importing…"));
    m_session->api()->importProtocol(file.readAll(), m_book->currentData().toString());
}

void ProtocolView::exportCsv()
{
    QStringList parts;
    for (const auto &[key, value] : filters())
        parts << key + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value));
    m_exportPath = u"/api/v1/protocol/export.csv?"_s + parts.join(u'&');
    m_status->setText(tr("Exporting…"));
    m_session->api()->download(m_exportPath);
}

} // namespace dimos
