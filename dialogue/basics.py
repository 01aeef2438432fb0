"""The web's basics: the sitemap, robots.txt and the API's reference page, made from its OpenAPI
document. (The icons browsers ask for at the root, /favicon.ico and /apple-touch-icon.png, are
files in static/root, which whitenoise serves there.)"""

from __future__ import annotations

import json
import re

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemaps
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from dialogue import languages, selectors, site
from dialogue.api import OPENAPI_FILE
from dialogue.models import Event, Period, Topic
from dialogue.pagecache import public_page

READER = AnonymousUser()  # the sitemap and the examples list what anyone may read


# The sitemap -----------------------------------------------------------------------------------


class Public(Sitemap):
    """Each page at its address in every language, with the others as alternates, on the site's
    own origin (site.origin, not the sites framework's idea of it)."""

    i18n = alternates = x_default = True
    # Entries a page (an item in three languages is three): a page stays under the page cache's
    # 2 MB, so a sitemap of 100,000 events is served from the cache too.
    limit = 1500

    def __init__(self, origin: str):
        self.protocol, _, self.domain = origin.partition("://")

    def get_domain(self, site=None) -> str:
        return self.domain


class Pages(Public):
    def items(self):
        return ["dialogue:timeline", "dialogue:compare", "dialogue:source-list",
                "dialogue:actor-list", "dialogue:api-docs"]  # fmt: skip

    def location(self, item):
        return reverse(item)


class Events(Public):
    def items(self):
        return Event.objects.visible_to(READER).only("slug", "updated_at").order_by("pk")

    def lastmod(self, event):
        return event.updated_at

    def get_latest_lastmod(self):
        return self.items().order_by("-updated_at").values_list("updated_at", flat=True).first()


class Sources(Public):
    def items(self):
        return selectors.sources(user=READER).defer("body", "raw_text").order_by("pk")


class Actors(Public):
    def items(self):
        return selectors.actors().order_by("pk")


class Topics(Public):
    def items(self):
        return Topic.objects.only("slug").order_by("pk")

    def location(self, topic):
        return reverse("dialogue:topic-detail", args=[topic.slug])  # not the filtered timeline


class Periods(Public):
    def items(self):
        return Period.objects.only("slug").order_by("pk")


SECTIONS = {"pages": Pages, "events": Events, "sources": Sources, "actors": Actors,
            "topics": Topics, "periods": Periods}  # fmt: skip


@public_page
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """Every page of every section. (The sitemaps framework's own index writes the request's
    Host into these addresses; they are the site's.)"""
    origin = site.origin(request)
    entries = []
    for name, section in SECTIONS.items():
        part = section(origin)
        url = site.absolute(request, reverse("sitemap-section", args=[name]))
        lastmod = part.get_latest_lastmod()
        for page in range(1, part.paginator.num_pages + 1):
            entries.append(sitemaps.SitemapIndexItem(url + (f"?p={page}" * (page > 1)), lastmod))
    response = TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
    response["X-Robots-Tag"] = "noindex"
    return response.render()


@public_page
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    if section not in SECTIONS:
        return sitemaps.sitemap(request, {}, section=section)  # the framework's 404
    origin = site.origin(request)
    return sitemaps.sitemap(request, {section: SECTIONS[section](origin)}, section).render()


# robots.txt ------------------------------------------------------------------------------

# Not for crawlers: the admin, the language chooser (it sets a cookie and redirects to a page
# that has its own address), the load balancer's check.
PRIVATE = ["/admin/", "/language/", "/healthz"]


@public_page
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in PRIVATE), ""]
    lines.append(f"Sitemap: {site.absolute(request, reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# The API's reference page ------------------------------------------------------------------------


def _resolved(doc: dict, node: dict) -> dict:
    """The node a $ref points to ("#/components/parameters/Page"), or the node itself."""
    while "$ref" in node:
        target = doc
        for key in node["$ref"].removeprefix("#/").split("/"):
            target = target[key]
        node = target
    return node


def _spec_text(text: str) -> SafeString:
    """The document's descriptions: plain text with `code` in backticks."""
    return mark_safe(re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text)))


def _type(schema: dict) -> str:
    """A parameter's type as the document gives it: "array of string", "occurred | planned",
    "string (date)", "integer 1–200", "string, maxLength 200"."""
    if schema.get("type") == "array":
        return f"array of {_type(schema['items'])}"
    if "enum" in schema:
        return " | ".join(schema["enum"])
    text = schema.get("type", "")
    if "format" in schema:
        text += f" ({schema['format']})"
    if "minimum" in schema or "maximum" in schema:
        text += f" {schema.get('minimum', '')}–{schema.get('maximum', '')}"
    if "maxLength" in schema:
        text += f", maxLength {schema['maxLength']}"
    return text


def _examples() -> dict:
    """A slug of each kind of item, so that an address with {slug} can be tried too."""
    first = {
        "events": Event.objects.visible_to(READER).chronological(),
        "actors": selectors.actors(),
        "sources": selectors.sources(user=READER),
    }
    return {kind: items.values_list("slug", flat=True).first() for kind, items in first.items()}


def _try(path: str, examples: dict) -> str | None:
    """The address of a GET in the page's language, with an example slug; None if it has none."""
    if "{slug}" in path:
        slug = examples.get(path.split("/")[2])
        if not slug:
            return None
        path = path.replace("{slug}", slug)
    return languages.address_in(path, get_language())


def _parameter(p: dict) -> dict:
    schema = p.get("schema", {})
    return {
        "name": p["name"],
        "where": p["in"],
        "required": p.get("required", False),
        "type": _type(schema),
        "default": schema.get("default"),
        "description": _spec_text(p.get("description", "")),
    }


def _response(status: str, r: dict) -> dict:
    """A response, and the name of the schema its body follows ("EventPage"), if any."""
    refs = [c["schema"]["$ref"] for c in r.get("content", {}).values() if "$ref" in c["schema"]]
    return {
        "status": status,
        "description": _spec_text(r.get("description", "")),
        "schema": refs[0].rsplit("/", 1)[-1] if refs else "",
    }


def operations(doc: dict, examples: dict) -> list[dict]:
    """Each path and method of the document, its $refs followed, as the page lists them."""
    return [
        {
            "id": op["operationId"],
            "path": path,
            "method": method.upper(),
            "summary": op.get("summary", ""),
            "description": _spec_text(op.get("description", "")),
            "parameters": [_parameter(_resolved(doc, p)) for p in op.get("parameters", [])],
            "responses": [_response(k, _resolved(doc, r)) for k, r in op["responses"].items()],
            "try": _try(path, examples) if method == "get" else None,
        }
        for path, methods in doc["paths"].items()
        for method, op in methods.items()
    ]


@public_page
def api_docs(request: HttpRequest) -> HttpResponse:
    """The API's reference, read from the OpenAPI document the API serves: its text stays in
    English; the page's own words are in the page's language."""
    doc = json.loads(OPENAPI_FILE.read_bytes())
    context = {
        "info": doc["info"],
        # The API in each language (the paths are the same under each server): its index.
        "servers": [s | {"index": s["url"].rstrip("/") + "/api/"} for s in doc["servers"]],
        "info_description": _spec_text(doc["info"].get("description", "")),
        "operations": operations(doc, _examples()),
    }
    return render(request, "dialogue/api_docs.html", context)
