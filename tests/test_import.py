"""Importing articles: reading, parsing, proposing, reviewing, and refusing bad input."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, example, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from dialogue import importing, timex
from dialogue.articles import decode
from dialogue.importing import ArticleError, import_article, parse, sentences
from dialogue.management.commands.benchmark_import import run_set
from dialogue.models import Actor, Event, Outlet, Source
from dialogue.recognition import ActorIndex
from tests.factories import make_actor, make_event

# Reading an article asks the database which outlets and agencies are known (Outlet).
pytestmark = pytest.mark.django_db

ARTICLES = Path(settings.BASE_DIR) / "fixtures" / "articles"
JT = ARTICLES / "000_0b2877565b4080f9.txt"
KH = ARTICLES / "001_0409b44bd71a5a99.txt"

# An article nobody curated, in the same shape as the seeds: one line per paragraph.
UNSEEN = "\n\n".join(
    [
        "Diplomacy",
        "Seoul and Tokyo hold first summit in three years",
        "By Jane Reporter",
        "Published : Nov. 2, 2015 - 18:20",
        "South Korean President Park Geun-hye and Japanese Prime Minister Shinzo Abe held their "
        "first summit in three years on Monday in Seoul, officials said.",
        "The two leaders agreed to speed up talks on the issue of women forced into wartime "
        "sexual slavery.",
        "Foreign Minister Yun Byung-se will visit Tokyo next month to follow up on the agreement, "
        "the ministry said Monday.",
        "Japan's Defense Minister Gen Nakatani is considering a visit to Seoul.",
    ]
)


def test_sentences_keep_exact_offsets_and_abbreviations():
    body = "Officials met Sept. 9 with U.S. envoys. Talks went on. Mr. Lee said so."
    spans = [body[a:b] for a, b in sentences(body)]
    assert spans == [
        "Officials met Sept. 9 with U.S. envoys.",
        "Talks went on.",
        "Mr. Lee said so.",
    ]


def test_sentences_of_the_seeds_cover_their_bodies():
    for path in (JT, KH):
        body = parse(path.read_text(), outlet="x", published=date(2015, 1, 1)).body
        spans = sentences(body)
        assert len(spans) >= 11
        assert all(body[a:b] == body[a:b].strip() and body[a:b] for a, b in spans)


def test_the_korea_herald_header_is_read_and_its_furniture_dropped():
    article = parse(KH.read_text(encoding="utf-8"))
    assert article.outlet == "The Korea Herald"
    assert article.title == "Korea pushes to resume stalled security consultations with Japan"
    assert article.byline == "신현희"
    assert (article.published_on, article.published_time) == (date(2014, 9, 9), "11:11")
    assert article.agency == "Yonhap"
    assert "지나쌤" in article.furniture and "• Link copied" in article.furniture
    assert "Link copied" not in article.body and "지나쌤" not in article.body


def test_the_japan_times_section_is_read_and_a_missing_date_is_asked_for():
    text = JT.read_text(encoding="utf-8")
    with pytest.raises(ArticleError, match="publication date"):
        parse(text)
    article = parse(text, outlet="The Japan Times", published=date(2015, 4, 5))
    assert article.section == "World / Politics"
    assert article.title == "Japan, South Korea to resume security dialogue this month"


def test_parsed_bodies_equal_the_curated_seed_bodies(seed):
    for source in Source.objects.all():
        assert parse(source.raw_text, outlet="x", published=date(2015, 1, 1)).body == source.body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Séoul et Tokyo".encode("latin-1"), "not UTF-8"),
        (b"word " * 1_000_000, "MB"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(data, message):
    with pytest.raises(ArticleError, match=message):
        decode(data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00\x01\x02binary",
        "caf\u00e9".encode("latin-1") * 20,
        b"x" * 3_000_000,
        b"Title only\n\nNo paragraphs here\n\nJust short lines\n",
    ],
)
def test_bad_input_changes_nothing(data):
    with pytest.raises(ArticleError):
        import_article(data, outlet="Outlet", published=date(2015, 1, 1))
    assert not Source.objects.exists() and not Event.objects.exists()


def test_a_field_the_source_refuses_is_an_article_error(actors):
    """A bad --url is reported as the importer reports bad input, not as a traceback."""
    with pytest.raises(ArticleError, match="url: Enter a valid URL"):
        import_article(KH.read_bytes(), url="not a url")
    assert not Source.objects.exists()


def test_importing_a_seed_proposes_cited_dated_draft_events(actors):
    result = import_article(KH.read_bytes(), name=KH.name)
    assert result.created
    events = {e.edtf: e for e in result.events}
    assert {"1997", "2013", "2014-09-09/2014-12-31", "2014-09-09/2015-03"} <= set(events)
    # "South Korea is pushing to resume … later this year …, a government source said
    # Tuesday": the effort, of the day the source said it, and the plan; the report itself is
    # no event of its own when its sentence dates what it reports
    assert events["2014-09-09"].title.startswith("South Korea pushes to resume")
    assert all(c.stated_edtf for e in result.events for c in e.citations.all())
    assert all(not e.is_published and e.review == Event.Review.PROPOSED for e in result.events)
    for event in result.events:
        for c in event.citations.all():
            assert c.source.body[c.start : c.end] == c.exact
    assert events["2014-09-09/2015-03"].status == Event.Status.PLANNED
    # Each passage keeps what it says of the date and status, for comparing reports.
    (passage,) = events["1997"].citations.all()
    assert (passage.stated_edtf, passage.stated_status) == ("1997", events["1997"].status)
    cancelled = [e for e in result.events if e.status == Event.Status.CANCELLED]
    assert [e.edtf for e in cancelled] == ["2013"]
    abe = next(e for e in result.events if "shrine" in e.title)
    assert {"shinzo-abe", "japan", "south-korea"} <= {a.slug for a in abe.actors.all()}
    assert "last year" in abe.date_derivation
    # Stored in each language (the shrine visit is dated by another clause of its sentence);
    # reading the field gives the page's.
    assert (abe.date_derivation_en, abe.date_derivation_ja, abe.date_derivation_ko) == (
        "“last year”, in an article of 9 September 2014, in the same sentence",
        "2014年9月9日付の記事の同じ文にある「last year」",
        "2014년 9월 9일 자 기사의 같은 문장에 있는 “last year”",
    )
    with translation.override("ko"):
        assert abe.date_derivation == abe.date_derivation_ko


def test_importing_the_same_article_twice_adds_nothing(actors):
    """The second import finds the text by its fingerprint, an indexed column, in one query
    (savepoints aside), rather than comparing whole texts."""
    first = import_article(KH.read_bytes())
    counts = Source.objects.count(), Event.objects.count()
    with CaptureQueriesContext(connection) as queries:
        again = import_article(KH.read_bytes())
    assert not again.created and again.source == first.source
    assert (Source.objects.count(), Event.objects.count()) == counts == (1, len(first.events))
    reads = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"].upper()]
    assert len(reads) == 1
    where = reads[0].split(" WHERE ")[1]
    assert "text_sha256" in where and "raw_text" not in where


def test_an_import_that_loses_the_race_returns_the_winners_source(actors, monkeypatch):
    """Two imports of one text at once: both look, find nothing, and insert. The loser's insert
    breaks the unique fingerprint; it answers "already imported" with the winner's source and
    adds nothing. On PostgreSQL this needs the savepoint: after an error the transaction refuses
    every query, the second lookup included."""
    raw = KH.read_text(encoding="utf-8")
    lookup, winner = importing._imported, []

    def lookup_while_another_import_wins(fingerprint):
        if not winner:
            winner.append(
                Source.objects.create(
                    slug="winner", title="W", published_on=date(2014, 9, 9),
                    outlet=Outlet.objects.for_name("O", Outlet.Kind.NEWSPAPER),
                    body="B", raw_text=raw,
                )
            )  # fmt: skip
            return None
        return lookup(fingerprint)

    monkeypatch.setattr(importing, "_imported", lookup_while_another_import_wins)
    result = import_article(KH.read_bytes())
    assert not result.created and result.source == winner[0]
    assert (result.events, result.new_actors) == ([], [])
    assert Source.objects.count() == 1 and not Event.objects.exists()


def test_an_imported_article_stays_private_until_reviewed(actors):
    """Importing publishes nothing: neither the proposals nor the article's text."""
    result = import_article(KH.read_bytes())
    assert not Source.objects.get(pk=result.source.pk).is_published
    assert not Source.objects.filter(is_published=True).exists()


def test_proposals_are_found_by_their_actors(actors):
    """Each proposal's search text holds its actors' names in every script, and its weight is
    two per citation plus one per actor, as services.refresh_search makes it."""
    result = import_article(KH.read_bytes())
    with_actors = 0
    for event in Event.objects.filter(pk__in=[e.pk for e in result.events]):
        people = list(event.actors.all())
        with_actors += bool(people)
        for actor in people:
            for name in (actor.name_en, actor.name_ja, actor.name_ko, *actor.alias_list):
                assert name in event.search_document, (event.title, name)
        assert event.weight == event.citations.count() * 2 + len(people)
    assert with_actors >= len(result.events) // 2


def test_an_unseen_article_is_dated_and_its_new_people_proposed(actors):
    result = import_article(UNSEEN.encode(), name="unseen.txt", outlet="The Example Times")
    source = result.source
    assert (source.published_on, source.byline, source.section) == (
        date(2015, 11, 2),
        "Jane Reporter",
        "Diplomacy",
    )
    new = {a.name_en: a for a in result.new_actors}
    assert {"Park Geun-hye", "Yun Byung-se", "Gen Nakatani"} <= set(new)
    assert not any(a.is_confirmed for a in new.values())
    by_date = {e.edtf: e for e in result.events}
    assert by_date["2015-11-02"].status == Event.Status.OCCURRED  # "on Monday"
    assert by_date["2015-12"].status == Event.Status.PLANNED  # "will visit … next month"
    assert {"yun-byung-se"} <= {a.slug for a in by_date["2015-12"].actors.all()}
    assert by_date["2015-11"].status == Event.Status.ONGOING  # "is considering"
    assert {e.date_derivation_ja for e in by_date.values()} >= {
        "2015年11月2日付の記事で進行中（現在形）",  # "is considering", in the present tense
        "2015年11月2日付の記事の「next month」",
    }
    assert Actor.objects.filter(is_confirmed=True, slug="park-geun-hye").count() == 0
    assert "Park Geun-hye" not in Actor.objects.filter(is_confirmed=True).values_list(
        "name_en", flat=True
    )


def test_the_command_imports_and_reports_errors(actors, tmp_path, capsys):
    call_command("import_article", str(KH))
    assert Source.objects.count() == 1
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="1 of 1"):
        call_command("import_article", str(empty))
    assert "The file is empty." in capsys.readouterr().err
    call_command(
        "import_article", str(JT), "--published", "2015-04-05", "--outlet", "JT", "--dry-run"
    )
    assert Source.objects.count() == 1


def test_accepting_in_the_admin_publishes_it_on_the_timeline(actors, client, staff):
    client.force_login(staff)
    upload = SimpleUploadedFile("kh.txt", KH.read_bytes(), content_type="text/plain")
    response = client.post("/admin/dialogue/source/import/", {"files": upload})
    source = Source.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/dialogue/source/{source.pk}/review/"
    page = client.get(response["Location"]).content.decode()
    assert page.count('value="accept"') == Event.objects.filter(review="proposed").count()
    assert "<mark>" in page
    proposal = Event.objects.get(edtf="1997")
    client.post(response["Location"], {"event": proposal.pk, "action": "accept"})
    proposal.refresh_from_db()
    assert proposal.is_published and proposal.review == Event.Review.CONFIRMED
    assert proposal.title in client.get("/").content.decode()
    rejected = Event.objects.get(edtf="2014-09-09/2015-03")
    client.post(response["Location"], {"event": rejected.pk, "action": "reject"})
    rejected.refresh_from_db()
    assert rejected.review == Event.Review.REJECTED and not rejected.is_published
    assert client.post(response["Location"], {"event": "x", "action": "accept"}).status_code == 400


def test_the_upload_form_asks_for_what_the_text_lacks(actors, client, staff):
    client.force_login(staff)
    upload = SimpleUploadedFile("jt.txt", JT.read_bytes(), content_type="text/plain")
    response = client.post("/admin/dialogue/source/import/", {"files": upload})
    assert response.status_code == 200
    assert "please give the publication date" in response.content.decode()
    assert not Source.objects.exists()
    bad = SimpleUploadedFile("x.bin", b"\x00\x01", content_type="application/octet-stream")
    response = client.post("/admin/dialogue/source/import/", {"files": bad})
    assert "binary file" in response.content.decode()


