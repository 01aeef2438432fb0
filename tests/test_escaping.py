"""Markup in every text field an editor or an importer supplies is shown as text, everywhere.

Each field gets a payload with a script, both quotes, an entity and a tag. HTML pages must show
it escaped (never a raw <script>alert(1) or <b> outside a textarea, no attribute cut short by a
quote) and show it at all; JSON must parse and give the text back unchanged; the other formats
must parse with their own readers and carry the text, as text.
"""

import csv
import io
import json
import re
from html import unescape
from html.parser import HTMLParser
from types import SimpleNamespace

import feedparser
import icalendar
import pytest
from django.utils.html import escape

from dialogue.models import Actor, Event, EventActor, EventSlug, Period, Topic
from tests.factories import cite, make_actor, make_event, make_source

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script>"
PAYLOAD = f"{XSS} \"dq\" 'sq' &amp; <b>bold</b>"
RAW = ("<script>alert(1)", "<b>bold")  # what must never reach a page unescaped


def p(label: str) -> str:
    """The payload, labelled with the field it is put in."""
    return f"{label} {PAYLOAD}"


@pytest.fixture
def site(db):
    """One of everything, every user-supplied text field carrying the payload."""
    body = f"Officials said {p('Quote')} on Monday.\n\nThe talks were frank, {p('Later')}."
    source = make_source(
        slug="payload-source",
        title=p("Source title"),
        outlet=p("Outlet"),
        section=p("Section"),
        byline=p("Byline"),
        agency=p("Agency"),
        body=body,
        raw_text=p("Raw text") + "\n\n" + body,
        url="https://example.com/article",
    )
    source.refresh_from_db()  # published_on as a date
    event = make_event(
        slug="payload-event",
        title=p("Event title"),
        summary=p("Summary"),
        date_derivation=p("Derivation"),
        edtf="2015-04-05",
    )
    citation = cite(event, source, p("Quote"))
    topic = Topic.objects.create(slug="payload-topic", name=p("Topic"), description=p("About"))
    event.topics.add(topic)
    actors = [
        make_actor(
            slug=f"payload-actor-{n}",
            kind=Actor.Kind.PERSON,
            name_en=p(f"Actor {n}"),
            name_ja=f"日本 {PAYLOAD}",
            name_ko=f"한국 {PAYLOAD}",
            aliases=f"{p('Alias')}\n{p('Other alias')}",
            office=p("Office"),
            description=p("Description"),
        )
        for n in (1, 2)
    ]
    for actor in actors:
        EventActor.objects.create(event=event, actor=actor)
    period = Period.objects.create(
        slug="payload-period", name=p("Period"), description=p("Why"), edtf="2015-03/2015-05"
    )
    period.evidence.add(event)
    EventSlug.objects.create(slug="payload-event-old", event=event)
    proposal = make_event(
        slug="payload-proposal",
        title=p("Proposal"),
        is_published=False,
        review=Event.Review.PROPOSED,
    )
    cite(proposal, source, p("Later"))
    return SimpleNamespace(
        event=event,
        source=source,
        citation=citation,
        topic=topic,
        actors=actors,
        period=period,
        proposal=proposal,
    )


# Checks ----------------------------------------------------------------------------------------


class Page(HTMLParser):
    """What the checks read from a page: attributes, the <title>, the textareas' text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.title = ""
        self.textareas: dict[str, str] = {}
        self._in: tuple[str, str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.attrs += [(tag, name, value or "") for name, value in attrs]
        if tag == "meta" and "content" in values:
            self.meta[values.get("property") or values.get("name") or ""] = values["content"]
        if tag == "link" and "rel" in values:
            self.links[values["rel"]] = values.get("href", "")
        if (tag == "textarea" or (tag == "title" and not self.title)) and self._in is None:
            self._in = (tag, values.get("id") or "")

    def handle_endtag(self, tag):
        if self._in and self._in[0] == tag:
            self._in = None

    def handle_data(self, data):
        if self._in and self._in[0] == "title":
            self.title += data
        elif self._in:
            self.textareas[self._in[1]] = self.textareas.get(self._in[1], "") + data


ATTRIBUTE_NAME = re.compile(r"^[a-z_:@][-a-z0-9_:.@]*$")


def check_html(response, *present: str) -> Page:
    """The page shows the payload only escaped, and shows each of `present` (escaped)."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    outside = re.sub(r"<textarea\b[^>]*>.*?</textarea>", "", html, flags=re.S | re.I)
    for raw in RAW:
        assert raw not in outside, (
            f"unescaped {raw!r} at …{outside[outside.find(raw) - 80 :][:160]}"
        )
    page = Page(html)
    for tag, name, value in page.attrs:
        # A quote that closed the attribute early would leave the rest as odd attribute names,
        # and the value without the rest of the payload.
        assert ATTRIBUTE_NAME.match(name), f"<{tag}> has an attribute named {name!r}"
        if "alert(1)" in value:
            assert PAYLOAD in value, f"<{tag} {name}> was cut short: {value!r}"
    for text in present:
        assert escape(text) in html, f"{text!r} is not on the page (escaped)"
    return page


# The public pages ------------------------------------------------------------------------------


def test_the_timeline(client, site):
    """The list, the axis marks, the period band, the facets, the print-only sources."""
    check_html(
        client.get("/"),
        site.event.title,
        site.citation.exact,
        site.source.outlet.name,
        site.source.title,
        site.period.name,
        site.topic.name,
        site.actors[0].name_en,
    )


def test_the_timeline_region_swapped_in_by_htmx(client, site):
    response = client.get(
        "/?year=2015", headers={"HX-Request": "true", "HX-Target": "timeline-region"}
    )
    assert response.content.lstrip().startswith(b'<div id="timeline-region"')
    check_html(response, site.event.title, site.period.name, site.topic.name)


def test_the_detail_swapped_in_by_htmx(client, site):
    response = client.get(
        "/events/payload-event/", headers={"HX-Request": "true", "HX-Target": "detail"}
    )
    assert response.content.lstrip().startswith(b'<section id="detail"')
    check_html(
        response,
        site.event.title,
        site.event.summary,
        site.event.date_derivation,
        site.citation.exact,
        site.source.outlet.name,
        site.source.title,
        site.actors[0].name_en,
        site.topic.name,
        site.period.name,
    )


def test_the_event_permalink_and_its_meta_tags(client, site):
    """<title>, canonical, description, Open Graph and Twitter tags carry the text intact."""
    event = site.event
    page = check_html(
        client.get("/events/payload-event/"),
        event.title,
        event.summary,
        event.date_derivation,
        site.citation.exact,
    )
    assert page.title.strip() == f"{event.title} · Japan–South Korea security dialogue"
    assert page.links["canonical"] == "http://testserver/events/payload-event/"
    titled = f"{event.title} ({event.date_display})"
    quoted = site.citation.line  # “quote” — outlet, “title”, date, URL: as the text reads
    assert page.meta["description"] == f"{event.date_display}: {event.summary}"
    assert page.meta["og:title"] == page.meta["twitter:title"] == titled
    assert page.meta["og:description"] == page.meta["twitter:description"] == quoted
    assert page.meta["og:url"] == "http://testserver/events/payload-event/"


def _textarea(html: str, name: str) -> str:
    return re.search(rf'<textarea id="{name}"[^>]*>(.*?)</textarea>', html, re.S).group(1)


def test_the_cite_this_event_text(client, site):
    """The plain and BibTeX references sit in textareas: escaped there too, whole when read."""
    response = client.get("/events/payload-event/")
    page = check_html(response)
    for name in ("cite-plain", "cite-bibtex"):
        assert "<" not in _textarea(response.content.decode(), name)
    plain = page.textareas["cite-plain"]
    for text in (site.event.title, site.source.title, site.source.outlet.name, site.source.byline):
        assert text in plain


