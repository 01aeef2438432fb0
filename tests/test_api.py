"""The JSON API: every response checked against the OpenAPI document, pages, filters, errors;
in English, Japanese and Korean."""

import json
from datetime import date, datetime
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import URLPattern
from django.utils import translation
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from dialogue import api
from dialogue.models import Actor, Event, Source
from tests.factories import (
    PREFIXES,
    SITE_NAMES,
    cite,
    make_actor,
    make_event,
    make_source,
    queries_before_and_after,
    shape,
)

pytestmark = pytest.mark.django_db

DOC = json.loads(api.OPENAPI_FILE.read_text(encoding="utf-8"))
EVENT = "planned-security-dialogue-april-2015"
SOURCE = "japan-south-korea-to-resume-security-dialogue-this-month"
ACTOR = "junichi-ihara"
ENDPOINTS = [
    ("/api/", "Index"),
    ("/api/openapi.json", "OpenAPI"),
    ("/api/events/", "EventPage"),
    ("/api/events/?actor=japan&actor=china&status=occurred&year=2015", "EventPage"),
    ("/api/events/?q=THAAD&sort=relevance", "EventPage"),
    (f"/api/events/{EVENT}/", "Event"),
    ("/api/actors/", "ActorPage"),
    (f"/api/actors/{ACTOR}/", "ActorDetail"),
    ("/api/sources/", "SourcePage"),
    (f"/api/sources/{SOURCE}/", "SourceDetail"),
]

# jsonschema checks "uri" and "date-time" only with optional packages; these are enough here.
FORMATS = FormatChecker()


@FORMATS.checks("uri")
def _is_uri(value) -> bool:
    parts = urlsplit(value) if isinstance(value, str) else None
    return parts is None or bool(parts.scheme and parts.netloc)


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value) -> bool:
    return not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None


def validator(name: str) -> Draft202012Validator:
    schema = {"$ref": f"#/components/schemas/{name}", "components": DOC["components"]}
    return Draft202012Validator(schema, format_checker=FORMATS)


def assert_valid(data, name: str):
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(name).iter_errors(data)]
    assert not errors, errors


def get_json(client, url, status=200, **kw):
    """A GET as another site's script makes it (with an Origin): public data, any site reads it."""
    kw["headers"] = {"Origin": "https://example.org"} | kw.get("headers", {})
    response = client.get(url, **kw)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def walk(node):
    """Every dict in a JSON document."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


# The document ---------------------------------------------------------------------------------


def test_the_openapi_document_is_sane():
    registry = Registry().with_resource("", DRAFT202012.create_resource(DOC))
    resolver = registry.resolver()
    assert DOC["openapi"] == "3.1.0"
    for node in walk(DOC):
        if "$ref" in node:
            resolver.lookup(node["$ref"])  # raises if it points nowhere
    for schema in DOC["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    for path, item in DOC["paths"].items():
        ok = item["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert resolver.lookup(ok["$ref"]).contents, path
        params = [resolver.lookup(p["$ref"]).contents for p in item["get"].get("parameters", [])]
        in_path = {p["name"] for p in params if p["in"] == "path"}
        assert in_path == {part[1:-1] for part in path.split("/") if part.startswith("{")}, path


def test_the_document_describes_every_route_and_no_other():
    routes = {
        "/api/" + str(p.pattern).replace("<slug:slug>", "{slug}")
        for p in api.urlpatterns
        if isinstance(p, URLPattern)
    }
    assert set(DOC["paths"]) == routes


def test_the_document_is_served_as_it_is_stored(client):
    assert get_json(client, "/api/openapi.json") == DOC


def test_the_event_schemas_are_those_of_the_export():
    """The API's Event is the JSON export's, with $refs pointing into components."""
    export = json.loads((api.OPENAPI_FILE.parent / "events.schema.json").read_text())
    for name, schema in export["$defs"].items():
        stored = json.dumps(schema).replace("#/$defs/", "#/components/schemas/")
        assert DOC["components"]["schemas"][name] == json.loads(stored)


# Every endpoint against the document ----------------------------------------------------------


@pytest.mark.parametrize("code", PREFIXES)
@pytest.mark.parametrize(("url", "schema"), ENDPOINTS)
def test_every_endpoint_answers_as_documented(client, seed, url, schema, code):
    """In every language, with the same keys; and each response says its language, but the
    document itself and a source, whose `language` is its article's."""
    data = get_json(client, PREFIXES[code] + url)
    assert_valid(data, schema)
    if schema not in ("OpenAPI", "SourceDetail"):
        assert data["language"] == code
    assert set(shape(data)) == set(shape(get_json(client, url)))


