// libFuzzer target for the one message a live-stream client sends: the hello
// (server/live/LiveHello), which names the token, the seq to resume after and the filters.
//
// Input: the text of a WebSocket message. Besides crashes, checks that a refusal always says
// why, that an accepted hello's values keep the promises LiveHub relies on (since ≥ -1), and
// that writing an accepted hello back out as JSON and parsing it again gives the same hello.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "server/live/LiveHello.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Qt::StringLiterals;
using namespace dimos;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    QString error;
    const std::optional<LiveHello> hello = LiveHello::parse(input, &error);
    if (!hello) {
        FUZZ_REQUIRE(!error.isEmpty());
        return 0;
    }
    FUZZ_REQUIRE(hello->since >= -1);

    QJsonArray departments;
    for (qint64 d : hello->departments)
        departments.append(double(d));
    QJsonArray categories;
    for (const QString &c : hello->categories)
        categories.append(c);
    const QJsonObject again{{u"type"_s, u"hello"_s}, {u"token"_s, hello->token}, {u"since"_s, double(hello->since)},
        {u"departments"_s, departments}, {u"categories"_s, categories}};
    QString againError;
    const std::optional<LiveHello> reparsed
        = LiveHello::parse(QJsonDocument(again).toJson(QJsonDocument::Compact), &againError);
    FUZZ_REQUIRE(reparsed.has_value());
    FUZZ_REQUIRE(reparsed->token == hello->token);
    FUZZ_REQUIRE(reparsed->since == hello->since);
    FUZZ_REQUIRE(reparsed->departments == hello->departments);
    FUZZ_REQUIRE(reparsed->categories == hello->categories);
    return 0;
}
