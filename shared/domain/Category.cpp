#include "Category.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

QString LocalizedText::in(QStringView lang) const
{
    if (lang == u"en")
        return en.isEmpty() ? el : en;
    return el.isEmpty() ? en : el;
}

QJsonObject LocalizedText::toJson() const
{
    return QJsonObject{{u"el"_s, el}, {u"en"_s, en}};
}

LocalizedText LocalizedText::fromJson(const QJsonValue &value)
{
    if (value.isString())
        return {value.toString(), value.toString()};
    const QJsonObject o = value.toObject();
    return {o.value(u"el"_s).toString(), o.value(u"en"_s).toString()};
}

namespace {
constexpr std::pair<AttributeType, QStringView> kTypeNames[] = {
    {AttributeType::String, u"string"},
    {AttributeType::Number, u"number"},
    {AttributeType::Datetime, u"datetime"},
    {AttributeType::Text, u"text"},
    {AttributeType::SingleValueList, u"singlevaluelist"},
    {AttributeType::MultiValueList, u"multivaluelist"},
};
} // namespace

QString attributeTypeToString(AttributeType type)
{
    for (const auto &[t, name] : kTypeNames)
        if (t == type)
            return name.toString();
    return {};
}

std::optional<AttributeType> attributeTypeFromString(QStringView text)
{
    for (const auto &[t, name] : kTypeNames)
        if (name == text)
            return t;
    return std::nullopt;
}

QString categoryKindToString(CategoryKind kind)
{
    return kind == CategoryKind::Information ? u"information"_s : u"problem"_s;
}

std::optional<CategoryKind> categoryKindFromString(QStringView text)
{
    if (text == u"problem")
        return CategoryKind::Problem;
    if (text == u"information")
        return CategoryKind::Information;
    return std::nullopt;
}

bool AttributeDefinition::hasOption(QStringView key) const
{
    for (const auto &v : values)
        if (v.key == key)
            return true;
    return false;
}

QJsonObject AttributeDefinition::toJson() const
{
    QJsonArray vals;
    for (const auto &v : values)
        vals.append(QJsonObject{{u"key"_s, v.key}, {u"name"_s, v.name.toJson()}});
    return QJsonObject{
        {u"code"_s, code},
        {u"datatype"_s, attributeTypeToString(type)},
        {u"variable"_s, variable},
        {u"required"_s, required},
        {u"order"_s, order},
        {u"description"_s, description.toJson()},
        {u"datatype_description"_s, datatypeDescription.toJson()},
        {u"values"_s, vals},
    };
}

std::optional<AttributeDefinition> AttributeDefinition::fromJson(const QJsonObject &o, QString *error)
{
    AttributeDefinition a;
    a.code = o.value(u"code"_s).toString();
    if (!isValidCode(a.code)) {
        *error = u"attribute code \"%1\" is not valid: use 1–64 letters, digits, '-' or '_'"_s.arg(a.code);
        return std::nullopt;
    }
    const auto type = attributeTypeFromString(o.value(u"datatype"_s).toString());
    if (!type) {
        *error = u"attribute \"%1\": datatype must be one of string, number, datetime, text, "
                 u"singlevaluelist, multivaluelist"_s.arg(a.code);
        return std::nullopt;
    }
    a.type = *type;
    a.variable = o.value(u"variable"_s).toBool(true);
    a.required = o.value(u"required"_s).toBool(false);
    a.order = o.value(u"order"_s).toInt(0);
    a.description = LocalizedText::fromJson(o.value(u"description"_s));
    a.datatypeDescription = LocalizedText::fromJson(o.value(u"datatype_description"_s));
    for (const QJsonValue &v : o.value(u"values"_s).toArray()) {
        const QJsonObject vo = v.toObject();
        AttributeOption opt{vo.value(u"key"_s).toString(), LocalizedText::fromJson(vo.value(u"name"_s))};
        if (opt.key.isEmpty()) {
            *error = u"attribute \"%1\": every value needs a non-empty key"_s.arg(a.code);
            return std::nullopt;
        }
        a.values.append(opt);
    }
    const bool isList = a.type == AttributeType::SingleValueList || a.type == AttributeType::MultiValueList;
    if (isList && a.values.isEmpty()) {
        *error = u"attribute \"%1\": a %2 needs at least one value"_s.arg(a.code, attributeTypeToString(a.type));
        return std::nullopt;
    }
    if (a.description.isEmpty()) {
        *error = u"attribute \"%1\": a description (the question asked) is required"_s.arg(a.code);
        return std::nullopt;
    }
    return a;
}

