"""The read replica (dialogue/replica.py): which database each read goes to.

On PostgreSQL the alias `replica` is a second connection to the test database, as
DATABASE_REPLICA_URL makes it (pointing at the primary, which reports no lag); the queries each
connection ran show where a request read. The tests commit (transaction=True): a test's open
transaction would be invisible to a second connection, and reads inside one stay on the primary.
A real streaming replica, its lag and its outages: tests/ops/test_streaming_replica.py.
"""

import json
import math
import socket
import subprocess

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection, connections, router, transaction
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext, override_settings

from dialogue import replica
from dialogue.models import DataVersion, Event
from dialogue.replica import PRIMARY, PRIMARY_COOKIE, REPLICA
from tests.factories import in_a_new_process
from tests.test_admin import edit_event

KONO = "kono-statement"
on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a read replica is PostgreSQL's"
)
both = pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])


@pytest.fixture(scope="module")
def replica_alias(django_db_setup):
    """The alias `replica` and the router; the one DATABASE_REPLICA_URL made, if it is set."""
    added = REPLICA not in connections
    if added:
        default = connections[PRIMARY].settings_dict
        connections.settings[REPLICA] = default | {"TEST": default["TEST"] | {"MIRROR": PRIMARY}}
    with override_settings(DATABASE_ROUTERS=["dialogue.replica.Router"]):
        yield
    if added:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]


@pytest.fixture
def routed(replica_alias, monkeypatch):
    """A process that has not checked the replica yet."""
    monkeypatch.setattr(replica, "health", replica.Health())


