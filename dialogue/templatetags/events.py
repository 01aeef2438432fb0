"""One event in a list, on every page that lists events: `{% load events %}` then
`{% event_item e %}`, or `{% event_items events %}` for a whole list. Written with format_html
rather than as an included template: a timeline page lists up to 28 events, and an include
cost about 0.2 ms each."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from dialogue.markup import format_html, format_html_join
from dialogue.models import Event
from dialogue.templatetags.languages import translated

register = template.Library()

ITEM = (
    '<li class="event-item{}" id="event-{}">\n'
    '  <a class="event-item__link" href="{}"{}{}>\n'
    '    <time class="event-item__date" datetime="{}">{}</time>\n'
    '    <span class="event-item__title">{}</span>\n'
    "    {}\n"
    "  </a>\n"
    "  {}\n"
    "  {}\n"
    "</li>\n"
)
STATUSES = dict(Event.Status.choices)


@register.simple_tag
def event_item(e, *, selected=None, htmx=False, sources=False, role="") -> SafeString:
    """The event `e`, linked to its .link (else its permalink): marked if it is the open event
    (`selected`); with `htmx`, the link loads it into the page; a `role` (an actor's page)
    instead of its status; with `sources`, its passages (.cited, as selectors.timeline reads
    them), which only print shows; its search .snippet and, on the comparison page, what its
    reports .differs in."""
    url = getattr(e, "link", "") or e.get_absolute_url()
    chosen = getattr(selected, "pk", None) == e.pk
    snippet = getattr(e, "snippet", "")
    notes = [format_html('<span class="snippet">{}</span>', snippet)] if snippet else []
    if differs := getattr(e, "differs", ""):  # the comparison page: where the reports differ
        notes.append(format_html('<span class="differs">{}</span>', differs))
    if role:
        state = format_html('<span class="role">{}</span>', role)
    else:
        state = format_html(
            '<span class="status status--{}">{}</span>', e.status, STATUSES.get(e.status, e.status)
        )
    passages = ""
    if sources:
        lines = ((c.source.language, c.line) for c in e.cited)
        passages = format_html(
            '\n  <ul class="print-only sources-print">{}</ul>',
            format_html_join("", '<li lang="{}">{}</li>', lines),
        )
    return format_html(
        ITEM,
        mark_safe(" event-item--selected") if chosen else "",
        e.slug,
        url,
        format_html(' data-hx-get="{}"', url) if htmx else "",
        mark_safe(' aria-current="true"') if chosen else "",
        e.date_machine,
        e.date_display,
        translated(e, "title"),
        SafeString("".join(notes)),
        state,
        passages,
    )


@register.simple_tag
def event_items(events, *, selected=None, htmx=False, sources=False) -> SafeString:
    """A list's events, each an event_item: a template loop calling the tag for each costs as
    much again."""
    return SafeString(
        "".join(event_item(e, selected=selected, htmx=htmx, sources=sources) for e in events)
    )
