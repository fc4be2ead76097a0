#include "AdminApi.h"

#include <QJsonArray>
#include <QRandomGenerator>

#include "server/api/ApiHelpers.h"
#include "server/app/AppContext.h"
#include "server/core/AuthService.h"
#include "server/core/PasswordHasher.h"
#include "server/gis/GisLayers.h"
#include "server/gis/LayerKind.h"
#include "server/http/ApiError.h"
#include "server/http/Router.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/RoutingRuleRepository.h"
#include "server/storage/UserRepository.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

ApiError invalid(const QString &message)
{
    return ApiError(ApiError::Kind::Validation, message);
}

QJsonValue idOrNull(const std::optional<qint64> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonObject ruleJson(const RoutingRule &r)
{
    return QJsonObject{{u"id"_s, r.id}, {u"category"_s, r.categoryCode}, {u"layer"_s, r.layerCode},
        {u"area"_s, r.featureName}, {u"department_id"_s, idOrNull(r.departmentId)},
        {u"assignee_id"_s, idOrNull(r.assigneeId)}, {u"order"_s, r.order}, {u"active"_s, r.active},
        {u"updated_ms"_s, r.updatedMs}};
}

// The named features of a polygon layer, in import order; nothing when there is no such layer
// or it holds no areas.
std::optional<QStringList> areaNames(AppContext &ctx, const QString &layerCode)
{
    const SpatialIndex &index = ctx.gis->index();
    const auto layer = index.layer(layerCode);
    if (!layer)
        return std::nullopt;
    const auto kind = layerKindFromString(layer->info.kind);
    if (!kind || geometryFamily(*kind) != GeometryFamily::Polygonal)
        return std::nullopt;
    QStringList names;
    for (const SpatialIndex::Hit &h : index.featuresOfKind(layer->info.kind))
        if (h.layer.code == layerCode && !h.name.isEmpty() && !names.contains(h.name))
            names.append(h.name);
    return names;
}

std::optional<qint64> idField(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isNull() || v.isUndefined())
        return std::nullopt;
    if (!v.isDouble() || v.toDouble() != double(v.toInteger()) || v.toInteger() < 1)
        throw invalid(u"%1 must be an id, or null"_s.arg(key));
    return v.toInteger();
}

RoutingRule ruleFrom(AppContext &ctx, const QJsonObject &o, RoutingRule r)
{
    if (o.contains(u"category"_s))
        r.categoryCode = optionalString(o, u"category"_s, 64);
    const auto category = ctx.catalog->category(r.categoryCode);
    if (!category)
        throw invalid(u"category: no category with code \"%1\""_s.arg(r.categoryCode.left(64)));
    if (category->isInformation())
        throw invalid(
            u"category: \"%1\" is an information category; it takes no reports to route"_s.arg(r.categoryCode));
    if (o.contains(u"layer"_s))
        r.layerCode = optionalString(o, u"layer"_s, 64).trimmed();
    if (o.contains(u"area"_s))
        r.featureName = optionalString(o, u"area"_s, 200).trimmed();
    if (r.layerCode.isEmpty() != r.featureName.isEmpty())
        throw invalid(u"layer and area go together: a GIS layer's code and the name of one of its areas, or neither"_s);
    if (r.hasArea()) {
        const auto names = areaNames(ctx, r.layerCode);
        if (!names)
            throw invalid(u"layer: no GIS layer of areas with code \"%1\" (see GET /api/v1/routing-rules/areas)"_s.arg(
                r.layerCode.left(64)));
        if (!names->contains(r.featureName))
            throw invalid(u"area: layer \"%1\" has no area named \"%2\""_s.arg(r.layerCode, r.featureName.left(200)));
    }
    if (o.contains(u"department_id"_s))
        r.departmentId = idField(o, u"department_id"_s);
    if (o.contains(u"assignee_id"_s))
        r.assigneeId = idField(o, u"assignee_id"_s);
    if (!r.departmentId && !r.assigneeId)
        throw invalid(u"a rule sends reports somewhere: give department_id, assignee_id or both"_s);
    if (r.departmentId) {
        const auto d = ctx.catalog->department(*r.departmentId);
        if (!d || !d->active)
            throw invalid(u"department_id: no active department with id %1"_s.arg(*r.departmentId));
    }
    if (r.assigneeId) {
        const auto u = ctx.users->findById(*r.assigneeId);
        if (!u || !u->active)
            throw invalid(u"assignee_id: no active user with id %1"_s.arg(*r.assigneeId));
        const qint64 department = r.departmentId.value_or(category->departmentId);
        if (department <= 0 || !u->inDepartment(department))
            throw invalid(u"assignee_id: %1 is not a member of the department the rule sends reports to"_s.arg(
                u->displayName.isEmpty() ? u->username : u->displayName));
    }
    if (o.contains(u"order"_s)) {
        const QJsonValue v = o.value(u"order"_s);
        if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < 0 || v.toInt() > 10000)
            throw invalid(u"order must be a whole number from 0 to 10000 (lower wins)"_s);
        r.order = v.toInt();
    }
    if (o.contains(u"active"_s)) {
        if (!o.value(u"active"_s).isBool())
            throw invalid(u"active must be true or false"_s);
        r.active = o.value(u"active"_s).toBool();
    }
    return r;
}

