// The point-in-polygon benchmark's Dimos side (bench/geo/run drives it, alternating with
// PostGIS):
//   bench_geo generate <dir>   writes areas.geojson (50 seeded star polygons over the Serres
//                              municipality's extent, overlapping, 12–48 vertices, some with a
//                              hole), points.bin (1M × lon, lat float64) and points.csv (the
//                              same, for COPY)
//   bench_geo run <dir>        AreaIndex over every point, one thread: time and points per area,
//                              one JSON line
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numbers>
#include <random>
#include <vector>

#include "shared/geo/AreaIndex.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

constexpr int kPoints = 1'000'000;
constexpr int kAreas = 50;
constexpr quint64 kSeed = 20250102;
constexpr double kMinLon = 23.2999, kMaxLon = 23.7359, kMinLat = 40.9566, kMaxLat = 41.3165;

struct Rng
{
    std::mt19937_64 engine{kSeed};
    double uniform() { return double(engine() >> 11) * 0x1.0p-53; }
};

QJsonArray ring(Rng &rng, double cx, double cy, double radius, double minShare, bool clockwise)
{
    QJsonArray out;
    const int n = 12 + int(rng.engine() % 37);
    std::vector<double> angles;
    for (int i = 0; i < n; ++i)
        angles.push_back(2 * std::numbers::pi * (i + 0.9 * rng.uniform()) / n);
    if (clockwise)
        std::reverse(angles.begin(), angles.end());
    for (double a : angles) {
        const double r = radius * (minShare + (1 - minShare) * rng.uniform());
        // Degrees of longitude are shorter than of latitude here: keep the shapes round on the map.
        out.append(QJsonArray{cx + 1.32 * r * std::cos(a), cy + r * std::sin(a)});
    }
    out.append(out.first());
    return out;
}

int generate(const QString &dir)
{
    Rng rng;
    QJsonArray features;
    for (int i = 0; i < kAreas; ++i) {
        const double cx = kMinLon + (kMaxLon - kMinLon) * rng.uniform();
        const double cy = kMinLat + (kMaxLat - kMinLat) * rng.uniform();
        const double radius = 0.02 + 0.05 * rng.uniform(); // about 2–8 km
        QJsonArray rings{ring(rng, cx, cy, radius, 0.5, false)};
        if (i % 5 == 0) // a hole well inside the shell's smallest radius
            rings.append(ring(rng, cx, cy, radius * 0.3, 0.6, true));
        features.append(QJsonObject{{u"type"_s, u"Feature"_s}, {u"id"_s, u"area-%1"_s.arg(i, 2, 10, QChar(u'0'))},
            {u"properties"_s, QJsonObject{}},
            {u"geometry"_s, QJsonObject{{u"type"_s, u"Polygon"_s}, {u"coordinates"_s, rings}}}});
    }
    QFile areas(dir + u"/areas.geojson"_s);
    if (!areas.open(QIODevice::WriteOnly))
        return 2;
    areas.write(QJsonDocument(QJsonObject{{u"type"_s, u"FeatureCollection"_s}, {u"features"_s, features}})
                    .toJson(QJsonDocument::Compact));

    std::vector<double> points;
    points.reserve(2 * kPoints);
    QByteArray csv;
    csv.reserve(kPoints * 40);
    for (int i = 0; i < kPoints; ++i) {
        const double lon = kMinLon + (kMaxLon - kMinLon) * rng.uniform();
        const double lat = kMinLat + (kMaxLat - kMinLat) * rng.uniform();
        points.push_back(lon);
        points.push_back(lat);
        csv += QByteArray::number(lon, 'g', 17) + ',' + QByteArray::number(lat, 'g', 17) + '\n';
    }
    QFile bin(dir + u"/points.bin"_s), text(dir + u"/points.csv"_s);
    if (!bin.open(QIODevice::WriteOnly) || !text.open(QIODevice::WriteOnly))
        return 2;
    bin.write(reinterpret_cast<const char *>(points.data()), qint64(points.size() * sizeof(double)));
    text.write(csv);
    return 0;
}

int run(const QString &dir)
{
    QFile areas(dir + u"/areas.geojson"_s), bin(dir + u"/points.bin"_s);
    if (!areas.open(QIODevice::ReadOnly) || !bin.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "run `bench_geo generate %s` first\n", qPrintable(dir));
        return 2;
    }
    QString error;
    const std::optional<AreaIndex> index = AreaIndex::fromGeoJson(areas.readAll(), &error);
    if (!index) {
        std::fprintf(stderr, "areas.geojson: %s\n", qPrintable(error));
        return 2;
    }
    const QByteArray raw = bin.readAll();
    std::vector<double> points(size_t(raw.size()) / sizeof(double));
    std::memcpy(points.data(), raw.constData(), points.size() * sizeof(double));

    std::vector<qint64> counts(size_t(index->size()), 0);
    QList<qsizetype> found;
    const auto t0 = std::chrono::steady_clock::now();
    for (size_t i = 0; i < points.size() / 2; ++i) {
        index->areasAt(points[2 * i + 1], points[2 * i], &found);
        for (qsizetype a : std::as_const(found))
            ++counts[size_t(a)];
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    QJsonObject perArea;
    for (qsizetype a = 0; a < index->size(); ++a)
        perArea.insert(index->id(a), counts[size_t(a)]);
    const QJsonObject out{
        {u"impl"_s, u"AreaIndex"_s}, {u"ms"_s, ms}, {u"points"_s, qint64(points.size() / 2)}, {u"counts"_s, perArea}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 && args[1] == u"generate")
        return generate(args[2]);
    if (args.size() == 3 && args[1] == u"run")
        return run(args[2]);
    std::fprintf(stderr, "usage: bench_geo generate|run <dir>\n");
    return 2;
}
