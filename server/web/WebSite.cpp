#include "WebSite.h"

#include <QUrl>

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <cmath>

#include "server/app/AppContext.h"
#include "server/core/RateLimiter.h"
#include "server/core/ReportService.h"
#include "server/http/ApiError.h"
#include "server/http/FormData.h"
#include "server/http/Router.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/ReportRepository.h"
#include "server/storage/StreetRepository.h"
#include "server/web/AccountPages.h"
#include "server/web/Csrf.h"
#include "server/web/InformationPages.h"
#include "server/web/LookupPages.h"
#include "server/web/ReportForm.h"
#include "server/web/ReportMapIndex.h"
#include "server/web/RequestPages.h"
#include "server/web/StaticFiles.h"
#include "server/web/SubscriptionPages.h"
#include "server/web/VerifyPages.h"
#include "server/web/WebPage.h"
#include "server/web/WebReports.h"
#include "server/web/WebSettings.h"
#include "shared/geo/BboxText.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcWeb, "dimos.web")

namespace dimos {

namespace {

constexpr int kListPageSize = 20;
constexpr int kMaxListPage = 500;

QString coordinatesText(double lat, double lon)
{
    return u"%1, %2"_s.arg(lat, 0, 'f', 5).arg(lon, 0, 'f', 5);
}

std::optional<qint64> parseId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0 || text.startsWith(u'+') || text.size() > 18)
        return std::nullopt;
    return id;
}

HttpResponse staticFile(const std::optional<StaticFiles::File> &file)
{
    if (!file)
        throw ApiError(ApiError::Kind::NotFound, u"no such file"_s);
    HttpResponse r = HttpResponse::bytes(file->body, file->contentType);
    // Under the current version the URL changes with the content: keep it for a year.
    r.withHeader(
        "Cache-Control"_ba, file->current ? "public, max-age=31536000, immutable"_ba : "public, max-age=300"_ba);
    return r;
}

// bbox=minLon,minLat,maxLon,maxLat (the GeoJSON order), each a finite number of degrees.
LatLonBox parseBbox(const QString &text)
{
    const BboxParse parsed = parseBboxText(text);
    switch (parsed.problem) {
    case BboxParse::Problem::None:
        return *parsed.box;
    case BboxParse::Problem::Missing:
        throw ApiError(ApiError::Kind::BadRequest, u"bbox is required: bbox=minLon,minLat,maxLon,maxLat in degrees"_s);
    case BboxParse::Problem::NotFourNumbers:
        throw ApiError(ApiError::Kind::BadRequest,
            u"bbox \"%1\" must be four numbers: minLon,minLat,maxLon,maxLat in degrees"_s.arg(text.left(100)));
    case BboxParse::Problem::OutsideWorld:
        throw ApiError(ApiError::Kind::BadRequest,
            u"bbox \"%1\": longitudes must be within -180..180 and latitudes within -90..90"_s.arg(text.left(100)));
    case BboxParse::Problem::MinAboveMax:
        break;
    }
    throw ApiError(ApiError::Kind::BadRequest,
        u"bbox \"%1\": the minimum must not be greater than the maximum (minLon,minLat,maxLon,maxLat)"_s.arg(
            text.left(100)));
}

int parseZoom(const QString &text)
{
    bool ok = false;
    const int zoom = text.trimmed().toInt(&ok);
    if (text.isNull() || !ok || zoom < 0 || zoom > 24)
        throw ApiError(ApiError::Kind::BadRequest,
            u"zoom must be a whole number from 0 to 24, got \"%1\""_s.arg(
                text.isNull() ? u"nothing"_s : text.left(20)));
    return zoom;
}

} // namespace

struct WebSite::Impl
{
    Impl(AppContext &c, const EventRepository &events)
        : ctx(c),
          files(c.web->leafletDir),
          page(c, files),
          form(c, page),
          map(*c.reports, events),
          mail(c, page),
          information(c, page),
          accounts(c, page),
          verify(c, page),
          requests(c, page),
          lookup(c, page)
    { }

