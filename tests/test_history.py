"""Every editor's change is kept: who, when, what; it can be seen, reverted and undeleted."""

import re

import pytest
from django.utils.html import strip_tags
from reversion.models import Version

from dialogue.models import Citation, Event
from tests.test_admin import event_form

pytestmark = pytest.mark.django_db


def change_form(event, **changes):
    """The admin change form of an event as it stands, with some fields changed."""
    data = {
        **{
            f"{name}_{code}": getattr(event, f"{name}_{code}") or ""
            for name in ("title", "summary", "date_derivation")
            for code in ("en", "ja", "ko")
        },
        "slug": event.slug,
        "kind": event.kind,
        "status": event.status,
        "topics": [str(pk) for pk in event.topics.values_list("pk", flat=True)],
        "edtf": event.edtf,
        "review": event.review,
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "citations-TOTAL_FORMS": str(event.citations.count()),
        "citations-INITIAL_FORMS": str(event.citations.count()),
    }
    if event.is_published:
        data["is_published"] = "on"
    for i, c in enumerate(event.citations.all()):
        data |= {
            f"citations-{i}-id": str(c.pk),
            f"citations-{i}-event": str(event.pk),
            f"citations-{i}-source": str(c.source_id),
            f"citations-{i}-exact": c.exact,
            f"citations-{i}-start": str(c.start),
            f"citations-{i}-end": str(c.end),
        }
    return data | changes


def history_rows(response) -> list[tuple[str, ...]]:
    """The rows of an admin history or recover list: the row's link, then its cells' text."""
    html = response.content.decode()
    table = re.search(r'<table id="change-history".*?<tbody>(.*?)</tbody>', html, re.S)
    assert table, "no history table on the page"
    return [
        (
            re.search(r'href="([^"]+)"', row)[1],
            *(
                " ".join(strip_tags(cell).split())
                for cell in re.findall(r"<td>(.*?)</td>", row, re.S)
            ),
        )
        for row in re.findall(r"<tr>(.*?)</tr>", table[1], re.S)
    ]


def title_field(response) -> str:
    """The value of the title box of an admin change form."""
    field = re.search(
        r'<input type="text" name="title_en" value="([^"]*)"', response.content.decode()
    )
    assert field, "no title box on the page"
    return field[1]


def citation_rows(**filters) -> set[tuple]:
    return set(
        Citation.objects.filter(**filters).values_list("pk", "source", "exact", "start", "end")
    )


def test_an_admin_edit_is_recorded_with_its_author(client, seed, staff):
    """The history page lists the one edit, by the editor, as a title change, and links to it."""
    client.force_login(staff)
    event = Event.objects.get(slug="kono-statement")
    response = client.post(
        f"/admin/dialogue/event/{event.pk}/change/", change_form(event, title_en="Kono statement!")
    )
    assert response.status_code == 302
    (version,) = Version.objects.get_for_object(event)
    assert version.revision.user == staff
    assert version.field_dict["title"] == "Kono statement!"
    history = client.get(f"/admin/dialogue/event/{event.pk}/history/")
    assert history_rows(history) == [
        (f"/admin/dialogue/event/{event.pk}/history/{version.pk}/", "editor", "Changed Title [en].")
    ]


def test_an_edit_can_be_reverted_from_its_history(client, seed, staff):
    """An earlier version opens from the history as a form holding its values; saving it brings
    them back, and the history says so."""
    client.force_login(staff)
    event = Event.objects.get(slug="kono-statement")
    url = f"/admin/dialogue/event/{event.pk}/change/"
    as_it_was = change_form(event)
    assert client.post(url, as_it_was).status_code == 302  # the version to come back to
    first = Version.objects.get_for_object(event).get()
    assert client.post(url, change_form(event, title_en="A mistaken title")).status_code == 302
    event.refresh_from_db()
    assert event.title == "A mistaken title"

    revert = f"/admin/dialogue/event/{event.pk}/history/{first.pk}/"
    assert title_field(client.get(revert)) == "Kono statement"
    event.refresh_from_db()
    assert event.title == "A mistaken title"  # opening the form changed nothing
    assert client.post(revert, as_it_was).status_code == 302
    event.refresh_from_db()
    assert event.title == "Kono statement"
    *_, newest = history_rows(
        client.get(f"/admin/dialogue/event/{event.pk}/history/")
    )  # oldest first
    assert newest[1] == "editor"
    assert newest[2].startswith("Reverted to previous version")


def test_a_deleted_event_and_its_citations_can_be_recovered(client, seed, staff):
    """Deleting an event deletes its citations; recovering it from the admin's list of deleted
    events brings both back, with the same ids and passages."""
    client.force_login(staff)
    event = Event.objects.get(slug="kono-statement")
    as_it_was = change_form(event)
    assert client.post(f"/admin/dialogue/event/{event.pk}/change/", as_it_was).status_code == 302
    citations = citation_rows(event=event)
    assert len(citations) >= 1
    response = client.post(f"/admin/dialogue/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists()
    assert not citation_rows(pk__in=[pk for pk, *_ in citations])

    deleted = Version.objects.get_deleted(Event).get(object_id=str(event.pk))
    recover = f"/admin/dialogue/event/recover/{deleted.pk}/"
    assert history_rows(client.get("/admin/dialogue/event/recover/")) == [
        (recover, "Kono statement")
    ]
    assert title_field(client.get(recover)) == "Kono statement"
    assert client.post(recover, as_it_was).status_code == 302
    assert Event.objects.get(pk=event.pk).title == "Kono statement"
    assert citation_rows(event_id=event.pk) == citations


def test_adding_an_event_with_a_citation_records_both(client, seed, staff):
    """One revision, by the editor, holds the new event and its citation."""
    client.force_login(staff)
    from dialogue.models import Source

    source = Source.objects.get(outlet__name="The Japan Times")
    response = client.post(
        "/admin/dialogue/event/add/", event_form(source, "agreed at a meeting in Seoul")
    )
    assert response.status_code == 302
    event = Event.objects.get(slug="vice-ministers-meet")
    revision = Version.objects.get_for_object(event).get().revision
    assert revision.user == staff
    models = {v.content_type.model for v in revision.version_set.all()}
    assert {"event", "citation"} <= models
