"""Reads: every query the public pages make, with the joins they need, lives here."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from dialogue import eventindex, search
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
from dialogue.timeline import Window


def _with_people(events: QuerySet) -> QuerySet:
    return events.prefetch_related(
        Prefetch("participations", queryset=EventActor.objects.select_related("actor")),
        "topics",
    )


FACETS = ("actor", "topic", "status", "kind")


def filtered_events(*, user, filters: dict, base: QuerySet | None = None) -> QuerySet:
    """Events visible on the timeline that match the filters (year and sort aside).

    Several values of one filter widen it (either actor); different filters narrow it.
    """
    events = Event.objects.on_timeline(user)
    if base is not None:
        events = events.filter(pk__in=base.values("pk"))
    if filters.get("actor"):
        events = events.filter(
            pk__in=EventActor.objects.filter(actor__in=filters["actor"]).values("event")
        )
    if filters.get("topic"):
        tagged = Event.topics.through.objects.filter(topic__in=filters["topic"])
        events = events.filter(pk__in=tagged.values("event"))
    if filters.get("status"):
        events = events.filter(status__in=filters["status"])
    if filters.get("kind"):
        events = events.filter(kind__in=filters["kind"])
    if filters.get("date_from"):
        events = events.filter(date_upper__gte=filters["date_from"])
    if filters.get("date_to"):
        events = events.filter(date_lower__lte=filters["date_to"])
    if filters.get("q"):
        events = search.matching(events, filters["q"])
    return events


PAGE_SIZE = 25  # events in one page of the list
MARK_LIMIT = 150  # up to this many events in the window are drawn one by one; beyond it, the
# axis shows the density and the heaviest event of each month (of each week in a year)


def _for_export(events: QuerySet) -> QuerySet:
    """What an exported event carries: its actors, topics and cited passages."""
    return _with_people(events).prefetch_related(
        Prefetch("citations", queryset=Citation.objects.select_related("source"))
    )


def in_window(events: QuerySet, window: Window) -> QuerySet:
    return events.filter(date_lower__lte=window.end, date_upper__gte=window.start)


def _ordered(events: QuerySet, filters: dict) -> QuerySet:
    """Oldest first, or best match first when a search asks for relevance."""
    if filters.get("q"):
        events = search.with_rank(events, filters["q"])
        if filters.get("sort") == "relevance":
            return events.order_by("-rank", "date_lower", "pk")
    return events.chronological()


def view_events(*, user, filters: dict, base: QuerySet | None = None) -> QuerySet:
    """The events of one view (its filters and zoomed year) in the view's order, ready to list:
    what exports and the API carry."""
    events = filtered_events(user=user, filters={**filters, "q": None}, base=base)
    if filters.get("year"):
        events = in_window(events, Window.for_year(filters["year"]))
    return _for_export(_ordered(events, filters))


def _for_list(events: QuerySet, filters: dict) -> QuerySet:
    """What a listed event shows: its date, title and status, and on paper its passages and
    where they come from (not the articles' texts)."""
    sources = Citation.objects.select_related("source").defer("source__body", "source__raw_text")
    events = events.prefetch_related(Prefetch("citations", queryset=sources))
    if not filters.get("q") or search.uses_database_snippets():
        events = events.defer("search_document")  # a long text, read only for SQLite's snippets
    return events


def _by_relevance(*, user, filters: dict, window: Window, base, page: int) -> list[Event]:
    """A page of a search's matches, best first: numbered pages, ranked by the database."""
    events = in_window(
        filtered_events(user=user, filters={**filters, "q": None}, base=base), window
    )
    start = (page - 1) * PAGE_SIZE
    return list(_for_list(_ordered(events, filters), filters)[start : start + PAGE_SIZE + 1])


def _by_id(events: QuerySet, ids: list) -> dict[int, Event]:
    return {e.pk: e for e in events.filter(pk__in=ids)}


def timeline(
    *,
    user,
    filters: dict,
    window: Window,
    base=None,
    after: tuple | None = None,
    page: int = 1,
    context: bool = True,
) -> dict:
    """Everything the timeline draws for one view: a page of the list (keyset on (date, id), or
    numbered pages by relevance) and what the next page's link needs; the events before and
    after the 2009–2015 axis (unless zoomed, or `context` is false); the axis (every event
    when few, else the density per month, or week in a year, and the heaviest of each); counts
    per year and per filter value.

    Counts and ids come from the in-memory event index; the database reads only the events
    shown, so the number of queries is the same at any size.
    """
    index = eventindex.current()
    if filters.get("q"):
        matching = search.matching(Event.objects.all() if base is None else base, filters["q"])
        ids = eventindex.ids_of(matching)
    else:
        ids = None if base is None else eventindex.ids_of(base)
    chosen = index.select(staff=user.is_staff, filters=filters, ids=ids)
    overview = Window.for_year(None)
    in_view = chosen.mask & index.window(window.start, window.end)
    shown = index.count(in_view)

    by_relevance = bool(filters.get("q")) and filters.get("sort") == "relevance"
    lists = {"rows": [], "earlier": [], "later": []}  # ids, then events
    if not by_relevance:
        lists["rows"] = index.ids(in_view, after=after, limit=PAGE_SIZE + 1)
    if context and not window.year:
        lists["earlier"] = index.ids(chosen.mask & index.before(overview.start), limit=PAGE_SIZE)
        lists["later"] = index.ids(chosen.mask & index.after(overview.end), limit=PAGE_SIZE)
    visible = Event.objects.on_timeline(user)
    found = _by_id(_for_list(visible, filters), sum(lists.values(), []))
    rows, earlier, later = ([found[pk] for pk in ids if pk in found] for ids in lists.values())
    if by_relevance:
        rows = _by_relevance(user=user, filters=filters, window=window, base=base, page=page)
    more, rows = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
    if filters.get("q"):
        search.add_snippets(rows, filters["q"])
    next_page = None
    if more:
        last = rows[-1]
        next_page = (
            {"page": page + 1} if by_relevance else {"after": f"{last.date_lower}.{last.pk}"}
        )

    crowded = shown > MARK_LIMIT
    weekly = bool(window.year)
    mark_ids = (
        index.heaviest(in_view, weekly=weekly, start=window.start)
        if crowded
        else index.ids(in_view, limit=MARK_LIMIT)
    )
    years = {y: index.count(chosen.mask & index.window(w.start, w.end))
             for y in range(overview.start.year, overview.end.year + 1)
             for w in [Window.for_year(y)]}  # fmt: skip
    # Zoomed to a year, a filter's counts are the events it would show in that year.
    within = index.window(window.start, window.end) if window.year else None
    return {
        "events": rows,
        "next_page": next_page,
        "earlier": earlier,
        "later": later,
        "shown": shown,
        "marks": sorted(
            _by_id(visible.only(*MARK_FIELDS), mark_ids).values(),
            key=lambda e: (e.date_lower, e.pk),
        ),
        "density": index.density(in_view, weekly=weekly, start=window.start) if crowded else [],
        "years": years,
        "total": index.count(chosen.mask & index.window(overview.start, overview.end)),
        "counts": index.facet_counts(chosen, within=within),
        "choices": index.choices,
        "periods": index.periods,
    }


MARK_FIELDS = ("slug", "title", "edtf", "status", "date_lower", "date_upper", "weight")


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


def _visible(user) -> Q:
    """What Event.objects.visible_to(user) keeps, said of a related event, as a join."""
    return Q() if user.is_staff else public_event(via="event")


def source_with_citations(*, user, slug: str) -> Source | None:
    citations = Citation.objects.filter(_visible(user)).select_related("event")
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
