#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "client/map/MapWidget.h"
#include "client/map/StatusColors.h"
#include "client/map/TileCache.h"
#include "client/map/VectorLayer.h"
#include "client/map/WebMercator.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

// Nothing listens on port 1: every tile request fails at once, as with no network.
const QString kDeadServer = u"http://127.0.0.1:1/{z}/{x}/{y}.png"_s;

constexpr qint64 kA = 1, kB = 2;
const QList<qint64> kGroup{11, 12, 13, 14, 15};

Report makeReport(
    qint64 id, double lat, double lon, ReportStatus status = ReportStatus::New, const QString &category = QString())
{
    Report report;
    report.id = id;
    report.lat = lat;
    report.lon = lon;
    report.status = status;
    report.serviceCode = category;
    return report;
}

// Two lone reports and a tight group of five that clusters at zoom 14.
QList<Report> fixtureReports()
{
    QList<Report> reports{makeReport(kA, 41.085, 23.5479), makeReport(kB, 41.085, 23.5679)};
    for (int i = 0; i < kGroup.size(); ++i)
        reports.append(makeReport(kGroup.at(i), 41.075 + 0.0001 * i, 23.535 + 0.0001 * i));
    return reports;
}

double distance(const QPointF &a, const QPointF &b)
{
    return std::hypot(a.x() - b.x(), a.y() - b.y());
}

int colorDistance(QRgb a, const QColor &b)
{
    return std::abs(qRed(a) - b.red()) + std::abs(qGreen(a) - b.green()) + std::abs(qBlue(a) - b.blue());
}

QList<qint64> sorted(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace

class tst_MapWidget : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<MapWidget> makeMap(QSize size = QSize(600, 400));
    QTemporaryDir m_cache;

private Q_SLOTS:
    void initTestCase();
    void projection_data();
    void projection();
    void roundTrip_data();
    void roundTrip();
    void latitudeIsClamped();
    void tileRange_data();
    void tileRange();
    void tileUrls();
    void geoJsonLayers();
    void hitTestFindsMarkersAndClusters();
    void clickSelectsReports();
    void clickOnClusterZoomsIn();
    void shiftDragSelectsRectangle();
    void zoomToSelectionFitsTheBox();
    void zoomToSingleSelection();
    void wheelZoomKeepsPointUnderCursor();
    void keyboardZoomsAndPans();
    void liveUpdates();
    void rendersWithoutTileServer();
    void drawsTilesFromDiskCache();
    void shapeCacheMatchesDirectDrawing();
    void screenshot();
};

std::unique_ptr<MapWidget> tst_MapWidget::makeMap(QSize size)
{
    auto map = std::make_unique<MapWidget>();
    map->tileCache()->setUrlTemplate(kDeadServer);
    map->tileCache()->setCacheDirectory(m_cache.path());
    map->setAnimated(false);
    map->resize(size);
    return map;
}

void tst_MapWidget::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_cache.isValid());
}

void tst_MapWidget::projection_data()
{
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("zoom");
    QTest::addColumn<QPointF>("world");

    QTest::newRow("origin z0") << 0.0 << 0.0 << 0.0 << QPointF(128, 128);
    QTest::newRow("north-west corner") << WebMercator::kMaxLatitude << -180.0 << 0.0 << QPointF(0, 0);
    QTest::newRow("south-east corner z1") << -WebMercator::kMaxLatitude << 180.0 << 1.0 << QPointF(512, 512);
    // Serres: the OSM tile 12/2315/1534.
    QTest::newRow("Serres z12") << 41.085 << 23.5479 << 12.0 << QPointF(592876.22997, 392810.17170);
    QTest::newRow("Serres z11.5") << 41.085 << 23.5479 << 11.5 << QPointF(592876.22997, 392810.17170) / std::sqrt(2.0);
}

