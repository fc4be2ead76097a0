#pragma once

#include <QHostAddress>
#include <QList>
#include <QPointer>

#include <functional>

#include <QtHttpServer/QAbstractHttpServer>

#include "server/http/HttpLimits.h"
#include "server/http/RequestFramer.h"
#include "server/http/Router.h"

class QWebSocket;

namespace dimos {

class GuardedTcpServer;
class ResponseCache;

// The only class that knows QHttpServer. It takes QHttpServer 6.4's parsing and WebSocket
// upgrade, and does the rest itself: routing (with 405), one error shape, security headers
// on every response, keep-alive and Connection: close, an access-log line per request, the
// response cache for the routes that opt in (ResponseCache; its hits are answered from the
// head the connection's guard parsed, before QHttpServer parses the request), and a graceful stop. QHttpServer's API
// changed in 6.5 and 6.8; nothing outside server/http/ may depend on it.
class HttpFront final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpFront)

public:
    // `cache` may be null (nothing cached); it must outlive the front.
    HttpFront(
        const HttpLimits &limits, const Router *router, ResponseCache *cache = nullptr, QObject *parent = nullptr);
    ~HttpFront() override;

    // Listens on address:port (0 picks a free port). Returns false and sets *error on failure.
    bool listenOn(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    int activeConnections() const;

    // Hands each upgraded WebSocket to `handler`, which takes ownership. QHttpServer 6.4 upgrades
    // a request carrying "Upgrade: websocket" only when its newWebSocketConnection signal is
    // connected and handleRequest() returned true without writing: handleRequest does that for
    // every upgrade request (whatever its path) once a handler is set, so the handler checks the
    // path. Without a handler such a request is answered like any other. The handler also gets
    // the TCP socket under the WebSocket (see GuardedTcpServer::takeUpgraded), or null.
    using WebSocketHandler = std::function<void(QWebSocket *, QTcpSocket *)>;
    void setWebSocketHandler(WebSocketHandler handler);

    // Stops accepting, closes idle connections and lets requests in progress finish; emits
    // drained() once no connection is left (or after graceMs).
    void shutdown(int graceMs);

Q_SIGNALS:
    void drained();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    // Method, path and query of a request from the head the connection's guard parsed.
    static HttpRequest requestFrom(const RequestFramer::Head &head);
    // The serialised answer to a keep-alive GET/HEAD when the response cache holds it
    // (ConnectionGuard's FastAnswer); else nothing, and the request takes the usual way.
    std::optional<QByteArray> answerFromCache(const RequestFramer::Head &head) const;
    // The page for a person's form refused by the connection's guard (Router::pageTooLarge);
    // else nothing, and the guard answers JSON.
    std::optional<QByteArray> refusalPage(const RequestFramer::Head &head, int status) const;
    HttpResponse dispatch(HttpRequest &request) const;
    HttpResponse run(const Router::Result &route, HttpRequest &request) const;
    void checkDrained();

    HttpLimits m_limits;
    const Router *m_router;
    ResponseCache *m_cache;
    QList<QPointer<GuardedTcpServer>> m_servers;
    bool m_shuttingDown = false;
    WebSocketHandler m_webSocketHandler;
};

} // namespace dimos
