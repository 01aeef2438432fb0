"""From a plain-text article to a Source and the draft events it reports, for an editor to review.

Reading and parsing the file are dialogue.articles; recognising actors, dialogue.recognition.
Proposing: each clause that reports an action or a plan with a time expression becomes a draft
event citing that clause, dated against the publication date, with the actors it names.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import pysbd
import snowballstemmer
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify
from lemminflect import getAllLemmas, getInflection, getLemma
from modeltranslation.utils import build_localized_fieldname

from dialogue import dates, timex
from dialogue.articles import ArticleError, decode, parse
from dialogue.models import Actor, Citation, Event, EventActor, Outlet, Source
from dialogue.recognition import ROLES, ActorIndex, fold, plain, unknown_actors
from dialogue.services import refresh_search

# What other modules import from here: the import itself, and the reading it starts with.
__all__ = ["ArticleError", "ImportResult", "import_article", "parse", "propose", "sentences"]

SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)
# A paragraph quoting an analyst's view: '"The timing could hardly have been worse …," said Kazuo
# Tsuchida, a professor of Korean studies at Kanagawa University.'
ANALYST = r"(?:professor|analyst|fellow|researcher|expert|scholar|lecturer|economist|think tank)"
COMMENTARY = re.compile(
    rf'^[ \t]*["“](?P<view>[^\n]*?)[”"],? (?:said|says) (?:[^.\n]{{0,80}}?\b(?:a|an|the) )?'
    rf"[^.\n]{{0,40}}?\b{ANALYST}",
    re.IGNORECASE | re.MULTILINE,
)
CLOSING = re.compile(r'”|"(?=\s)')  # a quotation mark that closes what came before
# A predicate told in the past, that a subject can be shared with: "held talks", "had promised"
DID = (
    r"(?:(?:had|has|have|was|were) )?(?:[a-z]+ly )?"
    r"(?:[a-z]+ed|held|met|made|took|went|told|said|sent|gave|began|spoke)\b"
)
# A verb a person's doing is told by: done, or in the present ("who hands over on Feb. 25")
ACTS = (
    rf"(?:{DID}|(?!(?:is|was|has|does|always|perhaps)\b)[a-z]{{3,}}s\b(?! (?:say|said|believe)\b))"
)
# A day told between a clause's "and" and its verb: "…, and on April 9 urged", "and last week it
# said"
DAY_BEFORE_VERB = r"(?:(?:on|in|last|this|earlier|later) (?:[\w.]+ ){1,2}?)?"
# Words after which "after" says how long after, not what came before: "hours after the launch"
AFTER_A_TIME = [
    *(unit + s for unit in ("minute", "hour", "day", "week", "month", "year") for s in ("", "s")),
    "shortly", "soon", "just", "right", "immediately",
]  # fmt: skip
# How long after: "a day after", "two weeks after", "hours after"
A_WHILE = r"(?:a|an|one|two|three|four|five|\d{1,2}) (?:days?|weeks?|months?|years?)"
HOURS = r"(?:just |only |a few |several )?hours"
CLAUSE_BREAK = re.compile(
    r",? but |; |,? while |, which |, when |"
    # "…, as the two countries prepared to mark the anniversary today": what else went on
    r", as (?=(?:the |its |their )?(?:(?!(?:well|and|that|which|who|if)\b)[\w’'-]+ ){1,4}"
    r"(?:[a-z]+ed|were|was|are|is)\b)|"
    # "…, where two destroyers have been escorting ships since March 30": what went on there
    r", where (?=(?:[\w’'-]+ ){1,6}(?:have|has|had|was|were|[a-z]+ed|held|met|made|took|gave"
    r"|sent|began|spoke|told|won|became)\b)|"
    # "after" before a clause ("after his father, Kim Jong Il, died"), not before a noun
    # ("broke apart shortly after liftoff and plunged into the sea")
    # ("Hours after the failure, parliament named him", "Shortly after …": a time, not a clause)
    + "".join(f"(?<!{w})(?<!{w.capitalize()})" for w in AFTER_A_TIME)
    + rf"(?:,? (?:{A_WHILE} )?|, {HOURS} )"  # "…, hours after Tokyo lifted the ban"
    r"after (?=(?:(?!(?:and|that|which|who)\b)[\w’'-]+,? ){1,12}(?:[a-z]+ed|held|met|made|took"
    r"|went|was|were|had|has|have|is|are|will|would|said|says|broke|fell|came|sank|died|won|lost"
    r"|began|drew"
    r"|sent|led|gave)\b)"
    # not "…began on February 24 and are due to end on April 18": one run of days (timex)
    rf"|,? and (?!{timex.RUN_ENDS}(?:[A-Z]|\d))"
    r"(?=(?:will|would|plans?|is|are|"
    r"was|were|has|have|had|then|later|also)\b)|, (?=(?:and )?(?:the |\w+ )?(?:day|days|weeks?|"
    r"months?|years?) (?:later|earlier|before|after)\b)"
    # "…, as President Park, U.S. President Obama and Abe met in The Hague": another event then
    r"|,? as (?=(?:[A-Z][\w’'.-]*,? |and ){1,10}(?:[a-z]+ed|held|met|made|took|went|gathered)\b)"
    r"|, and (?=(?:[\w’'-]+ ){1,4}(?:[a-z]+ed|held|met|made|took|told|went|said|says|sent|will"
    r"|would|was|were|is|are|has|have|had)\b)"
    # "Li, who arrived in Seoul the day before, held talks with Park on Saturday": two events
    # "Lee, who hands over to Park on Feb. 25, told Abe …": the same
    rf"|(?<=[a-z]), who (?={ACTS})"
)
# Where the relative clause a ", who" break opened ends: "…, who arrived the day before, held …"
# "…, who met Park on Feb. 25, is the most senior official to …"
WHO_CLAUSE_END = re.compile(
    rf"who [^,]{{8,200}}(, )(?={DID}|(?:is|are|has|have|will|says|tells)\b)"
)  # "Lee, who hands over to Park on Feb. 25, told Abe …": two clauses
# "the launch comes days before Japan's general election on Sunday": what is still ahead
AHEAD = r"(?:days|weeks|hours) (?:before|ahead of)|ahead of"
FUTURE = re.compile(
    # "plan" after a determiner is a noun: "explained the plan to Washington" is past
    r"\b(?:will|would|shall|(?<!\bthe )(?<!\ba )(?<!\bits )(?<!\btheir )plans? to|planned|planning|"
    r"to be held|is to|are to|scheduled|arranging to|"
    r"likely to|expected to|aims? to|intends? to|hopes? to|prepare|preparing|proposes|"
    r"set to|due to(?! \w+ing)|due out|upcoming|expects?(?: \w+){0,3} to|"
    # "Kerry is due in Seoul on Friday"; not "is due in large part to"
    r"(?:is|are) due (?:(?:in|at) (?-i:[A-Z])\w*|back|home|here)|"
    rf"{AHEAD}|(?-i:may|might|could))\b",
    re.IGNORECASE,
)
# A plan told as past ("had planned to sign in late May", "had been trying to arrange talks this
# year"): its date is not moved ahead.
PAST_PLAN = re.compile(
    r"\b(?:had|was|were) (?:\w+ly )?(?:been |being )?(?:(?:planned|scheduled|expected|supposed|"
    r"due|going|meant|arranged|trying|seeking|hoping|aiming)(?: to| for)?|set (?:to|for))\b"
    r"|\b(?:was|were) to\b"  # not "was set up on Dec. 14"
    r"|\bwould have\b",
    re.IGNORECASE,
)
# A plan's participle, of whatever tense the clause's verb is ("a visit planned for May")
PLAN_PARTICIPLE = (
    r"(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )\b(?:planned|scheduled|slated|pencill?ed(?: in)?)"
)
PLANNED_FOR = re.compile(rf"{PLAN_PARTICIPLE} for\b", re.I)
# Past verbs whose object is a plan: "proposed on Monday that the Koreas hold talks in January"
PROPOSING = re.compile(
    r"\b(?:proposed|suggested|offered|called for|urged|asked|invited|agreed to|decided to"
    r"|vowed to|pledged to|promised to)\b",
    re.IGNORECASE,
)
CANCELLED = re.compile(
    r"\b(?:fell through|falls? through|called off|cancell?ed|scrapped|postponed|shelved|"
    r"broke down|broke off|collapsed|put off|puts off|putting off|pull(?:ed|ing) out(?! all)|"
    r"back(?:ed|ing) out|"
    r"suspended the|halted|ended (?:any|the|all) (?:prospects?|hopes?|chances?)|ruled out|"
    r"scuttled|derailed|never (?:took place|happened|materiali[sz]ed)|did not take place|"
    r"(?:put|puts|putting|placed) (?:(?!(?:on|to|forward|pressure)\b)[\w-]+ ){0,8}?on hold|"
    r"was not held)\b",
    re.IGNORECASE,
)
# A noun that names something called off: "the 2012 collapse of the intelligence pact"
CANCELLATION = re.compile(
    r"\b(?:cancell?ation|postponement|scrapping|shelving)\b|\b(?:collapse|breakdown) of (?:the "
    r")?(?:[\w-]+ ){0,3}?(?:pact|agreement|accord|deal|plan|talks|dialogue|summit|negotiations)\b",
    re.I,
)  # not "the 1995 collapse of the Sampoong department store"
EVERY_YEAR = r"\b(?:every|each) year"  # a habit, going on since a date
ONGOING = re.compile(
    r"\b(?:is|are|am|has been|have been)\s+(?:\w+ly\s+)?(?!(?:no|some|any|every)thing\b"
    r"|during\b|morning\b|evening\b|meeting\b|building\b)(?:\w+ing)\b|^while \w+ing\b"
    rf"|{EVERY_YEAR} since\b",  # "have described the islets so every year since 2005"
    re.IGNORECASE,
)
PAST = re.compile(
    r"\b(?:\w{3,}ed|held|met|drew|fell|sought|took|made|began|gave|went|came|sent|led|broke|"
    r"wrote|spoke|chose|won|lost|struck|sparked|agreed|signed|visited|colonized|colonised)\b",
    re.IGNORECASE,
)
# ", the sources said", ", Joint Chiefs of Staff spokesman Lee Bung-woo said Sunday."
# Who said it, and the verb: "Prime Minister Shinzo Abe said", "Foreign Minister Kim
# Sung-hwan, who will leave office …, told lawmakers", "Japan's top government spokesman, Chief
# Cabinet Secretary Yoshihide Suga, said"
SAID_BY = (
    r"((?:[\w’'.-]+ ){0,9}?[\w’'.-]+)(?:, who [^,]{4,150},|,)? (?:said|says|told|added|noted)\b"
)
REPORTING_TAIL = re.compile(
    r",?\s*(?:[\"”])?,?\s*(?:an? |the |one of the )?[\w\s-]*?(?:sources?|officials?|ministry|"
    r"spokesman|spokeswoman) (?:said|says|told)\b.*$"
    rf"|,\s*[\"”]?\s*{SAID_BY}[^,]*$",
    re.IGNORECASE,
)
# "…, Prime Minister Shinzo Abe said Tuesday, after …", "Onodera said Thursday …"
SPEAKER = re.compile(rf"(?:^|,\s*[\"”]?\s*){SAID_BY}")
# Whose something is: "Abe's visit", "Defense Minister Kim Kwan-jin's planned trip"
OWNER = r"\b[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}"
POSSESSOR = re.compile(rf"({OWNER})['’]s\b")
# A meeting, by any of its names
MEETING_NAMES = r"dialogues?|talks|meetings?|consultations?|summits?"
KINDS = [
    # "paid homage at Yasukuni Shrine": a visit
    (re.compile(r"\b(?:visit|trip|(?:pays?|paid|paying) homage\b)", re.I), Event.Kind.VISIT),
    (
        re.compile(r"\b(?:agree|agreement|accord|memorandum|treaty|pact)", re.I),
        Event.Kind.AGREEMENT,
    ),
    (
        # "tried to hold a new round": of talks
        re.compile(
            rf"\b(?:{MEETING_NAMES}|negotiations|(?:new|next|another|fresh) round\b(?! of\b))\b",
            re.I,
        ),
        Event.Kind.MEETING,
    ),
    (re.compile(r"\b(?:statement|apolog|declar)", re.I), Event.Kind.STATEMENT),
    (
        re.compile(
            r"\b(?:revision|revise|policy|laws?|legislation|bills?|constitution|review|reinterpret)",
            re.I,
        ),
        Event.Kind.POLICY,
    ),
]


@dataclass
class Clause:
    start: int  # offsets in the source body
    end: int
    text: str


def sentences(body: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the body, white space trimmed; a closing quotation
    mark the splitter leaves at the start of the next sentence ("…ended.” South Korea") ends
    the sentence it closes."""
    spans = []
    for span in SEGMENTER.segment(body):
        text = body[span.start : span.end]
        start = span.start + len(text) - len(text.lstrip())
        end = span.start + len(text.rstrip())
        if spans and CLOSING.match(body, start):
            spans[-1] = (spans[-1][0], start + 1)
            start += 1 + len(body[start + 1 : end]) - len(body[start + 1 : end].lstrip())
        if end > start:
            spans.append((start, end))
    return spans


def clauses(body: str, start: int, end: int) -> list[Clause]:
    """A sentence cut at the conjunctions that start another reported action."""
    text, cuts = body[start:end], [0]
    for m in CLAUSE_BREAK.finditer(text):
        cuts.append(m.start() + (2 if text[m.start()] in ",;" else 1))
        if end := WHO_CLAUSE_END.match(text, cuts[-1]):
            cuts.append(end.start(1) + 2)
    cuts.append(len(text))
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip(" ,;"))
        trail = len(piece.rstrip(" ,;"))
        if trail > lead:
            out.append(Clause(start + a + lead, start + a + trail, piece[lead:trail]))
    return out


