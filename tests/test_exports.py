"""Each export read back with a real parser: csv, JSON Schema, icalendar, an Atom parser."""

import csv
import io
import json
from datetime import date, timedelta

import feedparser
import icalendar
import jsonschema
import pytest
from django.conf import settings

from dialogue.models import Event
from dialogue.selectors import PAGE_SIZE

pytestmark = pytest.mark.django_db
SCHEMA = json.loads((settings.BASE_DIR / "dialogue" / "schemas" / "events.schema.json").read_text())


def published():
    return Event.objects.published().filter(review="confirmed")


def test_csv_has_a_row_per_event_with_its_citations(client, seed):
    response = client.get("/export/events.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == published().count()
    row = next(r for r in rows if r["slug"] == "japan-china-security-dialogue")
    assert row["date_edtf"] == "2015-03-19"
    assert "The Japan Times" in row["sources"] and "japantimes.co.jp" in row["sources"]
    assert "first bilateral security dialogue in four years" in row["quotes"]


def test_csv_of_a_filtered_view_has_only_its_events(client, seed):
    rows = list(
        csv.DictReader(io.StringIO(client.get("/export/events.csv?year=2015").content.decode()))
    )
    assert rows and all(r["latest"] >= "2015-01-01" for r in rows)


def test_json_matches_its_documented_schema_and_ids_are_stable(client, seed):
    data = client.get("/export/events.json").json()
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(
        data
    )
    ids = {e["slug"]: e["id"] for e in data["events"]}
    event = Event.objects.get(slug="kono-statement")
    event.slug = "kono-statement-1993"
    event.save()
    again = {e["slug"]: e["id"] for e in client.get("/export/events.json").json()["events"]}
    assert again["kono-statement-1993"] == ids["kono-statement"]
    assert client.get("/schema/events.json").json()["$defs"]["Event"]


def test_the_schema_rejects_a_record_that_drifts(client, seed):
    data = client.get("/export/events.json").json()
    data["events"][0]["date"]["precision"] = "week"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_icalendar_entries_span_their_whole_date(client, seed):
    calendar = icalendar.Calendar.from_ical(client.get("/export/events.ics").content)
    entries = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert len(entries) == published().count()
    month = entries["Foreign ministers agree in Seoul to hold security dialogue"]
    assert month["dtstart"].dt == date(2015, 3, 1)
    assert month["dtend"].dt == date(2015, 4, 1)  # all of March, not a one-day event
    day = entries["Japan and China hold first security dialogue in four years"]
    assert day["dtend"].dt - day["dtstart"].dt == timedelta(days=1)
    assert "first bilateral security dialogue" in str(day["description"])
    cancelled = entries["Planned security meeting falls through"]
    assert str(cancelled["status"]) == "CANCELLED"


def test_the_atom_feed_lists_changed_events_newest_first(client, seed):
    event = Event.objects.get(slug="kono-statement")
    event.summary = "Updated summary."
    event.save()
    feed = feedparser.parse(client.get("/feed.atom").content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title.startswith("Japan–South Korea")
    assert feed.entries[0].title.startswith("Kono statement")
    assert "Updated summary." in feed.entries[0].summary
    assert all("“" in entry.summary for entry in feed.entries)  # each carries its quote


def test_timelinejs_export_keeps_precision_and_the_era(client, seed):
    data = client.get("/export/timelinejs.json").json()
    by_id = {e["unique_id"]: e for e in data["events"]}
    assert by_id["foreign-ministers-agree-in-seoul"]["start_date"] == {"year": 2015, "month": 3}
    assert by_id["kono-statement"]["start_date"] == {"year": 1993}
    span = by_id["planned-security-dialogue-april-2015"]
    assert span["end_date"] == {"year": 2015, "month": 4, "day": 30}
    assert data["eras"][0]["text"]["headline"] == "Security dialogue suspended"
    assert "<blockquote>" in span["text"]["text"]


def test_exports_escape_user_text(client, seed):
    event = Event.objects.get(slug="kono-statement")
    event.title = '<script>alert("x")</script>'
    event.save()
    data = client.get("/export/timelinejs.json").json()
    headline = next(e for e in data["events"] if e["unique_id"] == "kono-statement")["text"]
    assert "<script>" not in headline["headline"]


def test_cite_this_event_gives_text_bibtex_and_csl_json(client, seed):
    html = client.get("/events/japan-china-security-dialogue/").content.decode()
    assert "Cite this event" in html
    assert "http://testserver/events/japan-china-security-dialogue/ (accessed" in html
    assert "@misc{dialogue-japan-china-security-dialogue," in html
    items = client.get("/events/japan-china-security-dialogue/cite.json").json()
    assert items[0]["type"] == "webpage" and items[0]["URL"].endswith(
        "/events/japan-china-security-dialogue/"
    )
    assert items[0]["issued"] == {"date-parts": [[2015, 3, 19]]}
    assert items[1]["container-title"] == "The Japan Times"
    month = client.get("/events/foreign-ministers-agree-in-seoul/cite.json").json()
    assert month[0]["issued"] == {"date-parts": [[2015, 3]]}


def test_the_embed_is_framable_and_other_pages_are_not(client, seed):
    embed = client.get("/embed/?year=2015")
    assert "X-Frame-Options" not in embed
    assert 'href="/embed/events/' in embed.content.decode()
    assert client.get("/").headers["X-Frame-Options"] == "DENY"
    single = client.get("/embed/events/japan-china-security-dialogue/")
    assert "X-Frame-Options" not in single
    assert "first bilateral security dialogue" in single.content.decode()
    assert client.get("/embed/events/nothing/").status_code == 404


def test_the_page_offers_a_copyable_iframe_snippet(client, seed):
    html = client.get("/?year=2015").content.decode()
    assert "&lt;iframe src=&quot;http://testserver/embed/?year=2015&quot;" in html or (
        '&lt;iframe src="http://testserver/embed/?year=2015"' in html
    )


def test_the_embed_pages_through_every_event_of_its_view_once(client, seed):
    import re

    from tests.factories import add_cited_events

    add_cited_events(60)
    expected = Event.objects.filter(is_published=True, review="confirmed").count()
    url, seen, pages = "/embed/", [], 0
    while url:
        html = client.get(url).content.decode()
        assert f'<span class="count">{expected}</span>' in html
        seen += re.findall(r'href="/embed/events/([^/"]+)/', html)
        found = re.search(r'href="([^"]+)" rel="next"', html)
        url, pages = (found and found.group(1).replace("&amp;", "&")), pages + 1
    assert len(seen) == len(set(seen)) == expected and pages == -(-expected // PAGE_SIZE)


def test_the_csv_counts_the_passages_under_review(client, seed):
    from dialogue.models import Citation

    Citation.objects.filter(event__slug="kono-statement").update(needs_review=True)
    rows = {
        r["slug"]: r
        for r in csv.DictReader(io.StringIO(client.get("/export/events.csv").content.decode()))
    }
    assert rows["kono-statement"]["quotes_under_review"] == "1"
    assert rows["japan-us-defence-guidelines-revision"]["quotes_under_review"] == "0"
