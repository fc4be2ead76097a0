#include "MapWidget.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QVariantAnimation>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "client/map/StatusColors.h"
#include "client/map/WebMercator.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr double kSingleRadius = 9.0;
constexpr double kSelectedRadius = 12.5;
constexpr double kMaxClusterRadius = 28.0;
constexpr int kClickSlop = 4;
constexpr int kKeyPanPx = 100;
constexpr double kWheelZoomPerNotch = 0.5;
// Up to this many selected reports are drawn on top of everything, pulled out of their
// clusters, so a selection made in the table is always visible on the map; a bigger
// selection is only highlighted where its reports are drawn on their own.
constexpr qsizetype kMaxPulledOut = 500;
constexpr int kMaxClusterSprites = 4096;
constexpr int kShapeCacheMargin = 256; // logical pixels around the widget in the shapes' image
constexpr int kShapeRestMs = 150; // the zoom rests this long: the shapes' image is drawn anew
const QColor kBackground(0xf2, 0xef, 0xe9);
const QColor kBoundaryColor(0x6a, 0x1b, 0x9a);
const QColor kClusterColor(0x37, 0x47, 0x4f);
const QColor kSelectionColor(0xff, 0xc1, 0x07);

quint32 statusOfStyle(quint32 style)
{
    return style & 0xffu;
}

QString countLabel(int count)
{
    if (count < 1000)
        return QString::number(count);
    if (count < 10000)
        return QString::number(count / 1000.0, 'f', 1) + u'k';
    if (count < 1000000)
        return QString::number(count / 1000) + u'k';
    return QString::number(count / 1000000.0, 'f', 1) + u'M';
}

QImage newSprite(double logicalSize, qreal dpr)
{
    const int px = int(std::ceil(logicalSize * dpr));
    QImage image(px, px, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::transparent);
    return image;
}

} // namespace

MapWidget::MapWidget(QWidget *parent) : QWidget(parent), m_tiles(new TileCache(this))
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 150);
    m_categoryCodes.append(QString()); // index 0: no category
    m_categoryIndex.insert(QString(), 0);
    connect(m_tiles, &TileCache::tileReady, this, [this] { update(); });
    connect(m_tiles, &TileCache::serverReachableChanged, this, [this] { update(); });
    m_shapeRest.setSingleShot(true);
    m_shapeRest.setInterval(kShapeRestMs);
    connect(&m_shapeRest, &QTimer::timeout, this, [this] {
        if (m_zoom != m_shapeCacheZoom) {
            m_shapeCache = QImage();
            update();
        }
    });
}

MapWidget::~MapWidget() = default;

void MapWidget::setTilesEnabled(bool enabled)
{
    m_tilesEnabled = enabled;
    update();
}

// ---- data ----------------------------------------------------------------------------------

quint32 MapWidget::packInfo(const MarkerInfo &info)
{
    auto it = m_categoryIndex.constFind(info.categoryCode);
    if (it == m_categoryIndex.constEnd()) {
        const auto index = quint32(m_categoryCodes.size());
        m_categoryCodes.append(info.categoryCode);
        it = m_categoryIndex.insert(info.categoryCode, index);
    }
    return (*it << 8) | quint32(info.status);
}

quint32 MapWidget::styleOf(qint64 id)
{
    if (m_lookup)
        return packInfo(m_lookup(id));
    return m_styles.value(id, 0);
}

void MapWidget::setReports(const QList<Report> &reports)
{
    m_styles.clear();
    QList<GeoPoint> points;
    points.reserve(reports.size());
    m_styles.reserve(reports.size());
    for (const Report &report : reports) {
        if (!report.hasLocation)
            continue;
        points.append({report.id, report.lat, report.lon});
        m_styles.insert(report.id, packInfo({report.status, report.serviceCode}));
    }
    setPoints(points);
}

void MapWidget::upsertReport(const Report &report)
{
    if (!report.hasLocation) {
        removePoint(report.id);
        return;
    }
    m_styles.insert(report.id, packInfo({report.status, report.serviceCode}));
    upsertPoint({report.id, report.lat, report.lon});
}

void MapWidget::setPoints(const QList<GeoPoint> &points)
{
    m_positions.clear();
    m_positions.reserve(points.size());
    for (const GeoPoint &point : points)
        m_positions.insert(point.id, QPointF(point.lon, point.lat));
    m_index.build(points);
    update();
}

void MapWidget::upsertPoint(const GeoPoint &point)
{
    m_positions.insert(point.id, QPointF(point.lon, point.lat));
    m_index.upsert(point);
    update();
}

void MapWidget::removePoint(qint64 id)
{
    m_positions.remove(id);
    m_styles.remove(id);
    m_index.remove(id);
    if (m_selected.remove(id))
        m_selection.removeAll(id);
    update();
}

