// Mail delivery against a real SMTP server: tests/support/smtp_sink.py (Debian's aiosmtpd) runs
// as a subprocess on a free port and files every message it receives, parsed by Python's email
// package — a MIME reader that is not ours. Checked: a committed mail arrives once with the right
// envelope and headers (From, To, the decoded Subject, multipart/alternative, List-Unsubscribe
// with RFC 8058's one-click POST), Greek intact and HTML-escaping only in the HTML part; a 4xx is
// retried after the configured wait and a 5xx fails the mail with the server's words; a server
// that is down means waiting, not losing; a send cut off half-way is never repeated; AUTH and
// STARTTLS (a certificate checked against mail/ca_file, nothing sent in the clear when TLS is
// required); folder mode; the worker thread (wakes on commit, stops at once even when the
// server stalls, never holds up the serving thread); and dimosd starting and stopping it.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "server/mail/FolderTransport.h"
#include "server/mail/MailDelivery.h"
#include "server/mail/MailOutbox.h"
#include "server/mail/MailWorker.h"
#include "server/mail/SmtpTransport.h"
#include "server/render/MessageCatalog.h"
#include "server/render/Templates.h"
#include "server/storage/Database.h"
#include "server/storage/Migrator.h"
#include "shared/util/Clock.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

constexpr qint64 kNow = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr qint64 kMinute = 60'000;
const QString kFrom = u"Δήμος Σερρών <noreply@serres.gr>"_s;
const QString kTricky = u"<b>Λακκούβα</b> & \"μεγάλη\" 'βαθιά'"_s;

QString python()
{
    // Debian's interpreter, which has python3-aiosmtpd (a pyenv or venv python3 on PATH may not).
    return QFile::exists(u"/usr/bin/python3"_s) ? u"/usr/bin/python3"_s : u"python3"_s;
}

QString sinkScript()
{
    return QStringLiteral(DIMOS_SOURCE_DIR) + u"/tests/support/smtp_sink.py"_s;
}

QString tlsFile(const QString &name)
{
    return QStringLiteral(DIMOS_TEST_DATA) + u"/tls/"_s + name;
}

// tests/support/smtp_sink.py as a subprocess.
class SmtpSink
{
public:
    explicit SmtpSink(QString folder) : m_folder(std::move(folder)) { }
    ~SmtpSink() { stop(); }
    Q_DISABLE_COPY_MOVE(SmtpSink)

