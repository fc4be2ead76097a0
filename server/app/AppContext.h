#pragma once

#include <QByteArray>
#include <QString>

namespace dimos {

class AuthService;
class Boundary;
class CatalogRepository;
class Clock;
class Database;
class EventRepository;
class MailOutbox;
class MediaStore;
class ReportRepository;
class ReportService;
class UserRepository;
struct PhotoLimits;
class RateLimiter;

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
    AuthService *auth = nullptr;
    ReportService *reportService = nullptr;
    MediaStore *media = nullptr;
    MailOutbox *mail = nullptr; // mails to send: enqueue() inside the transaction of the change that causes them
    const Boundary *boundary = nullptr;
    QByteArray boundaryGeoJson; // GET /api/v1/boundary; empty when no boundary is configured
    const PhotoLimits *photoLimits = nullptr;
    RateLimiter *reportRateLimiter = nullptr; // new reports per client address
    QString baseUrl; // public URL of this server, no trailing slash
    QString municipalityName;
    QString contactEmail;
    bool open311RequireApiKey = true;
    int maxPhotosPerReport = 5;
};

} // namespace dimos
