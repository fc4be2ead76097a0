#include "shared/geo/RadiusClusterIndex.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <utility>
#include <vector>

#include <QHash>

// Every zoom's items live in flat arrays (positions, counts, keys, parents) with a static
// KD-tree over them: one array of (x, y, item) records, arranged so that the median of each
// range on the axis of its depth sits in the middle of the range (std::nth_element, leaves of
// nodeSize records scanned linearly). No allocation per point or per item; a build does a few
// large vector allocations per zoom.

namespace dimos {

namespace {

constexpr int kMaxZoomSupported = 24;
constexpr int kMaxPixels = 65536;
constexpr qint32 kUntaken = -1;

double wrapLon(double lon)
{
    if (lon >= -180.0 && lon <= 180.0)
        return lon;
    if (!std::isfinite(lon))
        return 0;
    const double wrapped = std::fmod(lon + 180.0, 360.0);
    return (wrapped < 0 ? wrapped + 360.0 : wrapped) - 180.0;
}

double projectX(double lon)
{
    return wrapLon(lon) / 360.0 + 0.5;
}

// Not-a-number maps to 0 so that every item has a place in the tree.
double projectY(double lat)
{
    const double s = std::sin(lat * std::numbers::pi / 180.0);
    const double y = 0.5 - 0.25 * std::log((1 + s) / (1 - s)) / std::numbers::pi;
    if (!(y > 0))
        return 0;
    return y > 1 ? 1 : y;
}

double unprojectLon(double x)
{
    return (x - 0.5) * 360.0;
}

double unprojectLat(double y)
{
    return std::atan(std::sinh(std::numbers::pi * (1 - 2 * y))) * 180.0 / std::numbers::pi;
}

constexpr double kQuantum = 4294967296.0; // 2^32 steps across [0,1]

// Positions in the tree are quantised to 32 bits (about 0.01 px of a 512-px tile at zoom 16):
// half the bytes of doubles to stream through. The tree answers with a superset (a slack
// of two steps) and the callers decide with the exact positions.
quint32 quantize(double v)
{
    if (!(v > 0))
        return 0;
    const double scaled = v * kQuantum;
    return scaled >= kQuantum - 1 ? 0xFFFFFFFFu : static_cast<quint32>(scaled);
}

// A static 2-d tree (see the comment at the top). The records are kept as separate arrays
// (x, y, item, taken) so that a leaf scan reads only the coordinates. The subtrees are
// numbered like a heap (root 1, children 2k and 2k + 1) and the medians' positions are also
// kept in a small array by that number, so that a search walks down through a few hundred
// kilobytes that stay in cache instead of through the big arrays.
class KdTree
{
public:
    struct Record
    {
        quint32 x = 0, y = 0;
        qint32 item = 0;
    };

    void build(std::vector<Record> records, int nodeSize)
    {
        m_nodeSize = nodeSize;
        m_nodes.clear();
        const size_t n = records.size();
        if (n > 0) {
            std::vector<Frame> stack;
            stack.push_back({0, static_cast<qint32>(n) - 1, 0, 1});
            const auto byX = [](const Record &a, const Record &b) { return a.x < b.x; };
            const auto byY = [](const Record &a, const Record &b) { return a.y < b.y; };
            while (!stack.empty()) {
                const Frame f = stack.back();
                stack.pop_back();
                if (f.hi - f.lo <= m_nodeSize)
                    continue;
                const qint32 m = f.lo + (f.hi - f.lo) / 2;
                const auto first = records.begin() + f.lo;
                const auto nth = records.begin() + m;
                const auto last = records.begin() + f.hi + 1;
                if (f.axis == 0)
                    std::nth_element(first, nth, last, byX);
                else
                    std::nth_element(first, nth, last, byY);
                if (m_nodes.size() <= f.node)
                    m_nodes.resize(std::max<size_t>(2 * f.node + 2, 1024));
                m_nodes[f.node] = {records[static_cast<size_t>(m)].x, records[static_cast<size_t>(m)].y};
                stack.push_back({f.lo, m - 1, 1 - f.axis, 2 * f.node});
                stack.push_back({m + 1, f.hi, 1 - f.axis, 2 * f.node + 1});
            }
        }
        m_coords.resize(2 * n);
        m_items.resize(n);
        for (size_t i = 0; i < n; ++i) {
            m_coords[2 * i] = records[i].x;
            m_coords[2 * i + 1] = records[i].y;
            m_items[i] = records[i].item;
        }
        m_taken.clear();
    }

