"""The site on several machines, on this one: HAProxy (deploy/haproxy.cfg, Debian's haproxy) in
front of three gunicorn instances (deploy/gunicorn.conf.py), each a process group of its own with
a render-lock folder of its own, sharing the machine's PostgreSQL and a Redis (tests/ops/
topology.py). Loopback only; every wait is bounded; everything started is stopped.

The shared cache is the machine's Redis, in a database of these tests' own (TOPOLOGY_REDIS_URL,
redis://127.0.0.1:6379/14 by default), emptied at the end; the test that stops Redis runs a
redis-server of its own instead.
"""

import http.client
import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
import pytest
import redis

from tests.ops.conftest import ROOT, fetch, require, server_env
from tests.ops.topology import HAPROXY, OwnRedis, Topology

pytestmark = pytest.mark.ops
REDIS_URL = os.environ.get("TOPOLOGY_REDIS_URL", "redis://127.0.0.1:6379/14")
MIX = Path(__file__).with_name("mix.lua")
EDITOR, PASSWORD = "ops-editor", "ops-editor-password-1"


def answers(url: str) -> bool:
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture(scope="module")
def shared_redis():
    """The shared cache's Redis; only its own database number is emptied, at the end."""
    require(f"Redis at {REDIS_URL} (set TOPOLOGY_REDIS_URL)", answers(REDIS_URL))
    yield REDIS_URL
    redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.fixture(scope="module")
def app_env(database_url, static_files, shared_redis):
    require("HAProxy (Debian package haproxy)", os.access(HAPROXY, os.X_OK))
    env = server_env(database_url) | {"DJANGO_CACHE_URL": shared_redis}
    # The editor the tests log in as (there already if an earlier run of the session made it).
    subprocess.run(
        [sys.executable, "manage.py", "createsuperuser", "--noinput", "--username", EDITOR,
         "--email", "ops@example.org"],
        cwd=ROOT, env=env | {"DJANGO_SUPERUSER_PASSWORD": PASSWORD}, capture_output=True,
    )  # fmt: skip
    return env


@pytest.fixture(scope="module")
def topology(app_env, tmp_path_factory):
    """Three instances behind HAProxy, shared by the tests that leave all three running."""
    with Topology(app_env, tmp_path_factory.mktemp("topology")) as started:
        yield started


@pytest.fixture
def own_topology(app_env, tmp_path):
    """Three instances behind HAProxy, for a test that kills one."""
    with Topology(app_env, tmp_path / "topology") as started:
        yield started


# An edit, seen everywhere --------------------------------------------------------------------


class Editor:
    """An editor in the admin of one instance, with a session of their own (kept in the
    database, so it would work through any instance)."""

    def __init__(self, site: str):
        self.site = site
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener.open(site + "/admin/login/", timeout=10).read()
        self.post("/admin/login/?next=/admin/", {"username": EDITOR, "password": PASSWORD})
        assert "sessionid" in {c.name for c in self.jar}, "the editor could not log in"

    def post(self, path: str, data: dict) -> str:
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        body = urlencode(data | {"csrfmiddlewaretoken": token}).encode()
        with self.opener.open(self.site + path, data=body, timeout=10) as response:
            assert response.status == 200
            return response.read().decode()

    def event_action(self, action: str, event_id: int) -> str:
        """An action of the admin's event list (publish, unpublish) on one event."""
        return self.post(
            "/admin/dialogue/event/",
            {"action": action, "_selected_action": event_id, "index": 0, "select_across": 0},
        )


def a_published_event(database_url: str) -> tuple[int, str]:
    """The newest published event that cites a passage (so it can be published again)."""
    with psycopg.connect(database_url) as conn:
        return conn.execute(
            "SELECT e.id, e.slug FROM dialogue_event e WHERE e.is_published AND EXISTS "
            "(SELECT 1 FROM dialogue_citation c WHERE c.event_id = e.id) ORDER BY e.id DESC"
        ).fetchone()


