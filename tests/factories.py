"""Small builders for test data: each makes a valid object, overridable by keyword."""

import os
import subprocess
import sys
from itertools import count

from django.conf import settings
from django.utils.text import slugify

from dialogue.models import Actor, Citation, Event, Outlet, Source

_n = count(1)

BODY = (
    "Japan and South Korea agreed on Monday to meet again.\n\n"
    "The talks were last held in December 2009. The talks were frank."
)


def make_outlet(name: str = "The Test Times", **kw) -> Outlet:
    """The outlet of that name, made if new (a newspaper of Japan unless told)."""
    fields = {
        "slug": slugify(name)[:40] or "outlet",
        "kind": Outlet.Kind.NEWSPAPER,
        "country": "JPN",
    }
    if Outlet.objects.filter(slug=fields["slug"]).exclude(name=name).exists():
        fields["slug"] += f"-{next(_n)}"
    return Outlet.objects.get_or_create(name=name, defaults=fields | kw)[0]


def make_source(**kw) -> Source:
    """A source; its outlet and agency may be given by name."""
    n = next(_n)
    fields = {
        "slug": f"source-{n}",
        "title": f"Source {n}",
        "outlet": "The Test Times",
        "published_on": "2015-04-05",
        "body": BODY,
    } | kw
    for key, kind in (("outlet", Outlet.Kind.NEWSPAPER), ("agency", Outlet.Kind.AGENCY)):
        if isinstance(fields.get(key), str):
            fields[key] = make_outlet(fields[key], kind=kind) if fields[key] else None
    return Source.objects.create(**fields)


def make_event(**kw) -> Event:
    n = next(_n)
    fields = {
        "slug": f"event-{n}",
        "title": f"Event {n}",
        "edtf": "2015-04",
        "kind": Event.Kind.MEETING,
        "status": Event.Status.OCCURRED,
        "is_published": True,
    }
    return Event.objects.create(**(fields | kw))


def make_actor(**kw) -> Actor:
    n = next(_n)
    return Actor.objects.create(
        **({"slug": f"actor-{n}", "name_en": f"Actor {n}", "kind": Actor.Kind.STATE} | kw)
    )


def cite(event: Event, source: Source, quote: str) -> Citation:
    start = source.body.index(quote)
    return Citation.objects.create(
        event=event, source=source, exact=quote, start=start, end=start + len(quote)
    )


def add_cited_events(n: int) -> None:
    """n more published events, each with an actor and a citation, in one new source."""
    source = make_source()
    actor = make_actor()
    for _ in range(n):
        event = make_event(edtf="2014-05")
        event.participations.create(actor=actor)
        cite(event, source, "December 2009")


def queries_before_and_after(client, url: str, *, first: int, more: int) -> tuple[int, int]:
    """The queries a GET of url makes after `first` extra events, then after `more` again. The
    event index is rebuilt first: that happens once per change of the data, not per page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dialogue import eventindex

    counts = []
    for n in (first, more):
        add_cited_events(n)
        eventindex.current()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    return counts[0], counts[1]


# Each language's address prefix, and the site's name as each language gives it.
PREFIXES = {"en": "", "ja": "/ja", "ko": "/ko"}
SITE_NAMES = {
    "en": "Japan–South Korea security dialogue, 2009–2015",
    "ja": "日韓安全保障対話（2009–2015）",
    "ko": "한일 안보 대화(2009–2015)",
}


def shape(node, path=""):
    """Every key of a JSON document, with where it is (list items counted as one)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield f"{path}/{key}"
            yield from shape(value, f"{path}/{key}")
    elif isinstance(node, list):
        for value in node:
            yield from shape(value, f"{path}/*")


def log_in_as_editor(page, site: str, user_model) -> None:
    """A browser test's editor: a superuser, logged in through the admin's own form."""
    user_model.objects.create_user(
        "editor", password="a long enough password 1", is_staff=True, is_superuser=True
    )
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a long enough password 1")
    page.get_by_role("button", name="Log in").click()


def in_a_new_process(args: list[str], **env) -> subprocess.CompletedProcess:
    """`python ARGS` in the project as a server starts it: settings from `env` alone, none of
    this process's DJANGO_ or DATABASE_ variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=clean | {"DJANGO_SETTINGS_MODULE": "dialogue.settings"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )
