"""Finding quoted passages in a source body and cutting the body up around them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from urllib.parse import quote

from diff_match_patch import diff_match_patch
from django.core.exceptions import ValidationError

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Typographic variants an editor's paste often differs by.
_EQUIVALENT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _normalise(text: str) -> tuple[str, list[int]]:
    """Text with quotes unified and white space folded, and where each character came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text.translate(_EQUIVALENT)):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
        origin.append(i)
    return "".join(out), origin


def _all_matches(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def locate_quote(
    body: str, quote_text: str, *, prefix: str = "", suffix: str = ""
) -> tuple[int, int]:
    """Offsets (start, end) of a pasted quote in a source body.

    An exact match wins; failing that, one that differs only by typographic quotes, dashes or
    white space. Words given before or after the quote (prefix, suffix) pick between several
    matches. Raises ValidationError saying why the quote can't be placed.
    """
    needle = quote_text.strip()
    if not needle:
        raise ValidationError("Paste the passage to cite.", code="empty_quote")
    matches = [(at, at + len(needle)) for at in _all_matches(body, needle)]
    if not matches:
        flat_body, origin = _normalise(body)
        flat_needle, _ = _normalise(needle)
        matches = [
            (origin[at], origin[at + len(flat_needle) - 1] + 1)
            for at in _all_matches(flat_body, flat_needle)
        ]
    if prefix or suffix:
        matches = [
            (start, end)
            for start, end in matches
            if body[:start].rstrip().endswith(prefix.strip())
            and body[end:].lstrip().startswith(suffix.strip())
        ]
    if not matches:
        raise ValidationError(
            "This passage is not in the source%(hint)s. Paste it exactly as the article has it.",
            params={"hint": " with that text before or after it" if prefix or suffix else ""},
            code="quote_not_found",
        )
    if len(matches) > 1:
        raise ValidationError(
            "This passage occurs %(count)s times in the source (at characters %(places)s). "
            "Give a few words just before or after it to say which one.",
            params={"count": len(matches), "places": ", ".join(str(s) for s, _ in matches)},
            code="quote_ambiguous",
        )
    return matches[0]


@dataclass
class Segment:
    text: str
    citations: list = field(default_factory=list)  # the citations covering this text
    starting: list = field(default_factory=list)  # citations whose passage starts here
    ending: list = field(default_factory=list)  # citations whose passage ends here


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph of a body."""
    spans, start = [], 0
    for brk in PARAGRAPH_BREAK.finditer(body):
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(body)))
    return [(s, e) for s, e in spans if body[s:e].strip()]


def annotate(body: str, citations) -> list[list[Segment]]:
    """The body as paragraphs of segments, each segment knowing which citations cover it."""
    citations = sorted(citations, key=lambda c: (c.start, c.end, c.pk or 0))
    paragraphs = []
    for p_start, p_end in paragraph_spans(body):
        inside = [c for c in citations if c.start < p_end and c.end > p_start]
        cuts = {p_start, p_end}
        for c in inside:
            cuts.update(x for x in (c.start, c.end) if p_start < x < p_end)
        points = sorted(cuts)
        segments = []
        for a, b in zip(points, points[1:], strict=False):
            segments.append(
                Segment(
                    text=body[a:b],
                    citations=[c for c in inside if c.start <= a and c.end >= b],
                    starting=[c for c in inside if c.start == a],
                    ending=[c for c in inside if c.end == b],
                )
            )
        paragraphs.append(segments)
    return paragraphs


def passage_in_context(body: str, start: int, end: int) -> tuple[str, str, str]:
    """The text before a passage, the passage and the text after it, within its paragraph(s)."""
    spans = paragraph_spans(body)
    p_start = max((s for s, _ in spans if s <= start), default=0)
    p_end = min((e for _, e in spans if e >= end), default=len(body))
    return body[p_start:start], body[start:end], body[end:p_end]


def _fragment_part(text: str) -> str:
    # Text fragments reserve "-", "&" and "," as syntax, so they must be percent-encoded too.
    return quote(text, safe="").replace("-", "%2D")


def text_fragment_url(url: str, passage: str) -> str:
    """A link that opens the original article scrolled to the passage (a URL Text Fragment)."""
    if not url:
        return ""
    words = passage.split()
    if len(words) <= 8:
        directive = _fragment_part(" ".join(words))
    else:
        directive = _fragment_part(" ".join(words[:4])) + "," + _fragment_part(" ".join(words[-4:]))
    return f"{url.split('#')[0]}#:~:text={directive}"


@dataclass
class Anchor:
    start: int
    end: int
    exact: str
    confident: bool  # False: the words changed or vanished, an editor must look


def reanchor(new_body: str, *, exact: str, start: int, prefix: str, suffix: str) -> Anchor:
    """Where a quoted passage is in a corrected text, the way Hypothesis re-anchors annotations:
    the same offsets if the quote is still there; else the occurrence of the quote nearest its
    old place; else a fuzzy match of the text just before and after it. Only an exact quote is
    confident; a changed one is found but flagged; a vanished one keeps its old words, flagged."""
    end = start + len(exact)
    if new_body[start:end] == exact:
        return Anchor(start, end, exact, True)
    places = _all_matches(new_body, exact)
    if places:
        nearest = min(places, key=lambda at: abs(at - start))
        return Anchor(nearest, nearest + len(exact), exact, True)
    dmp = diff_match_patch()
    dmp.Match_Threshold = 0.3
    dmp.Match_Distance = 2000
    head = prefix[-32:]
    tail = suffix[:32]
    found_start = found_end = -1
    if head:
        at = dmp.match_main(new_body, head, max(0, start - len(head)))
        found_start = at + len(head) if at != -1 else -1
    if tail:
        at = dmp.match_main(new_body, tail, min(len(new_body), end))
        found_end = at if at != -1 else -1
    if found_start == -1 and found_end != -1:
        found_start = max(0, found_end - len(exact))
    if found_end == -1 and found_start != -1:
        found_end = min(len(new_body), found_start + len(exact))
    if 0 <= found_start < found_end:
        candidate = new_body[found_start:found_end]
        if SequenceMatcher(None, candidate, exact).ratio() >= 0.6:
            return Anchor(found_start, found_end, candidate, False)
    return Anchor(start, end, exact, False)
