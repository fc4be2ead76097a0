#pragma once

#include <QByteArray>
#include <QHash>

#include <functional>
#include <list>
#include <utility>

#include "server/http/HttpTypes.h"

namespace dimos {

class Clock;

// Rendered answers of public GET routes (the Open311 reads), so that clients polling the same
// page do not make dimosd run SQL and render JSON again. Only routes registered with a
// CachePolicy (Router::add) use it, and only their 200 answers are kept.
//
// An entry is keyed by the path, the normalised query and the reader's language (key()); a
// cached route's handler must depend on nothing else from the request — no API key check
// whose outcome is not in the key, no rate limit, no token, nothing personal.
//
// Every entry is dropped when the data version changes: `probe` returns a value that changes
// whenever this process or another one (the dimosd CLI, a second connection) has written to
// the database, and it is asked once per lookup. An entry also expires after the route's
// maxAgeMs when its answer depends on the clock (the default 90-day window of requests.json).
// The whole cache is bounded in bytes (least recently used entries go first), and an answer
// larger than maxEntryBytes is not kept. maxBytes 0 disables the cache. One thread only.
class ResponseCache final
{
public:
    using Version = std::pair<qint64, qint64>;
    using Probe = std::function<Version()>;

    static constexpr qint64 kDefaultMaxEntryBytes = 4 * 1024 * 1024;

    ResponseCache(qint64 maxBytes, const Clock &clock, Probe probe, qint64 maxEntryBytes = kDefaultMaxEntryBytes);
    Q_DISABLE_COPY_MOVE(ResponseCache)

    bool enabled() const { return m_maxBytes > 0; }

    // "path\nlanguage\nname=value&…" with the query pairs ordered by name; the values of one
    // name keep their order, since a handler may read the first of them.
    static QByteArray key(const HttpRequest &request);

    struct Lookup
    {
        const HttpResponse *hit = nullptr; // valid until the next call into the cache
        Version version; // pass to insert() on a miss
    };
    // Who asks: the route's usual way (a miss is then rendered and inserted), or HttpFront
    // before QHttpServer parses the request (a miss then takes the usual way and asks again,
    // so it is not counted twice; a hit is counted in hitsBeforeParsing as well).
    enum class Asker { Route, BeforeParsing };
    Lookup find(const QByteArray &key, Asker asker = Asker::Route);
    // Keeps `response` if it is a 200, small enough, and the data version is still the one
    // find() saw (a write while it was rendered makes it stale at once). maxAgeMs 0: until the
    // data changes.
    void insert(const QByteArray &key, const HttpResponse &response, const Version &seen, qint64 maxAgeMs);

    struct Stats
    {
        qint64 hits = 0;
        qint64 hitsBeforeParsing = 0; // of hits: answered from the guard's parse of the head
        qint64 misses = 0;
        qint64 evictions = 0; // pushed out by the byte bound
        qint64 invalidations = 0; // times the data version changed with entries held
        qint64 entries = 0;
        qint64 bytes = 0;
    };
    Stats stats() const;

private:
    struct Entry
    {
        QByteArray key;
        HttpResponse response;
        qint64 expiresMs = 0; // 0: never
        qint64 bytes = 0;
    };
    void checkVersion(const Version &now);
    void erase(std::list<Entry>::iterator it);

    qint64 m_maxBytes;
    qint64 m_maxEntryBytes;
    const Clock &m_clock;
    Probe m_probe;
    Version m_version{-1, -1};
    std::list<Entry> m_lru; // most recently used first
    QHash<QByteArray, std::list<Entry>::iterator> m_index;
    qint64 m_bytes = 0;
    Stats m_stats;
};

} // namespace dimos
