#include "shared/geo/RadiusClusterIndex.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>
#include <vector>

#include <QHash>

// Every zoom's items live in flat arrays (positions, counts, keys, parents), indexed by a grid
// of cells (CellGrid below) that the clustering of the next lower zoom searches and the
// queries of this zoom read. No allocation per point or per item; a build does a few large
// vector allocations per zoom.

namespace dimos {

namespace {

constexpr int kMaxZoomSupported = 24;
constexpr int kMaxPixels = 65536;
constexpr qint32 kUntaken = -1;
constexpr qint32 kAhead = 8; // how many items ahead the clustering prefetches, a step

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

// Not-a-number maps to 0 so that every item has a place in the grid.
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

// Asks the processor to start loading the cache line at p (a hint: no effect where the
// compiler has no such builtin).
inline void prefetch(const void *p)
{
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(p);
#else
    static_cast<void>(p);
#endif
}

// Cells are at least this wide, so that cell coordinates stay below 2^30 whatever the options.
constexpr double kMinCell = 0x1p-30;

// A grid of square cells, at least as wide as the clustering radius of the zoom below, over the
// items of one zoom. Only the cells that hold items are kept (so the grid is as small for
// points spread over the world as for one town), ordered by row and then column, each with a
// copy of its items' positions and counts: the items of cells next to each other in a row are
// one contiguous run of memory, and a neighbour search reads three such runs (the rows above,
// at and below the seed's cell). While the zoom below is made, each cell has the bounds of its
// three runs (found in one pass over the cells), so a search needs no lookup, and a taken item
// is marked in place. Built by sorting the items by cell with a radix sort: no comparison
// sort, no tree.
class CellGrid
{
public:
    struct Entry // an item as the grid keeps it
    {
        double x = 0, y = 0;
        qint32 item = 0;
        qint32 count = 0;
    };

    // words, spare: buffers that the builds of all zooms share, to spare allocations.
    // count: the items' counts, or null when every item is one point.
    void build(const std::vector<double> &xy, const qint32 *count, double cell, bool forClustering,
        std::vector<quint64> *words, std::vector<quint64> *spare)
    {
        clear();
        const size_t n = xy.size() / 2;
        m_scale = 1.0 / std::max(cell, kMinCell);
        if (n == 0)
            return;
        qint64 x0 = std::numeric_limits<qint64>::max(), y0 = x0, x1 = 0, y1 = 0;
        for (size_t i = 0; i < n; ++i) {
            const qint64 cx = coordinate(xy[2 * i]), cy = coordinate(xy[2 * i + 1]);
            x0 = std::min(x0, cx);
            x1 = std::max(x1, cx);
            y0 = std::min(y0, cy);
            y1 = std::max(y1, cy);
        }
        m_x0 = x0;
        m_y0 = y0;
        m_width = x1 - x0 + 1;
        m_rows = y1 - y0 + 1;
        // Keys relative to the occupied extent: row * width + column.
        const auto keyOf = [&](size_t i) {
            return static_cast<quint64>((coordinate(xy[2 * i + 1]) - y0) * m_width + (coordinate(xy[2 * i]) - x0));
        };
        const int keyBits = std::bit_width(static_cast<quint64>(m_rows * m_width - 1));
        const int itemBits = std::bit_width(static_cast<quint64>(n - 1));
        if (keyBits + itemBits <= 64) {
            // Each item as one word, key above item: sorting the words by their key bits, least
            // significant digit first, 11 bits a pass (the counts stay in the first-level
            // cache), stable, so a cell's items stay in item order.
            words->resize(n);
            spare->resize(n);
            for (size_t i = 0; i < n; ++i)
                (*words)[i] = keyOf(i) << itemBits | i;
            constexpr int kDigitBits = 11;
            constexpr size_t kBuckets = size_t(1) << kDigitBits;
            for (int shift = itemBits; shift < itemBits + keyBits; shift += kDigitBits) {
                std::array<qint32, kBuckets> next{};
                for (const quint64 w : *words)
                    ++next[(w >> shift) & (kBuckets - 1)];
                qint32 sum = 0;
                for (qint32 &c : next)
                    sum += std::exchange(c, sum);
                for (const quint64 w : *words)
                    (*spare)[static_cast<size_t>(next[(w >> shift) & (kBuckets - 1)]++)] = w;
                words->swap(*spare);
            }
            const quint64 itemMask = (quint64(1) << itemBits) - 1;
            fill(
                n, [&](size_t p) { return static_cast<qint64>((*words)[p] >> itemBits); },
                [&](size_t p) { return static_cast<qint32>((*words)[p] & itemMask); }, xy, count, forClustering);
        } else {
            // Wider than a word (a huge extent at a high zoom): pairs.
            std::vector<std::pair<quint64, qint32>> pairs(n);
            for (size_t i = 0; i < n; ++i)
                pairs[i] = {keyOf(i), static_cast<qint32>(i)};
            std::sort(pairs.begin(), pairs.end());
            fill(
                n, [&](size_t p) { return static_cast<qint64>(pairs[p].first); },
                [&](size_t p) { return pairs[p].second; }, xy, count, forClustering);
        }
        if (!forClustering)
            return;
        // Each cell's three runs of entries: the cells at columns - 1 .. + 1 of the rows above,
        // at and below it. The bounds of each grow with the cell, so cursors find them all in one pass.
        // At the first or last column a run may reach into the next or previous row: more to
        // search, never less.
        m_runs.resize(m_cells.size() - 1);
        std::array<size_t, 6> at{};
        for (size_t k = 0; k + 1 < m_cells.size(); ++k) {
            const qint64 key = m_cells[k].key;
            Runs &runs = m_runs[k];
            for (int row = 0; row < 3; ++row) {
                const qint64 first = key + (row - 1) * m_width - 1, last = first + 2;
                size_t &b = at[static_cast<size_t>(2 * row)], &e = at[static_cast<size_t>(2 * row + 1)];
                while (m_cells[b].key < first)
                    ++b;
                e = std::max(e, b);
                while (m_cells[e].key <= last)
                    ++e;
                runs.begin[row] = m_cells[b].begin;
                runs.end[row] = m_cells[e].begin;
            }
        }
    }

