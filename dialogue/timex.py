"""Time expressions in news text, resolved to EDTF against the article's publication date.

General date parsers get news wrong ("last month" is not 30 days ago, "said Tuesday" is the most
recent Tuesday on or before publication), so this is a small rule-based resolver: each rule reads
one kind of expression and says how it derived the date, in each of the site's languages.
"""

from __future__ import annotations

import calendar
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
REPORTING = r"(?:said|says|told|announced|reported|added|noted|stated)"

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
    attributive: bool = False  # "the 1993 Kono statement": dates a noun, not the clause
    future: bool = False  # the expression itself points ahead ("later this month")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def _span(a: date, b: date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}"


def _month_day(month: int, day: int, published: date, *, future: bool) -> date | None:
    """A month and day without a year: the publication year, moved a year when tense says so."""
    try:
        candidate = date(published.year, month, day)
        if future and candidate < published - timedelta(days=7):
            candidate = date(published.year + 1, month, day)
        elif not future and candidate > published + timedelta(days=7):
            candidate = date(published.year - 1, month, day)
    except ValueError:
        return None
    return candidate


# Each rule: a pattern and a function of (match, publication date, future tense) giving
# (edtf, flags). Order matters: longer, more specific expressions first.
def _rules():
    def weekday(m, pub, future):
        day = WEEKDAYS.index(m["weekday"].lower())
        if future and not m["said"]:
            delta = (day - pub.weekday()) % 7 or 7
            return (pub + timedelta(days=delta)).isoformat(), {}
        delta = (pub.weekday() - day) % 7
        return (pub - timedelta(days=delta)).isoformat(), {"reporting": bool(m["said"])}

    def relative_month(m, pub, future):
        which, qualifier = m["which"].lower(), (m["qualifier"] or "").lower()
        shift = {"last": -1, "this": 0, "next": 1}[which]
        year, month = _add_months(pub.year, pub.month, shift)
        if which == "this" and (qualifier == "later" or (future and qualifier != "earlier")):
            return _span(pub, _month_end(year, month)), {"future": True}
        if which == "this" and qualifier == "earlier":
            return _span(date(year, month, 1), pub), {}
        return f"{year:04d}-{month:02d}", {"future": shift > 0}

    def relative_year(m, pub, future):
        which, qualifier = m["which"].lower(), (m["qualifier"] or "").lower()
        year = pub.year + {"last": -1, "this": 0, "next": 1}[which]
        if which == "this" and qualifier != "earlier" and (qualifier or future):
            return _span(pub, date(year, 12, 31)), {"future": True}
        if which == "this" and qualifier == "earlier":
            return _span(date(year, 1, 1), pub), {}
        return str(year), {"future": which == "next"}

    def coming(m, pub, future):
        unit = m["unit"].lower()
        if unit.startswith("month"):
            year, month = _add_months(pub.year, pub.month, 6)
            return f"{pub.isoformat()}/{year:04d}-{month:02d}", {"future": True}
        if unit.startswith("week"):
            return _span(pub, pub + timedelta(weeks=8)), {"future": True}
        return _span(pub, pub + timedelta(days=10)), {"future": True}

    def relative_day(m, pub, future):
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m["word"].lower()]
        return (pub + timedelta(days=shift)).isoformat(), {"future": shift > 0}

    def relative_week(m, pub, future):
        shift = {"last": -7, "this": 0, "next": 7}[m["which"].lower()]
        monday = pub - timedelta(days=pub.weekday()) + timedelta(days=shift)
        return _span(monday, monday + timedelta(days=6)), {"future": shift > 0}

    def month_day(m, pub, future):
        month, day = MONTHS[m["month"].lower()], int(m["day"])
        if m["year"]:
            try:
                return date(int(m["year"]), month, day).isoformat(), {}
            except ValueError:
                return None, {}
        found = _month_day(month, day, pub, future=future)
        return (found.isoformat() if found else None), {}

    def month_year(m, pub, future):
        return f"{int(m['year']):04d}-{MONTHS[m['month'].lower()]:02d}", {}

    def month_alone(m, pub, future):
        future = future and not m.group(0).lower().startswith(("since", "last"))
        found = _month_day(MONTHS[m["month"].lower()], 1, pub, future=future)
        return (f"{found.year:04d}-{found.month:02d}" if found else None), {}

    def year_range(m, pub, future):
        return f"{m['a']}/{m['b']}", {}

    def year(m, pub, future):
        return m["year"], {}

    day_first = r"(?P<day2>\d{1,2}) " + _MONTH.replace("month", "month2")
    weekday_names = "|".join(w.capitalize() for w in WEEKDAYS)
    # Capitalised only, so that "may" the verb is not May the month.
    month_title = r"(?P<month>" + "|".join(calendar.month_name[1:]) + ")"
    i = re.IGNORECASE
    return [
        (rf"(?P<said>{REPORTING} (?:on )?)?\b(?P<weekday>{weekday_names})\b", 0, weekday),
        (
            r"\b(?:(?P<qualifier>later|earlier|within) )?(?P<which>last|this|next) month\b",
            i,
            relative_month,
        ),
        (
            r"\b(?:(?P<qualifier>later|earlier|within) )?(?P<which>last|this|next) year\b",
            i,
            relative_year,
        ),
        (r"\b(?:in|over|during) the (?:coming|next few) (?P<unit>months|weeks|days)\b", i, coming),
        (r"\bin coming (?P<unit>months|weeks|days)\b", i, coming),
        (r"\b(?P<word>yesterday|today|tomorrow)\b", i, relative_day),
        (r"\b(?P<which>last|this|next) week\b", i, relative_week),
        (rf"\b{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? {_YEAR})?", i, month_day),
        (
            rf"\b{day_first}\b",
            i,
            lambda m, pub, future: month_day(
                {"month": m["month2"], "day": m["day2"], "year": None}, pub, future
            ),
        ),
        (rf"\b{_MONTH},? {_YEAR}\b", i, month_year),
        (rf"\b(?:in|since|until|by|from|last) {month_title}(?! \d)\b", 0, month_alone),
        (r"\b(?P<a>1[89]\d\d|20\d\d) ?[-–] ?(?P<b>1[89]\d\d|20\d\d)\b", 0, year_range),
        (rf"\b{_YEAR}\b(?![-–/]\d)", 0, year),
    ]


RULES = [(re.compile(pattern, flags), rule) for pattern, flags, rule in _rules()]
# A year right after one of these words dates the noun that follows ("the 1993 Kono statement").
ATTRIBUTIVE_BEFORE = re.compile(r"(?:\b(?:the|its|their|his|her|a|an)|['’]s) $", re.IGNORECASE)


def find(text: str, published: date, *, future: bool = False) -> list[TimeExpression]:
    """Every time expression in the text, left to right, none overlapping another."""
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    for pattern, rule in RULES:
        for m in pattern.finditer(text):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            edtf, flags = rule(m, published, future)
            if not edtf:
                continue
            phrase = m.group(0).strip()
            taken.append((m.start(), m.end()))
            if m.re.groupindex.keys() & {"a", "year"} and "month" not in m.re.groupindex:
                flags["attributive"] = bool(ATTRIBUTIVE_BEFORE.search(text[: m.start()]))
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
    return sorted(found, key=lambda t: t.start)
