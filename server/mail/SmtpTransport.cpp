#include "SmtpTransport.h"

#include <QUrl>

#include <chrono>
#include <memory>
#include <mutex>

#include <curl/curl.h>

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

// What one session saw, filled in by libcurl's callbacks.
struct Session
{
    const QByteArray *bytes = nullptr;
    qsizetype offset = 0;
    bool bodyDone = false; // the read callback has handed over the last byte
    const MailTransport *transport = nullptr;
    std::chrono::steady_clock::time_point stopSeen{};

    QByteArray command = "connect"; // the last command sent (its verb), or the stage
    QByteArray reply; // the reply being read (multi-line replies come as several lines)
    int errorCode = 0; // the first 4xx/5xx reply ...
    QByteArray errorReply; // ... its text ...
    QByteArray errorCommand; // ... and the command it answered
};

size_t readBody(char *buffer, size_t size, size_t count, void *user)
{
    auto *s = static_cast<Session *>(user);
    const qsizetype n = std::min<qsizetype>(qsizetype(size * count), s->bytes->size() - s->offset);
    memcpy(buffer, s->bytes->constData() + s->offset, size_t(n));
    s->offset += n;
    if (s->offset >= s->bytes->size())
        s->bodyDone = true; // handed to libcurl: from here on it may reach the server
    return size_t(n);
}

