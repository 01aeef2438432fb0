"""How a change is counted: the data version every cached page, ETag and the event index key
on, and the querysets whose bulk writes move it. Saves and deletes move it through signals
(signals.py); every model of the site uses TrackedQuerySet for the rest."""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.utils import timezone


class TrackedQuerySet(models.QuerySet):
    """Bulk writes send no signals; these count as changes all the same, so no write of public
    data, however it is made, leaves a cached page or the event index on the old data."""

    def update(self, **kwargs):
        count = super().update(**kwargs)
        if count:
            DataVersion.bump()
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            DataVersion.bump()
        return created

    def bulk_update(self, objs, *args, **kwargs):
        count = super().bulk_update(objs, *args, **kwargs)
        if count:
            DataVersion.bump()
        return count


class DataVersion(models.Model):
    """A number that grows with every change editors make: caches and ETags key on it."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"data version {self.number}"

    @classmethod
    def current(cls) -> DataVersion:
        return cls.objects.get_or_create(pk=1)[0]

    @classmethod
    def bump(cls) -> None:
        if not cls.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now()):
            cls.objects.get_or_create(pk=1, defaults={"number": 1})
