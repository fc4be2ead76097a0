// dimosd's configuration: built-in defaults, the shipped sample and demo files, every kind of
// bad value (the message names the key and the file), unknown keys, command-line overrides
// and relative paths.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "server/app/Config.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

QString sourcePath(const QString &relative)
{
    return QStringLiteral(DIMOS_SOURCE_DIR) + u'/' + relative;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

// "section/key" names that the sample file sets (uncommented lines under a [section]).
QStringList keysInIni(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QStringList out;
    QString section;
    for (const QString &raw : QString::fromUtf8(f.readAll()).split(u'\n')) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(u';') || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u'[')) {
            section = line.mid(1, line.indexOf(u']') - 1);
            continue;
        }
        out.append(section + u'/' + line.left(line.indexOf(u'=')).trimmed());
    }
    return out;
}

} // namespace

class tst_Config : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void sampleFileIsValidAndDocumentsTheDefaults();
    void sampleFileListsEveryKey();
    void demoFileResolvesItsPaths();
    void valuesAreScaled();
    void greekAndQuotedText();
    void badValue_data();
    void badValue();
    void unknownKey_data();
    void unknownKey();
    void missingFile();
    void overrides();
    void badOverride_data();
    void badOverride();
    void relativePathsStartAtTheConfigFolder();
    void describeShowsEffectiveValues();
    void mailSettings();
    void mailSettingsThatDoNotFit_data();
    void mailSettingsThatDoNotFit();
};

