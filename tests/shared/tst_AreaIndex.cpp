// The area index against a brute-force reference (every area tested with plain, unprepared
// GEOS "covers") on seeded random star polygons, multipolygons and polygons with holes;
// points exactly on edges and vertices; and the messages that broken input gets.
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <numbers>

#include <geos_c.h>

#include "shared/geo/AreaIndex.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

QString ring(const QList<QPointF> &points) // x = lon, y = lat; closed here
{
    QStringList parts;
    for (const QPointF &p : points)
        parts.append(u"[%1,%2]"_s.arg(p.x(), 0, 'g', 17).arg(p.y(), 0, 'g', 17));
    parts.append(parts.first());
    return u"["_s + parts.join(u',') + u"]"_s;
}

QList<QPointF> square(double x0, double y0, double size)
{
    return {{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}};
}

QList<QPointF> star(QRandomGenerator &rng, double cx, double cy, double radius)
{
    QList<QPointF> points;
    const int n = 5 + int(rng.bounded(12));
    for (int i = 0; i < n; ++i) {
        const double angle = 2 * std::numbers::pi * (i + 0.8 * rng.generateDouble()) / n;
        const double r = radius * (0.35 + 0.65 * rng.generateDouble());
        points.append({cx + r * std::cos(angle), cy + r * std::sin(angle)});
    }
    return points;
}

QString feature(const QString &id, const QString &geometry)
{
    return u"{\"type\":\"Feature\",\"id\":%1,\"properties\":{},\"geometry\":%2}"_s.arg(id, geometry);
}

QString polygon(const QList<QList<QPointF>> &rings)
{
    QStringList parts;
    for (const auto &r : rings)
        parts.append(ring(r));
    return u"{\"type\":\"Polygon\",\"coordinates\":["_s + parts.join(u',') + u"]}"_s;
}

QByteArray collection(const QStringList &features)
{
    return (u"{\"type\":\"FeatureCollection\",\"features\":["_s + features.join(u',') + u"]}"_s).toUtf8();
}

// The reference: the geometries read again by GEOS and tested one by one.
class Reference
{
public:
    explicit Reference(const QList<QByteArray> &geometries)
    {
        GEOSGeoJSONReader *reader = GEOSGeoJSONReader_create_r(m_ctx);
        for (const QByteArray &g : geometries)
            m_geoms.append(GEOSGeoJSONReader_readGeometry_r(m_ctx, reader, g.constData()));
        GEOSGeoJSONReader_destroy_r(m_ctx, reader);
    }
    ~Reference()
    {
        for (GEOSGeometry *g : m_geoms)
            GEOSGeom_destroy_r(m_ctx, g);
        GEOS_finish_r(m_ctx);
    }
    Q_DISABLE_COPY_MOVE(Reference)

    QList<qsizetype> areasAt(double lat, double lon) const
    {
        QList<qsizetype> out;
        GEOSGeometry *p = GEOSGeom_createPointFromXY_r(m_ctx, lon, lat);
        for (qsizetype i = 0; i < m_geoms.size(); ++i) {
            if (GEOSCovers_r(m_ctx, m_geoms[i], p) == 1)
                out.append(i);
        }
        GEOSGeom_destroy_r(m_ctx, p);
        return out;
    }

private:
    GEOSContextHandle_t m_ctx = GEOS_init_r();
    QList<GEOSGeometry *> m_geoms;
};

} // namespace

class tst_AreaIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesBruteForce();
    void holes();
    void multiPolygon();
    void pointsOnEdgesAndVertices();
    void idForms();
    void serresArea();
    void invalidInput_data();
    void invalidInput();
};

