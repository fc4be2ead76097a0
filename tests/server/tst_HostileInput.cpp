// dimosd against clients that mean harm or are broken, over real sockets: a thousand idle
// connections, a 1 GB body (declared and chunked) with the daemon's memory measured before and
// after, malformed request lines and headers, bodies cut off mid-way, hostile photo uploads
// through Open311, and a burst of reports from one address among others. docs/HARDENING.md
// lists what is guaranteed; the longer runs are in tests/stress/.
#include <QBuffer>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server/http/ApiError.h"
#include "server/http/ConnectionGuard.h"
#include "server/http/HttpTypes.h"
#include "server/http/RequestFramer.h"
#include "server/open311/Open311Params.h"
#include "server/storage/ReportRepository.h"
#include "shared/domain/ReportJson.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

#define START_SERVER(ts)                                                                                               \
    do {                                                                                                               \
        QString startError_;                                                                                           \
        QVERIFY2((ts).start(&startError_), qPrintable(startError_));                                                   \
    } while (false)

// A line of /proc/self/status for this process (the daemon runs in it), in KiB.
qint64 statusKib(QByteArrayView field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(field) && line.size() > field.size() && line[field.size()] == ':')
            return line.mid(field.size() + 1).trimmed().split(' ').first().toLongLong();
    return -1;
}

qint64 rssKib()
{
    return statusKib("VmRSS");
}

// Starts a new peak-RSS (VmHWM) measurement.
bool resetPeakRss()
{
    QFile clearRefs(u"/proc/self/clear_refs"_s);
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

// Files under `dir`, recursively (the media store's shards).
int fileCount(const QString &dir)
{
    int n = 0;
    for (QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories); it.hasNext(); it.next())
        ++n;
    return n;
}

quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (const char c : data) {
        crc ^= static_cast<uchar>(c);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ ((crc & 1u) ? 0xEDB88320u : 0u);
    }
    return ~crc;
}

QByteArray be32(quint32 v)
{
    const char b[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    return QByteArray(b, 4);
}

QByteArray le16(quint16 v)
{
    const char b[2] = {char(v), char(v >> 8)};
    return QByteArray(b, 2);
}

QByteArray le32(quint32 v)
{
    return le16(quint16(v)) + le16(quint16(v >> 16));
}

QByteArray pngChunk(const QByteArray &type, const QByteArray &payload)
{
    return be32(quint32(payload.size())) + type + payload + be32(crc32(type + payload));
}

// A decompression bomb: a PNG of a few hundred bytes whose header claims width × height.
QByteArray pngClaiming(quint32 width, quint32 height)
{
    const QByteArray header = be32(width) + be32(height) + "\x08\x02\x00\x00\x00"_ba;
    const QByteArray zlibStream = qCompress(QByteArray(4096, '\0')).mid(4);
    return "\x89PNG\r\n\x1A\n"_ba + pngChunk("IHDR"_ba, header) + pngChunk("IDAT"_ba, zlibStream)
        + pngChunk("IEND"_ba, {});
}

QByteArray zipArchive(const QByteArray &fileName, const QByteArray &content)
{
    const QByteArray crc = le32(crc32(content));
    const QByteArray size = le32(quint32(content.size()));
    const QByteArray common = le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21) + crc + size + size
        + le16(quint16(fileName.size())) + le16(0);
    const QByteArray local = "PK\3\4"_ba + common + fileName + content;
    const QByteArray central
        = "PK\1\2"_ba + le16(20) + common + le16(0) + le16(0) + le16(0) + le32(0) + le32(0) + fileName;
    const QByteArray end = "PK\5\6"_ba + le16(0) + le16(0) + le16(1) + le16(1) + le32(quint32(central.size()))
        + le32(quint32(local.size())) + le16(0);
    return local + central + end;
}

QByteArray encode(const QImage &image, const char *format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, 90);
    return bytes;
}

QByteArray picture(int width, int height, const char *format)
{
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, qRgb((x * 7) & 0xff, (y * 3) & 0xff, ((x + y) * 5) & 0xff));
    return encode(image, format);
}

// packaging/dev stress sets DIMOS_STRESS: the same tests at sizes too slow for every run.
bool stress()
{
    return qEnvironmentVariableIsSet("DIMOS_STRESS");
}

constexpr auto kBoundary = "hostile-0123456789";

