"""From a plain-text article to a Source and the draft events it reports, for an editor to review.

Reading and parsing the file are dialogue.articles; recognising actors, dialogue.recognition.
Proposing: each clause that reports an action or a plan with a time expression becomes a draft
event citing that clause, dated against the publication date, with the actors it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pysbd
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from modeltranslation.utils import build_localized_fieldname

from dialogue import dates, timex
from dialogue.articles import ArticleError, decode, parse
from dialogue.models import Actor, Citation, Event, EventActor, Source
from dialogue.recognition import ActorIndex, unknown_people
from dialogue.services import refresh_search

# What other modules import from here: the import itself, and the reading it starts with.
__all__ = ["ArticleError", "ImportResult", "import_article", "parse", "propose", "sentences"]

SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)
CLAUSE_BREAK = re.compile(r",? but |; |,? while |, which |,? after ")
FUTURE = re.compile(
    r"\b(?:will|would|shall|plans? to|planned|planning|to be held|is to|are to|scheduled|"
    r"likely to|expected to|aims? to|intends? to|hopes? to|prepare|preparing)\b",
    re.IGNORECASE,
)
CANCELLED = re.compile(
    r"\b(?:fell through|falls? through|called off|cancell?ed|scrapped|postponed|shelved|"
    r"broke down|collapsed)\b",
    re.IGNORECASE,
)
ONGOING = re.compile(
    r"\b(?:is|are|am|has been|have been)\s+(?:\w+ly\s+)?(?:\w+ing)\b|^while \w+ing\b",
    re.IGNORECASE,
)
PAST = re.compile(
    r"\b(?:\w{3,}ed|held|met|drew|fell|sought|took|made|began|gave|went|came|sent|led|broke|"
    r"wrote|spoke|chose|won|lost|struck|sparked|agreed|signed|visited|colonized|colonised)\b",
    re.IGNORECASE,
)
REPORTING_TAIL = re.compile(
    r",?\s*(?:[\"”])?,?\s*(?:an? |the |one of the )?[\w\s-]*?(?:sources?|officials?|ministry|"
    r"spokesman|spokeswoman) (?:said|says|told)\b.*$",
    re.IGNORECASE,
)
KINDS = [
    (re.compile(r"\b(?:visit|trip)", re.I), Event.Kind.VISIT),
    (re.compile(r"\b(?:agree|agreement|accord|memorandum)", re.I), Event.Kind.AGREEMENT),
    (
        re.compile(r"\b(?:dialogue|talks|meeting|consultations?|summit|negotiations)\b", re.I),
        Event.Kind.MEETING,
    ),
    (re.compile(r"\b(?:statement|apolog|declar)", re.I), Event.Kind.STATEMENT),
    (re.compile(r"\b(?:revision|revise|policy|law|constitution|review)", re.I), Event.Kind.POLICY),
]


@dataclass
class Clause:
    start: int  # offsets in the source body
    end: int
    text: str


def sentences(body: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the body, white space trimmed."""
    spans = []
    for span in SEGMENTER.segment(body):
        text = body[span.start : span.end]
        start = span.start + len(text) - len(text.lstrip())
        end = span.start + len(text.rstrip())
        if end > start:
            spans.append((start, end))
    return spans


def clauses(body: str, start: int, end: int) -> list[Clause]:
    """A sentence cut at the conjunctions that start another reported action."""
    text, cuts = body[start:end], [0]
    for m in CLAUSE_BREAK.finditer(text):
        cuts.append(m.start() + (2 if text[m.start()] in ",;" else 1))
    cuts.append(len(text))
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip(" ,;"))
        trail = len(piece.rstrip(" ,;"))
        if trail > lead:
            out.append(Clause(start + a + lead, start + a + trail, piece[lead:trail]))
    return out


def _title(text: str) -> str:
    text = REPORTING_TAIL.sub("", text).strip(' ,;."“”')
    text = re.sub(r"^(?:but|after|while|which|and)\s+", "", text, flags=re.IGNORECASE)
    if len(text) > 90:
        text = text[:90].rsplit(" ", 1)[0] + "…"
    return text[:1].upper() + text[1:]


MEETING_WORDS = re.compile(r"\b(?:dialogue|talks|meeting|consultations?|summit)\b", re.I)


def _kind(text: str, status: str = "") -> str:
    if status == Event.Status.PLANNED and MEETING_WORDS.search(text):
        return Event.Kind.MEETING  # "agreed to resume the dialogue later this month"
    return next((kind for pattern, kind in KINDS if pattern.search(text)), Event.Kind.REPORT)


