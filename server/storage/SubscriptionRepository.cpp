#include "SubscriptionRepository.h"

#include <QSqlQuery>
#include <QVariant>

#include <cmath>

#include "server/storage/Database.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

const QString kColumns
    = u"id, email, language, area_lat, area_lon, area_radius_m, created_ms, confirmed_ms, area_layer, area_unit"_s;

Subscription subscriptionFrom(const QSqlQuery &q)
{
    Subscription s;
    s.id = q.value(0).toLongLong();
    s.email = q.value(1).toString();
    s.language = q.value(2).toString();
    if (!q.value(3).isNull())
        s.area = Subscription::Circle{q.value(3).toDouble(), q.value(4).toDouble(), q.value(5).toDouble()};
    s.createdMs = q.value(6).toLongLong();
    if (!q.value(7).isNull())
        s.confirmedMs = q.value(7).toLongLong();
    if (!q.value(8).isNull())
        s.unit = Subscription::Unit{q.value(8).toString(), q.value(9).toString()};
    return s;
}

ReportFollower followerFrom(const QSqlQuery &q)
{
    ReportFollower f;
    f.id = q.value(0).toLongLong();
    f.reportId = q.value(1).toLongLong();
    f.email = q.value(2).toString();
    f.language = q.value(3).toString();
    if (!q.value(4).isNull())
        f.confirmedMs = q.value(4).toLongLong();
    return f;
}

const QString kFollowerColumns = u"id, report_id, email, language, confirmed_ms"_s;

} // namespace

bool Subscription::Circle::contains(double pointLat, double pointLon) const
{
    // Equirectangular: within a municipality, metres off at most.
    constexpr double kMetersPerDegree = 111'320.0;
    const double dy = (pointLat - lat) * kMetersPerDegree;
    const double dx = (pointLon - lon) * kMetersPerDegree * std::cos(lat * M_PI / 180.0);
    return dx * dx + dy * dy <= radiusMeters * radiusMeters;
}

void SubscriptionRepository::insert(Subscription &s)
{
    m_db.transaction([&] {
        CachedQuery q
            = m_db.cached(u"INSERT INTO subscriptions (email, language, area_lat, area_lon, area_radius_m, "
                          u"created_ms, confirmed_ms, area_layer, area_unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                          u"RETURNING id"_s,
                {s.email, s.language, s.area ? QVariant(s.area->lat) : QVariant(),
                    s.area ? QVariant(s.area->lon) : QVariant(), s.area ? QVariant(s.area->radiusMeters) : QVariant(),
                    s.createdMs, s.confirmedMs ? QVariant(*s.confirmedMs) : QVariant(),
                    s.unit ? QVariant(s.unit->layer) : QVariant(), s.unit ? QVariant(s.unit->name) : QVariant()});
        q.next();
        s.id = q.value(0).toLongLong();
        q.finish();
        for (const QString &code : std::as_const(s.categories))
            m_db.cached(u"INSERT INTO subscription_categories (subscription_id, category_code) VALUES (?, ?) "
                        u"ON CONFLICT DO NOTHING"_s,
                {s.id, code});
    });
}

