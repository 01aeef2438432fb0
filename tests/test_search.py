"""Search and combined filters, on whichever database the run uses (SQLite or PostgreSQL)."""

import re

import pytest
from django.db import connection

from dialogue import search
from dialogue.models import Event

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true", "HX-Target": "timeline-region"}


def slugs(response):
    return {e.slug for e in response.context["events"] + response.context["earlier"]}


def distinctive_word(text: str) -> str:
    """The longest plain word of a passage: one a reader might search for."""
    return max(re.findall(r"[A-Za-z]{4,}", text), key=len)


def test_every_seed_event_is_found_by_a_word_of_its_passage(client, seed):
    for event in Event.objects.published().prefetch_related("citations"):
        for citation in event.citations.all():
            word = distinctive_word(citation.exact)
            response = client.get("/", {"q": word})
            assert event.slug in slugs(response), (connection.vendor, event.slug, word)


def test_search_reads_titles_summaries_and_actor_names_in_three_languages(client, seed):
    for query, slug in [
        ("THAAD", "us-considers-thaad-in-south-korea"),
        ("Kono", "kono-statement"),
        ("安倍晋三", "abe-war-shrine-visit"),
        ("이상덕", "planned-security-dialogue-april-2015"),
        ("Ihara", "planned-security-dialogue-april-2015"),
    ]:
        assert slug in slugs(client.get("/", {"q": query})), (query, connection.vendor)


def test_results_say_why_they_matched(client, seed):
    response = client.get("/", {"q": "THAAD"})
    html = response.content.decode()
    assert "<mark>THAAD</mark>" in html
    assert "Results for “THAAD”" in html
    first = response.context["events"][0]
    assert "<mark>" in first.snippet


def test_relevance_order_puts_the_best_match_first(client, seed):
    response = client.get("/", {"q": "THAAD", "sort": "relevance"})
    listed = [e.pk for e in response.context["events"]]
    rank = dict(search.with_rank(Event.objects.all(), "THAAD").values_list("pk", "rank"))
    ranks = [rank[pk] for pk in listed]
    assert len(ranks) > 1 and ranks == sorted(ranks, reverse=True)
    assert response.context["events"][0].slug == "us-considers-thaad-in-south-korea"


def test_a_search_for_nothing_known_finds_nothing_and_says_so(client, seed):
    response = client.get("/", {"q": "zeppelin"})
    assert response.context["events"] == []
    assert "No events match" in response.content.decode()


def test_search_text_is_escaped_in_the_page(client, seed):
    html = client.get("/", {"q": '<script>alert("x")</script>'}).content.decode()
    assert '<script>alert("x")</script>' not in html


