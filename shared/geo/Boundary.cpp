#include "Boundary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <geos_c.h>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace dimos {

// GEOS objects are owned by one context handle; a Boundary is used from one thread at a time.
struct Boundary::Geos
{
    GEOSContextHandle_t ctx = GEOS_init_r();
    GEOSGeometry *geometry = nullptr;
    const GEOSPreparedGeometry *prepared = nullptr;

    ~Geos()
    {
        if (prepared)
            GEOSPreparedGeom_destroy_r(ctx, prepared);
        if (geometry)
            GEOSGeom_destroy_r(ctx, geometry);
        GEOS_finish_r(ctx);
    }
};

namespace {

// True when `v` is an array nested `depth` levels deep whose leaves are positions of two or
// three finite numbers. GEOS 3.11's GeoJSON reader reads positions without checking them (a
// position "[]" makes it read through a null pointer), so their shape is checked here first.
bool wellFormedPositions(const QJsonValue &v, int depth)
{
    if (!v.isArray())
        return false;
    const QJsonArray a = v.toArray();
    if (depth == 0)
        return (a.size() == 2 || a.size() == 3) && std::all_of(a.begin(), a.end(), [](const QJsonValue &n) {
            return n.isDouble() && std::isfinite(n.toDouble());
        });
    return std::all_of(a.begin(), a.end(), [&](const QJsonValue &x) { return wellFormedPositions(x, depth - 1); });
}

} // namespace

Boundary::Boundary() : d(std::make_unique<Geos>()) { }
Boundary::~Boundary() = default;
Boundary::Boundary(Boundary &&) noexcept = default;
Boundary &Boundary::operator=(Boundary &&) noexcept = default;

std::optional<Boundary> Boundary::fromGeoJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = u"not valid JSON at offset %1: %2"_s.arg(parseError.offset).arg(parseError.errorString());
        return std::nullopt;
    }
    // Collect the polygon geometries ourselves so that a FeatureCollection, a Feature and a
    // bare geometry are all accepted and anything else is named in the error.
    QJsonArray geometries;
    const QJsonObject root = doc.object();
    const QString type = root.value(u"type"_s).toString();
    auto takeGeometry = [&](const QJsonObject &g) {
        const QString gt = g.value(u"type"_s).toString();
        if (gt == u"Polygon" || gt == u"MultiPolygon")
            geometries.append(g);
    };
    if (type == u"FeatureCollection") {
        for (const QJsonValue &f : root.value(u"features"_s).toArray())
            takeGeometry(f.toObject().value(u"geometry"_s).toObject());
    } else if (type == u"Feature") {
        takeGeometry(root.value(u"geometry"_s).toObject());
    } else {
        takeGeometry(root);
    }
    if (geometries.isEmpty()) {
        *error = u"no Polygon or MultiPolygon geometry found (GeoJSON type \"%1\")"_s.arg(type);
        return std::nullopt;
    }

    Boundary b;
    GEOSContextHandle_t ctx = b.d->ctx;
    GEOSGeoJSONReader *reader = GEOSGeoJSONReader_create_r(ctx);
    std::vector<GEOSGeometry *> parts;
    for (const QJsonValue &g : geometries) {
        const QJsonValue coordinates = g.toObject().value(u"coordinates"_s);
        const int depth = g.toObject().value(u"type"_s).toString() == u"Polygon" ? 2 : 3;
        if (coordinates.isArray() && !wellFormedPositions(coordinates, depth)) {
            for (auto *p : parts)
                GEOSGeom_destroy_r(ctx, p);
            GEOSGeoJSONReader_destroy_r(ctx, reader);
            *error = u"a boundary polygon is not a valid geometry: every position must be [longitude, latitude] "
                     u"in numbers, in rings of positions"_s;
            return std::nullopt;
        }
        const QByteArray text = QJsonDocument(g.toObject()).toJson(QJsonDocument::Compact);
        GEOSGeometry *geom = GEOSGeoJSONReader_readGeometry_r(ctx, reader, text.constData());
        if (!geom || !GEOSisValid_r(ctx, geom)) {
            if (geom)
                GEOSGeom_destroy_r(ctx, geom);
            for (auto *p : parts)
                GEOSGeom_destroy_r(ctx, p);
            GEOSGeoJSONReader_destroy_r(ctx, reader);
            *error = u"a boundary polygon is not a valid geometry (self-intersecting or unclosed ring)"_s;
            return std::nullopt;
        }
        parts.push_back(geom);
    }
    GEOSGeoJSONReader_destroy_r(ctx, reader);

    GEOSGeometry *collection
        = GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size()));
    b.d->geometry = GEOSUnaryUnion_r(ctx, collection);
    GEOSGeom_destroy_r(ctx, collection);
    if (!b.d->geometry) {
        *error = u"the boundary polygons could not be merged"_s;
        return std::nullopt;
    }
    // An empty polygon is valid to GEOS but would put every report outside the municipality.
    if (GEOSisEmpty_r(ctx, b.d->geometry) != 0) {
        *error = u"the boundary polygons are empty (no coordinates)"_s;
        return std::nullopt;
    }
    b.d->prepared = GEOSPrepare_r(ctx, b.d->geometry);
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
    GEOSGeom_getXMin_r(ctx, b.d->geometry, &minX);
    GEOSGeom_getYMin_r(ctx, b.d->geometry, &minY);
    GEOSGeom_getXMax_r(ctx, b.d->geometry, &maxX);
    GEOSGeom_getYMax_r(ctx, b.d->geometry, &maxY);
    b.m_bounds = {minY, minX, maxY, maxX};
    return b;
}

bool Boundary::contains(double lat, double lon) const
{
    GEOSGeometry *point = GEOSGeom_createPointFromXY_r(d->ctx, lon, lat);
    const char result = GEOSPreparedContains_r(d->ctx, d->prepared, point);
    GEOSGeom_destroy_r(d->ctx, point);
    return result == 1;
}

std::pair<double, double> Boundary::interiorPoint() const
{
    GEOSGeometry *p = GEOSPointOnSurface_r(d->ctx, d->geometry);
    double x = 0, y = 0;
    GEOSGeomGetX_r(d->ctx, p, &x);
    GEOSGeomGetY_r(d->ctx, p, &y);
    GEOSGeom_destroy_r(d->ctx, p);
    return {y, x};
}

} // namespace dimos
