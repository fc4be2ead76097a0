#include "ApiClient.h"

#include <functional>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

#include "shared/domain/ReportJson.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr int kPageSize = 1000;

ApiErrorKind kindForStatus(int status, bool isLogin)
{
    switch (status) {
    case 400:
    case 422:
        return ApiErrorKind::Validation;
    case 401:
        return isLogin ? ApiErrorKind::WrongPassword : ApiErrorKind::Unauthorized;
    case 403:
        return ApiErrorKind::Forbidden;
    case 404:
        return ApiErrorKind::NotFound;
    case 409:
        return ApiErrorKind::Conflict;
    case 429:
        return ApiErrorKind::RateLimited;
    default:
        return ApiErrorKind::Other;
    }
}

ApiErrorKind kindForNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::SslHandshakeFailedError:
        return ApiErrorKind::TlsError;
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // what a transfer timeout reports
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
        return ApiErrorKind::Unreachable;
    default:
        return ApiErrorKind::Other;
    }
}

template <typename T, typename Parse> QList<T> parseList(const QJsonObject &o, const QString &key, Parse parse)
{
    QList<T> out;
    for (const QJsonValue &v : o.value(key).toArray())
        if (auto item = parse(v.toObject()))
            out.append(*item);
    return out;
}

} // namespace

QString actionPath(ReportAction action)
{
    switch (action) {
    case ReportAction::Acknowledge:
        return u"acknowledge"_s;
    case ReportAction::Assign:
        return u"assign"_s;
    case ReportAction::Status:
        return u"status"_s;
    case ReportAction::Note:
        return u"notes"_s;
    case ReportAction::Priority:
        return u"priority"_s;
    case ReportAction::Duplicate:
        return u"duplicate"_s;
    case ReportAction::Reopen:
        return u"reopen"_s;
    case ReportAction::Schedule:
        return u"schedule"_s;
    case ReportAction::Moderate:
        return u"moderation"_s;
    case ReportAction::Photo:
        return u"photo"_s;
    case ReportAction::Redact:
        return u"redact"_s;
    }
    return {};
}

ApiClient::ApiClient(QObject *parent) : QObject(parent), m_nam(new QNetworkAccessManager(this)) { }

ApiClient::~ApiClient()
{
    // Replies still running must not call back into a half-destroyed client.
    for (QNetworkReply *reply : m_nam->findChildren<QNetworkReply *>())
        reply->disconnect(this);
}

QByteArray ApiClient::userAgent()
{
    return QByteArray("dimos-desk/" DIMOS_VERSION);
}

void ApiClient::setServer(const QUrl &server)
{
    m_server = server.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (m_server.path() == u"/"_s) // StripTrailingSlash keeps a lone "/"
        m_server.setPath(QString());
}

QNetworkRequest ApiClient::request(const QString &pathAndQuery, bool authenticated) const
{
    QUrl url = m_server;
    const qsizetype q = pathAndQuery.indexOf(u'?');
    url.setPath(QString(m_server.path() + (q < 0 ? pathAndQuery : pathAndQuery.left(q))));
    if (q >= 0)
        url.setQuery(pathAndQuery.mid(q + 1));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_timeoutMs);
    if (authenticated && !m_token.isEmpty())
        request.setRawHeader("Authorization", QByteArray("Bearer " + m_token.toUtf8()));
    return request;
}

QNetworkReply *ApiClient::send(
    const QByteArray &method, const QString &pathAndQuery, const QJsonObject *body, bool authenticated)
{
    QNetworkRequest r = request(pathAndQuery, authenticated);
    QByteArray payload;
    if (body) {
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    }
    // Certificate problems end the request with SslHandshakeFailedError; nothing is ignored.
    return m_nam->sendCustomRequest(r, method, payload);
}

QNetworkReply *ApiClient::postRaw(
    const QString &pathAndQuery, const QByteArray &bytes, const QByteArray &contentType, int timeoutMs)
{
    QNetworkRequest r = request(pathAndQuery, true);
    r.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    r.setTransferTimeout(std::max(m_timeoutMs, timeoutMs));
    return m_nam->post(r, bytes);
}