def seen_within(sites: dict[str, str], path: str, status: int, seconds: float) -> dict:
    """When each site first answered `path` with `status` (seconds from now), polling them in
    turn for at most `seconds`; None for a site that never did."""
    start = time.monotonic()
    seen = dict.fromkeys(sites)
    while None in seen.values() and time.monotonic() - start < seconds:
        for name, site in sites.items():
            if seen[name] is None and fetch(site + path, timeout=2)[0] == status:
                seen[name] = time.monotonic() - start
        time.sleep(0.02)
    return seen


def test_topology_an_edit_through_one_instance_is_seen_through_every_one_within_a_second(
    topology, database_url
):
    """Unpublished through the admin of app1, the event's page is gone from app1, app2, app3
    and HAProxy within a second; published again through app2, it is back on all four. Each
    had the page in the shared cache before: the data version, read from the database on every
    request, is in every page's key, so no instance serves the old page."""
    event_id, slug = a_published_event(database_url)
    page = f"/events/{slug}/"
    sites = {i.name: i.url for i in topology.instances} | {"haproxy": topology.url}
    for site in sites.values():
        assert fetch(site + page)[0] == 200

    answer = Editor(topology.instances[0].url).event_action("unpublish", event_id)
    assert "1 event is a draft now." in answer
    gone = seen_within(sites, page, 404, seconds=1)
    print(f"\nunpublished through app1; 404 after (s): {gone}")
    assert None not in gone.values(), gone

    answer = Editor(topology.instances[1].url).event_action("publish", event_id)
    assert "Published 1 event." in answer
    back = seen_within(sites, page, 200, seconds=1)
    print(f"published through app2; 200 after (s): {back}")
    assert None not in back.values(), back


# One render between the three ----------------------------------------------------------------


