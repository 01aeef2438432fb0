"""Operations tests: a real gunicorn against a real PostgreSQL, which they stop and load.

They change the machine's PostgreSQL server, so they run apart (`make test-ops`, from .ci/run),
never in the ordinary suite.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
ADMIN_URL = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DB_NAME = "dialogue_ops"


def require(what: str, ok: bool):
    if not ok:
        message = f"{what} is needed for the operations tests"
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 10) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="session")
def database_url():
    try:
        with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {DB_NAME}")
    except psycopg.OperationalError:
        require("PostgreSQL at " + ADMIN_URL, False)
    url = ADMIN_URL.rsplit("/", 1)[0] + "/" + DB_NAME
    env = server_env(url)
    for command in (["migrate", "-v0"], ["load_seed"], ["generate_events", "1000"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       capture_output=True)  # fmt: skip
    return url


def server_env(url: str) -> dict:
    return os.environ | {
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "ops-tests-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE": "0",
        "DJANGO_SETTINGS_MODULE": "dialogue.settings",
    }


@pytest.fixture(scope="session")
def static_files(database_url):
    """whitenoise's manifest and compressed files, which production settings read."""
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                   env=server_env(database_url), check=True)  # fmt: skip


@pytest.fixture(scope="session")
def server(database_url, static_files):
    """gunicorn with two workers, as in production, on a free loopback port."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "dialogue.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=server_env(database_url),
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if fetch(base + "/", timeout=2)[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=20)


def postgres_cluster() -> list[str] | None:
    """`pg_ctlcluster VERSION main` for the local server, if this machine has it."""
    if not shutil.which("pg_ctlcluster"):
        return None
    versions = sorted(Path("/etc/postgresql").glob("*"))
    return (
        ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1].name, "main"]
        if versions
        else None
    )
