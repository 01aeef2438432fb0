"""Full-text search over events, in English, Japanese and Korean: their titles and summaries in
every language, their cited passages, and their actors' names and aliases.

Japanese and Korean are indexed as Lucene's CJKBigramFilter does: each run of Han, kana or
Hangul characters becomes its overlapping two-character pieces (伊原純一 → 伊原 原純 純一; one
character alone stays as it is), in the search document and in the query alike (`terms`), so
any two or more consecutive characters of a name, title or passage find it. English words go
to the database as they are, and it splits, stems and ranks them as whole words.

Each event keeps its search document (`document`): the readable text, then the pieces of its
Japanese and Korean words, the titles first, apart from the rest (HEADING_END) so a title
match ranks higher. The databases index it themselves, kept in step by triggers (migration
0008). PostgreSQL: to_tsvector('english') splits and stems it, and a table holds a row per
word per event, its score there and the event's date, which index-only scans read in rank
order (a GIN index would find the events, but then visit each to read its id and rank: some
40 ms for a common word at 100,000 events, against 3). SQLite: an FTS5 table (porter
unicode61), ranked by bm25. A query is read once (`parse`: words, "phrases", -exclusions,
OR) and said to either database.

Snippets are cut in Python, for the events of one page, from the readable text only (titles,
summaries, passages: never the names and aliases the document also holds), highlighting the
query's words as the English stemmer (snowballstemmer, PostgreSQL's own) reduces them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import snowballstemmer
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import Expression, F, FloatField, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from dialogue.languages import CODES

CONFIG = "english"
HEADING_END = "\f"  # between a document's titles and the rest (the index weighs them apart)
# Where the index lives (created by migration 0008, unknown to the models).
TERMS_TABLE = "dialogue_event_term"  # PostgreSQL: (lexeme, event_id, score, date_lower)
FTS_TABLE = "dialogue_event_fts"  # SQLite: FTS5, its rowid the event's id
# A word in a title counts as this many elsewhere (PostgreSQL: in the word's score; SQLite:
# bm25's column weight), before the word's frequency saturates.
HEADING_WEIGHT = 5.0
MAX_ITEMS = 12  # words or phrases of a query read
# Snippets are built with these markers and escaped before they become <mark> tags.
OPEN, CLOSE = "\u0002", "\u0003"

# Han (with 々〆〇〻), Hiragana, Katakana (not its middle dot ・), Hangul syllables and jamo.
_CJK = (
    "\u1100-\u11ff\u3005-\u3007\u303b\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3131-\u318e"
    "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
_RUN = re.compile(f"[{_CJK}]+")
_IS_CJK = re.compile(f"[{_CJK}]")
_HANGUL = re.compile("[\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\uac00-\ud7ff]")
_WORD = re.compile(r"[^\W_]")  # a letter or digit: a token the databases index
_LATIN_WORD = re.compile(f"(?:(?![{_CJK}])[^\\W_])+")  # a word outside the CJK runs
_STEMMER = snowballstemmer.stemmer("english")


def _bigrams(run: str) -> str:
    return " ".join(run[i : i + 2] for i in range(len(run) - 1)) or run


def terms(text: str) -> str:
    """The text as the index and the query both read it: NFKC-normalised (full-width letters
    and half-width kana as usual), each run of CJK characters as its bigrams, set apart by
    spaces from what it touched ("THAAD配備" → "THAAD 配備")."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join(_RUN.sub(lambda run: f" {_bigrams(run.group())} ", text).split())


def _indexed(parts: list[str]) -> str:
    """Readable text, then the index terms of each of its words that differ from the word."""
    text = "\n".join(p.strip() for p in parts if p and p.strip())
    extra = [t for word in text.split() if (t := terms(word)) != word]
    return "\n".join([text, *extra]) if extra else text


def document(event, passages, actors) -> str:
    """The text an event is found by: its titles, then (after HEADING_END) its summaries, the
    passages it cites, and its actors' names in every language and their aliases."""
    titles = [getattr(event, f"title_{code}", None) for code in CODES]
    body = [getattr(event, f"summary_{code}", None) for code in CODES] + list(passages)
    for actor in actors:
        body += [actor.name_en, actor.name_ja, actor.name_ko, *actor.aliases.splitlines()]
    return _indexed(titles) + HEADING_END + _indexed(body)


