"""Recognising actors in an article: the ones the Actor table knows, by any of their names or
another romanisation of them, and the people and bodies it does not know yet.

People are found by their titles and ranks (nameparser's list of some 800 titles, which knows
ministers, generals and admirals, plus the words of cabinet posts it lacks), by an apposition
("Junichi Ihara, director general of …"), or by the shape of a Korean name ("Kim Kwan-jin").
Named bodies are runs of capitalised words holding a word such as Council, Party or Agency.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from nameparser.config import CONSTANTS

from dialogue import timex
from dialogue.models import Actor

# Words of offices that nameparser's titles lack ("Defense Minister", "Chief Cabinet Secretary").
OFFICE_WORDS = {
    "defense", "defence", "foreign", "unification", "cabinet", "finance", "trade", "national",
    "security", "interior", "justice", "home", "economy", "education", "spokesman",
    "spokeswoman", "spokesperson", "chairman", "chairwoman", "lawmaker", "consul", "marshal",
    "major", "brig", "cmdr", "head", "crown", "sen", "director-general", "vice-minister",
    "councilor", "councillor", "prosecutor-general",
    "vice-foreign", "parliamentary", "state", "affairs", "policy", "strategic", "top", "nuclear",
    "envoy", "negotiator", "delegate", "gens", "adms", "culture", "agriculture", "health",
    "land", "environment", "industry", "science", "labor", "labour", "gender", "oceans",
    "fisheries", "welfare", "communications", "transport", "reconstruction", "internal",
    "counterpart", "opposition", "party", "ruling", "administrative", "executive", "special",
    "assistant", "acting", "principal", "advisor",
}  # fmt: skip
TITLES = {t.lower() for t in CONSTANTS.titles} | OFFICE_WORDS
# A title's last word must be one of these: "Defense Minister", "Gen.", not "Defense" alone.
TITLE_HEADS = {t.lower() for t in CONSTANTS.titles} | {
    "spokesman", "spokeswoman", "chairman", "chairwoman", "lawmaker", "consul", "marshal",
    "negotiator", "envoy", "delegate", "major", "brig", "cmdr", "counterpart", "councilor",
    "councillor", "advisor",
}  # fmt: skip
TITLE_HEADS -= {"foreign", "prime", "vice", "deputy", "senior", "chief", "first", "the"}
NATIONALITIES = {
    "japanese": "JPN", "japan's": "JPN", "korean": "KOR", "south": "", "north": "",
    "korea's": "KOR", "seoul's": "KOR", "tokyo's": "JPN", "u.s.": "USA", "american": "USA",
    "chinese": "CHN", "china's": "CHN", "pyongyang's": "PRK",
}  # fmt: skip
DEMONYMS = {
    "chinese": "CHN", "american": "USA", "japanese": "JPN", "south korean": "KOR",
    "north korean": "PRK",
}  # fmt: skip
DEMONYM_WORDS = "|".join(word.title() for word in DEMONYMS)  # "Chinese|…|North Korean"
DEMONYM = re.compile(rf"\b(?:{DEMONYM_WORDS})\b")
COUNTRY_NAMES = {
    "japan": "JPN", "south korea": "KOR", "korea": "KOR", "north korea": "PRK",
    "china": "CHN", "the united states": "USA", "the u.s.": "USA",
}  # fmt: skip
# Korean surnames in Revised Romanization, McCune–Reischauer and the newspapers' own habits,
# each spelling mapped to one.
KOREAN_SURNAMES = {
    variant: surname
    for surname, variants in {
        "park": "bak pak bark",
        "kim": "gim",
        "lee": "yi rhee i rhie ri rhi",
        "seo": "suh so sur",
        "jeong": "chung jung cheong chong",
        "yun": "yoon",
        "choi": "choe",
        "jo": "cho",
        "kang": "gang",
        "shin": "sin",
        "han": "",
        "oh": "o",
        "jang": "chang",
        "lim": "im rim",
        "hwang": "",
        "ahn": "an",
        "song": "",
        "ryu": "yoo yu you",
        "hong": "",
        "jeon": "jun chun chon",
        "ko": "go koh",
        "moon": "mun",
        "yang": "",
        "son": "sohn",
        "bae": "pae",
        "baek": "paek paik baik",
        "heo": "hur huh",
        "nam": "",
        "noh": "roh no",
        "ha": "",
        "kwak": "gwak",
        "seong": "sung",
        "cha": "",
        "ju": "joo chu",
        "woo": "u",
        "gu": "koo ku",
        "min": "",
        "jin": "chin",
        "na": "nah ra",
        "eom": "um",
        "won": "",
        "chae": "",
        "kwon": "gwon",
        "hyun": "hyeon",
        "ban": "",
        "wi": "wee",
        "hahn": "",
    }.items()
    for variant in [surname, *variants.split()]
}
NAME_TOKEN = r"[A-Z][a-zA-Zāēīōūŏŭâêîôû'’]+(?:-[A-Za-zāēīōūŏŭâêîôû'’]+)?"
# A Korean name: surname, then a given name of two syllables, hyphenated ("Kim Kwan-jin",
# "Pak Kun-hye") or, in Japanese agencies' style, two capitalised words ("Park Geun Hye").
KOREAN_NAME = re.compile(
    r"\b(?:"
    + "|".join(sorted((s.capitalize() for s in KOREAN_SURNAMES), key=len, reverse=True))
    + r") [A-Z][a-zŏŭ'’]+(?:-[A-Za-zŏŭ][a-zŏŭ'’]*| (?!(?:And|The|Of|In|On|Is|Was|Said|Says)\b)"
    r"[A-Z][a-zŏŭ]{1,4}(?![\w'’-]))\b"
)
_WORD = rf"(?:[A-Z][a-z]{{0,3}}\.(?= [A-Z])|U\.S\.|{NAME_TOKEN}|[A-Z]{{2,}})"
# Titles and names: "South Korean Defense Minister Kim Kwan-jin", "Lt. Gen. Koichi Isobe"
PERSON_RUN = re.compile(rf"{_WORD}(?: {_WORD})*(?: of {_WORD}(?: {_WORD})*)?")
# Bodies may hold small words: "Korean Council for the Women Drafted … by Japan"
CAPITALISED_RUN = re.compile(
    rf"(?:{NAME_TOKEN}|[A-Z]{{2,}}|[A-Z]\.[A-Z]\.)"
    rf"(?:(?: | of | for | on | and | by | & | the | of the | for the )"
    rf"(?:{NAME_TOKEN}\.?|[A-Z]{{2,}}))*"
)
APPOSITION = re.compile(
    rf",\s+(?:(?:the|a|an|his|her|then|now|former|U\.S\.|{DEMONYM_WORDS}|[A-Z][\w.]*['’]s)\s+)*"
    r"(?P<office>[a-z][\w-]*(?: [\w'’-]+){0,12}?)(?=[,.;]| who\b| said\b)"
)
LOWER_TITLE = re.compile(
    r"(?P<title>(?:\b[A-Z][\w’'-]+ ){0,4}(?:[a-z]+ ){0,2}\b(?:counterparts?|spokesman|spokeswoman|"
    r"spokesperson|ambassador|envoy|negotiator|minister|secretary|president|premier|chief|official|leader|lawmaker|"
    r"chairman|chairwoman|director|commander|adviser|advisor|aide|professor|researcher|analyst|"
    r"deputy)"
    r"(?: to [A-Z][a-z]+)?),? (?P<name>(?:" + NAME_TOKEN + r" ?){2,3})(?=[,.;]| [a-z(])"
)
# Institutions known by one name, which no title or head word gives away.
INSTITUTIONS = {
    "Pentagon": "USA", "White House": "USA", "Blue House": "KOR", "Cheong Wa Dae": "KOR",
    "Kantei": "JPN", "Diet": "JPN", "House of Councillors": "JPN",
}  # fmt: skip
INSTITUTION = re.compile(r"\b(?:" + "|".join(INSTITUTIONS) + r")\b")
# Departments known by their name alone, whose country it does not say
DEPARTMENTS = {"State Department": "USA", "Department of State": "USA"}
# Bodies whose names carry no word that says so ("coalition partner Komeito", "KCNA")
NAMED_BODIES = {
    "Komeito": "JPN", "New Komeito": "JPN", "KCNA": "PRK", "Korean Air": "KOR", "UNESCO": "",
    "Unesco": "", "Chongryon": "JPN", "Mindan": "JPN",
    # parties whose names do not say whose, whatever paper names them
    "Liberal Democratic Party": "JPN", "Social Democratic Party": "JPN",
    "Saenuri Party": "KOR", "Grand National Party": "KOR", "Democratic United Party": "KOR",
    "Minjoo Party": "KOR", "New Politics Alliance for Democracy": "KOR",
}  # fmt: skip
KNOWN_COUNTRY = INSTITUTIONS | NAMED_BODIES  # a body known by its name alone: its country
NAMED_BODY = re.compile(
    r"\b(?:" + "|".join(sorted(NAMED_BODIES, key=len, reverse=True)) + r")\b(?! [A-Z])"
)  # not "UNESCO World Heritage Committee", a body of its own
# A state's mission, named in lower case: "the Japanese embassy in Seoul"
MISSION = re.compile(rf"\b({DEMONYM_WORDS}) (?:embassy|consulate)\b")
# A person known by one name, after the title that goes with it
TITLED_MONONYM = re.compile(  # not the destroyer "King Sejong the Great"
    r"\b(?:Emperor|Empress|King|Queen|Pope) ([A-Z][a-z]{2,})\b(?! [A-Z]| the\b)"
)
# Groups of states named by their number ("the Group of 20 summit", "Group of Eight")
NUMBERED_GROUP = re.compile(r"\bGroup of (?:\d+|Seven|Eight|Twenty)\b")
# A government's cabinet, named by the one word (its country is the text's)
CABINET = re.compile(r"\bCabinets?\b(?! [A-Z])")  # not "Cabinet Secretary", "Cabinet Office"
ORG_HEADS = {
    "council", "committee", "commission", "party", "agency", "association", "ministry",
    "office", "service", "staff", "forces", "force", "guard", "command", "bureau", "institute",
    "foundation", "assembly", "diet", "parliament", "secretariat", "department",
    "headquarters", "coalition", "union", "federation", "league", "society", "corporation",
    "board", "center", "centre", "university", "group", "cabinet", "army", "navy", "embassy",
    "consulate", "court", "organization", "organisation", "alliance",
    "nations", "tribunal", "house", "fund", "holdings", "prefecture", "forum", "dialogue",
    "co", "company", "cross", "panel", "authority", "bank",
}  # fmt: skip
GOVERNMENT_WORDS = {
    "ministry", "agency", "service", "staff", "forces", "force", "guard", "command", "bureau",
    "office", "cabinet", "diet", "assembly", "secretariat", "department", "headquarters",
    "army", "navy", "national", "security", "embassy", "consulate", "parliament",
    "representatives", "councillors", "councilors",
    "prefecture", "authority",
}  # fmt: skip
GENERIC_BODY = re.compile(
    r"\b([Ff]oreign|[Dd]efen[cs]e|[Uu]nification|[Ff]inance) [Mm]inistry\b"  # "defense ministry"
    r"|\bMinistry of (?:National )?(Foreign Affairs(?: and Trade)?|Defen[cs]e|Unification"
    r"|Finance)\b"
)
# The article's own government, named without its country ("the government" in a Seoul paper).
THE_GOVERNMENT = re.compile(r"\b[Tt]he government\b(?! of\b)")
ROLE_OF = re.compile(
    r"\b(leaders|foreign ministers|defen[cs]e ministers|defen[cs]e chiefs) of\b", re.IGNORECASE
)
ROLES = {  # a post named in the plural, by its first letters: the offices that hold it
    "leaders": re.compile(r"^(?:President|Prime Minister|Premier)\b"),
    # the minister, not the ministry's spokesman
    "foreign": re.compile(
        r"^(?:Foreign Minister|Minister (?:of|for) Foreign Affairs)\b|\bSecretary of State\b"
    ),
    "defense": re.compile(
        r"^(?:Defen[cs]e Minister|Minister (?:of|for) (?:National )?Defen[cs]e)\b"
        r"|\bSecretary of Defense\b"
    ),
}
ROLES["defence"] = ROLES["defense"]
# A sentence set in a capital ("In Seoul, the Foreign Ministry summoned …, while the Defense
# Ministry called in …"): the bodies it names without their country are that country's.
SCENE = re.compile(
    r"(?:^|(?<=[.!?”\"] ))(?:In|Meanwhile,? in) (?P<capital>Seoul|Tokyo|Pyongyang|Beijing),"
    r"[^\n]*?(?:[.!?](?= [A-Z“\"]|\s*$)|$)",
    re.MULTILINE,
)
# What may stand between a body and the place that tells its country ("the Defense Ministry in
# Seoul", "a Defense Ministry official in Seoul")
PLACE_AFTER = re.compile(
    r"(?:\s+(?:officials?|spokes(?:man|woman|person)|sources?)\b)?.{0,15}", re.S
)
THE_NORTH = re.compile(r"\b[Tt]he North\b(?! (?:Korean|American|Atlantic|Pole|Sea|Face)\b)")
CHAMBER = re.compile(
    r"\b(?:[Ll]ower|[Uu]pper) [Hh]ouse\b|\bHouse of (?:Councillors|Representatives)\b"
)
BOTH_KOREAS = re.compile(  # "the Korean War": its two sides
    r"\b(?:the two Koreas|both Koreas|inter-Korean|Korean War)\b", re.IGNORECASE
)
COLLECTIVE = re.compile(
    r"\b(?:both|the two|its two) (?:nations|countries|sides|neighbou?rs|governments|allies)\b"
    r"|\bAsian neighbou?rs\b|\bbilateral\b",
    re.IGNORECASE,
)
FOREIGN_OFFICIALS = re.compile(
    r"\bforeign (?:affairs )?(?:and defen[cs]e )?(?:officials|ministers|ministries)\b"
    r"|\bdiplomats and\b",  # "diplomats and defense officials of Japan and South Korea"
    re.I,
)
# What bears a person's name: "the Kono statement", "the Murayama statement", "the Lee
# administration"
EPONYM = re.compile(r"\b([A-Z][a-z]{2,}) (?:statement|doctrine|administration|government)\b")
DEFENCE_OFFICIALS = re.compile(
    r"\bdefen[cs]e (?:policy )?"
    r"(?:officials|ministers|ministries|chiefs|talks|dialogue|exchanges)\b",
    re.I,
)


def plain(text: str) -> str:
    """Lower case without diacritics or apostrophes: "Kōno" → "kono", "P'yŏng" → "pyong"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"['’`]", "", text.lower())