    bool start(const QStringList &options = {}, quint16 port = 0)
    {
        stop();
        m_process.setProgram(python());
        m_process.setArguments(
            QStringList{sinkScript(), u"--folder"_s, m_folder, u"--port"_s, QString::number(port)} + options);
        m_process.start();
        if (!m_process.waitForStarted(10'000)) {
            qWarning() << "smtp_sink.py did not start:" << m_process.errorString();
            return false;
        }
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 20'000) {
            if (m_process.canReadLine()) {
                const QByteArray line = m_process.readLine().trimmed();
                if (line.startsWith("listening ")) {
                    m_port = quint16(line.mid(10).toUInt());
                    return true;
                }
            }
            if (!m_process.waitForReadyRead(100) && m_process.state() == QProcess::NotRunning)
                break;
        }
        qWarning() << "smtp_sink.py did not come up (is python3-aiosmtpd installed?):"
                   << m_process.readAllStandardError();
        return false;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    quint16 port() const { return m_port; }
    QString url(const QString &host = u"127.0.0.1"_s) const { return u"smtp://%1:%2"_s.arg(host).arg(m_port); }

    // What it received, oldest first (its .json records, see smtp_sink.py).
    QList<QJsonObject> messages() const
    {
        QList<QJsonObject> out;
        const QDir dir(m_folder);
        for (const QString &name : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
            QFile f(dir.filePath(name));
            if (f.open(QIODevice::ReadOnly))
                out.append(QJsonDocument::fromJson(f.readAll()).object());
        }
        return out;
    }

private:
    QString m_folder;
    QProcess m_process;
    quint16 m_port = 0;
};

// A message parsed by the sink's --parse (Python's email package).
QJsonObject parseEml(const QString &path)
{
    QProcess p;
    p.start(python(), {sinkScript(), u"--parse"_s, path});
    if (!p.waitForFinished(20'000) || p.exitCode() != 0) {
        qWarning() << "smtp_sink.py --parse failed:" << p.readAllStandardError();
        return {};
    }
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

// The decoded value of a header, as Python's email package reads it.
QString header(const QJsonObject &message, const QString &name)
{
    for (const QJsonValue &h : message.value(u"headers"_s).toArray()) {
        if (h.toArray().at(0).toString().compare(name, Qt::CaseInsensitive) == 0)
            return h.toArray().at(1).toString();
    }
    return u"<no %1>"_s.arg(name);
}

QJsonObject part(const QJsonObject &message, int index)
{
    return message.value(u"parts"_s).toArray().at(index).toObject();
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed again when probe goes
}

struct Row
{
    QString status;
    int attempts = -1;
    qint64 nextAttemptMs = 0;
    QString lastError;
    qint64 sentMs = 0;
    QString textBody;
    QString htmlBody;
    qint64 createdMs = 0;
};

Row row(Database &db, qint64 id)
{
    QSqlQuery q = db.run(u"SELECT status, attempts, next_attempt_ms, last_error, sent_ms, text_body, html_body, "
                         u"created_ms FROM mail_outbox WHERE id = ?"_s,
        {id});
    Row r;
    if (q.next()) {
        r = {q.value(0).toString(), q.value(1).toInt(), q.value(2).toLongLong(), q.value(3).toString(),
            q.value(4).toLongLong(), q.value(5).toString(), q.value(6).toString(), q.value(7).toLongLong()};
    }
    return r;
}

OutgoingMail confirmMail(const QString &recipient = u"polites@example.gr"_s, const QString &language = u"el"_s)
{
    OutgoingMail m;
    m.recipient = recipient;
    m.language = language;
    m.templateName = u"report_confirm"_s;
    m.values = QJsonObject{
        {u"report_id"_s, 42},
        {u"title"_s, kTricky},
        {u"category"_s, u"Οδοστρωσία"_s},
        {u"confirm_url"_s, u"https://dimos.serres.gr/reports/42/confirm?token=abc&lang=el"_s},
        {u"tracking_url"_s, u"https://dimos.serres.gr/reports/42"_s},
    };
    return m;
}

} // namespace

class tst_MailDelivery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void committedMailArrivesOnceWithItsHeaders();
    void temporaryFailureIsRetriedAfterTheWait();
    void permanentFailureFailsWithTheServersWords();
    void serverDownMeansWaitingThenDelivery();
    void attemptsRunOut();
    void interruptedSendIsNeverRepeated();
    void authAndStartTls();
    void starttlsRequiredNeverSendsInTheClear();
    void folderModeWritesReadableEml();
    void workerWakesOnCommitAndStopsPromptly();
    void serverStartsAndStopsTheWorker();

private:
    MailSettings smtpSettings(const QString &url) const;

    Templates m_templates;
    MessageCatalog m_messages;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<MailOutbox> m_outbox;
};

void tst_MailDelivery::initTestCase()
{
    QString error;
    QVERIFY2(m_templates.load(u":/templates"_s, &error), qPrintable(error));
    QVERIFY2(m_messages.load(u":/i18n"_s, &error), qPrintable(error));
    QLoggingCategory::setFilterRules(u"dimos.storage.migrate.info=false"_s);
}

void tst_MailDelivery::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    DatabaseOptions options;
    options.sqlitePath = m_dir->filePath(u"dimos.sqlite"_s);
    QString error;
    m_db = Database::open(options, &error);
    QVERIFY2(m_db, qPrintable(error));
    QVERIFY2(Migrator(*m_db).migrate(&error), qPrintable(error));
    m_clock = std::make_unique<ManualClock>(kNow);
    m_outbox = std::make_unique<MailOutbox>(*m_db, m_templates, m_messages,
        MailCommonValues{
            u"Δήμος Σερρών"_s, u"Municipality of Serres"_s, u"https://dimos.serres.gr"_s, u"info@serres.gr"_s},
        *m_clock);
}

void tst_MailDelivery::cleanup()
{
    m_outbox.reset();
    m_db.reset();
    m_dir.reset();
}

