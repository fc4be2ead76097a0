#include "HttpFront.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMetaEnum>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <QtHttpServer/QHttpServerRequest>

#include "server/http/ApiError.h"
#include "server/http/ConnectionGuard.h"
#include "server/http/GuardedTcpServer.h"
#include "server/http/ResponseCache.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAccess, "dimos.access")
Q_LOGGING_CATEGORY(lcHttp, "dimos.http")

namespace dimos {

HttpFront::HttpFront(const HttpLimits &limits, const Router *router, ResponseCache *cache, QObject *parent)
    : QAbstractHttpServer(parent), m_limits(limits), m_router(router), m_cache(cache)
{ }

HttpFront::~HttpFront() = default;

bool HttpFront::listenOn(const QHostAddress &address, quint16 port, QString *error)
{
    auto *server = new GuardedTcpServer(m_limits, this);
    if (!server->listen(address, port)) {
        *error = u"cannot listen on %1:%2: %3"_s.arg(address.toString()).arg(port).arg(server->errorString());
        delete server;
        return false;
    }
    connect(server, &GuardedTcpServer::connectionClosed, this, &HttpFront::checkDrained);
    if (m_cache && m_cache->enabled())
        server->setFastAnswer([this](const RequestFramer::Head &head) { return answerFromCache(head); });
    server->setRefusalAnswer([this](const RequestFramer::Head &head, int status) { return refusalPage(head, status); });
    bind(server);
    m_servers.append(server);
    return true;
}

void HttpFront::setWebSocketHandler(WebSocketHandler handler)
{
    const bool first = !m_webSocketHandler;
    m_webSocketHandler = std::move(handler);
    if (!first)
        return;
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, [this] {
        while (std::unique_ptr<QWebSocket> socket = nextPendingWebSocketConnection()) {
            qCInfo(lcAccess).noquote() << socket->peerAddress().toString() << "WEBSOCKET"
                                       << socket->requestUrl().path();
            QTcpSocket *tcp = nullptr;
            for (const auto &server : std::as_const(m_servers))
                if (server && !tcp)
                    tcp = server->takeUpgraded(socket->peerAddress(), socket->peerPort());
            m_webSocketHandler(socket.release(), tcp);
        }
    });
}

quint16 HttpFront::port() const
{
    for (const auto &s : m_servers)
        if (s && s->isListening())
            return s->serverPort();
    return 0;
}

int HttpFront::activeConnections() const
{
    int n = 0;
    for (const auto &s : m_servers)
        if (s)
            n += s->activeConnections();
    return n;
}

void HttpFront::shutdown(int graceMs)
{
    m_shuttingDown = true;
    for (const auto &s : m_servers) {
        if (!s)
            continue;
        s->close(); // stop accepting; established sockets stay
        for (QTcpSocket *socket : s->findChildren<QTcpSocket *>(QString(), Qt::FindDirectChildrenOnly))
            if (ConnectionGuard *guard = ConnectionGuard::of(socket))
                guard->closeWhenIdle();
    }
    QTimer::singleShot(graceMs, this, [this] {
        if (activeConnections() > 0) {
            qCWarning(lcHttp) << activeConnections() << "connections still open after the grace period; closing";
            for (const auto &s : m_servers)
                if (s)
                    for (QTcpSocket *socket : s->findChildren<QTcpSocket *>(QString(), Qt::FindDirectChildrenOnly))
                        socket->abort();
        }
        Q_EMIT drained();
    });
    checkDrained();
}

void HttpFront::checkDrained()
{
    if (m_shuttingDown && activeConnections() == 0)
        QMetaObject::invokeMethod(this, &HttpFront::drained, Qt::QueuedConnection);
}

HttpResponse HttpFront::dispatch(HttpRequest &request) const
{
    try {
        const QByteArray method = request.headOnly ? "GET"_ba : request.method;
        const Router::Result route = m_router->resolve(method, request.path, &request.params);
        if (!route.handler) {
            if (!route.allowed.isEmpty()) {
                QByteArray allow = route.allowed.join(", ");
                if (route.allowed.contains("GET"))
                    allow += ", HEAD";
                ApiError e(ApiError::Kind::MethodNotAllowed,
                    u"%1 is not allowed on %2; allowed: %3"_s.arg(
                        QString::fromLatin1(request.method), request.path, QString::fromLatin1(allow)));
                return HttpResponse::json(errorBody(e), 405).withHeader("Allow"_ba, allow);
            }
            if (const HttpHandler *page = m_router->pageNotFound(method, request.path))
                return (*page)(request);
            throw ApiError(ApiError::Kind::NotFound, u"no resource at %1"_s.arg(request.path));
        }
        return run(route, request);
    } catch (const ApiError &e) {
        HttpResponse r = HttpResponse::json(errorBody(e), httpStatus(e.kind));
        if (e.retryAfterSeconds > 0)
            r.withHeader("Retry-After"_ba, QByteArray::number(e.retryAfterSeconds));
        return r;
    } catch (const std::exception &e) {
        qCCritical(lcHttp).noquote() << "internal error on" << request.method << request.path << ":" << e.what();
        return HttpResponse::json(
            errorBody(ApiError(ApiError::Kind::Internal, u"internal error; the server log has the details"_s)), 500);
    }
}

