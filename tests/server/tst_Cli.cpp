// The real dimosd binary driven as an operator would: --version, --check-config, migrate,
// user and apikey management with the password on standard input, demo-seed, and a graceful
// stop on SIGTERM while serving.
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "server/GisFixtures.h"
#include "server/app/Config.h"
#include "server/app/Server.h"
#include "server/core/AuthService.h"
#include "server/gis/GisLayers.h"
#include "server/http/ApiError.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/Database.h"
#include "server/storage/ReportRepository.h"
#include "server/storage/RequestRepository.h"
#include "shared/geo/Boundary.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QString out;
    QString err;
    QString both() const { return out + u"\n--- stderr ---\n"_s + err; }
};

QString dimosd()
{
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + u"/../../server/dimosd"_s);
}

QString sourcePath(const QString &relative)
{
    return QStringLiteral(DIMOS_SOURCE_DIR) + u'/' + relative;
}

// Cheap password hashing for every command: the tests create users often.
const QStringList kFast{u"--set"_s, u"auth/argon2_mem_mib=1"_s, u"--set"_s, u"auth/argon2_ops=1"_s};

void prepare(QProcess &p)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DIMOS_CONFIG"_s);
    p.setProcessEnvironment(env);
    p.setProgram(dimosd());
}

Run run(const QStringList &args, const QByteArray &input = {}, const QProcessEnvironment &extraEnv = {})
{
    QProcess p;
    prepare(p);
    if (!extraEnv.isEmpty()) {
        QProcessEnvironment env = p.processEnvironment();
        for (const QString &k : extraEnv.keys())
            env.insert(k, extraEnv.value(k));
        p.setProcessEnvironment(env);
    }
    p.setArguments(args);
    p.start();
    Run r;
    if (!p.waitForStarted(10'000)) {
        r.err = p.errorString();
        return r;
    }
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60'000)) {
        p.kill();
        p.waitForFinished();
        r.err = u"dimosd did not finish"_s;
        return r;
    }
    r.exitCode = p.exitCode();
    r.exitStatus = p.exitStatus();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

int migrationFileCount()
{
    return int(QDir(sourcePath(u"server/storage/migrations/sqlite"_s)).entryList({u"*.sql"_s}, QDir::Files).size());
}

// The lines of `user list` as (username, role, state) triples.
QList<QStringList> userLines(const QString &out)
{
    QList<QStringList> rows;
    for (const QString &line : out.split(u'\n', Qt::SkipEmptyParts))
        rows.append(line.split(u'\t').mid(0, 3));
    return rows;
}

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void version();
    void checkConfig();
    void checkConfigRejects_data();
    void checkConfigRejects();
    void checkConfigReadsDimosConfig();
    void unknownCommand();
    void migrateFreshDataDir();
    void userLifecycle();
    void userCommandErrors_data();
    void userCommandErrors();
    void apiKeys();
    void demoSeedIsIdempotent();
    void layersImportListRemove();
    void layersImportErrors_data();
    void layersImportErrors();
    void protocolImportExport();
    void serveStopsCleanlyOnSigterm();
    void serveOnBusyPortFails();
};

void tst_Cli::initTestCase()
{
    QVERIFY2(QFileInfo(dimosd()).isExecutable(), qPrintable(dimosd() + u" is missing: build the dimosd target"_s));
}

void tst_Cli::version()
{
    const Run r = run({u"--version"_s});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.trimmed(), u"dimosd " DIMOS_VERSION ""_s);
}

void tst_Cli::checkConfig()
{
    const QString sample = sourcePath(u"resources/config/dimosd.sample.ini"_s);
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(u"not-made"_s);
    const Run r = run({u"--config"_s, sample, u"--check-config"_s, u"--port"_s, u"9123"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QVERIFY2(
        r.out.startsWith(u"configuration OK ("_s + QFileInfo(sample).absoluteFilePath() + u')'), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"  server/port = 9123\n"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"  storage/data_dir = %1\n"_s.arg(dataDir)), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"  municipality/name_el = Δήμος\n"_s), qPrintable(r.out));
    // --check-config touches nothing: no data folder was made.
    QVERIFY(!QFileInfo::exists(dataDir));
}

