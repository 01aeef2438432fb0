"""The one place an EDTF date is read, from the `edtf` library's parse tree: its bounds, its
words, its precision, and its forms for HTML, citations, TimelineJS and iCalendar.

Words are in the active language, each in its own convention: the day, month and year patterns
and the spans of days and months are CLDR's (Babel), the rest (seasons, decades, sets, 'about',
'(uncertain)') are gettext messages. The timeline words its windows and ticks with the same
functions (day_words, month_words, year_words, days_words).

What the timeline can't place (an open or unknown end, a time of day, a year outside
1–MAX_YEAR, X digits in the middle of a number) is refused by `bounds` with a ValidationError,
which the models raise on the date field: whatever they accept, every page can show.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import edtf
from babel.dates import format_interval, format_skeleton, get_month_names
from babel.lists import format_list
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import pgettext, pgettext_lazy

EXAMPLES = (
    "Examples: 2015-04-27 (a day), 2015-03 (a month), 2013 (a year), "
    "2015-04-05/2015-04-30 (a span), 2015-04-27? (uncertain), 2015-04~ (approximate), "
    "2015-21 (spring), 201X (the 2010s), [2014,2015] (one of them)."
)
# Pages and the calendar export draw a date up to the day after its last day; 9999 has none.
MAX_YEAR = 9998
OUT_OF_RANGE = f"has a year outside 1–{MAX_YEAR}"

# EDTF season numbers 21–32 (25–28 northern, 29–32 southern hemisphere); from 33 on the
# quarters, thirds and halves are said by their months.
_NORTHERN = [
    pgettext_lazy("season", "spring"),
    pgettext_lazy("season", "summer"),
    pgettext_lazy("season", "autumn"),
    pgettext_lazy("season", "winter"),
]
_SOUTHERN = [
    pgettext_lazy("season", "southern spring"),
    pgettext_lazy("season", "southern summer"),
    pgettext_lazy("season", "southern autumn"),
    pgettext_lazy("season", "southern winter"),
]
SEASON_NAMES = dict(zip(range(21, 33), _NORTHERN * 2 + _SOUTHERN, strict=True))
_YEAR_PRECISIONS = ["year", "decade", "century", "millennium"]  # by count of trailing Xs
_UNSPECIFIED = (None, "XX")  # a month or day left out, or written XX
X_DIGITS = (
    "has X digits that can't be placed: only a year's last digits (201X), a whole month "
    "(2014-XX) or a whole day (2014-04-XX) can be unspecified"
)


class _Refused(Exception):
    """Why a parsed value can't be placed, in words that follow the value in the message."""


@dataclass(frozen=True)
class _Point:
    """One date of the value: a day, month, season, year, decade, century or millennium."""

    lower: date
    upper: date
    precision: str
    season: int = 0  # the EDTF season number (21–41) of a season
    uncertain: bool = False
    approximate: bool = False

    def words(self, *, with_year: bool = True) -> str:
        """In the active language; `with_year=False` leaves out the year of a day, month or
        season ('5 April', 'spring'), for a span that says it once."""
        lower, upper, year = self.lower, self.upper, self.lower.year
        if self.precision == "year":
            return year_words(year)
        if self.precision == "decade":
            return pgettext("a decade: the 2010s", "the %(year)ss") % {"year": year}
        if self.precision in ("century", "millennium"):
            some_year = pgettext("a century or millennium", "some year %(first)s–%(last)s")
            return some_year % {"first": year, "last": upper.year}
        if self.precision == "day":
            return skeleton("yMMMMd" if with_year else "MMMMd", lower)
        if self.precision == "month":
            return month_words(lower) if with_year else month_name(lower.month)
        name = SEASON_NAMES.get(self.season)
        if not name:  # a quarter, third or half of a year: 'January–March'
            months = pgettext("the months of part of a year", "%(first)s–%(last)s")
            name = months % {"first": month_name(lower.month), "last": month_name(upper.month)}
        if not with_year:
            return str(name)
        return pgettext("a season of a year", "%(season)s %(year)s") % {
            "season": name,
            "year": year,
        }


@dataclass(frozen=True)
class _Reading:
    """A value as (start, end) pieces: one for a date or a span, one per member of a set."""

    pieces: tuple[tuple[_Point, _Point], ...]
    joiner: str = ""  # 'or' for one of a set [a,b], 'and' for all of a set {a,b}

    @property
    def start(self) -> _Point:
        return min((first for first, _ in self.pieces), key=lambda p: p.lower)

    @property
    def end(self) -> _Point:
        return max((last for _, last in self.pieces), key=lambda p: p.upper)

    @property
    def single(self) -> _Point | None:
        """The value's one date, if it is a single day, month or year."""
        (first, last), *more = self.pieces
        if not more and first == last and first.precision in ("day", "month", "year"):
            return first
        return None

    def has(self, quality: str) -> bool:
        return any(getattr(p, quality) for piece in self.pieces for p in piece)


