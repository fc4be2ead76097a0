#include "ProtocolApi.h"

#include <QJsonArray>
#include <QLoggingCategory>

#include "server/api/ApiHelpers.h"
#include "server/app/AppContext.h"
#include "server/http/ApiError.h"
#include "server/http/Router.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/ProtocolRepository.h"
#include "server/storage/StorageError.h"
#include "shared/util/Clock.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcProtocol, "dimos.protocol")

namespace dimos {

namespace {

constexpr int kMaxPage = 500;
constexpr qsizetype kMaxImportBytes = 32LL * 1024 * 1024;

ApiError invalid(const QString &message)
{
    return ApiError(ApiError::Kind::Validation, message);
}

// Managers and admins see the confidential book; clerks only the others.
bool seesConfidential(const StaffUser &user)
{
    return user.role == Role::Manager || user.role == Role::Admin;
}

ProtocolBook visibleBook(const AppContext &c, const StaffUser &user, const QString &code)
{
    const std::optional<ProtocolBook> book = c.protocol->book(code);
    if (!book)
        throw invalid(u"book: no protocol book \"%1\""_s.arg(code.left(40)));
    if (book->confidential && !seesConfidential(user))
        throw ApiError(ApiError::Kind::Forbidden, u"only managers and administrators use the %1"_s.arg(book->nameEn));
    return *book;
}

std::optional<qint64> queryInt(const HttpRequest &req, const QString &name, qint64 min, qint64 max)
{
    const QString text = req.queryValue(name);
    if (text.isNull() || text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < min || v > max)
        throw ApiError(ApiError::Kind::BadRequest,
            u"%1 must be a whole number from %2 to %3, not \"%4\""_s.arg(name).arg(min).arg(max).arg(text.left(40)));
    return v;
}

std::optional<qint64> queryTime(const HttpRequest &req, const QString &name)
{
    const QString text = req.queryValue(name);
    if (text.isEmpty())
        return std::nullopt;
    const std::optional<qint64> ms = parseIsoDateTime(text);
    if (!ms)
        throw ApiError(ApiError::Kind::BadRequest,
            u"%1 must be a date (2026-03-01) or date and time (2026-03-01T09:00:00+02:00), not \"%2\""_s.arg(
                name, text.left(40)));
    return ms;
}

ProtocolQuery queryFrom(const AppContext &c, const StaffUser &user, const HttpRequest &req, bool paged)
{
    ProtocolQuery q;
    q.bookCode = req.queryValue(u"book"_s);
    if (!q.bookCode.isEmpty())
        visibleBook(c, user, q.bookCode);
    q.includeConfidential = seesConfidential(user);
    if (const auto year = queryInt(req, u"year"_s, 1900, 9999))
        q.year = static_cast<int>(*year);
    q.number = queryInt(req, u"number"_s, 1, std::numeric_limits<qint64>::max());
    q.fromMs = queryTime(req, u"from"_s);
    q.toMs = queryTime(req, u"to"_s);
    q.text = req.queryValue(u"q"_s).left(200);
    q.departmentId = queryInt(req, u"department_id"_s, 1, std::numeric_limits<qint64>::max());
    q.direction = req.queryValue(u"direction"_s);
    if (!q.direction.isEmpty() && q.direction != u"in" && q.direction != u"out" && q.direction != u"internal")
        throw ApiError(ApiError::Kind::BadRequest,
            u"direction must be in, out or internal, not \"%1\""_s.arg(q.direction.left(40)));
    if (paged) {
        q.limit = static_cast<int>(queryInt(req, u"limit"_s, 1, kMaxPage).value_or(100));
        q.offset = static_cast<int>(queryInt(req, u"offset"_s, 0, std::numeric_limits<int>::max()).value_or(0));
    } else {
        q.limit = std::numeric_limits<int>::max();
    }
    return q;
}

ProtocolEntry entryFrom(const AppContext &c, const QJsonObject &o)
{
    ProtocolEntry e;
    e.bookCode = o.value(u"book"_s).toString(u"general"_s);
    e.direction = o.value(u"direction"_s).toString();
    if (e.direction != u"in" && e.direction != u"out" && e.direction != u"internal")
        throw invalid(u"direction must be \"in\" (received), \"out\" (sent) or \"internal\""_s);
    e.correspondent = optionalString(o, u"correspondent"_s, 300).trimmed();
    if (e.correspondent.isEmpty())
        throw invalid(e.direction == u"out" ? u"correspondent: who the document goes to is required"_s
                                            : u"correspondent: who sent the document is required"_s);
    e.subject = optionalString(o, u"subject"_s, 1000).trimmed();
    if (e.subject.isEmpty())
        throw invalid(u"subject is required"_s);
    e.senderReference = optionalString(o, u"sender_reference"_s, 100).trimmed();
    e.senderReferenceDate = optionalString(o, u"sender_reference_date"_s, 10).trimmed();
    if (!e.senderReferenceDate.isEmpty() && !QDate::fromString(e.senderReferenceDate, Qt::ISODate).isValid())
        throw invalid(u"sender_reference_date must be a date like 2026-03-01"_s);
    e.departmentId = optionalInt(o, u"department_id"_s);
    if (e.departmentId && !c.catalog->department(*e.departmentId))
        throw invalid(u"department_id: no department %1"_s.arg(*e.departmentId));
    e.classification = optionalString(o, u"classification"_s, 100).trimmed();
    e.archiveCode = optionalString(o, u"archive_code"_s, 100).trimmed();
    const QJsonArray ids = o.value(u"related_ids"_s).toArray();
    for (const QJsonValue &v : ids) {
        if (!v.isDouble() || v.toDouble() != double(v.toInteger()) || v.toInteger() <= 0)
            throw invalid(u"related_ids must hold entry ids (whole numbers)"_s);
        e.relatedEntryIds.append(v.toInteger());
    }
    for (const QJsonValue &v : o.value(u"related_texts"_s).toArray()) {
        if (!v.isString() || v.toString().size() > 200)
            throw invalid(u"related_texts must hold texts of at most 200 characters"_s);
        e.relatedTexts.append(v.toString());
    }
    return e;
}

QHash<qint64, QString> departmentCodes(const AppContext &c)
{
    QHash<qint64, QString> codes;
    for (const Department &d : c.catalog->departments())
        codes.insert(d.id, d.code);
    return codes;
}

} // namespace

void registerProtocolApi(Router &router, AppContext &ctx)
{
    AppContext *c = &ctx;

    router.add("GET"_ba, u"/api/v1/protocol/books"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        QJsonArray items;
        for (const ProtocolBook &b : c->protocol->books())
            if (!b.confidential || seesConfidential(user))
                items.append(QJsonObject{{u"code"_s, b.code}, {u"name_el"_s, b.nameEl}, {u"name_en"_s, b.nameEn},
                    {u"confidential"_s, b.confidential}});
        return HttpResponse::json(QJsonObject{{u"books"_s, items}});
    });