void tst_Config::defaults()
{
    QString error;
    const auto c = Config::load({}, {}, &error);
    QVERIFY2(c, qPrintable(error));
    QVERIFY(c->file.isEmpty());
    QCOMPARE(c->listenAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(c->port, quint16(8080));
    QCOMPARE(c->baseUrl, u"http://localhost:8080"_s);
    QCOMPARE(c->dataDir, QDir::currentPath() + u"/data"_s);
    QCOMPARE(c->databasePath(), c->dataDir + u"/dimos.sqlite"_s);
    QCOMPARE(c->mediaDir(), c->dataDir + u"/media"_s);
    QVERIFY(!c->synchronousFull);
    QCOMPARE(c->http.maxConnections, 2048);
    QCOMPARE(c->http.maxHeaderBytes, 16 * 1024);
    QCOMPARE(c->http.maxBodyBytes, 48 * 1024 * 1024);
    QCOMPARE(c->http.idleTimeoutMs, 30'000);
    QCOMPARE(c->http.headerTimeoutMs, 15'000);
    QVERIFY(c->accessLog);
    QCOMPARE(c->auth.tokenLifetimeMs, 12LL * 3600 * 1000);
    QCOMPARE(c->auth.maxLoginFailures, 10);
    QCOMPARE(c->auth.loginWindowMs, 15LL * 60 * 1000);
    QCOMPARE(c->auth.passwordCost.opsLimit, 2ULL);
    QCOMPARE(c->auth.passwordCost.memLimitBytes, size_t(64) * 1024 * 1024);
    QVERIFY(c->open311RequireApiKey);
    QVERIFY(c->boundaryFile.isEmpty());
    QCOMPARE(c->reportsPerHourPerAddress, 30);
    QCOMPARE(c->photos.maxBytes, 10 * 1024 * 1024);
    QCOMPARE(c->photos.maxPixels, 40'000'000);
    QCOMPARE(c->maxPhotosPerReport, 5);
    QCOMPARE(c->contactEmail, u"it@example.org"_s);
    QCOMPARE(c->mail.mode, MailSettings::Mode::Off);
    QCOMPARE(c->mailFolder(), c->dataDir + u"/mail"_s);
    QCOMPARE(c->mail.smtpUrl, u"smtp://localhost:25"_s);
    QCOMPARE(c->mail.startTls, MailSettings::StartTls::Required);
    QVERIFY(c->mail.from.isEmpty());
    QCOMPARE(c->mail.retryDelaysMs, (QList<qint64>{60'000, 300'000, 1'800'000, 7'200'000, 43'200'000}));
    QCOMPARE(c->mail.keepDays, 30);
    QCOMPARE(c->web.notFixedDays, 30);
}

void tst_Config::sampleFileIsValidAndDocumentsTheDefaults()
{
    const QString sample = sourcePath(u"resources/config/dimosd.sample.ini"_s);
    QString error;
    const auto fromSample = Config::load(sample, {}, &error);
    QVERIFY2(fromSample, qPrintable(error));
    QCOMPARE(fromSample->file, QFileInfo(sample).absoluteFilePath());
    QCOMPARE(fromSample->dataDir, u"/var/lib/dimos"_s);
    // "every key, with its default": apart from the data folder, the sample is the defaults.
    const auto defaults = Config::load({}, {u"storage/data_dir=/var/lib/dimos"_s}, &error);
    QVERIFY2(defaults, qPrintable(error));
    QCOMPARE(fromSample->describe(), defaults->describe());
}

void tst_Config::sampleFileListsEveryKey()
{
    const QStringList inSample = keysInIni(sourcePath(u"resources/config/dimosd.sample.ini"_s));
    QVERIFY(!inSample.isEmpty());
    QString error;
    const auto c = Config::load({}, {}, &error);
    QVERIFY2(c, qPrintable(error));
    QStringList known;
    for (const QString &line : c->describe())
        known.append(line.section(u" = "_s, 0, 0));
    for (const QString &key : known)
        QVERIFY2(inSample.contains(key), qPrintable(u"dimosd.sample.ini does not show "_s + key));
    for (const QString &key : inSample)
        QVERIFY2(known.contains(key), qPrintable(u"dimosd.sample.ini shows an unknown key "_s + key));
}

void tst_Config::demoFileResolvesItsPaths()
{
    const QString demo = sourcePath(u"resources/config/dimosd.demo.ini"_s);
    QString error;
    const auto c = Config::load(demo, {}, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->dataDir, QDir::cleanPath(sourcePath(u"demo-data"_s)));
    QCOMPARE(c->boundaryFile, QDir::cleanPath(sourcePath(u"resources/demo/serres-boundary.geojson"_s)));
    QVERIFY(QFileInfo::exists(c->boundaryFile));
    QCOMPARE(c->municipalityNameEl, u"Δήμος Σερρών"_s);
    QCOMPARE(c->municipalityNameEn, u"Municipality of Serres"_s);
    QVERIFY(c->open311RequireApiKey);
}

void tst_Config::valuesAreScaled()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"dimosd.ini"_s);
    QVERIFY(writeFile(file,
        "[server]\nlisten = ::\nport = 0\nbase_url = https://dimos.serres.gr\n"
        "[storage]\nsynchronous = FULL\n"
        "[http]\nmax_header_kib = 8\nmax_body_mib = 20\nidle_timeout_s = 5\nheader_timeout_s = 2\n"
        "access_log = off\n"
        "[auth]\ntoken_lifetime_hours = 1\nlogin_window_minutes = 2\nargon2_ops = 3\n"
        "argon2_mem_mib = 16\n"
        "[open311]\nrequire_api_key = no\n"
        "[photos]\nmax_mib = 3\nmax_megapixels = 12\nmax_per_report = 0\n"
        "[requests]\nmax_document_mib = 4\nmax_documents = 6\n"
        "[web]\nnot_fixed_days = 7\n"));
    QString error;
    const auto c = Config::load(file, {}, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->listenAddress, QHostAddress(QHostAddress::AnyIPv6));
    QCOMPARE(c->port, quint16(0));
    QCOMPARE(c->baseUrl, u"https://dimos.serres.gr"_s);
    QVERIFY(c->synchronousFull);
    QCOMPARE(c->http.maxHeaderBytes, 8 * 1024);
    QCOMPARE(c->http.maxBodyBytes, 20 * 1024 * 1024);
    QCOMPARE(c->http.idleTimeoutMs, 5000);
    QCOMPARE(c->http.headerTimeoutMs, 2000);
    QVERIFY(!c->accessLog);
    QCOMPARE(c->auth.tokenLifetimeMs, 3600LL * 1000);
    QCOMPARE(c->auth.loginWindowMs, 2LL * 60 * 1000);
    QCOMPARE(c->auth.passwordCost.opsLimit, 3ULL);
    QCOMPARE(c->auth.passwordCost.memLimitBytes, size_t(16) * 1024 * 1024);
    QVERIFY(!c->open311RequireApiKey);
    QCOMPARE(c->photos.maxBytes, 3 * 1024 * 1024);
    QCOMPARE(c->photos.maxPixels, 12'000'000);
    QCOMPARE(c->maxPhotosPerReport, 0);
    QCOMPARE(c->requestDocuments.maxBytes, 4 * 1024 * 1024);
    QCOMPARE(c->requestDocuments.maxCount, 6);
    QCOMPARE(c->web.notFixedDays, 7);
}

void tst_Config::greekAndQuotedText()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"dimosd.ini"_s);
    QVERIFY(writeFile(file,
        u"[municipality]\nname_el = \"Δήμος Σερρών\"\n"
        u"name_en = Municipality of Serres, Central Macedonia\n"
        u"contact_email = δήμαρχος@serres.gr\n"_s.toUtf8()));
    QString error;
    const auto c = Config::load(file, {}, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->municipalityNameEl, u"Δήμος Σερρών"_s);
    // An unquoted comma must not change the text.
    QEXPECT_FAIL("",
        "Config::load: QSettings splits an unquoted value at commas and trims the parts, so the "
        "space after the comma is lost (quoting the value avoids it)",
        Continue);
    QCOMPARE(c->municipalityNameEn, u"Municipality of Serres, Central Macedonia"_s);
    QCOMPARE(c->contactEmail, u"δήμαρχος@serres.gr"_s);
}

