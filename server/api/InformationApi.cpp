#include "InformationApi.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

#include "server/api/ApiHelpers.h"
#include "server/app/AppContext.h"
#include "server/core/InformationService.h"
#include "server/core/PhotoProcessor.h"
#include "server/http/ApiError.h"
#include "server/http/Router.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/InformationRepository.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

ApiError invalid(const QString &message)
{
    return ApiError(ApiError::Kind::Validation, message);
}

LocalizedText textsFrom(const QJsonObject &o, const QString &key, LocalizedText current, int maxLength)
{
    if (!o.contains(key))
        return current;
    const QJsonValue v = o.value(key);
    if (!v.isObject())
        throw invalid(
            u"\"%1\" must be an object with the Greek and English texts: {\"el\": \"…\", \"en\": \"…\"}"_s.arg(key));
    const QJsonObject t = v.toObject();
    return {optionalString(t, u"el"_s, maxLength), optionalString(t, u"en"_s, maxLength)};
}

std::optional<qint64> timeFrom(const QJsonObject &o, const QString &key, std::optional<qint64> current)
{
    if (!o.contains(key))
        return current;
    const QJsonValue v = o.value(key);
    if (v.isNull())
        return std::nullopt;
    const auto t = v.isString() ? parseIsoDateTime(v.toString()) : std::nullopt;
    if (!t)
        throw invalid(u"\"%1\" must be an ISO 8601 date-time such as 2026-06-21T19:00:00+03:00, or null"_s.arg(key));
    return t;
}

// The texts, times and place the body gives, over `item` (fields not in the body stay).
InformationItem itemFrom(const QJsonObject &o, InformationItem item)
{
    if (o.contains(u"category"_s))
        item.categoryCode = optionalString(o, u"category"_s, 64);
    item.title = textsFrom(o, u"title"_s, item.title, InformationService::kMaxTitle);
    item.body = textsFrom(o, u"text"_s, item.body, InformationService::kMaxText);
    item.startsMs = timeFrom(o, u"starts_at"_s, item.startsMs);
    item.endsMs = timeFrom(o, u"ends_at"_s, item.endsMs);
    if (o.contains(u"address"_s))
        item.address = optionalString(o, u"address"_s, InformationService::kMaxAddress);
    if (o.contains(u"lat"_s) || o.contains(u"lon"_s)) {
        const QJsonValue lat = o.value(u"lat"_s), lon = o.value(u"lon"_s);
        if (lat.isNull() && lon.isNull()) {
            item.hasLocation = false;
        } else if (lat.isDouble() && lon.isDouble()) {
            item.hasLocation = true;
            item.lat = lat.toDouble();
            item.lon = lon.toDouble();
        } else {
            throw invalid(u"lat and lon must be given together as numbers (WGS84 degrees), or both null"_s);
        }
    }
    return item;
}

int versionFrom(const QJsonObject &body)
{
    const qint64 version = requireInt(body, u"version"_s);
    if (version < 1 || version > std::numeric_limits<int>::max())
        throw invalid(u"\"version\" must be the item's version as last read"_s);
    return static_cast<int>(version);
}

QJsonObject itemJson(const AppContext &ctx, const StaffUser &user, const InformationItem &item)
{
    QJsonObject o = informationItemToJson(item);
    const std::optional<Category> category = ctx.catalog->category(item.categoryCode);
    o.insert(u"can_edit"_s, category && item.isPublished() && InformationService::canPublish(user, *category));
    return o;
}

HttpResponse itemResponse(const AppContext &ctx, const StaffUser &user, const InformationItem &item, int status = 200)
{
    return HttpResponse::json(QJsonObject{{u"item"_s, itemJson(ctx, user, item)}}, status);
}

InformationItem found(const AppContext &ctx, qint64 id)
{
    std::optional<InformationItem> item = ctx.information->find(id);
    if (!item)
        throw ApiError(ApiError::Kind::NotFound, u"no information item with id %1"_s.arg(id));
    return *item;
}

} // namespace

void registerInformationApi(Router &router, AppContext &ctx)
{
    const AppContext *c = &ctx;
    InformationService *service = ctx.informationService;

    router.add("GET"_ba, u"/api/v1/information/items"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        InformationQuery q;
        q.categories = req.queryValue(u"category"_s).split(u',', Qt::SkipEmptyParts);
        if (req.hasQuery(u"state"_s)) {
            q.state = informationStateFromString(req.queryValue(u"state"_s));
            if (!q.state)
                throw invalid(u"state must be published or withdrawn"_s);
        }
        if (req.hasQuery(u"limit"_s)) {
            bool ok = false;
            q.limit = req.queryValue(u"limit"_s).toInt(&ok);
            if (!ok || q.limit < 1 || q.limit > 1000)
                throw invalid(u"limit must be between 1 and 1000"_s);
        }
        QJsonArray items;
        for (const InformationItem &item : c->information->list(q))
            items.append(itemJson(*c, user, item));
        return HttpResponse::json(QJsonObject{{u"items"_s, items}});
    });
    router.add("POST"_ba, u"/api/v1/information/items"_s, [c, service](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        const QJsonObject body = jsonBody(req);
        if (!body.value(u"category"_s).isString())
            throw invalid(u"\"category\" (the code of an information category) is required"_s);
        return itemResponse(*c, user, service->publish(user, itemFrom(body, {})), 201);
    });
    router.add("GET"_ba, u"/api/v1/information/items/{id}"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        return itemResponse(*c, user, found(*c, pathId(req)));
    });
    router.add("PUT"_ba, u"/api/v1/information/items/{id}"_s, [c, service](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        const QJsonObject body = jsonBody(req);
        const int version = versionFrom(body);
        const InformationItem current = found(*c, pathId(req));
        return itemResponse(*c, user, service->edit(user, current.id, version, itemFrom(body, current)));
    });
    router.add("POST"_ba, u"/api/v1/information/items/{id}/withdraw"_s, [c, service](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        const int version = versionFrom(jsonBody(req));
        return itemResponse(*c, user, service->withdraw(user, pathId(req), version));
    });
    // A photo is sent as the request body itself (Content-Type image/jpeg, image/png or
    // image/webp) and goes through the same checks as a citizen's.
    router.add("POST"_ba, u"/api/v1/information/items/{id}/photos"_s, [c, service](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        const qint64 id = pathId(req);
        found(*c, id);
        const QByteArray type = req.contentType().split(';').first().trimmed().toLower();
        if (!type.startsWith("image/"))
            throw ApiError(ApiError::Kind::UnsupportedMediaType,
                u"send the photo itself as the body, with Content-Type image/jpeg, image/png or image/webp"_s);
        QString why;
        const std::optional<ProcessedPhoto> photo = processPhoto(req.body, type, *c->photoLimits, &why);
        if (!photo)
            throw invalid(u"the photo: "_s + why);
        return itemResponse(*c, user, service->addPhoto(user, id, *photo), 201);
    });
    router.add("DELETE"_ba, u"/api/v1/information/items/{id}/photos/{photo}"_s, [c, service](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        return itemResponse(*c, user, service->removePhoto(user, pathId(req), pathId(req, u"photo"_s)));
    });
}

} // namespace dimos
