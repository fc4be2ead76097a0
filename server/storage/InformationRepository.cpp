#include "InformationRepository.h"

#include <QHash>
#include <QSqlQuery>
#include <QVariant>

#include "server/storage/Database.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

const QString kColumns
    = u"i.id, i.category_code, i.title_el, i.title_en, i.body_el, i.body_en, i.starts_ms, i.ends_ms, i.lat, i.lon, "
      u"i.address, i.state, i.created_by, COALESCE(cu.display_name, ''), i.updated_by, "
      u"COALESCE(uu.display_name, ''), i.created_ms, i.updated_ms, i.withdrawn_ms, i.version "
      u"FROM information_items i LEFT JOIN users cu ON cu.id = i.created_by "
      u"LEFT JOIN users uu ON uu.id = i.updated_by"_s;

std::optional<qint64> optionalMs(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

QVariant nullable(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant();
}

QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant();
}

InformationItem itemFrom(const QSqlQuery &q)
{
    InformationItem item;
    item.id = q.value(0).toLongLong();
    item.categoryCode = q.value(1).toString();
    item.title = {q.value(2).toString(), q.value(3).toString()};
    item.body = {q.value(4).toString(), q.value(5).toString()};
    item.startsMs = optionalMs(q.value(6));
    item.endsMs = optionalMs(q.value(7));
    if (!q.value(8).isNull()) {
        item.hasLocation = true;
        item.lat = q.value(8).toDouble();
        item.lon = q.value(9).toDouble();
    }
    item.address = q.value(10).toString();
    item.state = informationStateFromString(q.value(11).toString()).value_or(InformationItem::State::Withdrawn);
    item.createdBy = q.value(12).toLongLong();
    item.createdByName = q.value(13).toString();
    item.updatedBy = q.value(14).toLongLong();
    item.updatedByName = q.value(15).toString();
    item.createdMs = q.value(16).toLongLong();
    item.updatedMs = q.value(17).toLongLong();
    item.withdrawnMs = optionalMs(q.value(18));
    item.version = q.value(19).toInt();
    return item;
}

} // namespace

void InformationRepository::insert(InformationItem &item, bool isDemo)
{
    CachedQuery q = m_db.cached(
        u"INSERT INTO information_items (category_code, title_el, title_en, body_el, body_en, starts_ms, ends_ms, "
        u"lat, lon, address, state, created_by, updated_by, created_ms, updated_ms, withdrawn_ms, version, is_demo) "
        u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) RETURNING id"_s,
        {item.categoryCode, item.title.el, item.title.en, item.body.el, item.body.en, nullable(item.startsMs),
            nullable(item.endsMs), item.hasLocation ? QVariant(item.lat) : QVariant(),
            item.hasLocation ? QVariant(item.lon) : QVariant(), item.address, informationStateToString(item.state),
            nullableId(item.createdBy), nullableId(item.updatedBy), item.createdMs, item.updatedMs,
            nullable(item.withdrawnMs), isDemo ? 1 : 0});
    q.next();
    item.id = q.value(0).toLongLong();
    item.version = 1;
}

bool InformationRepository::update(const InformationItem &item, int expectedVersion)
{
    CachedQuery q = m_db.cached(
        u"UPDATE information_items SET title_el = ?, title_en = ?, body_el = ?, body_en = ?, starts_ms = ?, "
        u"ends_ms = ?, lat = ?, lon = ?, address = ?, state = ?, updated_by = ?, updated_ms = ?, withdrawn_ms = ?, "
        u"version = version + 1 WHERE id = ? AND version = ?"_s,
        {item.title.el, item.title.en, item.body.el, item.body.en, nullable(item.startsMs), nullable(item.endsMs),
            item.hasLocation ? QVariant(item.lat) : QVariant(), item.hasLocation ? QVariant(item.lon) : QVariant(),
            item.address, informationStateToString(item.state), nullableId(item.updatedBy), item.updatedMs,
            nullable(item.withdrawnMs), item.id, expectedVersion});
    return q.numRowsAffected() == 1;
}

