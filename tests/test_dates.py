"""Dates are read in one module (dialogue/dates.py): whatever EDTF the models accept, every page
and export can show; what the timeline can't place is a field error, never a 500."""

import re
from datetime import UTC, date, datetime

import hypothesis
import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dialogue import dates
from dialogue.models import Event, Period
from tests.factories import cite, make_actor, make_event, make_source
from tests.test_admin import event_form


def pages(slug: str) -> list[str]:
    """Every page and export that shows an event's date."""
    return [
        f"/events/{slug}/",
        "/",
        "/export/events.csv",
        "/export/events.json",
        "/export/timelinejs.json",
        "/export/events.ics",
        f"/events/{slug}/cite.json",
        "/feed.atom",
        f"/api/events/{slug}/",
        f"/embed/events/{slug}/",
    ]


def assert_shown_everywhere(client, event: Event, *more: str) -> None:
    machine, first_day = event.date_machine, event.date_lower.isoformat()
    for url in pages(event.slug) + list(more):
        response = client.get(url)
        assert response.status_code == 200, (event.edtf, url)
        if "html" not in response["Content-Type"]:
            continue
        # <time datetime> keeps the date's precision: '2015-03', not its first day
        html = response.content.decode()
        assert url == "/" or f'datetime="{machine}"' in html, (event.edtf, url)
        assert machine == first_day or f'datetime="{first_day}"' not in html, (event.edtf, url)


# What the site reads ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edtf", "words"),
    [
        ("2013", "2013"),
        ("2015-04", "April 2015"),
        ("2015-04-27", "27 April 2015"),
        ("2015-04-05/2015-04-30", "5 – 30 April 2015"),
        ("2015-04-05/2015-05-03", "5 April – 3 May 2015"),
        ("2009-12/2015-04", "December 2009 – April 2015"),
        ("2015-21", "spring 2015"),
        ("2015-21/2015-23", "spring – autumn 2015"),
        ("201X", "the 2010s"),
        ("20XX", "some year 2000–2099"),
        ("2014-04-XX", "April 2014"),
        ("2014-XX", "2014"),
        ("[2014,2015]", "2014 or 2015"),
        ("[2013,2014,2015]", "2013, 2014 or 2015"),
        ("{2014,2015-03}", "2014 and March 2015"),
        ("[2014..2016]", "2014 – 2016"),
        ("2015-03-XX/2015-04", "March – April 2015"),
        ("2014?", "2014 (uncertain)"),
        ("2015-04~", "about April 2015"),
        ("2015-04-27%", "about 27 April 2015 (uncertain)"),
        ("?2015-04", "April 2015 (uncertain)"),
    ],
)
def test_dates_are_said_in_words_at_their_own_precision(edtf, words):
    assert dates.describe(edtf) == words


