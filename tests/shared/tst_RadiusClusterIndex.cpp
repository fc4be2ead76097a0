// The radius clustering index against a brute-force reference that applies the greedy rule
// of RadiusClusterIndex.h with a quadratic neighbour search, on seeded random data (dense
// around Serres, world-wide, several option sets); the properties the rule promises (counts
// add up, every point in exactly one item, members within the radius of their seed,
// children and leaves consistent), also for neighbours exactly one radius apart and a radius
// narrower than the grid's cells; and edge cases: empty, one point, a pile of duplicates,
// boxes across the antimeridian and on their edges, the poles, updates.
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "shared/geo/RadiusClusterIndex.h"

using namespace Qt::StringLiterals;
using namespace dimos;

Q_DECLARE_METATYPE(RadiusClusterIndex::Options)

namespace {

// --- the rule from RadiusClusterIndex.h, written out independently ---

double refX(double lon)
{
    return lon / 360.0 + 0.5;
}

double refY(double lat)
{
    const double s = std::sin(lat * std::numbers::pi / 180.0);
    const double y = 0.5 - 0.25 * std::log((1 + s) / (1 - s)) / std::numbers::pi;
    return std::clamp(y, 0.0, 1.0);
}

struct RefItem
{
    double x = 0, y = 0;
    int count = 0;
    qint64 pointId = 0; // count == 1
};

// refLevels[z] for z = minZoom..maxZoom + 1 (indexed by z).
QList<QList<RefItem>> referenceLevels(const QList<GeoPoint> &points, const RadiusClusterIndex::Options &o)
{
    QList<QList<RefItem>> levels(o.maxZoom + 2);
    QList<RefItem> items;
    for (const GeoPoint &p : points)
        items.append({refX(p.lon), refY(p.lat), 1, p.id});
    levels[o.maxZoom + 1] = items;
    for (int z = o.maxZoom; z >= o.minZoom; --z) {
        const double r = o.radius / (o.extent * std::pow(2.0, z));
        QList<bool> taken(items.size(), false);
        QList<RefItem> out;
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (taken[i])
                continue;
            taken[i] = true;
            QList<qsizetype> near;
            int total = items[i].count;
            for (qsizetype j = 0; j < items.size(); ++j) {
                const double dx = items[j].x - items[i].x, dy = items[j].y - items[i].y;
                if (!taken[j] && dx * dx + dy * dy <= r * r) {
                    near.append(j);
                    total += items[j].count;
                }
            }
            for (qsizetype j : near)
                taken[j] = true;
            if (!near.isEmpty() && total >= o.minPoints) {
                double wx = items[i].x * items[i].count, wy = items[i].y * items[i].count;
                for (qsizetype j : near) {
                    wx += items[j].x * items[j].count;
                    wy += items[j].y * items[j].count;
                }
                out.append({wx / total, wy / total, total, 0});
            } else {
                out.append(items[i]);
                for (qsizetype j : near)
                    out.append(items[j]);
            }
        }
        levels[z] = out;
        items = out;
    }
    return levels;
}

const LatLonBox kWorld{-90, -180, 90, 180};

QList<GeoPoint> serresPoints(int n, quint32 seed)
{
    QRandomGenerator rng(seed);
    QList<GeoPoint> points;
    // A few hot spots and a uniform background, as reports gather in a town.
    for (int i = 0; i < n; ++i) {
        double lat = 0, lon = 0;
        if (i % 3 == 0) {
            lat = 40.9 + 0.4 * rng.generateDouble();
            lon = 23.3 + 0.5 * rng.generateDouble();
        } else {
            const int spot = int(rng.bounded(6));
            lat = 41.06 + 0.01 * spot + 0.004 * (rng.generateDouble() - 0.5);
            lon = 23.52 + 0.012 * spot + 0.004 * (rng.generateDouble() - 0.5);
        }
        points.append({1000 + i, lat, lon});
    }
    return points;
}

QList<GeoPoint> worldPoints(int n, quint32 seed)
{
    QRandomGenerator rng(seed);
    QList<GeoPoint> points;
    for (int i = 0; i < n; ++i)
        points.append({i + 1, -85 + 170 * rng.generateDouble(), -180 + 360 * rng.generateDouble()});
    return points;
}

