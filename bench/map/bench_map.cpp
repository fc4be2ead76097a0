// The desktop map's repaint (bench/map/run drives it): a MapWidget offscreen, tiles off, the
// Serres boundary drawn, fed like the app feeds it (setReports), rendered into an image again
// and again while the view pans a few pixels per frame. One JSON line per scenario:
// per-frame median and p99, and how many markers (clusters + single reports) a frame draws.
//   bench_map [frames]
#include <QApplication>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>
#include <vector>

#include "client/map/MapWidget.h"
#include "client/map/WebMercator.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

constexpr double kMinLon = 23.2999, kMaxLon = 23.7359, kMinLat = 40.9566, kMaxLat = 41.3165;
const QSize kScreen(1280, 800);

struct Rng
{
    std::mt19937_64 engine{20250103};
    double uniform() { return double(engine() >> 11) * 0x1.0p-53; }
    double normal()
    {
        const double u = std::max(uniform(), 1e-300), v = uniform();
        return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * v);
    }
};

// Reports as they gather: 60 % around hot spots (half of them in the town), 40 % spread over the
// municipality's extent; seven statuses, twelve categories.
QList<Report> makeReports(int n)
{
    Rng rng;
    struct Spot
    {
        double lat, lon, sigma;
    };
    std::vector<Spot> spots;
    for (int i = 0; i < 400; ++i) {
        Spot s{};
        if (i % 2 == 0) {
            s.lat = 41.09 + 0.02 * rng.normal();
            s.lon = 23.55 + 0.025 * rng.normal();
        } else {
            s.lat = kMinLat + (kMaxLat - kMinLat) * rng.uniform();
            s.lon = kMinLon + (kMaxLon - kMinLon) * rng.uniform();
        }
        s.sigma = 0.0005 + 0.013 * rng.uniform() * rng.uniform();
        spots.push_back(s);
    }
    const QStringList categories{u"pothole"_s, u"streetlight"_s, u"garbage"_s, u"graffiti"_s, u"tree"_s, u"water"_s,
        u"sidewalk"_s, u"parking"_s, u"noise"_s, u"animal"_s, u"sign"_s, u"other"_s};
    QList<Report> reports;
    reports.reserve(n);
    for (int i = 0; i < n; ++i) {
        Report r;
        r.id = i + 1;
        if (rng.uniform() < 0.6) {
            const Spot &s = spots[size_t(rng.engine() % spots.size())];
            r.lat = s.lat + s.sigma * rng.normal();
            r.lon = s.lon + s.sigma * 1.33 * rng.normal();
        } else {
            r.lat = kMinLat + (kMaxLat - kMinLat) * rng.uniform();
            r.lon = kMinLon + (kMaxLon - kMinLon) * rng.uniform();
        }
        r.status = ReportStatus(rng.engine() % 7);
        r.serviceCode = categories[qsizetype(rng.engine() % categories.size())];
        reports.append(r);
    }
    return reports;
}

double percentile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(q * double(v.size())))];
}

// zoomStep: how much the zoom changes each frame (0: the view only pans).
QJsonObject scenario(
    MapWidget &map, const QString &name, int reports, double lat, double lon, double zoom, int frames, double zoomStep)
{
    map.centerOn(lat, lon, zoom);
    QImage image(kScreen, QImage::Format_ARGB32_Premultiplied);
    const QPointF start = WebMercator::toNormalized(lat, lon);
    const double world = 256.0 * std::pow(2.0, zoom);
    std::vector<double> times;
    double markers = 0;
    for (int f = -10; f < frames; ++f) { // ten warm-up frames (sprites, caches)
        // Pan 3 px a frame along a circle of 120 px, so every frame queries a new box.
        const double a = 2 * std::numbers::pi * f / 250.0;
        double la = 0, lo = 0;
        WebMercator::fromNormalized(start + QPointF(std::cos(a), std::sin(a)) * (120.0 / world), &la, &lo);
        map.centerOn(la, lo, zoom + zoomStep * std::max(f, 0));
        const auto t0 = std::chrono::steady_clock::now();
        map.render(&image);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (f < 0)
            continue;
        times.push_back(ms);
        if (f % 25 == 0)
            markers += double(map.index().query(map.currentBox(), map.clusterZoom()).size());
    }
    markers /= std::ceil(frames / 25.0);
    return QJsonObject{{u"scenario"_s, name}, {u"reports"_s, reports}, {u"zoom"_s, zoom},
        {u"cluster_zoom"_s, map.clusterZoom()}, {u"frames"_s, frames}, {u"zooming"_s, zoomStep != 0},
        {u"p50_ms"_s, percentile(times, 0.5)}, {u"p99_ms"_s, percentile(times, 0.99)}, {u"markers"_s, markers}};
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int frames = argc > 1 ? std::max(50, atoi(argv[1])) : 500;
    QFile boundary(QStringLiteral(DIMOS_SOURCE_DIR "/resources/demo/serres-boundary.geojson"));
    if (!boundary.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(boundary.fileName()));
        return 2;
    }
    const QByteArray boundaryJson = boundary.readAll();

    const auto run = [&](int n, const QList<std::tuple<QString, double, double>> &views) {
        MapWidget map;
        map.setTilesEnabled(false);
        map.setAnimated(false);
        map.resize(kScreen);
        QString error;
        if (!map.setBoundaryGeoJson(boundaryJson, &error)) {
            std::fprintf(stderr, "boundary: %s\n", qPrintable(error));
            std::exit(2);
        }
        const QList<Report> reports = makeReports(n);
        const auto t0 = std::chrono::steady_clock::now();
        map.setReports(reports);
        const double loadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        std::printf("%s\n",
            QJsonDocument(QJsonObject{{u"scenario"_s, u"load"_s}, {u"reports"_s, n}, {u"ms"_s, loadMs}})
                .toJson(QJsonDocument::Compact)
                .constData());
        for (const auto &[name, zoom, step] : views) {
            const QJsonObject result = scenario(map, name, n, 41.09, 23.55, zoom, frames, step);
            std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
            std::fflush(stdout);
        }
    };
    run(1'000'000,
        {{u"1M reports, whole municipality, zoom 11 (clustered)"_s, 11.0, 0.0},
            {u"1M reports, town, zoom 14 (clustered)"_s, 14.0, 0.0},
            {u"1M reports, streets, zoom 17.5 (clustered)"_s, 17.5, 0.0},
            {u"1M reports, zooming 12 → 14 while panning (clustered)"_s, 12.0, 2.0 / frames}});
    run(100'000,
        {{u"100k reports, streets, zoom 18 (unclustered)"_s, 18.0, 0.0},
            {u"100k reports, town, zoom 14 (clustered)"_s, 14.0, 0.0}});
    return 0;
}
