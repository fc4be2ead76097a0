#pragma once

#include <QPointF>
#include <QRectF>

#include "shared/geo/Boundary.h"

namespace dimos {

// A square of map tiles at one integer zoom (inclusive bounds, clamped to the world).
struct TileRange
{
    int zoom = 0;
    int minX = 0, minY = 0, maxX = -1, maxY = -1;

    bool isEmpty() const { return maxX < minX || maxY < minY; }
    int count() const { return isEmpty() ? 0 : (maxX - minX + 1) * (maxY - minY + 1); }
};

// Spherical Web Mercator (EPSG:3857) as slippy maps use it: 256-px tiles, zoom may be
// fractional. "World pixels" at zoom z run from 0 to 256·2^z with y growing southwards;
// "normalised" coordinates are the same at zoom 0 divided by 256 (0..1), which lets the map
// keep its centre independent of zoom.
class WebMercator final
{
public:
    WebMercator() = delete;

    static constexpr double kTileSize = 256.0;
    // Where the projected world becomes square.
    static constexpr double kMaxLatitude = 85.0511287798066;

    static double clampLatitude(double lat);
    static double worldSize(double zoom);

    static QPointF toNormalized(double lat, double lon);
    static void fromNormalized(const QPointF &normalized, double *lat, double *lon);

    static QPointF toWorld(double lat, double lon, double zoom);
    static void fromWorld(const QPointF &world, double zoom, double *lat, double *lon);

    // The tiles at integer `tileZoom` that cover `worldRect`, given in world pixels at
    // `tileZoom`.
    static TileRange tilesCovering(const QRectF &worldRect, int tileZoom);
    // The box that a rectangle of world pixels at `zoom` shows (latitudes clamped).
    static LatLonBox boxOf(const QRectF &worldRect, double zoom);
};

} // namespace dimos
