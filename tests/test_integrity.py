"""The data survives its tools: a dump reloads exactly, every migration reverses, the seed loads.

Dumps are plain `dumpdata dialogue` (no --natural-foreign/--natural-primary): no dialogue model
has a natural key and every foreign key points inside the app, so natural keys would change
nothing, and keeping primary keys is the point (exports and the API promise stable ids).
"""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from dialogue.models import (
    Actor,
    Citation,
    DataVersion,
    Event,
    EventActor,
    EventSlug,
    Outlet,
    Period,
    Source,
    Topic,
)
from tests.factories import cite, make_actor, make_event, make_source

SEED = settings.BASE_DIR / "fixtures" / "seed.json"


def dump(path) -> list[dict]:
    """The app's rows, but the data version: a counter of changes, which a reload moves."""
    call_command(
        "dumpdata", "dialogue", exclude=["dialogue.DataVersion"], output=str(path), verbosity=0
    )
    return json.loads(path.read_text(encoding="utf-8"))


def empty_the_app() -> None:
    """Delete every row of every dialogue model, in an order PROTECT allows."""
    for model in (Citation, EventActor, EventSlug, Period, Event, Source, Outlet, Actor, Topic):
        model.objects.all().delete()
    DataVersion.objects.all().delete()  # last: every delete above bumps it


def dialogue_tables() -> set[str]:
    tables = {m._meta.db_table for m in apps.get_app_config("dialogue").get_models()}
    tables |= {
        f.remote_field.through._meta.db_table
        for m in apps.get_app_config("dialogue").get_models()
        for f in m._meta.local_many_to_many
    }
    return tables


def existing_tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


@pytest.fixture
def extra(seed):
    """The seed and more: renamed events, unicode in three scripts, shared actors, a draft."""
    body = (
        "日本と韓国は、安全保障対話を再開することで合意した。\n\n"
        "한국과 일본은 안보 대화를 재개하기로 합의했다. "
        "Россия наблюдает за переговорами. Emoji too: 🤝 — and “curly quotes”."
    )
    source = make_source(slug="unicode-source", title="日韓安保対話 / 한일 안보대화", body=body)
    actors = [
        make_actor(slug="mofa-jp", name_en="MOFA", name_ja="外務省", name_ko="일본 외무성"),
        make_actor(slug="mofa-kr", name_en="MOFA Korea", name_ko="외교부", aliases="Seoul\n서울"),
    ]
    topic = Topic.objects.get(slug="security-dialogue")
    for n, quote in enumerate(["安全保障対話を再開", "안보 대화를 재개하기로", "Россия", "🤝"]):
        event = make_event(slug=f"unicode-{n}", title=f"Событие {n}: {quote}", edtf="2015-04?")
        cite(event, source, quote)
        event.topics.add(topic)
        for role, actor in zip(("host", "participant"), actors, strict=True):
            EventActor.objects.create(event=event, actor=actor, role=role)
    renamed = Event.objects.get(slug="unicode-0")
    renamed.slug = "unicode-zero"
    renamed.save()
    make_event(slug="draft", title="Черновик", edtf="2016", is_published=False)
    Period.objects.get().evidence.add(renamed)
    return source


# (a) dumpdata → loaddata --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_dump_reloads_into_an_empty_database_exactly(extra, tmp_path):
    """Every row, field and many-to-many link comes back as it was, timestamps and ids too."""
    first = dump(tmp_path / "first.json")
    assert {row["model"] for row in first} >= {
        f"dialogue.{m._meta.model_name}"
        for m in (Topic, Actor, Source, Event, EventSlug, EventActor, Citation, Period)
    }
    empty_the_app()
    for model in apps.get_app_config("dialogue").get_models():
        assert not model.objects.exists(), model
    call_command("loaddata", str(tmp_path / "first.json"), verbosity=0)
    second = dump(tmp_path / "second.json")
    assert second == first


@pytest.mark.django_db
def test_a_reloaded_dump_still_verifies(extra, tmp_path):
    """The reloaded rows are usable: citations at their offsets, search documents kept."""
    dump(tmp_path / "dump.json")
    searchable = dict(Event.objects.values_list("pk", "search_document"))
    empty_the_app()
    call_command("loaddata", str(tmp_path / "dump.json"), verbosity=0)
    for citation in Citation.objects.select_related("source"):
        citation.verify()
    assert dict(Event.objects.values_list("pk", "search_document")) == searchable
    assert Event.objects.get(slug="unicode-zero").old_slugs.get().slug == "unicode-0"


# (b) migrations reverse ---------------------------------------------------------------------


def dialogue_migrations() -> list[str]:
    """The app's migrations, first to last."""
    loader = MigrationLoader(connection)
    (leaf,) = loader.graph.leaf_nodes("dialogue")
    return [name for app, name in loader.graph.forwards_plan(leaf) if app == "dialogue"]


def migrate(target: str) -> None:
    call_command("migrate", "dialogue", target, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_every_migration_reverses_and_reapplies(seed):
    """Down one migration at a time to zero, with the seed in the tables, and up again."""
    names = dialogue_migrations()
    events = Event.objects.count()
    try:
        # Down to the first migration, one at a time: the rows survive each step.
        for target in reversed(names[:-1]):
            migrate(target)
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM dialogue_event")
                assert cursor.fetchone()[0] == events, target
        # And up again: 0002 rebuilds the search documents the reversal dropped.
        for target in names[1:]:
            migrate(target)
        assert not Event.objects.filter(search_document="").exists()
        assert Event.objects.count() == events
        migrate("zero")
        assert not dialogue_tables() & existing_tables()
        executor = MigrationExecutor(connection)
        assert not any(app == "dialogue" for app, _ in executor.loader.applied_migrations)
    finally:
        migrate(names[-1])
    assert dialogue_tables() <= existing_tables()
    call_command("load_seed", verbosity=0)
    assert Event.objects.count() == events


@pytest.mark.django_db
def test_the_models_need_no_new_migration():
    """The migrations describe the models exactly, so a reversal drops what the models made."""
    call_command("makemigrations", "dialogue", check=True, dry_run=True, verbosity=0)


# (c) the seed into an empty database ----------------------------------------------------------

# tests/test_seed.py checks the citations of every published event after `load_seed`; this
# checks every citation of the raw fixture, loaded with loaddata into a database known empty.


@pytest.mark.django_db
def test_the_seed_loads_into_an_empty_database_with_every_quote_at_its_offsets():
    empty_the_app()  # (the known outlets the migrations made)
    for model in apps.get_app_config("dialogue").get_models():
        assert not model.objects.exists(), model
    call_command("loaddata", SEED, verbosity=0)
    rows = json.loads(SEED.read_text(encoding="utf-8"))
    citations = Citation.objects.select_related("source")
    assert citations.count() == sum(row["model"] == "dialogue.citation" for row in rows) > 0
    for c in citations:
        assert c.source.body[c.start : c.end] == c.exact, c.pk
        assert c.source.body[: c.start].endswith(c.prefix), c.pk
        assert c.source.body[c.end :].startswith(c.suffix), c.pk
