#pragma once

#include <QCache>
#include <QHash>
#include <QImage>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <deque>

class QNetworkAccessManager;
class QNetworkReply;

namespace dimos {

class Clock;

struct TileId
{
    int z = 0;
    int x = 0;
    int y = 0;

    friend bool operator==(const TileId &, const TileId &) = default;
    quint64 key() const { return (quint64(quint32(z)) << 58) | (quint64(quint32(x)) << 29) | quint64(quint32(y)); }
};

// XYZ raster tiles for the map: memory (an LRU of decoded images) → disk (XDG cache,
// honouring a maximum age) → network (a bounded number of requests in flight, newest wishes
// first). A tile server that cannot be reached is left alone for a growing back-off period,
// so that a map without network keeps painting without a retry on every repaint; a tile that
// fails on its own (404, broken image) is not asked for again for a while either.
//
// Lives in the GUI thread; QNetworkAccessManager's replies arrive there too.
class TileCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TileCache)

public:
    // `clock` (not owned) must outlive the cache; nullptr means the system clock.
    explicit TileCache(QObject *parent = nullptr, const Clock *clock = nullptr);
    ~TileCache() override;

    static QString defaultUrlTemplate();
    static QString defaultAttribution();
    static QString defaultUserAgent(const QString &contact);

    // "{z}", "{x}", "{y}" and optionally "{s}" (one of subdomains(), chosen per tile).
    void setUrlTemplate(const QString &urlTemplate);
    QString urlTemplate() const { return m_urlTemplate; }
    void setSubdomains(const QStringList &subdomains);
    QStringList subdomains() const { return m_subdomains; }
    void setAttribution(const QString &attribution) { m_attribution = attribution; }
    QString attribution() const { return m_attribution; }
    void setUserAgent(const QString &userAgent) { m_userAgent = userAgent.toUtf8(); }
    QString userAgent() const { return QString::fromUtf8(m_userAgent); }
    void setMaxZoom(int maxZoom) { m_maxZoom = maxZoom; }
    int maxZoom() const { return m_maxZoom; }
    // An empty directory turns the disk cache off.
    void setCacheDirectory(const QString &directory);
    QString cacheDirectory() const { return m_cacheDir; }
    void setMaxAgeSeconds(qint64 seconds) { m_maxAgeSecs = seconds; }
    void setMemoryCapacity(int tiles) { m_memory.setMaxCost(tiles); }
    void setMaxRequestsInFlight(int count) { m_maxInFlight = qMax(1, count); }

    QString urlFor(const TileId &tile) const;
    // Where a tile lives on disk (whether or not it is there).
    QString diskPath(const TileId &tile) const;

    // The decoded tile if it is in memory or on disk (a stale disk tile is returned and also
    // asked for again); nullptr otherwise. Never touches the network.
    const QImage *tile(const TileId &tile);
    // Only what is already in memory (for drawing a coarser tile while a finer one loads).
    const QImage *memoryTile(const TileId &tile) const;
    // What the map would like to have now, most important first: replaces the wishes of
    // the previous frame that are not yet in flight.
    void request(const QList<TileId> &tiles);

    bool serverReachable() const { return m_serverDownUntilMs == 0; }
    int requestsInFlight() const { return int(m_inFlight.size()); }
    qint64 networkRequestCount() const { return m_requestCount; }

Q_SIGNALS:
    void tileReady(dimos::TileId tile);
    void tileFailed(dimos::TileId tile);
    void serverReachableChanged(bool reachable);

private:
    bool blocked(const TileId &tile) const;
    void pump();
    void finished(QNetworkReply *reply, TileId tile);
    bool store(const TileId &tile, const QByteArray &data);

    const Clock *m_clock;
    QNetworkAccessManager *m_network;
    QString m_urlTemplate;
    QStringList m_subdomains;
    QString m_attribution;
    QByteArray m_userAgent;
    QString m_cacheDir;
    QString m_cacheSubdir; // one per URL template, so that two servers' tiles never mix
    qint64 m_maxAgeSecs = 7 * 24 * 3600;
    int m_maxInFlight = 6;
    int m_maxZoom = 19;
    QCache<quint64, QImage> m_memory;
    QSet<quint64> m_stale; // in memory from disk but older than the maximum age
    std::deque<TileId> m_wanted;
    QHash<quint64, QNetworkReply *> m_inFlight;
    QHash<quint64, qint64> m_failedUntilMs;
    qint64 m_serverDownUntilMs = 0;
    qint64 m_serverBackoffMs = 0;
    qint64 m_requestCount = 0;
};

} // namespace dimos