void tst_MapWidget::projection()
{
    QFETCH(double, lat);
    QFETCH(double, lon);
    QFETCH(double, zoom);
    QFETCH(QPointF, world);
    const QPointF p = WebMercator::toWorld(lat, lon, zoom);
    QVERIFY2(distance(p, world) < 1e-3, qPrintable(u"(%1, %2)"_s.arg(p.x(), 0, 'f', 5).arg(p.y(), 0, 'f', 5)));
    if (zoom == 12.0) {
        const TileRange tiles = WebMercator::tilesCovering(QRectF(p, QSizeF(1, 1)), 12);
        QCOMPARE(tiles.minX, 2315);
        QCOMPARE(tiles.minY, 1534);
    }
}

void tst_MapWidget::roundTrip_data()
{
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("zoom");
    QTest::newRow("Serres z12") << 41.085 << 23.5479 << 12.0;
    QTest::newRow("Serres z17.3") << 41.0912 << 23.5512 << 17.3;
    QTest::newRow("southern z3.75") << -33.86 << 151.21 << 3.75;
    QTest::newRow("west z0") << 10.0 << -120.0 << 0.0;
    QTest::newRow("far north z19") << 85.0 << 179.9 << 19.0;
}

void tst_MapWidget::roundTrip()
{
    QFETCH(double, lat);
    QFETCH(double, lon);
    QFETCH(double, zoom);
    double backLat = 0, backLon = 0;
    WebMercator::fromWorld(WebMercator::toWorld(lat, lon, zoom), zoom, &backLat, &backLon);
    QVERIFY(std::abs(backLat - lat) < 1e-9);
    QVERIFY(std::abs(backLon - lon) < 1e-9);
}

void tst_MapWidget::latitudeIsClamped()
{
    QCOMPARE(WebMercator::toNormalized(90, 0).y(), 0.0);
    QCOMPARE(WebMercator::toNormalized(-90, 0).y(), 1.0);
    QCOMPARE(WebMercator::clampLatitude(89.0), WebMercator::kMaxLatitude);
    double lat = 0, lon = 0;
    WebMercator::fromNormalized(QPointF(0.5, -0.2), &lat, &lon);
    QCOMPARE(lat, WebMercator::kMaxLatitude);
    QCOMPARE(lon, 0.0);
}

void tst_MapWidget::tileRange_data()
{
    QTest::addColumn<QRectF>("rect");
    QTest::addColumn<int>("zoom");
    QTest::addColumn<QList<int>>("expected"); // minX, minY, maxX, maxY; empty: no tiles

    QTest::newRow("one tile") << QRectF(0, 0, 256, 256) << 1 << QList<int>{0, 0, 0, 0};
    QTest::newRow("straddles four") << QRectF(100, 100, 300, 300) << 1 << QList<int>{0, 0, 1, 1};
    QTest::newRow("edge-aligned") << QRectF(256, 0, 256, 256) << 2 << QList<int>{1, 0, 1, 0};
    QTest::newRow("clamped to the world") << QRectF(-500, -500, 2000, 2000) << 1 << QList<int>{0, 0, 1, 1};
    QTest::newRow("outside") << QRectF(-100, -100, 50, 50) << 2 << QList<int>{};
    QTest::newRow("Serres viewport z12") << QRectF(592576, 392610, 600, 400) << 12
                                         << QList<int>{2314, 1533, 2317, 1535};
}

void tst_MapWidget::tileRange()
{
    QFETCH(QRectF, rect);
    QFETCH(int, zoom);
    QFETCH(QList<int>, expected);
    const TileRange range = WebMercator::tilesCovering(rect, zoom);
    QCOMPARE(range.zoom, zoom);
    if (expected.isEmpty()) {
        QVERIFY(range.isEmpty());
        QCOMPARE(range.count(), 0);
        return;
    }
    QCOMPARE((QList<int>{range.minX, range.minY, range.maxX, range.maxY}), expected);
    QCOMPARE(range.count(), (expected[2] - expected[0] + 1) * (expected[3] - expected[1] + 1));
}

