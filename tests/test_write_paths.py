"""Every way the data can change shows on the public pages at once, through the page cache.

Each write path (admin forms and actions, review, import, services, revert, commands, bulk ORM
writes) is taken after an anonymous reader has the pages cached; the reader must then see the
change. A path that forgets to mark the data changed leaves the old page in the cache.
"""

import threading
import time

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from reversion.models import Version

from dialogue import services
from dialogue.importing import import_article
from dialogue.models import (
    Actor,
    DataVersion,
    Event,
    Period,
    Source,
    Topic,
    TrackedQuerySet,
)
from tests.factories import make_event
from tests.test_history import change_form

pytestmark = pytest.mark.django_db
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
KONO = "kono-statement"


@pytest.fixture
def reader(client, seed):
    """An anonymous reader's client, with a real page cache holding the pages already."""
    with override_settings(CACHES=LOCMEM):
        cache.clear()
        yield client
        cache.clear()


def page(client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, response.content.decode()


def as_editor(staff, django_client_class):
    editor = django_client_class()
    editor.force_login(staff)
    return editor


def test_returning_events_to_draft_in_the_admin_takes_them_off_the_site(reader, staff):
    """The defect: the action used QuerySet.update(), so the cached permalink kept answering."""
    kono = Event.objects.get(slug=KONO)
    assert page(reader, f"/events/{KONO}/")[0] == 200
    assert "Kono statement" in page(reader, "/")[1]
    editor = as_editor(staff, type(reader))
    response = editor.post(
        "/admin/dialogue/event/", {"action": "unpublish", "_selected_action": [kono.pk]}
    )
    assert response.status_code == 302
    assert page(reader, f"/events/{KONO}/")[0] == 404
    assert f"/events/{KONO}/" not in page(reader, "/")[1]
    assert page(reader, f"/api/events/{KONO}/")[0] == 404


def test_publishing_in_the_admin_shows_the_event(reader, staff):
    Event.objects.filter(slug=KONO).update(is_published=False)
    assert page(reader, f"/events/{KONO}/")[0] == 404
    kono = Event.objects.get(slug=KONO)
    editor = as_editor(staff, type(reader))
    editor.post("/admin/dialogue/event/", {"action": "publish", "_selected_action": [kono.pk]})
    assert page(reader, f"/events/{KONO}/")[0] == 200


def test_the_services_mark_the_data_changed(reader):
    page(reader, f"/events/{KONO}/")
    services.unpublish_events(events=Event.objects.filter(slug=KONO))
    assert page(reader, f"/events/{KONO}/")[0] == 404
    services.publish_events(events=Event.objects.filter(slug=KONO))
    assert page(reader, f"/events/{KONO}/")[0] == 200


def test_an_edit_in_the_change_form_shows(reader, staff):
    page(reader, "/")
    kono = Event.objects.get(slug=KONO)
    editor = as_editor(staff, type(reader))
    editor.post(
        f"/admin/dialogue/event/{kono.pk}/change/",
        change_form(kono, title_en="Kono statement, 1993"),
    )
    assert "Kono statement, 1993" in page(reader, "/")[1]
    data = change_form(kono)
    del data["is_published"]
    editor.post(f"/admin/dialogue/event/{kono.pk}/change/", data)
    assert page(reader, f"/events/{KONO}/")[0] == 404


def test_deleting_in_the_admin_takes_the_event_off(reader, staff):
    page(reader, f"/events/{KONO}/")
    kono = Event.objects.get(slug=KONO)
    editor = as_editor(staff, type(reader))
    editor.post(f"/admin/dialogue/event/{kono.pk}/delete/", {"post": "yes"})
    assert page(reader, f"/events/{KONO}/")[0] == 404


def test_a_reverted_edit_shows(reader, staff):
    kono = Event.objects.get(slug=KONO)
    editor = as_editor(staff, type(reader))
    url = f"/admin/dialogue/event/{kono.pk}/change/"
    editor.post(url, change_form(kono))
    first = Version.objects.get_for_object(kono)[0]
    editor.post(url, change_form(kono, title_en="A mistaken title"))
    assert "A mistaken title" in page(reader, "/")[1]
    first.revision.revert()
    assert "A mistaken title" not in page(reader, "/")[1]


def test_renaming_an_actor_a_topic_or_a_period_shows(reader, staff):
    for url in ("/", "/actors/japan/"):
        page(reader, url)
    japan = Actor.objects.get(slug="japan")
    japan.name_en = "Japan (State of)"
    japan.save()
    assert "Japan (State of)" in page(reader, "/actors/japan/")[1]
    topic = Topic.objects.get(slug="abductions")
    topic.name = "Abductees"
    topic.save()
    assert "Abductees" in page(reader, "/")[1]
    period = Period.objects.get()
    period.name = "Dialogue in abeyance"
    period.save()
    assert "Dialogue in abeyance" in page(reader, "/")[1]


def test_bulk_orm_writes_show(reader):
    """Shell and command writes with update() and bulk_create() send no signals."""
    page(reader, "/")
    Event.objects.filter(slug=KONO).update(title_en="Renamed in bulk")
    assert "Renamed in bulk" in page(reader, "/")[1]
    Actor.objects.bulk_create([Actor(slug="asean", name_en="ASEAN", kind="organisation")])
    assert "ASEAN" in page(reader, "/actors/")[1]


def test_accepting_a_proposal_on_the_review_page_publishes_it(reader, staff):
    source = Source.objects.get(outlet__name="The Korea Herald")
    proposal = Event.objects.get(slug=KONO)
    Event.objects.filter(pk=proposal.pk).update(is_published=False, review="proposed")
    assert page(reader, f"/events/{KONO}/")[0] == 404
    editor = as_editor(staff, type(reader))
    url = f"/admin/dialogue/source/{source.pk}/review/"
    editor.post(url, {"event": proposal.pk, "action": "accept"})
    assert page(reader, f"/events/{KONO}/")[0] == 200


def test_correcting_a_source_text_shows_the_new_words(reader):
    source = Source.objects.get(outlet__name="The Korea Herald")
    page(reader, f"/sources/{source.slug}/")
    services.correct_source_text(
        source=source, body=source.body.replace("a government source", "a senior official")
    )
    assert "a senior official" in page(reader, f"/sources/{source.slug}/")[1]


def test_reloading_the_seed_shows(reader):
    Event.objects.filter(slug=KONO).update(title_en="Changed by hand")
    assert "Changed by hand" in page(reader, "/")[1]
    call_command("load_seed", force=True, verbosity=0)
    assert "Changed by hand" not in page(reader, "/")[1]


def test_an_import_is_private_until_reviewed(reader, staff):
    """The defect: right after an import the article's text was public."""
    article = sorted((settings.BASE_DIR / "fixtures" / "articles").glob("*.txt"))[1]
    text = article.read_text().replace("a government source said", "an official said")
    result = import_article(text.encode(), name="talks.txt")
    slug = result.source.slug
    assert page(reader, f"/sources/{slug}/")[0] == 404
    assert page(reader, f"/api/sources/{slug}/")[0] == 404
    assert slug not in page(reader, "/sources/")[1]
    editor = as_editor(staff, type(reader))
    assert editor.get(f"/sources/{slug}/").status_code == 200
    proposal = result.events[0]
    services.accept_proposal(event=proposal)
    assert page(reader, f"/sources/{slug}/")[0] == 200
    assert page(reader, f"/api/sources/{slug}/")[0] == 200


def test_every_model_of_the_site_counts_its_bulk_writes():
    """No model may be written in bulk without the data version moving: each one's manager is
    a TrackedQuerySet (DataVersion itself aside: it is the counter)."""
    for model in apps.get_app_config("dialogue").get_models():
        if model is DataVersion:
            continue
        assert isinstance(model._default_manager.all(), TrackedQuerySet), model


def test_publishing_a_source_in_the_admin_shows_it(reader, staff):
    source = Source.objects.get(outlet__name="The Korea Herald")
    Source.objects.filter(pk=source.pk).update(is_published=False)
    Event.objects.filter(citations__source=source).update(is_published=False)
    assert page(reader, f"/sources/{source.slug}/")[0] == 404
    editor = as_editor(staff, type(reader))
    editor.post("/admin/dialogue/source/", {"action": "publish", "_selected_action": [source.pk]})
    assert page(reader, f"/sources/{source.slug}/")[0] == 200


def _a_proposal_naming_a_new_actor() -> tuple[Event, Actor]:
    proposal = Event.objects.get(slug=KONO)
    Event.objects.filter(pk=proposal.pk).update(is_published=False, review="proposed")
    newcomer = Actor.objects.create(
        slug="yun-byung-se", name_en="Yun Byung-se", kind="person", is_confirmed=False
    )
    proposal.participations.create(actor=newcomer)
    return proposal, newcomer


def test_publishing_a_proposal_by_the_action_accepts_it_and_its_actors(reader, staff):
    """Was a 500 (the action left it 'proposed', which the database refuses to publish)."""
    proposal, newcomer = _a_proposal_naming_a_new_actor()
    editor = as_editor(staff, type(reader))
    response = editor.post(
        "/admin/dialogue/event/", {"action": "publish", "_selected_action": [proposal.pk]}
    )
    assert response.status_code == 302
    assert page(reader, f"/events/{KONO}/")[0] == 200
    newcomer.refresh_from_db()
    assert newcomer.is_confirmed


def test_publishing_a_proposal_in_the_change_form_confirms_its_actors(reader, staff):
    """An unconfirmed actor's name never shows on a public event."""
    proposal, newcomer = _a_proposal_naming_a_new_actor()
    editor = as_editor(staff, type(reader))
    proposal.refresh_from_db()
    data = change_form(proposal, is_published="on", review="confirmed")
    data |= {
        "participations-TOTAL_FORMS": "1",
        "participations-INITIAL_FORMS": "1",
        "participations-0-id": str(proposal.participations.get(actor=newcomer).pk),
        "participations-0-event": str(proposal.pk),
        "participations-0-actor": str(newcomer.pk),
        "participations-0-role": "participant",
    }
    response = editor.post(f"/admin/dialogue/event/{proposal.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    newcomer.refresh_from_db()
    assert newcomer.is_confirmed
    assert "Yun Byung-se" in page(reader, f"/events/{KONO}/")[1]


def test_a_rejected_event_is_not_published_by_the_action(reader, staff):
    Event.objects.filter(slug=KONO).update(is_published=False, review="rejected")
    editor = as_editor(staff, type(reader))
    kono = Event.objects.get(slug=KONO)
    editor.post("/admin/dialogue/event/", {"action": "publish", "_selected_action": [kono.pk]})
    assert page(reader, f"/events/{KONO}/")[0] == 404


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_the_same_events_in_other_orders_both_commit():
    """Counting a change takes no lock another writer waits for. (When the data version was
    one row updated by every save, PostgreSQL found a deadlock here and failed one of them.)"""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time")
    a, b = make_event(title="A"), make_event(title="B")
    errors, b_saved = [], threading.Event()

    def first():
        try:
            with transaction.atomic():
                Event.objects.get(pk=a.pk).save()  # counts a change
                b_saved.wait(5)
                time.sleep(0.3)  # the other transaction is now counting its change
                Event.objects.get(pk=b.pk).save()  # waits for the other to commit
        except Exception as exc:  # noqa: BLE001 - the test reports whatever failed
            errors.append(exc)
        finally:
            connection.close()

    def second():
        try:
            with transaction.atomic():
                Event.objects.get(pk=b.pk).save()
                b_saved.set()
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert errors == []