def test_proposals_stay_off_the_public_timeline(actors, client):
    import_article(KH.read_bytes())
    assert client.get("/").context["total"] == 0
    assert client.get(Event.objects.first().get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_the_tuning_set_meets_the_targets_it_has_reached():
    """The evaluation (make benchmark-import prints all of it): on the articles the rules were
    developed against, the measures at their targets stay there."""
    tally = run_set("tuning")
    for key in ("header", "timex", "events", "new", "merged", "existing"):
        assert tally.value(key) >= 0.9, key
    assert tally.value("untimed") == 0
    assert tally.value("known") >= 0.9 and tally.value("dates") >= 0.8


def test_the_seed_articles_imported_again_add_nothing(seed):
    """load_seed loads the sources raw; their texts are fingerprinted all the same."""
    for article in sorted((settings.BASE_DIR / "fixtures" / "articles").glob("*.txt")):
        assert not import_article(article.read_bytes(), name=article.name).created
    assert Source.objects.count() == 2


def test_a_proposal_dated_beyond_what_the_site_can_place_is_left_out(actors, monkeypatch):
    """The date reader can propose a value the model refuses (a span that ends before it
    begins): that proposal is dropped, the rest of the import goes on."""
    real = importing.propose

    def with_a_reversed_span(body, published, index, **options):
        proposals = real(body, published, index, **options)
        proposals[0].edtf = "2015/2014"
        return proposals

    monkeypatch.setattr(importing, "propose", with_a_reversed_span)
    result = import_article(KH.read_bytes(), name=KH.name)
    assert result.created and result.events
    assert "2015/2014" not in {e.edtf for e in result.events}


PARAGRAPH = (
    "Japan and South Korea agreed on Tuesday to resume their security dialogue, suspended "
    "since 2009, officials said."
)


@pytest.mark.parametrize(
    ("header", "published", "time"),
    [
        (["Posted : 2013-07-02 17:02"], date(2013, 7, 2), "17:02"),
        (["Updated : Nov. 3, 2013"], date(2013, 11, 3), ""),
        (["Mar 4, 2013"], date(2013, 3, 4), ""),
        (["2013.07.02 09:15"], date(2013, 7, 2), "09:15"),
        (["Posted : 2013-07-02 17:02", "Updated : 2013-07-03 08:00"], date(2013, 7, 2), "17:02"),
        (["Published on Tuesday, July 2, 2013"], date(2013, 7, 2), ""),
        (
            ["Posted on : Aug.1,2012 15:32 KST   Modified on : Aug.1,2012 15:32 KST"],
            date(2012, 8, 1),
            "15:32",
        ),
        (["World News | Wed Dec 30, 2015 | 5:12am EST"], date(2015, 12, 30), "5:12am"),
    ],
)
def test_the_header_date_in_the_shapes_news_pages_give_it(header, published, time):
    raw = "\n\n".join(["The Korea Herald", "Seoul and Tokyo to resume talks", *header, PARAGRAPH])
    article = parse(raw)
    assert (article.published_on, article.published_time) == (published, time)
    assert article.title == "Seoul and Tokyo to resume talks"


def test_a_dateline_is_metadata_giving_agency_country_and_day():
    raw = "\n\n".join(
        ["Seoul, Tokyo to resume talks", "TOKYO, Aug. 15 (Yonhap) -- " + PARAGRAPH,
         "(END)", "© 2013 Yonhap News Agency. All rights reserved."]
    )  # fmt: skip
    article = parse(raw)
    assert article.published_on == date(2013, 8, 15)
    assert (article.agency, article.country, article.outlet) == (
        "Yonhap", "JPN", "Yonhap News Agency"
    )  # fmt: skip
    assert article.dateline == "TOKYO, Aug. 15 (Yonhap) -- "
    assert "(END)" not in article.body and "©" not in article.body


@pytest.mark.parametrize(
    ("opening", "country"),
    [("SINGAPORE—", ""), ("SEOUL, South Korea (AP) — ", "KOR"), ("SEOUL/TOKYO -- ", "KOR"),
     ("SEOUL, Oct. 9 Kyodo - ", "KOR"),  # Kyodo's own site credits itself without brackets
     ("BUSAN, South Korea, Oct 13, 2010 (AFP) - ", "KOR")],  # AFP: the region, then the date
)  # fmt: skip
def test_datelines_in_other_shapes(opening, country):
    article = parse("\n\n".join(["Talks resume in Seoul", opening + PARAGRAPH]), outlet="x",
                    published=date(2013, 7, 2))  # fmt: skip
    assert (article.dateline, article.country) == (opening, country)


def test_an_agency_credit_opening_the_body_is_a_dateline_and_names_the_outlet():
    """Reuters' page: its name atop, a section, the headline, the cities and date on a line of
    their own, and "(Reuters) - " opening the body: the outlet is Reuters, the credit no part
    of the story."""
    raw = "\n\n".join(
        ["Reuters", "Business News", "Japan, South Korea to let currency swap lapse",
         "By Tetsushi Nakamura", "TOKYO/SEOUL | Tue Oct 9, 2012 6:15am EDT",
         "(Reuters) - " + PARAGRAPH]
    )  # fmt: skip
    article = parse(raw)
    assert (article.outlet, article.published_on) == ("Reuters", date(2012, 10, 9))
    assert article.dateline == "(Reuters) - " and article.body.startswith("(Reuters) - ")
    # not a sentence that opens with something in brackets
    raw = "\n\n".join(["Talks resume in Seoul", "(Seoul talks) - " + PARAGRAPH])
    assert parse(raw, outlet="x", published=date(2013, 7, 2)).dateline == ""


def test_a_dateline_of_two_cities_is_the_outlets_country_where_it_is_one_of_them():
    raw = "\n\n".join(["Talks resume in Seoul", "SEOUL/TOKYO -- " + PARAGRAPH])
    assert parse(raw, outlet="The Japan Times", published=date(2013, 7, 2)).country == "JPN"
    assert parse(raw, outlet="Yonhap", published=date(2013, 7, 2)).country == "KOR"


def test_a_date_in_the_pages_footer_and_a_deck_under_the_headline():
    raw = "\n\n".join(
        ["AP NEWS", "Leaders revive 3-way summit", "Talks were the first in three years and "
         "covered trade", PARAGRAPH, "Published 6:12 AM EST, Sunday November 1, 2015"]
    )  # fmt: skip
    article = parse(raw, outlet="Associated Press")
    assert article.published_on == date(2015, 11, 1)
    assert article.title == "Leaders revive 3-way summit"
    assert "Published" not in article.body


def test_a_short_last_sentence_is_the_storys_and_a_credit_or_an_address_is_not():
    raw = "\n\n".join(
        ["KYODO NEWS", "Okada, Yu agree to resume security talks", "Feb. 11, 2010", PARAGRAPH,
         "Okada will return to Tokyo on Friday.", "Reporting by Ju-min Park; Editing by Ed Davies.",
         "minhee@hani.co.kr", "Copyright 2010 Kyodo News. All rights reserved."]
    )  # fmt: skip
    article = parse(raw)
    assert article.body == PARAGRAPH + "\n\nOkada will return to Tokyo on Friday."
    raw = raw.replace("Reporting by Ju-min Park; Editing by Ed Davies.", "Additional reporting by "
                      "Ju-min Park and Kiyoshi Takenaka in Tokyo.")  # fmt: skip
    assert parse(raw).body == PARAGRAPH + "\n\nOkada will return to Tokyo on Friday."


def test_a_headline_ending_with_a_quotation_is_not_a_paragraph_and_a_credit_ends_one():
    raw = "\n\n".join(
        ["NHK WORLD", 'Park says Abe statement on the war "left much to be desired"',
         "Aug. 15, 2015 - Updated 10:36 UTC", PARAGRAPH, PARAGRAPH + " (Yonhap)"]
    )  # fmt: skip
    article = parse(raw)
    assert article.title.startswith("Park says Abe statement")
    assert (article.published_on, article.published_time) == (date(2015, 8, 15), "10:36")
    assert article.body == PARAGRAPH + "\n\n" + PARAGRAPH + " (Yonhap)"


def test_a_dateline_on_a_line_of_its_own_dates_the_agencys_story_on_its_site():
    """ "Kyodo News", the headline, then "TOKYO, July 10 Kyodo" on its own line: Kyodo's story,
    of the year whose July 10 is the Saturday the lede tells of, filed from Tokyo; the body
    opens with the lede. A bare "NHK WORLD" line is the outlet, not a dateline."""
    raw = "\n\n".join(
        ["Kyodo News", "Japan welcomes U.N. statement on Cheonan sinking",
         "TOKYO, July 10 Kyodo", "Japan on Saturday welcomed a U.N. Security Council statement "
         "condemning the sinking of a South Korean warship in March 2010."]
    )  # fmt: skip
    article = parse(raw)
    assert (article.outlet, article.published_on, article.country) == (
        "Kyodo News", date(2010, 7, 10), "JPN"
    )  # fmt: skip
    assert article.title == "Japan welcomes U.N. statement on Cheonan sinking"
    assert (article.dateline, article.body[:8]) == ("", "Japan on")
    raw = "\n\n".join(["NHK WORLD", "North Korea fires 2 missiles", "Mar. 26, 2014", PARAGRAPH])
    assert (parse(raw).outlet, parse(raw).title) == ("NHK World", "North Korea fires 2 missiles")
    # a line with the year too is the date line it looks like
    raw = "\n\n".join(["The Korea Herald", "Seoul, Tokyo hold talks", "SEOUL, Dec. 30, 2015",
                        PARAGRAPH])  # fmt: skip
    assert parse(raw).published_on == date(2015, 12, 30)
    # no year anywhere, or none that agrees: the one year of the timeline's window whose
    # July 10 is a Saturday; asked for where two are (7 December was a Monday in 2009 and
    # 2015), not a crash
    raw = "\n\n".join(["Kyodo News", "Talks resume", "TOKYO, July 10 Kyodo",
                        "Japan on Saturday welcomed the statement of the council."])  # fmt: skip
    assert parse(raw).published_on == date(2010, 7, 10)
    # "since 2007", "the 1994 accord": neither agrees, nor 2004, which the story doesn't name
    raw = raw.replace("the council", "the council, the first since 2007 on the 1994 accord")
    assert parse(raw).published_on == date(2010, 7, 10)
    raw = "\n\n".join(["Kyodo News", "Talks resume", "TOKYO, Dec. 7 Kyodo",
                        "Japan on Monday welcomed the statement of 1950."])  # fmt: skip
    with pytest.raises(ArticleError) as asked:
        parse(raw)
    assert asked.value.missing == ["published"]


def test_a_section_joined_by_an_ampersand_is_not_the_headline_and_arirang_is_known():
    raw = "\n\n".join(
        ["Arirang News", "Politics & Economy", "Japan's new security secretariat opens",
         "January 7, 2014 7:00 pm JST", PARAGRAPH]
    )  # fmt: skip
    article = parse(raw)
    assert (article.outlet, article.section) == ("Arirang", "Politics & Economy")
    raw = "\n\n".join(["Arirang News", "Abe & Park agree on talks", "January 7, 2014", PARAGRAPH])
    assert parse(raw).title == "Abe & Park agree on talks"
    assert (article.title, article.published_on) == (
        "Japan's new security secretariat opens", date(2014, 1, 7)
    )  # fmt: skip


def test_an_agencys_page_under_its_name_dates_the_story_in_the_byline():
    """ "Bloomberg" atop the page, "By A and B - Mar 15, 2011 5:02 PM GMT+0900": the agency's
    own story, of that day and time, by those two; a credit line alone names no outlet."""
    raw = "\n\n".join(
        ["Bloomberg", "South Korea Sends Rescuers to Japan",
         "By Ji-hye Moon and Kenji Sato - Mar 15, 2011 5:02 PM GMT+0900", PARAGRAPH]
    )  # fmt: skip
    article = parse(raw)
    assert (article.outlet, article.agency) == ("Bloomberg", "Bloomberg")
    assert (article.published_on, article.published_time) == (date(2011, 3, 15), "5:02 PM")
    assert article.byline == "Ji-hye Moon and Kenji Sato"
    # with its section between: still its own story
    raw = "\n\n".join(
        ["Bloomberg", "Politics", "South Korea Sends Rescuers to Japan", "Mar 15, 2011", PARAGRAPH]
    )
    assert (parse(raw).outlet, parse(raw).section) == ("Bloomberg", "Politics")
    raw = "\n\n".join(["South Korea Sends Rescuers to Japan", "(AP)", "Mar 15, 2011", PARAGRAPH])
    with pytest.raises(ArticleError) as asked:
        parse(raw)
    assert asked.value.missing == ["outlet"]


@pytest.mark.parametrize(
    ("lede", "published"),
    [
        # a year of the timeline's window before any other the story names
        ("SEOUL, July 4 (Yonhap) -- South Korea on Friday said the talks, stalled since "
         "December 2008, must resume, citing the sinking of a warship in 2010.", date(2014, 7, 4)),
        ("SEOUL, Aug. 15 (Yonhap) -- Park on Thursday urged Japan to uphold the 1995 Murayama "
         "statement and the 1993 Kono statement.", date(2013, 8, 15)),
        ("SEOUL, June 28 (Yonhap) -- South Korea on Friday asked Japan to back the 2018 Winter "
         "Olympics.", date(2013, 6, 28)),
    ],
)  # fmt: skip
def test_a_datelines_year_is_one_of_the_timelines_before_any_other(lede, published):
    assert parse("\n\n".join(["Yonhap News Agency", "Talks", lede])).published_on == published


def test_a_bylines_date_is_read_as_a_date_line_is():
    """A short byline keeps its name; an "Updated" date in it is no publication date; an agency
    above another paper's masthead is no outlet."""
    article = parse("\n\n".join(["Bloomberg", "Rescuers sent", "By Ji-hye Moon - Mar 15, 2011",
                                   PARAGRAPH]))  # fmt: skip
    assert (article.byline, article.published_on) == ("Ji-hye Moon", date(2011, 3, 15))
    article = parse("\n\n".join(
        ["The Korea Herald", "Seoul, Tokyo hold talks", "By Kim Yoon-mi - Updated : Mar 16, 2011",
         "Published : Mar 15, 2011", PARAGRAPH]
    ))  # fmt: skip
    assert (article.byline, article.published_on) == ("Kim Yoon-mi", date(2011, 3, 15))
    with pytest.raises(ArticleError) as asked:
        parse("\n\n".join(["AFP", "Japan Today", "S Korea, Japan agree to resume security talks",
                             "Mar 15, 2013", PARAGRAPH]))  # fmt: skip
    assert asked.value.missing == ["outlet"]


def test_a_service_line_under_the_outlet_is_not_the_headline():
    raw = "\n\n".join(
        ["JIJI PRESS", "English News Service", "Japan to Work with S. Korea on Sanctions",
         "Feb. 12, 2013", PARAGRAPH]
    )  # fmt: skip
    article = parse(raw)
    assert article.title == "Japan to Work with S. Korea on Sanctions"
    assert "English News Service" in article.furniture


def test_an_agency_line_is_the_agency_and_a_short_headline_the_title():
    raw = "\n\n".join(
        ["The Japan Times", "Kyodo", "National", "Talks resume", "Posted : 2013-07-02", PARAGRAPH]
    )
    article = parse(raw)
    assert (article.outlet, article.agency) == ("The Japan Times", "Kyodo")
    assert (article.section, article.title) == ("National", "Talks resume")


def test_an_unknown_outlet_and_a_missing_headline_are_asked_for_by_name():
    raw = "\n\n".join(["Posted : 2013-07-02", PARAGRAPH])
    with pytest.raises(ArticleError) as caught:
        parse(raw)
    assert caught.value.missing == ["outlet", "title"]
    article = parse(raw, outlet="The Daily Example", title="Talks resume")
    assert (article.outlet, article.title) == ("The Daily Example", "Talks resume")


def test_an_outlet_an_editor_adds_is_known_to_the_next_import():
    """The importer knows the outlets on record, by any of their names: one an editor adds in
    the admin is read in the next article's header and credit line, with its country."""
    Outlet.objects.create(slug="busan-daily", name="The Busan Daily", kind="newspaper",
                          country="KOR", aliases="Busan Daily")  # fmt: skip
    Outlet.objects.create(slug="dongnam-wire", name="Dongnam Wire", kind="agency", country="KOR")
    raw = "\n\n".join(
        [
            "Busan Daily",
            "Talks resume in Busan",
            "Posted : 2013-07-02",
            PARAGRAPH + " (Dongnam Wire)",
        ]
    )
    article = parse(raw)
    assert (article.outlet, article.agency, article.country) == (
        "The Busan Daily", "Dongnam Wire", "KOR"
    )  # fmt: skip


@pytest.mark.parametrize("path", [JT, KH])
def test_the_seed_articles_read_as_they_were_curated(path):
    """The header rules never change what the seed articles' bodies are (their citations'
    offsets are into those bodies)."""
    rows = json.loads((Path(settings.BASE_DIR) / "fixtures" / "seed.json").read_text())
    (source,) = [
        r["fields"] for r in rows
        if r["model"] == "dialogue.source" and r["fields"]["received_as"] == path.name
    ]  # fmt: skip
    (outlet,) = [
        r["fields"]["name"] for r in rows
        if r["model"] == "dialogue.outlet" and [r["fields"]["slug"]] == source["outlet"]
    ]  # fmt: skip
    article = parse(
        path.read_text(encoding="utf-8"),
        outlet=outlet,
        published=date.fromisoformat(source["published_on"]),
    )  # what the editor gave: one of them names neither
    assert article.body == source["body"]
    assert (article.title, article.section) == (source["title"], source["section"])


def _proposals(text, published=date(2013, 7, 2)):
    index = ActorIndex(Actor.objects.all())
    return importing.propose(text, published, index.for_article(text, "KOR"))


def test_a_dates_tense_is_that_of_its_own_verb(actors):
    """ "would" in another part of the sentence does not move a past Saturday ahead."""
    (told,) = _proposals(
        "Japan's foreign minister told reporters in Tokyo on Saturday that Japan would "
        "consider taking the dispute to court."
    )
    assert told.edtf == "2013-06-29"
    met, meet = _proposals(
        "Japan and South Korea held talks on Monday, and will meet again on Thursday."
    )
    assert (met.edtf, met.status, meet.edtf, meet.status) == (
        "2013-07-01", Event.Status.OCCURRED, "2013-07-04", Event.Status.PLANNED
    )  # fmt: skip
    (plan,) = _proposals("South Korea had planned to sign the pact with Japan in late May.")
    assert plan.edtf == "2013-05-21/2013-05-31"  # a plan told as past: this May, not next


@pytest.mark.parametrize(
    ("sentence", "edtf", "status"),
    [
        # the present after its subject, or in a who-clause: scheduled (told on Tuesday)
        ("Japan holds a general election on Sunday.", "2012-12-23", Event.Status.PLANNED),
        ("South Koreans go to the polls on Wednesday.", "2012-12-19", Event.Status.PLANNED),
        ("Japan and South Korea hold talks on Friday.", "2012-12-21", Event.Status.PLANNED),
        ("Kim, who steps down on Friday, met Abe.", "2012-12-21", Event.Status.PLANNED),
        ("His nominee for foreign minister, Yun Byung-se, faces a hearing on Thursday.",
         "2012-12-20", Event.Status.PLANNED),
        # not a noun after its owner, a past verb before, or a relative clause's comma between
        ("The Unha-3 rocket lifted off on Wednesday.", "2012-12-12", Event.Status.OCCURRED),
        ("Aso visited the shrine, which honors the war dead, on Sunday.", "2012-12-16",
         Event.Status.OCCURRED),
        ("Aso visited the shrine which honors the war dead on Sunday.", "2012-12-16",
         Event.Status.OCCURRED),
        ("The North's third nuclear test on Feb. 12 renewed calls for cooperation.",
         "2012-02-12", Event.Status.OCCURRED),
        ("The Sohae launch on Wednesday drew protests.", "2012-12-12", Event.Status.OCCURRED),
    ],
)  # fmt: skip
def test_a_weekday_of_the_present_tense_is_to_come(actors, sentence, edtf, status):
    first, *_ = _proposals(sentence, published=date(2012, 12, 18))
    assert (first.edtf, first.status) == (edtf, status)


def test_a_plan_pencilled_in_for_a_month_is_a_plan(actors):
    """ "talks pencilled in for September had been put off", told in August: this September's,
    called off, and the headline drops the plan's participle with its date."""
    (talks,) = _proposals(
        "An official said that director-general-level defense policy talks pencilled in for "
        "September had been put off indefinitely.",
        published=date(2012, 8, 24),
    )
    assert (talks.edtf, talks.status) == ("2012-09", Event.Status.CANCELLED)
    assert talks.title == "Director-general-level defense policy talks put off indefinitely"


def test_a_runs_end_in_the_next_sentence_ends_what_began(actors):
    """ "On Friday, Japan and the United States began Keen Sword … The drill runs through
    Friday.", told on Monday: one event, from that Friday through the next, going on."""
    (drill,) = _proposals(
        "On Friday, Japan and the United States began Keen Sword, their largest joint drill. "
        "The drill runs through Friday.",
        published=date(2010, 12, 6),
    )
    assert (drill.edtf, drill.status) == ("2010-12-03/2010-12-10", Event.Status.ONGOING)
    assert len(drill.clauses) == 2
    # what did not begin is not run on: two events
    assert len(_proposals(
        "On Friday, Japan and the United States held talks. The drill runs through Friday.",
        published=date(2010, 12, 6),
    )) == 2  # fmt: skip


def test_a_day_naming_a_noun_is_not_lent_to_another_clause(actors):
    """ "The ministers confirmed that sanctions imposed after Pyongyang's nuclear test last May
    would stay": the test is of last May, the confirming is not (nor of any date: no proposal)."""
    proposals = _proposals(
        "On North Korea, Japan and South Korea confirmed that sanctions imposed by the U.N. "
        "Security Council after Pyongyang's nuclear test last May would stay in place.",
        published=date(2010, 2, 11),
    )
    assert [p.edtf for p in proposals] == ["2009-05"]
    assert proposals[0].title.startswith("Pyongyang's nuclear test")


def test_a_who_clause_in_the_present_is_an_event_of_its_own(actors):
    """ "Ihara, who hands over to his successor on Feb. 25, told Lee on Saturday that …": the
    handing over on Feb. 25, to come, and what Ihara told Lee on Saturday, each headlined with
    Ihara; "Ihara and Lee, who met in May, spoke on Friday": both spoke."""
    handover, told = _proposals(
        "Junichi Ihara, who hands over to his successor on Feb. 25, told Lee Sang-deok on "
        "Saturday that the talks went well.",
        published=date(2015, 2, 9),
    )
    assert (handover.edtf, handover.status) == ("2015-02-25", Event.Status.PLANNED)
    assert handover.title == "Junichi Ihara hands over to his successor"
    assert (told.edtf, told.title) == ("2015-02-07", "Junichi Ihara says the talks went well")
    _, spoke = _proposals(
        "Director General Junichi Ihara and his South Korean counterpart Lee Sang-deok, who met "
        "in Seoul on May 6, spoke by telephone on Friday.",
        published=date(2015, 5, 30),
    )
    assert {"junichi-ihara", "lee-sang-deok"} <= {a.slug for a in spoke.actors}


def test_how_relations_went_is_no_event_but_what_it_names_is(actors):
    """ "Ties between Tokyo and Seoul are slowly thawing", "security cooperation has deepened
    this year": no event; "Tension has been rising since the North carried out its test on
    Feb. 12", "Relations sank in August, when Lee visited Dokdo": the test, the visit."""
    assert _proposals("Ties between Tokyo and Seoul are slowly thawing.") == []
    assert _proposals("Security cooperation between Japan and South Korea has deepened this "
                      "year.") == []  # fmt: skip
    assert _proposals("But tensions between Seoul and Tokyo flared again this week.") == []
    # the souring's own time "after" a deed is no event's; the deed's is
    (visited,) = _proposals(
        "Relations between the two countries soured last year after Lee visited the islands in "
        "August.",
        published=date(2013, 2, 25),
    )
    assert visited.edtf == "2012-08"
    (test,) = _proposals(
        "Tension has been rising since North Korea carried out its test on Feb. 12.",
        published=date(2013, 4, 10),
    )
    assert test.edtf == "2013-02-12"
    (visit,) = _proposals(
        "Relations sank further in August that year, when then President Kim Dae-jung "
        "visited the disputed islets known as Dokdo.",
        published=date(2015, 12, 29),
    )
    assert visit.edtf == "2015-08"


def test_a_who_clause_without_a_day_borrows_none(actors):
    """ "Lee, who attended the reception, held talks with Ihara on Sunday": the talks on Sunday;
    the attending is not dated by them."""
    (talks,) = _proposals(
        "Lee Sang-deok, who attended the Tokyo reception, held talks with Junichi Ihara on Sunday.",
        published=date(2015, 6, 22),
    )
    assert talks.edtf == "2015-06-21" and "reception" not in talks.title


def test_a_part_of_the_day_counts_from_the_day_told_not_a_day_naming_a_noun(actors):
    """ "Officials fanned out on Tuesday to explain Monday's agreement. Lee visited … in the
    morning": Tuesday morning; a sentence naming only "Monday's talks" still gives Monday."""
    *_, visit = _proposals(
        "South Korean officials fanned out on Tuesday to explain Monday's agreement with Japan. "
        "Lee Sang-deok visited the House of Sharing in the morning.",
        published=date(2015, 12, 30),
    )
    assert visit.edtf == "2015-12-29"
    *_, visit = _proposals(
        "Monday's talks with Japan ended without a deal. Lee Sang-deok visited the House of "
        "Sharing in the morning.",
        published=date(2015, 12, 30),
    )
    assert visit.edtf == "2015-12-28"


def test_a_but_clause_without_a_day_borrows_none(actors):
    """ "Kan attended the summit on Thursday and Friday but held no formal talks with Lee there":
    the summit; what did not come of it is no event of those days (what was done "while"
    still is)."""
    (met,) = _proposals(
        "Kan attended the Group of 20 summit in Seoul on Thursday and Friday but held no formal "
        "talks with Lee Sang-deok there.",
        published=date(2010, 11, 15),
    )
    assert met.edtf == "2010-11-11/2010-11-12" and "talks" not in met.title
    assert len(_proposals(
        "Japan protested on Thursday, while Yun Byung-se summoned the Japanese ambassador.",
        published=date(2013, 7, 2),
    )) == 2  # fmt: skip


def test_what_a_that_clause_after_the_date_goes_on_doing_is_not_the_events_status(actors):
    """ "Japan agreed Monday to start talks, in the clearest sign yet that the North's
    provocations are pushing them closer": agreed, done; "are holding talks on Monday" goes on."""
    (agreed,) = _proposals(
        "South Korea and Japan agreed Monday to start negotiations on two military pacts, in "
        "the clearest sign yet that North Korea's provocations are pushing the former foes "
        "closer.",
        published=date(2011, 1, 10),
    )
    assert agreed.status == Event.Status.OCCURRED
    (talks,) = _proposals(
        "South Korea and Japan are holding talks today.", published=date(2011, 1, 10)
    )
    assert talks.status == Event.Status.ONGOING


def test_him_is_the_person_named_before_other_than_the_doer(actors):
    """ "Lee Sang-deok flew to Tokyo on Sunday, after Junichi Ihara invited him on Thursday":
    Lee was invited, by Ihara; the doer is not whom "him" means."""
    flew, invited = _proposals(
        "Lee Sang-deok flew to Tokyo on Sunday, after Junichi Ihara invited him on Thursday.",
        published=date(2015, 12, 29),
    )
    assert {"lee-sang-deok", "junichi-ihara"} <= {a.slug for a in invited.actors}
    # the one who does it to him is the last named before "him", whoever came before
    (visit,) = _proposals(
        "Junichi Ihara spoke on Monday. Lee Sang-deok visited Tokyo from Oct. 4 to 6, and "
        "Japanese Prime Minister Shinzo Abe told him the North was willing to return to talks.",
        published=date(2015, 10, 9),
    )[1:]
    assert "junichi-ihara" not in {a.slug for a in visit.actors}


def test_two_people_a_who_clause_follows_both_did_what_comes_after_it(actors):
    """ "Lee Sang-deok, director general of …, and his Japanese counterpart, Junichi Ihara, who
    heads …, met in the afternoon": both met, not Ihara alone."""
    (met,) = _proposals(
        "Lee Sang-deok, director general of the ministry's Northeast Asian Affairs Bureau, and "
        "his Japanese counterpart, Junichi Ihara, who heads the Asian and Oceanian Affairs "
        "Bureau, met for nearly four hours on Wednesday.",
        published=date(2014, 4, 16),
    )
    assert {"lee-sang-deok", "junichi-ihara"} <= {a.slug for a in met.actors}


def test_an_analysts_quoted_view_is_no_event(actors):
    """ "'… Seoul wants a summit before the end of the year,' said Kim, a professor at Kyung Hee
    University": a view; the same words said by a minister are told as news."""
    view = (
        '"Lee Sang-deok met Japan on Monday, and Seoul wants a summit before the end of the '
        'year," said Kim Jae-hoon, a professor of political science at Kyung Hee University.'
    )
    assert _proposals(view, published=date(2014, 4, 25)) == []
    told = view.replace("a professor of political science at", "a spokesman for")
    assert _proposals(told, published=date(2014, 4, 25))


def test_a_view_in_quotes_of_today_is_no_event(actors):
    """ "'Letting the swap lapse costs Seoul little today,' said an economist": a view; "'We
    signed the deal today,' the minister said" is a deed."""
    assert _proposals(
        '"Letting the swap lapse costs Seoul little today, but it sends a message," said an '
        "economist at a bank in Seoul."
    ) == []  # fmt: skip
    (signed,) = _proposals('"We signed the deal with Japan today," Lee Sang-deok said.')
    assert signed.edtf == "2013-07-02"


def test_a_headline_of_what_they_said_names_who_they_are(actors):
    """ "Japan and South Korea said on Tuesday they would not extend the swap …": "Japan and
    South Korea not to extend the swap", not "On Tuesday they to not extend …"."""
    (swap,) = _proposals(
        "Japan and South Korea said on Tuesday they would not extend the swap when it expires "
        "at the end of this month.",
        published=date(2012, 10, 9),
    )
    assert swap.title == "Japan and South Korea not to extend the swap when it expires"


def test_a_headline_names_who_they_are_only_where_it_can(actors):
    """ "Analysts said on Tuesday they expected …" keeps "they" (a plural noun's verb);
    "On Tuesday officials said they would …" does not put the date into the headline."""
    (expected,) = _proposals(
        "Analysts said on Tuesday they expected the talks to fail.", published=date(2012, 10, 9)
    )
    assert not expected.title.startswith("Analysts expects")
    (postpone,) = _proposals(
        "On Tuesday officials said they would postpone the signing of the pact.",
        published=date(2012, 10, 9),
    )
    assert not postpone.title.startswith("On Tuesday")


def test_a_headline_drops_a_possessive_date_with_its_s(actors):
    """ "But this year's white paper repeats …": "White paper repeats …", not "But's white
    paper repeats …"."""
    (paper,) = _proposals("But this year's white paper repeats the claim to Dokdo.")
    assert paper.title == "White paper repeats the claim to Dokdo"


def test_what_a_review_of_the_rules_found(actors):
    """Inputs a reviewer found the session's rules got wrong: a trend with a deed in it is the
    deed; a launch is no run; "who analysts say" is no who-clause of its own; "Both" after two
    states is not two people; "He was then the director general" is a state; a quoted view
    with its attribution in the same clause is no event."""
    (visit,) = _proposals(
        "Relations deteriorated sharply on Monday when Lee Sang-deok visited the islands.",
        published=date(2012, 8, 14),
    )
    assert visit.edtf == "2012-08-13"
    assert len(_proposals(
        "North Korea launched a rocket on Wednesday. The launch window ends on Dec. 29.",
        published=date(2012, 12, 13),
    )) == 2  # fmt: skip
    purged = "Kim, who analysts say was purged, appeared on Tuesday."
    assert [c.text for c in importing.clauses(purged, 0, len(purged))] == [purged]
    *_, drill = _proposals(
        "Junichi Ihara met Lee Sang-deok in Seoul on Monday. Japan and South Korea are both U.S. "
        "allies. Both are expected to join a drill next month.",
        published=date(2014, 10, 7),
    )
    assert not {"junichi-ihara", "lee-sang-deok"} & {a.slug for a in drill.actors}
    *_, then = _proposals(
        "Lee Sang-deok was in Tokyo on Monday. He was then the director general until his move "
        "in March.",
        published=date(2015, 6, 1),
    )
    assert "lee-sang-deok" not in {a.slug for a in then.actors}
    assert _proposals('"Letting the swap lapse costs Seoul little today," said an economist.') == []


def test_a_clause_told_with_its_own_saying_day_takes_that_day(actors):
    """ "North Korea carried out a test on Tuesday, and Japan said on Wednesday that no
    radiation had been detected": what Japan said is of Wednesday, not the test's Tuesday."""
    _, detected = _proposals(
        "North Korea carried out a nuclear test on Tuesday, and Japan said on Wednesday that no "
        "abnormal radiation levels had been detected so far.",
        published=date(2013, 2, 13),
    )
    assert detected.edtf == "2013-02-13"


def test_a_day_something_is_moved_to_is_the_nearest(actors):
    """ "said it was extending the launch window to Dec. 29", told on Dec. 13: this Dec. 29,
    not last year's."""
    (extended,) = _proposals(
        "North Korea said on Monday it was extending the launch window to Dec. 29.",
        published=date(2012, 12, 13),
    )
    assert extended.edtf == "2012-12-29"


def test_a_sentence_without_a_time_expression_proposes_nothing(actors):
    assert _proposals("Japan and South Korea signed a pact on military information.") == []
    assert _proposals("Japan and South Korea signed the pact in 2012.")  # the control


def test_the_dateline_dates_the_article_and_is_never_an_event(actors):
    raw = "\n\n".join(
        ["Seoul, Tokyo talks", "SEOUL, June 29 (Yonhap) -- South Korea and Japan on Friday "
         "signed nothing, officials said, after talks were called off in 2012."]
    )  # fmt: skip
    result = import_article(raw.encode(), name="dateline.txt")
    assert result.source.published_on == date(2012, 6, 29)  # 29 June 2012 was a Friday
    assert all(c.start >= len("SEOUL, June 29 (Yonhap) -- ") for e in result.events
               for c in e.citations.all())  # fmt: skip


@pytest.mark.parametrize(
    ("clause", "title"),
    [
        (
            "Japan and South Korea have broadly agreed to resume a long-suspended security "
            "dialogue later this month, bilateral diplomatic sources said.",
            "Japan and South Korea broadly agree to resume a long-suspended security dialogue",
        ),
        ("Kim will visit Tokyo on Thursday", "Kim to visit Tokyo"),
        # what "announced at noon on Monday that" leaves is no headline's opening
        ("State television announced at noon on Monday that Kim died of a heart attack",
         "Kim dies of a heart attack"),
        ("and officials said the agreement will be explained to lawmakers on Monday",
         "Agreement to be explained to lawmakers"),  # what was said is the news
        ("Park and Abe agreed on Monday to mend ties that have been frozen",
         "Park and Abe agree to mend ties that have been frozen"),  # the first verb only
        ("The Asian neighbors had sought the security meeting last year",
         "Asian neighbors seek the security meeting"),
        ("South Korea is pushing to resume talks with Japan", "South Korea pushes to resume talks "
         "with Japan"),
        ("The talks were held in Tokyo on March 19", "Talks held in Tokyo"),
        ("Japan will respond firmly, Shinzo Abe, who leads the party, told lawmakers",
         "Japan to respond firmly"),  # who said it, across a relative clause, is no headline
        ("Lee will fly to Beijing on Saturday", "Lee to fly to Beijing"),  # a verb, no adverb
        ("In a separate move, Japan and China held their first security dialogue on March 19",
         "Japan and China hold their first security dialogue"),
        ("The Ministry of National Defense, for its part, called in the defense attache that "
         "afternoon", "Ministry of National Defense calls in the defense attache"),  # an aside
        ("Lee is also scheduled to hold talks in Tokyo on April 22",
         "Lee is also scheduled to hold talks in Tokyo"),  # no past verb after "is also"
        ("Two destroyers have been escorting vessels since March 30",
         "Two destroyers escort vessels"),  # a progressive perfect, in the present
        ("Talks on the pact have been ongoing since March", "Talks on the pact ongoing"),
        # the verb agrees with its subject, whatever stands between them
        ("They have shown some signs of improvement this year",
         "They show some signs of improvement"),
        ("The two sides also agreed on Monday to meet again", "Two sides also agree to meet again"),
        ("Relations were further strained by the textbooks in March",
         "Relations are further strained by the textbooks"),
        ("Public opinion has not changed much since 2012", "Public opinion has not changed much"),
        # who told whom what: who says what
        ("Spokeswoman Hua Chunying told a regular briefing on Tuesday that Beijing was opposed",
         "Spokeswoman Hua Chunying says Beijing was opposed"),
        ("Abe told reporters on Monday that Japan will hold talks with Seoul",
         "Abe says Japan will hold talks with Seoul"),
        # the date of what was told: what was told is the news
        ("Abe told reporters that Japan will hold talks with Seoul on Friday",
         "Japan to hold talks with Seoul"),
        ("Harris met Foreign Minister Kang in Seoul on Monday", "Harris meets Foreign Minister "
         "Kang in Seoul"),  # one person, whatever his name ends with
        # too long: cut before a preposition, not inside the noun phrase after it
        ("Lee further angered Tokyo on Aug. 14 by saying Emperor Akihito should apologize for "
         "Japan's colonial rule if he wished to visit South Korea",
         "Lee further angers Tokyo by saying Emperor Akihito should apologize"),
        # no word of the time left behind: "as early as next week", "dated Aug. 17,"
        ("Seoul is expected to reject the proposal as early as next week",
         "Seoul to reject the proposal"),
        ("In the letter, dated Aug. 17, Noda expressed regret over the trip",
         "Noda expresses regret over the trip"),
        # a saying's day goes, the saying stays
        ("Cho Tai-young said on Friday that Seoul protests", "Cho Tai-young says Seoul protests"),
        ("Cho Tai-young said in a statement on Friday that Seoul protests the dispatch",
         "Seoul protests the dispatch"),  # what was said, as "officials said that …"
        ("Ministry of Foreign Affairs and Trade spokesman Cho Tai-young met reporters on Friday",
         "Ministry of Foreign Affairs and Trade spokesman Cho Tai-young meets reporters"),  # one
        # person, whatever "and" his title holds
        ("The two ministers told reporters on Tuesday that talks would resume",
         "Two ministers say talks would resume"),
        ("North Korea fired a missile after Japan told the U.N. on Monday that it would respond",
         "North Korea fires a missile after Japan told the U.N. that it would respond"),
        # a name between commas is no aside to drop, nor what its own aside says of them
        ("Defense Minister Gen Nakatani and his South Korean counterpart, Han Min-koo, agreed on "
         "Saturday to meet", "Defense Minister Gen Nakatani and his South Korean counterpart Han "
         "Min-koo agree to meet"),
        ("His successor, Kim Kwan-jin, a former chairman of the Joint Chiefs, will take office on "
         "Saturday", "His successor Kim Kwan-jin to take office"),
    ],
)  # fmt: skip
def test_proposals_are_titled_as_headlines(clause, title):
    found = timex.find(clause, date(2015, 4, 5))
    assert importing._title(clause, found) == title


def test_a_report_of_an_event_on_the_timeline_is_proposed_as_its_citation(seed):
    """The seed's shrine visit (2013), reported again by another outlet."""
    raw = "\n\n".join(
        ["The Japan Times", "Abe visits Yasukuni", "Posted : 2013-12-27 10:00",
         "Prime Minister Shinzo Abe visited the war-linked Yasukuni Shrine on Thursday, "
         "angering South Korea and China.",
         "Japan and South Korea held talks on fisheries on Thursday in Tokyo."]
    )  # fmt: skip
    result = import_article(raw.encode(), name="shrine.txt")
    visit = next(e for e in result.events if "Yasukuni" in e.title)
    assert visit.reports.slug == "abe-war-shrine-visit"
    fisheries = next(e for e in result.events if "fisheries" in e.title)
    assert fisheries.reports is None  # same parties and day, nothing else in common


def _reports(body, published):
    raw = "\n\n".join(["The Japan Times", "Seoul and Tokyo talk", f"Posted : {published}", body])
    return {e.title: e.reports for e in import_article(raw.encode(), name="r.txt").events}


def _reported(event, body, published):
    """What each proposal of a passage reports, with no event on the timeline but `event`
    (the proposals of a passage imported before are gone)."""
    Event.objects.exclude(pk=event.pk).delete()
    return list(_reports(body, published).values())


def test_an_event_a_noun_names_on_its_very_day_reports_it_whatever_its_kind(actors):
    """ "victory in Japan's general election on Sunday": a noun's event, whose kind the noun
    does not say, with a word of the title, a party and the very day of "The Liberal Democratic
    Party wins a landslide in Japan's lower house election"."""
    election = make_event(
        title="The Liberal Democratic Party wins a landslide in Japan's lower house election",
        edtf="2012-12-16",
        kind=Event.Kind.POLICY,
    )
    election.actors.add(Actor.objects.get(slug="japan"))
    reported = _reported(
        election,
        "Seoul voiced concern on Monday over the victory in Japan's general election on Sunday.",
        "2012-12-17",
    )
    assert election in reported


def test_a_meeting_that_also_agreed_reports_the_meeting(actors):
    """ "met in Tokyo on Thursday for their regular security talks and agreed to …": an
    agreement's clause, and the meeting on the timeline of that month it tells of."""
    talks = make_event(
        title="Security dialogue last held before suspension",
        summary_en="Japan and South Korea held their last security dialogue of senior foreign "
        "affairs and defence officials.",
        edtf="2009-12",
        kind=Event.Kind.MEETING,
    )
    talks.actors.add(*Actor.objects.filter(slug__in=["japan", "south-korea"]))
    assert talks in _reported(
        talks,
        "Senior diplomats and defense officials of Japan and South Korea met in Tokyo on "
        "Thursday for their regular security talks and agreed to expand exchanges.",
        "2009-12-17",
    )


def test_one_party_kind_and_year_without_a_word_report_nothing(actors):
    """ "Abe's Cabinet on Tuesday reinterpreted the Constitution", a policy of Japan's in 2014,
    is not "Japan reviews the Kono statement" (2014?): one party alone names no event."""
    review = make_event(
        title="Japan reviews the Kono statement", edtf="2014?", kind=Event.Kind.POLICY
    )
    review.actors.add(Actor.objects.get(slug="japan"))
    assert review not in _reported(
        review,
        "Abe's Cabinet on Tuesday reinterpreted the pacifist Constitution to allow Japan to "
        "defend allies under attack.",
        "2014-07-04",
    )


def test_a_passage_holding_every_word_of_an_events_title_reports_it(actors):
    """Both telling words of "Japan enacts security legislation" ("Japan" and "security" tell
    nothing here), said in passing while the clause tells of something else."""
    enacted = make_event(
        title="Japan enacts security legislation", edtf="2015-09-19", kind=Event.Kind.POLICY
    )
    enacted.actors.add(Actor.objects.get(slug="japan"))
    reports = _reports(
        "At the meeting, Defense Minister Han Min-koo asked that Japan obtain Seoul's consent "
        "before its troops are sent to the peninsula under the security legislation that Japan "
        "enacted last month.",
        "2015-10-21",
    )
    assert enacted in reports.values()


def test_a_report_of_an_event_on_the_timeline_is_of_its_parties_too(actors):
    """The passage names the two countries; the talks it reports are their ministries' too,
    and the proposal says so. A passage that reports nothing has only whom it names."""
    talks = make_event(
        title="Security dialogue held in Tokyo", edtf="2009-12-22", kind=Event.Kind.MEETING
    )
    talks.actors.add(
        *Actor.objects.filter(
            slug__in=["japan", "south-korea", "japan-foreign-ministry", "japan-defence-ministry"]
        )
    )
    raw = "\n\n".join(
        [
            "The Japan Times",
            "Seoul and Tokyo talk",
            "Posted : 2010-02-11",
            "Japan and South Korea last held the security dialogue in Tokyo in December 2009. "
            "South Korea and Japan signed a fisheries deal in January.",
        ]
    )
    held, signed = import_article(raw.encode(), name="r.txt").events
    assert held.reports == talks
    assert {a.slug for a in held.actors.all()} == {a.slug for a in talks.actors.all()}
    assert signed.reports is None
    assert {a.slug for a in signed.actors.all()} == {"japan", "south-korea"}


def test_what_is_called_off_is_the_meeting_the_clause_names(actors):
    """ "the visit had ended any prospect of a security dialogue … this year": a meeting
    called off, which reports the one on the timeline; a visit called off is still a visit."""
    talks = make_event(
        title="Planned security meeting falls through",
        edtf="2013",
        kind=Event.Kind.MEETING,
        status=Event.Status.CANCELLED,
    )
    talks.actors.add(*Actor.objects.filter(slug__in=["japan", "south-korea"]))
    (ended,) = _proposals(
        "A South Korean official said Abe's visit had ended any prospect of a bilateral security "
        "dialogue the two sides had been trying to arrange this year.",
        published=date(2013, 12, 27),
    )
    assert (ended.kind, ended.status) == (Event.Kind.MEETING, Event.Status.CANCELLED)
    (prospect,) = _reported(
        talks,
        "A South Korean official said Abe's visit had ended any prospect of a bilateral security "
        "dialogue the two sides had been trying to arrange this year.",
        "2013-12-27",
    )
    assert prospect == talks
    (trip,) = _proposals(
        "Yun Byung-se on Monday called off his planned visit to Japan.",
        published=date(2013, 4, 22),
    )
    assert (trip.kind, trip.status) == (Event.Kind.VISIT, Event.Status.CANCELLED)


def test_an_event_a_dated_noun_names_is_called_off_planned_or_done_as_the_noun_says(actors):
    """ "the 2012 collapse of the intelligence pact": called off; "the 2018 Pyeongchang
    Olympics", told in 2015: still to come; "Japan’s 1910-1945 colonial rule": done."""
    (collapse,) = _proposals(
        "Ties have not recovered from the 2012 collapse of the intelligence pact with Japan.",
        published=date(2015, 6, 22),
    )
    assert (collapse.edtf, collapse.status) == ("2012", Event.Status.CANCELLED)
    (games,) = _proposals(
        "Japan and South Korea discussed security for the 2018 Pyeongchang Olympics.",
        published=date(2015, 6, 22),
    )
    assert (games.edtf, games.status) == ("2018", Event.Status.PLANNED)
    (rule,) = _proposals(
        "Seoul cited Japan’s 1910-1945 colonial rule of the peninsula.",
        published=date(2015, 6, 22),
    )
    assert (rule.edtf, rule.status) == ("1910/1945", Event.Status.OCCURRED)
    (store,) = _proposals(
        "Park recalled the 1995 collapse of the Sampoong department store in Seoul.",
        published=date(2015, 6, 22),
    )  # a building's collapse calls nothing off
    assert store.status == Event.Status.OCCURRED


def test_news_the_sources_told_is_of_the_day_they_say_they_spoke(actors):
    """ "have broadly agreed to resume the dialogue later this month, sources said." and later
    "…, the sources said Saturday": the agreement is Saturday's news, not the paper's day; with
    no day said anywhere, it is the paper's."""
    agreed, resume, *_ = _proposals(
        "Japan and South Korea have broadly agreed to resume a security dialogue later this "
        "month, diplomatic sources said. Their foreign ministers agreed at a meeting in Seoul "
        "last month to hold the dialogue, the sources said Saturday.",
        published=date(2015, 4, 5),
    )
    assert (agreed.edtf, resume.edtf) == ("2015-04-04", "2015-04-05/2015-04-30")
    agreed, _ = _proposals(
        "Japan and South Korea have broadly agreed to resume a security dialogue later this "
        "month, diplomatic sources said.",
        published=date(2015, 4, 5),
    )
    assert agreed.edtf == "2015-04-05"


def test_what_is_done_for_a_span_from_a_day_lasts_it_and_goes_on_within_it(actors):
    """ "not to fly on Korean Air for a month from July 18", told on Aug. 1: July 18 to Aug. 17,
    going on; "for two weeks from March 30", told in May: done."""
    (ban,) = _proposals(
        "Relations were strained after the Japanese Foreign Ministry instructed its officials "
        "not to fly on Korean Air for a month from July 18.",
        published=date(2011, 8, 1),
    )
    assert (ban.edtf, ban.status) == ("2011-07-18/2011-08-17", Event.Status.ONGOING)
    # no span past the calendar's end, nor of no days
    for span in ("a week", "99 years"):  # no traceback; the importer keeps placeable dates
        _proposals(f"Flights were halted for {span} from December 30.", date(9998, 12, 31))
    (none,) = _proposals("Flights were halted for 0 days from July 18.", date(2011, 8, 1))
    assert none.edtf == "2011-07-18"
    (drills,) = _proposals(
        "South Korea's navy held drills off its coasts for two weeks from March 30.",
        published=date(2011, 5, 20),
    )
    assert (drills.edtf, drills.status) == ("2011-03-30/2011-04-12", Event.Status.OCCURRED)


def test_a_passage_of_many_long_words_still_finds_the_event_its_name_tells(actors):
    """Every telling word looks for the event, not the four longest: "Cheonan" among
    "corvette", "disputed", "maritime" and "boundary"."""
    sinking = make_event(
        title="South Korean warship Cheonan sinks", edtf="2010-03-26", kind=Event.Kind.REPORT
    )
    sinking.actors.add(*Actor.objects.filter(slug__in=["south-korea", "north-korea"]))
    (reported,) = _reported(
        sinking,
        "The 1,200-ton corvette Cheonan sank near the disputed western maritime boundary on "
        "March 26, killing 46 sailors.",
        "2010-07-10",
    )
    assert reported == sinking


def test_a_report_of_a_plan_is_news_of_its_own_beside_the_plan(actors):
    """ "Kim said on Monday that they would be handed back within this week": what he said
    and the plan, the plan headlined without the saying; a plan with the saying after it
    ("…later this month, a ministry official said Sunday") is the plan alone."""
    said, plan = _proposals(
        "Defense Ministry spokesman Kim Min-seok said on Monday that the rounds would be handed "
        "back within this week.",
        published=date(2014, 1, 7),
    )
    assert (said.edtf, said.status, said.reporting) == ("2014-01-06", Event.Status.OCCURRED, True)
    assert (plan.status, plan.title) == (Event.Status.PLANNED, "Rounds to be handed back")
    (alone,) = _proposals(
        "Foreign Minister Yoon Byung-se plans to meet Kishida later this month, a ministry "
        "official said Sunday.",
        published=date(2015, 9, 21),
    )
    assert alone.status == Event.Status.PLANNED
    # only a day before "that" goes with the saying: "announced sanctions that …" keeps them
    assert importing._title(
        "Seoul announced sanctions that will take effect next month against Pyongyang."
    ).startswith("Sanctions")
    # a date that only names what was said of ("this week's deal"): the saying, no more
    (hoped,) = _proposals(
        "Defence Minister Gen Nakatani said on Wednesday he hoped this week's deal on comfort "
        "women would lead to closer military ties with South Korea.",
        published=date(2015, 12, 30),
    )
    assert (hoped.edtf, hoped.reporting) == ("2015-12-30", True)
    # a day's talks so named are talks of their own
    said, talks = _proposals(
        "Kim said on Wednesday that Monday's talks with Japan were productive."
    )
    assert (said.edtf, talks.edtf) == ("2013-06-26", "2013-07-01")


def test_a_relative_clause_in_the_present_keeps_its_own_time(actors):
    """ "Gates, who steps down on June 30, used his speech on Saturday": the past "used" does
    not move June 30 back a year; told on June 4, it is still to come."""
    steps_down, spoke = _proposals(
        "Gates, who steps down on June 30, used his final speech at the forum on Saturday to "
        "assure Asian allies.",
        published=date(2011, 6, 4),
    )
    assert (steps_down.edtf, steps_down.status) == ("2011-06-30", Event.Status.PLANNED)
    assert (spoke.edtf, spoke.status) == ("2011-06-04", Event.Status.OCCURRED)


def test_a_count_of_meetings_this_year_is_no_event(actors):
    """ "It was their second meeting this year" counts; "The second round is set for this
    month" is not a count but a plan with its date."""
    (met,) = _proposals(
        "Kim and Kitazawa met on Saturday in Singapore. It was their second meeting this year.",
        published=date(2011, 6, 4),
    )
    assert met.edtf == "2011-06-04"
    *_, planned = _proposals(
        "Kim and Kitazawa met on Saturday in Singapore. The next round is planned for this month.",
        published=date(2011, 6, 4),
    )
    assert planned.edtf.startswith("2011-06")
    (summit,) = _proposals("Japan and South Korea will hold their first summit this month.")
    assert (summit.edtf[:7], summit.status) == ("2013-07", Event.Status.PLANNED)


def test_what_began_on_one_day_and_ends_on_another_is_one_event_of_those_days(actors):
    (drills,) = _proposals(
        "The US and South Korean militaries are holding annual joint exercises that began on "
        "February 24 and are due to end on April 18.",
        published=date(2014, 3, 26),
    )
    assert (drills.edtf, drills.status) == ("2014-02-24/2014-04-18", Event.Status.ONGOING)
    # in a clause of its own, its end still ahead: that year's April 30, the days as given
    _, drill = _proposals(
        "The allies are holding their Foal Eagle exercise, which began on March 1 and runs "
        "through April 30.",
        published=date(2013, 4, 10),
    )
    assert (drill.edtf, drill.status) == ("2013-03-01/2013-04-30", Event.Status.ONGOING)
    met, ended = _proposals(
        "The ministers met on February 24, and the talks ended on February 26.",
        published=date(2014, 3, 26),
    )  # no beginning told: two events
    assert (met.edtf, ended.edtf) == ("2014-02-24", "2014-02-26")
    # "that began" is past, "that delayed summit" no verb; "end his visit on …" is no run's end
    (summit,) = _proposals("Abe will attend that delayed summit on Friday.")
    assert (summit.edtf, summit.status) == ("2013-07-05", Event.Status.PLANNED)
    arrived, leaves = _proposals(
        "The envoy arrived in Seoul on Monday and is expected to end his visit on Thursday."
    )
    assert (arrived.edtf, leaves.edtf) == ("2013-07-01", "2013-07-04")
    assert arrived.title != leaves.title


def test_a_bare_month_or_greenwichs_day_naming_a_noun_proposes_nothing_of_its_own(actors):
    """ "before the April election" dates what another passage tells; "(2239 GMT Thursday)" is
    Greenwich's day. Neither is an event; the clause's own day is."""
    assert not _proposals(
        "The deal will not make the pact popular, especially before the April election.",
        published=date(2015, 12, 30),
    )
    (launched,) = _proposals(
        "The rocket was launched at 7:39 a.m. on Friday (2239 GMT Thursday).",
        published=date(2012, 4, 13),
    )
    assert launched.edtf == "2012-04-13"


def test_the_last_round_is_of_the_talks_told_before_between_the_same_states(actors):
    *_, last = _proposals(
        "Japan and North Korea are scheduled to hold formal talks in Beijing on Sunday. The last "
        "round was held in Mongolia in November 2012.",
        published=date(2014, 3, 26),
    )
    assert last.edtf == "2012-11"
    assert {"japan", "north-korea"} <= {a.slug for a in last.actors}


def test_a_relative_clause_is_of_its_own_sentences_noun(actors):
    """ "China, which hosted Kim Jong Il in early May" after a sentence ending with the North:
    China's doing."""
    *_, hosted = _proposals(
        "Japan has banned all trade since the North's second nuclear test in May 2009. China, "
        "which hosted North Korean leader Kim Jong Il in early May, has called for restraint.",
        published=date(2010, 7, 10),
    )
    assert hosted.edtf == "2010-05-01/2010-05-10"
    assert "china" in {a.slug for a in hosted.actors}


def test_a_plan_still_ahead_is_planned_whatever_verb_told_it(actors):
    """ "reaffirmed their plan to transfer wartime control in December 2015", told in 2011: the
    transfer is planned; "reaffirmed on Saturday" was done."""
    reaffirmed, transfer = _proposals(
        "On Saturday, the two reaffirmed their plan to transfer wartime operational control to "
        "Seoul in December 2015.",
        published=date(2011, 6, 4),
    )
    assert (reaffirmed.edtf, reaffirmed.status) == ("2011-06-04", Event.Status.OCCURRED)
    assert (transfer.edtf, transfer.status) == ("2015-12", Event.Status.PLANNED)


def test_a_vow_is_of_its_day_and_what_it_vows_of_the_day_further_on(actors):
    (vow,) = _proposals(
        "At his confirmation hearing last week, Kim vowed to use air power if the North "
        "attacked again.",
        published=date(2010, 12, 3),
    )
    assert (vow.edtf, vow.status) == ("2010-11-22/2010-11-28", Event.Status.OCCURRED)
    vowed, sanctions = _proposals(
        "Japan vowed on Monday to impose sanctions next year.", published=date(2010, 12, 3)
    )
    assert (vowed.status, sanctions.edtf, sanctions.status) == (
        Event.Status.OCCURRED, "2011", Event.Status.PLANNED
    )  # fmt: skip


def test_the_last_time_before_is_proposed_only_as_a_report_of_it(actors):
    """ "held the dialogue on Monday for the first time since December 2009": December 2009 is a
    reference point, proposed only as another passage of the timeline's event of then."""
    text = (
        "Seoul and Tokyo held their security dialogue in Seoul on Monday for the first time "
        "since December 2009."
    )
    raw = "\n\n".join(["The Japan Times", "Talks resume", "Posted : 2015-04-15", text])
    assert [e.edtf for e in import_article(raw.encode(), name="a.txt").events] == ["2015-04-13"]
    Event.objects.all().delete()
    last = make_event(
        title="Security dialogue held in Tokyo", edtf="2009-12", kind=Event.Kind.MEETING
    )
    last.actors.add(*Actor.objects.filter(slug__in=["japan", "south-korea"]))
    raw = raw.replace("Talks resume", "Talks resume at last")  # another text, imported anew
    events = import_article(raw.encode(), name="b.txt").events
    assert [(e.edtf, e.reports) for e in events] == [("2015-04-13", None), ("2009-12", last)]


def test_a_record_since_a_time_is_a_reference_point(actors):
    """ "Japan's Nikkei 225 tumbled 10.6 percent, its biggest drop since 1987": 1987 saw no
    event the passage tells; alone in its clause it is still only a reference point."""
    *_, drop = _proposals(
        "The Kospi fell 2.4 percent today, while Japan's Nikkei 225 Stock Average tumbled 10.6 "
        "percent, its biggest drop since 1987.",
        published=date(2011, 3, 15),
    )
    assert (drop.edtf, drop.reference) == ("1987", True)


def test_what_may_be_might_have_been_or_has_been_held_since_is_no_event(actors):
    assert not _proposals(
        '"Next year, we should be able to say that June 22 marked a new beginning," Yun said.',
        published=date(2015, 6, 22),
    )
    assert not _proposals(
        "Five years ago it would have been unthinkable for Seoul to invite the Self-Defense "
        "Forces to a drill.",
        published=date(2010, 10, 14),
    )
    (marked,) = _proposals("Yun said that June 22 marked a new beginning.", date(2015, 6, 23))
    assert marked.edtf == "2015-06-22"
    # an office held since a date is a state; its taking is told as such
    (told,) = _proposals(
        "Kim, who has served as defense minister since December 2010, told Onodera on Saturday "
        "that Seoul's consent was needed.",
        published=date(2014, 6, 1),
    )
    assert told.edtf == "2014-05-31"


def test_how_things_looked_is_no_event(actors):
    """ "ties have shown some signs of improvement this year": a look, not a deed; a deed past
    the comma keeps its own day."""
    assert not _proposals(
        "Satellite images had shown signs of preparations at the site since late last year.",
        published=date(2012, 4, 13),
    )
    (resumed,) = _proposals(
        "Ties have shown some signs of improvement this year, with the two countries resuming "
        "their security dialogue in April.",
        published=date(2015, 7, 21),
    )
    assert resumed.edtf == "2015-04"


def test_a_clause_of_as_with_its_own_verb_is_its_own(actors):
    """ "…agreed yesterday …, as the two countries prepared to mark the anniversary today":
    the agreement and the preparing, each with its own day; "as well as" cuts nothing."""
    agreed, prepared = _proposals(
        "Yun and Kishida agreed yesterday to work toward a summit, as the two countries "
        "prepared to mark the anniversary of ties today.",
        published=date(2015, 6, 22),
    )
    assert (agreed.edtf, prepared.edtf) == ("2015-06-21", "2015-06-22")
    assert agreed.clauses[0].text.endswith("summit")
    text = "Japan met China yesterday, as well as the United States, which was reported today."
    assert [c.text[:8] for c in importing.clauses(text, 0, len(text))] == ["Japan me", "which wa"]


def test_a_try_called_off_after_something_else_is_called_off_and_told_again(actors):
    """ "had tried to hold a new round in late 2013, but the plan was scrapped after Abe paid a
    visit that December": a meeting called off, within the year of the one on the timeline
    that fell through; the visit is the clause's own event, headlined as such."""
    fell = make_event(
        title="Planned security meeting falls through", edtf="2013",
        kind=Event.Kind.MEETING, status=Event.Status.CANCELLED,
    )  # fmt: skip
    fell.actors.add(*Actor.objects.filter(slug__in=["japan", "south-korea"]))
    reports = _reports(
        "Seoul and Tokyo had tried to hold a new round in late 2013, but the plan was scrapped "
        "after Abe paid a visit that December to the Yasukuni war shrine.",
        "2015-04-14",
    )
    assert reports == {
        "Seoul and Tokyo try to hold a new round": fell,
        "Abe pays a visit to the Yasukuni war shrine": None,
    }


def test_a_passage_saying_what_an_events_summary_says_with_its_parties_reports_it(seed):
    """The seed's "Security dialogue last held before suspension": nothing of its title in the
    passage, but its summary's senior foreign and defence officials, the same two states and a
    meeting in the same month."""
    (talks,) = _reports(
        "Japan and South Korea also held security talks between senior foreign and defense "
        "officials in December 2009.",
        "2011-01-11",
    ).values()
    assert talks.slug == "last-security-dialogue"


def test_a_word_a_party_and_the_kind_on_the_very_day_tell_an_event_again(actors):
    """ "the National Security Council, which held its first meeting last Wednesday": of
    "Japan's National Security Council holds its first meeting" only "council" tells (the rest
    is too plain), with Japan, a meeting, on its day; not another day's meeting."""
    first = make_event(
        title="Japan's National Security Council holds its first meeting", edtf="2013-12-04"
    )
    first.actors.add(*Actor.objects.filter(slug__in=["japan", "shinzo-abe"]))
    body = (
        "The law is a pillar of Japan's version of the council, which held its first meeting "
        "on {day}."
    )
    assert list(_reports(body.format(day="Dec. 4"), "2013-12-09").values()) == [first]
    Event.objects.exclude(pk=first.pk).delete()
    assert list(_reports(body.format(day="Dec. 5"), "2013-12-09").values()) == [None]


def test_paying_homage_at_a_shrine_is_a_visit_and_tells_the_visit_again(actors):
    """ "Abe paid homage Thursday at Yasukuni Shrine" for "Abe's war shrine visit angers South
    Korea" (a visit of 2013), as the passage that tells it, not the reaction to it."""
    visit = make_event(
        title="Abe's war shrine visit angers South Korea", edtf="2013", kind=Event.Kind.VISIT
    )
    visit.actors.add(*Actor.objects.filter(slug__in=["japan", "shinzo-abe"]))
    reports = _reports(
        "Prime Minister Shinzo Abe paid homage Thursday at Yasukuni Shrine. \"We regret Japan's "
        "step,\" South Korea's spokesman said of Abe at a briefing hours after the visit.",
        "2013-12-26",
    )
    assert list(reports.values()) == [visit, None]  # the visit, not the reaction to it


def test_an_announcement_tells_the_step_it_announces_again(actors):
    """ "Seoul announced on Sunday that it was extending its air defence zone" for "South Korea
    expands its air defence identification zone" that day; what was only said is not."""
    zone = make_event(
        title="South Korea expands its air defence identification zone", edtf="2013-12-08",
        kind=Event.Kind.POLICY,
    )  # fmt: skip
    zone.actors.add(Actor.objects.get(slug="south-korea"))
    for verb, reports in (("announced", zone), ("said", None)):
        found = _reported(
            zone,
            f"Seoul {verb} on Sunday that it was extending its air defence identification zone "
            "(ADIZ) for the first time in 62 years.",
            "2013-12-09",
        )
        assert found == [reports]


def test_its_people_kind_and_status_in_the_month_that_holds_its_day_report_it(actors):
    """ "Ihara met Lee on Monday. The two began the talks in April." for "Japan and South Korea
    hold first director-general talks on comfort women" on April 16: no word of its title,
    but all its people, its kind and status, in the month that holds its day."""
    first = make_event(
        title="Japan and South Korea hold first director-general talks on comfort women",
        edtf="2014-04-16", kind=Event.Kind.MEETING,
    )  # fmt: skip
    first.actors.add(*Actor.objects.filter(
        slug__in=["japan", "south-korea", "junichi-ihara", "lee-sang-deok"]
    ))  # fmt: skip
    found = _reported(
        first,
        "Junichi Ihara met Lee Sang-deok in Seoul on Monday. The two began the talks in April.",
        "2014-07-04",
    )
    assert found == [None, first]


def test_a_which_clause_tells_of_the_whole_noun_phrase_before_it(actors):
    """ "Director-general-level negotiations on the issue, which began in April last year, …":
    the negotiations began, not "the issue"; they are the first director-general talks."""
    first = make_event(
        title="Japan and South Korea hold first director-general talks on comfort women",
        edtf="2014-04-16", kind=Event.Kind.MEETING,
    )  # fmt: skip
    first.actors.add(*Actor.objects.filter(slug__in=["japan", "south-korea"]))
    found = _reported(
        first,
        "Director-general-level negotiations on the issue, which began in April last year, have "
        "gone through ten rounds.",
        "2015-11-03",
    )
    assert found == [first]


def test_bills_passed_are_the_laws_enacted(actors):
    """ "Japan's upper house approved the package of 11 security bills early Saturday" for
    "Japan's Diet enacts security laws …" that day: a bill passed is a law."""
    laws = make_event(
        title="Japan's Diet enacts security laws expanding the role of the Self-Defense Forces",
        edtf="2015-09-19", kind=Event.Kind.POLICY,
    )  # fmt: skip
    laws.actors.add(*Actor.objects.filter(slug__in=["japan", "shinzo-abe"]))
    found = _reported(
        laws, "Japan's upper house approved the package of 11 security bills early Saturday.",
        "2015-09-19",
    )  # fmt: skip
    assert found == [laws]


def test_an_announcement_of_what_is_to_come_tells_nothing_again(actors):
    """ "South Korea announced on Saturday that it would resume food aid": a plan announced, not
    the step done, so not "Japan and South Korea agree to resume security dialogue"."""
    dialogue = make_event(title="Japan and South Korea agree to resume security dialogue",
                          edtf="2015-04-04", kind=Event.Kind.REPORT)  # fmt: skip
    dialogue.actors.add(*Actor.objects.filter(slug__in=["japan", "south-korea"]))
    found = _reported(
        dialogue,
        "South Korea announced on Saturday that it would resume food aid to North Korea.",
        "2015-04-04",
    )
    assert found == [None]


def test_who_says_an_event_happened_is_no_party_to_it(actors):
    """The ministry that says when the rocket was launched tells the launch again; a minister
    who said it at a news conference that evening is another event (his saying it)."""
    launch = make_event(
        title="North Korea's rocket launch fails", edtf="2012-04-13", kind=Event.Kind.REPORT
    )
    launch.actors.add(Actor.objects.get(slug="north-korea"))
    reports = _reports(
        "North Korea's rocket launch failed on Friday. The South Korean Defense Ministry said "
        "the rocket was launched at 7:39 a.m. and broke apart.",
        "2012-04-13",
    )
    assert list(reports.values()) == [launch, launch]
    Event.objects.exclude(pk=launch.pk).delete()
    reports = _reports(
        "North Korea's rocket launch failed on Friday. The South Korean Defense Ministry told "
        "reporters in the evening that the rocket had broken apart.",
        "2012-04-13",
    )

    assert list(reports.values()) == [launch, None]


def test_british_and_american_spellings_are_one_word():
    assert importing._content("defence normalisation honour") == importing._content(
        "defense normalization honor"
    )


def test_an_irregular_past_is_its_verb():
    """ "the Cheonan sank" tells of "Cheonan sinks"; stemming alone can't see it."""
    assert importing._content("the warship sank") == importing._content("warship sinks")


def test_what_the_news_calls_by_several_words_is_one():
    assert importing._content("postpones signing of military intelligence pact") <= (
        importing._content("put off the signing of a military information agreement")
    )
    assert importing._content("launches rocket") == importing._content("the rocket it fired")
    # a plain word is plain in any of its forms
    assert importing._content("Japan's council holds its meetings") == {"conciR"}


def test_an_event_is_not_reported_where_others_of_its_peoples_country_stand_instead(actors):
    """Abe's visit to the shrine is not Aso's, though the words and the year are the same;
    a passage naming Abe among others still reports it."""
    visit = make_event(
        title="Abe visits war-linked Yasukuni Shrine", edtf="2013", kind=Event.Kind.VISIT
    )
    visit.actors.add(Actor.objects.get(slug="shinzo-abe"), Actor.objects.get(slug="japan"))
    make_actor(slug="taro-aso", name_en="Taro Aso", kind=Actor.Kind.PERSON, country="JPN")
    (aso,) = _reports(
        "Deputy Prime Minister Taro Aso visited Yasukuni Shrine on Sunday.",
        "2013-04-23",
    ).values()
    assert aso is None
    (abe,) = _reports(
        "Prime Minister Shinzo Abe and Deputy Prime Minister Taro Aso visited Yasukuni Shrine "
        "on Thursday.",
        "2013-12-27",
    ).values()
    assert abe == visit


def test_a_clause_that_leaves_no_headline_keeps_its_own_words():
    clause = (
        "A South Korean government official said the visit had ended any prospect of a "
        "bilateral security dialogue this year."
    )  # the reporting verb opens it: dropping the report would leave nothing
    title = importing._title(clause, timex.find(clause, date(2013, 12, 27)))
    assert len(title.split()) >= 3
    assert importing._title("Defense Minister Itsunori Onodera, who held talks on June 1") == (
        "Defense Minister Itsunori Onodera holds talks on June 1"
    )


def test_one_clause_giving_one_day_twice_is_one_proposal(actors):
    (visit,) = _proposals(
        "President Lee Myung-bak began a two-day visit to Kyoto on Saturday and attended a dinner "
        "that evening.",
        published=date(2011, 12, 18),
    )
    assert visit.edtf == "2011-12-17/2011-12-18"  # the two-day visit, from its first day
    # arriving for it is the day of the arrival
    (arrived,) = _proposals(
        "Chinese President Xi Jinping arrived in Seoul on Thursday for a two-day state visit.",
        published=date(2014, 7, 4),
    )
    assert arrived.edtf == "2014-07-03"
    # coming home from it is a day; "on Sunday evening" is that day, gone from the headline
    (back,) = _proposals(
        "Lee returned home on Sunday evening from a 2-day visit to Japan.",
        published=date(2011, 12, 19),
    )
    assert (back.edtf, back.title) == ("2011-12-18", "Lee returns home from a 2-day visit to Japan")
    # the days of the noun a which-clause tells of: "a two-day three-way summit …, which ended
    # today"
    (ended,) = _proposals(
        "The two leaders met on the sidelines of a two-day three-way summit in Beijing, which "
        "ended today with a joint declaration.",
        published=date(2012, 5, 14),
    )
    assert ended.edtf == "2012-05-13/2012-05-14"
    # or its owner's: "coincided with Xi Jinping's two-day state visit to Seoul, which began
    # Thursday"
    (began,) = _proposals(
        "The announcement coincided with Chinese President Xi Jinping's two-day state visit to "
        "Seoul, which began Thursday.",
        published=date(2014, 7, 4),
    )
    assert began.edtf == "2014-07-03/2014-07-04"


def test_what_is_done_every_year_since_a_year_goes_on_from_it_to_now(actors):
    (described,) = _proposals(
        "Japan's defense white papers have described the islets as Japanese territory every "
        "year since 2005.",
        published=date(2015, 7, 21),
    )
    assert (described.edtf, described.status) == ("2005/2015-07-21", Event.Status.ONGOING)


@pytest.mark.parametrize(
    ("text", "published", "edtf"),
    [
        ("The carrier took part in four days of exercises with the South Korean navy that ended "
         "on Wednesday.", date(2010, 12, 3), "2010-11-28/2010-12-01"),
        ("About 44,000 troops will take part in the drills around Japan until Dec. 10.",
         date(2010, 12, 3), "2010-12-03/2010-12-10"),
        ("The ruling coalition aims to enact the bills before the Diet session ends on Sept. 27.",
         date(2015, 7, 21), "2015-07-21/2015-09-27"),
        ("Aso must call a general election before the lower house's term expires on Sept. 10.",
         date(2009, 6, 28), "2009-06-28/2009-09-10"),
        # a drill put off until a day is moved there, not running from now
        ("The navy put off its drill until Dec. 10.", date(2010, 12, 3), "2010-12-10"),
    ],
)  # fmt: skip
def test_days_that_ended_on_a_day_end_there_and_what_goes_on_until_a_day_starts_now(
    actors, text, published, edtf
):
    (proposal,) = _proposals(text, published=published)
    assert proposal.edtf == edtf


@pytest.mark.parametrize("speaker", ["He", "The prime minister"])
def test_who_said_it_by_a_pronoun_or_an_office_is_the_person_named_before(actors, speaker):
    _, said = _proposals(
        f"Prime Minister Shinzo Abe met Park on Monday. {speaker} said on Tuesday that Japan "
        "would act.",
        published=date(2015, 11, 4),
    )
    assert said.reporting and "shinzo-abe" in {a.slug for a in said.actors}
    # the name in apposition to a description of the speaker
    (said,) = _proposals(
        "Japan's top government spokesman, Prime Minister Shinzo Abe, said on Tuesday that the "
        "ban was wrong.",
        published=date(2015, 11, 4),
    )
    assert said.reporting and "shinzo-abe" in {a.slug for a in said.actors}
    # the office as a subject, and only the holder of that office
    for office, slugs in [("prime minister", {"shinzo-abe", "japan"}), ("president", set())]:
        _, visited = _proposals(
            f"Prime Minister Shinzo Abe met Park on Monday. The {office} visited the shrine on "
            "Tuesday.",
            published=date(2015, 11, 4),
        )
        assert {a.slug for a in visited.actors} == slugs


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("The South Korean government said Tuesday it would not accept the plan.",
         "South Korean government says it would not accept the plan"),
        ("Japan will work closely with Seoul, Prime Minister Shinzo Abe said Tuesday.",
         "Prime Minister Shinzo Abe says Japan will work closely with Seoul"),
        ("In Tokyo, Park Jie-won, the party's floor leader, said Sunday that the remark was wrong.",
         "Park Jie-won says the remark was wrong"),
        ("“We express deep regret over the decision, which runs counter to every effort made by "
         "both sides to build trust over many years,” the spokesman said on Monday.",
         "Spokesman says “We express deep regret over the decision…”"),
        ("Seoul will not accept it, the ministry said on Monday, adding that it regretted it.",
         "Ministry says Seoul will not accept it"),
    ],
)  # fmt: skip
def test_a_report_is_headlined_who_says_what(actors, sentence, title):
    (said,) = _proposals(sentence, published=date(2013, 2, 12))
    assert said.reporting and said.title == title


