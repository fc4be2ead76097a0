#pragma once

#include <QList>

#include <memory>

#include "shared/geo/Boundary.h"
#include "shared/geo/ClusterIndex.h"

namespace dimos {

// Hierarchical point clustering with the greedy radius rule that the JavaScript library
// supercluster made common (written here from the description of the rule, not from its
// code), so that a web map fed from the server shows the clusters web users expect, with the
// same options meaning the same thing. The desktop map uses the grid ClusterIndex instead,
// which updates incrementally; see docs/ARCHITECTURE.md for which is used where.
//
// The rule:
// - A point is projected to Web Mercator in [0,1]²: x = lon / 360 + 1/2,
//   y = 1/2 - ln((1 + sin φ) / (1 - sin φ)) / 4π, y clamped to [0,1] (the poles clamp).
// - The items of zoom maxZoom + 1 are the points, in input order. For each zoom z from
//   maxZoom down to minZoom, the items of z are made from those of z + 1: every item not yet
//   taken, in order, takes the untaken items within r = radius / (extent · 2^z) of it
//   (distance ≤ r in projected units, decided in doubles; a grid of cells at least r wide
//   answers the question); if they hold at
//   least minPoints points together (and it took at least one) they become one cluster at
//   the centroid of their positions weighted by their point counts; otherwise the item and
//   what it took stay as they are. The items of z keep that order: each seed's result,
//   followed by what it took when no cluster formed.
// - So every cluster's members at z + 1 lie within r of its seed, the counts at every zoom
//   add up to the number of points, and each point is in exactly one item per zoom.
// - query() returns the items of a zoom whose position lies in the box, edges included.
//   Box longitudes outside ±180 are wrapped; minLon > maxLon means the box crosses the
//   antimeridian; a box 360° or wider covers every longitude. Zooms are clamped to
//   minZoom..maxZoom + 1; at maxZoom + 1 every point is on its own.
//
// A cluster is named by Cluster::clusterKey: the zoom it was formed at and its place in that
// zoom's items, valid until the next rebuild. A single point has count 1 and pointId set.
//
// The index is static: build() makes every zoom at once. upsert() and remove() only record
// the change and mark the index dirty; the next call that reads it (query, children, …)
// rebuilds everything, so a burst of updates costs one rebuild. Because reads may rebuild,
// an index must not be read from two threads at once.
class RadiusClusterIndex final
{
public:
    // The options of supercluster, with the same defaults and meaning.
    struct Options
    {
        int radius = 40; // cluster radius in pixels of a tile of `extent` pixels
        int extent = 512; // tile size in pixels the radius refers to
        int minZoom = 0;
        int maxZoom = 16;
        int minPoints = 2; // the fewest points that form a cluster
        int nodeSize = 64; // supercluster's KD-tree leaf size: accepted, but the grid has no use for it
    };

    RadiusClusterIndex();
    // Values are clamped: radius and extent to 1..65536, zooms to 0..24 (minZoom ≤ maxZoom),
    // minPoints to 2..2^30, nodeSize to 2..4096.
    explicit RadiusClusterIndex(const Options &options);
    ~RadiusClusterIndex();
    RadiusClusterIndex(RadiusClusterIndex &&) noexcept;
    RadiusClusterIndex &operator=(RadiusClusterIndex &&) noexcept;

    void build(const QList<GeoPoint> &points); // replaces the content; a repeated id: the last wins
    void upsert(const GeoPoint &point); // adds or moves a point; rebuilt on the next read
    bool remove(qint64 id); // rebuilt on the next read
    void clear();
    qsizetype size() const;
    bool contains(qint64 id) const;

    QList<Cluster> query(const LatLonBox &box, int zoom) const;
    // The items one zoom above the cluster's own zoom that it was made of (single points and
    // clusters); empty for a single point or a key that does not name a cluster.
    QList<Cluster> children(const Cluster &cluster) const;
    // The ids of every point in the cluster (its own id for a single point).
    QList<qint64> leaves(const Cluster &cluster) const;
    // The zoom at which the cluster falls apart into its children (for "click a cluster to
    // zoom in"); -1 for a single point or a key that does not name a cluster.
    int expansionZoom(const Cluster &cluster) const;
    // How many items (clusters and single points) the whole world holds at a zoom.
    qsizetype itemCount(int zoom) const;

    Options options() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace dimos
