// The GIS layers in the desk against dimosd in-process (demo municipality plus test-fixture
// layers): the layer panel lists the server's layers with their colours, ticking one draws its
// features on the map (the map's layer list and feature count, not pixels) and panning fetches
// them again; the identify tool shows what is at a clicked point with a planning zone's building
// terms; Administration → Import GIS layer sends a zipped Shapefile, follows its progress to
// 100 % and the panel lists the new layer, while a broken file shows the server's message and
// changes nothing. With DIMOS_SCREENSHOT_DIR set it saves desk-layers-<lang>.png,
// desk-identify-<lang>.png and desk-gis-import-<lang>.png (DIMOS_SCREENSHOT_LANG=el: Greek).
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>

#include "client/app/Session.h"
#include "client/map/MapWidget.h"
#include "client/widgets/IdentifyPanel.h"
#include "client/widgets/LayerImportDialog.h"
#include "client/widgets/LayerPanel.h"
#include "client/widgets/LayerPropertiesDialog.h"
#include "client/widgets/MainWindow.h"
#include "server/GisFixtures.h"
#include "server/app/DemoSeeder.h"
#include "server/gis/GisLayers.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

// Test fixtures around Serres' centre, named as what they are: not the municipality's data.
void importFixtures(TestServer &ts, const QTemporaryDir &dir)
{
    const auto import = [&](const QString &code, const QString &kind, const QString &nameEl, const QString &nameEn,
                            OGRwkbGeometryType type, QList<FixtureField> fields, QList<FixtureFeature> features) {
        Fixture fx;
        fx.driver = "GeoJSON";
        fx.path = dir.filePath(code + u".geojson"_s);
        fx.type = type;
        fx.fields = std::move(fields);
        fx.features = std::move(features);
        QCOMPARE(writeFixture(fx), QString());
        LayerImportRequest r;
        r.path = fx.path;
        r.code = code;
        r.kind = kind;
        r.nameEl = nameEl;
        r.nameEn = nameEn;
        r.attribution = u"Test fixture"_s;
        QString error;
        QVERIFY2(ts.ctx().gis->importLayer(r, {}, &error), qPrintable(error));
    };
    import(u"schools"_s, u"school_districts"_s, u"Σχολικές περιφέρειες (δοκιμή)"_s, u"School districts (test)"_s,
        wkbPolygon,
        {{ "name",
            OFTString }},
        {{"POLYGON ((23.530 41.080,23.549 41.080,23.549 41.100,23.530 41.100,23.530 41.080))",
             { u"Περιφέρεια δοκιμής 1"_s }},
            { "POLYGON ((23.549 41.080,23.570 41.080,23.570 41.100,23.549 41.100,23.549 41.080))",
                { u"Περιφέρεια δοκιμής 2"_s } }});
    import(u"zones"_s, u"planning_zones"_s, u"Πολεοδομικές ζώνες (δοκιμή)"_s, u"Planning zones (test)"_s, wkbPolygon,
        {{"name", OFTString}, {"SK", OFTReal}, {"SD", OFTReal},
            { "MAX_HEIGHT",
                OFTReal }},
        {{ "POLYGON ((23.543 41.087,23.554 41.087,23.554 41.095,23.543 41.095,23.543 41.087))",
            { u"Ζώνη δοκιμής Β1"_s,
                0.6,
                1.2,
                11.5 } }});
    import(u"poi"_s, u"poi"_s, u"Σημεία (δοκιμή)"_s, u"Points (test)"_s, wkbPoint,
        {{ "name",
            OFTString }},
        {{"POINT (23.5486 41.0912)",
             { u"Σημείο δοκιμής"_s }},
            { "POINT (23.5520 41.0890)",
                { u"Δεύτερο σημείο"_s } }});
    // Planning zones start hidden: the administrator's choice.
    GisLayerEdit hide;
    hide.visible = false;
    QVERIFY(ts.ctx().gis->editLayer(u"zones"_s, hide));
}

const VectorLayer *drawn(const MapWidget *map, const QString &code)
{
    for (const VectorLayer &l : map->vectorLayers())
        if (l.name == code)
            return &l;
    return nullptr;
}

QString screenshotPath(const QString &name)
{
    const QString dir = qEnvironmentVariable("DIMOS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return {};
    const bool greek = qEnvironmentVariable("DIMOS_SCREENSHOT_LANG") == u"el";
    return dir + u'/' + name + u'-' + (greek ? u"el"_s : u"en"_s) + u".png"_s;
}

} // namespace

