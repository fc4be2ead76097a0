// libFuzzer target for the Open311 parameter parsing (server/open311/Open311Params): the query
// string and form body of GET/POST requests.{json,xml} and servicerequestupdates.
//
// Input: the query string, a newline, the Content-Type, a newline, the body. Every function
// either returns values within the documented ranges or throws ApiError with a message;
// anything else (another exception, a crash, a value out of range) is a finding.

#include <cmath>

#include "server/http/ApiError.h"
#include "server/http/HttpTypes.h"
#include "server/open311/Open311Params.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace dimos;

namespace {

constexpr qint64 kNowMs = 1'780'000'000'000; // 2026
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

template <typename F> bool attempt(F &&f)
{
    try {
        f();
        return true;
    } catch (const ApiError &e) {
        FUZZ_REQUIRE(!e.message.isEmpty());
        FUZZ_REQUIRE(e.kind == ApiError::Kind::Validation || e.kind == ApiError::Kind::BadRequest
            || e.kind == ApiError::Kind::PayloadTooLarge);
        return false;
    }
}

bool isFinite(double v)
{
    return std::isfinite(v);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> in = fuzz::parts(fuzz::bytes(data, size), '\n', 3);
    Open311Params p;
    if (!attempt([&] { p = Open311Params::fromParts(parseQueryString(in[0]), in[1], in[2]); }))
        return 0;
    // Lookups agree with the list they search.
    for (const auto &[name, value] : p.all()) {
        FUZZ_REQUIRE(p.has(name));
        FUZZ_REQUIRE(!p.value(name).isNull());
    }

    attempt([&] {
        const ReportQuery q = open311RequestsQuery(p, kNowMs);
        FUZZ_REQUIRE(q.limit >= 1 && q.limit <= kOpen311MaxPageSize);
        FUZZ_REQUIRE(q.offset >= 0);
        FUZZ_REQUIRE(q.ids.size() <= kOpen311MaxPageSize);
        if (q.requestedFromMs && q.requestedToMs) {
            FUZZ_REQUIRE(*q.requestedFromMs <= *q.requestedToMs);
            FUZZ_REQUIRE(*q.requestedToMs - *q.requestedFromMs <= 90 * kDayMs);
        }
        if (q.bbox) {
            FUZZ_REQUIRE(isFinite(q.bbox->minLat) && isFinite(q.bbox->maxLat) && isFinite(q.bbox->minLon)
                && isFinite(q.bbox->maxLon));
            FUZZ_REQUIRE(q.bbox->minLat <= q.bbox->maxLat && q.bbox->minLon <= q.bbox->maxLon);
        }
        if (q.circle) {
            FUZZ_REQUIRE(isFinite(q.circle->lat) && isFinite(q.circle->lon));
            FUZZ_REQUIRE(q.circle->radiusMeters > 0 && q.circle->radiusMeters <= 50'000);
        }
    });
    attempt([&] {
        const NewReport r = open311NewReport(p);
        FUZZ_REQUIRE(r.lat.has_value() == r.lon.has_value());
        if (r.lat)
            FUZZ_REQUIRE(isFinite(*r.lat) && isFinite(*r.lon));
        FUZZ_REQUIRE(r.description.size() <= kMaxDescription);
        for (const auto &[code, values] : r.attributes) {
            FUZZ_REQUIRE(!code.isEmpty() && code.size() <= 64);
            FUZZ_REQUIRE(!values.isEmpty());
        }
    });
    attempt([&] {
        const auto [from, to] = open311UpdatesWindow(p, kNowMs);
        FUZZ_REQUIRE(from <= to);
    });
    attempt([&] {
        const Open311Update u = open311Update(p);
        FUZZ_REQUIRE(!u.description.trimmed().isEmpty());
        FUZZ_REQUIRE(!u.actor.isEmpty() && u.actor.size() <= 128);
    });
    return 0;
}
