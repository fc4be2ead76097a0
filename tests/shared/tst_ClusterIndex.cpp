// The clustering index against a brute-force reference that applies the documented grid rule
// (ClusterIndex.h) point by point: query results, the partition of points into clusters,
// what a cluster may gather, incremental updates versus a fresh build, rectangle selection
// and expansion zooms, on seeded random data around Serres, world-wide, at the poles, on the
// antimeridian and piled on one spot.
#include <QHash>
#include <QMap>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "shared/geo/ClusterIndex.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

// --- the rule from ClusterIndex.h, written out independently ---

constexpr double kScale = 4294967296.0;

quint32 quantize(double fraction)
{
    if (!(fraction > 0))
        return 0;
    const double scaled = fraction * kScale;
    return scaled >= kScale - 1 ? 0xFFFFFFFFu : static_cast<quint32>(scaled);
}

quint32 qx(double lon)
{
    return quantize((lon + 180.0) / 360.0);
}

quint32 qy(double lat)
{
    const double l = std::clamp(lat, -85.051128779806589, 85.051128779806589);
    const double s = std::sin(l * std::numbers::pi / 180.0);
    return quantize(0.5 - 0.25 * std::log((1 + s) / (1 - s)) / std::numbers::pi);
}

quint64 cellAt(quint32 q, int radius, int zoom)
{
    return static_cast<quint64>(std::floor(q / kScale * std::ldexp(256.0 / radius, zoom)));
}

quint64 keyOf(const GeoPoint &p, int radius, int zoom)
{
    return cellAt(qx(p.lon), radius, zoom) | (cellAt(qy(p.lat), radius, zoom) << 32);
}

double wrap(double lon)
{
    if (lon >= -180 && lon <= 180)
        return lon;
    const double w = std::fmod(lon + 180, 360);
    return (w < 0 ? w + 360 : w) - 180;
}

bool inBox(const LatLonBox &b, double lat, double lon)
{
    if (!(b.minLat <= b.maxLat) || lat < b.minLat || lat > b.maxLat)
        return false;
    if (b.maxLon - b.minLon >= 360 || (b.minLon <= -180 && b.maxLon >= 180))
        return true;
    const double w = wrap(b.minLon), e = wrap(b.maxLon);
    return w <= e ? (lon >= w && lon <= e) : (lon >= w || lon <= e);
}

QString describe(const Cluster &c)
{
    return u"n=%1 id=%2 key=%3 at %4,%5"_s.arg(c.count)
        .arg(c.pointId)
        .arg(c.clusterKey)
        .arg(c.lat, 0, 'g', 17)
        .arg(c.lon, 0, 'g', 17);
}

QStringList sorted(const QList<Cluster> &items)
{
    QStringList out;
    for (const Cluster &c : items)
        out.append(describe(c));
    out.sort();
    return out;
}

QList<qint64> sorted(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    return ids;
}

struct RefCell
{
    int count = 0;
    qint64 sumX = 0, sumY = 0;
    GeoPoint first;
    QList<qint64> ids;
};

QMap<quint64, RefCell> refCells(const QList<GeoPoint> &points, int radius, int zoom)
{
    QMap<quint64, RefCell> cells;
    for (const GeoPoint &p : points) {
        RefCell &c = cells[keyOf(p, radius, zoom)];
        if (c.count == 0)
            c.first = p;
        ++c.count;
        c.sumX += qx(p.lon);
        c.sumY += qy(p.lat);
        c.ids.append(p.id);
    }
    return cells;
}

QList<Cluster> refQuery(const QList<GeoPoint> &points, int radius, int maxZoom, const LatLonBox &box, int zoom)
{
    QList<Cluster> out;
    zoom = std::clamp(zoom, 0, maxZoom + 1);
    if (zoom > maxZoom) {
        for (const GeoPoint &p : points) {
            if (inBox(box, p.lat, p.lon))
                out.append(Cluster{p.lat, p.lon, 1, p.id, 0});
        }
        return out;
    }
    const QMap<quint64, RefCell> cells = refCells(points, radius, zoom);
    for (auto it = cells.cbegin(); it != cells.cend(); ++it) {
        const RefCell &c = it.value();
        Cluster item;
        if (c.count == 1) {
            item = Cluster{c.first.lat, c.first.lon, 1, c.first.id, 0};
        } else {
            const double x = static_cast<double>(c.sumX) / c.count / kScale;
            const double y = static_cast<double>(c.sumY) / c.count / kScale;
            item.lon = x * 360.0 - 180.0;
            item.lat = std::atan(std::sinh(std::numbers::pi * (1 - 2 * y))) * 180.0 / std::numbers::pi;
            item.count = c.count;
            item.clusterKey = it.key();
        }
        if (inBox(box, item.lat, item.lon))
            out.append(item);
    }
    return out;
}

