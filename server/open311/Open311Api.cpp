#include "Open311Api.h"

#include <QHash>
#include <QJsonArray>
#include <QLocale>

#include "server/api/ApiHelpers.h"
#include "server/app/AppContext.h"
#include "server/core/AuthService.h"
#include "server/core/MediaStore.h"
#include "server/core/PhotoProcessor.h"
#include "server/core/RateLimiter.h"
#include "server/core/ReportService.h"
#include "server/http/ApiError.h"
#include "server/http/FormData.h"
#include "server/http/Router.h"
#include "server/open311/Open311Params.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/InformationRepository.h"
#include "server/storage/ReportRepository.h"
#include "shared/open311/Open311Document.h"
#include "shared/util/Clock.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;
using dimos::open311::Format;

namespace dimos {

namespace {

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
void addFileRoute(Router &router, const QString &pattern, CachePolicy cache, FileHandler handler)
{
    HttpHandler route = [handler = std::move(handler)](HttpRequest &req) {
        const QString file = req.params.value(u"file"_s);
        const qsizetype dot = file.lastIndexOf(u'.');
        const QString ext = dot < 0 ? QString() : file.mid(dot + 1);
        const Format format = ext == u"json" ? Format::Json : Format::Xml;
        return wrap(format, [&](HttpRequest &r, Format f) {
            if (ext != u"json" && ext != u"xml")
                throw ApiError(ApiError::Kind::NotFound, u"add .json or .xml to the resource name"_s);
            return handler(r, f, file.left(dot));
        })(req);
    };
    router.add("GET"_ba, pattern, std::move(route), cache);
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

// JSON string text exactly as QJsonDocument writes it: UTF-8, with the quote, the backslash and
// control characters escaped (hex digits in lower case) and a lone surrogate as an escape.
void appendJsonString(QByteArray &out, QStringView s)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    const char16_t *p = s.utf16(), *const end = p + s.size();
    while (p != end) {
        const char16_t u = *p;
        if (u >= 0x20 && u < 0x80 && u != u'"' && u != u'\\') {
            const char16_t *run = p;
            while (p != end && *p >= 0x20 && *p < 0x80 && *p != u'"' && *p != u'\\')
                ++p;
            const qsizetype n = p - run, at = out.size();
            out.resize(at + n);
            char *to = out.data() + at; // not out[i]: QByteArray::operator[] checks for sharing per byte
            for (qsizetype i = 0; i < n; ++i)
                to[i] = static_cast<char>(run[i]);
            continue;
        }
        if (u < 0x80) {
            ++p;
            out += '\\';
            switch (u) {
            case u'"':
                out += '"';
                break;
            case u'\\':
                out += '\\';
                break;
            case 0x8:
                out += 'b';
                break;
            case 0xc:
                out += 'f';
                break;
            case 0xa:
                out += 'n';
                break;
            case 0xd:
                out += 'r';
                break;
            case 0x9:
                out += 't';
                break;
            default:
                out += "u00";
                out += kHex[u >> 4];
                out += kHex[u & 0xf];
            }
            continue;
        }
        if (QChar::isHighSurrogate(u) && p + 1 != end && QChar::isLowSurrogate(p[1])) {
            out += QStringView(p, 2).toUtf8();
            p += 2;
        } else if (QChar::isSurrogate(u)) {
            ++p;
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4)
                out += kHex[(u >> shift) & 0xf];
        } else {
            // UTF-8 written in place (two or three bytes: no surrogates here): through toUtf8() a
            // temporary array per run of Greek text was most of a one-report answer's rendering.
            const char16_t *run = p;
            while (p != end && *p >= 0x80 && !QChar::isSurrogate(*p))
                ++p;
            const qsizetype at = out.size();
            out.resize(at + (p - run) * 3);
            char *to = out.data() + at;
            for (const char16_t *c = run; c != p; ++c) {
                if (*c < 0x800) {
                    *to++ = static_cast<char>(0xc0 | (*c >> 6));
                } else {
                    *to++ = static_cast<char>(0xe0 | (*c >> 12));
                    *to++ = static_cast<char>(0x80 | ((*c >> 6) & 0x3f));
                }
                *to++ = static_cast<char>(0x80 | (*c & 0x3f));
            }
            out.resize(to - out.constData());
        }
    }
    out += '"';
}

// requests.json without extensions written straight into the JSON text, byte for byte what
// renderList(requestJson(…)) gives: building and serialising a QJsonObject per row was three
// quarters of the time of a 1,000-row page.
QByteArray requestsJsonText(const AppContext &ctx, const QList<Report> &reports,
    const QHash<QString, Category> &categories, const QString &lang)
{
    QByteArray out;
    out.reserve(reports.size() * 1024 + 2);
    out += '[';
    const auto key = [&out](const char *name) {
        out += '"';
        out += name;
        out += "\":";
    };
    const auto text = [&](const char *name, QStringView value) {
        key(name);
        appendJsonString(out, value);
        out += ',';
    };
    const auto number = [&](const char *name, double value) {
        key(name);
        out += QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
        out += ',';
    };
    for (const Report &r : reports) {
        if (out.size() > 1)
            out += ',';
        out += '{';
        // QJsonObject keeps its keys sorted; so does this.
        text("address", ctx.reportService->displayAddress(r));
        text("address_id", r.addressId);
        text("agency_responsible", r.agencyResponsible);
        text("description", r.description);
        if (r.expectedMs)
            text("expected_datetime", formatUtc(*r.expectedMs));
        else
            out += "\"expected_datetime\":null,";
        if (r.hasLocation) {
            number("lat", r.lat);
            number("long", r.lon);
        } else {
            out += "\"lat\":null,\"long\":null,";
        }
        text("media_url", r.photos.isEmpty() ? QString() : mediaUrl(ctx, r.photos.first().sha256));
        text("requested_datetime", formatUtc(r.requestedMs));
        text("service_code", r.serviceCode);
        const auto cat = categories.constFind(r.serviceCode);
        text("service_name", cat == categories.constEnd() ? QString() : cat->name.in(lang));
        text("service_notice", r.serviceNotice);
        text("service_request_id", QString::number(r.id));
        text("status", open311Status(r.status));
        text("status_notes", r.statusNotes);
        text("updated_datetime", formatUtc(r.updatedMs));
        key("zipcode");
        appendJsonString(out, r.zipcode);
        out += '}';
    }
    out += ']';
    return out;
}

QHash<QString, Category> categoriesByCode(const AppContext &ctx)
{
    QHash<QString, Category> out;
    for (const Category &c : ctx.catalog->categories(false))
        out.insert(c.code, c);
    return out;
}

qint64 requireApiKey(const AppContext &ctx, const Open311Params &p)
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

} // namespace

