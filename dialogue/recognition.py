"""Recognising actors in an article: the ones the Actor table knows, by any of their names, and
the people it does not know yet, named with an office."""

from __future__ import annotations

import re

from dialogue.models import Actor

PERSON = re.compile(
    r"\b(?P<office>(?:Prime|Foreign|Defense|Defence|Vice Foreign|Deputy) Minister|President|"
    r"Ambassador|Chief Cabinet Secretary|Minister)\s+"
    r"(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+(?:-[a-z]+)?)+)"
    r"|\b(?P<name2>[A-Z][a-z]+ [A-Z][a-z]+(?:-[a-z]+)?), (?:the )?(?P<office2>(?:deputy )?"
    r"(?:director general|minister|ambassador|spokesman|spokeswoman|secretary|envoy)[^,.]*)"
)
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


def unknown_people(body: str, known: ActorIndex) -> list[Actor]:
    """People named with an office who are not in the Actor table yet, as unconfirmed actors
    (unsaved, without a slug)."""
    people = []
    for m in PERSON.finditer(body):
        name = m["name"] or m["name2"]
        office = (m["office"] or m["office2"] or "").strip()
        if known.find(name) or any(p.name_en == name for p in people):
            continue
        people.append(
            Actor(
                kind=Actor.Kind.PERSON,
                name_en=name,
                office=office,
                is_confirmed=False,
                description="Proposed by an article import: check and confirm.",
            )
        )
    return people
