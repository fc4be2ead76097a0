// The protocol register (server/storage/ProtocolRepository, migration 0008): numbers per book
// and Greek calendar year, sequential, unique and gap-free with several connections writing at
// once, given back when a registration fails; entries never deleted or renumbered; search; CSV
// export and import to sit beside another protocol system.
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

#include "server/storage/Database.h"
#include "server/storage/Migrator.h"
#include "server/storage/ProtocolRepository.h"
#include "server/storage/StorageError.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

std::unique_ptr<Database> openDb(const QString &path, bool migrate)
{
    DatabaseOptions options;
    options.sqlitePath = path;
    options.busyTimeoutMs = 30'000;
    QString error;
    auto db = Database::open(options, &error);
    if (!db) {
        qWarning() << error;
        return nullptr;
    }
    if (migrate && !Migrator(*db).migrate(&error)) {
        qWarning() << error;
        return nullptr;
    }
    return db;
}

qint64 at(const char *iso)
{
    return *parseIsoDateTime(QString::fromLatin1(iso));
}

ProtocolEntry incoming(const QString &subject, const QString &book = u"general"_s)
{
    ProtocolEntry e;
    e.bookCode = book;
    e.direction = u"in"_s;
    e.correspondent = u"Παπαδοπούλου Μαρία"_s;
    e.subject = subject;
    e.registeredBy = u"test"_s;
    return e;
}

} // namespace

class tst_ProtocolRegister : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void numbersRunPerBookAndGreekYear();
    void concurrentWritersGetGapFreeNumbers();
    void failedRegistrationGivesItsNumberBack();
    void entriesAreNeverDeletedOrRenumbered();
    void search();
    void csvRoundTripAndNumbersFollowOn();
    void importIsAllOrNothing();
    void badCsvSaysRowAndWhat_data();
    void badCsvSaysRowAndWhat();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    QString path() const { return m_dir->filePath(u"dimos.sqlite"_s); }
};

void tst_ProtocolRegister::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = openDb(path(), true);
    QVERIFY(m_db);
}

void tst_ProtocolRegister::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void tst_ProtocolRegister::numbersRunPerBookAndGreekYear()
{
    ProtocolRepository reg(*m_db);
    const qint64 may = at("2021-05-19T07:15:00Z");
    QCOMPARE(reg.registerEntry(incoming(u"α"_s), may).number, 1);
    QCOMPARE(reg.registerEntry(incoming(u"β"_s), may + 1000).number, 2);
    const ProtocolEntry third = reg.registerEntry(incoming(u"γ"_s), may + 2000);
    QCOMPARE(third.number, 3);
    QCOMPARE(third.displayNumber(), u"3/19-05-2021"_s);
    QCOMPARE(reg.registerEntry(incoming(u"δ"_s, u"confidential"_s), may).number, 1); // its own book

    // 23:59:59 on 31 December in Greece is still 2021; a second later numbering starts again.
    const ProtocolEntry lastOfYear = reg.registerEntry(incoming(u"ε"_s), at("2021-12-31T21:59:59Z"));
    QCOMPARE(lastOfYear.year, 2021);
    QCOMPARE(lastOfYear.number, 4);
    QCOMPARE(lastOfYear.displayNumber(), u"4/31-12-2021"_s);
    const ProtocolEntry firstOfYear = reg.registerEntry(incoming(u"στ"_s), at("2021-12-31T22:00:00Z"));
    QCOMPARE(firstOfYear.year, 2022);
    QCOMPARE(firstOfYear.number, 1);
    QCOMPARE(firstOfYear.displayNumber(), u"1/01-01-2022"_s);

    const std::optional<ProtocolEntry> found = reg.findByNumber(u"general"_s, 2021, 3);
    QVERIFY(found);
    QCOMPARE(found->subject, u"γ"_s);
    QCOMPARE(found->registeredMs, may + 2000);
    QVERIFY_THROWS_EXCEPTION(StorageError, reg.registerEntry(incoming(u"x"_s, u"nonexistent"_s), may));
}