void MapWidget::setMarkerLookup(MarkerLookup lookup)
{
    m_lookup = std::move(lookup);
    update();
}

void MapWidget::setCategorySymbol(const QString &categoryCode, const QString &symbol)
{
    m_categorySymbols.insert(categoryCode, symbol);
    m_singleSprites.clear();
    update();
}

// ---- layers --------------------------------------------------------------------------------

MapWidget::Shape MapWidget::shapeOf(const VectorLayer &layer, bool boundary)
{
    Shape shape;
    shape.color = boundary ? kBoundaryColor : layer.color;
    shape.filled = layer.filled;
    shape.boundary = boundary;
    shape.weight = layer.weight;
    shape.fillAlpha = layer.fillOpacity < 0 ? -1 : int(std::lround(layer.fillOpacity * 255));
    shape.radius = layer.radius;
    shape.fill.setFillRule(Qt::OddEvenFill);
    const auto project = [](const QPolygonF &lonLat) {
        QPolygonF normalized;
        normalized.reserve(lonLat.size());
        for (const QPointF &p : lonLat)
            normalized.append(WebMercator::toNormalized(p.y(), p.x()));
        return normalized;
    };
    for (const QPolygonF &ring : layer.polygons) {
        shape.fill.addPolygon(project(ring));
        shape.fill.closeSubpath();
    }
    shape.bounds = shape.fill.boundingRect();
    for (const QPolygonF &line : layer.lines) {
        shape.lines.append(project(line));
        shape.bounds = shape.bounds.united(shape.lines.constLast().boundingRect());
    }
    for (const QPointF &p : layer.points) {
        shape.points.append(WebMercator::toNormalized(p.y(), p.x()));
        const QPointF &n = shape.points.constLast();
        shape.bounds = shape.bounds.isNull() ? QRectF(n, QSizeF(1e-9, 1e-9))
                                             : shape.bounds.united(QRectF(n, QSizeF(1e-9, 1e-9)));
    }
    return shape;
}

void MapWidget::setBoundary(const QList<QPolygonF> &rings)
{
    std::erase_if(m_shapes, [](const Shape &shape) { return shape.boundary; });
    m_hasBoundary = false;
    if (!rings.isEmpty()) {
        VectorLayer layer;
        layer.polygons = rings;
        // The boundary goes under the other layers' outlines but over their fills would be
        // ideal; drawn last, it stays visible over district fills.
        m_shapes.push_back(shapeOf(layer, true));
        QRectF bounds;
        for (const QPolygonF &ring : rings)
            bounds = bounds.united(ring.boundingRect());
        m_boundaryBox = {bounds.top(), bounds.left(), bounds.bottom(), bounds.right()};
        m_hasBoundary = true;
    }
    m_shapeCache = QImage();
    update();
}

bool MapWidget::setBoundaryGeoJson(const QByteArray &geoJson, QString *error)
{
    const std::optional<VectorLayer> layer = vectorLayerFromGeoJson(geoJson, error);
    if (!layer)
        return false;
    setBoundary(layer->polygons);
    return true;
}

void MapWidget::setIdentifyMode(bool on)
{
    m_identify = on;
    if (on)
        setCursor(Qt::CrossCursor);
    else
        unsetCursor();
}

void MapWidget::setVectorLayers(const QList<VectorLayer> &layers)
{
    m_vectorLayers = layers;
    std::vector<Shape> shapes;
    shapes.reserve(size_t(layers.size()) + 1);
    for (const VectorLayer &layer : layers)
        shapes.push_back(shapeOf(layer, false));
    for (Shape &shape : m_shapes)
        if (shape.boundary)
            shapes.push_back(std::move(shape));
    m_shapes = std::move(shapes);
    m_shapeCache = QImage();
    update();
}

// ---- view ----------------------------------------------------------------------------------

double MapWidget::worldSize() const
{
    return WebMercator::worldSize(m_zoom);
}

int MapWidget::clusterZoom() const
{
    return std::clamp(int(std::floor(m_zoom + 1e-9)), 0, m_index.maxZoom() + 1);
}

QPointF MapWidget::normalizedAt(const QPointF &widgetPoint) const
{
    const QPointF middle(width() / 2.0, height() / 2.0);
    return m_centerN + (widgetPoint - middle) / worldSize();
}

QPointF MapWidget::screenOfNormalized(const QPointF &normalized) const
{
    const QPointF middle(width() / 2.0, height() / 2.0);
    return (normalized - m_centerN) * worldSize() + middle;
}

QPointF MapWidget::toScreen(double lat, double lon) const
{
    return screenOfNormalized(WebMercator::toNormalized(lat, lon));
}

void MapWidget::fromScreen(const QPointF &point, double *lat, double *lon) const
{
    WebMercator::fromNormalized(normalizedAt(point), lat, lon);
}

