#include "shared/geo/ClusterIndex.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <numbers>
#include <utility>
#include <vector>

#include <QHash>

// The index is a compressed quadtree over the cells of maxZoom (B bits per axis). A node
// stands for one cell at its depth and holds the count and the sums of the quantised
// coordinates of everything below it; it exists only where the points below it branch, so
// there are fewer nodes than points. Zoom z is depth B - maxZoom + z: a node at that depth
// or deeper whose parent is shallower holds exactly the points of one zoom-z cell, which is
// what makes a viewport query cost what is visible and an update cost one root-to-leaf path.
// Counts and sums are integers so that removing a point restores the aggregates exactly.

namespace dimos {

namespace {

constexpr double kQuantScale = 4294967296.0; // 2^32
constexpr double kMaxMercatorLat = 85.051128779806589;
constexpr qint32 kNone = -1;
constexpr int kMaxSupportedZoom = 24;
constexpr int kMaxRadius = 4096;

// A child slot holds kNone, a node index (>= 0) or a point index p encoded as -2 - p.
bool isPointRef(qint32 ref)
{
    return ref <= -2;
}
qint32 pointRef(qint32 point)
{
    return -2 - point;
}
qint32 pointOfRef(qint32 ref)
{
    return -2 - ref;
}

quint32 quantize(double fraction)
{
    if (!(fraction > 0)) // also NaN
        return 0;
    const double scaled = fraction * kQuantScale;
    if (scaled >= kQuantScale - 1)
        return 0xFFFFFFFFu;
    return static_cast<quint32>(scaled);
}

double mercatorX(double lon)
{
    return (lon + 180.0) / 360.0;
}

double mercatorY(double lat)
{
    const double clamped = std::clamp(lat, -kMaxMercatorLat, kMaxMercatorLat);
    const double s = std::sin(clamped * std::numbers::pi / 180.0);
    return 0.5 - 0.25 * std::log((1 + s) / (1 - s)) / std::numbers::pi;
}

double lonFromX(double x)
{
    return x * 360.0 - 180.0;
}

double latFromY(double y)
{
    return std::atan(std::sinh(std::numbers::pi * (1 - 2 * y))) * 180.0 / std::numbers::pi;
}

double wrapLon(double lon)
{
    if (lon >= -180.0 && lon <= 180.0)
        return lon;
    const double wrapped = std::fmod(lon + 180.0, 360.0);
    return (wrapped < 0 ? wrapped + 360.0 : wrapped) - 180.0;
}

// Interleaves x into the even and y into the odd bits, so that sorting by the code groups
// the points of every quadtree cell together, quadrants in the order of quadrant().
quint64 spreadBits(quint64 v)
{
    v &= 0xFFFFFFFFull;
    v = (v | (v << 16)) & 0x0000FFFF0000FFFFull;
    v = (v | (v << 8)) & 0x00FF00FF00FF00FFull;
    v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0Full;
    v = (v | (v << 2)) & 0x3333333333333333ull;
    v = (v | (v << 1)) & 0x5555555555555555ull;
    return v;
}

quint64 morton(quint32 x, quint32 y)
{
    return spreadBits(x) | (spreadBits(y) << 1);
}

int quadrant(quint64 cx, quint64 cy, int shift)
{
    return static_cast<int>(((cx >> shift) & 1) | (((cy >> shift) & 1) << 1));
}

struct CellRange
{
    qint64 lo = 0, hi = -1;
    bool contains(qint64 a, qint64 b) const { return a >= lo && b <= hi; }
    bool overlaps(qint64 a, qint64 b) const { return a <= hi && b >= lo; }
};

} // namespace

struct ClusterIndex::Impl
{
    struct Point
    {
        qint64 id = 0;
        double lat = 0, lon = 0;
        quint32 qx = 0, qy = 0;
        quint32 cx = 0, cy = 0; // cell at maxZoom
        qint32 next = kNone; // next point in a bucket, or in the free list
    };

