#include "Server.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include "server/api/AdminApi.h"
#include "server/api/GisApi.h"
#include "server/api/InformationApi.h"
#include "server/api/ProtocolApi.h"
#include "server/api/RequestApi.h"
#include "server/api/StaffApi.h"
#include "server/api/StatusApi.h"
#include "server/core/AuthService.h"
#include "server/core/CitizenAccounts.h"
#include "server/core/CitizenMail.h"
#include "server/core/DocumentStore.h"
#include "server/core/InformationService.h"
#include "server/core/LinkTokens.h"
#include "server/core/MediaStore.h"
#include "server/core/RateLimiter.h"
#include "server/core/ReportService.h"
#include "server/core/RequestService.h"
#include "server/feeds/AtomFeeds.h"
#include "server/gis/GisLayers.h"
#include "server/gis/LayerImports.h"
#include "server/gis/LayerKind.h"
#include "server/http/HttpFront.h"
#include "server/http/ResponseCache.h"
#include "server/http/Router.h"
#include "server/live/LiveHub.h"
#include "server/mail/MailOutbox.h"
#include "server/mail/MailWorker.h"
#include "server/open311/Open311Api.h"
#include "server/pdf/PdfRenderer.h"
#include "server/render/MessageCatalog.h"
#include "server/render/Templates.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/CitizenRepository.h"
#include "server/storage/DataVersionProbe.h"
#include "server/storage/Database.h"
#include "server/storage/EventRepository.h"
#include "server/storage/InformationRepository.h"
#include "server/storage/LayerRepository.h"
#include "server/storage/Migrator.h"
#include "server/storage/ProtocolRepository.h"
#include "server/storage/ReportRepository.h"
#include "server/storage/RequestRepository.h"
#include "server/storage/RoutingRuleRepository.h"
#include "server/storage/StreetRepository.h"
#include "server/storage/SubscriptionRepository.h"
#include "server/storage/UserRepository.h"
#include "server/web/ReportMapIndex.h"
#include "server/web/WebSite.h"
#include "shared/geo/Boundary.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcServer, "dimos.server")