    void clear()
    {
        m_coords = {};
        m_items = {};
        m_nodes = {};
        m_taken = {};
    }

    qint32 item(qint32 position) const { return m_items[static_cast<size_t>(position)]; }

    // Calls fn(item) for every record that may lie within distance r of (x, y): all that do,
    // and some within two quantisation steps more.
    template <typename Fn> void within(double x, double y, double r, Fn &&fn) const
    {
        withinWhere(
            x, y, r, [](size_t) { return false; }, [&](qint32 position) { fn(item(position)); });
    }

    // The same for the clustering: records marked taken are left out, and the untaken
    // counts (see makeLive) let the search skip every subtree whose records are all taken.
    // fn gets the record's position, for take().
    template <typename Fn> void withinUntaken(double x, double y, double r, Fn &&fn) const
    {
        withinWhere(
            x, y, r, [&](size_t node) { return m_live[node] == 0; },
            [&](qint32 position) {
                if (!m_taken[static_cast<size_t>(position)])
                    fn(position);
            });
    }

    // Starts the clustering of this tree's items: nothing taken.
    void makeLive()
    {
        m_taken.assign(m_items.size(), 0);
        m_live.assign(2 * std::max<size_t>(m_nodes.size(), 1) + 2, 0);
        if (m_items.empty())
            return;
        std::vector<Frame> stack{{0, static_cast<qint32>(m_items.size()) - 1, 0, 1}};
        while (!stack.empty()) {
            const Frame f = stack.back();
            stack.pop_back();
            if (f.hi < f.lo)
                continue;
            m_live[f.node] = f.hi - f.lo + 1;
            if (f.hi - f.lo <= m_nodeSize)
                continue;
            const qint32 m = f.lo + (f.hi - f.lo) / 2;
            stack.push_back({f.lo, m - 1, 0, 2 * f.node});
            stack.push_back({m + 1, f.hi, 0, 2 * f.node + 1});
        }
    }

    void endLive()
    {
        m_taken = {};
        m_live = {};
    }

    // Marks the record at `position` taken and counts it in every subtree that holds it.
    void take(qint32 position)
    {
        m_taken[static_cast<size_t>(position)] = 1;
        qint32 lo = 0, hi = static_cast<qint32>(m_items.size()) - 1;
        size_t node = 1;
        for (;;) {
            --m_live[node];
            if (hi - lo <= m_nodeSize)
                return;
            const qint32 m = lo + (hi - lo) / 2;
            if (position == m)
                return;
            if (position < m) {
                hi = m - 1;
                node = 2 * node;
            } else {
                lo = m + 1;
                node = 2 * node + 1;
            }
        }
    }

    // Where each item's record is.
    void positions(std::vector<qint32> *out) const
    {
        out->resize(m_items.size());
        for (size_t i = 0; i < m_items.size(); ++i)
            (*out)[static_cast<size_t>(m_items[i])] = static_cast<qint32>(i);
    }

    // Calls fn(item) for every record that may lie in the rectangle: all that do, and some
    // within one quantisation step outside it.
    template <typename Fn> void range(double minX, double minY, double maxX, double maxY, Fn &&fn) const
    {
        const quint32 x0 = quantize(minX), y0 = quantize(minY);
        const quint32 x1 = quantize(maxX) == 0xFFFFFFFFu ? 0xFFFFFFFFu : quantize(maxX) + 1;
        const quint32 y1 = quantize(maxY) == 0xFFFFFFFFu ? 0xFFFFFFFFu : quantize(maxY) + 1;
        walk([](size_t) { return false; },
            [&](quint32 x, quint32 y) { return x >= x0 && x <= x1 && y >= y0 && y <= y1; },
            [&](qint32 position) { fn(item(position)); },
            [&](quint32 c, int axis) { return (axis == 0 ? x0 : y0) <= c; },
            [&](quint32 c, int axis) { return (axis == 0 ? x1 : y1) >= c; });
    }

private:
    struct Frame
    {
        qint32 lo, hi;
        int axis;
        size_t node;
    };
    struct Split
    {
        quint32 x = 0, y = 0;
    };

