"""The site's own address: every absolute URL a page, an export or the API carries starts here,
never with whatever Host header a request happened to send."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.utils.translation import gettext


def span() -> str:
    """The years the timeline is about, as its titles say them: '2009–2015'."""
    return f"{settings.TIMELINE_FIRST_YEAR}–{settings.TIMELINE_LAST_YEAR}"


def name() -> str:
    """The site's name in the active language (the pages' own msgid, so translated once)."""
    return gettext("Japan–South Korea security dialogue, %(span)s") % {"span": span()}


def origin(request: HttpRequest) -> str:
    """DJANGO_SITE_URL when set (production); else the request's own scheme and host, which the
    page cache then keys on (see pagecache.page_key). A host the site does not serve gives no
    origin: its request is answered 400, on a page of relative links."""
    if settings.SITE_URL:
        return settings.SITE_URL
    try:
        return f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return ""


def absolute(request: HttpRequest, path: str) -> str:
    return path if path.startswith(("http://", "https://")) else origin(request) + path


def context(request: HttpRequest) -> dict:
    """Template context: `origin`, for canonical links and social cards; the timeline's years
    (`span`, `first_year`, `last_year`) for titles, never written into a template."""
    return {
        "origin": origin(request),
        "span": span(),
        "first_year": settings.TIMELINE_FIRST_YEAR,
        "last_year": settings.TIMELINE_LAST_YEAR,
    }