void tst_MapWidget::tileUrls()
{
    TileCache cache;
    QCOMPARE(cache.urlTemplate(), TileCache::defaultUrlTemplate());
    QCOMPARE(cache.urlFor({12, 2315, 1534}), u"https://tile.openstreetmap.org/12/2315/1534.png"_s);
    cache.setUrlTemplate(u"https://{s}.tiles.example/{z}/{x}/{y}.png"_s);
    cache.setSubdomains({u"a"_s, u"b"_s, u"c"_s});
    QCOMPARE(cache.urlFor({3, 1, 1}), u"https://c.tiles.example/3/1/1.png"_s);
    QCOMPARE(cache.urlFor({3, 1, 2}), u"https://a.tiles.example/3/1/2.png"_s);
    QVERIFY(cache.userAgent().startsWith(u"dimos-desk/"_s + QStringLiteral(DIMOS_VERSION)));
    QCOMPARE(TileCache::defaultUserAgent(u"https://serres.example/contact"_s),
        u"dimos-desk/"_s + QStringLiteral(DIMOS_VERSION) + u" (+https://serres.example/contact)"_s);
    QVERIFY(!cache.attribution().isEmpty());
}

void tst_MapWidget::geoJsonLayers()
{
    QFile file(QStringLiteral(DIMOS_SOURCE_DIR) + u"/resources/demo/serres-boundary.geojson"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString error;
    const auto boundary = vectorLayerFromGeoJson(file.readAll(), &error);
    QVERIFY2(boundary, qPrintable(error));
    QVERIFY(!boundary->polygons.isEmpty());
    QVERIFY(boundary->polygons.first().boundingRect().contains(QPointF(23.5479, 41.085)));

    const auto lines = vectorLayerFromGeoJson(
        R"({"type":"Feature","geometry":{"type":"LineString","coordinates":[[23.5,41.0],[23.6,41.1]]}})", &error);
    QVERIFY(lines);
    QCOMPARE(lines->lines.size(), 1);
    QCOMPARE(lines->lines.first().size(), 2);

    QVERIFY(!vectorLayerFromGeoJson("{", &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!vectorLayerFromGeoJson(R"({"type":"Polygon","coordinates":[[["a",1]]]})", &error));
    QVERIFY(!vectorLayerFromGeoJson(R"({"type":"Point","coordinates":[1,2]})", &error));

    auto map = makeMap();
    QVERIFY(!map->setBoundaryGeoJson("[]", &error));
    QVERIFY(!error.isEmpty());
}

void tst_MapWidget::hitTestFindsMarkersAndClusters()
{
    auto map = makeMap();
    map->setReports(fixtureReports());
    map->centerOn(41.08, 23.545, 14);
    QCOMPARE(map->clusterZoom(), 14);

    const QPoint a = map->toScreen(41.085, 23.5479).toPoint();
    MapHit hit = map->hitTest(a);
    QCOMPARE(hit.kind, MapHit::Kind::Report);
    QCOMPARE(hit.reportId, kA);
    QCOMPARE(map->hitTest(a + QPoint(5, -3)).reportId, kA);
    QCOMPARE(map->hitTest(a + QPoint(0, 16)).kind, MapHit::Kind::None);
    QCOMPARE(map->hitTest(map->toScreen(41.085, 23.5679).toPoint()).reportId, kB);

    const QList<Cluster> visible = map->index().query(map->currentBox(), 14);
    const auto group = std::find_if(visible.cbegin(), visible.cend(), [](const Cluster &c) { return c.count > 1; });
    QVERIFY(group != visible.cend());
    QCOMPARE(group->count, 5);
    hit = map->hitTest(map->toScreen(group->lat, group->lon).toPoint() + QPoint(6, 6));
    QCOMPARE(hit.kind, MapHit::Kind::Cluster);
    QCOMPARE(hit.zoom, 14);
    QCOMPARE(sorted(map->index().pointsIn(hit.cluster, hit.zoom)), kGroup);

    QCOMPARE(map->hitTest(QPoint(5, 5)).kind, MapHit::Kind::None);

    // A selected report inside the cluster is drawn on its own on top, and found there.
    map->setSelection({kGroup.at(4)});
    QCOMPARE(map->hitTest(map->toScreen(41.0754, 23.5354).toPoint()).reportId, kGroup.at(4));
}

void tst_MapWidget::clickSelectsReports()
{
    auto map = makeMap();
    map->setReports(fixtureReports());
    map->centerOn(41.08, 23.545, 14);
    map->show();
    QVERIFY(QTest::qWaitForWindowExposed(map.get()));
    QSignalSpy changed(map.get(), &MapWidget::selectionChanged);

    QTest::mouseClick(map.get(), Qt::LeftButton, {}, map->toScreen(41.085, 23.5479).toPoint());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().at(0).value<QList<qint64>>(), QList<qint64>{kA});
    QCOMPARE(map->selection(), QList<qint64>{kA});

    QTest::mouseClick(map.get(), Qt::LeftButton, Qt::ControlModifier, map->toScreen(41.085, 23.5679).toPoint());
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.last().at(0).value<QList<qint64>>(), (QList<qint64>{kA, kB}));

    // Ctrl+click on a selected report takes it out again.
    QTest::mouseClick(map.get(), Qt::LeftButton, Qt::ControlModifier, map->toScreen(41.085, 23.5479).toPoint());
    QCOMPARE(changed.last().at(0).value<QList<qint64>>(), QList<qint64>{kB});

    QTest::mouseClick(map.get(), Qt::LeftButton, {}, QPoint(5, 5));
    QCOMPARE(changed.count(), 4);
    QVERIFY(changed.last().at(0).value<QList<qint64>>().isEmpty());

    // Programmatic selection is not a user action: no signal.
    map->setSelection({kA});
    QCOMPARE(changed.count(), 4);

    QSignalSpy activated(map.get(), &MapWidget::reportActivated);
    QTest::mouseDClick(map.get(), Qt::LeftButton, {}, map->toScreen(41.085, 23.5679).toPoint());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().at(0).toLongLong(), kB);
}

