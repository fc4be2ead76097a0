// The public GIS reads (server/api/GisApi): the layer list, a layer's features as GeoJSON by box
// and zoom, "what is here" at a point; malformed parameters get 400 with a message saying the
// expected form; the list and the features are cached until the data change.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "server/GisFixtures.h"
#include "server/gis/GisLayers.h"
#include "server/http/ResponseCache.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

QString describe(const Reply &r)
{
    return u"HTTP %1: %2"_s.arg(r.status).arg(QString::fromUtf8(r.body.left(600)));
}

// The demo boundary (real, with its attribution) and two POI beside the town hall.
void importLayers(TestServer &ts, const QTemporaryDir &dir)
{
    QString error;
    LayerImportRequest b;
    b.path = QStringLiteral(DIMOS_SOURCE_DIR) + u"/resources/demo/serres-boundary.geojson"_s;
    b.code = u"boundary"_s;
    b.kind = u"boundary"_s;
    b.nameEl = u"Όρια Δήμου"_s;
    b.nameEn = u"Municipal boundary"_s;
    b.attribution = attributionBeside(b.path);
    QVERIFY2(ts.ctx().gis->importLayer(b, {}, &error), qPrintable(error));

    Fixture fx;
    fx.driver = "GeoJSON";
    fx.path = dir.filePath(u"poi.geojson"_s);
    fx.type = wkbPoint;
    fx.fields = {{"name", OFTString}, {"hours", OFTString}};
    fx.features = {{"POINT (23.5486 41.0912)", {u"Δημαρχείο"_s, u"08:00–15:00"_s}},
        {"POINT (23.5490 41.0912)", {u"Στάση <λεωφορείου>"_s, QVariant()}}};
    QCOMPARE(writeFixture(fx), QString());
    LayerImportRequest p;
    p.path = fx.path;
    p.code = u"poi"_s;
    p.kind = u"poi"_s;
    p.nameEl = u"Σημεία ενδιαφέροντος"_s;
    QVERIFY2(ts.ctx().gis->importLayer(p, {}, &error), qPrintable(error));
}

#define START(ts)                                                                                                      \
    TestServer ts;                                                                                                     \
    QTemporaryDir fixtures;                                                                                            \
    do {                                                                                                               \
        QString startError;                                                                                            \
        QVERIFY2(ts.start(&startError), qPrintable(startError));                                                       \
        importLayers(ts, fixtures);                                                                                    \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)

} // namespace

class tst_GisApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsLayersWithAttribution();
    void featuresByBoxAndZoom();
    void whatIsHere();
    void malformedParametersAre400_data();
    void malformedParametersAre400();
    void unknownLayerIs404();
    void listAndFeaturesAreCachedUntilALayerChanges();
};

void tst_GisApi::listsLayersWithAttribution()
{
    START(ts);
    const Reply r = ts.get(u"/api/v1/layers"_s); // no token: public
    QVERIFY2(r.status == 200, qPrintable(describe(r)));
    const QJsonArray layers = r.object().value(u"layers"_s).toArray();
    QCOMPARE(layers.size(), 2);
    const QJsonObject b = layers[0].toObject();
    QCOMPARE(b.value(u"code"_s).toString(), u"boundary"_s);
    QCOMPARE(b.value(u"kind"_s).toString(), u"boundary"_s);
    QCOMPARE(b.value(u"name"_s).toObject().value(u"el"_s).toString(), u"Όρια Δήμου"_s);
    QCOMPARE(b.value(u"name"_s).toObject().value(u"en"_s).toString(), u"Municipal boundary"_s);
    QVERIFY2(b.value(u"attribution"_s).toString().contains(u"geodata.gov.gr"_s)
            && b.value(u"attribution"_s).toString().contains(u"CC BY 3.0"_s),
        qPrintable(b.value(u"attribution"_s).toString()));
    QCOMPARE(b.value(u"feature_count"_s).toInt(), 1);
    QCOMPARE(b.value(u"source"_s).toObject().value(u"crs"_s).toString(), u"EPSG:4326"_s);
    QCOMPARE(b.value(u"source"_s).toObject().value(u"file"_s).toString(), u"serres-boundary.geojson"_s);
    QCOMPARE(b.value(u"style"_s).toObject().value(u"color"_s).toString(), u"#1f4e79"_s);
    QCOMPARE(b.value(u"features_url"_s).toString(), u"/api/v1/layers/boundary/features.geojson"_s);
    const QJsonArray box = b.value(u"bbox"_s).toArray();
    QCOMPARE(box.size(), 4);
    QVERIFY(std::fabs(box[0].toDouble() - 23.29992) < 1e-4 && std::fabs(box[3].toDouble() - 41.31646) < 1e-4);
    QVERIFY(!b.contains(u"imported_by"_s)); // who imported it is not public
    // A layer without an English name shows the Greek one.
    QCOMPARE(layers[1].toObject().value(u"name"_s).toObject().value(u"en"_s).toString(), u"Σημεία ενδιαφέροντος"_s);
}

