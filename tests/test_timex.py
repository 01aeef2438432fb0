"""Time expressions resolved against the publication date, case by case."""

from datetime import date

import pytest
from django.utils import translation

from dialogue.timex import Derivation, find, later

SUN_5_APRIL_2015 = date(2015, 4, 5)
TUE_9_SEPT_2014 = date(2014, 9, 9)


@pytest.mark.parametrize(
    ("text", "published", "future", "edtf"),
    [
        # weekdays: the most recent such day on or before publication
        ("the sources said Saturday", SUN_5_APRIL_2015, False, "2015-04-04"),
        ("a government source said Tuesday", TUE_9_SEPT_2014, False, "2014-09-09"),
        ("officials said on Monday", TUE_9_SEPT_2014, False, "2014-09-08"),
        ("they will meet on Friday", SUN_5_APRIL_2015, True, "2015-04-10"),
        # a weekday of a week named: that day of that week, not the whole week
        ("had told reporters on Thursday last week", SUN_5_APRIL_2015, False, "2015-03-26"),
        ("will meet on Friday next week", TUE_9_SEPT_2014, True, "2014-09-19"),
        ("met on Monday of last week", TUE_9_SEPT_2014, False, "2014-09-01"),
        # a plan for the rest of the article's own month: this year's, not next year's
        ("will meet in mid-September", TUE_9_SEPT_2014, True, "2014-09-11/2014-09-20"),
        ("will meet in September", TUE_9_SEPT_2014, True, "2014-09"),
        ("will meet in August", TUE_9_SEPT_2014, True, "2015-08"),
        # this week, month or year: the whole of it, whatever the tense; "within" and "later"
        # from the day written
        ("will decide as early as this week", TUE_9_SEPT_2014, True, "2014-09-08/2014-09-14"),
        ("will resume the dialogue this month", TUE_9_SEPT_2014, True, "2014-09"),
        ("will visit Japan this year", TUE_9_SEPT_2014, True, "2014"),
        ("will be handed back within this week", TUE_9_SEPT_2014, True, "2014-09-09/2014-09-14"),
        # a part of a month of a year named relative to the article's
        (
            "will run until the end of October next year",
            TUE_9_SEPT_2014,
            True,
            "2015-10-21/2015-10-31",
        ),
        ("began in late May last year", TUE_9_SEPT_2014, False, "2013-05-21/2013-05-31"),
        # months and years relative to the article
        ("agreed at a meeting last month", SUN_5_APRIL_2015, False, "2015-03"),
        ("agreed at a meeting last month", date(2015, 1, 20), False, "2014-12"),
        (
            "to resume the dialogue later this month",
            SUN_5_APRIL_2015,
            True,
            "2015-04-05/2015-04-30",
        ),
        ("talks earlier this month", SUN_5_APRIL_2015, False, "2015-04-01/2015-04-05"),
        ("the minister visited this month", SUN_5_APRIL_2015, False, "2015-04"),
        ("will meet next month", SUN_5_APRIL_2015, True, "2015-05"),
        ("had sought the meeting last year", TUE_9_SEPT_2014, False, "2013"),
        ("to resume consultations later this year", TUE_9_SEPT_2014, True, "2014-09-09/2014-12-31"),
        (
            "holding a consultation within this year",
            TUE_9_SEPT_2014,
            False,
            "2014-09-09/2014-12-31",
        ),
        ("tensions rose this year", TUE_9_SEPT_2014, False, "2014"),
        ("in the coming months", TUE_9_SEPT_2014, True, "2014-09-09/2015-03"),
        ("yesterday", SUN_5_APRIL_2015, False, "2015-04-04"),
        # explicit dates, years and spans
        ("has not been held since December 2009", SUN_5_APRIL_2015, False, "2009-12"),
        ("suspended since 2009", TUE_9_SEPT_2014, False, "2009"),
        # gone, in any tense, though a January to come is nearer
        ("negotiating since January", date(2011, 12, 18), None, "2011-01"),
        ("the planned revision on April 27", SUN_5_APRIL_2015, True, "2015-04-27"),
        ("held talks on March 19 in Tokyo", SUN_5_APRIL_2015, False, "2015-03-19"),
        ("the shrine visit on Dec. 26", TUE_9_SEPT_2014, False, "2013-12-26"),
        ("on Sept. 9, 2014", date(2015, 1, 1), False, "2014-09-09"),
        ("on 19 March", SUN_5_APRIL_2015, False, "2015-03-19"),
        ("signed in 1997", TUE_9_SEPT_2014, False, "1997"),
        ("colonized Korea from 1910-1945", TUE_9_SEPT_2014, False, "1910/1945"),
        ("in May", SUN_5_APRIL_2015, True, "2015-05"),
        ("a visit planned for May", SUN_5_APRIL_2015, True, "2015-05"),
        ("a visit planned for March", SUN_5_APRIL_2015, None, "2015-03"),  # the nearest March
    ],
)
def test_each_expression_resolves(text, published, future, edtf):
    found = find(text, published, future=future)
    assert [t.edtf for t in found] == [edtf]
    assert f"{published.day} {published:%B %Y}" in str(found[0].derivation)