std::optional<QJsonObject> ApiClient::result(QNetworkReply *reply, bool isLogin, ApiFailure *failure)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray bytes = reply->readAll();
    if (status == 0) {
        failure->kind = kindForNetworkError(reply->error());
        failure->message = reply->errorString();
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (status >= 200 && status < 300) {
        if (status == 204)
            return QJsonObject();
        if (parseError.error == QJsonParseError::NoError && doc.isObject())
            return doc.object();
        failure->kind = ApiErrorKind::Other;
        failure->httpStatus = status;
        failure->message = tr("The server sent an answer that cannot be read.");
        return std::nullopt;
    }
    failure->httpStatus = status;
    failure->kind = kindForStatus(status, isLogin);
    const QJsonObject error = doc.object().value(u"error"_s).toObject();
    failure->message = error.value(u"message"_s).toString();
    if (failure->message.isEmpty())
        failure->message = reply->errorString();
    if (status == 429)
        failure->retryAfterSeconds = reply->rawHeader("Retry-After").trimmed().toInt();
    if (status == 409)
        failure->current = reportFromStaffJson(error.value(u"details"_s).toObject().value(u"current"_s).toObject());
    return std::nullopt;
}

void ApiClient::login(const QString &username, const QString &password)
{
    const QJsonObject body{{u"username"_s, username}, {u"password"_s, password}};
    QNetworkReply *reply = send("POST", u"/api/v1/auth/login"_s, &body, false);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        ApiFailure failure;
        const auto o = result(reply, true, &failure);
        if (!o)
            return Q_EMIT loginFailed(failure);
        const auto user = StaffMember::fromJson(o->value(u"user"_s).toObject());
        const QString token = o->value(u"token"_s).toString();
        if (!user || token.isEmpty()) {
            failure.message = tr("The server sent an answer that cannot be read.");
            return Q_EMIT loginFailed(failure);
        }
        m_token = token;
        if (m_store)
            m_store->setMyDepartments(user->departmentIds);
        Q_EMIT loggedIn(token, *user);
    });
}

void ApiClient::me()
{
    QNetworkReply *reply = send("GET", u"/api/v1/me"_s, nullptr);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        ApiFailure failure;
        const auto o = result(reply, false, &failure);
        const auto user = o ? StaffMember::fromJson(o->value(u"user"_s).toObject()) : std::nullopt;
        if (!user) {
            if (o)
                failure.message = tr("The server sent an answer that cannot be read.");
            return Q_EMIT requestFailed(Operation::Me, failure);
        }
        if (m_store)
            m_store->setMyDepartments(user->departmentIds);
        Q_EMIT meLoaded(*user);
    });
}

void ApiClient::loadAllReports()
{
    loadPage(QString(), ++m_loadGeneration, 0);
}

void ApiClient::loadPage(const QString &cursor, quint64 generation, int loadedSoFar)
{
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, QString::number(kPageSize));
    query.addQueryItem(u"order"_s, u"updated_desc"_s);
    if (!cursor.isEmpty())
        query.addQueryItem(u"after"_s, QString::fromLatin1(QUrl::toPercentEncoding(cursor)));
    QNetworkReply *reply = send("GET", QString(u"/api/v1/reports?"_s + query.query(QUrl::FullyEncoded)), nullptr);
    connect(reply, &QNetworkReply::finished, this, [this, reply, generation, loadedSoFar] {
        reply->deleteLater();
        if (generation != m_loadGeneration)
            return; // a newer load replaced this one
        ApiFailure failure;
        const auto o = result(reply, false, &failure);
        if (!o)
            return Q_EMIT requestFailed(Operation::LoadReports, failure);
        const QList<Report> batch
            = parseList<Report>(*o, u"reports"_s, [](const QJsonObject &r) { return reportFromStaffJson(r); });
        if (m_store)
            m_store->upsertAll(batch);
        Q_EMIT reportsBatchLoaded(batch);
        const int loaded = loadedSoFar + static_cast<int>(batch.size());
        const QJsonValue next = o->value(u"next_cursor"_s);
        if (next.isString() && !next.toString().isEmpty())
            loadPage(next.toString(), generation, loaded);
        else
            Q_EMIT allReportsLoaded(loaded);
    });
}

