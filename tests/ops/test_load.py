"""Load: 32 connections for 60 s against gunicorn, mixing timeline, permalinks, search and
source pages. Loopback only, bounded in time. Zero errors; the figures are printed."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.ops.conftest import require

pytestmark = pytest.mark.ops
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
MIX = Path(__file__).with_name("mix.lua")


def test_32_connections_for_a_minute_give_no_errors(server):
    require("wrk (Debian package wrk)", shutil.which("wrk") is not None)
    result = subprocess.run(
        # A reader's patience, not wrk's 2 s default: a request slower than 10 s is an error.
        ["wrk", "-t2", "-c32", f"-d{SECONDS}s", "--timeout", "10s", "--latency", "-s", str(MIX),
         server],
        capture_output=True, text=True, timeout=SECONDS + 60,
    )  # fmt: skip
    out = result.stdout
    print(out)
    assert result.returncode == 0, result.stderr
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    assert requests > 0
    assert "Socket errors" not in out, out
    assert "Non-2xx or 3xx responses" not in out, out
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    print(f"load: {requests} requests, {rate:.0f}/s, p99 {p99}, 0 errors")
