"""Time expressions in news text, resolved to EDTF against the article's publication date.

General date parsers get news wrong ("last month" is not 30 days ago, "said Tuesday" is the most
recent Tuesday on or before publication), so this is a small rule-based resolver: each rule reads
one kind of expression and says how it derived the date, in each of the site's languages.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext_lazy

from dialogue import dates

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY_NAME = r"\b(?:" + "|".join(WEEKDAYS) + r")\b"
REPORTING = r"(?:said|says|told(?: \w+)?|announced|reported|added|noted|stated)"

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"


# How a date was derived, by what it was derived from: the article's words (quoted as the
# English article has them), another clause of the same sentence, the present tense, or a past
# reported with no date.
DERIVATIONS = {
    "said": pgettext_lazy("how a date was derived", "“%(phrase)s”, in an article of %(day)s"),
    "same sentence": pgettext_lazy(
        "how a date was derived", "“%(phrase)s”, in an article of %(day)s, in the same sentence"
    ),
    "present": pgettext_lazy(
        "how a date was derived", "under way (present tense) in an article of %(day)s"
    ),
    "perfect": pgettext_lazy(
        "how a date was derived", "just done (present perfect) in an article of %(day)s"
    ),
    "past": pgettext_lazy(
        "how a date was derived", "reported as past, with no date, in an article of %(day)s"
    ),
}


@dataclass(frozen=True)
class Derivation:
    """How a date was derived from an article (`how`, one of DERIVATIONS), said in whichever
    language is active when it is made a string."""

    published: date
    phrase: str = ""  # the article's words that date it
    how: str = "said"

    def __str__(self) -> str:
        day = dates.day_words(self.published)
        return DERIVATIONS[self.how] % {"phrase": self.phrase, "day": day}

    def in_languages(self) -> dict[str, str]:
        """{'en': '“last month”, in an article of 5 April 2015', 'ja': '2015年4月5日付の記事の
        「last month」', 'ko': '2015년 4월 5일 자 기사의 “last month”'}: one for each language
        the site speaks."""
        texts = {}
        for code, _ in settings.LANGUAGES:
            with translation.override(code):
                texts[code] = str(self)
        return texts

    def elsewhere(self) -> Derivation:
        """The date of another clause of the same sentence, derived as this one was."""
        return replace(self, how="same sentence")


@dataclass
class TimeExpression:
    text: str
    start: int  # offsets within the text searched
    end: int
    edtf: str
    derivation: Derivation
    reporting: bool = False  # "said Tuesday": dates the report, not the event reported
    # "the 1993 Kono statement", "(2239 GMT Thursday)": dates a noun or a clock, not the clause
    attributive: bool = False
    future: bool = False  # the expression itself points ahead ("later this month")

    @property
    def counts_from(self) -> bool:
        """Whether "the following day" after it counts from it: a day, even one naming a noun
        ("the April 13 statement …; the following day"), but no year naming one ("the 1993
        Kono statement") nor a clock's Greenwich weekday ("2239 GMT Thursday")."""
        dated = re.search(r"\d", self.text) and dates.placeable_day(self.edtf)
        return not self.attributive or bool(dated)


# A day or month the rest of a clause names: "… launched a rocket on Dec. 12"
WHEN = re.compile(
    r"\b(?:"
    + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
    + rf")\b|(?i:{WEEKDAY_NAME})"
)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def run_end(start: date, end: date, phrase: str) -> date:
    """The last day of a run from `start` through `phrase` (read as `end`): "began on March 1
    and runs through April 30", "from Dec. 1 through Jan. 15", "began on Friday … runs through
    Friday": the first such day after the start, unless the phrase names its year."""
    unit = "week" if re.search(WEEKDAY_NAME, phrase, re.I) else "year"
    while end <= start and not re.search(r"\d{4}", phrase):
        end = later(end, 1, unit)
    return end


def later(day: date, n: int, unit: str) -> date:
    """The day n days, weeks, months or years after another (the month's last day where that
    month has no such day)."""
    if unit.startswith(("day", "week")):
        return day + timedelta(days=n * (7 if unit.startswith("week") else 1))
    year, month = _add_months(day.year, day.month, n * (12 if unit.startswith("year") else 1))
    return min(date(year, month, 1) + timedelta(days=day.day - 1), _month_end(year, month))


def _span(a: date, b: date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}"


def _month_day(month: int, day: int, published: date, *, future: bool | None) -> date | None:
    """A month and day without a year: the publication year, moved a year when tense says so;
    with no tense to go by (None), whichever year puts it nearest the publication day."""
    try:
        if future is None:
            years = [published.year - 1, published.year, published.year + 1]
            return min(
                (date(y, month, day) for y in years), key=lambda d: abs((d - published).days)
            )
        candidate = date(published.year, month, day)
        if future and candidate < published - timedelta(days=7):
            candidate = date(published.year + 1, month, day)
        elif not future and candidate > published + timedelta(days=7):
            candidate = date(published.year - 1, month, day)
    except ValueError:
        return None
    return candidate


NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_NUM = r"(?P<n>\d{1,2}|" + "|".join(NUMBERS) + ")"
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
SEASON_START = {21: 3, 22: 6, 23: 9, 24: 12}
# "fall" the season, not the verb: "threatened to fall on Japanese territory"
_AFTER_DETERMINER = "|".join(
    rf"(?<=\b{w} )" for w in ("the", "this", "last", "next", "in", "by", "until", "early", "late")
)
_FALL = rf"(?:{_AFTER_DETERMINER})fall|fall(?=,? (?:of )?\d{{4}})"
_SEASON = rf"(?P<season>spring|summer|autumn|{_FALL}|winter)"
# Parts of a period: which share of it each word means, as (first, last) fractions.
PARTS = {
    "early": (0, 1 / 3), "beginning": (0, 1 / 3), "start": (0, 1 / 3), "mid": (1 / 3, 2 / 3),
    "middle": (1 / 3, 2 / 3), "late": (2 / 3, 1), "end": (2 / 3, 1), "first half": (0, 1 / 2),
    "second half": (1 / 2, 1),
}  # fmt: skip
_PART = (
    r"(?:the )?(?P<part>early|mid|middle|late|beginning|start|end|first half|second half)"
    r"(?:-| of (?:the )?| )"
)
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
SHIFT = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word.lower()]


def _part(lower: date, upper: date, part: str, unit: str) -> tuple[date, date]:
    """The early/mid/late share of a period, in whole months of a year, days of a month."""
    a, b = PARTS[part]
    if unit == "month" and part not in ("first half", "second half"):
        # early 1–10, mid 11–20, late 21 to the end, as the papers mean them
        first = {0: 1, 1 / 3: 11, 2 / 3: 21}[a]
        last = {1 / 3: 10, 2 / 3: 20, 1: upper.day}[b]
        return lower.replace(day=first), lower.replace(day=last)
    if unit == "year":
        first, last = int(a * 12) + 1, max(int(a * 12) + 1, round(b * 12))
        return date(lower.year, first, 1), _month_end(lower.year, last)
    days = (upper - lower).days + 1
    first = lower + timedelta(days=int(a * days))
    last = lower + timedelta(days=max(int(a * days), math.ceil(b * days) - 1))
    return first, last


def _edtf(lower: date, upper: date) -> str:
    """The shortest EDTF for a run of days: a day, a month, months, a year, or a span."""
    if lower == upper:
        return lower.isoformat()
    whole_months = lower.day == 1 and upper == _month_end(upper.year, upper.month)
    if whole_months and (lower.month, upper.month) == (1, 12) and lower.year == upper.year:
        return str(lower.year)
    if whole_months and (lower.year, lower.month) == (upper.year, upper.month):
        return f"{lower.year:04d}-{lower.month:02d}"
    if whole_months and (lower.month, upper.month) == (1, 12):
        return f"{lower.year:04d}/{upper.year:04d}"  # whole years: "1970/1989"
    if whole_months:
        return f"{lower.year:04d}-{lower.month:02d}/{upper.year:04d}-{upper.month:02d}"
    return _span(lower, upper)


def _season(year: int, code: int) -> tuple[date, date]:
    lower = date(year, SEASON_START[code], 1)
    upper_year, upper_month = _add_months(year, SEASON_START[code], 2)
    return lower, _month_end(upper_year, upper_month)


def _unit_bounds(unit: str, shift: int, pub: date) -> tuple[date, date]:
    """This/last/next week, month or year around the publication day."""
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=shift)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        year, month = _add_months(pub.year, pub.month, shift)
        return date(year, month, 1), _month_end(year, month)
    return date(pub.year + shift, 1, 1), date(pub.year + shift, 12, 31)