@dataclass
class Proposal:
    title: str
    edtf: str
    derivation: timex.Derivation
    status: str
    kind: str
    clauses: list[Clause]
    actors: list[Actor] = field(default_factory=list)
    reporting: bool = False  # dates a report ("said Saturday"), not the events it reports


def _status(text: str, expression: timex.TimeExpression | None) -> str:
    if CANCELLED.search(text):
        return Event.Status.CANCELLED
    if (expression and expression.future) or FUTURE.search(text):
        return Event.Status.PLANNED
    if ONGOING.search(text):
        return Event.Status.ONGOING
    return Event.Status.OCCURRED


def propose(body: str, published: date, actors: ActorIndex) -> list[Proposal]:
    """Draft events for the clauses of a body that report something with a time."""
    proposals: list[Proposal] = []
    for s_start, s_end in sentences(body):
        sentence = body[s_start:s_end]
        parts = clauses(body, s_start, s_end)
        found = {
            id(c): timex.find(c.text, published, future=bool(FUTURE.search(c.text))) for c in parts
        }
        dated = [t for c in parts for t in found[id(c)] if not t.reporting and not t.attributive]
        for clause in parts:
            expressions = found[id(clause)]
            for t in expressions:
                if t.reporting:
                    whole = Clause(s_start, s_end, sentence)
                    proposals.append(
                        Proposal(
                            f"Reported: {_title(sentence)}",
                            t.edtf,
                            t.derivation,
                            Event.Status.OCCURRED,
                            Event.Kind.REPORT,
                            [whole],
                            reporting=True,
                        )
                    )
                elif t.attributive:
                    # "Japan’s 1910-1945 colonial rule of the peninsula": cite the noun phrase.
                    owner = re.search(r"(?:\b[\w’']+ )?$", clause.text[: t.start])
                    noun = re.match(
                        r"[\w\s'’-]+?(?=[,.;:]| which| that| due| during|$)", clause.text[t.end :]
                    )
                    name = (noun[0].strip() if noun else "") or _title(clause.text)
                    a = clause.start + (owner.start() if owner else t.start)
                    b = clause.start + t.end + (noun.end() if noun else 0)
                    following = [c for c in parts if c.start > clause.start]
                    if following and following[0].text.startswith("which "):
                        b = following[0].end  # "…, which apologized for…" describes the noun
                    phrase = Clause(a, b, body[a:b].rstrip(" ,;.")) if b > a else clause
                    phrase.end = phrase.start + len(phrase.text)
                    proposals.append(
                        Proposal(
                            f"{name[:1].upper()}{name[1:]} ({t.text})",
                            t.edtf,
                            t.derivation,
                            Event.Status.OCCURRED,
                            _kind(name),
                            [phrase],
                        )
                    )
                else:
                    status = _status(clause.text, t)
                    proposals.append(
                        Proposal(
                            _title(clause.text),
                            t.edtf,
                            t.derivation,
                            status,
                            _kind(clause.text, status),
                            [clause],
                        )
                    )
            if any(not t.reporting and not t.attributive for t in expressions):
                continue
            status = _status(clause.text, None)
            if status == Event.Status.ONGOING:
                month = f"{published.year:04d}-{published.month:02d}"
                proposals.append(
                    Proposal(
                        _title(clause.text),
                        month,
                        timex.Derivation(published, how="present"),
                        status,
                        _kind(clause.text),
                        [clause],
                    )
                )
            elif status == Event.Status.PLANNED:
                # A plan without a date of its own usually describes the last planned meeting
                # reported ("the talks will focus on…"), else the last plan.
                planned = [p for p in proposals if p.status == Event.Status.PLANNED]
                planned = [p for p in planned if p.kind == Event.Kind.MEETING] or planned
                if planned and planned[-1].clauses[-1].end <= clause.start:
                    planned[-1].clauses.append(clause)
            elif status == Event.Status.CANCELLED:
                # "had sought the meeting last year, but the plan fell through"
                earlier = [p for p in proposals if p.clauses[0].start >= s_start]
                if earlier:
                    earlier[-1].status = Event.Status.CANCELLED
                    earlier[-1].clauses.append(clause)
            elif PAST.search(clause.text) and actors.find(clause.text):
                if dated:
                    t = dated[0]
                    proposals.append(
                        Proposal(
                            _title(clause.text),
                            t.edtf,
                            t.derivation.elsewhere(),
                            status,
                            _kind(clause.text),
                            [clause],
                        )
                    )
                else:
                    proposals.append(
                        Proposal(
                            _title(clause.text),
                            f"{published.year}?",
                            timex.Derivation(published, how="past"),
                            status,
                            _kind(clause.text),
                            [clause],
                        )
                    )
    actors = actors.with_pair(body)
    for proposal in proposals:
        for clause in proposal.clauses:
            for actor in _subject(body, clause, actors) + actors.find(clause.text):
                if proposal.reporting and actor.kind != Actor.Kind.STATE:
                    continue  # a report's parties are the states whose doings are reported
                if actor not in proposal.actors:
                    proposal.actors.append(actor)
    return proposals