// A multipart Open311 report (valid fields, photo optional), the body only.
QByteArray reportBody(const QString &description, const QByteArray &photo = {},
    const QByteArray &photoType = "image/jpeg"_ba, const QString &photoName = u"photo.jpg"_s)
{
    QByteArray body;
    auto field = [&](const QByteArray &name, const QString &value) {
        body += "--"_ba + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
            + value.toUtf8() + "\r\n";
    };
    field("service_code"_ba, u"pothole"_s);
    field("lat"_ba, QString::number(kInsideLat, 'f', 6));
    field("long"_ba, QString::number(kInsideLon, 'f', 6));
    field("description"_ba, description);
    field("email"_ba, u"citizen@example.org"_s);
    if (!photo.isNull())
        body += "--"_ba + kBoundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\""
            + photoName.toUtf8() + "\"\r\nContent-Type: " + photoType + "\r\n\r\n" + photo + "\r\n";
    body += "--"_ba + kBoundary + "--\r\n";
    return body;
}

QByteArray postHead(qint64 contentLength, const QByteArray &extra = {})
{
    return "POST /open311/v2/requests.json HTTP/1.1\r\nHost: dimos.test\r\nConnection: close\r\n"
           "Content-Type: multipart/form-data; boundary="_ba
        + kBoundary + "\r\nContent-Length: " + QByteArray::number(contentLength) + "\r\n" + extra + "\r\n";
}

struct RawReply
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    bool complete = false;

    QByteArray header(QByteArrayView name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && QByteArrayView(line).first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
    QString message() const
    {
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        if (doc.isArray()) // Open311's error document
            return doc.array().first().toObject().value(u"description"_s).toString();
        return doc.object().value(u"error"_s).toObject().value(u"message"_s).toString();
    }
};

RawReply parseReply(const QByteArray &bytes)
{
    RawReply r;
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (!bytes.startsWith("HTTP/1.1 ") || end < 0)
        return r;
    r.head = bytes.left(end);
    r.status = bytes.mid(9, 3).toInt();
    r.body = bytes.mid(end + 4);
    bool ok = false;
    const qint64 length = r.header("content-length").toLongLong(&ok);
    r.complete = ok && r.body.size() >= length;
    if (ok)
        r.body.truncate(length);
    return r;
}

// One request over a fresh connection from `source` (any 127.0.0.0/8 address works on Linux),
// waiting in the event loop (the daemon runs in it) for the whole answer.
RawReply exchange(TestServer &ts, const QByteArray &bytes, const QHostAddress &source = QHostAddress::LocalHost)
{
    QTcpSocket socket;
    if (!socket.bind(source))
        return {};
    QByteArray received;
    QEventLoop loop;
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] { socket.write(bytes); });
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        received += socket.readAll();
        if (parseReply(received).complete)
            loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(20'000, &loop, &QEventLoop::quit);
    socket.connectToHost(QHostAddress::LocalHost, ts.port());
    loop.exec();
    received += socket.readAll();
    return parseReply(received);
}

// Streams up to `total` bytes after `head` through a plain socket, from one constant buffer (so
// the test side allocates nothing while the daemon's memory is watched), letting the daemon's
// event loop run between writes. Goes on after the answer (the daemon reads and discards for a
// while before it hangs up) until `afterAnswer` more bytes are sent or the connection is gone.
RawReply stream(
    quint16 port, const QByteArray &head, qint64 total, qint64 afterAnswer, const QByteArray &unit, qint64 *sent)
{
    RawReply none;
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return none;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address); // EINPROGRESS
    QByteArray received(64 * 1024, Qt::Uninitialized);
    qsizetype receivedBytes = 0;
    QByteArray pending = head;
    qint64 unitOffset = 0;
    *sent = 0;
    QDeadlineTimer deadline(60'000);
    bool open = true, readable = true;
    qint64 answeredAt = -1;
    while (open && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        while (readable) { // read the answer as it comes, before a reset could discard it
            const ssize_t n = ::recv(fd, received.data() + receivedBytes,
                static_cast<size_t>(received.size() - receivedBytes), MSG_DONTWAIT);
            if (n > 0) {
                receivedBytes += n;
                if (receivedBytes == received.size())
                    break;
                continue;
            }
            if (n == 0) // the daemon is done sending; it may still be reading
                readable = false;
            else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN)
                open = false;
            break;
        }
        if (answeredAt < 0 && parseReply(received.left(receivedBytes)).complete)
            answeredAt = *sent;
        if (answeredAt >= 0 && *sent - answeredAt >= afterAnswer)
            break;
        for (int burst = 0; open && burst < 64; ++burst) {
            const char *data;
            size_t size;
            if (!pending.isEmpty()) {
                data = pending.constData();
                size = static_cast<size_t>(pending.size());
            } else if (*sent < total) {
                data = unit.constData() + unitOffset;
                size = static_cast<size_t>(std::min<qint64>(unit.size() - unitOffset, total - *sent));
            } else {
                break;
            }
            const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n < 0) {
                if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN)
                    open = false;
                break;
            }
            if (!pending.isEmpty()) {
                pending.remove(0, n);
            } else {
                *sent += n;
                unitOffset = (unitOffset + n) % unit.size();
            }
        }
        if (*sent >= total && pending.isEmpty() && answeredAt >= 0)
            break;
    }
    ::close(fd);
    return parseReply(received.left(receivedBytes));
}

} // namespace