def _year_of(month: int, pub: date, *, future: bool, word: str = "") -> int:
    """The year of a month named without one: "last March" the latest March before
    publication, "next March" the next one, otherwise the publication year moved by tense."""
    if word == "last":
        return pub.year if month < pub.month else pub.year - 1
    if word in ("next", "coming"):
        return pub.year if month > pub.month else pub.year + 1
    if future is True:  # "will meet in mid-December", said on December 9: this December
        return pub.year if _month_end(pub.year, month) >= pub else pub.year + 1
    found = _month_day(month, 1, pub, future=future)
    return found.year if found else pub.year


def _anchor_day(anchors: tuple[str, ...], pub: date, future=None, *, later=False) -> date:
    """The day an offset ("the day before", "the same day") counts from: the last day the text
    named (a year named since, "ties normalised in 1965", is no day to count from), else the
    publication day; what came later ("Two days later") may count from the last of a few days
    named together ("on April 20 and 21"). A past event counts from no day still to come."""
    days = [
        dates.bounds(a)[1 if later else 0]
        for a in anchors
        if dates.precision(a) == "day"
        or (
            later
            and dates.precision(a) == "span"
            and (dates.bounds(a)[1] - dates.bounds(a)[0]).days < 7
        )
    ]
    days = [d for d in days if d <= pub] if future is False else days
    return days[-1] if days else pub


def _anchor_start(anchors: tuple[str, ...], pub: date) -> date:
    """Where "three years earlier" or "that year" counts from: the last date the text gave."""
    return dates.bounds(anchors[-1])[0] if anchors else pub


