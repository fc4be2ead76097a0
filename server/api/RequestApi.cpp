#include "RequestApi.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QUrl>

#include <limits>

#include "server/api/ApiHelpers.h"
#include "server/app/AppContext.h"
#include "server/core/RequestService.h"
#include "server/http/ApiError.h"
#include "server/http/Router.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcRequestApi, "dimos.requests.api")

namespace dimos {

namespace {

std::optional<qint64> queryId(const HttpRequest &req, const QString &name)
{
    const QString text = req.queryValue(name);
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v <= 0)
        throw ApiError(
            ApiError::Kind::BadRequest, u"%1 must be a positive whole number, not \"%2\""_s.arg(name, text.left(40)));
    return v;
}

std::optional<qint64> queryTime(const HttpRequest &req, const QString &name)
{
    const QString text = req.queryValue(name);
    if (text.isEmpty())
        return std::nullopt;
    const std::optional<qint64> ms = parseIsoDateTime(text);
    if (!ms)
        throw ApiError(ApiError::Kind::BadRequest,
            u"%1 must be a date (2026-03-01) or date and time (2026-03-01T09:00:00+02:00), not \"%2\""_s.arg(
                name, text.left(40)));
    return ms;
}

int versionOf(const QJsonObject &body)
{
    const qint64 v = requireInt(body, u"version"_s);
    if (v < 1 || v > std::numeric_limits<int>::max())
        throw ApiError(ApiError::Kind::Validation, u"version must be the request's version as you read it"_s);
    return int(v);
}

// "attachment" with the name as sent, made safe for the header: an ASCII fallback and the
// UTF-8 name (RFC 6266 / 5987).
QByteArray disposition(const QString &fileName)
{
    QString ascii;
    for (QChar c : fileName) {
        const char16_t u = c.unicode();
        ascii.append(u >= 0x20 && u < 0x7F && u != u'"' && u != u'\\' && u != u';' ? c : QChar(u'_'));
    }
    QString cleaned;
    for (QChar c : fileName)
        if (c.unicode() >= 0x20 && c.unicode() != 0x7F)
            cleaned.append(c);
    if (ascii.isEmpty())
        ascii = u"document"_s;
    return "attachment; filename=\"" + ascii.toLatin1() + "\"; filename*=UTF-8''"
        + QUrl::toPercentEncoding(cleaned.isEmpty() ? ascii : cleaned);
}

HttpResponse fileResponse(const ServedFile &f)
{
    HttpResponse r = HttpResponse::bytes(f.data, f.mediaType.toLatin1());
    r.withHeader("Content-Disposition"_ba, disposition(f.fileName));
    r.withHeader("Cache-Control"_ba, "no-store"_ba);
    return r;
}

AuditActor actorOf(const HttpRequest &req)
{
    return AuditActor{req.remote.toString()};
}

} // namespace

