"""Settings come from the environment and fail fast when a production one is missing."""

import os
import subprocess
import sys

from django.conf import settings


def run_check(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=clean | {"DJANGO_SETTINGS_MODULE": "dialogue.settings"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_a_secret_key_production_settings_refuse_to_start():
    result = run_check()
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_debug_runs_without_a_key_and_production_with_one():
    assert run_check(DJANGO_DEBUG="1").returncode == 0
    assert run_check(DJANGO_SECRET_KEY="x" * 50).returncode == 0


def test_debug_is_off_by_default():
    assert settings.DEBUG is False
