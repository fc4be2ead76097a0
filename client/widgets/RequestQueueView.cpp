#include "RequestQueueView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "client/app/Session.h"
#include "client/models/RequestTableModel.h"
#include "client/store/ReportStore.h"
#include "client/widgets/RequestView.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

namespace dimos {

RequestQueueView::RequestQueueView(Session *session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_model(new RequestTableModel(session->store(), Clock::system(), this)),
      m_filter(new RequestFilterModel(this)),
      m_tick(new QTimer(this))
{
    auto *outer = new QVBoxLayout(this);
    auto *filters = new QHBoxLayout;
    auto *departmentLabel = new QLabel(tr("&Department:"), this);
    m_department = new QComboBox(this);
    m_department->setObjectName(u"requestDepartmentComboBox"_s);
    departmentLabel->setBuddy(m_department);
    m_openOnly = new QCheckBox(tr("&Open only"), this);
    m_openOnly->setChecked(true);
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"requestSearchLineEdit"_s);
    m_search->setPlaceholderText(tr("Search: protocol number, applicant, request"));
    m_search->setClearButtonEnabled(true);
    m_counts = new QLabel(this);
    filters->addWidget(departmentLabel);
    filters->addWidget(m_department);
    filters->addWidget(m_openOnly);
    filters->addWidget(m_search, 1);
    filters->addWidget(m_counts);
    outer->addLayout(filters);

    auto *split = new QSplitter(Qt::Vertical, this);
    m_filter->setSourceModel(m_model);
    m_table = new QTableView(split);
    m_table->setObjectName(u"requestTable"_s);
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RequestTableModel::Deadline, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(RequestTableModel::Type, QHeaderView::Stretch);
    m_table->setAccessibleName(tr("Requests, the most urgent first"));
    m_view = new RequestView(session, split);
    split->addWidget(m_table);
    split->addWidget(m_view);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    m_table->setMinimumHeight(160);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->resizeSection(RequestTableModel::Deadline, 170);
    m_table->horizontalHeader()->resizeSection(RequestTableModel::Protocol, 130);
    m_table->horizontalHeader()->resizeSection(RequestTableModel::Applicant, 200);
    m_table->horizontalHeader()->resizeSection(RequestTableModel::Status, 190);
    m_table->horizontalHeader()->resizeSection(RequestTableModel::Assigned, 180);
    outer->addWidget(split, 1);

    fillDepartments();
    connect(session->store(), &ReportStore::lookupsChanged, this, &RequestQueueView::fillDepartments);
    connect(m_department, &QComboBox::currentIndexChanged, this,
        [this] { m_filter->setDepartment(m_department->currentData().toLongLong()); });
    connect(m_openOnly, &QCheckBox::toggled, m_filter, &RequestFilterModel::setOpenOnly);
    connect(m_search, &QLineEdit::textChanged, m_filter, &RequestFilterModel::setSearchText);
    connect(
        m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
            const qint64 id = current.isValid() ? current.data(RequestTableModel::IdRole).toLongLong() : 0;
            m_view->showRequest(id);
            m_filter->setPinned(id);
        });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &RequestQueueView::updateCounts);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &RequestQueueView::updateCounts);
    connect(m_filter, &QAbstractItemModel::dataChanged, this, &RequestQueueView::updateCounts);
    // Days left change at midnight, not only when data does.
    m_tick->setInterval(60'000);
    connect(m_tick, &QTimer::timeout, m_model, &RequestTableModel::refreshDeadlines);
    m_tick->start();
    updateCounts();
}

RequestQueueView::~RequestQueueView() = default;

void RequestQueueView::fillDepartments()
{
    const qint64 current = m_department->currentData().toLongLong();
    const QSignalBlocker blocker(m_department);
    m_department->clear();
    const StaffMember &me = m_session->user();
    const bool everyDepartment = me.role != Role::Clerk;
    m_department->addItem(everyDepartment ? tr("All departments") : tr("All my departments"), qint64(0));
    for (const Department &d : m_session->store()->departments())
        if (everyDepartment || me.departmentIds.contains(d.id))
            m_department->addItem(m_session->store()->departmentName(d.id), d.id);
    const int index = m_department->findData(current);
    m_department->setCurrentIndex(index >= 0 ? index : 0);
}

void RequestQueueView::updateCounts()
{
    int open = 0;
    int overdue = 0;
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex i = m_filter->index(row, 0);
        open += i.data(RequestTableModel::OpenRole).toBool() ? 1 : 0;
        overdue += i.data(RequestTableModel::OverdueRole).toBool() ? 1 : 0;
    }
    QString text = tr("%n open", nullptr, open);
    if (overdue > 0)
        text += u", "_s + tr("%n overdue", nullptr, overdue);
    m_counts->setText(text);
}

bool RequestQueueView::select(qint64 id)
{
    const int sourceRow = m_model->rowOf(id);
    if (sourceRow < 0)
        return false;
    const QModelIndex index = m_filter->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid())
        return false;
    m_table->setCurrentIndex(index);
    return true;
}

} // namespace dimos
