#include "LayerImporter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <cmath>
#include <memory>
#include <mutex>
#include <string_view>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <geos_c.h>
#include <iconv.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "server/gis/LayerKind.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr qsizetype kMaxName = 200;

// The formats Dimos imports, by file extension, with the GDAL drivers that may read them.
struct Format
{
    const char16_t *extension;
    const char16_t *words;
    std::vector<const char *> drivers;
};

const std::vector<Format> &formats()
{
    static const std::vector<Format> list{
        {u"shp", u"Shapefile", {"ESRI Shapefile"}},
        {u"geojson", u"GeoJSON", {"GeoJSON"}},
        {u"json", u"GeoJSON", {"GeoJSON"}},
        {u"gpkg", u"GeoPackage", {"GPKG"}},
        {u"kml", u"KML", {"LIBKML", "KML"}},
    };
    return list;
}

const QString kFormatsWords = u"a Shapefile (.shp with its .shx, .dbf and .prj, or all of them in one .zip), a "
                              u"GeoPackage (.gpkg), KML (.kml) or GeoJSON (.geojson)"_s;

// GDAL's messages while the import runs, instead of its default printing to stderr.
struct GdalMessages
{
    QStringList failures;
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char *message)
    {
        auto *self = static_cast<GdalMessages *>(CPLGetErrorHandlerUserData());
        if (self && level >= CE_Failure)
            self->failures.append(QString::fromUtf8(message).trimmed());
    }
    GdalMessages() { CPLPushErrorHandlerEx(&GdalMessages::handler, this); }
    ~GdalMessages() { CPLPopErrorHandler(); }
    Q_DISABLE_COPY_MOVE(GdalMessages)
    QString last() const { return failures.isEmpty() ? QString() : failures.last(); }
};

struct DatasetCloser
{
    void operator()(void *ds) const { GDALClose(ds); }
};
struct SrsReleaser
{
    void operator()(void *srs) const { OSRRelease(static_cast<OGRSpatialReferenceH>(srs)); }
};
struct TransformDestroyer
{
    void operator()(void *ct) const
    {
        OCTDestroyCoordinateTransformation(static_cast<OGRCoordinateTransformationH>(ct));
    }
};
struct FeatureDestroyer
{
    void operator()(void *f) const { OGR_F_Destroy(static_cast<OGRFeatureH>(f)); }
};
struct GeometryDestroyer
{
    void operator()(void *g) const { OGR_G_DestroyGeometry(static_cast<OGRGeometryH>(g)); }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;
using Srs = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsReleaser>;
using Transform = std::unique_ptr<std::remove_pointer_t<OGRCoordinateTransformationH>, TransformDestroyer>;
using Feature = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDestroyer>;
using Geometry = std::unique_ptr<std::remove_pointer_t<OGRGeometryH>, GeometryDestroyer>;

// One GEOS context for one import, with its last error message.
struct Geos
{
    GEOSContextHandle_t ctx = GEOS_init_r();
    QString message;
    GEOSWKBReader *reader = nullptr;
    GEOSWKBWriter *writer = nullptr;
    GEOSMakeValidParams *polygonRepair = nullptr;

    static void keep(const char *text, void *userdata)
    {
        static_cast<Geos *>(userdata)->message = QString::fromUtf8(text);
    }