    AppContext &ctx;
    StaticFiles files;
    WebPage page;
    ReportForm form;
    ReportMapIndex map;
    SubscriptionPages mail;
    InformationPages information;
    AccountPages accounts;
    VerifyPages verify; // the public verification of issued documents (/verify)
    RequestPages requests; // e-Dimotis requests (/requests)
    const Router *routes = nullptr; // the routes, for the "too large" page's way back
    LookupPages lookup; // what applies at an address (/lookup), from the GIS layers

    // Runs a page handler: any error becomes a page in the reader's language, never JSON.
    HttpHandler pageRoute(std::function<HttpResponse(HttpRequest &, const WebRequest &)> handler)
    {
        return [this, handler = std::move(handler)](HttpRequest &req) {
            const WebRequest web = page.begin(req);
            try {
                return handler(req, web);
            } catch (const ApiError &e) {
                if (e.kind == ApiError::Kind::NotFound)
                    return page.notFound(web);
                return page.error(web, httpStatus(e.kind), page.text(web, u"web.error.bad_request_title"_s), e.message,
                    u"/"_s, page.text(web, u"web.error.home_action"_s));
            } catch (const std::exception &e) {
                qCCritical(lcWeb).noquote() << "internal error on" << req.method << req.path << ":" << e.what();
                return page.error(web, 500, page.text(web, u"web.error.server_title"_s),
                    page.text(web, u"web.error.server"_s), u"/"_s, page.text(web, u"web.error.home_action"_s));
            }
        };
    }

    QString categoryName(const QString &code, const QString &lang) const
    {
        const auto c = ctx.catalog->category(code);
        return c ? c->name.in(lang) : code;
    }

    QString place(const Report &r, const QString &lang) const
    {
        if (!r.address.isEmpty())
            return r.address;
        if (r.hasLocation)
            return coordinatesText(r.lat, r.lon);
        return page.municipality(lang);
    }

    HttpResponse home(const HttpRequest &req, const WebRequest &web)
    {
        const QString &lang = web.lang;
        int pageNumber = 1;
        if (req.hasQuery(u"page"_s)) {
            bool ok = false;
            pageNumber = req.queryValue(u"page"_s).toInt(&ok);
            if (!ok || pageNumber < 1 || pageNumber > kMaxListPage)
                throw ApiError(ApiError::Kind::NotFound, u"no such page"_s);
        }
        ReportQuery q;
        q.publicOnly = true;
        q.order = ReportQuery::Order::RequestedDesc;
        q.limit = kListPageSize + 1; // one more tells whether there is an older page
        q.offset = (pageNumber - 1) * kListPageSize;
        QList<Report> reports = ctx.reports->query(q);
        const bool more = reports.size() > kListPageSize;
        if (more)
            reports.removeLast();
        QJsonArray items;
        for (const Report &r : std::as_const(reports)) {
            if (!WebReports::isPublic(r))
                continue;
            items.append(QJsonObject{{u"id"_s, QString::number(r.id)}, {u"url"_s, u"/reports/%1"_s.arg(r.id)},
                {u"category"_s, categoryName(r.serviceCode, lang)}, {u"status"_s, page.status(lang, r.status)},
                {u"place"_s, place(r, lang)}, {u"date"_s, WebPage::date(lang, r.requestedMs)}});
        }
        QJsonValue pager = false;
        if (pageNumber > 1 || more)
            pager = QJsonObject{
                {u"newer"_s, pageNumber > 1 ? QJsonValue(u"/?page=%1"_s.arg(pageNumber - 1)) : QJsonValue(false)},
                {u"older"_s, more ? QJsonValue(u"/?page=%1"_s.arg(pageNumber + 1)) : QJsonValue(false)},
                {u"page_text"_s, page.text(web, u"web.home.page_of"_s, {QString::number(pageNumber)})}};
        const QJsonObject values{{u"reports"_s, items}, {u"has_reports"_s, !items.isEmpty()}, {u"pager"_s, pager},
            {u"map"_s, page.hasMap()}, {u"tiles"_s, page.tiles()}, {u"bounds"_s, page.bounds()},
            {u"information"_s, information.homeSection(web)}};
        WebPage::Options options;
        options.nav = WebPage::Nav::Home;
        options.map = true;
        options.scripts = {u"map-picker.js"_s, u"map.js"_s};
        options.feeds = {{u"/feeds/reports.atom?lang="_s + lang, page.text(web, u"web.feeds.all"_s)}};
        return page.render(web, u"web/home"_s, page.text(web, u"web.home.title"_s), values, options);
    }

