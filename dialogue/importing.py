"""From a plain-text article to a Source and the draft events it reports, for an editor to review.

Reading: the file must be UTF-8 text of a sensible size. Parsing: the header (outlet, section,
title, byline, "Published :" line) is told from page furniture and from the article's paragraphs.
Proposing: each clause that reports an action or a plan with a time expression becomes a draft
event citing that clause, dated against the publication date, with the actors it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pysbd
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from dialogue import timex
from dialogue.models import Actor, Citation, Event, EventActor, Source

MAX_BYTES = 512 * 1024  # an article is a few kilobytes; a long feature perhaps 100
MIN_WORDS = 8  # a body paragraph has at least this many words

AGENCIES = ("Yonhap", "Kyodo", "AP", "AFP", "Reuters", "Xinhua", "Jiji", "KCNA", "Bloomberg")
OUTLET = re.compile(
    r"^(?:The )?[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)* "
    r"(?:Times|Herald|Post|News|Journal|Daily|Shimbun|Ilbo|Tribune|Guardian|Diplomat|Agency)$"
)
PUBLISHED = re.compile(
    r"^(?:Published|Posted|Date)\s*:?\s*(?P<date>.+?)(?:\s*[-–|]\s*(?P<time>\d{1,2}:\d{2}))?\s*$",
    re.IGNORECASE,
)
FURNITURE = re.compile(
    r"link copied|^share\b|^print\b|^updated\s*:|^font size|^subscribe|^advertisement$|^[•·]",
    re.IGNORECASE,
)


class ArticleError(ValidationError):
    """An article that can't be imported; the message says why and what to do."""


@dataclass
class Article:
    raw_text: str
    title: str
    body: str
    outlet: str = ""
    section: str = ""
    byline: str = ""
    agency: str = ""
    published_on: date | None = None
    published_time: str = ""
    url: str = ""
    language: str = "en"
    furniture: list[str] = field(default_factory=list)


def decode(data: bytes) -> str:
    """The text of an uploaded file, or an ArticleError saying why it is not an article."""
    if len(data) > MAX_BYTES:
        raise ArticleError(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; an article is at most "
            f"{MAX_BYTES // 1024} KB. Is this the right file?"
        )
    if not data.strip():
        raise ArticleError("The file is empty.")
    if b"\x00" in data:
        raise ArticleError("This is a binary file, not plain text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"The file is not UTF-8 text (byte {exc.start} cannot be read). "
            "Save it as UTF-8 and import it again."
        ) from exc
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > len(text) / 100:
        raise ArticleError("This is a binary file, not plain text.")
    return text


def _blocks(text: str) -> list[str]:
    """Non-empty lines, stripped: in these files a paragraph is one line."""
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _is_paragraph(block: str) -> bool:
    return len(block.split()) >= MIN_WORDS and block.rstrip()[-1:] in '.!?"”’)'


def _published(text: str) -> date | None:
    found = timex.find(text, date(2000, 1, 1))
    if found and len(found[0].edtf) == 10:
        return date.fromisoformat(found[0].edtf)
    return None


def parse(
    raw: str,
    *,
    outlet: str = "",
    published: date | None = None,
    url: str = "",
    title: str = "",
) -> Article:
    """Tell the header, the furniture and the paragraphs of an article apart. Options win."""
    blocks = _blocks(raw)
    first_paragraph = next((i for i, b in enumerate(blocks) if _is_paragraph(b)), None)
    if first_paragraph is None:
        raise ArticleError(
            "No paragraphs of article text were found: a paragraph is a line of at least "
            f"{MIN_WORDS} words ending a sentence."
        )
    article = Article(raw_text=raw, title="", body="")
    candidates = []
    for block in blocks[:first_paragraph]:
        if m := PUBLISHED.match(block):
            article.published_on = _published(m["date"])
            article.published_time = m["time"] or ""
        elif FURNITURE.search(block):
            article.furniture.append(block)
        elif m := re.match(r"^By\s+(.+)$", block):
            article.byline = m[1].strip()
        elif " / " in block and len(block.split()) <= 6:
            article.section = block
        elif OUTLET.match(block) and not article.outlet:
            article.outlet = block
        elif not article.section and re.fullmatch(r"[A-Z][\w&' -]*", block) and len(block) < 30:
            article.section = block  # a short label such as "Diplomacy" or "North Korea"
        elif len(re.findall(r"[A-Za-z]{2,}", block)) >= 3:
            candidates.append(block)
        else:
            article.furniture.append(block)  # stray names, labels in other scripts
    article.title = title or max(candidates, key=lambda b: len(b.split()), default="")
    article.furniture += [c for c in candidates if c != article.title]
    paragraphs = [b for b in blocks[first_paragraph:] if not FURNITURE.search(b)]
    article.body = "\n\n".join(paragraphs)
    if m := re.search(r"\((" + "|".join(AGENCIES) + r")\)\s*$", article.body):
        article.agency = m[1]
    article.outlet = outlet or article.outlet
    article.published_on = published or article.published_on
    article.url = url
    missing = [
        what
        for what, value in (
            ("the publication date (--published YYYY-MM-DD)", article.published_on),
            ("the outlet (--outlet)", article.outlet),
            ("the title", article.title),
        )
        if not value
    ]
    if missing:
        raise ArticleError("Not found in the text, please give " + " and ".join(missing) + ".")
    return article


# Proposing events ---------------------------------------------------------------------------

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
PERSON = re.compile(
    r"\b(?P<office>(?:Prime|Foreign|Defense|Defence|Vice Foreign|Deputy) Minister|President|"
    r"Ambassador|Chief Cabinet Secretary|Minister)\s+"
    r"(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+(?:-[a-z]+)?)+)"
    r"|\b(?P<name2>[A-Z][a-z]+ [A-Z][a-z]+(?:-[a-z]+)?), (?:the )?(?P<office2>(?:deputy )?"
    r"(?:director general|minister|ambassador|spokesman|spokeswoman|secretary|envoy)[^,.]*)"
)


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