def test_the_embed_code_keeps_the_title_inside_its_attribute(client, site):
    """The code to copy is HTML itself: the title in its attribute must be escaped once more."""
    code = Page(client.get("/events/payload-event/").content.decode()).textareas["embed-event"]
    iframe = Page(code)
    assert all(ATTRIBUTE_NAME.match(name) for _, name, _ in iframe.attrs), iframe.attrs
    assert ("iframe", "title", site.event.title) in iframe.attrs


def test_the_source_page_and_its_highlights(client, site):
    source = site.source
    check_html(
        client.get("/sources/payload-source/"),
        source.title,
        source.outlet.name,
        source.section,
        source.byline,
        source.agency.name,
        source.raw_text,
        site.citation.exact,
        site.event.title,
    )


def test_the_source_list(client, site):
    source = site.source
    check_html(client.get("/sources/"), source.title, source.outlet.name, source.agency.name)


def test_the_actor_page(client, site):
    actor = site.actors[0]
    check_html(
        client.get(f"/actors/{actor.slug}/"),
        actor.name_en,
        actor.name_ja,
        actor.name_ko,
        actor.office,
        actor.description,
        *actor.alias_list,
        site.event.title,
        site.actors[1].name_en,
    )


def test_the_actor_list(client, site):
    actor = site.actors[0]
    check_html(client.get("/actors/"), actor.name_en, actor.name_ja, actor.name_ko, actor.office)


def test_the_page_of_two_actors(client, site):
    one, two = site.actors
    check_html(
        client.get(f"/actors/{one.slug}/and/{two.slug}/"),
        one.name_en,
        two.name_en,
        site.event.title,
    )


def test_the_topic_page(client, site):
    check_html(client.get("/topics/payload-topic/"), site.topic.name, site.event.title)


def test_the_embed_of_a_view(client, site):
    check_html(client.get("/embed/"), site.event.title)


def test_the_embed_of_an_event(client, site):
    page = check_html(
        client.get("/embed/events/payload-event/"),
        site.event.title,
        site.event.summary,
        site.citation.exact,
        site.source.outlet.name,
        site.source.title,
    )
    assert page.title.startswith(site.event.title)


@pytest.mark.parametrize(
    "query",
    [
        {"q": PAYLOAD},
        {"q": "alert bold"},
        {"year": PAYLOAD},
        {"actor": PAYLOAD, "status": PAYLOAD},
        {"date_from": PAYLOAD, "sort": PAYLOAD},
    ],
)
@pytest.mark.parametrize("path", ["/", "/embed/", "/events/payload-event/"])
def test_markup_in_the_query_is_shown_as_text(client, site, path, query):
    """The search box, the results heading and the notice of ignored filters echo the query."""
    echoed = [] if path == "/embed/" else list(query.values())
    check_html(client.get(path, query), *echoed)


def test_the_search_snippet_highlights_the_payload_escaped(client, site):
    """The snippet is marked up by the app (<mark>) around text that stays escaped."""
    response = client.get("/", {"q": "bold"})
    check_html(response)
    snippets = re.findall(r'<span class="snippet">(.*?)</span>', response.content.decode(), re.S)
    assert snippets
    for snippet in snippets:
        assert re.search(r"<mark>bold</mark>", snippet, re.I), snippet
        assert not re.search(r"<(?!/?mark>)", snippet), snippet


# Exports and the API ---------------------------------------------------------------------------


def test_cite_json_gives_the_text_back(client, site):
    items = json.loads(client.get("/events/payload-event/cite.json").content)
    event, source = items
    assert event["title"] == site.event.title
    assert source["title"] == site.source.title
    assert source["container-title"] == site.source.outlet.name
    assert source["author"] == [{"literal": site.source.byline}]


def test_csv_carries_the_text_as_is(client, site):
    rows = list(csv.DictReader(io.StringIO(client.get("/export/events.csv").content.decode())))
    (row,) = [r for r in rows if r["slug"] == "payload-event"]
    assert row["title"] == site.event.title
    assert row["summary"] == site.event.summary
    assert row["quotes"] == site.citation.exact
    assert site.source.title in row["sources"] and site.source.outlet.name in row["sources"]
    assert row["actors"] == "; ".join(a.name_en for a in site.actors)


