#pragma once

#include <QElapsedTimer>
#include <QMetaObject>
#include <QSet>
#include <QString>

class QTcpSocket;
class QWebSocket;

namespace dimos {

struct StoredEvent;

// One client of the live stream: its socket, who it is, what it asked to receive and how far it
// has got. LiveHub drives it and owns both (the socket as a QObject child of the hub); this
// class only keeps state. Not a QObject: with thousands of idle clients each one's memory
// counts, and a session needs no signals, slots or parent of its own (docs/PERFORMANCE.md).
class LiveSession final
{
    Q_DISABLE_COPY_MOVE(LiveSession)

public:
    enum class State {
        AwaitingHello, // connected, no valid hello yet
        Replaying, // sending stored events after `since`; live events wait in the database
        Live, // receives each event as it is committed
        Closing, // told to go; nothing more is sent
    };

    // `tcp`: the TCP socket under `socket` — a child of it, so it lives as long as the socket —
    // when the HTTP front could hand it over (it always does in dimosd); null otherwise, and
    // then everything goes through QWebSocket.
    LiveSession(QWebSocket *socket, QTcpSocket *tcp);

    QWebSocket *socket() const { return m_socket; }
    QTcpSocket *tcp() const { return m_tcp; }
    // Bytes sent to the client that it has not taken yet: what waits in Qt's buffer plus what
    // the kernel holds unacknowledged (its send buffer grows to megabytes for a slow reader, so
    // without it a stalled client would look idle until the kernel buffer is full).
    qint64 backlog() const;
    // Sends a whole WebSocket frame on the TCP socket (tcp() must be set), straight to the kernel
    // when nothing of this client waits in Qt's buffer, else after what waits there.
    void writeFrame(const QByteArray &frame);
    State state = State::AwaitingHello;
    QString username; // for the log
    QString token; // checked again on each heartbeat: a logout or disabled account ends the stream
    QSet<qint64> departments; // empty: any
    QSet<QString> categories; // empty: any
    // Who the client is, for events that carry personal data (e-Dimotis requests): a clerk
    // gets those of their own departments only, whatever the hello asked; managers and admins all.
    QSet<qint64> staffDepartments;
    bool seesAllRequests = false;
    qint64 cursor = 0; // the newest seq considered for this client (sent or filtered out)
    QElapsedTimer lastHeard; // a text message or pong from the client
    qint64 helloDeadlineMs = 0; // AwaitingHello: closed if no hello by then (LiveHub's uptime clock)
    QMetaObject::Connection replayFlow; // Replaying: socket written → send more of the log

    // Whether the client asked for this event: the report's department before or after the
    // change is one of its departments, and its category one of its categories. A request event
    // also needs the user to be allowed to see the request, and ignores the category filter.
    bool wants(const StoredEvent &e) const;

private:
    QWebSocket *m_socket;
    QTcpSocket *m_tcp;
};

} // namespace dimos
