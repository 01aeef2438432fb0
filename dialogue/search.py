"""Full-text search over events: their titles, summaries, cited passages and actors' names.

Each event keeps a plain-text search document. PostgreSQL searches it with its full-text search
(an expression GIN index, ranking, highlighted snippets); SQLite, which has no such search in
Django, matches every word of the query in it and ranks by how often they occur.
"""

from __future__ import annotations

import re

import numpy as np
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Length, Lower, Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dialogue.eventindex import ids_of

CONFIG = "english"
# Snippets are built with these markers and escaped before they become <mark> tags.
OPEN, CLOSE = "\u0002", "\u0003"


def document(event, citations, actors) -> str:
    """The text an event is found by."""
    parts = [event.title, event.summary]
    parts += [c.exact for c in citations]
    for actor in actors:
        parts += [actor.name_en, actor.name_ja, actor.name_ko, *actor.alias_list]
    return "\n".join(p for p in parts if p)


def _vector():
    return SearchVector("search_document", config=CONFIG)


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def uses_database_snippets() -> bool:
    """PostgreSQL writes the snippets itself; elsewhere they are cut from the search document."""
    return _postgres()


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text) if len(w) > 1 or not w.isascii()][:12]


def matching(events: QuerySet, text: str) -> QuerySet:
    """The events that match the query, as a queryset (for counting and filtering)."""
    if _postgres():
        return events.alias(search=_vector()).filter(
            search=SearchQuery(text, config=CONFIG, search_type="websearch")
        )
    condition = Q()
    for word in _words(text):
        condition &= Q(search_document__icontains=word)
    return events.filter(condition) if condition else events.none()


def _render(snippet: str) -> SafeString:
    return mark_safe(escape(snippet).replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))


def with_rank(events: QuerySet, text: str) -> QuerySet:
    """The matching events annotated with .rank (higher is better)."""
    found = matching(events, text)
    if _postgres():
        query = SearchQuery(text, config=CONFIG, search_type="websearch")
        return found.annotate(rank=SearchRank(_vector(), query))
    # SQLite: how often the query's words occur, per kilobyte of document.
    doc = Lower("search_document")
    occurrences = Value(0.0)
    for word in _words(text):
        w = Value(word.lower())
        occurrences += (Length(doc) - Length(Replace(doc, w, Value("")))) * 1.0 / Length(w)
    return found.annotate(rank=occurrences * 1000.0 / (Length(doc) + 500))


def ranked_ids(events: QuerySet, text: str):
    """The ids of the events matching the query, best first, then oldest (a NumPy array)."""
    ranked = ids_of(with_rank(events, text).order_by("-rank", "date_lower", "pk"), ordered=True)
    # A base set made by joins (a pair of actors, one of them in two roles) repeats an event:
    # each once, at its best place.
    _, first = np.unique(ranked, return_index=True)
    return ranked[np.sort(first)]


def add_snippets(events: list, text: str) -> None:
    """Give each event of a page a highlighted .snippet saying why it matched."""
    if not events:
        return
    if _postgres():
        query = SearchQuery(text, config=CONFIG, search_type="websearch")
        headlines = dict(
            events[0]
            .__class__.objects.filter(pk__in=[e.pk for e in events])
            .annotate(
                headline=SearchHeadline(
                    "search_document",
                    query,
                    config=CONFIG,
                    start_sel=OPEN,
                    stop_sel=CLOSE,
                    max_words=24,
                    min_words=8,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
            .values_list("pk", "headline")
        )
        for event in events:
            event.snippet = _render(headlines.get(event.pk, ""))
        return
    pattern = re.compile("|".join(re.escape(w) for w in _words(text)), re.IGNORECASE)
    for event in events:
        doc = event.search_document
        hit = pattern.search(doc)
        first = hit.start() if hit else 0
        start, end = max(0, first - 60), min(len(doc), first + 120)
        window = doc[start:end].replace("\n", " · ")
        marked = pattern.sub(lambda m: f"{OPEN}{m.group(0)}{CLOSE}", window)
        event.snippet = _render(("… " if start else "") + marked + (" …" if end < len(doc) else ""))
