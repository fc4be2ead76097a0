#include "MainWindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDockWidget>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSaveFile>
#include <QSet>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "client/app/Language.h"
#include "client/app/Session.h"
#include "client/map/MapWidget.h"
#include "client/models/ReportFilterModel.h"
#include "client/models/ReportTableModel.h"
#include "client/widgets/ActionDialogs.h"
#include "client/widgets/AuditLogDialog.h"
#include "client/widgets/CategoriesDialog.h"
#include "client/widgets/DepartmentsDialog.h"
#include "client/widgets/IdentifyPanel.h"
#include "client/widgets/InformationView.h"
#include "client/widgets/LayerImportDialog.h"
#include "client/widgets/LayerPanel.h"
#include "client/widgets/PasswordDialog.h"
#include "client/widgets/ProtocolView.h"
#include "client/widgets/ReportDetailPanel.h"
#include "client/widgets/RequestQueueView.h"
#include "client/widgets/RequestTypesDialog.h"
#include "client/widgets/RoutingRulesDialog.h"
#include "client/widgets/StaffUsersDialog.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

// A window beside the main one (the information items, the requests, the protocol): made on
// first use, raised when open, deleted when closed.
template <typename W, typename Make> W *showToolWindow(QPointer<W> &slot, const QString &title, QSize size, Make make)
{
    if (!slot) {
        slot = make();
        slot->setWindowFlag(Qt::Window);
        slot->setAttribute(Qt::WA_DeleteOnClose);
        slot->setWindowTitle(title);
        slot->resize(size);
    }
    slot->show();
    slot->raise();
    slot->activateWindow();
    return slot;
}
constexpr double kSerresLat = 41.0912;
constexpr double kSerresLon = 23.5486;
} // namespace