# Each rule: a pattern and a function of (match, publication date, future tense, anchor)
# giving (edtf, flags). Order matters: longer, more specific expressions first.
def _rules():
    def weekday(m, pub, future, anchor):
        day = WEEKDAYS.index(m["weekday"].lower())
        if m["week"]:  # "on Thursday last week": that day of that week
            that = _unit_bounds("week", SHIFT[m["week"].lower()], pub)[0] + timedelta(days=day)
            return that.isoformat(), {"future": that > pub, "reporting": bool(m["said"])}
        which = (m["which"] or "").lower()
        ahead = which in ("next", "coming") or (future and not m["said"] and which != "last")
        if ahead:  # "will meet Tuesday" in Tuesday's paper is that day; "next Tuesday" is not
            delta = (day - pub.weekday()) % 7 or (7 if which else 0)
            return (pub + timedelta(days=delta)).isoformat(), {"future": True}
        delta = (pub.weekday() - day) % 7 or (7 if which == "last" else 0)
        return (pub - timedelta(days=delta)).isoformat(), {"reporting": bool(m["said"])}

    def relative_unit(m, pub, future, anchor):
        unit, which = m["unit"].lower(), m["which"].lower()
        qualifier = (m["qualifier"] or "").lower()
        lower, upper = _unit_bounds(unit, SHIFT[which], pub)
        if which == "this" and qualifier in ("later", "within"):
            # "later this month", "within this week": from the day written to its end; "this
            # week" is the whole of it, whatever the tense, as the gold sets all read it
            return _span(pub, upper), {"future": qualifier == "later" or bool(future)}
        if which == "this" and qualifier == "earlier":
            # "earlier this week": the days before the one it is written on (the gold sets'
            # "earlier this month" ends either way, so it keeps the day)
            end = max(lower, pub - timedelta(days=unit == "week"))
            return (_span(lower, end) if end > lower else lower.isoformat()), {}
        return _edtf(lower, upper), {"future": SHIFT[which] > 0}

    def part_of_unit(m, pub, future, anchor):
        """ "early next year", "late last month"; "in the second half of the year": this one,
        told as still to come, else the one the text is telling of (the last date it gave)."""
        unit = m["unit"].lower()
        shift = SHIFT[m["which"].lower()] if m["which"] else 0
        if not m["which"] and not future:
            if unit != "year":
                return None, {}  # "at the end of the month", told as past: which one?
            shift = _anchor_start(anchor, pub).year - pub.year
        lower, upper = _unit_bounds(unit, shift, pub)
        return _edtf(*_part(lower, upper, m["part"].lower(), unit)), {"future": shift > 0}

    def part_of_year(m, pub, future, anchor):
        year = int(m["year"])
        return _edtf(*_part(date(year, 1, 1), date(year, 12, 31), m["part"].lower(), "year")), {}

    def part_of_month(m, pub, future, anchor):
        month = MONTHS[m["month"].lower()]
        year = int(m["year"]) if m["year"] else _year_of(month, pub, future=future)
        if m["shift"]:  # "until the end of October next year"
            year = pub.year + SHIFT[m["shift"].lower()]
        lower, upper = date(year, month, 1), _month_end(year, month)
        flags = {"future": year > pub.year} if m["shift"] else {}
        return _edtf(*_part(lower, upper, m["part"].lower(), "month")), flags

    def deadline(m, pub, future, anchor):
        m = m.groupdict()
        if m.get("which"):
            upper = _unit_bounds(m["unit"].lower(), SHIFT[m["which"].lower()], pub)[1]
        elif m.get("this_unit"):  # "by the end of the month": this one
            upper = _unit_bounds(m["this_unit"].lower(), 0, pub)[1]
        elif m.get("year") and not m.get("month"):
            upper = date(int(m["year"]), 12, 31)
        elif m.get("month"):
            month = MONTHS[m["month"].lower()]
            year = int(m["year"]) if m["year"] else _year_of(month, pub, future=True)
            if m.get("shift"):  # "by the end of March next year"
                year = pub.year + SHIFT[m["shift"].lower()]
            upper = _month_end(year, month)
        else:  # "by year-end", "by the end of the year"
            upper = date(pub.year, 12, 31)
        return (_span(pub, upper) if upper > pub else None), {"future": True}

    def coming(m, pub, future, anchor):
        unit = m["unit"].lower()
        if unit.startswith("month"):
            year, month = _add_months(pub.year, pub.month, 6)
            return f"{pub.isoformat()}/{year:04d}-{month:02d}", {"future": True}
        if unit.startswith("week"):
            return _span(pub, pub + timedelta(weeks=8)), {"future": True}
        return _span(pub, pub + timedelta(days=10)), {"future": True}

    def relative_day(m, pub, future, anchor):
        word = m["word"].lower()
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        return (pub + timedelta(days=shift)).isoformat(), {"future": shift > 0}

    def weekend(m, pub, future, anchor):
        which = (m["which"] or "").lower()
        saturday = pub + timedelta(days=(5 - pub.weekday()) % 7)  # this or the next Saturday
        if (
            which in ("last", "past")
            or (which in ("this", "over") and not future)
            or (
                which == "over" and pub.weekday() >= 5  # told at the weekend: this one
            )
        ):
            saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
        if which == "next":
            saturday += timedelta(weeks=1 if pub.weekday() >= 5 else 0)
        return _span(saturday, saturday + timedelta(days=1)), {"future": saturday > pub}

    def offset(m, pub, future, anchor):
        """ "the day before", "three years earlier", "two days later": from the last date
        the text gave; "three years ago": from the publication day."""
        direction = (m["direction"] or m.groupdict().get("direction2") or "").lower()
        if not m["n"] and m["unit"].lower().endswith("s"):
            return None, {}  # "comes days before the anniversary": not how many
        sign = 1 if direction in ("later", "after", "next", "following") else -1
        if direction == "after" and re.search(r"\bcomes?\s+$|\bcame\s+$", m.string[: m.start()]):
            sign = -1  # "It came eight months after the sinking": the sinking, that long before
        return _shifted(m, sign, direction, pub, future, anchor)

    def after_clause(m, pub, future, anchor):
        """ "…, a day after North Korea conducted its test": what the clause tells came that
        long before the date its sentence gave; "hours after Tokyo lifted the ban": that day;
        "days after he became the first president to visit Dokdo": the month of the days before
        it, where they all fall in it (how many is not said)."""
        day = _anchor_day(anchor, pub, future)
        if m["unit"].endswith("hours"):
            # not "It came just hours after the leaders met": dated, if at all, by its own words
            return (day.isoformat(), {}) if m.start() == 0 else (None, {})
        if not m["n"] and WHEN.search(m.string, m.end()):
            return None, {}  # "came days after North Korea launched a rocket on Dec. 12"
        if not m["n"] and m["unit"].endswith("days"):
            first = day - timedelta(days=9)
            if first.month == day.month:
                return f"{day.year:04d}-{day.month:02d}", {}
            return _span(first, day - timedelta(days=1)), {}
        if not m["n"] and m["unit"].endswith("s"):
            return None, {}  # "weeks after": not how many
        return _shifted(m, -1, "before", pub, future, anchor)

    def _shifted(m, sign, direction, pub, future, anchor):
        unit = m["unit"].lower().rstrip("s")
        n = _number(m["n"]) if m["n"] else 1
        if direction == "ago":
            base, coarse = pub, pub
        else:
            coarse = _anchor_start(anchor, pub)
            base = _anchor_day(anchor, pub, future, later=sign > 0)
        year, month = coarse.year + sign * n, None
        if unit == "month":
            year, month = _add_months(coarse.year, coarse.month, sign * n)
        elif unit == "year" and (m.groupdict().get("half") or m.groupdict().get("half2")):
            # "two and a half years ago", "a year and a half earlier": to the month
            year, month = _add_months(coarse.year, coarse.month, sign * (n * 12 + 6))
        room = date(1, 1, 1) + timedelta(weeks=n) <= base <= date(dates.MAX_YEAR, 1, 1)
        if not (room and 1 <= year <= dates.MAX_YEAR):
            return None, {}  # before the calendar starts or past what the site places
        if direction == "ago" and unit == "year" and n == 1 and month is None and not m["today"]:
            # "a year ago": that month last year, as near as "a month ago" is
            month = pub.month
        if m.groupdict().get("today") and unit in ("month", "year"):
            # "a year ago today": that very day
            day = min(pub.day, calendar.monthrange(year, month or pub.month)[1])
            return date(year, month or pub.month, day).isoformat(), {}
        if unit == "day" or (unit == "week" and direction != "ago"):
            # "took effect a week later": that many days after the day given
            return (base + timedelta(days=sign * n * (7 if unit == "week" else 1))).isoformat(), {}
        if unit == "week":
            monday = base - timedelta(days=base.weekday()) + timedelta(weeks=sign * n)
            return _span(monday, monday + timedelta(days=6)), {}
        return (f"{year:04d}-{month:02d}" if month else f"{year:04d}"), {}

    def same_day(m, pub, future, anchor):
        return _anchor_day(anchor, pub, future).isoformat(), {}

    def in_the_day(m, pub, future, anchor):
        """ "earlier in the day": the day the story tells, which its lead names first (the
        day named before it in the same text when there is one), else the paper's."""
        before = [t.edtf for t in find(m.string[: m.start()], pub, future=future, anchor=anchor)]
        days = [a for a in before if dates.precision(a) == "day"][-1:]
        days = days or [a for a in anchor if dates.precision(a) == "day"][:1]
        return (days[0] if days else pub.isoformat()), {}

    def that_year(m, pub, future, anchor):
        """ "in August that year", "the same year", "that December": the year of the last
        date given; "in late July that year": the part of the month too."""
        year = _anchor_start(anchor, pub).year
        month = m.groupdict().get("month")
        if not month:
            return str(year), {}
        number = MONTHS[month.lower()]
        if m.groupdict().get("part"):
            whole = date(year, number, 1), _month_end(year, number)
            return _edtf(*_part(*whole, m["part"].lower(), "month")), {}
        return f"{year:04d}-{number:02d}", {}

    def that_month(m, pub, future, anchor):
        """ "that month": the month of the last date given; "later that month", after the
        day given, "earlier that month", before it."""
        start = _anchor_start(anchor, pub)
        month = f"{start.year:04d}-{start.month:02d}"
        day = _anchor_day(anchor, pub)
        which = (m["which"] or "").lower()
        if not which or not anchor or dates.precision(anchor[-1]) != "day":
            return month, {}  # no day given to count from: the month (or the article's)
        if f"{day:%Y-%m}" != month:
            return month, {}
        first, last = date(day.year, day.month, 1), _month_end(day.year, day.month)
        if which == "later" and day < last:
            return _span(day + timedelta(days=1), last), {}
        if which == "earlier" and day > first:
            return _span(first, day - timedelta(days=1)), {}
        return month, {}

    def season(m, pub, future, anchor):
        if (
            m["season"][0].isupper()
            and re.match(r" [A-Z]", m.string[m.end("season") :])
            and re.search(r"(?:\d{4}|\bthe) $", m.string[: m.start("season")])
        ):
            return None, {}  # "the 2020 Summer Games": a name; not "In Spring Japan and …"
        code = SEASONS[m["season"].lower()]
        which = (m["which"] or "").lower()
        if m["year"]:
            year = int(m["year"])
        else:
            year = pub.year
            lower, upper = _season(year, code)
            if which == "last" or (not which and not future and lower > pub):
                year -= 1 if upper >= pub else 0
            elif which in ("next", "coming") or (future and upper < pub):
                year += 1 if lower <= pub else 0
            if code == 24 and pub.month <= 2 and which != "next":
                year -= 1  # in January, "this winter" began last December
        return f"{year:04d}-{code}", {"future": which in ("next", "coming")}

    def day_range(m, pub, future, anchor):
        m1 = MONTHS[m["month"].lower()]
        m2 = MONTHS[m["month2"].lower()] if m["month2"] else m1
        year = int(m["year"]) if m["year"] else _year_of(m1, pub, future=future)
        try:
            a, b = date(year, m1, int(m["day"])), date(year, m2, int(m["day2"]))
        except ValueError:
            return None, {}
        return (_span(a, b) if a < b else None), {}

    def month_range(m, pub, future, anchor):
        m1, m2 = MONTHS[m["month"].lower()], MONTHS[m["month2"].lower()]
        y2 = int(m["year2"]) if m["year2"] else None
        y1 = int(m["year"]) if m["year"] else (y2 if y2 else _year_of(m1, pub, future=future))
        y2 = y2 or (y1 if m2 >= m1 else y1 + 1)
        return f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}", {}

    def month_relative_year(m, pub, future, anchor):
        month = MONTHS[m["month"].lower()]
        year = pub.year + SHIFT[m["which"].lower()]
        if m["day"]:
            try:
                return date(year, month, int(m["day"])).isoformat(), {}
            except ValueError:
                return None, {}
        return f"{year:04d}-{month:02d}", {"future": year > pub.year}

    def month_with_word(m, pub, future, anchor):
        month = MONTHS[m["month"].lower()]
        year = _year_of(month, pub, future=future, word=m["which"].lower())
        return f"{year:04d}-{month:02d}", {"future": m["which"].lower() in ("next", "coming")}

    def day_of_month(m, pub, future, anchor):
        """ "on the 26th": that day of the nearest month it has passed (or, told as still to
        come, will reach)."""
        day = int(m["day"])
        step = 1 if future else -1
        shift = step if (day < pub.day if future else day > pub.day) else 0
        year, month = _add_months(pub.year, pub.month, shift)
        while day > _month_end(year, month).day:  # "on the 31st": a month that has one
            year, month = _add_months(year, month, step)
        return date(year, month, day).isoformat(), {"future": bool(future)}

    def week_of_month(m, pub, future, anchor):
        """ "in the first week of December": its first seven days (the last: its last seven)."""
        month = MONTHS[m["month"].lower()]
        year = int(m["year"]) if m["year"] else _year_of(month, pub, future=future)
        end = _month_end(year, month)
        if m["nth"].lower() == "last":
            return _span(end - timedelta(days=6), end), {}
        first = date(year, month, 1) + timedelta(weeks=ORDINALS[m["nth"].lower()] - 1)
        return _span(first, min(first + timedelta(days=6), end)), {}

    def month_day(m, pub, future, anchor):
        month, day = MONTHS[m["month"].lower()], int(m["day"])
        if m["year"]:
            try:
                return date(int(m["year"]), month, day).isoformat(), {}
            except ValueError:
                return None, {}
        found = _month_day(month, day, pub, future=future)
        return (found.isoformat() if found else None), {}

    def day_month(m, pub, future, anchor):
        return month_day(
            {"month": m["month2"], "day": m["day2"], "year": m["year2"]}, pub, future, anchor
        )

    def month_year(m, pub, future, anchor):
        return f"{int(m['year']):04d}-{MONTHS[m['month'].lower()]:02d}", {}

    def month_alone(m, pub, future, anchor):
        if m.group(0).lower().startswith(("since", "last")):
            future = False  # "since January", "last March": gone, whatever the verb's tense
        year = _year_of(MONTHS[m["month"].lower()], pub, future=future)
        return f"{year:04d}-{MONTHS[m['month'].lower()]:02d}", {}

    def year_range(m, pub, future, anchor):
        a, b = m["a"], m["b"] or m["a"][:2] + m["b2"]
        return (f"{a}/{b}" if b > a else None), {}

    def decade(m, pub, future, anchor):
        return m["decade"][:3] + "X", {}

    def year(m, pub, future, anchor):
        return m["year"], {}

    weekday_names = "|".join(w.capitalize() for w in WEEKDAYS)
    # Capitalised only, so that "may" the verb is not May the month.
    month_title = r"(?P<month>" + "|".join(calendar.month_name[1:]) + ")"
    month2 = _MONTH.replace("month", "month2")
    year2 = _YEAR.replace("year", "year2")
    which = r"(?P<which>last|this|next|past|coming)"
    unit = r"(?P<unit>week|month|year)"
    to = r"(?:to|and|until|till|through|-|–)"
    said = (
        rf"(?P<said>{REPORTING}(?: (?:in|at) an? (?:statement|interview|briefing|release|news"
        r" conference|press conference))? (?:on )?)?"
    )
    i = re.IGNORECASE
    return [
        # spans and ranges first: they contain dates the later rules would take alone
        (
            rf"\b(?:from |between )?{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?: ?{to} ?(?:{month2} )?(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)(?:,? {_YEAR})?\b",
            i,
            day_range,
        ),
        (
            rf"\b(?:from |between ){_MONTH}(?:,? {_YEAR})? {to} {month2}(?:,? {year2})?\b",
            i,
            month_range,
        ),
        (
            r"\b(?:from |between )?(?P<a>1[89]\d\d|20\d\d)(?: ?(?:[-–]|to|and|until|through) ?"
            r"(?P<b>1[89]\d\d|20\d\d)|[-–](?P<b2>\d\d))\b(?![-–/:]\d)",
            i,
            year_range,
        ),
        (
            rf"\b(?:by|before|no later than) (?:the )?(?:year-end|year's end|end of (?:the )?year"
            rf"|end of {which} {unit}|end of the (?P<this_unit>month|week)"
            rf"|end of {_YEAR})\b",
            i,
            deadline,
        ),
        (r"\bwithin the (?P<this_unit>year|month|week)\b", i, deadline),  # this one's end
        (
            rf"\b(?:by|no later than) (?:the )?(?:end of )?{_MONTH}"
            rf"(?:,? {_YEAR}| (?P<shift>next|this) year)?\b(?! \d)",
            i,
            deadline,
        ),
        (rf"\b{_PART}(?:{which} )?{unit}\b", i, part_of_unit),
        (
            rf"\b(?:in |during )?the (?P<nth>first|second|third|fourth|last) week of {_MONTH}"
            rf"(?:,? {_YEAR})?\b",
            i,
            week_of_month,
        ),
        (
            r"\bon the (?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)"
            r"(?=\s*[,.;:)]|\s*$|\s+(?:and|at|in|when|to|for|after|before|with|but)\b)",
            i,
            day_of_month,
        ),  # fmt: skip
        (rf"\b{_PART}{_YEAR}\b", i, part_of_year),
        (
            rf"\b{_PART}{_MONTH}(?:,? {_YEAR}| (?P<shift>next|last|this) year)?\b"
            r"(?! \d| (?:of )?(?:that|the same) year)",
            i,
            part_of_month,
        ),
        (
            rf"\b(?:(?:the )?{SEASON_WORDS} )?(?:{which} )?{_SEASON}(?:,? (?:of )?{_YEAR})?\b",
            i,
            season,
        ),  # fmt: skip
        (
            rf"\b{_MONTH}(?: (?P<day>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,| of)? {which} year\b",
            i,
            month_relative_year,
        ),
        (rf"\b(?:in |since |until )?{which} {month_title}\b(?! \d)", 0, month_with_word),
        (
            # "a day after North Korea conducted its test", "12 days after recalling him": a clause
            # of its own, before its verb
            rf"(?:^|(?<=\bcame )|(?<=\bcomes ))(?:(?P<n>\d{{1,2}}|{'|'.join(NUMBERS)}) )?"
            r"(?P<unit>days?|weeks?|months?|years?|(?:just |only |a few |several )?hours) "
            r"after(?= (?:(?-i:[A-Z]|the [A-Z])|it\b|they\b|he\b|she\b|(?-i:[a-z]{3,}ing\b))"
            r"|[^,;]{0,80}?\b(?:[a-z]{3,}ed|held|met|made|took|went|began|sent|paid)\b)",
            i,
            after_clause,
        ),
        (
            rf"\b(?:(?P<n>\d{{1,2}}|{'|'.join(NUMBERS)}) (?P<half>and a half )?)?(?:the )?"
            rf"(?:(?:previous|following|next) )?(?P<unit>days?|weeks?|months?|years?)"
            rf"(?P<half2> and a half)? ?(?:(?P<direction>earlier|later"
            rf"|ago(?P<today> today)?)\b"
            rf"|(?P<direction2>before|after)(?=[,.;:)]|$| (?:and|when|that|on|in|at|to|for"
            rf"|with|from|the)\b))",
            i,
            offset,
        ),
        (rf"\b(?:(?:in )?(?:{_PART})?{_MONTH} (?:of )?)?(?:that|the same) year\b", i, that_year),
        # "a visit that December"; not "said that May would visit", "that June, 2012"
        (rf"\b(?:in )?that (?!May\b){month_title}\b(?!,? \d)", 0, that_year),
        (r"\b(?:(?P<which>later|earlier) )?(?:that|the same) month\b", i, that_month),
        (SAME_DAY.pattern, i, same_day),
        # a part of the day, a time of day, hours after: the day last named, else the paper's
        (
            r"\b(?:in|during) the (?:early |late )?(?:morning|afternoon|evening|night)\b(?! of)"
            rf"|\b{CLOCK.pattern}"
            r"|\b(?:(?:about |some |nearly |more than |just )?(?:an|one|two|three|four|five|six"
            r"|\d{1,2}) )?(?:hours?|minutes?) (?:later|earlier|after the (?:launch|test|attack"
            r"|shelling|sinking|announcement|failure|meeting|summit|talks|vote|decision|blast"
            r"|explosion|incident|visit))\b",  # not "hours after the leaders met": a clause
            i,
            same_day,
        ),
        (
            r"\bthe (?P<direction>previous|following|next) (?P<unit>day|week|month|year)\b"
            r"(?P<n>)",
            i,
            offset,
        ),
        (
            rf"{said}\b(?:(?P<which>last|next|this|coming) )?(?P<weekday>{weekday_names})\b"
            r"(?: (?:of )?(?P<week>last|next|this) week\b)?"
            r"(?: (?:morning|afternoon|evening|night)\b)?",  # "on Sunday evening": that day
            0,
            weekday,
        ),  # fmt: skip
        (rf"\b(?:(?P<qualifier>later|earlier|within) )?{which} {unit}\b", i, relative_unit),
        (r"\b(?:in|over|during) the (?:coming|next few) (?P<unit>months|weeks|days)\b", i, coming),
        (r"\bin coming (?P<unit>months|weeks|days)\b", i, coming),
        (r"\b(?P<which>over|this|last|next|past) (?:the )?weekend\b", i, weekend),
        (r"\b(?:earlier|later) in the day\b", i, in_the_day),
        (
            r"\b(?P<word>yesterday|today|tomorrow|tonight|this morning|this afternoon"
            r"|this evening|last night)\b",
            i,
            relative_day,
        ),
        (rf"\b{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? {_YEAR})?", i, month_day),
        (rf"\b(?P<day2>\d{{1,2}}) {month2}\b(?:,? {year2})?", i, day_month),
        (rf"\b{_MONTH},? {_YEAR}\b", i, month_year),
        (
            r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Ll]ast|[Ee]arly|[Ll]ate|[Tt]hrough|[Ff]or"
            rf"|[Bb]efore|[Aa]fter|[Dd]uring) "
            rf"{month_title}(?! \d)\b",
            0,
            month_alone,
        ),  # fmt: skip
        # "before the April election", "the December summit": a month naming a noun
        (
            rf"(?<=\b[Tt]he ){month_title}(?= (?:general |presidential |parliamentary )?"
            r"(?:elections?|summit|talks|meeting|visit|vote|deadline|deal|agreement|session"
            r"|drills?|exercises?|launch|test|statement|attack|sinking|shelling)\b)",
            0,
            month_alone,
        ),
        (r"\b(?:the )?(?P<decade>1[89]\d0|20[01]0)s\b", 0, decade),
        (rf"(?<!Resolution )(?<!No\. )\b{_YEAR}\b(?![-–/]\d)", 0, year),  # not "Resolution 1874"
    ]


