#pragma once

#include <QByteArray>
#include <QColor>
#include <QJsonObject>
#include <QList>
#include <QPolygonF>
#include <QString>

#include <optional>

namespace dimos {

// Shapes the map draws under the markers: the municipal boundary, districts, the server's
// other layers. Coordinates are x = longitude, y = latitude (GeoJSON's order).
struct VectorLayer
{
    QString name;
    QList<QPolygonF> polygons; // rings; holes are rings too (drawn even-odd)
    QList<QPolygonF> lines; // open polylines
    QList<QPointF> points; // drawn as circles of `radius` pixels
    QColor color = QColor(0x2b, 0x4c, 0x7e);
    bool filled = true; // polygons get a light fill of `color`
    double weight = 0; // outline width in pixels; 0: the map's default
    double fillOpacity = -1; // 0–1; below 0: the map's default
    double radius = 5; // points
    int featureCount = 0; // the GeoJSON features read (layerFeaturesFromGeoJson)
};

// Reads the polygons and lines of a GeoJSON geometry, Feature or FeatureCollection (points
// are ignored). On failure returns nothing and sets *error.
std::optional<VectorLayer> vectorLayerFromGeoJson(const QByteArray &json, QString *error);

// Reads a GIS layer's features (GET /api/v1/layers/{code}/features.geojson): polygons, lines
// and points, counting the features; an empty collection is a layer with nothing in view.
std::optional<VectorLayer> layerFeaturesFromGeoJson(const QByteArray &json, QString *error);

// Applies a layer's style (Leaflet path options, as GET /api/v1/layers gives them: color,
// weight, fill, fillOpacity, radius) to `layer`.
void applyLayerStyle(VectorLayer &layer, const QJsonObject &style);

} // namespace dimos
