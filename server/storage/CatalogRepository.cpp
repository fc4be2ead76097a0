#include "CatalogRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

#include "server/storage/Database.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
Department departmentFromQuery(const QSqlQuery &q)
{
    Department d;
    d.id = q.value(0).toLongLong();
    d.code = q.value(1).toString();
    d.name = {q.value(2).toString(), q.value(3).toString()};
    d.email = q.value(4).toString();
    d.active = q.value(5).toInt() != 0;
    return d;
}
const QString kDepartmentColumns = u"id, code, name_el, name_en, email, active"_s;
} // namespace

const CatalogRepository::Snapshot &CatalogRepository::snapshot() const
{
    if (m_changedInTransaction && !m_db.inTransaction())
        m_changedInTransaction = false; // that transaction has ended, committed or not
    const qint64 version = m_db.dataVersion();
    if (m_snapshot && m_snapshot->dataVersion == version && !m_changedInTransaction)
        return *m_snapshot;
    Snapshot s;
    s.dataVersion = version;
    {
        CachedQuery q = m_db.cached(u"SELECT "_s + kDepartmentColumns + u" FROM departments ORDER BY name_el"_s);
        while (q.next())
            s.departments.append(departmentFromQuery(q));
    }
    s.categories = load(QString(), {});
    if (m_changedInTransaction) {
        m_uncommitted = std::move(s);
        return m_uncommitted;
    }
    m_snapshot = std::move(s);
    return *m_snapshot;
}

void CatalogRepository::changed()
{
    m_snapshot.reset();
    if (m_db.inTransaction())
        m_changedInTransaction = true;
}

QList<Department> CatalogRepository::departments() const
{
    return snapshot().departments;
}

std::optional<Department> CatalogRepository::department(qint64 id) const
{
    for (const Department &d : snapshot().departments)
        if (d.id == id)
            return d;
    return std::nullopt;
}

std::optional<Department> CatalogRepository::departmentByCode(const QString &code) const
{
    for (const Department &d : snapshot().departments)
        if (d.code == code)
            return d;
    return std::nullopt;
}

qint64 CatalogRepository::insertDepartment(const Department &d, qint64 nowMs)
{
    changed();
    CachedQuery q
        = m_db.cached(u"INSERT INTO departments (code, name_el, name_en, email, active, created_ms, updated_ms) "
                      u"VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
            {d.code, d.name.el, d.name.en, d.email, d.active ? 1 : 0, nowMs, nowMs});
    q.next();
    return q.value(0).toLongLong();
}

void CatalogRepository::updateDepartment(const Department &d, qint64 nowMs)
{
    changed();
    m_db.cached(u"UPDATE departments SET code = ?, name_el = ?, name_en = ?, email = ?, active = ?, updated_ms = ? "
                u"WHERE id = ?"_s,
        {d.code, d.name.el, d.name.en, d.email, d.active ? 1 : 0, nowMs, d.id});
}

QList<Category> CatalogRepository::load(const QString &where, const QVariantList &values) const
{
    QList<Category> out;
    QHash<QString, qsizetype> index;
    {
        CachedQuery q
            = m_db.cached(u"SELECT code, name_el, name_en, description_el, description_en, group_el, group_en, "
                          u"keywords, department_id, active, moderated, kind, icon, sla_days FROM categories "_s
                    + where + u" ORDER BY sort_order, name_el"_s,
                values);
        while (q.next()) {
            Category c;
            c.code = q.value(0).toString();
            c.name = {q.value(1).toString(), q.value(2).toString()};
            c.description = {q.value(3).toString(), q.value(4).toString()};
            c.group = {q.value(5).toString(), q.value(6).toString()};
            c.keywords = q.value(7).toString().split(u',', Qt::SkipEmptyParts);
            c.departmentId = q.value(8).toLongLong();
            c.active = q.value(9).toInt() != 0;
            c.moderated = q.value(10).toInt() != 0;
            c.kind = categoryKindFromString(q.value(11).toString()).value_or(CategoryKind::Problem);
            c.icon = q.value(12).toString();
            c.slaDays = q.value(13).toInt();
            index.insert(c.code, out.size());
            out.append(c);
        }
    }
    if (out.isEmpty())
        return out;
    QString attrWhere;
    QVariantList attrValues;
    if (out.size() == 1) {
        attrWhere = u" WHERE category_code = ?"_s;
        attrValues = {out.first().code};
    }
    CachedQuery a
        = m_db.cached(u"SELECT category_code, code, datatype, variable, required, sort_order, description_el, "
                      u"description_en, datatype_description_el, datatype_description_en, value_options "
                      u"FROM category_attributes"_s
                + attrWhere + u" ORDER BY category_code, sort_order, code"_s,
            attrValues);
    {
        CachedQuery r = m_db.cached(u"SELECT category_code, title_el, title_en, text_el, text_en FROM "
                                    u"category_responses"_s
                + attrWhere + u" ORDER BY category_code, sort_order, id"_s,
            attrValues);
        while (r.next()) {
            const auto it = index.constFind(r.value(0).toString());
            if (it != index.constEnd())
                out[*it].responses.append(CannedResponse{
                    {r.value(1).toString(), r.value(2).toString()}, {r.value(3).toString(), r.value(4).toString()}});
        }
    }
    while (a.next()) {
        const auto it = index.constFind(a.value(0).toString());
        if (it == index.constEnd())
            continue;
        AttributeDefinition d;
        d.code = a.value(1).toString();
        d.type = attributeTypeFromString(a.value(2).toString()).value_or(AttributeType::String);
        d.variable = a.value(3).toInt() != 0;
        d.required = a.value(4).toInt() != 0;
        d.order = a.value(5).toInt();
        d.description = {a.value(6).toString(), a.value(7).toString()};
        d.datatypeDescription = {a.value(8).toString(), a.value(9).toString()};
        for (const QJsonValue &v : QJsonDocument::fromJson(a.value(10).toString().toUtf8()).array()) {
            const QJsonObject o = v.toObject();
            d.values.append({o.value(u"key"_s).toString(), LocalizedText::fromJson(o.value(u"name"_s))});
        }
        out[*it].attributes.append(d);
    }
    return out;
}

