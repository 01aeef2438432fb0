"""Random corrections of the seed articles: re-anchoring is never confidently wrong.

Each trial applies one edit (or, for the hardest case, a duplicated sentence followed by an edit
of the original) to a seed article's text, re-anchors every citation of that article, and
compares the result with the truth, found by following the quote's own characters through the
edit. A citation is "kept right" when re-anchoring is confident and lands on those characters,
unchanged; "flagged" when it is not confident; "silently wrong" when it is confident anywhere
else, or when the quoted words were changed. The first figure must be high, the last zero.
"""

import random
import re
from collections import Counter

import pytest

from dialogue import anchoring
from dialogue.models import Source

pytestmark = pytest.mark.django_db

TRIALS = 600
CONTEXT = 32
WORDS = ["talks", "Seoul", "the", "officials", "said", "March 18", "defense", "1910 to 1945"]
KINDS = ["insert", "delete", "replace", "duplicate", "whitespace", "inside", "beside", "both"]
OUTCOMES = ["kept right", "flagged, words unchanged", "flagged, words changed", "silently wrong"]
SENTENCE = re.compile(r"[^.\n]+\.[”\"]?")


def splice(body: str, at: int, removed: int, inserted: str) -> str:
    return body[:at] + inserted + body[at + removed :]


def follow(body: str, span, at: int, removed: int, inserted: str):
    """Where the characters of span are after the splice, or None if it changed any of them.

    A splice that only adds or removes a copy of the characters beside it (a doubled space, a
    repeated letter) could have been made at several places; if any of them leaves the quote
    alone, the quote is unchanged."""
    if span is None:
        return None
    new = splice(body, at, removed, inserted)
    # What the splice puts back as it was is not an edit ("l" replaced by "Seoul": "Seou" added).
    old = body[at : at + removed]
    while old and inserted and old[0] == inserted[0]:
        old, inserted, at = old[1:], inserted[1:], at + 1
    while old and inserted and old[-1] == inserted[-1]:
        old, inserted = old[:-1], inserted[:-1]
    removed = len(old)
    ways = [(at, removed, len(inserted))]
    if not removed or not inserted:
        for other in range(max(0, at - 40), min(len(body), at + 40) + 1):
            piece = new[other : other + len(inserted)]
            if splice(body, other, removed, piece) == new:
                ways.append((other, removed, len(inserted)))
    start, end = span
    for place, gone, added in ways:
        if place + gone <= start:
            return start + added - gone, end + added - gone
        if place >= end:
            return start, end
    return None


def random_edit(rng: random.Random, body: str, citations) -> tuple[str, list[tuple]]:
    """A kind of edit and its splices (at, removed, inserted), applied one after the other."""
    sentences = [(m.start(), m.end()) for m in SENTENCE.finditer(body)]
    cited = rng.choice(citations)
    kind = rng.choice(KINDS)
    if kind == "insert":
        at = rng.randrange(len(body) + 1)
        text = rng.choice([rng.choice(WORDS) + " ", "A new sentence. ", "\n\nA new paragraph."])
        return kind, [(at, 0, text)]
    if kind == "delete":
        if rng.random() < 0.5:
            a, b = rng.choice(sentences)
            return kind, [(a, b - a, "")]
        at = rng.randrange(len(body))
        return kind, [(at, min(rng.randint(1, 12), len(body) - at), "")]
    if kind == "replace":
        words = [(m.start(), m.end()) for m in re.finditer(r"\w+", body)]
        a, b = rng.choice(words)
        replacement = rng.choice([w for w in WORDS if w != body[a:b]])
        return kind, [(a, b - a, replacement)]
    if kind in ("duplicate", "both"):
        # A copy of a cited sentence, or of just the quote, pasted at a sentence break or anywhere.
        around = [(a, b) for a, b in sentences if a < cited.end and cited.start < b]
        a, b = (around[0][0], around[-1][1]) if rng.random() < 0.7 else (cited.start, cited.end)
        a, b = min(a, cited.start), max(b, cited.end)
        breaks = [s for s, _ in sentences if s <= a or s >= b] + [len(body)]
        outside = [at for at in range(len(body) + 1) if at <= a or at >= b]
        at = rng.choice(breaks if rng.random() < 0.7 else outside)
        copy = body[a:b]
        splices = [(at, 0, copy + " ")]
        if kind == "both":
            # ...then the original quote is edited: the copy now has the old words.
            span = follow(body, (cited.start, cited.end), *splices[0])
            inside = rng.randrange(span[0], span[1])
            splices.append((inside, rng.randint(1, 6), rng.choice(WORDS)))
        return kind, splices
    if kind == "whitespace":
        spaces = [m.start() for m in re.finditer(r" |\n\n", body)]
        at = rng.choice(spaces)
        if body[at] == " ":
            return kind, [rng.choice([(at, 0, " "), (at, 1, "\n"), (at, 1, "")])]
        return kind, [(at, 0, "\n")]
    if kind == "inside":
        at = rng.randrange(cited.start, cited.end)
        size = rng.randint(1, min(10, cited.end - at))
        return kind, [rng.choice([(at, size, ""), (at, 0, "x"), (at, size, rng.choice(WORDS))])]
    # beside: just outside the quote, within its stored context.
    if rng.random() < 0.5 and cited.start:
        at = rng.randrange(max(0, cited.start - 20), cited.start)
        size = min(rng.randint(0, 5), cited.start - at)
    else:
        at = rng.randrange(cited.end, min(len(body), cited.end + 20) + 1)
        size = min(rng.randint(0, 5), len(body) - at)
    return kind, [(at, size, rng.choice(["", rng.choice(WORDS)]) if size else "word ")]


