"""Writes that more than one caller needs."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from dialogue import search
from dialogue.anchoring import correct_source_text  # noqa: F401
from dialogue.models import Actor, Event, Source


@transaction.atomic
def publish_events(*, events: QuerySet) -> tuple[int, list[Event]]:
    """Publish the events that cite a passage; return how many, and the ones refused."""
    refused = list(events.filter(citations__isnull=True))
    published = events.filter(citations__isnull=False).distinct()
    count = Event.objects.filter(pk__in=published.values("pk")).update(is_published=True)
    return count, refused


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
    if not event.citations.exists():
        return False
    event.review = Event.Review.CONFIRMED
    event.is_published = True
    event.save(update_fields=["review", "is_published", "updated_at"])
    Actor.objects.filter(participations__event=event, is_confirmed=False).update(is_confirmed=True)
    return True


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
        text = search.document(event, citations, [p.actor for p in people])
        weight = min(len(citations) * 2 + len(people), 32767)
        if (text, weight) != (event.search_document, event.weight):
            Event.objects.filter(pk=event.pk).update(search_document=text, weight=weight)
