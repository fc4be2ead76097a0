#pragma once

#include <QList>

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
    quint64 clusterKey = 0; // count > 1: identifies the cluster at this zoom (for pointsIn)
};

// Hierarchical point clustering per zoom level (Web Mercator zoom 0..maxZoom, 256-px tiles),
// for the desktop map and the web map. Built once, then kept current with upsert/remove as
// reports arrive; queries return what is visible in a box at a zoom, in time that depends on
// what is visible, not on how many points there are.
class ClusterIndex final
{
public:
    explicit ClusterIndex(int radiusPx = 60, int maxZoom = 17);
    ~ClusterIndex();
    ClusterIndex(ClusterIndex &&) noexcept;
    ClusterIndex &operator=(ClusterIndex &&) noexcept;

    void build(const QList<GeoPoint> &points); // replaces the content
    void upsert(const GeoPoint &point); // adds, or moves a point with this id
    bool remove(qint64 id);
    void clear();
    qsizetype size() const;
    bool contains(qint64 id) const;

    // Clusters and single points inside `box` at integer `zoom` (clamped to 0..maxZoom+1;
    // above maxZoom every point is single).
    QList<Cluster> query(const LatLonBox &box, int zoom) const;
    // The ids of the points a cluster from query(…, zoom) stands for.
    QList<qint64> pointsIn(const Cluster &cluster, int zoom) const;
    // The ids of the points inside a box (rectangle selection).
    QList<qint64> pointsInBox(const LatLonBox &box) const;
    // The smallest zoom at which this cluster falls apart (for "click a cluster to zoom in").
    int expansionZoom(const Cluster &cluster, int zoom) const;

    int maxZoom() const;
    int radiusPx() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace dimos