    Geos()
    {
        GEOSContext_setErrorMessageHandler_r(ctx, &Geos::keep, this);
        reader = GEOSWKBReader_create_r(ctx);
        writer = GEOSWKBWriter_create_r(ctx);
        GEOSWKBWriter_setOutputDimension_r(ctx, writer, 2);
        GEOSWKBWriter_setByteOrder_r(ctx, writer, GEOS_WKB_NDR);
        // Polygons are repaired into polygons (no left-over lines or points from collapsed parts).
        polygonRepair = GEOSMakeValidParams_create_r(ctx);
        GEOSMakeValidParams_setMethod_r(ctx, polygonRepair, GEOS_MAKE_VALID_STRUCTURE);
        GEOSMakeValidParams_setKeepCollapsed_r(ctx, polygonRepair, 0);
    }
    ~Geos()
    {
        GEOSMakeValidParams_destroy_r(ctx, polygonRepair);
        GEOSWKBWriter_destroy_r(ctx, writer);
        GEOSWKBReader_destroy_r(ctx, reader);
        GEOS_finish_r(ctx);
    }
    Q_DISABLE_COPY_MOVE(Geos)
};

struct GeosGeometry
{
    GeosGeometry(Geos &geos, GEOSGeometry *owned) : g(geos), geom(owned) { }
    Geos &g;
    GEOSGeometry *geom = nullptr;
    ~GeosGeometry()
    {
        if (geom)
            GEOSGeom_destroy_r(g.ctx, geom);
    }
    void reset(GEOSGeometry *other)
    {
        if (geom)
            GEOSGeom_destroy_r(g.ctx, geom);
        geom = other;
    }
    Q_DISABLE_COPY_MOVE(GeosGeometry)
};

bool fitsFamily(int geosType, GeometryFamily family)
{
    switch (family) {
    case GeometryFamily::Polygonal:
        return geosType == GEOS_POLYGON || geosType == GEOS_MULTIPOLYGON;
    case GeometryFamily::Linear:
        return geosType == GEOS_LINESTRING || geosType == GEOS_MULTILINESTRING;
    case GeometryFamily::Puntal:
        return geosType == GEOS_POINT || geosType == GEOS_MULTIPOINT;
    }
    return false;
}

QString geosTypeName(Geos &g, const GEOSGeometry *geom)
{
    char *type = GEOSGeomType_r(g.ctx, geom);
    const QString out = type ? QString::fromUtf8(type) : u"unknown"_s;
    if (type)
        GEOSFree_r(g.ctx, type);
    return out;
}

void initGdal()
{
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // Never reach out to the network for PROJ grids: imports must not depend on it.
        CPLSetConfigOption("PROJ_NETWORK", "OFF");
    });
}

// The file beside `path` with the same base name and extension `ext`, in any letter case.
QString sibling(const QFileInfo &path, const QString &ext)
{
    const QString wanted = path.completeBaseName() + u'.' + ext;
    const QDir dir = path.absoluteDir();
    for (const QString &entry : dir.entryList(QDir::Files))
        if (entry.compare(wanted, Qt::CaseInsensitive) == 0)
            return dir.filePath(entry);
    return {};
}

bool hasHighBytes(const char *text)
{
    for (const char *p = text; p && *p; ++p)
        if (static_cast<unsigned char>(*p) >= 0x80)
            return true;
    return false;
}

QString crsName(OGRSpatialReferenceH srs)
{
    Srs copy(OSRClone(srs));
    const char *authority = OSRGetAuthorityName(copy.get(), nullptr);
    if (!authority || qstrcmp(authority, "EPSG") != 0) {
        if (OSRAutoIdentifyEPSG(copy.get()) != OGRERR_NONE)
            authority = nullptr;
        else
            authority = OSRGetAuthorityName(copy.get(), nullptr);
    }
    const char *code = OSRGetAuthorityCode(copy.get(), nullptr);
    if (authority && code)
        return QString::fromUtf8(authority) + u':' + QString::fromUtf8(code);
    const char *name = OSRGetName(copy.get());
    return name ? QString::fromUtf8(name) : u"unnamed CRS"_s;
}

QJsonValue fieldValue(OGRFeatureH f, int i, OGRFieldType type)
{
    switch (type) {
    case OFTInteger:
    case OFTInteger64:
        return QJsonValue(OGR_F_GetFieldAsInteger64(f, i));
    case OFTReal: {
        const double v = OGR_F_GetFieldAsDouble(f, i);
        return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
    }
    default:
        return QJsonValue(QString::fromUtf8(OGR_F_GetFieldAsString(f, i)));
    }
}

