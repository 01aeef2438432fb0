"""Writes that more than one caller needs."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from dialogue import search
from dialogue.anchoring import correct_source_text  # noqa: F401
from dialogue.models import Actor, Event, Source


@transaction.atomic
def publish_events(*, events: QuerySet) -> tuple[int, list[Event]]:
    """Publish events: the one way an event becomes public (admin action, review page). Each
    is confirmed (a proposal accepted) and so are the actors it names; one citing no passage,
    or rejected, is refused. Returns how many were published, and the ones refused."""
    count, refused = 0, []
    for event in Event.objects.filter(pk__in=events.values("pk")).order_by("pk"):
        if event.review == Event.Review.REJECTED or not event.citations.exists():
            refused.append(event)
            continue
        if not event.is_published:
            event.review, event.is_published = Event.Review.CONFIRMED, True
            event.save(update_fields=["review", "is_published", "updated_at"])
            count += 1
        confirm_actors(events=[event])
    return count, refused


def confirm_actors(*, events) -> None:
    """A public event names only confirmed actors: publishing one confirms those it names."""
    Actor.objects.filter(participations__event__in=events, is_confirmed=False).update(
        is_confirmed=True
    )


def publish_sources(*, sources: QuerySet) -> int:
    """Make imported articles public, before any event citing them is."""
    return Source.objects.filter(pk__in=sources.values("pk"), is_published=False).update(
        is_published=True
    )


@transaction.atomic
def unpublish_events(*, events: QuerySet) -> int:
    """Return events to draft: off the public pages at once."""
    return Event.objects.filter(pk__in=events.values("pk"), is_published=True).update(
        is_published=False
    )


@transaction.atomic
def accept_proposal(*, event: Event) -> bool:
    """Publish a proposed event with its citations, confirming the actors it names."""
    published, refused = publish_events(events=Event.objects.filter(pk=event.pk))
    return not refused


def reject_proposal(*, event: Event) -> None:
    """Keep a rejected proposal, unpublished, so the same import does not propose it again."""
    event.review = Event.Review.REJECTED
    event.is_published = False
    event.save(update_fields=["review", "is_published", "updated_at"])


def refresh_search(*, event_ids) -> None:
    """Rebuild the search documents of these events from their current passages and actors."""
    events = Event.objects.filter(pk__in=list(event_ids)).prefetch_related(
        "citations", "participations__actor"
    )
    for event in events:
        citations, people = event.citations.all(), event.participations.all()
        text = search.document(event, [c.exact for c in citations], [p.actor for p in people])
        weight = min(len(citations) * 2 + len(people), 32767)
        if (text, weight) != (event.search_document, event.weight):
            Event.objects.filter(pk=event.pk).update(search_document=text, weight=weight)
