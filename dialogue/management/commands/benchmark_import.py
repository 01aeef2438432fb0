"""Score the article import against gold files (tests/data/imports/README.md says their shape).

Each set is imported into the database as an editor would find it (the seed fixture's actors,
topics and, for the evaluation sets, its events, plus the set's known.json) inside a
transaction that is rolled back: nothing is changed.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from dialogue.articles import ArticleError, dateline, outlet_named, outlet_names
from dialogue.importing import expressions, import_article, reading, sentences
from dialogue.models import Actor, Citation, Event, EventActor, Period, Source
from dialogue.recognition import name_key

DATA = settings.BASE_DIR / "tests" / "data" / "imports"
SEED = settings.BASE_DIR / "fixtures" / "seed.json"
SETS = {  # name: (folder of gold files, folder of article files, seed events in the database)
    "seeds": (DATA / "seeds", settings.BASE_DIR / "fixtures" / "articles", False),
    "tuning": (DATA / "tuning", DATA / "tuning", True),
    "tuning b": (DATA / "tuning-b", DATA / "tuning-b", True),
    "tuning c": (DATA / "tuning-c", DATA / "tuning-c", True),
    "tuning d": (DATA / "tuning-d", DATA / "tuning-d", True),
    "tuning e": (DATA / "tuning-e", DATA / "tuning-e", True),
    "tuning f": (DATA / "tuning-f", DATA / "tuning-f", True),
    "tuning g": (DATA / "tuning-g", DATA / "tuning-g", True),
    "tuning h": (DATA / "tuning-h", DATA / "tuning-h", True),
    "tuning i": (DATA / "tuning-i", DATA / "tuning-i", True),
    "tuning j": (DATA / "tuning-j", DATA / "tuning-j", True),
    "tuning k": (DATA / "tuning-k", DATA / "tuning-k", True),
    "tuning l": (DATA / "tuning-l", DATA / "tuning-l", True),
    "tuning m": (DATA / "tuning-m", DATA / "tuning-m", True),
    "tuning n": (DATA / "tuning-n", DATA / "tuning-n", True),
    "tuning o": (DATA / "tuning-o", DATA / "tuning-o", True),
    "tuning p": (DATA / "tuning-p", DATA / "tuning-p", True),
    "tuning q": (DATA / "tuning-q", DATA / "tuning-q", True),
    "tuning r": (DATA / "tuning-r", DATA / "tuning-r", True),
    "tuning s": (DATA / "tuning-s", DATA / "tuning-s", True),
    "tuning t": (DATA / "tuning-t", DATA / "tuning-t", True),
    "tuning u": (DATA / "tuning-u", DATA / "tuning-u", True),
    "tuning v": (DATA / "tuning-v", DATA / "tuning-v", True),
    "held out": (DATA / "heldout", DATA / "heldout", True),
    "held out b": (DATA / "heldout-b", DATA / "heldout-b", True),
}
# (key, label, target, higher is better)
MEASURES = [
    ("header", "header read without help (date, outlet, headline)", 0.95, True),
    ("timex", "time expressions found (recall)", 0.95, True),
    ("events", "gold events proposed (recall)", 0.90, True),
    ("dates", "proposals whose date is right (precision)", 0.90, True),
    ("status", "status right where the text is clear", 0.95, True),
    ("known", "named known actors attached", 0.95, True),
    ("new", "new people and organisations proposed", 0.90, True),
    ("merged", "two spellings of one person merged", 0.80, True),
    ("existing", "reports of events in the database attached", 0.90, True),
    ("attached", "attachments to the right event (precision)", 0.90, True),
    ("untimed", "proposals from sentences with no time expression", 0, False),
]


@dataclass
class Tally:
    """Hits and totals of each measure, summed over a set's articles (micro-averaged)."""

    hits: dict = field(default_factory=dict)
    totals: dict = field(default_factory=dict)
    present_tense: int = 0
    notes: list = field(default_factory=list)

    def add(self, key: str, hit: bool | int, total: int = 1):
        self.hits[key] = self.hits.get(key, 0) + int(hit)
        self.totals[key] = self.totals.get(key, 0) + total

    def value(self, key: str):
        if key == "untimed":
            return self.hits.get(key, 0)
        total = self.totals.get(key, 0)
        return self.hits.get(key, 0) / total if total else None

    def fraction(self, key: str) -> str:
        if key == "untimed":
            return str(self.hits.get(key, 0))
        return f"{self.hits.get(key, 0)}/{self.totals.get(key, 0)}"


