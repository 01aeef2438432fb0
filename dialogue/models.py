"""Events, the actors in them, the articles that report them and the citations that tie the two."""

from __future__ import annotations

import hashlib

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from dialogue import dates
from dialogue.changes import DataVersion, TrackedQuerySet  # noqa: F401 (DataVersion: a model of this app)

CONTEXT_CHARS = 32  # length of a citation's prefix and suffix (W3C TextQuoteSelector)


def public_event(*, via: str = "") -> Q:
    """Who may see an event, the one rule: anyone, once it is published (publishing confirms
    it); staff see drafts too. `via` says it of a related event ("event", "participations__event")
    as a join, where `event__in=` a queryset would be a subquery of every public event."""
    return Q(**{f"{via}__is_published" if via else "is_published": True})


@reversion.register()
class Topic(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    objects = TrackedQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("dialogue:timeline") + f"?topic={self.slug}"


# The one spelling of a country: ISO 3166-1 alpha-3, as actors and outlets give it.
COUNTRY_CODE = RegexValidator(r"^[A-Z]{3}$", _("Use an ISO 3166 alpha-3 code such as JPN."))


def lines(text: str) -> list[str]:
    """The non-empty lines of a field of one name per line (aliases), stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def wikidata_page(item: str) -> str:
    """The address of a Wikidata item (Q17), as pages link it and JSON-LD gives its sameAs."""
    return f"https://www.wikidata.org/wiki/{item}" if item else ""


def wikidata_field() -> models.CharField:
    """The item of an actor or outlet on Wikidata (Q17: Japan), exported as its sameAs."""
    return models.CharField(
        _("Wikidata item"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9]\d*$", _("A Wikidata item such as Q17."))],
        help_text=_("Only when certain it is the same: Q17 is Japan."),
    )


class ActorQuerySet(TrackedQuerySet):
    def confirmed(self):
        """Actors an editor has confirmed: the only ones public pages name or link to."""
        return self.filter(is_confirmed=True)


@reversion.register()
class Actor(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", _("State")
        GOVERNMENT_BODY = "government_body", _("Government body")
        PERSON = "person", _("Official or person")
        ORGANISATION = "organisation", _("Other organisation")

    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.CharField(
        _("country"),
        max_length=3,
        blank=True,
        validators=[COUNTRY_CODE],
        help_text=_(
            "ISO 3166-1 alpha-3 code of the country the actor belongs to (JPN, KOR, PRK…)."
        ),
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200, blank=True)
    name_ko = models.CharField(_("name (Korean)"), max_length=200, blank=True)
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        help_text=_(
            "Other spellings as they appear in articles, one per line "
            "(for a government: the capital, e.g. “Seoul”)."
        ),
    )
    office = models.CharField(
        _("title or office"),
        max_length=300,
        blank=True,
        help_text=_("For people: their office at the time of the events."),
    )
    description = models.TextField(_("description"), blank=True)
    wikidata = wikidata_field()
    is_confirmed = models.BooleanField(
        _("confirmed"),
        default=True,
        help_text=_(
            "Actors proposed by an article import stay off the public pages until confirmed."
        ),
    )

    merge_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="spellings",
        verbose_name=_("probably the same as"),
        help_text=_(
            "An import read this name as another spelling of that actor: merge it (the spelling "
            "becomes an alias) or clear this to keep them apart."
        ),
    )

    objects = ActorQuerySet.as_manager()

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name_en"]

    def __str__(self):
        return self.name_en

    def get_absolute_url(self):
        return reverse("dialogue:actor-detail", kwargs={"slug": self.slug})

    @property
    def alias_list(self) -> list[str]:
        return lines(self.aliases)

    @property
    def wikidata_page(self) -> str:
        return wikidata_page(self.wikidata)


class OutletManager(models.Manager.from_queryset(TrackedQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def named(self, text: str) -> Outlet | None:
        """The outlet a page or dateline names, by its name or another ("(Kyodo)", "AP"), in
        any case: the one rule the importer and the admin read outlets' names by."""
        key = text.strip().strip("()").strip().casefold()
        if not key:
            return None
        return next(
            (o for o in self.all() if key in {n.casefold() for n in [o.name, *o.alias_list]}),
            None,
        )

    def for_name(self, text: str, kind: str) -> Outlet | None:
        """The outlet of that name, made (of that kind, country unknown) if none has it."""
        name = text.strip().strip("()").strip()
        if not name:
            return None
        if found := self.named(name):
            return found
        slug = base = slugify(name)[:40] or "outlet"
        while self.filter(slug=slug).exists():
            slug = f"{base}-{get_random_string(4).lower()}"
        return self.create(slug=slug, name=name[:200], kind=kind)


@reversion.register()
class Outlet(models.Model):
    """A newspaper, broadcaster or news agency: whose report a source is, and from which
    country. Sources name their outlet and the agency they carry (Kyodo, Yonhap…)."""

    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", _("Newspaper")
        AGENCY = "agency", _("News agency")
        BROADCASTER = "broadcaster", _("Broadcaster")
        MAGAZINE = "magazine", _("Magazine or other")

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.CharField(
        _("country"),
        max_length=3,
        blank=True,
        validators=[COUNTRY_CODE],
        help_text=_("ISO 3166-1 alpha-3 code of the outlet's country (JPN, KOR…); blank for an "
                    "international agency such as Reuters."),
    )  # fmt: skip
    language = models.CharField(
        _("language"),
        max_length=12,
        default="en",
        help_text=_("BCP 47 tag of this edition, e.g. en."),
    )
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        help_text=_("Other names as pages and datelines print them, one per line (Kyodo, AP)."),
    )
    url = models.URLField(_("website"), max_length=300, blank=True)
    wikidata = wikidata_field()

    objects = OutletManager()

    class Meta:
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def alias_list(self) -> list[str]:
        return lines(self.aliases)


