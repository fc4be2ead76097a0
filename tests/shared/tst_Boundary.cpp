// The municipal boundary: the real Serres polygon shipped with the demo, and the messages a
// broken GeoJSON file gets.
#include <QFile>
#include <QTest>

#include "shared/geo/Boundary.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

QByteArray serresGeoJson()
{
    QFile f(QStringLiteral(DIMOS_SOURCE_DIR "/resources/demo/serres-boundary.geojson"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// A 1°×1° square with its south-west corner at (lat0, lon0), as a GeoJSON polygon ring.
QByteArray square(double lat0, double lon0)
{
    return u"[[%2,%1],[%4,%1],[%4,%3],[%2,%3],[%2,%1]]"_s.arg(lat0).arg(lon0).arg(lat0 + 1).arg(lon0 + 1).toUtf8();
}

} // namespace

class tst_Boundary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serresContains_data();
    void serresContains();
    void serresBoundsMatchTheSource();
    void serresInteriorPointIsInside();
    void geometryForms_data();
    void geometryForms();
    void holeIsOutside();
    void moveKeepsTheGeometry();
    void brokenInput_data();
    void brokenInput();
};

void tst_Boundary::serresContains_data()
{
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("lon");
    QTest::addColumn<bool>("inside");
    QTest::newRow("Serres centre") << 41.0912 << 23.5486 << true;
    QTest::newRow("Serres, Eleftherias square") << 41.0855 << 23.5471 << true;
    QTest::newRow("Thessaloniki") << 40.6401 << 22.9444 << false;
    QTest::newRow("Drama") << 41.1500 << 24.1470 << false;
    QTest::newRow("Athens") << 37.9838 << 23.7275 << false;
    QTest::newRow("south-west bbox corner") << 40.95657 << 23.29992 << false;
    QTest::newRow("null island") << 0.0 << 0.0 << false;
}

void tst_Boundary::serresContains()
{
    QFETCH(double, lat);
    QFETCH(double, lon);
    QFETCH(bool, inside);
    QString error;
    const auto b = Boundary::fromGeoJson(serresGeoJson(), &error);
    QVERIFY2(b.has_value(), qPrintable(error));
    QCOMPARE(b->contains(lat, lon), inside);
}

void tst_Boundary::serresBoundsMatchTheSource()
{
    QString error;
    const auto b = Boundary::fromGeoJson(serresGeoJson(), &error);
    QVERIFY2(b.has_value(), qPrintable(error));
    const LatLonBox box = b->bounds();
    // resources/demo/serres-boundary.SOURCE.md: bbox 23.29992–23.73586 E, 40.95657–41.31646 N.
    constexpr double kTolerance = 0.00001;
    QVERIFY2(std::abs(box.minLon - 23.29992) < kTolerance, qPrintable(QString::number(box.minLon, 'f', 6)));
    QVERIFY2(std::abs(box.maxLon - 23.73586) < kTolerance, qPrintable(QString::number(box.maxLon, 'f', 6)));
    QVERIFY2(std::abs(box.minLat - 40.95657) < kTolerance, qPrintable(QString::number(box.minLat, 'f', 6)));
    QVERIFY2(std::abs(box.maxLat - 41.31646) < kTolerance, qPrintable(QString::number(box.maxLat, 'f', 6)));
}

void tst_Boundary::serresInteriorPointIsInside()
{
    QString error;
    const auto b = Boundary::fromGeoJson(serresGeoJson(), &error);
    QVERIFY2(b.has_value(), qPrintable(error));
    const auto [lat, lon] = b->interiorPoint();
    QVERIFY(b->contains(lat, lon));
    QVERIFY(lat > 40.9 && lat < 41.4);
    QVERIFY(lon > 23.2 && lon < 23.8);
}

void tst_Boundary::geometryForms_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<double>("insideLat");
    QTest::addColumn<double>("insideLon");
    QTest::addColumn<double>("outsideLat");
    QTest::addColumn<double>("outsideLon");
    const QByteArray a = square(10, 20), b = square(30, 40);
    QTest::newRow("bare Polygon") << QByteArray(R"({"type":"Polygon","coordinates":[)" + a + "]}") << 10.5 << 20.5
                                  << 20.5 << 10.5;
    QTest::newRow("Feature") << QByteArray(R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon",)"
                                           R"("coordinates":[)"
        + a + "]}}") << 10.5 << 20.5
                             << 11.5 << 20.5;
    QTest::newRow("MultiPolygon, second part")
        << QByteArray(R"({"type":"MultiPolygon","coordinates":[[)" + a + "],[" + b + "]]}") << 30.5 << 40.5 << 25.0
        << 30.0;
    QTest::newRow("FeatureCollection of two, with a Point ignored") << QByteArray(
        R"({"type":"FeatureCollection","features":[)"
        R"({"type":"Feature","geometry":{"type":"Polygon","coordinates":[)"
        + a
        + "]}},"
          R"({"type":"Feature","geometry":{"type":"Point","coordinates":[45.5,35.5]}},)"
          R"({"type":"Feature","geometry":{"type":"Polygon","coordinates":[)"
        + b + "]}}]}") << 30.5 << 40.5 << 35.5 << 45.5;
}

