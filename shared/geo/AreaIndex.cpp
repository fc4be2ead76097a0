#include "shared/geo/AreaIndex.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <geos_c.h>

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

void keepGeosMessage(const char *message, void *userdata)
{
    *static_cast<QString *>(userdata) = QString::fromUtf8(message);
}

// The id of a feature: its "id" member, else properties.id; a string or a number.
QString featureId(const QJsonObject &feature)
{
    QJsonValue id = feature.value(u"id"_s);
    if (id.isUndefined() || id.isNull())
        id = feature.value(u"properties"_s).toObject().value(u"id"_s);
    if (id.isString())
        return id.toString();
    if (id.isDouble()) {
        const double v = id.toDouble();
        return v == std::floor(v) && std::abs(v) < 9e15 ? QString::number(qint64(v)) : QString::number(v, 'g', 17);
    }
    return QString();
}

} // namespace

struct AreaIndex::Geos
{
    GEOSContextHandle_t ctx = GEOS_init_r();
    QString lastMessage; // the last error GEOS reported
    std::vector<GEOSGeometry *> geometries;
    std::vector<const GEOSPreparedGeometry *> prepared;
    // The tree's items point at these (stable after loading).
    std::vector<qsizetype> slots;
    GEOSSTRtree *tree = nullptr;
    QStringList ids;
    QList<LatLonBox> bounds;

    Geos() { GEOSContext_setErrorMessageHandler_r(ctx, keepGeosMessage, &lastMessage); }

    ~Geos()
    {
        if (tree)
            GEOSSTRtree_destroy_r(ctx, tree);
        for (const GEOSPreparedGeometry *p : prepared)
            GEOSPreparedGeom_destroy_r(ctx, p);
        for (GEOSGeometry *g : geometries)
            GEOSGeom_destroy_r(ctx, g);
        GEOS_finish_r(ctx);
    }
};

AreaIndex::AreaIndex() : d(std::make_unique<Geos>()) { }
AreaIndex::~AreaIndex() = default;
AreaIndex::AreaIndex(AreaIndex &&) noexcept = default;
AreaIndex &AreaIndex::operator=(AreaIndex &&) noexcept = default;

