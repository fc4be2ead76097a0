#include "Open311Api.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

#include "server/app/AppContext.h"
#include "server/core/AuthService.h"
#include "server/core/MediaStore.h"
#include "server/core/PhotoProcessor.h"
#include "server/core/RateLimiter.h"
#include "server/core/ReportService.h"
#include "server/http/ApiError.h"
#include "server/http/FormData.h"
#include "server/http/Router.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/ReportRepository.h"
#include "shared/open311/Open311Document.h"
#include "shared/util/Clock.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;
using dimos::open311::Format;

namespace dimos {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr int kMaxPageSize = 1000;

// Parameters come from the query string and, for POST, the form body (body first).
struct Params
{
    const HttpRequest *request = nullptr;
    std::optional<FormData> form;

    QString value(const QString &name) const
    {
        if (form && form->contains(name))
            return form->value(name);
        return request->queryValue(name);
    }
    bool has(const QString &name) const { return (form && form->contains(name)) || request->hasQuery(name); }
    QList<std::pair<QString, QString>> all() const
    {
        QList<std::pair<QString, QString>> out;
        if (form)
            for (const FormField &f : form->fields)
                out.append({f.name, f.value});
        out += request->query;
        return out;
    }
};

ApiError badParam(const QString &message)
{
    return ApiError(ApiError::Kind::Validation, message);
}

int open311Status(ApiError::Kind kind)
{
    switch (kind) {
    case ApiError::Kind::NotFound:
        return 404;
    case ApiError::Kind::Unauthorized:
    case ApiError::Kind::Forbidden:
        return 403;
    case ApiError::Kind::TooManyRequests:
        return 429;
    case ApiError::Kind::PayloadTooLarge:
        return 413;
    case ApiError::Kind::Internal:
        return 500;
    case ApiError::Kind::Unavailable:
        return 503;
    case ApiError::Kind::Conflict:
        return 409;
    default:
        return 400;
    }
}

HttpResponse document(Format f, QByteArray body, int status = 200)
{
    return HttpResponse::bytes(std::move(body), open311::contentType(f), status)
        .withHeader("Access-Control-Allow-Origin"_ba, "*"_ba);
}

// Runs an Open311 handler, turning any ApiError into the spec's error document.
using Open311Handler = std::function<HttpResponse(HttpRequest &, Format)>;
HttpHandler wrap(Format format, Open311Handler handler)
{
    return [format, handler = std::move(handler)](HttpRequest &req) {
        try {
            return handler(req, format);
        } catch (const ApiError &e) {
            const int status = open311Status(e.kind);
            HttpResponse r = document(format, open311::renderErrors(format, {{status, e.message}}), status);
            if (e.retryAfterSeconds > 0)
                r.withHeader("Retry-After"_ba, QByteArray::number(e.retryAfterSeconds));
            return r;
        }
    };
}

// Resources named by a file: "/open311/v2/services/pothole.json" → handler(code "pothole", JSON).
using FileHandler = std::function<HttpResponse(HttpRequest &, Format, const QString &name)>;
void addFileRoute(Router &router, const QString &pattern, FileHandler handler)
{
    router.add("GET"_ba, pattern, [handler = std::move(handler)](HttpRequest &req) {
        const QString file = req.params.value(u"file"_s);
        const qsizetype dot = file.lastIndexOf(u'.');
        const QString ext = dot < 0 ? QString() : file.mid(dot + 1);
        const Format format = ext == u"json" ? Format::Json : Format::Xml;
        return wrap(format, [&](HttpRequest &r, Format f) {
            if (ext != u"json" && ext != u"xml")
                throw ApiError(ApiError::Kind::NotFound, u"add .json or .xml to the resource name"_s);
            return handler(r, f, file.left(dot));
        })(req);
    });
}

double parseDecimal(const QString &text, const QString &name)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v))
        throw badParam(u"%1 must be a decimal number, got \"%2\""_s.arg(name, text.left(32)));
    return v;
}

