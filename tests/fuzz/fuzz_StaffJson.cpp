// libFuzzer target for the JSON decoders of the staff REST API: the request-body reader and its
// field readers (server/api/ApiHelpers), the report and history decoders the desktop app uses
// (shared/domain/ReportJson), and the category parts (LocalizedText, AttributeDefinition) that
// POST/PATCH /api/v1/categories decode. Whole request handlers, with their database, are
// fuzzed by fuzz_Api.
//
// Input: a JSON document. Besides crashes, checks that decoding what was encoded gives the
// same JSON again (decode ∘ encode is stable) and that every refusal carries a message.

#include <QJsonArray>
#include <QJsonDocument>

#include "server/api/ApiHelpers.h"
#include "server/http/ApiError.h"
#include "shared/domain/Category.h"
#include "shared/domain/ReportJson.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

template <typename F> void attempt(F &&f)
{
    try {
        f();
    } catch (const ApiError &e) {
        FUZZ_REQUIRE(!e.message.isEmpty());
    }
}

void decodeObject(const QJsonObject &o)
{
    if (const auto r = reportFromStaffJson(o)) {
        const QJsonObject once = reportToStaffJson(*r, true);
        const auto again = reportFromStaffJson(once);
        FUZZ_REQUIRE(again.has_value());
        const QJsonObject twice = reportToStaffJson(*again, true);
        if (twice != once)
            std::fprintf(stderr, "once:  %s\ntwice: %s\n",
                QJsonDocument(once).toJson(QJsonDocument::Compact).constData(),
                QJsonDocument(twice).toJson(QJsonDocument::Compact).constData());
        FUZZ_REQUIRE(twice == once);
    }
    if (const auto h = historyFromJson(o)) {
        const QJsonObject once = historyToJson(*h);
        const auto again = historyFromJson(once);
        FUZZ_REQUIRE(again.has_value());
        FUZZ_REQUIRE(historyToJson(*again) == once);
    }
    QString error;
    if (const auto def = AttributeDefinition::fromJson(o, &error)) {
        QString again;
        const auto back = AttributeDefinition::fromJson(def->toJson(), &again);
        FUZZ_REQUIRE(back.has_value());
        FUZZ_REQUIRE(*back == *def);
    } else {
        FUZZ_REQUIRE(!error.isEmpty());
    }
    for (const QString &key : o.keys()) {
        const LocalizedText text = LocalizedText::fromJson(o.value(key));
        FUZZ_REQUIRE(LocalizedText::fromJson(text.toJson()) == text);
        attempt([&] { requireInt(o, key); });
        attempt([&] {
            if (const auto v = optionalInt(o, key))
                FUZZ_REQUIRE(*v >= -9'000'000'000'000'000 && *v <= 9'000'000'000'000'000);
        });
        attempt([&] { FUZZ_REQUIRE(optionalString(o, key, 64).size() <= 64); });
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    HttpRequest request;
    request.headers.append({"content-type"_ba, "application/json"_ba});
    request.body = fuzz::bytes(data, size);
    QJsonObject body;
    try {
        body = jsonBody(request);
    } catch (const ApiError &e) {
        FUZZ_REQUIRE(!e.message.isEmpty());
        // A top-level array of objects still feeds the decoders (lists of reports and attributes).
        const QJsonDocument doc = QJsonDocument::fromJson(request.body);
        for (const QJsonValue &v : doc.array())
            decodeObject(v.toObject());
        return 0;
    }
    decodeObject(body);
    for (const QJsonValue &v : body)
        if (v.isObject())
            decodeObject(v.toObject());
        else if (v.isArray())
            for (const QJsonValue &item : v.toArray())
                decodeObject(item.toObject());
    return 0;
}