void tst_MapWidget::clickOnClusterZoomsIn()
{
    auto map = makeMap();
    map->setReports(fixtureReports());
    map->centerOn(41.08, 23.545, 14);
    map->show();
    QVERIFY(QTest::qWaitForWindowExposed(map.get()));
    QSignalSpy changed(map.get(), &MapWidget::selectionChanged);

    const QList<Cluster> visible = map->index().query(map->currentBox(), 14);
    const auto group = std::find_if(visible.cbegin(), visible.cend(), [](const Cluster &c) { return c.count > 1; });
    QVERIFY(group != visible.cend());
    const int expected = std::max(map->index().expansionZoom(*group, 14), 15);

    QTest::mouseClick(map.get(), Qt::LeftButton, {}, map->toScreen(group->lat, group->lon).toPoint());
    QCOMPARE(changed.count(), 0);
    QCOMPARE(map->zoom(), double(std::min<int>(expected, int(map->maxZoom()))));
    double lat = 0, lon = 0;
    map->center(&lat, &lon);
    QVERIFY(std::abs(lat - group->lat) < 1e-9);
    QVERIFY(std::abs(lon - group->lon) < 1e-9);
}

void tst_MapWidget::shiftDragSelectsRectangle()
{
    auto map = makeMap();
    map->setReports(fixtureReports());
    map->centerOn(41.08, 23.545, 14);
    map->show();
    QVERIFY(QTest::qWaitForWindowExposed(map.get()));
    QSignalSpy changed(map.get(), &MapWidget::selectionChanged);
    double lat = 0, lon = 0;
    map->center(&lat, &lon);

    const QPoint from = map->toScreen(41.085, 23.5479).toPoint() - QPoint(20, 20);
    const QPoint to = map->toScreen(41.085, 23.5679).toPoint() + QPoint(20, 20);
    QTest::mousePress(map.get(), Qt::LeftButton, Qt::ShiftModifier, from);
    QTest::mouseMove(map.get(), (from + to) / 2);
    QTest::mouseMove(map.get(), to);
    QTest::mouseRelease(map.get(), Qt::LeftButton, Qt::ShiftModifier, to);

    QCOMPARE(changed.count(), 1);
    QCOMPARE(sorted(changed.last().at(0).value<QList<qint64>>()), (QList<qint64>{kA, kB}));
    // Selecting does not pan.
    double afterLat = 0, afterLon = 0;
    map->center(&afterLat, &afterLon);
    QCOMPARE(afterLat, lat);
    QCOMPARE(afterLon, lon);

    // Ctrl+Shift adds the group.
    const QPoint g = map->toScreen(41.0752, 23.5352).toPoint();
    QTest::mousePress(map.get(), Qt::LeftButton, Qt::ShiftModifier | Qt::ControlModifier, g - QPoint(30, 30));
    QTest::mouseMove(map.get(), g);
    QTest::mouseMove(map.get(), g + QPoint(30, 30));
    QTest::mouseRelease(map.get(), Qt::LeftButton, Qt::ShiftModifier | Qt::ControlModifier, g + QPoint(30, 30));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(sorted(changed.last().at(0).value<QList<qint64>>()), sorted(QList<qint64>{kA, kB} + kGroup));

    // A plain drag pans and selects nothing.
    QTest::mousePress(map.get(), Qt::LeftButton, {}, QPoint(300, 200));
    QTest::mouseMove(map.get(), QPoint(320, 200));
    QTest::mouseMove(map.get(), QPoint(400, 250));
    QTest::mouseRelease(map.get(), Qt::LeftButton, {}, QPoint(400, 250));
    QCOMPARE(changed.count(), 2);
    QVERIFY(distance(map->toScreen(41.085, 23.5479), QPointF(from + QPoint(20, 20)) + QPointF(100, 50)) < 1.5);
}

