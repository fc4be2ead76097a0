#pragma once

#include <QWidget>

class QJsonArray;
class QLabel;
class QTreeWidget;

namespace dimos {

class Session;

// "What is here" for the map's identify tool: a click on the map in identify mode asks the
// server (GET /api/v1/whatishere) and the panel shows each feature found — its layer, its name,
// the building terms of a planning zone, and every attribute — in one tree.
class IdentifyPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdentifyPanel)

public:
    // The tolerance for lines and points, in metres (about a finger's width at street zoom).
    static constexpr double kToleranceMeters = 25;

    explicit IdentifyPanel(Session *session, QWidget *parent = nullptr);
    ~IdentifyPanel() override;

    void identifyAt(double lat, double lon);
    QTreeWidget *tree() const { return m_tree; }

Q_SIGNALS:
    void identified(int featureCount);

private:
    void showFeatures(double lat, double lon, const QJsonArray &features);

    Session *m_session;
    QLabel *m_heading;
    QTreeWidget *m_tree;
    double m_lat = 0, m_lon = 0;
};

} // namespace dimos
