#include "client/map/WebMercator.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace dimos {

double WebMercator::clampLatitude(double lat)
{
    return std::clamp(lat, -kMaxLatitude, kMaxLatitude);
}

double WebMercator::worldSize(double zoom)
{
    return kTileSize * std::exp2(zoom);
}

QPointF WebMercator::toNormalized(double lat, double lon)
{
    const double phi = clampLatitude(lat) * std::numbers::pi / 180.0;
    const double x = (lon + 180.0) / 360.0;
    const double y = 0.5 - std::log(std::tan(std::numbers::pi / 4.0 + phi / 2.0)) / (2.0 * std::numbers::pi);
    return {x, std::clamp(y, 0.0, 1.0)};
}

void WebMercator::fromNormalized(const QPointF &normalized, double *lat, double *lon)
{
    *lon = normalized.x() * 360.0 - 180.0;
    const double n = std::numbers::pi * (1.0 - 2.0 * normalized.y());
    *lat = clampLatitude(std::atan(std::sinh(n)) * 180.0 / std::numbers::pi);
}

QPointF WebMercator::toWorld(double lat, double lon, double zoom)
{
    return toNormalized(lat, lon) * worldSize(zoom);
}

void WebMercator::fromWorld(const QPointF &world, double zoom, double *lat, double *lon)
{
    fromNormalized(world / worldSize(zoom), lat, lon);
}

TileRange WebMercator::tilesCovering(const QRectF &worldRect, int tileZoom)
{
    TileRange range;
    range.zoom = tileZoom;
    const int last = (1 << tileZoom) - 1;
    const QRectF r = worldRect.normalized();
    if (r.isEmpty())
        return range;
    // A rectangle that ends exactly on a tile edge does not need the next tile.
    const auto firstTile = [](double v) { return static_cast<int>(std::floor(v / kTileSize)); };
    const auto lastTile = [](double v) { return static_cast<int>(std::ceil(v / kTileSize)) - 1; };
    range.minX = std::max(0, firstTile(r.left()));
    range.minY = std::max(0, firstTile(r.top()));
    range.maxX = std::min(last, lastTile(r.right()));
    range.maxY = std::min(last, lastTile(r.bottom()));
    return range;
}

LatLonBox WebMercator::boxOf(const QRectF &worldRect, double zoom)
{
    const QRectF r = worldRect.normalized();
    LatLonBox box;
    fromWorld(r.topLeft(), zoom, &box.maxLat, &box.minLon);
    fromWorld(r.bottomRight(), zoom, &box.minLat, &box.maxLon);
    return box;
}

} // namespace dimos