# The query --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """A search as both databases are asked it: every clause must match, each by one of its
    alternatives (a word or a phrase, as index terms); no excluded one may. `shown` holds the
    words and CJK runs a snippet highlights."""

    clauses: tuple[tuple[tuple[str, ...], ...], ...]
    excluded: tuple[tuple[str, ...], ...]
    shown: tuple[str, ...]
    phrases: bool = False  # "quoted" words, which must stand together and in order

    def __bool__(self) -> bool:
        return bool(self.clauses)


_ITEM = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')


def parse(text: str) -> Query:
    """Read a query as PostgreSQL's websearch_to_tsquery does: words (all must match),
    "a phrase", -word (must not), and `or` between two alternatives."""
    clauses, excluded, shown, alternative, phrases = [], [], [], False, False
    for minus, quoted, bare in _ITEM.findall(text)[: MAX_ITEMS * 2]:
        if not minus and quoted == "" and bare.lower() == "or":
            alternative = bool(clauses)
            continue
        tokens = tuple(t for t in terms(quoted or bare).split() if _WORD.search(t))
        if not tokens:
            continue
        phrases |= bool(quoted) and len(tokens) > 1
        if minus:
            excluded.append(tokens)
        elif alternative:
            clauses[-1].append(tokens)
        else:
            clauses.append([tokens])
        if not minus:
            normal = unicodedata.normalize("NFKC", quoted or bare)
            shown += _RUN.findall(normal) + _LATIN_WORD.findall(normal)
        alternative = False
        if len(clauses) + len(excluded) >= MAX_ITEMS:
            break
    shown = tuple(dict.fromkeys(shown))
    return Query(tuple(map(tuple, clauses)), tuple(excluded), shown, phrases)


def _one_character(tokens: tuple[str, ...]) -> bool:
    """A lone CJK character: it finds the bigrams that start with it (a prefix search)."""
    return len(tokens) == 1 and len(tokens[0]) == 1 and bool(_IS_CJK.match(tokens[0]))


def _tsquery(query: Query) -> str:
    """The query in to_tsquery's syntax; each term quoted, for the english configuration to
    split, stem and drop as it does the document's words."""

    def operand(tokens):
        if _one_character(tokens):
            return f"'{tokens[0]}':*"
        quoted = ("'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in tokens)
        return "(" + " <-> ".join(quoted) + ")"

    parts = ["(" + " | ".join(map(operand, clause)) + ")" for clause in query.clauses]
    parts += ["!" + operand(tokens) for tokens in query.excluded]
    return " & ".join(parts)


def _fts_match(query: Query) -> str:
    """The query in FTS5's syntax: each term a quoted string, which FTS5 tokenizes (and stems)
    as it does the document's; the terms of a phrase must stand together."""

    def operand(tokens):
        phrase = '"' + " ".join(tokens).replace('"', '""') + '"'
        return phrase + "*" if _one_character(tokens) else phrase

    match = " AND ".join("(" + " OR ".join(map(operand, clause)) + ")" for clause in query.clauses)
    if query.excluded:
        match = f"({match}) NOT (" + " OR ".join(map(operand, query.excluded)) + ")"
    return match


# Matching and ranking, in the database -------------------------------------------------------


def _postgres() -> bool:
    return connection.vendor == "postgresql"


# PostgreSQL: words as the index holds them (to_tsvector's lexemes: stemmed, no stop words).
_LEXEMES = f"tsvector_to_array(to_tsvector('{CONFIG}', %s))"


def _joined(parts: list[tuple[str, list]], sep: str) -> tuple[str, list]:
    return "(" + sep.join(sql for sql, _ in parts) + ")", [p for _, params in parts for p in params]


def _narrowing(events: QuerySet | None, column: str) -> tuple[str, list]:
    """SQL narrowing a query to `events` (" AND column IN (their ids)"), unless they are all
    the events."""
    if events is None or not events.query.has_filters():
        return "", []
    sql, params = events.order_by().values("pk").query.sql_with_params()
    return f" AND {column} IN ({sql})", list(params)


def _posting(tokens: tuple[str, ...]) -> tuple[str, list]:
    """PostgreSQL: a row of the index for one of these words (a lone CJK character: any
    bigram it starts)."""
    if _one_character(tokens):
        return "(lexeme >= %s AND lexeme < %s)", [tokens[0], chr(ord(tokens[0]) + 1)]
    return f"lexeme = ANY({_LEXEMES})", [" ".join(tokens)]


def _rows(alternatives: list[tuple[str, ...]]) -> tuple[str, list]:
    """PostgreSQL: the rows of the index for any of these words (one lookup of them all)."""
    words = " ".join(" ".join(t) for t in alternatives if not _one_character(t))
    parts = [_posting((words,))] if words else []
    return _joined(parts + [_posting(t) for t in alternatives if _one_character(t)], " OR ")


def _has_all(tokens: tuple[str, ...]) -> tuple[str, list]:
    """PostgreSQL, over one event's rows of the index (one a word): it has all these words."""
    if _one_character(tokens):
        return "bool_or(lexeme >= %s AND lexeme < %s)", _posting(tokens)[1]
    text = " ".join(tokens)
    return f"count(*) FILTER (WHERE lexeme = ANY({_LEXEMES})) = cardinality({_LEXEMES})", [
        text,
        text,
    ]


def _postings(query: Query, *, within: QuerySet | None = None) -> tuple[str, list]:
    """PostgreSQL: SQL selecting the ids of the events that match, best first, then oldest,
    and its parameters; `within`, a queryset of events, narrows them.

    The index (TERMS_TABLE, filled by triggers, migration 0008) has a row per word per event:
    the word's score in the event, and the event's date. An event matches if its rows have
    every clause (by one of its alternatives) and no excluded word, and ranks by the sum of
    its scores. The words of a phrase, or the bigrams of a CJK run, must all be there; only a
    phrase the reader "quoted" is then checked word by word, in order, in the event's text."""
    where, where_params = _rows([tokens for clause in query.clauses for tokens in clause])
    narrow, narrow_params = _narrowing(within, "event_id")
    having = [_joined([_has_all(t) for t in clause], " OR ") for clause in query.clauses]
    for tokens in query.excluded:
        (row, row_params), (has, has_params) = _posting(tokens), _has_all(tokens)
        excluded = f"SELECT event_id FROM {TERMS_TABLE} WHERE {row} GROUP BY event_id HAVING {has}"
        having.append((f"event_id NOT IN ({excluded})", row_params + has_params))
    if query.phrases:
        having.append(
            (
                "EXISTS (SELECT 1 FROM dialogue_event AS e WHERE e.id = event_id AND "
                f"dialogue_event_vector(e.search_document) @@ to_tsquery('{CONFIG}', %s))",
                [_tsquery(query)],
            )
        )
    condition, condition_params = _joined(having, " AND ")
    return (
        f"SELECT event_id FROM {TERMS_TABLE} WHERE {where}{narrow} GROUP BY event_id "
        f"HAVING {condition} ORDER BY sum(score::float8) DESC, min(date_lower), event_id",
        [*where_params, *narrow_params, *condition_params],
    )


def _all_of(lexemes: list[str], *, within: QuerySet | None = None) -> tuple[str, list]:
    """PostgreSQL: _postings for a query of words that must all match (the usual search), as
    the index can answer it fastest: an index-only scan a word, in rank order for one word,
    the scans joined on the event for several."""
    words = range(len(lexemes))
    joins = "".join(f" JOIN {TERMS_TABLE} AS w{i} USING (event_id)" for i in words[1:])
    narrow, narrow_params = _narrowing(within, "event_id")
    where = " AND ".join(f"w{i}.lexeme = %s" for i in words)
    # (One word: its score as the index orders it; several: added as sum() adds them.)
    score = " + ".join(f"w{i}.score::float8" for i in words) if len(words) > 1 else "w0.score"
    return (
        f"SELECT event_id FROM {TERMS_TABLE} AS w0{joins} WHERE {where}{narrow} "
        f"ORDER BY {score} DESC, w0.date_lower, event_id",
        [*lexemes, *narrow_params],
    )


def _found(query: Query) -> RawSQL:
    """The ids of the events that match, as a subquery."""
    if _postgres():
        return RawSQL(*_postings(query))
    return RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [_fts_match(query)])


