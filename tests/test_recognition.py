"""Who an article names: known actors by any spelling, new people and bodies, and which of two
namesakes it means."""

from datetime import date

import pytest

from dialogue.importing import import_article
from dialogue.models import Actor
from dialogue.recognition import (
    ActorIndex,
    _japanese_name,
    name_key,
    people_and_bodies,
    unknown_actors,
)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Park Geun-hye", "Pak Kun-hye"),  # Revised Romanization, McCune–Reischauer
        ("Park Geun-hye", "Bak Geunhye"),
        ("Park Geun-hye", "Park Geun Hye"),  # the given name in two parts
        ("Yun Byung-se", "Yoon Byung-se"),  # the papers' own habit
        ("Yun Byung-se", "Yun Byeong-se"),
        ("Chung Eui-yong", "Jeong Ui-yong"),
        ("Seo Joo-seok", "Suh Ju-suk"),
        ("Lee Myung-bak", "Yi Myŏng-bak"),
        ("Kim Kwan-jin", "Gim Gwan-jin"),
        ("Choi Jong-kun", "Choe Chong-gun"),
        ("Yohei Kono", "Yōhei Kōno"),  # Hepburn's long vowels, written or not
        ("Yohei Kono", "Yohei Kouno"),
        ("Yohei Kono", "Yohei Kohno"),
        ("Koichiro Gemba", "Koichiro Genba"),
        ("Han Min-koo", "Han Min-gu"),  # syllable by syllable: not "ming-u"
        ("Shinzo Abe", "Abe Shinzo"),  # either order
        ("Cho Tai-young", "Cho Tae-young"),  # the papers' ai for ae
    ],
)
def test_romanisations_of_one_name_share_a_key(one, other):
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Kim Jong-un", "Kim Jong-il"),
        ("Park Geun-hye", "Park Jie-won"),
        ("Taro Kono", "Taro Aso"),
        ("Hiroyuki Saito", "Hiroyuki Seto"),
    ],  # fmt: skip
)
def test_different_people_keep_different_keys(one, other):
    assert name_key(one) != name_key(other)


def _names(text, country=""):
    return {f.name: f for f in people_and_bodies(text, country)}


def test_the_state_department_and_its_people_are_americas_wherever_the_paper_is():
    """A body named without its country takes the paper's, unless its name says whose:
    "the State Department" is Washington's, and so is its spokeswoman."""
    found = _names(
        "The State Department said so. U.S. State Department spokeswoman Jen Psaki said so. "
        "The Defense Ministry said so. U.S. embassy spokesman Mark Smith said so.",
        "JPN",
    )
    assert found["State Department"].country == "USA"
    assert found["Jen Psaki"].country == "USA"
    assert found["Mark Smith"].country == "USA"  # the qualifier before a lower-case title
    assert found["Defense Ministry"].country == "JPN"
    # an institution known by one name is its country's, however it is found
    found = _names("The White House welcomed the statement. The House of Councillors voted.", "KOR")
    assert (found["White House"].country, found["House of Councillors"].country) == ("USA", "JPN")
    # and a party whose name does not say whose, in a Seoul paper
    found = _names("It ended decades of rule by the Liberal Democratic Party in August.", "KOR")
    assert found["Liberal Democratic Party"].country == "JPN"


@pytest.mark.parametrize(
    ("text", "name", "office"),
    [
        ("Gen. Jung Seung-jo attended.", "Jung Seung-jo", "Gen."),
        ("Lt. Gen. Koichi Isobe spoke.", "Koichi Isobe", "Lt. Gen."),
        ("Vice Adm. Tomohisa Takei spoke.", "Tomohisa Takei", "Vice Adm."),
        ("Vice Foreign Minister Cho Tae-yong met them.", "Cho Tae-yong", "Vice Foreign Minister"),
        ("Chief Cabinet Secretary Yoshihide Suga said.", "Yoshihide Suga",
         "Chief Cabinet Secretary"),
        ("Unification Minister Ryoo Kihl-jae said so.", "Ryoo Kihl-jae", "Unification Minister"),
        ("Culture Minister Yoo Jin Ryong said so.", "Yoo Jin Ryong", "Culture Minister"),
        ("Defense Minister Gen Nakatani said so.", "Gen Nakatani", "Defense Minister"),  # a name
        # either spelling of an adviser
        ("National Security Advisor Susan Rice said so.", "Susan Rice",
         "National Security Advisor"),
        ("his Japanese counterpart Jun Azumi agreed.", "Jun Azumi", "Japanese counterpart"),
        ("Foreign Ministry spokesman Masaru Sato said.", "Masaru Sato",
         "Foreign Ministry spokesman"),
        ("Junichi Ihara, director general of the bureau, said.", "Junichi Ihara", None),
        ("Kimihiro Ishikane of Japan's Foreign Ministry met him.", "Kimihiro Ishikane", None),
        # a long office, with a possessive in it
        ("Jang Hyuk, deputy minister for policy at the Ministry of National Defense, said so.",
         "Jang Hyuk", None),
        ("talks with Wang Guanzhong, deputy chief of the general staff of the People's "
         "Liberation Army, but", "Wang Guanzhong", None),
        # a Korean name without a title, its given name in two words (Japanese agencies' style)
        ("Lee is to hand over power to President-elect Park Geun Hye on Feb. 25.",
         "Park Geun Hye", None),
    ],
)  # fmt: skip
def test_people_are_found_by_titles_ranks_and_appositions(text, name, office):
    found = _names(text)
    assert name in found and found[name].kind == Actor.Kind.PERSON
    if office:
        assert found[name].office == office