def test_a_pronoun_subject_after_a_day_or_before_a_plan_is_who_was_named(actors):
    """ "…, and last week it said it would restart a reactor": the North; "He is scheduled to
    meet his counterpart on Monday": Ihara, and Japan."""
    *_, restart = _proposals(
        "On March 30, Pyongyang declared a state of war, and last week it said it would restart "
        "a plutonium-producing reactor.",
        published=date(2013, 4, 10),
    )
    assert "north-korea" in {a.slug for a in restart.actors}
    _, meet = _proposals(
        "Junichi Ihara arrived in Seoul on Sunday. He is scheduled to meet his counterpart on "
        "Monday.",
        published=date(2014, 7, 1),
    )
    assert {"junichi-ihara", "japan"} <= {a.slug for a in meet.actors}
    assert meet.title == "Junichi Ihara to meet his counterpart"  # not "He to meet …"
    assert restart.title == "North Korea to restart a plutonium-producing reactor"
    # "He was questioned by prosecutors on Aug. 18": a deed done to him, so him
    _, questioned = _proposals(
        "Junichi Ihara arrived in Seoul on Aug. 1. He was questioned by prosecutors on Aug. 18.",
        published=date(2014, 10, 9),
    )
    assert "junichi-ihara" in {a.slug for a in questioned.actors}
    # "…, and that he hoped to …" in what someone told: the one who told it
    *_, hoped = _proposals(
        "Junichi Ihara told reporters on Friday that talks had gone well, and that he hoped to "
        "meet Lee Sang-deok next week.",
        published=date(2014, 7, 4),
    )
    assert {"junichi-ihara", "lee-sang-deok"} <= {a.slug for a in hoped.actors}