    HttpResponse geoJson(const HttpRequest &req)
    {
        const LatLonBox box = parseBbox(req.queryValue(u"bbox"_s));
        const int zoom = parseZoom(req.queryValue(u"zoom"_s));
        const QString lang = req.language();
        QJsonArray features;
        for (const Cluster &c : map.query(box, zoom)) {
            QJsonObject properties;
            if (c.count > 1) {
                properties = {{u"cluster"_s, true}, {u"count"_s, c.count},
                    {u"expansion_zoom"_s, std::min(map.expansionZoom(c), map.maxZoom() + 1)}};
            } else {
                const ReportMapIndex::Pin *pin = map.pin(c.pointId);
                if (!pin)
                    continue;
                const QJsonObject status = page.status(lang, pin->status);
                properties = {{u"cluster"_s, false}, {u"id"_s, c.pointId}, {u"url"_s, u"/reports/%1"_s.arg(c.pointId)},
                    {u"category"_s, categoryName(pin->serviceCode, lang)}, {u"status"_s, status[u"code"_s]},
                    {u"status_text"_s, status[u"text"_s]}, {u"status_symbol"_s, status[u"symbol"_s]}};
            }
            features.append(QJsonObject{{u"type"_s, u"Feature"_s},
                {u"geometry"_s, QJsonObject{{u"type"_s, u"Point"_s}, {u"coordinates"_s, QJsonArray{c.lon, c.lat}}}},
                {u"properties"_s, properties}});
        }
        return HttpResponse::bytes(
            QJsonDocument(QJsonObject{{u"type"_s, u"FeatureCollection"_s}, {u"features"_s, features}})
                .toJson(QJsonDocument::Compact),
            "application/geo+json; charset=utf-8"_ba);
    }

