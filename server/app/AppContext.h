#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

#include "server/core/CitizenMail.h"

namespace dimos {

class AnswerRenderer;
class AuthService;
class Boundary;
class CatalogRepository;
class CitizenAccounts;
class CitizenRepository;
class Clock;
class Database;
class EventRepository;
class InformationRepository;
class InformationService;
class GisLayers;
class LayerImports;
class MailOutbox;
class MediaStore;
class MessageCatalog;
class ReportRepository;
class ReportService;
class StreetRepository;
class ProtocolRepository;
class UserRepository;
struct PhotoLimits;
class RateLimiter;
class Templates;
struct WebSettings;
class DocumentStore;
struct DocumentLimits;
class RequestRepository;
class RequestService;
class RoutingRuleRepository;

// What route handlers may use. Owned by Server; handlers hold a reference for the
// server's lifetime.
struct AppContext
{
    Database *db = nullptr;
    const Clock *clock = nullptr;
    UserRepository *users = nullptr;
    CatalogRepository *catalog = nullptr;
    ReportRepository *reports = nullptr;
    EventRepository *events = nullptr;
    // Wakes the live stream after a transaction that logged events committed (set once the
    // server listens; empty before). The services have their own listener; this one is for
    // the events the API logs itself (api/ApiHelpers: changeCatalog).
    std::function<void()> eventsCommitted;
    AuthService *auth = nullptr;
    ReportService *reportService = nullptr;
    MediaStore *media = nullptr;
    MailOutbox *mailOutbox = nullptr; // mails to send: enqueue() inside the transaction of the change that causes them
    const Boundary *boundary = nullptr;
    QByteArray boundaryGeoJson; // GET /api/v1/boundary; empty when no boundary is configured
    const PhotoLimits *photoLimits = nullptr;
    RateLimiter *reportRateLimiter = nullptr; // new reports per client address
    MailSink mail; // writes a mail to the outbox inside the caller's transaction; empty: no mail
    CitizenMail *citizenMail = nullptr; // subscriptions and followers
    StreetRepository *streets = nullptr; // the municipality's street list (address search)
    ProtocolRepository *protocol = nullptr; // the document protocol register
    InformationRepository *information = nullptr; // items of the information categories
    InformationService *informationService = nullptr; // every change to them
    GisLayers *gis = nullptr; // GIS layers: import, and the spatial index (server/gis)
    LayerImports *layerImports = nullptr; // imports started over the API, read without blocking
    AnswerRenderer *answerRenderer = nullptr; // the answer PDFs of requests (pdf/PdfRenderer)
    RequestRepository *requests = nullptr; // e-Dimotis: request types, requests, the audit log
    RequestService *requestService = nullptr; // every change to a request
    DocumentStore *documents = nullptr; // requests' documents and answers (<data>/documents)
    CitizenRepository *citizens = nullptr; // citizens' accounts, sessions, tokens, identities
    CitizenAccounts *citizenAccounts = nullptr; // registration, sign-in, reset, profile (web/AccountPages)
    RoutingRuleRepository *routingRules = nullptr; // where new reports go (api/AdminApi)
    QString baseUrl; // public URL of this server, no trailing slash
    QString municipalityName; // Greek
    QString municipalityNameEn;
    QString contactEmail;
    bool open311RequireApiKey = true;
    int maxPhotosPerReport = 5;
    const Templates *templates = nullptr; // web pages and mails (resources/templates)
    const MessageCatalog *messages = nullptr; // their texts (resources/i18n)
    const WebSettings *web = nullptr;
    // e-Dimotis uploads (web/RequestPages): requests/max_document_mib and max_documents, and
    // http/max_body_mib, past which the HTTP layer refuses a whole upload (413).
    const DocumentLimits *documentLimits = nullptr;
    qint64 maxBodyBytes = 0;
};

} // namespace dimos
