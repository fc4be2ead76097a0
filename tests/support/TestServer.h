#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

#include "server/app/Server.h"
#include "server/core/StaffUser.h"
#include "shared/domain/Category.h"
#include "shared/util/Clock.h"

class QNetworkAccessManager;

namespace dimos::test {

// A point well inside the Serres boundary (the town centre) and one outside it (Thessaloniki).
constexpr double kInsideLat = 41.0912, kInsideLon = 23.5486;
constexpr double kOutsideLat = 40.6401, kOutsideLon = 22.9444;

struct Reply
{
    int status = 0;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QString networkError;

    QByteArray header(QByteArrayView name) const; // case-insensitive
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const;
};

// dimosd in-process on a free port, with a temporary data folder, the Serres boundary, a
// manual clock and a cheap password hash (Argon2id at its minimum cost: tests log in often).
class TestServer final
{
public:
    explicit TestServer(const QStringList &overrides = {});
    ~TestServer();

    bool start(QString *error);
    Server &server() { return *m_server; }
    AppContext &ctx() { return m_server->context(); }
    ManualClock &clock() { return m_clock; }
    quint16 port() const { return m_server->port(); }
    QString dataDir() const { return m_dir.path(); }
    QUrl url(const QString &pathAndQuery) const;

    // Fixtures, written through the same services the API uses.
    qint64 addDepartment(const QString &code);
    Category addCategory(const QString &code, qint64 departmentId, QList<AttributeDefinition> attributes = {});
    StaffUser addUser(const QString &username, Role role, QList<qint64> departmentIds);
    QString login(const QString &username); // a bearer token
    QString apiKey(); // a fresh Open311 key
    static constexpr auto kPassword = "correct horse battery";

    // HTTP through QNetworkAccessManager, waiting in the event loop (the server runs in it).
    Reply get(const QString &path, const QString &token = {});
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body, const QByteArray &contentType,
        const QString &token = {});
    Reply postJson(const QString &path, const QJsonObject &body, const QString &token = {});
    // Raw bytes over a fresh TCP connection: returns everything received until the server
    // closes the connection or `timeoutMs` passes.
    QByteArray raw(const QByteArray &bytes, int timeoutMs = 5000, bool *closedByServer = nullptr);

    // A name template for a test's scratch folder: in RAM (/dev/shm) when there is one, since
    // SQLite's fsyncs on a disk take most of a test server's time; else the temporary folder.
    static QString scratchTemplate(const QString &prefix = QStringLiteral("dimos-test"));

private:
    QTemporaryDir m_dir{scratchTemplate()};
    ManualClock m_clock;
    QStringList m_overrides;
    std::unique_ptr<Server> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

} // namespace dimos::test
