"""Reads: every query the public pages make, with the joins they need, lives here."""

from __future__ import annotations

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models import Window as Over
from django.db.models.functions import RowNumber, TruncMonth, TruncWeek

from dialogue import search
from dialogue.models import Actor, Citation, Event, EventActor, Period, Source, Topic
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


PAGE_SIZE = 50  # events in one page of the list
MARK_LIMIT = 150  # up to this many events in the window are drawn one by one; beyond it, the
# axis shows the density and the heaviest event of each month (of each week in a year)


def _listing(events: QuerySet) -> QuerySet:
    """What a listed event shows: its actors, topics and cited passages."""
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
    return _listing(_ordered(events, filters))


def list_page(
    *, user, filters: dict, window: Window, base=None, after: tuple | None = None, page: int = 1
) -> tuple[list[Event], dict | None]:
    """One page of the list: keyset on (date, id) by date, numbered pages by relevance.
    Returns the events and what the next page's link needs (or None on the last page)."""
    events = in_window(
        filtered_events(user=user, filters={**filters, "q": None}, base=base), window
    )
    events = _listing(_ordered(events, filters))
    by_relevance = bool(filters.get("q")) and filters.get("sort") == "relevance"
    if by_relevance:
        start = (page - 1) * PAGE_SIZE
        rows = list(events[start : start + PAGE_SIZE + 1])
    else:
        if after:
            day, pk = after
            events = events.filter(Q(date_lower__gt=day) | Q(date_lower=day, pk__gt=pk))
        rows = list(events[: PAGE_SIZE + 1])
    more, rows = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
    if filters.get("q"):
        search.add_snippets(rows, filters["q"])
    if not more:
        return rows, None
    last = rows[-1]
    return rows, {"page": page + 1} if by_relevance else {"after": f"{last.date_lower}.{last.pk}"}


def context_events(*, user, filters: dict, base=None, before: bool = True) -> list[Event]:
    """Events before (or after) the 2009–2015 axis, listed apart as context."""
    overview = Window.for_year(None)
    events = filtered_events(user=user, filters=filters, base=base)
    if before:
        events = events.filter(date_upper__lt=overview.start)
    else:
        events = events.filter(date_lower__gt=overview.end)
    return list(_listing(events.chronological())[:PAGE_SIZE])


def axis(*, user, filters: dict, window: Window, base=None) -> dict:
    """What the time axis draws: every event when there are few, else the density per month (per
    week in a year) and the heaviest events; with the count of events in the window."""
    shown = in_window(filtered_events(user=user, filters=filters, base=base), window)
    marks = list(shown.only(*MARK_FIELDS).order_by("date_lower", "pk")[: MARK_LIMIT + 1])
    if len(marks) <= MARK_LIMIT:
        return {"marks": marks, "density": [], "total": len(marks)}
    trunc = TruncWeek if window.year else TruncMonth
    buckets = (
        shown.annotate(bucket=trunc("date_lower"))
        .values_list("bucket")
        .annotate(n=Count("pk"))
        .order_by("bucket")
    )
    # The heaviest event (most cited, most actors) of each month, or week: spread over time.
    bucket = trunc("date_lower")
    heaviest = (
        shown.only(*MARK_FIELDS)
        .annotate(
            rank=Over(
                RowNumber(),
                partition_by=[bucket],
                order_by=[F("weight").desc(), F("date_lower").asc(), F("pk").asc()],
            )
        )
        .filter(rank=1)
    )
    return {
        "marks": sorted(heaviest, key=lambda e: (e.date_lower, e.pk)),
        "density": [(_as_date(bucket), n) for bucket, n in buckets],
        "total": shown.count(),
    }


MARK_FIELDS = ("slug", "title", "edtf", "status", "date_lower", "date_upper", "weight")


def _as_date(value):
    return value.date() if hasattr(value, "date") else value


def year_counts(*, user, filters: dict, base=None) -> dict[int | str, int]:
    """Events touching each year of the axis (a span counts in every year it covers), and the
    total on the axis, in one pass."""
    overview = Window.for_year(None)
    events = in_window(
        filtered_events(user=user, filters={**filters, "year": None}, base=base), overview
    )
    counts = {
        f"y{year}": Count("pk", filter=Q(date_lower__lte=w.end, date_upper__gte=w.start))
        for year in range(overview.start.year, overview.end.year + 1)
        for w in [Window.for_year(year)]
    }
    found = events.aggregate(total=Count("pk"), **counts)
    return {(int(k[1:]) if k.startswith("y") else k): n for k, n in found.items()}


def facet_counts(*, user, filters: dict, base: QuerySet | None = None) -> dict[str, dict]:
    """For each filter, how many events each of its values would give with the other filters."""
    counts = {}
    for facet in FACETS:
        others = filtered_events(user=user, filters={**filters, facet: None}, base=base)
        if facet == "actor":
            rows = EventActor.objects.filter(event__in=others).values_list("actor__slug")
            rows = rows.annotate(n=Count("event", distinct=True))
        elif facet == "topic":
            rows = others.values_list("topics__slug").annotate(n=Count("pk", distinct=True))
        else:
            rows = others.values_list(facet).annotate(n=Count("pk"))
        counts[facet] = {str(value): n for value, n in rows.order_by() if value is not None}
    return counts


def topic_events(slug: str) -> tuple[Topic | None, QuerySet | None]:
    topic = Topic.objects.filter(slug=slug).first()
    return topic, (Event.objects.filter(topics=topic) if topic else None)


def pair_events(first: str, second: str) -> tuple[list[Actor], QuerySet | None]:
    """Two actors and the events involving both of them."""
    pair = list(Actor.objects.filter(slug__in=[first, second], is_confirmed=True))
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


def source_with_citations(*, user, slug: str) -> Source | None:
    visible = Event.objects.visible_to(user)
    return (
        Source.objects.filter(slug=slug)
        .prefetch_related(
            Prefetch(
                "citations",
                queryset=Citation.objects.filter(event__in=visible).select_related("event"),
            )
        )
        .first()
    )


def sources() -> QuerySet:
    return Source.objects.all()


def actors() -> QuerySet:
    return Actor.objects.filter(is_confirmed=True)


def actor_with_events(*, user, slug: str) -> tuple[Actor | None, list[EventActor]]:
    actor = Actor.objects.filter(slug=slug, is_confirmed=True).first()
    if actor is None:
        return None, []
    visible = Event.objects.visible_to(user)
    participations = (
        EventActor.objects.filter(actor=actor, event__in=visible)
        .select_related("event")
        .order_by("event__date_lower", "event__date_upper", "event__pk")
    )
    return actor, list(participations)


def co_actors(*, user, actor: Actor) -> QuerySet:
    """The actors sharing events with this one, most shared first, each with .shared."""
    shared = Event.objects.visible_to(user).filter(participations__actor=actor)
    return (
        Actor.objects.filter(is_confirmed=True, participations__event__in=shared)
        .exclude(pk=actor.pk)
        .annotate(shared=Count("participations__event", distinct=True))
        .order_by("-shared", "name_en")
    )