void registerRequestApi(Router &router, AppContext &ctx)
{
    AppContext *c = &ctx;

    router.add("GET"_ba, u"/api/v1/request-types"_s, [c](HttpRequest &req) {
        requireStaff(*c, req);
        QJsonArray items;
        for (const RequestType &t : c->requestService->types())
            items.append(RequestService::typeJson(t));
        return HttpResponse::json(QJsonObject{{u"request_types"_s, items}});
    });

    router.add("POST"_ba, u"/api/v1/request-types"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        requireRole(user, Role::Admin);
        const RequestType t = c->requestService->saveType(RequestService::typeFromJson(jsonBody(req)), true);
        qCInfo(lcRequestApi).noquote() << user.username << "created request type" << t.code;
        return HttpResponse::json(QJsonObject{{u"request_type"_s, RequestService::typeJson(t)}}, 201);
    });

    router.add("PUT"_ba, u"/api/v1/request-types/{code}"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        requireRole(user, Role::Admin);
        QJsonObject body = jsonBody(req);
        const QString code = req.params.value(u"code"_s);
        if (body.contains(u"code"_s) && body.value(u"code"_s).toString() != code)
            throw ApiError(ApiError::Kind::Validation, u"code: a request type's code cannot change"_s);
        body.insert(u"code"_s, code);
        const RequestType t = c->requestService->saveType(RequestService::typeFromJson(body), false);
        qCInfo(lcRequestApi).noquote() << user.username << "changed request type" << t.code;
        return HttpResponse::json(QJsonObject{{u"request_type"_s, RequestService::typeJson(t)}});
    });

    router.add("GET"_ba, u"/api/v1/requests"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        const QString open = req.queryValue(u"open"_s);
        if (!open.isEmpty() && open != u"0" && open != u"1")
            throw ApiError(ApiError::Kind::BadRequest, u"open must be 1 (open requests only) or 0"_s);
        QJsonArray items;
        for (const CitizenRequest &r :
            c->requestService->queue(user, queryId(req, u"department_id"_s), req.queryValue(u"status"_s), open == u"1"))
            items.append(c->requestService->itemJson(r));
        return HttpResponse::json(QJsonObject{{u"requests"_s, items}});
    });

    router.add("GET"_ba, u"/api/v1/requests/{id}"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        const CitizenRequest r = c->requestService->view(user, pathId(req), actorOf(req));
        return HttpResponse::json(QJsonObject{{u"request"_s, c->requestService->detailJson(r)}})
            .withHeader("Cache-Control"_ba, "no-store"_ba);
    });

    router.add("GET"_ba, u"/api/v1/requests/{id}/documents/{docId}"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        return fileResponse(c->requestService->staffDocument(user, pathId(req), pathId(req, u"docId"_s), actorOf(req)));
    });

    router.add("GET"_ba, u"/api/v1/requests/{id}/answer.pdf"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        return fileResponse(c->requestService->staffAnswer(user, pathId(req), actorOf(req)));
    });

    router.add("POST"_ba, u"/api/v1/requests/{id}/claim"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        const QJsonObject body = jsonBody(req);
        const CitizenRequest r = c->requestService->claim(user, pathId(req), versionOf(body));
        return HttpResponse::json(QJsonObject{{u"request"_s, c->requestService->detailJson(r)}});
    });

    router.add("POST"_ba, u"/api/v1/requests/{id}/ask"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        const QJsonObject body = jsonBody(req);
        const CitizenRequest r
            = c->requestService->ask(user, pathId(req), versionOf(body), optionalString(body, u"text"_s));
        return HttpResponse::json(QJsonObject{{u"request"_s, c->requestService->detailJson(r)}});
    });

    router.add("POST"_ba, u"/api/v1/requests/{id}/issue"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        const QJsonObject body = jsonBody(req);
        const int version = versionOf(body);
        if (!c->answerRenderer)
            throw ApiError(ApiError::Kind::Unavailable,
                u"this server cannot make answer PDFs (no renderer is set up); nothing was issued"_s);
        const CitizenRequest r
            = c->requestService->issue(user, pathId(req), version, optionalString(body, u"note"_s), *c->answerRenderer);
        qCInfo(lcRequestApi).noquote() << user.username << "issued the answer to request" << r.id;
        return HttpResponse::json(QJsonObject{{u"request"_s, c->requestService->detailJson(r)}});
    });

    router.add("POST"_ba, u"/api/v1/requests/{id}/reject"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        const QJsonObject body = jsonBody(req);
        const CitizenRequest r
            = c->requestService->reject(user, pathId(req), versionOf(body), optionalString(body, u"reason"_s));
        qCInfo(lcRequestApi).noquote() << user.username << "rejected request" << r.id;
        return HttpResponse::json(QJsonObject{{u"request"_s, c->requestService->detailJson(r)}});
    });

    router.add("GET"_ba, u"/api/v1/audit"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        requireRole(user, Role::Admin);
        AuditQuery q;
        q.requestId = queryId(req, u"request_id"_s);
        q.fromMs = queryTime(req, u"from"_s);
        q.toMs = queryTime(req, u"to"_s);
        QJsonArray items;
        for (const AuditEntry &e : c->requestService->audit(q))
            items.append(e.toJson());
        return HttpResponse::json(QJsonObject{{u"entries"_s, items}});
    });
}

} // namespace dimos