def test_csv_cells_cannot_start_a_formula(client, db):
    """A cell that starts with =, +, -, @ (or a tab or CR) is a formula to a spreadsheet."""
    source = make_source(outlet="@SUM(1+1)*cmd|' /C calc'!A0", body="=1+2 said the minister.")
    event = make_event(slug="formula", title='=HYPERLINK("http://x.test","y")', summary="+1")
    cite(event, source, "=1+2 said the minister.")
    EventActor.objects.create(event=event, actor=make_actor(name_en="-2+3"))
    rows = list(csv.reader(io.StringIO(client.get("/export/events.csv").content.decode())))
    cells = [cell for row in rows[1:] for cell in row]
    dangerous = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert not dangerous
    assert any(event.title in c for c in cells)  # kept, only made inert


def _event_record(records: list, slug: str) -> dict:
    (record,) = [r for r in records if r["slug"] == slug]
    return record


def check_event_record(record: dict, site) -> None:
    event, citation = site.event, site.citation
    assert record["title"] == event.title
    assert record["summary"] == event.summary
    assert record["date"]["derivation"] == event.date_derivation
    assert [a["name"] for a in record["actors"]] == [a.name_en for a in site.actors]
    (quoted,) = record["citations"]
    assert quoted["quote"] == citation.exact
    assert (quoted["prefix"], quoted["suffix"]) == (citation.prefix, citation.suffix)
    assert quoted["source"]["title"] == site.source.title
    assert quoted["source"]["outlet"] == site.source.outlet.name


def round_trip(response) -> object:
    """The body parses as JSON and serialises back to the same data."""
    data = json.loads(response.content)
    assert json.loads(json.dumps(data)) == data
    return data


def test_the_json_export_gives_the_text_back(client, site):
    data = round_trip(client.get("/export/events.json"))
    check_event_record(_event_record(data["events"], "payload-event"), site)


def test_the_api_gives_the_text_back(client, site):
    check_event_record(round_trip(client.get("/api/events/payload-event/")), site)
    listed = round_trip(client.get("/api/events/"))["results"]
    check_event_record(_event_record(listed, "payload-event"), site)
    actor = site.actors[0]
    record = round_trip(client.get(f"/api/actors/{actor.slug}/"))
    for field in ("name_en", "name_ja", "name_ko", "office", "description"):
        assert record[field] == getattr(actor, field)
    assert record["aliases"] == actor.alias_list
    assert record["events"][0]["title"] == site.event.title
    listed = round_trip(client.get("/api/actors/"))["results"]
    assert _event_record(listed, actor.slug)["name_en"] == actor.name_en
    source = site.source
    record = round_trip(client.get("/api/sources/payload-source/"))
    for field in ("title", "section", "byline", "body"):
        assert record[field] == getattr(source, field)
    assert (record["outlet"], record["agency"]) == (source.outlet.name, source.agency.name)
    assert record["citations"][0]["quote"] == site.citation.exact
    listed = round_trip(client.get("/api/sources/"))["results"]
    assert _event_record(listed, source.slug)["byline"] == source.byline


def test_timelinejs_gets_html_escaped_text(client, site):
    """TimelineJS renders text.headline and text.text as HTML: the payload must be escaped."""
    data = round_trip(client.get("/export/timelinejs.json"))
    (item,) = [e for e in data["events"] if e["unique_id"] == "payload-event"]
    headline, text = item["text"]["headline"], item["text"]["text"]
    assert headline == escape(site.event.title)
    for fragment in (site.event.summary, site.citation.exact, site.source.outlet.name):
        assert escape(fragment) in text
    assert escape(site.source.title) in text
    for raw in RAW:
        assert raw not in headline and raw not in text
    (era,) = [e for e in data["eras"] if "Period" in e["text"]["headline"]]
    assert era["text"]["headline"] == escape(site.period.name)