def test_the_three_countries_named_long_before_are_the_three_it_names_most(actors):
    filler = " ".join(["The summit was held in a hotel ballroom downtown."] * 35)
    *_, meet = _proposals(
        "Japan, China and South Korea met in Tokyo. China and Japan agreed; South Korea and "
        f"Japan too. {filler} The three countries will meet again next year.",
        published=date(2011, 5, 23),
    )
    assert {"japan", "china", "south-korea"} <= {a.slug for a in meet.actors}


def test_the_three_countries_are_the_three_it_names_most_not_the_three_named_last(actors):
    """A story of Japan, South Korea and China whose last state named is North Korea: "the
    three countries" held their summit without the North."""
    *_, held = _proposals(
        "Japan's Abe met South Korea's president in Seoul on Friday. China and South Korea will "
        "join Japan in Beijing on Saturday. Japan and South Korea urged North Korea to return to "
        "talks. The three countries held their first summit in Fukuoka last December.",
        published=date(2009, 10, 9),
    )
    assert {a.slug for a in held.actors} == {"japan", "south-korea", "china"}


def test_the_two_leaders_are_the_heads_of_government_named_and_they_are_those_two(actors):
    """However long before they were named, and with another official named since; "They"
    after a sentence of the two leaders is those two."""
    Actor.objects.create(slug="lee-myung-bak", kind="person", country="KOR",
                         name_en="Lee Myung-bak", office_en="President of South Korea")  # fmt: skip
    filler = " ".join(["North Korea tested a missile in May."] * 25)  # 900 characters
    *_, condemned, agreed = _proposals(
        f"Prime Minister Shinzo Abe met President Lee Myung-bak on Sunday. {filler} Presidential "
        "secretary Lee Sang-deok spoke on Sunday. The two leaders condemned the rocket launch on "
        "April 5. They also agreed to hold security talks in Tokyo later this year.",
        published=date(2009, 6, 28),
    )
    for proposal in (condemned, agreed):
        assert {"shinzo-abe", "lee-myung-bak"} <= {a.slug for a in proposal.actors}
        assert "lee-sang-deok" not in {a.slug for a in proposal.actors}


def test_their_meeting_after_the_three_is_of_those_three(actors):
    """ "Abe, Ihara and Lee met on Saturday. The three, meeting for an hour, agreed to … It was
    their second three-way meeting, following one a year ago": the three people named last."""
    *_, before = _proposals(
        "Shinzo Abe, Junichi Ihara and Lee Sang-deok met in Singapore on Saturday. The three, "
        "meeting for about an hour, agreed to set up a working group. It was their second "
        "three-way meeting, following one at the same forum a year ago.",
        published=date(2014, 6, 1),
    )
    assert {"shinzo-abe", "junichi-ihara", "lee-sang-deok"} <= {a.slug for a in before.actors}


