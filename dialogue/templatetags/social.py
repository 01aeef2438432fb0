"""What a link shared on another site shows: Open Graph and Twitter meta, made in base.html from
what the page already says (its title, description and canonical link)."""

from __future__ import annotations

import html
import re

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html_join, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, gettext_noop

from dialogue import languages, site

register = template.Library()

OG_LOCALES = {"en": "en_GB", "ja": "ja_JP", "ko": "ko_KR"}
CARD = "dialogue/social-card.png"  # 1200 × 630, the site's one card
CARD_ALT = gettext_noop(
    "The title “Japan–South Korea Security Dialogue” in English, Japanese and Korean, above a "
    "timeline of %(span)s"
)
# A page's own <link rel> and <meta property|name> tags: its canonical address, and any social
# meta it writes itself, which then wins over the site's.
GIVEN = re.compile(
    r'<(?:link|meta) (?:rel|property|name)="([^"]+)"[^>]*? (?:href|content)="([^"]*)'
)


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        context[self.name] = mark_safe(self.nodelist.render(context))
        return ""


@register.tag
def capture(parser, token):
    """{% capture as name %}…{% endcapture %}: what it renders, kept as `name` to use twice."""
    name = token.split_contents()[-1]
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, name)


def _text(markup: str) -> str:
    return html.unescape(strip_tags(markup)).strip()


@register.simple_tag(takes_context=True)
def social_meta(context, title: str, description: str, head: str) -> SafeString:
    """og:* and twitter:card for the page titled `title`, whose other head tags are `head`:
    og:url is its canonical link; an event's permalink is an article, any other page a
    website; the image is the site's card."""
    request = context.get("request")
    if request is None:
        return mark_safe("")
    given = {}
    for key, value in GIVEN.findall(head):
        given.setdefault(key, html.unescape(value))
    match = request.resolver_match
    permalink = match is not None and match.view_name == "dialogue:event-detail"
    language = get_language() or settings.LANGUAGE_CODE
    tags = [
        ("og:site_name", site.name()),
        ("og:type", "article" if permalink else "website"),
        ("og:title", _text(title)),
        ("og:description", _text(description)),
        ("og:url", given.get("canonical")),
        ("og:locale", OG_LOCALES[language]),
        *(("og:locale:alternate", OG_LOCALES[c]) for c in languages.CODES if c != language),
        ("og:image", site.absolute(request, static(CARD))),
        ("og:image:type", "image/png"),
        ("og:image:width", "1200"),
        ("og:image:height", "630"),
        ("og:image:alt", gettext(CARD_ALT) % {"span": site.span()}),
        ("twitter:card", "summary_large_image"),
    ]
    return format_html_join(
        "\n  ",
        '<meta {}="{}" content="{}">',
        (
            ("name" if key.startswith("twitter:") else "property", key, value)
            for key, value in tags
            if value and key not in given
        ),
    )
