#include "SpatialIndex.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <vector>

#include <QLoggingCategory>

#include <geos_c.h>

#include "server/gis/LayerKind.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcGis, "dimos.gis")

namespace dimos {

namespace {

constexpr double kMetersPerDegree = 111'320.0;

void logGeosMessage(const char *message, void *)
{
    qCWarning(lcGis) << "GEOS:" << message;
}

} // namespace

struct SpatialIndex::Geos
{
    struct Feature
    {
        qint64 id = 0;
        QString name;
        QByteArray attributes;
        GEOSGeometry *geometry = nullptr;
        const GEOSPreparedGeometry *prepared = nullptr;
    };
    struct IndexedLayer
    {
        GisLayer info;
        LatLonBox bounds;
        GeometryFamily family = GeometryFamily::Polygonal;
        std::vector<Feature> features;
        GEOSSTRtree *tree = nullptr;
    };

    GEOSContextHandle_t ctx = GEOS_init_r();
    GEOSGeoJSONWriter *writer = nullptr;
    std::deque<IndexedLayer> layers; // by code; a deque, so the trees' items stay where they are

    Geos()
    {
        GEOSContext_setErrorMessageHandler_r(ctx, logGeosMessage, nullptr);
        writer = GEOSGeoJSONWriter_create_r(ctx);
    }
    ~Geos()
    {
        clear();
        GEOSGeoJSONWriter_destroy_r(ctx, writer);
        GEOS_finish_r(ctx);
    }
    Q_DISABLE_COPY_MOVE(Geos)

    void clear()
    {
        for (IndexedLayer &l : layers) {
            if (l.tree)
                GEOSSTRtree_destroy_r(ctx, l.tree);
            for (Feature &f : l.features) {
                GEOSPreparedGeom_destroy_r(ctx, f.prepared);
                GEOSGeom_destroy_r(ctx, f.geometry);
            }
        }
        layers.clear();
    }

    const IndexedLayer *find(const QString &code) const
    {
        for (const IndexedLayer &l : layers)
            if (l.info.code == code)
                return &l;
        return nullptr;
    }

    // Calls visit(feature) for every feature of `layer` whose box meets the query geometry's box.
    template <typename Visit> void query(const IndexedLayer &layer, const GEOSGeometry *box, Visit visit) const
    {
        if (!layer.tree)
            return;
        GEOSSTRtree_query_r(
            ctx, layer.tree, box,
            [](void *item, void *userdata) { (*static_cast<Visit *>(userdata))(*static_cast<const Feature *>(item)); },
            &visit);
    }

    QByteArray geoJson(const GEOSGeometry *g) const
    {
        char *text = GEOSGeoJSONWriter_writeGeometry_r(ctx, writer, g, -1);
        if (!text)
            return QByteArrayLiteral("null");
        QByteArray out(text);
        GEOSFree_r(ctx, text);
        return out;
    }
};

SpatialIndex::SpatialIndex() : d(std::make_unique<Geos>()) { }
SpatialIndex::~SpatialIndex() = default;

void SpatialIndex::load(const LayerRepository &repository)
{
    d->clear();
    GEOSWKBReader *reader = GEOSWKBReader_create_r(d->ctx);
    for (const GisLayer &info : repository.list()) {
        Geos::IndexedLayer &layer = d->layers.emplace_back();
        layer.info = info;
        layer.family = geometryFamily(layerKindFromString(info.kind).value_or(LayerKind::Boundary));
        bool first = true;
        repository.forEachFeature(info.id, [&](const GisFeature &f) {
            GEOSGeometry *g = GEOSWKBReader_read_r(
                d->ctx, reader, reinterpret_cast<const unsigned char *>(f.wkb.constData()), size_t(f.wkb.size()));
            if (!g) {
                qCWarning(lcGis) << "layer" << info.code << "feature" << f.id << "has unreadable WKB; skipped";
                return;
            }
            layer.features.push_back({f.id, f.name, f.attributes, g, GEOSPrepare_r(d->ctx, g)});
            LatLonBox &b = layer.bounds;
            b.minLon = first ? f.minLon : std::min(b.minLon, f.minLon);
            b.minLat = first ? f.minLat : std::min(b.minLat, f.minLat);
            b.maxLon = first ? f.maxLon : std::max(b.maxLon, f.maxLon);
            b.maxLat = first ? f.maxLat : std::max(b.maxLat, f.maxLat);
            first = false;
        });
        layer.tree = GEOSSTRtree_create_r(d->ctx, 10);
        for (Geos::Feature &f : layer.features)
            GEOSSTRtree_insert_r(d->ctx, layer.tree, f.geometry, &f);
    }
    GEOSWKBReader_destroy_r(d->ctx, reader);
}

QList<SpatialIndex::Layer> SpatialIndex::layers() const
{
    QList<Layer> out;
    for (const Geos::IndexedLayer &l : d->layers)
        out.append({l.info, l.bounds});
    return out;
}

std::optional<SpatialIndex::Layer> SpatialIndex::layer(const QString &code) const
{
    if (const Geos::IndexedLayer *l = d->find(code))
        return Layer{l->info, l->bounds};
    return std::nullopt;
}

QList<SpatialIndex::Hit> SpatialIndex::at(double lat, double lon, double toleranceMeters) const
{
    QList<Hit> out;
    if (!std::isfinite(lat) || !std::isfinite(lon) || std::fabs(lat) > 90 || std::fabs(lon) > 180)
        return out;
    const double cosLat = std::max(0.01, std::cos(lat * M_PI / 180.0));
    const double tolLat = toleranceMeters / kMetersPerDegree;
    const double tolLon = toleranceMeters / (kMetersPerDegree * cosLat); // the larger of the two
    GEOSGeometry *point = GEOSGeom_createPointFromXY_r(d->ctx, lon, lat);
    GEOSGeometry *near = GEOSGeom_createRectangle_r(d->ctx, lon - tolLon, lat - tolLat, lon + tolLon, lat + tolLat);
    for (const Geos::IndexedLayer &layer : d->layers) {
        QList<Hit> hits;
        d->query(layer, near, [&](const Geos::Feature &f) {
            double distance = 0;
            if (layer.family == GeometryFamily::Polygonal) {
                if (GEOSPreparedCovers_r(d->ctx, f.prepared, point) != 1)
                    return;
            } else {
                if (GEOSPreparedDistanceWithin_r(d->ctx, f.prepared, point, tolLon) != 1)
                    return;
                GEOSCoordSequence *nearest = GEOSPreparedNearestPoints_r(d->ctx, f.prepared, point);
                if (!nearest)
                    return;
                double x = 0, y = 0;
                GEOSCoordSeq_getXY_r(d->ctx, nearest, 0, &x, &y);
                GEOSCoordSeq_destroy_r(d->ctx, nearest);
                const double dx = (x - lon) * kMetersPerDegree * cosLat, dy = (y - lat) * kMetersPerDegree;
                distance = std::sqrt(dx * dx + dy * dy);
                if (distance > toleranceMeters)
                    return;
            }
            hits.append({layer.info, f.id, f.name, f.attributes, distance});
        });
        std::sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) {
            return a.distanceMeters != b.distanceMeters ? a.distanceMeters < b.distanceMeters
                                                        : a.featureId < b.featureId;
        });
        out.append(hits);
    }
    GEOSGeom_destroy_r(d->ctx, near);
    GEOSGeom_destroy_r(d->ctx, point);
    return out;
}

