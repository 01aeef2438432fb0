"""Reads: every query the public pages make, with the joins they need, lives here."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from dialogue.models import Actor, Citation, Event, EventActor, Period, Source


def _with_people(events: QuerySet) -> QuerySet:
    return events.prefetch_related(
        Prefetch("participations", queryset=EventActor.objects.select_related("actor")),
        "topics",
    )


def timeline_events(*, user, filters: dict) -> list[Event]:
    """Events visible to the user that match the filters (year excepted), oldest first.

    Several values of one filter widen it (either actor); different filters narrow it.
    """
    events = Event.objects.on_timeline(user)
    if filters.get("actor"):
        events = events.filter(participations__actor__in=filters["actor"])
    if filters.get("topic"):
        events = events.filter(topics__in=filters["topic"])
    if filters.get("status"):
        events = events.filter(status__in=filters["status"])
    if filters.get("actor") or filters.get("topic"):
        events = events.distinct()
    return list(_with_people(events.chronological()))


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