    template <typename Skip, typename Fn> void withinWhere(double x, double y, double r, Skip &&skip, Fn &&fn) const
    {
        const double qx = double(quantize(x)), qy = double(quantize(y));
        const double reach = r * kQuantum + 2, reach2 = reach * reach;
        walk(
            skip,
            [&](quint32 px, quint32 py) {
                const double dx = double(px) - qx, dy = double(py) - qy;
                return dx * dx + dy * dy <= reach2;
            },
            fn, [&](quint32 c, int axis) { return (axis == 0 ? qx : qy) - reach <= double(c); },
            [&](quint32 c, int axis) { return (axis == 0 ? qx : qy) + reach >= double(c); });
    }

    // Calls found(position) for every record that `wanted` accepts, in the subtrees that
    // goLeft/goRight and skip(node) do not rule out.
    template <typename Skip, typename Wanted, typename Found, typename Left, typename Right>
    void walk(Skip &&skip, Wanted &&wanted, Found &&found, Left &&goLeft, Right &&goRight) const
    {
        if (m_items.empty())
            return;
        // Each step pushes at most one frame more than it pops, and the depth is below 64.
        std::array<Frame, 128> stack;
        int top = 0;
        stack[top++] = {0, static_cast<qint32>(m_items.size()) - 1, 0, 1};
        while (top > 0) {
            const Frame f = stack[static_cast<size_t>(--top)];
            if (f.hi - f.lo <= m_nodeSize) {
                if (f.hi < f.lo || skip(f.node))
                    continue;
                for (qint32 i = f.lo; i <= f.hi; ++i) {
                    const auto si = static_cast<size_t>(i);
                    if (wanted(m_coords[2 * si], m_coords[2 * si + 1]))
                        found(i);
                }
                continue;
            }
            if (skip(f.node))
                continue;
            const qint32 m = f.lo + (f.hi - f.lo) / 2;
            const Split &split = m_nodes[f.node];
            if (wanted(split.x, split.y))
                found(m);
            const quint32 c = f.axis == 0 ? split.x : split.y;
            if (goLeft(c, f.axis))
                stack[static_cast<size_t>(top++)] = {f.lo, m - 1, 1 - f.axis, 2 * f.node};
            if (goRight(c, f.axis))
                stack[static_cast<size_t>(top++)] = {m + 1, f.hi, 1 - f.axis, 2 * f.node + 1};
        }
    }

    std::vector<quint32> m_coords; // x, y per record
    std::vector<qint32> m_items; // the item of each record
    std::vector<Split> m_nodes; // the medians' positions, by subtree number
    std::vector<char> m_taken; // while clustering: per record
    std::vector<qint32> m_live; // while clustering: untaken records per subtree
    int m_nodeSize = 64;
};

} // namespace

struct RadiusClusterIndex::Impl
{
    // The items of one zoom. key: the point's index for a single point (count 1), else
    // (zoom the cluster was formed at + 1) << 32 | its index there — kept by the copies of an
    // item that lower zooms leave as it is. parent: the item of the next lower zoom this one
    // went into (kUntaken while that zoom is being made).
    struct Level
    {
        std::vector<double> xy;
        std::vector<qint32> count;
        std::vector<quint64> key;
        std::vector<qint32> parent;
        KdTree tree;

        qsizetype size() const { return static_cast<qsizetype>(count.size()); }
        void clear()
        {
            xy = {};
            count = {};
            key = {};
            parent = {};
            tree.clear();
        }
        void append(double x, double y, qint32 c, quint64 k)
        {
            xy.push_back(x);
            xy.push_back(y);
            count.push_back(c);
            key.push_back(k);
        }
        void buildTree(int nodeSize)
        {
            std::vector<KdTree::Record> records(count.size());
            for (size_t i = 0; i < records.size(); ++i)
                records[i] = {quantize(xy[2 * i]), quantize(xy[2 * i + 1]), static_cast<qint32>(i)};
            tree.build(std::move(records), nodeSize);
            parent.assign(count.size(), kUntaken);
        }
    };

    Options options;
    std::vector<GeoPoint> points;
    // id → index into points; made when first needed (build() does not pay for it).
    QHash<qint64, qint32> byId;
    bool idsIndexed = false;
    bool dirty = false;
    std::vector<Level> levels; // levels[z - minZoom], z = minZoom..maxZoom + 1
    std::vector<qint32> scratch;
    std::vector<qint32> position; // item → its record in the tree, likewise

    explicit Impl(const Options &o) : options(clamped(o)) { }

    static Options clamped(Options o)
    {
        o.radius = std::clamp(o.radius, 1, kMaxPixels);
        o.extent = std::clamp(o.extent, 1, kMaxPixels);
        o.minZoom = std::clamp(o.minZoom, 0, kMaxZoomSupported);
        o.maxZoom = std::clamp(o.maxZoom, o.minZoom, kMaxZoomSupported);
        o.minPoints = std::clamp(o.minPoints, 2, 1 << 30);
        o.nodeSize = std::clamp(o.nodeSize, 2, 4096);
        return o;
    }