def test_japanese_names_need_no_title_and_korean_ones_and_places_are_not_taken_for_them():
    found = _names(
        "It was the first visit since Junichiro Koizumi went in 2006. Lee Sang-hee held talks "
        "with Yasukazu Hamada, and Cho Tai-young and Japan Times reporters were there."
    )
    assert {"Junichiro Koizumi", "Yasukazu Hamada"} <= set(found)
    assert found["Yasukazu Hamada"].country == "JPN"
    assert not {"Cho Tai", "Japan Times", "Tai-young"} & set(found)
    assert not _japanese_name(["Choi", "Yun"])  # a Korean surname first: not Japanese
    assert not _japanese_name(["Tokyo", "Minato"])  # places
    # a name that qualifies a noun is a firm's, not a person's
    firm = _names("North Korea released a Hyundai Asan worker on Aug. 13.", "KOR")["Hyundai Asan"]
    assert (firm.kind, firm.country) == (Actor.Kind.ORGANISATION, "KOR")
    # a place before an apposition is not a person and their office
    assert "In Seoul" not in _names("In Seoul, ruling party candidate Park Geun-hye said so.")
    titled = _names("Foreign Ministry spokesman Masaru Sato said. Masaru Sato added.")
    assert titled["Masaru Sato"].office == "Foreign Ministry spokesman"  # the title kept


def test_two_people_after_a_plural_title_and_their_countries():
    found = _names(
        "Defense Ministers Kim Kwan-jin and Itsunori Onodera met. "
        "Foreign Minister Fumio Kishida of Japan said so."
    )
    assert {"Kim Kwan-jin", "Itsunori Onodera", "Fumio Kishida"} <= set(found)
    assert found["Fumio Kishida"].country == "JPN"


def test_a_name_after_a_sentence_that_ends_in_a_body_and_a_state_councilor():
    found = _names(
        "It went to the United Nations Security Council. Chief Cabinet Secretary Hirofumi "
        "Hirano said so. State Councilor Dai Bingguo agreed."
    )
    assert {"United Nations Security Council", "Hirofumi Hirano", "Dai Bingguo"} <= set(found)


def test_a_titled_persons_country_is_told_by_the_shape_of_their_name():
    """ "Foreign Minister Yu Myung-hwan": a Korean surname before a hyphenated given name;
    "Chief Cabinet Secretary Hirofumi Hirano": a name only Japanese. "Foreign Minister Wang
    Yi" says neither."""
    found = _names(
        "Foreign Minister Yu Myung-hwan met. Chief Cabinet Secretary Hirofumi Hirano said so. "
        "Foreign Minister Wang Yi agreed."
    )
    assert found["Yu Myung-hwan"].country == "KOR"
    assert found["Hirofumi Hirano"].country == "JPN"
    assert found["Wang Yi"].country == ""


