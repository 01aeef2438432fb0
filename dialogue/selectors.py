"""Reads: every query the public pages make, with the joins they need, lives here."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

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


def timeline_events(*, user, filters: dict, base: QuerySet | None = None) -> list[Event]:
    """The filtered events with what the list shows; best match first when sorting by relevance.

    A search gives each event a highlighted .snippet saying why it matched.
    """
    events = filtered_events(user=user, filters={**filters, "q": None}, base=base)
    events = _with_people(events).prefetch_related(
        Prefetch("citations", queryset=Citation.objects.select_related("source"))
    )
    if filters.get("q"):
        found = search.ranked(events, filters["q"])
        if filters.get("sort") != "relevance":
            found.sort(key=lambda e: (e.date_lower, e.date_upper, e.pk))
        return found
    return list(events.chronological())


def view_events(*, user, filters: dict) -> list[Event]:
    """The events of one view of the timeline, zoomed year included: what exports carry."""
    events = timeline_events(user=user, filters=filters)
    if filters.get("year"):
        window = Window.for_year(filters["year"])
        events = [e for e in events if window.overlaps(e.date_lower, e.date_upper)]
    return events


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