void MapWidget::setCenterNormalized(const QPointF &normalized)
{
    m_centerN = QPointF(std::clamp(normalized.x(), 0.0, 1.0), std::clamp(normalized.y(), 0.0, 1.0));
    update();
    Q_EMIT viewChanged();
}

void MapWidget::setZoom(double zoom)
{
    zoomAround(zoom, QPointF(width() / 2.0, height() / 2.0));
}

void MapWidget::zoomAround(double zoom, const QPointF &anchor)
{
    const QPointF anchorN = normalizedAt(anchor);
    m_zoom = std::clamp(zoom, m_minZoom, m_maxZoom);
    m_targetZoom = m_zoom;
    setCenterNormalized(anchorN - (anchor - QPointF(width() / 2.0, height() / 2.0)) / worldSize());
}

void MapWidget::centerOn(double lat, double lon)
{
    stopAnimation();
    setCenterNormalized(WebMercator::toNormalized(lat, lon));
}

void MapWidget::centerOn(double lat, double lon, double zoom)
{
    stopAnimation();
    m_zoom = std::clamp(zoom, m_minZoom, m_maxZoom);
    m_targetZoom = m_zoom;
    setCenterNormalized(WebMercator::toNormalized(lat, lon));
}

void MapWidget::center(double *lat, double *lon) const
{
    WebMercator::fromNormalized(m_centerN, lat, lon);
}

void MapWidget::setViewport(const LatLonBox &box)
{
    stopAnimation();
    const QPointF a = WebMercator::toNormalized(box.maxLat, box.minLon);
    const QPointF b = WebMercator::toNormalized(box.minLat, box.maxLon);
    const double spanX = std::abs(b.x() - a.x());
    const double spanY = std::abs(b.y() - a.y());
    // A margin so that markers on the edge of the box are whole.
    const double margin = 2 * kSelectedRadius;
    const double w = std::max(1.0, width() - 2 * margin);
    const double h = std::max(1.0, height() - 2 * margin);
    double zoom = m_maxZoom;
    if (spanX > 0)
        zoom = std::min(zoom, std::log2(w / (spanX * WebMercator::kTileSize)));
    if (spanY > 0)
        zoom = std::min(zoom, std::log2(h / (spanY * WebMercator::kTileSize)));
    m_zoom = std::clamp(zoom, m_minZoom, m_maxZoom);
    m_targetZoom = m_zoom;
    setCenterNormalized((a + b) / 2.0);
}

void MapWidget::fitBoundary()
{
    if (m_hasBoundary)
        setViewport(m_boundaryBox);
}

LatLonBox MapWidget::boxOf(const QRectF &widgetRect) const
{
    const QPointF topLeft = normalizedAt(widgetRect.topLeft());
    const QPointF bottomRight = normalizedAt(widgetRect.bottomRight());
    LatLonBox box;
    WebMercator::fromNormalized(topLeft, &box.maxLat, &box.minLon);
    WebMercator::fromNormalized(bottomRight, &box.minLat, &box.maxLon);
    box.minLon = std::max(box.minLon, -180.0);
    box.maxLon = std::min(box.maxLon, 180.0);
    return box;
}

LatLonBox MapWidget::currentBox() const
{
    return boxOf(QRectF(rect()));
}

void MapWidget::animateTo(double zoom, const QPointF &anchorNormalized, const QPointF &from, const QPointF &to)
{
    zoom = std::clamp(zoom, m_minZoom, m_maxZoom);
    if (!m_animated) {
        m_zoom = zoom;
        m_targetZoom = zoom;
        setCenterNormalized(anchorNormalized - (to - QPointF(width() / 2.0, height() / 2.0)) / worldSize());
        return;
    }
    if (!m_animation) {
        m_animation = new QVariantAnimation(this);
        m_animation->setStartValue(0.0);
        m_animation->setEndValue(1.0);
        m_animation->setDuration(220);
        m_animation->setEasingCurve(QEasingCurve::OutCubic);
        connect(m_animation, &QVariantAnimation::valueChanged, this,
            [this](const QVariant &value) { applyAnimation(value.toDouble()); });
    }
    m_animation->stop();
    m_fromZoom = m_zoom;
    m_targetZoom = zoom;
    m_anchorN = anchorNormalized;
    m_fromAnchor = from;
    m_toAnchor = to;
    m_animation->start();
}

void MapWidget::applyAnimation(double t)
{
    m_zoom = m_fromZoom + (m_targetZoom - m_fromZoom) * t;
    const QPointF anchor = m_fromAnchor + (m_toAnchor - m_fromAnchor) * t;
    setCenterNormalized(m_anchorN - (anchor - QPointF(width() / 2.0, height() / 2.0)) / worldSize());
}

void MapWidget::stopAnimation()
{
    if (m_animation && m_animation->state() == QAbstractAnimation::Running) {
        m_animation->stop();
        m_zoom = m_targetZoom;
        setCenterNormalized(m_anchorN - (m_toAnchor - QPointF(width() / 2.0, height() / 2.0)) / worldSize());
    }
}

