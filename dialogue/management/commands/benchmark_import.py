import json
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from dialogue.importing import import_article
from dialogue.models import Actor, Citation, Event, Period, Source, Topic

SEED = settings.BASE_DIR / "fixtures" / "seed.json"
ARTICLES = settings.BASE_DIR / "fixtures" / "articles"


@dataclass
class Item:
    """An event, curated or proposed: its date, actors and cited spans (by article)."""

    label: str
    edtf: str
    actors: frozenset
    spans: list  # (raw_text, start, end)


def curated_events() -> tuple[list[Item], list[dict], list[dict]]:
    """The published events of the seed fixture, read from the file, not the database."""
    rows = json.loads(SEED.read_text(encoding="utf-8"))
    by_model = {}
    for row in rows:
        by_model.setdefault(row["model"], []).append(row)
    sources = {r["pk"]: r["fields"] for r in by_model["dialogue.source"]}
    actors = {r["pk"]: r["fields"]["slug"] for r in by_model["dialogue.actor"]}
    items = {}
    for r in by_model["dialogue.event"]:
        if r["fields"]["is_published"]:
            items[r["pk"]] = Item(r["fields"]["slug"], r["fields"]["edtf"], frozenset(), [])
    for r in by_model.get("dialogue.eventactor", []):
        item = items.get(r["fields"]["event"])
        if item:
            item.actors = item.actors | {actors[r["fields"]["actor"]]}
    for r in by_model["dialogue.citation"]:
        item = items.get(r["fields"]["event"])
        if item:
            source = sources[r["fields"]["source"]]
            item.spans.append((source["raw_text"], r["fields"]["start"], r["fields"]["end"]))
    return list(items.values()), list(sources.values()), by_model


def proposed_events() -> list[Item]:
    items = []
    events = Event.objects.filter(review=Event.Review.PROPOSED).prefetch_related(
        "actors", "citations__source"
    )
    for e in events:
        spans = [(c.source.raw_text, c.start, c.end) for c in e.citations.all()]
        items.append(Item(e.title, e.edtf, frozenset(a.slug for a in e.actors.all()), spans))
    return items


def _overlap(a: Item, b: Item) -> int:
    return sum(
        max(0, min(e1, e2) - max(s1, s2))
        for raw1, s1, e1 in a.spans
        for raw2, s2, e2 in b.spans
        if raw1 == raw2
    )


def score(curated: list[Item], proposed: list[Item]) -> dict:
    """One-to-one matching of proposals to curated events whose passages overlap, preferring
    pairs that agree on the date, then larger overlaps; then recall, precision, date agreement
    and actor precision/recall/F1 (micro-averaged over matched pairs)."""
    pairs = [
        (c.edtf == p.edtf, _overlap(c, p), i, j)
        for i, c in enumerate(curated)
        for j, p in enumerate(proposed)
        if _overlap(c, p)
    ]
    matched, used_c, used_p = [], set(), set()
    for _, _, i, j in sorted(pairs, reverse=True):
        if i not in used_c and j not in used_p:
            matched.append((curated[i], proposed[j]))
            used_c.add(i)
            used_p.add(j)
    tp = sum(len(c.actors & p.actors) for c, p in matched)
    predicted = sum(len(p.actors) for _, p in matched)
    gold = sum(len(c.actors) for c, _ in matched)
    a_p = tp / predicted if predicted else 0.0
    a_r = tp / gold if gold else 0.0
    return {
        "curated": len(curated),
        "proposed": len(proposed),
        "matched": len(matched),
        "recall": len(matched) / len(curated) if curated else 0.0,
        "precision": len(matched) / len(proposed) if proposed else 0.0,
        "date_agreement": sum(c.edtf == p.edtf for c, p in matched) / len(matched)
        if matched
        else 0.0,
        "actor_precision": a_p,
        "actor_recall": a_r,
        "actor_f1": 2 * a_p * a_r / (a_p + a_r) if a_p + a_r else 0.0,
        "pairs": matched,
        "missed": [c for i, c in enumerate(curated) if i not in used_c],
    }


def run_benchmark() -> dict:
    """Import the seed articles into a database holding no sources or events (only the actor
    and topic tables, which recognition reads), score the proposals, and roll everything back."""
    curated, sources, rows = curated_events()
    with transaction.atomic():
        Citation.objects.all().delete()
        Period.objects.all().delete()
        Event.objects.all().delete()
        Source.objects.all().delete()
        if not Actor.objects.exists():
            for r in rows["dialogue.actor"]:
                Actor.objects.create(pk=r["pk"], **r["fields"])
            for r in rows["dialogue.topic"]:
                Topic.objects.create(pk=r["pk"], **r["fields"])
        for source in sources:
            # What an editor supplies on import where the text does not say it.
            import_article(
                (ARTICLES / source["received_as"]).read_bytes(),
                name=source["received_as"],
                outlet=source["outlet"],
                published=date.fromisoformat(source["published_on"]),
                url=source["url"],
            )
        result = score(curated, proposed_events())
        transaction.set_rollback(True)
    return result


class Command(BaseCommand):
    help = (
        "Import the seed articles into an empty database and score the proposed events against "
        "the curated ones: recall, precision, date agreement, actor F1. Changes nothing."
    )

    def handle(self, *args, **options):
        r = run_benchmark()
        self.stdout.write(
            f"curated events {r['curated']}, proposals {r['proposed']}, matched {r['matched']}\n"
            f"recall          {r['recall']:.3f}   (target >= 0.9)\n"
            f"precision       {r['precision']:.3f}\n"
            f"date agreement  {r['date_agreement']:.3f}   (target >= 0.9, on matched events)\n"
            f"actor P/R/F1    {r['actor_precision']:.3f} / {r['actor_recall']:.3f} / "
            f"{r['actor_f1']:.3f}   (target F1 >= 0.9)"
        )
        for c, p in r["pairs"]:
            flag = "" if c.edtf == p.edtf else f"   DATE {p.edtf} != {c.edtf}"
            extra, missing = sorted(p.actors - c.actors), sorted(c.actors - p.actors)
            actors = f"   actors +{extra} -{missing}" if extra or missing else ""
            self.stdout.write(f"  {c.label:45} <- {p.label[:50]}{flag}{actors}")
        for c in r["missed"]:
            self.stdout.write(f"  MISSED {c.label} ({c.edtf})")
