"""Small builders for test data: each makes a valid object, overridable by keyword."""

from itertools import count

from dialogue.models import Actor, Citation, Event, Source

_n = count(1)

BODY = (
    "Japan and South Korea agreed on Monday to meet again.\n\n"
    "The talks were last held in December 2009. The talks were frank."
)


def make_source(**kw) -> Source:
    n = next(_n)
    fields = {
        "slug": f"source-{n}",
        "title": f"Source {n}",
        "outlet": "The Test Times",
        "published_on": "2015-04-05",
        "body": BODY,
    }
    return Source.objects.create(**(fields | kw))


def make_event(**kw) -> Event:
    n = next(_n)
    fields = {
        "slug": f"event-{n}",
        "title": f"Event {n}",
        "edtf": "2015-04",
        "kind": Event.Kind.MEETING,
        "status": Event.Status.OCCURRED,
        "is_published": True,
    }
    return Event.objects.create(**(fields | kw))


def make_actor(**kw) -> Actor:
    n = next(_n)
    return Actor.objects.create(
        **({"slug": f"actor-{n}", "name_en": f"Actor {n}", "kind": Actor.Kind.STATE} | kw)
    )


def cite(event: Event, source: Source, quote: str) -> Citation:
    start = source.body.index(quote)
    return Citation.objects.create(
        event=event, source=source, exact=quote, start=start, end=start + len(quote)
    )
