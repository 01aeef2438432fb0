"""Reads: every query the public pages make, with the joins they need, lives here."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from modeltranslation.utils import build_localized_fieldname

from dialogue import comparing, eventindex, languages, search
from dialogue.models import (
    Actor,
    Citation,
    Event,
    EventActor,
    Period,
    Source,
    Topic,
    public_event,
)
from dialogue.query import EventQuery
from dialogue.timeline import Item, Window, bucket_end, bucket_unit, density


def _people() -> QuerySet:
    """Participations with their actors, each event's in the order EventActor's ordering
    ("event", "pk") gives them, without its join to the events."""
    return EventActor.objects.select_related("actor").order_by("pk")


def _with_people(events: QuerySet) -> QuerySet:
    return events.prefetch_related(Prefetch("participations", queryset=_people()), "topics")


FACETS = eventindex.FACETS
PAGE_SIZE = 25  # events in one page of the list
MARK_LIMIT = 150  # up to this many events in the window are drawn one by one; beyond it, the
# axis shows the density and the heaviest event of each month (of each week in a year)
CHUNK = 2000  # ids asked of the database at once


def _citations() -> QuerySet:
    """Passages with their articles, and the articles' outlet and agency: wherever a passage is
    shown, it is credited."""
    return Citation.objects.select_related("source__outlet", "source__agency")


def _for_export(events: QuerySet) -> QuerySet:
    """What an exported event carries: its actors, topics and cited passages."""
    return _with_people(events).prefetch_related(Prefetch("citations", queryset=_citations()))


def _in_every_language(field: str) -> list[str]:
    return [build_localized_fieldname(field, code) for code in languages.CODES]


# What a listed or drawn event shows: its title in every language, its date and status.
SHOWN = ["pk", "slug", *_in_every_language("title"), "edtf", "status", "date_lower",
         "date_upper", "weight"]  # fmt: skip


class Shown:
    """An event as a list or the axis shows it, made from a row of values (SHOWN): a model
    instance costs some 12 µs to make, and a timeline page shows up to 113 events. Its address
    and its date in words are Event's own."""

    get_absolute_url = Event.get_absolute_url
    date_display = Event.date_display
    date_machine = Event.date_machine
    precision = Event.precision
    is_uncertain = Event.is_uncertain

    def __init__(self, values: dict):
        self.__dict__.update(values)

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        """As Event.title reads: the page's language, else English."""
        return languages.localized(self, "title").text


def _lines() -> QuerySet:
    """A listed event's passages as print shows them (Citation.line) and a search snippet
    quotes them: not the articles' texts."""
    return Citation.objects.select_related("source__outlet").only(
        "event_id", "exact", "source__language", "source__url", "source__outlet__name",
        "source__title", "source__published_on",
    )  # fmt: skip


def _by_id(events: QuerySet, ids: list) -> dict[int, Event]:
    """The events with these ids. Who may see them and what the filters mean were settled when
    the ids were chosen (query.EventQuery)."""
    found = {}
    for at in range(0, len(ids), CHUNK):
        found |= {e.pk: e for e in events.filter(pk__in=ids[at : at + CHUNK])}
    return found


def rows(events: QuerySet, ids: list) -> list[Event]:
    """The events with these ids, in the order of the ids."""
    found = _by_id(events, ids)
    return [found[pk] for pk in ids if pk in found]


def export_ids(query: EventQuery) -> list:
    """The ids of a view's events, all of them (the zoomed year, or all time), in its order."""
    return query.ids(query.window(Window.all_time()))


def export_events(ids: list) -> list[Event]:
    """What exports and the API carry of each event, for a list of ids."""
    return rows(_for_export(Event.objects.all()), ids)


def latest_events(query: EventQuery, limit: int) -> list[Event]:
    """The view's events changed last, newest first: what the feed carries."""
    mask = query.mask(query.window(Window.all_time()))
    return export_events(query.index.latest(mask, limit))