# Each shape in Japanese and Korean: (EDTF, Japanese, Korean). Days, months, years and the spans
# of days and months are CLDR's patterns; the rest the catalogues' (locale/*/django.po).
IN_JAPANESE_AND_KOREAN = [
    ("2013", "2013年", "2013년"),
    ("2015-03", "2015年3月", "2015년 3월"),
    ("2014-09-09", "2014年9月9日", "2014년 9월 9일"),
    ("2015-04-05/2015-04-30", "2015年4月5日～30日", "2015년 4월 5일~30일"),
    ("2015-04-05/2015-05-03", "2015年4月5日～5月3日", "2015년 4월 5일~5월 3일"),
    ("2014-12-29/2015-01-02", "2014年12月29日～2015年1月2日", "2014년 12월 29일~2015년 1월 2일"),
    ("2009-12/2015-04", "2009年12月～2015年4月", "2009년 12월~2015년 4월"),
    ("2015-03-XX/2015-04", "2015年3月～4月", "2015년 3월~4월"),
    ("2014-09-09/2015-04", "2014年9月9日～2015年4月", "2014년 9월 9일~2015년 4월"),
    ("[2014..2016]", "2014年～2016年", "2014년~2016년"),
    ("2015-21", "2015年春", "2015년 봄"),
    ("2015-24", "2015年冬", "2015년 겨울"),
    ("2015-29", "2015年春（南半球）", "2015년 봄(남반구)"),
    ("2015-21/2015-23", "2015年春～秋", "2015년 봄~가을"),
    ("2015-21/2016-22", "2015年春～2016年夏", "2015년 봄~2016년 여름"),
    ("2015-33", "2015年1月～3月", "2015년 1월~3월"),  # a quarter, said by its months
    ("201X", "2010年代", "2010년대"),
    ("20XX", "2000年～2099年のいずれかの年", "2000년~2099년 중 어느 해"),
    ("2XXX", "2000年～2999年のいずれかの年", "2000년~2999년 중 어느 해"),
    ("2014-04-XX", "2014年4月", "2014년 4월"),
    ("2014-XX", "2014年", "2014년"),
    ("0100", "100年", "100년"),
    ("[2014,2015]", "2014年または2015年", "2014년 또는 2015년"),
    ("[2013,2014,2015]", "2013年、2014年、または2015年", "2013년, 2014년 또는 2015년"),
    ("{2014,2015}", "2014年と2015年", "2014년과 2015년"),
    ("{2013,2014,2015-03}", "2013年、2014年と2015年3月", "2013년, 2014년과 2015년 3월"),
    ("{201X,2015}", "2010年代と2015年", "2010년대와 2015년"),  # 대 ends in a vowel: 와
    ("2014?", "2014年（不確か）", "2014년(불확실)"),
    ("2014~", "2014年頃", "2014년경"),
    ("2015-04~", "2015年4月頃", "2015년 4월경"),
    ("2015-04-27%", "2015年4月27日頃（不確か）", "2015년 4월 27일경(불확실)"),
    ("?2015-04", "2015年4月（不確か）", "2015년 4월(불확실)"),
    ("[2014?,2015]", "2014年または2015年（不確か）", "2014년 또는 2015년(불확실)"),
]


@pytest.mark.parametrize(("edtf", "japanese", "korean"), IN_JAPANESE_AND_KOREAN)
def test_dates_are_said_in_japanese_and_korean_in_their_own_conventions(edtf, japanese, korean):
    with translation.override("ja"):
        assert dates.describe(edtf) == japanese
    with translation.override("ko"):
        assert dates.describe(edtf) == korean


def test_the_words_are_cached_for_each_language_apart():
    """describe is cached: a date read first in one language is still said in the others'."""
    for code, words in [("ja", "2015年4月"), ("en", "April 2015"), ("ko", "2015년 4월")]:
        with translation.override(code):
            assert dates.describe("2015-04") == words
    assert dates.describe("2015-04") == "April 2015"  # the default language, English


@pytest.mark.parametrize(
    ("code", "words"),
    [("en", "9 September 2014"), ("ja", "2014年9月9日"), ("ko", "2014년 9월 9일")],
)
def test_a_day_in_each_language_and_the_day_filter(code, words):
    with translation.override(code):
        assert dates.day_words(date(2014, 9, 9)) == words
        template = Template("{% load dates %}{{ published_on|day }}|{{ missing|day }}")
        assert template.render(Context({"published_on": date(2014, 9, 9)})) == f"{words}|"
        # A datetime is its day in the site's time zone (UTC): 23:30 UTC is still the 9th.
        moment = datetime(2014, 9, 9, 23, 30, tzinfo=UTC)
        assert template.render(Context({"published_on": moment})) == f"{words}|"


@pytest.mark.parametrize(
    ("edtf", "lower", "upper", "precision", "machine", "csl"),
    [
        ("2015-03-05", "2015-03-05", "2015-03-05", "day", "2015-03-05", [[2015, 3, 5]]),
        ("2015-03", "2015-03-01", "2015-03-31", "month", "2015-03", [[2015, 3]]),
        ("2016-02", "2016-02-01", "2016-02-29", "month", "2016-02", [[2016, 2]]),
        ("2013", "2013-01-01", "2013-12-31", "year", "2013", [[2013]]),
        ("2014-04-XX", "2014-04-01", "2014-04-30", "month", "2014-04", [[2014, 4]]),
        ("2015-21", "2015-03-01", "2015-05-31", "span", "2015", [[2015, 3], [2015, 5]]),
        ("201X", "2010-01-01", "2019-12-31", "span", "2010", [[2010], [2019]]),
        ("[2014,2015]", "2014-01-01", "2015-12-31", "span", "2014", [[2014], [2015]]),
        (
            "2014-09-09/2015-04",
            "2014-09-09",
            "2015-04-30",
            "span",
            "2014-09-09",
            [[2014, 9, 9], [2015, 4]],
        ),
        ("0100", "0100-01-01", "0100-12-31", "year", "0100", [[100]]),
    ],
)
def test_bounds_precision_and_machine_forms(edtf, lower, upper, precision, machine, csl):
    """The <time datetime> value keeps the date's precision: '2015-03', not '2015-03-01'."""
    assert dates.bounds(edtf) == (date.fromisoformat(lower), date.fromisoformat(upper))
    assert dates.precision(edtf) == precision
    assert dates.machine(edtf) == machine
    assert dates.csl_parts(edtf) == csl