def _same_text(a: str, b: str) -> bool:
    def tidy(text):
        return re.sub(r"\W+", " ", re.sub(r"^the ", "", text.lower().strip())).strip()

    return tidy(a) == tidy(b)


def _same_outlet(a: str, b: str) -> bool:
    named_a, named_b = outlet_named(a), outlet_named(b)
    return (named_a or a) == (named_b or b) or _same_text(a, b)


def _load_known(path: Path):
    """The actors and events a set says the database holds (its known.json)."""
    if not path.exists():
        return
    known = json.loads(path.read_text(encoding="utf-8"))
    for row in known.get("actors", []):
        Actor.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "kind": row["kind"],
                "country": row.get("country", ""),
                "name_en": row["name_en"],
                "aliases": "\n".join(row.get("aliases", [])),
                "office_en": row.get("office", ""),
            },
        )
    for row in known.get("events", []):
        event = Event.objects.create(
            slug=row["slug"],
            title_en=row["title"],
            edtf=row["edtf"],
            kind=row["kind"],
            status=row["status"],
            is_published=False,
        )
        EventActor.objects.bulk_create(
            [EventActor(event=event, actor=a) for a in Actor.objects.filter(slug__in=row["actors"])]
        )


def _said(text: str, what: str, header: dict) -> bool:
    """Whether the page says this header field at all (asking for it otherwise is right)."""
    if what == "published":
        return header["published"][:4] in text
    if what == "outlet":
        return any(name.lower() in text.lower() for name in outlet_names(header["outlet"]))
    return True


def _import(raw: bytes, name: str, header: dict, tally: Tally):
    """Import as an editor would: without help first; given what the text lacks if asked."""
    try:
        result = import_article(raw, name=name)
    except ArticleError as exc:
        tally.notes.append(f"{name}: asked for {', '.join(exc.missing) or exc.messages}")
        result = import_article(
            raw,
            name=name,
            outlet=header.get("outlet", "") if "outlet" in exc.missing else "",
            published=date.fromisoformat(header["published"])
            if "published" in exc.missing
            else None,
            title=header.get("title", "") if "title" in exc.missing else "",
        )
        text = raw.decode("utf-8-sig")
        for what in ("published", "outlet", "title"):
            tally.add("header", what not in exc.missing or not _said(text, what, header))
        return result, set(exc.missing)
    return result, set()