// A ZIP archive holds one layer: a Shapefile's files (in one folder of the archive), or one
// GeoPackage, KML or GeoJSON file. The archive is outside input, read through GDAL's /vsizip/
// (no external unzip): only the layer's own files are copied out, under their bare names (no
// paths from the archive reach the file system), each and all together at most kMaxUnzipped.
constexpr qint64 kMaxUnzipped = 1024LL * 1024 * 1024;

struct Unzipped
{
    QString path; // the data file in `folder`
    QString inArchive; // its path inside the archive
};

std::optional<Unzipped> unzipLayer(const QString &zipPath, const QString &folder, QString *error)
{
    const QByteArray root = "/vsizip/" + QFile::encodeName(QFileInfo(zipPath).absoluteFilePath());
    GdalMessages messages;
    char **list = VSIReadDirRecursive(root.constData());
    if (!list) {
        *error = u"cannot be read as a ZIP archive%1; check that it is complete (copy or download it again)"_s.arg(
            messages.last().isEmpty() ? QString() : u" ("_s + messages.last() + u')');
        return std::nullopt;
    }
    QStringList entries;
    for (char **p = list; *p; ++p)
        entries.append(QString::fromUtf8(*p));
    CSLDestroy(list);

    static const QStringList dataExtensions{u"shp"_s, u"gpkg"_s, u"kml"_s, u"geojson"_s, u"json"_s};
    QStringList candidates;
    for (const QString &entry : entries) {
        const QFileInfo info(entry);
        if (entry.endsWith(u'/') || entry.startsWith(u"__MACOSX"_s) || info.fileName().startsWith(u'.'))
            continue;
        if (dataExtensions.contains(info.suffix().toLower()))
            candidates.append(entry);
    }
    if (candidates.isEmpty()) {
        *error = u"the archive holds no GIS file: put %1 in it"_s.arg(kFormatsWords);
        return std::nullopt;
    }
    if (candidates.size() > 1) {
        *error = u"the archive holds %1 GIS files (%2): put one layer in each archive"_s.arg(candidates.size())
                     .arg(candidates.join(u", "_s));
        return std::nullopt;
    }
    const QString main = candidates.first();
    const QFileInfo mainInfo(main);
    const QString prefix = main.left(main.size() - mainInfo.fileName().size());
    const bool shapefile = mainInfo.suffix().compare(u"shp"_s, Qt::CaseInsensitive) == 0;
    static const QStringList shapefileParts{u"shp"_s, u"shx"_s, u"dbf"_s, u"prj"_s, u"cpg"_s};

    qint64 total = 0;
    Unzipped out;
    out.inArchive = main;
    for (const QString &entry : entries) {
        const QFileInfo info(entry);
        if (entry.left(entry.size() - info.fileName().size()) != prefix)
            continue;
        const bool wanted = entry == main
            || (shapefile && info.completeBaseName().compare(mainInfo.completeBaseName(), Qt::CaseInsensitive) == 0
                && shapefileParts.contains(info.suffix().toLower()));
        if (!wanted)
            continue;
        const QByteArray inside = root + '/' + entry.toUtf8();
        VSILFILE *in = VSIFOpenL(inside.constData(), "rb");
        if (!in) {
            *error = u"%1 in the archive cannot be read (%2); the archive looks damaged"_s.arg(entry, messages.last());
            return std::nullopt;
        }
        // Bare names only: an entry called ../../x.shp lands in the folder as x.shp.
        QFile outFile(folder + u'/' + info.fileName());
        if (!outFile.open(QIODevice::WriteOnly)) {
            VSIFCloseL(in);
            *error = u"cannot unpack %1 into a temporary folder (%2)"_s.arg(entry, outFile.errorString());
            return std::nullopt;
        }
        QByteArray buffer(256 * 1024, Qt::Uninitialized);
        bool ok = true;
        for (;;) {
            const size_t n = VSIFReadL(buffer.data(), 1, size_t(buffer.size()), in);
            if (n == 0)
                break;
            total += qint64(n);
            if (total > kMaxUnzipped) {
                *error = u"the archive unpacks to more than %1 MiB; import the files unpacked or split the layer"_s.arg(
                    kMaxUnzipped / (1024 * 1024));
                ok = false;
                break;
            }
            if (outFile.write(buffer.constData(), qint64(n)) != qint64(n)) {
                *error = u"cannot unpack %1 into a temporary folder (%2)"_s.arg(entry, outFile.errorString());
                ok = false;
                break;
            }
        }
        VSIFCloseL(in);
        if (!ok)
            return std::nullopt;
        if (entry == main)
            out.path = outFile.fileName();
    }
    return out;
}

} // namespace

