"""Property-based fuzzing of every public URL: no address, query or HTMX header is a 500.

Hypothesis sends arbitrary text (unicode, control characters, NUL, percent-encoded junk, very
long strings) in every path segment and in every query parameter the views read, plus unknown
and repeated parameters, as plain and as HTMX requests, anonymous and as an editor. Every
response must have a status a client can act on. Runs are derandomized, so a failure reproduces;
FUZZ_EXAMPLES=500 fuzzes longer, FUZZ_RANDOM=1 explores new inputs on each run.

The totals are printed in pytest's terminal summary: "fuzz: N requests, M server errors".
"""

import json
import os
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dialogue.models import Event

pytestmark = pytest.mark.django_db

ALLOWED = {200, 301, 302, 304, 400, 404, 405}
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "30")),
    deadline=None,
    database=None,  # no example database (.hypothesis/ keeps only its git-ignored unicode cache)
    derandomize=not os.environ.get("FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

STATS = {"requests": 0, "server_errors": 0}  # every test also fails on its first server error


class _Summary:
    """A plugin registered on first use: prints the totals at the end of the session."""

    def pytest_terminal_summary(self, terminalreporter):
        terminalreporter.write_line(
            f"fuzz ({connection.vendor}): {STATS['requests']} requests, "
            f"{STATS['server_errors']} server errors"
        )


@pytest.fixture(scope="module", autouse=True)
def _report_totals(pytestconfig):
    if not pytestconfig.pluginmanager.has_plugin("fuzz-summary"):
        pytestconfig.pluginmanager.register(_Summary(), "fuzz-summary")


# Inputs ----------------------------------------------------------------------------------------


def _seed_slugs() -> dict[str, list[str]]:
    """The seed's slugs by model, read from the fixture so the strategies need no database."""
    rows = json.loads((Path(django_settings.BASE_DIR) / "fixtures" / "seed.json").read_text())
    slugs = {"event": [], "source": [], "actor": [], "topic": []}
    for row in rows:
        kind = row["model"].removeprefix("dialogue.")
        if kind in slugs:
            slugs[kind].append(row["fields"]["slug"])
    slugs["event"] += ["kono-statement-1993", "a-draft"]  # see the `site` fixture
    return {kind: sorted(values) for kind, values in slugs.items()}


SLUGS = _seed_slugs()

# Values that have broken parsers before: non-ASCII digits ("²".isdigit() but int("²") fails),
# numbers beyond every integer range, impossible dates, markup, format strings, BOM, RTL marks.
TRICKY = [
    "", " ", "\x00", "\t", "\r\n", "0", "-1", "+1", "1e3", "NaN", "inf", "0x10", "1_000",
    "2015-02-30", "2015-13-01", "0000-00-00", "9999-12-31", "0001-01-01", "-2015-01-01",
    "null", "None", "[]", "{}", "'", '"', "\\", "../", "..%2F", "<script>", "%s", "{0}",
    "\u202e", "\ufeff", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "日本", "한국", "a" * 201, "*", "!", ":*", "&", "|", "(",
    "'a' & 'b'",
]  # fmt: skip
NUMERIC = [
    "²", "①", "١٢", "１２", "٣.٣", "9" * 30, "9" * 5000, " 1", "1 ", "01", "-0", "1.0",
]  # fmt: skip
PERCENT_JUNK = ["%", "%z", "%zz", "%%", "%u00e9", "%C3", "%FF%FE", "%00", "%2F", "%3F", "%23"]

junk_text = st.text(st.characters(codec="utf-8"), max_size=40)  # controls and NUL included
long_text = st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=4), st.integers(60, 1500))
percent_junk = st.lists(
    st.one_of(st.from_regex(r"%[0-9A-Fa-f]{2}", fullmatch=True), st.sampled_from(PERCENT_JUNK)),
    min_size=1,
    max_size=8,
).map("".join)
slug_shaped = st.from_regex(r"[-a-zA-Z0-9_]{1,130}", fullmatch=True)
any_text = st.one_of(junk_text, long_text, st.sampled_from(TRICKY + NUMERIC), slug_shaped)