MailSettings tst_MailDelivery::smtpSettings(const QString &url) const
{
    MailSettings s;
    s.mode = MailSettings::Mode::Smtp;
    s.smtpUrl = url;
    s.from = kFrom;
    s.startTls = MailSettings::StartTls::Off;
    return s;
}

void tst_MailDelivery::committedMailArrivesOnceWithItsHeaders()
{
    SmtpSink sink(m_dir->filePath(u"sink"_s));
    QVERIFY(sink.start());
    SmtpTransport transport(smtpSettings(sink.url()));
    MailDelivery delivery(*m_db, transport, *m_clock, smtpSettings(sink.url()));

    QVERIFY_THROWS_EXCEPTION(std::runtime_error, m_db->transaction([&] {
        m_outbox->enqueue(confirmMail(u"rolled.back@example.gr"_s));
        throw std::runtime_error("the change failed");
    }));
    OutgoingMail mail = confirmMail();
    mail.unsubscribeUrl = u"https://dimos.serres.gr/subscriptions/unsubscribe?token=Zx9_k"_s;
    qint64 id = 0;
    m_db->transaction([&] { id = m_outbox->enqueue(mail); });

    m_clock->advanceMs(1000);
    QCOMPARE(delivery.runDue(), 1);
    const QList<QJsonObject> received = sink.messages();
    QCOMPARE(received.size(), 1);
    const QJsonObject m = received.first();
    const Row stored = row(*m_db, id);

    // The envelope.
    QCOMPARE(m.value(u"mail_from"_s).toString(), u"noreply@serres.gr"_s);
    QCOMPARE(m.value(u"rcpt_tos"_s).toArray(), QJsonArray{u"polites@example.gr"_s});
    // The headers, decoded by Python's email package.
    QCOMPARE(header(m, u"From"_s), kFrom);
    QCOMPARE(header(m, u"To"_s), u"polites@example.gr"_s);
    QCOMPARE(header(m, u"Subject"_s), u"Επιβεβαιώστε την αναφορά σας #42"_s);
    QVERIFY(m.value(u"raw_headers"_s).toObject().value(u"Subject"_s).toString().startsWith(u"=?UTF-8?B?"_s));
    QCOMPARE(header(m, u"Date"_s), u"Thu, 01 Jan 2026 00:00:00 +0000"_s);
    QCOMPARE(header(m, u"Message-ID"_s), u"<dimos.%1.%2@serres.gr>"_s.arg(id).arg(kNow));
    QCOMPARE(header(m, u"MIME-Version"_s), u"1.0"_s);
    QCOMPARE(header(m, u"Content-Language"_s), u"el"_s);
    QCOMPARE(header(m, u"Auto-Submitted"_s), u"auto-generated"_s);
    QCOMPARE(header(m, u"List-Unsubscribe"_s), u"<"_s + mail.unsubscribeUrl + u'>');
    QCOMPARE(header(m, u"List-Unsubscribe-Post"_s), u"List-Unsubscribe=One-Click"_s);
    QCOMPARE(m.value(u"content_type"_s).toString(), u"multipart/alternative"_s);
    QCOMPARE(m.value(u"defects"_s).toArray(), QJsonArray());
    QVERIFY(m.value(u"longest_line"_s).toInt() <= 998); // RFC 5322's limit (the parts' lines: 76, tst_MailOutbox)
    QCOMPARE(part(m, 0).value(u"transfer_encoding"_s).toString(), u"quoted-printable"_s);
    QVERIFY(!m.value(u"bare_lf"_s).toBool());

    // Two parts, Greek intact in both, the citizen's words escaped only in the HTML.
    QCOMPARE(m.value(u"parts"_s).toArray().size(), 2);
    const QJsonObject text = part(m, 0), html = part(m, 1);
    QCOMPARE(text.value(u"content_type"_s).toString(), u"text/plain"_s);
    QCOMPARE(text.value(u"charset"_s).toString(), u"utf-8"_s);
    QCOMPARE(html.value(u"content_type"_s).toString(), u"text/html"_s);
    QCOMPARE(html.value(u"charset"_s).toString(), u"utf-8"_s);
    QCOMPARE(text.value(u"body"_s).toString(), stored.textBody);
    QCOMPARE(html.value(u"body"_s).toString(), stored.htmlBody);
    QVERIFY(text.value(u"body"_s).toString().contains(u"Θέμα: "_s + kTricky));
    QVERIFY(text.value(u"body"_s).toString().contains(u"Λάβαμε την αναφορά σας."_s));
    QVERIFY(text.value(u"body"_s).toString().contains(u"confirm?token=abc&lang=el\n"_s));
    QVERIFY(html.value(u"body"_s).toString().contains(
        u"&lt;b&gt;Λακκούβα&lt;/b&gt; &amp; &quot;μεγάλη&quot; &apos;βαθιά&apos;"_s));
    QVERIFY(!html.value(u"body"_s).toString().contains(u"<b>Λακκούβα"_s));

    // Recorded as sent, and never sent again.
    QCOMPARE(stored.status, u"sent"_s);
    QCOMPARE(stored.attempts, 1);
    QCOMPARE(stored.sentMs, kNow + 1000);
    QCOMPARE(stored.lastError, QString());
    m_clock->advanceMs(24 * 60 * kMinute);
    QCOMPARE(delivery.runDue(), 0);
    QCOMPARE(sink.messages().size(), 1);
    QVERIFY(!delivery.nextDueMs());
}

