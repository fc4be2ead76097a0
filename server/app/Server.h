#pragma once

#include <QObject>

#include <memory>

#include "server/app/AppContext.h"
#include "server/app/Config.h"

namespace dimos {

class Clock;
class HttpFront;
class LiveHub;
class MailWorker;
class ResponseCache;
class Router;

// Assembles dimosd: storage, services, routes and the HTTP front, in that order. The
// command line uses open() alone for its maintenance commands; serve() also listens.
// Tests run it in-process on port 0.
class Server final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Server)

public:
    explicit Server(Config config, const Clock &clock, QObject *parent = nullptr);
    ~Server() override;

    // Creates the data folder, opens and migrates the database, loads the boundary and
    // builds the services. Returns false with *error on any failure.
    bool open(QString *error);
    bool listen(QString *error);
    quint16 port() const;
    int activeConnections() const;
    // Stop accepting, finish requests in flight, then emit stopped() (the database is
    // closed by the destructor, after the HTTP front is gone).
    void shutdown(int graceMs = 10'000);

    AppContext &context() { return m_ctx; }
    const Router &router() const;
    const ResponseCache *responseCache() const; // null until open()
    LiveHub *liveHub() const; // null until listen()
    MailWorker *mailWorker() const; // null until listen(), and with mail/mode = off
    const Config &config() const { return m_config; }

Q_SIGNALS:
    void stopped();

private:
    // The mail worker's thread, unless mail/mode = off (then mails wait in the outbox).
    void startMail();
    struct Parts;
    Config m_config;
    const Clock &m_clock;
    std::unique_ptr<Parts> d;
    AppContext m_ctx;
};

} // namespace dimos
