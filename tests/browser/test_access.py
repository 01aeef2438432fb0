"""Keyboard, screen readers, axe-core and phones, on every page type."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import shoot

EVENT = "/events/planned-security-dialogue-april-2015/"
PAGE_TYPES = {
    "timeline": "/",
    "zoomed-year": "/?year=2015",
    "filtered": "/?actor=japan&status=planned",
    "event-permalink": EVENT,
    "source": "/sources/japan-south-korea-to-resume-security-dialogue-this-month/#cite-23",
    "source-list": "/sources/",
    "actor": "/actors/shinzo-abe/",
    "actor-list": "/actors/",
    "search": "/?q=THAAD",
    "topic": "/topics/north-korea/",
    "actor-pair": "/actors/japan/and/china/",
    "embed": "/embed/?year=2015",
    "embed-event": "/embed/events/japan-china-security-dialogue/",
    "admin-login": "/admin/login/",
    "not-found": "/events/no-such-event/",
}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()


def violations(page):
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    return results.response["violations"]


LANGUAGES = ("en", "ja", "ko")


def open_in(tab, site, name, language):
    """The page type in a language: its address under /ja/ or /ko/; the admin, which has no
    language in its addresses, by the editor's language cookie."""
    url = PAGE_TYPES[name]
    if language != "en":
        if url.startswith("/admin/"):
            tab.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
        else:
            url = f"/{language}{url}"
    tab.goto(site + url)
    assert tab.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_axe_finds_no_wcag_violation_at_desktop_and_phone_size(page, phone, site, name, language):
    """Zero axe-core violations at WCAG 2.2 A and AA, colour contrast included, in each
    language; screenshots."""
    for size, tab in (("desktop", page), ("phone", phone)):
        open_in(tab, site, name, language)
        found = violations(tab)
        assert found == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in found]
        shoot(tab, f"{name}-{size}" + ("" if language == "en" else f"-{language}"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_phone_pages_do_not_scroll_sideways_and_targets_are_big_enough(phone, site, name, language):
    open_in(phone, site, name, language)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page is {width}px wide"
    # WCAG 2.5.8: 24×24 CSS px, inline links in running text excepted, and the marks on the
    # axis too: the list below it has the same links at full size (the "equivalent" exception).
    small = phone.evaluate(
        """() => [...document.querySelectorAll('a, button, input, select, summary, textarea')]
          .filter(el => !el.closest('p, figcaption, svg')
                        && el.offsetParent !== null && el.type !== 'hidden')
          .map(el => [el.outerHTML.slice(0, 80), el.getBoundingClientRect()])
          .filter(([_, r]) => r.width < 24 || r.height < 24)
          .map(([html, r]) => `${html} ${Math.round(r.width)}x${Math.round(r.height)}`)"""
    )
    assert small == []


def test_the_phone_detail_is_readable(phone, site):
    phone.goto(site + EVENT)
    detail = phone.locator("#detail")
    box = detail.bounding_box()
    assert box["width"] >= 330
    size = phone.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#detail blockquote p')).fontSize)"
    )
    assert size >= 16
    # The open event comes before the list on a phone, so a reader does not scroll to find it.
    list_top = phone.locator("#event-list").bounding_box()["y"]
    assert box["y"] < list_top


def test_landmarks_and_headings_in_order(page, site):
    for url in PAGE_TYPES.values():
        page.goto(site + url)
        if "/admin/" in url:
            continue
        # An embed is a fragment for another site's page: it has a main region, no masthead.
        full = ("banner", "navigation", "main", "contentinfo")
        for role in ("main",) if url.startswith("/embed/") else full:
            assert page.get_by_role(role).count() >= 1, (url, role)
        levels = page.evaluate(
            "[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])"
        )
        assert levels[0] == 1 and levels.count(1) == 1, (url, levels)
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (url, levels)


def test_the_timeline_is_a_list_read_as_date_and_title(page, site):
    page.goto(site + "/")
    items = page.locator("#event-list").get_by_role("listitem")
    expect(items).to_have_count(15)
    first = items.first.get_by_role("link")
    expect(first).to_have_accessible_name(
        re.compile(r"^December 2009 Security dialogue last held before suspension$")
    )
    # The axis shown (the phone's drawing is display: none here) is a group of links, each
    # named by its event's whole title and date, as the list is.
    axis = page.get_by_role("group", name="Time axis")
    expect(axis).to_have_count(1)
    name = "Security dialogue last held before suspension, December 2009"
    expect(axis.get_by_role("link", name=name)).to_have_count(1)


def test_every_control_has_a_name(page, site):
    for url in PAGE_TYPES.values():
        page.goto(site + url)
        nameless = page.evaluate(
            """() => [...document.querySelectorAll(
                'a[href], button, input:not([type=hidden]), select, summary')]
              .filter(el => !el.closest('[aria-hidden=true]'))
              .filter(el => !String(el.textContent || el.value || el.getAttribute('aria-label') ||
                                     (el.labels && el.labels.length) || el.title || '').trim())
              .map(el => el.outerHTML.slice(0, 80))"""
        )
        assert nameless == [], url


def test_a_swap_announces_one_short_message(page, site):
    page.goto(site + "/")
    page.get_by_role("link", name="2014: 6 events").click()
    announcer = page.get_by_role("status")
    expect(announcer).to_have_text("Showing 6 events in 2014.")
    page.locator("#event-list").get_by_role("link", name=re.compile("Seoul pushes")).click()
    expect(announcer).to_have_text(re.compile(r"^Opened Seoul pushes .*9 September 2014\.$"))
    assert len(announcer.inner_text()) < 120


def focused(page):
    return page.evaluate(
        """() => { const el = document.activeElement;
                   // Chromium paints no outline on an SVG link: a mark or a period's band on
                   // the axis must draw its ring around its (HTML) label.
                   const ring = el.matches('svg a') ?
                     el.querySelector('.mark__label, .band__label') : el;
                   const style = getComputedStyle(ring);
                   const text = el.innerText || el.getAttribute('aria-label') || el.id
                                || el.textContent;
                   return { text: text.trim(),
                            tag: el.tagName, outline: style.outlineStyle !== 'none'
                            && parseFloat(style.outlineWidth) >= 2 }; }"""
    )


def test_walk_the_timeline_with_the_keyboard_only(page, site):
    """Tab from the top: skip link, site navigation, filters, zoom, then the events; each with a
    visible focus ring. Arrows move between events, Enter opens, Escape closes."""
    page.goto(site + "/")
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        state = focused(page)
        assert state["outline"], state
        seen.append(state["text"])
        if state["text"].startswith("December 2009"):
            break
    assert seen[0] == "Skip to content"
    order = [
        seen.index("Timeline"),
        seen.index("Filter events"),
        seen.index(next(s for s in seen if s.startswith("2009–2015"))),
        len(seen) - 1,
    ]
    assert order == sorted(order), seen
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert focused(page)["text"].startswith("2013\nAbe's war shrine visit")
    page.keyboard.press("ArrowUp")
    assert focused(page)["text"].startswith("2013\nPlanned security meeting falls through")
    page.keyboard.press("Enter")
    expect(page.locator("#detail")).to_be_focused()
    expect(page.locator("#detail h2")).to_have_text("Planned security meeting falls through")
    page.keyboard.press("Tab")
    assert focused(page)["outline"]
    page.keyboard.press("Escape")
    expect(page.locator("#detail h2")).to_have_text("Reading the timeline")
    expect(
        page.get_by_role("link", name=re.compile("^2013 Planned security meeting"))
    ).to_be_focused()


def test_the_skip_link_moves_focus_to_the_content(page, site):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
