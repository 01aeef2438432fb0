"""Where things go on the time axis: a window of dates mapped onto 0–100 % of its width."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

MIN_WIDTH = 0.8  # % of the axis: a one-day event is still a visible, clickable mark
LANE_GAP = 0.6  # % kept free between two marks sharing a lane
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass
class Window:
    start: date
    end: date  # inclusive
    year: int | None

    @classmethod
    def for_year(cls, year: int | None) -> Window:
        if year:
            return cls(date(year, 1, 1), date(year, 12, 31), year)
        first, last = settings.TIMELINE_FIRST_YEAR, settings.TIMELINE_LAST_YEAR
        return cls(date(first, 1, 1), date(last, 12, 31), None)

    @classmethod
    def all_time(cls) -> Window:
        return cls(date.min, date.max, None)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def x(self, day: date) -> float:
        """Position of the start of a day, in % of the axis width."""
        return max(0.0, min(100.0, (day - self.start).days * 100 / self.days))

    def overlaps(self, lower: date, upper: date) -> bool:
        return lower <= self.end and upper >= self.start

    def ticks(self) -> list[dict]:
        """Years in the overview, months in a year."""
        if self.year:
            return [
                {"label": MONTHS[m - 1], "x": round(self.x(date(self.year, m, 1)), 3)}
                for m in range(1, 13)
            ]
        return [
            {"label": str(y), "x": round(self.x(date(y, 1, 1)), 3), "year": y}
            for y in range(self.start.year, self.end.year + 1)
        ]


@dataclass
class Mark:
    item: object  # an Event or a Period
    x: float
    width: float
    lane: int = 0


def span(window: Window, lower: date, upper: date) -> tuple[float, float]:
    x = window.x(lower)
    right = window.x(upper + timedelta(days=1))
    return round(x, 3), round(max(right - x, MIN_WIDTH), 3)


def place(window: Window, events: list) -> tuple[list[Mark], int]:
    """Marks for the events (the index chose those in the window), stacked in lanes so none
    overlap; and lane count."""
    marks: list[Mark] = []
    lane_ends: list[float] = []
    for event in events:
        x, width = span(window, event.date_lower, event.date_upper)
        x = min(x, 100 - width)
        lane = next((i for i, end in enumerate(lane_ends) if end + LANE_GAP <= x), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(0.0)
        lane_ends[lane] = x + width
        marks.append(Mark(event, x, width, lane))
    return marks, len(lane_ends)


def bands(window: Window, periods: list) -> list[Mark]:
    return [
        Mark(p, *span(window, p.date_lower, p.date_upper))
        for p in periods
        if window.overlaps(p.date_lower, p.date_upper)
    ]


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


def density(window: Window, buckets: list[tuple[date, int]]) -> list[Bar]:
    """Bars for events per month (per week in a year), clipped to the window."""
    step = timedelta(days=7) if window.year else None
    bars, tallest = [], max((n for _, n in buckets), default=0)
    for start, n in buckets:
        start = max(start, window.start)
        month_end = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        end = start + step if step else month_end
        x = window.x(start)
        label = f"week of {start:%-d %B %Y}" if step else f"{start:%B %Y}"
        bars.append(
            Bar(round(x, 3), round(window.x(end) - x, 3), round(100 * n / tallest, 1), n, label)
        )
    return bars


# The axis's repeated shapes are written here rather than in a template loop: a few hundred of
# them cost a Django template about ten milliseconds a page, format_html_join one.


def density_svg(bars: list[Bar]) -> SafeString:
    return format_html_join(
        "",
        '<rect class="density" x="{}%" width="{}%" y="{}%" height="{}%">'
        "<title>{} event{}, {}</title></rect>",
        ((b.x, b.width, b.top, b.height, b.count, "" if b.count == 1 else "s", b.label)
         for b in bars),
    )  # fmt: skip


def marks_svg(marks: list[Mark], *, url, selected=None) -> SafeString:
    """Each event's mark: a link (to `url(event)`) around its bar, titled with its date."""
    return format_html_join(
        "\n",
        '<a href="{}" tabindex="-1" class="mark mark--{}{}"><title>{} — {}</title>'
        '<rect class="mark__bar mark__bar--{}{}" x="{}%" y="{}.4em" width="{}%" height="1em" '
        'rx="2"/></a>',
        (
            (
                url(m.item),
                m.item.status,
                " mark--selected" if selected is not None and selected.pk == m.item.pk else "",
                m.item.title,
                m.item.date_display,
                m.item.precision,
                " mark__bar--uncertain" if m.item.is_uncertain else "",
                m.x,
                m.lane + 1,
                m.width,
            )
            for m in marks
        ),
    )