    void clear()
    {
        m_cells = {};
        m_runs = {};
        m_entries = {};
        m_cellOfItem = {};
    }

    // The clustering's search (build with forClustering): calls fn(entry) for every item not
    // taken yet within r (squared distance ≤ r2, in exact doubles) of the item `seed` at
    // (x, y), except the seed itself, and takes them and the seed. A taken entry is marked by
    // its item's complement (negative) until endTaking().
    template <typename Fn> void takeWithin(qint32 seed, double x, double y, double r2, Fn &&fn)
    {
        const Runs &runs = m_runs[cellOfItem(seed)];
        for (int row = 0; row < 3; ++row) {
            const auto end = static_cast<size_t>(runs.end[row]);
            for (auto p = static_cast<size_t>(runs.begin[row]); p < end; ++p) {
                Entry &e = m_entries[p];
                if (e.item < 0)
                    continue;
                const double dx = e.x - x, dy = e.y - y;
                if (dx * dx + dy * dy <= r2) {
                    const qint32 item = e.item;
                    e.item = ~item;
                    if (item != seed)
                        fn(e, item);
                }
            }
        }
    }

    // The seeds come in item order, which is spatially random, so every search would wait for
    // memory twice, one load after the other (the cell's runs, then their entries). The
    // clustering asks for the memory of the seeds some items ahead instead, in the same steps.
    void prefetchRuns(qint32 item) const { prefetch(m_runs.data() + cellOfItem(item)); }
    void prefetchEntries(qint32 item) const
    {
        const Runs &runs = m_runs[cellOfItem(item)];
        for (int row = 0; row < 3; ++row)
            prefetch(m_entries.data() + runs.begin[row]);
    }

    // The end of the clustering: the seeds' cells are not needed any more.
    void endTaking()
    {
        m_cellOfItem = {};
        m_runs = {};
        for (Entry &e : m_entries) {
            if (e.item < 0)
                e.item = ~e.item;
        }
    }

