import pytest


@pytest.fixture
def seed(db):
    """The seed articles and curated events, as `make run` loads them."""
    from django.core.management import call_command

    call_command("load_seed", verbosity=0)


@pytest.fixture
def staff(db, django_user_model):
    return django_user_model.objects.create_user(
        "editor", password="a long enough password 1", is_staff=True, is_superuser=True
    )
