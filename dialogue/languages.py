"""The languages the site speaks: which one a reader wants, the same page's address in another,
and whether a piece of content is in the language of the page or shown in English instead."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

CODES = tuple(code for code, _ in settings.LANGUAGES)


def preferred(request: HttpRequest) -> str:
    """The reader's choice here (the language cookie), else their browser's Accept-Language."""
    return translation.get_language_from_request(request)


def address_in(path: str, code: str) -> str | None:
    """The same page (its query string kept) in another language; None if it has no such page."""
    translated = translate_url(path, code)
    if translated == path and translation.get_language_from_path(path) != code:
        prefix_free = translation.get_language_from_path(path) is None
        return path if prefix_free and code == settings.LANGUAGE_CODE else None
    return translated


@dataclass(frozen=True)
class Localized:
    """A field's text in the page's language, or in English (`lang` says which)."""

    text: str
    lang: str

    @property
    def is_fallback(self) -> bool:
        return self.lang != translation.get_language()


def localized(obj, field: str) -> Localized:
    code = translation.get_language() or settings.LANGUAGE_CODE
    text = getattr(obj, build_localized_fieldname(field, code), None)
    if text:
        return Localized(text, code)
    return Localized(getattr(obj, build_localized_fieldname(field, "en"), None) or "", "en")