MainWindow::MainWindow(Session *session, QWidget *parent)
    : QMainWindow(parent),
      m_session(session),
      m_model(new ReportTableModel(session->store(), this)),
      m_filter(new ReportFilterModel(this)),
      m_table(new QTableView(this)),
      m_map(new MapWidget(this)),
      m_detail(new ReportDetailPanel(this)),
      m_searchEdit(new QLineEdit(this)),
      m_statusCombo(new QComboBox(this)),
      m_categoryCombo(new QComboBox(this)),
      m_departmentCombo(new QComboBox(this)),
      m_assigneeCombo(new QComboBox(this)),
      m_priorityCombo(new QComboBox(this)),
      m_ageSpin(new QSpinBox(this)),
      m_connectionLabel(new QLabel(this)),
      m_countLabel(new QLabel(this)),
      m_nam(new QNetworkAccessManager(this))
{
    execDialog = [](QDialog &d) { return d.exec() == QDialog::Accepted; };
    showMessage = [this](const QString &title, const QString &text) { QMessageBox::information(this, title, text); };
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Dimos — %1").arg(session->server().host()));
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(ReportTableModel::SortRole);
    m_filter->setDynamicSortFilter(true);

    m_table->setObjectName(u"reportTableView"_s);
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ReportTableModel::Updated, Qt::DescendingOrder);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(ReportTableModel::Address, QHeaderView::Stretch);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_map->setObjectName(u"mapWidget"_s);
    m_detail->setObjectName(u"reportDetailPanel"_s);

    ReportStore *store = session->store();
    m_detail->setLookups({[store](const QString &code) -> std::optional<Category> {
                              const Category *c = store->category(code);
                              return c ? std::optional<Category>(*c) : std::nullopt;
                          },
        [store](qint64 id) { return store->departmentName(id); }, [store](qint64 id) { return store->userName(id); }});

    // The map shares the store's data: positions go into its index, status and category are
    // looked up when a marker is painted.
    m_map->setMarkerLookup([store](qint64 id) {
        const Report *r = store->find(id);
        return r ? MarkerInfo{r->status, r->serviceCode} : MarkerInfo{};
    });
    auto feedMap = [this, store] {
        QList<GeoPoint> points;
        points.reserve(store->size());
        for (qint64 id : store->ids())
            if (const Report *r = store->find(id); r && r->hasLocation)
                points.append({id, r->lat, r->lon});
        m_map->setPoints(points);
    };
    connect(store, &ReportStore::reset, this, feedMap);
    connect(store, &ReportStore::reportsAdded, this, [this, store](const QList<qint64> &ids) {
        for (qint64 id : ids)
            if (const Report *r = store->find(id); r && r->hasLocation)
                m_map->upsertPoint({id, r->lat, r->lon});
        updateCounts();
    });
    connect(store, &ReportStore::reportChanged, this, [this, store](qint64 id) {
        if (const Report *r = store->find(id)) {
            if (r->hasLocation)
                m_map->upsertPoint({id, r->lat, r->lon});
            else
                m_map->removePoint(id);
        }
        if (m_detail->reportId() == id)
            showSelected();
        updateActions();
    });
    connect(store, &ReportStore::reset, this, &MainWindow::updateCounts);
    connect(store, &ReportStore::lookupsChanged, this, &MainWindow::fillFilterCombos);
    connect(store, &ReportStore::newReportInMyDepartments, this, &MainWindow::notifyNewReport);

    auto *right = new QSplitter(Qt::Horizontal, this);
    right->addWidget(m_map);
    right->addWidget(m_detail);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(buildQueue());
    split->addWidget(right);
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 6);
    setCentralWidget(split);

    m_connectionLabel->setObjectName(u"connectionLabel"_s);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_connectionLabel);
    buildActions();
    buildMenus();
    fillFilterCombos();
    feedMap();
    updateCounts();

    connect(
        m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::onTableSelectionChanged);
    connect(m_map, &MapWidget::selectionChanged, this, &MainWindow::onMapSelectionChanged);
    connect(m_map, &MapWidget::reportActivated, this, [this](qint64 id) { selectReports({id}); });
    connect(session->live(), &LiveClient::stateChanged, this, &MainWindow::setConnectionState);
    connect(session, &Session::readOnlyChanged, this, &MainWindow::updateActions);
    connect(session->api(), &ApiClient::actionFailed, this, &MainWindow::onActionFailed);
    connect(session->api(), &ApiClient::actionSucceeded, this, [this](qint64 id, ReportAction, const Report &) {
        statusBar()->showMessage(tr("Report #%1 saved").arg(id), 4000);
        if (m_detail->reportId() == id)
            m_session->api()->reportDetail(id); // the history grew
    });
    connect(session->api(), &ApiClient::reportDetailLoaded, this,
        [this](const Report &report, const QList<ReportHistoryEntry> &history) {
            if (m_detail->reportId() != report.id)
                return;
            m_detail->showReport(report); // with the reporter's contact when we may see it
            m_detail->showHistory(report.id, history);
            for (const ReportPhoto &p : report.photos) {
                QNetworkReply *reply = m_nam->get(mediaRequest(p.sha256 + u".thumb.jpg"_s));
                connect(reply, &QNetworkReply::finished, this, [this, reply, id = report.id, p] {
                    reply->deleteLater();
                    QImage image;
                    if (reply->error() == QNetworkReply::NoError && image.loadFromData(reply->readAll()))
                        m_detail->addPhoto(id, p, image);
                });
            }
        });
    connect(session->api(), &ApiClient::requestFailed, this, [this](ApiClient::Operation op, const ApiFailure &f) {
        if (op == ApiClient::Operation::ReportDetail && m_detail->reportId())
            m_detail->showHistoryUnavailable(
                *m_detail->reportId(), tr("The history cannot be loaded: %1").arg(f.message));
    });
    connect(m_detail, &ReportDetailPanel::photoActivated, this, [this](const QString &sha) {
        // Fetched with the clerk's token (a withheld photo is not public), then opened from a
        // private temporary folder with the system's image viewer.
        QNetworkReply *reply = m_nam->get(mediaRequest(sha + u".jpg"_s));
        connect(reply, &QNetworkReply::finished, this, [this, reply, sha] {
            reply->deleteLater();
            if (reply->error() != QNetworkReply::NoError) {
                statusBar()->showMessage(tr("The photo cannot be loaded: %1").arg(reply->errorString()), 6000);
                return;
            }
            if (!m_photoDir)
                m_photoDir = std::make_unique<QTemporaryDir>();
            QFile file(m_photoDir->filePath(sha + u".jpg"_s));
            if (!m_photoDir->isValid() || !file.open(QIODevice::WriteOnly) || file.write(reply->readAll()) < 0) {
                statusBar()->showMessage(tr("The photo cannot be saved for viewing: %1").arg(file.errorString()), 6000);
                return;
            }
            file.close();
            QDesktopServices::openUrl(QUrl::fromLocalFile(file.fileName()));
        });
    });
    connect(m_detail, &ReportDetailPanel::photoVisibilityRequested, this, &MainWindow::setPhotoPublic);

    // The municipal boundary: drawn even when no tile server answers, and kept beside the
    // report cache so that it is there when the server is not.
    {
        auto useBoundary = [this](const QByteArray &geoJson) {
            QString error;
            const bool ok = m_map->setBoundaryGeoJson(geoJson, &error);
            if (ok && m_session->store()->size() == 0)
                m_map->centerOn(kSerresLat, kSerresLon, 11);
            return ok;
        };
        const QString cached = session->cacheSidecar(u"boundary.geojson"_s);
        auto useCached = [useBoundary, cached] {
            QFile file(cached);
            if (!cached.isEmpty() && file.open(QIODevice::ReadOnly))
                useBoundary(file.readAll());
        };
        if (session->api()->token().isEmpty()) {
            useCached();
        } else {
            QNetworkRequest req(QUrl(session->server().toString() + u"/api/v1/boundary"_s));
            req.setRawHeader("Authorization", "Bearer " + session->api()->token().toLatin1());
            req.setHeader(QNetworkRequest::UserAgentHeader, ApiClient::userAgent());
            QNetworkReply *reply = m_nam->get(req);
            connect(reply, &QNetworkReply::finished, this, [reply, useBoundary, useCached, cached] {
                reply->deleteLater();
                const QByteArray body = reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
                if (body.isEmpty() || !useBoundary(body)) {
                    useCached();
                    return;
                }
                QSaveFile file(cached);
                if (!cached.isEmpty() && file.open(QIODevice::WriteOnly)) {
                    file.write(body);
                    file.commit();
                }
            });
        }
    }
    QSettings settings;
    const QString tiles = settings.value(u"map/tile_url"_s).toString();
    if (!tiles.isEmpty())
        m_map->tileCache()->setUrlTemplate(tiles);
    m_map->setTilesEnabled(settings.value(u"map/tiles"_s, true).toBool());
    m_map->centerOn(kSerresLat, kSerresLon, 12);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(windowTitle());
        m_tray->show();
    }
    // Ages grow and reports pass their due time without any event: once a minute the queue
    // says so (the overdue highlight, the Age column, the age filter).
    auto *minute = new QTimer(this);
    minute->setInterval(60'000);
    connect(minute, &QTimer::timeout, m_model, &ReportTableModel::refreshTimes);
    minute->start();
    setConnectionState(session->live()->state());
    updateActions();
    resize(1500, 900);
    restoreGeometry(settings.value(u"ui/geometry"_s).toByteArray());
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::buildQueue()
{
    auto *queue = new QWidget(this);
    m_searchEdit->setObjectName(u"searchLineEdit"_s);
    m_searchEdit->setPlaceholderText(tr("Search: number, words, address…"));
    m_searchEdit->setClearButtonEnabled(true);
    m_statusCombo->setObjectName(u"statusFilterComboBox"_s);
    m_categoryCombo->setObjectName(u"categoryFilterComboBox"_s);
    m_departmentCombo->setObjectName(u"departmentFilterComboBox"_s);
    m_assigneeCombo->setObjectName(u"assigneeFilterComboBox"_s);
    m_priorityCombo->setObjectName(u"priorityFilterComboBox"_s);
    m_ageSpin->setObjectName(u"ageSpinBox"_s);
    m_ageSpin->setRange(0, 3650);
    m_ageSpin->setSpecialValueText(tr("any age"));
    m_ageSpin->setSuffix(tr(" days"));
    m_ageSpin->setToolTip(tr("Only reports filed within this many days"));

    auto *filters = new QHBoxLayout;
    filters->setContentsMargins(0, 0, 0, 0);
    for (QWidget *w : {static_cast<QWidget *>(m_statusCombo), static_cast<QWidget *>(m_categoryCombo),
             static_cast<QWidget *>(m_departmentCombo), static_cast<QWidget *>(m_assigneeCombo),
             static_cast<QWidget *>(m_priorityCombo), static_cast<QWidget *>(m_ageSpin)})
        filters->addWidget(w);
    auto *layout = new QVBoxLayout(queue);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_searchEdit);
    layout->addLayout(filters);
    layout->addWidget(m_table);

    connect(m_searchEdit, &QLineEdit::textChanged, m_filter, &ReportFilterModel::setSearchText);
    for (QComboBox *c : {m_statusCombo, m_categoryCombo, m_departmentCombo, m_assigneeCombo, m_priorityCombo})
        connect(c, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilters);
    connect(m_ageSpin, &QSpinBox::valueChanged, this, &MainWindow::applyFilters);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateCounts);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateCounts);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MainWindow::updateCounts);
    return queue;
}