void tst_Cli::checkConfigRejects_data()
{
    QTest::addColumn<QByteArray>("ini");
    QTest::addColumn<QStringList>("extraArgs");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bad value") << "[server]\nport = 8080\n[http]\nmax_body_mib = 0\n"_ba << QStringList()
                               << u"[http] max_body_mib = \"0\" is not valid"_s;
    QTest::newRow("unknown key") << "[http]\nmax_body = 5\n"_ba << QStringList() << u"unknown key \"http/max_body\""_s;
    QTest::newRow("bad --set") << "[server]\nport = 8080\n"_ba << QStringList{u"--set"_s, u"photos/max_mib=500"_s}
                               << u"command line: [photos] max_mib = \"500\""_s;
    QTest::newRow("bad --port") << "[server]\nport = 8080\n"_ba << QStringList{u"--port"_s, u"http"_s}
                                << u"command line: [server] port = \"http\""_s;
    QTest::newRow("bad --listen") << "[server]\nport = 8080\n"_ba << QStringList{u"--listen"_s, u"everywhere"_s}
                                  << u"command line: [server] listen = \"everywhere\""_s;
}

void tst_Cli::checkConfigRejects()
{
    QFETCH(QByteArray, ini);
    QFETCH(QStringList, extraArgs);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString file = dir.filePath(u"dimosd.ini"_s);
    QVERIFY(writeFile(file, ini));
    const Run r = run(QStringList{u"--config"_s, file, u"--check-config"_s} + extraArgs);
    QVERIFY2(r.exitCode != 0, qPrintable(r.both()));
    QCOMPARE(r.exitStatus, QProcess::NormalExit);
    QVERIFY2(r.err.startsWith(u"dimosd: "_s), qPrintable(r.err));
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    if (!expected.startsWith(u"command line"_s))
        QVERIFY2(r.err.contains(QFileInfo(file).absoluteFilePath()), qPrintable(r.err));
    QVERIFY2(!r.out.contains(u"configuration OK"_s), qPrintable(r.out));
}

void tst_Cli::checkConfigReadsDimosConfig()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"from-env.ini"_s);
    QVERIFY(writeFile(file, "[auth]\nargon2_ops = 11\n"));
    QProcessEnvironment env;
    env.insert(u"DIMOS_CONFIG"_s, file);
    const Run bad = run({u"--check-config"_s}, {}, env);
    QVERIFY(bad.exitCode != 0);
    QVERIFY2(bad.err.contains(file) && bad.err.contains(u"[auth] argon2_ops"_s), qPrintable(bad.err));
    // --config wins over the environment.
    const Run good
        = run({u"--config"_s, sourcePath(u"resources/config/dimosd.sample.ini"_s), u"--check-config"_s}, {}, env);
    QVERIFY2(good.exitCode == 0, qPrintable(good.both()));
}

void tst_Cli::unknownCommand()
{
    QTemporaryDir dir;
    const Run r = run({u"--data-dir"_s, dir.path(), u"frobnicate"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"unknown command \"frobnicate\""_s), qPrintable(r.err));
    // Nothing was created for a command that does not exist.
    QVERIFY(!QFileInfo::exists(dir.filePath(u"dimos.sqlite"_s)));
}

void tst_Cli::migrateFreshDataDir()
{
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(u"state/dimos"_s); // not there yet
    const Run first = run({u"--data-dir"_s, dataDir, u"migrate"_s});
    QVERIFY2(first.exitCode == 0, qPrintable(first.both()));
    const QString expected
        = u"database %1/dimos.sqlite is at schema version %2"_s.arg(dataDir).arg(migrationFileCount());
    QVERIFY2(first.out.contains(expected), qPrintable(first.out));
    QVERIFY(QFileInfo::exists(dataDir + u"/dimos.sqlite"_s));
    QVERIFY(QFileInfo(dataDir + u"/media"_s).isDir());
    QVERIFY2(first.err.contains(u"applied migration 1"_s), qPrintable(first.err));

    const Run second = run({u"--data-dir"_s, dataDir, u"migrate"_s});
    QVERIFY2(second.exitCode == 0, qPrintable(second.both()));
    QVERIFY(second.out.contains(expected));
    QVERIFY2(!second.err.contains(u"applied migration"_s), qPrintable(second.err));
}