    // Calls fn(entry) for every item in the cells that the rectangle touches: every item in the
    // rectangle (edges included) and some near it.
    template <typename Fn> void forEachNear(double minX, double minY, double maxX, double maxY, Fn &&fn) const
    {
        if (m_entries.empty())
            return;
        const qint64 colA = std::max<qint64>(coordinate(minX) - m_x0, 0);
        const qint64 colB = std::min<qint64>(coordinate(maxX) - m_x0, m_width - 1);
        const qint64 rowA = std::max<qint64>(coordinate(minY) - m_y0, 0);
        const qint64 rowB = std::min<qint64>(coordinate(maxY) - m_y0, m_rows - 1);
        if (colA > colB || rowA > rowB)
            return;
        const auto from = [&](size_t k, qint64 key) {
            return static_cast<size_t>(std::partition_point(m_cells.cbegin() + static_cast<std::ptrdiff_t>(k),
                                           m_cells.cend(), [key](const Cell &c) { return c.key < key; })
                - m_cells.cbegin());
        };
        const qint64 lastKey = rowB * m_width + colB;
        size_t k = from(0, rowA * m_width + colA);
        while (m_cells[k].key <= lastKey) {
            const qint64 row = m_cells[k].key / m_width;
            const qint64 first = row * m_width + colA, last = row * m_width + colB;
            if (m_cells[k].key < first) {
                k = from(k, first);
                continue;
            }
            if (m_cells[k].key > last) {
                k = from(k, first + m_width);
                continue;
            }
            size_t end = k + 1;
            while (m_cells[end].key <= last)
                ++end;
            const auto b = static_cast<size_t>(m_cells[k].begin), e = static_cast<size_t>(m_cells[end].begin);
            for (size_t p = b; p < e; ++p)
                fn(m_entries[p]);
            k = end;
        }
    }

private:
    struct Cell
    {
        qint64 key; // row * m_width + column, relative to (m_x0, m_y0)
        qint32 begin; // the cell's first entry; the next cell's begin ends it
    };
    struct Runs // while clustering, per cell: the entries of its rows above, at and below
    {
        std::array<qint32, 3> begin, end;
    };

    // Makes the cells and the entries from the items in sorted order (keyAt(p), itemAt(p)).
    template <typename KeyAt, typename ItemAt>
    void fill(size_t n, KeyAt &&keyAt, ItemAt &&itemAt, const std::vector<double> &xy, const qint32 *count,
        bool forClustering)
    {
        size_t cells = 1;
        for (size_t p = 1; p < n; ++p)
            cells += keyAt(p) != keyAt(p - 1);
        m_cells.reserve(cells + 1);
        m_entries.resize(n);
        if (forClustering)
            m_cellOfItem.resize(n);
        // The items are read in cell order, at random: ask for them a little ahead.
        constexpr size_t kAheadItems = 16;
        for (size_t p = 0; p < n; ++p) {
            if (p + kAheadItems < n) {
                const auto ahead = static_cast<size_t>(itemAt(p + kAheadItems));
                prefetch(xy.data() + 2 * ahead);
                if (count)
                    prefetch(count + ahead);
            }
            const qint64 key = keyAt(p);
            if (p == 0 || key != m_cells.back().key)
                m_cells.push_back({key, static_cast<qint32>(p)});
            const qint32 item = itemAt(p);
            const auto i = static_cast<size_t>(item);
            m_entries[p] = {xy[2 * i], xy[2 * i + 1], item, count ? count[i] : 1};
            if (forClustering)
                m_cellOfItem[i] = static_cast<qint32>(m_cells.size() - 1);
        }
        // A sentinel after the last cell: its key ends every walk, its begin ends the last cell.
        m_cells.push_back({std::numeric_limits<qint64>::max(), static_cast<qint32>(n)});
    }

    size_t cellOfItem(qint32 item) const { return static_cast<size_t>(m_cellOfItem[static_cast<size_t>(item)]); }