void tst_MapWidget::zoomToSelectionFitsTheBox()
{
    auto map = makeMap();
    map->setReports(fixtureReports());
    map->centerOn(38.0, 20.0, 5);
    map->setSelection({kA, kB, kGroup.at(0)});
    map->zoomToSelection();

    const QList<QPointF> points{
        map->toScreen(41.085, 23.5479), map->toScreen(41.085, 23.5679), map->toScreen(41.075, 23.535)};
    double left = 1e9, right = -1e9, top = 1e9, bottom = -1e9;
    for (const QPointF &p : points) {
        QVERIFY2(
            QRectF(map->rect()).adjusted(10, 10, -10, -10).contains(p), qPrintable(u"%1,%2"_s.arg(p.x()).arg(p.y())));
        left = std::min(left, p.x());
        right = std::max(right, p.x());
        top = std::min(top, p.y());
        bottom = std::max(bottom, p.y());
    }
    const QRectF spanned(QPointF(left, top), QPointF(right, bottom));
    // As close as it fits: one more zoom level would double the span beyond the widget.
    QVERIFY(spanned.width() * 2 > map->width() - 60 || spanned.height() * 2 > map->height() - 60);
    // The box is in the middle.
    QVERIFY(distance(spanned.center(), QPointF(map->width() / 2.0, map->height() / 2.0)) < 1.0);
    const LatLonBox box = map->currentBox();
    QVERIFY(box.minLat < 41.075 && box.maxLat > 41.085 && box.minLon < 23.535 && box.maxLon > 23.5679);
}

void tst_MapWidget::zoomToSingleSelection()
{
    auto map = makeMap();
    map->setReports(fixtureReports());
    map->centerOn(38.0, 20.0, 5);
    map->setSelection({kB, 999}); // 999 is not on the map
    map->zoomToSelection();
    QVERIFY(map->zoom() >= 17);
    QVERIFY(distance(map->toScreen(41.085, 23.5679), QPointF(300, 200)) < 1e-6);

    map->setSelection({});
    map->zoomToSelection(); // nothing to show: the view stays
    QVERIFY(distance(map->toScreen(41.085, 23.5679), QPointF(300, 200)) < 1e-6);
}

void tst_MapWidget::wheelZoomKeepsPointUnderCursor()
{
    auto map = makeMap();
    map->centerOn(41.08, 23.545, 12);
    const QPointF cursor(120, 90);
    double lat = 0, lon = 0;
    map->fromScreen(cursor, &lat, &lon);

    QWheelEvent wheel(cursor, map->mapToGlobal(cursor), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
        Qt::NoScrollPhase, false);
    QApplication::sendEvent(map.get(), &wheel);
    QCOMPARE(map->zoom(), 12.5);
    QVERIFY(distance(map->toScreen(lat, lon), cursor) < 1e-6);

    QWheelEvent out(cursor, map->mapToGlobal(cursor), QPoint(), QPoint(0, -360), Qt::NoButton, Qt::NoModifier,
        Qt::NoScrollPhase, false);
    QApplication::sendEvent(map.get(), &out);
    QCOMPARE(map->zoom(), 11.0);
    QVERIFY(distance(map->toScreen(lat, lon), cursor) < 1e-6);
}

