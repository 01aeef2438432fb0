"""Public pages. Each renders in full for a plain request, or just the region an HTMX request
targets; never a partial for a history-restore request, which needs the whole page."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
    QueryDict,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from dialogue import (
    annotations,
    citing,
    comparing,
    exports,
    languages,
    linkeddata,
    markup,
    selectors,
    site,
)
from dialogue.models import Event
from dialogue.pagecache import VARY, public_page, read_only
from dialogue.passages import annotate, passage_in_context, text_fragment_url
from dialogue.query import EventQuery
from dialogue.templatetags.languages import translated
from dialogue.timeline import FIRST, LAST, Window, axis_svg, density_svg, layout


def render_page(
    request: HttpRequest, template: str, context: dict, *, partials: tuple[str, ...] = ()
) -> HttpResponse:
    """Render the page, or the partial named like the element an HTMX request targets; a
    partial also carries what it updates out of band (`oob`: the announcer, the switcher)."""
    name = template
    target = htmx_target(request)
    if target in partials:
        name = f"{template}#{target}"
        context = context | {"oob": True}
    response = render(request, name, context)
    patch_vary_headers(response, VARY)
    return response


def event_or_redirect(request: HttpRequest, slug: str, url_name: str):
    """The event a slug names (None if none), or a 301 from an old slug to the current one at
    the same kind of address (`url_name`), its query kept: links shared before a rename work."""
    event, renamed = selectors.event_for_slug(user=request.user, slug=slug)
    if not renamed:
        return event, None
    query = request.GET.urlencode()
    location = reverse(url_name, kwargs={"slug": renamed}) + (f"?{query}" if query else "")
    return None, HttpResponsePermanentRedirect(location)


def _event_or_404(request: HttpRequest, slug: str, url_name: str):
    """event_or_redirect for a page: an address no event has, old or current, is a 404."""
    event, moved = event_or_redirect(request, slug, url_name)
    if event is None and moved is None:
        raise Http404(gettext("No event has this address."))
    return event, moved


def _source_or_404(request: HttpRequest, slug: str):
    """The source at this address with its citations, as this user may see them, else a 404."""
    source = selectors.source_with_citations(user=request.user, slug=slug)
    if source is None:
        raise Http404(gettext("No source has this address."))
    return source


def _linker(url_name: str, query: EventQuery):
    """A function giving an event's address of this kind with the view's filters carried along.
    The path is reversed once: reverse() costs about 0.1 ms, and a page links up to 225 events
    (list, context, marks)."""
    path = reverse(url_name, args=["-"]).removesuffix("-/")
    carried = query.state.urlencode()
    carried = f"?{carried}" if carried else ""
    return lambda event: f"{path}{event.slug}/{carried}"


WINDOW_PARAMS = ("year", "from", "to", "after", "page")


def _window_linker(state: QueryDict, path: str):
    """A function giving the address of the timeline at another window, the view's filters
    (`state`) kept: `?year=Y` for a calendar year, `?from=…&to=…` for any other window,
    nothing for the whole span (the address site.js adds its dragged windows to). The filters
    are encoded once: a page links some 80 windows (zoom, years, clusters)."""
    state = state.copy()
    for name in WINDOW_PARAMS:
        state.pop(name, None)
    kept = state.urlencode()

    def at(window: Window) -> str:
        if window.year:
            moved = f"year={window.year}"
        elif not window.is_overview:
            moved = f"from={window.start.isoformat()}&to={window.end.isoformat()}"
        else:
            moved = ""
        query = "&".join(part for part in (kept, moved) if part)
        return f"{path}?{query}" if query else path

    return at


def _year(year: int, count: int, at, window: Window) -> dict:
    """A year's link on the zoom bar, its aria-label said here (a blocktranslate in the
    template's loop cost four times as much)."""
    label = ngettext("%(year)s: %(count)s event", "%(year)s: %(count)s events", count)
    return {
        "year": year,
        "count": count,
        "href": at(Window.for_year(year)),
        "current": window.year == year,
        "label": label % {"year": year, "count": count},
    }


# What a zoom link says to a screen reader: zooming to its window, or stepping by the window's
# rung (a year, a month…), each its own sentence to translate.
MOVES_SAID = {
    "out": _("Zoom out to %(label)s"),
    "in": _("Zoom in to %(label)s"),
    ("previous", "year"): _("Previous year: %(label)s"),
    ("previous", "month"): _("Previous month: %(label)s"),
    ("previous", "week"): _("Previous week: %(label)s"),
    ("previous", "day"): _("Previous day: %(label)s"),
    ("next", "year"): _("Next year: %(label)s"),
    ("next", "month"): _("Next month: %(label)s"),
    ("next", "week"): _("Next week: %(label)s"),
    ("next", "day"): _("Next day: %(label)s"),
}