@pytest.mark.parametrize(
    "text",
    [
        "in four years",
        "World War II",
        "they may agree",
        "Article 9",
        "3,000 troops",
        "U.N. Security Council Resolution 1874",
        "a vision focused on the 21st century",
        "aboard the flagship on the 7th Fleet",
        "Resolution No. 2094",
    ],
)
def test_things_that_are_not_dates_are_left_alone(text):
    assert find(text, SUN_5_APRIL_2015) == []


def test_a_reporting_weekday_dates_the_report():
    (said,) = find("the sources said Saturday", SUN_5_APRIL_2015)
    assert said.reporting and said.text == "said Saturday"
    (said,) = find("the spokesman said at a briefing Monday", SUN_5_APRIL_2015)
    assert said.reporting and said.text == "said at a briefing Monday"


def test_a_year_before_a_noun_dates_the_noun():
    (year,) = find("Japan's review of the 1993 Kono statement", TUE_9_SEPT_2014)
    assert year.attributive and year.edtf == "1993"
    (span,) = find("during Japan’s 1910-1945 colonial rule", SUN_5_APRIL_2015)
    assert span.attributive
    (plain,) = find("agreed in 1997", TUE_9_SEPT_2014)
    assert not plain.attributive
    (quake,) = find("crippled by the March 11 earthquake", TUE_9_SEPT_2014)
    assert quake.attributive
    (day,) = find("they met on March 11 in Seoul", TUE_9_SEPT_2014)
    assert not day.attributive
    # a clock in Greenwich, after the local one, dates the clock: the clause is the local day's
    local, greenwich = find("launched at 7:39 a.m. (2239 GMT Thursday)", TUE_9_SEPT_2014)
    assert greenwich.attributive and not local.attributive


def test_a_clock_beside_its_day_is_one_expression_of_that_day():
    """ "at 11:57 a.m. on Tuesday", "on Tuesday at 11:57 a.m.": Tuesday, once; not the
    paper's day for the clock beside it."""
    for text in ("tested at 11:57 a.m. on Sunday", "tested on Sunday at 11:57 a.m."):
        (t,) = find(text, TUE_9_SEPT_2014)
        assert (t.edtf, text[t.start : t.end]) == ("2014-09-07", t.text)
        assert t.text in ("11:57 a.m. on Sunday", "Sunday at 11:57 a.m.")


def test_offsets_point_at_the_expression():
    text = "Foreign ministers agreed last month, the sources said Saturday."
    spans = [text[t.start : t.end].strip() for t in find(text, SUN_5_APRIL_2015)]
    assert spans == ["last month", "said Saturday"]


def test_the_derivation_is_said_in_each_language_the_articles_words_quoted():
    """The article's English words stay as they are, in each language's quotation marks."""
    (found,) = find("agreed at a meeting last month", SUN_5_APRIL_2015)
    assert found.derivation.in_languages() == {
        "en": "“last month”, in an article of 5 April 2015",
        "ja": "2015年4月5日付の記事の「last month」",
        "ko": "2015년 4월 5일 자 기사의 “last month”",
    }
    with translation.override("ja"):  # str() speaks the active language
        assert str(found.derivation) == "2015年4月5日付の記事の「last month」"


