"""The article file: its text, read safely, and its parts told apart.

Reading: the file must be UTF-8 text of a sensible size. Parsing: the header (outlet, section,
title, byline, "Published :" line) is told from page furniture and from the article's paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError

from dialogue import dates, timex
from dialogue.models import Outlet

MAX_BYTES = 512 * 1024  # an article is a few kilobytes; a long feature perhaps 100
MIN_WORDS = 8  # a body paragraph has at least this many words

# The outlets and agencies the importer knows by name are the Outlet records (the admin's: each
# with its other names). A page naming none of them is imported with the outlet the editor gives.
OUTLET = re.compile(
    r"^(?!(?:World|Business|Local|National|Top|Latest|Breaking|Politics|Sports|Asia|Japan|Korea)"
    r" News$)(?:The )?[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)* "
    r"(?:Times|Herald|Post|News|Journal|Daily|Shimbun|Ilbo|Tribune|Guardian|Diplomat|Agency)$"
)
# "Posted : 2013-07-02 17:02", "Updated : Nov. 3, 2013", "Published on Sept. 9, 2014 - 11:11"
DATE_LABEL = re.compile(
    r"^(?P<label>published|posted|updated|last updated|first published|date|modified|created"
    r"|released)(?: on)?\s*[:：]?\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
NUMERIC_DATE = re.compile(r"\b(?P<y>(?:19|20)\d\d)[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})\b")
CLOCK = re.compile(r"\b(?P<time>[012]?\d:[0-5]\d(?:\s?[ap]\.?m\b\.?)?)(?!\w)", re.I)  # "5:12am"
# "TOKYO, Aug. 15 (Yonhap) --", "SEOUL (Reuters) -", "TOKYO — ": metadata, never an event.
DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'/ -]{2,}?|[A-Z][a-z]+(?= *,[^()]{0,12}\())"
    r"(?:,\s*(?P<region>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=\s*[(—–-]|,\s*[A-Z][a-z]{2,8}\.? \d))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?))?"
    r"(?:\s*\((?P<agency>[A-Za-z][\w .&-]*?)\)|\s+(?P<credit>Kyodo|Jiji|Yonhap|AP|AFP))?"
    r"\s*(?:--|—|–|-)\s*"
)
# "(Reuters) - " opening the body, its cities on the date line above ("TOKYO/SEOUL | Tue Oct
# 9, 2012 6:15am EDT"): a dateline too, with the same groups as DATELINE, empty
AGENCY_DATELINE = re.compile(
    r"^(?P<city>)(?P<region>)(?P<date>)(?P<credit>)\((?P<agency>[A-Z][\w .&-]*?)\)"
    r"\s*(?:--|—|–|-)\s*"
)
CITIES = {
    "SEOUL": "KOR", "BUSAN": "KOR", "INCHEON": "KOR", "TOKYO": "JPN", "OSAKA": "JPN",
    "KYOTO": "JPN", "NAHA": "JPN", "PYONGYANG": "PRK", "BEIJING": "CHN",
    "WASHINGTON": "USA", "NEW YORK": "USA",
}  # fmt: skip
# Who wrote and edited the story, under it: "Reporting by Ju-min Park; Editing by Ed Davies."
CREDIT = re.compile(
    r"\(?(?:Additional )?(?:Reporting|Writing|Editing|Written|Edited|Translated) by\b", re.I
)
# The page's last lines: "(END)", "© 2013 Kyodo News", "Copyright (c) Yonhap News Agency"
COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright\b)\s*(?:\(c\)\s*)?(?P<year>(?:19|20)\d\d)?[\s,]*(?P<owner>.*?)"
    r"(?:[.,]?\s*all rights reserved\.?)?$",
    re.IGNORECASE,
)
FURNITURE = re.compile(
    r"^\d+ min read$|^go to contents|^reuters staff$|link copied|^share\b|^print\b|^font size"
    r"|^subscribe|^advertisement$|^[•·]"
    r"|^\(end\)$|^related (?:articles|stories)|^read more|^email\b|^tweet$|all rights reserved"
    r"|^©|^copyright\b"
    r"|^(?:english )?(?:news service|edition|online edition|news)$|^english (?:edition|news)\b",
    re.IGNORECASE,
)


def credited(line: re.Match) -> str:
    """The agency a dateline credits: "SEOUL, June 29 (Yonhap) --", "SEOUL, Oct. 9 Kyodo -"."""
    return (line["agency"] or line["credit"] or "").strip()


def dateline(body: str) -> re.Match | None:
    """The dateline a body opens with ("SEOUL, June 29 (Yonhap) --", "SINGAPORE—"), if any: not a
    sentence that merely opens with a dash."""
    line = DATELINE.match(body)
    if line and (
        credited(line)
        or line["city"].strip().upper() in CITIES
        or (line["city"].isupper() and len(line["city"].strip()) >= 4)
    ):
        return line
    line = AGENCY_DATELINE.match(body)
    return line if line and outlet_named(line["agency"]) else None


def outlet_named(text: str) -> tuple[str, str] | None:
    """(name, country) of a known outlet or agency by any of its names."""
    outlet = Outlet.objects.named(text)
    return (outlet.name, outlet.country) if outlet else None


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
    country: str = ""  # ISO alpha-3 of the dateline's city, else of the outlet
    dateline: str = ""  # "TOKYO, Aug. 15 (Yonhap) --", the body's first words


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
    """A line of words that ends a sentence: a headline that ends with a quotation (Park says
    Abe statement "left much to be desired") does not. A credit may follow it ("… War II.
    (Yonhap)")."""
    ends = re.search(r"[.!?][\"”’)]*(?:\s*\([^()]{1,30}\))?$", block.rstrip())
    return len(block.split()) >= MIN_WORDS and bool(ends)


def _closes(block: str) -> bool:
    """A short sentence that ends the story ("Okada will return to Tokyo on Friday."), not an
    address."""
    return len(block.split()) >= 4 and bool(
        re.fullmatch(r"[A-Z][^@]*[a-z][.!?][\"”’]*", block.strip())
    )


def outlet_names(name: str) -> list[str]:
    """Every name of the outlet this name names (just the name, for an outlet not known)."""
    outlet = Outlet.objects.named(name)
    return [outlet.name, *outlet.alias_list] if outlet else [name]


def _agencies() -> list[str]:
    """Every name the known news agencies go by ("Kyodo", "Yonhap", "AP"), longest first."""
    agencies = Outlet.objects.filter(kind=Outlet.Kind.AGENCY)
    return sorted((n for o in agencies for n in [o.name, *o.alias_list]), key=len, reverse=True)


def header_date(text: str) -> date | None:
    """The day a header line gives: 2013-07-02, 2013.07.02, 2013/7/2, Mar 4, 2013,
    4 March 2013, Tuesday, July 2, 2013. None when it gives no whole day."""
    text = re.sub(r"([A-Za-z]\.)(\d)", r"\1 \2", text)  # "Aug.1,2012" is "Aug. 1, 2012"
    text = re.sub(r"(\d),((?:19|20)\d\d)", r"\1, \2", text)
    if m := NUMERIC_DATE.search(text):
        try:
            return date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
    for t in timex.find(text, date(2000, 1, 1)):
        if dates.precision(t.edtf) == "day" and re.search(r"(?:19|20)\d\d", t.text):
            return dates.bounds(t.edtf)[0]
    return None


def _dateline_day(text: str, year: int | None) -> date | None:
    """The day of a dateline ("Aug. 15"), in the year the page gives elsewhere."""
    if year is None:
        return None
    found = timex.find(
        f"{text}, {year}" if not re.search(r"\d{4}", text) else text, date(year, 1, 1)
    )
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
    agencies = _agencies()
    posted: list[date] = []  # published or posted, then bare dates
    updated: list[date] = []
    candidates: list[str] = []
    own_line = None  # a dateline printed on a line of its own: "TOKYO, July 10 Kyodo"
    for block in blocks[:first_paragraph]:
        line = dateline(f"{block} --")
        if (
            not own_line
            and line
            and line.end() == len(block) + 3
            and line["date"]
            and not header_date(block)  # "SEOUL, Dec. 30, 2015": a date line, read as one
        ):
            own_line = line
            continue
        byline = re.match(r"By\s+(.+)$", block)
        if byline:
            # "By Ji-hye Moon and Kenji Sato - Mar 15, 2011 5:02 PM GMT+0900": who, and when
            who, *when = re.split(r"\s+[-–|]\s+", byline[1], maxsplit=1)
            article.byline = who.strip()
            block = when[0] if when else ""
        labelled = DATE_LABEL.match(block)
        day = header_date(labelled["rest"] if labelled else block)
        if byline and not day:
            continue
        if labelled and day:
            label = labelled["label"].lower()
            (updated if label in ("updated", "last updated", "modified") else posted).append(day)
            if (clock := CLOCK.search(labelled["rest"])) and not article.published_time:
                article.published_time = clock["time"]
        elif day and (
            byline
            or len(block.split()) <= 8
            or header_date(" ".join(block.split()[:4]))
            or any(len(p.split()) <= 5 and header_date(p) for p in block.split(" | "))
        ):
            # a bare "Mar 4, 2013" or "2013.07.02 17:02", or a piece of "World News | Wed Dec
            # 30, 2015 | 5:12am EST"
            posted.append(day)
            if clock := CLOCK.search(block):
                article.published_time = article.published_time or clock["time"]
        elif FURNITURE.search(block) or labelled:
            article.furniture.append(block)
        elif block.strip("()") in agencies:
            article.agency = article.agency or block.strip("()")  # a credit line: "Kyodo"
        elif named := outlet_named(block):
            if article.outlet:
                article.agency = article.agency or block.strip("()")
            else:
                article.outlet = named[0]
        elif OUTLET.match(block) and not article.outlet:
            article.outlet = block
        elif (re.search(r" [/>|] ", block) and len(block.split()) <= 6) or re.fullmatch(
            r"[A-Z]\w+(?: & [A-Z]\w+)+", block
        ):  # "World | Asia", "Politics & Economy"; not "Abe & Park agree on talks"
            article.section = block
        elif re.search(r"[A-Za-z]{2,}", block):
            candidates.append(block)
        else:
            article.furniture.append(block)  # stray names, labels in other scripts
    # A short line before the headline is its section.
    # The headline: the first line of three words or more (a deck may follow it), else the
    # longest line.
    headline = next((b for b in candidates if len(b.split()) >= 3), None) or max(
        candidates, key=lambda b: len(b.split()), default=""
    )
    for block in candidates[: candidates.index(headline)] if headline else []:
        if not article.section and len(block.split()) <= 4 and len(block) < 40:
            article.section = block
        else:
            article.furniture.append(block)
    article.furniture += candidates[candidates.index(headline) + 1 :] if headline else []
    article.title = title or headline
    paragraphs = [b for b in blocks[first_paragraph:] if not FURNITURE.search(b)]
    while paragraphs and (
        CREDIT.match(paragraphs[-1])
        or not (_is_paragraph(paragraphs[-1]) or _closes(paragraphs[-1]))
    ):
        block = paragraphs.pop()  # "englishnews@chosun.com / Dec. 30, 2014", "Published 6:12 AM"
        article.furniture.append(block)
        if (labelled := DATE_LABEL.match(block)) and (day := header_date(labelled["rest"])):
            (updated if labelled["label"].lower() in ("updated", "modified") else posted).append(
                day
            )
    footer = [b for b in blocks[first_paragraph:] if COPYRIGHT.match(b)]
    article.body = "\n\n".join(paragraphs)
    line = dateline(article.body) or own_line
    credit = "|".join(map(re.escape, agencies))
    if agencies and (m := re.search(rf"\(({credit})\)\s*$", article.body)):
        article.agency = article.agency or m[1]
    if line and credited(line):
        article.agency = article.agency or credited(line)
    for block in footer:
        owner = COPYRIGHT.match(block)["owner"]
        if not article.outlet and (named := outlet_named(owner)):
            article.outlet = named[0]
    # "SEOUL/TOKYO --": the first city's country, or the outlet's where it is one of them
    cities = (
        [CITIES[c] for c in line["city"].strip().upper().split("/") if c in CITIES] if line else []
    )
    named = outlet_named(outlet or article.outlet or article.agency)
    if cities:
        article.country = named[1] if named and named[1] in cities else cities[0]
    elif named:
        article.country = named[1]
    atop = blocks[:1] == [article.agency] and headline in blocks
    if atop:
        between = blocks[1 : blocks.index(headline)]
        atop = not between or (between == [article.section] and " " not in article.section)
    if not article.outlet and article.agency and (line or atop):
        # a wire story on the agency's own site: its dateline, or its name atop the page, above
        # the headline or a one-word section ("Politics"; not "AFP" above another paper's
        # masthead, "Japan Today")
        article.outlet = (outlet_named(article.agency) or (article.agency,))[0]
    article.published_on = (posted or updated or [None])[0]
    if not article.published_on and line and line["date"]:
        # The year: the footer's copyright, else the year the story mentions (or one or two
        # after the latest) whose calendar agrees with the weekday its lede gives that day
        # ("SEOUL, June 29 (Yonhap) -- South Korea on Friday …" is 2012), else the one year of
        # the timeline's window that agrees; with none, or two, the editor is asked.
        years = [int(m["year"]) for b in footer if (m := COPYRIGHT.match(b)) and m["year"]]
        if not years:
            lede = article.body[: article.body.find("\n") % (len(article.body) + 1)]
            weekdays = {w.capitalize() for w in re.findall(timex.WEEKDAY_NAME, lede, re.I)}
            mentioned = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", article.body)]

            def agreeing(years):
                return [
                    y
                    for y in years
                    if (day := _dateline_day(line["date"], y)) and f"{day:%A}" in weekdays
                ]

            latest = max(mentioned, default=0)
            named = sorted({latest + 2, latest + 1, *mentioned} if mentioned else (), reverse=True)
            # those of the timeline's window first, else the one year of the window that agrees
            # ("…since December 2009" in a story of Friday, July 4: 2014; "the 1993 Kono
            # statement" on Thursday, Aug. 15: 2013), else any other it names
            window = range(settings.TIMELINE_FIRST_YEAR, settings.TIMELINE_LAST_YEAR + 1)
            years = agreeing(y for y in named if y in window)[:1]
            if not years and len(agreeing(window)) == 1:
                years = agreeing(window)
            years = years or agreeing(named)[:1]
        article.published_on = _dateline_day(line["date"], (years or [None])[0])
    article.dateline = line[0] if line and line is not own_line else ""
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