def test_his_father_and_the_two_who_began_are_who_the_text_named(actors):
    """ "… Junichi Ihara. His predecessor, Akitaka Saiki, retired in May 2013": Ihara too; "The two
    began the talks in April" after a sentence of two people: those two."""
    (retired,) = _proposals(
        "The talks are led by Junichi Ihara. His predecessor, Akitaka Saiki, retired in May 2013.",
        published=date(2014, 7, 4),
    )
    assert "junichi-ihara" in {a.slug for a in retired.actors}
    _, began = _proposals(
        "Junichi Ihara met Lee Sang-deok in Seoul on Monday. The two began the talks in April.",
        published=date(2014, 7, 4),
    )
    assert {"junichi-ihara", "lee-sang-deok"} <= {a.slug for a in began.actors}


def test_both_after_two_people_are_those_two(actors):
    """ "Lee … has yet to hold talks with Ihara. Both are expected to attend the forum next week":
    Lee and Ihara."""
    _, attend = _proposals(
        "Lee Sang-deok, who took office in February, has yet to hold talks with Junichi Ihara. "
        "Both are expected to attend the forum meeting in Bali next week.",
        published=date(2013, 10, 4),
    )
    assert {"lee-sang-deok", "junichi-ihara"} <= {a.slug for a in attend.actors}


def test_who_did_it_in_a_who_clause_is_the_person_or_both_people_before_it(actors):
    *_, met = _proposals(
        "The talks follow an agreement between Junichi Ihara and his South Korean counterpart "
        "Lee Sang-deok, who met in Seoul last month and agreed to reopen the channel.",
        published=date(2015, 4, 14),
    )
    assert {"junichi-ihara", "lee-sang-deok", "japan", "south-korea"} <= {
        a.slug for a in met.actors
    }
    *_, met = _proposals(
        "The talks follow a proposal by Lee Sang-deok, who met Chinese officials in Beijing last "
        "month.",
        published=date(2015, 4, 14),
    )
    assert {"lee-sang-deok", "south-korea"} <= {a.slug for a in met.actors}


def test_talks_of_one_named_state_are_the_articles_two_states(actors):
    """ "Director general-level talks on the issue held their eighth round in Tokyo" in an
    article about Japan and South Korea: both; the six-party talks are not theirs alone."""
    *_, talks = _proposals(
        "Japan and South Korea argue. South Korea and Japan disagree. Director general-level "
        "talks on the issue held their eighth round in Tokyo on June 11.",
        published=date(2015, 6, 22),
    )
    assert {"japan", "south-korea"} <= {a.slug for a in talks.actors}
    *_, six = _proposals(
        "Japan and South Korea argue. South Korea and Japan disagree. The six-party talks "
        "stalled in Beijing in December.",
        published=date(2015, 6, 22),
    )
    assert "south-korea" not in {a.slug for a in six.actors}


def test_which_it_did_is_the_doing_of_what_it_is(actors):
    """ "Pyongyang hinted it could return to the six-party talks, which it quit in April last
    year": the quitting is the North's."""
    *_, quit = _proposals(
        "North Korea has hinted it could return to the six-party talks, which it quit in April "
        "last year.",
        published=date(2010, 10, 13),
    )
    assert (quit.edtf, "north-korea" in {a.slug for a in quit.actors}) == ("2009-04", True)


def test_the_rocket_is_the_one_the_article_told_before_and_of_its_state(actors):
    fired, flew = _proposals(
        "North Korea fired a long-range rocket on Wednesday, defying Japan. Japanese officials "
        "said on Wednesday the rocket flew over Okinawa.",
        published=date(2012, 12, 12),
    )
    assert "north-korea" in {a.slug for a in flew.actors}
    # the one that told that deed, not the one told last
    *_, flew = _proposals(
        "China tested a missile on Wednesday. North Korea fired a rocket on Thursday. Japanese "
        "officials said on Friday the missile flew over Okinawa.",
        published=date(2012, 12, 15),
    )
    assert "china" in {a.slug for a in flew.actors}
    assert "north-korea" not in {a.slug for a in flew.actors}
    # whose paper: the state named last before it where the article says whose
    *_, release = _proposals(
        "South Korea protested on Tuesday after Japan's annual defense white paper described the "
        "islets as Japanese. The white paper was approved by the Cabinet on Tuesday. The paper's "
        "release had been planned for earlier this month.",
        published=date(2015, 7, 21),
    )
    assert "japan" in {a.slug for a in release.actors}


def test_what_an_event_came_after_was_that_long_before_it(actors):
    """ "It came eight months after the sinking": the sinking, eight months before the day
    told; "the talks were held two days after the summit" still counts on."""
    shelling, sinking = _proposals(
        "The North's Nov. 23 shelling of Yeonpyeong island was the first attack on a civilian "
        "area. It came eight months after the sinking of the South Korean warship Cheonan.",
        published=date(2010, 12, 3),
    )
    assert (sinking.edtf, sinking.title) == (
        "2010-03",
        "Sinking of the South Korean warship Cheonan",
    )
    _, talks = _proposals(
        "Park and Abe held a summit on Nov. 2. The talks were held two days after the summit.",
        published=date(2015, 11, 10),
    )
    assert talks.edtf == "2015-11-04"


def test_a_when_clause_tells_what_its_date_saw(actors):
    (talks,) = _proposals(
        "Japan and South Korea have negotiated the pact since January 2011, when Junichi Ihara "
        "and Lee Sang-deok agreed in Seoul to expand defense cooperation."
    )
    assert talks.edtf == "2011-01" and len(talks.clauses) == 2
    assert {"junichi-ihara", "lee-sang-deok"} <= {a.slug for a in talks.actors}
    # a when-clause that dates something else of its own still tells what the day saw
    thaw, anniversary = _proposals(
        "The thaw began on June 22, when Junichi Ihara and Lee Sang-deok attended receptions "
        "marking the normalization of ties in 1965."
    )
    assert thaw.edtf == "2013-06-22" and len(thaw.clauses) == 2
    assert {"junichi-ihara", "lee-sang-deok"} <= {a.slug for a in thaw.actors}
    assert anniversary.edtf == "1965"


def test_the_two_or_three_named_last_are_the_people_a_group_means_with_their_states(actors):
    for slug, name, country in [
        ("park-geun-hye", "Park Geun-hye", "KOR"), ("li-keqiang", "Li Keqiang", "CHN"),
        ("yun-byung-se", "Yun Byung-se", "KOR"), ("fumio-kishida", "Fumio Kishida", "JPN"),
    ]:  # fmt: skip
        make_actor(slug=slug, name_en=name, kind=Actor.Kind.PERSON, country=country)
    *_, three = _proposals(
        "Japanese Prime Minister Shinzo Abe, South Korean President Park Geun-hye and Chinese "
        "Premier Li Keqiang met in Seoul. The three leaders last met in Beijing in May 2012."
    )
    assert {"shinzo-abe", "park-geun-hye", "li-keqiang", "japan", "south-korea", "china"} <= {
        a.slug for a in three.actors
    }
    *_, two = _proposals(
        "Foreign Minister Yun Byung-se spoke with Foreign Minister Fumio Kishida by phone. "
        "The two met on the sidelines of the U.N. General Assembly in September."
    )
    assert {"yun-byung-se", "fumio-kishida", "south-korea", "japan"} <= {a.slug for a in two.actors}
    # NHK World's "The 2", a plural subject
    *_, two = _proposals(
        "Foreign Minister Yun Byung-se spoke with Foreign Minister Fumio Kishida by phone. "
        "The 2 had only met in passing in September."
    )
    assert {"yun-byung-se", "fumio-kishida", "south-korea", "japan"} <= {a.slug for a in two.actors}
    assert two.title.startswith("The 2 only meet ")
    # in any tense: "when the two meet", "the two are to meet"
    *_, two = _proposals(
        "Foreign Minister Yun Byung-se plans to convey Seoul's position to Foreign Minister "
        "Fumio Kishida, when the two meet in New York later this month."
    )
    assert {"yun-byung-se", "fumio-kishida"} <= {a.slug for a in two.actors}
    # "the ministers said" with no two people named before: the clause's other cues
    (suspended,) = [
        p
        for p in _proposals(
            "Japan and South Korea held summits every year until 2011, but have been suspended "
            "since May 2012, the ministers said."
        )
        if p.clauses[0].text.startswith("but")
    ]
    assert {"japan", "south-korea"} <= {a.slug for a in suspended.actors}
    # "…, the ministers said": the two who said it
    *_, said = _proposals(
        "Foreign Minister Yun Byung-se met Foreign Minister Fumio Kishida in Seoul. The next "
        "round of talks will be held in Tokyo by the end of June, the ministers said."
    )
    assert {"yun-byung-se", "fumio-kishida", "japan"} <= {a.slug for a in said.actors}


def test_a_clause_borrows_no_date_still_to_come_and_a_description_none(actors):
    """A past action takes its sentence's date only if that date has passed; a clause that
    describes ("which are controlled by Japan") takes none."""
    proposals = _proposals(
        "The two countries agreed to expand exchanges, and Japan invited South Korea to talks "
        "next year."
    )
    assert [p.edtf for p in proposals] == ["2014"]  # the invitation's, not the agreement's
    proposals = _proposals(
        "China declared its East China Sea Air Defense Identification Zone on Nov. 23, covering "
        "Ieodo and the Senkaku Islands, which are controlled by Japan and claimed by China."
    )
    assert len(proposals) == 1


def test_a_past_action_of_the_two_named_before_takes_its_sentences_date(actors):
    """ "…, and the two diplomats agreed to speed up …": an event of the sentence's date, theirs;
    a clause naming no one is no event ("…, and stopped short of …")."""
    met, agreed = _proposals(
        "Junichi Ihara met Lee Sang-deok in Seoul in November, and the two diplomats agreed to "
        "speed up talks on the issue.",
        published=date(2015, 12, 18),
    )
    assert (agreed.edtf, agreed.derivation.how) == ("2015-11", "same sentence")
    assert {"junichi-ihara", "lee-sang-deok"} <= {a.slug for a in agreed.actors}
    (met,) = _proposals(
        "Junichi Ihara met Lee Sang-deok in Seoul in November, and then stopped short of an "
        "apology.",
        published=date(2015, 12, 18),
    )


def test_a_day_in_what_a_since_clause_tells_is_of_its_past_deed(actors):
    """ "Tension has been rising since the North carried out its third nuclear test on
    Feb. 12": the test, done; "have been negotiating since May 2012" goes on."""
    (test,) = _proposals(
        "Tension has been rising since the North carried out its third nuclear test on Feb. 12.",
        published=date(2013, 4, 10),
    )
    assert (test.edtf, test.status) == ("2013-02-12", Event.Status.OCCURRED)
    (talks,) = _proposals(
        "The two have been negotiating since May 2012.", published=date(2013, 4, 10)
    )
    assert talks.status == Event.Status.ONGOING


def test_the_talks_at_which_a_plan_was_agreed_are_of_the_agreements_day(actors):
    """ "which Pyongyang agreed to set up at talks in Stockholm in May", told in July: the
    talks were in May this year, where it was agreed."""
    (agreed,) = _proposals(
        "Pyongyang agreed to set up the committee at talks in Stockholm in May.",
        published=date(2014, 7, 4),
    )
    assert (agreed.edtf, agreed.status) == ("2014-05", Event.Status.OCCURRED)
    # or in a telephone call: "offered … in a telephone call on Sunday", told on Tuesday
    (offered,) = _proposals(
        "Kim offered Kitazawa the use of military aircraft for relief operations in a telephone "
        "call on Sunday.",
        published=date(2011, 3, 15),
    )
    assert (offered.edtf, offered.status) == ("2011-03-13", Event.Status.OCCURRED)


def test_a_day_after_until_is_the_nearest_one(actors):
    """ "on Friday called for the signing to be put off until the new Assembly convenes on May
    30", told on May 14: this May 30, not last year's."""
    _, until = _proposals(
        "The party on Friday called for the signing to be put off until the new National "
        "Assembly convenes on May 30.",
        published=date(2012, 5, 14),
    )
    assert until.edtf == "2012-05-30"


def test_the_two_koreas_and_an_agreement_of_the_articles_two_states(actors):
    (proposal,) = _proposals(
        "South Korea proposed on Monday that the two Koreas hold high-level talks soon."
    )
    assert {"south-korea", "north-korea"} <= {a.slug for a in proposal.actors}
    (war,) = _proposals("It was the first attack of its kind since the 1950-53 Korean War.")
    assert {"south-korea", "north-korea"} <= {a.slug for a in war.actors}  # its two sides
    text = (
        "Japan and South Korea argue. Tokyo says the 1965 treaty settled all claims. "
        "Seoul and Tokyo disagree."
    )
    (treaty,) = _proposals(text)
    assert {"japan", "south-korea"} <= {a.slug for a in treaty.actors}


def test_a_plan_that_never_took_place_or_was_put_on_hold_is_called_off(actors):
    (meeting,) = _proposals(
        "A trilateral summit that South Korea was to host in 2013 never took place."
    )
    assert meeting.status == Event.Status.CANCELLED
    (pact,) = _proposals(
        "The Lee administration put the General Security of Military Information Agreement on "
        "hold on June 29, less than an hour before it was to be signed in Tokyo.",
        published=date(2012, 8, 31),
    )
    assert (pact.edtf, pact.status) == ("2012-06-29", Event.Status.CANCELLED)
    (pressed,) = _proposals("Seoul on Monday put pressure on Tokyo to restart talks on hold.")
    assert pressed.status == Event.Status.OCCURRED


@pytest.mark.parametrize(
    ("text", "published", "edtf", "status"),
    [
        # the present tense for a day still to come is a plan
        ("The new boundary takes effect on Dec. 15.", date(2013, 12, 9), "2013-12-15",
         Event.Status.PLANNED),
        # so is the present progressive
        ("South Korea is hosting a summit in Seoul on Nov 11-12, and officials have warned the "
         "North could disrupt it.", date(2010, 10, 13), "2010-11-11/2010-11-12",
         Event.Status.PLANNED),
        # a past verb says otherwise: "agreed on Dec. 15", told Dec. 20
        ("The two sides agreed on Dec. 15.", date(2013, 12, 20), None, Event.Status.OCCURRED),
        # a try before pulling out was called off; a try alone was made
        ("The administration tried to sign the pact in secret in June of last year before "
         "pulling out less than an hour before the ceremony.", date(2013, 12, 9), "2012-06",
         Event.Status.CANCELLED),
        ("Japan tried to persuade Seoul on Monday.", date(2013, 12, 9), None,
         Event.Status.OCCURRED),
        ("Abe tried to reassure Park in March that Japan had not scrapped the statement.",
         date(2015, 4, 14), None, Event.Status.OCCURRED),
        # a meeting being arranged for a weekday is the coming one
        ("Kishida is arranging to meet North Korean Foreign Minister Ri Su Yong on Sunday, "
         "diplomatic sources said.", date(2014, 8, 9), "2014-08-10", Event.Status.PLANNED),
    ],
)  # fmt: skip
def test_a_dates_status_is_its_verbs(actors, text, published, edtf, status):
    (proposal,) = _proposals(text, published)
    assert proposal.status == status and proposal.edtf == (edtf or proposal.edtf)


def test_what_only_looks_like_a_calling_off_or_a_meeting_is_not(actors):
    (stops,) = _proposals(
        "South Korea is pulling out all the stops to host the summit in October.",
        date(2014, 9, 9),
    )
    assert stops.status != Event.Status.CANCELLED
    assert importing._kind("The Council imposed a new round of sanctions") != Event.Kind.MEETING


def test_a_plan_by_its_participle_called_off_lies_behind(actors):
    """ "planned for May" tells a plan; with the visit called off, that May is the last one,
    not next year's. Without a calling off, the participle still looks ahead."""
    (visit,) = _proposals(
        "A visit to Seoul by Japan's chief of staff, planned for May, was called off.",
        date(2013, 6, 10),
    )
    assert (visit.edtf, visit.status) == ("2013-05", Event.Status.CANCELLED)
    (visit,) = _proposals("The visit, scheduled for May, will go ahead.", date(2013, 6, 10))
    assert (visit.edtf, visit.status) == ("2014-05", Event.Status.PLANNED)


def test_a_clause_without_a_subject_shares_its_own_sentences(actors):
    """ "…, but have suspended them since 2009": the subject is this sentence's, not the
    article's before it."""
    proposals = _proposals(
        "China protested on Monday. Japan and South Korea held security talks in 1997, but "
        "have suspended them since 2009."
    )
    suspended = next(p for p in proposals if p.edtf == "2009")
    assert {a.slug for a in suspended.actors} == {"japan", "south-korea"}


def test_an_event_is_reported_once_and_the_reactions_to_it_are_not_it(actors):
    """Three clauses of one day share the words of the postponement on the timeline; the one
    that tells it (its status, its kind, its actors) is its citation, the request for it and
    the regret over it are other events."""
    postponed = make_event(
        title="South Korea postpones signing of military intelligence pact with Japan",
        edtf="2012-06-29",
        kind=Event.Kind.AGREEMENT,
        status=Event.Status.CANCELLED,
    )
    postponed.actors.add(*Actor.objects.filter(slug__in=["japan", "south-korea"]))
    reports = _reports(
        "South Korea on Friday put off signing a military intelligence pact with Japan. "
        "Ruling party leaders had asked the government on Friday to delay the signing of the "
        "pact. Tokyo said on Friday that it regretted the postponement of the signing.",
        "2012-06-29",
    )
    assert [title for title, event in reports.items() if event] == [
        "South Korea puts off signing a military intelligence pact with Japan"
    ]


def test_a_plan_tells_no_event_from_another(actors):
    """ "Plans to hold talks" shares only the word of planning with "Planned security meeting
    falls through": the same parties and kind, but nothing that tells the event."""
    fell_through = make_event(
        title="Planned security meeting falls through",
        edtf="2013",
        status=Event.Status.CANCELLED,
    )
    fell_through.actors.add(*Actor.objects.filter(slug__in=["japan", "south-korea"]))
    (reported,) = _reports(
        "South Korea's Defense Ministry plans to hold working-level talks with Japan by year-end.",
        "2013-12-09",
    ).values()
    assert reported is None


def test_a_which_clause_without_a_date_tells_of_its_antecedent(actors):
    """ "…, which held that Japan possesses the right" describes the view of 1972: it is cited
    with it, not proposed again as an event of the same year."""
    (view,) = _proposals(
        "It overturns a position first set out in a government view submitted to parliament "
        "in 1972, which held that Japan possesses the right but cannot exercise it."
    )
    assert view.edtf == "1972" and len(view.clauses) == 2


def test_a_clause_borrows_no_date_where_a_state_began(actors):
    """ "since late 2008" is where the stall began: the call for talks in the same sentence is
    not of 2008 (and with no other date in the sentence, no proposal)."""
    proposals = _proposals(
        "The declaration also called for an early resumption of six-nation talks with North "
        "Korea, which have been stalled since late 2008."
    )
    assert [(p.edtf, p.clauses[-1].text[:5]) for p in proposals] == [("2008-09/2008-12", "which")]


def test_an_anniversary_this_year_marks_is_no_event(actors):
    """ "this year marks the 50th anniversary of ties": the year recalls 1965, it dates
    nothing that happened; the treaty's own year still does."""
    assert not _proposals(
        "The deal came as Japan and South Korea mark the 50th anniversary of their diplomatic "
        "ties this year.",
        published=date(2015, 12, 29),
    )
    assert not _proposals(  # nor next year's centenary
        "Next year marks the centenary of Japan's annexation of the Korean Peninsula.",
        published=date(2009, 10, 9),
    )
    receptions = _proposals(
        "Leaders attended receptions marking the 50th anniversary of the 1965 treaty between "
        "Japan and South Korea on Monday.",
        published=date(2015, 6, 23),
    )
    assert {"2015-06-22", "1965"} <= {p.edtf for p in receptions}


def test_a_plan_named_as_a_noun_says_no_future(actors):
    """ "explained the plan to Washington … the day before the announcement": past, so the day
    before counts from no day still to come; "Japan plans to" is a plan."""
    explained = (
        "The ministry said it had explained the plan to Washington in advance, briefing officials "
        "the day before the announcement."
    )
    assert importing._tense(explained)(explained.index("the day before")) is False
    plans = "Japan plans to brief officials on Monday."
    assert importing._tense(plans)(plans.index("on Monday")) is True
    # a clause of time in the present tense: still to come
    once = "after the new government is formed, possibly in the spring"
    assert importing._tense(once)(once.index("in the spring")) is True
    (spring,) = timex.find(once, date(2013, 2, 22), future=importing._tense(once))
    assert spring.edtf == "2013-21"


def _dates_read(body, published):
    """Each time expression the import reads in a body, by its text: the date it gives."""
    return {t.text: t.edtf for t in importing.expressions(body, published)}


def test_the_day_before_counts_from_a_day_nearby_else_from_the_storys_day():
    """A day named two sentences back is a detail; "the day before" is the story's eve."""
    body = (
        "Investigators announced their findings on Thursday. A part was recovered on May 15. "
        "Ministers met last weekend. The ministry briefed envoys on the results the day before. "
        "Lee visited Seoul on May 10 and left the day after."
    )
    found = _dates_read(body, date(2010, 5, 20))
    assert found["the day before"] == "2010-05-19"
    assert found["the day after"] == "2010-05-11"


def test_a_year_looked_back_on_in_the_past_perfect_keeps_the_day_given_before():
    """ "ruled on Aug. 30 … The case had been brought in 2006. … the same day": the day of the
    ruling; a year told in the simple past ("Seoul first asked in 2006") is a new detail, and
    the same day is the story's."""
    body = (
        "Seoul sent a note to Tokyo on Thursday. The court ruled on Aug. 30 that the government "
        "had failed its duty. The case had been brought in 2006 by a group of former comfort "
        "women. The court handed down a similar decision the same day on another petition."
    )
    found = _dates_read(body, date(2011, 9, 16))
    assert found["the same day"] == "2011-08-30"
    story = body.replace("The case had been brought in 2006", "Seoul first asked in 2006")
    found = _dates_read(story, date(2011, 9, 16))
    assert found["the same day"] == "2011-09-15"


def test_earlier_in_the_day_in_the_past_perfect_is_the_day_told_last():
    """ "On Wednesday Kan spoke with Lee … Lee had spoken with Obama earlier in the day": that
    Wednesday; in the simple past, or with the past perfect only in what was said after it,
    the story's day."""
    body = (
        "Japan pledged on Thursday to stand with Seoul. On Wednesday Kan spoke by telephone with "
        "Lee. The two agreed to work together, an aide said. Lee had spoken with Obama earlier "
        "in the day."
    )

    def earlier(text):
        found = _dates_read(text, date(2010, 11, 25))
        return found["earlier in the day"]

    assert earlier(body) == "2010-11-24"
    assert earlier(body.replace("had spoken", "spoke")) == "2010-11-25"
    told = body.replace("Lee had spoken with Obama earlier in the day", "Lee said earlier in "
                        "the day that he had spoken with Obama")  # fmt: skip
    assert earlier(told) == "2010-11-25"


