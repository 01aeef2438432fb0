"""Events in formats other tools read: CSV, JSON, TimelineJS, iCalendar. Each carries its
citations (source, URL, quote). Records use stable numeric ids; slugs may change, ids don't.

Each is in the language of its address (/ja/export/…, /ko/export/…, English without a prefix):
the translated text where there is one, else the English, and each format says which is which
(the JSON's `untranslated`, Atom's xml:lang, iCalendar's LANGUAGE, a lang attribute in
TimelineJS's HTML, the CSV's untranslated column). Keys, codes and column order never change."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext, pgettext_lazy
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from dialogue import dates, languages, site

SCHEMA_PATH = "/schema/events.json"
SCHEMA_FILE = Path(__file__).parent / "schemas" / "events.schema.json"


def language() -> str:
    """The response's language as a BCP 47 tag: the address's ("ja" under /ja/, "en" without a
    prefix)."""
    return translation.get_language() or settings.LANGUAGE_CODE


def texts(obj, **fields: str) -> dict:
    """Translated text as the JSON export and the API give it: key=field, each field's text in
    the response's language, and `untranslated`, the keys whose text is the English for want of
    a translation (a text empty in every language is empty, not untranslated)."""
    record, untranslated = {}, []
    for key, field in fields.items():
        value = languages.localized(obj, field)
        record[key] = value.text
        if value.text and value.is_fallback:
            untranslated.append(key)
    return record | {"untranslated": untranslated}


def language_of(value: languages.Localized) -> str:
    """The language a text is read in: its own, or the response's when it is empty."""
    return value.lang if value.text else language()


def _absolute(request, path: str) -> str:
    return site.absolute(request, path)


def _where(request, source) -> str:
    """The article's own address, or its page here when it has none."""
    return source.url or _absolute(request, source.get_absolute_url())


def outlet_fields(source) -> dict:
    """Whose report an article is, as exports and the API say it: the outlet's name and
    country (ISO 3166 alpha-3; "" for an international agency) and the agency carried ("")."""
    return {
        "outlet": source.outlet.name,
        "outlet_country": source.outlet.country,
        "agency": source.agency.name if source.agency else "",
    }


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
            **outlet_fields(source),
            "published_on": source.published_on.isoformat(),
            "url": source.url or None,
            "page": _absolute(request, source.get_absolute_url()),
        },
    }


def event_record(request, event) -> dict:
    """One event as the JSON export and the API give it (see schemas/events.schema.json): its
    text in the response's `language`, each object naming the keys it gives in English."""
    return {
        "id": event.pk,
        "slug": event.slug,
        "url": _absolute(request, event.get_absolute_url()),
        "language": language(),
        **texts(event, title="title", summary="summary"),
        "date": {
            "edtf": event.edtf,
            "display": event.date_display,
            "precision": event.precision,
            "uncertain": event.is_uncertain,
            "earliest": event.date_lower.isoformat(),
            "latest": event.date_upper.isoformat(),
            **texts(event, derivation="date_derivation"),
        },
        "status": event.status,
        "kind": event.kind,
        "plover": dict(zip(("type", "mode"), (v or None for v in event.plover), strict=True)),
        "topics": [t.slug for t in event.topics.all()],
        "actors": [
            {"id": p.actor.pk, "slug": p.actor.slug, **texts(p.actor, name="name"), "role": p.role}
            for p in event.participations.all()
        ],
        "citations": [citation_record(request, c) for c in event.citations.all()],
        "annotations": _absolute(request, reverse("dialogue:event-annotations", args=[event.slug])),
        "updated_at": event.updated_at.isoformat(),
    }


def as_json(request, events) -> dict:
    return {
        "$schema": _absolute(request, SCHEMA_PATH),
        "language": language(),
        "title": site.name(),
        "generated_at": timezone.now().isoformat(),
        "count": len(events),
        "events": [event_record(request, e) for e in events],
    }


# The CSV's columns, by name, in their order; the header row gives each name in the response's
# language (English: the name itself), so the order is what stays the same in every language.
CSV_HEADINGS = {
    "id": pgettext_lazy("CSV column", "id"),
    "slug": pgettext_lazy("CSV column", "slug"),
    "url": pgettext_lazy("CSV column", "url"),
    "title": pgettext_lazy("CSV column", "title"),
    "date_edtf": pgettext_lazy("CSV column", "date_edtf"),
    "date_display": pgettext_lazy("CSV column", "date_display"),
    "earliest": pgettext_lazy("CSV column", "earliest"),
    "latest": pgettext_lazy("CSV column", "latest"),
    "precision": pgettext_lazy("CSV column", "precision"),
    "status": pgettext_lazy("CSV column", "status"),
    "kind": pgettext_lazy("CSV column", "kind"),
    "actors": pgettext_lazy("CSV column", "actors"),
    "topics": pgettext_lazy("CSV column", "topics"),
    "summary": pgettext_lazy("CSV column", "summary"),
    "sources": pgettext_lazy("CSV column", "sources"),
    "quotes": pgettext_lazy("CSV column", "quotes"),
    "quotes_under_review": pgettext_lazy("CSV column", "quotes_under_review"),
    "language": pgettext_lazy("CSV column", "language"),
    "untranslated": pgettext_lazy("CSV column", "untranslated"),
    "plover_type": pgettext_lazy("CSV column", "plover_type"),
    "plover_mode": pgettext_lazy("CSV column", "plover_mode"),
}
CSV_COLUMNS = list(CSV_HEADINGS)


