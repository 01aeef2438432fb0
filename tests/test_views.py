"""The public pages through the test client: plain, as HTMX swaps, and as history restores."""

from datetime import date

import pytest

from dialogue.models import Event
from dialogue.selectors import PAGE_SIZE
from tests.factories import cite, make_event, queries_before_and_after

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
EVENT = "/events/planned-security-dialogue-april-2015/"
SOURCE = "/sources/japan-south-korea-to-resume-security-dialogue-this-month/"
PAGES = [
    "/",
    "/?year=2015",
    "/?actor=japan&status=planned",
    EVENT,
    SOURCE,
    "/sources/",
    "/actors/",
    "/actors/junichi-ihara/",
]


def full_page(response):
    return b"<html" in response.content and b"</html>" in response.content


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_in_full_for_a_plain_request(client, seed, url):
    response = client.get(url)
    assert response.status_code == 200
    assert full_page(response)
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_in_full_for_a_history_restore(client, seed, url):
    response = client.get(url, headers=RESTORE | {"HX-Target": "detail"})
    assert response.status_code == 200
    assert full_page(response)


def test_an_htmx_request_for_the_detail_gets_only_the_detail(client, seed):
    response = client.get(EVENT, headers=HTMX | {"HX-Target": "detail"})
    html = response.content.decode()
    assert not full_page(response)
    assert html.lstrip().startswith('<section id="detail"')
    assert "Security dialogue to resume in April 2015" in html
    assert 'id="announcer" data-hx-swap-oob="true"' in html


def test_an_htmx_request_for_the_region_gets_the_axis_and_list(client, seed):
    response = client.get("/?year=2015", headers=HTMX | {"HX-Target": "timeline-region"})
    html = response.content.decode()
    assert not full_page(response)
    assert html.lstrip().startswith('<div id="timeline-region"')
    assert "Events in 2015" in html


def test_an_htmx_request_with_another_target_gets_the_full_page(client, seed):
    response = client.get("/", headers=HTMX | {"HX-Target": "somewhere-else"})
    assert full_page(response)


def test_the_timeline_lists_events_in_date_order_with_context_apart(client, seed):
    response = client.get("/")
    events = response.context["events"]
    assert [e.date_lower for e in events] == sorted(e.date_lower for e in events)
    assert all(e.date_upper.year >= 2009 for e in events)
    assert {e.edtf for e in response.context["earlier"]} >= {"1993", "1997"}
    assert "Security dialogue suspended" in response.content.decode()


def test_zooming_to_a_year_keeps_only_that_years_events_and_shows_months(client, seed):
    response = client.get("/?year=2014")
    assert response.context["events"]
    assert all(e.date_lower.year <= 2014 <= e.date_upper.year for e in response.context["events"])
    wide = response.context["axes"][-1]["layout"]
    assert [t["label"] for t in wide.ticks][:3] == ["2014", "Feb", "Mar"]


def test_a_month_precise_event_is_drawn_across_its_month(client, seed):
    response = client.get("/?year=2015")
    marks = response.context["axes"][-1]["layout"].marks
    mark = next(m for m in marks if m.item.edtf == "2015-03")
    assert mark.x == pytest.approx(59 / 365 * 100, abs=0.01)  # 1 March
    assert mark.width == pytest.approx(31 / 365 * 100, abs=0.01)  # the whole month


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("actor=junichi-ihara", {"planned-security-dialogue-april-2015"}),
        ("status=cancelled", {"security-meeting-falls-through"}),
        ("topic=missile-defence&status=planned", {"planned-security-dialogue-april-2015"}),
    ],
)
def test_filters_narrow_the_list(client, seed, query, expected):
    response = client.get(f"/?{query}")
    assert {e.slug for e in response.context["events"]} == expected


def test_filters_carry_into_event_links(client, seed):
    html = client.get("/?actor=china&year=2015").content.decode()
    assert 'href="/events/japan-china-security-dialogue/?year=2015&amp;actor=china"' in html