namespace dimos {

namespace {

// The boundary as GET /api/v1/boundary serves it: the file's GeoJSON with its attribution as
// a top-level "attribution" member (a foreign member, which GeoJSON readers ignore).
QByteArray boundaryDocument(const QByteArray &geoJson, const QString &boundaryFile)
{
    QJsonObject o = QJsonDocument::fromJson(geoJson).object();
    const QString attribution = attributionBeside(boundaryFile);
    if (!attribution.isEmpty())
        o.insert(u"attribution"_s, attribution);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

// Declared in the order they are built; destroyed in reverse, so the HTTP front goes
// before the services and the database last.
struct Server::Parts
{
    std::unique_ptr<Database> db;
    std::unique_ptr<UserRepository> users;
    std::unique_ptr<CatalogRepository> catalog;
    std::unique_ptr<ReportRepository> reports;
    std::unique_ptr<EventRepository> events;
    std::unique_ptr<MediaStore> media;
    std::optional<Boundary> boundary;
    std::unique_ptr<AuthService> auth;
    std::unique_ptr<ReportService> reportService;
    std::unique_ptr<RateLimiter> reportLimiter;
    std::unique_ptr<Templates> templates;
    std::unique_ptr<MessageCatalog> messages;
    std::unique_ptr<WebSite> web;
    std::unique_ptr<MailOutbox> mailOutbox;
    std::unique_ptr<LinkTokens> linkTokens;
    std::unique_ptr<SubscriptionRepository> subscriptions;
    std::unique_ptr<CitizenMail> citizenMail;
    std::unique_ptr<StreetRepository> streets;
    std::unique_ptr<ProtocolRepository> protocol;
    std::unique_ptr<InformationRepository> information;
    std::unique_ptr<InformationService> informationService;
    std::unique_ptr<CitizenRepository> citizens;
    std::unique_ptr<CitizenAccounts> citizenAccounts;
    std::unique_ptr<LayerRepository> layers;
    std::unique_ptr<GisLayers> gis;
    std::unique_ptr<LayerImports> layerImports; // readers of API imports: stopped before gis goes
    std::unique_ptr<RequestRepository> requests;
    std::unique_ptr<DocumentStore> documents;
    std::unique_ptr<RequestService> requestService;
    std::unique_ptr<PdfRenderer> pdfRenderer; // runs dimos-pdf for the answers of requests
    std::unique_ptr<RoutingRuleRepository> routingRules; // where new reports go (docs/ADMIN.md)
    std::unique_ptr<Router> router;
    std::unique_ptr<DataVersionProbe> dataVersion; // for the response cache
    std::unique_ptr<ResponseCache> responseCache;
    std::unique_ptr<HttpFront> front;
    std::unique_ptr<LiveHub> hub; // owns upgraded sockets: goes before the front
    std::unique_ptr<MailWorker> mailWorker; // its own thread and connection: stopped first
};

Server::Server(Config config, const Clock &clock, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_clock(clock), d(std::make_unique<Parts>())
{ }

Server::~Server()
{
    if (d->reportService)
        d->reportService->setEventsCommittedListener({});
    if (d->requestService)
        d->requestService->setEventsCommittedListener({});
    m_ctx.eventsCommitted = {};
    if (d->informationService) {
        d->informationService->setEventsCommittedListener({});
        d->informationService->setPublishedListener({});
    }
    if (d->mailOutbox)
        d->mailOutbox->setQueuedListener({});
    if (d->reportService) {
        d->reportService->setPublishedListener({});
        d->reportService->setPublicUpdateListener({});
        d->reportService->setConfirmedListener({});
    }
    d->mailWorker.reset();
    d->hub.reset();
    d->front.reset();
}

bool Server::open(QString *error)
{
    if (!QDir().mkpath(m_config.dataDir) || !QDir().mkpath(m_config.mediaDir())) {
        *error
            = u"cannot create the data folder %1 (check storage/data_dir and its permissions)"_s.arg(m_config.dataDir);
        return false;
    }
    DatabaseOptions options;
    options.sqlitePath = m_config.databasePath();
    options.sqliteSynchronousFull = m_config.synchronousFull;
    options.backgroundCheckpointMs = 1000;
    d->db = Database::open(options, error);
    if (!d->db)
        return false;
    Migrator migrator(*d->db);
    if (!migrator.migrate(error))
        return false;

    if (!m_config.boundaryFile.isEmpty()) {
        QFile file(m_config.boundaryFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"open311/boundary_file %1 cannot be read: %2"_s.arg(m_config.boundaryFile, file.errorString());
            return false;
        }
        const QByteArray geoJson = file.readAll();
        QString why;
        d->boundary = Boundary::fromGeoJson(geoJson, &why);
        if (!d->boundary) {
            *error = u"open311/boundary_file %1: %2"_s.arg(m_config.boundaryFile, why);
            return false;
        }
        m_ctx.boundaryGeoJson = boundaryDocument(geoJson, m_config.boundaryFile);
    }

    d->users = std::make_unique<UserRepository>(*d->db);
    d->catalog = std::make_unique<CatalogRepository>(*d->db);
    d->reports = std::make_unique<ReportRepository>(*d->db);
    d->events = std::make_unique<EventRepository>(*d->db);
    d->media = std::make_unique<MediaStore>(m_config.mediaDir());
    d->auth = std::make_unique<AuthService>(*d->users, m_clock, m_config.auth);
    d->reportService = std::make_unique<ReportService>(*d->db, *d->reports, *d->events, *d->catalog, *d->users,
        *d->media, d->boundary ? &*d->boundary : nullptr, m_clock, m_config.municipalityNameEl);
    d->reportLimiter = std::make_unique<RateLimiter>(m_clock, m_config.reportsPerHourPerAddress, 3600LL * 1000);
    d->templates = std::make_unique<Templates>();
    d->messages = std::make_unique<MessageCatalog>();
    if (!d->templates->load(u":/templates"_s, error) || !d->messages->load(u":/i18n"_s, error))
        return false;
    d->mailOutbox = std::make_unique<MailOutbox>(*d->db, *d->templates, *d->messages,
        MailCommonValues{
            m_config.municipalityNameEl, m_config.municipalityNameEn, m_config.baseUrl, m_config.contactEmail},
        m_clock);
    d->streets = std::make_unique<StreetRepository>(*d->db);
    d->protocol = std::make_unique<ProtocolRepository>(*d->db);
    d->layers = std::make_unique<LayerRepository>(*d->db);
    d->gis = std::make_unique<GisLayers>(*d->layers, m_clock);
    d->gis->index(); // the spatial index is built now, not on the first map request
    d->layerImports = std::make_unique<LayerImports>(*d->gis, m_clock);
    d->linkTokens = std::make_unique<LinkTokens>(*d->db);
    d->subscriptions = std::make_unique<SubscriptionRepository>(*d->db);
    MailSink sink = [outbox = d->mailOutbox.get()](const MailRequest &m) {
        outbox->enqueue(OutgoingMail{m.to, m.language, m.templateName, m.values, m.unsubscribeUrl});
    };
    d->citizenMail = std::make_unique<CitizenMail>(
        *d->db, *d->subscriptions, *d->catalog, *d->linkTokens, m_clock, m_config.baseUrl, sink, d->messages.get());
    // Mails about reports are written in the transaction of the change (CitizenMail).
    d->reportService->setPublishedListener([m = d->citizenMail.get()](const Report &r) { m->reportPublished(r); });
    d->reportService->setPublicUpdateListener(
        [m = d->citizenMail.get()](const Report &r, const ReportHistoryEntry &e) { m->publicUpdate(r, e); });
    d->reportService->setConfirmedListener([m = d->citizenMail.get()](const Report &r) { m->reporterConfirmed(r); });
    d->information = std::make_unique<InformationRepository>(*d->db);
    d->informationService = std::make_unique<InformationService>(
        *d->db, *d->information, *d->catalog, *d->events, *d->media, d->boundary ? &*d->boundary : nullptr, m_clock);
    // A new information item mails the category's subscribers in its own transaction.
    d->informationService->setPublishedListener(
        [m = d->citizenMail.get()](const InformationItem &item) { m->informationPublished(item); });
    // A subscription's area may be a municipal unit: the named features of municipal_units layers.
    const auto units = [](const QList<SpatialIndex::Hit> &hits) {
        QList<Subscription::Unit> out;
        for (const SpatialIndex::Hit &h : hits)
            if (!h.name.isEmpty() && !out.contains(Subscription::Unit{h.layer.code, h.name}))
                out.append(Subscription::Unit{h.layer.code, h.name});
        return out;
    };
    d->citizenMail->setMunicipalUnits(
        MunicipalUnits{[gis = d->gis.get(), units] { return units(gis->index().featuresOfKind(u"municipal_units"_s)); },
            [gis = d->gis.get(), units](
                double lat, double lon) { return units(gis->index().containingAll(u"municipal_units"_s, lat, lon)); }});

    // Routing rules: a rule's area is a named feature of a polygon layer that holds the report's point.
    d->routingRules = std::make_unique<RoutingRuleRepository>(*d->db);
    d->reportService->setRouting(d->routingRules.get(), [gis = d->gis.get()](double lat, double lon) {
        QList<AreaRef> out;
        for (const SpatialIndex::Hit &h : gis->index().at(lat, lon, 0))
            if (const auto kind = layerKindFromString(h.layer.kind);
                kind && geometryFamily(*kind) == GeometryFamily::Polygonal && !h.name.isEmpty())
                out.append(AreaRef{h.layer.code, h.name});
        return out;
    });

    // e-Dimotis requests (docs/EDIMOTIS.md); the answer PDFs' renderer is set in m_ctx.answerRenderer.
    d->requests = std::make_unique<RequestRepository>(*d->db);
    d->documents = std::make_unique<DocumentStore>(m_config.documentsDir());
    d->requestService = std::make_unique<RequestService>(*d->db, *d->requests, *d->protocol, *d->events, *d->catalog,
        *d->users, *d->documents, d->mailOutbox.get(), m_clock,
        RequestSettings{m_config.requestDocuments, m_config.photos, m_config.municipalityNameEl, m_config.baseUrl});

    // Citizens' accounts (e-Dimotis): the Argon2id cost of staff passwords applies to theirs too.
    d->citizens = std::make_unique<CitizenRepository>(*d->db);
    AccountSettings accountSettings = m_config.accounts;
    accountSettings.passwordCost = m_config.auth.passwordCost;
    d->citizenAccounts
        = std::make_unique<CitizenAccounts>(*d->db, *d->citizens, m_clock, m_config.baseUrl, sink, accountSettings);
    m_ctx.db = d->db.get();
    m_ctx.clock = &m_clock;
    m_ctx.users = d->users.get();
    m_ctx.catalog = d->catalog.get();
    m_ctx.reports = d->reports.get();
    m_ctx.events = d->events.get();
    m_ctx.auth = d->auth.get();
    m_ctx.reportService = d->reportService.get();
    m_ctx.media = d->media.get();
    m_ctx.mailOutbox = d->mailOutbox.get();
    m_ctx.mail = sink;
    m_ctx.citizenMail = d->citizenMail.get();
    m_ctx.streets = d->streets.get();
    m_ctx.protocol = d->protocol.get();
    m_ctx.information = d->information.get();
    m_ctx.informationService = d->informationService.get();
    m_ctx.gis = d->gis.get();
    m_ctx.layerImports = d->layerImports.get();
    m_ctx.requests = d->requests.get();
    m_ctx.requestService = d->requestService.get();
    m_ctx.routingRules = d->routingRules.get();
    d->pdfRenderer = std::make_unique<PdfRenderer>();
    m_ctx.answerRenderer = d->pdfRenderer.get();
    m_ctx.documents = d->documents.get();
    m_ctx.citizens = d->citizens.get();
    m_ctx.citizenAccounts = d->citizenAccounts.get();
    m_ctx.boundary = d->boundary ? &*d->boundary : nullptr;
    m_ctx.photoLimits = &m_config.photos;
    m_ctx.reportRateLimiter = d->reportLimiter.get();
    m_ctx.baseUrl = m_config.baseUrl;
    m_ctx.municipalityName = m_config.municipalityNameEl;
    m_ctx.municipalityNameEn = m_config.municipalityNameEn;
    m_ctx.contactEmail = m_config.contactEmail;
    m_ctx.open311RequireApiKey = m_config.open311RequireApiKey;
    m_ctx.maxPhotosPerReport = m_config.maxPhotosPerReport;
    m_ctx.templates = d->templates.get();
    m_ctx.messages = d->messages.get();
    m_ctx.web = &m_config.web;
    m_ctx.documentLimits = &m_config.requestDocuments;
    m_ctx.maxBodyBytes = m_config.http.maxBodyBytes;

    d->router = std::make_unique<Router>();
    registerStaffApi(*d->router, m_ctx);
    registerInformationApi(*d->router, m_ctx);
    registerProtocolApi(*d->router, m_ctx);
    registerRequestApi(*d->router, m_ctx);
    registerAdminApi(*d->router, m_ctx);
    registerOpen311Api(*d->router, m_ctx);
    registerStatusApi(*d->router, m_ctx);
    registerGisApi(*d->router, m_ctx);
    registerAtomFeeds(*d->router, m_ctx, *d->messages);
    d->web = std::make_unique<WebSite>(m_ctx, *d->events);
    d->web->registerRoutes(*d->router);

    // Another process's commit (the dimosd CLI) reaches the cache within 50 ms; ours at once.
    d->dataVersion = std::make_unique<DataVersionProbe>(*d->db, 50);
    d->responseCache = std::make_unique<ResponseCache>(qint64(m_config.responseCacheMib) * 1024 * 1024, m_clock,
        [probe = d->dataVersion.get()] { return probe->read(); });
    return true;
}

bool Server::listen(QString *error)
{
    if (!m_config.accessLog)
        QLoggingCategory::setFilterRules(u"dimos.access.info=false"_s);
    d->front = std::make_unique<HttpFront>(m_config.http, d->router.get(), d->responseCache.get());
    connect(d->front.get(), &HttpFront::drained, this, &Server::stopped, Qt::SingleShotConnection);
    d->hub = std::make_unique<LiveHub>(*d->events, *d->auth, m_clock, m_config.live);
    d->reportService->setEventsCommittedListener([hub = d->hub.get()] { hub->eventsCommitted(); });
    d->informationService->setEventsCommittedListener([hub = d->hub.get()] { hub->eventsCommitted(); });
    d->requestService->setEventsCommittedListener([hub = d->hub.get()] { hub->eventsCommitted(); });
    m_ctx.eventsCommitted = [hub = d->hub.get()] { hub->eventsCommitted(); };
    d->front->setWebSocketHandler(
        [hub = d->hub.get()](QWebSocket *socket, QTcpSocket *tcp) { hub->accept(socket, tcp); });
    if (!d->front->listenOn(m_config.listenAddress, m_config.port, error))
        return false;
    // The web map's index is built now rather than on the first visitor's request.
    d->web->mapIndex().refresh();
    qCInfo(lcServer).noquote() << u"web map: %1 reports"_s.arg(d->web->mapIndex().size());
    startMail();
    qCInfo(lcServer).noquote() << "listening on"
                               << m_config.listenAddress.toString() + u':' + QString::number(d->front->port());
    return true;
}

void Server::startMail()
{
    const MailSettings &mail = m_config.mail;
    if (mail.mode == MailSettings::Mode::Off) {
        if (const qint64 pending = d->mailOutbox->pendingCount(); pending > 0)
            qCWarning(lcServer) << "mail/mode = off:" << pending << "mails wait in the outbox and are not sent";
        else
            qCInfo(lcServer) << "mail/mode = off: mails are kept in the outbox and not sent";
        return;
    }
    DatabaseOptions options;
    options.sqlitePath = m_config.databasePath();
    options.sqliteSynchronousFull = m_config.synchronousFull;
    d->mailWorker = std::make_unique<MailWorker>(options, mail, m_config.mailFolder(), m_clock);
    d->mailOutbox->setQueuedListener([worker = d->mailWorker.get()] { worker->wake(); });
    qCInfo(lcServer).noquote() << "mail goes"
                               << (mail.mode == MailSettings::Mode::Folder ? u"to the folder "_s + m_config.mailFolder()
                                                                           : u"through "_s + mail.smtpUrl);
}

MailWorker *Server::mailWorker() const
{
    return d->mailWorker.get();
}

quint16 Server::port() const
{
    return d->front ? d->front->port() : 0;
}

LiveHub *Server::liveHub() const
{
    return d->hub.get();
}

const ResponseCache *Server::responseCache() const
{
    return d->responseCache.get();
}

const Router &Server::router() const
{
    return *d->router;
}

int Server::activeConnections() const
{
    return d->front ? d->front->activeConnections() : 0;
}

void Server::shutdown(int graceMs)
{
    if (!d->front) {
        QMetaObject::invokeMethod(this, &Server::stopped, Qt::QueuedConnection);
        return;
    }
    if (d->hub)
        d->hub->shutdown(); // 1001 to every live client; their connections end with the handshake
    d->front->shutdown(graceMs);
}

} // namespace dimos