void ApiClient::reportDetail(qint64 id)
{
    QNetworkReply *reply = send("GET", u"/api/v1/reports/%1"_s.arg(id), nullptr);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        ApiFailure failure;
        const auto o = result(reply, false, &failure);
        const auto report = o ? reportFromStaffJson(o->value(u"report"_s).toObject()) : std::nullopt;
        if (!report) {
            if (o)
                failure.message = tr("The server sent an answer that cannot be read.");
            return Q_EMIT requestFailed(Operation::ReportDetail, failure);
        }
        const QList<ReportHistoryEntry> history
            = parseList<ReportHistoryEntry>(*o, u"history"_s, [](const QJsonObject &e) { return historyFromJson(e); });
        if (m_store)
            m_store->upsert(*report);
        Q_EMIT reportDetailLoaded(*report, history);
    });
}

void ApiClient::getObject(const QString &path, Operation operation, std::function<void(const QJsonObject &)> onSuccess)
{
    QNetworkReply *reply = send("GET", path, nullptr);
    connect(reply, &QNetworkReply::finished, this, [this, reply, operation, onSuccess = std::move(onSuccess)] {
        reply->deleteLater();
        ApiFailure failure;
        const auto o = result(reply, false, &failure);
        if (!o)
            return Q_EMIT requestFailed(operation, failure);
        onSuccess(*o);
    });
}

void ApiClient::departments()
{
    getObject(u"/api/v1/departments"_s, Operation::Departments, [this](const QJsonObject &o) {
        const auto list = parseList<Department>(o, u"departments"_s, departmentFromJson);
        if (m_store)
            m_store->setDepartments(list);
        Q_EMIT departmentsLoaded(list);
    });
}

void ApiClient::categories()
{
    getObject(u"/api/v1/categories"_s, Operation::Categories, [this](const QJsonObject &o) {
        const auto list = parseList<Category>(o, u"categories"_s, categoryFromJson);
        if (m_store)
            m_store->setCategories(list);
        Q_EMIT categoriesLoaded(list);
    });
}

void ApiClient::users()
{
    getObject(u"/api/v1/users"_s, Operation::Users, [this](const QJsonObject &o) {
        const auto list = parseList<StaffMember>(o, u"users"_s, &StaffMember::fromJson);
        if (m_store)
            m_store->setUsers(list);
        Q_EMIT usersLoaded(list);
    });
}

void ApiClient::informationItems()
{
    getObject(u"/api/v1/information/items?limit=1000"_s, Operation::Information, [this](const QJsonObject &o) {
        QList<InformationItem> items;
        for (const QJsonValue &v : o.value(u"items"_s).toArray())
            if (auto item = informationItemFromJson(v.toObject()))
                items.append(*item);
        if (m_store)
            m_store->setInformationItems(items);
    });
}

void ApiClient::informationRequest(QNetworkReply *reply)
{
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        ApiFailure failure;
        const auto o = result(reply, false, &failure);
        const auto item = o ? informationItemFromJson(o->value(u"item"_s).toObject()) : std::nullopt;
        if (!item) {
            if (o)
                failure.message = tr("The server sent an answer that cannot be read.");
            return Q_EMIT informationFailed(failure);
        }
        if (m_store)
            m_store->upsertInformationItem(*item);
        Q_EMIT informationSaved(*item);
    });
}

void ApiClient::publishInformation(const QJsonObject &fields)
{
    informationRequest(send("POST", u"/api/v1/information/items"_s, &fields));
}

void ApiClient::editInformation(qint64 id, int version, const QJsonObject &fields)
{
    QJsonObject body = fields;
    body.insert(u"version"_s, version);
    informationRequest(send("PUT", u"/api/v1/information/items/%1"_s.arg(id), &body));
}

