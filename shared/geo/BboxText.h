#pragma once

#include <QString>
#include <QStringView>

#include <optional>

#include "shared/geo/Boundary.h"

namespace dimos {

// A bounding box as every query string of Dimos writes it: "minLon,minLat,maxLon,maxLat"
// (west,south,east,north — GeoJSON's order) in WGS84 degrees. One parser for the web map, the
// staff API, the GIS routes and Open311's bbox extension; each caller turns a problem into its
// own error (kind and wording), so this stays free of HTTP. Fuzzed (tests/fuzz/fuzz_BboxText).
struct BboxParse
{
    enum class Problem {
        None,
        Missing, // no text at all (a null QString)
        NotFourNumbers, // not four comma-separated decimal numbers (no "nan", "inf", hex, or over 40 characters each)
        OutsideWorld, // a longitude beyond ±180 or a latitude beyond ±90
        MinAboveMax, // a minimum greater than its maximum
    };

    std::optional<LatLonBox> box;
    Problem problem = Problem::None;
};

BboxParse parseBboxText(const QString &text);

// A decimal number as written in a URL: ASCII digits, '.', a sign and an exponent only; finite;
// at most 40 characters. Surrounding spaces are allowed.
std::optional<double> parseUrlDecimal(QStringView text);

} // namespace dimos
