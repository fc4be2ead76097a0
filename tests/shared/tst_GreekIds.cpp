// ΑΦΜ, ΑΜΚΑ and identity card checks (shared/domain/GreekIds): tables of valid and invalid
// numbers. The valid ΑΦΜ are DOMAIN.md's; the valid ΑΜΚΑ were completed with a Luhn digit
// computed apart from this code (a Python one-liner), their wrong twins differ in that digit.
#include <QTest>

#include "shared/domain/GreekIds.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::greekids;

Q_DECLARE_METATYPE(dimos::greekids::Problem)

class tst_GreekIds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void afm_data();
    void afm();
    void amka_data();
    void amka();
    void idCard_data();
    void idCard();
};

void tst_GreekIds::afm_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("stored"); // empty: refused
    QTest::addColumn<Problem>("problem");
    QTest::newRow("090000045") << u"090000045"_s << u"090000045"_s << Problem::None;
    QTest::newRow("094259216") << u"094259216"_s << u"094259216"_s << Problem::None;
    QTest::newRow("010509832") << u"010509832"_s << u"010509832"_s << Problem::None;
    QTest::newRow("EL prefix") << u"EL094259216"_s << u"094259216"_s << Problem::None;
    QTest::newRow("Greek ΕΛ prefix, spaces") << u"ΕΛ 094 259 216"_s << u"094259216"_s << Problem::None;
    QTest::newRow("old 8 digits") << u"94259216"_s << u"094259216"_s << Problem::None;
    QTest::newRow("123456789") << u"123456789"_s << QString() << Problem::CheckDigit;
    QTest::newRow("one digit off") << u"094259217"_s << QString() << Problem::CheckDigit;
    QTest::newRow("all zeros") << u"000000000"_s << QString() << Problem::AllZeros;
    QTest::newRow("letters") << u"09425921A"_s << QString() << Problem::NotDigits;
    QTest::newRow("too long") << u"0942592161"_s << QString() << Problem::WrongLength;
    QTest::newRow("too short") << u"4259216"_s << QString() << Problem::WrongLength;
    QTest::newRow("empty") << u"  "_s << QString() << Problem::Empty;
}

void tst_GreekIds::afm()
{
    QFETCH(QString, input);
    QFETCH(QString, stored);
    QFETCH(Problem, problem);
    const Result r = checkAfm(input);
    QCOMPARE(r.problem, problem);
    QCOMPARE(r.value.value_or(QString()), stored);
}

void tst_GreekIds::amka_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("stored");
    QTest::addColumn<Problem>("problem");
    QTest::newRow("1 Jan 80") << u"01018001238"_s << u"01018001238"_s << Problem::None;
    QTest::newRow("31 Dec 99") << u"31129912346"_s << u"31129912346"_s << Problem::None;
    QTest::newRow("29 Feb 00 (leap)") << u"29020004569"_s << u"29020004569"_s << Problem::None;
    QTest::newRow("with spaces") << u"150765 00014"_s << u"15076500014"_s << Problem::None;
    QTest::newRow("Luhn off by one") << u"01018001239"_s << QString() << Problem::CheckDigit;
    QTest::newRow("Luhn off, other") << u"15076500015"_s << QString() << Problem::CheckDigit;
    QTest::newRow("29 Feb 01 (no leap year)") << u"29020104567"_s << QString() << Problem::BadDate;
    QTest::newRow("month 13") << u"01138001234"_s << QString() << Problem::BadDate;
    QTest::newRow("day 32") << u"32018001234"_s << QString() << Problem::BadDate;
    QTest::newRow("ten digits") << u"0101800123"_s << QString() << Problem::WrongLength;
    QTest::newRow("letters") << u"0101800123X"_s << QString() << Problem::NotDigits;
    QTest::newRow("zeros") << u"00000000000"_s << QString() << Problem::AllZeros;
    QTest::newRow("empty") << QString() << QString() << Problem::Empty;
}

void tst_GreekIds::amka()
{
    QFETCH(QString, input);
    QFETCH(QString, stored);
    QFETCH(Problem, problem);
    const Result r = checkAmka(input);
    QCOMPARE(r.problem, problem);
    QCOMPARE(r.value.value_or(QString()), stored);
}

void tst_GreekIds::idCard_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("stored");
    QTest::addColumn<Problem>("problem");
    QTest::newRow("legacy Greek") << u"ΑΒ 123456"_s << u"ΑΒ123456"_s << Problem::None;
    QTest::newRow("one letter") << u"Χ123456"_s << u"Χ123456"_s << Problem::None;
    QTest::newRow("Latin, lower case, dash") << u"ak-123456"_s << u"AK123456"_s << Problem::None;
    QTest::newRow("newer, more digits") << u"ΑΝ1234567"_s << u"ΑΝ1234567"_s << Problem::None;
    QTest::newRow("three letters") << u"ΑΒΓ123456"_s << QString() << Problem::BadFormat;
    QTest::newRow("too few digits") << u"ΑΒ12345"_s << QString() << Problem::BadFormat;
    QTest::newRow("digits first") << u"123456ΑΒ"_s << QString() << Problem::BadFormat;
    QTest::newRow("Cyrillic") << u"ЖБ123456"_s << QString() << Problem::BadFormat;
    QTest::newRow("empty") << u" "_s << QString() << Problem::Empty;
}

void tst_GreekIds::idCard()
{
    QFETCH(QString, input);
    QFETCH(QString, stored);
    QFETCH(Problem, problem);
    const Result r = checkIdCard(input);
    QCOMPARE(r.problem, problem);
    QCOMPARE(r.value.value_or(QString()), stored);
}

QTEST_GUILESS_MAIN(tst_GreekIds)
#include "tst_GreekIds.moc"
