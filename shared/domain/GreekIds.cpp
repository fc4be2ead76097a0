#include "GreekIds.h"

#include <QDate>

namespace dimos::greekids {

namespace {

// Digits only, after dropping the separators people type.
QString stripped(QStringView text, QStringView dropped)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text)
        if (!dropped.contains(c) && !c.isSpace())
            out.append(c);
    return out;
}

bool allDigits(QStringView s)
{
    for (QChar c : s)
        if (c < u'0' || c > u'9')
            return false;
    return true;
}

Result fail(Problem p)
{
    return Result{std::nullopt, p};
}

} // namespace

Result checkAfm(QStringView text)
{
    QString s = stripped(text, u".-");
    if (s.startsWith(u"EL", Qt::CaseInsensitive) || s.startsWith(u"ΕΛ", Qt::CaseInsensitive))
        s.remove(0, 2);
    if (s.isEmpty())
        return fail(Problem::Empty);
    if (!allDigits(s))
        return fail(Problem::NotDigits);
    if (s.size() == 8)
        s.prepend(u'0');
    if (s.size() != 9)
        return fail(Problem::WrongLength);
    if (s == u"000000000")
        return fail(Problem::AllZeros);
    int sum = 0;
    for (int i = 0; i < 8; ++i)
        sum += (s.at(i).unicode() - u'0') << (8 - i);
    if ((sum % 11) % 10 != s.at(8).unicode() - u'0')
        return fail(Problem::CheckDigit);
    return Result{s, Problem::None};
}

Result checkAmka(QStringView text)
{
    const QString s = stripped(text, u"-");
    if (s.isEmpty())
        return fail(Problem::Empty);
    if (!allDigits(s))
        return fail(Problem::NotDigits);
    if (s.size() != 11)
        return fail(Problem::WrongLength);
    if (s == u"00000000000")
        return fail(Problem::AllZeros);
    const int day = s.mid(0, 2).toInt();
    const int month = s.mid(2, 2).toInt();
    const int yy = s.mid(4, 2).toInt();
    // 2000 is a leap year and a multiple of 4 in either century: any YY divisible by 4 can be one.
    if (!QDate(2000 + yy, month, day).isValid() && !QDate(1900 + yy, month, day).isValid())
        return fail(Problem::BadDate);
    // Luhn over all eleven digits: from the right, every second digit doubled.
    int sum = 0;
    for (int i = 0; i < 11; ++i) {
        int d = s.at(10 - i).unicode() - u'0';
        if (i % 2 == 1) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    if (sum % 10 != 0)
        return fail(Problem::CheckDigit);
    return Result{s, Problem::None};
}

Result checkIdCard(QStringView text)
{
    const QString s = stripped(text, u"-").toUpper();
    if (s.isEmpty())
        return fail(Problem::Empty);
    qsizetype letters = 0;
    while (letters < s.size() && s.at(letters).isLetter()) {
        const QChar c = s.at(letters);
        const bool latin = c >= u'A' && c <= u'Z';
        const bool greek = c >= u'Α' && c <= u'Ω';
        if (!latin && !greek)
            return fail(Problem::BadFormat);
        ++letters;
    }
    const qsizetype digits = s.size() - letters;
    if (letters < 1 || letters > 2 || digits < 6 || digits > 8 || !allDigits(QStringView(s).mid(letters)))
        return fail(Problem::BadFormat);
    return Result{s, Problem::None};
}

} // namespace dimos::greekids
