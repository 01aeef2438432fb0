"""Finding quoted passages in a source body and cutting the body up around them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

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


def all_matches(haystack: str, needle: str) -> list[int]:
    """Every offset at which needle occurs in haystack, overlapping ones too."""
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
    matches = [(at, at + len(needle)) for at in all_matches(body, needle)]
    if not matches:
        flat_body, origin = _normalise(body)
        flat_needle, _ = _normalise(needle)
        matches = [
            (origin[at], origin[at + len(flat_needle) - 1] + 1)
            for at in all_matches(flat_body, flat_needle)
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