class SourceQuerySet(TrackedQuerySet):
    def visible_to(self, user):
        """Published sources, and those a published event cites; staff see every source."""
        if user.is_staff:
            return self
        cited = Citation.objects.filter(public_event(via="event"), source=OuterRef("pk"))
        return self.filter(Q(is_published=True) | Exists(cited))


@reversion.register()
class Source(models.Model):
    slug = models.SlugField(_("slug"), unique=True, max_length=120)
    title = models.CharField(_("title"), max_length=300)
    outlet = models.ForeignKey(
        Outlet,
        on_delete=models.PROTECT,
        related_name="sources",
        verbose_name=_("outlet"),
        help_text=_("The publication, e.g. The Japan Times."),
    )
    section = models.CharField(_("section"), max_length=200, blank=True)
    byline = models.CharField(
        _("byline"),
        max_length=300,
        blank=True,
        help_text=_("Author as printed, with other scripts in brackets."),
    )
    agency = models.ForeignKey(
        Outlet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried",
        verbose_name=_("news agency"),
        help_text=_("Wire service credited, e.g. Kyodo."),
    )
    published_on = models.DateField(
        _("publication date"), help_text=_("Publication date in the outlet's own time zone.")
    )
    published_time = models.CharField(
        _("publication time"),
        max_length=40,
        blank=True,
        help_text=_("Time of publication as printed, e.g. “11:11 KST”."),
    )
    url = models.URLField(_("original URL"), max_length=500, blank=True)
    language = models.CharField(
        _("language"), max_length=12, default="en", help_text=_("BCP 47 tag, e.g. en.")
    )
    body = models.TextField(
        _("body text"),
        help_text=_(
            "The article text only, paragraphs separated by a blank line. "
            "Citations point into this text by character offsets."
        ),
    )
    raw_text = models.TextField(
        _("text as received"),
        blank=True,
        help_text=_("The file exactly as received, page furniture included, kept for checking."),
    )
    received_as = models.CharField(
        _("received as"),
        max_length=200,
        blank=True,
        help_text=_("File name the text was received in."),
    )
    text_sha256 = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("SHA-256 of the text as received: the same file imported twice is one source."),
    )
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_(
            "An imported article stays private until an editor publishes it or an event "
            "citing it is published."
        ),
    )

    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "title"]

    def __str__(self):
        return f"{self.title} ({self.outlet}, {self.published_on:%-d %B %Y})"

    def save(self, *args, **kwargs):
        self.text_sha256 = self.fingerprint(self.raw_text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("dialogue:source-detail", kwargs={"slug": self.slug})

    @property
    def credit(self) -> str:
        """The article as the site names it everywhere: outlet, “title”, 9 September 2014 (the date
        in the active language).
        (Pages write the same in HTML: templates/dialogue/_credit.html.)"""
        return f"{self.outlet}, “{self.title}”, {dates.day_words(self.published_on)}"

    @staticmethod
    def fingerprint(raw_text: str) -> str | None:
        return hashlib.sha256(raw_text.encode()).hexdigest() if raw_text else None

    def clean(self):
        same = Source.objects.filter(text_sha256=self.fingerprint(self.raw_text))
        if self.raw_text and same.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"raw_text": _("This text was already received, as another source.")}
            )


