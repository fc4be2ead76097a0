#include "GisParams.h"

#include <cmath>

#include "server/http/ApiError.h"
#include "shared/geo/BboxText.h"

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

std::optional<double> decimal(const QString &text)
{
    return parseUrlDecimal(text);
}

} // namespace

GisFeaturesQuery gisFeaturesQuery(const QList<std::pair<QString, QString>> &query)
{
    GisFeaturesQuery q;
    if (const auto bbox = first(query, u"bbox")) {
        const QString form = u"bbox must be minLon,minLat,maxLon,maxLat in WGS84 degrees, the minimum first "
                             u"(e.g. bbox=23.50,41.05,23.60,41.12)"_s;
        const BboxParse parsed = parseBboxText(*bbox);
        if (parsed.problem == BboxParse::Problem::OutsideWorld)
            throw bad(u"bbox is outside the world: longitudes run from -180 to 180 and latitudes from -90 to 90 "
                      u"(is it minLon,minLat,maxLon,maxLat?)"_s);
        if (!parsed.box)
            throw bad(form);
        q.bbox = *parsed.box;
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
