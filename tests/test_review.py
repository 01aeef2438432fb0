"""Reviewing an import: a proposal that reports an event already on the timeline becomes its
citation, titles are edited before accepting, spellings of known actors are merged or kept apart;
and importing: what a text lacks is asked for, and many files are each tried and reported."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from dialogue import services
from dialogue.models import Actor, Event, EventActor, Source
from tests.factories import cite, make_actor, make_event, make_source

pytestmark = pytest.mark.django_db

IMPORT = "/admin/dialogue/source/import/"
QUOTE = "Japan and South Korea agreed on Monday to meet again."


def review_url(source) -> str:
    return f"/admin/dialogue/source/{source.pk}/review/"


def article(headline: str, *, outlet: str = "The Korea Herald", published: bool = True) -> str:
    """A short article file in the shape of the seeds: header lines, then one paragraph a line."""
    header = [outlet] if outlet else []
    header += [headline, "By Jane Reporter"]
    header += ["Published : Nov. 2, 2015 - 18:20"] if published else []
    return "\n\n".join(
        [
            *header,
            f"{headline}: South Korean and Japanese officials held security talks in Seoul on "
            "Monday, the ministry said.",
            "The two sides agreed to meet again in Tokyo next month to discuss North Korea.",
        ]
    )


def paragraphs_only(headline: str) -> str:
    """The article without its header: the text says neither outlet, date nor headline."""
    return article(headline, outlet="", published=False).split("\n\n", 2)[2]


def upload(name: str, text: str | bytes) -> SimpleUploadedFile:
    data = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/plain")


@pytest.fixture
def reported(db):
    """A proposal (from a new article) that reports an event already on the timeline."""
    earlier = make_source(title="Earlier report")
    event = make_event(title="Vice ministers meet", edtf="2015-04-06")
    cite(event, earlier, "The talks were frank.")
    source = make_source(title="Later report", is_published=False)
    proposal = make_event(
        title="Japan and South Korea agreed to meet again",
        edtf="2015-04-06",
        is_published=False,
        review=Event.Review.PROPOSED,
        reports=event,
    )
    cite(proposal, source, QUOTE)
    return proposal


@pytest.fixture
def spelling(db):
    """An unconfirmed actor an import read as another spelling of a known one, named in the
    article; the proposals name the known actor, as the importer makes them."""
    park = make_actor(name_en="Park Geun-hye", kind=Actor.Kind.PERSON, aliases="Park")
    pak = make_actor(
        name_en="Pak Kun-hye", kind=Actor.Kind.PERSON, is_confirmed=False, merge_into=park
    )
    source = make_source(
        body="President Pak Kun-hye met the Japanese envoy in Seoul on Monday, officials said."
    )
    proposal = make_event(is_published=False, review=Event.Review.PROPOSED)
    cite(proposal, source, "President Pak Kun-hye met the Japanese envoy")
    proposal.participations.create(actor=park)
    return pak


# A proposal that reports an event already on the timeline.


def test_the_review_page_says_which_event_a_proposal_reports(client, staff, reported):
    client.force_login(staff)
    page = client.get(review_url(reported.citations.get().source)).content.decode()
    link = f"/admin/dialogue/event/{reported.reports.pk}/change/"
    assert f'Reports “<a href="{link}">Vice ministers meet</a>” (6 April 2015)' in page
    assert "already on the timeline" in page
    # Its first button, the one Enter presses, adds it as a citation; it is not accepted as is.
    form = page[page.index(f'value="{reported.pk}"') :]
    assert re.search(r'<button[^>]*value="([a-z_]+)"', form)[1] == "attach"
    assert 'value="accept"' not in page


def test_a_reported_event_another_import_proposed_is_not_said_to_be_on_the_timeline(
    client, staff, reported
):
    Event.objects.filter(pk=reported.reports.pk).update(
        review=Event.Review.PROPOSED, is_published=False
    )
    client.force_login(staff)
    page = client.get(review_url(reported.citations.get().source)).content.decode()
    assert "proposed from another article and not yet reviewed" in page
    assert "already on the timeline" not in page


def test_attaching_adds_the_passage_to_the_reported_event_once(client, staff, reported):
    """The passage becomes a citation of the event it reports, the proposal goes; a second
    click (the proposal is gone) adds nothing."""
    client.force_login(staff)
    event, source = reported.reports, reported.citations.get().source
    reported.citations.update(stated_edtf="2015-04-06", stated_status="occurred")
    post = {"event": reported.pk, "action": "attach"}
    response = client.post(review_url(source), post)
    assert response.status_code == 302
    assert not Event.objects.filter(pk=reported.pk).exists()
    added = event.citations.get(source=source)
    assert (added.exact, added.start) == (QUOTE, source.body.index(QUOTE))
    # What the passage said of the date and status comes with it, for comparing reports.
    assert (added.stated_edtf, added.stated_status) == ("2015-04-06", "occurred")
    assert event.citations.count() == 2
    event.refresh_from_db()
    assert QUOTE in event.search_document and event.weight == 4  # two citations
    assert "Vice ministers meet" in client.get(response["Location"]).content.decode()
    assert client.post(review_url(source), post).status_code == 404
    assert event.citations.count() == 2


def test_a_passage_the_event_already_cites_is_not_cited_twice(reported):
    event, citation = reported.reports, reported.citations.get()
    cite(event, citation.source, QUOTE)  # from an earlier import of the same passage
    assert services.attach_proposal(event=reported) == event
    assert event.citations.filter(source=citation.source).count() == 1


def test_a_proposal_that_reports_nothing_cannot_be_attached(client, staff, reported):
    client.force_login(staff)
    source = reported.citations.get().source
    reported.reports = None
    reported.save()
    response = client.post(review_url(source), {"event": reported.pk, "action": "attach"})
    assert response.status_code == 400
    assert Event.objects.filter(pk=reported.pk).exists()


def test_keeping_it_as_a_new_event_leaves_a_proposal_to_accept(client, staff, reported):
    client.force_login(staff)
    source = reported.citations.get().source
    response = client.post(review_url(source), {"event": reported.pk, "action": "separate"})
    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.reports is None and reported.review == Event.Review.PROPOSED
    page = client.get(review_url(source)).content.decode()
    assert "already on the timeline" not in page and 'value="accept"' in page
    client.post(review_url(source), {"event": reported.pk, "action": "accept"})
    reported.refresh_from_db()
    assert reported.is_published and reported.citations.count() == 1


@pytest.mark.parametrize(
    ("code", "button", "merge"),
    [
        ("ja", "その出来事の引用として追加", "Park Geun-hyeに統合"),
        ("ko", "그 사건의 인용으로 추가", "Park Geun-hye에 병합"),
    ],
)
def test_the_review_page_is_in_the_editors_language(
    client, staff, reported, spelling, code, button, merge
):
    """The buttons and notes are translated; the article and its names stay as written."""
    client.force_login(staff)
    client.cookies["django_language"] = code
    page = client.get(review_url(reported.citations.get().source)).content.decode()
    assert f'<html lang="{code}"' in page and button in page and "Vice ministers meet" in page
    page = client.get(review_url(spelling_source(spelling))).content.decode()
    assert merge in page


def test_a_proposals_actors_and_date_line_are_in_the_editors_language(client, staff, reported):
    """A Japanese editor reads the state's Japanese name and Japanese punctuation; the page
    offers a way past the article to the proposals (on a phone it comes first)."""
    reported.participations.create(
        actor=make_actor(name_en="Japan", name_ja="日本", kind=Actor.Kind.STATE)
    )
    client.force_login(staff)
    client.cookies["django_language"] = "ja"
    page = client.get(review_url(reported.citations.get().source)).content.decode()
    assert "日本" in page and "<code>2015-04-06</code>)、" in page
    assert '<a href="#proposals-heading">' in page


# Titles edited before accepting.


def test_the_title_typed_on_the_review_page_is_saved_on_accept(client, staff, reported):
    client.force_login(staff)
    source = reported.citations.get().source
    services.separate_proposal(event=reported)
    page = client.get(review_url(source)).content.decode()
    assert f'name="title" value="{reported.title}"' in page
    post = {"event": reported.pk, "action": "accept", "title": "  Seoul and Tokyo to meet  "}
    assert client.post(review_url(source), post).status_code == 302
    reported.refresh_from_db()
    assert (reported.title_en, reported.is_published) == ("Seoul and Tokyo to meet", True)
    saved = Event.objects.filter(pk=reported.pk).values_list("title", flat=True).get()
    assert saved == "Seoul and Tokyo to meet"  # the untranslated column too


@pytest.mark.parametrize(
    ("title", "error"),
    [("", "This field is required."), ("   ", "This field is required."), ("x" * 201, "200")],
)
def test_an_empty_or_long_title_is_a_form_error_and_nothing_is_accepted(
    client, staff, reported, title, error
):
    client.force_login(staff)
    source = reported.citations.get().source
    services.separate_proposal(event=reported)
    post = {"event": reported.pk, "action": "accept", "title": title}
    response = client.post(review_url(source), post)
    assert response.status_code == 200
    form = response.context["proposals"][0].title_form
    assert error in " ".join(form.errors["title"])
    assert "errorlist" in response.content.decode()
    reported.refresh_from_db()
    assert reported.review == Event.Review.PROPOSED and not reported.is_published
    assert reported.title_en == "Japan and South Korea agreed to meet again"


def test_a_title_edited_in_a_japanese_admin_is_the_english_title(client, staff, reported):
    client.force_login(staff)
    client.cookies["django_language"] = "ja"
    services.separate_proposal(event=reported)
    source = reported.citations.get().source
    post = {"event": reported.pk, "action": "accept", "title": "Seoul and Tokyo to meet"}
    client.post(review_url(source), post)
    values = Event.objects.filter(pk=reported.pk).values_list("title", "title_en", "title_ja")
    assert values.get() == ("Seoul and Tokyo to meet", "Seoul and Tokyo to meet", None)


@pytest.mark.parametrize(
    "post",
    [
        {},
        {"event": "x", "action": "accept"},
        {"event": "1", "action": "publish"},
        {"actor": "x", "action": "merge"},
    ],
)
def test_bad_input_is_a_bad_request(client, staff, reported, post):
    client.force_login(staff)
    response = client.post(review_url(reported.citations.get().source), post)
    assert response.status_code == 400


def test_an_event_or_actor_of_another_article_is_not_found(client, staff, reported, spelling):
    client.force_login(staff)
    source = reported.citations.get().source
    other = reported.reports  # cites the earlier source only
    for action in ("accept", "attach", "separate", "reject"):
        response = client.post(review_url(source), {"event": other.pk, "action": action})
        assert response.status_code == 404, action
    response = client.post(review_url(source), {"actor": spelling.pk, "action": "merge"})
    assert response.status_code == 404
    assert client.post("/admin/dialogue/source/999999/review/", {}).status_code == 404


def test_deciding_needs_the_permission_to_change_events_or_actors(
    client, django_user_model, reported, spelling
):
    user = django_user_model.objects.create_user("viewer", password="x" * 20, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_source"))
    client.force_login(user)
    source = reported.citations.get().source
    response = client.post(review_url(source), {"event": reported.pk, "action": "attach"})
    assert response.status_code == 403
    post = {"actor": spelling.pk, "action": "merge"}
    assert client.post(review_url(spelling_source(spelling)), post).status_code == 403
    assert Event.objects.filter(pk=reported.pk).exists()
    assert Actor.objects.filter(pk=spelling.pk).exists()


# Spellings of known actors.


def spelling_source(pak) -> Source:
    return Source.objects.get(body__contains=pak.name_en)


def test_the_review_page_offers_to_merge_a_spelling_or_keep_it_apart(client, staff, spelling):
    client.force_login(staff)
    page = client.get(review_url(spelling_source(spelling))).content.decode()
    assert "Pak Kun-hye" in page and "probably another spelling of Park Geun-hye" in page
    assert "Merge into Park Geun-hye" in page and 'value="keep_apart"' in page


def test_merging_a_spelling_makes_it_an_alias_and_moves_its_events(client, staff, spelling):
    """The spelling's own participations move to the known actor, except where the event
    already names it: no event names the same actor twice."""
    park = spelling.merge_into
    both, only_pak = make_event(), make_event()
    both.participations.create(actor=park)
    both.participations.create(actor=spelling)
    only_pak.participations.create(actor=spelling)
    client.force_login(staff)
    post = {"actor": spelling.pk, "action": "merge"}
    response = client.post(review_url(spelling_source(spelling)), post)
    assert response.status_code == 302
    assert not Actor.objects.filter(pk=spelling.pk).exists()
    park.refresh_from_db()
    assert park.alias_list == ["Park", "Pak Kun-hye"]
    assert list(both.participations.values_list("actor", flat=True)) == [park.pk]
    assert list(only_pak.participations.values_list("actor", flat=True)) == [park.pk]
    only_pak.refresh_from_db()
    assert "Park Geun-hye" in only_pak.search_document
    page = client.get(response["Location"]).content.decode()
    assert "Merged “Pak Kun-hye” into “Park Geun-hye”" in page
    assert 'value="merge"' not in page


def test_a_spelling_already_an_alias_is_not_added_twice(spelling):
    park = spelling.merge_into
    park.aliases = "Park\nPak Kun-hye"
    park.save()
    assert services.merge_actor(actor=spelling) == park
    park.refresh_from_db()
    assert park.aliases == "Park\nPak Kun-hye"
    assert EventActor.objects.filter(actor=park).count() == 1


def test_keeping_a_spelling_apart_keeps_both_actors(client, staff, spelling):
    client.force_login(staff)
    post = {"actor": spelling.pk, "action": "keep_apart"}
    assert client.post(review_url(spelling_source(spelling)), post).status_code == 302
    spelling.refresh_from_db()
    assert spelling.merge_into is None and not spelling.is_confirmed
    assert Actor.objects.get(name_en="Park Geun-hye").aliases == "Park"
    page = client.get(review_url(spelling_source(spelling))).content.decode()
    assert 'value="merge"' not in page


# Importing: what a text lacks, many files at once, the command's --title.


def test_what_the_text_lacks_is_asked_for_at_its_fields(client, staff):
    client.force_login(staff)
    text = article("Seoul and Tokyo hold talks", outlet="", published=False)
    response = client.post(IMPORT, {"files": upload("a.txt", text)})
    assert response.status_code == 200
    form = response.context["form"]
    message = "For a.txt, please give the publication date and the outlet (not found in the text)."
    assert form.non_field_errors() == [message]
    assert form.errors["published"] == form.errors["outlet"] == ["Needed for a.txt."]
    assert "title" not in form.errors
    page = response.content.decode()
    assert page.count('<div class="form-row errors">') == 2
    assert not Source.objects.exists()
    given = {"published": "2015-11-02", "outlet": "The Korea Herald"}
    response = client.post(IMPORT, {"files": upload("a.txt", text)} | given)
    assert response.status_code == 302
    assert Source.objects.get().outlet.name == "The Korea Herald"


def test_a_text_with_no_header_asks_for_all_three(client, staff):
    client.force_login(staff)
    body = paragraphs_only("Seoul and Tokyo hold talks")
    response = client.post(IMPORT, {"files": upload("b.txt", body)})
    message = (
        "For b.txt, please give the publication date, the outlet and the headline "
        "(not found in the text)."
    )
    assert response.context["form"].non_field_errors() == [message]
    given = {"published": "2015-11-02", "outlet": "Kyodo News", "title": "Talks in Seoul"}
    assert client.post(IMPORT, {"files": upload("b.txt", body)} | given).status_code == 302
    assert Source.objects.get().title == "Talks in Seoul"


def result_rows(page: str) -> list[str]:
    """The results table's rows, as text."""
    body = page[page.index('<tbody id="import-results">') : page.index("</tbody>")]
    rows = re.findall(r"<tr\b[^>]*>(.*?)</tr>", body, re.DOTALL)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]