    struct Node
    {
        qint64 sumX = 0, sumY = 0;
        qint32 count = 0;
        // Children by quadrant; a bucket (depth == bits: points sharing a maxZoom cell)
        // keeps the head of its point list in child[0].
        std::array<qint32, 4> child{kNone, kNone, kNone, kNone};
        quint32 cx = 0, cy = 0; // this node's cell at its depth
        qint32 depth = 0;
    };

    // The box converted to maxZoom cells: `outer` may hold a point of the box, `inner` holds
    // only points of the box (one cell of slack each way for the rounding of the projection).
    struct Box
    {
        bool empty = false;
        bool wrapped = false;
        bool allLon = false;
        double minLat = 0, maxLat = 0, minLon = 0, maxLon = 0;
        CellRange outerY, innerY;
        std::array<CellRange, 2> outerX, innerX;

        bool holds(double lat, double lon) const
        {
            if (!(lat >= minLat && lat <= maxLat))
                return false;
            if (allLon)
                return true;
            return wrapped ? (lon >= minLon || lon <= maxLon) : (lon >= minLon && lon <= maxLon);
        }
    };

    int radius;
    int maxZoom;
    double cellScale; // K at maxZoom
    int bits = 0; // quadtree depth of the maxZoom cells
    qint64 maxCell = 0;
    std::vector<Point> points;
    qint32 freePoint = kNone;
    std::vector<Node> nodes; // nodes[0] is the root: depth 0, never removed
    qint32 freeNode = kNone;
    QHash<qint64, qint32> byId;

    Impl(int radiusPx, int zoom)
        : radius(std::clamp(radiusPx, 1, kMaxRadius)),
          maxZoom(std::clamp(zoom, 0, kMaxSupportedZoom)),
          cellScale(std::ldexp(256.0 / radius, maxZoom))
    {
        maxCell = cellOf(0xFFFFFFFFu);
        bits = static_cast<int>(std::bit_width(static_cast<quint64>(maxCell)));
        reset();
    }

    quint32 cellOf(quint32 q) const
    {
        return static_cast<quint32>(std::floor(static_cast<double>(q) / kQuantScale * cellScale));
    }

    int depthOfZoom(int zoom) const { return std::max(0, bits - maxZoom + zoom); }

    void reset()
    {
        points.clear();
        nodes.clear();
        byId.clear();
        freePoint = kNone;
        freeNode = kNone;
        nodes.push_back(Node{});
    }

    bool isBucket(const Node &n) const { return n.depth == bits; }

    qint32 allocNode(int depth, quint32 cx, quint32 cy)
    {
        Node n;
        n.depth = depth;
        n.cx = cx;
        n.cy = cy;
        if (freeNode != kNone) {
            const qint32 index = freeNode;
            freeNode = nodes[static_cast<size_t>(index)].child[0];
            nodes[static_cast<size_t>(index)] = n;
            return index;
        }
        nodes.push_back(n);
        return static_cast<qint32>(nodes.size() - 1);
    }

    void releaseNode(qint32 index)
    {
        Node &n = nodes[static_cast<size_t>(index)];
        n = Node{};
        n.child[0] = freeNode;
        freeNode = index;
    }

    Node &node(qint32 index) { return nodes[static_cast<size_t>(index)]; }
    const Node &node(qint32 index) const { return nodes[static_cast<size_t>(index)]; }
    Point &point(qint32 index) { return points[static_cast<size_t>(index)]; }
    const Point &point(qint32 index) const { return points[static_cast<size_t>(index)]; }

    void setPosition(Point &p, double lat, double lon)
    {
        p.lat = lat;
        p.lon = lon;
        p.qx = quantize(mercatorX(lon));
        p.qy = quantize(mercatorY(lat));
        p.cx = cellOf(p.qx);
        p.cy = cellOf(p.qy);
    }

    qint32 allocPoint()
    {
        if (freePoint != kNone) {
            const qint32 index = freePoint;
            freePoint = point(index).next;
            return index;
        }
        points.push_back(Point{});
        return static_cast<qint32>(points.size() - 1);
    }