// ---- selection and hit testing ---------------------------------------------------------------

void MapWidget::setSelection(const QList<qint64> &ids)
{
    m_selection = ids;
    m_selected = QSet<qint64>(ids.cbegin(), ids.cend());
    update();
}

void MapWidget::select(const QList<qint64> &ids)
{
    if (ids == m_selection)
        return;
    setSelection(ids);
    Q_EMIT selectionChanged(m_selection);
}

void MapWidget::zoomToSelection()
{
    double minLon = 0, maxLon = 0, minLat = 0, maxLat = 0;
    bool any = false;
    for (qint64 id : std::as_const(m_selection)) {
        const auto it = m_positions.constFind(id);
        if (it == m_positions.constEnd())
            continue;
        minLon = any ? std::min(minLon, it->x()) : it->x();
        maxLon = any ? std::max(maxLon, it->x()) : it->x();
        minLat = any ? std::min(minLat, it->y()) : it->y();
        maxLat = any ? std::max(maxLat, it->y()) : it->y();
        any = true;
    }
    if (!any)
        return;
    if (minLon == maxLon && minLat == maxLat) {
        // One place: close enough to see the street, never further out than now.
        centerOn(minLat, minLon, std::max(m_zoom, 17.0));
        return;
    }
    setViewport({minLat, minLon, maxLat, maxLon});
}

bool MapWidget::pullsOutSelection() const
{
    return !m_selection.isEmpty() && m_selection.size() <= kMaxPulledOut;
}

int MapWidget::clusterRadius(int count) const
{
    return int(std::min(kMaxClusterRadius, 13.0 + 4.0 * std::log10(std::max(count, 1))));
}

MapHit MapWidget::hitTest(const QPoint &point) const
{
    MapHit hit;
    hit.zoom = clusterZoom();
    const QPointF p(point);
    if (pullsOutSelection()) {
        // Drawn last, so found first; the last drawn is on top.
        for (auto it = m_selection.crbegin(); it != m_selection.crend(); ++it) {
            const auto pos = m_positions.constFind(*it);
            if (pos == m_positions.constEnd())
                continue;
            const QPointF d = toScreen(pos->y(), pos->x()) - p;
            if (std::hypot(d.x(), d.y()) <= kSelectedRadius) {
                hit.kind = MapHit::Kind::Report;
                hit.reportId = *it;
                return hit;
            }
        }
    }
    const double reach = kMaxClusterRadius + 1;
    const QList<Cluster> clusters
        = m_index.query(boxOf(QRectF(p - QPointF(reach, reach), QSizeF(2 * reach, 2 * reach))), hit.zoom);
    double best = std::numeric_limits<double>::max();
    const bool pulledOut = pullsOutSelection();
    for (const Cluster &cluster : clusters) {
        if (cluster.count == 1 && pulledOut && m_selected.contains(cluster.pointId))
            continue;
        const QPointF d = toScreen(cluster.lat, cluster.lon) - p;
        const double distance = std::hypot(d.x(), d.y());
        const double radius = cluster.count > 1 ? clusterRadius(cluster.count) : kSingleRadius + 1;
        if (distance > radius || distance >= best)
            continue;
        best = distance;
        if (cluster.count > 1) {
            hit.kind = MapHit::Kind::Cluster;
            hit.cluster = cluster;
        } else {
            hit.kind = MapHit::Kind::Report;
            hit.reportId = cluster.pointId;
        }
    }
    return hit;
}

// ---- painting ------------------------------------------------------------------------------

const QImage &MapWidget::singleSprite(quint32 style, bool selected, qreal dpr)
{
    const quint64 key = (quint64(style) << 1) | quint64(selected);
    auto it = m_singleSprites.find(key);
    if (it != m_singleSprites.end())
        return *it;

    const double size = 2 * (kSelectedRadius + 1.5);
    QImage image = newSprite(size, dpr);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const QPointF c(size / 2, size / 2);
    const auto status = ReportStatus(statusOfStyle(style));
    if (selected) {
        painter.setPen(QPen(QColor(0x33, 0x33, 0x33), 1.0));
        painter.setBrush(kSelectionColor);
        painter.drawEllipse(c, kSelectedRadius, kSelectedRadius);
    }
    painter.setPen(QPen(Qt::white, 1.5));
    painter.setBrush(statusColor(status));
    painter.drawEllipse(c, kSingleRadius, kSingleRadius);

    const QString code = m_categoryCodes.value(qsizetype(style >> 8));
    QString symbol = m_categorySymbols.value(code);
    if (symbol.isNull()) {
        const auto letter = std::find_if(code.cbegin(), code.cend(), [](QChar ch) { return ch.isLetterOrNumber(); });
        if (letter != code.cend())
            symbol = letter->toUpper();
    }
    if (!symbol.isEmpty()) {
        QFont font = this->font();
        font.setBold(true);
        font.setPixelSize(symbol.size() > 1 ? 8 : 11);
        painter.setFont(font);
        painter.setPen(statusTextColor(status));
        painter.drawText(QRectF(c.x() - kSingleRadius, c.y() - kSingleRadius, 2 * kSingleRadius, 2 * kSingleRadius),
            Qt::AlignCenter, symbol);
    }
    painter.end();
    return *m_singleSprites.insert(key, std::move(image));
}