def test_random_corrections_never_leave_a_citation_confidently_wrong(seed):
    """600 edits of the two seed articles, each citation of the edited article re-anchored: none
    silently wrong, and nearly every citation the edit did not come near stays confident."""
    rng = random.Random(20150405)
    sources = [(s.body, list(s.citations.all())) for s in Source.objects.order_by("pk")]
    figures, by_kind, far = Counter(), Counter(), Counter()
    for _ in range(TRIALS):
        body, citations = rng.choice(sources)
        kind, splices = random_edit(rng, body, citations)
        new, truths = body, {c.pk: (c.start, c.end) for c in citations}
        for at, removed, inserted in splices:
            truths = {pk: follow(new, span, at, removed, inserted) for pk, span in truths.items()}
            new = splice(new, at, removed, inserted)
        figures["edits"] += 1
        for citation in citations:
            anchor = anchoring.reanchor(
                new,
                exact=citation.exact,
                start=citation.start,
                prefix=citation.prefix,
                suffix=citation.suffix,
            )
            truth = truths[citation.pk]
            assert truth is None or new[truth[0] : truth[1]] == citation.exact  # the truth holds
            if not anchor.confident:
                outcome = "flagged, words unchanged" if truth else "flagged, words changed"
            elif (anchor.start, anchor.end) == truth and anchor.exact == citation.exact:
                outcome = "kept right"
            else:
                outcome = "silently wrong"
                print("SILENTLY WRONG", kind, splices, citation.pk, anchor, truth)
            figures[outcome] += 1
            by_kind[kind, outcome] += 1
            # Edits well away from the quote and its context, making no copy of it.
            if kind not in ("duplicate", "both") and all(
                at + removed < citation.start - CONTEXT or at > citation.end + CONTEXT
                for at, removed, _ in splices
            ):
                far["checked"] += 1
                far["kept right"] += outcome == "kept right"
    checked = sum(figures[o] for o in OUTCOMES)
    flagged = figures["flagged, words unchanged"] + figures["flagged, words changed"]
    print(f"\n{figures['edits']} edits, {checked} citations checked:")
    print(f"kept right {figures['kept right']}, flagged {flagged}, ", end="")
    print(f"silently wrong {figures['silently wrong']}; ", end="")
    print(
        f"flagged though the words were unchanged (the cost) {figures['flagged, words unchanged']}"
    )
    print(f"edits far from a quote: {far['kept right']} of {far['checked']} kept right")
    print(f"{'':>10}" + "".join(f"{o:>26}" for o in OUTCOMES))
    for kind in KINDS:
        print(f"{kind:>10}" + "".join(f"{by_kind[kind, o]:>26}" for o in OUTCOMES))
    assert figures["edits"] >= 500
    assert figures["silently wrong"] == 0
    assert far["kept right"] >= 0.97 * far["checked"]
    assert figures["kept right"] >= 0.8 * checked