@pytest.mark.parametrize(
    ("text", "name", "kind", "country"),
    [
        ("The National Intelligence Service (NIS) said.", "National Intelligence Service",
         Actor.Kind.GOVERNMENT_BODY, ""),
        ("The ruling Saenuri Party agreed.", "Saenuri Party", Actor.Kind.ORGANISATION, ""),
        # a run of capitals ends with its sentence and before a date
        ("They are kept by the Imperial Household Agency. The books were taken.",
         "Imperial Household Agency", Actor.Kind.GOVERNMENT_BODY, ""),
        ("It went to the House of Representatives on Friday.", "House of Representatives",
         Actor.Kind.GOVERNMENT_BODY, ""),
        ("Money came from the Asian Women's Fund, set up in 1995.", "Asian Women's Fund",
         Actor.Kind.ORGANISATION, ""),
        ("The Korean Council for the Women Drafted for Military Sexual Slavery by Japan protested.",
         "Korean Council for the Women Drafted for Military Sexual Slavery by Japan",
         Actor.Kind.ORGANISATION, "KOR"),
        ("The Japan Coast Guard said.", "Japan Coast Guard", Actor.Kind.GOVERNMENT_BODY, "JPN"),
        ("chief of the Self-Defense Forces' Joint Staff", "Self-Defense Forces",
         Actor.Kind.GOVERNMENT_BODY, ""),
        ("chief of the Self-Defense Forces' Joint Staff", "Joint Staff",
         Actor.Kind.GOVERNMENT_BODY, ""),
        ("hosted by the London-based International Institute for Strategic Studies.",
         "International Institute for Strategic Studies", Actor.Kind.ORGANISATION, ""),
        # a possessive that is part of the name, not its owner
        ("the People's Liberation Army said.", "People's Liberation Army",
         Actor.Kind.GOVERNMENT_BODY, ""),
        # a possessive before a date ends the name
        ("welcomed the U.N. Security Council's April 13 statement", "U.N. Security Council",
         Actor.Kind.GOVERNMENT_BODY, ""),
        # a plural possessive that is part of the name, owning another body
        ("a member of the Workers' Party's Central Committee", "Workers' Party",
         Actor.Kind.ORGANISATION, ""),
        # an authority, a bank
        ("Japan's Nuclear Regulation Authority raised its rating.", "Nuclear Regulation Authority",
         Actor.Kind.GOVERNMENT_BODY, ""),
        ("meetings of the International Monetary Fund and the World Bank in Tokyo", "World Bank",
         Actor.Kind.ORGANISATION, ""),
        # a body whose name has no word that says so
        ("Its coalition partner, New Komeito, pushed back.", "New Komeito",
         Actor.Kind.ORGANISATION, "JPN"),
        # a state's mission in lower case
        ("Lawmakers protested outside the Japanese embassy in Seoul.", "Japanese embassy",
         Actor.Kind.GOVERNMENT_BODY, "JPN"),
        # a weekday before a title is no person's name
        ("On Monday, three lawmakers of Japan's opposition Liberal Democratic Party flew home.",
         "Liberal Democratic Party", Actor.Kind.ORGANISATION, "JPN"),
        # a group of states by its number
        ("they met at the Group of 20 summit in London", "Group of 20", Actor.Kind.ORGANISATION,
         ""),
    ],
)  # fmt: skip
def test_named_bodies_are_found(text, name, kind, country):
    found = _names(text)
    assert name in found
    assert found[name].kind == kind
    if country:
        assert found[name].country == country
    assert not any(f.kind == Actor.Kind.PERSON for f in found.values())  # no "Sexual Slavery"


def test_a_name_with_its_office_after_it_and_the_country_before_the_office():
    """ "talks with Glyn Davies, U.S. special representative for North Korea policy": a person,
    of the United States, not of North Korea."""
    found = _names("He will hold talks with Glyn Davies, U.S. special representative for North "
                   "Korea policy, in Washington.")  # fmt: skip
    assert (found["Glyn Davies"].kind, found["Glyn Davies"].country) == (Actor.Kind.PERSON, "USA")


def test_a_person_known_by_one_name_after_their_title_is_found():
    """ "Japanese Emperor Akihito", "Emperor Hirohito": a person of one name; not "King Sejong
    Institute"."""
    found = _names("He said Japanese Emperor Akihito should apologize. The King Sejong "
                   "Institute opened. Emperor Hirohito died.")  # fmt: skip
    assert (found["Akihito"].kind, found["Akihito"].country) == (Actor.Kind.PERSON, "JPN")
    assert found["Hirohito"].country == ""
    assert "Sejong" not in found
    # a ship named after a king is no person; a party named twice is one party
    found = _names("The destroyer King Sejong the Great tracked the rocket. The New Komeito "
                   "agreed. Komeito leader Natsuo Yamaguchi spoke.")  # fmt: skip
    assert "Sejong" not in found and "Komeito" not in found and "New Komeito" in found


def test_another_spelling_of_a_known_person_is_proposed_as_a_merge(actors):
    park = Actor.objects.create(slug="park-geun-hye", kind="person", name_en="Park Geun-hye")
    index = ActorIndex(Actor.objects.select_related("merge_into"))
    (variant,) = [a for a in unknown_actors("President Pak Kun-hye spoke.", index)]
    assert (variant.name_en, variant.merge_into) == ("Pak Kun-hye", park)
    assert not unknown_actors("President Park Geun-hye spoke.", index)  # her own spelling
    # a body's name written short: its spelling, to merge
    tepco = Actor.objects.create(slug="tepco", kind="organisation",
                                 name_en="Tokyo Electric Power Company")  # fmt: skip
    index = ActorIndex(Actor.objects.select_related("merge_into"))
    (short,) = unknown_actors("Tokyo Electric Power Co. admitted the leak.", index)
    assert (short.name_en, short.merge_into) == ("Tokyo Electric Power Co.", tepco)
    # a middle name: the known person of that first and last name, not a new one
    clinton = Actor.objects.create(slug="hillary-clinton", kind="person", name_en="Hillary Clinton")
    index = ActorIndex(Actor.objects.select_related("merge_into"))
    (variant,) = unknown_actors("Secretary of State Hillary Rodham Clinton arrived.", index)
    assert (variant.name_en, variant.merge_into) == ("Hillary Rodham Clinton", clinton)
    text = "Secretary of State Hillary Rodham Clinton arrived on Friday."
    assert clinton in index.for_article(text, "JPN").find(text)