const QImage &MapWidget::clusterSprite(int count, qreal dpr)
{
    auto it = m_clusterSprites.find(count);
    if (it != m_clusterSprites.end())
        return *it;
    if (m_clusterSprites.size() >= kMaxClusterSprites)
        m_clusterSprites.clear();

    const int radius = clusterRadius(count);
    const double size = 2.0 * radius + 2;
    QImage image = newSprite(size, dpr);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const QPointF c(size / 2, size / 2);
    QColor halo = kClusterColor;
    halo.setAlpha(90);
    painter.setPen(Qt::NoPen);
    painter.setBrush(halo);
    painter.drawEllipse(c, radius, radius);
    painter.setPen(QPen(Qt::white, 1.5));
    painter.setBrush(kClusterColor);
    painter.drawEllipse(c, radius - 4.0, radius - 4.0);
    QFont font = this->font();
    font.setBold(true);
    font.setPixelSize(11);
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(QRectF(0, 0, size, size), Qt::AlignCenter, countLabel(count));
    painter.end();
    return *m_clusterSprites.insert(count, std::move(image));
}

void MapWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), kBackground);
    if (m_tilesEnabled)
        paintTiles(painter);
    paintShapes(painter);
    paintMarkers(painter);
    paintOverlay(painter);
}

void MapWidget::paintTiles(QPainter &painter)
{
    const int tileZoom = std::clamp(int(std::lround(m_zoom)), 0, m_tiles->maxZoom());
    const double scale = std::exp2(m_zoom - tileZoom);
    const double tileWorld = WebMercator::worldSize(tileZoom);
    const QPointF origin = m_centerN * tileWorld - QPointF(width() / 2.0, height() / 2.0) / scale;
    const TileRange range
        = WebMercator::tilesCovering(QRectF(origin, QSizeF(width() / scale, height() / scale)), tileZoom);

    painter.setRenderHint(QPainter::SmoothPixmapTransform, std::abs(scale - 1.0) > 1e-6);
    m_tileWishes.clear();
    for (int y = range.minY; y <= range.maxY; ++y) {
        for (int x = range.minX; x <= range.maxX; ++x) {
            // Edges rounded the same way for neighbours, so no seams at fractional zoom.
            const int left = int(std::floor((x * WebMercator::kTileSize - origin.x()) * scale));
            const int right = int(std::floor(((x + 1) * WebMercator::kTileSize - origin.x()) * scale));
            const int top = int(std::floor((y * WebMercator::kTileSize - origin.y()) * scale));
            const int bottom = int(std::floor(((y + 1) * WebMercator::kTileSize - origin.y()) * scale));
            const QRect target(QPoint(left, top), QPoint(right - 1, bottom - 1));
            const TileId id{tileZoom, x, y};
            if (const QImage *image = m_tiles->tile(id)) {
                painter.drawImage(target, *image);
                continue;
            }
            m_tileWishes.append(id);
            // Meanwhile, a coarser tile already in memory, magnified.
            for (int dz = 1; dz <= 4 && tileZoom - dz >= 0; ++dz) {
                const QImage *parent = m_tiles->memoryTile({tileZoom - dz, x >> dz, y >> dz});
                if (!parent)
                    continue;
                const double part = double(parent->width()) / (1 << dz);
                const QRectF source((x - ((x >> dz) << dz)) * part, (y - ((y >> dz) << dz)) * part, part, part);
                painter.drawImage(QRectF(target), *parent, source);
                break;
            }
        }
    }
    // Nearest to the middle first: that is where the clerk is looking.
    const QPointF middleTile = (m_centerN * tileWorld) / WebMercator::kTileSize;
    std::sort(m_tileWishes.begin(), m_tileWishes.end(), [&](const TileId &a, const TileId &b) {
        const QPointF da = QPointF(a.x + 0.5, a.y + 0.5) - middleTile;
        const QPointF db = QPointF(b.x + 0.5, b.y + 0.5) - middleTile;
        return QPointF::dotProduct(da, da) < QPointF::dotProduct(db, db);
    });
    m_tiles->request(m_tileWishes);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
}

