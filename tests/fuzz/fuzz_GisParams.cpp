// libFuzzer target for the query parameters of the GIS reads (server/api/GisParams):
// /api/v1/layers/{code}/features.geojson?bbox=&zoom= and /api/v1/whatishere?lat=&lon=&tolerance=.
//
// Input: a query string. Each parser either returns values within the documented ranges or
// throws ApiError BadRequest with a message; anything else (another exception, a crash, a value
// out of range) is a finding.

#include <cmath>

#include "server/api/GisParams.h"
#include "server/http/ApiError.h"
#include "server/http/HttpTypes.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace dimos;

namespace {

template <typename F> void attempt(F &&f)
{
    try {
        f();
    } catch (const ApiError &e) {
        FUZZ_REQUIRE(!e.message.isEmpty());
        FUZZ_REQUIRE(e.kind == ApiError::Kind::BadRequest);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto query = parseQueryString(fuzz::bytes(data, size));
    attempt([&] {
        const GisFeaturesQuery q = gisFeaturesQuery(query);
        if (q.bbox) {
            const LatLonBox &b = *q.bbox;
            FUZZ_REQUIRE(std::isfinite(b.minLat) && std::isfinite(b.maxLat) && std::isfinite(b.minLon)
                && std::isfinite(b.maxLon));
            FUZZ_REQUIRE(b.minLat <= b.maxLat && b.minLon <= b.maxLon);
            FUZZ_REQUIRE(b.minLat >= -90 && b.maxLat <= 90 && b.minLon >= -180 && b.maxLon <= 180);
        }
        if (q.zoom)
            FUZZ_REQUIRE(*q.zoom >= 0 && *q.zoom <= kGisMaxZoom);
    });
    attempt([&] {
        const GisPointQuery q = gisPointQuery(query);
        FUZZ_REQUIRE(std::isfinite(q.lat) && std::fabs(q.lat) <= 90);
        FUZZ_REQUIRE(std::isfinite(q.lon) && std::fabs(q.lon) <= 180);
        FUZZ_REQUIRE(q.toleranceMeters >= 1 && q.toleranceMeters <= kGisMaxToleranceMeters);
    });
    return 0;
}
