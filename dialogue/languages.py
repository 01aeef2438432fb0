"""The languages the site speaks: which one a reader wants, the same page's address in another,
and whether a piece of content is in the language of the page or shown in English instead."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, wraps
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, Resolver404, get_script_prefix, resolve, reverse
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

CODES = tuple(code for code, _ in settings.LANGUAGES)


def preferred(request: HttpRequest) -> str:
    """The reader's choice here (the language cookie), else their browser's Accept-Language."""
    return translation.get_language_from_request(request)


def address_in(path: str, code: str) -> str | None:
    """The same page (its query string kept) in another language; None if it has no such page.
    (Django's translate_url, but reading the address in its own language, where translate_url
    reads it in the active one and so can't resolve /ko/… from a Japanese page.)"""
    parsed = urlsplit(path)
    translated = _path_in(parsed.path, code, get_script_prefix())
    return None if translated is None else urlunsplit(("", "", translated, parsed.query, ""))


@lru_cache(maxsize=4096)
def _path_in(path: str, code: str, script_prefix: str) -> str | None:
    """A path in another language (reverse() adds the script prefix: part of the key). Kept,
    as the URLconf doesn't change: every page asks it of its own path six times (the canonical
    links and the language switcher), at some 80 µs each."""
    own = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        with translation.override(own):
            match = resolve(unquote(path))
        with translation.override(code):
            return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except (Resolver404, NoReverseMatch):
        return None


@dataclass(frozen=True)
class Localized:
    """A field's text in the page's language, or in English (`lang` says which; `is_fallback`
    that it is English shown for want of the page's language)."""

    text: str
    lang: str
    is_fallback: bool


def in_language(texts: dict) -> Localized:
    """The text in the page's language from {code: text}, or the English (the one rule for
    what an untranslated field shows)."""
    active = translation.get_language()
    code = active or settings.LANGUAGE_CODE
    if texts.get(code):
        return Localized(texts[code], code, code != active)
    english = settings.LANGUAGE_CODE
    return Localized(texts.get(english) or "", english, english != active)


@lru_cache(maxsize=64)
def _columns(field: str) -> tuple[tuple[str, str], ...]:
    return tuple((code, build_localized_fieldname(field, code)) for code in CODES)


def localized(obj, field: str) -> Localized:
    return in_language({code: getattr(obj, column, None) for code, column in _columns(field)})


def per_language(words):
    """Keep what a function says, by its arguments and the page's language: pages say the
    same weeks, windows and counts again and again (the axis, its density, the filters)."""

    @lru_cache(maxsize=8192)
    def kept(language: str, *args) -> str:
        return words(*args)

    @wraps(words)
    def said(*args) -> str:
        return kept(translation.get_language(), *args)

    return said
