"""The time axis in Chromium: labels that can be read, targets that can be hit, and the window
moved by links, keys, the wheel, a swipe, and without JavaScript."""

import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from dialogue.models import Event
from tests.browser.test_access import violations

ZOOMS = {
    "span": "/",
    "year": "/?year=2014",
    "month": "/?from=2014-09-01&to=2014-09-30",
    "week": "/?from=2014-09-08&to=2014-09-14",
    "day": "/?from=2014-09-09&to=2014-09-09",
}
VIEWPORTS = [
    {"width": 375, "height": 812},
    {"width": 1280, "height": 900},
    {"width": 1920, "height": 1080},
]
EVENT = "/events/planned-security-dialogue-april-2015/"
EVENT_TITLE = "Security dialogue to resume in April 2015"

# Every label of the axis shown at this width (the other SVG is display: none), with its box.
LABELS = """() => {
  const svg = [...document.querySelectorAll('.axis__svg')]
    .find(s => s.getBoundingClientRect().width > 0);
  const box = el => { const r = el.getBoundingClientRect();
                      return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const labels = [];
  for (const [kind, selector] of [['mark', '.mark__label'], ['band', '.band__label'],
                                  ['tick', 'text.tick__label']]) {
    for (const el of svg.querySelectorAll(selector)) {
      const b = box(el);
      if (b.right > b.left && b.bottom > b.top) {
        labels.push({kind, text: el.textContent.trim(), ...b});
      }
    }
  }
  const marks = [...svg.querySelectorAll('a.mark')].map(a => ({
    href: a.getAttribute('href'),
    cluster: a.classList.contains('mark--cluster'),
    name: a.getAttribute('aria-label') || '',
    title: [...a.querySelector('.mark__label').childNodes]
      .filter(n => !(n.classList && n.classList.contains('mark__count')))
      .map(n => n.textContent).join('').trim(),
  }));
  return {svg: box(svg), labels, marks};
}"""


