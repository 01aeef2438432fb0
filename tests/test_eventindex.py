"""The in-memory event index gives what the database would: counts, pages, the axis."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db.models import Count, F, Value
from django.db.models import Window as Over
from django.db.models.functions import Greatest, RowNumber, TruncDay, TruncMonth, TruncWeek

from dialogue import eventindex
from dialogue.models import Actor, DataVersion, Event, Topic
from dialogue.timeline import Window
from tests.factories import make_event

pytestmark = pytest.mark.django_db
ANONYMOUS = AnonymousUser()


@pytest.fixture
def many(seed):
    """The seed and 400 synthetic events, some of them drafts or awaiting review."""
    call_command("generate_events", "400", verbosity=0)
    synthetic = Event.objects.filter(slug__startswith="synthetic-").order_by("pk")
    Event.objects.filter(pk__in=synthetic.values("pk")[:20]).update(is_published=False)
    Event.objects.filter(pk__in=synthetic.values("pk")[:10]).update(review=Event.Review.PROPOSED)
    # Edges (ending on the first day of a year, on the first and last day of a date filter),
    # and a span begun before the axis.
    actor = Actor.objects.get(slug="japan")
    edges = ("2011-12-20/2012-01-01", "2012-02-20/2012-03-01", "2014-06-30", "2014-07-01")
    for edtf in (*edges, "2008-11/2009-02"):
        make_event(edtf=edtf).participations.create(actor=actor)
    # An actor in two roles in one event: the event counts once.
    make_event(edtf="2013-05").participations.create(actor=actor, role="host")
    Event.objects.latest("pk").participations.create(actor=actor, role="subject")
    DataVersion.bump()
    return eventindex.current()


def oracle(user, filters: dict, window=None):
    """What the filters mean, said plainly to the database, independently of the index: the
    specification the index is checked against. Several values of one filter widen it,
    different filters narrow it; dates overlap the range."""
    events = Event.objects.on_timeline(user)
    if filters.get("actor"):
        events = events.filter(participations__actor__in=filters["actor"])
    if filters.get("topic"):
        events = events.filter(topics__in=filters["topic"])
    if filters.get("status"):
        events = events.filter(status__in=filters["status"])
    if filters.get("kind"):
        events = events.filter(kind__in=filters["kind"])
    if filters.get("date_from"):
        events = events.filter(date_upper__gte=filters["date_from"])
    if filters.get("date_to"):
        events = events.filter(date_lower__lte=filters["date_to"])
    if window:
        events = events.filter(date_lower__lte=window.end, date_upper__gte=window.start)
    return events.distinct()


def orm_count(user, filters, window=None):
    return oracle(user, filters, window).count()


FILTERS = [
    {},
    {"status": ["planned", "occurred"]},
    {"kind": ["meeting"]},
    {"date_from": date(2012, 3, 1), "date_to": date(2014, 6, 30)},
]


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("is_staff", [False, True])
def test_counts_per_year_and_per_filter_value_match_the_database(many, staff, filters, is_staff):
    user = staff if is_staff else ANONYMOUS
    filters = {**filters, "actor": [Actor.objects.get(slug="japan")]}
    chosen = many.select(staff=is_staff, filters=filters)
    for year in range(2009, 2016):
        w = Window.for_year(year)
        assert many.count(chosen.mask & many.window(w.start, w.end)) == orm_count(user, filters, w)
    counts = many.facet_counts(chosen)
    for a in Actor.objects.all():
        assert counts["actor"].get(a.pk, 0) == orm_count(user, {**filters, "actor": [a]}), a
    for t in Topic.objects.all():
        assert counts["topic"].get(t.pk, 0) == orm_count(user, {**filters, "topic": [t]}), t
    for value, _ in Event.Status.choices:
        assert counts["status"][value] == orm_count(user, {**filters, "status": [value]})
    for value, _ in Event.Kind.choices:
        assert counts["kind"][value] == orm_count(user, {**filters, "kind": [value]})
    assert sum(counts["status"].values()) == orm_count(user, {**filters, "status": None})


def test_keyset_pages_walk_the_list_in_date_and_id_order(many):
    expected = list(oracle(ANONYMOUS, {}).chronological().values_list("pk"))
    expected = [pk for (pk,) in expected]
    chosen = many.select(staff=False, filters={}).mask
    by_pk = {e.pk: e for e in Event.objects.all()}
    walked, after = [], None
    while True:
        page = many.ids(chosen, after=after, limit=37)
        walked += page
        if len(page) < 37:
            break
        last = by_pk[page[-1]]
        after = (last.date_lower, last.pk)
    assert walked == expected and len(walked) > 300


@pytest.mark.parametrize(
    ("unit", "window", "trunc"),
    [
        ("month", Window.for_year(None), TruncMonth),
        ("week", Window.for_year(2012), TruncWeek),  # its first Monday is in 2011
        ("day", Window(date(2014, 6, 30), date(2014, 7, 31)), TruncDay),
    ],
)
def test_the_heaviest_event_and_the_density_of_each_bucket_match_the_database(
    many, unit, window, trunc
):
    """Per month of the whole span, per week of a year, per day of a month: the number of
    events and the heaviest of each, an event begun before the window counted in its first
    bucket."""
    events = oracle(ANONYMOUS, {}, window)
    bucket = trunc(Greatest("date_lower", Value(window.start)))
    ranked = events.annotate(
        rank=Over(
            RowNumber(),
            partition_by=[bucket],
            order_by=[F("weight").desc(), F("date_lower").asc(), F("pk").asc()],
        )
    )
    heaviest = sorted((e.date_lower, e.pk) for e in ranked if e.rank == 1)
    in_view = many.select(staff=False, filters={}).mask & many.window(window.start, window.end)
    buckets = many.buckets(in_view, unit=unit, start=window.start)
    assert [pk for _, _, pk in buckets] == [pk for _, pk in heaviest]
    per_bucket = events.annotate(b=bucket).values_list("b").annotate(n=Count("pk")).order_by("b")
    as_dates = [(b.date() if hasattr(b, "date") else b, n) for b, n in per_bucket]
    assert [(start, n) for start, n, _ in buckets] == as_dates
    assert as_dates[0][0] <= window.start < as_dates[1][0]


def test_a_change_to_the_data_rebuilds_the_index(many):
    before = many.count(many.select(staff=False, filters={}).mask)
    Event.objects.filter(slug__startswith="synthetic-", is_published=True).first().delete()
    DataVersion.bump()
    after = eventindex.current()
    assert after is not many
    assert after.count(after.select(staff=False, filters={}).mask) == before - 1


def test_an_empty_database_gives_an_empty_index(db):
    index = eventindex.current()
    chosen = index.select(staff=False, filters={})
    assert index.size == 0 and index.ids(chosen.mask, limit=10) == []
    assert index.buckets(chosen.mask, unit="week") == []
    assert index.facet_counts(chosen)["status"]["occurred"] == 0


def test_ids_narrow_to_those_given(many):
    ids = list(Event.objects.filter(slug__startswith="synthetic-").values_list("pk", flat=True))
    chosen = many.select(staff=True, filters={}, ids=ids[:50] + [10**9])
    assert set(many.ids(chosen.mask, limit=100)) == set(ids[:50]) - set(
        Event.objects.exclude(review=Event.Review.CONFIRMED).values_list("pk", flat=True)
    )
