// kill -9 of the real dimosd binary in the middle of a load of Open311 reports: after a restart,
// every report that was answered with an id is there with every field as sent (contact,
// attributes, photos and their files), no report lacks its history line, and the database passes
// SQLite's integrity check. The binary's path comes from CMake (DIMOSD_PATH).
#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QHttpMultiPart>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "server/app/Server.h"
#include "server/core/AuthService.h"
#include "server/core/MediaStore.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/ReportRepository.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

constexpr double kInsideLat = 41.0912, kInsideLon = 23.5486; // Serres town centre

QByteArray jpeg(int seed)
{
    QImage image(96, 64, QImage::Format_RGB32);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            image.setPixel(x, y, qRgb((x * seed) & 0xff, (y * 7 + seed) & 0xff, (x + y + seed * 3) & 0xff));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 90);
    return bytes;
}

// What one POST sent, to compare with what is stored.
struct Sent
{
    int n = 0;
    QString description, email, firstName, lastName, phone, address, depth;
    double lat = 0, lon = 0;
    bool withPhoto = false;
};

Sent sentFor(int n)
{
    Sent s;
    s.n = n;
    s.description = u"Λακκούβα #%1 — crash test, line one\nline two"_s.arg(n);
    s.email = u"citizen%1@example.org"_s.arg(n);
    s.firstName = u"Ελένη %1"_s.arg(n);
    s.lastName = u"Παπαδοπούλου"_s;
    s.phone = u"+30 23210 %1"_s.arg(10000 + n);
    s.address = u"Οδός Μεραρχίας %1, Σέρρες"_s.arg(n);
    s.depth = QString::number(n % 7 + 1);
    s.lat = kInsideLat + (n % 20) * 0.0001;
    s.lon = kInsideLon - (n % 15) * 0.0001;
    s.withPhoto = n % 3 == 0;
    return s;
}

class Daemon
{
public:
    explicit Daemon(QStringList overrides) : m_overrides(std::move(overrides)) { }
    ~Daemon()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10'000);
        }
    }

    bool start(QString *error)
    {
        QStringList args;
        for (const QString &o : m_overrides)
            args << u"--set"_s << o;
        args << u"serve"_s;
        m_process.setProgram(QStringLiteral(DIMOSD_PATH));
        m_process.setArguments(args);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
        if (!m_process.waitForStarted(10'000)) {
            *error = u"dimosd did not start: "_s + m_process.errorString();
            return false;
        }
        static const QRegularExpression listening(u"listening on [^\\s]*:(\\d+)"_s);
        QString out;
        QDeadlineTimer deadline(60'000);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(100);
            out += QString::fromUtf8(m_process.readAllStandardOutput());
            if (const auto m = listening.match(out); m.hasMatch()) {
                m_port = m.captured(1).toUShort();
                return true;
            }
        }
        *error = u"dimosd did not report its port; stdout: %1; stderr: %2"_s.arg(
            out, QString::fromUtf8(m_process.readAllStandardError()));
        return false;
    }

    void kill9()
    {
        m_process.kill(); // SIGKILL
        m_process.waitForFinished(10'000);
    }

    // SIGTERM: the graceful stop. True when it exited on its own with status 0.
    bool stop()
    {
        m_process.terminate();
        return m_process.waitForFinished(30'000) && m_process.exitStatus() == QProcess::NormalExit
            && m_process.exitCode() == 0;
    }

    QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }
    QUrl url(const QString &path) const { return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path)); }

private:
    QStringList m_overrides;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace

class tst_CrashRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answeredReportsSurviveKill9();
};