    router.add("GET"_ba, u"/api/v1/protocol"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        const ProtocolQuery q = queryFrom(*c, user, req, true);
        QJsonArray items;
        for (const ProtocolEntry &e : c->protocol->search(q))
            items.append(e.toJson());
        return HttpResponse::json(QJsonObject{{u"entries"_s, items}, {u"total"_s, c->protocol->count(q)}});
    });

    // Before /{id}: the first route that matches answers.
    router.add("GET"_ba, u"/api/v1/protocol/export.csv"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        const ProtocolQuery q = queryFrom(*c, user, req, false);
        const QHash<qint64, QString> codes = departmentCodes(*c);
        QByteArray body = "\xEF\xBB\xBF" + ProtocolRepository::csvHeader(); // the BOM tells spreadsheets it is UTF-8
        for (const ProtocolEntry &e : c->protocol->search(q))
            body += ProtocolRepository::csvRow(e, codes);
        HttpResponse r = HttpResponse::bytes(std::move(body), "text/csv; charset=utf-8"_ba);
        r.withHeader("Content-Disposition"_ba, "attachment; filename=\"protocol.csv\""_ba);
        qCInfo(lcProtocol).noquote() << user.username << "exported the protocol register";
        return r;
    });

    router.add("GET"_ba, u"/api/v1/protocol/{id}"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        const std::optional<ProtocolEntry> e = c->protocol->find(pathId(req));
        if (!e)
            throw ApiError(ApiError::Kind::NotFound, u"no protocol entry with id %1"_s.arg(pathId(req)));
        visibleBook(*c, user, e->bookCode);
        return HttpResponse::json(QJsonObject{{u"entry"_s, e->toJson()}});
    });

    router.add("POST"_ba, u"/api/v1/protocol"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        ProtocolEntry e = entryFrom(*c, jsonBody(req));
        visibleBook(*c, user, e.bookCode);
        e.registeredBy = user.displayName.isEmpty() ? user.username : user.displayName;
        e.registeredByUserId = user.id;
        for (qint64 related : std::as_const(e.relatedEntryIds)) {
            const std::optional<ProtocolEntry> other = c->protocol->find(related);
            if (!other)
                throw invalid(u"related_ids: no protocol entry with id %1"_s.arg(related));
            visibleBook(*c, user, other->bookCode); // a clerk cannot probe the confidential book this way
        }
        e = c->protocol->registerEntry(std::move(e), c->clock->nowMs());
        qCInfo(lcProtocol).noquote() << user.username << "registered" << e.bookCode << e.displayNumber();
        return HttpResponse::json(QJsonObject{{u"entry"_s, e.toJson()}}, 201);
    });

    router.add("POST"_ba, u"/api/v1/protocol/import"_s, [c](HttpRequest &req) {
        const StaffUser user = requireStaff(*c, req);
        requireRole(user, Role::Admin);
        if (!req.contentType().startsWith("text/csv"))
            throw ApiError(ApiError::Kind::UnsupportedMediaType, u"send the CSV file as text/csv"_s);
        if (req.body.size() > kMaxImportBytes)
            throw ApiError(ApiError::Kind::PayloadTooLarge, u"the file is over 32 MiB: split it by year"_s);
        const QString book = req.queryValue(u"book"_s).isEmpty() ? u"general"_s : req.queryValue(u"book"_s);
        visibleBook(*c, user, book);
        QHash<QString, qint64> departmentIds;
        for (const Department &d : c->catalog->departments())
            departmentIds.insert(d.code, d.id);
        QString error;
        const auto entries = ProtocolRepository::parseCsv(req.body, book, departmentIds, &error);
        if (!entries)
            throw invalid(error + u"; nothing was imported"_s);
        try {
            const int n = c->protocol->importEntries(*entries);
            qCInfo(lcProtocol).noquote() << user.username << "imported" << n << "protocol entries into" << book;
            return HttpResponse::json(QJsonObject{{u"imported"_s, n}});
        } catch (const StorageError &e) {
            throw ApiError(ApiError::Kind::Conflict, QString::fromUtf8(e.what()) + u"; nothing was imported"_s);
        }
    });
}

} // namespace dimos
