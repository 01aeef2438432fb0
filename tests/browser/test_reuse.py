"""Embeds on another origin, search as you type, and the printed page, in Chromium."""

import re
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from playwright.sync_api import expect

from tests.browser.conftest import shoot


@contextmanager
def other_origin(html: str):
    """Another site on this machine (its own port, so its own origin) serving one page."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/host.html"
    finally:
        server.shutdown()


def frames(site, *sources):
    return (
        "<!doctype html><html lang='en'><title>Host</title><body>"
        + "".join(
            f'<iframe id="f{i}" title="frame {i}" src="{site}{src}" width="800" '
            'height="500"></iframe>'
            for i, src in enumerate(sources)
        )
        + "</body></html>"
    )


def test_the_embed_works_in_a_frame_on_another_origin_and_deep_links_stay_inside(page, site):
    with other_origin(frames(site, "/embed/?year=2015")) as host:
        page.goto(host)
        check_embed(page, host)


def check_embed(page, host):
    frame = page.frame_locator("#f0")
    expect(frame.get_by_role("heading", level=1)).to_contain_text("Events")
    frame.get_by_role("link", name=re.compile("Japan and China hold")).click()
    expect(frame.get_by_role("heading", level=1)).to_have_text(
        "Japan and China hold first security dialogue in four years"
    )
    inner = next(f for f in page.frames if "/embed/events/" in f.url)
    assert inner.url.endswith("/embed/events/japan-china-security-dialogue/?year=2015")
    assert page.url == host
    shoot(page, "embed-on-another-origin")


def test_other_pages_refuse_to_be_framed(page, site):
    with other_origin(frames(site, "/", "/embed/")) as host:
        page.goto(host)
        check_refused(page)


def check_refused(page):
    expect(page.frame_locator("#f1").get_by_role("heading", level=1)).to_be_visible()
    # X-Frame-Options: DENY: Chromium shows its error page in the frame instead of ours.
    assert any(frame.url.startswith("chrome-error://") for frame in page.frames)
    refused = page.frame_locator("#f0")
    expect(refused.get_by_role("heading", name=re.compile("security dialogue"))).to_have_count(0)


def test_search_updates_as_you_type(page, site):
    page.goto(site + "/")
    box = page.get_by_role("searchbox", name="Search events and their passages")
    box.press_sequentially("THAAD", delay=30)
    expect(page).to_have_url(site + "/?q=THAAD")
    expect(page.get_by_role("heading", name=re.compile("Results for “THAAD”"))).to_be_visible()
    expect(page.locator("#event-list mark").first).to_have_text(re.compile("THAAD", re.I))
    expect(box).to_be_focused()
    expect(box).to_have_value("THAAD")


def test_search_without_javascript(nojs, site):
    nojs.goto(site + "/")
    nojs.get_by_role("searchbox", name="Search events and their passages").fill("Kono")
    nojs.get_by_role("button", name="Search", exact=True).click()
    expect(nojs).to_have_url(re.compile(r"/\?q=Kono"))
    expect(nojs.locator("#event-list")).to_contain_text("Kono statement")


def test_the_printed_timeline_is_a_list_with_sources(page, site):
    page.goto(site + "/")
    page.emulate_media(media="print")
    expect(page.locator(".axis")).to_be_hidden()
    expect(page.locator(".filters")).to_be_hidden()
    first = page.locator("#event-list > li").first
    expect(first.locator(".sources-print")).to_be_visible()
    expect(first.locator(".sources-print")).to_contain_text("The Japan Times")
    shoot(page, "timeline-print")
