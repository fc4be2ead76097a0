#pragma once

#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

#include "server/http/RequestFramer.h"

class QTcpSocket;

namespace dimos {

// Watches one client connection on behalf of the socket front. It is connected to the
// socket's readyRead before QHttpServer is, so it sees every byte first (peeking, not
// reading) and can refuse what QHttpServer 6.4 would buffer without limit or hang on:
// oversized heads and bodies, malformed requests, silent or crawling clients. It also
// answers "Expect: 100-continue" and remembers each request head (version, keep-alive)
// for HttpFront, which QHttpServerRequest does not expose.
//
// With a FastAnswer (HttpFront's response cache), a GET or HEAD without a body that arrives
// while QHttpServer holds nothing of this connection is offered to it first; when it answers,
// the guard reads the request off the socket itself, so QHttpServer never parses it — a cache
// hit then costs the framer's parse and a copy, not QHttpServer's parse and HttpFront's
// request building. The first request it does not answer, and all after it in that read, go
// the usual way, so answers keep the order of the requests.
//
// Owned by the socket (its QObject parent); lives on the socket's thread. Deletes itself once
// the connection is upgraded to a WebSocket.
class ConnectionGuard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionGuard)

public:
    // The whole answer (status line to body) for a request head, or nothing to let QHttpServer
    // and HttpFront handle it. Only asked for keep-alive GET and HEAD requests without a body.
    using FastAnswer = std::function<std::optional<QByteArray>(const RequestFramer::Head &head)>;

    ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits, FastAnswer fastAnswer = {});

    // The whole answer to a request refused here with `status` (so far only 413, a body over
    // the limit), or nothing for the usual JSON error: HttpFront answers a person's form post
    // with a page in their language (Router::setPageTooLarge).
    using RefusalAnswer = std::function<std::optional<QByteArray>(const RequestFramer::Head &head, int status)>;
    void setRefusalAnswer(RefusalAnswer answer) { m_refusalAnswer = std::move(answer); }

    static ConnectionGuard *of(QTcpSocket *socket);

    // The head of the next request QHttpServer hands over, in arrival order.
    std::optional<RequestFramer::Head> takeHead();
    // True when no request is partly received or waiting to be answered.
    bool idle() const;
    // Answers with `status` and closes, draining (and discarding) what the client still sends
    // so it can read the answer before the connection goes.
    // `head`: the refused request's, when it was read (a refusal answer may use it).
    void reject(int status, const QString &message, const RequestFramer::Head *head = nullptr);
    // Closes the connection now if idle, else after the request in progress is answered.
    void closeWhenIdle();
    bool closing() const { return m_closeWhenIdle; }

    // The client behind a connection from `peer`: `peer` itself unless it is a trusted proxy;
    // then X-Forwarded-For is walked from the right (the entry the nearest proxy added) past
    // further trusted proxies to the first address that is not one. An entry that is not an
    // address stops the walk at the last trusted hop, so a forged or garbled header never
    // yields an address the proxies did not see.
    static QHostAddress clientAddress(const QHostAddress &peer, QByteArrayView forwardedFor,
        const QList<std::pair<QHostAddress, int>> &trustedProxies);

Q_SIGNALS:
    // The client asked to upgrade the connection (to a WebSocket); the guard goes away next.
    void upgrading(QTcpSocket *socket);

private:
    void onReadyRead();
    void consumeAnswered(qsizetype bytes); // reads the requests answered here off the socket
    void onTimeout();
    void restartIdleTimer();
    void lingerAndClose();
    void discardInput();

    QTcpSocket *m_socket;
    HttpLimits m_limits;
    RequestFramer m_framer;
    FastAnswer m_fastAnswer;
    RefusalAnswer m_refusalAnswer;
    QList<RequestFramer::Head> m_heads;
    QTimer m_idleTimer;
    QTimer m_headTimer;
    bool m_closeWhenIdle = false;
    bool m_lingering = false;
};

} // namespace dimos