    // Depth and cell of whatever a child slot refers to.
    void refCell(qint32 ref, int *depth, quint64 *cx, quint64 *cy) const
    {
        if (isPointRef(ref)) {
            const Point &p = point(pointOfRef(ref));
            *depth = bits;
            *cx = p.cx;
            *cy = p.cy;
        } else {
            const Node &n = node(ref);
            *depth = n.depth;
            *cx = n.cx;
            *cy = n.cy;
        }
    }

    void addAggregate(Node &n, qint32 count, qint64 sumX, qint64 sumY)
    {
        n.count += count;
        n.sumX += sumX;
        n.sumY += sumY;
    }

    void addRefAggregate(Node &n, qint32 ref) const
    {
        if (isPointRef(ref)) {
            const Point &p = point(pointOfRef(ref));
            n.count += 1;
            n.sumX += p.qx;
            n.sumY += p.qy;
        } else {
            const Node &m = node(ref);
            n.count += m.count;
            n.sumX += m.sumX;
            n.sumY += m.sumY;
        }
    }

    void insert(qint32 pi)
    {
        const Point p = point(pi);
        qint32 current = 0;
        for (;;) {
            addAggregate(node(current), 1, p.qx, p.qy);
            if (isBucket(node(current))) {
                point(pi).next = node(current).child[0];
                node(current).child[0] = pi;
                return;
            }
            const int depth = node(current).depth;
            const int q = quadrant(p.cx, p.cy, bits - depth - 1);
            const qint32 ref = node(current).child[static_cast<size_t>(q)];
            if (ref == kNone) {
                node(current).child[static_cast<size_t>(q)] = pointRef(pi);
                return;
            }
            int refDepth = 0;
            quint64 rx = 0, ry = 0;
            refCell(ref, &refDepth, &rx, &ry);
            const int shift = bits - refDepth;
            const quint64 diff = ((quint64{p.cx} >> shift) ^ rx) | ((quint64{p.cy} >> shift) ^ ry);
            const int common = refDepth - static_cast<int>(std::bit_width(diff));
            if (common == refDepth && !isPointRef(ref)) {
                current = ref;
                continue;
            }
            qint32 made = kNone;
            if (common == bits) {
                // Two points in one maxZoom cell: they become a bucket.
                made = allocNode(bits, p.cx, p.cy);
                const qint32 other = pointOfRef(ref);
                point(other).next = kNone;
                point(pi).next = other;
                node(made).child[0] = pi;
            } else {
                const int s = bits - common;
                made = allocNode(
                    common, static_cast<quint32>(quint64{p.cx} >> s), static_cast<quint32>(quint64{p.cy} >> s));
                node(made).child[static_cast<size_t>(quadrant(p.cx, p.cy, s - 1))] = pointRef(pi);
                node(made).child[static_cast<size_t>(quadrant(rx << (bits - refDepth), ry << (bits - refDepth), s - 1))]
                    = ref;
            }
            addRefAggregate(node(made), ref);
            addAggregate(node(made), 1, p.qx, p.qy);
            node(current).child[static_cast<size_t>(q)] = made;
            return;
        }
    }

    void erase(qint32 pi)
    {
        const Point p = point(pi);
        std::array<qint32, 40> path{};
        int pathLength = 0;
        qint32 current = 0;
        for (;;) {
            path[static_cast<size_t>(pathLength++)] = current;
            Node &n = node(current);
            if (isBucket(n)) {
                qint32 *link = &n.child[0];
                while (*link != pi)
                    link = &point(*link).next;
                *link = p.next;
                break;
            }
            const size_t q = static_cast<size_t>(quadrant(p.cx, p.cy, bits - n.depth - 1));
            const qint32 ref = n.child[q];
            if (ref == pointRef(pi)) {
                n.child[q] = kNone;
                break;
            }
            current = ref;
        }
        for (int i = 0; i < pathLength; ++i)
            addAggregate(node(path[static_cast<size_t>(i)]), -1, -qint64{p.qx}, -qint64{p.qy});

        // Keep the tree canonical (no inner node with one child, no bucket with one point),
        // so a tree after updates is the tree a fresh build makes.
        const qint32 last = path[static_cast<size_t>(pathLength - 1)];
        if (last == 0)
            return;
        const Node &n = node(last);
        qint32 replacement = kNone;
        if (isBucket(n)) {
            if (n.count == 1)
                replacement = pointRef(n.child[0]);
        } else {
            int children = 0;
            for (qint32 c : n.child) {
                if (c != kNone) {
                    ++children;
                    replacement = c;
                }
            }
            if (children != 1)
                replacement = kNone;
        }
        if (replacement == kNone)
            return;
        if (isPointRef(replacement))
            point(pointOfRef(replacement)).next = kNone;
        Node &parent = node(path[static_cast<size_t>(pathLength - 2)]);
        parent.child[static_cast<size_t>(quadrant(p.cx, p.cy, bits - parent.depth - 1))] = replacement;
        releaseNode(last);
    }