def test_search_works_as_an_htmx_swap(client, seed):
    response = client.get("/", {"q": "Kono"}, headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="timeline-region"')
    assert "kono-statement" in html


def test_filters_combine_across_and_widen_within(client, seed):
    both = slugs(client.get("/", {"actor": ["junichi-ihara", "china"]}))
    assert both == {"planned-security-dialogue-april-2015", "japan-china-security-dialogue"}
    narrowed = slugs(client.get("/", {"actor": ["junichi-ihara", "china"], "status": "planned"}))
    assert narrowed == {"planned-security-dialogue-april-2015"}
    by_kind = slugs(client.get("/", {"kind": "visit"}))
    assert by_kind == {"abe-war-shrine-visit"}


def test_a_date_range_keeps_events_that_overlap_it(client, seed):
    found = slugs(client.get("/", {"date_from": "2015-04-01", "date_to": "2015-04-30"}))
    assert "planned-security-dialogue-april-2015" in found
    assert "foreign-ministers-agree-in-seoul" not in found  # March 2015
    assert "japan-us-defence-guidelines-revision" in found


def test_a_reversed_date_range_is_ignored_with_a_message(client, seed):
    response = client.get("/", {"date_from": "2015-04-01", "date_to": "2014-01-01"})
    assert "before its start" in response.content.decode()
    assert response.context["state"].get("date_to") is None


def test_counts_per_filter_value_follow_the_other_filters(client, seed):
    response = client.get("/", {"status": "planned"})
    facets = {f["name"]: f for f in response.context["facets"]}
    actor_counts = {o["value"]: o["count"] for o in facets["actor"]["options"]}
    planned = Event.objects.published().filter(status="planned")
    assert actor_counts["junichi-ihara"] == 1
    assert actor_counts["japan"] == planned.filter(participations__actor__slug="japan").count()
    status_counts = {o["value"]: o["count"] for o in facets["status"]["options"]}
    # a facet's own filter does not narrow its counts: the other statuses still count
    assert status_counts["cancelled"] == 1


def test_the_topic_page_lists_its_events_on_the_timeline(client, seed):
    response = client.get("/topics/missile-defence/")
    assert response.status_code == 200
    assert slugs(response) == set(
        Event.objects.published()
        .filter(topics__slug="missile-defence")
        .values_list("slug", flat=True)
    )
    assert "Topic: Missile defence" in response.content.decode()
    assert client.get("/topics/nothing/").status_code == 404


def test_the_actor_pair_page_lists_events_involving_both(client, seed):
    response = client.get("/actors/japan/and/china/")
    assert slugs(response) == {"japan-china-security-dialogue"}
    assert "Japan and China" in response.content.decode()
    assert client.get("/actors/japan/and/japan/").status_code == 404
    assert client.get("/actors/japan/and/atlantis/").status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index of words")
def test_postgres_search_reads_its_index_in_rank_order(seed):
    """A word's events come from the index of words, already best first and then oldest (no
    sort); several words, a CJK run's bigrams, a lone character, also from that index."""

    def plan(text: str, *, bitmap: bool = True) -> str:
        sql, params = search._ranked(search.parse(text), Event.objects.all())
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"SET LOCAL enable_bitmapscan = {'on' if bitmap else 'off'}")
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())

    one_word = plan("THAAD", bitmap=False)
    assert "dialogue_event_term_rank" in one_word and "Sort" not in one_word, one_word
    for text in ("伊原", "Ihara 이상덕", "伊原純一", "韓", "missile -defence", "THAAD or Kono"):
        assert "dialogue_event_term_rank" in plan(text), (text, plan(text))


@pytest.mark.parametrize(
    "text",
    ["security", "security dialogue", "the security", "伊原", "伊原純一", "Ihara 이상덕",
     "Japan–US", "dialogue -security", "THAAD or Kono", '"security dialogue"', "韓"],
)  # fmt: skip
def test_ranked_ids_are_the_matches_in_order_of_rank(seed, text):
    """ranked_ids asks the index the fastest way the query allows (on PostgreSQL, a scan a
    word for words that must all match): the same events as `with_rank`, in its order."""
    ranked = search.ranked_ids(Event.objects.all(), text).tolist()
    by_rank = search.with_rank(Event.objects.all(), text).order_by("-rank", "date_lower", "pk")
    assert ranked and ranked == list(by_rank.values_list("pk", flat=True)), text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index of words")
def test_emptying_the_events_table_empties_the_index(seed):
    """TRUNCATE (a test run's flush) fires no row trigger: a statement trigger empties the
    index of words too, or the next events, under the same ids, would inherit their words."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {search.TERMS_TABLE}")
        assert cursor.fetchone()[0] > 0
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the seed's checks, done before
        cursor.execute("TRUNCATE dialogue_event CASCADE")
        cursor.execute(f"SELECT count(*) FROM {search.TERMS_TABLE}")
        assert cursor.fetchone()[0] == 0


def test_a_search_works_as_a_subquery(seed):
    """Inside another query the events table is renamed (U0): the search follows it."""
    from dialogue.models import EventActor

    for text in ("THAAD", "伊原", "Ihara 이상덕"):
        direct = search.matching(Event.objects.all(), text)
        inner = search.with_rank(Event.objects.all(), text).values("pk")
        # (No ordering: the outer query must not join the events table itself.)
        roles = EventActor.objects.order_by().filter(event__in=inner).values_list("pk", flat=True)
        expected = EventActor.objects.filter(event__in=list(direct)).values_list("pk", flat=True)
        assert direct and set(roles) == set(expected), text


@pytest.mark.parametrize("sort", ["", "relevance"])
def test_a_search_on_a_topic_page_finds_only_that_topics_events(client, seed, sort):
    """A topic's events are the base the search narrows: "Japan" is in nearly every event,
    and on the history topic's page it finds the history topic's events only, by date or by
    relevance."""
    history = set(
        Event.objects.filter(topics__slug="history-issues").values_list("slug", flat=True)
    )
    response = client.get(
        "/topics/history-issues/", {"q": "Japan"} | ({"sort": sort} if sort else {})
    )
    assert slugs(response) == history and len(found(client, "Japan")) > len(history)


def test_an_actor_page_links_to_its_pairs(client, seed):
    html = client.get("/actors/china/").content.decode()
    assert 'href="/actors/china/and/japan/"' in html


def test_an_event_is_listed_once_by_relevance_on_a_pair_page(client, db):
    """A pair's events are found by joins; an actor in two roles repeated the event."""
    from dialogue.models import EventActor
    from tests.factories import cite, make_actor, make_event, make_source

    first, second = make_actor(slug="aa"), make_actor(slug="bb")
    event = make_event(edtf="2014-05", title="Frank talks")
    cite(event, make_source(), "The talks were frank")
    for actor, role in ((first, "host"), (first, "participant"), (second, "participant")):
        EventActor.objects.create(event=event, actor=actor, role=role)
    response = client.get("/actors/aa/and/bb/", {"q": "frank", "sort": "relevance"})
    assert [e.slug for e in response.context["events"]] == [event.slug]


