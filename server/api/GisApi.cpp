#include "GisApi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QFileInfo>

#include "server/api/ApiHelpers.h"
#include "server/api/GisParams.h"
#include "server/app/AppContext.h"
#include "server/gis/GisLayers.h"
#include "server/gis/LayerImports.h"
#include "server/http/ApiError.h"
#include "server/http/FormData.h"
#include "server/http/Router.h"
#include "shared/domain/BuildingTerms.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

// More features than this in one answer are left out ("truncated": true): ask for a smaller box.
constexpr qsizetype kMaxFeaturesPerAnswer = 5000;
// An upload over the API (bigger files: `dimosd layers import` on the server).
constexpr qsizetype kMaxLayerUploadBytes = 40 * 1024 * 1024;

QJsonObject names(const GisLayer &l)
{
    return {{u"el"_s, l.nameEl}, {u"en"_s, l.nameEn.isEmpty() ? l.nameEl : l.nameEn}};
}

QJsonObject jsonObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QJsonObject layerJson(const SpatialIndex::Layer &layer)
{
    const GisLayer &l = layer.info;
    const LatLonBox &b = layer.bounds;
    return {{u"code"_s, l.code}, {u"name"_s, names(l)}, {u"kind"_s, l.kind}, {u"style"_s, jsonObject(l.style)},
        {u"visible"_s, l.visible}, {u"attribution"_s, l.attribution}, {u"feature_count"_s, l.featureCount},
        {u"bbox"_s, QJsonArray{b.minLon, b.minLat, b.maxLon, b.maxLat}},
        {u"source"_s, QJsonObject{{u"file"_s, l.sourceFile}, {u"crs"_s, l.sourceCrs}}},
        {u"imported_at"_s, formatUtc(l.importedMs)},
        {u"features_url"_s, QString(u"/api/v1/layers/"_s + l.code + u"/features.geojson"_s)}};
}

ApiError invalid(const QString &message, const QString &field = {})
{
    return ApiError(
        ApiError::Kind::Validation, message, field.isEmpty() ? QJsonObject{} : QJsonObject{{u"field"_s, field}});
}

QJsonValue timeOrNull(qint64 ms)
{
    return ms ? QJsonValue(formatUtc(ms)) : QJsonValue();
}

QJsonObject importJson(const LayerImports::Status &s, GisLayers &gis)
{
    QJsonObject o{{u"id"_s, s.id}, {u"code"_s, s.code}, {u"file"_s, s.file},
        {u"stage"_s, LayerImports::stageName(s.stage)}, {u"percent"_s, s.percent}, {u"done"_s, s.finished()},
        {u"ok"_s, s.stage == LayerImports::Stage::Done}, {u"features_read"_s, s.featuresRead},
        {u"features_total"_s, s.featuresTotal < 0 ? QJsonValue() : QJsonValue(s.featuresTotal)},
        {u"error"_s, s.error.isEmpty() ? QJsonValue() : QJsonValue(s.error)}, {u"started_by"_s, s.startedBy},
        {u"started_at"_s, formatUtc(s.startedMs)}, {u"finished_at"_s, timeOrNull(s.finishedMs)},
        {u"url"_s, QString(u"/api/v1/layers/imports/"_s + QString::number(s.id))}};
    if (s.result) {
        o.insert(u"repaired"_s, s.result->repaired);
        o.insert(u"replaced"_s, s.result->replaced);
        if (const auto layer = gis.index().layer(s.code); layer && layer->info.id == s.result->layer.id)
            o.insert(u"layer"_s, layerJson(*layer));
    }
    return o;
}

// The file's name as messages show it: no folders, no control characters, not too long.
QString cleanFileName(const QString &name)
{
    QString out = QFileInfo(name).fileName();
    out.removeIf([](QChar ch) { return ch.category() == QChar::Other_Control || ch == u'\\'; });
    return out.trimmed().right(120);
}

