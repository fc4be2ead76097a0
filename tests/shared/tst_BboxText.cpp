// The one bbox parser (shared/geo/BboxText) behind the web map, the staff API, the GIS routes
// and Open311's bbox: GeoJSON order, strict decimals, the world's ranges, the minimum first.
#include <QTest>

#include "shared/geo/BboxText.h"

using namespace Qt::StringLiterals;
using namespace dimos;

class tst_BboxText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
};

void tst_BboxText::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("problem");
    using P = BboxParse::Problem;
    QTest::newRow("serres") << u"23.50,41.05,23.60,41.12"_s << int(P::None);
    QTest::newRow("spaces") << u" 23.5 , 41.05,23.6 ,41.12 "_s << int(P::None);
    QTest::newRow("signs and exponent") << u"-1e1,+4.1e1,1.5E1,42"_s << int(P::None);
    QTest::newRow("the whole world") << u"-180,-90,180,90"_s << int(P::None);
    QTest::newRow("a point") << u"23.5,41,23.5,41"_s << int(P::None);
    QTest::newRow("null") << QString() << int(P::Missing);
    QTest::newRow("empty") << u""_s << int(P::NotFourNumbers);
    QTest::newRow("three") << u"23.5,41,23.6"_s << int(P::NotFourNumbers);
    QTest::newRow("five") << u"23.5,41,23.6,42,1"_s << int(P::NotFourNumbers);
    QTest::newRow("nan") << u"nan,41,23.6,42"_s << int(P::NotFourNumbers);
    QTest::newRow("inf") << u"-inf,41,inf,42"_s << int(P::NotFourNumbers);
    QTest::newRow("hex") << u"0x17,41,23.6,42"_s << int(P::NotFourNumbers);
    QTest::newRow("greek digits") << u"٢٣,41,23.6,42"_s << int(P::NotFourNumbers);
    QTest::newRow("empty part") << u"23.5,,23.6,42"_s << int(P::NotFourNumbers);
    QTest::newRow("overflow") << u"1e400,41,23.6,42"_s << int(P::NotFourNumbers);
    QTest::newRow("too long") << QString(u"1"_s.repeated(300)) << int(P::NotFourNumbers);
    QTest::newRow("latitude first") << u"41.05,23.5,41.12,23.6"_s << int(P::None); // plausible, in range
    QTest::newRow("latitude beyond 90") << u"23.5,91,23.6,92"_s << int(P::OutsideWorld);
    QTest::newRow("longitude beyond 180") << u"-181,41,23.6,42"_s << int(P::OutsideWorld);
    QTest::newRow("min above max") << u"23.6,41.12,23.5,41.05"_s << int(P::MinAboveMax);
}

void tst_BboxText::parses()
{
    QFETCH(QString, text);
    QFETCH(int, problem);
    const BboxParse p = parseBboxText(text);
    QCOMPARE(int(p.problem), problem);
    QCOMPARE(p.box.has_value(), problem == int(BboxParse::Problem::None));
    if (QByteArray(QTest::currentDataTag()) == "serres") {
        QCOMPARE(p.box->minLon, 23.50);
        QCOMPARE(p.box->minLat, 41.05);
        QCOMPARE(p.box->maxLon, 23.60);
        QCOMPARE(p.box->maxLat, 41.12);
    }
}

QTEST_APPLESS_MAIN(tst_BboxText)
#include "tst_BboxText.moc"
