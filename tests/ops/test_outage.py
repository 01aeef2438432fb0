"""PostgreSQL stopped mid-run: plain 503 pages, then recovery without restarting the app.

The server stopped is the test's own (initdb on a free port), never the machine's."""

import pytest

from tests.ops.conftest import (
    fetch,
    gunicorn,
    own_folder,
    seeded_cluster,
    server_env,
    wait_for,
)

pytestmark = pytest.mark.ops


@pytest.fixture(scope="module")
def cluster():
    with own_folder("dialogue-outage-") as folder:
        cluster = None
        try:
            cluster = seeded_cluster(folder, "primary")
            yield cluster
        finally:
            if cluster:
                cluster.stop()


@pytest.fixture(scope="module")
def outage_server(cluster, static_files):
    """gunicorn with two workers, as in production, on the test's own PostgreSQL."""
    env = server_env(cluster.url("dialogue")) | {
        "DJANGO_CACHE_DIR": str(cluster.sockets / "cache"),
        "DJANGO_LOCK_DIR": str(cluster.sockets / "locks"),
    }
    with gunicorn(env, workers=2) as base:
        yield base


def test_pages_answer_503_while_postgres_is_down_and_recover_by_themselves(cluster, outage_server):
    server = outage_server
    status, _ = fetch(server + "/events/kono-statement/")
    assert status == 200
    cluster.stop()
    try:
        for url in ("/", "/events/kono-statement/", "/?q=THAAD", "/api/events/"):
            status, body = fetch(server + url)
            assert status == 503, (url, status)
            assert "temporarily unavailable" in body and "Traceback" not in body
    finally:
        cluster.start("fsync=off")
    wait_for(lambda: fetch(server + "/events/kono-statement/")[0] == 200, "recovery", 60)
    for url in ("/", "/?q=THAAD", "/api/events/"):
        assert fetch(server + url)[0] == 200, url