QList<qint64> refPointsInBox(const QList<GeoPoint> &points, const LatLonBox &box)
{
    QList<qint64> ids;
    for (const GeoPoint &p : points) {
        if (inBox(box, p.lat, p.lon))
            ids.append(p.id);
    }
    return ids;
}

// --- data ---

QList<GeoPoint> makePoints(quint32 seed)
{
    QRandomGenerator gen(seed);
    auto uniform = [&gen](double lo, double hi) { return lo + gen.generateDouble() * (hi - lo); };
    QList<GeoPoint> points;
    qint64 id = 1;
    for (int i = 0; i < 2500; ++i) // a town: Serres
        points.append({id++, uniform(41.04, 41.14), uniform(23.48, 23.62)});
    for (int i = 0; i < 1500; ++i) // the world
        points.append({id++, uniform(-85, 85), uniform(-180, 180)});
    for (int i = 0; i < 60; ++i) // one pile at the town hall, one on a square nearby
        points.append({id++, 41.0917, 23.5499});
    for (int i = 0; i < 15; ++i)
        points.append({id++, 41.0850, 23.5400});
    for (int i = 0; i < 60; ++i) { // polar, inside and beyond Web Mercator's ±85.05°
        const double lat = uniform(84.9, 90.0);
        points.append({id++, (i % 2) ? lat : -lat, uniform(-180, 180)});
    }
    points.append({id++, 90.0, 0.0});
    points.append({id++, -90.0, 10.0});
    points.append({id++, 85.0511287798, 0.0});
    for (int i = 0; i < 80; ++i) // both sides of the antimeridian
        points.append({id++, uniform(-20, 20), (i % 2) ? uniform(179.95, 180.0) : uniform(-180.0, -179.95)});
    points.append({id++, 0.0, 180.0});
    points.append({id++, 0.0, -180.0});
    points.append({id++, 0.0, 180.0});
    return points;
}

QList<LatLonBox> boxes()
{
    return {
        {-90, -180, 90, 180}, // the world
        {41.0, 23.4, 41.2, 23.7}, // Serres
        {41.09, 23.54, 41.095, 23.555}, // a few streets
        {35, -10, 60, 30}, // Europe
        {-60, 170, 60, -170}, // across the antimeridian
        {-30, 175, 30, 185}, // the same, east edge given past 180
        {80, -180, 90, 180}, // the north pole cap
        {-90, -400, -70, 400}, // wider than the world
        {41.0917, 23.5499, 41.0917, 23.5499}, // exactly the pile
    };
}

} // namespace

class tst_ClusterIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyIndex();
    void onePoint();
    void removeUnknownId();
    void buildKeepsTheLastOfARepeatedId();
    void upsertSamePlaceChangesNothing();
    void invalidBoxIsEmpty();
    void parametersAreClamped();
    void moveKeepsContent();

    void queryMatchesBruteForce_data();
    void queryMatchesBruteForce();
    void everyPointInExactlyOneCluster_data();
    void everyPointInExactlyOneCluster();
    void clusterStaysInItsCell_data();
    void clusterStaysInItsCell();
    void incrementalMatchesFreshBuild_data();
    void incrementalMatchesFreshBuild();
    void aboveMaxZoomEveryPointIsSingle();
    void pointsInBoxMatchesBruteForce();
    void expansionZoomSplitsTheCluster_data();
    void expansionZoomSplitsTheCluster();

private:
    static void addParameterRows();
};

void tst_ClusterIndex::emptyIndex()
{
    ClusterIndex index;
    QCOMPARE(index.size(), 0);
    QVERIFY(!index.contains(1));
    for (int zoom : {0, 5, 17, 18, 40})
        QVERIFY(index.query({-90, -180, 90, 180}, zoom).isEmpty());
    QVERIFY(index.pointsInBox({-90, -180, 90, 180}).isEmpty());
    const Cluster fake{0, 0, 5, 0, 0};
    QVERIFY(index.pointsIn(fake, 3).isEmpty());
    QCOMPARE(index.expansionZoom(fake, 3), 3);
    index.build({});
    QCOMPARE(index.size(), 0);
    QVERIFY(index.query({-90, -180, 90, 180}, 0).isEmpty());
}

