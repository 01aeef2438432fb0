"""Reads: every query the public pages make, with the joins they need, lives here."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from dialogue import search
from dialogue.models import (
    Actor,
    Citation,
    Event,
    EventActor,
    Period,
    Source,
    Topic,
    public_event,
)
from dialogue.query import EventQuery
from dialogue.timeline import Item, Window, bucket_end, bucket_unit, density


def _with_people(events: QuerySet) -> QuerySet:
    return events.prefetch_related(
        Prefetch("participations", queryset=EventActor.objects.select_related("actor")),
        "topics",
    )


FACETS = ("actor", "topic", "status", "kind")
PAGE_SIZE = 25  # events in one page of the list
MARK_LIMIT = 150  # up to this many events in the window are drawn one by one; beyond it, the
# axis shows the density and the heaviest event of each month (of each week in a year)
MARK_FIELDS = ("slug", "title", "edtf", "status", "date_lower", "date_upper", "weight")
CHUNK = 2000  # ids asked of the database at once


def _for_export(events: QuerySet) -> QuerySet:
    """What an exported event carries: its actors, topics and cited passages."""
    return _with_people(events).prefetch_related(
        Prefetch("citations", queryset=Citation.objects.select_related("source"))
    )


def _for_list(events: QuerySet, query: EventQuery) -> QuerySet:
    """What a listed event shows: its date, title and status, and on paper its passages and
    where they come from (not the articles' texts)."""
    sources = Citation.objects.select_related("source").defer("source__body", "source__raw_text")
    events = events.prefetch_related(Prefetch("citations", queryset=sources))
    return events.defer("search_document")  # a long text, for the database's index only


def _by_id(events: QuerySet, ids: list) -> dict[int, Event]:
    """The events with these ids. Who may see them and what the filters mean were settled when
    the ids were chosen (query.EventQuery)."""
    found = {}
    for at in range(0, len(ids), CHUNK):
        found |= {e.pk: e for e in events.filter(pk__in=ids[at : at + CHUNK])}
    return found


def rows(events: QuerySet, ids: list) -> list[Event]:
    """The events with these ids, in the order of the ids."""
    found = _by_id(events, ids)
    return [found[pk] for pk in ids if pk in found]


def export_ids(query: EventQuery) -> list:
    """The ids of a view's events, all of them (the zoomed year, or all time), in its order."""
    return query.ids(query.window(Window.all_time()))


def export_events(ids: list) -> list[Event]:
    """What exports and the API carry of each event, for a list of ids."""
    return rows(_for_export(Event.objects.all()), ids)


def latest_events(query: EventQuery, limit: int) -> list[Event]:
    """The view's events changed last, newest first: what the feed carries."""
    mask = query.mask(query.window(Window.all_time()))
    return export_events(query.index.latest(mask, limit))


def timeline(query: EventQuery, *, window: Window, context: bool = True) -> dict:
    """Everything the timeline draws for one view: a page of the list (keyset on (date, id), or
    numbered pages by relevance) and what the next page's link needs; the events before and
    after the 2009–2015 axis (unless zoomed, or `context` is false); the axis (every event
    when few, else the density per month, or week in a year, and the heaviest of each); counts
    per year and per filter value.

    Counts and ids come from the in-memory event index; the database reads only the events
    shown, so the number of queries is the same at any size.
    """
    index, chosen = query.index, query.selection
    overview = Window.overview()
    in_view = query.mask(window)
    start = (query.page - 1) * PAGE_SIZE if query.by_relevance else 0
    lists = {"rows": query.ids(window, limit=PAGE_SIZE + 1, offset=start)}
    lists["earlier"] = lists["later"] = []
    if context and window.is_overview:
        lists["earlier"] = index.ids(chosen.mask & index.before(overview.start), limit=PAGE_SIZE)
        lists["later"] = index.ids(chosen.mask & index.after(overview.end), limit=PAGE_SIZE)
    found = _by_id(_for_list(Event.objects.all(), query), sum(lists.values(), []))
    events, earlier, later = ([found[pk] for pk in ids if pk in found] for ids in lists.values())
    more, events = len(events) > PAGE_SIZE, events[:PAGE_SIZE]
    if query.search:
        search.add_snippets(events, query.search)
    next_page = None
    if more:
        last = events[-1]
        next_page = (
            {"page": query.page + 1}
            if query.by_relevance
            else {"after": f"{last.date_lower}.{last.pk}"}
        )

    shown = index.count(in_view)
    years = {y: index.count(chosen.mask & index.window(w.start, w.end))
             for y in range(overview.start.year, overview.end.year + 1)
             for w in [Window.for_year(y)]}  # fmt: skip
    # Zoomed in, a filter's counts are the events it would show in the window.
    within = None if window.is_overview else index.window(window.start, window.end)
    return {
        "events": events,
        "next_page": next_page,
        "earlier": earlier,
        "later": later,
        "shown": shown,
        **_axis(index, in_view, window, crowded=shown > MARK_LIMIT),
        "years": years,
        "total": index.count(chosen.mask & index.window(overview.start, overview.end)),
        "counts": index.facet_counts(chosen, within=within),
        "choices": index.choices,
        "periods": index.periods,
    }


def _axis(index, in_view, window: Window, *, crowded: bool) -> dict:
    """What the axis draws: every event in the window when few; else, for each month (week,
    day), its heaviest event standing for all of that bucket's, and the density."""
    if not crowded:
        ids = index.ids(in_view, limit=MARK_LIMIT)
        events = rows(Event.objects.only(*MARK_FIELDS), ids)
        items = [Item(e, e.date_lower, e.date_upper) for e in events]
        return {"items": items, "density": [], "density_unit": None}
    unit = bucket_unit(window)
    buckets = index.density(in_view, unit=unit, start=window.start)
    events = rows(Event.objects.only(*MARK_FIELDS), index.heaviest(in_view, unit=unit,
                                                                   start=window.start))  # fmt: skip
    items = [
        Item(e, e.date_lower, e.date_upper)
        if n == 1
        else Item(e, start, bucket_end(start, unit), n)
        for e, (start, n) in zip(events, buckets, strict=True)
    ]
    return {"items": items, "density": density(window, buckets, unit), "density_unit": unit}


def events_in(query: EventQuery, window: Window, *, limit: int) -> tuple[list[Event], int]:
    """The first events of a window, as a plain list shows them (no passages, no search
    text), and how many it holds."""
    ids = query.ids(window, limit=limit)
    events = rows(Event.objects.defer("search_document"), ids)
    return events, query.index.count(query.mask(window))


def topic_events(slug: str) -> tuple[Topic | None, QuerySet | None]:
    topic = Topic.objects.filter(slug=slug).first()
    return topic, (Event.objects.filter(topics=topic) if topic else None)


def pair_events(first: str, second: str) -> tuple[list[Actor], QuerySet | None]:
    """Two actors and the events involving both of them."""
    pair = list(Actor.objects.confirmed().filter(slug__in=[first, second]))
    if first == second or len(pair) != 2:
        return pair, None
    events = Event.objects.filter(participations__actor=pair[0]).filter(
        participations__actor=pair[1]
    )
    return sorted(pair, key=lambda a: [first, second].index(a.slug)), events


def event_for_slug(*, user, slug: str) -> tuple[Event | None, str | None]:
    """The event a slug names, or the current slug to redirect to when the slug is an old one."""
    events = Event.objects.visible_to(user)
    event = (
        _with_people(events)
        .prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
            "periods",
        )
        .filter(slug=slug)
        .first()
    )
    if event:
        return event, None
    renamed = events.filter(old_slugs__slug=slug).values_list("slug", flat=True).first()
    return None, renamed