def timeline(query: EventQuery, *, window: Window, context: bool = True) -> dict:
    """Everything the timeline draws for one view: a page of the list (keyset on (date, id), or
    numbered pages by relevance) and what the next page's link needs; the events before and
    after the 2009–2015 axis (unless zoomed, or `context` is false); the axis (every event
    when few, else the density per month, or week in a year, and the heaviest of each); counts
    per year and per filter value.

    Counts and ids come from the in-memory event index; the database reads only the events
    shown, so the number of queries is the same at any size.
    """
    index, chosen = query.index, query.selection
    overview = Window.overview()
    in_view = query.mask(window)
    start = (query.page - 1) * PAGE_SIZE if query.by_relevance else 0
    lists = {"rows": query.ids(window, limit=PAGE_SIZE + 1, offset=start)}
    lists["earlier"] = lists["later"] = []
    if context and window.is_overview:
        lists["earlier"] = index.ids(chosen.mask & index.before(overview.start), limit=PAGE_SIZE)
        lists["later"] = index.ids(chosen.mask & index.after(overview.end), limit=PAGE_SIZE)
    shown = index.count(in_view)
    unit = bucket_unit(window) if shown > MARK_LIMIT else None
    # A crowded axis draws, for each month (week, day), its heaviest event standing for all of
    # that bucket's; else every event in the window.
    buckets = index.buckets(in_view, unit=unit, start=window.start) if unit else []
    marks = [pk for _, _, pk in buckets] if unit else index.ids(in_view, limit=MARK_LIMIT)
    # One query for the listed and the drawn events, one for the listed ones' passages.
    columns = [*SHOWN, *_in_every_language("summary")] if query.search else SHOWN
    wanted = Event.objects.filter(pk__in=[*sum(lists.values(), []), *marks]).order_by()
    found = {row["pk"]: Shown(row) for row in wanted.values(*columns)}
    events, earlier, later = ([found[pk] for pk in ids if pk in found] for ids in lists.values())
    more, events = len(events) > PAGE_SIZE, events[:PAGE_SIZE]
    listed = {e.pk: e for e in [*events, *earlier, *later]}
    for e in listed.values():
        e.cited = []
    for citation in _lines().filter(event_id__in=list(listed)):
        listed[citation.event_id].cited.append(citation)
    if query.search:
        search.add_snippets(events, query.search)
    next_page = None
    if more:
        last = events[-1]
        next_page = (
            {"page": query.page + 1}
            if query.by_relevance
            else {"after": f"{last.date_lower}.{last.pk}"}
        )

    years = {y: index.count(chosen.mask & index.window(w.start, w.end))
             for y in range(overview.start.year, overview.end.year + 1)
             for w in [Window.for_year(y)]}  # fmt: skip
    # Zoomed in, a filter's counts are the events it would show in the window.
    within = None if window.is_overview else index.window(window.start, window.end)
    return {
        "events": events,
        "next_page": next_page,
        "earlier": earlier,
        "later": later,
        "shown": shown,
        **_axis(window, found, marks, buckets, unit),
        "years": years,
        "total": index.count(chosen.mask & index.window(overview.start, overview.end)),
        "counts": index.facet_counts(chosen, within=within),
        "choices": index.choices,
        "periods": index.periods,
    }


def _axis(window: Window, found: dict, marks: list, buckets: list, unit: str | None) -> dict:
    """What the axis draws: each event (`marks`, from `found`); or for each bucket, its
    heaviest event standing for it, and the density."""
    if unit is None:
        items = [Item(found[pk], found[pk].date_lower, found[pk].date_upper)
                 for pk in marks if pk in found]  # fmt: skip
        return {"items": items, "density": [], "density_unit": None}
    items = [
        Item(found[pk], found[pk].date_lower, found[pk].date_upper)
        if n == 1
        else Item(found[pk], start, bucket_end(start, unit), n)
        for start, n, pk in buckets
        if pk in found
    ]
    counts = [(start, n) for start, n, _ in buckets]
    return {"items": items, "density": density(window, counts, unit), "density_unit": unit}


def events_in(query: EventQuery, window: Window, *, limit: int) -> tuple[list[Event], int]:
    """The first events of a window, as a plain list shows them (no passages, no search
    text), and how many it holds."""
    ids = query.ids(window, limit=limit)
    events = rows(Event.objects.defer("search_document"), ids)
    return events, query.index.count(query.mask(window))


def topic_events(slug: str) -> tuple[Topic | None, QuerySet | None]:
    topic = Topic.objects.filter(slug=slug).first()
    return topic, (Event.objects.filter(topics=topic) if topic else None)


def pair_events(first: str, second: str) -> tuple[list[Actor], QuerySet | None]:
    """Two actors and the events involving both of them."""
    pair = list(Actor.objects.confirmed().filter(slug__in=[first, second]))
    if first == second or len(pair) != 2:
        return pair, None
    events = Event.objects.filter(participations__actor=pair[0]).filter(
        participations__actor=pair[1]
    )
    return sorted(pair, key=lambda a: [first, second].index(a.slug)), events


