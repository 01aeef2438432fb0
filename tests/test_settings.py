"""Settings come from the environment and fail fast when a production one is missing."""

from django.conf import settings

from tests.factories import in_a_new_process


def run_check(**env):
    return in_a_new_process(["manage.py", "check"], **env)


def test_without_a_secret_key_production_settings_refuse_to_start():
    result = run_check()
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_debug_runs_without_a_key_and_production_with_one():
    assert run_check(DJANGO_DEBUG="1").returncode == 0
    assert run_check(DJANGO_SECRET_KEY="x" * 50).returncode == 0


def test_debug_is_off_by_default():
    assert settings.DEBUG is False