@pytest.fixture
def replica_down(routed):
    """The replica's address answers no more: nothing listens on its port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    replica_settings = connections[REPLICA].settings_dict
    address = replica_settings["HOST"], replica_settings["PORT"]
    connections[REPLICA].close()
    replica_settings["HOST"], replica_settings["PORT"] = "127.0.0.1", port
    yield
    connections[REPLICA].close()
    replica_settings["HOST"], replica_settings["PORT"] = address


def app_queries(captured) -> int:
    return sum("dialogue_" in query["sql"] for query in captured.captured_queries)


def get(client, url):
    """The response, and how many queries of the site's data each database ran for it."""
    with (
        CaptureQueriesContext(connections[PRIMARY]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica_,
    ):
        response = client.get(url)
    return response, {PRIMARY: app_queries(primary), REPLICA: app_queries(replica_)}


def test_migrations_run_on_the_primary_only():
    """The replica replays the primary's tables; every write goes to the primary, and rows read
    from either may be related (they are the same data)."""
    router = replica.Router()
    assert router.allow_migrate(PRIMARY, "dialogue") is True
    assert router.allow_migrate(REPLICA, "dialogue") is False
    assert router.db_for_write(Event) == PRIMARY
    assert router.allow_relation(Event(), Event()) is True


SETTINGS = """
import json
from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from dialogue.replica import ReplicaMiddleware
try:
    used = bool(ReplicaMiddleware(print))
except MiddlewareNotUsed:
    used = False
replica = settings.DATABASES.get("replica", {})
mirror = replica.get("TEST", {}).get("MIRROR")
print(json.dumps([list(settings.DATABASES), settings.DATABASE_ROUTERS, used,
                  replica.get("PORT"), mirror, replica.get("OPTIONS")]))
"""


def settings_with(**env) -> subprocess.CompletedProcess:
    return in_a_new_process(
        ["-c", "import django; django.setup()\n" + SETTINGS], DJANGO_DEBUG="1", **env
    )


def test_the_settings_of_a_replica():
    """Without DATABASE_REPLICA_URL nothing changes: one database, no router, the middleware
    takes itself out. With it: an alias the test runner points at the primary's test database,
    libpq's shortest connect timeout, the router. A replica of SQLite is refused."""
    alone = settings_with(DATABASE_URL="postgres://app@10.0.0.1:5432/dialogue")
    assert json.loads(alone.stdout) == [["default"], [], False, None, None, None]
    assert json.loads(settings_with().stdout)[:3] == [["default"], [], False]  # SQLite
    both = settings_with(
        DATABASE_URL="postgres://app@10.0.0.1:5432/dialogue",
        DATABASE_REPLICA_URL="postgres://app@10.0.0.2:5433/dialogue",
    )
    assert json.loads(both.stdout) == [
        ["default", "replica"],
        ["dialogue.replica.Router"],
        True,
        5433,
        "default",
        {"connect_timeout": 2},
    ]
    refused = settings_with(DATABASE_REPLICA_URL="postgres://app@10.0.0.2:5433/dialogue")
    assert refused.returncode != 0
    assert "DATABASE_REPLICA_URL is a PostgreSQL replica" in refused.stderr


@on_postgres
@both
@pytest.mark.parametrize(
    "method, signed_in, after_a_write, in_a_transaction, database",
    [
        ("GET", False, False, False, REPLICA),  # a reader
        ("HEAD", False, False, False, REPLICA),
        ("POST", False, False, False, PRIMARY),  # may write: it reads what it writes
        ("GET", True, False, False, PRIMARY),  # an editor sees what they just saved
        ("GET", False, True, False, PRIMARY),  # an editor who logged out after an edit
        ("GET", False, False, True, PRIMARY),  # a transaction sees its own writes
    ],
)
def test_which_database_a_request_reads(
    routed, rf, staff, method, signed_in, after_a_write, in_a_transaction, database
):
    """The rule, request by request: the router's answer for the site's data inside the
    middleware, with the replica healthy."""
    answers = []

    def view(request):
        if in_a_transaction:
            with transaction.atomic():
                answers.append(router.db_for_read(Event))
        else:
            answers.append(router.db_for_read(Event))
        answers.append(router.db_for_read(type(staff)))  # sessions, users: the primary's
        return HttpResponse()

    request = rf.generic(method, "/")
    request.user = staff if signed_in else AnonymousUser()
    if after_a_write:
        request.COOKIES[PRIMARY_COOKIE] = "1"
    replica.ReplicaMiddleware(view)(request)
    assert answers == [database, PRIMARY]
    assert router.db_for_read(Event) == PRIMARY  # outside a request: commands, the shell


@on_postgres
@both
def test_a_request_reads_one_database_throughout(routed, rf):
    """Its first read chooses: the data version and the data it keys are never read from two
    databases, even when the replica is found unusable meanwhile (by another thread)."""
    answers = []

    def view(request):
        answers.append(router.db_for_read(DataVersion))
        replica.health.down()
        answers.append(router.db_for_read(Event))
        return HttpResponse()

    request = rf.get("/")
    request.user = AnonymousUser()
    replica.ReplicaMiddleware(view)(request)
    assert answers == [REPLICA, REPLICA]


@on_postgres
@both
@pytest.mark.parametrize("url", [f"/events/{KONO}/", "/?q=Kono", "/api/events/", "/feed.atom"])
def test_a_public_request_reads_the_replica(routed, client, seed, url):
    """Every read of the site's data, the data version's, the event index's and the search's
    (raw SQL) included, from the replica; none from the primary."""
    response, reads = get(client, url)
    assert response.status_code == 200
    assert reads[REPLICA] > 0
    assert reads[PRIMARY] == 0


@on_postgres
@both
def test_an_editor_reads_the_primary(routed, client, seed, staff):
    client.force_login(staff)
    response, reads = get(client, f"/events/{KONO}/")
    assert response.status_code == 200
    assert reads == {PRIMARY: reads[PRIMARY], REPLICA: 0}
    assert reads[PRIMARY] > 0


@on_postgres
@both
def test_after_an_edit_the_editors_next_requests_read_the_primary(routed, client, seed, staff):
    """An editor saves, logs out and opens the public page: it comes from the primary, which
    has the edit for certain, until the replica has replayed it for certain."""
    client.force_login(staff)
    edit_event(client, KONO, title_en="Kono statement, revised")
    cookie = client.cookies[PRIMARY_COOKIE]
    assert cookie["max-age"] == math.ceil(settings.REPLICA_MAX_LAG + replica.CHECK_EVERY)
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    client.post("/admin/logout/")
    response, reads = get(client, f"/events/{KONO}/")
    assert "Kono statement, revised" in response.content.decode()
    assert reads[REPLICA] == 0 and reads[PRIMARY] > 0
    del client.cookies[PRIMARY_COOKIE]  # expired
    response, reads = get(client, f"/events/{KONO}/")
    assert "Kono statement, revised" in response.content.decode()
    assert reads[PRIMARY] == 0 and reads[REPLICA] > 0


@on_postgres
@both
def test_the_replica_is_checked_once_a_second_not_on_every_read(routed, client, seed):
    with CaptureQueriesContext(connections[REPLICA]) as captured:
        for url in (f"/events/{KONO}/", "/", "/?q=Kono", "/api/events/"):
            assert client.get(url).status_code == 200
    checks = [q for q in captured.captured_queries if "pg_last_wal_replay_lsn" in q["sql"]]
    assert len(checks) == 1
    assert app_queries(captured) > 4


@on_postgres
@both
def test_a_replica_that_does_not_answer_is_left_alone_and_the_primary_reads(
    replica_down, client, seed
):
    with CaptureQueriesContext(connections[PRIMARY]) as primary:
        response = client.get(f"/events/{KONO}/")
    assert response.status_code == 200
    assert app_queries(primary) > 0
    assert replica.health.ok is False
    assert replica.health.until - replica.time.monotonic() > replica.RETRY_AFTER - 1


@on_postgres
@both
def test_a_replica_that_fails_during_a_request_costs_no_error(routed, client, seed, request):
    """It passed its check a moment ago, then went away: the page is read again from the
    primary, and the replica is left alone."""
    assert replica.health() is True
    request.getfixturevalue("replica_down")
    with CaptureQueriesContext(connections[PRIMARY]) as primary:
        response = client.get(f"/events/{KONO}/")
    assert response.status_code == 200
    assert "Kono" in response.content.decode()
    assert app_queries(primary) > 0
    assert replica.health.ok is False