void MainWindow::fillFilterCombos()
{
    ReportStore *store = m_session->store();
    const QString lang = Language::effective();
    auto refill = [](QComboBox *combo, const QString &allText, const QList<std::pair<QString, QVariant>> &items) {
        const QVariant current = combo->currentData();
        const QSignalBlocker block(combo);
        combo->clear();
        combo->addItem(allText, QVariant());
        for (const auto &[text, data] : items)
            combo->addItem(text, data);
        const int i = current.isValid() ? combo->findData(current) : 0;
        combo->setCurrentIndex(std::max(0, i));
    };
    QList<std::pair<QString, QVariant>> statuses{{tr("Open (new, acknowledged, in progress)"), u"open"_s},
        {tr("Closed (resolved, closed, rejected, duplicate)"), u"closed"_s}};
    for (ReportStatus s : allStatuses())
        statuses.append({ReportTableModel::statusText(s), statusToString(s)});
    refill(m_statusCombo, tr("All statuses"), statuses);
    QList<std::pair<QString, QVariant>> categories;
    for (const Category &c : store->categories())
        if (!c.isInformation()) // no reports there: the "Public information" window has them
            categories.append({c.name.in(lang), c.code});
    std::sort(categories.begin(), categories.end(),
        [](const auto &a, const auto &b) { return QString::localeAwareCompare(a.first, b.first) < 0; });
    refill(m_categoryCombo, tr("All categories"), categories);
    QList<std::pair<QString, QVariant>> departments;
    for (qint64 d : m_session->user().departmentIds)
        departments.append({tr("My department: %1").arg(store->departmentName(d)), QVariantList{d}});
    for (const Department &d : store->departments())
        departments.append({d.name.in(lang), QVariantList{d.id}});
    refill(m_departmentCombo, tr("All departments"), departments);
    QList<std::pair<QString, QVariant>> assignees{
        {tr("Assigned to me"), m_session->user().id}, {tr("Unassigned"), qint64(0)}};
    for (const StaffMember &u : store->users())
        if (u.active)
            assignees.append({u.displayName, u.id});
    refill(m_assigneeCombo, tr("Anyone"), assignees);
    QList<std::pair<QString, QVariant>> priorities;
    for (Priority p : {Priority::Urgent, Priority::High, Priority::Normal, Priority::Low})
        priorities.append({ReportTableModel::priorityText(p), static_cast<int>(p)});
    refill(m_priorityCombo, tr("All priorities"), priorities);
}