class tst_LayerPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void layersIdentifyAndImport();
    void adminEditsAndRemovesLayers();

private:
    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_fixtures;
};

void tst_LayerPanel::initTestCase()
{
    // The app's translation (English too, for its plural forms).
    const bool greek = qEnvironmentVariable("DIMOS_SCREENSHOT_LANG") == u"el";
    auto *translator = new QTranslator(this);
    QVERIFY(translator->load(QStringLiteral(DIMOS_QM_DIR) + (greek ? u"/dimos_el.qm"_s : u"/dimos_en.qm"_s)));
    QCoreApplication::installTranslator(translator);
    if (greek)
        QLocale::setDefault(QLocale(QLocale::Greek, QLocale::Greece));
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QStringList summary;
    QVERIFY2(DemoSeeder(m_server->server()).seed(40, &summary, &error), qPrintable(error));
    importFixtures(*m_server, m_fixtures);
}

void tst_LayerPanel::layersIdentifyAndImport()
{
    TestServer &ts = *m_server;
    const bool greek = qEnvironmentVariable("DIMOS_SCREENSHOT_LANG") == u"el";
    QTemporaryDir cacheDir;
    Session session;
    session.prepare(ts.url(QString()), cacheDir.path());
    session.store()->setLanguage(greek ? u"el"_s : u"en"_s);
    QSignalSpy loggedIn(session.api(), &ApiClient::loggedIn);
    session.api()->login(u"admin"_s, QString::fromLatin1(DemoSeeder::kDemoPassword));
    QVERIFY(loggedIn.wait(10000));
    session.begin(loggedIn.first().at(0).toString(), loggedIn.first().at(1).value<StaffMember>());

    MainWindow window(&session);
    window.resize(1600, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    MapWidget *map = window.map();
    map->setTilesEnabled(false); // no tile server in tests
    map->setAnimated(false);
    LayerPanel *panel = window.layerPanel();
    QVERIFY(panel);

    // The list: every layer but the boundary, by code; the visible ones ticked and drawn.
    QTRY_COMPARE_WITH_TIMEOUT(panel->layerCodes(), (QStringList{u"poi"_s, u"schools"_s, u"zones"_s}), 10000);
    QCOMPARE(panel->shownLayers(), (QStringList{u"poi"_s, u"schools"_s}));
    QCOMPARE(panel->list()->item(2)->text(), greek ? u"Πολεοδομικές ζώνες (δοκιμή)"_s : u"Planning zones (test)"_s);
    QVERIFY(!panel->list()->item(2)->icon().isNull()); // the swatch
    map->centerOn(41.0900, 23.5500, 15);
    QTRY_VERIFY_WITH_TIMEOUT(drawn(map, u"schools"_s) && drawn(map, u"poi"_s), 10000);
    QTRY_COMPARE(drawn(map, u"schools"_s)->featureCount, 2);
    QCOMPARE(drawn(map, u"schools"_s)->color, QColor(u"#b15928"_s)); // the kind's default style
    QCOMPARE(drawn(map, u"poi"_s)->points.size(), 2);
    QVERIFY(!drawn(map, u"zones"_s));

    // Ticking the zones draws them; unticking removes them.
    QSignalSpy drawnSpy(panel, &LayerPanel::layerDrawn);
    panel->setLayerShown(u"zones"_s, true);
    QTRY_VERIFY_WITH_TIMEOUT(drawn(map, u"zones"_s), 10000);
    QCOMPARE(drawn(map, u"zones"_s)->featureCount, 1);
    QCOMPARE(drawn(map, u"zones"_s)->polygons.size(), 1);
    QCOMPARE(drawn(map, u"zones"_s)->color, QColor(u"#33a02c"_s));
    panel->setLayerShown(u"schools"_s, false);
    QVERIFY(!drawn(map, u"schools"_s));
    QVERIFY(drawn(map, u"zones"_s));

    // Moving the map fetches the shown layers again for the new box, once it rests.
    drawnSpy.clear();
    map->centerOn(41.2000, 23.9000, 15); // away from every fixture
    QTRY_VERIFY_WITH_TIMEOUT(drawnSpy.count() >= 2, 10000);
    QTRY_COMPARE(drawn(map, u"zones"_s)->featureCount, 0);
    QCOMPARE(drawn(map, u"poi"_s)->featureCount, 0);
    map->centerOn(41.0900, 23.5500, 15);
    QTRY_COMPARE_WITH_TIMEOUT(drawn(map, u"zones"_s)->featureCount, 1, 10000);
    panel->setLayerShown(u"schools"_s, true);
    QTRY_VERIFY_WITH_TIMEOUT(drawn(map, u"schools"_s) && drawn(map, u"schools"_s)->featureCount == 2, 10000);
    if (const QString path = screenshotPath(u"desk-layers"_s); !path.isEmpty()) {
        QTest::qWait(200);
        QVERIFY(window.grab().save(path));
    }

    // Identify: the toolbar toggle, then a click on the map inside the zone.
    QAction *identify = window.identifyAction();
    QVERIFY(identify && identify->isCheckable());
    identify->setChecked(true);
    QVERIFY(map->identifyMode());
    QSignalSpy identified(window.identifyPanel(), &IdentifyPanel::identified);
    QTest::mouseClick(map, Qt::LeftButton, {}, map->toScreen(41.0912, 23.5486).toPoint());
    QVERIFY(identified.wait(10000));
    QVERIFY(identified.first().at(0).toInt() >= 3); // a district, the zone and the point at least
    QTreeWidget *tree = window.identifyPanel()->tree();
    QTreeWidgetItem *zone = nullptr;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->text(1) == u"Ζώνη δοκιμής Β1")
            zone = tree->topLevelItem(i);
    QVERIFY(zone);
    QCOMPARE(zone->text(0), greek ? u"Πολεοδομικές ζώνες (δοκιμή)"_s : u"Planning zones (test)"_s);
    QTreeWidgetItem *terms = nullptr, *attributes = nullptr;
    for (int i = 0; i < zone->childCount(); ++i) {
        if (zone->child(i)->text(0) == IdentifyPanel::tr("Building terms"))
            terms = zone->child(i);
        if (zone->child(i)->text(0) == IdentifyPanel::tr("Attributes"))
            attributes = zone->child(i);
    }
    QVERIFY(terms && attributes);
    QCOMPARE(terms->childCount(), 3);
    QCOMPARE(terms->child(0)->text(0), IdentifyPanel::tr("Coverage ratio"));
    QCOMPARE(terms->child(0)->text(1), QLocale().toString(0.6, 'g', 12));
    QCOMPARE(attributes->childCount(), 4); // name, SK, SD, MAX_HEIGHT
    if (const QString path = screenshotPath(u"desk-identify"_s); !path.isEmpty()) {
        QTest::qWait(200);
        QVERIFY(window.grab().save(path));
    }
    // With identify off, a click selects again instead of asking.
    identify->setChecked(false);
    QVERIFY(!map->identifyMode());

    // Import a zipped Shapefile in Greek Grid with Windows-1253 text (a test fixture).
    QTemporaryDir dir;
    Fixture fx;
    fx.driver = "ESRI Shapefile";
    fx.path = dir.filePath(u"units.shp"_s);
    fx.epsg = 2100;
    fx.fields = {{"ONOMA", OFTString}};
    fx.layerOptions = {"ENCODING=CP1253"};
    fx.features = {
        {"POLYGON ((455000 4540000,462000 4540000,462000 4556000,455000 4556000,455000 4540000))", {u"ΔΕ δοκιμής Α"_s}},
        {"POLYGON ((462000 4540000,470000 4540000,470000 4556000,462000 4556000,462000 4540000))",
            {u"ΔΕ δοκιμής Β"_s}}};
    QCOMPARE(writeFixture(fx), QString());
    QList<std::pair<QString, QByteArray>> parts;
    for (const QString &ext : {u"shp"_s, u"shx"_s, u"dbf"_s, u"prj"_s, u"cpg"_s})
        parts.append({u"units."_s + ext, fileBytes(dir.filePath(u"units."_s + ext))});
    const QString zip = dir.filePath(u"test-units.zip"_s);
    QCOMPARE(writeZip(zip, parts), QString());

    LayerImportDialog dialog(&session, &window);
    QSignalSpy imported(&dialog, &LayerImportDialog::imported);
    connect(&dialog, &LayerImportDialog::imported, panel, &LayerPanel::reload);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.chooseFile = [zip](QWidget *) { return zip; };
    dialog.setFile(dialog.chooseFile(&dialog));
    QCOMPARE(dialog.findChild<QLineEdit *>(u"layerCodeLineEdit"_s)->text(), u"test-units"_s);
    auto *kind = dialog.findChild<QComboBox *>(u"layerKindComboBox"_s);
    kind->setCurrentIndex(kind->findData(u"municipal_units"_s));
    dialog.findChild<QLineEdit *>(u"layerNameElLineEdit"_s)->setText(u"Δημοτικές ενότητες (δοκιμή)"_s);
    dialog.findChild<QLineEdit *>(u"layerNameEnLineEdit"_s)->setText(u"Municipal units (test)"_s);
    QVERIFY(dialog.findChild<QComboBox *>(u"layerEncodingComboBox"_s)->isEnabled()); // a zip: maybe a Shapefile
    dialog.startImport();
    QVERIFY(imported.wait(30000));
    QCOMPARE(imported.first().at(0).toString(), u"test-units"_s);
    QCOMPARE(dialog.progressBar()->value(), 100);
    QCOMPARE(dialog.errorText(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(panel->layerCodes().contains(u"test-units"_s), 10000);
    QCOMPARE(ts.ctx().gis->repository().find(u"test-units"_s)->featureCount, 2);
    QCOMPARE(panel->shownLayers().contains(u"zones"_s), true); // the ticks survived the reload
    if (const QString path = screenshotPath(u"desk-gis-import"_s); !path.isEmpty()) {
        QTest::qWait(200);
        QVERIFY(dialog.grab().save(path));
    }

    // A broken file: the server's message, and the layer as it was.
    const QString broken = dir.filePath(u"broken.geojson"_s);
    {
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"type":"FeatureCollection","features":[{"type":)");
    }
    dialog.findChild<QLineEdit *>(u"layerCodeLineEdit"_s)->setText(u"test-units"_s);
    dialog.setFile(broken);
    QVERIFY(!dialog.findChild<QComboBox *>(u"layerEncodingComboBox"_s)->isEnabled());
    dialog.startImport();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.errorText().isEmpty(), 30000);
    QVERIFY2(dialog.errorText().startsWith(u"broken.geojson: "_s), qPrintable(dialog.errorText()));
    QCOMPARE(imported.count(), 1);
    QCOMPARE(ts.ctx().gis->repository().find(u"test-units"_s)->featureCount, 2);
}

void tst_LayerPanel::adminEditsAndRemovesLayers()
{
    TestServer &ts = *m_server;
    const bool greek = qEnvironmentVariable("DIMOS_SCREENSHOT_LANG") == u"el";
    const auto signIn = [&](Session &session, const QString &user) {
        QTemporaryDir cacheDir;
        session.prepare(ts.url(QString()), cacheDir.path());
        session.store()->setLanguage(greek ? u"el"_s : u"en"_s);
        QSignalSpy loggedIn(session.api(), &ApiClient::loggedIn);
        session.api()->login(user, QString::fromLatin1(DemoSeeder::kDemoPassword));
        QVERIFY(loggedIn.wait(10000));
        session.begin(loggedIn.first().at(0).toString(), loggedIn.first().at(1).value<StaffMember>());
    };

    // A clerk sees the layers but has nothing to change them with.
    {
        Session clerk;
        signIn(clerk, u"v.stavrou"_s);
        MainWindow window(&clerk);
        QVERIFY(!window.layerPanel()->findChild<QPushButton *>(u"layerPropertiesPushButton"_s));
        QVERIFY(!window.layerPanel()->findChild<QPushButton *>(u"layerRemovePushButton"_s));
    }

    Session session;
    signIn(session, u"admin"_s);
    MainWindow window(&session);
    window.resize(1600, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    MapWidget *map = window.map();
    map->setTilesEnabled(false);
    map->setAnimated(false);
    map->centerOn(41.0900, 23.5500, 15);
    LayerPanel *panel = window.layerPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->layerCodes().contains(u"zones"_s), 10000);
    auto *editButton = panel->findChild<QPushButton *>(u"layerPropertiesPushButton"_s);
    QVERIFY(editButton && !editButton->isEnabled()); // nothing selected yet
    panel->list()->setCurrentRow(int(panel->layerCodes().indexOf(u"zones"_s)));
    QVERIFY(editButton->isEnabled());

    // Properties: the names, the colour (from the colour picker), the line width, the fill, and
    // whether maps show it when they open.
    QSignalSpy saved(session.api(), &ApiClient::layerSaved);
    QTest::mouseClick(editButton, Qt::LeftButton);
    QPointer<LayerPropertiesDialog> dialog = panel->findChild<LayerPropertiesDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->code(), u"zones"_s);
    QCOMPARE(dialog->color(), QColor(u"#33a02c"_s));
    QVERIFY(dialog->findChild<QCheckBox *>(u"fillCheckBox"_s)); // areas: fill settings
    QVERIFY(!dialog->findChild<QDoubleSpinBox *>(u"radiusSpinBox"_s));
    if (const QString path = screenshotPath(u"desk-layer-properties"_s); !path.isEmpty()) {
        QTest::qWait(100);
        QVERIFY(dialog->grab().save(path));
    }
    // Without a Greek name nothing is sent.
    dialog->findChild<QLineEdit *>(u"nameElLineEdit"_s)->clear();
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"savePushButton"_s), Qt::LeftButton);
    QVERIFY(!dialog->findChild<QLabel *>(u"errorLabel"_s)->isHidden());
    QCOMPARE(saved.count(), 0);

    dialog->findChild<QLineEdit *>(u"nameElLineEdit"_s)->setText(u"Ζώνες δόμησης (δοκιμή)"_s);
    dialog->findChild<QLineEdit *>(u"nameEnLineEdit"_s)->setText(u"Building zones (test)"_s);
    dialog->chooseColor = [](const QColor &, QWidget *) { return QColor(u"#123456"_s); };
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"colorPushButton"_s), Qt::LeftButton);
    QCOMPARE(dialog->color(), QColor(u"#123456"_s));
    dialog->findChild<QDoubleSpinBox *>(u"weightSpinBox"_s)->setValue(4);
    dialog->findChild<QDoubleSpinBox *>(u"fillOpacitySpinBox"_s)->setValue(50);
    dialog->findChild<QCheckBox *>(u"visibleCheckBox"_s)->setChecked(true);
    panel->setLayerShown(u"zones"_s, true);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"savePushButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 10000);
    const GisLayer stored = *ts.ctx().gis->repository().find(u"zones"_s);
    QCOMPARE(stored.nameEl, u"Ζώνες δόμησης (δοκιμή)"_s);
    QCOMPARE(stored.nameEn, u"Building zones (test)"_s);
    QVERIFY(stored.visible);
    const QJsonObject style = QJsonDocument::fromJson(stored.style).object();
    QCOMPARE(style.value(u"color"_s).toString(), u"#123456"_s);
    QCOMPARE(style.value(u"weight"_s).toDouble(), 4.0);
    QCOMPARE(style.value(u"fillOpacity"_s).toDouble(), 0.5);
    // The list and the map follow: the new name, the new colour drawn.
    const int row = int(panel->layerCodes().indexOf(u"zones"_s));
    QTRY_COMPARE_WITH_TIMEOUT(
        panel->list()->item(row)->text(), greek ? u"Ζώνες δόμησης (δοκιμή)"_s : u"Building zones (test)"_s, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(drawn(map, u"zones"_s) && drawn(map, u"zones"_s)->color == QColor(u"#123456"_s), 10000);
    QCOMPARE(drawn(map, u"zones"_s)->weight, 4.0);

    // Removing asks first; "no" keeps the layer.
    QStringList asked;
    panel->confirm = [&asked](const QString &question) {
        asked.append(question);
        return false;
    };
    panel->removeLayer(u"poi"_s);
    QCOMPARE(asked.size(), 1);
    QVERIFY(asked.first().contains(greek ? u"Σημεία (δοκιμή)"_s : u"Points (test)"_s));
    QVERIFY(ts.ctx().gis->repository().find(u"poi"_s));
    panel->confirm = [](const QString &) { return true; };
    panel->removeLayer(u"poi"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->layerCodes().contains(u"poi"_s), 10000);
    QVERIFY(!ts.ctx().gis->repository().find(u"poi"_s));
    QVERIFY(!drawn(map, u"poi"_s));
}

QTEST_MAIN(tst_LayerPanel)
#include "tst_LayerPanel.moc"