def test_a_bare_surname_means_the_person_the_article_names_in_full(actors):
    """The seed's Lee is Lee Sang-deok: an article about another Lee never names him; of two
    Lees it names in full, a bare "Lee" is the one named last before it."""
    index = ActorIndex(Actor.objects.all())
    assert index.find("Lee said so.")  # the alias, read without the article
    assert not index.for_article("Lee said so.", "KOR").find("Lee said so.")
    other = "Opposition leader Lee Hae-chan objected. Lee said the deal was rushed."
    Actor.objects.create(slug="lee-hae-chan", kind="person", name_en="Lee Hae-chan")
    read = ActorIndex(Actor.objects.all()).for_article(other, "KOR")
    assert [a.slug for a in read.find("Lee said the deal was rushed.")] == ["lee-hae-chan"]
    # Two Lees named in full: a bare "Lee" is the one named last before it, and with no place
    # in the article, the first named, the story's.
    both = other + " Lee Sang-deok disagreed. Lee said so."
    read = ActorIndex(Actor.objects.all()).for_article(both, "KOR")
    assert [a.slug for a in read.find("Lee said the deal was rushed.", both.index("Lee said the"))
            if a.kind == Actor.Kind.PERSON] == ["lee-hae-chan"]  # fmt: skip
    assert [a.slug for a in read.find("Lee said so.", both.index("Lee said so."))
            if a.kind == Actor.Kind.PERSON] == ["lee-sang-deok"]  # fmt: skip
    # and, as any official named, the state they act for
    assert "south-korea" in {a.slug for a in read.find("Lee said so.", both.index("Lee said so."))}
    assert [a.slug for a in read.find("Lee said so.") if a.kind == Actor.Kind.PERSON] == [
        "lee-hae-chan"
    ]


def test_its_two_allies_are_the_two_states_the_article_names_most(actors):
    text = "Japan and South Korea met. Washington urged its two allies on Monday to share data."
    read = ActorIndex(Actor.objects.all()).for_article(text, "KOR")
    assert {"japan", "south-korea"} <= {a.slug for a in read.find(text[text.index("Wash") :])}


def test_a_ministry_named_without_its_country_is_the_articles_or_the_one_its_context_names(
    actors,
):
    index = ActorIndex(Actor.objects.all())
    text = "The Defense Ministry said so."
    assert [a.slug for a in index.for_article(text, "KOR").find(text)] == [
        "south-korea-defence-ministry",
        "south-korea",
    ]
    assert [a.slug for a in index.for_article(text, "JPN").find(text)] == [
        "japan-defence-ministry",
        "japan",
    ]
    cued = "The Defense Ministry in Seoul said so."
    assert "south-korea-defence-ministry" in {
        a.slug for a in index.for_article(cued, "JPN").find(cued)
    }
    # in a story from a third country, the place its official speaks from
    official = "Kim Kwan-jin offered help on Sunday, a Defense Ministry official in Seoul said."
    for country in ("USA", "JPN"):
        assert "south-korea-defence-ministry" in {
            a.slug for a in index.for_article(official, country).find(official)
        }
    # its spokesman's name tells the country: a Korean name in a story from Tokyo
    spoken = "Defense Ministry spokesman Kim Min-seok said so."
    assert "south-korea-defence-ministry" in {
        a.slug for a in index.for_article(spoken, "JPN").find(spoken)
    }
    # not anyone named after it: whom the ministry warned
    warned = "The Defense Ministry warned Kim Jong-un against further launches."
    assert "japan-defence-ministry" in {
        a.slug for a in index.for_article(warned, "JPN").find(warned)
    }
    # a sentence set in a capital: every clause of it, not the next sentence
    scene = (
        "In Seoul, the Foreign Ministry summoned an envoy, while the Defense Ministry called in "
        "an attache. The Defense Ministry said so."
    )
    read = index.for_article(scene, "JPN")
    at = scene.index("the Defense")
    assert "south-korea-defence-ministry" in {a.slug for a in read.find(scene[at:], at)}
    at = scene.index("The Defense")
    assert "japan-defence-ministry" in {a.slug for a in read.find(scene[at:], at)}
    cued = "A South Korean defense ministry official said so."  # in lower case too
    assert "south-korea-defence-ministry" in {
        a.slug for a in index.for_article(cued, "JPN").find(cued)
    }
    # a known ministry with its country before it is no new body; another country's is
    owned = "A South Korean Foreign Ministry official agreed; the Chinese Foreign Ministry did not."
    assert [a.name_en for a in unknown_actors(owned, index, "JPN")] == ["Chinese Foreign Ministry"]
    # and a third country's is neither of the two ("China's Defense Ministry", in a Seoul paper)
    third = "China's Defense Ministry expressed strong dissatisfaction."
    assert "south-korea-defence-ministry" not in {
        a.slug for a in index.for_article(third, "KOR").find(third)
    }
    # a parliament's defense committee or the Self-Defense Forces are no defense ministry
    for slug, name, country in [("defense-committee", "National Defense Committee", "KOR"),
                                ("sdf", "Self-Defense Forces", "JPN")]:  # fmt: skip
        Actor.objects.create(slug=slug, name_en=name, kind="government_body", country=country)
    index = ActorIndex(Actor.objects.all())
    assert [a.slug for a in index.for_article(text, "KOR").find(text)] == [
        "south-korea-defence-ministry",
        "south-korea",
    ]


