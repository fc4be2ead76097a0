#include "RequestFramer.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (char c : s)
        if (!isTokenChar(c))
            return false;
    return true;
}

// Comma-separated list members, trimmed and lower-cased.
QList<QByteArray> listMembers(const QByteArray &value)
{
    QList<QByteArray> out;
    for (const QByteArray &part : value.split(','))
        if (const QByteArray t = part.trimmed().toLower(); !t.isEmpty())
            out.append(t);
    return out;
}

constexpr qsizetype kMaxChunkLine = 1024;

} // namespace

RequestFramer::Event RequestFramer::fail(int status, const QString &message)
{
    m_state = State::Failed;
    Event e;
    e.type = Event::Type::Error;
    e.status = status;
    e.message = message;
    return e;
}

bool RequestFramer::parseHead(const QByteArray &text, Head *head, Event *error) const
{
    auto bad = [&](int status, const QString &message) {
        error->type = Event::Type::Error;
        error->status = status;
        error->message = message;
        return false;
    };
    QList<QByteArray> lines = text.split('\n');
    for (QByteArray &l : lines)
        if (l.endsWith('\r'))
            l.chop(1);

    const QList<QByteArray> parts = lines.value(0).split(' ');
    if (parts.size() != 3)
        return bad(400, u"malformed request line: expected \"METHOD /path HTTP/1.1\""_s);
    head->method = parts[0];
    head->target = parts[1];
    if (!isToken(head->method) || head->method.size() > 32)
        return bad(400, u"malformed request line: the method is not a valid token"_s);
    if (head->target.isEmpty())
        return bad(400, u"malformed request line: empty request target"_s);
    for (char c : head->target)
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            return bad(400,
                u"malformed request line: the request target holds a control, space or non-ASCII "
                u"byte; percent-encode it"_s);
    const QByteArray &version = parts[2];
    if (version == "HTTP/1.1")
        head->minorVersion = 1;
    else if (version == "HTTP/1.0")
        head->minorVersion = 0;
    else if (version.startsWith("HTTP/") && version.size() == 8 && version[6] == '.')
        return bad(505, u"HTTP version %1 is not supported: use HTTP/1.1"_s.arg(QString::fromLatin1(version)));
    else
        return bad(400, u"malformed request line: unknown protocol version"_s);

    bool haveLength = false;
    bool haveHost = false;
    bool connectionClose = false;
    bool connectionKeepAlive = false;
    QByteArray transferEncoding;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (line.isEmpty())
            continue;
        if (line.front() == ' ' || line.front() == '\t')
            return bad(400, u"malformed header: folded header lines are not accepted"_s);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon)))
            return bad(400, u"malformed header line %1: expected \"Name: value\""_s.arg(i));
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        for (char c : value)
            if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
                return bad(
                    400, u"malformed header \"%1\": control characters in the value"_s.arg(QString::fromLatin1(name)));
        if (name == "content-length") {
            bool ok = value.size() <= 18 && !value.isEmpty();
            for (char c : value)
                ok = ok && c >= '0' && c <= '9';
            if (!ok)
                return bad(400, u"malformed Content-Length: must be a non-negative whole number"_s);
            const qint64 length = value.toLongLong();
            if (haveLength && length != head->contentLength)
                return bad(400, u"conflicting Content-Length headers"_s);
            head->contentLength = length;
            haveLength = true;
        } else if (name == "transfer-encoding") {
            transferEncoding += transferEncoding.isEmpty() ? value : ","_ba + value;
        } else if (name == "host") {
            if (haveHost)
                return bad(400, u"more than one Host header"_s);
            haveHost = true;
        } else if (name == "connection") {
            for (const QByteArray &m : listMembers(value)) {
                connectionClose = connectionClose || m == "close";
                connectionKeepAlive = connectionKeepAlive || m == "keep-alive";
            }
        } else if (name == "expect") {
            if (value.toLower() != "100-continue")
                return bad(417,
                    u"unsupported expectation \"%1\": only 100-continue is supported"_s.arg(
                        QString::fromLatin1(value.left(64))));
            head->expectContinue = true;
        } else if (name == "x-forwarded-for") {
            head->forwardedFor += head->forwardedFor.isEmpty() ? value : ", "_ba + value;
        } else if (name == "accept-language") {
            if (head->acceptLanguage.isEmpty())
                head->acceptLanguage = value;
        } else if (name == "cookie") {
            if (head->cookie.size() + value.size() <= 4096)
                head->cookie += head->cookie.isEmpty() ? value : "; "_ba + value;
        } else if (name == "upgrade") {
            head->upgrade = listMembers(value).contains("websocket");
        }
    }
    if (!haveHost && head->minorVersion == 1)
        return bad(400, u"missing Host header (required in HTTP/1.1)"_s);
    if (!transferEncoding.isEmpty()) {
        const QList<QByteArray> codings = listMembers(transferEncoding);
        if (codings != QList<QByteArray>{"chunked"})
            return bad(501,
                u"Transfer-Encoding \"%1\" is not supported: send a Content-Length or chunked"_s.arg(
                    QString::fromLatin1(transferEncoding.left(64))));
        if (haveLength)
            return bad(400, u"both Content-Length and Transfer-Encoding given: send only one"_s);
        if (head->minorVersion == 0)
            return bad(400, u"chunked transfer coding is not allowed in HTTP/1.0"_s);
        head->chunked = true;
    }
    head->keepAlive = head->minorVersion == 1 ? !connectionClose : (connectionKeepAlive && !connectionClose);
    return true;
}