// POST /api/v1/layers: the upload and what to import it as, from a multipart form or from
// the query string (raw body).
HttpResponse startImport(AppContext &c, HttpRequest &req)
{
    const StaffUser user = requireStaff(c, req);
    requireRole(user, Role::Admin);
    if (!c.layerImports)
        throw ApiError(ApiError::Kind::Unavailable, u"layer imports are not available on this server"_s);
    if (req.body.size() > kMaxLayerUploadBytes)
        throw ApiError(ApiError::Kind::PayloadTooLarge,
            u"the file is larger than %1; import it with the dimosd layers import command on the server"_s.arg(
                formatByteSize(kMaxLayerUploadBytes)));

    QList<std::pair<QString, QString>> fields = req.query;
    QString fileName;
    QByteArray data;
    if (req.contentType().toLower().startsWith("multipart/form-data")) {
        FormLimits limits;
        limits.maxFileBytes = kMaxLayerUploadBytes;
        limits.maxTotalFileBytes = kMaxLayerUploadBytes;
        QString error;
        std::optional<FormData> form = parseMultipart(req.contentType(), req.body, limits, &error);
        if (!form)
            throw ApiError(ApiError::Kind::BadRequest, error);
        const FormFile *file = form->file(u"file"_s);
        if (!file)
            throw invalid(u"the form has no file part \"file\""_s, u"file"_s);
        fileName = file->fileName;
        data = file->data;
        for (const FormField &f : form->fields)
            fields.append({f.name, f.value});
    } else {
        fileName = req.queryValue(u"filename"_s);
        data = req.body;
    }
    const auto field = [&fields](const QString &name) {
        for (const auto &[k, v] : fields)
            if (k == name)
                return v;
        return QString();
    };
    fileName = cleanFileName(fileName);
    if (fileName.isEmpty())
        throw invalid(
            u"name the file (filename=, or the file part's filename): its extension says its format"_s, u"filename"_s);
    if (data.isEmpty())
        throw invalid(u"%1 is empty"_s.arg(fileName), u"file"_s);
    const QString extension = QFileInfo(fileName).suffix().toLower();
    static const QStringList accepted{u"zip"_s, u"gpkg"_s, u"kml"_s, u"geojson"_s, u"json"_s};
    if (extension == u"shp" || extension == u"dbf" || extension == u"shx")
        throw invalid(u"%1: a Shapefile is several files (.shp, .shx, .dbf, .prj, and .cpg if there is one); put "
                      u"them together in one .zip and upload that"_s.arg(fileName),
            u"file"_s);
    if (!accepted.contains(extension))
        throw invalid(u"%1: files ending in \"%2\" are not imported; upload a zipped Shapefile (.zip), a "
                      u"GeoPackage (.gpkg), KML (.kml) or GeoJSON (.geojson)"_s.arg(
                          fileName, extension.isEmpty() ? u"(nothing)"_s : u'.' + extension),
            u"file"_s);

    LayerImportRequest r;
    r.code = field(u"code"_s).trimmed();
    r.kind = field(u"kind"_s).trimmed();
    r.nameEl = field(u"name_el"_s).trimmed();
    r.nameEn = field(u"name_en"_s).trimmed();
    r.encoding = field(u"encoding"_s).trimmed();
    if (r.encoding.compare(u"auto"_s, Qt::CaseInsensitive) == 0)
        r.encoding.clear();
    r.nameField = field(u"name_field"_s).trimmed();
    r.sourceLayer = field(u"source_layer"_s).trimmed();
    r.sourceCrs = field(u"source_crs"_s).trimmed();
    r.attribution = field(u"attribution"_s).trimmed();
    r.style = field(u"style"_s).trimmed().toUtf8();
    r.importedBy = user.username;
    if (r.code == u"imports")
        throw invalid(
            u"the layer code \"imports\" is reserved (/api/v1/layers/imports/…); choose another"_s, u"code"_s);
    if (const QString problem = LayerImporter::checkRequest(r); !problem.isEmpty())
        throw invalid(problem);
    if (!r.encoding.isEmpty() && extension != u"zip")
        throw invalid(u"%1: the encoding applies to Shapefiles only; GeoPackage, KML and GeoJSON are always UTF-8: "
                      u"leave it at auto"_s.arg(fileName),
            u"encoding"_s);

    QString error;
    const std::optional<qint64> id = c.layerImports->start(r, fileName, data, &error);
    if (!id) {
        ApiError e(ApiError::Kind::TooManyRequests, error);
        e.retryAfterSeconds = 30;
        throw e;
    }
    HttpResponse out
        = HttpResponse::json(QJsonObject{{u"import"_s, importJson(*c.layerImports->status(*id), *c.gis)}}, 202);
    out.withHeader("Location"_ba, "/api/v1/layers/imports/" + QByteArray::number(*id));
    return out;
}

