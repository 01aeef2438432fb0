"""How the timeline holds up at N events: a benchmark run on demand, never in CI.

    .venv/bin/python bench/run.py [--sizes 1000,5000,10000,100000] [--databases sqlite,postgres]
                                  [--quick] [--wrk-seconds 15] [--wrk-long-seconds 60]
                                  [--peer-timeout 120]
                                  [--requests 20] [--no-analyze]
                                  [--skip server,transfer,wrk,browser]

(`python bench/run.py` re-runs itself with .venv/bin/python when Django is not importable.)
For each N and each database it fills a new database, takes the figures below and prints a
report, also written to bench/results/<timestamp>.md (raw figures in <timestamp>.json).

What it needs: the project's venv (`make install`: Django, gunicorn, Playwright), wrk on the
PATH (Debian's package; the script installs it when missing, with a message), PostgreSQL at
127.0.0.1:5432 as user postgres (trust) for `--databases postgres`, Chromium (Debian's package,
or CHROMIUM=path) and `npm ci` (TimelineJS and vis-timeline in node_modules) for the browser.
Everything runs on the loopback; the load generator, the server and the browser share the
machine's cores, so compare runs on the same machine only.

The figures
-----------
Every manage.py command, in-process request and gunicorn runs with DJANGO_DEBUG=0,
DJANGO_SECRET_KEY=bench, DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost, DJANGO_SECURE=0 (plain http
on the loopback), DATABASE_URL for the database under test and DJANGO_CACHE_DIR=bench/tmp/cache-…
(an empty page cache of its own for each run).

Fill
    Wall time of `manage.py migrate`, `load_seed` and `generate_events N` into a new database:
    a SQLite file in bench/tmp/, or the PostgreSQL database `bench_dialogue` (dropped and
    created again, then `VACUUM ANALYZE`d as autovacuum would after a bulk insert, unless
    --no-analyze: without statistics the planner picks poor plans, e.g. no full-text index).
    The N synthetic events come on top of the 18 curated seed events. The database is left in
    place for inspection; the next run replaces it.

Server time and queries (in-process)
    Each page type is requested through Django's test Client in a new Python process with the
    production settings (DJANGO_DEBUG=0): middleware, view, ORM, database and templates, no
    HTTP server. "first" is the first request of the process (imports, template compilation,
    the database connection, empty caches); "cached" is REQUESTS requests after a warm-up, as
    the app serves them with its page cache (kept per data version) filled; "render" is
    REQUESTS requests each after `cache.clear()`, the view's full work but for the in-memory
    event index, built once per data version (its build time is reported apart, and is part
    of "first"). Requests ask for gzip, as browsers do. Times are p50 and max in ms; queries
    are counted with CaptureQueriesContext.

Transfer
    The timeline page `/` and every stylesheet, script and image it links, fetched from
    gunicorn with `Accept-Encoding: gzip, br` as a browser would: the bytes on the wire (body,
    and body plus response headers) and decoded. Static files are whitenoise's, compressed by
    `collectstatic` (run once at the start); brotli only if the `brotli` package is installed.

Export
    `/export/timelinejs.json` (every event), timed through gunicorn: what the peers are given.

Throughput
    gunicorn, 2 sync workers, on a free loopback port; wrk (one thread, to leave the cores to
    the server; `--latency`; its default 2 s timeout; Accept-Encoding as above) on the timeline
    `/` and a permalink, at 8 connections for WRK_SECONDS and at 32 for WRK_LONG_SECONDS, after
    a warm-up:
    requests/s, p50 and p99 latency, responses that are not 2xx or 3xx, and socket errors
    (connect, read, write, timeout). Before each stage the report notes how busy the CPU was
    with other work: on a shared machine the figures are noisy.

Browser
    Navigation start to ready in Chromium (see bench/browser.py for the exact definitions), each
    run in a new context: our `/` (DOMContentLoaded, htmx initialised, the event list laid out;
    median of 5 runs), and the same export loaded into TimelineJS 3 (its `ready` event) and into
    vis-timeline (its `onInitialDrawComplete`), median of 3 runs each, each capped at
    PEER_TIMEOUT seconds ("timeout"). Ratios are ours/theirs; "faster" is theirs/ours.

Targets
    Printed next to the figures and summed up at the end: ready ≥10× faster than TimelineJS and
    ≥3× faster than vis-timeline at 1k and 5k, and < 0.5 s at 100k; server p50 < 50 ms at 100k
    on PostgreSQL (each page, cached and render); query counts identical at every N (render);
    timeline transfer < 100 KB compressed (100,000 bytes of bodies); ≥300 req/s with p99 < 100 ms
    at 8 connections; no errors at 32 connections.

--quick: 5 requests per page, wrk 3 s per run (both), 3 browser runs of ours and 1 of each
peer, peer timeout 60 s: a smoke test of the harness, not figures to quote.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.client
import importlib.util
import json
import os
import platform
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
TMP = BENCH / "tmp"
RESULTS = BENCH / "results"
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "bench_dialogue"

# Page types and their addresses: the seed's own event, source and actor, so they exist at any N.
PAGES = {
    "timeline": "/",
    "year": "/?year=2014",
    "filtered": "/?actor=japan&status=planned",
    "permalink": "/events/kono-statement/",
    "source": "/sources/japan-south-korea-to-resume-security-dialogue-this-month/",
    "search": "/?q=missile",
}
WRK_PAGES = ("timeline", "permalink")
DATABASES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}

# Targets
SPEEDUP = {"timelinejs": 10, "vis": 3}  # at these sizes
SPEEDUP_SIZES = (1000, 5000)
READY_MS_AT_100K = 500
SERVER_P50_MS = 50
TRANSFER_BYTES = 100_000
RPS = 300
P99_MS = 100
PEERS = {"timelinejs": "TimelineJS 3", "vis": "vis-timeline"}
BUSY = 0.2  # above this share of the CPU used by other work, the report warns


class BenchError(Exception):
    pass


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# Prerequisites -------------------------------------------------------------------------------


def ensure_venv() -> None:
    """Re-run with the project's venv when Django is not importable here."""
    if importlib.util.find_spec("django"):
        return
    if VENV_PYTHON.exists() and not os.environ.get("BENCH_REEXEC"):
        os.environ["BENCH_REEXEC"] = "1"
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), __file__, *sys.argv[1:]])
    sys.exit("Django is not importable: run `make install`, then `.venv/bin/python bench/run.py`.")