HttpResponse HttpFront::run(const Router::Result &route, HttpRequest &request) const
{
    if (!route.cache.cached || !m_cache || !m_cache->enabled())
        return (*route.handler)(request);
    const QByteArray key = ResponseCache::key(request);
    const ResponseCache::Lookup lookup = m_cache->find(key);
    if (lookup.hit)
        return *lookup.hit;
    HttpResponse response = (*route.handler)(request);
    m_cache->insert(key, response, lookup.version, route.cache.maxAgeMs);
    return response;
}

HttpRequest HttpFront::requestFrom(const RequestFramer::Head &head)
{
    HttpRequest request;
    request.method = head.method;
    request.headOnly = request.method == "HEAD";
    const QByteArray &target = head.target;
    const qsizetype q = target.indexOf('?');
    const QByteArrayView rawPath = q < 0 ? QByteArrayView(target) : QByteArrayView(target).first(q);
    request.path
        = rawPath.contains('%') ? QUrl::fromPercentEncoding(rawPath.toByteArray()) : QString::fromUtf8(rawPath);
    if (q >= 0)
        request.query = parseQueryString(QByteArrayView(target).sliced(q + 1));
    return request;
}

std::optional<QByteArray> HttpFront::answerFromCache(const RequestFramer::Head &head) const
{
    if (m_shuttingDown || !m_cache || !m_cache->enabled())
        return std::nullopt;
    QElapsedTimer timer;
    timer.start();
    HttpRequest request = requestFrom(head);
    if (!head.acceptLanguage.isEmpty())
        request.headers.append({"accept-language"_ba, head.acceptLanguage});
    const Router::Result route = m_router->resolve("GET"_ba, request.path, &request.params);
    if (!route.handler || !route.cache.cached)
        return std::nullopt;
    const ResponseCache::Lookup lookup
        = m_cache->find(ResponseCache::key(request), ResponseCache::Asker::BeforeParsing);
    if (!lookup.hit)
        return std::nullopt;
    QByteArray bytes = serializeResponse(*lookup.hit, true, request.headOnly);
    qCInfo(lcAccess).noquote() << head.client.toString() << request.method << QString::fromLatin1(head.target)
                               << lookup.hit->status << lookup.hit->body.size() << (timer.nsecsElapsed() / 1000)
                               << "us";
    return bytes;
}

std::optional<QByteArray> HttpFront::refusalPage(const RequestFramer::Head &head, int status) const
{
    if (status != 413)
        return std::nullopt;
    HttpRequest request = requestFrom(head);
    const HttpHandler *page = m_router->pageTooLarge(request.method, request.path);
    if (!page)
        return std::nullopt;
    if (!head.acceptLanguage.isEmpty())
        request.headers.append({"accept-language"_ba, head.acceptLanguage});
    if (!head.cookie.isEmpty())
        request.headers.append({"cookie"_ba, head.cookie});
    if (head.contentLength > 0)
        request.headers.append({"content-length"_ba, QByteArray::number(head.contentLength)});
    request.remote = head.client;
    try {
        HttpResponse response = (*page)(request);
        qCInfo(lcAccess).noquote() << head.client.toString() << request.method << QString::fromLatin1(head.target)
                                   << response.status << response.body.size() << "(body too large)";
        return serializeResponse(response, false, false);
    } catch (const std::exception &e) {
        qCWarning(lcHttp).noquote() << "the page for a refused request failed:" << e.what();
        return std::nullopt;
    }
}

bool HttpFront::handleRequest(const QHttpServerRequest &qRequest, QTcpSocket *socket)
{
    QElapsedTimer timer;
    timer.start();
    ConnectionGuard *guard = ConnectionGuard::of(socket);
    const std::optional<RequestFramer::Head> head = guard ? guard->takeHead() : std::nullopt;
    // QHttpServer 6.4 asks here before it upgrades: true with nothing written lets it hand the
    // socket to its WebSocket server (newWebSocketConnection). The live hub checks the path.
    if (m_webSocketHandler && head && head->upgrade && !m_shuttingDown)
        return true;

    RequestFramer::Head seen;
    if (head) {
        seen = *head;
    } else {
        // Not seen by a guard (cannot happen with our own listener): trust QHttpServer.
        seen.method = QByteArray(
            QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(static_cast<int>(qRequest.method())))
                          .toUpper();
        seen.target = qRequest.url().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    }
    const QByteArray &target = seen.target;
    HttpRequest request = requestFrom(seen);
    const auto headers = qRequest.headers();
    request.headers.reserve(headers.size());
    for (const auto &[name, value] : headers)
        request.headers.append({name.toLower(), value});
    request.body = qRequest.body();
    request.remote = head && !head->client.isNull() ? head->client : socket->peerAddress();

    const HttpResponse response = dispatch(request);
    const bool keepAlive = head && head->keepAlive && !m_shuttingDown && !(guard && guard->closing());
    const QByteArray bytes = serializeResponse(response, keepAlive, request.headOnly);
    socket->write(bytes);
    qCInfo(lcAccess).noquote() << request.remote.toString() << request.method << QString::fromLatin1(target)
                               << response.status << response.body.size() << (timer.nsecsElapsed() / 1000) << "us";
    if (!keepAlive)
        socket->disconnectFromHost();
    return true;
}

void HttpFront::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    // handleRequest answers everything; this is only reached if QHttpServer decides so itself.
    const ApiError e(ApiError::Kind::NotFound, u"no resource here"_s);
    socket->write(serializeResponse(HttpResponse::json(errorBody(e), 404), false, false));
    socket->disconnectFromHost();
}

} // namespace dimos
