"""Shared helpers for the bench/<module>/run drivers (python3, standard library only).

What is here: a description of the machine and build for the result header, the servers
under test (dimosd with a generated configuration, nginx with a generated configuration),
the wrk load generator with exact percentiles, alternating side-by-side runs, the seeded
1M-report database (cached under the build folder) and Markdown tables.

Every process started here is stopped by the `with` block that started it.
"""

import contextlib
import datetime
import hashlib
import http.client
import json
import os
import pathlib
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
BOUNDARY = ROOT / "resources" / "demo" / "serres-boundary.geojson"

# Response headers every dimosd response carries (server/http/HttpTypes.cpp); the nginx
# reference adds the same ones so both sides send the same bytes for the same body.
SECURITY_HEADERS = [
    ("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https:; object-src 'none'; "
                                "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cache-Control", "no-store"),
]


def say(text):
    print(f"    {text}", file=sys.stderr, flush=True)


def fail(text):
    print(f"bench: {text}", file=sys.stderr, flush=True)
    sys.exit(1)


def require_tool(name, package):
    if shutil.which(name) is None and not pathlib.Path(name).exists():
        fail(f"{name} is missing: install the Debian package {package} (bench/run installs bench/debian-packages.txt)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# A quick smoke test of a driver: DIMOS_BENCH_REPORTS=20000 DIMOS_BENCH_RUNS=1 bench/http/run …
# (the results then say so; publish only full runs).
REPORTS = int(os.environ.get("DIMOS_BENCH_REPORTS", "1000000"))
RUNS = int(os.environ.get("DIMOS_BENCH_RUNS", "0"))  # 0: each module's own count (≥ 5)


def runs(default):
    return RUNS or default


def median(values):
    return statistics.median(values)


# ---------------------------------------------------------------------------------------
# The machine and the build


def _cmake_cache(build_dir, key):
    cache = pathlib.Path(build_dir) / "CMakeCache.txt"
    if not cache.exists():
        return ""
    for line in cache.read_text(errors="replace").splitlines():
        if line.startswith(key + ":"):
            return line.split("=", 1)[1]
    return ""


def _first(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.strip()
        return out.splitlines()[0] if out else ""
    except (OSError, subprocess.SubprocessError):
        return ""


def machine_description(build_dir):
    """A few Markdown lines: when, on what, which build."""
    cpu = "unknown CPU"
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kib = 0
    for line in pathlib.Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kib = int(line.split()[1])
    osname = platform.system()
    osr = pathlib.Path("/etc/os-release")
    if osr.exists():
        for line in osr.read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                osname = line.split("=", 1)[1].strip('"')
    commit = _first(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    build_type = _cmake_cache(build_dir, "CMAKE_BUILD_TYPE") or "unknown"
    compiler = _first([_cmake_cache(build_dir, "CMAKE_CXX_COMPILER") or "c++", "--version"])
    qt = _first(["dpkg-query", "-W", "-f=${Version}", "libqt6core6"])
    sqlite = _first(["dpkg-query", "-W", "-f=${Version}", "libsqlite3-0"])
    load = os.getloadavg()
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"Measured {now} on {cpu}, {os.cpu_count()} cores, {mem_kib // 1024 // 1024} GiB, {osname}, "
        f"Linux {platform.release()}; load average {load[0]:.1f} at the start "
        f"(other work on the machine takes CPU from both sides alike). "
        f"Build: {build_type}, {compiler}, Qt {qt}, SQLite {sqlite}, commit {commit}"
        f"{' with uncommitted changes' if dirty else ''}."
    )


# ---------------------------------------------------------------------------------------
# dimosd


def dimosd_binary(build_dir):
    path = pathlib.Path(build_dir) / "server" / "dimosd"
    if not path.exists():
        fail(f"{path} does not exist: build the dimosd target in {build_dir} first")
    return path


class Dimosd:
    """One dimosd with a generated configuration in `home` (data in home/data).

    The benchmark configuration lifts what would otherwise limit or slow a load test:
    reports_per_hour_per_address at its maximum, max_connections at its maximum, the
    access log off. Everything else keeps its default (see BENCH_SETTINGS)."""

    BENCH_SETTINGS = {
        "http/max_connections": "100000",
        "http/access_log": "false",
        "open311/reports_per_hour_per_address": "100000",
    }

    def __init__(self, build_dir, home, overrides=None):
        self.binary = dimosd_binary(build_dir)
        self.home = pathlib.Path(home)
        self.data = self.home / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.settings = {
            "server/listen": "127.0.0.1",
            "server/port": str(self.port),
            "server/base_url": f"http://127.0.0.1:{self.port}",
            "storage/data_dir": str(self.data),
            "open311/require_api_key": "true",
            "open311/boundary_file": str(BOUNDARY),
            "municipality/name_el": "Δήμος Σερρών",
            "municipality/name_en": "Municipality of Serres",
            "municipality/contact_email": "info@example.org",
        }
        self.settings.update(self.BENCH_SETTINGS)
        self.settings.update(overrides or {})
        self.config = self.home / "dimosd.ini"
        sections = {}
        for key, value in self.settings.items():
            section, name = key.split("/", 1)
            sections.setdefault(section, []).append(f"{name} = {value}")
        self.config.write_text("".join(f"[{s}]\n" + "\n".join(lines) + "\n\n" for s, lines in sections.items()))
        self.proc = None
        self.log = self.home / "dimosd.log"

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def cli(self, *args, stdin=None, timeout=None):
        r = subprocess.run([str(self.binary), "--config", str(self.config), *args], input=stdin,
                           capture_output=True, text=True, timeout=timeout)
        if r.returncode != 0:
            fail(f"dimosd {' '.join(args)} failed: {r.stderr.strip() or r.stdout.strip()}")
        return r.stdout

    def start(self, timeout=60):
        """Starts dimosd; returns the seconds from exec to the first 200 from /healthz."""
        assert self.proc is None
        logf = open(self.log, "ab")
        t0 = time.perf_counter()
        self.proc = subprocess.Popen([str(self.binary), "--config", str(self.config), "serve"],
                                     stdout=logf, stderr=logf, stdin=subprocess.DEVNULL)
        logf.close()
        while True:
            if self.proc.poll() is not None:
                self.proc = None
                fail(f"dimosd exited during start-up; its log ({self.log}):\n{self.log.read_text()[-3000:]}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz")
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    return time.perf_counter() - t0
            except OSError:
                pass
            if time.perf_counter() - t0 > timeout:
                self.stop()
                fail(f"dimosd did not answer /healthz within {timeout} s; see {self.log}")
            time.sleep(0.002)

    def memory_kib(self):
        """(VmRSS, VmHWM) of the running dimosd in KiB."""
        status = pathlib.Path(f"/proc/{self.proc.pid}/status").read_text()
        values = {}
        for line in status.splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                values[line.split(":")[0]] = int(line.split()[1])
        return values["VmRSS"], values["VmHWM"]

    def stop(self):
        if self.proc is None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def http_get(url, headers=None):
    """(status, body bytes, response headers dict)."""
    from urllib.parse import urlsplit
    u = urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    path = u.path + (f"?{u.query}" if u.query else "")
    conn.request("GET", path, headers=headers or {})
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, body, {k.lower(): v for k, v in r.getheaders()}


def http_post_json(url, payload):
    from urllib.parse import urlsplit
    u = urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    conn.request("POST", u.path, body=json.dumps(payload).encode(), headers={"Content-Type": "application/json"})
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, body


# ---------------------------------------------------------------------------------------
# The seeded database


def _seed_key(reports):
    h = hashlib.sha256(str(reports).encode())
    for p in sorted((ROOT / "server" / "storage" / "migrations").rglob("*.sql")):
        h.update(p.name.encode() + p.read_bytes())
    for p in [ROOT / "server" / "app" / "DemoSeeder.cpp", ROOT / "resources" / "demo" / "municipality.json"]:
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


# The demo reports lie in the 60 days before the seed and Open311's default window is the last
# 90 days: after 25 days the newest page would start to thin out, so the file is made again.
MAX_SEED_AGE_DAYS = 25
# `dimosd demo-seed` writes each report through ReportService (history lines, status changes,
# notes, events) at a few thousand reports a second on this machine, all in one transaction:
# a million would take over an hour. The big database is therefore SEED_BASE demo reports
# from demo-seed, copied with SQL until it holds `reports`: each copy gets new ids, its
# attribute values and history, and times moved back by 60 days per copy (so the million
# reports span years, the newest 60 days being demo-seed's own). The live-stream event log
# is not copied: dimosd keeps only live/retention_days (7) of it.
SEED_BASE = 20_000


def _replicate(db_path, target):
    import sqlite3
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    cols = [r[1] for r in con.execute("PRAGMA table_info(reports)")]
    hcols = [r[1] for r in con.execute("PRAGMA table_info(report_history)")]
    base_max = con.execute("SELECT MAX(id) FROM reports").fetchone()[0]
    base_count = con.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    span_ms = 60 * 86400 * 1000
    copies = -(-target // base_count) - 1
    for k in range(1, copies + 1):
        left = target - base_count * k
        limit = min(base_count, left)
        shift = k * base_max
        back = k * span_ms

        def expr(c):
            return {"id": f"id + {shift}", "token": f"CASE WHEN token IS NULL THEN NULL ELSE token || '-{k}' END",
                    "requested_ms": f"requested_ms - {back}", "updated_ms": f"updated_ms - {back}",
                    "expected_ms": f"expected_ms - {back}",
                    "duplicate_of": f"duplicate_of + {shift}"}.get(c, c)
        with con:
            con.execute(f"INSERT INTO reports ({', '.join(cols)}) SELECT {', '.join(expr(c) for c in cols)} "
                        f"FROM reports WHERE id <= {base_max} ORDER BY id LIMIT {limit}")
            last = base_max + shift if limit == base_count else \
                con.execute(f"SELECT MAX(id) FROM reports").fetchone()[0]
            con.execute(f"INSERT INTO report_attribute_values (report_id, code, position, value) "
                        f"SELECT report_id + {shift}, code, position, value FROM report_attribute_values "
                        f"WHERE report_id <= {base_max} AND report_id + {shift} <= {last}")
            hc = [c for c in hcols if c != "id"]
            hx = {"report_id": f"report_id + {shift}", "at_ms": f"at_ms - {back}"}
            con.execute(f"INSERT INTO report_history ({', '.join(hc)}) SELECT {', '.join(hx.get(c, c) for c in hc)} "
                        f"FROM report_history WHERE report_id <= {base_max} AND report_id + {shift} <= {last}")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    n = con.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    con.close()
    return n


def seeded_database(build_dir, reports=None):
    """Path of a dimos.sqlite holding the demo municipality with `reports` demo reports.

    Made with `dimosd demo-seed` (at most SEED_BASE reports) and, beyond that, copied with
    SQL (see SEED_BASE). Kept in <build>/cache/ and reused while the schema, the seeder and
    the demo data are unchanged and it is younger than MAX_SEED_AGE_DAYS.
    Returns (path, info dict: seed_seconds, seed_reports, copy_seconds, reports, bytes)."""
    reports = reports or REPORTS
    cache = pathlib.Path(build_dir) / "cache"
    cache.mkdir(exist_ok=True)
    key = _seed_key(reports)
    db = cache / f"dimos-{reports}-{key}.sqlite"
    info_path = db.with_suffix(".json")
    if db.exists() and info_path.exists():
        info = json.loads(info_path.read_text())
        if time.time() - info["seeded_at"] < MAX_SEED_AGE_DAYS * 86400:
            return db, info
    for old in cache.glob(f"dimos-{reports}-*"):
        old.unlink()
    base = min(reports, SEED_BASE)
    say(f"making a database with {reports:,} demo reports: demo-seed of {base:,}"
        f"{', then copies' if reports > base else ''} (kept in {cache} for later runs)")
    with tempfile.TemporaryDirectory(prefix="dimos-seed-") as tmp:
        d = Dimosd(build_dir, tmp)
        t0 = time.perf_counter()
        d.cli("demo-seed", "--reports", str(base))
        seed_seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        count = _replicate(str(d.data / "dimos.sqlite"), reports) if reports > base else base
        copy_seconds = time.perf_counter() - t0
        if count != reports:
            fail(f"the benchmark database holds {count} reports instead of {reports}")
        shutil.move(str(d.data / "dimos.sqlite"), db)
    info = {"seeded_at": time.time(), "seed_seconds": seed_seconds, "seed_reports": base,
            "copy_seconds": copy_seconds, "reports": reports, "bytes": db.stat().st_size}
    info_path.write_text(json.dumps(info))
    say(f"demo-seed {base:,} in {seed_seconds:.0f} s, copies in {copy_seconds:.0f} s, "
        f"{info['bytes'] / 2**20:.0f} MiB")
    return db, info


def describe_seed(info):
    """One sentence on how the benchmark database was made."""
    text = (f"The database holds {info['reports']:,} demo reports: `dimosd demo-seed --reports "
            f"{info['seed_reports']}` ({info['seed_seconds']:.0f} s, "
            f"{info['seed_reports'] / info['seed_seconds']:,.0f} reports/s")
    if info["reports"] > info["seed_reports"]:
        text += (f"; at that rate a million would take {1e6 / (info['seed_reports'] / info['seed_seconds']) / 60:.0f}"
                 f" min), copied with SQL to {info['reports']:,} in {info['copy_seconds']:.0f} s (new ids, "
                 "attribute values and history with each copy, times moved back 60 days per copy; see "
                 "`bench/lib/dimosbench.py`)")
    else:
        text += ")"
    return text + f"; {info['bytes'] / 2**20:,.0f} MiB, cached in the build folder."


def copy_database(source, dimosd):
    """Puts a copy of `source` where `dimosd` keeps its database."""
    shutil.copyfile(source, dimosd.data / "dimos.sqlite")


# ---------------------------------------------------------------------------------------
# nginx


class Nginx:
    """Debian's nginx serving `files` ({url path: bytes}) as static files from a temporary
    folder, with a generated configuration: one worker process (dimosd serves from one
    thread), access log off, keep-alive without a request limit, sendfile, the same
    security headers and content type as dimosd."""

    def __init__(self, files, content_type="application/json; charset=utf-8", extra_headers=()):
        require_tool("/usr/sbin/nginx", "nginx-light")
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="dimos-bench-nginx-"))
        self.www = self.tmp / "www"
        self.www.mkdir()
        for path, data in files.items():
            p = self.www / path.lstrip("/")
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        for d in [self.tmp, *self.www.rglob("*")]:
            os.chmod(d, 0o755 if d.is_dir() else 0o644)
        os.chmod(self.www, 0o755)
        self.port = free_port()
        mime, _, charset = content_type.partition("; charset=")
        headers = "\n".join(f"            add_header {n} \"{v}\" always;"
                            for n, v in [*SECURITY_HEADERS, *extra_headers])
        t = self.tmp
        self.conf = t / "nginx.conf"
        self.conf.write_text(f"""
worker_processes 1;
daemon off;
pid {t}/nginx.pid;
error_log {t}/error.log warn;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    client_body_temp_path {t}/body;
    proxy_temp_path {t}/proxy;
    fastcgi_temp_path {t}/fastcgi;
    uwsgi_temp_path {t}/uwsgi;
    scgi_temp_path {t}/scgi;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 30s;
    keepalive_requests 100000000;
    open_file_cache max=64 inactive=60s;
    open_file_cache_valid 60s;
    types {{ }}
    default_type {mime};
    {f'charset {charset}; charset_types {mime};' if charset else ''}
    server {{
        listen 127.0.0.1:{self.port};
        root {self.www};
        location / {{
{headers}
        }}
    }}
}}
""")
        self.proc = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.proc = subprocess.Popen(["/usr/sbin/nginx", "-c", str(self.conf), "-p", str(self.tmp)],
                                     stdout=subprocess.DEVNULL, stderr=open(self.tmp / "stderr.log", "wb"))
        t0 = time.perf_counter()
        while True:
            if self.proc.poll() is not None:
                fail(f"nginx did not start: {(self.tmp / 'stderr.log').read_text()}"
                     f"{(self.tmp / 'error.log').read_text() if (self.tmp / 'error.log').exists() else ''}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                if time.perf_counter() - t0 > 10:
                    fail("nginx did not start listening within 10 s")
                time.sleep(0.01)

    def __exit__(self, *exc):
        if self.proc is not None:
            self.proc.send_signal(signal.SIGQUIT)  # graceful stop of master and worker
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


# ---------------------------------------------------------------------------------------
# wrk

_WRK_DONE = r"""
done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        'WRKRESULT {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
        '"max_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\n',
        summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(90),
        latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def wrk(url, connections, seconds, threads=1, script="", headers=(), allow_errors=False):
    """Runs wrk (with --latency) and returns a dict: rps, p50_ms, p90_ms, p99_ms, requests,
    bytes, errors. `script` is Lua run before the result reporter (for POST bodies)."""
    require_tool("wrk", "wrk")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script + _WRK_DONE)
        lua = f.name
    try:
        cmd = ["wrk", "--latency", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
               "--timeout", "10s", "-s", lua]
        for h in headers:
            cmd += ["-H", h]
        out = subprocess.run(cmd + [url], capture_output=True, text=True, timeout=seconds + 60)
    finally:
        os.unlink(lua)
    line = next((l for l in out.stdout.splitlines() if l.startswith("WRKRESULT ")), None)
    if line is None:
        fail(f"wrk gave no result for {url}: {out.stdout}{out.stderr}")
    r = json.loads(line[len("WRKRESULT "):])
    errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
    if errors and not allow_errors:
        fail(f"wrk saw errors against {url}: {r} (status = non-2xx/3xx answers)\n{out.stdout}")
    return {"rps": r["requests"] / (r["duration_us"] / 1e6), "p50_ms": r["p50_us"] / 1000,
            "p90_ms": r["p90_us"] / 1000, "p99_ms": r["p99_us"] / 1000, "max_ms": r["max_us"] / 1000,
            "requests": r["requests"], "bytes": r["bytes"], "errors": errors, "status_errors": r["status"]}


def alternate(runs, sides):
    """Runs each (name, fn) in `sides` `runs` times, alternating and swapping the order on
    every round so neither side always goes first. Returns {name: [results]}."""
    out = {name: [] for name, _ in sides}
    for i in range(runs):
        for name, fn in (sides if i % 2 == 0 else list(reversed(sides))):
            out[name].append(fn())
    return out


def med(results, key):
    return median([r[key] for r in results])


# ---------------------------------------------------------------------------------------
# Markdown


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def verdict(ok):
    return "**met**" if ok else "**missed**"


def fmt_rate(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}"


def fmt_ms(x):
    return f"{x:.2f}" if x < 10 else f"{x:.1f}"
