"""The same page's address in each language, and the reader's choice of language."""

import pytest

from dialogue.languages import address_in

EVENT = "/events/planned-security-dialogue-april-2015/"


@pytest.mark.parametrize(
    ("path", "code", "expected"),
    [
        (EVENT + "?year=2015&q=x", "ja", "/ja" + EVENT + "?year=2015&q=x"),
        ("/ko" + EVENT + "?year=2015", "ja", "/ja" + EVENT + "?year=2015"),
        ("/ko" + EVENT, "en", EVENT),
        ("/ja/", "en", "/"),
        ("/", "ko", "/ko/"),
        ("/ja/export/events.csv?year=2014", "ko", "/ko/export/events.csv?year=2014"),
        ("/ja/api/events/", "en", "/api/events/"),
        ("/no/such/page/", "ja", None),
    ],
)
def test_address_in_another_language(path, code, expected):
    assert address_in(path, code) == expected


def test_choosing_a_language_remembers_it_and_opens_the_same_page(client):
    response = client.get("/language/ko/", {"next": "/ja" + EVENT + "?year=2015"})
    assert response.status_code == 302
    assert response["Location"] == "/ko" + EVENT + "?year=2015"
    assert response.cookies["django_language"].value == "ko"


@pytest.mark.parametrize("next_", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_choosing_a_language_never_leaves_the_site(client, next_):
    response = client.get("/language/ja/", {"next": next_})
    assert response["Location"] == "/ja/"


def test_an_unknown_language_is_not_found(client):
    assert client.get("/language/fr/", {"next": "/"}).status_code == 404


def test_a_first_visit_follows_the_browser_and_a_choice_overrides_it(client, seed):
    html = {"HTTP_ACCEPT": "text/html", "HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9,en;q=0.5"}
    response = client.get("/?year=2015", **html)
    assert response.status_code == 302
    assert response["Location"] == "/ko/?year=2015"
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]
    # The switch itself is never sent round in a circle.
    response = client.get("/language/en/", {"next": "/ko/"}, **html)
    assert response["Location"] == "/"
    assert client.get("/?year=2015", **html).status_code == 200
    # Not for scripts and feeds readers, nor for htmx's own requests.
    client.cookies.clear()
    assert client.get("/export/events.csv", **html).status_code == 200
    assert client.get("/api/events/", **html).status_code == 200
    assert client.get("/", HTTP_HX_REQUEST="true", **html).status_code == 200


def test_an_english_browser_stays_on_the_english_page(client, seed):
    response = client.get("/", HTTP_ACCEPT="text/html", HTTP_ACCEPT_LANGUAGE="en-GB,ja;q=0.5")
    assert response.status_code == 200


def test_filter_options_name_actors_and_topics_in_the_page_language(client, seed):
    """The actor and topic checkboxes: the name in the page's language, the English marked as
    such where it has none."""
    from dialogue.models import Actor, Topic

    actor = Actor.objects.exclude(name_ko="").first()
    topic = Topic.objects.exclude(name_ja=None).first()
    korean = client.get("/ko/").content.decode()
    assert '<label for="id_actor_' in korean and f">{actor.name_ko} <span" in korean
    assert f">{topic.name_ja} <span" in client.get("/ja/").content.decode()
    Actor.objects.filter(pk=actor.pk).update(name_ko="")
    korean = client.get("/ko/").content.decode()
    assert f'<span lang="en">{actor.name_en}</span>' in korean
