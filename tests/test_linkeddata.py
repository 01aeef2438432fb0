"""schema.org JSON-LD on permalinks, source pages and actor pages: read back as a crawler reads it
(extruct), and expanded as JSON-LD (pyld) with schema.org's own context, every term it comes to
defined in schema.org's vocabulary (tests/vocabularies.py): both what we mean and what it says."""

import extruct
import pytest

from dialogue.models import Event
from tests import vocabularies

pytestmark = pytest.mark.django_db

# A page of each kind, for the expansion. The tests that expand are marked `browser`, as
# tests/test_valid_html.py is: they need what `npm ci` installs, so they run in the run that has it.
PAGES = {
    "event": "/events/last-security-dialogue/",
    "span": "/events/japanese-colonial-rule-of-korea/",
    "cancelled": "/events/security-meeting-falls-through/",
    "country": "/actors/south-korea/",
    "person": "/actors/junichi-ihara/",
    "source": "/sources/korea-pushes-to-resume-stalled-security-consultations-with-japan/",
    "japanese": "/ja/events/last-security-dialogue/",
}


def linked_data(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    return extruct.extract(response.content.decode(), syntaxes=["json-ld"])["json-ld"]


def test_a_permalink_says_its_event_at_the_dates_own_precision(client, seed):
    (event,) = linked_data(client, "/events/last-security-dialogue/")
    assert (event["@type"], event["startDate"]) == ("Event", "2009-12")
    assert "endDate" not in event
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["url"].endswith("/events/last-security-dialogue/")
    # The passages' articles, with their outlets and days.
    articles = {a["publisher"]["name"]: a for a in event["subjectOf"]}
    assert set(articles) == {"The Japan Times", "The Korea Herald"}
    assert articles["The Korea Herald"]["datePublished"] == "2014-09-09"
    assert articles["The Japan Times"]["sourceOrganization"]["name"] == "Kyodo News"


def test_a_span_has_an_end_and_a_cancelled_event_says_so(client, seed):
    (span,) = linked_data(client, "/events/japanese-colonial-rule-of-korea/")
    assert (span["startDate"], span["endDate"]) == ("1910", "1945")
    cancelled = Event.objects.filter(status=Event.Status.CANCELLED, is_published=True).first()
    (event,) = linked_data(client, cancelled.get_absolute_url())
    assert event["eventStatus"] == "https://schema.org/EventCancelled"


def test_the_actors_are_linked_to_wikidata_where_certain(client, seed):
    (event,) = linked_data(client, "/events/last-security-dialogue/")
    named = {a["name"]: a for a in [*event.get("attendee", []), *event.get("about", [])]}
    assert named["Japan"]["sameAs"] == "https://www.wikidata.org/wiki/Q17"
    assert named["Japan"]["@type"] == "Country"
    (country,) = linked_data(client, "/actors/south-korea/")
    assert (country["@type"], country["sameAs"]) == (
        "Country", "https://www.wikidata.org/wiki/Q884"
    )  # fmt: skip
    (person,) = linked_data(client, "/actors/junichi-ihara/")
    assert person["@type"] == "Person" and "sameAs" not in person  # not certain: left empty


def test_a_source_page_says_its_news_article(client, seed):
    url = "/sources/korea-pushes-to-resume-stalled-security-consultations-with-japan/"
    (article,) = linked_data(client, url)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Korea pushes to resume stalled security consultations with Japan"
    assert article["publisher"] == {
        "@type": "NewsMediaOrganization", "name": "The Korea Herald",
        "url": "https://www.koreaherald.com/",
    }  # fmt: skip
    assert article["author"]["name"] == "Shin Hyon-hee (신현희)"


def test_the_json_cannot_close_its_script_element(client, seed):
    event = Event.objects.get(slug="last-security-dialogue")
    event.title = "</script><script>alert(1)</script>"
    event.save()
    page = client.get("/events/last-security-dialogue/").content.decode()
    assert "<script>alert(1)" not in page
    (found,) = linked_data(client, "/events/last-security-dialogue/")
    assert found["name"] == event.title


def test_in_japanese_the_names_are_japanese(client, seed):
    (event,) = linked_data(client, "/ja/events/last-security-dialogue/")
    assert event["url"].endswith("/ja/events/last-security-dialogue/")
    assert "日本" in [a["name"] for a in [*event.get("attendee", []), *event.get("about", [])]]


@pytest.mark.browser
@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES)
def test_the_json_ld_says_only_what_schema_org_defines(client, seed, url):
    (document,) = linked_data(client, url)
    vocabularies.check(document)


@pytest.mark.browser
def test_expanded_an_event_has_its_type_dates_and_status(client, seed):
    (event,) = linked_data(client, PAGES["event"])
    (node,) = vocabularies.check(event)
    assert node["@type"] == ["http://schema.org/Event"]
    date = {"@type": "http://schema.org/Date", "@value": "2009-12"}
    assert node["http://schema.org/startDate"] == [date]
    # schema.org's context gives eventStatus no "@type": "@id", so the status is read as text.
    status = {"@value": "https://schema.org/EventScheduled"}
    assert node["http://schema.org/eventStatus"] == [status]


def test_an_actor_page_shows_its_wikidata_item_where_certain(client, seed):
    page = client.get("/actors/south-korea/").content.decode()
    assert '<a href="https://www.wikidata.org/wiki/Q884" hreflang="en">Q884</a>' in page
    assert "wikidata.org" not in client.get("/actors/junichi-ihara/").content.decode()