@pytest.mark.parametrize(
    ("derivation", "english", "japanese", "korean"),
    [
        (
            Derivation(TUE_9_SEPT_2014, "last year").elsewhere(),
            "“last year”, in an article of 9 September 2014, in the same sentence",
            "2014年9月9日付の記事の同じ文にある「last year」",
            "2014년 9월 9일 자 기사의 같은 문장에 있는 “last year”",
        ),
        (
            Derivation(TUE_9_SEPT_2014, how="present"),
            "under way (present tense) in an article of 9 September 2014",
            "2014年9月9日付の記事で進行中（現在形）",
            "2014년 9월 9일 자 기사에서 진행 중(현재 시제)",
        ),
        (
            Derivation(TUE_9_SEPT_2014, how="past"),
            "reported as past, with no date, in an article of 9 September 2014",
            "2014年9月9日付の記事で過去のこととして報道（日付なし）",
            "2014년 9월 9일 자 기사에서 날짜 없이 과거의 일로 보도됨",
        ),
    ],
)
def test_each_kind_of_derivation_in_each_language(derivation, english, japanese, korean):
    assert derivation.in_languages() == {"en": english, "ja": japanese, "ko": korean}


TUE_2_JULY_2013 = date(2013, 7, 2)


@pytest.mark.parametrize(
    ("text", "future", "edtf"),
    [
        # ranges: one span, never two events
        ("began Friday and runs through July 5", None, "2013-06-28/2013-07-05"),
        ("began June 3 and ended Friday", False, "2013-06-03/2013-06-28"),
        ("opened June 24 and closed on Friday", False, "2013-06-24/2013-06-28"),
        ("abducted in the 1970s and 1980s", False, "1970/1989"),
        ("from 2010 to 2012", False, "2010/2012"),
        ("in the 2010-12 period", False, "2010/2012"),
        ("between 2009 and 2011", False, "2009/2011"),
        ("between March and May", False, "2013-03/2013-05"),
        ("from June 5 to 8", False, "2013-06-05/2013-06-08"),
        ("on June 5-8", False, "2013-06-05/2013-06-08"),
        # a month with its year said in words
        ("in March last year", False, "2012-03"),
        ("in June of last year", False, "2012-06"),
        ("on March 5 last year", False, "2012-03-05"),
        ("in January next year", True, "2014-01"),
        ("last March", False, "2013-03"),
        ("next March", True, "2014-03"),
        # weekdays follow the clause's tense
        ("will visit on Thursday", True, "2013-07-04"),
        ("visited on Thursday", False, "2013-06-27"),
        ("last Friday", False, "2013-06-28"),
        ("next Monday", False, "2013-07-08"),
        ("will meet later Tuesday", True, "2013-07-02"),  # the paper's own day
        ("will meet next Tuesday", True, "2013-07-09"),
        # offsets from the publication day
        ("three years ago", False, "2010"),
        ("two and a half years ago", False, "2011-01"),
        ("a year and a half ago", False, "2012-01"),
        ("met a year ago", False, "2012-07"),  # that month last year
        ("two days ago", False, "2013-06-30"),
        ("took office a year ago today", False, "2012-07-02"),  # that very day
        ("two months ago today", False, "2013-05-02"),
        # seasons, as EDTF seasons
        ("last autumn", False, "2012-23"),
        ("this spring", False, "2013-21"),
        ("next spring", True, "2014-21"),
        ("in the summer of 2011", False, "2011-22"),
        # deadlines: from the publication day to the end
        ("by year-end", True, "2013-07-02/2013-12-31"),
        ("by the end of the year", True, "2013-07-02/2013-12-31"),
        ("by the end of September", True, "2013-07-02/2013-09-30"),
        ("by the end of next month", True, "2013-07-02/2013-08-31"),
        # a month of a year named by its place: one deadline, not a deadline and a year
        ("to take effect by the end of March next year", True, "2013-07-02/2014-03-31"),
        ("by the end of September this year", True, "2013-07-02/2013-09-30"),
        ("before the end of the month", True, "2013-07-02/2013-07-31"),
        ("hopes to visit within the year", True, "2013-07-02/2013-12-31"),
        ("to finish no later than March", True, "2013-07-02/2014-03-31"),
        # by any time still to come: to its end
        ("to vote on them by mid-September", True, "2013-07-02/2013-09-20"),
        ("by early August", True, "2013-07-02/2013-08-10"),
        ("hopes to sign it by early next year", True, "2013-07-02/2014-04-30"),
        ("by next spring", True, "2013-07-02/2014-05-31"),
        ("must reply by Friday", True, "2013-07-02/2013-07-05"),
        ("expects a deal by the summer", True, "2013-22"),  # begun already: the summer
        ("was approved by the Cabinet on Friday", False, "2013-06-28"),  # an agent's "by"
        # a part of this year or month, a week of a month, a day of the month
        ("in the second week of December", True, "2013-12-08/2013-12-14"),
        ("in the last week of June", False, "2013-06-24/2013-06-30"),
        ("visited the shrine on the 26th", False, "2013-06-26"),
        ("will visit Seoul on the 26th", True, "2013-07-26"),
        ("will visit Seoul on the 31st", True, "2013-07-31"),
        ("visited Seoul on the 31st", False, "2013-05-31"),  # June has none
        # parts of periods
        ("in mid-2012", False, "2012-05/2012-08"),
        ("early next year", True, "2014-01/2014-04"),
        ("late last year", False, "2012-09/2012-12"),
        ("in early June", False, "2013-06-01/2013-06-10"),
        ("in mid-May", False, "2013-05-11/2013-05-20"),  # a month of 31 days: 11–20 all the same
        ("in late January", False, "2013-01-21/2013-01-31"),
        ("late last month", False, "2013-06-21/2013-06-30"),
        ("early this week", False, "2013-07-01/2013-07-03"),
        ("earlier this week", False, "2013-07-01"),  # Monday: the days before Tuesday's paper
        ("over the weekend", False, "2013-06-29/2013-06-30"),
        ("will visit Tokyo over the weekend", True, "2013-07-06/2013-07-07"),
        ("in the 1990s", False, "199X"),
    ],
)
def test_ranges_seasons_deadlines_and_offsets(text, future, edtf):
    found = find(text, TUE_2_JULY_2013, future=future)
    assert [t.edtf for t in found] == [edtf]


