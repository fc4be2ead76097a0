#include "StaffApi.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>
#include <limits>

#include "server/api/ApiHelpers.h"
#include "server/app/AppContext.h"
#include "server/core/AuthService.h"
#include "server/core/ReportService.h"
#include "server/http/ApiError.h"
#include "server/http/Router.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/Database.h"
#include "server/storage/InformationRepository.h"
#include "server/storage/ReportRepository.h"
#include "server/storage/UserRepository.h"
#include "shared/domain/ReportJson.h"
#include "shared/geo/BboxText.h"
#include "shared/text/Csv.h"
#include "shared/text/SearchFold.h"
#include "shared/util/Clock.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

ApiError invalid(const QString &message)
{
    return ApiError(ApiError::Kind::Validation, message);
}

QList<qint64> idList(const QString &text, const QString &name)
{
    QList<qint64> out;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 v = part.trimmed().toLongLong(&ok);
        if (!ok)
            throw invalid(u"%1: \"%2\" is not a number"_s.arg(name, part.left(32)));
        out.append(v);
    }
    return out;
}

// bbox=west,south,east,north (GeoJSON order), shared with the Open311 extension.
LatLonBox parseBbox(const QString &text)
{
    const BboxParse parsed = parseBboxText(text);
    if (!parsed.box)
        throw invalid(u"bbox must be west,south,east,north in degrees, e.g. 23.50,41.05,23.60,41.12"_s);
    return *parsed.box;
}

