#include "TestServer.h"

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTimer>

#include "server/core/AuthService.h"
#include "server/storage/CatalogRepository.h"

using namespace Qt::StringLiterals;

namespace dimos::test {

QByteArray Reply::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers)
        if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

QJsonArray Reply::array() const
{
    return QJsonDocument::fromJson(body).array();
}

QString TestServer::scratchTemplate(const QString &prefix)
{
    const QFileInfo shm(u"/dev/shm"_s);
    return (shm.isDir() && shm.isWritable() ? shm.filePath() : QDir::tempPath()) + u'/' + prefix + u"-XXXXXX"_s;
}

TestServer::TestServer(const QStringList &overrides)
    : m_clock(QDateTime::currentMSecsSinceEpoch()), m_overrides(overrides)
{ }

TestServer::~TestServer()
{
    m_nam.reset();
    m_server.reset();
}

bool TestServer::start(QString *error)
{
    QStringList overrides{
        u"server/port=0"_s,
        u"server/base_url=http://dimos.test"_s,
        u"storage/data_dir="_s + m_dir.path(),
        u"auth/argon2_ops=1"_s,
        u"auth/argon2_mem_mib=1"_s,
        u"open311/boundary_file="_s + QStringLiteral(DIMOS_SOURCE_DIR) + u"/resources/demo/serres-boundary.geojson"_s,
        u"municipality/name_el=Δήμος Σερρών"_s,
        u"municipality/name_en=Municipality of Serres"_s,
        u"http/access_log=false"_s,
    };
    overrides += m_overrides;
    const auto config = Config::load(QString(), overrides, error);
    if (!config)
        return false;
    m_server = std::make_unique<Server>(*config, m_clock);
    if (!m_server->open(error) || !m_server->listen(error))
        return false;
    m_nam = std::make_unique<QNetworkAccessManager>();
    return true;
}

QUrl TestServer::url(const QString &pathAndQuery) const
{
    return QUrl(u"http://127.0.0.1:%1%2"_s.arg(port()).arg(pathAndQuery));
}

qint64 TestServer::addDepartment(const QString &code)
{
    Department d;
    d.code = code;
    d.name = {u"Τμήμα "_s + code, u"Department "_s + code};
    return ctx().catalog->insertDepartment(d, m_clock.nowMs());
}

Category TestServer::addCategory(const QString &code, qint64 departmentId, QList<AttributeDefinition> attributes)
{
    Category c;
    c.code = code;
    c.name = {u"Κατηγορία "_s + code, u"Category "_s + code};
    c.description = {u"Περιγραφή"_s, u"Description"_s};
    c.group = {u"Ομάδα"_s, u"Group"_s};
    c.keywords = {u"λέξη"_s, u"word"_s};
    c.departmentId = departmentId;
    c.attributes = std::move(attributes);
    ctx().catalog->insertCategory(c, m_clock.nowMs());
    return *ctx().catalog->category(code);
}

StaffUser TestServer::addUser(const QString &username, Role role, QList<qint64> departmentIds)
{
    StaffUser u;
    u.username = username;
    u.displayName = username;
    u.role = role;
    u.departmentIds = std::move(departmentIds);
    return ctx().auth->createUser(u, QString::fromLatin1(kPassword));
}

QString TestServer::login(const QString &username)
{
    return ctx().auth->login(username, QString::fromLatin1(kPassword), u"test"_s).token;
}

QString TestServer::apiKey()
{
    return ctx().auth->createApiKey(u"test client"_s);
}

Reply TestServer::get(const QString &path, const QString &token)
{
    return send("GET"_ba, path, {}, {}, token);
}

Reply TestServer::postJson(const QString &path, const QJsonObject &body, const QString &token)
{
    return send("POST"_ba, path, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json"_ba, token);
}

Reply TestServer::send(const QByteArray &method, const QString &path, const QByteArray &body,
    const QByteArray &contentType, const QString &token)
{
    QNetworkRequest request(url(path));
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    QNetworkReply *reply = m_nam->sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20'000, &loop, &QEventLoop::quit);
    loop.exec();
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        r.headers.append({pair.first, pair.second});
    if (reply->error() != QNetworkReply::NoError && r.status == 0)
        r.networkError = reply->errorString();
    reply->deleteLater();
    return r;
}

QByteArray TestServer::raw(const QByteArray &bytes, int timeoutMs, bool *closedByServer)
{
    QTcpSocket socket;
    QByteArray received;
    QEventLoop loop;
    bool closed = false;
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] { received += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, [&] {
        received += socket.readAll();
        closed = true;
        loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] { socket.write(bytes); });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    socket.connectToHost(QHostAddress::LocalHost, port());
    loop.exec();
    if (closedByServer)
        *closedByServer = closed;
    return received;
}

} // namespace dimos::test
