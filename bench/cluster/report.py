#!/usr/bin/env python3
"""Turns bench/cluster's JSON lines into its PERFORMANCE.md section (medians of the runs)."""
import datetime, json, platform, statistics, subprocess, sys

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
runs = int(sys.argv[2])
by = {}
for r in rows:
    by.setdefault(r["impl"], []).append(r)
med = lambda impl, key: statistics.median(r[key] for r in by[impl])
ours, ref, grid = "RadiusClusterIndex", "supercluster", "ClusterIndex"

def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()

node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
b_ours, b_ref = med(ours, "build_ms"), med(ref, "build_ms")
p99_ours, p99_ref = med(ours, "query_p99_us"), med(ref, "query_p99_us")
p50_ours, p50_ref = med(ours, "query_p50_us"), med(ref, "query_p50_us")
c_ours, c_ref = by[ours][0]["counts"], by[ref][0]["counts"]
dev = [abs(a - b) / b * 100 for a, b in zip(c_ours, c_ref)]
worst = max(dev)
yes = lambda ok: "yes" if ok else "**no**"
n = by[ours][0]["points"]
print(f"""## Clustering (`bench/cluster`)

Measured {datetime.date.today().isoformat()} on {cpu()}, {runs} alternating runs each (fresh process per run),
medians. {n:,} seeded points (60 % around 400 hot spots, 40 % spread over the Serres municipality's
extent), both sides with radius 40, extent 512, zooms 0–16, minPoints 2. Viewport queries: 2,000
seeded 1024×768-px screens at zooms 8–17 (after one warm-up pass over all of them, for the JIT);
supercluster's `getClusters` returns GeoJSON features, ours `QList<Cluster>` — each side's native
result. Single thread on both sides. supercluster 9.1.0 on Node {node}.

| what | Dimos (`RadiusClusterIndex`) | reference (supercluster) | ratio | goal | met? |
|---|---|---|---|---|---|
| build, {n:,} points | {b_ours:.0f} ms | {b_ref:.0f} ms | {b_ours / b_ref:.2f}× | ≤ 0.5× | {yes(b_ours / b_ref <= 0.5)} |
| viewport query p99 | {p99_ours:.0f} µs | {p99_ref:.0f} µs | {p99_ours / p99_ref:.2f}× | ≤ 1.0× | {yes(p99_ours / p99_ref <= 1.0)} |
| viewport query p50 | {p50_ours:.0f} µs | {p50_ref:.0f} µs | {p50_ours / p50_ref:.2f}× | — | — |
| clusters + single points per zoom, whole world | worst zoom differs by {worst:.3f} % | | | within 1 % | {yes(worst <= 1.0)} |

Items per zoom (clusters and single points over the whole world):

| zoom | {' | '.join(str(z) for z in range(len(c_ref)))} |
|---|{'---|' * len(c_ref)}
| Dimos | {' | '.join(str(c) for c in c_ours)} |
| supercluster | {' | '.join(str(c) for c in c_ref)} |

For information, the grid `ClusterIndex` that the desktop map uses (its own rule: 60-px cells of
256-px tiles, zooms 0–17, incremental updates), same points and viewports: build
{med(grid, "build_ms"):.0f} ms, query p50 {med(grid, "query_p50_us"):.0f} µs, p99 {med(grid, "query_p99_us"):.0f} µs
(it returns fewer, larger clusters — {med(grid, "query_mean_items"):.0f} items per screen against
{med(ours, "query_mean_items"):.0f} — so the query times are not comparable one to one).

Findings:
- The counts differ by a few items at some zooms. The rule and the order are the same; what
  differs is floating-point detail (V8's and glibc's sin/log, how each side stores and sums
  positions), which decides differently for the odd pair sitting exactly on a radius boundary, and
  one different decision changes the greedy pass downstream of it.
- The first version (a KD-tree of double records, 24 bytes each, walked from the root) built in
  0.72× supercluster's time: the greedy pass visits the seeds in input order, which is spatially
  random, so each neighbour search was a walk of cache misses down a 24 MB array plus leaf scans
  over already-taken points in the hot spots (perf: 60 % of the build in the search). Three
  changes brought it to the figure above: the medians' positions in a separate heap-ordered
  array that stays in cache; coordinates quantised to 32 bits in separate arrays, so a leaf scan
  reads 8 bytes a point (exact doubles decide only for the candidates); and per-subtree counts of
  untaken points, so the search skips the parts of a hot spot that are taken.
""")
