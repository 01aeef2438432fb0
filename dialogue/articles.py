"""The article file: its text, read safely, and its parts told apart.

Reading: the file must be UTF-8 text of a sensible size. Parsing: the header (outlet, section,
title, byline, "Published :" line) is told from page furniture and from the article's paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError

from dialogue import dates, timex

MAX_BYTES = 512 * 1024  # an article is a few kilobytes; a long feature perhaps 100
MIN_WORDS = 8  # a body paragraph has at least this many words

AGENCIES = ("Yonhap", "Kyodo", "AP", "AFP", "Reuters", "Xinhua", "Jiji", "KCNA", "Bloomberg")
OUTLET = re.compile(
    r"^(?:The )?[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)* "
    r"(?:Times|Herald|Post|News|Journal|Daily|Shimbun|Ilbo|Tribune|Guardian|Diplomat|Agency)$"
)
PUBLISHED = re.compile(
    r"^(?:Published|Posted|Date)\s*:?\s*(?P<date>.+?)(?:\s*[-–|]\s*(?P<time>\d{1,2}:\d{2}))?\s*$",
    re.IGNORECASE,
)
FURNITURE = re.compile(
    r"link copied|^share\b|^print\b|^updated\s*:|^font size|^subscribe|^advertisement$|^[•·]",
    re.IGNORECASE,
)


class ArticleError(ValidationError):
    """An article that can't be imported; the message says why and what to do. `missing` names
    what the editor must give because the text does not say it: "published", "outlet", "title"."""

    def __init__(self, message, missing=()):
        super().__init__(message)
        self.missing = list(missing)


@dataclass
class Article:
    raw_text: str
    title: str
    body: str
    outlet: str = ""
    section: str = ""
    byline: str = ""
    agency: str = ""
    published_on: date | None = None
    published_time: str = ""
    url: str = ""
    language: str = "en"
    furniture: list[str] = field(default_factory=list)


def decode(data: bytes) -> str:
    """The text of an uploaded file, or an ArticleError saying why it is not an article."""
    if len(data) > MAX_BYTES:
        raise ArticleError(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; an article is at most "
            f"{MAX_BYTES // 1024} KB. Is this the right file?"
        )
    if not data.strip():
        raise ArticleError("The file is empty.")
    if b"\x00" in data:
        raise ArticleError("This is a binary file, not plain text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"The file is not UTF-8 text (byte {exc.start} cannot be read). "
            "Save it as UTF-8 and import it again."
        ) from exc
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > len(text) / 100:
        raise ArticleError("This is a binary file, not plain text.")
    return text


def _blocks(text: str) -> list[str]:
    """Non-empty lines, stripped: in these files a paragraph is one line."""
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _is_paragraph(block: str) -> bool:
    return len(block.split()) >= MIN_WORDS and block.rstrip()[-1:] in '.!?"”’)'


def _published(text: str) -> date | None:
    found = timex.find(text, date(2000, 1, 1))
    if found and dates.precision(found[0].edtf) == "day":
        return dates.bounds(found[0].edtf)[0]
    return None


def parse(
    raw: str,
    *,
    outlet: str = "",
    published: date | None = None,
    url: str = "",
    title: str = "",
) -> Article:
    """Tell the header, the furniture and the paragraphs of an article apart. Options win."""
    blocks = _blocks(raw)
    first_paragraph = next((i for i, b in enumerate(blocks) if _is_paragraph(b)), None)
    if first_paragraph is None:
        raise ArticleError(
            "No paragraphs of article text were found: a paragraph is a line of at least "
            f"{MIN_WORDS} words ending a sentence."
        )
    article = Article(raw_text=raw, title="", body="")
    candidates = []
    for block in blocks[:first_paragraph]:
        if m := PUBLISHED.match(block):
            article.published_on = _published(m["date"])
            article.published_time = m["time"] or ""
        elif FURNITURE.search(block):
            article.furniture.append(block)
        elif m := re.match(r"^By\s+(.+)$", block):
            article.byline = m[1].strip()
        elif " / " in block and len(block.split()) <= 6:
            article.section = block
        elif OUTLET.match(block) and not article.outlet:
            article.outlet = block
        elif not article.section and re.fullmatch(r"[A-Z][\w&' -]*", block) and len(block) < 30:
            article.section = block  # a short label such as "Diplomacy" or "North Korea"
        elif len(re.findall(r"[A-Za-z]{2,}", block)) >= 3:
            candidates.append(block)
        else:
            article.furniture.append(block)  # stray names, labels in other scripts
    article.title = title or max(candidates, key=lambda b: len(b.split()), default="")
    article.furniture += [c for c in candidates if c != article.title]
    paragraphs = [b for b in blocks[first_paragraph:] if not FURNITURE.search(b)]
    article.body = "\n\n".join(paragraphs)
    if m := re.search(r"\((" + "|".join(AGENCIES) + r")\)\s*$", article.body):
        article.agency = m[1]
    article.outlet = outlet or article.outlet
    article.published_on = published or article.published_on
    article.url = url
    missing = [
        (key, what)
        for key, what, value in (
            ("published", "the publication date (--published YYYY-MM-DD)", article.published_on),
            ("outlet", "the outlet (--outlet)", article.outlet),
            ("title", "the headline (--title)", article.title),
        )
        if not value
    ]
    if missing:
        raise ArticleError(
            "Not found in the text, please give " + " and ".join(w for _, w in missing) + ".",
            missing=[key for key, _ in missing],
        )
    return article
