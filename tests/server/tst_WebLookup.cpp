// "What applies at my address" (/lookup, server/web/LookupPages): with fixture layers, a point
// inside a municipal unit, a school district and a planning zone shows them with the zone's
// building terms (Greek and English labels, units, decimal commas in Greek) and the layers'
// attributions; an address from the street list finds its point; without layers the page says
// plainly that none is loaded; wrong coordinates and unknown streets are explained.
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "server/GisFixtures.h"
#include "server/gis/GisLayers.h"
#include "server/storage/StreetRepository.h"
#include "support/Browser.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

constexpr auto kAtTownHall = "lat=41.0912&lon=23.5486";

QByteArray describe(const Reply &r)
{
    return "HTTP " + QByteArray::number(r.status) + ": " + r.body.left(400);
}

void importFixture(TestServer &ts, const QTemporaryDir &dir, const QString &code, const QString &kind,
    const QString &nameEl, const QString &nameEn, QList<FixtureField> fields, QList<FixtureFeature> features,
    const QString &attribution)
{
    Fixture fx;
    fx.driver = "GeoJSON";
    fx.path = dir.filePath(code + u".geojson"_s);
    fx.fields = std::move(fields);
    fx.features = std::move(features);
    QCOMPARE(writeFixture(fx), QString());
    LayerImportRequest r;
    r.path = fx.path;
    r.code = code;
    r.kind = kind;
    r.nameEl = nameEl;
    r.nameEn = nameEn;
    r.attribution = attribution;
    QString error;
    QVERIFY2(ts.ctx().gis->importLayer(r, {}, &error), qPrintable(error));
}

// Test fixtures, not real data: a unit, a district and a zone around the town hall, and a
// second zone further east that has no building terms in its attributes.
void importFixtures(TestServer &ts, const QTemporaryDir &dir)
{
    importFixture(ts, dir, u"units"_s, u"municipal_units"_s, u"Δημοτικές ενότητες"_s, u"Municipal units"_s,
        {{"name", OFTString}},
        {{"POLYGON ((23.50 41.05,23.60 41.05,23.60 41.13,23.50 41.13,23.50 41.05))", {u"ΔΕ Δοκιμής"_s}}},
        u"Test fixture units"_s);
    importFixture(ts, dir, u"schools"_s, u"school_districts"_s, u"Σχολικές περιφέρειες"_s, u"School districts"_s,
        {{"name", OFTString}},
        {{"POLYGON ((23.54 41.08,23.56 41.08,23.56 41.10,23.54 41.10,23.54 41.08))", {u"Περιφέρεια δοκιμής 1"_s}}},
        u"Test fixture districts, CC BY 4.0"_s);
    importFixture(ts, dir, u"zones"_s, u"planning_zones"_s, u"Πολεοδομικές ζώνες"_s, u"Planning zones"_s,
        {{"name", OFTString}, {"SK", OFTReal}, {"SD", OFTReal}, {"MAX_HEIGHT", OFTReal}, {"ΧΡΗΣΗ", OFTString},
            {"FEK", OFTString}, {"notes", OFTString}},
        {{"POLYGON ((23.545 41.085,23.552 41.085,23.552 41.095,23.545 41.095,23.545 41.085))",
             {u"Ζώνη δοκιμής Β1"_s, 0.6, 1.2, 11.5, u"Γενική κατοικία"_s, u"ΦΕΚ 0/Δ/2000 (δοκιμή)"_s,
                 u"Πρασιά <4 μ.>"_s}},
            {"POLYGON ((23.58 41.085,23.59 41.085,23.59 41.095,23.58 41.095,23.58 41.085))",
                {u"Ζώνη δοκιμής Γ"_s, QVariant(), QVariant(), QVariant(), QVariant(), QVariant(), u"χωρίς όρους"_s}}},
        u"Test fixture zones"_s);
}