# Every parameter a public view reads, with values it accepts (so that fuzzed requests also get
# past the form into the queries), and for the numeric ones, numbers as text can spell them.
VALID = {
    "year": [str(y) for y in range(2008, 2017)] + ["1", "9998", "1997", "0", "9999"],
    "from": ["2014-09-01", "0001-01-01", "9998-12-31", "2015-02-29", "2014-9-1"],
    "to": ["2014-09-30", "0001-01-01", "9998-12-31", "2013-01-01", "10000-01-01"],
    "actor": SLUGS["actor"],
    "topic": SLUGS["topic"],
    "status": [s.value for s in Event.Status],
    "kind": [k.value for k in Event.Kind],
    "q": ["dialogue", "security talks", "이상덕", "THAAD -Japan", '"vice minister"', "or"],
    "date_from": ["2009-12-01", "2015-04-01", "2015-4-1", "01/04/2015"],
    "date_to": ["2015-04-30", "2009-01-01", "2020-01-01"],
    "sort": ["relevance", "date"],
    "after": ["2015-04-04.1", "2009-12-01.3", "1990-01-01.0", "2015-04-04.", ".1"],
    "page": ["1", "2", "3", "10000", "0"],
    "page_size": ["1", "50", "200", "201", "0"],
}
NUMERIC_PARAMS = {"year", "page", "page_size", "after"}


def value_for(name: str):
    numeric = [st.sampled_from(NUMERIC)] if name in NUMERIC_PARAMS else []
    return st.one_of(st.sampled_from(VALID[name]), *numeric, any_text)


known_params = st.fixed_dictionaries(
    {}, optional={name: st.lists(value_for(name), min_size=1, max_size=3) for name in VALID}
)
unknown_params = st.lists(st.tuples(any_text, any_text), max_size=3)
encoded_query = st.builds(
    lambda known, unknown: urlencode([(k, v) for k, vs in known.items() for v in vs] + unknown),
    known_params,
    unknown_params,
)
raw_query = st.lists(
    st.tuples(st.one_of(st.sampled_from(list(VALID)), percent_junk), percent_junk), max_size=4
).map(lambda pairs: "&".join(f"{k}={v}" for k, v in pairs))
queries = st.one_of(encoded_query, encoded_query, raw_query)


def segment(kind: str):
    """A path segment, already encoded: a known slug, any text quoted, or raw percent junk."""
    return st.one_of(
        st.sampled_from(SLUGS[kind]), any_text.map(lambda s: quote(s, safe="")), percent_junk
    )


header_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=60)
plain_headers = st.fixed_dictionaries(
    {},
    optional={
        "HX-Request": st.sampled_from(["true", "false", ""]),
        "HX-Target": st.one_of(
            st.sampled_from(["detail", "timeline-region", "event-list", "main", "announcer"]),
            header_text,
        ),
        "HX-Target-URI-AutoEncoded": st.just("true"),
        "HX-History-Restore-Request": st.sampled_from(["true", "false"]),
        "HX-Current-URL": header_text,
        "HX-Trigger": header_text,
        "HX-Boosted": st.just("true"),
        "If-None-Match": st.one_of(st.just("*"), header_text),
        "Accept": st.sampled_from(["text/html", "application/json", "*/*", ""]),
    },
)
headers = st.one_of(plain_headers, plain_headers.map(lambda h: {"HX-Request": "true"} | h))
methods = st.sampled_from(["GET", "GET", "GET", "GET", "HEAD", "POST", "OPTIONS"])


# The URL patterns, each with what its segments name -------------------------------------------