def test_the_schemas_refuse_a_field_they_do_not_know(client, seed):
    """additionalProperties: false, so a record that grows a field fails until documented."""
    event = get_json(client, f"/api/events/{EVENT}/")
    assert list(validator("Event").iter_errors(event | {"extra": 1}))
    assert list(validator("Event").iter_errors({**event, "url": "/relative/"}))


def test_the_index_links_to_every_list(client, seed):
    index = get_json(client, "/api/")
    for key in ("openapi", "events", "actors", "sources"):
        assert client.get(index[key]).status_code == 200


def test_only_get_is_allowed(client, seed):
    assert client.post("/api/events/").status_code == 405


# Events ---------------------------------------------------------------------------------------


def test_the_list_has_every_published_event_in_date_order(client, seed):
    data = get_json(client, "/api/events/")
    assert data["count"] == Event.objects.published().count() == len(data["results"]) == 18
    assert data["next"] is None and data["previous"] is None
    dates = [(e["date"]["earliest"], e["date"]["latest"], e["id"]) for e in data["results"]]
    assert dates == sorted(dates)


def test_an_event_is_its_export_record(client, seed):
    event = get_json(client, f"/api/events/{EVENT}/")
    exported = get_json(client, "/export/events.json?date_from=2015-04-05&date_to=2015-04-05")
    assert event in exported["events"]


def test_pages_follow_one_another_and_cover_the_list_once(client, seed):
    """18 events by 5: pages of 5, 5, 5 and 3, each linking back to the one before."""
    everything = [e["id"] for e in get_json(client, "/api/events/?page_size=200")["results"]]
    url, seen, sizes = "/api/events/?page_size=5", [], []
    while url:
        data = get_json(client, url)
        if seen:
            assert get_json(client, data["previous"])["next"] == url
        seen += [e["id"] for e in data["results"]]
        sizes.append(len(data["results"]))
        url = data["next"]
    assert sizes == [5, 5, 5, 3]
    assert seen == everything and len(set(seen)) == len(seen)


def test_previous_leads_back(client, seed):
    second = get_json(client, "/api/events/?page_size=5&page=2")
    first = get_json(client, second["previous"])
    assert first["next"] == second["next"].replace("page=3", "page=2")
    assert first["previous"] is None
    assert first["results"] == get_json(client, "/api/events/?page_size=5")["results"]


def test_page_links_keep_the_filters(client, seed):
    data = get_json(client, "/api/events/?status=occurred&status=ongoing&page_size=2")
    assert data["next"].startswith("http://testserver/api/events/?")
    events, url = data["results"], data["next"]
    while url:
        data = get_json(client, url)
        events, url = events + data["results"], data["next"]
    assert len(events) == data["count"] == 13  # 10 occurred, 3 ongoing
    assert {e["status"] for e in events} == {"occurred", "ongoing"}


@pytest.mark.parametrize(
    ("url", "schema", "count"),
    [("/api/actors/?page_size=5", "ActorPage", 12), ("/api/sources/?page_size=1", "SourcePage", 2)],
)
def test_actors_and_sources_are_paginated_too(client, seed, url, schema, count):
    seen = []
    while url:
        data = get_json(client, url)
        assert_valid(data, schema)
        seen += [item["id"] for item in data["results"]]
        url = data["next"]
    assert len(seen) == len(set(seen)) == count


def test_an_actor_filter_keeps_only_that_actors_events(client, seed):
    data = get_json(client, f"/api/events/?actor={ACTOR}")
    assert data["count"] == Event.objects.filter(participations__actor__slug=ACTOR).count() > 0
    for event in data["results"]:
        assert ACTOR in {a["slug"] for a in event["actors"]}


def test_two_actors_widen_the_filter(client, seed):
    one = get_json(client, "/api/events/?actor=china")["count"]
    other = get_json(client, f"/api/events/?actor={ACTOR}")["count"]
    both = get_json(client, f"/api/events/?actor=china&actor={ACTOR}")["count"]
    assert max(one, other) <= both <= one + other


def test_a_status_filter(client, seed):
    data = get_json(client, "/api/events/?status=planned")
    assert data["count"] == Event.objects.filter(status="planned").count() == 4
    assert {e["status"] for e in data["results"]} == {"planned"}


