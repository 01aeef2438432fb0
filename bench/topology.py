"""HAProxy in front of 1, 2 and 3 app servers, measured: a run on demand, never in CI.

    .venv/bin/python bench/topology.py [--events 100000] [--instances 1,2,3] [--seconds 10]
                                       [--connections 8] [--workers 2] [--no-fill]

The topology is tests/ops/topology.py's, as the topology tests start it: HAProxy with
deploy/haproxy.cfg in front of N gunicorn instances with deploy/gunicorn.conf.py (WORKERS sync
workers each), sharing PostgreSQL (127.0.0.1:5432, user postgres) and a redis-server this script
starts on a free port (no disk). Everything runs on the loopback of one machine, so the tiers,
wrk and anything else running share its cores: with 2 cores, throughput cannot grow with the
instance count. The CPU each tier spends per request is what plans larger machines.

Steps: a new PostgreSQL database `bench_topology` filled as bench/run.py fills its own
(bench/data.py: migrate, load_seed, generate_events EVENTS, VACUUM ANALYZE), unless --no-fill
reuses it; collectstatic; then for each instance count, the topology, started and warmed, and
wrk through HAProxy (one thread, CONNECTIONS connections, SECONDS seconds, `Accept-Encoding:
gzip, br` as browsers send, its default 2 s timeout) twice, the cache emptied before each:

    distinct   bench/distinct.lua: every request a new address (the page types of
               bench/server.py's PAGES with a query parameter never sent before), so the cache
               never answers: each request is a render;
    repeated   tests/ops/mix.lua's 11 addresses, asked once each through HAProxy first: the
               cache answers nearly every request.

Figures per run: requests/s, p50 and p99 latency, errors (non-2xx/3xx responses and socket
errors), and CPU seconds (user + system) per 1,000 requests of each tier:
    app        the gunicorn masters and workers (workers replaced meanwhile count too: the
               master's reaped-children time);
    PostgreSQL the server processes serving the bench database (pg_stat_activity), sampled
               every 0.2 s (one that ends between samples loses under 0.2 s of its time);
    Redis, HAProxy, wrk  each its process.
And the load average (/proc/loadavg) before and after each run, and the share of the CPU busy
with other work just before each instance count (bench/server.background_busy).

The report is printed and written to bench/results/topology-<timestamp>.md (raw: .json).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

from data import (
    PG_SERVER,
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
from run import ensure_venv, ensure_wrk
from server import background_busy, fetch, parse_wrk

DATABASE = "bench_topology"
URL = f"{PG_SERVER}/{DATABASE}"
DISTINCT = ROOT / "bench" / "distinct.lua"
REPEATED = ROOT / "tests" / "ops" / "mix.lua"
MIX_PATHS = re.findall(r'"(/[^"]*)"', REPEATED.read_text())  # its addresses, to warm the cache
TICK = os.sysconf("SC_CLK_TCK")


# CPU time from /proc -------------------------------------------------------------------------


def proc_stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (field 3 onwards), or None."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def cpu(pid: int, *, children: bool = False) -> float:
    """Seconds of CPU a process has used (utime + stime), with its reaped children's
    (cutime + cstime) if asked."""
    fields = proc_stat(pid)
    if fields is None:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)
    if children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime (16, 17)
    return ticks / TICK


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        fields = proc_stat(int(entry.name)) if entry.name.isdigit() else None
        if fields and int(fields[1]) == pid:  # ppid (field 4)
            found.append(int(entry.name))
    return found


def app_cpu(masters: list[int]) -> float:
    """Each gunicorn master with its reaped workers' time, and its live workers'."""
    return sum(cpu(m, children=True) + sum(cpu(w) for w in children_of(m)) for m in masters)


class PostgresCPU:
    """The CPU of the PostgreSQL processes serving one database, sampled every 0.2 s: a backend
    that exits meanwhile keeps the time of its last sample."""

    def __init__(self, database: str):
        import psycopg

        self.conn = psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True)
        self.database = database
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.stop = threading.Event()

    def pids(self) -> list[int]:
        rows = self.conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.database]
        ).fetchall()
        return [pid for (pid,) in rows]

    def sample(self) -> None:
        for pid in self.pids():
            seconds = cpu(pid)
            if seconds:
                self.last[pid] = seconds

    def __enter__(self) -> PostgresCPU:
        self.sample()
        self.first = dict(self.last)
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()
        return self

    def run(self) -> None:
        while not self.stop.wait(0.2):
            self.sample()

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.sample()
        self.conn.close()

    def seconds(self) -> float:
        """Time spent since the start: a backend that started meanwhile counts from zero."""
        return sum(t - self.first.get(pid, 0.0) for pid, t in self.last.items())


def loadavg() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


# One run of wrk --------------------------------------------------------------------------------


def measure(wrk: str, topology, own_redis, script: Path, args) -> dict:
    masters = [i.process.pid for i in topology.instances]
    before = {
        "app": app_cpu(masters),
        "haproxy": cpu(topology.haproxy.pid),
        "redis": cpu(own_redis.process.pid),
    }
    wrk_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = loadavg()
    command = [wrk, "-t1", f"-c{args.connections}", f"-d{args.seconds}s", "--latency",
               "-H", "Accept-Encoding: gzip, br", "-s", str(script), topology.url]  # fmt: skip
    with PostgresCPU(DATABASE) as postgres:
        result = subprocess.run(command, capture_output=True, text=True, timeout=args.seconds + 60)
    wrk_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = parse_wrk(result.stdout)
    seconds = {
        "app": app_cpu(masters) - before["app"],
        "postgres": postgres.seconds(),
        "redis": cpu(own_redis.process.pid) - before["redis"],
        "haproxy": cpu(topology.haproxy.pid) - before["haproxy"],
        "wrk": (wrk_after.ru_utime + wrk_after.ru_stime)
        - (wrk_before.ru_utime + wrk_before.ru_stime),
    }
    requests = figures["requests"] or 0
    figures |= {
        "cpu_seconds": seconds,
        "cpu_per_1000": {k: 1000 * v / requests if requests else None for k, v in seconds.items()},
        "load_before": load_before,
        "load_after": loadavg(),
        "raw": result.stdout,
    }
    return figures


def tier(args, wrk: str, env: dict, count: int) -> dict:
    import redis

    from tests.ops.topology import OwnRedis, Topology

    folder = TMP / f"topology-{count}"
    shutil.rmtree(folder, ignore_errors=True)
    own = OwnRedis(folder / "redis")
    out = {"instances": count, "busy": background_busy()}
    try:
        env = env | {"DJANGO_CACHE_URL": own.url}
        with Topology(env, folder, instances=count, workers=args.workers) as topology:
            client = redis.Redis.from_url(own.url)
            for name, script in (("distinct", DISTINCT), ("repeated", REPEATED)):
                client.flushdb()
                if name == "repeated":  # each address rendered once, then kept
                    for path in MIX_PATHS:
                        fetch(topology.url + path)
                log(f"  {count} instance(s), {name} addresses: wrk {args.seconds} s")
                figures = out[name] = measure(wrk, topology, own, script, args)
                per = figures["cpu_per_1000"]
                log(f"    {figures['rps']} req/s, p50 {figures['p50']} ms, p99 "
                    f"{figures['p99']} ms, errors {figures['errors']}; CPU s/1000 req: "
                    + ", ".join(f"{k} {v:.2f}" for k, v in per.items() if v is not None)
                    + f"; load {figures['load_before']} -> {figures['load_after']}")  # fmt: skip
            client.close()
    finally:
        own.kill()
    return out


def report(args, facts: dict, fill_seconds: float | None, tiers: list[dict]) -> str:
    def ms(v):
        return f"{v:.1f}" if v is not None else "–"

    def per(v):
        return f"{v:.2f}" if v is not None else "–"

    lines = [
        f"# Topology benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"`{' '.join(['.venv/bin/python', 'bench/topology.py', *sys.argv[1:]])}`",
        "",
        f"PostgreSQL {facts['version']}, database `{DATABASE}`: {facts['events']:,} published "
        f"events, {facts['bytes'] / 1e6:.0f} MB"
        + (f" (filled in {fill_seconds:.0f} s)" if fill_seconds else " (reused)")
        + f". {os.cpu_count()} cores. Each instance: gunicorn, {args.workers} sync workers. "
        f"wrk: 1 thread, {args.connections} connections, {args.seconds} s, through HAProxy.",
        "",
        "CPU: seconds (user + system) per 1,000 requests.",
        "",
        "| instances | addresses | req/s | p50 ms | p99 ms | errors | app | PostgreSQL | Redis "
        "| HAProxy | wrk | load before → after | other work |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for t in tiers:
        for name in ("distinct", "repeated"):
            f = t.get(name)
            if not f:
                continue
            c = f["cpu_per_1000"]
            busy = f"{100 * t['busy']:.0f}%" if t.get("busy") is not None else "–"
            lines.append(
                f"| {t['instances']} | {name} | {f['rps']:.1f} | {ms(f['p50'])} | {ms(f['p99'])} "
                f"| {f['errors']} | {per(c['app'])} | {per(c['postgres'])} | {per(c['redis'])} "
                f"| {per(c['haproxy'])} | {per(c['wrk'])} | {f['load_before']} → "
                f"{f['load_after']} | {busy} |"
            )
    return "\n".join(lines)


def main(argv=None) -> int:
    ensure_venv()
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000, help="N synthetic events")
    parser.add_argument("--instances", default="1,2,3", help="instance counts, comma-separated")
    parser.add_argument("--seconds", type=int, default=10, help="per wrk run (10)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (8)")
    parser.add_argument("--workers", type=int, default=2, help="per instance (2)")
    parser.add_argument("--no-fill", action="store_true", help=f"reuse database {DATABASE}")
    args = parser.parse_args(argv)
    counts = [int(c) for c in args.instances.split(",") if c.strip()]
    wrk = ensure_wrk()
    if not wrk:
        return 1
    TMP.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)

    fill_seconds = None
    env = base_env(URL)
    if not args.no_fill:
        log(f"filling {DATABASE} with {args.events:,} events")
        fresh_database("postgres", args.events, name=DATABASE)
        times = fill(env, args.events, "postgres", analyze=True)
        fill_seconds = sum(times.values())
        log("  " + ", ".join(f"{k} {v:.0f} s" for k, v in times.items()))
    facts = database_facts("postgres", URL)
    log("collectstatic")
    manage(env, "collectstatic", "--noinput", "-v0")

    tiers = []
    for count in counts:
        log(f"{count} instance(s)")
        tiers.append(tier(args, wrk, env, count))

    text = report(args, facts, fill_seconds, tiers)
    print(text)
    stamp = f"{started:%Y%m%d-%H%M%S}"
    (RESULTS / f"topology-{stamp}.md").write_text(text + "\n")
    raw = {"args": vars(args), "facts": facts, "fill_seconds": fill_seconds, "tiers": tiers}
    (RESULTS / f"topology-{stamp}.json").write_text(json.dumps(raw, indent=2, default=str))
    log(f"Written to bench/results/topology-{stamp}.md (and .json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
