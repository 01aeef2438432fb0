"""Forms: the public timeline filters and the admin's citation form."""

from __future__ import annotations

from django import forms
from django.conf import settings

from dialogue.models import Actor, Citation, Event, Topic
from dialogue.passages import locate_quote

YEARS = range(settings.TIMELINE_FIRST_YEAR, settings.TIMELINE_LAST_YEAR + 1)


class TimelineFilterForm(forms.Form):
    """The timeline's state as it appears in the URL. Invalid values are dropped, not fatal."""

    year = forms.TypedChoiceField(
        choices=[("", "All years")] + [(str(y), str(y)) for y in YEARS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    actor = forms.ModelMultipleChoiceField(
        queryset=Actor.objects.confirmed(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topic = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.MultipleChoiceField(
        choices=Event.Status.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    kind = forms.MultipleChoiceField(
        label="Type",
        choices=Event.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    q = forms.CharField(label="Search", max_length=200, required=False, strip=True)
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(choices=[("", "Date"), ("relevance", "Relevance")], required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end of the range is before its start.")
            data.pop("date_to", None)
        return data

    def filters(self) -> dict:
        """The valid part of the query: what to show. Call after is_valid()."""
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in self.fields if data.get(name)}

    def problems(self) -> list[str]:
        """One readable sentence per ignored parameter."""
        messages = []
        for name, errors in self.errors.items():
            values = ", ".join(f"“{v}”" for v in self.data.getlist(name))[:200]
            label = self.fields[name].label or name if name in self.fields else name
            messages.append(f"Ignored {label.lower()} {values}: {' '.join(errors)}")
        return messages


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
    files = MultipleFileField(
        label="Article files",
        help_text="Plain-text (UTF-8) files, one article each, as received.",
    )
    outlet = forms.CharField(required=False, help_text="Only if the text does not name it.")
    published = forms.DateField(
        required=False,
        label="Publication date",
        help_text="YYYY-MM-DD. Only if the text has no “Published :” line.",
    )
    url = forms.URLField(required=False, label="Original URL", assume_scheme="https")


class CitationForm(forms.ModelForm):
    """Paste a quote; the offsets and context are found in the source, or the editor is told why."""

    start = forms.IntegerField(
        required=False, min_value=0, help_text="Leave empty: filled in from the quote."
    )
    end = forms.IntegerField(required=False, min_value=1, help_text="Leave empty as well.")
    words_before = forms.CharField(
        required=False,
        help_text="Only if the quote occurs more than once: a few words just before it.",
    )

    class Meta:
        model = Citation
        fields = ["source", "exact", "words_before", "start", "end"]
        widgets = {"exact": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        source, exact = data.get("source"), data.get("exact")
        if not source or not exact:
            return data
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None and source.body[start:end] == exact:
            return data
        data["start"], data["end"] = locate_quote(
            source.body, exact, prefix=data.get("words_before", "")
        )
        data["exact"] = source.body[data["start"] : data["end"]]
        return data