void tst_MapWidget::keyboardZoomsAndPans()
{
    auto map = makeMap();
    map->centerOn(41.08, 23.545, 12.4);
    QTest::keyClick(map.get(), Qt::Key_Plus);
    QCOMPARE(map->zoom(), 13.0);
    QTest::keyClick(map.get(), Qt::Key_Minus);
    QTest::keyClick(map.get(), Qt::Key_Minus);
    QCOMPARE(map->zoom(), 11.0);

    const QPointF before = map->toScreen(41.08, 23.545);
    QTest::keyClick(map.get(), Qt::Key_Right);
    QVERIFY(distance(map->toScreen(41.08, 23.545), before - QPointF(100, 0)) < 1e-6);
    QTest::keyClick(map.get(), Qt::Key_Down);
    QVERIFY(distance(map->toScreen(41.08, 23.545), before - QPointF(100, 100)) < 1e-6);

    map->setBoundary({QPolygonF({QPointF(23.4, 41.0), QPointF(23.7, 41.0), QPointF(23.7, 41.2), QPointF(23.4, 41.2)})});
    QTest::keyClick(map.get(), Qt::Key_Home);
    const LatLonBox box = map->currentBox();
    QVERIFY(box.minLat < 41.0 && box.maxLat > 41.2 && box.minLon < 23.4 && box.maxLon > 23.7);
}

void tst_MapWidget::liveUpdates()
{
    auto map = makeMap();
    map->setReports(fixtureReports());
    QCOMPARE(map->index().size(), 7);
    map->upsertReport(makeReport(42, 41.09, 23.55, ReportStatus::Resolved, u"lighting"_s));
    QCOMPARE(map->index().size(), 8);
    QVERIFY(map->index().contains(42));
    map->upsertPoint({42, 41.1, 23.56});
    QCOMPARE(map->index().size(), 8);
    map->centerOn(41.1, 23.56, 16);
    QCOMPARE(map->hitTest(QPoint(300, 200)).reportId, qint64(42));

    map->setSelection({kA, 42});
    map->removePoint(42);
    QCOMPARE(map->index().size(), 7);
    QCOMPARE(map->selection(), QList<qint64>{kA});
    QCOMPARE(map->hitTest(QPoint(300, 200)).kind, MapHit::Kind::None);

    Report unplaced = makeReport(kA, 0, 0);
    unplaced.hasLocation = false;
    map->upsertReport(unplaced);
    QVERIFY(!map->index().contains(kA));
}

void tst_MapWidget::rendersWithoutTileServer()
{
    auto map = makeMap();
    QSignalSpy failed(map->tileCache(), &TileCache::tileFailed);
    const QPolygonF square(
        {QPointF(23.50, 41.05), QPointF(23.60, 41.05), QPointF(23.60, 41.12), QPointF(23.50, 41.12)});
    map->setBoundary({square});
    map->setReports(
        {makeReport(1, 41.085, 23.55, ReportStatus::Resolved), makeReport(2, 41.07, 23.52, ReportStatus::New)});
    map->setViewport({41.04, 23.49, 41.13, 23.61});

    QImage image(map->size(), QImage::Format_ARGB32_Premultiplied);
    map->render(&image);
    QTRY_VERIFY(failed.count() > 0);
    QVERIFY(!map->tileCache()->serverReachable());

    // The boundary: its colour along every edge.
    const QColor boundary(0x6a, 0x1b, 0x9a);
    for (int i = 0; i < 4; ++i) {
        const QPointF a = square.at(i), b = square.at((i + 1) % 4);
        for (double t : {0.2, 0.5, 0.8}) {
            const QPointF geo = a + (b - a) * t;
            // The pixel whose centre is nearest to the line, which the pen covers whole.
            const QPointF exact = map->toScreen(geo.y(), geo.x());
            const QPoint p(int(std::floor(exact.x())), int(std::floor(exact.y())));
            QVERIFY(QRect(QPoint(0, 0), image.size()).contains(p));
            QVERIFY2(colorDistance(image.pixel(p), boundary) < 60,
                qPrintable(u"edge %1 at %2,%3: %4"_s.arg(i).arg(p.x()).arg(p.y()).arg(image.pixel(p), 8, 16)));
        }
    }
    // The markers, in their status colours.
    const QPoint resolved = map->toScreen(41.085, 23.55).toPoint();
    QVERIFY(colorDistance(image.pixel(resolved), statusColor(ReportStatus::Resolved)) < 30);
    const QPoint fresh = map->toScreen(41.07, 23.52).toPoint();
    QVERIFY(colorDistance(image.pixel(fresh), statusColor(ReportStatus::New)) < 30);
    // Far from everything: the plain background, no tile.
    QCOMPARE(image.pixel(3, 3), QColor(0xf2, 0xef, 0xe9).rgb());

    // The server stays alone while it is down: repainting asks for nothing.
    const qint64 requests = map->tileCache()->networkRequestCount();
    QVERIFY(requests > 0);
    for (int i = 0; i < 3; ++i)
        map->render(&image);
    QCoreApplication::processEvents();
    QCOMPARE(map->tileCache()->networkRequestCount(), requests);
}