def _day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:  # the grammar allows 29 February in any year
        raise _Refused(
            f"names a day the calendar doesn't have ({year:04d}-{month:02d}-{day:02d})"
        ) from None


def _years(text: str) -> tuple[int, int, str]:
    """The first and last year of a year written with trailing X digits, and its precision."""
    if text.startswith("-"):
        raise _Refused(OUT_OF_RANGE)
    known = text.rstrip("X")
    if len(text) != 4 or not known.isdigit():
        raise _Refused(X_DIGITS)
    first, last = int(known.ljust(4, "0")), int(known.ljust(4, "9"))
    if first < 1 or last > MAX_YEAR:
        raise _Refused(OUT_OF_RANGE)
    return first, last, _YEAR_PRECISIONS[4 - len(known)]


def _point(node) -> _Point:
    qualified = [node]
    if isinstance(node, edtf.UncertainOrApproximate):
        node = node.date
        qualified.append(node)
    # '%' is both uncertain and approximate; Level 2 qualifiers on one part count for the whole
    both = any(n.is_uncertain_and_approximate for n in qualified)
    qualities = {
        "uncertain": both or any(n.is_uncertain for n in qualified),
        "approximate": both or any(n.is_approximate for n in qualified),
    }
    if isinstance(node, edtf.Season):  # also Level2Season
        year, _, _ = _years(node.year)
        number = int(node.season)
        first, last = node.lower_strict().tm_mon, node.upper_strict().tm_mon
        lower = _day(year, first, 1)
        upper = _day(year, last, calendar.monthrange(year, last)[1])
        return _Point(lower, upper, "season", number, **qualities)
    if not isinstance(node, edtf.Date):
        raise _Refused("isn't a date the timeline can place")
    if getattr(node, "significant_digits", None):  # a partly qualified date has no such field
        raise _Refused("gives significant digits (S), which the timeline can't draw")
    first, last, precision = _years(node.year)
    month, day = node.month, node.day
    if month in _UNSPECIFIED and day in _UNSPECIFIED:
        return _Point(_day(first, 1, 1), _day(last, 12, 31), precision, **qualities)
    if precision != "year" or month == "XX" or not month.isdigit():
        raise _Refused(X_DIGITS)
    if day in _UNSPECIFIED:
        lower = _day(first, int(month), 1)
        upper = _day(first, lower.month, calendar.monthrange(first, lower.month)[1])
        return _Point(lower, upper, "month", **qualities)
    if not day.isdigit():
        raise _Refused(X_DIGITS)
    at = _day(first, int(month), int(day))
    return _Point(at, at, "day", **qualities)


def _span(node) -> tuple[_Point, _Point]:
    ends = []
    for end in (node.lower, node.upper):
        if isinstance(end, list | tuple) and len(end) == 1:  # as Level2Interval unwraps them
            end = end[0]
        if end is None or isinstance(end, edtf.UnspecifiedIntervalSection):
            raise _Refused(
                "has an open (..) or unknown end, which the timeline can't place; give the "
                "earliest or latest date it could be instead, e.g. 2014/2015"
            )
        ends.append(_point(end))
    first, last = ends
    if first.lower > last.upper:
        raise _Refused("ends before it begins")
    return first, last


def _piece(node) -> tuple[_Point, _Point]:
    if isinstance(node, edtf.Interval):  # also 2014..2016 in a set
        return _span(node)
    point = _point(node)
    return point, point


def _reading(tree) -> _Reading:
    if isinstance(tree, edtf.DateAndTime):
        raise _Refused("gives a time of day; give the day alone, e.g. 2015-04-27")
    if isinstance(tree, edtf.LongYear):  # also ExponentialYear: Y-prefixed years beyond 9999
        raise _Refused(OUT_OF_RANGE)
    if isinstance(tree, edtf.OneOfASet | edtf.MultipleDates):
        joiner = "or" if isinstance(tree, edtf.OneOfASet) else "and"
        return _Reading(tuple(_piece(o) for o in tree.objects), joiner)
    return _Reading((_piece(tree),))


@lru_cache(maxsize=8192)  # pages read the same few thousand dates again and again
def _read(value: str) -> _Reading:
    try:
        tree = edtf.parse_edtf(value)
    except Exception as exc:  # the edtf parser raises several unrelated exception types
        raise _invalid(value, "is not an EDTF date") from exc
    try:
        return _reading(tree)
    except _Refused as exc:
        raise _invalid(value, str(exc)) from None


