// Administration end to end over real sockets (docs/ADMIN.md): a category's icon, service level
// and canned responses; a new category and a new field live at once in Open311, the web form and
// the staff API (stored values filtered and exported like built-in columns); routing rules with
// and without an area of a GIS layer; due times; an administrator's password reset.
#include <QFile>
#include <QJsonArray>
#include <QTest>
#include <QUrl>

#include "server/app/AppContext.h"
#include "server/core/ReportService.h"
#include "server/gis/GisLayers.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/ReportRepository.h"
#include "shared/text/Csv.h"
#include "support/Browser.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

constexpr qint64 kT0 = 1'790'000'000'000;
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

QByteArray describe(const Reply &r)
{
    return QByteArray("HTTP " + QByteArray::number(r.status) + ": " + r.body.left(600));
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject text(const QString &el, const QString &en)
{
    return QJsonObject{{u"el"_s, el}, {u"en"_s, en}};
}

QList<qint64> idsOf(const Reply &r)
{
    QList<qint64> out;
    for (const QJsonValue &v : r.object().value(u"reports"_s).toArray())
        out.append(v.toObject().value(u"id"_s).toInteger());
    return out;
}

// Two departments with a category each, a clerk in each, an administrator.
struct World
{
    TestServer ts;
    qint64 roads = 0, parks = 0;
    StaffUser clerkRoads, clerkParks, admin;
    QString adminToken;

    bool setUp(QString *error)
    {
        ts.clock().setMs(kT0);
        if (!ts.start(error))
            return false;
        roads = ts.addDepartment(u"roads"_s);
        parks = ts.addDepartment(u"parks"_s);
        ts.addCategory(u"pothole"_s, roads);
        clerkRoads = ts.addUser(u"clerk-roads"_s, Role::Clerk, {roads});
        clerkParks = ts.addUser(u"clerk-parks"_s, Role::Clerk, {parks});
        admin = ts.addUser(u"admin"_s, Role::Admin, {});
        adminToken = ts.login(u"admin"_s);
        return true;
    }
    Reply send(const QByteArray &method, const QString &path, const QJsonObject &body)
    {
        return ts.send(method, path, compact(body), "application/json"_ba, adminToken);
    }
    Report file(const QString &category, double lat = kInsideLat, double lon = kInsideLon,
        QList<std::pair<QString, QStringList>> attributes = {})
    {
        NewReport in;
        in.serviceCode = category;
        in.lat = lat;
        in.lon = lon;
        in.description = u"Πρόβλημα"_s;
        in.channel = u"open311"_s;
        in.attributes = std::move(attributes);
        return ts.ctx().reportService->create(in);
    }
};

#define START(w)                                                                                                       \
    do {                                                                                                               \
        QString startError;                                                                                            \
        QVERIFY2((w).setUp(&startError), qPrintable(startError));                                                      \
    } while (false)

// Two squares side by side over the centre of Serres, as a municipal_units layer.
QString writeUnits(const QString &folder)
{
    const QString path = folder + u"/units.geojson"_s;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    auto square = [](double west, double south, double east, double north) {
        return u"[[[%1,%2],[%3,%2],[%3,%4],[%1,%4],[%1,%2]]]"_s.arg(west).arg(south).arg(east).arg(north);
    };
    const QString json = u"{\"type\":\"FeatureCollection\",\"features\":["
                         "{\"type\":\"Feature\",\"properties\":{\"name\":\"Κέντρο\"},\"geometry\":{\"type\":"
                         "\"Polygon\",\"coordinates\":%1}},"
                         "{\"type\":\"Feature\",\"properties\":{\"name\":\"Ανατολικά\"},\"geometry\":{\"type\":"
                         "\"Polygon\",\"coordinates\":%2}}]}"_s.arg(
                             square(23.54, 41.08, 23.555, 41.10), square(23.555, 41.08, 23.58, 41.10));
    f.write(json.toUtf8());
    return path;
}

} // namespace