void MainWindow::applyFilters()
{
    QList<ReportStatus> statuses;
    const QString s = m_statusCombo->currentData().toString();
    if (s == u"open")
        statuses = {ReportStatus::New, ReportStatus::Acknowledged, ReportStatus::InProgress};
    else if (s == u"closed")
        statuses = {ReportStatus::Resolved, ReportStatus::Closed, ReportStatus::Rejected, ReportStatus::Duplicate};
    else if (const auto st = statusFromString(s))
        statuses = {*st};
    m_filter->setStatuses(statuses);
    const QString category = m_categoryCombo->currentData().toString();
    m_filter->setCategories(category.isEmpty() ? QStringList() : QStringList{category});
    QList<qint64> departments;
    for (const QVariant &v : m_departmentCombo->currentData().toList())
        departments.append(v.toLongLong());
    m_filter->setDepartments(departments);
    const QVariant assignee = m_assigneeCombo->currentData();
    if (!assignee.isValid())
        m_filter->setAssigneeFilter(ReportFilterModel::AssigneeFilter::Any);
    else if (assignee.toLongLong() == 0)
        m_filter->setAssigneeFilter(ReportFilterModel::AssigneeFilter::Unassigned);
    else
        m_filter->setAssigneeFilter(ReportFilterModel::AssigneeFilter::Clerk, assignee.toLongLong());
    const QVariant priority = m_priorityCombo->currentData();
    m_filter->setPriorities(
        priority.isValid() ? QList<Priority>{static_cast<Priority>(priority.toInt())} : QList<Priority>());
    m_filter->setMaxAgeDays(m_ageSpin->value());
    updateCounts();
}

