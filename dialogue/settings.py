"""Settings, read from the environment. See .env.example for every variable."""

import os
import re
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local work).")
    SECRET_KEY = "insecure-local-development-key"  # noqa: S105 - only ever used with DEBUG on

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
]

# The site's own origin (https://timeline.example.org): every absolute URL in pages, exports,
# the feed and the API is built on it, whatever Host a request sends. Unset (local work), the
# request's own scheme and host are used, and the page cache keys on them.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").strip().rstrip("/")
if SITE_URL and not re.fullmatch(r"https?://[^/?#\s]+", SITE_URL):
    raise ImproperlyConfigured("DJANGO_SITE_URL is an origin such as https://example.org.")

INSTALLED_APPS = [
    # Before the admin, so the admin's forms have a field per language (see translation.py).
    "modeltranslation",
    "dialogue",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "reversion",
    "axes",
    "corsheaders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "dialogue.middleware.security_headers",
    "dialogue.middleware.ContentSecurityPolicy",
    # Public data (API, exports, feed) may be read by any site's scripts; nothing else.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages shrink about tenfold; CSRF tokens are masked per response, so BREACH has no secret.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dialogue.middleware.LocaleMiddleware",
    "dialogue.middleware.first_visit_language",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Public requests may read the replica, if there is one; it must know who is signed in.
    "dialogue.replica.ReplicaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "dialogue.middleware.staff_session_limit",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins while locked out
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins for one user name from one address lock them out for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
# Behind a proxy every request comes from the proxy's address, and five wrong passwords from
# anyone would lock an editor out. DJANGO_PROXY_COUNT says how many proxies this site trusts
# in front of it; the client's address is then read from the header they append to
# (DJANGO_CLIENT_IP_HEADER, X-Forwarded-For by default); see middleware.client_ip. With no
# proxy the header is ignored: a client could write anything in it.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
CLIENT_IP_HEADER = "HTTP_" + os.environ.get(
    "DJANGO_CLIENT_IP_HEADER", "X-Forwarded-For"
).upper().replace("-", "_")
AXES_CLIENT_IP_CALLABLE = "dialogue.middleware.client_ip"

# A strict policy, by django-csp: nothing but this site's own files; no inline script, no
# eval, no plugins, no framing (but for embeds, see views.embed; the admin: middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "manifest-src": [SELF],
    }
}

CORS_ALLOW_ALL_ORIGINS = True
# The public data, in any language (/ja/export/…): readable by any site, see also middleware.
CORS_URLS_REGEX = r"^/(?:(?:ja|ko)/)?(?:api/|export/|feed\.atom$|schema/)"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

ROOT_URLCONF = "dialogue.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dialogue.site.context",
            ],
        },
    }
]

WSGI_APPLICATION = "dialogue.wsgi.application"

conn_max_age = int(os.environ.get("DJANGO_CONN_MAX_AGE", "60"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=conn_max_age,
        conn_health_checks=True,  # a connection that died with the server is replaced
    )
}

# A read replica (DATABASE_REPLICA_URL, a PostgreSQL streaming replica of DATABASE_URL): public
# requests read from it; editors, writes and the requests right after a write use the primary,
# and so does everyone while the replica is down or more than DJANGO_REPLICA_MAX_LAG seconds
# behind (dialogue/replica.py). Unset, everything uses the one database.
REPLICA_MAX_LAG = float(os.environ.get("DJANGO_REPLICA_MAX_LAG", "5"))
replica_url = os.environ.get("DATABASE_REPLICA_URL", "").strip()
if replica_url:
    replica = dj_database_url.parse(replica_url, conn_max_age=conn_max_age, conn_health_checks=True)
    postgres = "django.db.backends.postgresql"
    if not DATABASES["default"]["ENGINE"] == replica["ENGINE"] == postgres:
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL is a PostgreSQL replica of a PostgreSQL DATABASE_URL."
        )
    # A replica that is down costs one request libpq's shortest wait, then it is left alone.
    replica.setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    # Tests see one database: Django points this alias at the primary's test database.
    replica["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"] = replica
    DATABASE_ROUTERS = ["dialogue.replica.Router"]

# The page cache. Entries are keyed on the data version: a change anywhere is never served stale.
# DJANGO_CACHE_URL (redis://host:6379/1) shares it, and the render lock, between app servers;
# a Redis that is down only makes pages slower (dialogue/cache.py). Without it, a folder shared
# by the worker processes of this machine, so `make run` needs nothing but Python.
# Sessions and the login lockouts (axes) are not kept here but in the database, by default.
cache_url = os.environ.get("DJANGO_CACHE_URL", "").strip()
if cache_url:
    if not re.fullmatch(r"rediss?://(?:[^@/\s]*@)?[\w.-]+(?::\d{1,5})?(?:/\d+)?", cache_url):
        raise ImproperlyConfigured(
            "DJANGO_CACHE_URL is a Redis URL such as redis://127.0.0.1:6379/1."
        )
    CACHES = {"default": {"BACKEND": "dialogue.cache.RedisCache", "LOCATION": cache_url}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get(
                "DJANGO_CACHE_DIR", str(Path(tempfile.gettempdir()) / "dialogue-cache")
            ),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at the addresses it always had (/events/…), Japanese and Korean under /ja/ and /ko/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ja", "日本語"), ("ko", "한국어")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content (titles, summaries, names) missing in a language is shown in English, marked as such.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Tests and `runserver` serve files straight from the finders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
# Files every site is asked for at its root (/favicon.ico), served as they are.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
WHITENOISE_AUTOREFRESH = DEBUG

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Staff sessions: 30 minutes idle (each request renews it), 8 hours at most after login.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_SECONDS = 8 * 60 * 60

# Behind TLS, which is the default whenever DEBUG is off: redirects, HSTS, secure cookies with
# __Host- names. DJANGO_SECURE=0 turns it off, for serving on plain http in a closed network.
if env_bool("DJANGO_SECURE", default=not DEBUG):
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 63_072_000  # two years
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS if h and "*" not in h]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# The timeline's default window; events before it are shown as context.
TIMELINE_FIRST_YEAR = 2009
TIMELINE_LAST_YEAR = 2015