class tst_Administration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void categoryCarriesIconServiceLevelAndResponses();
    void categoryAdministrationRefusesBadValues_data();
    void categoryAdministrationRefusesBadValues();
    void newCategoryAndFieldAreLiveAtOnce();
    void dueTimeFollowsTheServiceLevel();
    void routingRulesSendReportsByArea();
    void routingRulesAreChecked_data();
    void routingRulesAreChecked();
    void passwordResetShowsItOnceAndEndsSessions();
};

void tst_Administration::categoryCarriesIconServiceLevelAndResponses()
{
    World w;
    START(w);
    const QJsonArray responses{
        QJsonObject{{u"title"_s, text(u"Προγραμματίστηκε"_s, u"Scheduled"_s)},
            {u"text"_s, text(u"Θα επισκευαστεί εντός της εβδομάδας."_s, u"It will be repaired within the week."_s)}},
        QJsonObject{
            {u"title"_s, text(u"Αρμοδιότητα ΔΕΥΑ"_s, {})}, {u"text"_s, text(u"Το διαβιβάσαμε στη ΔΕΥΑ."_s, {})}}};
    Reply r = w.send("POST"_ba, u"/api/v1/categories"_s,
        {{u"code"_s, u"streetlight"_s}, {u"name"_s, text(u"Φωτισμός"_s, u"Street light"_s)},
            {u"group"_s, text(u"Δίκτυα"_s, u"Networks"_s)}, {u"department_id"_s, w.roads}, {u"icon"_s, u"lamp"_s},
            {u"sla_days"_s, 5}, {u"moderated"_s, true}, {u"responses"_s, responses}});
    QVERIFY2(r.status == 201, describe(r));
    QJsonObject cat = r.object().value(u"category"_s).toObject();
    QCOMPARE(cat.value(u"icon"_s).toString(), u"lamp"_s);
    QCOMPARE(cat.value(u"sla_days"_s).toInt(), 5);
    QCOMPARE(cat.value(u"moderated"_s).toBool(), true);
    QCOMPARE(cat.value(u"group"_s).toObject().value(u"en"_s).toString(), u"Networks"_s);
    QCOMPARE(cat.value(u"responses"_s).toArray().size(), 2);
    QCOMPARE(
        cat.value(u"responses"_s).toArray().at(1).toObject().value(u"title"_s).toObject().value(u"el"_s).toString(),
        u"Αρμοδιότητα ΔΕΥΑ"_s);

    // A PUT of some fields keeps the others; the responses are replaced as a whole, in order.
    r = w.send("PUT"_ba, u"/api/v1/categories/streetlight"_s,
        {{u"sla_days"_s, 0}, {u"responses"_s, QJsonArray{responses.at(1)}}});
    QVERIFY2(r.status == 200, describe(r));
    const Reply list = w.ts.get(u"/api/v1/categories"_s, w.ts.login(u"clerk-parks"_s));
    for (const QJsonValue &v : list.object().value(u"categories"_s).toArray())
        if (v.toObject().value(u"code"_s).toString() == u"streetlight")
            cat = v.toObject();
    QCOMPARE(cat.value(u"sla_days"_s).toInt(), 0);
    QCOMPARE(cat.value(u"icon"_s).toString(), u"lamp"_s);
    QCOMPARE(cat.value(u"responses"_s).toArray().size(), 1);
    QCOMPARE(cat.value(u"responses"_s).toArray().at(0).toObject().value(u"text"_s).toObject().value(u"el"_s).toString(),
        u"Το διαβιβάσαμε στη ΔΕΥΑ."_s);
}