void tst_AreaIndex::matchesBruteForce()
{
    QRandomGenerator rng(4242);
    QStringList features;
    QList<QByteArray> geometries;
    // 40 overlapping star polygons, some with a star-shaped hole, and 5 two-part multipolygons
    // over roughly the Serres extent.
    for (int i = 0; i < 45; ++i) {
        const double cx = 23.3 + 0.5 * rng.generateDouble(), cy = 40.95 + 0.35 * rng.generateDouble();
        const double radius = 0.02 + 0.08 * rng.generateDouble();
        QString geometry;
        if (i >= 40) {
            const QList<QPointF> a = star(rng, cx, cy, radius / 2);
            const QList<QPointF> b = star(rng, cx + 1.2 * radius, cy, radius / 2);
            geometry = u"{\"type\":\"MultiPolygon\",\"coordinates\":[[%1],[%2]]}"_s.arg(ring(a), ring(b));
        } else if (i % 3 == 0) {
            // The hole's radius is below the shell's smallest one, so it lies inside.
            QList<QPointF> hole = star(rng, cx, cy, radius * 0.3);
            std::reverse(hole.begin(), hole.end());
            geometry = polygon({star(rng, cx, cy, radius), hole});
        } else {
            geometry = polygon({star(rng, cx, cy, radius)});
        }
        features.append(feature(u"\"area-%1\""_s.arg(i), geometry));
        geometries.append(geometry.toUtf8());
    }
    QString error;
    const std::optional<AreaIndex> index = AreaIndex::fromGeoJson(collection(features), &error);
    QVERIFY2(index, qPrintable(error));
    QCOMPARE(index->size(), qsizetype(45));
    QCOMPARE(index->id(7), u"area-7"_s);
    const Reference reference(geometries);
    int inside = 0, overlaps = 0;
    QList<qsizetype> reused;
    for (int i = 0; i < 20000; ++i) {
        const double lat = 40.9 + 0.45 * rng.generateDouble(), lon = 23.25 + 0.6 * rng.generateDouble();
        const QList<qsizetype> want = reference.areasAt(lat, lon);
        QCOMPARE(index->areasAt(lat, lon), want);
        QCOMPARE(index->areasAt(lat, lon, &reused), want.size());
        QCOMPARE(reused, want);
        inside += want.isEmpty() ? 0 : 1;
        overlaps += want.size() > 1 ? 1 : 0;
    }
    QVERIFY(inside > 1000); // the data exercises hits, misses and overlaps
    QVERIFY(overlaps > 100);
    QVERIFY(index->areasAt(std::nan(""), 23.5).isEmpty());
    QVERIFY(index->areasAt(0, 0).isEmpty());
}

void tst_AreaIndex::holes()
{
    const QString geometry = polygon({square(0, 0, 10), square(3, 3, 4)});
    QString error;
    const auto index = AreaIndex::fromGeoJson(collection({feature(u"\"ring\""_s, geometry)}), &error);
    QVERIFY2(index, qPrintable(error));
    QCOMPARE(index->idsAt(1, 1), QStringList{u"ring"_s});
    QVERIFY(index->idsAt(5, 5).isEmpty()); // in the hole
    QCOMPARE(index->idsAt(3, 5), QStringList{u"ring"_s}); // on the hole's edge
    QCOMPARE(index->idsAt(7, 7), QStringList{u"ring"_s}); // the hole's corner
    QVERIFY(index->idsAt(11, 5).isEmpty());
    const LatLonBox b = index->bounds(0);
    QCOMPARE(b.minLon, 0.0);
    QCOMPARE(b.maxLat, 10.0);
}

void tst_AreaIndex::multiPolygon()
{
    const QString geometry = u"{\"type\":\"MultiPolygon\",\"coordinates\":[[%1],[%2]]}"_s.arg(
        ring(square(0, 0, 1)), ring(square(5, 5, 1)));
    QString error;
    const auto index = AreaIndex::fromGeoJson(
        collection({feature(u"\"islands\""_s, geometry), feature(u"\"big\""_s, polygon({square(-1, -1, 20)}))}),
        &error);
    QVERIFY2(index, qPrintable(error));
    QCOMPARE(index->idsAt(0.5, 0.5), (QStringList{u"islands"_s, u"big"_s}));
    QCOMPARE(index->idsAt(5.5, 5.5), (QStringList{u"islands"_s, u"big"_s}));
    QCOMPARE(index->idsAt(3, 3), QStringList{u"big"_s}); // between the parts
    QCOMPARE(index->areasAt(3, 3), QList<qsizetype>{1});
}

void tst_AreaIndex::pointsOnEdgesAndVertices()
{
    // Two districts sharing the edge lon = 1; a third touching them at one corner.
    QString error;
    const auto index = AreaIndex::fromGeoJson(
        collection({feature(u"\"west\""_s, polygon({square(0, 0, 1)})),
            feature(u"\"east\""_s, polygon({square(1, 0, 1)})), feature(u"\"north\""_s, polygon({square(2, 1, 1)}))}),
        &error);
    QVERIFY2(index, qPrintable(error));
    QCOMPARE(index->idsAt(0.5, 1), (QStringList{u"west"_s, u"east"_s})); // on the shared edge: both
    QCOMPARE(index->idsAt(0, 0.5), QStringList{u"west"_s}); // on the outer edge
    QCOMPARE(index->idsAt(0, 0), QStringList{u"west"_s}); // a vertex
    QCOMPARE(index->idsAt(1, 2), (QStringList{u"east"_s, u"north"_s})); // the touching corner
    QVERIFY(index->idsAt(1.0000001, 0.5).isEmpty());
}

