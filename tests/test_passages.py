import pytest
from django.core.exceptions import ValidationError

from dialogue.passages import annotate, locate_quote, passage_in_context, text_fragment_url

BODY = "Tokyo’s view differs.\n\nThe talks were frank. The talks were long."


def test_an_exact_quote_is_found():
    assert locate_quote(BODY, "were frank") == (33, 43)


def test_a_quote_pasted_with_straight_quotes_and_odd_spacing_is_found():
    start, end = locate_quote(BODY, "Tokyo's   view")
    assert BODY[start:end] == "Tokyo’s view"


def test_a_quote_found_twice_asks_for_words_around_it():
    with pytest.raises(ValidationError, match="occurs 2 times") as excinfo:
        locate_quote(BODY, "The talks were")
    assert excinfo.value.code == "quote_ambiguous"
    start, _ = locate_quote(BODY, "The talks were", prefix="frank.")
    assert start == BODY.rindex("The talks were")


def test_a_quote_not_in_the_source_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        locate_quote(BODY, "The talks were short")
    assert excinfo.value.code == "quote_not_found"


class C:
    def __init__(self, pk, start, end):
        self.pk, self.start, self.end = pk, start, end


def test_annotate_splits_paragraphs_at_every_citation_edge():
    first, second = C(1, 23, 44), C(2, 38, 66)  # overlapping passages
    paragraphs = annotate(BODY, [second, first])
    assert [seg.text for seg in paragraphs[0]] == ["Tokyo’s view differs."]
    texts = [(seg.text, [c.pk for c in seg.citations]) for seg in paragraphs[1]]
    assert "".join(t for t, _ in texts) == BODY[23:]
    assert ("The talks were ", [1]) in texts
    assert ("frank.", [1, 2]) in texts
    assert [c.pk for c in paragraphs[1][0].starting] == [1]


def test_a_passage_is_shown_within_its_paragraph():
    before, quote, after = passage_in_context(BODY, 33, 43)
    assert (before, quote, after) == ("The talks ", "were frank", ". The talks were long.")


def test_text_fragment_links_encode_the_reserved_characters():
    url = text_fragment_url("https://example.org/a#top", "Japan-South Korea, again")
    assert url == "https://example.org/a#:~:text=Japan%2DSouth%20Korea%2C%20again"
    long = text_fragment_url("https://e.org/", "one two three four five six seven eight nine ten")
    assert long.endswith("#:~:text=one%20two%20three%20four,seven%20eight%20nine%20ten")
    assert text_fragment_url("", "x") == ""
