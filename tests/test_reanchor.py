"""Citations survive corrections of their source's text, or are flagged; never silently wrong.
A flagged citation keeps the quote the editor chose until an editor resolves it in the admin."""

import pytest

from dialogue.anchoring import correct_source_text, reanchor
from dialogue.models import Citation, Source
from tests.factories import cite, make_event, make_source

pytestmark = pytest.mark.django_db
QUOTE = "The talks were last held in December 2009."
NOTE = "Editor's note: corrected on 6 April.\n\n"


@pytest.fixture
def cited():
    source = make_source()
    return source, cite(make_event(), source, QUOTE)


def test_an_insertion_before_the_passage_moves_the_citation_with_its_words(cited):
    source, citation = cited
    report = correct_source_text(source=source, body="A new first line.\n\n" + source.body)
    citation.refresh_from_db()
    assert report == {"kept": 0, "moved": 1, "flagged": 0}
    assert source.body[citation.start : citation.end] == QUOTE
    assert not citation.needs_review


def test_an_edit_elsewhere_keeps_it_in_place(cited):
    source, citation = cited
    start = citation.start
    correct_source_text(source=source, body=source.body.replace("frank", "candid"))
    citation.refresh_from_db()
    assert (citation.start, citation.needs_review) == (start, False)


def test_an_edit_inside_the_passage_is_found_but_flagged_and_the_quote_kept(cited):
    """The offsets point at the changed words; the quote stays the one the editor chose."""
    source, citation = cited
    prefix, suffix = citation.prefix, citation.suffix
    body = source.body.replace("December 2009", "Dec. 2009")
    report = correct_source_text(source=source, body=body)
    citation.refresh_from_db()
    assert report == {"kept": 0, "moved": 0, "flagged": 1}
    assert citation.needs_review
    assert citation.exact == QUOTE
    assert body[citation.start : citation.end] == "The talks were last held in Dec. 2009."
    assert (citation.prefix, citation.suffix) == (prefix, suffix)


def test_a_deleted_passage_is_flagged_and_keeps_its_words(cited):
    source, citation = cited
    body = source.body.replace(QUOTE, "")
    correct_source_text(source=source, body=body)
    citation.refresh_from_db()
    assert citation.needs_review and citation.exact == QUOTE
    assert 0 <= citation.start < citation.end <= len(body)


def test_a_repeated_quote_stays_on_its_own_occurrence_when_text_goes_before_both():
    """Defect 1: the nearest occurrence to the old offset was the first one once a paragraph
    longer than the gap between them went before both; the context says it is the second."""
    source = make_source()
    second = source.body.rindex("The talks were")
    citation = Citation.objects.create(
        event=make_event(), source=source, exact="The talks were", start=second, end=second + 14
    )
    body = "A paragraph added at the top, longer than the gap between the two.\n\n" + source.body
    report = correct_source_text(source=source, body=body)
    citation.refresh_from_db()
    assert report == {"kept": 0, "moved": 1, "flagged": 0}
    assert citation.start == body.rindex("The talks were")
    assert citation.prefix.endswith("December 2009. ")


def test_two_citations_of_one_event_can_move_onto_each_others_old_places():
    """The first moves to where the second was: written in that order, the second would still
    hold the place (event, source, start, end are unique together)."""
    source, event = make_source(), make_event()
    quote = "The talks were"
    first, second = source.body.index(quote), source.body.rindex(quote)
    citations = [
        Citation.objects.create(event=event, source=source, exact=quote, start=at, end=at + 14)
        for at in (first, second)
    ]
    added = ("An added paragraph. " * 3)[: second - first - 2] + "\n\n"
    report = correct_source_text(source=source, body=added + source.body)
    assert report == {"kept": 0, "moved": 2, "flagged": 0}
    for citation, at in zip(citations, (second, second + len(added)), strict=True):
        citation.refresh_from_db()
        assert (citation.start, citation.needs_review) == (at, False)


def test_rewritten_words_are_not_moved_to_the_same_words_elsewhere():
    """The only "March 19" left stands in other words: its context does not agree."""
    body = "The talks were held on March 19 in Tokyo. The next round opens on March 19, 2016."
    start = body.index("March 19")
    context = {"prefix": body[max(0, start - 32) : start], "suffix": body[start + 8 : start + 40]}
    new = body.replace("on March 19 in Tokyo", "the next day in Tokyo")
    anchor = reanchor(new, exact="March 19", start=start, **context)
    assert (anchor.start, anchor.confident) == (new.index("March 19"), False)


