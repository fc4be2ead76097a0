#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace dimos {

class Database;

// A citizen's subscription by e-mail to categories, optionally within a circle.
struct Subscription
{
    struct Circle
    {
        double lat = 0, lon = 0, radiusMeters = 0;
        bool contains(double lat, double lon) const;
    };
    qint64 id = 0;
    QString email;
    QString language = QStringLiteral("el");
    QStringList categories; // service codes, sorted
    std::optional<Circle> area; // nothing: the whole municipality
    // Or a municipal unit: a feature of a municipal_units GIS layer, by layer code and feature name.
    struct Unit
    {
        QString layer;
        QString name;
        bool operator==(const Unit &) const = default;
    };
    std::optional<Unit> unit; // never together with a circle
    qint64 createdMs = 0;
    std::optional<qint64> confirmedMs;
};

// Someone who asked for a report's updates by e-mail (its reporter among them).
struct ReportFollower
{
    qint64 id = 0;
    qint64 reportId = 0;
    QString email;
    QString language = QStringLiteral("el");
    std::optional<qint64> confirmedMs;
};

class SubscriptionRepository final
{
public:
    explicit SubscriptionRepository(Database &db) : m_db(db) { }

    void insert(Subscription &s); // sets s.id
    std::optional<Subscription> find(qint64 id) const;
    void update(const Subscription &s); // language, categories, area
    void confirm(qint64 id, qint64 nowMs);
    bool remove(qint64 id);
    // What a subscription with an area gets of something without a point: a report without
    // one is not known to be in the area (nothing); an information item without a place is
    // about the whole municipality (everything).
    enum class Unplaced { Skip, Include };
    // Confirmed subscriptions to `categoryCode` whose area holds the point — a circle around it,
    // or a unit among `unitsAtPoint` (the municipal units that hold it) — or that have no area;
    // with no point, `unplaced` says whether those with an area are included.
    QList<Subscription> matching(const QString &categoryCode, std::optional<std::pair<double, double>> point,
        const QList<Subscription::Unit> &unitsAtPoint = {}, Unplaced unplaced = Unplaced::Skip) const;
    // Unconfirmed subscriptions of an address made since `sinceMs` (abuse limit).
    int pendingCount(const QString &email, qint64 sinceMs) const;

    // Adds (or returns the existing) follower of the report with this address.
    ReportFollower addFollower(qint64 reportId, const QString &email, const QString &language,
        std::optional<qint64> confirmedMs, qint64 nowMs);
    std::optional<ReportFollower> follower(qint64 id) const;
    void confirmFollower(qint64 id, qint64 nowMs);
    bool removeFollower(qint64 id);
    QList<ReportFollower> followers(qint64 reportId, bool confirmedOnly) const;

private:
    QStringList categoriesOf(qint64 id) const;
    Database &m_db;
};

} // namespace dimos