void MainWindow::buildActions()
{
    struct Def
    {
        ReportAction action;
        QString text;
        QKeySequence key;
        std::function<void()> run;
    };
    const QList<Def> defs = {
        {ReportAction::Acknowledge, tr("&Acknowledge"), QKeySequence(Qt::Key_A), [this] { doAcknowledge(); }},
        {ReportAction::Status, tr("Change &status…"), QKeySequence(Qt::Key_S), [this] { doStatus(std::nullopt); }},
        {ReportAction::Note, tr("Public &note…"), QKeySequence(Qt::Key_N), [this] { doNote(true); }},
        {ReportAction::Assign, tr("Assi&gn…"), QKeySequence(Qt::Key_G), [this] { doAssign(); }},
        {ReportAction::Duplicate, tr("Mark as &duplicate…"), QKeySequence(Qt::Key_D), [this] { doDuplicate(); }},
        {ReportAction::Reopen, tr("Re&open"), QKeySequence(Qt::Key_O), [this] { doReopen(); }},
        {ReportAction::Schedule, tr("&Expected date…"), QKeySequence(Qt::Key_E), [this] { doSchedule(); }},
        {ReportAction::Moderate, tr("A&pprove for the public"), QKeySequence(Qt::Key_P), [this] { doModerate(true); }},
        {ReportAction::Redact, tr("Re&dact description…"), QKeySequence(Qt::SHIFT | Qt::Key_D), [this] { doRedact(); }},
    };
    for (const Def &d : defs) {
        auto *a = new QAction(d.text, this);
        a->setShortcut(d.key);
        a->setToolTip(
            u"%1 (%2)"_s.arg(QString(d.text).remove(u'&').remove(u"…"_s), d.key.toString(QKeySequence::NativeText)));
        connect(a, &QAction::triggered, this, d.run);
        addAction(a);
        m_actions.insert(static_cast<int>(d.action), a);
    }
    auto extra = [this](const QString &text, const QKeySequence &key, std::function<void()> run) {
        auto *a = new QAction(text, this);
        a->setShortcut(key);
        connect(a, &QAction::triggered, this, std::move(run));
        addAction(a);
        return a;
    };
    m_actions.insert(
        100, extra(tr("&In progress…"), QKeySequence(Qt::Key_I), [this] { doStatus(ReportStatus::InProgress); }));
    m_actions.insert(
        101, extra(tr("&Resolve…"), QKeySequence(Qt::Key_R), [this] { doStatus(ReportStatus::Resolved); }));
    m_actions.insert(102, extra(tr("&Internal note…"), QKeySequence(Qt::SHIFT | Qt::Key_N), [this] { doNote(false); }));
    m_actions.insert(
        103, extra(tr("&Hide from the public"), QKeySequence(Qt::SHIFT | Qt::Key_H), [this] { doModerate(false); }));
    const std::pair<Priority, QString> priorities[]
        = {{Priority::Low, tr("Priority: low")}, {Priority::Normal, tr("Priority: normal")},
            {Priority::High, tr("Priority: high")}, {Priority::Urgent, tr("Priority: urgent")}};
    int key = Qt::Key_1;
    for (const auto &[p, text] : priorities)
        m_actions.insert(200 + static_cast<int>(p), extra(text, QKeySequence(key++), [this, p = p] { doPriority(p); }));
    m_zoomToSelection = extra(tr("&Zoom to selection"), QKeySequence(Qt::Key_Z), [this] { m_map->zoomToSelection(); });
    m_reload
        = extra(tr("Reload &everything"), QKeySequence(Qt::Key_F5), [this] { m_session->api()->loadAllReports(); });
    extra(tr("Find"), QKeySequence::Find, [this] {
        m_searchEdit->setFocus();
        m_searchEdit->selectAll();
    });
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_changePassword = file->addAction(tr("Change my &password…"), this, [this] { changePassword(false); });
    file->addAction(tr("Sign &out"), this, &MainWindow::signOut);
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *report = menuBar()->addMenu(tr("&Report"));
    auto *toolbar = addToolBar(tr("Triage"));
    toolbar->setObjectName(u"triageToolBar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (int key : {static_cast<int>(ReportAction::Acknowledge), 100, 101, static_cast<int>(ReportAction::Status),
             static_cast<int>(ReportAction::Assign), static_cast<int>(ReportAction::Note), 102,
             static_cast<int>(ReportAction::Duplicate), static_cast<int>(ReportAction::Reopen),
             static_cast<int>(ReportAction::Schedule)}) {
        report->addAction(m_actions.value(key));
        toolbar->addAction(m_actions.value(key));
    }
    QMenu *moderation = report->addMenu(tr("&Moderation"));
    for (int key : {static_cast<int>(ReportAction::Moderate), 103, static_cast<int>(ReportAction::Redact)})
        moderation->addAction(m_actions.value(key));
    QMenu *priority = report->addMenu(tr("&Priority"));
    for (int p = 3; p >= 0; --p)
        priority->addAction(m_actions.value(200 + p));
    buildGisDocks(toolbar);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_zoomToSelection);
    view->addAction(m_reload);
    // The items staff publish in the information categories (events, pets, tourism), in a
    // window of their own beside the triage.
    view->addAction(tr("Public &information…"), this, [this] {
        showToolWindow(m_information, tr("Public information"), QSize(1100, 720),
            [this] { return new InformationView(m_session, this); });
    });
    // e-Dimotis: the certificate and programme requests of the clerk's departments, and the
    // document protocol register, each in a window of its own.
    QAction *requests = view->addAction(tr("&Requests for certificates…"), this, [this] { showRequests(); });
    requests->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    view->addAction(tr("Protocol re&gister…"), this, [this] {
        showToolWindow(m_protocol, tr("Protocol register"), QSize(1100, 640), [this] {
            auto *protocol = new ProtocolView(m_session, this);
            protocol->search();
            return protocol;
        });
    });
    QAction *tiles = view->addAction(tr("Map &background tiles"));
    tiles->setCheckable(true);
    tiles->setChecked(m_map->tilesEnabled());
    connect(tiles, &QAction::toggled, this, [this](bool on) {
        m_map->setTilesEnabled(on);
        QSettings().setValue(u"map/tiles"_s, on);
    });
    QMenu *language = view->addMenu(tr("&Language"));
    auto *group = new QActionGroup(this);
    for (const auto &[code, name] : {std::pair{u"system"_s, tr("As the system")}, std::pair{u"el"_s, u"Ελληνικά"_s},
             std::pair{u"en"_s, u"English"_s}}) {
        QAction *a = language->addAction(name);
        a->setCheckable(true);
        a->setChecked(Language::setting() == code);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, code = code] {
            Language::setSetting(code);
            Q_EMIT languageChosen(code);
        });
    }

    // Administration: only for admins (the server refuses everyone else anyway).
    if (m_session->user().role == Role::Admin) {
        QMenu *admin = menuBar()->addMenu(tr("&Administration"));
        admin->addAction(tr("&Request types…"), this, [this] {
            auto *dialog = new RequestTypesDialog(m_session, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show();
        });
        admin->addAction(tr("&Audit log…"), this, [this] {
            auto *dialog = new AuditLogDialog(m_session, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show();
        });
        const auto open = [this](QDialog *dialog) {
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show();
        };
        admin->addAction(tr("&Departments…"), this, [this, open] { open(new DepartmentsDialog(m_session, this)); });
        admin->addAction(tr("&Staff users…"), this, [this, open] { open(new StaffUsersDialog(m_session, this)); });
        admin->addAction(tr("&Categories…"), this, [this, open] { open(new CategoriesDialog(m_session, this)); });
        admin->addAction(tr("Ro&uting rules…"), this, [this, open] { open(new RoutingRulesDialog(m_session, this)); });
        admin->addAction(tr("Import &GIS layer…"), this, [this] {
            auto *dialog = new LayerImportDialog(m_session, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &LayerImportDialog::imported, m_layers, &LayerPanel::reload);
            dialog->show();
        });
    }
}

// The GIS layers (a dock beside the map) and the identify tool: a toolbar toggle that makes a
// click on the map ask the server what is there, shown in a dock of its own.
void MainWindow::buildGisDocks(QToolBar *toolbar)
{
    m_layers = new LayerPanel(m_session, m_map, this);
    auto *layersDock = new QDockWidget(tr("Map layers"), this);
    layersDock->setObjectName(u"layersDock"_s);
    layersDock->setWidget(m_layers);
    addDockWidget(Qt::RightDockWidgetArea, layersDock);
    m_identify = new IdentifyPanel(m_session, this);
    auto *identifyDock = new QDockWidget(tr("What is here"), this);
    identifyDock->setObjectName(u"identifyDock"_s);
    identifyDock->setWidget(m_identify);
    addDockWidget(Qt::RightDockWidgetArea, identifyDock);
    resizeDocks({layersDock}, {340}, Qt::Horizontal);
    identifyDock->hide();
    m_identifyAction = new QAction(tr("&Identify"), this);
    m_identifyAction->setCheckable(true);
    m_identifyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_identifyAction->setToolTip(tr("Click the map to see the layers' features there (Ctrl+I)"));
    toolbar->addSeparator();
    toolbar->addAction(m_identifyAction);
    connect(m_identifyAction, &QAction::toggled, this, [this, layersDock, identifyDock](bool on) {
        m_map->setIdentifyMode(on);
        if (on && identifyDock->isHidden()) {
            identifyDock->show();
            resizeDocks({layersDock, identifyDock}, {180, 600}, Qt::Vertical);
        }
    });
    connect(m_map, &MapWidget::pointClicked, m_identify, &IdentifyPanel::identifyAt);
}

QAction *MainWindow::action(ReportAction action) const
{
    return m_actions.value(static_cast<int>(action));
}

QList<qint64> MainWindow::selectedIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        ids.append(m_model->idAt(m_filter->mapToSource(index).row()));
    return ids;
}

