#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>

#include <functional>

#include "server/http/HttpTypes.h"

namespace dimos {

using HttpHandler = std::function<HttpResponse(HttpRequest &)>;

// Whether a GET route's 200 answers may be kept in the ResponseCache (see there for what a
// cached handler may depend on). maxAgeMs 0: until the data changes; more: also expires after
// that time, for answers that depend on the clock.
struct CachePolicy
{
    bool cached = false;
    qint64 maxAgeMs = 0;

    static CachePolicy untilDataChanges() { return {true, 0}; }
    static CachePolicy forMs(qint64 ms) { return {true, ms}; }
};

// Method + path-pattern routing. Patterns are literal segments and {name} placeholders:
// "/api/v1/reports/{id}". A path that matches a pattern under another method yields 405 with
// the allowed methods (QHttpServer 6.4 answers 404 there).
class Router final
{
public:
    void add(QByteArray method, const QString &pattern, HttpHandler handler, CachePolicy cache = {});

    struct Result
    {
        const HttpHandler *handler = nullptr; // null: not found or method not allowed
        CachePolicy cache;
        QList<QByteArray> allowed; // set when the path exists under other methods
    };
    Result resolve(const QByteArray &method, const QString &path, QHash<QString, QString> *params) const;

    // "METHOD /pattern" for every route, in registration order (the role-matrix test walks it).
    QStringList routeList() const;

    // Answers a GET or HEAD that matches no route when the path is not under one of the
    // machine prefixes (/api/, /open311/, /media/, /feeds/, /map/, /static/, /healthz): a
    // person's browser gets the web pages' translated "not found" page instead of JSON.
    void setPageNotFound(HttpHandler handler) { m_pageNotFound = std::move(handler); }
    const HttpHandler *pageNotFound(const QByteArray &method, const QString &path) const;
    // Answers a request refused for a body over http/max_body_mib (413) when it is a POST to a
    // path outside the machine prefixes: a person's upload form gets a page, not JSON. The
    // handler sees the request's head only (no body, no parameters).
    void setPageTooLarge(HttpHandler handler) { m_pageTooLarge = std::move(handler); }
    const HttpHandler *pageTooLarge(const QByteArray &method, const QString &path) const;

private:
    struct Segment
    {
        QString text; // the literal, or the placeholder's name
        bool placeholder = false;
    };
    struct Route
    {
        QByteArray method;
        QList<Segment> segments;
        HttpHandler handler;
        CachePolicy cache;
    };
    using Segments = QVarLengthArray<QStringView, 12>;
    static bool match(const Route &route, const Segments &segments);
    QList<Route> m_routes;
    HttpHandler m_pageNotFound;
    HttpHandler m_pageTooLarge;
};

} // namespace dimos
