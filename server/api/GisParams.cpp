#include "GisParams.h"

#include <cmath>

#include "server/http/ApiError.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr qsizetype kMaxValue = 200;

std::optional<QString> first(const QList<std::pair<QString, QString>> &query, QStringView name)
{
    for (const auto &[n, v] : query)
        if (n == name)
            return v;
    return std::nullopt;
}

ApiError bad(const QString &message)
{
    return ApiError(ApiError::Kind::BadRequest, message);
}

// A decimal number as written in a URL: digits with a '.' (no "nan", "inf", hex or spaces).
std::optional<double> decimal(const QString &text)
{
    if (text.isEmpty() || text.size() > 40)
        return std::nullopt;
    for (const QChar c : text)
        if (!(c.isDigit() && c.unicode() < 128) && c != u'.' && c != u'-' && c != u'+' && c != u'e' && c != u'E')
            return std::nullopt;
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

} // namespace

GisFeaturesQuery gisFeaturesQuery(const QList<std::pair<QString, QString>> &query)
{
    GisFeaturesQuery q;
    if (const auto bbox = first(query, u"bbox")) {
        const QString form = u"bbox must be minLon,minLat,maxLon,maxLat in WGS84 degrees, the minimum first "
                             u"(e.g. bbox=23.50,41.05,23.60,41.12)"_s;
        const QStringList parts = bbox->left(kMaxValue).split(u',');
        if (bbox->size() > kMaxValue || parts.size() != 4)
            throw bad(form);
        double v[4];
        for (int i = 0; i < 4; ++i) {
            const auto d = decimal(parts[i].trimmed());
            if (!d)
                throw bad(form);
            v[i] = *d;
        }
        if (std::fabs(v[0]) > 180 || std::fabs(v[2]) > 180 || std::fabs(v[1]) > 90 || std::fabs(v[3]) > 90)
            throw bad(u"bbox is outside the world: longitudes run from -180 to 180 and latitudes from -90 to 90 "
                      u"(is it minLon,minLat,maxLon,maxLat?)"_s);
        if (v[0] > v[2] || v[1] > v[3])
            throw bad(form);
        q.bbox = LatLonBox{v[1], v[0], v[3], v[2]};
    }
    if (const auto zoom = first(query, u"zoom")) {
        bool ok = false;
        const int z = zoom->size() <= 3 ? zoom->toInt(&ok) : -1;
        if (!ok || z < 0 || z > kGisMaxZoom)
            throw bad(u"zoom must be a whole number from 0 to %1 (the web map's zoom level)"_s.arg(kGisMaxZoom));
        q.zoom = z;
    }
    return q;
}

GisPointQuery gisPointQuery(const QList<std::pair<QString, QString>> &query)
{
    GisPointQuery q;
    const auto lat = first(query, u"lat"), lon = first(query, u"lon");
    if (!lat || !lon)
        throw bad(u"give the point as lat and lon in WGS84 degrees (e.g. ?lat=41.0912&lon=23.5486)"_s);
    const auto la = decimal(*lat), lo = decimal(*lon);
    if (!la || std::fabs(*la) > 90)
        throw bad(u"lat must be a latitude in degrees from -90 to 90 (e.g. 41.0912)"_s);
    if (!lo || std::fabs(*lo) > 180)
        throw bad(u"lon must be a longitude in degrees from -180 to 180 (e.g. 23.5486)"_s);
    q.lat = *la;
    q.lon = *lo;
    if (const auto tolerance = first(query, u"tolerance")) {
        const auto t = decimal(*tolerance);
        if (!t || *t < 1 || *t > kGisMaxToleranceMeters)
            throw bad(u"tolerance must be a distance in metres from 1 to %1"_s.arg(kGisMaxToleranceMeters));
        q.toleranceMeters = *t;
    }
    return q;
}

} // namespace dimos
