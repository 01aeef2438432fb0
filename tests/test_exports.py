"""Each export read back with a real parser: csv, JSON Schema, icalendar, an Atom parser; in
English, Japanese and Korean."""

import csv
import io
import json
from datetime import date, timedelta

import feedparser
import icalendar
import jsonschema
import pytest
from django.conf import settings
from django.utils import translation

from dialogue import exports
from dialogue.models import Event, Period
from dialogue.selectors import PAGE_SIZE
from tests.factories import PREFIXES, SITE_NAMES, cite, make_actor, make_event, make_source, shape

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


# Languages -------------------------------------------------------------------------------------

EXPORTS = ["/export/events.csv", "/export/events.json", "/export/timelinejs.json"]
EXPORTS += ["/export/events.ics", "/feed.atom"]


@pytest.fixture
def translated(seed):
    """An event whose title alone is translated, into Japanese (its summary and its date's
    derivation stay English), with an actor named in Japanese only, the latest change; and a
    period named in English only."""
    # Written in English whatever language an earlier test's request left active: `title=`
    # sets the active language's column.
    with translation.override("en"):
        event = make_event(
            slug="translated",
            title="Talks resume",
            title_ja="協議再開",
            summary="They met again.",
            date_derivation="“on Monday”",
            edtf="2015-04-06",
        )
        event.participations.create(actor=make_actor(name_en="Testland", name_ja="テスト国"))
        cite(event, make_source(), "agreed on Monday to meet again")
        Period.objects.create(slug="english-only", name="A period in English only", edtf="2015-04")
    return event


def csv_rows(client, url) -> list[list[str]]:
    return list(csv.reader(io.StringIO(client.get(url).content.decode())))


@pytest.mark.parametrize("code", PREFIXES)
@pytest.mark.parametrize("url", EXPORTS)
def test_every_export_answers_in_every_language(client, seed, url, code):
    response = client.get(PREFIXES[code] + url)
    assert response.status_code == 200
    assert response["Content-Language"] == code


@pytest.mark.parametrize("code", PREFIXES)
def test_the_json_export_says_its_language_and_keeps_its_keys(client, translated, code):
    """Valid in every language, with the same keys; what changes is the text and `language`."""
    data = client.get(PREFIXES[code] + "/export/events.json").json()
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(
        data
    )
    assert data["language"] == code
    assert {e["language"] for e in data["events"]} == {code}
    english = client.get("/export/events.json").json()
    assert set(shape(data)) == set(shape(english))
    assert [e["id"] for e in data["events"]] == [e["id"] for e in english["events"]]


def test_the_language_schema_names_the_sites_languages():
    assert SCHEMA["$defs"]["Language"]["enum"] == [code for code, _ in settings.LANGUAGES]


def _record(client, url) -> dict:
    (record,) = [e for e in client.get(url).json()["events"] if e["slug"] == "translated"]
    return record


def test_a_json_record_gives_the_translation_and_flags_the_english(client, translated):
    """Japanese: the title translated; the summary and the derivation the English, flagged."""
    record = _record(client, "/ja/export/events.json")
    assert record["title"] == "協議再開"
    assert record["summary"] == "They met again."
    assert record["untranslated"] == ["summary"]
    assert record["date"]["derivation"] == "“on Monday”"
    assert record["date"]["untranslated"] == ["derivation"]
    assert [(a["name"], a["untranslated"]) for a in record["actors"]] == [("テスト国", [])]
    assert record["url"] == "http://testserver/ja/events/translated/"


def test_a_json_record_with_no_translation_is_the_english_flagged(client, translated):
    record = _record(client, "/ko/export/events.json")
    assert (record["title"], record["untranslated"]) == ("Talks resume", ["title", "summary"])
    assert record["date"]["untranslated"] == ["derivation"]
    assert [(a["name"], a["untranslated"]) for a in record["actors"]] == [("Testland", ["name"])]


