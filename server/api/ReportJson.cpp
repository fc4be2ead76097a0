#include "ReportJson.h"

#include <QJsonArray>

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
            {u"height"_s, p.height}});
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
        {u"priority"_s, priorityToString(r.priority)},
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

} // namespace dimos
