// libFuzzer target for the request framer (server/http/RequestFramer), which sees every byte a
// client sends before anything else does, and for the X-Forwarded-For walk of ConnectionGuard.
//
// The first input byte picks tiny or default limits and how the rest is cut into reads. The
// target checks what the framer promises: the events do not depend on how the stream is cut
// into reads (TCP gives no boundaries), every error carries a status and a message and is the
// last event, a head never declares more body than the limit, and a method is a short token.

#include "server/http/ConnectionGuard.h"
#include "server/http/RequestFramer.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Qt::StringLiterals;
using dimos::RequestFramer;

namespace {

QList<RequestFramer::Event> feedAll(const dimos::HttpLimits &limits, const QByteArray &stream, quint32 seed)
{
    RequestFramer framer(limits);
    QList<RequestFramer::Event> events;
    qsizetype at = 0;
    while (at < stream.size()) {
        qsizetype take = stream.size() - at;
        if (seed != 0) {
            seed = seed * 1103515245u + 12345u;
            take = std::min<qsizetype>(take, 1 + (seed >> 16) % 37);
        }
        events += framer.feed(QByteArrayView(stream).sliced(at, take));
        at += take;
        FUZZ_REQUIRE(
            !framer.failed() || (!events.isEmpty() && events.last().type == RequestFramer::Event::Type::Error));
    }
    // Nothing after a failure.
    if (framer.failed())
        FUZZ_REQUIRE(framer.feed("GET / HTTP/1.1\r\nHost: x\r\n\r\n").isEmpty());
    return events;
}

bool sameEvents(const QList<RequestFramer::Event> &a, const QList<RequestFramer::Event> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const auto &x = a[i];
        const auto &y = b[i];
        if (x.type != y.type || x.status != y.status || x.message != y.message || x.head.method != y.head.method
            || x.head.target != y.head.target || x.head.contentLength != y.head.contentLength
            || x.head.chunked != y.head.chunked || x.head.keepAlive != y.head.keepAlive
            || x.head.upgrade != y.head.upgrade || x.head.forwardedFor != y.head.forwardedFor)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    dimos::HttpLimits limits;
    if (data[0] & 0x80) {
        limits.maxHeaderBytes = 64;
        limits.maxBodyBytes = 100;
    }
    const quint32 seed = 1u + data[1];
    const QByteArray stream = dimos::fuzz::bytes(data + 2, size - 2);

    const QList<RequestFramer::Event> whole = feedAll(limits, stream, 0);
    FUZZ_REQUIRE(sameEvents(whole, feedAll(limits, stream, seed)));

    for (qsizetype i = 0; i < whole.size(); ++i) {
        const RequestFramer::Event &e = whole[i];
        if (e.type == RequestFramer::Event::Type::Error) {
            FUZZ_REQUIRE(i == whole.size() - 1);
            FUZZ_REQUIRE(e.status >= 400 && e.status <= 505);
            FUZZ_REQUIRE(!e.message.isEmpty());
            continue;
        }
        FUZZ_REQUIRE(!e.head.method.isEmpty() && e.head.method.size() <= 32);
        FUZZ_REQUIRE(!e.head.target.isEmpty());
        FUZZ_REQUIRE(e.head.contentLength >= 0 && e.head.contentLength <= limits.maxBodyBytes);
        FUZZ_REQUIRE(!(e.head.chunked && e.head.contentLength > 0));
        for (char c : e.head.target)
            FUZZ_REQUIRE(static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f);

        // Whom the request is from: the peer unless the peer is a trusted proxy.
        const QHostAddress peer(u"127.0.0.1"_s);
        const QList<std::pair<QHostAddress, int>> trusted{{QHostAddress(u"127.0.0.1"_s), 32}};
        FUZZ_REQUIRE(dimos::ConnectionGuard::clientAddress(peer, e.head.forwardedFor, {}) == peer);
        const QHostAddress client = dimos::ConnectionGuard::clientAddress(peer, e.head.forwardedFor, trusted);
        FUZZ_REQUIRE(!client.isNull());
        FUZZ_REQUIRE(client == peer || e.head.forwardedFor.contains(':') || e.head.forwardedFor.contains('.'));
    }
    return 0;
}
