// GIS layers written by administrators over the API (server/api/GisApi, server/gis/LayerImports):
// an upload answers 202 at once and is read by dimos-gis-read without blocking the server, its
// progress reaches 100 % and the layer appears; a zipped Shapefile in Greek Grid with
// Windows-1253 text arrives with its Greek names; a broken or unsupported file is refused with
// a message naming the file, and the old layer stays as it was; editing names, style and
// visibility and removing a layer; only admins.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "server/GisFixtures.h"
#include "server/gis/GisLayers.h"
#include "server/gis/LayerImports.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

QByteArray describe(const Reply &r)
{
    return "HTTP " + QByteArray::number(r.status) + ": " + r.body.left(600);
}

QString enc(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

// POST /api/v1/layers with the file as the body and the rest in the query string.
Reply upload(TestServer &ts, const QString &token, const QString &fileName, const QByteArray &data, const QString &code,
    const QString &kind, const QString &nameEl, const QString &extra = {})
{
    return ts.send("POST"_ba,
        u"/api/v1/layers?code=%1&kind=%2&name_el=%3&name_en=Layer&filename=%4"_s.arg(
            enc(code), enc(kind), enc(nameEl), enc(fileName))
            + extra,
        data, "application/octet-stream"_ba, token);
}

// Asks for the import until it has finished; its last state.
QJsonObject waitForImport(TestServer &ts, const QString &token, qint64 id, QList<int> *percents = nullptr)
{
    QJsonObject last;
    for (int i = 0; i < 600; ++i) {
        const Reply r = ts.get(u"/api/v1/layers/imports/%1"_s.arg(id), token);
        last = r.object().value(u"import"_s).toObject();
        if (percents)
            percents->append(last.value(u"percent"_s).toInt());
        if (r.status != 200 || last.value(u"done"_s).toBool())
            return last;
        QTest::qWait(50);
    }
    return last;
}

QJsonObject layerOf(TestServer &ts, const QString &code)
{
    for (const QJsonValue &v : ts.get(u"/api/v1/layers"_s).object().value(u"layers"_s).toArray())
        if (v.toObject().value(u"code"_s).toString() == code)
            return v.toObject();
    return {};
}

// School districts in Greek Grid (EPSG:2100) around Serres' centre, Windows-1253 text with a .cpg.
QString writeDistricts(const QTemporaryDir &dir, QList<std::pair<QString, QByteArray>> *parts)
{
    Fixture fx;
    fx.driver = "ESRI Shapefile";
    fx.path = dir.filePath(u"districts.shp"_s);
    fx.epsg = 2100;
    fx.fields = {{"ONOMA", OFTString}, {"SCHOOL", OFTString}};
    fx.layerOptions = {"ENCODING=CP1253"};
    // Serres' town hall (41.0912, 23.5486) is at about E 461 939, N 4 548 694 in Greek Grid.
    fx.features = {{"POLYGON ((458000 4545000,462500 4545000,462500 4552000,458000 4552000,458000 4545000))",
                       {u"1η Περιφέρεια Σερρών"_s, u"1ο Δημοτικό Σχολείο"_s}},
        {"POLYGON ((462500 4545000,467000 4545000,467000 4552000,462500 4552000,462500 4545000))",
            {u"2η Περιφέρεια Σερρών"_s, u"5ο Δημοτικό Σχολείο"_s}}};
    if (const QString error = writeFixture(fx); !error.isEmpty())
        return error;
    for (const QString &ext : {u"shp"_s, u"shx"_s, u"dbf"_s, u"prj"_s, u"cpg"_s})
        parts->append({u"districts/districts."_s + ext, fileBytes(dir.filePath(u"districts."_s + ext))});
    return {};
}

} // namespace

class tst_GisAdmin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void zippedShapefileImportsAsynchronously();
    void brokenFilesAreRefusedAndTheOldLayerStays_data();
    void brokenFilesAreRefusedAndTheOldLayerStays();
    void uploadsAreCheckedBeforeReading_data();
    void uploadsAreCheckedBeforeReading();
    void onlyAdminsImportEditAndRemove();
    void editAndRemove();
};

