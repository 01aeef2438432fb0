"""Search and combined filters, on whichever database the run uses (SQLite or PostgreSQL)."""

import re

import pytest
from django.db import connection

from dialogue import search
from dialogue.models import Event

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true", "HX-Target": "timeline-region"}


def slugs(response):
    return {e.slug for e in response.context["events"] + response.context["earlier"]}


def distinctive_word(text: str) -> str:
    """The longest plain word of a passage: one a reader might search for."""
    return max(re.findall(r"[A-Za-z]{4,}", text), key=len)


def test_every_seed_event_is_found_by_a_word_of_its_passage(client, seed):
    for event in Event.objects.published().prefetch_related("citations"):
        for citation in event.citations.all():
            word = distinctive_word(citation.exact)
            response = client.get("/", {"q": word})
            assert event.slug in slugs(response), (connection.vendor, event.slug, word)


def test_search_reads_titles_summaries_and_actor_names_in_three_languages(client, seed):
    for query, slug in [
        ("THAAD", "us-considers-thaad-in-south-korea"),
        ("Kono", "kono-statement"),
        ("安倍晋三", "abe-war-shrine-visit"),
        ("이상덕", "planned-security-dialogue-april-2015"),
        ("Ihara", "planned-security-dialogue-april-2015"),
    ]:
        assert slug in slugs(client.get("/", {"q": query})), (query, connection.vendor)


def test_results_say_why_they_matched(client, seed):
    response = client.get("/", {"q": "THAAD"})
    html = response.content.decode()
    assert "<mark>THAAD</mark>" in html
    assert "Results for “THAAD”" in html
    first = response.context["events"][0]
    assert "<mark>" in first.snippet


def test_relevance_order_puts_the_best_match_first(client, seed):
    response = client.get("/", {"q": "THAAD", "sort": "relevance"})
    listed = [e.pk for e in response.context["events"]]
    rank = dict(search.with_rank(Event.objects.all(), "THAAD").values_list("pk", "rank"))
    ranks = [rank[pk] for pk in listed]
    assert len(ranks) > 1 and ranks == sorted(ranks, reverse=True)
    assert response.context["events"][0].slug == "us-considers-thaad-in-south-korea"


def test_a_search_for_nothing_known_finds_nothing_and_says_so(client, seed):
    response = client.get("/", {"q": "zeppelin"})
    assert response.context["events"] == []
    assert "No events match" in response.content.decode()


def test_search_text_is_escaped_in_the_page(client, seed):
    html = client.get("/", {"q": '<script>alert("x")</script>'}).content.decode()
    assert '<script>alert("x")</script>' not in html


def test_search_works_as_an_htmx_swap(client, seed):
    response = client.get("/", {"q": "Kono"}, headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="timeline-region"')
    assert "kono-statement" in html


def test_filters_combine_across_and_widen_within(client, seed):
    both = slugs(client.get("/", {"actor": ["junichi-ihara", "china"]}))
    assert both == {"planned-security-dialogue-april-2015", "japan-china-security-dialogue"}
    narrowed = slugs(client.get("/", {"actor": ["junichi-ihara", "china"], "status": "planned"}))
    assert narrowed == {"planned-security-dialogue-april-2015"}
    by_kind = slugs(client.get("/", {"kind": "visit"}))
    assert by_kind == {"abe-war-shrine-visit"}


def test_a_date_range_keeps_events_that_overlap_it(client, seed):
    found = slugs(client.get("/", {"date_from": "2015-04-01", "date_to": "2015-04-30"}))
    assert "planned-security-dialogue-april-2015" in found
    assert "foreign-ministers-agree-in-seoul" not in found  # March 2015
    assert "japan-us-defence-guidelines-revision" in found


def test_a_reversed_date_range_is_ignored_with_a_message(client, seed):
    response = client.get("/", {"date_from": "2015-04-01", "date_to": "2014-01-01"})
    assert "before its start" in response.content.decode()
    assert response.context["state"].get("date_to") is None


def test_counts_per_filter_value_follow_the_other_filters(client, seed):
    response = client.get("/", {"status": "planned"})
    facets = {f["name"]: f for f in response.context["facets"]}
    actor_counts = {o["value"]: o["count"] for o in facets["actor"]["options"]}
    planned = Event.objects.published().filter(status="planned")
    assert actor_counts["junichi-ihara"] == 1
    assert actor_counts["japan"] == planned.filter(participations__actor__slug="japan").count()
    status_counts = {o["value"]: o["count"] for o in facets["status"]["options"]}
    # a facet's own filter does not narrow its counts: the other statuses still count
    assert status_counts["cancelled"] == 1


def test_the_topic_page_lists_its_events_on_the_timeline(client, seed):
    response = client.get("/topics/missile-defence/")
    assert response.status_code == 200
    assert slugs(response) == set(
        Event.objects.published()
        .filter(topics__slug="missile-defence")
        .values_list("slug", flat=True)
    )
    assert "Topic: Missile defence" in response.content.decode()
    assert client.get("/topics/nothing/").status_code == 404


def test_the_actor_pair_page_lists_events_involving_both(client, seed):
    response = client.get("/actors/japan/and/china/")
    assert slugs(response) == {"japan-china-security-dialogue"}
    assert "Japan and China" in response.content.decode()
    assert client.get("/actors/japan/and/japan/").status_code == 404
    assert client.get("/actors/japan/and/atlantis/").status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text index")
def test_postgres_search_can_use_its_gin_index(seed):
    """The query's expression is the index's expression, so the planner can use it."""
    from dialogue import search

    events = search.matching(Event.objects.all(), "THAAD")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = events.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "dialogue_event_search_idx" in plan, plan


def test_an_actor_page_links_to_its_pairs(client, seed):
    html = client.get("/actors/china/").content.decode()
    assert 'href="/actors/china/and/japan/"' in html


def test_an_event_is_listed_once_by_relevance_on_a_pair_page(client, db):
    """A pair's events are found by joins; an actor in two roles repeated the event."""
    from dialogue.models import EventActor
    from tests.factories import cite, make_actor, make_event, make_source

    first, second = make_actor(slug="aa"), make_actor(slug="bb")
    event = make_event(edtf="2014-05", title="Frank talks")
    cite(event, make_source(), "The talks were frank")
    for actor, role in ((first, "host"), (first, "participant"), (second, "participant")):
        EventActor.objects.create(event=event, actor=actor, role=role)
    response = client.get("/actors/aa/and/bb/", {"q": "frank", "sort": "relevance"})
    assert [e.slug for e in response.context["events"]] == [event.slug]