void tst_ProtocolRegister::concurrentWritersGetGapFreeNumbers()
{
    constexpr int kWriters = 4;
    constexpr int kEach = 40;
    const qint64 now = at("2026-03-02T09:00:00Z");
    std::vector<std::thread> writers;
    std::atomic<int> failures = 0;
    for (int w = 0; w < kWriters; ++w) {
        writers.emplace_back([&, w] {
            // Its own connection, as another thread or process of dimosd would have.
            std::unique_ptr<Database> db = openDb(path(), false);
            if (!db) {
                ++failures;
                return;
            }
            ProtocolRepository reg(*db);
            for (int i = 0; i < kEach; ++i) {
                try {
                    reg.registerEntry(incoming(u"writer %1 entry %2"_s.arg(w).arg(i)), now + i);
                } catch (const std::exception &e) {
                    qWarning() << e.what();
                    ++failures;
                }
            }
        });
    }
    for (std::thread &t : writers)
        t.join();
    QCOMPARE(failures.load(), 0);
    QSqlQuery q = m_db->run(u"SELECT number FROM protocol_entries ORDER BY number"_s);
    QList<qint64> numbers;
    while (q.next())
        numbers.append(q.value(0).toLongLong());
    QCOMPARE(numbers.size(), kWriters * kEach);
    for (int i = 0; i < numbers.size(); ++i)
        QCOMPARE(numbers.at(i), i + 1); // 1…160: none twice, none missing
}

void tst_ProtocolRegister::failedRegistrationGivesItsNumberBack()
{
    ProtocolRepository reg(*m_db);
    const qint64 now = at("2026-03-02T09:00:00Z");
    QCOMPARE(reg.registerEntry(incoming(u"α"_s), now).number, 1);
    ProtocolEntry broken = incoming(u"β"_s);
    broken.relatedEntryIds = {9999}; // no such entry: the registration fails after taking its number
    QVERIFY_THROWS_EXCEPTION(StorageError, reg.registerEntry(broken, now));
    // The caller's transaction fails after the registration: its number goes back too.
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, m_db->transaction([&] {
        reg.registerEntry(incoming(u"γ"_s), now);
        throw std::runtime_error("the request's own step failed");
    }));
    const ProtocolEntry next = reg.registerEntry(incoming(u"δ"_s), now);
    QCOMPARE(next.number, 2);
    QCOMPARE(reg.count(ProtocolQuery{}), 2);
}

void tst_ProtocolRegister::entriesAreNeverDeletedOrRenumbered()
{
    ProtocolRepository reg(*m_db);
    ProtocolEntry e = incoming(u"α"_s);
    e.attachments.append(ProtocolAttachment{u"αίτηση.pdf"_s, u"application/pdf"_s, 1234, QString(64, u'a')});
    const ProtocolEntry saved = reg.registerEntry(e, at("2026-03-02T09:00:00Z"));
    QVERIFY_THROWS_EXCEPTION(StorageError, m_db->run(u"DELETE FROM protocol_entries WHERE id = ?"_s, {saved.id}));
    QVERIFY_THROWS_EXCEPTION(
        StorageError, m_db->run(u"UPDATE protocol_entries SET number = 7 WHERE id = ?"_s, {saved.id}));
    QVERIFY_THROWS_EXCEPTION(
        StorageError, m_db->run(u"UPDATE protocol_entries SET registered_ms = 0 WHERE id = ?"_s, {saved.id}));
    QVERIFY_THROWS_EXCEPTION(StorageError, m_db->run(u"DELETE FROM protocol_attachments"_s));
    // Its assignment may change (the unit it is charged to).
    m_db->run(u"UPDATE protocol_entries SET classification = 'Φ.12' WHERE id = ?"_s, {saved.id});
    const std::optional<ProtocolEntry> back = reg.find(saved.id);
    QVERIFY(back);
    QCOMPARE(back->number, 1);
    QCOMPARE(back->classification, u"Φ.12"_s);
    QCOMPARE(back->attachments.size(), 1);
    QCOMPARE(back->attachments.first().fileName, u"αίτηση.pdf"_s);
}

