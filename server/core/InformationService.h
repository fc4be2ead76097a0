#pragma once

#include <QList>
#include <QString>

#include <functional>
#include <optional>

#include "server/core/StaffUser.h"
#include "shared/domain/InformationItem.h"

namespace dimos {

class Boundary;
class CatalogRepository;
class Clock;
class Database;
class EventRepository;
class InformationRepository;
class MediaStore;
struct ProcessedPhoto;

// Every change to an information item: publishing (with the subscribers' mails and the event
// in the same transaction), editing, withdrawing, photos. Who may: admins and managers in any
// information category, a clerk only in the categories of their own departments; nobody files
// reports here and nobody publishes items in a problem category.
class InformationService final
{
public:
    static constexpr int kMaxTitle = 200;
    static constexpr int kMaxText = 10000;
    static constexpr int kMaxAddress = 300;
    static constexpr int kMaxPhotos = 5;

    InformationService(Database &db, InformationRepository &items, CatalogRepository &catalog, EventRepository &events,
        MediaStore &media, const Boundary *boundary, const Clock &clock);

    static bool canPublish(const StaffUser &user, const Category &category);

    // Publishes a new item in draft.categoryCode (the draft's texts, times and place; the
    // rest is set here) with `photos`, already checked by processPhoto. ApiError Forbidden,
    // NotFound (no such category), Validation (a field, or a problem category).
    InformationItem publish(
        const StaffUser &user, InformationItem draft, const QList<ProcessedPhoto> &photos = {}, bool isDemo = false);
    // Replaces the texts, times and place of a published item last read at `version`
    // (Conflict when it changed since, or was withdrawn). No mail: subscribers hear of new items.
    InformationItem edit(const StaffUser &user, qint64 id, int version, const InformationItem &changed);
    // Takes a published item off the public pages and feeds (kept for the record).
    InformationItem withdraw(const StaffUser &user, qint64 id, int version);
    InformationItem addPhoto(const StaffUser &user, qint64 id, const ProcessedPhoto &photo);
    InformationItem removePhoto(const StaffUser &user, qint64 id, qint64 photoId);

    // Called inside the transaction that publishes an item (CitizenMail's mails).
    void setPublishedListener(std::function<void(const InformationItem &)> listener)
    {
        m_published = std::move(listener);
    }
    // Called after a commit that wrote events (the live stream).
    void setEventsCommittedListener(std::function<void()> listener) { m_eventsCommitted = std::move(listener); }

private:
    Category publishable(const StaffUser &user, const QString &categoryCode) const;
    InformationItem load(qint64 id) const;
    InformationItem changeable(const StaffUser &user, qint64 id) const;
    void check(InformationItem &item) const;
    void storePhoto(const ProcessedPhoto &photo) const;
    void save(InformationItem &item, int expectedVersion, const StaffUser &user);
    void recordEvent(const QString &type, const InformationItem &item);

    Database &m_db;
    InformationRepository &m_items;
    CatalogRepository &m_catalog;
    EventRepository &m_events;
    MediaStore &m_media;
    const Boundary *m_boundary;
    const Clock &m_clock;
    std::function<void(const InformationItem &)> m_published;
    std::function<void()> m_eventsCommitted;
};

} // namespace dimos