void tst_Administration::categoryAdministrationRefusesBadValues_data()
{
    QTest::addColumn<QJsonObject>("change");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("negative sla") << QJsonObject{{u"sla_days"_s, -1}} << u"sla_days"_s;
    QTest::newRow("fractional sla") << QJsonObject{{u"sla_days"_s, 1.5}} << u"sla_days"_s;
    QTest::newRow("sla as text") << QJsonObject{{u"sla_days"_s, u"3"_s}} << u"sla_days"_s;
    QTest::newRow("icon with spaces") << QJsonObject{{u"icon"_s, u"Big Lamp"_s}} << u"icon"_s;
    QTest::newRow("response without Greek text") << QJsonObject{{u"responses"_s,
        QJsonArray{QJsonObject{{u"title"_s, text(u"Τίτλος"_s, u"Title"_s)}, {u"text"_s, text({}, u"English only"_s)}}}}}
                                                 << u"responses"_s;
    QTest::newRow("list field without values") << QJsonObject{{u"attributes"_s,
        QJsonArray{QJsonObject{{u"code"_s, u"kind"_s}, {u"datatype"_s, u"singlevaluelist"_s},
            {u"description"_s, text(u"Είδος"_s, u"Kind"_s)}}}}}
                                               << u"needs at least one value"_s;
}

void tst_Administration::categoryAdministrationRefusesBadValues()
{
    QFETCH(QJsonObject, change);
    QFETCH(QString, mentions);
    World w;
    START(w);
    const Reply r = w.send("PUT"_ba, u"/api/v1/categories/pothole"_s, change);
    QVERIFY2(r.status == 422, describe(r));
    QVERIFY2(QString::fromUtf8(r.body).contains(mentions), describe(r));
    QCOMPARE(w.ts.ctx().catalog->category(u"pothole"_s)->slaDays, 0); // nothing written
}