void tst_ClusterIndex::onePoint()
{
    ClusterIndex index;
    index.upsert({42, 41.0917, 23.5499});
    QCOMPARE(index.size(), 1);
    QVERIFY(index.contains(42));
    for (int zoom = -1; zoom <= 20; ++zoom) {
        const QList<Cluster> items = index.query({-90, -180, 90, 180}, zoom);
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().count, 1);
        QCOMPARE(items.first().pointId, 42);
        QCOMPARE(items.first().lat, 41.0917); // a single keeps its exact position
        QCOMPARE(items.first().lon, 23.5499);
        QCOMPARE(index.pointsIn(items.first(), zoom), QList<qint64>{42});
        QVERIFY(index.query({0, 0, 10, 10}, zoom).isEmpty());
    }
    QCOMPARE(index.pointsInBox({41, 23, 42, 24}), QList<qint64>{42});
    QVERIFY(index.remove(42));
    QCOMPARE(index.size(), 0);
    QVERIFY(index.query({-90, -180, 90, 180}, 10).isEmpty());
}

void tst_ClusterIndex::removeUnknownId()
{
    ClusterIndex index;
    QVERIFY(!index.remove(7));
    index.build({{1, 10, 10}, {2, 10, 10}});
    QVERIFY(!index.remove(7));
    QCOMPARE(index.size(), 2);
    QVERIFY(index.remove(1));
    QVERIFY(!index.remove(1));
    QCOMPARE(index.size(), 1);
    QCOMPARE(index.query({-90, -180, 90, 180}, 5).size(), 1);
    index.clear();
    QCOMPARE(index.size(), 0);
    QVERIFY(!index.remove(2));
}

void tst_ClusterIndex::buildKeepsTheLastOfARepeatedId()
{
    ClusterIndex index;
    index.build({{1, 10, 10}, {2, 20, 20}, {1, -30, -40}});
    QCOMPARE(index.size(), 2);
    QCOMPARE(index.pointsInBox({-31, -41, -29, -39}), QList<qint64>{1});
    QVERIFY(index.pointsInBox({9, 9, 11, 11}).isEmpty());
}

void tst_ClusterIndex::upsertSamePlaceChangesNothing()
{
    ClusterIndex index;
    index.upsert({1, 10, 10});
    index.upsert({2, 10, 10});
    const QStringList before = sorted(index.query({-90, -180, 90, 180}, 3));
    index.upsert({1, 10, 10});
    QCOMPARE(index.size(), 2);
    QCOMPARE(sorted(index.query({-90, -180, 90, 180}, 3)), before);
    index.upsert({1, -10, -10}); // moving it splits the pile
    QCOMPARE(index.query({-90, -180, 90, 180}, 3).size(), 2);
    QCOMPARE(index.pointsInBox({-11, -11, -9, -9}), QList<qint64>{1});
}

void tst_ClusterIndex::invalidBoxIsEmpty()
{
    ClusterIndex index;
    index.build(makePoints(1));
    QVERIFY(index.query({50, 0, 40, 10}, 5).isEmpty());
    QVERIFY(index.pointsInBox({50, 0, 40, 10}).isEmpty());
    QVERIFY(index.query({qQNaN(), 0, 40, 10}, 5).isEmpty());
}

void tst_ClusterIndex::parametersAreClamped()
{
    ClusterIndex index(0, 99);
    QCOMPARE(index.radiusPx(), 1);
    QCOMPARE(index.maxZoom(), 24);
    ClusterIndex other(100000, -3);
    QCOMPARE(other.radiusPx(), 4096);
    QCOMPARE(other.maxZoom(), 0);
    other.build({{1, 10, 10}, {2, -10, 100}});
    QCOMPARE(other.query({-90, -180, 90, 180}, 0).size(), 1); // one cell holds the world
    QCOMPARE(other.query({-90, -180, 90, 180}, 1).size(), 2);
}