// Rows of points whose projected x lie exactly on a lattice of step 2^-step (lon = 360 · m ·
// 2^-step is exact, and so are lon / 360 and + 1/2), 0, 1 or 2 steps apart: with a radius that
// is a power of two, neighbours sit exactly one radius apart, which decides on the edge of a
// grid cell. Plus points on the map's edges (the antimeridian, the clamped poles), some twice.
QList<GeoPoint> latticePoints(int step, quint32 seed)
{
    QRandomGenerator rng(seed);
    QList<GeoPoint> points;
    qint64 id = 1;
    for (int row = 0; row < 8; ++row) {
        const double lat = -60 + 15 * row;
        qint64 m = (qint64(row) - 4) << (step - 4); // rows start at different longitudes
        for (int k = 0; k < 60; ++k) {
            m += rng.bounded(3);
            points.append({id++, lat, 360.0 * std::ldexp(double(m), -step)});
        }
    }
    for (const double lon : {-180.0, 180.0}) {
        for (const double lat : {90.0, 89.0, 85.0511287798066, 0.0, -85.0511287798066, -89.0, -90.0})
            points.append({id++, lat, lon});
        points.append({id++, 90.0, lon});
        points.append({id++, 0.0, lon});
    }
    return points;
}

struct Item
{
    double x = 0, y = 0;
    int count = 0;
    qint64 pointId = 0;
    bool operator==(const Item &) const = default;
    bool operator<(const Item &o) const
    {
        if (count != o.count)
            return count < o.count;
        if (pointId != o.pointId)
            return pointId < o.pointId;
        if (x != o.x)
            return x < o.x;
        return y < o.y;
    }
};

QList<Item> sortedItems(const QList<Cluster> &clusters)
{
    QList<Item> out;
    for (const Cluster &c : clusters)
        out.append({refX(c.lon), refY(c.lat), c.count, c.count == 1 ? c.pointId : 0});
    std::sort(out.begin(), out.end());
    return out;
}

QList<Item> sortedItems(const QList<RefItem> &items)
{
    QList<Item> out;
    for (const RefItem &r : items)
        out.append({r.x, r.y, r.count, r.count == 1 ? r.pointId : 0});
    std::sort(out.begin(), out.end());
    return out;
}

QList<qint64> sortedIds(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    return ids;
}

QList<qint64> idsOf(const QList<GeoPoint> &points)
{
    QList<qint64> ids;
    for (const GeoPoint &p : points)
        ids.append(p.id);
    return sortedIds(ids);
}

} // namespace

class tst_RadiusClusterIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesBruteForce_data();
    void matchesBruteForce();
    void properties_data();
    void properties();
    void empty();
    void onePoint();
    void duplicatesAtOneSpot();
    void repeatedIdsLastWins();
    void antimeridianAndBoxEdges();
    void polesClamp();
    void updatesRebuildOnRead();
    void optionsAreClamped();
};

void tst_RadiusClusterIndex::matchesBruteForce_data()
{
    QTest::addColumn<QList<GeoPoint>>("points");
    QTest::addColumn<RadiusClusterIndex::Options>("options");

    const RadiusClusterIndex::Options defaults;
    QTest::newRow("Serres, defaults") << serresPoints(1500, 7) << defaults;
    QTest::newRow("world, defaults") << worldPoints(1500, 11) << defaults;
    RadiusClusterIndex::Options five;
    five.minPoints = 5;
    QTest::newRow("Serres, minPoints 5") << serresPoints(1200, 3) << five;
    RadiusClusterIndex::Options wide;
    wide.radius = 60;
    wide.extent = 256;
    wide.minZoom = 3;
    wide.maxZoom = 12;
    wide.nodeSize = 4; // a deep tree even for few points
    QTest::newRow("world, radius 60 extent 256 zooms 3..12") << worldPoints(1200, 5) << wide;
    // r = 2^-(3 + z): lattice neighbours exactly r apart at zoom 17, 2^-20 in projected units.
    RadiusClusterIndex::Options exact;
    exact.radius = 64;
    exact.extent = 512;
    exact.minZoom = 10;
    exact.maxZoom = 17;
    QTest::newRow("lattice exactly r apart, map edges") << latticePoints(20, 13) << exact;
    // r = 2^-(16 + z), down to 2^-40: far narrower than the grid's narrowest cell (2^-30).
    RadiusClusterIndex::Options tiny;
    tiny.radius = 1;
    tiny.extent = 65536;
    tiny.minZoom = 20;
    tiny.maxZoom = 24;
    QTest::newRow("radius below the narrowest cell, zooms 20..24") << latticePoints(40, 17) << tiny;
}