    // What a bulk build sorts: everything the tree needs, so that building it reads one
    // contiguous array instead of hopping through the points.
    struct Entry
    {
        quint64 code; // Morton code of the maxZoom cell
        quint32 qx, qy;
        qint32 slot; // index into points
        bool operator<(const Entry &o) const { return code != o.code ? code < o.code : slot < o.slot; }
    };

    // Each new point goes to the head of its bucket's list, so a bucket built from points in
    // input order lists them as the same sequence of upserts would.
    void linkBucket(qint32 bucket, const std::vector<Entry> &order, size_t begin, size_t end)
    {
        Node &b = node(bucket);
        for (size_t i = begin; i < end; ++i) {
            const Entry &e = order[i];
            point(e.slot).next = b.child[0];
            b.child[0] = e.slot;
            addAggregate(b, 1, e.qx, e.qy);
        }
    }

    // Builds the subtree of the points order[begin, end), which all lie in one child cell of
    // their parent.
    qint32 buildRange(const std::vector<Entry> &order, size_t begin, size_t end)
    {
        if (end - begin == 1)
            return pointRef(order[begin].slot);
        const Entry &first = order[begin];
        const int differing = static_cast<int>(std::bit_width(first.code ^ order[end - 1].code));
        const int common = bits - (differing + 1) / 2;
        const int s = bits - common;
        const qint32 made = allocNode(common, static_cast<quint32>(quint64{cellOf(first.qx)} >> s),
            static_cast<quint32>(quint64{cellOf(first.qy)} >> s));
        if (common == bits)
            linkBucket(made, order, begin, end);
        else
            fillChildren(made, order, begin, end);
        return made;
    }

    void fillChildren(qint32 parent, const std::vector<Entry> &order, size_t begin, size_t end)
    {
        const int shift = 2 * (bits - node(parent).depth - 1);
        auto it = order.begin() + static_cast<std::ptrdiff_t>(begin);
        const auto stop = order.begin() + static_cast<std::ptrdiff_t>(end);
        while (it != stop) {
            const quint64 q = (it->code >> shift) & 3;
            const auto next
                = std::partition_point(it, stop, [&](const Entry &e) { return ((e.code >> shift) & 3) == q; });
            const qint32 child
                = buildRange(order, static_cast<size_t>(it - order.begin()), static_cast<size_t>(next - order.begin()));
            addRefAggregate(node(parent), child);
            node(parent).child[static_cast<size_t>(q)] = child;
            it = next;
        }
    }

    Box makeBox(const LatLonBox &in) const
    {
        Box box;
        box.minLat = in.minLat;
        box.maxLat = in.maxLat;
        if (!(in.minLat <= in.maxLat) || !(in.minLon == in.minLon) || !(in.maxLon == in.maxLon)) {
            box.empty = true;
            return box;
        }
        box.allLon = in.maxLon - in.minLon >= 360.0 || (in.minLon <= -180.0 && in.maxLon >= 180.0);
        box.minLon = wrapLon(in.minLon);
        box.maxLon = wrapLon(in.maxLon);
        box.wrapped = !box.allLon && box.minLon > box.maxLon;

        const qint64 yTop = cellOf(quantize(mercatorY(box.maxLat)));
        const qint64 yBottom = cellOf(quantize(mercatorY(box.minLat)));
        box.outerY = {yTop - 1, yBottom + 1};
        box.innerY = {yTop + 1, yBottom - 1};
        const qint64 xWest = cellOf(quantize(mercatorX(box.minLon)));
        const qint64 xEast = cellOf(quantize(mercatorX(box.maxLon)));
        if (box.allLon) {
            box.outerX[0] = {0, maxCell};
            box.innerX[0] = {0, maxCell};
        } else if (box.wrapped) {
            box.outerX = {CellRange{xWest - 1, maxCell}, CellRange{0, xEast + 1}};
            box.innerX = {CellRange{xWest + 1, maxCell - 1}, CellRange{1, xEast - 1}};
        } else {
            box.outerX[0] = {xWest - 1, xEast + 1};
            box.innerX[0] = {xWest + 1, xEast - 1};
        }
        return box;
    }