std::optional<ImportedLayer> LayerImporter::read(
    const LayerImportRequest &request, const ImportProgress &progress, QString *error)
{
    const QFileInfo file(request.path);
    const QString shown = request.displayName.isEmpty() ? file.fileName() : request.displayName;
    const auto fail = [&](const QString &what) {
        *error = shown + u": "_s + what;
        return std::nullopt;
    };
    if (const QString why = checkRequest(request); !why.isEmpty())
        return fail(why);
    const LayerKind kind = *layerKindFromString(request.kind);
    const GeometryFamily family = geometryFamily(kind);

    if (!file.exists() || !file.isFile())
        return fail(u"no such file (check the path)"_s);
    if (!file.isReadable())
        return fail(u"the file cannot be read (check its permissions)"_s);
    const QString extension = QFileInfo(shown).suffix().toLower();
    if (extension == u"zip") {
        initGdal();
        QTemporaryDir folder;
        if (!folder.isValid())
            return fail(u"cannot make a temporary folder to unpack it in (%1)"_s.arg(folder.errorString()));
        QString why;
        const std::optional<Unzipped> unzipped = unzipLayer(file.absoluteFilePath(), folder.path(), &why);
        if (!unzipped)
            return fail(why);
        LayerImportRequest inner = request;
        inner.path = unzipped->path;
        inner.displayName = shown + u'/' + unzipped->inArchive;
        return read(inner, progress, error);
    }
    const Format *format = nullptr;
    for (const Format &f : formats())
        if (extension == QStringView(f.extension))
            format = &f;
    if (!format)
        return fail(u"files ending in \"%1\" are not imported; export the data as %2"_s.arg(
            extension.isEmpty() ? u"(nothing)"_s : u'.' + extension, kFormatsWords));
    const QString formatWords = QString::fromUtf16(format->words);
    const bool shapefile = extension == u"shp";
    if (!request.encoding.isEmpty() && !shapefile)
        return fail(
            u"--encoding applies to Shapefiles only (their .dbf); %1 files are always UTF-8: leave it out"_s.arg(
                formatWords));

    // A Shapefile is several files: check its companions here, since GDAL opens a .shp without
    // its .dbf (dropping every attribute) and the error for a missing .shx names a config option.
    QByteArray encodingOption; // the one open option a format needs
    bool rawText = false; // no encoding known: read bytes as they are and refuse non-ASCII ones
    if (shapefile) {
        const QString base = file.completeBaseName();
        if (sibling(file, u"shx"_s).isEmpty())
            return fail(u"the index file %1.shx is missing; a Shapefile is several files: copy %1.shp, .shx, "
                        u".dbf, .prj (and .cpg if there is one) into the same folder"_s.arg(base));
        const QString dbf = sibling(file, u"dbf"_s);
        if (dbf.isEmpty())
            return fail(u"the attribute file %1.dbf is missing; a Shapefile is several files: copy %1.shp, .shx, "
                        u".dbf, .prj (and .cpg if there is one) into the same folder"_s.arg(base));
        if (sibling(file, u"prj"_s).isEmpty() && request.sourceCrs.isEmpty())
            return fail(
                u"%1.prj is missing, so the coordinate system is unknown; copy the .prj that came with the "
                u"data, or name the system with --source-crs (Greek Grid data: --source-crs EPSG:2100)"_s.arg(base));
        if (!request.encoding.isEmpty()) {
            encodingOption = "ENCODING=" + request.encoding.toLatin1();
        } else if (sibling(file, u"cpg"_s).isEmpty()) {
            // Byte 29 of the .dbf header is its language driver id; 0 says nothing.
            QFile dbfFile(dbf);
            QByteArray header;
            if (dbfFile.open(QIODevice::ReadOnly))
                header = dbfFile.read(32);
            if (header.size() < 32 || header.at(29) == 0) {
                encodingOption = "ENCODING=";
                rawText = true;
            }
        }
    } else if (!request.sourceCrs.isEmpty() && extension != u"gpkg") {
        return fail(u"%1 is always in WGS84: leave out --source-crs"_s.arg(formatWords));
    }

    initGdal();
    GdalMessages messages;
    std::vector<const char *> drivers = format->drivers;
    drivers.push_back(nullptr);
    // GeoJSON: text that looks like a date or time stays the text it is ("08:00–15:00" is not 08:00).
    if (format->drivers.front() == std::string_view("GeoJSON"))
        encodingOption = "DATE_AS_STRING=YES";
    const char *openOptions[] = {encodingOption.isEmpty() ? nullptr : encodingOption.constData(), nullptr};
    const QByteArray nativePath = QFile::encodeName(file.absoluteFilePath());
    Dataset ds(
        GDALOpenEx(nativePath.constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers.data(), openOptions, nullptr));
    if (!ds) {
        const QString why = messages.last();
        return fail(
            u"cannot be read as %1%2; check that the file is complete and really is %1 (re-export it from "
            u"the GIS program, or copy it again)"_s.arg(formatWords, why.isEmpty() ? QString() : u" ("_s + why + u')'));
    }

    // The layer: the one named, else the only one that has features.
    const int layerCount = GDALDatasetGetLayerCount(ds.get());
    OGRLayerH layer = nullptr;
    QStringList names;
    QStringList nonEmpty;
    for (int i = 0; i < layerCount; ++i) {
        OGRLayerH l = GDALDatasetGetLayer(ds.get(), i);
        const QString name = QString::fromUtf8(OGR_L_GetName(l));
        names.append(name);
        if (!request.sourceLayer.isEmpty()) {
            if (name == request.sourceLayer)
                layer = l;
        } else if (OGR_L_GetFeatureCount(l, TRUE) != 0) {
            nonEmpty.append(name);
            layer = l;
        }
    }
    if (!request.sourceLayer.isEmpty() && !layer)
        return fail(u"has no layer \"%1\"; its layers are: %2"_s.arg(request.sourceLayer, names.join(u", "_s)));
    if (request.sourceLayer.isEmpty() && nonEmpty.size() > 1)
        return fail(
            u"has %1 layers with features (%2); say which one to import with --source-layer NAME"_s.arg(nonEmpty.size())
                .arg(nonEmpty.join(u", "_s)));
    if (!layer)
        return fail(u"holds no features; export the layer again with its features"_s);
    const QString layerName = QString::fromUtf8(OGR_L_GetName(layer));
    const qint64 total = OGR_L_GetFeatureCount(layer, TRUE);
    if (total == 0)
        return fail(u"the layer \"%1\" holds no features; export the layer again with its features"_s.arg(layerName));
    if (total > kMaxFeatures)
        return fail(u"the layer has %1 features; at most %2 are imported as one layer: split it"_s.arg(total).arg(
            kMaxFeatures));

    // Coordinate systems: the file's (or --source-crs) to WGS84, lon/lat on both sides.
    Srs source;
    OGRSpatialReferenceH declared = OGR_L_GetSpatialRef(layer);
    // GeoPackage's placeholders for "no CRS" (srs_id 0 and -1) are not coordinate systems.
    if (declared && !OSRGetAuthorityName(declared, nullptr) && OSRGetName(declared)
        && QByteArrayView(OSRGetName(declared)).startsWith("Undefined "))
        declared = nullptr;
    if (declared) {
        if (!request.sourceCrs.isEmpty())
            return fail(
                u"already declares its coordinate system (%1): leave out --source-crs"_s.arg(crsName(declared)));
        source.reset(OSRClone(declared));
    } else if (!request.sourceCrs.isEmpty()) {
        source.reset(OSRNewSpatialReference(nullptr));
        const QByteArray input = request.sourceCrs.toUtf8();
        if (OSRSetFromUserInput(source.get(), input.constData()) != OGRERR_NONE)
            return fail(u"--source-crs \"%1\" is not a coordinate system PROJ knows; use an EPSG code such as "
                        u"EPSG:2100 (Greek Grid) or EPSG:4326 (WGS84)"_s.arg(request.sourceCrs.left(60)));
    } else {
        return fail(u"declares no coordinate system; export it again with one, or name it with --source-crs (Greek "
                    u"Grid data: --source-crs EPSG:2100)"_s);
    }
    OSRSetAxisMappingStrategy(source.get(), OAMS_TRADITIONAL_GIS_ORDER);
    Srs wgs84(OSRNewSpatialReference(nullptr));
    OSRImportFromEPSG(wgs84.get(), 4326);
    OSRSetAxisMappingStrategy(wgs84.get(), OAMS_TRADITIONAL_GIS_ORDER);
    const QString crs = crsName(source.get());
    Transform transform(OCTNewCoordinateTransformation(source.get(), wgs84.get()));
    if (!transform)
        return fail(u"its coordinate system (%1) cannot be converted to WGS84 (%2)"_s.arg(crs, messages.last()));

    // Which attribute names a feature.
    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(layer);
    const int fieldCount = OGR_FD_GetFieldCount(definition);
    QStringList fieldNames;
    QList<OGRFieldType> fieldTypes;
    QList<bool> skipped;
    // LIBKML adds fields of its own for KML's display settings: they are not the data's attributes.
    static const QStringList kmlDisplayFields{u"timestamp"_s, u"begin"_s, u"end"_s, u"altitudeMode"_s, u"tessellate"_s,
        u"extrude"_s, u"visibility"_s, u"drawOrder"_s, u"icon"_s, u"snippet"_s};
    for (int i = 0; i < fieldCount; ++i) {
        OGRFieldDefnH field = OGR_FD_GetFieldDefn(definition, i);
        const char *name = OGR_Fld_GetNameRef(field);
        skipped.append(extension == u"kml" && kmlDisplayFields.contains(QString::fromUtf8(name)));
        if (rawText && hasHighBytes(name))
            return fail(u"the attribute names hold non-ASCII text, but nothing says the .dbf's encoding (no .cpg "
                        u"file); Greek data is usually Windows-1253: import again with --encoding CP1253 (or "
                        u"ISO-8859-7), or put a .cpg file containing 1253 beside the .shp"_s);
        fieldNames.append(QString::fromUtf8(name));
        fieldTypes.append(OGR_Fld_GetType(field));
    }
    int nameField = -1;
    if (!request.nameField.isEmpty()) {
        nameField = int(fieldNames.indexOf(request.nameField));
        if (nameField < 0)
            return fail(u"has no attribute \"%1\" for --name-field; its attributes are: %2"_s.arg(
                request.nameField, fieldNames.isEmpty() ? u"(none)"_s : fieldNames.join(u", "_s)));
    } else {
        for (const QString &candidate :
            {u"name_el"_s, u"name"_s, u"onoma"_s, u"ονομα"_s, u"όνομα"_s, u"title"_s, u"label"_s}) {
            for (int i = 0; i < fieldCount && nameField < 0; ++i)
                if (fieldNames[i].compare(candidate, Qt::CaseInsensitive) == 0)
                    nameField = i;
            if (nameField >= 0)
                break;
        }
    }

    ImportedLayer out;
    GisLayer &l = out.layer;
    l.code = request.code;
    l.nameEl = request.nameEl.trimmed();
    l.nameEn = request.nameEn.trimmed();
    l.kind = request.kind;
    l.style = request.style.isEmpty() ? defaultLayerStyle(kind)
                                      : QJsonDocument::fromJson(request.style).toJson(QJsonDocument::Compact);
    l.attribution = request.attribution.trimmed();
    l.sourceFile = shown;
    l.sourceCrs = crs;
    l.importedBy = request.importedBy;

    Geos g;
    qint64 done = 0;
    const qint64 step = std::max<qint64>(1, total / 100);
    if (progress && !progress(0, total))
        return fail(u"the import was cancelled; nothing was changed"_s);
    OGR_L_ResetReading(layer);
    messages.failures.clear();
    for (;;) {
        Feature f(OGR_L_GetNextFeature(layer));
        if (!messages.failures.isEmpty())
            return fail(
                u"reading feature %1 failed (%2); the file looks damaged or truncated: export or copy it again"_s
                    .arg(done + 1)
                    .arg(messages.last()));
        if (!f)
            break;
        ++done;
        const QString where = u"feature %1"_s.arg(done);
        if (done > kMaxFeatures)
            return fail(
                u"the layer has more than %1 features; at most that many are imported as one layer: split it"_s.arg(
                    kMaxFeatures));

        // Attributes
        QJsonObject attributes;
        for (int i = 0; i < fieldCount; ++i) {
            if (skipped[i] || !OGR_F_IsFieldSetAndNotNull(f.get(), i))
                continue;
            if (rawText && (fieldTypes[i] == OFTString || fieldTypes[i] == OFTStringList)
                && hasHighBytes(OGR_F_GetFieldAsString(f.get(), i)))
                return fail(
                    u"%1 (attribute \"%2\") holds non-ASCII text, but nothing says the .dbf's encoding (no "
                    u".cpg file); Greek data is usually Windows-1253: import again with --encoding CP1253 "
                    u"(or ISO-8859-7), or put a .cpg file containing 1253 beside the .shp"_s.arg(where, fieldNames[i]));
            attributes.insert(fieldNames[i], fieldValue(f.get(), i, fieldTypes[i]));
        }
        GisFeature feature;
        feature.attributes = QJsonDocument(attributes).toJson(QJsonDocument::Compact);
        if (nameField >= 0 && OGR_F_IsFieldSetAndNotNull(f.get(), nameField))
            feature.name = QString::fromUtf8(OGR_F_GetFieldAsString(f.get(), nameField)).trimmed().left(kMaxName);

        // Geometry: 2D, no curves, in WGS84
        OGRGeometryH original = OGR_F_GetGeometryRef(f.get());
        if (!original || OGR_G_IsEmpty(original))
            return fail(
                u"%1 has no geometry; every feature needs one (delete it or draw it in the GIS program)"_s.arg(where));
        Geometry geometry(OGR_G_HasCurveGeometry(original, FALSE) ? OGR_G_GetLinearGeometry(original, 0, nullptr)
                                                                  : OGR_G_Clone(original));
        OGR_G_FlattenTo2D(geometry.get());
        const OGRwkbGeometryType flat = wkbFlatten(OGR_G_GetGeometryType(geometry.get()));
        if (flat == wkbGeometryCollection) { // KML's MultiGeometry of one kind of part
            if (family == GeometryFamily::Polygonal)
                geometry.reset(OGR_G_ForceToMultiPolygon(geometry.release()));
            else if (family == GeometryFamily::Linear)
                geometry.reset(OGR_G_ForceToMultiLineString(geometry.release()));
            else
                geometry.reset(OGR_G_ForceToMultiPoint(geometry.release()));
        }
        if (OGR_G_Transform(geometry.get(), transform.get()) != OGRERR_NONE)
            return fail(u"%1 cannot be converted from %2 to WGS84 (%3); do the coordinates match the declared "
                        u"coordinate system?"_s.arg(where, crs, messages.last()));
        messages.failures.clear();
        QByteArray wkb(OGR_G_WkbSize(geometry.get()), Qt::Uninitialized);
        OGR_G_ExportToWkb(geometry.get(), wkbNDR, reinterpret_cast<unsigned char *>(wkb.data()));

        GeosGeometry geom(g,
            GEOSWKBReader_read_r(
                g.ctx, g.reader, reinterpret_cast<const unsigned char *>(wkb.constData()), size_t(wkb.size())));
        if (!geom.geom)
            return fail(u"%1: the geometry cannot be read (%2)"_s.arg(where, g.message));
        const int type = GEOSGeomTypeId_r(g.ctx, geom.geom);
        if (!fitsFamily(type, family))
            return fail(u"%1 is a %2, but a layer of kind %3 holds %4; choose the kind that fits the data (%5) or "
                        u"import the right file"_s.arg(where, geosTypeName(g, geom.geom), request.kind,
                            geometryFamilyWords(family), layerKindNames().join(u", "_s)));
        if (GEOSisValid_r(g.ctx, geom.geom) != 1) {
            char *reason = GEOSisValidReason_r(g.ctx, geom.geom);
            const QString why = reason ? QString::fromUtf8(reason) : g.message;
            if (reason)
                GEOSFree_r(g.ctx, reason);
            GEOSGeometry *repaired = family == GeometryFamily::Polygonal
                ? GEOSMakeValidWithParams_r(g.ctx, geom.geom, g.polygonRepair)
                : GEOSMakeValid_r(g.ctx, geom.geom);
            geom.reset(repaired);
            if (!geom.geom || GEOSisEmpty_r(g.ctx, geom.geom) || GEOSisValid_r(g.ctx, geom.geom) != 1
                || !fitsFamily(GEOSGeomTypeId_r(g.ctx, geom.geom), family))
                return fail(u"%1 has an invalid geometry (%2) that cannot be repaired into %3; fix it in the GIS "
                            u"program (e.g. its \"check validity\" tool) and export again"_s.arg(
                                where, why, geometryFamilyWords(family)));
            ++out.repaired;
        }
        double minLon = 0, minLat = 0, maxLon = 0, maxLat = 0;
        GEOSGeom_getXMin_r(g.ctx, geom.geom, &minLon);
        GEOSGeom_getXMax_r(g.ctx, geom.geom, &maxLon);
        GEOSGeom_getYMin_r(g.ctx, geom.geom, &minLat);
        GEOSGeom_getYMax_r(g.ctx, geom.geom, &maxLat);
        if (!(minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90))
            return fail(u"%1 lies outside the world once converted from %2 to WGS84 (longitude %3 to %4, latitude %5 "
                        u"to %6): the file's coordinate system does not match its coordinates; %7"_s.arg(where, crs)
                            .arg(minLon, 0, 'f', 3)
                            .arg(maxLon, 0, 'f', 3)
                            .arg(minLat, 0, 'f', 3)
                            .arg(maxLat, 0, 'f', 3)
                            .arg(shapefile || extension == u"gpkg"
                                    ? u"export it again with the right coordinate system (Greek Grid: EPSG:2100)"_s
                                    : u"%1 must be in WGS84 longitude/latitude: export it again as EPSG:4326"_s.arg(
                                        formatWords)));
        size_t size = 0;
        unsigned char *bytes = GEOSWKBWriter_write_r(g.ctx, g.writer, geom.geom, &size);
        feature.wkb = QByteArray(reinterpret_cast<const char *>(bytes), qsizetype(size));
        GEOSFree_r(g.ctx, bytes);
        feature.minLon = minLon;
        feature.minLat = minLat;
        feature.maxLon = maxLon;
        feature.maxLat = maxLat;
        out.features.append(std::move(feature));
        if (progress && (done % step == 0 || done == total) && !progress(done, total))
            return fail(u"the import was cancelled; nothing was changed"_s);
    }
    if (out.features.isEmpty())
        return fail(u"the layer \"%1\" holds no features; export the layer again with its features"_s.arg(layerName));
    if (total > 0 && done < total)
        return fail(u"only %1 of the %2 features could be read; the file looks damaged or truncated: export or copy "
                    u"it again"_s.arg(done)
                        .arg(total));
    l.featureCount = out.features.size();
    return out;
}

} // namespace dimos
