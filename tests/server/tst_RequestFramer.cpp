// RequestFramer follows HTTP/1.x framing byte by byte; these tables feed it whole and in
// pieces, because a socket may deliver a request split anywhere.
#include <QTest>

#include "server/http/RequestFramer.h"

using namespace Qt::StringLiterals;
using namespace dimos;

class tst_RequestFramer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void frames_data();
    void frames();
    void errors_data();
    void errors();
    void upgradeMakesItPassive();
};

namespace {
struct Outcome
{
    int heads = 0;
    int errorStatus = 0;
    QList<QByteArray> targets;
    QList<bool> keepAlive;
};

Outcome feedIn(const QByteArray &stream, int piece, const HttpLimits &limits = {})
{
    RequestFramer framer(limits);
    Outcome o;
    for (qsizetype i = 0; i < stream.size(); i += piece) {
        for (const auto &e :
            framer.feed(QByteArrayView(stream).sliced(i, std::min<qsizetype>(piece, stream.size() - i)))) {
            if (e.type == RequestFramer::Event::Type::Error) {
                o.errorStatus = e.status;
                return o;
            }
            ++o.heads;
            o.targets.append(e.head.target);
            o.keepAlive.append(e.head.keepAlive);
        }
    }
    return o;
}
} // namespace

void tst_RequestFramer::frames_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("heads");
    QTest::addColumn<QByteArray>("lastTarget");
    QTest::addColumn<bool>("lastKeepAlive");
    QTest::newRow("simple get") << "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 1 << "/a"_ba << true;
    QTest::newRow("two pipelined") << "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 2
                                   << "/b"_ba << true;
    QTest::newRow("body then next")
        << "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /n HTTP/1.1\r\n"
           "Host: x\r\nConnection: close\r\n\r\n"_ba
        << 2 << "/n"_ba << false;
    QTest::newRow("chunked then next")
        << "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n0\r\nX-T: 1\r\n\r\n"
           "GET /after HTTP/1.1\r\nHost: x\r\n\r\n"_ba
        << 2 << "/after"_ba << true;
    QTest::newRow("http/1.0") << "GET /old HTTP/1.0\r\n\r\n"_ba << 1 << "/old"_ba << false;
    QTest::newRow("http/1.0 keep-alive") << "GET /old HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"_ba << 1 << "/old"_ba
                                         << true;
    QTest::newRow("bare LF") << "GET /lf HTTP/1.1\nHost: x\n\n"_ba << 1 << "/lf"_ba << true;
    QTest::newRow("leading empty lines") << "\r\n\r\nGET /e HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 1 << "/e"_ba << true;
    QTest::newRow("incomplete") << "GET /x HTTP/1.1\r\nHost: x\r\n"_ba << 0 << QByteArray() << true;
}

void tst_RequestFramer::frames()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, heads);
    QFETCH(QByteArray, lastTarget);
    QFETCH(bool, lastKeepAlive);
    for (int piece : {1, 2, 3, 7, 64, 100000}) {
        const Outcome o = feedIn(stream, piece);
        QCOMPARE(o.errorStatus, 0);
        QCOMPARE(o.heads, heads);
        if (heads > 0) {
            QCOMPARE(o.targets.last(), lastTarget);
            QCOMPARE(o.keepAlive.last(), lastKeepAlive);
        }
    }
}

void tst_RequestFramer::errors_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("status");
    QTest::newRow("garbage line") << "HELLO\r\n\r\n"_ba << 400;
    QTest::newRow("two spaces") << "GET  / HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("unknown version") << "GET / HTTP/3.0\r\nHost: x\r\n\r\n"_ba << 505;
    QTest::newRow("not http") << "GET / FTP/1.1\r\nHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("missing host") << "GET / HTTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("two hosts") << "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"_ba << 400;
    QTest::newRow("folded header") << "GET / HTTP/1.1\r\nHost: a\r\n continued\r\n\r\n"_ba << 400;
    QTest::newRow("negative length") << "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n"_ba << 400;
    QTest::newRow("conflicting lengths")
        << "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"_ba << 400;
    QTest::newRow("gzip coding") << "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n"_ba << 501;
    QTest::newRow("length and chunked") << "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: "
                                           "chunked\r\n\r\n"_ba
                                        << 400;
    QTest::newRow("bad chunk size") << "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"_ba
                                    << 400;
    QTest::newRow("chunk too long") << "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n"_ba
                                    << 400;
    QTest::newRow("expect other") << "POST / HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\n\r\n"_ba << 417;
    QTest::newRow("body too large") << "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2000\r\n\r\n"_ba << 413;
    QTest::newRow("chunked too large") << "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n"_ba
                                       << 413;
    QTest::newRow("head too large") << "GET / HTTP/1.1\r\nHost: a\r\nX: "_ba + QByteArray(600, 'x') << 431;
    QTest::newRow("control in header") << "GET / HTTP/1.1\r\nHost: a\x01"
                                          "b\r\n\r\n"_ba
                                       << 400;
}

void tst_RequestFramer::errors()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, status);
    HttpLimits limits;
    limits.maxBodyBytes = 1000;
    limits.maxHeaderBytes = 512;
    for (int piece : {1, 5, 100000}) {
        const Outcome o = feedIn(stream, piece, limits);
        QCOMPARE(o.errorStatus, status);
    }
}

void tst_RequestFramer::upgradeMakesItPassive()
{
    RequestFramer framer({});
    const auto events = framer.feed("GET /live HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                                    "\x81\x85 binary websocket frame follows");
    QCOMPARE(events.size(), 1);
    QVERIFY(events.first().head.upgrade);
    QVERIFY(framer.passive());
    QVERIFY(framer.feed("GARBAGE that is not HTTP").isEmpty());
}

QTEST_APPLESS_MAIN(tst_RequestFramer)
#include "tst_RequestFramer.moc"
