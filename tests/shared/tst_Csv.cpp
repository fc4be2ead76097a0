// CSV through libcsv (shared/text/Csv): what spreadsheets write is read back field for field,
// broken quoting and non-UTF-8 text are refused with the row, and written fields round-trip.
#include <QTest>

#include "shared/text/Csv.h"

using namespace Qt::StringLiterals;
using namespace dimos;

class tst_Csv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsQuotedFields();
    void refusesBrokenInput_data();
    void refusesBrokenInput();
    void writtenRowsRoundTrip();
    void formulasAreDisarmed();
};

void tst_Csv::readsQuotedFields()
{
    QString error;
    const QByteArray data = "\xEF\xBB\xBFnumber,subject\r\n"
                            "1,\"Αίτηση, με κόμμα\"\r\n"
                            "\r\n"
                            "2,\"Γραμμή 1\nΓραμμή 2\"\n"
                            "3,\"Λέει \"\"ναι\"\"\"\n"
                            "4,\n";
    const auto rows = csv::parse(data, &error);
    QVERIFY2(rows, qPrintable(error));
    QCOMPARE(rows->size(), 5); // the blank line is skipped
    QCOMPARE(rows->at(0), (QStringList{u"number"_s, u"subject"_s})); // BOM dropped
    QCOMPARE(rows->at(1).at(1), u"Αίτηση, με κόμμα"_s);
    QCOMPARE(rows->at(2).at(1), u"Γραμμή 1\nΓραμμή 2"_s);
    QCOMPARE(rows->at(3).at(1), u"Λέει \"ναι\""_s);
    QCOMPARE(rows->at(4), (QStringList{u"4"_s, QString()}));
}

void tst_Csv::refusesBrokenInput_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("quote never closed") << "a,b\n1,\"open\n"_ba << u"row 2"_s;
    QTest::newRow("text after a closing quote") << "a,b\n1,\"x\"y\n"_ba << u"row 2"_s;
    QTest::newRow("Windows-1253, not UTF-8") << "a,b\n1,\xc1\xe8\xed\n"_ba << u"UTF-8"_s;
}

void tst_Csv::refusesBrokenInput()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, mentions);
    QString error;
    QVERIFY(!csv::parse(data, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

void tst_Csv::writtenRowsRoundTrip()
{
    const QList<QStringList> rows{{u"plain"_s, u"with, comma"_s, u"with \"quotes\""_s},
        {u"line\nbreak"_s, u"  padded  "_s, QString()}, {u"Σέρρες"_s, u"x"_s, u"y"_s}};
    QByteArray data;
    for (const QStringList &r : rows)
        data += csv::row(r);
    QVERIFY(data.endsWith("\r\n"));
    QString error;
    const auto back = csv::parse(data, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, rows);
}

void tst_Csv::formulasAreDisarmed()
{
    QCOMPARE(
        csv::row({u"=HYPERLINK(\"http://x\")"_s, u"-5"_s, u"ok"_s}), "\"'=HYPERLINK(\"\"http://x\"\")\",'-5,ok\r\n"_ba);
}

QTEST_GUILESS_MAIN(tst_Csv)
#include "tst_Csv.moc"
