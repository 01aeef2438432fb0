"""JSON-LD checked against the vocabularies as their publishers define them, installed by `npm ci`
from the packages pinned in package.json: `check` expands a document with pyld and asserts that
expansion dropped none of its keys and that every property, type and vocabulary value it comes to
is a term its vocabulary defines. Without node_modules the check is skipped with a message, or
fails under REQUIRE_BROWSER (CI), as tests/test_valid_html.py does."""

import json
import os
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from pyld import jsonld

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
# schema.org's own context, which npm schema.org's build downloaded from http://schema.org with
# a JSON-LD Accept header. Its @vocab is http://schema.org/.
SCHEMA_ORG = NODE_MODULES / "schema.org" / "schema_org_context.json"
# The terms of the W3C Web Annotation context (http://www.w3.org/ns/anno.jsonld) that our
# annotations use, written here as that context defines them, since no package registry ships
# the file and the tests can't fetch it. Every IRI they expand to is checked against the W3C's
# (and DCMI's) own vocabularies below, so a slip in copying fails as one in our output would.
# The context has no @vocab: expansion drops a key that is none of its terms, without a word.
# Output that takes up another of its terms needs that term copied here first.
ANNO = {
    "@context": {
        "oa": "http://www.w3.org/ns/oa#",
        "dc": "http://purl.org/dc/elements/1.1/",
        "dctypes": "http://purl.org/dc/dcmitype/",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "as": "http://www.w3.org/ns/activitystreams#",
        "id": {"@type": "@id", "@id": "@id"},
        "type": {"@type": "@id", "@id": "@type"},
        "Annotation": "oa:Annotation",
        "Text": "dctypes:Text",
        "TextQuoteSelector": "oa:TextQuoteSelector",
        "TextPositionSelector": "oa:TextPositionSelector",
        "AnnotationPage": "as:OrderedCollectionPage",
        "linking": "oa:linking",
        "body": {"@type": "@id", "@id": "oa:hasBody"},
        "target": {"@type": "@id", "@id": "oa:hasTarget"},
        "source": {"@type": "@id", "@id": "oa:hasSource"},
        "selector": {"@type": "@id", "@id": "oa:hasSelector"},
        "items": {"@type": "@id", "@id": "as:items", "@container": "@list"},
        "motivation": {"@type": "@vocab", "@id": "oa:motivatedBy"},
        "format": "dc:format",
        "language": "dc:language",
        "exact": "oa:exact",
        "prefix": "oa:prefix",
        "suffix": "oa:suffix",
        "label": "rdfs:label",
        "start": {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"},
        "end": {"@id": "oa:end", "@type": "xsd:nonNegativeInteger"},
    }
}
# Each namespace's vocabulary, as N-Quads, in the npm package @vocabulary/<name>.
VOCABULARIES = {
    "http://schema.org/": "schema",
    "http://www.w3.org/ns/oa#": "oa",
    "https://www.w3.org/ns/activitystreams#": "as",
    "http://purl.org/dc/elements/1.1/": "dc11",
    "http://purl.org/dc/dcmitype/": "dcmitype",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs",
    "http://www.w3.org/2001/XMLSchema#": "xsd",
}
# The same namespaces as they are also written: ours (and Google's) https://schema.org/;
# anno.jsonld's http:// Activity Streams one (its vocabulary is published with https://).
SAME = {
    "https://schema.org/": "http://schema.org/",
    "http://www.w3.org/ns/activitystreams#": "https://www.w3.org/ns/activitystreams#",
}


def _installed(path: Path) -> Path:
    if path.is_file():
        return path
    message = f"{path} is missing: run `npm ci` in {settings.BASE_DIR} (or `make js`)."
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        document = json.loads(_installed(SCHEMA_ORG).read_text(encoding="utf-8"))
    else:
        assert url == "http://www.w3.org/ns/anno.jsonld", url
        document = ANNO
    return {"contextUrl": None, "documentUrl": url, "document": document}


@cache
def _subjects(name: str) -> frozenset[str]:
    """The IRIs a vocabulary says something about: the terms it defines."""
    path = _installed(NODE_MODULES / "@vocabulary" / name / f"{name}.nq")
    with path.open(encoding="utf-8") as lines:
        return frozenset(line[1 : line.index(">")] for line in lines if line.startswith("<"))


def _vocabulary(iri: str) -> tuple[str, str] | None:
    """The IRI as its vocabulary writes it, and that vocabulary's name."""
    for other, namespace in SAME.items():
        if iri.startswith(other):
            iri = namespace + iri.removeprefix(other)
    for namespace, name in VOCABULARIES.items():
        if iri.startswith(namespace):
            return iri, name
    return None


def _defined(iri: str) -> bool:
    found = _vocabulary(iri)
    return found is not None and found[0] in _subjects(found[1])


def _items(node):
    """Every key and value of a JSON document, at every depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from _items(value)
    elif isinstance(node, list):
        for value in node:
            yield from _items(value)


def _iris(node):
    """The vocabulary IRIs of expanded JSON-LD: its properties, its types (of nodes and of
    values), the ids and values that are a vocabulary's terms (eventStatus's, motivation's), and
    any id that is no IRI (a word no term made one, left as it is with no base to resolve it)."""
    for key, value in _items(node):
        if key == "@type":
            yield from value if isinstance(value, list) else [value]
        elif key in ("@id", "@value") and isinstance(value, str):
            no_iri = key == "@id" and ":" not in value
            if no_iri or _vocabulary(value):
                yield value
        elif not key.startswith("@"):
            yield key


def check(document: dict) -> list[dict]:
    """The document expanded, once it is seen that expansion kept each of its keys and that
    each IRI it expanded to is defined by its vocabulary."""
    terms = _loader(document["@context"])["document"]["@context"]
    for key, value in _items(document):
        assert value is not None, f"{key!r} is null: expansion drops it"
        assert key.startswith("@") or key in terms or "@vocab" in terms, (
            f"{key!r} is not a term of {document['@context']}: expansion drops it"
        )
    expanded = jsonld.expand(document, {"documentLoader": _loader, "base": None})
    undefined = sorted({iri for iri in _iris(expanded) if not _defined(iri)})
    assert not undefined, f"not terms their vocabularies define: {undefined}"
    return expanded
