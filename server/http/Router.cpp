#include "Router.h"

using namespace Qt::StringLiterals;

namespace dimos {

void Router::add(QByteArray method, const QString &pattern, HttpHandler handler, CachePolicy cache)
{
    Q_ASSERT(!cache.cached || method == "GET");
    QList<Segment> segments;
    for (const QString &p : pattern.split(u'/', Qt::SkipEmptyParts)) {
        if (p.size() > 2 && p.startsWith(u'{') && p.endsWith(u'}'))
            segments.append({p.mid(1, p.size() - 2), true});
        else
            segments.append({p, false});
    }
    m_routes.append({std::move(method), std::move(segments), std::move(handler), cache});
}

bool Router::match(const Route &route, const Segments &segments)
{
    if (route.segments.size() != segments.size())
        return false;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const Segment &s = route.segments[i];
        if (s.placeholder ? segments[i].isEmpty() : s.text != segments[i])
            return false;
    }
    return true;
}

QStringList Router::routeList() const
{
    QStringList out;
    for (const Route &r : m_routes) {
        QString path;
        for (const Segment &s : r.segments)
            path += s.placeholder ? QString(u"/{"_s + s.text + u'}') : QString(u'/' + s.text);
        out.append(QString::fromLatin1(r.method) + u' ' + (path.isEmpty() ? u"/"_s : path));
    }
    return out;
}

Router::Result Router::resolve(const QByteArray &method, const QString &path, QHash<QString, QString> *params) const
{
    // Split without allocating: this runs for every request.
    Segments segments;
    const QStringView rest(path);
    for (qsizetype at = 0; at < rest.size();) {
        qsizetype end = rest.indexOf(u'/', at);
        if (end < 0)
            end = rest.size();
        if (end > at)
            segments.append(rest.sliced(at, end - at));
        at = end + 1;
    }
    Result result;
    // Routes of this method first: the other methods are only looked at for a 404 or 405.
    for (const Route &route : m_routes) {
        if (route.segments.size() != segments.size() || route.method != method || !match(route, segments))
            continue;
        params->clear();
        for (qsizetype i = 0; i < segments.size(); ++i)
            if (route.segments[i].placeholder)
                params->insert(route.segments[i].text, segments[i].toString());
        result.handler = &route.handler;
        result.cache = route.cache;
        return result;
    }
    for (const Route &route : m_routes)
        if (route.method != method && !result.allowed.contains(route.method) && match(route, segments))
            result.allowed.append(route.method);
    return result;
}

namespace {

bool isMachinePath(const QString &path)
{
    for (QStringView prefix : {u"/api/", u"/open311/", u"/media/", u"/feeds/", u"/map/", u"/static/", u"/healthz"})
        if (path.startsWith(prefix) || path == prefix.chopped(1))
            return true;
    return false;
}

} // namespace

const HttpHandler *Router::pageNotFound(const QByteArray &method, const QString &path) const
{
    if (!m_pageNotFound || (method != "GET" && method != "HEAD") || isMachinePath(path))
        return nullptr;
    return &m_pageNotFound;
}

const HttpHandler *Router::pageTooLarge(const QByteArray &method, const QString &path) const
{
    if (!m_pageTooLarge || method != "POST" || isMachinePath(path))
        return nullptr;
    return &m_pageTooLarge;
}

} // namespace dimos
