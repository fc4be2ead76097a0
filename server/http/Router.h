#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

#include "server/http/HttpTypes.h"

namespace dimos {

using HttpHandler = std::function<HttpResponse(HttpRequest &)>;

// Method + path-pattern routing. Patterns are literal segments and {name} placeholders:
// "/api/v1/reports/{id}". A path that matches a pattern under another method yields 405 with
// the allowed methods (QHttpServer 6.4 answers 404 there).
class Router final
{
public:
    void add(QByteArray method, const QString &pattern, HttpHandler handler);

    struct Result
    {
        const HttpHandler *handler = nullptr; // null: not found or method not allowed
        QList<QByteArray> allowed; // set when the path exists under other methods
    };
    Result resolve(const QByteArray &method, const QString &path, QHash<QString, QString> *params) const;

    // "METHOD /pattern" for every route, in registration order (the role-matrix test walks it).
    QStringList routeList() const;

private:
    struct Route
    {
        QByteArray method;
        QStringList segments;
        HttpHandler handler;
    };
    static bool match(const Route &route, const QList<QStringView> &segments, QHash<QString, QString> *params);
    QList<Route> m_routes;
};

} // namespace dimos