void tst_ClusterIndex::moveKeepsContent()
{
    ClusterIndex index;
    index.build({{1, 10, 10}, {2, 20, 20}});
    ClusterIndex moved(std::move(index));
    QCOMPARE(moved.size(), 2);
    ClusterIndex assigned;
    assigned = std::move(moved);
    QCOMPARE(assigned.size(), 2);
    QCOMPARE(sorted(assigned.pointsInBox({-90, -180, 90, 180})), (QList<qint64>{1, 2}));
}

void tst_ClusterIndex::addParameterRows()
{
    QTest::addColumn<int>("radius");
    QTest::addColumn<int>("maxZoom");
    QTest::addColumn<quint32>("seed");
    QTest::newRow("default 60px z17") << 60 << 17 << 1u;
    QTest::newRow("40px z16") << 40 << 16 << 2u;
    QTest::newRow("80px z12") << 80 << 12 << 3u;
    QTest::newRow("300px z5: zoom 0 is one cell") << 300 << 5 << 4u;
    QTest::newRow("1000px z3: cells wider than the world") << 1000 << 3 << 5u;
}

void tst_ClusterIndex::queryMatchesBruteForce_data()
{
    addParameterRows();
}

// (a) Exactly the reference's items for each box and zoom; in particular the counts of the
// returned items add up to the points whose cell's position lies in the box.
void tst_ClusterIndex::queryMatchesBruteForce()
{
    QFETCH(int, radius);
    QFETCH(int, maxZoom);
    QFETCH(quint32, seed);
    const QList<GeoPoint> points = makePoints(seed);
    ClusterIndex index(radius, maxZoom);
    index.build(points);
    QCOMPARE(index.size(), points.size());
    for (const LatLonBox &box : boxes()) {
        for (int zoom : {-1, 0, 1, 3, 6, 9, 12, 14, 15, 16, 17, 18, 30}) {
            const QList<Cluster> got = index.query(box, zoom);
            const QList<Cluster> want = refQuery(points, radius, maxZoom, box, zoom);
            const QByteArray where = u"box %1,%2..%3,%4 zoom %5"_s.arg(box.minLat)
                                         .arg(box.minLon)
                                         .arg(box.maxLat)
                                         .arg(box.maxLon)
                                         .arg(zoom)
                                         .toUtf8();
            QVERIFY2(sorted(got) == sorted(want), where.constData());
            int gotTotal = 0;
            for (const Cluster &c : got) {
                QVERIFY2(inBox(box, c.lat, c.lon), where.constData());
                gotTotal += c.count;
            }
            int wantTotal = 0;
            for (const Cluster &c : want)
                wantTotal += c.count;
            QCOMPARE(gotTotal, wantTotal);
        }
    }
}

void tst_ClusterIndex::everyPointInExactlyOneCluster_data()
{
    addParameterRows();
}

// (b) At every zoom the world box returns a partition of all points.
void tst_ClusterIndex::everyPointInExactlyOneCluster()
{
    QFETCH(int, radius);
    QFETCH(int, maxZoom);
    QFETCH(quint32, seed);
    const QList<GeoPoint> points = makePoints(seed);
    ClusterIndex index(radius, maxZoom);
    index.build(points);
    QList<qint64> all;
    for (const GeoPoint &p : points)
        all.append(p.id);
    all = sorted(all);
    for (int zoom = 0; zoom <= maxZoom + 1; ++zoom) {
        QList<qint64> seen;
        for (const Cluster &c : index.query({-90, -180, 90, 180}, zoom)) {
            const QList<qint64> members = index.pointsIn(c, zoom);
            QCOMPARE(members.size(), c.count);
            seen += members;
        }
        QCOMPARE(sorted(seen), all); // equal sorted lists: every id once, none twice
    }
}

void tst_ClusterIndex::clusterStaysInItsCell_data()
{
    addParameterRows();
}

