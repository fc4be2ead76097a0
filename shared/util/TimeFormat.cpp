#include "TimeFormat.h"

#include <QDateTime>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace dimos {

QString formatUtc(qint64 epochMs)
{
    // Called for every datetime of every listed report: QDateTime::toString costs ~50 times
    // more. Days to civil date after Howard Hinnant's public-domain algorithm.
    auto floorDiv = [](qint64 a, qint64 b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); };
    const qint64 secs = floorDiv(epochMs, 1000);
    qint64 days = floorDiv(secs, 86400);
    const int secOfDay = static_cast<int>(secs - days * 86400);
    days += 719468;
    const qint64 era = floorDiv(days, 146097);
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999)
        return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODate);
    char16_t buf[20];
    auto put = [&](int pos, qint64 value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10)
            buf[pos + i] = static_cast<char16_t>(u'0' + value % 10);
    };
    put(0, year, 4);
    buf[4] = u'-';
    put(5, month, 2);
    buf[7] = u'-';
    put(8, day, 2);
    buf[10] = u'T';
    put(11, secOfDay / 3600, 2);
    buf[13] = u':';
    put(14, secOfDay / 60 % 60, 2);
    buf[16] = u':';
    put(17, secOfDay % 60, 2);
    buf[19] = u'Z';
    return QStringView(buf, 20).toString();
}

std::optional<qint64> parseIsoDateTime(QStringView text)
{
    static const QRegularExpression re(
        u"^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?"
        u"(Z|[+-]\\d{2}(?::?\\d{2})?)?)?$"_s);
    const auto m = re.match(text.trimmed().toString());
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.capturedView(1).toInt(), m.capturedView(2).toInt(), m.capturedView(3).toInt());
    if (!date.isValid())
        return std::nullopt;
    int hour = 0, minute = 0, second = 0, ms = 0;
    if (m.hasCaptured(4)) {
        hour = m.capturedView(4).toInt();
        minute = m.capturedView(5).toInt();
        second = m.hasCaptured(6) ? m.capturedView(6).toInt() : 0;
        if (m.hasCaptured(7))
            ms = m.captured(7).left(3).leftJustified(3, u'0').toInt();
    }
    const QTime time(hour, minute, second, ms);
    if (!time.isValid())
        return std::nullopt;
    int offsetSeconds = 0;
    const QStringView zone = m.capturedView(8);
    if (!zone.isEmpty() && zone != u"Z") {
        const int sign = zone.front() == u'-' ? -1 : 1;
        const QString digits = zone.mid(1).toString().remove(u':');
        const int hh = digits.left(2).toInt();
        const int mm = digits.size() > 2 ? digits.mid(2, 2).toInt() : 0;
        if (hh > 14 || mm > 59)
            return std::nullopt;
        offsetSeconds = sign * (hh * 3600 + mm * 60);
    }
    const QDateTime dt(date, time, Qt::OffsetFromUTC, offsetSeconds);
    return dt.toMSecsSinceEpoch();
}

} // namespace dimos
