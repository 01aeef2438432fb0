"""Every public page in English, Japanese and Korean: plain, as an HTMX partial and as a history
restore; its canonical address and alternates, the switcher keeping the view, content shown in
English where untranslated, passages in their article's language, and the same queries in each
language. Then the check that every string is translated."""

import html as html_lib
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from dialogue import eventindex
from tests.factories import make_event

pytestmark = pytest.mark.django_db

EVENT = "/events/planned-security-dialogue-april-2015/"
SOURCE = "/sources/japan-south-korea-to-resume-security-dialogue-this-month/"
LANGS = ("en", "ja", "ko")
PREFIX = {"en": "", "ja": "/ja", "ko": "/ko"}
HTMX = {"HX-Request": "true"}
RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}

# What each language calls things a reader must find: the nav's Timeline link, the switcher's
# name, the event's evidence, the view's reuse box, the embed's link to the site.
WORDS = {
    "timeline": {"en": ">Timeline</a>", "ja": ">年表</a>", "ko": ">연표</a>"},
    "language": {"en": "Language", "ja": "言語", "ko": "언어"},
    "evidence": {"en": "<h3>Evidence</h3>", "ja": "<h3>根拠</h3>", "ko": "<h3>근거</h3>"},
    "reuse": {
        "en": "Take this view elsewhere",
        "ja": "この表示を外部で利用",
        "ko": "이 보기 내보내기",
    },
    "embed": {
        "en": "Japan–South Korea security dialogue, 2009–2015",
        "ja": "日韓安全保障対話（2009–2015）",
        "ko": "한일 안보 대화(2009–2015)",
    },
    "in english": {"ja": "（英語）", "ko": "(영어)"},
}

# page: (address, the element an HTMX request targets (None: no partial), canonical path)
PAGES = {
    "timeline": ("/?year=2015", "timeline-region", "/?year=2015"),
    "event": (EVENT + "?year=2015", "detail", EVENT),
    "period": ("/periods/dialogue-suspended/", None, "/periods/dialogue-suspended/"),
    "topic": ("/topics/missile-defence/", "timeline-region", "/topics/missile-defence/"),
    "actor list": ("/actors/", None, "/actors/"),
    "actor": ("/actors/shinzo-abe/", None, "/actors/shinzo-abe/"),
    "actor pair": (
        "/actors/japan/and/south-korea/",
        "timeline-region",
        "/actors/japan/and/south-korea/",
    ),
    "source list": ("/sources/", None, "/sources/"),
    "source": (SOURCE, None, SOURCE),
    "embed": ("/embed/?year=2015", None, "/?year=2015"),
    "embed event": ("/embed" + EVENT, None, EVENT),
    "not found": ("/events/no-such-event/", None, None),
}
EMBEDS = ("embed", "embed event")


def full_page(response) -> bool:
    return b"<html" in response.content and b"</html>" in response.content


def switcher_links(html: str, *, oob: bool = False) -> dict[str, str]:
    """The switcher's links, by language: where each says it goes next."""
    swapped = r'data-hx-swap-oob="true"' if oob else ""
    nav = re.search(rf'<nav id="languages"[^>]*{swapped}[^>]*>(.*?)</nav>', html, re.S)
    assert nav, html[:500]
    links = re.findall(r'<a href="([^"]+)" lang="([a-z]+)"', nav.group(1))
    return {lang: html_lib.unescape(href) for href, lang in links}