# Japanese, Korean and English, on both databases ---------------------------------------------


def found(client, text: str) -> set[str]:
    return slugs(client.get("/", {"q": text}))


def test_cjk_text_is_indexed_as_overlapping_bigrams():
    """One rule for the document and the query: a run of Han, kana or Hangul becomes its
    two-character pieces, a lone character stays, and Latin letters touching a run are set
    apart from it; full-width letters are read as ASCII."""
    assert search.terms("伊原純一") == "伊原 原純 純一"
    assert search.terms("이하라 준이치") == "이하 하라 준이 이치"
    assert search.terms("米国、韓国へのTHAAD配備") == "米国 、 韓国 国へ への THAAD 配備"
    assert search.terms("日 Ｕ.Ｓ.") == "日 U.S."
    assert search.terms("missile defence") == "missile defence"


@pytest.mark.parametrize(
    "text",
    [
        "安倍晋三",  # full name, kanji
        "安倍",  # family name
        "晋三",  # given name
        "倍晋",  # two characters across family and given name
        "아베",  # Korean: family name
        "신조",  # given name
    ],
)
def test_shinzo_abe_is_found_by_any_part_of_his_names(client, seed, text):
    """He is an actor of two events; his Japanese and Korean names are in no title or passage."""
    assert {"abe-war-shrine-visit", "planned-security-dialogue-april-2015"} <= found(
        client, text
    ), (text, connection.vendor)


@pytest.mark.parametrize(
    "text",
    [
        "伊原",  # Junichi Ihara's family name, kanji
        "純一",  # given name
        "原純",  # the middle two characters
        "이하라",  # Korean transcription: family name
        "준이치",  # given name
        "하라",  # two syllables inside the family name
        "李相徳",  # Lee Sang-deok in Japanese
        "相徳",  # his given name
        "이상덕",  # in Korean
        "상덕",  # given name, two syllables
        "Ihara",  # and by the English name, a whole word
    ],
)
def test_the_april_2015_dialogue_is_found_by_its_delegates_names(client, seed, text):
    assert "planned-security-dialogue-april-2015" in found(client, text), (text, connection.vendor)


def test_kana_and_translated_titles_and_summaries_are_found_by_fragments(client, seed):
    """Katakana and hiragana, in the seed's Japanese and Korean titles and summaries."""
    assert "foreign-ministers-agree-in-seoul" in found(client, "ソウル")  # katakana title
    assert "foreign-ministers-agree-in-seoul" in found(client, "ウル")
    assert "planned-security-dialogue-april-2015" in found(client, "アメリカ")  # an actor's name
    assert "kono-statement" in found(client, "河野談話")  # title_ja
    assert "kono-statement" in found(client, "고노 담화")  # title_ko, two words
    assert "us-considers-thaad-in-south-korea" in found(client, "配備")  # "THAAD配備"
    assert "us-considers-thaad-in-south-korea" in found(client, "사드")


def test_a_japanese_title_is_found_by_a_fragment_and_shown_as_japanese(client, db):
    """An event known only by its Japanese title (the English one says nothing of it)."""
    from tests.factories import make_event

    event = make_event(
        title="Event", title_ja="日韓防衛相会談を開催", title_ko="한일 국방장관 회담"
    )
    other = make_event(title="Other", title_ja="日米首脳会談")
    for text in ("防衛相", "相会", "日韓防衛", "국방장관", "장관"):
        response = client.get("/", {"q": text})
        assert slugs(response) == {event.slug}, (text, connection.vendor)
    assert slugs(client.get("/", {"q": "会談"})) == {event.slug, other.slug}
    html = client.get("/", {"q": "防衛相"}).content.decode()
    assert '<span lang="ja">日韓<mark>防衛相</mark>会談を開催</span>' in html