class tst_HostileInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void idleConnectionsDoNotStarveOthers();
    void hugeBodyIsRefusedAndMemoryStaysFlat_data();
    void hugeBodyIsRefusedAndMemoryStaysFlat();
    void malformedRequestsGet400_data();
    void malformedRequestsGet400();
    void cutOffBodyLeavesNothing_data();
    void cutOffBodyLeavesNothing();
    void hostileUploadsAreRefused_data();
    void hostileUploadsAreRefused();
    void burstFromOneAddressIsLimited();
    void forwardedForIsTrustedOnlyFromConfiguredProxies();
    void clientAddressWalksTrustedHops_data();
    void clientAddressWalksTrustedHops();
    void fuzzFindingsStayFixed();

private:
    static void seed(TestServer &ts);
};

void tst_HostileInput::initTestCase()
{
    // A thousand connections are two thousand descriptors in this process (both ends).
    rlimit limit{};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &limit), 0);
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &limit), 0);
    }
    const rlim_t needed = stress() ? 10'300 : 2'300;
    QVERIFY2(limit.rlim_cur >= needed,
        qPrintable(u"RLIMIT_NOFILE is below %1 even at its hard limit: raise it (ulimit -Hn)"_s.arg(needed)));
}

void tst_HostileInput::seed(TestServer &ts)
{
    ts.addCategory(u"pothole"_s, ts.addDepartment(u"roads"_s));
}

