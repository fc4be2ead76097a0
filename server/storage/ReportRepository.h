#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

#include "shared/domain/Report.h"
#include "shared/geo/Boundary.h"

namespace dimos {

class Database;

// What to select from the reports. Empty lists mean "any".
struct ReportQuery
{
    QList<qint64> ids;
    QStringList serviceCodes;
    QList<ReportStatus> statuses;
    std::optional<bool> open;
    QList<qint64> departmentIds;
    std::optional<qint64> assigneeId; // 0: unassigned
    QList<int> priorities;
    QList<Visibility> visibilities; // empty: any (unless publicOnly)
    std::optional<LatLonBox> bbox;
    struct Circle
    {
        double lat, lon, radiusMeters;
    };
    std::optional<Circle> circle;
    QString folded; // text search, already folded with foldForSearch()
    // Reports with a value `value` of their attribute `code` (a category's own field), each pair.
    QList<std::pair<QString, QString>> attributeEquals;
    std::optional<qint64> requestedFromMs, requestedToMs, updatedFromMs, updatedToMs;
    bool includeDemo = true;
    // Only what anyone may see: public reports, and of their photos the public ones. Every
    // query for Open311 and the web pages sets it; staff queries do not.
    bool publicOnly = false;

    enum class Order { RequestedDesc, UpdatedDesc, UpdatedAsc };
    Order order = Order::RequestedDesc;
    // Keyset pagination: rows strictly after (sort key, id) in the chosen order.
    std::optional<std::pair<qint64, qint64>> after;
    int limit = 100;
    int offset = 0;

    bool withAttributes = false;
    bool withPhotos = false;
};

// Reports, their attribute values, photos and history. Writes are guarded by the report's
// version so two clerks cannot overwrite each other silently.
class ReportRepository final
{
public:
    explicit ReportRepository(Database &db) : m_db(db) { }

    // Inserts the report with its attribute values; sets r.id.
    void insert(Report &r, bool isDemo = false);
    // The report waiting for the confirmation link whose token hashes to `tokenHash`.
    std::optional<qint64> findByConfirmToken(const QString &tokenHash) const;
    // Stores the hash of the token a confirmation link carries (empty: none).
    void setConfirmToken(qint64 id, const QString &tokenHash, std::optional<qint64> confirmedMs);
    // publicOnly: nothing unless the report is public, and then only its public photos.
    std::optional<Report> find(qint64 id, bool publicOnly = false) const;
    std::optional<Report> findByToken(const QString &token) const;
    QList<Report> query(const ReportQuery &q) const;
    qint64 count() const;

    // Writes the mutable fields when the stored version is `expectedVersion`, incrementing
    // it. Returns false (and writes nothing) when the version moved on. `r` must hold its
    // attribute values (the search text is written again from them).
    bool updateGuarded(const Report &r, int expectedVersion);

    void addHistory(ReportHistoryEntry &entry);
    QList<ReportHistoryEntry> history(qint64 reportId, bool publicOnly) const;
    // The public history of many reports in one query, keyed by report id.
    QHash<qint64, QList<ReportHistoryEntry>> publicHistory(const QList<qint64> &reportIds) const;
    struct PublicUpdate
    {
        ReportHistoryEntry entry;
        ReportStatus statusAfter = ReportStatus::New;
    };
    // Public history lines (status changes and public notes) between two times, for
    // mySociety's servicerequestupdates.
    QList<PublicUpdate> publicUpdates(qint64 fromMs, qint64 toMs, int limit) const;

    qint64 addPhoto(qint64 reportId, const ReportPhoto &photo);
    // Shows or withholds one of a report's photos; false when the report has no such photo.
    bool setPhotoPublic(qint64 reportId, qint64 photoId, bool isPublic);
    // Whether anyone may fetch the photo: a public photo of a public report.
    bool isPublicPhoto(const QString &sha256) const;
    // Whether any report has the photo (public or not).
    bool hasPhoto(const QString &sha256) const;

private:
    void loadDetails(QList<Report> &reports, bool attributes, bool photos, bool publicPhotosOnly) const;
    Database &m_db;
};

} // namespace dimos