    // Cell coordinates are monotonic in the position, so the cells of a rectangle's corners
    // bound the cells of everything in it. Positions outside [0,1] (and not-a-number) clamp.
    qint64 coordinate(double v) const
    {
        if (!(v > 0))
            return 0;
        return static_cast<qint64>(std::min(v, 1.0) * m_scale);
    }

    double m_scale = 1;
    qint64 m_x0 = 0, m_y0 = 0, m_width = 1, m_rows = 1;
    std::vector<Cell> m_cells;
    std::vector<Runs> m_runs; // while clustering
    std::vector<Entry> m_entries;
    std::vector<qint32> m_cellOfItem; // while clustering: each item's cell
};

} // namespace

struct RadiusClusterIndex::Impl
{
    // The items of one zoom. key: the point's index for a single point (count 1), else
    // (zoom the cluster was formed at + 1) << 32 | its index there — kept by the copies of an
    // item that lower zooms leave as it is. parent: the item of the next lower zoom this one
    // went into (kUntaken while that zoom is being made). The points' own zoom (maxZoom + 1)
    // keeps no counts and keys: every count is 1 and every key the item's index.
    struct Level
    {
        std::vector<double> xy;
        std::vector<qint32> count;
        std::vector<quint64> key;
        std::vector<qint32> parent;
        CellGrid grid;

        qsizetype size() const { return static_cast<qsizetype>(xy.size() / 2); }
        qint32 countAt(size_t i) const { return count.empty() ? 1 : count[i]; }
        quint64 keyAt(size_t i) const { return key.empty() ? i : key[i]; }
        void clear()
        {
            xy = {};
            count = {};
            key = {};
            parent = {};
            grid.clear();
        }
        void append(double x, double y, qint32 c, quint64 k)
        {
            xy.push_back(x);
            xy.push_back(y);
            count.push_back(c);
            key.push_back(k);
        }
        // cell: the clustering radius of the zoom below, which the grid's cells must not be
        // narrower than (widened by a margin far above rounding, so that two items within r
        // are never two cells apart); the same grid answers the queries of this zoom.
        void buildGrid(double cell, bool forClustering, std::vector<quint64> *sorted, std::vector<quint64> *spare)
        {
            grid.build(xy, count.empty() ? nullptr : count.data(), cell * (1 + 0x1p-16), forClustering, sorted, spare);
            parent.assign(forClustering ? static_cast<size_t>(size()) : 0, kUntaken);
        }
    };

    Options options;
    std::vector<GeoPoint> points;
    // id → index into points; made when first needed (build() does not pay for it).
    QHash<qint64, qint32> byId;
    bool idsIndexed = false;
    bool dirty = false;
    std::vector<Level> levels; // levels[z - minZoom], z = minZoom..maxZoom + 1
    // Buffers reused from zoom to zoom during a build: what a seed took, the grid's sort.
    std::vector<CellGrid::Entry> scratch;
    std::vector<quint64> sorted, spare;

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
        for (size_t i = 0; i < points.size(); ++i) {
            top.xy[2 * i] = projectX(points[i].lon);
            top.xy[2 * i + 1] = projectY(points[i].lat);
        }
        top.buildGrid(radiusAt(options.maxZoom), true, &sorted, &spare);
        for (int z = options.maxZoom; z >= options.minZoom; --z) {
            clusterInto(level(z + 1), level(z), z);
            level(z).buildGrid(radiusAt(z - 1), z > options.minZoom, &sorted, &spare);
        }
        scratch = {};
        sorted = {};
        spare = {};
    }

