#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

#include "client/store/ReportStore.h"
#include "shared/domain/Report.h"
#include "shared/geo/Boundary.h"

class QJsonArray;
class QJsonObject;
class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace dimos {

// Why a request failed, in the terms the user interface needs.
enum class ApiErrorKind {
    WrongPassword, // 401 on sign-in
    Unauthorized, // 401 elsewhere: the session expired or was revoked
    Unreachable, // connection refused, host not found, timed out, connection dropped
    TlsError, // certificate or handshake failure
    RateLimited, // 429; retryAfterSeconds says when to try again
    Conflict, // 409: someone else changed the report; `current` holds it as stored now
    Forbidden, // 403
    NotFound, // 404
    Validation, // 400 / 422: the message names the field
    Other, // any other failure (5xx, a malformed answer)
};

struct ApiFailure
{
    ApiErrorKind kind = ApiErrorKind::Other;
    int httpStatus = 0; // 0 when no HTTP answer arrived
    QString message; // the server's message, or the network error text
    int retryAfterSeconds = 0;
    std::optional<Report> current; // for Conflict
};

// The triage actions of the staff API (POST /api/v1/reports/{id}/<action>).
enum class ReportAction {
    Acknowledge,
    Assign,
    Status,
    Note,
    Priority,
    Duplicate,
    Reopen,
    Schedule,
    Moderate, // approve or hide (publication on the web pages and Open311)
    Photo, // show or withhold a photo
    Redact,
};

// The clerks' actions on a certificate or programme request (docs/EDIMOTIS.md).
enum class CitizenRequestAction { Claim, Ask, Issue, Reject };

// The staff REST API (docs/api/rest.md) over one QNetworkAccessManager. Every call is
// asynchronous and answers with a signal. With a store attached (setStore), what comes back
// (report pages, action results, the current copy in a conflict, the lookup tables) is
// written into it, so the views follow without further wiring.
class ApiClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiClient)

