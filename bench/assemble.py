#!/usr/bin/env python3
"""Assembles docs/PERFORMANCE.md from bench/PERFORMANCE.head.md and bench/results/*.md."""
import pathlib, platform, subprocess

root = pathlib.Path(__file__).resolve().parent.parent
order = ["http", "storage", "ws", "cluster", "map", "geo", "startup"]
results = root / "bench" / "results"
parts = [(root / "bench" / "PERFORMANCE.head.md").read_text()]
found = sorted(results.glob("*.md"), key=lambda p: (order.index(p.stem) if p.stem in order else len(order), p.stem))
for p in found:
    parts.append(p.read_text().strip() + "\n")
out = root / "docs" / "PERFORMANCE.md"
out.write_text("\n".join(parts))