def _title(text: str, expressions=()) -> str:
    """A headline for the clause, in the site's style: the reporting tail and the time words
    dropped, the verb in the headline's present ("Japan and South Korea agree to resume …",
    "Seoul, Tokyo to hold talks"), cut at a phrase boundary, never mid-phrase. A clause that
    leaves too little for a headline is titled with its own words."""
    clause = text
    if said := SAID_AFTER.match(text):
        # "Abe told reporters after convening a meeting …": "Abe convenes a meeting …"
        lemma = getLemma(said["verb"], upos="VERB")
        if lemma:
            verb = _inflect(lemma[0], _plural(said["who"]))
            text = f"{said['who']} {verb}{text[said.end() :]}"
            expressions = [replace(t, start=t.start - said.end() + len(said["who"]) + len(verb) + 1,
                                   end=t.end - said.end() + len(said["who"]) + len(verb) + 1)
                           for t in expressions if t.start >= said.end()]  # fmt: skip
    # "X told a briefing on Tuesday that Y": the telling is the news, headlined "X says Y"
    told = TOLD_THAT.match(text)
    telling = told and any(t.start < told.start("what") for t in expressions)
    if telling:
        says = f"{_says(told['who'])} "
        shift = told.start("what") - len(says)
        text = says + told["what"]
        expressions = [replace(t, start=t.start - shift, end=t.end - shift)
                       for t in expressions if t.start >= told.start("what")]  # fmt: skip
    elif (lead := LEADING_REPORT.match(text)) and len(text[lead.end() :].split()) >= 4:
        # "officials said the agreement will be explained …": the headline is what was said
        shift = lead.end()
        text = text[shift:]
        expressions = [t for t in expressions if t.start >= shift]
        who = lead["who"]  # a name, not "last week it", "On Tuesday officials"
        if (
            (they := re.match(r"(?:they|it|he|she) ", text))
            and who[:1].isupper()
            and not re.search(r"\b(?:it|he|she|they)\b", who)
            and not re.match(r"(?i:last|on|in|at|earlier|later|this|early|late|next)\b", who)
            and (they[0] != "they " or " and " in who)  # "they": two named, so still plural
        ):
            # "Japan and South Korea said on Tuesday they would …": who "they" are
            text = who + text[they.end() :]
            shift += they.end() - len(who)
        expressions = [replace(t, start=t.start - shift, end=t.end - shift) for t in expressions]
    for t in sorted(expressions, key=lambda t: t.start, reverse=True):
        before = re.search(r"(?:\b(?:on|in|at|since|from|by|during|until|of|for|as of"
                           r"|as (?:early|soon|late) as))?\s*$", text[: t.start])  # fmt: skip
        cut = before.start()
        if re.match(r"\s*(?:in )?for\b", text[cut : t.end]) and (
            plan := re.search(rf"{PLAN_PARTICIPLE}\s*$", text[:cut], re.I)
        ):
            cut = plan.start()  # "talks planned for September had been put off": and "planned"
        possessive = re.match(r"['’]s\b", text[t.end :])  # "this year's paper": "paper"
        # "Cho said in a statement Friday that Seoul protests": the saying stays, its day goes
        said = re.match(r"(?:said|says)\b", t.text) if t.reporting else None
        rest = text[t.end + (possessive.end() if possessive else 0) :]
        text = text[:cut] + (f" {said[0]}" + re.sub(r"^ that\b", "", rest) if said else rest)
    text = REPORTING_TAIL.sub("", text).strip(' ,;."“”')
    text = re.sub(
        r"^(?:but|after|while|which|and|when|where|meanwhile|however|also)\s+", "", text, flags=re.I
    )
    text = OPENING.sub("", text)
    text = re.sub(r"^[a-z]+ed, (?=[A-Z])", "", text)  # "In the letter, dated Aug. 17, Noda …"
    # what is left of "announced at noon on Monday that Kim died": "Kim died"
    text = re.sub(r"^(?:(?:at|in|on)\s+(?:\w+\s+){1,2}?)?that\s+(?=\w+ \w+)", "", text, flags=re.I)
    # "It came eight months after the sinking of …": what it came after
    text = re.sub(r"^(?:It|This|That) (?:came|comes) (?=the )", "", text)
    # "Defense Minister Itsunori Onodera, who held talks …" is "… Onodera held talks …"
    text = re.sub(r"^([^,]{3,60}), (?:who|which) (?=\w+ed\b|held|met|made|took|sent|gave)", r"\1 ",
                  text)  # fmt: skip
    text = re.sub(r", (?:involving|including|which|who|based|led|headed|citing)\b[^,]*,", "", text)
    # "The summits, first held as a stand-alone meeting, were suspended"
    text = PARTICIPLE_ASIDE.sub(r"\1", text)
    # "his South Korean counterpart, Han Min-koo, agreed": the name is no aside
    text = re.sub(
        r"(\b[a-z]+), ((?:[A-Z][\w'’-]+ ){1,2}[A-Z][\w'’-]+),(?: (?:a|an|the) [^,]{3,80},)?",
        r"\1 \2",
        text,
    )  # and what the name's own aside says of them: "…, a former chairman of …,"
    text = ASIDE.sub("", text)  # "The ministry, for its part, called in …"
    text = re.sub(r"^(?:the|a|an) (?=[a-z])", "", text, flags=re.IGNORECASE)
    text = text if telling else _present(text)  # "says" is the headline's verb already
    text = re.sub(r"\s+([,;.])", r"\1", re.sub(r"\s{2,}", " ", text)).strip(" ,;")
    text = re.sub(r"([,;])[,;\s]+", r"\1 ", text)
    text = _shortened(text, 25, 90)
    if len(text.split()) < 3:  # too little left: the clause's own words
        text = REPORTING_TAIL.sub("", clause).strip(' ,;."“”')
        text = text if len(text.split()) >= 3 else clause.strip(' ,;."“”')
        text = text if len(text) <= 90 else text[:90].rsplit(" ", 1)[0] + "…"
    return text[:1].upper() + text[1:]


# Who told whom what: "Hua Chunying told a regular briefing (later in the day) that …"
TOLD_THAT = re.compile(
    r"(?P<who>(?:(?!\b(?:after|when|while|before|because|as|if)\b)[^,]){2,80}?) "
    r"(?:told|assured|informed) (?:[\w'’.-]+ ){1,9}?that (?P<what>.+)$"
)
# What opens a sentence before its subject: "In Tokyo, ", "Meanwhile, "
OPENING = re.compile(
    r"^(?:In|On|At|For|Despite|Meanwhile|However|Separately|Regarding|Also|Later|Earlier"
    r"|Then|Still)\b[^,]{0,40}, "
)


def _says(who: str) -> str:
    """ "Ministry says", "Two ministers say": a report's headline opening."""
    return f"{who} {_inflect('say', _plural(who))}"


def _shortened(text: str, least: int, most: int) -> str:
    """A headline of at most `most` characters, cut at the first phrase boundary past `least`
    (else at a word), with no word such as "to" or "the" left hanging at its end."""
    if len(text) > most:
        cuts = [m.start() for m in PHRASE_END.finditer(text) if least <= m.start() <= most]
        # else before the last preposition or conjunction that fits, not inside a noun phrase
        # ("… hopes to hold talks", not "… hopes to hold talks with his South Korean")
        cuts = (
            cuts
            or [m.start() for m in PHRASE_START.finditer(text) if least <= m.start() <= most][-1:]
        )
        text = text[: cuts[0]] if cuts else text[:most].rsplit(" ", 1)[0]
    return re.sub(
        r"(?:\s+(?:in|on|at|of|to|the|a|an|and|for|with|by|from|its|their|since|until|after"
        r"|before|over|as|that|than))+$",
        "",
        text,
    )


# Asides between commas that carry nothing a headline needs.
ASIDE = re.compile(
    r", (?:for (?:its|his|her|their|our) part|however|meanwhile|in turn|in response|in return"
    r"|too|though|in particular|for example|in a statement|in a separate move|separately"
    r"|in contrast|by contrast|on the other hand),",
    re.IGNORECASE,
)
LEADING_REPORT = re.compile(
    r"^(?:and |but )?(?P<who>(?:[\w’'-]+ ){0,5}?)(?:(?:said|says|added|announced|noted|stressed)\s+"
    # "said on Monday that …", "said last week that …", "said on Tuesday they …": the day
    # goes with the saying
    r"(?:(?:in|at) an? (?:statement|briefing|news conference|press conference) )?"
    r"(?:(?:(?:on |in |at |late |early |last |this |earlier |later )[\w.]+|\w+day)"
    r"(?: \d{1,2},?)? (?=that\s|(?:they|it|he|she)\s))?"
    r"(?:that\s+)?|told(?: \w+){1,3}? that\s+)(?=[a-z])",
    re.IGNORECASE,
)
PARTICIPLE_ASIDE = re.compile(
    r"^([^,]+), (?:first |once |originally |later )?(?:\w+ed|held|made|drawn)\b[^,]*,"
)
SAID_AFTER = re.compile(
    r"(?P<who>[^,]{2,60}?) (?:said|spoke|told (?:reporters|lawmakers|a news conference))"
    r" (?:after|while) (?P<verb>[a-z]+ing)\b"
)
PHRASE_END = re.compile(
    r",| due to | because | amid | in the face of | as | to discuss | including | which | that "
    r"| on the | over the | in a | after | before | while "
)
PHRASE_START = re.compile(
    r" (?:with|to|against|for|on|in|of|by|from|over|at|into|about|toward|under|between|during"
    r"|without|if|when|and|or|but|so|than|because|since|until|unless|whether) "
)
BE = {"be", "been", "being", "is", "are"}
MODALS = {"should", "would", "could", "might", "must", "ought"}
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "our"}
# an adverb, not a verb in -ly ("will fly to Beijing", "would supply the rounds")
ADVERB = r"(?!(?:fly|apply|rely|reply|supply|comply|rally|ally)\b)\w+ly"
FUTURE_VERB = re.compile(
    r"\b(?:will|would|shall|is to|are to|(?:is|are) (?:set|expected|likely|scheduled|due) to"
    r"|plans? to|planned to|intends? to|aims? to|hopes? to)"
    rf"(?P<neg> not)?(?P<adverb> {ADVERB})? (?P<verb>(?!have\b)[a-z]+)\b"
)


def _inflect(lemma: str, plural: bool) -> str:
    if lemma == "be":
        return "are" if plural else "is"
    return lemma if plural else (getInflection(lemma, tag="VBZ") or (lemma + "s",))[0]


def _plural(subject: str) -> bool:
    """Whether a headline's subject is plural: "Japan and South Korea", "the two sides also",
    "They", "Relations", "Two"; not "the United States" or "the Foreign Ministry"."""
    words = re.sub(r"(?:\s+(?:also|already|still|now|then|\w+ly))+\s*$", "", subject).split()
    last = words[-1].strip(" ,").lower() if words else ""
    # not an "and" within a body's name: "Ministry of Foreign Affairs and Trade spokesman Cho"
    named = re.sub(r"\bof (?:[A-Z][\w’'-]*,? )+and [A-Z]", "", subject)
    return (
        " and " in named
        or last in {"they", "we", "both", *NUMBER_WORDS}  # "The two", NHK World's "The 2"
        or (last.endswith("s") and not last.endswith("ss") and words[-1].islower())
        or (len(words) == 1 and last in {"relations", "ties", "talks", "officials", "leaders"})
    )


def _present(text: str) -> str:
    """The first verb phrase in the headline's tense: "have broadly agreed" → "broadly agree",
    "will hold" → "to hold", "is pushing" → "pushes", "were held" → "held", "met" → "meet".
    Only the first: "agreed … to mend ties that have been frozen" changes "agreed"."""
    rewrites = []  # (where, the text rewritten there)

    def first(pattern, rewrite):
        for m in re.finditer(pattern, text):
            if (new := rewrite(m)) is not None:
                rewrites.append((m.start(), new))
                return

    def passive_perfect(m):
        return text[: m.start()] + ("not " if m["neg"] else "") + text[m.end() :]

    def perfect(m):
        lemma = getLemma(m["verb"], upos="VERB")
        if not lemma or m["verb"] == lemma[0]:
            return None
        adverb = f"{m['adverb'].strip()} " if m["adverb"] else ""
        verb = _inflect(lemma[0], _plural(text[: m.start()]))
        return text[: m.start()] + adverb + verb + text[m.end() :]

    def progressive(m):
        lemma = getAllLemmas(m["verb"], upos="VERB").get("VERB")  # not "ongoing"
        plural = _plural(text[: m.start()])
        return text[: m.start()] + _inflect(lemma[0], plural) + text[m.end() :] if lemma else None

    def simple_past(m):
        word = m.group(0)
        before = text[: m.start()].split()
        if before[-2:-1] in (["has"], ["have"]) and before[-1] in ("not", "never"):
            return None  # "has not changed much"
        if before and re.fullmatch(r"also|already|still|now|not|\w+ly", before[-1].lower()):
            before = before[:-1]  # "is also scheduled to"
        previous = before[-1:]
        if not previous or word[0].isupper() or previous[0].lower() in DETERMINERS | BE:
            return None  # "the planned revision", "due to be signed"
        if text[m.start() - 1] == "-":
            return None  # "a long-suspended dialogue"
        lemma = getLemma(word, upos="VERB")
        if not lemma or word in MODALS or word not in getInflection(lemma[0], tag="VBD"):
            return None
        return text[: m.start()] + _inflect(lemma[0], _plural(text[: m.start()])) + text[m.end() :]

    first(r"\b(?:has|have|had) been (?P<verb>[a-z]+ing)\b", progressive)  # "have been escorting"
    first(r"\b(?:has|have|had)(?P<adverb> \w+ly)?(?P<neg> not)? been (?=\w)", passive_perfect)
    first(r"\b(?:has|have|had)(?P<adverb> \w+ly)? (?P<verb>[a-z]+)\b", perfect)
    first(FUTURE_VERB, lambda m: text[: m.start()] + ("not " if m["neg"] else "") + "to "
          + text[m.start("verb") :])  # fmt: skip
    first(r"\b(?:is|are|was|were) (?P<verb>[a-z]+ing)\b", progressive)
    first(r"\b(?:was|were) (?=[a-z]+(?:ed|en|eld|ld|ade|ent)\b)",
          lambda m: text[: m.start()] + text[m.end() :])  # fmt: skip
    first(r"[A-Za-z]+", simple_past)
    return min(rewrites, key=lambda r: r[0])[1] if rewrites else text


MEETING_WORDS = re.compile(rf"\b(?:{MEETING_NAMES})\b", re.I)
OCCASION = re.compile(
    r"\b(?:at|in|during) (?:a |an |the |their |its )?(?!(?:next|upcoming|coming) )(?:\w+ )?"
    rf"(?:{MEETING_NAMES}|(?P<call>(?:tele)?phone (?:call|conversation)s?))\b",
    re.I,
)


def _kind(text: str, status: str = "") -> str:
    if status in (Event.Status.PLANNED, Event.Status.CANCELLED) and MEETING_WORDS.search(text):
        # "agreed to resume the dialogue later this month", "the visit had ended any prospect
        # of a security dialogue": the meeting planned or called off
        return Event.Kind.MEETING
    return next(
        (
            kind
            for pattern, kind in KINDS
            if any(not ABOUT.search(text[: m.start()]) for m in pattern.finditer(text))
        ),
        Event.Kind.REPORT,
    )


# What an event is about, not what it is: "protesting Lee's visit", "regret over Lee's trip",
# "should apologize if he wished to visit"
ABOUT = re.compile(
    r"\b(?:over|about|protesting|condemning|against|after|before|since|following|wished to"
    r"|on the day of)(?: [\w.’'-]+){0,4} $",
    re.IGNORECASE,
)


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
    named: bool = False  # an event a noun phrase names ("the North's attack last week")
    # a reference point ("the first time since December 2009"): kept only as a report of an
    # event on the timeline, the last one before
    reference: bool = False


PRESENT_AFTER_SUBJECT = re.compile(
    # a name in apposition: "Her nominee for foreign minister, Yun Byung-se, faces a hearing
    # on Thursday" (not "The foreign ministers on Monday warned …")
    r"^(?P<who>(?:The|Her|His|Its|Their)(?: [a-z-]+){1,4}, [A-Z][^,]{2,40}, "
    r"|(?:[A-Z][\w.’'-]*(?<!['’]s) |and )+)"
    r"(?P<verb>[a-z]{2,})\b(?! of\b)"
)