void MainWindow::selectReports(const QList<qint64> &ids)
{
    QItemSelection selection;
    for (qint64 id : ids) {
        const int row = m_model->rowOf(id);
        if (row < 0)
            continue;
        const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
        if (index.isValid())
            selection.select(index, index.siblingAtColumn(ReportTableModel::ColumnCount - 1));
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!selection.isEmpty())
        m_table->scrollTo(selection.indexes().first());
}

void MainWindow::onTableSelectionChanged()
{
    if (!m_syncingSelection) {
        m_syncingSelection = true;
        m_map->setSelection(selectedIds());
        m_syncingSelection = false;
    }
    showSelected();
    updateActions();
}

void MainWindow::onMapSelectionChanged(const QList<qint64> &ids)
{
    if (m_syncingSelection)
        return;
    m_syncingSelection = true;
    selectReports(ids);
    m_syncingSelection = false;
    showSelected();
}

void MainWindow::showSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() != 1) {
        m_detail->showNothing(static_cast<int>(ids.size()));
        return;
    }
    const Report *r = m_session->store()->find(ids.first());
    if (!r)
        return;
    const bool fresh = m_detail->reportId() != r->id;
    m_detail->showReport(*r);
    if (fresh && !m_session->readOnly())
        m_session->api()->reportDetail(r->id);
    else if (fresh)
        m_detail->showHistoryUnavailable(r->id, tr("The history and photos cannot be loaded while offline."));
}

