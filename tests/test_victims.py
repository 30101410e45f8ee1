"""Who a claim says was harmed: a group that speaks ("police said", "residents told reporters") is the report's
source, not a victim, unless the sentence also names it among the dead."""

from __future__ import annotations

import pytest

from saboot.claims import ExtractionInput
from saboot.extract.rules import RuleExtractor

EXTRACTOR = RuleExtractor()


@pytest.mark.parametrize(
    ("text", "victims", "source"),
    [
        ("Gunmen shot dead three people in Mastung on 3 May 2012, police said.", {"civilians"}, "police"),
        ("Police said three policemen were killed in a blast in Quetta on 3 May 2012.", {"police"}, "Police"),
        ("Residents told reporters that gunmen killed five pilgrims in Quetta on 3 May 2012.", {"pilgrims"}, "Residents"),
        ("Gunmen killed five residents of Quetta on 3 May 2012.", {"civilians"}, None),
        # rules.v15: one who speaks (officials had been victims)
        ("Gunmen shot dead three people in Mastung on 3 May 2012, a local official said.", {"civilians"},
         "a local official"),
        ("Gunmen shot dead three people in Mastung on 3 May 2012, a senior police official said.", {"civilians"},
         "a senior police official"),
        # a word of a place's name is no group of victims (gazetteer@2026-12l knows Soldier Bazaar, a quarter of
        # Karachi; its victims had been soldiers)
        ("A lawyer was shot dead in Soldier Bazaar, Karachi, on 3 May 2012, police said.", set(), "police"),
        ("Five Hazaras were shot dead in Hazara Town, Quetta, on 3 May 2012, police said.", {"Hazara"}, "police"),
        # actors@2026-12b: the Levies are a police force (its men had been no group)
        ("Three Levies personnel were killed when their vehicle hit a landmine in Dera Bugti on 3 May 2012.", {"police"},
         None),
        ("Two cops were martyred in Peshawar firing on 3 May 2012.", {"police"}, None),
        # rules.v15: a force named inside a group that suffered the deed is that group (the Frontier Corps had taken
        # the words, and the soldiers had been no victims)
        ("Two FC personnel were martyred when terrorists opened fire on their vehicle in Panjgur on 3 May 2012.",
         {"soldiers"}, None),
        # actors@2026-12d: people targeted for where they come from (these had been no group, or civilians only)
        ("Armed men killed seven Punjabi labourers in Gwadar on 3 May 2012.", {"Punjabi"}, None),
        ("Five Chinese engineers and their Pakistani driver were killed near Besham on 3 May 2012, police said.",
         {"Chinese"}, "police"),
    ],
)  # fmt: skip
def test_a_group_that_speaks_is_a_source_not_a_victim(text: str, victims: set[str], source: str | None) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text)).claims
    assert {v.name for v in claim.victims} == victims
    assert (claim.attributed_to.source if claim.attributed_to else None) == source
    assert all(text[s.start : s.end] == s.quote for v in claim.victims for s in v.evidence)


@pytest.mark.parametrize(
    ("text", "genre", "names_sources"),
    [
        # rules.v15: "martyred", the army's and the press's routine word, no longer makes a short report opinion, and
        # "the army said" or "the military's media wing said" name a source (both reports had been opinion with no
        # named source)
        ("Six soldiers, including a major, were martyred when their vehicle was hit by a roadside bomb in Kech on "
         "Friday, the military's media wing said. The soldiers were martyred while returning from a patrol.",
         "reporting", True),
        ("A roadside bomb killed six soldiers in Balochistan on Friday, the army said.", "reporting", True),
        # words that charge a text still do
        ("The brutal and horrific massacre of innocent martyrs was a barbaric genocide.", "opinion", False),
    ],
)  # fmt: skip
def test_the_press_s_routine_words_and_the_army_s_statements(text: str, genre: str, names_sources: bool) -> None:
    signals = EXTRACTOR.extract(ExtractionInput("t", text)).signals
    assert (signals.genre, signals.names_sources) == (genre, names_sources)


def test_the_place_soldiers_were_killed_named_at_their_funeral_is_the_deed_s() -> None:
    # rules.v15: "martyred" is a word of violence after a funeral's (Kech had been the mourners' place, and nowhere
    # placed the deed); the funeral's day bounds the deed's
    text = "Funeral prayers for the six soldiers martyred in Kech were offered in Quetta and Rawalpindi on Saturday."
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2020-05-10")).claims
    assert claim.location is not None and claim.location.name == "Kech District"
    assert (claim.date.start, claim.date.end, claim.counts["killed"].best) == (None, "2020-05-09", 6)


def test_the_day_families_received_the_bodies_bounds_the_deed_and_their_province_is_not_its_place() -> None:
    # rules.v16: families who take the dead home mourn them ("received their bodies in Punjab on Tuesday" had been the
    # day of the killing)
    text = "Families of the 23 passengers killed in Musakhel received their bodies in Punjab on Tuesday."
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2024-08-28")).claims
    assert claim.location is not None and claim.location.name == "Musakhel"
    assert (claim.date.start, claim.date.end, claim.counts["killed"].best) == (None, "2024-08-27", 23)
    # where the dead came from is not where they were killed ("most of them from Punjab" had placed it in Punjab)
    text = "Militants in Balochistan province shot dead 23 people on Monday, most of them from Punjab, police said."
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2024-08-26")).claims
    assert claim.location is not None and (claim.location.name, claim.location.precision) == ("Balochistan", "province")
