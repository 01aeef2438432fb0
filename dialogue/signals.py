"""Keep each event's search document in step with its passages and actors, however they change
(admin, import, shell). Fixture loads (raw saves) are refreshed by load_seed instead."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dialogue.models import Actor, Citation, Event, EventActor
from dialogue.services import refresh_search


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
