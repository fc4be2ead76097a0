#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QString>

#include "server/http/HttpLimits.h"

namespace dimos {

// Follows the request framing of one HTTP/1.x connection as bytes arrive, without keeping
// bodies: it finds each request head, checks it, and counts the body past it. The socket
// front uses it to refuse what QHttpServer 6.4 would otherwise buffer without limit
// (oversized heads and bodies) or hang on (malformed requests), before QHttpServer reads.
class RequestFramer final
{
public:
    struct Head
    {
        QByteArray method;
        QByteArray target;
        int minorVersion = 1; // HTTP/1.x
        bool keepAlive = true;
        bool expectContinue = false;
        bool upgrade = false; // Upgrade: websocket
        qint64 contentLength = 0;
        bool chunked = false;
        QByteArray forwardedFor; // X-Forwarded-For, all of them joined with ", " (untrusted)
        QByteArray acceptLanguage; // the first Accept-Language header (HttpFront's cache answers)
        QByteArray cookie; // the Cookie headers joined with "; " (the language of a refusal page)
        QHostAddress client; // set by ConnectionGuard: the peer, or whom a trusted proxy names
    };

    struct Event
    {
        enum class Type { Head, Error } type = Type::Head;
        Head head; // Type::Head; Type::Error 413: the refused request's head
        int status = 0; // Type::Error: the HTTP status to answer with
        QString message; // Type::Error: what was wrong, for the client
        // Type::Head: the offset in the bytes given to this feed() just past the head, so for
        // a request without a body the end of the whole request.
        qsizetype end = 0;
    };

    explicit RequestFramer(const HttpLimits &limits) : m_limits(limits) { }

    // Feeds the next bytes of the stream. Returns the heads completed and, at most once, an
    // error after which the connection must be answered and closed.
    QList<Event> feed(QByteArrayView data);

    bool failed() const { return m_state == State::Failed; }
    bool passive() const { return m_state == State::Passive; } // after an upgrade
    bool inRequest() const { return m_state != State::Head || !m_head.isEmpty(); }

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Passive, Failed };

    bool parseHead(const QByteArray &text, Head *head, Event *error) const;
    Event fail(int status, const QString &message);

    HttpLimits m_limits;
    State m_state = State::Head;
    QByteArray m_head; // the request head so far
    QByteArray m_line; // chunk-size or trailer line so far
    qint64 m_remaining = 0; // body or chunk bytes still to come
    qint64 m_bodySoFar = 0;
    qint64 m_trailerSoFar = 0;
    Head m_bodyHead; // the head of the request whose body is coming (for a 413 on a chunked body)
};

} // namespace dimos
