#include "InformationItem.h"

#include <QJsonArray>

#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

bool InformationItem::isPast(qint64 nowMs) const
{
    if (endsMs)
        return *endsMs < nowMs;
    return startsMs && *startsMs < nowMs;
}

QString informationStateToString(InformationItem::State state)
{
    return state == InformationItem::State::Withdrawn ? u"withdrawn"_s : u"published"_s;
}

std::optional<InformationItem::State> informationStateFromString(QStringView text)
{
    if (text == u"published")
        return InformationItem::State::Published;
    if (text == u"withdrawn")
        return InformationItem::State::Withdrawn;
    return std::nullopt;
}

namespace {
QJsonValue timeOrNull(const std::optional<qint64> &ms)
{
    return ms ? QJsonValue(formatUtc(*ms)) : QJsonValue(QJsonValue::Null);
}

std::optional<qint64> timeFrom(const QJsonValue &v)
{
    if (!v.isString())
        return std::nullopt;
    return parseIsoDateTime(v.toString());
}
} // namespace

QJsonObject informationItemToJson(const InformationItem &item)
{
    QJsonArray photos;
    for (const InformationPhoto &p : item.photos)
        photos.append(QJsonObject{{u"id"_s, p.id}, {u"sha256"_s, p.sha256}, {u"width"_s, p.width},
            {u"height"_s, p.height}, {u"url"_s, QString(u"/media/"_s + p.sha256 + u".jpg"_s)}});
    return QJsonObject{
        {u"id"_s, item.id},
        {u"category"_s, item.categoryCode},
        {u"title"_s, item.title.toJson()},
        {u"text"_s, item.body.toJson()},
        {u"starts_at"_s, timeOrNull(item.startsMs)},
        {u"ends_at"_s, timeOrNull(item.endsMs)},
        {u"lat"_s, item.hasLocation ? QJsonValue(item.lat) : QJsonValue(QJsonValue::Null)},
        {u"lon"_s, item.hasLocation ? QJsonValue(item.lon) : QJsonValue(QJsonValue::Null)},
        {u"address"_s, item.address},
        {u"photos"_s, photos},
        {u"state"_s, informationStateToString(item.state)},
        {u"created_by"_s, QJsonObject{{u"id"_s, item.createdBy}, {u"name"_s, item.createdByName}}},
        {u"updated_by"_s, QJsonObject{{u"id"_s, item.updatedBy}, {u"name"_s, item.updatedByName}}},
        {u"created_at"_s, formatUtc(item.createdMs)},
        {u"updated_at"_s, formatUtc(item.updatedMs)},
        {u"withdrawn_at"_s, timeOrNull(item.withdrawnMs)},
        {u"version"_s, item.version},
    };
}

std::optional<InformationItem> informationItemFromJson(const QJsonObject &o)
{
    InformationItem item;
    item.id = o.value(u"id"_s).toInteger();
    item.categoryCode = o.value(u"category"_s).toString();
    const auto state = informationStateFromString(o.value(u"state"_s).toString());
    if (item.id <= 0 || item.categoryCode.isEmpty() || !state)
        return std::nullopt;
    item.state = *state;
    item.title = LocalizedText::fromJson(o.value(u"title"_s));
    item.body = LocalizedText::fromJson(o.value(u"text"_s));
    item.startsMs = timeFrom(o.value(u"starts_at"_s));
    item.endsMs = timeFrom(o.value(u"ends_at"_s));
    if (o.value(u"lat"_s).isDouble() && o.value(u"lon"_s).isDouble()) {
        item.hasLocation = true;
        item.lat = o.value(u"lat"_s).toDouble();
        item.lon = o.value(u"lon"_s).toDouble();
    }
    item.address = o.value(u"address"_s).toString();
    for (const QJsonValue &v : o.value(u"photos"_s).toArray()) {
        const QJsonObject p = v.toObject();
        item.photos.append({p.value(u"id"_s).toInteger(), p.value(u"sha256"_s).toString(), p.value(u"width"_s).toInt(),
            p.value(u"height"_s).toInt()});
    }
    const QJsonObject created = o.value(u"created_by"_s).toObject();
    item.createdBy = created.value(u"id"_s).toInteger();
    item.createdByName = created.value(u"name"_s).toString();
    const QJsonObject updated = o.value(u"updated_by"_s).toObject();
    item.updatedBy = updated.value(u"id"_s).toInteger();
    item.updatedByName = updated.value(u"name"_s).toString();
    item.createdMs = timeFrom(o.value(u"created_at"_s)).value_or(0);
    item.updatedMs = timeFrom(o.value(u"updated_at"_s)).value_or(0);
    item.withdrawnMs = timeFrom(o.value(u"withdrawn_at"_s));
    item.version = o.value(u"version"_s).toInt(1);
    return item;
}

} // namespace dimos