#define START(ts)                                                                                                      \
    TestServer ts;                                                                                                     \
    do {                                                                                                               \
        QString startError;                                                                                            \
        QVERIFY2(ts.start(&startError), qPrintable(startError));                                                       \
    } while (false)

} // namespace

class tst_WebLookup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withoutLayersThePageSaysSo();
    void pointShowsUnitDistrictZoneAndTerms();
    void mapDrawsTheAreasOfTheAnswer();
    void inEnglish();
    void zoneWithoutTermsAndPointOutsideAreas();
    void addressFromTheStreetList();
    void wrongInputIsExplained_data();
    void wrongInputIsExplained();
    void navigationLinksToThePage();
};

void tst_WebLookup::withoutLayersThePageSaysSo()
{
    START(ts);
    Browser b(ts);
    const Reply form = b.get(u"/lookup"_s);
    QVERIFY2(form.status == 200, describe(form));
    const QString page = html(form);
    QVERIFY(page.contains(u"<h1>Τι ισχύει στη διεύθυνσή μου</h1>"_s));
    QVERIFY(page.contains(u"name=\"address\""_s));
    QVERIFY(page.contains(u"name=\"lat\""_s));
    QVERIFY(!page.contains(u"lookup-result"_s));

    const Reply r = b.get(u"/lookup?"_s + QLatin1StringView(kAtTownHall));
    QVERIFY2(r.status == 200, describe(r));
    const QString answer = html(r);
    QVERIFY(answer.contains(u"Ο δήμος δεν έχει φορτώσει ακόμη χάρτη των δημοτικών ενοτήτων"_s));
    QVERIFY(answer.contains(u"Ο δήμος δεν έχει φορτώσει ακόμη χάρτη των σχολικών περιφερειών"_s));
    QVERIFY(answer.contains(u"Ο δήμος δεν έχει φορτώσει ακόμη χάρτη των πολεοδομικών ζωνών"_s));
    QVERIFY(!answer.contains(u"lookup-terms"_s)); // nothing invented
}

void tst_WebLookup::pointShowsUnitDistrictZoneAndTerms()
{
    START(ts);
    QTemporaryDir dir;
    importFixtures(ts, dir);
    Browser b(ts);
    const Reply r = b.get(u"/lookup?"_s + QLatin1StringView(kAtTownHall));
    QVERIFY2(r.status == 200, describe(r));
    const QString page = html(r);
    QVERIFY(page.contains(u"Στο σημείο 41,0912, 23,5486"_s));
    QVERIFY(page.contains(u"<strong>ΔΕ Δοκιμής</strong>"_s));
    QVERIFY(page.contains(u"<strong>Περιφέρεια δοκιμής 1</strong>"_s));
    QVERIFY(page.contains(u"<strong>Ζώνη δοκιμής Β1</strong>"_s));
    QVERIFY(!page.contains(u"Ζώνη δοκιμής Γ"_s));
    // The building terms with their Greek labels and units.
    QVERIFY(page.contains(u"<th scope=\"row\">Ποσοστό κάλυψης (Σ.Κ.)</th><td>60 %</td>"_s));
    QVERIFY(page.contains(u"<th scope=\"row\">Συντελεστής δόμησης (Σ.Δ.)</th><td>1,2</td>"_s));
    QVERIFY(page.contains(u"<th scope=\"row\">Μέγιστο ύψος</th><td>11,5 m</td>"_s));
    QVERIFY(page.contains(u"<th scope=\"row\">Χρήσεις γης</th><td>Γενική κατοικία</td>"_s));
    QVERIFY(page.contains(u"<th scope=\"row\">ΦΕΚ / απόφαση</th><td>ΦΕΚ 0/Δ/2000 (δοκιμή)</td>"_s));
    // The other attributes, escaped.
    QVERIFY(page.contains(u"<th scope=\"row\">notes</th><td>Πρασιά &lt;4 μ.&gt;</td>"_s));
    // Each layer's attribution, once; the disclaimer.
    QVERIFY(page.contains(u"Test fixture districts, CC BY 4.0"_s));
    QCOMPARE(page.count(u"Test fixture zones"_s), 1);
    QVERIFY(page.contains(u"Υπηρεσία Δόμησης"_s));
    QVERIFY(!page.contains(u"δεν έχει φορτώσει"_s));
    // The coordinates stay in the form, for the map to show the point.
    QVERIFY(page.contains(u"value=\"41.091200\""_s));
}