def test_english_words_do_not_match_inside_other_words(client, db):
    """ "US" is a word of its own: not the middle of "suspension" or the end of "discuss"."""
    from tests.factories import make_event

    inside = make_event(title="Talks suspension", summary="They will discuss the status.")
    word = make_event(title="A US envoy visits", summary="The envoy met officials.")
    assert found(client, "US") == {word.slug}
    assert found(client, "us") == {word.slug}
    assert found(client, "suspension") == {inside.slug}


def test_english_words_are_stemmed(client, db):
    """Either database's English stemmer: "discussing" finds "discussed", "missiles" finds
    "missile"; snippets mark the word as the text writes it."""
    from tests.factories import make_event

    talks = make_event(title="Ministers discussed the plan")
    missile = make_event(title="A missile launch")
    assert found(client, "discussing") == {talks.slug}
    assert found(client, "missiles") == {missile.slug}
    response = client.get("/", {"q": "discussing"})
    assert "<mark>discussed</mark>" in str(response.context["events"][0].snippet)


def test_a_title_match_ranks_above_a_match_in_the_text(client, db):
    """Three events of eight name "frigate": in the title, in the summary three times, in the
    summary once. The title counts most, then how often."""
    from tests.factories import make_event

    for _ in range(5):
        make_event(title="Naval talks", summary="Ships were mentioned among many things.")
    once = make_event(title="Naval talks", summary="A frigate was mentioned among many things.")
    title = make_event(title="Frigate sent", summary="The navy sent a ship.")
    thrice = make_event(title="Naval talks", summary="Frigate, frigate and frigate.")
    response = client.get("/", {"q": "frigates", "sort": "relevance"})
    assert [e.slug for e in response.context["events"]] == [title.slug, thrice.slug, once.slug]


def test_the_query_language_is_the_same_on_both_databases(client, db):
    """Words all match, "a phrase" matches in order, -word excludes, `or` gives a choice."""
    from tests.factories import make_event

    a = make_event(title="Missile defence talks", summary="Held in Tokyo.")
    b = make_event(title="Defence of missile sites", summary="Held in Seoul.")
    c = make_event(title="Talks in Seoul", summary="No defence here; 伊原純一 attended.")
    assert found(client, "missile defence") == {a.slug, b.slug}
    assert found(client, '"missile defence"') == {a.slug}
    assert found(client, "defence -seoul") == {a.slug}
    assert found(client, "tokyo or seoul") == {a.slug, b.slug, c.slug}
    assert found(client, "tokyo or 伊原") == {a.slug, c.slug}
    assert found(client, "原純一 defence") == {c.slug}
    assert found(client, "純伊") == set()  # both characters, not in this order
    for nothing in (":", "-", '" - "', "or", "&|!"):  # no word to search for
        assert found(client, nothing) == set(), nothing
        response = client.get("/", {"q": nothing, "sort": "relevance"})
        assert response.status_code == 200 and response.context["events"] == []


def test_aliases_find_an_event_but_snippets_show_only_its_own_text(client, db):
    """The actors' names and aliases are searchable, but the snippet quotes the summary, the
    passages or the title, never the list of names."""
    from tests.factories import cite, make_actor, make_event, make_source

    actor = make_actor(name_en="Ministry of Odd Names", name_ja="奇名省", aliases="Zorblax\nZX")
    event = make_event(title="Talks held", summary="Officials met in Tokyo to talk.")
    event.participations.create(actor=actor)
    cite(event, make_source(), "The talks were frank")
    for text in ("Zorblax", "奇名", "Odd Names"):
        response = client.get("/", {"q": text})
        assert slugs(response) == {event.slug}, text
        snippet = str(response.context["events"][0].snippet)
        assert snippet == "Officials met in Tokyo to talk.", (text, snippet)
    snippet = str(client.get("/", {"q": "frank"}).context["events"][0].snippet)
    assert snippet == "The talks were <mark>frank</mark>"


def plain(snippet) -> str:
    return re.sub(r"<[^>]+>", "", str(snippet)).replace("&#x27;", "'")