def test_the_government_unqualified_is_the_articles_own(actors):
    index = ActorIndex(Actor.objects.all())
    text = "The government lodged a strong protest."
    assert [a.slug for a in index.for_article(text, "KOR").find(text)] == ["south-korea"]
    assert [a.slug for a in index.for_article(text, "JPN").find(text)] == ["japan"]
    assert index.for_article(text, "").find(text) == []  # a wire report of no country
    other = "The government of China protested."
    assert [a.slug for a in index.for_article(other, "KOR").find(other)] == ["china"]


def test_an_import_attaches_the_known_person_under_another_spelling(actors):
    park = Actor.objects.create(slug="park-geun-hye", kind="person", name_en="Park Geun-hye")
    raw = "\n\n".join(
        [
            "The Korea Herald",
            "Pak meets envoys",
            "Posted : 2014-03-25 10:00",
            "President Pak Kun-hye met Japanese envoys in Seoul on Monday to discuss security.",
        ]
    )
    result = import_article(raw.encode(), name="pak.txt")
    assert [(a.name_en, a.merge_into) for a in result.new_actors] == [("Pak Kun-hye", park)]
    (event,) = result.events
    assert park in event.actors.all() and event.edtf == date(2014, 3, 24).isoformat()
    # and her surname alone, as that spelling has it, once the article has named her so
    raw = raw.replace("Pak meets envoys", "Pak to visit").replace("Posted : 2014-03-25 10:00",
        "Posted : 2014-03-26 10:00") + (
        "\n\nPak will visit Tokyo on Friday to discuss security with the Japanese envoys."
    )  # fmt: skip
    result = import_article(raw.encode(), name="pak2.txt")
    visit = next(e for e in result.events if e.edtf == "2014-03-28")
    assert park in visit.actors.all()


def test_a_long_named_body_gets_a_slug_that_fits(actors):
    """PostgreSQL refuses a slug longer than its column; SQLite would not say."""
    raw = "\n\n".join(
        ["The Korea Herald", "Activists protest", "Posted : 2015-12-29 10:00",
         "The Korean Council for the Women Drafted for Military Sexual Slavery by Japan "
         "protested the agreement on Tuesday in Seoul."]
    )  # fmt: skip
    (council,) = import_article(raw.encode(), name="council.txt").new_actors
    assert council.slug.startswith("korean-council-for-the-women")
    assert len(council.slug) <= Actor._meta.get_field("slug").max_length


def test_a_ministry_by_its_formal_name_is_the_known_one_not_a_new_body(actors):
    """ "The Ministry of National Defense" is the known defence ministry of the article's
    country (or the one its context names), as "the Defense Ministry" is: no new actor."""
    index = ActorIndex(Actor.objects.select_related("merge_into"))
    text = "The Ministry of National Defense called in the defense attache on Tuesday."
    assert not unknown_actors(text, index, "KOR")
    assert [a.slug for a in index.for_article(text, "KOR").find(text)] == [
        "south-korea-defence-ministry",
        "south-korea",
    ]


def test_a_surname_after_the_title_a_person_is_known_by_names_them(actors):
    """The seed knows "Prime Minister Shinzo Abe": "Prime Minister Abe" is he, though the
    article never gives his full name; a bare "Abe" alone is still nobody in particular."""
    index = ActorIndex(Actor.objects.all())
    titled = "Prime Minister Abe met reporters. Abe said so."
    assert "shinzo-abe" in {a.slug for a in index.for_article(titled, "JPN").find("Abe said so.")}
    bare = "Abe said so."
    assert "shinzo-abe" not in {a.slug for a in index.for_article(bare, "JPN").find(bare)}


def test_a_states_body_acts_for_its_state(actors):
    """As an official does: "the U.S. Air Force" (its name holds "U.S.", which the longer name
    takes) names the United States; a party of a country does not name its state."""
    bodies = [
        ("usaf", "U.S. Air Force", "government_body", "USA"),
        ("ldp", "Liberal Democratic Party", "organisation", "JPN"),
    ]
    for slug, name, kind, country in bodies:
        Actor.objects.create(slug=slug, name_en=name, kind=kind, country=country)
    index = ActorIndex(Actor.objects.all())
    text = "The zone was first drawn by the U.S. Air Force in 1951."
    assert [a.slug for a in index.find(text)] == ["usaf", "united-states"]
    text = "The Liberal Democratic Party signed off."
    assert [a.slug for a in index.find(text)] == ["ldp"]


