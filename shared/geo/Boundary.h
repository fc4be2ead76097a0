#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace dimos {

struct LatLonBox
{
    double minLat = 0, minLon = 0, maxLat = 0, maxLon = 0;
};

// A municipal boundary (a GeoJSON Polygon / MultiPolygon or a FeatureCollection of them,
// lon/lat) with a GEOS prepared geometry for fast point-in-polygon tests.
class Boundary final
{
public:
    ~Boundary();
    Boundary(Boundary &&) noexcept;
    Boundary &operator=(Boundary &&) noexcept;

    // Reads GeoJSON; on failure returns nothing and sets *error to a message that says what
    // was wrong with the file.
    static std::optional<Boundary> fromGeoJson(const QByteArray &json, QString *error);

    bool contains(double lat, double lon) const;
    LatLonBox bounds() const { return m_bounds; }
    // A point well inside the boundary (for demo data and defaults).
    std::pair<double, double> interiorPoint() const;

private:
    Boundary();
    struct Geos;
    std::unique_ptr<Geos> d;
    LatLonBox m_bounds;
};

} // namespace dimos
