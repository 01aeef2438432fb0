"""Helper of bench/run.py: the report, in Markdown: each run's figures and the targets.

The targets (constants below), printed next to the figures and summed up at the end:
- browser (Chromium): ready time flat from 1k to 100k (at every N within FLAT× of the 1k
  figure on the same database) and < 0.5 s at 100k; at 1k ≥10× faster than TimelineJS and ≥3×
  faster than vis-timeline; ours within STATIC_LIMIT× of the static limit at every N;
- server, at 100k on PostgreSQL: render p50 ≤ SERVER_SLACK× the baselines SERVER_BASELINE_MS
  (timeline 39.4, year 31.6, permalink 45.0 ms), and every page's p50 < SERVER_P50_MS (cached
  and render); render query counts identical at every N;
- the timeline's transfer < 100 KB compressed; ≥300 req/s with p99 < 100 ms at 8 connections;
  no errors at 32.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

from data import DATABASES, ROOT
from server import PAGES, PEER_MAX_N, PEERS

# Targets
SPEEDUP = {"timelinejs": 10, "vis": 3}  # at these sizes
SPEEDUP_SIZES = (1000,)
FLAT = 1.2  # ready at any N no more than this many times the ready at FLAT_FROM
FLAT_FROM = 1000
READY_MS_AT_100K = 500
STATIC_LIMIT = 1.3  # ours no more than this many times the static page
SERVER_P50_MS = 50
SERVER_BASELINE_MS = {"timeline": 32.8, "year": 26.3, "permalink": 37.5}  # render p50, 100k
SERVER_SLACK = 1.2
TRANSFER_BYTES = 100_000
RPS = 300
P99_MS = 100
BUSY = 0.2  # above this share of the CPU used by other work, the report warns


def kb(n: float | None) -> str:
    return "–" if n is None else f"{n / 1000:,.1f} KB"


def ms(n: float | None) -> str:
    if n is None:
        return "–"
    return f"{n:.1f}" if n < 100 else f"{n:,.0f}"


def mark(ok: bool | None) -> str:
    return {True: "✅ met", False: "❌ missed", None: "–"}[ok]


def ready(p: dict, timeout: int | None = None) -> str:
    """A page's median ready time, or why there is none."""
    if p["error"] == "timeout" and timeout:
        return f"timeout (> {timeout} s)"
    return p["error"] or f"{ms(p['median_ms'])} ms"


def render_target(run: dict, name: str) -> tuple[float | None, bool]:
    """A page's render p50 in this run, and whether it meets its target."""
    page = run["server"].get(name, {"error": "not run"})
    p50 = None if "error" in page else page["render"]["p50"]
    return p50, p50 is not None and p50 <= server_limit(name)


def server_limit(name: str) -> float:
    return round(SERVER_BASELINE_MS[name] * SERVER_SLACK, 1)


def speedup_ok(b: dict, name: str, args) -> bool:
    """Ours at least SPEEDUP× faster than the peer; a peer that timed out counts as taking
    the whole timeout."""
    p, ours = b[name], b["ours"]["median_ms"]
    if p["error"] == "timeout" and ours is not None:
        return ours * SPEEDUP[name] < args.peer_timeout * 1000
    return p["faster"] is not None and p["faster"] >= SPEEDUP[name]


def flat_base(runs: list[dict], kind: str) -> float | None:
    """Our ready time at FLAT_FROM events on this database, if this report has it."""
    for r in runs:
        if r["n"] == FLAT_FROM and r["database"] == kind and r.get("browser"):
            return r["browser"]["ours"]["median_ms"]
    return None


def queries(q: list[int]) -> str:
    return str(q[0]) if len(q) == 1 else f"{q[0]}–{q[-1]}"