void tst_GisApi::featuresByBoxAndZoom()
{
    START(ts);
    Reply r = ts.get(u"/api/v1/layers/boundary/features.geojson?bbox=23.50,41.05,23.60,41.12&zoom=9"_s);
    QVERIFY2(r.status == 200, qPrintable(describe(r)));
    QCOMPARE(r.header("content-type"), "application/geo+json"_ba);
    QJsonObject doc = r.object();
    QCOMPARE(doc.value(u"type"_s).toString(), u"FeatureCollection"_s);
    QVERIFY(doc.value(u"attribution"_s).toString().contains(u"CC BY 3.0"_s));
    QCOMPARE(doc.value(u"layer"_s).toObject().value(u"code"_s).toString(), u"boundary"_s);
    QCOMPARE(doc.value(u"truncated"_s).toBool(true), false);
    QJsonArray features = doc.value(u"features"_s).toArray();
    QCOMPARE(features.size(), 1);
    const QJsonObject f = features[0].toObject();
    QCOMPARE(f.value(u"properties"_s).toObject().value(u"attributes"_s).toObject().value(u"KWD_YPES"_s).toString(),
        u"9054"_s);
    const int simplified = QJsonDocument(f.value(u"geometry"_s).toObject()).toJson().size();

    r = ts.get(u"/api/v1/layers/boundary/features.geojson"_s); // whole layer, as imported
    QVERIFY2(r.status == 200, qPrintable(describe(r)));
    const int full
        = QJsonDocument(r.object().value(u"features"_s).toArray()[0].toObject().value(u"geometry"_s).toObject())
              .toJson()
              .size();
    QVERIFY2(simplified * 5 < full, qPrintable(u"%1 vs %2"_s.arg(simplified).arg(full)));

    // A box away from Serres: an empty collection.
    r = ts.get(u"/api/v1/layers/boundary/features.geojson?bbox=22.0,40.0,22.1,40.1&zoom=12"_s);
    QVERIFY2(r.status == 200, qPrintable(describe(r)));
    QVERIFY(r.object().value(u"features"_s).toArray().isEmpty());

    // Points: both POI in a box around the town hall, with their names and attributes.
    r = ts.get(u"/api/v1/layers/poi/features.geojson?bbox=23.548,41.091,23.550,41.092&zoom=18"_s);
    QVERIFY2(r.status == 200, qPrintable(describe(r)));
    features = r.object().value(u"features"_s).toArray();
    QCOMPARE(features.size(), 2);
    QCOMPARE(
        features[1].toObject().value(u"properties"_s).toObject().value(u"name"_s).toString(), u"Στάση <λεωφορείου>"_s);
    const QJsonArray point = features[0].toObject().value(u"geometry"_s).toObject().value(u"coordinates"_s).toArray();
    QCOMPARE(point.size(), 2);
    QVERIFY(std::fabs(point[0].toDouble() - 23.5486) < 1e-9); // lon first
}

void tst_GisApi::whatIsHere()
{
    START(ts);
    // At the town hall: the boundary holds it; the town hall is on it; the bus stop is 34 m east.
    Reply r = ts.get(u"/api/v1/whatishere?lat=41.0912&lon=23.5486"_s);
    QVERIFY2(r.status == 200, qPrintable(describe(r)));
    QJsonArray features = r.object().value(u"features"_s).toArray();
    QCOMPARE(features.size(), 2);
    QCOMPARE(features[0].toObject().value(u"layer"_s).toObject().value(u"code"_s).toString(), u"boundary"_s);
    QVERIFY(features[0]
                .toObject()
                .value(u"layer"_s)
                .toObject()
                .value(u"attribution"_s)
                .toString()
                .contains(u"geodata.gov.gr"_s));
    QCOMPARE(features[0].toObject().value(u"attributes"_s).toObject().value(u"NAME"_s).toString(), u"Σερρών"_s);
    QCOMPARE(features[1].toObject().value(u"name"_s).toString(), u"Δημαρχείο"_s);
    QCOMPARE(features[1].toObject().value(u"distance_m"_s).toDouble(), 0.0);
    QCOMPARE(features[1].toObject().value(u"attributes"_s).toObject().value(u"hours"_s).toString(), u"08:00–15:00"_s);
    QCOMPARE(r.object().value(u"tolerance_m"_s).toDouble(), 25.0);

    r = ts.get(u"/api/v1/whatishere?lat=41.0912&lon=23.5486&tolerance=50"_s);
    features = r.object().value(u"features"_s).toArray();
    QCOMPARE(features.size(), 3);
    QCOMPARE(features[2].toObject().value(u"name"_s).toString(), u"Στάση <λεωφορείου>"_s);
    const double distance = features[2].toObject().value(u"distance_m"_s).toDouble();
    QVERIFY2(distance > 30 && distance < 38, qPrintable(QString::number(distance)));

    // Thessaloniki is outside everything.
    r = ts.get(u"/api/v1/whatishere?lat=%1&lon=%2"_s.arg(kOutsideLat).arg(kOutsideLon));
    QVERIFY2(r.status == 200, qPrintable(describe(r)));
    QVERIFY(r.object().value(u"features"_s).toArray().isEmpty());
}