void tst_Cli::userLifecycle()
{
    QTemporaryDir dir;
    const QStringList base = QStringList{u"--data-dir"_s, dir.path()} + kFast;

    Run r = run(base
            + QStringList{u"user"_s, u"add"_s, u"Eleni.K"_s, u"--role"_s, u"clerk"_s, u"--name"_s,
                u"Ελένη Καραγιάννη"_s, u"--email"_s, u"e.k@serres.example"_s},
        "first password 1\n"_ba);
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QVERIFY2(r.out.contains(u"created clerk eleni.k (id 1)"_s), qPrintable(r.out));
    // No terminal: no prompt is printed, and the password is never echoed.
    QVERIFY(!r.out.contains(u"first password"_s) && !r.err.contains(u"first password"_s));

    r = run(base + QStringList{u"user"_s, u"add"_s, u"admin"_s, u"--role"_s, u"admin"_s}, "admin password 1\n"_ba);
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));

    r = run(base + QStringList{u"user"_s, u"list"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QList<QStringList> users = userLines(r.out);
    QCOMPARE(users.size(), 2);
    QVERIFY(users.contains(QStringList({u"eleni.k"_s, u"clerk"_s, u"active"_s})));
    QVERIFY(users.contains(QStringList({u"admin"_s, u"admin"_s, u"active"_s})));
    QVERIFY(r.out.contains(u"\tΕλένη Καραγιάννη\n"_s));

    // The name as first typed works for the other commands too.
    r = run(base + QStringList{u"user"_s, u"passwd"_s, u"Eleni.K"_s}, "second password 2\n"_ba);
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QVERIFY(r.out.contains(u"password changed"_s));

    {
        // The password that reached dimosd through standard input is the one that works now.
        QString error;
        const auto config = Config::load({},
            QStringList{u"storage/data_dir="_s + dir.path(), u"auth/argon2_ops=1"_s, u"auth/argon2_mem_mib=1"_s},
            &error);
        QVERIFY2(config, qPrintable(error));
        Server server(*config, Clock::system());
        QVERIFY2(server.open(&error), qPrintable(error));
        AuthService &auth = *server.context().auth;
        QVERIFY_THROWS_EXCEPTION(ApiError, auth.login(u"eleni.k"_s, u"first password 1"_s, u"10.0.0.1"_s));
        QCOMPARE(auth.login(u"eleni.k"_s, u"second password 2"_s, u"10.0.0.2"_s).user.username, u"eleni.k"_s);
        QCOMPARE(auth.login(u"Eleni.K"_s, u"second password 2"_s, u"10.0.0.3"_s).user.username, u"eleni.k"_s);
        QCOMPARE(auth.login(u"admin"_s, u"admin password 1"_s, u"10.0.0.4"_s).user.role, Role::Admin);
    }

    r = run(base + QStringList{u"user"_s, u"disable"_s, u"eleni.k"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QVERIFY(r.out.contains(u"eleni.k disabled"_s));
    r = run(base + QStringList{u"user"_s, u"list"_s});
    users = userLines(r.out);
    QVERIFY(users.contains(QStringList({u"eleni.k"_s, u"clerk"_s, u"disabled"_s})));
    QVERIFY(users.contains(QStringList({u"admin"_s, u"admin"_s, u"active"_s})));

    r = run(base + QStringList{u"user"_s, u"enable"_s, u"eleni.k"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    r = run(base + QStringList{u"user"_s, u"list"_s});
    QVERIFY(userLines(r.out).contains(QStringList({u"eleni.k"_s, u"clerk"_s, u"active"_s})));
}

void tst_Cli::userCommandErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no role") << QStringList{u"user"_s, u"add"_s, u"nikos"_s} << "a good password\n"_ba
                             << u"--role must be clerk, manager or admin"_s;
    QTest::newRow("bad role") << QStringList{u"user"_s, u"add"_s, u"nikos"_s, u"--role"_s, u"mayor"_s}
                              << "a good password\n"_ba << u"--role must be clerk"_s;
    QTest::newRow("unknown department") << QStringList{u"user"_s, u"add"_s, u"nikos"_s, u"--role"_s, u"clerk"_s,
        u"--department"_s, u"roads"_s} << "a good password\n"_ba
                                        << u"no department with code \"roads\""_s;
    QTest::newRow("short password") << QStringList{u"user"_s, u"add"_s, u"nikos"_s, u"--role"_s, u"clerk"_s}
                                    << "short\n"_ba << u"password"_s;
    QTest::newRow("no password at all") << QStringList{u"user"_s, u"add"_s, u"nikos"_s, u"--role"_s, u"clerk"_s}
                                        << QByteArray() << u"password"_s;
    QTest::newRow("bad username") << QStringList{u"user"_s, u"add"_s, u"νίκος"_s, u"--role"_s, u"clerk"_s}
                                  << "a good password\n"_ba << u"username \"νίκος\" is not valid"_s;
    QTest::newRow("duplicate") << QStringList{u"user"_s, u"add"_s, u"Existing"_s, u"--role"_s, u"clerk"_s}
                               << "a good password\n"_ba << u"a user named \"existing\" already exists"_s;
    QTest::newRow("passwd for nobody") << QStringList{u"user"_s, u"passwd"_s, u"nobody"_s} << "a good password\n"_ba
                                       << u"no user named \"nobody\""_s;
    QTest::newRow("disable nobody") << QStringList{u"user"_s, u"disable"_s, u"nobody"_s} << QByteArray()
                                    << u"no user named \"nobody\""_s;
    QTest::newRow("no username") << QStringList{u"user"_s, u"add"_s} << QByteArray() << u"usage: dimosd user"_s;
    QTest::newRow("unknown subcommand") << QStringList{u"user"_s, u"delete"_s, u"existing"_s} << QByteArray()
                                        << u"unknown user command \"delete\""_s;
}

void tst_Cli::userCommandErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QStringList base = QStringList{u"--data-dir"_s, dir.path()} + kFast;
    const Run setup = run(
        base + QStringList{u"user"_s, u"add"_s, u"existing"_s, u"--role"_s, u"manager"_s}, "the first password\n"_ba);
    QVERIFY2(setup.exitCode == 0, qPrintable(setup.both()));

    const Run r = run(base + args, input);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(expected), qPrintable(r.both()));
    // Nothing changed.
    const Run list = run(base + QStringList{u"user"_s, u"list"_s});
    QCOMPARE(userLines(list.out), (QList<QStringList>{{u"existing"_s, u"manager"_s, u"active"_s}}));
}

void tst_Cli::apiKeys()
{
    QTemporaryDir dir;
    const QStringList base = QStringList{u"--data-dir"_s, dir.path()} + kFast;

    Run r = run(base + QStringList{u"apikey"_s, u"add"_s, u"FixMyStreet"_s, u"Σέρρες"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    const QString key = r.out.trimmed();
    QVERIFY2(QRegularExpression(u"^[A-Za-z0-9_-]{24,}$"_s).match(key).hasMatch(), qPrintable(key));
    QVERIFY(r.err.contains(u"it is not shown again"_s));

    r = run(base + QStringList{u"apikey"_s, u"add"_s, u"Second app"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    const QString second = r.out.trimmed();
    QVERIFY(second != key);

    r = run(base + QStringList{u"apikey"_s, u"add"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"needs a name"_s), qPrintable(r.err));

    r = run(base + QStringList{u"apikey"_s, u"list"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    const QStringList firstLine = lines.at(0).split(u'\t');
    QCOMPARE(firstLine.size(), 4);
    QVERIFY2(firstLine.at(0).endsWith(u"…"_s), qPrintable(firstLine.at(0)));
    const QString prefix = firstLine.at(0).chopped(1);
    QVERIFY(prefix.size() >= 6);
    QVERIFY(key.startsWith(prefix));
    QVERIFY(!r.out.contains(key)); // the secret itself is never listed
    QCOMPARE(firstLine.at(1), u"active"_s);
    QVERIFY(QRegularExpression(u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$"_s).match(firstLine.at(2)).hasMatch());
    QCOMPARE(firstLine.at(3), u"FixMyStreet Σέρρες"_s);

    r = run(base + QStringList{u"apikey"_s, u"revoke"_s, prefix});
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QCOMPARE(r.out.trimmed(), u"revoked"_s);
    r = run(base + QStringList{u"apikey"_s, u"list"_s});
    lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.at(0).split(u'\t').at(1), u"revoked"_s);
    QCOMPARE(lines.at(1).split(u'\t').at(1), u"active"_s);

    r = run(base + QStringList{u"apikey"_s, u"revoke"_s, prefix});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"no active key starts with \"%1\""_s.arg(prefix)), qPrintable(r.err));

    r = run(base + QStringList{u"apikey"_s, u"rotate"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"usage: dimosd apikey"_s), qPrintable(r.err));

    // "--" ends the options, for a prefix that looks like one (keys made before they could
    // not start with '-').
    const QString secondPrefix = second.left(prefix.size());
    r = run(base + QStringList{u"apikey"_s, u"revoke"_s, u"--"_s, secondPrefix});
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    r = run(base + QStringList{u"apikey"_s, u"add"_s, u"Third app"_s});
    const QString third = r.out.trimmed();

    // The revoked keys no longer open Open311; the live one does.
    QString error;
    const auto config = Config::load({}, QStringList{u"storage/data_dir="_s + dir.path()}, &error);
    QVERIFY2(config, qPrintable(error));
    Server server(*config, Clock::system());
    QVERIFY2(server.open(&error), qPrintable(error));
    QVERIFY(!server.context().auth->checkApiKey(key));
    QVERIFY(!server.context().auth->checkApiKey(second));
    QVERIFY(server.context().auth->checkApiKey(third));

    // No key starts with '-', or its prefix would read as an option to "apikey revoke".
    server.context().db->transaction([&] {
        for (int i = 0; i < 500; ++i) {
            const QString k = server.context().auth->createApiKey(u"probe"_s);
            QVERIFY2(!k.startsWith(u'-'), qPrintable(k));
        }
    });
}

void tst_Cli::layersImportListRemove()
{
    QTemporaryDir dir;
    const QStringList base{u"--data-dir"_s, dir.path()};
    dimos::test::Fixture fx;
    fx.driver = "ESRI Shapefile";
    fx.path = dir.filePath(u"units.shp"_s);
    fx.epsg = 2100;
    fx.fields = {{"onoma", OFTString}};
    fx.features = {{"POLYGON ((455000 4540000,462000 4540000,462000 4556000,455000 4540000))", {u"Ενότητα Άλφα"_s}}};
    fx.layerOptions = {"ENCODING=CP1253"};
    QCOMPARE(dimos::test::writeFixture(fx), QString());
    QVERIFY(writeFile(dir.filePath(u"units.SOURCE.md"_s),
        "# units\n\n**Required attribution:**\n> Units: (c) Test Authority,\n> CC BY 4.0.\n\n**Other:** x\n"));

    const QStringList import{u"layers"_s, u"import"_s, fx.path, u"--code"_s, u"units"_s, u"--kind"_s,
        u"municipal_units"_s, u"--name-el"_s, u"Δημοτικές Ενότητες"_s, u"--name-en"_s, u"Municipal units"_s};
    Run r = run(base + import);
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QVERIFY2(
        r.out.contains(u"imported layer units: 1 features from units.shp (EPSG:2100 to WGS84)"_s), qPrintable(r.out));
    r = run(base + import);
    QVERIFY2(r.exitCode == 0 && r.out.startsWith(u"replaced layer units"_s), qPrintable(r.both()));

    r = run(base + QStringList{u"layers"_s, u"list"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    const QStringList fields = r.out.trimmed().split(u'\t');
    QCOMPARE(fields.value(0), u"units"_s);
    QCOMPARE(fields.value(1), u"municipal_units"_s);
    QCOMPARE(fields.value(2), u"1 features"_s);
    QCOMPARE(fields.value(6), u"Δημοτικές Ενότητες"_s);

    // The attribution came from units.SOURCE.md beside the file.
    {
        QString error;
        auto config = Config::load(QString(), {u"storage/data_dir="_s + dir.path()}, &error);
        QVERIFY2(config, qPrintable(error));
        DatabaseOptions options;
        options.sqlitePath = config->databasePath();
        auto db = Database::open(options, &error);
        QVERIFY2(db, qPrintable(error));
        QSqlQuery q = db->run(u"SELECT attribution, imported_by FROM gis_layers WHERE code = 'units'"_s);
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), u"Units: (c) Test Authority, CC BY 4.0."_s);
        QVERIFY(q.value(1).toString().startsWith(u"dimosd layers import"_s));
    }

    r = run(base + QStringList{u"layers"_s, u"remove"_s, u"units"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    r = run(base + QStringList{u"layers"_s, u"remove"_s, u"units"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"no layer with code \"units\""_s), qPrintable(r.err));
    r = run(base + QStringList{u"layers"_s, u"list"_s});
    QVERIFY2(r.exitCode == 0 && r.out.isEmpty(), qPrintable(r.both()));
}

void tst_Cli::layersImportErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    const QString file = u"@/zones.geojson"_s;
    const QStringList good{u"--code"_s, u"zones"_s, u"--kind"_s, u"planning_zones"_s, u"--name-el"_s, u"Ζώνες"_s};
    QTest::newRow("no file") << QStringList{u"layers"_s, u"import"_s} << u"usage: dimosd layers import FILE"_s;
    QTest::newRow("unknown subcommand") << QStringList{u"layers"_s, u"drop"_s, u"x"_s} << u"usage:"_s;
    QTest::newRow("no code") << QStringList{u"layers"_s, u"import"_s, file, u"--kind"_s, u"poi"_s} << u"needs --code"_s;
    QTest::newRow("no Greek name") << QStringList{u"layers"_s, u"import"_s, file, u"--code"_s, u"z"_s, u"--kind"_s,
        u"poi"_s} << u"needs --name-el"_s;
    QTest::newRow("bad kind") << QStringList{u"layers"_s, u"import"_s, file, u"--code"_s, u"z"_s, u"--kind"_s,
        u"roads"_s, u"--name-el"_s, u"x"_s}
                              << u"kind \"roads\" is not known: use one of boundary, municipal_units"_s;
    QTest::newRow("bad code") << QStringList{u"layers"_s, u"import"_s, file, u"--code"_s, u"Ζώνες"_s, u"--kind"_s,
        u"poi"_s, u"--name-el"_s, u"x"_s}
                              << u"is not valid"_s;
    QTest::newRow("missing file") << (QStringList{u"layers"_s, u"import"_s, u"@/nothere.shp"_s} + good)
                                  << u"nothere.shp: no such file"_s;
    QTest::newRow("wrong geometry") << (QStringList{u"layers"_s, u"import"_s, u"@/points.geojson"_s} + good)
                                    << u"points.geojson: feature 1 is a Point"_s;
    QTest::newRow("bad style") << (QStringList{u"layers"_s, u"import"_s, file, u"--style"_s, u"red"_s} + good)
                               << u"style must be a JSON object"_s;
}

void tst_Cli::layersImportErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(u"zones.geojson"_s),
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Α"},)"
        R"("geometry":{"type":"Polygon","coordinates":[[[23.5,41.0],[23.6,41.0],[23.6,41.1],[23.5,41.0]]]}}]})"));
    QVERIFY(writeFile(dir.filePath(u"points.geojson"_s),
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
        R"("geometry":{"type":"Point","coordinates":[23.5,41.0]}}]})"));
    for (QString &a : args)
        a.replace(u"@/"_s, dir.path() + u'/');
    const Run r = run(QStringList{u"--data-dir"_s, dir.path()} + args);
    QCOMPARE(r.exitCode, 1);
    // One line says what is wrong (after the log of the migrations a fresh data folder gets).
    const QStringList lines = r.err.split(u'\n').filter(expected);
    QVERIFY2(lines.size() == 1 && lines[0].startsWith(u"dimosd: "_s), qPrintable(r.both()));
    QVERIFY(r.out.isEmpty());
    // Nothing was imported.
    const Run list = run({u"--data-dir"_s, dir.path(), u"layers"_s, u"list"_s});
    QVERIFY2(list.exitCode == 0 && list.out.isEmpty(), qPrintable(list.both()));
}

void tst_Cli::demoSeedIsIdempotent()
{
    QTemporaryDir dir;
    const QStringList base
        = QStringList{u"--config"_s, sourcePath(u"resources/config/dimosd.demo.ini"_s), u"--data-dir"_s, dir.path()}
        + kFast;

    Run r = run(base + QStringList{u"demo-seed"_s, u"--reports"_s, u"20"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QVERIFY2(r.out.contains(u"demo municipality loaded into %1/dimos.sqlite"_s.arg(dir.path())), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"categories: 21 new"_s), qPrintable(r.out)); // 18 problem, 3 information
    QVERIFY2(r.out.contains(u"information items: 9 new"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"request types: 7 new"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"demo reports: 20 new (20 in all)"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"admin (admin)"_s), qPrintable(r.out));

    r = run(base + QStringList{u"user"_s, u"list"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    const QList<QStringList> users = userLines(r.out);
    QVERIFY(users.contains(QStringList({u"admin"_s, u"admin"_s, u"active"_s})));
    QVERIFY(users.size() > 1);

    // A second run adds nothing.
    r = run(base + QStringList{u"demo-seed"_s, u"--reports"_s, u"20"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QVERIFY2(r.out.contains(u"departments: 0 new"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"categories: 0 new"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"demo reports: 0 new (20 in all)"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"information items: 0 new"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"request types: 0 new"_s), qPrintable(r.out));
    QVERIFY2(!r.out.contains(u"GIS layer"_s), qPrintable(r.out)); // the boundary layer is there already
    QCOMPARE(userLines(run(base + QStringList{u"user"_s, u"list"_s}).out).size(), users.size());
    // The real boundary is the "boundary" GIS layer.
    const Run layers = run(base + QStringList{u"layers"_s, u"list"_s});
    QVERIFY2(layers.exitCode == 0, qPrintable(layers.both()));
    QVERIFY2(layers.out.startsWith(u"boundary\tboundary\t1 features\tEPSG:4326\tserres-boundary.geojson\t"_s),
        qPrintable(layers.out));

    // The seeded data is really in the data folder that was asked for.
    QString error;
    const auto config = Config::load(
        sourcePath(u"resources/config/dimosd.demo.ini"_s), {u"storage/data_dir="_s + dir.path()}, &error);
    QVERIFY2(config, qPrintable(error));
    Server server(*config, Clock::system());
    QVERIFY2(server.open(&error), qPrintable(error));
    QCOMPARE(server.context().catalog->categories(false).size(), 21);
    QCOMPARE(server.context().reports->count(), 20);
    // The request types of DOMAIN.md, each with its department, both languages and a template
    // whose every value is one docs/EDIMOTIS.md lists.
    const QList<RequestType> types = server.context().requests->types();
    QCOMPARE(types.size(), 7);
    static const QRegularExpression value(u"\\{\\{[#/^]?\\s*([a-z_.]+)\\s*\\}\\}"_s);
    const QStringList known{u"municipality"_s, u"department"_s, u"today"_s, u"protocol.incoming"_s,
        u"protocol.outgoing"_s, u"applicant.full_name"_s, u"applicant.given_name"_s, u"applicant.surname"_s,
        u"applicant.father_name"_s, u"applicant.mother_name"_s, u"applicant.birth_date"_s, u"applicant.afm"_s,
        u"applicant.amka"_s, u"applicant.address"_s};
    for (const RequestType &t : types) {
        QVERIFY2(!t.name.el.isEmpty() && !t.name.en.isEmpty() && !t.description.el.isEmpty()
                && !t.description.en.isEmpty() && !t.answerTemplate.isEmpty() && !t.answerTitle.el.isEmpty(),
            qPrintable(t.code));
        QVERIFY2(server.context().catalog->department(t.departmentId), qPrintable(t.code));
        QVERIFY2(t.field(u"purpose"_s) || t.kind == u"programme", qPrintable(t.code));
        auto it = value.globalMatch(t.answerTemplate);
        while (it.hasNext()) {
            const QString name = it.next().captured(1);
            QVERIFY2(known.contains(name) || (name.startsWith(u"fields."_s) && t.field(name.mid(7))),
                qPrintable(t.code + u": "_s + name));
        }
    }
    const auto kdap = server.context().requests->type(u"kdap_enrolment"_s);
    QVERIFY(kdap && kdap->kind == u"programme" && !kdap->opensOn.isEmpty() && kdap->opensOn < kdap->closesOn);
    QCOMPARE(server.context().requests->type(u"next_of_kin"_s)->deadlineDays, 1);
    QCOMPARE(server.context().catalog->department(server.context().requests->type(u"tap"_s)->departmentId)->code,
        u"revenue"_s);
    ReportQuery all;
    all.limit = 100;
    for (const Report &report : server.context().reports->query(all)) {
        QVERIFY2(server.context().boundary->contains(report.lat, report.lon), qPrintable(QString::number(report.id)));
        // Demo reports are filed in problem categories only.
        QVERIFY(!server.context().catalog->category(report.serviceCode)->isInformation());
    }
    // The boundary layer keeps its attribution (CC BY 3.0 asks for it wherever it is shown).
    const auto boundary = server.context().gis->repository().find(u"boundary"_s);
    QVERIFY(boundary);
    QVERIFY2(boundary->attribution.startsWith(u"Municipal boundary of Serres: © Hellenic Republic / geodata.gov.gr"_s)
            && boundary->attribution.contains(u"licensed CC BY 3.0"_s),
        qPrintable(boundary->attribution));

    const Run bad = run(base + QStringList{u"demo-seed"_s, u"--reports"_s, u"many"_s});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains(u"--reports must be a whole number"_s), qPrintable(bad.err));
}

void tst_Cli::protocolImportExport()
{
    QTemporaryDir dir;
    const QStringList base{u"--data-dir"_s, dir.path()};
    const QString legacy = dir.filePath(u"legacy.csv"_s);
    // As another protocol system might export it: Greek direction marks, a quoted subject.
    QVERIFY(writeFile(legacy,
        "number,registered_at,direction,correspondent,subject\r\n"
        "15923,2025-12-30T09:00:00+02:00,ΕΙΣ,ΔΕΥΑ Σερρών,\"Αίτηση, με κόμμα\"\r\n"
        "1,2026-01-02T11:30:00+02:00,ΕΞ,Περιφέρεια Κεντρικής Μακεδονίας,Διαβιβαστικό\r\n"));
    Run r = run(base + QStringList{u"protocol"_s, u"import"_s, legacy});
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QVERIFY2(r.out.contains(u"imported 2 protocol entries into the general book"_s), qPrintable(r.out));

    // The same numbers again: refused, nothing imported.
    r = run(base + QStringList{u"protocol"_s, u"import"_s, legacy});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"15923/30-12-2025 is already in the general book"_s)
            && r.err.contains(u"nothing was imported"_s),
        qPrintable(r.err));
    const QString broken = dir.filePath(u"broken.csv"_s);
    QVERIFY(writeFile(broken, "number,registered_at,direction,correspondent,subject\n7,yesterday,in,A,B\n"));
    r = run(base + QStringList{u"protocol"_s, u"import"_s, broken});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"row 2: registered_at \"yesterday\""_s), qPrintable(r.err));

    // Out again: to standard output, to a file, one year.
    r = run(base + QStringList{u"protocol"_s, u"export"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QVERIFY2(r.out.contains(u"book,protocol_number,number,registered_at"_s), qPrintable(r.out));
    QVERIFY2(
        r.out.indexOf(u"15923/30-12-2025"_s) < r.out.indexOf(u"1/02-01-2026"_s), qPrintable(r.out)); // oldest first
    QVERIFY(r.out.contains(u"\"Αίτηση, με κόμμα\""_s));
    const QString exported = dir.filePath(u"out.csv"_s);
    r = run(base + QStringList{u"protocol"_s, u"export"_s, exported, u"--year"_s, u"2026"_s});
    QVERIFY2(r.exitCode == 0 && r.out.contains(u"exported 1 entries"_s), qPrintable(r.both()));
    QFile file(exported);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.contains(u"Διαβιβαστικό"_s) && !text.contains(u"Αίτηση"_s));

    r = run(base + QStringList{u"protocol"_s, u"books"_s});
    QVERIFY2(r.exitCode == 0 && r.out.contains(u"general\topen"_s) && r.out.contains(u"confidential\tconfidential"_s),
        qPrintable(r.both()));
    r = run(base + QStringList{u"protocol"_s, u"import"_s, legacy, u"--book"_s, u"nosuch"_s});
    QVERIFY2(r.exitCode == 1 && r.err.contains(u"no protocol book \"nosuch\""_s), qPrintable(r.both()));
}

void tst_Cli::serveStopsCleanlyOnSigterm()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QTemporaryDir dir;
    QProcess p;
    prepare(p);
    p.setArguments(QStringList{u"serve"_s, u"--data-dir"_s, dir.path(), u"--set"_s, u"server/port=%1"_s.arg(port),
                       u"--set"_s, u"http/access_log=false"_s}
        + kFast);
    p.start();
    QVERIFY2(p.waitForStarted(10'000), qPrintable(p.errorString()));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT(
        (out += p.readAllStandardOutput()).contains("listening on") || p.state() == QProcess::NotRunning, 20'000);
    QVERIFY2(p.state() == QProcess::Running, QByteArray(out + p.readAllStandardError()).constData());
    QVERIFY2(out.contains(QByteArray("listening on 127.0.0.1:" + QByteArray::number(port))), out.constData());
    QVERIFY(out.contains("/open311/v2/discovery.json"));

    // It answers HTTP.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(socket.waitForConnected(10'000));
    socket.write("GET /open311/v2/services.json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    QByteArray response;
    QTRY_VERIFY_WITH_TIMEOUT(
        (response += socket.readAll()).contains("\r\n\r\n") && socket.state() == QAbstractSocket::UnconnectedState,
        20'000);
    response += socket.readAll();
    QVERIFY2(response.startsWith("HTTP/1.1 200"), response.constData());
    QVERIFY2(response.endsWith("[]"), response.constData()); // no categories yet

    p.terminate(); // SIGTERM
    QVERIFY(p.waitForFinished(20'000));
    out += p.readAllStandardOutput();
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY2(p.exitCode() == 0, err.constData());
    QVERIFY2(out.trimmed().endsWith("dimosd: stopped"), out.constData());
    QVERIFY2(err.contains("stopping"), err.constData());

    // The port is free again.
    QTcpServer again;
    QVERIFY(again.listen(QHostAddress::LocalHost, port));
}

void tst_Cli::serveOnBusyPortFails()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    QTemporaryDir dir;
    const Run r
        = run(QStringList{u"serve"_s, u"--data-dir"_s, dir.path(), u"--port"_s, QString::number(squatter.serverPort())}
            + kFast);
    QCOMPARE(r.exitStatus, QProcess::NormalExit);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QString::number(squatter.serverPort())), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_Cli.moc"
