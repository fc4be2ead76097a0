#pragma once

#include <QMainWindow>
#include <QNetworkRequest>
#include <QPointer>

#include <memory>

#include "client/net/ApiClient.h"
#include "client/net/LiveClient.h"

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QNetworkAccessManager;
class QSpinBox;
class QSystemTrayIcon;
class QTemporaryDir;
class QTableView;
class QToolBar;
class QToolButton;

namespace dimos {

class IdentifyPanel;
class InformationView;
class LayerPanel;
class ProtocolView;
class RequestQueueView;
class MapWidget;
class ReportDetailPanel;
class ReportFilterModel;
class ReportTableModel;
class Session;

// The clerk's triage window: the queue (filters, Greek-aware search, sortable table), the
// map and the selected report side by side, all reading the session's one store. Every
// triage action has a menu entry, a toolbar button and a keyboard shortcut, and applies to
// every selected report (bulk assign and status).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Session *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    QList<qint64> selectedIds() const;
    void selectReports(const QList<qint64> &ids);
    MapWidget *map() const { return m_map; }
    QTableView *table() const { return m_table; }
    ReportDetailPanel *detailPanel() const { return m_detail; }
    ReportFilterModel *filterModel() const { return m_filter; }
    QAction *action(ReportAction action) const;
    // View → Requests for certificates: opens (or raises) the request queue window.
    RequestQueueView *showRequests();
    // The GIS layers' dock, the identify tool's panel and its toolbar toggle.
    LayerPanel *layerPanel() const { return m_layers; }
    IdentifyPanel *identifyPanel() const { return m_identify; }
    QAction *identifyAction() const { return m_identifyAction; }
    // File → Change my password. `required`: an administrator set the password, and the user
    // chooses their own now or signs out (DeskApp opens it so at sign-in).
    void changePassword(bool required);

    // Dialogs and message boxes go through these so tests can answer them.
    std::function<bool(QDialog &)> execDialog;
    std::function<void(const QString &title, const QString &text)> showMessage;

Q_SIGNALS:
    // The user picked a UI language in the View menu ("system", "el" or "en"); it is saved
    // already. DeskApp rebuilds the windows in it.
    void languageChosen(const QString &setting);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void signOut();
    void buildActions();
    QList<CannedResponse> cannedResponses(const QList<qint64> &ids) const;
    void buildMenus();
    QWidget *buildQueue();
    void fillFilterCombos();
    void applyFilters();
    void onTableSelectionChanged();
    void onMapSelectionChanged(const QList<qint64> &ids);
    void showSelected();
    void updateActions();
    void setConnectionState(LiveClient::State state);
    void onActionFailed(qint64 reportId, ReportAction action, const ApiFailure &failure);
    void notifyNewReport(qint64 id);
    void updateCounts();

    // Triage, on every selected report.
    void doAcknowledge();
    void doStatus(std::optional<ReportStatus> preset);
    void doNote(bool isPublic);
    void doAssign();
    void doPriority(Priority priority);
    void doDuplicate();
    void doReopen();
    void doModerate(bool approve);
    void doRedact();
    void setPhotoPublic(qint64 reportId, qint64 photoId, bool isPublic);
    // GET /media/<file> with the clerk's token (withheld photos are for staff only).
    QNetworkRequest mediaRequest(const QString &file) const;
    void doSchedule();

    Session *m_session;
    QPointer<InformationView> m_information;
    QPointer<RequestQueueView> m_requests;
    QPointer<ProtocolView> m_protocol;
    ReportTableModel *m_model;
    ReportFilterModel *m_filter;
    QTableView *m_table;
    MapWidget *m_map;
    ReportDetailPanel *m_detail;
    QLineEdit *m_searchEdit;
    QComboBox *m_statusCombo;
    QComboBox *m_categoryCombo;
    QComboBox *m_departmentCombo;
    QComboBox *m_assigneeCombo;
    QComboBox *m_priorityCombo;
    QSpinBox *m_ageSpin;
    QLabel *m_connectionLabel;
    QLabel *m_countLabel;
    QNetworkAccessManager *m_nam; // photos and the boundary
    std::unique_ptr<QTemporaryDir> m_photoDir; // full-size photos opened for viewing
    QSystemTrayIcon *m_tray = nullptr;
    QHash<int, QAction *> m_actions;
    QAction *m_zoomToSelection = nullptr;
    QAction *m_changePassword = nullptr;
    QAction *m_reload = nullptr;
    LayerPanel *m_layers = nullptr;
    IdentifyPanel *m_identify = nullptr;
    QAction *m_identifyAction = nullptr;
    void buildGisDocks(QToolBar *toolbar);
    bool m_syncingSelection = false;
    qint64 m_detailRequestedFor = 0;
};

} // namespace dimos