def test_timelinejs_and_ical_cover_the_whole_date():
    """A season is March to May in TimelineJS, not month 21; a calendar entry ends the day
    after the last day, as iCalendar's DTEND is exclusive."""
    assert dates.timelinejs("2015-03") == ({"year": 2015, "month": 3}, None)
    assert dates.timelinejs("2015-21") == ({"year": 2015, "month": 3}, {"year": 2015, "month": 5})
    assert dates.ical("2015-03") == (date(2015, 3, 1), date(2015, 4, 1))
    assert dates.is_uncertain("2015-04~") and dates.is_uncertain("?2015-04")
    assert not dates.is_uncertain("[2014,2015]")


@pytest.mark.parametrize(
    ("edtf", "why"),
    [
        ("last month", "is not an EDTF date"),
        ("2014/..", "open (..) or unknown end"),
        ("../2015", "open (..) or unknown end"),
        ("2014/", "open (..) or unknown end"),
        ("[..2014]", "open (..) or unknown end"),
        ("-0100", "outside 1–9998"),
        ("0000", "outside 1–9998"),
        ("9999", "outside 1–9998"),
        ("Y170000002", "outside 1–9998"),
        ("X014", "X digits"),
        ("2014-XX-05", "X digits"),
        ("2015S2", "significant digits"),
        ("2015-04-27T10:00:00", "time of day"),
        ("2015/2014", "ends before it begins"),
        ("2015-02-29", "day the calendar doesn't have"),
    ],
)
def test_what_the_timeline_cant_place_is_refused_with_a_reason(edtf, why):
    with pytest.raises(ValidationError) as excinfo:
        dates.bounds(edtf)
    assert excinfo.value.code == "invalid_edtf"
    assert why in excinfo.value.messages[0] and "Examples: " in excinfo.value.messages[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "obj",
    [
        Event(slug="x", title="X", kind="meeting", status="occurred"),
        Period(slug="x", name="X"),
    ],
)
def test_a_refused_date_is_an_error_on_the_date_field(obj):
    """Before, '2014/..' raised TypeError inside validation, and '2015/2014' was no error on the
    date field (the admin, which skips that constraint, then failed in the database)."""
    for edtf in ("2014/..", "2015/2014"):
        obj.edtf = edtf
        with pytest.raises(ValidationError) as excinfo:
            obj.full_clean()
        assert "edtf" in excinfo.value.message_dict


# Regressions: each of these answered 500 before --------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("edtf", ["2015-21", "201X", "2014-04-XX", "[2014,2015]"])
def test_dates_the_model_accepts_are_shown_on_every_page(client, edtf):
    """The model took these, then the permalink and / failed reading them (dates._side)."""
    event, actor = make_event(edtf=edtf), make_actor()
    cite(event, make_source(), "frank")
    event.participations.create(actor=actor)
    event.full_clean()
    assert_shown_everywhere(client, event, actor.get_absolute_url())


@pytest.mark.django_db
@pytest.mark.parametrize("edtf", ["2014/..", "2015/2014"])
def test_the_admin_shows_a_refused_date_as_a_field_error(client, staff, edtf):
    client.force_login(staff)
    data = event_form(make_source(), "frank", edtf=edtf)
    response = client.post("/admin/dialogue/event/add/", data)
    assert response.status_code == 200
    assert "edtf" in response.context["adminform"].form.errors
    assert not Event.objects.filter(slug="vice-ministers-meet").exists()


# Every value, accepted or refused ----------------------------------------------------------------


def _date(year: str, month: str | None, day: str | None) -> str:
    return "-".join(part for part in (year, month, day if month else None) if part)


