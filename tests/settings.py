"""Settings for the test run: production's, with a throwaway key (DEBUG stays off)."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-secret")

os.environ.setdefault("DJANGO_SECURE", "0")  # the test client and live server speak plain http

from dialogue.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
# Tests read static files from the finders; the hashed manifest needs `collectstatic` first.
STORAGES = STORAGES | {  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
}

# Each test starts from the same data version, so a shared cache would leak pages between tests;
# tests that exercise caching switch a real one on for themselves.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

AXES_ENABLED = os.environ.get("AXES_ENABLED", "1") == "1"