void tst_MailDelivery::temporaryFailureIsRetriedAfterTheWait()
{
    SmtpSink sink(m_dir->filePath(u"sink"_s));
    QVERIFY(sink.start({u"--temp-fail"_s, u"^polites@"_s, u"--temp-fail-times"_s, u"1"_s}));
    SmtpTransport transport(smtpSettings(sink.url()));
    MailDelivery delivery(*m_db, transport, *m_clock, smtpSettings(sink.url()));
    const qint64 id = m_outbox->enqueue(confirmMail());

    QCOMPARE(delivery.runDue(), 1);
    Row r = row(*m_db, id);
    QCOMPARE(r.status, u"pending"_s);
    QCOMPARE(r.attempts, 1);
    QCOMPARE(r.nextAttemptMs, kNow + kMinute); // mail/retry_minutes starts at 1
    QVERIFY2(r.lastError.contains(u"RCPT TO"_s) && r.lastError.contains(u"451 4.7.1"_s)
            && r.lastError.contains(u"Greylisted, please try again later"_s),
        qPrintable(r.lastError));
    QCOMPARE(delivery.nextDueMs(), kNow + kMinute);
    QCOMPARE(sink.messages().size(), 0);

    // Not before its time.
    m_clock->advanceMs(kMinute - 1);
    QCOMPARE(delivery.runDue(), 0);
    m_clock->advanceMs(1);
    QCOMPARE(delivery.runDue(), 1);
    r = row(*m_db, id);
    QCOMPARE(r.status, u"sent"_s);
    QCOMPARE(r.attempts, 2);
    QCOMPARE(r.lastError, QString());
    QCOMPARE(sink.messages().size(), 1);
}

void tst_MailDelivery::permanentFailureFailsWithTheServersWords()
{
    SmtpSink sink(m_dir->filePath(u"sink"_s));
    QVERIFY(sink.start({u"--perm-fail"_s, u"^nobody@"_s}));
    SmtpTransport transport(smtpSettings(sink.url()));
    MailDelivery delivery(*m_db, transport, *m_clock, smtpSettings(sink.url()));
    const qint64 refused = m_outbox->enqueue(confirmMail(u"nobody@example.gr"_s));
    const qint64 fine = m_outbox->enqueue(confirmMail(u"polites@example.gr"_s, u"en"_s));

    QCOMPARE(delivery.runDue(), 2);
    const Row r = row(*m_db, refused);
    QCOMPARE(r.status, u"failed"_s);
    QCOMPARE(r.attempts, 1);
    QVERIFY2(r.lastError.contains(u"RCPT TO"_s)
            && r.lastError.contains(
                u"550 5.1.1 <nobody@example.gr>: Recipient address rejected: no such mailbox here"_s),
        qPrintable(r.lastError));
    // The other mail is not held up by it.
    QCOMPARE(row(*m_db, fine).status, u"sent"_s);
    QCOMPARE(sink.messages().size(), 1);
    QCOMPARE(header(sink.messages().first(), u"Subject"_s), u"Confirm your report #42"_s);

    m_clock->advanceMs(24 * 60 * kMinute);
    QCOMPARE(delivery.runDue(), 0);
    QCOMPARE(row(*m_db, refused).status, u"failed"_s);
}