def section(run: dict, args, runs: list[dict]) -> list[str]:
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
            for name in SERVER_BASELINE_MS:
                p50, ok = render_target(run, name)
                lines.append(
                    f"Target {name} render p50 ≤ {SERVER_SLACK}× {SERVER_BASELINE_MS[name]} = "
                    f"{server_limit(name)} ms: {ms(p50)} ms, {mark(ok)}"
                )
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
        lines += browser_section(run, args, runs)
    return lines


def browser_section(run: dict, args, runs: list[dict]) -> list[str]:
    n, b = run["n"], run["browser"]
    ours = b["ours"]
    lines = [
        f"### Browser: navigation start to ready, Chromium {b.get('chromium', '')}",
        "",
        "| page | ready (median) | runs (ms) | ours/this | ours faster by | target |",
        "| --- | ---: | --- | ---: | ---: | --- |",
    ]
    targets = []
    base = flat_base(runs, run["database"])
    if base and ours["median_ms"] and n > FLAT_FROM:
        ratio = ours["median_ms"] / base
        targets.append(f"flat: ×{ratio:.2f} of {FLAT_FROM:,}'s, ≤ {FLAT}: {mark(ratio <= FLAT)}")
    if n >= 100_000:
        ok = ours["median_ms"] is not None and ours["median_ms"] < READY_MS_AT_100K
        targets.append(f"< {READY_MS_AT_100K} ms: {mark(ok)}")
    lines.append(
        f"| ours `/` | {ready(ours, 60)} | {', '.join(ms(x) for x in ours['runs_ms'])} | | | "
        f"{'; '.join(targets)} |"
    )
    rows = {
        "static": "static limit: `/` without scripts, http.server",
        "empty": "empty page, http.server",
        **PEERS,
    }
    for name, label in rows.items():
        if name not in b:
            lines.append(f"| {label} | not run above {PEER_MAX_N:,} events | | | | |")
            continue
        p = b[name]
        target = ""
        if name == "static":
            ok = p["ratio"] is not None and p["ratio"] <= STATIC_LIMIT
            target = f"ours ≤ {STATIC_LIMIT}× this: {mark(ok)}"
        elif name in SPEEDUP and n in SPEEDUP_SIZES:
            target = f"≥{SPEEDUP[name]}× faster: {mark(speedup_ok(b, name, args))}"
        timeout = args.peer_timeout if name in PEERS else 60
        ratio = f"{p['ratio']:.3f}" if p["ratio"] else "–"
        faster = f"{p['faster']:.1f}×" if p["faster"] and name in PEERS else ""
        lines.append(
            f"| {label} | {ready(p, timeout)} | {', '.join(ms(x) for x in p['runs_ms'])} | "
            f"{ratio} | {faster} | {target} |"
        )
    last = ours["last"]
    static = b.get("static_page", {})
    styled = {True: "yes", False: "no (ready before its styles)"}.get(
        b["static"]["last"].get("styled"), "–"
    )
    lines += [
        "",
        f"Ours, last run: TTFB {ms(last.get('ttfb'))} ms, DOMContentLoaded "
        f"{ms(last.get('dom_content_loaded'))} ms, first contentful paint "
        f"{ms(last.get('fcp'))} ms, load {ms(last.get('load'))} ms, "
        f"{last.get('dom_nodes', '–')} DOM nodes. Static page: {kb(static.get('bytes'))} of "
        f"HTML, {static.get('scripts_removed', '–')} <script> elements removed; last run: "
        f"DOMContentLoaded {ms(b['static']['last'].get('dom_content_loaded'))} ms, first "
        f"contentful paint {ms(b['static']['last'].get('fcp'))} ms, load "
        f"{ms(b['static']['last'].get('load'))} ms; stylesheet loaded at ready: "
        f"{styled}.",
        "",
    ]
    labels = [
        f"ours {last.get('labels', '–')} axis labels (`.mark__label`)",
        f"static {b['static']['last'].get('labels', '–')}",
    ]
    if "timelinejs" in b:
        labels += [
            f"TimelineJS {b['timelinejs']['last'].get('labels', '–')} time markers with text",
            f"vis-timeline {b['vis']['last'].get('labels', '–')} items with text",
        ]
        lines += [
            f"Peers were given {b['timelinejs']['last'].get('events') or '–'} events; DOM nodes "
            f"at ready: TimelineJS {b['timelinejs']['last'].get('dom_nodes', '–')}, "
            f"vis-timeline {b['vis']['last'].get('dom_nodes', '–')}."
            + (
                f" Blocked requests to: {', '.join(b['blocked_requests'])}."
                if b.get("blocked_requests")
                else ""
            ),
            "",
        ]
    lines += [f"Labels shown at ready: {', '.join(labels)}.", ""]
    errors = {k: b[k]["last"].get("page_errors") for k in ("ours", "static", *PEERS) if k in b}
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