def test_later_counts_from_the_day_of_what_was_done_not_of_the_noun_it_named():
    """ "adopted a resolution on Aug. 24 condemning Lee's visit to Dokdo on Aug. 10, and the upper
    house passed one five days later": five days after the resolution."""
    body = (
        "The lower house adopted a resolution on Aug. 24 condemning Lee's visit to Dokdo on Aug. "
        "10, and the upper house passed a resolution five days later."
    )
    found = _dates_read(body, date(2012, 9, 12))
    assert found["five days later"] == "2012-08-29"


def test_a_plan_told_as_an_attempt_is_a_past_plan(actors):
    """ "the dialogue the two sides had been trying to arrange this year", ended by the visit:
    the year is the plan's, and the plan is called off."""
    text = (
        "An official said the visit had ended any prospect of a security dialogue the two sides "
        "had been trying to arrange this year."
    )
    (t,) = timex.find(text, date(2013, 12, 27), future=importing._tense(text))
    assert (t.edtf, importing._status(text, t)) == ("2013", Event.Status.CANCELLED)


def test_the_very_span_of_an_event_with_a_word_and_an_actor_reports_it(actors):
    """ "ruled the Korean Peninsula from 1910 to 1945": one word of "Japan's colonial rule of
    Korea" and Japan, but the exact span of years no other event has."""
    rule = make_event(
        title="Japan's colonial rule of Korea", edtf="1910/1945", kind=Event.Kind.POLICY
    )
    rule.actors.add(*Actor.objects.filter(slug__in=["japan", "south-korea"]))
    reports = _reports(
        "Seoul remains wary of Japan, which ruled the Korean Peninsula from 1910 to 1945.",
        "2011-01-11",
    )
    assert rule in reports.values()


def test_what_others_did_as_something_happened_is_another_event(actors):
    """ "…, as President Park and Prime Minister Abe met in The Hague": the meeting is an
    event of its own, of the same month."""
    fired, met = _proposals(
        "In March, North Korea fired two ballistic missiles into the East Sea as Junichi Ihara "
        "and Lee Sang-deok met in The Hague.",
        published=date(2014, 12, 29),
    )
    assert (fired.edtf, met.edtf) == ("2014-03", "2014-03")
    assert met.clauses[0].text.startswith("as Junichi Ihara")
    assert {"junichi-ihara", "lee-sang-deok"} <= {a.slug for a in met.actors}


def test_its_spokesman_speaks_for_the_body_named_before(actors):
    """ "Its spokesman": the body the sentence before named, not a state or a person."""
    (briefing,) = _proposals(
        "South Korea's Defense Ministry said it would keep working with the United States. "
        "Its spokesman had made a similar point at a briefing in May."
    )
    assert "south-korea-defence-ministry" in {a.slug for a in briefing.actors}


def test_a_calling_off_dated_later_in_its_sentence_leaves_what_came_before(actors):
    """ "negotiated pacts in 2011, but both were shelved after Seoul called off the signing in
    June 2012": the negotiation happened; the calling off is the event of June 2012."""
    negotiated, called_off = _proposals(
        "Japan and South Korea negotiated two pacts in 2011, but both were shelved after Seoul "
        "called off the signing in June 2012."
    )
    assert (negotiated.edtf, negotiated.status) == ("2011", Event.Status.OCCURRED)
    assert (called_off.edtf, called_off.status) == ("2012-06", Event.Status.CANCELLED)


@pytest.mark.parametrize(
    ("text", "slugs"),
    [
        # "In March, it fired…": the state the sentence before was about
        ("North Korea launched a long-range rocket in December 2012. In March, it fired two "
         "ballistic missiles into the East Sea.", {"north-korea"}),
        # "the ministry said it had explained…": the ministry the article named last
        ("Seoul expanded its zone on Sunday, South Korea's Defense Ministry said. The ministry "
         "said it had explained the plan to Washington the day before.",
         {"south-korea-defence-ministry"}),
        # "it was" and "it is" say how things stand, and refer to nothing
        ("North Korea fired a missile on Sunday. It was unclear on Monday whether Japan would "
         "respond.", set()),
        # "He last visited the shrine": the person
        ("On Saturday, Shinzo Abe sent a ritual offering to Yasukuni Shrine. He last visited the "
         "shrine in December 2013.", {"shinzo-abe"}),
        # "the country conducted a test": the state
        ("The North's previous launch, in April 2009, also failed, and the country conducted its "
         "second nuclear test the following month.", {"north-korea"}),
        # "the council, which held its inaugural meeting": the council named before, and its state
        ("Japan's National Security Council met on Monday. It was the first time the council, "
         "which held its inaugural meeting on Dec. 4, 2012, had convened for an emergency.",
         {"japan", "japan-nsc"}),
    ],
)  # fmt: skip
def test_it_he_and_the_ministry_are_what_the_article_named_before(actors, text, slugs):
    make_actor(slug="japan-nsc", name_en="National Security Council", country="JPN",
               kind=Actor.Kind.GOVERNMENT_BODY)  # fmt: skip
    *_, last = _proposals(text)
    found = {a.slug for a in last.actors}
    assert slugs <= found if slugs else "north-korea" not in found


def test_a_time_after_a_relative_clause_is_the_main_clauses(actors):
    """ "Abe told reporters after convening a meeting of the council, which groups key
    ministers, in the early afternoon": Abe convened it in the afternoon; the relative clause
    is no event of its own."""
    (convened,) = _proposals(
        '"This is unacceptable," Shinzo Abe told reporters after convening a meeting of the '
        "National Security Council, which groups key cabinet ministers, in the early afternoon."
    )
    assert convened.title == "Shinzo Abe convenes a meeting of the National Security Council"
    assert convened.clauses[0].text.startswith("Shinzo Abe told reporters")
    assert "shinzo-abe" in {a.slug for a in convened.actors}


def test_the_leaders_of_states_are_their_heads_the_article_names(actors):
    """ "The leaders of South Korea and Japan": the president and prime minister the article
    names, where it names one of each."""
    make_actor(slug="park-geun-hye", name_en="Park Geun-hye", country="KOR", kind=Actor.Kind.PERSON,
               office_en="President of South Korea")  # fmt: skip
    met, *_ = _proposals(
        "The leaders of South Korea and Japan met on Sunday. Park Geun-hye and Shinzo Abe "
        "agreed to speed up talks."
    )
    assert {"park-geun-hye", "shinzo-abe", "japan", "south-korea"} <= {a.slug for a in met.actors}


def test_the_summits_are_those_the_article_told_of(actors):
    """ "The summits, first held in 2008, …": the states of the summit told of before."""
    held, first = _proposals(
        "Japan, China and South Korea held a summit on Sunday. The summits, first held as a "
        "stand-alone meeting in 2008, were suspended."
    )
    assert {a.slug for a in first.actors} == {"japan", "china", "south-korea"}
    # "The previous round of the dialogue, held in Tokyo": the talks told of before, by
    # another of their names, though the clause names one state (where they were held)
    held, previous = _proposals(
        "South Korea and Japan held security talks in Seoul on Tuesday. The previous round of "
        "the dialogue, held in Tokyo in December 2009, proved to be the last for years."
    )
    assert {"japan", "south-korea"} <= {a.slug for a in previous.actors}
    # the meeting that names it, not the last meeting told; and no states where the clause
    # names another's doings ("The latest drills by North Korea")
    *_, previous = _proposals(
        "South Korea and Japan held security talks in Seoul on Tuesday. China and the United "
        "States held a summit in Beijing on Wednesday. The previous round of the talks, held in "
        "Tokyo in December 2009, proved to be the last for years."
    )
    assert {a.slug for a in previous.actors} == {"japan", "south-korea"}
    *_, latest = _proposals(
        "South Korea and the United States held joint drills on Monday. The latest drills by "
        "North Korea, on Friday, drew protests."
    )
    assert {a.slug for a in latest.actors} == {"north-korea"}
    # a round by its number in figures
    _, eighth = _proposals(
        "South Korea and Japan held talks on the issue in Seoul in May. The 8th round was held "
        "in Tokyo on June 11th.",
        published=date(2015, 6, 22),
    )
    assert {"japan", "south-korea"} <= {a.slug for a in eighth.actors}


def test_both_candidates_are_the_two_people_named_last(actors):
    """ "Lee Sang-deok and Junichi Ihara are running. Both candidates condemned the launch on
    Wednesday": those two."""
    *_, condemned = _proposals(
        "Lee Sang-deok and Junichi Ihara are running. Both candidates condemned the launch on "
        "Wednesday.",
        published=date(2012, 12, 13),
    )
    assert {"lee-sang-deok", "junichi-ihara"} <= {a.slug for a in condemned.actors}


def test_a_plan_with_a_deadline_reports_the_event_that_came_later(actors):
    """ "aim to complete the revision of the guidelines by year-end": the revision the timeline
    has in April of the next year; deadlines slip, when the plan names the event plainly. A
    plan dated by its own day does not."""
    revision = make_event(
        title="Japan–US defence cooperation guidelines to be revised",
        edtf="2015-04-27",
        kind=Event.Kind.AGREEMENT,
        status=Event.Status.PLANNED,
    )
    revision.actors.add(*Actor.objects.filter(slug__in=["japan", "united-states"]))
    assert _reported(
        revision,
        "Tokyo and Washington aim to complete the revision of the Japan-U.S. Guidelines for "
        "Defense Cooperation by year-end.",
        "2014-07-02",
    ) == [revision]
    assert _reported(
        revision,
        "Tokyo and Washington will complete the revision of the Japan-U.S. Guidelines for "
        "Defense Cooperation on Dec. 20.",
        "2014-07-02",
    ) == [None]
    # past its deadline, a word or two in common is not enough: "a joint study on a trade
    # pact by year-end" is not the intelligence pact postponed the next June
    postponed = make_event(
        title="South Korea postpones signing of military intelligence pact with Japan",
        edtf="2012-06-29", kind=Event.Kind.AGREEMENT,
    )  # fmt: skip
    postponed.actors.add(*Actor.objects.filter(slug__in=["japan", "south-korea"]))
    assert _reported(
        postponed,
        "Japan and South Korea agreed to complete a joint study on a trade pact by year-end.",
        "2011-05-23",
    ) == [None]


def test_an_agreement_to_do_something_later_is_two_events(actors):
    """ "have agreed to resume the dialogue later this month": the agreement, news of the
    article's day, and the dialogue planned for later this month."""
    agreed, planned = _proposals(
        "Japan and South Korea have broadly agreed to resume a long-suspended security dialogue "
        "later this month, diplomatic sources said.",
        published=date(2015, 4, 5),
    )
    assert (agreed.edtf, agreed.status, agreed.kind) == (
        "2015-04-05", Event.Status.OCCURRED, Event.Kind.AGREEMENT
    )  # fmt: skip
    assert agreed.title.startswith("Japan and South Korea broadly agree to resume")
    assert (planned.edtf, planned.status) == ("2015-04-05/2015-04-30", Event.Status.PLANNED)
    assert planned.title == "Japan and South Korea to resume a long-suspended security dialogue"
    # an effort under way, of the day a source said so, and its plan
    pushing, planned = _proposals(
        "South Korea is pushing to resume security consultations with Japan later this year, a "
        "government source said Tuesday.",
        published=date(2014, 9, 9),
    )
    assert (pushing.edtf, pushing.status) == ("2014-09-09", Event.Status.OCCURRED)
    assert (planned.edtf, planned.status) == ("2014-09-09/2014-12-31", Event.Status.PLANNED)


def test_a_relative_clause_with_its_own_date_is_its_own_event(actors):
    """ "Abe, who arrived in Seoul on Saturday, held talks with Park on Sunday": the arrival on
    Saturday and the talks on Sunday, each Abe's, titled with his name."""
    arrived, held = _proposals(
        "Shinzo Abe, who arrived in Seoul on Saturday on an official visit, held talks with "
        "South Korea's president on Sunday.",
        published=date(2015, 11, 2),
    )
    assert (arrived.edtf, arrived.title) == (
        "2015-10-31",
        "Shinzo Abe arrives in Seoul on an official visit",
    )
    assert (held.edtf, held.title) == (
        "2015-11-01",
        "Shinzo Abe holds talks with South Korea's president",
    )
    assert "shinzo-abe" in {a.slug for a in arrived.actors} & {a.slug for a in held.actors}


def test_a_report_names_who_said_it(actors):
    """ "Japan will work with Seoul…, Prime Minister Shinzo Abe said Tuesday, after …": the
    statement is Abe's; a person it only mentions is not its party."""
    (said,) = _proposals(
        "Japan will work closely with South Korea to seek tougher sanctions against North Korea "
        "and meet Junichi Ihara, Prime Minister Shinzo Abe said Tuesday, after the test."
    )
    assert said.reporting and "shinzo-abe" in {a.slug for a in said.actors}
    assert "junichi-ihara" not in {a.slug for a in said.actors}
    (said,) = _proposals("Shinzo Abe said Tuesday that Japan would explain its plans to Seoul.")
    assert said.reporting and "shinzo-abe" in {a.slug for a in said.actors}
    (said,) = _proposals(
        "Shinzo Abe, who leads the ruling party, told lawmakers on Thursday that Japan would "
        "respond firmly."
    )  # a relative clause between the speaker and the verb
    assert said.reporting and "shinzo-abe" in {a.slug for a in said.actors}
    (said,) = _proposals(
        "Shinzo Abe's planned visit to Seoul has been postponed, the ministry said Friday."
    )  # whose doings a report tells
    assert said.reporting and "shinzo-abe" in {a.slug for a in said.actors}


def test_what_came_hours_after_is_of_that_day_and_the_report_before_it_stays(actors):
    """ "…, hours after Tokyo lifted the ban": a clause of its own, of the report's day; the
    saying is news of its own, not a report of what came before it."""
    said, lifted = _proposals(
        "South Korea said Tuesday it will never accept any exercise of collective self-defense by "
        "Japan without Seoul's consent, hours after Tokyo lifted a decades-old ban on its "
        "military fighting abroad.",
        published=date(2014, 7, 1),
    )
    assert (said.edtf, said.reporting) == ("2014-07-01", True)
    assert lifted.edtf == "2014-07-01" and lifted.clauses[0].text.startswith("hours after Tokyo")
    # and what a meeting came two days after, two days before it
    _, dialogue = _proposals(
        "Japan and South Korea held talks on Saturday. The meeting came two days after Japanese "
        "and Chinese officials held their first security dialogue in four years.",
        published=date(2015, 3, 22),
    )
    assert dialogue.edtf == "2015-03-19"


def test_after_opens_a_clause_only_before_a_verb(actors):
    """ "after his father … died last December" is another event; "shortly after liftoff and
    plunged" is one clause, its date the sentence's."""
    died = _proposals(
        "Kim Jong Un took power after his father, Kim Jong Il, died last December.",
        published=date(2012, 12, 12),
    )[-1]
    assert died.edtf == "2011-12" and died.clauses[-1].text.startswith("after his father")
    joined, test = _proposals(
        "South Korea on Tuesday joined the initiative, a day after North Korea conducted its "
        "second nuclear test.",
        published=date(2009, 5, 26),
    )
    assert (joined.edtf, test.edtf) == ("2009-05-26", "2009-05-25")
    joined, test = _proposals(
        "South Korea on Tuesday joined the initiative, a day after the North conducted its "
        "second nuclear test.",
        published=date(2009, 5, 26),
    )
    assert test.edtf == "2009-05-25"
    (said,) = _proposals(
        "The agency said about four hours after the launch that the satellite had failed.",
        published=date(2012, 4, 13),
    )  # "that" opens what was said, not the clause of "after"
    assert said.clauses[0].text.endswith("had failed.")
    (named,) = _proposals(
        "Hours after the failure, parliament named Kim first chairman of the commission.",
        published=date(2012, 4, 13),
    )  # a time, not a clause
    assert named.edtf == "2012-04-13" and named.clauses[0].text.startswith("Hours after")
    (imposed,) = _proposals(
        "An hour after the launch, Japan imposed sanctions.", published=date(2012, 4, 13)
    )
    assert imposed.clauses[0].text.startswith("An hour after")
    (broke,) = _proposals(
        "In April, a rocket broke apart shortly after liftoff and plunged into the sea.",
        published=date(2012, 12, 12),
    )
    assert broke.edtf == "2012-04" and broke.clauses[-1].text.endswith("plunged into the sea.")


def test_a_report_a_noun_names_with_its_month_is_its_own_and_a_who_clause_ends_at_is(actors):
    """ "voiced concern over Tokyo's report in June on how the Kono statement was drafted": the
    report of June, not the concern; "Aso, who met Park on Feb. 25, is the most senior …": the
    meeting, told without what Aso is."""
    (report,) = _proposals(
        "Yun voiced concern over Tokyo's report in June on how the Kono statement was drafted.",
        published=date(2014, 8, 9),
    )
    assert report.edtf == "2014-06"
    assert report.title == "Tokyo's report on how the Kono statement was drafted (in June)"
    met, *_ = _proposals(
        "Taro Aso, who met Park when he attended her inauguration on Feb. 25, is the most senior "
        "official to visit the shrine.",
        published=date(2013, 4, 22),
    )
    assert met.edtf == "2013-02-25" and "shrine" not in met.clauses[0].text


def test_what_is_under_way_in_someones_words_is_no_proposal(actors):
    """ "Seoul is considering a visit" is under way this month; "'The crisis is being used as a
    lever, and the government is letting it happen,' said a researcher" is a view."""
    (considering,) = _proposals("South Korea is considering a visit by its defense minister.")
    assert (considering.edtf, considering.status) == ("2013-07", Event.Status.ONGOING)
    assert not _proposals(
        '"The crisis is being used as a lever, and the government is letting it happen," said '
        "a researcher at the Korea Institute for Defense Analyses."
    )
    # a quotation the sentence before closed does not make the next sentence quoted
    *_, considering = _proposals(
        "He said on Monday the talks ended.” South Korea is considering a visit by its "
        "defense minister."
    )  # the sentence splitter leaves the closing mark to the next sentence
    assert considering.status == Event.Status.ONGOING


def test_an_attack_a_noun_names_with_its_date_is_its_own(actors):
    """ "…in a show of unity after the North's deadly artillery attack on Yeonpyeong Island on
    Nov. 23": the attack on its day, apart from the warning on Monday."""
    warned, attack = _proposals(
        "The foreign ministers on Monday warned North Korea in a show of unity after the "
        "North's deadly artillery attack on Yeonpyeong Island on Nov. 23.",
        published=date(2010, 12, 7),
    )
    assert warned.edtf == "2010-12-06"
    assert attack.edtf == "2010-11-23" and "attack on Yeonpyeong" in attack.title
    assert "north-korea" in {a.slug for a in attack.actors}  # "the North's": with its article
    assert attack.title.startswith("The North's deadly artillery attack")


def test_an_event_a_date_names_with_no_one_is_the_home_countrys(actors):
    """ "the March 11 earthquake", in a story written from Tokyo, is Japan's."""
    index = ActorIndex(Actor.objects.all())
    text = "Relief work after the March 11 earthquake slowed the talks."
    (quake,) = importing.propose(text, date(2011, 8, 2), index.for_article(text, "JPN"))
    assert [a.slug for a in quake.actors] == ["japan"]


def test_a_noun_a_year_dates_ends_before_what_is_said_of_it(actors):
    """ "Tokyo's re-examination of how the 1993 Kono statement on the “comfort women” was
    drafted": the Kono statement, titled by its noun alone."""
    statement, *_ = _proposals(
        "Tokyo's re-examination of how the 1993 Kono statement on the “comfort women” was "
        "drafted has rankled Seoul, and the government will report to the Diet later this month.",
        published=date(2014, 6, 1),
    )
    assert statement.title == "Kono statement (1993)"
    visit, *_ = _proposals(
        "Relations soured after the 2012 Dokdo island visit by President Lee Myung-bak.",
        published=date(2014, 6, 1),
    )
    assert visit.title.startswith("Dokdo island visit")


def test_an_event_a_noun_names_with_its_own_date_is_its_own(actors):
    """ "…never took place as relations soured over Japan's purchase in September 2012 of
    islands also claimed by China, and over Abe's visit in December 2013 to Yasukuni Shrine":
    the purchase and the visit, each cited by its noun phrase; the meeting keeps its own date."""
    meeting, purchase, visit = _proposals(
        "A meeting that South Korea was to host in 2013 never took place as relations soured "
        "over Japan's purchase in September 2012 of islands also claimed by China, and over "
        "Shinzo Abe's visit in December 2013 to Yasukuni Shrine.",
        published=date(2015, 11, 1),
    )
    assert (meeting.edtf, meeting.status) == ("2013", Event.Status.CANCELLED)
    assert (purchase.edtf, purchase.title) == (
        "2012-09", "Japan's purchase of islands also claimed by China (September 2012)"
    )  # fmt: skip
    assert (
        purchase.clauses[0].text
        == "Japan's purchase in September 2012 of islands also claimed by China"
    )
    assert (visit.edtf, visit.title) == (
        "2013-12",
        "Shinzo Abe's visit to Yasukuni Shrine (December 2013)",
    )
    assert "shinzo-abe" in {a.slug for a in visit.actors}
    # "North Korea's rocket launch earlier this month", "the Cabinet's decision early last
    # month": the noun's own date, not the signing's on Thursday
    signed, launch = _proposals(
        "The ministers signed a letter of intent Thursday, and agreed that North Korea's rocket "
        "launch earlier this month posed a serious threat.",
        published=date(2009, 4, 24),
    )
    assert signed.edtf == "2009-04-23"
    assert (launch.edtf, launch.title) == (
        "2009-04-01/2009-04-24", "North Korea's rocket launch (earlier this month)"
    )  # fmt: skip
    # "the sinking of a warship in March" after the clause's own day: named, owner or none
    welcomed, sinking = _proposals(
        "Japan on Saturday welcomed a U.N. Security Council presidential statement condemning "
        "the sinking of a South Korean warship in March.",
        published=date(2010, 7, 10),
    )
    assert welcomed.edtf == "2010-07-10"
    assert (sinking.edtf, sinking.title, sinking.named) == (
        "2010-03", "The sinking of a South Korean warship (in March)", True
    )  # fmt: skip
    # with no other date the clause's verb has it
    (condemned,) = _proposals(
        "Japan condemned the sinking of a South Korean warship in March.",
        published=date(2010, 7, 10),
    )
    assert condemned.title.startswith("Japan condemns")


def test_who_is_due_somewhere_on_a_day_is_still_to_come(actors):
    """ "Kerry is due in Seoul on Friday", told on Wednesday: that Friday, planned."""
    (due,) = _proposals("Kerry is due in Seoul on Friday.", published=date(2013, 4, 10))
    assert (due.edtf, due.status) == ("2013-04-12", Event.Status.PLANNED)
    (was,) = _proposals("Kerry was in Seoul on Friday.", published=date(2013, 4, 10))
    assert (was.edtf, was.status) == ("2013-04-05", Event.Status.OCCURRED)


def test_what_is_due_out_is_still_to_come(actors):
    """ "It has warned of a response if Tokyo repeats the claim in its white paper, due out in
    the summer", told in April: this summer's paper, planned."""
    (due,) = _proposals(
        "Seoul has warned of a stern response if Tokyo repeats the claim in its annual defense "
        "white paper, due out in the summer.",
        published=date(2014, 4, 16),
    )
    assert (due.edtf, due.status) == ("2014-22", Event.Status.PLANNED)


