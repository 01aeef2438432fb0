"""Keep each event's search document in step with its passages and actors, however they change
(admin, import, shell); fixture loads (raw saves) are refreshed by load_seed instead. And count
every change, so that caches and ETags keyed on the data version never serve stale pages."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from dialogue.models import (
    Actor,
    Citation,
    DataVersion,
    Event,
    EventActor,
    EventSlug,
    Period,
    Source,
    Topic,
)
from dialogue.services import refresh_search

CHANGING = (Actor, Citation, Event, EventActor, EventSlug, Period, Source, Topic)


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def data_changed(sender, **kwargs):
    through = (Event.topics.through, Period.evidence.through)
    if sender in CHANGING or sender in through:
        DataVersion.bump()


@receiver(post_save, sender=Event)
def event_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search(event_ids=[instance.pk])


@receiver(post_save, sender=Citation)
@receiver(post_save, sender=EventActor)
@receiver(post_delete, sender=Citation)
@receiver(post_delete, sender=EventActor)
def part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search(event_ids=[instance.event_id])


@receiver(post_save, sender=Actor)
def actor_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search(event_ids=instance.participations.values_list("event_id", flat=True))