def fold(token: str) -> str:
    """One spelling for the romanisations of one syllable string: Hepburn's long vowels (ō, ou,
    oo, oh), RR's eo/eu against McCune–Reischauer's ŏ/ŭ and the papers' u/o, and the voiced and
    voiceless consonants the systems write differently (g/k, d/t, b/p, j/ch, r/l, s/sh)."""
    token = token.replace("-", "")
    token = re.sub(r"oh(?=[^aeiouy]|$)", "o", token)
    token = re.sub(r"m(?=[bpm])", "n", token)  # Hepburn's Gemba, Genba
    for old, new in (("ou", "o"), ("oo", "o"), ("uu", "u"), ("eo", "o"), ("eu", "u")):
        token = token.replace(old, new)
    token = token.replace("ae", "e").replace("ui", "i").replace("ng", "N")
    token = re.sub(r"tch|ch|j", "J", token)
    token = token.replace("sh", "s")
    token = token.translate(str.maketrans("gdbrlu", "ktpRRo"))
    return re.sub(r"(.)\1+", r"\1", token)


def name_key(name: str) -> frozenset[str]:
    """A person's name as a set of folded parts, the same for every romanisation and either
    order: "Park Geun-hye", "Pak Kun-hye" and "Bak Geunhye"; "Kōno Tarō", "Taro Kono"."""
    parts = plain(name).replace(".", "").split()
    if len(parts) == 3 and parts[0] in KOREAN_SURNAMES:
        parts = [parts[0], f"{parts[1]}-{parts[2]}"]  # "Park Geun Hye" is "Park Geun-hye"
    # each syllable folded on its own: "Min-gu" and "Min-koo" are "min" and "ko"; a Korean
    # given name's "ai" is the papers' "ae" ("Cho Tai-young"), which "Saito" is not
    return frozenset(
        "".join(
            fold(re.sub(r"ai$", "ae", s) if "-" in p else s)
            for s in KOREAN_SURNAMES.get(p, p).split("-")
        )
        for p in parts
    )


