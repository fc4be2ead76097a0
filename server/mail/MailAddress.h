#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace dimos {

// A sender or recipient as a header shows it: "Δήμος Σερρών <noreply@serres.gr>".
struct Mailbox
{
    QString name; // display name, may be empty
    QString address; // normalised (see MailAddress::normalise)
};

// The addresses dimosd sends to and from, checked before they reach a header or an SMTP
// command: a dot-atom local part in ASCII (no quoted local parts, no SMTPUTF8) and a domain
// of at least two labels, stored in its ASCII (IDNA) form, lower-cased, so "Πολίτης@ΔΉΜΟΣ.gr"
// is refused (Greek local part) but "info@δήμος.gr" becomes "info@xn--jxalzmu.gr". No
// character that could end a header line or an SMTP command gets through.
class MailAddress final
{
public:
    // The address in the form mails use, or nothing with *why saying what is wrong with it
    // (English, for logs and API errors).
    static std::optional<QString> normalise(QStringView text, QString *why);
    // "address" or "Name <address>" (the name may be quoted).
    static std::optional<Mailbox> parseMailbox(QStringView text, QString *why);
    // The domain part of a normalised address.
    static QString domain(const QString &address) { return address.section(u'@', -1); }
};

} // namespace dimos
