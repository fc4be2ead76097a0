#include "Cli.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include "server/app/DemoSeeder.h"
#include "server/app/Server.h"
#include "server/core/AuthService.h"
#include "server/gis/GisLayers.h"
#include "server/http/ApiError.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/Database.h"
#include "server/storage/LayerRepository.h"
#include "server/storage/Migrator.h"
#include "server/storage/ProtocolRepository.h"
#include "server/storage/StorageError.h"
#include "server/storage/StreetRepository.h"
#include "server/storage/UserRepository.h"
#include "shared/util/Clock.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int fail(const QString &message)
{
    err() << "dimosd: " << message << Qt::endl;
    return 1;
}

// A password from the terminal (without echo) or from the first line of standard input.
QString readPassword(const QString &prompt)
{
    const bool tty = isatty(STDIN_FILENO);
    termios old{};
    if (tty) {
        err() << prompt << Qt::flush;
        tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    QTextStream in(stdin);
    const QString line = in.readLine();
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        err() << Qt::endl;
    }
    return line;
}

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &c, 1);
}

int serve(Server &server)
{
    QString error;
    if (!server.listen(&error))
        return fail(error);
    // SIGTERM/SIGINT reach the event loop through a socket pair: a signal handler may only
    // write a byte; the loop does the graceful stop.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return fail(u"cannot set up signal handling"_s);
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &server, [&] {
        char c = 0;
        [[maybe_unused]] const auto n = ::read(g_signalPipe[0], &c, 1);
        notifier.setEnabled(false);
        err() << "dimosd: stopping: finishing requests in progress" << Qt::endl;
        server.shutdown();
    });
    struct sigaction action
    {
    };
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    QObject::connect(&server, &Server::stopped, QCoreApplication::instance(), &QCoreApplication::quit);
    const Config &c = server.config();
    out() << "dimosd " << DIMOS_VERSION << " serving " << c.municipalityNameEl << Qt::endl
          << "  web:         " << c.baseUrl << "/" << Qt::endl
          << "  Open311:     " << c.baseUrl << "/open311/v2/discovery.json" << Qt::endl
          << "  staff API:   " << c.baseUrl << "/api/v1/" << Qt::endl
          << "  listening on " << c.listenAddress.toString() << ":" << server.port() << Qt::endl;
    const int code = QCoreApplication::exec();
    out() << "dimosd: stopped" << Qt::endl;
    return code;
}

int userCommand(Server &server, const QStringList &args, const QCommandLineParser &parser)
{
    AppContext &ctx = server.context();
    const QString sub = args.value(1);
    const QString username = args.value(2);
    if (sub == u"list") {
        for (const StaffUser &u : ctx.users->list())
            out() << u.username << "\t" << roleToString(u.role) << "\t" << (u.active ? "active" : "disabled") << "\t"
                  << u.displayName << Qt::endl;
        return 0;
    }
    if (username.isEmpty())
        return fail(u"usage: dimosd user add|passwd|disable|enable USERNAME"_s);
    if (sub == u"add") {
        StaffUser u;
        u.username = username;
        u.displayName = parser.value(u"name"_s);
        u.email = parser.value(u"email"_s);
        const auto role = roleFromString(parser.value(u"role"_s));
        if (!role)
            return fail(u"--role must be clerk, manager or admin"_s);
        u.role = *role;
        for (const QString &code : parser.values(u"department"_s)) {
            const auto d = ctx.catalog->departmentByCode(code);
            if (!d)
                return fail(u"no department with code \"%1\" (see the departments in dimos-desk)"_s.arg(code));
            u.departmentIds.append(d->id);
        }
        u = ctx.auth->createUser(u, readPassword(u"Password for %1: "_s.arg(username)));
        out() << "created " << roleToString(u.role) << " " << u.username << " (id " << u.id << ")" << Qt::endl;
        return 0;
    }
    if (sub == u"passwd") {
        ctx.auth->setPassword(username, readPassword(u"New password for %1: "_s.arg(username)));
        out() << "password changed; the user's sessions were ended" << Qt::endl;
        return 0;
    }
    if (sub == u"disable" || sub == u"enable") {
        ctx.auth->setActive(username, sub == u"enable");
        out() << username << (sub == u"enable" ? " enabled" : " disabled; its sessions were ended") << Qt::endl;
        return 0;
    }
    return fail(u"unknown user command \"%1\": use add, passwd, disable, enable or list"_s.arg(sub));
}

