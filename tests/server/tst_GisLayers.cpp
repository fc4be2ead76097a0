// GIS layers (server/gis, storage/LayerRepository): files written here through GDAL as a GIS
// program writes them — a Shapefile in EPSG:2100 with Greek Windows-1253 attributes, with and
// without its .cpg, a GeoPackage, KML, GeoJSON — are imported, reprojected to WGS84 within a
// metre, checked and indexed; broken files are refused with a message naming the file and what
// to do, and change nothing.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

#include <geos_c.h>
#include <proj.h>

#include "server/GisFixtures.h"
#include "server/gis/GisLayers.h"
#include "server/gis/LayerTransfer.h"
#include "server/gis/SpatialIndex.h"
#include "server/storage/Database.h"
#include "server/storage/LayerRepository.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

// The published control point (docs: DOMAIN.md): Serres centre in EPSG:2100 and WGS84.
constexpr double kControlE = 461876.69, kControlN = 4548005.61;
constexpr double kControlLat = 41.085, kControlLon = 23.5479;
// EPSG:2100 as the Greek state publishes it (GGRS87 with its 3-parameter shift to WGS84).
constexpr auto kGreekGrid = "+proj=tmerc +lat_0=0 +lon_0=24 +k=0.9996 +x_0=500000 +y_0=0 +ellps=GRS80 "
                            "+towgs84=-199.87,74.79,246.62,0,0,0,0 +units=m +no_defs +type=crs";

// Two test units side by side in Greek Grid metres; the control point lies in the first, 123 m
// from the edge they share.
const QByteArray kUnitA = "POLYGON ((455000 4540000,462000 4540000,462000 4556000,455000 4556000,455000 4540000))";
const QByteArray kUnitB = "POLYGON ((462000 4540000,470000 4540000,470000 4556000,462000 4556000,462000 4540000))";
const QString kNameA = u"Ενότητα Άλφα (δοκιμή)"_s;
const QString kNameB = u"Ενότητα Βήτα — «δοκιμή»"_s;

double metersBetween(double lat1, double lon1, double lat2, double lon2)
{
    const double dy = (lat2 - lat1) * 111'320.0;
    const double dx = (lon2 - lon1) * 111'320.0 * std::cos(lat1 * M_PI / 180.0);
    return std::sqrt(dx * dx + dy * dy);
}

// WGS84 lon/lat of a Greek Grid point through PROJ directly, from the published definition.
std::pair<double, double> projGreekGrid(double e, double n)
{
    PJ_CONTEXT *ctx = proj_context_create();
    proj_context_set_enable_network(ctx, 0);
    PJ *p = proj_create_crs_to_crs(ctx, kGreekGrid, "EPSG:4326", nullptr);
    PJ *norm = proj_normalize_for_visualization(ctx, p); // lon/lat order
    const PJ_COORD out = proj_trans(norm, PJ_FWD, proj_coord(e, n, 0, 0));
    proj_destroy(norm);
    proj_destroy(p);
    proj_context_destroy(ctx);
    return {out.lpzt.lam, out.lpzt.phi};
}

Fixture unitsShapefile(const QString &path)
{
    Fixture fx;
    fx.driver = "ESRI Shapefile";
    fx.path = path;
    fx.epsg = 2100;
    fx.type = wkbPolygon;
    fx.fields = {{"onoma", OFTString}, {"kodikos", OFTInteger}, {"perigrafi", OFTString}};
    fx.features
        = {{kUnitA, {kNameA, 101, u"Κέντρο πόλης: ΑΒΓ αβγ ά έ ή ί ό ύ ώ ϊ ΐ"_s}}, {kUnitB, {kNameB, 102, QVariant()}}};
    fx.layerOptions = {"ENCODING=CP1253"}; // GDAL writes a .cpg saying so
    return fx;
}

LayerImportRequest request(const QString &path, const QString &code, const QString &kind)
{
    LayerImportRequest r;
    r.path = path;
    r.code = code;
    r.kind = kind;
    r.nameEl = u"Στρώμα "_s + code;
    r.nameEn = u"Layer "_s + code;
    r.importedBy = u"test"_s;
    return r;
}

// The one stored point of a puntal layer, as lon/lat.
std::pair<double, double> storedPoint(LayerRepository &repo, qint64 layerId)
{
    std::pair<double, double> out{qQNaN(), qQNaN()};
    repo.forEachFeature(layerId, [&](const GisFeature &f) {
        out = {f.minLon, f.minLat};
        QCOMPARE(f.minLon, f.maxLon);
    });
    return out;
}

// The name of the feature of a layer of `kind` that holds the point, or "(none)".
QString nameAt(GisLayers &gis, const QString &kind, double lat, double lon)
{
    const auto hit = gis.index().containing(kind, lat, lon);
    return hit ? hit->name : u"(none)"_s;
}