void tst_HostileInput::idleConnectionsDoNotStarveOthers()
{
    const int kIdle = stress() ? 5000 : 1000;
    // The idle and head timeouts are long here, so any connection that closes was closed by
    // something else; the cap leaves room for the ordinary clients.
    TestServer ts({u"http/idle_timeout_s=3600"_s, u"http/header_timeout_s=600"_s,
        u"http/max_connections=%1"_s.arg(kIdle + 100), u"open311/require_api_key=false"_s});
    START_SERVER(ts);
    seed(ts);
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    idle.reserve(kIdle);
    for (int i = 0; i < kIdle; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        // Half say nothing at all; half start a request and stall in the middle of its head.
        if (i % 2)
            QObject::connect(socket.get(), &QTcpSocket::connected, socket.get(),
                [s = socket.get()] { s->write("GET /open311/v2/services.json HTTP/1.1\r\nHost: dimos.te"); });
        socket->connectToHost(QHostAddress::LocalHost, ts.port());
        idle.push_back(std::move(socket));
    }
    QTRY_COMPARE_WITH_TIMEOUT(ts.server().activeConnections(), kIdle, 60'000);

    for (int i = 0; i < 20; ++i) {
        const Reply r = ts.get(u"/open311/v2/services.json"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.array().size(), 1);
    }
    const RawReply filed = exchange(
        ts, postHead(reportBody(u"filed while 1000 sit idle"_s).size()) + reportBody(u"filed while 1000 sit idle"_s));
    QCOMPARE(filed.status, 200);
    QCOMPARE(ts.ctx().reports->count(), 1);

    QCoreApplication::processEvents();
    int stillOpen = 0;
    for (const auto &socket : idle)
        stillOpen += socket->state() == QAbstractSocket::ConnectedState ? 1 : 0;
    QCOMPARE(stillOpen, kIdle);
    QVERIFY(ts.server().activeConnections() >= kIdle);
}

void tst_HostileInput::hugeBodyIsRefusedAndMemoryStaysFlat_data()
{
    QTest::addColumn<bool>("chunked");
    QTest::newRow("Content-Length: 1 GB") << false;
    QTest::newRow("chunked, growing past the limit") << true;
}

void tst_HostileInput::hugeBodyIsRefusedAndMemoryStaysFlat()
{
    QFETCH(bool, chunked);
    constexpr qint64 kGiB = 1024LL * 1024 * 1024;
    TestServer ts({u"http/max_body_mib=2"_s, u"open311/require_api_key=false"_s});
    START_SERVER(ts);
    seed(ts);
    // Warm up: one whole report, so what is allocated once is allocated before the baseline.
    const QByteArray small = reportBody(u"warm-up"_s, picture(64, 48, "jpeg"));
    QCOMPARE(exchange(ts, postHead(small.size()) + small).status, 200);
    const qint64 before = rssKib();
    QVERIFY(before > 0);
    QVERIFY(resetPeakRss());

    QByteArray head;
    QByteArray unit;
    if (chunked) {
        head = "POST /open311/v2/requests.json HTTP/1.1\r\nHost: dimos.test\r\nTransfer-Encoding: chunked\r\n"
               "Content-Type: multipart/form-data; boundary="_ba
            + kBoundary + "\r\n\r\n";
        // One chunk of 64 KiB, again and again: the stream never ends on its own.
        unit = "10000\r\n"_ba + QByteArray(0x10000, 'x') + "\r\n"_ba;
    } else {
        head = postHead(kGiB);
        unit = QByteArray(256 * 1024, 'x');
    }
    qint64 sent = 0;
    const RawReply r = stream(ts.port(), head, kGiB, kGiB, unit, &sent);
    const qint64 peak = statusKib("VmHWM");
    const qint64 after = rssKib();
    qInfo("sent %lld MiB; RSS %lld MiB before, %lld MiB at the peak, %lld MiB after", sent / (1024 * 1024),
        before / 1024, peak / 1024, after / 1024);
    QCOMPARE(r.status, 413);
    QVERIFY2(r.message().contains(u"limit"_s), qPrintable(r.message()));
    QVERIFY2(r.message().contains(QString::number(2 * 1024 * 1024)), qPrintable(r.message()));
    // Far more went out than the limit (all of the gigabyte, unless the daemon's 3 s of reading
    // on after its answer ran out first): it read on and threw it away.
    QVERIFY(sent > 32 * 1024 * 1024);
    QVERIFY2(peak - before < 20 * 1024,
        qPrintable(u"RSS peaked %1 KiB higher while a huge body was refused"_s.arg(peak - before)));
    QVERIFY2(after - before < 20 * 1024,
        qPrintable(u"RSS grew by %1 KiB while a huge body was refused"_s.arg(after - before)));
    QCOMPARE(ts.ctx().reports->count(), 1); // the warm-up only

    // And the daemon still serves.
    QCOMPARE(ts.get(u"/open311/v2/services.json"_s).status, 200);
}

void tst_HostileInput::malformedRequestsGet400_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    const QByteArray host = "Host: dimos.test\r\n"_ba;
    QTest::newRow("not HTTP at all") << "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"_ba << 400
                                     << u"malformed request line"_s;
    QTest::newRow("no version") << "GET /\r\n\r\n"_ba << 400 << u"malformed request line"_s;
    QTest::newRow("space in the target") << "GET /a b HTTP/1.1\r\n"_ba + host + "\r\n"
                                         << 400 << u"malformed request line"_s;
    QTest::newRow("control byte in the target") << "GET /a\x01 HTTP/1.1\r\n"_ba + host + "\r\n"
                                                << 400 << u"percent-encode"_s;
    QTest::newRow("non-ASCII method") << "G\xc3\x89T / HTTP/1.1\r\n"_ba + host + "\r\n" << 400 << u"method"_s;
    QTest::newRow("unknown protocol") << "GET / HTTX/1.1\r\n"_ba + host + "\r\n" << 400 << u"protocol"_s;
    QTest::newRow("HTTP/2.0 request line") << "GET / HTTP/2.0\r\n"_ba + host + "\r\n" << 505 << u"HTTP/1.1"_s;
    QTest::newRow("no Host") << "GET / HTTP/1.1\r\n\r\n"_ba << 400 << u"Host"_s;
    QTest::newRow("two Hosts") << "GET / HTTP/1.1\r\n"_ba + host + host + "\r\n" << 400 << u"Host"_s;
    QTest::newRow("header without colon") << "GET / HTTP/1.1\r\n"_ba + host + "Bad Header\r\n\r\n"
                                          << 400 << u"malformed header"_s;
    QTest::newRow("space before colon") << "GET / HTTP/1.1\r\n"_ba + host + "X-A : b\r\n\r\n"
                                        << 400 << u"malformed header"_s;
    QTest::newRow("folded header") << "GET / HTTP/1.1\r\n"_ba + host + "X-A: b\r\n c\r\n\r\n" << 400 << u"folded"_s;
    QTest::newRow("NUL in a value") << "GET / HTTP/1.1\r\n"_ba + host + "X-A: b\0c\r\n\r\n"_ba << 400
                                    << u"control characters"_s;
    QTest::newRow("negative Content-Length") << "POST / HTTP/1.1\r\n"_ba + host + "Content-Length: -1\r\n\r\n"
                                             << 400 << u"Content-Length"_s;
    QTest::newRow("Content-Length with letters") << "POST / HTTP/1.1\r\n"_ba + host + "Content-Length: 12ab\r\n\r\n"
                                                 << 400 << u"Content-Length"_s;
    QTest::newRow("Content-Length overflowing 64 bits")
        << "POST / HTTP/1.1\r\n"_ba + host + "Content-Length: 99999999999999999999999\r\n\r\n"
        << 400 << u"Content-Length"_s;
    QTest::newRow("conflicting Content-Lengths")
        << "POST / HTTP/1.1\r\n"_ba + host + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd" << 400
        << u"conflicting"_s;
    QTest::newRow("Content-Length and chunked") << "POST / HTTP/1.1\r\n"_ba + host
            + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                                                << 400 << u"only one"_s;
    QTest::newRow("bad chunk size") << "POST / HTTP/1.1\r\n"_ba + host + "Transfer-Encoding: chunked\r\n\r\nzz\r\n"
                                    << 400 << u"chunk size"_s;
    QTest::newRow("chunk longer than its size")
        << "POST / HTTP/1.1\r\n"_ba + host + "Transfer-Encoding: chunked\r\n\r\n2\r\nabcdef\r\n"
        << 400 << u"longer than its size"_s;
    QTest::newRow("unknown transfer coding")
        << "POST / HTTP/1.1\r\n"_ba + host + "Transfer-Encoding: gzip, chunked\r\n\r\n"
        << 501 << u"chunked"_s;
    QByteArray trailers;
    for (int i = 0; i < 200; ++i)
        trailers += "X-Trailer-" + QByteArray::number(i) + ": " + QByteArray(90, 't') + "\r\n";
    QTest::newRow("chunked trailers over the head limit")
        << "POST / HTTP/1.1\r\n"_ba + host + "Transfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n" + trailers + "\r\n"
        << 431 << u"trailer"_s;
    QTest::newRow("head over the limit") << "GET / HTTP/1.1\r\n"_ba + host + "X-A: " + QByteArray(20'000, 'a')
            + "\r\n\r\n" << 431 << u"larger than"_s;
}

void tst_HostileInput::malformedRequestsGet400()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, message);
    TestServer ts;
    START_SERVER(ts);
    const RawReply r = exchange(ts, request);
    QCOMPARE(r.status, status);
    QVERIFY2(r.message().contains(message), qPrintable(r.message()));
    QCOMPARE(r.header("connection"), "close"_ba);
    QCOMPARE(ts.get(u"/open311/v2/discovery.json"_s).status, 200);
}

