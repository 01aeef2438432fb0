"""Public pages. Each renders in full for a plain request, or just the region an HTMX request
targets; never a partial for a history-restore request, which needs the whole page."""

from __future__ import annotations

from collections import Counter

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from dialogue import selectors
from dialogue.forms import TimelineFilterForm
from dialogue.passages import annotate, passage_in_context, text_fragment_url
from dialogue.timeline import Window, bands, place


def render_page(
    request: HttpRequest, template: str, context: dict, *, partials: tuple[str, ...] = ()
) -> HttpResponse:
    """Render the page, or the partial named like the element an HTMX request targets."""
    name = template
    target = htmx_target(request)
    if target in partials:
        name = f"{template}#{target}"
    response = render(request, name, context)
    patch_vary_headers(response, ("HX-Request", "HX-Target", "HX-History-Restore-Request"))
    return response


def htmx_target(request: HttpRequest) -> str | None:
    if request.htmx and not request.htmx.history_restore_request:
        return request.htmx.target
    return None


def _state(form: TimelineFilterForm) -> QueryDict:
    """The valid filters as a query string, so links carry the view along and drop bad values."""
    state = QueryDict(mutable=True)
    filters = form.filters()
    if filters.get("year"):
        state["year"] = str(filters["year"])
    for name in ("actor", "topic"):
        if filters.get(name):
            state.setlist(name, [obj.slug for obj in filters[name]])
    if filters.get("status"):
        state.setlist("status", filters["status"])
    return state


def _detail_context(event) -> dict:
    passages = []
    for citation in event.citations.all():
        before, quote, after = passage_in_context(
            citation.source.body, citation.start, citation.end
        )
        passages.append(
            {
                "citation": citation,
                "before": before,
                "quote": quote,
                "after": after,
                "original": text_fragment_url(citation.source.url, quote),
            }
        )
    return {"event": event, "passages": passages}


def _timeline_page(request: HttpRequest, selected=None) -> HttpResponse:
    form = TimelineFilterForm(request.GET)
    form.is_valid()
    filters = form.filters()
    context = {"form": form, "state": _state(form), "problems": form.problems()}
    if selected is not None:
        context |= _detail_context(selected)
    if htmx_target(request) == "detail":
        return render_page(request, "dialogue/timeline.html", context, partials=("detail",))

    window = Window.for_year(filters.get("year"))
    events = selectors.timeline_events(user=request.user, filters=filters)
    overview = Window.for_year(None)
    shown = [e for e in events if window.overlaps(e.date_lower, e.date_upper)]
    numbers = {event.pk: n for n, event in enumerate(shown, start=1)}
    marks, lanes = place(window, shown, numbers)
    year_counts = Counter(
        year
        for e in events
        for year in range(
            max(e.date_lower.year, overview.start.year),
            min(e.date_upper.year, overview.end.year) + 1,
        )
    )
    context |= {
        "window": window,
        "ticks": window.ticks(),
        "marks": marks,
        "lanes": lanes,
        "bands": bands(window, selectors.periods()),
        "events": shown,
        "earlier": [e for e in events if e.date_upper < overview.start] if not window.year else [],
        "later": [e for e in events if e.date_lower > overview.end] if not window.year else [],
        "years": [
            {"year": y, "count": year_counts.get(y, 0)}
            for y in range(overview.start.year, overview.end.year + 1)
        ],
        "total": sum(overview.overlaps(e.date_lower, e.date_upper) for e in events),
    }
    return render_page(
        request, "dialogue/timeline.html", context, partials=("detail", "timeline-region")
    )


@require_GET
def timeline(request: HttpRequest) -> HttpResponse:
    return _timeline_page(request)


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event, renamed = selectors.event_for_slug(user=request.user, slug=slug)
    if renamed:
        query = request.GET.urlencode()
        response = redirect("dialogue:event-detail", slug=renamed, permanent=True)
        response["Location"] += f"?{query}" if query else ""
        return response
    if event is None:
        raise Http404("No event has this address.")
    return _timeline_page(request, selected=event)


@require_GET
def source_list(request: HttpRequest) -> HttpResponse:
    return render_page(request, "dialogue/source_list.html", {"sources": selectors.sources()})


@require_GET
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = selectors.source_with_citations(user=request.user, slug=slug)
    if source is None:
        raise Http404("No source has this address.")
    citations = list(source.citations.all())
    numbers = {}
    for citation in citations:
        numbers.setdefault(citation.event_id, len(numbers) + 1)
    for citation in citations:
        citation.number = numbers[citation.event_id]
    cited_events = {c.event_id: c for c in citations}.values()
    context = {
        "source": source,
        "paragraphs": annotate(source.body, citations),
        "cited": sorted(cited_events, key=lambda c: c.number),
    }
    return render_page(request, "dialogue/source_detail.html", context)


@require_GET
def actor_list(request: HttpRequest) -> HttpResponse:
    return render_page(request, "dialogue/actor_list.html", {"actors": selectors.actors()})


@require_GET
def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor, participations = selectors.actor_with_events(user=request.user, slug=slug)
    if actor is None:
        raise Http404("No actor has this address.")
    return render_page(
        request, "dialogue/actor_detail.html", {"actor": actor, "participations": participations}
    )
