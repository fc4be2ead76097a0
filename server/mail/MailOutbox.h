#pragma once

#include <QJsonObject>
#include <QString>

#include <functional>

namespace dimos {

class Clock;
class Database;
class MessageCatalog;
class Templates;

// One mail to send, as the code that causes it describes it.
struct OutgoingMail
{
    QString recipient; // checked and normalised by enqueue()
    QString language; // "el" or "en" (anything else: Greek)
    // "report_confirm": rendered from mail/report_confirm.subject, .txt and .html (resources/templates/mail/)
    QString templateName;
    QJsonObject values; // what the templates read besides the common values
    QString unsubscribeUrl; // http(s) URL for List-Unsubscribe (RFC 8058), or empty
};

// The values every mail template may read, besides its own.
struct MailCommonValues
{
    QString municipalityEl;
    QString municipalityEn;
    QString baseUrl; // no trailing slash
    QString contactEmail;
};

// Writes mails into the outbox table (mail_outbox, migration 0004), rendered: subject, plain
// text and HTML from the templates mail/<name>.subject, .txt and .html, with the texts of the
// recipient's language as `t`, `lang`, `municipality`, `base_url`, `contact_email`,
// `unsubscribe_url`, `subject` (the rendered one, in .txt and .html) and the mail's own values.
// Templates under mail/partials/ are pieces the mails share, not mails. The subject and text are rendered without HTML
// escaping (they are never read as HTML), the HTML part with it.
//
// The row goes through the caller's Database: called inside Database::transaction, the mail
// exists exactly when the change that caused it commits, and a rollback leaves no mail. The
// MailWorker sends it later from its own thread; the queued listener (set by Server) wakes it
// after the commit.
//
// Used on the serving thread, like the Database it writes to.
class MailOutbox final
{
public:
    MailOutbox(Database &db, const Templates &templates, const MessageCatalog &messages, MailCommonValues common,
        const Clock &clock);
    Q_DISABLE_COPY_MOVE(MailOutbox)

    // Renders and stores the mail; returns its id. Throws ApiError (Validation) for a
    // recipient that is not a valid address (nothing is written), std::invalid_argument for a
    // template that does not exist, an unsubscribe URL that is not http(s) or values that
    // take a common name, std::runtime_error when a template fails to render, StorageError
    // when the row cannot be written.
    qint64 enqueue(const OutgoingMail &mail);

    struct Rendered
    {
        QString subject; // one line
        QString text; // lines ending in \n
        QString html;
    };
    // What enqueue() would store, without storing it (tests, previews).
    Rendered render(const OutgoingMail &mail) const;

    // Called after the commit that wrote a mail (or at once outside a transaction).
    void setQueuedListener(std::function<void()> listener) { m_queued = std::move(listener); }

    // Mails waiting to be sent (status 'pending').
    qint64 pendingCount();

private:
    Database &m_db;
    const Templates &m_templates;
    const MessageCatalog &m_messages;
    MailCommonValues m_common;
    const Clock &m_clock;
    std::function<void()> m_queued;
};

} // namespace dimos