void tst_MailDelivery::serverDownMeansWaitingThenDelivery()
{
    const quint16 port = freePort();
    const QString url = u"smtp://127.0.0.1:%1"_s.arg(port);
    SmtpTransport transport(smtpSettings(url));
    MailDelivery delivery(*m_db, transport, *m_clock, smtpSettings(url));
    const qint64 id = m_outbox->enqueue(confirmMail());

    QCOMPARE(delivery.runDue(), 1);
    Row r = row(*m_db, id);
    QCOMPARE(r.status, u"pending"_s);
    QCOMPARE(r.attempts, 1);
    QCOMPARE(r.nextAttemptMs, kNow + kMinute);
    QVERIFY2(r.lastError.contains(u"smtp://127.0.0.1:%1"_s.arg(port))
            && r.lastError.contains(u"is the mail server running"_s),
        qPrintable(r.lastError));

    m_clock->advanceMs(kMinute);
    QCOMPARE(delivery.runDue(), 1);
    r = row(*m_db, id);
    QCOMPARE(r.status, u"pending"_s);
    QCOMPARE(r.attempts, 2);
    QCOMPARE(r.nextAttemptMs, kNow + kMinute + 5 * kMinute); // the second wait

    SmtpSink sink(m_dir->filePath(u"sink"_s));
    QVERIFY(sink.start({}, port));
    m_clock->advanceMs(5 * kMinute);
    QCOMPARE(delivery.runDue(), 1);
    r = row(*m_db, id);
    QCOMPARE(r.status, u"sent"_s);
    QCOMPARE(r.attempts, 3);
    QCOMPARE(sink.messages().size(), 1);
}

void tst_MailDelivery::attemptsRunOut()
{
    const QString url = u"smtp://127.0.0.1:%1"_s.arg(freePort());
    MailSettings settings = smtpSettings(url);
    settings.retryDelaysMs = {kMinute, 2 * kMinute};
    SmtpTransport transport(settings);
    MailDelivery delivery(*m_db, transport, *m_clock, settings);
    const qint64 id = m_outbox->enqueue(confirmMail());
    QCOMPARE(delivery.runDue(), 1);
    m_clock->advanceMs(kMinute);
    QCOMPARE(delivery.runDue(), 1);
    QCOMPARE(row(*m_db, id).status, u"pending"_s);
    m_clock->advanceMs(2 * kMinute);
    QCOMPARE(delivery.runDue(), 1);
    const Row r = row(*m_db, id);
    QCOMPARE(r.status, u"failed"_s);
    QCOMPARE(r.attempts, 3);
    QVERIFY2(r.lastError.startsWith(u"gave up after 3 attempts; the last: "_s), qPrintable(r.lastError));
    m_clock->advanceMs(60 * kMinute);
    QCOMPARE(delivery.runDue(), 0);
}

void tst_MailDelivery::interruptedSendIsNeverRepeated()
{
    SmtpSink sink(m_dir->filePath(u"sink"_s));
    QVERIFY(sink.start({u"--drop-after-data"_s, u"^dropped@"_s}));
    SmtpTransport transport(smtpSettings(sink.url()));
    MailDelivery delivery(*m_db, transport, *m_clock, smtpSettings(sink.url()));

    // dimosd was killed during a send: the row is still claimed.
    const qint64 killed = m_outbox->enqueue(confirmMail());
    m_db->run(u"UPDATE mail_outbox SET status = 'sending', attempts = 1, next_attempt_ms = ? WHERE id = ?"_s,
        {kNow + MailDelivery::kLeaseMs, killed});
    QCOMPARE(delivery.runDue(), 0); // a live claim is left alone
    QCOMPARE(row(*m_db, killed).status, u"sending"_s);
    m_clock->advanceMs(MailDelivery::kLeaseMs);
    QCOMPARE(delivery.runDue(), 0);
    Row r = row(*m_db, killed);
    QCOMPARE(r.status, u"failed"_s);
    QVERIFY2(r.lastError.contains(u"not sent again"_s), qPrintable(r.lastError));
    QCOMPARE(sink.messages().size(), 0);

    // The server takes the message but the connection drops before its answer: it may have
    // arrived (here it did), so it is not sent again.
    const qint64 dropped = m_outbox->enqueue(confirmMail(u"dropped@example.gr"_s));
    QCOMPARE(delivery.runDue(), 1);
    r = row(*m_db, dropped);
    QCOMPARE(r.status, u"failed"_s);
    QVERIFY2(r.lastError.contains(u"after the whole message was sent"_s) && r.lastError.contains(u"may have arrived"_s),
        qPrintable(r.lastError));
    QCOMPARE(sink.messages().size(), 1);
    m_clock->advanceMs(24 * 60 * kMinute);
    QCOMPARE(delivery.runDue(), 0);
    QCOMPARE(sink.messages().size(), 1);
}