def test_an_english_record_is_as_it_was(client, translated):
    """English is the original: nothing is flagged, and the values are the English fields."""
    record = _record(client, "/export/events.json")
    assert (record["title"], record["summary"]) == ("Talks resume", "They met again.")
    assert [a["name"] for a in record["actors"]] == ["Testland"]
    for node in [record, record["date"], *record["actors"]]:
        assert node["untranslated"] == []
    assert record["url"] == "http://testserver/events/translated/"


@pytest.mark.parametrize(("code", "name"), SITE_NAMES.items(), ids=SITE_NAMES)
def test_the_json_export_names_the_site_in_its_language(client, seed, code, name):
    assert client.get(f"{PREFIXES[code]}/export/events.json").json()["title"] == name


def test_an_empty_text_is_not_flagged_as_english(client, seed):
    """An event with no summary in any language has nothing in English to flag: the JSON lists
    nothing, the calendar's description and the feed's summary are in the export's language."""
    with translation.override("en"):
        event = make_event(slug="bare", title="Bare", title_ja="簡素", summary="")
        cite(event, make_source(), "The talks were frank.")
    (record,) = [
        e for e in client.get("/ja/export/events.json").json()["events"] if e["slug"] == "bare"
    ]
    assert (record["summary"], record["untranslated"]) == ("", [])
    calendar = _calendar(client, "ja")
    (entry,) = [e for e in calendar.walk("VEVENT") if "/bare/" in str(e["url"])]
    assert entry["description"].params["LANGUAGE"] == "ja"
    feed = feedparser.parse(client.get("/ja/feed.atom").content)
    (item,) = [e for e in feed.entries if e.link.endswith("/events/bare/")]
    assert item.summary_detail.language == "ja"


def test_the_csv_columns_keep_their_order_in_every_language(client, translated):
    """English headings are the column names they always were, newer columns last;
    every language has the same columns, rows and ids in the same order."""
    english, japanese, korean = (
        csv_rows(client, f"{PREFIXES[code]}/export/events.csv") for code in PREFIXES
    )
    assert english[0] == exports.CSV_COLUMNS == [
        "id", "slug", "url", "title", "date_edtf", "date_display", "earliest", "latest",
        "precision", "status", "kind", "actors", "topics", "summary", "sources", "quotes",
        "quotes_under_review", "language", "untranslated", "plover_type", "plover_mode",
    ]  # fmt: skip
    assert len({len(row) for rows in (english, japanese, korean) for row in rows}) == 1
    assert [row[0] for row in japanese[1:]] == [row[0] for row in english[1:]]
    assert [row[0] for row in korean[1:]] == [row[0] for row in english[1:]]


@pytest.mark.parametrize(
    ("code", "first", "last"),
    [
        ("ja", ["ID", "スラッグ", "URL", "タイトル"], ["PLOVER種別", "PLOVERモード"]),
        ("ko", ["ID", "슬러그", "URL", "제목"], ["PLOVER 유형", "PLOVER 모드"]),
    ],
    ids=["ja", "ko"],
)
def test_the_csv_headings_are_in_its_language(client, seed, code, first, last):
    (heading, *_) = csv_rows(client, f"{PREFIXES[code]}/export/events.csv")
    assert heading[:4] == first and heading[-2:] == last


def test_the_csv_gives_each_rows_language_and_what_is_in_english(client, translated):
    def row(code):
        rows = csv_rows(client, f"{PREFIXES[code]}/export/events.csv")
        (found,) = [r for r in rows if r[1] == "translated"]
        return dict(zip(exports.CSV_COLUMNS, found, strict=True))

    japanese, korean, english = row("ja"), row("ko"), row("en")
    assert (japanese["title"], japanese["actors"]) == ("協議再開", "テスト国")
    assert (japanese["language"], japanese["untranslated"]) == ("ja", "summary")
    assert (korean["language"], korean["untranslated"]) == ("ko", "title; summary; actors")
    assert (english["title"], english["language"], english["untranslated"]) == (
        "Talks resume",
        "en",
        "",
    )


def _entry(feed):
    (entry,) = [e for e in feed.entries if e.link.endswith("/events/translated/")]
    return entry


@pytest.mark.parametrize("code", PREFIXES)
def test_the_atom_feed_says_its_language(client, translated, code):
    feed = feedparser.parse(client.get(f"{PREFIXES[code]}/feed.atom").content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == code
    assert feed.feed.title_detail.language == code
    assert feed.feed.link == f"http://testserver{PREFIXES[code]}/"


def test_a_japanese_feed_marks_the_english_summary(client, translated):
    feed = feedparser.parse(client.get("/ja/feed.atom").content)
    entry = _entry(feed)
    assert entry.title.startswith("協議再開")
    assert entry.title_detail.language == "ja"
    assert "They met again." in entry.summary
    assert entry.summary_detail.language == "en"
    assert entry.link == "http://testserver/ja/events/translated/"


def test_a_korean_feed_marks_the_untranslated_entry_english(client, translated):
    feed = feedparser.parse(client.get("/ko/feed.atom").content)
    entry = _entry(feed)
    assert entry.title.startswith("Talks resume (")
    assert entry.title_detail.language == entry.summary_detail.language == "en"


def test_an_english_feed_marks_nothing(client, translated):
    content = client.get("/feed.atom").content
    assert content.count(b"xml:lang=") == 1  # the feed's own
    assert _entry(feedparser.parse(content)).summary_detail.language == "en"


@pytest.mark.parametrize(
    ("code", "title", "subtitle"),
    [
        (
            "en",
            "Japan–South Korea security dialogue: new and changed events",
            "Each event with the passage of the article that reports it.",
        ),
        (
            "ja",
            "日韓安全保障対話：新しい出来事と更新された出来事",
            "各出来事を、それを報じる記事の一節とともに。",
        ),
        (
            "ko",
            "한일 안보 대화: 새로 추가되거나 바뀐 사건",
            "각 사건을 그것을 보도한 기사의 구절과 함께 전합니다.",
        ),
    ],
    ids=["en", "ja", "ko"],
)
def test_the_feed_is_titled_in_its_language(client, seed, code, title, subtitle):
    feed = feedparser.parse(client.get(f"{PREFIXES[code]}/feed.atom").content).feed
    assert (feed.title, feed.subtitle) == (title, subtitle)


def _calendar(client, code):
    return icalendar.Calendar.from_ical(client.get(f"{PREFIXES[code]}/export/events.ics").content)


def _vevent(calendar):
    (entry,) = [e for e in calendar.walk("VEVENT") if "translated" in str(e["url"])]
    return entry


@pytest.mark.parametrize(
    ("code", "title", "title_lang", "description_lang"),
    [
        ("en", "Talks resume", "en", "en"),
        ("ja", "協議再開", "ja", "en"),
        ("ko", "Talks resume", "en", "en"),
    ],
    ids=["en", "ja", "ko"],
)
def test_icalendar_text_says_its_language(
    client, translated, code, title, title_lang, description_lang
):
    entry = _vevent(_calendar(client, code))
    assert str(entry["summary"]) == title
    assert entry["summary"].params["LANGUAGE"] == title_lang
    assert entry["description"].params["LANGUAGE"] == description_lang
    assert "They met again." in str(entry["description"])
    assert "“on Monday”" in str(entry["description"])


def test_an_icalendar_description_in_the_language_says_so(client, translated):
    translated.summary_ja = "再び会談した。"
    translated.save()
    entry = _vevent(_calendar(client, "ja"))
    assert "再び会談した。" in str(entry["description"])
    assert entry["description"].params["LANGUAGE"] == "ja"


@pytest.mark.parametrize(("code", "name"), SITE_NAMES.items(), ids=SITE_NAMES)
def test_the_calendar_is_named_in_its_language(client, seed, code, name):
    calendar = _calendar(client, code)
    assert str(calendar["x-wr-calname"]) == str(calendar["name"]) == name
    assert calendar["name"].params["LANGUAGE"] == code


TIMELINEJS_LOCALES = settings.BASE_DIR / "node_modules/@knight-lab/timelinejs/dist/js/locale"


@pytest.mark.parametrize("code", PREFIXES)
def test_timelinejs_export_gives_the_language_timelinejs_knows(client, seed, code):
    """TimelineJS reads the language from its options: the export carries the code for the
    embedding page to pass, one TimelineJS has a locale file for (when it is installed)."""
    data = client.get(f"{PREFIXES[code]}/export/timelinejs.json").json()
    assert data["language"] == code
    if TIMELINEJS_LOCALES.is_dir():
        assert (TIMELINEJS_LOCALES / f"{data['language']}.json").is_file()


def _slide(data):
    (slide,) = [e for e in data["events"] if e["unique_id"] == "translated"]
    return slide


def test_timelinejs_marks_english_text_in_a_japanese_export(client, translated):
    data = client.get("/ja/export/timelinejs.json").json()
    slide = _slide(data)
    assert slide["text"]["headline"] == "協議再開"
    assert slide["text"]["text"].startswith('<p lang="en">They met again.</p>')
    (era,) = [e for e in data["eras"] if "English only" in e["text"]["headline"]]
    assert era["text"]["headline"] == '<span lang="en">A period in English only</span>'


@pytest.mark.parametrize(
    ("code", "headline", "text"),
    [
        ("en", "Japan–South Korea security dialogue, 2009–2015", "Every event cites its passage."),
        (
            "ja",
            "日韓安全保障対話（2009–2015）",
            "すべての出来事に、それを報じる記事の一節を引いています。",
        ),
        ("ko", "한일 안보 대화(2009–2015)", "모든 사건에 그것을 보도한 기사의 구절을 인용합니다."),
    ],
    ids=["en", "ja", "ko"],
)
def test_the_timelinejs_title_slide_is_in_its_language(client, seed, code, headline, text):
    data = client.get(f"{PREFIXES[code]}/export/timelinejs.json").json()
    assert data["title"]["text"] == {"headline": headline, "text": text}


def test_timelinejs_marks_an_untranslated_headline(client, translated):
    translated.title_en = "Talks <resume>"
    translated.save()
    slide = _slide(client.get("/ko/export/timelinejs.json").json())
    assert slide["text"]["headline"] == '<span lang="en">Talks &lt;resume&gt;</span>'


def test_english_timelinejs_marks_nothing(client, translated):
    data = client.get("/export/timelinejs.json").json()
    assert 'lang="' not in json.dumps(data)
    assert _slide(data)["text"]["headline"] == "Talks resume"
    assert data["title"]["text"]["text"] == "Every event cites its passage."


def test_each_event_carries_its_plover_type_and_mode(client, seed):
    """PLOVER's type and mode for the event's kind (models.Event.PLOVER), in JSON, the API and
    the CSV; none where PLOVER has no type (a statement)."""
    make_event(slug="talks", kind=Event.Kind.MEETING, edtf="2014-01")
    make_event(slug="visit", kind=Event.Kind.VISIT, edtf="2014-02")
    make_event(slug="protest", kind=Event.Kind.PROTEST, edtf="2014-03")
    make_event(slug="said", kind=Event.Kind.STATEMENT, edtf="2014-04")
    events = {e["slug"]: e["plover"] for e in client.get("/export/events.json").json()["events"]}
    assert events["talks"] == {"type": "CONSULT", "mode": None}
    assert events["visit"] == {"type": "CONSULT", "mode": "visit"}
    assert events["protest"] == {"type": "ACCUSE", "mode": "allege"}
    assert events["said"] == {"type": None, "mode": None}
    assert client.get("/api/events/visit/").json()["plover"] == events["visit"]
    listed = csv.DictReader(io.StringIO(client.get("/export/events.csv").content.decode()))
    rows = {r["slug"]: r for r in listed}
    assert (rows["visit"]["plover_type"], rows["visit"]["plover_mode"]) == ("CONSULT", "visit")
    assert (rows["said"]["plover_type"], rows["said"]["plover_mode"]) == ("", "")