// The shapes' antialiased fills and wide outlines cost tens of milliseconds a frame (Qt's
// stroker, measured in bench/map), so they are drawn once into an image a margin larger than
// the widget, at one zoom, and frames only copy it: 1:1 while that zoom holds (panning), and
// scaled while the zoom changes (wheel, animation) — a little soft for a moment, like a tile
// map. Once the zoom has rested for kShapeRestMs the image is drawn again, sharp, at the new
// zoom. A zoom too far from the image's (beyond 4x) draws a new image at once.
void MapWidget::paintShapes(QPainter &painter)
{
    if (m_shapes.empty())
        return;
    const qreal dpr = painter.device()->devicePixelRatioF();
    const double w = worldSize();
    // The widget's top-left corner in world pixels at this zoom.
    const QPointF viewOrigin = m_centerN * w - QPointF(width() / 2.0, height() / 2.0);
    const bool haveCache = !m_shapeCache.isNull() && dpr == m_shapeCache.devicePixelRatio();
    if (haveCache && m_zoom == m_shapeCacheZoom) {
        const QRectF cached(m_shapeCacheOrigin, QSizeF(m_shapeCache.size()) / dpr);
        if (cached.contains(QRectF(viewOrigin, QSizeF(size())))) {
            const QPointF offset = m_shapeCacheOrigin - viewOrigin;
            painter.drawImage(
                QPointF(std::round(offset.x() * dpr) / dpr, std::round(offset.y() * dpr) / dpr), m_shapeCache);
            return;
        }
    }
    const double scale = std::exp2(m_zoom - m_shapeCacheZoom);
    if (haveCache && m_zoom != m_shapeCacheZoom && scale >= 0.25 && scale <= 4) {
        // World pixels scale by 2^Δzoom: the image's corner lands at origin·scale − viewOrigin.
        const QRectF target(m_shapeCacheOrigin * scale - viewOrigin, QSizeF(m_shapeCache.size()) / dpr * scale);
        painter.save();
        painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
        painter.drawImage(target, m_shapeCache);
        painter.restore();
        if (m_zoom != m_shapeRestZoom) { // the zoom moved since the last frame: wait for it to rest
            m_shapeRestZoom = m_zoom;
            m_shapeRest.start();
        }
        return;
    }
    const QSizeF logical = QSizeF(size()) + QSizeF(2 * kShapeCacheMargin, 2 * kShapeCacheMargin);
    m_shapeCache = QImage((logical * dpr).toSize(), QImage::Format_ARGB32_Premultiplied);
    m_shapeCache.setDevicePixelRatio(dpr);
    m_shapeCache.fill(Qt::transparent);
    m_shapeCacheOrigin = viewOrigin - QPointF(kShapeCacheMargin, kShapeCacheMargin);
    m_shapeCacheZoom = m_zoom;
    QPainter cachePainter(&m_shapeCache);
    drawShapes(cachePainter, m_shapeCacheOrigin, logical);
    cachePainter.end();
    const QPointF offset = m_shapeCacheOrigin - viewOrigin;
    painter.drawImage(QPointF(std::round(offset.x() * dpr) / dpr, std::round(offset.y() * dpr) / dpr), m_shapeCache);
}

// Draws the shapes onto a device whose top-left corner is at `origin` (world pixels).
void MapWidget::drawShapes(QPainter &painter, const QPointF &origin, const QSizeF &size) const
{
    const double w = worldSize();
    const QRectF visible(origin / w, size / w);
    const QTransform transform(w, 0, 0, w, -origin.x(), -origin.y());

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setTransform(transform);
    for (const Shape &shape : m_shapes) {
        if (!shape.bounds.intersects(visible) && !(shape.bounds.isEmpty() && visible.contains(shape.bounds.topLeft())))
            continue;
        if (!shape.fill.isEmpty()) {
            if (shape.filled) {
                QColor fill = shape.color;
                fill.setAlpha(shape.fillAlpha >= 0 ? shape.fillAlpha : shape.boundary ? 18 : 40);
                painter.fillPath(shape.fill, fill);
            }
            if (shape.boundary) {
                // A light casing keeps the line readable over dark tiles.
                QPen casing(QColor(255, 255, 255, 170), 5.0);
                casing.setCosmetic(true);
                painter.strokePath(shape.fill, casing);
            }
            QPen pen(shape.color, shape.weight > 0 ? shape.weight : shape.boundary ? 2.5 : 1.6);
            pen.setCosmetic(true);
            pen.setJoinStyle(Qt::RoundJoin);
            painter.strokePath(shape.fill, pen);
        }
        if (!shape.lines.isEmpty()) {
            QPen pen(shape.color, shape.weight > 0 ? shape.weight : 2.0);
            pen.setCosmetic(true);
            pen.setJoinStyle(Qt::RoundJoin);
            pen.setCapStyle(Qt::RoundCap);
            painter.setPen(pen);
            for (const QPolygonF &line : shape.lines)
                painter.drawPolyline(line);
        }
    }
    // Points keep their size in pixels at every zoom: drawn without the world transform.
    painter.resetTransform();
    for (const Shape &shape : m_shapes) {
        if (shape.points.isEmpty())
            continue;
        QColor fill = shape.color;
        fill.setAlpha(shape.fillAlpha >= 0 ? std::max(shape.fillAlpha, 120) : 200);
        painter.setPen(QPen(Qt::white, 1.5));
        painter.setBrush(fill);
        for (const QPointF &n : shape.points) {
            if (!visible.contains(n))
                continue;
            painter.drawEllipse(n * w - origin, shape.radius, shape.radius);
        }
    }
    painter.restore();
}