public:
    enum class Operation {
        Me,
        LoadReports,
        ReportDetail,
        Departments,
        Categories,
        Users,
        Information,
        CitizenRequests,
        CitizenRequestDetail,
        Protocol,
        RequestTypes,
        Download,
        AuditLog,
        Layers,
        WhatIsHere,
    };
    Q_ENUM(Operation)

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    void setServer(const QUrl &server);
    QUrl server() const { return m_server; }
    void setToken(const QString &token) { m_token = token; }
    QString token() const { return m_token; }
    void setStore(ReportStore *store) { m_store = store; }
    // Per request: the transfer is abandoned when no byte moved for this long.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    static QByteArray userAgent();

    void login(const QString &username, const QString &password);
    void me();
    // Every report, newest change first, 1000 per page, following next_cursor until the end.
    // A call while a load runs abandons the earlier one.
    void loadAllReports();
    void reportDetail(qint64 id);
    void departments();
    void categories();
    void users();

    // Triage actions; `version` is the report's version as the clerk saw it.
    void acknowledge(qint64 id, int version, const QString &publicNote = {});
    // `departmentId` moves the report; `assigneeId` assigns a clerk; clearAssignee unassigns.
    void assign(qint64 id, int version, std::optional<qint64> departmentId, std::optional<qint64> assigneeId,
        bool clearAssignee = false);
    void setStatus(qint64 id, int version, ReportStatus status, const QString &note = {}, bool notePublic = true);
    void addNote(qint64 id, int version, const QString &text, bool isPublic);
    void setPriority(qint64 id, int version, Priority priority);
    void markDuplicate(qint64 id, int version, qint64 duplicateOf, const QString &note = {});
    void reopen(qint64 id, int version, const QString &note = {});
    // Empty `expectedMs` clears the date.
    void schedule(qint64 id, int version, std::optional<qint64> expectedMs);
    // Moderation: approve (publish) or hide; show or withhold a photo; replace the description.
    void moderate(qint64 id, int version, bool approve, const QString &reason = {});
    void setPhotoPublic(qint64 id, int version, qint64 photoId, bool isPublic);
    void redact(qint64 id, int version, const QString &description, const QString &reason);

    // Information items (docs/api/rest.md): the list into the store; each change answers
    // with informationSaved (the item, also written into the store) or informationFailed.
    void informationItems();
    // `fields`: category, title, text, starts_at, ends_at, lat, lon, address as the API names them.
    void publishInformation(const QJsonObject &fields);
    void editInformation(qint64 id, int version, const QJsonObject &fields);
    void withdrawInformation(qint64 id, int version);
    // The photo's bytes as read from its file; the server checks and re-encodes it.
    void addInformationPhoto(qint64 id, const QByteArray &photo, const QByteArray &contentType);

    // Certificate and programme requests (docs/EDIMOTIS.md). The queue (the caller's
    // departments; every department for managers and admins) into the store; one request in
    // full (applicant, documents, history) into the store; an action answers with
    // citizenRequestSaved (the request, also in the store) or citizenRequestFailed.
    void loadCitizenRequests();
    void citizenRequestDetail(qint64 id);
    // `text`: what is asked for (Ask), the reason (Reject), an optional note (Issue).
    void citizenRequestAction(qint64 id, CitizenRequestAction action, int version, const QString &text = {});

    // A file the API serves as it is (a request's document, an answer PDF, the protocol's
    // CSV export): downloaded answers with the bytes and their Content-Type.
    void download(const QString &pathAndQuery);

    // The protocol register: GET /api/v1/protocol with these filters (docs/api/rest.md).
    void searchProtocol(const QList<std::pair<QString, QString>> &filters);

    // Numbers from another protocol system (admins): the CSV file as it is (docs/api/rest.md,
    // "Protocol register"); all or nothing. Answers protocolImported or protocolImportFailed.
    void importProtocol(const QByteArray &csv, const QString &book);

    // Request types (admin): the list as the API gives it; saving answers requestTypeSaved
    // or requestTypeFailed.
    void requestTypes();
    void saveRequestType(const QJsonObject &type, bool isNew);

    // The audit log of personal documents and records (admins): GET /api/v1/audit with these
    // filters (request_id, from, to), newest first.
    void auditLog(const QList<std::pair<QString, QString>> &filters);
    // Administration (departments, staff users, categories, routing rules — docs/api/rest.md):
    // one JSON call whose answer goes to `done` (the answer's object, or nothing with the
    // failure), called only while `context` lives. `body` null: no body.
    using JsonDone = std::function<void(const std::optional<QJsonObject> &answer, const ApiFailure &failure)>;
    void callJson(const QByteArray &method, const QString &pathAndQuery, const QJsonObject *body, QObject *context,
        JsonDone done);
    // GIS layers (docs/GIS.md): the list (layersLoaded); a layer's features in a box for a zoom
    // (layerFeaturesLoaded with the caller's `tag`, so it can drop answers it no longer
    // wants); what is at a point (whatIsHereLoaded). Admins: import a file (the answer is the
    // import, layerImportStarted, whose progress layerImportStatus asks for), and edit or
    // remove a layer (layerSaved / layerRemoved, or layerFailed).
    void layers();
    void layerFeatures(const QString &code, const LatLonBox &box, int zoom, quint64 tag);
    void whatIsHere(double lat, double lon, double toleranceMeters);
    // `fields`: code, kind, name_el, name_en, encoding, … as the API names them.
    void importLayer(const QList<std::pair<QString, QString>> &fields, const QString &fileName, const QByteArray &data);
    void layerImportStatus(qint64 importId);
    void editLayer(const QString &code, const QJsonObject &changes);
    void removeLayer(const QString &code);

