// The mail outbox without a mail server: addresses are checked before they reach a header, the
// message is well-formed MIME that nothing in a field can add a header to, templates render the
// subject and text without HTML escaping and the HTML part with it, a mail exists exactly when
// the transaction that queued it commits, and a version-3 database gains the outbox table.
// Delivery (SMTP, folder, retries, the worker thread) is in tst_MailDelivery.
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "server/app/Config.h"
#include "server/app/Server.h"
#include "server/http/ApiError.h"
#include "server/mail/MailAddress.h"
#include "server/mail/MailOutbox.h"
#include "server/mail/MimeMessage.h"
#include "server/render/MessageCatalog.h"
#include "server/render/Templates.h"
#include "server/storage/Database.h"
#include "server/storage/Migrator.h"
#include "server/storage/ReportRepository.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

constexpr qint64 kNow = 1'767'225'600'000; // 2026-01-01T00:00:00Z

// A description a citizen could type, with everything HTML cares about.
const QString kTricky = u"<b>Λακκούβα</b> & \"μεγάλη\" 'βαθιά' > 1m"_s;

std::unique_ptr<Database> openMigrated(const QString &path)
{
    DatabaseOptions options;
    options.sqlitePath = path;
    QString error;
    auto db = Database::open(options, &error);
    if (!db) {
        qWarning() << error;
        return nullptr;
    }
    if (!Migrator(*db).migrate(&error)) {
        qWarning() << error;
        return nullptr;
    }
    return db;
}

qint64 count(Database &db, const QString &where = u"1 = 1"_s)
{
    QSqlQuery q = db.run(u"SELECT COUNT(*) FROM mail_outbox WHERE "_s + where);
    return q.next() ? q.value(0).toLongLong() : -1;
}

OutgoingMail confirmMail(const QString &language = u"el"_s)
{
    OutgoingMail m;
    m.recipient = u"polites@example.gr"_s;
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

// Decodes one =?UTF-8?B?…?= word (the only kind MimeMessage writes).
QByteArray decodeWord(const QByteArray &word)
{
    if (!word.startsWith("=?UTF-8?B?") || !word.endsWith("?="))
        return "<not a word: " + word + '>';
    return QByteArray::fromBase64(word.mid(10, word.size() - 12));
}

// The header block of a message, unfolded, as name → value.
QMultiHash<QByteArray, QByteArray> headersOf(const QByteArray &message)
{
    QMultiHash<QByteArray, QByteArray> out;
    QByteArray head = message.left(message.indexOf("\r\n\r\n"));
    head.replace("\r\n ", " ");
    for (const QByteArray &line : head.split('\n')) {
        const QByteArray l = line.trimmed();
        out.insert(l.left(l.indexOf(':')), l.mid(l.indexOf(':') + 1).trimmed());
    }
    return out;
}

bool loadDump(const QString &dumpPath, const QString &dbPath, QString *error)
{
    QFile f(dumpPath);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return false;
    }
    DatabaseOptions options;
    options.sqlitePath = dbPath;
    auto db = Database::open(options, error);
    if (!db)
        return false;
    try {
        for (const QString &statement : Migrator::splitStatements(QString::fromUtf8(f.readAll()))) {
            if (statement.startsWith(u"BEGIN"_s) || statement.startsWith(u"COMMIT"_s))
                continue; // Database runs one statement at a time, each in its own transaction
            db->run(statement);
        }
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

} // namespace

class tst_MailOutbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void addresses_data();
    void addresses();
    void mailboxes_data();
    void mailboxes();
    void quotedPrintableKeepsLinesShortAndSafe();
    void headerWordsAreShortAndWhole();
    void dateIsRfc5322();
    void fieldsCannotAddHeaders();
    void listUnsubscribeOnlyWithAUrl();

    void plainTextTemplatesAreNotEscaped();
    void confirmMailRendersInGreekAndEnglish();
    void confirmMailHtmlIsSelfContained();
    void everyMailTemplateHasThreeParts();

    void mailExistsExactlyWhenTheTransactionCommits();
    void badRecipientIsRefusedAndNothingIsWritten();
    void badCallsAreRefused();

    void version3DatabaseGainsTheOutbox();

private:
    Templates m_templates;
    MessageCatalog m_messages;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<MailOutbox> m_outbox;
};