void tst_CrashRecovery::answeredReportsSurviveKill9()
{
    QVERIFY2(QFile::exists(QStringLiteral(DIMOSD_PATH)), DIMOSD_PATH);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QStringList overrides{
        u"server/port=0"_s,
        u"server/listen=127.0.0.1"_s,
        u"server/base_url=http://dimos.test"_s,
        u"storage/data_dir="_s + dir.path(),
        u"storage/synchronous=normal"_s,
        u"auth/argon2_ops=1"_s,
        u"auth/argon2_mem_mib=1"_s,
        u"open311/boundary_file="_s + QStringLiteral(DIMOS_SOURCE_DIR) + u"/resources/demo/serres-boundary.geojson"_s,
        u"open311/reports_per_hour_per_address=100000"_s,
        u"http/access_log=false"_s,
    };
    QString error;
    const auto config = Config::load({}, overrides, &error);
    QVERIFY2(config, qPrintable(error));

    // The catalogue and an API key, written through the same services the daemon uses.
    QString apiKey;
    {
        Server setup(*config, Clock::system());
        QVERIFY2(setup.open(&error), qPrintable(error));
        Department d;
        d.code = u"roads"_s;
        d.name = {u"Οδοποιία"_s, u"Roads"_s};
        const qint64 dept = setup.context().catalog->insertDepartment(d, Clock::system().nowMs());
        Category c;
        c.code = u"pothole"_s;
        c.name = {u"Λακκούβα"_s, u"Pothole"_s};
        c.departmentId = dept;
        AttributeDefinition depth;
        depth.code = u"depth"_s;
        depth.type = AttributeType::Number;
        depth.description = {u"Βάθος (cm)"_s, u"Depth (cm)"_s};
        c.attributes = {depth};
        setup.context().catalog->insertCategory(c, Clock::system().nowMs());
        apiKey = setup.context().auth->createApiKey(u"crash test"_s);
    }

    // Reports go out eight at a time; once enough are answered, dimosd is killed with more in
    // flight. Those answered with an id are what the daemon promised to keep. packaging/dev
    // stress (DIMOS_STRESS) does five rounds of this, with far more reports, on one database.
    const bool stress = qEnvironmentVariableIsSet("DIMOS_STRESS");
    const int rounds = stress ? 5 : 1;
    constexpr int kInFlight = 8;
    QNetworkAccessManager nam;
    QHash<qint64, Sent> answered;
    int next = 0;
    std::unique_ptr<Daemon> daemon;
    for (int round = 0; round < rounds; ++round) {
        daemon = std::make_unique<Daemon>(overrides);
        QVERIFY2(daemon->start(&error), qPrintable(error));
        const int killAfter = int(answered.size()) + (stress ? 300 + 200 * round : 40);
        int pending = 0, failed = 0;
        bool killed = false;
        std::function<void()> sendNext = [&] {
            if (killed)
                return;
            const Sent s = sentFor(next++);
            auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
            auto field = [&](const QString &name, const QString &value) {
                QHttpPart part;
                part.setHeader(QNetworkRequest::ContentDispositionHeader, u"form-data; name=\"%1\""_s.arg(name));
                part.setBody(value.toUtf8());
                multipart->append(part);
            };
            field(u"api_key"_s, apiKey);
            field(u"service_code"_s, u"pothole"_s);
            field(u"lat"_s, QString::number(s.lat, 'f', 6));
            field(u"long"_s, QString::number(s.lon, 'f', 6));
            field(u"address_string"_s, s.address);
            field(u"description"_s, s.description);
            field(u"email"_s, s.email);
            field(u"first_name"_s, s.firstName);
            field(u"last_name"_s, s.lastName);
            field(u"phone"_s, s.phone);
            field(u"attribute[depth]"_s, s.depth);
            if (s.withPhoto) {
                QHttpPart photo;
                photo.setHeader(QNetworkRequest::ContentDispositionHeader,
                    u"form-data; name=\"media\"; filename=\"IMG_%1.jpg\""_s.arg(s.n));
                photo.setHeader(QNetworkRequest::ContentTypeHeader, u"image/jpeg"_s);
                photo.setBody(jpeg(s.n));
                multipart->append(photo);
            }
            QNetworkReply *reply = nam.post(QNetworkRequest(daemon->url(u"/open311/v2/requests.json"_s)), multipart);
            multipart->setParent(reply);
            ++pending;
            QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, s] {
                --pending;
                reply->deleteLater();
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                bool ok = false;
                if (status == 200) {
                    const QJsonArray items = QJsonDocument::fromJson(reply->readAll()).array();
                    const QString id = items.first().toObject().value(u"service_request_id"_s).toString();
                    if (const qint64 n = id.toLongLong(&ok); ok)
                        answered.insert(n, s);
                }
                if (!ok)
                    ++failed;
                if (!killed && answered.size() >= killAfter) {
                    killed = true;
                    daemon->kill9();
                }
                sendNext();
            });
        };
        for (int i = 0; i < kInFlight; ++i)
            sendNext();
        QTRY_VERIFY_WITH_TIMEOUT(killed && pending == 0, 300'000);
        QCOMPARE(daemon->exitStatus(), QProcess::CrashExit);
        QVERIFY(answered.size() >= killAfter);
        qInfo("round %d: %lld reports answered so far, %d requests cut off by the kill", round + 1,
            qint64(answered.size()), failed);
        QVERIFY2(failed > 0, "the kill should have cut off requests in flight");
    }

    // Restart on the same data folder: it comes up, and serves each answered report.
    daemon = std::make_unique<Daemon>(overrides);
    QVERIFY2(daemon->start(&error), qPrintable(error));
    for (auto it = answered.cbegin(); it != answered.cend(); ++it) {
        QNetworkReply *reply
            = nam.get(QNetworkRequest(daemon->url(u"/open311/v2/requests/%1.json?extensions=true"_s.arg(it.key()))));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20'000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).array().first().toObject();
        QCOMPARE(o.value(u"description"_s).toString(), it->description);
        reply->deleteLater();
    }
    QVERIFY(daemon->stop());
    daemon.reset();

    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"integrity"_s);
        db.setDatabaseName(config->databasePath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA integrity_check"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), u"ok"_s);
        // No report without its "created" history line, answered or not.
        QVERIFY(q.exec(u"SELECT count(*) FROM reports r WHERE NOT EXISTS "
                       u"(SELECT 1 FROM report_history h WHERE h.report_id = r.id)"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"integrity"_s);

    // Every field of every answered report, as the services read it.
    Server check(*config, Clock::system());
    QVERIFY2(check.open(&error), qPrintable(error));
    MediaStore media(config->mediaDir());
    for (auto it = answered.cbegin(); it != answered.cend(); ++it) {
        const Sent &s = *it;
        const std::optional<Report> r = check.context().reports->find(it.key());
        QVERIFY2(r, qPrintable(u"report %1 (#%2) was answered but is gone"_s.arg(it.key()).arg(s.n)));
        QCOMPARE(r->serviceCode, u"pothole"_s);
        QCOMPARE(r->description, s.description);
        QCOMPARE(r->address, s.address);
        QVERIFY(r->hasLocation);
        QVERIFY(qAbs(r->lat - s.lat) < 1e-6);
        QVERIFY(qAbs(r->lon - s.lon) < 1e-6);
        QCOMPARE(r->contact.email, s.email);
        QCOMPARE(r->contact.firstName, s.firstName);
        QCOMPARE(r->contact.lastName, s.lastName);
        QCOMPARE(r->contact.phone, s.phone);
        QCOMPARE(r->channel, u"open311"_s);
        QVERIFY(!r->token.isEmpty());
        QCOMPARE(r->attributes.size(), 1);
        QCOMPARE(r->attributes.first(), (std::pair<QString, QStringList>(u"depth"_s, {s.depth})));
        QCOMPARE(r->photos.size(), s.withPhoto ? 1 : 0);
        for (const ReportPhoto &p : r->photos) {
            const auto bytes = media.get(p.sha256, MediaStore::Kind::Photo);
            QVERIFY2(bytes, qPrintable(u"photo file of report %1 is missing"_s.arg(it.key())));
            QCOMPARE(
                QString::fromLatin1(QCryptographicHash::hash(*bytes, QCryptographicHash::Sha256).toHex()), p.sha256);
            QVERIFY(media.get(p.sha256, MediaStore::Kind::Thumbnail));
            QImage decoded;
            QVERIFY(decoded.loadFromData(*bytes, "JPEG"));
            QCOMPARE(decoded.size(), QSize(p.width, p.height));
        }
        QVERIFY(!check.context().reports->history(it.key(), false).isEmpty());
    }
}

QTEST_GUILESS_MAIN(tst_CrashRecovery)
#include "tst_CrashRecovery.moc"