QStringList SubscriptionRepository::categoriesOf(qint64 id) const
{
    QStringList out;
    CachedQuery q = m_db.cached(
        u"SELECT category_code FROM subscription_categories WHERE subscription_id = ? ORDER BY category_code"_s, {id});
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

std::optional<Subscription> SubscriptionRepository::find(qint64 id) const
{
    std::optional<Subscription> s;
    {
        CachedQuery q = m_db.cached(u"SELECT "_s + kColumns + u" FROM subscriptions WHERE id = ?"_s, {id});
        if (!q.next())
            return std::nullopt;
        s = subscriptionFrom(q);
    }
    s->categories = categoriesOf(id);
    return s;
}

void SubscriptionRepository::update(const Subscription &s)
{
    m_db.transaction([&] {
        m_db.cached(u"UPDATE subscriptions SET language = ?, area_lat = ?, area_lon = ?, area_radius_m = ?, "
                    u"area_layer = ?, area_unit = ? WHERE id = ?"_s,
            {s.language, s.area ? QVariant(s.area->lat) : QVariant(), s.area ? QVariant(s.area->lon) : QVariant(),
                s.area ? QVariant(s.area->radiusMeters) : QVariant(), s.unit ? QVariant(s.unit->layer) : QVariant(),
                s.unit ? QVariant(s.unit->name) : QVariant(), s.id});
        m_db.cached(u"DELETE FROM subscription_categories WHERE subscription_id = ?"_s, {s.id});
        for (const QString &code : s.categories)
            m_db.cached(u"INSERT INTO subscription_categories (subscription_id, category_code) VALUES (?, ?) "
                        u"ON CONFLICT DO NOTHING"_s,
                {s.id, code});
    });
}

void SubscriptionRepository::confirm(qint64 id, qint64 nowMs)
{
    m_db.cached(u"UPDATE subscriptions SET confirmed_ms = COALESCE(confirmed_ms, ?) WHERE id = ?"_s, {nowMs, id});
}

bool SubscriptionRepository::remove(qint64 id)
{
    CachedQuery q = m_db.cached(u"DELETE FROM subscriptions WHERE id = ?"_s, {id});
    return q.numRowsAffected() == 1;
}

QList<Subscription> SubscriptionRepository::matching(const QString &categoryCode,
    std::optional<std::pair<double, double>> point, const QList<Subscription::Unit> &unitsAtPoint,
    Unplaced unplaced) const
{
    QList<Subscription> out;
    {
        CachedQuery q = m_db.cached(u"SELECT s.id, s.email, s.language, s.area_lat, s.area_lon, s.area_radius_m, "
                                    u"s.created_ms, s.confirmed_ms, s.area_layer, s.area_unit FROM subscriptions s "
                                    u"JOIN subscription_categories c ON c.subscription_id = s.id "
                                    u"WHERE c.category_code = ? AND s.confirmed_ms IS NOT NULL ORDER BY s.id"_s,
            {categoryCode});
        while (q.next()) {
            Subscription s = subscriptionFrom(q);
            if (s.area && point && !s.area->contains(point->first, point->second))
                continue;
            if ((s.area || s.unit) && !point && unplaced == Unplaced::Skip)
                continue;
            if (s.unit && point && !unitsAtPoint.contains(*s.unit))
                continue;
            out.append(s);
        }
    }
    for (Subscription &s : out)
        s.categories = categoriesOf(s.id);
    return out;
}

int SubscriptionRepository::pendingCount(const QString &email, qint64 sinceMs) const
{
    CachedQuery q = m_db.cached(u"SELECT COUNT(*) FROM subscriptions WHERE email = ? AND confirmed_ms IS NULL "
                                u"AND created_ms >= ?"_s,
        {email, sinceMs});
    q.next();
    return q.value(0).toInt();
}

ReportFollower SubscriptionRepository::addFollower(
    qint64 reportId, const QString &email, const QString &language, std::optional<qint64> confirmedMs, qint64 nowMs)
{
    m_db.cached(u"INSERT INTO report_followers (report_id, email, language, created_ms, confirmed_ms) "
                u"VALUES (?, ?, ?, ?, ?) ON CONFLICT (report_id, email) DO UPDATE SET "
                u"confirmed_ms = COALESCE(report_followers.confirmed_ms, excluded.confirmed_ms)"_s,
        {reportId, email, language, nowMs, confirmedMs ? QVariant(*confirmedMs) : QVariant()});
    CachedQuery q
        = m_db.cached(u"SELECT "_s + kFollowerColumns + u" FROM report_followers WHERE report_id = ? AND email = ?"_s,
            {reportId, email});
    q.next();
    return followerFrom(q);
}

std::optional<ReportFollower> SubscriptionRepository::follower(qint64 id) const
{
    CachedQuery q = m_db.cached(u"SELECT "_s + kFollowerColumns + u" FROM report_followers WHERE id = ?"_s, {id});
    if (!q.next())
        return std::nullopt;
    return followerFrom(q);
}

void SubscriptionRepository::confirmFollower(qint64 id, qint64 nowMs)
{
    m_db.cached(u"UPDATE report_followers SET confirmed_ms = COALESCE(confirmed_ms, ?) WHERE id = ?"_s, {nowMs, id});
}

bool SubscriptionRepository::removeFollower(qint64 id)
{
    CachedQuery q = m_db.cached(u"DELETE FROM report_followers WHERE id = ?"_s, {id});
    return q.numRowsAffected() == 1;
}

QList<ReportFollower> SubscriptionRepository::followers(qint64 reportId, bool confirmedOnly) const
{
    QList<ReportFollower> out;
    CachedQuery q = m_db.cached(u"SELECT "_s + kFollowerColumns + u" FROM report_followers WHERE report_id = ?"_s
            + (confirmedOnly ? u" AND confirmed_ms IS NOT NULL"_s : QString()) + u" ORDER BY id"_s,
        {reportId});
    while (q.next())
        out.append(followerFrom(q));
    return out;
}

} // namespace dimos