def next_of(href: str) -> str:
    return parse_qs(urlsplit(href).query)["next"][0]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_in_every_language(client, seed, page, lang):
    """Plain: the page in its language, with its translated landmarks, its canonical address in
    that language and the alternates in all three (English the default)."""
    path, _, canonical = PAGES[page]
    response = client.get(PREFIX[lang] + path)
    html = response.content.decode()
    assert response.status_code == (404 if page == "not found" else 200)
    assert f'<html lang="{lang}">' in html
    if page in EMBEDS:
        assert WORDS["embed"][lang] in html
    else:
        assert WORDS["timeline"][lang] in html
        assert f'aria-label="{WORDS["language"][lang]}"' in html
    if canonical is None:
        assert 'rel="canonical"' not in html and "hreflang" not in html.split("<body")[0]
        return
    site = "http://testserver"
    assert f'<link rel="canonical" href="{site}{PREFIX[lang]}{canonical}">' in html
    for other in LANGS:
        alternate = (
            f'<link rel="alternate" hreflang="{other}" href="{site}{PREFIX[other]}{canonical}">'
        )
        assert alternate in html
    assert f'<link rel="alternate" hreflang="x-default" href="{site}{canonical}">' in html


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_as_an_htmx_request(client, seed, page, lang):
    """The partial the request targets, in the page's language, with the announcer and the
    switcher out of band; a page without partials answers in full."""
    path, target, _ = PAGES[page]
    response = client.get(PREFIX[lang] + path, headers=HTMX | {"HX-Target": target or "main"})
    html = response.content.decode()
    assert response.status_code == (404 if page == "not found" else 200)
    if target is None:
        assert full_page(response) and f'<html lang="{lang}">' in html
        return
    assert not full_page(response)
    assert html.lstrip().startswith(f'<{"section" if target == "detail" else "div"} id="{target}"')
    assert WORDS["evidence" if target == "detail" else "reuse"][lang] in html
    assert '<div id="announcer" data-hx-swap-oob="true"' in html
    label = WORDS["language"][lang]
    nav = f'<nav id="languages" class="languages" aria-label="{label}"'
    assert nav + ' data-hx-swap-oob="true">' in html
    assert set(switcher_links(html, oob=True)) == set(LANGS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_as_a_history_restore(client, seed, page, lang):
    """A history restore gets the whole page, with one announcer and one switcher (none sent
    out of band)."""
    path, target, _ = PAGES[page]
    response = client.get(PREFIX[lang] + path, headers=RESTORE | {"HX-Target": target or "main"})
    html = response.content.decode()
    assert response.status_code == (404 if page == "not found" else 200)
    assert full_page(response) and f'<html lang="{lang}">' in html
    assert "hx-swap-oob" not in html
    if page not in EMBEDS:
        assert html.count('id="languages"') == 1 and html.count('id="announcer"') == 1


def test_the_switcher_keeps_the_filters_the_window_and_the_open_event(client, seed):
    """From the Japanese permalink with a window and a filter, each language's link names the
    same view in that language, and following it lands there and remembers the choice."""
    html = client.get("/ja" + EVENT + "?year=2015&status=planned").content.decode()
    links = switcher_links(html)
    assert next_of(links["en"]) == EVENT + "?year=2015&status=planned"
    assert next_of(links["ko"]) == "/ko" + EVENT + "?year=2015&status=planned"
    assert next_of(links["ja"]) == "/ja" + EVENT + "?year=2015&status=planned"
    response = client.get(links["en"])
    assert response.status_code == 302
    assert response["Location"] == EVENT + "?year=2015&status=planned"
    assert response.cookies["django_language"].value == "en"


@pytest.mark.parametrize(
    ("path", "target"),
    [("/ja/?year=2014&actor=japan", "timeline-region"), ("/ja" + EVENT + "?year=2014", "detail")],
)
def test_the_switcher_sent_with_a_partial_follows_the_pushed_address(client, seed, path, target):
    """A zoom, a filter or an opened event swaps a region and pushes its address: the switcher
    that comes with the partial links to that address in each language."""
    html = client.get(path, headers=HTMX | {"HX-Target": target}).content.decode()
    links = switcher_links(html, oob=True)
    assert next_of(links["en"]) == path.removeprefix("/ja")
    assert next_of(links["ko"]) == "/ko" + path.removeprefix("/ja")


def test_a_first_visit_follows_the_browser_until_a_language_is_chosen(client, seed):
    browser = {"Accept": "text/html", "Accept-Language": "ja-JP,ja;q=0.9,en;q=0.5"}
    response = client.get(EVENT + "?year=2015", headers=browser)
    assert response.status_code == 302 and response["Location"] == "/ja" + EVENT + "?year=2015"
    client.cookies["django_language"] = "en"
    response = client.get(EVENT + "?year=2015", headers=browser)
    assert response.status_code == 200 and '<html lang="en">' in response.content.decode()


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_an_untranslated_field_is_shown_in_english_marked_as_such(client, seed, lang):
    with translation.override("en"):
        event = make_event(slug="only-in-english", title="Only in English", edtf="2015-04-20")
    assert event.title_ja is None and event.title_ko is None
    html = client.get(f"/{lang}/events/only-in-english/").content.decode()
    marked = (
        f'<span lang="en">Only in English</span> <small class="untranslated">'
        f"{WORDS['in english'][lang]}</small>"
    )
    assert f'<h2 id="detail-heading">{marked}</h2>' in html
    # Attributes and the title carry the plain English text, never markup.
    assert '<meta property="og:title" content="Only in English (' in html
    assert "<title>Only in English · " in html
    english = client.get("/events/only-in-english/").content.decode()
    assert '<h2 id="detail-heading">Only in English</h2>' in english


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_a_translated_field_is_shown_in_the_page_language(client, seed, lang):
    html = client.get(f"/{lang}/actors/shinzo-abe/").content.decode()
    name = {"ja": "安倍晋三", "ko": "아베 신조"}[lang]
    assert f'<h1 class="page-title">{name}</h1>' in html
    # The names in the other scripts, each in its language.
    other = {"ja": '<span lang="ko">아베 신조</span>', "ko": '<span lang="ja">安倍晋三</span>'}
    assert '<span lang="en">Shinzo Abe</span>' in html and other[lang] in html
    assert f'<span lang="{lang}">{name}</span>' not in html  # not twice


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_passages_and_articles_stay_in_their_language(client, seed, lang):
    event = client.get(f"/{lang}{EVENT}").content.decode()
    assert event.count('<blockquote lang="en"') >= 3
    assert "<blockquote>" not in event and "<blockquote cite" not in event
    assert '<span lang="en">The Japan Times, <cite>' in event
    source = client.get(f"/{lang}{SOURCE}").content.decode()
    assert '<div class="source__body" lang="en">' in source
    assert '<h1 lang="en">Japan, South Korea to resume security dialogue this month</h1>' in source
    assert '<pre lang="en">' in source


def test_messages_from_the_code_are_in_the_page_language(client, seed):
    html = client.get("/ja/?year=abc").content.decode()
    assert "年の「abc」は無視しました" in html
    assert "このアドレスの出来事はありません。" in client.get("/ja/events/nope/").content.decode()
    assert "주제: " in client.get("/ko/topics/missile-defence/").content.decode()
    assert "日本と韓国" in client.get("/ja/actors/japan/and/south-korea/").content.decode()


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_the_plain_error_pages_speak_the_language_of_the_address(template):
    with translation.override("ko"):
        html = render_to_string(template)
    assert '<html lang="ko">' in html and "한일 안보 대화" in html


@pytest.mark.parametrize("page", PAGES)
def test_a_page_makes_the_same_queries_in_every_language(client, seed, page):
    """Translations are columns of the same rows (django-modeltranslation), so a Japanese or
    Korean page asks the database exactly what the English one does."""
    path = PAGES[page][0]
    eventindex.current()
    client.get(path)
    counts = {}
    for lang in LANGS:
        with CaptureQueriesContext(connection) as queries:
            client.get(PREFIX[lang] + path)
        counts[lang] = len(queries)
    assert counts["en"] == counts["ja"] == counts["ko"], counts


def test_a_filter_label_is_in_the_page_language_or_english_marked():
    """Actors' and topics' names reach the filters as names by language (the event index's
    choices); statuses and types as translated strings."""
    from dialogue.views import _in_language

    names = {"en": "Japan", "ja": "日本", "ko": None}
    with translation.override("ja"):
        assert _in_language(names) == ("日本", None)
        assert _in_language("Planned") == ("Planned", None)
    with translation.override("ko"):
        assert _in_language(names) == ("Japan", "en")
    with translation.override("en"):
        assert _in_language(names) == ("Japan", None)


# The check that every string is translated ---------------------------------------------------


def test_the_check_skips_without_gettext_unless_required(monkeypatch, capsys):
    from dialogue.management.commands import check_translations

    monkeypatch.setattr(check_translations.shutil, "which", lambda name: None)
    monkeypatch.delenv("REQUIRE_GETTEXT", raising=False)
    call_command("check_translations")
    assert "not installed" in capsys.readouterr().out
    monkeypatch.setenv("REQUIRE_GETTEXT", "1")
    with pytest.raises(CommandError, match="xgettext"):
        call_command("check_translations")


PO_HEADER = (
    'msgid ""\nmsgstr ""\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
)


def test_the_check_names_each_missing_fuzzy_new_and_stale_string(tmp_path):
    from dialogue.management.commands.check_translations import Command

    committed, current = tmp_path / "committed.po", tmp_path / "current.po"
    committed.write_text(
        PO_HEADER
        + 'msgid "Done"\nmsgstr "完了"\n\n'
        + 'msgid "Empty"\nmsgstr ""\n\n'
        + '#, fuzzy\nmsgid "Guessed"\nmsgstr "推測"\n\n'
        + 'msgctxt "a month"\nmsgid "May"\nmsgstr "5月"\n\n'
        + 'msgid "%(n)s event"\nmsgid_plural "%(n)s events"\nmsgstr[0] ""\n\n'
        + 'msgid "Gone from the code"\nmsgstr "削除"\n\n'
        + '#~ msgid "Obsolete"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    current.write_text(
        PO_HEADER
        + "".join(
            f'msgid "{m}"\nmsgstr ""\n\n' for m in ("Done", "Empty", "Guessed", "New in the code")
        )
        + 'msgctxt "a month"\nmsgid "May"\nmsgstr ""\n\n'
        + 'msgid "%(n)s event"\nmsgid_plural "%(n)s events"\nmsgstr[0] ""\n',
        encoding="utf-8",
    )
    problems = Command()._compare("ja", committed, current)
    assert problems == sorted(
        [
            "ja: fuzzy: 'Guessed'",
            "ja: untranslated: 'Empty'",
            "ja: untranslated: '%(n)s event'",
            "ja: not in the committed catalogue (out of date): 'New in the code'",
            "ja: in the committed catalogue but no longer in the code (out of date): "
            "'Gone from the code'",
        ]
    )