def _invalid(value: str, why: str) -> ValidationError:
    return ValidationError(
        f"“%(value)s” {why}. {EXAMPLES}", params={"value": value}, code="invalid_edtf"
    )


def bounds(value: str) -> tuple[date, date]:
    """The earliest and latest day the value allows, ignoring fuzziness ('?', '~').

    Raises ValidationError (code 'invalid_edtf') for what isn't EDTF or can't be placed."""
    reading = _read(value)
    return reading.start.lower, reading.end.upper


def placeable(value: str) -> bool:
    """Whether the site can place the value: valid, with its years within 1–MAX_YEAR."""
    try:
        bounds(value)
    except ValidationError:
        return False
    return True


def placeable_day(value: str) -> bool:
    """Whether the value is a single day the site can place (one to count "the day after"
    from: a paper of 31 December 9998 has none after it)."""
    return placeable(value) and precision(value) == "day"


# Words in the active language ------------------------------------------------------------

# The CLDR locale of each language's dates: English is British ('9 September 2014').
LOCALES = {"en": "en_GB", "ja": "ja", "ko": "ko"}
# Where CLDR's patterns for a span of days or months are the ones the site uses: 2015年4月5日～30日,
# 2015년 4월 5일~30일. en_GB's abbreviate the month and use thin spaces ('5 – 30 Apr 2015'); the
# site's English spells it out ('5 – 30 April 2015').
CLDR_SPANS = {"ja", "ko"}


def language() -> str:
    """The active language, one of LOCALES' codes (English when none is active)."""
    code = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in LOCALES else "en"


def skeleton(pattern: str, day: date) -> str:
    """A day by a CLDR skeleton in the active language: 'yMMMMd' is '9 September 2014',
    '2014年9月9日', '2014년 9월 9일'; 'd' is '9', '9日', '9일'."""
    return _skeleton(pattern, day, LOCALES[language()])


@lru_cache(maxsize=8192)  # the axis words the same few hundred days on every page
def _skeleton(pattern: str, day: date, locale: str) -> str:
    return format_skeleton(pattern, day, locale=locale)


def day_words(d: date) -> str:
    """A day in the active language: '9 September 2014', '2014年9月9日', '2014년 9월 9일'."""
    return skeleton("yMMMMd", d)


def month_words(d: date) -> str:
    """The month of a day: 'September 2014', '2014年9月', '2014년 9월'."""
    return skeleton("yMMMM", d)


def year_words(year: int) -> str:
    """'2014', '2014年', '2014년'."""
    return skeleton("y", date(year, 1, 1))


def month_name(month: int, *, short: bool = False) -> str:
    """A month without its year: 'September' ('Sep' short), '9月', '9월'."""
    code = language()
    # Short English names are CLDR's American ones: 'Sep', as the axis has always said, where
    # en_GB has 'Sept'.
    locale = "en" if short and code == "en" else LOCALES[code]
    return get_month_names("abbreviated" if short else "wide", locale=locale)[month]


def _cldr_span(first: date, last: date, pattern: str) -> str:
    return format_interval(first, last, pattern, locale=LOCALES[language()])


def days_words(first: date, last: date) -> str:
    """A span of days: '5–30 March 2015', '3 March – 20 May 2014', '3 March 2014 – 5 January
    2015'; '2015年3月5日～30日'; '2015년 3월 5일~30일'. One day is that day."""
    if first == last:
        return day_words(first)
    if language() in CLDR_SPANS:
        return _cldr_span(first, last, "yMMMd")
    if first.year != last.year:
        return f"{day_words(first)} – {day_words(last)}"
    if first.month != last.month:
        return f"{skeleton('MMMMd', first)} – {day_words(last)}"
    return f"{first.day}–{day_words(last)}"


def _final_is_open(text: str) -> bool:
    """Whether the text ends in a Hangul syllable with no final consonant: 2010년대, 어느 해
    (Korean's 'and' is then 와; after 2015년, 3월, 9일 it is 과)."""
    last = text[-1:]
    return "가" <= last <= "힣" and (ord(last) - ord("가")) % 28 == 0


def _all_of(words: list[str]) -> str:
    """'2013, 2014 and 2015'; '2013年、2014年と2015年'; '2013년, 2014년과 2015년'."""
    *rest, before, final = words
    # Translators: two contexts for Korean's particle: after a vowel 와, after a consonant 과.
    if _final_is_open(before):
        both = pgettext("all of a set, the first ending in a vowel", "%(first)s and %(last)s")
    else:
        both = pgettext("all of a set", "%(first)s and %(last)s")
    both %= {"first": before, "last": final}
    # Translators: between all but the last two of several dates: '2013, 2014 and 2015'.
    return pgettext("between the members of a set", ", ").join([*rest, both])


