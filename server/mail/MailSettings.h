#pragma once

#include <QList>
#include <QString>

namespace dimos {

// How dimosd sends mail ([mail] in dimosd.ini, documented in dimosd.sample.ini and docs/MAIL.md).
struct MailSettings
{
    enum class Mode {
        Off, // mails are kept in the outbox (status 'pending') and not sent
        Folder, // each mail becomes an .eml file in `folder` (development)
        Smtp, // sent through `smtpUrl`
    };
    enum class StartTls {
        Required, // smtp://: refuse to send unless the server switches to TLS (smtps:// is TLS anyway)
        Optional, // use TLS when the server offers it, else send in the clear
        Off, // never ask for TLS (a relay on this machine)
    };

    Mode mode = Mode::Off;
    QString folder; // absolute; empty: <data_dir>/mail (see Config::mailFolder())
    QString smtpUrl = QStringLiteral("smtp://localhost:25");
    QString username; // empty: no SMTP AUTH
    QString password;
    QString from; // "Name <address>" or "address"; required unless mode is Off
    StartTls startTls = StartTls::Required;
    QString caFile; // PEM bundle to verify the server's certificate with; empty: the system's CAs
    // Waits after the 1st, 2nd, … failed attempt; after the last one the mail is given up ('failed').
    QList<qint64> retryDelaysMs{60'000, 5 * 60'000, 30 * 60'000, 2 * 3600'000, 12 * 3600'000};
    int keepDays = 30; // sent and failed mails (their bodies hold links and addresses) are deleted after this
};

} // namespace dimos