void tst_Administration::newCategoryAndFieldAreLiveAtOnce()
{
    World w;
    START(w);
    const QString apiKey = w.ts.apiKey();
    // Warm the response cache of the Open311 reads first: the new category must still show.
    QCOMPARE(w.ts.get(u"/open311/v2/services.json"_s).status, 200);

    const QJsonObject treeKind{{u"code"_s, u"tree_kind"_s}, {u"datatype"_s, u"singlevaluelist"_s},
        {u"required"_s, true}, {u"order"_s, 1}, {u"description"_s, text(u"Είδος δέντρου"_s, u"Kind of tree"_s)},
        {u"datatype_description"_s, text(u"Αν το γνωρίζετε"_s, u"If you know it"_s)},
        {u"values"_s,
            QJsonArray{QJsonObject{{u"key"_s, u"plane"_s}, {u"name"_s, text(u"Πλάτανος"_s, u"Plane"_s)}},
                QJsonObject{{u"key"_s, u"pine"_s}, {u"name"_s, text(u"Πεύκο"_s, u"Pine"_s)}}}}};
    Reply r = w.send("POST"_ba, u"/api/v1/categories"_s,
        {{u"code"_s, u"fallen_tree"_s}, {u"name"_s, text(u"Πεσμένο δέντρο"_s, u"Fallen tree"_s)},
            {u"department_id"_s, w.parks}, {u"attributes"_s, QJsonArray{treeKind}}});
    QVERIFY2(r.status == 201, describe(r));

    // Open311: in the list and with its definition, without a restart.
    r = w.ts.get(u"/open311/v2/services.json"_s);
    QVERIFY2(r.status == 200, describe(r));
    bool listed = false;
    for (const QJsonValue &v : r.array())
        listed = listed
            || (v.toObject().value(u"service_code"_s).toString() == u"fallen_tree"
                && v.toObject().value(u"metadata"_s).toBool());
    QVERIFY2(listed, r.body.constData());
    r = w.ts.get(u"/open311/v2/services/fallen_tree.json"_s);
    QVERIFY2(r.status == 200, describe(r));
    QJsonArray attributes = r.object().value(u"attributes"_s).toArray();
    QCOMPARE(attributes.size(), 1);
    QCOMPARE(attributes.at(0).toObject().value(u"code"_s).toString(), u"tree_kind"_s);
    QCOMPARE(attributes.at(0).toObject().value(u"required"_s).toBool(), true);
    QCOMPARE(attributes.at(0).toObject().value(u"values"_s).toArray().size(), 2);

    // The web form asks it, with its help text and values.
    Browser browser(w.ts);
    r = browser.get(u"/report?category=fallen_tree"_s);
    QVERIFY2(r.status == 200, describe(r));
    QVERIFY2(html(r).contains(u"name=\"attribute[tree_kind]\""_s), r.body.left(4000).constData());
    QVERIFY(html(r).contains(u"Είδος δέντρου"_s));
    QVERIFY(html(r).contains(u"Πλάτανος"_s));

    // A report filed through Open311 keeps the value; the staff API filters and exports by it.
    const auto post = [&](const QString &value) {
        const QString form
            = u"api_key=%1&service_code=fallen_tree&lat=%2&long=%3&description=%4&attribute[tree_kind]=%5"_s.arg(apiKey)
                  .arg(kInsideLat, 0, 'f', 6)
                  .arg(kInsideLon, 0, 'f', 6)
                  .arg(QString::fromLatin1(QUrl::toPercentEncoding(u"Έπεσε στο δρόμο"_s)), value);
        return w.ts.send(
            "POST"_ba, u"/open311/v2/requests.json"_s, form.toUtf8(), "application/x-www-form-urlencoded"_ba);
    };
    r = post(u"plane"_s);
    QVERIFY2(r.status == 200, describe(r));
    const qint64 plane = r.array().at(0).toObject().value(u"service_request_id"_s).toString().toLongLong();
    QVERIFY(plane > 0);
    r = post(u"pine"_s);
    QVERIFY2(r.status == 200, describe(r));
    const qint64 pine = r.array().at(0).toObject().value(u"service_request_id"_s).toString().toLongLong();
    r = post(u"oak"_s); // not one of the values
    QCOMPARE(r.status, 400);

    const QString clerk = w.ts.login(u"clerk-parks"_s);
    r = w.ts.get(u"/api/v1/reports?attribute%5Btree_kind%5D=plane"_s, clerk);
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(idsOf(r), QList<qint64>{plane});
    QCOMPARE(r.object()
                 .value(u"reports"_s)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"attributes"_s)
                 .toObject()
                 .value(u"tree_kind"_s),
        QJsonValue(QJsonArray{u"plane"_s}));
    r = w.ts.get(u"/api/v1/reports?category=fallen_tree&attribute[tree_kind]=pine"_s, clerk);
    QCOMPARE(idsOf(r), QList<qint64>{pine});
    r = w.ts.get(u"/api/v1/reports?attribute[tree_kind]=oak"_s, clerk);
    QCOMPARE(idsOf(r), QList<qint64>{});
    r = w.ts.get(u"/api/v1/reports?attribute[bad code!]=x"_s, clerk);
    QCOMPARE(r.status, 422);

    r = w.ts.get(u"/api/v1/reports/export.csv?category=fallen_tree&order=requested_desc"_s, clerk);
    QVERIFY2(r.status == 200, describe(r));
    QVERIFY(r.header("content-type").startsWith("text/csv"));
    QString error;
    const auto rows = csv::parse(r.body, &error);
    QVERIFY2(rows, qPrintable(error));
    QCOMPARE(rows->size(), 3);
    const qsizetype column = rows->at(0).indexOf(u"attribute:tree_kind"_s);
    QVERIFY(column > 0);
    QCOMPARE(rows->at(1).at(0), QString::number(pine));
    QCOMPARE(rows->at(1).at(column), u"pine"_s);
    QCOMPARE(rows->at(2).at(column), u"plane"_s);
    QVERIFY(!QString::fromUtf8(r.body).contains(u"@"_s)); // no contact details in an export

    // A second field added later is asked at once too.
    QJsonObject height{{u"code"_s, u"height"_s}, {u"datatype"_s, u"number"_s}, {u"order"_s, 2},
        {u"description"_s, text(u"Ύψος σε μέτρα"_s, u"Height in metres"_s)}};
    r = w.send("PUT"_ba, u"/api/v1/categories/fallen_tree"_s, {{u"attributes"_s, QJsonArray{treeKind, height}}});
    QVERIFY2(r.status == 200, describe(r));
    r = w.ts.get(u"/open311/v2/services/fallen_tree.json"_s);
    QCOMPARE(r.object().value(u"attributes"_s).toArray().size(), 2);
    QVERIFY(html(browser.get(u"/report?category=fallen_tree"_s)).contains(u"name=\"attribute[height]\""_s));
}

