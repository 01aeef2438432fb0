"""PostgreSQL stopped mid-run: plain 503 pages, then recovery without restarting the app."""

import subprocess
import time

import pytest

from tests.ops.conftest import fetch, postgres_cluster, require

pytestmark = pytest.mark.ops


def test_pages_answer_503_while_postgres_is_down_and_recover_by_themselves(server):
    cluster = postgres_cluster()
    require("pg_ctlcluster (Debian's PostgreSQL, as root)", cluster is not None)
    status, _ = fetch(server + "/events/kono-statement/")
    assert status == 200
    subprocess.run([*cluster, "stop", "-m", "fast"], check=True)
    try:
        for url in ("/", "/events/kono-statement/", "/?q=THAAD", "/api/events/"):
            status, body = fetch(server + url)
            assert status == 503, (url, status)
            assert "temporarily unavailable" in body and "Traceback" not in body
    finally:
        subprocess.run([*cluster, "start"], check=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status, _ = fetch(server + "/events/kono-statement/")
        if status == 200:
            break
        time.sleep(0.5)
    assert status == 200
    for url in ("/", "/?q=THAAD", "/api/events/"):
        assert fetch(server + url)[0] == 200, url