    // `follow`: the values of the "e-mail me updates" form when it comes back with an error.
    HttpResponse reportPage(
        const HttpRequest &req, const WebRequest &web, const QJsonObject &follow = {}, int status = 200)
    {
        const QString &lang = web.lang;
        const auto id = parseId(req.params.value(u"id"_s));
        const std::optional<Report> found = id ? ctx.reports->find(*id, /*publicOnly=*/true) : std::nullopt;
        if (!found || !WebReports::isPublic(*found))
            return page.notFound(web);
        const Report &r = *found;
        const std::optional<Category> category = ctx.catalog->category(r.serviceCode);
        const QString categoryText = category ? category->name.in(lang) : r.serviceCode;

        QJsonObject values{{u"id"_s, QString::number(r.id)}, {u"category"_s, categoryText},
            {u"status"_s, page.status(lang, r.status)}, {u"submitted"_s, WebPage::date(lang, r.requestedMs)},
            {u"updated"_s, WebPage::date(lang, r.updatedMs)},
            {u"expected"_s, r.expectedMs ? QJsonValue(WebPage::date(lang, *r.expectedMs)) : QJsonValue(false)},
            {u"description"_s, textOrFalse(r.description)},
            // Without an address the coordinates below say where it is.
            {u"place"_s, r.address.isEmpty() && r.hasLocation ? QJsonValue(false) : QJsonValue(place(r, lang))},
            {u"map"_s, page.hasMap()}, {u"tiles"_s, page.tiles()},
            {u"follow"_s, follow.isEmpty() ? mail.followForm(web, r) : follow}, {u"duplicate_of"_s, false}};
        QString responsible;
        if (r.departmentId)
            if (const auto dept = ctx.catalog->department(*r.departmentId))
                responsible = dept->name.in(lang);
        values.insert(u"responsible"_s, textOrFalse(responsible));
        if (r.status == ReportStatus::Duplicate && r.duplicateOf)
            values.insert(u"duplicate_of"_s,
                QJsonObject{{u"url"_s, u"/reports/%1"_s.arg(*r.duplicateOf)},
                    {u"text"_s, page.text(web, u"web.report.duplicate_of"_s, {QString::number(*r.duplicateOf)})}});
        if (r.hasLocation) {
            values.insert(u"point"_s,
                QJsonObject{{u"lat"_s, QString::number(r.lat, 'f', 6)}, {u"lon"_s, QString::number(r.lon, 'f', 6)},
                    {u"text"_s, coordinatesText(r.lat, r.lon)},
                    {u"osm"_s,
                        u"https://www.openstreetmap.org/?mlat=%1&mlon=%2#map=18/%1/%2"_s.arg(r.lat, 0, 'f', 6)
                            .arg(r.lon, 0, 'f', 6)}});
        } else {
            values.insert(u"point"_s, false);
        }

        QJsonArray attributes;
        for (const auto &[code, given] : r.attributes) {
            const AttributeDefinition *def = category ? category->attribute(code) : nullptr;
            QStringList shown;
            for (const QString &v : given) {
                QString text = v;
                if (def && (def->type == AttributeType::SingleValueList || def->type == AttributeType::MultiValueList))
                    for (const AttributeOption &o : def->values)
                        if (o.key == v)
                            text = o.name.in(lang);
                if (def && def->type == AttributeType::Datetime)
                    if (const auto ms = parseIsoDateTime(v))
                        text = WebPage::date(lang, *ms)[u"text"_s].toString();
                shown.append(text);
            }
            attributes.append(
                QJsonObject{{u"label"_s, def ? def->description.in(lang) : code}, {u"value"_s, shown.join(u", "_s)}});
        }
        values.insert(u"attributes"_s, attributes);
        values.insert(u"has_attributes"_s, !attributes.isEmpty());

        QJsonArray photos;
        const int thumbSide = ctx.photoLimits->thumbMaxDimension;
        for (qsizetype i = 0; i < r.photos.size(); ++i) {
            const ReportPhoto &p = r.photos[i];
            const double scale = std::min(1.0, double(thumbSide) / std::max({p.width, p.height, 1}));
            photos.append(QJsonObject{{u"full"_s, QString(u"/media/"_s + p.sha256 + u".jpg"_s)},
                {u"thumb"_s, QString(u"/media/"_s + p.sha256 + u".thumb.jpg"_s)},
                {u"alt"_s, page.text(web, u"web.report.photo_alt"_s, {QString::number(i + 1)})},
                {u"width"_s, std::max(1, int(std::lround(p.width * scale)))},
                {u"height"_s, std::max(1, int(std::lround(p.height * scale)))}});
        }
        values.insert(u"photos"_s, photos);
        values.insert(u"has_photos"_s, !photos.isEmpty());

        QJsonArray timeline;
        for (const ReportHistoryEntry &e : ctx.reports->history(r.id, true)) {
            QString what;
            switch (e.kind) {
            case ReportHistoryEntry::Kind::Created:
                what = page.text(web, u"web.report.event_created"_s);
                break;
            case ReportHistoryEntry::Kind::Reopen:
                what = page.text(
                    web, e.actorName == u"citizen" ? u"web.report.event_not_fixed"_s : u"web.report.event_reopen"_s);
                break;
            case ReportHistoryEntry::Kind::Duplicate:
                what = page.text(web, u"web.report.event_duplicate"_s);
                break;
            default:
                what = e.newStatus && e.kind != ReportHistoryEntry::Kind::PublicNote
                    ? page.text(
                        web, u"web.report.event_status"_s, {page.status(lang, *e.newStatus)[u"text"_s].toString()})
                    : page.text(web, u"web.report.event_note"_s);
            }
            timeline.append(QJsonObject{{u"date"_s, WebPage::date(lang, e.atMs)}, {u"what"_s, what},
                {u"text"_s, e.kind == ReportHistoryEntry::Kind::Created ? QJsonValue(false) : textOrFalse(e.text)}});
        }
        values.insert(u"timeline"_s, timeline);

        const QString reportFeed = u"/feeds/reports/%1.atom?lang=%2"_s.arg(r.id).arg(lang);
        const QString categoryFeed = u"/feeds/reports.atom?category=%1&lang=%2"_s.arg(
            QString::fromLatin1(QUrl::toPercentEncoding(r.serviceCode)), lang);
        values.insert(u"feeds"_s,
            QJsonObject{{u"report"_s, reportFeed}, {u"category"_s, categoryFeed},
                {u"category_text"_s, page.text(web, u"web.feeds.category"_s, {categoryText})}});

        WebPage::Options options;
        options.status = status;
        options.map = r.hasLocation;
        options.scripts = {u"map-picker.js"_s, u"map.js"_s};
        options.feeds = {{reportFeed, page.text(web, u"web.feeds.report"_s, {QString::number(r.id)})},
            {categoryFeed, page.text(web, u"web.feeds.category"_s, {categoryText})}};
        return page.render(
            web, u"web/report"_s, page.text(web, u"web.report.title"_s, {QString::number(r.id)}), values, options);
    }

