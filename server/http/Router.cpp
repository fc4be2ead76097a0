#include "Router.h"

using namespace Qt::StringLiterals;

namespace dimos {

void Router::add(QByteArray method, const QString &pattern, HttpHandler handler, CachePolicy cache)
{
    Q_ASSERT(!cache.cached || method == "GET");
    m_routes.append({std::move(method), pattern.split(u'/', Qt::SkipEmptyParts), std::move(handler), cache});
}

bool Router::match(const Route &route, const QList<QStringView> &segments, QHash<QString, QString> *params)
{
    if (route.segments.size() != segments.size())
        return false;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &p = route.segments[i];
        if (p.startsWith(u'{') && p.endsWith(u'}')) {
            if (segments[i].isEmpty())
                return false;
            if (params)
                params->insert(p.mid(1, p.size() - 2), segments[i].toString());
        } else if (p != segments[i]) {
            return false;
        }
    }
    return true;
}

QStringList Router::routeList() const
{
    QStringList out;
    for (const Route &r : m_routes)
        out.append(QString::fromLatin1(r.method) + u" /"_s + r.segments.join(u'/'));
    return out;
}

Router::Result Router::resolve(const QByteArray &method, const QString &path, QHash<QString, QString> *params) const
{
    const QList<QStringView> segments = QStringView(path).split(u'/', Qt::SkipEmptyParts);
    Result result;
    for (const Route &route : m_routes) {
        if (route.method == method) {
            QHash<QString, QString> captured;
            if (match(route, segments, &captured)) {
                *params = std::move(captured);
                result.handler = &route.handler;
                result.cache = route.cache;
                return result;
            }
        } else if (match(route, segments, nullptr) && !result.allowed.contains(route.method)) {
            result.allowed.append(route.method);
        }
    }
    return result;
}

} // namespace dimos
