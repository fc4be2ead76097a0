#include "ReportJson.h"

#include <QJsonArray>
#include <QRegularExpression>

#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
QJsonValue optionalId(const std::optional<qint64> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}
} // namespace

QJsonObject reportToStaffJson(const Report &r, bool withContact)
{
    QJsonObject attributes;
    for (const auto &[code, values] : r.attributes)
        attributes.insert(code, QJsonArray::fromStringList(values));
    QJsonArray photos;
    for (const ReportPhoto &p : r.photos)
        photos.append(QJsonObject{{u"id"_s, p.id}, {u"url"_s, QString(u"/media/"_s + p.sha256 + u".jpg"_s)},
            {u"thumbnail_url"_s, QString(u"/media/"_s + p.sha256 + u".thumb.jpg"_s)}, {u"width"_s, p.width},
            {u"height"_s, p.height}, {u"public"_s, p.isPublic}});
    QJsonObject o{
        {u"id"_s, r.id},
        {u"service_code"_s, r.serviceCode},
        {u"status"_s, statusToString(r.status)},
        {u"open"_s, isOpen(r.status)},
        {u"duplicate_of"_s, optionalId(r.duplicateOf)},
        {u"description"_s, r.description},
        {u"lat"_s, r.hasLocation ? QJsonValue(r.lat) : QJsonValue(QJsonValue::Null)},
        {u"long"_s, r.hasLocation ? QJsonValue(r.lon) : QJsonValue(QJsonValue::Null)},
        {u"address"_s, r.address},
        {u"address_id"_s, r.addressId},
        {u"zipcode"_s, r.zipcode},
        {u"status_notes"_s, r.statusNotes},
        {u"agency_responsible"_s, r.agencyResponsible},
        {u"service_notice"_s, r.serviceNotice},
        {u"channel"_s, r.channel},
        {u"requested_datetime"_s, formatUtc(r.requestedMs)},
        {u"updated_datetime"_s, formatUtc(r.updatedMs)},
        {u"updated_ms"_s, r.updatedMs},
        {u"expected_datetime"_s, r.expectedMs ? QJsonValue(formatUtc(*r.expectedMs)) : QJsonValue(QJsonValue::Null)},
        {u"due_ms"_s, r.dueMs ? QJsonValue(*r.dueMs) : QJsonValue(QJsonValue::Null)},
        {u"due_datetime"_s, r.dueMs ? QJsonValue(formatUtc(*r.dueMs)) : QJsonValue(QJsonValue::Null)},
        {u"priority"_s, priorityToString(r.priority)},
        {u"visibility"_s, visibilityToString(r.visibility)},
        {u"department_id"_s, optionalId(r.departmentId)},
        {u"assignee_id"_s, optionalId(r.assigneeId)},
        {u"version"_s, r.version},
        {u"attributes"_s, attributes},
        {u"photos"_s, photos},
    };
    if (withContact)
        o.insert(u"contact"_s,
            QJsonObject{{u"email"_s, r.contact.email}, {u"first_name"_s, r.contact.firstName},
                {u"last_name"_s, r.contact.lastName}, {u"phone"_s, r.contact.phone},
                {u"device_id"_s, r.contact.deviceId}, {u"account_id"_s, r.contact.accountId}});
    return o;
}

QJsonObject historyToJson(const ReportHistoryEntry &e)
{
    return QJsonObject{
        {u"id"_s, e.id},
        {u"at"_s, formatUtc(e.atMs)},
        {u"kind"_s, historyKindToString(e.kind)},
        {u"actor_user_id"_s, optionalId(e.actorUserId)},
        {u"actor_name"_s, e.actorName},
        {u"old_status"_s, e.oldStatus ? QJsonValue(statusToString(*e.oldStatus)) : QJsonValue(QJsonValue::Null)},
        {u"new_status"_s, e.newStatus ? QJsonValue(statusToString(*e.newStatus)) : QJsonValue(QJsonValue::Null)},
        {u"text"_s, e.text},
        {u"public"_s, e.isPublic},
    };
}

namespace {
std::optional<qint64> idOrNull(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    return v.toInteger();
}

qint64 timeOf(const QJsonValue &v)
{
    return parseIsoDateTime(v.toString()).value_or(0);
}
} // namespace

