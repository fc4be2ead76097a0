#pragma once

#include <QDialog>
#include <QJsonArray>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace dimos {

class Session;

// Administration → Routing rules (admin role): where a new report goes. A rule names a
// category and, optionally, an area — a named feature of a GIS layer of areas (municipal
// units, school districts, planning zones) — and sends the report to a department and/or a
// clerk of it. A rule with an area wins over one without; among equals the lower order.
// Saved through the API (/api/v1/routing-rules); reports filed afterwards follow at once.
class RoutingRulesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoutingRulesDialog)

public:
    explicit RoutingRulesDialog(Session *session, QWidget *parent = nullptr);
    ~RoutingRulesDialog() override;

    // Shows a rule by id in the editor; 0: a new one.
    bool select(qint64 id);
    QJsonObject edited() const;
    void save();
    void remove();
    // The editor's choices by value (tests, screenshots): false when a value is not offered.
    bool choose(
        const QString &category, const QString &layer, const QString &area, qint64 departmentId, qint64 assigneeId);

Q_SIGNALS:
    void loaded(int count);
    void saved(qint64 id);
    void removed(qint64 id);
    void failed(const QString &message);

private:
    void reload();
    void showRule(const QJsonObject &rule);
    void fillAreas();
    void fillClerks();
    QString describe(const QJsonObject &rule) const;

    Session *m_session;
    QJsonArray m_rules;
    QJsonArray m_layers; // GET /api/v1/routing-rules/areas
    qint64 m_id = 0;
    QListWidget *m_list;
    QComboBox *m_category;
    QComboBox *m_layer;
    QComboBox *m_area;
    QComboBox *m_department;
    QComboBox *m_clerk;
    QSpinBox *m_order;
    QCheckBox *m_active;
    QPushButton *m_remove;
    QLabel *m_status;
};

} // namespace dimos
