// The clustering benchmark's Dimos side (bench/cluster/run drives it, alternating with
// supercluster.mjs):
//   bench_cluster generate <dir>   writes points.bin and viewports.bin (seeded, see below)
//   bench_cluster radius <dir>     RadiusClusterIndex: build time, viewport query latencies,
//                                  items per zoom over the whole world — one JSON line
//   bench_cluster grid <dir>       the grid ClusterIndex the desktop map uses, same points
//   bench_cluster radius-build <dir> [n]  only n (default 1) RadiusClusterIndex builds, each
//                                  one's wall and CPU time: for profilers (perf, callgrind)
// points.bin: N × (lon, lat) float64 little-endian, ids are 1..N in file order.
// viewports.bin: M × (zoom, minLon, minLat, maxLon, maxLat) float64: 1024×768-pixel screens
// (256-px tiles) at zooms 8..17 centred on random points of the data.
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <numbers>
#include <random>
#include <vector>

#include "shared/geo/ClusterIndex.h"
#include "shared/geo/RadiusClusterIndex.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

constexpr int kPoints = 1'000'000;
constexpr int kViewports = 2000;
constexpr quint64 kSeed = 20250101;
// The Serres municipality's extent (resources/demo/serres-boundary.geojson).
constexpr double kMinLon = 23.2999, kMaxLon = 23.7359, kMinLat = 40.9566, kMaxLat = 41.3165;

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Portable uniform doubles and normals from one 64-bit generator (the distributions of the
// standard library differ between implementations; the file is what both sides read anyway).
struct Rng
{
    std::mt19937_64 engine{kSeed};
    double uniform() { return double(engine() >> 11) * 0x1.0p-53; }
    double normal()
    {
        const double u = std::max(uniform(), 1e-300), v = uniform();
        return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * v);
    }
};

bool writeFile(const QString &path, const std::vector<double> &values)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    const auto bytes = qint64(values.size() * sizeof(double));
    return f.write(reinterpret_cast<const char *>(values.data()), bytes) == bytes;
}

std::vector<double> readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s: run `bench_cluster generate <dir>` first\n", qPrintable(path));
        std::exit(2);
    }
    const QByteArray data = f.readAll();
    std::vector<double> values(size_t(data.size()) / sizeof(double));
    std::memcpy(values.data(), data.constData(), values.size() * sizeof(double));
    return values;
}

double mercatorY(double lat)
{
    const double s = std::sin(lat * std::numbers::pi / 180);
    return 0.5 - 0.25 * std::log((1 + s) / (1 - s)) / std::numbers::pi;
}

double latOfY(double y)
{
    return std::atan(std::sinh(std::numbers::pi * (1 - 2 * y))) * 180 / std::numbers::pi;
}

int generate(const QString &dir)
{
    Rng rng;
    // Reports gather: 60 % around 400 hot spots (more of them near the town centre, spreads of
    // 50 m to 1.5 km), 40 % spread evenly over the municipality's extent.
    struct Spot
    {
        double lat, lon, sigma;
    };
    std::vector<Spot> spots;
    for (int i = 0; i < 400; ++i) {
        Spot s;
        if (i % 2 == 0) { // the town
            s.lat = 41.09 + 0.02 * rng.normal();
            s.lon = 23.55 + 0.025 * rng.normal();
        } else {
            s.lat = kMinLat + (kMaxLat - kMinLat) * rng.uniform();
            s.lon = kMinLon + (kMaxLon - kMinLon) * rng.uniform();
        }
        s.sigma = 0.0005 + 0.013 * rng.uniform() * rng.uniform();
        spots.push_back(s);
    }
    std::vector<double> points;
    points.reserve(2 * kPoints);
    for (int i = 0; i < kPoints; ++i) {
        double lat = 0, lon = 0;
        if (rng.uniform() < 0.6) {
            const Spot &s = spots[size_t(rng.engine() % spots.size())];
            lat = s.lat + s.sigma * rng.normal();
            lon = s.lon + s.sigma * 1.33 * rng.normal();
        } else {
            lat = kMinLat + (kMaxLat - kMinLat) * rng.uniform();
            lon = kMinLon + (kMaxLon - kMinLon) * rng.uniform();
        }
        points.push_back(lon);
        points.push_back(lat);
    }
    std::vector<double> viewports;
    for (int i = 0; i < kViewports; ++i) {
        const int zoom = 8 + int(rng.engine() % 10);
        const size_t p = size_t(rng.engine() % kPoints);
        const double cx = points[2 * p] / 360 + 0.5, cy = mercatorY(points[2 * p + 1]);
        const double world = 256.0 * std::ldexp(1.0, zoom);
        const double hw = 512 / world, hh = 384 / world;
        viewports.insert(viewports.end(),
            {double(zoom), (cx - hw - 0.5) * 360, latOfY(cy + hh), (cx + hw - 0.5) * 360, latOfY(cy - hh)});
    }
    if (!writeFile(dir + u"/points.bin"_s, points) || !writeFile(dir + u"/viewports.bin"_s, viewports)) {
        std::fprintf(stderr, "cannot write into %s\n", qPrintable(dir));
        return 2;
    }
    return 0;
}