void tst_GisAdmin::zippedShapefileImportsAsynchronously()
{
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    ts.addUser(u"admin"_s, Role::Admin, {});
    const QString token = ts.login(u"admin"_s);
    QTemporaryDir dir;
    QList<std::pair<QString, QByteArray>> parts;
    QCOMPARE(writeDistricts(dir, &parts), QString());
    const QString zip = dir.filePath(u"Σχολικές περιφέρειες.zip"_s);
    QCOMPARE(writeZip(zip, parts), QString());

    const Reply started = upload(ts, token, u"Σχολικές περιφέρειες.zip"_s, fileBytes(zip), u"school-districts"_s,
        u"school_districts"_s, u"Σχολικές περιφέρειες"_s);
    QVERIFY2(started.status == 202, describe(started));
    const QJsonObject import = started.object().value(u"import"_s).toObject();
    // Answered before the reader ran: the server did not wait for it.
    QCOMPARE(import.value(u"done"_s).toBool(), false);
    QCOMPARE(import.value(u"stage"_s).toString(), u"reading"_s);
    QCOMPARE(import.value(u"file"_s).toString(), u"Σχολικές περιφέρειες.zip"_s);
    const qint64 id = import.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(started.header("location"), "/api/v1/layers/imports/" + QByteArray::number(id));
    QVERIFY(layerOf(ts, u"school-districts"_s).isEmpty());

    QList<int> percents;
    const QJsonObject done = waitForImport(ts, token, id, &percents);
    QVERIFY2(done.value(u"ok"_s).toBool(), qPrintable(done.value(u"error"_s).toString()));
    QCOMPARE(done.value(u"stage"_s).toString(), u"done"_s);
    QCOMPARE(done.value(u"percent"_s).toInt(), 100);
    QCOMPARE(done.value(u"features_read"_s).toInteger(), 2);
    QCOMPARE(done.value(u"replaced"_s).toBool(), false);
    QVERIFY(!done.value(u"finished_at"_s).toString().isEmpty());
    QCOMPARE(done.value(u"layer"_s).toObject().value(u"feature_count"_s).toInt(), 2);
    for (qsizetype i = 1; i < percents.size(); ++i)
        QVERIFY(percents[i] >= percents[i - 1]); // never backwards

    const QJsonObject layer = layerOf(ts, u"school-districts"_s);
    QCOMPARE(layer.value(u"kind"_s).toString(), u"school_districts"_s);
    QCOMPARE(layer.value(u"visible"_s).toBool(), true);
    QCOMPARE(layer.value(u"source"_s).toObject().value(u"file"_s).toString(),
        u"Σχολικές περιφέρειες.zip/districts/districts.shp"_s);
    QCOMPARE(layer.value(u"source"_s).toObject().value(u"crs"_s).toString(), u"EPSG:2100"_s);
    // The Greek names came through Windows-1253, and the point lies in the first district.
    const QJsonArray here
        = ts.get(u"/api/v1/whatishere?lat=41.0912&lon=23.5486"_s).object().value(u"features"_s).toArray();
    QStringList names;
    for (const QJsonValue &f : here)
        names.append(f.toObject().value(u"name"_s).toString());
    QVERIFY2(names.contains(u"1η Περιφέρεια Σερρών"_s), qPrintable(names.join(u", "_s)));
    QCOMPARE(ts.ctx().gis->repository().find(u"school-districts"_s)->importedBy, u"admin"_s);
}

void tst_GisAdmin::brokenFilesAreRefusedAndTheOldLayerStays_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("extra");
    QTest::addColumn<QString>("expected");

    QTest::newRow("truncated GeoJSON") << u"zones.geojson"_s
                                       << QByteArray(R"({"type":"FeatureCollection","features":[{"type":"Feature",)")
                                       << QString() << u"cannot be read as GeoJSON"_s;
    QTest::newRow("not a zip") << u"zones.zip"_s << QByteArray("PK\x03\x04 this is not really a zip") << QString()
                               << u"cannot be read as a ZIP archive"_s;
    QTest::newRow("points for an area kind")
        << u"points.geojson"_s
        << QByteArray(
               R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Point","coordinates":[23.55,41.09]}}]})")
        << QString() << u"is a Point, but a layer of kind planning_zones holds"_s;
}

