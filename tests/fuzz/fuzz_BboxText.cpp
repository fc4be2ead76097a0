// libFuzzer target for the one bbox parser (shared/geo/BboxText) behind the web map, the staff
// API, the GIS routes and Open311's bbox extension.
//
// Input: the text of a bbox parameter. A box comes back only with no problem, inside the
// world, minimum first; written back with full precision it parses to the same box.

#include "shared/geo/BboxText.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace dimos;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    const BboxParse p = parseBboxText(text);
    FUZZ_REQUIRE(p.box.has_value() == (p.problem == BboxParse::Problem::None));
    if (!p.box)
        return 0;
    const LatLonBox &b = *p.box;
    FUZZ_REQUIRE(b.minLat <= b.maxLat && b.minLon <= b.maxLon);
    FUZZ_REQUIRE(b.minLat >= -90 && b.maxLat <= 90 && b.minLon >= -180 && b.maxLon <= 180);
    const QString again = QString::number(b.minLon, 'g', 17) + u',' + QString::number(b.minLat, 'g', 17) + u','
        + QString::number(b.maxLon, 'g', 17) + u',' + QString::number(b.maxLat, 'g', 17);
    const BboxParse q = parseBboxText(again);
    FUZZ_REQUIRE(q.box && q.box->minLat == b.minLat && q.box->minLon == b.minLon && q.box->maxLat == b.maxLat
        && q.box->maxLon == b.maxLon);
    return 0;
}
