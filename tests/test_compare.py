"""How each side reported it: outlets as records, the filter by their country, an event's
passages side by side with where they differ, the editors' note, and the comparison page."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from dialogue import comparing
from dialogue.models import Citation, Event, Outlet, Source
from tests.factories import cite, make_actor, make_event, make_outlet, make_source

pytestmark = pytest.mark.django_db

BOTH = "/events/last-security-dialogue/"  # cited by The Japan Times and The Korea Herald
ONE = "/events/kono-statement/"  # by The Korea Herald alone


def titles(response) -> list[str]:
    import re

    return re.findall(r'class="event-item__title">([^<]*)<', response.content.decode())


# Outlets as records ---------------------------------------------------------------------------


def test_the_seed_sources_name_their_outlets_and_agencies_as_records(seed):
    source = Source.objects.get(slug="japan-south-korea-to-resume-security-dialogue-this-month")
    assert (source.outlet.name, source.outlet.country) == ("The Japan Times", "JPN")
    assert (source.agency.name, source.agency.kind) == ("Kyodo News", Outlet.Kind.AGENCY)


def test_an_outlet_is_found_by_any_of_its_names_in_any_case(seed):
    kyodo = Outlet.objects.get(slug="kyodo-news")
    for name in ("Kyodo", "(KYODO)", "kyodo news"):
        assert Outlet.objects.named(name) == kyodo
    assert Outlet.objects.named("The Daily Nowhere") is None
    made = Outlet.objects.for_name("The Daily Nowhere", Outlet.Kind.NEWSPAPER)
    assert (made.name, made.country) == ("The Daily Nowhere", "")
    assert Outlet.objects.for_name(" the daily nowhere ", Outlet.Kind.NEWSPAPER) == made
    assert Outlet.objects.for_name("", Outlet.Kind.AGENCY) is None


def test_an_outlet_in_use_cannot_be_deleted(seed):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Outlet.objects.get(slug="the-japan-times").delete()


def test_the_exports_and_the_api_say_the_outlets_country_and_agency(client, seed):
    record = client.get(
        "/api/sources/korea-pushes-to-resume-stalled-security-consultations-with-japan/"
    ).json()
    assert (record["outlet"], record["outlet_country"], record["agency"]) == (
        "The Korea Herald", "KOR", "Yonhap News Agency"
    )  # fmt: skip
    events = client.get("/export/events.json").json()["events"]
    sources = [c["source"] for e in events for c in e["citations"]]
    assert {(s["outlet"], s["outlet_country"]) for s in sources} == {
        ("The Japan Times", "JPN"), ("The Korea Herald", "KOR")
    }  # fmt: skip


def test_the_admin_lists_and_edits_outlets(client, seed, staff):
    client.force_login(staff)
    page = client.get("/admin/dialogue/outlet/").content.decode()
    assert "The Japan Times" in page and "Kyodo News" in page
    outlet = Outlet.objects.get(slug="the-korea-herald")
    form = client.get(f"/admin/dialogue/outlet/{outlet.pk}/change/").content.decode()
    assert 'name="country"' in form and 'name="wikidata"' in form
    response = client.post(
        f"/admin/dialogue/outlet/{outlet.pk}/change/",
        {"name": outlet.name, "slug": outlet.slug, "kind": "newspaper", "country": "Korea",
         "language": "en", "aliases": "", "url": "", "wikidata": "17"},
    )  # fmt: skip
    assert response.status_code == 200  # the form again, with its errors: nothing saved
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"country", "wikidata"}
    assert Outlet.objects.get(pk=outlet.pk).country == "KOR"


# The filter by the outlets' country ------------------------------------------------------------


def test_the_timeline_filters_by_the_country_of_the_reporting_outlets(client, seed):
    japan = set(titles(client.get("/?reported_in=japan")))
    korea = set(titles(client.get("/?reported_in=south-korea")))
    both = {"Security dialogue last held before suspension", "Japan&#x27;s colonial rule of Korea"}
    assert japan & korea == both
    cited_in_japan = Event.objects.filter(citations__source__outlet__country="JPN").distinct()
    assert len(japan) == cited_in_japan.count()
    # Either country: every event the seed has passages for.
    assert len(titles(client.get("/?reported_in=japan&reported_in=south-korea"))) == len(
        japan | korea
    )
    # A country no outlet has is dropped, as any unknown filter value is.
    assert titles(client.get("/?reported_in=atlantis")) == titles(client.get("/"))


def test_the_filter_shows_each_country_with_its_count_in_the_pages_language(client, seed):
    page = client.get("/ja/").content.decode()
    assert 'name="reported_in" value="japan"' in page
    assert "日本" in page.split('name="reported_in" value="japan"')[1][:200]


def test_the_csv_export_follows_the_filter(client, seed):
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/export/events.csv?reported_in=japan").content.decode("utf-8-sig")
            )
        )
    )
    assert rows and all("The Japan Times" in row["sources"] for row in rows)


# Side by side ---------------------------------------------------------------------------------


def test_an_event_of_one_outlet_is_not_compared(seed):
    assert comparing.compare(Event.objects.get(slug="kono-statement")) is None


def test_the_seed_event_both_report_differs_in_the_precision_of_its_date(seed):
    comparison = comparing.compare(Event.objects.get(slug="last-security-dialogue"))
    assert [(s.country, s.name) for s in comparison.sides] == [
        ("JPN", "Japan"), ("KOR", "South Korea")
    ]  # fmt: skip
    kinds = {d.what: d.items for d in comparison.differences}
    assert kinds["precision"] == [
        ("The Japan Times", "December 2009"),
        ("The Korea Herald", "2009"),
    ]
    assert "status" not in kinds and "date" not in kinds


def _two_reports(first: dict, second: dict, actors=()):
    event = make_event(slug="compared")
    for actor in actors:
        event.participations.create(actor=actor)
    outlets = [make_outlet("Tokyo Post"), make_outlet("Seoul Post", country="KOR")]
    for outlet, said in zip(outlets, (first, second), strict=True):
        source = make_source(outlet=outlet, body=said.pop("text"))
        citation = cite(event, source, source.body)
        Citation.objects.filter(pk=citation.pk).update(**said)
    return comparing.compare(Event.objects.get(pk=event.pk))


def test_different_dates_and_statuses_are_told_apart_from_precision():
    comparison = _two_reports(
        {
            "text": "The talks were held in March.",
            "stated_edtf": "2013-03",
            "stated_status": "occurred",
        },
        {
            "text": "The talks will be held in May.",
            "stated_edtf": "2013-05",
            "stated_status": "planned",
        },
    )
    kinds = {d.what: d.items for d in comparison.differences}
    assert kinds["date"] == [("Tokyo Post", "March 2013"), ("Seoul Post", "May 2013")]
    assert kinds["status"] == [("Tokyo Post", "Occurred"), ("Seoul Post", "Planned")]
    assert "precision" not in kinds


def test_actors_named_by_only_one_report_are_said():
    abe, park = make_actor(name_en="Shinzo Abe"), make_actor(name_en="Park Geun-hye")
    comparison = _two_reports(
        {"text": "Shinzo Abe and Park Geun-hye met."},
        {"text": "Park Geun-hye met her counterpart."},
        actors=[abe, park],
    )
    assert [(d.what, d.items) for d in comparison.differences] == [
        ("actors", [("Tokyo Post", "Shinzo Abe")])
    ]


def test_a_passage_needing_review_is_left_out_of_the_comparison():
    comparison = _two_reports({"text": "Talks in March."}, {"text": "Talks in May."})
    assert comparison is not None
    event = Event.objects.get(slug="compared")
    Citation.objects.filter(event=event, source__outlet__name="Seoul Post").update(
        needs_review=True
    )
    assert comparing.compare(Event.objects.get(pk=event.pk)) is None


def test_a_stated_date_must_be_edtf(seed):
    citation = Citation.objects.filter(stated_edtf="").first()
    citation.stated_edtf = "around then"
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert "stated_edtf" in error.value.message_dict


def test_the_event_page_shows_the_sides_the_differences_and_the_editors_note(client, seed):
    page = client.get(BOTH).content.decode()
    evidence = page.split("Evidence", 1)[1].split("Cite this event", 1)[0]
    assert evidence.index("Reported in Japan") < evidence.index("Reported in South Korea")
    assert '<span lang="en">The Japan Times</span>, from Kyodo News' in evidence
    assert "The date, stated at different precision" in evidence
    assert "The Japan Times: December 2009" in evidence and "The Korea Herald: 2009" in evidence
    note = evidence.split("Editors’ note on framing", 1)[1]
    assert "sexual enslavement" in note and "not evidence" in note
    # Each passage is shown once, in its side.
    assert evidence.count("has not been held since December 2009") == 1


def test_an_event_of_one_outlet_shows_its_passages_stacked(client, seed):
    page = client.get(ONE).content.decode()
    assert "Reported in" not in page and "Where the reports differ" not in page
    assert "Kono statement" in page


def test_the_sides_are_translated(client, seed):
    page = client.get("/ja" + BOTH).content.decode()
    assert "日本" in page and "2009年12月" in page
    assert "韓国人女性に対する性奴隷化" in page
    listed = client.get("/ja/compare/").content.decode()
    assert "報道の違い：日付の詳しさ、名前の挙がる当事者" in listed


# The comparison page ------------------------------------------------------------------------


def test_the_comparison_page_lists_the_events_both_sides_report(client, seed):
    response = client.get("/compare/")
    assert response.status_code == 200
    assert sorted(titles(response)) == [
        "Japan&#x27;s colonial rule of Korea", "Security dialogue last held before suspension"
    ]  # fmt: skip
    assert titles(client.get("/compare/?q=dialogue")) == [
        "Security dialogue last held before suspension"
    ]
    assert titles(client.get("/compare/?year=2014")) == []  # filterable like the timeline
    page = client.get("/compare/").content.decode()
    said = "Reports differ on: the date’s precision; the actors named"
    assert page.count(said) == 1  # the dialogue's; the colonial rule's reports agree
    assert "Reports agree on the date, status and actors" in page
    assert client.get("/ko/compare/").status_code == 200


def test_an_international_agency_is_no_side(seed):
    event = Event.objects.get(slug="kono-statement")
    reuters = Outlet.objects.get(name="Reuters")
    source = make_source(outlet=reuters, body="Japan reviewed the Kono statement.")
    cite(event, source, "Japan reviewed the Kono statement.")
    from dialogue.selectors import reported_by_both

    assert not reported_by_both().filter(pk=event.pk).exists()
    comparison = comparing.compare(event)  # two outlets, though: side by side
    assert [s.name for s in comparison.sides] == ["South Korea", "International agencies"]


def test_the_api_filters_by_the_outlets_country_and_refuses_an_unknown_one(client, seed):
    japan = client.get("/api/events/?reported_in=japan").json()
    cited_in_japan = Event.objects.filter(citations__source__outlet__country="JPN").distinct()
    assert japan["count"] == cited_in_japan.count() < client.get("/api/events/").json()["count"]
    response = client.get("/api/events/?reported_in=atlantis")
    assert response.status_code == 400 and "reported_in" in response.json()["details"]
