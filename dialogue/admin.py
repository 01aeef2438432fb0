"""The editors' tool, in the editor's language (the language cookie, else the browser's).

Events, periods, topics and actors have a field per language for each translated text
(translation.py): English required where the field is, Japanese and Korean optional, shown
in English where they are empty. The plain TranslationAdmin, not the tabbed one: the tabs
need jQuery UI, which modeltranslation loads from a CDN the Content-Security-Policy refuses."""

import logging
from dataclasses import dataclass, field

import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from reversion.admin import VersionAdmin

from dialogue import anchoring, services
from dialogue.forms import ArticleImportForm, CitationForm, ProposalTitleForm
from dialogue.importing import ArticleError, import_article
from dialogue.models import (
    Actor,
    Citation,
    Event,
    EventActor,
    EventSlug,
    Outlet,
    Period,
    Source,
    Topic,
)
from dialogue.passages import annotate
from dialogue.views import htmx_target, render_page

log = logging.getLogger(__name__)

admin.site.site_header = _("Security dialogue timeline: editors")
admin.site.site_title = _("Timeline editors")
admin.site.index_title = _("Sources, events and actors")

ENGLISH = settings.LANGUAGE_CODE
TRANSLATIONS = [(code, name) for code, name in settings.LANGUAGES if code != ENGLISH]


def in_english():
    """Where the admin writes a translated model whole. Django saves the untranslated column
    (title, beside title_en…) from the active language's text, and a new row's `title=` is
    taken as the active language's: in English, neither depends on the editor's language."""
    return translation.override(ENGLISH)


def _translated(model) -> list[str]:
    return list(translator.get_options_for_model(model).all_fields)


def _missing_in(model, code: str) -> Q:
    """Rows with English in a translated field and nothing in that field in this language."""
    missing = Q()
    for name in _translated(model):
        english, other = (build_localized_fieldname(name, c) for c in (ENGLISH, code))
        has_english = Q(**{f"{english}__gt": ""})
        missing |= has_english & (Q(**{f"{other}__isnull": True}) | Q(**{other: ""}))
    return missing


class UntranslatedFilter(admin.SimpleListFilter):
    title = pgettext_lazy("list filter: what is not yet translated", "translation")
    parameter_name = "untranslated"

    def lookups(self, request, model_admin):
        not_yet = gettext("not yet in %(language)s")
        return [(code, not_yet % {"language": name}) for code, name in TRANSLATIONS]

    def queryset(self, request, queryset):
        if self.value() in dict(TRANSLATIONS):
            return queryset.filter(_missing_in(queryset.model, self.value()))
        return queryset


class TranslatedAdmin(TranslationAdmin, VersionAdmin):
    """A model with translated fields: a field per language, English first, the others with a
    note that they may stay empty; a filter and a column for what is not yet translated."""

    list_filter = [UntranslatedFilter]
    # Written for each language's translator, in whichever language the admin is shown.
    language_help = {
        ("date_derivation", "ja"): _(
            "Keep the article's words in English, quoted in 「」: "
            "2015年4月5日付の記事の「last month」."
        ),
        ("date_derivation", "ko"): _(
            "Keep the article's words in English, quoted in “”: "
            "2015년 4월 5일 자 기사의 “last month”."
        ),
    }

    def save_model(self, request, obj, form, change):
        with in_english():
            super().save_model(request, obj, form, change)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        original = getattr(db_field, "translated_field", None)
        if field is not None and original is not None and db_field.language != ENGLISH:
            optional = _("Optional: where it is empty, pages in this language show the English.")
            specific = self.language_help.get((original.name, db_field.language))
            field.help_text = format_lazy("{} {}", specific, optional) if specific else optional
        return field

    @admin.display(description=_("translated into"))
    def translated_into(self, obj):
        """The languages every text of this row that has English also has."""
        names = _translated(type(obj))
        done = [
            name
            for code, name in TRANSLATIONS
            if all(
                getattr(obj, build_localized_fieldname(f, code))
                for f in names
                if getattr(obj, build_localized_fieldname(f, ENGLISH))
            )
        ]
        return ", ".join(done) or "—"


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
                gettext(
                    "A published event must cite at least one passage. Add a citation, "
                    "or untick “published” to keep it as a draft."
                )
            )


class CitationInline(admin.StackedInline):
    model = Citation
    form = CitationForm
    formset = CitationFormSet
    extra = 1
    autocomplete_fields = ["source"]
    verbose_name_plural = _(
        "Citations: paste the passage; its position in the source is found for you"
    )