void tst_Boundary::geometryForms()
{
    QFETCH(QByteArray, json);
    QFETCH(double, insideLat);
    QFETCH(double, insideLon);
    QFETCH(double, outsideLat);
    QFETCH(double, outsideLon);
    QString error;
    const auto boundary = Boundary::fromGeoJson(json, &error);
    QVERIFY2(boundary.has_value(), qPrintable(error));
    QVERIFY(boundary->contains(insideLat, insideLon));
    QVERIFY(!boundary->contains(outsideLat, outsideLon));
    // GeoJSON is lon/lat: swapping the two must not land inside.
    QVERIFY(!boundary->contains(insideLon, insideLat));
}

void tst_Boundary::holeIsOutside()
{
    const QByteArray json = R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],)"
                            R"([[4,4],[6,4],[6,6],[4,6],[4,4]]]})"_ba;
    QString error;
    const auto b = Boundary::fromGeoJson(json, &error);
    QVERIFY2(b.has_value(), qPrintable(error));
    QVERIFY(b->contains(2, 2));
    QVERIFY(!b->contains(5, 5));
    const auto [lat, lon] = b->interiorPoint();
    QVERIFY(b->contains(lat, lon));
    QCOMPARE(b->bounds().maxLat, 10.0);
    QCOMPARE(b->bounds().minLon, 0.0);
}

void tst_Boundary::moveKeepsTheGeometry()
{
    QString error;
    auto b = Boundary::fromGeoJson(serresGeoJson(), &error);
    QVERIFY2(b.has_value(), qPrintable(error));
    Boundary moved = std::move(*b);
    QVERIFY(moved.contains(41.0912, 23.5486));
    QVERIFY(!moved.contains(40.6401, 22.9444));
}

void tst_Boundary::brokenInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expectedError");
    QTest::newRow("empty") << QByteArray() << u"not valid JSON"_s;
    QTest::newRow("not JSON") << "<kml><Polygon/></kml>"_ba << u"not valid JSON at offset"_s;
    QTest::newRow("truncated") << serresGeoJson().left(5000) << u"not valid JSON"_s;
    QTest::newRow("JSON array") << "[1,2,3]"_ba << u"no Polygon or MultiPolygon geometry found"_s;
    QTest::newRow("Point") << R"({"type":"Point","coordinates":[23.5486,41.0912]})"_ba
                           << u"no Polygon or MultiPolygon geometry found (GeoJSON type \"Point\")"_s;
    QTest::newRow("LineString feature")
        << R"({"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}})"_ba
        << u"no Polygon or MultiPolygon geometry found (GeoJSON type \"Feature\")"_s;
    QTest::newRow("empty collection") << R"({"type":"FeatureCollection","features":[]})"_ba
                                      << u"GeoJSON type \"FeatureCollection\""_s;
    QTest::newRow("bow-tie polygon")
        << R"({"type":"Polygon","coordinates":[[[0,0],[10,10],[10,0],[0,10],[0,0]]]})"_ba
        << u"a boundary polygon is not a valid geometry (self-intersecting or unclosed ring)"_s;
    QTest::newRow("bow-tie in a collection")
        << R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon",)"
           R"("coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},{"type":"Feature","geometry":{"type":"Polygon",)"
           R"("coordinates":[[[0,0],[10,10],[10,0],[0,10],[0,0]]]}}]})"_ba
        << u"not a valid geometry"_s;
    QTest::newRow("unclosed ring") << R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10]]]})"_ba
                                   << u"not a valid geometry"_s;
    QTest::newRow("coordinates are text")
        << R"({"type":"Polygon","coordinates":"Σέρρες"})"_ba << u"not a valid geometry"_s;
    // Found by fuzz_Boundary: GEOS read these through a null pointer.
    QTest::newRow("empty position") << R"({"type":"Polygon","coordinates":[[[], [23.5, 41.0]]]})"_ba
                                    << u"every position must be [longitude, latitude]"_s;
    QTest::newRow("one-number position") << R"({"type":"MultiPolygon","coordinates":[[[[1],[0,0],[1,1],[1]]]]})"_ba
                                         << u"every position must be [longitude, latitude]"_s;
    QTest::newRow("position of text") << R"({"type":"Polygon","coordinates":[[["a","b"],[0,0],[1,1],["a","b"]]]})"_ba
                                      << u"every position must be [longitude, latitude]"_s;
    QTest::newRow("rings one level too deep") << R"({"type":"Polygon","coordinates":[[[[0,0],[1,0],[0,1],[0,0]]]]})"_ba
                                              << u"every position must be [longitude, latitude]"_s;
    QTest::newRow("empty polygon") << R"({"type":"Polygon","coordinates":[]})"_ba
                                   << u"the boundary polygons are empty"_s;
    QTest::newRow("empty multipolygon") << R"({"type":"MultiPolygon","coordinates":[]})"_ba
                                        << u"the boundary polygons are empty"_s;
}

void tst_Boundary::brokenInput()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expectedError);
    QString error;
    const auto b = Boundary::fromGeoJson(json, &error);
    QVERIFY(!b.has_value());
    QVERIFY2(error.contains(expectedError), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_Boundary)
#include "tst_Boundary.moc"