def _marks(text: str) -> list[tuple[int, str]]:
    """Where the text's verbs say past, future or called off, in order."""
    marks = [(m.start(), "cancelled") for m in CANCELLED.finditer(text)]
    plans = [(m.start(), m.end()) for m in PAST_PLAN.finditer(text)]
    if CANCELLED.search(text):  # "A visit to Seoul, planned for May, was called off"
        plans += [m.span() for m in PLANNED_FOR.finditer(text)]
    said = plans + [m.span() for m in CANCELLED.finditer(text)]
    said += [m.span() for m in FUTURE.finditer(text)]
    marks += [(a, "past plan") for a, _ in plans]
    # a relative clause in the present: "Gates, who steps down on June 30": its own time
    marks += [
        (m.start(1), "present")
        for m in re.finditer(r"\b(?:who|which) ([a-z]{3,}s)\b", text)
        if (lemma := getLemma(m[1], upos="VERB"))
        and m[1] != lemma[0]
        and m[1] in getInflection(lemma[0], tag="VBZ")
    ]
    # a verb in the present after its subject: "Japan holds a general election on Sunday",
    # "South Koreans go to the polls on Wednesday": what is scheduled
    marks += [
        (m.start("verb"), "present")
        for m in PRESENT_AFTER_SUBJECT.finditer(text)
        if (lemma := getAllLemmas(m["verb"], upos="VERB").get("VERB"))
        and m["verb"]
        not in {"says", "say", "is", "are", "has", "have", "does", "do", "will", "can"}
        and (
            # "Japan holds", not "Japan and Korea holds"; "South Koreans go", "Japan and
            # South Korea hold", not "the Unha-3 rocket"
            m["verb"] in getInflection(lemma[0], tag="VBZ") and " and " not in m["who"]
            if m["verb"] != lemma[0]
            else " and " in m["who"] or m["who"].rstrip().endswith("s")
        )
    ]
    marks += [(m.end(), "proposing") for m in PROPOSING.finditer(text)]
    # "are due to meet later this month, following an agreement … on May 31": what came before
    marks += [
        (m.start(), "nearest") for m in re.finditer(r"\bfollowing (?:an?|the|their|its)\b", text)
    ]
    marks += [
        (m.start(), "future")
        for m in FUTURE.finditer(text)
        if not any(a <= m.start() < b for a, b in plans)
    ]
    for m in re.finditer(r"(?<![\w-])[a-z]+(?![\w-])", text):  # a word, not "closed-door"
        word = m.group(0)
        before = text[: m.start()].split()[-1:]
        lemma = getLemma(word, upos="VERB")
        # "the planned revision", "that delayed summit", "will be explained": not a past verb;
        # "that began" is one (no participle)
        described = (
            DETERMINERS
            if lemma and word in getInflection(lemma[0], tag="VBN")
            else (DETERMINERS - {"that"})
        )
        if before and before[0].lower() in described | BE:
            continue
        past = lemma and lemma[0] != word and word in getInflection(lemma[0], tag="VBD")
        if past and not any(a <= m.start() < b for a, b in said):
            marks.append((m.start(), "past"))
    # "agreed to set up the committee at talks in Stockholm in May", "offered … aircraft in a
    # telephone call on Sunday": the talks or call where it was agreed, of the verb's own day
    verbs = sorted(marks)
    marks += [
        (m.start(), "past" if m["call"] else "nearest")
        for m in OCCASION.finditer(text)
        if _nearest(verbs, m.start()) == "proposing"
    ]
    # "Ahead of the launch in December, the SDF deployed …": ahead of a past deed (not of
    # "officials said") may be behind too
    ahead = {m.start() for m in re.finditer(rf"\b(?:{AHEAD})\b", text, re.I)}
    done = [
        pos for pos, kind in marks if kind == "past" and not re.match(timex.REPORTING, text[pos:])
    ]
    return sorted(
        (pos, "ahead" if pos in ahead and pos < max(done, default=-1) else kind)
        for pos, kind in marks
    )


def _nearest(marks: list[tuple[int, str]], at: int) -> str | None:
    """The mark nearest before an offset, else the first after it."""
    before = [kind for pos, kind in marks if pos < at]
    after = [kind for pos, kind in marks if pos >= at]
    return (before or after or [None])[-1 if before else 0]


# What a date is the new end or day of: "until", "extended … to", "postponed … to"
MOVED_TO = re.compile(
    r"\b(?:until|till)\b[^,;]*$"
    r"|\b(?:extend|postpone|delay|push|put|move|bring|brought)\w*\b[^,;]{0,40}\bto\s*$"
)


# A clause of time in the present tells what is still to come: "after the new government is
# formed", "once the bill is passed"
TEMPORAL_PRESENT = re.compile(r"(?:after|once|until|when) (?:[\w’'-]+ ){1,5}?(?:is|are) ", re.I)


def _tense(text: str):
    """The tense at each offset of a clause: that of the verb nearest before it (or after it,
    for a date that opens the clause). True for the future, False for the past, None if the
    clause has no verb that says."""
    marks = _marks(text)

    def at(offset: int) -> bool | None:
        if re.search(r"\bsince\s*$", text[:offset]):
            return False  # "since 2009" is behind us
        weekday = re.match(rf"(?:on )?{timex.WEEKDAY_NAME}", text[offset:], re.I)
        if MOVED_TO.search(text[:offset]) and not weekday:
            return None  # "called on Friday for it to be put off until the Assembly convenes
            # on May 30", "said it was extending the launch window to Dec. 29": whichever is
            # nearest, not the one before the call
        kind = _nearest(marks, offset)
        if kind in ("nearest", "ahead"):
            # "following an agreement on May 31", "ahead of the launch in December, … deployed",
            # "urged Park to hold a summit during the APEC meeting in October": whichever is
            # nearest; a weekday ahead of something is to come, one after it goes by the verbs
            # around it
            if not weekday:
                return None
            if kind == "ahead":
                return True
            kind = _nearest([m for m in marks if m[1] != "nearest"], offset)
        if kind == "proposing":  # the verb's own day right after it, its plan's day further on
            since = max((pos for pos, k in marks if k == kind and pos <= offset), default=None)
            return since is not None and len(text[since:offset].split()) > 2
        verb = max((p for p, k in marks if k == "present" and p < offset), default=None)
        if (
            kind == "present"
            and weekday
            and verb is not None
            and "," not in text[verb:offset]
            and "past" not in {k for p, k in marks if p < offset}
        ):
            # "Japan holds a general election on Sunday", "Gates, who steps down on Friday";
            # not "Aso visited the shrine, which honors …, on Sunday", nor "which honors …,
            # on Sunday" (the day of the clause it interrupts)
            return True
        if kind is None and TEMPORAL_PRESENT.match(text):
            return True  # "after the new government is formed, possibly in the spring"
        if kind in (None, "past plan", "present"):
            return None  # a plan told as past may still lie ahead: the nearest such day
        return kind == "future"

    return at


def _status(text: str, expression: timex.TimeExpression | None) -> str:
    if expression is None and CANCELLED.search(text):
        return Event.Status.CANCELLED  # "…, but the Lee administration pulled out"
    kind = _nearest(_marks(text), expression.start if expression else len(text))
    if expression and _going_on_since(text, expression) and kind != "cancelled":
        return Event.Status.ONGOING  # "a ban that has been in place since October 2006"
    if expression and _since(text, expression) and kind != "cancelled":
        kind = "past"  # "the first pact since Japan's colonial rule from 1910 to 1945"
    if kind == "cancelled" or (kind == "past plan" and CANCELLED.search(text)):
        return Event.Status.CANCELLED
    if (
        expression
        and re.search(r"\b(?:tried|sought|attempted) to\b", text[: expression.start])
        and re.match(
            rf"[^,;]{{0,30}}?\b(?:before|but|only to)\b[^,;]{{0,20}}?{CANCELLED.pattern}",
            text[expression.end :],
        )
    ):
        return Event.Status.CANCELLED  # "tried to sign the pact in June before pulling out"
    if (
        (expression and expression.future)
        or kind == "future"
        or (expression is None and FUTURE.search(text))
    ):
        return Event.Status.PLANNED
    if kind == "past plan" and expression and _no_longer_holds(text, expression):
        return Event.Status.CANCELLED  # "Kim was to fly to Tokyo on May 31", told on May 18
    if kind == "past plan":
        return Event.Status.PLANNED
    ahead = (
        expression
        and dates.placeable(expression.edtf)
        and dates.bounds(expression.edtf)[0] > expression.derivation.published
    )
    if ahead and ONGOING.search(text[: expression.start]):
        return Event.Status.PLANNED  # "South Korea is hosting a summit on Nov 11-12", told Oct 13
    span = expression and (_for_a_span(text, expression) or _run(expression))
    going = ONGOING.search(text)
    if going and expression and re.search(r"\bthat\b", text[expression.end : going.start()]):
        # "agreed Monday to start talks …, in the clearest sign yet that North Korea's
        # provocations are pushing them closer": what a that-clause after the date goes on doing
        going = None
    if (
        going
        and expression
        and (since := re.search(r"\bsince\b(?=[^,;]*$)", text[going.end() : expression.start]))
    ):
        # "Tension has been rising since the North carried out its test on Feb. 12": the day
        # is the deed's the since-clause tells, past
        going = not PAST.search(text, going.end() + since.end(), expression.start)
    if going or (span and span[0] <= expression.derivation.published <= span[1]):
        return Event.Status.ONGOING  # "… not to fly on Korean Air for a month from July 18"
    if (
        ahead
        and (
            kind in (None, "present", "nearest", "ahead")
            # "reaffirmed their plan to transfer control in December 2015", told in 2011
            or re.search(
                r"\b(?:plans?|schedule|timetable|goal|aim|intention) to\b", text[: expression.start]
            )
        )
    ):
        return Event.Status.PLANNED  # "The new boundary takes effect on Dec. 15", told Dec. 9
    return Event.Status.OCCURRED


def _no_longer_holds(text: str, expression: timex.TimeExpression) -> bool:
    """A plan told as one that was ("Kim was to fly to Tokyo on May 31") for a day still to
    come when the article is written, or as one that had been for a day already come ("had
    been scheduled to sign … at 4 p.m.", "had been expected to announce today"; not "had been
    expected to revisit the pact after its election in December", told in August), in the
    paper's own words: in someone's ("the ministry said Kim was to fly …") it is only their
    tense, moved back."""
    plan = PAST_PLAN.search(text)
    if not plan or re.search(r"\b(?:said|says|told|added|reported)\b", text):
        return False
    if expression.derivation.published < dates.bounds(expression.edtf)[0]:
        was = r"(?:was|were) to|had been (?:planned|scheduled|set|due) to"
    else:
        was = r"had been (?:planned|scheduled|set|due|expected) to"
    return bool(re.fullmatch(was, plan[0], re.I))


DAY_OF = re.compile(
    r"\bon the day of (?:the |(?:[A-Z][\w-]+)['’]s )(?:[a-z-]+ ){0,2}?(?P<noun>[a-z]{4,})\b"
)


def _day_of(body: str, clause: Clause, found, days) -> list[timex.TimeExpression]:
    """ "on the day of Lee's trip": the day the text gave that noun before ("Lee's Aug. 10 trip
    to the islets", "the trip on Aug. 10"), if it did."""
    m = DAY_OF.search(clause.text)
    if not m or any(t.start < m.end() and t.end > m.start() for t in found):
        return []
    noun = m["noun"]
    for at, t in reversed(days):
        after, before = body[at + len(t.text) : at + len(t.text) + 30], body[max(0, at - 30) : at]
        if re.match(rf"\s+(?:[a-z-]+ )?{noun}\b", after) or re.search(rf"\b{noun} on\s+$", before):
            phrase = m.group(0)
            derivation = timex.Derivation(t.derivation.published, phrase)
            return [
                replace(
                    t,
                    text=phrase,
                    start=m.start(),
                    end=m.end(),
                    derivation=derivation,
                    attributive=False,  # the day of the clause's deed, whatever it was there
                    reporting=False,
                    future=False,
                )
            ]
    return []


# The past perfect: "had been brought", "had spoken", "had met"
HAD_DONE = re.compile(
    r"\bhad (?:\w+ly |not |been )*(?:\w+ed|\w+en|\w+wn|made|held|met|sent|left)\b"
)
EARLIER_HAD_DONE = re.compile(HAD_DONE.pattern + r"[^,;]* in the day\b")


def _read(body: str, published: date, skip: int = 0):
    """Each sentence's span, its clauses, and the time expressions of each clause (by id),
    each clause read in its own tense, offsets counted from the last date given in its sentence
    or the one before (or before a look back in the past perfect), else from the day the story
    tells (the first day it names): "the day before" two sentences after a detail's "May 15" is
    the day before the news."""
    story: list[str] = []  # the first day named
    before: list[str] = []  # the dates given in the sentence before
    days: list[tuple[int, timex.TimeExpression]] = []  # each day named so far, where
    for s_start, s_end in sentences(body):
        s_start = max(s_start, skip)
        if s_end <= s_start:
            continue
        parts = clauses(body, s_start, s_end)
        found, given, named = {}, [], []
        for c in parts:
            # which "the day before" counts from: a day the sentence told things of before one
            # that names a noun ("fanned out on Tuesday to explain Monday's agreement …; in the
            # morning" is Tuesday's)
            anchors = [*story, *before, *named, *given]
            if EARLIER_HAD_DONE.search(c.text):
                # "Lee had spoken with Obama earlier in the day": the day told last, not the
                # story's
                anchors = [*before, *named, *given] or anchors
            found[id(c)] = timex.find(c.text, published, future=_tense(c.text), anchor=anchors)
            found[id(c)] += _day_of(body, c, found[id(c)], days)
            days += [(c.start + t.start, t) for t in found[id(c)] if dates.placeable_day(t.edtf)]
            # an aside's day is not the story's ("North Korea, which claimed on May 9 …; the
            # same day"), unless past the aside's comma ("the shrine, which honors …, on Sunday")
            for t in found[id(c)]:
                # "Park said North Korea's nuclear test on February 12th was a challenge": the
                # day of a noun the clause says what it was, not a day the story tells of
                of_a_subject = re.match(
                    r" (?:was|were|is|are|has been|had been)\b", c.text[t.end :]
                )
                if t.counts_from and not _aside(c.text, t) and not of_a_subject:
                    # "condemning Lee's visit to Dokdo on Aug. 10": the day of a noun too
                    of_a_noun = re.search(
                        r"\w['’]s [a-z]+(?: to [A-Z][\w-]+)? on $", c.text[: t.start]
                    )
                    (named if _possessive(c.text, t) or of_a_noun else given).append(t.edtf)
        story = story or [a for a in [*given, *named] if dates.placeable_day(a)][:1]
        said = [*named, *given]
        # a year or month in the past perfect before the day given last ("ruled on Aug. 30 …
        # The case had been brought in 2006. … the same day") looks back: "the same day" is
        # still that day
        last = [dates.bounds(a)[0] for a in before if dates.placeable_day(a)][-1:]
        looks_back = (
            last
            and not any(map(dates.placeable_day, said))
            and all(dates.bounds(a)[1] < last[0] for a in said)
            and HAD_DONE.search(body[s_start:s_end])
        )
        before = [*before, *said] if looks_back else said or before
        yield s_start, s_end, parts, found


def expressions(body: str, published: date, *, skip: int = 0) -> list[timex.TimeExpression]:
    """Every time expression the import reads in a body, with offsets in the body."""
    return [
        replace(t, start=c.start + t.start, end=c.start + t.end)
        for _, _, parts, found in _read(body, published, skip)
        for c in parts
        for t in found[id(c)]
    ]


def _says_what_will_be(said, clause, dated, found) -> bool:
    """Whether a report tells of a plan after it ("Kim said on Monday that they would be
    handed back within this week": what he said, and the plan) or of what a date only names
    ("said on Wednesday he hoped this week's deal would lead to …"), not after what it tells
    ("…later this month, a ministry official said Sunday") or of what was."""
    own = [t for t in found[id(clause)] if t in dated]  # what its own clause dates
    return bool(own) and all(
        t.start > said.start and (t.future or _possessive(clause.text, t)) for t in own
    )


@functools.lru_cache(maxsize=4)  # read once per article, however many sentences ask
def _first_said(body: str, published: date, skip: int) -> list[timex.TimeExpression]:
    """The day the article's sources first say they spoke ("…, bilateral diplomatic sources
    said." and later "…, the sources said Saturday"), if it says."""
    return [t for t in expressions(body, published, skip=skip) if t.reporting][:1]