void tst_HostileInput::cutOffBodyLeavesNothing_data()
{
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<double>("fraction");
    QTest::newRow("Content-Length, cut in the fields") << false << 0.1;
    QTest::newRow("Content-Length, cut in the photo") << false << 0.5;
    QTest::newRow("Content-Length, last byte missing") << false << 0.0;
    QTest::newRow("chunked, cut in the photo") << true << 0.5;
    QTest::newRow("chunked, no last chunk") << true << 1.0;
}

void tst_HostileInput::cutOffBodyLeavesNothing()
{
    QFETCH(bool, chunked);
    QFETCH(double, fraction);
    TestServer ts({u"open311/require_api_key=false"_s});
    START_SERVER(ts);
    seed(ts);
    const QByteArray body = reportBody(u"cut off"_s, picture(320, 240, "jpeg"));
    QByteArray bytes;
    if (chunked) {
        const qsizetype half = body.size() / 2;
        bytes = "POST /open311/v2/requests.json HTTP/1.1\r\nHost: dimos.test\r\nTransfer-Encoding: chunked\r\n"
                "Content-Type: multipart/form-data; boundary="_ba
            + kBoundary + "\r\n\r\n" + QByteArray::number(half, 16) + "\r\n" + body.left(half) + "\r\n";
        if (fraction >= 1.0) // every byte of the body, but not the terminating zero-size chunk
            bytes += QByteArray::number(body.size() - half, 16) + "\r\n" + body.mid(half) + "\r\n";
    } else {
        const qsizetype keep = fraction > 0 ? qsizetype(body.size() * fraction) : body.size() - 1;
        bytes = postHead(body.size()) + body.left(keep);
    }
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, ts.port());
        QVERIFY(socket.waitForConnected(10'000));
        socket.write(bytes);
        QTRY_COMPARE_WITH_TIMEOUT(socket.bytesToWrite(), 0, 10'000);
        QTest::qWait(20); // the daemon reads what came
        socket.abort(); // the client goes away in the middle of the body
    }
    QTRY_COMPARE_WITH_TIMEOUT(ts.server().activeConnections(), 0, 10'000);
    QCOMPARE(ts.ctx().reports->count(), 0);
    QCOMPARE(fileCount(ts.server().config().mediaDir()), 0);

    // The same report sent whole is filed, with its photo and thumbnail.
    const RawReply whole = exchange(ts, postHead(body.size()) + body);
    QCOMPARE(whole.status, 200);
    QCOMPARE(ts.ctx().reports->count(), 1);
    QCOMPARE(fileCount(ts.server().config().mediaDir()), 2);
}

void tst_HostileInput::hostileUploadsAreRefused_data()
{
    QTest::addColumn<QByteArray>("photo");
    QTest::addColumn<QByteArray>("declaredType");
    QTest::addColumn<QStringList>("expected");
    const QByteArray jpeg = picture(160, 120, "jpeg");
    const QByteArray png = picture(160, 120, "png");
    QTest::newRow("decompression bomb: PNG claiming 30000×30000")
        << pngClaiming(30000, 30000) << "image/png"_ba << QStringList{u"30000×30000 pixels"_s, u"megapixels"_s};
    QTest::newRow("polyglot: JPEG + ZIP") << jpeg + zipArchive("payload.html"_ba, "<script>alert(1)</script>"_ba)
                                          << "image/jpeg"_ba << QStringList{u"after the end of the image"_s};
    QTest::newRow("polyglot: JPEG + HTML") << jpeg + "<html><script>alert(1)</script></html>"_ba
                                           << "image/jpeg"_ba << QStringList{u"after the end of the image"_s};
    QTest::newRow("wrong declared type: PNG sent as image/jpeg")
        << png << "image/jpeg"_ba << QStringList{u"sent as image/jpeg"_s, u"PNG"_s};
    QTest::newRow("not an image: PDF sent as image/jpeg")
        << "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"_ba
        << "image/jpeg"_ba << QStringList{u"PDF"_s};
    // photos/max_megapixels=1 below: a real, well-formed picture of 1.2 megapixels.
    QTest::newRow("huge pixel count: 1200×1000 over a 1-megapixel limit")
        << picture(1200, 1000, "png") << "image/png"_ba << QStringList{u"1200×1000"_s};
}

void tst_HostileInput::hostileUploadsAreRefused()
{
    QFETCH(QByteArray, photo);
    QFETCH(QByteArray, declaredType);
    QFETCH(QStringList, expected);
    TestServer ts({u"open311/require_api_key=false"_s, u"photos/max_megapixels=1"_s});
    START_SERVER(ts);
    seed(ts);
    const qint64 before = rssKib();
    const QByteArray body = reportBody(u"with a hostile photo"_s, photo, declaredType, u"IMG_0042.jpg"_s);
    const RawReply r = exchange(ts, postHead(body.size()) + body);
    QCOMPARE(r.status, 400);
    const QString message = r.message();
    QVERIFY2(message.contains(u"IMG_0042.jpg"_s), qPrintable(message)); // which file
    for (const QString &part : expected) // what was wrong
        QVERIFY2(message.contains(part), qPrintable(u"“%1” not in “%2”"_s.arg(part, message)));
    QVERIFY2(message.contains(u" — "_s), qPrintable(message)); // and what to do instead
    QCOMPARE(ts.ctx().reports->count(), 0);
    QCOMPARE(fileCount(ts.server().config().mediaDir()), 0);
    // The bomb was refused from its header: nothing near 30000×30000×4 bytes was allocated.
    QVERIFY(rssKib() - before < 100 * 1024);
}

void tst_HostileInput::burstFromOneAddressIsLimited()
{
    TestServer ts({u"open311/require_api_key=false"_s, u"open311/reports_per_hour_per_address=3"_s});
    START_SERVER(ts);
    seed(ts);
    const QHostAddress noisy(u"127.0.0.2"_s), other(u"127.0.0.3"_s), third(u"127.0.0.4"_s);
    const QByteArray body = reportBody(u"one of many"_s);
    const QByteArray request = postHead(body.size()) + body;
    for (int i = 0; i < 3; ++i)
        QCOMPARE(exchange(ts, request, noisy).status, 200);
    for (int i = 0; i < 5; ++i) {
        const RawReply refused = exchange(ts, request, noisy);
        QCOMPARE(refused.status, 429);
        QVERIFY2(refused.message().contains(u"try again in"_s), qPrintable(refused.message()));
        bool ok = false;
        const int retryAfter = refused.header("retry-after").toInt(&ok);
        QVERIFY2(ok && retryAfter > 0 && retryAfter <= 3600, refused.header("retry-after").constData());
    }
    // Other addresses are not affected, before or after the noisy one is refused.
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(exchange(ts, request, other).status, 200);
        QCOMPARE(exchange(ts, request, third).status, 200);
    }
    QCOMPARE(ts.ctx().reports->count(), 9);
    // Claiming to be someone else does not help: no proxy is trusted here.
    const QByteArray forged = postHead(body.size(), "X-Forwarded-For: 198.51.100.9\r\n"_ba) + body;
    QCOMPARE(exchange(ts, forged, noisy).status, 429);
    // Reading is never limited.
    QCOMPARE(
        exchange(ts, "GET /open311/v2/services.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"_ba, noisy).status,
        200);
}

void tst_HostileInput::forwardedForIsTrustedOnlyFromConfiguredProxies()
{
    // 127.0.0.5 plays nginx on this machine; 127.0.0.6 is a client that reaches dimosd directly.
    TestServer ts({u"open311/require_api_key=false"_s, u"open311/reports_per_hour_per_address=2"_s,
        u"http/trusted_proxies=127.0.0.5"_s});
    START_SERVER(ts);
    seed(ts);
    const QHostAddress proxy(u"127.0.0.5"_s), direct(u"127.0.0.6"_s);
    const QByteArray body = reportBody(u"through a proxy"_s);
    auto via = [&](const QByteArray &forwardedFor) -> QByteArray {
        return postHead(body.size(), "X-Forwarded-For: "_ba + forwardedFor + "\r\n") + body;
    };
    // Behind the proxy, each citizen has a budget of their own...
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(exchange(ts, via("203.0.113.1"_ba), proxy).status, 200);
        QCOMPARE(exchange(ts, via("203.0.113.2"_ba), proxy).status, 200);
    }
    QCOMPARE(exchange(ts, via("203.0.113.1"_ba), proxy).status, 429);
    // ...which a client cannot reset by prepending an address of its choice: the proxy appends.
    QCOMPARE(exchange(ts, via("192.0.2.77, 203.0.113.1"_ba), proxy).status, 429);
    QCOMPARE(exchange(ts, via("203.0.113.3"_ba), proxy).status, 200);
    // A client that is not the proxy is its own address whatever it sends.
    QCOMPARE(exchange(ts, via("203.0.113.4"_ba), direct).status, 200);
    QCOMPARE(exchange(ts, via("203.0.113.5"_ba), direct).status, 200);
    QCOMPARE(exchange(ts, via("203.0.113.6"_ba), direct).status, 429);
}

