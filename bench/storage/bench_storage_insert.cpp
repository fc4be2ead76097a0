// Single-row insert through dimosd's storage layer against the raw SQLite C API.
//
// Three sides, each on its own database file with the schema the Migrator writes and the
// pragmas Database::open sets (WAL, synchronous NORMAL or FULL, foreign keys, busy timeout,
// temp_store MEMORY):
//   repository  ReportRepository::insert(), one transaction per report, as ReportService uses it
//   service     ReportService::create(), what an Open311 POST runs after parsing (validation,
//               insert, the "created" history line, the stored report read back, the event row)
//   raw         sqlite3_* calls doing what ReportRepository::insert does — BEGIN, INSERT …
//               RETURNING id, UPDATE search_text, COMMIT — with statements prepared once and
//               the search text computed before the clock starts
// The sides alternate, `runs` rounds of `rows` inserts each (after a warm-up round), the
// order rotating every round. One JSON line per measured round on standard output.
//
//   bench_storage_insert --rows N --runs R [--full] [--dir FOLDER]

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <cstdio>
#include <functional>
#include <memory>

#include "server/core/MediaStore.h"
#include "server/core/ReportService.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/Database.h"
#include "server/storage/EventRepository.h"
#include "server/storage/Migrator.h"
#include "server/storage/ReportRepository.h"
#include "server/storage/UserRepository.h"
#include "shared/text/SearchFold.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_storage_insert: %s\n", qPrintable(message));
    std::exit(1);
}

const QString kCode = u"pothole"_s;
const QString kDescription = u"Λακκούβα στο οδόστρωμα μπροστά από το σχολείο, βάθος περίπου 10 εκατοστά"_s;

// A database with the current schema and the one department and category the reports use.
std::unique_ptr<Database> prepareDatabase(const QString &path, bool full)
{
    DatabaseOptions options;
    options.sqlitePath = path;
    options.sqliteSynchronousFull = full;
    QString error;
    std::unique_ptr<Database> db = Database::open(options, &error);
    if (!db)
        die(error);
    Migrator migrator(*db);
    if (!migrator.migrate(&error))
        die(error);
    CatalogRepository catalog(*db);
    Department d;
    d.code = u"roads"_s;
    d.name = {u"Οδοποιία"_s, u"Roads"_s};
    d.email = u"roads@example.org"_s;
    Category c;
    c.code = kCode;
    c.name = {u"Λακκούβα"_s, u"Pothole"_s};
    c.departmentId = catalog.insertDepartment(d, 0);
    catalog.insertCategory(c, 0);
    return db;
}

// What ReportService::create hands the repository for an Open311 report without photos.
Report sampleReport(qint64 nowMs)
{
    Report r;
    r.serviceCode = kCode;
    r.lat = 41.0912;
    r.lon = 23.5486;
    r.description = kDescription;
    r.channel = u"open311"_s;
    r.agencyResponsible = u"Οδοποιία"_s;
    r.departmentId = 1;
    r.requestedMs = nowMs;
    r.updatedMs = nowMs;
    r.contact.email = u"citizen@example.org"_s;
    r.contact.firstName = u"Μαρία"_s;
    return r;
}