def test_the_north_and_the_ministry_by_its_old_name(actors):
    """ "the North's aggression" is North Korea's; "The North Atlantic" is not; "the Ministry
    of Foreign Affairs and Trade" (its name to 2013) is Seoul's foreign ministry."""
    text = (
        "The Ministry of Foreign Affairs and Trade said talks would reward the North's aggression."
    )
    found = {a.slug for a in ActorIndex(Actor.objects.all()).for_article(text, "KOR").find(text)}
    assert {"north-korea", "south-korea-foreign-ministry"} <= found
    assert not unknown_actors(text, ActorIndex(Actor.objects.all()), "KOR")  # no new ministry
    text = "The North Atlantic alliance met."
    assert "north-korea" not in {a.slug for a in ActorIndex(Actor.objects.all()).find(text)}


def test_the_foreign_ministers_of_states_are_those_the_article_names(actors):
    """ "The foreign ministers of South Korea and Japan": the foreign ministers the article
    names of those states, not their prime minister."""
    Actor.objects.create(
        slug="kim-sung-hwan",
        name_en="Kim Sung-hwan",
        kind="person",
        country="KOR",
        office_en="Minister of Foreign Affairs of South Korea",
    )
    Actor.objects.create(slug="seiji-maehara", name_en="Seiji Maehara", kind="person",
                         country="JPN", office_en="Foreign Minister of Japan")  # fmt: skip
    Actor.objects.create(slug="kim-young-sun", name_en="Kim Young-sun", kind="person",
                         country="KOR", office_en="Foreign Ministry spokesman")  # fmt: skip
    body = (
        "The foreign ministers of South Korea and Japan met on Monday. Kim Sung-hwan and Seiji "
        "Maehara spoke after Shinzo Abe did, and Kim Young-sun briefed reporters."
    )
    index = ActorIndex(Actor.objects.all()).for_article(body, "KOR")
    found = {a.slug for a in index.find("The foreign ministers of South Korea and Japan met")}
    assert {"kim-sung-hwan", "seiji-maehara"} <= found
    assert not {"shinzo-abe", "kim-young-sun"} & found  # nor the ministry's spokesman


def test_a_government_body_acts_for_its_state_however_it_is_named(actors):
    """ "Their foreign ministers met", in an article about Japan and South Korea: both foreign
    ministries, and the states they act for, as a ministry named outright does."""
    body = "Japan and South Korea disagree. Their foreign ministers met in Shanghai."
    index = ActorIndex(Actor.objects.all()).for_article(body, "KOR")
    found = {a.slug for a in index.find("Their foreign ministers met in Shanghai.")}
    assert {"japan-foreign-ministry", "south-korea-foreign-ministry"} <= found
    assert {"japan", "south-korea"} <= found


def test_the_two_states_an_article_is_about_count_their_people_and_demonyms(actors):
    """An article that names North Korea most by name, but Japan and South Korea through their
    people and "Japanese", "South Korean": "bilateral" is Japan and South Korea, and "defense
    officials" their defence ministries (not the Self-Defense Forces)."""
    for slug, name, kind, country in [
        ("japan-self-defense-forces", "Japan Self-Defense Forces", "government_body", "JPN"),
        ("park-geun-hye", "Park Geun-hye", "person", "KOR"),
    ]:
        aliases = "Park" if kind == "person" else ""
        Actor.objects.create(slug=slug, name_en=name, kind=kind, country=country, aliases=aliases)
    body = (
        "Japanese Prime Minister Shinzo Abe and South Korean President Park Geun-hye discussed "
        "North Korea. Abe said North Korea must stop. Park said North Korea had fired rockets. "
        "North Korea denied it, and Abe and Park agreed with Japanese and South Korean "
        "lawmakers. Bilateral talks of defense officials will follow."
    )
    index = ActorIndex(Actor.objects.all()).for_article(body, "")
    found = {a.slug for a in index.find("Bilateral talks of defense officials will follow.")}
    assert {"japan", "south-korea", "japan-defence-ministry"} <= found
    assert not {"north-korea", "japan-self-defense-forces"} & found


def test_diplomats_and_defense_officials_are_the_two_states_ministries(actors):
    """ "senior diplomats and defense officials" of the two states the article is about: their
    foreign and defence ministries; "diplomats said" alone is anyone's."""
    body = "Japan and South Korea met. Senior diplomats and defense officials will meet in June."
    index = ActorIndex(Actor.objects.all()).for_article(body, "KOR")
    found = {a.slug for a in index.find("Senior diplomats and defense officials will meet")}
    assert {"japan-foreign-ministry", "south-korea-foreign-ministry"} <= found
    assert "japan-foreign-ministry" not in {a.slug for a in index.find("Diplomats said so.")}
    # their defence talks, exchanges and chiefs are their defence ministries'
    for text in ("They agreed to hold working-level defense policy talks.",
                 "Defense exchanges resumed.", "The defense chiefs met."):  # fmt: skip
        found = {a.slug for a in index.find(text)}
        assert {"japan-defence-ministry", "south-korea-defence-ministry"} <= found, text