// (c) The grid's guarantee: one item per cell; a cluster's members share its cell (so they
// lie within radius px of each other on each axis) and its position lies in that cell.
void tst_ClusterIndex::clusterStaysInItsCell()
{
    QFETCH(int, radius);
    QFETCH(int, maxZoom);
    QFETCH(quint32, seed);
    const QList<GeoPoint> points = makePoints(seed);
    QHash<qint64, GeoPoint> byId;
    for (const GeoPoint &p : points)
        byId.insert(p.id, p);
    ClusterIndex index(radius, maxZoom);
    index.build(points);
    for (int zoom = 0; zoom <= maxZoom; ++zoom) {
        const double worldPx = std::ldexp(256.0, zoom);
        QSet<quint64> keys;
        for (const Cluster &c : index.query({-90, -180, 90, 180}, zoom)) {
            if (c.count == 1) {
                QVERIFY(!keys.contains(keyOf(byId.value(c.pointId), radius, zoom)));
                keys.insert(keyOf(byId.value(c.pointId), radius, zoom));
                continue;
            }
            QVERIFY(!keys.contains(c.clusterKey));
            keys.insert(c.clusterKey);
            const double kx = static_cast<double>(c.clusterKey & 0xFFFFFFFFu);
            const double ky = static_cast<double>(c.clusterKey >> 32);
            const double px = qx(c.lon) / kScale * worldPx;
            const double py = qy(c.lat) / kScale * worldPx;
            const double slack = 1e-6 * radius;
            QVERIFY(px >= kx * radius - slack && px <= (kx + 1) * radius + slack);
            QVERIFY(py >= ky * radius - slack && py <= (ky + 1) * radius + slack);
            double minX = 1e300, maxX = -1e300, minY = 1e300, maxY = -1e300;
            for (qint64 id : index.pointsIn(c, zoom)) {
                const GeoPoint p = byId.value(id);
                QCOMPARE(keyOf(p, radius, zoom), c.clusterKey);
                const double x = qx(p.lon) / kScale * worldPx, y = qy(p.lat) / kScale * worldPx;
                minX = std::min(minX, x);
                maxX = std::max(maxX, x);
                minY = std::min(minY, y);
                maxY = std::max(maxY, y);
            }
            QVERIFY(maxX - minX <= radius);
            QVERIFY(maxY - minY <= radius);
        }
    }
}

void tst_ClusterIndex::incrementalMatchesFreshBuild_data()
{
    addParameterRows();
}

// (d) Any sequence of upserts, moves and removes ends where a fresh build of the result is.
void tst_ClusterIndex::incrementalMatchesFreshBuild()
{
    QFETCH(int, radius);
    QFETCH(int, maxZoom);
    QFETCH(quint32, seed);
    const QList<GeoPoint> points = makePoints(seed);
    QRandomGenerator gen(seed * 7919u);

    ClusterIndex live(radius, maxZoom);
    live.build(points.mid(0, points.size() / 3));
    QMap<qint64, GeoPoint> expected;
    for (const GeoPoint &p : points.mid(0, points.size() / 3))
        expected.insert(p.id, p);
    for (const GeoPoint &p : points.mid(points.size() / 3)) {
        live.upsert(p);
        expected.insert(p.id, p);
    }
    for (int step = 0; step < 3000; ++step) {
        const GeoPoint &p = points.at(static_cast<qsizetype>(gen.bounded(static_cast<quint32>(points.size()))));
        switch (gen.bounded(4)) {
        case 0:
            QCOMPARE(live.remove(p.id), expected.remove(p.id) == 1);
            break;
        case 1: { // move within the town, or onto the pile
            const GeoPoint moved = gen.bounded(2)
                ? GeoPoint{p.id, 41.0917, 23.5499}
                : GeoPoint{p.id, 41.05 + gen.generateDouble() * 0.08, 23.50 + gen.generateDouble() * 0.1};
            live.upsert(moved);
            expected.insert(p.id, moved);
            break;
        }
        case 2: // back where it started
            live.upsert(p);
            expected.insert(p.id, p);
            break;
        default: { // across the world
            const GeoPoint moved{p.id, gen.generateDouble() * 170 - 85, gen.generateDouble() * 360 - 180};
            live.upsert(moved);
            expected.insert(p.id, moved);
            break;
        }
        }
    }
    const QList<GeoPoint> finalPoints = expected.values();
    ClusterIndex fresh(radius, maxZoom);
    fresh.build(finalPoints);
    QCOMPARE(live.size(), fresh.size());
    for (const LatLonBox &box : boxes()) {
        QCOMPARE(sorted(live.pointsInBox(box)), sorted(refPointsInBox(finalPoints, box)));
        for (int zoom = 0; zoom <= maxZoom + 1; zoom += 2) {
            const QList<Cluster> items = live.query(box, zoom);
            QCOMPARE(sorted(items), sorted(fresh.query(box, zoom)));
            QCOMPARE(sorted(items), sorted(refQuery(finalPoints, radius, maxZoom, box, zoom)));
            for (const Cluster &c : items) {
                QCOMPARE(sorted(live.pointsIn(c, zoom)), sorted(fresh.pointsIn(c, zoom)));
                QCOMPARE(live.expansionZoom(c, zoom), fresh.expansionZoom(c, zoom));
            }
        }
    }
    // Emptied one by one, it ends empty.
    for (const GeoPoint &p : finalPoints)
        QVERIFY(live.remove(p.id));
    QCOMPARE(live.size(), 0);
    QVERIFY(live.query({-90, -180, 90, 180}, 0).isEmpty());
    QVERIFY(live.pointsInBox({-90, -180, 90, 180}).isEmpty());
}

