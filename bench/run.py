"""How the timeline holds up at N events: a benchmark run on demand, never in CI.

    .venv/bin/python bench/run.py [--sizes 1000,5000,10000,100000] [--databases sqlite,postgres]
                                  [--quick] [--wrk-seconds 15] [--wrk-long-seconds 60]
                                  [--peer-timeout 120]
                                  [--requests 20] [--no-analyze]
                                  [--skip server,transfer,wrk,browser]

(`python bench/run.py` re-runs itself with .venv/bin/python when Django is not importable.)
For each N and each database it fills a new database, takes the figures below and prints a
report, also written to bench/results/<timestamp>.md (raw figures in <timestamp>.json).
This file is the command; bench/data.py fills the databases, bench/server.py takes the figures
(with bench/inprocess.py and bench/browser.py, each run in a process of its own), and
bench/report.py writes the report.

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
    Taken only where the peers run (N ≤ 10,000).

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
    run in a new context, median of 5 runs each, in one Chromium:
    - ours: `/` from gunicorn; ready = DOMContentLoaded, htmx initialised, the event list laid
      out, and the axis labels laid out if there are any (`figure.axis .mark__label`, the first
      and the last of the axis SVG the stylesheet shows);
    - the static limit: the exact HTML gunicorn sent for `/`, every <script> element cut out,
      served with the collected static files by Python's http.server (bench/server.py,
      StaticSite); ready = DOMContentLoaded and the event list laid out. What no script-driven
      page can beat on this machine; the report gives ours/static;
    - the empty page `<!doctype html><title>x</title>` from the same server; ready =
      DOMContentLoaded: the floor, what a navigation costs before any page.
    Then, at N ≤ 10,000 only, the same export loaded into TimelineJS 3 (its `ready` event) and
    into vis-timeline (items labelled with the event titles; its `onInitialDrawComplete`),
    median of 3 runs each, each capped at PEER_TIMEOUT seconds ("timeout"). Ratios are
    ours/theirs; "faster" is theirs/ours. The labels each page shows at ready are counted.

Targets
    Printed next to the figures and summed up at the end (constants in bench/report.py): in
    Chromium, ready time flat from 1k to 100k (at each N ≤ 1.2× the 1k figure on the same
    database) and < 0.5 s at 100k; at 1k ≥10× faster than TimelineJS and ≥3× faster than
    vis-timeline; ours ≤ 1.3× the static limit at every N. At 100k on PostgreSQL: render p50
    ≤ 1.2× the baselines timeline 32.8, year 26.3, permalink 37.5 ms (≤ 39.4, 31.6, 45.0 ms),
    and every page's p50 < 50 ms (cached and render). Query counts identical at every N
    (render); timeline transfer < 100 KB compressed (100,000 bytes of bodies); ≥300 req/s with
    p99 < 100 ms at 8 connections; no errors at 32 connections.

--quick: 5 requests per page, wrk 3 s per run (both), 3 browser runs of ours, the static and
the empty page and 1 of each peer, peer timeout 60 s: a smoke test of the harness, not figures
to quote.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime

from data import (
    DATABASES,
    RESULTS,
    ROOT,
    TMP,
    base_env,
    database_facts,
    fill,
    fresh_database,
    log,
    manage,
)
from report import environment, ready, section, target_summary
from server import (
    PEER_MAX_N,
    PEERS,
    Gunicorn,
    background_busy,
    browser,
    chromium_path,
    export,
    server_times,
    throughput,
    transfer,
)

VENV_PYTHON = ROOT / ".venv" / "bin" / "python"


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
            peers = n <= PEER_MAX_N
            if peers:
                log("  export for the peers")
                run["export"] = stage(
                    run, "export", lambda: export(server.ensure("export"), n, kind)
                )
            busy["browser"] = background_busy()
            log("  browser: ours, the static limit, the empty page, " + (
                f"the peers (capped at {args.peer_timeout} s)" if peers
                else f"no peers (not run above {PEER_MAX_N:,} events)"))  # fmt: skip
            run["browser"] = stage(
                run,
                "browser",
                lambda: browser(
                    server.ensure("browser"),
                    run["export"]["path"] if run.get("export") else None,
                    args.browser_runs,
                    args.peer_runs,
                    args.peer_timeout,
                ),
            )
            if run.get("browser"):
                b = run["browser"]
                names = [k for k in ("ours", "static", "empty", *PEERS) if k in b]
                log("  " + ", ".join(f"{k} {ready(b[k])}" for k in names))
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
        lines += section(run, args, runs)
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
