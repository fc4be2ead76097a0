#pragma once

// GIS files for the tests, written through GDAL's C API the way a GIS program would write them:
// Shapefiles (with .prj and, when asked, a .cpg naming their .dbf encoding), GeoPackage, KML and
// GeoJSON. Header-only; the test links GDAL (PkgConfig::GDAL).

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

namespace dimos::test {

struct FixtureField
{
    QByteArray name;
    OGRFieldType type = OFTString;
};

struct FixtureFeature
{
    QByteArray wkt; // in the layer's CRS, x/y (easting/northing, or lon/lat)
    QVariantList values; // one per field; an invalid QVariant leaves the field unset
};

struct Fixture
{
    QByteArray driver; // "ESRI Shapefile", "GPKG", "KML", "GeoJSON"
    QString path;
    int epsg = 4326; // 0: no CRS
    OGRwkbGeometryType type = wkbPolygon;
    QList<FixtureField> fields;
    QList<FixtureFeature> features;
    QList<QByteArray> layerOptions; // e.g. "ENCODING=CP1253"
    QByteArray layerName = "layer";
    bool addLayer = false; // add the layer to an existing file (GeoPackage) instead of a new file
};

// Returns an empty string when written, else what went wrong.
inline QString writeFixture(const Fixture &fx)
{
    GDALAllRegister();
    GDALDriverH driver = GDALGetDriverByName(fx.driver.constData());
    if (!driver)
        return QStringLiteral("no GDAL driver ") + QString::fromLatin1(fx.driver);
    if (!fx.addLayer)
        QFile::remove(fx.path);
    const QByteArray path = QFile::encodeName(fx.path);
    GDALDatasetH ds = fx.addLayer
        ? GDALOpenEx(path.constData(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr)
        : GDALCreate(driver, path.constData(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!ds)
        return QStringLiteral("cannot create ") + fx.path + QStringLiteral(": ")
            + QString::fromUtf8(CPLGetLastErrorMsg());
    OGRSpatialReferenceH srs = nullptr;
    if (fx.epsg) {
        srs = OSRNewSpatialReference(nullptr);
        OSRImportFromEPSG(srs, fx.epsg);
        OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    }
    char **options = nullptr;
    for (const QByteArray &o : fx.layerOptions)
        options = CSLAddString(options, o.constData());
    OGRLayerH layer = GDALDatasetCreateLayer(ds, fx.layerName.constData(), srs, fx.type, options);
    CSLDestroy(options);
    QString error;
    if (!layer)
        error = QStringLiteral("cannot create the layer: ") + QString::fromUtf8(CPLGetLastErrorMsg());
    for (const FixtureField &f : fx.fields) {
        if (!error.isEmpty())
            break;
        OGRFieldDefnH field = OGR_Fld_Create(f.name.constData(), f.type);
        if (OGR_L_CreateField(layer, field, TRUE) != OGRERR_NONE)
            error = QStringLiteral("cannot create field ") + QString::fromLatin1(f.name);
        OGR_Fld_Destroy(field);
    }
    for (const FixtureFeature &ff : fx.features) {
        if (!error.isEmpty())
            break;
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
        for (qsizetype i = 0; i < ff.values.size(); ++i) {
            const QVariant &v = ff.values[i];
            if (!v.isValid())
                continue;
            if (v.typeId() == QMetaType::Int || v.typeId() == QMetaType::LongLong)
                OGR_F_SetFieldInteger64(f, int(i), v.toLongLong());
            else if (v.typeId() == QMetaType::Double)
                OGR_F_SetFieldDouble(f, int(i), v.toDouble());
            else
                OGR_F_SetFieldString(f, int(i), v.toString().toUtf8().constData());
        }
        if (!ff.wkt.isEmpty()) {
            QByteArray wkt = ff.wkt;
            char *text = wkt.data();
            OGRGeometryH g = nullptr;
            if (OGR_G_CreateFromWkt(&text, srs, &g) != OGRERR_NONE)
                error = QStringLiteral("bad WKT ") + QString::fromLatin1(ff.wkt);
            else
                OGR_F_SetGeometryDirectly(f, g);
        }
        if (error.isEmpty() && OGR_L_CreateFeature(layer, f) != OGRERR_NONE)
            error = QStringLiteral("cannot write a feature: ") + QString::fromUtf8(CPLGetLastErrorMsg());
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    if (srs)
        OSRRelease(srs);
    return error;
}

// Writes `files` (name in the archive → bytes) into a new ZIP archive through GDAL's /vsizip/,
// as a person zipping a Shapefile's files would. Empty when written, else what went wrong.
inline QString writeZip(const QString &zipPath, const QList<std::pair<QString, QByteArray>> &files)
{
    QFile::remove(zipPath);
    for (const auto &[name, bytes] : files) {
        const QByteArray inside = "/vsizip/" + QFile::encodeName(zipPath) + '/' + name.toUtf8();
        VSILFILE *f = VSIFOpenL(inside.constData(), "wb");
        if (!f)
            return QStringLiteral("cannot add ") + name + QStringLiteral(" to ") + zipPath;
        const size_t written = VSIFWriteL(bytes.constData(), 1, size_t(bytes.size()), f);
        VSIFCloseL(f);
        if (written != size_t(bytes.size()))
            return QStringLiteral("cannot write ") + name;
    }
    return {};
}

// The bytes of a file (a fixture's part), or empty.
inline QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace dimos::test