def test_a_search_finds_the_thaad_event(client, seed):
    """The THAAD event, and the April 2015 dialogue, whose agenda and passages name THAAD."""
    slugs = {e["slug"] for e in get_json(client, "/api/events/?q=THAAD")["results"]}
    assert "us-considers-thaad-in-south-korea" in slugs
    assert slugs == set(
        Event.objects.filter(search_document__icontains="THAAD").values_list("slug", flat=True)
    )
    assert len(slugs) == 2


def test_a_date_range_keeps_the_events_that_overlap_it(client, seed):
    """April 2015 as a whole: the events that could have happened in it, spans included."""
    data = get_json(client, "/api/events/?date_from=2015-04-01&date_to=2015-04-30")
    expected = Event.objects.filter(date_upper__gte="2015-04-01", date_lower__lte="2015-04-30")
    assert {e["slug"] for e in data["results"]} == set(expected.values_list("slug", flat=True))
    for event in data["results"]:
        assert event["date"]["earliest"] <= "2015-04-30" and event["date"]["latest"] >= "2015-04-01"
    assert "planned-security-dialogue-april-2015" in {e["slug"] for e in data["results"]}


def test_a_year_keeps_the_events_that_overlap_it(client, seed):
    data = get_json(client, "/api/events/?year=2013")
    assert data["count"] > 0
    for event in data["results"]:
        assert event["date"]["earliest"] <= "2013-12-31" and event["date"]["latest"] >= "2013-01-01"
    assert "japanese-colonial-rule-of-korea" not in {e["slug"] for e in data["results"]}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("actor=nobody", "actor"),
        ("topic=nothing", "topic"),
        ("status=maybe", "status"),
        ("kind=party", "kind"),
        ("date_from=2015-13-01", "date_from"),
        ("date_from=2015-05-01&date_to=2015-04-01", "date_to"),
        ("year=10000", "year"),
        ("from=2015-01-01&to=2014-01-01", "to"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_a_bad_filter_is_a_400_saying_which(client, seed, query, field):
    data = get_json(client, f"/api/events/?{query}", status=400)
    assert_valid(data, "Error")
    assert list(data["details"]) == [field]
    assert data["details"][field] and all(isinstance(m, str) for m in data["details"][field])


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("page=abc", 400),
        ("page=0", 400),
        ("page=-1", 400),
        ("page=1.5", 400),
        ("page_size=0", 400),
        ("page_size=201", 400),
        ("page_size=many", 400),
        ("page=2", 404),
        ("page=99999999999999999999", 404),
    ],
)
@pytest.mark.parametrize("endpoint", ["/api/events/", "/api/actors/", "/api/sources/"])
def test_a_bad_page_is_a_json_error_not_a_crash(client, seed, endpoint, query, status):
    assert_valid(get_json(client, f"{endpoint}?{query}", status=status), "Error")


def test_the_largest_page_size_is_allowed(client, seed):
    assert get_json(client, "/api/events/?page_size=200")["count"] == 18