std::optional<Report> reportFromStaffJson(const QJsonObject &o)
{
    const auto status = statusFromString(o.value(u"status"_s).toString());
    if (!o.value(u"id"_s).isDouble() || o.value(u"service_code"_s).toString().isEmpty() || !status
        || !o.value(u"version"_s).isDouble())
        return std::nullopt;
    Report r;
    r.id = o.value(u"id"_s).toInteger();
    r.serviceCode = o.value(u"service_code"_s).toString();
    r.status = *status;
    r.duplicateOf = idOrNull(o.value(u"duplicate_of"_s));
    r.description = o.value(u"description"_s).toString();
    r.hasLocation = o.value(u"lat"_s).isDouble() && o.value(u"long"_s).isDouble();
    r.lat = o.value(u"lat"_s).toDouble();
    r.lon = o.value(u"long"_s).toDouble();
    r.address = o.value(u"address"_s).toString();
    r.addressId = o.value(u"address_id"_s).toString();
    r.zipcode = o.value(u"zipcode"_s).toString();
    r.statusNotes = o.value(u"status_notes"_s).toString();
    r.agencyResponsible = o.value(u"agency_responsible"_s).toString();
    r.serviceNotice = o.value(u"service_notice"_s).toString();
    r.channel = o.value(u"channel"_s).toString();
    r.requestedMs = timeOf(o.value(u"requested_datetime"_s));
    r.updatedMs = o.value(u"updated_ms"_s).isDouble() ? o.value(u"updated_ms"_s).toInteger()
                                                      : timeOf(o.value(u"updated_datetime"_s));
    if (o.value(u"expected_datetime"_s).isString())
        r.expectedMs = timeOf(o.value(u"expected_datetime"_s));
    r.dueMs = idOrNull(o.value(u"due_ms"_s));
    r.priority = priorityFromString(o.value(u"priority"_s).toString()).value_or(Priority::Normal);
    // Servers before the web pages sent no visibility: everything was public.
    r.visibility = visibilityFromString(o.value(u"visibility"_s).toString()).value_or(Visibility::Public);
    r.departmentId = idOrNull(o.value(u"department_id"_s));
    r.assigneeId = idOrNull(o.value(u"assignee_id"_s));
    r.version = o.value(u"version"_s).toInt();
    const QJsonObject attributes = o.value(u"attributes"_s).toObject();
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
        QStringList values;
        for (const QJsonValue &v : it.value().toArray())
            values.append(v.toString());
        r.attributes.append({it.key(), values});
    }
    for (const QJsonValue &v : o.value(u"photos"_s).toArray()) {
        const QJsonObject p = v.toObject();
        const QString url = p.value(u"url"_s).toString();
        // "/media/<sha256>.jpg"; anything else names no photo this client could fetch.
        static const QRegularExpression mediaUrl(u"^/media/([0-9a-f]{64})\\.jpg$"_s);
        const QRegularExpressionMatch m = mediaUrl.match(url);
        if (!m.hasMatch())
            continue;
        r.photos.append({p.value(u"id"_s).toInteger(), m.captured(1), p.value(u"width"_s).toInt(),
            p.value(u"height"_s).toInt(), 0, p.value(u"public"_s).toBool(true)});
    }
    if (o.value(u"contact"_s).isObject()) {
        const QJsonObject c = o.value(u"contact"_s).toObject();
        r.contact = {c.value(u"email"_s).toString(), c.value(u"first_name"_s).toString(),
            c.value(u"last_name"_s).toString(), c.value(u"phone"_s).toString(), c.value(u"device_id"_s).toString(),
            c.value(u"account_id"_s).toString()};
    }
    return r;
}

std::optional<ReportHistoryEntry> historyFromJson(const QJsonObject &o)
{
    if (!o.value(u"id"_s).isDouble())
        return std::nullopt;
    ReportHistoryEntry e;
    e.id = o.value(u"id"_s).toInteger();
    e.atMs = timeOf(o.value(u"at"_s));
    e.kind = historyKindFromString(o.value(u"kind"_s).toString());
    e.actorUserId = idOrNull(o.value(u"actor_user_id"_s));
    e.actorName = o.value(u"actor_name"_s).toString();
    if (o.value(u"old_status"_s).isString())
        e.oldStatus = statusFromString(o.value(u"old_status"_s).toString());
    if (o.value(u"new_status"_s).isString())
        e.newStatus = statusFromString(o.value(u"new_status"_s).toString());
    e.text = o.value(u"text"_s).toString();
    e.isPublic = o.value(u"public"_s).toBool();
    return e;
}

} // namespace dimos
