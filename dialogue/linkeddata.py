"""What the pages say in schema.org's vocabulary, as JSON-LD for search engines and other tools:
an event (Event, with the news articles citing it), an article (NewsArticle) and an actor
(Person, Organization or Country, the same as its Wikidata item)."""

from __future__ import annotations

import json

from django.utils.safestring import SafeString, mark_safe

from dialogue import dates, languages, site
from dialogue.models import Actor, Event, wikidata_page

CONTEXT = "https://schema.org"
# Our statuses as schema.org's: an event that took place is one that kept to its schedule
# (schema.org: "taking place or has taken place on the startDate as scheduled").
STATUSES = {
    Event.Status.PLANNED: "https://schema.org/EventScheduled",
    Event.Status.OCCURRED: "https://schema.org/EventScheduled",
    Event.Status.ONGOING: "https://schema.org/EventScheduled",
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
}
TYPES = {Actor.Kind.PERSON: "Person", Actor.Kind.STATE: "Country"}
# Who organised an event and who attended it, by their role in it (EventActor.Role).
ORGANIZERS = {"host", "initiator"}
ATTENDEES = {"participant", "attendee"}
JOINED = ORGANIZERS | ATTENDEES
# <script> content must not close the element: JSON's own escapes for the characters that could.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script(data: dict) -> SafeString:
    """The data as a <script type="application/ld+json"> element."""
    text = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def _same_as(record) -> dict:
    return {"sameAs": wikidata_page(record.wikidata)} if record.wikidata else {}


def actor(request, a: Actor, *, context: bool = True) -> dict:
    return {
        **({"@context": CONTEXT} if context else {}),
        "@type": TYPES.get(a.kind, "Organization"),
        "@id": site.absolute(request, a.get_absolute_url()),
        "name": languages.localized(a, "name").text,
        "url": site.absolute(request, a.get_absolute_url()),
        **({"alternateName": [n for n in (a.name_en, a.name_ja, a.name_ko) if n]}),
        **_same_as(a),
    }


def _outlet(outlet) -> dict:
    return {"@type": "NewsMediaOrganization", "name": outlet.name, **_same_as(outlet)} | (
        {"url": outlet.url} if outlet.url else {}
    )


def news_article(request, source, *, context: bool = True) -> dict:
    page = site.absolute(request, source.get_absolute_url())
    return {
        **({"@context": CONTEXT} if context else {}),
        "@type": "NewsArticle",
        "@id": page,
        "headline": source.title,
        "datePublished": source.published_on.isoformat(),
        "inLanguage": source.language,
        "publisher": _outlet(source.outlet),
        **({"sourceOrganization": _outlet(source.agency)} if source.agency else {}),
        **({"author": {"@type": "Person", "name": source.byline}} if source.byline else {}),
        "url": source.url or page,
        "mainEntityOfPage": page,
    }


def event(request, e: Event, citations, people, topics) -> dict:
    """`citations` with their sources and outlets, `people` its EventActors with their actors;
    what it is about: its topics, and the actors it concerns (its subject, its objectors)."""
    start, end = dates.start_and_end(e.edtf)
    roles = {
        "organizer": [
            actor(request, p.actor, context=False) for p in people if p.role in ORGANIZERS
        ],
        "attendee": [actor(request, p.actor, context=False) for p in people if p.role in ATTENDEES],
    }
    summary = languages.localized(e, "summary").text
    sources = {c.source_id: c.source for c in citations}.values()
    return {
        "@context": CONTEXT,
        "@type": "Event",
        "@id": site.absolute(request, e.get_absolute_url()),
        "name": languages.localized(e, "title").text,
        **({"description": summary} if summary else {}),
        "startDate": start,
        **({"endDate": end} if end else {}),
        "eventStatus": STATUSES[e.status],
        "url": site.absolute(request, e.get_absolute_url()),
        **{role: actors for role, actors in roles.items() if actors},
        "about": [
            *({"@type": "Thing", "name": languages.localized(t, "name").text} for t in topics),
            *(actor(request, p.actor, context=False) for p in people if p.role not in JOINED),
        ],
        "subjectOf": [news_article(request, s, context=False) for s in sources],
    }
