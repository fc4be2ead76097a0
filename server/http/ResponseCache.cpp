#include "ResponseCache.h"

#include <QUrl>

#include <algorithm>

#include "shared/util/Clock.h"

namespace dimos {

namespace {
// Bookkeeping per entry besides its key and body: list node, hash node, headers.
constexpr qint64 kEntryOverhead = 256;
} // namespace

ResponseCache::ResponseCache(qint64 maxBytes, const Clock &clock, Probe probe, qint64 maxEntryBytes)
    : m_maxBytes(std::max<qint64>(0, maxBytes)),
      m_maxEntryBytes(maxEntryBytes),
      m_clock(clock),
      m_probe(std::move(probe))
{ }

QByteArray ResponseCache::key(const HttpRequest &request)
{
    QByteArray out = request.path.toUtf8();
    out += '\n';
    out += request.language().toLatin1();
    out += '\n';
    if (request.query.isEmpty())
        return out;
    QList<const std::pair<QString, QString> *> pairs;
    pairs.reserve(request.query.size());
    for (const auto &p : request.query)
        pairs.append(&p);
    std::stable_sort(pairs.begin(), pairs.end(), [](const auto *a, const auto *b) { return a->first < b->first; });
    for (const auto *p : pairs) {
        // Percent-encoded again, so that a name or value holding '=' or '&' cannot collide.
        out += QUrl::toPercentEncoding(p->first);
        out += '=';
        out += QUrl::toPercentEncoding(p->second);
        out += '&';
    }
    return out;
}

void ResponseCache::checkVersion(const Version &now)
{
    if (now == m_version)
        return;
    m_version = now;
    if (!m_lru.empty())
        ++m_stats.invalidations;
    m_lru.clear();
    m_index.clear();
    m_bytes = 0;
}

void ResponseCache::erase(std::list<Entry>::iterator it)
{
    m_bytes -= it->bytes;
    m_index.remove(it->key);
    m_lru.erase(it);
}

ResponseCache::Lookup ResponseCache::find(const QByteArray &key, Asker asker)
{
    Lookup out;
    if (!enabled())
        return out;
    const bool countMiss = asker == Asker::Route;
    out.version = m_probe();
    checkVersion(out.version);
    const auto found = m_index.constFind(key);
    if (found == m_index.constEnd()) {
        m_stats.misses += countMiss;
        return out;
    }
    const auto it = *found;
    if (it->expiresMs != 0 && m_clock.nowMs() >= it->expiresMs) {
        erase(it);
        m_stats.misses += countMiss;
        return out;
    }
    m_lru.splice(m_lru.begin(), m_lru, it);
    ++m_stats.hits;
    m_stats.hitsBeforeParsing += asker == Asker::BeforeParsing;
    out.hit = &it->response;
    return out;
}

void ResponseCache::insert(const QByteArray &key, const HttpResponse &response, const Version &seen, qint64 maxAgeMs)
{
    if (!enabled() || response.status != 200)
        return;
    qint64 bytes = kEntryOverhead + key.size() + response.body.size() + response.contentType.size();
    for (const auto &[name, value] : response.headers)
        bytes += name.size() + value.size() + 32;
    if (response.body.size() > m_maxEntryBytes || bytes > m_maxBytes)
        return;
    const Version now = m_probe();
    checkVersion(now);
    if (now != seen)
        return; // written while it was rendered: it may already be stale
    if (const auto old = m_index.constFind(key); old != m_index.constEnd())
        erase(*old);
    while (m_bytes + bytes > m_maxBytes && !m_lru.empty()) {
        erase(std::prev(m_lru.end()));
        ++m_stats.evictions;
    }
    m_lru.push_front({key, response, maxAgeMs > 0 ? m_clock.nowMs() + maxAgeMs : 0, bytes});
    m_index.insert(key, m_lru.begin());
    m_bytes += bytes;
}

ResponseCache::Stats ResponseCache::stats() const
{
    Stats s = m_stats;
    s.entries = static_cast<qint64>(m_lru.size());
    s.bytes = m_bytes;
    return s;
}

} // namespace dimos