void tst_Config::badValue_data()
{
    QTest::addColumn<QString>("section");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected"); // part of the "expected ..." help

    QTest::newRow("max_body_mib zero") << u"http"_s << u"max_body_mib"_s << u"0"_s << u"from 1 to 1024"_s;
    QTest::newRow("max_body_mib too big") << u"http"_s << u"max_body_mib"_s << u"4096"_s << u"from 1 to 1024"_s;
    QTest::newRow("max_body_mib with unit") << u"http"_s << u"max_body_mib"_s << u"48MB"_s << u"a whole number"_s;
    QTest::newRow("max_body_mib fraction") << u"http"_s << u"max_body_mib"_s << u"1.5"_s << u"a whole number"_s;
    QTest::newRow("max_connections too few") << u"http"_s << u"max_connections"_s << u"10"_s << u"from 16"_s;
    QTest::newRow("access_log maybe") << u"http"_s << u"access_log"_s << u"maybe"_s << u"true or false"_s;
    QTest::newRow("port too big") << u"server"_s << u"port"_s << u"70000"_s << u"from 0 to 65535"_s;
    QTest::newRow("port negative") << u"server"_s << u"port"_s << u"-1"_s << u"from 0 to 65535"_s;
    QTest::newRow("port empty") << u"server"_s << u"port"_s << QString() << u"a whole number"_s;
    QTest::newRow("listen host name") << u"server"_s << u"listen"_s << u"localhost"_s << u"an IPv4 or IPv6 address"_s;
    QTest::newRow("listen bad IPv4") << u"server"_s << u"listen"_s << u"127.0.0.256"_s << u"IPv4 or IPv6"_s;
    QTest::newRow("base_url trailing slash")
        << u"server"_s << u"base_url"_s << u"https://dimos.example/"_s << u"without a trailing slash"_s;
    QTest::newRow("base_url ftp") << u"server"_s << u"base_url"_s << u"ftp://dimos.example"_s << u"http://"_s;
    QTest::newRow("base_url no host") << u"server"_s << u"base_url"_s << u"http://"_s << u"http://"_s;
    QTest::newRow("base_url with query") << u"server"_s << u"base_url"_s << u"https://x.example?a=1"_s << u"http://"_s;
    QTest::newRow("base_url bare word") << u"server"_s << u"base_url"_s << u"dimos"_s << u"http://"_s;
    QTest::newRow("data_dir empty") << u"storage"_s << u"data_dir"_s << QString() << u"a folder path"_s;
    QTest::newRow("synchronous off") << u"storage"_s << u"synchronous"_s << u"off"_s << u"normal"_s;
    QTest::newRow("token lifetime zero") << u"auth"_s << u"token_lifetime_hours"_s << u"0"_s << u"from 1 to 2160"_s;
    QTest::newRow("argon2_ops 0") << u"auth"_s << u"argon2_ops"_s << u"0"_s << u"from 1 to 10"_s;
    QTest::newRow("argon2_mem_mib huge") << u"auth"_s << u"argon2_mem_mib"_s << u"99999"_s << u"from 1 to 4096"_s;
    QTest::newRow("require_api_key yes please")
        << u"open311"_s << u"require_api_key"_s << u"yes please"_s << u"true or false"_s;
    QTest::newRow("boundary_file missing")
        << u"open311"_s << u"boundary_file"_s << u"no-such.geojson"_s << u"a GeoJSON file"_s;
    QTest::newRow("reports_per_hour zero")
        << u"open311"_s << u"reports_per_hour_per_address"_s << u"0"_s << u"from 1"_s;
    QTest::newRow("photos max_mib 0") << u"photos"_s << u"max_mib"_s << u"0"_s << u"from 1 to 100"_s;
    QTest::newRow("photos max_per_report 21") << u"photos"_s << u"max_per_report"_s << u"21"_s << u"from 0 to 20"_s;
    QTest::newRow("requests max_document_mib 0")
        << u"requests"_s << u"max_document_mib"_s << u"0"_s << u"from 1 to 100"_s;
    QTest::newRow("requests max_documents 51") << u"requests"_s << u"max_documents"_s << u"51"_s << u"from 1 to 50"_s;
    QTest::newRow("name_el blank") << u"municipality"_s << u"name_el"_s << u"\"   \""_s << u"a non-empty text"_s;
    QTest::newRow("contact_email no at") << u"municipality"_s << u"contact_email"_s << u"it.example.org"_s
                                         << u"an email address"_s;
    QTest::newRow("mail mode sendmail") << u"mail"_s << u"mode"_s << u"sendmail"_s << u"off (mails wait"_s;
    QTest::newRow("mail smtp_url http") << u"mail"_s << u"smtp_url"_s << u"http://mail.example"_s << u"smtp://host"_s;
    QTest::newRow("mail smtp_url no host") << u"mail"_s << u"smtp_url"_s << u"smtp://"_s << u"smtp://host"_s;
    QTest::newRow("mail smtp_url with path")
        << u"mail"_s << u"smtp_url"_s << u"smtp://mail.example/x"_s << u"nothing after the host"_s;
    QTest::newRow("mail smtp_url with user")
        << u"mail"_s << u"smtp_url"_s << u"smtp://u:p@mail.example"_s << u"nothing after the host"_s;
    QTest::newRow("mail from no at") << u"mail"_s << u"from"_s << u"noreply"_s << u"address@domain"_s;
    QTest::newRow("mail from greek local part")
        << u"mail"_s << u"from"_s << u"\"Δήμος <δήμος@serres.gr>\""_s << u"address@domain"_s;
    QTest::newRow("mail starttls yes") << u"mail"_s << u"starttls"_s << u"yes"_s << u"required, optional or off"_s;
    QTest::newRow("mail ca_file missing") << u"mail"_s << u"ca_file"_s << u"no-such-ca.pem"_s << u"PEM file"_s;
    QTest::newRow("mail retry_minutes zero") << u"mail"_s << u"retry_minutes"_s << u"0"_s << u"from 1 to 10080"_s;
    QTest::newRow("mail retry_minutes word") << u"mail"_s << u"retry_minutes"_s << u"soon"_s << u"comma-separated"_s;
    QTest::newRow("mail retry_minutes empty") << u"mail"_s << u"retry_minutes"_s << QString() << u"1 to 10 of them"_s;
    QTest::newRow("web not_fixed_days 0") << u"web"_s << u"not_fixed_days"_s << u"0"_s << u"from 1 to 365"_s;
    QTest::newRow("mail keep_days 0") << u"mail"_s << u"keep_days"_s << u"0"_s << u"from 1 to 3650"_s;
    QTest::newRow("contact_email with space")
        << u"municipality"_s << u"contact_email"_s << u"\"it @example.org\""_s << u"an email address"_s;
}