void tst_MailOutbox::initTestCase()
{
    QString error;
    QVERIFY2(m_templates.load(u":/templates"_s, &error), qPrintable(error));
    QVERIFY2(m_messages.load(u":/i18n"_s, &error), qPrintable(error));
}

void tst_MailOutbox::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = openMigrated(m_dir->filePath(u"dimos.sqlite"_s));
    QVERIFY(m_db);
    m_clock = std::make_unique<ManualClock>(kNow);
    m_outbox = std::make_unique<MailOutbox>(*m_db, m_templates, m_messages,
        MailCommonValues{
            u"Δήμος Σερρών"_s, u"Municipality of Serres"_s, u"https://dimos.serres.gr"_s, u"info@serres.gr"_s},
        *m_clock);
}

void tst_MailOutbox::cleanup()
{
    m_outbox.reset();
    m_db.reset();
    m_dir.reset();
}

void tst_MailOutbox::addresses_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("normalised"); // empty: refused
    QTest::addColumn<QString>("reason"); // part of the refusal

    QTest::newRow("plain") << u"maria@example.gr"_s << u"maria@example.gr"_s << QString();
    QTest::newRow("spaces around") << u"  maria@example.gr "_s << u"maria@example.gr"_s << QString();
    QTest::newRow("domain case folded, local part kept")
        << u"Maria.P@Example.GR"_s << u"Maria.P@example.gr"_s << QString();
    QTest::newRow("plus and subdomain") << u"m+dimos@mail.serres.gov.gr"_s << u"m+dimos@mail.serres.gov.gr"_s
                                        << QString();
    // IDNA 2008, as Python's idna package also writes it (the final sigma kept).
    QTest::newRow("greek domain in IDNA form") << u"info@δήμος.gr"_s << u"info@xn--jxalzmp.gr"_s << QString();
    QTest::newRow("empty") << u""_s << QString() << u"empty"_s;
    QTest::newRow("no at") << u"maria.example.gr"_s << QString() << u"no @"_s;
    QTest::newRow("nothing before at") << u"@example.gr"_s << QString() << u"nothing before"_s;
    QTest::newRow("nothing after at") << u"maria@"_s << QString() << u"nothing after"_s;
    QTest::newRow("greek local part") << u"μαρία@example.gr"_s << QString() << u"Latin letters"_s;
    QTest::newRow("space inside") << u"maria p@example.gr"_s << QString() << u"Latin letters"_s;
    QTest::newRow("two dots") << u"maria..p@example.gr"_s << QString() << u"two dots"_s;
    QTest::newRow("leading dot") << u".maria@example.gr"_s << QString() << u"starts or ends with a dot"_s;
    QTest::newRow("no dot in domain") << u"maria@localhost"_s << QString() << u"domain name"_s;
    QTest::newRow("numeric top level") << u"maria@10.0.0.1"_s << QString() << u"domain name"_s;
    QTest::newRow("ip literal") << u"maria@[10.0.0.1]"_s << QString() << u"IP address"_s;
    QTest::newRow("underscore in domain") << u"maria@ex_ample.gr"_s << QString() << u"domain name"_s;
    QTest::newRow("header injection") << u"maria@example.gr\r\nBcc: all@example.gr"_s << QString() << u"valid"_s;
    QTest::newRow("smtp injection") << u"maria@example.gr>\r\nRCPT TO:<x@y.gr"_s << QString() << u"valid"_s;
    QTest::newRow("angle brackets") << u"<maria@example.gr>"_s << QString() << u"Latin letters"_s;
    QTest::newRow("local part too long") << QString(65, u'a') + u"@example.gr"_s << QString() << u"64"_s;
    QTest::newRow("too long") << u"a@"_s + QString(250, u'b') + u".gr"_s << QString() << u"254"_s;
}

void tst_MailOutbox::addresses()
{
    QFETCH(QString, input);
    QFETCH(QString, normalised);
    QFETCH(QString, reason);
    QString why;
    const auto out = MailAddress::normalise(input, &why);
    if (normalised.isEmpty()) {
        QVERIFY2(!out, qPrintable(out.value_or(QString())));
        QVERIFY2(why.contains(reason), qPrintable(why));
    } else {
        QVERIFY2(out, qPrintable(why));
        QCOMPARE(*out, normalised);
    }
}

