#include "EventRepository.h"

#include <QSqlQuery>
#include <QVariant>

#include "server/storage/Database.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
QVariant nullable(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant();
}

std::optional<qint64> optionalId(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toLongLong();
}
} // namespace

void EventRepository::append(StoredEvent &e)
{
    CachedQuery q = m_db.cached(u"INSERT INTO events (at_ms, type, entity, entity_id, department_id, "
                                u"previous_department_id, service_code, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                                u"RETURNING seq"_s,
        {e.atMs, e.type, e.entity, e.entityId, nullable(e.departmentId), nullable(e.previousDepartmentId),
            e.serviceCode, QString::fromUtf8(e.payload)});
    if (q.next())
        e.seq = q.value(0).toLongLong();
}

QList<StoredEvent> EventRepository::range(qint64 afterSeq, qint64 upToSeq, int limit) const
{
    CachedQuery q = m_db.cached(u"SELECT seq, at_ms, type, entity, entity_id, department_id, previous_department_id, "
                                u"service_code, payload FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?"_s,
        {afterSeq, upToSeq, limit});
    QList<StoredEvent> out;
    while (q.next()) {
        StoredEvent e;
        e.seq = q.value(0).toLongLong();
        e.atMs = q.value(1).toLongLong();
        e.type = q.value(2).toString();
        e.entity = q.value(3).toString();
        e.entityId = q.value(4).toLongLong();
        e.departmentId = optionalId(q.value(5));
        e.previousDepartmentId = optionalId(q.value(6));
        e.serviceCode = q.value(7).toString();
        e.payload = q.value(8).toString().toUtf8();
        out.append(std::move(e));
    }
    return out;
}

qint64 EventRepository::lastSeq() const
{
    CachedQuery q = m_db.cached(u"SELECT COALESCE(MAX(seq), 0) FROM events"_s);
    return q.next() ? q.value(0).toLongLong() : 0;
}

qint64 EventRepository::firstSeq() const
{
    CachedQuery q = m_db.cached(u"SELECT COALESCE(MIN(seq), 0) FROM events"_s);
    return q.next() ? q.value(0).toLongLong() : 0;
}

int EventRepository::pruneOlderThan(qint64 cutoffMs)
{
    CachedQuery q = m_db.cached(
        u"DELETE FROM events WHERE at_ms < ? AND seq < (SELECT COALESCE(MAX(seq), 0) FROM events)"_s, {cutoffMs});
    return q.numRowsAffected();
}

} // namespace dimos