class RedisMonitor:
    """`redis-cli monitor`: every command the Redis server runs, from every client, in every
    database, as it runs it (the cache's, so the test sees the instances' own reads and writes)."""

    def __init__(self, url: str, out: Path):
        parts = urlsplit(url)
        self.out = out
        with open(out, "wb") as log:
            self.process = subprocess.Popen(
                ["redis-cli", "-h", parts.hostname, "-p", str(parts.port), "monitor"],
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + 10
        while not out.read_bytes().startswith(b"OK"):
            assert time.monotonic() < deadline, "redis-cli monitor did not start"
            time.sleep(0.05)

    def commands(self) -> list[tuple[str, str, str]]:
        """(client address, command, key) of each command seen."""
        self.process.terminate()
        self.process.wait(timeout=10)
        pattern = re.compile(rb'^[\d.]+ \[\d+ ([^\]]+)\] "(\w+)" "([^"]*)"', re.MULTILINE)
        return [
            (client.decode(), command.decode().upper(), key.decode())
            for client, command, key in pattern.findall(self.out.read_bytes())
        ]


def all_at_once(sites: list[str], path: str) -> list[tuple[int, str, bytes]]:
    """GET `path` from each site at the same moment: connections opened first, then the requests
    sent together. (status, ETag, body) of each."""
    barrier = threading.Barrier(len(sites))

    def get(site):
        parts = urlsplit(site)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            conn.connect()
            barrier.wait(timeout=10)
            conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = conn.getresponse()
            return response.status, response.getheader("ETag"), response.read()
        finally:
            conn.close()

    with ThreadPoolExecutor(len(sites)) as pool:
        return list(pool.map(get, sites))


def test_topology_a_page_asked_of_three_instances_at_once_is_rendered_once(topology, tmp_path):
    """Five addresses no one has asked for, each asked of the three instances at the same
    moment. Watching the Redis server (MONITOR, which sees every database): each page is stored
    once (`SET …page:<key>`), and stored only after a render, so rendered once; its render lock
    was asked for by more than one instance, so they did miss it together and it was the lock
    that made the others wait; all three answered the same page under the same ETag (the same
    key: the same data version, origin and address)."""
    require("redis-cli (Debian package redis-tools)", shutil.which("redis-cli") is not None)
    sites = [i.url for i in topology.instances]
    monitor = RedisMonitor(REDIS_URL, tmp_path / "monitor.log")
    paths = [f"/?q=missile&run={uuid.uuid4().hex}" for _ in range(5)]
    answers = {path: all_at_once(sites, path) for path in paths}
    commands = monitor.commands()

    for path, responses in answers.items():
        assert {status for status, _, _ in responses} == {200}, path
        assert len({etag for _, etag, _ in responses}) == 1, responses
        assert len({body for _, _, body in responses}) == 1
        key = responses[0][1].strip('"').removesuffix("-gz")
        stored = [c for c in commands if c[1] == "SET" and c[2].endswith(f":page:{key}")]
        lockers = {c[0] for c in commands if c[1] == "SET" and c[2].endswith(f":render:{key}")}
        print(f"\n{path}: stored {len(stored)}x, lock asked by {len(lockers)} clients")
        assert len(stored) == 1, stored
        assert len(lockers) >= 2, "the three requests did not meet: nothing was shown"


# An instance killed under load ---------------------------------------------------------------


def cut_short(haproxy_log: Path, server: str) -> int:
    """Responses `server` had begun to send when it died: HAProxy's log gives them the status
    the server sent and the termination state SD (the server went away during the data). Their
    headers had reached the client, so neither HAProxy nor any proxy could try them again."""
    pattern = re.compile(rf" app/{server} \S+ \d{{3}} \d+ \S+ \S+ SD")
    return sum(1 for line in haproxy_log.read_text().splitlines() if pattern.search(line))


def test_topology_killing_an_instance_under_load_loses_no_request_that_can_be_retried(
    own_topology,
):
    """wrk through HAProxy, 8 connections for 8 s (the pages of tests/ops/mix.lua); after 2.5 s
    app2 is killed with its workers (SIGKILL to its process group, as a machine dies). No
    request fails but those whose answer app2 had begun to send (at most one per worker, and
    most often none): the ones it had in hand before answering, and those sent to it before
    HAProxy took it out, are tried again on the others (HAProxy counts them: retries and
    redispatches). The other two go on serving."""
    require("wrk (Debian package wrk)", shutil.which("wrk") is not None)
    topology = own_topology
    load = subprocess.Popen(
        ["wrk", "-t2", "-c8", "-d8s", "--timeout", "10s", "-s", str(MIX), topology.url],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    time.sleep(2.5)
    at_kill = topology.servers()
    topology.instances[1].kill()
    out, _ = load.communicate(timeout=60)
    after, backend = topology.servers(), topology.backend()
    cut = cut_short(topology.log, "app2")
    print(out)
    print({name: (s["status"], s["stot"]) for name, s in after.items()})
    print(f"retries {backend['wretr']}, redispatches {backend['wredis']}, cut short {cut}")

    assert load.returncode == 0
    assert int(re.search(r"(\d+) requests in", out).group(1)) > 0
    assert "Non-2xx or 3xx responses" not in out, out
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    lost = [int(n) for n in socket.groups()] if socket else [0, 0, 0, 0]
    # Read errors for the answers HAProxy had to cut off, and no other error.
    assert lost == [0, cut, 0, 0], out
    assert cut <= topology.workers
    assert int(at_kill["app2"]["stot"]) > 0, "app2 served nothing before it was killed"
    assert int(backend["wretr"]) + int(backend["wredis"]) > 0, "the kill was never felt"
    assert after["app2"]["status"].startswith("DOWN")
    for name in ("app1", "app3"):
        assert int(after[name]["stot"]) > int(at_kill[name]["stot"]), name
    for instance in (topology.instances[0], topology.instances[2]):
        assert fetch(instance.url + "/")[0] == 200


# The client's address through HAProxy -------------------------------------------------------


def log_in_from(address: str, site: str, password: str, forwarded: str) -> int:
    """An admin login from a loopback address of the caller's choice, which writes its own
    X-Forwarded-For header: the status of the answer."""
    parts = urlsplit(site)
    conn = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=10, source_address=(address, 0)
    )
    try:
        conn.request("GET", "/admin/login/")
        response = conn.getresponse()
        response.read()
        token = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
        conn.request(
            "POST",
            "/admin/login/?next=/admin/",
            urlencode({"username": EDITOR, "password": password, "csrfmiddlewaretoken": token}),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={token}",
                "X-Forwarded-For": forwarded,
            },
        )
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def test_topology_the_app_counts_logins_by_the_address_haproxy_saw(topology):
    """Five wrong passwords from 127.0.0.2, each claiming another address in X-Forwarded-For,
    spread by HAProxy over the three instances: the editor's name is locked out from 127.0.0.2
    (the rightmost entry, HAProxy's, with DJANGO_PROXY_COUNT=1; the lockout records are in the
    database every instance reads), and nowhere else, even for a client claiming 127.0.0.2."""
    for n in range(5):  # the fifth is answered with the lockout page already
        assert log_in_from("127.0.0.2", topology.url, "wrong", f"192.0.2.{n}") in (200, 429)
    assert log_in_from("127.0.0.2", topology.url, PASSWORD, "192.0.2.99") in (403, 429)
    assert log_in_from("127.0.0.3", topology.url, PASSWORD, "127.0.0.2") == 302