def _said(name: str, window: Window, label: str) -> str:
    said = MOVES_SAID.get(name) or MOVES_SAID.get((name, window.rung))
    if said:
        return said % {"label": label}
    n = window.days
    if name == "previous":
        said = ngettext("Previous %(days)s day: %(label)s", "Previous %(days)s days: %(label)s", n)
    else:
        said = ngettext("Next %(days)s day: %(label)s", "Next %(days)s days: %(label)s", n)
    return said % {"days": n, "label": label}


def _zoom(window: Window, at) -> dict:
    """The ways out of this window: zoom out and in, the previous and the next one."""
    moves = {
        "previous": window.shifted(-1),
        "out": window.zoom_out(),
        "in": window.zoom_in(),
        "next": window.shifted(1),
    }
    return {
        name: w and {"href": at(w), "label": str(w), "said": _said(name, window, str(w))}
        for name, w in moves.items()
    }


# The axis is laid out for two widths: phones (from 320 px) and wider screens (from 48rem, the
# breakpoint in site.css that shows one or the other).
AXIS_LAYOUTS = (("axis__svg--narrow", 288, 4), ("axis__svg--wide", 700, 6))


def _axes(window: Window, view: dict, link, at, selected) -> list:
    def zoom_url(mark):
        start = max(mark.lower, window.start)
        inner = Window(start, max(start, min(mark.reach, window.end)))
        return "#events-heading" if inner == window else at(inner)

    drawn = []
    for css_class, axis_px, lanes in AXIS_LAYOUTS:
        lay = layout(window, view["items"], view["periods"], axis_px=axis_px, lanes=lanes)
        svg = axis_svg(lay, url=link, zoom_url=zoom_url, selected=selected, css_class=css_class)
        drawn.append({"layout": lay, "svg": svg})
    return drawn


def htmx_target(request: HttpRequest) -> str | None:
    if request.htmx and not request.htmx.history_restore_request:
        return request.htmx.target
    return None


LEGENDS = {
    "actor": _("Actors"),
    "topic": _("Topics"),
    "reported_in": _("Reported by outlets of"),
    "status": _("Status"),
    "kind": pgettext_lazy("the kind of an event", "Type"),
}


def _in_language(label) -> tuple[str, str | None]:
    """A filter option's label in the page's language, and its language when that differs: a
    status or a type (translated strings), or an actor's or topic's names by language code (a
    dict; English where the page's language has none)."""
    if not isinstance(label, dict):
        return label, None
    text = languages.in_language(label)
    return text.text, "en" if text.is_fallback else None


CHECKBOX = (
    '<div class="check"><input type="checkbox" name="{}" value="{}" id="{}"{}><label for="{}">{} '
    '<span class="count" aria-hidden="true">{}</span><span class="visually-hidden">{}</span>'
    "</label></div>"
)


@languages.per_language
def _events_words(count: int) -> str:
    return ngettext("(%(count)s event)", "(%(count)s events)", count)


def _checkboxes(name: str, options: list[dict]) -> SafeString:
    """A filter's checkboxes, written here rather than in a template loop: 70 of them cost a
    template about 4 ms, markup.format_html_join a tenth of that."""

    def values(o: dict) -> tuple:
        label = o["label"]
        if o["lang"]:
            label = markup.format_html('<span lang="{}">{}</span>', o["lang"], label)
        said = _events_words(o["count"]) % {"count": o["count"]}
        checked = mark_safe(" checked") if o["checked"] else ""
        return name, o["value"], o["id"], checked, o["id"], label, o["count"], said

    return markup.format_html_join("", CHECKBOX, map(values, options))


def _facets(state: QueryDict, choices: dict, counts: dict) -> list[dict]:
    """Each filter's checkboxes with the number of events each would give (`options`), and
    their markup."""
    facets = []
    for name in selectors.FACETS:
        chosen = set(state.getlist(name))
        options = [
            {
                "value": value,
                "label": text,
                "lang": lang,
                "id": f"id_{name}_{i}",
                "checked": value in chosen,
                "count": counts[name].get(key, 0),
            }
            for i, (key, value, label) in enumerate(choices[name])
            for text, lang in [_in_language(label)]
        ]
        facets.append(
            {
                "name": name,
                "legend": LEGENDS[name],
                "options": options,
                "checkboxes": _checkboxes(name, options),
            }
        )
    return facets


