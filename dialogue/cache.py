"""The shared cache: Django's Redis backend, which a page can always do without.

Django's RedisCache raises when the server is down; here a read is then a miss and a write is
dropped, with a warning, so pages are rendered uncached (slower), never an error. Any refusal
from the server counts as down, not only a lost connection: out of memory under `noeviction`, a
replica turned read-only by a failover, a server still loading its data.
"""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager

from django.core.cache.backends import redis as django_redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from redis import Redis
from redis.exceptions import LockError, RedisError

logger = logging.getLogger(__name__)

# A server that is down or unreachable costs a request a quarter of a second a call, not a hang
# (redis-py waits forever by default); a loopback or LAN answer takes well under a millisecond.
TIMEOUTS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}
# After a failure this process leaves Redis alone for a few seconds: a hung server then costs
# one request a quarter of a second, not every request (and one warning, not one per call).
BACK_OFF_SECONDS = 5.0
_down_until = 0.0


def redis_up() -> bool:
    """Whether to ask Redis at all: not in the seconds after it last failed."""
    return time.monotonic() >= _down_until


@contextmanager
def without_redis(operation: str):
    """Runs the block; if Redis fails it logs a warning, carries on after it, and leaves Redis
    alone for BACK_OFF_SECONDS."""
    global _down_until
    try:
        yield
    except LockError as error:  # a lock that expired: Redis answered, nothing is down
        logger.warning("Redis %s: %s", operation, error)
    except RedisError as error:
        _down_until = time.monotonic() + BACK_OFF_SECONDS
        logger.warning("Redis %s failed, going on without it: %s", operation, error)


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        options = TIMEOUTS | params.get("OPTIONS", {})
        super().__init__(server, params | {"OPTIONS": options})

    def client(self) -> Redis:
        """The Redis client the cache writes with, for what a cache can't do (the render lock)."""
        return self._cache.get_client(write=True)

    def get(self, key, default=None, version=None):
        if redis_up():
            with without_redis("get"):
                return super().get(key, default, version)
        return default

    def get_many(self, keys, version=None):
        if redis_up():
            with without_redis("get_many"):
                return super().get_many(keys, version)
        return {}

    def has_key(self, key, version=None):
        if redis_up():
            with without_redis("has_key"):
                return super().has_key(key, version)
        return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if redis_up():
            with without_redis("add"):
                return super().add(key, value, timeout, version)
        return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if redis_up():
            with without_redis("set"):
                super().set(key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if redis_up():
            with without_redis("set_many"):
                return super().set_many(data, timeout, version)
        return list(data)  # the keys that were not stored: all of them

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        if redis_up():
            with without_redis("touch"):
                return super().touch(key, timeout, version)
        return False

    def delete(self, key, version=None):
        if redis_up():
            with without_redis("delete"):
                return super().delete(key, version)
        return False

    def delete_many(self, keys, version=None):
        if redis_up():
            with without_redis("delete_many"):
                super().delete_many(keys, version)