void tst_RadiusClusterIndex::matchesBruteForce()
{
    QFETCH(QList<GeoPoint>, points);
    QFETCH(RadiusClusterIndex::Options, options);
    RadiusClusterIndex index(options);
    index.build(points);
    const QList<QList<RefItem>> reference = referenceLevels(points, options);
    int clustered = 0;
    for (int z = options.minZoom; z <= options.maxZoom + 1; ++z) {
        const QList<Item> got = sortedItems(index.query(kWorld, z));
        const QList<Item> want = sortedItems(reference[z]);
        QCOMPARE(index.itemCount(z), want.size());
        QCOMPARE(got.size(), want.size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].count, want[i].count);
            QCOMPARE(got[i].pointId, want[i].pointId);
            // Positions go through lat/lon and back: equal up to rounding.
            QVERIFY2(std::abs(got[i].x - want[i].x) < 1e-12 && std::abs(got[i].y - want[i].y) < 1e-12,
                qPrintable(u"zoom %1 item %2"_s.arg(z).arg(i)));
        }
        if (want.size() < points.size())
            ++clustered;
    }
    QVERIFY(clustered > 3); // the data does cluster at several zooms
}

void tst_RadiusClusterIndex::properties_data()
{
    QTest::addColumn<QList<GeoPoint>>("points");
    QTest::addColumn<int>("minPoints");
    QTest::newRow("Serres") << serresPoints(2500, 21) << 2;
    QTest::newRow("Serres, minPoints 4") << serresPoints(2000, 22) << 4;
    QTest::newRow("world") << worldPoints(2000, 23) << 2;
}

void tst_RadiusClusterIndex::properties()
{
    QFETCH(QList<GeoPoint>, points);
    QFETCH(int, minPoints);
    RadiusClusterIndex::Options options;
    options.minPoints = minPoints;
    RadiusClusterIndex index(options);
    index.build(points);
    const QList<qint64> allIds = idsOf(points);
    for (int z = options.minZoom; z <= options.maxZoom + 1; ++z) {
        const QList<Cluster> items = index.query(kWorld, z);
        int sum = 0;
        QList<qint64> ids;
        for (const Cluster &c : items) {
            sum += c.count;
            const QList<qint64> leaves = index.leaves(c);
            QCOMPARE(leaves.size(), qsizetype(c.count));
            ids.append(leaves);
            if (c.count == 1) {
                QCOMPARE(index.expansionZoom(c), -1);
                QVERIFY(index.children(c).isEmpty());
                continue;
            }
            QVERIFY(c.count >= minPoints);
            QVERIFY(z <= options.maxZoom);
            // The children: at most one zoom above where it was formed, counts adding up,
            // all within the radius of one of them (the seed).
            const int expand = index.expansionZoom(c);
            QVERIFY(expand > z && expand <= options.maxZoom + 1);
            const QList<Cluster> children = index.children(c);
            QVERIFY(children.size() >= 2);
            int childSum = 0;
            for (const Cluster &child : children)
                childSum += child.count;
            QCOMPARE(childSum, c.count);
            const double r = options.radius / (options.extent * std::pow(2.0, expand - 1));
            const auto withinOf = [&](const Cluster &seed) {
                return std::all_of(children.cbegin(), children.cend(), [&](const Cluster &o) {
                    return std::hypot(refX(o.lon) - refX(seed.lon), refY(o.lat) - refY(seed.lat)) <= r * (1 + 1e-9);
                });
            };
            QVERIFY2(std::any_of(children.cbegin(), children.cend(), withinOf),
                qPrintable(
                    u"zoom %1: a cluster of %2 has no seed within the radius of all members"_s.arg(z).arg(c.count)));
            // Expanding shows the children as items of that zoom.
            const QList<Cluster> atExpansion = index.query(kWorld, expand);
            for (const Cluster &child : children) {
                QVERIFY(std::any_of(atExpansion.cbegin(), atExpansion.cend(), [&](const Cluster &o) {
                    return o.count == child.count && o.pointId == child.pointId && o.clusterKey == child.clusterKey;
                }));
            }
        }
        QCOMPARE(qsizetype(sum), points.size());
        QCOMPARE(sortedIds(ids), allIds); // every point in exactly one item
    }
}