void tst_AreaIndex::idForms()
{
    const QString a = u"{\"type\":\"Feature\",\"id\":17,\"geometry\":%1}"_s.arg(polygon({square(0, 0, 1)}));
    const QString b = u"{\"type\":\"Feature\",\"properties\":{\"id\":\"river-side\"},\"geometry\":%1}"_s.arg(
        polygon({square(0, 0, 1)}));
    QString error;
    const auto index = AreaIndex::fromGeoJson(collection({a, b}), &error);
    QVERIFY2(index, qPrintable(error));
    QCOMPARE(index->idsAt(0.5, 0.5), (QStringList{u"17"_s, u"river-side"_s}));
    auto single = AreaIndex::fromGeoJson(a.toUtf8(), &error); // one Feature
    QVERIFY2(single, qPrintable(error));
    QCOMPARE(single->size(), qsizetype(1));
    AreaIndex moved = std::move(*single);
    QCOMPARE(moved.idsAt(0.5, 0.5), QStringList{u"17"_s});
}

void tst_AreaIndex::serresArea()
{
    // The real municipal boundary as one area, against the Boundary class's answer.
    QFile f(QStringLiteral(DIMOS_SOURCE_DIR "/resources/demo/serres-boundary.geojson"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray json = f.readAll();
    QString error;
    const std::optional<Boundary> boundary = Boundary::fromGeoJson(json, &error);
    QVERIFY2(boundary, qPrintable(error));
    const auto index = AreaIndex::fromGeoJson(json, &error); // the shipped file, id "9054"
    QVERIFY2(index, qPrintable(error));
    QCOMPARE(index->id(0), u"9054"_s);
    QRandomGenerator rng(9);
    const LatLonBox b = boundary->bounds();
    int hits = 0;
    for (int i = 0; i < 2000; ++i) {
        const double lat = b.minLat + (b.maxLat - b.minLat) * rng.generateDouble();
        const double lon = b.minLon + (b.maxLon - b.minLon) * rng.generateDouble();
        const bool inside = boundary->contains(lat, lon);
        QCOMPARE(index->areasAt(lat, lon).size() == 1, inside);
        hits += inside ? 1 : 0;
    }
    QVERIFY(hits > 200);
}

void tst_AreaIndex::invalidInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message"); // a part of the error

    const QString ok = polygon({square(0, 0, 1)});
    QTest::newRow("not JSON") << QByteArray("{\"type\": \"Feat") << u"not valid JSON"_s;
    QTest::newRow("bare geometry") << ok.toUtf8() << u"not \"Polygon\""_s;
    QTest::newRow("empty collection") << collection({}) << u"holds no areas"_s;
    QTest::newRow("no id") << collection({u"{\"type\":\"Feature\",\"geometry\":%1}"_s.arg(ok)}) << u"has no id"_s;
    QTest::newRow("repeated id") << collection({feature(u"1"_s, ok), feature(u"1"_s, ok)})
                                 << u"feature 2 (id \"1\"): repeats an id"_s;
    QTest::newRow("a line") << collection(
        {feature(u"\"l\""_s, u"{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}"_s)})
                            << u"geometry type \"LineString\""_s;
    QTest::newRow("no geometry") << collection({u"{\"type\":\"Feature\",\"id\":\"x\",\"geometry\":null}"_s})
                                 << u"geometry type \"(none)\""_s;
    QTest::newRow("bow tie") << collection(
        {feature(u"\"bow\""_s, u"{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"_s)})
                             << u"feature 1 (id \"bow\"): the geometry is not valid (Self-intersection"_s;
    QTest::newRow("unclosed ring") << collection(
        {feature(u"\"open\""_s, u"{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}"_s)})
                                   << u"feature 1 (id \"open\")"_s;
    QTest::newRow("hole outside the shell")
        << collection({feature(u"\"h\""_s, polygon({square(0, 0, 1), square(5, 5, 1)}))}) << u"not valid"_s;
    QTest::newRow("empty polygon") << collection({feature(u"\"e\""_s, u"{\"type\":\"Polygon\",\"coordinates\":[]}"_s)})
                                   << u"empty"_s;
    QTest::newRow("second feature broken")
        << collection({feature(u"\"fine\""_s, ok), u"{\"type\":\"Point\"}"_s}) << u"feature 2: not a GeoJSON Feature"_s;
}

void tst_AreaIndex::invalidInput()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QString error;
    const std::optional<AreaIndex> index = AreaIndex::fromGeoJson(json, &error);
    QVERIFY(!index);
    QVERIFY2(error.contains(message), qPrintable(error));
}

QTEST_APPLESS_MAIN(tst_AreaIndex)
#include "tst_AreaIndex.moc"
