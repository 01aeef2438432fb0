"""Time expressions resolved against the publication date, case by case."""

from datetime import date

import pytest
from django.utils import translation

from dialogue.timex import Derivation, find

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
        ("the planned revision on April 27", SUN_5_APRIL_2015, True, "2015-04-27"),
        ("held talks on March 19 in Tokyo", SUN_5_APRIL_2015, False, "2015-03-19"),
        ("the shrine visit on Dec. 26", TUE_9_SEPT_2014, False, "2013-12-26"),
        ("on Sept. 9, 2014", date(2015, 1, 1), False, "2014-09-09"),
        ("on 19 March", SUN_5_APRIL_2015, False, "2015-03-19"),
        ("signed in 1997", TUE_9_SEPT_2014, False, "1997"),
        ("colonized Korea from 1910-1945", TUE_9_SEPT_2014, False, "1910/1945"),
        ("in May", SUN_5_APRIL_2015, True, "2015-05"),
    ],
)
def test_each_expression_resolves(text, published, future, edtf):
    found = find(text, published, future=future)
    assert [t.edtf for t in found] == [edtf]
    assert f"{published.day} {published:%B %Y}" in str(found[0].derivation)


@pytest.mark.parametrize(
    "text", ["in four years", "World War II", "they may agree", "Article 9", "3,000 troops"]
)
def test_things_that_are_not_dates_are_left_alone(text):
    assert find(text, SUN_5_APRIL_2015) == []


def test_a_reporting_weekday_dates_the_report():
    (said,) = find("the sources said Saturday", SUN_5_APRIL_2015)
    assert said.reporting and said.text == "said Saturday"


def test_a_year_before_a_noun_dates_the_noun():
    (year,) = find("Japan's review of the 1993 Kono statement", TUE_9_SEPT_2014)
    assert year.attributive and year.edtf == "1993"
    (span,) = find("during Japan’s 1910-1945 colonial rule", SUN_5_APRIL_2015)
    assert span.attributive
    (plain,) = find("agreed in 1997", TUE_9_SEPT_2014)
    assert not plain.attributive


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