void tst_MailOutbox::mailboxes_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("address"); // empty: refused

    QTest::newRow("address") << u"noreply@serres.gr"_s << QString() << u"noreply@serres.gr"_s;
    QTest::newRow("greek name") << u"Δήμος Σερρών <noreply@Serres.gr>"_s << u"Δήμος Σερρών"_s << u"noreply@serres.gr"_s;
    QTest::newRow("quoted name") << u"\"Serres, \\\"Dimos\\\"\" <noreply@serres.gr>"_s << u"Serres, \"Dimos\""_s
                                 << u"noreply@serres.gr"_s;
    QTest::newRow("line break") << u"Δήμος\r\nBcc: x@y.gr <noreply@serres.gr>"_s << QString() << QString();
    QTest::newRow("no opening bracket") << u"Δήμος noreply@serres.gr>"_s << QString() << QString();
    QTest::newRow("bad address") << u"Δήμος <noreply>"_s << QString() << QString();
}

void tst_MailOutbox::mailboxes()
{
    QFETCH(QString, input);
    QFETCH(QString, name);
    QFETCH(QString, address);
    QString why;
    const auto m = MailAddress::parseMailbox(input, &why);
    if (address.isEmpty()) {
        QVERIFY(!m);
        QVERIFY(!why.isEmpty());
        return;
    }
    QVERIFY2(m, qPrintable(why));
    QCOMPARE(m->name, name);
    QCOMPARE(m->address, address);
}

void tst_MailOutbox::quotedPrintableKeepsLinesShortAndSafe()
{
    const QString text = u"Γεια σας, a=b \n.dot line\nend with space \n"_s + QString(200, u'x') + u"\n"_s
        + QString(100, u'Ω') + u"\n"_s;
    const QByteArray qp = MimeMessage::quotedPrintable(text);
    for (const QByteArray &line : qp.split('\n')) {
        QVERIFY2(line.size() <= 77, line.constData()); // 76 and the \r
        for (char c : line)
            QVERIFY(uchar(c) < 128);
        QVERIFY2(!line.startsWith('.'), line.constData()); // never SMTP's end of data
    }
    QVERIFY(qp.contains("a=3Db"));
    QVERIFY(qp.contains("end with space=20\r\n"));
    QVERIFY(qp.contains("\r\n=2Edot line"));
    QVERIFY(!qp.contains("\n\n") && !qp.contains("\r\r"));
    QVERIFY(qp.endsWith("\r\n"));
    // Decoding it gives the text back (soft breaks removed, CRLF → LF).
    QByteArray decoded = qp;
    decoded.replace("=\r\n", "").replace("\r\n", "\n");
    static const QRegularExpression escape(u"=([0-9A-F]{2})"_s);
    QByteArray out;
    for (qsizetype i = 0; i < decoded.size(); ++i) {
        if (decoded.at(i) == '=') {
            out += char(decoded.mid(i + 1, 2).toInt(nullptr, 16));
            i += 2;
        } else {
            out += decoded.at(i);
        }
    }
    QCOMPARE(QString::fromUtf8(out), text);
}

void tst_MailOutbox::headerWordsAreShortAndWhole()
{
    const QString subject = u"Επιβεβαιώστε την αναφορά σας #42 — Δήμος Σερρών, Τμήμα Καθαριότητας και Ανακύκλωσης"_s;
    const QByteArray encoded = MimeMessage::encodeHeaderText(subject, 9);
    QByteArray joined;
    const QList<QByteArray> lines = encoded.split('\n');
    QVERIFY(lines.size() > 1);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray word = lines.at(i).trimmed();
        QVERIFY2(word.size() <= 75, word.constData());
        QVERIFY2((i == 0 ? 9 : 1) + lines.at(i).size() <= 79, lines.at(i).constData());
        const QByteArray bytes = decodeWord(word);
        // Every word decodes on its own: no character is cut in two.
        QVERIFY2(QString::fromUtf8(bytes).toUtf8() == bytes, bytes.constData());
        joined += bytes;
    }
    QCOMPARE(QString::fromUtf8(joined), subject);
    // Short ASCII stays as it is; ASCII that looks like an encoded word does not.
    QCOMPARE(MimeMessage::encodeHeaderText(u"Report #42"_s, 9), "Report #42"_ba);
    QVERIFY(MimeMessage::encodeHeaderText(u"=?UTF-8?B?x?="_s, 9).startsWith("=?UTF-8?B?PT9"));
}

