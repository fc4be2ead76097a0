#include "AuditLogDialog.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIntValidator>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "client/app/Session.h"
#include "client/net/ApiClient.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

QString actionText(const QString &action)
{
    if (action == u"view_request"_s)
        return AuditLogDialog::tr("Opened the request");
    if (action == u"open_document"_s)
        return AuditLogDialog::tr("Opened a supporting document");
    if (action == u"open_answer"_s)
        return AuditLogDialog::tr("Opened the answer");
    return action;
}

QString kindText(const QString &kind)
{
    if (kind == u"staff"_s)
        return AuditLogDialog::tr("Staff");
    if (kind == u"citizen"_s)
        return AuditLogDialog::tr("Applicant");
    if (kind == u"system"_s)
        return AuditLogDialog::tr("System");
    return kind;
}

} // namespace

AuditLogDialog::AuditLogDialog(Session *session, QWidget *parent) : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Audit log of personal data"));
    auto *outer = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Every opening of a request, a supporting document or an answer, by staff or by the "
                                "applicant. Rows are never changed or deleted."),
        this);
    intro->setWordWrap(true);
    outer->addWidget(intro);

    auto *filters = new QHBoxLayout;
    auto *requestLabel = new QLabel(tr("&Request no.:"), this);
    m_request = new QLineEdit(this);
    m_request->setValidator(new QIntValidator(1, std::numeric_limits<int>::max(), m_request));
    m_request->setMaximumWidth(100);
    requestLabel->setBuddy(m_request);
    m_useFrom = new QCheckBox(tr("&From"), this);
    m_from = new QDateEdit(QDate::currentDate().addDays(-30), this);
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(u"dd/MM/yyyy"_s);
    m_useTo = new QCheckBox(tr("&to"), this);
    m_to = new QDateEdit(QDate::currentDate(), this);
    m_to->setCalendarPopup(true);
    m_to->setDisplayFormat(u"dd/MM/yyyy"_s);
    auto *searchButton = new QPushButton(tr("&Search"), this);
    searchButton->setDefault(true);
    filters->addWidget(requestLabel);
    filters->addWidget(m_request);
    filters->addWidget(m_useFrom);
    filters->addWidget(m_from);
    filters->addWidget(m_useTo);
    filters->addWidget(m_to);
    filters->addWidget(searchButton);
    filters->addStretch(1);
    outer->addLayout(filters);

    m_table = new QTableWidget(0, 7, this);
    m_table->setObjectName(u"auditTable"_s);
    m_table->setHorizontalHeaderLabels(
        {tr("When"), tr("Who"), tr("As"), tr("What"), tr("Request"), tr("File (SHA-256)"), tr("From address")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    outer->addWidget(m_table, 1);
    m_status = new QLabel(this);
    outer->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    outer->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(searchButton, &QPushButton::clicked, this, &AuditLogDialog::search);
    connect(m_request, &QLineEdit::returnPressed, this, &AuditLogDialog::search);
    connect(session->api(), &ApiClient::auditLoaded, this, &AuditLogDialog::showEntries);
    connect(
        session->api(), &ApiClient::requestFailed, this, [this](ApiClient::Operation op, const ApiFailure &failure) {
            if (op == ApiClient::Operation::AuditLog)
                m_status->setText(tr("The audit log could not be loaded: %1").arg(failure.message));
        });
    resize(1100, 600);
    search();
}

AuditLogDialog::~AuditLogDialog() = default;

void AuditLogDialog::setRequestFilter(qint64 requestId)
{
    m_request->setText(requestId > 0 ? QString::number(requestId) : QString());
}

void AuditLogDialog::search()
{
    QList<std::pair<QString, QString>> filters;
    if (!m_request->text().isEmpty())
        filters.append({u"request_id"_s, m_request->text()});
    if (m_useFrom->isChecked())
        filters.append({u"from"_s, m_from->date().toString(Qt::ISODate)});
    if (m_useTo->isChecked()) // the API's `to` is excluded: the day after
        filters.append({u"to"_s, m_to->date().addDays(1).toString(Qt::ISODate)});
    m_status->setText(tr("Loading…"));
    m_session->api()->auditLog(filters);
}

void AuditLogDialog::showEntries(const QJsonArray &entries)
{
    m_table->setRowCount(0);
    for (const QJsonValue &v : entries) {
        const QJsonObject e = v.toObject();
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const qint64 at = qint64(e.value(u"at_ms"_s).toDouble());
        const QJsonValue request = e.value(u"request_id"_s);
        const QStringList cells{QDateTime::fromMSecsSinceEpoch(at).toString(u"dd/MM/yyyy HH:mm:ss"_s),
            e.value(u"actor_name"_s).toString(), kindText(e.value(u"actor_kind"_s).toString()),
            actionText(e.value(u"action"_s).toString()),
            request.isDouble() ? QString::number(request.toInteger()) : QString(),
            e.value(u"sha256"_s).toString().left(16), e.value(u"client_address"_s).toString()};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        m_table->item(row, 5)->setToolTip(e.value(u"sha256"_s).toString());
    }
    m_table->resizeColumnsToContents();
    m_status->setText(tr("%n row(s), newest first", nullptr, int(entries.size())));
    Q_EMIT loaded(int(entries.size()));
}

} // namespace dimos
