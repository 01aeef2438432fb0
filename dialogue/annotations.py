"""Each citation as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/): the passage
of the article, found by its words (TextQuoteSelector) and its place (TextPositionSelector) in
the article's text as this site keeps it, is the target; the event it reports is the body.
Given per event and per source, as an AnnotationPage, with the media type the model names."""

from __future__ import annotations

from dialogue import languages, site

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


def annotation(request, citation) -> dict:
    """One citation (its event and its source read with it); its selectors' offsets are into
    Source.body, the text the source page shows."""
    event, source = citation.event, citation.source
    title = languages.localized(event, "title")
    return {
        "id": site.absolute(request, citation.get_absolute_url()),
        "type": "Annotation",
        "motivation": "linking",
        "body": {
            "id": site.absolute(request, event.get_absolute_url()),
            "type": "Text",
            "format": "text/html",
            "language": title.lang,
            "label": title.text,  # rdfs:label: anno.jsonld has no term "title"
        },
        "target": {
            "source": site.absolute(request, source.get_absolute_url()),
            "language": source.language,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": citation.exact,
                    "prefix": citation.prefix,
                    "suffix": citation.suffix,
                },
                {"type": "TextPositionSelector", "start": citation.start, "end": citation.end},
            ],
        },
    }


def page(request, citations, *, url: str) -> dict:
    """The citations' annotations as one AnnotationPage at `url`."""
    return {
        "@context": CONTEXT,
        "id": url,
        "type": "AnnotationPage",
        "items": [annotation(request, c) for c in citations],
    }