# Redis killed --------------------------------------------------------------------------------


def test_topology_redis_killed_mid_run_makes_pages_slower_never_an_error(app_env, tmp_path):
    """The three instances on a redis-server of this test's own, killed after 2 s of 6 s of
    requests through HAProxy from six threads, half to addresses asked before (cached), half
    to new ones (rendered). Every request is answered 200 with its page, before and after:
    without Redis each page is rendered, uncached and unlocked."""
    require("redis-server", shutil.which("redis-server") is not None)
    own = OwnRedis(tmp_path / "redis")
    try:
        env = app_env | {"DJANGO_CACHE_URL": own.url}
        with Topology(env, tmp_path / "topology") as topology:
            results, killed_at = load_with_redis_killed(topology.url, own, seconds=6, at=2)
    finally:
        own.kill()
    errors = [r for r in results if r[1] != 200 or b"</html>" not in r[3]]
    before = sorted(r[2] for r in results if r[0] < killed_at)
    after = sorted(r[2] for r in results if r[0] >= killed_at)
    print(f"\n{len(before)} requests with Redis (p50 {1000 * before[len(before) // 2]:.1f} ms), "
          f"{len(after)} without (p50 {1000 * after[len(after) // 2]:.1f} ms)")  # fmt: skip
    assert not errors, errors[:5]
    assert len(before) >= 10 and len(after) >= 10


def load_with_redis_killed(site: str, own: OwnRedis, *, seconds: float, at: float):
    """(start time, status or error, seconds taken, body) of each request; Redis is killed `at`
    seconds in."""
    start = time.monotonic()
    repeated = ["/", "/?year=2014", "/events/kono-statement/", "/?q=THAAD"]

    def worker(n: int) -> list:
        done = []
        while (begun := time.monotonic()) - start < seconds:
            path = repeated[len(done) % 4] if len(done) % 2 else f"/?q=missile&n={n}-{len(done)}"
            try:
                status, body = fetch(site + path, timeout=10)
            except OSError as error:
                status, body = repr(error), ""
            done.append((begun - start, status, time.monotonic() - begun, body.encode()))
        return done

    with ThreadPoolExecutor(6) as pool:
        futures = [pool.submit(worker, n) for n in range(6)]
        time.sleep(at)
        own.kill()
        return [r for f in futures for r in f.result(timeout=seconds + 30)], at
