// Open311 times: what we write ("YYYY-MM-DDThh:mm:ssZ", always UTC) and the many shapes of
// ISO 8601 that clients send us.
#include <QDateTime>
#include <QRegularExpression>
#include <QTest>

#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {
qint64 utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC).toMSecsSinceEpoch();
}
} // namespace

class tst_TimeFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatUtc_data();
    void formatUtc();
    void formatUtcHasOpen311Shape_data();
    void formatUtcHasOpen311Shape();
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void roundTrip_data();
    void roundTrip();
};

void tst_TimeFormat::formatUtc_data()
{
    QTest::addColumn<qint64>("epochMs");
    QTest::addColumn<QString>("expected");
    QTest::newRow("epoch") << qint64(0) << u"1970-01-01T00:00:00Z"_s;
    QTest::newRow("fractions dropped") << utc(2026, 5, 19, 10, 4, 5, 999) << u"2026-05-19T10:04:05Z"_s;
    QTest::newRow("leap day") << utc(2024, 2, 29, 23, 59, 59) << u"2024-02-29T23:59:59Z"_s;
    QTest::newRow("single digits padded") << utc(2026, 1, 2, 3, 4, 5) << u"2026-01-02T03:04:05Z"_s;
}

void tst_TimeFormat::formatUtc()
{
    QFETCH(qint64, epochMs);
    QFETCH(QString, expected);
    QCOMPARE(dimos::formatUtc(epochMs), expected);
}

void tst_TimeFormat::formatUtcHasOpen311Shape_data()
{
    QTest::addColumn<qint64>("epochMs");
    QTest::newRow("now") << QDateTime::currentMSecsSinceEpoch();
    QTest::newRow("2000") << utc(2000, 12, 31, 12);
    QTest::newRow("odd milliseconds") << qint64(1'700'000'000'123);
}

void tst_TimeFormat::formatUtcHasOpen311Shape()
{
    QFETCH(qint64, epochMs);
    static const QRegularExpression shape(u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$"_s);
    const QString text = dimos::formatUtc(epochMs);
    QVERIFY2(shape.match(text).hasMatch(), qPrintable(text));
    // Whole seconds survive a trip through the parser.
    QCOMPARE(parseIsoDateTime(text), std::optional<qint64>(epochMs - epochMs % 1000));
}

void tst_TimeFormat::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected");
    const qint64 base = utc(2026, 5, 19, 10, 0, 0);
    QTest::newRow("Z") << u"2026-05-19T10:00:00Z"_s << base;
    QTest::newRow("no zone means UTC") << u"2026-05-19T10:00:00"_s << base;
    QTest::newRow("no seconds") << u"2026-05-19T10:00Z"_s << base;
    QTest::newRow("space separator") << u"2026-05-19 10:00:00Z"_s << base;
    QTest::newRow("+02:00") << u"2026-05-19T12:00:00+02:00"_s << base;
    QTest::newRow("+0200") << u"2026-05-19T12:00:00+0200"_s << base;
    QTest::newRow("+03 hours only") << u"2026-05-19T13:00:00+03"_s << base;
    QTest::newRow("-05") << u"2026-05-19T05:00:00-05"_s << base;
    QTest::newRow("-05:30") << u"2026-05-19T04:30:00-05:30"_s << base;
    QTest::newRow("offset crosses midnight") << u"2026-05-20T01:00:00+14:00"_s << utc(2026, 5, 19, 11);
    QTest::newRow("fraction .5") << u"2026-05-19T10:00:00.5Z"_s << base + 500;
    QTest::newRow("fraction .123") << u"2026-05-19T10:00:00.123Z"_s << base + 123;
    QTest::newRow("fraction 9 digits truncated") << u"2026-05-19T10:00:00.987654321Z"_s << base + 987;
    QTest::newRow("fraction with comma") << u"2026-05-19T10:00:00,25+02:00"_s << base - 2 * 3600'000 + 250;
    QTest::newRow("date only is midnight UTC") << u"2026-05-19"_s << utc(2026, 5, 19);
    QTest::newRow("leap day") << u"2024-02-29"_s << utc(2024, 2, 29);
    QTest::newRow("surrounding blanks") << u"  2026-05-19T10:00:00Z \n"_s << base;
    QTest::newRow("end of day") << u"2026-12-31T23:59:59Z"_s << utc(2026, 12, 31, 23, 59, 59);
}

void tst_TimeFormat::parseValid()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const auto parsed = parseIsoDateTime(text);
    QVERIFY2(parsed.has_value(), qPrintable(text));
    QCOMPARE(*parsed, expected);
}

void tst_TimeFormat::parseInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("blank") << u"   "_s;
    QTest::newRow("garbage") << u"yesterday"_s;
    QTest::newRow("almost a date") << u"2026-5-19"_s;
    QTest::newRow("February 30") << u"2026-02-30"_s;
    QTest::newRow("February 29 in a common year") << u"2026-02-29T10:00:00Z"_s;
    QTest::newRow("month 13") << u"2026-13-01"_s;
    QTest::newRow("day 0") << u"2026-01-00"_s;
    QTest::newRow("hour 25") << u"2026-05-19T25:00:00Z"_s;
    QTest::newRow("hour 24") << u"2026-05-19T24:00:00Z"_s;
    QTest::newRow("minute 60") << u"2026-05-19T10:60:00Z"_s;
    QTest::newRow("second 61") << u"2026-05-19T10:00:61Z"_s;
    QTest::newRow("offset +25") << u"2026-05-19T10:00:00+25:00"_s;
    QTest::newRow("offset minutes 75") << u"2026-05-19T10:00:00+02:75"_s;
    QTest::newRow("named zone") << u"2026-05-19T10:00:00 EET"_s;
    QTest::newRow("trailing text") << u"2026-05-19T10:00:00Zabc"_s;
    QTest::newRow("hour without minutes") << u"2026-05-19T10Z"_s;
    QTest::newRow("zone on a bare date") << u"2026-05-19Z"_s;
    QTest::newRow("fullwidth digits") << u"２０２６-05-19"_s;
    QTest::newRow("RFC 2822") << u"Tue, 19 May 2026 10:00:00 GMT"_s;
    QTest::newRow("epoch number") << u"1779184800"_s;
}

void tst_TimeFormat::parseInvalid()
{
    QFETCH(QString, text);
    const auto parsed = parseIsoDateTime(text);
    QVERIFY2(!parsed.has_value(), qPrintable(u"accepted \"%1\" as %2"_s.arg(text).arg(parsed.value_or(0))));
}

void tst_TimeFormat::roundTrip_data()
{
    QTest::addColumn<qint64>("epochMs");
    QTest::newRow("2026") << utc(2026, 11, 25, 8, 30, 15);
    QTest::newRow("1999") << utc(1999, 12, 31, 23, 59, 59);
    QTest::newRow("epoch") << qint64(0);
}

void tst_TimeFormat::roundTrip()
{
    QFETCH(qint64, epochMs);
    QCOMPARE(parseIsoDateTime(dimos::formatUtc(epochMs)), std::optional<qint64>(epochMs));
}

QTEST_GUILESS_MAIN(tst_TimeFormat)
#include "tst_TimeFormat.moc"
