"""The languages the site speaks: which one a reader wants, the same page's address in another,
and whether a piece of content is in the language of the page or shown in English instead."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
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
    own = translation.get_language_from_path(parsed.path) or settings.LANGUAGE_CODE
    try:
        with translation.override(own):
            match = resolve(unquote(parsed.path))
        with translation.override(code):
            translated = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except (Resolver404, NoReverseMatch):
        return None
    return urlunsplit(("", "", translated, parsed.query, ""))


@dataclass(frozen=True)
class Localized:
    """A field's text in the page's language, or in English (`lang` says which)."""

    text: str
    lang: str

    @property
    def is_fallback(self) -> bool:
        return self.lang != translation.get_language()


def in_language(texts: dict) -> Localized:
    """The text in the page's language from {code: text}, or the English (the one rule for
    what an untranslated field shows)."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    if texts.get(code):
        return Localized(texts[code], code)
    return Localized(texts.get(settings.LANGUAGE_CODE) or "", settings.LANGUAGE_CODE)


def localized(obj, field: str) -> Localized:
    return in_language(
        {code: getattr(obj, build_localized_fieldname(field, code), None) for code in CODES}
    )
