"""Helper of bench/run.py: navigation-to-ready times in Chromium through Playwright, as JSON.

    python bench/browser.py '{"site": "http://127.0.0.1:PORT", "static": "http://…", …}'

Every time is `performance.now()` in the page at its ready moment: milliseconds since the
navigation started (the page's time origin), so it includes the server's response, the
transfer, parsing, styles, scripts and layout. Each run is a new browser context (empty HTTP
cache, no service worker); the figure is the median of the runs. One Chromium runs ours, the
static limit and the empty page in turn (ours, static, empty, then again), after one run of the
empty page that is not counted (a new Chromium's first context is slower); each peer run has
a Chromium of its own, TimelineJS and vis-timeline also in turn.

- ours: the timeline page `/` from the running server (gunicorn). Ready = DOMContentLoaded has
  fired, htmx has initialised the page (its `htmx:load` event on <body>), the event list
  (#event-list) has a layout box, and the axis labels are laid out: of the
  `figure.axis .mark__label`s in an SVG that has a layout box (the page draws the axis twice,
  for phones and for wider screens, and its stylesheet hides one), the first and the last have
  a layout box; a page without such labels passes this part. Checked at `htmx:load` and then
  every animation frame.
- static: the physical limit, the same page's HTML without its scripts from a plain static
  server (see bench/server.py, `StaticSite`). Ready = DOMContentLoaded has fired and #event-list
  has a layout box, checked at that event and then every animation frame; no htmx to wait for.
  Asking for the box lays out the whole page, labels included. Every stylesheet must have
  loaded too (without scripts, DOMContentLoaded does not wait for it; our page's deferred
  scripts do), so both pages are timed with their styles.
- empty: `<!doctype html><title>x</title>` from the same static server. Ready = DOMContentLoaded:
  what a navigation costs on this machine before any page.

Every page is sent our pages' opener policy (`Cross-Origin-Opener-Policy: same-origin`): the
static and empty pages all of our policy headers (bench/static_server.py), the peers' pages
that one (our CSP would break their inline styles). With it a navigation from the blank tab
gets a renderer process of its own, which costs about 100 ms here; a page without it would
be timed without that cost.
- TimelineJS 3: a bare page embedding it (as tests/browser/test_timelinejs.py does) fetches the
  export and calls `new TL.Timeline(…)`. Ready = its `ready` event, fired after `loaded` (the
  time navigation and the slider built, the first slide shown).
- vis-timeline (standalone UMD build, its stylesheet included): the same export converted in
  the page to a DataSet of items, each labelled with the event's title (`content`), start, and
  end for spans; the eras as background items; default options. Ready = its
  `onInitialDrawComplete` callback (the first full draw, items laid out).

At ready each page counts the labels it shows (`labels`): ours its `.mark__label`s with a
layout box, the static page the same, TimelineJS its time markers with text, vis-timeline its
items with text, so the report can say the axes compared are labelled.

The libraries are served from node_modules by `page.route` on the server's own origin and the
export from a file, so the peers' figures include fetching and parsing N events' JSON as an
embedding page would. Nothing leaves the machine: Chromium resolves no host name but the
loopback, and the peers' route aborts other origins (TimelineJS asks for web fonts).
A run that is not ready within its timeout is reported as a timeout, and not repeated.
Each peer run is a process of its own with its own Chromium, killed when the run is over.
Without "data" in the config the peers are not run (run.py leaves them out above 10k events).
"""

import contextlib
import json
import os
import signal
import statistics
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
TIMELINEJS = NODE / "@knight-lab" / "timelinejs" / "dist"
VIS = NODE / "vis-timeline" / "standalone" / "umd"
MOUNT = "/__bench__/"
VIEWPORT = {"width": 1280, "height": 900}
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # No network but the loopback, whatever a page asks for.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]

# The axis labels of the SVG the stylesheet shows: the page has one axis for phones and one for
# wider screens, and hides the other (display: none), so its labels never have a layout box.
SHOWN_LABELS = """const laidOut = (element) => element.getClientRects().length > 0;
  const shownLabels = () => [...document.querySelectorAll("figure.axis .mark__label")]
    .filter((label) => !label.closest("svg") || laidOut(label.closest("svg")));"""

OURS_READY = """(() => {
  let htmxLoaded = false;
  SHOWN_LABELS
  const check = () => {
    if (window.__benchReady !== undefined) return true;
    const list = document.getElementById("event-list");
    const labels = shownLabels();
    const labelled = labels.length === 0
      || (laidOut(labels[0]) && laidOut(labels[labels.length - 1]));
    if (htmxLoaded && document.readyState !== "loading" && window.htmx && list && laidOut(list)
        && labelled) {
      window.__benchReady = performance.now();
      window.__benchLabels = labels.filter(laidOut).length;
      return true;
    }
    return false;
  };
  const poll = () => { if (!check()) requestAnimationFrame(poll); };
  document.addEventListener("htmx:load", (e) => {
    if (e.target === document.body) { htmxLoaded = true; poll(); }
  });
})();""".replace("SHOWN_LABELS", SHOWN_LABELS)

