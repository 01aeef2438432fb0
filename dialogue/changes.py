"""How a change is counted: the data version every cached page, ETag and the event index key
on, and the querysets whose bulk writes move it. Saves and deletes move it through signals
(signals.py); every model of the site uses TrackedQuerySet for the rest."""

from __future__ import annotations

from contextvars import ContextVar
from datetime import UTC, datetime

from django.core.signals import request_finished, request_started
from django.db import models
from django.dispatch import receiver
from django.utils import timezone

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# The version a request read: its page's cache key and the event index ask for it, and need
# the same answer (and one query). None outside a request.
_read: ContextVar[dict | None] = ContextVar("data_version_read", default=None)


@receiver(request_started)
def _request_started(**kwargs):
    _read.set({})


@receiver(request_finished)
def _request_finished(**kwargs):
    _read.set(None)


class TrackedQuerySet(models.QuerySet):
    """Bulk writes send no signals; these count as changes all the same, so no write of public
    data, however it is made, leaves a cached page or the event index on the old data.

    Queries also name the columns they mean. django-modeltranslation makes every queryset of a
    translated model a MultilingualQuerySet, which would rewrite `title` to the active
    language's column in filters and orderings and add a per-row Python fallback to values();
    that is turned off here (it has no setting). Reading `event.title` on an instance still
    gives the active language, or English (see translation.py)."""

    def _post_init(self):
        self._rewrite = False
        self._populate = None

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
    """One row per change editors make, appended and never updated: the newest row is the
    version of the data, which cached pages, ETags and the event index key on.

    Appending takes no lock another writer waits for. Updating one shared counter row did: it
    queued every writer behind a running import, and two transactions that touched the same
    rows in other orders deadlocked on PostgreSQL. The new row becomes visible when its
    transaction commits, together with the change it counts: readers never see new data under
    an old version for longer than that commit, and a rolled-back change counts nothing."""

    KEEP = 1000  # rows kept; older ones are pruned a thousand at a time

    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"data version {self.pk}"

    @property
    def key(self) -> str:
        """The version as caches key on it: its number and its time (a rolled-back test's
        number can come back with other data; its time does not)."""
        return f"{self.pk or 0}.{self.changed_at.timestamp()}"

    @classmethod
    def current(cls) -> DataVersion:
        """The newest version; in a request, the one it read first (unless it changed the data
        since)."""
        read = _read.get()
        if read is not None and "version" in read:
            return read["version"]
        version = cls.objects.order_by("-pk").first() or cls(changed_at=EPOCH)
        if read is not None:
            read["version"] = version
        return version

    @classmethod
    def bump(cls) -> None:
        if read := _read.get():
            read.clear()
        new = cls.objects.create()
        if new.pk % cls.KEEP == 0:
            # Each prune deletes its own range, so two never wait on each other's rows.
            cls.objects.filter(pk__gte=new.pk - 2 * cls.KEEP, pk__lt=new.pk - cls.KEEP).delete()
