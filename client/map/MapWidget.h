#pragma once

#include <QHash>
#include <QImage>
#include <QList>
#include <QPainterPath>
#include <QPointer>
#include <QSet>
#include <QStaticText>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

#include "client/map/TileCache.h"
#include "client/map/VectorLayer.h"
#include "shared/domain/Report.h"
#include "shared/geo/ClusterIndex.h"

class QVariantAnimation;

namespace dimos {

// What a marker shows of its report.
struct MarkerInfo
{
    ReportStatus status = ReportStatus::New;
    QString categoryCode;
};

// What lies under a point of the map.
struct MapHit
{
    enum class Kind { None, Report, Cluster };
    Kind kind = Kind::None;
    qint64 reportId = 0; // Kind::Report
    Cluster cluster; // Kind::Cluster
    int zoom = 0; // the clustering zoom the cluster belongs to (for ClusterIndex::pointsIn)
};

// The triage map: Web Mercator raster tiles (when a tile server answers), the municipal
// boundary and other vector layers, and the reports as markers. Markers come from a
// ClusterIndex query for the visible box at the current integer zoom and are painted in one
// pass from cached sprites, so that 100k reports cost what the visible clusters cost; the
// map never holds one object per report beyond the index and a position/style table.
//
// Selection: setSelection() does not emit selectionChanged(); the signal reports what the
// user did (click, Ctrl+click, Shift+drag), so that a view that mirrors the table's
// selection into the map does not loop.
class MapWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MapWidget)

public:
    using MarkerLookup = std::function<MarkerInfo(qint64 id)>;

    explicit MapWidget(QWidget *parent = nullptr);
    ~MapWidget() override;

    TileCache *tileCache() const { return m_tiles; }
    void setTilesEnabled(bool enabled);
    bool tilesEnabled() const { return m_tilesEnabled; }

    // The reports. setReports/upsertReport remember each report's status and category;
    // setPoints/upsertPoint take only positions and ask the marker lookup (if set) for the
    // rest, which lets the map share the client store's data instead of copying it.
    void setReports(const QList<Report> &reports);
    void upsertReport(const Report &report);
    void setPoints(const QList<GeoPoint> &points);
    void upsertPoint(const GeoPoint &point);
    void removePoint(qint64 id);
    void setMarkerLookup(MarkerLookup lookup);
    // What a category's markers show; by default the first letter of its code.
    void setCategorySymbol(const QString &categoryCode, const QString &symbol);
    const ClusterIndex &index() const { return m_index; }

    // The municipal boundary, x = longitude, y = latitude.
    void setBoundary(const QList<QPolygonF> &rings);
    bool setBoundaryGeoJson(const QByteArray &geoJson, QString *error = nullptr);
    bool hasBoundary() const { return m_hasBoundary; }
    void setVectorLayers(const QList<VectorLayer> &layers);
    // The layers drawn under the markers, as last given (the boundary is not among them).
    const QList<VectorLayer> &vectorLayers() const { return m_vectorLayers; }
    // Identify: a click that does not drag says where (pointClicked) instead of selecting.
    void setIdentifyMode(bool on);
    bool identifyMode() const { return m_identify; }

    double zoom() const { return m_zoom; }
    double minZoom() const { return m_minZoom; }
    double maxZoom() const { return m_maxZoom; }
    // The zoom whose clusters are shown: the integer part of zoom().
    int clusterZoom() const;
    void setZoom(double zoom);
    // Zooms keeping the map point under `anchor` (widget pixels) where it is.
    void zoomAround(double zoom, const QPointF &anchor);
    void centerOn(double lat, double lon);
    void centerOn(double lat, double lon, double zoom);
    void center(double *lat, double *lon) const;
    // Shows the whole box, as close as it fits.
    void setViewport(const LatLonBox &box);
    // Shows the whole municipal boundary (also the Home key).
    void fitBoundary();
    LatLonBox currentBox() const;
    // Wheel zoom and cluster clicks glide when animated (the default); tests turn it off.
    void setAnimated(bool animated) { m_animated = animated; }

    QPointF toScreen(double lat, double lon) const;
    void fromScreen(const QPointF &point, double *lat, double *lon) const;

    QList<qint64> selection() const { return m_selection; }
    void setSelection(const QList<qint64> &ids);
    void zoomToSelection();

    MapHit hitTest(const QPoint &point) const;