# Dates of a well-formed shape in the timeline's own years, and odd ones the parser may or may
# not take: years out of range or with misplaced X digits, L2 seasons, days a month lacks.
YEARS = st.integers(2005, 2016).map("{:04d}".format)
MONTHS = st.integers(1, 12).map("{:02d}".format)
DAYS = st.integers(1, 28).map("{:02d}".format)
SEASONS = st.integers(21, 24).map(str)
WELL_FORMED = st.one_of(
    YEARS,
    st.sampled_from(["201X", "20XX"]),
    st.builds("{}-{}".format, YEARS, MONTHS | SEASONS | st.just("XX")),
    st.builds("{}-{}-{}".format, YEARS, MONTHS, DAYS | st.just("XX")),
    st.builds("{}-XX-XX".format, YEARS),
)
ODD_YEARS = st.one_of(
    st.integers(0, 9999).map("{:04d}".format),
    st.builds(
        lambda y, n: y[: 4 - n] + "X" * n,
        st.integers(0, 9999).map("{:04d}".format),
        st.integers(1, 4),
    ),
    st.sampled_from(["-0100", "Y170000002", "Y17E7", "X014", "20X5"]),
)
ODD = st.builds(
    _date,
    YEARS | ODD_YEARS,
    st.none() | MONTHS | SEASONS | st.sampled_from(["XX", "29", "33", "40", "1X", "00", "13"]),
    st.none() | DAYS | st.sampled_from(["XX", "29", "30", "31", "3X", "00"]),
)


def rarely(odd, common):
    """One draw in four from odd, so that most examples get past validation to the pages."""
    return st.integers(0, 3).flatmap(lambda n: odd if n == 0 else common)


DATES = rarely(ODD, WELL_FORMED)
QUALIFIED = st.builds(str.__add__, DATES, st.sampled_from(["", "", "?", "~", "%"]))
ENDS = rarely(st.sampled_from(["..", ""]), QUALIFIED)
INTERVALS = st.builds("{}/{}".format, ENDS, ENDS)
CONSECUTIVES = st.builds("{}..{}".format, YEARS, YEARS) | st.builds("{}..{}".format, DATES, DATES)
MEMBERS = rarely(CONSECUTIVES | st.just("..2014"), QUALIFIED)
SETS = st.builds(
    lambda brackets, members: brackets[0] + ",".join(members) + brackets[1],
    st.sampled_from(["[]", "{}"]),
    st.lists(MEMBERS, min_size=2, max_size=3),
)
EDTF = st.one_of(QUALIFIED, INTERVALS, SETS)


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(edtf=EDTF)
def test_every_date_the_site_accepts_is_said_wholly_in_japanese_and_korean(edtf):
    """No English word (a season, 'about', 'and') is left in a Japanese or Korean date."""
    try:
        dates.bounds(edtf)
    except ValidationError:
        return
    for code in ("ja", "ko"):
        with translation.override(code):
            words = dates.describe(edtf)
        assert not re.search("[A-Za-z]", words), (code, words)


@pytest.fixture
def source(db):
    source = make_source()
    source.refresh_from_db()  # a date, not the factory's string: Hypothesis prints it
    return source


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=True,  # a failure reproduces
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edtf=EDTF)
@example(edtf="0001-01-01/9998-12-31")  # the first and last day the site can place
@example(edtf="9999")
def test_every_date_is_refused_as_a_field_error_or_shown_on_every_page(client, source, edtf):
    """Generated EDTF (X digits, seasons, qualifiers, open and unknown ends, sets): either
    validation refuses it on the date field, or every page and export shows it."""
    event = Event(slug="generated", title="Generated", edtf=edtf, kind="meeting")
    event.status, event.is_published = Event.Status.OCCURRED, True
    try:
        event.full_clean()
    except ValidationError as exc:
        assert list(exc.message_dict) == ["edtf"], exc.message_dict
        hypothesis.event("refused")
        return
    hypothesis.event("accepted")
    try:
        event.save()
        cite(event, source, "frank")
        assert_shown_everywhere(client, event)
    finally:
        event.delete()  # one event per example: a bad one must not spoil the next


@pytest.mark.parametrize(
    ("value", "placeable", "day"),
    [
        ("2015-04-27", True, True),
        ("2015-04", True, False),
        ("9998-12-31", True, True),
        ("9999-01-04", False, False),  # past what the site places
        ("-002-09", False, False),
        ("not a date", False, False),
    ],
)
def test_what_the_site_can_place(value, placeable, day):
    assert (dates.placeable(value), dates.placeable_day(value)) == (placeable, day)