void tst_ProtocolRegister::search()
{
    ProtocolRepository reg(*m_db);
    m_db->run(u"INSERT INTO departments (code, name_el, name_en, created_ms, updated_ms) "
              "VALUES ('registry', 'Δημοτολόγιο', 'Registry', 0, 0)"_s);
    QSqlQuery dq = m_db->run(u"SELECT id FROM departments WHERE code = 'registry'"_s);
    QVERIFY(dq.next());
    const qint64 registry = dq.value(0).toLongLong();
    ProtocolEntry a = incoming(u"Πιστοποιητικό οικογενειακής κατάστασης"_s);
    a.departmentId = registry;
    const ProtocolEntry first = reg.registerEntry(a, at("2026-03-02T09:00:00Z"));
    ProtocolEntry b = incoming(u"Βεβαίωση μόνιμης κατοικίας"_s);
    b.direction = u"out"_s;
    b.correspondent = u"ΚΑΡΑΓΙΑΝΝΗΣ ΓΙΩΡΓΟΣ"_s;
    reg.registerEntry(b, at("2026-03-05T09:00:00Z"));
    reg.registerEntry(
        incoming(u"Εμπιστευτικό θέμα οικογενειακής φύσης"_s, u"confidential"_s), at("2026-03-06T09:00:00Z"));

    const auto subjects = [&](ProtocolQuery q) {
        QStringList out;
        for (const ProtocolEntry &e : reg.search(q))
            out.append(e.subject.left(12));
        return out;
    };
    ProtocolQuery q;
    q.text = u"ΟΙΚΟΓΕΝΕΙΑΚΗΣ"_s; // case and accents ignored; the confidential one stays hidden
    QCOMPARE(subjects(q), QStringList{u"Πιστοποιητικ"_s});
    q.includeConfidential = true;
    QCOMPARE(subjects(q).size(), 2);
    q = {};
    q.text = u"καραγιαννης"_s; // the correspondent is searched too
    QCOMPARE(subjects(q), QStringList{u"Βεβαίωση μόν"_s});
    q = {};
    q.direction = u"out"_s;
    QCOMPARE(reg.count(q), 1);
    q = {};
    q.departmentId = registry;
    QCOMPARE(reg.search(q).first().id, first.id);
    q = {};
    q.fromMs = at("2026-03-03T00:00:00Z");
    q.toMs = at("2026-03-06T00:00:00Z");
    QCOMPARE(subjects(q), QStringList{u"Βεβαίωση μόν"_s});
    q = {};
    q.year = 2026;
    q.number = 1;
    q.bookCode = u"general"_s;
    QCOMPARE(reg.search(q).size(), 1);
    q = {};
    q.text = u"100%_"_s; // LIKE's wildcards are taken literally
    QCOMPARE(reg.count(q), 0);
}