class _Rank(Expression):
    """How well an event (the outer query's id) matches, higher being better: on PostgreSQL
    the sum of its scores for the query's words; on SQLite FTS5's bm25, titles weighing more."""

    output_field = FloatField()

    def __init__(self, query: Query, pk=None):
        super().__init__()
        self.query, self.pk = query, pk if pk is not None else F("pk")

    def get_source_expressions(self):
        return [self.pk]

    def set_source_expressions(self, exprs):
        (self.pk,) = exprs

    def as_sql(self, compiler, connection):
        pk, pk_params = compiler.compile(self.pk)
        if connection.vendor == "postgresql":
            rows, params = _rows([tokens for clause in self.query.clauses for tokens in clause])
            sql = f"SELECT sum(score::float8) FROM {TERMS_TABLE} WHERE {rows} AND event_id = {pk}"
        else:
            sql = (
                f"SELECT -bm25({FTS_TABLE}, {HEADING_WEIGHT}, 1.0) FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s AND rowid = {pk}"
            )
            params = [_fts_match(self.query)]
        return f"({sql})", [*params, *pk_params]


def matching(events: QuerySet, text: str) -> QuerySet:
    """The events that match the query, as a queryset (for counting and filtering)."""
    query = parse(text)
    return events.filter(pk__in=_found(query)) if query else events.none()