def overlapping(labels):
    """Pairs of label boxes that share more than half a pixel each way."""
    return [
        (a["kind"], a["text"], b["kind"], b["text"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if min(a["right"], b["right"]) - max(a["left"], b["left"]) > 0.5
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.5
    ]


def clipped(labels, svg):
    return [
        (label["kind"], label["text"])
        for label in labels
        if label["left"] < svg["left"] - 0.5
        or label["right"] > svg["right"] + 0.5
        or label["top"] < svg["top"] - 0.5
        or label["bottom"] > svg["bottom"] + 0.5
    ]


def check_labels(page, url):
    """No two labels overlap (marks, bands and ticks alike), none runs past the axis, each has
    text, and each mark is named by its full title."""
    drawn = page.evaluate(LABELS)
    labels, marks = drawn["labels"], drawn["marks"]
    where = (url, page.viewport_size["width"])
    assert [label for label in labels if label["kind"] == "mark"], where
    assert [label for label in labels if label["kind"] == "tick"], where
    assert overlapping(labels) == [], where
    assert clipped(labels, drawn["svg"]) == [], where
    assert [label for label in labels if not label["text"]] == [], where
    titles = dict(Event.objects.values_list("slug", "title"))
    for mark in marks:
        assert mark["title"] and mark["title"] in mark["name"], (where, mark)
        if not mark["cluster"]:
            slug = urlsplit(mark["href"]).path.split("/")[2]
            assert mark["title"] == titles[slug], (where, mark)


def window_of(url):
    """The window an address shows, as (first day, last day)."""
    params = parse_qs(urlsplit(url).query)
    if "year" in params:
        year = int(params["year"][0])
        return date(year, 1, 1), date(year, 12, 31)
    if "from" in params:
        return date.fromisoformat(params["from"][0]), date.fromisoformat(params["to"][0])
    return date(2009, 1, 1), date(2015, 12, 31)


def axis_links(page):
    """The marks of the axis shown (the other one is display: none, so not in the tree)."""
    return page.get_by_role("group", name="Time axis").get_by_role("link")


def clusters(page):
    return page.get_by_role("group", name="Time axis").get_by_role(
        "link", name=re.compile(r"^\d+ events, .*Zoom in$")
    )


def heading(page):
    return page.locator("#window-heading")


# site.js, htmx:afterSettle: after a swap of #timeline-region, focus is on the new copy of the
# control that made it (same id or data-focus), or where it says (data-focus-after).
KEPT = "focus after a region swap is kept on the control that made it, not #window-heading"


def settled(page):
    """Wait until htmx has settled the swap. site.js moves focus in htmx:afterSettle; htmx
    itself refocuses an element of the same id at the swap, some 20 ms before, so a check made
    in between could see focus where it does not stay."""
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling')")


@pytest.fixture
def crowded(site):
    """The seed and 400 synthetic events (bursts over 2009–2015): an axis that must cluster."""
    call_command("generate_events", "400", verbosity=0)
    return site


# 1. Labels that can be read ---------------------------------------------------------------


@pytest.mark.parametrize("url", ZOOMS.values(), ids=ZOOMS.keys())
def test_labels_neither_overlap_nor_run_past_the_axis(page, site, url):
    for viewport in VIEWPORTS:
        page.set_viewport_size(viewport)
        page.goto(site + url)
        check_labels(page, url)


@pytest.mark.parametrize("url", ["/", "/?year=2014"])
def test_a_crowded_axis_clusters_instead_of_overlapping(page, crowded, url):
    for viewport in VIEWPORTS:
        page.set_viewport_size(viewport)
        page.goto(crowded + url)
        expect(clusters(page).first).to_be_visible()
        check_labels(page, url)


# 2. Targets that can be hit ---------------------------------------------------------------


def test_marks_and_zoom_links_are_big_enough_to_tap(phone, site):
    """WCAG 2.5.8: at least 24×24 CSS px, at every zoom level, on a phone."""
    for url in ZOOMS.values():
        phone.goto(site + url)
        small = phone.evaluate(
            """() => [...document.querySelectorAll('.axis__svg a.mark, nav.zoom a')]
              .map(el => [el.getAttribute('aria-label') || el.textContent.trim(),
                          el.getBoundingClientRect()])
              .filter(([_, r]) => r.width > 0 && (r.width < 24 || r.height < 24))
              .map(([name, r]) => `${name} ${Math.round(r.width)}x${Math.round(r.height)}`)"""
        )
        assert phone.locator("nav.zoom a").count() >= 9, url
        assert small == [], url


# 3. Moving the window, with JavaScript ---------------------------------------------------


def test_zoom_in_from_the_whole_span_to_a_day_and_back_out(page, site):
    """Zooming in keeps the middle of the window: mid-2012, its July, the week of Monday 16
    July, Thursday 19 July; zooming out climbs the same rungs."""
    page.goto(site + "/")
    expect(heading(page)).to_have_text("2009–2015: the whole span")
    expect(page.get_by_role("link", name=re.compile("^Zoom out"))).to_have_count(0)
    ladder = [
        ("/?year=2012", "2012"),
        ("/?from=2012-07-01&to=2012-07-31", "July 2012"),
        ("/?from=2012-07-16&to=2012-07-22", "week of 16 July 2012"),
        ("/?from=2012-07-19&to=2012-07-19", "19 July 2012"),
    ]
    for url, words in ladder:
        page.get_by_role("link", name=f"Zoom in to {words}").click()
        expect(page).to_have_url(site + url)
        expect(heading(page)).to_have_text(words)
    expect(page.locator("a.zoom__move--in")).to_have_count(0)
    back_up = [*ladder[-2::-1], ("/", "2009–2015")]
    for url, words in back_up:
        page.get_by_role("link", name=f"Zoom out to {words}").click()
        expect(page).to_have_url(site + url)
        expect(heading(page)).to_have_text(re.compile(f"^{words}"))
    expect(page.locator("a.zoom__move--out")).to_have_count(0)


@pytest.mark.parametrize(
    ("start", "unit", "later", "later_url", "back", "earlier", "earlier_url"),
    [
        ("/?year=2014", "year", "2015", "/?year=2015", "2014", "2013", "/?year=2013"),
        ("/?from=2014-09-01&to=2014-09-30", "month", "October 2014",
         "/?from=2014-10-01&to=2014-10-31", "September 2014", "August 2014",
         "/?from=2014-08-01&to=2014-08-31"),
    ],
)  # fmt: skip
def test_previous_and_next(page, site, start, unit, later, later_url, back, earlier, earlier_url):
    page.goto(site + start)
    expect(page.locator("a.zoom__move--next")).to_have_attribute("rel", "next")
    expect(page.locator("a.zoom__move--previous")).to_have_attribute("rel", "prev")
    page.get_by_role("link", name=f"Next {unit}: {later}").click()
    expect(page).to_have_url(site + later_url)
    expect(heading(page)).to_have_text(later)
    page.get_by_role("link", name=f"Previous {unit}: {back}").click()
    page.get_by_role("link", name=f"Previous {unit}: {earlier}").click()
    expect(page).to_have_url(site + earlier_url)
    expect(heading(page)).to_have_text(earlier)


def test_a_cluster_zooms_into_its_span_and_back_returns(page, crowded):
    page.goto(crowded + "/")
    cluster = clusters(page).first
    href = cluster.get_attribute("href")
    start, end = window_of(href)
    assert date(2009, 1, 1) <= start <= end <= date(2015, 12, 31)
    assert (end - start).days < (date(2015, 12, 31) - date(2009, 1, 1)).days
    cluster.click()
    expect(page).to_have_url(crowded + href)
    expect(page.locator("figure.axis")).to_have_attribute("data-from", start.isoformat())
    expect(page.locator("figure.axis")).to_have_attribute("data-to", end.isoformat())
    expect(heading(page)).not_to_have_text(re.compile("whole span"))
    page.go_back()
    expect(page).to_have_url(crowded + "/")
    expect(heading(page)).to_have_text("2009–2015: the whole span")


def test_a_mark_opens_its_event(page, site):
    window = "?from=2014-09-08&to=2014-09-14"
    page.goto(site + "/" + window)
    axis_links(page).filter(has_text="Seoul pushes to resume").click()
    expect(page).to_have_url(site + "/events/seoul-pushes-security-consultations/" + window)
    expect(page.locator("#detail-heading")).to_have_text(
        "Seoul pushes to resume security consultations"
    )
    expect(heading(page)).to_have_text("week of 8 September 2014")


def test_zoom_and_move_with_the_keyboard(page, site):
    """+ and - zoom, the arrows move. A key leaves focus where it was: on the window's heading,
    or on a zoom link (its new copy after the swap), so the next key goes on from there."""
    page.goto(site + "/?year=2014")
    next_link = page.locator("a.zoom__move--next")
    steps = [
        ("+", "/?from=2014-07-01&to=2014-07-31", "July 2014", heading(page)),
        ("-", "/?year=2014", "2014", heading(page)),
        ("ArrowRight", "/?year=2015", "2015", next_link),
        ("ArrowLeft", "/?year=2014", "2014", next_link),
        ("=", "/?from=2014-07-01&to=2014-07-31", "July 2014", next_link),
    ]
    heading(page).focus()
    for key, url, words, focused in steps:
        if key == "ArrowRight":
            next_link.focus()
        page.keyboard.press(key)
        expect(page).to_have_url(site + url)
        expect(heading(page)).to_have_text(words)
        expect(page.locator("#announcer")).to_have_text(re.compile(f" in {words}\\.$"))
        settled(page)
        expect(focused, KEPT).to_be_focused()


def test_keys_do_not_move_the_window_while_typing(page, site):
    page.goto(site + "/?year=2014")
    box = page.get_by_role("searchbox", name="Search events and their passages")
    box.focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("-")
    expect(box).to_have_value("-")
    expect(page).to_have_url(site + "/?year=2014")


def test_up_and_down_move_between_marks_of_one_tab_stop(page, site):
    page.goto(site + "/?year=2014")
    marks = page.locator(".axis__svg--wide a.mark")
    expect(marks).to_have_count(6)
    marks.first.focus()  # as Tab reaches it: from here on the axis is one Tab stop
    expect(page.locator('.axis__svg--wide a.mark[tabindex="0"]')).to_have_count(1)
    expect(marks.first).to_have_attribute("tabindex", "0")
    page.keyboard.press("ArrowDown")
    expect(marks.nth(1)).to_be_focused()
    expect(marks.nth(1)).to_have_attribute("tabindex", "0")
    expect(marks.first).to_have_attribute("tabindex", "-1")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    expect(marks.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")  # the first mark stays
    expect(marks.first).to_be_focused()
    page.keyboard.press("Tab")  # out of the axis in one step
    assert not page.evaluate("!!document.activeElement.closest('.axis__svg')")
    page.keyboard.press("Shift+Tab")  # and back to the mark last focused
    expect(marks.first).to_be_focused()
    expect(page).to_have_url(site + "/?year=2014")
    page.keyboard.press("Enter")
    expect(page).to_have_url(site + "/events/kono-statement-review/?year=2014")
    expect(page.locator("#detail")).to_be_focused()


@pytest.fixture
def touch(browser):
    """A phone with a touch screen, and a CDP session to touch it with: Chromium turns the
    touch events into pointer events of pointerType "touch", as a finger makes them."""
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, has_touch=True, is_mobile=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page, context.new_cdp_session(page)
    assert errors == []
    context.close()


def fingers(cdp, kind, *xs, y):
    points = [{"x": x, "y": y, "id": i} for i, x in enumerate(xs)]
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})


def swipe(page, cdp, dx):
    """A finger across the bottom of the axis (the tick row, clear of the marks)."""
    box = page.locator(".axis__svg--narrow").bounding_box()
    y = box["y"] + box["height"] - 8
    x = box["x"] + box["width"] / 2 - dx / 2
    fingers(cdp, "touchStart", x, y=y)
    for i in range(1, 11):
        fingers(cdp, "touchMove", x + dx * i / 10, y=y)
    fingers(cdp, "touchEnd", y=y)


def test_a_swipe_on_a_phone_pans_the_window_and_back_returns(touch, site):
    page, cdp = touch
    page.goto(site + "/?year=2014")
    swipe(page, cdp, -150)  # right to left: later, by 150 / 343 of a year
    expect(page).to_have_url(re.compile(r"\?from=2014-\d\d-\d\d&to=2015-\d\d-\d\d$"))
    start, end = window_of(page.url)
    assert date(2014, 5, 1) < start < date(2014, 7, 1)
    assert (end - start).days == 364
    expect(heading(page)).to_have_text(f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}")
    swipe(page, cdp, 300)  # left to right: earlier
    expect(page).not_to_have_url(re.compile(f"from={start}"))
    earlier, later = window_of(page.url)
    assert earlier < date(2014, 1, 1) and (later - earlier).days == 364
    page.go_back()
    expect(page).to_have_url(re.compile(f"from={start}&to={end}$"))
    expect(heading(page)).to_have_text(re.compile(f"^{start.day} {start:%B %Y}"))


def test_a_pinch_on_a_phone_zooms_in_around_the_fingers(touch, site):
    page, cdp = touch
    page.goto(site + "/?year=2014")
    box = page.locator(".axis__svg--narrow").bounding_box()
    y, middle = box["y"] + box["height"] - 8, box["x"] + box["width"] / 2
    fingers(cdp, "touchStart", middle - 30, middle + 30, y=y)
    for spread in range(40, 130, 10):  # four times as far apart: a quarter of the year
        fingers(cdp, "touchMove", middle - spread, middle + spread, y=y)
    fingers(cdp, "touchEnd", y=y)
    expect(page).to_have_url(re.compile(r"\?from=2014-\d\d-\d\d&to=2014-\d\d-\d\d$"))
    start, end = window_of(page.url)
    assert 80 < (end - start).days < 100
    assert start < date(2014, 7, 2) < end


def test_ctrl_wheel_zooms_around_the_pointer_and_back_returns(page, site):
    """Ctrl + wheel (a trackpad's pinch) over the axis: one notch in halves the window, around
    the day under the pointer (three quarters along 2009–2015: spring 2014)."""
    page.goto(site + "/")
    box = page.locator(".axis__svg--wide").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.75, box["y"] + box["height"] - 8)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -100)
    page.keyboard.up("Control")
    expect(page).to_have_url(re.compile(r"\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$"))
    start, end = window_of(page.url)
    assert 1200 < (end - start).days < 1350
    assert start < date(2014, 4, 1) < end
    expect(heading(page)).not_to_have_text(re.compile("whole span"))
    page.go_back()
    expect(page).to_have_url(site + "/")
    expect(heading(page)).to_have_text("2009–2015: the whole span")


