"""The site as it runs on several machines, started on this one: HAProxy with deploy/haproxy.cfg
in front of N gunicorn instances with deploy/gunicorn.conf.py, sharing one PostgreSQL and one
Redis. Loopback only; every wait is bounded; `stop` ends everything it started.

Each instance is a process group of its own (its master and workers, killed together as a
machine's would die) with a render-lock folder of its own, so that nothing but the shared cache
lets the instances know of each other, as on machines of their own.

Used by tests/ops/test_topology.py and bench/topology.py.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import redis

from tests.ops.conftest import ROOT, fetch, free_port

HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
HAPROXY_CONFIG = ROOT / "deploy" / "haproxy.cfg"
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
# A page of each kind (bench/server.py's PAGES): each worker's first costs it a second or more.
WARM = (
    "/", "/?year=2014", "/?actor=japan&status=planned", "/events/kono-statement/",
    "/sources/japan-south-korea-to-resume-security-dialogue-this-month/", "/?q=missile",
)  # fmt: skip


class TopologyError(Exception):
    pass


def wait_for(what: str, ready, *, timeout: float, alive=lambda: True) -> None:
    """Polls `ready()` until it is true; a TopologyError after `timeout` seconds, or at once
    when `alive()` says the process it waits for has exited."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if ready():
                return
        except (OSError, redis.RedisError):
            pass
        if not alive():
            raise TopologyError(f"{what}: the process exited")
        if time.monotonic() > deadline:
            raise TopologyError(f"{what}: not ready within {timeout:.0f} s")
        time.sleep(0.1)


def end_group(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    """Signal a process group (a process started with start_new_session), then kill whatever is
    left of it after `timeout` seconds."""
    if process.poll() is not None and sig != signal.SIGKILL:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=timeout)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)


class Instance:
    """One gunicorn instance (deploy/gunicorn.conf.py), as systemd's dialogue@PORT.service."""

    def __init__(self, name: str, env: dict, folder: Path, workers: int):
        self.name, self.port = name, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.access_log = folder / f"{name}.access.log"
        self.log = folder / f"{name}.log"
        env = env | {
            "GUNICORN_HOST": "127.0.0.1",
            "GUNICORN_PORT": str(self.port),
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_ACCESS_LOG": str(self.access_log),
            "GUNICORN_LOG_LEVEL": "warning",
            "DJANGO_LOCK_DIR": str(folder / f"{name}.locks"),
        }
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONFIG)],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip

    def wait_ready(self, timeout: float = 60) -> None:
        wait_for(
            f"{self.name} ({self.log})",
            lambda: fetch(self.url + "/healthz", timeout=2)[0] == 200,
            timeout=timeout,
            alive=lambda: self.process.poll() is None,
        )

    def kill(self) -> None:
        """SIGKILL to the master and its workers at once: a machine that died."""
        end_group(self.process, signal.SIGKILL)

    def stop(self) -> None:
        end_group(self.process)


class Topology:
    """HAProxy (deploy/haproxy.cfg, with a servers file naming the instances) on a free port, in
    front of `instances` gunicorn instances with `workers` workers each. `env` is every
    instance's environment (DATABASE_URL, DATABASE_REPLICA_URL for a replica, DJANGO_CACHE_URL,
    the secret), as /etc/dialogue/env is in production; DJANGO_SITE_URL is set to HAProxy's
    address, as production sets it to the site's, so every instance keys its pages alike."""

    def __init__(self, env: dict, folder: Path, *, instances: int = 3, workers: int = 2):
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.socket = folder / "haproxy.sock"
        self.log = folder / "haproxy.log"
        self.env = env | {"DJANGO_SITE_URL": self.url, "DJANGO_PROXY_COUNT": "1"}
        self.count, self.workers = instances, workers
        self.instances: list[Instance] = []
        self.haproxy: subprocess.Popen | None = None

    def __enter__(self) -> Topology:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.instances = [
            Instance(f"app{n}", self.env, self.folder, self.workers)
            for n in range(1, self.count + 1)
        ]
        for instance in self.instances:
            instance.wait_ready()
        servers = self.folder / "servers.cfg"
        servers.write_text(
            "backend app\n"
            + "".join(
                f"    server {i.name} 127.0.0.1:{i.port} maxconn {self.workers}\n"
                for i in self.instances
            )
        )
        env = os.environ | {
            "DIALOGUE_BIND": f"127.0.0.1:{self.port}",
            "DIALOGUE_HOST": "127.0.0.1",
            "DIALOGUE_STATS_SOCKET": str(self.socket),
        }
        if os.geteuid() != 0:  # as root, the production path: chroot, then user haproxy
            env["DIALOGUE_UNPRIVILEGED"] = "1"
        with open(self.log, "ab") as log:
            self.haproxy = subprocess.Popen(
                [HAPROXY, "-db", "-f", str(HAPROXY_CONFIG), "-f", str(servers)],
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        wait_for(
            f"HAProxy ({self.log})",
            lambda: (
                all(s["status"] == "UP" for s in self.servers().values())
                and fetch(self.url + "/healthz", timeout=2)[0] == 200
            ),
            timeout=20,
            alive=lambda: self.haproxy.poll() is None,
        )
        self.warm()

    def warm(self) -> None:
        """Every worker past its first page of each kind (templates, its database connection,
        its event index, the search), so that no figure or timeout counts them. An instance
        is sent as many requests at once as it has workers, so each worker takes one (sent one
        after another, the same worker could take them all), each to an address of its own,
        so each is rendered (the shared cache would answer all but one)."""
        with ThreadPoolExecutor(len(self.instances) * self.workers) as pool:
            for turn in range(3):
                for path in WARM:
                    urls = [
                        f"{i.url}{path}{'&' if '?' in path else '?'}warm={i.name}-{turn}-{n}"
                        for i in self.instances
                        for n in range(self.workers)
                    ]
                    for url, (status, _) in zip(
                        urls, pool.map(lambda u: fetch(u, timeout=60), urls), strict=True
                    ):
                        if status != 200:
                            raise TopologyError(f"{url}: HTTP {status} while warming up")

    def stop(self) -> None:
        if self.haproxy is not None:
            end_group(self.haproxy)
        for instance in self.instances:
            instance.stop()

    def stats(self) -> list[dict]:
        """HAProxy's `show stat`: a row per frontend, server and backend (counters such as
        `stot` requests sent, `wretr` retries, `wredis` redispatches; `status`)."""
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(5)
            s.connect(str(self.socket))
            s.sendall(b"show stat\n")
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        return list(csv.DictReader(io.StringIO(data.decode().removeprefix("# "))))

    def servers(self) -> dict[str, dict]:
        return {
            row["svname"]: row
            for row in self.stats()
            if row["pxname"] == "app" and row["svname"] not in ("FRONTEND", "BACKEND")
        }

    def backend(self) -> dict:
        return next(r for r in self.stats() if r["pxname"] == "app" and r["svname"] == "BACKEND")


class OwnRedis:
    """A redis-server of the caller's own on a free loopback port, which it may kill: no disk,
    nothing shared with the machine's Redis."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        wait_for("redis-server", client.ping, timeout=10, alive=lambda: self.process.poll() is None)
        client.close()

    def kill(self) -> None:
        end_group(self.process, signal.SIGKILL)
