#pragma once

#include <QList>
#include <QStringList>

#include <optional>

#include "shared/domain/InformationItem.h"

namespace dimos {

class Database;

struct InformationQuery
{
    QStringList categories; // empty: every category
    std::optional<InformationItem::State> state; // nothing: both
    int limit = 500;
};

// The items staff publish in information categories, with their photos (tables
// information_items and information_photos). Changes go through InformationService, which
// checks who may make them and writes the mails and the event in the same transaction.
class InformationRepository final
{
public:
    explicit InformationRepository(Database &db) : m_db(db) { }

    // Stores a new item (its photos are added with addPhoto) and sets item.id, version 1.
    void insert(InformationItem &item, bool isDemo = false);
    // Writes the item's texts, times, place, state and updated_* if its stored version is still
    // `expectedVersion`, and moves the version on. False when it is not (someone changed it).
    bool update(const InformationItem &item, int expectedVersion);
    std::optional<InformationItem> find(qint64 id) const;
    // Newest first (by creation).
    QList<InformationItem> list(const InformationQuery &query) const;
    // Items of a category, withdrawn or not (a category that holds items keeps its kind).
    int countInCategory(const QString &categoryCode) const;

    qint64 addPhoto(qint64 itemId, const InformationPhoto &photo, qint64 nowMs);
    bool removePhoto(qint64 itemId, qint64 photoId);
    // Whether anyone may fetch the photo: it belongs to a published item.
    bool isPublicPhoto(const QString &sha256) const;
    // Whether any item, published or withdrawn, has it (staff may fetch those).
    bool hasPhoto(const QString &sha256) const;

private:
    void loadPhotos(QList<InformationItem> &items) const;
    Database &m_db;
};

} // namespace dimos