QList<Category> CatalogRepository::categories(bool activeOnly) const
{
    const QList<Category> &all = snapshot().categories;
    if (!activeOnly)
        return all;
    QList<Category> out;
    for (const Category &c : all)
        if (c.active)
            out.append(c);
    return out;
}

std::optional<Category> CatalogRepository::category(const QString &code) const
{
    for (const Category &c : snapshot().categories)
        if (c.code == code)
            return c;
    return std::nullopt;
}

void CatalogRepository::writeAttributes(const Category &c)
{
    m_db.cached(u"DELETE FROM category_responses WHERE category_code = ?"_s, {c.code});
    int order = 0;
    for (const CannedResponse &r : c.responses)
        m_db.cached(u"INSERT INTO category_responses (category_code, sort_order, title_el, title_en, text_el, text_en) "
                    u"VALUES (?, ?, ?, ?, ?, ?)"_s,
            {c.code, order++, r.title.el, r.title.en, r.text.el, r.text.en});
    m_db.cached(u"DELETE FROM category_attributes WHERE category_code = ?"_s, {c.code});
    for (const AttributeDefinition &d : c.attributes) {
        QJsonArray options;
        for (const AttributeOption &o : d.values)
            options.append(QJsonObject{{u"key"_s, o.key}, {u"name"_s, o.name.toJson()}});
        m_db.cached(u"INSERT INTO category_attributes (category_code, code, datatype, variable, required, sort_order, "
                    u"description_el, description_en, datatype_description_el, datatype_description_en, value_options) "
                    u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
            {c.code, d.code, attributeTypeToString(d.type), d.variable ? 1 : 0, d.required ? 1 : 0, d.order,
                d.description.el, d.description.en, d.datatypeDescription.el, d.datatypeDescription.en,
                QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact))});
    }
}

void CatalogRepository::insertCategory(const Category &c, qint64 nowMs)
{
    m_db.transaction([&] {
        changed();
        m_db.cached(
            u"INSERT INTO categories (code, name_el, name_en, description_el, description_en, group_el, group_en, "
            u"keywords, department_id, active, moderated, kind, icon, sla_days, created_ms, updated_ms) "
            u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
            {c.code, c.name.el, c.name.en, c.description.el, c.description.en, c.group.el, c.group.en,
                c.keywords.join(u','), c.departmentId > 0 ? QVariant(c.departmentId) : QVariant(), c.active ? 1 : 0,
                c.moderated ? 1 : 0, categoryKindToString(c.kind), c.icon, c.slaDays, nowMs, nowMs});
        writeAttributes(c);
    });
}

void CatalogRepository::updateCategory(const Category &c, qint64 nowMs)
{
    m_db.transaction([&] {
        changed();
        m_db.cached(u"UPDATE categories SET name_el = ?, name_en = ?, description_el = ?, description_en = ?, "
                    u"group_el = ?, group_en = ?, keywords = ?, department_id = ?, active = ?, moderated = ?, "
                    u"kind = ?, icon = ?, sla_days = ?, updated_ms = ? WHERE code = ?"_s,
            {c.name.el, c.name.en, c.description.el, c.description.en, c.group.el, c.group.en, c.keywords.join(u','),
                c.departmentId > 0 ? QVariant(c.departmentId) : QVariant(), c.active ? 1 : 0, c.moderated ? 1 : 0,
                categoryKindToString(c.kind), c.icon, c.slaDays, nowMs, c.code});
        writeAttributes(c);
    });
}

} // namespace dimos