    HttpResponse thanks(const HttpRequest &req, const WebRequest &web)
    {
        // Shown before the report is public (it waits for the e-mailed link): the number only.
        const auto id = parseId(req.params.value(u"id"_s));
        const std::optional<Report> found = id ? ctx.reports->find(*id) : std::nullopt;
        if (!found || found->channel != u"web")
            return page.notFound(web);
        const QJsonObject values{{u"id"_s, QString::number(found->id)}, {u"url"_s, u"/reports/%1"_s.arg(found->id)}};
        WebPage::Options options;
        options.nav = WebPage::Nav::Report;
        return page.render(web, u"web/thanks"_s, page.text(web, u"web.thanks.title"_s), values, options);
    }

    HttpResponse formPage(
        const WebRequest &web, const ReportFormInput &in, const QList<FieldError> &errors, bool photosLost, int status)
    {
        WebPage::Options options;
        options.status = status;
        options.nav = WebPage::Nav::Report;
        options.map = true;
        options.scripts = {u"map-picker.js"_s, u"report-form.js"_s};
        return page.render(web, u"web/report_form"_s, page.text(web, u"web.form.title"_s),
            form.values(web, in, errors, photosLost), options);
    }

    // The link in the confirmation mail: a page with a button, so that a mail scanner that
    // opens links does not confirm for the citizen; the POST confirms.
    HttpResponse confirmPage(const HttpRequest &req, const WebRequest &web)
    {
        const QString token = req.params.value(u"token"_s);
        WebPage::Options options;
        const QString action = u"/confirm/"_s + QString::fromLatin1(QUrl::toPercentEncoding(token));
        return page.render(web, u"web/confirm"_s, page.text(web, u"web.confirm.title"_s),
            QJsonObject{{u"action"_s, action}, {u"csrf"_s, web.csrf}}, options);
    }

