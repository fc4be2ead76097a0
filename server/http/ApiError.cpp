#include "ApiError.h"

using namespace Qt::StringLiterals;

namespace dimos {

int httpStatus(ApiError::Kind kind)
{
    switch (kind) {
    case ApiError::Kind::BadRequest:
        return 400;
    case ApiError::Kind::Validation:
        return 422;
    case ApiError::Kind::Unauthorized:
        return 401;
    case ApiError::Kind::Forbidden:
        return 403;
    case ApiError::Kind::NotFound:
        return 404;
    case ApiError::Kind::MethodNotAllowed:
        return 405;
    case ApiError::Kind::Conflict:
        return 409;
    case ApiError::Kind::PayloadTooLarge:
        return 413;
    case ApiError::Kind::UnsupportedMediaType:
        return 415;
    case ApiError::Kind::TooManyRequests:
        return 429;
    case ApiError::Kind::Unavailable:
        return 503;
    case ApiError::Kind::Internal:
        return 500;
    }
    return 500;
}

QString kindName(ApiError::Kind kind)
{
    switch (kind) {
    case ApiError::Kind::BadRequest:
        return u"bad_request"_s;
    case ApiError::Kind::Validation:
        return u"validation"_s;
    case ApiError::Kind::Unauthorized:
        return u"unauthorized"_s;
    case ApiError::Kind::Forbidden:
        return u"forbidden"_s;
    case ApiError::Kind::NotFound:
        return u"not_found"_s;
    case ApiError::Kind::MethodNotAllowed:
        return u"method_not_allowed"_s;
    case ApiError::Kind::Conflict:
        return u"conflict"_s;
    case ApiError::Kind::PayloadTooLarge:
        return u"payload_too_large"_s;
    case ApiError::Kind::UnsupportedMediaType:
        return u"unsupported_media_type"_s;
    case ApiError::Kind::TooManyRequests:
        return u"too_many_requests"_s;
    case ApiError::Kind::Unavailable:
        return u"unavailable"_s;
    case ApiError::Kind::Internal:
        return u"internal"_s;
    }
    return u"internal"_s;
}

QJsonObject errorBody(const ApiError &error)
{
    QJsonObject e{{u"kind"_s, kindName(error.kind)}, {u"message"_s, error.message}};
    if (!error.details.isEmpty())
        e.insert(u"details"_s, error.details);
    return QJsonObject{{u"error"_s, e}};
}

} // namespace dimos