    double radiusAt(int zoom) const { return options.radius / std::ldexp(double(options.extent), zoom); }

    Level &level(int zoom) { return levels[static_cast<size_t>(zoom - options.minZoom)]; }
    const Level &level(int zoom) const { return levels[static_cast<size_t>(zoom - options.minZoom)]; }

    void ensureIds()
    {
        if (idsIndexed)
            return;
        byId.clear();
        byId.reserve(static_cast<qsizetype>(points.size()));
        for (size_t i = 0; i < points.size(); ++i)
            byId.insert(points[i].id, static_cast<qint32>(i));
        idsIndexed = true;
    }

    void ensureBuilt()
    {
        if (dirty)
            rebuild();
    }

    void rebuild()
    {
        dirty = false;
        levels.assign(static_cast<size_t>(options.maxZoom - options.minZoom + 2), Level{});
        if (points.empty())
            return;
        Level &top = level(options.maxZoom + 1);
        top.xy.resize(2 * points.size());
        top.count.assign(points.size(), 1);
        top.key.resize(points.size());
        for (size_t i = 0; i < points.size(); ++i) {
            top.xy[2 * i] = projectX(points[i].lon);
            top.xy[2 * i + 1] = projectY(points[i].lat);
            top.key[i] = i;
        }
        top.buildTree(options.nodeSize);
        for (int z = options.maxZoom; z >= options.minZoom; --z) {
            clusterInto(level(z + 1), level(z), z);
            level(z).buildTree(options.nodeSize);
        }
        scratch = {};
        position = {};
    }

    // Makes the items of zoom z from those of zoom z + 1 (the rule in the header).
    void clusterInto(Level &from, Level &to, int z)
    {
        const double r = radiusAt(z), r2 = r * r;
        const qint32 n = static_cast<qint32>(from.size());
        to.xy.reserve(from.xy.size() / 2);
        to.count.reserve(from.count.size() / 4);
        to.key.reserve(from.key.size() / 4);
        // In dense places most records near a seed are taken already: counting the untaken
        // ones per subtree lets the search skip what is all taken.
        from.tree.makeLive();
        from.tree.positions(&position);
        for (qint32 i = 0; i < n; ++i) {
            const auto si = static_cast<size_t>(i);
            if (from.parent[si] != kUntaken)
                continue;
            const qint32 out = static_cast<qint32>(to.size());
            from.parent[si] = out;
            from.tree.take(position[si]);
            const double x = from.xy[2 * si], y = from.xy[2 * si + 1];
            scratch.clear();
            qint64 total = from.count[si];
            from.tree.withinUntaken(x, y, r, [&](qint32 at) {
                const qint32 j = from.tree.item(at);
                const auto sj = static_cast<size_t>(j);
                const double dx = from.xy[2 * sj] - x, dy = from.xy[2 * sj + 1] - y;
                if (dx * dx + dy * dy > r2)
                    return;
                scratch.push_back(j);
                total += from.count[sj];
                // Every untaken item within r is taken now, whatever the outcome.
                from.parent[sj] = out;
                from.tree.take(at);
            });
            if (!scratch.empty() && total >= options.minPoints) {
                double wx = x * from.count[si], wy = y * from.count[si];
                for (qint32 j : scratch) {
                    const auto sj = static_cast<size_t>(j);
                    wx += from.xy[2 * sj] * from.count[sj];
                    wy += from.xy[2 * sj + 1] * from.count[sj];
                }
                const auto t = static_cast<double>(total);
                to.append(
                    wx / t, wy / t, static_cast<qint32>(total), (quint64(z + 1) << 32) | static_cast<quint64>(out));
                continue;
            }
            // Too few points: the item and what it took stay as they are, in input order (not
            // the tree's), so that the order of the next zoom's items follows from the rule.
            to.append(x, y, from.count[si], from.key[si]);
            std::sort(scratch.begin(), scratch.end());
            for (qint32 j : scratch) {
                const auto sj = static_cast<size_t>(j);
                from.parent[sj] = static_cast<qint32>(to.size());
                to.append(from.xy[2 * sj], from.xy[2 * sj + 1], from.count[sj], from.key[sj]);
            }
        }
        from.tree.endLive();
    }