SEASON_WORDS = r"(?:early|late|mid)"
CLOCK = re.compile(r"\d{1,2}(?::\d{2})? ?[ap]\.m\.(?=\W|$)")  # a time of day: "11:57 a.m."
# "the same day", "that evening": the day the text named last
SAME_DAY = re.compile(
    r"\b(?:on )?(?:the same|that(?: same)?) (?:day|evening|morning|afternoon|night)\b", re.I
)
RULES = [(re.compile(pattern, flags), rule) for pattern, flags, rule in _rules()]
# A year right after one of these words dates the noun that follows ("the 1993 Kono statement").
ATTRIBUTIVE_BEFORE = re.compile(r"(?:\b(?:the|its|their|his|her|a|an)|['’]s) $", re.IGNORECASE)


def find(
    text: str, published: date, *, future=False, anchor: str | tuple[str, ...] | None = None
) -> list[TimeExpression]:
    """Every time expression in the text, left to right, none overlapping another.

    `future` is the tense: True, False, None (not known), or a function of an offset in the
    text giving the tense there (the verb's nearest the expression). `anchor` is the dates
    the article gave before this text, the last last, which "the day before" counts from."""
    anchor = (anchor,) if isinstance(anchor, str) else tuple(anchor or ())
    tense = future if callable(future) else (lambda at: future)
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    for pattern, rule in RULES:
        for m in pattern.finditer(text):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            edtf, flags = rule(m, published, tense(m.start()), anchor)
            if not edtf:
                continue
            phrase = m.group(0).strip()
            taken.append((m.start(), m.end()))
            if rule.__name__ in ("year", "year_range", "month_day", "month_alone"):
                # "the 1993 Kono statement", "the March 11 earthquake": a date naming a noun
                flags["attributive"] = bool(ATTRIBUTIVE_BEFORE.search(text[: m.start()])) and (
                    rule.__name__ != "month_day" or bool(re.match(r" [a-z]", text[m.end() :]))
                )
            if re.search(r"\b(?:GMT|UTC) $", text[: m.start()]):
                # "at 7:39 a.m. (2239 GMT Thursday)": Greenwich's day, not the clause's
                flags["attributive"] = True
            found.append(
                TimeExpression(
                    text=phrase,
                    start=m.start(),
                    end=m.end(),
                    edtf=edtf,
                    derivation=Derivation(published, phrase),
                    **flags,
                )
            )
    found.sort(key=lambda t: t.start)
    # "the day before" after "on June 5" in the same text counts from June 5
    for i, t in enumerate(found):
        if i and RELATIVE_TO_ANCHOR.match(t.text):
            previous = (*anchor, *(f.edtf for f in found[:i] if f.counts_from))
            t.edtf = (
                next(
                    r(m, published, tense(t.start), previous)[0]
                    for p, r in RULES
                    if (m := p.fullmatch(t.text))
                )
                or t.edtf
            )
    # "in late October or early November": either, so one span from the first to the last
    spans: list[TimeExpression] = []
    for t in found:
        first = spans[-1] if spans else None
        between = text[first.end : t.start] if first else ""
        # "at 11:57 a.m. on Tuesday", "on Tuesday at 11:57 a.m.": the clock's day is that one
        clocks = [bool(CLOCK.fullmatch(x.text)) for x in (first, t)] if first else []
        if sum(clocks) == 1 and re.fullmatch(r",? (?:on |at )?", between) and not t.reporting:
            day = t if clocks[0] else first
            phrase = text[first.start : t.end]
            spans[-1] = replace(
                day, text=phrase, start=first.start, end=t.end,
                derivation=Derivation(published, phrase),
            )  # fmt: skip
            continue
        # "in the 1970s and 1980s": one run of years
        decades = first and between == " and " and DECADE.fullmatch(first.text + t.text)
        # "on Sunday and Monday": two days running, one span
        running = (
            first
            and between == " and "
            and dates.placeable_day(first.edtf)
            and dates.placeable_day(t.edtf)
            and (dates.bounds(t.edtf)[0] - dates.bounds(first.edtf)[1]).days == 1
        )
        if first and (ALTERNATIVE.fullmatch(between) or decades or running) and not t.reporting:
            lower = dates.bounds(first.edtf)[0]
            upper = run_end(lower, dates.bounds(t.edtf)[1], t.text)
            if lower < upper:
                phrase = text[first.start : t.end]
                spans[-1] = replace(
                    first,
                    text=phrase,
                    end=t.end,
                    # "March 1 … April 30": days, as given, not "2013-03/2013-04"
                    edtf=_span(lower, upper)
                    if dates.placeable_day(first.edtf) and dates.placeable_day(t.edtf)
                    else _edtf(lower, upper),
                    derivation=Derivation(published, phrase),
                    future=first.future or t.future,
                )
                continue
        spans.append(t)
    return [_by(t, text, published) for t in spans]


