#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

#include "server/storage/LayerRepository.h"

namespace dimos {

// What to import and as what. Only path, code, kind and nameEl are required.
struct LayerImportRequest
{
    QString path; // the file (for a Shapefile: the .shp, with its .shx, .dbf, .prj and maybe .cpg beside it)
    QString displayName; // the file's name in messages and in the layer's record; default: path's file name
    QString code; // [a-z0-9][a-z0-9_-]*, at most 40 characters
    QString kind; // see LayerKind
    QString nameEl;
    QString nameEn;
    QString encoding; // Shapefile only: the .dbf's text encoding (e.g. CP1253), over any .cpg
    QString nameField; // the attribute that names a feature; default: the first of name_el, name, onoma, …
    QString sourceLayer; // a file with several layers (GeoPackage, KML folders): which one
    QString sourceCrs; // a CRS for a file that declares none (e.g. EPSG:2100)
    QString attribution; // source and licence text to show with the data
    QByteArray style; // a JSON object (Leaflet path options); default: by kind
    QString importedBy;
};

// Called as features are read: done so far and the total (-1 when unknown). Return false to
// stop the import (it then fails with "cancelled" and changes nothing).
using ImportProgress = std::function<bool(qint64 done, qint64 total)>;

struct ImportedLayer
{
    GisLayer layer; // id 0 and importedMs 0: the caller stores it
    QList<GisFeature> features; // geometry WKB in WGS84 lon/lat, valid
    int repaired = 0; // invalid geometries made valid (GEOS MakeValid)
};

// Reads a GeoJSON, Shapefile, GeoPackage or KML file through GDAL/OGR and reprojects it to WGS84
// lon/lat (PROJ, traditional GIS axis order), checking every feature: the geometry must suit
// the layer kind (polygons, lines or points), an invalid polygon is made valid with GEOS or
// refused. Reads only: storing is LayerRepository::replace (GisLayers does both).
//
// On any problem it returns nothing with *error saying which file, what is wrong and what to do:
// a file GDAL cannot read (broken, truncated, not a GIS file), a Shapefile without its .shx,
// .dbf or .prj, a .dbf with non-ASCII text and no .cpg nor --encoding, no features, no CRS, a
// geometry of the wrong type, coordinates that do not fit the declared CRS.
class LayerImporter final
{
public:
    static constexpr qint64 kMaxFeatures = 200'000;

    static std::optional<ImportedLayer> read(
        const LayerImportRequest &request, const ImportProgress &progress, QString *error);

    // The checks on the request alone (code, kind, names, style, encoding), so a caller can
    // refuse before reading a file. Empty when fine.
    static QString checkRequest(const LayerImportRequest &request);
};

// The attribution a data file must travel with: the quoted lines under "Required attribution"
// in NAME.SOURCE.md beside NAME.ext (resources/demo/serres-boundary.SOURCE.md); empty when none.
QString attributionBeside(const QString &dataFile);

} // namespace dimos