void MapWidget::paintMarkers(QPainter &painter)
{
    if (m_index.size() == 0)
        return;
    const qreal dpr = painter.device()->devicePixelRatioF();
    if (dpr != m_spriteDpr) {
        m_singleSprites.clear();
        m_clusterSprites.clear();
        m_spriteDpr = dpr;
    }
    const double margin = kMaxClusterRadius + 2;
    const int zoom = clusterZoom();
    const QList<Cluster> clusters
        = m_index.query(boxOf(QRectF(rect()).adjusted(-margin, -margin, margin, margin)), zoom);
    const bool pulledOut = pullsOutSelection();
    const bool anySelected = !m_selected.isEmpty();
    const QPointF middle(width() / 2.0, height() / 2.0);
    const double w = worldSize();
    for (const Cluster &cluster : clusters) {
        const QPointF p = (WebMercator::toNormalized(cluster.lat, cluster.lon) - m_centerN) * w + middle;
        if (cluster.count > 1) {
            const QImage &sprite = clusterSprite(cluster.count, dpr);
            const double half = sprite.width() / (2 * dpr);
            painter.drawImage(QPointF(std::round(p.x() - half), std::round(p.y() - half)), sprite);
            continue;
        }
        const bool selected = anySelected && m_selected.contains(cluster.pointId);
        if (selected && pulledOut)
            continue; // drawn on top below
        const QImage &sprite = singleSprite(styleOf(cluster.pointId), selected, dpr);
        const double half = sprite.width() / (2 * dpr);
        painter.drawImage(QPointF(std::round(p.x() - half), std::round(p.y() - half)), sprite);
    }
    if (!pulledOut)
        return;
    const QRectF area = QRectF(rect()).adjusted(-margin, -margin, margin, margin);
    for (qint64 id : std::as_const(m_selection)) {
        const auto pos = m_positions.constFind(id);
        if (pos == m_positions.constEnd())
            continue;
        const QPointF p = toScreen(pos->y(), pos->x());
        if (!area.contains(p))
            continue;
        const QImage &sprite = singleSprite(styleOf(id), true, dpr);
        const double half = sprite.width() / (2 * dpr);
        painter.drawImage(QPointF(std::round(p.x() - half), std::round(p.y() - half)), sprite);
    }
}

void MapWidget::paintOverlay(QPainter &painter)
{
    if (m_drag == Drag::Select && m_moved) {
        QColor fill = statusColor(ReportStatus::InProgress);
        fill.setAlpha(40);
        painter.setPen(QPen(statusColor(ReportStatus::InProgress), 1, Qt::DashLine));
        painter.setBrush(fill);
        painter.drawRect(QRect(m_pressPos, m_dragPos).normalized());
    }
    if (!m_tilesEnabled)
        return;
    QString text = m_tiles->attribution();
    if (!m_tiles->serverReachable())
        text = tr("Map tiles unavailable") + u" · "_s + text;
    if (text.isEmpty())
        return;
    if (text != m_attributionSource) {
        m_attributionSource = text;
        m_attributionText.setText(text);
        m_attributionText.setTextFormat(Qt::PlainText);
    }
    QFont font = this->font();
    font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.8));
    painter.setFont(font);
    // Wraps rather than running off the left edge of a narrow map.
    const qreal maxWidth = std::max(40, width() - 16);
    m_attributionText.setTextWidth(-1);
    m_attributionText.prepare(QTransform(), font);
    if (m_attributionText.size().width() > maxWidth) {
        m_attributionText.setTextWidth(maxWidth);
        m_attributionText.prepare(QTransform(), font);
    }
    const QSizeF size = m_attributionText.size();
    const QRectF box(width() - size.width() - 8, height() - size.height() - 4, size.width() + 8, size.height() + 4);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 200));
    painter.drawRect(box);
    painter.setPen(QColor(0x33, 0x33, 0x33));
    painter.drawStaticText(box.topLeft() + QPointF(4, 2), m_attributionText);
}

// ---- input ---------------------------------------------------------------------------------

void MapWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    Q_EMIT viewChanged();
}

void MapWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange) {
        m_singleSprites.clear();
        m_clusterSprites.clear();
        m_attributionSource.clear();
    }
    QWidget::changeEvent(event);
}

