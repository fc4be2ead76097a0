#include "GisApi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "server/api/GisParams.h"
#include "server/app/AppContext.h"
#include "server/gis/GisLayers.h"
#include "server/http/ApiError.h"
#include "server/http/Router.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

// More features than this in one answer are left out ("truncated": true): ask for a smaller box.
constexpr qsizetype kMaxFeaturesPerAnswer = 5000;

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
        {u"attribution"_s, l.attribution}, {u"feature_count"_s, l.featureCount},
        {u"bbox"_s, QJsonArray{b.minLon, b.minLat, b.maxLon, b.maxLat}},
        {u"source"_s, QJsonObject{{u"file"_s, l.sourceFile}, {u"crs"_s, l.sourceCrs}}},
        {u"imported_at"_s, formatUtc(l.importedMs)},
        {u"features_url"_s, QString(u"/api/v1/layers/"_s + l.code + u"/features.geojson"_s)}};
}

} // namespace

void registerGisApi(Router &router, AppContext &ctx)
{
    AppContext *c = &ctx;

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
            features.append(QJsonObject{{u"layer"_s,
                                            QJsonObject{{u"code"_s, h.layer.code}, {u"name"_s, names(h.layer)},
                                                {u"kind"_s, h.layer.kind}, {u"attribution"_s, h.layer.attribution}}},
                {u"id"_s, h.featureId}, {u"name"_s, h.name}, {u"attributes"_s, jsonObject(h.attributes)},
                {u"distance_m"_s, std::round(h.distanceMeters * 10) / 10}});
        }
        return HttpResponse::json(QJsonObject{
            {u"lat"_s, q.lat}, {u"lon"_s, q.lon}, {u"tolerance_m"_s, q.toleranceMeters}, {u"features"_s, features}});
    });
}

} // namespace dimos