void registerOpen311Api(Router &router, AppContext &ctx)
{
    const AppContext *c = &ctx;
    const QString base = u"/open311/v2"_s;
    auto both
        = [&](const QByteArray &method, const QString &resource, CachePolicy cache, const Open311Handler &handler) {
              router.add(method, base + u'/' + resource + u".json"_s, wrap(Format::Json, handler), cache);
              router.add(method, base + u'/' + resource + u".xml"_s, wrap(Format::Xml, handler), cache);
          };
    // The GET reads are public and the same for every caller, so their answers are kept in the
    // ResponseCache (key: path, query, language). Those whose default window ends "now" also
    // expire after a second. POSTs and tokens/ are not cached.
    const CachePolicy cached = CachePolicy::untilDataChanges();
    const CachePolicy cachedBriefly = CachePolicy::forMs(1000);
    const CachePolicy uncached;

    both("GET"_ba, u"discovery"_s, cached, [c](HttpRequest &, Format f) {
        const QString changeset = u"2026-11-25T00:00:00Z"_s;
        QJsonObject endpoint{{u"specification"_s, u"http://wiki.open311.org/GeoReport_v2"_s},
            {u"url"_s, QString(c->baseUrl + u"/open311/v2"_s)}, {u"changeset"_s, changeset},
            {u"type"_s, u"production"_s}, {u"formats"_s, QJsonArray{u"text/xml"_s, u"application/json"_s}}};
        QJsonObject d{{u"changeset"_s, changeset}, {u"contact"_s, c->contactEmail},
            {u"key_service"_s, u"API keys are issued by %1 (%2)"_s.arg(c->municipalityName, c->contactEmail)},
            {u"endpoints"_s, QJsonArray{endpoint}}};
        return document(f, open311::renderObject(f, u"discovery", d));
    });

    both("GET"_ba, u"services"_s, cached, [c](HttpRequest &req, Format f) {
        const QString lang = req.language();
        QJsonArray items;
        for (const Category &cat : c->catalog->categories(true)) {
            if (cat.isInformation())
                continue; // not a service: nothing is reported there
            items.append(QJsonObject{{u"service_code"_s, cat.code}, {u"service_name"_s, cat.name.in(lang)},
                {u"description"_s, cat.description.in(lang)}, {u"metadata"_s, !cat.attributes.isEmpty()},
                {u"type"_s, u"realtime"_s}, {u"keywords"_s, cat.keywords.join(u',')},
                {u"group"_s, cat.group.in(lang)}});
        }
        return document(f, open311::renderList(f, u"services", u"service", items));
    });

    addFileRoute(router, base + u"/services/{file}"_s, cached, [c](HttpRequest &req, Format f, const QString &code) {
        const auto cat = c->catalog->category(code);
        if (!cat || !cat->active || cat->isInformation())
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

    both("GET"_ba, u"requests"_s, cachedBriefly, [c](HttpRequest &req, Format f) {
        const Open311Params p{req.query, std::nullopt}; // a GET: a body, if any, is not read
        const ReportQuery q = open311RequestsQuery(p, c->clock->nowMs());
        const bool extensions = q.withAttributes;
        const QList<Report> reports = c->reports->query(q);
        const QHash<QString, Category> categories = categoriesByCode(*c);
        const QString lang = req.language();
        if (f == Format::Json && !extensions)
            return document(f, requestsJsonText(*c, reports, categories, lang));
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

    both("POST"_ba, u"requests"_s, uncached, [c](HttpRequest &req, Format f) {
        const QString client = req.remote.toString();
        if (const int wait = c->reportRateLimiter->retryAfterSeconds(client); wait > 0) {
            ApiError e(ApiError::Kind::TooManyRequests,
                u"too many reports from this address; try again in %1 seconds"_s.arg(wait));
            e.retryAfterSeconds = wait;
            throw e;
        }
        const Open311Params p = Open311Params::fromRequest(req);
        NewReport in = open311NewReport(p);
        in.apiKeyId = requireApiKey(*c, p);
        if (p.form) {
            for (const FormFile &file : p.form->files) {
                if (file.data.isEmpty())
                    continue; // an empty file input in a browser form
                if (in.photos.size() >= c->maxPhotosPerReport)
                    throw ApiError(
                        ApiError::Kind::Validation, u"at most %1 photos per report"_s.arg(c->maxPhotosPerReport));
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

    addFileRoute(router, base + u"/requests/{file}"_s, cached, [c](HttpRequest &req, Format f, const QString &idText) {
        bool ok = false;
        const qint64 id = idText.toLongLong(&ok);
        // Reports waiting for the citizen's confirmation or a moderator, or hidden, are not there.
        const std::optional<Report> report = ok ? c->reports->find(id, /*publicOnly=*/true) : std::nullopt;
        if (!report)
            throw ApiError(ApiError::Kind::NotFound, u"no service request with id \"%1\""_s.arg(idText.left(32)));
        const bool extensions = req.queryValue(u"extensions"_s) == u"true";
        if (f == Format::Json && !extensions)
            return document(f, requestsJsonText(*c, {*report}, categoriesByCode(*c), req.language()));
        const QList<ReportHistoryEntry> history
            = extensions ? c->reports->history(id, true) : QList<ReportHistoryEntry>();
        QJsonArray items{
            requestJson(*c, *report, categoriesByCode(*c), req.language(), extensions ? &history : nullptr)};
        return document(f, open311::renderList(f, u"service_requests", u"request", items));
    });

    addFileRoute(router, base + u"/tokens/{file}"_s, uncached, [c](HttpRequest &, Format f, const QString &token) {
        const std::optional<Report> r = token.isEmpty() ? std::nullopt : c->reports->findByToken(token);
        if (!r)
            throw ApiError(ApiError::Kind::NotFound, u"no request with token \"%1\""_s.arg(token.left(64)));
        QJsonArray items{QJsonObject{{u"service_request_id"_s, QString::number(r->id)}, {u"token"_s, token}}};
        return document(f, open311::renderList(f, u"service_requests", u"request", items));
    });

    // Cached with the api_key in the key: only a valid key gets a 200, and revoking a key is a
    // write, which empties the cache.
    both("GET"_ba, u"servicerequestupdates"_s, cachedBriefly, [c](HttpRequest &req, Format f) {
        const Open311Params p{req.query, std::nullopt};
        requireApiKey(*c, p);
        const auto [from, to] = open311UpdatesWindow(p, c->clock->nowMs());
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

    both("POST"_ba, u"servicerequestupdates"_s, uncached, [c](HttpRequest &req, Format f) {
        const Open311Params p = Open311Params::fromRequest(req);
        requireApiKey(*c, p);
        const Open311Update update = open311Update(p);
        // Only a report the client can read takes its updates: one waiting for its reporter's
        // confirmation or a moderator, or hidden by one, is not found here as in requests/{id}
        // (a note or a reopening would otherwise reach a report nobody outside may see).
        if (!c->reports->find(update.requestId, /*publicOnly=*/true))
            throw ApiError(ApiError::Kind::NotFound, u"no service request with id \"%1\""_s.arg(update.requestId));
        const qint64 updateId
            = c->reportService->externalUpdate(update.requestId, update.description, update.status, update.actor);
        QJsonArray items{QJsonObject{{u"update_id"_s, QString::number(updateId)}}};
        return document(f, open311::renderList(f, u"service_request_updates", u"request_update", items));
    });

    // Photos, by content address. Anyone gets the public photos of public reports; staff (with
    // their token) also the others, which wait for a moderator, and those are never cached by
    // a browser or proxy.
    router.add("GET"_ba, u"/media/{file}"_s, [c](HttpRequest &req) {
        const QString file = req.params.value(u"file"_s);
        const bool thumb = file.endsWith(u".thumb.jpg"_s);
        const QString sha = file.left(64);
        if (!(file.size() == 68 || (thumb && file.size() == 74)) || (!thumb && !file.endsWith(u".jpg"_s))
            || !MediaStore::isValidDigest(sha))
            throw ApiError(ApiError::Kind::NotFound, u"no such photo"_s);
        // …and the photos of published information items.
        const bool isPublic = c->reports->isPublicPhoto(sha) || c->information->isPublicPhoto(sha);
        if (!isPublic) {
            if (req.header("authorization").isEmpty())
                throw ApiError(ApiError::Kind::NotFound, u"no such photo"_s);
            requireStaff(*c, req); // 401 for a token that is not (or no longer) valid
            if (!c->reports->hasPhoto(sha) && !c->information->hasPhoto(sha))
                throw ApiError(ApiError::Kind::NotFound, u"no such photo"_s);
        }
        const auto data = c->media->get(sha, thumb ? MediaStore::Kind::Thumbnail : MediaStore::Kind::Photo);
        if (!data)
            throw ApiError(ApiError::Kind::NotFound, u"no such photo"_s);
        HttpResponse r = HttpResponse::bytes(*data, "image/jpeg"_ba);
        if (!isPublic)
            return r.withHeader("Cache-Control"_ba, "private, no-store"_ba);
        return r.withHeader("Cache-Control"_ba, "public, max-age=31536000, immutable"_ba)
            .withHeader("Access-Control-Allow-Origin"_ba, "*"_ba);
    });
}

} // namespace dimos