void MainWindow::updateActions()
{
    const QList<qint64> ids = selectedIds();
    const bool writable = !m_session->readOnly() && !ids.isEmpty();
    bool anyOpen = false, anyClosed = false, anyNew = false, anyNotPublic = false, anyNotHidden = false;
    for (qint64 id : ids)
        if (const Report *r = m_session->store()->find(id)) {
            anyOpen = anyOpen || isOpen(r->status);
            anyClosed = anyClosed || !isOpen(r->status);
            anyNew = anyNew || r->status == ReportStatus::New;
            anyNotPublic = anyNotPublic || r->visibility != Visibility::Public;
            anyNotHidden = anyNotHidden || r->visibility != Visibility::Hidden;
        }
    for (auto it = m_actions.begin(); it != m_actions.end(); ++it)
        it.value()->setEnabled(writable);
    action(ReportAction::Acknowledge)->setEnabled(writable && anyNew);
    action(ReportAction::Reopen)->setEnabled(writable && anyClosed);
    action(ReportAction::Duplicate)->setEnabled(writable && ids.size() == 1 && anyOpen);
    action(ReportAction::Schedule)->setEnabled(writable && anyOpen);
    action(ReportAction::Moderate)->setEnabled(writable && anyNotPublic);
    m_actions.value(103)->setEnabled(writable && anyNotHidden);
    action(ReportAction::Redact)->setEnabled(writable && ids.size() == 1);
    m_zoomToSelection->setEnabled(!ids.isEmpty());
    m_reload->setEnabled(!m_session->readOnly());
    if (m_changePassword)
        m_changePassword->setEnabled(!m_session->readOnly());
}

void MainWindow::signOut()
{
    m_session->signOut();
    close();
}

void MainWindow::changePassword(bool required)
{
    auto *dialog = new PasswordDialog(m_session->api(), required, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PasswordDialog::changed, this, [this](const StaffMember &user) {
        m_session->updateUser(user);
        statusBar()->showMessage(tr("Your password has been changed. Your other sessions were signed out."), 10000);
    });
    if (required)
        connect(dialog, &QDialog::rejected, this, &MainWindow::signOut, Qt::QueuedConnection);
    dialog->open();
}

void MainWindow::setConnectionState(LiveClient::State state)
{
    QString text, colour;
    switch (state) {
    case LiveClient::State::Live:
        text = tr("● Live");
        colour = u"#1b7f3b"_s;
        break;
    case LiveClient::State::Connecting:
        text = tr("● Connecting…");
        colour = u"#b26a00"_s;
        break;
    case LiveClient::State::Offline:
        text = m_session->readOnly() ? tr("● Offline — read-only, retrying") : tr("● Connection lost — retrying");
        colour = u"#b00020"_s;
        break;
    case LiveClient::State::Disconnected:
        text
            = m_session->readOnly() ? tr("● Offline — read-only; sign in again to make changes") : tr("● Disconnected");
        colour = u"#666666"_s;
        break;
    }
    m_connectionLabel->setText(text);
    m_connectionLabel->setStyleSheet(u"color: %1; font-weight: bold; padding: 0 6px;"_s.arg(colour));
}

void MainWindow::updateCounts()
{
    m_countLabel->setText(tr("%1 of %n reports shown", nullptr, m_session->store()->size()).arg(m_filter->rowCount()));
}

void MainWindow::notifyNewReport(qint64 id)
{
    const Report *r = m_session->store()->find(id);
    if (!r)
        return;
    const QString title = tr("New report #%1").arg(id);
    const QString body = m_session->store()->categoryName(r->serviceCode) + u" — "_s + r->description.left(120);
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, body, QSystemTrayIcon::Information, 8000);
    statusBar()->showMessage(title + u": "_s + body, 10000);
    QApplication::alert(this);
}

void MainWindow::onActionFailed(qint64 reportId, ReportAction, const ApiFailure &failure)
{
    if (failure.kind == ApiErrorKind::Conflict) {
        // The store already holds the current copy (ApiClient wrote it), so the window shows it.
        showMessage(tr("Changed by someone else"),
            tr("Report #%1 was changed by someone else while you were working on it. "
               "The window now shows its current state: check it and repeat your change "
               "if it still applies. Nothing was overwritten.")
                .arg(reportId));
        return;
    }
    if (failure.kind == ApiErrorKind::Unauthorized) {
        showMessage(tr("Signed out"), tr("Your session has ended. Sign in again."));
        return;
    }
    showMessage(tr("Report #%1 was not changed").arg(reportId), failure.message);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings().setValue(u"ui/geometry"_s, saveGeometry());
    m_session->saveCache();
    event->accept();
}

// ---- triage -------------------------------------------------------------------------------

void MainWindow::doAcknowledge()
{
    for (qint64 id : selectedIds())
        if (const Report *r = m_session->store()->find(id); r && r->status == ReportStatus::New)
            m_session->api()->acknowledge(id, r->version);
}

void MainWindow::doStatus(std::optional<ReportStatus> preset)
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    const Report *first = m_session->store()->find(ids.first());
    if (!first)
        return;
    StatusDialog dialog(first->status, static_cast<int>(ids.size()), this);
    dialog.setResponses(cannedResponses(ids), Language::effective());
    if (preset)
        dialog.setStatus(*preset);
    if (!execDialog(dialog))
        return;
    for (qint64 id : ids)
        if (const Report *r = m_session->store()->find(id); r && r->status != dialog.status())
            m_session->api()->setStatus(id, r->version, dialog.status(), dialog.note(), dialog.notePublic());
}