void tst_Config::badValue()
{
    QFETCH(QString, section);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString file = dir.filePath(u"dimosd.ini"_s);
    // A valid key before the bad one, so the file is read past its first line.
    QVERIFY(writeFile(file, u"[server]\nport = 8081\n[%1]\n%2 = %3\n"_s.arg(section, key, value).toUtf8()));
    QString error;
    const auto c = Config::load(file, {}, &error);
    QVERIFY2(!c, "accepted");
    QVERIFY2(error.startsWith(QFileInfo(file).absoluteFilePath() + u": "_s), qPrintable(error));
    QVERIFY2(error.contains(u"[%1] %2 = "_s.arg(section, key)), qPrintable(error));
    QVERIFY2(error.contains(u"is not valid: expected "_s), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void tst_Config::unknownKey_data()
{
    QTest::addColumn<QByteArray>("ini");
    QTest::addColumn<QString>("expected");
    QTest::newRow("misspelt key") << "[http]\nmax_body = 5\n"_ba << u"unknown key \"http/max_body\""_s;
    QTest::newRow("misspelt section") << "[sever]\nport = 80\n"_ba << u"unknown key \"sever/port\""_s;
    QTest::newRow("key outside any section") << "port = 80\n"_ba << u"unknown key \"general/port\""_s;
    QTest::newRow("wrong case") << "[HTTP]\nmax_body_mib = 5\n"_ba << u"unknown key \"HTTP/max_body_mib\""_s;
    QTest::newRow("after good keys") << "[server]\nport = 80\n[open311]\nrequire_key = true\n"_ba
                                     << u"unknown key \"open311/require_key\""_s;
}

void tst_Config::unknownKey()
{
    QFETCH(QByteArray, ini);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString file = dir.filePath(u"dimosd.ini"_s);
    QVERIFY(writeFile(file, ini));
    QString error;
    QVERIFY(!Config::load(file, {}, &error));
    QVERIFY2(error.startsWith(QFileInfo(file).absoluteFilePath()), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(u"dimosd.sample.ini"_s), qPrintable(error));
}

void tst_Config::missingFile()
{
    QTemporaryDir dir;
    QString error;
    QVERIFY(!Config::load(dir.filePath(u"nope.ini"_s), {}, &error));
    QVERIFY2(error.contains(u"nope.ini"_s), qPrintable(error));
    QVERIFY2(error.contains(u"does not exist"_s), qPrintable(error));
}

void tst_Config::overrides()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"dimosd.ini"_s);
    QVERIFY(writeFile(file, "[server]\nport = 8081\n[http]\nmax_body_mib = 10\n"));
    QString error;
    const auto c = Config::load(file,
        {u"server/port=9090"_s, u"http/access_log=false"_s, u" municipality/name_el =Δήμος Βισαλτίας"_s,
            u"server/base_url=http://a.example:81"_s},
        &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->port, quint16(9090)); // the command line wins over the file
    QCOMPARE(c->http.maxBodyBytes, 10 * 1024 * 1024); // the file wins over the default
    QVERIFY(!c->accessLog);
    QCOMPARE(c->municipalityNameEl, u"Δήμος Βισαλτίας"_s);
    QCOMPARE(c->baseUrl, u"http://a.example:81"_s);

    // The last override of a key wins; a value may contain '='.
    const auto twice = Config::load({}, {u"server/port=1"_s, u"server/port=2"_s}, &error);
    QVERIFY2(twice, qPrintable(error));
    QCOMPARE(twice->port, quint16(2));
}

