#include "BboxText.h"

#include <QStringList>

#include <cmath>

using namespace Qt::StringLiterals;

namespace dimos {

std::optional<double> parseUrlDecimal(QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty() || text.size() > 40)
        return std::nullopt;
    for (const QChar c : text)
        if (!(c >= u'0' && c <= u'9') && c != u'.' && c != u'-' && c != u'+' && c != u'e' && c != u'E')
            return std::nullopt;
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

BboxParse parseBboxText(const QString &text)
{
    BboxParse out;
    if (text.isNull()) {
        out.problem = BboxParse::Problem::Missing;
        return out;
    }
    // Four numbers of at most 40 characters and three commas: anything longer is not a box,
    // and splitting it would only cost memory.
    const QList<QStringView> parts = text.size() > 4 * 42 ? QList<QStringView>() : QStringView(text).split(u',');
    double v[4] = {};
    bool ok = parts.size() == 4;
    for (int i = 0; ok && i < 4; ++i) {
        const auto d = parseUrlDecimal(parts[i]);
        ok = d.has_value();
        v[i] = d.value_or(0);
    }
    if (!ok) {
        out.problem = BboxParse::Problem::NotFourNumbers;
        return out;
    }
    if (std::fabs(v[0]) > 180 || std::fabs(v[2]) > 180 || std::fabs(v[1]) > 90 || std::fabs(v[3]) > 90) {
        out.problem = BboxParse::Problem::OutsideWorld;
        return out;
    }
    if (v[0] > v[2] || v[1] > v[3]) {
        out.problem = BboxParse::Problem::MinAboveMax;
        return out;
    }
    out.box = LatLonBox{v[1], v[0], v[3], v[2]};
    return out;
}

} // namespace dimos
