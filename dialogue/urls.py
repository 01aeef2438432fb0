from django.contrib import admin
from django.urls import include, path

from dialogue import views

app_name = "dialogue"

public_patterns = [
    path("", views.timeline, name="timeline"),
    path("events/<slug:slug>/", views.event_detail, name="event-detail"),
    path("sources/", views.source_list, name="source-list"),
    path("sources/<slug:slug>/", views.source_detail, name="source-detail"),
    path("actors/", views.actor_list, name="actor-list"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor-detail"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include((public_patterns, app_name))),
]