std::optional<InformationItem> InformationRepository::find(qint64 id) const
{
    QList<InformationItem> found;
    {
        CachedQuery q = m_db.cached(u"SELECT "_s + kColumns + u" WHERE i.id = ?"_s, {id});
        if (!q.next())
            return std::nullopt;
        found.append(itemFrom(q));
    }
    loadPhotos(found);
    return found.first();
}

QList<InformationItem> InformationRepository::list(const InformationQuery &query) const
{
    QString where;
    QVariantList values;
    QStringList conditions;
    if (!query.categories.isEmpty()) {
        QStringList marks;
        for (const QString &code : query.categories) {
            marks.append(u"?"_s);
            values.append(code);
        }
        conditions.append(u"i.category_code IN ("_s + marks.join(u", "_s) + u')');
    }
    if (query.state) {
        conditions.append(u"i.state = ?"_s);
        values.append(informationStateToString(*query.state));
    }
    if (!conditions.isEmpty())
        where = u" WHERE "_s + conditions.join(u" AND "_s);
    values.append(query.limit);
    QList<InformationItem> out;
    {
        CachedQuery q = m_db.cached(
            u"SELECT "_s + kColumns + where + u" ORDER BY i.created_ms DESC, i.id DESC LIMIT ?"_s, values);
        while (q.next())
            out.append(itemFrom(q));
    }
    loadPhotos(out);
    return out;
}

int InformationRepository::countInCategory(const QString &categoryCode) const
{
    CachedQuery q = m_db.cached(u"SELECT COUNT(*) FROM information_items WHERE category_code = ?"_s, {categoryCode});
    q.next();
    return q.value(0).toInt();
}

void InformationRepository::loadPhotos(QList<InformationItem> &items) const
{
    if (items.isEmpty())
        return;
    QHash<qint64, qsizetype> index;
    QList<qint64> ids;
    for (qsizetype i = 0; i < items.size(); ++i) {
        index.insert(items[i].id, i);
        ids.append(items[i].id);
    }
    QVariantList values;
    const QString condition = m_db.idsCondition(u"item_id"_s, ids, &values);
    CachedQuery q = m_db.cached(
        u"SELECT item_id, id, sha256, width, height FROM information_photos WHERE "_s + condition + u" ORDER BY id"_s,
        values);
    while (q.next()) {
        const auto at = index.constFind(q.value(0).toLongLong());
        if (at == index.constEnd())
            continue;
        items[*at].photos.append(
            {q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toInt(), q.value(4).toInt()});
    }
}

qint64 InformationRepository::addPhoto(qint64 itemId, const InformationPhoto &photo, qint64 nowMs)
{
    CachedQuery q = m_db.cached(u"INSERT INTO information_photos (item_id, sha256, width, height, created_ms) "
                                u"VALUES (?, ?, ?, ?, ?) RETURNING id"_s,
        {itemId, photo.sha256, photo.width, photo.height, nowMs});
    q.next();
    return q.value(0).toLongLong();
}

bool InformationRepository::removePhoto(qint64 itemId, qint64 photoId)
{
    CachedQuery q = m_db.cached(u"DELETE FROM information_photos WHERE id = ? AND item_id = ?"_s, {photoId, itemId});
    return q.numRowsAffected() == 1;
}

bool InformationRepository::isPublicPhoto(const QString &sha256) const
{
    CachedQuery q = m_db.cached(u"SELECT 1 FROM information_photos p JOIN information_items i ON i.id = p.item_id "
                                u"WHERE p.sha256 = ? AND i.state = 'published' LIMIT 1"_s,
        {sha256});
    return q.next();
}

bool InformationRepository::hasPhoto(const QString &sha256) const
{
    CachedQuery q = m_db.cached(u"SELECT 1 FROM information_photos WHERE sha256 = ? LIMIT 1"_s, {sha256});
    return q.next();
}

} // namespace dimos