void tst_Config::badOverride_data()
{
    QTest::addColumn<QString>("override");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bad value") << u"http/max_body_mib=0"_s
                               << u"command line: [http] max_body_mib = \"0\" is not valid: expected a whole number"_s;
    QTest::newRow("unknown key") << u"http/max_bodies=3"_s << u"command line: unknown key \"http/max_bodies\""_s;
    QTest::newRow("no equals") << u"server/port"_s << u"must look like section/key=value"_s;
    QTest::newRow("no key") << u"=8080"_s << u"must look like section/key=value"_s;
    QTest::newRow("no section") << u"port=8080"_s << u"unknown key \"port\""_s;
}

void tst_Config::badOverride()
{
    QFETCH(QString, override);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!Config::load({}, {override}, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void tst_Config::relativePathsStartAtTheConfigFolder()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(u"etc/dimos"_s));
    QVERIFY(QDir(dir.path()).mkpath(u"share"_s));
    const QString boundary = dir.filePath(u"share/boundary.geojson"_s);
    QVERIFY(writeFile(boundary, R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]})"));
    const QString file = dir.filePath(u"etc/dimos/dimosd.ini"_s);
    QVERIFY(writeFile(
        file, "[storage]\ndata_dir = ../../var/dimos\n[open311]\nboundary_file = ../../share/boundary.geojson\n"));

    QString error;
    const auto c = Config::load(file, {}, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->dataDir, QDir::cleanPath(dir.filePath(u"var/dimos"_s)));
    QCOMPARE(c->boundaryFile, QDir::cleanPath(boundary));
    QVERIFY(QDir::isAbsolutePath(c->dataDir));

    // A relative override also starts at the config file, not at the working folder.
    const auto o = Config::load(file, {u"storage/data_dir=state"_s}, &error);
    QVERIFY2(o, qPrintable(error));
    QCOMPARE(o->dataDir, QDir::cleanPath(dir.filePath(u"etc/dimos/state"_s)));

    // Absolute paths stay as they are; without a file, relative paths start at the working folder.
    const auto abs = Config::load(file, {u"storage/data_dir=/srv/dimos"_s}, &error);
    QVERIFY2(abs, qPrintable(error));
    QCOMPARE(abs->dataDir, u"/srv/dimos"_s);
    const auto noFile = Config::load({}, {u"storage/data_dir=rel/dir"_s}, &error);
    QVERIFY2(noFile, qPrintable(error));
    QCOMPARE(noFile->dataDir, QDir::currentPath() + u"/rel/dir"_s);
}