    HttpResponse confirm(HttpRequest &req, const WebRequest &web)
    {
        QString why;
        const std::optional<FormData> data = parseForm(req.contentType(), req.body, FormLimits{}, &why);
        const QString again
            = u"/confirm/"_s + QString::fromLatin1(QUrl::toPercentEncoding(req.params.value(u"token"_s)));
        if (!data || web.newCsrf || !csrf::matches(web.csrf, data->value(u"csrf"_s)))
            return page.error(web, 403, page.text(web, u"web.error.csrf_title"_s), page.text(web, u"web.error.csrf"_s),
                again, page.text(web, u"web.error.csrf_action"_s));
        const std::optional<Report> r = ctx.reportService->confirm(req.params.value(u"token"_s));
        if (!r)
            return page.error(web, 404, page.text(web, u"web.confirm.invalid_title"_s),
                page.text(web, u"web.confirm.invalid"_s), u"/"_s, page.text(web, u"web.error.home_action"_s));
        if (r->visibility == Visibility::Public)
            return page.redirect(web, u"/reports/%1"_s.arg(r->id));
        return page.error(web, 200, page.text(web, u"web.confirm.moderation_title"_s),
            page.text(web, u"web.confirm.moderation"_s, {QString::number(r->id)}), u"/"_s,
            page.text(web, u"web.error.home_action"_s));
    }

    // The answer to a form post over http/max_body_mib (HttpFront, from the request's head: no
    // body, no route parameters). Back to the form: the path itself when it is also a page.
    HttpResponse tooLargePage(const HttpRequest &req, const WebRequest &web) const
    {
        const qint64 sent = req.header("content-length"_ba).toLongLong();
        const qint64 limit = ctx.maxBodyBytes;
        QString back = u"/"_s;
        QHash<QString, QString> params;
        if (routes && routes->resolve("GET"_ba, req.path, &params).handler)
            back = req.path;
        const QString message = sent > 0
            ? page.text(web, u"web.error.too_large"_s, {formatByteSize(sent), formatByteSize(limit)})
            : page.text(web, u"web.error.too_large_unknown"_s, {formatByteSize(limit)});
        return page.error(web, 413, page.text(web, u"web.error.too_large_title"_s), message, back,
            page.text(web, u"web.error.too_large_action"_s));
    }