def test_a_chamber_is_of_the_parliament_of_its_country(actors):
    """ "the lower house", "the House of Councillors": a chamber of the Diet, in an article
    about Japan and South Korea, and so Japan's; "the U.S. House of Representatives" is not."""
    Actor.objects.create(slug="national-diet", name_en="National Diet", kind="government_body",
                         country="JPN", aliases="Diet\nparliament")  # fmt: skip
    body = "Japan and South Korea met. The bills cleared the lower house on Thursday."
    index = ActorIndex(Actor.objects.all()).for_article(body, "KOR")
    found = {a.slug for a in index.find("The bills cleared the lower house on Thursday.")}
    assert {"national-diet", "japan"} <= found
    found = {a.slug for a in index.find("They now go to the House of Councillors.")}
    assert "national-diet" in found
    for text in ("The U.S. House of Representatives passed it.",
                 "Tokyo welcomed the U.S. House of Representatives resolution."):  # fmt: skip
        assert "national-diet" not in {a.slug for a in index.find(text)}  # the nearest country


def test_an_index_of_no_actors_reads_an_article(db):
    index = ActorIndex(Actor.objects.none()).for_article("Japan and South Korea met.", "KOR")
    assert index.find("Japan and South Korea met.") == []


def test_bodies_and_people_in_the_shapes_wire_copy_gives_them():
    found = _names(
        "Japan Post Holdings President Taizo Nishimuro headed the panel. It was launched by "
        "then U.S. President George W. Bush in 2003, and fighting broke out between Salva Kiir "
        "and his former deputy, Riek Machar. Members of the Korea Freedom Federation rallied, "
        "and Rep. Shin Hak-yong of the Democratic United Party spoke. Leaders of the "
        "Association of Southeast Asian Nations on Jeju Island met. The Ground Self-Defense "
        "Force on Dec. 23 handed over the rounds. The House of Representatives of Japan's Diet "
        "adopted a resolution. Kim Kwan-jin's plans changed. Talks went on in New York, "
        "diplomats said. Shimane Prefecture held a ceremony."
    )
    assert found["Taizo Nishimuro"].office == "President"
    assert {"George W. Bush", "Riek Machar", "Shin Hak-yong", "Korea Freedom Federation",
            "Democratic United Party", "Association of Southeast Asian Nations",
            "Ground Self-Defense Force", "House of Representatives", "Kim Kwan-jin",
            "Shimane Prefecture", "Japan Post Holdings"} <= set(found)  # fmt: skip
    assert not {"Kim Kwan-jin's", "New York", "Members of the Korea Freedom Federation"} & set(
        found
    )
    # a government's cabinet, by its one word, of the country the text is about
    cabinet = _names("It was approved by the Cabinet later the same day.", "JPN")["Cabinet"]
    assert (cabinet.kind, cabinet.country) == (Actor.Kind.GOVERNMENT_BODY, "JPN")
    assert "Cabinet" not in _names("Chief Cabinet Secretary Yoshihide Suga said so.", "JPN")
    assert "Cabinet" not in _names("The Cabinet Legislation Bureau ruled.", "JPN")
    # a Korean given name capitalised after its hyphen, and a possessive that is no name's
    afp = _names("It came after leader Kim Jong-Il's son Kim Jong-Un stood beside him.", "KOR")
    assert {"Kim Jong-Il", "Kim Jong-Un"} <= set(afp) and "Kim Jong-Il's" not in afp
    # people joined by "and" to each other and to their bodies are each their own; a number
    # before a body is not its name; "and" inside a body's name stays
    mainichi = _names(
        "Three Liberal Democratic Party (LDP) lawmakers were refused entry. Yoshitaka Shindo "
        "and Tomomi Inada of the House of Representatives and Masahisa Sato of the House of "
        "Councillors flew back. The Ministry of Foreign Affairs and Trade said so.",
        "JPN",
    )
    assert {"Liberal Democratic Party", "Yoshitaka Shindo", "Tomomi Inada", "Masahisa Sato",
            "House of Representatives", "House of Councillors",
            "Ministry of Foreign Affairs and Trade"} <= set(mainichi)  # fmt: skip
    # "US" before a body names the United States, as "U.S." does (but "us" is no country)
    assert (
        _names("The zone has not changed since the US Air Force drew it.", "KOR")[
            "US Air Force"
        ].country
        == "USA"
    )
    # "and" inside a body's name, beside no person's name, stays; a nation's Cabinet is a body
    csis = _names("Victor Cha of the Center for Strategic and International Studies said.")
    assert "Center for Strategic and International Studies" in csis
    assert "Japanese Cabinet" in _names("The Japanese Cabinet approved the bill on Friday.")
    # a prefecture is Japan's, in a Seoul paper too
    shimane = _names("Japan sent an official to a ceremony held by Shimane Prefecture.", "KOR")
    assert shimane["Shimane Prefecture"].country == "JPN"
    # a prime minister's cabinet is he and the Cabinet, no body of its own name
    kan = _names("Prime Minister Naoto Kan spoke. The Kan Cabinet approved it.", "JPN")
    assert "Kan Cabinet" not in kan and "Cabinet" in kan
    # so is "the Cabinet of Prime Minister Abe Shinzo"; "the Ministry of Foreign Affairs" stays
    abe = _names("The paper was approved by the Cabinet of Prime Minister Abe Shinzo.", "KOR")
    assert set(abe) == {"Abe Shinzo", "Cabinet"}
    assert "Ministry of Foreign Affairs" in _names("The Ministry of Foreign Affairs said so.")
    # an office's possessive is part of a body's name; a person's name ends at their own
    assert "Prime Minister's Office" in _names("Officials at the Prime Minister's Office said.")
    ldp = _names("Prime Minister Shinzo Abe's Liberal Democratic Party won.", "JPN")
    assert set(ldp) == {"Shinzo Abe", "Liberal Democratic Party"}
    # a "name" after a title that the run goes on past is none: "High" is no title here
    assert _names("It deployed the Terminal High Altitude Area Defense system.") == {}
    # a body's name ends with its sentence, however short the word before the stop
    war = _names("It was World War Two. The UNESCO World Heritage Committee met.")
    assert set(war) == {"UNESCO World Heritage Committee"}
    his = _names("His Democratic Party of Japan won the election.", "JPN")
    assert set(his) == {"Democratic Party of Japan"}
    at = _names("At the Shangri-La Dialogue, the two met.")
    assert set(at) == {"Shangri-La Dialogue"}
    # a body's name may hold "on"; it ends before a place
    assert {"Council on Foreign Relations", "Commission on Human Rights"} <= set(
        _names("The Council on Foreign Relations and the Commission on Human Rights met.")
    )
    assert _names("Freedom House said so.")["Freedom House"].kind == Actor.Kind.ORGANISATION
    # a name only Japanese, before an office that names no country
    furuya = _names("Keiji Furuya, chairman of the National Public Safety Commission, went.")
    assert furuya["Keiji Furuya"].country == "JPN"
    # a legislature is a government body; a country's possessive tells its country
    assert found["House of Representatives"].country == "JPN"
    assert found["House of Representatives"].kind == Actor.Kind.GOVERNMENT_BODY
    assert (
        _names("It passed Japan's House of Representatives.", "KOR")[
            "House of Representatives"
        ].country
        == "JPN"
    )