def test_a_season_in_a_name_is_no_season():
    """ "the 2020 Summer Games" names the Games; "last Summer" at a sentence's end is a season."""
    assert [t.text for t in find("won the 2020 Summer Games", TUE_2_JULY_2013)] == ["2020"]
    assert [t.edtf for t in find("It was held last Summer.", TUE_2_JULY_2013)] == ["2012-22"]
    assert [t.text for t in find("In Spring Japan will hold talks", TUE_2_JULY_2013)] == ["Spring"]


def test_a_part_of_the_year_is_this_one_or_the_one_told_of():
    """ "to visit in the second half of the year": this year's, told as still to come; told as
    past, the year the text tells of; "at the end of the month", told as past, no date."""
    (coming,) = find("to visit in the second half of the year", TUE_2_JULY_2013, future=True)
    assert coming.edtf == "2013-07/2013-12"
    (told,) = find(
        "had hoped to visit at the end of the year",
        TUE_2_JULY_2013,
        future=False,
        anchor=("2011-05-30",),
    )
    assert told.edtf == "2011-09/2011-12"
    assert find("was paid at the end of the month", TUE_2_JULY_2013, future=False) == []


def test_a_part_of_a_coming_unit_is_still_to_come():
    """ "agreed to hold talks early next year": a plan, whatever the verb's tense."""
    (early,) = find("agreed to hold talks early next year", TUE_2_JULY_2013, future=False)
    assert early.future
    (late,) = find("met late last year", TUE_2_JULY_2013, future=False)
    assert not late.future


