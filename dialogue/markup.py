"""Django's format_html and format_html_join, for the shapes a page repeats in the hundreds
(the axis's marks and ticks, the density's bars, the filters' checkboxes, the listed events).

The output is the same. Django's pass each argument, and the result, through a wrapper that
looks for lazy strings among its arguments, some 3 µs each time; a timeline page has about
3,000 of them, most of them numbers."""

from __future__ import annotations

import html

from django.utils.functional import Promise
from django.utils.safestring import SafeString


def _escaped(value) -> str:
    """django.utils.html.conditional_escape: markup kept, anything else escaped as text (the
    commonest kinds first; a number has nothing to escape)."""
    kind = type(value)
    if kind is str:
        return html.escape(value)
    if kind is SafeString:
        return value
    if kind is int or kind is float:
        return str(value)
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def format_html(format_string: str, *args) -> SafeString:
    return SafeString(format_string.format(*map(_escaped, args)))


def format_html_join(sep: str, format_string: str, args_generator) -> SafeString:
    return SafeString(
        _escaped(sep).join(format_string.format(*map(_escaped, args)) for args in args_generator)
    )
