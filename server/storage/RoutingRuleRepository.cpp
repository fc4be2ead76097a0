#include "RoutingRuleRepository.h"

#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

#include "server/storage/Database.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
const QString kColumns = u"id, category_code, layer_code, feature_name, department_id, assignee_id, sort_order, "
                         u"active, created_ms, updated_ms"_s;

std::optional<qint64> optionalId(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toLongLong();
}

QVariant nullable(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant();
}
} // namespace

std::optional<RoutingRule> routingRuleFor(const QList<RoutingRule> &rules, const QList<AreaRef> &areas)
{
    const RoutingRule *best = nullptr;
    auto better = [](const RoutingRule &a, const RoutingRule &b) {
        if (a.hasArea() != b.hasArea())
            return a.hasArea();
        if (a.order != b.order)
            return a.order < b.order;
        return a.id < b.id;
    };
    for (const RoutingRule &r : rules) {
        if (!r.active)
            continue;
        if (r.hasArea() && !areas.contains(AreaRef{r.layerCode, r.featureName}))
            continue;
        if (!best || better(r, *best))
            best = &r;
    }
    return best ? std::optional<RoutingRule>(*best) : std::nullopt;
}

QList<RoutingRule> RoutingRuleRepository::select(const QString &where, const QVariantList &values) const
{
    QList<RoutingRule> out;
    CachedQuery q = m_db.cached(
        u"SELECT "_s + kColumns + u" FROM routing_rules "_s + where + u" ORDER BY category_code, sort_order, id"_s,
        values);
    while (q.next()) {
        RoutingRule r;
        r.id = q.value(0).toLongLong();
        r.categoryCode = q.value(1).toString();
        r.layerCode = q.value(2).toString();
        r.featureName = q.value(3).toString();
        r.departmentId = optionalId(q.value(4));
        r.assigneeId = optionalId(q.value(5));
        r.order = q.value(6).toInt();
        r.active = q.value(7).toInt() != 0;
        r.createdMs = q.value(8).toLongLong();
        r.updatedMs = q.value(9).toLongLong();
        out.append(r);
    }
    return out;
}

QList<RoutingRule> RoutingRuleRepository::list() const
{
    return select(QString(), {});
}

QList<RoutingRule> RoutingRuleRepository::forCategory(const QString &categoryCode) const
{
    return select(u"WHERE category_code = ? AND active = 1"_s, {categoryCode});
}

std::optional<RoutingRule> RoutingRuleRepository::find(qint64 id) const
{
    const QList<RoutingRule> rows = select(u"WHERE id = ?"_s, {id});
    return rows.isEmpty() ? std::nullopt : std::optional<RoutingRule>(rows.first());
}

qint64 RoutingRuleRepository::insert(const RoutingRule &r, qint64 nowMs)
{
    CachedQuery q = m_db.cached(u"INSERT INTO routing_rules (category_code, layer_code, feature_name, department_id, "
                                u"assignee_id, sort_order, active, created_ms, updated_ms) "
                                u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
        {r.categoryCode, r.layerCode, r.featureName, nullable(r.departmentId), nullable(r.assigneeId), r.order,
            r.active ? 1 : 0, nowMs, nowMs});
    q.next();
    return q.value(0).toLongLong();
}

void RoutingRuleRepository::update(const RoutingRule &r, qint64 nowMs)
{
    m_db.cached(u"UPDATE routing_rules SET category_code = ?, layer_code = ?, feature_name = ?, department_id = ?, "
                u"assignee_id = ?, sort_order = ?, active = ?, updated_ms = ? WHERE id = ?"_s,
        {r.categoryCode, r.layerCode, r.featureName, nullable(r.departmentId), nullable(r.assigneeId), r.order,
            r.active ? 1 : 0, nowMs, r.id});
}

bool RoutingRuleRepository::remove(qint64 id)
{
    return m_db.cached(u"DELETE FROM routing_rules WHERE id = ?"_s, {id}).numRowsAffected() > 0;
}

} // namespace dimos
