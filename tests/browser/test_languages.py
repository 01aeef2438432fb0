"""The site in English, Japanese and Korean, as a reader's browser meets it."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP

EVENT = "/events/planned-security-dialogue-april-2015/"


def test_the_switcher_keeps_the_view_after_swaps(page, site):
    """Zoom and open an event with htmx on the Japanese timeline, then choose English: the same
    window and the same open event, in English; the choice then outlasts a Japanese browser."""
    page.goto(site + "/ja/")
    page.locator("#zoom-2015").click()
    expect(page).to_have_url(re.compile(r"/ja/\?year=2015$"))
    page.locator("#event-list a[href*='planned-security-dialogue-april-2015']").first.click()
    expect(page).to_have_url(re.compile(r"/ja/events/planned-security-dialogue-april-2015/"))
    page.get_by_role("navigation", name="言語").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"^" + re.escape(site + EVENT) + r"\?.*year=2015"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#detail")).to_be_visible()


def test_the_switcher_works_without_javascript(nojs, site):
    nojs.goto(site + "/ko" + EVENT + "?year=2015")
    expect(nojs.locator("html")).to_have_attribute("lang", "ko")
    nojs.get_by_role("link", name="日本語").click()
    expect(nojs).to_have_url(site + "/ja" + EVENT + "?year=2015")
    expect(nojs.locator("html")).to_have_attribute("lang", "ja")
    link = nojs.get_by_role("link", name="日本語")
    expect(link).to_have_attribute("aria-current", "true")


def test_a_korean_browser_opening_a_shared_link_reads_it_in_korean(browser, site):
    context = browser.new_context(locale="ko-KR", viewport=DESKTOP)
    page = context.new_page()
    page.goto(site + EVENT)
    expect(page).to_have_url(site + "/ko" + EVENT)
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    # Having chosen English, the same reader gets the English page at the English address.
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(site + EVENT)
    page.goto(site + "/")
    expect(page).to_have_url(site + "/")
    page.goto(site + EVENT)
    expect(page).to_have_url(site + EVENT)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    context.close()