def test_many_files_are_each_tried_and_reported(client, staff):
    """A file that fails loses nothing of the others; the page lists each file's outcome."""
    client.force_login(staff)
    client.post(IMPORT, {"files": upload("old.txt", article("Ministers met in Seoul"))})
    files = [
        upload("one.txt", article("Seoul and Tokyo hold talks")),
        upload("bad.txt", b"\x00\x01binary"),
        upload("old.txt", article("Ministers met in Seoul")),
        upload("two.txt", article("Defence officials meet in Tokyo")),
    ]
    response = client.post(IMPORT, {"files": files})
    assert response.status_code == 200
    assert Source.objects.count() == 3
    one, two = (Source.objects.get(received_as=n) for n in ("one.txt", "two.txt"))
    rows = result_rows(response.content.decode())
    assert len(rows) == 4
    count = Event.objects.filter(citations__source=one).distinct().count()
    assert rows[0] == f"one.txt Imported with {count} proposals. Review them"
    assert rows[1] == "bad.txt Failed: This is a binary file, not plain text."
    assert rows[2].startswith("old.txt Already imported, as “Ministers met in Seoul”")
    assert rows[3].startswith("two.txt Imported with")
    page = response.content.decode()
    assert f'href="{review_url(one)}"' in page and f'href="{review_url(two)}"' in page
    assert response.context["form"].errors["files"] == [
        "1 file was not imported: see the results below."
    ]


