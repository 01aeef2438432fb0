"""Citations survive corrections of their source's text, or are flagged; never silently wrong."""

import pytest

from dialogue import services
from dialogue.models import Citation, Source
from dialogue.passages import reanchor
from tests.factories import cite, make_event, make_source

pytestmark = pytest.mark.django_db
QUOTE = "The talks were last held in December 2009."


@pytest.fixture
def cited():
    source = make_source()
    return source, cite(make_event(), source, QUOTE)


def test_an_insertion_before_the_passage_moves_the_citation_with_its_words(cited):
    source, citation = cited
    report = services.correct_source_text(source=source, body="A new first line.\n\n" + source.body)
    citation.refresh_from_db()
    assert report == {"kept": 0, "moved": 1, "flagged": 0}
    assert source.body[citation.start : citation.end] == QUOTE
    assert not citation.needs_review


def test_an_edit_elsewhere_keeps_it_in_place(cited):
    source, citation = cited
    start = citation.start
    services.correct_source_text(source=source, body=source.body.replace("frank", "candid"))
    citation.refresh_from_db()
    assert (citation.start, citation.needs_review) == (start, False)


def test_an_edit_inside_the_passage_is_found_but_flagged(cited):
    source, citation = cited
    body = source.body.replace("December 2009", "Dec. 2009")
    report = services.correct_source_text(source=source, body=body)
    citation.refresh_from_db()
    assert report["flagged"] == 1
    assert citation.needs_review
    assert citation.exact == "The talks were last held in Dec. 2009."
    assert body[citation.start : citation.end] == citation.exact


def test_a_deleted_passage_is_flagged_and_keeps_its_words(cited):
    source, citation = cited
    body = source.body.replace(QUOTE, "")
    services.correct_source_text(source=source, body=body)
    citation.refresh_from_db()
    assert citation.needs_review and citation.exact == QUOTE


def test_the_nearest_occurrence_wins_when_the_quote_repeats():
    body = "Yes. The talks. Filler text here. The talks. End."
    anchor = reanchor(body, exact="The talks.", start=30, prefix="", suffix="")
    assert (anchor.start, anchor.confident) == (body.rindex("The talks."), True)


def test_a_flagged_passage_is_shown_as_needing_review_not_highlighted(client, cited):
    source, citation = cited
    services.correct_source_text(source=source, body=source.body.replace(QUOTE, "Gone."))
    html = client.get(citation.event.get_absolute_url()).content.decode()
    assert "Passage needs review" in html
    page = client.get(source.get_absolute_url()).content.decode()
    assert f'id="cite-{citation.pk}"' not in page


def test_an_editor_correcting_a_source_in_the_admin_reanchors_its_citations(client, seed, staff):
    client.force_login(staff)
    source = Source.objects.get(outlet="The Japan Times")
    data = {f: getattr(source, f) for f in ("title", "slug", "outlet", "section", "byline",
                                            "agency", "published_time", "url", "language",
                                            "received_as")}  # fmt: skip
    data |= {
        "published_on": source.published_on.isoformat(),
        "body": "Editor's note.\n\n" + source.body,
    }
    response = client.post(f"/admin/dialogue/source/{source.pk}/change/", data, follow=True)
    assert "Citations re-anchored" in response.content.decode()
    for citation in Citation.objects.filter(source=source):
        source.refresh_from_db()
        assert source.body[citation.start : citation.end] == citation.exact
        assert not citation.needs_review