class EventActorInline(admin.TabularInline):
    model = EventActor
    extra = 1
    autocomplete_fields = ["actor"]


@admin.register(Event)
class EventAdmin(TranslatedAdmin):
    list_display = [
        "title", "edtf", "status", "kind", "is_published", "review", "citation_count",
        "translated_into",
    ]  # fmt: skip
    list_filter = ["is_published", "review", "status", "kind", "topics", UntranslatedFilter]
    search_fields = [
        "title_en", "title_ja", "title_ko", "summary_en", "summary_ja", "summary_ko",
        "slug", "citations__exact",
    ]  # fmt: skip
    prepopulated_fields = {"slug": ["title_en"]}
    filter_horizontal = ["topics"]
    inlines = [EventActorInline, CitationInline]
    readonly_fields = ["date_lower", "date_upper", "old_slug_list"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "summary",
                    "framing",
                    "kind",
                    "status",
                    "topics",
                    "is_published",
                ]
            },  # fmt: skip
        ),
        (
            pgettext_lazy("fieldset of the event form", "Date"),
            {
                "fields": ["edtf", "date_derivation", ("date_lower", "date_upper")],
                "description": _("Give the date as precisely as the source does, and no more."),
            },
        ),
        (_("Earlier addresses"), {"fields": ["old_slug_list"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("citations")

    @admin.display(description=_("citations"))
    def citation_count(self, obj):
        return len(obj.citations.all())

    @admin.display(description=_("old slugs (redirect here)"))
    def old_slug_list(self, obj):
        return ", ".join(obj.old_slugs.values_list("slug", flat=True)) or pgettext(
            "no earlier slugs", "none"
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.instance.is_published:  # with its actors, saved just now by the inline
            services.confirm_actors(events=[form.instance])

    @admin.action(description=_("Publish selected events (those that cite a passage)"))
    def publish(self, request, queryset):
        published, refused = services.publish_events(events=queryset)
        if published:
            self.message_user(
                request,
                ngettext("Published %(count)d event.", "Published %(count)d events.", published)
                % {"count": published},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                gettext("Not published (no citation, or rejected): %(titles)s")
                % {"titles": ", ".join(e.title for e in refused)},
                messages.WARNING,
            )

    @admin.action(description=_("Return selected events to draft"))
    def unpublish(self, request, queryset):
        count = services.unpublish_events(events=queryset)
        self.message_user(
            request,
            ngettext("%(count)d event is a draft now.", "%(count)d events are drafts now.", count)
            % {"count": count},
            messages.SUCCESS,
        )


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
    search_fields = [
        "exact", "event__title_en", "event__title_ja", "event__title_ko", "source__title"
    ]  # fmt: skip
    autocomplete_fields = ["event", "source"]
    list_select_related = ["event", "source__outlet"]
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
        "stated_edtf",
        "stated_status",
    ]
    actions = ["confirm_new_words"]

    @admin.display(description=_("source now reads"))
    def now_reads(self, obj):
        if not obj.needs_review:
            return ""
        now = obj.source.body[obj.start : obj.end]
        if now == obj.exact:
            return gettext("the same words: which of their places is uncertain")
        return format_html("<del>{}</del><br><ins>{}</ins>", *_where_they_differ(obj.exact, now))

    @admin.display(description=_("quote and source"))
    def passage_review(self, obj):
        if obj.pk is None:
            return gettext("Filled in from the quote when saved.")
        body = obj.source.body
        now = format_html(
            "{}<mark>{}</mark>{}",
            body[max(0, obj.start - 80) : obj.start],
            body[obj.start : obj.end],
            body[obj.end : obj.end + 80],
        )
        if not obj.needs_review:
            return format_html(
                gettext("At characters {start}–{end}: {passage}"),
                start=obj.start,
                end=obj.end,
                passage=now,
            )
        return format_html(
            '<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead>'
            "<tbody><tr><td>{}<mark>{}</mark>{}</td><td>{}</td></tr></tbody></table>",
            gettext("Quoted (as the editor chose it)"),
            gettext("The source now, characters %(start)d–%(end)d")
            % {"start": obj.start, "end": obj.end},
            obj.prefix,
            obj.exact,
            obj.suffix,
            now,
        )

    @admin.action(description=_("Confirm the new words of the selected flagged citations"))
    def confirm_new_words(self, request, queryset):
        count = anchoring.confirm_new_words(citations=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d citation now quotes the words at its offsets.",
                "%(count)d citations now quote the words at their offsets.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@dataclass
class ImportOutcome:
    """What became of one file of an import: a row of the import page's results."""

    IMPORTED, ALREADY, FAILED = "imported", "already", "failed"

    name: str
    outcome: str
    source: Source | None = None
    count: int = 0  # proposals made
    message: str = ""
    missing: list[str] = field(default_factory=list)


def _title_form(event: Event, data=None) -> ProposalTitleForm:
    """A proposal's title field on the review page, with an id of its own on the page."""
    form = ProposalTitleForm(
        data, initial={"title": event.title_en or event.title}, auto_id=f"proposal-{event.pk}-%s"
    )
    form.event_pk = event.pk
    return form


def proposed_actors(source: Source) -> list[Actor]:
    """The unconfirmed actors an article's import proposed: those its proposals name, and the
    other spellings of known actors it read (marked `merge_into`, found by their name in the
    text: the proposals name the known actor)."""
    named = EventActor.objects.filter(
        actor=OuterRef("pk"),
        event__review=Event.Review.PROPOSED,
        event__citations__source=source,
    )
    candidates = (
        Actor.objects.filter(is_confirmed=False)
        .annotate(named=Exists(named))
        .filter(Q(named=True) | Q(merge_into__isnull=False))
        .select_related("merge_into")
        .order_by("name_en", "pk")
    )
    return [a for a in candidates if a.named or a.name_en in source.body]


@admin.register(Outlet)
class OutletAdmin(VersionAdmin):
    list_display = ["name", "kind", "country", "language", "sources_count"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(sources_count=Count("sources"))

    @admin.display(description=_("sources"), ordering="sources_count")
    def sources_count(self, obj):
        return obj.sources_count


@admin.register(Source)
class SourceAdmin(VersionAdmin):
    list_display = [
        "title", "outlet", "published_on", "language", "is_published", "view_link", "review_link"
    ]  # fmt: skip
    list_select_related = ["outlet"]
    list_filter = ["is_published", "outlet__country", "outlet", "language"]
    autocomplete_fields = ["outlet", "agency"]
    actions = ["publish"]
    search_fields = ["title", "outlet__name", "byline", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_on"
    change_list_template = "admin/dialogue/source/change_list.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "outlet", "section", "byline", "agency"]}),
        (
            _("Publication"),
            {"fields": ["is_published", "published_on", "published_time", "url", "language"]},
        ),
        (
            pgettext_lazy("fieldset: the article's text", "Text"),
            {"fields": ["body", "raw_text", "received_as"]},
        ),
    ]

    @admin.action(description=_("Publish selected sources (their text, to everyone)"))
    def publish(self, request, queryset):
        count = services.publish_sources(sources=queryset)
        self.message_user(
            request,
            ngettext("Published %(count)d source.", "Published %(count)d sources.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.display(description=_("on site"))
    def view_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            obj.get_absolute_url(),
            pgettext("link to the source's page on the site", "view"),
        )

    @admin.display(description=_("proposals"))
    def review_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:dialogue_source_review", args=[obj.pk]),
            pgettext("link to the review of an import's proposals", "review"),
        )

    def get_readonly_fields(self, request, obj=None):
        # The text as received is evidence of what arrived: it never changes after import.
        return ["raw_text"] if obj else []

    def save_model(self, request, obj, form, change):
        if change and "body" in form.changed_data:
            report = services.correct_source_text(source=obj, body=obj.body)
            self.message_user(
                request,
                gettext(
                    "Citations re-anchored: %(kept)d in place, %(moved)d moved with their "
                    "words, %(flagged)d flagged “passage needs review”."
                )
                % report,
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
        """Upload article files: each becomes a source with proposed events to review.

        Every file is tried, each in a transaction of its own, so one that fails loses nothing
        of the others; the page that comes back lists each file's outcome. One file imported
        goes straight to its review. admin-import.js posts the files one at a time, asking for
        just the file's row of that list (the `import-results` partial)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleImportForm(request.POST or None, request.FILES or None)
        one_row = htmx_target(request) == "import-results"
        outcomes = []
        if request.method == "POST" and form.is_valid():
            given = {k: form.cleaned_data[k] for k in ("outlet", "published", "url", "title")}
            for upload in form.cleaned_data["files"]:
                outcomes.append(self._import_file(request, upload, given, form))
            if len(outcomes) == 1 and outcomes[0].source and not one_row:
                return self._to_review(request, outcomes[0])
            failed = [o for o in outcomes if o.outcome == ImportOutcome.FAILED]
            # A file that only lacks what the form can give is asked for at those fields.
            if any(not o.missing for o in failed) and not one_row:
                form.add_error(
                    "files",
                    ngettext(
                        "%(count)d file was not imported: see the results below.",
                        "%(count)d files were not imported: see the results below.",
                        len(failed),
                    )
                    % {"count": len(failed)},
                )
        elif request.method == "POST" and one_row:
            # The script sends the form as it stands with each file: a form the server refuses
            # (a bad date, say) refuses every file, and the script submits it plainly instead,
            # so the page comes back with the errors at their fields.
            return HttpResponseBadRequest(form.errors.as_text(), content_type="text/plain")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Import articles"),
            "form": form,
            "outcomes": outcomes,
        }
        return render_page(
            request, "admin/dialogue/source/import.html", context, partials=("import-results",)
        )

    def _import_file(self, request, upload, given: dict, form) -> ImportOutcome:
        name = upload.name
        try:
            # The articles are English: their proposals are written as English text.
            with in_english(), reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment(f"Imported {name}")
                result = import_article(upload.read(), name=name, **given)
        except ArticleError as exc:
            if exc.missing:  # what the editor can give in the form, the form asks for
                message = form.ask_for(exc.missing, name=name)
            else:
                message = " ".join(exc.messages)
            return ImportOutcome(name, ImportOutcome.FAILED, message=message, missing=exc.missing)
        except Exception:
            # Whatever went wrong with this file was rolled back with it: the others go on.
            log.exception("The import of %s failed", name)
            return ImportOutcome(
                name,
                ImportOutcome.FAILED,
                message=gettext("An unexpected error stopped it; the details are in the log."),
            )
        outcome = ImportOutcome.IMPORTED if result.created else ImportOutcome.ALREADY
        return ImportOutcome(name, outcome, source=result.source, count=len(result.events))

    def _to_review(self, request, imported: ImportOutcome):
        title = imported.source.title
        if imported.outcome == ImportOutcome.IMPORTED:
            message = ngettext(
                "Imported “%(title)s” with %(count)d proposed event.",
                "Imported “%(title)s” with %(count)d proposed events.",
                imported.count,
            ) % {"title": title, "count": imported.count}
            self.message_user(request, message, messages.SUCCESS)
        else:
            self.message_user(
                request,
                gettext("“%(title)s” was already imported; nothing added.") % {"title": title},
                messages.WARNING,
            )
        return redirect("admin:dialogue_source_review", imported.source.pk)

    def review_view(self, request, pk):
        """The proposed events of one article, each beside its passage: accept (its title
        edited first, if need be), edit or reject; one that reports an event already on the
        timeline is added to that event as a citation. Below them, the actors the import
        proposed: a spelling of a known actor is merged into it or kept apart."""
        source = get_object_or_404(Source, pk=pk)
        refused_title = None
        if request.method == "POST":
            action = request.POST.get("action")
            if action in ("merge", "keep_apart"):
                return self._decide_actor(request, source, action)
            if not request.user.has_perm("dialogue.change_event"):
                raise PermissionDenied
            event_id = request.POST.get("event", "")
            if not event_id.isdigit() or action not in ("accept", "reject", "attach", "separate"):
                return HttpResponseBadRequest(gettext("Say which event, and accept or reject."))
            event = get_object_or_404(
                Event.objects.filter(citations__source=source).distinct(), pk=event_id
            )
            if action != "accept" or "title" not in request.POST:
                return self._decide_proposal(request, event, action)
            form = _title_form(event, data=request.POST)
            if form.is_valid():
                return self._decide_proposal(request, event, action, form.cleaned_data["title"])
            refused_title = form
        proposals = list(
            Event.objects.filter(review=Event.Review.PROPOSED, citations__source=source)
            .distinct()
            .select_related("reports")
            .prefetch_related("citations", "participations__actor")
        )
        proposals.sort(key=lambda e: min(c.start for c in e.citations.all()))
        citations = []
        for number, event in enumerate(proposals, start=1):
            event.number = number
            if refused_title is not None and refused_title.event_pk == event.pk:
                event.title_form = refused_title
            else:
                event.title_form = _title_form(event)
            for citation in event.citations.all():
                if citation.source_id == source.pk:
                    citation.number, citation.event = number, event
                    citations.append(citation)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": source,
            "title": gettext("Review proposed events: %(title)s") % {"title": source.title},
            "source": source,
            "proposals": proposals,
            "paragraphs": annotate(source.body, citations),
            "actors": proposed_actors(source),
            "can_merge": request.user.has_perm("dialogue.change_actor"),
        }
        return TemplateResponse(request, "admin/dialogue/source/review.html", context)

    def _decide_proposal(self, request, event: Event, action: str, title: str | None = None):
        """Carry out an editor's decision on one proposal, in a revision, and say what it did."""
        if action in ("attach", "separate") and event.review != Event.Review.PROPOSED:
            return HttpResponseBadRequest(gettext("This event is no longer a proposal."))
        if action == "attach" and event.reports_id is None:
            return HttpResponseBadRequest(
                gettext("This proposal reports no event on the timeline.")
            )
        names = {"title": title or event.title}
        with in_english(), reversion.create_revision():
            reversion.set_user(request.user)
            if action == "attach":
                reported = services.attach_proposal(event=event)
                reversion.add_to_revision(reported)  # with the citations it has now
                reversion.set_comment(
                    f"Proposal “{event.title_en}” added as a citation on the review page"
                )
                message = format_html(
                    gettext("Added the passage to “{title}” as a citation."),
                    title=format_html(
                        '<a href="{}">{}</a>',
                        reverse("admin:dialogue_event_change", args=[reported.pk]),
                        reported.title,
                    ),
                )
            elif action == "separate":
                services.separate_proposal(event=event)
                reversion.set_comment("Proposal kept as a new event on the review page")
                message = gettext("“%(title)s” is kept as a new event: accept or reject it.")
                message %= names
            elif action == "reject":
                services.reject_proposal(event=event)
                reversion.set_comment("Proposal rejected on the review page")
                message = gettext("Rejected “%(title)s”.") % names
            elif services.accept_proposal(event=event, title=title):
                reversion.set_comment("Proposal accepted on the review page")
                message = gettext("Accepted and published “%(title)s”.") % names
            else:
                reversion.set_comment("Proposal accepted on the review page, not published")
                self.message_user(
                    request, gettext("It cites no passage: edit it first."), messages.ERROR
                )
                return redirect(request.path)
        self.message_user(request, message, messages.SUCCESS)
        return redirect(request.path)

    def _decide_actor(self, request, source: Source, action: str):
        """Merge a spelling the import read into the actor it is probably the same as, or keep
        the two apart."""
        if not request.user.has_perm("dialogue.change_actor"):
            raise PermissionDenied
        actor_id = request.POST.get("actor", "")
        if not actor_id.isdigit():
            return HttpResponseBadRequest(gettext("Say which actor, and merge or keep apart."))
        actor = next(
            (a for a in proposed_actors(source) if a.pk == int(actor_id) and a.merge_into_id),
            None,
        )
        if actor is None:
            raise Http404(gettext("No such spelling proposed by this article."))
        names = {"name": actor.name_en, "target": actor.merge_into.name_en}
        with in_english(), reversion.create_revision():
            reversion.set_user(request.user)
            if action == "merge":
                reversion.set_comment(f"Merged “{actor.name_en}” on the review page")
                services.merge_actor(actor=actor)
                message = gettext(
                    "Merged “%(name)s” into “%(target)s”: the spelling is one of its aliases now."
                )
            else:
                reversion.set_comment(f"Kept “{actor.name_en}” apart on the review page")
                services.keep_actor_apart(actor=actor)
                message = gettext("Kept “%(name)s” apart from “%(target)s”.")
        self.message_user(request, message % names, messages.SUCCESS)
        return redirect(request.path)


@admin.register(Actor)
class ActorAdmin(TranslatedAdmin):
    list_display = [
        "name_en", "name_ja", "name_ko", "kind", "country", "is_confirmed", "translated_into"
    ]  # fmt: skip
    list_filter = ["is_confirmed", "kind", "country", UntranslatedFilter]
    search_fields = [
        "name_en", "name_ja", "name_ko", "aliases", "office_en", "office_ja", "office_ko", "slug"
    ]  # fmt: skip
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Topic)
class TopicAdmin(TranslatedAdmin):
    list_display = ["name", "slug", "translated_into"]
    search_fields = ["name_en", "name_ja", "name_ko"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Period)
class PeriodAdmin(TranslatedAdmin):
    list_display = ["name", "edtf", "translated_into"]
    search_fields = ["name_en", "name_ja", "name_ko"]
    filter_horizontal = ["evidence"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(EventSlug)
class EventSlugAdmin(admin.ModelAdmin):
    list_display = ["slug", "event"]
    search_fields = ["slug", "event__title_en", "event__title_ja", "event__title_ko"]
    autocomplete_fields = ["event"]