@dataclass
class Found:
    """A person or body the text names that the Actor table does not hold under that name."""

    name: str
    kind: str
    office: str = ""
    country: str = ""
    acronym: str = ""


def _country_of(name: str) -> str:
    """The country a body's name, or a title naming one, says: "the Defense Ministry in Seoul",
    "State Department spokeswoman"."""
    return _country_in(name) or next((c for d, c in DEPARTMENTS.items() if d in name), "")


def _country_before(text: str) -> str:
    """The country a title's qualifier names: "South Korean Defense Minister" → KOR."""
    words = text.lower().split()[-3:]
    joined = " ".join(words)
    if "north korea" in joined:
        return "PRK"
    return next((NATIONALITIES[w] for w in reversed(words) if NATIONALITIES.get(w)), "")


def _body_kind(name: str) -> str:
    named = set(name.lower().split())
    if (named & GOVERNMENT_WORDS and "party" not in named) or name in INSTITUTIONS:
        return Actor.Kind.GOVERNMENT_BODY
    return Actor.Kind.ORGANISATION


# Possessives that are part of a body's name ("the People's Liberation Army", "Korean
# Women's Association"), not its owner ("South Korea's National Intelligence Service").
RUN_END = re.compile(  # "… on Friday", "the Security Council's April 13 statement"
    r"(?: (?:on|in|by|of)|['’]s) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|January|February|March|April|May|June|July|August|September|October|November|December)\.?$"
)
MEMBERS = r"(?:Members|Leaders|Officials|Lawmakers|Activists|Supporters|Delegates)"
PLACE_END = re.compile(
    r" on (?:[A-Z][a-z]+ )*(?:Island|Islands|Peninsula|Sea)$|"
    r" on (?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?$"
)
GROUPS_OF_PEOPLE = {"people", "women", "workers", "children", "veterans", "citizens", "farmers"}
# An office whose holder's possessive is part of a body's name: "the Prime Minister's Office"
OFFICES_OWNING = {"minister", "president"}
CAPITALS = {"seoul": "KOR", "tokyo": "JPN", "pyongyang": "PRK", "beijing": "CHN"}


def _country_in(name: str, last: bool = False) -> str:
    """The first country a text names (the last, if asked): "Korean Council for … by Japan" →
    KOR, "the Defense Ministry in Seoul" → KOR."""
    words = {**COUNTRY_NAMES, **CAPITALS, **{k: v for k, v in NATIONALITIES.items() if v}}
    found = [
        (m.start(), -len(w), c)
        for w, c in words.items()
        for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", name, re.I)
    ] + [(m.start(), -2, "USA") for m in re.finditer(r"\bUS\b", name)]  # "the US Air Force"
    return (max if last else min)(found)[2] if found else ""


# Titles written short, which are titles only with their full stop: "Gen." but "Gen Nakatani".
ABBREVIATIONS = {"gen", "adm", "lt", "col", "capt", "maj", "sgt", "rep", "sen", "brig", "cmdr"}


def _among(word: str, words: set[str]) -> bool:
    """Whether a word, or its singular ("Ministers"), is one of the words."""
    if word.lower() in ABBREVIATIONS:
        return False
    word = word.lower().rstrip(".")
    return word in words or (word.endswith("s") and word[:-1] in words)