def passages_of(citations) -> list[dict]:
    """Each citation's passage in its context, as _passage.html shows it (a flagged one by its
    quote alone)."""
    passages = []
    for citation in citations:
        if citation.needs_review:
            passages.append({"citation": citation, "needs_review": True, "quote": citation.exact})
            continue
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
    return passages


def _detail_context(request: HttpRequest, event) -> dict:
    permalink = site.absolute(request, event.get_absolute_url())
    today = timezone.localdate()
    passages = passages_of(event.citations.all())
    embed = site.absolute(request, reverse("dialogue:embed-event", args=[event.slug]))
    topics, periods = selectors.topics_and_periods(event)
    # Cited by two outlets or more: the passages side by side, by their outlets' country.
    comparison = comparing.compare(event)
    if comparison:
        shown = {p["citation"].pk: p for p in passages}
        for side in comparison.sides:
            for report in side.reports:
                report.passage = shown[report.citation.pk]
    return {
        "event": event,
        "topics": topics,
        "periods": periods,
        "passages": passages,
        "comparison": comparison,
        "linked_data": linkeddata.script(
            linkeddata.event(
                request, event, event.citations.all(), event.participations.all(), topics
            )
        ),
        # Escaped here as the HTML a reader pastes; the template escapes it again for the textarea.
        "embed_event_code": format_html(
            '<iframe src="{}" title="{}" width="100%" height="450" loading="lazy"></iframe>',
            embed,
            languages.localized(event, "title").text,
        ),
        "cite_plain": citing.plain(event, permalink, today),
        "cite_bibtex": citing.bibtex(event, permalink, today),
    }


def _timeline_page(
    request: HttpRequest,
    selected=None,
    *,
    base=None,
    heading: str = "",
    lede: str = "",
    path: str = "",
    compared: bool = False,
) -> HttpResponse:
    """The timeline, of every event or of a base set (a topic, a pair of actors)."""
    if any(value == "" for key in request.GET for value in request.GET.getlist(key)):
        # A plain form submits its empty fields too: send the reader to the tidy address.
        tidy = QueryDict(mutable=True)
        for key in request.GET:
            tidy.setlist(key, [v for v in request.GET.getlist(key) if v])
        query = tidy.urlencode()
        return redirect(f"{request.path}?{query}" if query else request.path)
    query = EventQuery.from_request(request, base=base)
    context = {
        "form": query.form,
        "state": query.state,
        "problems": query.problems,
        "heading": heading,
        "lede": lede,
        "page_path": path or reverse("dialogue:timeline"),
        "event": selected,  # the open event (a template looking up a missing name is slow)
    }
    if selected is not None:
        context |= _detail_context(request, selected)
    if htmx_target(request) == "detail":
        return render_page(request, "dialogue/timeline.html", context, partials=("detail",))

    window = query.window(Window.overview())
    page_path = context["page_path"]
    view = selectors.timeline(query, window=window)
    link = _linker("dialogue:event-detail", query)
    for e in [*view["events"], *view["earlier"], *view["later"]]:
        e.link = link(e)
    if compared:  # what each listed event's reports differ in
        listed = [*view["events"], *view["earlier"], *view["later"]]
        found = selectors.comparisons([e.pk for e in listed])
        for e in listed:
            e.differs = comparing.summary(found[e.pk].differences) if e.pk in found else ""
    at = _window_linker(query.state, page_path)
    overview = Window.overview()
    context |= {
        "window": window,
        "zoom": _zoom(window, at),
        "axes": _axes(window, view, link, at, selected),
        "density": density_svg(view["density"]),
        "density_unit": view["density_unit"],
        "periods_here": [p for p in view["periods"] if window.overlaps(p.date_lower, p.date_upper)],
        # Periods holding the whole window: what an empty window is explained by.
        "covering": [
            p
            for p in view["periods"]
            if p.date_lower <= window.start and window.end <= p.date_upper
        ],
        "events": view["events"],
        "shown": view["shown"],
        "next_page": view["next_page"],
        "paged": query.paged,
        "page_size": selectors.PAGE_SIZE,
        "earlier": view["earlier"],
        "later": view["later"],
        "years": [
            _year(y, view["years"].get(y, 0), at, window)
            for y in range(overview.start.year, overview.end.year + 1)
        ],
        "whole_span": at(overview),
        "canonical": _window_linker(QueryDict(), page_path)(window),
        "statuses": Event.Status.choices,
        "first_day": FIRST,
        "last_day": LAST,
        "total": view["total"],
        "facets": _facets(context["state"], view["choices"], view["counts"]),
        "narrowed": any(
            name in query.filters for name in (*selectors.FACETS, "date_from", "date_to")
        ),
    }
    return render_page(
        request, "dialogue/timeline.html", context, partials=("detail", "timeline-region")
    )