// Equal but for antialiasing noise where a line crosses a pixel at a slightly different
// fraction (a centre recomputed from latitude and longitude moves by ~1e-9 px).
bool sameImage(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return false;
    qsizetype differing = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            differing += colorDistance(a.pixel(x, y), b.pixel(x, y)) > 24;
    return differing <= a.width() * a.height() / 2000;
}

// The boundary is drawn into a cached image and frames copy it (see MapWidget::paintShapes):
// what a frame shows after panning, past the cache's margin too, and after a zoom has rested
// must be what a fresh map draws there; while the zoom moves the image is scaled, not lost.
void tst_MapWidget::shapeCacheMatchesDirectDrawing()
{
    const QPolygonF square(
        {QPointF(23.50, 41.05), QPointF(23.60, 41.05), QPointF(23.60, 41.12), QPointF(23.50, 41.12)});
    auto frame = [](MapWidget &m) {
        QImage image(m.size(), QImage::Format_ARGB32_Premultiplied);
        m.render(&image);
        return image;
    };
    auto freshAt = [&](double lat, double lon, double zoom) {
        auto fresh = makeMap();
        fresh->setTilesEnabled(false);
        fresh->setBoundary({square});
        fresh->centerOn(lat, lon, zoom);
        return frame(*fresh);
    };
    auto map = makeMap();
    map->setTilesEnabled(false);
    map->setBoundary({square});
    map->centerOn(41.085, 23.55, 12);
    const QImage first = frame(*map);
    QCOMPARE(first, freshAt(41.085, 23.55, 12));
    QCOMPARE(frame(*map), first); // from the cache now

    // Panned a little (inside the margin), then far (outside it).
    for (const QPoint &by : {QPoint(40, -25), QPoint(600, 300)}) {
        const QPoint from(200, 200);
        QTest::mousePress(map.get(), Qt::LeftButton, {}, from);
        for (int step = 1; step <= 4; ++step)
            QTest::mouseMove(map.get(), from + by * step / 4);
        QTest::mouseRelease(map.get(), Qt::LeftButton, {}, from + by);
        double lat = 0, lon = 0;
        map->center(&lat, &lon);
        QVERIFY(sameImage(frame(*map), freshAt(lat, lon, 12)));
    }

    // Zooming: the frames in between still show the boundary (scaled), and once the zoom has
    // rested the frame is drawn sharp again.
    map->centerOn(41.085, 23.55, 12);
    frame(*map);
    map->setZoom(12.5);
    const QImage moving = frame(*map);
    const QColor boundary(0x6a, 0x1b, 0x9a);
    const QPoint edge = map->toScreen(41.05, 23.55).toPoint();
    bool seen = false;
    for (int dy = -2; dy <= 2; ++dy)
        seen |= colorDistance(moving.pixel(edge + QPoint(0, dy)), boundary) < 80;
    QVERIFY(seen);
    QVERIFY(!sameImage(moving, freshAt(41.085, 23.55, 12.5))); // scaled, not redrawn
    QTRY_VERIFY(sameImage(frame(*map), freshAt(41.085, 23.55, 12.5)));
}