QList<CannedResponse> MainWindow::cannedResponses(const QList<qint64> &ids) const
{
    // The canned notes of the selected reports' categories, each once.
    QList<CannedResponse> out;
    QSet<QString> seen;
    for (qint64 id : ids) {
        const Report *r = m_session->store()->find(id);
        if (!r || seen.contains(r->serviceCode))
            continue;
        seen.insert(r->serviceCode);
        if (const Category *c = m_session->store()->category(r->serviceCode))
            for (const CannedResponse &response : c->responses)
                if (!out.contains(response))
                    out.append(response);
    }
    return out;
}

void MainWindow::doNote(bool isPublic)
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    NoteDialog dialog(isPublic, this);
    dialog.setResponses(cannedResponses(ids), Language::effective());
    if (!execDialog(dialog) || dialog.text().isEmpty())
        return;
    for (qint64 id : ids)
        if (const Report *r = m_session->store()->find(id))
            m_session->api()->addNote(id, r->version, dialog.text(), dialog.isPublic());
}

void MainWindow::doAssign()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    const Report *first = m_session->store()->find(ids.first());
    if (!first)
        return;
    ReportStore *store = m_session->store();
    QList<AssignDialog::Choice> departments;
    for (const Department &d : store->departments())
        if (d.active)
            departments.append({d.id, d.name.in(Language::effective())});
    QList<AssignDialog::Person> people;
    for (const StaffMember &u : store->users())
        if (u.active)
            people.append({u.id, u.displayName, u.departmentIds});
    const bool mayMove = m_session->user().role != Role::Clerk;
    AssignDialog dialog(departments, people, first->departmentId, first->assigneeId, mayMove, this);
    if (!execDialog(dialog))
        return;
    for (qint64 id : ids) {
        const Report *r = store->find(id);
        if (!r)
            continue;
        const std::optional<qint64> dept
            = dialog.departmentId() != r->departmentId ? dialog.departmentId() : std::nullopt;
        const std::optional<qint64> assignee = dialog.assigneeId();
        if (!dept && assignee == r->assigneeId)
            continue;
        m_session->api()->assign(id, r->version, dept, assignee, !assignee && r->assigneeId.has_value());
    }
}

void MainWindow::doPriority(Priority priority)
{
    for (qint64 id : selectedIds())
        if (const Report *r = m_session->store()->find(id); r && r->priority != priority)
            m_session->api()->setPriority(id, r->version, priority);
}

void MainWindow::doDuplicate()
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() != 1)
        return;
    const Report *r = m_session->store()->find(ids.first());
    if (!r)
        return;
    DuplicateDialog dialog(r->id, this);
    if (!execDialog(dialog))
        return;
    m_session->api()->markDuplicate(r->id, r->version, dialog.originalId(), dialog.note());
}

void MainWindow::doReopen()
{
    for (qint64 id : selectedIds())
        if (const Report *r = m_session->store()->find(id); r && !isOpen(r->status))
            m_session->api()->reopen(id, r->version);
}

void MainWindow::doSchedule()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    const Report *first = m_session->store()->find(ids.first());
    ScheduleDialog dialog(first ? first->expectedMs : std::nullopt, this);
    if (!execDialog(dialog))
        return;
    for (qint64 id : ids)
        if (const Report *r = m_session->store()->find(id); r && isOpen(r->status))
            m_session->api()->schedule(id, r->version, dialog.expectedMs());
}

QNetworkRequest MainWindow::mediaRequest(const QString &file) const
{
    QNetworkRequest req(QUrl(m_session->server().toString() + u"/media/"_s + file));
    req.setHeader(QNetworkRequest::UserAgentHeader, ApiClient::userAgent());
    if (!m_session->api()->token().isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_session->api()->token().toUtf8());
    return req;
}

void MainWindow::doModerate(bool approve)
{
    for (qint64 id : selectedIds())
        if (const Report *r = m_session->store()->find(id);
            r && r->visibility != (approve ? Visibility::Public : Visibility::Hidden))
            m_session->api()->moderate(id, r->version, approve);
}

void MainWindow::doRedact()
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() != 1)
        return;
    const Report *r = m_session->store()->find(ids.first());
    if (!r)
        return;
    RedactDialog dialog(r->id, r->description, this);
    if (!execDialog(dialog))
        return;
    m_session->api()->redact(r->id, r->version, dialog.description(), dialog.reason());
}

void MainWindow::setPhotoPublic(qint64 reportId, qint64 photoId, bool isPublic)
{
    if (const Report *r = m_session->store()->find(reportId); r && !m_session->readOnly())
        m_session->api()->setPhotoPublic(reportId, r->version, photoId, isPublic);
}

RequestQueueView *MainWindow::showRequests()
{
    return showToolWindow(m_requests, tr("Requests for certificates and programmes"), QSize(1280, 800),
        [this] { return new RequestQueueView(m_session, this); });
}

} // namespace dimos
