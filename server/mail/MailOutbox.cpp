#include "MailOutbox.h"

#include <QRegularExpression>
#include <QUrl>

#include <stdexcept>

#include "server/http/ApiError.h"
#include "server/mail/MailAddress.h"
#include "server/render/MessageCatalog.h"
#include "server/render/Templates.h"
#include "server/storage/Database.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

// Template output as a mail's text: \n line ends, no spaces at line ends, at most one empty
// line in a row (sections leave empty lines behind), one line break at the end.
QString tidyText(const QString &rendered)
{
    QString text = rendered;
    text.replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n');
    static const QRegularExpression trailingSpace(u"[ \\t]+\\n"_s);
    static const QRegularExpression blankLines(u"\\n{3,}"_s);
    text.replace(trailingSpace, u"\n"_s).replace(blankLines, u"\n\n"_s);
    while (text.startsWith(u'\n'))
        text.remove(0, 1);
    while (text.endsWith(u'\n') || text.endsWith(u' '))
        text.chop(1);
    return text + u'\n';
}

} // namespace

MailOutbox::MailOutbox(Database &db, const Templates &templates, const MessageCatalog &messages,
    MailCommonValues common, const Clock &clock)
    : m_db(db), m_templates(templates), m_messages(messages), m_common(std::move(common)), m_clock(clock)
{ }

MailOutbox::Rendered MailOutbox::render(const OutgoingMail &mail) const
{
    static const QRegularExpression namePattern(u"^[a-z0-9_]+$"_s);
    const QString base = u"mail/"_s + mail.templateName;
    if (!namePattern.match(mail.templateName).hasMatch())
        throw std::invalid_argument(
            "mail template name \"" + mail.templateName.toStdString() + "\" must be lower-case letters, digits and _");
    for (const QString &suffix : {u".subject"_s, u".txt"_s, u".html"_s}) {
        if (!m_templates.has(base + suffix))
            throw std::invalid_argument(
                "no mail template " + QString(base + suffix).toStdString() + ".mustache in resources/templates/mail/");
    }
    const QString lang = MessageCatalog::normalise(mail.language);
    QJsonObject values = mail.values;
    const QJsonObject common{
        {u"t"_s, m_messages.texts(lang)}, {u"lang"_s, lang},
        {u"municipality"_s, lang == u"en" ? m_common.municipalityEn : m_common.municipalityEl},
        {u"base_url"_s, m_common.baseUrl}, {u"contact_email"_s, m_common.contactEmail},
        {u"unsubscribe_url"_s, mail.unsubscribeUrl},
        {u"subject"_s, QString()}, // the rendered subject, for the text and HTML parts
    };
    for (auto it = common.begin(); it != common.end(); ++it) {
        if (values.contains(it.key()))
            throw std::invalid_argument("mail value \"" + it.key().toStdString() + "\" is one of the common values");
        values.insert(it.key(), it.value());
    }
    Rendered out;
    out.subject = m_templates.render(base + u".subject"_s, values, Templates::Escape::PlainText).simplified();
    if (out.subject.isEmpty())
        throw std::runtime_error("mail template " + base.toStdString() + ".subject rendered an empty subject");
    values.insert(u"subject"_s, out.subject);
    out.text = tidyText(m_templates.render(base + u".txt"_s, values, Templates::Escape::PlainText));
    out.html = m_templates.render(base + u".html"_s, values, Templates::Escape::Html);
    return out;
}

qint64 MailOutbox::enqueue(const OutgoingMail &mail)
{
    QString why;
    const auto recipient = MailAddress::normalise(mail.recipient, &why);
    if (!recipient)
        throw ApiError(ApiError::Kind::Validation, why, {{u"field"_s, u"email"_s}});
    if (!mail.unsubscribeUrl.isEmpty()) {
        const QUrl url(mail.unsubscribeUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") || url.host().isEmpty()
            || mail.unsubscribeUrl.size() > 900 || mail.unsubscribeUrl.contains(u'<')
            || mail.unsubscribeUrl.contains(u'>'))
            throw std::invalid_argument("unsubscribe URL \"" + mail.unsubscribeUrl.left(100).toStdString()
                + "\" is not an http(s) URL of at most 900 characters");
    }
    const Rendered rendered = render(mail);
    const qint64 now = m_clock.nowMs();
    QSqlQuery q = m_db.run(u"INSERT INTO mail_outbox (created_ms, recipient, language, template, subject, text_body, "
                           u"html_body, list_unsubscribe, status, attempts, next_attempt_ms) "
                           u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?) RETURNING id"_s,
        {now, *recipient, MessageCatalog::normalise(mail.language), mail.templateName, rendered.subject, rendered.text,
            rendered.html, mail.unsubscribeUrl, now});
    const qint64 id = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    if (m_queued)
        m_db.afterCommit(m_queued);
    return id;
}

qint64 MailOutbox::pendingCount()
{
    CachedQuery q = m_db.cached(u"SELECT COUNT(*) FROM mail_outbox WHERE status = 'pending'"_s);
    return q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace dimos
