"""Public pages kept, gzipped, until the data changes; conditional GET; one render per page.

A page depends on the data (the data version), the site's origin, the address, the HTMX headers
and who asks. Anonymous requests only: staff see drafts, and their pages carry a session.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import os
import re
import tempfile
import time
from contextlib import contextmanager
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.text import compress_string
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from dialogue import site
from dialogue.cache import RedisCache, redis_up, without_redis
from dialogue.models import DataVersion

VARY = ("HX-Request", "HX-Target", "HX-History-Restore-Request")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
REVALIDATE = "public, max-age=0, must-revalidate"
# The render locks: a fixed set of files (a page's lock is one of them, by its key), in a folder
# of this user's own, so neither the number of pages nor another user's files can get in the way.
LOCKS = Path(
    os.environ.get("DJANGO_LOCK_DIR", Path(tempfile.gettempdir()) / f"dialogue-locks-{os.getuid()}")
)
LOCK_FILES = 64
# The shared render lock's lifetime: longer than any render, so a page is rendered once, and
# short, as a holder that dies never releases it (its page's readers each wait `wait` meanwhile).
LOCK_SECONDS = 10


def page_key(request: HttpRequest) -> str:
    parts = [
        settings.DATABASES["default"]["NAME"],  # two sites on one machine share no pages
        DataVersion.current().key,
        # Pages carry absolute URLs: a request with another Host must never fill the cache
        # for everyone else (without DJANGO_SITE_URL they are built from the request's host).
        site.origin(request),
        request.get_full_path(),
        request.user.is_staff,
        *(request.headers.get(h, "") for h in VARY),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


def render_lock(key: str, *, wait: float = 2.0):
    """A lock held by one process at a time per key, which yields whether this caller waited for
    another holder; after `wait` seconds it goes ahead anyway rather than keep a reader waiting.

    With the shared cache (Redis) the lock is Redis's, so app servers on several machines render
    a page once between them; without it, an flock excludes the processes of this machine."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        return _redis_lock(backend.client(), backend.make_key(f"render:{key}"), wait=wait)
    return _file_lock(key, wait=wait)


@contextmanager
def _redis_lock(client, name: str, *, wait: float):
    """redis-py's Lock: SET name token NX PX ttl with a random token, and a release that deletes
    the key only if it still holds that token (a compare-and-delete script), so a holder whose
    lock expired never frees the next holder's. If Redis is down, it goes ahead unlocked."""
    lock = client.lock(name, timeout=LOCK_SECONDS, sleep=0.02)
    waited = held = False
    if not redis_up():
        yield False  # Redis failed a moment ago: go ahead unlocked
        return
    with without_redis("render lock"):
        waited = not lock.acquire(blocking=False)
        held = not waited or lock.acquire(blocking_timeout=wait)
    try:
        yield waited
    finally:
        if held:
            # LockNotOwnedError when the render outlasted the lock: nothing was freed.
            with without_redis("render unlock"):
                lock.release()


@contextmanager
def _file_lock(key: str, *, wait: float):
    """An flock, which the kernel grants to one holder and releases when the holder dies (keys
    share LOCK_FILES files)."""
    LOCKS.mkdir(parents=True, exist_ok=True)
    with open(LOCKS / f"{int(key[:8], 16) % LOCK_FILES}.lock", "a") as handle:
        waited, deadline = False, time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waited = True
                if time.monotonic() > deadline:
                    yield waited
                    return
                time.sleep(0.02)
        try:
            yield waited
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _stored(response: HttpResponse) -> HttpResponse:
    """The response as the page cache keeps it: gzipped once, not on every request."""
    response.content = compress_string(response.content)
    response["Content-Encoding"] = "gzip"
    return response


def _as_sent(stored: HttpResponse, *, gzipped: bool, etag: str) -> HttpResponse:
    """The kept page for this client: as stored, or unzipped for one that can't read gzip.
    (The cache hands out a new copy each time, so it is changed in place.)"""
    if gzipped:
        response = stored
    else:
        response = HttpResponse(gzip.decompress(stored.content), status=stored.status_code)
        for header, value in stored.items():
            if header not in ("Content-Encoding", "Content-Length"):
                response[header] = value
    response["ETag"] = etag
    response["Content-Length"] = str(len(response.content))
    response["Cache-Control"] = REVALIDATE
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def cached_page(view):
    """ETag and 304 for every public GET, and the rendered page kept, gzipped, until the data
    changes."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_staff:
            return view(request, *args, **kwargs)
        key = page_key(request)
        gzipped = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
        etag = f'"{key}{"-gz" if gzipped else ""}"'  # one tag per representation
        # Django's own reading of If-None-Match: a list of tags, W/ and * understood.
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            not_modified["ETag"] = etag
            patch_vary_headers(not_modified, (*VARY, "Accept-Encoding"))
            not_modified["Cache-Control"] = REVALIDATE
            return not_modified
        stored = cache.get(f"page:{key}")
        if stored is None:
            with render_lock(key) as waited:
                # Another process rendered it while this one waited: take theirs.
                stored = cache.get(f"page:{key}") if waited else None
                if stored is None:
                    response = view(request, *args, **kwargs)
                    if response.status_code != 200 or len(response.content) > 2_000_000:
                        response["Cache-Control"] = REVALIDATE
                        return response
                    stored = _stored(response)
                    cache.set(f"page:{key}", stored, 3600)
        return _as_sent(stored, gzipped=gzipped, etag=etag)

    return wrapper


def read_only(view):
    """GET and HEAD only: anything else is a 405 naming them, not CSRF's 403 (a page that takes
    no input has nothing to protect)."""
    return csrf_exempt(require_safe(view))


def public_page(view):
    """A read-only public page, kept in the page cache."""
    return read_only(cached_page(view))
