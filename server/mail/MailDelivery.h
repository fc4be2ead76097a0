#pragma once

#include <QString>

#include <optional>

#include "server/mail/MailAddress.h"
#include "server/mail/MailSettings.h"

namespace dimos {

class Clock;
class Database;
class MailTransport;

// Sends the outbox's due mails through a transport, one at a time, and records what became of
// each: the synchronous heart of MailWorker, which runs it on its own thread with its own
// connection (tests run it directly, with a ManualClock).
//
// At most once. Before a mail is handed to the transport its row is claimed — status
// 'sending', attempts + 1, next_attempt_ms = now + kLeaseMs — in a commit of its own; after the
// attempt the row becomes 'sent', 'pending' again (a temporary failure, with the next wait from
// mail/retry_minutes) or 'failed'. If dimosd dies between the two, nobody can tell whether the
// server got the message, so a 'sending' row whose lease has run out is given up as 'failed'
// (with a last_error that says so) instead of being sent again: a mail that may be lost is the
// lesser evil next to a citizen getting the same mail twice, and the log names it. The window
// is one SMTP session (seconds); everything that fails before the message went out (no
// connection, a refused recipient) is known not to have been delivered and is retried.
// Claiming with "WHERE status = 'pending'" also keeps two dimosd on one database (PostgreSQL)
// from sending the same row.
class MailDelivery final
{
public:
    // Longer than SmtpTransport's longest session, so a live claim never expires.
    static constexpr qint64 kLeaseMs = 15 * 60'000;

    MailDelivery(Database &db, MailTransport &transport, const Clock &clock, MailSettings settings);
    Q_DISABLE_COPY_MOVE(MailDelivery)

    // Gives up expired claims, then sends every mail due now until none is left or the
    // transport is told to stop. Returns how many mails it tried. Throws StorageError.
    int runDue();
    // When the next pending mail is due (ms since the epoch), if any.
    std::optional<qint64> nextDueMs();
    // Deletes sent and failed mails older than mail/keep_days; returns how many.
    int prune();

    // The Message-ID of a mail: the same on every attempt, so a receiving server can tell a
    // repeat (RFC 5322 §3.6.4).
    static QString messageId(qint64 id, qint64 createdMs, const QString &fromAddress);

private:
    bool sendOne();
    void finish(qint64 id, const QString &status, qint64 nextAttemptMs, const QString &error, qint64 attemptsDelta = 0);

    Database &m_db;
    MailTransport &m_transport;
    const Clock &m_clock;
    MailSettings m_settings;
    Mailbox m_from;
};

} // namespace dimos
