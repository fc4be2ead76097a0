#pragma once

#include <QJsonObject>
#include <QString>

#include <functional>
#include <optional>

#include "server/core/StaffUser.h"
#include "server/http/HttpTypes.h"

namespace dimos {

struct AppContext;

// The staff user behind "Authorization: Bearer <token>"; throws ApiError Unauthorized.
StaffUser requireStaff(const AppContext &ctx, const HttpRequest &request);
// Throws ApiError Forbidden unless the user has at least `role`.
void requireRole(const StaffUser &user, Role role);

// The request body as a JSON object; throws UnsupportedMediaType / BadRequest.
QJsonObject jsonBody(const HttpRequest &request);
// Field readers that throw ApiError Validation naming the field.
qint64 requireInt(const QJsonObject &o, const QString &key);
std::optional<qint64> optionalInt(const QJsonObject &o, const QString &key);
QString optionalString(const QJsonObject &o, const QString &key, int maxLength = 4000);
qint64 pathId(const HttpRequest &request, const QString &name = QStringLiteral("id"));

// Runs `change` (a write to the departments, categories or staff users) and logs, in the same
// transaction, the live event "catalog.updated" naming what changed ("departments",
// "categories", "users"): every signed-in desk reloads that table (docs/api/live.md).
void changeCatalog(const AppContext &ctx, const QString &what, const std::function<void()> &change);

} // namespace dimos