def with_rank(events: QuerySet, text: str) -> QuerySet:
    """The matching events annotated with .rank (higher is better)."""
    query = parse(text)
    return matching(events, text).annotate(rank=_Rank(query) if query else Value(0.0))


def _plain(query: Query) -> str | None:
    """A query of words (or CJK runs) that must all match, as text; None for any other."""
    alternatives = [tokens for clause in query.clauses for tokens in clause]
    if len(alternatives) > len(query.clauses) or query.excluded or query.phrases:
        return None
    if any(_one_character(tokens) for tokens in alternatives):
        return None
    return " ".join(" ".join(tokens) for tokens in alternatives)


def _ranked(query: Query, events: QuerySet) -> tuple[str, list]:
    """The SQL of the ids of the events that match, best first, then oldest, the fastest the
    query allows, and its parameters."""
    if not _postgres():  # FTS5 ranks its matches in the one query that finds them
        narrow, narrow_params = _narrowing(events, "e.id")
        return (
            f"SELECT e.id FROM {FTS_TABLE} JOIN dialogue_event AS e ON e.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s{narrow} "
            f"ORDER BY bm25({FTS_TABLE}, {HEADING_WEIGHT}, 1.0), e.date_lower, e.id",
            [_fts_match(query), *narrow_params],
        )
    words = _plain(query)
    if words is None:
        return _postings(query, within=events)
    with connections[events.db].cursor() as cursor:
        cursor.execute(f"SELECT {_LEXEMES}", [words])
        (lexemes,) = cursor.fetchone()
    if not lexemes:  # only stop words
        raise EmptyResultSet
    return _all_of(lexemes, within=events)


def ranked_ids(events: QuerySet, text: str):
    """The ids of the events matching the query, best first, then oldest (a NumPy array);
    each once, though `events` be made by joins (a pair of actors, one in two roles)."""
    query = parse(text)
    try:
        if not query:
            raise EmptyResultSet
        with connections[events.db].cursor() as cursor:  # the request's database (replica.py)
            cursor.execute(*_ranked(query, events))
            rows = cursor.fetchall()
    except EmptyResultSet:  # nothing to look for, or events.none()
        return np.empty(0, dtype=np.int64)
    return np.fromiter((pk for (pk,) in rows), np.int64, len(rows))


# Snippets -----------------------------------------------------------------------------------

# In columns (a Chinese character, kana or Hangul syllable is two): before the match, in all.
SNIPPET_BEFORE, SNIPPET_LENGTH = 60, 180


def _columns(text: str, start: int, columns: int, step: int) -> int:
    """The offset `columns` wide from `start`, going forward (step 1) or back (step -1)."""
    at = start
    while columns > 0 and (at < len(text) if step > 0 else at > 0):
        char = text[at] if step > 0 else text[at - 1]
        columns -= 2 if unicodedata.east_asian_width(char) in "WF" else 1
        at += step
    return at


def _wordlike(char: str) -> bool:
    """Part of a word: a letter, mark or digit, or an apostrophe or hyphen inside one."""
    return unicodedata.category(char)[0] in "LMN" or char in "'’-‐"


