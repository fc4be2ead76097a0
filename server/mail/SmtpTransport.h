#pragma once

#include "server/mail/MailSettings.h"
#include "server/mail/MailTransport.h"

namespace dimos {

// mail/mode = smtp: one SMTP session per mail through libcurl (smtp:// with STARTTLS as
// mail/starttls says, or smtps://), AUTH when mail/username is set, the server's certificate
// checked against the system's CAs or mail/ca_file.
//
// What an answer means (RFC 5321 §4.2.1): a 4xx at any step is temporary; a 5xx to RCPT TO
// or to the message is permanent for this mail; a 5xx earlier (greeting, EHLO, AUTH, MAIL
// FROM) says the server refuses dimosd itself — a configuration matter (mail/from, the
// credentials) — and is treated as temporary, so the mails wait for the fix instead of all
// failing. A failure without an answer after the whole message went out is Uncertain: the
// server may have taken it, so it is not sent again.
class SmtpTransport final : public MailTransport
{
public:
    explicit SmtpTransport(MailSettings settings);
    SendResult send(const OutgoingMessage &message) override;

    // Limits of one session (a stalled server cannot hold the worker longer).
    static constexpr long kConnectTimeoutS = 30;
    static constexpr long kStallTimeoutS = 60; // no progress for this long ends the session
    static constexpr long kTotalTimeoutS = 600;
    // After requestStop(), a message already handed over gets this long for its answer.
    static constexpr int kStopGraceMs = 5000;

private:
    MailSettings m_settings;
};

} // namespace dimos
