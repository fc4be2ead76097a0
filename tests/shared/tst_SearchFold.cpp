// Greek-aware search folding: case, tonos, diaeresis, final sigma and white space must not
// stop a citizen or a clerk from finding "Σέρρες".
#include <QTest>

#include "shared/text/SearchFold.h"

using namespace Qt::StringLiterals;
using namespace dimos;

class tst_SearchFold : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void folds_data();
    void folds();
    void spellingsOfSerresAllMatch_data();
    void spellingsOfSerresAllMatch();
    void foldingIsIdempotent_data();
    void foldingIsIdempotent();
    void differentWordsStayDifferent();
};

void tst_SearchFold::folds_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("only spaces") << u"  \t\n "_s << QString();
    QTest::newRow("accented") << u"Σέρρες"_s << u"σερρεσ"_s;
    QTest::newRow("capitals") << u"ΣΕΡΡΕΣ"_s << u"σερρεσ"_s;
    QTest::newRow("final sigma mid text") << u"οδός Μεραρχίας"_s << u"οδοσ μεραρχιασ"_s;
    QTest::newRow("iota diaeresis") << u"Αϊδίνι"_s << u"αιδινι"_s;
    QTest::newRow("iota diaeresis tonos") << u"Διΐστανται ΐ"_s << u"διιστανται ι"_s;
    QTest::newRow("upsilon diaeresis tonos") << u"ΰ Ϋ"_s << u"υ υ"_s;
    QTest::newRow("capital with tonos") << u"Ένας Άνθρωπος Ώρα"_s << u"ενασ ανθρωποσ ωρα"_s;
    QTest::newRow("whitespace runs") << u"  λακκούβα \t\n  στην   οδό  "_s << u"λακκουβα στην οδο"_s;
    QTest::newRow("non-breaking space") << u"Πλατεία\u00a0Ελευθερίας"_s << u"πλατεια ελευθεριασ"_s;
    QTest::newRow("latin accents") << u"Café Résumé NAÏVE"_s << u"cafe resume naive"_s;
    QTest::newRow("mixed scripts and digits")
        << u"Οδός Venizelou 12, Σέρρες #1234"_s << u"οδοσ venizelou 12, σερρεσ #1234"_s;
    QTest::newRow("precomposed vs decomposed") << u"Σε\u0301ρρες"_s << u"σερρεσ"_s;
}

void tst_SearchFold::folds()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(foldForSearch(input), expected);
}

void tst_SearchFold::spellingsOfSerresAllMatch_data()
{
    QTest::addColumn<QString>("spelling");
    QTest::newRow("title case with tonos") << u"Σέρρες"_s;
    QTest::newRow("all capitals") << u"ΣΕΡΡΕΣ"_s;
    QTest::newRow("lower case with final sigma") << u"σερρες"_s;
    QTest::newRow("lower case with medial sigma") << u"σερρεσ"_s;
    QTest::newRow("tonos on the last syllable") << u"Σερρές"_s;
    QTest::newRow("capitals with tonos") << u"ΣΈΡΡΕΣ"_s;
    QTest::newRow("padded") << u"  Σέρρες \t"_s;
}

void tst_SearchFold::spellingsOfSerresAllMatch()
{
    QFETCH(QString, spelling);
    QCOMPARE(foldForSearch(spelling), foldForSearch(u"Σέρρες"_s));
    QCOMPARE(foldForSearch(spelling), u"σερρεσ"_s);
}

void tst_SearchFold::foldingIsIdempotent_data()
{
    folds_data();
}

void tst_SearchFold::foldingIsIdempotent()
{
    QFETCH(QString, input);
    const QString once = foldForSearch(input);
    QCOMPARE(foldForSearch(once), once);
}

void tst_SearchFold::differentWordsStayDifferent()
{
    // Folding must not be so loose that distinct words collide.
    QVERIFY(foldForSearch(u"Σέρρες"_s) != foldForSearch(u"Δράμα"_s));
    QVERIFY(foldForSearch(u"πόλη"_s) != foldForSearch(u"πολύ"_s));
    QVERIFY(foldForSearch(u"a b"_s) != foldForSearch(u"ab"_s));
}

QTEST_GUILESS_MAIN(tst_SearchFold)
#include "tst_SearchFold.moc"
