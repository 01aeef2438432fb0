"""Helper of bench/run.py: the figures taken of the app, in-process (server time and queries)
and through gunicorn (transfer, the export, wrk's throughput, and the browser's ready time,
next to the same page as static HTML without scripts: the physical limit)."""

from __future__ import annotations

import contextlib
import gzip
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from data import BENCH, ROOT, TMP, BenchError, log

# Page types and their addresses: the seed's own event, source and actor, so they exist at any N.
PAGES = {
    "timeline": "/",
    "year": "/?year=2014",
    "filtered": "/?actor=japan&status=planned",
    "permalink": "/events/kono-statement/",
    "source": "/sources/japan-south-korea-to-resume-security-dialogue-this-month/",
    "search": "/?q=missile",
}
WRK_PAGES = ("timeline", "permalink")
PEERS = {"timelinejs": "TimelineJS 3", "vis": "vis-timeline"}
PEER_MAX_N = 10_000  # above this N the peers are not run (TimelineJS takes minutes, or never ends)
# Where `collectstatic` puts the files (settings.STATIC_ROOT), served at /static/ (STATIC_URL).
STATIC_ROOT = ROOT / "staticfiles"
EMPTY_PAGE = b"<!doctype html><title>x</title>"
# What a response of ours says about the page beyond its bytes: the static limit and the peers'
# pages are sent the same (bench/static_server.py says why it matters).
POLICY_HEADERS = {
    "cross-origin-opener-policy", "content-security-policy", "permissions-policy",
    "referrer-policy", "x-content-type-options", "x-frame-options",
    "cross-origin-resource-policy",
}  # fmt: skip
SCRIPT = re.compile(rb"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)


def background_busy(seconds: float = 2.0) -> float | None:
    """The share of the CPU busy with other work while the benchmark waits (Linux /proc/stat):
    what else runs on the machine, which makes every figure noisier."""

    def sample():
        with open("/proc/stat") as stat:
            values = [int(v) for v in stat.readline().split()[1:]]
        return values[3] + values[4], sum(values)  # idle + iowait, total

    try:
        idle_a, total_a = sample()
        time.sleep(seconds)
        idle_b, total_b = sample()
    except (OSError, ValueError, IndexError):
        return None
    return 1 - (idle_b - idle_a) / max(1, total_b - total_a)


# Server time, in-process ---------------------------------------------------------------------


def server_times(env: dict, repeats: int, warmup: int) -> dict:
    pages = {}
    for name, url in PAGES.items():
        command = [sys.executable, str(BENCH / "inprocess.py"), url, str(repeats), str(warmup)]
        for attempt in range(2):  # once more if it failed: the database may have been restarted
            result = subprocess.run(
                command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600
            )
            if not result.returncode:
                break
            if attempt == 0:
                log(f"  {name} failed ({(result.stderr.strip().splitlines() or ['?'])[-1]}): "
                    "once more")  # fmt: skip
        if result.returncode:
            pages[name] = {"error": (result.stderr.strip().splitlines() or ["failed"])[-1]}
            log(f"  {name}: {pages[name]['error']}")
            continue
        raw = json.loads(result.stdout.strip().splitlines()[-1])
        pages[name] = {
            "retried": attempt > 0,
            "first": raw["first"],
            "cached": summary(raw["cached"]),
            "render": summary(raw["render"]),
            "index_build": raw["index_build"],
        }
        log(f"  {name:<10} first {raw['first']['ms']:.0f} ms, "
            f"cached p50 {pages[name]['cached']['p50']:.1f} ms, "
            f"render p50 {pages[name]['render']['p50']:.1f} ms")  # fmt: skip
    return pages


def summary(samples: list[dict]) -> dict:
    times = [s["ms"] for s in samples]
    queries = sorted({s["queries"] for s in samples})
    return {
        "p50": statistics.median(times),
        "max": max(times),
        "queries": queries,
        "bytes": samples[-1]["bytes"],
        "n": len(samples),
    }


# gunicorn ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn with 2 sync workers on a free loopback port; started again if it dies (another
    process restarting PostgreSQL or killing servers on a shared machine), which is noted."""

    def __init__(self, env: dict, logfile: Path):
        self.env, self.logfile = env, logfile
        self.process: subprocess.Popen | None = None
        self.site = ""
        self.restarts: list[str] = []

    def start(self) -> str:
        port = free_port()
        command = [
            sys.executable, "-m", "gunicorn", "dialogue.wsgi:application",
            "--workers", "2", "--bind", f"127.0.0.1:{port}",
            # The export of every event at 100k takes longer than the default 30 s.
            "--timeout", "600", "--log-level", "info", "--error-logfile", str(self.logfile),
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.site = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited ({self.process.returncode}); see {self.logfile}")
            with contextlib.suppress(OSError):
                first = fetch(self.site + "/")
                if first["status"] != 200:
                    raise BenchError(
                        f"gunicorn answered / with HTTP {first['status']} "
                        f"{first['location'] or ''}; see {self.logfile}"
                    )
                return self.site
            if time.monotonic() > deadline:
                raise BenchError(f"gunicorn did not answer within 60 s; see {self.logfile}")
            time.sleep(0.3)

    def ensure(self, stage: str) -> str:
        """The server's address, after starting it again if it has died."""
        if self.process is None or self.process.poll() is not None:
            if self.process is not None:
                self.restarts.append(f"before {stage} (it had exited: {self.process.returncode})")
                log(f"  gunicorn had exited ({self.process.returncode}): starting it again")
            self.start()
        return self.site

    def stop(self) -> None:
        if self.process is not None:
            end_process(self.process, timeout=30)