int apiKeyCommand(Server &server, const QStringList &args)
{
    AppContext &ctx = server.context();
    const QString sub = args.value(1);
    if (sub == u"add") {
        const QString key = ctx.auth->createApiKey(args.mid(2).join(u' '));
        out() << key << Qt::endl;
        err() << "Give this key to the application's developers; it is not shown again." << Qt::endl;
        return 0;
    }
    if (sub == u"list") {
        for (const auto &k : ctx.users->apiKeys())
            out() << k.prefix << "…\t" << (k.revoked ? "revoked" : "active") << "\t" << formatUtc(k.createdMs) << "\t"
                  << k.name << Qt::endl;
        return 0;
    }
    if (sub == u"revoke") {
        if (!ctx.users->revokeApiKey(args.value(2)))
            return fail(u"no active key starts with \"%1\" (see dimosd apikey list)"_s.arg(args.value(2)));
        out() << "revoked" << Qt::endl;
        return 0;
    }
    return fail(u"usage: dimosd apikey add NAME | list | revoke PREFIX"_s);
}

int streetsCommand(Server &server, const QStringList &args)
{
    StreetRepository &streets = *server.context().streets;
    if (args.value(1) == u"count" && args.size() == 2) {
        out() << streets.count() << Qt::endl;
        return 0;
    }
    if (args.value(1) != u"import" || args.size() != 3)
        return fail(u"usage: dimosd streets import FILE | streets count"_s);
    QFile file(args.value(2));
    if (!file.open(QIODevice::ReadOnly))
        return fail(u"cannot read %1: %2"_s.arg(args.value(2), file.errorString()));
    QString error;
    const std::optional<QList<Street>> list
        = StreetRepository::parse(file.readAll(), server.context().boundary, &error);
    if (!list)
        return fail(u"%1: %2 (the street list is unchanged)"_s.arg(args.value(2), error));
    streets.replaceAll(*list);
    out() << "imported " << list->size() << " streets" << Qt::endl;
    return 0;
}

