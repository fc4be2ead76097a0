// Schema migrations: a fresh database reaches the latest version; a database from a newer
// dimosd is refused; a failed migration leaves the schema where it was; and a real version-1
// database (tests/data/schema-v1.sql) migrates with its rows intact and usable.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include "server/app/Config.h"
#include "server/app/Server.h"
#include "server/core/AuthService.h"
#include "server/core/ReportService.h"
#include "server/gis/GisLayers.h"
#include "server/http/ApiError.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/Database.h"
#include "server/storage/EventRepository.h"
#include "server/storage/LayerRepository.h"
#include "server/storage/Migrator.h"
#include "server/storage/ReportRepository.h"
#include "server/storage/RoutingRuleRepository.h"
#include "server/storage/StorageError.h"
#include "server/storage/SubscriptionRepository.h"
#include "server/storage/UserRepository.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

constexpr auto kFixturePassword = "fixture-password-1";

std::unique_ptr<Database> openDb(const QString &path)
{
    DatabaseOptions options;
    options.sqlitePath = path;
    QString error;
    auto db = Database::open(options, &error);
    if (!db)
        qWarning("cannot open %s: %s", qPrintable(path), qPrintable(error));
    return db;
}

QStringList tables(Database &db)
{
    QStringList out = db.connection().tables();
    out.sort();
    return out;
}

QStringList columns(Database &db, const QString &table)
{
    QStringList out;
    const QSqlRecord r = db.connection().record(table);
    for (int i = 0; i < r.count(); ++i)
        out.append(r.fieldName(i));
    return out;
}

QVariant scalar(Database &db, const QString &sql)
{
    QSqlQuery q = db.run(sql);
    return q.next() ? q.value(0) : QVariant();
}

// Loads a `sqlite3 .dump` into a new database file through a plain connection of its own,
// as an old dimosd would have left it on disk.
bool loadDump(const QString &dumpPath, const QString &dbPath, QString *error)
{
    QFile f(dumpPath);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return false;
    }
    const QString sql = QString::fromUtf8(f.readAll());
    const QString name = u"fixture-loader"_s;
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(dbPath);
        if (!db.open()) {
            *error = db.lastError().text();
            ok = false;
        }
        for (const QString &statement : Migrator::splitStatements(sql)) {
            if (!ok)
                break;
            QSqlQuery q(db);
            if (!q.exec(statement)) {
                *error = statement.left(80) + u": "_s + q.lastError().text();
                ok = false;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QString fixturePath()
{
    return QStringLiteral(DIMOS_TEST_DATA "/schema-v1.sql");
}

QString fixtureV2Path()
{
    return QStringLiteral(DIMOS_TEST_DATA "/schema-v2.sql");
}

QString fixtureV7Path()
{
    return QStringLiteral(DIMOS_TEST_DATA "/schema-v7-subscriptions.sql");
}

QString fixtureV11Path()
{
    return QStringLiteral(DIMOS_TEST_DATA "/schema-v11-gis.sql");
}

} // namespace

class tst_Migrator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshDatabaseReachesLatest();
    void migrationsAreNumberedWithoutGaps();
    void newerDatabaseIsRefused();
    void newerDatabaseStopsTheServer();
    void failedMigrationRollsBack_data();
    void failedMigrationRollsBack();
    void splitStatements_data();
    void splitStatements();
    void fixtureIsVersion1();
    void version1FixtureMigratesWithRowsIntact();
    void version1FixtureIsUsableThroughTheServer();
    void version2FixtureMigratesToEventLog();
    void version7FixtureKeepsItsSubscriptions();
    void version11FixtureGainsAdministration();
};

void tst_Migrator::freshDatabaseReachesLatest()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = openDb(dir.filePath(u"fresh.sqlite"_s));
    QVERIFY(db);
    Migrator m(*db);
    QVERIFY(m.latestVersion() >= 2);
    QCOMPARE(m.currentVersion(), 0);

    QString error;
    QStringList applied;
    QVERIFY2(m.migrate(&error, &applied), qPrintable(error));
    QCOMPARE(applied.size(), m.available().size());
    QCOMPARE(applied.first(), u"0001_initial"_s);
    QCOMPARE(applied.at(1), u"0002_open311_keys_photos_updates"_s);
    QCOMPARE(m.currentVersion(), m.latestVersion());
    QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM schema_version"_s).toInt(), 1);
    const QStringList t = tables(*db);
    for (const QString &table : {u"api_keys"_s, u"categories"_s, u"departments"_s, u"report_photos"_s, u"reports"_s,
             u"users"_s, u"schema_version"_s, u"events"_s})
        QVERIFY2(t.contains(table), qPrintable(table));
    QVERIFY(columns(*db, u"reports"_s).contains(u"token"_s));

    // Running again changes nothing.
    applied.clear();
    QVERIFY2(m.migrate(&error, &applied), qPrintable(error));
    QVERIFY(applied.isEmpty());
    QCOMPARE(m.currentVersion(), m.latestVersion());
}

