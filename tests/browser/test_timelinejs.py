"""The TimelineJS export opened unchanged by TimelineJS 3 itself (the npm package pinned in
package.json, installed by `npm ci`) in Chromium. Nothing leaves the machine: TimelineJS's files
are served from node_modules and every request to another origin is blocked."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.conftest import shoot

DIST = Path(settings.BASE_DIR) / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
SCRIPT = DIST / "js" / "timeline.js"
STYLE = DIST / "css" / "timeline.css"
# A path the live server does not serve: the route below answers it from DIST, on the live
# server's origin, so the page fetches the export as a page embedding TimelineJS would.
MOUNT = "/__timelinejs__/"
EMBED = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>TimelineJS export</title>
<link rel="stylesheet" href="css/timeline.css">
<script src="js/timeline.js"></script>
</head>
<body style="margin: 0">
<div id="timeline-embed" style="width: 100%; height: 650px"></div>
</body>
</html>
"""
# The export's JSON goes to TimelineJS as parsed, with TimelineJS's default options.
OPEN = """async url => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const data = await response.json();
    window.timeline = new TL.Timeline("timeline-embed", data);
    return data.events.length;
}"""

SITE_NAME = "Japan–South Korea security dialogue, 2009–2015"
ERA = "Security dialogue suspended"
MONTH_EVENT = "foreign-ministers-agree-in-seoul"  # EDTF 2015-03
MONTH_TITLE = "Foreign ministers agree in Seoul to hold security dialogue"
MONTH_QUOTE = "agreed at a meeting in Seoul last month"
MONTH_SOURCE = "Japan, South Korea to resume security dialogue this month"


@pytest.fixture(scope="session")
def timelinejs():
    """TimelineJS's built files; session-scoped so a missing install is reported first."""
    if not (SCRIPT.is_file() and STYLE.is_file()):
        message = (
            f"TimelineJS not found in {DIST}: run `npm ci` in {settings.BASE_DIR} "
            "(or `make test`, which runs it when npm is installed)."
        )
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return DIST


def open_in_timelinejs(page, site, query=""):
    """Open a bare page embedding TimelineJS and give it the export; the number of events."""
    page.console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )

    def serve(route):
        url = route.request.url.split("#")[0].split("?")[0]
        if url.startswith(site + MOUNT):
            name = url.removeprefix(site + MOUNT)
            file = (DIST / name).resolve()
            if name == "index.html":
                route.fulfill(body=EMBED, content_type="text/html; charset=utf-8")
            elif file.is_relative_to(DIST) and file.is_file():
                route.fulfill(path=file)
            else:
                route.fulfill(status=404)
        elif url.startswith(site + "/"):
            route.continue_()
        else:  # TimelineJS's web fonts from its CDN, for one: nothing leaves the machine
            route.abort()

    page.route("**/*", serve)
    page.goto(site + MOUNT + "index.html")
    return page.evaluate(OPEN, site + "/export/timelinejs.json" + query)


def timenav(page):
    return page.get_by_role("application", name="Timeline navigation")


def assert_rendered(page, events):
    """Every event became a slide (after the title slide) and a marker; the era is drawn;
    TimelineJS read the month-precise event as month-precise; nothing failed."""
    expect(page.locator(".tl-slide")).to_have_count(events + 1)
    expect(page.locator(".tl-slide-titleslide")).to_have_count(1)
    expect(page.get_by_role("heading", name=SITE_NAME)).to_be_in_viewport()
    expect(timenav(page).locator(".tl-timemarker")).to_have_count(events)
    expect(timenav(page).locator(".tl-timeera .tl-headline")).to_have_text([ERA])
    slide = page.locator(f".tl-slide#{MONTH_EVENT}")
    expect(slide.locator(".tl-headline")).to_have_text(MONTH_TITLE)
    expect(slide.locator(".tl-headline-date")).to_have_text("March 2015")
    expect(timenav(page).get_by_label(re.compile(f"^{MONTH_TITLE}, March 2015,"))).to_have_count(1)
    page.wait_for_function("() => window.timeline && window.timeline.ready")
    config = page.evaluate(
        """id => ({
            messages: timeline.config.messages,
            precision: timeline.config.event_dict[id].start_date.findBestFormat(),
        })""",
        MONTH_EVENT,
    )
    assert config == {"messages": {"errors": [], "warnings": []}, "precision": "month"}
    assert page.js_errors == []
    # Only the requests blocked above may fail ("Failed to load resource: net::ERR_FAILED").
    assert [e for e in page.console_errors if not e.startswith("Failed to load resource")] == []


def test_the_whole_timeline_opens_in_timelinejs(timelinejs, page, site):
    events = open_in_timelinejs(page, site)
    assert events > 7
    assert_rendered(page, events)
    shoot(page, "timelinejs-all")


def test_a_filtered_view_opens_in_timelinejs(timelinejs, page, site):
    events = open_in_timelinejs(page, site, "?year=2015")
    assert events == 7
    assert_rendered(page, events)
    # As the timeline navigation's description says: markers by keyboard, Space shows one.
    timenav(page).get_by_label(re.compile(f"^{MONTH_TITLE},")).focus()
    page.keyboard.press("Space")
    slide = page.locator(f".tl-slide#{MONTH_EVENT}")
    expect(slide).to_be_in_viewport(ratio=0.99)  # it has slid in (to a pixel or two)
    expect(slide).not_to_have_attribute("inert", re.compile(""))
    expect(slide.get_by_role("heading", name=MONTH_TITLE)).to_be_visible()
    expect(slide.get_by_role("heading", name="March 2015")).to_be_visible()
    expect(slide.locator("blockquote")).to_contain_text(MONTH_QUOTE)
    expect(slide.get_by_role("link", name=MONTH_SOURCE)).to_be_visible()
    expect(timenav(page).get_by_role("heading", name=ERA)).to_be_visible()
    shoot(page, "timelinejs-2015")
