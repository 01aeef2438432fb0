"""How each side reported an event: its passages by the country of their outlet, and where the
reports differ as the data shows it: the date each passage states (Citation.stated_edtf: another
value, or the same at another precision), the status each reports (Citation.stated_status), and
which of the event's actors each names (found as the importer finds them: ActorIndex).

An event is compared when passages of two or more outlets cite it. The editors' note on framing
(Event.framing) is theirs, shown apart from this, never as evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy, pgettext

from dialogue import dates, languages
from dialogue.models import Actor, Citation, Event
from dialogue.recognition import ActorIndex


@dataclass
class Report:
    """One passage as its outlet reported the event."""

    citation: Citation
    named: list[Actor] = field(default_factory=list)  # the event's actors the passage names
    passage: dict | None = None  # as a page shows it in its context (views.passages_of)

    @property
    def source(self):
        return self.citation.source

    @property
    def outlet(self):
        return self.citation.source.outlet


@dataclass
class Side:
    """The reports of one country's outlets ("" for international agencies)."""

    country: str
    name: str
    reports: list[Report]


@dataclass
class Difference:
    """What the reports disagree on: `what` is "date", "precision", "status" or "actors";
    `items` pairs each outlet (or outlets) with what it says."""

    what: str
    items: list[tuple[str, str]]


@dataclass
class Comparison:
    sides: list[Side]
    differences: list[Difference]


def outlets_of(citations) -> set[int]:
    return {c.source.outlet_id for c in citations}


def country_names(codes) -> dict[str, str]:
    """A country's name in the page's language: its state's, as actors name it ("" : other
    outlets, i.e. international agencies)."""
    states = Actor.objects.confirmed().filter(kind=Actor.Kind.STATE, country__in=set(codes))
    names = {a.country: languages.localized(a, "name").text for a in states}
    return {code: names.get(code) or code or gettext("International agencies") for code in codes}


def compare(
    event: Event | None, citations=None, people=None, names: dict | None = None
) -> Comparison | None:
    """The event's reports side by side, or None when fewer than two outlets cite it.
    `citations`: the event's (their sources and outlets read with them), flagged ones left out;
    `people`: its actors; `names`: countries' names (country_names), when read for many."""
    citations = [c for c in (citations or event.citations.all()) if not c.needs_review]
    if len(outlets_of(citations)) < 2:
        return None
    if people is None:
        people = [p.actor for p in event.participations.all()]
    index = ActorIndex(people)
    reports = [Report(c, index.find(c.exact) if people else []) for c in citations]
    countries = sorted({r.outlet.country for r in reports}, key=lambda c: (not c, c))
    names = names if names is not None else country_names(countries)
    sides = [
        Side(code, names.get(code, code), [r for r in reports if r.outlet.country == code])
        for code in countries
    ]
    return Comparison(sides, differences(reports, people))


WHAT = {
    "precision": gettext_lazy("the date’s precision"),
    "date": gettext_lazy("the date"),
    "status": gettext_lazy("the status"),
    "actors": gettext_lazy("the actors named"),
}


def summary(differences: list[Difference]) -> str:
    """What the reports differ in, in a line: "Reports differ on: the date; the actors named"."""
    if not differences:
        return gettext("Reports agree on the date, status and actors, as far as they give them.")
    return gettext("Reports differ on: %(what)s") % {
        "what": pgettext("between the items of a list", "; ").join(
            str(WHAT[d.what]) for d in differences
        )
    }


def _by_outlet(reports: list[Report], value) -> dict[str, list[str]]:
    """What each outlet's passages say (`value` of a report; none left out), outlet by outlet."""
    said: dict[str, list[str]] = {}
    for r in reports:
        if v := value(r):
            said.setdefault(r.outlet.name, [])
            if v not in said[r.outlet.name]:
                said[r.outlet.name].append(v)
    return said


def differences(reports: list[Report], people: list[Actor]) -> list[Difference]:
    found = []
    stated = _by_outlet(reports, lambda r: r.citation.stated_edtf)
    values = {v for vs in stated.values() for v in vs}
    if len(values) > 1:
        spans = [dates.bounds(v) for v in values]
        # One date within another ("December 2009" and "2009"): the same, told more or less
        # precisely; else the reports give different dates.
        nested = all(
            (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])
            for a in spans
            for b in spans
        )
        items = [
            (outlet, ", ".join(dates.describe(v) for v in vs)) for outlet, vs in stated.items()
        ]
        found.append(Difference("precision" if nested else "date", items))
    statuses = dict(Event.Status.choices)
    said = _by_outlet(reports, lambda r: r.citation.stated_status)
    if len({v for vs in said.values() for v in vs}) > 1:
        items = [(o, ", ".join(str(statuses[v]) for v in vs)) for o, vs in said.items()]
        found.append(Difference("status", items))
    outlets = {r.outlet.name for r in reports}
    naming = {a: {r.outlet.name for r in reports if a in r.named} for a in people}
    partly = [(a, o) for a, o in naming.items() if o and o != outlets]
    if partly:
        items = [
            (", ".join(sorted(o)), languages.localized(a, "name").text)
            for a, o in sorted(partly, key=lambda pair: sorted(pair[1]))
        ]
        found.append(Difference("actors", items))
    return found