// The protocol register beside another protocol system (docs/PROTOCOL.md): its entries out as
// CSV, another system's numbered entries in (all or nothing), the books.
int protocolCommand(Server &server, const QStringList &args, const QCommandLineParser &parser)
{
    ProtocolRepository &protocol = *server.context().protocol;
    const QString sub = args.value(1);
    const QString book = parser.value(u"book"_s);
    if (sub == u"books" && args.size() == 2) {
        for (const ProtocolBook &b : protocol.books())
            out() << b.code << "\t" << (b.confidential ? "confidential" : "open") << "\t" << b.nameEl << Qt::endl;
        return 0;
    }
    QHash<qint64, QString> departmentCodes;
    QHash<QString, qint64> departmentIds;
    for (const Department &d : server.context().catalog->departments()) {
        departmentCodes.insert(d.id, d.code);
        departmentIds.insert(d.code, d.id);
    }
    if (sub == u"export" && args.size() <= 3) {
        ProtocolQuery q;
        q.bookCode = book;
        q.includeConfidential = !book.isEmpty(); // the confidential book only when asked for by name
        q.limit = std::numeric_limits<int>::max();
        if (parser.isSet(u"year"_s)) {
            bool ok = false;
            q.year = parser.value(u"year"_s).toInt(&ok);
            if (!ok)
                return fail(u"--year must be a year, e.g. 2026"_s);
        }
        if (!book.isEmpty() && !protocol.book(book))
            return fail(u"no protocol book \"%1\" (see dimosd protocol books)"_s.arg(book));
        QByteArray csv = "\xEF\xBB\xBF" + ProtocolRepository::csvHeader();
        const QList<ProtocolEntry> entries = protocol.search(q);
        for (auto it = entries.crbegin(); it != entries.crend(); ++it) // oldest first, as a register reads
            csv += ProtocolRepository::csvRow(*it, departmentCodes);
        if (args.size() == 3) {
            QSaveFile file(args.value(2));
            if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit())
                return fail(u"cannot write %1: %2"_s.arg(args.value(2), file.errorString()));
            out() << "exported " << entries.size() << " entries to " << args.value(2) << Qt::endl;
        } else {
            QFile stdoutFile;
            if (!stdoutFile.open(stdout, QIODevice::WriteOnly) || stdoutFile.write(csv) != csv.size())
                return fail(u"cannot write to standard output"_s);
        }
        return 0;
    }
    if (sub == u"import" && args.size() == 3) {
        QFile file(args.value(2));
        if (!file.open(QIODevice::ReadOnly))
            return fail(u"cannot read %1: %2"_s.arg(args.value(2), file.errorString()));
        const QString into = book.isEmpty() ? u"general"_s : book;
        if (!protocol.book(into))
            return fail(u"no protocol book \"%1\" (see dimosd protocol books)"_s.arg(into));
        QString error;
        const auto entries = ProtocolRepository::parseCsv(file.readAll(), into, departmentIds, &error);
        if (!entries)
            return fail(u"%1: %2; nothing was imported"_s.arg(args.value(2), error));
        try {
            const int n = protocol.importEntries(*entries);
            out() << "imported " << n << " protocol entries into the " << into << " book" << Qt::endl;
        } catch (const StorageError &e) {
            return fail(u"%1: %2; nothing was imported"_s.arg(args.value(2), QString::fromUtf8(e.what())));
        }
        return 0;
    }
    return fail(u"usage: dimosd protocol export [FILE] [--book B] [--year Y] | protocol import FILE [--book B] | "
                u"protocol books"_s);
}

int layersCommand(Server &server, const QStringList &args, const QCommandLineParser &parser)
{
    GisLayers &gis = *server.context().gis;
    const QString sub = args.value(1);
    if (sub == u"list" && args.size() == 2) {
        for (const GisLayer &l : gis.repository().list())
            out() << l.code << "\t" << l.kind << "\t" << l.featureCount << " features\t" << l.sourceCrs << "\t"
                  << l.sourceFile << "\t" << formatUtc(l.importedMs) << "\t" << l.nameEl << Qt::endl;
        return 0;
    }
    if (sub == u"remove" && args.size() == 3) {
        if (!gis.removeLayer(args.value(2)))
            return fail(u"no layer with code \"%1\" (see dimosd layers list)"_s.arg(args.value(2)));
        out() << "removed layer " << args.value(2) << Qt::endl;
        return 0;
    }
    if (sub != u"import" || args.size() != 3)
        return fail(u"usage: dimosd layers import FILE --code CODE --kind KIND --name-el NAME [--name-en NAME] "
                    u"[--encoding CP1253] [--name-field FIELD] [--source-layer NAME] [--source-crs EPSG:2100] "
                    u"[--attribution TEXT] [--style JSON] | layers list | layers remove CODE"_s);
    LayerImportRequest request;
    request.path = args.value(2);
    request.code = parser.value(u"code"_s);
    request.kind = parser.value(u"kind"_s);
    request.nameEl = parser.value(u"name-el"_s);
    request.nameEn = parser.value(u"name-en"_s);
    request.encoding = parser.value(u"encoding"_s);
    request.nameField = parser.value(u"name-field"_s);
    request.sourceLayer = parser.value(u"source-layer"_s);
    request.sourceCrs = parser.value(u"source-crs"_s);
    // The attribution: given, else the one in a NAME.SOURCE.md beside the file.
    request.attribution
        = parser.isSet(u"attribution"_s) ? parser.value(u"attribution"_s) : attributionBeside(request.path);
    request.style = parser.value(u"style"_s).toUtf8();
    const QString user = qEnvironmentVariable("USER");
    request.importedBy = u"dimosd layers import"_s + (user.isEmpty() ? QString() : u" (" + user + u')');
    for (const auto &[option, value] : {std::pair{u"--code"_s, request.code}, std::pair{u"--kind"_s, request.kind},
             std::pair{u"--name-el"_s, request.nameEl}})
        if (value.isEmpty())
            return fail(u"layers import needs %1 (see dimosd --help)"_s.arg(option));
    // A progress line for a person at a terminal; nothing in scripts and logs.
    const bool tty = isatty(STDERR_FILENO);
    QString error;
    const auto imported = gis.importLayer(
        request,
        [tty](qint64 done, qint64 total) {
            if (tty && total > 0)
                err() << "\rreading features: " << done << " / " << total << Qt::flush;
            return true;
        },
        &error);
    if (tty)
        err() << Qt::endl;
    if (!imported)
        return fail(error + u" (the layers are unchanged)"_s);
    out() << (imported->replaced ? "replaced" : "imported") << " layer " << imported->layer.code << ": "
          << imported->layer.featureCount << " features from " << imported->layer.sourceFile << " ("
          << imported->layer.sourceCrs << " to WGS84)" << Qt::endl;
    if (imported->repaired > 0)
        out() << "  " << imported->repaired
              << " invalid geometries were repaired (GEOS MakeValid); check them on the map" << Qt::endl;
    return 0;
}

} // namespace

