// libFuzzer target for the GeoJSON reader of municipal boundaries (shared/geo/Boundary), which an
// administrator uploads and the daemon loads at start.
//
// Input: GeoJSON. A refusal must say why; an accepted boundary has finite, ordered bounds, and
// point tests (inside, outside, on the bounds, at non-finite coordinates) answer without crashing.

#include <cmath>
#include <limits>

#include "shared/geo/Boundary.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    const std::optional<dimos::Boundary> b = dimos::Boundary::fromGeoJson(dimos::fuzz::bytes(data, size), &error);
    if (!b) {
        FUZZ_REQUIRE(!error.isEmpty());
        return 0;
    }
    const dimos::LatLonBox box = b->bounds();
    FUZZ_REQUIRE(std::isfinite(box.minLat) && std::isfinite(box.maxLat) && std::isfinite(box.minLon)
        && std::isfinite(box.maxLon));
    FUZZ_REQUIRE(box.minLat <= box.maxLat && box.minLon <= box.maxLon);
    const auto [lat, lon] = b->interiorPoint();
    FUZZ_REQUIRE(std::isfinite(lat) && std::isfinite(lon));
    // Outside the bounding box is outside the boundary.
    FUZZ_REQUIRE(!b->contains(box.maxLat + 1, box.maxLon + 1));
    FUZZ_REQUIRE(!b->contains(box.minLat - 1, box.minLon - 1));
    b->contains(box.minLat, box.minLon);
    b->contains((box.minLat + box.maxLat) / 2, (box.minLon + box.maxLon) / 2);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    FUZZ_REQUIRE(!b->contains(nan, lon));
    FUZZ_REQUIRE(!b->contains(lat, inf));
    return 0;
}