STATIC_READY = """(() => {
  SHOWN_LABELS
  const check = () => {
    const list = document.getElementById("event-list");
    // The same page means the page with its styles: our page's deferred scripts wait for the
    // stylesheet, so the static one waits for it too.
    const styled = [...document.querySelectorAll('link[rel="stylesheet"]')]
      .every((link) => link.sheet);
    if (list && styled && laidOut(list)) {
      window.__benchReady = performance.now();
      window.__benchLabels = shownLabels().filter(laidOut).length;
      window.__benchStyled = styled;
      return true;
    }
    return false;
  };
  const poll = () => { if (!check()) requestAnimationFrame(poll); };
  document.addEventListener("DOMContentLoaded", poll);
})();""".replace("SHOWN_LABELS", SHOWN_LABELS)

EMPTY_READY = """document.addEventListener("DOMContentLoaded", () => {
  window.__benchReady = performance.now();
});"""

TIMELINEJS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="css/timeline.css">
<script src="js/timeline.js"></script>
</head><body style="margin: 0">
<div id="timeline-embed" style="width: 100%; height: 650px"></div>
<script>
fetch("../data.json").then((r) => r.json()).then((data) => {
  window.__benchEvents = data.events.length;
  const timeline = new TL.Timeline("timeline-embed", data);
  let loaded = false;
  timeline.on("loaded", () => { loaded = true; });
  timeline.on("ready", () => {
    if (window.__benchReady === undefined) window.__benchReady = performance.now();
    window.__benchLoaded = loaded;
    window.__benchLabels = [...document.querySelectorAll(".tl-timemarker-text")]
      .filter((e) => e.textContent.trim()).length;
  });
  window.timeline = timeline;
}).catch((e) => { window.__benchError = String(e); });
</script>
</body></html>"""

VIS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>vis-timeline</title>
<script src="vis-timeline-graph2d.min.js"></script>
</head><body style="margin: 0">
<div id="visualization" style="width: 100%; height: 650px"></div>
<script>
const day = (d) => new Date(Date.UTC(+d.year, (+d.month || 1) - 1, +d.day || 1));
fetch("../data.json").then((r) => r.json()).then((data) => {
  window.__benchEvents = data.events.length;
  const items = new vis.DataSet(data.events.map((e, i) => {
    const item = {id: i, content: e.text.headline, start: day(e.start_date)};
    if (e.end_date) item.end = day(e.end_date);
    return item;
  }));
  (data.eras || []).forEach((era, i) => items.add({
    id: "era-" + i, content: era.text.headline, type: "background",
    start: day(era.start_date), end: day(era.end_date),
  }));
  window.timeline = new vis.Timeline(document.getElementById("visualization"), items, {
    onInitialDrawComplete: () => {
      window.__benchReady = performance.now();
      window.__benchLabels = [...document.querySelectorAll(".vis-item .vis-item-content")]
        .filter((e) => e.textContent.trim()).length;
    },
  });
}).catch((e) => { window.__benchError = String(e); });
</script>
</body></html>"""

NAVIGATION = """() => {
  const nav = performance.getEntriesByType("navigation")[0] || {};
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return {
    ready: window.__benchReady,
    error: window.__benchError || null,
    events: window.__benchEvents ?? null,
    labels: window.__benchLabels ?? null,
    styled: window.__benchStyled ?? null,
    ttfb: nav.responseStart ?? null,
    dom_content_loaded: nav.domContentLoadedEventEnd ?? null,
    load: nav.loadEventEnd ?? null,
    fcp: fcp ? fcp.startTime : null,
    dom_nodes: document.getElementsByTagName("*").length,
  };
}"""
WAIT = "() => window.__benchReady !== undefined || window.__benchError !== undefined"


def serve_peers(site: str, data: Path, blocked: list, policy: dict):
    """The route answering the peers' pages: their files, the export; other origins aborted."""
    # Resolved, as the files asked for are: node_modules may be a symbolic link.
    roots = {"timelinejs/": TIMELINEJS.resolve(), "vis/": VIS.resolve()}
    pages = {"timelinejs/index.html": TIMELINEJS_PAGE, "vis/index.html": VIS_PAGE}

    def serve(route):
        url = route.request.url.split("#")[0].split("?")[0]
        if not url.startswith(site + "/"):
            blocked.append(url)
            route.abort()
            return
        if not url.startswith(site + MOUNT):
            route.continue_()
            return
        name = url.removeprefix(site + MOUNT)
        if name in pages:
            route.fulfill(body=pages[name], content_type="text/html; charset=utf-8", headers=policy)
            return
        if name == "data.json":
            route.fulfill(path=data, content_type="application/json")
            return
        for prefix, root in roots.items():
            if name.startswith(prefix):
                file = (root / name.removeprefix(prefix)).resolve()
                if file.is_relative_to(root) and file.is_file():
                    route.fulfill(path=file)
                    return
        route.fulfill(status=404)

    return serve


