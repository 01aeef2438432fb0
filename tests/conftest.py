import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """A request in Japanese or Korean leaves its language active in the test's thread (Django's
    LocaleMiddleware activates it and nothing resets it); tests that follow, calling code
    directly, expect the default."""
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def seed_rows(django_db_setup, django_db_blocker):
    """Every row `load_seed` writes, read back once per session from a load that is rolled back.

    The test database stays empty between tests; `seed` writes these rows into each test that
    asks for it. loaddata and the search refresh take a quarter of a second; the inserts take
    a few milliseconds."""
    from django.apps import apps
    from django.core.management import call_command
    from django.db import transaction

    from dialogue.models import DataVersion

    models = [
        model
        for model in apps.get_app_config("dialogue").get_models(include_auto_created=True)
        if model is not DataVersion  # each test's seed is a change of its own: see `seed`
    ]
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_seed", verbosity=0)
        rows = [(model, list(model._base_manager.order_by("pk"))) for model in models]
        transaction.set_rollback(True)
    return [(model, objs) for model, objs in rows if objs]


def _write(rows):
    """Write these seed rows into the test database, as loaddata would."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from dialogue.models import DataVersion

    with transaction.atomic():  # foreign keys are checked at its end, whatever the model order
        for model, objs in rows:
            # What loaddata's raw save does, one statement a model: the stored values as they
            # are (timestamps too), no signals; load_seed has already refreshed the search.
            # (Rows the migrations made, the known outlets, are there already: the seed's own
            # take their place, as loaddata updates them.)
            model._base_manager.filter(pk__in=[obj.pk for obj in objs]).delete()
            model._base_manager._insert(objs, fields=model._meta.local_concrete_fields, raw=True)
        with connection.cursor() as cursor:  # PostgreSQL: ids made later follow the seed's
            for sql in connection.ops.sequence_reset_sql(no_style(), [m for m, _ in rows]):
                cursor.execute(sql)
        # A new data version at a new time: the in-memory event index and the page cache key on
        # it, and an earlier test's rolled-back changes may have reached the same number.
        DataVersion.bump()


@pytest.fixture
def seed(db, seed_rows):
    """The seed articles and curated events, as `make run` loads them."""
    _write(seed_rows)


@pytest.fixture
def staff(db, django_user_model):
    return django_user_model.objects.create_user(
        "editor", password="a long enough password 1", is_staff=True, is_superuser=True
    )


@pytest.fixture
def actors(db, seed_rows):
    """The Actor table of the seed, which recognition reads, with its topics, outlets and
    periods; no sources or events, nor any row that refers to one. (Written without them, not
    deleted after: deleting fires the search refresh of every event, a second a test.)"""
    from dialogue.models import Event, Source

    def refers(model):
        return any(f.related_model in (Event, Source) for f in model._meta.concrete_fields)

    _write([(m, objs) for m, objs in seed_rows if m not in (Event, Source) and not refers(m)])
