"""The editors' admin: staff only, and citations placed by pasting a quote."""

import pytest

from dialogue.models import Citation, Event, Source

pytestmark = pytest.mark.django_db


def event_form(source, quote, **extra):
    """The POST of the admin's add-event page with one actor row and one citation row."""
    data = {
        "title": "Vice ministers meet",
        "slug": "vice-ministers-meet",
        "summary": "",
        "kind": "meeting",
        "status": "occurred",
        "is_published": "on",
        "edtf": "2015-03",
        "date_derivation": "",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "0",
        "citations-0-source": str(source.pk),
        "citations-0-exact": quote,
        "citations-0-words_before": "",
        "citations-0-start": "",
        "citations-0-end": "",
    }
    return data | extra


@pytest.mark.parametrize("url", ["/admin/", "/admin/dialogue/event/", "/admin/dialogue/event/add/"])
def test_anonymous_users_are_sent_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_non_staff_user_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="a long enough password 1")
    client.force_login(user)
    assert client.get("/admin/dialogue/event/").status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "/admin/dialogue/event/",
        "/admin/dialogue/event/add/",
        "/admin/dialogue/source/",
        "/admin/dialogue/actor/",
        "/admin/dialogue/citation/",
        "/admin/dialogue/event/?q=Seoul&status__exact=planned",
    ],
)
def test_admin_pages_open_for_staff(client, seed, staff, url):
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_actor_autocomplete_finds_aliases_in_three_languages(client, seed, staff):
    client.force_login(staff)
    for term in ("Abe", "安倍", "Pyongyang", "이상덕"):
        response = client.get(
            "/admin/autocomplete/",
            {
                "term": term,
                "app_label": "dialogue",
                "model_name": "eventactor",
                "field_name": "actor",
            },
        )
        assert response.json()["results"], term


def test_pasting_a_quote_fills_in_offsets_and_context(client, seed, staff):
    client.force_login(staff)
    source = Source.objects.get(outlet="The Japan Times")
    quote = "Foreign ministers of both nations agreed at a meeting in Seoul last month"
    response = client.post("/admin/dialogue/event/add/", event_form(source, quote))
    assert response.status_code == 302, response.context["errors"]
    citation = Citation.objects.get(event__slug="vice-ministers-meet")
    assert source.body[citation.start : citation.end] == quote
    assert citation.suffix.startswith(" to hold the dialogue")
    assert client.get("/").content.decode().count("Vice ministers meet") >= 1


def test_a_quote_that_occurs_twice_asks_for_the_words_before_it(client, seed, staff):
    client.force_login(staff)
    source = Source.objects.get(outlet="The Japan Times")
    response = client.post("/admin/dialogue/event/add/", event_form(source, "the sources said"))
    assert response.status_code == 200
    assert (
        "occurs" in response.content.decode() and "times in the source" in response.content.decode()
    )
    assert not Event.objects.filter(slug="vice-ministers-meet").exists()
    response = client.post(
        "/admin/dialogue/event/add/",
        event_form(
            source, "the sources said", **{"citations-0-words_before": "earliest convenience,"}
        ),
    )
    assert response.status_code == 302


def test_a_quote_not_in_the_source_is_refused_and_nothing_saved(client, seed, staff):
    client.force_login(staff)
    source = Source.objects.get(outlet="The Japan Times")
    response = client.post("/admin/dialogue/event/add/", event_form(source, "Nobody said this."))
    assert response.status_code == 200
    assert "This passage is not in the source" in response.content.decode()
    assert not Event.objects.filter(slug="vice-ministers-meet").exists()


def test_a_published_event_without_a_citation_is_refused(client, seed, staff):
    client.force_login(staff)
    source = Source.objects.get(outlet="The Japan Times")
    data = event_form(source, "", **{"citations-0-source": ""})
    response = client.post("/admin/dialogue/event/add/", data)
    assert response.status_code == 200
    assert "must cite at least one passage" in response.content.decode()
    del data["is_published"]
    assert client.post("/admin/dialogue/event/add/", data).status_code == 302
    assert not Event.objects.get(slug="vice-ministers-meet").is_published


def test_a_bad_edtf_is_a_form_error(client, seed, staff):
    client.force_login(staff)
    source = Source.objects.get(outlet="The Japan Times")
    quote = "Foreign ministers of both nations agreed"
    response = client.post(
        "/admin/dialogue/event/add/", event_form(source, quote, edtf="last month")
    )
    assert response.status_code == 200
    assert "is not an EDTF date" in response.content.decode()
