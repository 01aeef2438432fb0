"""Helper of bench/run.py: where its files go, its log, and the databases it fills."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
TMP = BENCH / "tmp"
RESULTS = BENCH / "results"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "bench_dialogue"
DATABASES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


class BenchError(Exception):
    pass


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


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


def fresh_database(kind: str, n: int, name: str = PG_DATABASE) -> str:
    """A new, empty database (PostgreSQL: `name`); its URL."""
    if kind == "sqlite":
        TMP.mkdir(parents=True, exist_ok=True)
        path = TMP / f"bench-{n}.sqlite3"
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return f"{PG_SERVER}/{name}"


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
