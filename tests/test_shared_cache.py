"""The shared cache (Redis): chosen from the environment; a page rendered once by app servers that
share no disk; a render lock released only by its owner; a Redis that is down or hung makes
pages slower, never an error.

The Redis tests use a real server at TEST_REDIS_URL (redis://127.0.0.1:6379/15 by default):
skipped without one, failed when REQUIRE_POSTGRES is set (CI requires every server). Each test
writes under a key prefix of its own and deletes those keys after; nothing else there is touched.
"""

import os
import shutil
import socket
import subprocess
import threading
import time
import uuid
from multiprocessing import get_context
from pathlib import Path

import pytest
import redis
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from dialogue import pagecache
from tests.factories import in_a_new_process

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
KEY = "ab" * 20  # a page key, as page_key makes them
PERMALINK = "/events/kono-statement/"


def require(what: str, ok: bool):
    if not ok:
        message = f"{what} is needed for the shared cache tests"
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(message + " (REQUIRE_POSTGRES is set)", pytrace=False)
        pytest.skip(message)


def redis_cache(url: str, prefix: str = "") -> dict:
    return {
        "default": {"BACKEND": "dialogue.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}
    }


def answers(url: str) -> bool:
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        return False


@pytest.fixture(autouse=True)
def redis_not_backed_off(monkeypatch):
    """Each test starts with Redis asked: an earlier test's failure backs off only that test."""
    from dialogue import cache as shared

    monkeypatch.setattr(shared, "_down_until", 0.0)


@pytest.fixture
def shared_cache(settings):
    """The shared cache on the test Redis, under a key prefix of this test's own."""
    require(f"Redis at {REDIS_URL} (set TEST_REDIS_URL)", answers(REDIS_URL))
    prefix = f"test-dialogue-{uuid.uuid4().hex}"
    settings.CACHES = redis_cache(REDIS_URL, prefix)
    yield caches["default"]
    server = redis.Redis.from_url(REDIS_URL)
    for key in server.scan_iter(match=f"{prefix}:*"):
        server.delete(key)


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server of this test's own on a free loopback port, which the test may kill."""
    require("redis-server", bool(shutil.which("redis-server")))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while not answers(url):
        assert process.poll() is None and time.monotonic() < deadline, "redis-server didn't start"
        time.sleep(0.05)
    yield process, url
    process.kill()
    process.wait()


def settings_in_a_new_process(**env) -> subprocess.CompletedProcess:
    code = (
        "from django.conf import settings; from django.core.cache import caches; "
        "c = settings.CACHES['default']; caches['default']; print(c['BACKEND'], c['LOCATION'])"
    )
    return in_a_new_process(["-c", code], DJANGO_DEBUG="1", **env)


def test_django_cache_url_selects_the_shared_redis_cache():
    out = settings_in_a_new_process(DJANGO_CACHE_URL="redis://127.0.0.1:6379/1").stdout
    assert out.split() == ["dialogue.cache.RedisCache", "redis://127.0.0.1:6379/1"]


def test_without_it_the_cache_is_a_folder_on_this_machine():
    out = settings_in_a_new_process().stdout
    assert out.split()[0] == "django.core.cache.backends.filebased.FileBasedCache"


@pytest.mark.parametrize(
    "url",
    ["127.0.0.1:6379", "redis//127.0.0.1:6379/1", "http://127.0.0.1:6379/1",
     "redis://127.0.0.1:port/1", "redis://127.0.0.1:6379/one", "redis://"],
)  # fmt: skip
def test_a_malformed_cache_url_stops_the_start(url):
    result = settings_in_a_new_process(DJANGO_CACHE_URL=url)
    assert result.returncode != 0
    assert "DJANGO_CACHE_URL is a Redis URL" in result.stderr


@pytest.mark.django_db
def test_pages_are_kept_in_the_shared_cache(client, seed, shared_cache, django_assert_num_queries):
    first = client.get(PERMALINK)
    with django_assert_num_queries(1):  # the data version, nothing else
        again = client.get(PERMALINK)
    assert again.status_code == 200 and again.content == first.content


def serve_once(lock_dir: Path, counter: str) -> None:
    """One app server asked for the page: its own lock folder, as on a machine of its own."""
    pagecache.LOCKS = lock_dir

    def slow_view(request):
        caches["default"].client().incr(counter)
        time.sleep(0.5)  # the others ask while it renders
        return HttpResponse("the page")

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    response = pagecache.cached_page(slow_view)(request)
    assert response.status_code == 200 and response.content == b"the page"


def test_app_servers_that_share_no_disk_render_a_page_once(shared_cache, monkeypatch, tmp_path):
    """Three processes, each with its own lock folder (an flock would not exclude them), ask for
    the same uncached page at once: one renders it, the others wait and send its copy."""
    monkeypatch.setattr(pagecache, "page_key", lambda request: KEY)  # no database in the children
    counter = shared_cache.make_key("renders")
    servers = [
        get_context("fork").Process(target=serve_once, args=(tmp_path / str(n), counter))
        for n in range(3)
    ]
    for server in servers:
        server.start()
    for server in servers:
        server.join(20)
    assert [server.exitcode for server in servers] == [0, 0, 0]
    assert int(shared_cache.client().get(counter)) == 1


def test_the_render_lock_is_released_only_by_its_owner(shared_cache, monkeypatch):
    """A render that outlasted its lock finds it taken by the next one; ending, it must leave
    that holder's lock alone, or a third would render alongside it."""
    monkeypatch.setattr(pagecache, "LOCK_SECONDS", 0.2)
    first = pagecache.render_lock(KEY)
    assert first.__enter__() is False
    time.sleep(0.3)  # the first's lock expires mid-render
    monkeypatch.setattr(pagecache, "LOCK_SECONDS", 10)
    second = pagecache.render_lock(KEY, wait=0)
    assert second.__enter__() is False  # free: taken without waiting
    first.__exit__(None, None, None)
    started = time.monotonic()
    with pagecache.render_lock(KEY, wait=0.2) as waited:
        assert waited  # still the second's; after `wait` the third goes ahead anyway
    assert time.monotonic() - started < 2
    second.__exit__(None, None, None)
    with pagecache.render_lock(KEY, wait=0) as waited:
        assert not waited


@pytest.mark.django_db
def test_a_redis_that_is_down_makes_pages_slower_not_errors(client, seed, settings, own_redis):
    process, url = own_redis
    settings.CACHES = redis_cache(url)
    kept = client.get(PERMALINK)
    assert redis.Redis.from_url(url).keys("*page:*")  # the server was working
    process.kill()
    process.wait()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PERMALINK)
    assert response.status_code == 200 and response.content == kept.content
    assert len(queries) > 1  # rendered again, not read from the cache
    with pagecache.render_lock(KEY, wait=5) as waited:
        assert not waited  # no lock to be had: it goes ahead at once


