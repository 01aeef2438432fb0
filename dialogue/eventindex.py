"""The timeline's events as columns in memory, for the counts and pages of any view at any size.

A timeline page counts the events of its view by year, by month or week, by actor, topic,
status and type, finds the heaviest event of each month and the page of the list after a
cursor. Asked of the database, that is a scan of every matching row per count: at 100,000
events, over a second a page. Here each event is a position in (date, id) order and each
filter is a NumPy boolean mask over the positions, so a view's counts are a few array
operations (a few milliseconds at 100,000 events), and the database is asked only for the
events a page shows, by id.

The index is built whenever the data version changes, once per process (about half a second
at 100,000 events), and kept until the next change; what it does not hold (titles, passages)
is read for each page, never stale.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain

import numpy as np
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper

from dialogue import languages
from dialogue.models import (
    Actor,
    Citation,
    DataVersion,
    Event,
    EventActor,
    Period,
    Topic,
    public_event,
)

EPOCH = date(1970, 1, 1)
STATUSES = [value for value, _ in Event.Status.choices]
# The filters, each narrowing by what the others leave (and counted so): actors, topics, the
# countries of the outlets reporting an event, status, type.
FACETS = ("actor", "topic", "reported_in", "status", "kind")
KINDS = [value for value, _ in Event.Kind.choices]


def day(value: date) -> int:
    """A date as the index stores it: days since 1970-01-01."""
    return (value - EPOCH).days


def _rows(queryset) -> list[tuple]:
    """The rows of a values_list() as the database driver returns them: for 100,000 rows about
    three times faster than through Django's per-value conversion, which the index doesn't need
    (NumPy reads both PostgreSQL's dates and SQLite's ISO strings)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # .none(), or a filter that can match nothing
        return []
    with connections[queryset.db].cursor() as cursor:  # the request's database (replica.py)
        cursor.execute(sql, params)
        return cursor.fetchall()


def ids_of(queryset, *, ordered: bool = False) -> np.ndarray:
    """The ids a queryset selects (a search's matches: thousands of them), read straight into
    an array; in the queryset's order if `ordered`."""
    rows = _rows((queryset if ordered else queryset.order_by()).values_list("pk"))
    return np.array(rows, dtype=np.int64).reshape(-1)


def _column(rows: list[tuple], i: int, dtype, convert=None) -> np.ndarray:
    values = (row[i] for row in rows) if convert is None else (convert(row[i]) for row in rows)
    return np.fromiter(values, dtype, len(rows))


def _days(rows: list[tuple], i: int) -> np.ndarray:
    """A date column as days since 1970-01-01: PostgreSQL's driver gives dates, SQLite's text."""
    text = bool(rows) and isinstance(rows[0][i], str)
    ordinal = (lambda v: date.fromisoformat(v).toordinal()) if text else date.toordinal
    return _column(rows, i, np.int64, ordinal) - EPOCH.toordinal()


def _stamps(rows: list[tuple], i: int) -> np.ndarray:
    """A timestamp column as microseconds: PostgreSQL's driver gives datetimes, SQLite text."""
    values = (datetime.fromisoformat(v) if isinstance(v, str) else v for v in (r[i] for r in rows))
    return np.fromiter((round(v.timestamp() * 1e6) for v in values), np.int64, len(rows))


def _codes(rows: list[tuple], i: int, names: list[str]) -> np.ndarray:
    """A text column as the index of each value in `names`."""
    column = np.array([row[i] for row in rows], dtype=str)
    codes = np.full(len(rows), len(names), dtype=np.int8)
    for code, name in enumerate(names):
        codes[column == name] = code
    return codes


def _among(codes: np.ndarray, values: list[int]) -> np.ndarray:
    """Where the codes are any of the values (np.isin: 50 times slower on 100,000 codes)."""
    among = np.zeros(len(codes), dtype=bool)
    for value in values:
        among |= codes == value
    return among


def _bucket(days: np.ndarray, unit: str) -> np.ndarray:
    """Days since 1970 as their month (months since 1970), week (its Monday) or day."""
    if unit == "month":
        return days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return days - (days + 3) % 7 if unit == "week" else days  # 1970-01-01 was a Thursday


@dataclass(frozen=True)
class Links:
    """An event–actor (or event–topic) relation: the event's position and the other side's
    code, which indexes `ids`; sorted by code, each code's links from `starts`."""

    events: np.ndarray
    codes: np.ndarray
    ids: np.ndarray
    starts: np.ndarray


@dataclass(frozen=True)
class Selection:
    """The positions of the events a view shows (a boolean mask), and the same without each
    one filter, which is what that filter's counts are taken over."""

    mask: np.ndarray
    without: dict[str, np.ndarray]