def test_a_script_posting_one_file_gets_its_row(client, staff):
    """admin-import.js posts a file at a time and asks for the `import-results` partial: the
    answer is that file's row, not the page."""
    client.force_login(staff)
    headers = {"HX-Request": "true", "HX-Target": "import-results"}
    response = client.post(
        IMPORT, {"files": upload("one.txt", article("Seoul and Tokyo hold talks"))}, headers=headers
    )
    assert response.status_code == 200
    assert "HX-Target" in response["Vary"]
    row = response.content.decode().strip()
    assert row.startswith('<tr class="import-imported">') and row.endswith("</tr>")
    assert row.count("<tr") == 1 and Source.objects.count() == 1
    response = client.post(
        IMPORT, {"files": upload("a.txt", paragraphs_only("Talks"))}, headers=headers
    )
    assert 'data-missing="published outlet title"' in response.content.decode()
    response = client.post(
        IMPORT, {"files": upload("two.txt", "x"), "published": "yesterday"}, headers=headers
    )
    assert response.status_code == 400  # the script then submits the form plainly


def test_the_import_page_loads_its_script_within_the_content_security_policy(client, staff):
    client.force_login(staff)
    page = client.get(IMPORT).content.decode()
    assert '<script src="/static/dialogue/admin-import.js" defer></script>' in page
    assert client.get("/static/dialogue/admin-import.js").status_code == 200
    assert 'role="status"' in page and 'aria-live="polite"' in page


def test_the_command_takes_the_headline_the_text_lacks(db, tmp_path):
    path = tmp_path / "c.txt"
    path.write_text(paragraphs_only("Seoul and Tokyo hold talks"))
    call_command(
        "import_article", str(path), "--published", "2015-11-02", "--outlet", "Kyodo News",
        "--title", "Talks in Seoul",
    )  # fmt: skip
    assert Source.objects.get().title == "Talks in Seoul"
