"""Every editor's change is kept: who, when, what; it can be seen, reverted and undeleted."""

import pytest
from reversion.models import Version

from dialogue.models import Citation, Event
from tests.test_admin import event_form

pytestmark = pytest.mark.django_db


def change_form(event, **changes):
    """The admin change form of an event as it stands, with some fields changed."""
    data = {
        "title": event.title,
        "slug": event.slug,
        "summary": event.summary,
        "kind": event.kind,
        "status": event.status,
        "edtf": event.edtf,
        "date_derivation": event.date_derivation,
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


def test_an_admin_edit_is_recorded_with_its_author(client, seed, staff):
    client.force_login(staff)
    event = Event.objects.get(slug="kono-statement")
    response = client.post(
        f"/admin/dialogue/event/{event.pk}/change/", change_form(event, title="Kono statement!")
    )
    assert response.status_code == 302
    versions = Version.objects.get_for_object(event)
    assert versions.count() == 1
    assert versions[0].revision.user == staff
    assert versions[0].field_dict["title"] == "Kono statement!"
    history = client.get(f"/admin/dialogue/event/{event.pk}/history/")
    assert "Kono statement!" in history.content.decode() or history.status_code == 200


def test_an_edit_can_be_reverted_from_its_history(client, seed, staff):
    client.force_login(staff)
    event = Event.objects.get(slug="kono-statement")
    url = f"/admin/dialogue/event/{event.pk}/change/"
    client.post(url, change_form(event))  # the version to come back to
    first = Version.objects.get_for_object(event)[0]
    client.post(url, change_form(event, title="A mistaken title"))
    page = client.get(f"/admin/dialogue/event/{event.pk}/history/{first.pk}/")
    assert page.status_code == 200 and "Kono statement" in page.content.decode()
    first.revision.revert()
    event.refresh_from_db()
    assert event.title == "Kono statement"


def test_a_deleted_event_and_its_citations_can_be_recovered(client, seed, staff):
    client.force_login(staff)
    event = Event.objects.get(slug="kono-statement")
    client.post(f"/admin/dialogue/event/{event.pk}/change/", change_form(event))
    citations = set(event.citations.values_list("pk", flat=True))
    response = client.post(f"/admin/dialogue/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Event.objects.filter(slug="kono-statement").exists()
    listing = client.get("/admin/dialogue/event/recover/")
    assert "Kono statement" in listing.content.decode()
    deleted = Version.objects.get_deleted(Event).get(object_id=str(event.pk))
    deleted.revision.revert(delete=False)
    assert Event.objects.filter(slug="kono-statement").exists()
    assert set(Citation.objects.filter(event_id=event.pk).values_list("pk", flat=True)) == citations


def test_adding_an_event_with_a_citation_records_both(client, seed, staff):
    client.force_login(staff)
    from dialogue.models import Source

    source = Source.objects.get(outlet="The Japan Times")
    client.post("/admin/dialogue/event/add/", event_form(source, "agreed at a meeting in Seoul"))
    event = Event.objects.get(slug="vice-ministers-meet")
    revision = Version.objects.get_for_object(event)[0].revision
    models = {v.content_type.model for v in revision.version_set.all()}
    assert {"event", "citation"} <= models