void tst_Migrator::migrationsAreNumberedWithoutGaps()
{
    QTemporaryDir dir;
    auto db = openDb(dir.filePath(u"x.sqlite"_s));
    QVERIFY(db);
    const auto all = Migrator(*db).available();
    QVERIFY(!all.isEmpty());
    for (qsizetype i = 0; i < all.size(); ++i) {
        QCOMPARE(all.at(i).version, int(i + 1));
        QVERIFY(all.at(i).resourcePath.startsWith(u":/migrations/sqlite/"_s));
        QVERIFY2(QFile::exists(all.at(i).resourcePath), qPrintable(all.at(i).resourcePath));
    }
}

void tst_Migrator::newerDatabaseIsRefused()
{
    QTemporaryDir dir;
    auto db = openDb(dir.filePath(u"newer.sqlite"_s));
    QVERIFY(db);
    Migrator m(*db);
    QString error;
    QVERIFY2(m.migrate(&error), qPrintable(error));
    const int latest = m.latestVersion();
    db->run(u"UPDATE schema_version SET version = ?"_s, {latest + 1});
    db->run(u"CREATE TABLE from_the_future (x INTEGER)"_s);

    QStringList applied;
    QVERIFY(!m.migrate(&error, &applied));
    QVERIFY(applied.isEmpty());
    QVERIFY2(error.contains(u"schema version %1"_s.arg(latest + 1)), qPrintable(error));
    QVERIFY2(error.contains(u"knows only up to %1"_s.arg(latest)), qPrintable(error));
    QVERIFY2(error.contains(u"newer dimosd"_s), qPrintable(error));
    QVERIFY2(error.contains(u"backup"_s), qPrintable(error));
    // Nothing was touched.
    QCOMPARE(m.currentVersion(), latest + 1);
    QVERIFY(tables(*db).contains(u"from_the_future"_s));
}

void tst_Migrator::newerDatabaseStopsTheServer()
{
    QTemporaryDir dir;
    {
        auto db = openDb(dir.filePath(u"dimos.sqlite"_s));
        QVERIFY(db);
        Migrator m(*db);
        QString error;
        QVERIFY2(m.migrate(&error), qPrintable(error));
        db->run(u"UPDATE schema_version SET version = 999"_s);
    }
    QString error;
    const auto config = Config::load({}, {u"storage/data_dir="_s + dir.path()}, &error);
    QVERIFY2(config, qPrintable(error));
    Server server(*config, Clock::system());
    QVERIFY(!server.open(&error));
    QVERIFY2(error.contains(u"schema version 999"_s), qPrintable(error));
}

void tst_Migrator::failedMigrationRollsBack_data()
{
    // A table that a migration creates already exists, so that migration fails part-way.
    QTest::addColumn<bool>("fromFixture"); // start at version 1 (the fixture) or empty
    QTest::addColumn<QString>("strayTable"); // created before migrating
    QTest::addColumn<int>("failingVersion");
    QTest::addColumn<QStringList>("mustNotExist"); // made by the failed migration before the failure
    QTest::newRow("migration 1, fourth table")
        << false << u"users"_s << 1
        << QStringList{u"departments"_s, u"categories"_s, u"category_attributes"_s, u"reports"_s};
    QTest::newRow("migration 2, after an ALTER TABLE") << true << u"report_photos"_s << 2 << QStringList{u"api_keys"_s};
}