int onDebug(CURL *, curl_infotype type, char *data, size_t size, void *user)
{
    auto *s = static_cast<Session *>(user);
    const QByteArray text(data, qsizetype(size));
    if (type == CURLINFO_HEADER_OUT) {
        // Only a command's verb is kept; other lines (the AUTH exchange: credentials) are not.
        static const QByteArrayList verbs{"EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "QUIT", "RSET"};
        const QByteArray verb = text.trimmed().split(' ').value(0).toUpper();
        if (verbs.contains(verb))
            s->command = verb == "MAIL" ? QByteArray("MAIL FROM") : verb == "RCPT" ? QByteArray("RCPT TO") : verb;
        return 0;
    }
    if (type != CURLINFO_HEADER_IN)
        return 0;
    for (const QByteArray &line : text.split('\n')) {
        const QByteArray l = line.trimmed();
        if (l.size() < 3)
            continue;
        s->reply += (s->reply.isEmpty() ? "" : " ") + (l.size() > 4 ? l.mid(4) : QByteArray());
        const bool last = l.size() == 3 || l.at(3) != '-';
        if (!last)
            continue;
        const int code = l.left(3).toInt();
        if (code >= 400 && s->errorCode == 0) {
            s->errorCode = code;
            s->errorReply = l.left(3) + ' ' + s->reply;
            s->errorCommand = s->bodyDone ? QByteArray("the message") : s->command;
        }
        s->reply.clear();
    }
    return 0;
}

int onProgress(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    auto *s = static_cast<Session *>(user);
    if (!s->transport->stopping())
        return 0;
    const auto now = std::chrono::steady_clock::now();
    if (s->stopSeen == std::chrono::steady_clock::time_point{})
        s->stopSeen = now;
    // Before the message is handed over, stopping loses nothing; after, wait a little for the answer.
    if (!s->bodyDone || now - s->stopSeen > std::chrono::milliseconds(SmtpTransport::kStopGraceMs))
        return 1;
    return 0;
}

void globalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

SmtpTransport::SmtpTransport(MailSettings settings) : m_settings(std::move(settings))
{
    globalInit();
}

SendResult SmtpTransport::send(const OutgoingMessage &message)
{
    using Outcome = SendResult::Outcome;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl)
        return {Outcome::Temporary, u"libcurl could not start a session"_s};
    CURL *c = curl.get();

    Session s;
    s.bytes = &message.bytes;
    s.transport = this;
    char errorBuffer[CURL_ERROR_SIZE] = {};

    // The URL's path is the name sent with EHLO: the sender's domain, rather than libcurl's "localhost".
    QUrl url(m_settings.smtpUrl);
    url.setPath(u'/' + message.envelopeFrom.section(u'@', -1));
    const QByteArray urlBytes = url.toEncoded();
    const QByteArray from = '<' + message.envelopeFrom.toLatin1() + '>';
    const QByteArray to = '<' + message.recipient.toLatin1() + '>';
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(
        curl_slist_append(nullptr, to.constData()), curl_slist_free_all);
    const QByteArray username = m_settings.username.toUtf8();
    const QByteArray password = m_settings.password.toUtf8();
    const QByteArray caFile = m_settings.caFile.toLocal8Bit();

    curl_easy_setopt(c, CURLOPT_URL, urlBytes.constData());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); // we are on a worker thread
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, readBody);
    curl_easy_setopt(c, CURLOPT_READDATA, &s);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.bytes.size()));
    switch (m_settings.startTls) {
    case MailSettings::StartTls::Required:
        curl_easy_setopt(c, CURLOPT_USE_SSL, long(CURLUSESSL_ALL));
        break;
    case MailSettings::StartTls::Optional:
        curl_easy_setopt(c, CURLOPT_USE_SSL, long(CURLUSESSL_TRY));
        break;
    case MailSettings::StartTls::Off:
        curl_easy_setopt(c, CURLOPT_USE_SSL, long(CURLUSESSL_NONE));
        break;
    }
    if (!caFile.isEmpty())
        curl_easy_setopt(c, CURLOPT_CAINFO, caFile.constData());
    if (!username.isEmpty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, username.constData());
        curl_easy_setopt(c, CURLOPT_PASSWORD, password.constData());
    }
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, kConnectTimeoutS);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, kStallTimeoutS);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, kTotalTimeoutS);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &s);
    curl_easy_setopt(c, CURLOPT_VERBOSE, 1L); // feeds onDebug, which reads the server's answers
    curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, onDebug);
    curl_easy_setopt(c, CURLOPT_DEBUGDATA, &s);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errorBuffer);

    const CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK)
        return {Outcome::Sent, {}};

    const QString server = url.adjusted(QUrl::RemovePath | QUrl::RemoveUserInfo).toString();
    const QString curlText = QString::fromUtf8(errorBuffer[0] ? errorBuffer : curl_easy_strerror(rc));
    if (s.errorCode >= 400) {
        const QString what = u"%1 answered %2 with: %3"_s.arg(
            server, QString::fromLatin1(s.errorCommand), QString::fromUtf8(s.errorReply).left(400));
        const bool aboutThisMail
            = s.errorCommand == "RCPT TO" || s.errorCommand == "DATA" || s.errorCommand == "the message";
        if (s.errorCode >= 500 && aboutThisMail)
            return {Outcome::Permanent, what};
        if (s.errorCode >= 500 || rc == CURLE_LOGIN_DENIED) // the server refuses dimosd: configuration
            return {Outcome::Temporary, what + u" (check mail/from, mail/username and mail/password)"_s};
        return {Outcome::Temporary, what};
    }
    if (s.bodyDone) {
        return {Outcome::Uncertain,
            u"%1: the connection failed after the whole message was sent and before the server confirmed it (%2)"_s.arg(
                server, curlText)};
    }
    if (rc == CURLE_ABORTED_BY_CALLBACK)
        return {Outcome::Aborted, u"stopped before the message was sent (dimosd is shutting down)"_s};
    QString hint;
    if (rc == CURLE_USE_SSL_FAILED)
        hint = u" (the server does not offer STARTTLS and mail/starttls is required)"_s;
    else if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE)
        hint = u" (the server's certificate was not accepted: check the host name in mail/smtp_url and mail/ca_file)"_s;
    else if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST)
        hint = u" (is the mail server running, and is mail/smtp_url right?)"_s;
    return {Outcome::Temporary, u"%1: %2%3"_s.arg(server, curlText, hint)};
}

} // namespace dimos
