"""Template tags for the site's languages: the canonical address with its alternates in the
other languages, the language switcher, content shown in English where untranslated, and an
actor's names in the other scripts."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from dialogue import languages, markup, site

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical(context, path: str) -> str:
    """<link rel=canonical> to `path` (this language's address), and its alternates: the same
    page in each language (hreflang), English as the default for everyone else."""
    request = context["request"]
    links = [("canonical", "", path)]
    for code in languages.CODES:
        if other := languages.address_in(path, code):
            links.append(("alternate", code, other))
            if code == settings.LANGUAGE_CODE:
                links.append(("alternate", "x-default", other))
    return format_html_join(
        "\n  ",
        '<link rel="{}"{} href="{}">',
        (
            (rel, format_html(' hreflang="{}"', code) if code else "", site.absolute(request, p))
            for rel, code, p in links
        ),
    )


SWITCHER = '<nav id="languages" class="languages" aria-label="{}"{}>\n  <ul>{}\n  </ul>\n</nav>\n'
LANGUAGE = '\n    <li><a href="{}" lang="{}" hreflang="{}"{}>{}</a></li>'


@register.simple_tag(takes_context=True)
def language_switcher(context, oob: bool = False) -> SafeString:
    """The page in each language (its address there, the query kept: window, filters, open
    event), by way of the view that remembers the choice. `oob` for an HTMX partial's copy,
    swapped in out of band so the links follow the address htmx pushed. (Written here, not as
    an included template: it is on every page.)"""
    here = context["request"].get_full_path()
    current = get_language()
    choices = (
        (
            reverse("choose-language", args=[code])
            + "?"
            + urlencode({"next": languages.address_in(here, code) or here}),
            code,
            code,
            mark_safe(' aria-current="true"') if code == current else "",
            name,
        )
        for code, name in settings.LANGUAGES
    )
    return markup.format_html(
        SWITCHER,
        gettext("Language"),
        mark_safe(' data-hx-swap-oob="true"') if oob else "",
        markup.format_html_join("", LANGUAGE, choices),
    )


@register.filter
def translated(obj, field: str) -> str:
    """The field in the page's language; where it has no translation, the English text marked
    lang="en" with a visible note that it is in English. (Lists and the axis show it for each
    event: markup's format_html.)"""
    value = languages.localized(obj, field)
    if not value.is_fallback:
        return markup.format_html("{}", value.text)
    if not value.text:
        return ""
    return markup.format_html(
        '<span lang="en">{}</span> <small class="untranslated">{}</small>',
        value.text,
        gettext("(in English)"),
    )


@register.filter
def translated_text(obj, field: str) -> str:
    """The same, as plain text, for where no markup may go (attributes, titles): the page's
    language, or English."""
    return languages.localized(obj, field).text


@register.filter
def other_names(actor) -> list[dict]:
    """The actor's names in the site's languages other than the one `translated:"name"` shows
    (the heading's): English and Korean on a Japanese page, each with its language."""
    shown = languages.localized(actor, "name").lang
    return [
        {"lang": code, "name": name}
        for code in languages.CODES
        if code != shown and (name := getattr(actor, f"name_{code}", ""))
    ]