ReportQuery reportQueryFrom(const HttpRequest &req)
{
    ReportQuery q;
    q.order = ReportQuery::Order::UpdatedDesc;
    // The values are alternatives: "open,resolved" is every open report and the resolved ones.
    // "open" and "closed" stand for their statuses (Open311's sense), so they join the list too.
    for (const QString &s : req.queryValue(u"status"_s).split(u',', Qt::SkipEmptyParts)) {
        QList<ReportStatus> named;
        if (s == u"open" || s == u"closed") {
            for (ReportStatus st : allStatuses())
                if (isOpen(st) == (s == u"open"))
                    named.append(st);
        } else if (const auto st = statusFromString(s)) {
            named.append(*st);
        } else {
            throw invalid(u"status \"%1\" is unknown; use open, closed or new, acknowledged, in_progress, resolved, "
                          u"closed, rejected, duplicate"_s.arg(s.left(32)));
        }
        for (ReportStatus st : named)
            if (!q.statuses.contains(st))
                q.statuses.append(st);
    }
    q.serviceCodes = req.queryValue(u"category"_s).split(u',', Qt::SkipEmptyParts);
    q.departmentIds = idList(req.queryValue(u"department"_s), u"department"_s);
    if (req.hasQuery(u"assignee"_s)) {
        const QString a = req.queryValue(u"assignee"_s);
        const QList<qint64> ids = a == u"none" ? QList<qint64>{0} : idList(a, u"assignee"_s);
        if (ids.size() != 1 || ids.first() < 0)
            throw invalid(u"assignee must be one user id, or none for unassigned reports"_s);
        q.assigneeId = ids.first();
    }
    for (const QString &p : req.queryValue(u"priority"_s).split(u',', Qt::SkipEmptyParts)) {
        const auto pr = priorityFromString(p);
        if (!pr)
            throw invalid(u"priority \"%1\" is unknown; use low, normal, high, urgent"_s.arg(p.left(32)));
        q.priorities.append(static_cast<int>(*pr));
    }
    for (const QString &v : req.queryValue(u"visibility"_s).split(u',', Qt::SkipEmptyParts)) {
        const auto vis = visibilityFromString(v);
        if (!vis)
            throw invalid(
                u"visibility \"%1\" is unknown; use unconfirmed, moderation, public, hidden"_s.arg(v.left(32)));
        q.visibilities.append(*vis);
    }
    if (req.hasQuery(u"bbox"_s))
        q.bbox = parseBbox(req.queryValue(u"bbox"_s));
    q.folded = foldForSearch(req.queryValue(u"q"_s).left(200));
    // attribute[code]=value: a category's own field, like a built-in column; repeated, all must hold.
    for (const auto &[key, value] : req.query) {
        if (!key.startsWith(u"attribute["_s))
            continue;
        const QString code = key.mid(10).chopped(key.endsWith(u']') ? 1 : 0);
        if (!key.endsWith(u']') || !isValidCode(code))
            throw invalid(u"attribute filters are written attribute[code]=value, e.g. attribute[tree_kind]=plane"_s);
        if (q.attributeEquals.size() >= 10)
            throw invalid(u"at most 10 attribute filters"_s);
        q.attributeEquals.append({code, value.left(4000)});
    }
    if (req.hasQuery(u"updated_since"_s)) {
        const auto t = parseIsoDateTime(req.queryValue(u"updated_since"_s));
        if (!t)
            throw invalid(u"updated_since must be an ISO 8601 date-time, e.g. 2026-05-19T10:00:00Z"_s);
        q.updatedFromMs = *t;
        q.order = ReportQuery::Order::UpdatedAsc; // a client catching up reads oldest first
    }
    if (req.hasQuery(u"order"_s)) {
        const QString o = req.queryValue(u"order"_s);
        if (o == u"updated_desc")
            q.order = ReportQuery::Order::UpdatedDesc;
        else if (o == u"updated_asc")
            q.order = ReportQuery::Order::UpdatedAsc;
        else if (o == u"requested_desc")
            q.order = ReportQuery::Order::RequestedDesc;
        else
            throw invalid(u"order must be updated_desc, updated_asc or requested_desc"_s);
    }
    q.limit = 100;
    if (req.hasQuery(u"limit"_s)) {
        bool ok = false;
        q.limit = req.queryValue(u"limit"_s).toInt(&ok);
        if (!ok || q.limit < 1 || q.limit > 1000)
            throw invalid(u"limit must be between 1 and 1000"_s);
    }
    if (req.hasQuery(u"after"_s)) {
        const QStringList parts = req.queryValue(u"after"_s).split(u'_');
        bool ok1 = false, ok2 = false;
        if (parts.size() == 2) {
            const qint64 key = parts[0].toLongLong(&ok1);
            const qint64 id = parts[1].toLongLong(&ok2);
            q.after = std::make_pair(key, id);
        }
        if (!ok1 || !ok2)
            throw invalid(u"after must be the next_cursor of a previous page"_s);
    }
    q.withAttributes = true;
    q.withPhotos = true;
    return q;
}

QString cursorFor(const Report &r, ReportQuery::Order order)
{
    const qint64 key = order == ReportQuery::Order::RequestedDesc ? r.requestedMs : r.updatedMs;
    return u"%1_%2"_s.arg(key).arg(r.id);
}

HttpResponse reportResponse(const Report &r, const StaffUser &user)
{
    return HttpResponse::json(QJsonObject{{u"report"_s, reportToStaffJson(r, ReportService::canModify(user, r))}});
}

Department departmentFrom(const QJsonObject &o, Department d)
{
    if (o.contains(u"code"_s))
        d.code = optionalString(o, u"code"_s, 64);
    if (!isValidCode(d.code))
        throw invalid(u"code must be 1–64 letters, digits, '-' or '_'"_s);
    if (o.contains(u"name"_s))
        d.name = LocalizedText::fromJson(o.value(u"name"_s));
    if (d.name.el.trimmed().isEmpty() || d.name.en.trimmed().isEmpty())
        throw invalid(u"name needs both el and en texts"_s);
    if (o.contains(u"email"_s))
        d.email = optionalString(o, u"email"_s, 254);
    if (o.contains(u"active"_s))
        d.active = o.value(u"active"_s).toBool(true);
    return d;
}