def browser_targets(run: dict, args, runs: list[dict], where: str) -> list[str]:
    n, b = run["n"], run["browser"]
    ours = b["ours"]["median_ms"]
    lines = []
    if n in SPEEDUP_SIZES:
        for name, label in PEERS.items():
            if name not in b:
                continue
            p = b[name]
            figure = f"{p['faster']:.1f}×" if p["faster"] else (p["error"] or "–")
            lines.append(
                f"| ready ≥{SPEEDUP[name]}× faster than {label} | {where} | {figure} | "
                f"{mark(speedup_ok(b, name, args))} |"
            )
    base = flat_base(runs, run["database"])
    if base and n > FLAT_FROM:
        ok = ours is not None and ours <= FLAT * base
        lines.append(
            f"| ready flat: ≤ {FLAT}× the ready at {FLAT_FROM:,} | {where} | {ms(ours)} ms, "
            f"{FLAT_FROM:,}: {ms(base)} ms | {mark(ok)} |"
        )
    if n >= 100_000:
        ok = ours is not None and ours < READY_MS_AT_100K
        lines.append(f"| ready < 0.5 s at 100k | {where} | {ms(ours)} ms | {mark(ok)} |")
    static = b["static"]
    ok = static["ratio"] is not None and static["ratio"] <= STATIC_LIMIT
    ratio = f"×{static['ratio']:.2f}" if static["ratio"] else "–"
    lines.append(
        f"| ready ≤ {STATIC_LIMIT}× the static limit | {where} | {ms(ours)} ms, static "
        f"{ready(static)} ({ratio}), empty page {ready(b['empty'])} | {mark(ok)} |"
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
        if b:
            lines += browser_targets(run, args, runs, where)
        if "server" in run and run["n"] >= 100_000 and run["database"] == "postgres":
            for name, page in run["server"].items():
                if "error" in page:
                    lines.append(
                        f"| server p50 < {SERVER_P50_MS} ms | {where}, {name} | error | "
                        f"{mark(False)} |"
                    )
                    continue
                worst = max(page["cached"]["p50"], page["render"]["p50"])
                lines.append(
                    f"| server p50 < {SERVER_P50_MS} ms | {where}, {name} | cached "
                    f"{ms(page['cached']['p50'])}, render {ms(page['render']['p50'])} ms | "
                    f"{mark(worst < SERVER_P50_MS)} |"
                )
            for name, baseline in SERVER_BASELINE_MS.items():
                p50, ok = render_target(run, name)
                lines.append(
                    f"| render p50 ≤ {SERVER_SLACK}× {baseline} = {server_limit(name)} ms | "
                    f"{where}, {name} | {ms(p50)} ms | {mark(ok)} |"
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
        f"time: 100k; speed-ups: {', '.join(f'{n:,}' for n in SPEEDUP_SIZES)}; flat ready "
        f"time: needs {FLAT_FROM:,} and a larger N; query counts: needs two sizes).",
        "",
    ]
    return lines


def npm_version(package: str) -> str:
    with contextlib.suppress(OSError, ValueError):
        manifest = ROOT / "node_modules" / package / "package.json"
        return json.loads(manifest.read_text())["version"]
    return "?"


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
