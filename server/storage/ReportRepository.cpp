#include "ReportRepository.h"

#include <QSqlQuery>
#include <QVariant>

#include <cmath>

#include "server/storage/Database.h"
#include "shared/text/SearchFold.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

const QString kColumns
    = u"id, service_code, status, duplicate_of, description, lat, lon, address, address_id, zipcode, status_notes, "
      u"agency_responsible, service_notice, channel, requested_ms, updated_ms, expected_ms, priority, department_id, "
      u"assignee_id, version, token, api_key_id, contact_email, contact_first_name, contact_last_name, contact_phone, "
      u"contact_device_id, contact_account_id, visibility, reporter_language, due_ms"_s;

std::optional<qint64> optionalId(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toLongLong();
}

QVariant nullable(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant();
}

Report reportFromQuery(const QSqlQuery &q)
{
    Report r;
    r.id = q.value(0).toLongLong();
    r.serviceCode = q.value(1).toString();
    r.status = statusFromString(q.value(2).toString()).value_or(ReportStatus::New);
    r.duplicateOf = optionalId(q.value(3));
    r.description = q.value(4).toString();
    r.hasLocation = !q.value(5).isNull();
    r.lat = q.value(5).toDouble();
    r.lon = q.value(6).toDouble();
    r.address = q.value(7).toString();
    r.addressId = q.value(8).toString();
    r.zipcode = q.value(9).toString();
    r.statusNotes = q.value(10).toString();
    r.agencyResponsible = q.value(11).toString();
    r.serviceNotice = q.value(12).toString();
    r.channel = q.value(13).toString();
    r.requestedMs = q.value(14).toLongLong();
    r.updatedMs = q.value(15).toLongLong();
    r.expectedMs = optionalId(q.value(16));
    r.priority = static_cast<Priority>(std::clamp(q.value(17).toInt(), 0, 3));
    r.departmentId = optionalId(q.value(18));
    r.assigneeId = optionalId(q.value(19));
    r.version = q.value(20).toInt();
    r.token = q.value(21).toString();
    r.apiKeyId = q.value(22).toLongLong();
    r.contact = {q.value(23).toString(), q.value(24).toString(), q.value(25).toString(), q.value(26).toString(),
        q.value(27).toString(), q.value(28).toString(), q.value(30).toString()};
    r.visibility = visibilityFromString(q.value(29).toString()).value_or(Visibility::Hidden);
    r.dueMs = optionalId(q.value(31));
    return r;
}

QString searchTextOf(const Report &r)
{
    QStringList parts{r.description, r.address, r.serviceCode, QString::number(r.id)};
    for (const auto &[code, values] : r.attributes)
        parts += values;
    return foldForSearch(parts.join(u' '));
}

QString placeholders(qsizetype n)
{
    QStringList marks;
    marks.fill(u"?"_s, n);
    return marks.join(u", "_s);
}

} // namespace

void ReportRepository::insert(Report &r, bool isDemo)
{
    m_db.transaction([&] {
        CachedQuery q = m_db.cached(
            u"INSERT INTO reports (service_code, status, is_open, duplicate_of, description, lat, lon, address, "
            u"address_id, zipcode, status_notes, agency_responsible, service_notice, channel, requested_ms, "
            u"updated_ms, "
            u"expected_ms, priority, department_id, assignee_id, version, token, api_key_id, contact_email, "
            u"contact_first_name, contact_last_name, contact_phone, contact_device_id, contact_account_id, "
            u"search_text, is_demo, visibility, reporter_language, due_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            u"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
            {r.serviceCode, statusToString(r.status), isOpen(r.status) ? 1 : 0, nullable(r.duplicateOf), r.description,
                r.hasLocation ? QVariant(r.lat) : QVariant(), r.hasLocation ? QVariant(r.lon) : QVariant(), r.address,
                r.addressId, r.zipcode, r.statusNotes, r.agencyResponsible, r.serviceNotice, r.channel, r.requestedMs,
                r.updatedMs, nullable(r.expectedMs), static_cast<int>(r.priority), nullable(r.departmentId),
                nullable(r.assigneeId), r.version, r.token.isEmpty() ? QVariant() : QVariant(r.token),
                r.apiKeyId > 0 ? QVariant(r.apiKeyId) : QVariant(), r.contact.email, r.contact.firstName,
                r.contact.lastName, r.contact.phone, r.contact.deviceId, r.contact.accountId, searchTextOf(r),
                isDemo ? 1 : 0, visibilityToString(r.visibility), r.contact.language, nullable(r.dueMs)});
        q.next();
        r.id = q.value(0).toLongLong();
        q.finish();
        // The id is part of the searchable text ("#1234").
        m_db.cached(u"UPDATE reports SET search_text = ? WHERE id = ?"_s, {searchTextOf(r), r.id});
        for (const auto &[code, values] : r.attributes)
            for (int i = 0; i < values.size(); ++i)
                m_db.cached(
                    u"INSERT INTO report_attribute_values (report_id, code, position, value) VALUES (?, ?, ?, ?)"_s,
                    {r.id, code, i, values[i]});
        for (ReportPhoto &p : r.photos)
            p.id = addPhoto(r.id, p);
    });
}