void tst_HostileInput::clientAddressWalksTrustedHops_data()
{
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QByteArray>("forwardedFor");
    QTest::addColumn<QString>("trusted");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no proxies trusted") << u"10.0.0.1"_s << "1.2.3.4"_ba << QString() << u"10.0.0.1"_s;
    QTest::newRow("untrusted peer") << u"10.0.0.1"_s << "1.2.3.4"_ba << u"127.0.0.1"_s << u"10.0.0.1"_s;
    QTest::newRow("trusted peer") << u"127.0.0.1"_s << "1.2.3.4"_ba << u"127.0.0.1"_s << u"1.2.3.4"_s;
    QTest::newRow("rightmost wins") << u"127.0.0.1"_s << "6.6.6.6, 1.2.3.4"_ba << u"127.0.0.1"_s << u"1.2.3.4"_s;
    QTest::newRow("two trusted hops") << u"127.0.0.1"_s << "1.2.3.4, 10.1.2.3"_ba << u"127.0.0.1, 10.0.0.0/8"_s
                                      << u"1.2.3.4"_s;
    QTest::newRow("garbage stops at the proxy")
        << u"127.0.0.1"_s << "not-an-address"_ba << u"127.0.0.1"_s << u"127.0.0.1"_s;
    QTest::newRow("short IPv4 forms are not addresses here")
        << u"127.0.0.1"_s << "2"_ba << u"127.0.0.1"_s << u"127.0.0.1"_s;
    QTest::newRow("empty header") << u"127.0.0.1"_s << ""_ba << u"127.0.0.1"_s << u"127.0.0.1"_s;
    QTest::newRow("IPv6 client") << u"127.0.0.1"_s << "2001:db8::7"_ba << u"127.0.0.1"_s << u"2001:db8::7"_s;
    QTest::newRow("v4-mapped peer") << u"::ffff:127.0.0.1"_s << "1.2.3.4"_ba << u"127.0.0.1"_s << u"1.2.3.4"_s;
    QTest::newRow("all trusted: the leftmost")
        << u"127.0.0.1"_s << "10.0.0.9, 10.0.0.8"_ba << u"127.0.0.1, 10.0.0.0/8"_s << u"10.0.0.9"_s;
}