def ensure_wrk() -> str | None:
    if shutil.which("wrk"):
        return shutil.which("wrk")
    log("wrk is not installed: the throughput figures need it; running `apt-get install -y wrk`.")
    command = ["apt-get", "install", "-y", "wrk"]
    if os.geteuid() != 0:
        command = ["sudo", "-n", *command]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode or not shutil.which("wrk"):
        log("Could not install wrk (install the Debian package `wrk` yourself): "
            "the throughput figures are skipped.")  # fmt: skip
        return None
    return shutil.which("wrk")


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )


def browser_missing() -> str | None:
    """Why the browser figures cannot be taken, or None."""
    if not importlib.util.find_spec("playwright"):
        return "Playwright is not installed (make install)"
    if not chromium_path():
        return "Chromium not found (apt-get install chromium, or set CHROMIUM)"
    for package in ("@knight-lab/timelinejs", "vis-timeline"):
        if not (ROOT / "node_modules" / package / "package.json").is_file():
            return f"{package} not in node_modules (run `npm ci`)"
    return None


def npm_version(package: str) -> str:
    with contextlib.suppress(OSError, ValueError):
        manifest = ROOT / "node_modules" / package / "package.json"
        return json.loads(manifest.read_text())["version"]
    return "?"


# Databases -----------------------------------------------------------------------------------


def base_env(database_url: str, cache: str = "cache") -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "dialogue.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        # Plain http on the loopback: no redirect to https (on by default when DEBUG is off).
        "DJANGO_SECURE": "0",
        # The page cache is files in a shared temporary directory by default; keyed on the data
        # version only, so another database's pages could be served: one directory per run.
        "DJANGO_CACHE_DIR": str(TMP / cache),
        "PYTHONPATH": str(ROOT),
    }
    return env


def fresh_database(kind: str, n: int) -> str:
    """A new, empty database; its URL."""
    if kind == "sqlite":
        TMP.mkdir(parents=True, exist_ok=True)
        path = TMP / f"bench-{n}.sqlite3"
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_DATABASE}")
    return f"{PG_SERVER}/{PG_DATABASE}"


def database_facts(kind: str, url: str) -> dict:
    """Size on disk, published events, the server's version."""
    query = "SELECT count(*) FROM dialogue_event WHERE is_published"
    if kind == "sqlite":
        path = url.removeprefix("sqlite:///")
        with contextlib.closing(sqlite3.connect(path)) as conn:
            events = conn.execute(query).fetchone()[0]
        return {
            "bytes": Path(path).stat().st_size,
            "events": events,
            "version": sqlite3.sqlite_version,
        }
    import psycopg

    with psycopg.connect(url) as conn:
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        events = conn.execute(query).fetchone()[0]
        version = conn.execute("SHOW server_version").fetchone()[0].split()[0]
        autovacuum = conn.execute("SHOW autovacuum").fetchone()[0]
    return {"bytes": size, "events": events, "version": version, "autovacuum": autovacuum}


def manage(env: dict, *args: str) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def fill(env: dict, n: int, kind: str, analyze: bool) -> dict:
    times = {
        "migrate": manage(env, "migrate", "--noinput", "-v0"),
        "load_seed": manage(env, "load_seed"),
        "generate_events": manage(env, "generate_events", str(n)),
    }
    if kind == "postgres" and analyze:
        # The planner's statistics, as autovacuum would gather them after a bulk insert.
        import psycopg

        start = time.perf_counter()
        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
        times["vacuum_analyze"] = time.perf_counter() - start
    return times


