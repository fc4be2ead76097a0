#pragma once

#include <QByteArray>
#include <QColor>
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
    QColor color = QColor(0x2b, 0x4c, 0x7e);
    bool filled = true; // polygons get a light fill of `color`
};

// Reads the polygons and lines of a GeoJSON geometry, Feature or FeatureCollection (points
// are ignored). On failure returns nothing and sets *error.
std::optional<VectorLayer> vectorLayerFromGeoJson(const QByteArray &json, QString *error);

} // namespace dimos
