"""Each citation as a W3C Web Annotation, per event and per source: its selectors find the
passage in the text the source page shows, its body is the event, and drafts stay private.
Expanded as JSON-LD (pyld), every term is one the W3C's vocabularies define."""

import pytest

from dialogue.annotations import MEDIA_TYPE
from dialogue.models import Event, Source
from tests import vocabularies
from tests.factories import cite, make_event

pytestmark = pytest.mark.django_db

EVENT = "/events/planned-security-dialogue-april-2015/"
SOURCE = "/sources/japan-south-korea-to-resume-security-dialogue-this-month/"


def annotations(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == MEDIA_TYPE
    page = response.json()
    assert page["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert page["type"] == "AnnotationPage" and page["id"].endswith(url)
    return page


def test_an_events_passages_are_annotations_whose_selectors_find_them(client, seed):
    page = annotations(client, EVENT + "annotations.jsonld")
    event = Event.objects.get(slug="planned-security-dialogue-april-2015")
    assert len(page["items"]) == event.citations.count() > 1
    source = Source.objects.get(slug=SOURCE.split("/")[2])
    for item in page["items"]:
        assert (item["type"], item["motivation"]) == ("Annotation", "linking")
        assert item["body"]["id"].endswith(EVENT)
        assert item["body"]["label"] == event.title
        assert item["target"]["source"].endswith(SOURCE)
        quote, position = item["target"]["selector"]
        assert (quote["type"], position["type"]) == ("TextQuoteSelector", "TextPositionSelector")
        text = source.body
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote["prefix"])
        assert text[position["end"] :].startswith(quote["suffix"])
        assert item["id"].endswith(SOURCE + "#cite-" + item["id"].split("#cite-")[1])


def test_a_sources_annotations_leave_out_drafts(client, seed):
    source = Source.objects.get(slug=SOURCE.split("/")[2])
    draft = make_event(slug="draft-event", is_published=False)
    cite(draft, source, "Japan and South Korea have broadly agreed")
    page = annotations(client, SOURCE + "annotations.jsonld")
    bodies = {item["body"]["id"] for item in page["items"]}
    assert not any("/draft-event/" in body for body in bodies)
    assert len(page["items"]) == source.citations.filter(event__is_published=True).count()


def test_annotations_in_japanese_name_the_event_in_japanese(client, seed):
    page = annotations(client, "/ja" + EVENT + "annotations.jsonld")
    assert all(item["body"]["language"] == "ja" for item in page["items"])
    assert all("/ja/events/" in item["body"]["id"] for item in page["items"])


def test_the_pages_and_the_api_link_them(client, seed):
    assert f'href="{EVENT}annotations.jsonld"' in client.get(EVENT).content.decode()
    assert f'href="{SOURCE}annotations.jsonld"' in client.get(SOURCE).content.decode()
    event = client.get("/api/events/planned-security-dialogue-april-2015/").json()
    assert event["annotations"].endswith(EVENT + "annotations.jsonld")
    source = client.get("/api" + SOURCE).json()
    assert source["annotations"].endswith(SOURCE + "annotations.jsonld")


def test_an_unknown_event_or_source_is_a_404(client, seed):
    assert client.get("/events/nothing/annotations.jsonld").status_code == 404
    assert client.get("/sources/nothing/annotations.jsonld").status_code == 404


# Marked `browser` as tests/test_valid_html.py is: it needs what `npm ci` installs.
@pytest.mark.browser
@pytest.mark.parametrize("url", [EVENT, SOURCE], ids=["event", "source"])
def test_the_annotations_say_only_what_the_w3c_vocabularies_define(client, seed, url):
    page = annotations(client, url + "annotations.jsonld")
    (expanded,) = vocabularies.check(page)
    (items,) = expanded["http://www.w3.org/ns/activitystreams#items"]
    assert len(items["@list"]) == len(page["items"]) > 0