// 16 letters and digits without the look-alikes (0/O, 1/l/I): read aloud or typed from a note.
QString generatedPassword()
{
    static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QString out;
    for (int i = 0; i < 16; ++i) {
        out.append(QChar::fromLatin1(kAlphabet[QRandomGenerator::system()->bounded(int(sizeof(kAlphabet) - 1))]));
        if (i % 4 == 3 && i < 15)
            out.append(u'-');
    }
    return out;
}

} // namespace

void registerAdminApi(Router &router, AppContext &ctx)
{
    AppContext *c = &ctx;

    // Routing rules (admins).
    router.add("GET"_ba, u"/api/v1/routing-rules"_s, [c](HttpRequest &req) {
        requireRole(requireStaff(*c, req), Role::Admin);
        QJsonArray items;
        for (const RoutingRule &r : c->routingRules->list())
            items.append(ruleJson(r));
        return HttpResponse::json(QJsonObject{{u"rules"_s, items}});
    });
    router.add("GET"_ba, u"/api/v1/routing-rules/areas"_s, [c](HttpRequest &req) {
        requireRole(requireStaff(*c, req), Role::Admin);
        QJsonArray layers;
        for (const SpatialIndex::Layer &l : c->gis->index().layers()) {
            const auto names = areaNames(*c, l.info.code);
            if (!names)
                continue;
            layers.append(QJsonObject{{u"code"_s, l.info.code},
                {u"name"_s, QJsonObject{{u"el"_s, l.info.nameEl}, {u"en"_s, l.info.nameEn}}}, {u"kind"_s, l.info.kind},
                {u"areas"_s, QJsonArray::fromStringList(*names)}});
        }
        return HttpResponse::json(QJsonObject{{u"layers"_s, layers}});
    });
    router.add("POST"_ba, u"/api/v1/routing-rules"_s, [c](HttpRequest &req) {
        requireRole(requireStaff(*c, req), Role::Admin);
        RoutingRule r = ruleFrom(*c, jsonBody(req), {});
        r.id = c->routingRules->insert(r, c->clock->nowMs());
        return HttpResponse::json(QJsonObject{{u"rule"_s, ruleJson(*c->routingRules->find(r.id))}}, 201);
    });
    router.add("PUT"_ba, u"/api/v1/routing-rules/{id}"_s, [c](HttpRequest &req) {
        requireRole(requireStaff(*c, req), Role::Admin);
        const auto existing = c->routingRules->find(pathId(req));
        if (!existing)
            throw ApiError(ApiError::Kind::NotFound, u"no routing rule with id %1"_s.arg(pathId(req)));
        const RoutingRule r = ruleFrom(*c, jsonBody(req), *existing);
        c->routingRules->update(r, c->clock->nowMs());
        return HttpResponse::json(QJsonObject{{u"rule"_s, ruleJson(*c->routingRules->find(r.id))}});
    });
    router.add("DELETE"_ba, u"/api/v1/routing-rules/{id}"_s, [c](HttpRequest &req) {
        requireRole(requireStaff(*c, req), Role::Admin);
        if (!c->routingRules->remove(pathId(req)))
            throw ApiError(ApiError::Kind::NotFound, u"no routing rule with id %1"_s.arg(pathId(req)));
        return HttpResponse::empty(204);
    });

    // An administrator gives a user a new password: typed, or generated here. The answer shows
    // it once; the user's sessions end and the desk asks them to choose their own.
    router.add("POST"_ba, u"/api/v1/users/{id}/password"_s, [c](HttpRequest &req) {
        const StaffUser admin = requireStaff(*c, req);
        requireRole(admin, Role::Admin);
        const auto user = c->users->findById(pathId(req));
        if (!user)
            throw ApiError(ApiError::Kind::NotFound, u"no user with id %1"_s.arg(pathId(req)));
        if (user->id == admin.id)
            throw invalid(u"change your own password with POST /api/v1/me/password"_s);
        const QJsonObject body = req.body.isEmpty() ? QJsonObject() : jsonBody(req);
        const bool typed = body.contains(u"password"_s);
        const QString password = typed ? optionalString(body, u"password"_s, 256) : generatedPassword();
        c->auth->setPassword(user->username, password, true);
        return HttpResponse::json(QJsonObject{
            {u"user"_s, c->users->findById(user->id)->toJson()}, {u"password"_s, password}, {u"generated"_s, !typed}});
    });
    router.add("POST"_ba, u"/api/v1/me/password"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        const QJsonObject body = jsonBody(req);
        c->auth->changeOwnPassword(user, optionalString(body, u"current_password"_s, 256),
            optionalString(body, u"password"_s, 256),
            PasswordHasher::secretDigest(QString::fromLatin1(req.header("authorization").mid(7).trimmed())));
        return HttpResponse::json(QJsonObject{{u"user"_s, c->users->findById(user.id)->toJson()}});
    });
}

} // namespace dimos