def test_a_redis_that_never_answers_costs_a_moment_not_a_hang(settings):
    """A server that takes connections and never replies (hung, or swapping): each call gives up
    after the backend's timeout, so a page is late by about a second, never stuck."""
    done = []

    def ask():
        caches["default"].set("page", "x")
        assert caches["default"].get("page") is None
        with pagecache.render_lock("cd" * 20) as waited:
            done.append(waited)

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # the kernel accepts; nobody answers
        settings.CACHES = redis_cache(f"redis://127.0.0.1:{silent.getsockname()[1]}/0")
        asker = threading.Thread(target=ask, daemon=True)
        asker.start()
        asker.join(5)
    assert done == [False]


def test_after_a_failure_redis_is_left_alone_for_a_few_seconds(settings, monkeypatch):
    """A hung server costs the first call its timeout; the calls after it, for BACK_OFF_SECONDS,
    do not ask it at all, so one slow request, not every one."""
    from dialogue import cache as shared

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # the kernel accepts; nobody answers
        settings.CACHES = redis_cache(f"redis://127.0.0.1:{silent.getsockname()[1]}/0")
        started = time.monotonic()
        assert caches["default"].get("page") is None
        first = time.monotonic() - started
        started = time.monotonic()
        for _ in range(20):
            assert caches["default"].get("page") is None
            caches["default"].set("page", "x")
            with pagecache.render_lock("cd" * 20) as waited:
                assert waited is False
        after = time.monotonic() - started
    assert first >= 0.2  # it did ask, and waited out the timeout
    assert after < 0.2  # 60 calls that would each have waited a quarter of a second
    monkeypatch.setattr(shared, "_down_until", 0.0)  # its time is up: Redis is asked again
    assert shared.redis_up()
