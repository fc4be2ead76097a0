#include "LiveHello.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
// Whole numbers a double holds exactly, and far beyond any seq or id.
constexpr double kLargestWhole = 9.0e15;

bool isWhole(double v)
{
    return std::isfinite(v) && v == std::floor(v) && std::fabs(v) <= kLargestWhole;
}
} // namespace

std::optional<LiveHello> LiveHello::parse(QByteArrayView utf8, QString *error)
{
    auto bad = [error](const QString &message) {
        *error = message;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8.toByteArray(), &parseError);
    const QJsonObject hello = doc.object();
    if (!doc.isObject() || hello.value(u"type"_s).toString() != u"hello")
        return bad(u"the first message must be a JSON object with \"type\": \"hello\""_s);

    LiveHello out;
    const QJsonValue token = hello.value(u"token"_s);
    if (!token.isUndefined() && !token.isNull() && !token.isString())
        return bad(u"\"token\" must be the string the sign-in answered with"_s);
    out.token = token.toString();

    const QJsonValue since = hello.value(u"since"_s);
    if (!since.isUndefined() && !since.isNull()) {
        const double v = since.isDouble() ? since.toDouble() : -2;
        if (!isWhole(v) || v < -1)
            return bad(u"\"since\" must be the last seq applied (a whole number), or -1"_s);
        out.since = static_cast<qint64>(v);
    }

    const QJsonValue deps = hello.value(u"departments"_s);
    if (!deps.isUndefined() && !deps.isNull()) {
        if (!deps.isArray())
            return bad(u"\"departments\" must be an array of department ids"_s);
        for (const QJsonValue &d : deps.toArray()) {
            if (!d.isDouble() || !isWhole(d.toDouble()))
                return bad(u"\"departments\" must be an array of department ids"_s);
            out.departments.insert(static_cast<qint64>(d.toDouble()));
        }
    }
    const QJsonValue cats = hello.value(u"categories"_s);
    if (!cats.isUndefined() && !cats.isNull()) {
        if (!cats.isArray())
            return bad(u"\"categories\" must be an array of service codes"_s);
        for (const QJsonValue &c : cats.toArray()) {
            if (!c.isString())
                return bad(u"\"categories\" must be an array of service codes"_s);
            out.categories.insert(c.toString());
        }
    }
    return out;
}

} // namespace dimos