void tst_MailOutbox::dateIsRfc5322()
{
    QCOMPARE(MimeMessage::rfc5322Date(kNow), "Thu, 01 Jan 2026 00:00:00 +0000"_ba);
    QCOMPARE(MimeMessage::rfc5322Date(1'751'364'245'000), "Tue, 01 Jul 2025 10:04:05 +0000"_ba);
}

void tst_MailOutbox::fieldsCannotAddHeaders()
{
    MimeMessage m;
    m.from = {u"Δήμος\r\nBcc: a@evil.example"_s, u"noreply@serres.gr"_s};
    m.to = u"maria@example.gr"_s;
    m.subject = u"Hi\r\nBcc: b@evil.example\nX-Evil: 1"_s;
    m.text = u"body\r\n\r\nBcc: c@evil.example\n"_s;
    m.html = u"<p>x</p>"_s;
    m.language = u"el"_s;
    m.listUnsubscribe = u"https://dimos.serres.gr/u?t=1>\r\nBcc: d@evil.example"_s;
    m.dateMs = kNow;
    m.messageId = u"dimos.1.2@serres.gr"_s;
    const QByteArray bytes = m.toBytes();
    const auto headers = headersOf(bytes);
    QVERIFY(!headers.contains("Bcc"));
    QVERIFY(!headers.contains("X-Evil"));
    QCOMPARE(headers.values("Subject").size(), 1);
    QCOMPARE(headers.value("To"), "maria@example.gr"_ba);
    const QByteArray head = bytes.left(bytes.indexOf("\r\n\r\n"));
    // (The words may appear inside the Subject's value; no header line starts with them.)
    QVERIFY(!head.contains("\nBcc") && !head.contains("\nX-Evil") && !head.contains("\n Bcc"));
    QCOMPARE(headers.value("Subject"), "Hi Bcc: b@evil.example X-Evil: 1"_ba);
    // The body's "Bcc:" line stays in the body.
    QVERIFY(bytes.mid(head.size()).contains("\r\nBcc: c@evil.example\r\n"));
    // Every line ends in CRLF.
    QVERIFY(!bytes.contains("\n") || bytes.count("\n") == bytes.count("\r\n"));
}

void tst_MailOutbox::listUnsubscribeOnlyWithAUrl()
{
    MimeMessage m;
    m.from = {QString(), u"noreply@serres.gr"_s};
    m.to = u"maria@example.gr"_s;
    m.subject = u"x"_s;
    m.dateMs = kNow;
    m.messageId = u"id@serres.gr"_s;
    QVERIFY(!headersOf(m.toBytes()).contains("List-Unsubscribe"));
    m.listUnsubscribe = u"https://dimos.serres.gr/unsubscribe?token=a1"_s;
    const auto headers = headersOf(m.toBytes());
    QCOMPARE(headers.value("List-Unsubscribe"), "<https://dimos.serres.gr/unsubscribe?token=a1>"_ba);
    QCOMPARE(headers.value("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click"_ba);
}

void tst_MailOutbox::plainTextTemplatesAreNotEscaped()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(u"mail/partials"_s));
    auto write = [&](const QString &name, const QByteArray &text) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    };
    write(u"mail/x.txt.mustache"_s, "[{{v}}] [{{{v}}}] {{> mail/partials/p.txt}}");
    write(u"mail/partials/p.txt.mustache"_s, "({{v}})");
    Templates t;
    QString error;
    QVERIFY2(t.load(dir.path(), &error), qPrintable(error));
    const QJsonObject values{{u"v"_s, u"<a> & \"b\""_s}};
    QCOMPARE(t.render(u"mail/x.txt"_s, values, Templates::Escape::PlainText),
        u"[<a> & \"b\"] [<a> & \"b\"] (<a> & \"b\")"_s);
    // The default is still HTML, partials included.
    QCOMPARE(t.render(u"mail/x.txt"_s, values),
        u"[&lt;a&gt; &amp; &quot;b&quot;] [<a> & \"b\"] (&lt;a&gt; &amp; &quot;b&quot;)"_s);
}