PATTERNS = {  # "<kind>" is a segment naming an object of that kind
    "timeline": "/",
    "event-detail": "/events/<event>/",
    "event-cite": "/events/<event>/cite.json",
    "source-list": "/sources/",
    "source-detail": "/sources/<source>/",
    "actor-list": "/actors/",
    "actor-detail": "/actors/<actor>/",
    "actor-pair": "/actors/<actor>/and/<other>/",
    "topic-detail": "/topics/<topic>/",
    "embed": "/embed/",
    "embed-event": "/embed/events/<event>/",
    "export-csv": "/export/events.csv",
    "export-json": "/export/events.json",
    "export-timelinejs": "/export/timelinejs.json",
    "export-ical": "/export/events.ics",
    "feed": "/feed.atom",
    "export-schema": "/schema/events.json",
    "api-index": "/api/",
    "api-openapi": "/api/openapi.json",
    "api-event-list": "/api/events/",
    "api-event-detail": "/api/events/<event>/",
    "api-actor-list": "/api/actors/",
    "api-actor-detail": "/api/actors/<actor>/",
    "api-source-list": "/api/sources/",
    "api-source-detail": "/api/sources/<source>/",
}

segments = st.fixed_dictionaries(
    {
        "event": segment("event"),
        "source": segment("source"),
        "actor": segment("actor"),
        "other": segment("actor"),
        "topic": segment("topic"),
    }
)


@pytest.fixture
def site(seed, staff):
    """The seed, with one renamed event (its old slug redirects) and one draft; two clients."""
    event = Event.objects.get(slug="kono-statement")
    event.slug = "kono-statement-1993"
    event.save()
    Event.objects.create(
        slug="a-draft", title="A draft", edtf="2014", kind="meeting", status="planned"
    )
    editor = Client(raise_request_exception=False)  # a 500 is a response, not an exception
    editor.force_login(staff)
    return {"anonymous": Client(raise_request_exception=False), "staff": editor}


def fetch(client: Client, method: str, url: str, headers: dict) -> int:
    response = client.generic(method, url, headers=headers)
    STATS["requests"] += 1
    if response.status_code >= 500:
        STATS["server_errors"] += 1
    return response.status_code


def corpus(query: str, headers: dict | None = None, *, as_staff: bool = False) -> dict:
    """An explicit example: valid slugs in every segment, a GET with this query."""
    parts = {
        "event": "foreign-ministers-agree-in-seoul",
        "source": "japan-south-korea-to-resume-security-dialogue-this-month",
        "actor": "japan",
        "other": "south-korea",
        "topic": "north-korea",
    }
    return {
        "parts": parts,
        "query": query,
        "headers": headers or {},
        "method": "GET",
        "as_staff": as_staff,
    }


@pytest.mark.parametrize("name", list(PATTERNS))
@FUZZ
@given(parts=segments, query=queries, headers=headers, method=methods, as_staff=st.booleans())
# A regression corpus, tried first on every pattern. The first two were 500s on the four pages
# the timeline view renders ("²".isdigit() is true but int("²") fails; int() refuses 5000 digits).
@example(**corpus("page=%C2%B2"))
@example(**corpus("page=" + "9" * 5000, {"HX-Request": "true"}))
@example(**corpus("q=%00&actor=%00&topic=%00", as_staff=True))
@example(**corpus("after=2015-04-04." + "9" * 40, {"HX-Request": "true", "HX-Target": "detail"}))
def test_no_input_is_a_server_error(site, name, parts, query, headers, method, as_staff):
    """Any path segments, query, headers and method on this URL pattern: never a 500."""
    path = PATTERNS[name]
    for kind, value in parts.items():
        path = path.replace(f"<{kind}>", value)
    url = f"{path}?{query}" if query else path
    status = fetch(site["staff" if as_staff else "anonymous"], method, url, headers)
    assert status in ALLOWED, f"{method} {url!r} {headers} (staff: {as_staff}) gave {status}"