    HttpResponse submit(HttpRequest &req, const WebRequest &web)
    {
        QString why;
        FormLimits limits;
        limits.maxFileBytes = ctx.photoLimits->maxBytes + 1; // larger photos are refused with a message
        limits.maxTotalFileBytes = (ctx.photoLimits->maxBytes + 1) * std::max(1, ctx.maxPhotosPerReport + 1);
        const std::optional<FormData> data = parseForm(req.contentType(), req.body, limits, &why);
        if (!data)
            return page.error(web, 400, page.text(web, u"web.error.bad_request_title"_s),
                page.text(web, u"web.error.form"_s, {why}), u"/report"_s, page.text(web, u"web.error.csrf_action"_s));
        const ReportFormInput in = ReportFormInput::fromForm(*data);

        // The cookie's token, not a fresh one: a browser without it cannot have sent a form of ours.
        if (web.newCsrf || !csrf::matches(web.csrf, in.csrf))
            return page.error(web, 403, page.text(web, u"web.error.csrf_title"_s), page.text(web, u"web.error.csrf"_s),
                u"/report"_s, page.text(web, u"web.error.csrf_action"_s));
        if (!in.honeypot.isEmpty())
            return page.error(web, 400, page.text(web, u"web.error.honeypot_title"_s),
                page.text(web, u"web.error.honeypot"_s), u"/report"_s, page.text(web, u"web.error.csrf_action"_s));
        if (in.choosingCategory)
            return formPage(web, in, {}, !in.photos.isEmpty(), 200);

        const QString client = req.remote.toString();
        if (const int wait = ctx.reportRateLimiter->retryAfterSeconds(client); wait > 0) {
            HttpResponse r = page.error(web, 429, page.text(web, u"web.error.rate_title"_s),
                page.text(web, u"web.error.rate"_s, {QString::number((wait + 59) / 60)}), u"/"_s,
                page.text(web, u"web.error.home_action"_s));
            r.withHeader("Retry-After"_ba, QByteArray::number(wait));
            return r;
        }

        NewReport report;
        QList<FieldError> errors = form.validate(web, in, &report);
        if (errors.isEmpty())
            errors = form.processPhotos(web, in, &report);
        if (!errors.isEmpty())
            return formPage(web, in, errors, !in.photos.isEmpty(), 422);
        // Per e-mail address too: confirmation mails to one inbox from many addresses are
        // limited like reports from one address.
        const QString mailbox = u"mailto:"_s + report.contact.email.toLower();
        if (const int wait = ctx.reportRateLimiter->retryAfterSeconds(mailbox); wait > 0) {
            HttpResponse r = page.error(web, 429, page.text(web, u"web.error.rate_title"_s),
                page.text(web, u"web.error.rate_email"_s, {QString::number((wait + 59) / 60)}), u"/"_s,
                page.text(web, u"web.error.home_action"_s));
            r.withHeader("Retry-After"_ba, QByteArray::number(wait));
            return r;
        }

        Report stored;
        try {
            stored = WebReports::submit(ctx, std::move(report), web.lang);
        } catch (const ApiError &e) {
            // What the form's checks could not know: the category was deactivated a moment ago.
            if (e.kind != ApiError::Kind::NotFound)
                throw;
            return formPage(web, in,
                {{u"category"_s, page.text(web, u"web.error.unknown_category"_s),
                    page.text(web, u"web.form.category"_s)}},
                !in.photos.isEmpty(), 422);
        }
        ctx.reportRateLimiter->record(client);
        ctx.reportRateLimiter->record(mailbox);
        return page.redirect(web, u"/reports/%1/thanks"_s.arg(stored.id));
    }
};

WebSite::WebSite(AppContext &ctx, const EventRepository &events) : d(std::make_unique<Impl>(ctx, events)) { }

WebSite::~WebSite() = default;

ReportMapIndex &WebSite::mapIndex()
{
    return d->map;
}

