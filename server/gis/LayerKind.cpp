#include "LayerKind.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

struct KindInfo
{
    LayerKind kind;
    const char16_t *name;
    GeometryFamily family;
    const char *style;
};

// Styles are Leaflet path options, which the desktop map reads too.
constexpr KindInfo kKinds[] = {
    {LayerKind::Boundary, u"boundary", GeometryFamily::Polygonal, R"({"color":"#1f4e79","weight":3,"fill":false})"},
    {LayerKind::MunicipalUnits, u"municipal_units", GeometryFamily::Polygonal,
        R"({"color":"#6a3d9a","weight":2,"fillOpacity":0.05})"},
    {LayerKind::SchoolDistricts, u"school_districts", GeometryFamily::Polygonal,
        R"({"color":"#b15928","weight":2,"fillOpacity":0.08})"},
    {LayerKind::Networks, u"networks", GeometryFamily::Linear, R"({"color":"#1f78b4","weight":3})"},
    {LayerKind::PlanningZones, u"planning_zones", GeometryFamily::Polygonal,
        R"({"color":"#33a02c","weight":1,"fillOpacity":0.15})"},
    {LayerKind::Poi, u"poi", GeometryFamily::Puntal, R"({"color":"#e31a1c","radius":6})"},
};

const KindInfo &info(LayerKind kind)
{
    for (const KindInfo &k : kKinds)
        if (k.kind == kind)
            return k;
    return kKinds[0];
}

} // namespace

std::optional<LayerKind> layerKindFromString(QStringView text)
{
    for (const KindInfo &k : kKinds)
        if (text == QStringView(k.name))
            return k.kind;
    return std::nullopt;
}

QString layerKindName(LayerKind kind)
{
    return QString::fromUtf16(info(kind).name);
}

QStringList layerKindNames()
{
    QStringList out;
    for (const KindInfo &k : kKinds)
        out.append(QString::fromUtf16(k.name));
    return out;
}

GeometryFamily geometryFamily(LayerKind kind)
{
    return info(kind).family;
}

QString geometryFamilyWords(GeometryFamily family)
{
    switch (family) {
    case GeometryFamily::Polygonal:
        return u"polygons (Polygon or MultiPolygon)"_s;
    case GeometryFamily::Linear:
        return u"lines (LineString or MultiLineString)"_s;
    case GeometryFamily::Puntal:
        return u"points (Point or MultiPoint)"_s;
    }
    return {};
}

QByteArray defaultLayerStyle(LayerKind kind)
{
    return QByteArray(info(kind).style);
}

} // namespace dimos