def background_busy(seconds: float = 2.0) -> float | None:
    """The share of the CPU busy with other work while the benchmark waits (Linux /proc/stat):
    what else runs on the machine, which makes every figure noisier."""

    def sample():
        with open("/proc/stat") as stat:
            values = [int(v) for v in stat.readline().split()[1:]]
        return values[3] + values[4], sum(values)  # idle + iowait, total

    try:
        idle_a, total_a = sample()
        time.sleep(seconds)
        idle_b, total_b = sample()
    except (OSError, ValueError, IndexError):
        return None
    return 1 - (idle_b - idle_a) / max(1, total_b - total_a)


# Server time, in-process ---------------------------------------------------------------------


def server_times(env: dict, repeats: int, warmup: int) -> dict:
    pages = {}
    for name, url in PAGES.items():
        command = [sys.executable, str(BENCH / "inprocess.py"), url, str(repeats), str(warmup)]
        for attempt in range(2):  # once more if it failed: the database may have been restarted
            result = subprocess.run(
                command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600
            )
            if not result.returncode:
                break
            if attempt == 0:
                log(f"  {name} failed ({(result.stderr.strip().splitlines() or ['?'])[-1]}): "
                    "once more")  # fmt: skip
        if result.returncode:
            pages[name] = {"error": (result.stderr.strip().splitlines() or ["failed"])[-1]}
            log(f"  {name}: {pages[name]['error']}")
            continue
        raw = json.loads(result.stdout.strip().splitlines()[-1])
        pages[name] = {
            "retried": attempt > 0,
            "first": raw["first"],
            "cached": summary(raw["cached"]),
            "render": summary(raw["render"]),
            "index_build": raw["index_build"],
        }
        log(f"  {name:<10} first {raw['first']['ms']:.0f} ms, "
            f"cached p50 {pages[name]['cached']['p50']:.1f} ms, "
            f"render p50 {pages[name]['render']['p50']:.1f} ms")  # fmt: skip
    return pages


def summary(samples: list[dict]) -> dict:
    times = [s["ms"] for s in samples]
    queries = sorted({s["queries"] for s in samples})
    return {
        "p50": statistics.median(times),
        "max": max(times),
        "queries": queries,
        "bytes": samples[-1]["bytes"],
        "n": len(samples),
    }


# gunicorn ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn with 2 sync workers on a free loopback port; started again if it dies (another
    process restarting PostgreSQL or killing servers on a shared machine), which is noted."""

    def __init__(self, env: dict, logfile: Path):
        self.env, self.logfile = env, logfile
        self.process: subprocess.Popen | None = None
        self.site = ""
        self.restarts: list[str] = []

    def start(self) -> str:
        port = free_port()
        command = [
            sys.executable, "-m", "gunicorn", "dialogue.wsgi:application",
            "--workers", "2", "--bind", f"127.0.0.1:{port}",
            # The export of every event at 100k takes longer than the default 30 s.
            "--timeout", "600", "--log-level", "info", "--error-logfile", str(self.logfile),
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.site = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited ({self.process.returncode}); see {self.logfile}")
            with contextlib.suppress(OSError):
                first = fetch(self.site + "/")
                if first["status"] != 200:
                    raise BenchError(
                        f"gunicorn answered / with HTTP {first['status']} "
                        f"{first['location'] or ''}; see {self.logfile}"
                    )
                return self.site
            if time.monotonic() > deadline:
                raise BenchError(f"gunicorn did not answer within 60 s; see {self.logfile}")
            time.sleep(0.3)

    def ensure(self, stage: str) -> str:
        """The server's address, after starting it again if it has died."""
        if self.process is None or self.process.poll() is not None:
            if self.process is not None:
                self.restarts.append(f"before {stage} (it had exited: {self.process.returncode})")
                log(f"  gunicorn had exited ({self.process.returncode}): starting it again")
            self.start()
        return self.site

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def fetch(url: str, encoding: str = "gzip, br", timeout: float = 600) -> dict:
    """One GET, body undecoded: its status, headers, bytes on the wire."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request("GET", path, headers={"Accept-Encoding": encoding})
        response = conn.getresponse()
        body = response.read()
        header_bytes = len(f"HTTP/1.1 {response.status} {response.reason}\r\n\r\n") + sum(
            len(f"{k}: {v}\r\n") for k, v in response.getheaders()
        )
        return {
            "status": response.status,
            "encoding": response.getheader("Content-Encoding", "identity"),
            "type": response.getheader("Content-Type", ""),
            "location": response.getheader("Location"),
            "body": body,
            "header_bytes": header_bytes,
        }
    finally:
        conn.close()


class Assets(HTMLParser):
    """The stylesheets, scripts and images a page loads."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and {"stylesheet", "preload", "icon"} & set(
            (attrs.get("rel") or "").split()
        ):
            self.urls.append(attrs.get("href"))
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])


