"""Events in formats other tools read: CSV, JSON, TimelineJS, iCalendar. Each carries its
citations (source, URL, quote). Records use stable numeric ids; slugs may change, ids don't."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.html import escape
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from dialogue import dates, site

SCHEMA_PATH = "/schema/events.json"
SCHEMA_FILE = Path(__file__).parent / "schemas" / "events.schema.json"


def _absolute(request, path: str) -> str:
    return site.absolute(request, path)


def _where(request, source) -> str:
    """The article's own address, or its page here when it has none."""
    return source.url or _absolute(request, source.get_absolute_url())


def citation_record(request, citation) -> dict:
    source = citation.source
    return {
        "id": citation.pk,
        "quote": citation.exact,
        "start": citation.start,
        "end": citation.end,
        "prefix": citation.prefix,
        "suffix": citation.suffix,
        "needs_review": citation.needs_review,
        "url": _absolute(request, citation.get_absolute_url()),
        "source": {
            "id": source.pk,
            "slug": source.slug,
            "title": source.title,
            "outlet": source.outlet,
            "published_on": source.published_on.isoformat(),
            "url": source.url or None,
            "page": _absolute(request, source.get_absolute_url()),
        },
    }


def event_record(request, event) -> dict:
    """One event as the JSON export and the API give it (see static/schema/events.json)."""
    return {
        "id": event.pk,
        "slug": event.slug,
        "url": _absolute(request, event.get_absolute_url()),
        "title": event.title,
        "summary": event.summary,
        "date": {
            "edtf": event.edtf,
            "display": event.date_display,
            "precision": event.precision,
            "uncertain": event.is_uncertain,
            "earliest": event.date_lower.isoformat(),
            "latest": event.date_upper.isoformat(),
            "derivation": event.date_derivation,
        },
        "status": event.status,
        "kind": event.kind,
        "topics": [t.slug for t in event.topics.all()],
        "actors": [
            {"id": p.actor.pk, "slug": p.actor.slug, "name": p.actor.name_en, "role": p.role}
            for p in event.participations.all()
        ],
        "citations": [citation_record(request, c) for c in event.citations.all()],
        "updated_at": event.updated_at.isoformat(),
    }


def as_json(request, events) -> dict:
    return {
        "$schema": _absolute(request, SCHEMA_PATH),
        "title": site.name(),
        "generated_at": timezone.now().isoformat(),
        "count": len(events),
        "events": [event_record(request, e) for e in events],
    }


CSV_COLUMNS = [
    "id", "slug", "url", "title", "date_edtf", "date_display", "earliest", "latest",
    "precision", "status", "kind", "actors", "topics", "summary", "sources", "quotes",
    "quotes_under_review",
]  # fmt: skip


def _cell(value):
    """A spreadsheet must not run a cell as a formula: text starting = + - @ gets a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def as_csv(request, events) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for event in events:
        r = event_record(request, event)
        writer.writerow(map(_cell,
            [
                r["id"], r["slug"], r["url"], r["title"], r["date"]["edtf"],
                r["date"]["display"], r["date"]["earliest"], r["date"]["latest"],
                r["date"]["precision"], r["status"], r["kind"],
                "; ".join(a["name"] for a in r["actors"]),
                "; ".join(r["topics"]),
                r["summary"],
                " | ".join(f"{c.source.credit}, {_where(request, c.source)}"
                           for c in event.citations.all()),
                " | ".join(c["quote"] for c in r["citations"]),
                # Passages whose article was corrected and which an editor has yet to check.
                sum(c["needs_review"] for c in r["citations"]),
            ]
        ))  # fmt: skip
    return out.getvalue()


def _tl_text(request, event) -> str:
    quotes = "".join(
        f"<blockquote>{_html(c.exact)}</blockquote><p>— "
        f'<a href="{_html(_where(request, c.source))}">'
        f"{_html(c.source.credit)}</a></p>"
        for c in event.citations.all()
    )
    return f"<p>{_html(event.summary)}</p>{quotes}"


def _html(text: str) -> str:
    return str(escape(text))


def as_timelinejs(request, events, periods) -> dict:
    """The TimelineJS 3 JSON format, precision kept (a month-precise event has no day)."""
    items = []
    for event in events:
        start, end = dates.timelinejs(event.edtf)
        item = {
            "unique_id": event.slug,
            "start_date": start,
            "display_date": event.date_display,
            "text": {"headline": _html(event.title), "text": _tl_text(request, event)},
            "group": event.get_status_display(),
        }
        if end:
            item["end_date"] = end
        items.append(item)
    return {
        "title": {"text": {"headline": site.name(), "text": "Every event cites its passage."}},
        "events": items,
        "eras": [_tl_era(p) for p in periods],
    }


def _tl_era(period) -> dict:
    start, end = dates.timelinejs(period.edtf)
    # an era needs both ends, even when the period is a single year or month
    return {"start_date": start, "end_date": end or start, "text": {"headline": _html(period.name)}}


def as_ical(request, events) -> bytes:
    """All-day calendar entries spanning each event's whole date: a month-precise event covers
    the month, not its first day."""
    calendar = Calendar()
    calendar.add("prodid", "-//dialogue timeline//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", site.name())
    host = urlsplit(site.origin(request)).netloc
    stamp = timezone.now()
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.pk}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("summary", event.title)
        start, end = dates.ical(event.edtf)
        entry.add("dtstart", start)
        entry.add("dtend", end)
        entry.add("url", _absolute(request, event.get_absolute_url()))
        entry.add(
            "status",
            {"cancelled": "CANCELLED", "occurred": "CONFIRMED"}.get(event.status, "TENTATIVE"),
        )
        lines = [
            f"{event.date_display} ({event.get_status_display()}). {event.date_derivation}",
            event.summary,
        ]
        lines += [c.line for c in event.citations.all()]
        entry.add("description", "\n\n".join(line for line in lines if line))
        calendar.add_component(entry)
    return calendar.to_ical()