void tst_Migrator::failedMigrationRollsBack()
{
    QFETCH(bool, fromFixture);
    QFETCH(QString, strayTable);
    QFETCH(int, failingVersion);
    QFETCH(QStringList, mustNotExist);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"stray.sqlite"_s);
    QString error;
    if (fromFixture)
        QVERIFY2(loadDump(fixturePath(), path, &error), qPrintable(error));
    auto db = openDb(path);
    QVERIFY(db);
    db->run(u"CREATE TABLE %1 (id INTEGER PRIMARY KEY, left_by TEXT)"_s.arg(strayTable));
    db->run(u"INSERT INTO %1 (left_by) VALUES ('a hand-made table')"_s.arg(strayTable));
    const QStringList before = tables(*db);
    const QStringList reportColumnsBefore = columns(*db, u"reports"_s);

    Migrator m(*db);
    const int versionBefore = m.currentVersion();
    QCOMPARE(versionBefore, failingVersion - 1);
    QStringList applied;
    QVERIFY(!m.migrate(&error, &applied));
    QVERIFY(applied.isEmpty());
    QVERIFY2(error.startsWith(u"migration %1 ("_s.arg(failingVersion)), qPrintable(error));
    QVERIFY2(error.contains(u"failed and was rolled back"_s), qPrintable(error));
    QVERIFY2(error.contains(strayTable), qPrintable(error));

    QCOMPARE(m.currentVersion(), versionBefore);
    QCOMPARE(tables(*db), before);
    for (const QString &t : mustNotExist)
        QVERIFY2(!tables(*db).contains(t), qPrintable(t));
    // Migration 2 adds columns to reports before it fails: they are gone too.
    QCOMPARE(columns(*db, u"reports"_s), reportColumnsBefore);
    QCOMPARE(scalar(*db, u"SELECT left_by FROM "_s + strayTable).toString(), u"a hand-made table"_s);
    QVERIFY(!db->inTransaction());

    // Once the operator removes the stray table, the same database migrates.
    db->run(u"DROP TABLE "_s + strayTable);
    QVERIFY2(m.migrate(&error, &applied), qPrintable(error));
    QCOMPARE(m.currentVersion(), m.latestVersion());
}

void tst_Migrator::splitStatements_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("only comments and blanks") << u"-- a\n\n   -- b\n\n"_s << QStringList();
    QTest::newRow("one statement") << u"CREATE TABLE a (x INTEGER);"_s << QStringList{u"CREATE TABLE a (x INTEGER);"_s};
    QTest::newRow("two on their lines") << u"CREATE TABLE a (x);\nCREATE TABLE b (y);\n"_s
                                        << QStringList{u"CREATE TABLE a (x);"_s, u"CREATE TABLE b (y);"_s};
    QTest::newRow("multi-line statement") << u"CREATE TABLE a (\n    x INTEGER,\n    y TEXT\n);\n"_s
                                          << QStringList{u"CREATE TABLE a (\n    x INTEGER,\n    y TEXT\n);"_s};
    QTest::newRow("comments dropped, also indented")
        << u"-- header\nCREATE TABLE a (\n    -- the key\n    x INTEGER\n);\n  -- trailer\n"_s
        << QStringList{u"CREATE TABLE a (\n    x INTEGER\n);"_s};
    QTest::newRow("blank lines between") << u"\n\nCREATE TABLE a (x);\n\n\nCREATE TABLE b (y);\n\n"_s
                                         << QStringList{u"CREATE TABLE a (x);"_s, u"CREATE TABLE b (y);"_s};
    QTest::newRow("semicolon inside a line")
        << u"INSERT INTO t VALUES ('a;b', 'c');\n"_s << QStringList{u"INSERT INTO t VALUES ('a;b', 'c');"_s};
    // The documented rule, even inside a quoted text: keep such texts off line ends.
    QTest::newRow("semicolon at a line end inside a text")
        << u"INSERT INTO t VALUES ('first;\nsecond');\n"_s
        << QStringList{u"INSERT INTO t VALUES ('first;"_s, u"second');"_s};
    QTest::newRow("last statement without semicolon")
        << u"CREATE TABLE a (x);\nCREATE INDEX i ON a(x)\n"_s
        << QStringList{u"CREATE TABLE a (x);"_s, u"CREATE INDEX i ON a(x)"_s};
    QTest::newRow("CRLF line ends") << u"CREATE TABLE a (x);\r\nCREATE TABLE b (y);\r\n"_s
                                    << QStringList{u"CREATE TABLE a (x);"_s, u"CREATE TABLE b (y);"_s};
    QTest::newRow("trailing blanks after semicolon") << u"CREATE TABLE a (x);   \nCREATE TABLE b (y);"_s
                                                     << QStringList{u"CREATE TABLE a (x);"_s, u"CREATE TABLE b (y);"_s};
    QTest::newRow("trigger body kept whole")
        << u"CREATE TRIGGER t BEFORE DELETE ON a\nBEGIN\n    SELECT RAISE(ABORT, 'no');\nEND;\nCREATE TABLE b (y);\n"_s
        << QStringList{u"CREATE TRIGGER t BEFORE DELETE ON a\nBEGIN\n    SELECT RAISE(ABORT, 'no');\nEND;"_s,
               u"CREATE TABLE b (y);"_s};
    QTest::newRow("Greek text") << u"INSERT INTO d VALUES ('Τεχνικές Υπηρεσίες');"_s
                                << QStringList{u"INSERT INTO d VALUES ('Τεχνικές Υπηρεσίες');"_s};
}

