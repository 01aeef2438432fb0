"""“Cite this event”: a ready reference to an event and its sources, in three forms."""

from __future__ import annotations

from datetime import date

from dialogue import dates
from dialogue.site import name as site_name


def _sources(event) -> list:
    seen, sources = set(), []
    for citation in event.citations.all():
        if citation.source_id not in seen:
            seen.add(citation.source_id)
            sources.append(citation.source)
    return sources


def _source_text(source) -> str:
    by = f"{source.byline}, " if source.byline else ""
    url = f", {source.url}" if source.url else ""
    return f"{by}“{source.title},” {source.outlet}, {source.published_on:%-d %B %Y}{url}"


def plain(event, permalink: str, accessed: date) -> str:
    sources = "; ".join(_source_text(s) for s in _sources(event))
    return (
        f"“{event.title}” ({event.date_display}). {site_name()}. {permalink} "
        f"(accessed {accessed:%-d %B %Y}). Sources: {sources}."
    )


def _bib(text: str) -> str:
    for char, escaped in (("\\", r"\textbackslash{}"), ("{", r"\{"), ("}", r"\}"), ("&", r"\&"),
                          ("%", r"\%"), ("$", r"\$"), ("#", r"\#"), ("_", r"\_")):  # fmt: skip
        text = text.replace(char, escaped)
    return text


def bibtex(event, permalink: str, accessed: date) -> str:
    sources = "; ".join(_source_text(s) for s in _sources(event))
    fields = {
        "title": f"{{{_bib(event.title)}}}",
        "howpublished": _bib(site_name().replace("–", "--")),
        "year": str(event.date_lower.year),
        "url": permalink,
        "urldate": accessed.isoformat(),
        "note": _bib(f"Event dated {event.date_display}. Sources: {sources}"),
    }
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
    return f"@misc{{dialogue-{event.slug},\n{body}\n}}"


def csl_json(event, permalink: str, accessed: date, source_url) -> list[dict]:
    """CSL-JSON items: the event as a web page, then each source as a newspaper article."""
    items = [
        {
            "id": f"dialogue-event-{event.pk}",
            "type": "webpage",
            "title": event.title,
            "container-title": site_name(),
            "URL": permalink,
            "issued": {"date-parts": dates.csl_parts(event.edtf)},
            "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
            "note": f"Event dated {event.date_display} (EDTF {event.edtf}).",
        }
    ]
    for source in _sources(event):
        item = {
            "id": f"dialogue-source-{source.pk}",
            "type": "article-newspaper",
            "title": source.title,
            "container-title": source.outlet.name,
            "issued": {
                "date-parts": [
                    [source.published_on.year, source.published_on.month, source.published_on.day]
                ]
            },  # fmt: skip
            "URL": source.url or source_url(source),
            "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
        }
        if source.byline:
            item["author"] = [{"literal": source.byline}]
        items.append(item)
    return items
