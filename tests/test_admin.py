"""The editors' admin: staff only, citations placed by pasting a quote, each translated text
edited per language, the admin itself in the editor's language."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from dialogue.models import Citation, Event, Source, Topic

pytestmark = pytest.mark.django_db


def event_form(source, quote, **extra):
    """The POST of the admin's add-event page with one actor row and one citation row."""
    data = {
        "title_en": "Vice ministers meet",
        "title_ja": "",
        "title_ko": "",
        "slug": "vice-ministers-meet",
        "summary_en": "",
        "kind": "meeting",
        "status": "occurred",
        "is_published": "on",
        "edtf": "2015-03",
        "date_derivation_en": "",
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
    source = Source.objects.get(outlet__name="The Japan Times")
    quote = "Foreign ministers of both nations agreed at a meeting in Seoul last month"
    response = client.post("/admin/dialogue/event/add/", event_form(source, quote))
    assert response.status_code == 302, response.context["errors"]
    citation = Citation.objects.get(event__slug="vice-ministers-meet")
    assert source.body[citation.start : citation.end] == quote
    assert citation.suffix.startswith(" to hold the dialogue")
    assert client.get("/").content.decode().count("Vice ministers meet") >= 1


def test_a_quote_that_occurs_twice_asks_for_the_words_before_it(client, seed, staff):
    client.force_login(staff)
    source = Source.objects.get(outlet__name="The Japan Times")
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
    source = Source.objects.get(outlet__name="The Japan Times")
    response = client.post("/admin/dialogue/event/add/", event_form(source, "Nobody said this."))
    assert response.status_code == 200
    assert "This passage is not in the source" in response.content.decode()
    assert not Event.objects.filter(slug="vice-ministers-meet").exists()


def test_a_published_event_without_a_citation_is_refused(client, seed, staff):
    client.force_login(staff)
    source = Source.objects.get(outlet__name="The Japan Times")
    data = event_form(source, "", **{"citations-0-source": ""})
    response = client.post("/admin/dialogue/event/add/", data)
    assert response.status_code == 200
    assert "must cite at least one passage" in response.content.decode()
    del data["is_published"]
    assert client.post("/admin/dialogue/event/add/", data).status_code == 302
    assert not Event.objects.get(slug="vice-ministers-meet").is_published


def test_a_bad_edtf_is_a_form_error(client, seed, staff):
    client.force_login(staff)
    source = Source.objects.get(outlet__name="The Japan Times")
    quote = "Foreign ministers of both nations agreed"
    response = client.post(
        "/admin/dialogue/event/add/", event_form(source, quote, edtf="last month")
    )
    assert response.status_code == 200
    assert "is not an EDTF date" in response.content.decode()


# Translations: a field per language on the admin's forms, the admin in the editor's language.

KONO = "kono-statement"
LANGUAGE_PAGES = [
    "/admin/",
    "/admin/dialogue/event/",
    "/admin/dialogue/event/add/",
    "/admin/dialogue/topic/",
    "/admin/dialogue/topic/add/",
    "/admin/dialogue/period/",
    "/admin/dialogue/actor/",
    "/admin/dialogue/source/",
    "/admin/dialogue/source/import/",
    "/admin/dialogue/citation/",
]


def form_data(response) -> dict:
    """What saving an admin change page as it stands posts: the model's form and its inlines."""
    forms, data = [response.context["adminform"].form], {}
    for inline in response.context["inline_admin_formsets"]:
        forms += inline.formset.forms
        management = inline.formset.management_form
        data |= {management.add_prefix(k): v for k, v in management.initial.items()}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            else:
                data[field.html_name] = "on" if value is True else str(value)
    return data


def edit_event(client, slug, **changes):
    event = Event.objects.get(slug=slug)
    url = f"/admin/dialogue/event/{event.pk}/change/"
    response = client.post(url, form_data(client.get(url)) | changes)
    assert response.status_code == 302, response.context["errors"]
    event.refresh_from_db()
    return event


def in_language(client, code):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code


def test_the_event_form_has_a_field_per_language_english_required(client, seed, staff):
    client.force_login(staff)
    form = client.get("/admin/dialogue/event/add/").context["adminform"].form
    for name in ("title", "summary", "date_derivation"):
        assert {f"{name}_en", f"{name}_ja", f"{name}_ko"} <= set(form.fields)
        assert name not in form.fields  # the untranslated column is not edited
    assert form.fields["title_en"].required
    assert not form.fields["title_ja"].required and not form.fields["title_ko"].required
    assert "show the English" in form.fields["summary_ko"].help_text
    assert "「last month」" in form.fields["date_derivation_ja"].help_text


def test_an_event_needs_an_english_title_and_no_other(client, seed, staff):
    client.force_login(staff)
    source = Source.objects.get(outlet__name="The Japan Times")
    quote = "Foreign ministers of both nations agreed"
    data = event_form(source, quote, title_en="", title_ja="外務次官が会談")
    response = client.post("/admin/dialogue/event/add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["title_en"]
    assert client.post("/admin/dialogue/event/add/", event_form(source, quote)).status_code == 302
    event = Event.objects.get(slug="vice-ministers-meet")
    assert (event.title_en, event.title_ja, event.title_ko) == ("Vice ministers meet", None, None)


@pytest.mark.parametrize("editor_language", ["en", "ja", "ko"])
def test_a_translation_edited_in_the_admin_shows_on_its_language_pages(
    client, seed, staff, editor_language
):
    """Whatever language the admin is shown in, each field lands in its own language."""
    client.force_login(staff)
    in_language(client, editor_language)
    edit_event(client, KONO, title_ja="河野談話（改訂）", title_ko="고노 담화(개정)")
    assert "河野談話（改訂）" in client.get(f"/ja/events/{KONO}/").content.decode()
    assert "고노 담화(개정)" in client.get(f"/ko/events/{KONO}/").content.decode()
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)  # the reader's choice would redirect
    english = client.get(f"/events/{KONO}/").content.decode()
    assert "Kono statement" in english and "河野談話（改訂）" not in english


def test_a_missing_translation_falls_back_to_english(client, seed, staff):
    client.force_login(staff)
    event = edit_event(client, KONO, title_ja="", summary_ja="")
    assert (event.title_ja, event.summary_ja) == (None, None)  # untranslated, not ''
    page = client.get(f"/ja/events/{KONO}/").content.decode()
    assert "Kono statement" in page and event.summary_en in page
    assert "고노 담화" in client.get(f"/ko/events/{KONO}/").content.decode()


@pytest.mark.parametrize("editor_language", ["ja", "ko"])
def test_admin_saves_keep_the_untranslated_columns_english(client, seed, staff, editor_language):
    """Django saves the untranslated column (title, beside title_en…) from the active
    language's text: saved in a Japanese or Korean admin, it is English all the same."""
    client.force_login(staff)
    in_language(client, editor_language)
    edit_event(client, KONO, title_ja="河野談話（改訂）", title_ko="고노 담화(개정)")
    assert Event.objects.filter(slug=KONO).values_list("title", flat=True).get() == (
        "Kono statement"
    )
    topic = Topic.objects.get(slug="abductions")
    url = f"/admin/dialogue/topic/{topic.pk}/change/"
    assert client.post(url, form_data(client.get(url))).status_code == 302
    assert Topic.objects.filter(pk=topic.pk).values_list("name", flat=True).get() == "Abductions"


def test_an_import_in_a_japanese_admin_proposes_english_titles(client, seed, staff):
    """The imported article is English: its proposals' titles are English text."""
    client.force_login(staff)
    in_language(client, "ja")
    article = sorted((settings.BASE_DIR / "fixtures" / "articles").glob("*.txt"))[1]
    text = article.read_text().replace("a government source said", "an official said")
    upload = SimpleUploadedFile("talks.txt", text.encode(), content_type="text/plain")
    assert client.post("/admin/dialogue/source/import/", {"files": upload}).status_code == 302
    proposals = Event.objects.filter(review=Event.Review.PROPOSED)
    assert proposals.exists()
    assert not proposals.filter(title_en=None).exists()
    assert not proposals.exclude(title_ja=None).exists()


@pytest.mark.parametrize("code", ["ja", "ko"])
@pytest.mark.parametrize("url", LANGUAGE_PAGES)
def test_admin_pages_open_in_japanese_and_korean(client, seed, staff, code, url):
    client.force_login(staff)
    in_language(client, code)
    response = client.get(url)
    assert response.status_code == 200
    assert f'<html lang="{code}"' in response.content.decode()


@pytest.mark.parametrize(
    ("model", "slug"),
    [
        ("event", KONO),
        ("topic", "abductions"),
        ("period", "dialogue-suspended"),
        ("actor", "shinzo-abe"),
    ],
)
@pytest.mark.parametrize("code", ["en", "ja", "ko"])
def test_change_pages_of_translated_models_open(client, seed, staff, model, slug, code):
    from django.apps import apps

    client.force_login(staff)
    in_language(client, code)
    obj = apps.get_model("dialogue", model).objects.get(slug=slug)
    response = client.get(f"/admin/dialogue/{model}/{obj.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert all(f"{name}_ja" in form.fields for name in translator_fields(obj))


def translator_fields(obj):
    from modeltranslation.translator import translator

    return translator.get_options_for_model(type(obj)).all_fields


def test_the_admin_follows_accept_language_and_the_cookie_wins(client, seed, staff):
    client.force_login(staff)
    page = client.get("/admin/dialogue/event/", headers={"accept-language": "ko"})
    assert '<html lang="ko"' in page.content.decode()
    in_language(client, "ja")
    page = client.get("/admin/dialogue/event/", headers={"accept-language": "ko"})
    assert '<html lang="ja"' in page.content.decode()


class Assets(HTMLParser):
    """The scripts and stylesheets a page loads, and any script written into it."""

    def __init__(self):
        super().__init__()
        self.urls, self.inline_scripts, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            if attrs.get("src"):
                self.urls.append(attrs["src"])
            else:
                self._in_script = True
        elif tag == "link" and attrs.get("rel") == "stylesheet":
            self.urls.append(attrs["href"])

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts.append(data)


@pytest.mark.parametrize("model", ["event", "topic", "period", "actor"])
def test_the_translation_admin_loads_within_the_content_security_policy(client, seed, staff, model):
    """script-src 'self', no inline script: every script and stylesheet of the page comes from
    this site and is served. (The tabbed admin would load jQuery UI from a CDN.)"""
    client.force_login(staff)
    response = client.get(f"/admin/dialogue/{model}/1/change/")
    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy
        and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    )
    assets = Assets()
    assets.feed(response.content.decode())
    assert assets.urls and not assets.inline_scripts
    for url in assets.urls:
        assert url.startswith("/") and not url.startswith("//"), url
        assert client.get(url).status_code == 200, url


def test_admin_search_finds_an_event_by_any_languages_title(client, seed, staff):
    client.force_login(staff)
    kono = Event.objects.get(slug=KONO)
    link = f"/admin/dialogue/event/{kono.pk}/change/"
    for term in ("Kono statement", "河野談話", "고노 담화"):
        assert link in client.get("/admin/dialogue/event/", {"q": term}).content.decode(), term
    abductions = Topic.objects.get(slug="abductions")
    found = client.get("/admin/dialogue/topic/", {"q": "납치"}).content.decode()
    assert f"/admin/dialogue/topic/{abductions.pk}/change/" in found


def test_the_event_autocomplete_finds_events_by_their_japanese_title(client, seed, staff):
    client.force_login(staff)
    response = client.get(
        "/admin/autocomplete/",
        {
            "term": "河野談話",
            "app_label": "dialogue",
            "model_name": "citation",
            "field_name": "event",
        },
    )
    assert {r["id"] for r in response.json()["results"]} >= {str(Event.objects.get(slug=KONO).pk)}


def test_editors_can_list_what_is_not_yet_translated(client, seed, staff):
    client.force_login(staff)
    url = "/admin/dialogue/event/"
    assert client.get(url, {"untranslated": "ja"}).context["cl"].result_count == 0
    edit_event(client, KONO, summary_ja="")
    listed = client.get(url, {"untranslated": "ja"}).context["cl"].result_list
    assert [e.slug for e in listed] == [KONO]
    assert client.get(url, {"untranslated": "ko"}).context["cl"].result_count == 0
    row = next(e for e in client.get(url).context["cl"].result_list if e.slug == KONO)
    assert client.get(url).context["cl"].model_admin.translated_into(row) == "한국어"