void ApiClient::withdrawInformation(qint64 id, int version)
{
    const QJsonObject body{{u"version"_s, version}};
    informationRequest(send("POST", u"/api/v1/information/items/%1/withdraw"_s.arg(id), &body));
}

void ApiClient::addInformationPhoto(qint64 id, const QByteArray &photo, const QByteArray &contentType)
{
    informationRequest(postRaw(u"/api/v1/information/items/%1/photos"_s.arg(id), photo, contentType));
}

void ApiClient::postAction(qint64 id, ReportAction action, QJsonObject body)
{
    QNetworkReply *reply
        = send("POST", QString(u"/api/v1/reports/"_s + QString::number(id) + u'/' + actionPath(action)), &body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, id, action] {
        reply->deleteLater();
        ApiFailure failure;
        const auto o = result(reply, false, &failure);
        const auto report = o ? reportFromStaffJson(o->value(u"report"_s).toObject()) : std::nullopt;
        if (!report) {
            if (o)
                failure.message = tr("The server sent an answer that cannot be read.");
            // The stored copy is stale: replace it, so the clerk sees what changed and can
            // act again on the current version.
            if (failure.current && m_store)
                m_store->upsert(*failure.current);
            return Q_EMIT actionFailed(id, action, failure);
        }
        if (m_store)
            m_store->upsert(*report);
        Q_EMIT actionSucceeded(id, action, *report);
    });
}

void ApiClient::acknowledge(qint64 id, int version, const QString &publicNote)
{
    QJsonObject body{{u"version"_s, version}};
    if (!publicNote.isEmpty())
        body.insert(u"note"_s, publicNote);
    postAction(id, ReportAction::Acknowledge, body);
}

void ApiClient::assign(
    qint64 id, int version, std::optional<qint64> departmentId, std::optional<qint64> assigneeId, bool clearAssignee)
{
    QJsonObject body{{u"version"_s, version}};
    if (departmentId)
        body.insert(u"department_id"_s, *departmentId);
    if (assigneeId)
        body.insert(u"assignee_id"_s, *assigneeId);
    else if (clearAssignee)
        body.insert(u"assignee_id"_s, QJsonValue(QJsonValue::Null));
    postAction(id, ReportAction::Assign, body);
}

void ApiClient::setStatus(qint64 id, int version, ReportStatus status, const QString &note, bool notePublic)
{
    QJsonObject body{{u"version"_s, version}, {u"status"_s, statusToString(status)}};
    if (!note.isEmpty()) {
        body.insert(u"note"_s, note);
        body.insert(u"public"_s, notePublic);
    }
    postAction(id, ReportAction::Status, body);
}

void ApiClient::addNote(qint64 id, int version, const QString &text, bool isPublic)
{
    postAction(
        id, ReportAction::Note, QJsonObject{{u"version"_s, version}, {u"text"_s, text}, {u"public"_s, isPublic}});
}

void ApiClient::setPriority(qint64 id, int version, Priority priority)
{
    postAction(
        id, ReportAction::Priority, QJsonObject{{u"version"_s, version}, {u"priority"_s, priorityToString(priority)}});
}

void ApiClient::markDuplicate(qint64 id, int version, qint64 duplicateOf, const QString &note)
{
    QJsonObject body{{u"version"_s, version}, {u"duplicate_of"_s, duplicateOf}};
    if (!note.isEmpty())
        body.insert(u"note"_s, note);
    postAction(id, ReportAction::Duplicate, body);
}

void ApiClient::reopen(qint64 id, int version, const QString &note)
{
    QJsonObject body{{u"version"_s, version}};
    if (!note.isEmpty())
        body.insert(u"note"_s, note);
    postAction(id, ReportAction::Reopen, body);
}

void ApiClient::moderate(qint64 id, int version, bool approve, const QString &reason)
{
    QJsonObject body{{u"version"_s, version}, {u"action"_s, approve ? u"approve"_s : u"hide"_s}};
    if (!reason.isEmpty())
        body.insert(u"reason"_s, reason);
    postAction(id, ReportAction::Moderate, body);
}