# An anniversary the year of the article marks dates no event: the event was the year it recalls.
ANNIVERSARY = re.compile(
    r"\bmark(?:s|ed|ing)? the (?:\w+ anniversary|centenary|centennial)\b", re.IGNORECASE
)
RELATIVE = re.compile(r"(?:which|who)\b")  # a clause that tells of the noun before it
# A clause of what came before the one it follows: "…, hours after Tokyo lifted the ban"
AFTER_CLAUSE = re.compile(rf"(?:{A_WHILE} |{HOURS} )?after\b", re.IGNORECASE)
# A record since a time: "its biggest drop since 1987": the time is a reference point, no event
# of its own
RECORD_SINCE = re.compile(
    r"\b(?:biggest|largest|worst|highest|lowest|deadliest|strongest)(?: (?!and\b)[\w'’-]+){0,4}"
    r" since\s*$",
    re.I,
)
# What may be or might have been: "we should be able to say that …", "it would have been
# unthinkable"
HYPOTHETICAL = re.compile(
    r"\b(?:should|would|could|might) (?:be able to say|have been (?:unthinkable|impossible"
    r"|unimaginable))\b",
    re.I,
)
# How things look, not what was done: "ties have shown some signs of improvement this year"
SHOWING = re.compile(
    r"\b(?:show|shows|showed|shown|showing) (?:some |any |few |no )?signs? of\b", re.I
)
ORDINAL_COUNT = re.compile(
    r"\b(?:is|was|are|were|be|been) (?:(?:the|their|its|his|her|our) )?"
    r"(?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))(?: [\w-]+){1,3} $",
    re.I,
)  # "It was their second meeting this year"; not "will hold their first summit this month"
PERFECT = re.compile(r"(?:and |but )?(?:[\w’'.-]+ ){1,5}?(?:has|have) (?:\w+ly )?\w+ed\b")
STATE_CLAUSE = re.compile(r"(?:which|that|who) (?:is|are|remains?|has been|have been)\b")