WINDOWS_KEPT = 64  # masks of windows kept, oldest dropped first (any window is an address)
SEARCHES_KEPT = 256  # searches' matches kept, oldest dropped first


class EventIndex:
    """Confirmed events (published ones and staff's drafts) in (date_lower, id) order."""

    def __init__(self, events: list[tuple], actor_links: list[tuple], topic_links: list[tuple]):
        """events: (pk, date_lower, date_upper, status, kind, weight, public, updated_at) rows;
        links: (event id, other id) rows, sorted."""
        self.size = len(events)
        pk, lower = _column(events, 0, np.int64), _days(events, 1)
        order = np.lexsort((pk, lower))  # sorted here: faster than by the database
        self.pk, self.lower, self.upper = pk[order], lower[order], _days(events, 2)[order]
        self.status = _codes(events, 3, STATUSES)[order]
        self.kind = _codes(events, 4, KINDS)[order]
        self.weight = _column(events, 5, np.int64)[order]
        self.public = _column(events, 6, bool)[order]
        self.updated = _stamps(events, 7)[order]
        # The keyset of the list, one sortable number per event: (date_lower, id).
        self.key = (self.lower << 40) + self.pk
        # Each event's place when heaviest first (most cited, most actors), then oldest: which
        # event a crowded axis draws for its month; and its month (since 1970), read once here.
        self.by_weight = np.lexsort((self.pk, self.lower, -self.weight))
        self.rank = np.empty(self.size, dtype=np.int64)
        self.rank[self.by_weight] = np.arange(self.size)
        self.month = _bucket(self.lower, "month")
        # Each id's position (-1: none), read directly for the thousands a search matches.
        self._position = np.full(self.pk.max() + 1 if self.size else 0, -1, dtype=np.int32)
        self._position[self.pk] = np.arange(self.size, dtype=np.int32)
        self.actors = self._links(actor_links)
        self.topics = self._links(topic_links)
        self._windows: dict[tuple[date, date], np.ndarray] = {}
        self._searches: dict[str, np.ndarray] = {}
        # Read with the events, as every timeline page shows them: the filters' choices, as
        # (what the counts are keyed by, what the URL says, the label), and the periods.
        self.choices: dict[str, list[tuple]] = {}
        self.periods: list = []
        self.topics_by_name: list = []
        self.evidence = self._links([])
        self.press = self._links([])  # events and the countries of the outlets citing them

    def _find(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each id, a position, and whether the event there has that id (is in the index)."""
        if not self.size:
            return np.zeros(len(ids), dtype=np.int64), np.zeros(len(ids), dtype=bool)
        inside = (ids >= 0) & (ids < len(self._position))
        positions = np.where(inside, self._position[np.where(inside, ids, 0)], -1)
        return np.maximum(positions, 0), positions >= 0

    def contains(self, mask: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """For each id, whether it is one of the masked events."""
        positions, known = self._find(np.asarray(ids, dtype=np.int64))
        return known & mask[positions] if self.size else known

    def linked(self, links: Links, pk: int) -> set | None:
        """The ids of what an event is linked to (actors, topics, periods), or None if the
        event isn't in the index."""
        positions, known = self._find(np.array([pk], dtype=np.int64))
        if not known[0]:
            return None
        return set(links.ids[links.codes[links.events == positions[0]]].tolist())

    def latest(self, mask: np.ndarray, limit: int) -> list:
        """The ids of the masked events changed last, newest first."""
        positions = np.flatnonzero(mask)
        newest = positions[np.lexsort((-self.pk[positions], -self.updated[positions]))]
        return self.pk[newest[:limit]].tolist()

    def positions_of(self, ids) -> np.ndarray:
        """The positions of those of the ids that are in the index."""
        positions, known = self._find(np.asarray(ids, dtype=np.int64))
        return positions[known]

    def _links(self, links: list[tuple]) -> Links:
        """(event position, other id) pairs, once each, for events in the index. The rows come
        sorted, so a pair given twice (an actor in two roles) is two rows in a row."""
        pairs = np.fromiter(chain.from_iterable(links), np.int64, 2 * len(links)).reshape(-1, 2)
        if len(pairs):
            pairs = pairs[np.r_[True, (pairs[1:] != pairs[:-1]).any(axis=1)]]
        positions, known = self._find(pairs[:, 0])
        other = pairs[known, 1]
        ids = np.flatnonzero(np.bincount(other)) if len(other) else other  # sorted, once each
        lookup = np.zeros(ids[-1] + 1 if len(ids) else 0, dtype=np.int64)
        lookup[ids] = np.arange(len(ids))
        codes = lookup[other]
        by_code = np.argsort(codes, kind="stable")
        starts = np.r_[0, np.cumsum(np.bincount(codes))[:-1]] if len(codes) else codes
        return Links(positions[known][by_code], codes[by_code], ids, starts)

    # Selecting --------------------------------------------------------------------------------

    def _tagged(self, links: Links, ids) -> np.ndarray:
        """The events linked to any of these ids (each id's links are a run)."""
        mask = np.zeros(self.size, dtype=bool)
        ends = np.r_[links.starts[1:], len(links.events)]
        for code in np.flatnonzero(np.isin(links.ids, list(ids))):
            mask[links.events[links.starts[code] : ends[code]]] = True
        return mask

    def select(self, *, staff: bool, filters: dict, ids=None) -> Selection:
        """The events a view's filters keep (the year aside), and, for each filter, the events
        the other filters keep. `ids`, when given, narrows to those ids (a search's matches, a
        topic's or a pair's events)."""
        base = np.ones(self.size, dtype=bool) if staff else self.public.copy()
        if ids is not None:
            narrowed = np.zeros(self.size, dtype=bool)
            narrowed[self.positions_of(ids)] = True
            base &= narrowed
        if filters.get("date_from"):
            base &= self.upper >= day(filters["date_from"])
        if filters.get("date_to"):
            base &= self.lower <= day(filters["date_to"])
        masks = {}
        if filters.get("actor"):
            masks["actor"] = self._tagged(self.actors, [a.pk for a in filters["actor"]])
        if filters.get("topic"):
            masks["topic"] = self._tagged(self.topics, [t.pk for t in filters["topic"]])
        if filters.get("reported_in"):
            masks["reported_in"] = self._tagged(self.press, [c.pk for c in filters["reported_in"]])
        if filters.get("status"):
            masks["status"] = _among(self.status, [STATUSES.index(s) for s in filters["status"]])
        if filters.get("kind"):
            masks["kind"] = _among(self.kind, [KINDS.index(k) for k in filters["kind"]])
        mask = base.copy()
        for m in masks.values():
            mask &= m
        without = {}
        for facet in FACETS:
            without[facet] = base.copy()
            for name, m in masks.items():
                if name != facet:
                    without[facet] &= m
        return Selection(mask, without)

    def window(self, start: date, end: date) -> np.ndarray:
        """Events whose dates overlap [start, end]. The last few windows asked are kept: the
        axis asks for the same ones (the years, 2009–2015) on every page."""
        key = (start, end)
        if key not in self._windows:
            if len(self._windows) >= WINDOWS_KEPT:
                self._windows.pop(next(iter(self._windows)))
            mask = (self.lower <= day(end)) & (self.upper >= day(start))
            mask.flags.writeable = False
            self._windows[key] = mask
        return self._windows[key]

    def matches(self, text: str, find) -> np.ndarray:
        """The ids `find(text)` gives (a search of all the events: the database matches and
        ranks them), kept with the data they were found in: a search's other pages, filters,
        windows, order and languages ask for the same (a few milliseconds each time)."""
        if text not in self._searches:
            if len(self._searches) >= SEARCHES_KEPT:
                self._searches.pop(next(iter(self._searches)), None)
            found = find(text)
            found.flags.writeable = False
            self._searches[text] = found
        return self._searches[text]

    def before(self, start: date) -> np.ndarray:
        return self.upper < day(start)

    def after(self, end: date) -> np.ndarray:
        return self.lower > day(end)

    # Reading ----------------------------------------------------------------------------------

    def ids(
        self, mask: np.ndarray, *, after: tuple[date, int] | None = None, limit: int | None
    ) -> list:
        """Up to `limit` ids of the masked events in (date, id) order, after the cursor."""
        positions = np.flatnonzero(mask)
        if after is not None:
            cursor = (day(after[0]) << 40) + after[1]
            positions = positions[np.searchsorted(self.key[positions], cursor, side="right") :]
        return self.pk[positions[:limit]].tolist()

    def buckets(
        self, mask: np.ndarray, *, unit: str, start: date | None = None
    ) -> list[tuple[date, int, int]]:
        """The masked events by the month, week or day of their first day (or of `start`, for
        an event begun before it: the spans carried into a window fall in its first bucket, not
        one each for the weeks they began in), in date order: each bucket's first day, its
        number of events and the id of its heaviest. Positions are in date order, so a bucket
        is a run of them."""
        positions = np.flatnonzero(mask)
        if not len(positions):
            return []
        first = self.month[positions] if unit == "month" else _bucket(self.lower[positions], unit)
        if start is not None:
            first = np.maximum(first, _bucket(np.array([day(start)]), unit))
        starts = np.r_[0, np.flatnonzero(np.diff(first)) + 1]
        counts = np.diff(np.r_[starts, len(first)])
        heaviest = self.by_weight[np.minimum.reduceat(self.rank[positions], starts)]
        days = first[starts].astype("datetime64[M]" if unit == "month" else "datetime64[D]")
        return list(zip(days.astype("datetime64[D]").tolist(), counts.tolist(),
                        self.pk[heaviest].tolist(), strict=True))  # fmt: skip

    def count(self, mask: np.ndarray) -> int:
        return int(np.count_nonzero(mask))

    def facet_counts(self, selection: Selection, *, within=None) -> dict[str, dict]:
        """For each filter, the events each of its values would give with the other filters
        (and within a mask, if given): keyed by actor and topic id, status and type value."""
        masks = {
            facet: mask if within is None else mask & within
            for facet, mask in selection.without.items()
        }
        counts = {}
        for facet, links in (
            ("actor", self.actors),
            ("topic", self.topics),
            ("reported_in", self.press),
        ):
            # The masked events among each code's links (a run): twice as fast as a bincount.
            shown = np.take(masks[facet].view(np.int8), links.events)
            n = np.add.reduceat(shown, links.starts, dtype=np.int64) if len(shown) else shown
            counts[facet] = dict(zip(links.ids.tolist(), n.tolist(), strict=True))
        for facet, codes, names in (("status", self.status, STATUSES), ("kind", self.kind, KINDS)):
            mask = masks[facet]
            counts[facet] = {
                name: int(np.count_nonzero(mask & (codes == i))) for i, name in enumerate(names)
            }
        return counts


def _named(queryset, field: str) -> list[tuple]:
    """(pk, slug, {language: name}) for each row, in the queryset's order."""
    columns = [f"{field}_{code}" for code in languages.CODES]
    return [
        (pk, slug, dict(zip(languages.CODES, names, strict=True)))
        for pk, slug, *names in queryset.values_list("pk", "slug", *columns)
    ]


def _press(index: EventIndex) -> tuple[Links, list[tuple]]:
    """Which countries' outlets cite each event (a country numbered by its place among them),
    and each country as the filter names it: (number, its state's slug, its state's names by
    language), or its code where no state has it."""
    cited = (
        Citation.objects.exclude(source__outlet__country="")
        .order_by()
        .values_list("event_id", "source__outlet__country")
        .distinct()
    )
    rows = list(cited)
    countries = sorted({country for _, country in rows})
    number = {country: i + 1 for i, country in enumerate(countries)}
    states = Actor.objects.confirmed().filter(kind=Actor.Kind.STATE, country__in=countries)
    columns = [f"name_{code}" for code in languages.CODES]
    named = {
        country: (slug, dict(zip(languages.CODES, names, strict=True)))
        for country, slug, *names in states.values_list("country", "slug", *columns)
    }
    choices = [(number[c], *named.get(c, (c.lower(), {languages.CODES[0]: c}))) for c in countries]
    return index._links([(event, number[c]) for event, c in rows]), choices


_lock = threading.Lock()
_current: dict = {}


def current(version: DataVersion | None = None) -> EventIndex:
    """The index of the data as it is now: rebuilt when the data version has changed."""
    version = version or DataVersion.current()
    key = (settings.DATABASES["default"]["NAME"], version.key)
    with _lock:
        if _current.get("key") != key:
            _current.clear()
            _current["index"] = build()
            _current["key"] = key
        return _current["index"]


def build() -> EventIndex:
    # What staff may see on the timeline, each marked with whether anyone may (the rule itself
    # is models.public_event, read here as a column, not written again).
    events = (
        Event.objects.on_timeline(staff=True)
        .order_by()
        .annotate(public=ExpressionWrapper(public_event(), output_field=BooleanField()))
    )
    fields = ("pk", "date_lower", "date_upper", "status", "kind", "weight", "public", "updated_at")
    index = EventIndex(
        _rows(events.values_list(*fields)),
        _rows(
            EventActor.objects.order_by("actor_id", "event_id").values_list("event_id", "actor_id")
        ),
        _rows(
            Event.topics.through.objects.order_by("topic_id", "event_id").values_list(
                "event_id", "topic_id"
            )
        ),
    )
    index.choices = {
        # Names by language: each page shows its own (views._in_language).
        "actor": _named(Actor.objects.confirmed(), "name"),
        "topic": _named(Topic.objects.all(), "name"),
        "status": [(value, value, label) for value, label in Event.Status.choices],
        "kind": [(value, value, label) for value, label in Event.Kind.choices],
    }
    index.press, index.choices["reported_in"] = _press(index)
    index.periods = list(Period.objects.all())
    # What an event's page names besides: its topics, and the periods it is evidence for.
    index.topics_by_name = list(Topic.objects.all())
    index.evidence = index._links(
        _rows(
            Period.evidence.through.objects.order_by("period_id", "event_id").values_list(
                "event_id", "period_id"
            )
        )
    )
    return index