qint64 parseDate(const QString &text, const QString &name)
{
    const auto t = parseIsoDateTime(text);
    if (!t)
        throw badParam(
            u"%1 must be a W3C date-time such as 2026-05-19T10:00:00Z, got \"%2\""_s.arg(name, text.left(40)));
    return *t;
}

int parseIntParam(const QString &text, const QString &name, int min, int max)
{
    bool ok = false;
    const int v = text.trimmed().toInt(&ok);
    if (!ok || v < min || v > max)
        throw badParam(u"%1 must be a whole number from %2 to %3"_s.arg(name).arg(min).arg(max));
    return v;
}

QString mediaUrl(const AppContext &ctx, const QString &sha, bool thumbnail = false)
{
    return ctx.baseUrl + u"/media/"_s + sha + (thumbnail ? u".thumb.jpg"_s : u".jpg"_s);
}

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

// `history` holds the public history of the report when extensions are asked for.
QJsonObject requestJson(const AppContext &ctx, const Report &r, const QHash<QString, Category> &categories,
    const QString &lang, const QList<ReportHistoryEntry> *history)
{
    const Category cat = categories.value(r.serviceCode);
    QJsonObject o{
        {u"service_request_id"_s, QString::number(r.id)},
        {u"status"_s, open311Status(r.status)},
        {u"status_notes"_s, r.statusNotes},
        {u"service_name"_s, cat.name.in(lang)},
        {u"service_code"_s, r.serviceCode},
        {u"description"_s, r.description},
        {u"agency_responsible"_s, r.agencyResponsible},
        {u"service_notice"_s, r.serviceNotice},
        {u"requested_datetime"_s, formatUtc(r.requestedMs)},
        {u"updated_datetime"_s, formatUtc(r.updatedMs)},
        {u"expected_datetime"_s, r.expectedMs ? QJsonValue(formatUtc(*r.expectedMs)) : QJsonValue(QJsonValue::Null)},
        {u"address"_s, ctx.reportService->displayAddress(r)},
        {u"address_id"_s, r.addressId},
        {u"zipcode"_s, r.zipcode},
        {u"lat"_s, r.hasLocation ? QJsonValue(r.lat) : QJsonValue(QJsonValue::Null)},
        {u"long"_s, r.hasLocation ? QJsonValue(r.lon) : QJsonValue(QJsonValue::Null)},
        {u"media_url"_s, r.photos.isEmpty() ? QString() : mediaUrl(ctx, r.photos.first().sha256)},
    };
    if (history) {
        QJsonArray attributes;
        for (const auto &[code, values] : r.attributes) {
            const AttributeDefinition *def = cat.attribute(code);
            for (const QString &v : values) {
                QString name;
                if (def)
                    for (const AttributeOption &opt : def->values)
                        if (opt.key == v)
                            name = opt.name.in(lang);
                attributes.append(
                    QJsonObject{{u"code"_s, code}, {u"description"_s, def ? def->description.in(lang) : QString()},
                        {u"value"_s, v}, {u"name"_s, orNull(name)}});
            }
        }
        QJsonArray photos;
        for (const ReportPhoto &p : r.photos)
            photos.append(QJsonObject{{u"media_url"_s, mediaUrl(ctx, p.sha256)},
                {u"thumbnail_url"_s, mediaUrl(ctx, p.sha256, true)}, {u"created_datetime"_s, formatUtc(p.createdMs)}});
        QJsonArray notes;
        for (const ReportHistoryEntry &e : *history) {
            if (e.kind == ReportHistoryEntry::Kind::Created)
                continue;
            notes.append(QJsonObject{{u"datetime"_s, formatUtc(e.atMs)}, {u"description"_s, e.text},
                {u"type"_s, e.newStatus ? u"status"_s : u"note"_s},
                {u"status"_s, e.newStatus ? QJsonValue(statusToString(*e.newStatus)) : QJsonValue(QJsonValue::Null)}});
        }
        o.insert(u"attributes"_s, attributes);
        o.insert(u"notes"_s, notes);
        o.insert(u"extended_attributes"_s,
            QJsonObject{
                {u"channel"_s, r.channel}, {u"detailed_status"_s, statusToString(r.status)}, {u"photos"_s, photos}});
    }
    return o;
}

