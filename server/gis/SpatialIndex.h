#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

#include "server/storage/LayerRepository.h"
#include "shared/geo/Boundary.h"

namespace dimos {

// The GIS layers in memory for the questions maps and subscriptions ask: per layer a GEOS
// STRtree over its features' boxes and a prepared geometry per feature (GEOS C API, its
// reentrant _r functions, one context owned here). Built from the repository by load(); the
// whole index is replaced then, so nothing here changes between loads.
//
// One thread at a time (GEOS builds a tree on its first query).
class SpatialIndex final
{
public:
    SpatialIndex();
    ~SpatialIndex();
    Q_DISABLE_COPY_MOVE(SpatialIndex)

    void load(const LayerRepository &repository);

    struct Layer
    {
        GisLayer info;
        LatLonBox bounds;
    };
    QList<Layer> layers() const; // by code
    std::optional<Layer> layer(const QString &code) const;

    struct Hit
    {
        GisLayer layer;
        qint64 featureId = 0;
        QString name;
        QByteArray attributes; // JSON object
        double distanceMeters = 0; // 0 for an area that holds the point
    };
    // "What is here": across every layer, the areas that hold the point (on their edge too) and
    // the lines and points within toleranceMeters of it (nearest first), by layer code.
    QList<Hit> at(double lat, double lon, double toleranceMeters) const;
    // The first feature (by layer code, then import order) of a layer of `kind` that holds the point.
    std::optional<Hit> containing(const QString &kind, double lat, double lon) const;
    // Every feature of the layers of `kind` that holds the point, by layer code and import order.
    QList<Hit> containingAll(const QString &kind, double lat, double lon) const;
    // Every feature of the layers of `kind` (no geometry), by layer code and import order.
    QList<Hit> featuresOfKind(const QString &kind) const;

    struct Shape
    {
        qint64 featureId = 0;
        QString name;
        QByteArray attributes; // JSON object
        QByteArray geometry; // GeoJSON geometry, lon/lat
    };
    // Features of the layer that meet `box` (all without one), at most `limit` (*truncated tells
    // whether there were more), with lines and polygons simplified for the map zoom
    // (GEOSTopologyPreserveSimplify, a tolerance of about a screen pixel) when a zoom is given.
    // Nothing when there is no such layer.
    std::optional<QList<Shape>> features(const QString &code, std::optional<LatLonBox> box, std::optional<int> zoom,
        qsizetype limit, bool *truncated) const;

    // Degrees of longitude per 256-pixel-tile pixel at a web-map zoom: the simplification tolerance.
    static double toleranceForZoom(int zoom);

private:
    struct Geos;
    std::unique_ptr<Geos> d;
};

} // namespace dimos