@pytest.mark.parametrize(
    ("summary", "query", "marked"),
    [
        (
            "Preliminary remarks went on at considerable length about procedure, scheduling, "
            "seating and the weather before anyone addressed the substance; then the delegates "
            "finally discussed ballistic missile interceptors in detail, comparing deployments, "
            "costs, timetables, radar coverage, and the politics of hosting foreign batteries "
            "near populated coastal districts for several more hours.",
            "interceptors",
            "interceptors",
        ),
        (
            "한일 양국은 외교·국방 당국 고위 관리 간 정례 안보 협의를 갖기로 하는 "
            "합의에 서명했으며, 양측은 북한의 핵·미사일 위협 억지와 지역 안보 정세, "
            "방위협력지침 개정 문제를 폭넓게 논의했고, 이하라 준이치 국장과 이상덕 "
            "국장이 참석할 것으로 보인다고 외교 소식통들이 전했으며, 다음 회의는 "
            "서울에서 열릴 예정이라고 덧붙였다. 양측은 회의 결과를 바탕으로 후속 협의 "
            "일정과 실무 협력 방안을 마련하기로 했다.",
            "준이치",
            "준이치",
        ),
    ],
)
def test_snippets_cut_only_between_words(client, db, summary, query, marked):
    """A long text is cut to a window around the match, at spaces or punctuation: the first
    and last words of the snippet are whole words of the text, Korean words whole too."""
    from tests.factories import make_event

    make_event(title="Talks", summary=summary)
    snippet = client.get("/", {"q": query}).context["events"][0].snippet
    assert f"<mark>{marked}</mark>" in str(snippet)
    text = plain(snippet)
    assert text.startswith("… ") and text.endswith(" …"), text
    inner = text.removeprefix("… ").removesuffix(" …")
    at = summary.index(inner)
    before, after = summary[at - 1], summary[at + len(inner)]
    assert not before.isalnum() and not after.isalnum(), (before, inner, after)


def test_snippets_of_japanese_text_may_cut_between_characters(client, db):
    """Japanese has no spaces: a window of it starts and ends between characters."""
    from tests.factories import make_event

    summary = "日本と韓国は" * 30 + "防衛相会談" + "を開催し協議した" * 30
    make_event(title="Talks", summary_ja=summary)
    snippet = client.get("/", {"q": "防衛相"}).context["events"][0].snippet
    assert "<mark>防衛相</mark>" in str(snippet)
    inner = plain(snippet).removeprefix("… ").removesuffix(" …")
    assert inner in summary and len(inner) <= search.SNIPPET_LENGTH


def test_the_index_follows_every_write(client, db):
    """Saving, bulk updates and deleting reach the index (SQLite: triggers; PostgreSQL: the
    generated column), whoever writes."""
    from tests.factories import make_actor, make_event

    event = make_event(title="Frigate talks", title_ja="フリゲート協議")
    assert found(client, "フリゲ") == {event.slug}
    event.title_ja = "駆逐艦協議"
    event.save()
    assert found(client, "フリゲ") == set()
    assert found(client, "駆逐") == {event.slug}
    actor = make_actor(name_ko="구축함 사령관")
    event.participations.create(actor=actor)
    assert found(client, "사령") == {event.slug}
    actor.name_ko = "호위함 사령관"
    actor.save()
    assert found(client, "구축") == set()
    assert found(client, "호위") == {event.slug}
    Event.objects.filter(pk=event.pk).update(search_document="nothing here")
    assert found(client, "frigate") == set()
    Event.objects.filter(pk=event.pk).delete()
    assert found(client, "nothing") == set()


@pytest.mark.django_db(transaction=True)
def test_the_migration_indexes_the_events_already_there(seed):
    """Back to before the bigram index, the documents emptied, and forward: the migration
    rebuilds the documents and fills the index for the rows it finds."""
    from django.core.management import call_command
    from django.db.migrations.loader import MigrationLoader

    (leaf,) = MigrationLoader(connection).graph.leaf_nodes("dialogue")
    call_command("migrate", "dialogue", "0007", verbosity=0)
    try:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE dialogue_event SET search_document = ''")
    finally:
        call_command("migrate", "dialogue", leaf[1], verbosity=0)
    ids = set(search.matching(Event.objects.all(), "伊原 이상").values_list("slug", flat=True))
    assert ids == {"planned-security-dialogue-april-2015"}