int vertexCount(const QByteArray &geoJsonGeometry)
{
    int count = 0;
    std::function<void(const QJsonValue &)> walk = [&](const QJsonValue &v) {
        const QJsonArray a = v.toArray();
        if (!a.isEmpty() && a.first().isDouble())
            ++count;
        else
            for (const QJsonValue &c : a)
                walk(c);
    };
    walk(QJsonDocument::fromJson(geoJsonGeometry).object().value(u"coordinates"_s));
    return count;
}

#define START(ts)                                                                                                      \
    TestServer ts;                                                                                                     \
    do {                                                                                                               \
        QString startError;                                                                                            \
        QVERIFY2(ts.start(&startError), qPrintable(startError));                                                       \
    } while (false)

} // namespace

class tst_GisLayers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void greekGridShapefileWithCpg();
    void reprojectionIsWithinAMetre();
    void shapefileWithoutCpgNeedsTheEncoding();
    void geoPackageKmlAndGeoJson();
    void brokenFilesAreRefusedAndChangeNothing_data();
    void brokenFilesAreRefusedAndChangeNothing();
    void invalidPolygonsAreRepairedOrRefused();
    void reimportReplacesTheLayer();
    void progressIsReportedAndCancelChangesNothing();
    void pointQueries();
    void bboxAndSimplification();
    void anotherProcessesImportIsSeen();
    void readerCrashChangesNothing();
    void transferRefusesDamagedAnswers();

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
};

void tst_GisLayers::greekGridShapefileWithCpg()
{
    START(ts);
    QCOMPARE(writeFixture(unitsShapefile(path(u"units.shp"_s))), QString());
    QVERIFY(QFile::exists(path(u"units.cpg"_s)));
    QString error;
    const auto imported
        = ts.ctx().gis->importLayer(request(path(u"units.shp"_s), u"units"_s, u"municipal_units"_s), {}, &error);
    QVERIFY2(imported, qPrintable(error));
    QCOMPARE(imported->layer.featureCount, 2);
    QCOMPARE(imported->layer.sourceCrs, u"EPSG:2100"_s);
    QCOMPARE(imported->layer.sourceFile, u"units.shp"_s);
    QCOMPARE(imported->repaired, 0);

    const auto stored = ts.ctx().gis->repository().find(u"units"_s);
    QVERIFY(stored);
    QCOMPARE(stored->kind, u"municipal_units"_s);
    QCOMPARE(stored->importedBy, u"test"_s);
    QCOMPARE(stored->importedMs, ts.clock().nowMs());
    QList<GisFeature> features;
    ts.ctx().gis->repository().forEachFeature(stored->id, [&](const GisFeature &f) { features.append(f); });
    QCOMPARE(features.size(), 2);
    QCOMPARE(features[0].name, kNameA); // the Greek text came through Windows-1253 intact
    const QJsonObject a = QJsonDocument::fromJson(features[0].attributes).object();
    QCOMPARE(a.value(u"perigrafi"_s).toString(), u"Κέντρο πόλης: ΑΒΓ αβγ ά έ ή ί ό ύ ώ ϊ ΐ"_s);
    QCOMPARE(a.value(u"kodikos"_s).toInt(), 101);
    QVERIFY(!QJsonDocument::fromJson(features[1].attributes).object().contains(u"perigrafi"_s)); // unset stays unset
    QCOMPARE(features[1].name, kNameB);
    // The boxes are WGS84 degrees around Serres.
    QVERIFY(features[0].minLon > 23.4 && features[0].maxLon < 23.6);
    QVERIFY(features[0].minLat > 40.9 && features[0].maxLat < 41.2);

    // Which unit holds the control point, and one east of the shared edge.
    const auto unit = ts.ctx().gis->index().containing(u"municipal_units"_s, kControlLat, kControlLon);
    QVERIFY(unit);
    QCOMPARE(unit->name, kNameA);
    const auto east = ts.ctx().gis->index().containing(u"municipal_units"_s, kControlLat, 23.56);
    QVERIFY(east);
    QCOMPARE(east->name, kNameB);
    QVERIFY(!ts.ctx().gis->index().containing(u"municipal_units"_s, kOutsideLat, kOutsideLon));
    QVERIFY(!ts.ctx().gis->index().containing(u"school_districts"_s, kControlLat, kControlLon));
}