def _by(t: TimeExpression, text: str, published: date) -> TimeExpression:
    """ "by early next year", "by next spring", "by Friday": a deadline, from the article's day
    to that time's end, as "by the end of June" is; not a time already begun."""
    by = re.search(r"\b(?:by|no later than) (?:the )?$", text[: t.start], re.IGNORECASE)
    if not by or not dates.placeable(t.edtf):  # "9999-01-04": a year the site can't place
        return t
    lower, upper = dates.bounds(t.edtf)
    if lower <= published:
        return t
    phrase = text[by.start() : t.end]
    return replace(
        t,
        text=phrase,
        start=by.start(),
        edtf=_span(published, upper),
        derivation=Derivation(published, phrase),
        future=True,
    )


# "… and ended Friday", "… and are due to end on April 18": the end of a run whose start was
# just named (the importer keeps such a clause with its start: importing.CLAUSE_BREAK)
RUN_ENDS = (
    r"(?:will |is to |(?:is|are|was|were) (?:due|scheduled|set|expected) to )?"
    r"(?:ends?|ended|closes?|closed|finish(?:es|ed)?) (?:on )?"
)
# "began Friday and runs through Dec. 10", "from Monday and will last until Thursday", "began
# Dec. 3 and ended Friday", "began on February 24 and are due to end on April 18": a run
RUN = re.compile(
    r" and (?:will |is to )?(?:runs?|ran|lasts?|lasted|continues?|continued|ends?|ended)"
    rf" (?:through|until|till|to) | and {RUN_ENDS}",
    re.IGNORECASE,
)
ALTERNATIVE = re.compile(rf",? or (?:in |on |as late as )?|{RUN.pattern}", re.IGNORECASE)


DECADE = re.compile(r"(?:the )?(?:1[89]|20)\d0s(?:1[89]|20)\d0s", re.IGNORECASE)
RELATIVE_TO_ANCHOR = re.compile(
    r".*\b(?:earlier|later|before|after|previous|following|next) ?\w*$|.*\b(?:same|that) \w+$",
    re.IGNORECASE,
)
