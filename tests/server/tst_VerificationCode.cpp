// Verification codes of issued documents (core/VerificationCode): what generate() makes, and
// what normalise() accepts from a person or a link.
#include <QSet>
#include <QtTest>

#include "server/core/VerificationCode.h"

using namespace Qt::StringLiterals;
using namespace dimos;

class tst_VerificationCode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generatedCodesAreWellFormedAndDiffer();
    void normalise_data();
    void normalise();
};

void tst_VerificationCode::generatedCodesAreWellFormedAndDiffer()
{
    static const QRegularExpression shape(u"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$"_s);
    QSet<QString> seen;
    QSet<QChar> characters;
    for (int i = 0; i < 2000; ++i) {
        const QString code = verificationcode::generate();
        QVERIFY2(shape.match(code).hasMatch(), qPrintable(code));
        QCOMPARE(verificationcode::normalise(code), code); // a code reads back as itself
        seen.insert(code);
        for (const QChar c : code)
            characters.insert(c);
    }
    QCOMPARE(seen.size(), 2000); // 60 random bits: a repeat here would mean a broken generator
    QCOMPARE(characters.size(), 33); // all 32 symbols (and the dash) turn up
}

void tst_VerificationCode::normalise_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty: refused

    QTest::newRow("as printed") << u"7K3M-Q9XD-2HFA"_s << u"7K3M-Q9XD-2HFA"_s;
    QTest::newRow("lower case, no dashes") << u"7k3mq9xd2hfa"_s << u"7K3M-Q9XD-2HFA"_s;
    QTest::newRow("spaces") << u"  7K3M Q9XD 2HFA "_s << u"7K3M-Q9XD-2HFA"_s;
    QTest::newRow("other dashes") << u"7K3M–Q9XD—2HFA"_s << u"7K3M-Q9XD-2HFA"_s;
    QTest::newRow("O is zero") << u"O0OO-1111-2222"_s << u"0000-1111-2222"_s;
    QTest::newRow("I and L are one") << u"IiLl-1111-2222"_s << u"1111-1111-2222"_s;
    QTest::newRow("Greek keyboard") << u"ΑΒΕΖ-ΗΚΜΝ-ΡΤΥΧ"_s << u"ABEZ-HKMN-PTYX"_s;
    QTest::newRow("Greek lower case") << u"αβεζ ηκμν ρτυχ"_s << u"ABEZ-HKMN-PTYX"_s;
    QTest::newRow("Greek omicron and iota") << u"Οι00-0000-0000"_s << u"0100-0000-0000"_s;
    QTest::newRow("too short") << u"7K3M-Q9XD-2HF"_s << QString();
    QTest::newRow("too long") << u"7K3M-Q9XD-2HFAA"_s << QString();
    QTest::newRow("U is not a symbol") << u"7K3M-Q9XD-2HFU"_s << QString();
    QTest::newRow("punctuation") << u"7K3M-Q9XD-2HF!"_s << QString();
    QTest::newRow("a path") << u"../../etc/passwd"_s << QString();
    QTest::newRow("Greek letter without a Latin twin") << u"7K3M-Q9XD-2HFΣ"_s << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("only dashes") << u"--------------"_s << QString();
    QTest::newRow("very long") << QString(u"7K3M-Q9XD-2HFA"_s + QString(100, u' ')) << QString();
}

void tst_VerificationCode::normalise()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const std::optional<QString> code = verificationcode::normalise(input);
    if (expected.isEmpty())
        QVERIFY2(!code, qPrintable(code.value_or(QString())));
    else
        QCOMPARE(code.value_or(u"(refused)"_s), expected);
}

QTEST_GUILESS_MAIN(tst_VerificationCode)
#include "tst_VerificationCode.moc"
