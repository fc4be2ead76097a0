// The socket front under hostile and unusual HTTP: limits, malformed input, keep-alive,
// Connection: close, idle timeouts, headers on every response, 405, graceful stop.
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

class tst_HttpFront : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void securityHeadersOnEveryResponse_data();
    void securityHeadersOnEveryResponse();
    void wrongMethodGets405WithAllow();
    void malformedRequestGets400AndClose_data();
    void malformedRequestGets400AndClose();
    void oversizedBodyGets413WithoutBeingRead();
    void oversizedChunkedBodyGets413();
    void oversizedHeadGets431();
    void keepAliveServesSeveralRequests();
    void connectionCloseIsHonoured();
    void http10ClosesByDefault();
    void expectContinueIsAnswered();
    void silentConnectionIsClosed();
    void headIsAnsweredWithoutBody();
    void gracefulShutdownFinishesAndStops();
    void connectionCapAnswers503();
};

void tst_HttpFront::securityHeadersOnEveryResponse_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::newRow("found") << u"/open311/v2/services.json"_s << 200;
    QTest::newRow("not found") << u"/api/v1/no/such/thing"_s << 404;
    QTest::newRow("page not found") << u"/no/such/page"_s << 404;
    QTest::newRow("unauthorised") << u"/api/v1/me"_s << 401;
}

void tst_HttpFront::securityHeadersOnEveryResponse()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    const Reply r = ts.get(path);
    QCOMPARE(r.status, status);
    // JSON answers get the front's policy; HTML pages their own, stricter one.
    const QByteArray csp = r.header("content-security-policy");
    QVERIFY2(csp.contains("default-src 'self'") || csp.contains("default-src 'none'"), csp.constData());
    QVERIFY(csp.contains("frame-ancestors 'none'"));
    QCOMPARE(r.header("x-content-type-options"), "nosniff"_ba);
    QCOMPARE(r.header("x-frame-options"), "DENY"_ba);
    QVERIFY(!r.header("referrer-policy").isEmpty());
}

void tst_HttpFront::wrongMethodGets405WithAllow()
{
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    const Reply r = ts.send("DELETE"_ba, u"/open311/v2/services.json"_s, {}, {});
    QCOMPARE(r.status, 405);
    QVERIFY(r.header("allow").contains("GET"));
    QCOMPARE(r.object().value(u"error"_s).toObject().value(u"kind"_s).toString(), u"method_not_allowed"_s);
}

void tst_HttpFront::malformedRequestGets400AndClose_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::newRow("garbage") << "GARBAGE\r\n\r\n"_ba << 400;
    QTest::newRow("no host") << "GET / HTTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("bad header") << "GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n"_ba << 400;
    QTest::newRow("bad length") << "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\n"_ba << 400;
    QTest::newRow("smuggling")
        << "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"_ba << 400;
    QTest::newRow("http/2 preface") << "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"_ba << 505;
    QTest::newRow("control char in target") << "GET /a\x01 HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 400;
}

void tst_HttpFront::malformedRequestGets400AndClose()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    bool closed = false;
    const QByteArray answer = ts.raw(request, 8000, &closed);
    QVERIFY2(answer.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status))), answer.constData());
    QVERIFY(answer.contains("Connection: close"));
    QVERIFY(answer.contains("X-Content-Type-Options: nosniff"));
    QVERIFY(closed);
}

void tst_HttpFront::oversizedBodyGets413WithoutBeingRead()
{
    TestServer ts({u"http/max_body_mib=1"_s});
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    // Announce 1 GB and send 4 MB of it: the answer must come after the head, and the
    // server must not wait for (or keep) the rest.
    QTcpSocket socket;
    QByteArray received;
    socket.connectToHost(QHostAddress::LocalHost, ts.port());
    QTRY_VERIFY(socket.state() == QAbstractSocket::ConnectedState);
    socket.write("POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n"
                 "Content-Type: application/x-www-form-urlencoded\r\n\r\n");
    const QByteArray chunk(64 * 1024, 'a');
    connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });
    for (int i = 0; i < 64 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
        socket.write(chunk);
        QTest::qWait(1);
    }
    QTRY_VERIFY_WITH_TIMEOUT(received.contains("\r\n\r\n"), 10000);
    QVERIFY2(received.startsWith("HTTP/1.1 413"), received.left(200).constData());
    QVERIFY(received.contains("payload_too_large"));
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState, 10000);
}

void tst_HttpFront::oversizedChunkedBodyGets413()
{
    TestServer ts({u"http/max_body_mib=1"_s});
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    QByteArray request = "POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    const QByteArray data(256 * 1024, 'b');
    for (int i = 0; i < 6; ++i)
        request += QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
    const QByteArray answer = ts.raw(request, 10000);
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
}

