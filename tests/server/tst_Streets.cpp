// The municipality's street list (server/storage/StreetRepository, `dimosd streets import`,
// /streets.json, the report form): files are checked row by row with clear errors, search is
// Greek-aware, an address alone is placed at the one street it names, and a report the list
// cannot place keeps no invented point.
#include <QJsonArray>
#include <QTest>

#include "server/core/ReportService.h"
#include "server/storage/ReportRepository.h"
#include "server/storage/StreetRepository.h"
#include "server/web/WebReports.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {
const QByteArray kCsv = "# a comment before the header\n"
                        "name_el,name_en,lat,lon,postcode\n"
                        "Μεραρχίας,Merarchias,41.0884,23.5471,62122\n"
                        "Εθνικής Αντιστάσεως,Ethnikis Antistaseos,41.0912,23.5486,62124\n"
                        "Εθνικής,,41.0900,23.5500,\n"
                        "\"Πλατεία Ελευθερίας, Σέρρες\",Eleftherias Square,\"41,0916\",23.5491,62122\n";
} // namespace

class tst_Streets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvAndGeoJsonAreRead();
    void badFilesSayWhereAndWhat_data();
    void badFilesSayWhereAndWhat();
    void searchIgnoresCaseAndAccents();
    void locateTakesTheLongestStreetThatBeginsTheAddress();
    void endpointAndFormUseTheList();
};

void tst_Streets::csvAndGeoJsonAreRead()
{
    QString error;
    const auto csv = StreetRepository::parse(kCsv, nullptr, &error);
    QVERIFY2(csv, qPrintable(error));
    QCOMPARE(csv->size(), 4);
    QCOMPARE(csv->at(3).nameEl, u"Πλατεία Ελευθερίας, Σέρρες"_s); // quoted, with a comma
    QCOMPARE(csv->at(3).lat, 41.0916); // a decimal comma is read too
    QCOMPARE(csv->at(0).postcode, u"62122"_s);

    const QByteArray geo = R"({"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"name_el":"Ερμού","name_en":"Ermou"},
         "geometry":{"type":"LineString","coordinates":[[23.54,41.09],[23.545,41.0905],[23.55,41.091]]}},
        {"type":"Feature","properties":{"name":"Ομονοίας"},"geometry":{"type":"Point","coordinates":[23.5505,41.093]}}]})";
    const auto streets = StreetRepository::parse(geo, nullptr, &error);
    QVERIFY2(streets, qPrintable(error));
    QCOMPARE(streets->size(), 2);
    QCOMPARE(streets->at(0).lon, 23.545); // the line's middle vertex
    QCOMPARE(streets->at(1).nameEl, u"Ομονοίας"_s);
}

void tst_Streets::badFilesSayWhereAndWhat_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("says");
    QTest::newRow("no header") << "Μεραρχίας,41.08,23.54\n"_ba << u"line 1: the CSV header"_s;
    QTest::newRow("bad number") << "name_el,lat,lon\nΜεραρχίας,forty,23.54\n"_ba << u"line 2: lat and lon"_s;
    QTest::newRow("empty name") << "name_el,lat,lon\nΑ,41.09,23.54\n,41.09,23.54\n"_ba << u"line 3: name_el is empty"_s;
    QTest::newRow("outside") << "name_el,lat,lon\nΑθηνάς,37.98,23.72\n"_ba
                             << u"line 2: 37.980000, 23.720000 is outside"_s;
    QTest::newRow("swapped") << "name_el,lat,lon\nΜεραρχίας,23.5471,41.0884\n"_ba << u"swapped"_s;
    QTest::newRow("only a header") << "name_el,lat,lon\n"_ba << u"names no streets"_s;
    QTest::newRow("broken json") << "{\"features\": ["_ba << u"not valid JSON"_s;
    QTest::newRow("polygon")
        << R"({"features":[{"properties":{"name":"Χ"},"geometry":{"type":"Polygon","coordinates":[]}}]})"_ba
        << u"feature 1: the geometry must be a Point or a LineString"_s;
}

void tst_Streets::badFilesSayWhereAndWhat()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, says);
    TestServer ts; // for the Serres boundary
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    QVERIFY(!StreetRepository::parse(file, ts.ctx().boundary, &error));
    QVERIFY2(error.contains(says), qPrintable(error));
}

