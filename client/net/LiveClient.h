#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

class QTimer;
class QWebSocket;

namespace dimos {

class ApiClient;
class ReportStore;

// Follows dimosd's live stream (docs/api/live.md) and applies its events to the store.
//
// On every (re)connect it says hello with the token and the store's last applied sequence
// number, so the server replays what was missed and the store applies each event exactly
// once. A lost connection is retried with exponential backoff (1, 2, 4 … 30 s, plus jitter);
// a connection that has heard nothing for deadPeerTimeoutMs is treated as dead. When the
// server can no longer replay the gap ("resync"), every report is loaded again over REST
// through the ApiClient (which writes into the same store).
class LiveClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveClient)

public:
    enum class State {
        Disconnected, // not started, stopped, or the server refused the token
        Connecting, // opening the socket, or replaying what was missed
        Live, // replay complete: events arrive as they happen
        Offline, // the connection failed; the next attempt is scheduled
    };
    Q_ENUM(State)

    LiveClient(ApiClient *api, ReportStore *store, QObject *parent = nullptr);
    ~LiveClient() override;

    // The REST base URL (http[s]://host:port); the socket goes to ws[s]://host:port/api/v1/live.
    void setServer(const QUrl &server);
    void setToken(const QString &token) { m_token = token; }
    // Narrows the stream to these departments and categories (empty: everything).
    void setFilters(const QList<qint64> &departments, const QStringList &categories);
    void setDeadPeerTimeoutMs(int ms);
    void setMaxBackoffMs(int ms) { m_maxBackoffMs = ms; }

    void start();
    void stop();
    // Drops the current connection as a network failure would (reconnects with backoff).
    void dropConnection();

    State state() const { return m_state; }
    static QUrl liveUrl(const QUrl &server);

Q_SIGNALS:
    void stateChanged(dimos::LiveClient::State state);
    // The server refused the token (close code 4401): the user must sign in again.
    void authenticationFailed(const QString &message);
    // The server could not replay the gap (or the store belongs to another history): every
    // report is being reloaded over REST.
    void resyncStarted(const QString &reason);

private:
    void connectNow();
    void onConnected();
    void onDisconnected();
    void onMessage(const QString &text);
    void scheduleReconnect();
    void setState(State state);
    void heardFromServer();
    void reload();

    QPointer<ApiClient> m_api;
    QPointer<ReportStore> m_store;
    QWebSocket *m_socket = nullptr;
    QTimer *m_reconnectTimer;
    QTimer *m_watchdog;
    QTimer *m_pingTimer;
    QUrl m_server;
    QString m_token;
    QList<qint64> m_departments;
    QStringList m_categories;
    State m_state = State::Disconnected;
    bool m_running = false;
    qint64 m_sentSince = -1;
    int m_attempt = 0;
    int m_maxBackoffMs = 30'000;
};

} // namespace dimos