void tst_RadiusClusterIndex::empty()
{
    RadiusClusterIndex index;
    QCOMPARE(index.size(), qsizetype(0));
    QVERIFY(index.query(kWorld, 5).isEmpty());
    QCOMPARE(index.itemCount(0), qsizetype(0));
    Cluster fake;
    fake.count = 3;
    fake.clusterKey = (quint64(4) << 32) | 0;
    QVERIFY(index.children(fake).isEmpty());
    QVERIFY(index.leaves(fake).isEmpty());
    QCOMPARE(index.expansionZoom(fake), -1);
    index.build({});
    QVERIFY(index.query(kWorld, 0).isEmpty());
    QVERIFY(!index.contains(1));
}

void tst_RadiusClusterIndex::onePoint()
{
    RadiusClusterIndex index;
    index.build({{42, 41.085, 23.5479}});
    for (int z = -3; z <= 20; ++z) {
        const QList<Cluster> items = index.query(kWorld, z);
        QCOMPARE(items.size(), qsizetype(1));
        QCOMPARE(items[0].count, 1);
        QCOMPARE(items[0].pointId, qint64(42));
        QCOMPARE(items[0].lat, 41.085); // a single point keeps its own position
        QCOMPARE(items[0].lon, 23.5479);
        QCOMPARE(index.leaves(items[0]), QList<qint64>{42});
    }
    QVERIFY(index.query({41.09, 23.5, 41.1, 23.6}, 10).isEmpty());
    QVERIFY(index.contains(42));
}

void tst_RadiusClusterIndex::duplicatesAtOneSpot()
{
    QList<GeoPoint> points;
    for (int i = 0; i < 100; ++i)
        points.append({i + 1, 41.085, 23.5479});
    points.append({500, 41.2, 23.8}); // far away
    RadiusClusterIndex index;
    index.build(points);
    const int maxZoom = index.options().maxZoom;
    for (int z = 10; z <= maxZoom; ++z) {
        const QList<Cluster> items = index.query(kWorld, z);
        QCOMPARE(items.size(), qsizetype(2));
        const auto pile = std::find_if(items.cbegin(), items.cend(), [](const Cluster &c) { return c.count > 1; });
        QVERIFY(pile != items.cend());
        QCOMPARE(pile->count, 100);
        QVERIFY(std::abs(pile->lat - 41.085) < 1e-9 && std::abs(pile->lon - 23.5479) < 1e-9);
        QCOMPARE(index.expansionZoom(*pile), maxZoom + 1); // never splits before every point is single
        QCOMPARE(index.leaves(*pile).size(), qsizetype(100));
    }
    QCOMPARE(index.query(kWorld, maxZoom + 1).size(), qsizetype(101));
}

void tst_RadiusClusterIndex::repeatedIdsLastWins()
{
    RadiusClusterIndex index;
    index.build({{5, 10, 10}, {3, 20, 20}, {5, 30, 30}});
    QCOMPARE(index.size(), qsizetype(2));
    const QList<Cluster> items = index.query(kWorld, 20);
    QCOMPARE(items.size(), qsizetype(2));
    for (const Cluster &c : items) {
        if (c.pointId == 5)
            QCOMPARE(c.lat, 30.0);
    }
}

void tst_RadiusClusterIndex::antimeridianAndBoxEdges()
{
    RadiusClusterIndex index;
    index.build({{1, 10, 179.5}, {2, 10, -179.5}, {3, 10, 0}, {4, 20, 30}});
    const auto ids = [&](const LatLonBox &box) {
        QList<qint64> out;
        for (const Cluster &c : index.query(box, 17))
            out.append(c.pointId);
        return sortedIds(out);
    };
    QCOMPARE(ids({0, 179, 20, -179}), (QList<qint64>{1, 2})); // crosses the antimeridian
    QCOMPARE(ids({0, 170, 20, 175}), QList<qint64>{});
    QCOMPARE(ids({0, 179, 20, 181}), (QList<qint64>{1, 2})); // 181 wraps to -179
    QCOMPARE(ids({0, -500, 20, 500}), (QList<qint64>{1, 2, 3, 4})); // 360° or more: every longitude
    // Edges included, on both axes.
    QCOMPARE(ids({10, 0, 20, 30}), (QList<qint64>{3, 4}));
    QCOMPARE(ids({10, -10, 10, 0}), QList<qint64>{3});
    QCOMPARE(ids({10.000001, -10, 20, 29.999999}), QList<qint64>{});
    QCOMPARE(ids({20, 10, 10, 40}), QList<qint64>{}); // minLat > maxLat: nothing
    // Points 1° apart across the antimeridian are not clustered (x does not wrap), like
    // supercluster.
    QCOMPARE(index.query(kWorld, 3).size(), qsizetype(4));
}