def _subject(body: str, clause: Clause, actors: ActorIndex) -> list[Actor]:
    """For a clause with no subject of its own ("while opening up to talks"), the first actor
    of its sentence, which is usually the subject it shares."""
    if not re.match(r"(?:while|after|before) \w+ing\b", clause.text, re.IGNORECASE):
        return []
    sentence_start = max((s for s, _ in sentences(body) if s <= clause.start), default=0)
    return actors.find(body[sentence_start : clause.start])[:1]


def _unique_slug(model, base: str) -> str:
    base = (base or "item")[:100]
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@dataclass
class ImportResult:
    source: Source
    created: bool
    events: list[Event]
    new_actors: list[Actor]


def _imported(fingerprint: str) -> Source | None:
    """The source already made from this text, found by its fingerprint (an indexed column)."""
    return Source.objects.filter(text_sha256=fingerprint).first()


@transaction.atomic
def import_article(
    data: bytes,
    *,
    name: str = "",
    outlet: str = "",
    published: date | None = None,
    url: str = "",
    title: str = "",
    dry_run: bool = False,
) -> ImportResult:
    """Import one article file: a private Source, and proposed draft events citing its clauses.

    The same text imported again, even by an import running at the same time, is recognised and
    nothing is added. The source stays unpublished until an editor publishes it or one of the
    events citing it.
    """
    raw = decode(data)
    fingerprint = Source.fingerprint(raw)
    if existing := _imported(fingerprint):
        return ImportResult(existing, False, [], [])
    article = parse(raw, outlet=outlet, published=published, url=url, title=title)
    source = Source(
        slug=_unique_slug(Source, slugify(article.title)[:100]),
        title=article.title,
        outlet=article.outlet,
        section=article.section,
        byline=article.byline,
        agency=article.agency,
        published_on=article.published_on,
        published_time=article.published_time,
        url=article.url,
        language=article.language,
        body=article.body,
        raw_text=raw,
        received_as=name[:200],
        is_published=False,
    )
    # The fields only: whether the text is new was asked above, and in a race the database's
    # unique fingerprint answers (Source.clean would ask again, and could be wrong by now).
    try:
        source.clean_fields()
    except ValidationError as exc:  # e.g. a --url that is not one: said as the importer says it
        raise ArticleError(
            [
                f"{name}: {message}"
                for name, errors in exc.message_dict.items()
                for message in errors
            ]
        ) from exc
    try:
        with transaction.atomic():  # a savepoint: PostgreSQL refuses every query after an error
            source.save()
    except IntegrityError:
        # Another import of the same text committed since the lookup: it is that source.
        if existing := _imported(fingerprint):
            return ImportResult(existing, False, [], [])
        raise
    index = ActorIndex(Actor.objects.all())
    new_actors = unknown_people(article.body, index)
    for actor in new_actors:
        actor.slug = _unique_slug(Actor, slugify(actor.name_en))
        actor.save()
    if new_actors:
        index = ActorIndex(Actor.objects.all())
    events = []
    for proposal in propose(article.body, article.published_on, index):
        try:
            dates.bounds(proposal.edtf)
        except ValidationError:
            continue  # a date the site can't place is no proposal (an editor adds it by hand)
        event = Event.objects.create(
            slug=_unique_slug(Event, slugify(proposal.title)[:80]),
            title=proposal.title[:200],
            edtf=proposal.edtf,
            **{
                build_localized_fieldname("date_derivation", code): text[:300]
                for code, text in proposal.derivation.in_languages().items()
            },
            kind=proposal.kind,
            status=proposal.status,
            is_published=False,
            review=Event.Review.PROPOSED,
        )
        for clause in proposal.clauses:
            Citation.objects.get_or_create(
                event=event,
                source=source,
                start=clause.start,
                end=clause.end,
                defaults={"exact": clause.text},
            )
        EventActor.objects.bulk_create(
            [EventActor(event=event, actor=actor) for actor in proposal.actors]
        )
        events.append(event)
    # bulk_create sends no signals: the actors are not in the search documents and weights yet.
    refresh_search(event_ids=[event.pk for event in events])
    if dry_run:
        transaction.set_rollback(True)
    return ImportResult(source, True, events, new_actors)
