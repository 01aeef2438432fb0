"""What a reader does on the timeline, in Chromium, with JavaScript and without it."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import log_in_as_editor

EVENT = "/events/planned-security-dialogue-april-2015/"
EVENT_TITLE = "Security dialogue to resume in April 2015"


def event_list(page):
    """The list of events: the axis above it links to the same events."""
    return page.locator("#event-list")


def open_filters(page):
    page.get_by_text("Filter events").click()


def test_open_the_timeline(page, site):
    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("security dialogue")
    expect(page.locator("#event-list > li")).to_have_count(15)
    expect(page.locator(".axis__svg--wide .band")).to_have_count(1)  # the axis shown here
    expect(page.get_by_role("heading", name="Before 2009: context")).to_be_visible()


def test_zoom_to_a_year_and_back(page, site):
    page.goto(site + "/")
    page.get_by_role("link", name="2015: 7 events").click()
    expect(page).to_have_url(site + "/?year=2015")
    expect(page.get_by_role("heading", name=re.compile("Events in 2015"))).to_be_visible()
    expect(page.locator("#event-list > li")).to_have_count(7)
    page.get_by_role("link", name=re.compile("^2009–2015")).click()
    expect(page).to_have_url(site + "/")
    expect(page.locator("#event-list > li")).to_have_count(15)
    page.go_back()
    expect(page).to_have_url(site + "/?year=2015")
    expect(page.get_by_role("heading", name=re.compile("Events in 2015"))).to_be_visible()


def test_filter_by_actor_and_status_then_clear(page, site):
    page.goto(site + "/")
    open_filters(page)
    page.get_by_label("Junichi Ihara").check()
    expect(page).to_have_url(site + "/?actor=junichi-ihara")
    expect(page.locator("#event-list > li")).to_have_count(1)
    page.get_by_label("Junichi Ihara").uncheck()
    expect(page).to_have_url(site + "/")
    page.get_by_label("Cancelled / fell through").check()
    expect(page).to_have_url(site + "/?status=cancelled")
    expect(page.locator("#event-list > li")).to_have_count(1)
    expect(page.locator("#event-list")).to_contain_text("Planned security meeting falls through")
    page.get_by_role("link", name="Reset all filters").click()
    expect(page).to_have_url(site + "/")
    expect(page.locator("#event-list > li")).to_have_count(15)


def test_open_an_event_by_click(page, site):
    page.goto(site + "/")
    event_list(page).get_by_role("link", name=re.compile(EVENT_TITLE)).click()
    expect(page).to_have_url(site + EVENT)
    detail = page.locator("#detail")
    expect(detail.get_by_role("heading", level=2)).to_have_text(EVENT_TITLE)
    expect(detail).to_be_focused()
    expect(page.locator("#announcer")).to_have_text(re.compile(f"^Opened {EVENT_TITLE}"))


def test_a_mark_on_the_axis_opens_its_event_in_place(page, site):
    page.goto(site + "/?year=2015")
    page.evaluate("window.loadedOnce = true")  # gone if the click loads a new page
    page.locator(".axis__svg--wide a.mark", has_text=EVENT_TITLE).click()
    expect(page).to_have_url(site + EVENT + "?year=2015")
    expect(page.locator("#detail h2")).to_have_text(EVENT_TITLE)
    assert page.evaluate("window.loadedOnce") is True
    expect(page.locator(".axis__svg--wide a.mark--selected")).to_have_count(1)


def test_open_an_event_by_keyboard(page, site):
    page.goto(site + "/")
    link = event_list(page).get_by_role("link", name=re.compile(EVENT_TITLE))
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(site + EVENT)
    expect(page.locator("#detail h2")).to_have_text(EVENT_TITLE)


def test_see_in_source_lands_on_the_passage_and_back_returns(page, site):
    page.goto(site + "/?year=2015")
    event_list(page).get_by_role("link", name=re.compile(EVENT_TITLE)).click()
    expect(page).to_have_url(site + EVENT + "?year=2015")
    page.get_by_role("link", name="See in source").first.click()
    expect(page).to_have_url(re.compile(r"/sources/[\w-]+/#cite-\d+$"))
    anchor_id = page.url.rsplit("#", 1)[1]
    anchor = page.locator(f"#{anchor_id}")
    expect(anchor).to_be_focused()
    marks = page.locator("mark.is-target")
    expect(marks.first).to_be_in_viewport()
    expect(marks.first).to_contain_text("broadly agreed to resume")
    page.go_back()
    expect(page).to_have_url(site + EVENT + "?year=2015")
    expect(page.locator("#detail h2")).to_have_text(EVENT_TITLE)
    expect(page.get_by_role("heading", name=re.compile("Events in 2015"))).to_be_visible()


def test_open_a_permalink_directly(page, site):
    page.goto(site + EVENT)
    expect(page.locator("#detail h2")).to_have_text(EVENT_TITLE)
    expect(page.locator('meta[property="og:title"]')).to_have_attribute(
        "content", re.compile(EVENT_TITLE)
    )
    expect(page.locator(".event-item--selected")).to_contain_text(EVENT_TITLE)


def test_reload_on_a_pushed_url_gives_the_full_page(page, site):
    page.goto(site + "/")
    event_list(page).get_by_role("link", name=re.compile(EVENT_TITLE)).click()
    expect(page).to_have_url(site + EVENT)
    page.reload()
    expect(page.get_by_role("banner")).to_have_count(1)
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.locator("#detail h2")).to_have_text(EVENT_TITLE)


def test_history_restore_after_a_cache_miss_gives_the_full_page(page, site):
    """htmx fetches the URL again when its history cache is empty; the page must not nest."""
    page.goto(site + "/")
    event_list(page).get_by_role("link", name=re.compile(EVENT_TITLE)).click()
    expect(page).to_have_url(site + EVENT)
    event_list(page).get_by_role("link", name=re.compile("Japan and China hold")).click()
    expect(page.locator("#detail h2")).to_contain_text("Japan and China")
    page.evaluate("localStorage.clear()")
    page.go_back()
    expect(page).to_have_url(site + EVENT)
    expect(page.locator("#detail h2")).to_have_text(EVENT_TITLE)
    expect(page.get_by_role("banner")).to_have_count(1)
    expect(page.locator("main")).to_have_count(1)


def test_escape_closes_the_event_and_focus_returns(page, site):
    page.goto(site + "/")
    link = event_list(page).get_by_role("link", name=re.compile(EVENT_TITLE))
    link.click()
    expect(page.locator("#detail")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page).to_have_url(site + "/")
    expect(page.locator("#detail h2")).to_have_text("Reading the timeline")
    expect(link).to_be_focused()


def test_an_editor_adds_an_event_with_a_citation_and_it_appears(page, site, django_user_model):
    log_in_as_editor(page, site, django_user_model)
    page.goto(site + "/admin/dialogue/event/add/")
    page.get_by_label("Title [en]").fill("Sources describe the ministers' meeting")
    page.get_by_label("Title [en]").press("Tab")  # the slug is filled in when the title changes
    expect(page.get_by_label("Slug")).to_have_value("sources-describe-the-ministers-meeting")
    page.get_by_label("Type:", exact=True).select_option("report")
    page.get_by_label("Status:", exact=True).select_option("occurred")
    page.get_by_label("Published").check()
    page.get_by_label("Date (EDTF)").fill("2015-04-04")
    citation = page.locator("#citations-0")
    citation.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("Japan, South Korea")
    page.get_by_role("option", name=re.compile("Japan, South Korea to resume")).click()
    citation.get_by_label("Quoted passage").fill(
        "to hold the dialogue at the earliest convenience, the sources said Saturday"
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    page.goto(site + "/?year=2015")
    event_list(page).get_by_role("link", name=re.compile("Sources describe the ministers")).click()
    expect(page.locator("#detail mark")).to_have_text(
        "to hold the dialogue at the earliest convenience, the sources said Saturday"
    )


# Without JavaScript the same journeys go through plain links and forms.


def test_nojs_zoom_filter_open_and_source(nojs, site):
    page = nojs
    page.goto(site + "/")
    page.get_by_role("link", name="2015: 7 events").click()
    expect(page).to_have_url(site + "/?year=2015")
    expect(page.locator("#event-list > li")).to_have_count(7)
    open_filters(page)
    page.get_by_label(re.compile(r"^Planned\b")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(site + "/?year=2015&status=planned")
    expect(page.locator("#event-list > li")).to_have_count(3)
    event_list(page).get_by_role("link", name=re.compile(EVENT_TITLE)).click()
    expect(page).to_have_url(site + EVENT + "?year=2015&status=planned")
    expect(page.locator("#detail h2")).to_have_text(EVENT_TITLE)
    page.get_by_role("link", name="See in source").first.click()
    expect(page).to_have_url(re.compile(r"#cite-\d+$"))
    page.go_back()
    expect(page.locator("#detail h2")).to_have_text(EVENT_TITLE)
    page.get_by_role("link", name=re.compile("^Close")).click()
    expect(page).to_have_url(site + "/?year=2015&status=planned")
    page.get_by_role("link", name="Reset all filters").click()
    expect(page).to_have_url(site + "/?year=2015")


@pytest.mark.parametrize("url", ["/", EVENT, "/sources/", "/actors/", "/actors/shinzo-abe/"])
def test_nojs_pages_have_their_content(nojs, site, url):
    nojs.goto(site + url)
    expect(nojs.get_by_role("heading", level=1)).to_be_visible()
    expect(nojs.get_by_role("main")).not_to_be_empty()