void tst_MailOutbox::confirmMailRendersInGreekAndEnglish()
{
    const qint64 id = m_outbox->enqueue(confirmMail(u"el"_s));
    QVERIFY(id > 0);
    QSqlQuery q = m_db->run(u"SELECT created_ms, recipient, language, template, subject, text_body, html_body, "
                            u"list_unsubscribe, status, attempts, next_attempt_ms, last_error, sent_ms "
                            u"FROM mail_outbox WHERE id = ?"_s,
        {id});
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), kNow);
    QCOMPARE(q.value(1).toString(), u"polites@example.gr"_s);
    QCOMPARE(q.value(2).toString(), u"el"_s);
    QCOMPARE(q.value(3).toString(), u"report_confirm"_s);
    QCOMPARE(q.value(4).toString(), u"Επιβεβαιώστε την αναφορά σας #42"_s);
    const QString text = q.value(5).toString();
    const QString html = q.value(6).toString();
    QCOMPARE(q.value(7).toString(), QString());
    QCOMPARE(q.value(8).toString(), u"pending"_s);
    QCOMPARE(q.value(9).toInt(), 0);
    QCOMPARE(q.value(10).toLongLong(), kNow);
    QCOMPARE(q.value(11).toString(), QString());
    QVERIFY(q.value(12).isNull());
    q.finish();

    // The text part: the citizen's words as typed, the links whole, the Greek texts.
    QVERIFY2(text.contains(u"Θέμα: "_s + kTricky + u'\n'), qPrintable(text));
    QVERIFY2(text.contains(u"\nhttps://dimos.serres.gr/reports/42/confirm?token=abc&lang=el\n"_s), qPrintable(text));
    QVERIFY(text.contains(u"Κατηγορία: Οδοστρωσία"_s));
    QVERIFY(text.contains(u"Αναφορά: #42"_s));
    QVERIFY(text.contains(u"Δήμος Σερρών\nhttps://dimos.serres.gr\n"_s));
    QVERIFY(text.contains(m_messages.text(u"el", u"mail.report_confirm.received"_s)));
    QVERIFY(!text.contains(u"&amp;"_s) && !text.contains(u"&lt;"_s) && !text.contains(u"&quot;"_s));
    QVERIFY(!text.contains(u"\n\n\n"_s));
    QVERIFY(text.endsWith(u"info@serres.gr\n"_s));

    // The HTML part: the same words escaped, the link as an attribute.
    QVERIFY2(html.contains(u"&lt;b&gt;Λακκούβα&lt;/b&gt; &amp; &quot;μεγάλη&quot; &apos;βαθιά&apos; &gt; 1m"_s),
        qPrintable(html));
    QVERIFY(!html.contains(kTricky));
    QVERIFY(!html.contains(u"<b>Λακκούβα"_s));
    QVERIFY(html.contains(u"href=\"https://dimos.serres.gr/reports/42/confirm?token=abc&amp;lang=el\""_s));
    QVERIFY(html.contains(u"<html lang=\"el\">"_s));
    QVERIFY(html.contains(u"<title>Επιβεβαιώστε την αναφορά σας #42</title>"_s));

    // English: English texts, English municipality name, the same values.
    const MailOutbox::Rendered en = m_outbox->render(confirmMail(u"en-GB"_s));
    QCOMPARE(en.subject, u"Confirm your report #42"_s);
    QVERIFY(en.text.contains(u"Title: "_s + kTricky));
    QVERIFY(en.text.contains(u"Municipality of Serres\n"_s));
    QVERIFY(en.html.contains(u"<html lang=\"en\">"_s));
    QVERIFY(en.html.contains(u">Confirm the report</a>"_s));
    QVERIFY(!en.text.contains(u"Επιβεβαιώστε"_s));
}