void tst_GisApi::malformedParametersAre400_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    const QString f = u"/api/v1/layers/boundary/features.geojson?"_s;
    QTest::newRow("bbox with 3 numbers") << f + u"bbox=23.5,41.0,23.6"_s << u"bbox must be minLon,minLat"_s;
    QTest::newRow("bbox with words") << f + u"bbox=west,41.0,23.6,41.1"_s << u"bbox must be"_s;
    QTest::newRow("bbox NaN") << f + u"bbox=nan,41.0,23.6,41.1"_s << u"bbox must be"_s;
    QTest::newRow("bbox infinite") << f + u"bbox=-inf,41.0,23.6,41.1"_s << u"bbox must be"_s;
    QTest::newRow("bbox reversed") << f + u"bbox=23.6,41.1,23.5,41.0"_s << u"the minimum first"_s;
    QTest::newRow("bbox lat/lon swapped") << f + u"bbox=41.0,23.5,41.1,123.6"_s << u"outside the world"_s;
    QTest::newRow("bbox empty") << f + u"bbox="_s << u"bbox must be"_s;
    QTest::newRow("zoom negative") << f + u"zoom=-1"_s << u"zoom must be a whole number from 0 to 22"_s;
    QTest::newRow("zoom too deep") << f + u"zoom=23"_s << u"zoom must be"_s;
    QTest::newRow("zoom fraction") << f + u"zoom=8.5"_s << u"zoom must be"_s;
    QTest::newRow("zoom huge") << f + u"zoom=99999999999"_s << u"zoom must be"_s;
    const QString w = u"/api/v1/whatishere"_s;
    QTest::newRow("no point") << w << u"give the point as lat and lon"_s;
    QTest::newRow("lat only") << w + u"?lat=41.09"_s << u"give the point"_s;
    QTest::newRow("lat out of range") << w + u"?lat=91&lon=23.5"_s << u"lat must be a latitude"_s;
    QTest::newRow("lon not a number") << w + u"?lat=41&lon=23,5"_s << u"lon must be a longitude"_s;
    QTest::newRow("lon hex") << w + u"?lat=41&lon=0x17"_s << u"lon must be"_s;
    QTest::newRow("tolerance too big") << w + u"?lat=41&lon=23&tolerance=5000"_s << u"tolerance must be"_s;
    QTest::newRow("tolerance zero") << w + u"?lat=41&lon=23&tolerance=0"_s << u"tolerance must be"_s;
}

void tst_GisApi::malformedParametersAre400()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    START(ts);
    const Reply r = ts.get(path);
    QVERIFY2(r.status == 400, qPrintable(describe(r)));
    const QJsonObject error = r.object().value(u"error"_s).toObject();
    QCOMPARE(error.value(u"kind"_s).toString(), u"bad_request"_s);
    QVERIFY2(error.value(u"message"_s).toString().contains(expected), qPrintable(describe(r)));
}

void tst_GisApi::unknownLayerIs404()
{
    START(ts);
    const Reply r = ts.get(u"/api/v1/layers/nothing/features.geojson"_s);
    QVERIFY2(r.status == 404, qPrintable(describe(r)));
    QVERIFY(r.object().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"GET /api/v1/layers"_s));
}

void tst_GisApi::listAndFeaturesAreCachedUntilALayerChanges()
{
    START(ts);
    const ResponseCache &cache = *ts.server().responseCache();
    QCOMPARE(ts.get(u"/api/v1/layers"_s).status, 200);
    const qint64 hits = cache.stats().hits;
    QCOMPARE(ts.get(u"/api/v1/layers"_s).object().value(u"layers"_s).toArray().size(), 2);
    QCOMPARE(cache.stats().hits, hits + 1);

    QVERIFY(ts.ctx().gis->removeLayer(u"poi"_s));
    const Reply after = ts.get(u"/api/v1/layers"_s);
    QCOMPARE(after.object().value(u"layers"_s).toArray().size(), 1);
    QCOMPARE(ts.get(u"/api/v1/layers/poi/features.geojson"_s).status, 404);
    // whatishere is not cached (every click asks about another point).
    const qint64 before = cache.stats().hits;
    ts.get(u"/api/v1/whatishere?lat=41.0912&lon=23.5486"_s);
    ts.get(u"/api/v1/whatishere?lat=41.0912&lon=23.5486"_s);
    QCOMPARE(cache.stats().hits, before);
}

QTEST_GUILESS_MAIN(tst_GisApi)
#include "tst_GisApi.moc"