def transfer(site: str) -> dict:
    """The timeline page and what it links, as a browser asking for gzip and brotli gets them."""
    resources = []
    page = fetch(site + "/")
    html = fetch(site + "/", encoding="identity")["body"]
    parser = Assets()
    parser.feed(html.decode("utf-8", "replace"))
    urls = [site + "/"] + [urljoin(site + "/", u) for u in parser.urls if u]
    for url in dict.fromkeys(urls):
        if not url.startswith(site):
            resources.append({"url": url, "external": True})
            continue
        wire = page if url == site + "/" else fetch(url)
        plain = html if url == site + "/" else fetch(url, encoding="identity")["body"]
        resources.append(
            {
                "url": url.removeprefix(site),
                "status": wire["status"],
                "encoding": wire["encoding"],
                "wire": len(wire["body"]),
                "headers": wire["header_bytes"],
                "decoded": len(plain),
                # What the body would be if it were gzipped (level 6, as most servers do).
                "gzip_would_be": len(gzip.compress(plain, 6)),
            }
        )
    local = [r for r in resources if not r.get("external")]
    return {
        "resources": resources,
        "body_bytes": sum(r["wire"] for r in local),
        "total_bytes": sum(r["wire"] + r["headers"] for r in local),
        "decoded_bytes": sum(r["decoded"] for r in local),
        "html": local[0],
    }


def export(site: str, n: int, kind: str) -> dict:
    start = time.perf_counter()
    response = fetch(site + "/export/timelinejs.json", encoding="identity")
    elapsed = time.perf_counter() - start
    if response["status"] != 200:
        raise BenchError(f"/export/timelinejs.json: HTTP {response['status']}")
    path = TMP / f"timelinejs-{kind}-{n}.json"
    path.write_bytes(response["body"])
    events = len(json.loads(response["body"])["events"])
    return {"path": str(path), "seconds": elapsed, "bytes": len(response["body"]), "events": events}


# wrk -----------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(value: str, unit: str) -> float:
    return float(value) * UNITS[unit]


def parse_wrk(output: str) -> dict:
    def number(pattern, cast=float, default=None):
        match = re.search(pattern, output, re.MULTILINE)
        return cast(match.group(1)) if match else default

    latency = {}
    for percent in ("50", "75", "90", "99"):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        latency[percent] = _ms(*match.groups()) if match else None
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    socket_errors = dict(
        zip(("connect", "read", "write", "timeout"), map(int, sockets.groups()), strict=True)
    ) if sockets else {}  # fmt: skip
    return {
        "rps": number(r"^Requests/sec:\s+([\d.]+)"),
        "requests": number(r"^\s+(\d+) requests in", int),
        "p50": latency["50"],
        "p99": latency["99"],
        "non_2xx_3xx": number(r"Non-2xx or 3xx responses: (\d+)", int, 0),
        "socket_errors": socket_errors,
        "errors": sum(socket_errors.values()) + number(r"Non-2xx or 3xx responses: (\d+)", int, 0),
    }


def throughput(wrk: str, server: Gunicorn, durations: dict[int, int]) -> dict:
    runs = {}
    for name in WRK_PAGES:
        url = server.ensure(f"wrk {name}") + PAGES[name]
        for _ in range(20):  # both workers render and cache the page before the clock starts
            fetch(url)
        for connections, seconds in durations.items():
            command = [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency",
                       "-H", "Accept-Encoding: gzip, br", url]  # fmt: skip
            result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
            figures = parse_wrk(result.stdout)
            figures["raw"] = result.stdout
            runs[f"{name}@{connections}"] = figures
            log(f"  wrk {name} c={connections}: {figures['rps']} req/s, p50 {figures['p50']} ms, "
                f"p99 {figures['p99']} ms, errors {figures['errors']}")  # fmt: skip
    return runs


# Browser -------------------------------------------------------------------------------------


def browser(site: str, data: str, runs: int, peer_runs: int, peer_timeout: int) -> dict:
    config = {
        "site": site,
        "data": data,
        "chromium": chromium_path(),
        "runs": runs,
        "peer_runs": peer_runs,
        "ours_timeout": 60,
        "peer_timeout": peer_timeout,
    }
    budget = runs * 60 + 2 * peer_runs * (peer_timeout + 30) + 120
    result = subprocess.run(
        [sys.executable, str(BENCH / "browser.py"), json.dumps(config)],
        cwd=ROOT, capture_output=True, text=True, timeout=budget,
    )  # fmt: skip
    if result.returncode:
        raise BenchError(f"bench/browser.py failed:\n{result.stderr[-3000:]}")
    out = json.loads(result.stdout.strip().splitlines()[-1])
    ours = out["ours"]["median_ms"]
    for name in PEERS:
        theirs = out[name]["median_ms"]
        out[name]["ratio"] = ours / theirs if ours and theirs else None
        out[name]["faster"] = theirs / ours if ours and theirs else None
    return out


# Report --------------------------------------------------------------------------------------


def kb(n: float | None) -> str:
    return "–" if n is None else f"{n / 1000:,.1f} KB"


def ms(n: float | None) -> str:
    if n is None:
        return "–"
    return f"{n:.1f}" if n < 100 else f"{n:,.0f}"


def mark(ok: bool | None) -> str:
    return {True: "✅ met", False: "❌ missed", None: "–"}[ok]


def queries(q: list[int]) -> str:
    return str(q[0]) if len(q) == 1 else f"{q[0]}–{q[-1]}"