    bool cellMayHold(const Box &box, const Node &n) const
    {
        const int s = bits - n.depth;
        const qint64 x0 = static_cast<qint64>(quint64{n.cx} << s),
                     x1 = static_cast<qint64>((quint64{n.cx} + 1) << s) - 1;
        const qint64 y0 = static_cast<qint64>(quint64{n.cy} << s),
                     y1 = static_cast<qint64>((quint64{n.cy} + 1) << s) - 1;
        return box.outerY.overlaps(y0, y1) && (box.outerX[0].overlaps(x0, x1) || box.outerX[1].overlaps(x0, x1));
    }

    bool cellInside(const Box &box, const Node &n) const
    {
        const int s = bits - n.depth;
        const qint64 x0 = static_cast<qint64>(quint64{n.cx} << s),
                     x1 = static_cast<qint64>((quint64{n.cx} + 1) << s) - 1;
        const qint64 y0 = static_cast<qint64>(quint64{n.cy} << s),
                     y1 = static_cast<qint64>((quint64{n.cy} + 1) << s) - 1;
        return box.innerY.contains(y0, y1) && (box.innerX[0].contains(x0, x1) || box.innerX[1].contains(x0, x1));
    }

    template <typename Fn> void forEachPoint(qint32 ref, Fn &&fn) const
    {
        if (ref == kNone)
            return;
        if (isPointRef(ref)) {
            fn(point(pointOfRef(ref)));
            return;
        }
        const Node &n = node(ref);
        if (isBucket(n)) {
            for (qint32 i = n.child[0]; i != kNone; i = point(i).next)
                fn(point(i));
            return;
        }
        for (qint32 c : n.child)
            forEachPoint(c, fn);
    }

    template <typename Fn> void forEachPointInBox(const Box &box, qint32 ref, Fn &&fn) const
    {
        if (ref == kNone)
            return;
        if (isPointRef(ref)) {
            const Point &p = point(pointOfRef(ref));
            if (box.holds(p.lat, p.lon))
                fn(p);
            return;
        }
        const Node &n = node(ref);
        if (n.count == 0 || !cellMayHold(box, n))
            return;
        if (cellInside(box, n)) {
            forEachPoint(ref, fn);
            return;
        }
        if (isBucket(n)) {
            for (qint32 i = n.child[0]; i != kNone; i = point(i).next) {
                if (box.holds(point(i).lat, point(i).lon))
                    fn(point(i));
            }
            return;
        }
        for (qint32 c : n.child)
            forEachPointInBox(box, c, fn);
    }

    static Cluster single(const Point &p)
    {
        Cluster c;
        c.lat = p.lat;
        c.lon = p.lon;
        c.count = 1;
        c.pointId = p.id;
        return c;
    }

    // The one point below a node with count 1 (only the root can be such a node).
    const Point &onlyPoint(qint32 ref) const
    {
        while (!isPointRef(ref)) {
            const Node &n = node(ref);
            if (isBucket(n))
                return point(n.child[0]);
            for (qint32 c : n.child) {
                if (c != kNone) {
                    ref = c;
                    break;
                }
            }
        }
        return point(pointOfRef(ref));
    }