def test_what_bears_a_name_is_of_the_one_known_person_of_that_surname(actors):
    """ "the 1993 Kono statement" is Yohei Kono's, named in full or not; "the Lee
    administration", with two Lees known and neither named, is no one's."""
    Actor.objects.create(slug="yohei-kono", kind="person", country="JPN", name_en="Yohei Kono",
                         aliases="Kono")  # fmt: skip
    Actor.objects.create(slug="lee-myung-bak", kind="person", country="KOR",
                         name_en="Lee Myung-bak", aliases="Lee")  # fmt: skip
    index = ActorIndex(Actor.objects.all())
    text = "Tokyo's review of the 1993 Kono statement rankled Seoul."
    assert "yohei-kono" in {a.slug for a in index.for_article(text, "JPN").find(text)}
    text = "The Lee administration put the pact on hold."
    read = index.for_article(text, "KOR").find(text)
    assert not [a for a in read if a.kind == Actor.Kind.PERSON]


def test_a_forum_by_its_name_is_a_body_and_a_dialogue_in_lower_case_is_not():
    found = _names(
        "The ministers met at the Shangri-La Dialogue in Singapore and at the ASEAN Regional "
        "Forum in Hanoi, and agreed to resume their security dialogue."
    )
    assert {"Shangri-La Dialogue", "ASEAN Regional Forum"} <= set(found)
    assert found["Shangri-La Dialogue"].kind == Actor.Kind.ORGANISATION
    assert not [name for name in found if "security dialogue" in name.lower()]


def test_companies_panels_the_red_cross_and_an_economic_forum_are_bodies():
    """ "Tokyo Electric Power Co." (its point kept), "the Korean Red Cross", "an advisory panel",
    "the Asia-Pacific Economic Cooperation forum"; not "the Guidelines for Defense
    Cooperation", a document."""
    found = _names(
        "Tokyo Electric Power Co. runs the plant. The Korean Red Cross sent aid. Leaders met at "
        "the Asia-Pacific Economic Cooperation forum. The Advisory Panel on Reconstruction of "
        "the Legal Basis for Security met. The allies revised the Guidelines for Defense "
        "Cooperation."
    )
    assert {
        "Tokyo Electric Power Co.",
        "Korean Red Cross",
        "Asia-Pacific Economic Cooperation",
        "Advisory Panel on Reconstruction of the Legal Basis for Security",
    } <= set(found)
    assert not [name for name in found if "Guidelines" in name]
