#include "InformationService.h"

#include <QJsonDocument>

#include <cmath>

#include "server/core/MediaStore.h"
#include "server/core/PhotoProcessor.h"
#include "server/http/ApiError.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/Database.h"
#include "server/storage/EventRepository.h"
#include "server/storage/InformationRepository.h"
#include "shared/geo/Boundary.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

ApiError invalid(const QString &message)
{
    return ApiError(ApiError::Kind::Validation, message);
}

QString limited(const QString &text, int maxLength, const QString &name)
{
    const QString t = text.trimmed();
    if (t.size() > maxLength)
        throw invalid(u"%1 is %2 characters long; the limit is %3"_s.arg(name).arg(t.size()).arg(maxLength));
    return t;
}

} // namespace

InformationService::InformationService(Database &db, InformationRepository &items, CatalogRepository &catalog,
    EventRepository &events, MediaStore &media, const Boundary *boundary, const Clock &clock)
    : m_db(db),
      m_items(items),
      m_catalog(catalog),
      m_events(events),
      m_media(media),
      m_boundary(boundary),
      m_clock(clock)
{ }

bool InformationService::canPublish(const StaffUser &user, const Category &category)
{
    if (!user.active || !category.isInformation())
        return false;
    if (user.role == Role::Admin || user.role == Role::Manager)
        return true;
    return category.departmentId > 0 && user.inDepartment(category.departmentId);
}

Category InformationService::publishable(const StaffUser &user, const QString &categoryCode) const
{
    const std::optional<Category> category = m_catalog.category(categoryCode);
    if (!category)
        throw ApiError(ApiError::Kind::NotFound, u"no category \"%1\""_s.arg(categoryCode.left(64)));
    if (!category->isInformation())
        throw invalid(u"\"%1\" is a problem category, where citizens report problems; publish in an information "
                      u"category"_s.arg(category->code));
    if (!canPublish(user, *category))
        throw ApiError(ApiError::Kind::Forbidden,
            u"you may publish only in the information categories of your own departments; \"%1\" is not one of "
            u"them"_s.arg(category->code));
    return *category;
}

InformationItem InformationService::load(qint64 id) const
{
    std::optional<InformationItem> item = m_items.find(id);
    if (!item)
        throw ApiError(ApiError::Kind::NotFound, u"no information item with id %1"_s.arg(id));
    return *item;
}

InformationItem InformationService::changeable(const StaffUser &user, qint64 id) const
{
    InformationItem item = load(id);
    publishable(user, item.categoryCode);
    if (!item.isPublished())
        throw ApiError(ApiError::Kind::Conflict, u"item %1 was withdrawn; a withdrawn item is not changed"_s.arg(id));
    return item;
}

void InformationService::check(InformationItem &item) const
{
    item.title = {limited(item.title.el, kMaxTitle, u"title.el"_s), limited(item.title.en, kMaxTitle, u"title.en"_s)};
    item.body = {limited(item.body.el, kMaxText, u"text.el"_s), limited(item.body.en, kMaxText, u"text.en"_s)};
    if (item.title.el.isEmpty())
        throw invalid(u"title.el is required: a title in Greek (the English one is optional)"_s);
    if (item.body.el.isEmpty())
        throw invalid(u"text.el is required: the text in Greek (the English one is optional)"_s);
    if (item.endsMs && !item.startsMs)
        throw invalid(u"ends_at needs starts_at: an event that ends also starts"_s);
    if (item.endsMs && *item.endsMs < *item.startsMs)
        throw invalid(u"ends_at is before starts_at"_s);
    item.address = limited(item.address, kMaxAddress, u"address"_s);
    if (item.hasLocation) {
        if (!std::isfinite(item.lat) || !std::isfinite(item.lon) || std::fabs(item.lat) > 90
            || std::fabs(item.lon) > 180)
            throw invalid(u"lat must be between -90 and 90 and lon between -180 and 180 (WGS84 degrees)"_s);
        if (m_boundary && !m_boundary->contains(item.lat, item.lon))
            throw invalid(
                u"the place %1, %2 is outside the municipality"_s.arg(item.lat, 0, 'f', 6).arg(item.lon, 0, 'f', 6));
    }
}

void InformationService::storePhoto(const ProcessedPhoto &photo) const
{
    // Files first: a crash after this leaves an unreferenced file, never a row without its file.
    QString error;
    const QString sha = QString::fromLatin1(photo.sha256Hex);
    if (!m_media.put(sha, MediaStore::Kind::Photo, photo.jpeg, &error)
        || !m_media.put(sha, MediaStore::Kind::Thumbnail, photo.thumbnail, &error))
        throw std::runtime_error(error.toStdString());
}

