"""Conditional GET, cache headers for HTMX, pages kept until the data changes, static files."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from dialogue.models import DataVersion, Event

pytestmark = pytest.mark.django_db
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.mark.parametrize(
    "url", ["/", "/?year=2015", "/events/kono-statement/", "/actors/japan/", "/export/events.csv"]
)
def test_a_repeat_request_with_its_etag_gets_304(client, seed, url):
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_the_etag_changes_when_the_data_does(client, seed):
    etag = client.get("/").headers["ETag"]
    event = Event.objects.get(slug="kono-statement")
    event.title = "The Kono statement"
    event.save()
    assert client.get("/", headers={"If-None-Match": etag}).status_code == 200


def test_htmx_and_full_responses_differ_in_etag_and_vary(client, seed):
    full = client.get("/")
    part = client.get("/", headers={"HX-Request": "true", "HX-Target": "timeline-region"})
    assert full["ETag"] != part["ETag"]
    for header in ("HX-Request", "HX-Target", "HX-History-Restore-Request"):
        assert header in full["Vary"]
    assert full["Cache-Control"] == "public, max-age=0, must-revalidate"


@override_settings(CACHES=LOCMEM)
def test_pages_are_kept_until_the_data_changes(client, seed, django_assert_num_queries):
    cache.clear()
    client.get("/")
    with django_assert_num_queries(1):  # the data version, nothing else
        assert client.get("/").status_code == 200
    DataVersion.bump()
    event = Event.objects.get(slug="kono-statement")
    Event.objects.filter(pk=event.pk).update(title_en="Renamed by hand")
    DataVersion.bump()
    assert "Renamed by hand" in client.get("/").content.decode()
    cache.clear()


def test_staff_pages_are_not_shared(client, seed, staff):
    client.force_login(staff)
    response = client.get("/")
    assert "ETag" not in response


def test_static_files_are_fingerprinted_compressed_and_long_lived(client, settings, tmp_path):
    """Production storage: hashed names, gzip/brotli variants, a year of caching."""
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    css = sorted(tmp_path.glob("dialogue/site.*.css"))
    assert css, list(tmp_path.glob("dialogue/*"))
    assert (tmp_path / "dialogue" / (css[0].name + ".gz")).exists()
    from whitenoise.middleware import WhiteNoiseMiddleware

    middleware = WhiteNoiseMiddleware(get_response=lambda request: None)
    assert middleware.immutable_file_test("", f"/static/dialogue/{css[0].name}")


@override_settings(CACHES=LOCMEM)
def test_the_kept_page_is_sent_gzipped_or_plain_as_the_client_reads(client, seed):
    import gzip

    cache.clear()
    zipped = client.get("/", headers={"Accept-Encoding": "gzip, br"})
    plain = client.get("/", headers={"Accept-Encoding": "identity"})
    assert zipped["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain
    assert gzip.decompress(zipped.content) == plain.content
    assert b"Security dialogue to resume in April 2015" in plain.content
    assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content) / 3
    assert zipped["ETag"] != plain["ETag"]  # two representations, two tags
    for response in (zipped, plain):
        assert "Accept-Encoding" in response["Vary"] and "HX-Request" in response["Vary"]
    again = client.get("/", headers={"Accept-Encoding": "gzip", "If-None-Match": zipped["ETag"]})
    assert again.status_code == 304 and "Accept-Encoding" in again["Vary"]
    wrong = client.get(
        "/", headers={"Accept-Encoding": "identity", "If-None-Match": zipped["ETag"]}
    )
    assert wrong.status_code == 200 and wrong.content == plain.content
    cache.clear()
