#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QString>

class QWebSocket;

namespace dimos {

struct StoredEvent;

// One client of the live stream: its socket (owned, as a QObject child), who it is, what it
// asked to receive and how far it has got. LiveHub drives it; this class only keeps state.
class LiveSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveSession)

public:
    enum class State {
        AwaitingHello, // connected, no valid hello yet
        Replaying, // sending stored events after `since`; live events wait in the database
        Live, // receives each event as it is committed
        Closing, // told to go; nothing more is sent
    };

    LiveSession(QWebSocket *socket, QObject *parent);

    QWebSocket *socket() const { return m_socket; }
    State state = State::AwaitingHello;
    QString username; // for the log
    QString token; // checked again on each heartbeat: a logout or disabled account ends the stream
    QSet<qint64> departments; // empty: any
    QSet<QString> categories; // empty: any
    qint64 cursor = 0; // the newest seq considered for this client (sent or filtered out)
    QElapsedTimer lastHeard; // any frame or pong from the client
    qint64 helloDeadlineMs = 0; // AwaitingHello: closed if no hello by then (LiveHub's uptime clock)
    QMetaObject::Connection replayFlow; // Replaying: socket written → send more of the log

    // Whether the client asked for this event: the report's department before or after the
    // change is one of its departments, and its category one of its categories.
    bool wants(const StoredEvent &e) const;

private:
    QWebSocket *m_socket;
};

} // namespace dimos