InformationItem InformationService::publish(
    const StaffUser &user, InformationItem draft, const QList<ProcessedPhoto> &photos, bool isDemo)
{
    const Category category = publishable(user, draft.categoryCode);
    if (photos.size() > kMaxPhotos)
        throw invalid(u"at most %1 photos per item"_s.arg(kMaxPhotos));
    InformationItem item = draft;
    item.id = 0;
    item.categoryCode = category.code;
    item.state = InformationItem::State::Published;
    item.createdBy = item.updatedBy = user.id;
    item.createdByName = item.updatedByName = user.displayName;
    item.createdMs = item.updatedMs = m_clock.nowMs();
    item.withdrawnMs.reset();
    item.photos.clear();
    check(item);
    for (const ProcessedPhoto &p : photos)
        storePhoto(p);
    m_db.transaction([&] {
        m_items.insert(item, isDemo);
        for (const ProcessedPhoto &p : photos) {
            InformationPhoto photo{0, QString::fromLatin1(p.sha256Hex), p.width, p.height};
            photo.id = m_items.addPhoto(item.id, photo, item.createdMs);
            item.photos.append(photo);
        }
        recordEvent(u"information.published"_s, item);
        if (m_published)
            m_published(item);
    });
    return item;
}

void InformationService::save(InformationItem &item, int expectedVersion, const StaffUser &user)
{
    item.updatedBy = user.id;
    item.updatedByName = user.displayName;
    item.updatedMs = m_clock.nowMs();
    if (!m_items.update(item, expectedVersion))
        throw ApiError(ApiError::Kind::Conflict,
            u"item %1 was changed by someone else since you read it; reload it"_s.arg(item.id));
    item.version = expectedVersion + 1;
}

InformationItem InformationService::edit(const StaffUser &user, qint64 id, int version, const InformationItem &changed)
{
    InformationItem item = changeable(user, id);
    if (!changed.categoryCode.isEmpty() && changed.categoryCode != item.categoryCode)
        throw invalid(u"an item stays in its category; withdraw it and publish it in the other one"_s);
    if (item.version != version)
        throw ApiError(
            ApiError::Kind::Conflict, u"item %1 was changed by someone else since you read it; reload it"_s.arg(id));
    item.title = changed.title;
    item.body = changed.body;
    item.startsMs = changed.startsMs;
    item.endsMs = changed.endsMs;
    item.hasLocation = changed.hasLocation;
    item.lat = changed.lat;
    item.lon = changed.lon;
    item.address = changed.address;
    check(item);
    m_db.transaction([&] {
        save(item, version, user);
        recordEvent(u"information.updated"_s, item);
    });
    return item;
}

InformationItem InformationService::withdraw(const StaffUser &user, qint64 id, int version)
{
    InformationItem item = changeable(user, id);
    if (item.version != version)
        throw ApiError(
            ApiError::Kind::Conflict, u"item %1 was changed by someone else since you read it; reload it"_s.arg(id));
    item.state = InformationItem::State::Withdrawn;
    item.withdrawnMs = m_clock.nowMs();
    m_db.transaction([&] {
        save(item, version, user);
        recordEvent(u"information.withdrawn"_s, item);
    });
    return item;
}

InformationItem InformationService::addPhoto(const StaffUser &user, qint64 id, const ProcessedPhoto &photo)
{
    InformationItem item = changeable(user, id);
    if (item.photos.size() >= kMaxPhotos)
        throw invalid(u"item %1 has %2 photos already, the most it may have"_s.arg(id).arg(kMaxPhotos));
    storePhoto(photo);
    m_db.transaction([&] {
        InformationPhoto p{0, QString::fromLatin1(photo.sha256Hex), photo.width, photo.height};
        p.id = m_items.addPhoto(item.id, p, m_clock.nowMs());
        item.photos.append(p);
        save(item, item.version, user);
        recordEvent(u"information.updated"_s, item);
    });
    return item;
}

InformationItem InformationService::removePhoto(const StaffUser &user, qint64 id, qint64 photoId)
{
    InformationItem item = changeable(user, id);
    m_db.transaction([&] {
        if (!m_items.removePhoto(id, photoId))
            throw ApiError(ApiError::Kind::NotFound, u"item %1 has no photo %2"_s.arg(id).arg(photoId));
        item.photos.removeIf([photoId](const InformationPhoto &p) { return p.id == photoId; });
        save(item, item.version, user);
        recordEvent(u"information.updated"_s, item);
    });
    return item;
}

void InformationService::recordEvent(const QString &type, const InformationItem &item)
{
    StoredEvent e;
    e.atMs = m_clock.nowMs();
    e.type = type;
    e.entity = u"information_item"_s;
    e.entityId = item.id;
    if (const auto category = m_catalog.category(item.categoryCode); category && category->departmentId > 0)
        e.departmentId = e.previousDepartmentId = category->departmentId;
    e.serviceCode = item.categoryCode;
    e.payload = QJsonDocument(informationItemToJson(item)).toJson(QJsonDocument::Compact);
    m_events.append(e);
    m_db.afterCommit([this] {
        if (m_eventsCommitted)
            m_eventsCommitted();
    });
}

} // namespace dimos