QList<RequestFramer::Event> RequestFramer::feed(QByteArrayView data)
{
    QList<Event> out;
    qsizetype i = 0;
    const qsizetype n = data.size();
    // Reads one line (for chunk sizes and trailers) into m_line; true when complete.
    auto readLine = [&](qsizetype limit, bool *tooLong) {
        const qsizetype nl = data.sliced(i).indexOf('\n');
        const qsizetype take = nl < 0 ? n - i : nl + 1;
        m_line.append(data.sliced(i, take));
        i += take;
        *tooLong = m_line.size() > limit;
        return nl >= 0;
    };
    while (i < n) {
        switch (m_state) {
        case State::Passive:
        case State::Failed:
            return out;
        case State::Head: {
            if (m_head.isEmpty()) {
                while (i < n && (data[i] == '\r' || data[i] == '\n'))
                    ++i; // empty lines between requests are allowed
                if (i == n)
                    return out;
            }
            const qsizetype before = m_head.size();
            const qsizetype room = m_limits.maxHeaderBytes + 4 - before;
            m_head.append(data.sliced(i, std::min(n - i, room)));
            const qsizetype from = std::max<qsizetype>(0, before - 3);
            qsizetype end = -1;
            if (const qsizetype crlf = m_head.indexOf("\r\n\r\n", from); crlf >= 0)
                end = crlf + 4;
            if (const qsizetype lf = m_head.indexOf("\n\n", from); lf >= 0 && (end < 0 || lf + 2 < end))
                end = lf + 2;
            if (end < 0) {
                // Not yet too large while the terminator could still complete a head of the
                // largest size: the same verdict however the stream is cut into reads.
                if (m_head.size() >= m_limits.maxHeaderBytes + 4) {
                    out.append(fail(431, u"the request head is larger than %1 bytes"_s.arg(m_limits.maxHeaderBytes)));
                    return out;
                }
                i = n;
                return out;
            }
            if (end - 4 > m_limits.maxHeaderBytes) {
                out.append(fail(431, u"the request head is larger than %1 bytes"_s.arg(m_limits.maxHeaderBytes)));
                return out;
            }
            i += end - before;
            Event ev;
            ev.end = i;
            if (!parseHead(m_head.left(end), &ev.head, &ev)) {
                m_state = State::Failed;
                out.append(ev);
                return out;
            }
            m_head.clear();
            m_bodySoFar = 0;
            if (ev.head.contentLength > m_limits.maxBodyBytes) {
                Event tooLarge = fail(413,
                    u"the request body is %1 bytes; the limit is %2 bytes"_s.arg(ev.head.contentLength)
                        .arg(m_limits.maxBodyBytes));
                tooLarge.head = ev.head;
                out.append(tooLarge);
                return out;
            }
            if (ev.head.chunked)
                m_bodyHead = ev.head;
            if (ev.head.upgrade)
                m_state = State::Passive;
            else if (ev.head.chunked)
                m_state = State::ChunkSize;
            else if (ev.head.contentLength > 0)
                m_state = State::Body, m_remaining = ev.head.contentLength;
            out.append(ev);
            break;
        }
        case State::Body: {
            const qint64 take = std::min<qint64>(m_remaining, n - i);
            i += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = State::Head;
            break;
        }
        case State::ChunkSize: {
            bool tooLong = false;
            const bool complete = readLine(kMaxChunkLine, &tooLong);
            if (tooLong) { // whether or not its end came in the same read
                out.append(fail(400, u"malformed chunked body: chunk-size line too long"_s));
                return out;
            }
            if (!complete)
                break;
            QByteArray sizeText = m_line.trimmed();
            m_line.clear();
            if (const qsizetype semi = sizeText.indexOf(';'); semi >= 0)
                sizeText = sizeText.left(semi).trimmed();
            bool ok = !sizeText.isEmpty() && sizeText.size() <= 15;
            const qint64 size = ok ? sizeText.toLongLong(&ok, 16) : 0;
            if (!ok || size < 0) {
                out.append(fail(400, u"malformed chunked body: bad chunk size"_s));
                return out;
            }
            if (size == 0) {
                m_state = State::Trailer;
                m_trailerSoFar = 0;
                break;
            }
            m_bodySoFar += size;
            if (m_bodySoFar > m_limits.maxBodyBytes) {
                Event tooLarge
                    = fail(413, u"the request body is over the limit of %1 bytes"_s.arg(m_limits.maxBodyBytes));
                tooLarge.head = m_bodyHead;
                out.append(tooLarge);
                return out;
            }
            m_remaining = size;
            m_state = State::ChunkData;
            break;
        }
        case State::ChunkData: {
            const qint64 take = std::min<qint64>(m_remaining, n - i);
            i += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd: {
            bool tooLong = false;
            const bool complete = readLine(2, &tooLong);
            if (tooLong) {
                out.append(fail(400, u"malformed chunked body: chunk data longer than its size"_s));
                return out;
            }
            if (!complete)
                break;
            const bool ok = m_line == "\r\n" || m_line == "\n";
            m_line.clear();
            if (!ok) {
                out.append(fail(400, u"malformed chunked body: chunk data longer than its size"_s));
                return out;
            }
            m_state = State::ChunkSize;
            break;
        }
        case State::Trailer: {
            bool tooLong = false;
            // All trailer lines together are held to the head limit: they are headers too.
            const bool complete = readLine(m_limits.maxHeaderBytes - m_trailerSoFar, &tooLong);
            if (tooLong) {
                out.append(fail(431, u"the chunked trailer is larger than %1 bytes"_s.arg(m_limits.maxHeaderBytes)));
                return out;
            }
            if (!complete)
                break;
            m_trailerSoFar += m_line.size();
            const bool last = m_line == "\r\n" || m_line == "\n";
            m_line.clear();
            if (last)
                m_state = State::Head;
            break;
        }
        }
    }
    return out;
}

} // namespace dimos
