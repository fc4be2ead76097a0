#pragma once

#include <QObject>
#include <QUrl>

#include <memory>

#include "client/net/ApiClient.h"
#include "client/net/LiveClient.h"
#include "client/store/ReportStore.h"

class QTimer;

namespace dimos {

class ReportCache;

// One signed-in clerk's connection to one server: the REST client, the live stream, the
// store they both feed, and the on-disk cache of that store. Start-up order: cache → live
// stream (resumes from the cached sequence) → full load over REST when there was no cache,
// so nothing that happens meanwhile is missed. Without the server it runs read-only on the
// cache until the live stream comes back.
class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    ApiClient *api() const { return m_api; }
    LiveClient *live() const { return m_live; }
    ReportStore *store() const { return m_store; }
    const StaffMember &user() const { return m_user; }
    // The user as the server describes them now (after they changed their own password).
    void updateUser(const StaffMember &user) { m_user = user; }
    QUrl server() const { return m_server; }
    bool readOnly() const { return m_readOnly; }

    // Points the clients at `server` and loads its cache (if any) into the store.
    // Returns whether a cache was there.
    bool prepare(const QUrl &server, const QString &cacheDirectory = {});
    // Signed in: fetch the lookup tables and follow the live stream.
    void begin(const QString &token, const StaffMember &user);
    // The server is out of reach but the cache is loaded: show it, change nothing. With the
    // saved token it keeps trying the live stream and becomes writable once it is back;
    // without one it stays read-only until the clerk signs in.
    void beginOffline(const StaffMember &lastUser, const QString &token = {});
    void saveCache();
    // A file beside this server's report cache, for other data worth having offline
    // (e.g. "boundary.geojson"); empty before prepare().
    QString cacheSidecar(const QString &name) const;
    // Forgets the token (here and in the keychain) and stops the live stream.
    void signOut();

    // The token in the system keychain (QtKeychain, only with a secret service).
    static QString keychainKey(const QUrl &server, const QString &username);

Q_SIGNALS:
    void readOnlyChanged(bool readOnly);
    void signedOut();

private:
    void setReadOnly(bool readOnly);

    ApiClient *m_api;
    ReportStore *m_store;
    LiveClient *m_live;
    QTimer *m_saveTimer;
    std::unique_ptr<ReportCache> m_cache;
    QUrl m_server;
    StaffMember m_user;
    bool m_readOnly = false;
    bool m_restFallbackDone = false;
};

} // namespace dimos