// PUT /api/v1/layers/{code}: names, style, visibility.
HttpResponse editLayer(AppContext &c, HttpRequest &req)
{
    requireRole(requireStaff(c, req), Role::Admin);
    const QString code = req.params.value(u"code"_s);
    const QJsonObject body = jsonBody(req);
    GisLayerEdit edit;
    if (body.contains(u"name"_s)) {
        const QJsonValue name = body.value(u"name"_s);
        if (!name.isObject())
            throw invalid(u"name must be an object {\"el\": …, \"en\": …}"_s, u"name"_s);
        const QJsonObject n = name.toObject();
        if (n.contains(u"el"_s)) {
            const QString el = n.value(u"el"_s).toString().trimmed();
            if (el.isEmpty() || el.size() > 200)
                throw invalid(u"name.el must be a text of 1 to 200 characters"_s, u"name.el"_s);
            edit.nameEl = el;
        }
        if (n.contains(u"en"_s)) {
            const QString en = n.value(u"en"_s).toString().trimmed();
            if (en.size() > 200)
                throw invalid(u"name.en must be at most 200 characters"_s, u"name.en"_s);
            edit.nameEn = en;
        }
    }
    if (body.contains(u"style"_s)) {
        const QJsonValue style = body.value(u"style"_s);
        const QByteArray text = QJsonDocument(style.toObject()).toJson(QJsonDocument::Compact);
        if (!style.isObject() || text.size() > 4096)
            throw invalid(
                u"style must be a JSON object of at most 4096 bytes, e.g. {\"color\":\"#1f78b4\",\"weight\":2}"_s,
                u"style"_s);
        edit.style = text;
    }
    if (body.contains(u"visible"_s)) {
        if (!body.value(u"visible"_s).isBool())
            throw invalid(u"visible must be true or false"_s, u"visible"_s);
        edit.visible = body.value(u"visible"_s).toBool();
    }
    if (!c.gis->editLayer(code, edit))
        throw ApiError(ApiError::Kind::NotFound, u"no layer with code \"%1\""_s.arg(code.left(60)));
    return HttpResponse::json(QJsonObject{{u"layer"_s, layerJson(*c.gis->index().layer(code))}});
}

} // namespace