def test_a_quote_opening_the_text_is_told_from_like_words_by_what_precedes_them():
    """Its prefix is empty because nothing came before it: words that follow other words are
    not it, however alike ("Seoul waited." is an approximate match of "Seoul agreed.")."""
    body = "Seoul agreed. Tokyo followed a week later. Seoul waited."
    context = {"prefix": "", "suffix": body[13:45]}
    anchor = reanchor(body + " Then both met.", exact="Seoul agreed.", start=0, **context)
    assert (anchor.start, anchor.end, anchor.confident) == (0, 13, True)


def test_with_no_context_to_tell_two_occurrences_apart_it_is_flagged():
    body = "Yes. The talks. Filler text here. The talks. End."
    anchor = reanchor(body, exact="The talks.", start=30, prefix="", suffix="")
    assert (anchor.start, anchor.confident) == (body.rindex("The talks."), False)


def test_a_pasted_copy_of_the_sentence_makes_it_ambiguous_not_moved():
    body = "Seoul agreed. The talks were frank and long. Tokyo agreed."
    start = body.index("frank")
    prefix, suffix = body[:start], body[start + 5 :]
    copied = body.replace("Tokyo agreed.", "The talks were frank and long. Tokyo agreed.")
    anchor = reanchor(copied, exact="frank", start=start, prefix=prefix, suffix=suffix)
    assert not anchor.confident


OPENING = "Japan and South Korea have broadly agreed to resume a long-suspended security dialogue"
MEETING = "Foreign ministers of both nations agreed at a meeting in Seoul last month"


def paste_copy(body: str, sentence_start: str, *, then=("", "")) -> str:
    """The body with a copy of the sentence beginning `sentence_start` pasted after its paragraph,
    then `then` (old, new) replaced in the original only."""
    start = body.index(sentence_start)
    end = body.index(".", start) + 1
    after = body.index("\n\n", end) + 2
    original = body[:after].replace(*then) if then[0] else body[:after]
    return original + body[start:end] + " " + body[after:]


@pytest.mark.parametrize(
    ("quote", "body"),
    [
        # The opening sentence (nothing before it) pasted again after its paragraph.
        (OPENING, lambda body: paste_copy(body, OPENING)),
        # ...and its end edited in the original: the copy alone has the quote and its context.
        (OPENING, lambda body: paste_copy(body, OPENING, then=("later this month", "in May"))),
        # A sentence pasted again, and the original edited just before the quote: its copy has
        # the old context on both sides now, the original on neither, but some of it still.
        (
            "the sources said Saturday",
            lambda body: paste_copy(
                body, MEETING, then=("earliest convenience,", "soonest possible date,")
            ),
        ),
    ],
)
def test_a_pasted_copy_never_takes_the_citation_from_the_original(seed, quote, body):
    source = Source.objects.get(outlet__name="The Japan Times")
    new = body(source.body)
    for citation in Citation.objects.filter(source=source, exact__startswith=quote):
        anchor = reanchor(
            new,
            exact=citation.exact,
            start=citation.start,
            prefix=citation.prefix,
            suffix=citation.suffix,
        )
        assert not anchor.confident, citation.exact


@pytest.mark.parametrize(("old", "new"), [("March 19", "March 18"), ("1910-1945", "1910 to 1945")])
def test_a_changed_date_stays_flagged_with_its_old_words_through_later_edits(seed, old, new):
    """Defect 2: the flagged quote was overwritten with the new words, and the next correction
    of the article, anywhere, cleared the flag."""
    source = Source.objects.get(outlet__name="The Japan Times")
    touched = set(Citation.objects.filter(source=source, exact__contains=old))
    quotes = {c.pk: (c.exact, c.prefix, c.suffix) for c in touched}
    assert touched
    report = correct_source_text(source=source, body=source.body.replace(old, new))
    assert report["flagged"] == len(touched)
    correct_source_text(source=source, body=NOTE + source.body)
    for citation in Citation.objects.filter(source=source):
        if citation in touched:
            assert citation.needs_review
            assert (citation.exact, citation.prefix, citation.suffix) == quotes[citation.pk]
            now = source.body[citation.start : citation.end]
            assert new in now and now == citation.exact.replace(old, new)
        else:
            assert not citation.needs_review
            assert source.body[citation.start : citation.end] == citation.exact


def test_only_an_editor_clears_the_flag_even_when_the_words_come_back(seed):
    source = Source.objects.get(outlet__name="The Japan Times")
    citation = Citation.objects.get(source=source, exact__contains="March 19")
    correct_source_text(source=source, body=source.body.replace("March 19", "March 18"))
    report = correct_source_text(source=source, body=source.body.replace("March 18", "March 19"))
    citation.refresh_from_db()
    assert report["flagged"] == 1
    assert citation.needs_review
    assert source.body[citation.start : citation.end] == citation.exact