void ApiClient::setPhotoPublic(qint64 id, int version, qint64 photoId, bool isPublic)
{
    postAction(id, ReportAction::Photo,
        QJsonObject{{u"version"_s, version}, {u"photo_id"_s, photoId}, {u"public"_s, isPublic}});
}

void ApiClient::redact(qint64 id, int version, const QString &description, const QString &reason)
{
    postAction(id, ReportAction::Redact,
        QJsonObject{{u"version"_s, version}, {u"description"_s, description}, {u"reason"_s, reason}});
}

void ApiClient::schedule(qint64 id, int version, std::optional<qint64> expectedMs)
{
    postAction(id, ReportAction::Schedule,
        QJsonObject{{u"version"_s, version},
            {u"expected_datetime"_s, expectedMs ? QJsonValue(formatUtc(*expectedMs)) : QJsonValue(QJsonValue::Null)}});
}

namespace {

// An answer that is the request itself or {"request": …}.
std::optional<RequestCase> requestIn(const QJsonObject &o)
{
    return requestCaseFromJson(o.contains(u"request"_s) ? o.value(u"request"_s).toObject() : o);
}

QString citizenRequestActionPath(CitizenRequestAction action)
{
    switch (action) {
    case CitizenRequestAction::Claim:
        return u"claim"_s;
    case CitizenRequestAction::Ask:
        return u"ask"_s;
    case CitizenRequestAction::Issue:
        return u"issue"_s;
    case CitizenRequestAction::Reject:
        return u"reject"_s;
    }
    return {};
}

} // namespace

void ApiClient::loadCitizenRequests()
{
    getObject(u"/api/v1/requests"_s, Operation::CitizenRequests, [this](const QJsonObject &o) {
        const auto list = parseList<RequestCase>(o, u"requests"_s, requestCaseFromJson);
        if (m_store)
            m_store->setCitizenRequests(list);
        Q_EMIT citizenRequestsLoaded(int(list.size()));
    });
}

void ApiClient::citizenRequestDetail(qint64 id)
{
    getObject(u"/api/v1/requests/%1"_s.arg(id), Operation::CitizenRequestDetail, [this](const QJsonObject &o) {
        auto request = requestIn(o);
        if (!request) {
            ApiFailure failure;
            failure.message = tr("The server sent an answer that cannot be read.");
            return Q_EMIT requestFailed(Operation::CitizenRequestDetail, failure);
        }
        request->hasDetail = true;
        if (m_store)
            m_store->upsertCitizenRequest(*request);
        Q_EMIT citizenRequestLoaded(*request);
    });
}

void ApiClient::citizenRequestAction(qint64 id, CitizenRequestAction action, int version, const QString &text)
{
    QJsonObject body{{u"version"_s, version}};
    if (action == CitizenRequestAction::Ask)
        body.insert(u"text"_s, text);
    else if (action == CitizenRequestAction::Reject)
        body.insert(u"reason"_s, text);
    else if (action == CitizenRequestAction::Issue && !text.isEmpty())
        body.insert(u"note"_s, text);
    QNetworkReply *reply
        = send("POST", u"/api/v1/requests/%1/%2"_s.arg(id).arg(citizenRequestActionPath(action)), &body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, id, action] {
        reply->deleteLater();
        ApiFailure failure;
        const auto o = result(reply, false, &failure);
        auto request = o ? requestIn(*o) : std::nullopt;
        if (!request) {
            if (o)
                failure.message = tr("The server sent an answer that cannot be read.");
            return Q_EMIT citizenRequestFailed(id, action, failure);
        }
        // The action's answer is the request in full; the detail view shows it at once.
        request->hasDetail = request->hasDetail || !request->history.isEmpty();
        if (m_store)
            m_store->upsertCitizenRequest(*request);
        Q_EMIT citizenRequestSaved(*request);
    });
}