void tst_GisLayers::reprojectionIsWithinAMetre()
{
    START(ts);
    Fixture fx;
    fx.driver = "ESRI Shapefile";
    fx.path = path(u"control.shp"_s);
    fx.epsg = 2100;
    fx.type = wkbPoint;
    fx.fields = {{"name", OFTString}};
    fx.features = {{QByteArray("POINT (") + QByteArray::number(kControlE, 'f', 2) + ' '
            + QByteArray::number(kControlN, 'f', 2) + ')',
        {u"control"_s}}};
    QCOMPARE(writeFixture(fx), QString());
    QString error;
    const auto imported = ts.ctx().gis->importLayer(request(fx.path, u"control"_s, u"poi"_s), {}, &error);
    QVERIFY2(imported, qPrintable(error));
    const auto [lon, lat] = storedPoint(ts.ctx().gis->repository(), imported->layer.id);

    // Against the published control point (given to about a metre) ...
    const double published = metersBetween(lat, lon, kControlLat, kControlLon);
    QVERIFY2(published < 1.0, qPrintable(u"%1 m from the control point"_s.arg(published)));
    // ... and against PROJ itself with the published definition of EPSG:2100, to a centimetre.
    const auto [projLon, projLat] = projGreekGrid(kControlE, kControlN);
    const double proj = metersBetween(lat, lon, projLat, projLon);
    QVERIFY2(proj < 0.01, qPrintable(u"%1 m from PROJ's answer"_s.arg(proj)));
    // Traditional GIS order: longitude first (a swap would put it in Sudan).
    QVERIFY(std::fabs(lon - 23.5479) < 0.001);
}

void tst_GisLayers::shapefileWithoutCpgNeedsTheEncoding()
{
    START(ts);
    QCOMPARE(writeFixture(unitsShapefile(path(u"old.shp"_s))), QString());
    QVERIFY(QFile::remove(path(u"old.cpg"_s)));
    QString error;
    LayerImportRequest r = request(path(u"old.shp"_s), u"old"_s, u"municipal_units"_s);
    QVERIFY(!ts.ctx().gis->importLayer(r, {}, &error));
    QVERIFY2(error.startsWith(u"old.shp: "_s), qPrintable(error));
    QVERIFY2(error.contains(u"--encoding CP1253"_s) && error.contains(u".cpg"_s), qPrintable(error));
    QVERIFY(!ts.ctx().gis->repository().find(u"old"_s));

    r.encoding = u"NOT-AN-ENCODING"_s;
    QVERIFY(!ts.ctx().gis->importLayer(r, {}, &error));
    QVERIFY2(error.contains(u"not known"_s), qPrintable(error));

    r.encoding = u"CP1253"_s;
    const auto imported = ts.ctx().gis->importLayer(r, {}, &error);
    QVERIFY2(imported, qPrintable(error));
    QCOMPARE(nameAt(*ts.ctx().gis, u"municipal_units"_s, kControlLat, kControlLon), kNameA);

    // --encoding is for a .dbf only.
    Fixture geo;
    geo.driver = "GeoJSON";
    geo.path = path(u"units.geojson"_s);
    geo.fields = {{"name", OFTString}};
    geo.features = {{"POLYGON ((23.5 41.0,23.6 41.0,23.6 41.1,23.5 41.0))", {u"x"_s}}};
    QCOMPARE(writeFixture(geo), QString());
    LayerImportRequest g = request(geo.path, u"geo"_s, u"municipal_units"_s);
    g.encoding = u"CP1253"_s;
    QVERIFY(!ts.ctx().gis->importLayer(g, {}, &error));
    QVERIFY2(error.contains(u"Shapefiles only"_s), qPrintable(error));
}

