"""The content editors translate (django-modeltranslation): each field below gets a column per
language (title_en, title_ja, title_ko) beside the original, in the same row, so a translated
page runs the same queries as an English one. Reading `event.title` gives the active language's
text, or the English when there is none (see languages.localized for saying which)."""

from modeltranslation.translator import TranslationOptions, register

from dialogue.models import Actor, Event, Period, Topic


class _Options(TranslationOptions):
    # An untranslated field is NULL, not '': unique names stay unique only where they are set.
    empty_values = None


@register(Event)
class EventOptions(_Options):
    fields = ("title", "summary", "framing", "date_derivation")


@register(Period)
class PeriodOptions(_Options):
    fields = ("name", "description")


@register(Topic)
class TopicOptions(_Options):
    fields = ("name", "description")


@register(Actor)
class ActorOptions(_Options):
    fields = ("office", "description")
