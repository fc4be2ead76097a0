#pragma once

#include <QByteArray>
#include <QString>

#include <atomic>

namespace dimos {

// One mail as a transport gets it: the envelope and the finished message (MimeMessage).
struct OutgoingMessage
{
    qint64 id = 0;
    qint64 createdMs = 0;
    QString envelopeFrom; // a normalised address
    QString recipient; // a normalised address
    QByteArray bytes; // CRLF line ends
};

// What became of one attempt.
struct SendResult
{
    enum class Outcome {
        Sent,
        Temporary, // not delivered, may be tried again (no connection, a 4xx answer, …)
        Permanent, // refused for good (a 5xx answer to the recipient or the message)
        Uncertain, // the whole message was handed over but no answer came: it may have arrived
        Aborted, // stopped by requestStop() before the message was handed over: not delivered
    };
    Outcome outcome = Outcome::Temporary;
    QString message; // why, in English, for last_error and the log
};

// How a mail leaves dimosd: SMTP (SmtpTransport) or a folder of .eml files (FolderTransport).
// send() runs on the mail worker's thread; requestStop() may come from any thread.
class MailTransport
{
public:
    virtual ~MailTransport() = default;
    virtual SendResult send(const OutgoingMessage &message) = 0;
    // Makes a send() in progress return soon (shutdown).
    void requestStop() { m_stopping.store(true); }
    bool stopping() const { return m_stopping.load(); }

private:
    std::atomic<bool> m_stopping{false};
};

} // namespace dimos