@pytest.mark.parametrize(
    ("text", "anchor", "edtf"),
    [
        ("the day before", "2013-06-05", "2013-06-04"),
        ("a day later", "2013-06-05", "2013-06-06"),
        ("two days later", "2013-06-05", "2013-06-07"),
        ("three years earlier", "2012-08-10", "2009"),
        ("the previous day", "2013-06-05", "2013-06-04"),
        ("the day before", None, "2013-07-01"),  # no date given yet: the article's day
        # from the last day named: a year since ("ties normalised in 1965") is no day
        ("the day before", ("2013-06-22", "1965"), "2013-06-21"),
        ("three years earlier", ("2013-06-22", "1965"), "1962"),
        # parts and times of the day, hours after: the day last named
        ("in the early afternoon", ("2013-06-22",), "2013-06-22"),
        ("at 11:57 a.m. near the site", ("2013-06-22",), "2013-06-22"),
        ("announced about three hours later", ("2013-06-22",), "2013-06-22"),
        ("detected the launch at 9:49 a.m.", ("2013-06-22",), "2013-06-22"),  # ends the clause
        ("flew over Okinawa about 12 minutes later", ("2013-06-22",), "2013-06-22"),
        ("convened a meeting about an hour after the launch", ("2013-06-22",), "2013-06-22"),
        ("Hours after the failure, parliament named him", ("2013-06-22",), "2013-06-22"),
        # a clause opened by "a day after": what it tells came that long before its sentence's
        # date ("South Korea joined on Tuesday, | a day after North Korea conducted a test")
        ("a day after North Korea conducted a test", ("2013-06-22",), "2013-06-21"),
        ("two weeks after they met", ("2013-06-22",), "2013-06-08"),
        ("12 days after recalling him in protest", ("2012-08-22",), "2012-08-10"),  # a gerund's
        ("a day after the launch", ("2013-06-22",), "2013-06-23"),  # the day after a noun's
        # what a meeting "came" that long after came that long before its day
        (
            "The meeting came two days after Japanese officials held talks",
            ("2013-06-22",),
            "2013-06-20",
        ),
        # a clause opened by "hours after": that day
        ("hours after Tokyo lifted a ban on its military", ("2013-06-22",), "2013-06-22"),
        # "days after", how many not said: the month of the days before, or the span of them
        ("days after he became the first president to visit", ("2012-08-15",), "2012-08"),
        (
            "days after he became the first president to visit",
            ("2012-08-03",),
            "2012-07-25/2012-08-02",
        ),
        ("in a statement released last night", None, "2013-07-01"),
        ("and later that month he went", ("2013-03-14",), "2013-03-15/2013-03-31"),
        ("earlier that month", ("2013-03-14",), "2013-03-01/2013-03-13"),
        ("in late July that year", ("1993-08-04",), "1993-07-21/1993-07-31"),
        ("in the same month", ("2013-03",), "2013-03"),
        ("took effect a week later", ("1910-08-22",), "1910-08-29"),
        # later than a few days named together: from the last of them; before: no day
        ("Two days later, lawmakers visited", ("2013-04-20/2013-04-21",), "2013-04-23"),
        ("the day before", ("2013-06-22", "2013-04-20/2013-04-21"), "2013-06-21"),
        ("in the evening", None, "2013-07-02"),  # no day named yet: the paper's
        ("arrived the day before on a visit", ("2013-06-22",), "2013-06-21"),
        # earlier or later in the day: the day the story tells, which its lead names first
        ("signed off on the text earlier in the day", ("2013-06-22",), "2013-06-22"),
        ("signed off on the text earlier in the day", ("2013-06-22", "2013-06-20"), "2013-06-22"),
        ("is to call Kerry later in the day", None, "2013-07-02"),
    ],
)
def test_offsets_count_from_the_last_date_given(text, anchor, edtf):
    assert [t.edtf for t in find(text, TUE_2_JULY_2013, anchor=anchor)] == [edtf]