void tst_GisLayers::geoPackageKmlAndGeoJson()
{
    START(ts);
    GisLayers &gis = *ts.ctx().gis;
    QString error;

    Fixture gpkg;
    gpkg.driver = "GPKG";
    gpkg.path = path(u"zones.gpkg"_s);
    gpkg.epsg = 2100;
    gpkg.type = wkbMultiPolygon;
    gpkg.fields = {{"zone", OFTString}, {"syntelestis", OFTReal}};
    gpkg.features
        = {{"MULTIPOLYGON (((455000 4540000,462000 4540000,462000 4556000,455000 4540000)))", {u"Ζώνη Α"_s, 0.8}}};
    QCOMPARE(writeFixture(gpkg), QString());
    LayerImportRequest r = request(gpkg.path, u"zones"_s, u"planning_zones"_s);
    r.nameField = u"zone"_s;
    auto imported = gis.importLayer(r, {}, &error);
    QVERIFY2(imported, qPrintable(error));
    QCOMPARE(imported->layer.sourceCrs, u"EPSG:2100"_s);
    r.nameField = u"missing"_s;
    QVERIFY(!gis.importLayer(r, {}, &error));
    QVERIFY2(
        error.contains(u"no attribute \"missing\""_s) && error.contains(u"zone, syntelestis"_s), qPrintable(error));

    // A second layer in the same GeoPackage: which one must be said.
    Fixture second = gpkg;
    second.addLayer = true;
    second.layerName = "schools";
    second.type = wkbPoint;
    second.fields = {{"name", OFTString}};
    second.features = {{"POINT (461876 4548005)", {u"1ο Δημοτικό"_s}}};
    QCOMPARE(writeFixture(second), QString());
    LayerImportRequest s = request(gpkg.path, u"schools"_s, u"poi"_s);
    QVERIFY(!gis.importLayer(s, {}, &error));
    QVERIFY2(error.contains(u"has 2 layers with features (layer, schools)"_s) && error.contains(u"--source-layer"_s),
        qPrintable(error));
    s.sourceLayer = u"nothere"_s;
    QVERIFY(!gis.importLayer(s, {}, &error));
    QVERIFY2(error.contains(u"no layer \"nothere\"; its layers are: layer, schools"_s), qPrintable(error));
    s.sourceLayer = u"schools"_s;
    QVERIFY2(gis.importLayer(s, {}, &error), qPrintable(error));
    QCOMPARE(gis.repository().find(u"schools"_s)->featureCount, 1);

    Fixture kml;
    kml.driver = "KML";
    kml.path = path(u"poi.kml"_s);
    kml.type = wkbPoint;
    kml.fields = {{"Name", OFTString}, {"Description", OFTString}};
    kml.features = {{"POINT (23.5486 41.0912)", {u"Δημαρχείο"_s, u"Πλατεία & <b>κέντρο</b>"_s}},
        {"POINT (23.55 41.09)", {u"Βιβλιοθήκη"_s, QVariant()}}};
    QCOMPARE(writeFixture(kml), QString());
    imported = gis.importLayer(request(kml.path, u"poi"_s, u"poi"_s), {}, &error);
    QVERIFY2(imported, qPrintable(error));
    QCOMPARE(imported->layer.featureCount, 2);
    QCOMPARE(imported->layer.sourceCrs, u"EPSG:4326"_s);

    Fixture geo;
    geo.driver = "GeoJSON";
    geo.path = path(u"pipes.geojson"_s);
    geo.type = wkbLineString;
    geo.fields = {{"name", OFTString}, {"diameter_mm", OFTInteger}};
    geo.features = {{"LINESTRING (23.54 41.09,23.55 41.09)", {u"Αγωγός 1"_s, 200}}};
    QCOMPARE(writeFixture(geo), QString());
    imported = gis.importLayer(request(geo.path, u"water"_s, u"networks"_s), {}, &error);
    QVERIFY2(imported, qPrintable(error));

    QStringList codes;
    for (const SpatialIndex::Layer &l : gis.index().layers())
        codes.append(l.info.code);
    QCOMPARE(codes, (QStringList{u"poi"_s, u"schools"_s, u"water"_s, u"zones"_s}));
    const auto hits = gis.index().at(41.0912, 23.5486, 20);
    QCOMPARE(hits.size(), 2); // the town hall and the zone around it; the pipe is 133 m south
    QCOMPARE(hits[0].name, u"Δημαρχείο"_s);
    QCOMPARE(hits[1].name, u"Ζώνη Α"_s);
    // KML's name and description, without LIBKML's display settings (tessellate, extrude, …).
    const QJsonObject attributes = QJsonDocument::fromJson(hits[0].attributes).object();
    QCOMPARE(attributes.value(u"description"_s).toString(), u"Πλατεία & <b>κέντρο</b>"_s);
    QCOMPARE(attributes.keys(), (QStringList{u"Name"_s, u"description"_s}));
}

void tst_GisLayers::brokenFilesAreRefusedAndChangeNothing_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected"); // part of the message

    QTest::newRow("truncated .shp") << u"truncated.shp"_s << u"municipal_units"_s << u"damaged or truncated"_s;
    QTest::newRow("missing .shx") << u"noshx.shp"_s << u"municipal_units"_s << u"noshx.shx is missing"_s;
    QTest::newRow("missing .dbf") << u"nodbf.shp"_s << u"municipal_units"_s << u"nodbf.dbf is missing"_s;
    QTest::newRow("no .prj") << u"noprj.shp"_s << u"municipal_units"_s << u"--source-crs EPSG:2100"_s;
    QTest::newRow("not a GIS file") << u"letter.geojson"_s << u"municipal_units"_s << u"cannot be read as GeoJSON"_s;
    QTest::newRow("random bytes as GeoPackage") << u"noise.gpkg"_s << u"poi"_s << u"cannot be read as GeoPackage"_s;
    QTest::newRow("empty GeoJSON") << u"empty.geojson"_s << u"poi"_s << u"holds no features"_s;
    QTest::newRow("empty Shapefile") << u"empty.shp"_s << u"poi"_s << u"holds no features"_s;
    QTest::newRow("points as units") << u"points.geojson"_s << u"municipal_units"_s
                                     << u"feature 1 is a Point, but a layer of kind municipal_units holds polygons"_s;
    QTest::newRow("lines as POI") << u"lines.geojson"_s << u"poi"_s << u"holds points"_s;
    QTest::newRow("another format") << u"streets.csv"_s << u"poi"_s << u"are not imported"_s;
    QTest::newRow("no such file") << u"nothere.shp"_s << u"poi"_s << u"no such file"_s;
    QTest::newRow("GeoPackage without CRS") << u"nocrs.gpkg"_s << u"poi"_s << u"declares no coordinate system"_s;
    QTest::newRow("metres declared as degrees")
        << u"wrongcrs.geojson"_s << u"poi"_s << u"does not match its coordinates; GeoJSON must be in WGS84"_s;
}

