#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace dimos {

// The building terms (όροι δόμησης) of an urban-planning zone, as a planning_zones GIS layer
// carries them in its features' attributes (docs/GIS.md, "Planning zones"). Municipal data
// names them in many ways — SK, Σ.Κ., coverage, ποσοστό κάλυψης —, so each term is recognised
// by a list of attribute names, compared without case, accents, dots or spaces.
struct BuildingTerm
{
    QString
        key; // coverage_ratio, building_factor, max_height, max_floors, min_plot_area, min_frontage, land_use, decree
    QString attribute; // the attribute's name in the data
    QJsonValue value; // as stored
};

// The terms found in `attributes`, in the order of buildingTermKeys(); each term at most once.
QList<BuildingTerm> buildingTerms(const QJsonObject &attributes);
QStringList buildingTermKeys();
// The attribute names a term is recognised by (folded: lower case, no accents, '_' for spaces).
QStringList buildingTermAliases(const QString &key);

} // namespace dimos