void tst_MapWidget::drawsTilesFromDiskCache()
{
    QTemporaryDir cacheDir;
    auto map = makeMap(QSize(200, 200));
    map->tileCache()->setCacheDirectory(cacheDir.path());
    // Inside the tile 12/2315/1534 only.
    double lat = 0, lon = 0;
    WebMercator::fromWorld(QPointF(2315.5 * 256, 1534.5 * 256), 12, &lat, &lon);
    map->centerOn(lat, lon, 12);

    const TileId tile{12, 2315, 1534};
    const QString path = map->tileCache()->diskPath(tile);
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QImage cyan(256, 256, QImage::Format_RGB32);
    cyan.fill(QColor(0, 200, 200));
    QVERIFY(cyan.save(path, "PNG"));

    QImage image(map->size(), QImage::Format_ARGB32_Premultiplied);
    map->render(&image);
    QCOMPARE(image.pixel(100, 60), QColor(0, 200, 200).rgb());
    QCOMPARE(image.pixel(2, 2), QColor(0, 200, 200).rgb());
    QCOMPARE(map->tileCache()->networkRequestCount(), 0); // fresh on disk: not fetched again
}

void tst_MapWidget::screenshot()
{
    // Only on demand: tests do not write into the source tree.
    const QString directory = qEnvironmentVariable("DIMOS_SCREENSHOT_DIR");
    if (directory.isEmpty())
        QSKIP("set DIMOS_SCREENSHOT_DIR to write docs/screenshots/map-offscreen.png");

    auto map = makeMap(QSize(960, 640));
    QFile file(QStringLiteral(DIMOS_SOURCE_DIR) + u"/resources/demo/serres-boundary.geojson"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString error;
    QVERIFY2(map->setBoundaryGeoJson(file.readAll(), &error), qPrintable(error));
    VectorLayer river;
    river.name = u"Agios Antonios stream"_s;
    river.color = QColor(0x1e, 0x88, 0xe5);
    river.lines.append(QPolygonF({QPointF(23.50, 41.11), QPointF(23.53, 41.095), QPointF(23.545, 41.088),
        QPointF(23.56, 41.07), QPointF(23.60, 41.05)}));
    map->setVectorLayers({river});

    const QStringList categories{u"pothole"_s, u"lighting"_s, u"waste"_s, u"trees"_s, u"water"_s, u"graffiti"_s};
    const QList<ReportStatus> statuses = allStatuses();
    QList<Report> reports;
    quint32 seed = 12345;
    const auto random = [&seed] {
        seed = seed * 1103515245u + 12345u;
        return double((seed >> 8) & 0xffff) / 65535.0;
    };
    for (int i = 0; i < 300; ++i) {
        // Mostly in town, some in the villages around.
        const bool town = i < 220;
        const double spread = town ? 0.025 : 0.12;
        const double lat = 41.0912 + (random() - 0.5) * spread;
        const double lon = 23.5497 + (random() - 0.5) * spread * 1.3;
        reports.append(makeReport(
            i + 1, lat, lon, statuses.at(int(random() * 4.99) % statuses.size()), categories.at(int(random() * 5.99))));
    }
    map->setReports(reports);
    map->setViewport({41.045, 23.47, 41.135, 23.63});
    map->setSelection({5, 17, 230});

    // Shown as a clerk without network sees it: tiles given up on.
    QSignalSpy failed(map->tileCache(), &TileCache::tileFailed);
    QImage image(map->size(), QImage::Format_ARGB32_Premultiplied);
    map->render(&image);
    QTRY_VERIFY(failed.count() > 0);
    map->render(&image);
    QVERIFY(QDir().mkpath(directory));
    QVERIFY(image.save(directory + u"/map-offscreen.png"_s));
}

QTEST_MAIN(tst_MapWidget)
#include "tst_MapWidget.moc"
