#include "client/map/TileCache.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>

#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr qint64 kTileRetryMs = 10 * 60 * 1000; // a tile that failed on its own
constexpr qint64 kServerFirstBackoffMs = 10 * 1000;
constexpr qint64 kServerMaxBackoffMs = 5 * 60 * 1000;
constexpr int kTransferTimeoutMs = 15 * 1000;
constexpr int kMaxWishes = 256;

// Errors that say the server (or the way to it) is down, rather than that one tile is bad.
bool isServerFailure(QNetworkReply::NetworkError error, int httpStatus)
{
    if (httpStatus == 429 || httpStatus >= 500)
        return true;
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout ends a reply this way
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::BackgroundRequestNotAllowedError:
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        return true;
    default:
        return false;
    }
}

QImage decodeTile(const QByteArray &data)
{
    QImage image;
    if (!image.loadFromData(data) || image.isNull())
        return {};
    // Tile PNGs are often palette images, which are slow to draw; convert once here.
    return image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
}

} // namespace

TileCache::TileCache(QObject *parent, const Clock *clock)
    : QObject(parent),
      m_clock(clock ? clock : &Clock::system()),
      m_network(new QNetworkAccessManager(this)),
      m_attribution(defaultAttribution()),
      m_userAgent(defaultUserAgent(QString()).toUtf8()),
      m_memory(200)
{
    setUrlTemplate(defaultUrlTemplate());
    setCacheDirectory(QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/tiles"_s);
}

TileCache::~TileCache()
{
    // Replies are children of the network manager; abort them so that none finishes into a
    // half-destroyed cache.
    const auto replies = m_inFlight.values();
    m_inFlight.clear();
    for (QNetworkReply *reply : replies) {
        reply->disconnect(this);
        reply->abort();
    }
}

QString TileCache::defaultUrlTemplate()
{
    return u"https://tile.openstreetmap.org/{z}/{x}/{y}.png"_s;
}

QString TileCache::defaultAttribution()
{
    return u"© OpenStreetMap contributors"_s;
}

QString TileCache::defaultUserAgent(const QString &contact)
{
    // Tile servers' usage policies ask for an application name and version and a way to
    // reach whoever runs it.
    const QString base = u"dimos-desk/"_s + QStringLiteral(DIMOS_VERSION);
    return contact.isEmpty() ? base : QString(base + u" (+"_s + contact + u')');
}

void TileCache::setUrlTemplate(const QString &urlTemplate)
{
    if (urlTemplate == m_urlTemplate)
        return;
    m_urlTemplate = urlTemplate;
    m_cacheSubdir = QString::fromLatin1(
        QCryptographicHash::hash(urlTemplate.toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
    m_memory.clear();
    m_stale.clear();
    m_wanted.clear();
    m_failedUntilMs.clear();
    m_serverDownUntilMs = 0;
    m_serverBackoffMs = 0;
    const auto replies = m_inFlight.values();
    m_inFlight.clear();
    for (QNetworkReply *reply : replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void TileCache::setSubdomains(const QStringList &subdomains)
{
    m_subdomains = subdomains;
}

void TileCache::setCacheDirectory(const QString &directory)
{
    m_cacheDir = directory;
}

QString TileCache::urlFor(const TileId &tile) const
{
    QString url = m_urlTemplate;
    url.replace(u"{z}"_s, QString::number(tile.z));
    url.replace(u"{x}"_s, QString::number(tile.x));
    url.replace(u"{y}"_s, QString::number(tile.y));
    if (url.contains(u"{s}"_s)) {
        // The same tile always from the same subdomain, so HTTP caches on the way stay useful.
        const QString sub
            = m_subdomains.isEmpty() ? QString() : m_subdomains.at((tile.x + tile.y) % m_subdomains.size());
        url.replace(u"{s}"_s, sub);
    }
    return url;
}

QString TileCache::diskPath(const TileId &tile) const
{
    return QString(m_cacheDir + u'/' + m_cacheSubdir + u'/' + QString::number(tile.z) + u'/' + QString::number(tile.x)
        + u'/' + QString::number(tile.y) + u".tile"_s);
}

const QImage *TileCache::memoryTile(const TileId &tile) const
{
    return m_memory.object(tile.key());
}

const QImage *TileCache::tile(const TileId &tile)
{
    const quint64 key = tile.key();
    if (const QImage *image = m_memory.object(key))
        return image;
    if (m_cacheDir.isEmpty())
        return nullptr;
    const QString path = diskPath(tile);
    const QFileInfo info(path);
    if (!info.exists())
        return nullptr;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return nullptr;
    QImage image = decodeTile(file.readAll());
    file.close();
    if (image.isNull()) {
        QFile::remove(path); // a torn or foreign file: fetch it again
        return nullptr;
    }
    const qint64 ageSecs = info.lastModified().secsTo(QDateTime::fromMSecsSinceEpoch(m_clock->nowMs()));
    if (ageSecs > m_maxAgeSecs)
        m_stale.insert(key);
    else
        m_stale.remove(key);
    m_memory.insert(key, new QImage(std::move(image)));
    return m_memory.object(key);
}

bool TileCache::blocked(const TileId &tile) const
{
    const auto it = m_failedUntilMs.constFind(tile.key());
    return it != m_failedUntilMs.constEnd() && *it > m_clock->nowMs();
}

void TileCache::request(const QList<TileId> &tiles)
{
    m_wanted.clear();
    for (const TileId &t : tiles) {
        if (int(m_wanted.size()) >= kMaxWishes)
            break;
        if (t.z < 0 || t.z > m_maxZoom || t.x < 0 || t.y < 0 || t.x >= (1 << t.z) || t.y >= (1 << t.z))
            continue;
        const quint64 key = t.key();
        if (m_inFlight.contains(key) || blocked(t))
            continue;
        if (m_memory.contains(key) && !m_stale.contains(key))
            continue;
        m_wanted.push_back(t);
    }
    pump();
}

void TileCache::pump()
{
    if (m_serverDownUntilMs != 0) {
        if (m_serverDownUntilMs > m_clock->nowMs())
            return;
        // The back-off is over: let one request probe the server before the others follow.
        if (!m_inFlight.isEmpty())
            return;
    }
    const int limit = m_serverDownUntilMs != 0 ? 1 : m_maxInFlight;
    while (int(m_inFlight.size()) < limit && !m_wanted.empty()) {
        const TileId t = m_wanted.front();
        m_wanted.pop_front();
        QNetworkRequest request{QUrl(urlFor(t))};
        request.setHeader(QNetworkRequest::UserAgentHeader, m_userAgent);
        request.setTransferTimeout(kTransferTimeoutMs);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
        QNetworkReply *reply = m_network->get(request);
        ++m_requestCount;
        m_inFlight.insert(t.key(), reply);
        connect(reply, &QNetworkReply::finished, this, [this, reply, t] { finished(reply, t); });
    }
}

bool TileCache::store(const TileId &tile, const QByteArray &data)
{
    QImage image = decodeTile(data);
    if (image.isNull())
        return false;
    if (!m_cacheDir.isEmpty()) {
        const QString path = diskPath(tile);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSaveFile file(path); // never leaves half a tile behind
        if (file.open(QIODevice::WriteOnly) && file.write(data) == data.size())
            file.commit();
    }
    m_stale.remove(tile.key());
    m_memory.insert(tile.key(), new QImage(std::move(image)));
    return true;
}

void TileCache::finished(QNetworkReply *reply, TileId tile)
{
    reply->deleteLater();
    if (m_inFlight.value(tile.key()) != reply)
        return; // replaced after a template change
    m_inFlight.remove(tile.key());

    const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError error = reply->error();
    const qint64 now = m_clock->nowMs();

    if (error == QNetworkReply::NoError && store(tile, reply->readAll())) {
        m_failedUntilMs.remove(tile.key());
        const bool wasDown = m_serverDownUntilMs != 0;
        m_serverDownUntilMs = 0;
        m_serverBackoffMs = 0;
        if (wasDown)
            Q_EMIT serverReachableChanged(true);
        Q_EMIT tileReady(tile);
    } else if (isServerFailure(error, httpStatus)) {
        const bool wasUp = m_serverDownUntilMs == 0;
        if (wasUp || m_serverDownUntilMs <= now) {
            m_serverBackoffMs
                = m_serverBackoffMs == 0 ? kServerFirstBackoffMs : qMin(m_serverBackoffMs * 2, kServerMaxBackoffMs);
            m_serverDownUntilMs = now + m_serverBackoffMs;
            // Retry on our own once the back-off ends, in case nothing repaints meanwhile.
            QTimer::singleShot(int(m_serverBackoffMs) + 50, this, &TileCache::pump);
        }
        // The wish stays, to be fetched when the server is back.
        if (int(m_wanted.size()) < kMaxWishes)
            m_wanted.push_back(tile);
        if (wasUp)
            Q_EMIT serverReachableChanged(false);
        Q_EMIT tileFailed(tile);
        return;
    } else {
        m_failedUntilMs.insert(tile.key(), now + kTileRetryMs);
        Q_EMIT tileFailed(tile);
    }
    pump();
}

} // namespace dimos
