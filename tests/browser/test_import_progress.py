"""Importing several articles in Chromium: with JavaScript a file at a time, each file's row
filled as it is done; without, all at once and the same rows on the page that comes back."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shoot
from tests.browser.test_access import violations
from tests.factories import log_in_as_editor
from tests.test_review import article

pytestmark = pytest.mark.django_db(transaction=True)


def files():
    return [
        {"name": "one.txt", "mimeType": "text/plain", "buffer": article("Talks held").encode()},
        {"name": "bad.txt", "mimeType": "text/plain", "buffer": b"\x00\x01 binary"},
        {"name": "two.txt", "mimeType": "text/plain", "buffer": article("Envoys met").encode()},
    ]


def log_in(page, site, django_user_model):
    log_in_as_editor(page, site, django_user_model)
    page.goto(site + "/admin/dialogue/source/import/")


def assert_accessible(page):
    """No axe-core violation at WCAG 2.2 A and AA; the offending elements named if any."""
    found = violations(page)
    assert found == [], [node["html"] for v in found for node in v["nodes"]]


def expect_rows(page):
    rows = page.locator("#import-results tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(re.compile(r"one\.txt\s+Imported with \d+ proposals"))
    expect(rows.nth(1)).to_contain_text("bad.txt Failed: This is a binary file")
    expect(rows.nth(2)).to_contain_text(re.compile(r"two\.txt\s+Imported with"))
    expect(rows.nth(0).get_by_role("link", name="Review them")).to_be_visible()


def test_files_go_up_one_at_a_time_and_each_row_is_filled(page, site, django_user_model):
    log_in(page, site, django_user_model)
    posts = []
    page.on("request", lambda r: posts.append(r) if r.method == "POST" else None)
    page.get_by_label("Article files").set_input_files(files())
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("status")).to_have_text("3 of 3 files done.")
    expect_rows(page)
    assert len(posts) == 3 and all(r.headers.get("hx-target") == "import-results" for r in posts)
    assert page.url.endswith("/admin/dialogue/source/import/")
    shoot(page, "import-progress")
    assert_accessible(page)
    page.locator("#import-results").get_by_role("link", name="Review them").first.click()
    expect(page.get_by_role("heading", name="Proposed events", exact=True)).to_be_visible()
    assert_accessible(page)


def test_without_javascript_the_page_that_comes_back_has_the_rows(nojs, site, django_user_model):
    log_in(nojs, site, django_user_model)
    nojs.get_by_label("Article files").set_input_files(files())
    nojs.get_by_role("button", name="Import").click()
    expect(nojs.locator(".errorlist")).to_contain_text("1 file was not imported")
    expect_rows(nojs)