void tst_WebLookup::mapDrawsTheAreasOfTheAnswer()
{
    // The page names the areas of its answer for the map (data-shapes, read by lookup.js), and
    // the layers' public GeoJSON in the small box lookup.js asks for holds each of them by id.
    START(ts);
    QTemporaryDir dir;
    importFixtures(ts, dir);
    Browser b(ts);
    const QString page = html(b.get(u"/lookup?"_s + QLatin1StringView(kAtTownHall)));
    static const QRegularExpression shapesRe(u"data-shapes=\"([^\"]*)\""_s);
    const QRegularExpressionMatch m = shapesRe.match(page);
    QVERIFY2(m.hasMatch(), qPrintable(page.left(2000)));
    const QStringList shapes = m.captured(1).split(u',');
    QCOMPARE(shapes.size(), 3);
    QStringList kinds;
    for (const QString &shape : shapes) {
        const QStringList part = shape.split(u':');
        QCOMPARE(part.size(), 3);
        kinds.append(part.at(0));
        const Reply geo = b.get(
            u"/api/v1/layers/%1/features.geojson?bbox=23.5481,41.0907,23.5491,41.0917&zoom=16"_s.arg(part.at(1)));
        QVERIFY2(geo.status == 200, describe(geo));
        bool found = false;
        for (const QJsonValue &f : geo.object().value(u"features"_s).toArray())
            found = found || QString::number(f.toObject().value(u"id"_s).toInteger()) == part.at(2);
        QVERIFY2(found, qPrintable(shape));
        // Each found area has its colour swatch beside its heading.
        QVERIFY(page.contains(u"<span class=\"swatch swatch-%1\" aria-hidden=\"true\"></span>"_s.arg(part.at(0))));
    }
    kinds.sort();
    QCOMPARE(kinds, QStringList({u"municipal_units"_s, u"planning_zones"_s, u"school_districts"_s}));
    QVERIFY(!shapes.join(u',').contains(u"Ζώνη"_s)); // ids, not names

    // A point in no area: nothing for the map to draw.
    const QString outside = html(b.get(u"/lookup?lat=41.14&lon=23.62"_s));
    QVERIFY(outside.contains(u"lookup-result"_s)); // an answer, not an error
    QVERIFY(!outside.contains(u"data-shapes"_s));
    QVERIFY(!outside.contains(u"swatch-"_s));
}

void tst_WebLookup::inEnglish()
{
    START(ts);
    QTemporaryDir dir;
    importFixtures(ts, dir);
    Browser b(ts, "en");
    const QString page = html(b.get(u"/lookup?"_s + QLatin1StringView(kAtTownHall)));
    QVERIFY(page.contains(u"<h1>What applies at my address</h1>"_s));
    QVERIFY(page.contains(u"At the point 41.0912, 23.5486"_s));
    QVERIFY(page.contains(u"<th scope=\"row\">Coverage ratio</th><td>60 %</td>"_s));
    QVERIFY(page.contains(u"<th scope=\"row\">Building factor (floor area ratio)</th><td>1.2</td>"_s));
    QVERIFY(page.contains(u"(Planning zones)"_s)); // the layer's English name
}