Category categoryFrom(const AppContext &ctx, const QJsonObject &o, Category c)
{
    if (o.contains(u"code"_s))
        c.code = optionalString(o, u"code"_s, 64);
    if (!isValidCode(c.code))
        throw invalid(u"code must be 1–64 letters, digits, '-' or '_'"_s);
    for (const auto &[key, field] :
        {std::pair{u"name"_s, &c.name}, std::pair{u"description"_s, &c.description}, std::pair{u"group"_s, &c.group}})
        if (o.contains(key))
            *field = LocalizedText::fromJson(o.value(key));
    if (c.name.el.trimmed().isEmpty() || c.name.en.trimmed().isEmpty())
        throw invalid(u"name needs both el and en texts"_s);
    if (o.contains(u"keywords"_s)) {
        c.keywords.clear();
        for (const QJsonValue &k : o.value(u"keywords"_s).toArray())
            if (!k.toString().trimmed().isEmpty())
                c.keywords.append(k.toString().trimmed().remove(u','));
    }
    if (o.contains(u"department_id"_s)) {
        c.departmentId = optionalInt(o, u"department_id"_s).value_or(0);
        if (c.departmentId > 0 && !ctx.catalog->department(c.departmentId))
            throw invalid(u"no department with id %1"_s.arg(c.departmentId));
    }
    if (o.contains(u"active"_s))
        c.active = o.value(u"active"_s).toBool(true);
    if (o.contains(u"moderated"_s)) {
        if (!o.value(u"moderated"_s).isBool())
            throw invalid(u"moderated must be true or false"_s);
        c.moderated = o.value(u"moderated"_s).toBool();
    }
    if (o.contains(u"kind"_s)) {
        const auto kind = categoryKindFromString(o.value(u"kind"_s).toString());
        if (!kind)
            throw invalid(u"kind must be \"problem\" (citizens report in it) or \"information\" (staff publish "
                          u"items in it)"_s);
        c.kind = *kind;
    }
    if (o.contains(u"icon"_s)) {
        static const QRegularExpression iconRe(u"\\A[a-z0-9_-]{0,40}\\z"_s);
        c.icon = optionalString(o, u"icon"_s, 40);
        if (!iconRe.match(c.icon).hasMatch())
            throw invalid(u"icon must be a short name of lower-case letters, digits, '-' or '_' (or empty)"_s);
    }
    if (o.contains(u"sla_days"_s)) {
        const QJsonValue v = o.value(u"sla_days"_s);
        if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble()) || v.toDouble() < 0 || v.toDouble() > 365)
            throw invalid(u"sla_days must be a whole number of days from 0 (no service level) to 365"_s);
        c.slaDays = v.toInt();
    }
    if (o.contains(u"responses"_s)) {
        if (!o.value(u"responses"_s).isArray())
            throw invalid(u"responses must be a list of {\"title\": {el, en}, \"text\": {el, en}}"_s);
        c.responses.clear();
        for (const QJsonValue &v : o.value(u"responses"_s).toArray()) {
            const QJsonObject ro = v.toObject();
            CannedResponse r{
                LocalizedText::fromJson(ro.value(u"title"_s)), LocalizedText::fromJson(ro.value(u"text"_s))};
            r.title = {r.title.el.trimmed(), r.title.en.trimmed()};
            r.text = {r.text.el.trimmed(), r.text.en.trimmed()};
            if (r.title.el.isEmpty() || r.text.el.isEmpty())
                throw invalid(u"responses: every response needs a Greek title and text"_s);
            if (r.title.el.size() > 120 || r.title.en.size() > 120 || r.text.el.size() > kMaxNote
                || r.text.en.size() > kMaxNote)
                throw invalid(u"responses: a title has at most 120 characters, a text at most %1"_s.arg(kMaxNote));
            c.responses.append(r);
        }
        if (c.responses.size() > 50)
            throw invalid(u"responses: at most 50 per category"_s);
    }
    if (o.contains(u"attributes"_s)) {
        c.attributes.clear();
        QStringList seen;
        for (const QJsonValue &a : o.value(u"attributes"_s).toArray()) {
            QString error;
            const auto def = AttributeDefinition::fromJson(a.toObject(), &error);
            if (!def)
                throw invalid(error);
            if (seen.contains(def->code))
                throw invalid(u"attribute code \"%1\" appears twice"_s.arg(def->code));
            seen.append(def->code);
            c.attributes.append(*def);
        }
        std::stable_sort(
            c.attributes.begin(), c.attributes.end(), [](const auto &a, const auto &b) { return a.order < b.order; });
    }
    return c;
}