std::optional<AreaIndex> AreaIndex::fromGeoJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error
            = u"the areas are not valid JSON (at offset %1: %2)"_s.arg(parseError.offset).arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    const QString type = root.value(u"type"_s).toString();
    QJsonArray features;
    if (type == u"FeatureCollection")
        features = root.value(u"features"_s).toArray();
    else if (type == u"Feature")
        features.append(root);
    else {
        *error = u"the areas must be a GeoJSON FeatureCollection or Feature with an id per feature, not \"%1\""_s.arg(
            type.isEmpty() ? u"(no type)"_s : type);
        return std::nullopt;
    }
    if (features.isEmpty()) {
        *error = u"the FeatureCollection holds no areas"_s;
        return std::nullopt;
    }

    AreaIndex index;
    Geos &g = *index.d;
    GEOSGeoJSONReader *reader = GEOSGeoJSONReader_create_r(g.ctx);
    QSet<QString> seen;
    const auto fail = [&](qsizetype i, const QString &id, const QString &what) {
        const QString name = id.isEmpty() ? u"feature %1"_s.arg(i + 1) : u"feature %1 (id \"%2\")"_s.arg(i + 1).arg(id);
        *error = name + u": "_s + what;
        GEOSGeoJSONReader_destroy_r(g.ctx, reader);
        return std::nullopt;
    };
    for (qsizetype i = 0; i < features.size(); ++i) {
        const QJsonObject feature = features.at(i).toObject();
        if (feature.value(u"type"_s).toString() != u"Feature")
            return fail(i, QString(), u"not a GeoJSON Feature"_s);
        const QString id = featureId(feature);
        if (id.isEmpty())
            return fail(i, id, u"has no id; give each feature an \"id\" (or properties.id), a string or a number"_s);
        if (seen.contains(id))
            return fail(i, id, u"repeats an id used by an earlier feature; area ids must be unique"_s);
        seen.insert(id);
        const QJsonObject geometry = feature.value(u"geometry"_s).toObject();
        const QString gt = geometry.value(u"type"_s).toString();
        if (gt != u"Polygon" && gt != u"MultiPolygon") {
            return fail(i, id,
                u"has geometry type \"%1\"; an area must be a Polygon or a MultiPolygon"_s.arg(
                    gt.isEmpty() ? u"(none)"_s : gt));
        }
        const QByteArray text = QJsonDocument(geometry).toJson(QJsonDocument::Compact);
        g.lastMessage.clear();
        GEOSGeometry *geom = GEOSGeoJSONReader_readGeometry_r(g.ctx, reader, text.constData());
        if (!geom)
            return fail(i, id, u"the geometry cannot be read (%1)"_s.arg(g.lastMessage));
        g.geometries.push_back(geom); // owned from here on, also on failure
        if (GEOSisEmpty_r(g.ctx, geom))
            return fail(i, id, u"the geometry is empty"_s);
        if (GEOSisValid_r(g.ctx, geom) != 1) {
            char *reason = GEOSisValidReason_r(g.ctx, geom);
            const QString why = reason ? QString::fromUtf8(reason) : g.lastMessage;
            if (reason)
                GEOSFree_r(g.ctx, reason);
            return fail(i, id,
                u"the geometry is not valid (%1); rings must be closed, must not cross themselves or each other, "
                u"and holes must lie inside their shell"_s.arg(why));
        }
        LatLonBox box;
        GEOSGeom_getXMin_r(g.ctx, geom, &box.minLon);
        GEOSGeom_getXMax_r(g.ctx, geom, &box.maxLon);
        GEOSGeom_getYMin_r(g.ctx, geom, &box.minLat);
        GEOSGeom_getYMax_r(g.ctx, geom, &box.maxLat);
        g.ids.append(id);
        g.bounds.append(box);
    }
    GEOSGeoJSONReader_destroy_r(g.ctx, reader);

    g.slots.resize(g.geometries.size());
    g.tree = GEOSSTRtree_create_r(g.ctx, 10);
    for (size_t i = 0; i < g.geometries.size(); ++i) {
        g.slots[i] = static_cast<qsizetype>(i);
        g.prepared.push_back(GEOSPrepare_r(g.ctx, g.geometries[i]));
        GEOSSTRtree_insert_r(g.ctx, g.tree, g.geometries[i], &g.slots[i]);
    }
    return index;
}

qsizetype AreaIndex::size() const
{
    return d->ids.size();
}

QString AreaIndex::id(qsizetype area) const
{
    return d->ids.value(area);
}

LatLonBox AreaIndex::bounds(qsizetype area) const
{
    return d->bounds.value(area);
}

QList<qsizetype> AreaIndex::areasAt(double lat, double lon) const
{
    QList<qsizetype> out;
    areasAt(lat, lon, &out);
    return out;
}

qsizetype AreaIndex::areasAt(double lat, double lon, QList<qsizetype> *out) const
{
    out->clear();
    if (!std::isfinite(lat) || !std::isfinite(lon) || !d->tree)
        return 0;
    GEOSGeometry *point = GEOSGeom_createPointFromXY_r(d->ctx, lon, lat);
    if (!point)
        return 0;
    struct Query
    {
        const Geos *g;
        const GEOSGeometry *point;
        QList<qsizetype> *out;
    } query{d.get(), point, out};
    GEOSSTRtree_query_r(
        d->ctx, d->tree, point,
        [](void *item, void *userdata) {
            auto *q = static_cast<Query *>(userdata);
            const qsizetype area = *static_cast<const qsizetype *>(item);
            if (GEOSPreparedCovers_r(q->g->ctx, q->g->prepared[static_cast<size_t>(area)], q->point) == 1)
                q->out->append(area);
        },
        &query);
    GEOSGeom_destroy_r(d->ctx, point);
    std::sort(out->begin(), out->end());
    return out->size();
}

QStringList AreaIndex::idsAt(double lat, double lon) const
{
    QStringList out;
    for (qsizetype area : areasAt(lat, lon))
        out.append(d->ids.at(area));
    return out;
}

} // namespace dimos