void tst_Administration::dueTimeFollowsTheServiceLevel()
{
    World w;
    START(w);
    QVERIFY(w.send("PUT"_ba, u"/api/v1/categories/pothole"_s, {{u"sla_days"_s, 3}}).status == 200);
    w.ts.addCategory(u"graffiti"_s, w.parks); // no service level
    const Report withLevel = w.file(u"pothole"_s);
    const Report without = w.file(u"graffiti"_s);
    const QString clerk = w.ts.login(u"clerk-roads"_s);
    Reply r = w.ts.get(u"/api/v1/reports/%1"_s.arg(withLevel.id), clerk);
    QCOMPARE(r.object().value(u"report"_s).toObject().value(u"due_ms"_s).toInteger(), kT0 + 3 * kDayMs);
    r = w.ts.get(u"/api/v1/reports/%1"_s.arg(without.id), clerk);
    QVERIFY(r.object().value(u"report"_s).toObject().value(u"due_ms"_s).isNull());

    // A later change of the level leaves the reports already filed as they were.
    QVERIFY(w.send("PUT"_ba, u"/api/v1/categories/pothole"_s, {{u"sla_days"_s, 10}}).status == 200);
    QCOMPARE(*w.ts.ctx().reports->find(withLevel.id)->dueMs, kT0 + 3 * kDayMs);

    // The export marks an open report past its due time.
    auto overdue = [&]() -> QString {
        QString error;
        const Reply exported = w.ts.get(u"/api/v1/reports/export.csv?category=pothole"_s, w.ts.login(u"clerk-roads"_s));
        const auto rows = csv::parse(exported.body, &error);
        if (!rows || rows->size() != 2)
            return u"unreadable: "_s + error + QString::fromUtf8(exported.body.left(300));
        return rows->at(1).value(rows->at(0).indexOf(u"overdue"_s));
    };
    QCOMPARE(overdue(), QString());
    w.ts.clock().setMs(kT0 + 3 * kDayMs + 1);
    QCOMPARE(overdue(), u"yes"_s);
}

