#include "MimeMessage.h"

#include <QDateTime>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr int kMaxLine = 76; // RFC 2045's limit for quoted-printable and RFC 2047's for encoded-words

bool isPlainAscii(const QString &text, bool phrase)
{
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u > 0x7e)
            return false;
        // In a display name only letters, digits and spaces go bare; anything else is encoded
        // (a comma or quote would otherwise need RFC 5322 quoting).
        if (phrase && !(c.isLetterOrNumber() || u == u' ' || u == u'.' || u == u'-'))
            return false;
    }
    return !text.contains(u"=?"_s);
}

// A header value on one line: no CR, LF or other control character survives.
QString flatten(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = u' ';
    }
    return out.simplified();
}

QByteArray mailbox(const Mailbox &m)
{
    const QString name = flatten(m.name);
    if (name.isEmpty())
        return m.address.toLatin1();
    const QByteArray phrase
        = isPlainAscii(name, true) ? name.toLatin1() : MimeMessage::encodeHeaderText(name, int(qstrlen("From: ")));
    return phrase + " <" + m.address.toLatin1() + '>';
}

} // namespace

QByteArray MimeMessage::encodeHeaderText(const QString &text, int firstLineUsed)
{
    if (isPlainAscii(text, false) && firstLineUsed + text.size() <= kMaxLine + 2)
        return text.toLatin1();
    // =?UTF-8?B?…?= words of at most 75 characters, one per line, cut between characters
    // (RFC 2047 §5: a word holds whole characters).
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    int used = firstLineUsed;
    qsizetype pos = 0;
    while (pos < utf8.size()) {
        const int room = std::max(4, (kMaxLine - used - 12) / 4 * 4); // base64 characters
        qsizetype take = std::min<qsizetype>(room / 4 * 3, utf8.size() - pos);
        while (take > 1 && pos + take < utf8.size() && (uchar(utf8.at(pos + take)) & 0xC0) == 0x80)
            --take; // do not end inside a multi-byte character
        if (!out.isEmpty())
            out += "\r\n ";
        out += "=?UTF-8?B?" + utf8.mid(pos, take).toBase64() + "?=";
        pos += take;
        used = 1;
    }
    return out;
}

QByteArray MimeMessage::quotedPrintable(const QString &text)
{
    QString normalised = text;
    normalised.replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n');
    const QList<QByteArray> lines = normalised.toUtf8().split('\n');
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        if (i > 0)
            out += "\r\n";
        int column = 0;
        for (qsizetype j = 0; j < line.size(); ++j) {
            const uchar c = uchar(line.at(j));
            const bool last = j == line.size() - 1;
            QByteArray token;
            // Printable ASCII goes as it is, but '=' (the escape), a space or tab at the end of a
            // line (stripped in transit) and a dot at the start of one (SMTP's end of data).
            if ((c >= 33 && c <= 126 && c != '=' && !(c == '.' && column == 0)) || ((c == ' ' || c == '\t') && !last))
                token = QByteArray(1, char(c));
            else
                token = QByteArray("=") + hex[c >> 4] + hex[c & 15];
            // Room for the token and, unless it ends the line, a soft break's '='.
            if (column + token.size() > (last ? kMaxLine : kMaxLine - 1)) {
                out += "=\r\n";
                column = 0;
                if (token == ".")
                    token = "=2E";
            }
            out += token;
            column += int(token.size());
        }
    }
    return out;
}

QByteArray MimeMessage::rfc5322Date(qint64 ms)
{
    static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const months[]
        = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    const QDate d = t.date();
    // English names whatever the locale: RFC 5322 fixes them.
    return QByteArray(days[d.dayOfWeek() - 1]) + ", " + QByteArray::number(d.day()).rightJustified(2, '0') + ' '
        + months[d.month() - 1] + ' ' + QByteArray::number(d.year()) + ' ' + t.time().toString(u"HH:mm:ss").toLatin1()
        + " +0000";
}

QByteArray MimeMessage::toBytes() const
{
    // "=_" cannot occur in quoted-printable text, so the boundary never appears in a part.
    const QByteArray boundary = "=_dimos_" + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    QString unsubscribe = listUnsubscribe;
    unsubscribe.removeIf([](QChar c) { return c.unicode() <= 0x20 || c == u'<' || c == u'>' || c.unicode() > 0x7e; });

    QByteArray out;
    out.reserve(text.size() * 2 + html.size() * 2 + 1024);
    out += "From: " + mailbox(from) + "\r\n";
    out += "To: " + to.toLatin1() + "\r\n";
    out += "Subject: " + encodeHeaderText(flatten(subject), int(qstrlen("Subject: "))) + "\r\n";
    out += "Date: " + rfc5322Date(dateMs) + "\r\n";
    out += "Message-ID: <" + messageId.toLatin1() + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    if (language == u"el" || language == u"en")
        out += "Content-Language: " + language.toLatin1() + "\r\n";
    // RFC 3834: an automatic mail, so that auto-responders do not answer it.
    out += "Auto-Submitted: auto-generated\r\n";
    if (!unsubscribe.isEmpty()) {
        out += "List-Unsubscribe: <" + unsubscribe.toLatin1() + ">\r\n";
        out += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
    }
    out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
    out += "\r\n";
    auto part = [&](const char *type, const QString &body) {
        out += "--" + boundary + "\r\n";
        out += QByteArray("Content-Type: ") + type + "; charset=UTF-8\r\n";
        out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
        // The line break before the next boundary belongs to the boundary (RFC 2046 §5.1.1).
        out += quotedPrintable(body) + "\r\n";
    };
    part("text/plain", text);
    part("text/html", html);
    out += "--" + boundary + "--\r\n";
    return out;
}

} // namespace dimos
