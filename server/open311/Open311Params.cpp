#include "Open311Params.h"

#include <QRegularExpression>

#include <cmath>

#include "server/http/ApiError.h"
#include "server/http/HttpTypes.h"
#include "shared/geo/BboxText.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kMaxWindowMs = 90 * kDayMs;

ApiError badParam(const QString &message)
{
    return ApiError(ApiError::Kind::Validation, message);
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

} // namespace

QString Open311Params::value(const QString &name) const
{
    if (form && form->contains(name))
        return form->value(name);
    for (const auto &[n, v] : query)
        if (n == name)
            return v.isNull() ? u""_s : v; // "name=" and "name" are present, not absent
    return {};
}

bool Open311Params::has(const QString &name) const
{
    if (form && form->contains(name))
        return true;
    return std::any_of(query.begin(), query.end(), [&](const auto &pair) { return pair.first == name; });
}

QList<std::pair<QString, QString>> Open311Params::all() const
{
    QList<std::pair<QString, QString>> out;
    if (form)
        for (const FormField &f : form->fields)
            out.append({f.name, f.value});
    out += query;
    return out;
}

Open311Params Open311Params::fromRequest(const HttpRequest &request)
{
    return fromParts(request.query, request.contentType(), request.body);
}

Open311Params Open311Params::fromParts(
    QList<std::pair<QString, QString>> query, const QByteArray &contentType, const QByteArray &body)
{
    Open311Params p;
    p.query = std::move(query);
    if (body.isEmpty())
        return p;
    FormLimits limits;
    limits.maxFileBytes = 20 * 1024 * 1024;
    QString error;
    p.form = parseForm(contentType, body, limits, &error);
    if (!p.form) {
        const bool tooBig = error.contains(u"limit"_s);
        throw ApiError(tooBig ? ApiError::Kind::PayloadTooLarge : ApiError::Kind::BadRequest, error);
    }
    return p;
}

ReportQuery open311RequestsQuery(const Open311Params &p, qint64 nowMs)
{
    ReportQuery q;
    q.publicOnly = true;
    q.order = ReportQuery::Order::RequestedDesc;
    q.withPhotos = true;
    q.withAttributes = p.value(u"extensions"_s) == u"true";
    // An empty service_request_id (a client's blank form field) is no filter, not "no ids".
    const QStringList requestedIds = p.value(u"service_request_id"_s).split(u',', Qt::SkipEmptyParts);
    if (!requestedIds.isEmpty()) {
        if (requestedIds.size() > kOpen311MaxPageSize)
            throw badParam(u"at most %1 service_request_id values at once"_s.arg(kOpen311MaxPageSize));
        for (const QString &id : requestedIds) {
            bool ok = false;
            q.ids.append(id.trimmed().toLongLong(&ok));
            if (!ok)
                throw badParam(u"service_request_id \"%1\" is not an id of this server"_s.arg(id.left(32)));
        }
        q.limit = static_cast<int>(q.ids.size());
        return q;
    }
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
        if (*q.requestedToMs - *q.requestedFromMs > kMaxWindowMs)
            throw badParam(u"start_date and end_date may be at most 90 days apart"_s);
    } else if (hasStart) {
        q.requestedToMs = *q.requestedFromMs + kMaxWindowMs;
    } else if (hasEnd) {
        q.requestedFromMs = *q.requestedToMs - kMaxWindowMs;
    } else if (!byUpdate) {
        q.requestedFromMs = nowMs - kMaxWindowMs; // the spec's default window
    }
    if (p.has(u"updated_after"_s))
        q.updatedFromMs = parseDate(p.value(u"updated_after"_s), u"updated_after"_s);
    if (p.has(u"updated_before"_s))
        q.updatedToMs = parseDate(p.value(u"updated_before"_s), u"updated_before"_s);
    if (byUpdate)
        q.order = ReportQuery::Order::UpdatedAsc;
    if (p.has(u"bbox"_s)) {
        const BboxParse parsed = parseBboxText(p.value(u"bbox"_s));
        switch (parsed.problem) {
        case BboxParse::Problem::None:
            break;
        case BboxParse::Problem::OutsideWorld:
            throw badParam(
                u"bbox is outside the world: longitudes run from -180 to 180 and latitudes from -90 to 90"_s);
        case BboxParse::Problem::MinAboveMax:
            throw badParam(u"bbox must be west,south,east,north: the minimum first"_s);
        default:
            throw badParam(u"bbox must be four decimal numbers: west,south,east,north "
                           u"(min_long,min_lat,max_long,max_lat)"_s);
        }
        q.bbox = *parsed.box;
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
        ? parseIntParam(p.value(u"page_size"_s), u"page_size"_s, 1, kOpen311MaxPageSize)
        : kOpen311MaxPageSize;
    const int page = p.has(u"page"_s) ? parseIntParam(p.value(u"page"_s), u"page"_s, 1, 1'000'000) : 1;
    q.limit = pageSize;
    q.offset = (page - 1) * pageSize;
    return q;
}

QList<std::pair<QString, QStringList>> open311Attributes(const Open311Params &p)
{
    static const QRegularExpression re(u"^attribute\\[([^\\[\\]]{1,64})\\](\\[\\])?$"_s);
    QList<std::pair<QString, QStringList>> out;
    for (const auto &[name, value] : p.all()) {
        const auto m = re.match(name);
        if (!m.hasMatch())
            continue;
        const QString code = m.captured(1);
        auto it = std::find_if(out.begin(), out.end(), [&](const auto &e) { return e.first == code; });
        if (it == out.end())
            out.append({code, {value}});
        else if (m.hasCaptured(2))
            it->second.append(value);
    }
    return out;
}

NewReport open311NewReport(const Open311Params &p)
{
    NewReport in;
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
    in.attributes = open311Attributes(p);
    return in;
}

std::pair<qint64, qint64> open311UpdatesWindow(const Open311Params &p, qint64 nowMs)
{
    const qint64 from = p.has(u"start_date"_s) ? parseDate(p.value(u"start_date"_s), u"start_date"_s) : nowMs - kDayMs;
    const qint64 to = p.has(u"end_date"_s) ? parseDate(p.value(u"end_date"_s), u"end_date"_s) : nowMs;
    if (to < from)
        throw badParam(u"end_date is before start_date"_s);
    return {from, to};
}

Open311Update open311Update(const Open311Params &p)
{
    Open311Update u;
    bool ok = false;
    u.requestId = p.value(u"service_request_id"_s).toLongLong(&ok);
    if (!ok)
        throw badParam(u"service_request_id is required"_s);
    u.description = p.value(u"description"_s);
    if (u.description.trimmed().isEmpty())
        throw badParam(u"description is required"_s);
    if (p.has(u"status"_s)) {
        const QString s = p.value(u"status"_s).toUpper();
        u.status = s == u"OPEN" ? std::optional(ReportStatus::Acknowledged)
            : s == u"CLOSED"    ? std::optional(ReportStatus::Closed)
                                : statusFromFmsExternal(s);
        if (!u.status)
            throw badParam(u"status \"%1\" is unknown; use OPEN or CLOSED"_s.arg(s.left(32)));
    }
    u.actor = QString(p.value(u"first_name"_s) + u' ' + p.value(u"last_name"_s)).trimmed().left(128);
    if (u.actor.isEmpty())
        u.actor = u"open311"_s;
    return u;
}

} // namespace dimos