void tst_HttpFront::oversizedHeadGets431()
{
    TestServer ts({u"http/max_header_kib=4"_s});
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    const QByteArray answer = ts.raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(8000, 'x') + "\r\n\r\n", 8000);
    QVERIFY2(answer.startsWith("HTTP/1.1 431"), answer.left(200).constData());
}

void tst_HttpFront::keepAliveServesSeveralRequests()
{
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    QTcpSocket socket;
    QByteArray received;
    connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, ts.port());
    QTRY_VERIFY(socket.state() == QAbstractSocket::ConnectedState);
    for (int i = 0; i < 3; ++i) {
        received.clear();
        socket.write("GET /open311/v2/discovery.json HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY(received.contains("\"endpoints\""));
        QVERIFY(received.contains("Connection: keep-alive"));
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    }
}

void tst_HttpFront::connectionCloseIsHonoured()
{
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    bool closed = false;
    const QByteArray answer
        = ts.raw("GET /open311/v2/discovery.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 8000, &closed);
    QVERIFY(answer.startsWith("HTTP/1.1 200"));
    QVERIFY(answer.contains("Connection: close"));
    QVERIFY(closed);
}

void tst_HttpFront::http10ClosesByDefault()
{
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    bool closed = false;
    const QByteArray answer = ts.raw("GET /open311/v2/discovery.json HTTP/1.0\r\n\r\n", 8000, &closed);
    QVERIFY(answer.startsWith("HTTP/1.1 200"));
    QVERIFY(closed);
}

void tst_HttpFront::expectContinueIsAnswered()
{
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    QTcpSocket socket;
    QByteArray received;
    connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, ts.port());
    QTRY_VERIFY(socket.state() == QAbstractSocket::ConnectedState);
    const QByteArray body = R"({"username":"nobody","password":"wrong password"})";
    socket.write(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
        "Content-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n");
    QTRY_VERIFY(received.startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    socket.write(body);
    QTRY_VERIFY(received.contains("HTTP/1.1 401"));
}

void tst_HttpFront::silentConnectionIsClosed()
{
    TestServer ts({u"http/idle_timeout_s=1"_s});
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    bool closed = false;
    const QByteArray answer = ts.raw(QByteArray(), 6000, &closed);
    QVERIFY(closed);
    QVERIFY(answer.isEmpty());
    // A request that stops half-way is answered with 408 and closed.
    closed = false;
    const QByteArray partial = ts.raw("GET / HTTP/1.1\r\nHost:", 6000, &closed);
    QVERIFY(closed);
    QVERIFY2(partial.startsWith("HTTP/1.1 408"), partial.constData());
}

void tst_HttpFront::headIsAnsweredWithoutBody()
{
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    const QByteArray answer
        = ts.raw("HEAD /open311/v2/discovery.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 8000);
    QVERIFY(answer.startsWith("HTTP/1.1 200"));
    QVERIFY(answer.endsWith("\r\n\r\n"));
    QVERIFY(!answer.contains("endpoints"));
}

void tst_HttpFront::gracefulShutdownFinishesAndStops()
{
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    QTcpSocket idle;
    idle.connectToHost(QHostAddress::LocalHost, ts.port());
    QTRY_VERIFY(idle.state() == QAbstractSocket::ConnectedState);
    const quint16 port = ts.port();
    QSignalSpy stopped(&ts.server(), &Server::stopped);
    ts.server().shutdown(5000);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 8000);
    QTRY_VERIFY(idle.state() == QAbstractSocket::UnconnectedState);
    // No longer accepting.
    QTcpSocket late;
    late.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!late.waitForConnected(1000) || late.state() != QAbstractSocket::ConnectedState);
}

void tst_HttpFront::connectionCapAnswers503()
{
    TestServer ts({u"http/max_connections=16"_s});
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    std::vector<std::unique_ptr<QTcpSocket>> held;
    for (int i = 0; i < 16; ++i) {
        held.push_back(std::make_unique<QTcpSocket>());
        held.back()->connectToHost(QHostAddress::LocalHost, ts.port());
        QTRY_VERIFY(held.back()->state() == QAbstractSocket::ConnectedState);
    }
    // The server must have accepted all sixteen before the next one arrives.
    QTRY_COMPARE(ts.server().activeConnections(), 16);
    bool closed = false;
    const QByteArray answer = ts.raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 5000, &closed);
    QVERIFY2(answer.startsWith("HTTP/1.1 503"), answer.constData());
    QVERIFY(answer.contains("Retry-After: 5"));
    QVERIFY(closed);
    // Freeing one slot lets the next client in.
    held.front()->disconnectFromHost();
    held.erase(held.begin());
    QTRY_COMPARE(ts.server().activeConnections(), 15);
    const QByteArray ok = ts.raw("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5000);
    QVERIFY2(ok.startsWith("HTTP/1.1 200"), ok.constData());
}

QTEST_GUILESS_MAIN(tst_HttpFront)
#include "tst_HttpFront.moc"