int runCli(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Dimos server daemon.\n\nCommands:\n"
        u"  serve                     run the server (the default)\n"
        u"  migrate                   bring the database schema up to date and exit\n"
        u"  user add NAME --role R [--department CODE]... [--name N] [--email E]\n"
        u"  user passwd|disable|enable NAME, user list\n"
        u"  apikey add NAME | apikey list | apikey revoke PREFIX   (Open311 keys)\n"
        u"  streets import FILE       replace the street list (CSV: name_el,name_en,lat,lon,postcode;\n"
        u"                            or GeoJSON points/lines) used to find addresses; streets count\n"
        u"  layers import FILE --code C --kind K --name-el N [--name-en N] [--encoding CP1253]\n"
        u"                            [--name-field F] [--source-layer L] [--source-crs EPSG:2100]\n"
        u"                            [--attribution TEXT] [--style JSON]\n"
        u"                            import (or replace) a GIS layer from a Shapefile, GeoPackage, KML\n"
        u"                            or GeoJSON; K is boundary, municipal_units, school_districts,\n"
        u"                            networks, planning_zones or poi (docs/GIS.md)\n"
        u"  layers list, layers remove CODE\n"
        u"  protocol export [FILE] [--book B] [--year Y]   the protocol register as CSV (docs/PROTOCOL.md)\n"
        u"  protocol import FILE [--book B]   another protocol system's numbered entries, all or nothing\n"
        u"  protocol books\n"
        u"  demo-seed [--reports N]   load the demo municipality (Serres) into the database"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {{u"c"_s, u"config"_s}, u"The INI configuration file (default: $DIMOS_CONFIG, else built-in defaults)."_s,
            u"file"_s},
        {u"set"_s, u"Override a configuration key, e.g. --set http/max_body_mib=20."_s, u"section/key=value"_s},
        {u"port"_s, u"Override server/port."_s, u"port"_s},
        {u"listen"_s, u"Override server/listen."_s, u"address"_s},
        {u"data-dir"_s, u"Override storage/data_dir."_s, u"folder"_s},
        {u"check-config"_s, u"Check the configuration, print the effective values and exit."_s},
        {u"role"_s, u"user add: clerk, manager or admin."_s, u"role"_s},
        {u"department"_s, u"user add: a department code (repeatable)."_s, u"code"_s},
        {u"name"_s, u"user add: the display name."_s, u"name"_s},
        {u"email"_s, u"user add: the email address."_s, u"email"_s},
        {u"reports"_s, u"demo-seed: how many sample reports (default 300)."_s, u"count"_s, u"300"_s},
        {u"code"_s, u"layers import: the layer's code (a-z, 0-9, _ and -)."_s, u"code"_s},
        {u"kind"_s, u"layers import: boundary, municipal_units, school_districts, networks, planning_zones or poi."_s,
            u"kind"_s},
        {u"name-el"_s, u"layers import: the layer's name in Greek."_s, u"name"_s},
        {u"name-en"_s, u"layers import: the layer's name in English."_s, u"name"_s},
        {u"encoding"_s, u"layers import: a Shapefile's .dbf text encoding when it has no .cpg (e.g. CP1253)."_s,
            u"encoding"_s},
        {u"name-field"_s, u"layers import: the attribute that names each feature."_s, u"field"_s},
        {u"source-layer"_s, u"layers import: which layer of a file that has several."_s, u"name"_s},
        {u"source-crs"_s, u"layers import: the coordinate system of a file that declares none (e.g. EPSG:2100)."_s,
            u"crs"_s},
        {u"attribution"_s, u"layers import: the source and licence text to show with the layer."_s, u"text"_s},
        {u"style"_s, u"layers import: how maps draw it, a JSON object of Leaflet path options."_s, u"json"_s},
        {u"book"_s, u"protocol: the protocol book (general, confidential)."_s, u"code"_s},
        {u"year"_s, u"protocol export: only this year's entries."_s, u"year"_s},
    });
    parser.process(arguments);

    QString configFile = parser.value(u"config"_s);
    if (configFile.isEmpty())
        configFile = qEnvironmentVariable("DIMOS_CONFIG");
    QStringList overrides = parser.values(u"set"_s);
    if (parser.isSet(u"port"_s))
        overrides.append(u"server/port="_s + parser.value(u"port"_s));
    if (parser.isSet(u"listen"_s))
        overrides.append(u"server/listen="_s + parser.value(u"listen"_s));
    if (parser.isSet(u"data-dir"_s))
        overrides.append(u"storage/data_dir="_s + QFileInfo(parser.value(u"data-dir"_s)).absoluteFilePath());
    QString error;
    const std::optional<Config> config = Config::load(configFile, overrides, &error);
    if (!config)
        return fail(error);
    if (parser.isSet(u"check-config"_s)) {
        out() << "configuration OK" << (config->file.isEmpty() ? QString() : u" ("_s + config->file + u')') << Qt::endl;
        for (const QString &line : config->describe())
            out() << "  " << line << Qt::endl;
        return 0;
    }

    const QStringList args = parser.positionalArguments();
    const QString command = args.value(0, u"serve"_s);
    if (command != u"serve" && command != u"migrate" && command != u"user" && command != u"apikey"
        && command != u"demo-seed" && command != u"streets" && command != u"layers" && command != u"protocol")
        return fail(u"unknown command \"%1\"; see dimosd --help"_s.arg(command));

    Server server(*config, Clock::system());
    if (!server.open(&error))
        return fail(error);
    try {
        if (command == u"serve")
            return serve(server);
        if (command == u"migrate") {
            Migrator m(*server.context().db);
            out() << "database " << config->databasePath() << " is at schema version " << m.currentVersion()
                  << Qt::endl;
            return 0;
        }
        if (command == u"user")
            return userCommand(server, args, parser);
        if (command == u"apikey")
            return apiKeyCommand(server, args);
        if (command == u"streets")
            return streetsCommand(server, args);
        if (command == u"layers")
            return layersCommand(server, args, parser);
        if (command == u"protocol")
            return protocolCommand(server, args, parser);
        bool ok = false;
        const int count = parser.value(u"reports"_s).toInt(&ok);
        if (!ok || count < 0 || count > 1'000'000)
            return fail(u"--reports must be a whole number from 0 to 1000000"_s);
        QStringList summary;
        if (!DemoSeeder(server).seed(count, &summary, &error))
            return fail(error);
        out() << "demo municipality loaded into " << config->databasePath() << Qt::endl;
        for (const QString &line : summary)
            out() << "  " << line << Qt::endl;
        return 0;
    } catch (const ApiError &e) {
        return fail(e.message);
    } catch (const std::exception &e) {
        return fail(QString::fromUtf8(e.what()));
    }
}

} // namespace dimos