void tst_ProtocolRegister::csvRoundTripAndNumbersFollowOn()
{
    ProtocolRepository reg(*m_db);
    ProtocolEntry a = incoming(u"Αίτηση, με κόμμα και \"εισαγωγικά\"\nσε δύο γραμμές"_s);
    a.senderReference = u"Α.Π. 55/2026"_s;
    a.senderReferenceDate = u"2026-02-27"_s;
    a.relatedTexts = {u"σχετ. 12/2025 ΔΕΥΑΣ"_s};
    reg.registerEntry(a, at("2026-03-02T09:00:00Z"));
    ProtocolEntry b = incoming(u"Απάντηση"_s);
    b.direction = u"out"_s;
    reg.registerEntry(b, at("2026-03-02T10:00:00Z"));
    QByteArray csvText = ProtocolRepository::csvHeader();
    for (const ProtocolEntry &e : reg.search(ProtocolQuery{}))
        csvText += ProtocolRepository::csvRow(e, {});

    // Into another municipality's database, as from its old system.
    QTemporaryDir other;
    auto db2 = openDb(other.filePath(u"other.sqlite"_s), true);
    QVERIFY(db2);
    ProtocolRepository reg2(*db2);
    QString error;
    const auto parsed = ProtocolRepository::parseCsv(csvText, u"general"_s, {}, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(reg2.importEntries(*parsed), 2);
    const std::optional<ProtocolEntry> back = reg2.findByNumber(u"general"_s, 2026, 1);
    QVERIFY(back);
    QCOMPARE(back->subject, a.subject);
    QCOMPARE(back->senderReference, a.senderReference);
    QCOMPARE(back->senderReferenceDate, a.senderReferenceDate);
    QCOMPARE(back->relatedTexts, a.relatedTexts);
    QCOMPARE(back->registeredMs, at("2026-03-02T09:00:00Z"));
    QVERIFY(back->imported);
    QCOMPARE(back->displayNumber(), u"1/02-03-2026"_s);
    // Numbers given here follow the imported ones.
    QCOMPARE(reg2.registerEntry(incoming(u"νέα"_s), at("2026-03-03T09:00:00Z")).number, 3);
}

void tst_ProtocolRegister::importIsAllOrNothing()
{
    ProtocolRepository reg(*m_db);
    reg.registerEntry(incoming(u"α"_s), at("2026-03-02T09:00:00Z")); // takes 1/2026
    const QByteArray csvText = "number,registered_at,direction,correspondent,subject\r\n"
                               "5,2026-01-10T10:00:00+02:00,ΕΙΣ,ΔΕΥΑ Σερρών,Έγγραφο πέντε\r\n"
                               "1,2026-01-09T10:00:00+02:00,ΕΞ,Περιφέρεια,Έγγραφο ένα\r\n";
    QString error;
    const auto parsed = ProtocolRepository::parseCsv(csvText, u"general"_s, {}, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->at(0).direction, u"in"_s); // Greek direction marks are read
    QCOMPARE(parsed->at(1).direction, u"out"_s);
    try {
        reg.importEntries(*parsed);
        QFAIL("a taken number was imported");
    } catch (const StorageError &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(u"1/09-01-2026"_s), e.what());
    }
    QCOMPARE(reg.count(ProtocolQuery{}), 1); // number 5 was not kept either
    QCOMPARE(reg.registerEntry(incoming(u"β"_s), at("2026-03-02T09:00:00Z")).number, 2);
}

void tst_ProtocolRegister::badCsvSaysRowAndWhat_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("mentions");
    const QByteArray header = "number,registered_at,direction,correspondent,subject,department,sender_reference_date\n";
    QTest::newRow("empty") << QByteArray() << u"empty"_s;
    QTest::newRow("no subject column") << "number,registered_at,direction,correspondent\n"_ba << u"\"subject\""_s;
    QTest::newRow("number not a number") << header + "12a,2026-01-10T10:00:00+02:00,in,Α,Β,,\n"
                                         << u"row 2: number \"12a\""_s;
    QTest::newRow("zero") << header + "0,2026-01-10T10:00:00+02:00,in,Α,Β,,\n" << u"row 2: number"_s;
    QTest::newRow("bad time") << header + "1,10/01/2026,in,Α,Β,,\n" << u"row 2: registered_at"_s;
    QTest::newRow("bad direction") << header + "1,2026-01-10T10:00:00+02:00,sideways,Α,Β,,\n" << u"direction"_s;
    QTest::newRow("empty subject") << header + "1,2026-01-10T10:00:00+02:00,in,Α,,,\n" << u"subject is empty"_s;
    QTest::newRow("unknown department") << header + "1,2026-01-10T10:00:00+02:00,in,Α,Β,nowhere,\n" << u"\"nowhere\""_s;
    QTest::newRow("bad reference date") << header + "1,2026-01-10T10:00:00+02:00,in,Α,Β,,31/02/2026\n"
                                        << u"sender_reference_date"_s;
    QTest::newRow("twice") << header + "1,2026-01-10T10:00:00+02:00,in,Α,Β,,\n1,2026-02-10T10:00:00+02:00,in,Α,Γ,,\n"
                           << u"row 3: number 1/10-02-2026 appears twice"_s;
    QTest::newRow("broken quotes") << header + "1,\"2026-01-10,in\n" << u"double quotes"_s;
}

void tst_ProtocolRegister::badCsvSaysRowAndWhat()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, mentions);
    QString error;
    QVERIFY(!ProtocolRepository::parseCsv(data, u"general"_s, {}, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_ProtocolRegister)
#include "tst_ProtocolRegister.moc"