def event_for_slug(*, user, slug: str) -> tuple[Event | None, str | None]:
    """The event a slug names, or the current slug to redirect to when the slug is an old one."""
    events = Event.objects.visible_to(user)
    event = (
        events.prefetch_related(
            Prefetch("participations", queryset=_people()),
            Prefetch("citations", queryset=_citations()),
        )
        .filter(slug=slug)
        .order_by("pk")  # one row (slugs are unique): not the date ordering's three columns
        .first()
    )
    if event:
        return event, None
    renamed = events.filter(old_slugs__slug=slug).values_list("slug", flat=True).first()
    return None, renamed


def topics_and_periods(event: Event) -> tuple[list[Topic], list[Period]]:
    """The event's topics, by name, and the periods it is evidence for, by date: from the event
    index when the event is on the timeline (no query); else (a proposal staff opens) read."""
    index = eventindex.current()
    topics = index.linked(index.topics, event.pk)
    if topics is None:
        return list(event.topics.all()), list(event.periods.all())
    periods = index.linked(index.evidence, event.pk)
    return (
        [t for t in index.topics_by_name if t.pk in topics],
        [p for p in index.periods if p.pk in periods],
    )


def reported_by_both() -> QuerySet:
    """The events that outlets of two countries or more cite (an international agency, of no
    country, is no side): what the comparison page lists."""
    sides = (
        Citation.objects.exclude(source__outlet__country="")
        .values("event")
        .annotate(countries=Count("source__outlet__country", distinct=True))
        .filter(countries__gte=2)
        .values("event")
    )
    return Event.objects.filter(pk__in=sides)


def comparisons(ids: list[int]) -> dict:
    """The comparison (comparing.compare) of each of these events that two outlets or more
    cite, read for them all at once: their passages, their actors, the countries' names."""
    cited, people = {}, {}
    for citation in _citations().filter(event_id__in=ids):
        cited.setdefault(citation.event_id, []).append(citation)
    for p in _people().filter(event_id__in=ids):
        people.setdefault(p.event_id, []).append(p.actor)
    countries = {c.source.outlet.country for cs in cited.values() for c in cs}
    names = comparing.country_names(countries)
    found = {pk: comparing.compare(None, cs, people.get(pk, []), names) for pk, cs in cited.items()}
    return {pk: comparison for pk, comparison in found.items() if comparison}


def periods() -> list[Period]:
    return list(Period.objects.all())


def period_with_evidence(*, user, slug: str) -> Period | None:
    """The period and the visible events whose passages establish it, with those passages."""
    evidence = Event.objects.visible_to(user).prefetch_related(
        Prefetch("citations", queryset=_citations())
    )
    return (
        Period.objects.filter(slug=slug)
        .prefetch_related(Prefetch("evidence", queryset=evidence))
        .first()
    )


def _visible(user) -> Q:
    """What Event.objects.visible_to(user) keeps, said of a related event, as a join."""
    return Q() if user.is_staff else public_event(via="event")


def source_with_citations(*, user, slug: str) -> Source | None:
    """The source and the passages its text still holds (a flagged citation's words were not
    found again after a correction: the event page shows its quote, marked, not this one)."""
    citations = Citation.objects.filter(_visible(user), needs_review=False).select_related("event")
    return (
        sources(user=user)
        .filter(slug=slug)
        .prefetch_related(Prefetch("citations", queryset=citations))
        .first()
    )


def sources(*, user) -> QuerySet:
    return Source.objects.visible_to(user).select_related("outlet", "agency")


def actors() -> QuerySet:
    return Actor.objects.confirmed()


def actor_with_events(*, user, slug: str) -> tuple[Actor | None, QuerySet | list]:
    """The actor and its roles in visible events, oldest first (a queryset, to count or slice)."""
    actor = Actor.objects.confirmed().filter(slug=slug).first()
    if actor is None:
        return None, []
    participations = (
        EventActor.objects.filter(_visible(user), actor=actor)
        .select_related("event")
        .order_by("event__date_lower", "event__date_upper", "event__pk")
    )
    return actor, participations


def co_actors(*, user, actor: Actor) -> QuerySet:
    """The actors sharing events with this one, most shared first, each with .shared."""
    shared = Event.objects.visible_to(user).filter(participations__actor=actor)
    return (
        Actor.objects.confirmed()
        .filter(participations__event__in=shared)
        .exclude(pk=actor.pk)
        .annotate(shared=Count("participations__event", distinct=True))
        .order_by("-shared", "name_en")
    )
