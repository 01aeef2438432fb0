"""Helper of bench/run.py: the report, in Markdown: each run's figures and the targets."""

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
from server import PAGES, PEERS

# Targets
SPEEDUP = {"timelinejs": 10, "vis": 3}  # at these sizes
SPEEDUP_SIZES = (1000, 5000)
READY_MS_AT_100K = 500
SERVER_P50_MS = 50
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