def one_run(browser, url: str, timeout_s: float, *, init=None, route=None, close=True) -> dict:
    """One navigation in a new context. close=False leaves the context to its browser's close:
    closing the context of a page whose script is still running can wait for that script."""
    context = browser.new_context(viewport=VIEWPORT)
    errors, outside = [], []
    try:
        if init:
            context.add_init_script(init)
        if route:
            context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        site = url.split("/", 3)[:3]
        page.on(
            "request",
            lambda r: None if r.url.startswith("/".join(site)) else outside.append(r.url),
        )
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        page.wait_for_function(WAIT, timeout=timeout_s * 1000, polling=100)
        result = page.evaluate(NAVIGATION)
    except PlaywrightTimeout:
        result = {"ready": None, "error": "timeout"}
    except PlaywrightError as exc:
        result = {"ready": None, "error": str(exc).splitlines()[0]}
    finally:
        if close:
            with contextlib.suppress(PlaywrightError):
                context.close()
    result["page_errors"] = errors[:3]
    result["outside_requests"] = len(outside)
    return result


def launch(playwright, chromium: str):
    return playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS, headless=True)


def peer_run(config: dict, name: str) -> dict:
    """One peer run in a process of its own (and its Chromium), killed as a group when it is
    over: a peer page still running its script past the timeout (TimelineJS or vis-timeline at
    100k events) keeps Chromium from closing, and would hold up everything after it."""
    job = {**config, "peer": name}
    process = subprocess.Popen(
        [sys.executable, __file__, json.dumps(job)],
        stdout=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        out, _ = process.communicate(timeout=config["peer_timeout"] * 2 + 60)
        lines = out.strip().splitlines()
        result = json.loads(lines[-1]) if lines else {"ready": None, "error": "no result"}
    except subprocess.TimeoutExpired:
        result = {"ready": None, "error": "timeout"}
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    return result


def series(runs: dict, count: int) -> dict:
    """`count` runs of each page (name: its run function), taken in turn (one of each, then
    again) so that a change in the machine's load touches them alike; a page that times out or
    fails is not run again."""
    results = {name: [] for name in runs}
    for _ in range(count):
        for name, run in runs.items():
            done = results[name]
            if not done or done[-1]["ready"] is not None:
                done.append(run())
    return {name: summary(done) for name, done in results.items()}


def summary(results: list[dict]) -> dict:
    ready = [r["ready"] for r in results if r["ready"] is not None]
    failed = [r for r in results if r["ready"] is None]
    return {
        "median_ms": statistics.median(ready) if ready and not failed else None,
        "runs_ms": ready,
        "error": failed[0]["error"] if failed else None,
        "last": results[-1],
    }


def main() -> None:
    config = json.loads(sys.argv[1])
    site = config["site"]
    if "peer" in config:  # one peer run, for peer_run(): its result, and no clean-up
        blocked: list = []
        with sync_playwright() as playwright:
            browser = launch(playwright, config["chromium"])
            url = f"{site}{MOUNT}{config['peer']}/index.html"
            route = serve_peers(site, Path(config["data"]), blocked, config["opener_policy"])
            result = one_run(browser, url, config["peer_timeout"], route=route, close=False)
            result["blocked"] = sorted({u.split("/")[2] for u in blocked})
            print(json.dumps(result), flush=True)
            os._exit(0)  # the group is killed by the parent
    out = {}
    pages = {
        "ours": (site + "/", OURS_READY),
        "static": (config["static"] + "/", STATIC_READY),
        "empty": (config["static"] + "/empty.html", EMPTY_READY),
    }
    with sync_playwright() as playwright:
        browser = launch(playwright, config["chromium"])
        out["chromium"] = browser.version
        timeout = config["ours_timeout"]
        # Not counted: the first context of a new Chromium is slower than the next ones.
        one_run(browser, config["static"] + "/empty.html", timeout, init=EMPTY_READY)
        runs = {
            name: lambda url=url, ready=ready: one_run(browser, url, timeout, init=ready)
            for name, (url, ready) in pages.items()
        }
        out |= series(runs, config["runs"])
        browser.close()
    if config.get("data"):
        peers = {name: lambda name=name: peer_run(config, name) for name in ("timelinejs", "vis")}
        out |= series(peers, config["peer_runs"])
        blocked = {
            host for name in ("timelinejs", "vis") for host in out[name]["last"].get("blocked", [])
        }
        out["blocked_requests"] = sorted(blocked)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
