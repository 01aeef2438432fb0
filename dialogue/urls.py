from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from dialogue import basics, views
from dialogue.feeds import EventFeed
from dialogue.pagecache import read_only

app_name = "dialogue"

public_patterns = [
    path("", views.timeline, name="timeline"),
    path("events/<slug:slug>/", views.event_detail, name="event-detail"),
    path("events/<slug:slug>/cite.json", views.event_cite_json, name="event-cite"),
    path(
        "events/<slug:slug>/annotations.jsonld",
        views.event_annotations,
        name="event-annotations",
    ),
    path("embed/", views.embed, name="embed"),
    path("embed/events/<slug:slug>/", views.embed, name="embed-event"),
    path("sources/", views.source_list, name="source-list"),
    path("sources/<slug:slug>/", views.source_detail, name="source-detail"),
    path(
        "sources/<slug:slug>/annotations.jsonld",
        views.source_annotations,
        name="source-annotations",
    ),
    path("actors/", views.actor_list, name="actor-list"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor-detail"),
    path("actors/<slug:slug>/and/<slug:other>/", views.actor_pair, name="actor-pair"),
    path("compare/", views.compare, name="compare"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("periods/<slug:slug>/", views.period_detail, name="period-detail"),
    path("export/events.csv", views.export_csv, name="export-csv"),
    path("export/events.json", views.export_json, name="export-json"),
    path("export/timelinejs.json", views.export_timelinejs, name="export-timelinejs"),
    path("export/events.ics", views.export_ical, name="export-ical"),
    path("feed.atom", read_only(EventFeed()), name="feed"),
    path("schema/events.json", views.export_schema, name="export-schema"),
    path("api/docs/", basics.api_docs, name="api-docs"),
]

# English keeps the addresses it always had; Japanese and Korean pages are under /ja/ and /ko/.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.health, name="health"),
    path("robots.txt", basics.robots_txt, name="robots"),
    path("sitemap.xml", basics.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", basics.sitemap_section, name="sitemap-section"),
    path("language/<str:code>/", views.choose_language, name="choose-language"),
    *i18n_patterns(
        path("api/", include("dialogue.api")),
        path("", include((public_patterns, app_name))),
        prefix_default_language=False,
    ),
]

handler500 = "dialogue.middleware.server_error"