void tst_GisLayers::brokenFilesAreRefusedAndChangeNothing()
{
    QFETCH(QString, file);
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    START(ts);
    QTemporaryDir dir;
    const auto at = [&](const QString &name) { return dir.filePath(name); };
    const auto shapefile = [&](const QString &name, bool withFeatures) {
        Fixture fx = unitsShapefile(at(name));
        if (!withFeatures)
            fx.features.clear();
        QCOMPARE(writeFixture(fx), QString());
    };
    const auto geojson
        = [&](const QString &name, OGRwkbGeometryType type, QList<FixtureFeature> features, int epsg = 4326) {
              Fixture fx;
              fx.driver = "GeoJSON";
              fx.path = at(name);
              fx.type = type;
              fx.epsg = epsg;
              fx.fields = {{"name", OFTString}};
              fx.features = std::move(features);
              QCOMPARE(writeFixture(fx), QString());
          };
    const auto writeBytes = [&](const QString &name, const QByteArray &bytes) {
        QFile f(at(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    };
    if (file == u"truncated.shp") {
        shapefile(file, true);
        QFile shp(at(file));
        QVERIFY(shp.resize(shp.size() - 60)); // the end of the second polygon is gone
    } else if (file == u"noshx.shp") {
        shapefile(file, true);
        QVERIFY(QFile::remove(at(u"noshx.shx"_s)));
    } else if (file == u"nodbf.shp") {
        shapefile(file, true);
        QVERIFY(QFile::remove(at(u"nodbf.dbf"_s)));
    } else if (file == u"noprj.shp") {
        shapefile(file, true);
        QVERIFY(QFile::remove(at(u"noprj.prj"_s)));
    } else if (file == u"letter.geojson") {
        writeBytes(file, "Dear IT department,\nplease find the zones attached.\n");
    } else if (file == u"noise.gpkg") {
        QByteArray noise;
        for (int i = 0; i < 4096; ++i)
            noise.append(char((i * 7919) % 251));
        writeBytes(file, noise);
    } else if (file == u"empty.geojson") {
        writeBytes(file, R"({"type":"FeatureCollection","features":[]})");
    } else if (file == u"empty.shp") {
        shapefile(file, false);
    } else if (file == u"points.geojson") {
        geojson(file, wkbPoint, {{"POINT (23.5 41.1)", {u"a"_s}}});
    } else if (file == u"lines.geojson") {
        geojson(file, wkbLineString, {{"LINESTRING (23.5 41.1,23.6 41.1)", {u"a"_s}}});
    } else if (file == u"streets.csv") {
        writeBytes(file, "name_el,lat,lon\nΕρμού,41.09,23.54\n");
    } else if (file == u"nocrs.gpkg") {
        Fixture fx;
        fx.driver = "GPKG";
        fx.path = at(file);
        fx.epsg = 0;
        fx.type = wkbPoint;
        fx.features = {{"POINT (461876 4548005)", {}}};
        QCOMPARE(writeFixture(fx), QString());
    } else if (file == u"wrongcrs.geojson") {
        writeBytes(file,
            R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
            R"("geometry":{"type":"Point","coordinates":[461876.69,4548005.61]}}]})");
    }

    // A layer of the same code is there before; a failed import must leave it as it was.
    GisLayers &gis = *ts.ctx().gis;
    QString error;
    Fixture keep;
    keep.driver = "GeoJSON";
    keep.path = at(u"keep.geojson"_s);
    keep.type = wkbPolygon;
    keep.fields = {{"name", OFTString}};
    keep.features = {{"POLYGON ((23.5 41.0,23.6 41.0,23.6 41.1,23.5 41.0))", {u"kept"_s}}};
    QCOMPARE(writeFixture(keep), QString());
    QVERIFY2(gis.importLayer(request(keep.path, u"target"_s, u"school_districts"_s), {}, &error), qPrintable(error));
    const GisLayer before = *gis.repository().find(u"target"_s);
    const auto revision = gis.repository().revision();

    QVERIFY(!gis.importLayer(request(at(file), u"target"_s, kind), {}, &error));
    QVERIFY2(error.startsWith(file + u": "_s), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QCOMPARE(gis.repository().revision(), revision);
    const GisLayer after = *gis.repository().find(u"target"_s);
    QCOMPARE(after.id, before.id);
    QCOMPARE(after.kind, u"school_districts"_s);
    QCOMPARE(nameAt(gis, u"school_districts"_s, 41.02, 23.58), u"kept"_s);
}

void tst_GisLayers::invalidPolygonsAreRepairedOrRefused()
{
    START(ts);
    GisLayers &gis = *ts.ctx().gis;
    Fixture fx;
    fx.driver = "GeoJSON";
    fx.path = path(u"bowtie.geojson"_s);
    fx.type = wkbPolygon;
    fx.fields = {{"name", OFTString}};
    // A figure of eight: self-intersecting, so invalid; MakeValid gives two triangles.
    fx.features = {{"POLYGON ((23.50 41.00,23.60 41.10,23.60 41.00,23.50 41.10,23.50 41.00))", {u"bowtie"_s}},
        {"POLYGON ((23.40 41.00,23.45 41.00,23.45 41.05,23.40 41.00))", {u"fine"_s}}};
    QCOMPARE(writeFixture(fx), QString());
    QString error;
    const auto imported = gis.importLayer(request(fx.path, u"bowtie"_s, u"planning_zones"_s), {}, &error);
    QVERIFY2(imported, qPrintable(error));
    QCOMPARE(imported->repaired, 1);
    GEOSContextHandle_t ctx = GEOS_init_r();
    GEOSWKBReader *reader = GEOSWKBReader_create_r(ctx);
    int valid = 0;
    gis.repository().forEachFeature(imported->layer.id, [&](const GisFeature &f) {
        GEOSGeometry *g = GEOSWKBReader_read_r(
            ctx, reader, reinterpret_cast<const unsigned char *>(f.wkb.constData()), size_t(f.wkb.size()));
        QVERIFY(g);
        valid += GEOSisValid_r(ctx, g) == 1;
        if (f.name == u"bowtie")
            QCOMPARE(GEOSGeomTypeId_r(ctx, g), int(GEOS_MULTIPOLYGON));
        GEOSGeom_destroy_r(ctx, g);
    });
    GEOSWKBReader_destroy_r(ctx, reader);
    GEOS_finish_r(ctx);
    QCOMPARE(valid, 2);
    // Both halves of the repaired bow tie answer "which zone is here".
    QCOMPARE(nameAt(gis, u"planning_zones"_s, 41.05, 23.52), u"bowtie"_s);
    QCOMPARE(nameAt(gis, u"planning_zones"_s, 41.05, 23.58), u"bowtie"_s);
    QCOMPARE(nameAt(gis, u"planning_zones"_s, 41.09, 23.55), u"(none)"_s); // between the two lobes

    // A polygon with no area (all its corners on one line) repairs into no polygon: refused.
    fx.path = path(u"flat.geojson"_s);
    fx.features = {{"POLYGON ((23.50 41.00,23.60 41.00,23.50 41.00,23.50 41.00))", {u"flat"_s}}};
    QCOMPARE(writeFixture(fx), QString());
    QVERIFY(!gis.importLayer(request(fx.path, u"flat"_s, u"planning_zones"_s), {}, &error));
    QVERIFY2(error.startsWith(u"flat.geojson: feature 1 has an invalid geometry"_s), qPrintable(error));
    QVERIFY2(error.contains(u"cannot be repaired"_s), qPrintable(error));
    QVERIFY(!gis.repository().find(u"flat"_s));
}

void tst_GisLayers::reimportReplacesTheLayer()
{
    START(ts);
    GisLayers &gis = *ts.ctx().gis;
    QString error;
    QCOMPARE(writeFixture(unitsShapefile(path(u"re.shp"_s))), QString());
    const auto first = gis.importLayer(request(path(u"re.shp"_s), u"re"_s, u"municipal_units"_s), {}, &error);
    QVERIFY2(first, qPrintable(error));
    QVERIFY(!first->replaced);

    Fixture one;
    one.driver = "GeoJSON";
    one.path = path(u"one.geojson"_s);
    one.fields = {{"name", OFTString}};
    one.features = {{"POLYGON ((23.0 40.5,24.0 40.5,24.0 41.5,23.0 41.5,23.0 40.5))", {u"όλος ο δήμος"_s}}};
    QCOMPARE(writeFixture(one), QString());
    LayerImportRequest r = request(one.path, u"re"_s, u"municipal_units"_s);
    r.nameEl = u"Νέο όνομα"_s;
    const auto second = gis.importLayer(r, {}, &error);
    QVERIFY2(second, qPrintable(error));
    QVERIFY(second->replaced);
    QVERIFY(second->layer.id > first->layer.id);
    QCOMPARE(gis.index().layers().size(), 1);
    QCOMPARE(gis.index().layers().first().info.nameEl, u"Νέο όνομα"_s);
    QCOMPARE(nameAt(gis, u"municipal_units"_s, kControlLat, kControlLon), u"όλος ο δήμος"_s);
    int rows = 0;
    gis.repository().forEachFeature(first->layer.id, [&](const GisFeature &) { ++rows; });
    QCOMPARE(rows, 0); // the old features went with the old layer

    QVERIFY(gis.removeLayer(u"re"_s));
    QVERIFY(!gis.removeLayer(u"re"_s));
    QVERIFY(gis.index().layers().isEmpty());
    QVERIFY(!gis.index().containing(u"municipal_units"_s, kControlLat, kControlLon));
}

void tst_GisLayers::progressIsReportedAndCancelChangesNothing()
{
    START(ts);
    GisLayers &gis = *ts.ctx().gis;
    Fixture fx;
    fx.driver = "GeoJSON";
    fx.path = path(u"many.geojson"_s);
    fx.type = wkbPoint;
    fx.fields = {{"name", OFTString}};
    for (int i = 0; i < 250; ++i)
        fx.features.append({QByteArray("POINT (23.5") + QByteArray::number(i) + " 41.08)", {u"p%1"_s.arg(i)}});
    QCOMPARE(writeFixture(fx), QString());
    QList<std::pair<qint64, qint64>> calls;
    QString error;
    QVERIFY2(gis.importLayer(
                 request(fx.path, u"many"_s, u"poi"_s),
                 [&](qint64 done, qint64 total) {
                     calls.append({done, total});
                     return true;
                 },
                 &error),
        qPrintable(error));
    QVERIFY(calls.size() >= 3);
    QCOMPARE(calls.first(), (std::pair<qint64, qint64>{0, 250}));
    QCOMPARE(calls.last(), (std::pair<qint64, qint64>{250, 250}));
    for (qsizetype i = 1; i < calls.size(); ++i)
        QVERIFY(calls[i].first > calls[i - 1].first);

    LayerImportRequest r = request(fx.path, u"cancelled"_s, u"poi"_s);
    QVERIFY(!gis.importLayer(
        r, [](qint64 done, qint64) { return done < 100; }, &error));
    QVERIFY2(error.contains(u"cancelled"_s), qPrintable(error));
    QVERIFY(!gis.repository().find(u"cancelled"_s));
}

void tst_GisLayers::pointQueries()
{
    START(ts);
    GisLayers &gis = *ts.ctx().gis;
    QString error;
    QCOMPARE(writeFixture(unitsShapefile(path(u"pq.shp"_s))), QString());
    QVERIFY2(
        gis.importLayer(request(path(u"pq.shp"_s), u"units"_s, u"municipal_units"_s), {}, &error), qPrintable(error));
    Fixture lines;
    lines.driver = "GeoJSON";
    lines.path = path(u"pipe.geojson"_s);
    lines.type = wkbLineString;
    lines.fields = {{"name", OFTString}};
    // An east-west pipe along latitude 41.085 (the control point's), and one far away.
    lines.features
        = {{"LINESTRING (23.54 41.085,23.56 41.085)", {u"near"_s}}, {"LINESTRING (23.54 41.2,23.56 41.2)", {u"far"_s}}};
    QCOMPARE(writeFixture(lines), QString());
    QVERIFY2(gis.importLayer(request(lines.path, u"pipes"_s, u"networks"_s), {}, &error), qPrintable(error));

    // 10 m north of the pipe: the unit that holds the point and the pipe, 10 m away.
    const double lat = 41.085 + 10 / 111'320.0;
    const auto hits = gis.index().at(lat, kControlLon, 25);
    QCOMPARE(hits.size(), 2);
    QCOMPARE(hits[0].layer.code, u"pipes"_s);
    QCOMPARE(hits[0].name, u"near"_s);
    QVERIFY2(std::fabs(hits[0].distanceMeters - 10) < 0.1, qPrintable(QString::number(hits[0].distanceMeters)));
    QCOMPARE(hits[1].layer.code, u"units"_s);
    QCOMPARE(hits[1].name, kNameA);
    QCOMPARE(hits[1].distanceMeters, 0.0);
    QCOMPARE(QJsonDocument::fromJson(hits[1].attributes).object().value(u"kodikos"_s).toInt(), 101);
    // With a 5 m tolerance the pipe is too far; outside every layer nothing is there.
    QCOMPARE(gis.index().at(lat, kControlLon, 5).size(), 1);
    QVERIFY(gis.index().at(kOutsideLat, kOutsideLon, 25).isEmpty());
}

void tst_GisLayers::bboxAndSimplification()
{
    START(ts);
    GisLayers &gis = *ts.ctx().gis;
    QString error;
    LayerImportRequest r = request(
        QStringLiteral(DIMOS_SOURCE_DIR) + u"/resources/demo/serres-boundary.geojson"_s, u"b"_s, u"boundary"_s);
    QVERIFY2(gis.importLayer(r, {}, &error), qPrintable(error));
    bool truncated = true;
    const auto full = gis.index().features(u"b"_s, std::nullopt, std::nullopt, 100, &truncated);
    QVERIFY(full && full->size() == 1);
    QVERIFY(!truncated);
    const int vertices = vertexCount(full->first().geometry);
    QVERIFY2(vertices >= 2360, qPrintable(QString::number(vertices)));

    const LatLonBox town{41.0, 23.5, 41.1, 23.6};
    const auto z8 = gis.index().features(u"b"_s, town, 8, 100, &truncated);
    const auto z12 = gis.index().features(u"b"_s, town, 12, 100, &truncated);
    QVERIFY(z8 && z8->size() == 1 && z12 && z12->size() == 1);
    const int v8 = vertexCount(z8->first().geometry), v12 = vertexCount(z12->first().geometry);
    QVERIFY2(v8 < v12 && v12 < vertices, qPrintable(u"%1 %2 %3"_s.arg(v8).arg(v12).arg(vertices)));
    QVERIFY2(v8 < 100, qPrintable(QString::number(v8)));
    QVERIFY(v8 >= 4); // still a polygon
    const QString type = QJsonDocument::fromJson(z8->first().geometry).object().value(u"type"_s).toString();
    QVERIFY2(type == u"Polygon" || type == u"MultiPolygon", qPrintable(type));

    // A box that misses the municipality, and a box inside its bounding box but outside the polygon.
    QVERIFY(gis.index().features(u"b"_s, LatLonBox{40.0, 22.0, 40.1, 22.1}, 10, 100, &truncated)->isEmpty());
    QVERIFY(gis.index().features(u"b"_s, LatLonBox{41.3, 23.30, 41.31, 23.31}, 10, 100, &truncated)->isEmpty());
    QVERIFY(!gis.index().features(u"nothing"_s, std::nullopt, std::nullopt, 100, &truncated));
}

void tst_GisLayers::anotherProcessesImportIsSeen()
{
    START(ts);
    QCOMPARE(ts.ctx().gis->index().layers().size(), 0);
    // A second connection (as the dimosd command line would have) imports a layer.
    DatabaseOptions options;
    options.sqlitePath = ts.dataDir() + u"/dimos.sqlite"_s;
    QString error;
    auto db = Database::open(options, &error);
    QVERIFY2(db, qPrintable(error));
    LayerRepository other(*db);
    GisLayers otherGis(other, ts.clock());
    QCOMPARE(writeFixture(unitsShapefile(path(u"cli.shp"_s))), QString());
    QVERIFY2(otherGis.importLayer(request(path(u"cli.shp"_s), u"cli"_s, u"municipal_units"_s), {}, &error),
        qPrintable(error));
    QCOMPARE(ts.ctx().gis->index().layers().size(), 1);
    QCOMPARE(nameAt(*ts.ctx().gis, u"municipal_units"_s, kControlLat, kControlLon), kNameA);
}

void tst_GisLayers::readerCrashChangesNothing()
{
    // dimosd reads GIS files in a dimos-gis-read process; when it dies on a file, the import
    // fails with a message and no layer changes.
    START(ts);
    QString error;
    QCOMPARE(writeFixture(unitsShapefile(path(u"crash.shp"_s))), QString());
    QVERIFY2(ts.ctx().gis->importLayer(request(path(u"crash.shp"_s), u"units"_s, u"municipal_units"_s), {}, &error),
        qPrintable(error));
    const QString script = path(u"crashing-reader.sh"_s);
    QFile f(script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("#!/bin/sh\ncat > /dev/null\nkill -SEGV $$\n");
    f.close();
    f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    qputenv("DIMOS_GIS_READER", script.toLocal8Bit());
    const auto imported
        = ts.ctx().gis->importLayer(request(path(u"crash.shp"_s), u"units"_s, u"municipal_units"_s), {}, &error);
    qunsetenv("DIMOS_GIS_READER");
    QVERIFY(!imported);
    QVERIFY2(error.contains(u"crashed"_s) && error.contains(u"crash.shp"_s), qPrintable(error));
    const auto layer = ts.ctx().gis->repository().find(u"units"_s);
    QVERIFY(layer);
    QCOMPARE(layer->featureCount, 2); // the layer imported before is still there, whole
}

void tst_GisLayers::transferRefusesDamagedAnswers()
{
    ImportedLayer layer;
    layer.layer.code = u"units"_s;
    layer.layer.nameEl = u"Δημοτικές ενότητες"_s;
    layer.layer.featureCount = 1;
    GisFeature feature;
    feature.name = u"Σερρών"_s;
    feature.wkb = QByteArray(21, '\x01');
    feature.maxLon = 23.6;
    layer.features.append(feature);
    const QByteArray encoded = layertransfer::encode(layer);
    QString error;
    const auto back = layertransfer::decode(encoded, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->layer.nameEl, layer.layer.nameEl);
    QCOMPARE(back->features.size(), 1);
    QCOMPARE(back->features.first().name, u"Σερρών"_s);
    QCOMPARE(back->features.first().maxLon, 23.6);
    QVERIFY(!layertransfer::decode(encoded.left(encoded.size() - 3), &error));
    QVERIFY2(error.contains(u"cut short"_s), qPrintable(error));
    QVERIFY(!layertransfer::decode("not a layer", &error));
    const auto request = layertransfer::requestFromJson(
        layertransfer::requestJson(LayerImportRequest{u"/tmp/x.shp"_s, {}, u"units"_s, u"municipal_units"_s,
            u"Ενότητες"_s, {}, u"CP1253"_s, {}, {}, {}, {}, {}, {}}),
        &error);
    QVERIFY2(request, qPrintable(error));
    QCOMPARE(request->encoding, u"CP1253"_s);
    QCOMPARE(request->nameEl, u"Ενότητες"_s);
}

QTEST_GUILESS_MAIN(tst_GisLayers)
#include "tst_GisLayers.moc"
