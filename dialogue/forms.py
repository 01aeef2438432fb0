"""Forms: the public timeline filters and the admin's citation form."""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dialogue import eventindex
from dialogue.models import Citation, Event
from dialogue.passages import locate_quote
from dialogue.timeline import FIRST, LAST


class Named(NamedTuple):
    """An actor or a topic as a filter names it."""

    pk: int
    slug: str


class NamedField(forms.MultipleChoiceField):
    """Actors or topics by slug, checked against the event index's choices (the confirmed
    actors, every topic) rather than asked of the database: each chosen once, in the choices'
    order (by name)."""

    def __init__(self, kind: str, **kwargs):
        self.kind = kind
        super().__init__(choices=partial(_slugs, kind), required=False, **kwargs)

    def clean(self, value) -> list[Named]:
        chosen = set(super().clean(value))
        return [Named(pk, slug) for pk, slug, _ in _named(self.kind) if slug in chosen]


def _named(kind: str) -> list[tuple]:
    return eventindex.current().choices[kind]


def _slugs(kind: str) -> list[tuple[str, str]]:
    return [(slug, slug) for _, slug, _ in _named(kind)]


class TimelineFilterForm(forms.Form):
    """The timeline's state as it appears in the URL. Invalid values are dropped, not fatal."""

    # A shortcut for the window of one year; any year the site can date (the axis reaches
    # before 2009, for context).
    year = forms.IntegerField(
        label=_("Year"), min_value=FIRST.year, max_value=LAST.year, required=False
    )
    actor = NamedField("actor", label=_("Actor"), widget=forms.CheckboxSelectMultiple)
    topic = NamedField("topic", label=_("Topic"), widget=forms.CheckboxSelectMultiple)
    reported_in = NamedField(
        "reported_in", label=_("Reported in"), widget=forms.CheckboxSelectMultiple
    )
    status = forms.MultipleChoiceField(
        label=_("Status"),
        choices=Event.Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kind = forms.MultipleChoiceField(
        label=pgettext_lazy("the kind of an event", "Type"),
        choices=Event.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    q = forms.CharField(label=_("Search"), max_length=200, required=False, strip=True)
    date_from = forms.DateField(
        label=pgettext_lazy("start of a date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("end of a date range", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = forms.ChoiceField(
        label=pgettext_lazy("order of search results", "Sort"),
        choices=[("", pgettext_lazy("order by", "Date")), ("relevance", _("Relevance"))],
        required=False,
    )

    def clean(self):
        data = super().clean()
        for name in ("from", "to"):
            if data.get(name) and not FIRST <= data[name] <= LAST:
                self.add_error(
                    name,
                    gettext("The timeline shows years %(first)s to %(last)s.")
                    % {"first": FIRST.year, "last": LAST.year},
                )
                data.pop(name, None)
        for first, last, message in (
            ("date_from", "date_to", _("The end of the range is before its start.")),
            ("from", "to", _("The end of the window is before its start.")),
        ):
            if data.get(first) and data.get(last) and data[first] > data[last]:
                self.add_error(last, message)
                data.pop(last, None)
        return data

    def filters(self) -> dict:
        """The valid part of the query: what to show. Call after is_valid()."""
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in self.fields if data.get(name)}

    def problems(self) -> list[str]:
        """One readable sentence per ignored parameter, in the page's language."""
        messages = []
        for name, errors in self.errors.items():
            quoted = (
                pgettext("a value quoted", "“%(value)s”") % {"value": v}
                for v in self.data.getlist(name)
            )
            values = pgettext("between values in a list", ", ").join(quoted)[:200]
            label = self.fields[name].label or name if name in self.fields else name
            messages.append(
                gettext("Ignored %(field)s %(values)s: %(errors)s")
                % {"field": str(label).lower(), "values": values, "errors": " ".join(errors)}
            )
        return messages


# The axis's window, `?from=YYYY-MM-DD&to=YYYY-MM-DD` (`year` is a shortcut for one year).
# Added here because `from` is a Python keyword and cannot be a class attribute.
TimelineFilterForm.base_fields["from"] = forms.DateField(label=_("Window from"), required=False)
TimelineFilterForm.base_fields["to"] = forms.DateField(label=_("Window to"), required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (the pattern from Django's file-upload documentation)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class ArticleImportForm(forms.Form):
    """The files of an import, and what their texts may not say, given for all of them."""

    files = MultipleFileField(
        label=_("Article files"),
        help_text=_("Plain-text (UTF-8) files, one article each, as received."),
    )
    outlet = forms.CharField(
        label=_("Outlet"),
        required=False,
        max_length=200,
        help_text=_("Only if the text does not name it."),
    )
    published = forms.DateField(
        required=False,
        label=_("Publication date"),
        help_text=_("YYYY-MM-DD. Only if the text has no “Published :” line."),
    )
    title = forms.CharField(
        label=_("Headline"),
        required=False,
        max_length=300,
        help_text=_("Only if the text does not have one."),
    )
    url = forms.URLField(required=False, label=_("Original URL"), assume_scheme="https")

    # What the importer may find missing in a text (ArticleError.missing), as the form asks it.
    MISSING = {
        "published": _("the publication date"),
        "outlet": _("the outlet"),
        "title": _("the headline"),
    }

    def ask_for(self, missing: list[str], *, name: str) -> str:
        """Mark the fields a file's text does not fill, and say which: “For a.txt, please give
        the publication date and the outlet (not found in the text).”"""
        for field in missing:
            self.add_error(field, gettext("Needed for %(file)s.") % {"file": name})
        what = [str(self.MISSING[field]) for field in missing]
        if len(what) > 1:
            comma = pgettext("between items of a list but the last two", ", ")
            last = pgettext("between the last two items of a list", " and ")
            what = [comma.join(what[:-1]) + last + what[-1]]
        message = gettext("For %(file)s, please give %(fields)s (not found in the text).") % {
            "file": name,
            "fields": what[0] if what else "",
        }
        self.add_error(None, message)
        return message


class ProposalTitleForm(forms.Form):
    """The title of a proposal, edited on the review page and saved when it is accepted."""

    title = forms.CharField(label=_("Title"), max_length=200)


class CitationForm(forms.ModelForm):
    """Paste a quote; the offsets and context are found in the source, or the editor is told why.

    A citation flagged "passage needs review" (a correction of its source's text changed its
    words, or left their place uncertain) keeps the quote the editor chose, and its offsets
    point at the likeliest place of those words now. It is resolved here, and only here or by
    the admin action: confirm the words now at the offsets, or paste the right quote. Saved
    without either, it is left as it is, still flagged."""

    start = forms.IntegerField(
        label=_("Start"),
        required=False,
        min_value=0,
        help_text=_("Leave empty: filled in from the quote."),
    )
    end = forms.IntegerField(
        label=_("End"), required=False, min_value=1, help_text=_("Leave empty as well.")
    )
    words_before = forms.CharField(
        label=_("Words before"),
        required=False,
        help_text=_("Only if the quote occurs more than once: a few words just before it."),
    )
    confirm_new_words = forms.BooleanField(
        required=False,
        label=_("Confirm the new words"),
        help_text=_("Cite the words now at these offsets in place of the old quote."),
    )

    class Meta:
        model = Citation
        fields = [
            "source", "exact", "words_before", "start", "end", "confirm_new_words",
            "stated_edtf", "stated_status",
        ]  # fmt: skip
        widgets = {"exact": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.flagged = self.instance.pk is not None and self.instance.needs_review
        self.resolved = False
        if not self.flagged:
            self.fields["confirm_new_words"].widget = forms.HiddenInput()
            return
        body = self.instance.source.body
        self.fields["exact"].help_text = format_html(
            gettext(
                "<strong>Passage needs review.</strong> The source’s text was corrected: this "
                "quote is not certainly at characters {start}–{end}, which now read “{words}”. "
                "Tick “confirm the new words” to cite those, or paste the right quote here."
            ),
            start=self.instance.start,
            end=self.instance.end,
            words=body[self.instance.start : self.instance.end],
        )

    def clean_exact(self):
        # A textarea sends line breaks as CRLF; the source's body has LF.
        return self.cleaned_data["exact"].replace("\r\n", "\n")

    def clean(self):
        data = super().clean()
        source, exact = data.get("source"), data.get("exact")
        if not source or not exact:
            return data
        start, end = data.get("start"), data.get("end")
        if self.flagged:
            old = self.instance
            if data.get("confirm_new_words"):
                start = old.start if start is None else start
                end = old.end if end is None else end
                if not 0 <= start < end <= len(source.body):
                    raise forms.ValidationError(
                        _("Characters %(start)s–%(end)s are not in the source."),
                        params={"start": start, "end": end},
                        code="offsets_outside_source",
                    )
                data["start"], data["end"] = start, end
                data["exact"] = source.body[start:end]
                self.resolved = True
                return data
            untouched = (source.pk, exact.strip(), start, end) == (
                old.source_id,
                old.exact.strip(),
                old.start,
                old.end,
            )
            if untouched and not data.get("words_before"):
                # Left for later: the quote stays the one the editor chose, word for word.
                data["exact"] = old.exact
                return data
        if start is None or end is None or source.body[start:end] != exact:
            data["start"], data["end"] = locate_quote(
                source.body, exact, prefix=data.get("words_before", "")
            )
            data["exact"] = source.body[data["start"] : data["end"]]
        self.resolved = self.flagged
        return data

    def save(self, commit=True):
        if self.resolved:
            self.instance.needs_review = False
        return super().save(commit=commit)