def _cell(value):
    """A spreadsheet must not run a cell as a formula: text starting = + - @ gets a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_untranslated(record: dict) -> list[str]:
    """The columns of a row that give English text for want of a translation, by name."""
    names = [key for key in ("title", "summary") if key in record["untranslated"]]
    if any(actor["untranslated"] for actor in record["actors"]):
        names.append("actors")
    return names


def as_csv(request, events) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(str(heading) for heading in CSV_HEADINGS.values())
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
                r["language"],
                "; ".join(_csv_untranslated(r)),
                # The event's PLOVER type and mode (models.Event.PLOVER).
                r["plover"]["type"] or "", r["plover"]["mode"] or "",
            ]
        ))  # fmt: skip
    return out.getvalue()


def _tl_html(value: languages.Localized, element: str = "") -> str:
    """Text as TimelineJS's HTML: escaped, in `element` if given, and marked lang="en" (in a
    span if no element) where it is the English for want of a translation."""
    lang = ' lang="en"' if value.text and value.is_fallback else ""
    if not (element or lang):
        return _html(value.text)
    element = element or "span"
    return f"<{element}{lang}>{_html(value.text)}</{element}>"


def _tl_text(request, event) -> str:
    quotes = "".join(
        f"<blockquote>{_html(c.exact)}</blockquote><p>— "
        f'<a href="{_html(_where(request, c.source))}">'
        f"{_html(c.source.credit)}</a></p>"
        for c in event.citations.all()
    )
    return f"{_tl_html(languages.localized(event, 'summary'), 'p')}{quotes}"


def _html(text: str) -> str:
    return str(escape(text))


def as_timelinejs(request, events, periods) -> dict:
    """The TimelineJS 3 JSON format, precision kept (a month-precise event has no day).

    TimelineJS takes its language (its buttons, its axis's month names) as an option of the page
    that embeds it, not from the data; `language` is the code it wants for this export's (its
    locale files are named en, ja, ko), for that page to pass on:
    `new TL.Timeline(element, data, {language: data.language})`. TimelineJS ignores the key."""
    items = []
    for event in events:
        start, end = dates.timelinejs(event.edtf)
        item = {
            "unique_id": event.slug,
            "start_date": start,
            "display_date": event.date_display,
            "text": {
                "headline": _tl_html(languages.localized(event, "title")),
                "text": _tl_text(request, event),
            },
            "group": event.get_status_display(),
        }
        if end:
            item["end_date"] = end
        items.append(item)
    return {
        "language": language(),
        "title": {
            "text": {
                "headline": _html(site.name()),
                "text": _html(gettext("Every event cites its passage.")),
            }
        },
        "events": items,
        "eras": [_tl_era(p) for p in periods],
    }


def _tl_era(period) -> dict:
    start, end = dates.timelinejs(period.edtf)
    # an era needs both ends, even when the period is a single year or month
    headline = _tl_html(languages.localized(period, "name"))
    return {"start_date": start, "end_date": end or start, "text": {"headline": headline}}


def as_ical(request, events) -> bytes:
    """All-day calendar entries spanning each event's whole date: a month-precise event covers
    the month, not its first day. SUMMARY and DESCRIPTION say their language (LANGUAGE=en where
    the event's title or summary has no translation)."""
    calendar = Calendar()
    calendar.add("prodid", "-//dialogue timeline//EN")
    calendar.add("version", "2.0")
    # RFC 7986's NAME says its language; X-WR-CALNAME is the name most calendar apps read.
    calendar.add("name", site.name(), parameters={"LANGUAGE": language()})
    calendar.add("x-wr-calname", site.name())
    host = urlsplit(site.origin(request)).netloc
    stamp = timezone.now()
    for event in events:
        title = languages.localized(event, "title")
        summary = languages.localized(event, "summary")
        derivation = languages.localized(event, "date_derivation")
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.pk}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("summary", title.text, parameters={"LANGUAGE": language_of(title)})
        start, end = dates.ical(event.edtf)
        entry.add("dtstart", start)
        entry.add("dtend", end)
        entry.add("url", _absolute(request, event.get_absolute_url()))
        entry.add(
            "status",
            {"cancelled": "CANCELLED", "occurred": "CONFIRMED"}.get(event.status, "TENTATIVE"),
        )
        when = gettext("%(date)s (%(status)s). %(derivation)s") % {
            "date": event.date_display,
            "status": event.get_status_display(),
            "derivation": derivation.text,
        }
        lines = [when, summary.text]
        lines += [c.line for c in event.citations.all()]
        entry.add(
            "description",
            "\n\n".join(line for line in lines if line),
            # the language of its prose, the summary (the passages are in their articles')
            parameters={"LANGUAGE": language_of(summary)},
        )
        calendar.add_component(entry)
    return calendar.to_ical()