void registerGisApi(Router &router, AppContext &ctx)
{
    AppContext *c = &ctx;

    // Administrators: import (asynchronous), its progress, edit, remove. The import route comes
    // before the features' route: /api/v1/layers/imports/{id} and /api/v1/layers/{code}/… have
    // as many segments, and "imports" is refused as a layer code.
    router.add("POST"_ba, u"/api/v1/layers"_s, [c](HttpRequest &req) { return startImport(*c, req); });
    router.add("GET"_ba, u"/api/v1/layers/imports/{id}"_s, [c](HttpRequest &req) {
        requireRole(requireStaff(*c, req), Role::Admin);
        const qint64 id = pathId(req);
        const auto status = c->layerImports ? c->layerImports->status(id) : std::nullopt;
        if (!status)
            throw ApiError(ApiError::Kind::NotFound,
                u"no import %1 (imports are kept in memory until the server restarts)"_s.arg(id));
        return HttpResponse::json(QJsonObject{{u"import"_s, importJson(*status, *c->gis)}});
    });
    router.add("PUT"_ba, u"/api/v1/layers/{code}"_s, [c](HttpRequest &req) { return editLayer(*c, req); });
    router.add("DELETE"_ba, u"/api/v1/layers/{code}"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        requireRole(user, Role::Admin);
        const QString code = req.params.value(u"code"_s);
        if (!c->gis->removeLayer(code))
            throw ApiError(ApiError::Kind::NotFound, u"no layer with code \"%1\""_s.arg(code.left(60)));
        return HttpResponse::empty(204);
    });

    router.add(
        "GET"_ba, u"/api/v1/layers"_s,
        [c](HttpRequest &) {
            QJsonArray layers;
            for (const SpatialIndex::Layer &l : c->gis->index().layers())
                layers.append(layerJson(l));
            return HttpResponse::json(QJsonObject{{u"layers"_s, layers}});
        },
        CachePolicy::untilDataChanges());

    router.add(
        "GET"_ba, u"/api/v1/layers/{code}/features.geojson"_s,
        [c](HttpRequest &req) {
            const QString code = req.params.value(u"code"_s);
            const GisFeaturesQuery q = gisFeaturesQuery(req.query);
            const SpatialIndex &index = c->gis->index();
            const auto layer = index.layer(code);
            if (!layer)
                throw ApiError(ApiError::Kind::NotFound,
                    u"no layer with code \"%1\" (GET /api/v1/layers lists them)"_s.arg(code.left(60)));
            bool truncated = false;
            const auto shapes = index.features(code, q.bbox, q.zoom, kMaxFeaturesPerAnswer, &truncated);
            // GeoJSON (RFC 7946) with the layer and its attribution as foreign members, which
            // GeoJSON readers ignore; geometries come rendered from GEOS and are spliced in.
            QJsonObject head = layerJson(*layer);
            head.remove(u"features_url"_s);
            QByteArray body = "{\"type\":\"FeatureCollection\",\"layer\":"
                + QJsonDocument(head).toJson(QJsonDocument::Compact) + ",\"attribution\":"
                + QJsonDocument(QJsonArray{layer->info.attribution}).toJson(QJsonDocument::Compact).chopped(1).mid(1)
                + ",\"truncated\":" + (truncated ? "true" : "false") + ",\"features\":[";
            bool firstFeature = true;
            for (const SpatialIndex::Shape &s : *shapes) {
                if (!firstFeature)
                    body += ',';
                firstFeature = false;
                const QJsonObject properties{{u"name"_s, s.name}, {u"attributes"_s, jsonObject(s.attributes)}};
                body += "{\"type\":\"Feature\",\"id\":" + QByteArray::number(s.featureId) + ",\"properties\":"
                    + QJsonDocument(properties).toJson(QJsonDocument::Compact) + ",\"geometry\":" + s.geometry + '}';
            }
            body += "]}";
            return HttpResponse::bytes(body, "application/geo+json"_ba);
        },
        CachePolicy::untilDataChanges());

    // Not cached: every click on the map asks about another point.
    router.add("GET"_ba, u"/api/v1/whatishere"_s, [c](HttpRequest &req) {
        const GisPointQuery q = gisPointQuery(req.query);
        QJsonArray features;
        for (const SpatialIndex::Hit &h : c->gis->index().at(q.lat, q.lon, q.toleranceMeters)) {
            const QJsonObject attributes = jsonObject(h.attributes);
            QJsonObject feature{{u"layer"_s,
                                    QJsonObject{{u"code"_s, h.layer.code}, {u"name"_s, names(h.layer)},
                                        {u"kind"_s, h.layer.kind}, {u"attribution"_s, h.layer.attribution}}},
                {u"id"_s, h.featureId}, {u"name"_s, h.name}, {u"attributes"_s, attributes},
                {u"distance_m"_s, std::round(h.distanceMeters * 10) / 10}};
            if (h.layer.kind == u"planning_zones") {
                QJsonArray terms;
                for (const BuildingTerm &t : buildingTerms(attributes))
                    terms.append(QJsonObject{{u"term"_s, t.key}, {u"attribute"_s, t.attribute}, {u"value"_s, t.value}});
                feature.insert(u"building_terms"_s, terms);
            }
            features.append(feature);
        }
        return HttpResponse::json(QJsonObject{
            {u"lat"_s, q.lat}, {u"lon"_s, q.lon}, {u"tolerance_m"_s, q.toleranceMeters}, {u"features"_s, features}});
    });
}

} // namespace dimos