void tst_GisAdmin::brokenFilesAreRefusedAndTheOldLayerStays()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, data);
    QFETCH(QString, extra);
    QFETCH(QString, expected);
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    ts.addUser(u"admin"_s, Role::Admin, {});
    const QString token = ts.login(u"admin"_s);
    QTemporaryDir dir;
    Fixture fx;
    fx.driver = "GeoJSON";
    fx.path = dir.filePath(u"old.geojson"_s);
    fx.fields = {{"name", OFTString}};
    fx.features = {{"POLYGON ((23.5 41.0,23.6 41.0,23.6 41.1,23.5 41.1,23.5 41.0))", {u"Ζώνη Α"_s}}};
    QCOMPARE(writeFixture(fx), QString());
    LayerImportRequest old;
    old.path = fx.path;
    old.code = u"zones"_s;
    old.kind = u"planning_zones"_s;
    old.nameEl = u"Ζώνες"_s;
    QVERIFY2(ts.ctx().gis->importLayer(old, {}, &error), qPrintable(error));
    const GisLayer before = *ts.ctx().gis->repository().find(u"zones"_s);

    const Reply started = upload(ts, token, fileName, data, u"zones"_s, u"planning_zones"_s, u"Νέες ζώνες"_s, extra);
    QVERIFY2(started.status == 202, describe(started));
    const QJsonObject done
        = waitForImport(ts, token, started.object().value(u"import"_s).toObject().value(u"id"_s).toInteger());
    QCOMPARE(done.value(u"done"_s).toBool(), true);
    QCOMPARE(done.value(u"ok"_s).toBool(), false);
    QCOMPARE(done.value(u"stage"_s).toString(), u"failed"_s);
    const QString message = done.value(u"error"_s).toString();
    QVERIFY2(message.startsWith(fileName), qPrintable(message)); // names the file
    QVERIFY2(message.contains(expected), qPrintable(message));
    const GisLayer after = *ts.ctx().gis->repository().find(u"zones"_s);
    QCOMPARE(after.id, before.id);
    QCOMPARE(after.nameEl, u"Ζώνες"_s);
    QCOMPARE(after.featureCount, 1);
    QCOMPARE(layerOf(ts, u"zones"_s).value(u"feature_count"_s).toInt(), 1);
}

void tst_GisAdmin::uploadsAreCheckedBeforeReading_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("extra");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expected");
    QTest::newRow("csv") << u"streets.csv"_s << u"x"_s << u"poi"_s << QString() << 422 << u"are not imported"_s;
    QTest::newRow("bare .shp") << u"de.shp"_s << u"x"_s << u"poi"_s << QString() << 422 << u"one .zip"_s;
    QTest::newRow("bad code") << u"a.geojson"_s << u"Bad Code"_s << u"poi"_s << QString() << 422 << u"is not valid"_s;
    QTest::newRow("reserved code") << u"a.geojson"_s << u"imports"_s << u"poi"_s << QString() << 422 << u"reserved"_s;
    QTest::newRow("unknown kind") << u"a.geojson"_s << u"x"_s << u"parcels"_s << QString() << 422 << u"is not known"_s;
    QTest::newRow("encoding for GeoJSON")
        << u"a.geojson"_s << u"x"_s << u"poi"_s << u"&encoding=CP1253"_s << 422 << u"Shapefiles only"_s;
    QTest::newRow("no file name") << QString() << u"x"_s << u"poi"_s << QString() << 422 << u"name the file"_s;
}

void tst_GisAdmin::uploadsAreCheckedBeforeReading()
{
    QFETCH(QString, fileName);
    QFETCH(QString, code);
    QFETCH(QString, kind);
    QFETCH(QString, extra);
    QFETCH(int, status);
    QFETCH(QString, expected);
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    ts.addUser(u"admin"_s, Role::Admin, {});
    const Reply r = upload(ts, ts.login(u"admin"_s), fileName, "{}"_ba, code, kind, u"Όνομα"_s, extra);
    QVERIFY2(r.status == status, describe(r));
    const QString message = r.object().value(u"error"_s).toObject().value(u"message"_s).toString();
    QVERIFY2(message.contains(expected), qPrintable(message));
    QCOMPARE(ts.ctx().layerImports->running(), 0);
}

