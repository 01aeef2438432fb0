"""The web's basics: the sitemap (what anyone may read, in three languages), robots.txt, the
icons at the root, the social meta of shared links, and the API's reference page."""

import html
import json
import re
import struct

import pytest
from django.conf import settings
from django.urls import resolve

from dialogue.api import OPENAPI_FILE
from dialogue.models import Event
from dialogue.templatetags.social import social_meta
from tests.factories import make_actor, make_event, make_source

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
EVENT = "/events/planned-security-dialogue-april-2015/"
DOC = json.loads(OPENAPI_FILE.read_text())


def text(client, url: str) -> str:
    return client.get(url).content.decode()


def meta(page: str) -> list[tuple[str, str]]:
    """The page's <meta property|name> tags, in order, as (key, value)."""
    head = page.split("</head>")[0]
    found = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', head)
    return [(key, html.unescape(value)) for key, value in found]


# The sitemap -----------------------------------------------------------------------------------


def test_the_sitemap_index_names_each_section_by_its_absolute_address(client, seed):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    for section in ("pages", "events", "sources", "actors", "topics", "periods"):
        assert f"<loc>{SITE}/sitemap-{section}.xml</loc>" in response.content.decode()


def test_the_sitemap_lists_public_events_in_each_language_and_no_draft(client, seed):
    """Every published event three times (English, Japanese, Korean), each naming the other
    two and English as x-default, with the time it last changed."""
    draft = make_event(slug="a-draft", is_published=False)
    public = Event.objects.published().get(slug=EVENT.split("/")[2])
    xml = text(client, "/sitemap-events.xml")
    for prefix in ("", "/ja", "/ko"):
        assert f"<loc>{SITE}{prefix}{EVENT}</loc>" in xml
    entry = xml.split(f"<loc>{SITE}/ja{EVENT}</loc>")[1].split("</url>")[0]
    assert f"<lastmod>{public.updated_at:%Y-%m-%d}</lastmod>" in entry
    for lang, prefix in (("en", ""), ("ja", "/ja"), ("ko", "/ko"), ("x-default", "")):
        assert f'hreflang="{lang}" href="{SITE}{prefix}{EVENT}"' in entry
    assert draft.slug not in xml
    assert xml.count("<url>") == 3 * Event.objects.published().count()


def test_the_sitemap_leaves_out_what_only_editors_see(client, seed):
    private = make_source(slug="private-article", is_published=False)
    unconfirmed = make_actor(slug="proposed-actor", is_confirmed=False)
    assert private.slug not in text(client, "/sitemap-sources.xml")
    actors = text(client, "/sitemap-actors.xml")
    assert unconfirmed.slug not in actors
    assert f"<loc>{SITE}/ko/actors/shinzo-abe/</loc>" in actors


def test_the_sitemap_lists_the_pages_topics_and_periods(client, seed):
    pages = text(client, "/sitemap-pages.xml")
    for path in ("/", "/sources/", "/actors/", "/api/docs/"):
        assert f"<loc>{SITE}{path}</loc>" in pages
    assert f"<loc>{SITE}/topics/missile-defence/</loc>" in text(client, "/sitemap-topics.xml")
    periods = text(client, "/sitemap-periods.xml")
    assert f"<loc>{SITE}/ja/periods/dialogue-suspended/</loc>" in periods
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_sitemap_is_on_the_sites_own_origin(client, seed, settings):
    settings.SITE_URL = "https://timeline.example.org"
    origin = "https://timeline.example.org"
    assert f"<loc>{origin}/sitemap-events.xml</loc>" in text(client, "/sitemap.xml")
    assert f"<loc>{origin}{EVENT}</loc>" in text(client, "/sitemap-events.xml")


# robots.txt and the icons ------------------------------------------------------------------------


def test_robots_txt_keeps_crawlers_out_of_the_private_parts_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /admin/", "Disallow: /language/"} <= set(lines)
    assert "Disallow: /" not in lines  # the public site is open
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