void tst_Config::describeShowsEffectiveValues()
{
    QString error;
    const auto c = Config::load({}, {u"server/port=9191"_s, u"http/max_body_mib=7"_s}, &error);
    QVERIFY2(c, qPrintable(error));
    const QStringList lines = c->describe();
    QVERIFY(lines.contains(u"server/port = 9191"_s));
    QVERIFY(lines.contains(u"http/max_body_mib = 7"_s));
    QVERIFY(lines.contains(u"auth/argon2_mem_mib = 64"_s));
    // One "section/key = value" line per key.
    static const QRegularExpression shape(u"^[a-z0-9_]+/[a-z0-9_]+ = "_s);
    for (const QString &line : lines)
        QVERIFY2(shape.match(line).hasMatch(), qPrintable(line));
}

void tst_Config::mailSettings()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(u"etc"_s));
    const QString ca = dir.filePath(u"etc/relay-ca.pem"_s);
    QVERIFY(writeFile(ca, "-----BEGIN CERTIFICATE-----\n"));
    const QString file = dir.filePath(u"etc/dimosd.ini"_s);
    QVERIFY(writeFile(file,
        u"[mail]\nmode = SMTP\nsmtp_url = smtps://mail.serres.gr:465\nusername = dimos\n"
        u"password = \"s3cret, with comma\"\nfrom = \"Δήμος Σερρών <NoReply@Serres.GR>\"\nstarttls = optional\n"
        u"ca_file = relay-ca.pem\nretry_minutes = 2, 10\nkeep_days = 7\nfolder = ../outbox\n"_s.toUtf8()));
    QString error;
    const auto c = Config::load(file, {}, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->mail.mode, MailSettings::Mode::Smtp);
    QCOMPARE(c->mail.smtpUrl, u"smtps://mail.serres.gr:465"_s);
    QCOMPARE(c->mail.username, u"dimos"_s);
    QCOMPARE(c->mail.password, u"s3cret, with comma"_s);
    QCOMPARE(c->mail.from, u"Δήμος Σερρών <NoReply@Serres.GR>"_s);
    QCOMPARE(c->mail.startTls, MailSettings::StartTls::Optional);
    QCOMPARE(c->mail.caFile, ca);
    QCOMPARE(c->mail.retryDelaysMs, (QList<qint64>{120'000, 600'000}));
    QCOMPARE(c->mail.keepDays, 7);
    QCOMPARE(c->mailFolder(), QDir::cleanPath(dir.filePath(u"outbox"_s)));
    // The password never reaches the log.
    const QStringList described = c->describe();
    QVERIFY(described.contains(u"mail/password = (set)"_s));
    QVERIFY(!described.join(u'\n').contains(u"s3cret"_s));
    QVERIFY(described.contains(u"mail/retry_minutes = 2, 10"_s));
}

void tst_Config::mailSettingsThatDoNotFit_data()
{
    QTest::addColumn<QStringList>("overrides");
    QTest::addColumn<QString>("expected");
    QTest::newRow("smtp without from") << QStringList{u"mail/mode=smtp"_s}
                                       << u"[mail] from must be set when [mail] mode is folder or smtp"_s;
    QTest::newRow("folder without from") << QStringList{u"mail/mode=folder"_s} << u"[mail] from must be set"_s;
    QTest::newRow("password without username")
        << QStringList{u"mail/password=x"_s} << u"[mail] password is set but [mail] username is empty"_s;
}

void tst_Config::mailSettingsThatDoNotFit()
{
    QFETCH(QStringList, overrides);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!Config::load({}, overrides, &error));
    QVERIFY2(error.startsWith(u"command line: "_s), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    // With a sender, the same mode is fine.
    QVERIFY2(Config::load({}, overrides + QStringList{u"mail/from=noreply@serres.gr"_s, u"mail/username=u"_s}, &error),
        qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_Config)
#include "tst_Config.moc"