void ApiClient::download(const QString &pathAndQuery)
{
    QNetworkReply *reply = send("GET", pathAndQuery, nullptr);
    connect(reply, &QNetworkReply::finished, this, [this, reply, pathAndQuery] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 200) {
            const QString type = reply->header(QNetworkRequest::ContentTypeHeader).toString();
            return Q_EMIT downloaded(pathAndQuery, reply->readAll(), type);
        }
        ApiFailure failure;
        if (result(reply, false, &failure)) { // a 2xx other than 200: nothing to show
            failure.kind = ApiErrorKind::Other;
            failure.message = tr("The server sent no file.");
        }
        Q_EMIT downloadFailed(pathAndQuery, failure);
    });
}

void ApiClient::searchProtocol(const QList<std::pair<QString, QString>> &filters)
{
    QUrlQuery query;
    for (const auto &[key, value] : filters)
        query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    getObject(QString(u"/api/v1/protocol?"_s + query.query(QUrl::FullyEncoded)), Operation::Protocol,
        [this](const QJsonObject &o) {
            const auto list = parseList<ProtocolEntryView>(o, u"entries"_s, protocolEntryFromJson);
            Q_EMIT protocolLoaded(list, o.value(u"total"_s).toInt(int(list.size())));
        });
}

void ApiClient::requestTypes()
{
    getObject(u"/api/v1/request-types"_s, Operation::RequestTypes,
        [this](const QJsonObject &o) { Q_EMIT requestTypesLoaded(o.value(u"request_types"_s).toArray()); });
}

void ApiClient::saveRequestType(const QJsonObject &type, bool isNew)
{
    const QString code = type.value(u"code"_s).toString();
    QNetworkReply *reply = isNew
        ? send("POST", u"/api/v1/request-types"_s, &type)
        : send("PUT", QString(u"/api/v1/request-types/"_s + QString::fromLatin1(QUrl::toPercentEncoding(code))), &type);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        ApiFailure failure;
        const auto o = result(reply, false, &failure);
        if (!o)
            return Q_EMIT requestTypeFailed(failure);
        Q_EMIT requestTypeSaved(o->contains(u"request_type"_s) ? o->value(u"request_type"_s).toObject() : *o);
    });
}

void ApiClient::auditLog(const QList<std::pair<QString, QString>> &filters)
{
    QUrlQuery query;
    for (const auto &[key, value] : filters)
        query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    getObject(QString(u"/api/v1/audit?"_s + query.query(QUrl::FullyEncoded)), Operation::AuditLog,
        [this](const QJsonObject &o) { Q_EMIT auditLoaded(o.value(u"entries"_s).toArray()); });
}

void ApiClient::importProtocol(const QByteArray &csv, const QString &book)
{
    QNetworkReply *reply
        = postRaw(u"/api/v1/protocol/import?book="_s + QString::fromLatin1(QUrl::toPercentEncoding(book)), csv,
            QByteArray("text/csv; charset=utf-8"));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        ApiFailure failure;
        const auto o = result(reply, false, &failure);
        if (!o)
            return Q_EMIT protocolImportFailed(failure);
        Q_EMIT protocolImported(o->value(u"imported"_s).toInt());
    });
}

void ApiClient::callJson(
    const QByteArray &method, const QString &pathAndQuery, const QJsonObject *body, QObject *context, JsonDone done)
{
    QNetworkReply *reply = send(method, pathAndQuery, body);
    connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        reply->deleteLater();
        ApiFailure failure;
        const auto o = result(reply, false, &failure);
        done(o, failure);
    });
    // Without the context the answer is dropped, but the reply is still freed.
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

// ---- GIS layers ----------------------------------------------------------------------------

void ApiClient::layers()
{
    getObject(u"/api/v1/layers"_s, Operation::Layers,
        [this](const QJsonObject &o) { Q_EMIT layersLoaded(o.value(u"layers"_s).toArray()); });
}