def test_a_flagged_passage_is_shown_as_needing_review_not_highlighted(client, cited):
    source, citation = cited
    correct_source_text(source=source, body=source.body.replace(QUOTE, "Gone."))
    html = client.get(citation.event.get_absolute_url()).content.decode()
    assert "Passage needs review" in html
    page = client.get(source.get_absolute_url()).content.decode()
    assert f'id="cite-{citation.pk}"' not in page


def test_an_editor_correcting_a_source_in_the_admin_reanchors_its_citations(client, seed, staff):
    client.force_login(staff)
    source = Source.objects.get(outlet__name="The Japan Times")
    data = {f: getattr(source, f) for f in ("title", "slug", "outlet", "section", "byline",
                                            "agency", "published_time", "url", "language",
                                            "received_as")}  # fmt: skip
    data |= {
        "outlet": source.outlet_id,
        "agency": source.agency_id or "",
        "published_on": source.published_on.isoformat(),
        "body": "Editor's note.\n\n" + source.body,
    }
    response = client.post(f"/admin/dialogue/source/{source.pk}/change/", data, follow=True)
    assert "Citations re-anchored" in response.content.decode()
    for citation in Citation.objects.filter(source=source):
        source.refresh_from_db()
        assert source.body[citation.start : citation.end] == citation.exact
        assert not citation.needs_review


# Resolving a flagged citation in the admin.


@pytest.fixture
def flagged(seed, staff, client):
    """The seed citation of "March 19", after an editor changed the date to March 18."""
    client.force_login(staff)
    source = Source.objects.get(outlet__name="The Japan Times")
    correct_source_text(source=source, body=source.body.replace("March 19", "March 18"))
    return Citation.objects.get(source=source, exact__contains="March 19")


def citation_form(citation, **extra):
    """The POST of the admin's change page of a citation, as it shows."""
    return {
        "event": citation.event_id,
        "source": citation.source_id,
        "exact": citation.exact,
        "words_before": "",
        "start": citation.start,
        "end": citation.end,
    } | extra


def change_url(citation):
    return f"/admin/dialogue/citation/{citation.pk}/change/"


def test_the_admin_shows_the_old_quote_beside_the_new_words(client, flagged):
    listing = client.get("/admin/dialogue/citation/", {"needs_review__exact": "1"})
    html = listing.content.decode()
    around = "“…dialogue in four years on March {} in Tokyo and agreed to continue…”"
    assert f"<del>{around.format(19)}</del><br><ins>{around.format(18)}</ins>" in html
    page = client.get(change_url(flagged)).content.decode()
    assert "Passage needs review" in page
    assert "Quoted (as the editor chose it)" in page
    assert "on March 19 in Tokyo" in page and "<mark>In a separate move" in page
    assert "on March 18 in Tokyo" in page


def test_the_admin_escapes_the_words_it_shows(client, staff):
    client.force_login(staff)
    source = make_source(body="It was <b>frank</b>. The talks ended.")
    citation = cite(make_event(), source, "It was <b>frank</b>.")
    correct_source_text(source=source, body="It was <i>candid</i>. The talks ended.")
    page = client.get(change_url(citation)).content.decode()
    listing = client.get("/admin/dialogue/citation/").content.decode()
    for html in (page, listing):
        assert "&lt;i&gt;candid" in html and "<i>candid" not in html
        assert "&lt;b&gt;frank" in html and "<b>frank" not in html


def test_saving_a_flagged_citation_without_resolving_it_keeps_the_flag(client, flagged):
    """And the context it was anchored with, though the text around it changed as well."""
    source = flagged.source
    correct_source_text(source=source, body=source.body.replace("Korean threats", "threats"))
    flagged.refresh_from_db()
    quote, prefix, suffix = flagged.exact, flagged.prefix, flagged.suffix
    assert prefix != source.body[flagged.start - 32 : flagged.start]
    response = client.post(change_url(flagged), citation_form(flagged))
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert flagged.needs_review
    assert (flagged.exact, flagged.prefix, flagged.suffix) == (quote, prefix, suffix)


def test_confirming_the_new_words_on_the_form_clears_the_flag(client, flagged):
    response = client.post(change_url(flagged), citation_form(flagged, confirm_new_words="on"))
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert not flagged.needs_review
    assert "March 18" in flagged.exact
    assert flagged.source.body[flagged.start : flagged.end] == flagged.exact
    assert flagged.prefix == flagged.source.body[flagged.start - 32 : flagged.start]


def test_confirming_the_new_words_by_the_admin_action(client, flagged):
    response = client.post(
        "/admin/dialogue/citation/",
        {"action": "confirm_new_words", "_selected_action": [flagged.pk]},
    )
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert not flagged.needs_review
    assert flagged.exact == flagged.source.body[flagged.start : flagged.end]
    assert "March 18" in flagged.exact


