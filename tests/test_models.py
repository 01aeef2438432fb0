import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dialogue.dates import describe
from dialogue.models import Citation, Event, EventSlug
from tests.factories import cite, make_event, make_source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("edtf", "lower", "upper", "precision"),
    [
        ("2015-03", "2015-03-01", "2015-03-31", "month"),
        ("2013", "2013-01-01", "2013-12-31", "year"),
        ("2015-04-27", "2015-04-27", "2015-04-27", "day"),
        ("2015-04-05/2015-04-30", "2015-04-05", "2015-04-30", "span"),
        ("2015-04-27?", "2015-04-27", "2015-04-27", "day"),
        ("2016-02", "2016-02-01", "2016-02-29", "month"),
    ],
)
def test_event_date_bounds_follow_edtf(edtf, lower, upper, precision):
    event = make_event(edtf=edtf)
    event.refresh_from_db()
    assert (str(event.date_lower), str(event.date_upper)) == (lower, upper)
    assert event.precision == precision


def test_an_invalid_edtf_is_refused_with_examples():
    event = Event(slug="x", title="X", edtf="last month", kind="meeting", status="occurred")
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert "EDTF" in str(excinfo.value.message_dict["edtf"])


def test_the_database_refuses_date_bounds_out_of_order():
    event = make_event(edtf="2015-04")
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(date_lower="2015-05-01")


@pytest.mark.parametrize(
    ("edtf", "words"),
    [
        ("2015-03", "March 2015"),
        ("2015-04-27", "27 April 2015"),
        ("2015-04-05/2015-04-30", "5 – 30 April 2015"),
        ("2009-12/2015-04", "December 2009 – April 2015"),
        ("2014?", "2014 (uncertain)"),
        ("2015-04~", "about April 2015"),
        ("1910/1945", "1910 – 1945"),
    ],
)
def test_dates_are_said_at_their_own_precision(edtf, words):
    assert describe(edtf) == words


def test_a_citation_must_quote_the_source_at_its_offsets():
    source, event = make_source(), make_event()
    with pytest.raises(ValidationError, match="not at characters 0–5"):
        Citation.objects.create(event=event, source=source, exact="Korea", start=0, end=5)
    assert not Citation.objects.exists()


def test_a_citation_keeps_the_text_around_its_quote():
    source, event = make_source(), make_event()
    citation = cite(event, source, "last held in December 2009")
    assert citation.prefix.endswith("The talks were ")
    assert citation.suffix.startswith(". The talks")


def test_one_citation_per_event_and_passage():
    source, event = make_source(), make_event()
    cite(event, source, "frank")
    with pytest.raises(IntegrityError), transaction.atomic():
        cite(event, source, "frank")


def test_renaming_an_event_keeps_its_old_slug():
    event = make_event(slug="old-name")
    event.slug = "new-name"
    event.save()
    assert EventSlug.objects.get(slug="old-name").event == event


def test_drafts_are_not_published():
    published, draft = make_event(), make_event(is_published=False)
    assert list(Event.objects.published()) == [published]
    assert draft not in Event.objects.published()