def test_an_empty_result_is_one_empty_page(client, seed):
    data = get_json(client, "/api/events/?q=zzzznothing")
    assert data == {"language": "en", "count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize("kind", ["events", "actors", "sources"])
def test_an_unknown_slug_is_a_json_404(client, seed, kind):
    data = get_json(client, f"/api/{kind}/no-such-thing/", status=404)
    assert data == {"language": "en", "error": "not found"}


def test_an_old_slug_redirects_permanently_to_the_new_one(client, seed):
    event = Event.objects.get(slug=EVENT)
    event.slug = "security-dialogue-april-2015"
    event.save()
    response = client.get(f"/api/events/{EVENT}/?x=1", headers={"Origin": "https://example.org"})
    assert response.status_code == 301
    assert response["Location"] == "/api/events/security-dialogue-april-2015/?x=1"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert get_json(client, response["Location"])["id"] == event.pk


# What anonymous readers don't see ------------------------------------------------------------


@pytest.fixture
def hidden(seed):
    """A draft and a proposal, each with an actor and a passage of a seed source."""
    source = Source.objects.get(slug=SOURCE)
    actor = Actor.objects.get(slug=ACTOR)
    events = [
        make_event(slug="draft-event", is_published=False),
        make_event(slug="proposed-event", is_published=False, review=Event.Review.PROPOSED),
    ]
    for event in events:
        event.participations.create(actor=actor)
        cite(event, source, source.body[:40])
    return events


def test_drafts_and_proposals_are_hidden_from_anonymous_readers(client, hidden):
    slugs = {e.slug for e in hidden}
    listed = get_json(client, "/api/events/?page_size=200")["results"]
    assert not slugs & {e["slug"] for e in listed}
    for slug in slugs:
        assert get_json(client, f"/api/events/{slug}/", status=404)["error"] == "not found"
    actor = get_json(client, f"/api/actors/{ACTOR}/")
    assert not slugs & {e["slug"] for e in actor["events"]}
    source = get_json(client, f"/api/sources/{SOURCE}/")
    assert not slugs & {c["event"]["slug"] for c in source["citations"]}


def test_an_editor_sees_a_draft(client, staff, hidden):
    client.force_login(staff)
    assert get_json(client, "/api/events/draft-event/")["slug"] == "draft-event"


def test_an_unconfirmed_actor_is_not_listed(client, seed):
    make_actor(slug="proposed-actor", is_confirmed=False)
    listed = get_json(client, "/api/actors/?page_size=200")["results"]
    assert "proposed-actor" not in {a["slug"] for a in listed}
    get_json(client, "/api/actors/proposed-actor/", status=404)


# Actors and sources ---------------------------------------------------------------------------


def test_an_actor_lists_each_of_its_events_once_earliest_first(client, seed):
    """Japan hosts one event and takes part in it as well: the event is listed once."""
    japan = Actor.objects.get(slug="japan")
    events = Event.objects.filter(actors=japan).distinct()
    event = next(e for e in events if not e.participations.filter(actor=japan, role="host"))
    event.participations.create(actor=japan, role="host")
    data = get_json(client, "/api/actors/japan/")
    ids = [e["id"] for e in data["events"]]
    assert len(ids) == len(set(ids)) == Event.objects.filter(actors=japan).distinct().count()
    order = Event.objects.filter(pk__in=ids).chronological().values_list("pk", flat=True)
    assert ids == list(order)


def test_an_actor_record(client, seed):
    data = get_json(client, f"/api/actors/{ACTOR}/")
    actor = Actor.objects.get(slug=ACTOR)
    assert data["name_en"] == actor.name_en
    assert data["aliases"] == actor.alias_list
    assert data["url"] == f"http://testserver/actors/{ACTOR}/"


def test_a_sources_citations_point_into_its_body(client, seed):
    data = get_json(client, f"/api/sources/{SOURCE}/")
    assert data["citations"]
    for citation in data["citations"]:
        assert data["body"][citation["start"] : citation["end"]] == citation["quote"]
    assert data["page"] == f"http://testserver/sources/{SOURCE}/"
    assert data["url"].startswith("https://www.japantimes.co.jp/")


def test_the_source_list_leaves_out_the_text(client, seed):
    results = get_json(client, "/api/sources/")["results"]
    assert [s["published_on"] for s in results] == sorted(
        (s["published_on"] for s in results), reverse=True
    )
    assert all("body" not in s for s in results)
    assert date.fromisoformat(results[0]["published_on"]) == date(2015, 4, 5)


# Queries --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/events/",
        "/api/events/?page_size=200&actor=japan&q=security",
        "/api/actors/",
        "/api/sources/",
        "/api/actors/japan/",
        f"/api/sources/{SOURCE}/",
    ],
)
def test_query_count_does_not_grow_with_the_number_of_rows(client, seed, url):
    """Ten events (and an actor and a source) more or forty: the same number of queries."""
    few, many = queries_before_and_after(client, url, first=10, more=30)
    assert many == few <= 8


# Languages ------------------------------------------------------------------------------------


def test_the_document_names_a_server_per_language(client, seed):
    """English at the root, the others under their prefix; each serves the same paths."""
    servers = [s["url"] for s in DOC["servers"]]
    assert servers == ["/", "/ja", "/ko"]
    assert DOC["components"]["schemas"]["Language"]["enum"] == [c for c, _ in settings.LANGUAGES]
    for server, (code, _) in zip(servers, settings.LANGUAGES, strict=True):
        assert get_json(client, server.rstrip("/") + "/api/")["language"] == code
        assert get_json(client, server.rstrip("/") + "/api/openapi.json") == DOC


@pytest.mark.parametrize(("code", "name"), SITE_NAMES.items(), ids=SITE_NAMES)
def test_the_index_names_the_site_in_its_language(client, seed, code, name):
    index = get_json(client, f"{PREFIXES[code]}/api/")
    assert index["title"] == name
    assert index["events"] == f"http://testserver{PREFIXES[code]}/api/events/"