def _split_title(tokens: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(qualifier, title, name) of a run of capitalised words: "South Korean | Defense
    Minister | Kim Kwan-jin"."""
    start = 0
    while start < len(tokens) and tokens[start].lower() in NATIONALITIES:
        start += 1
    end = start
    while end < len(tokens) and (
        _among(tokens[end], TITLES)
        or (tokens[end] == "of" and end + 1 < len(tokens) and _among(tokens[end + 1], TITLES))
    ):
        end += 1  # "Deputy Secretary of Defense Robert Work"
    # the title's last word must be a title's head: "Foreign Minister", not "Foreign"; or the
    # words after its head's "of": "Deputy Secretary of Defense"
    extent = end
    while end > start and not _among(tokens[end - 1], TITLE_HEADS):
        end -= 1
    if end < extent and "of" in tokens[start : end + 1]:
        end = extent
    if end == start:
        # a title after the name of its body: "Japan Post Holdings President Taizo Nishimuro"
        for k in range(start + 1, len(tokens) - 2):
            if _among(tokens[k], TITLES) and (split := _split_title(tokens[k:]))[1]:
                return tokens[:k], split[1], split[2]
    return tokens[:start], tokens[start:end], tokens[end:]


def _unless_titled(of: re.Match) -> str:
    """A body's words after "of", unless they are a titled person's: "the Cabinet of Prime
    Minister Abe Shinzo" is the Cabinet, "the Ministry of Foreign Affairs" stays whole."""
    _, title, name = _split_title(_bare(of["whose"].split()))
    return "" if title and _is_name(name[:3] if _is_name(name[:3]) else name[:2]) else of[0]


def _bare(tokens: list[str]) -> list[str]:
    """The words of a name without a possessive: "Abe Shinzo's" → "Abe Shinzo"."""
    return [re.sub(r"['’]s$", "", t) for t in tokens]


# A word that sounds Japanese in Hepburn: syllables of a consonant and a vowel, and n.
_SYLLABLE = r"(?:sh|ch|ts|[kgsztdnhbpmrfjwy])?y?[aeiou]"
JAPANESE_WORD = re.compile(rf"(?:{_SYLLABLE}|n(?![aeiouy]))+")
PLACES = {"japan", "tokyo", "osaka", "kyoto", "okinawa", "hokkaido", "nagasaki", "hiroshima"}


def _country_of_name(tokens: list[str]) -> str:
    """The country a name's shape tells, where only one can be meant: a Korean surname before
    a hyphenated given name ("Yu Myung-hwan"), or a name only Japanese ("Hirofumi Hirano")."""
    if KOREAN_NAME.fullmatch(" ".join(tokens)) and "-" in tokens[-1]:
        return "KOR"
    return "JPN" if _japanese_name(tokens) else ""


def _japanese_name(tokens: list[str]) -> bool:
    """Two words that can only be a Japanese name in Hepburn ("Yasukazu Hamada", "Koizumi
    Junichiro"): no title needed. Korean names ("Cho Tai-young") and places are not."""
    return (
        len(tokens) == 2
        and _is_name(tokens)
        and all(len(t) >= 3 and JAPANESE_WORD.fullmatch(plain(t)) for t in tokens)
        and plain(tokens[0]) not in KOREAN_SURNAMES
        and not any(plain(t) in PLACES for t in tokens)
    )


def _is_name(tokens: list[str]) -> bool:
    return (
        2 <= len(tokens) <= 3
        # a middle initial: "George W. Bush"
        and all(
            re.fullmatch(NAME_TOKEN, t)
            or (i == 1 and len(tokens) == 3 and re.fullmatch(r"[A-Z]\.", t))
            for i, t in enumerate(tokens)
        )
        and not any(_among(t, TITLES) or t.lower() in NATIONALITIES for t in tokens)
        and not any(t.lower() in ORG_HEADS for t in tokens)
        and not any(t.lower() in timex.WEEKDAYS for t in tokens)  # "On Monday, three lawmakers"
        # "In Seoul, ruling party candidate Park …" is a place, not a person and his office
        and not any(plain(t) in PLACES | CAPITALS.keys() for t in tokens)
    )


def _runs(body: str):
    """Each run of capitalised words and where it starts, cut at a sentence's end ("… Household
    Agency. The books …") and before a date ("House of Representatives on Friday")."""
    for m in CAPITALISED_RUN.finditer(body):
        start = m.start()
        # "… Household Agency. The books", "… World War Two. The UNESCO …"; not "Lt. Gen. Isobe"
        for piece in re.split(
            r"(?<=[a-z]{3})\. |(?<=[a-z])\. (?=(?:The|It|He|She|They) )", m.group(0)
        ):
            at = start
            for part in _people_apart(RUN_END.sub("", piece)):
                yield at, part
                at += len(part) + len(" and ")
            start += len(piece) + 2


def _people_apart(run: str) -> list[str]:
    """A run cut at each "and" beside a person's name: "Yoshitaka Shindo and Tomomi Inada of
    the House of Representatives" is a person, then a person of a body; "the Ministry of
    Foreign Affairs and Trade" stays one."""
    parts = run.split(" and ")
    joined = [parts[0]]
    for part in parts[1:]:
        before, after = joined[-1].split(), part.split()
        # "Yoshitaka Shindo and …", "… and Masahisa Sato of the House": not "Center for
        # Strategic and International Studies"
        if (len(before) <= 3 and _is_name(before)) or (
            _is_name(after[:2]) and after[2:3] == ["of"]
        ):
            joined.append(part)
        else:
            joined[-1] += " and " + part
    return joined


def people_and_bodies(body: str, country: str = "") -> list[Found]:
    """The people and named bodies the text names, each once."""
    found: dict[str, Found] = {}

    def add(item: Found):
        if item.kind == Actor.Kind.PERSON:  # "leader Kim Jong-Il's youngest son": Kim Jong-Il
            item = replace(item, name=re.sub(r"['’]s$", "", item.name))
        if item.name in KNOWN_COUNTRY:
            # "the White House", the Liberal Democratic Party, however found: whose they are
            item = replace(item, country=KNOWN_COUNTRY[item.name])
        key = item.name.lower()
        if key not in found and item.name.lower() not in COUNTRY_NAMES:
            found[key] = item

    bodies: list[tuple[int, int]] = []
    untitled: list[Found] = []  # names found without a title, which another rule may title
    named_bodies: list[tuple[int, Found]] = []
    for start, run in _runs(body):
        tokens = run.split()
        words = [re.sub(r"['’]s?$", "", t.lower().strip(".,")) for t in tokens]
        # "Asia-Pacific Economic Cooperation" is a forum; "Defense Cooperation" a document's
        heads = [
            i
            for i, w in enumerate(words)
            if w in ORG_HEADS or (w == "cooperation" and words[i - 1 : i] == ["economic"])
        ]
        titled = [
            i
            for i in heads
            if i + 1 < len(tokens)
            and _among(tokens[i + 1], TITLES)
            and not any(_among(t, TITLES) for t in tokens[: i + 1])  # "Chief Cabinet Secretary"
        ]
        if titled:  # "Japan Post Holdings President Taizo Nishimuro": the body ends at its head
            tokens, words = tokens[: titled[0] + 1], words[: titled[0] + 1]
            heads = [i for i in heads if i <= titled[0]]
            run = " ".join(tokens)
        if (
            heads
            and len(tokens) >= 2
            and any(
                i == len(words) - 1
                or words[i + 1] in ("of", "for", "on")
                or (i == len(words) - 2 and words[-1] in ("japan", "korea"))  # U.S. Forces Korea
                for i in heads
            )
        ):
            # "London-based", "Three Liberal Democratic Party (LDP) lawmakers"
            name = re.sub(
                r"^(?:(?:At|In|On|For|From|With|By) )?(?:The |the |His |Her |Its |Their )?"
                r"(?:(?:Two|Three|Four|Five|Several|Some|Many|All|Both) )?"
                r"(?:[A-Z][\w.]*-based )?",
                "",
                run,
            )
            # "South Korea's National Intelligence Service"; "the Self-Defense Forces' Joint
            # Staff" names two bodies
            # not "People's Liberation Army", "Asian Women's Fund", "the Workers' Party's …"
            text = re.sub(r"['’]s?$", "", name)
            cuts = [
                m
                for m in re.finditer(r"(\S+)['’]s? ", text)
                if m[1].lower() not in GROUPS_OF_PEOPLE | OFFICES_OWNING
            ]
            starts, ends = [0] + [m.end() for m in cuts], [m.end(1) for m in cuts] + [len(text)]
            *owners, name = [text[a:b] for a, b in zip(starts, ends, strict=True)]
            for owner in owners:
                # "The House of Representatives of Japan's Diet"
                nation = _country_in(owner)
                owner = re.sub(rf" of (?:{'|'.join(COUNTRY_NAMES)})$", "", owner, flags=re.I)
                if len(owner.split()) >= 2 and any(w.lower() in ORG_HEADS for w in owner.split()):
                    named_bodies.append((start, Found(owner, _body_kind(owner), "", nation)))
            name = re.sub(r"(?<=[a-z]{3})\.$", "", name)  # "… Strategic Studies." ends a sentence;
            # "Co." is a name
            # "Members of the Korea Freedom Federation", "Shin Hak-yong of the Democratic United
            # Party": the body
            # "the Cabinet of Prime Minister Abe Shinzo": the Cabinet, and a person of it
            name = re.sub(r" of (?P<whose>.+)$", _unless_titled, name)
            people = re.match(rf"(?:{MEMBERS}|(?P<who>.+?)) of (?:the )?(?P<body>.+)$", name)
            if people and (not people["who"] or _is_name(people["who"].split())):
                name = people["body"]
            # "… Asian Nations on Jeju Island": the name ends before a place, as before a date
            name = PLACE_END.sub("", name)
            if len(name.split()) < 2 or name.split()[-1].lower() in ("of", "for", "and"):
                continue
            *lead, head = name.split()
            if head == "Cabinet" and (
                _is_name(lead)
                or (
                    lead[-1:]
                    and lead[-1].lower() not in NATIONALITIES
                    and re.search(rf"\b(?!The\b)[A-Z][a-z]+ {re.escape(' '.join(lead))}\b", body)
                )
            ):
                continue  # "the Kan Cabinet", Naoto Kan's: he and the Cabinet, no body of its own
            bodies.append((start + run.rfind(name), (start + len(run))))
            acronym = re.match(
                r" \(([A-Z]{2,})\)", body[(start + len(run)) : (start + len(run)) + 12]
            )
            kind = _body_kind(name)
            nation = (
                _country_of(name)
                or ("JPN" if head == "Prefecture" else "")  # Japan's alone
                or _country_in(" ".join(owners[-1:]))  # "Japan's House of Representatives"
                or _country_before(body[max(0, start - 30) : start])
            )
            named_bodies.append(
                (start, Found(name, kind, "", nation or country, acronym[1] if acronym else ""))
            )
    for m in PERSON_RUN.finditer(body):
        run = m.group(0)
        if " of " in run and not _among(run.split(" of ")[0].split()[-1], TITLES):
            run = run.split(" of ")[0]  # "Fumio Kishida of Japan", not "Secretary of Defense"
        end = m.start() + len(run)
        if any(s <= m.start() and end <= e for s, e in bodies):
            continue  # "Military Sexual Slavery" in the name of a council
        tokens = run.split()
        qualifier, title, name = _split_title(tokens)
        # "Prime Minister Shinzo Abe's Liberal Democratic Party": the name ends at its owner's
        owner = next((i for i, t in enumerate(name) if re.search(r"['’]s$", t)), len(name))
        name, tokens = _bare(name[: owner + 1]), _bare(tokens)
        after = body[end : end + 40]
        if title and name:
            words = len(name)
            name = name[:3] if _is_name(name[:3]) else name[:2]
            # "Terminal High Altitude Area Defense": a name the run goes on past is no name
            if _is_name(name) and len(name) == words:
                of = re.match(r" of (Japan|South Korea|Korea|North Korea|China)\b", after)
                nation = COUNTRY_NAMES.get(of[1].lower(), "") if of else ""
                nation = (
                    nation
                    or _country_before(" ".join(qualifier))
                    or _country_before(body[max(0, m.start() - 30) : m.start()])
                    or _country_of_name(name)
                )
                office = " ".join(title)
                add(Found(" ".join(name), Actor.Kind.PERSON, office, nation))
                # "Defense Ministers Kim Kwan-jin and Itsunori Onodera"
                more = re.match(rf" and ((?:{NAME_TOKEN} ?){{2,3}})", body[end:])
                if title[-1].lower().endswith("s") and more and _is_name(more[1].split()):
                    add(Found(more[1].strip(), Actor.Kind.PERSON, office[:-1]))
                continue
        if _is_name(tokens) and (appos := APPOSITION.match(body, end)):
            office = appos["office"]
            # one person's office: "a spokesman", not "…, in New York, diplomats said"
            if any(w in TITLES for w in office.lower().split()[:6]):
                # "…, U.S. special representative for North Korea policy": the qualifier's
                nation = (
                    _country_in(body[end : appos.start("office")])
                    or _country_in(office)
                    or _country_of_name(tokens)
                )
                add(Found(run, Actor.Kind.PERSON, office, nation))
                continue
        # "Kimihiro Ishikane of Japan's Foreign Ministry"
        if _is_name(tokens) and re.match(r" of (?:the )?[A-Z]", body[end : end + 10]):
            add(Found(run, Actor.Kind.PERSON, "", country))
            continue
        if _japanese_name(tokens):
            if re.search(r"\b(?:a|an)\s+$", body[: m.start()]):
                # a name that qualifies a noun is a firm's: "released a Hyundai Asan worker"
                add(Found(" ".join(tokens), Actor.Kind.ORGANISATION, "", country))
            else:
                untitled.append(Found(" ".join(tokens), Actor.Kind.PERSON, "", "JPN"))
    for _, item in named_bodies:
        add(item)
    # "his Japanese counterpart Jun Azumi", "Foreign Ministry spokesman Masaru Sato", and
    # "its ambassador to Seoul, Masatoshi Muto,"
    for m in LOWER_TITLE.finditer(body):
        name = m["name"].split()
        name = name[:3] if _is_name(name[:3]) else name[:2]
        if _is_name(name):
            # "Japan's Foreign Ministry spokesman Masaru Sato": his office, body and country
            # "U.S. State Department spokeswoman Jen Psaki": the qualifier right before it
            nation = (
                _country_of(m["title"])
                or _country_before(body[max(0, m.start() - 6) : m.start()])
                or country
            )
            add(Found(" ".join(name), Actor.Kind.PERSON, m["title"], nation))
            more = re.match(rf" and ((?:{NAME_TOKEN} ?){{2,3}})", body[m.end("name") :])
            if m["title"].endswith("s") and more and _is_name(more[1].split()):
                add(Found(more[1].strip(), Actor.Kind.PERSON, m["title"][:-1], country))
    for m in INSTITUTION.finditer(body):
        add(Found(m.group(0), Actor.Kind.GOVERNMENT_BODY, "", INSTITUTIONS[m.group(0)]))
    for m in NAMED_BODY.finditer(body):
        if any(f" {m.group(0)}" in other and other in body for other in NAMED_BODIES):
            continue  # "Komeito" in a story of the New Komeito: that party, once
        add(Found(m.group(0), Actor.Kind.ORGANISATION, "", NAMED_BODIES[m.group(0)]))
    for m in MISSION.finditer(body):  # "outside the Japanese embassy in Seoul"
        add(Found(m.group(0), Actor.Kind.GOVERNMENT_BODY, "", DEMONYMS[m[1].lower()]))
    for m in TITLED_MONONYM.finditer(body):  # "Emperor Akihito"
        nation = _country_before(body[max(0, m.start() - 30) : m.start()])  # "Japanese Emperor"
        add(Found(m[1], Actor.Kind.PERSON, m[0].split()[0], nation))
    for m in NUMBERED_GROUP.finditer(body):
        add(Found(m.group(0), Actor.Kind.ORGANISATION, "", ""))
    if m := CABINET.search(body):  # "approved by the Cabinet", "the Kan Cabinet": whose it is
        nation = _country_in(body[max(0, m.start() - 30) : m.start()]) or country
        add(Found("Cabinet", Actor.Kind.GOVERNMENT_BODY, "", nation))
    for m in KOREAN_NAME.finditer(body):
        before = body[max(0, m.start() - 40) : m.start()]
        name = re.sub(r"['’]s$", "", m.group(0))  # "Kim Kwan-jin's plans"
        add(Found(name, Actor.Kind.PERSON, "", "KOR" if "North" not in before else ""))
    for item in untitled:
        add(item)
    return list(found.values())


class ActorIndex:
    """Finds actors by any of their names or aliases, longest first, in three scripts.

    Read against one article (`for_article`), it also knows: the two states the article is
    about ("both nations", "the two countries"), their ministries ("foreign affairs and defense
    officials"), which person a bare surname means (the one the article names in full, never
    a namesake it doesn't mention), and which of two bodies of the same name it means ("the
    Defense Ministry": the one of the dateline's or the outlet's country). A name known as
    another spelling of an actor (Actor.merge_into) finds that actor.
    """

    def __init__(
        self,
        actors,
        pair=(),
        trio=(),
        names=None,
        rivals=None,
        country="",
        people=(),
        namesakes=None,
        scenes=(),
    ):
        actors = list(actors)
        self.actors = actors
        self.people = set(people)  # the people the article names in full (for_article)
        # a surname several of them bear: where the article names each in full, in order
        self.namesakes = namesakes or {}
        self.scenes = scenes  # (start, end, country) of the sentences set in a capital
        if names is None:
            names = {}
            for actor in actors:
                target = actor.merge_into if actor.merge_into_id else actor
                for name in [actor.name_en, actor.name_ja, actor.name_ko, *actor.alias_list]:
                    if name:
                        names.setdefault(name, []).append(target)
        self.candidates = names  # name -> the actors it can mean
        self.rivals = rivals or {}  # name -> actors of several countries it can mean
        self.by_name = {n: found[0] for n, found in names.items() if len(set(found)) == 1}
        ordered = sorted(self.by_name.items(), key=lambda pair: len(pair[0]), reverse=True)
        self.pattern = self._compile(ordered)
        self.states = self._compile([(n, a) for n, a in ordered if a.kind == Actor.Kind.STATE])
        self.pair = list(pair)
        self.trio = list(trio)  # the three states it names most
        self.country = country  # the article's, from its dateline or outlet
        countries = {a.country for a in self.pair}
        bodies = [
            a for a in actors if a.kind == Actor.Kind.GOVERNMENT_BODY and "Ministry" in a.name_en
        ]  # not the Self-Defense Forces
        self.ministries = {
            "foreign": [a for a in bodies if a.country in countries and "Foreign" in a.name_en],
            "defence": [a for a in bodies if a.country in countries and "Defen" in a.name_en],
        }
        self.states_by_country = {a.country: a for a in actors if a.kind == Actor.Kind.STATE}
        self.parliaments = [
            a
            for a in actors
            if a.kind == Actor.Kind.GOVERNMENT_BODY
            and "parliament" in {n.lower() for n in (a.name_en, *a.alias_list)}
        ]
        self.keys = {}
        for actor in actors:
            if actor.kind == Actor.Kind.PERSON and not actor.merge_into_id:
                for name in [actor.name_en, *actor.alias_list]:
                    if len(name.split()) >= 2:
                        self.keys.setdefault(name_key(name), actor)

    @staticmethod
    def _compile(names):
        if not names:
            return None
        return re.compile(
            "|".join(
                (rf"\b{re.escape(n)}" + (r"(?=\b|['’]s)" if n[-1].isalnum() else ""))
                if n.isascii()
                else re.escape(n)
                for n, _ in names
            )
        )

    def same_person(self, name: str) -> Actor | None:
        """The known person this name is another romanisation or order of, if any, or, with
        a middle name, the one its first and last names name ("Hillary Rodham Clinton")."""
        tokens = name.split()
        return self.keys.get(name_key(name)) or (
            self.keys.get(name_key(f"{tokens[0]} {tokens[2]}")) if len(tokens) == 3 else None
        )

    def for_article(self, body: str, country: str = "") -> ActorIndex:
        """The same index, read against one article (see the class)."""
        # the two states it names most: by name, by demonym, and by their people and bodies
        found = self.pattern.finditer(body) if self.pattern else ()
        named = {m.start(): self.by_name[m.group(0)].country for m in found}
        demonyms = {m.start(): DEMONYMS[m.group(0).lower()] for m in DEMONYM.finditer(body)}
        countries = (demonyms | named).values()  # "South Korean" may be a name too: once
        counts: dict = {}
        for state in filter(None, map(self.states_by_country.get, countries)):
            counts[state] = counts.get(state, 0) + 1
        trio = sorted(counts, key=counts.get, reverse=True)[:3]
        pair = trio[:2]
        names, rivals = {}, {}
        full = {
            a
            for n, found in self.candidates.items()
            if len(n.split()) >= 2 and re.search(rf"\b{re.escape(n)}\b", body)
            for a in found
            if a.kind == Actor.Kind.PERSON
        }
        # Another romanisation or order of a known person's name: "Abe Shinzo", "Pak Kun-hye",
        # which names them in full as surely as the database's spelling
        spelt = {}
        for m in PERSON_RUN.finditer(body):
            name = " ".join(_bare(_split_title(m.group(0).split())[2][:3]))
            if _is_name(name.split()) and (same := self.same_person(name)):
                spelt[name] = same
                full.add(same)
        for name, found in self.candidates.items():
            found = list(dict.fromkeys(found))
            if generic := GENERIC_BODY.fullmatch(name):
                # "the Foreign Ministry" of any country: the article's, or the one it cues
                found += [a for a in self._ministries(generic) if a not in found]
            people = [a for a in found if a.kind == Actor.Kind.PERSON]
            if people and len(name.split()) == 1 and name.isascii():
                found = [a for a in people if a in full]  # a bare surname: who was named
            if len(found) > 1:
                rivals[name] = found  # "Defense Ministry": Seoul's or Tokyo's, by the context
                found = [a for a in found if a.country == country] or [
                    a for a in found if a in pair
                ]
                if generic and not found:  # no country to go by: the cue beside it (find)
                    found = rivals[name][:1]
            if len(found) == 1:
                names[name] = found
        # "the Ministry of National Defense", "Seoul's Foreign Ministry": the generic names
        for m in GENERIC_BODY.finditer(body):
            if m.group(0) not in names and m.group(0) not in rivals:
                bodies = self._ministries(m)
                resolved = [a for a in bodies if a.country == country] or bodies[:1]
                if bodies:
                    names[m.group(0)], rivals[m.group(0)] = resolved[:1], bodies
        for name, same in spelt.items():
            names.setdefault(name, [same])
            for part in name.split():  # "Kohno" after "Yohei Kohno" is Yohei Kono
                names.setdefault(part, [same])
        # "Prime Minister Abe": the title a person is known by (an alias "Prime Minister Shinzo
        # Abe") before their surname names them as surely as their full name.
        for actor in [a for a in self.actors if a.kind == Actor.Kind.PERSON and a.name_en]:
            first, last = actor.name_en.split()[0], actor.name_en.split()[-1]
            for alias in actor.alias_list:
                titled = alias.endswith(" " + actor.name_en)
                title = alias.removesuffix(actor.name_en).strip() if titled else ""
                if title and re.search(
                    rf"\b{re.escape(title)} (?:{re.escape(first)}|{re.escape(last)})\b", body
                ):
                    full.add(actor)
        # "the 1993 Kono statement", "the Murayama statement": the one known person of that
        # surname, by what bears their name
        people = [a for a in self.actors if a.kind == Actor.Kind.PERSON and a.name_en]
        for m in EPONYM.finditer(body):
            bearers = [a for a in people if m[1] in (a.name_en.split()[-1], *a.alias_list)]
            if len(bearers) == 1:
                full.add(bearers[0])
        # A person's surname finds them once the article has named them in full, and only if
        # it names no other person of that surname.
        for actor in full:
            for part in (actor.name_en.split()[0], actor.name_en.split()[-1]):
                names.setdefault(part, [actor])

        # Of several people of one surname, the bare surname is the one the article last named
        # in full before it ("spokesman Lee Bung-woo said … 'The drill will go ahead,' Lee
        # said"); read with no place in the article, the first so named, the story's.
        namesakes = {}
        for name in [n for n in names if " " not in n and n.isascii()]:
            bearers = [a for a in full if name in a.name_en.split() or name in a.alias_list]
            if len(bearers) > 1:
                spellings = {a: {a.name_en, *a.alias_list} for a in bearers}
                for spelling, a in spelt.items():
                    if a in spellings:
                        spellings[a].add(spelling)
                mentions = sorted(
                    ((m.start(), a.pk, a) for a in bearers for spelling in spellings[a]
                     if " " in spelling for m in re.finditer(rf"\b{re.escape(spelling)}\b", body)),
                    key=lambda mention: mention[:2],
                )  # fmt: skip
                namesakes[name] = [(at, a) for at, _, a in mentions]
                names[name] = [mentions[0][2]] if mentions else bearers[:1]
        return ActorIndex(
            self.actors, pair=pair, trio=trio, names=names, rivals=rivals, country=country,
            people=full, namesakes=namesakes,
            scenes=[(m.start(), m.end(), CAPITALS[m[1].lower()]) for m in SCENE.finditer(body)],
        )  # fmt: skip

    def _ministries(self, generic: re.Match) -> list[Actor]:
        """The ministries of every country a generic name can mean ("Defense Ministry": Seoul's,
        Tokyo's); not other bodies of that field (a parliament's defense committee)."""
        key = (generic[1] or generic[2])[:5].lower()
        return [
            a
            for a in self.actors
            if a.kind == Actor.Kind.GOVERNMENT_BODY
            and key in a.name_en.lower()
            and re.search(r"\b(?:Ministry|Department)\b", a.name_en)
        ]

    def _bodies_in(self, text: str, country: str) -> list[Actor]:
        """The bodies a title names, of the person's country where the name is ambiguous."""
        found = []
        for m in self.pattern.finditer(text) if self.pattern else ():
            choices = self.rivals.get(m.group(0)) or [self.by_name.get(m.group(0))]
            choices = [
                a for a in choices if a and a.kind not in (Actor.Kind.STATE, Actor.Kind.PERSON)
            ]
            choice = next((a for a in choices if a.country == country), None)
            if choice or len(choices) == 1:
                found.append(choice or choices[0])
        return found

    def find(self, text: str, at: int | None = None) -> list[Actor]:
        """The actors the text names; `at` is where the text starts in the article, which
        tells which of several namesakes a bare surname means."""
        found: list[Actor] = []

        def add(*actors):
            for actor in actors:
                # a state's body acts for it: "the U.S. Air Force drew the zone"
                state = actor.kind == Actor.Kind.GOVERNMENT_BODY and self.states_by_country.get(
                    actor.country
                )
                found.extend(a for a in (actor, state) if a and a not in found)

        for m in self.pattern.finditer(text) if self.pattern else ():
            actor = self.by_name[m.group(0)]
            if at is not None and (mentions := self.namesakes.get(m.group(0))):
                before = [a for pos, a in mentions if pos <= at + m.start()]
                actor = before[-1] if before else mentions[0][1]
            elif m.group(0) in self.rivals:
                # "Defense Ministry spokesman Kim Min-seok": the ministry of the country his name
                # tells
                after = re.match(
                    r"\s+(?:(?:deputy|chief|senior|vice|top)\s+)?(?:spokes(?:man|woman|person)"
                    r"|minister|official|director(?:-general)?)\s+"
                    r"((?:[A-Z][\w'’-]+\s){1,2}[A-Z][\w'’-]+)",
                    text[m.end() : m.end() + 60],
                )
                near = PLACE_AFTER.match(text, m.end()).end()  # "… official in Seoul"
                cue = (
                    _country_in(text[max(0, m.start() - 25) : near])
                    or (after and _country_of_name(after[1].split()))
                    or next(
                        (
                            c
                            for start, end, c in self.scenes
                            if at is not None and start <= at + m.start() < end
                        ),
                        "",
                    )
                )
                rival = next((a for a in self.rivals[m.group(0)] if a.country == cue), None)
                if rival:
                    add(rival)
                    continue
                if _country_in(text[max(0, m.start() - 12) : m.start()]):
                    continue  # "China's Defense Ministry": a third country's, none of these
            add(actor)
            if actor.kind == Actor.Kind.PERSON:
                # An official acts for their state, and for the body their title names: "Foreign
                # Ministry spokesman Masaru Sato" in the text or in his office.
                if state := self.states_by_country.get(actor.country):
                    add(state)
                title = re.search(r"[^,;.“”\"]{0,50}$", text[: m.start()])[0]
                add(*self._bodies_in(f"{title} | {actor.office_en or ''}", actor.country))
        if THE_GOVERNMENT.search(text) and (state := self.states_by_country.get(self.country)):
            add(state)  # "the government lodged a protest", in a Seoul paper: Seoul's
        if BOTH_KOREAS.search(text):  # "the two Koreas", "inter-Korean talks"
            add(*(self.states_by_country[c] for c in ("KOR", "PRK") if c in self.states_by_country))
        for m in DEMONYM.finditer(text):  # "Chinese Premier Li Keqiang" names China
            if state := self.states_by_country.get(DEMONYMS[m.group(0).lower()]):
                add(state)
        if role := ROLE_OF.search(text):
            # "the leaders of South Korea, China and Japan", "the foreign ministers of …": the
            # holders of that post the article names of those states, where it names one each
            states = {a.country for a in found if a.kind == Actor.Kind.STATE}
            post = ROLES[role[1].lower()[:7]]
            heads = [p for p in self.people if p.country in states and post.search(p.office_en)]
            countries = [p.country for p in heads]
            add(*(p for p in heads if countries.count(p.country) == 1))
        for m in CHAMBER.finditer(text):
            # "the lower house", "Japan's House of Councillors": a chamber of the parliament of
            # the country named beside it, else of the one the article's two states have
            cue = _country_in(text[max(0, m.start() - 25) : m.start()], last=True)
            cue = cue or _country_in(text[m.end() : m.end() + 15])  # "… of Japan"
            countries = {cue} if cue else {a.country for a in self.pair}
            houses = [a for a in self.parliaments if a.country in countries]
            if len(houses) == 1:
                add(houses[0])
        if THE_NORTH.search(text) and (north := self.states_by_country.get("PRK")):
            add(north)  # "sanctions against the North", "the North's aggression"
        if len(self.pair) == 2:
            named_states = {a for a in found if a.kind == Actor.Kind.STATE}
            if COLLECTIVE.search(text) and len(named_states) < 2:
                add(*self.pair)
            if FOREIGN_OFFICIALS.search(text):
                add(*self.ministries["foreign"])
            if DEFENCE_OFFICIALS.search(text):
                add(*self.ministries["defence"])
        return found


# A body's name written short: "Co.", "Corp.", "Dept."
SPELT_OUT = {
    "Co.": "Company",
    "Corp.": "Corporation",
    "Dept.": "Department",
    "Int'l": "International",
}
ABBREVIATED = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, SPELT_OUT)) + r")(?!\w)")


