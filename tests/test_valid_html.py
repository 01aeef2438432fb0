"""Every page type and every HTMX partial, in English, Japanese and Korean, passes the Nu Html
Checker (vnu.jar, from the npm package vnu-jar pinned in package.json, run on Java) with no
errors. Marked `browser`: like the browser tests it needs what `npm ci` installs, and it runs
once in CI, in the PostgreSQL run."""

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGS = ("en", "ja", "ko")
PREFIX = {"en": "", "ja": "/ja", "ko": "/ko"}
EVENT = "/events/planned-security-dialogue-april-2015/"
COMPARED = "/events/last-security-dialogue/"  # cited by outlets of both countries
SOURCE = "/sources/japan-south-korea-to-resume-security-dialogue-this-month/"
REGION = {"HX-Request": "true", "HX-Target": "timeline-region"}
DETAIL = {"HX-Request": "true", "HX-Target": "detail"}

# name: (address, request headers, status)
PAGES = {
    "timeline": ("/", {}, 200),
    "year": ("/?year=2015", {}, 200),
    "filtered": ("/?actor=japan&status=planned", {}, 200),
    "search": ("/?q=THAAD", {}, 200),
    "event": (EVENT + "?year=2015", {}, 200),
    "embed": ("/embed/?year=2015", {}, 200),
    "embed-event": ("/embed" + EVENT, {}, 200),
    "source-list": ("/sources/", {}, 200),
    "source": (SOURCE, {}, 200),
    "actor-list": ("/actors/", {}, 200),
    "actor": ("/actors/shinzo-abe/", {}, 200),
    "actor-pair": ("/actors/japan/and/south-korea/", {}, 200),
    "topic": ("/topics/missile-defence/", {}, 200),
    "period": ("/periods/dialogue-suspended/", {}, 200),
    "api-docs": ("/api/docs/", {}, 200),
    "compare": ("/compare/", {}, 200),
    "compared-event": (COMPARED, {}, 200),
    "not-found": ("/events/no-such-event/", {}, 404),
    "bad-request": ("/", {"Host": "evil.example"}, 400),
    # The partials: what views.render_page answers an HTMX request aimed at its target.
    "region-partial": ("/?year=2015", REGION, 200),
    "filtered-partial": ("/?actor=japan&status=planned", REGION, 200),
    "search-partial": ("/?q=THAAD", REGION, 200),
    "event-region-partial": (EVENT + "?year=2015", REGION, 200),
    "event-detail-partial": (EVENT + "?year=2015", DETAIL, 200),
    "closed-detail-partial": ("/?year=2015", DETAIL, 200),
    "topic-partial": ("/topics/missile-defence/", REGION, 200),
    "actor-pair-partial": ("/actors/japan/and/south-korea/", REGION, 200),
    "compare-partial": ("/compare/?year=2015", REGION, 200),
    "compared-detail-partial": (COMPARED, DETAIL, 200),
}
# The server's own error pages, rendered outside a request (dialogue.middleware.server_error).
ERROR_TEMPLATES = ("500.html", "503.html")

# A partial is checked inside the least document that makes it one.
DOCUMENT = """<!doctype html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>partial</title></head>
<body>
{body}
</body>
</html>
"""


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    java = shutil.which("java")
    if java and VNU.is_file():
        return [java, "-jar", str(VNU)]
    message = (
        f"The Nu Html Checker needs Java and {VNU}: install Java (Debian: `sudo apt-get install "
        f"default-jre-headless`) and run `npm ci` in {settings.BASE_DIR} (or `make js`)."
    )
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def test_every_page_and_partial_is_valid_html(vnu, client, seed, tmp_path):
    """Each page and partial is written to a file, and the checker runs once on all of them
    (it takes seconds to start): no errors. Warnings are allowed."""
    files = []
    for lang in LANGS:
        for name, (path, headers, status) in PAGES.items():
            response = client.get(PREFIX[lang] + path, headers=headers)
            assert response.status_code == status, (lang, name)
            html = response.content.decode()
            # What the checker takes for text: a template comment or tag left unparsed.
            assert "{#" not in html and "{%" not in html, (lang, name)
            if "<html" not in html:
                html = DOCUMENT.format(lang=lang, body=html)
            files.append(tmp_path / f"{lang}-{name}.html")
            files[-1].write_text(html)
        for template in ERROR_TEMPLATES:
            with translation.override(lang):
                files.append(tmp_path / f"{lang}-{template}")
                files[-1].write_text(render_to_string(template))
    result = subprocess.run(
        [*vnu, "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{Path(urlsplit(m.get('url', '')).path).name}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
    ]
    assert errors == [], f"{len(errors)} errors:\n" + "\n".join(errors)