    Cluster itemAt(int zoom, qint32 i) const
    {
        const Level &l = level(zoom);
        const auto si = static_cast<size_t>(i);
        Cluster c;
        c.count = l.count[si];
        if (c.count == 1) {
            const GeoPoint &p = points[static_cast<size_t>(l.key[si])];
            c.lat = p.lat;
            c.lon = p.lon;
            c.pointId = p.id;
            return c;
        }
        c.lon = unprojectLon(l.xy[2 * si]);
        c.lat = unprojectLat(l.xy[2 * si + 1]);
        c.clusterKey = l.key[si];
        return c;
    }

    // The zoom and item a cluster key names, or false when it names none (a stale key).
    bool findCluster(quint64 key, int *zoom, qint32 *index) const
    {
        const int z = static_cast<int>(key >> 32) - 1;
        const quint64 i = key & 0xFFFFFFFFull;
        if (z < options.minZoom || z > options.maxZoom || levels.empty())
            return false;
        const Level &l = level(z);
        if (i >= static_cast<quint64>(l.size()) || l.key[i] != key || l.count[i] < 2)
            return false;
        *zoom = z;
        *index = static_cast<qint32>(i);
        return true;
    }

    // The items of zoom z + 1 that the cluster `index` of zoom z was made of, in their order.
    // They all lie within r of the seed, and so does the weighted centroid: within 2r of it.
    std::vector<qint32> childrenOf(int z, qint32 index) const
    {
        std::vector<qint32> out;
        const Level &l = level(z);
        const Level &next = level(z + 1);
        const auto si = static_cast<size_t>(index);
        const double reach = 2 * radiusAt(z) * (1 + 1e-9);
        next.tree.within(l.xy[2 * si], l.xy[2 * si + 1], reach, [&](qint32 j) {
            if (next.parent[static_cast<size_t>(j)] == index)
                out.push_back(j);
        });
        std::sort(out.begin(), out.end());
        return out;
    }
};

RadiusClusterIndex::RadiusClusterIndex() : RadiusClusterIndex(Options{}) { }

RadiusClusterIndex::RadiusClusterIndex(const Options &options) : d(std::make_unique<Impl>(options)) { }

RadiusClusterIndex::~RadiusClusterIndex() = default;
RadiusClusterIndex::RadiusClusterIndex(RadiusClusterIndex &&) noexcept = default;
RadiusClusterIndex &RadiusClusterIndex::operator=(RadiusClusterIndex &&) noexcept = default;

void RadiusClusterIndex::build(const QList<GeoPoint> &input)
{
    d->points.assign(input.cbegin(), input.cend());
    d->byId.clear();
    d->idsIndexed = false;
    // Ids in increasing order (the usual case) cannot repeat; otherwise keep each id's last
    // occurrence, in input order.
    bool increasing = true;
    for (size_t i = 1; i < d->points.size() && increasing; ++i)
        increasing = d->points[i - 1].id < d->points[i].id;
    if (!increasing) {
        std::vector<std::pair<qint64, qint32>> order(d->points.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = {d->points[i].id, static_cast<qint32>(i)};
        std::sort(order.begin(), order.end());
        std::vector<char> keep(order.size(), 1);
        for (size_t i = 0; i + 1 < order.size(); ++i) {
            if (order[i].first == order[i + 1].first)
                keep[static_cast<size_t>(order[i].second)] = 0;
        }
        size_t w = 0;
        for (size_t i = 0; i < d->points.size(); ++i) {
            if (keep[i])
                d->points[w++] = d->points[i];
        }
        d->points.resize(w);
    }
    d->rebuild();
}

void RadiusClusterIndex::upsert(const GeoPoint &point)
{
    d->ensureIds();
    const auto it = d->byId.constFind(point.id);
    if (it != d->byId.cend()) {
        GeoPoint &p = d->points[static_cast<size_t>(it.value())];
        if (p.lat == point.lat && p.lon == point.lon)
            return;
        p = point;
    } else {
        d->byId.insert(point.id, static_cast<qint32>(d->points.size()));
        d->points.push_back(point);
    }
    d->dirty = true;
}

bool RadiusClusterIndex::remove(qint64 id)
{
    d->ensureIds();
    const auto it = d->byId.find(id);
    if (it == d->byId.end())
        return false;
    const auto index = static_cast<size_t>(it.value());
    d->byId.erase(it);
    if (index + 1 != d->points.size()) {
        d->points[index] = d->points.back();
        d->byId[d->points[index].id] = static_cast<qint32>(index);
    }
    d->points.pop_back();
    d->dirty = true;
    return true;
}

void RadiusClusterIndex::clear()
{
    d->points.clear();
    d->byId.clear();
    d->idsIndexed = false;
    d->levels.clear();
    d->dirty = false;
}

qsizetype RadiusClusterIndex::size() const
{
    return static_cast<qsizetype>(d->points.size());
}

bool RadiusClusterIndex::contains(qint64 id) const
{
    d->ensureIds();
    return d->byId.contains(id);
}

QList<Cluster> RadiusClusterIndex::query(const LatLonBox &box, int zoom) const
{
    d->ensureBuilt();
    QList<Cluster> out;
    if (d->levels.empty() || d->points.empty())
        return out;
    if (!(box.minLat <= box.maxLat) || std::isnan(box.minLon) || std::isnan(box.maxLon))
        return out;
    zoom = std::clamp(zoom, d->options.minZoom, d->options.maxZoom + 1);
    const Impl::Level &l = d->level(zoom);
    const double minY = projectY(box.maxLat), maxY = projectY(box.minLat);
    const auto collect = [&](double minX, double maxX) {
        l.tree.range(minX, minY, maxX, maxY, [&](qint32 i) {
            const double x = l.xy[2 * static_cast<size_t>(i)], y = l.xy[2 * static_cast<size_t>(i) + 1];
            if (x >= minX && x <= maxX && y >= minY && y <= maxY)
                out.append(d->itemAt(zoom, i));
        });
    };
    const bool allLon = box.maxLon - box.minLon >= 360.0 || (box.minLon <= -180.0 && box.maxLon >= 180.0);
    if (allLon) {
        collect(0, 1);
        return out;
    }
    const double west = projectX(box.minLon), east = projectX(box.maxLon);
    if (wrapLon(box.minLon) > wrapLon(box.maxLon)) {
        collect(west, 1);
        collect(0, east);
    } else {
        collect(west, east);
    }
    return out;
}

QList<Cluster> RadiusClusterIndex::children(const Cluster &cluster) const
{
    d->ensureBuilt();
    QList<Cluster> out;
    int zoom = 0;
    qint32 index = 0;
    if (cluster.count < 2 || !d->findCluster(cluster.clusterKey, &zoom, &index))
        return out;
    for (qint32 j : d->childrenOf(zoom, index))
        out.append(d->itemAt(zoom + 1, j));
    return out;
}

QList<qint64> RadiusClusterIndex::leaves(const Cluster &cluster) const
{
    d->ensureBuilt();
    QList<qint64> out;
    if (cluster.count == 1) {
        if (contains(cluster.pointId))
            out.append(cluster.pointId);
        return out;
    }
    int zoom = 0;
    qint32 index = 0;
    if (cluster.count < 2 || !d->findCluster(cluster.clusterKey, &zoom, &index))
        return out;
    out.reserve(d->level(zoom).count[static_cast<size_t>(index)]);
    std::vector<std::pair<int, qint32>> pending{{zoom, index}};
    while (!pending.empty()) {
        const auto [z, i] = pending.back();
        pending.pop_back();
        const Impl::Level &next = d->level(z + 1);
        for (qint32 j : d->childrenOf(z, i)) {
            const auto sj = static_cast<size_t>(j);
            if (next.count[sj] == 1) {
                out.append(d->points[static_cast<size_t>(next.key[sj])].id);
                continue;
            }
            // A cluster left as it is keeps its key: continue from where it was formed.
            int fz = 0;
            qint32 fi = 0;
            if (d->findCluster(next.key[sj], &fz, &fi))
                pending.push_back({fz, fi});
        }
    }
    return out;
}

int RadiusClusterIndex::expansionZoom(const Cluster &cluster) const
{
    d->ensureBuilt();
    int zoom = 0;
    qint32 index = 0;
    if (cluster.count < 2 || !d->findCluster(cluster.clusterKey, &zoom, &index))
        return -1;
    // A cluster always takes at least two items of the zoom above it.
    return zoom + 1;
}

qsizetype RadiusClusterIndex::itemCount(int zoom) const
{
    d->ensureBuilt();
    if (d->levels.empty())
        return 0;
    return d->level(std::clamp(zoom, d->options.minZoom, d->options.maxZoom + 1)).size();
}

RadiusClusterIndex::Options RadiusClusterIndex::options() const
{
    return d->options;
}

} // namespace dimos