void tst_MailOutbox::confirmMailHtmlIsSelfContained()
{
    for (const QString &lang : MessageCatalog::languages()) {
        const QString html = m_outbox->render(confirmMail(lang)).html;
        // No external images, style sheets or scripts; styles inline only.
        QVERIFY(!html.contains(u"<img"_s, Qt::CaseInsensitive));
        QVERIFY(!html.contains(u"<link"_s, Qt::CaseInsensitive));
        QVERIFY(!html.contains(u"<script"_s, Qt::CaseInsensitive));
        QVERIFY(!html.contains(u"<style"_s, Qt::CaseInsensitive));
        QVERIFY(!html.contains(u"src="_s, Qt::CaseInsensitive));
        QVERIFY(!html.contains(u"url("_s, Qt::CaseInsensitive));
        // Every link has visible text, not a bare icon.
        static const QRegularExpression link(u"<a [^>]*>([^<]*)</a>"_s);
        auto it = link.globalMatch(html);
        int links = 0;
        while (it.hasNext()) {
            QVERIFY(!it.next().captured(1).trimmed().isEmpty());
            ++links;
        }
        QVERIFY(links >= 3);
        QVERIFY(html.contains(m_messages.text(lang, u"mail.report_confirm.confirm_button"_s) + u"</a>"_s));
        QVERIFY(html.contains(u"<meta charset=\"utf-8\">"_s));
    }
}

void tst_MailOutbox::everyMailTemplateHasThreeParts()
{
    QStringList mails;
    for (const QString &name : m_templates.names()) {
        if (!name.startsWith(u"mail/"_s) || name.startsWith(u"mail/partials/"_s))
            continue;
        const QString base = name.section(u'.', 0, 0);
        for (const QString &suffix : {u".subject"_s, u".txt"_s, u".html"_s})
            QVERIFY2(m_templates.has(base + suffix), qPrintable(base + suffix + u" is missing"_s));
        QVERIFY2(name.endsWith(u".subject"_s) || name.endsWith(u".txt"_s) || name.endsWith(u".html"_s),
            qPrintable(name + u": a mail template is .subject, .txt or .html"_s));
        mails.append(base);
    }
    QVERIFY(mails.contains(u"mail/report_confirm"_s));
}

void tst_MailOutbox::mailExistsExactlyWhenTheTransactionCommits()
{
    int woken = 0;
    m_outbox->setQueuedListener([&] { ++woken; });

    // The change fails after the mail was queued: no mail, no wake.
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, m_db->transaction([&] {
        m_outbox->enqueue(confirmMail());
        QCOMPARE(woken, 0);
        throw std::runtime_error("the report could not be saved");
    }));
    QCOMPARE(count(*m_db), 0);
    QCOMPARE(woken, 0);

    // The change commits: one mail, and the worker hears of it after the commit.
    qint64 id = 0;
    m_db->transaction([&] {
        id = m_outbox->enqueue(confirmMail());
        QCOMPARE(woken, 0);
        QCOMPARE(count(*m_db), 1); // visible inside the transaction
    });
    QCOMPARE(count(*m_db, u"status = 'pending'"_s), 1);
    QCOMPARE(m_outbox->pendingCount(), 1);
    QCOMPARE(woken, 1);
    QVERIFY(id > 0);

    // Outside a transaction it is written and announced at once.
    m_outbox->enqueue(confirmMail(u"en"_s));
    QCOMPARE(count(*m_db), 2);
    QCOMPARE(woken, 2);
}

void tst_MailOutbox::badRecipientIsRefusedAndNothingIsWritten()
{
    OutgoingMail mail = confirmMail();
    mail.recipient = u"polites@example.gr\r\nBcc: everyone@example.gr"_s;
    try {
        m_db->transaction([&] { m_outbox->enqueue(mail); });
        QFAIL("accepted");
    } catch (const ApiError &e) {
        QCOMPARE(e.kind, ApiError::Kind::Validation);
        QVERIFY2(e.message.contains(u"is not a valid e-mail address"_s), qPrintable(e.message));
        QCOMPARE(e.details.value(u"field"_s).toString(), u"email"_s);
    }
    mail.recipient = u"no-at-sign.example.gr"_s;
    QVERIFY_THROWS_EXCEPTION(ApiError, m_outbox->enqueue(mail));
    QCOMPARE(count(*m_db), 0);
}