class EventQuerySet(TrackedQuerySet):
    def published(self):
        return self.filter(public_event())

    def visible_to(self, user=None, *, staff: bool | None = None):
        staff = user.is_staff if staff is None else staff
        return self if staff else self.published()

    def on_timeline(self, user=None, *, staff: bool | None = None):
        """What the timeline lists: published events, and drafts for staff, but no proposals."""
        return self.visible_to(user, staff=staff).filter(review=Event.Review.CONFIRMED)

    def chronological(self):
        """Oldest first; (date_lower, pk) is also the key the list pages by."""
        return self.order_by("date_lower", "pk")


@reversion.register(follow=["citations", "participations"])
class Event(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting or talks")
        AGREEMENT = "agreement", _("Agreement")
        STATEMENT = "statement", _("Statement")
        VISIT = "visit", _("Visit")
        POLICY = "policy", _("Policy move")
        REPORT = "report", _("Report")
        SUSPENSION = "suspension", _("Suspension")
        REJECTION = "rejection", _("Rejection")
        ACCUSATION = "accusation", _("Accusation or criticism")
        PROTEST = "protest", _("Diplomatic protest")

    # Each kind as PLOVER types it (Political Language Ontology for Verifiable Event Records,
    # draft 0.8, 2021: github.com/openeventdata/PLOVER): (event type, mode), "" where PLOVER has
    # none. PLOVER drops bare statements, codes what a report reports rather than the reporting,
    # and has no type for a one-sided policy move; a diplomatic protest is its ACCUSE/allege
    # ("complain officially"), its PROTEST being a demonstration.
    PLOVER = {
        Kind.MEETING: ("CONSULT", ""),
        Kind.AGREEMENT: ("AGREE", ""),
        Kind.STATEMENT: ("", ""),
        Kind.VISIT: ("CONSULT", "visit"),
        Kind.POLICY: ("", ""),
        Kind.REPORT: ("", ""),
        Kind.SUSPENSION: ("SANCTION", "withdraw"),
        Kind.REJECTION: ("REJECT", ""),
        Kind.ACCUSATION: ("ACCUSE", "disapprove"),
        Kind.PROTEST: ("ACCUSE", "allege"),
    }

    class Review(models.TextChoices):
        PROPOSED = "proposed", _("Proposed by an import, awaiting an editor")
        CONFIRMED = "confirmed", _("Confirmed by an editor")
        REJECTED = "rejected", _("Rejected by an editor")

    class Status(models.TextChoices):
        OCCURRED = "occurred", _("Occurred")
        PLANNED = "planned", _("Planned")
        CANCELLED = "cancelled", _("Cancelled / fell through")
        ONGOING = "ongoing", _("Ongoing")

    slug = models.SlugField(_("slug"), unique=True, max_length=120)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    framing = models.TextField(
        _("editors' note on framing"),
        blank=True,
        help_text=_("Where the reports frame the event differently, a short note, shown as the "
                    "editors' and never as evidence: “The Korean report names the victims; the "
                    "Japanese report uses the euphemism.”"),
    )  # fmt: skip
    edtf = models.CharField(
        _("date (EDTF)"),
        max_length=100,
        help_text=_(
            "Library of Congress EDTF: 2015-04-27 (a day), 2015-03 (a month), 2013 (a year), "
            "2015-04-05/2015-04-30 (a span), 2015-04-27? (uncertain), 2015-04~ (approximate)."
        ),
    )
    date_derivation = models.CharField(
        _("how the date was derived"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “last month”, in an article of 5 April 2015."),
    )
    date_lower = models.DateField(
        _("earliest day"), editable=False, help_text=_("Earliest day the date allows.")
    )
    date_upper = models.DateField(
        _("latest day"), editable=False, help_text=_("Latest day the date allows.")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        help_text=_("As reported by the cited sources."),
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="events"
    )
    actors = models.ManyToManyField(
        Actor, verbose_name=_("actors"), through="EventActor", blank=True, related_name="events"
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Drafts are visible to staff only. A published event must cite a passage."),
    )
    review = models.CharField(
        _("review"),
        max_length=20,
        choices=Review.choices,
        default=Review.CONFIRMED,
        help_text=_("Events an import proposes wait here for an editor to accept or reject them."),
    )
    reports = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_again",
        verbose_name=_("already on the timeline as"),
        help_text=_(
            "A proposal whose passage reports an event the timeline already has: accepting it "
            "adds the passage to that event as a citation."
        ),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=0,
        editable=False,
        help_text=_("Citations and actors: the overview of a crowded timeline shows the heaviest."),
    )
    search_document = models.TextField(
        _("search document"),
        blank=True,
        editable=False,
        help_text=_("Title, summary, cited passages and actors' names: what search reads."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["date_lower", "date_upper", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_lower__lte=F("date_upper")), name="event_date_bounds_ordered"
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(review="confirmed"),
                name="published_events_are_confirmed",
            ),
        ]
        indexes = [
            # the list's keyset (date, id), and the window's other bound
            models.Index(fields=["review", "is_published", "date_lower", "id"]),
            models.Index(fields=["date_upper"]),
            models.Index(fields=["status", "date_lower"]),
            models.Index(fields=["kind", "date_lower"]),
            models.Index(fields=["-weight", "date_lower"]),
            models.Index(fields=["-updated_at"]),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.date_lower, self.date_upper = dates.bounds(self.edtf)
        if self.pk:
            old_slug = Event.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            if old_slug and old_slug != self.slug:
                EventSlug.objects.update_or_create(slug=old_slug, defaults={"event": self})
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("dialogue:event-detail", kwargs={"slug": self.slug})

    def clean(self):
        try:
            self.date_lower, self.date_upper = dates.bounds(self.edtf)
        except ValidationError as exc:
            raise ValidationError({"edtf": exc}) from exc
        if self.is_published and self.review == self.Review.REJECTED:
            raise ValidationError({"is_published": _("A rejected event can't be published.")})
        if self.is_published:
            self.review = self.Review.CONFIRMED  # publishing a proposal accepts it

    @property
    def plover(self) -> tuple[str, str]:
        """The event's PLOVER type and mode ("" for none)."""
        return self.PLOVER.get(self.kind, ("", ""))

    @property
    def precision(self) -> str:
        """'day', 'month', 'year' or 'span', read from the EDTF string."""
        return dates.precision(self.edtf)

    @property
    def date_display(self) -> str:
        return dates.describe(self.edtf)

    @property
    def date_machine(self) -> str:
        """The date for <time datetime>, at its own precision: '2015-03', not '2015-03-01'."""
        return dates.machine(self.edtf)

    @property
    def is_uncertain(self) -> bool:
        return dates.is_uncertain(self.edtf)


class EventSlug(models.Model):
    """A slug an event used to have, so that links shared before a rename keep working."""

    slug = models.SlugField(_("old slug"), unique=True, max_length=120)
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="old_slugs"
    )

    objects = TrackedQuerySet.as_manager()

    class Meta:
        verbose_name = _("old slug")
        verbose_name_plural = _("old slugs")
        ordering = ["slug"]

    def __str__(self):
        return f"{self.slug} → {self.event.slug}"

    def get_absolute_url(self):
        return self.event.get_absolute_url()


@reversion.register()
class EventActor(models.Model):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        HOST = "host", _("Host")
        INITIATOR = "initiator", _("Initiator")
        ATTENDEE = "attendee", _("Expected attendee")
        SUBJECT = "subject", _("Subject")
        OBJECTOR = "objector", _("Objector")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participations"
    )
    actor = models.ForeignKey(
        Actor, verbose_name=_("actor"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT
    )

    objects = TrackedQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["event", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "actor", "role"], name="unique_actor_role")
        ]
        indexes = [models.Index(fields=["actor", "event"])]

    def __str__(self):
        return f"{self.actor} ({self.get_role_display()}) in {self.event}"

    def get_absolute_url(self):
        return self.event.get_absolute_url()


