"""What a reader asked for, read once from the request: the one read model of the events.

Every reader of events (the timeline and its partials, the embed, the exports, the feed, the
API, the counts and the axis) builds an EventQuery and asks it. The meaning of the filters
lives in one engine, the in-memory event index (eventindex.EventIndex.select); the database
matches search words and ranks them, and turns ids into rows, nothing more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

from dialogue import eventindex, search
from dialogue.forms import TimelineFilterForm
from dialogue.models import Event
from dialogue.timeline import Window


def _cursor(request: HttpRequest) -> tuple | None:
    """The list's keyset cursor, "YYYY-MM-DD.id" of the last event on the page before."""
    day, _, pk = request.GET.get("after", "").partition(".")
    try:
        return (date.fromisoformat(day), int(pk)) if pk else None
    except ValueError:
        return None


def _page_number(request: HttpRequest) -> int:
    value = request.GET.get("page", "1")
    # ASCII digits only: "²".isdigit() is true, and int() of it fails.
    return int(value) if re.fullmatch(r"[0-9]{1,4}", value) and int(value) > 0 else 1


def _state(filters: dict) -> QueryDict:
    """The valid filters as a query string, so links carry the view along and drop bad values."""
    state = QueryDict(mutable=True)
    for name, value in filters.items():
        if name in ("actor", "topic", "reported_in"):
            state.setlist(name, [obj.slug for obj in value])
        elif isinstance(value, list):
            state.setlist(name, value)
        else:
            state[name] = str(value)
    return state


@dataclass
class EventQuery:
    """A view of the events: its filters (the valid ones), its zoomed year, its order, its page,
    an optional base set (a topic's, a pair's events) and whether staff asks (who sees
    drafts)."""

    staff: bool
    filters: dict
    base: QuerySet | None = None
    after: tuple | None = None
    page: int = 1
    form: TimelineFilterForm | None = field(default=None, repr=False)

    @classmethod
    def from_request(cls, request: HttpRequest, *, base: QuerySet | None = None) -> EventQuery:
        form = None
        if request.GET:  # (without a query there is nothing to read or check)
            form = TimelineFilterForm(request.GET)
            form.is_valid()
        return cls(
            staff=request.user.is_staff,
            filters=form.filters() if form else {},
            base=base,
            after=_cursor(request),
            page=_page_number(request),
            form=form,
        )

    # What the request said ----------------------------------------------------------------

    @property
    def valid(self) -> bool:
        return self.form is None or not self.form.errors

    @property
    def problems(self) -> list[str]:
        return self.form.problems() if self.form is not None else []

    @cached_property
    def state(self) -> QueryDict:
        return _state(self.filters)

    @property
    def year(self) -> int | None:
        return self.filters.get("year")

    @property
    def search(self) -> str:
        return self.filters.get("q") or ""

    @property
    def by_relevance(self) -> bool:
        return bool(self.search) and self.filters.get("sort") == "relevance"

    @property
    def paged(self) -> bool:
        return bool(self.after) or self.page > 1

    def window(self, default: Window) -> Window:
        """The axis's window: `from`–`to` (either alone reaches to the whole span's edge), the
        year, or the reader's default (the whole span, or all time)."""
        start, end = self.filters.get("from"), self.filters.get("to")
        if start or end:
            whole = Window.overview()
            start = start or min(whole.start, Window.for_year(end.year).start)
            end = end or max(whole.end, Window.for_year(start.year).end)
            return Window(start, end)
        return Window.for_year(self.year) if self.year else default

    # What it selects ------------------------------------------------------------------------

    @cached_property
    def index(self) -> eventindex.EventIndex:
        return eventindex.current()

    @cached_property
    def _ranked(self) -> np.ndarray | None:
        """The ids of a search's matches, best first (None without a search)."""
        if not self.search:
            return None
        if self.base is None:
            every = Event.objects.all()
            return self.index.matches(self.search, lambda text: search.ranked_ids(every, text))
        return search.ranked_ids(self.base, self.search)

    @cached_property
    def selection(self) -> eventindex.Selection:
        """The events the filters keep, and for each filter, those the others keep."""
        if self._ranked is not None:
            ids = self._ranked
        else:
            ids = None if self.base is None else eventindex.ids_of(self.base)
        return self.index.select(staff=self.staff, filters=self.filters, ids=ids)

    def mask(self, window: Window) -> np.ndarray:
        return self.selection.mask & self.index.window(window.start, window.end)

    def ids(self, window: Window, *, limit: int | None = None, offset: int = 0) -> list[int]:
        """The ids in the window in the view's order: by date from the cursor on, or best
        match first from the page's offset."""
        mask = self.mask(window)
        if self.by_relevance:
            ranked = self._ranked[self.index.contains(mask, self._ranked)]
            end = None if limit is None else offset + limit
            return ranked[offset:end].tolist()
        return self.index.ids(mask, after=self.after, limit=limit)
