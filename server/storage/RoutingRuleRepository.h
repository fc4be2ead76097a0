#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace dimos {

class Database;

// Where a new report goes (docs/ADMIN.md "Routing rules"): a category and, optionally, an
// area — a feature of a GIS layer, named by the layer's code and the feature's name, since
// names survive a re-import of the layer and feature ids do not — give a department and/or a
// clerk. ReportService::create picks the rule (routingRuleFor).
struct RoutingRule
{
    qint64 id = 0;
    QString categoryCode;
    QString layerCode; // empty: anywhere (with featureName empty too)
    QString featureName;
    std::optional<qint64> departmentId;
    std::optional<qint64> assigneeId;
    int order = 0; // among rules of equal weight the lower wins
    bool active = true;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;

    bool hasArea() const { return !layerCode.isEmpty(); }
};

// An area holding a report's point: a feature of a polygon layer.
struct AreaRef
{
    QString layerCode;
    QString featureName;
    bool operator==(const AreaRef &) const = default;
};

// The rule a new report of `categoryCode` at a point held by `areas` follows: the active rules
// of the category, the ones with an area that holds the point before the ones without, then by
// order and id. Nothing when no rule applies.
std::optional<RoutingRule> routingRuleFor(const QList<RoutingRule> &rules, const QList<AreaRef> &areas);

class RoutingRuleRepository final
{
public:
    explicit RoutingRuleRepository(Database &db) : m_db(db) { }

    QList<RoutingRule> list() const; // by category, order, id
    QList<RoutingRule> forCategory(const QString &categoryCode) const; // active ones, by order, id
    std::optional<RoutingRule> find(qint64 id) const;
    qint64 insert(const RoutingRule &rule, qint64 nowMs);
    void update(const RoutingRule &rule, qint64 nowMs);
    bool remove(qint64 id);

private:
    QList<RoutingRule> select(const QString &where, const QVariantList &values) const;
    Database &m_db;
};

} // namespace dimos