@reversion.register()
class Citation(models.Model):
    """A passage of a source that supports an event.

    Modelled on the W3C Web Annotation selectors: TextPositionSelector (start, end) and
    TextQuoteSelector (exact, prefix, suffix), so a passage can be found again if offsets drift.
    """

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="citations"
    )
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="citations"
    )
    exact = models.TextField(_("quoted passage"), help_text=_("The exact words of the source."))
    start = models.PositiveIntegerField(
        _("start"), help_text=_("Offset of the first character in the body.")
    )
    end = models.PositiveIntegerField(_("end"), help_text=_("Offset just past the last character."))
    prefix = models.CharField(_("text before"), max_length=CONTEXT_CHARS, blank=True)
    suffix = models.CharField(_("text after"), max_length=CONTEXT_CHARS, blank=True)
    # What this passage itself says of the event, where reports differ (comparing.py): the date
    # as it states it, at its own precision, and whether it reports the event done or planned.
    stated_edtf = models.CharField(
        _("date as this passage states it (EDTF)"),
        max_length=100,
        blank=True,
        help_text=_("E.g. 2009-12 for “since December 2009”, 2009 for “since 2009”; blank if the "
                    "passage gives no date."),
    )  # fmt: skip
    stated_status = models.CharField(
        _("status as this passage reports it"),
        max_length=20,
        choices=Event.Status.choices,
        blank=True,
    )
    needs_review = models.BooleanField(
        _("passage needs review"),
        default=False,
        help_text=_(
            "Set when a correction of the source's text moved or changed these words: "
            "check the quote and its place, then clear it."
        ),
    )

    objects = TrackedQuerySet.as_manager()

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["source", "start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "source", "start", "end"], name="one_citation_per_passage"
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="citation_span_ordered"),
        ]

    def __str__(self):
        return f"“{self.exact[:60]}” ({self.source.outlet})"

    def save(self, *args, **kwargs):
        self.verify()
        if not self.needs_review:
            # A flagged citation keeps the context it was anchored with, for the next
            # re-anchoring; a checked one takes it afresh from the text.
            body = self.source.body
            self.prefix = body[max(0, self.start - CONTEXT_CHARS) : self.start]
            self.suffix = body[self.end : self.end + CONTEXT_CHARS]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.source.get_absolute_url() + f"#{self.anchor}"

    def clean(self):
        if self.source_id is not None and self.start is not None and self.end is not None:
            self.verify()
        if self.stated_edtf:
            try:
                dates.bounds(self.stated_edtf)
            except ValidationError as exc:
                raise ValidationError({"stated_edtf": exc}) from exc

    @property
    def stated_display(self) -> str:
        return dates.describe(self.stated_edtf) if self.stated_edtf else ""

    def verify(self):
        """Refuse a quote that is not in the source at its offsets (unless flagged for review)."""
        if self.needs_review:
            return
        found = self.source.body[self.start : self.end]
        if found != self.exact:
            raise ValidationError(
                _(
                    "The quote is not at characters %(start)s–%(end)s of “%(source)s”; "
                    "those characters read “%(found)s”."
                ),
                params={
                    "start": self.start,
                    "end": self.end,
                    "source": self.source.title,
                    "found": found[:80],
                },
                code="quote_not_at_offsets",
            )

    @property
    def anchor(self) -> str:
        return f"cite-{self.pk}"

    @property
    def line(self) -> str:
        """The passage in plain text, as feeds, calendars and print show it:
        “quote” — outlet, “title”, 9 September 2014, URL."""
        url = f", {self.source.url}" if self.source.url else ""
        return f"“{self.exact}” — {self.source.credit}{url}"


@reversion.register()
class Period(models.Model):
    """A named span drawn as a band behind the events, e.g. the years the dialogue was suspended."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    edtf = models.CharField(_("dates (EDTF)"), max_length=100, help_text=_("E.g. 2009-12/2015-04."))
    date_lower = models.DateField(_("earliest day"), editable=False)
    date_upper = models.DateField(_("latest day"), editable=False)
    evidence = models.ManyToManyField(
        Event,
        verbose_name=_("evidence"),
        blank=True,
        related_name="periods",
        help_text=_("Events whose citations support it."),
    )

    objects = TrackedQuerySet.as_manager()

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["date_lower"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_lower__lte=F("date_upper")), name="period_date_bounds_ordered"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.date_lower, self.date_upper = dates.bounds(self.edtf)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("dialogue:period-detail", args=[self.slug])

    def clean(self):
        try:
            self.date_lower, self.date_upper = dates.bounds(self.edtf)
        except ValidationError as exc:
            raise ValidationError({"edtf": exc}) from exc

    @property
    def date_display(self) -> str:
        return dates.describe(self.edtf)