void MapWidget::wheelEvent(QWheelEvent *event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0) {
        event->ignore();
        return;
    }
    const bool running = m_animation && m_animation->state() == QAbstractAnimation::Running;
    const double base = running ? m_targetZoom : m_zoom;
    const QPointF anchor = event->position();
    animateTo(base + notches * kWheelZoomPerNotch, normalizedAt(anchor), anchor, anchor);
    event->accept();
}

void MapWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    stopAnimation();
    m_pressPos = event->position().toPoint();
    m_dragPos = m_pressPos;
    m_pressCenterN = m_centerN;
    m_moved = false;
    m_drag = event->modifiers().testFlag(Qt::ShiftModifier) ? Drag::Select : Drag::Pan;
    setCursor(m_drag == Drag::Pan ? Qt::ClosedHandCursor : Qt::CrossCursor);
    event->accept();
}

void MapWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (m_drag == Drag::None) {
        QWidget::mouseMoveEvent(event);
        return;
    }
    m_dragPos = event->position().toPoint();
    if ((m_dragPos - m_pressPos).manhattanLength() > kClickSlop)
        m_moved = true;
    if (m_drag == Drag::Pan && m_moved)
        setCenterNormalized(m_pressCenterN - QPointF(m_dragPos - m_pressPos) / worldSize());
    else
        update();
    event->accept();
}

void MapWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_drag == Drag::None) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    const Drag drag = m_drag;
    m_drag = Drag::None;
    if (m_identify)
        setCursor(Qt::CrossCursor);
    else
        unsetCursor();
    m_dragPos = event->position().toPoint();
    const bool adding = event->modifiers().testFlag(Qt::ControlModifier);
    if (drag == Drag::Select && m_moved) {
        QList<qint64> ids = m_index.pointsInBox(boxOf(QRectF(QRect(m_pressPos, m_dragPos).normalized())));
        if (adding) {
            QList<qint64> merged = m_selection;
            for (qint64 id : std::as_const(ids))
                if (!m_selected.contains(id))
                    merged.append(id);
            ids = merged;
        }
        select(ids);
    } else if (!m_moved && m_identify) {
        double lat = 0, lon = 0;
        fromScreen(QPointF(m_pressPos), &lat, &lon);
        Q_EMIT pointClicked(lat, lon);
    } else if (!m_moved) {
        const MapHit hit = hitTest(m_pressPos);
        if (hit.kind == MapHit::Kind::Report) {
            if (!adding) {
                select({hit.reportId});
            } else {
                QList<qint64> ids = m_selection;
                if (m_selected.contains(hit.reportId))
                    ids.removeAll(hit.reportId);
                else
                    ids.append(hit.reportId);
                select(ids);
            }
        } else if (hit.kind == MapHit::Kind::Cluster) {
            const int target = std::max(m_index.expansionZoom(hit.cluster, hit.zoom), clusterZoom() + 1);
            animateTo(target, WebMercator::toNormalized(hit.cluster.lat, hit.cluster.lon),
                toScreen(hit.cluster.lat, hit.cluster.lon), QPointF(width() / 2.0, height() / 2.0));
        } else if (!adding) {
            select({});
        }
    }
    update();
    event->accept();
}

void MapWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    const MapHit hit = hitTest(event->position().toPoint());
    if (event->button() == Qt::LeftButton && hit.kind == MapHit::Kind::Report) {
        Q_EMIT reportActivated(hit.reportId);
        event->accept();
        return;
    }
    QWidget::mouseDoubleClickEvent(event);
}

void MapWidget::keyPressEvent(QKeyEvent *event)
{
    const QPointF middle(width() / 2.0, height() / 2.0);
    const bool running = m_animation && m_animation->state() == QAbstractAnimation::Running;
    const double base = running ? m_targetZoom : m_zoom;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        animateTo(std::floor(base + 1e-9) + 1, normalizedAt(middle), middle, middle);
        break;
    case Qt::Key_Minus:
        animateTo(std::ceil(base - 1e-9) - 1, normalizedAt(middle), middle, middle);
        break;
    case Qt::Key_Left:
        stopAnimation();
        setCenterNormalized(m_centerN - QPointF(kKeyPanPx, 0) / worldSize());
        break;
    case Qt::Key_Right:
        stopAnimation();
        setCenterNormalized(m_centerN + QPointF(kKeyPanPx, 0) / worldSize());
        break;
    case Qt::Key_Up:
        stopAnimation();
        setCenterNormalized(m_centerN - QPointF(0, kKeyPanPx) / worldSize());
        break;
    case Qt::Key_Down:
        stopAnimation();
        setCenterNormalized(m_centerN + QPointF(0, kKeyPanPx) / worldSize());
        break;
    case Qt::Key_Home:
        fitBoundary();
        break;
    case Qt::Key_Escape:
        select({});
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace dimos