void tst_RadiusClusterIndex::polesClamp()
{
    RadiusClusterIndex index;
    index.build({{1, 90, 10}, {2, 89.9, 10}, {3, -90, -20}, {4, 84, 10}});
    // Above ±85.05° everything projects onto the edge of the map: 1 and 2 coincide there.
    const QList<Cluster> z16 = index.query(kWorld, 16);
    QCOMPARE(z16.size(), qsizetype(3));
    const auto pair = std::find_if(z16.cbegin(), z16.cend(), [](const Cluster &c) { return c.count == 2; });
    QVERIFY(pair != z16.cend());
    QCOMPARE(sortedIds(index.leaves(*pair)), (QList<qint64>{1, 2}));
    QVERIFY(std::abs(pair->lat - 85.0511287798) < 1e-6); // the clamped edge
    // Single points keep their real latitude; a box reaching the pole finds them.
    QList<qint64> north;
    for (const Cluster &c : index.query({80, 0, 90, 20}, 17)) {
        north.append(c.pointId);
        if (c.pointId == 1)
            QCOMPARE(c.lat, 90.0);
    }
    QCOMPARE(sortedIds(north), (QList<qint64>{1, 2, 4}));
    QCOMPARE(index.query({-90, -30, -80, 0}, 17).size(), qsizetype(1));
}

void tst_RadiusClusterIndex::updatesRebuildOnRead()
{
    const QList<GeoPoint> points = serresPoints(800, 31);
    RadiusClusterIndex grown;
    grown.build(points.first(500));
    for (qsizetype i = 500; i < points.size(); ++i)
        grown.upsert(points[i]);
    RadiusClusterIndex fresh;
    fresh.build(points);
    for (int z = 0; z <= 17; ++z)
        QCOMPARE(sortedItems(grown.query(kWorld, z)), sortedItems(fresh.query(kWorld, z)));

    // Removing the last point gives what a build without it gives; moving a point moves it.
    QVERIFY(grown.remove(points.last().id));
    QVERIFY(!grown.remove(points.last().id));
    QVERIFY(!grown.contains(points.last().id));
    fresh.build(points.first(points.size() - 1));
    for (int z = 0; z <= 17; ++z)
        QCOMPARE(sortedItems(grown.query(kWorld, z)), sortedItems(fresh.query(kWorld, z)));

    grown.upsert({points[0].id, -33.86, 151.21});
    QCOMPARE(grown.size(), points.size() - 1);
    const QList<Cluster> sydney = grown.query({-34, 151, -33, 152}, 5);
    QCOMPARE(sydney.size(), qsizetype(1));
    QCOMPARE(sydney[0].pointId, points[0].id);
    int sum = 0;
    for (const Cluster &c : grown.query(kWorld, 8))
        sum += c.count;
    QCOMPARE(qsizetype(sum), points.size() - 1);

    // Removing from the middle keeps every other point.
    QVERIFY(grown.remove(points[100].id));
    QList<qint64> left;
    for (const Cluster &c : grown.query(kWorld, 17))
        left.append(c.pointId);
    QList<qint64> expected = idsOf(points.first(points.size() - 1));
    expected.removeOne(points[100].id);
    QCOMPARE(sortedIds(left), expected);

    grown.clear();
    QCOMPARE(grown.size(), qsizetype(0));
    QVERIFY(grown.query(kWorld, 3).isEmpty());
}

void tst_RadiusClusterIndex::optionsAreClamped()
{
    RadiusClusterIndex::Options o;
    o.radius = 0;
    o.minZoom = 30;
    o.maxZoom = -1;
    o.minPoints = 1;
    RadiusClusterIndex index(o);
    QCOMPARE(index.options().radius, 1);
    QCOMPARE(index.options().minZoom, 24);
    QCOMPARE(index.options().maxZoom, 24);
    QCOMPARE(index.options().minPoints, 2);
    index.build(worldPoints(50, 1));
    QCOMPARE(index.query(kWorld, 0).size(), qsizetype(50));
}

QTEST_APPLESS_MAIN(tst_RadiusClusterIndex)
#include "tst_RadiusClusterIndex.moc"
