"""The editors' tool."""

import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from dialogue import anchoring, services
from dialogue.forms import ArticleImportForm, CitationForm
from dialogue.importing import ArticleError, import_article
from dialogue.models import Actor, Citation, Event, EventActor, EventSlug, Period, Source, Topic
from dialogue.passages import annotate

admin.site.site_header = "Security dialogue timeline: editors"
admin.site.site_title = "Timeline editors"
admin.site.index_title = "Sources, events and actors"


class CitationFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if not self.instance.is_published:
            return
        kept = [
            form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise ValidationError(
                "A published event must cite at least one passage. Add a citation, "
                "or untick “published” to keep it as a draft."
            )


class CitationInline(admin.StackedInline):
    model = Citation
    form = CitationForm
    formset = CitationFormSet
    extra = 1
    autocomplete_fields = ["source"]
    verbose_name_plural = (
        "Citations: paste the passage; its position in the source is found for you"
    )


class EventActorInline(admin.TabularInline):
    model = EventActor
    extra = 1
    autocomplete_fields = ["actor"]


@admin.register(Event)
class EventAdmin(VersionAdmin):
    list_display = ["title", "edtf", "status", "kind", "is_published", "review", "citation_count"]
    list_filter = ["is_published", "review", "status", "kind", "topics"]
    search_fields = ["title", "summary", "slug", "citations__exact"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics"]
    inlines = [EventActorInline, CitationInline]
    readonly_fields = ["date_lower", "date_upper", "old_slug_list"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "summary", "kind", "status", "topics", "is_published"]},
        ),
        (
            "Date",
            {
                "fields": ["edtf", "date_derivation", ("date_lower", "date_upper")],
                "description": "Give the date as precisely as the source does, and no more.",
            },
        ),
        ("Earlier addresses", {"fields": ["old_slug_list"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("citations")

    @admin.display(description="citations")
    def citation_count(self, obj):
        return len(obj.citations.all())

    @admin.display(description="old slugs (redirect here)")
    def old_slug_list(self, obj):
        return ", ".join(obj.old_slugs.values_list("slug", flat=True)) or "none"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.instance.is_published:  # with its actors, saved just now by the inline
            services.confirm_actors(events=[form.instance])

    @admin.action(description="Publish selected events (those that cite a passage)")
    def publish(self, request, queryset):
        published, refused = services.publish_events(events=queryset)
        if published:
            self.message_user(request, f"Published {published} event(s).", messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                "Not published (no citation, or rejected): " + ", ".join(e.title for e in refused),
                messages.WARNING,
            )

    @admin.action(description="Return selected events to draft")
    def unpublish(self, request, queryset):
        count = services.unpublish_events(events=queryset)
        self.message_user(request, f"{count} event(s) are drafts now.", messages.SUCCESS)


def _where_they_differ(old: str, new: str, around: int = 30) -> tuple[str, str]:
    """The part of each text that differs from the other, with a few characters either side."""
    same_start = 0
    while same_start < min(len(old), len(new)) and old[same_start] == new[same_start]:
        same_start += 1
    same_end = 0
    while (
        same_end < min(len(old), len(new)) - same_start and old[-1 - same_end] == new[-1 - same_end]
    ):
        same_end += 1
    a = old.rfind(" ", 0, max(0, same_start - around)) + 1  # from the start of a word

    def cut(text: str) -> str:
        b = text.find(" ", len(text) - same_end + around)  # to the end of one
        b = len(text) if b == -1 else b
        return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")

    return f"“{cut(old)}”", f"“{cut(new)}”"


@admin.register(Citation)
class CitationAdmin(VersionAdmin):
    """Citations, and the ones a correction of their source flagged: the quote the editor chose
    beside the words now at its offsets, confirmed or replaced here."""

    form = CitationForm
    list_display = ["__str__", "event", "source", "start", "end", "needs_review", "now_reads"]
    list_filter = ["needs_review", "source"]
    search_fields = ["exact", "event__title", "source__title"]
    autocomplete_fields = ["event", "source"]
    list_select_related = ["event", "source"]
    readonly_fields = ["needs_review", "passage_review"]
    fields = [
        "event",
        "source",
        "needs_review",
        "passage_review",
        "exact",
        "words_before",
        "start",
        "end",
        "confirm_new_words",
    ]
    actions = ["confirm_new_words"]

    @admin.display(description="source now reads")
    def now_reads(self, obj):
        if not obj.needs_review:
            return ""
        now = obj.source.body[obj.start : obj.end]
        if now == obj.exact:
            return "the same words: which of their places is uncertain"
        return format_html("<del>{}</del><br><ins>{}</ins>", *_where_they_differ(obj.exact, now))

    @admin.display(description="quote and source")
    def passage_review(self, obj):
        if obj.pk is None:
            return "Filled in from the quote when saved."
        body = obj.source.body
        now = format_html(
            "{}<mark>{}</mark>{}",
            body[max(0, obj.start - 80) : obj.start],
            body[obj.start : obj.end],
            body[obj.end : obj.end + 80],
        )
        if not obj.needs_review:
            return format_html("At characters {}–{}: {}", obj.start, obj.end, now)
        return format_html(
            '<table><thead><tr><th scope="col">Quoted (as the editor chose it)</th>'
            '<th scope="col">The source now, characters {}–{}</th></tr></thead>'
            "<tbody><tr><td>{}<mark>{}</mark>{}</td><td>{}</td></tr></tbody></table>",
            obj.start,
            obj.end,
            obj.prefix,
            obj.exact,
            obj.suffix,
            now,
        )

    @admin.action(description="Confirm the new words of the selected flagged citations")
    def confirm_new_words(self, request, queryset):
        count = anchoring.confirm_new_words(citations=queryset)
        self.message_user(
            request, f"{count} citation(s) now quote the words at their offsets.", messages.SUCCESS
        )


@admin.register(Source)
class SourceAdmin(VersionAdmin):
    list_display = [
        "title", "outlet", "published_on", "language", "is_published", "view_link", "review_link"
    ]  # fmt: skip
    list_filter = ["is_published", "outlet", "language"]
    actions = ["publish"]
    search_fields = ["title", "outlet", "byline", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_on"
    change_list_template = "admin/dialogue/source/change_list.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "outlet", "section", "byline", "agency"]}),
        (
            "Publication",
            {"fields": ["is_published", "published_on", "published_time", "url", "language"]},
        ),
        ("Text", {"fields": ["body", "raw_text", "received_as"]}),
    ]

    @admin.action(description="Publish selected sources (their text, to everyone)")
    def publish(self, request, queryset):
        count = services.publish_sources(sources=queryset)
        self.message_user(request, f"Published {count} source(s).", messages.SUCCESS)

    @admin.display(description="on site")
    def view_link(self, obj):
        return format_html('<a href="{}">view</a>', obj.get_absolute_url())

    @admin.display(description="proposals")
    def review_link(self, obj):
        return format_html(
            '<a href="{}">review</a>', reverse("admin:dialogue_source_review", args=[obj.pk])
        )

    def get_readonly_fields(self, request, obj=None):
        # The text as received is evidence of what arrived: it never changes after import.
        return ["raw_text"] if obj else []

    def save_model(self, request, obj, form, change):
        if change and "body" in form.changed_data:
            report = services.correct_source_text(source=obj, body=obj.body)
            self.message_user(
                request,
                f"Citations re-anchored: {report['kept']} in place, {report['moved']} moved "
                f"with their words, {report['flagged']} flagged “passage needs review”.",
                messages.WARNING if report["flagged"] else messages.SUCCESS,
            )
        else:
            super().save_model(request, obj, form, change)

    def get_urls(self):
        own = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="dialogue_source_import",
            ),
            path(
                "<int:pk>/review/",
                self.admin_site.admin_view(self.review_view),
                name="dialogue_source_review",
            ),
        ]
        return own + super().get_urls()

    def import_view(self, request):
        """Upload article files: each becomes a source with proposed events to review."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            imported = []
            for upload in form.cleaned_data["files"]:
                try:
                    with reversion.create_revision():
                        reversion.set_user(request.user)
                        reversion.set_comment(f"Imported {upload.name}")
                        result = import_article(
                            upload.read(),
                            name=upload.name,
                            outlet=form.cleaned_data["outlet"],
                            published=form.cleaned_data["published"],
                            url=form.cleaned_data["url"],
                        )
                except ArticleError as exc:
                    form.add_error("files", f"{upload.name}: {' '.join(exc.messages)}")
                    continue
                imported.append(result)
                if result.created:
                    self.message_user(
                        request,
                        f"Imported “{result.source.title}” with {len(result.events)} "
                        "proposed events.",
                        messages.SUCCESS,
                    )
                else:
                    self.message_user(
                        request,
                        f"“{result.source.title}” was already imported; nothing added.",
                        messages.WARNING,
                    )
            if not form.errors:
                if len(imported) == 1:
                    return redirect("admin:dialogue_source_review", imported[0].source.pk)
                return redirect("admin:dialogue_source_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import articles",
            "form": form,
        }
        return TemplateResponse(request, "admin/dialogue/source/import.html", context)

    def review_view(self, request, pk):
        """The proposed events of one article, each beside its passage: accept, edit, reject."""
        source = get_object_or_404(Source, pk=pk)
        if request.method == "POST":
            if not request.user.has_perm("dialogue.change_event"):
                raise PermissionDenied
            event_id, action = request.POST.get("event", ""), request.POST.get("action")
            if not event_id.isdigit() or action not in ("accept", "reject"):
                return HttpResponseBadRequest("Say which event, and accept or reject.")
            event = get_object_or_404(
                Event.objects.filter(citations__source=source).distinct(), pk=event_id
            )
            with reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment(f"Proposal {action}ed on the review page")
                if action == "reject":
                    services.reject_proposal(event=event)
                    accepted = None
                else:
                    accepted = services.accept_proposal(event=event)
            if accepted is None:
                self.message_user(request, f"Rejected “{event.title}”.", messages.SUCCESS)
            elif accepted:
                self.message_user(
                    request, f"Accepted and published “{event.title}”.", messages.SUCCESS
                )
            else:
                self.message_user(request, "It cites no passage: edit it first.", messages.ERROR)
            return redirect(request.path)
        proposals = list(
            Event.objects.filter(review=Event.Review.PROPOSED, citations__source=source)
            .distinct()
            .prefetch_related("citations", "participations__actor")
        )
        proposals.sort(key=lambda e: min(c.start for c in e.citations.all()))
        citations = []
        for number, event in enumerate(proposals, start=1):
            event.number = number
            for citation in event.citations.all():
                if citation.source_id == source.pk:
                    citation.number, citation.event = number, event
                    citations.append(citation)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": source,
            "title": f"Review proposed events: {source.title}",
            "source": source,
            "proposals": proposals,
            "paragraphs": annotate(source.body, citations),
        }
        return TemplateResponse(request, "admin/dialogue/source/review.html", context)


@admin.register(Actor)
class ActorAdmin(VersionAdmin):
    list_display = ["name_en", "name_ja", "name_ko", "kind", "country", "is_confirmed"]
    list_filter = ["is_confirmed", "kind", "country"]
    search_fields = ["name_en", "name_ja", "name_ko", "aliases", "office", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Topic)
class TopicAdmin(VersionAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Period)
class PeriodAdmin(VersionAdmin):
    list_display = ["name", "edtf"]
    filter_horizontal = ["evidence"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(EventSlug)
class EventSlugAdmin(admin.ModelAdmin):
    list_display = ["slug", "event"]
    search_fields = ["slug", "event__title"]
    autocomplete_fields = ["event"]