def score_article(gold: dict, raw: bytes, name: str, tally: Tally):
    header = gold["header"]
    result, asked = _import(raw, name, header, tally)
    source = result.source
    if not asked:
        tally.add("header", source.published_on.isoformat() == header["published"])
        tally.add("header", _same_outlet(source.outlet.name, header["outlet"]))
        tally.add("header", _same_text(source.title, header["title"]))
    for what, ok in (
        ("date", "published" in asked or source.published_on.isoformat() == header["published"]),
        ("outlet", "outlet" in asked or _same_outlet(source.outlet.name, header["outlet"])),
        ("headline", "title" in asked or _same_text(source.title, header["title"])),
    ):
        if not ok:
            tally.notes.append(f"{name}: {what} read wrong")
    body = source.body

    # Time expressions: each gold phrase, found in order, overlapped by one the importer read.
    line = dateline(body)
    found = expressions(body, source.published_on, skip=len(line[0]) if line else 0)
    at, spans = 0, []
    for t in gold["time_expressions"]:
        start = body.find(t["text"], at)
        if start < 0:
            start = body.find(t["text"])
        end = start + len(t["text"])
        at = end if start >= 0 else at
        spans.append((start, end))
        hit = start >= 0 and any(f.start < end and f.end > start for f in found)
        tally.add("timex", hit)
        if not hit:
            tally.notes.append(f"{name}: missed time expression “{t['text']}”")

    # Proposals against gold events, one to one by overlapping passages, date agreement first.
    proposals = list(
        Event.objects.filter(citations__source=source, review=Event.Review.PROPOSED)
        .distinct()
        .prefetch_related("citations", "actors")
        .select_related("reports")
    )
    golds = []
    for g in gold["events"]:
        start = body.find(g["passage"])
        golds.append((g, start, start + len(g["passage"])) if start >= 0 else (g, -1, -1))

    def overlap(p, g):
        _, s, e = g
        return sum(max(0, min(e, c.end) - max(s, c.start)) for c in p.citations.all())

    pairs = sorted(
        (
            (p.edtf == g[0]["edtf"], overlap(p, g), i, j)
            for i, g in enumerate(golds)
            for j, p in enumerate(proposals)
            if overlap(p, g)
        ),
        reverse=True,
    )
    matched, used_g, used_p = [], set(), set()
    for _, _, i, j in pairs:
        if i not in used_g and j not in used_p:
            matched.append((golds[i][0], proposals[j]))
            used_g.add(i)
            used_p.add(j)
    for i, (g, _, _) in enumerate(golds):
        tally.add("events", i in used_g)
        if i not in used_g:
            tally.notes.append(f"{name}: no proposal for “{g['passage'][:70]}” ({g['edtf']})")
        if g.get("existing"):
            pair = next((p for gg, p in matched if gg is g), None)
            hit = bool(pair and pair.reports and pair.reports.slug == g["existing"])
            tally.add("existing", hit)
            if not hit:
                why = (
                    f"proposal {pair.edtf} reports {pair.reports and pair.reports.slug}, "
                    f"actors {sorted(a.slug for a in pair.actors.all())}"
                    if pair
                    else "no proposal"
                )
                tally.notes.append(f"{name}: not attached to {g['existing']} ({why})")
    for p in proposals:
        if p.reports_id:
            g = next((g for g, q in matched if q is p), None)
            hit = bool(g and g.get("existing") == p.reports.slug)
            tally.add("attached", hit)
            if not hit:
                tally.notes.append(f"{name}: “{p.title[:50]}” wrongly attached to {p.reports.slug}")
    right = {p.pk for g, p in matched if p.edtf == g["edtf"]}
    for p in proposals:
        tally.add("dates", p.pk in right)
        if p.pk not in right:
            g = next((g for g, q in matched if q is p), None)
            wanted = f"gold {g['edtf']}" if g else "no gold event"
            tally.notes.append(f"{name}: proposal {p.edtf} “{p.title[:60]}” ({wanted})")
    for g, p in matched:
        if g.get("status"):
            tally.add("status", p.status == g["status"])
            if p.status != g["status"]:
                tally.notes.append(f"{name}: status {p.status} != {g['status']}: {p.title[:50]}")
        slugs = {a.slug for a in p.actors.all()}
        for actor in g["actors"]:
            if Actor.objects.filter(slug=actor, is_confirmed=True).exists():
                tally.add("known", actor in slugs)
                if actor not in slugs:
                    tally.notes.append(f"{name}: {actor} not attached to “{p.title[:50]}”")

    # Proposals whose sentence holds no time expression of the gold.
    bounds = sentences(body)
    for p in proposals:
        citing = [(s, e) for s, e in bounds for c in p.citations.all() if s < c.end and e > c.start]
        timed = any(s <= a < e for s, e in citing for a, _ in spans if a >= 0)
        if not timed:
            if p.date_derivation_en.startswith("under way"):
                tally.present_tense += 1
            else:
                tally.add("untimed", 1, 0)
                tally.notes.append(f"{name}: untimed proposal “{p.title[:60]}”")

    # New actors, and other spellings of known ones.
    new = [a for a in result.new_actors if a.merge_into_id is None]
    for item in gold["new_actors"]:
        hit = any(
            _same_text(a.name_en, item["name"])
            or (item["kind"] == "person" and name_key(a.name_en) == name_key(item["name"]))
            for a in new
        )
        tally.add("new", hit)
        if not hit:
            tally.notes.append(f"{name}: new actor not proposed: {item['name']}")
    index = None  # the article's actors as the import read them, when needed
    for item in gold.get("same_actor", []):
        merged = any(
            a.merge_into_id
            and a.merge_into.slug == item["actor"]
            and name_key(a.name_en) == name_key(item["spelling"])
            for a in result.new_actors
        )
        separate = any(name_key(a.name_en) == name_key(item["spelling"]) for a in new)
        citing = [p for p in proposals for c in p.citations.all() if item["spelling"] in c.exact]
        attached = any(item["actor"] in {a.slug for a in p.actors.all()} for p in citing)
        if not citing:
            # said only in sentences that tell no event ("Foreign Ministry spokesman Kim said"):
            # read as the importer reads them
            index = index or reading(body, result.country)
            attached = any(
                item["actor"] in {a.slug for a in index.find(body[s:e], s)}
                for s, e in bounds
                if item["spelling"] in body[s:e]
            )
        hit = merged or (attached and not separate)
        tally.add("merged", hit)
        if not hit:
            tally.notes.append(f"{name}: {item['spelling']} not read as {item['actor']}")