void tst_MailOutbox::badCallsAreRefused()
{
    OutgoingMail mail = confirmMail();
    mail.templateName = u"no_such_mail"_s;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m_outbox->enqueue(mail));
    mail.templateName = u"partials/footer"_s; // a piece, not a mail
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m_outbox->enqueue(mail));
    mail = confirmMail();
    mail.unsubscribeUrl = u"javascript:alert(1)"_s;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m_outbox->enqueue(mail));
    mail.unsubscribeUrl = u"https://dimos.serres.gr/u?t=<x>"_s;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m_outbox->enqueue(mail));
    mail = confirmMail();
    mail.values.insert(u"t"_s, u"not the catalogue"_s);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m_outbox->enqueue(mail));
    QCOMPARE(count(*m_db), 0);

    mail = confirmMail();
    mail.unsubscribeUrl = u"https://dimos.serres.gr/unsubscribe?token=a1"_s;
    const qint64 id = m_outbox->enqueue(mail);
    QSqlQuery q = m_db->run(u"SELECT list_unsubscribe FROM mail_outbox WHERE id = ?"_s, {id});
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), mail.unsubscribeUrl);
}

void tst_MailOutbox::version3DatabaseGainsTheOutbox()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"dimos.sqlite"_s);
    QString error;
    QVERIFY2(loadDump(QStringLiteral(DIMOS_TEST_DATA "/schema-v3.sql"), path, &error), qPrintable(error));
    DatabaseOptions options;
    options.sqlitePath = path;
    auto db = Database::open(options, &error);
    QVERIFY2(db, qPrintable(error));
    Migrator m(*db);
    QCOMPARE(m.currentVersion(), 3);
    QStringList applied;
    QVERIFY2(m.migrate(&error, &applied), qPrintable(error));
    QVERIFY2(applied.contains(u"0006_mail_outbox"_s), qPrintable(applied.join(u", "_s)));
    QCOMPARE(m.currentVersion(), m.latestVersion());

    QStringList columns;
    QSqlQuery info = db->run(u"PRAGMA table_info(mail_outbox)"_s);
    while (info.next())
        columns.append(info.value(1).toString());
    info.finish();
    QCOMPARE(columns,
        QStringList({u"id"_s, u"created_ms"_s, u"recipient"_s, u"language"_s, u"template"_s, u"subject"_s,
            u"text_body"_s, u"html_body"_s, u"list_unsubscribe"_s, u"status"_s, u"attempts"_s, u"next_attempt_ms"_s,
            u"last_error"_s, u"sent_ms"_s}));
    // The worker's pick is answered from the index.
    QSqlQuery plan = db->run(u"EXPLAIN QUERY PLAN SELECT id FROM mail_outbox WHERE status = 'pending' AND "
                             u"next_attempt_ms <= 5 ORDER BY next_attempt_ms, id LIMIT 1"_s);
    QString steps;
    while (plan.next())
        steps += plan.value(3).toString() + u'\n';
    plan.finish();
    QVERIFY2(steps.contains(u"mail_outbox_due"_s), qPrintable(steps));
    // A status the worker does not know is refused by the table itself.
    QVERIFY_THROWS_EXCEPTION(std::exception,
        db->run(u"INSERT INTO mail_outbox (created_ms, recipient, language, template, subject, text_body, "
                u"html_body, status, next_attempt_ms) VALUES (1, 'a@b.gr', 'el', 'x', 's', 't', 'h', 'lost', 1)"_s));

    // The version-3 rows are intact, and the outbox takes a mail beside them.
    QCOMPARE(ReportRepository(*db).count(), 3);
    ManualClock clock(kNow);
    MailOutbox outbox(
        *db, m_templates, m_messages, MailCommonValues{u"Δ"_s, u"M"_s, u"https://x.gr"_s, u"i@x.gr"_s}, clock);
    QVERIFY(outbox.enqueue(confirmMail()) > 0);
    QCOMPARE(count(*db), 1);
}

QTEST_GUILESS_MAIN(tst_MailOutbox)
#include "tst_MailOutbox.moc"
