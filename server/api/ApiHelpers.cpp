#include "ApiHelpers.h"

#include <QJsonDocument>

#include "server/app/AppContext.h"
#include "server/core/AuthService.h"
#include "server/http/ApiError.h"
#include "server/storage/Database.h"
#include "server/storage/EventRepository.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

namespace dimos {

StaffUser requireStaff(const AppContext &ctx, const HttpRequest &request)
{
    const QByteArray header = request.header("authorization");
    if (!header.startsWith("Bearer "))
        throw ApiError(ApiError::Kind::Unauthorized,
            u"sign in first: send \"Authorization: Bearer <token>\" with a token from /api/v1/auth/login"_s);
    const std::optional<StaffUser> user = ctx.auth->authenticate(QString::fromLatin1(header.mid(7).trimmed()));
    if (!user)
        throw ApiError(ApiError::Kind::Unauthorized, u"the session has expired or was ended; sign in again"_s);
    return *user;
}

void requireRole(const StaffUser &user, Role role)
{
    if (static_cast<int>(user.role) < static_cast<int>(role))
        throw ApiError(ApiError::Kind::Forbidden,
            u"this needs the %1 role; you are %2"_s.arg(roleToString(role), roleToString(user.role)));
}

QJsonObject jsonBody(const HttpRequest &request)
{
    const QByteArray type = request.contentType().toLower();
    if (!type.startsWith("application/json"))
        throw ApiError(
            ApiError::Kind::UnsupportedMediaType, u"send the body as JSON with \"Content-Type: application/json\""_s);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError)
        throw ApiError(ApiError::Kind::BadRequest,
            u"the JSON body is malformed at offset %1: %2"_s.arg(error.offset).arg(error.errorString()));
    if (!doc.isObject())
        throw ApiError(ApiError::Kind::BadRequest, u"the JSON body must be an object"_s);
    return doc.object();
}

qint64 requireInt(const QJsonObject &o, const QString &key)
{
    const auto v = optionalInt(o, key);
    if (!v)
        throw ApiError(ApiError::Kind::Validation, u"\"%1\" is required (a whole number)"_s.arg(key));
    return *v;
}

std::optional<qint64> optionalInt(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || d != std::floor(d) || std::abs(d) > 9e15)
        throw ApiError(ApiError::Kind::Validation, u"\"%1\" must be a whole number"_s.arg(key));
    return static_cast<qint64>(d);
}

QString optionalString(const QJsonObject &o, const QString &key, int maxLength)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isString())
        throw ApiError(ApiError::Kind::Validation, u"\"%1\" must be a string"_s.arg(key));
    const QString s = v.toString();
    if (s.size() > maxLength)
        throw ApiError(ApiError::Kind::Validation,
            u"\"%1\" is %2 characters long; the limit is %3"_s.arg(key).arg(s.size()).arg(maxLength));
    return s;
}

qint64 pathId(const HttpRequest &request, const QString &name)
{
    bool ok = false;
    const qint64 id = request.params.value(name).toLongLong(&ok);
    if (!ok || id <= 0)
        throw ApiError(
            ApiError::Kind::NotFound, u"\"%1\" is not a valid id"_s.arg(request.params.value(name).left(32)));
    return id;
}

void changeCatalog(const AppContext &ctx, const QString &what, const std::function<void()> &change)
{
    ctx.db->transaction([&] {
        change();
        StoredEvent e;
        e.atMs = ctx.clock->nowMs();
        e.type = u"catalog.updated"_s;
        e.entity = u"catalog"_s;
        e.payload = QJsonDocument(QJsonObject{{u"changed"_s, what}}).toJson(QJsonDocument::Compact);
        ctx.events->append(e);
        ctx.db->afterCommit([&ctx] {
            if (ctx.eventsCommitted)
                ctx.eventsCommitted();
        });
    });
}

} // namespace dimos
