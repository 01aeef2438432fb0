"""The seed fixture: the two articles, kept whole, every event cited at its passage, and the
texts of events, the period, topics and actors in Japanese and Korean too."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Q
from django.utils import translation

from dialogue.models import Actor, Citation, Event, Period, Source, Topic

pytestmark = pytest.mark.django_db
ARTICLES = Path(settings.BASE_DIR) / "fixtures" / "articles"


def test_each_article_is_kept_exactly_as_received(seed):
    for source in Source.objects.all():
        raw = (ARTICLES / source.received_as).read_text(encoding="utf-8")
        assert source.raw_text == raw


@pytest.mark.parametrize("furniture", ["Link copied", "지나쌤", "Published :", "World / Politics"])
def test_page_furniture_is_not_in_any_body(seed, furniture):
    assert not Source.objects.filter(body__contains=furniture).exists()


def test_every_body_paragraph_is_in_the_raw_text(seed):
    for source in Source.objects.all():
        for paragraph in source.body.split("\n\n"):
            assert paragraph in source.raw_text


def test_every_published_event_cites_a_passage_at_its_offsets(seed):
    events = Event.objects.published().prefetch_related("citations__source")
    assert events.count() >= 16
    for event in events:
        citations = event.citations.all()
        assert citations, f"{event.slug} cites nothing"
        for c in citations:
            assert c.source.body[c.start : c.end] == c.exact, c.pk
            assert c.source.body[: c.start].endswith(c.prefix)
            assert c.source.body[c.end :].startswith(c.suffix)


def test_the_last_meeting_before_the_suspension_is_cited_by_both_articles(seed):
    event = Event.objects.get(edtf="2009-12")
    assert Citation.objects.filter(event=event).values("source").distinct().count() == 2


@pytest.mark.parametrize(
    ("slug", "edtf", "status"),
    [
        ("security-consultations-agreement", "1997", "occurred"),
        ("kono-statement", "1993", "occurred"),
        ("security-meeting-falls-through", "2013", "cancelled"),
        ("foreign-ministers-agree-in-seoul", "2015-03", "occurred"),
        ("japan-china-security-dialogue", "2015-03-19", "occurred"),
        ("agreement-to-resume-dialogue-reported", "2015-04-04", "occurred"),
        ("japan-us-defence-guidelines-revision", "2015-04-27", "planned"),
        ("seoul-pushes-security-consultations", "2014-09-09", "occurred"),
    ],
)
def test_curated_dates_resolve_the_articles_relative_expressions(seed, slug, edtf, status):
    event = Event.objects.get(slug=slug)
    assert (event.edtf, event.status) == (edtf, status)


def test_the_suspension_is_a_named_period(seed):
    period = Period.objects.get()
    assert (str(period.date_lower), str(period.date_upper)) == ("2009-12-01", "2015-04-30")


def test_loading_the_seed_twice_changes_nothing(seed):
    from django.core.management import call_command

    before = Event.objects.count(), Citation.objects.count()
    call_command("load_seed", verbosity=0)
    assert (Event.objects.count(), Citation.objects.count()) == before


# The seed's texts in Japanese and Korean.

TRANSLATED = {
    Event: ("title", "summary", "date_derivation"),
    Period: ("name", "description"),
    Topic: ("name", "description"),
    Actor: ("office", "description"),
}
KANA_OR_KANJI = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def untranslated(model, fields):
    """(slug, field, language) of every English text of this model with no translation, or one
    not written in its language's script."""
    missing = []
    for obj in model.objects.all():
        for field in fields:
            if not getattr(obj, f"{field}_en"):
                continue  # nothing to translate (an actor's office, for a country)
            for code, script in (("ja", KANA_OR_KANJI), ("ko", HANGUL)):
                if not script.search(getattr(obj, f"{field}_{code}") or ""):
                    missing.append((obj.slug, field, code))
    return missing


@pytest.mark.parametrize("model", TRANSLATED, ids=lambda m: m.__name__)
def test_every_seed_text_is_in_japanese_and_korean(seed, model):
    assert model.objects.exists()
    assert untranslated(model, TRANSLATED[model]) == []


def test_every_actor_has_a_japanese_and_korean_description(seed):
    assert Actor.objects.count() == 12
    assert not Actor.objects.filter(Q(description_ja=None) | Q(description_ko=None)).exists()


def test_the_english_is_the_seed_as_it_was(seed):
    """The fixture names each language's column; the English ones hold what the single
    columns held, and the untranslated columns are the English."""
    kono = Event.objects.get(slug="kono-statement")
    assert (kono.title_en, kono.title_ja, kono.title_ko) == (
        "Kono statement",
        "河野談話",
        "고노 담화",
    )
    for model, fields in TRANSLATED.items():
        for row in model.objects.values(*fields, *(f"{f}_en" for f in fields)):
            assert all(row[f] == (row[f"{f}_en"] or "") for f in fields), row


def test_date_derivations_quote_the_articles_words_in_english(seed):
    """The English words a date was read from stay as the article has them, quoted in each
    language's marks: 「last month」, “last month”."""
    for event in Event.objects.all():
        quoted = re.findall(r'"([^"]+)"', event.date_derivation_en)
        for words in quoted:
            assert f"「{words}」" in event.date_derivation_ja, (event.slug, words)
            assert f"“{words}”" in event.date_derivation_ko, (event.slug, words)
    event = Event.objects.get(slug="foreign-ministers-agree-in-seoul")
    with translation.override("ja"):
        assert event.date_derivation == "2015年4月5日付の記事の「last month」"
    with translation.override("ko"):
        assert event.date_derivation == "2015년 4월 5일 자 기사의 “last month”"


@pytest.mark.parametrize("force", [False, True])
def test_reloading_the_seed_keeps_the_translations(seed, force):
    from django.core.management import call_command

    call_command("load_seed", force=force, verbosity=0)
    for model, fields in TRANSLATED.items():
        assert untranslated(model, fields) == []


@pytest.mark.parametrize("code", ["ja", "ko"])
def test_the_seed_loads_in_english_whatever_language_is_active(db, code):
    """A loaded row's untranslated column and its search document take the active language:
    loaded by a command run in Japanese, they are English all the same."""
    from django.core.management import call_command

    from dialogue.services import refresh_search

    with translation.override(code):
        call_command("load_seed", verbosity=0)
    rows = Event.objects.order_by("pk").values("title", "title_en", "search_document")
    loaded = list(rows)
    assert all(row["title"] == row["title_en"] for row in loaded)
    with translation.override("en"):
        refresh_search(event_ids=Event.objects.values_list("pk", flat=True))
    assert list(rows) == loaded
    assert list(Topic.objects.values_list("name", flat=True))[0] == "Abductions"