def section(run: dict, args) -> list[str]:
    n, kind = run["n"], run["database"]
    lines = [f"## N = {n:,} · {DATABASES[kind]}", ""]
    if run.get("error"):
        return [*lines, f"**Failed:** {run['error']}", ""]
    fill_s = run["fill"]
    facts = run["facts"]
    analyzed = (
        f", VACUUM ANALYZE {fill_s['vacuum_analyze']:.1f} s"
        if "vacuum_analyze" in fill_s
        else " (no ANALYZE: the planner has no statistics of the new rows)"
        if kind == "postgres"
        else ""
    )
    autovacuum = (
        f" Autovacuum is {facts['autovacuum']} on this server."
        if facts.get("autovacuum") == "off"
        else ""
    )
    lines += [
        f"Fill: migrate {fill_s['migrate']:.1f} s, load_seed {fill_s['load_seed']:.1f} s, "
        f"generate_events {fill_s['generate_events']:.1f} s{analyzed} · {facts['events']:,} "
        f"published events · database {facts['bytes'] / 1e6:,.1f} MB ({DATABASES[kind]} "
        f"{facts['version']}).{autovacuum}",
        "",
    ]
    for name, message in run.get("errors", {}).items():
        lines += [f"**{name} failed:** {message}", ""]
    if run.get("gunicorn_restarts"):
        lines += [f"gunicorn was started again {'; '.join(run['gunicorn_restarts'])}.", ""]
    busy = {k: v for k, v in run.get("busy", {}).items() if v is not None}
    if busy:
        lines += [
            "CPU busy with other work just before each stage (2 s sample): "
            + ", ".join(f"{k} {v:.0%}" for k, v in busy.items())
            + (
                " — **the machine was busy: figures are noisy, rerun on an idle machine.**"
                if max(busy.values()) > BUSY
                else "."
            ),
            "",
        ]
    if "server" in run:
        lines += [
            f"### Server time, in-process (ms; {args.requests} requests each, after "
            f"{args.warmup} warm-up)",
            "",
            "| page | address | first | q | cached p50 | max | q | render p50 | max | q | HTML |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, page in run["server"].items():
            if "error" in page:
                lines.append(f"| {name} | `{PAGES[name]}` | error: {page['error']} |")
                continue
            c, r, f = page["cached"], page["render"], page["first"]
            retried = " (run again after a failure)" if page.get("retried") else ""
            lines.append(
                f"| {name}{retried} | `{PAGES[name]}` | {ms(f['ms'])} | {f['queries']} "
                f"| {ms(c['p50'])} | {ms(c['max'])} | {queries(c['queries'])} "
                f"| {ms(r['p50'])} | {ms(r['max'])} | {queries(r['queries'])} | {kb(r['bytes'])} |"
            )
        builds = [p["index_build"]["ms"] for p in run["server"].values() if "index_build" in p]
        if builds:
            lines += ["", f"The event index (counts, axis, pages' ids; kept in memory per data "
                      f"version, so not in “render”) builds in {ms(statistics.median(builds))} ms "
                      f"(median over the page types' processes): paid by the first request "
                      f"after each change to the data."]  # fmt: skip
        if n >= 100_000 and kind == "postgres":
            slow = [
                f"{name} ({mode} {ms(page[mode]['p50'])} ms)"
                for name, page in run["server"].items()
                if "error" not in page
                for mode in ("cached", "render")
                if page[mode]["p50"] >= SERVER_P50_MS
            ]
            ok = not slow and not any("error" in p for p in run["server"].values())
            lines += ["", f"Target server p50 < {SERVER_P50_MS} ms at 100k on PostgreSQL: "
                      f"{mark(ok)}" + (f" — over: {', '.join(slow)}" if slow else "")]  # fmt: skip
        lines.append("")
    if "transfer" in run:
        t = run["transfer"]
        lines += [
            "### Transfer of the timeline `/` (Accept-Encoding: gzip, br)",
            "",
            "| resource | encoding | on the wire | + headers | decoded | if gzipped |",
            "| --- | --- | ---: | ---: | ---: | ---: |",
        ]
        for r in t["resources"]:
            if r.get("external"):
                lines.append(f"| {r['url']} | external, not counted | | | | |")
                continue
            lines.append(
                f"| `{r['url']}` | {r['encoding']} | {kb(r['wire'])} | "
                f"{kb(r['wire'] + r['headers'])} | {kb(r['decoded'])} | {kb(r['gzip_would_be'])} |"
            )
        ok = t["body_bytes"] < TRANSFER_BYTES
        lines += [
            f"| **total** | | **{kb(t['body_bytes'])}** | {kb(t['total_bytes'])} | "
            f"{kb(t['decoded_bytes'])} | |",
            "",
            f"Target < {TRANSFER_BYTES / 1000:.0f} KB compressed: {mark(ok)}",
            "",
        ]
    if "export" in run:
        e = run["export"]
        lines += [
            f"Export `/export/timelinejs.json`: {e['events']:,} events, {e['bytes'] / 1e6:,.1f} "
            f"MB, {e['seconds']:.2f} s (uncached, through gunicorn).",
            "",
        ]
    if "wrk" in run:
        lines += [
            f"### Throughput: gunicorn 2 workers, wrk 1 thread, {args.wrk_seconds} s at 8 "
            f"connections, {args.wrk_long_seconds} s at 32",
            "",
            "| page | connections | req/s | p50 ms | p99 ms | non-2xx/3xx | socket errors "
            "| target |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
        ]
        for key, w in run["wrk"].items():
            name, connections = key.split("@")
            if connections == "8":
                ok = None if w["rps"] is None else (
                    w["rps"] >= RPS and w["p99"] is not None and w["p99"] < P99_MS
                )  # fmt: skip
                target = f"≥{RPS} req/s, p99 < {P99_MS} ms: {mark(ok)}"
            else:
                target = f"no errors: {mark(w['errors'] == 0 and w['rps'] is not None)}"
            errors = ", ".join(f"{k} {v}" for k, v in w["socket_errors"].items() if v) or "0"
            lines.append(
                f"| {name} | {connections} | {ms(w['rps'])} | {ms(w['p50'])} | {ms(w['p99'])} "
                f"| {w['non_2xx_3xx']} | {errors} | {target} |"
            )
        lines.append("")
    if "browser" in run:
        b = run["browser"]
        ours = b["ours"]
        lines += [
            f"### Browser: navigation start to ready, Chromium {b.get('chromium', '')}",
            "",
            "| page | median ms | runs (ms) | ours/theirs | ours faster by | target |",
            "| --- | ---: | --- | ---: | ---: | --- |",
        ]
        last = ours["last"]
        target = ""
        if n >= 100_000:
            ok = ours["median_ms"] is not None and ours["median_ms"] < READY_MS_AT_100K
            target = f"< {READY_MS_AT_100K} ms: {mark(ok)}"
        lines.append(
            f"| ours `/` | {ms(ours['median_ms']) if not ours['error'] else ours['error']} | "
            f"{', '.join(ms(x) for x in ours['runs_ms'])} | | | {target} |"
        )
        for name, label in PEERS.items():
            p = b[name]
            target = ""
            if n in SPEEDUP_SIZES:
                ok = p["faster"] is not None and p["faster"] >= SPEEDUP[name]
                if p["error"] == "timeout" and ours["median_ms"] is not None:
                    ok = ours["median_ms"] * SPEEDUP[name] < args.peer_timeout * 1000
                target = f"≥{SPEEDUP[name]}× faster: {mark(ok)}"
            median = (
                f"timeout (> {args.peer_timeout} s)" if p["error"] == "timeout"
                else p["error"] or ms(p["median_ms"])
            )  # fmt: skip
            ratio = f"{p['ratio']:.3f}" if p["ratio"] else "–"
            faster = f"{p['faster']:.1f}×" if p["faster"] else "–"
            lines.append(
                f"| {label} | {median} | {', '.join(ms(x) for x in p['runs_ms'])} | {ratio} | "
                f"{faster} | {target} |"
            )
        lines += [
            "",
            f"Ours, last run: TTFB {ms(last.get('ttfb'))} ms, DOMContentLoaded "
            f"{ms(last.get('dom_content_loaded'))} ms, first contentful paint "
            f"{ms(last.get('fcp'))} ms, load {ms(last.get('load'))} ms, "
            f"{last.get('dom_nodes', '–')} DOM nodes. Peers were given "
            f"{b['timelinejs']['last'].get('events') or '–'} events; DOM nodes at ready: "
            f"TimelineJS {b['timelinejs']['last'].get('dom_nodes', '–')}, vis-timeline "
            f"{b['vis']['last'].get('dom_nodes', '–')}."
            + (
                f" Blocked requests to: {', '.join(b['blocked_requests'])}."
                if b.get("blocked_requests")
                else ""
            ),
            "",
        ]
        errors = {k: b[k]["last"].get("page_errors") for k in ("ours", *PEERS)}
        errors = {k: v for k, v in errors.items() if v}
        if errors:
            lines += [f"JavaScript errors: {errors}", ""]
    return lines


def query_targets(runs: list[dict]) -> list[str]:
    """Query counts (render) per page type, the same at every N run."""
    lines = []
    for kind in DATABASES:
        done = [r for r in runs if r["database"] == kind and "server" in r]
        if len(done) < 2:
            continue
        sizes = ", ".join(f"{r['n']:,}" for r in done)
        for name in PAGES:
            counts = {
                r["n"]: queries(r["server"][name]["render"]["queries"])
                for r in done
                if "error" not in r["server"][name]
            }
            same = len(set(counts.values())) == 1 and len(counts) == len(done)
            detail = ", ".join(f"{n:,}: {c}" for n, c in counts.items())
            lines.append(
                f"| queries identical at every N ({DATABASES[kind]}, {sizes}) | {name} | "
                f"{detail} | {mark(same)} |"
            )
    return lines


def target_summary(runs: list[dict], args) -> list[str]:
    lines = [
        "## Targets",
        "",
        "| target | where | figure | |",
        "| --- | --- | --- | --- |",
    ]
    for run in runs:
        if run.get("error"):
            continue
        where = f"{run['n']:,} · {DATABASES[run['database']]}"
        b = run.get("browser")
        if b and run["n"] in SPEEDUP_SIZES:
            for name, label in PEERS.items():
                p = b[name]
                ok = p["faster"] is not None and p["faster"] >= SPEEDUP[name]
                if p["error"] == "timeout" and b["ours"]["median_ms"] is not None:
                    ok = b["ours"]["median_ms"] * SPEEDUP[name] < args.peer_timeout * 1000
                figure = f"{p['faster']:.1f}×" if p["faster"] else (p["error"] or "–")
                lines.append(
                    f"| ready ≥{SPEEDUP[name]}× faster than {label} | {where} | {figure} | "
                    f"{mark(ok)} |"
                )
        if b and run["n"] >= 100_000:
            median = b["ours"]["median_ms"]
            ok = median is not None and median < READY_MS_AT_100K
            lines.append(f"| ready < 0.5 s at 100k | {where} | {ms(median)} ms | {mark(ok)} |")
        if "server" in run and run["n"] >= 100_000 and run["database"] == "postgres":
            for name, page in run["server"].items():
                if "error" in page:
                    lines.append(
                        f"| server p50 < 50 ms | {where}, {name} | error | {mark(False)} |"
                    )
                    continue
                worst = max(page["cached"]["p50"], page["render"]["p50"])
                lines.append(
                    f"| server p50 < {SERVER_P50_MS} ms | {where}, {name} | cached "
                    f"{ms(page['cached']['p50'])}, render {ms(page['render']['p50'])} ms | "
                    f"{mark(worst < SERVER_P50_MS)} |"
                )
        if "transfer" in run:
            body = run["transfer"]["body_bytes"]
            lines.append(
                f"| timeline transfer < 100 KB compressed | {where} | {kb(body)} | "
                f"{mark(body < TRANSFER_BYTES)} |"
            )
        for key, w in run.get("wrk", {}).items():
            name, connections = key.split("@")
            if connections == "8":
                ok = w["rps"] is not None and w["rps"] >= RPS and (w["p99"] or 1e9) < P99_MS
                lines.append(
                    f"| ≥{RPS} req/s, p99 < {P99_MS} ms at 8 connections | {where}, {name} | "
                    f"{ms(w['rps'])} req/s, p99 {ms(w['p99'])} ms | {mark(ok)} |"
                )
            else:
                lines.append(
                    f"| no errors at 32 connections | {where}, {name} | {w['errors']} errors | "
                    f"{mark(w['errors'] == 0 and w['rps'] is not None)} |"
                )
    lines += query_targets(runs)
    lines += [
        "",
        "Targets whose N or database was not in this run are not listed (server p50 and ready "
        "time: 100k; speed-ups: 1k and 5k; query counts: needs two sizes).",
        "",
    ]
    return lines


def environment(args, wrk: str | None) -> list[str]:
    import django

    gunicorn_version = "–"
    with contextlib.suppress(Exception):
        from importlib.metadata import version

        gunicorn_version = version("gunicorn")
    wrk_version = "–"
    if wrk:
        out = subprocess.run([wrk, "--version"], capture_output=True, text=True)
        wrk_version = (out.stdout or out.stderr).split()[1] if (out.stdout or out.stderr) else "?"
    brotli = importlib.util.find_spec("brotli") is not None
    return [
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, Django {django.get_version()}, gunicorn {gunicorn_version}"
        f", wrk {wrk_version}, "
        f"TimelineJS {npm_version('@knight-lab/timelinejs')}, vis-timeline "
        f"{npm_version('vis-timeline')}. brotli for whitenoise: "
        f"{'installed' if brotli else 'not installed (static files are served gzip only)'}.",
        "",
        f"Command: `{' '.join([Path(sys.executable).name, 'bench/run.py', *sys.argv[1:]])}`",
        "",
    ]


# Main ----------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,5000,10000,100000", help="N, comma-separated")
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres")
    parser.add_argument("--quick", action="store_true", help="fewer requests and runs")
    parser.add_argument("--wrk-seconds", type=int, default=None, help="at 8 connections (15)")
    parser.add_argument("--wrk-long-seconds", type=int, default=None, help="at 32 connections (60)")
    parser.add_argument("--peer-timeout", type=int, default=None, help="seconds (120)")
    parser.add_argument("--requests", type=int, default=None, help="per page type (20)")
    parser.add_argument(
        "--no-analyze",
        action="store_true",
        help="PostgreSQL: no VACUUM ANALYZE after the fill (as with autovacuum off)",
    )
    parser.add_argument(
        "--skip", default="", help="leave out some of: server, transfer, wrk, browser"
    )
    args = parser.parse_args(argv)
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    unknown = set(args.databases) - set(DATABASES)
    if unknown:
        parser.error(f"unknown database(s): {', '.join(unknown)}")
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    quick = args.quick
    args.requests = args.requests or (5 if quick else 20)
    args.warmup = 2 if quick else 5
    args.wrk_seconds = args.wrk_seconds or (3 if quick else 15)
    args.wrk_long_seconds = args.wrk_long_seconds or (3 if quick else 60)
    args.peer_timeout = args.peer_timeout or (60 if quick else 120)
    args.browser_runs = 3 if quick else 5
    args.peer_runs = 1 if quick else 3
    return args


def stage(run: dict, name: str, work):
    """Run one stage; a failure is noted in the report and the other stages still run."""
    try:
        return work()
    except Exception as exc:  # any failure of one stage: noted, and the run goes on
        message = f"{type(exc).__name__}: {exc}"
        run.setdefault("errors", {})[name] = message
        log(f"  {name} failed: {message}")
        return None


def measure(args, run: dict, wrk: str | None, no_browser: str | None) -> None:
    n, kind = run["n"], run["database"]
    log(f"N = {n:,} on {DATABASES[kind]}: filling a new database")
    url = fresh_database(kind, n)
    env = base_env(url, cache=f"cache-{kind}-{n}")
    shutil.rmtree(env["DJANGO_CACHE_DIR"], ignore_errors=True)
    run["fill"] = fill(env, n, kind, analyze=not args.no_analyze)
    run["facts"] = database_facts(kind, url)
    log(f"  filled in {sum(run['fill'].values()):.0f} s: {run['facts']['events']:,} events")
    busy = run["busy"] = {}
    if "server" not in args.skip:
        busy["server"] = background_busy()
        log("  server time, in-process")
        run["server"] = server_times(env, args.requests, args.warmup)
    if {"transfer", "wrk", "browser"} <= args.skip:
        return
    server = Gunicorn(env, TMP / f"gunicorn-{kind}-{n}.log")
    try:
        if "transfer" not in args.skip:
            run["transfer"] = stage(run, "transfer", lambda: transfer(server.ensure("transfer")))
            if run["transfer"]:
                log(f"  transfer of / and its files: {run['transfer']['body_bytes']:,} bytes")
        if "browser" not in args.skip and not no_browser:
            log("  export for the peers")
            run["export"] = stage(run, "export", lambda: export(server.ensure("export"), n, kind))
            if run["export"]:
                busy["browser"] = background_busy()
                log(f"  browser (peers capped at {args.peer_timeout} s)")
                run["browser"] = stage(
                    run,
                    "browser",
                    lambda: browser(
                        server.ensure("browser"),
                        run["export"]["path"],
                        args.browser_runs,
                        args.peer_runs,
                        args.peer_timeout,
                    ),
                )
            if run.get("browser"):
                log("  ours {} ms, TimelineJS {}, vis-timeline {}".format(
                    *(ms(run["browser"][k]["median_ms"]) if run["browser"][k]["median_ms"]
                      else run["browser"][k]["error"] for k in ("ours", *PEERS))))  # fmt: skip
        if "wrk" not in args.skip and wrk:
            busy["wrk"] = background_busy()
            durations = {8: args.wrk_seconds, 32: args.wrk_long_seconds}
            run["wrk"] = stage(run, "wrk", lambda: throughput(wrk, server, durations))
    finally:
        server.stop()
        run["gunicorn_restarts"] = server.restarts
    for key in ("transfer", "export", "browser", "wrk"):
        if run.get(key) is None:
            run.pop(key, None)


def main(argv=None) -> int:
    ensure_venv()
    args = parse_args(argv)
    started = datetime.now(UTC)
    TMP.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    wrk = None
    if "wrk" not in args.skip:
        wrk = ensure_wrk()
    no_browser = None if "browser" in args.skip else browser_missing()
    if no_browser:
        log(f"Browser figures skipped: {no_browser}.")
    log("collectstatic (whitenoise's manifest and compressed files)")
    manage(base_env(f"sqlite:///{TMP / 'collectstatic.sqlite3'}"), "collectstatic", "--noinput",
           "-v0")  # fmt: skip

    runs = []
    for n in args.sizes:
        for kind in args.databases:
            run = {"n": n, "database": kind}
            runs.append(run)
            try:
                measure(args, run, wrk, no_browser)
            except Exception as exc:  # the fill failed: this run has no figures, the others go on
                log(f"  failed: {type(exc).__name__}: {exc}")
                run["error"] = f"{type(exc).__name__}: {exc}"

    lines = [
        f"# Timeline benchmark, {started:%Y-%m-%d %H:%M} UTC",
        "",
        *environment(args, wrk),
    ]
    if no_browser:
        lines += [f"Browser figures skipped: {no_browser}.", ""]
    if "wrk" not in args.skip and not wrk:
        lines += ["Throughput skipped: wrk is not installed.", ""]
    for run in runs:
        lines += section(run, args)
    lines += target_summary(runs, args)
    report = "\n".join(lines)
    print(report)
    stamp = f"{started:%Y%m%d-%H%M%S}"
    (RESULTS / f"{stamp}.md").write_text(report + "\n")
    (RESULTS / f"{stamp}.json").write_text(json.dumps(runs, indent=2, default=str) + "\n")
    log(f"Written to {(RESULTS / f'{stamp}.md').relative_to(ROOT)} (and .json)")
    return 1 if any(r.get("error") for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
