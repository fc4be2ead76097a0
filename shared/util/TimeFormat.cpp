#include "TimeFormat.h"

#include <QDateTime>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace dimos {

QString formatUtc(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ss'Z'"_s);
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