void tst_MailDelivery::authAndStartTls()
{
    SmtpSink sink(m_dir->filePath(u"sink"_s));
    QVERIFY(sink.start({u"--auth"_s, u"dimos:s3cret"_s, u"--tls-cert"_s, tlsFile(u"selfsigned.crt"_s), u"--tls-key"_s,
        tlsFile(u"selfsigned.key"_s), u"--require-starttls"_s}));
    // The certificate is for "localhost".
    MailSettings settings = smtpSettings(sink.url(u"localhost"_s));
    settings.startTls = MailSettings::StartTls::Required;
    settings.caFile = tlsFile(u"selfsigned.crt"_s);
    settings.username = u"dimos"_s;
    settings.password = u"s3cret"_s;
    {
        SmtpTransport transport(settings);
        MailDelivery delivery(*m_db, transport, *m_clock, settings);
        const qint64 id = m_outbox->enqueue(confirmMail());
        QCOMPARE(delivery.runDue(), 1);
        QCOMPARE(row(*m_db, id).status, u"sent"_s);
        QCOMPARE(sink.messages().size(), 1);
        QVERIFY(sink.messages().first().value(u"tls"_s).toBool());
        QVERIFY(sink.messages().first().value(u"authenticated"_s).toBool());
    }
    // A wrong password is dimosd's configuration, not the mail's fault: it waits.
    {
        MailSettings wrong = settings;
        wrong.password = u"wrong"_s;
        SmtpTransport transport(wrong);
        MailDelivery delivery(*m_db, transport, *m_clock, wrong);
        const qint64 id = m_outbox->enqueue(confirmMail());
        QCOMPARE(delivery.runDue(), 1);
        const Row r = row(*m_db, id);
        QCOMPARE(r.status, u"pending"_s);
        QVERIFY2(r.lastError.contains(u"answered AUTH with: 535"_s) && r.lastError.contains(u"mail/password"_s),
            qPrintable(r.lastError));
        // The credentials (AUTH PLAIN's base64 of "\0dimos\0wrong") never reach the table or the log.
        QVERIFY(!r.lastError.contains(u"AGRpbW9zAHdyb25n"_s, Qt::CaseInsensitive));
        QVERIFY(!r.lastError.contains(u"wrong"_s));
        QCOMPARE(sink.messages().size(), 1);
        m_db->run(u"DELETE FROM mail_outbox WHERE id = ?"_s, {id});
    }
    // A certificate nobody vouches for: not sent.
    {
        MailSettings untrusted = settings;
        untrusted.caFile.clear();
        SmtpTransport transport(untrusted);
        MailDelivery delivery(*m_db, transport, *m_clock, untrusted);
        const qint64 id = m_outbox->enqueue(confirmMail());
        QCOMPARE(delivery.runDue(), 1);
        const Row r = row(*m_db, id);
        QCOMPARE(r.status, u"pending"_s);
        QVERIFY2(r.lastError.contains(u"certificate"_s), qPrintable(r.lastError));
        QCOMPARE(sink.messages().size(), 1);
    }
}