void WebSite::registerRoutes(Router &router)
{
    Impl *w = d.get();
    w->routes = &router;
    router.add(
        "GET"_ba, u"/"_s, w->pageRoute([w](HttpRequest &req, const WebRequest &web) { return w->home(req, web); }));
    // The same for every caller (the language comes from ?lang=), so the response cache keeps it
    // until the next write.
    router.add(
        "GET"_ba, u"/map/reports.geojson"_s, [w](HttpRequest &req) { return w->geoJson(req); },
        CachePolicy::untilDataChanges());
    // The municipality's street list, for the address field: ?q=<at least 2 characters>.
    router.add(
        "GET"_ba, u"/streets.json"_s,
        [w](HttpRequest &req) {
            const QString q = req.queryValue(u"q"_s).trimmed();
            if (q.size() < 2 || q.size() > 100)
                throw ApiError(ApiError::Kind::BadRequest, u"q must be 2 to 100 characters of a street name"_s);
            const QString lang = req.language();
            QJsonArray items;
            for (const Street &s : w->ctx.streets->search(q, 10))
                items.append(QJsonObject{{u"name"_s, lang == u"en" && !s.nameEn.isEmpty() ? s.nameEn : s.nameEl},
                    {u"lat"_s, s.lat}, {u"lon"_s, s.lon}, {u"postcode"_s, s.postcode}});
            return HttpResponse::json(QJsonObject{{u"streets"_s, items}});
        },
        CachePolicy::untilDataChanges());
    // The municipal boundary with its attribution, drawn on the maps so they read as a map even
    // when no tile loads.
    router.add("GET"_ba, u"/map/boundary.geojson"_s, [w](HttpRequest &) {
        if (w->ctx.boundaryGeoJson.isEmpty())
            throw ApiError(ApiError::Kind::NotFound, u"no boundary is configured (open311/boundary_file)"_s);
        return HttpResponse::bytes(w->ctx.boundaryGeoJson, "application/geo+json; charset=utf-8"_ba)
            .withHeader("Cache-Control"_ba, "public, max-age=3600"_ba);
    });
    router.add("GET"_ba, u"/reports/{id}"_s,
        w->pageRoute([w](HttpRequest &req, const WebRequest &web) { return w->reportPage(req, web); }));
    router.add("GET"_ba, u"/reports/{id}/thanks"_s,
        w->pageRoute([w](HttpRequest &req, const WebRequest &web) { return w->thanks(req, web); }));
    // A person who mistypes a page address gets a page in their language, not JSON.
    router.setPageNotFound(w->pageRoute([w](HttpRequest &, const WebRequest &web) { return w->page.notFound(web); }));
    router.add("GET"_ba, u"/confirm/{token}"_s,
        w->pageRoute([w](HttpRequest &req, const WebRequest &web) { return w->confirmPage(req, web); }));
    router.add("POST"_ba, u"/confirm/{token}"_s,
        w->pageRoute([w](HttpRequest &req, const WebRequest &web) { return w->confirm(req, web); }));
    router.add("GET"_ba, u"/report"_s, w->pageRoute([w](HttpRequest &req, const WebRequest &web) {
        ReportFormInput in;
        in.category = req.queryValue(u"category"_s);
        return w->formPage(web, in, {}, false, 200);
    }));
    router.add("POST"_ba, u"/report"_s,
        w->pageRoute([w](HttpRequest &req, const WebRequest &web) { return w->submit(req, web); }));

    w->mail.registerRoutes(
        router, [w](SubscriptionPages::PageHandler h) { return w->pageRoute(std::move(h)); },
        [w](const HttpRequest &req, const WebRequest &web, const QJsonObject &follow, int status) {
            return w->reportPage(req, web, follow, status);
        });

    w->information.registerRoutes(router, [w](InformationPages::PageHandler h) { return w->pageRoute(std::move(h)); });
    if (w->ctx.citizenAccounts)
        w->accounts.registerRoutes(router, [w](AccountPages::PageHandler h) { return w->pageRoute(std::move(h)); });
    w->verify.registerRoutes(router, [w](VerifyPages::PageHandler h) { return w->pageRoute(std::move(h)); });
    if (w->ctx.requestService && w->ctx.citizenAccounts)
        w->requests.registerRoutes(router, [w](RequestPages::PageHandler h) { return w->pageRoute(std::move(h)); });
    // A form whose files are over http/max_body_mib is refused before any handler reads it:
    // the person gets a page in their language that says so, not JSON.
    router.setPageTooLarge(
        w->pageRoute([w](HttpRequest &req, const WebRequest &web) { return w->tooLargePage(req, web); }));
    w->lookup.registerRoutes(router, [w](LookupPages::PageHandler h) { return w->pageRoute(std::move(h)); });

    router.add("GET"_ba, u"/static/{version}/{file}"_s, [w](HttpRequest &req) {
        return staticFile(w->files.builtIn(req.params.value(u"version"_s), req.params.value(u"file"_s)));
    });
    router.add("GET"_ba, u"/static/leaflet/{version}/{file}"_s, [w](HttpRequest &req) {
        return staticFile(w->files.leaflet(req.params.value(u"version"_s), {}, req.params.value(u"file"_s)));
    });
    router.add("GET"_ba, u"/static/leaflet/{version}/images/{file}"_s, [w](HttpRequest &req) {
        return staticFile(w->files.leaflet(req.params.value(u"version"_s), u"images"_s, req.params.value(u"file"_s)));
    });
}

} // namespace dimos
