"""The seed fixture: the two articles, kept whole, and every event cited at its passage."""

from pathlib import Path

import pytest
from django.conf import settings

from dialogue.models import Citation, Event, Period, Source

pytestmark = pytest.mark.django_db
ARTICLES = Path(settings.BASE_DIR) / "fixtures" / "articles"


def test_each_article_is_kept_exactly_as_received(seed):
    for source in Source.objects.all():
        raw = (ARTICLES / source.received_as).read_text(encoding="utf-8")
        assert source.raw_text == raw


@pytest.mark.parametrize("furniture", ["Link copied", "지나쌤", "Published :", "World / Politics"])
def test_page_furniture_is_not_in_any_body(seed, furniture):
    assert not Source.objects.filter(body__contains=furniture).exists()


def test_every_body_paragraph_is_in_the_raw_text(seed):
    for source in Source.objects.all():
        for paragraph in source.body.split("\n\n"):
            assert paragraph in source.raw_text


def test_every_published_event_cites_a_passage_at_its_offsets(seed):
    events = Event.objects.published().prefetch_related("citations__source")
    assert events.count() >= 16
    for event in events:
        citations = event.citations.all()
        assert citations, f"{event.slug} cites nothing"
        for c in citations:
            assert c.source.body[c.start : c.end] == c.exact, c.pk
            assert c.source.body[: c.start].endswith(c.prefix)
            assert c.source.body[c.end :].startswith(c.suffix)


def test_the_last_meeting_before_the_suspension_is_cited_by_both_articles(seed):
    event = Event.objects.get(edtf="2009-12")
    assert Citation.objects.filter(event=event).values("source").distinct().count() == 2


@pytest.mark.parametrize(
    ("slug", "edtf", "status"),
    [
        ("security-consultations-agreement", "1997", "occurred"),
        ("kono-statement", "1993", "occurred"),
        ("security-meeting-falls-through", "2013", "cancelled"),
        ("foreign-ministers-agree-in-seoul", "2015-03", "occurred"),
        ("japan-china-security-dialogue", "2015-03-19", "occurred"),
        ("agreement-to-resume-dialogue-reported", "2015-04-04", "occurred"),
        ("japan-us-defence-guidelines-revision", "2015-04-27", "planned"),
        ("seoul-pushes-security-consultations", "2014-09-09", "occurred"),
    ],
)
def test_curated_dates_resolve_the_articles_relative_expressions(seed, slug, edtf, status):
    event = Event.objects.get(slug=slug)
    assert (event.edtf, event.status) == (edtf, status)


def test_the_suspension_is_a_named_period(seed):
    period = Period.objects.get()
    assert (str(period.date_lower), str(period.date_upper)) == ("2009-12-01", "2015-04-30")


def test_loading_the_seed_twice_changes_nothing(seed):
    from django.core.management import call_command

    before = Event.objects.count(), Citation.objects.count()
    call_command("load_seed", verbosity=0)
    assert (Event.objects.count(), Citation.objects.count()) == before
