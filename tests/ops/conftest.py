"""Operations tests: a real gunicorn against a real PostgreSQL, which they load, and stop when
it is a server of their own (`Cluster`: initdb on a free port, removed afterwards; the machine's
PostgreSQL is only given a database). They are slow, so they run apart (`make test-ops`, from
.ci/run), never in the ordinary suite.
"""

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
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
    with gunicorn(server_env(database_url), workers=2) as base:
        yield base


def answers(url: str) -> bool:
    try:
        return fetch(url, timeout=5)[0] == 200
    except OSError:
        return False


def wait_for(condition, what: str, seconds: float = 20):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.1)


@contextlib.contextmanager
def gunicorn(env: dict, workers: int, log=None):
    """The site under gunicorn on a free loopback port, answering, until the block ends."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "dialogue.wsgi", "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=log, stderr=log,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: answers(base + "/"), "gunicorn to answer")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


BINARIES = sorted(Path("/usr/lib/postgresql").glob("*/bin"))


def pg(binary: str) -> str:
    return str(BINARIES[-1] / binary)


def run(*command: str, timeout: float = 60) -> str:
    """A PostgreSQL program, as `postgres` when the tests run as root."""
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    result = subprocess.run(
        [*as_postgres, *command], capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


class Cluster:
    """A PostgreSQL server of the test's own: a data folder and a port."""

    def __init__(self, folder: Path, name: str):
        self.data, self.log, self.port = folder / name, folder / f"{name}.log", free_port()
        self.sockets = folder

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "dialogue") -> psycopg.Connection:
        return psycopg.connect(self.url(database), autocommit=True, connect_timeout=5)

    def start(self, *settings: str):
        options = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1"
        options += "".join(f" -c {setting}" for setting in settings)
        run(pg("pg_ctl"), "start", "-D", self.data, "-l", self.log, "-w", "-t", "30", "-o", options)

    def stop(self, mode: str = "fast"):
        if (self.data / "postmaster.pid").exists():
            run(pg("pg_ctl"), "stop", "-D", self.data, "-m", mode, "-w", "-t", "30")


@contextlib.contextmanager
def own_folder(prefix: str):
    """A folder for servers of the test's own, PostgreSQL's to write in, removed afterwards."""
    require("PostgreSQL's server programs (initdb, pg_ctl)", bool(BINARIES))
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def seeded_cluster(folder: Path, name: str) -> Cluster:
    """A new server, started, whose database `dialogue` has the site's tables and seed."""
    cluster = Cluster(folder, name)
    run(pg("initdb"), "-D", cluster.data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
        "--locale=C.UTF-8", "--no-instructions")  # fmt: skip
    cluster.start("fsync=off")  # a throwaway server: durability is not what is tested
    with cluster.connect("postgres") as conn:
        conn.execute("CREATE DATABASE dialogue")
    env = server_env(cluster.url("dialogue"))
    for command in (["migrate", "-v0"], ["load_seed"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env,
                       check=True, capture_output=True, timeout=300)  # fmt: skip
    return cluster