def end_process(process: subprocess.Popen, *, timeout: float) -> None:
    """Ask a server process to stop; kill it if it has not within `timeout` seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def fetch(url: str, encoding: str = "gzip, br", timeout: float = 600) -> dict:
    """One GET, body undecoded: its status, headers, bytes on the wire."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request("GET", path, headers={"Accept-Encoding": encoding})
        response = conn.getresponse()
        body = response.read()
        header_bytes = len(f"HTTP/1.1 {response.status} {response.reason}\r\n\r\n") + sum(
            len(f"{k}: {v}\r\n") for k, v in response.getheaders()
        )
        return {
            "status": response.status,
            "headers": dict(response.getheaders()),
            "encoding": response.getheader("Content-Encoding", "identity"),
            "type": response.getheader("Content-Type", ""),
            "location": response.getheader("Location"),
            "body": body,
            "header_bytes": header_bytes,
        }
    finally:
        conn.close()


class Assets(HTMLParser):
    """The stylesheets, scripts and images a page loads."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and {"stylesheet", "preload", "icon"} & set(
            (attrs.get("rel") or "").split()
        ):
            self.urls.append(attrs.get("href"))
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])


def transfer(site: str) -> dict:
    """The timeline page and what it links, as a browser asking for gzip and brotli gets them."""
    resources = []
    page = fetch(site + "/")
    html = fetch(site + "/", encoding="identity")["body"]
    parser = Assets()
    parser.feed(html.decode("utf-8", "replace"))
    urls = [site + "/"] + [urljoin(site + "/", u) for u in parser.urls if u]
    for url in dict.fromkeys(urls):
        if not url.startswith(site):
            resources.append({"url": url, "external": True})
            continue
        wire = page if url == site + "/" else fetch(url)
        plain = html if url == site + "/" else fetch(url, encoding="identity")["body"]
        resources.append(
            {
                "url": url.removeprefix(site),
                "status": wire["status"],
                "encoding": wire["encoding"],
                "wire": len(wire["body"]),
                "headers": wire["header_bytes"],
                "decoded": len(plain),
                # What the body would be if it were gzipped (level 6, as most servers do).
                "gzip_would_be": len(gzip.compress(plain, 6)),
            }
        )
    local = [r for r in resources if not r.get("external")]
    return {
        "resources": resources,
        "body_bytes": sum(r["wire"] for r in local),
        "total_bytes": sum(r["wire"] + r["headers"] for r in local),
        "decoded_bytes": sum(r["decoded"] for r in local),
        "html": local[0],
    }


def export(site: str, n: int, kind: str) -> dict:
    start = time.perf_counter()
    response = fetch(site + "/export/timelinejs.json", encoding="identity")
    elapsed = time.perf_counter() - start
    if response["status"] != 200:
        raise BenchError(f"/export/timelinejs.json: HTTP {response['status']}")
    path = TMP / f"timelinejs-{kind}-{n}.json"
    path.write_bytes(response["body"])
    events = len(json.loads(response["body"])["events"])
    return {"path": str(path), "seconds": elapsed, "bytes": len(response["body"]), "events": events}


# wrk -----------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(value: str, unit: str) -> float:
    return float(value) * UNITS[unit]


def parse_wrk(output: str) -> dict:
    def number(pattern, cast=float, default=None):
        match = re.search(pattern, output, re.MULTILINE)
        return cast(match.group(1)) if match else default

    latency = {}
    for percent in ("50", "75", "90", "99"):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        latency[percent] = _ms(*match.groups()) if match else None
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    socket_errors = dict(
        zip(("connect", "read", "write", "timeout"), map(int, sockets.groups()), strict=True)
    ) if sockets else {}  # fmt: skip
    return {
        "rps": number(r"^Requests/sec:\s+([\d.]+)"),
        "requests": number(r"^\s+(\d+) requests in", int),
        "p50": latency["50"],
        "p99": latency["99"],
        "non_2xx_3xx": number(r"Non-2xx or 3xx responses: (\d+)", int, 0),
        "socket_errors": socket_errors,
        "errors": sum(socket_errors.values()) + number(r"Non-2xx or 3xx responses: (\d+)", int, 0),
    }


def throughput(wrk: str, server: Gunicorn, durations: dict[int, int]) -> dict:
    runs = {}
    for name in WRK_PAGES:
        url = server.ensure(f"wrk {name}") + PAGES[name]
        for _ in range(20):  # both workers render and cache the page before the clock starts
            fetch(url)
        for connections, seconds in durations.items():
            command = [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency",
                       "-H", "Accept-Encoding: gzip, br", url]  # fmt: skip
            result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
            figures = parse_wrk(result.stdout)
            figures["raw"] = result.stdout
            runs[f"{name}@{connections}"] = figures
            log(f"  wrk {name} c={connections}: {figures['rps']} req/s, p50 {figures['p50']} ms, "
                f"p99 {figures['p99']} ms, errors {figures['errors']}")  # fmt: skip
    return runs


# Browser -------------------------------------------------------------------------------------


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )


class StaticSite:
    """The physical limit: our timeline page's HTML, the exact bytes gunicorn sends for `/`,
    with every <script> element cut out and nothing else changed, saved as index.html in
    bench/tmp/static-site/ next to empty.html (EMPTY_PAGE) and a symbolic link `static` to the
    collected static files, so the page's links to /static/… (the stylesheet, the icon) resolve
    as they do on gunicorn. Served by Python's http.server (bench/static_server.py, a process of
    its own, on a free loopback port): a plain static server, no Django, no compression, files
    from disk, with the policy headers (POLICY_HEADERS) our page was sent with."""

    def __init__(self, site: str):
        html = fetch(site + "/", encoding="identity")
        if html["status"] != 200:
            raise BenchError(f"/ for the static page: HTTP {html['status']}")
        self.root = TMP / "static-site"
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)
        page, self.scripts_removed = SCRIPT.subn(b"", html["body"])
        (self.root / "index.html").write_bytes(page)
        (self.root / "empty.html").write_bytes(EMPTY_PAGE)
        (self.root / "static").symlink_to(STATIC_ROOT, target_is_directory=True)
        self.html_bytes = len(page)
        port = free_port()
        self.site = f"http://127.0.0.1:{port}"
        self.policy = {k: v for k, v in html["headers"].items() if k.lower() in POLICY_HEADERS}
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "static_server.py"), str(port),
             str(self.root), json.dumps(self.policy)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError):
                if fetch(self.site + "/empty.html", timeout=5)["status"] == 200:
                    return
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise BenchError("the static server (bench/static_server.py) did not answer")
            time.sleep(0.2)

    def stop(self) -> None:
        end_process(self.process, timeout=10)


def browser(site: str, data: str | None, runs: int, peer_runs: int, peer_timeout: int) -> dict:
    """Ready times of ours, the static limit and the empty page; of the peers too given the
    export's path (`data`), else they are not run."""
    static = StaticSite(site)
    config = {
        "site": site,
        "static": static.site,
        # The peers' pages are sent our pages' opener policy too (not our CSP, which their
        # libraries' inline styles would break): each navigation costs the same.
        "opener_policy": {
            k: v for k, v in static.policy.items() if k.lower() == "cross-origin-opener-policy"
        },  # fmt: skip
        "data": data,
        "chromium": chromium_path(),
        "runs": runs,
        "peer_runs": peer_runs,
        "ours_timeout": 60,
        "peer_timeout": peer_timeout,
    }
    # Above the sum of the runs' own caps (a peer run's is in browser.peer_run), so that they,
    # not this, end a run that hangs, and kill its Chromium.
    peers = 2 * peer_runs * (2 * peer_timeout + 60) if data else 0
    budget = (3 * runs + 1) * 2 * config["ours_timeout"] + peers + 120
    try:
        result = subprocess.run(
            [sys.executable, str(BENCH / "browser.py"), json.dumps(config)],
            cwd=ROOT, capture_output=True, text=True, timeout=budget,
        )  # fmt: skip
    finally:
        static.stop()
    if result.returncode:
        raise BenchError(f"bench/browser.py failed:\n{result.stderr[-3000:]}")
    out = json.loads(result.stdout.strip().splitlines()[-1])
    out["static_page"] = {"bytes": static.html_bytes, "scripts_removed": static.scripts_removed}
    ours = out["ours"]["median_ms"]
    for name in ("static", "empty", *(PEERS if data else ())):
        theirs = out[name]["median_ms"]
        out[name]["ratio"] = ours / theirs if ours and theirs else None
        out[name]["faster"] = theirs / ours if ours and theirs else None
    return out