def _part_of_known(item: Found, known: ActorIndex) -> bool:
    """Whether a body is a known one, or a part of one: "… Bureau of the Foreign Ministry", "the
    South Korean Joint Chiefs of Staff"; not "the U.S. Joint Chiefs of Staff"."""
    for name, actors in known.candidates.items():
        if " " not in name or not item.name.endswith(" " + name):
            continue
        prefix = item.name[: -len(name)]
        if re.search(r"\b(?:of|of the|for|for the)\s*$", prefix):
            return True
        country = _country_in(prefix)
        if not country or any(a.country == country for a in actors):
            return True
    return False


def unknown_actors(body: str, known: ActorIndex, country: str = "") -> list[Actor]:
    """The people and bodies the text names that are not in the Actor table, as unconfirmed
    actors (unsaved, without a slug). A name that is another romanisation or order of a known
    person's is proposed as that person's spelling (merge_into), not as a new actor."""
    proposed = []
    for item in people_and_bodies(body, country):
        if item.name in known.candidates:
            continue  # known by this very name
        if item.kind != Actor.Kind.PERSON:
            if _part_of_known(item, known):
                continue
            # "the Ministry of National Defense", "the South Korean Foreign Ministry": a known
            # ministry, by the context or by the country before it
            generic = GENERIC_BODY.search(item.name)
            owner = _country_in(item.name[: generic.start()]) if generic else ""
            if (
                generic
                and generic.end() == len(item.name)
                and (generic.start() == 0 or owner)
                and any(not owner or a.country == owner for a in known._ministries(generic))
            ):
                continue
            # "Tokyo Electric Power Co." for "Tokyo Electric Power Company": its spelling
            spelt = known.candidates.get(ABBREVIATED.sub(lambda m: SPELT_OUT[m[1]], item.name))
            same = spelt[0] if spelt and len(set(spelt)) == 1 else None
        elif not (same := known.same_person(item.name)) and any(
            p.name_en == item.name for p in proposed
        ):
            continue
        proposed.append(
            Actor(
                kind=item.kind,
                name_en=item.name,
                country=item.country,
                office=item.office[:300],
                aliases=item.acronym,
                is_confirmed=False,
                merge_into=same,
                description="Proposed by an article import: check and confirm.",
            )
        )
    return proposed
