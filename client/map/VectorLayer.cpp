#include "client/map/VectorLayer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

bool readPositions(const QJsonArray &positions, QPolygonF *out)
{
    out->reserve(positions.size());
    for (const QJsonValue &position : positions) {
        const QJsonArray pair = position.toArray();
        if (pair.size() < 2 || !pair.at(0).isDouble() || !pair.at(1).isDouble())
            return false;
        out->append(QPointF(pair.at(0).toDouble(), pair.at(1).toDouble()));
    }
    return true;
}

bool readGeometry(const QJsonObject &geometry, VectorLayer *layer, QString *error)
{
    const QString type = geometry.value(u"type"_s).toString();
    const QJsonArray coordinates = geometry.value(u"coordinates"_s).toArray();
    const auto addRings = [&](const QJsonArray &rings, QList<QPolygonF> *into) {
        for (const QJsonValue &ring : rings) {
            QPolygonF polygon;
            if (!readPositions(ring.toArray(), &polygon)) {
                *error = u"a %1 has a position that is not a pair of numbers"_s.arg(type);
                return false;
            }
            if (polygon.size() >= 2)
                into->append(polygon);
        }
        return true;
    };
    if (type == u"Polygon")
        return addRings(coordinates, &layer->polygons);
    if (type == u"MultiPolygon") {
        for (const QJsonValue &polygon : coordinates)
            if (!addRings(polygon.toArray(), &layer->polygons))
                return false;
        return true;
    }
    if (type == u"LineString")
        return addRings(QJsonArray{coordinates}, &layer->lines);
    if (type == u"MultiLineString")
        return addRings(coordinates, &layer->lines);
    if (type == u"GeometryCollection") {
        for (const QJsonValue &part : geometry.value(u"geometries"_s).toArray())
            if (!readGeometry(part.toObject(), layer, error))
                return false;
        return true;
    }
    if (type == u"Point") {
        const QJsonArray pair = coordinates;
        if (pair.size() >= 2 && pair.at(0).isDouble() && pair.at(1).isDouble())
            layer->points.append(QPointF(pair.at(0).toDouble(), pair.at(1).toDouble()));
        return true;
    }
    if (type == u"MultiPoint") {
        QPolygonF points;
        if (readPositions(coordinates, &points))
            layer->points.append(points.begin(), points.end());
        return true;
    }
    *error = u"unknown GeoJSON geometry type \"%1\""_s.arg(type);
    return false;
}

bool readObject(const QJsonObject &object, VectorLayer *layer, QString *error)
{
    const QString type = object.value(u"type"_s).toString();
    if (type == u"FeatureCollection") {
        for (const QJsonValue &feature : object.value(u"features"_s).toArray())
            if (!readObject(feature.toObject(), layer, error))
                return false;
        return true;
    }
    if (type == u"Feature") {
        ++layer->featureCount;
        const QJsonValue geometry = object.value(u"geometry"_s);
        return geometry.isNull() || readGeometry(geometry.toObject(), layer, error);
    }
    return readGeometry(object, layer, error);
}

} // namespace

std::optional<VectorLayer> vectorLayerFromGeoJson(const QByteArray &json, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject()) {
        message = parseError.error != QJsonParseError::NoError
            ? u"not JSON: %1 at offset %2"_s.arg(parseError.errorString()).arg(parseError.offset)
            : u"a GeoJSON document must be an object"_s;
        return std::nullopt;
    }
    VectorLayer layer;
    if (!readObject(document.object(), &layer, &message))
        return std::nullopt;
    if (layer.polygons.isEmpty() && layer.lines.isEmpty()) {
        message = u"the GeoJSON holds no polygons or lines"_s;
        return std::nullopt;
    }
    layer.points.clear(); // the boundary and districts are areas
    return layer;
}

std::optional<VectorLayer> layerFeaturesFromGeoJson(const QByteArray &json, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject()) {
        message = parseError.error != QJsonParseError::NoError
            ? u"not JSON: %1 at offset %2"_s.arg(parseError.errorString()).arg(parseError.offset)
            : u"a GeoJSON document must be an object"_s;
        return std::nullopt;
    }
    VectorLayer layer;
    if (!readObject(document.object(), &layer, &message))
        return std::nullopt;
    return layer;
}

void applyLayerStyle(VectorLayer &layer, const QJsonObject &style)
{
    const QColor color = QColor::fromString(style.value(u"color"_s).toString());
    if (color.isValid())
        layer.color = color;
    if (style.contains(u"fill"_s))
        layer.filled = style.value(u"fill"_s).toBool(true);
    if (style.value(u"weight"_s).isDouble())
        layer.weight = std::clamp(style.value(u"weight"_s).toDouble(), 0.5, 12.0);
    if (style.value(u"fillOpacity"_s).isDouble())
        layer.fillOpacity = std::clamp(style.value(u"fillOpacity"_s).toDouble(), 0.0, 1.0);
    if (style.value(u"radius"_s).isDouble())
        layer.radius = std::clamp(style.value(u"radius"_s).toDouble(), 2.0, 20.0);
}

} // namespace dimos