# 4. The same links without JavaScript -----------------------------------------------------


def test_nojs_zoom_links_are_plain_links(nojs, site):
    nojs.goto(site + "/")
    nojs.get_by_role("link", name="Zoom in to 2012").click()
    expect(nojs).to_have_url(site + "/?year=2012")
    nojs.get_by_role("link", name="Zoom in to July 2012").click()
    expect(nojs).to_have_url(site + "/?from=2012-07-01&to=2012-07-31")
    nojs.get_by_role("link", name="Next month: August 2012").click()
    expect(nojs).to_have_url(site + "/?from=2012-08-01&to=2012-08-31")
    expect(heading(nojs)).to_have_text("August 2012")
    nojs.get_by_role("link", name="Zoom out to 2012").click()
    nojs.get_by_role("link", name="Previous year: 2011").click()
    expect(nojs).to_have_url(site + "/?year=2011")
    expect(nojs.locator("#events-heading")).to_contain_text("Events in 2011")
    expect(nojs.get_by_text("No events recorded in 2011")).to_contain_text(
        "No events recorded in 2011 — a time within “Security dialogue suspended”"
    )
    nojs.get_by_role("link", name="Zoom out to 2009–2015").click()
    expect(nojs).to_have_url(site + "/")


def test_nojs_a_cluster_zooms_into_its_span(nojs, crowded):
    nojs.goto(crowded + "/")
    cluster = clusters(nojs).first
    href = cluster.get_attribute("href")
    cluster.click()
    expect(nojs).to_have_url(crowded + href)
    expect(heading(nojs)).not_to_have_text(re.compile("whole span"))