def test_the_calendar_parses_and_carries_the_text(client, site):
    calendar = icalendar.Calendar.from_ical(client.get("/export/events.ics").content)
    (entry,) = [e for e in calendar.walk("VEVENT") if str(e["summary"]) == site.event.title]
    description = str(entry["description"])
    for text in (site.event.summary, site.event.date_derivation, site.citation.exact):
        assert text in description
    assert site.source.outlet.name in description and site.source.title in description


def test_the_atom_feed_parses_and_titles_are_text(client, site):
    feed = feedparser.parse(client.get("/feed.atom").content)
    assert not feed.bozo, feed.get("bozo_exception")
    (entry,) = [e for e in feed.entries if e.link.endswith("/events/payload-event/")]
    assert entry.title == f"{site.event.title} ({site.event.date_display})"
    assert entry.title_detail.type == "text/plain"
    assert [t.term for t in entry.tags] == [site.topic.name]


def test_the_atom_summary_shows_the_text_as_text(client, site):
    """Read as the HTML its type says it is, the summary must give back the literal text."""
    feed = feedparser.parse(client.get("/feed.atom").content)
    (entry,) = [e for e in feed.entries if e.link.endswith("/events/payload-event/")]
    shown = entry.summary_detail
    text = (
        unescape(re.sub(r"<[^>]+>", "", shown.value)) if shown.type == "text/html" else shown.value
    )
    assert site.event.summary in text
    assert site.citation.exact in text


# The admin -------------------------------------------------------------------------------------

MODELS = ["event", "citation", "source", "outlet", "actor", "topic", "period", "eventslug"]


@pytest.mark.parametrize("model", MODELS)
def test_the_admin_change_list(client, site, staff, model):
    client.force_login(staff)
    check_html(client.get(f"/admin/dialogue/{model}/"))


# What each change form shows as editable text (a cited source's body is read-only, shown with
# its line breaks as <br>, so it is left to the check for raw markup).
FIELDS = {
    "event": ["title", "summary", "date_derivation"],
    "citation": ["exact"],
    "source": ["title", "outlet", "section", "byline", "agency"],
    "outlet": ["name"],
    "actor": ["name_en", "name_ja", "name_ko", "aliases", "office", "description"],
    "topic": ["name", "description"],
    "period": ["name", "description"],
    "eventslug": [],
}


def _objects(site) -> dict:
    return {
        "event": [site.event, site.proposal],
        "citation": [site.citation],
        "source": [site.source],
        "outlet": [site.source.outlet, site.source.agency],
        "actor": site.actors,
        "topic": [site.topic],
        "period": [site.period],
        "eventslug": list(EventSlug.objects.all()),
    }


@pytest.mark.parametrize("model", MODELS)
def test_the_admin_change_form(client, site, staff, model):
    client.force_login(staff)
    for obj in _objects(site)[model]:
        values = [str(getattr(obj, field)) for field in FIELDS[model]]
        check_html(client.get(f"/admin/dialogue/{model}/{obj.pk}/change/"), *values)


def test_the_admin_change_lists_show_the_text(client, site, staff):
    client.force_login(staff)
    check_html(client.get("/admin/dialogue/event/"), site.event.title, site.proposal.title)
    check_html(client.get("/admin/dialogue/source/"), site.source.title, site.source.outlet.name)
    check_html(client.get("/admin/dialogue/topic/"), site.topic.name)
    check_html(client.get("/admin/dialogue/period/"), site.period.name)
    actor = site.actors[0]
    check_html(client.get("/admin/dialogue/actor/"), actor.name_en, actor.name_ja, actor.name_ko)


def test_the_admin_review_of_an_import(client, site, staff):
    client.force_login(staff)
    check_html(
        client.get(f"/admin/dialogue/source/{site.source.pk}/review/"),
        site.proposal.title,
        site.source.title,
    )