Q_SIGNALS:
    void citizenRequestsLoaded(int count);
    void citizenRequestLoaded(const dimos::RequestCase &request);
    void citizenRequestSaved(const dimos::RequestCase &request);
    void citizenRequestFailed(qint64 id, dimos::CitizenRequestAction action, const dimos::ApiFailure &failure);
    void downloaded(const QString &pathAndQuery, const QByteArray &bytes, const QString &contentType);
    void downloadFailed(const QString &pathAndQuery, const dimos::ApiFailure &failure);
    void protocolLoaded(const QList<dimos::ProtocolEntryView> &entries, int total);
    void requestTypesLoaded(const QJsonArray &types);
    void requestTypeSaved(const QJsonObject &type);
    void requestTypeFailed(const dimos::ApiFailure &failure);
    void auditLoaded(const QJsonArray &entries);
    void protocolImported(int count);
    void protocolImportFailed(const dimos::ApiFailure &failure);
    void layersLoaded(const QJsonArray &layers);
    void layerFeaturesLoaded(const QString &code, quint64 tag, const QByteArray &geoJson);
    void layerFeaturesFailed(const QString &code, quint64 tag, const dimos::ApiFailure &failure);
    void whatIsHereLoaded(double lat, double lon, const QJsonArray &features);
    void layerImportStarted(const QJsonObject &import);
    void layerImportProgress(const QJsonObject &import);
    void layerImportFailed(const dimos::ApiFailure &failure);
    void layerSaved(const QJsonObject &layer);
    void layerRemoved(const QString &code);
    void layerFailed(const QString &code, const dimos::ApiFailure &failure);
    void loggedIn(const QString &token, const dimos::StaffMember &user);
    void loginFailed(const dimos::ApiFailure &failure);
    void meLoaded(const dimos::StaffMember &user);
    void reportsBatchLoaded(const QList<dimos::Report> &reports);
    void allReportsLoaded(int count);
    void reportDetailLoaded(const dimos::Report &report, const QList<dimos::ReportHistoryEntry> &history);
    void departmentsLoaded(const QList<dimos::Department> &departments);
    void categoriesLoaded(const QList<dimos::Category> &categories);
    void usersLoaded(const QList<dimos::StaffMember> &users);
    void actionSucceeded(qint64 reportId, dimos::ReportAction action, const dimos::Report &report);
    void actionFailed(qint64 reportId, dimos::ReportAction action, const dimos::ApiFailure &failure);
    void requestFailed(dimos::ApiClient::Operation operation, const dimos::ApiFailure &failure);
    void informationSaved(const dimos::InformationItem &item);
    void informationFailed(const dimos::ApiFailure &failure);

private:
    // A request to the server at `pathAndQuery` (already percent-encoded), with the token.
    QNetworkRequest request(const QString &pathAndQuery, bool authenticated) const;
    QNetworkReply *send(
        const QByteArray &method, const QString &pathAndQuery, const QJsonObject *body, bool authenticated = true);
    // POST of a body that is not JSON (a file, a photo) as it is; timeoutMs: at least this long.
    QNetworkReply *postRaw(
        const QString &pathAndQuery, const QByteArray &bytes, const QByteArray &contentType, int timeoutMs = 0);
    void loadPage(const QString &cursor, quint64 generation, int loadedSoFar);
    void postAction(qint64 id, ReportAction action, QJsonObject body);
    void informationRequest(QNetworkReply *reply);
    // GET `path`; the JSON object to onSuccess, or requestFailed(operation).
    void getObject(const QString &path, Operation operation, std::function<void(const QJsonObject &)> onSuccess);
    // Parses a finished reply: the JSON object on success, the failure otherwise.
    static std::optional<QJsonObject> result(QNetworkReply *reply, bool isLogin, ApiFailure *failure);

    QNetworkAccessManager *m_nam;
    QUrl m_server;
    QString m_token;
    QPointer<ReportStore> m_store;
    int m_timeoutMs = 30'000;
    quint64 m_loadGeneration = 0;
};

QString actionPath(ReportAction action);

} // namespace dimos