Q_SIGNALS:
    void selectionChanged(const QList<qint64> &ids);
    void reportActivated(qint64 id); // double click on a report
    void viewChanged();
    void pointClicked(double lat, double lon); // in identify mode

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Shape
    {
        QPainterPath fill; // normalised Web Mercator coordinates, even-odd
        QList<QPolygonF> lines;
        QList<QPointF> points;
        QRectF bounds;
        QColor color;
        bool filled = true;
        bool boundary = false;
        double weight = 0; // 0: the default
        int fillAlpha = -1; // -1: the default
        double radius = 5;
    };
    enum class Drag { None, Pan, Select };

    double worldSize() const;
    QPointF normalizedAt(const QPointF &widgetPoint) const;
    QPointF screenOfNormalized(const QPointF &normalized) const;
    void setCenterNormalized(const QPointF &normalized);
    void animateTo(double zoom, const QPointF &anchorNormalized, const QPointF &from, const QPointF &to);
    void applyAnimation(double t);
    LatLonBox boxOf(const QRectF &widgetRect) const;
    void stopAnimation();
    void select(const QList<qint64> &ids);

    quint32 packInfo(const MarkerInfo &info);
    quint32 styleOf(qint64 id);
    static Shape shapeOf(const VectorLayer &layer, bool boundary);

    void paintTiles(QPainter &painter);
    void paintShapes(QPainter &painter);
    void drawShapes(QPainter &painter, const QPointF &origin, const QSizeF &size) const;
    void paintMarkers(QPainter &painter);
    void paintOverlay(QPainter &painter);
    const QImage &singleSprite(quint32 style, bool selected, qreal dpr);
    const QImage &clusterSprite(int count, qreal dpr);
    int clusterRadius(int count) const;
    bool pullsOutSelection() const;

    ClusterIndex m_index;
    QHash<qint64, QPointF> m_positions; // id → (lon, lat)
    QHash<qint64, quint32> m_styles; // id → packed status + category index
    MarkerLookup m_lookup;
    QStringList m_categoryCodes;
    QHash<QString, quint32> m_categoryIndex;
    QHash<QString, QString> m_categorySymbols;

    std::vector<Shape> m_shapes;
    QList<VectorLayer> m_vectorLayers;
    bool m_identify = false;
    LatLonBox m_boundaryBox;
    bool m_hasBoundary = false;

    TileCache *m_tiles;
    bool m_tilesEnabled = true;
    QList<TileId> m_tileWishes;

    QPointF m_centerN{0.5, 0.5};
    double m_zoom = 2;
    double m_minZoom = 1;
    double m_maxZoom = 19;
    bool m_animated = true;
    QVariantAnimation *m_animation = nullptr;
    // An animation moves the map point m_anchorN from one widget position to another while
    // the zoom goes from one value to another.
    double m_fromZoom = 2;
    double m_targetZoom = 2;
    QPointF m_fromAnchor;
    QPointF m_toAnchor;
    QPointF m_anchorN;

    QList<qint64> m_selection;
    QSet<qint64> m_selected;

    Drag m_drag = Drag::None;
    QPoint m_pressPos;
    QPoint m_dragPos;
    QPointF m_pressCenterN;
    bool m_moved = false;

    // Sprites: one image per (status, category, selected) and per cluster count, drawn once
    // and then blitted, so a frame does no text layout or antialiased path filling per marker.
    QHash<quint64, QImage> m_singleSprites;
    QHash<int, QImage> m_clusterSprites;
    qreal m_spriteDpr = 0;
    // The shapes drawn at m_shapeCacheZoom onto an image whose top-left corner is at
    // m_shapeCacheOrigin (world pixels); see paintShapes().
    QImage m_shapeCache;
    QPointF m_shapeCacheOrigin;
    double m_shapeCacheZoom = -1;
    QTimer m_shapeRest; // single shot: the zoom rested, draw the shapes' image sharp again
    double m_shapeRestZoom = -1; // the zoom m_shapeRest waits at
    QStaticText m_attributionText;
    QString m_attributionSource;
};

} // namespace dimos