def test_the_favicon_and_touch_icon_are_served_at_the_root(client):
    """Where browsers ask for them whatever a page links (whitenoise serves static/root)."""
    ico = client.get("/favicon.ico")
    assert ico.status_code == 200 and ico["Content-Type"].startswith("image/")
    assert b"".join(ico.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    png = client.get("/apple-touch-icon.png")
    assert png["Content-Type"] == "image/png"
    assert b"".join(png.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"


def test_every_page_links_the_icons(client):
    head = text(client, "/api/docs/").split("</head>")[0]
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in head
    assert 'type="image/svg+xml"' in head
    assert '<link rel="apple-touch-icon" href="/apple-touch-icon.png">' in head


def test_the_site_card_is_1200_by_630():
    png = (settings.BASE_DIR / "static" / "dialogue" / "social-card.png").read_bytes()
    assert struct.unpack(">II", png[16:24]) == (1200, 630)  # the IHDR's width and height


# Shared links ------------------------------------------------------------------------------------


def test_an_event_shared_is_an_article_with_absolute_addresses(client, seed):
    page = text(client, "/ja" + EVENT)
    tags = meta(page)
    values = dict(tags)
    assert values["og:type"] == "article"
    assert values["og:url"] == f"{SITE}/ja{EVENT}"
    assert f'<link rel="canonical" href="{values["og:url"]}">' in page
    assert values["og:image"] == f"{SITE}/static/dialogue/social-card.png"
    assert (values["og:image:width"], values["og:image:height"]) == ("1200", "630")
    assert values["og:image:alt"] and values["og:site_name"] and values["og:title"]
    assert values["og:locale"] == "ja_JP"
    assert {v for k, v in tags if k == "og:locale:alternate"} == {"en_GB", "ko_KR"}
    assert "twitter:card" in values
    # Each property once: a page's own tag wins over the site's.
    assert len([k for k, _ in tags if k != "og:locale:alternate"]) == len(values) - 1


@pytest.mark.parametrize(("path", "kind"), [(EVENT, "article"), ("/periods/x/", "website")])
def test_the_site_decides_what_kind_of_thing_a_page_is(rf, path, kind):
    """For a page that writes no og:type itself (the event page's template still does)."""
    request = rf.get(path)
    request.resolver_match = resolve(path)
    tags = dict(meta(social_meta({"request": request}, "A title", "", "")))
    assert tags["og:type"] == kind and tags["og:title"] == "A title"
    assert "og:description" not in tags and "og:url" not in tags  # none given: none made up


def test_any_other_page_shared_is_a_website_with_the_large_card(client, seed):
    page = text(client, "/actors/shinzo-abe/")
    values = dict(meta(page))
    title = html.unescape(re.search(r"<title>(.*?)</title>", page).group(1))
    assert values["og:type"] == "website"
    assert values["og:title"] == title
    assert values["og:url"] == f"{SITE}/actors/shinzo-abe/"
    assert values["og:locale"] == "en_GB"
    assert values["twitter:card"] == "summary_large_image"
    assert values["og:description"] == dict(meta(page))["description"]


# The API's reference -----------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/ja", "/ko"])
def test_the_api_page_lists_every_path_and_method_of_the_document(client, seed, prefix):
    page = text(client, prefix + "/api/docs/")
    for path, methods in DOC["paths"].items():
        for method, op in methods.items():
            assert f"<code>{method.upper()} {path}</code>" in page
            assert f'<section id="{op["operationId"]}"' in page
    # Every GET can be tried, in the page's language, the {slug} ones with a real slug.
    tries = re.findall(r'<p class="try"><a href="([^"]+)">', page)
    assert f"{prefix}/api/events/" in tries
    assert any(re.fullmatch(f"{prefix}/api/events/[-a-z0-9]+/", t) for t in tries)
    assert len(tries) == sum(len(m) for m in DOC["paths"].values())


def test_the_api_page_shows_each_parameter_and_response(client, seed):
    page = text(client, "/api/docs/")
    section = page.split('<section id="listEvents"')[1].split("</section>")[0]
    row = section.split("<code>page_size</code>")[1].split("</tr>")[0]
    assert "in query · optional" in row and "<code>integer 1–200</code>" in row
    assert "default 50" in row and '<td lang="en">Items per page.</td>' in row
    detail = page.split('<section id="getEvent"')[1].split("</section>")[0]
    assert "in path · <strong>required</strong>" in detail.split("<code>slug</code>")[1]
    assert "<code>400</code>" in section and "<code>EventPage</code>" in section


def test_the_api_page_speaks_the_pages_language_and_keeps_the_documents_english(client, seed):
    page = text(client, "/ko/api/docs/")
    assert '<html lang="ko">' in page and "<h1>API 레퍼런스</h1>" in page
    assert "위치: query · 선택" in page
    assert '<td lang="en">Items per page.</td>' in page
    assert '<p lang="en">Events, filtered like the timeline</p>' in page


def test_the_footer_links_the_api_page(client, seed):
    assert 'href="/ja/api/docs/"' in text(client, "/ja/")