@pytest.mark.parametrize(
    "query",
    ["year=abc", "year=10000", "actor=nobody", "status=lost", "topic=%00", "year=2015&year=x"],
)
def test_bad_parameters_are_ignored_with_a_message(client, seed, query):
    response = client.get(f"/?{query}")
    assert response.status_code == 200
    assert "Ignored" in response.content.decode()
    assert response.context["state"].urlencode() in ("", "year=2015")


def test_a_permalink_opens_its_event_with_share_metadata(client, seed):
    html = client.get(EVENT).content.decode()
    assert f'<link rel="canonical" href="http://testserver{EVENT}">' in html
    assert '<meta property="og:title" content="Security dialogue to resume in April 2015' in html
    assert "og:description" in html and "broadly agreed to resume" in html
    assert "5 – 30 April 2015" in html
    assert "later this month" in html  # the date's derivation
    assert f"{SOURCE}#cite-" in html  # see in source
    assert "#:~:text=" in html  # the passage in the original


def test_a_renamed_event_redirects_from_its_old_slug(client, seed):
    event = Event.objects.get(slug="kono-statement")
    event.slug = "the-kono-statement"
    event.save()
    response = client.get("/events/kono-statement/?year=2015")
    assert response.status_code == 301
    assert response["Location"] == "/events/the-kono-statement/?year=2015"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "url", ["/events/no-such-event/", "/sources/no-such-source/", "/actors/nobody/", "/nowhere/"]
)
def test_unknown_addresses_are_a_clear_404(client, seed, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Not found" in response.content.decode()


def test_drafts_are_hidden_from_the_public_and_shown_to_staff(client, seed, staff):
    draft = make_event(slug="secret-draft", title="A draft in progress", is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "A draft in progress" not in client.get("/").content.decode()
    client.force_login(staff)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "visible to staff only" in response.content.decode()


def test_a_drafts_citations_and_roles_are_shown_to_staff_only(client, seed, staff):
    from dialogue.models import Actor, Source

    draft = make_event(slug="secret-draft", title="A draft in progress", is_published=False)
    source = Source.objects.get(slug=SOURCE.split("/")[2])
    cite(draft, source, source.body.split(".")[0])
    draft.participations.create(actor=Actor.objects.get(slug="shinzo-abe"))
    for url in (SOURCE, "/actors/shinzo-abe/"):
        assert "secret-draft" not in client.get(url).content.decode()
    client.force_login(staff)
    for url in (SOURCE, "/actors/shinzo-abe/"):
        assert "secret-draft" in client.get(url).content.decode()


def test_an_events_page_names_its_topics_and_periods_whether_on_the_timeline_or_not(
    client, seed, staff
):
    """A timeline event's topics and periods are read from the event index; a proposal, which
    the index doesn't hold and only staff can open, reads them from the database: both pages
    name them, topics by name and periods by date."""
    from dialogue.models import Period, Topic

    later = Period.objects.create(slug="later", name="A later period", edtf="2016/2017")
    on_timeline = make_event(slug="on-timeline", is_published=False)
    proposal = make_event(slug="a-proposal", is_published=False, review=Event.Review.PROPOSED)
    for event in (on_timeline, proposal):
        event.topics.add(*Topic.objects.filter(slug__in=["north-korea", "history-issues"]))
        later.evidence.add(event)
        Period.objects.get(slug="dialogue-suspended").evidence.add(event)
    client.force_login(staff)
    for event in (on_timeline, proposal):
        html = client.get(event.get_absolute_url()).content.decode()
        topics = html.index(">History issues</a>"), html.index(">North Korea</a>")
        periods = html.index("Security dialogue suspended ("), html.index("A later period (")
        assert topics[0] < topics[1] and periods[0] < periods[1]


def test_the_source_page_highlights_every_cited_passage_with_links_to_events(client, seed):
    response = client.get(SOURCE)
    html = response.content.decode()
    source = response.context["source"]
    for citation in source.citations.all():
        assert f'id="cite-{citation.pk}"' in html
        assert citation.event.get_absolute_url() in html
    assert html.count("<mark ") >= 8
    assert "The text as received" in html


def test_the_actor_page_lists_the_actors_events_in_order(client, seed):
    response = client.get("/actors/shinzo-abe/")
    dates = [p.event.date_lower for p in response.context["participations"]]
    assert dates and dates == sorted(dates)
    assert "安倍晋三" in response.content.decode()


def test_user_text_is_escaped(client, seed):
    make_event(slug="xss", title='<script>alert("x")</script>')
    html = client.get("/events/xss/").content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


@pytest.mark.parametrize("url", ["/", "/?year=2014&actor=japan", EVENT, SOURCE])
def test_query_count_does_not_grow_with_the_number_of_events(client, seed, url):
    """Ten events more, or 160 (a crowded axis: density and heaviest events): the page makes
    the same number of queries."""
    few, many = queries_before_and_after(client, url, first=10, more=160)
    assert many == few <= 16, (few, many)  # six of them rebuild the event index (new data)


def test_empty_form_fields_redirect_to_the_tidy_address(client, seed):
    response = client.get("/?year=2015&q=&status=planned&date_from=&date_to=")
    assert response.status_code == 302
    assert response["Location"] == "/?year=2015&status=planned"


def test_a_crowded_axis_shows_density_and_one_event_a_month(client, seed):
    """Over 150 events in the window: bars per month, and the heaviest event of each month
    standing for its month's events, folded into clusters where their labels would collide:
    every event in the window is counted by exactly one mark."""
    from django.core.management import call_command

    call_command("generate_events", "400", verbosity=0)
    response = client.get("/")
    assert response.context["density"] and response.context["shown"] > 150
    for axis in response.context["axes"]:
        marks = axis["layout"].marks
        assert sum(m.count for m in marks) == response.context["shown"]
        assert any(m.is_cluster for m in marks) and len(marks) <= 7 * 12
        assert len({m.lower.year for m in marks}) >= 3  # spread over the years
    assert len(response.context["events"]) == PAGE_SIZE and response.context["next_page"]


def test_a_busy_actor_lists_its_first_events_and_sends_to_the_timeline_for_all(client, seed):
    from dialogue.models import Actor
    from dialogue.views import ACTOR_EVENTS
    from tests.factories import add_cited_events

    add_cited_events(ACTOR_EVENTS + 5)  # one new actor in all of them
    actor = Actor.objects.latest("pk")
    response = client.get(actor.get_absolute_url())
    html = response.content.decode()
    assert len(response.context["participations"]) == ACTOR_EVENTS
    assert response.context["total"] == ACTOR_EVENTS + 5
    assert f"The first {ACTOR_EVENTS} of {ACTOR_EVENTS + 5}" in html
    assert f'href="/?actor={actor.slug}">See all these events on the timeline' in html


# The window: any span of days, and the ways to move it --------------------------------------


def test_a_window_keeps_the_events_overlapping_it_and_names_itself(client, seed):
    response = client.get("/?from=2015-04-01&to=2015-04-30")
    events = response.context["events"]
    assert events and all(e.date_lower <= date(2015, 4, 30) for e in events)
    assert all(e.date_upper >= date(2015, 4, 1) for e in events)
    html = response.content.decode()
    assert "Events in April 2015" in html
    assert (
        '<link rel="canonical" href="http://testserver/?from=2015-04-01&amp;to=2015-04-30">' in html
    )


def test_each_window_links_out_in_and_to_its_neighbours_keeping_the_filters(client, seed):
    zoom = client.get("/?year=2015&status=planned").context["zoom"]
    assert zoom["out"]["href"] == "/?status=planned"
    assert zoom["in"]["href"] == "/?status=planned&from=2015-07-01&to=2015-07-31"
    assert zoom["previous"]["href"] == "/?status=planned&year=2014"
    assert zoom["next"]["href"] == "/?status=planned&year=2016"
    day = client.get("/?from=2015-04-05&to=2015-04-05").context["zoom"]
    assert day["in"] is None and day["out"]["label"] == "week of 30 March 2015"
    whole = client.get("/").context["zoom"]
    assert whole["out"] is None and whole["previous"] is None and whole["in"]["label"] == "2012"


def test_years_before_the_span_are_reachable_for_context(client, seed):
    response = client.get("/?year=1997")
    assert [e.edtf for e in response.context["events"]] == ["1997"]
    assert response.context["zoom"]["next"]["href"] == "/?year=1998"


@pytest.mark.parametrize(
    ("query", "field"),
    [("from=2015-02-30", "window from"), ("from=2015-05-01&to=2015-04-01", "window to"),
     ("from=0000-01-01", "window from"), ("to=9999-01-01", "window to")],
)  # fmt: skip
def test_a_bad_window_is_ignored_with_a_message(client, seed, query, field):
    response = client.get(f"/?{query}")
    assert response.status_code == 200
    assert f"Ignored {field}" in response.content.decode()


def test_an_empty_window_says_why(client, seed):
    html = client.get("/?year=2011").content.decode()
    assert "No events recorded in 2011 — a time within “" in html
    assert 'href="/periods/dialogue-suspended/">Security dialogue suspended</a>' in html
    filtered = client.get("/?year=2015&status=cancelled").content.decode()
    assert "No events match these filters in 2015." in filtered
    assert "No events recorded" not in filtered


def test_the_axis_labels_every_event_drawn_and_links_its_period(client, seed):
    response = client.get("/?year=2015")
    html = response.content.decode()
    for axis in response.context["axes"]:
        for mark in axis["layout"].marks:
            assert mark.is_cluster or f'<span class="mark__label">{mark.item.title}</span>' in html
    assert 'aria-label="Security dialogue to resume in April 2015, 5 – 30 April 2015"' in html
    assert '<a href="/periods/dialogue-suspended/" class="band__link">' in html


def test_a_cluster_links_into_a_narrower_window_holding_all_its_events(client, seed):
    import html as html_lib
    import re

    from django.core.management import call_command

    call_command("generate_events", "400", verbosity=0)
    for url in ("/", "/?year=2014"):
        response = client.get(url)
        clusters = [m for m in response.context["axes"][0]["layout"].marks if m.is_cluster]
        links = re.findall(r'<a href="([^"]+)" class="mark mark--cluster"', response.text)
        assert clusters and len(links) >= len(clusters)  # both axes draw theirs
        window = response.context["window"]
        for cluster, href in zip(clusters, links, strict=False):
            assert href.startswith("/?"), href  # never a dead end while there is room to zoom
            inside = client.get(html_lib.unescape(href)).context
            assert inside["window"].days < window.days
            assert inside["shown"] >= cluster.count, (href, cluster.count)


# Periods ------------------------------------------------------------------------------------


def test_a_period_page_shows_what_establishes_it_and_the_events_within(client, seed):
    response = client.get("/periods/dialogue-suspended/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Security dialogue suspended" in html and "December 2009 – April 2015" in html
    assert "was suspended from its last meeting in December 2009" in html
    assert html.count('<figure class="passage">') >= 3  # the evidence's passages, highlighted
    assert "has not been held since December 2009" in html
    assert response.context["total"] == 15
    assert 'href="/?from=2009-12-01&amp;to=2015-04-30"' in html


def test_a_period_hides_draft_evidence_from_readers(client, seed, admin_client):
    from dialogue.models import Period

    draft = make_event(title="A draft behind the period", is_published=False)
    Period.objects.get(slug="dialogue-suspended").evidence.add(draft)
    assert (
        "A draft behind the period"
        not in client.get("/periods/dialogue-suspended/").content.decode()
    )
    assert (
        "A draft behind the period"
        in admin_client.get("/periods/dialogue-suspended/").content.decode()
    )


def test_an_unknown_period_is_a_404(client, seed):
    assert client.get("/periods/no-such-period/").status_code == 404
