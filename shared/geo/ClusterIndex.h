#pragma once

#include <QList>

#include <memory>

#include "shared/geo/Boundary.h"

namespace dimos {

// A point on the map: a report's id and position (WGS84 degrees).
struct GeoPoint
{
    qint64 id = 0;
    double lat = 0;
    double lon = 0;
};

// What the map draws at one zoom level: a single point (count == 1, pointId set) or a
// cluster of `count` points around (lat, lon).
struct Cluster
{
    double lat = 0;
    double lon = 0;
    int count = 0;
    qint64 pointId = 0; // count == 1: the point's id
    // count > 1: the grid cell at this zoom, kx | ky << 32 (see ClusterIndex); 0 for a single
    quint64 clusterKey = 0;
};

// Hierarchical point clustering per zoom level (Web Mercator zoom 0..maxZoom, 256-px tiles),
// for the desktop map and the web map. Built once, then kept current with upsert/remove as
// reports arrive; queries return what is visible in a box at a zoom, in time that depends on
// what is visible, not on how many points there are.
//
// The clustering rule is a grid, so that an update only touches the cells that hold the
// point and a fresh build gives exactly what a stream of updates gives:
// - A position is projected to Web Mercator x = (lon + 180) / 360,
//   y = 1/2 - ln((1 + sin φ) / (1 - sin φ)) / 4π (lat clamped to ±85.0511°), and quantised to
//   qx = floor(x · 2^32), qy = floor(y · 2^32), clamped to 0..2^32-1 (about 9 mm).
// - At zoom z the cells are radiusPx pixels wide: with K = ldexp(256.0 / radiusPx, z),
//   kx = floor(qx / 2^32 · K), ky likewise. The cells of zoom z + 1 nest exactly in those of z.
// - The points of one cell form one item: a single point (at its own lat/lon) or a cluster
//   at the mean of its members' qx, qy, projected back to lat/lon. So a cluster never
//   gathers points more than radiusPx·√2 pixels apart, and its position lies in its cell;
//   two items in neighbouring cells can be closer than radiusPx.
// - An item is returned when its position (lat, lon) lies in the box, edges included. Box
//   longitudes outside ±180 are wrapped; minLon > maxLon means the box crosses the
//   antimeridian; a box 360° or wider covers every longitude. Cells do not wrap across the
//   antimeridian.
// Memory is one record per point plus at most one node per branching cell (a compressed
// quadtree over the maxZoom cells with counts and coordinate sums in each node), not one
// entry per point per zoom.
class ClusterIndex final
{
public:
    // radiusPx is clamped to 1..4096, maxZoom to 0..24.
    explicit ClusterIndex(int radiusPx = 60, int maxZoom = 17);
    ~ClusterIndex();
    ClusterIndex(ClusterIndex &&) noexcept;
    ClusterIndex &operator=(ClusterIndex &&) noexcept;

    void build(const QList<GeoPoint> &points); // replaces the content; a repeated id: the last wins
    void upsert(const GeoPoint &point); // adds, or moves a point with this id
    bool remove(qint64 id);
    void clear();
    qsizetype size() const;
    bool contains(qint64 id) const;

    // Clusters and single points inside `box` at integer `zoom` (clamped to 0..maxZoom+1;
    // above maxZoom every point is single).
    QList<Cluster> query(const LatLonBox &box, int zoom) const;
    // The ids of the points a cluster from query(…, zoom) stands for, as the index is now
    // (a cluster is its cell, so after updates it names the cell's current points).
    QList<qint64> pointsIn(const Cluster &cluster, int zoom) const;
    // The ids of the points inside a box (rectangle selection), same box rule as query().
    QList<qint64> pointsInBox(const LatLonBox &box) const;
    // The smallest zoom at which this cluster falls apart (for "click a cluster to zoom in"):
    // maxZoom + 1 when its points share one maxZoom cell; `zoom` for a single point.
    int expansionZoom(const Cluster &cluster, int zoom) const;

    int maxZoom() const;
    int radiusPx() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace dimos
