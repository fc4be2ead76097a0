#pragma once

#include <QByteArray>
#include <QString>

#include "server/mail/MailAddress.h"

namespace dimos {

// One outgoing mail as the bytes SMTP carries and an .eml file holds (RFC 5322 + MIME): a
// multipart/alternative of a plain-text and an HTML part, both UTF-8 in quoted-printable (7-bit
// safe, lines under 78 characters, readable where the text is ASCII), the Subject and display
// names as RFC 2047 encoded-words when they are not plain ASCII, and — when the mail has an
// unsubscribe URL — List-Unsubscribe with RFC 8058's List-Unsubscribe-Post (one click).
// Lines end in CRLF. Nothing from the fields can add a header: line breaks are flattened.
struct MimeMessage
{
    Mailbox from;
    QString to; // a normalised address
    QString subject;
    QString text; // plain text, lines ending in \n
    QString html;
    QString language; // "el" or "en" (Content-Language)
    QString listUnsubscribe; // https URL, or empty
    qint64 dateMs = 0; // the Date header
    QString messageId; // without angle brackets: "dimos.12.1750000000000@serres.gr"

    QByteArray toBytes() const;

    // The pieces, for tests.
    static QByteArray encodeHeaderText(const QString &text, int firstLineUsed);
    static QByteArray quotedPrintable(const QString &text);
    static QByteArray rfc5322Date(qint64 ms);
};

} // namespace dimos