void tst_MailDelivery::starttlsRequiredNeverSendsInTheClear()
{
    SmtpSink sink(m_dir->filePath(u"sink"_s)); // no TLS on offer
    QVERIFY(sink.start());
    MailSettings settings = smtpSettings(sink.url());
    settings.startTls = MailSettings::StartTls::Required;
    SmtpTransport transport(settings);
    MailDelivery delivery(*m_db, transport, *m_clock, settings);
    const qint64 id = m_outbox->enqueue(confirmMail());
    QCOMPARE(delivery.runDue(), 1);
    const Row r = row(*m_db, id);
    QCOMPARE(r.status, u"pending"_s);
    QVERIFY2(r.lastError.contains(u"STARTTLS"_s), qPrintable(r.lastError));
    QCOMPARE(sink.messages().size(), 0);

    // optional: sent without TLS.
    settings.startTls = MailSettings::StartTls::Optional;
    SmtpTransport optional(settings);
    MailDelivery relaxed(*m_db, optional, *m_clock, settings);
    m_clock->advanceMs(kMinute);
    QCOMPARE(relaxed.runDue(), 1);
    QCOMPARE(row(*m_db, id).status, u"sent"_s);
    QCOMPARE(sink.messages().size(), 1);
    QVERIFY(!sink.messages().first().value(u"tls"_s).toBool());
}

void tst_MailDelivery::folderModeWritesReadableEml()
{
    const QString folder = m_dir->filePath(u"outbox"_s);
    FolderTransport transport(folder);
    MailSettings settings;
    settings.mode = MailSettings::Mode::Folder;
    settings.from = kFrom;
    MailDelivery delivery(*m_db, transport, *m_clock, settings);
    OutgoingMail mail = confirmMail(u"polites@example.gr"_s, u"en"_s);
    mail.unsubscribeUrl = u"https://dimos.serres.gr/u?token=1"_s;
    const qint64 id = m_outbox->enqueue(mail);
    QCOMPARE(delivery.runDue(), 1);
    QCOMPARE(row(*m_db, id).status, u"sent"_s);

    const QString file = folder + u"/20260101-000000-%1.eml"_s.arg(id);
    QVERIFY2(QFile::exists(file), qPrintable(QDir(folder).entryList().join(u", "_s)));
    QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 1); // no temporary file left behind
    const QJsonObject m = parseEml(file);
    QCOMPARE(header(m, u"From"_s), kFrom);
    QCOMPARE(header(m, u"To"_s), u"polites@example.gr"_s);
    QCOMPARE(header(m, u"Subject"_s), u"Confirm your report #42"_s);
    QCOMPARE(header(m, u"List-Unsubscribe"_s), u"<https://dimos.serres.gr/u?token=1>"_s);
    QCOMPARE(m.value(u"content_type"_s).toString(), u"multipart/alternative"_s);
    QCOMPARE(m.value(u"defects"_s).toArray(), QJsonArray());
    QVERIFY(part(m, 0).value(u"body"_s).toString().contains(u"Title: "_s + kTricky));
    QVERIFY(part(m, 0).value(u"body"_s).toString().contains(u"Municipality of Serres"_s));
    QVERIFY(part(m, 1).value(u"body"_s).toString().contains(u"&lt;b&gt;Λακκούβα"_s));
}