    void emitCell(const Box &box, qint32 ref, int zoomDepth, QList<Cluster> *out) const
    {
        const Node &n = node(ref);
        if (n.count == 1) {
            const Point &p = onlyPoint(ref);
            if (box.holds(p.lat, p.lon))
                out->append(single(p));
            return;
        }
        Cluster c;
        c.count = n.count;
        c.lon = lonFromX(static_cast<double>(n.sumX) / n.count / kQuantScale);
        c.lat = latFromY(static_cast<double>(n.sumY) / n.count / kQuantScale);
        if (!box.holds(c.lat, c.lon))
            return;
        const int s = n.depth - zoomDepth;
        c.clusterKey = (quint64{n.cx} >> s) | ((quint64{n.cy} >> s) << 32);
        out->append(c);
    }

    void queryCells(const Box &box, qint32 ref, int zoomDepth, QList<Cluster> *out) const
    {
        if (ref == kNone)
            return;
        if (isPointRef(ref)) {
            const Point &p = point(pointOfRef(ref));
            if (box.holds(p.lat, p.lon))
                out->append(single(p));
            return;
        }
        const Node &n = node(ref);
        if (n.count == 0 || !cellMayHold(box, n))
            return;
        if (n.depth >= zoomDepth) {
            emitCell(box, ref, zoomDepth, out);
            return;
        }
        for (qint32 c : n.child)
            queryCells(box, c, zoomDepth, out);
    }