QList<qint64> departmentIdsFrom(const AppContext &ctx, const QJsonObject &o)
{
    const QJsonValue v = o.value(u"department_ids"_s);
    if (!v.isArray())
        throw invalid(u"department_ids must be a list of department ids, e.g. [1, 3]"_s);
    QList<qint64> ids;
    for (const QJsonValue &d : v.toArray()) {
        if (!d.isDouble() || !ctx.catalog->department(d.toInteger()))
            throw invalid(u"department_ids: no department with id %1"_s.arg(d.toVariant().toString().left(32)));
        ids.append(d.toInteger());
    }
    return ids;
}

} // namespace

void registerStaffApi(Router &router, AppContext &ctx)
{
    const AppContext *c = &ctx;

    router.add("POST"_ba, u"/api/v1/auth/login"_s, [c](HttpRequest &req) {
        const QJsonObject body = jsonBody(req);
        const QString username = optionalString(body, u"username"_s, 64);
        const QString password = optionalString(body, u"password"_s, 256);
        if (username.isEmpty() || password.isEmpty())
            throw invalid(u"username and password are required"_s);
        const AuthService::Session s = c->auth->login(username, password, req.remote.toString());
        return HttpResponse::json(QJsonObject{
            {u"token"_s, s.token}, {u"expires_at"_s, formatUtc(s.expiresMs)}, {u"user"_s, s.user.toJson()}});
    });
    router.add("POST"_ba, u"/api/v1/auth/logout"_s, [c](HttpRequest &req) {
        requireStaff(*c, req);
        c->auth->logout(QString::fromLatin1(req.header("authorization").mid(7).trimmed()));
        return HttpResponse::empty(204);
    });
    router.add("GET"_ba, u"/api/v1/me"_s, [c](HttpRequest &req) {
        return HttpResponse::json(QJsonObject{{u"user"_s, requireStaff(*c, req).toJson()}});
    });

    // Reports
    router.add("GET"_ba, u"/api/v1/reports"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        ReportQuery q = reportQueryFrom(req);
        const int limit = q.limit;
        q.limit = limit + 1; // one more tells whether there is a next page
        QList<Report> rows = c->reports->query(q);
        const bool more = rows.size() > limit;
        if (more)
            rows.removeLast();
        QJsonArray items;
        for (const Report &r : rows)
            items.append(reportToStaffJson(r, ReportService::canModify(user, r)));
        return HttpResponse::json(QJsonObject{{u"reports"_s, items},
            {u"next_cursor"_s, more ? QJsonValue(cursorFor(rows.last(), q.order)) : QJsonValue(QJsonValue::Null)}});
    });
    // Before /{id}: the first route that matches answers. Every matching report (the list's
    // filters; no page size) with the categories' own fields as columns; no contact details.
    router.add("GET"_ba, u"/api/v1/reports/export.csv"_s, [c](HttpRequest &req) {
        requireStaff(*c, req);
        ReportQuery q = reportQueryFrom(req);
        q.limit = 1000;
        QList<Report> all;
        for (;;) {
            const QList<Report> page = c->reports->query(q);
            all += page;
            if (page.size() < q.limit || all.size() >= 100'000)
                break;
            const Report &last = page.last();
            q.after = std::make_pair(
                q.order == ReportQuery::Order::RequestedDesc ? last.requestedMs : last.updatedMs, last.id);
        }
        QStringList attributeCodes;
        for (const Report &r : all)
            for (const auto &[code, values] : r.attributes)
                if (!attributeCodes.contains(code))
                    attributeCodes.append(code);
        QHash<qint64, QString> departments, users;
        for (const Department &d : c->catalog->departments())
            departments.insert(d.id, d.code);
        for (const StaffUser &u : c->users->list())
            users.insert(u.id, u.username);
        const QStringList fixed{u"id"_s, u"service_code"_s, u"status"_s, u"priority"_s, u"visibility"_s,
            u"requested_datetime"_s, u"updated_datetime"_s, u"due_datetime"_s, u"overdue"_s, u"department"_s,
            u"assignee"_s, u"lat"_s, u"long"_s, u"address"_s, u"description"_s};
        QStringList header = fixed;
        for (const QString &code : attributeCodes)
            header.append(u"attribute:"_s + code);
        QByteArray body = "ï»¿" + csv::row(header); // the BOM tells spreadsheets it is UTF-8
        const qint64 now = c->clock->nowMs();
        for (const Report &r : all) {
            QStringList row{QString::number(r.id), r.serviceCode, statusToString(r.status),
                priorityToString(r.priority), visibilityToString(r.visibility), formatUtc(r.requestedMs),
                formatUtc(r.updatedMs), r.dueMs ? formatUtc(*r.dueMs) : QString(),
                r.dueMs && isOpen(r.status) && *r.dueMs < now ? u"yes"_s : QString(),
                r.departmentId ? departments.value(*r.departmentId) : QString(),
                r.assigneeId ? users.value(*r.assigneeId) : QString(),
                r.hasLocation ? QString::number(r.lat, 'f', 6) : QString(),
                r.hasLocation ? QString::number(r.lon, 'f', 6) : QString(), r.address, r.description};
            for (const QString &code : attributeCodes) {
                QString cell;
                for (const auto &[c2, values] : r.attributes)
                    if (c2 == code)
                        cell = values.join(u"; "_s);
                row.append(cell);
            }
            body += csv::row(row);
        }
        HttpResponse r = HttpResponse::bytes(std::move(body), "text/csv; charset=utf-8"_ba);
        r.withHeader("Content-Disposition"_ba, "attachment; filename=\"reports.csv\""_ba);
        return r;
    });
    router.add("GET"_ba, u"/api/v1/reports/{id}"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        const qint64 id = pathId(req);
        const std::optional<Report> r = c->reports->find(id);
        if (!r)
            throw ApiError(ApiError::Kind::NotFound, u"no report with id %1"_s.arg(id));
        QJsonArray history;
        for (const ReportHistoryEntry &e : c->reports->history(id, false))
            history.append(historyToJson(e));
        return HttpResponse::json(QJsonObject{
            {u"report"_s, reportToStaffJson(*r, ReportService::canModify(user, *r))}, {u"history"_s, history}});
    });
    // Report actions: each takes the version the clerk saw and answers with the new report.
    using Action = std::function<Report(const StaffUser &, qint64 id, int version, const QJsonObject &body)>;
    auto action = [&router, c](const QString &name, Action act) {
        router.add("POST"_ba, u"/api/v1/reports/{id}/"_s + name, [c, act = std::move(act)](HttpRequest &req) {
            const StaffUser user = requireStaff(*c, req);
            const QJsonObject body = jsonBody(req);
            const qint64 version = requireInt(body, u"version"_s);
            if (version < 1 || version > std::numeric_limits<int>::max())
                throw invalid(u"\"version\" must be the report's version as last read"_s);
            return reportResponse(act(user, pathId(req), static_cast<int>(version), body), user);
        });
    };
    ReportService *rs = ctx.reportService;
    action(u"acknowledge"_s, [rs](const StaffUser &u, qint64 id, int v, const QJsonObject &b) {
        return rs->acknowledge(u, id, v, optionalString(b, u"note"_s));
    });
    action(u"assign"_s, [rs](const StaffUser &u, qint64 id, int v, const QJsonObject &b) {
        const bool clear = b.contains(u"assignee_id"_s) && b.value(u"assignee_id"_s).isNull();
        return rs->assign(u, id, v, optionalInt(b, u"department_id"_s), optionalInt(b, u"assignee_id"_s), clear);
    });
    action(u"status"_s, [rs](const StaffUser &u, qint64 id, int v, const QJsonObject &b) {
        const auto status = statusFromString(optionalString(b, u"status"_s, 32));
        if (!status)
            throw invalid(u"status must be one of new, acknowledged, in_progress, resolved, closed, rejected"_s);
        if (b.contains(u"public"_s) && !b.value(u"public"_s).isBool())
            throw invalid(u"\"public\" must be true or false"_s);
        return rs->changeStatus(u, id, v, *status, optionalString(b, u"note"_s), b.value(u"public"_s).toBool(true));
    });
    action(u"notes"_s, [rs](const StaffUser &u, qint64 id, int v, const QJsonObject &b) {
        if (!b.value(u"public"_s).isBool())
            throw invalid(u"\"public\" (true or false) is required: say whether the citizen sees the note"_s);
        return rs->addNote(u, id, v, optionalString(b, u"text"_s), b.value(u"public"_s).toBool());
    });
    action(u"priority"_s, [rs](const StaffUser &u, qint64 id, int v, const QJsonObject &b) {
        const auto priority = priorityFromString(optionalString(b, u"priority"_s, 16));
        if (!priority)
            throw invalid(u"priority must be low, normal, high or urgent"_s);
        return rs->setPriority(u, id, v, *priority);
    });
    action(u"duplicate"_s, [rs](const StaffUser &u, qint64 id, int v, const QJsonObject &b) {
        return rs->markDuplicate(u, id, v, requireInt(b, u"duplicate_of"_s), optionalString(b, u"note"_s));
    });
    action(u"moderation"_s, [rs](const StaffUser &u, qint64 id, int v, const QJsonObject &b) {
        const QString what = optionalString(b, u"action"_s, 16);
        if (what != u"approve" && what != u"hide")
            throw invalid(u"\"action\" must be \"approve\" (make the report public) or \"hide\""_s);
        return rs->moderate(u, id, v, what == u"approve" ? ModerationAction::Approve : ModerationAction::Hide,
            optionalString(b, u"reason"_s));
    });
    action(u"photo"_s, [rs](const StaffUser &u, qint64 id, int v, const QJsonObject &b) {
        if (!b.value(u"public"_s).isBool())
            throw invalid(u"\"public\" (true or false) is required: whether the photo is shown to everyone"_s);
        return rs->setPhotoPublic(u, id, v, requireInt(b, u"photo_id"_s), b.value(u"public"_s).toBool());
    });
    action(u"redact"_s, [rs](const StaffUser &u, qint64 id, int v, const QJsonObject &b) {
        if (!b.value(u"description"_s).isString())
            throw invalid(u"\"description\" (the text to keep) is required"_s);
        return rs->redact(u, id, v, b.value(u"description"_s).toString(), optionalString(b, u"reason"_s));
    });
    action(u"reopen"_s, [rs](const StaffUser &u, qint64 id, int v, const QJsonObject &b) {
        return rs->reopen(u, id, v, optionalString(b, u"note"_s));
    });
    action(u"schedule"_s, [rs, c](const StaffUser &u, qint64 id, int v, const QJsonObject &b) {
        std::optional<qint64> expected;
        if (!b.value(u"expected_datetime"_s).isNull()) {
            expected = parseIsoDateTime(optionalString(b, u"expected_datetime"_s, 40));
            if (!expected)
                throw invalid(u"expected_datetime must be an ISO 8601 date-time, or null to clear it"_s);
            if (*expected < c->clock->nowMs() - 24LL * 3600 * 1000)
                throw invalid(u"expected_datetime is in the past"_s);
        }
        return rs->schedule(u, id, v, expected);
    });

    // The municipal boundary for the desktop map (drawn even when no tile server is reachable).
    router.add("GET"_ba, u"/api/v1/boundary"_s, [c](HttpRequest &req) {
        requireStaff(*c, req);
        if (c->boundaryGeoJson.isEmpty())
            throw ApiError(ApiError::Kind::NotFound, u"no municipal boundary is configured (open311/boundary_file)"_s);
        return HttpResponse::bytes(c->boundaryGeoJson, "application/geo+json"_ba);
    });

    // Departments
    router.add("GET"_ba, u"/api/v1/departments"_s, [c](HttpRequest &req) {
        requireStaff(*c, req);
        QJsonArray items;
        for (const Department &d : c->catalog->departments())
            items.append(d.toJson());
        return HttpResponse::json(QJsonObject{{u"departments"_s, items}});
    });
    router.add("POST"_ba, u"/api/v1/departments"_s, [c](HttpRequest &req) {
        requireRole(requireStaff(*c, req), Role::Admin);
        Department d = departmentFrom(jsonBody(req), {});
        if (c->catalog->departmentByCode(d.code))
            throw ApiError(ApiError::Kind::Conflict, u"a department with code \"%1\" exists"_s.arg(d.code));
        changeCatalog(*c, u"departments"_s, [&] { d.id = c->catalog->insertDepartment(d, c->clock->nowMs()); });
        return HttpResponse::json(QJsonObject{{u"department"_s, d.toJson()}}, 201);
    });
    router.add("PUT"_ba, u"/api/v1/departments/{id}"_s, [c](HttpRequest &req) {
        requireRole(requireStaff(*c, req), Role::Admin);
        const auto existing = c->catalog->department(pathId(req));
        if (!existing)
            throw ApiError(ApiError::Kind::NotFound, u"no department with id %1"_s.arg(pathId(req)));
        Department d = departmentFrom(jsonBody(req), *existing);
        if (const auto other = c->catalog->departmentByCode(d.code); other && other->id != d.id)
            throw ApiError(ApiError::Kind::Conflict, u"a department with code \"%1\" exists"_s.arg(d.code));
        changeCatalog(*c, u"departments"_s, [&] { c->catalog->updateDepartment(d, c->clock->nowMs()); });
        return HttpResponse::json(QJsonObject{{u"department"_s, d.toJson()}});
    });

    // Categories
    router.add("GET"_ba, u"/api/v1/categories"_s, [c](HttpRequest &req) {
        requireStaff(*c, req);
        QJsonArray items;
        for (const Category &cat : c->catalog->categories(false))
            items.append(cat.toJson());
        return HttpResponse::json(QJsonObject{{u"categories"_s, items}});
    });
    router.add("POST"_ba, u"/api/v1/categories"_s, [c](HttpRequest &req) {
        requireRole(requireStaff(*c, req), Role::Admin);
        const Category cat = categoryFrom(*c, jsonBody(req), {});
        if (c->catalog->category(cat.code))
            throw ApiError(ApiError::Kind::Conflict, u"a category with code \"%1\" exists"_s.arg(cat.code));
        changeCatalog(*c, u"categories"_s, [&] { c->catalog->insertCategory(cat, c->clock->nowMs()); });
        return HttpResponse::json(QJsonObject{{u"category"_s, c->catalog->category(cat.code)->toJson()}}, 201);
    });
    router.add("PUT"_ba, u"/api/v1/categories/{code}"_s, [c](HttpRequest &req) {
        requireRole(requireStaff(*c, req), Role::Admin);
        const QString code = req.params.value(u"code"_s);
        const auto existing = c->catalog->category(code);
        if (!existing)
            throw ApiError(ApiError::Kind::NotFound, u"no category with code \"%1\""_s.arg(code.left(64)));
        QJsonObject body = jsonBody(req);
        body.remove(u"code"_s); // the code is the Open311 service_code: it never changes
        const Category cat = categoryFrom(*c, body, *existing);
        if (cat.kind != existing->kind) {
            // Reports in an information category, or items in a problem one, would have no place.
            ReportQuery reports;
            reports.serviceCodes = {code};
            reports.limit = 1;
            if (!c->reports->query(reports).isEmpty() || c->information->countInCategory(code) > 0)
                throw ApiError(ApiError::Kind::Conflict,
                    u"category \"%1\" already holds reports or information items: its kind stays %2"_s.arg(
                        code, categoryKindToString(existing->kind)));
        }
        changeCatalog(*c, u"categories"_s, [&] { c->catalog->updateCategory(cat, c->clock->nowMs()); });
        return HttpResponse::json(QJsonObject{{u"category"_s, c->catalog->category(code)->toJson()}});
    });

    // Users
    router.add("GET"_ba, u"/api/v1/users"_s, [c](HttpRequest &req) {
        requireStaff(*c, req); // every clerk needs the list to pick an assignee
        QJsonArray items;
        for (const StaffUser &u : c->users->list())
            items.append(u.toJson());
        return HttpResponse::json(QJsonObject{{u"users"_s, items}});
    });
    router.add("POST"_ba, u"/api/v1/users"_s, [c](HttpRequest &req) {
        requireRole(requireStaff(*c, req), Role::Admin);
        const QJsonObject b = jsonBody(req);
        StaffUser u;
        u.username = optionalString(b, u"username"_s, 64);
        u.displayName = optionalString(b, u"display_name"_s, 128);
        u.email = optionalString(b, u"email"_s, 254);
        const auto role = roleFromString(optionalString(b, u"role"_s, 16));
        if (!role)
            throw invalid(u"role must be clerk, manager or admin"_s);
        u.role = *role;
        if (b.contains(u"department_ids"_s))
            u.departmentIds = departmentIdsFrom(*c, b);
        // The administrator typed the password: the new user replaces it at the first sign-in.
        u.mustChangePassword = true;
        changeCatalog(*c, u"users"_s, [&] { u = c->auth->createUser(u, optionalString(b, u"password"_s, 256)); });
        return HttpResponse::json(QJsonObject{{u"user"_s, u.toJson()}}, 201);
    });
    router.add("PUT"_ba, u"/api/v1/users/{id}"_s, [c](HttpRequest &req) {
        const StaffUser admin = requireStaff(*c, req);
        requireRole(admin, Role::Admin);
        auto u = c->users->findById(pathId(req));
        if (!u)
            throw ApiError(ApiError::Kind::NotFound, u"no user with id %1"_s.arg(pathId(req)));
        const QJsonObject b = jsonBody(req);
        if (b.contains(u"display_name"_s))
            u->displayName = optionalString(b, u"display_name"_s, 128);
        if (b.contains(u"email"_s))
            u->email = optionalString(b, u"email"_s, 254);
        if (b.contains(u"role"_s)) {
            const auto role = roleFromString(optionalString(b, u"role"_s, 16));
            if (!role)
                throw invalid(u"role must be clerk, manager or admin"_s);
            u->role = *role;
        }
        if (b.contains(u"active"_s))
            u->active = b.value(u"active"_s).toBool();
        if (u->id == admin.id && (!u->active || u->role != Role::Admin))
            throw invalid(u"you cannot disable yourself or drop your own admin role"_s);
        // Check the new password before writing anything: a refused call must change nothing.
        const QString password = optionalString(b, u"password"_s, 256);
        if (b.contains(u"password"_s)) {
            if (const auto problem = AuthService::passwordProblem(password))
                throw invalid(*problem);
        }
        if (b.contains(u"department_ids"_s))
            u->departmentIds = departmentIdsFrom(*c, b);
        changeCatalog(*c, u"users"_s, [&] {
            c->users->update(*u, c->clock->nowMs());
            if (b.contains(u"password"_s))
                c->auth->setPassword(u->username, password);
        });
        return HttpResponse::json(QJsonObject{{u"user"_s, c->users->findById(u->id)->toJson()}});
    });
}

} // namespace dimos