QHash<QString, Category> categoriesByCode(const AppContext &ctx)
{
    QHash<QString, Category> out;
    for (const Category &c : ctx.catalog->categories(false))
        out.insert(c.code, c);
    return out;
}

qint64 requireApiKey(const AppContext &ctx, const Params &p)
{
    const QString key = p.value(u"api_key"_s);
    if (key.isEmpty()) {
        if (!ctx.open311RequireApiKey)
            return 0;
        throw ApiError(ApiError::Kind::Forbidden,
            u"api_key is required: ask %1 for a key for your application"_s.arg(ctx.contactEmail));
    }
    const auto id = ctx.auth->checkApiKey(key);
    if (!id)
        throw ApiError(ApiError::Kind::Forbidden, u"api_key is not valid or has been revoked"_s);
    return *id;
}

Params formParams(const HttpRequest &req)
{
    Params p;
    p.request = &req;
    if (req.body.isEmpty())
        return p;
    FormLimits limits;
    limits.maxFileBytes = 20 * 1024 * 1024;
    QString error;
    p.form = parseForm(req.contentType(), req.body, limits, &error);
    if (!p.form) {
        const bool tooBig = error.contains(u"limit"_s);
        throw ApiError(tooBig ? ApiError::Kind::PayloadTooLarge : ApiError::Kind::BadRequest, error);
    }
    return p;
}

// attribute[code]=v and attribute[code][]=v, in the order sent.
QList<std::pair<QString, QStringList>> attributesFrom(const Params &p)
{
    static const QRegularExpression re(u"^attribute\\[([^\\[\\]]{1,64})\\](\\[\\])?$"_s);
    QList<std::pair<QString, QStringList>> out;
    for (const auto &[name, value] : p.all()) {
        const auto m = re.match(name);
        if (!m.hasMatch())
            continue;
        const QString code = m.captured(1);
        auto it = std::find_if(out.begin(), out.end(), [&](const auto &e) { return e.first == code; });
        if (it == out.end()) {
            out.append({code, {value}});
        } else if (m.hasCaptured(2)) {
            it->second.append(value);
        }
        // A repeated attribute[code] without [] keeps the first value, as a form would.
    }
    return out;
}

} // namespace