void tst_MailDelivery::workerWakesOnCommitAndStopsPromptly()
{
    DatabaseOptions options;
    options.sqlitePath = m_dir->filePath(u"dimos.sqlite"_s);

    // Folder mode: the worker sleeps (a poll of a minute) until the commit wakes it.
    {
        MailSettings settings;
        settings.mode = MailSettings::Mode::Folder;
        settings.from = kFrom;
        const QString folder = m_dir->filePath(u"outbox"_s);
        MailWorker worker(options, settings, folder, *m_clock, 60'000);
        QVERIFY(worker.running());
        QTRY_VERIFY(worker.passes() >= 1); // its first look found nothing
        m_outbox->setQueuedListener([&] { worker.wake(); });
        qint64 id = 0;
        m_db->transaction([&] { id = m_outbox->enqueue(confirmMail()); });
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(folder + u"/20260101-000000-%1.eml"_s.arg(id)), 5000);
        QTRY_COMPARE(row(*m_db, id).status, u"sent"_s);
        m_outbox->setQueuedListener({});
    }

    // SMTP to a server that accepts the connection and never says a word: the worker is stuck
    // in the session, the serving thread is not, and stopping cuts the session off at once,
    // leaving the mail to be sent at the next start.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    const MailSettings settings = smtpSettings(u"smtp://127.0.0.1:%1"_s.arg(silent.serverPort()));
    auto worker = std::make_unique<MailWorker>(options, settings, QString(), *m_clock, 60'000);
    m_outbox->setQueuedListener([w = worker.get()] { w->wake(); });
    const qint64 id = m_outbox->enqueue(confirmMail(u"waiting@example.gr"_s));
    QTRY_COMPARE_WITH_TIMEOUT(row(*m_db, id).status, u"sending"_s, 5000);
    QElapsedTimer serving;
    serving.start();
    m_db->transaction([&] { m_outbox->enqueue(confirmMail(u"another@example.gr"_s)); });
    QVERIFY(serving.elapsed() < 1000);
    QTest::qWait(300);
    QCOMPARE(row(*m_db, id).status, u"sending"_s); // still in the silent session
    m_outbox->setQueuedListener({});
    QElapsedTimer stopping;
    stopping.start();
    worker.reset();
    QVERIFY2(stopping.elapsed() < 3000, qPrintable(QString::number(stopping.elapsed())));
    const Row r = row(*m_db, id);
    QCOMPARE(r.status, u"pending"_s);
    QCOMPARE(r.attempts, 0); // the cut-off attempt does not count
    QVERIFY2(r.lastError.contains(u"shutting down"_s), qPrintable(r.lastError));
    QVERIFY(r.nextAttemptMs <= m_clock->nowMs());
}

void tst_MailDelivery::serverStartsAndStopsTheWorker()
{
    // mail/mode = folder: the outbox is reachable from AppContext, the worker runs with the
    // server and delivers what a handler queues in its transaction.
    {
        test::TestServer server({u"mail/mode=folder"_s, u"mail/from="_s + kFrom});
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY(server.ctx().mailOutbox);
        QVERIFY(server.server().mailWorker());
        QVERIFY(server.server().mailWorker()->running());
        qint64 id = 0;
        server.ctx().db->transaction([&] { id = server.ctx().mailOutbox->enqueue(confirmMail()); });
        const QString folder = server.dataDir() + u"/mail"_s;
        QTRY_VERIFY_WITH_TIMEOUT(!QDir(folder).entryList({u"*-%1.eml"_s.arg(id)}, QDir::Files).isEmpty(), 5000);
        const QJsonObject m = parseEml(folder + u'/' + QDir(folder).entryList({u"*.eml"_s}).first());
        QCOMPARE(header(m, u"From"_s), kFrom);
        // The server's common values: its municipality name and base URL.
        QVERIFY(part(m, 0).value(u"body"_s).toString().contains(u"Δήμος Σερρών\nhttp://dimos.test\n"_s));
    }
    // mail/mode = off (the default): mails are kept, no worker.
    {
        test::TestServer server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY(server.ctx().mailOutbox);
        QVERIFY(!server.server().mailWorker());
        server.ctx().mailOutbox->enqueue(confirmMail());
        QTest::qWait(200);
        QCOMPARE(server.ctx().mailOutbox->pendingCount(), 1);
    }
    // Stopping dimosd stops the worker even in the middle of a session that hangs.
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        auto server = std::make_unique<test::TestServer>(QStringList{u"mail/mode=smtp"_s, u"mail/from="_s + kFrom,
            u"mail/starttls=off"_s, u"mail/smtp_url=smtp://127.0.0.1:%1"_s.arg(silent.serverPort())});
        QString error;
        QVERIFY2(server->start(&error), qPrintable(error));
        Database &db = *server->ctx().db;
        const qint64 id = server->ctx().mailOutbox->enqueue(confirmMail());
        QTRY_COMPARE_WITH_TIMEOUT(row(db, id).status, u"sending"_s, 5000);
        QElapsedTimer stopping;
        stopping.start();
        server.reset();
        QVERIFY2(stopping.elapsed() < 3000, qPrintable(QString::number(stopping.elapsed())));
    }
}

QTEST_GUILESS_MAIN(tst_MailDelivery)
#include "tst_MailDelivery.moc"
