"""Dates in templates, in the page's language: `{% load dates %}{{ source.published_on|day }}`
gives '9 September 2014', '2014年9月9日' or '2014년 9월 9일'."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone

from dialogue import dates

register = template.Library()


@register.filter
def day(value: date | datetime | None) -> str:
    """A day in the page's language (a datetime's in the site's time zone); nothing for none."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return dates.day_words(value)


@register.filter
def machine(edtf: str) -> str:
    """An EDTF value for <time datetime>, as an event gives it (dates.machine): HTML has no form
    for a span, so a span gives its start."""
    return dates.machine(edtf)