double percentile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(q * double(v.size())))];
}

template <typename Index> int measure(const QString &dir, const QString &which, Index &index, int maxZoom)
{
    const std::vector<double> raw = readFile(dir + u"/points.bin"_s);
    const std::vector<double> views = readFile(dir + u"/viewports.bin"_s);
    QList<GeoPoint> points;
    points.reserve(qsizetype(raw.size() / 2));
    for (size_t i = 0; i < raw.size() / 2; ++i)
        points.append({qint64(i + 1), raw[2 * i + 1], raw[2 * i]});

    const auto t0 = Clock::now();
    index.build(points);
    const double buildMs = msSince(t0);

    const size_t nViews = views.size() / 5;
    const auto boxOf = [&](size_t i) {
        return LatLonBox{views[5 * i + 2], views[5 * i + 1], views[5 * i + 4], views[5 * i + 3]};
    };
    qint64 checksum = 0;
    for (size_t i = 0; i < nViews; ++i) // warm-up pass, as the JavaScript side gets for its JIT
        checksum += index.query(boxOf(i), int(views[5 * i])).size();
    std::vector<double> latencies;
    latencies.reserve(nViews);
    qint64 returned = 0;
    for (size_t i = 0; i < nViews; ++i) {
        const auto q0 = Clock::now();
        const QList<Cluster> got = index.query(boxOf(i), int(views[5 * i]));
        latencies.push_back(std::chrono::duration<double, std::micro>(Clock::now() - q0).count());
        returned += got.size();
    }
    QJsonArray counts;
    for (int z = 0; z <= maxZoom + 1; ++z)
        counts.append(qint64(index.query(LatLonBox{-90, -180, 90, 180}, z).size()));
    QJsonObject out{{u"impl"_s, which}, {u"points"_s, qint64(points.size())}, {u"build_ms"_s, buildMs},
        {u"query_p50_us"_s, percentile(latencies, 0.5)}, {u"query_p99_us"_s, percentile(latencies, 0.99)},
        {u"query_mean_items"_s, double(returned) / double(nViews)}, {u"counts"_s, counts}, {u"checksum"_s, checksum}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}

double cpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// The build alone, without the queries; the CPU time is less disturbed than the wall time by
// other processes on a busy machine (not by their use of the shared caches, though).
int buildOnly(const QString &dir, int times)
{
    const std::vector<double> raw = readFile(dir + u"/points.bin"_s);
    QList<GeoPoint> points;
    points.reserve(qsizetype(raw.size() / 2));
    for (size_t i = 0; i < raw.size() / 2; ++i)
        points.append({qint64(i + 1), raw[2 * i + 1], raw[2 * i]});
    for (int i = 0; i < times; ++i) {
        RadiusClusterIndex index;
        const auto t0 = Clock::now();
        const double c0 = cpuMs();
        index.build(points);
        const double cpu = cpuMs() - c0, wall = msSince(t0);
        std::printf("{\"build_ms\":%.1f,\"build_cpu_ms\":%.1f,\"items_z16\":%lld}\n", wall, cpu,
            static_cast<long long>(index.itemCount(16)));
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 4 && args[1] == u"radius-build")
        return buildOnly(args[2], std::max(1, args[3].toInt()));
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: bench_cluster generate|radius|grid|radius-build <dir>\n");
        return 2;
    }
    if (args[1] == u"radius-build")
        return buildOnly(args[2], 1);
    if (args[1] == u"generate")
        return generate(args[2]);
    if (args[1] == u"radius") {
        RadiusClusterIndex index; // supercluster's defaults: radius 40, extent 512, zooms 0..16
        return measure(args[2], u"RadiusClusterIndex"_s, index, index.options().maxZoom);
    }
    if (args[1] == u"grid") {
        ClusterIndex index; // what MapWidget uses: radius 60 px of 256-px tiles, zooms 0..17
        return measure(args[2], u"ClusterIndex"_s, index, index.maxZoom());
    }
    std::fprintf(stderr, "unknown mode %s\n", argv[1]);
    return 2;
}
