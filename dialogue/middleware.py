"""Response headers, plain error pages (503 while the database is away), a cap on staff
sessions."""

from __future__ import annotations

import ipaddress
import logging
import re
import sys
import time
from urllib.parse import urlsplit

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth import logout
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseRedirect
from django.middleware import locale
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers

from dialogue import languages

log = logging.getLogger(__name__)


class ContentSecurityPolicy(CSPMiddleware):
    """django-csp's middleware with the site's policy (settings.CONTENT_SECURITY_POLICY); the
    admin's own templates set a few style attributes, so its pages allow inline style. (Embeds
    widen frame-ancestors with django-csp's decorator, on the view.)"""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith("/admin/"):
            parts.replace = (parts.replace or {}) | {"style-src": [SELF, UNSAFE_INLINE]}
        return parts


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Resource-Policy", "same-site")
        if re.match(settings.CORS_URLS_REGEX, request.path):
            response["Cross-Origin-Resource-Policy"] = "cross-origin"  # public data
        if "Cache-Control" not in response:
            # Said explicitly, or caches guess: an editor's page or one setting a cookie is
            # private; anything else may be kept but must be checked again before reuse.
            user = getattr(request, "user", None)
            private = response.cookies or (user is not None and user.is_authenticated)
            response["Cache-Control"] = (
                "private, no-cache" if private else "public, max-age=0, must-revalidate"
            )
        return response

    return middleware


def server_error(request) -> HttpResponse:
    """handler500: a plain page, no traceback. When the database is what failed, a 503 that says
    so; CONN_HEALTH_CHECKS gives the first request after it is back a fresh connection."""
    exc = sys.exc_info()[1]
    if isinstance(exc, OperationalError | InterfaceError):
        log.error("database unavailable: %s", exc)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
    else:
        response = HttpResponse(render_to_string("500.html"), status=500)
    response["Cache-Control"] = "no-store"
    return response


def staff_session_limit(get_response):
    """Log staff out a fixed time after they logged in, however active they are."""

    def middleware(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.setdefault("logged_in_at", time.time())
            if time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return get_response(request)

    return middleware


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or behind PROXY_COUNT trusted proxies, the address the
    outermost of them saw, which is that many entries from the right of the header each proxy
    appends to (what a client wrote further left is its own say, never trusted).

    Not django-ipware: its proxy count wants exactly that many entries, so a client sending
    its own X-Forwarded-For makes it give up."""
    if settings.PROXY_COUNT:
        hops = request.META.get(settings.CLIENT_IP_HEADER, "").split(",")
        hops = [hop.strip() for hop in hops if hop.strip()]
        if len(hops) >= settings.PROXY_COUNT:
            try:
                return str(ipaddress.ip_address(hops[-settings.PROXY_COUNT]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR", "")


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's: the language is the address's (/ja/…, /ko/…, English without a prefix). The
    admin has no language in its addresses, so there the editor's choice (the language cookie)
    or the browser's Accept-Language decides."""

    def process_request(self, request):
        super().process_request(request)
        if request.path_info.startswith("/admin/"):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()


def first_visit_language(get_response):
    """A reader who wants Japanese or Korean, opening an English page (a shared permalink, the
    home page), is sent to the same page in that language: their choice here (the language
    switcher's cookie), else what their browser asks for (Accept-Language). Pages only: the
    data (exports, feed, API) is in the language its address says, whoever asks."""

    def applies(request) -> bool:
        return (
            translation.get_language_from_path(request.path_info) is None
            and not request.path_info.startswith(("/admin/", "/embed/"))
            and not re.match(settings.CORS_URLS_REGEX, request.path_info)
        )

    def middleware(request):
        if not applies(request):
            return get_response(request)
        wanted = languages.preferred(request)
        if (
            wanted != settings.LANGUAGE_CODE
            and request.method in ("GET", "HEAD")
            and not request.headers.get("HX-Request")
        ):
            target = languages.address_in(request.get_full_path(), wanted)
            # Only pages with an address per language: not the language switch itself.
            if target and urlsplit(target).path != request.path_info:
                response = HttpResponseRedirect(target)
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
        response = get_response(request)
        # The English page is what an English reader, or one who chose English, gets here.
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return middleware