def propose(body: str, published: date, actors: ActorIndex, *, skip: int = 0) -> list[Proposal]:
    """Draft events for the clauses of a body that report something with a time expression
    (the present tense counts as one: "is pushing" is the article's month). The first `skip`
    characters are the dateline, which dates the article, never an event. A clause's tense is
    its own: "will" in another clause of the sentence does not move its date."""
    proposals: list[Proposal] = []
    starts = []  # where each sentence starts, for what refers back across them
    for s_start, s_end, parts, found in _read(body, published, skip):
        starts.append(s_start)
        sentence = body[s_start:s_end]
        dated = [
            t
            for c in parts
            for t in found[id(c)]
            if not t.reporting
            and not t.attributive
            and not _held_since(c.text, t)
            and not _bound(c.text, t, found[id(c)])
        ]
        # what another clause can borrow: a day things happened, not where a state began
        # ("talks, which have been stalled since late 2008": the call for them is not of 2008)
        # ("agreed to work with Washington on North Korea, which fired missiles on June 14": a
        # relative clause's day is its own deed's, or, past its comma, the clause's it
        # interrupts (_main_clause), lent to no other)
        days = [
            t
            for c in parts
            for t in found[id(c)]
            if t in dated
            and not _since(c.text, t)
            and not RELATIVE.match(c.text)
            and not _nominal(c.text, t)  # "sanctions imposed after Pyongyang's test last May"
        ]
        # what a report may tell: not what came before it ("Seoul said Tuesday it will never
        # accept …, hours after Tokyo lifted the ban": the saying is the news)
        tellable = [
            t for c in parts if not AFTER_CLAUSE.match(c.text) for t in found[id(c)] if t in dated
        ]
        for clause in parts:
            expressions = found[id(clause)]
            plain = [t for t in expressions if not t.reporting and not t.attributive]
            if (
                plain
                and clause.text.startswith("when ")
                and proposals
                and s_start <= proposals[-1].clauses[-1].start < clause.start
            ):
                # "a thaw that began on June 22, when Abe and Park attended receptions marking
                # the anniversary of ties in 1965": what that day saw, whatever else it dates
                proposals[-1].clauses.append(clause)
            for t in expressions:
                if (
                    re.fullmatch(r"(?i:today|now|these days)", t.text)
                    and _quoted(body, s_start, clause)
                    and not _marks(CLOSING.split(clause.text)[0])  # the words quoted
                    and not _possessive(clause.text, t)  # "'Today's meeting is a first step'"
                ):
                    continue  # "'Letting the swap lapse costs Seoul little today,' said …": a view
                if re.match(r"(?:which|that) (?:falls?|fell|expires?|expired) on\b", clause.text):
                    continue  # "the president's birthday, which falls on Monday": a noun's day
                if _trend(clause.text, t) and not re.match(r",? when\b", body[clause.end : s_end]):
                    continue  # "Ties between Tokyo and Seoul are slowly thawing": no event; not
                    # "Relations sank in August, when Lee visited Dokdo": the visit then
                if t.reporting and tellable and not _says_what_will_be(t, clause, dated, found):
                    continue  # "…last month, the sources said Saturday": the report adds nothing
                if (
                    _possessive(clause.text, t)
                    and not dates.placeable_day(t.edtf)
                    and any(p.reporting and p.clauses[0].start == s_start for p in proposals)
                ):
                    continue  # "said on Wednesday he hoped this week's deal …": said, no more
                    # ("Monday's talks were productive" are talks of their own)
                if (
                    _possessive(clause.text, t)
                    and dates.placeable_day(t.edtf)
                    and any(u is not t and u.end <= t.start for u in plain)
                ):
                    # "arrived yesterday to search for survivors of Friday's earthquake": the
                    # earthquake, an event its noun names, beside the clause's own
                    proposals.append(_named_by_date(body, parts, clause, t))
                    continue
                if (
                    (len(plain) > 1 or RECORD_SINCE.search(clause.text[: t.start]))
                    and t in plain
                    and _since(clause.text, t)
                    and not _going_on_since(clause.text, t)
                ):
                    # "met on Sunday, the first time since May 2012": a reference point, an
                    # event only if the timeline has it (import_article)
                    proposals.append(
                        Proposal(
                            _title(clause.text, expressions),
                            t.edtf,
                            t.derivation,
                            Event.Status.OCCURRED,
                            _kind(clause.text),
                            [clause],
                            reference=True,
                        )
                    )
                    continue
                if _held_since(clause.text, t):
                    continue  # "Kim, who has served as defense minister since December 2010"
                if _bound(clause.text, t, expressions):
                    continue  # "told embassies last Friday it could not guarantee their safety
                    # after April 10": a bound of what was told, no event
                if HYPOTHETICAL.search(clause.text) or _showing(clause.text, t):
                    continue  # "we should be able to say that June 22 marked …": not told as so
                if ORDINAL_COUNT.search(clause.text[: t.start]) and re.fullmatch(
                    r"this (?:year|month|week)", t.text, re.I
                ):
                    continue  # "It was their second meeting this year": a count, no date
                if ANNIVERSARY.search(clause.text) and re.search(
                    r"\b(?:this|next|last) year$", t.text, re.I
                ):
                    continue  # "bearing in mind that this year marks the 50th anniversary of …"
                if t.reporting:
                    whole = Clause(s_start, s_end, sentence)
                    proposals.append(
                        Proposal(
                            _said_title(sentence, _within([t], clause, s_start)[0])
                            or "Reported: "
                            + _title(sentence, _within(expressions, clause, s_start)),
                            t.edtf,
                            t.derivation,
                            Event.Status.OCCURRED,
                            Event.Kind.REPORT,
                            [whole],
                            reporting=True,
                        )
                    )
                elif t.attributive and not re.search(r"\d", t.text):
                    continue  # "before the April election": a time, naming what is told elsewhere
                elif t.attributive:
                    proposals.append(_named_by_date(body, parts, clause, t))
                elif nominal := _nominal(
                    clause.text, t, any(u.end <= t.start for u in plain if u is not t)
                ):
                    # "over Japan's purchase in September 2012 of islands also claimed by China":
                    # the purchase is an event of its own, named by its noun phrase
                    a, b, name = nominal
                    proposals.append(
                        Proposal(
                            f"{name} ({t.text})",
                            t.edtf,
                            t.derivation,
                            _named_status(name, t),
                            _kind(name),
                            [Clause(clause.start + a, clause.start + b, clause.text[a:b])],
                            named=True,
                        )
                    )
                elif (main := _main_clause(body, parts, clause, t)) is not None:
                    # "Abe spoke after a meeting of the council, which groups key ministers, in
                    # the early afternoon": the time after the relative clause is the main one's
                    status = _status(main.text, t)
                    proposals.append(
                        Proposal(
                            _title(main.text),
                            _lasting(main.text, t),
                            t.derivation,
                            status,
                            _kind(main.text, status),
                            [main, clause],
                        )
                    )
                elif (agreed := AGREED_TO.search(clause.text[: t.start])) and t.future:
                    # "have agreed to resume the dialogue later this month", "is pushing to resume
                    # it later this year": the agreement or the effort, news of the article's
                    # day, and the plan, of the day it names
                    planned = clause.text[: agreed.start()] + "to " + clause.text[agreed.end() :]
                    shift = agreed.end() - agreed.start() - 3
                    # the day the sources said so ("…, sources said Saturday"), else the article's
                    # (its month for an effort under way: "is pushing to resume …")
                    said = [x for c in parts for x in found[id(c)] if x.reporting]
                    if not said and re.search(r"\b(?:said|say|says)\b", sentence):
                        said = _first_said(body, published, skip)
                    day, how = published.isoformat(), "perfect"
                    if not agreed["perfect"]:
                        day, how = f"{published:%Y-%m}", "present"
                    proposals += [
                        Proposal(
                            _title(clause.text, expressions),
                            said[0].edtf if said else day,
                            said[0].derivation if said else timex.Derivation(published, how=how),
                            Event.Status.OCCURRED,
                            Event.Kind.AGREEMENT if agreed["agreed"] else _kind(clause.text),
                            [clause],
                        ),
                        Proposal(
                            _title(planned, [replace(t, start=t.start - shift, end=t.end - shift)]),
                            _lasting(clause.text, t),
                            t.derivation,
                            Event.Status.PLANNED,
                            _kind(planned, Event.Status.PLANNED),
                            [clause],
                        ),
                    ]
                elif (begun := _run_on(proposals, clause, t, starts)) is not None:
                    # "… began Keen Sword on Friday. The drill runs through Friday.": one run
                    lower, upper = dates.bounds(begun.edtf)[0], dates.bounds(t.edtf)[1]
                    upper = timex.run_end(lower, upper, t.text)
                    phrase = f"{begun.derivation.phrase} … {clause.text[: t.end]}"
                    begun.edtf = f"{lower.isoformat()}/{upper.isoformat()}"
                    begun.derivation = timex.Derivation(published, phrase)
                    if lower <= published <= upper:
                        begun.status = Event.Status.ONGOING
                    begun.clauses.append(clause)
                elif (told := _same_day_meeting(proposals, clause, t)) is not None:
                    told.clauses.append(clause)  # "Tuesday's meeting comes as …": that meeting
                else:
                    status = _status(clause.text, t)
                    said, shift = _with_subject(body, s_start, clause)
                    earlier = [p for p in proposals if p.clauses[0].start >= s_start]
                    if (after := CALLED_OFF_AFTER.match(clause.text)) and earlier:
                        # "had tried to hold a new round in late 2013, but the plan was scrapped
                        # after Abe paid a visit that December": the try was called off; the
                        # clause's date is of what came before the calling off
                        earlier[-1].status = Event.Status.CANCELLED
                        said, shift = clause.text[after.end() :], -after.end()
                    proposals.append(
                        Proposal(
                            _title(
                                said,
                                [
                                    replace(x, start=x.start + shift, end=x.end + shift)
                                    for x in expressions
                                ],
                            ),  # fmt: skip
                            _lasting(clause.text, t, _antecedent_phrase(parts, clause)),
                            t.derivation,
                            status,
                            _kind(clause.text, status),
                            [*_antecedent_phrase(parts, clause), clause],
                        )
                    )
            if any(not t.reporting and not t.attributive for t in expressions):
                continue
            if clause.text.startswith("when ") and proposals:
                # "since January 2011, when Defense Minister Kim … agreed": what that date saw
                last = proposals[-1]
                if last.clauses[-1].end > clause.start:
                    continue
                if last.status == Event.Status.ONGOING and "/" in last.edtf:
                    # "a ban that has been in place since October 2006, when the North
                    # conducted its first nuclear test": the test, that October
                    proposals.append(
                        Proposal(
                            _title(clause.text[len("when ") :]),
                            last.edtf.split("/")[0],
                            last.derivation.elsewhere(),
                            Event.Status.OCCURRED,
                            _kind(clause.text),
                            [clause],
                        )
                    )
                else:
                    last.clauses.append(clause)
                continue
            if (
                (CONTINUED.match(clause.text) or _why(clause, proposals))
                and proposals
                and s_start <= proposals[-1].clauses[-1].start < clause.start
            ):
                # "met Hagel in late May, and agreed on the need to share information": the
                # same people, on the same occasion
                proposals[-1].clauses.append(clause)
                continue
            status = _status(clause.text, None)
            if (
                status == Event.Status.ONGOING
                and not _quoted(body, s_start, clause)
                and not _trend(clause.text)
            ):
                month = f"{published.year:04d}-{published.month:02d}"
                proposals.append(
                    Proposal(
                        _title(clause.text, expressions),
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
                # "had sought the meeting last year, but the plan fell through"; not when a later
                # clause dates the calling off ("…, but both were shelved after Seoul called off
                # the signing in June 2012"): what was done before it still happened
                earlier = [p for p in proposals if p.clauses[0].start >= s_start]
                later = [t for c in parts if c.start > clause.start for t in found[id(c)]]
                if earlier and not any(t in dated for t in later):
                    earlier[-1].status = Event.Status.CANCELLED
                    earlier[-1].clauses.append(clause)
            elif clause.text.startswith(("which ", "where ")) and proposals:
                # "a government view submitted in 1972, which held that …": it tells of its
                # antecedent, the last thing proposed in the sentence, and is no event of its own
                if s_start <= proposals[-1].clauses[-1].start < clause.start:
                    proposals[-1].clauses.append(clause)
            elif (
                PAST.search(clause.text)
                and not STATE_CLAUSE.match(clause.text)
                # "Yun, who attended the reception, held talks on Sunday": the attending was not
                # that day; "attended the summit on Thursday but held no talks with Lee there":
                # what did not come of it is no event of that day
                and not clause.text.startswith(("who ", "but "))
                # "…, and Seoul has asked Tokyo to keep it informed": done at no time it says
                and not PERFECT.match(clause.text)
                and (
                    actors.find(clause.text)
                    # "…, and the two leaders agreed to expand …": the two named before
                    or (
                        GROUP_OF_PEOPLE.match(clause.text, 4 * clause.text.startswith("and "))
                        and _subject(body, clause, actors, starts)
                    )
                )
                and (past := [t for t in days if dates.bounds(t.edtf)[0] <= published])
            ):
                # A past action in a sentence that dates another of its clauses, with a date
                # not still to come. Without a time expression in its sentence, a past action is
                # no proposal: its year would be a guess. "…, which are controlled by Japan"
                # describes; it is no action. Told with a day of its own saying ("and the
                # authority said on Wednesday that no radiation had been detected"), that day.
                said = [x for x in expressions if x.reporting]
                t = said[0] if said else past[0]
                proposals.append(
                    Proposal(
                        _title(clause.text, said),
                        t.edtf,
                        t.derivation if said else t.derivation.elsewhere(),
                        status,
                        _kind(clause.text),
                        [clause],
                    )
                )
            elif (
                PAST.search(clause.text)
                and THE_MEETING.search(clause.text)
                and not re.search(r"\b(?:not|never)\b|n't\b", clause.text)
            ):
                # "Lee and Ihara led the talks": the meeting told of last, and who was at it
                last = proposals[-1] if proposals else None
                if (
                    last
                    and last.kind == Event.Kind.MEETING
                    and last.status == Event.Status.OCCURRED
                    and len(starts) > 1
                    and last.clauses[-1].start >= starts[-2]
                ):
                    last.clauses.append(clause)
    # an analyst's view, quoted, tells no event ("'… He is betting that the two allies can hold
    # a summit before the end of the year,' said Kim Jae-hoon, a professor …")
    views = [(m.start(), m.end("view")) for m in COMMENTARY.finditer(body)]
    proposals = [p for p in proposals if not any(a <= p.clauses[0].start < b for a, b in views)]
    # "arrived on Saturday … and attended a dinner that evening": one event, said twice; a clause
    # told with a day of its own borrows none ("Aso visited the shrine, which honors …, on
    # Sunday, a day after …")
    seen, unique = set(), []
    own = {
        (c.start, c.end)
        for p in proposals
        if p.derivation.how != "same sentence"
        for c in p.clauses
    }
    for proposal in proposals:
        key = (proposal.edtf, proposal.clauses[0].start, proposal.clauses[0].end)
        if proposal.derivation.how == "same sentence" and key[1:] in own:
            continue
        if key not in seen:
            seen.add(key)
            unique.append(proposal)
    for proposal in unique:
        if (
            proposal.status == Event.Status.OCCURRED
            and dates.placeable(proposal.edtf)
            and dates.bounds(proposal.edtf)[0] > published
            and re.search(r"\b\d{4}\b|\bnext\b", proposal.derivation.phrase, re.IGNORECASE)
        ):
            # "have agreed to stage the next drill in 2011", told in 2009: what has not come
            # yet (a year it says, not one a bare month was given: that may be the one past)
            proposal.status = Event.Status.PLANNED
    _attach_actors(unique, body, actors, starts)
    return unique


def _attach_actors(
    proposals: list[Proposal], body: str, actors: ActorIndex, starts: list[int]
) -> None:
    """Each proposal's actors: those its clauses name or refer back to; a report's people only
    if they said it or it tells their doings; an agreement's two states."""
    for proposal in proposals:
        for clause in proposal.clauses:
            # a report's people: who said it, and whose doings it tells ("Kim's planned visit")
            parties = [
                a
                for pattern in (SPEAKER, POSSESSOR)
                for m in pattern.finditer(clause.text)
                for a in actors.find(m[1], clause.start + m.start(1)) or (
                    _antecedent(body, clause.start + m.start(1), actors, starts, m[1])
                    if REFERRING.fullmatch(m[1]) else []
                )
            ] if proposal.reporting else []  # fmt: skip
            # "after his father, Kim Jong Il, died": the son too
            kin = re.search(
                r"\b[Hh](?:is|er) (?:father|mother|predecessor|successor)\b", clause.text
            )
            # "Park's predecessor visited the islands": Lee, who held her office before her
            heir = re.search(r"\b([A-Z][\w-]+)['’]s predecessor\b(?!,? [A-Z])", clause.text)
            heirs = actors.find(heir[1], clause.start + heir.start(1)) if heir else []
            heirs = [a for a in heirs if a.kind == Actor.Kind.PERSON]
            predecessors = [p for a in heirs for p in _predecessor(a, actors)]
            for actor in [
                *(
                    _antecedent(body, clause.start + kin.start(), actors, starts, "he")
                    if kin
                    else []
                ),
                *predecessors,
                *_subject(body, clause, actors, starts),
                *_object_referred(body, clause, actors, starts),
                *_states_referred(body, clause, actors, starts),
                *actors.find(clause.text, clause.start),
            ]:
                if proposal.reporting and actor.kind == Actor.Kind.PERSON and actor not in parties:
                    # a report's parties are the states and bodies whose doings it reports, and
                    # who said it ("…, Prime Minister Shinzo Abe said Tuesday")
                    continue
                if actor in heirs and predecessors:
                    continue  # Park is named only as whose predecessor did it
                if actor not in proposal.actors:
                    proposal.actors.append(actor)
        # what a state's people and bodies do, the state does ("the ministry summoned …")
        proposal.actors = _for_state(proposal.actors, actors)
        first = proposal.clauses[0]
        if (pronoun := re.match(r"(?:He|She|It) ", proposal.title)) and (
            who := _referent(body, first, actors, starts)
        ):
            # "He to meet his counterpart": the headline names whom "he" is
            proposal.title = who.name_en + " " + proposal.title[pronoun.end() :]
        before = proposals[: proposals.index(proposal)]
        states = [a for a in proposal.actors if a.kind == Actor.Kind.STATE]
        if len(states) < 2 and (thing := THE_EVENT.match(first.text)):
            # "The summits, first held in 2008, were suspended…", "The previous round of the
            # dialogue, held in Tokyo": the states of the one the article told of before (a
            # meeting, by any of its names)
            noun = thing[1].lower().rstrip("s")
            named = [p for p in before if noun in " ".join(c.text for c in p.clauses).lower()]
            meetings = [p for p in before if p.kind == Event.Kind.MEETING]
            meeting = MEETING_WORDS.fullmatch(thing[1]) or thing[1] == "round"
            earlier = named or (meetings if meeting else [])
            theirs = (
                [a for a in earlier[-1].actors if a.kind == Actor.Kind.STATE] if earlier else []
            )
            # "held in Tokyo": one of theirs; not "the latest drills by the North"
            if set(states) <= set(theirs):
                proposal.actors += [a for a in theirs if a not in proposal.actors]
        if deed := THE_DEED.search(" ".join(c.text for c in proposal.clauses)):
            # "officials said the rocket flew over Okinawa": whose rocket the article told
            # before, the state named last before it there ("North Korea fired a rocket",
            # "Tokyo's annual defense white paper")
            noun = re.compile(rf"\b{deed[1]}(?:e?s|ed)?\b", re.IGNORECASE)
            told = [c for p in before for c in p.clauses if noun.search(c.text)]
            for c in reversed(told):  # the last that says whose ("The white paper" does not)
                found = actors.find(c.text[: noun.search(c.text).start()], c.start)
                if doers := [a for a in found if a.kind == Actor.Kind.STATE]:
                    if doers[-1] not in proposal.actors:
                        proposal.actors.append(doers[-1])
                    break
        states = [a for a in proposal.actors if a.kind == Actor.Kind.STATE]
        if proposal.named and not proposal.actors:
            # "the Aug. 30 general election", after "His Democratic Party of Japan ended …
            # rule": the one country its sentence named before it; else, "the March 11
            # earthquake" in a Tokyo story, the paper's
            sentence_start = max((s for s in starts if s <= first.start), default=0)
            named = actors.find(body[sentence_start : first.start], sentence_start)
            countries = {a.country for a in named if a.country}
            home = actors.states_by_country.get(
                countries.pop() if len(countries) == 1 else actors.country
            )
            if home:
                proposal.actors.append(home)
        talks = proposal.kind == Event.Kind.MEETING and BILATERAL_TALKS.search(
            proposal.clauses[0].text
        )
        if (
            (proposal.kind == Event.Kind.AGREEMENT or talks)
            and len(states) < 2
            and len(actors.pair) == 2
        ):
            # "the 1965 treaty": an agreement of the two states the article is about
            proposal.actors += [a for a in actors.pair if a not in proposal.actors]


NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
NUMBER_WORDS |= {str(n): n for n in NUMBER_WORDS.values()}  # NHK World writes "the 2 countries"
LASTING = re.compile(
    r"\b(two|three|four|five|six|seven|ten|\d{1,2})(?:-day| days of) (?:[\w-]+ )?"
    r"(?:visit|trip|tour|summit|meeting|talks|conference|exercises?|drills?|session)\b",
    re.IGNORECASE,
)


def _named_status(name: str, t: timex.TimeExpression) -> str:
    """The status of an event a noun phrase names: called off ("the 2012 collapse of the
    intelligence pact"), else still to come or done, by its date."""
    if CANCELLATION.search(name):
        return Event.Status.CANCELLED
    if dates.bounds(t.edtf)[0] > t.derivation.published:
        return Event.Status.PLANNED
    return Event.Status.OCCURRED


def _named_by_date(
    body: str, parts: list[Clause], clause: Clause, t: timex.TimeExpression
) -> Proposal:
    """The event a noun names with a date before it ("Japan’s 1910-1945 colonial rule of the
    peninsula", "the March 11 earthquake"), citing the noun phrase."""
    owner = re.search(r"(?:\b(?:[Tt]he )?[\w’']+ )?$", clause.text[: t.start])  # "the North's"
    rest = clause.text[t.end :]
    skip = len(lead[0]) if (lead := re.match(r"['’]s ", rest)) else 0  # "Friday's earthquake"
    noun = re.match(
        r"(?:[\w\s'’-]|\.(?=\d))+?"
        r"(?=[,;:“\"(]|\.(?!\d)| (?:which|that|due|during|on|was|were|has|had|is)\b|$)",
        rest[skip:],
    )  # "the 1993 Kono statement on the “comfort women” was drafted": the Kono statement;
    # "Friday's magnitude-9.0 earthquake and tsunami"
    name = (noun[0].strip() if noun else "") or _title(clause.text)
    a = clause.start + (owner.start() if owner and not skip else t.start)
    b = clause.start + t.end + skip + (noun.end() if noun else 0)
    following = [c for c in parts if c.start > clause.start]
    if following and following[0].text.startswith("which "):
        b = following[0].end  # "…, which apologized for…" describes the noun
    phrase = Clause(a, b, body[a:b].rstrip(" ,;.")) if b > a else clause
    phrase.end = phrase.start + len(phrase.text)
    return Proposal(
        f"{name[:1].upper()}{name[1:]} ({t.text})",
        t.edtf,
        t.derivation,
        _named_status(name, t),
        _kind(name),
        [phrase],
        named=True,
    )


def _antecedent_phrase(parts: list[Clause], clause: Clause) -> list[Clause]:
    """The noun phrase a which-clause tells of, ending the clause before it: "the revision of
    its defense guidelines with the United States, which the two allies are set to unveil on
    April 27" is the revision's, and cites it."""
    before = [c for c in parts if c.end <= clause.start]
    if not clause.text.startswith("which ") or not before:
        return []
    m = re.search(r"\b(?:the|a|an|its|their|his|her)\b[^,;]*$", before[-1].text) or re.search(
        rf"{OWNER}['’]s(?: [\w.-]+)+$", before[-1].text
    )  # "Prime Minister Shinzo Abe's Liberal Democratic Party, which returned to power …",
    # "… coincided with Chinese President Xi Jinping's two-day state visit to Seoul, which …"
    if not m:
        return []
    head = before[-1].text[: m.start()]
    if (
        re.fullmatch(r"(?:[\w’'.-]+ ){1,5}(?:on|of|over|about|between) ", head)
        and not _marks(head)
        and " to " not in head  # not "Park's refusal to meet Abe over the issue, which …"
    ):
        # "Director-general-level negotiations on the issue, which began …": all of it
        return [before[-1]]
    return [Clause(before[-1].start + m.start(), before[-1].end, m[0])]


# A run's end told in a sentence of its own: "The drill runs through Friday."
RUNS_ON = re.compile(
    r"(?:The (?:[\w-]+ ){0,2}?(?P<noun>[\w-]+)|It) (?:will |is to |is due to )?"
    r"(?:runs?|lasts?|continues?|ends?) (?:through|until|till|to|on) "
)
BEGAN = re.compile(r"\b(?:began|begun|started|opened|kicked off|launched)\b")


def _run_on(proposals: list[Proposal], clause: Clause, t: timex.TimeExpression, starts):
    """What a run's end, told in a sentence of its own, is the end of: the day the sentence
    before said something began ("… began Keen Sword, their largest joint drill, on Friday.
    The drill runs through Friday.")."""
    last = proposals[-1] if proposals else None
    run = RUNS_ON.fullmatch(clause.text[: t.start])
    if (
        last
        and run
        and len(starts) > 1
        and starts[-2] <= last.clauses[0].start < starts[-1]
        and (began := BEGAN.search(last.clauses[0].text))
        # what began is what runs: "began Keen Sword, their largest joint drill" … "The drill";
        # not "launched a rocket" … "The launch window", nor "The exhibition"
        and (not run["noun"] or re.search(rf"\b{run['noun']}", last.clauses[0].text[began.end() :]))
        and dates.placeable_day(last.edtf)
        and dates.placeable_day(t.edtf)
    ):
        return last
    return None


# How relations between states went, which is no event: "Ties between Tokyo and Seoul are
# slowly thawing", "Relations had warmed earlier this year", "nationalist sentiment is rising"
TREND = re.compile(
    r"(?:(?:but|and|yet|while) )?(?:[\w’'-]+ ){0,3}?(?:ties|relations|relationship|cooperation"
    r"|sentiment|tensions?)(?: between [^,]{3,40}?)? (?:\w+ly )?(?:(?:are|is|has|have|had|were"
    r"|was) )?(?:been )?(?:\w+ly )?(?:thaw|warm|deepen|improv|ris|rose|grow|grew|sour|cool"
    r"|worsen|deteriorat|sank|sink|plung|chill|flar)\w*",
    re.IGNORECASE,
)


def _trend(text: str, t: timex.TimeExpression | None = None) -> bool:
    """Whether the clause tells how relations went (TREND) and its date is the trend's, not
    one another verb or a noun has ("Tension has been rising since the North carried out its
    test on Feb. 12": the test; "… limited by the 2012 collapse of the pact, though an
    arrangement signed in December …")."""
    if not (m := TREND.match(text)):
        return False
    if then := re.search(r"\b(?:when|after|as|with|following)\b", text[m.end() :]):
        # "Relations deteriorated on Monday when Lee visited …": the visit; "soured last year
        # after Lee visited the islands in August": the souring's own time is no event's
        return (
            t is not None and then[0] in ("after", "following") and t.start < m.end() + then.start()
        )
    return not t or not (t.attributive or _marks(text[m.end() : t.start]))


def _same_day_meeting(proposals: list[Proposal], clause: Clause, t: timex.TimeExpression):
    """The proposal an event named by its day ("Tuesday's meeting", "Today's talks") is, where
    one of the article's earlier proposals is of that day and kind ("next year's summit" may
    be another)."""
    noun = re.match(
        r"['’]s ((?:[\w-]+ ){0,2}[\w-]+)(?: (?:is|was|comes|came|will|has|had)\b|[,.;])",
        clause.text[t.end :],
    )
    if not noun or dates.precision(t.edtf) != "day":
        return None
    kind = _kind(noun[1])
    same = [p for p in proposals if p.edtf == t.edtf and p.kind == kind != Event.Kind.REPORT]
    return same[0] if same else None


def _why(clause: Clause, proposals: list[Proposal]) -> bool:
    """Whether an undated clause opening with "after" tells why the last proposal, of a month or
    less, came about ("lodged a protest on Friday after Japan sent an official to the ceremony"):
    its own day is not the proposal's, and none is said. After a year's event ("the plan fell
    through last year after Abe's shrine visit drew an angry response") it may be dated with
    it."""
    if not clause.text.startswith("after ") or not proposals:
        return False
    first, last = dates.bounds(proposals[-1].edtf)
    return (last - first).days < 31


def _quoted(body: str, sentence_start: int, clause: Clause) -> bool:
    """Whether the clause is someone's words, inside quotation marks: "'The crisis is being
    used as a lever,' said a researcher" tells a view, not something under way."""
    before = body[sentence_start : clause.start + 1]  # with a quotation mark it opens with
    return (before.count('"') + before.count("“") + before.count("”")) % 2 == 1


FOR_A_SPAN = re.compile(
    r"\bfor (?:a|an|one|(?P<n>two|three|four|five|six|seven|ten|\d{1,2})) "
    r"(?P<unit>day|week|month|year)s? (?:from|starting(?: on)?|beginning(?: on)?)\s+$",
    re.IGNORECASE,
)


def _for_a_span(text: str, t: timex.TimeExpression) -> tuple[date, date] | None:
    """The days of what is done "for a month from July 18" (that day to August 17)."""
    m = FOR_A_SPAN.search(text[: t.start])
    if not m or not dates.placeable_day(t.edtf):
        return None
    n = int(m["n"]) if (m["n"] or "").isdigit() else NUMBER_WORDS.get((m["n"] or "").lower(), 1)
    first = dates.bounds(t.edtf)[0]
    try:
        last = timex.later(first, n, m["unit"].lower()) - timedelta(days=1)
    except (OverflowError, ValueError):  # past the calendar's end
        return None
    return (first, last) if n >= 1 else None


def _run(t: timex.TimeExpression) -> tuple[date, date] | None:
    """ "began on March 1 and runs through April 30": its first and last day."""
    return dates.bounds(t.edtf) if timex.RUN.search(t.text) else None


def _lasting(text: str, t: timex.TimeExpression, named: list[Clause] = ()) -> str:
    """What is done "for a month from July 18" lasts to August 17; a day that opens "a two-day
    visit" is the first of its days, one it "ended on" the last;
    what goes on "until" a day to come (or is to be done before something "ends on" it), from
    the article's day; what "has been going on
    since" a date ("have been negotiating two pacts since last year", "pacts under negotiation
    since January", "have described the islets so every year since 2005") lasts from it to the
    article's day."""
    published = t.derivation.published
    if span := _for_a_span(text, t):
        return f"{span[0].isoformat()}/{span[1].isoformat()}"
    if _going_on_since(text, t) and dates.bounds(t.edtf)[0] < published:
        return f"{t.edtf.split('/')[0]}/{published.isoformat()}"  # "since late 2011": its start
    if (
        re.search(
            r"\b(?:until|till)\s+$|\bbefore\b[^,;]{0,60}\b(?:ends?|closes?|expires?) (?:on )?$",
            text[: t.start],
        )
        and not re.search(r"\b(?:put|puts|putting) off|postpone|delay|\bnot\b", text[: t.start])
        and dates.placeable_day(t.edtf)
        and dates.bounds(t.edtf)[0] > published
    ):  # "will take part in drills until Dec. 10", "aims to enact them before the session
        # ends on Sept. 27"; not "put off the drill until next month"
        return f"{published.isoformat()}/{dates.bounds(t.edtf)[1].isoformat()}"
    # or the noun a which-clause tells of: "a two-day summit in Beijing, which ended today"
    m = next(filter(None, (LASTING.search(x) for x in (text, *(c.text for c in named)))), None)
    if not m or dates.precision(t.edtf) != "day":
        return t.edtf
    if re.search(r"\b(?:from|after) (?:a|an|his|her|their|its)\s+$", m.string[: m.start()]):
        return t.edtf  # "returned home on Sunday from a 2-day visit": the day of the return
    if re.search(
        r"\barriv(?:e|es|ed|ing)\b[^,;]*\bfor (?:a|an|his|her|their|its)\s+$", m.string[: m.start()]
    ):
        return t.edtf  # "arrives in Seoul on Thursday for a two-day state visit": the arrival
    days = int(m[1]) if m[1].isdigit() else NUMBER_WORDS[m[1].lower()]
    first = dates.bounds(t.edtf)[0]
    if re.search(r"\b(?:ended|ending|concluded|closed)\s+(?:on\s+)?$", text[: t.start]):
        first -= timedelta(days=days - 1)  # "four days of exercises that ended on Wednesday"
    return f"{first.isoformat()}/{(first + timedelta(days=days - 1)).isoformat()}"


# A sentence's subject and its relative clause, before the clause that tells what it did.
WHO_BEFORE = re.compile(r"(?P<who>[^,]{2,100}), who [^,]{8,200}, $")


def _with_subject(body: str, sentence_start: int, clause: Clause) -> tuple[str, int]:
    """The clause's text for its headline, with the subject it shares with the sentence before
    it where it starts without one ("who arrived in Seoul": "Li arrived in Seoul"; "Abe's
    Liberal Democratic Party, which returned to power"), and how far that moves the clause's
    offsets."""
    before = body[sentence_start : clause.start]
    who = WHO_BEFORE.fullmatch(before) or re.fullmatch(r"(?P<who>[^,]{2,60}), (?=$)", before)
    if not who or not re.match(rf"(?:who |which )?{ACTS}", clause.text):
        return clause.text, 0
    text = re.sub(r"^(?:who|which) ", "", clause.text)
    subject = who["who"] + " "
    return subject + text, len(subject) - (len(clause.text) - len(text))


# An event named by a noun, with its own date: "Abe's visit in December 2013 to Yasukuni",
# "North Korea's launch of a long-range rocket in December last year".
EVENT_NOUN = (
    r"(?:visit|trip|purchase|launch|test|decision|announcement|apology|protest|withdrawal"
    r"|nationali[sz]ation|deployment|inauguration|resignation|summit|talks|meeting|election"
    r"|attack|shelling|sinking|bombing|report|review|statement)"
)
NOMINAL_BEFORE = re.compile(
    rf"(?P<owner>(?:\b[Tt]he )?{OWNER})['’]s (?P<noun>(?:[a-z-]+ ){{0,2}}?"
    rf"{EVENT_NOUN})(?P<object> (?:of|to|on|against) [^,;]{{1,60}}?)?(?P<prep> in| on)? $"
)
# ... and without an owner, after another date in its clause ("welcomed on Saturday a statement
# condemning the sinking of a South Korean warship in March")
NOMINAL_OF = re.compile(
    rf"\b(?P<owner>[Tt]he) (?P<noun>(?:[a-z-]+ ){{0,2}}?{EVENT_NOUN})"
    rf"(?P<object> of [^,;]{{1,60}}?)(?P<prep> in| on)? $"
)
NOMINAL_AFTER = re.compile(r"(?: (?:of|to|on) [^,;.]+?)?(?=[,;.]| and | which | that |$)")


def _nominal(
    text: str, t: timex.TimeExpression, after_another: bool = False
) -> tuple[int, int, str] | None:
    """Where a noun phrase that names an event holds the time expression, its span in the
    clause and its name: "Abe's visit to Yasukuni Shrine"; "the sinking of a warship" only
    `after_another` date in the clause, which the clause's verb has."""
    if t.reporting or t.attributive:
        return None
    m = NOMINAL_BEFORE.search(text[: t.start])
    if not m and not (after_another and (m := NOMINAL_OF.search(text[: t.start]))):
        return None
    if m.re is NOMINAL_OF and PAST.search(m["object"]):
        return None  # "the test of the new missile drew protests on Tuesday": a clause
    if not m["prep"] and not re.match(r"(?:last|in|on|earlier|late|early) ", t.text):
        return None  # "Lee's visit to the islets last Friday", "Tokyo's report in June", "…'s
        # rocket launch earlier this month"
    rest = NOMINAL_AFTER.match(text, t.end)
    owner = m["owner"][0].upper() + m["owner"][1:]  # "The North's": a headline's capital
    owner += " " if owner == "The" else "'s "
    name = f"{owner}{m['noun']}{m['object'] or ''}{rest[0] if rest else ''}"
    return (
        m.start(),
        rest.end() if rest else t.end,
        name if len(name) <= 90 else name[:90].rsplit(" ", 1)[0],
    )


def _main_clause(
    body: str, parts: list[Clause], clause: Clause, t: timex.TimeExpression
) -> Clause | None:
    """The clause a relative clause interrupts, when the time expression comes right after the
    relative clause's closing comma ("…, which groups key ministers, in the afternoon"); with
    the clause before it where that one is only "after doing something"."""
    if not RELATIVE.match(clause.text) or ", " not in clause.text[: t.start]:
        return None
    between = clause.text[clause.text.rindex(", ", 0, t.start) + 2 : t.start]
    if not re.fullmatch(r"(?:(?:in|on|at|during|later|earlier) (?:the )?)?", between):
        return None  # "which groups ministers, and met on Monday": the time is the clause's own
    before = [c for c in parts if c.end <= clause.start]
    if not before:
        return None
    start, end = before[-1].start, before[-1].end
    if len(before) > 1 and re.match(r"(?:after|before|while) \w+ing\b", before[-1].text):
        start = before[-2].start
    if quote := re.match(r"[\"“][^\"”]+[,.?!][\"”] ", body[start:end]):
        start += quote.end()  # '"This is a grave threat," Abe told reporters': what Abe did
    return Clause(start, end, body[start:end])


def _aside(text: str, t: timex.TimeExpression) -> bool:
    """Whether the time is a relative clause's own ("which claimed on May 9"), not the day of
    the clause it interrupts, after its closing comma ("which honors …, on Sunday")."""
    return bool(RELATIVE.match(text)) and "," not in text[: t.start]


def _since(text: str, t: timex.TimeExpression) -> bool:
    """Whether the time is where something began: "since May 2012"."""
    return bool(re.search(r"\bsince\s*$", text[: t.start])) or t.text.lower().startswith("since ")


def _possessive(text: str, t: timex.TimeExpression) -> bool:
    """Whether the time names what follows it: "this week's deal", "Monday's talks"."""
    return bool(re.match(r"['’]s\b", text[t.end :]))


def _bound(text: str, t: timex.TimeExpression, expressions) -> bool:
    """ "told diplomats on Friday it could not guarantee their safety after April 10": a day
    after "after" or "before" beside another of its clause bounds what was told."""
    return len(expressions) > 1 and bool(re.search(r"\b(?:after|before)\s+$", text[: t.start]))


def _showing(text: str, t: timex.TimeExpression) -> bool:
    """ "have shown some signs of improvement this year": how things looked then, no deed
    (not "…, with the two countries resuming their dialogue in April")."""
    return any(
        not re.search(r",|\b(?:and|but|before|after|when)\b", text[m.end() : t.start])
        for m in SHOWING.finditer(text[: t.start])
    )


def _held_since(text: str, t: timex.TimeExpression) -> bool:
    """Whether the time is where an office held began ("who has served as defense minister
    since December 2010"): a state, no event."""
    return _since(text, t) and bool(
        re.search(r"\bha(?:s|ve) (?:\w+ly )?served as\b", text[: t.start])
    )


def _going_on_since(text: str, t: timex.TimeExpression) -> bool:
    """Whether what the clause tells has gone on from the time to the article's day: "have been
    negotiating two pacts since last year", "pacts under negotiation since January", "a ban
    that has been in place since October 2006", "the complex, which has been shut since
    April", "has been under UN sanctions since 2006", "has held a weekly rally since January
    1992", "have described the islets so every year since 2005"; not what has stopped since
    ("has not been held since December 2009")."""
    going_on = re.search(
        r"\b(?:ha(?:s|ve) been (?:\w+ing|in (?:place|force|effect)|shut|closed|under)"
        r"|ha(?:s|ve) (?:\w+ly )?(?:banned|barred|blocked|frozen|prohibited|restricted|imposed"
        r"|patrolled|held (?:a|its|their) \w+)"
        r"|under (?:negotiation|discussion|review|consideration|way))\b[^,;]*$",
        text[: t.start],
    )
    yearly = re.search(rf"{EVERY_YEAR}\s+(?:since\s+)?$", text[: t.start])
    return bool((going_on or yearly) and _since(text, t) and dates.placeable(t.edtf))


def _said_title(sentence: str, said: timex.TimeExpression) -> str:
    """A report's headline, who says what: "The South Korean government said Tuesday it would
    not accept …" and "…, Prime Minister Shinzo Abe said Tuesday." are "South Korean government
    says it would not accept …", "Prime Minister Shinzo Abe says Japan will …". Empty where the
    sentence is not one of these two shapes."""
    before = OPENING.sub("", sentence[: said.start].rstrip(" ,"))
    after = re.sub(r"^(?:that\s+)?", "", sentence[said.end :].strip(' ,."”'))
    after = "" if re.match(r"(?:adding|noting|saying|citing)\b", after) else after
    if after and (m := re.fullmatch(r"(?P<who>[^,;]+)(?:, [^,;]+,?)?", before)):
        who, what = m["who"], after  # "X said Tuesday (that) Y", "X, the party's leader, said …"
    elif not after and (m := SAID_AFTER_IT.fullmatch(before)):
        who, what = m["who"], m["what"]  # "Y, X said Tuesday.", "“Y,” X said Tuesday."
        what = f"“{what}”" if m["quote"] else what
    else:
        return ""
    who = re.sub(r"^(?:the|a|an) ", "", who, flags=re.IGNORECASE)
    text = _shortened(f"{_says(who[:1].upper() + who[1:])} {what}", 40, 100)
    if text.count("“") > text.count("”") or text.count('"') % 2:  # a quotation cut short
        text += "…”" if "“" in text else '…"'
    return text


SAID_AFTER_IT = re.compile(r"(?P<quote>[“\"])?(?P<what>.+?),?[”\"]?,? (?P<who>[^,“”\"]{2,80})")


def _within(expressions, clause: Clause, offset: int):
    """A clause's time expressions placed in its sentence's text."""
    shift = clause.start - offset
    return [replace(t, start=t.start + shift, end=t.end + shift) for t in expressions]


# A clause that goes on with its sentence's subject: "…, and agreed on the need to …", "…, and
# the two agreed that …"
CONTINUED = re.compile(
    r"and (?:(?:the two|the three|both|they) )?(?:\w+ly )?(?:[a-z]+ed|held|met|made|took|said)\b"
    r"|while \w+ing\b"  # "said in a statement in the afternoon …, while urging Japan to …"
)
# "have broadly agreed to resume …": news of the day, about a plan
AGREED_TO = re.compile(
    r"\b(?:(?P<perfect>has|have) (?:\w+ly )?(?P<agreed>agreed|decided)"
    r"|(?:is|are) (?:\w+ly )?(?:pushing|seeking|trying|working|moving)) to "
)
# A clause about an event the article told of before: "The summits, first held in 2008, …"
THE_EVENT = re.compile(
    r"The (?:(?:previous|last|latest|next|new|first|second|third|\d{1,2}(?:st|nd|rd|th)) )?"
    r"(?:round of (?:the )?)?"
    rf"({MEETING_NAMES}|round|pact|agreement|deal|arrangement|exercises?|drills?)\b"
)
# "but the plan was scrapped after …": a calling off dated by what came before it
CALLED_OFF_AFTER = re.compile(
    rf"^(?:but |and )?(?:the|that|this|its|their) (?:\w+ ){{1,2}}(?:was |were |had been )?"
    rf"{CANCELLED.pattern} after ",
    re.IGNORECASE,
)
# Talks that are two states' by their kind ("director general-level talks held their eighth
# round in Tokyo"), not the six-party or a summit of three
BILATERAL_TALKS = re.compile(
    r"(?<!party )(?<!three-way )(?<!trilateral )\b(?:talks|dialogue|consultations)\b"
)
# A deed the article told before, by its noun: "the rocket", "the launch"
THE_DEED = re.compile(
    r"\b[Tt]he (rocket|launch|missile|nuclear test|attack|shelling|paper|report|statement)\b"
)
THE_MEETING = re.compile(
    rf"\b(?:led|headed|chaired|attended|joined|took part in) the (?:{MEETING_NAMES})\b"
)
NEXT_ROUND = re.compile(
    r"(?:and |but )?(?:a|the) (?:second|third|fourth|fifth|next|new|further) (?:round|meeting"
    r"|session)\b",
    re.IGNORECASE,
)
# "the two leaders", "both ministers", "the three leaders", "the two met", "the ministers said",
# "Both are expected to attend": the people last named
GROUP_OF_PEOPLE = re.compile(
    r"\b(?:the (?P<n>two|three|2|3)|(?P<both>both)) "
    r"(?:leaders|ministers|men|women|envoys|diplomats|candidates)\b"
    r"|\bthe (?:leaders|ministers) (?=said|say|told|agreed|will|would|also|met|held)"
    r"|\b(?:the (?P<bare>two|three|2|3)|(?P<they>they)) (?=(?:\w+ly )?(?:met|meet|held|hold|agreed"
    r"|agree|confirmed|spoke|speak|talked|talk|began|begin|started|will|would|are|were|have|had"
    r"|also)\b)"
    r"|^(?:and )?(?P<pair>both) (?=(?:\w+ly )?(?:are|were|will|would|have|had|met|agreed|also)\b)"
    # "It was their second three-way meeting": the three people named last
    r"|\b(?:it|this) (?:is|was) their "
    r"(?=(?:\w+ )?(?P<way>two|three)-way (?:meeting|talks|summit)\b)",
    re.IGNORECASE,
)
# "the three countries", "their foreign ministers": the states the article named last before
GROUP_OF_STATES = re.compile(
    r"\bthe (?P<n>two|three|2|3) (?:countries|nations|governments|neighbou?rs|allies)\b"
    r"|^(?:and )?(?P<their>their) ",
    re.IGNORECASE,
)


# A clause whose subject refers back: "In March, it fired…", "the ministry said it had…", "The
# council condemned…"; not "it is unclear", "it was the first time".
BODY_WORDS = "ministry|council|agency|committee|party|embassy|office|military"
# "the council, which …": a body named before, referred to by its kind
THE_BODY = re.compile(rf"\b(the (?:{BODY_WORDS})),? $")
# A person by their office alone ("the prime minister said"): whose office it is
OFFICE_HOLDERS = {
    "prime minister": re.compile(r"^(?:Prime Minister|Premier)\b"),
    "president": re.compile(r"^President\b"),
    "foreign minister": ROLES["foreign"],
    "defense minister": ROLES["defense"],
    "defence minister": ROLES["defense"],
}
OFFICES = "|".join(OFFICE_HOLDERS)
STATE_VERB = r" (?:is|was|would be|will be|has been|had been|remains|seems|appears|took|takes)\b"
PRONOUN_SUBJECT = re.compile(
    r"(?:[^,;]{0,40}, )?(?:(?:and|but) (?:that )?)?"  # "…, and that he hoped to …"
    r"(?:(?:(?:[Tt]he|[Aa]n?)(?: [\w-]+){1,3} )?(?:said|says|added|noted|told \w+) (?:that )?)??"
    # (a speaker only where the clause opens with no subject: "The ministry said it had …")
    rf"{DAY_BEFORE_VERB}"  # "and last week it said …"
    rf"((?:[Hh]e|[Ss]he)\b(?!{STATE_VERB}(?! (?:scheduled|set|due|expected|slated) to\b"
    r"| [a-z]{3,}ed\b))"  # "He was questioned by prosecutors": done to him
    rf"|(?:[Ii]t|[Tt]he (?:{BODY_WORDS}|country|{OFFICES}))\b(?!{STATE_VERB}))"
)  # "He is scheduled to meet …" acts; "It is due to expire" is a thing's


REFERRED = {"he": Actor.Kind.PERSON, "she": Actor.Kind.PERSON, "country": Actor.Kind.STATE}
REFERRING = re.compile(rf"[Hh]e|[Ss]he|[Tt]he (?:{OFFICES})")  # who said it, named before


def _antecedent(body: str, at: int, actors: ActorIndex, starts: list[int], word: str):
    """What "it", "he" or "the ministry" at `at` refers to: the body or state ("it"), person
    ("he") or state ("the country") named first in its own sentence before it, else in the
    sentence before (its subject), or the body of that kind ("the ministry": the last ministry
    named)."""
    word = word.lower().removeprefix("the ")
    if word in OFFICE_HOLDERS:  # the last person named before who holds that office
        held = [
            a
            for m in (
                actors.pattern.finditer(body, max(0, at - 1500), at) if actors.pattern else ()
            )
            if (a := actors.by_name.get(m.group(0)))
            and a.kind == Actor.Kind.PERSON
            and OFFICE_HOLDERS[word].search(a.office_en or "")
        ]  # in the order named: the last named holds it now
        return _for_state(held[-1:], actors)
    sentence_start = max((s for s in starts if s <= at), default=0)
    if word in ("it", *REFERRED):
        kind = REFERRED.get(word)  # "he": a person; "the country": a state; "it": neither
        previous = max((s for s in starts if s < sentence_start), default=0)
        for text in (body[sentence_start:at], body[previous:sentence_start]):
            found = actors.find(text)
            if named := [
                a for a in found if a.kind == kind or (not kind and a.kind != a.Kind.PERSON)
            ]:
                return _for_state(named[:1], actors)
        return []
    window = body[max(0, at - 1500) : at]
    named = [a for a in actors.find(window) if word in a.name_en.lower()]
    return _for_state(named[-1:], actors)


def _object_referred(body: str, clause: Clause, actors: ActorIndex, starts: list[int]):
    """Whom "him" refers to: the last person named before it, in its sentence or the one before,
    but the one who does it to him ("Kishida's trip …, after Abe instructed him on Thursday to
    seek a settlement": Kishida; "Wen visited Pyongyang, and Kim Jong-il told him": Wen)."""
    if not (m := re.search(r"\bhim\b", clause.text)):
        return []
    at = clause.start + m.start()
    sentence_start = max((s for s in starts if s <= at), default=0)
    previous = max((s for s in starts if s < sentence_start), default=0)
    named = [a for a in actors.find(body[previous:at], previous) if a.kind == Actor.Kind.PERSON]
    doer = [a for a in named if a.pk in {d.pk for d in actors.find(body[clause.start : at])}]
    return _for_state([a for a in named if a not in doer[-1:]][-1:], actors)


def _referent(body: str, clause: Clause, actors: ActorIndex, starts: list[int]) -> Actor | None:
    """Whom a clause's pronoun subject refers to, where only one can be meant: the one person
    ("he", "she"), or the one body or state ("it"), named in its sentence before it and the
    sentence before that."""
    if not (m := PRONOUN_SUBJECT.match(clause.text)) or m[1].lower() not in ("he", "she", "it"):
        return None
    at = clause.start + m.start(1)
    sentence_start = max((s for s in starts if s <= at), default=0)
    previous = max((s for s in starts if s < sentence_start), default=0)
    person = m[1].lower() != "it"
    named = {a for a in actors.find(body[previous:at]) if (a.kind == Actor.Kind.PERSON) == person}
    return named.pop() if len(named) == 1 else None


OFFICE_HELD = re.compile(r"(?P<post>[^;(]+?) \((?P<start>\d{4})-(?P<end>\d{4})?\)")


def _predecessor(holder: Actor, actors: ActorIndex) -> list[Actor]:
    """Who held the holder's office before them, by the years each office says ("President of
    South Korea (2013-2017)" after "President of South Korea (2008-2013)")."""
    held = [(m["post"].strip(), m["start"]) for m in OFFICE_HELD.finditer(holder.office_en or "")]
    before = [
        a
        for a in actors.actors
        if a.kind == Actor.Kind.PERSON
        and a != holder
        and any(
            (m["post"].strip(), m["end"]) in held for m in OFFICE_HELD.finditer(a.office_en or "")
        )
    ]
    return before[:1] if len(set(before)) == 1 else []  # its state: _attach_actors adds it


def _for_state(named: list[Actor], actors: ActorIndex) -> list[Actor]:
    """The actors with the states their people and bodies act for."""
    states = (actors.states_by_country.get(a.country) for a in named if a.kind != a.Kind.STATE)
    return named + [s for s in states if s and s not in named]


def _states_referred(body: str, clause: Clause, actors: ActorIndex, starts: list[int]):
    """The states "the two countries", "the three countries" or "their" refers to: two, the last
    two named before ("Japan and South Korea …, and their foreign ministers met …"), else,
    named too long before, the two the article names most; three, the three it names most
    ("The three countries held their first summit in Fukuoka" in a story of Hatoyama's visit to
    Seoul that names North Korea last: Japan, South Korea and China)."""
    if not (group := GROUP_OF_STATES.search(clause.text)):
        return []
    sentence_start = max((s for s in starts if s <= clause.start), default=0)
    if group["their"] and (earlier := GROUP_OF_STATES.search(body, sentence_start, clause.start)):
        group = earlier
    if NUMBER_WORDS[(group["n"] or "two").lower()] == 3:
        return actors.trio if len(actors.trio) == 3 else []
    window = body[max(0, clause.start - 1500) : clause.start]
    last = {}  # each state, by where the article last named it
    for m in actors.states.finditer(window) if actors.states else ():
        last[actors.by_name[m.group(0)]] = m.start()
    states = sorted(last, key=last.get)[-2:]
    if len(states) < 2:  # named too long before
        states = actors.pair
    return states if len(states) == 2 else []


def _subject(body: str, clause: Clause, actors: ActorIndex, starts: list[int]) -> list[Actor]:
    """For a clause with no subject of its own ("while opening up to talks"), the first actor
    of its sentence, which is usually the subject it shares."""
    sentence_start = max((s for s in starts if s <= clause.start), default=0)
    if group := GROUP_OF_PEOPLE.search(clause.text):
        # "the two leaders": the last two people the article named before, and their states
        n = NUMBER_WORDS[(group["n"] or group["bare"] or group["way"] or "two").lower()]
        previous = max((s for s in starts if s < sentence_start), default=None)
        if group["pair"] and actors.pattern:
            # "Japan and South Korea are both U.S. allies. Both are …": the states
            first = actors.pattern.search(body, previous or 0, sentence_start)
            if first and actors.by_name[first[0]].kind != Actor.Kind.PERSON:
                return []
        if group["they"] and previous is not None and GROUP_OF_PEOPLE.match(body, previous):
            # "The two leaders condemned … They also agreed …": those two
            told = Clause(previous, sentence_start, body[previous:sentence_start])
            return _subject(body, told, actors, starts)
        last = {}  # each person, by where the article last named them
        for m in actors.pattern.finditer(body, 0, clause.start) if actors.pattern else ():
            if (a := actors.by_name.get(m.group(0))) and a.kind == Actor.Kind.PERSON:
                last[a] = m.start()
        people = sorted(last, key=last.get)
        # "the two leaders": the heads of government the article named, however long before;
        # else the last people named, within 800 characters
        heads = [a for a in people if ROLES["leaders"].search(a.office_en or "")]
        if re.search(r"leaders", group[0], re.IGNORECASE) and len(heads) >= n:
            people = heads[-n:]
        else:
            people = [a for a in people if last[a] >= clause.start - 800][-n:]
        states = [actors.states_by_country.get(a.country) for a in people]
        if len(people) == n:  # else the clause's other cues ("…, but have been suspended")
            return people + [s for s in dict.fromkeys(states) if s]
    if re.match(r"(?:but|and|yet) (?:\w+ly )?(?:has|have|had|was|were|is|are|will|would|did)\b",
                clause.text):  # fmt: skip
        return actors.find(body[sentence_start : clause.start])  # "…, but have been suspended"
    if pronoun := re.match(r"which ([Ii]t|[Hh]e|[Ss]he) (?!is|was|has|had)\w+", clause.text):
        # "the talks, which it quit in April": the doer is the one "it" is
        return _antecedent(body, clause.start + pronoun.start(1), actors, starts, pronoun[1])
    if RELATIVE.match(clause.text):
        antecedent = actors.find(body[max(sentence_start, clause.start - 60) : clause.start])
        if not antecedent and (
            noun := THE_BODY.search(body, max(0, clause.start - 60), clause.start)
        ):
            # "the council, which held its inaugural meeting": the council named before
            return _antecedent(body, noun.start(), actors, starts, noun[1])
        people = [a for a in antecedent if a.kind == Actor.Kind.PERSON]
        who = (people if clause.text.startswith("who") else [])[-1:] or antecedent[-1:]
        # "Yun Byung-se and his Japanese counterpart Fumio Kishida, who met": both of them
        pair = re.search(r"(?:^|[,;] )([^,;]+ and [^,;]+), $", body[sentence_start : clause.start])
        both = actors.find(pair[1]) if pair and clause.text.startswith("who") else []
        if len(both := [a for a in both if a.kind == Actor.Kind.PERSON]) == 2:
            who = both
        return _for_state(who, actors)  # and the state they act for
    if who := WHO_BEFORE.search(body, sentence_start, clause.start):
        # "Li, who arrived the day before, held talks …"; "Kan's predecessor Yukio Hatoyama,
        # who resigned in June, had promised …": the person the phrase ends with
        named = actors.find(who["who"])
        people = [a for a in named if a.kind == Actor.Kind.PERSON]
        # "Kishida and his counterpart Yun Byung-se, who met on August 6, spoke …", "Lee
        # Sang-deok, director general of …, and his counterpart, Junichi Ihara, who heads …,
        # met …": both
        subject = body[sentence_start : who.end("who")]
        pair = [a for a in actors.find(subject, sentence_start) if a.kind == Actor.Kind.PERSON]
        both = " and " in subject and len(pair) == 2
        return _for_state((pair if both else people[-1:]) or named[:1], actors)
    if NEXT_ROUND.match(clause.text):
        # "Lee and Ihara have met twice, and a third round had been expected next month": the
        # next round of what the sentence told before, between the same people
        return actors.find(body[sentence_start : clause.start], sentence_start)
    if re.match(r"Its\b", clause.text):  # "Its spokesman said": the body the sentence before named
        before = actors.find(body[max(0, sentence_start - 300) : sentence_start])
        return [a for a in before if a.kind not in (Actor.Kind.STATE, Actor.Kind.PERSON)][-1:]
    if pronoun := PRONOUN_SUBJECT.match(clause.text):
        return _antecedent(body, clause.start + pronoun.start(1), actors, starts, pronoun[1])
    if not re.match(
        rf"(?i:while|after|before) \w+ing\b|(?:and|but) {DAY_BEFORE_VERB}{DID}", clause.text
    ):  # "…, and on April 9 urged foreigners to evacuate": the sentence's subject did
        return []
    return actors.find(body[sentence_start : clause.start])[:1]


STEMMER = snowballstemmer.stemmer("english")
PLAIN_WORDS = set(
    [
        "said",
        "says",
        "told",
        "also",
        "that",
        "this",
        "with",
        "from",
        "have",
        "been",
        "were",
        "will",
        "would",
        "their",
        "there",
        "which",
        "about",
        "after",
        "before",
        "over",
        "into",
        "more",
        "than",
        "they",
        "them",
        "some",
        "such",
        "between",
        "other",
        "while",
        "when",
        "held",
        "hold",
        "meet",
        "meets",
        "met",
        "minister",
        "ministers",
        "talks",
        "meeting",
        "dialogue",
        "security",
        "officials",
        "official",
        "sources",
        "source",
        "government",
        "countries",
        "country",
        "nations",
        "both",
        "sides",
        "week",
        "month",
        "year",
        "years",
        "months",
        "weeks",
        "japan",
        "japanese",
        "korea",
        "korean",
        "south",
        "north",
        "china",
        "chinese",
        "united",
        "states",
        "first",
        "last",
        "next",
        "the",
        "and",
        "for",
        "its",
        "has",
        "had",
        "but",
        "not",
        "was",
        "are",
        "his",
        "her",
        "who",
        "two",
        "new",
        "plan",
        "plans",
        "planned",
        "planning",
    ]
)


PLAIN_STEMS = {STEMMER.stemWord(w) for w in PLAIN_WORDS}


# British spellings as American ones, so the site's "defence" and "normalisation" meet a
# wire report's "defense" and "normalization".
SPELLINGS = [
    (re.compile(r"isation"), "ization"),
    (re.compile(r"\b(de|of)fence"), r"\1fense"),
    (re.compile(r"(?<=[a-z]{3})our\b"), "or"),
]


# One word for what the news calls by several: a pact is an accord or an agreement, to put off
# is to postpone, information shared between militaries is intelligence, a rocket fired is one
# launched, a bill passed is a law.
SYNONYMS = {
    "accord": "pact", "agreement": "pact", "deal": "pact", "treaty": "pact",
    "information": "intelligence", "delay": "postpone", "defer": "postpone",
    "shelve": "postpone", "halt": "suspend", "freeze": "suspend", "restart": "resume",
    "reopen": "resume", "inked": "sign", "ink": "sign", "fire": "launch", "bill": "law",
    "legislation": "law",
}  # fmt: skip
PHRASES = [
    (re.compile(r"\bput(?:s|ting)? off\b"), "postpone"),
    (re.compile(r"\bcalled off\b"), "cancel"),
    # "will be sworn in" is "takes office", which is an inauguration
    (re.compile(r"\b(?:sworn in|(?:take|takes|took|taking) office|inauguration)\b"), "inaugurate"),
]


@functools.cache
def _irregular_past(word: str) -> str:
    """The verb an irregular past is of ("sank" is "sink": what stemming can't see), else the
    word. Kept per word: matching reads the same words again for every candidate event."""
    if not word.endswith("ed") and (lemma := getLemma(word, upos="VERB")) and lemma[0] != word:
        past = (*getInflection(lemma[0], tag="VBD"), *getInflection(lemma[0], tag="VBN"))
        return lemma[0] if word in past else word
    return word


def _content(text: str, leave_out=()) -> set[str]:
    """The words that tell one event from another ("shrine", "GSOMIA"), in American spelling,
    one word for synonyms, stemmed and with their romanisations folded ("Kohno" is "Kono")."""
    text = plain(text)
    for pattern, word in PHRASES:
        text = pattern.sub(word, text)
    words = set()
    for w in re.findall(r"[a-z]{3,}", text):
        w = _irregular_past(w)
        if w in PLAIN_WORDS or w in leave_out:
            continue
        for pattern, american in SPELLINGS:
            w = pattern.sub(american, w)
        stem = STEMMER.stemWord(w)
        if stem in PLAIN_STEMS:
            continue  # "holds" and "Japan's" are as plain as "hold" and "Japan"
        w = SYNONYMS.get(w) or SYNONYMS.get(stem) or w
        words.add(fold(STEMMER.stemWord(w)))
    return words


def _told(proposal: Proposal) -> list[Clause]:
    """The clauses that tell the proposal: its first and those that run on from it, not a
    later sentence that describes a plan ("… would speed up talks on a pact")."""
    told = proposal.clauses[:1]
    for clause in proposal.clauses[1:]:
        if clause.start - told[-1].end > 3 or re.search(r"[.!?][\"”’]?$", told[-1].text):
            break
        told.append(clause)
    return told


ANNOUNCED = re.compile(r"\bannounce[ds]?\b")  # "announced on Sunday that it was extending …"


def _on_its_days(edtf: str, event: Event) -> bool:
    """Whether a day is the event's day, or one of the few days of a visit or talks that ran
    a week at most ("arrived Sunday", "talked on Monday" of a visit of Jan. 11-12)."""
    if edtf == event.edtf:
        return True
    lower, upper = dates.bounds(edtf)
    return (
        lower == upper
        and (event.date_upper - event.date_lower).days < 7
        and event.date_lower <= lower <= event.date_upper
    )


def already_reported(proposal: Proposal, source: Source, index: ActorIndex) -> Event | None:
    """The event on the timeline this proposal reports again, if there is one: a date
    compatible with the proposal's, and telling words of its title in the proposal's passage:
    three, or two with one in the proposal's headline ("Kono statement"), or all the title
    has (two at least: "the security legislation Japan enacted"), or one with the same actors
    (two, or all the event has) and kind, or two words of its title and summary with them, or
    one word and one actor with the very span the event has ("from 1910 to 1945"), or one
    word, one actor and the kind (or a noun's event, of no kind it says) with the very day it
    has, or two of
    its people or all its actors (three at least, a person among them) on its very day, or no
    word but its parties and people, kind, status and date as the event has them ("the two
    countries last held the talks in December" for the last security dialogue; a part of the
    year an event has only its year of: "tried to hold a new round in late 2013" for the
    meeting that fell through in 2013), or a word and a party in the week or month that holds
    its day. A plan "by" a deadline may report an
    event up to a year later, if three words of its title name it.
    An event none of whose people the passage names, naming others of their country instead
    ("Aso's visit to the shrine" for "Abe's shrine visit"), is another event, unless every
    telling word of its title is there. The best match wins."""
    if proposal.reporting and not (
        ANNOUNCED.search(proposal.derivation.phrase)
        and re.search(r"\bthat (?:it|they) (?:was|were) \w+ing\b", proposal.clauses[0].text)
    ):
        return None  # "said Monday": the saying is news of its own, not the event it tells;
        # "announced that it was extending its zone" is the step, "that it would …" is not
    lower, upper = dates.bounds(proposal.edtf)
    deadline = upper
    if proposal.status == Event.Status.PLANNED and re.match(r"by\b", proposal.derivation.phrase):
        upper = deadline + timedelta(days=366)  # "aim to finish it by year-end": deadlines slip
    # the actors, and the states their people and ministries belong to
    states = (index.states_by_country.get(a.country) for a in proposal.actors)
    ids = {a.pk for a in proposal.actors} | {state.pk for state in states if state}
    text = " ".join(c.text for c in _told(proposal))
    # the actors' names are weighed as actors, and as one word at most ("Kono statement")
    names = set(re.findall(r"[a-z]{3,}", plain(" ".join(a.name_en for a in proposal.actors))))
    words = _content(text, names)
    name_words = _content(text) - words  # the actors' names: count once at most
    own = _content(proposal.title)  # its headline: what it is about, not all it mentions
    if not words | name_words:
        return None
    # every telling word (a few cut by their length, ties broken by hash order, let "Cheonan"
    # fall out of "The 1,200-ton corvette Cheonan sank near the disputed border")
    telling = sorted({w for w in re.findall(r"[A-Za-z]{4,}", text) if w.lower() not in PLAIN_WORDS})
    named = Q(actors__in=ids)
    for word in telling:
        named |= Q(title_en__icontains=word)
    candidates = (
        Event.objects.exclude(review=Event.Review.REJECTED)
        .exclude(citations__source=source)
        .filter(named, date_lower__lte=upper, date_upper__gte=lower)
        .distinct()
        .order_by("pk")
        .prefetch_related("actors")[:500]  # every telling word looks: room for the one meant
    )
    best, best_score = None, None
    people = {(a.pk, a.country) for a in proposal.actors if a.kind == Actor.Kind.PERSON}
    for event in candidates:
        theirs = {a.pk for a in event.actors.all()}
        shared = len(ids & theirs)
        title = _content(event.title_en)
        common = len(words & title) + min(1, len(name_words & title))
        same_parties = theirs and shared >= min(2, len(theirs))
        headline = own & title
        whole_title = len(title) >= 2 and title <= words | name_words
        # its summary says more than its title: "the last security dialogue of senior officials"
        about = title | _content(event.summary_en or "")
        described = len(words & about) + min(1, len(name_words & about)) >= 2
        their_people = [a for a in event.actors.all() if a.kind == Actor.Kind.PERSON]
        all_people = all(a.pk in ids for a in their_people)  # if it has any
        # none of the event's people named, and someone of their country instead
        absent = {a.country for a in their_people}
        replaced = not any(pk in theirs for pk, _ in people) and any(
            country in absent for _, country in people
        )
        if replaced and not whole_title:
            continue
        # "met … for their security talks and agreed to …": a meeting too
        same_kind = event.kind == proposal.kind or (
            (event.kind, proposal.kind) == (Event.Kind.MEETING, Event.Kind.AGREEMENT)
            and event.status == proposal.status
            and re.search(r"\b(?:met|held)\b", text)
            and MEETING_WORDS.search(text)
        )
        if event.date_lower > deadline and len(words & title) < 3:
            continue  # past its deadline, only what names it plainly ("revise the guidelines")
        # two of its people, or all of its actors (three at least, a person among them), on its
        # very day
        met = (
            len({pk for pk, _ in people} & theirs) >= 2
            or (their_people and len(theirs) >= 3 and theirs <= ids)
        ) and _on_its_days(proposal.edtf, event)
        # a part of the year the event has only its year of: "tried to hold a new round in
        # late 2013" for the meeting that fell through in 2013
        told = dates.bounds(proposal.edtf)
        within_year = dates.precision(event.edtf) == "year" and (
            event.date_lower <= told[0] and told[1] <= event.date_upper
        )
        # its day within the month or week the passage names: "The two began the talks in April"
        in_span = (
            0 < (upper - lower).days <= 31
            and lower <= event.date_lower <= event.date_upper <= upper
        )
        if not (
            common >= 3
            or (headline and common >= 2)
            or whole_title
            or ((common or described) and same_parties and same_kind)
            or (common and shared and event.edtf == proposal.edtf and "/" in event.edtf)
            # a word of its title, one of its parties, its kind and its very day: "the
            # National Security Council, which held its first meeting last Wednesday"
            or (
                common
                and shared
                and event.edtf == proposal.edtf
                and (event.kind == proposal.kind or proposal.named)
            )
            or (met and dates.precision(proposal.edtf) == "day")
            or (
                same_parties
                and len(theirs) >= 2  # not "Japan" alone: every policy of Japan's that year
                and all_people
                and event.kind == proposal.kind
                # a day within the month named, if the passage names its people too
                and (event.edtf == proposal.edtf or within_year or (in_span and their_people))
                and event.status == proposal.status
            )
            # a word of its title, one of its parties, and its day within the month or week the
            # passage names: "In April, a rocket broke apart" for "North Korea's rocket launch
            # fails"
            or (common and shared and in_span)
        ):
            continue
        score = (common, shared, -(event.date_upper - event.date_lower).days)
        if best_score is None or score > best_score:
            best, best_score = event, score
    return best


def reported_events(
    proposals: list[Proposal], source: Source, index: ActorIndex
) -> list[Event | None]:
    """The event on the timeline each proposal reports again (already_reported), kept only for
    the proposal that reports it best: an article tells of an event once, and its other passages
    that match it are reactions, requests and asides ("Seoul regrets the postponement", "the
    party had asked for the delay"), unless they tell it again with its date, status and people.
    Best: the event's status, then a date not told as "the same day" as another, then its
    kind, then the finest date (a day, a month, a year), then the most of its actors, then the
    most words of its title, then a date said nearest to them ("who took office in February,
    … his visit to the shrine in December")."""
    found = [already_reported(p, source, index) for p in proposals]

    def own(i: int) -> bool:
        # none but the event's parties and their people: "they confirmed …", not "a support
        # group rejected the deal"; who says it is no party where the date is of what they
        # say ("the Joint Chiefs of Staff said the rocket was launched at 7:39 a.m."), not of
        # their saying it ("told a news conference in the evening that …")
        theirs = set(found[i].actors.all())
        states = {a.country for a in theirs if a.kind == Actor.Kind.STATE}
        phrase = re.escape(proposals[i].derivation.phrase)
        speakers = {
            a
            for c in proposals[i].clauses
            if not (phrase and re.search(rf"{phrase},? that\b", c.text))
            for m in SPEAKER.finditer(c.text)
            for a in index.find(m[1], c.start + m.start(1))
        }
        return all(
            a in theirs or a in speakers or (a.kind == Actor.Kind.PERSON and a.country in states)
            for a in proposals[i].actors
        )

    def beside(i: int) -> bool:
        # what came "the same day" as something the article told is something else
        return bool(timex.SAME_DAY.fullmatch(proposals[i].derivation.phrase))

    def fit(i: int):
        proposal, event = proposals[i], found[i]
        lower, upper = dates.bounds(proposal.edtf)
        text = " ".join(c.text for c in proposal.clauses)
        title = _content(event.title_en)
        at = text.find(proposal.derivation.phrase)
        spots = [m.start() for m in re.finditer(r"[A-Za-z]{3,}", text) if _content(m[0]) & title]
        return (
            # the status it has, or a plan carried out: "held the talks on Tuesday" for the
            # talks planned for April
            proposal.status == event.status
            or (event.status == Event.Status.PLANNED and proposal.status == Event.Status.OCCURRED),
            not beside(i),
            proposal.kind == event.kind,
            -sum((upper - lower).days > most for most in (0, 31, 366)),
            len(set(proposal.actors) & set(event.actors.all())),
            len(_content(text) & title),
            -min((abs(spot - at) for spot in spots), default=len(text)),
        )

    def again(i: int) -> bool:
        # another passage of the very event: its date as the event has it (or, where a noun
        # names it, a date that holds its day: "the North's deadly attack last week"), its
        # status, its people
        proposal, event = proposals[i], found[i]
        lower, upper = dates.bounds(proposal.edtf)
        return (
            (
                _on_its_days(proposal.edtf, event)
                or (proposal.named and lower <= event.date_lower <= event.date_upper <= upper)
            )
            and proposal.status == event.status
            and own(i)
            and not beside(i)
        )

    for event in {e for e in found if e}:
        sharing = [i for i, e in enumerate(found) if e == event]
        best = max(sharing, key=fit)
        kept = {i for i in sharing if i == best or again(i)}
        found = [None if i in sharing and i not in kept else e for i, e in enumerate(found)]
    return found


def _unique_slug(model, base: str) -> str:
    """A slug for a new row: the base cut to fit the field with room for a "-2", then
    numbered until no row has it."""
    room = model._meta.get_field("slug").max_length - 4
    base = (base or "item")[:room].rstrip("-")
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
    country: str = ""  # where the article was read as written from (its dateline, its outlet)


def reading(body: str, country: str) -> ActorIndex:
    """The actors as an import reads them in this article (the actors new to it saved)."""
    return ActorIndex(Actor.objects.select_related("merge_into")).for_article(body, country)


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
        outlet=Outlet.objects.for_name(article.outlet, Outlet.Kind.NEWSPAPER),
        section=article.section,
        byline=article.byline,
        agency=Outlet.objects.for_name(article.agency, Outlet.Kind.AGENCY),
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
    index = ActorIndex(Actor.objects.select_related("merge_into"))
    new_actors = unknown_actors(article.body, index, article.country)
    for actor in new_actors:
        actor.slug = _unique_slug(Actor, slugify(actor.name_en))
        actor.save()
    events = []
    index = reading(article.body, article.country)
    skip = len(article.dateline)
    proposals = [
        p
        for p in propose(article.body, article.published_on, index, skip=skip)
        if dates.placeable(p.edtf)  # an editor adds any other date by hand
    ]
    reported = reported_events(proposals, source, index)
    kept = [i for i, p in enumerate(proposals) if reported[i] or not p.reference]
    proposals, reported = [proposals[i] for i in kept], [reported[i] for i in kept]
    for proposal, reports in zip(proposals, reported, strict=True):
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
            reports=reports,
        )
        # What each passage says of the date and status, for comparing it with other reports
        # (comparing.py); a report's own date ("said Saturday") is not the event's.
        stated = {} if proposal.reporting else {"stated_edtf": proposal.edtf}
        for clause in proposal.clauses:
            Citation.objects.get_or_create(
                event=event,
                source=source,
                start=clause.start,
                end=clause.end,
                defaults={"exact": clause.text, "stated_status": proposal.status, **stated},
            )
        # a report of an event on the timeline is of its parties too, named or not ("the two
        # countries last held the talks in Tokyo": the ministries that hold them)
        parties = {*proposal.actors, *(reports.actors.all() if reports else ())}
        EventActor.objects.bulk_create([EventActor(event=event, actor=a) for a in parties])
        events.append(event)
    # bulk_create sends no signals: the actors are not in the search documents and weights yet.
    refresh_search(event_ids=[event.pk for event in events])
    if dry_run:
        transaction.set_rollback(True)
    return ImportResult(source, True, events, new_actors, article.country)