def periods() -> list[Period]:
    return list(Period.objects.all())


def period_with_evidence(*, user, slug: str) -> Period | None:
    """The period and the visible events whose passages establish it, with those passages."""
    evidence = Event.objects.visible_to(user).prefetch_related(
        Prefetch("citations", queryset=Citation.objects.select_related("source"))
    )
    return (
        Period.objects.filter(slug=slug)
        .prefetch_related(Prefetch("evidence", queryset=evidence))
        .first()
    )


def _visible(user) -> Q:
    """What Event.objects.visible_to(user) keeps, said of a related event, as a join."""
    return Q() if user.is_staff else public_event(via="event")


def source_with_citations(*, user, slug: str) -> Source | None:
    """The source and the passages its text still holds (a flagged citation's words were not
    found again after a correction: the event page shows its quote, marked, not this one)."""
    citations = Citation.objects.filter(_visible(user), needs_review=False).select_related("event")
    return (
        sources(user=user)
        .filter(slug=slug)
        .prefetch_related(Prefetch("citations", queryset=citations))
        .first()
    )


def sources(*, user) -> QuerySet:
    return Source.objects.visible_to(user)


def actors() -> QuerySet:
    return Actor.objects.confirmed()


def actor_with_events(*, user, slug: str) -> tuple[Actor | None, QuerySet | list]:
    """The actor and its roles in visible events, oldest first (a queryset, to count or slice)."""
    actor = Actor.objects.confirmed().filter(slug=slug).first()
    if actor is None:
        return None, []
    participations = (
        EventActor.objects.filter(_visible(user), actor=actor)
        .select_related("event")
        .order_by("event__date_lower", "event__date_upper", "event__pk")
    )
    return actor, participations


def co_actors(*, user, actor: Actor) -> QuerySet:
    """The actors sharing events with this one, most shared first, each with .shared."""
    shared = Event.objects.visible_to(user).filter(participations__actor=actor)
    return (
        Actor.objects.confirmed()
        .filter(participations__event__in=shared)
        .exclude(pk=actor.pk)
        .annotate(shared=Count("participations__event", distinct=True))
        .order_by("-shared", "name_en")
    )