void tst_HostileInput::clientAddressWalksTrustedHops()
{
    QFETCH(QString, peer);
    QFETCH(QByteArray, forwardedFor);
    QFETCH(QString, trusted);
    QFETCH(QString, expected);
    QString error;
    const auto config = Config::load({}, {u"http/trusted_proxies="_s + trusted}, &error);
    QVERIFY2(config, qPrintable(error));
    const QHostAddress client
        = ConnectionGuard::clientAddress(QHostAddress(peer), forwardedFor, config->http.trustedProxies);
    QCOMPARE(client, QHostAddress(expected));
}

// What the fuzz targets in tests/fuzz/ found, kept as plain tests. (The GEOS crash found by
// fuzz_Boundary is in tests/shared/tst_Boundary.cpp.)
void tst_HostileInput::fuzzFindingsStayFixed()
{
    // fuzz_RequestFramer: a head whose end arrives in a later read was refused as too large,
    // though the same bytes in one read were accepted. The verdict must not depend on reads.
    HttpLimits tiny;
    tiny.maxHeaderBytes = 64;
    const QByteArray head = "GET /a HTTP/1.1\nHost: x\nX-Forwarded-For: 203.0.113.7, 10.0.0.123\n\n"_ba;
    QCOMPARE(head.size(), 66);
    for (qsizetype cut = 1; cut < head.size(); ++cut) {
        RequestFramer whole(tiny), split(tiny);
        const QList<RequestFramer::Event> a = whole.feed(head);
        QList<RequestFramer::Event> b = split.feed(QByteArrayView(head).first(cut));
        b += split.feed(QByteArrayView(head).sliced(cut));
        QCOMPARE(a.size(), 1);
        QCOMPARE(b.size(), 1);
        QCOMPARE(b.first().type, a.first().type);
        QCOMPARE(b.first().status, a.first().status);
    }

    // fuzz_Open311Params: "?lat&long=1" has lat present; its value is empty, not absent.
    const Open311Params p = Open311Params::fromParts(parseQueryString("lat&long=1"), {}, {});
    QVERIFY(p.has(u"lat"_s));
    QVERIFY(!p.value(u"lat"_s).isNull());
    try {
        open311NewReport(p);
        QFAIL("an empty lat was accepted");
    } catch (const ApiError &e) {
        QVERIFY2(e.message.contains(u"lat must be a decimal number"_s), qPrintable(e.message));
    }

    // fuzz_StaffJson: a photo whose URL is not /media/<sha256>.jpg was decoded into a made-up
    // digest; it is left out instead.
    QJsonObject report{{u"id"_s, 1}, {u"service_code"_s, u"pothole"_s}, {u"status"_s, u"new"_s}, {u"version"_s, 1},
        {u"photos"_s,
            QJsonArray{QJsonObject{{u"url"_s, u"/media/.jpg"_s}},
                QJsonObject{{u"url"_s, QString(u"/media/"_s + QString(64, u'a') + u".jpg"_s)}, {u"width"_s, 4}}}}};
    const std::optional<Report> decoded = reportFromStaffJson(report);
    QVERIFY(decoded);
    QCOMPARE(decoded->photos.size(), 1);
    QCOMPARE(decoded->photos.first().sha256, QString(64, u'a'));
}

QTEST_GUILESS_MAIN(tst_HostileInput)
#include "tst_HostileInput.moc"