void tst_WebLookup::zoneWithoutTermsAndPointOutsideAreas()
{
    START(ts);
    QTemporaryDir dir;
    importFixtures(ts, dir);
    Browser b(ts);
    const QString page = html(b.get(u"/lookup?lat=41.09&lon=23.585"_s));
    QVERIFY(page.contains(u"<strong>Ζώνη δοκιμής Γ</strong>"_s));
    QVERIFY(page.contains(u"Τα δεδομένα του δήμου δεν δίνουν όρους δόμησης για αυτή τη ζώνη."_s));
    QVERIFY(page.contains(u"<strong>ΔΕ Δοκιμής</strong>"_s));
    // Outside the fixture district: said plainly, naming the layer.
    QVERIFY(page.contains(u"Το σημείο δεν βρίσκεται σε καμία περιοχή του επιπέδου «Σχολικές περιφέρειες»."_s));
}

void tst_WebLookup::addressFromTheStreetList()
{
    START(ts);
    QTemporaryDir dir;
    importFixtures(ts, dir);
    ts.ctx().streets->replaceAll({Street{u"Μεραρχίας"_s, u"Merarchias"_s, 41.0912, 23.5486, u"62123"_s},
        Street{u"Ερμού"_s, u"Ermou"_s, 41.0905, 23.5475, u"62123"_s},
        Street{u"Ερμού Παλαιά"_s, {}, 41.1000, 23.5900, u"62125"_s}});
    Browser b(ts);
    const Reply r = b.get(u"/lookup?address="_s + QString::fromLatin1(QUrl::toPercentEncoding(u"μεραρχιας 12"_s)));
    QVERIFY2(r.status == 200, describe(r));
    const QString page = html(r);
    QVERIFY(page.contains(u"Μεραρχίας (41,0912, 23,5486)"_s));
    QVERIFY(page.contains(u"<strong>Ζώνη δοκιμής Β1</strong>"_s));

    // Two streets match: the reader chooses, by a link that carries the point.
    const QString choices = html(b.get(u"/lookup?address="_s + QString::fromLatin1(QUrl::toPercentEncoding(u"Ερμ"_s))));
    QVERIFY(choices.contains(u"Ποια οδό εννοείτε;"_s));
    QVERIFY(choices.contains(u"href=\"/lookup?lat=41.090500&amp;lon=23.547500&amp;place="_s));
    QVERIFY(!choices.contains(u"lookup-result"_s));
}

void tst_WebLookup::wrongInputIsExplained_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown street")
        << u"address=%CE%9F%CE%B4%CF%8C%CF%82%20%CE%A0%CE%BF%CF%85%CE%B8%CE%B5%CE%BD%CE%AC"_s
        << u"Δεν βρέθηκε οδός με το όνομα «Οδός Πουθενά»"_s;
    QTest::newRow("latitude alone") << u"lat=41.09"_s << u"Δώστε και το πλάτος και το μήκος"_s;
    QTest::newRow("not a number") << u"lat=abc&lon=23.5"_s << u"Γράψτε αριθμό σε δεκαδικές μοίρες"_s;
    QTest::newRow("outside the municipality") << u"lat=37.97&lon=23.72"_s << u"έξω από τα όρια του δήμου"_s;
}

void tst_WebLookup::wrongInputIsExplained()
{
    QFETCH(QString, query);
    QFETCH(QString, expected);
    START(ts);
    Browser b(ts);
    const Reply r = b.get(u"/lookup?"_s + query);
    QCOMPARE(r.status, 422);
    const QString page = html(r);
    QVERIFY2(page.contains(expected), qPrintable(page.mid(page.indexOf(u"error-summary"_s), 600)));
    QVERIFY(page.contains(u"aria-invalid=\"true\""_s));
    QVERIFY(!page.contains(u"lookup-result"_s));
}

void tst_WebLookup::navigationLinksToThePage()
{
    START(ts);
    Browser b(ts);
    const QString home = html(b.get(u"/"_s));
    QVERIFY(home.contains(u"<a href=\"/lookup\">Στη διεύθυνσή μου</a>"_s));
    QVERIFY(html(b.get(u"/lookup"_s)).contains(u"<a href=\"/lookup\" aria-current=\"page\">"_s));
}

QTEST_GUILESS_MAIN(tst_WebLookup)
#include "tst_WebLookup.moc"