void tst_Administration::routingRulesSendReportsByArea()
{
    World w;
    START(w);
    LayerImportRequest layer;
    layer.path = writeUnits(w.ts.dataDir());
    layer.code = u"units"_s;
    layer.kind = u"municipal_units"_s;
    layer.nameEl = u"Δημοτικές κοινότητες"_s;
    layer.nameEn = u"Municipal units"_s;
    QString error;
    QVERIFY2(w.ts.ctx().gis->importLayer(layer, {}, &error), qPrintable(error));

    Reply r = w.ts.get(u"/api/v1/routing-rules/areas"_s, w.adminToken);
    QVERIFY2(r.status == 200, describe(r));
    const QJsonArray layers = r.object().value(u"layers"_s).toArray();
    QCOMPARE(layers.size(), 1);
    QCOMPARE(layers.at(0).toObject().value(u"areas"_s).toArray(), (QJsonArray{u"Κέντρο"_s, u"Ανατολικά"_s}));

    // Potholes: anywhere to parks (a test of the rule, not of sense), in Κέντρο to the roads clerk.
    r = w.send("POST"_ba, u"/api/v1/routing-rules"_s, {{u"category"_s, u"pothole"_s}, {u"department_id"_s, w.parks}});
    QVERIFY2(r.status == 201, describe(r));
    const qint64 anywhere = r.object().value(u"rule"_s).toObject().value(u"id"_s).toInteger();
    r = w.send("POST"_ba, u"/api/v1/routing-rules"_s,
        {{u"category"_s, u"pothole"_s}, {u"layer"_s, u"units"_s}, {u"area"_s, u"Κέντρο"_s},
            {u"department_id"_s, w.roads}, {u"assignee_id"_s, w.clerkRoads.id}, {u"order"_s, 9}});
    QVERIFY2(r.status == 201, describe(r));
    const qint64 centre = r.object().value(u"rule"_s).toObject().value(u"id"_s).toInteger();

    const Report inCentre = w.file(u"pothole"_s, 41.09, 23.548);
    QCOMPARE(inCentre.departmentId, std::optional<qint64>(w.roads));
    QCOMPARE(inCentre.assigneeId, std::optional<qint64>(w.clerkRoads.id));
    const Report inEast = w.file(u"pothole"_s, 41.09, 23.565);
    QCOMPARE(inEast.departmentId, std::optional<qint64>(w.parks));
    QVERIFY(!inEast.assigneeId);
    // The stored report and its staff JSON say the same.
    r = w.ts.get(u"/api/v1/reports/%1"_s.arg(inCentre.id), w.adminToken);
    QCOMPARE(r.object().value(u"report"_s).toObject().value(u"assignee_id"_s).toInteger(), w.clerkRoads.id);

    // Switched off, the area rule no longer applies; deleted, neither does the other.
    QVERIFY(w.send("PUT"_ba, u"/api/v1/routing-rules/%1"_s.arg(centre), {{u"active"_s, false}}).status == 200);
    QCOMPARE(w.file(u"pothole"_s, 41.09, 23.548).departmentId, std::optional<qint64>(w.parks));
    QCOMPARE(w.ts.send("DELETE"_ba, u"/api/v1/routing-rules/%1"_s.arg(anywhere), {}, {}, w.adminToken).status, 204);
    QCOMPARE(w.ts.send("DELETE"_ba, u"/api/v1/routing-rules/%1"_s.arg(anywhere), {}, {}, w.adminToken).status, 404);
    QCOMPARE(w.file(u"pothole"_s, 41.09, 23.548).departmentId, std::optional<qint64>(w.roads)); // the category's
    r = w.ts.get(u"/api/v1/routing-rules"_s, w.adminToken);
    QCOMPARE(r.object().value(u"rules"_s).toArray().size(), 1);
    QCOMPARE(r.object().value(u"rules"_s).toArray().at(0).toObject().value(u"area"_s).toString(), u"Κέντρο"_s);
}

void tst_Administration::routingRulesAreChecked_data()
{
    QTest::addColumn<QJsonObject>("rule");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown category") << QJsonObject{{u"category"_s, u"nope"_s}, {u"department_id"_s, 1}}
                                      << u"category"_s;
    QTest::newRow("nowhere to send") << QJsonObject{{u"category"_s, u"pothole"_s}} << u"department_id"_s;
    QTest::newRow("layer without area") << QJsonObject{{u"category"_s, u"pothole"_s}, {u"layer"_s, u"units"_s},
        {u"department_id"_s, 1}} << u"layer and area"_s;
    QTest::newRow("unknown layer") << QJsonObject{{u"category"_s, u"pothole"_s}, {u"layer"_s, u"units"_s},
        {u"area"_s, u"Κέντρο"_s}, {u"department_id"_s, 1}}
                                   << u"no GIS layer"_s;
    QTest::newRow("unknown department") << QJsonObject{{u"category"_s, u"pothole"_s}, {u"department_id"_s, 999}}
                                        << u"department_id"_s;
    QTest::newRow("clerk of another department")
        << QJsonObject{{u"category"_s, u"pothole"_s}, {u"assignee_id"_s, -1}} << u"assignee_id"_s;
}

void tst_Administration::routingRulesAreChecked()
{
    QFETCH(QJsonObject, rule);
    QFETCH(QString, mentions);
    World w;
    START(w);
    if (rule.value(u"assignee_id"_s).toInteger() == -1)
        rule.insert(u"assignee_id"_s, w.clerkParks.id); // pothole is roads'
    const Reply r = w.send("POST"_ba, u"/api/v1/routing-rules"_s, rule);
    QVERIFY2(r.status == 422, describe(r));
    QVERIFY2(QString::fromUtf8(r.body).contains(mentions), describe(r));
    QVERIFY(w.ts.get(u"/api/v1/routing-rules"_s, w.adminToken).object().value(u"rules"_s).toArray().isEmpty());
}

