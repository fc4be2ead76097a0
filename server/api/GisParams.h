#pragma once

#include <QList>
#include <QString>

#include <optional>
#include <utility>

#include "shared/geo/Boundary.h"

namespace dimos {

// The query parameters of the GIS read routes (server/api/GisApi), checked: anything malformed
// throws ApiError BadRequest naming the parameter and the form it must take.

struct GisFeaturesQuery
{
    std::optional<LatLonBox> bbox; // nothing: the whole layer
    std::optional<int> zoom; // nothing: geometries as imported
};

struct GisPointQuery
{
    double lat = 0;
    double lon = 0;
    double toleranceMeters = 25;
};

constexpr int kGisMaxZoom = 22;
constexpr double kGisMaxToleranceMeters = 500;

// ?bbox=minLon,minLat,maxLon,maxLat (WGS84 degrees) &zoom=0..22
GisFeaturesQuery gisFeaturesQuery(const QList<std::pair<QString, QString>> &query);
// ?lat=&lon= (WGS84 degrees) &tolerance=1..500 (metres, for lines and points; default 25)
GisPointQuery gisPointQuery(const QList<std::pair<QString, QString>> &query);

} // namespace dimos
