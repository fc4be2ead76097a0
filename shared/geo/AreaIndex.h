#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

#include "shared/geo/Boundary.h"

namespace dimos {

// A set of areas (districts, departments' patches: GeoJSON Polygons and MultiPolygons, each
// with an id) that answers "which areas hold this point" quickly, for routing reports by
// where they are. The areas' bounding boxes sit in a GEOS STRtree and each area is a GEOS
// prepared geometry, so a question costs a tree walk plus a point-in-polygon test against
// the few areas whose box holds the point.
//
// An area holds a point on its boundary too (GEOS "covers"): a report exactly on the line
// between two districts goes to both rather than to none; a point on the edge of a hole is
// on the area's boundary and so held. Areas may overlap; the answer lists every area that
// holds the point, in the order of the input.
//
// The index owns one GEOS context and is read from one thread at a time.
class AreaIndex final
{
public:
    ~AreaIndex();
    AreaIndex(AreaIndex &&) noexcept;
    AreaIndex &operator=(AreaIndex &&) noexcept;

    // Reads a GeoJSON FeatureCollection (or one Feature) whose features are Polygons or
    // MultiPolygons (lon/lat), each with a unique id: the feature's "id" member, else its
    // properties' "id" (a string or a number). Anything else — invalid JSON, another
    // geometry type, a missing or repeated id, a self-intersecting or unclosed ring, an empty
    // collection — rejects the whole input: returns nothing and sets *error to what was
    // wrong, naming the feature.
    static std::optional<AreaIndex> fromGeoJson(const QByteArray &json, QString *error);

    qsizetype size() const;
    QString id(qsizetype area) const;
    LatLonBox bounds(qsizetype area) const;

    // The areas (their positions in the input, ascending) that hold the point.
    QList<qsizetype> areasAt(double lat, double lon) const;
    // The same into *out (cleared first), so that a loop over many points reuses one list;
    // returns how many.
    qsizetype areasAt(double lat, double lon, QList<qsizetype> *out) const;
    QStringList idsAt(double lat, double lon) const;

private:
    AreaIndex();
    struct Geos;
    std::unique_ptr<Geos> d;
};

} // namespace dimos
