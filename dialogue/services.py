"""Writes that more than one caller needs."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from dialogue.models import Event


@transaction.atomic
def publish_events(*, events: QuerySet) -> tuple[int, list[Event]]:
    """Publish the events that cite a passage; return how many, and the ones refused."""
    refused = list(events.filter(citations__isnull=True))
    published = events.filter(citations__isnull=False).distinct()
    count = Event.objects.filter(pk__in=published.values("pk")).update(is_published=True)
    return count, refused