void tst_Streets::searchIgnoresCaseAndAccents()
{
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    StreetRepository &streets = *ts.ctx().streets;
    streets.replaceAll(*StreetRepository::parse(kCsv, ts.ctx().boundary, &error));
    QCOMPARE(streets.count(), 4);
    QCOMPARE(streets.search(u"μεραρχ"_s, 10).size(), 1);
    QCOMPARE(streets.search(u"ΜΕΡΑΡΧΙΑΣ"_s, 10).first().nameEl, u"Μεραρχίας"_s);
    QCOMPARE(streets.search(u"merarch"_s, 10).size(), 1); // the English name too
    QCOMPARE(streets.search(u"αντιστασ"_s, 10).size(), 1); // the start of any word
    QCOMPARE(streets.search(u"εθνικης"_s, 10).size(), 2);
    QCOMPARE(streets.search(u"αρχιας"_s, 10).size(), 0); // not the middle of a word
    QCOMPARE(streets.search(u"100%_"_s, 10).size(), 0); // LIKE wildcards are plain text
    // A new import replaces the list.
    streets.replaceAll({{u"Ερμού"_s, u"Ermou"_s, 41.0905, 23.545, {}}});
    QCOMPARE(streets.count(), 1);
    QCOMPARE(streets.search(u"μεραρχ"_s, 10).size(), 0);
}

void tst_Streets::locateTakesTheLongestStreetThatBeginsTheAddress()
{
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    StreetRepository &streets = *ts.ctx().streets;
    streets.replaceAll(*StreetRepository::parse(kCsv, ts.ctx().boundary, &error));
    QCOMPARE(streets.locate(u"Μεραρχίας 12"_s)->nameEl, u"Μεραρχίας"_s);
    QCOMPARE(streets.locate(u"μεραρχιας 12, Σέρρες"_s)->nameEl, u"Μεραρχίας"_s);
    QCOMPARE(streets.locate(u"Ethnikis Antistaseos 5"_s)->nameEl, u"Εθνικής Αντιστάσεως"_s);
    QCOMPARE(streets.locate(u"Εθνικής Αντιστάσεως 5"_s)->nameEl, u"Εθνικής Αντιστάσεως"_s); // not Εθνικής
    QCOMPARE(streets.locate(u"Εθνικής 3"_s)->nameEl, u"Εθνικής"_s);
    QVERIFY(!streets.locate(u"Μεραρχιακή 3"_s)); // a word must end where the name ends
    QVERIFY(!streets.locate(u"έξω από το σχολείο"_s));
    QVERIFY(!streets.locate(u"Με"_s));
    // Two streets of the same name: it cannot say which.
    QList<Street> twice = *StreetRepository::parse(kCsv, ts.ctx().boundary, &error);
    twice.append({u"Μεραρχίας"_s, {}, 41.0850, 23.5440, {}});
    twice.last().nameEl = u"Μεραρχίας"_s;
    twice.last().nameEn = u"Merarchias (2)"_s;
    streets.replaceAll(twice);
    QVERIFY(!streets.locate(u"Μεραρχίας 12"_s));
}

void tst_Streets::endpointAndFormUseTheList()
{
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    ts.addCategory(u"pothole"_s, ts.addDepartment(u"roads"_s));
    ts.ctx().streets->replaceAll(*StreetRepository::parse(kCsv, ts.ctx().boundary, &error));

    Reply r = ts.get(u"/streets.json?q=%CE%BC%CE%B5%CF%81%CE%B1%CF%81&lang=en"_s); // "μεραρ"
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object()[u"streets"_s].toArray().size(), 1);
    QCOMPARE(r.object()[u"streets"_s].toArray().first()[u"name"_s].toString(), u"Merarchias"_s);
    QCOMPARE(r.object()[u"streets"_s].toArray().first()[u"lat"_s].toDouble(), 41.0884);
    QCOMPARE(ts.get(u"/streets.json?q=%CE%BC%CE%B5%CF%81%CE%B1%CF%81&lang=el"_s)
                 .object()[u"streets"_s]
                 .toArray()
                 .first()[u"name"_s]
                 .toString(),
        u"Μεραρχίας"_s);
    QCOMPARE(ts.get(u"/streets.json?q=a"_s).status, 400);
    QCOMPARE(ts.get(u"/streets.json"_s).status, 400);

    // A web report with an address only is placed at its street; one the list cannot place
    // stays without a point (a clerk places it).
    auto file = [&](const QString &address) {
        NewReport in;
        in.serviceCode = u"pothole"_s;
        in.addressString = address;
        in.description = u"Λακκούβα"_s;
        in.contact.email = u"eleni@example.org"_s;
        return WebReports::submit(ts.ctx(), in, u"el"_s).id;
    };
    const Report placed = *ts.ctx().reports->find(file(u"Μεραρχίας 12"_s));
    QVERIFY(placed.hasLocation);
    QCOMPARE(placed.lat, 41.0884);
    QCOMPARE(placed.address, u"Μεραρχίας 12"_s); // as the citizen wrote it
    QVERIFY(!ts.ctx().reports->find(file(u"πίσω από το γήπεδο"_s))->hasLocation);
}

QTEST_GUILESS_MAIN(tst_Streets)
#include "tst_Streets.moc"