std::optional<SpatialIndex::Hit> SpatialIndex::containing(const QString &kind, double lat, double lon) const
{
    const QList<Hit> all = containingAll(kind, lat, lon);
    return all.isEmpty() ? std::nullopt : std::optional(all.first());
}

QList<SpatialIndex::Hit> SpatialIndex::containingAll(const QString &kind, double lat, double lon) const
{
    QList<Hit> out;
    if (!std::isfinite(lat) || !std::isfinite(lon))
        return out;
    GEOSGeometry *point = GEOSGeom_createPointFromXY_r(d->ctx, lon, lat);
    for (const Geos::IndexedLayer &layer : d->layers) {
        if (layer.info.kind != kind || layer.family != GeometryFamily::Polygonal)
            continue;
        std::vector<const Geos::Feature *> found;
        d->query(layer, point, [&](const Geos::Feature &f) {
            if (GEOSPreparedCovers_r(d->ctx, f.prepared, point) == 1)
                found.push_back(&f);
        });
        std::sort(found.begin(), found.end(), [](const auto *a, const auto *b) { return a->id < b->id; });
        for (const Geos::Feature *f : found)
            out.append(Hit{layer.info, f->id, f->name, f->attributes, 0});
    }
    GEOSGeom_destroy_r(d->ctx, point);
    return out;
}

QList<SpatialIndex::Hit> SpatialIndex::featuresOfKind(const QString &kind) const
{
    QList<Hit> out;
    for (const Geos::IndexedLayer &layer : d->layers)
        if (layer.info.kind == kind)
            for (const Geos::Feature &f : layer.features)
                out.append(Hit{layer.info, f.id, f.name, f.attributes, 0});
    return out;
}

double SpatialIndex::toleranceForZoom(int zoom)
{
    return 360.0 / (256.0 * std::ldexp(1.0, std::clamp(zoom, 0, 30)));
}

std::optional<QList<SpatialIndex::Shape>> SpatialIndex::features(
    const QString &code, std::optional<LatLonBox> box, std::optional<int> zoom, qsizetype limit, bool *truncated) const
{
    const Geos::IndexedLayer *layer = d->find(code);
    if (!layer)
        return std::nullopt;
    *truncated = false;
    std::vector<const Geos::Feature *> chosen;
    if (box) {
        GEOSGeometry *rect = GEOSGeom_createRectangle_r(d->ctx, box->minLon, box->minLat, box->maxLon, box->maxLat);
        d->query(*layer, rect, [&](const Geos::Feature &f) {
            if (GEOSPreparedIntersects_r(d->ctx, f.prepared, rect) == 1)
                chosen.push_back(&f);
        });
        GEOSGeom_destroy_r(d->ctx, rect);
        std::sort(chosen.begin(), chosen.end(), [](const auto *a, const auto *b) { return a->id < b->id; });
    } else {
        for (const Geos::Feature &f : layer->features)
            chosen.push_back(&f);
    }
    if (qsizetype(chosen.size()) > limit) {
        chosen.resize(size_t(limit));
        *truncated = true;
    }
    QList<Shape> out;
    out.reserve(qsizetype(chosen.size()));
    const bool simplify = zoom && layer->family != GeometryFamily::Puntal;
    const double tolerance = zoom ? toleranceForZoom(*zoom) : 0;
    for (const Geos::Feature *f : chosen) {
        Shape s{f->id, f->name, f->attributes, {}};
        if (simplify) {
            GEOSGeometry *simple = GEOSTopologyPreserveSimplify_r(d->ctx, f->geometry, tolerance);
            s.geometry = d->geoJson(simple ? simple : f->geometry);
            if (simple)
                GEOSGeom_destroy_r(d->ctx, simple);
        } else {
            s.geometry = d->geoJson(f->geometry);
        }
        out.append(std::move(s));
    }
    return out;
}

} // namespace dimos
