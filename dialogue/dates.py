"""Saying an EDTF date in words, at the precision it has and no finer."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

_QUALIFIERS = "?~%"


def _side(text: str) -> tuple[str, date | None]:
    """The precision of one EDTF date ('year', 'month', 'day' or 'open') and its first day."""
    text = text.strip(_QUALIFIERS)
    if text in ("", ".."):
        return "open", None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return "year", date(parts[0], 1, 1)
    if len(parts) == 2:
        return "month", date(parts[0], parts[1], 1)
    return "day", date(*parts)


def _say(precision: str, day: date | None, *, with_year: bool = True) -> str:
    if precision == "open" or day is None:
        return "…"
    if precision == "year":
        return str(day.year)
    text = f"{day:%B}" if precision == "month" else f"{day.day} {day:%B}"
    return f"{text} {day.year}" if with_year else text


@lru_cache(maxsize=8192)  # pages repeat the same few thousand dates
def describe(edtf: str) -> str:
    """'April 2015', '27 April 2015', '2013', '5 – 30 April 2015', 'December 2009 – April 2015'.

    Uncertain dates ('?') end in '(uncertain)'; approximate ones ('~') start with 'about'.
    """
    value = edtf.strip()
    uncertain = "?" in value or "%" in value
    approximate = "~" in value or "%" in value
    if "/" in value:
        first, last = value.split("/", 1)
        (p1, d1), (p2, d2) = _side(first), _side(last)
        if p1 == p2 == "day" and d1 and d2 and (d1.year, d1.month) == (d2.year, d2.month):
            text = f"{d1.day} – {d2.day} {d2:%B %Y}"
        elif p1 == p2 and p1 in ("day", "month") and d1 and d2 and d1.year == d2.year:
            text = f"{_say(p1, d1, with_year=False)} – {_say(p2, d2)}"
        else:
            text = f"{_say(p1, d1)} – {_say(p2, d2)}"
    else:
        text = _say(*_side(value))
    if approximate:
        text = f"about {text}"
    if uncertain:
        text = f"{text} (uncertain)"
    return text


@lru_cache(maxsize=8192)
def precision(edtf: str) -> str:
    """'day', 'month', 'year' or 'span'."""
    value = edtf.strip()
    if "/" in value:
        return "span"
    return _side(value)[0]