const AttributeDefinition *Category::attribute(QStringView attributeCode) const
{
    for (const auto &a : attributes)
        if (a.code == attributeCode)
            return &a;
    return nullptr;
}

QJsonObject CannedResponse::toJson() const
{
    return QJsonObject{{u"title"_s, title.toJson()}, {u"text"_s, text.toJson()}};
}

QJsonObject Category::toJson() const
{
    QJsonArray attrs;
    for (const auto &a : attributes)
        attrs.append(a.toJson());
    QJsonArray canned;
    for (const auto &r : responses)
        canned.append(r.toJson());
    return QJsonObject{
        {u"code"_s, code},
        {u"name"_s, name.toJson()},
        {u"description"_s, description.toJson()},
        {u"group"_s, group.toJson()},
        {u"keywords"_s, QJsonArray::fromStringList(keywords)},
        {u"department_id"_s, departmentId},
        {u"active"_s, active},
        {u"moderated"_s, moderated},
        {u"kind"_s, categoryKindToString(kind)},
        {u"attributes"_s, attrs},
        {u"icon"_s, icon},
        {u"sla_days"_s, slaDays},
        {u"responses"_s, canned},
    };
}

bool isValidCode(QStringView code)
{
    // \z, not $: "$" also matches before a final newline, which would let "code\n" through.
    static const QRegularExpression re(u"\\A[A-Za-z0-9_-]{1,64}\\z"_s);
    return re.match(code.toString()).hasMatch();
}

std::optional<QString> validateAttributeValues(
    const Category &category, const QList<std::pair<QString, QStringList>> &values)
{
    auto find = [&](const QString &code) -> const QStringList * {
        for (const auto &[c, v] : values)
            if (c == code)
                return &v;
        return nullptr;
    };
    for (const auto &[code, vals] : values) {
        const AttributeDefinition *def = category.attribute(code);
        if (!def || !def->variable)
            return u"attribute \"%1\" is not defined for service \"%2\""_s.arg(code, category.code);
        if (vals.size() > 1 && def->type != AttributeType::MultiValueList)
            return u"attribute \"%1\" takes a single value, %2 were given"_s.arg(code).arg(vals.size());
        for (const QString &v : vals) {
            if (v.size() > 4000)
                return u"attribute \"%1\" is longer than 4000 characters"_s.arg(code);
            switch (def->type) {
            case AttributeType::Number: {
                bool ok = false;
                const double number = v.trimmed().toDouble(&ok);
                // toDouble() accepts "nan" and "inf", which no form means as a number.
                if ((!ok || !std::isfinite(number)) && !v.trimmed().isEmpty())
                    return u"attribute \"%1\" must be a number, got \"%2\""_s.arg(code, v.left(64));
                break;
            }
            case AttributeType::Datetime:
                if (!v.trimmed().isEmpty() && !parseIsoDateTime(v))
                    return u"attribute \"%1\" must be an ISO 8601 date-time such as 2024-05-19T10:00:00Z, got \"%2\""_s
                        .arg(code, v.left(64));
                break;
            case AttributeType::SingleValueList:
            case AttributeType::MultiValueList:
                if (!def->hasOption(v)) {
                    QStringList keys;
                    for (const auto &o : def->values)
                        keys.append(o.key);
                    return u"attribute \"%1\": \"%2\" is not one of the allowed values (%3)"_s.arg(
                        code, v.left(64), keys.join(u", "_s));
                }
                break;
            case AttributeType::String:
            case AttributeType::Text:
                break;
            }
        }
    }
    for (const auto &def : category.attributes) {
        if (!def.variable || !def.required)
            continue;
        const QStringList *given = find(def.code);
        bool empty = true; // no values, or only blank ones
        if (given)
            for (const QString &v : *given)
                empty = empty && v.trimmed().isEmpty();
        if (empty)
            return u"attribute \"%1\" (%2) is required for service \"%3\""_s.arg(
                def.code, def.description.en, category.code);
    }
    return std::nullopt;
}

} // namespace dimos
