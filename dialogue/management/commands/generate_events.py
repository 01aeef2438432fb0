import random
from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from dialogue import search
from dialogue.models import Actor, Citation, DataVersion, Event, EventActor, Outlet, Source, Topic

PREFIX = "synthetic-"
PER_SOURCE = 100  # events citing one synthetic article
FIRST, LAST = date(2009, 1, 1), date(2015, 12, 31)
# Bursts of news around these days, as real coverage clusters around meetings and crises.
BURSTS = [date(2009, 12, 15), date(2012, 8, 10), date(2013, 12, 26), date(2014, 9, 9),
          date(2015, 4, 5), date(2015, 12, 28)]  # fmt: skip
# In English, Japanese and Korean: the titles are translated, as the curated events' are.
VERBS = [("met", "会談した", "회담했다"), ("agreed", "合意した", "합의했다"),
         ("discussed", "協議した", "논의했다"), ("postponed", "延期した", "연기했다"),
         ("announced", "発表した", "발표했다"), ("reviewed", "検討した", "검토했다"),
         ("proposed", "提案した", "제안했다")]  # fmt: skip
SUBJECTS = [("the security dialogue", "安保対話", "안보대화"),
            ("missile defence", "ミサイル防衛", "미사일 방어"),
            ("intelligence sharing", "情報共有", "정보 공유"),
            ("the defence guidelines", "防衛協力指針", "방위협력지침"),
            ("maritime patrols", "海上哨戒", "해상 초계"),
            ("the abductions issue", "拉致問題", "납치 문제")]  # fmt: skip


def _day(rng: random.Random) -> date:
    if rng.random() < 0.5:
        burst = rng.choice(BURSTS)
        day = burst + timedelta(days=round(rng.gauss(0, 20)))
    else:
        day = FIRST + timedelta(days=rng.randrange((LAST - FIRST).days + 1))
    return min(max(day, FIRST), LAST)


def _edtf(rng: random.Random, day: date) -> str:
    """Mixed precision, as in the news: mostly days, some months, years, spans, uncertain."""
    roll = rng.random()
    if roll < 0.55:
        return day.isoformat()
    if roll < 0.80:
        return f"{day:%Y-%m}"
    if roll < 0.88:
        return f"{day.year}"
    if roll < 0.95:
        end = min(day + timedelta(days=rng.randrange(5, 120)), LAST)
        return f"{day.isoformat()}/{end.isoformat()}"
    return f"{day.isoformat()}?"


class Command(BaseCommand):
    help = (
        "Fill the database with N synthetic published events (bursts over 2009–2015, mixed date "
        "precision, several actors and topics each, each citing a sentence of a synthetic "
        "article), for benchmarks. Removes earlier synthetic data first."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=2015, help="Random seed (repeatable).")
        parser.add_argument("--clear", action="store_true", help="Only remove synthetic data.")

    @transaction.atomic
    def handle(self, *args, count, seed, clear, **options):
        Citation.objects.filter(source__slug__startswith=PREFIX).delete()
        Event.objects.filter(slug__startswith=PREFIX).delete()
        Source.objects.filter(slug__startswith=PREFIX).delete()
        Actor.objects.filter(slug__startswith=PREFIX).delete()
        if clear:
            DataVersion.bump()
            self.stdout.write("Removed the synthetic data.")
            return
        rng = random.Random(seed)
        actors = list(Actor.objects.confirmed()) + Actor.objects.bulk_create(
            Actor(slug=f"{PREFIX}actor-{i}", name_en=f"Synthetic official {i}",
                  kind=Actor.Kind.PERSON, country=rng.choice(["JPN", "KOR", "USA", "CHN"]))
            for i in range(40)
        )  # fmt: skip
        # A Japanese and a Korean wire, in turn: reports from both sides, as the seeds have.
        wires = [
            Outlet.objects.get_or_create(
                slug=f"{PREFIX}wire-{code.lower()}",
                defaults={"name": f"Synthetic Wire ({code})", "kind": Outlet.Kind.AGENCY,
                          "country": code},
            )[0]
            for code in ("JPN", "KOR")
        ]  # fmt: skip
        topics = list(Topic.objects.all())
        statuses = [s for s, _ in Event.Status.choices]
        kinds = [k for k, _ in Event.Kind.choices]
        made = 0
        while made < count:
            batch = min(PER_SOURCE * 50, count - made)
            sources, events, sentences, titles = [], [], [], []
            for s in range(0, batch, PER_SOURCE):
                n = min(PER_SOURCE, batch - s)
                said = [(rng.choice(VERBS), rng.choice(SUBJECTS), made + s + i) for i in range(n)]
                lines = [
                    f"Officials {verb[0]} {subject[0]} in report {k}." for verb, subject, k in said
                ]
                titles += [
                    (f"当局者が{subject[1]}について{verb[1]}（報告{k}）",
                     f"당국자들이 {subject[2]}에 대해 {verb[2]} (보고 {k})")
                    for verb, subject, k in said
                ]  # fmt: skip
                body = "\n\n".join(lines)
                sources.append(
                    Source(slug=f"{PREFIX}source-{made + s}", title=f"Synthetic report {made + s}",
                           outlet=wires[(made + s) // PER_SOURCE % 2], published_on=LAST, body=body,
                           raw_text=body)
                )  # fmt: skip
                offset = 0
                for line in lines:
                    sentences.append((len(sources) - 1, offset, line))
                    offset += len(line) + 2
            Source.objects.bulk_create(sources)
            chosen = []
            for i, ((_, _, line), (title_ja, title_ko)) in enumerate(
                zip(sentences, titles, strict=True)
            ):
                day = _day(rng)
                edtf = _edtf(rng, day)
                people = rng.sample(actors, rng.randint(1, 4))
                subjects = rng.sample(topics, rng.randint(1, 3)) if topics else []
                chosen.append((people, subjects))
                event = Event(
                    slug=f"{PREFIX}{made + i}",
                    title=line.removesuffix("."),
                    title_ja=title_ja,
                    title_ko=title_ko,
                    summary=f"A synthetic event for benchmarks, dated {edtf}.",
                    edtf=edtf,
                    kind=rng.choice(kinds),
                    status=rng.choice(statuses),
                    is_published=True,
                    review=Event.Review.CONFIRMED,
                )
                event.clean()  # derives the date bounds
                event.weight = 2 + len(people)
                event.search_document = search.document(event, [line], people)
                events.append(event)
            Event.objects.bulk_create(events)
            citations, roles, tags = [], [], []
            for event, (source_index, offset, line), (people, subjects) in zip(
                events, sentences, chosen, strict=True
            ):
                source = sources[source_index]
                citations.append(
                    Citation(event=event, source=source, exact=line, start=offset,
                             end=offset + len(line), prefix=source.body[max(0, offset - 32):offset],
                             suffix=source.body[offset + len(line):offset + len(line) + 32])
                )  # fmt: skip
                roles += [EventActor(event=event, actor=a) for a in people]
                tags += [Event.topics.through(event=event, topic=t) for t in subjects]
            Citation.objects.bulk_create(citations)
            EventActor.objects.bulk_create(roles)
            Event.topics.through.objects.bulk_create(tags)
            made += batch
            self.stdout.write(f"  {made} / {count}")
        DataVersion.bump()  # bulk inserts send no signals
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # fresh statistics, or the planner skips indexes
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Generated {count} synthetic events."))
