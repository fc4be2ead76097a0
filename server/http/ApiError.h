#pragma once

#include <QJsonObject>
#include <QString>

#include <stdexcept>

namespace dimos {

// What a handler throws when it cannot do what was asked. One mapping (httpStatus) turns
// the kind into the HTTP status, and one body shape carries it:
//   {"error": {"kind": "conflict", "message": "...", "details": {...}}}
struct ApiError : std::runtime_error
{
    enum class Kind {
        BadRequest, // malformed input
        Validation, // well-formed but not acceptable (a field is wrong)
        Unauthorized, // no or bad credentials
        Forbidden, // credentials fine, role insufficient
        NotFound,
        MethodNotAllowed,
        Conflict, // stale version, duplicate key
        PayloadTooLarge,
        UnsupportedMediaType,
        TooManyRequests,
        Unavailable,
        Internal,
    };

    ApiError(Kind kind, const QString &message, QJsonObject details = {})
        : std::runtime_error(message.toStdString()), kind(kind), message(message), details(std::move(details))
    { }

    Kind kind;
    QString message;
    QJsonObject details;
    int retryAfterSeconds = 0; // TooManyRequests / Unavailable
};

int httpStatus(ApiError::Kind kind);
QString kindName(ApiError::Kind kind);
QJsonObject errorBody(const ApiError &error);

} // namespace dimos