void tst_Migrator::splitStatements()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);
    QCOMPARE(Migrator::splitStatements(sql), expected);
}

void tst_Migrator::fixtureIsVersion1()
{
    // The fixture must stay a version-1 database: none of migration 2's objects.
    QFile f(fixturePath());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString sql = QString::fromUtf8(f.readAll());
    QVERIFY(sql.contains(u"INSERT INTO schema_version VALUES(1);"_s));
    QVERIFY(!sql.contains(u"api_keys"_s));
    QVERIFY(!sql.contains(u"report_photos"_s));
    QVERIFY(sql.contains(u"CREATE TABLE reports"_s));
}

void tst_Migrator::version1FixtureMigratesWithRowsIntact()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"v1.sqlite"_s);
    QString error;
    QVERIFY2(loadDump(fixturePath(), path, &error), qPrintable(error));
    auto db = openDb(path);
    QVERIFY(db);
    Migrator m(*db);
    QCOMPARE(m.currentVersion(), 1);
    QVERIFY(!columns(*db, u"reports"_s).contains(u"token"_s));

    QStringList applied;
    QVERIFY2(m.migrate(&error, &applied), qPrintable(error));
    QCOMPARE(applied.size(), m.latestVersion() - 1);
    QCOMPARE(applied.first(), u"0002_open311_keys_photos_updates"_s);
    QCOMPARE(m.currentVersion(), m.latestVersion());
    QCOMPARE(scalar(*db, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    {
        QSqlQuery fk = db->run(u"PRAGMA foreign_key_check"_s);
        const bool violation = fk.next();
        QVERIFY2(!violation, violation ? qPrintable(fk.value(0).toString()) : "");
    }

    // Catalog
    CatalogRepository catalog(*db);
    QCOMPARE(catalog.departments().size(), 2);
    const auto technical = catalog.departmentByCode(u"technical"_s);
    QVERIFY(technical);
    QCOMPARE(technical->name.el, u"Διεύθυνση Τεχνικών Υπηρεσιών"_s);
    QCOMPARE(catalog.categories(true).size(), 2);
    QCOMPARE(catalog.categories(false).size(), 3);
    const auto pothole = catalog.category(u"pothole"_s);
    QVERIFY(pothole);
    QCOMPARE(pothole->name.el, u"Λακκούβα στο οδόστρωμα"_s);
    QCOMPARE(pothole->departmentId, technical->id);
    QCOMPARE(pothole->keywords, QStringList({u"λακκούβα"_s, u"δρόμος"_s, u"άσφαλτος"_s}));
    QCOMPARE(pothole->attributes.size(), 2);
    const AttributeDefinition *depth = pothole->attribute(u"depth");
    QVERIFY(depth);
    QCOMPARE(depth->type, AttributeType::SingleValueList);
    QVERIFY(depth->required);
    QCOMPARE(depth->values.size(), 2);
    QCOMPARE(depth->values.at(1).key, u"deep"_s);
    QCOMPARE(depth->values.at(1).name.el, u"Βαθιά (πάνω από 5 εκ.)"_s);
    const auto bulky = catalog.category(u"bulky-waste"_s);
    QVERIFY(bulky);
    QVERIFY(!bulky->attribute(u"pickup_info")->variable);

    // Users
    UserRepository users(*db);
    QCOMPARE(users.list().size(), 3);
    const auto clerk = users.findByUsername(u"m.papadopoulou"_s);
    QVERIFY(clerk);
    QCOMPARE(clerk->role, Role::Clerk);
    QCOMPARE(clerk->displayName, u"Μαρία Παπαδοπούλου"_s);
    QCOMPARE(clerk->departmentIds, QList<qint64>{technical->id});
    const auto manager = users.findByUsername(u"k.georgiou"_s);
    QVERIFY(manager);
    QVERIFY(!manager->active);
    QCOMPARE(manager->departmentIds.size(), 2);
    QVERIFY(users.apiKeys().isEmpty());

    // Reports
    ReportRepository reports(*db);
    QCOMPARE(reports.count(), 3);
    const auto r1 = reports.find(1);
    QVERIFY(r1);
    QCOMPARE(r1->serviceCode, u"pothole"_s);
    QCOMPARE(r1->status, ReportStatus::InProgress);
    QCOMPARE(r1->description, u"Μεγάλη λακκούβα μπροστά στο 12, κινδυνεύουν τα μηχανάκια"_s);
    QVERIFY(r1->hasLocation);
    QCOMPARE(r1->lat, 41.0912);
    QCOMPARE(r1->lon, 23.5486);
    QCOMPARE(r1->address, u"Μεραρχίας 12, Σέρρες"_s);
    QCOMPARE(r1->zipcode, u"62123"_s);
    QCOMPARE(r1->statusNotes, u"Το συνεργείο θα περάσει την Πέμπτη."_s);
    QCOMPARE(r1->channel, u"open311"_s);
    QCOMPARE(r1->requestedMs, Q_INT64_C(1763640000000));
    QCOMPARE(r1->updatedMs, Q_INT64_C(1763726400000));
    QCOMPARE(r1->expectedMs, std::optional<qint64>(Q_INT64_C(1764000000000)));
    QCOMPARE(r1->priority, Priority::High);
    QCOMPARE(r1->departmentId, std::optional<qint64>(technical->id));
    QCOMPARE(r1->assigneeId, std::optional<qint64>(clerk->id));
    QCOMPARE(r1->version, 3);
    QCOMPARE(r1->contact.email, u"giorgos@example.org"_s);
    QCOMPARE(r1->contact.firstName, u"Γιώργος"_s);
    QCOMPARE(r1->contact.deviceId, u"device-7"_s);
    // Columns that version 2 added: empty for old rows.
    QVERIFY(r1->token.isEmpty());
    QCOMPARE(r1->apiKeyId, 0);
    QVERIFY(r1->photos.isEmpty());
    QCOMPARE(r1->attributes.size(), 2);
    QCOMPARE(r1->attributes.at(0), (std::pair<QString, QStringList>{u"depth"_s, {u"deep"_s}}));

    const auto r2 = reports.find(2);
    QVERIFY(r2);
    QCOMPARE(r2->status, ReportStatus::Resolved);
    QCOMPARE(r2->description, u"Ένας καναπές και ένα στρώμα\nστη γωνία εδώ και μια εβδομάδα."_s);
    QCOMPARE(r2->attributes, (QList<std::pair<QString, QStringList>>{{u"items"_s, {u"furniture"_s, u"mattress"_s}}}));
    QVERIFY(!r2->assigneeId);
    QVERIFY(!r2->expectedMs);

    const auto r3 = reports.find(3);
    QVERIFY(r3);
    QVERIFY(!r3->hasLocation);
    QCOMPARE(r3->address, u"Οδός Κερασούντος (κοντά στο σχολείο)"_s);

    const auto history = reports.history(1, false);
    QCOMPARE(history.size(), 4);
    QCOMPARE(history.at(1).kind, ReportHistoryEntry::Kind::StatusChange);
    QCOMPARE(history.at(1).oldStatus, std::optional<ReportStatus>(ReportStatus::New));
    QCOMPARE(history.at(1).newStatus, std::optional<ReportStatus>(ReportStatus::Acknowledged));
    QCOMPARE(history.at(1).actorUserId, std::optional<qint64>(clerk->id));
    QCOMPARE(history.at(3).kind, ReportHistoryEntry::Kind::InternalNote);
    QCOMPARE(reports.history(1, true).size(), 3);

    // Search, filters and the new columns work on the old rows.
    ReportQuery q;
    q.folded = u"μεραρχιασ"_s;
    QCOMPARE(reports.query(q).size(), 1);
    ReportQuery open;
    open.open = true;
    QCOMPARE(reports.query(open).size(), 2);
    QVERIFY(!reports.findByToken(u"anything"_s));

    // New rows go in beside the old ones, with the version-2 columns.
    Report fresh;
    fresh.serviceCode = u"pothole"_s;
    fresh.description = u"Νέα αναφορά μετά την αναβάθμιση"_s;
    fresh.lat = 41.09;
    fresh.lon = 23.55;
    fresh.requestedMs = fresh.updatedMs = 1763900000000;
    fresh.token = u"tok-after-upgrade"_s;
    fresh.attributes = {{u"depth"_s, {u"shallow"_s}}};
    reports.insert(fresh);
    QCOMPARE(fresh.id, 4); // AUTOINCREMENT carried over from the dump
    const auto byToken = reports.findByToken(u"tok-after-upgrade"_s);
    QVERIFY(byToken);
    QCOMPARE(byToken->id, fresh.id);
    QCOMPARE(reports.addPhoto(fresh.id, {0, QString(64, u'a'), 800, 600, 1763900000000}) > 0, true);
    QCOMPARE(reports.find(fresh.id)->photos.size(), 1);
    QVERIFY(reports.find(1)->photos.isEmpty());
}

void tst_Migrator::version1FixtureIsUsableThroughTheServer()
{
    // The whole daemon opens an old database, migrates it, and the old accounts and reports work.
    QTemporaryDir dir;
    QString error;
    QVERIFY2(loadDump(fixturePath(), dir.filePath(u"dimos.sqlite"_s), &error), qPrintable(error));
    const auto config = Config::load(
        {}, {u"storage/data_dir="_s + dir.path(), u"auth/argon2_ops=1"_s, u"auth/argon2_mem_mib=1"_s}, &error);
    QVERIFY2(config, qPrintable(error));
    ManualClock clock(1763900000000);
    Server server(*config, clock);
    QVERIFY2(server.open(&error), qPrintable(error));
    AppContext &ctx = server.context();
    QCOMPARE(Migrator(*ctx.db).currentVersion(), Migrator(*ctx.db).latestVersion());

    // The password hashes written by version 1 still verify.
    const AuthService::Session session
        = ctx.auth->login(u"m.papadopoulou"_s, QString::fromLatin1(kFixturePassword), u"127.0.0.1"_s);
    QVERIFY(!session.token.isEmpty());
    QCOMPARE(ctx.auth->authenticate(session.token)->username, u"m.papadopoulou"_s);
    // A disabled account stays disabled.
    QVERIFY_THROWS_EXCEPTION(
        ApiError, ctx.auth->login(u"k.georgiou"_s, QString::fromLatin1(kFixturePassword), u"127.0.0.2"_s));

    // The clerk moves her old report along; the history gets a new line.
    const StaffUser clerk = session.user;
    const Report done
        = ctx.reportService->changeStatus(clerk, 1, 3, ReportStatus::Resolved, u"Αποκαταστάθηκε."_s, true);
    QCOMPARE(done.status, ReportStatus::Resolved);
    QCOMPARE(done.version, 4);
    QCOMPARE(ctx.reports->history(1, false).size(), 5);

    // And new Open311 keys can be made (a version-2 table).
    const QString key = ctx.auth->createApiKey(u"FixMyStreet"_s);
    QVERIFY(ctx.auth->checkApiKey(key).has_value());
}

void tst_Migrator::version2FixtureMigratesToEventLog()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"dimos.sqlite"_s);
    QString error;
    QVERIFY2(loadDump(fixtureV2Path(), path, &error), qPrintable(error));
    {
        auto db = openDb(path);
        QVERIFY(db);
        Migrator m(*db);
        QCOMPARE(m.currentVersion(), 2);
        QVERIFY(!tables(*db).contains(u"events"_s));
        QStringList applied;
        QVERIFY2(m.migrate(&error, &applied), qPrintable(error));
        QCOMPARE(applied.first(), u"0003_events"_s);
        QCOMPARE(m.currentVersion(), m.latestVersion());
        QCOMPARE(scalar(*db, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
        QCOMPARE(columns(*db, u"events"_s),
            QStringList({u"seq"_s, u"at_ms"_s, u"type"_s, u"entity"_s, u"entity_id"_s, u"department_id"_s,
                u"previous_department_id"_s, u"service_code"_s, u"payload"_s}));
        // Old changes have no events: the log starts with the upgrade.
        EventRepository events(*db);
        QCOMPARE(events.lastSeq(), 0);
        QCOMPARE(events.firstSeq(), 0);

        // Version-2 rows are intact.
        ReportRepository reports(*db);
        QCOMPARE(reports.count(), 3);
        const auto r1 = reports.find(1);
        QVERIFY(r1);
        QCOMPARE(r1->token, u"tok-v2-fixture"_s);
        QCOMPARE(r1->apiKeyId, 1);
        QCOMPARE(r1->photos.size(), 1);
        QCOMPARE(r1->photos.first().width, 1600);
        QCOMPARE(scalar(*db, u"SELECT name FROM api_keys WHERE id = 1"_s).toString(), u"FixMyStreet Serres"_s);
        QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM report_history WHERE external_id = 'fms-4711'"_s).toInt(), 1);
    }

    // Through the whole daemon: a change to an old report is logged with the report as after it.
    const auto config = Config::load(
        {}, {u"storage/data_dir="_s + dir.path(), u"auth/argon2_ops=1"_s, u"auth/argon2_mem_mib=1"_s}, &error);
    QVERIFY2(config, qPrintable(error));
    ManualClock clock(1763900000000);
    Server server(*config, clock);
    QVERIFY2(server.open(&error), qPrintable(error));
    AppContext &ctx = server.context();
    const StaffUser clerk = *ctx.users->findByUsername(u"m.papadopoulou"_s);
    const Report done = ctx.reportService->changeStatus(clerk, 1, 3, ReportStatus::Resolved, u"Έγινε."_s, true);
    QCOMPARE(ctx.events->lastSeq(), 1);
    const QList<StoredEvent> logged = ctx.events->range(0, 10, 10);
    QCOMPARE(logged.size(), 1);
    QCOMPARE(logged.first().type, u"report.updated"_s);
    QCOMPARE(logged.first().entityId, 1);
    QCOMPARE(logged.first().serviceCode, u"pothole"_s);
    QCOMPARE(logged.first().atMs, clock.nowMs());
    const QJsonObject payload = QJsonDocument::fromJson(logged.first().payload).object();
    QCOMPARE(payload.value(u"status"_s).toString(), u"resolved"_s);
    QCOMPARE(payload.value(u"version"_s).toInt(), done.version);
    QVERIFY(!payload.contains(u"contact"_s));
}

void tst_Migrator::version7FixtureKeepsItsSubscriptions()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"dimos.sqlite"_s);
    QString error;
    QVERIFY2(loadDump(fixtureV7Path(), path, &error), qPrintable(error));
    auto db = openDb(path);
    QVERIFY(db);
    Migrator m(*db);
    QCOMPARE(m.currentVersion(), 7);
    QStringList applied;
    QVERIFY2(m.migrate(&error, &applied), qPrintable(error));
    QVERIFY(applied.contains(u"0010_gis_layers"_s));
    QCOMPARE(scalar(*db, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    QVERIFY(tables(*db).contains(u"gis_layers"_s) && tables(*db).contains(u"gis_features"_s));
    QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM gis_layers"_s).toInt(), 0);

    // The subscriptions are as they were: no unit, the circle kept, still matching reports.
    SubscriptionRepository subscriptions(*db);
    const auto whole = subscriptions.find(1), circle = subscriptions.find(2);
    QVERIFY(whole && circle);
    QVERIFY(!whole->area && !whole->unit);
    QVERIFY(circle->area && !circle->unit);
    QCOMPARE(circle->area->radiusMeters, 1000.0);
    QCOMPARE(circle->language, u"en"_s);
    QCOMPARE(circle->categories, QStringList{u"pothole"_s});
    QCOMPARE(subscriptions.matching(u"pothole"_s, std::pair(41.0912, 23.5486)).size(), 2);
    QCOMPARE(subscriptions.matching(u"pothole"_s, std::pair(41.2, 23.5486)).size(), 1);
    // A unit can be stored now.
    Subscription s = *whole;
    s.unit = Subscription::Unit{u"units"_s, u"Δημοτική Ενότητα Σερρών"_s};
    subscriptions.update(s);
    QCOMPARE(subscriptions.find(1)->unit->name, u"Δημοτική Ενότητα Σερρών"_s);
    QCOMPARE(subscriptions.matching(u"pothole"_s, std::pair(41.2, 23.5486), {*s.unit}).size(), 1);
    QCOMPARE(subscriptions.matching(u"pothole"_s, std::pair(41.2, 23.5486)).size(), 0);
}

void tst_Migrator::version11FixtureGainsAdministration()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"dimos.sqlite"_s);
    QString error;
    QVERIFY2(loadDump(fixtureV11Path(), path, &error), qPrintable(error));
    {
        auto db = openDb(path);
        QVERIFY(db);
        Migrator m(*db);
        QCOMPARE(m.currentVersion(), 11);
        QStringList applied;
        QVERIFY2(m.migrate(&error, &applied), qPrintable(error));
        QCOMPARE(applied.mid(0, 2), QStringList({u"0012_admin"_s, u"0013_gisdesk"_s}));
        QCOMPARE(m.currentVersion(), m.latestVersion());
        QCOMPARE(scalar(*db, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
        QCOMPARE(scalar(*db, u"PRAGMA foreign_key_check"_s), QVariant());
        QVERIFY(tables(*db).contains(u"routing_rules"_s) && tables(*db).contains(u"category_responses"_s));
        // What was there gets the neutral value: no icon, no service level, no due time, nobody
        // asked to change a password, every layer shown.
        QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM categories WHERE icon <> '' OR sla_days <> 0"_s).toInt(), 0);
        QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM reports WHERE due_ms IS NOT NULL"_s).toInt(), 0);
        QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM reports"_s).toInt(), 3);
        QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM users WHERE must_change_password <> 0"_s).toInt(), 0);
        QCOMPARE(
            scalar(*db, u"SELECT visible || '/' || edits FROM gis_layers WHERE code = 'units'"_s).toString(), u"1/0"_s);
        // The audit log written by version 11 still can be neither changed nor deleted.
        QSqlQuery change(db->connection());
        QVERIFY(!change.exec(u"UPDATE audit_log SET detail = 'changed'"_s));
        QVERIFY(!change.exec(u"DELETE FROM audit_log"_s));
        QCOMPARE(scalar(*db, u"SELECT detail FROM audit_log"_s).toString(), u"fixture"_s);
    }

    // Through the whole daemon: the version-11 layer routes reports by area, the categories
    // take a service level, and the old accounts sign in without being asked for a new password.
    const auto config = Config::load(
        {}, {u"storage/data_dir="_s + dir.path(), u"auth/argon2_ops=1"_s, u"auth/argon2_mem_mib=1"_s}, &error);
    QVERIFY2(config, qPrintable(error));
    ManualClock clock(1763900000000);
    Server server(*config, clock);
    QVERIFY2(server.open(&error), qPrintable(error));
    AppContext &ctx = server.context();
    const AuthService::Session session
        = ctx.auth->login(u"m.papadopoulou"_s, QString::fromLatin1(kFixturePassword), u"127.0.0.1"_s);
    QVERIFY(!session.user.mustChangePassword);
    QCOMPARE(session.user.toJson().value(u"must_renew_credentials"_s).toBool(), false);

    const auto layer = ctx.gis->repository().find(u"units"_s);
    QVERIFY(layer);
    QVERIFY(layer->visible);
    QCOMPARE(layer->featureCount, 2);

    Category pothole = ctx.catalog->category(u"pothole"_s).value();
    const qint64 technical = pothole.departmentId;
    pothole.slaDays = 3;
    ctx.catalog->updateCategory(pothole, clock.nowMs());
    RoutingRule east;
    east.categoryCode = u"pothole"_s;
    east.layerCode = u"units"_s;
    east.featureName = u"Ανατολική ενότητα"_s;
    east.departmentId = 2; // cleaning
    ctx.routingRules->insert(east, clock.nowMs());
    const auto file = [&](double lon) {
        NewReport in;
        in.serviceCode = u"pothole"_s;
        in.lat = 41.09;
        in.lon = lon;
        in.description = u"Λακκούβα μετά την αναβάθμιση"_s;
        in.attributes = {{u"depth"_s, {u"deep"_s}}};
        in.channel = u"web"_s;
        return ctx.reportService->create(in);
    };
    const Report inEast = file(23.58), inWest = file(23.52);
    QCOMPARE(inEast.departmentId, 2);
    QCOMPARE(inWest.departmentId, technical);
    QCOMPARE(inEast.dueMs, std::optional<qint64>(clock.nowMs() + 3 * 24 * 3600 * 1000LL));
}

QTEST_GUILESS_MAIN(tst_Migrator)
#include "tst_Migrator.moc"
