#include "Session.h"

#include <QLoggingCategory>
#include <QTimer>

#include "client/store/ReportCache.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSession, "dimos.desk.session")

namespace dimos {

Session::Session(QObject *parent)
    : QObject(parent),
      m_api(new ApiClient(this)),
      m_store(new ReportStore(this)),
      m_live(new LiveClient(m_api, m_store, this)),
      m_saveTimer(new QTimer(this))
{
    m_api->setStore(m_store);
    // Write the cache a few seconds after changes settle, not on every event.
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(5000);
    connect(m_saveTimer, &QTimer::timeout, this, &Session::saveCache);
    auto scheduleSave = [this] { m_saveTimer->start(); };
    connect(m_store, &ReportStore::reportsAdded, this, scheduleSave);
    connect(m_store, &ReportStore::reportChanged, this, scheduleSave);
    connect(m_store, &ReportStore::reset, this, scheduleSave);
    connect(m_live, &LiveClient::stateChanged, this, [this](LiveClient::State state) {
        // Writable again once the stream is live (LiveClient loads everything over REST when
        // the store did not come from a cache).
        if (state == LiveClient::State::Live)
            setReadOnly(false);
        // No live stream (a proxy that refuses WebSockets, or the server is restarting): still
        // show the reports over REST rather than an empty queue; the stream catches up later.
        if (state == LiveClient::State::Offline && m_store->size() == 0 && !m_restFallbackDone
            && !m_api->token().isEmpty()) {
            m_restFallbackDone = true;
            m_api->loadAllReports();
        }
    });
}

Session::~Session()
{
    saveCache();
}

bool Session::prepare(const QUrl &server, const QString &cacheDirectory)
{
    m_server = server;
    m_api->setServer(server);
    m_live->setServer(server);
    m_cache = std::make_unique<ReportCache>(server, cacheDirectory);
    return m_cache->load(*m_store);
}

void Session::begin(const QString &token, const StaffMember &user)
{
    m_user = user;
    m_api->setToken(token);
    m_live->setToken(token);
    m_store->setMyDepartments(user.departmentIds);
    m_api->departments();
    m_api->categories();
    m_api->users();
    m_api->informationItems();
    m_api->loadCitizenRequests();
    m_live->start();
}

void Session::beginOffline(const StaffMember &lastUser, const QString &token)
{
    m_user = lastUser;
    setReadOnly(true);
    if (token.isEmpty())
        return;
    m_api->setToken(token);
    m_live->setToken(token);
    // Back online: who the clerk is (departments, for the notifications) and the lookup tables.
    auto *backOnline = new QObject(this); // the connection below lives until the stream is live once
    connect(m_live, &LiveClient::stateChanged, backOnline, [this, backOnline](LiveClient::State state) {
        if (state != LiveClient::State::Live)
            return;
        backOnline->deleteLater();
        connect(
            m_api, &ApiClient::meLoaded, this,
            [this](const StaffMember &user) {
                m_user = user;
                m_store->setMyDepartments(user.departmentIds);
            },
            Qt::SingleShotConnection);
        m_api->me();
        m_api->departments();
        m_api->categories();
        m_api->users();
        m_api->informationItems();
        m_api->loadCitizenRequests();
    });
    m_live->start();
}

void Session::saveCache()
{
    if (!m_cache || m_store->size() == 0)
        return;
    QString error;
    if (!m_cache->save(*m_store, &error))
        qCWarning(lcSession).noquote() << "cannot save the cache:" << error;
}

QString Session::cacheSidecar(const QString &name) const
{
    return m_cache ? m_cache->filePath() + u'.' + name : QString();
}

void Session::signOut()
{
    m_live->stop();
    m_api->setToken({});
    Q_EMIT signedOut();
}

QString Session::keychainKey(const QUrl &server, const QString &username)
{
    return server.toString(QUrl::RemoveUserInfo) + u'|' + username;
}

void Session::setReadOnly(bool readOnly)
{
    if (m_readOnly == readOnly)
        return;
    m_readOnly = readOnly;
    Q_EMIT readOnlyChanged(readOnly);
}

} // namespace dimos
