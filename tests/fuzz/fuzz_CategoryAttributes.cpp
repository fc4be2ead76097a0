// libFuzzer target for the validation of the attribute values a citizen gives with a report
// (shared/domain/Category validateAttributeValues), against attribute definitions that are
// themselves decoded from JSON (AttributeDefinition::fromJson), as the staff API stores them.
//
// Input: a JSON array of attribute definitions on the first line, then one "code=value" per
// line. The validator is checked against the rules it documents, restated here: when it accepts,
// every code is a defined, asked attribute; single-valued ones have one value; numbers, dates
// and list keys are what they claim; every required attribute has a non-blank value.

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

#include "shared/domain/Category.h"
#include "shared/util/TimeFormat.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Qt::StringLiterals;
using namespace dimos;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> lines = fuzz::bytes(data, size).split('\n');
    Category category;
    category.code = u"fuzz"_s;
    for (const QJsonValue &v : QJsonDocument::fromJson(lines.first()).array()) {
        QString error;
        if (const auto def = AttributeDefinition::fromJson(v.toObject(), &error))
            category.attributes.append(*def);
        else
            FUZZ_REQUIRE(!error.isEmpty());
    }
    QList<std::pair<QString, QStringList>> values;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype eq = lines[i].indexOf('=');
        const QString code = QString::fromUtf8(lines[i].left(eq < 0 ? lines[i].size() : eq));
        const QString value = eq < 0 ? QString() : QString::fromUtf8(lines[i].mid(eq + 1));
        auto it = std::find_if(values.begin(), values.end(), [&](const auto &e) { return e.first == code; });
        if (it == values.end())
            values.append({code, {value}});
        else
            it->second.append(value);
    }

    const std::optional<QString> problem = validateAttributeValues(category, values);
    if (problem) {
        FUZZ_REQUIRE(!problem->isEmpty());
        return 0;
    }
    for (const auto &[code, given] : values) {
        const AttributeDefinition *def = category.attribute(code);
        FUZZ_REQUIRE(def && def->variable);
        FUZZ_REQUIRE(given.size() <= 1 || def->type == AttributeType::MultiValueList);
        for (const QString &v : given) {
            FUZZ_REQUIRE(v.size() <= 4000);
            const QString t = v.trimmed();
            if (def->type == AttributeType::Number && !t.isEmpty()) {
                bool ok = false;
                FUZZ_REQUIRE(std::isfinite(t.toDouble(&ok)) && ok);
            }
            if (def->type == AttributeType::Datetime && !t.isEmpty())
                FUZZ_REQUIRE(parseIsoDateTime(v).has_value());
            if (def->type == AttributeType::SingleValueList || def->type == AttributeType::MultiValueList)
                FUZZ_REQUIRE(def->hasOption(v));
        }
    }
    for (const AttributeDefinition &def : category.attributes) {
        if (!def.variable || !def.required)
            continue;
        auto it = std::find_if(values.begin(), values.end(), [&](const auto &e) { return e.first == def.code; });
        FUZZ_REQUIRE(it != values.end());
        FUZZ_REQUIRE(
            std::any_of(it->second.begin(), it->second.end(), [](const QString &v) { return !v.trimmed().isEmpty(); }));
    }
    return 0;
}
