"""Writes that more than one caller needs."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from dialogue import search
from dialogue.anchoring import correct_source_text  # noqa: F401
from dialogue.models import Actor, Citation, Event, EventActor, Source


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
def accept_proposal(*, event: Event, title: str | None = None) -> bool:
    """Publish a proposed event with its citations, confirming the actors it names: a new event
    on the timeline, whatever event it was thought to report. `title`, if given, is its English
    title from now on (the proposals of an English article are English text). Call it in
    English, as the admin writes a translated model (admin.in_english): the untranslated
    `title` column is saved from the active language's text."""
    changed = []
    if title is not None and title != event.title_en:
        event.title_en = title
        changed += ["title", "title_en"]
    if event.reports_id is not None:
        event.reports = None
        changed.append("reports")
    if changed:
        event.save(update_fields=[*changed, "updated_at"])
    published, refused = publish_events(events=Event.objects.filter(pk=event.pk))
    return not refused


def separate_proposal(*, event: Event) -> None:
    """Keep a proposal as an event of its own, not the one already on the timeline it seemed
    to report: it is then accepted or rejected as any other."""
    event.reports = None
    event.save(update_fields=["reports", "updated_at"])


@transaction.atomic
def attach_proposal(*, event: Event) -> Event:
    """A proposal that reports an event the timeline already has (`event.reports`) adds its
    passages to that event as citations, once each, and is deleted. Returns the event it
    reports, its search document refreshed."""
    reported = event.reports
    if reported is None:
        raise ValueError(f"Proposal {event.pk} reports no event on the timeline.")
    for citation in event.citations.all():
        Citation.objects.get_or_create(
            event=reported,
            source_id=citation.source_id,
            start=citation.start,
            end=citation.end,
            defaults={
                "exact": citation.exact,
                # A passage flagged after a correction of its source stays flagged where it goes.
                "needs_review": citation.needs_review,
                "prefix": citation.prefix,
                "suffix": citation.suffix,
                # What the passage says of the date and status goes with it: reports compared.
                "stated_edtf": citation.stated_edtf,
                "stated_status": citation.stated_status,
            },
        )
    event.delete()
    refresh_search(event_ids=[reported.pk])
    return reported


@transaction.atomic
def merge_actor(*, actor: Actor) -> Actor:
    """Merge an actor an import read as another spelling of a known one (`actor.merge_into`)
    into it: the spelling becomes one of its aliases, the events that name the spelling name it
    instead (once each), and the spelling's row is deleted. Returns the actor merged into."""
    target = actor.merge_into
    if target is None:
        raise ValueError(f"{actor} is not marked as another actor's spelling.")
    spelling = actor.name_en.strip()
    if spelling and spelling != target.name_en and spelling not in target.alias_list:
        target.aliases = "\n".join([*target.alias_list, spelling])
        target.save(update_fields=["aliases"])
    events = set()
    for participation in EventActor.objects.filter(actor=actor).order_by("pk"):
        events.add(participation.event_id)
        named = EventActor.objects.filter(
            event_id=participation.event_id, actor=target, role=participation.role
        )
        if named.exists():
            participation.delete()
        else:
            participation.actor = target
            participation.save(update_fields=["actor"])
    actor.delete()
    refresh_search(event_ids=events)
    return target


def keep_actor_apart(*, actor: Actor) -> Actor:
    """An actor an import thought another spelling of a known one is someone else: it stays,
    unconfirmed as before, and is no longer offered for merging."""
    actor.merge_into = None
    actor.save(update_fields=["merge_into"])
    return actor


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