void registerOpen311Api(Router &router, AppContext &ctx)
{
    const AppContext *c = &ctx;
    const QString base = u"/open311/v2"_s;
    auto both = [&](const QByteArray &method, const QString &resource, const Open311Handler &handler) {
        router.add(method, base + u'/' + resource + u".json"_s, wrap(Format::Json, handler));
        router.add(method, base + u'/' + resource + u".xml"_s, wrap(Format::Xml, handler));
    };

    both("GET"_ba, u"discovery"_s, [c](HttpRequest &, Format f) {
        const QString changeset = u"2026-11-25T00:00:00Z"_s;
        QJsonObject endpoint{{u"specification"_s, u"http://wiki.open311.org/GeoReport_v2"_s},
            {u"url"_s, QString(c->baseUrl + u"/open311/v2"_s)}, {u"changeset"_s, changeset},
            {u"type"_s, u"production"_s}, {u"formats"_s, QJsonArray{u"text/xml"_s, u"application/json"_s}}};
        QJsonObject d{{u"changeset"_s, changeset}, {u"contact"_s, c->contactEmail},
            {u"key_service"_s, u"API keys are issued by %1 (%2)"_s.arg(c->municipalityName, c->contactEmail)},
            {u"endpoints"_s, QJsonArray{endpoint}}};
        return document(f, open311::renderObject(f, u"discovery", d));
    });

    both("GET"_ba, u"services"_s, [c](HttpRequest &req, Format f) {
        const QString lang = req.language();
        QJsonArray items;
        for (const Category &cat : c->catalog->categories(true)) {
            items.append(QJsonObject{{u"service_code"_s, cat.code}, {u"service_name"_s, cat.name.in(lang)},
                {u"description"_s, cat.description.in(lang)}, {u"metadata"_s, !cat.attributes.isEmpty()},
                {u"type"_s, u"realtime"_s}, {u"keywords"_s, cat.keywords.join(u',')},
                {u"group"_s, cat.group.in(lang)}});
        }
        return document(f, open311::renderList(f, u"services", u"service", items));
    });

    addFileRoute(router, base + u"/services/{file}"_s, [c](HttpRequest &req, Format f, const QString &code) {
        const auto cat = c->catalog->category(code);
        if (!cat || !cat->active)
            throw ApiError(ApiError::Kind::NotFound, u"no service with code \"%1\""_s.arg(code.left(64)));
        const QString lang = req.language();
        QJsonArray attributes;
        for (const AttributeDefinition &a : cat->attributes) {
            QJsonArray values;
            for (const AttributeOption &o : a.values)
                values.append(QJsonObject{{u"key"_s, o.key}, {u"name"_s, o.name.in(lang)}});
            attributes.append(QJsonObject{{u"variable"_s, a.variable}, {u"code"_s, a.code},
                {u"datatype"_s, attributeTypeToString(a.type)}, {u"required"_s, a.required},
                {u"datatype_description"_s, a.datatypeDescription.in(lang)}, {u"order"_s, a.order},
                {u"description"_s, a.description.in(lang)}, {u"values"_s, values}});
        }
        QJsonObject def{{u"service_code"_s, cat->code}, {u"attributes"_s, attributes}};
        return document(f, open311::renderObject(f, u"service_definition", def));
    });

    both("GET"_ba, u"requests"_s, [c](HttpRequest &req, Format f) {
        Params p;
        p.request = &req;
        ReportQuery q;
        q.order = ReportQuery::Order::RequestedDesc;
        q.withPhotos = true;
        const bool extensions = p.value(u"extensions"_s) == u"true";
        q.withAttributes = extensions;
        // An empty service_request_id (a client's blank form field) is no filter, not "no ids".
        const QStringList requestedIds = p.value(u"service_request_id"_s).split(u',', Qt::SkipEmptyParts);
        if (!requestedIds.isEmpty()) {
            for (const QString &id : requestedIds) {
                bool ok = false;
                q.ids.append(id.trimmed().toLongLong(&ok));
                if (!ok)
                    throw badParam(u"service_request_id \"%1\" is not an id of this server"_s.arg(id.left(32)));
            }
            if (q.ids.size() > kMaxPageSize)
                throw badParam(u"at most %1 service_request_id values at once"_s.arg(kMaxPageSize));
            q.limit = static_cast<int>(q.ids.size());
        } else {
            q.serviceCodes = p.value(u"service_code"_s).split(u',', Qt::SkipEmptyParts);
            for (QString &s : q.serviceCodes)
                s = s.trimmed();
            const QStringList statuses = p.value(u"status"_s).toLower().split(u',', Qt::SkipEmptyParts);
            for (const QString &s : statuses)
                if (s.trimmed() != u"open" && s.trimmed() != u"closed")
                    throw badParam(u"status must be open, closed or open,closed"_s);
            if (statuses.size() == 1)
                q.open = statuses.first().trimmed() == u"open";
            const bool hasStart = p.has(u"start_date"_s), hasEnd = p.has(u"end_date"_s);
            const bool byUpdate = p.has(u"updated_after"_s) || p.has(u"updated_before"_s);
            if (hasStart)
                q.requestedFromMs = parseDate(p.value(u"start_date"_s), u"start_date"_s);
            if (hasEnd)
                q.requestedToMs = parseDate(p.value(u"end_date"_s), u"end_date"_s);
            if (hasStart && hasEnd) {
                if (*q.requestedToMs < *q.requestedFromMs)
                    throw badParam(u"end_date is before start_date"_s);
                if (*q.requestedToMs - *q.requestedFromMs > 90 * kDayMs)
                    throw badParam(u"start_date and end_date may be at most 90 days apart"_s);
            } else if (hasStart) {
                q.requestedToMs = *q.requestedFromMs + 90 * kDayMs;
            } else if (hasEnd) {
                q.requestedFromMs = *q.requestedToMs - 90 * kDayMs;
            } else if (!byUpdate) {
                q.requestedFromMs = c->clock->nowMs() - 90 * kDayMs; // the spec's default window
            }
            if (p.has(u"updated_after"_s))
                q.updatedFromMs = parseDate(p.value(u"updated_after"_s), u"updated_after"_s);
            if (p.has(u"updated_before"_s))
                q.updatedToMs = parseDate(p.value(u"updated_before"_s), u"updated_before"_s);
            if (byUpdate)
                q.order = ReportQuery::Order::UpdatedAsc;
            if (p.has(u"bbox"_s)) {
                const QStringList parts = p.value(u"bbox"_s).split(u',');
                if (parts.size() != 4)
                    throw badParam(u"bbox must be west,south,east,north (min_long,min_lat,max_long,max_lat)"_s);
                LatLonBox b;
                b.minLon = parseDecimal(parts[0], u"bbox"_s);
                b.minLat = parseDecimal(parts[1], u"bbox"_s);
                b.maxLon = parseDecimal(parts[2], u"bbox"_s);
                b.maxLat = parseDecimal(parts[3], u"bbox"_s);
                if (b.minLon > b.maxLon || b.minLat > b.maxLat)
                    throw badParam(u"bbox must be west,south,east,north: the minimum first"_s);
                q.bbox = b;
            }
            if (p.has(u"lat"_s) || p.has(u"long"_s) || p.has(u"radius"_s)) {
                if (!p.has(u"lat"_s) || !p.has(u"long"_s))
                    throw badParam(u"lat and long must be given together (radius in metres is optional)"_s);
                const double radius = p.has(u"radius"_s) ? parseDecimal(p.value(u"radius"_s), u"radius"_s) : 500.0;
                if (radius <= 0 || radius > 50'000)
                    throw badParam(u"radius must be between 0 and 50000 metres"_s);
                q.circle = ReportQuery::Circle{
                    parseDecimal(p.value(u"lat"_s), u"lat"_s), parseDecimal(p.value(u"long"_s), u"long"_s), radius};
            }
            const int pageSize = p.has(u"page_size"_s)
                ? parseIntParam(p.value(u"page_size"_s), u"page_size"_s, 1, kMaxPageSize)
                : kMaxPageSize;
            const int page = p.has(u"page"_s) ? parseIntParam(p.value(u"page"_s), u"page"_s, 1, 1'000'000) : 1;
            q.limit = pageSize;
            q.offset = (page - 1) * pageSize;
        }
        const QList<Report> reports = c->reports->query(q);
        const QHash<QString, Category> categories = categoriesByCode(*c);
        const QString lang = req.language();
        QHash<qint64, QList<ReportHistoryEntry>> histories;
        if (extensions) {
            QList<qint64> ids;
            for (const Report &r : reports)
                ids.append(r.id);
            histories = c->reports->publicHistory(ids);
        }
        QJsonArray items;
        for (const Report &r : reports) {
            const auto history = histories.constFind(r.id);
            const QList<ReportHistoryEntry> none;
            items.append(requestJson(
                *c, r, categories, lang, extensions ? (history != histories.constEnd() ? &*history : &none) : nullptr));
        }
        return document(f, open311::renderList(f, u"service_requests", u"request", items));
    });

    both("POST"_ba, u"requests"_s, [c](HttpRequest &req, Format f) {
        const QString client = req.remote.toString();
        if (const int wait = c->reportRateLimiter->retryAfterSeconds(client); wait > 0) {
            ApiError e(ApiError::Kind::TooManyRequests,
                u"too many reports from this address; try again in %1 seconds"_s.arg(wait));
            e.retryAfterSeconds = wait;
            throw e;
        }
        const Params p = formParams(req);
        NewReport in;
        in.apiKeyId = requireApiKey(*c, p);
        in.channel = u"open311"_s;
        in.serviceCode = p.value(u"service_code"_s).trimmed();
        if (p.has(u"lat"_s) || p.has(u"long"_s)) {
            if (!p.has(u"lat"_s) || !p.has(u"long"_s))
                throw badParam(u"lat and long must be given together"_s);
            in.lat = parseDecimal(p.value(u"lat"_s), u"lat"_s);
            in.lon = parseDecimal(p.value(u"long"_s), u"long"_s);
        }
        in.addressString = p.value(u"address_string"_s);
        in.addressId = p.value(u"address_id"_s);
        in.zipcode = p.value(u"zipcode"_s);
        in.description = p.value(u"description"_s);
        if (in.description.size() > kMaxDescription)
            throw badParam(u"description is %1 characters long; Open311 allows at most %2"_s.arg(in.description.size())
                               .arg(kMaxDescription));
        in.contact = {p.value(u"email"_s), p.value(u"first_name"_s), p.value(u"last_name"_s), p.value(u"phone"_s),
            p.value(u"device_id"_s), p.value(u"account_id"_s)};
        in.attributes = attributesFrom(p);
        if (p.form) {
            for (const FormFile &file : p.form->files) {
                if (file.data.isEmpty())
                    continue; // an empty file input in a browser form
                if (in.photos.size() >= c->maxPhotosPerReport)
                    throw badParam(u"at most %1 photos per report"_s.arg(c->maxPhotosPerReport));
                QString error;
                const auto photo = processPhoto(file.data, file.declaredType, *c->photoLimits, &error);
                if (!photo)
                    throw ApiError(
                        ApiError::Kind::Validation, u"photo \"%1\": %2"_s.arg(file.fileName.left(80), error));
                in.photos.append(*photo);
            }
        }
        Report r = c->reportService->create(in);
        c->reportRateLimiter->record(client);
        QJsonArray items{QJsonObject{{u"service_request_id"_s, QString::number(r.id)}, {u"token"_s, r.token},
            {u"service_notice"_s, r.serviceNotice}, {u"account_id"_s, orNull(r.contact.accountId)}}};
        return document(f, open311::renderList(f, u"service_requests", u"request", items));
    });

    addFileRoute(router, base + u"/requests/{file}"_s, [c](HttpRequest &req, Format f, const QString &idText) {
        bool ok = false;
        const qint64 id = idText.toLongLong(&ok);
        const std::optional<Report> report = ok ? c->reports->find(id) : std::nullopt;
        if (!report)
            throw ApiError(ApiError::Kind::NotFound, u"no service request with id \"%1\""_s.arg(idText.left(32)));
        const bool extensions = req.queryValue(u"extensions"_s) == u"true";
        const QList<ReportHistoryEntry> history
            = extensions ? c->reports->history(id, true) : QList<ReportHistoryEntry>();
        QJsonArray items{
            requestJson(*c, *report, categoriesByCode(*c), req.language(), extensions ? &history : nullptr)};
        return document(f, open311::renderList(f, u"service_requests", u"request", items));
    });

    addFileRoute(router, base + u"/tokens/{file}"_s, [c](HttpRequest &, Format f, const QString &token) {
        const std::optional<Report> r = token.isEmpty() ? std::nullopt : c->reports->findByToken(token);
        if (!r)
            throw ApiError(ApiError::Kind::NotFound, u"no request with token \"%1\""_s.arg(token.left(64)));
        QJsonArray items{QJsonObject{{u"service_request_id"_s, QString::number(r->id)}, {u"token"_s, token}}};
        return document(f, open311::renderList(f, u"service_requests", u"request", items));
    });

    both("GET"_ba, u"servicerequestupdates"_s, [c](HttpRequest &req, Format f) {
        Params p;
        p.request = &req;
        requireApiKey(*c, p);
        const qint64 now = c->clock->nowMs();
        const qint64 from
            = p.has(u"start_date"_s) ? parseDate(p.value(u"start_date"_s), u"start_date"_s) : now - kDayMs;
        const qint64 to = p.has(u"end_date"_s) ? parseDate(p.value(u"end_date"_s), u"end_date"_s) : now;
        if (to < from)
            throw badParam(u"end_date is before start_date"_s);
        QJsonArray items;
        for (const auto &u : c->reports->publicUpdates(from, to, 5000)) {
            items.append(QJsonObject{{u"update_id"_s, QString::number(u.entry.id)},
                {u"service_request_id"_s, QString::number(u.entry.reportId)},
                {u"status"_s, fmsExternalStatus(u.statusAfter)},
                {u"external_status_code"_s, statusToString(u.statusAfter)},
                {u"updated_datetime"_s, formatUtc(u.entry.atMs)}, {u"description"_s, u.entry.text},
                {u"media_url"_s, QString()}});
        }
        return document(f, open311::renderList(f, u"service_request_updates", u"request_update", items));
    });

    both("POST"_ba, u"servicerequestupdates"_s, [c](HttpRequest &req, Format f) {
        const Params p = formParams(req);
        requireApiKey(*c, p);
        bool ok = false;
        const qint64 id = p.value(u"service_request_id"_s).toLongLong(&ok);
        if (!ok)
            throw badParam(u"service_request_id is required"_s);
        const QString description = p.value(u"description"_s);
        if (description.trimmed().isEmpty())
            throw badParam(u"description is required"_s);
        std::optional<ReportStatus> status;
        if (p.has(u"status"_s)) {
            const QString s = p.value(u"status"_s).toUpper();
            status = s == u"OPEN" ? std::optional(ReportStatus::Acknowledged)
                : s == u"CLOSED"  ? std::optional(ReportStatus::Closed)
                                  : statusFromFmsExternal(s);
            if (!status)
                throw badParam(u"status \"%1\" is unknown; use OPEN or CLOSED"_s.arg(s.left(32)));
        }
        QString actor = QString(p.value(u"first_name"_s) + u' ' + p.value(u"last_name"_s)).trimmed();
        if (actor.isEmpty())
            actor = u"open311"_s;
        const qint64 updateId = c->reportService->externalUpdate(id, description, status, actor.left(128));
        QJsonArray items{QJsonObject{{u"update_id"_s, QString::number(updateId)}}};
        return document(f, open311::renderList(f, u"service_request_updates", u"request_update", items));
    });

    // Photos, by content address. Only photos attached to a report and public are served.
    router.add("GET"_ba, u"/media/{file}"_s, [c](HttpRequest &req) {
        const QString file = req.params.value(u"file"_s);
        const bool thumb = file.endsWith(u".thumb.jpg"_s);
        const QString sha = file.left(64);
        if (!(file.size() == 68 || (thumb && file.size() == 74)) || (!thumb && !file.endsWith(u".jpg"_s))
            || !MediaStore::isValidDigest(sha) || !c->reports->isPublicPhoto(sha))
            throw ApiError(ApiError::Kind::NotFound, u"no such photo"_s);
        const auto data = c->media->get(sha, thumb ? MediaStore::Kind::Thumbnail : MediaStore::Kind::Photo);
        if (!data)
            throw ApiError(ApiError::Kind::NotFound, u"no such photo"_s);
        return HttpResponse::bytes(*data, "image/jpeg"_ba)
            .withHeader("Cache-Control"_ba, "public, max-age=31536000, immutable"_ba)
            .withHeader("Access-Control-Allow-Origin"_ba, "*"_ba);
    });
}

} // namespace dimos
