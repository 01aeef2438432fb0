"""HTTP as a careful server speaks it: the page cache can't be poisoned, conditional requests are
read as the standard says, read-only addresses refuse other methods with 405, every response says
how it may be cached, the client's address is the real one behind a proxy."""

import os
import subprocess
import sys
import time
from multiprocessing import get_context
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from dialogue.pagecache import render_lock

pytestmark = pytest.mark.django_db
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PERMALINK = "/events/kono-statement/"


@override_settings(CACHES=LOCMEM)
def test_another_host_header_does_not_poison_the_cache(client, seed):
    """The defect: one request with a port in its Host header made the next visitor's
    permalink link to that host."""
    cache.clear()
    evil = client.get(PERMALINK, headers={"Host": "127.0.0.1:6666"})
    assert evil.status_code == 200
    page = client.get(PERMALINK).content.decode()
    assert "6666" not in page
    assert 'href="http://testserver/events/kono-statement/"' in page
    cache.clear()


@override_settings(CACHES=LOCMEM, SITE_URL="", ALLOWED_HOSTS=["timeline.example.org"])
def test_a_host_the_site_does_not_serve_is_a_bad_request_not_an_error(seed):
    """Without DJANGO_SITE_URL the origin comes from the Host header; one not allowed is a 400,
    whose page must not ask for it again."""
    client = Client(raise_request_exception=False)
    for path in ("/", PERMALINK, "/no-such-page/"):
        assert client.get(path, headers={"Host": "evil.example"}).status_code == 400


@override_settings(CACHES=LOCMEM, SITE_URL="https://timeline.example.org")
def test_absolute_urls_use_the_sites_own_origin(client, seed):
    cache.clear()
    for host in ("127.0.0.1:6666", "testserver"):
        page = client.get(PERMALINK, headers={"Host": host}).content.decode()
        assert 'rel="canonical" href="https://timeline.example.org/events/kono-statement/"' in page
        assert "6666" not in page
    data = client.get("/api/events/kono-statement/", headers={"Host": "127.0.0.1:6666"}).json()
    assert data["url"] == "https://timeline.example.org/events/kono-statement/"
    feed = client.get("/feed.atom", headers={"Host": "127.0.0.1:6666"}).content.decode()
    assert "6666" not in feed and "https://timeline.example.org/events/" in feed
    cache.clear()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        PERMALINK,
        "/sources/",
        "/actors/japan/",
        "/export/events.csv",
        "/feed.atom",
        "/api/events/",
        "/schema/events.json",
    ],
)
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_unsafe_methods_on_read_only_addresses_are_405(seed, url, method):
    """Not CSRF's 403 page: the address takes no input at all, and says which methods it
    takes."""
    response = getattr(Client(enforce_csrf_checks=True), method)(url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_the_feed_does_not_answer_trace(client, seed):
    assert client.generic("TRACE", "/feed.atom").status_code == 405


def test_if_none_match_is_read_as_a_list_of_tags(client, seed):
    etag = client.get("/")["ETag"]
    assert client.get("/", headers={"If-None-Match": f'"other", {etag}'}).status_code == 304
    assert client.get("/", headers={"If-None-Match": f"W/{etag}"}).status_code == 304
    # The old check was a substring test: a tag merely containing this one matched.
    assert client.get("/", headers={"If-None-Match": f'"x{etag[1:]}'}).status_code == 200
    assert client.get("/", headers={"If-None-Match": f"x{etag}x"}).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/no-such-page/",
        "/events/no-such-event/",
        "/api/",
        "/api/events/kono-statement/",
        "/api/openapi.json",
        "/schema/events.json",
        "/admin/login/",
        "/?actor=nobody",
    ],
)
def test_every_response_says_how_it_may_be_cached(client, seed, url):
    assert client.get(url).has_header("Cache-Control")


def test_a_staff_page_is_private(client, seed, staff):
    client.force_login(staff)
    assert "private" in client.get("/api/events/")["Cache-Control"]


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_the_health_check_answers_without_the_database_or_the_cache(
    client, django_assert_num_queries
):
    """The load balancer's check (deploy/haproxy.cfg): a database or cache outage is every app
    server's at once, so the check must not take them all out of the balancer for it."""
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


def login(client, password: str, forwarded: str):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": password},
        headers={"X-Forwarded-For": forwarded},
        REMOTE_ADDR="10.0.0.1",  # the proxy
    )


@override_settings(PROXY_COUNT=1)
def test_behind_a_proxy_a_stranger_cannot_lock_an_editor_out(staff):
    """Five wrong passwords from one client lock that client out, not everyone behind the
    proxy; what a client writes in the header itself is not believed."""
    stranger = Client()
    for _ in range(5):
        login(stranger, "wrong", "6.6.6.6, 203.0.113.5")
    assert login(stranger, "a long enough password 1", "203.0.113.5").status_code in (403, 429)
    editor = login(Client(), "a long enough password 1", "203.0.113.5, 198.51.100.7")
    assert editor.status_code == 302


def test_without_a_proxy_the_header_is_ignored(staff):
    stranger = Client()
    for n in range(5):
        login(stranger, "wrong", f"192.0.2.{n}")  # a new "address" each time
    assert login(stranger, "a long enough password 1", "192.0.2.99").status_code in (403, 429)


def test_the_proxy_settings_come_from_the_environment():
    env = os.environ | {"DJANGO_PROXY_COUNT": "2", "DJANGO_CLIENT_IP_HEADER": "X-Real-IP"}
    out = subprocess.run(
        [sys.executable, "-c", "from dialogue import settings as s; "
         "print(s.PROXY_COUNT, s.CLIENT_IP_HEADER)"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert out.split() == ["2", "HTTP_X_REAL_IP"]


def _hold(key: str, log: str) -> None:
    with render_lock(key, wait=10):
        with open(log, "a") as f:
            f.write(f"in {time.monotonic()}\n")
        time.sleep(0.3)
        with open(log, "a") as f:
            f.write(f"out {time.monotonic()}\n")


def test_the_render_lock_excludes_other_processes(tmp_path):
    """Two processes asking for the same page's lock render one after the other."""
    log = str(tmp_path / "log")
    ctx = get_context("fork")
    workers = [ctx.Process(target=_hold, args=("ab" * 20, log)) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(20)
    events = [line.split() for line in Path(log).read_text().splitlines()]
    assert [e[0] for e in events] == ["in", "out"] * 3  # never two inside at once


def test_the_render_locks_are_a_fixed_set_of_files(tmp_path, monkeypatch):
    """Any number of addresses use the same few lock files: a visitor inventing query strings
    can't fill the disk with them."""
    import hashlib

    from dialogue import pagecache

    monkeypatch.setattr(pagecache, "LOCKS", tmp_path)
    for n in range(500):
        with render_lock(hashlib.sha256(str(n).encode()).hexdigest()[:40]):
            pass
    assert 0 < len(list(tmp_path.iterdir())) <= pagecache.LOCK_FILES