def test_what_was_set_up_on_a_day_happened(actors):
    """ "A statue was set up in front of the embassy on Dec. 14": done, not a plan; "was set
    for Dec. 14" is one."""
    (statue,) = _proposals(
        "A statue was set up in front of the Japanese Embassy in Seoul on Dec. 14.",
        published=date(2012, 3, 27),
    )
    assert (statue.edtf, statue.status) == ("2011-12-14", Event.Status.OCCURRED)
    (signing,) = _proposals(
        "The signing with Japan was set for Dec. 14.", published=date(2012, 3, 27)
    )
    assert signing.status != Event.Status.OCCURRED


def test_what_a_plan_follows_came_before_it(actors):
    """ "are due to meet later this month, following an agreement … on May 31", told in July:
    the agreement's May 31 is behind, not next year's."""
    meet, agreed = _proposals(
        "Defense officials are due to meet in Washington later this month, following an "
        "agreement by the defense chiefs in Singapore on May 31.",
        published=date(2014, 7, 4),
    )
    assert (meet.edtf, meet.status) == ("2014-07-04/2014-07-31", Event.Status.PLANNED)
    assert (agreed.edtf, agreed.status) == ("2014-05-31", Event.Status.OCCURRED)


def test_a_plan_after_a_name_ending_in_a_is_a_plan(actors):
    """ "Kitazawa plans to visit Seoul in January": "a plans" is no article before a noun."""
    (visit,) = _proposals(
        "Defense Minister Toshimi Kitazawa plans to visit Seoul in January, sources said.",
        published=date(2010, 12, 7),
    )
    assert (visit.edtf, visit.status) == ("2011-01", Event.Status.PLANNED)


def test_a_clause_going_on_with_its_subject_is_the_same_event(actors):
    """ "met Hagel in Singapore in late May, and agreed on the need to share information":
    one meeting, not a second proposal for the agreement made at it."""
    (met,) = _proposals(
        "Japan and South Korea met U.S. officials in Singapore in late May, and agreed on the "
        "need to share information on North Korea."
    )
    assert met.clauses[-1].text.startswith("and agreed on the need")
    assert "north-korea" in {a.slug for a in met.actors}


def test_a_report_of_two_peoples_meeting_on_its_very_day_is_that_meeting(actors):
    """ "Hatoyama and Lee agreed Friday to build future-oriented relations": no word of the
    timeline's "Lee and Hatoyama hold summit in Seoul", but its two people on its very day."""
    summit = make_event(title="Lee Myung-bak and Yukio Hatoyama hold summit in Seoul",
                        edtf="2009-10-09", kind=Event.Kind.MEETING)  # fmt: skip
    people = [
        make_actor(slug="lee-myung-bak", name_en="Lee Myung-bak", kind=Actor.Kind.PERSON),
        make_actor(slug="yukio-hatoyama", name_en="Yukio Hatoyama", kind=Actor.Kind.PERSON),
    ]
    summit.actors.add(*people)
    assert _reported(
        summit,
        "Prime Minister Yukio Hatoyama and President Lee Myung-bak agreed Friday to build "
        "future-oriented relations.",
        "2009-10-09",
    ) == [summit]
    assert _reported(
        summit,
        "Prime Minister Yukio Hatoyama and President Lee Myung-bak agreed on Thursday to build "
        "future-oriented relations.",
        "2009-10-09",
    ) == [None]  # another day
    # all its actors, three at least, on its very day, though one of its people only
    summit.actors.set([people[0], *Actor.objects.filter(slug__in=["japan", "south-korea"])])
    assert _reported(
        summit,
        "President Lee Myung-bak will host Japanese Prime Minister Yukio Hatoyama on "
        "Friday, as South Korea and Japan mend ties.",
        "2009-10-07",
    ) == [summit]
    # not a passage naming its states alone: "drawing protests from Japan, China and South Korea"
    trilateral = make_event(title="Trilateral summit in Seoul", edtf="2009-10-09",
                            kind=Event.Kind.MEETING)  # fmt: skip
    trilateral.actors.set(Actor.objects.filter(slug__in=["japan", "south-korea", "china"]))
    assert _reported(
        trilateral,
        "North Korea fired a missile into the sea on Friday, drawing protests from Japan, China "
        "and South Korea.",
        "2009-10-10",
    ) == [None]


def test_a_report_of_two_people_on_a_day_of_their_visit_is_that_visit(actors):
    """ "Aso and Lee talked for an hour on Monday", "Lee hosted a dinner for Aso on Sunday": two
    of its people on days of "Aso visits Seoul" (Jan. 11-12), each a passage of that visit; not
    a day after it, nor a day of a span longer than a week."""
    visit = make_event(title="Taro Aso visits Seoul and holds a summit with Lee Myung-bak",
                       edtf="2009-01-11/2009-01-12", kind=Event.Kind.VISIT)  # fmt: skip
    visit.actors.add(
        make_actor(slug="lee-myung-bak", name_en="Lee Myung-bak", kind=Actor.Kind.PERSON),
        make_actor(slug="taro-aso", name_en="Taro Aso", kind=Actor.Kind.PERSON),
    )
    told = (
        "Prime Minister Taro Aso and President Lee Myung-bak talked for about an hour on Monday. "
        "President Lee Myung-bak hosted a dinner for Prime Minister Taro Aso on Sunday."
    )
    assert _reported(visit, told, "2009-01-12") == [visit, visit]
    assert _reported(visit, told.replace("Monday", "Tuesday"), "2009-01-13") == [None, visit]
    visit.edtf = "2009-01-05/2009-01-12"
    visit.save()
    assert _reported(visit, told.replace("about an hour", "an hour"), "2009-01-12") == [None, None]


def test_a_day_naming_a_noun_is_that_nouns_event(actors):
    """ "Kan, Lee and Wen agreed Sunday to share information on accidents at the plant, crippled
    by the March 11 earthquake and tsunami": the agreement on Sunday, and the earthquake of
    March 11, which the timeline has."""
    quake = make_event(title="Great East Japan Earthquake and tsunami strike northeastern Japan",
                       edtf="2011-03-11")  # fmt: skip
    quake.actors.add(Actor.objects.get(slug="japan"))
    reports = _reports(
        "Naoto Kan and Lee Myung-bak agreed Sunday to share information on accidents at the "
        "plant, crippled by the March 11 earthquake and tsunami.",
        "2011-05-23",
    )
    assert list(reports.values()) == [None, quake]
    assert [e.edtf for e in Event.objects.exclude(pk=quake.pk).order_by("pk")] == [
        "2011-05-22", "2011-03-11"
    ]  # fmt: skip
    # "The North's Nov. 23 shelling": its owner, with its article, is read
    (shelling,) = _proposals(
        "The North's Nov. 23 shelling of Yeonpyeong Island killed four.", date(2010, 12, 3)
    )
    assert shelling.edtf == "2010-11-23"
    assert "north-korea" in {a.slug for a in shelling.actors}


def test_another_passage_of_the_very_event_by_its_own_people_cites_it_too(actors):
    """ "On Friday they confirmed …" is the summit again: its day, and only its people; a
    group that protested against it the same day is a reaction."""
    summit = make_event(title="Lee Myung-bak and Yukio Hatoyama hold summit in Seoul",
                        edtf="2009-10-09", kind=Event.Kind.MEETING)  # fmt: skip
    summit.actors.add(
        make_actor(slug="lee-myung-bak", name_en="Lee Myung-bak", kind=Actor.Kind.PERSON,
                   country="KOR"),
        make_actor(slug="yukio-hatoyama", name_en="Yukio Hatoyama", kind=Actor.Kind.PERSON,
                   country="JPN"),
        *Actor.objects.filter(slug__in=["japan", "south-korea"]),
    )  # fmt: skip
    reported = _reported(
        summit,
        "Prime Minister Yukio Hatoyama and President Lee Myung-bak held a summit in Seoul on "
        "Friday. On Friday they also confirmed that they would keep up shuttle diplomacy. The "
        "Korean Council for Justice, a civic group, protested in Seoul against the summit on "
        "Friday.",
        "2009-10-09",
    )
    assert reported == [summit, summit, None]


def test_what_came_the_same_day_as_an_event_is_not_it(actors):
    """ "Lee's visit to the islets last Friday" is the visit on the timeline; "Tokyo recalled
    its ambassador the same day Lee made the trip" is the day's reaction, though its parties
    are the visit's."""
    visit = make_event(title="President Lee Myung-bak visits the islets disputed with Japan",
                       edtf="2012-08-10", kind=Event.Kind.VISIT)  # fmt: skip
    visit.actors.add(
        make_actor(slug="lee-myung-bak", name_en="Lee Myung-bak", kind=Actor.Kind.PERSON,
                   country="KOR"),
        *Actor.objects.filter(slug__in=["japan", "south-korea"]),
    )  # fmt: skip
    text = (
        "Japan has put off a meeting in protest at President Lee Myung-bak's visit to the "
        "islets in the East Sea last Friday. Tokyo recalled its ambassador to Seoul {} Lee "
        "made the trip to the islets, and summoned the Korean ambassador."
    )
    for same_day in ("the same day", "on the same day", "that same day"):  # however it is said
        assert _reported(visit, text.format(same_day), "2012-08-13") == [visit, None]


def test_a_plan_is_matched_by_what_tells_it_not_by_a_later_sentence_describing_plans(actors):
    """A plan's proposal also cites a later undated plan ("would speed up talks on a pact"),
    but only its own sentence tells what it is: not the pact's postponement the next year.
    "Will be sworn in" is the inauguration on the timeline ("takes office")."""
    postponed = make_event(
        title="South Korea postpones signing of military intelligence pact with Japan",
        edtf="2012-06-29", kind=Event.Kind.AGREEMENT, status=Event.Status.CANCELLED,
    )  # fmt: skip
    postponed.actors.add(*Actor.objects.filter(slug__in=["japan", "south-korea"]))
    reported = _reported(
        postponed,
        "At yesterday's summit, Yoshihiko Noda handed over five volumes of royal texts and said "
        "the remaining volumes would be returned to South Korea by the end of the year. Officials "
        "said Seoul and Tokyo would speed up talks on a pact to share military intelligence, "
        "though no date for its signing was set.",
        "2011-10-20",
    )
    assert postponed not in reported
    sworn = make_event(title="Park Geun-hye takes office as President of South Korea",
                       edtf="2013-02-25", kind=Event.Kind.POLICY)  # fmt: skip
    sworn.actors.add(make_actor(slug="park-geun-hye", name_en="Park Geun-hye", country="KOR",
                                kind=Actor.Kind.PERSON))  # fmt: skip
    assert sworn in _reported(
        sworn,
        "Park Geun-hye, who will be sworn in on Monday, has said she will not compromise.",
        "2013-02-23",
    )


def test_a_compound_adjective_is_no_past_verb_and_talks_that_broke_off_were_called_off(actors):
    """ "was to hold closed-door consultations later": a plan ("closed" is no verb there);
    "negotiations broke off in 2004": called off."""
    (held,) = _proposals(
        "The Security Council was to hold closed-door consultations on Wednesday.",
        published=date(2012, 12, 10),
    )
    assert held.status == Event.Status.PLANNED
    (talks,) = _proposals("Negotiations on a free trade agreement broke off in 2004.")
    assert talks.status == Event.Status.CANCELLED


def test_they_their_and_the_three_countries_are_who_the_article_named_last(actors):
    """ "they confirmed": the two people named last, and their states; "The three countries
    held…, and their foreign ministers met…": the three states named last."""
    *_, confirmed = _proposals(
        "Shinzo Abe met Junichi Ihara in Seoul on Friday. On Saturday they confirmed that they "
        "would keep up shuttle diplomacy."
    )
    assert {"shinzo-abe", "junichi-ihara", "japan"} <= {a.slug for a in confirmed.actors}
    *_, held, met = _proposals(
        "Japan's Abe will fly to Beijing for talks with China and South Korea on Saturday. "
        "The three countries held their first summit in Fukuoka last December, and their foreign "
        "ministers met in Shanghai late last month."
    )
    assert {a.slug for a in held.actors} >= {"japan", "china", "south-korea"}
    assert {a.slug for a in met.actors} >= {"japan", "china", "south-korea"}
    # in figures, as NHK World writes them
    _, stepped = _proposals(
        "Japan and South Korea marked the day on Monday. Far from Seoul, the 2 countries "
        "have been stepping up security contacts this year, officials said.",
        published=date(2015, 6, 23),
    )
    assert {a.slug for a in stepped.actors} >= {"japan", "south-korea"}


def test_the_next_round_is_between_the_same_people(actors):
    """ "Lee Sang-deok and Junichi Ihara have met twice, and a third round had been expected
    next month": the third round's parties are the two directors-general."""
    (third,) = _proposals(
        "Lee Sang-deok and his Japanese counterpart, Junichi Ihara, have met twice, and a third "
        "round had been expected next month."
    )
    assert {"lee-sang-deok", "junichi-ihara", "japan"} <= {a.slug for a in third.actors}


def test_a_verb_after_and_and_its_day_has_the_sentences_subject(actors):
    """ "North Korea told embassies last Friday …, and on April 9 urged foreigners in South
    Korea to evacuate": North Korea urged."""
    _, urged = _proposals(
        "North Korea told foreign embassies last Friday that it could not guarantee their "
        "safety, and on April 9 urged foreigners in South Korea to prepare to evacuate.",
        published=date(2013, 4, 10),
    )
    assert urged.edtf == "2013-04-09"
    assert {"north-korea", "south-korea"} <= {a.slug for a in urged.actors}
    # a day after "after" beside the clause's own day bounds what was told: no event
    (told,) = _proposals(
        "North Korea told foreign embassies in Pyongyang last Friday that it could not "
        "guarantee their safety after April 10.",
        published=date(2013, 4, 10),
    )
    assert told.edtf == "2013-04-05"
    (met,) = _proposals("The envoys met after April 10.", published=date(2013, 4, 20))
    assert met.edtf == "2013-04-10"  # alone, it is the only day there is


def test_nothing_under_way_and_a_while_clause_goes_with_its_sentence(actors):
    """ "There is nothing to hide" tells of nothing under way; "said on Tuesday …, while
    urging Japan to show its sincerity" is the statement of Tuesday, not a second event."""
    assert not _proposals('"There is nothing to hide," Japan told reporters.')
    (said,) = _proposals(
        "South Korea said in a statement on Tuesday that it took note of the apology, while "
        "urging Japan to show its sincerity."
    )
    assert said.clauses[-1].text.startswith("while urging Japan")


def test_a_days_noun_beside_the_clauses_own_day_is_an_event_of_its_own(actors):
    """ "arrived in Sendai yesterday to search for survivors of Friday's magnitude-9.0
    earthquake and tsunami": the arrival, and the earthquake, named by its noun."""
    arrived, quake = _proposals(
        "A team arrived in Sendai yesterday to search for survivors of Friday's magnitude-9.0 "
        "earthquake and tsunami.",
        published=date(2011, 3, 15),
    )
    assert arrived.edtf == "2011-03-14"
    assert (quake.edtf, quake.title, quake.named) == (
        "2011-03-11", "Magnitude-9.0 earthquake and tsunami (Friday)", True
    )  # fmt: skip
    assert quake.clauses[0].text == "Friday's magnitude-9.0 earthquake and tsunami"


def test_what_comes_days_before_is_still_ahead(actors):
    """ "The launch comes days before Japan's general election on Sunday": the election is
    the coming Sunday, still planned, and an event of its own."""
    *_, election = _proposals(
        "The launch comes days before Japan's general election on Sunday.",
        published=date(2012, 12, 12),
    )
    assert (election.edtf, election.status) == ("2012-12-16", Event.Status.PLANNED)
    assert election.title == "Japan's general election (Sunday)"
    # ahead of a past deed: behind us too
    launch, *_ = _proposals(
        "Ahead of the North's rocket launch in December, the SDF deployed PAC-3 units.",
        published=date(2013, 4, 10),
    )
    assert (launch.edtf, launch.status) == ("2012-12", Event.Status.OCCURRED)


def test_a_passage_of_the_events_month_with_a_party_and_a_word_reports_it(actors):
    """ "In April, a rocket broke apart shortly after liftoff" (North Korea named before) for
    "North Korea's rocket launch fails" of 13 April: its parties, a word, its month; not an
    event of the whole year."""
    launch = make_event(
        title="North Korea's long-range rocket launch fails",
        edtf="2012-04-13",
        kind=Event.Kind.POLICY,
    )
    launch.actors.add(Actor.objects.get(slug="north-korea"))
    assert launch in _reported(
        launch,
        "Pyongyang's rocket broke apart shortly after liftoff in April, officials recalled.",
        "2012-12-12",
    )
    launch.edtf = "2012"  # an event of a whole year is more than that month tells
    launch.save()
    assert launch not in _reported(
        launch,
        "Pyongyang's rocket broke apart shortly after liftoff in April, officials said.",
        "2012-12-12",
    )
    launch.edtf = "2012-04-13"  # one of its parties is enough: the other may be where it was
    launch.save()
    launch.actors.add(Actor.objects.get(slug="japan"))
    assert launch in _reported(
        launch,
        "Pyongyang's rocket broke apart shortly after liftoff in April, officials noted.",
        "2012-12-12",
    )
    # a week the passage names, as a month: "last week"
    assert launch in _reported(
        launch,
        "Pyongyang's rocket broke apart shortly after liftoff last week, officials noted.",
        "2012-04-18",
    )


def test_ministers_meeting_are_no_telling_words(actors):
    """ "The ministers agreed to meet again in Seoul next year" is not the timeline's "South
    Korean, U.S. and Japanese foreign ministers meet in Washington" of that year: any ministers
    meet."""
    washington = make_event(
        title="South Korean, U.S. and Japanese foreign ministers meet in Washington",
        edtf="2010-12-06",
        kind=Event.Kind.MEETING,
    )
    washington.actors.add(*Actor.objects.filter(slug__in=["japan", "south-korea"]))
    text = "Japan and South Korea held talks. The ministers agreed to meet in Seoul next year."
    assert washington not in _reported(washington, text, "2009-04-24")


def test_a_passage_of_the_events_kind_date_status_and_parties_reports_it(actors):
    """ "The two countries last held the talks in Tokyo in December" for the timeline's "Security
    dialogue last held before suspension" of December 2009: no telling word, but its parties, its
    kind, its date and its status, each as the event has it."""
    dialogue = make_event(title="Security dialogue last held before suspension", edtf="2009-12",
                          kind=Event.Kind.MEETING)  # fmt: skip
    dialogue.actors.add(*Actor.objects.filter(slug__in=["japan", "south-korea"]))
    text = "Japan and South Korea last held the talks in Tokyo in December."
    assert _reported(dialogue, text, "2010-02-11") == [dialogue]
    dialogue.edtf = "2009-12-18"  # a day the passage does not tell
    dialogue.save()
    assert _reported(dialogue, text.replace("Tokyo", "Seoul"), "2010-02-11") == [None]
    # a summit of two leaders is not any talks of their countries that day
    dialogue.actors.add(make_actor(slug="kan", name_en="Naoto Kan", kind=Actor.Kind.PERSON))
    dialogue.edtf = "2009-12"
    dialogue.save()
    assert _reported(dialogue, text.replace("Tokyo", "Busan"), "2010-02-11") == [None]


def test_an_asides_day_is_not_the_day_the_story_counts_from(actors):
    """ "…, which claimed on May 9 to have fired a missile. Carter spoke the same day": the day
    of the talks, not the aside's; a day past the aside's comma is the clause's own."""
    *_, spoke = _proposals(
        "Shinzo Abe met Park Geun-hye on May 30 and discussed North Korea, which claimed on "
        "May 9 to have fired a missile. Barack Obama spoke at the forum the same day.",
        published=date(2015, 5, 31),
    )
    assert spoke.edtf == "2015-05-30"
    *_, after = _proposals(
        "Taro Aso visited the shrine, which honors the war dead, on Sunday. Shinzo Abe sent an "
        "offering the same day.",
        published=date(2013, 4, 22),
    )
    assert after.edtf == "2013-04-21"


def test_a_meeting_named_by_its_day_is_the_meeting_told_of_that_day(actors):
    """ "Tuesday's meeting comes as …" and "Today's meeting is …" are the talks the story
    opened with, cited again; "next year's summit" may be another than this year's."""
    (talks,) = _proposals(
        "South Korea and Japan held security talks in Seoul on Tuesday. Tuesday's meeting "
        'comes as North Korea has stepped up its launches. "Today\'s meeting is a first step," '
        "a professor said.",
        published=date(2015, 4, 14),
    )
    assert talks.edtf == "2015-04-14"
    assert [c.text.lstrip('"')[:15] for c in talks.clauses] == [
        "South Korea and", "Tuesday's meeti", "Today's meeting"
    ]  # fmt: skip
    summits = _proposals(
        "The three leaders will hold a summit in Seoul next year. China will host next year's "
        "summit.",
        published=date(2011, 5, 23),
    )
    assert len(summits) == 2
    talks, launch = _proposals(
        "South Korea and Japan held security talks in Seoul on Tuesday. Tuesday's missile launch "
        "by North Korea overshadowed the talks.",
        published=date(2015, 4, 14),
    )
    assert launch.clauses[0].text.startswith("Tuesday's missile launch")  # another event


def test_an_undated_after_clause_tells_why_a_days_event_came_about(actors):
    """ "lodged a protest on Friday after Japan sent an official": one event, its cause not of
    Friday; after a year's event, it is an event of its own, of that year."""
    (protest,) = _proposals(
        "South Korea on Friday lodged a strong protest after Japan for the first time sent a "
        "government official to the ceremony.",
        published=date(2013, 2, 23),
    )
    assert protest.edtf == "2013-02-22"
    assert protest.clauses[-1].text.startswith("after Japan")
    sought, visit = _proposals(
        "Seoul and Tokyo sought the meeting last year, but the plan fell through after Shinzo "
        "Abe's shrine visit drew an angry response.",
        published=date(2014, 9, 9),
    )
    assert (visit.edtf, visit.clauses[0].text[:16]) == ("2013", "after Shinzo Abe")


def test_what_has_been_going_on_since_a_date_lasts_to_the_articles_day(actors):
    """ "have been negotiating two pacts since last year" and "pacts under negotiation since
    January" run from that date to the paper's; "has put off … since March" was called off,
    and what happened once since a date is of that date."""
    (talks,) = _proposals(
        "Japan and South Korea have been negotiating two military pacts since last year.",
        published=date(2012, 4, 13),
    )
    assert (talks.edtf, talks.status) == ("2011/2012-04-13", Event.Status.ONGOING)
    (early,) = _proposals(
        "Japan and South Korea have been negotiating two pacts since early last year, after "
        "North Korea launched a missile.",
        published=date(2012, 4, 13),
    )
    assert early.edtf == "2011-01/2012-04-13"  # from the start of "early last year"
    summit = _proposals("It was the first summit under the 1965 treaty since 2011.",
                        published=date(2012, 4, 13))  # fmt: skip
    assert "2011" in [p.edtf for p in summit]  # "under" a treaty goes on no longer
    (pacts,) = _proposals(
        "Yoshihiko Noda called for progress on two defense pacts under negotiation since January.",
        published=date(2011, 12, 18),
    )
    assert pacts.edtf == "2011-01/2011-12-18"
    (put_off,) = _proposals(
        "Seoul had put off the decision several times since March.", published=date(2009, 5, 26)
    )
    assert (put_off.edtf, put_off.status) == ("2009-03", Event.Status.CANCELLED)