void tst_Administration::passwordResetShowsItOnceAndEndsSessions()
{
    World w;
    START(w);
    const QString clerk = w.ts.login(u"clerk-roads"_s);
    Reply r = w.ts.send("POST"_ba, u"/api/v1/users/%1/password"_s.arg(w.clerkRoads.id), {}, {}, w.adminToken);
    QVERIFY2(r.status == 200, describe(r));
    const QString generated = r.object().value(u"password"_s).toString();
    QCOMPARE(r.object().value(u"generated"_s).toBool(), true);
    QVERIFY2(generated.size() >= 16, qPrintable(generated));
    QCOMPARE(r.object().value(u"user"_s).toObject().value(u"must_renew_credentials"_s).toBool(), true);
    QCOMPARE(w.ts.get(u"/api/v1/me"_s, clerk).status, 401); // the old session ended
    // The list never shows it again.
    QVERIFY(!w.ts.get(u"/api/v1/users"_s, w.adminToken).body.contains(generated.toUtf8()));

    const QString oldPassword = QString::fromLatin1(TestServer::kPassword);
    QCOMPARE(w.ts.postJson(u"/api/v1/auth/login"_s, {{u"username"_s, u"clerk-roads"_s}, {u"password"_s, oldPassword}})
                 .status,
        401);
    r = w.ts.postJson(u"/api/v1/auth/login"_s, {{u"username"_s, u"clerk-roads"_s}, {u"password"_s, generated}});
    QVERIFY2(r.status == 200, describe(r));
    const QString fresh = r.object().value(u"token"_s).toString();
    QCOMPARE(r.object().value(u"user"_s).toObject().value(u"must_renew_credentials"_s).toBool(), true);
    const QString second
        = w.ts.postJson(u"/api/v1/auth/login"_s, {{u"username"_s, u"clerk-roads"_s}, {u"password"_s, generated}})
              .object()
              .value(u"token"_s)
              .toString();

    // The clerk chooses their own: a wrong current one is refused, the right one clears the flag
    // and ends the other sessions, not this one.
    r = w.ts.postJson(u"/api/v1/me/password"_s,
        {{u"current_password"_s, u"not the password"_s}, {u"password"_s, u"my own passphrase"_s}}, fresh);
    QCOMPARE(r.status, 422);
    r = w.ts.postJson(
        u"/api/v1/me/password"_s, {{u"current_password"_s, generated}, {u"password"_s, u"my own passphrase"_s}}, fresh);
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(r.object().value(u"user"_s).toObject().value(u"must_renew_credentials"_s).toBool(), false);
    QCOMPARE(w.ts.get(u"/api/v1/me"_s, fresh).status, 200);
    QCOMPARE(w.ts.get(u"/api/v1/me"_s, second).status, 401);

    // A typed password follows the rules; an administrator does not reset their own this way.
    r = w.send("POST"_ba, u"/api/v1/users/%1/password"_s.arg(w.clerkParks.id), {{u"password"_s, u"short"_s}});
    QCOMPARE(r.status, 422);
    r = w.send(
        "POST"_ba, u"/api/v1/users/%1/password"_s.arg(w.clerkParks.id), {{u"password"_s, u"typed by admin 2026"_s}});
    QVERIFY2(r.status == 200, describe(r));
    QCOMPARE(r.object().value(u"generated"_s).toBool(), false);
    r = w.send("POST"_ba, u"/api/v1/users/%1/password"_s.arg(w.admin.id), {});
    QCOMPARE(r.status, 422);
    r = w.send("POST"_ba, u"/api/v1/users/999/password"_s, {});
    QCOMPARE(r.status, 404);
}

QTEST_GUILESS_MAIN(tst_Administration)
#include "tst_Administration.moc"
