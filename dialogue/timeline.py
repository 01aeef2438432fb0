"""The time axis: a window of dates, its zoom levels, and where things go on it.

A window is any span of days (`?from=…&to=…`); a calendar year, month, week or day is a rung of
the zoom ladder, the whole span (2009–2015) its top. The axis is laid out here, on the server,
for the narrowest axis a layout serves: each event drawn gets a lane and a box for its label in
% of the axis, so at that width or any wider one no two labels overlap and none runs past the
edge (the browser shortens a long title with an ellipsis inside its box). Where labels would
collide, events fold into a cluster that names its heaviest event and zooms into its span.

Every word is in the active language, dates worded by dialogue.dates; a label's width counts an
East Asian wide character (年, 월) as two, so Japanese and Korean ticks don't collide either.
"""

from __future__ import annotations

import calendar
import math
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, lru_cache

from django.conf import settings
from django.utils.safestring import SafeString
from django.utils.translation import gettext, npgettext, pgettext

from dialogue import dates, languages
from dialogue.markup import format_html, format_html_join

FIRST, LAST = date(1, 1, 1), date(9998, 12, 31)  # the days dates.py can place
RUNGS = ("year", "month", "week", "day")  # the zoom ladder below the whole span
RUNG_DAYS = {"year": 365, "month": 28, "week": 7, "day": 1}


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _months_later(day: date, months: int) -> date:
    m = day.year * 12 + day.month - 1 + months
    return date(m // 12, m % 12 + 1, 1)


@languages.per_language
def _week(monday: date) -> str:
    """'week of 3 March 2014', '2014年3月3日の週', '2014년 3월 3일 주'."""
    return pgettext("a week, named by its Monday", "week of %(day)s") % {
        "day": dates.day_words(monday)
    }


@dataclass(frozen=True)
class Window:
    start: date
    end: date  # inclusive

    @classmethod
    def overview(cls) -> Window:
        first, last = settings.TIMELINE_FIRST_YEAR, settings.TIMELINE_LAST_YEAR
        return cls(date(first, 1, 1), date(last, 12, 31))

    @classmethod
    def for_year(cls, year: int | None) -> Window:
        return cls.overview() if year is None else cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def all_time(cls) -> Window:
        return cls(date.min, date.max)

    @classmethod
    def at(cls, rung: str, day: date) -> Window:
        """The year, month, week (Monday to Sunday) or day that holds the day."""
        if rung == "year":
            return cls.for_year(day.year)
        if rung == "month":
            return cls(day.replace(day=1), _month_end(day))
        if rung == "week":
            monday = max(FIRST, day - timedelta(days=day.weekday()))
            return cls(monday, min(LAST, monday + timedelta(days=6)))
        return cls(day, day)

    @cached_property  # asked for each position on the axis
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def middle(self) -> date:
        return self.start + timedelta(days=(self.days - 1) // 2)

    @property
    def is_overview(self) -> bool:
        return self == Window.overview()

    @cached_property  # asked by year, str() and every zoom link
    def rung(self) -> str | None:
        """ "year", "month", "week" or "day" if the window is exactly one; else None."""
        # (A rung is at most three days longer than RUNG_DAYS: the others aren't tried.)
        return next((r for r in RUNGS if 0 <= self.days - RUNG_DAYS[r] <= 3
                     and Window.at(r, self.start) == self), None)  # fmt: skip

    @property
    def year(self) -> int | None:
        return self.start.year if self.rung == "year" else None

    @languages.per_language
    def __str__(self) -> str:
        """In words: “2009–2015”, “2014”, “March 2014”, “week of 3 March 2014”, “5 March 2015”,
        “3 March – 20 May 2014”; “2014年3月”, “2014年3月3日の週”; “2014년 3월 3일 주”."""
        s, e = self.start, self.end
        if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31):
            if s.year == e.year:
                return dates.year_words(s.year)
            return pgettext("whole years: 2009–2015", "%(first)s–%(last)s") % {
                "first": s.year,
                "last": e.year,
            }
        if s.day == 1 and e == _month_end(s):
            return dates.month_words(s)
        if self.rung == "week":
            return _week(s)
        return dates.days_words(s, e)

    # Moving ---------------------------------------------------------------------------------

    def zoom_in(self) -> Window | None:
        """The next rung down that holds the window's middle: a year of the span, a month of
        the year…; from a span of any other length, the rung shorter than it."""
        if self.rung:
            below = RUNGS.index(self.rung) + 1
            return Window.at(RUNGS[below], self.middle) if below < len(RUNGS) else None
        if self.is_overview:
            return Window.at("year", self.middle)
        rung = next((r for r in RUNGS if RUNG_DAYS[r] < self.days), "day")
        return Window.at(rung, self.middle)

    def zoom_out(self) -> Window | None:
        """The next rung up that holds the window: the year of a month, the whole span of a
        year; None from the whole span."""
        if self.is_overview:
            return None
        for rung in reversed(RUNGS):
            wider = Window.at(rung, self.middle)
            if wider.days > self.days and wider.start <= self.start and self.end <= wider.end:
                return wider
        return Window.overview()

    def shifted(self, steps: int) -> Window | None:
        """The window `steps` of its own units later (earlier if negative): the next year,
        month, week, day, or as many days as it holds. None for the whole span, and past the
        days the site can place."""
        if self.is_overview:
            return None
        try:
            if self.rung == "year":
                moved = Window.for_year(self.start.year + steps)
            elif self.rung == "month":
                moved = Window.at("month", _months_later(self.start, steps))
            else:
                move = timedelta(days=self.days * steps)
                moved = Window(self.start + move, self.end + move)
        except (ValueError, OverflowError):
            return None
        return moved if moved.start >= FIRST and moved.end <= LAST else None

    # Drawing --------------------------------------------------------------------------------

    def x(self, day: date) -> float:
        """Position of the start of a day, in % of the axis width."""
        return max(0.0, min(100.0, (day - self.start).days * 100 / self.days))

    def overlaps(self, lower: date, upper: date) -> bool:
        return lower <= self.end and upper >= self.start

    def ticks(self, axis_px: float) -> list[dict]:
        """Labelled ticks, the finest step whose labels have room on an axis this wide: days,
        Mondays, months, quarters, years, decades… A label that would still touch the one
        before it (a month's name among day numbers) or run past the end is left out."""
        step = next(
            (step for step, days, chars in _tick_steps(dates.language())
             if axis_px * days / self.days >= chars * CHAR_PX + TICK_GAP_PX),
            TICK_STEPS[-1][0],
        )  # fmt: skip
        ticks, free = [], 0.0  # free: where the last label ends, in px
        for d, label in _tick_days(self, step):
            at = self.x(d) * axis_px / 100
            end = at + label_chars(label) * CHAR_PX + TICK_GAP_PX
            if at >= free and end <= axis_px + TICK_GAP_PX:
                ticks.append({"x": round(self.x(d), 3), "label": label})
                free = end
        return ticks


CHAR_PX = 7.5  # a safe width of one character in the axis's 12 px sans-serif type
TICK_GAP_PX = 8
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
# (step, its length in days, the characters of its longest label in English; see _tick_steps)
TICK_STEPS = [
    ("day", 1, 3),
    ("monday", 7, 6),
    ("month", 31, 4),
    ("quarter", 92, 4),
    *((n, 366 * n, 4) for n in YEAR_STEPS),
]


def label_chars(label: str) -> int:
    """A label's width in characters of CHAR_PX: an East Asian wide or full-width character
    (年, 월, ～) takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in label)


def _day_label(day: date, *, named: bool) -> str:
    """'28', or with its month '28 Dec'; '28日', '12月28日'; '28일', '12월 28일'."""
    if not named:
        return dates.skeleton("d", day)
    return pgettext("an axis tick: a day and its month", "%(day)s %(month)s") % {
        "day": day.day,
        "month": dates.month_name(day.month, short=True),
    }


def _month_label(month: date) -> str:
    """A month's tick: its short name ('Mar', '3月', '3월'), or January's the year's."""
    if month.month == 1:
        return dates.year_words(month.year)
    return dates.month_name(month.month, short=True)


@lru_cache(maxsize=8)
def _tick_steps(language: str) -> list[tuple]:
    """TICK_STEPS in the active language (the cache's key): a step's labels may be wider than
    English's ('12月28日' for '28 Dec'), as measured on the widest of each, a day and month
    with two digits and a four-digit year."""
    day, year = date(2000, 12, 28), date(2000, 1, 1)
    widest = {
        "day": [_day_label(day, named=False)],
        "monday": [_day_label(day, named=True)],
        "month": [_month_label(day), _month_label(year)],
        "quarter": [_month_label(day), _month_label(year)],
    }
    return [
        (step, days, max(chars, *map(label_chars, widest.get(step, [_month_label(year)]))))
        for step, days, chars in TICK_STEPS
    ]


def _tick_days(window: Window, step: str):
    """(day, label) of each tick in the window. The first tick of a month (of the axis) also
    names the month; the first of a year, the year."""
    if step in ("day", "monday"):
        day, named = window.start, None
        while day <= window.end:
            if step == "day" or day.weekday() == 0:
                month = (day.year, day.month)
                yield day, _day_label(day, named=named != month)
                named = month
            if day == LAST:
                return
            day += timedelta(days=1)
    elif step in ("month", "quarter"):
        every = 1 if step == "month" else 3
        month = window.start if window.start.day == 1 else _months_later(window.start, 1)
        while month <= window.end:
            if (month.month - 1) % every == 0:
                yield month, _month_label(month)
            if month.year == LAST.year and month.month == 12:
                return
            month = _months_later(month, 1)
    else:
        every = step  # years
        first = window.start.year + ((window.start.month, window.start.day) != (1, 1))
        for year in range(-(-first // every) * every, window.end.year + 1, every):
            if year >= 1:
                yield date(year, 1, 1), dates.year_words(year)


# Laying out the axis ----------------------------------------------------------------------

LABEL_MIN_PX = 76  # a label's box is never narrower: ten characters or so
LABEL_GAP_PX = 6
LANE_PX = 30  # a bar of 6 px and a label of 20 px under it: tap targets of at least 24 px
BAND_ROW_PX = 24
TICK_ROW_PX = 20


@dataclass
class Item:
    """Something to draw: one event, or a bucket of a crowded axis (its heaviest event stands
    for `count` events between `lower` and `upper`)."""

    event: object
    lower: date
    upper: date
    count: int = 1


@dataclass
class Mark:
    item: object  # an Event, a Period, or (a cluster) the heaviest Event of its members
    x: float  # the bar, in % of the axis
    width: float
    lane: int = 0
    label_x: float = 0.0  # the label's box, in %
    label_width: float = 0.0
    count: int = 1
    lower: date | None = None
    upper: date | None = None
    weight: int = 0
    end: float = 0.0  # what the mark occupies of its lane, to the right
    reach: date | None = None  # a cluster zooms to lower–reach: where its members are drawn

    @property
    def is_cluster(self) -> bool:
        return self.count > 1


def span(window: Window, lower: date, upper: date, min_width: float) -> tuple[float, float]:
    x = window.x(max(lower, window.start))
    right = window.x(min(upper, window.end) + timedelta(days=1)) if upper < window.end else 100.0
    width = max(right - x, min_width)
    return round(min(x, 100 - width), 3), round(width, 3)


@dataclass
class Layout:
    """The axis drawn for one width: marks in lanes, the periods' bands, the ticks."""

    marks: list[Mark]
    lanes: int
    bands: list[Mark] = field(default_factory=list)
    band_rows: int = 0
    ticks: list[dict] = field(default_factory=list)

    @property
    def height(self) -> int:
        return self.band_rows * BAND_ROW_PX + max(self.lanes, 1) * LANE_PX + TICK_ROW_PX + 6


def _stack(marks: list[Mark], *, lanes: int, min_label: float, gap: float) -> list[Mark]:
    """Put marks (in date order) into lanes, each where its label has room after the one
    before it; a mark with no lane left joins the last one placed, which becomes a cluster."""
    placed: list[Mark] = []
    ends: list[float] = []
    for mark in marks:
        mark.label_x = round(min(mark.x, 100 - min_label), 3)
        mark.end = max(mark.x + mark.width, mark.label_x + min_label)
        lane = next((i for i, end in enumerate(ends) if end + gap <= mark.label_x), None)
        if lane is None and len(ends) < lanes:
            lane = len(ends)
            ends.append(0.0)
        if lane is None:
            _merge(placed[-1], mark)
            ends[placed[-1].lane] = max(ends[placed[-1].lane], placed[-1].end)
            continue
        mark.lane = lane
        ends[lane] = mark.end
        placed.append(mark)
    # Each label's box reaches to the next label in its lane, or to the axis's end.
    following: dict[int, float] = {}
    for mark in reversed(placed):
        limit = following.get(mark.lane, 100.0 + gap) - gap
        mark.label_width = math.floor((limit - mark.label_x) * 1000) / 1000  # never past it
        following[mark.lane] = mark.label_x
    return placed


def _merge(cluster: Mark, mark: Mark) -> None:
    if mark.weight > cluster.weight:
        cluster.item, cluster.weight = mark.item, mark.weight
    cluster.count += mark.count
    cluster.lower, cluster.upper = min(cluster.lower, mark.lower), max(cluster.upper, mark.upper)
    cluster.reach = max(cluster.reach, mark.reach)
    right = max(cluster.x + cluster.width, mark.x + mark.width)
    cluster.width = round(right - cluster.x, 3)
    cluster.end = max(cluster.end, right)


def layout(
    window: Window, items: list[Item], periods: list, *, axis_px: float, lanes: int
) -> Layout:
    """The axis for these items (in date order) and periods, for an axis at least `axis_px`
    wide, with at most `lanes` lanes of marks."""
    min_label = 100 * LABEL_MIN_PX / axis_px
    gap = 100 * LABEL_GAP_PX / axis_px
    min_bar = 100 * 8 / axis_px  # a one-day event is still a visible mark
    marks = []
    for item in items:
        x, width = span(window, item.lower, item.upper, min_bar)
        weight = getattr(item.event, "weight", 0)
        # A bucket is drawn across its days, one event at its first (a span to its last).
        reach = item.upper if item.count > 1 else item.lower
        marks.append(Mark(item.event, x, width, count=item.count, lower=item.lower,
                          upper=item.upper, weight=weight, reach=reach))  # fmt: skip
    placed = _stack(marks, lanes=lanes, min_label=min_label, gap=gap)
    bands = [
        Mark(
            p,
            *span(window, p.date_lower, p.date_upper, min_bar),
            lower=p.date_lower,
            upper=p.date_upper,
        )  # fmt: skip
        for p in periods
        if window.overlaps(p.date_lower, p.date_upper)
    ]
    bands = _stack(bands, lanes=len(bands), min_label=min_label, gap=gap)
    return Layout(
        marks=placed,
        lanes=1 + max((m.lane for m in placed), default=0),
        bands=bands,
        band_rows=1 + max((b.lane for b in bands), default=-1),
        ticks=window.ticks(axis_px),
    )


# Drawing ----------------------------------------------------------------------------------
# The axis's repeated shapes are written here rather than in a template loop: a few hundred of
# them cost a Django template about ten milliseconds a page, format_html_join (markup's) one.


def axis_svg(lay: Layout, *, url, zoom_url, selected=None, css_class: str = "") -> SafeString:
    """One SVG of the axis: bands, ticks, and the marks as links with their labels."""
    top = lay.band_rows * BAND_ROW_PX
    bottom = lay.height - TICK_ROW_PX
    bands = format_html_join(
        "",
        '<rect class="band" x="{}%" y="0" width="{}%" height="{}"/>',
        ((b.x, b.width, bottom) for b in lay.bands),
    )
    band_labels = format_html_join(
        "",
        '<a href="{}" class="band__link"><foreignObject x="{}%" y="{}" width="{}%" height="{}">'
        '<span class="band__label"{}>{}</span></foreignObject></a>',
        ((b.item.get_absolute_url(), b.label_x, b.lane * BAND_ROW_PX + 2, b.label_width,
          BAND_ROW_PX - 4, *_text(b.item, "name")) for b in lay.bands),
    )  # fmt: skip
    ticks = format_html_join(
        "",
        '<line class="tick" x1="{0}%" x2="{0}%" y1="{1}" y2="{2}"/>'
        '<text class="tick__label" x="{0}%" dx="3" y="{3}">{4}</text>',
        ((t["x"], top, bottom + 4, lay.height - 5, t["label"]) for t in lay.ticks),
    )
    marks = format_html_join("", MARK, (_mark_args(m, top, url, zoom_url, selected)
                                        for m in lay.marks))  # fmt: skip
    return format_html(
        '<svg class="axis__svg {}" width="100%" height="{}" role="group" aria-label="{}">'
        "{}{}{}{}</svg>",
        css_class,
        lay.height,
        gettext("Time axis"),
        bands,
        ticks,
        band_labels,
        marks,
    )


MARK = (
    '<a href="{}" class="mark mark--{}{}" aria-label="{}"><rect class="mark__bar{}" x="{}%" '
    'y="{}" width="{}%" height="6" rx="2"/><foreignObject x="{}%" y="{}" width="{}%" '
    'height="22"><span class="mark__label"{}>{}</span></foreignObject></a>'
)


def _text(obj, field: str) -> tuple[str, str]:
    """A translated field for a label: (its lang attribute, its text), the attribute ' lang="en"'
    where the text is the English shown for want of a translation."""
    value = languages.localized(obj, field)
    return (format_html(' lang="{}"', value.lang) if value.is_fallback else "", value.text)


def _mark_args(m: Mark, top: int, url, zoom_url, selected) -> tuple:
    y = top + m.lane * LANE_PX + 4
    event = m.item
    lang, title = _text(event, "title")
    if m.is_cluster:
        when = str(Window(m.lower, m.upper))
        label = _cluster_words(m.count) % {"count": m.count, "when": when, "title": title}
        return (
            zoom_url(m), "cluster", "", label,
            " mark__bar--cluster", m.x, y, m.width, m.label_x, y + 7, m.label_width, lang,
            format_html('<b class="mark__count">{}</b> {}', m.count, title),
        )  # fmt: skip
    chosen = selected is not None and selected.pk == event.pk
    label = pgettext("an event on the axis: its title and date", "%(title)s, %(date)s") % {
        "title": title,
        "date": event.date_display,
    }
    return (
        url(event), event.status, " mark--selected" if chosen else "", label,
        f" mark__bar--{event.precision}{' mark__bar--uncertain' if event.is_uncertain else ''}",
        m.x, y, m.width, m.label_x, y + 7, m.label_width, lang, title,
    )  # fmt: skip


@dataclass
class Bar:
    x: float
    width: float
    height: float  # % of the tallest
    count: int
    label: str

    @property
    def top(self) -> float:
        return round(100 - self.height, 1)


def bucket_unit(window: Window) -> str:
    """How a crowded axis groups events: by month over years, by week over months, by day."""
    return "month" if window.days > 731 else "week" if window.days > 62 else "day"


def bucket_end(start: date, unit: str) -> date:
    if unit == "month":
        return _month_end(start)
    return min(LAST, start + timedelta(days=6 if unit == "week" else 0))


def density(window: Window, buckets: list[tuple[date, int]], unit: str) -> list[Bar]:
    """Bars for events per month, week or day, clipped to the window."""
    bars, tallest = [], max((n for _, n in buckets), default=0)
    for start, n in buckets:
        start = max(start, window.start)
        end = bucket_end(start, unit) + timedelta(days=1)
        x = window.x(start)
        label = {"month": dates.month_words, "week": _week, "day": dates.day_words}[unit](start)
        bars.append(
            Bar(round(x, 3), round(window.x(end) - x, 3), round(100 * n / tallest, 1), n, label)
        )
    return bars


def density_svg(bars: list[Bar]) -> SafeString:
    return format_html_join(
        "",
        '<rect class="density" x="{}%" width="{}%" y="{}%" height="{}%"><title>{}</title></rect>',
        ((b.x, b.width, b.top, b.height, _events_in(b)) for b in bars),
    )


def _events_in(bar: Bar) -> str:
    """'3 events, March 2014'; '2014年3月：3件'; '2014년 3월: 3건'."""
    return _bar_words(bar.count) % {"count": bar.count, "when": bar.label}


# The sentences of a count, kept per count and language: a page says some 150 of them (its
# bars and clusters), and each lookup costs a few microseconds (two on an English page).


@languages.per_language
def _bar_words(count: int) -> str:
    return npgettext(
        "events in a bar of the density", "%(count)s event, %(when)s", "%(count)s events, %(when)s",
        count,
    )  # fmt: skip


@languages.per_language
def _cluster_words(count: int) -> str:
    return npgettext(
        "a cluster of events on the axis",
        "%(count)s event, %(when)s; the most cited: %(title)s. Zoom in",
        "%(count)s events, %(when)s; the most cited: %(title)s. Zoom in",
        count,
    )
