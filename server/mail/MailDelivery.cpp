#include "MailDelivery.h"

#include <QLoggingCategory>

#include <stdexcept>

#include "server/mail/MailTransport.h"
#include "server/mail/MimeMessage.h"
#include "server/storage/Database.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcMail, "dimos.mail")

namespace dimos {

MailDelivery::MailDelivery(Database &db, MailTransport &transport, const Clock &clock, MailSettings settings)
    : m_db(db), m_transport(transport), m_clock(clock), m_settings(std::move(settings))
{
    QString why;
    const auto from = MailAddress::parseMailbox(m_settings.from, &why);
    if (!from)
        throw std::invalid_argument("mail/from: " + why.toStdString());
    m_from = *from;
}

QString MailDelivery::messageId(qint64 id, qint64 createdMs, const QString &fromAddress)
{
    return u"dimos.%1.%2@%3"_s.arg(id).arg(createdMs).arg(MailAddress::domain(fromAddress));
}

int MailDelivery::runDue()
{
    const qint64 now = m_clock.nowMs();
    QSqlQuery expired = m_db.run(
        u"UPDATE mail_outbox SET status = 'failed', last_error = ? WHERE status = 'sending' AND next_attempt_ms <= ?"_s,
        {u"dimosd stopped while this mail was being sent; it may or may not have reached the mail server, so it is "
         u"not sent again (see the mail server's log)"_s,
            now});
    if (const int n = expired.numRowsAffected(); n > 0)
        qCWarning(lcMail) << n << "mail(s) were being sent when dimosd stopped; marked failed, not sent twice";
    expired.finish();
    int tried = 0;
    while (!m_transport.stopping() && sendOne())
        ++tried;
    return tried;
}

bool MailDelivery::sendOne()
{
    const qint64 now = m_clock.nowMs();
    OutgoingMessage out;
    MimeMessage mime;
    int attempts = 0;
    {
        CachedQuery q = m_db.cached(
            u"SELECT id, created_ms, recipient, language, subject, text_body, html_body, list_unsubscribe, attempts "
            u"FROM mail_outbox WHERE status = 'pending' AND next_attempt_ms <= ? ORDER BY next_attempt_ms, id LIMIT 1"_s,
            {now});
        if (!q.next())
            return false;
        out.id = q.value(0).toLongLong();
        out.createdMs = q.value(1).toLongLong();
        out.recipient = q.value(2).toString();
        mime.language = q.value(3).toString();
        mime.subject = q.value(4).toString();
        mime.text = q.value(5).toString();
        mime.html = q.value(6).toString();
        mime.listUnsubscribe = q.value(7).toString();
        attempts = q.value(8).toInt() + 1;
    }
    // The claim, committed before anything leaves (see the class comment).
    {
        QSqlQuery claim = m_db.run(u"UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, "
                                   u"next_attempt_ms = ? WHERE id = ? AND status = 'pending'"_s,
            {now + kLeaseMs, out.id});
        if (claim.numRowsAffected() != 1)
            return true; // another worker took it; look for the next one
    }
    out.envelopeFrom = m_from.address;
    mime.from = m_from;
    mime.to = out.recipient;
    mime.dateMs = out.createdMs;
    mime.messageId = messageId(out.id, out.createdMs, m_from.address);
    out.bytes = mime.toBytes();

    const SendResult result = m_transport.send(out);
    const qint64 after = m_clock.nowMs();
    const QString domain = MailAddress::domain(out.recipient); // the log names no one
    using Outcome = SendResult::Outcome;
    switch (result.outcome) {
    case Outcome::Sent:
        m_db.run(
            u"UPDATE mail_outbox SET status = 'sent', sent_ms = ?, last_error = '' WHERE id = ?"_s, {after, out.id});
        qCInfo(lcMail).noquote() << "mail" << out.id << u"to @"_s + domain << "sent";
        break;
    case Outcome::Temporary:
        if (attempts > m_settings.retryDelaysMs.size()) {
            finish(out.id, u"failed"_s, after,
                u"gave up after %1 attempts; the last: %2"_s.arg(attempts).arg(result.message));
            qCWarning(lcMail).noquote() << "mail" << out.id << u"to @"_s + domain << "given up after" << attempts
                                        << "attempts:" << result.message;
        } else {
            const qint64 wait = m_settings.retryDelaysMs.at(attempts - 1);
            finish(out.id, u"pending"_s, after + wait, result.message);
            qCWarning(lcMail).noquote() << "mail" << out.id << u"to @"_s + domain << "not sent, next try in"
                                        << wait / 1000 << "s:" << result.message;
        }
        break;
    case Outcome::Permanent:
        finish(out.id, u"failed"_s, after, result.message);
        qCWarning(lcMail).noquote() << "mail" << out.id << u"to @"_s + domain << "refused:" << result.message;
        break;
    case Outcome::Uncertain:
        finish(out.id, u"failed"_s, after,
            result.message + u"; it may have arrived, so it is not sent again (see the mail server's log)"_s);
        qCWarning(lcMail).noquote() << "mail" << out.id << u"to @"_s + domain
                                    << "may or may not have been delivered:" << result.message;
        break;
    case Outcome::Aborted:
        // Nothing left dimosd: the attempt does not count, and the mail is due at the next start.
        finish(out.id, u"pending"_s, after, result.message, -1);
        break;
    }
    return true;
}

void MailDelivery::finish(
    qint64 id, const QString &status, qint64 nextAttemptMs, const QString &error, qint64 attemptsDelta)
{
    m_db.run(u"UPDATE mail_outbox SET status = ?, next_attempt_ms = ?, last_error = ?, attempts = attempts + ? "
             u"WHERE id = ?"_s,
        {status, nextAttemptMs, error.left(1000), attemptsDelta, id});
}

std::optional<qint64> MailDelivery::nextDueMs()
{
    CachedQuery q = m_db.cached(u"SELECT MIN(next_attempt_ms) FROM mail_outbox WHERE status = 'pending'"_s);
    if (!q.next() || q.value(0).isNull())
        return std::nullopt;
    return q.value(0).toLongLong();
}

int MailDelivery::prune()
{
    const qint64 before = m_clock.nowMs() - qint64(m_settings.keepDays) * 24 * 3600 * 1000;
    QSqlQuery q
        = m_db.run(u"DELETE FROM mail_outbox WHERE status IN ('sent', 'failed') AND created_ms < ?"_s, {before});
    return q.numRowsAffected();
}

} // namespace dimos