class RawSide
{
public:
    RawSide(const QString &path, bool full)
    {
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
            die(u"sqlite3_open_v2 %1: %2"_s.arg(path, QString::fromUtf8(sqlite3_errmsg(m_db))));
        exec("PRAGMA journal_mode = WAL");
        exec(full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        exec("PRAGMA foreign_keys = ON");
        exec("PRAGMA busy_timeout = 5000");
        exec("PRAGMA temp_store = MEMORY");
        m_insert = prepare(
            "INSERT INTO reports (service_code, status, is_open, duplicate_of, description, lat, lon, address, "
            "address_id, zipcode, status_notes, agency_responsible, service_notice, channel, requested_ms, "
            "updated_ms, expected_ms, priority, department_id, assignee_id, version, token, api_key_id, "
            "contact_email, contact_first_name, contact_last_name, contact_phone, contact_device_id, "
            "contact_account_id, search_text, is_demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
        m_update = prepare("UPDATE reports SET search_text = ? WHERE id = ?");
        m_begin = prepare("BEGIN");
        m_commit = prepare("COMMIT");
    }
    ~RawSide()
    {
        for (sqlite3_stmt *s : {m_insert, m_update, m_begin, m_commit})
            sqlite3_finalize(s);
        sqlite3_close(m_db);
    }
    Q_DISABLE_COPY_MOVE(RawSide)

    void insert(const Report &r, const QByteArray &searchText, qint64 token)
    {
        step(m_begin);
        sqlite3_stmt *s = m_insert;
        int i = 0;
        auto text = [&](const QByteArray &t) { sqlite3_bind_text(s, ++i, t.constData(), int(t.size()), nullptr); };
        text(m_code);
        text("new");
        sqlite3_bind_int(s, ++i, 1);
        sqlite3_bind_null(s, ++i);
        text(m_description);
        sqlite3_bind_double(s, ++i, r.lat);
        sqlite3_bind_double(s, ++i, r.lon);
        for (int k = 0; k < 4; ++k) // address, address_id, zipcode, status_notes
            text(QByteArray(""));
        text(m_agency);
        text(QByteArray(""));
        text(m_channel);
        sqlite3_bind_int64(s, ++i, r.requestedMs);
        sqlite3_bind_int64(s, ++i, r.updatedMs);
        sqlite3_bind_null(s, ++i);
        sqlite3_bind_int(s, ++i, 0);
        sqlite3_bind_int64(s, ++i, 1);
        sqlite3_bind_null(s, ++i);
        sqlite3_bind_int(s, ++i, 1);
        const QByteArray tok = QByteArray::number(token, 16);
        sqlite3_bind_text(s, ++i, tok.constData(), int(tok.size()), SQLITE_TRANSIENT);
        sqlite3_bind_null(s, ++i);
        text(m_email);
        text(m_firstName);
        for (int k = 0; k < 4; ++k) // last name, phone, device, account
            text(QByteArray(""));
        text(searchText);
        sqlite3_bind_int(s, ++i, 0);
        if (sqlite3_step(s) != SQLITE_ROW)
            die(u"raw insert: "_s + QString::fromUtf8(sqlite3_errmsg(m_db)));
        const sqlite3_int64 id = sqlite3_column_int64(s, 0);
        if (sqlite3_step(s) != SQLITE_DONE)
            die(u"raw insert: "_s + QString::fromUtf8(sqlite3_errmsg(m_db)));
        sqlite3_reset(s);
        const QByteArray withId = searchText + ' ' + QByteArray::number(id);
        sqlite3_bind_text(m_update, 1, withId.constData(), int(withId.size()), nullptr);
        sqlite3_bind_int64(m_update, 2, id);
        step(m_update);
        step(m_commit);
    }

private:
    void exec(const char *sql)
    {
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            die(u"%1: %2"_s.arg(QString::fromUtf8(sql), QString::fromUtf8(sqlite3_errmsg(m_db))));
    }
    sqlite3_stmt *prepare(const char *sql)
    {
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &s, nullptr) != SQLITE_OK)
            die(u"prepare %1: %2"_s.arg(QString::fromUtf8(sql), QString::fromUtf8(sqlite3_errmsg(m_db))));
        return s;
    }
    void step(sqlite3_stmt *s)
    {
        if (sqlite3_step(s) != SQLITE_DONE)
            die(u"step: "_s + QString::fromUtf8(sqlite3_errmsg(m_db)));
        sqlite3_reset(s);
    }

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insert = nullptr, *m_update = nullptr, *m_begin = nullptr, *m_commit = nullptr;
    const QByteArray m_code = kCode.toUtf8(), m_description = kDescription.toUtf8();
    const QByteArray m_agency = QByteArrayLiteral("Οδοποιία"), m_channel = QByteArrayLiteral("open311");
    const QByteArray m_email = QByteArrayLiteral("citizen@example.org"), m_firstName = QByteArrayLiteral("Μαρία");
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{u"rows"_s, u"inserts per round"_s, u"n"_s, u"2000"_s},
        {u"runs"_s, u"measured rounds per side"_s, u"n"_s, u"5"_s},
        {u"full"_s, u"PRAGMA synchronous = FULL (storage/synchronous = full) instead of NORMAL"_s},
        {u"dir"_s, u"folder for the database files (default: a temporary folder)"_s, u"folder"_s}});
    parser.process(app);
    const int rows = parser.value(u"rows"_s).toInt();
    const int runs = parser.value(u"runs"_s).toInt();
    const bool full = parser.isSet(u"full"_s);
    if (rows < 1 || runs < 1)
        die(u"--rows and --runs must be positive whole numbers"_s);
    QTemporaryDir tmp(parser.isSet(u"dir"_s) ? parser.value(u"dir"_s) + u"/bench-storage-XXXXXX"_s : QString());
    if (!tmp.isValid())
        die(u"cannot create a temporary folder: "_s + tmp.errorString());

    const Clock &clock = Clock::system();
    const qint64 now = clock.nowMs();

    std::unique_ptr<Database> repoDb = prepareDatabase(tmp.filePath(u"repository.sqlite"_s), full);
    ReportRepository repository(*repoDb);

    std::unique_ptr<Database> serviceDb = prepareDatabase(tmp.filePath(u"service.sqlite"_s), full);
    ReportRepository serviceReports(*serviceDb);
    EventRepository events(*serviceDb);
    CatalogRepository catalog(*serviceDb);
    UserRepository users(*serviceDb);
    MediaStore media(tmp.filePath(u"media"_s));
    ReportService service(*serviceDb, serviceReports, events, catalog, users, media, nullptr, clock, u"Δήμος"_s);

    prepareDatabase(tmp.filePath(u"raw.sqlite"_s), full).reset(); // schema only; closed again
    RawSide raw(tmp.filePath(u"raw.sqlite"_s), full);

    const Report templateReport = sampleReport(now);
    const QByteArray searchText
        = foldForSearch(QStringList{kDescription, QString(), kCode}.join(u' ')).toUtf8(); // before the clock
    NewReport in;
    in.serviceCode = kCode;
    in.lat = templateReport.lat;
    in.lon = templateReport.lon;
    in.description = kDescription;
    in.channel = u"open311"_s;
    in.contact.email = templateReport.contact.email;
    in.contact.firstName = templateReport.contact.firstName;

    qint64 token = 0, repositoryToken = 0; // the token Open311 reports carry (unique index)
    const QList<std::pair<QString, std::function<void()>>> sides{
        {u"repository"_s,
            [&] {
                Report r = templateReport;
                r.token = QString::number(++repositoryToken, 16);
                repository.insert(r);
            }},
        {u"service"_s, [&] { service.create(in); }},
        {u"raw"_s, [&] { raw.insert(templateReport, searchText, ++token); }},
    };
    for (const auto &[name, insert] : sides) // warm-up
        for (int i = 0; i < std::max(50, rows / 5); ++i)
            insert();
    for (int run = 0; run < runs; ++run) {
        for (qsizetype k = 0; k < sides.size(); ++k) {
            const auto &[name, insert] = sides[(k + run) % sides.size()];
            QElapsedTimer timer;
            timer.start();
            for (int i = 0; i < rows; ++i)
                insert();
            const double seconds = double(timer.nsecsElapsed()) / 1e9;
            const QJsonObject line{{u"side"_s, name}, {u"run"_s, run}, {u"rows"_s, rows}, {u"seconds"_s, seconds},
                {u"synchronous"_s, full ? u"FULL"_s : u"NORMAL"_s}};
            std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
            std::fflush(stdout);
        }
    }
    return 0;
}
