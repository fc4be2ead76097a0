#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace dimos {

// What a GIS layer holds, which decides the geometry its features must have and how maps draw it
// by default.
enum class LayerKind { Boundary, MunicipalUnits, SchoolDistricts, Networks, PlanningZones, Poi };

// Polygons (areas: answer "which one holds this point"), lines (networks) or points (POI).
enum class GeometryFamily { Polygonal, Linear, Puntal };

std::optional<LayerKind> layerKindFromString(QStringView text);
QString layerKindName(LayerKind kind); // "municipal_units"
QStringList layerKindNames();
GeometryFamily geometryFamily(LayerKind kind);
QString geometryFamilyWords(GeometryFamily family); // "polygons or multipolygons", for messages
QByteArray defaultLayerStyle(LayerKind kind); // a JSON object

} // namespace dimos
