"""The read-only JSON API: events (filtered like the timeline), actors and sources, page by page.

Described by schemas/openapi.json, which /api/openapi.json serves. Stricter than the HTML pages:
a filter or page it can't read is a 400, not silently dropped. Everything is public data, so any
site may read it (CORS `*`, see settings.CORS_URLS_REGEX); a logged-in editor sees drafts, as on
the timeline.

In the language of its address (/ja/api/…, /ko/api/…, English at /api/…): each response says it
(`language`), translated text is given as the JSON export gives it (exports.texts: the English
where there is no translation, named in `untranslated`), messages are translated; keys are the
same in every language.
"""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path, reverse
from django.utils.translation import pgettext

from dialogue import exports, selectors, site
from dialogue.pagecache import read_only
from dialogue.query import EventQuery
from dialogue.views import event_or_redirect

app_name = "api"

OPENAPI_FILE = Path(__file__).parent / "schemas" / "openapi.json"
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class PageForm(forms.Form):
    page = forms.IntegerField(min_value=1, required=False)
    page_size = forms.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, required=False)


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(status: int, message: str, form: forms.Form | None = None) -> JsonResponse:
    """`message` (translated) as {"language", "error", "details": each parameter refused, with
    why}; readers tell one error from another by the status and the keys of `details`."""
    data = {"language": exports.language(), "error": message}
    if form is not None:
        data["details"] = {name: list(errors) for name, errors in form.errors.items()}
    return _json(data, status)


def _not_found() -> JsonResponse:
    return _error(404, pgettext("API error", "not found"))


def _paginated(request: HttpRequest, items, record, rows=list) -> JsonResponse:
    """One page of the items as {language, count, next, previous, results}; a bad page is a 400
    or 404."""
    form = PageForm(request.GET)
    if not form.is_valid():
        return _error(400, pgettext("API error", "invalid page"), form)
    paginator = Paginator(items, form.cleaned_data["page_size"] or PAGE_SIZE)
    try:
        page = paginator.page(form.cleaned_data["page"] or 1)
    except EmptyPage:
        return _error(404, pgettext("API error", "no such page"))

    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = number
        return site.absolute(request, f"{request.path}?{query.urlencode()}")

    return _json(
        {
            "language": exports.language(),
            "count": paginator.count,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [record(request, item) for item in rows(page.object_list)],
        }
    )


# Records -------------------------------------------------------------------------------------


def actor_record(request: HttpRequest, actor) -> dict:
    return {
        "id": actor.pk,
        "slug": actor.slug,
        "language": exports.language(),
        "kind": actor.kind,
        "country": actor.country,
        "name_en": actor.name_en,
        "name_ja": actor.name_ja,
        "name_ko": actor.name_ko,
        "aliases": actor.alias_list,
        **exports.texts(actor, office="office", description="description"),
        "url": site.absolute(request, actor.get_absolute_url()),
    }


def source_record(request: HttpRequest, source) -> dict:
    """A source is not translated: it is the article as published, in its own `language`."""
    return {
        "id": source.pk,
        "slug": source.slug,
        "title": source.title,
        **exports.outlet_fields(source),
        "section": source.section,
        "byline": source.byline,
        "published_on": source.published_on.isoformat(),
        "published_time": source.published_time,
        "url": source.url or None,
        "language": source.language,
        "page": site.absolute(request, source.get_absolute_url()),
        "annotations": site.absolute(
            request, reverse("dialogue:source-annotations", args=[source.slug])
        ),
    }


# Views ---------------------------------------------------------------------------------------


@read_only
def index(request: HttpRequest) -> JsonResponse:
    return _json(
        {
            "language": exports.language(),
            "title": site.name(),
            "openapi": site.absolute(request, reverse("api:openapi")),
            "events": site.absolute(request, reverse("api:event-list")),
            "actors": site.absolute(request, reverse("api:actor-list")),
            "sources": site.absolute(request, reverse("api:source-list")),
        }
    )


@read_only
def openapi(request: HttpRequest) -> HttpResponse:
    return HttpResponse(OPENAPI_FILE.read_bytes(), content_type="application/json")


@read_only
def event_list(request: HttpRequest) -> JsonResponse:
    query = EventQuery.from_request(request)
    if not query.valid:
        return _error(400, pgettext("API error", "invalid filter"), query.form)
    return _paginated(
        request, selectors.export_ids(query), exports.event_record, rows=selectors.export_events
    )


@read_only
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event, moved = event_or_redirect(request, slug, "api:event-detail")
    if moved:
        return moved
    if event is None:
        return _not_found()
    return _json(exports.event_record(request, event))


@read_only
def actor_list(request: HttpRequest) -> JsonResponse:
    return _paginated(request, selectors.actors(), actor_record)


@read_only
def actor_detail(request: HttpRequest, slug: str) -> JsonResponse:
    actor, participations = selectors.actor_with_events(user=request.user, slug=slug)
    if actor is None:
        return _not_found()
    events = {p.event.pk: p.event for p in participations}.values()  # once, whatever the roles
    return _json(
        actor_record(request, actor)
        | {
            "events": [
                {
                    "id": e.pk,
                    "slug": e.slug,
                    **exports.texts(e, title="title"),
                    "url": site.absolute(request, e.get_absolute_url()),
                }
                for e in events
            ]
        }
    )


@read_only
def source_list(request: HttpRequest) -> JsonResponse:
    return _paginated(
        request, selectors.sources(user=request.user).defer("body", "raw_text"), source_record
    )


@read_only
def source_detail(request: HttpRequest, slug: str) -> JsonResponse:
    source = selectors.source_with_citations(user=request.user, slug=slug)
    if source is None:
        return _not_found()
    return _json(
        source_record(request, source)
        | {
            "body": source.body,
            "citations": [
                {
                    "id": c.pk,
                    "event": {"id": c.event.pk, "slug": c.event.slug},
                    "quote": c.exact,
                    "start": c.start,
                    "end": c.end,
                }
                for c in source.citations.all()
            ],
        }
    )


urlpatterns = [
    path("", index, name="index"),
    path("openapi.json", openapi, name="openapi"),
    path("events/", event_list, name="event-list"),
    path("events/<slug:slug>/", event_detail, name="event-detail"),
    path("actors/", actor_list, name="actor-list"),
    path("actors/<slug:slug>/", actor_detail, name="actor-detail"),
    path("sources/", source_list, name="source-list"),
    path("sources/<slug:slug>/", source_detail, name="source-detail"),
]