    // Makes the items of zoom z from those of zoom z + 1 (the rule in the header).
    void clusterInto(Level &from, Level &to, int z)
    {
        const double r = radiusAt(z), r2 = r * r;
        const qint32 n = static_cast<qint32>(from.size());
        to.xy.reserve(from.xy.size() / 2);
        to.count.reserve(static_cast<size_t>(from.size()) / 4);
        to.key.reserve(static_cast<size_t>(from.size()) / 4);
        const auto ahead = [&](qint32 j) { return j < n && from.parent[static_cast<size_t>(j)] == kUntaken; };
        for (qint32 i = 0; i < n; ++i) {
            if (ahead(i + 2 * kAhead))
                from.grid.prefetchRuns(i + 2 * kAhead);
            if (ahead(i + kAhead))
                from.grid.prefetchEntries(i + kAhead);
            const auto si = static_cast<size_t>(i);
            if (from.parent[si] != kUntaken)
                continue;
            const qint32 out = static_cast<qint32>(to.size());
            from.parent[si] = out;
            const double x = from.xy[2 * si], y = from.xy[2 * si + 1];
            scratch.clear();
            const qint32 seedCount = from.countAt(si);
            qint64 total = seedCount;
            // Every untaken item within r is taken now, whatever the outcome.
            from.grid.takeWithin(i, x, y, r2, [&](const CellGrid::Entry &e, qint32 item) {
                scratch.push_back({e.x, e.y, item, e.count});
                total += e.count;
                from.parent[static_cast<size_t>(item)] = out;
            });
            if (!scratch.empty() && total >= options.minPoints) {
                double wx = x * seedCount, wy = y * seedCount;
                for (const CellGrid::Entry &e : scratch) {
                    wx += e.x * e.count;
                    wy += e.y * e.count;
                }
                const auto t = static_cast<double>(total);
                to.append(
                    wx / t, wy / t, static_cast<qint32>(total), (quint64(z + 1) << 32) | static_cast<quint64>(out));
                continue;
            }
            // Too few points: the item and what it took stay as they are, in input order (not
            // the grid's), so that the order of the next zoom's items follows from the rule.
            to.append(x, y, seedCount, from.keyAt(si));
            std::sort(scratch.begin(), scratch.end(),
                [](const CellGrid::Entry &a, const CellGrid::Entry &b) { return a.item < b.item; });
            for (const CellGrid::Entry &e : scratch) {
                const auto sj = static_cast<size_t>(e.item);
                from.parent[sj] = static_cast<qint32>(to.size());
                to.append(e.x, e.y, e.count, from.keyAt(sj));
            }
        }
        from.grid.endTaking();
    }

    Cluster itemAt(int zoom, qint32 i) const
    {
        const Level &l = level(zoom);
        const auto si = static_cast<size_t>(i);
        Cluster c;
        c.count = l.countAt(si);
        if (c.count == 1) {
            const GeoPoint &p = points[static_cast<size_t>(l.keyAt(si))];
            c.lat = p.lat;
            c.lon = p.lon;
            c.pointId = p.id;
            return c;
        }
        c.lon = unprojectLon(l.xy[2 * si]);
        c.lat = unprojectLat(l.xy[2 * si + 1]);
        c.clusterKey = l.keyAt(si);
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
        if (i >= static_cast<quint64>(l.size()) || l.keyAt(i) != key || l.countAt(i) < 2)
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
        const double x = l.xy[2 * si], y = l.xy[2 * si + 1];
        next.grid.forEachNear(x - reach, y - reach, x + reach, y + reach, [&](const CellGrid::Entry &e) {
            if (next.parent[static_cast<size_t>(e.item)] == index)
                out.push_back(e.item);
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
        l.grid.forEachNear(minX, minY, maxX, maxY, [&](const CellGrid::Entry &e) {
            if (e.x >= minX && e.x <= maxX && e.y >= minY && e.y <= maxY)
                out.append(d->itemAt(zoom, e.item));
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
    out.reserve(d->level(zoom).countAt(static_cast<size_t>(index)));
    std::vector<std::pair<int, qint32>> pending{{zoom, index}};
    while (!pending.empty()) {
        const auto [z, i] = pending.back();
        pending.pop_back();
        const Impl::Level &next = d->level(z + 1);
        for (qint32 j : d->childrenOf(z, i)) {
            const auto sj = static_cast<size_t>(j);
            if (next.countAt(sj) == 1) {
                out.append(d->points[static_cast<size_t>(next.keyAt(sj))].id);
                continue;
            }
            // A cluster left as it is keeps its key: continue from where it was formed.
            int fz = 0;
            qint32 fi = 0;
            if (d->findCluster(next.keyAt(sj), &fz, &fi))
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
