#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace dimos {

// A text in both languages the platform speaks. Greek is the default.
struct LocalizedText
{
    QString el;
    QString en;

    // The text in `lang` ("el" or "en"), falling back to the other when empty.
    QString in(QStringView lang) const;
    bool isEmpty() const { return el.isEmpty() && en.isEmpty(); }
    QJsonObject toJson() const;
    static LocalizedText fromJson(const QJsonValue &value);
    bool operator==(const LocalizedText &) const = default;
};

// Open311 attribute datatypes (GeoReport v2 service definition).
enum class AttributeType { String, Number, Datetime, Text, SingleValueList, MultiValueList };
QString attributeTypeToString(AttributeType type);
std::optional<AttributeType> attributeTypeFromString(QStringView text);

struct AttributeOption
{
    QString key;
    LocalizedText name;
    bool operator==(const AttributeOption &) const = default;
};

// One field of a category's own form: an Open311 attribute.
struct AttributeDefinition
{
    QString code;
    AttributeType type = AttributeType::String;
    bool variable = true; // false: an informational text, not asked
    bool required = false;
    int order = 0;
    LocalizedText description; // the question
    LocalizedText datatypeDescription; // help text
    QList<AttributeOption> values;

    bool hasOption(QStringView key) const;
    QJsonObject toJson() const;
    static std::optional<AttributeDefinition> fromJson(const QJsonObject &o, QString *error);
    bool operator==(const AttributeDefinition &) const = default;
};

// A canned public note of a category: what staff pick instead of writing the same answer again.
struct CannedResponse
{
    LocalizedText title; // what the picker shows
    LocalizedText text; // the note itself
    QJsonObject toJson() const;
    bool operator==(const CannedResponse &) const = default;
};

// What a category is for. Citizens file reports in a problem category (it is an Open311
// service); staff publish information items (events, lost pets, tourism news) in an
// information category, which is never an Open311 service and takes no report.
enum class CategoryKind { Problem, Information };
QString categoryKindToString(CategoryKind kind);
std::optional<CategoryKind> categoryKindFromString(QStringView text);

// A category of report (an Open311 service) or of information items.
struct Category
{
    QString code;
    LocalizedText name;
    LocalizedText description;
    LocalizedText group;
    QStringList keywords;
    qint64 departmentId = 0;
    bool active = true;
    // Reports filed on the web pages: public once the citizen confirms by e-mail (false), or
    // only after a moderator approves them as well (true).
    bool moderated = false;
    CategoryKind kind = CategoryKind::Problem;
    QList<AttributeDefinition> attributes; // sorted by order
    QString icon; // a short name of the category's icon (e.g. "pothole"), empty: the default
    int slaDays = 0; // the service level: a report is due this many days after it is filed; 0: none
    QList<CannedResponse> responses; // in the order staff see them

    bool isInformation() const { return kind == CategoryKind::Information; }

    const AttributeDefinition *attribute(QStringView attributeCode) const;
    QJsonObject toJson() const;
    bool operator==(const Category &) const = default;
};

// Checks a category code (letters, digits, '-', '_'; 1–64 characters).
bool isValidCode(QStringView code);

// Validates the values a citizen gave for a category's attributes. `values` maps attribute
// code → list of values (one for single-valued attributes). Returns a human-readable error
// for the first problem, or nothing when all is well.
std::optional<QString> validateAttributeValues(
    const Category &category, const QList<std::pair<QString, QStringList>> &values);

} // namespace dimos