def test_reselecting_the_passage_by_pasting_the_right_quote_clears_the_flag(client, flagged):
    quote = "Japan and China held their first bilateral security dialogue in four years"
    response = client.post(change_url(flagged), citation_form(flagged, exact=quote))
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert not flagged.needs_review
    assert flagged.exact == quote
    assert flagged.source.body[flagged.start : flagged.end] == quote


def test_pasting_a_quote_not_in_the_source_keeps_the_flag(client, flagged):
    response = client.post(change_url(flagged), citation_form(flagged, exact="on March 20"))
    assert response.status_code == 200
    assert "This passage is not in the source" in response.content.decode()
    flagged.refresh_from_db()
    assert flagged.needs_review and "March 19" in flagged.exact


def event_change_form(event, citation, **extra):
    """The POST of the admin's change page of an event with one citation, as it shows."""
    return {
        **{
            f"{name}_{code}": getattr(event, f"{name}_{code}") or ""
            for name in ("title", "summary", "date_derivation")
            for code in ("en", "ja", "ko")
        },
        "slug": event.slug,
        "kind": event.kind,
        "status": event.status,
        "is_published": "on",
        "edtf": event.edtf,
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "1",
        "citations-0-id": citation.pk,
        "citations-0-event": event.pk,
        "citations-0-source": citation.source_id,
        "citations-0-exact": citation.exact,
        "citations-0-words_before": "",
        "citations-0-start": citation.start,
        "citations-0-end": citation.end,
    } | extra


@pytest.fixture
def flagged_inline(client, staff, cited):
    """A citation flagged by a correction of its source ("December" became "Dec."), and its
    event's admin page, where an editor signed in sees it inline."""
    client.force_login(staff)
    source, citation = cited
    correct_source_text(source=source, body=source.body.replace("December", "Dec."))
    citation.refresh_from_db()
    return citation, f"/admin/dialogue/event/{citation.event_id}/change/"


def test_the_event_page_shows_a_flagged_citation_and_saves_it_as_it_is(client, flagged_inline):
    """The inline form would relocate the quote, which the corrected text no longer has."""
    citation, url = flagged_inline
    assert "Passage needs review" in client.get(url).content.decode()
    response = client.post(url, event_change_form(citation.event, citation, title_en="Renamed"))
    assert response.status_code == 302, response.context["errors"]
    citation.refresh_from_db()
    assert citation.event.title == "Renamed"
    assert citation.needs_review and citation.exact == QUOTE


def test_the_event_page_confirms_a_flagged_citation(client, flagged_inline):
    citation, url = flagged_inline
    data = event_change_form(citation.event, citation, **{"citations-0-confirm_new_words": "on"})
    assert client.post(url, data).status_code == 302
    citation.refresh_from_db()
    assert not citation.needs_review
    assert citation.exact == "The talks were last held in Dec. 2009."


def test_a_flagged_passage_is_not_served_as_where_the_text_says_it(client, seed):
    """The API's source citations promise body[start:end] == quote; a flagged one is left out
    there and on the source page, and marked in the event's record."""
    from dialogue.models import Citation

    citation = Citation.objects.filter(event__slug="kono-statement").first()
    Citation.objects.filter(pk=citation.pk).update(needs_review=True)
    source = client.get(f"/api/sources/{citation.source.slug}/").json()
    assert citation.pk not in [c["id"] for c in source["citations"]]
    assert (
        f'id="{citation.anchor}"'
        not in client.get(f"/sources/{citation.source.slug}/").content.decode()
    )
    event = client.get("/api/events/kono-statement/").json()
    assert [c["needs_review"] for c in event["citations"] if c["id"] == citation.pk] == [True]


def test_two_citations_of_one_event_never_land_on_one_place(db):
    """One event cites the same words in two paragraphs; the first goes. The flagged citation
    can't take the place the other now holds (was an IntegrityError: a 500, the correction
    lost)."""
    from dialogue.models import Citation
    from tests.factories import make_event, make_source

    quote = "the talks were frank"
    body = f"Alpha said {quote}. Gamma delta.\n\nEpsilon said {quote}. Eta theta."
    source, event = make_source(body=body), make_event()
    for at in (body.index(quote), body.rindex(quote)):
        Citation.objects.create(event=event, source=source, exact=quote, start=at, end=at + 20)
    new = body.replace(f"Alpha said {quote}. ", "")
    report = correct_source_text(source=source, body=new)
    places = list(Citation.objects.values_list("start", "end"))
    assert len(set(places)) == 2 and report["kept"] + report["moved"] + report["flagged"] == 2
    source.refresh_from_db()
    assert source.body == new
    confident = Citation.objects.get(needs_review=False)
    assert new[confident.start : confident.end] == quote