def _piece_words(first: _Point, last: _Point) -> str:
    if first == last:
        return first.words()
    alike, a, b = first.precision == last.precision, first.lower, last.lower
    if alike and first.precision in ("day", "month") and language() in CLDR_SPANS:
        return _cldr_span(a, b, "yMMMd" if first.precision == "day" else "yMMMM")
    if alike and first.precision == "day" and (a.year, a.month) == (b.year, b.month):
        return f"{a.day} – {last.words()}"  # English: the languages above have CLDR's
    if alike and first.precision in ("day", "month", "season") and a.year == b.year:
        # Translators: 'spring – autumn 2015', '5 April – 3 May 2015': both ends without a year.
        within = pgettext("a span within one year", "%(first)s – %(last)s %(year)s")
        return within % {
            "first": first.words(with_year=False),
            "last": last.words(with_year=False),
            "year": a.year,
        }
    return pgettext("a span from one date to another", "%(first)s – %(last)s") % {
        "first": first.words(),
        "last": last.words(),
    }


def describe(value: str) -> str:
    """'April 2015', '27 April 2015', '2013', '5 – 30 April 2015', 'December 2009 – April 2015',
    'spring 2015', 'the 2010s', '2014 or 2015' (one of a set), '2014 and 2015' (all of a set).

    Uncertain dates ('?') end in '(uncertain)'; approximate ones ('~') start with 'about'.
    In Japanese and Korean: '2015年3月', '2009年12月～2015年4月', '2014年頃', '2015년 봄'…"""
    return _describe(value, language())


@lru_cache(maxsize=8192)
def _describe(value: str, code: str) -> str:
    reading = _read(value)
    with translation.override(code):
        words = [_piece_words(*piece) for piece in reading.pieces]
        if len(words) == 1:
            text = words[0]
        elif reading.joiner == "or":
            text = format_list(words, style="or", locale=LOCALES[code])
        else:
            text = _all_of(words)
        if reading.has("approximate"):
            text = pgettext("an approximate date", "about %(date)s") % {"date": text}
        if reading.has("uncertain"):
            text = pgettext("an uncertain date", "%(date)s (uncertain)") % {"date": text}
    return text


@lru_cache(maxsize=8192)
def precision(value: str) -> str:
    """'day', 'month' or 'year' for a single one of these; 'span' for anything wider or not one
    calendar unit: a span, a season, a decade, a set of dates."""
    single = _read(value).single
    return single.precision if single else "span"


def is_uncertain(value: str) -> bool:
    """Uncertain ('?'), approximate ('~') or both ('%'), anywhere in the value."""
    reading = _read(value)
    return reading.has("uncertain") or reading.has("approximate")


@lru_cache(maxsize=8192)
def machine(value: str) -> str:
    """The value for <time datetime>: '2015-03-05', '2015-03' or '2015', at the value's own
    precision. What has no such form (a span, a season, a decade, a set) gives its start, at
    the finest unit that start wholly lies in."""
    start = _read(value).start
    return _iso(start.lower, start.precision)


def _iso(day: date, precision: str) -> str:
    if precision == "day":
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def start_and_end(value: str) -> tuple[str, str | None]:
    """The value as a start and an end in ISO 8601, each at its own precision (schema.org's
    startDate and endDate): '2009-12' and no end; '1910' and '1945' for 1910/1945."""
    reading = _read(value)
    start = machine(value)
    if reading.single:
        return start, None
    end = _iso(reading.end.upper, reading.end.precision)
    return start, None if end == start else end


def _parts(day: date, precision: str) -> list[int]:
    if precision == "day":
        return [day.year, day.month, day.day]
    if precision in ("month", "season"):
        return [day.year, day.month]
    return [day.year]


def csl_parts(value: str) -> list[list[int]]:
    """CSL-JSON 'date-parts': [[2015, 3]] for a month; a range for anything wider, its start at
    the start's precision and its end at the end's: [[2014, 9, 9], [2015, 4]]."""
    reading = _read(value)
    start = _parts(reading.start.lower, reading.start.precision)
    if reading.single:
        return [start]
    return [start, _parts(reading.end.upper, reading.end.precision)]


def timelinejs(value: str) -> tuple[dict, dict | None]:
    """TimelineJS start and end dates at the value's precision ({year}, {year, month} or a
    day); the end is None for a single day, month or year."""
    keys = ("year", "month", "day")
    start, *end = (dict(zip(keys, parts, strict=False)) for parts in csl_parts(value))
    return start, (end[0] if end else None)


def ical(value: str) -> tuple[date, date]:
    """An all-day calendar entry's DTSTART and DTEND: DTEND is the day after the last day, so a
    month-precise event covers the month, not its first day."""
    lower, upper = bounds(value)
    return lower, upper + timedelta(days=1)