    // The subtree holding exactly the points of cell `key` at zoomDepth, or kNone.
    qint32 findCell(quint64 key, int zoomDepth) const
    {
        const quint64 kx = key & 0xFFFFFFFFull, ky = key >> 32;
        qint32 ref = 0;
        for (;;) {
            if (isPointRef(ref)) {
                const Point &p = point(pointOfRef(ref));
                const int s = bits - zoomDepth;
                return (quint64{p.cx} >> s) == kx && (quint64{p.cy} >> s) == ky ? ref : kNone;
            }
            const Node &n = node(ref);
            if (n.depth >= zoomDepth) {
                const int s = n.depth - zoomDepth;
                return (quint64{n.cx} >> s) == kx && (quint64{n.cy} >> s) == ky ? ref : kNone;
            }
            const int s = zoomDepth - n.depth;
            if ((kx >> s) != n.cx || (ky >> s) != n.cy)
                return kNone;
            ref = n.child[static_cast<size_t>(quadrant(kx, ky, s - 1))];
            if (ref == kNone)
                return kNone;
        }
    }
};

ClusterIndex::ClusterIndex(int radiusPx, int maxZoom) : d(std::make_unique<Impl>(radiusPx, maxZoom)) { }

ClusterIndex::~ClusterIndex() = default;
ClusterIndex::ClusterIndex(ClusterIndex &&) noexcept = default;
ClusterIndex &ClusterIndex::operator=(ClusterIndex &&) noexcept = default;

void ClusterIndex::build(const QList<GeoPoint> &input)
{
    d->reset();
    d->points.reserve(static_cast<size_t>(input.size()));
    d->byId.reserve(input.size());
    for (const GeoPoint &g : input) {
        // One hash operation per point: operator[] adds the id when the size grows.
        const qsizetype before = d->byId.size();
        qint32 &slot = d->byId[g.id];
        if (d->byId.size() != before)
            slot = d->allocPoint();
        Impl::Point &p = d->point(slot);
        p.id = g.id;
        d->setPosition(p, g.lat, g.lon);
    }
    if (d->points.empty())
        return;

    std::vector<Impl::Entry> order;
    order.reserve(d->points.size());
    for (size_t i = 0; i < d->points.size(); ++i) {
        const Impl::Point &p = d->points[i];
        order.push_back({morton(p.cx, p.cy), p.qx, p.qy, static_cast<qint32>(i)});
    }
    std::sort(order.begin(), order.end());
    // Fewer inner nodes than points, and at most one bucket per two points.
    d->nodes.reserve(d->points.size() + d->points.size() / 2 + 1);
    if (d->bits == 0) {
        // Everything shares the one maxZoom cell: the root is the bucket.
        d->linkBucket(0, order, 0, order.size());
        return;
    }
    d->fillChildren(0, order, 0, order.size());
}

void ClusterIndex::upsert(const GeoPoint &g)
{
    const auto it = d->byId.constFind(g.id);
    if (it != d->byId.cend()) {
        Impl::Point &p = d->point(it.value());
        if (p.lat == g.lat && p.lon == g.lon)
            return;
        d->erase(it.value());
        Impl::Point &moved = d->point(it.value());
        moved.next = kNone;
        d->setPosition(moved, g.lat, g.lon);
        d->insert(it.value());
        return;
    }
    const qint32 index = d->allocPoint();
    Impl::Point &p = d->point(index);
    p = Impl::Point{};
    p.id = g.id;
    d->setPosition(p, g.lat, g.lon);
    d->byId.insert(g.id, index);
    d->insert(index);
}

bool ClusterIndex::remove(qint64 id)
{
    const auto it = d->byId.find(id);
    if (it == d->byId.end())
        return false;
    const qint32 index = it.value();
    d->byId.erase(it);
    d->erase(index);
    d->point(index).next = d->freePoint;
    d->freePoint = index;
    return true;
}

void ClusterIndex::clear()
{
    d->reset();
}

qsizetype ClusterIndex::size() const
{
    return d->byId.size();
}

bool ClusterIndex::contains(qint64 id) const
{
    return d->byId.contains(id);
}

QList<Cluster> ClusterIndex::query(const LatLonBox &box, int zoom) const
{
    QList<Cluster> out;
    const Impl::Box b = d->makeBox(box);
    if (b.empty || d->byId.isEmpty())
        return out;
    zoom = std::clamp(zoom, 0, d->maxZoom + 1);
    if (zoom > d->maxZoom) {
        d->forEachPointInBox(b, 0, [&out](const Impl::Point &p) { out.append(Impl::single(p)); });
        return out;
    }
    d->queryCells(b, 0, d->depthOfZoom(zoom), &out);
    return out;
}

QList<qint64> ClusterIndex::pointsIn(const Cluster &cluster, int zoom) const
{
    QList<qint64> out;
    zoom = std::clamp(zoom, 0, d->maxZoom + 1);
    if (cluster.count <= 1 || zoom > d->maxZoom) {
        if (cluster.count == 1 && d->byId.contains(cluster.pointId))
            out.append(cluster.pointId);
        return out;
    }
    const qint32 ref = d->findCell(cluster.clusterKey, d->depthOfZoom(zoom));
    d->forEachPoint(ref, [&out](const Impl::Point &p) { out.append(p.id); });
    return out;
}

QList<qint64> ClusterIndex::pointsInBox(const LatLonBox &box) const
{
    QList<qint64> out;
    const Impl::Box b = d->makeBox(box);
    if (b.empty)
        return out;
    d->forEachPointInBox(b, 0, [&out](const Impl::Point &p) { out.append(p.id); });
    return out;
}

int ClusterIndex::expansionZoom(const Cluster &cluster, int zoom) const
{
    zoom = std::clamp(zoom, 0, d->maxZoom + 1);
    if (cluster.count <= 1 || zoom > d->maxZoom)
        return zoom;
    qint32 ref = d->findCell(cluster.clusterKey, d->depthOfZoom(zoom));
    if (ref == kNone || isPointRef(ref))
        return zoom;
    // Only the root may have a single child; the cluster splits where its points branch.
    for (;;) {
        const Impl::Node &n = d->node(ref);
        if (d->isBucket(n))
            return d->maxZoom + 1;
        qint32 only = kNone;
        int children = 0;
        for (qint32 c : n.child) {
            if (c != kNone) {
                ++children;
                only = c;
            }
        }
        if (children == 1 && !isPointRef(only)) {
            ref = only;
            continue;
        }
        const int splitZoom = n.depth + 1 - d->bits + d->maxZoom;
        return std::clamp(splitZoom, zoom + 1, d->maxZoom + 1);
    }
}

int ClusterIndex::maxZoom() const
{
    return d->maxZoom;
}

int ClusterIndex::radiusPx() const
{
    return d->radius;
}

} // namespace dimos
