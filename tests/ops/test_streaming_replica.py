"""A real streaming replica behind the router: gunicorn reads public pages from it, and from the
primary while it lags past the bound or is stopped, with no error.

Both servers are the test's own, on free loopback ports, removed afterwards: a primary made with
initdb (the machine's PostgreSQL allows no replication connections, and is left as it is) and a
replica made from it with `pg_basebackup -R`, which logs every statement it runs, so a search
for a made-up word shows which server answered. As root, PostgreSQL runs as `postgres`.
"""

import subprocess
import sys
import time
import uuid

import pytest
from psycopg.sql import SQL, Literal

from dialogue.replica import RETRY_AFTER, lag
from tests.ops.conftest import (
    BINARIES,
    ROOT,
    Cluster,
    fetch,
    gunicorn,
    own_folder,
    pg,
    require,
    run,
    seeded_cluster,
    server_env,
    wait_for,
)

pytestmark = pytest.mark.ops
KONO = "kono-statement"
MAX_LAG = 2  # the bound the server is given, seconds


@pytest.fixture(scope="module")
def clusters():
    """The primary, with the site's tables and seed, and its replica, streaming."""
    require("PostgreSQL's pg_basebackup", bool(BINARIES))
    with own_folder("dialogue-replica-") as folder:
        primary, replica = None, Cluster(folder, "replica")
        try:
            primary = seeded_cluster(folder, "primary")
            run(pg("pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
                "-D", replica.data, "-R", "-X", "stream", "-c", "fast")  # fmt: skip
            replica.start("log_statement=all")
            yield primary, replica
        finally:
            replica.stop("immediate")
            if primary:
                primary.stop()


@pytest.fixture(scope="module")
def server(clusters):
    """gunicorn, one worker, reading the replica with a lag bound of MAX_LAG seconds."""
    primary, replica = clusters
    folder = primary.sockets
    env = server_env(primary.url("dialogue")) | {
        "DATABASE_REPLICA_URL": replica.url("dialogue"),
        "DJANGO_REPLICA_MAX_LAG": str(MAX_LAG),
        "DJANGO_CACHE_DIR": str(folder / "cache"),
        "DJANGO_LOCK_DIR": str(folder / "locks"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                   env=env, check=True, timeout=120)  # fmt: skip
    with open(folder / "gunicorn.log", "w") as log, gunicorn(env, workers=1, log=log) as base:
        yield base


def read_by_replica(server: str, replica) -> bool:
    """Whether the replica ran a search made for this call (a word no page has)."""
    word = "probe" + uuid.uuid4().hex[:12]
    status, _ = fetch(f"{server}/?q={word}")
    assert status == 200
    return word in replica.log.read_text(errors="replace")


def caught_up(primary, replica) -> bool:
    with primary.connect() as p, replica.connect() as r:
        return lag(p.cursor(), r.cursor()) == 0


def test_a_write_on_the_primary_reaches_the_replica(clusters):
    primary, replica = clusters
    with primary.connect() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS probe (word text)")
        conn.execute("INSERT INTO probe VALUES ('written on the primary')")

    def arrived():
        with replica.connect() as conn:
            exists = conn.execute("SELECT to_regclass('probe')").fetchone()[0]
            return exists and conn.execute("SELECT count(*) FROM probe").fetchone()[0] > 0

    wait_for(arrived, "the write to reach the replica", 10)
    assert caught_up(primary, replica)


def test_public_pages_are_read_from_the_replica(clusters, server):
    primary, replica = clusters
    assert read_by_replica(server, replica)
    assert fetch(f"{server}/events/{KONO}/")[0] == 200


def test_a_replica_past_the_lag_bound_is_not_read(clusters, server):
    """Replay paused, an edit on the primary: the replica falls behind, and once it is more than
    MAX_LAG seconds behind, pages show the edit, which only the primary has. Replay resumed,
    pages are read from the replica again."""
    primary, replica = clusters
    title = "Kono statement, edited while the replica lags"
    with replica.connect() as conn:
        conn.execute("SELECT pg_wal_replay_pause()")
    try:
        with primary.connect() as conn:
            conn.execute("UPDATE dialogue_event SET title_en = %s WHERE slug = %s", [title, KONO])
            conn.execute("INSERT INTO dialogue_dataversion (changed_at) VALUES (now())")

        def behind() -> bool:
            with primary.connect() as p, replica.connect() as r:
                return lag(p.cursor(), r.cursor()) > MAX_LAG

        wait_for(behind, f"the replica to be {MAX_LAG} s behind", 15)
        wait_for(lambda: title in fetch(f"{server}/events/{KONO}/")[1], "the edit on the page", 5)
        with replica.connect() as conn:
            old = conn.execute("SELECT title_en FROM dialogue_event WHERE slug = %s", [KONO])
            assert old.fetchone()[0] != title  # so the page came from the primary
        assert not read_by_replica(server, replica)
    finally:
        with replica.connect() as conn:
            conn.execute("SELECT pg_wal_replay_resume()")
    wait_for(lambda: caught_up(primary, replica), "the replica to catch up", 10)
    wait_for(lambda: read_by_replica(server, replica), "reads from the replica again", 10)


def test_a_replica_cut_off_from_its_primary_is_found_behind(clusters):
    """With no connection to the primary the replica has replayed all it received and sees no
    lag of its own; measured against the primary's write position, it is behind once the primary
    writes, and more so every second."""
    primary, replica = clusters
    with replica.connect() as conn:
        (conninfo,) = conn.execute("SHOW primary_conninfo").fetchone()
        conn.execute("ALTER SYSTEM SET primary_conninfo TO ''")
        conn.execute("SELECT pg_reload_conf()")
    try:
        wait_for(lambda: not streaming(replica), "the replica to stop streaming", 10)
        with primary.connect() as conn:
            conn.execute("INSERT INTO dialogue_dataversion (changed_at) VALUES (now())")
        with replica.connect() as conn:
            received, replayed = conn.execute(
                "SELECT pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()"
            ).fetchone()
            assert received == replayed  # nothing missing, as far as it knows

        def behind() -> bool:
            with primary.connect() as p, replica.connect() as r:
                return lag(p.cursor(), r.cursor()) > MAX_LAG

        wait_for(behind, f"the replica to be {MAX_LAG} s behind", 15)
    finally:
        with replica.connect() as conn:
            conn.execute(SQL("ALTER SYSTEM SET primary_conninfo TO {}").format(Literal(conninfo)))
            conn.execute("SELECT pg_reload_conf()")
    wait_for(lambda: caught_up(primary, replica), "the replica to catch up", 15)


def streaming(replica) -> bool:
    with replica.connect() as conn:
        return conn.execute("SELECT count(*) FROM pg_stat_wal_receiver").fetchone()[0] > 0


def test_a_stopped_replica_leaves_pages_to_the_primary_with_no_error(clusters, server):
    """Stopped between two checks, and still down at the checks after: every request is
    answered, from the primary."""
    primary, replica = clusters
    assert read_by_replica(server, replica)  # checked and in use
    replica.stop()
    try:
        deadline = time.monotonic() + RETRY_AFTER + 2
        while time.monotonic() < deadline:
            for url in (f"/events/{KONO}/", "/?q=Kono", "/api/events/", "/sources/"):
                status, body = fetch(server + url)
                assert status == 200, (url, status, body[:300])
        assert "Kono" in fetch(f"{server}/events/{KONO}/")[1]
    finally:
        replica.start("log_statement=all")
    wait_for(lambda: caught_up(primary, replica), "the replica to catch up", 10)