@public_page
def timeline(request: HttpRequest) -> HttpResponse:
    return _timeline_page(request)


@public_page
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event, moved = _event_or_404(request, slug, "dialogue:event-detail")
    if moved:
        return moved
    return _timeline_page(request, selected=event)


@public_page
def compare(request: HttpRequest) -> HttpResponse:
    """The events reported by both sides, filterable like the timeline; each opens with its
    passages side by side and where they differ."""
    return _timeline_page(
        request,
        base=selectors.reported_by_both(),
        heading=gettext("Reported by both sides"),
        lede=gettext(
            "Events that outlets of both countries report. Open one to read the passages side "
            "by side, with where they differ: the date, the status, the actors named."
        ),
        path=reverse("dialogue:compare"),
        compared=True,
    )


PERIOD_EVENTS = 25  # listed on a period's page; the timeline at its window shows them all


@public_page
def period_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A period: what it was, the passages that establish it, and the events within it."""
    period = selectors.period_with_evidence(user=request.user, slug=slug)
    if period is None:
        raise Http404(gettext("No period has this address."))
    window = Window(period.date_lower, period.date_upper)
    query = EventQuery(staff=request.user.is_staff, filters={})
    events, total = selectors.events_in(query, window, limit=PERIOD_EVENTS)
    context = {
        "period": period,
        "evidence": [(e, passages_of(e.citations.all())) for e in period.evidence.all()],
        "events": events,
        "total": total,
        "on_timeline": _window_linker(QueryDict(), reverse("dialogue:timeline"))(window),
    }
    return render_page(request, "dialogue/period_detail.html", context)


@public_page
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic, events = selectors.topic_events(slug)
    if topic is None:
        raise Http404(gettext("No topic has this address."))
    path = reverse("dialogue:topic-detail", kwargs={"slug": slug})
    heading = format_html(gettext("Topic: {name}"), name=translated(topic, "name"))
    return _timeline_page(request, base=events, heading=heading, path=path)


@public_page
def actor_pair(request: HttpRequest, slug: str, other: str) -> HttpResponse:
    pair, events = selectors.pair_events(slug, other)
    if events is None:
        raise Http404(gettext("These two actors are not both known."))
    path = reverse("dialogue:actor-pair", kwargs={"slug": slug, "other": other})
    heading = format_html(
        gettext("{first} and {second}"),
        first=translated(pair[0], "name"),
        second=translated(pair[1], "name"),
    )
    return _timeline_page(request, base=events, heading=heading, path=path)


@public_page
def source_list(request: HttpRequest) -> HttpResponse:
    return render_page(
        request, "dialogue/source_list.html", {"sources": selectors.sources(user=request.user)}
    )


@public_page
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = _source_or_404(request, slug)
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
    context["linked_data"] = linkeddata.script(linkeddata.news_article(request, source))
    return render_page(request, "dialogue/source_detail.html", context)


@public_page
def actor_list(request: HttpRequest) -> HttpResponse:
    return render_page(request, "dialogue/actor_list.html", {"actors": selectors.actors()})


ACTOR_EVENTS = 100  # listed on an actor's page


@public_page
def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor, participations = selectors.actor_with_events(user=request.user, slug=slug)
    if actor is None:
        raise Http404(gettext("No actor has this address."))
    context = {
        "actor": actor,
        # The first events; the timeline filtered by the actor pages through all of them.
        "participations": list(participations[:ACTOR_EVENTS]),
        "total": participations.count(),
        "partners": selectors.co_actors(user=request.user, actor=actor),
    }
    context["linked_data"] = linkeddata.script(linkeddata.actor(request, actor))
    return render_page(request, "dialogue/actor_detail.html", context)


# Exports of any filtered view ----------------------------------------------------------------


def _export_events(request: HttpRequest) -> list:
    query = EventQuery.from_request(request)
    return selectors.export_events(selectors.export_ids(query))


def _download(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@public_page
def export_csv(request: HttpRequest) -> HttpResponse:
    body = exports.as_csv(request, _export_events(request))
    return _download(HttpResponse(body, content_type="text/csv; charset=utf-8"), "events.csv")


@public_page
def export_json(request: HttpRequest) -> HttpResponse:
    data = exports.as_json(request, _export_events(request))
    return _download(JsonResponse(data, json_dumps_params={"ensure_ascii": False}), "events.json")


@public_page
def export_timelinejs(request: HttpRequest) -> HttpResponse:
    data = exports.as_timelinejs(request, _export_events(request), selectors.periods())
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    return _download(response, "timelinejs.json")


@public_page
def export_ical(request: HttpRequest) -> HttpResponse:
    body = exports.as_ical(request, _export_events(request))
    return _download(HttpResponse(body, content_type="text/calendar; charset=utf-8"), "events.ics")


@read_only
def export_schema(request: HttpRequest) -> HttpResponse:
    return _download(
        HttpResponse(exports.SCHEMA_FILE.read_bytes(), content_type="application/schema+json"),
        "events.schema.json",
    )


@public_page
def event_cite_json(request: HttpRequest, slug: str) -> HttpResponse:
    """CSL-JSON for reference managers (Zotero, citeproc)."""
    event, moved = _event_or_404(request, slug, "dialogue:event-cite")
    if moved:
        return moved
    items = citing.csl_json(
        event,
        site.absolute(request, event.get_absolute_url()),
        timezone.localdate(),
        lambda source: site.absolute(request, source.get_absolute_url()),
    )
    response = JsonResponse(items, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/vnd.citationstyles.csl+json"
    return _download(response, f"{event.slug}.csl.json")


def _annotations(request: HttpRequest, citations) -> HttpResponse:
    """The citations as a W3C Web Annotation page, with the model's media type (a passage whose
    article was corrected and that no editor has checked yet has no place to point to)."""
    found = [c for c in citations if not c.needs_review]
    data = annotations.page(request, found, url=site.absolute(request, request.get_full_path()))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = annotations.MEDIA_TYPE
    return response


@public_page
def event_annotations(request: HttpRequest, slug: str) -> HttpResponse:
    event, moved = _event_or_404(request, slug, "dialogue:event-annotations")
    if moved:
        return moved
    citations = list(event.citations.all())
    for citation in citations:
        citation.event = event
    return _annotations(request, citations)


@public_page
def source_annotations(request: HttpRequest, slug: str) -> HttpResponse:
    source = _source_or_404(request, slug)
    citations = list(source.citations.all())
    for citation in citations:
        citation.source = source
    return _annotations(request, citations)


# Embeds: framable pages for a view or one event ---------------------------------------------


@csp_replace({"frame-ancestors": ["*"]})  # made to be framed by any site
@xframe_options_exempt
@public_page
def embed(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """A minimal page another site can frame; its links stay inside the frame."""
    query = EventQuery.from_request(request)
    event = None
    if slug:
        event, moved = event_or_redirect(request, slug, "dialogue:embed-event")
        if moved:
            return moved
        if event is None:
            raise Http404(gettext("No event has this address."))
    view = selectors.timeline(query, window=query.window(Window.all_time()), context=False)
    link = _linker("dialogue:embed-event", query)  # links stay inside the frame
    for e in view["events"]:
        e.link = link(e)
    context = {
        "events": view["events"],
        "shown": view["shown"],
        "next_page": view["next_page"],
        "paged": query.paged,
        "state": query.state,
        "filters": query.filters,
        "problems": query.problems,
        # The embed stands for the page on the site it shows: the event's, or the timeline's.
        "canonical_path": event.get_absolute_url()
        if event
        else reverse("dialogue:timeline") + (f"?{query.state.urlencode()}" if query.state else ""),
    }
    if event is not None:
        context |= _detail_context(request, event)
    return render_page(request, "dialogue/embed.html", context)


@require_GET
def choose_language(request: HttpRequest, code: str) -> HttpResponse:
    """The language switcher's link: remembers the reader's choice (so their browser's language
    no longer decides, see middleware.first_visit_language) and opens the same page in it."""
    if code not in languages.CODES:
        raise Http404(gettext("No such language."))
    wanted = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(wanted, allowed_hosts=None) or not wanted.startswith(
        "/"
    ):
        wanted = "/"
    response = redirect(languages.address_in(wanted, code) or reverse("dialogue:timeline"))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@never_cache
@read_only
def health(request: HttpRequest) -> HttpResponse:
    """For the load balancer's checks (deploy/haproxy.cfg): this process answers. It asks
    neither the database nor the cache: their outages are every app server's at once, and the
    pages answer them themselves (a 503 page, or slower pages), so no check takes every server
    out of the balancer for them."""
    return HttpResponse("ok\n", content_type="text/plain")