def test_nojs_a_mark_opens_the_permalink(nojs, site):
    nojs.goto(site + "/?from=2015-04-01&to=2015-04-30")
    axis_links(nojs).filter(has_text=EVENT_TITLE).click()
    expect(nojs).to_have_url(site + EVENT + "?from=2015-04-01&to=2015-04-30")
    expect(nojs.locator("#detail-heading")).to_have_text(EVENT_TITLE)


# 5. Focus ---------------------------------------------------------------------------------


def test_a_year_pill_keeps_focus(page, site):
    page.goto(site + "/")
    page.locator("#zoom-2014").click()
    expect(page).to_have_url(site + "/?year=2014")
    expect(heading(page)).to_have_text("2014")
    expect(page.locator("#zoom-2014")).to_have_attribute("aria-current", "true")
    settled(page)
    expect(page.locator("#zoom-2014"), KEPT).to_be_focused()


def test_clear_search_focuses_the_search_box(page, site):
    page.goto(site + "/?q=THAAD")
    page.get_by_role("link", name="Clear search").click()
    expect(page).to_have_url(site + "/")
    expect(page.locator("#id_q")).to_have_value("")
    settled(page)
    expect(page.locator("#id_q"), KEPT).to_be_focused()


def test_reset_all_filters_focuses_the_events_heading(page, site):
    page.goto(site + "/?year=2015&status=planned")  # the filter panel is open: a filter is on
    page.get_by_role("link", name="Reset all filters").click()
    expect(page).to_have_url(site + "/?year=2015")
    expect(page.locator("#event-list > li")).to_have_count(7)
    settled(page)
    expect(page.locator("#events-heading"), KEPT).to_be_focused()