def test_a_past_event_counts_from_no_day_still_to_come():
    """ "Abe will call Obama as early as Wednesday. Lee convened a meeting the same day": the
    day of the article, not Wednesday."""
    given = ("2013-07-02", "2013-07-03")
    assert [
        t.edtf
        for t in find(
            "Lee convened a meeting the same day", TUE_2_JULY_2013, future=False, anchor=given
        )
    ] == ["2013-07-02"]
    assert [
        t.edtf
        for t in find(
            "Lee will convene a meeting the same day", TUE_2_JULY_2013, future=True, anchor=given
        )
    ] == ["2013-07-03"]


def test_an_offset_in_the_same_text_counts_from_the_date_before_it():
    found = find("Lee visited on Aug. 10, 2012, and the day before", TUE_2_JULY_2013)
    assert [t.edtf for t in found] == ["2012-08-10", "2012-08-09"]


def test_earlier_in_the_day_is_the_day_named_before_it_in_the_same_text():
    found = find("adopted on June 28 after the parties agreed earlier in the day", TUE_2_JULY_2013)
    assert [t.edtf for t in found] == ["2013-06-28", "2013-06-28"]


def test_an_offset_past_the_calendars_edges_is_no_date():
    """ "two and a half years ago" in a paper of year 1, "a year and a half later" near 9999:
    no date the site can place, so none; "and a half" with no number is no half."""
    assert find("two and a half years ago", date(1, 6, 1)) == []
    assert find("the day before", date(1, 1, 1)) == []
    assert find("a year and a half later", date(9998, 6, 1)) == []
    found = find("They met in January 2010, and a half year later", TUE_2_JULY_2013)
    assert [t.edtf for t in found] == ["2010-01", "2011"]  # "year later", as before


def test_a_day_naming_a_noun_is_a_day_to_count_from_and_a_year_naming_one_is_not():
    found = find("welcomed the April 13 statement, and the following day", date(2009, 4, 24))
    assert [t.edtf for t in found] == ["2009-04-13", "2009-04-14"]
    found = find("the 1993 Kono statement, and the following year", TUE_2_JULY_2013)
    assert [t.edtf for t in found] == ["1993", "2014"]  # the article's year
    found = find(
        "launched at 7:39 a.m. (2239 GMT Thursday), and the following day", TUE_9_SEPT_2014
    )
    assert found[-1].edtf == "2014-09-10"  # after the local day, not Greenwich's Thursday


def test_that_year_is_the_year_of_the_last_date_given():
    found = find("Relations sank further in August that year", TUE_2_JULY_2013, anchor="2012-06")
    assert [t.edtf for t in found] == ["2012-08"]
    assert [t.edtf for t in find("the same year", TUE_2_JULY_2013, anchor="2010")] == ["2010"]
    # "tried to hold a new round in late 2013, but … after Abe paid a visit that December"
    found = find("tried in late 2011, but after a visit that December", TUE_2_JULY_2013)
    assert [t.edtf for t in found] == ["2011-09/2011-12", "2011-12"]
    # not a name or a modal, nor a month with its own year
    assert [t.edtf for t in find("said that May would visit", TUE_2_JULY_2013, anchor="2011")] == []
    found = find("The talks, held that June, 2012, failed.", TUE_2_JULY_2013, anchor="2011")
    assert [t.edtf for t in found] == ["2012-06"]


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("to host a summit in late October or early November", "2013-10-21/2013-11-10"),
        ("will meet on Thursday or Friday", "2013-07-04/2013-07-05"),
        ("talks in May or in June", "2014-05/2014-06"),
        # two days running are one span
        ("talks in Beijing on Sunday and Monday", "2013-07-07/2013-07-08"),
        ("drills that began on July 24 and are due to end on Aug. 18", "2013-07-24/2013-08-18"),
    ],
)
def test_dates_given_as_alternatives_are_one_span(text, edtf):
    """Either of two dates: the event lies somewhere from the first to the last."""
    assert [t.edtf for t in find(text, TUE_2_JULY_2013, future=True)] == [edtf]