void ApiClient::layerFeatures(const QString &code, const LatLonBox &box, int zoom, quint64 tag)
{
    const QString bbox = u"%1,%2,%3,%4"_s.arg(box.minLon, 0, 'f', 6)
                             .arg(box.minLat, 0, 'f', 6)
                             .arg(box.maxLon, 0, 'f', 6)
                             .arg(box.maxLat, 0, 'f', 6);
    QNetworkReply *reply = send("GET",
        u"/api/v1/layers/%1/features.geojson?bbox=%2&zoom=%3"_s.arg(
            QString::fromLatin1(QUrl::toPercentEncoding(code)), bbox, QString::number(zoom)),
        nullptr);
    connect(reply, &QNetworkReply::finished, this, [this, reply, code, tag] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 200)
            return Q_EMIT layerFeaturesLoaded(code, tag, reply->readAll());
        ApiFailure failure;
        if (result(reply, false, &failure)) {
            failure.kind = ApiErrorKind::Other;
            failure.message = tr("The server sent an answer that cannot be read.");
        }
        Q_EMIT layerFeaturesFailed(code, tag, failure);
    });
}

void ApiClient::whatIsHere(double lat, double lon, double toleranceMeters)
{
    getObject(u"/api/v1/whatishere?lat=%1&lon=%2&tolerance=%3"_s.arg(lat, 0, 'f', 7)
                  .arg(lon, 0, 'f', 7)
                  .arg(toleranceMeters, 0, 'f', 1),
        Operation::WhatIsHere, [this, lat, lon](const QJsonObject &o) {
            Q_EMIT whatIsHereLoaded(lat, lon, o.value(u"features"_s).toArray());
        });
}

void ApiClient::importLayer(
    const QList<std::pair<QString, QString>> &fields, const QString &fileName, const QByteArray &data)
{
    // The file is the body as it is; what to import it as goes in the query string.
    QUrlQuery query;
    for (const auto &[key, value] : fields)
        query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    query.addQueryItem(u"filename"_s, QString::fromLatin1(QUrl::toPercentEncoding(fileName)));
    // A large file on a slow line: two minutes at least.
    QNetworkReply *reply = postRaw(
        u"/api/v1/layers?"_s + query.query(QUrl::FullyEncoded), data, QByteArray("application/octet-stream"), 120'000);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        ApiFailure failure;
        const auto o = result(reply, false, &failure);
        if (!o)
            return Q_EMIT layerImportFailed(failure);
        Q_EMIT layerImportStarted(o->value(u"import"_s).toObject());
    });
}

void ApiClient::layerImportStatus(qint64 importId)
{
    QNetworkReply *reply = send("GET", u"/api/v1/layers/imports/%1"_s.arg(importId), nullptr);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        ApiFailure failure;
        const auto o = result(reply, false, &failure);
        if (!o)
            return Q_EMIT layerImportFailed(failure);
        Q_EMIT layerImportProgress(o->value(u"import"_s).toObject());
    });
}

void ApiClient::editLayer(const QString &code, const QJsonObject &changes)
{
    QNetworkReply *reply
        = send("PUT", u"/api/v1/layers/"_s + QString::fromLatin1(QUrl::toPercentEncoding(code)), &changes);
    connect(reply, &QNetworkReply::finished, this, [this, reply, code] {
        reply->deleteLater();
        ApiFailure failure;
        const auto o = result(reply, false, &failure);
        if (!o)
            return Q_EMIT layerFailed(code, failure);
        Q_EMIT layerSaved(o->value(u"layer"_s).toObject());
    });
}

void ApiClient::removeLayer(const QString &code)
{
    QNetworkReply *reply
        = send("DELETE", u"/api/v1/layers/"_s + QString::fromLatin1(QUrl::toPercentEncoding(code)), nullptr);
    connect(reply, &QNetworkReply::finished, this, [this, reply, code] {
        reply->deleteLater();
        ApiFailure failure;
        if (!result(reply, false, &failure))
            return Q_EMIT layerFailed(code, failure);
        Q_EMIT layerRemoved(code);
    });
}

} // namespace dimos