def test_a_state_in_place_since_a_date_goes_on_and_its_when_clause_is_that_dates_event(actors):
    """ "a ban on imports that has been in place since October 2006" is going on from then,
    beside the sentence's other date; the "when" that follows tells what that October saw."""
    exports, ban, test = _proposals(
        "Tokyo banned all exports to the North earlier this month, on top of a ban on imports "
        "that has been in place since October 2006, when the North conducted its first nuclear "
        "test.",
        published=date(2009, 6, 28),
    )
    assert exports.edtf.startswith("2009-06-01/")
    assert (ban.edtf, ban.status) == ("2006-10/2009-06-28", Event.Status.ONGOING)
    (trade, _) = _proposals(
        "Japan has banned all trade with North Korea since June last year, following the "
        "North's second nuclear test in May 2009.",
        published=date(2010, 7, 10),
    )
    assert (trade.edtf, trade.status) == ("2009-06/2010-07-10", Event.Status.ONGOING)
    (closed,) = _proposals(
        "The Kaesong complex has been shut since April.", published=date(2013, 8, 16)
    )
    assert (closed.edtf, closed.status) == ("2013-04/2013-08-16", Event.Status.ONGOING)
    # held, imposed, patrolled since, or under sanctions since: still so
    for going_on, since in (
        ("North Korea has been under UN sanctions since 2006.", "2006"),
        ("The group has held a weekly rally outside the embassy since January 1992.", "1992-01"),
        ("Chinese ships have intermittently patrolled the waters since December 2008.", "2008-12"),
        ("Tokyo has imposed sanctions of its own on the North since 2006.", "2006"),
    ):
        (state,) = _proposals(going_on, published=date(2013, 8, 16))
        assert (state.edtf, state.status) == (f"{since}/2013-08-16", Event.Status.ONGOING)
    assert (test.edtf, test.status, test.title) == (
        "2006-10",
        Event.Status.OCCURRED,
        "North conducts its first nuclear test",
    )
    assert [a.slug for a in test.actors] == ["north-korea"]


def test_a_relative_clauses_day_is_its_own_deeds_not_the_clause_before_it(actors):
    """ "agreed to work with Washington on North Korea, which fired missiles on June 14": the
    firing was on June 14, the agreement not; and a clause dated past a relative clause's
    comma borrows no other day of its sentence."""
    (fired,) = _proposals(
        "On security, the ministers of Japan and South Korea agreed to work closely with "
        "Washington on North Korea, which fired three short-range anti-ship missiles into the "
        "East Sea on June 14.",
        published=date(2015, 6, 22),
    )
    assert (fired.edtf, fired.clauses[-1].text[:11]) == ("2015-06-14", "which fired")
    visits = _proposals(
        "Japan's Taro Aso visited the shrine, which honors 14 Class-A war criminals, on Sunday, "
        "a day after Internal Affairs Minister Yoshitaka Shindo paid his respects there.",
        published=date(2013, 4, 22),
    )
    assert [(p.edtf, p.clauses[0].text[:14]) for p in visits] == [
        ("2013-04-21", "Japan's Taro A"),
        ("2013-04-20", "a day after In"),
    ]


def test_who_led_the_talks_just_told_of_were_at_them(actors):
    """ "Kim and Sasae led the talks" right after the talks are told of: their people, and
    the passage, are the talks'; two sentences on, or after a talk of plans, they are not."""
    for slug, name, country in [
        ("kim-a", "Kim Sook", "KOR"),
        ("sasae-b", "Kenichiro Sasae", "JPN"),
    ]:
        Actor.objects.create(slug=slug, name_en=name, kind="person", country=country)
    lead = "South Korea and Japan held security talks in Seoul on Tuesday. "
    led = "Kim Sook and Kenichiro Sasae led the talks."
    (talks,) = _proposals(lead + led, published=date(2015, 4, 14))
    assert {"kim-a", "sasae-b"} <= {a.slug for a in talks.actors}
    assert talks.clauses[-1].text.startswith("Kim Sook")
    (talks,) = _proposals(lead + "The weather was fine. " + led, published=date(2015, 4, 14))
    assert not {"kim-a", "sasae-b"} & {a.slug for a in talks.actors}
    (talks,) = _proposals(lead + "North Korea has never joined the talks.", date(2015, 4, 14))
    assert "north-korea" not in {a.slug for a in talks.actors}


def test_a_plan_told_as_one_that_was_for_a_day_still_to_come_no_longer_holds(actors):
    """ "Kim was to fly to Tokyo on May 31", on May 18: called off; "was to hold talks later
    Wednesday", on that Wednesday, and "was expected to meet on May 31": still plans."""
    (trip,) = _proposals("Kim Kwan-jin was to fly to Tokyo on May 31.", date(2012, 5, 18))
    assert trip.status == Event.Status.CANCELLED
    (talks,) = _proposals("The Security Council was to hold talks later Wednesday.",
                          date(2012, 12, 12))  # fmt: skip
    assert talks.status == Event.Status.PLANNED
    (meeting,) = _proposals("Kim was expected to meet Abe on May 31.", date(2012, 5, 18))
    assert meeting.status == Event.Status.PLANNED
    (said,) = _proposals("The ministry said Kim was to fly to Tokyo on May 31.", date(2012, 5, 18))
    assert said.status == Event.Status.PLANNED  # someone's words, their tense moved back
    # a plan that had been, for a day come: it did not happen
    for sentence in (
        "The two had been scheduled to sign the pact at 4 p.m.",
        "The government had been expected to announce today that it would join.",
    ):
        (signing,) = _proposals(sentence, date(2012, 6, 29))
        assert signing.status == Event.Status.CANCELLED, sentence
    (revisit,) = _proposals("Seoul had been expected to revisit the pact in December.",
                            date(2012, 8, 24))  # fmt: skip
    assert revisit.status == Event.Status.PLANNED


def test_a_where_clause_that_tells_what_went_on_there_is_its_own_event(actors):
    """ "…off Somalia, where two destroyers have been escorting vessels since March 30": the
    escort, under way since then, headlined in the present; "where the coalition aims to pass
    them" tells no deed of its own and stays with its clause."""
    passed, escort = _proposals(
        "On Thursday, the Lower House passed a bill to protect ships off Somalia, where two "
        "Japanese destroyers have been escorting vessels since March 30.",
        published=date(2009, 4, 24),
    )
    assert (passed.edtf, escort.edtf) == ("2009-04-23", "2009-03-30/2009-04-24")
    assert escort.title == "Two Japanese destroyers escort vessels"
    (debate,) = _proposals(
        "The bills are now being debated in the House of Councillors, where the coalition aims "
        "to pass them by mid-September.",
        published=date(2015, 8, 15),
    )
    assert debate.clauses[0].text.startswith("The bills are now being debated")
    (met,) = _proposals(
        "Abe and Park met in Tokyo on Monday, where they discussed the comfort women issue.",
        published=date(2015, 4, 14),
    )
    assert met.clauses[-1].text.startswith("where they discussed")  # told with the meeting
    # a deed told in an irregular past: "where he and Abe held talks on Thursday"
    (talks,) = _proposals(
        "Obama flew in from Tokyo, where he and Abe held talks on Thursday.",
        published=date(2014, 4, 25),
    )
    assert talks.clauses[0].text.startswith("where he and Abe held talks")


def test_an_event_a_noun_names_in_the_week_that_holds_its_day_is_told_again(actors):
    """ "North Korea's deadly attack on a South Korean island last week" and, later, "the
    North's Nov. 23 shelling of Yeonpyeong island": two passages of the one shelling; a
    reaction the same week is not."""
    shelling = make_event(title="North Korea shells Yeonpyeong Island", edtf="2010-11-23")
    shelling.actors.add(*Actor.objects.filter(slug__in=["north-korea", "south-korea"]))
    reports = _reports(
        "Japan began drills on Friday, days after North Korea's deadly attack on a South Korean "
        "island last week. The North's Nov. 23 shelling of Yeonpyeong island killed four. South "
        "Korea's defense minister resigned last week over the attack.",
        "2010-12-03",
    )
    attached = [title for title, event in reports.items() if event == shelling]
    assert len(attached) == 2, reports
    assert not any(event == shelling for title, event in reports.items() if "resign" in title)


def test_a_plan_carried_out_is_reported_by_what_was_done_not_by_another_plan(actors):
    """ "resumed security talks in Seoul on Tuesday" reports the security dialogue planned for
    April, rather than another meeting its people are to hold later that month."""
    planned = make_event(title="Security dialogue to resume in April 2015",
                         edtf="2015-04-05/2015-04-30", kind=Event.Kind.MEETING,
                         status=Event.Status.PLANNED)  # fmt: skip
    their = ["japan", "south-korea", "lee-sang-deok", "junichi-ihara"]  # in the seed fixture
    planned.actors.add(*Actor.objects.filter(slug__in=their))
    reports = _reports(
        "South Korea and Japan resumed security talks in Seoul on Tuesday. Lee Sang-deok and "
        "Junichi Ihara led the talks. Lee Sang-deok is also scheduled to hold talks in Tokyo on "
        "April 22 on another issue.",
        "2015-04-14",
    )
    assert [t for t, e in reports.items() if e == planned] == [
        "South Korea and Japan resume security talks in Seoul"
    ], reports


def test_a_which_clause_with_its_own_date_cites_the_noun_it_tells_of(actors):
    """ "…to explain the revision of its guidelines with the United States, which the two
    allies are set to unveil on April 27": the revision, unveiled on April 27."""
    (revision,) = _proposals(
        "The South Korean delegation asked Tokyo to explain the revision of its defense "
        "guidelines with the United States, which the two allies are set to unveil on April 27.",
        published=date(2015, 4, 14),
    )
    assert revision.edtf == "2015-04-27"
    assert [c.text[:22] for c in revision.clauses] == [
        "the revision of its de",
        "which the two allies a",
    ]


def test_a_which_clause_after_a_possessive_name_tells_of_that_body_and_its_owner(actors):
    returned, _ = _proposals(
        "Prime Minister Shinzo Abe's Liberal Democratic Party, which returned to power in a "
        "landslide in December, had promised in its platform to hold a ceremony on Feb. 22.",
        published=date(2013, 2, 23),
    )
    assert returned.edtf == "2012-12"
    assert returned.title.startswith("Prime Minister Shinzo Abe's Liberal Democratic Party returns")
    assert {"shinzo-abe", "japan"} <= {a.slug for a in returned.actors}


def test_a_relative_clause_before_a_perfect_and_a_possessive_before_the_name(actors):
    """ "Abe's predecessor Junichi Ihara, who resigned in June, had promised during a visit last
    October …": the resignation, and the promise, each Ihara's (not Abe's)."""
    resigned, promised = _proposals(
        "Shinzo Abe's predecessor Junichi Ihara, who resigned in June, had promised during his "
        "visit to Seoul last October to look squarely at history.",
        published=date(2010, 8, 10),
    )
    assert (resigned.edtf, promised.edtf) == ("2010-06", "2009-10")
    assert promised.clauses[0].text.startswith("had promised")
    assert "junichi-ihara" in {a.slug for a in promised.actors}
    assert "shinzo-abe" not in {a.slug for a in promised.actors}


TOKENS = [
    "Japan", "South Korea", "North Korea", "the North", "Seoul", "Tokyo", "Shinzo Abe", "Abe",
    "Lee Sang-deok", "Lee", "Junichi Ihara", "Kohno", "President", "Foreign Minister", "who",
    "which", "they", "their", "it", "the ministry", "the three countries", "the leaders of",
    "a third round", "and", "but", "while urging", ",", ".", '"', "'s", "on Monday", "Friday",
    "last week", "a week later", "later that month", "9:49 a.m.", "about an hour after the launch",
    "in the 1970s and 1980s", "began Friday and runs through Dec. 10", "from 2010 to 2012",
    "by year-end", "last autumn", "in mid-2012", "said", "told reporters after convening",
    "have agreed to resume", "is pushing to", "plans to visit", "met", "held", "visit in",
    "December 2013", "marks the centenary", "days before", "closed-door", "broke off", "since",
    "SEOUL, Oct. 9 Kyodo -", "the summits", "is nothing",
]  # fmt: skip


@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40), st.dates(date(2009, 1, 1)))
@example(words=["on Monday"], published=date(9999, 1, 4))  # a day past what the site places
@examples(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
def test_any_text_of_the_rules_words_is_read_without_an_error(actors, words, published):
    """Every rule's words, in any order: proposals with dates the site can place, or none."""
    text = " ".join(words)
    index = ActorIndex(Actor.objects.all())
    for proposal in importing.propose(text, published, index.for_article(text, "KOR")):
        assert proposal.title and proposal.clauses
        assert all(text[c.start : c.end] == c.text for c in proposal.clauses)


@given(st.lists(st.sampled_from(TOKENS), min_size=8, max_size=40))
@examples(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
def test_any_article_of_the_rules_words_imports_or_says_what_it_lacks(actors, words):
    """The whole import (header, actors, proposals, reports of known events) of such a text:
    an import, or a clear ArticleError, never a traceback."""
    raw = "\n\n".join(["The Japan Times", "Talks", "Posted : 2013-07-02", " ".join(words) + "."])
    try:
        result = import_article(raw.encode(), name="fuzz.txt")
    except ArticleError:
        return
    assert result.source.pk


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # ahead of what is to come, whatever officials said
        ("Seoul will hold a drill ahead of the talks on July 12, officials said.",
         date(2013, 7, 2), [("2013-07-12", "planned")]),
        ("Ahead of the summit on Friday, officials from both sides met in Seoul.",
         date(2013, 7, 2), [("2013-07-05", "planned")]),
        # what follows or is agreed at a meeting still to come
        ("The ministers will meet following the summit on Nov. 2.", date(2013, 10, 20),
         [("2013-11-02", "planned")]),
        ("The ministers agreed to take up the issue at their next meeting in October.",
         date(2013, 7, 2), [("2013-10", "occurred")]),
        ("Seoul offered to discuss the issue at talks in Tokyo on Friday.", date(2013, 7, 2),
         [("2013-07-05", "planned")]),
        # "until" a weekday: from now to then
        ("Kishida will stay in Seoul until Thursday.", date(2013, 7, 2),
         [("2013-07-02/2013-07-04", "planned")]),
        # "due in large part to" is no plan
        ("The chill in ties is due in large part to Abe's visit to Yasukuni Shrine on Dec. 26.",
         date(2014, 3, 4), [("2013-12-26", "occurred")]),
        # a deed past "and" or "before" after signs of something keeps its day
        ("North Korea showed signs of preparing a launch and fired a missile on Friday.",
         date(2013, 7, 2), [("2013-06-28", "occurred")]),
        # the told day survives a bound after it
        ("North Korea told diplomats on Friday that it could not guarantee their safety after "
         "April 10.", date(2013, 4, 10), [("2013-04-05", "occurred")]),
    ],
)  # fmt: skip
def test_dates_beside_the_words_that_move_them(actors, text, published, expected):
    assert [(p.edtf, p.status) for p in _proposals(text, published)] == expected


def test_the_words_about_people_and_reports_keep_to_their_cases(actors):
    # a thing's "it" is no state, and names none in the headline
    *_, expire = _proposals(
        "South Korea and Japan agreed to expand their currency swap deal. It is due to expire in "
        "October."
    )
    assert (expire.title, expire.actors) == ("It to expire", [])
    # "he" after a sentence of two people: the headline does not guess
    _, back = _proposals(
        "Lee Sang-deok hosted Junichi Ihara in Seoul on Monday. He will return to Tokyo on "
        "Wednesday."
    )
    assert back.title == "He to return to Tokyo"
    # states that hold "their first three-way talks" are its parties, not the people before
    _, talks = _proposals(
        "Shinzo Abe received Junichi Ihara and Lee Sang-deok on Monday. Separately, Japan, China "
        "and the United States will hold their first three-way talks next month."
    )
    assert {a.slug for a in talks.actors} == {"japan", "china", "united-states"}
    # "United" is no verb after "and"; "earlier this week" before the verb is a day too
    _, calm = _proposals(
        "North Korea protested on Monday, and United States officials urged calm on Tuesday."
    )
    assert "north-korea" not in {a.slug for a in calm.actors}
    (urged,) = _proposals(
        "North Korea told embassies it could not guarantee their safety, and earlier this week "
        "urged foreigners in South Korea to evacuate.",
        published=date(2013, 4, 12),
    )
    assert "north-korea" in {a.slug for a in urged.actors}


def test_an_agreement_to_resume_talks_reports_no_meeting_that_broke_down(actors):
    broke = make_event(
        title="Japan and South Korea intelligence talks break down",
        edtf="2013",
        kind=Event.Kind.MEETING,
        status=Event.Status.CANCELLED,
    )
    broke.actors.add(*Actor.objects.filter(slug__in=["japan", "south-korea"]))
    assert broke not in _reported(
        broke,
        "Japan and South Korea agreed on Monday to resume talks on an intelligence pact.",
        "2013-07-02",
    )


def test_a_record_since_a_time_is_a_noun_phrase_not_a_clause(actors):
    (kept,) = _proposals(
        "Japan raised its alert to the highest level and kept it there since March 2013."
    )
    assert not kept.reference


def test_a_states_people_and_bodies_bring_the_state_they_act_for(actors):
    make_actor(
        slug="korean-council",
        name_en="Korean Council for the Women Drafted for Military Sexual Slavery by Japan",
        kind=Actor.Kind.ORGANISATION,
        country="KOR",
    )
    (protest,) = _proposals(
        "The Korean Council for the Women Drafted for Military Sexual Slavery by Japan said it "
        "would hold a protest in front of the Japanese Embassy next Wednesday."
    )
    assert {"korean-council", "south-korea"} <= {a.slug for a in protest.actors}


def test_a_reported_clauses_subject_referring_back_is_the_one_named_before(actors):
    _, protest = _proposals(
        "The Foreign Ministry in Seoul summoned a Japanese diplomat on Monday. A senior diplomat "
        "said the ministry will lodge a formal protest with the Japanese government next week."
    )
    assert {"south-korea-foreign-ministry", "japan"} <= {a.slug for a in protest.actors}


def test_a_clause_in_the_present_perfect_borrows_no_day_from_its_sentence(actors):
    """ "…, and Seoul has asked Tokyo to keep it informed": done at no time it says."""
    (told,) = _proposals(
        "Foreign Minister Yun Byung-se told a parliamentary committee on Tuesday that Japan's "
        "moves must not undermine cooperation, and Seoul has asked Tokyo to keep it informed.",
        published=date(2014, 7, 13),
    )
    assert told.edtf == "2014-07-08"
    # a past action beside it does ("…, and Seoul asked Tokyo to keep it informed")
    told, asked = _proposals(
        "Foreign Minister Yun Byung-se told a parliamentary committee on Tuesday that Japan's "
        "moves must not undermine cooperation, and Seoul asked Tokyo to keep it informed.",
        published=date(2014, 7, 13),
    )
    assert asked.edtf == "2014-07-08"


def test_what_a_year_still_to_come_dates_has_not_occurred(actors):
    (drill,) = _proposals(
        "The two navies have agreed to stage the next search-and-rescue drill in waters off "
        "Japan in 2011, a ministry official said.",
        published=date(2009, 8, 20),
    )
    assert (drill.edtf, drill.status) == ("2011", Event.Status.PLANNED)


def test_a_speaker_with_a_long_title_is_a_party_of_the_report(actors):
    (said,) = _proposals(
        "Ministry of Foreign Affairs and Trade spokesman Lee Sang-deok said in a statement Friday "
        'afternoon that Seoul "strongly protests" the dispatch of an official to the event.',
        published=date(2013, 2, 22),
    )
    assert "lee-sang-deok" in {a.slug for a in said.actors}


def test_the_day_of_a_noun_a_clause_describes_is_no_day_to_count_from(actors):
    """ "Park said North Korea's nuclear test on February 12th was a challenge. Aso and Park
    talked in the afternoon": the afternoon of the day the story tells, not of the test."""
    *_, talked = _proposals(
        "Japan's Deputy Prime Minister Taro Aso met President Park Geun-hye in Seoul on Monday. "
        "Park said North Korea's nuclear test on February 12th was a challenge. Aso and Park "
        "talked for about 30 minutes at the presidential office in the afternoon.",
        published=date(2013, 2, 25),
    )
    assert talked.edtf == "2013-02-25"


def test_an_event_a_date_names_is_of_the_one_country_its_sentence_named_before(actors):
    """ "Tokyo's ruling party lost power in the Aug. 30 general election", in a Seoul paper:
    Japan's election, not the paper's country's."""
    index = ActorIndex(Actor.objects.all())
    text = "Tokyo's ruling party lost power in the Aug. 30 general election."
    *_, election = importing.propose(text, date(2009, 10, 9), index.for_article(text, "KOR"))
    assert [a.slug for a in election.actors] == ["japan"]


@pytest.mark.parametrize(
    ("clause", "kind"),
    [
        ("Lee visited the islets on Aug. 10", Event.Kind.VISIT),
        ("Lee's Aug. 10 trip to the islets", Event.Kind.VISIT),
        # what it is about is not what it is
        ("Seoul sent back a letter protesting Lee's visit", Event.Kind.REPORT),
        ("Noda expressed regret over Lee's trip to the islets", Event.Kind.REPORT),
        ("Japan recalled its ambassador on the day of Lee's trip", Event.Kind.REPORT),
        ("Lee said the emperor should apologize if he wished to visit", Event.Kind.STATEMENT),
    ],
)
def test_an_events_kind_is_what_it_is_not_what_it_is_about(clause, kind):
    assert importing._kind(clause) == kind


def test_someones_predecessor_is_who_held_their_office_before_them(actors):
    for name, years in (("Lee Myung-bak", "2008-2013"), ("Park Geun-hye", "2013-2017")):
        make_actor(
            slug=name.lower().replace(" ", "-"),
            name_en=name,
            kind=Actor.Kind.PERSON,
            country="KOR",
            office_en=f"President of South Korea ({years})",
            aliases=name.split()[0],
        )
    _, visited = _proposals(
        "President Park Geun-hye took office on Monday. Park's predecessor visited the islands "
        "in August.",
        published=date(2013, 2, 25),
    )
    assert {a.slug for a in visited.actors} == {"lee-myung-bak", "south-korea"}


def test_the_day_of_a_noun_is_the_day_the_text_gave_it_before(actors):
    """ "on the day of Lee's trip", after "Lee's Aug. 10 trip to the islets": Aug. 10."""
    *_, recalled = _proposals(
        "Noda expressed regret over Lee's Aug. 10 trip to the islets. Japan recalled its "
        "ambassador to Seoul on the day of Lee's trip.",
        published=date(2012, 8, 23),
    )
    assert (recalled.edtf, recalled.derivation.phrase) == ("2012-08-10", "on the day of Lee's trip")
    # a day the text never gave that noun is no day
    assert _proposals("Japan recalled its ambassador on the day of the disaster.") == []


def test_a_relative_clause_giving_a_nouns_day_is_no_event(actors):
    """ "the president's 70th birthday, which falls on Monday", "sanctions, which expire on
    April 13": the day of a noun, nothing done."""
    assert _proposals("Officials marked the president's birthday, which falls on Monday.") == []
    assert _proposals("Tokyo extended its sanctions, which expire on April 13.") == []