@pytest.mark.parametrize(
    "day, n, unit, after",
    [
        (date(2011, 7, 18), 1, "month", date(2011, 8, 18)),
        (date(2011, 1, 31), 1, "month", date(2011, 2, 28)),  # February has no 31st
        (date(2012, 2, 29), 1, "year", date(2013, 2, 28)),
        (date(2011, 12, 20), 2, "weeks", date(2012, 1, 3)),
        (date(2011, 3, 30), 3, "days", date(2011, 4, 2)),
    ],
)
def test_later_counts_days_weeks_months_and_years(day, n, unit, after):
    assert later(day, n, unit) == after


def test_a_month_naming_a_noun_is_a_time_expression_that_names_it():
    """ "before the April election", "the December summit": found, and marked as naming the
    noun; not "the March of history", nor a month without "the"."""
    found = find("especially before the April election", TUE_2_JULY_2013, future=True)
    assert [(t.text, t.edtf, t.attributive) for t in found] == [("April", "2014-04", True)]
    assert [t.edtf for t in find("the December summit", TUE_2_JULY_2013, future=False)] == [
        "2012-12"
    ]
    assert find("the March of history", TUE_2_JULY_2013) == []


def test_hours_after_an_event_is_its_day_but_hours_after_a_clause_is_no_time():
    """ "hours after the launch" is the day last named; "hours after the leaders met" opens a
    clause that dates itself, if at all."""
    found = find("Japan protested hours after the launch", TUE_2_JULY_2013, anchor="2013-06-30")
    assert [(t.text, t.edtf) for t in found] == [("hours after the launch", "2013-06-30")]
    assert find("It came just hours after the leaders met in The Hague.", TUE_2_JULY_2013) == []
    # nor does "days after" when the clause names its own day
    found = find("It came days after North Korea launched a rocket on Dec. 12", TUE_2_JULY_2013)
    assert [t.text for t in found] == ["Dec. 12"]
    # "days before" and "weeks later", how many not said, are no offset of one
    found = find("The launch comes days before the anniversary on Dec. 17", TUE_2_JULY_2013)
    assert [t.text for t in found] == ["Dec. 17"]
    assert find("Weeks later, the two sides met again.", TUE_2_JULY_2013) == []


def test_a_runs_end_is_in_its_starts_year():
    """ "began on March 1 and runs through April 30", told on April 10: April 30 still ahead;
    the days as given, not "2013-03/2013-04"."""
    (drill,) = find("The drill began on March 1 and runs through April 30.", date(2013, 4, 10))
    assert drill.edtf == "2013-03-01/2013-04-30"


def test_fall_the_verb_is_no_season():
    """ "debris that threatened to fall on Japanese territory" tells no autumn; "last fall" and
    "the fall of 2012" do."""
    assert not find("debris that threatened to fall on Japanese territory", date(2009, 4, 6))
    assert not find("it will fall short of that", date(2009, 4, 6))
    assert [t.edtf for t in find("talks last fall", date(2009, 4, 6))] == ["2008-23"]
    assert [t.edtf for t in find("in the fall of 2012", date(2013, 4, 6))] == ["2012-23"]


@pytest.mark.parametrize(
    ("text", "told", "edtf"),
    [
        # a run's end is the first such day after its start, across a year's end or a week's
        ("The drills began on Dec. 1 and run through Jan. 15.", date(2014, 1, 5),
         "2013-12-01/2014-01-15"),
        ("Exercises begin on Monday and run through Friday.", date(2013, 7, 2),
         "2013-07-01/2013-07-05"),
    ],
)  # fmt: skip
def test_runs_and_weekends_as_told(text, told, edtf):
    assert [t.edtf for t in find(text, told)] == [edtf]
    # told on a Sunday, "will visit over the weekend" is this weekend
    (weekend,) = find("will visit Tokyo over the weekend", date(2013, 7, 7), future=True)
    assert weekend.edtf == "2013-07-06/2013-07-07"


def test_fall_after_a_modal_is_the_verb():
    assert not find("Japan will shoot it down if debris should fall in its territory.",
                    date(2012, 4, 6))  # fmt: skip