def _may_cut(text: str, at: int) -> bool:
    """Whether a snippet may start or end at this offset: at whitespace or punctuation, or
    between two Chinese characters or kana (Japanese has no spaces); never inside a word, nor
    inside a Korean word (Korean has spaces between words)."""
    if at <= 0 or at >= len(text):
        return True
    before, after = text[at - 1], text[at]
    if not (_wordlike(before) and _wordlike(after)):
        return True
    cjk = [bool(_IS_CJK.match(c)) and not _HANGUL.match(c) for c in (before, after)]
    return all(cjk)


@functools.lru_cache(maxsize=10000)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)  # pure Python: tens of microseconds a word


def _highlighter(query: Query):
    """A function giving the spans of a text the query's words match: a CJK run where it
    occurs, an English word wherever a word has its stem (or its spelling)."""
    runs = [s for s in query.shown if _IS_CJK.match(s)]
    words = {w.casefold() for w in query.shown if not _IS_CJK.match(w)}
    stems = {_stem(word) for word in words} | words
    initials = {stem[0] for stem in stems}  # a stem keeps its word's first letter
    run_pattern = re.compile("|".join(map(re.escape, sorted(runs, key=len, reverse=True))))

    def spans(text: str) -> list[tuple[int, int]]:
        found = [m.span() for m in run_pattern.finditer(text)] if runs else []
        for m in _LATIN_WORD.finditer(text):
            word = m.group().casefold()
            if word[0] in initials and (word in stems or _stem(word) in stems):
                found.append(m.span())
        return sorted(found)

    return spans


def _readable(event) -> list[tuple[str, str]]:
    """What a snippet may quote, (text, language), the page's language first: summaries,
    passages, titles. Never the actors' names and aliases."""
    order = sorted(CODES, key=lambda code: (code != get_language(), code != "en"))
    texts = [(getattr(event, f"summary_{code}", None), code) for code in order]
    texts += [(c.exact, c.source.language) for c in event.cited]
    texts += [(getattr(event, f"title_{code}", None), code) for code in order]
    clean = str.maketrans("", "", OPEN + CLOSE)
    return [(unicodedata.normalize("NFC", t).translate(clean), lang) for t, lang in texts if t]


def _cut(text: str, offsets, otherwise) -> int:
    """The first of the offsets where the text may be cut, else the first of `otherwise`."""
    found = next((at for at in offsets if _may_cut(text, at)), None)
    return found if found is not None else next(at for at in otherwise if _may_cut(text, at))


def _snippet(text: str, spans: list[tuple[int, int]]) -> str:
    """A window of the text around its first match, cut only where _may_cut allows, with the
    matches in it marked."""
    first, first_end = spans[0] if spans else (0, 0)
    start = _columns(text, first, SNIPPET_BEFORE, -1)
    start = _cut(text, range(start, first + 1), range(start, -1, -1))
    while start < first and not _wordlike(text[start]):  # not from a comma or a space
        start += 1
    end = _columns(text, start, SNIPPET_LENGTH, 1)
    end = _cut(text, range(end, first_end - 1, -1), range(end, len(text) + 1))
    out, at = [], start
    for a, b in spans:
        if a >= at and b <= end:
            out += [text[at:a], OPEN, text[a:b], CLOSE]
            at = b
    out.append(text[at:end])
    body = " ".join("".join(out).split())
    return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")


def _render(snippet: str, lang: str) -> SafeString:
    html = escape(snippet).replace(OPEN, "<mark>").replace(CLOSE, "</mark>")
    # The list marks snippets as English; one quoted from another language says so.
    return mark_safe(html if lang == "en" else f'<span lang="{escape(lang)}">{html}</span>')


def add_snippets(events: list, text: str) -> None:
    """Give each event of a page a highlighted .snippet saying why it matched: the window of
    its readable text (its citations read into .cited) where most of the query's words are."""
    spans_in = _highlighter(parse(text))
    for event in events:
        best = None
        for readable, lang in _readable(event):
            spans = spans_in(readable)
            score = len({readable[a:b].casefold() for a, b in spans})
            if best is None or score > best[0]:
                best = (score, readable, lang, spans)
        event.snippet = _render(_snippet(best[1], best[3]), best[2]) if best else ""