void tst_GisAdmin::onlyAdminsImportEditAndRemove()
{
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    const qint64 roads = ts.addDepartment(u"roads"_s);
    ts.addUser(u"clerk"_s, Role::Clerk, {roads});
    ts.addUser(u"manager"_s, Role::Manager, {roads});
    LayerImportRequest b;
    b.path = QStringLiteral(DIMOS_SOURCE_DIR) + u"/resources/demo/serres-boundary.geojson"_s;
    b.code = u"boundary"_s;
    b.kind = u"boundary"_s;
    b.nameEl = u"Όρια"_s;
    QVERIFY2(ts.ctx().gis->importLayer(b, {}, &error), qPrintable(error));
    const QByteArray geojson
        = R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Point","coordinates":[23.55,41.09]}}]})";
    for (const QString &who : {QString(), u"clerk"_s, u"manager"_s}) {
        const QString token = who.isEmpty() ? QString() : ts.login(who);
        const int expected = who.isEmpty() ? 401 : 403;
        QCOMPARE(upload(ts, token, u"p.geojson"_s, geojson, u"poi"_s, u"poi"_s, u"Σημεία"_s).status, expected);
        QCOMPARE(ts.get(u"/api/v1/layers/imports/1"_s, token).status, expected);
        QCOMPARE(ts.send("PUT"_ba, u"/api/v1/layers/boundary"_s, R"({"visible":false})", "application/json"_ba, token)
                     .status,
            expected);
        QCOMPARE(ts.send("DELETE"_ba, u"/api/v1/layers/boundary"_s, {}, {}, token).status, expected);
    }
    QCOMPARE(ts.ctx().layerImports->running(), 0);
    QVERIFY(ts.ctx().gis->repository().find(u"boundary"_s)->visible);
    QVERIFY(!ts.ctx().gis->repository().find(u"poi"_s));
}

void tst_GisAdmin::editAndRemove()
{
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    ts.addUser(u"admin"_s, Role::Admin, {});
    const QString token = ts.login(u"admin"_s);
    LayerImportRequest b;
    b.path = QStringLiteral(DIMOS_SOURCE_DIR) + u"/resources/demo/serres-boundary.geojson"_s;
    b.code = u"boundary"_s;
    b.kind = u"boundary"_s;
    b.nameEl = u"Όρια"_s;
    QVERIFY2(ts.ctx().gis->importLayer(b, {}, &error), qPrintable(error));
    QCOMPARE(layerOf(ts, u"boundary"_s).value(u"visible"_s).toBool(), true); // cached now

    const Reply edited = ts.send("PUT"_ba, u"/api/v1/layers/boundary"_s,
        QJsonDocument(
            QJsonObject{{u"name"_s, QJsonObject{{u"el"_s, u"Όρια Δήμου Σερρών"_s}, {u"en"_s, u"Serres"_s}}},
                {u"style"_s, QJsonObject{{u"color"_s, u"#ff0000"_s}, {u"weight"_s, 4}}}, {u"visible"_s, false}})
            .toJson(),
        "application/json"_ba, token);
    QVERIFY2(edited.status == 200, describe(edited));
    const QJsonObject layer = layerOf(ts, u"boundary"_s); // the cached list was dropped
    QCOMPARE(layer.value(u"name"_s).toObject().value(u"el"_s).toString(), u"Όρια Δήμου Σερρών"_s);
    QCOMPARE(layer.value(u"name"_s).toObject().value(u"en"_s).toString(), u"Serres"_s);
    QCOMPARE(layer.value(u"style"_s).toObject().value(u"color"_s).toString(), u"#ff0000"_s);
    QCOMPARE(layer.value(u"visible"_s).toBool(), false);
    QCOMPARE(layer.value(u"feature_count"_s).toInt(), 1);

    // A re-import keeps the administrator's visibility.
    QVERIFY2(ts.ctx().gis->importLayer(b, {}, &error), qPrintable(error));
    QCOMPARE(layerOf(ts, u"boundary"_s).value(u"visible"_s).toBool(), false);

    const Reply bad
        = ts.send("PUT"_ba, u"/api/v1/layers/boundary"_s, R"({"style":"red"})", "application/json"_ba, token);
    QCOMPARE(bad.status, 422);
    QCOMPARE(ts.send("PUT"_ba, u"/api/v1/layers/nothing"_s, R"({"visible":true})", "application/json"_ba, token).status,
        404);

    QCOMPARE(ts.send("DELETE"_ba, u"/api/v1/layers/boundary"_s, {}, {}, token).status, 204);
    QVERIFY(layerOf(ts, u"boundary"_s).isEmpty());
    QCOMPARE(ts.send("DELETE"_ba, u"/api/v1/layers/boundary"_s, {}, {}, token).status, 404);
    QCOMPARE(ts.get(u"/api/v1/layers/imports/99"_s, token).status, 404);
}

QTEST_GUILESS_MAIN(tst_GisAdmin)
#include "tst_GisAdmin.moc"
