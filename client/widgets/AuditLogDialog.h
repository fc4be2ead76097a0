#pragma once

#include <QDialog>

class QCheckBox;
class QDateEdit;
class QJsonArray;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace dimos {

class Session;

// Administration → Audit log (admins): who opened which personal document or request, and
// when — staff opening a request or a supporting document, a citizen downloading their answer
// (GET /api/v1/audit). Filters: a request's number, a date range; newest first.
class AuditLogDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLogDialog)

public:
    explicit AuditLogDialog(Session *session, QWidget *parent = nullptr);
    ~AuditLogDialog() override;

    void search();
    QTableWidget *table() const { return m_table; }
    void setRequestFilter(qint64 requestId);

Q_SIGNALS:
    void loaded(int rows);

private:
    void showEntries(const QJsonArray &entries);

    Session *m_session;
    QLineEdit *m_request;
    QCheckBox *m_useFrom;
    QDateEdit *m_from;
    QCheckBox *m_useTo;
    QDateEdit *m_to;
    QTableWidget *m_table;
    QLabel *m_status;
};

} // namespace dimos