// (e) Past maxZoom nothing clusters.
void tst_ClusterIndex::aboveMaxZoomEveryPointIsSingle()
{
    const QList<GeoPoint> points = makePoints(11);
    ClusterIndex index(60, 17);
    index.build(points);
    for (const LatLonBox &box : boxes()) {
        for (int zoom : {18, 19, 25}) {
            QList<qint64> ids;
            for (const Cluster &c : index.query(box, zoom)) {
                QCOMPARE(c.count, 1);
                ids.append(c.pointId);
            }
            QCOMPARE(sorted(ids), sorted(refPointsInBox(points, box)));
        }
    }
}

// (e) Rectangle selection is exact, including edges, the poles and the antimeridian.
void tst_ClusterIndex::pointsInBoxMatchesBruteForce()
{
    const QList<GeoPoint> points = makePoints(12);
    ClusterIndex index(60, 17);
    index.build(points);
    QList<LatLonBox> all = boxes();
    QRandomGenerator gen(99);
    for (int i = 0; i < 200; ++i) {
        const double lat = gen.generateDouble() * 180 - 90, lon = gen.generateDouble() * 360 - 180;
        const double h = std::ldexp(gen.generateDouble(), -static_cast<int>(gen.bounded(12)));
        all.append({lat, lon, lat + 40 * h, lon + 80 * h});
    }
    all.append({41.0917, 23.5499, 41.0917, 23.5499});
    all.append({0, 180, 0, 180});
    all.append({-90, -180, -90, -180});
    for (const LatLonBox &box : all)
        QCOMPARE(sorted(index.pointsInBox(box)), sorted(refPointsInBox(points, box)));
}

void tst_ClusterIndex::expansionZoomSplitsTheCluster_data()
{
    addParameterRows();
}

// (e) Up to the expansion zoom a cluster's points share a cell; at it they do not.
void tst_ClusterIndex::expansionZoomSplitsTheCluster()
{
    QFETCH(int, radius);
    QFETCH(int, maxZoom);
    QFETCH(quint32, seed);
    const QList<GeoPoint> points = makePoints(seed);
    QHash<qint64, GeoPoint> byId;
    for (const GeoPoint &p : points)
        byId.insert(p.id, p);
    ClusterIndex index(radius, maxZoom);
    index.build(points);
    int piles = 0;
    for (int zoom = 0; zoom <= maxZoom + 1; ++zoom) {
        for (const Cluster &c : index.query({-90, -180, 90, 180}, zoom)) {
            const int expansion = index.expansionZoom(c, zoom);
            if (c.count == 1) {
                QCOMPARE(expansion, zoom);
                continue;
            }
            QVERIFY(expansion > zoom);
            QVERIFY(expansion <= maxZoom + 1);
            const QList<qint64> members = index.pointsIn(c, zoom);
            auto cellsAt = [&](int z) {
                QSet<quint64> keys;
                for (qint64 id : members)
                    keys.insert(keyOf(byId.value(id), radius, z));
                return keys.size();
            };
            for (int z = zoom; z < expansion; ++z)
                QCOMPARE(cellsAt(z), 1);
            if (expansion <= maxZoom)
                QVERIFY(cellsAt(expansion) > 1);
            else
                ++piles; // one maxZoom cell: only past maxZoom do they come apart
        }
    }
    QVERIFY(piles > 0); // the pile at the town hall
}

QTEST_GUILESS_MAIN(tst_ClusterIndex)
#include "tst_ClusterIndex.moc"