@pytest.mark.parametrize("width", [375, 1280])
def test_a_permalink_opens_on_its_event_and_close_returns_to_it_in_the_list(page, site, width):
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(site + EVENT)
    expect(page.locator("#detail")).to_be_focused()
    expect(page.locator("#detail-heading")).to_be_in_viewport()
    page.get_by_role("link", name="Close this event").click()
    expect(page).to_have_url(site + "/")
    expect(page.locator("#detail-heading")).to_have_text("Reading the timeline")
    in_list = page.locator("#event-list").get_by_role("link", name=re.compile(EVENT_TITLE))
    expect(in_list).to_be_focused()


def test_the_first_screen_of_a_phone_shows_an_event(phone, site):
    phone.set_viewport_size({"width": 375, "height": 667})
    phone.goto(site + "/")
    shown = phone.evaluate(
        """() => [...document.querySelectorAll('.mark__label, .event-item')]
          .map(el => el.getBoundingClientRect())
          .filter(r => r.width > 0 && r.top >= 0 && r.left >= 0
                       && r.bottom <= innerHeight && r.right <= innerWidth).length"""
    )
    assert shown >= 1


# 6. axe -----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ZOOMS.values(), ids=ZOOMS.keys())
def test_axe_finds_nothing_at_any_zoom_level(page, phone, site, url):
    for tab in (phone, page):
        tab.goto(site + url)
        found = violations(tab)
        assert found == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in found]
