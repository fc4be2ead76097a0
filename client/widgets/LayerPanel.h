#pragma once

#include <QHash>
#include <QJsonObject>
#include <QTimer>
#include <QWidget>

#include <functional>

#include "client/map/VectorLayer.h"

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace dimos {

class MapWidget;
class Session;
struct ApiFailure;

// The GIS layers beside the map (a dock of the main window): the server's layers
// (GET /api/v1/layers) with a tick each and a swatch of the layer's colour. A ticked layer's
// features in the visible box are fetched for the map's zoom and drawn with the layer's style;
// panning or zooming fetches them again once the map has rested (kRefetchDelayMs), and an
// answer that arrives after a newer request for the same layer is dropped. A layer the server
// marks visible starts ticked.
//
// The panel owns what the map draws of the layers (MapWidget::setVectorLayers): the boundary
// stays the main window's.
//
// Administrators also edit a layer (names, style, shown when maps open: LayerPropertiesDialog)
// and remove it, from the buttons under the list or the list's context menu.
class LayerPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LayerPanel)

public:
    static constexpr int kRefetchDelayMs = 300;

    LayerPanel(Session *session, MapWidget *map, QWidget *parent = nullptr);
    ~LayerPanel() override;

    void reload(); // the layer list again (after an import)
    QStringList layerCodes() const; // in the list's order
    QStringList shownLayers() const;
    void setLayerShown(const QString &code, bool shown);
    QListWidget *list() const { return m_list; }

    // Administrators: the properties dialog of a layer (shown; saving reloads the list), or
    // nothing for an unknown code; removing a layer once `confirm` says yes.
    class LayerPropertiesDialog *editLayer(const QString &code);
    void removeLayer(const QString &code);
    std::function<bool(const QString &question)> confirm;

Q_SIGNALS:
    void layersListed(int count);
    void layerDrawn(const QString &code, int featureCount);

private:
    struct Entry
    {
        QString code;
        QString kind;
        QString name;
        QJsonObject style;
        QJsonObject info; // the layer as GET /api/v1/layers gives it
        bool shown = false;
        quint64 pending = 0; // the tag of the newest request
        std::optional<VectorLayer> drawn;
    };
    void onLayers(const QJsonArray &layers);
    void onFeatures(const QString &code, quint64 tag, const QByteArray &geoJson);
    void onItemChanged(QListWidgetItem *item);
    void fetch(Entry &entry);
    void fetchShown();
    void pushToMap();
    QString selectedCode() const;

    Session *m_session;
    MapWidget *m_map;
    QListWidget *m_list;
    QLabel *m_status;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QList<Entry> m_entries;
    quint64 m_nextTag = 1;
    QTimer m_refetch;
    bool m_filling = false;
};

} // namespace dimos