@pytest.fixture
def translated(seed):
    """An event whose title alone is in Japanese, with an actor whose office and description
    are in Japanese and name in English only."""
    # Written in English whatever language an earlier test's request left active: `title=`
    # sets the active language's column.
    with translation.override("en"):
        actor = make_actor(
            slug="testland",
            name_en="Testland",
            office="Foreign minister",
            office_ja="外務大臣",
            description="A state.",
            description_ja="国。",
        )
        event = make_event(
            slug="translated", title="Talks resume", title_ja="協議再開", summary="They met."
        )
        event.participations.create(actor=actor)
        cite(event, make_source(), "agreed on Monday to meet again")
    return event


def test_an_event_in_japanese_gives_its_translation_and_flags_the_english(client, translated):
    event = get_json(client, "/ja/api/events/translated/")
    assert_valid(event, "Event")
    assert (event["language"], event["title"], event["summary"]) == ("ja", "協議再開", "They met.")
    assert event["untranslated"] == ["summary"]
    assert [(a["name"], a["untranslated"]) for a in event["actors"]] == [("Testland", ["name"])]
    assert event["url"] == "http://testserver/ja/events/translated/"
    listed = get_json(client, "/ja/api/events/?page_size=200")
    assert event in listed["results"]
    exported = get_json(client, "/ja/export/events.json")
    assert event in exported["events"]  # one record, written once


def test_an_event_without_a_translation_is_the_english_flagged(client, translated):
    event = get_json(client, "/ko/api/events/translated/")
    assert (event["language"], event["title"]) == ("ko", "Talks resume")
    assert event["untranslated"] == ["title", "summary"]


def test_an_english_event_flags_nothing(client, translated):
    event = get_json(client, "/api/events/translated/")
    assert (event["language"], event["title"], event["untranslated"]) == ("en", "Talks resume", [])
    assert [a["untranslated"] for a in event["actors"]] == [[]]


def test_an_actor_and_its_events_in_each_language(client, translated):
    japanese = get_json(client, "/ja/api/actors/testland/")
    assert_valid(japanese, "ActorDetail")
    assert (japanese["office"], japanese["description"]) == ("外務大臣", "国。")
    assert japanese["untranslated"] == []
    assert [(e["title"], e["untranslated"]) for e in japanese["events"]] == [("協議再開", [])]
    korean = get_json(client, "/ko/api/actors/testland/")
    assert (korean["language"], korean["office"]) == ("ko", "Foreign minister")
    assert korean["untranslated"] == ["office", "description"]
    assert [(e["title"], e["untranslated"]) for e in korean["events"]] == [
        ("Talks resume", ["title"])
    ]
    listed = get_json(client, "/ko/api/actors/?page_size=200")["results"]
    (record,) = [a for a in listed if a["slug"] == "testland"]
    assert record["untranslated"] == ["office", "description"]


@pytest.mark.parametrize(
    ("url", "status", "messages"),
    [
        (
            "/api/events/nothing/",
            404,
            {"en": "not found", "ja": "見つかりません", "ko": "찾을 수 없습니다"},
        ),
        (
            "/api/events/?status=maybe",
            400,
            {
                "en": "invalid filter",
                "ja": "絞り込みの条件が正しくありません",
                "ko": "필터 조건이 올바르지 않습니다",
            },
        ),
        (
            "/api/actors/?page=0",
            400,
            {
                "en": "invalid page",
                "ja": "ページの指定が正しくありません",
                "ko": "페이지 지정이 올바르지 않습니다",
            },
        ),
        (
            "/api/sources/?page=99",
            404,
            {"en": "no such page", "ja": "そのページはありません", "ko": "그런 페이지가 없습니다"},
        ),
    ],
    ids=["not-found", "filter", "page", "no-page"],
)
def test_errors_are_told_in_the_language_with_the_same_keys(client, seed, url, status, messages):
    english = get_json(client, url, status=status)
    for code, message in messages.items():
        data = get_json(client, PREFIXES[code] + url, status=status)
        assert_valid(data, "Error")
        assert (data["language"], data["error"]) == (code, message)
        assert set(shape(data)) == set(shape(english))


def test_an_old_slug_redirects_within_the_language(client, seed):
    event = Event.objects.get(slug=EVENT)
    event.slug = "security-dialogue-april-2015"
    event.save()
    response = client.get(f"/ja/api/events/{EVENT}/")
    assert response.status_code == 301
    assert response["Location"] == "/ja/api/events/security-dialogue-april-2015/"