def run_set(name: str) -> Tally:
    gold_dir, article_dir, with_events = SETS[name]
    tally = Tally()
    with transaction.atomic():
        Citation.objects.all().delete()
        Period.objects.all().delete()
        Event.objects.all().delete()
        Source.objects.all().delete()
        call_command("loaddata", str(SEED), verbosity=0)
        Citation.objects.all().delete()
        Source.objects.all().delete()  # the articles are imported again, not found as copies
        if not with_events:
            Event.objects.all().delete()
        _load_known(gold_dir / "known.json")
        for path in sorted(gold_dir.glob("*.json")):
            if path.name == "known.json":
                continue
            gold = json.loads(path.read_text(encoding="utf-8"))
            article = article_dir / f"{path.stem}.txt"
            with transaction.atomic():  # each article against the database as the set found it
                score_article(gold, article.read_bytes(), article.name, tally)
                transaction.set_rollback(True)
        transaction.set_rollback(True)
    return tally


class Command(BaseCommand):
    help = (
        "Import the seed articles and the evaluation sets (tests/data/imports) into the database "
        "as an editor finds it and score the proposals against the gold files. Changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--set", choices=list(SETS), action="append", dest="sets")

    def handle(self, *args, sets=None, verbosity=1, **options):
        names = sets or list(SETS)
        tallies = {name: run_set(name) for name in names}
        width = max(len(label) for _, label, _, _ in MEASURES)
        head = "".join(f"{name:>18}" for name in names)
        self.stdout.write(f"{'':{width}}  target{head}")
        for key, label, target, higher in MEASURES:
            cells = ""
            for name in names:
                tally = tallies[name]
                value = tally.value(key)
                if value is None:
                    cells += f"{'-':>18}"
                    continue
                ok = value >= target if higher else value <= target
                shown = str(value) if key == "untimed" else f"{value:.2f}"
                cells += f"{shown + ' (' + tally.fraction(key) + ')' + ('' if ok else ' ✗'):>18}"
            goal = f"{'≥' if higher else '='} {target}"
            self.stdout.write(f"{label:{width}}  {goal:>6}{cells}")
        self.stdout.write(
            "proposals dated by the present tense alone (“is considering”: the article's month): "
            + ", ".join(f"{name} {tallies[name].present_tense}" for name in names)
        )
        if verbosity > 1:
            for name in names:
                self.stdout.write(f"\n== {name}")
                for note in tallies[name].notes:
                    self.stdout.write(f"  {note}")
