#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace dimos {

class RequestFilterModel;
class RequestTableModel;
class RequestView;
class Session;

// "Requests": the certificate and programme requests of the clerk's departments, live (the
// store follows the event stream), most urgent first, with the days left to the legal
// deadline and overdue ones in red; the selected one opens in a RequestView beside the list.
class RequestQueueView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestQueueView)

public:
    explicit RequestQueueView(Session *session, QWidget *parent = nullptr);
    ~RequestQueueView() override;

    RequestView *requestView() const { return m_view; }
    QTableView *table() const { return m_table; }
    // Selects a request in the list (tests, a notification's click).
    bool select(qint64 id);

private:
    void fillDepartments();
    void updateCounts();

    Session *m_session;
    RequestTableModel *m_model;
    RequestFilterModel *m_filter;
    QComboBox *m_department;
    QCheckBox *m_openOnly;
    QLineEdit *m_search;
    QLabel *m_counts;
    QTableView *m_table;
    RequestView *m_view;
    QTimer *m_tick;
};

} // namespace dimos