std::optional<Report> ReportRepository::find(qint64 id, bool publicOnly) const
{
    ReportQuery q;
    q.ids = {id};
    q.publicOnly = publicOnly;
    q.limit = 1;
    q.withAttributes = true;
    q.withPhotos = true;
    const QList<Report> found = query(q);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

std::optional<Report> ReportRepository::findByToken(const QString &token) const
{
    qint64 id = 0;
    {
        CachedQuery q = m_db.cached(u"SELECT id FROM reports WHERE token = ?"_s, {token});
        if (!q.next())
            return std::nullopt;
        id = q.value(0).toLongLong();
    }
    return find(id);
}

qint64 ReportRepository::count() const
{
    CachedQuery q = m_db.cached(u"SELECT COUNT(*) FROM reports"_s);
    q.next();
    return q.value(0).toLongLong();
}

QList<Report> ReportRepository::query(const ReportQuery &q) const
{
    QStringList where;
    QVariantList values;
    auto inList = [&](const QString &column, const QVariantList &list) {
        where.append(column + u" IN ("_s + placeholders(list.size()) + u')');
        values += list;
    };
    if (!q.ids.isEmpty())
        where.append(m_db.idsCondition(u"id"_s, q.ids, &values));
    if (!q.serviceCodes.isEmpty()) {
        QVariantList v;
        for (const QString &c : q.serviceCodes)
            v.append(c);
        inList(u"service_code"_s, v);
    }
    if (!q.statuses.isEmpty()) {
        QVariantList v;
        for (ReportStatus s : q.statuses)
            v.append(statusToString(s));
        inList(u"status"_s, v);
    }
    if (q.open) {
        where.append(u"is_open = ?"_s);
        values.append(*q.open ? 1 : 0);
    }
    if (!q.departmentIds.isEmpty()) {
        QVariantList v;
        for (qint64 d : q.departmentIds)
            v.append(d);
        inList(u"department_id"_s, v);
    }
    if (q.assigneeId) {
        if (*q.assigneeId == 0) {
            where.append(u"assignee_id IS NULL"_s);
        } else {
            where.append(u"assignee_id = ?"_s);
            values.append(*q.assigneeId);
        }
    }
    if (!q.priorities.isEmpty()) {
        QVariantList v;
        for (int p : q.priorities)
            v.append(p);
        inList(u"priority"_s, v);
    }
    if (!q.visibilities.isEmpty()) {
        QVariantList v;
        for (Visibility vis : q.visibilities)
            v.append(visibilityToString(vis));
        inList(u"visibility"_s, v);
    }
    if (q.bbox) {
        where.append(u"lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"_s);
        values += {q.bbox->minLat, q.bbox->maxLat, q.bbox->minLon, q.bbox->maxLon};
    }
    if (q.circle) {
        // Equirectangular distance: exact enough within a municipality, and plain arithmetic
        // that every SQL dialect evaluates (and the lat/lon index narrows first).
        constexpr double kMetersPerDegree = 111'320.0;
        const double dLat = q.circle->radiusMeters / kMetersPerDegree;
        const double cosLat = std::max(0.01, std::cos(q.circle->lat * M_PI / 180.0));
        const double dLon = dLat / cosLat;
        where.append(u"lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"_s);
        values += {q.circle->lat - dLat, q.circle->lat + dLat, q.circle->lon - dLon, q.circle->lon + dLon};
        where.append(u"((lat - ?) * (lat - ?) + (lon - ?) * (lon - ?) * ?) <= ?"_s);
        values += {q.circle->lat, q.circle->lat, q.circle->lon, q.circle->lon, cosLat * cosLat, dLat * dLat};
    }
    if (!q.folded.isEmpty()) {
        QString escaped = q.folded;
        escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
        where.append(u"search_text LIKE ? ESCAPE '\\'"_s);
        values.append(QString(u'%' + escaped + u'%'));
    }
    for (const auto &[code, value] : q.attributeEquals) {
        where.append(u"EXISTS (SELECT 1 FROM report_attribute_values av WHERE av.report_id = reports.id AND "
                     u"av.code = ? AND av.value = ?)"_s);
        values += {code, value};
    }
    auto range = [&](const QString &column, const std::optional<qint64> &from, const std::optional<qint64> &to) {
        if (from) {
            where.append(column + u" >= ?"_s);
            values.append(*from);
        }
        if (to) {
            where.append(column + u" <= ?"_s);
            values.append(*to);
        }
    };
    range(u"requested_ms"_s, q.requestedFromMs, q.requestedToMs);
    range(u"updated_ms"_s, q.updatedFromMs, q.updatedToMs);
    if (!q.includeDemo)
        where.append(u"is_demo = 0"_s);
    if (q.publicOnly)
        where.append(u"visibility = 'public'"_s);

    QString sortColumn = u"requested_ms"_s;
    bool descending = true;
    if (q.order == ReportQuery::Order::UpdatedDesc)
        sortColumn = u"updated_ms"_s;
    else if (q.order == ReportQuery::Order::UpdatedAsc)
        sortColumn = u"updated_ms"_s, descending = false;
    if (q.after) {
        where.append(u"("_s + sortColumn + (descending ? u" < ? OR ("_s : u" > ? OR ("_s) + sortColumn
            + u" = ? AND id "_s + (descending ? u"<"_s : u">"_s) + u" ?))"_s);
        values += {q.after->first, q.after->first, q.after->second};
    }
    const QString direction = descending ? u" DESC"_s : u" ASC"_s;
    QString sql = u"SELECT "_s + kColumns + u" FROM reports"_s;
    if (!where.isEmpty())
        sql += u" WHERE "_s + where.join(u" AND "_s);
    sql += u" ORDER BY "_s + sortColumn + direction + u", id"_s + direction + u" LIMIT ? OFFSET ?"_s;
    values += {q.limit, q.offset};

    QList<Report> out;
    {
        CachedQuery query = m_db.cached(sql, values);
        while (query.next())
            out.append(reportFromQuery(query));
    }
    if (!out.isEmpty() && (q.withAttributes || q.withPhotos))
        loadDetails(out, q.withAttributes, q.withPhotos, q.publicOnly);
    return out;
}

void ReportRepository::loadDetails(QList<Report> &reports, bool attributes, bool photos, bool publicPhotosOnly) const
{
    QHash<qint64, qsizetype> index;
    QList<qint64> idList;
    for (qsizetype i = 0; i < reports.size(); ++i) {
        index.insert(reports[i].id, i);
        idList.append(reports[i].id);
    }
    QVariantList ids;
    const QString in = u" "_s + m_db.idsCondition(u"report_id"_s, idList, &ids);
    if (attributes) {
        CachedQuery q = m_db.cached(u"SELECT report_id, code, value FROM report_attribute_values WHERE"_s + in
                + u" ORDER BY report_id, code, position"_s,
            ids);
        while (q.next()) {
            Report &r = reports[index.value(q.value(0).toLongLong())];
            const QString code = q.value(1).toString();
            if (r.attributes.isEmpty() || r.attributes.last().first != code)
                r.attributes.append({code, {}});
            r.attributes.last().second.append(q.value(2).toString());
        }
    }
    if (photos) {
        CachedQuery q = m_db.cached(u"SELECT report_id, id, sha256, width, height, created_ms, is_public "
                                    u"FROM report_photos WHERE "_s
                + (publicPhotosOnly ? u"is_public = 1 AND"_s : QString()) + in + u" ORDER BY report_id, id"_s,
            ids);
        while (q.next()) {
            Report &r = reports[index.value(q.value(0).toLongLong())];
            r.photos.append({q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toInt(), q.value(4).toInt(),
                q.value(5).toLongLong(), q.value(6).toInt() != 0});
        }
    }
}

bool ReportRepository::updateGuarded(const Report &r, int expectedVersion)
{
    CachedQuery q = m_db.cached(
        u"UPDATE reports SET status = ?, is_open = ?, duplicate_of = ?, status_notes = ?, agency_responsible = ?, "
        u"service_notice = ?, updated_ms = ?, expected_ms = ?, priority = ?, department_id = ?, assignee_id = ?, "
        u"lat = ?, lon = ?, address = ?, description = ?, visibility = ?, search_text = ?, version = version + 1 "
        u"WHERE id = ? AND version = ?"_s,
        {statusToString(r.status), isOpen(r.status) ? 1 : 0, nullable(r.duplicateOf), r.statusNotes,
            r.agencyResponsible, r.serviceNotice, r.updatedMs, nullable(r.expectedMs), static_cast<int>(r.priority),
            nullable(r.departmentId), nullable(r.assigneeId), r.hasLocation ? QVariant(r.lat) : QVariant(),
            r.hasLocation ? QVariant(r.lon) : QVariant(), r.address, r.description, visibilityToString(r.visibility),
            searchTextOf(r), r.id, expectedVersion});
    return q.numRowsAffected() == 1;
}

namespace {
const QString kHistoryColumns
    = u"h.id, h.report_id, h.at_ms, h.kind, h.actor_user_id, h.actor_name, h.old_status, h.new_status, h.text, "
      u"h.is_public"_s;

ReportHistoryEntry historyFromQuery(const QSqlQuery &q)
{
    ReportHistoryEntry e;
    e.id = q.value(0).toLongLong();
    e.reportId = q.value(1).toLongLong();
    e.atMs = q.value(2).toLongLong();
    e.kind = historyKindFromString(q.value(3).toString());
    e.actorUserId = optionalId(q.value(4));
    e.actorName = q.value(5).toString();
    if (!q.value(6).isNull())
        e.oldStatus = statusFromString(q.value(6).toString());
    if (!q.value(7).isNull())
        e.newStatus = statusFromString(q.value(7).toString());
    e.text = q.value(8).toString();
    e.isPublic = q.value(9).toInt() != 0;
    return e;
}
} // namespace

void ReportRepository::addHistory(ReportHistoryEntry &e)
{
    CachedQuery q
        = m_db.cached(u"INSERT INTO report_history (report_id, at_ms, kind, actor_user_id, actor_name, old_status, "
                      u"new_status, text, is_public) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
            {e.reportId, e.atMs, historyKindToString(e.kind), nullable(e.actorUserId), e.actorName,
                e.oldStatus ? QVariant(statusToString(*e.oldStatus)) : QVariant(),
                e.newStatus ? QVariant(statusToString(*e.newStatus)) : QVariant(), e.text, e.isPublic ? 1 : 0});
    q.next();
    e.id = q.value(0).toLongLong();
}

QList<ReportHistoryEntry> ReportRepository::history(qint64 reportId, bool publicOnly) const
{
    QList<ReportHistoryEntry> out;
    CachedQuery q = m_db.cached(u"SELECT "_s + kHistoryColumns + u" FROM report_history h WHERE h.report_id = ?"_s
            + (publicOnly ? u" AND h.is_public = 1"_s : QString()) + u" ORDER BY h.id"_s,
        {reportId});
    while (q.next())
        out.append(historyFromQuery(q));
    return out;
}

QHash<qint64, QList<ReportHistoryEntry>> ReportRepository::publicHistory(const QList<qint64> &reportIds) const
{
    QHash<qint64, QList<ReportHistoryEntry>> out;
    if (reportIds.isEmpty())
        return out;
    QVariantList ids;
    CachedQuery q = m_db.cached(u"SELECT "_s + kHistoryColumns + u" FROM report_history h WHERE h.is_public = 1 AND "_s
            + m_db.idsCondition(u"h.report_id"_s, reportIds, &ids) + u" ORDER BY h.report_id, h.id"_s,
        ids);
    while (q.next()) {
        ReportHistoryEntry e = historyFromQuery(q);
        out[e.reportId].append(e);
    }
    return out;
}

QList<ReportRepository::PublicUpdate> ReportRepository::publicUpdates(qint64 fromMs, qint64 toMs, int limit) const
{
    QList<PublicUpdate> out;
    // A note carries the status the report had when it was written (the latest status line
    // before it), not today's: FixMyStreet applies each update's status in order.
    CachedQuery q = m_db.cached(u"SELECT "_s + kHistoryColumns
            + u", COALESCE((SELECT p.new_status FROM report_history p "
              u"WHERE p.report_id = h.report_id AND p.id < h.id AND p.new_status IS NOT NULL "
              u"ORDER BY p.id DESC LIMIT 1), r.status) FROM report_history h "
              u"JOIN reports r ON r.id = h.report_id "
              u"WHERE h.is_public = 1 AND h.kind <> 'created' AND r.visibility = 'public' "
              u"AND h.at_ms >= ? AND h.at_ms <= ? ORDER BY h.at_ms, h.id LIMIT ?"_s,
        {fromMs, toMs, limit});
    while (q.next()) {
        PublicUpdate u;
        u.entry = historyFromQuery(q);
        u.statusAfter
            = u.entry.newStatus.value_or(statusFromString(q.value(10).toString()).value_or(ReportStatus::New));
        out.append(u);
    }
    return out;
}

qint64 ReportRepository::addPhoto(qint64 reportId, const ReportPhoto &photo)
{
    CachedQuery q = m_db.cached(u"INSERT INTO report_photos (report_id, sha256, width, height, created_ms, is_public) "
                                u"VALUES (?, ?, ?, ?, ?, ?) RETURNING id"_s,
        {reportId, photo.sha256, photo.width, photo.height, photo.createdMs, photo.isPublic ? 1 : 0});
    q.next();
    return q.value(0).toLongLong();
}

bool ReportRepository::setPhotoPublic(qint64 reportId, qint64 photoId, bool isPublic)
{
    CachedQuery q = m_db.cached(u"UPDATE report_photos SET is_public = ? WHERE id = ? AND report_id = ?"_s,
        {isPublic ? 1 : 0, photoId, reportId});
    return q.numRowsAffected() == 1;
}

bool ReportRepository::isPublicPhoto(const QString &sha256) const
{
    CachedQuery q = m_db.cached(u"SELECT 1 FROM report_photos p JOIN reports r ON r.id = p.report_id "
                                u"WHERE p.sha256 = ? AND p.is_public = 1 AND r.visibility = 'public' LIMIT 1"_s,
        {sha256});
    return q.next();
}

bool ReportRepository::hasPhoto(const QString &sha256) const
{
    CachedQuery q = m_db.cached(u"SELECT 1 FROM report_photos WHERE sha256 = ? LIMIT 1"_s, {sha256});
    return q.next();
}

std::optional<qint64> ReportRepository::findByConfirmToken(const QString &tokenHash) const
{
    if (tokenHash.isEmpty())
        return std::nullopt;
    CachedQuery q = m_db.cached(u"SELECT id FROM reports WHERE confirm_token_hash = ?"_s, {tokenHash});
    if (!q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

void ReportRepository::setConfirmToken(qint64 id, const QString &tokenHash, std::optional<qint64> confirmedMs)
{
    m_db.cached(u"UPDATE reports SET confirm_token_hash = ?, confirmed_ms = COALESCE(?, confirmed_ms) WHERE id = ?"_s,
        {tokenHash.isEmpty() ? QVariant() : QVariant(tokenHash), nullable(confirmedMs), id});
}

} // namespace dimos