COLLECTIVE = re.compile(
    r"\b(?:both|the two) (?:nations|countries|sides|neighbou?rs|governments)\b"
    r"|\bAsian neighbou?rs\b|\bbilateral\b",
    re.IGNORECASE,
)
FOREIGN_OFFICIALS = re.compile(
    r"\bforeign (?:affairs )?(?:and defen[cs]e )?(?:officials|ministers|ministries)\b", re.I
)
DEFENCE_OFFICIALS = re.compile(r"\bdefen[cs]e (?:officials|ministers|ministries)\b", re.I)


class ActorIndex:
    """Finds actors by any of their names or aliases, longest first, in three scripts.

    Given the article's two main states, it also reads "both nations", "the two countries" as
    that pair, and "foreign affairs and defense officials" as their ministries.
    """

    def __init__(self, actors, pair=()):
        actors = list(actors)
        names = []
        for actor in actors:
            for name in [actor.name_en, actor.name_ja, actor.name_ko, *actor.alias_list]:
                if name:
                    names.append((name, actor))
        names.sort(key=lambda pair: len(pair[0]), reverse=True)
        self.by_name = dict(names)
        self.pattern = self._compile(names)
        self.states = self._compile([(n, a) for n, a in names if a.kind == Actor.Kind.STATE])
        self.pair = list(pair)
        countries = {a.country for a in self.pair}
        bodies = [a for a in actors if a.kind == Actor.Kind.GOVERNMENT_BODY]
        self.ministries = {
            "foreign": [a for a in bodies if a.country in countries and "Foreign" in a.name_en],
            "defence": [a for a in bodies if a.country in countries and "Defen" in a.name_en],
        }

    @staticmethod
    def _compile(names):
        if not names:
            return None
        return re.compile(
            "|".join(
                rf"\b{re.escape(n)}(?=\b|['’]s)" if n.isascii() else re.escape(n) for n, _ in names
            )
        )

    def with_pair(self, body: str) -> ActorIndex:
        """The same index, knowing the two states the article mentions most."""
        counts: dict = {}
        for m in self.states.finditer(body) if self.states else ():
            actor = self.by_name[m.group(0)]
            counts[actor] = counts.get(actor, 0) + 1
        pair = sorted(counts, key=counts.get, reverse=True)[:2]
        return ActorIndex(self.by_name.values(), pair=pair)

    def find(self, text: str) -> list[Actor]:
        found: list[Actor] = []

        def add(*actors):
            found.extend(a for a in actors if a not in found)

        for m in self.pattern.finditer(text) if self.pattern else ():
            add(self.by_name[m.group(0)])
            if self.by_name[m.group(0)].kind == Actor.Kind.PERSON and self.states:
                # "Japanese Prime Minister Shinzo Abe" names Japan as well.
                add(*(self.by_name[s.group(0)] for s in self.states.finditer(m.group(0))))
        if len(self.pair) == 2:
            named_states = {a for a in found if a.kind == Actor.Kind.STATE}
            if COLLECTIVE.search(text) and len(named_states) < 2:
                add(*self.pair)
            if FOREIGN_OFFICIALS.search(text):
                add(*self.ministries["foreign"])
            if DEFENCE_OFFICIALS.search(text):
                add(*self.ministries["defence"])
        return found


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
    derivation: str
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
    said = f"in an article of {published.day} {published:%B %Y}"
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
                        f"under way (present tense) {said}",
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
                if dated and any(t for t in dated):
                    t = dated[0]
                    proposals.append(
                        Proposal(
                            _title(clause.text),
                            t.edtf,
                            f"{t.derivation}, in the same sentence",
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
                            f"reported as past, with no date, {said}",
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


def _unknown_people(body: str, known: ActorIndex) -> list[Actor]:
    """People named with an office who are not in the Actor table yet, as unconfirmed actors."""
    people = []
    for m in PERSON.finditer(body):
        name = m["name"] or m["name2"]
        office = (m["office"] or m["office2"] or "").strip()
        if known.find(name) or any(p.name_en == name for p in people):
            continue
        people.append(
            Actor(
                slug=_unique_slug(Actor, slugify(name)),
                kind=Actor.Kind.PERSON,
                name_en=name,
                office=office,
                is_confirmed=False,
                description="Proposed by an article import: check and confirm.",
            )
        )
    return people


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


@transaction.atomic
def import_article(
    data: bytes,
    *,
    name: str = "",
    outlet: str = "",
    published: date | None = None,
    url: str = "",
    dry_run: bool = False,
) -> ImportResult:
    """Import one article file: its Source, and proposed draft events citing its clauses.

    The same text imported again is recognised and nothing is added.
    """
    raw = decode(data)
    existing = Source.objects.filter(raw_text=raw).first()
    if existing:
        return ImportResult(existing, False, [], [])
    article = parse(raw, outlet=outlet, published=published, url=url)
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
    )
    source.full_clean()
    source.save()
    index = ActorIndex(Actor.objects.all())
    new_actors = _unknown_people(article.body, index)
    for actor in new_actors:
        actor.save()
    if new_actors:
        index = ActorIndex(Actor.objects.all())
    events = []
    for proposal in propose(article.body, article.published_on, index):
        event = Event.objects.create(
            slug=_unique_slug(Event, slugify(proposal.title)[:80]),
            title=proposal.title[:200],
            edtf=proposal.edtf,
            date_derivation=proposal.derivation[:300],
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
    if dry_run:
        transaction.set_rollback(True)
    return ImportResult(source, True, events, new_actors)
