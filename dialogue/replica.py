"""The read replica: which reads it serves, and while it may.

With DATABASE_REPLICA_URL set (a PostgreSQL streaming replica of DATABASE_URL), the public data
(this app's models) read by a public request, a GET, HEAD or OPTIONS from someone not signed in,
comes from the replica. Everything else reads, and every write goes to, the primary:

- any request of a signed-in editor, and any POST (or other unsafe method);
- a browser's requests for a few seconds after it sent an unsafe one (the PRIMARY_COOKIE), long
  enough that a healthy replica has replayed what it wrote: an editor who logs out after an edit
  sees the edit on the public pages (read your own writes);
- reads inside a transaction on the primary, which must see that transaction's own writes;
- sessions, users, login lockouts (axes), history (reversion), the admin log: other apps' models;
- management commands, the shell, anything outside a request.

One request reads one database. Pages and the event index are kept under the data version they
were read with: the version read from the primary with events from a replica that lags would keep
old pages under the new version until the next change. So a request's first public read chooses
the database and its later reads, the data version's included, stay there.

The replica serves while it answers and is at most DJANGO_REPLICA_MAX_LAG seconds behind. Each
process asks it at most once a second (CHECK_EVERY), and one that doesn't answer is left alone for
RETRY_AFTER seconds. A replica that fails in the middle of a request costs no error: the request
runs again on the primary.
"""

from __future__ import annotations

import logging
import math
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DatabaseError, InterfaceError, OperationalError, connections

log = logging.getLogger(__name__)

PRIMARY, REPLICA = "default", "replica"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
PRIMARY_COOKIE = "read_primary"
CHECK_EVERY = 1.0  # seconds a health check's answer is kept, per process
RETRY_AFTER = 5.0  # seconds a replica that did not answer is left alone

# Behind: it has not replayed all the primary had written when asked (its write position, read
# just before; a server replaying nothing, such as the primary itself, is not behind). How far:
# the time since the last change it replayed was committed, so the two machines' clocks must
# agree (NTP). A replica cut off from its primary sees no lag of its own; measured so, it does.
LAG_SQL = (
    "SELECT pg_is_in_recovery() AND COALESCE(pg_last_wal_replay_lsn() < %s::pg_lsn, true), "
    "EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())"
)


def lag(primary, replica) -> float:
    """Seconds the replica (a cursor on it) is behind the primary (a cursor on that): 0 when it
    has replayed everything the primary had written when asked."""
    primary.execute("SELECT pg_current_wal_lsn()")
    (written,) = primary.fetchone()
    replica.execute(LAG_SQL, [written])
    behind, seconds = replica.fetchone()
    if not behind:
        return 0.0
    return math.inf if seconds is None else float(seconds)


class Health:
    """Whether the replica may serve reads, as this process last found it. (Threads may check at
    the same moment; each gets a right answer, the last one is kept.)"""

    def __init__(self):
        self.ok = False
        self.until = 0.0  # time.monotonic() until which `ok` stands

    def __call__(self) -> bool:
        now = time.monotonic()
        if now >= self.until:
            self.ok, keep = self.check()
            self.until = now + keep
        return self.ok

    def check(self) -> tuple[bool, float]:
        """Healthy or not, and for how long to believe it."""
        try:
            with connections[PRIMARY].cursor() as primary, connections[REPLICA].cursor() as replica:
                seconds = lag(primary, replica)
        except DatabaseError as error:
            log.warning("read replica unreachable, reading the primary: %s", error)
            return False, RETRY_AFTER
        if seconds > settings.REPLICA_MAX_LAG:
            log.warning("read replica %.1f s behind, reading the primary", seconds)
            return False, CHECK_EVERY
        return True, CHECK_EVERY

    def down(self) -> None:
        self.ok, self.until = False, time.monotonic() + RETRY_AFTER


health = Health()


@dataclass
class Reads:
    """Where a public request reads: chosen at its first read, then kept."""

    alias: str | None = None


_reads: ContextVar[Reads | None] = ContextVar("reads", default=None)  # None: the primary


def reading() -> str:
    """The database this app's data is read from, now."""
    reads = _reads.get()
    if reads is None or connections[PRIMARY].in_atomic_block:
        return PRIMARY
    if reads.alias is None:
        reads.alias = REPLICA if health() else PRIMARY
    return reads.alias


class Router:
    def db_for_read(self, model, **hints):
        return reading() if model._meta.app_label == "dialogue" else PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one set of data, wherever it was read

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY  # the replica replays the primary's


class ReplicaMiddleware:
    """Marks public requests as allowed to read the replica (after AuthenticationMiddleware: an
    editor's requests are not), and remembers an unsafe request for the next few seconds."""

    def __init__(self, get_response):
        if REPLICA not in connections:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        public = (
            request.method in SAFE_METHODS
            and PRIMARY_COOKIE not in request.COOKIES
            and not request.user.is_authenticated
        )
        token = _reads.set(Reads() if public else None)
        try:
            response = self.get_response(request)
        finally:
            _reads.reset(token)
        if request.method not in SAFE_METHODS:
            # Past this, a replica in use has replayed this request's writes: it was at most
            # REPLICA_MAX_LAG behind at a check made at most CHECK_EVERY ago.
            response.set_cookie(
                PRIMARY_COOKIE,
                "1",
                max_age=math.ceil(settings.REPLICA_MAX_LAG + CHECK_EVERY),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_exception(self, request, exception):
        """A replica that went down since it was last checked: the view runs again, on the
        primary (only safe requests read the replica, so running one twice changes nothing)."""
        reads = _reads.get()
        if reads is None or reads.alias != REPLICA:
            return None
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        log.warning("read replica failed, reading the primary: %s", exception)
        health.down()
        reads.alias = PRIMARY
        match = request.resolver_match
        return match.func(request, *match.args, **match.kwargs)
