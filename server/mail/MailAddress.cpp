#include "MailAddress.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

bool isAtext(QChar c)
{
    const char16_t u = c.unicode();
    if ((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9'))
        return true;
    return QStringView(u"!#$%&'*+-/=?^_`{|}~").contains(c);
}

bool isLabel(QStringView label)
{
    if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-'))
        return false;
    for (QChar c : label) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'-'))
            return false;
    }
    return true;
}

} // namespace

std::optional<QString> MailAddress::normalise(QStringView text, QString *why)
{
    const QStringView t = text.trimmed();
    const QString shown = t.left(80).toString();
    auto refuse = [&](const QString &reason) -> std::optional<QString> {
        *why = u"\"%1\" is not a valid e-mail address: %2"_s.arg(shown, reason);
        return std::nullopt;
    };
    if (t.isEmpty()) {
        *why = u"the e-mail address is empty"_s;
        return std::nullopt;
    }
    if (t.size() > 254)
        return refuse(u"it is longer than 254 characters"_s);
    const qsizetype at = t.lastIndexOf(u'@');
    if (at < 0)
        return refuse(u"it has no @"_s);
    const QStringView local = t.left(at);
    const QStringView domainPart = t.mid(at + 1);
    if (local.isEmpty())
        return refuse(u"nothing before the @"_s);
    if (local.size() > 64)
        return refuse(u"the part before the @ is longer than 64 characters"_s);
    if (local.startsWith(u'.') || local.endsWith(u'.') || local.contains(u".."))
        return refuse(u"the part before the @ starts or ends with a dot, or has two dots in a row"_s);
    for (QChar c : local) {
        if (c != u'.' && !isAtext(c))
            return refuse(u"the part before the @ may hold only Latin letters, digits, dots and !#$%&'*+-/=?^_`{|}~"_s);
    }
    if (domainPart.isEmpty())
        return refuse(u"nothing after the @"_s);
    if (domainPart.startsWith(u'['))
        return refuse(u"addresses at an IP address ([…]) are not accepted"_s);
    // IDNA: a Greek domain becomes its xn-- form, which SMTP servers understand.
    const QString ascii = QString::fromLatin1(QUrl::toAce(domainPart.toString().toLower()));
    if (ascii.isEmpty())
        return refuse(u"the part after the @ is not a valid domain name"_s);
    QString domain = ascii.toLower();
    if (domain.endsWith(u'.'))
        domain.chop(1);
    const QList<QStringView> labels = QStringView(domain).split(u'.');
    if (labels.size() < 2 || domain.size() > 253)
        return refuse(u"the part after the @ must be a domain name such as example.gr"_s);
    for (QStringView label : labels) {
        if (!isLabel(label))
            return refuse(u"the part after the @ must be a domain name such as example.gr"_s);
    }
    bool numericTld = true;
    for (QChar c : labels.last())
        numericTld = numericTld && c.isDigit();
    if (numericTld)
        return refuse(u"the part after the @ must be a domain name such as example.gr"_s);
    const QString out = local.toString() + u'@' + domain;
    if (out.size() > 254)
        return refuse(u"it is longer than 254 characters"_s);
    return out;
}

std::optional<Mailbox> MailAddress::parseMailbox(QStringView text, QString *why)
{
    const QStringView t = text.trimmed();
    if (t.contains(u'\r') || t.contains(u'\n')) {
        *why = u"a sender or recipient may not contain a line break"_s;
        return std::nullopt;
    }
    Mailbox out;
    QStringView address = t;
    if (t.endsWith(u'>')) {
        const qsizetype open = t.lastIndexOf(u'<');
        if (open < 0) {
            *why = u"\"%1\" has a > without a <; write it as Name <address>"_s.arg(t.toString());
            return std::nullopt;
        }
        QString name = t.left(open).trimmed().toString();
        bool stray = false;
        if (name.size() >= 2 && name.startsWith(u'"') && name.endsWith(u'"')) {
            // A quoted name: \" and \\ inside are a quote and a backslash.
            QString unquoted;
            for (qsizetype i = 1; i < name.size() - 1; ++i) {
                if (name.at(i) == u'\\' && i + 1 < name.size() - 1)
                    unquoted += name.at(++i);
                else if (name.at(i) == u'"')
                    stray = true;
                else
                    unquoted += name.at(i);
            }
            name = unquoted;
        } else {
            stray = name.contains(u'"');
        }
        if (stray || name.contains(u'<') || name.contains(u'>')) {
            *why = u"the name in \"%1\" may not contain <, > or a stray \""_s.arg(t.toString());
            return std::nullopt;
        }
        out.name = name.simplified();
        address = t.mid(open + 1, t.size() - open - 2);
    }
    const auto normalised = normalise(address, why);
    if (!normalised)
        return std::nullopt;
    out.address = *normalised;
    return out;
}

} // namespace dimos
