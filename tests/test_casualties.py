"""How many people a sentence says were killed or injured when it names or describes them rather than giving a number:
a named person and "one other person", "the commander and his guard", "both assailants", a list that says who a count
was, an "including" list whose items are parts of the total; and the near misses that must not be counted."""

from __future__ import annotations

import pytest

from saboot.claims import ExtractionInput
from saboot.extract.rules import PRODUCER, RuleExtractor

EXTRACTOR = RuleExtractor()
LEAD = "Gunmen attacked a checkpoint in Quetta on 3 May 2012. "


def counted(sentence: str) -> tuple[int | None, int | None]:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", LEAD + sentence)).claims
    killed, injured = claim.counts.get("killed"), claim.counts.get("injured")
    return (killed.best if killed else None, injured.best if injured else None)


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("Karim Dad and one other person were killed and two others were injured.", 2, 2),
        # rules.v15: the injured who "succumbed" are dead too (they had not been counted), and "a total of" is one
        # incident's toll (it had been a total over time)
        ("Five died on the spot while two succumbed to their injuries in hospital.", 7, None),
        ("A total of 23 people, among them four women, lost their lives in the attack.", 23, None),
        # ranks are people ("a major and five soldiers" had counted no one), "a major attack" is none
        ("A roadside bomb killed a major and five soldiers.", 6, None),
        ("A captain and two soldiers were martyred in an exchange of fire.", 3, None),
        ("Security forces said they foiled a major attack and killed two militants.", 2, None),
        # rules.v15: the press's "fell victim to target killing" (it had counted no one)
        ("Two Hazara brothers fell victim to target killing on Jinnah Road.", 2, None),
        ("A Shia scholar fell victim to targeted killing in the city.", 1, None),
        ("Samar and four of his relatives were killed in the attack.", 5, None),
        ("Kaker and his son were killed in the attack.", 2, None),
        ("Jan and a guard were killed and another guard was injured.", 2, 1),
        ("The commander and his guard were killed in the attack.", 2, None),
        ("Rahim, a police officer, and his daughter were killed in the attack.", 2, None),
        ("Both attackers were killed in the clash.", 2, None),
        ("Both attackers and one policeman were killed in the clash.", 3, None),
        ("Three uprising members and 14 militants were killed in the clash.", 17, None),
        ("Two armed guards and three passengers were killed.", 5, None),
        ("Two Americans were killed and three others were injured.", 2, 3),
        ("Three people, including a journalist, a translator and a soldier, were killed.", 3, None),
        ("At least six people, including a police chief, a soldier, and four assailants, were killed.", 6, None),
        ("At least two people, the tribal elder and his bodyguard, were killed in the assault.", 2, None),
        ("The gunmen shot and killed a council leader and a school clerk.", 2, None),
        ("The gunmen shot and killed an Afghan Local Police (ALP) district commander.", 1, None),
        ("In addition to the four assailants, five people were killed and 13 others were injured.", 9, 13),
        ("At least one assailant and five police officers were killed. Six police officers were also abducted and "
         "later killed.", 12, None),
        # the attackers "in addition to" whom others died, counted in an earlier sentence
        ("Three suicide bombers stormed the court. In addition to the assailants, seven people were killed.", 10, None),
        ("Six students were poisoned.", None, 6),
        ("Two child suicide bombers blew themselves up. The assailants were the only reported casualties.", 2, None),
        ("A soldier poisoned his colleagues. One soldier was killed and six others were injured.", 1, 6),
        # a person "not injured" is no one injured
        ("Rockets hit the house of Sayyaf. Sayyaf, a former leader, was not injured in the attack.", None, None),
        # what became of the abducted
        ("The gunmen abducted six police officers. The officers were injured and released later.", None, 6),
        # who some of the killed were, after the count, is a part of it, not more dead (rules.v7)
        ("The gunmen stormed the school, killing 141 people, 132 of them children.", 141, None),
        ("The gunmen opened fire, killing 20 people, among them eight Hazaras.", 20, None),
        ("The blast killed 12 people, seven of whom were policemen.", 12, None),
    ],
)  # fmt: skip
def test_people_named_or_described_are_counted(sentence: str, killed: int | None, injured: int | None) -> None:
    assert counted(sentence) == (killed, injured)


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        # "both … and …" joining two kinds of people is no count of two
        ("Both civilians and soldiers were killed in the attack.", None),
        # a place or a force before "and" is no named person
        ("Police and three civilians were killed in the attack.", 3),
        # an "including" list that outgrows its total ends where it stops fitting: the rest adds
        ("Two people, including a child, and three soldiers were killed.", 5),
        # a list after a specific count is more people, not who the count was
        ("Four soldiers, two policemen and two civilians were killed.", 8),
    ],
)  # fmt: skip
def test_near_misses_are_not_counted_as_people(sentence: str, killed: int | None) -> None:
    assert counted(sentence)[0] == killed


def test_the_words_that_carry_each_count_are_its_evidence() -> None:
    text = LEAD + "Kaker and his son were killed in the attack."
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text)).claims
    killed = claim.counts["killed"]
    assert killed.producer == PRODUCER
    assert [text[s.start : s.end] for s in killed.evidence] == ["Kaker and his son were killed"]
    assert [(p.group, p.best, [text[s.start : s.end] for s in p.evidence]) for p in killed.parts] == [
        ("Kaker", 1, ["Kaker"]),
        ("son", 1, ["his son"]),
    ]


@pytest.mark.parametrize(
    ("text", "event_type", "abducted"),
    [
        ("Security forces picked up three students from their homes in Turbat on Monday.", "enforced_disappearance", 3),
        ("Three students were picked up by security forces in Turbat on Monday.", "enforced_disappearance", 3),
        ("He was picked up by security forces in Turbat on Monday.", "enforced_disappearance", 1),
        ("Frontier Corps personnel picked up two brothers from their shop in Panjgur on Monday.", "enforced_disappearance", 2),
        ("The army took away five villagers from Mashkai on Sunday.", "enforced_disappearance", 5),
        # picked up by anyone else, or what was picked up is not people: no one taken
        ("Rescue teams picked up 20 survivors from the rubble in Quetta after the blast killed 12 people.", "bombing", None),
    ],
)  # fmt: skip
def test_people_picked_up_by_state_agents_are_taken_in_an_enforced_disappearance(
    text: str, event_type: str, abducted: int | None
) -> None:
    [claim] = [c for c in EXTRACTOR.extract(ExtractionInput("t", text, published="2015-05-14")).claims if c.kind == "event"]
    taken = claim.counts.get("abducted")
    assert (claim.event_type, taken.best if taken else None) == (event_type, abducted)


def test_the_bodies_the_police_picked_up_are_no_disappearance() -> None:
    text = "Police picked up the bodies of four men from a ravine near Khuzdar on Monday."
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2015-05-14")).claims
    assert all(c.event_type != "enforced_disappearance" and "abducted" not in c.counts for c in claims)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Four officers were killed and two were abducted in the attack. The two hostages were killed shortly after.", 6),
        ("Two soldiers and 60 assailants were killed. In addition, seven soldiers were abducted. Six hostages were killed.", 68),
        # the first count of the killed is of the hostages already, or no one was taken before: nothing to add
        ("Gunmen abducted four hostages at a checkpoint. Two hostages were killed.", 2),
        ("Four officers were killed in the attack. Two hostages were killed later.", 4),
    ],
)  # fmt: skip
def test_hostages_killed_after_an_attack_add_to_those_it_killed(text: str, killed: int) -> None:
    [claim] = [c for c in EXTRACTOR.extract(ExtractionInput("t", LEAD + text)).claims if c.kind == "event"]
    assert claim.counts["killed"].best == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Gunmen ambushed a convoy near Parachinar on Thursday, martyring at least 42 people and wounding 20 others.", 42),
        ("The bullet-riddled bodies of three coal miners were recovered from a mine in Mach on Sunday.", 3),
        ("Eleven coal miners were abducted and later slaughtered in Mach on Sunday.", 11),
        # the dead, once missing: not two missing
        ("The bodies of two missing persons were found in Turbat on Sunday, their families said.", 2),
        # rules.v16: the taken, told by a participle after their count, and what became of them ("held hostage" had
        # taken the count, and the killing none)
        ("Three men held hostage by militants in Khyber district were killed on Sunday, officials said.", 3),
    ],
)  # fmt: skip
def test_the_press_s_other_words_for_the_killed(text: str, killed: int) -> None:
    [claim] = [c for c in EXTRACTOR.extract(ExtractionInput("t", text, published="2021-01-05")).claims if c.kind == "event"]
    assert claim.counts["killed"].best == killed


def test_a_toll_since_a_month_is_an_aggregate_up_to_the_report() -> None:
    text = "Nearly 100 people have been killed in sectarian clashes in Kurram since July."
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2024-11-22")).claims
    assert claim.kind == "aggregate" and claim.counts["killed"].best == 100
    assert (claim.date.start, claim.date.end) == ("2024-07-01", "2024-11-22")
    assert claim.location is not None and claim.location.name == "Kurram District"  # "Kurram": the district


@pytest.mark.parametrize(
    ("sentence", "field", "count"),
    [
        ("The manager was taken hostage.", "abducted", 1),
        ("The owner was taken into custody.", "arrested", 1),
        # taken by state agents: a person only when named, or "he" or "she"; "the story" is no one
        ("The story was picked up by the police.", "abducted", None),
    ],
)  # fmt: skip
def test_a_singular_subject_taken_counts_one_unless_taken_by_state_agents(sentence: str, field: str, count: int | None) -> None:
    text = "Gunmen stormed a bank in Karachi on Monday. " + sentence
    [claim] = [c for c in EXTRACTOR.extract(ExtractionInput("t", text, published="2023-07-31")).claims if c.kind == "event"]
    found = claim.counts.get(field)
    assert (found.best if found else None) == count


def test_a_toll_that_rose_counts_the_dead_not_the_wounded_who_died_and_is_dated_on_or_before_its_day() -> None:
    text = (
        "The death toll in the Sehwan shrine bombing climbed to 90 on Friday as more of the wounded died in "
        "hospitals in Hyderabad and Karachi."
    )
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2017-02-18")).claims
    killed = claim.counts["killed"]
    assert killed.best == 90 and "injured" not in claim.counts  # "the wounded" are people, not a count's verb
    # the day the toll was given bounds the bombing; it is not the bombing's day
    assert (claim.date.start, claim.date.end, claim.date.precision) == (None, "2017-02-17", "unknown")
    assert [s.quote for s in claim.date.evidence] == ["on Friday"]
    assert claim.location is not None and (claim.location.name, claim.location.country) == ("Sehwan", "PK")


@pytest.mark.parametrize(
    "later",
    ["The toll rose to seven on Friday.", "The death toll later climbed to seven as two of the injured died."],
)
def test_a_toll_that_rose_later_is_the_report_s_figure_and_its_day_not_the_attack_s(later: str) -> None:
    text = "A bomb killed five people in Hangu, Pakistan, on Thursday. " + later
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2024-03-02")).claims
    assert (claim.date.start, claim.date.end) == ("2024-02-29", "2024-02-29")
    assert claim.counts["killed"].best == 7  # not 5, nor 5 + 7
    assert [s.quote for s in claim.evidence] == [text.split(". ")[0] + ".", later]


@pytest.mark.parametrize(("toll", "killed"), [("stood at five", 5), ("stood at twenty", 20), ("rose to twelve", 12)])
def test_a_toll_written_as_a_small_number_word_is_read(toll: str, killed: int) -> None:
    # the toll's look-ahead had wanted a letter before "five" ("twenty-five"), so one to twelve were never read
    assert counted("The death toll " + toll + ".") == (killed, None)


@pytest.mark.parametrize(
    ("text", "kind", "abducted"),
    [
        # a person named, even with a title between the name and the verb, is one
        ("Zahid Baloch was picked up by security forces in Quetta on March 18.", "enforced_disappearance", 1),
        ("Zahid Baloch, the chairman of a students' organisation, was picked up by plainclothes men in Quetta on "
         "March 18.", "abduction", 1),
        # taken by men the report does not say are the state's: an abduction, not an enforced disappearance
        ("Two brothers were taken away by unidentified armed men from their home in Panjgur on Sunday.", "abduction", 2),
        # event-types@2026-12e: "bundled into a vehicle by personnel of the security forces" (there had been no claim)
        ("Three men were bundled into a vehicle by personnel of the security forces in Turbat on Sunday.",
         "enforced_disappearance", 3),
        # rules.v14: people taken from a thing are people ("23 passengers from buses" had been a count of buses)
        ("Gunmen abducted 23 passengers from buses in Musakhel on Thursday.", "abduction", 23),
    ],
)  # fmt: skip
def test_people_taken_by_men_the_report_names_or_not(text: str, kind: str, abducted: int) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2014-03-20")).claims
    assert (claim.event_type, claim.counts["abducted"].best) == (kind, abducted)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # rules.v14: "23 passengers from buses" had been a count of buses, and the passengers shot counted nowhere
        ("Gunmen offloaded 23 passengers from buses in Musakhel and shot them dead on Thursday.", 23),
        ("Gunmen offloaded 23 passengers from buses in Musakhel and killed them on Thursday.", 23),
    ],
)
def test_people_taken_off_buses_and_shot_are_counted(text: str, killed: int) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2024-08-27")).claims
    assert claim.counts["killed"].best == killed and claim.location is not None and claim.location.name == "Musakhel"


def test_things_are_still_no_people() -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", "Militants torched 23 oil tanker trucks in Musakhel on Thursday.")).claims
    assert not claim.counts


def test_the_month_of_march_is_no_protest() -> None:
    # "March 18" had been read as a march, so a report of a man taken that day was typed a protest
    text = "Hundreds marched in Quetta on March 4."
    assert [(kind, text[s:e]) for kind, s, e in EXTRACTOR.types.triggers(text, 0, len(text))] == [("protest", "marched")]


def test_what_became_of_the_abducted_is_part_of_the_abduction() -> None:
    text = "Assailants abducted three doctors in Ahu, Sari Pul, Afghanistan. The doctors were released on July 16, 2016."
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2016-07-17")).claims
    assert [s.quote for s in claim.evidence] == [text.split(". ")[0] + ".", text.split(". ")[1]]


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # "a motorcycle … a Shia doctor": the person is the one after the verb, not a phrase from the first "a"
        ("Unknown miscreants riding a motorcycle shot dead a Shia doctor near his clinic in Peshawar on Sunday.", 1, None),
        # the injured who died are among the dead, not injured too
        ("The death toll from Sunday's bomb blast in Karachi's Abbas Town rose to 48 on Monday as three more injured "
         "persons succumbed to their wounds.", 48, None),
        ("A bomb killed five people in Quetta on Sunday. Two injured passengers later died in hospital.", 7, None),
        # those buried are the dead
        ("Hazara leaders refused to bury the 86 victims of Thursday's twin blasts on Alamdar Road in Quetta.", 86, None),
        # rules.v9: those who "received injuries" are injured (had counted no one)
        ("Twenty people received injuries when a bomb exploded in Quetta on Friday, and two died.", 2, 20),
        # rules.v9: the press's other words for the dead (none of these had counted anyone, "two dozen" 2)
        ("Eleven people embraced martyrdom in a blast in Quetta on Friday.", 11, None),
        ("The blast claimed the lives of 11 people in Quetta on Friday.", 11, None),
        ("The blast in Quetta on Friday claimed 11 lives and injured 20.", 11, 20),
        ("Two dozen people were martyred when terrorists attacked a mosque in Peshawar on Friday.", 24, None),
        # rules.v9: who speaks is no victim, whether they "said" or "told reporters" (had been 60)
        ("A suicide bomber killed at least 59 people in Quetta on Monday, a police official told reporters.", 59, None),
    ],
)  # fmt: skip
def test_the_press_s_ways_of_naming_who_died(text: str, killed: int, injured: int | None) -> None:
    [claim] = [c for c in EXTRACTOR.extract(ExtractionInput("t", text, published="2013-03-05")).claims if c.kind == "event"]
    found = claim.counts.get("injured")
    assert (claim.counts["killed"].best, found.best if found else None) == (killed, injured)


def test_a_toll_over_the_first_months_of_the_year_across_the_country_is_an_aggregate() -> None:
    text = "In the first six months of the year, 89 people were killed in sectarian attacks across the country."
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2015-07-02")).claims
    assert claim.kind == "aggregate" and claim.counts["killed"].best == 89
    assert (claim.date.start, claim.date.end) == ("2015-01-01", "2015-06-30")


def test_a_thing_picked_up_by_the_police_is_no_disappearance() -> None:
    # the words of a taking by state agents type an enforced disappearance only when someone is counted taken
    text = "The story of the attack on a bank in Karachi on Monday was picked up by the police."
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2023-07-31")).claims
    assert claim.event_type == "armed_attack" and "abducted" not in claim.counts


def test_the_bodies_of_the_abducted_found_later_are_the_abducted_killed() -> None:
    text = "Gunmen abducted three teachers in Kech on Monday. Their bodies were found a week later."
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2023-07-31")).claims
    assert (claim.counts["abducted"].best, claim.counts["killed"].best) == (3, 3)
    assert len(claim.evidence) == 2


def test_those_who_rallied_protested() -> None:
    text = "Hundreds rallied in Quetta on Sunday against the killing of two lawyers."
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2023-07-31")).claims
    assert sorted(c.event_type for c in claims) == ["armed_attack", "protest"]
    [protest] = [c for c in claims if c.event_type == "protest"]
    assert not protest.counts  # the two lawyers were killed by the violence protested, not at the rally


@pytest.mark.parametrize(
    ("text", "field", "count", "day"),
    [
        # rules.v9: "the number of hostages killed … at 26" is a toll (it had counted no one)
        ("The army put the number of hostages killed in the Jaffar Express attack at 26.", "killed", 26, None),
        # a toll that "stood at" or "reached" a figure on a day bounds the incident's day; it had been the incident's
        ("The death toll from the Quetta blast stood at 26 on Sunday.", "killed", 26, None),
        ("The toll from the Bajaur blast reached 63 on Sunday after more of the wounded died.", "killed", 63, None),
        # people "taken hostage" by an active verb are counted taken (had been counted only in the passive)
        ("Militants took 20 passengers hostage in Bolan on Sunday.", "abducted", 20, "2025-03-09"),
        ("Gunmen stormed a school in Peshawar on Sunday, taking 30 students hostage.", "abducted", 30, "2025-03-09"),
        # rules.v13: hostages rescued, freed or released had been taken (they had been counted nowhere)
        ("Levies rescued three Hazara hostages in Mach on Sunday.", "abducted", 3, "2025-03-09"),
        ("Militants released two hostages in Kunar on Sunday.", "abducted", 2, "2025-03-09"),
        ("Three hostages were rescued by police in Mach on Sunday.", "abducted", 3, "2025-03-09"),
    ],
)  # fmt: skip
def test_a_toll_put_at_a_figure_and_hostages_taken(text: str, field: str, count: int, day: str | None) -> None:
    [claim] = [c for c in EXTRACTOR.extract(ExtractionInput("t", text, published="2025-03-11")).claims if c.kind == "event"]
    assert (claim.counts[field].best, claim.date.start) == (count, day)


@pytest.mark.parametrize(
    "sentence",
    [
        "Two policemen were among those killed in the blast.",
        "The candidate Siraj Raisani was one of those killed in the blast.",
        "Funeral prayers were offered for Siraj Raisani, who was among the people killed in the blast.",
    ],
)
def test_some_of_the_dead_named_among_them_are_no_toll(sentence: str) -> None:
    # rules.v10: "was among those killed" says who was among the dead, not how many died; it had counted 1 (or 2)
    # killed, low, best and high, and pulled the low of the incident's toll down to it
    assert counted(sentence) == (None, None)


def test_attacks_counted_together_at_a_sentence_s_head_are_an_aggregate() -> None:
    # rules.v10: "Two attacks … killed at least 132" counts both; it had been the first attack's toll, in Mastung
    text = (
        "Two attacks on election campaigns killed at least 132 people on Friday. A suicide bombing at a rally in "
        "Mastung, Balochistan, killed 128 people, and a bomb in Bannu, Khyber Pakhtunkhwa, killed four."
    )
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2018-07-13")).claims
    [total] = [c for c in claims if c.kind == "aggregate"]
    assert total.counts["killed"].low == 132 and "count_across_incidents" in total.flags
    events = {c.location.name: c.counts["killed"].best for c in claims if c.kind == "event" and c.location}
    assert events == {"Mastung": 128, "Bannu": 4}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # rules.v17: bombings counted so too (it had been one bombing of 101 dead), but not two at one building
        ("Thursday was the deadliest day in years: two bombings in Quetta killed more than 100 people.", "aggregate"),
        ("Two bombings at a snooker hall in Quetta killed 81 people on Thursday.", "event"),
    ],
)
def test_bombings_counted_together_at_a_sentence_s_head_are_an_aggregate(text: str, kind: str) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2013-01-11")).claims
    assert claim.kind == kind and ("count_across_incidents" in claim.flags) == (kind == "aggregate")


@pytest.mark.parametrize(
    ("text", "deeds"),
    [
        # rules.v15: a day's attacks listed in one sentence, each at its place with its toll, had been three totals
        # "this year" all placed at the first deed's town, Quetta
        ("Friday was one of the bloodiest days this year: a car bomb outside the police chief's office in Quetta "
         "killed 13 people, twin blasts in Parachinar killed 45, and gunmen in Karachi shot dead four policemen who "
         "were breaking their fast.", [("Quetta", 13), ("Parachinar", 45), ("Karachi", 4)]),
        # what follows a comma but opens no deed of its own stays with the deed before it
        ("A bomb killed two people in Peshawar on Monday, wounding five people in the Qissa Khwani bazaar.",
         [("Peshawar", 2)]),
        ("Gunmen killed three men in Quetta on Monday, and police in Mastung said two more were killed.",
         [("Quetta", 3)]),
        # two tolls at one place are no list
        ("Gunmen shot dead three men in Quetta on Monday, and gunmen on motorcycles killed two more in Quetta.",
         [("Quetta", 3)]),
    ],
)  # fmt: skip
def test_deeds_a_sentence_lists_at_places_of_their_own_are_claims_of_their_own(text: str, deeds: list[tuple[str, int]]) -> None:
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2017-06-24")).claims
    got = [(c.location.name if c.location else None, c.counts["killed"].best) for c in claims if c.kind == "event"]
    assert got == deeds and all(c.kind == "event" for c in claims)


@pytest.mark.parametrize(
    "text",
    [
        # rules.v15: the crowd at a vigil or a funeral is not the dead it mourns (it had counted 200 killed, and 2,000)
        "Hundreds held a candlelight vigil in Peshawar on Wednesday for the children killed at the Army Public School.",
        "Thousands of mourners attended the funeral in Quetta of the men shot dead on Thursday.",
    ],
)
def test_a_crowd_that_mourns_is_no_count_of_the_dead(text: str) -> None:
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2014-12-19")).claims
    assert claims and not any("killed" in c.counts for c in claims)


def test_a_toll_that_rose_told_by_officials_is_the_report_s_later_figure() -> None:
    # rules.v15: another figure said by someone had been an allegation beside the incident, even when the toll rose
    text = "Gunmen killed 40 people in Kurram on Thursday. The death toll rose to 42, officials said."
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2024-11-22")).claims
    assert (claim.kind, claim.counts["killed"].best) == ("event", 42)
    text = "Gunmen killed 40 people in Kurram on Thursday. But 52 people were killed, residents said."
    assert [c.kind for c in EXTRACTOR.extract(ExtractionInput("t", text, published="2024-11-22")).claims] == [
        "event",
        "allegation",
    ]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # rules.v15: the dead of the days after an attack are a total over them, from the attack's day on (it had
        # been a clash on the day of the ceasefire told after it)
        ("At least 32 people have been killed in clashes between tribes in Kurram since Thursday's attack on the "
         "convoy, and a ceasefire agreed on Sunday has not held, officials said.", "2024-11-21", "2024-11-25"),
        # a day after the attack it follows opens the span too (it had been that day alone)
        ("More than 80 people have been killed in Kurram since the ambush of the convoy near Bagan on Thursday, "
         "including those who died in the fighting that followed.", "2024-11-21", "2024-11-25"),
    ],
)  # fmt: skip
def test_the_dead_since_an_attack_are_a_total_over_the_days_since(text: str, start: str, end: str) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2024-11-25")).claims
    assert (claim.kind, claim.date.start, claim.date.end) == ("aggregate", start, end)


@pytest.mark.parametrize(
    ("text", "total", "each"),
    [
        # rules.v15: a total over separate incidents that the sentence lists, each with its toll and place, is also
        # a claim of each (it had been the total alone, at Karachi, or at the first place listed)
        ("Three Shia men were shot dead in separate incidents in Karachi on Monday: a doctor in Gulshan-e-Iqbal, a "
         "shopkeeper in Orangi Town and a lawyer in Soldier Bazaar, police said.", ("Karachi", 3),
         [("Gulshan-e-Iqbal", 1), ("Orangi Town", 1), ("Soldier Bazaar", 1)]),
        ("Four people were killed in separate attacks in Balochistan on Monday: two soldiers in Kech and two "
         "policemen near Quetta.", ("Balochistan", 4), [("Kech District", 2), ("Quetta", 2)]),
        # people killed at two places, counted together in one deed's words: a total over the two, and each
        # (the second had not been counted: 1 killed, at the first place)
        ("In separate attacks on Monday, gunmen killed a Shia doctor in Gulshan-e-Iqbal and a shopkeeper in Orangi "
         "Town.", ("Karachi", 2), [("Gulshan-e-Iqbal", 1), ("Orangi Town", 1)]),
        # the total over quarters of one town is placed in the town (it had been the province)
        ("Gunmen killed two men in Hazara Town and one in Marriabad on Monday.", ("Quetta", 3),
         [("Hazara Town", 2), ("Marriabad", 1)]),
        ("Gunmen killed two soldiers in Kech and three civilians in Quetta on Monday.", ("Balochistan", 5),
         [("Kech District", 2), ("Quetta", 3)]),
        # tolls that add up to more than the total are no such list
        ("Two people were killed in separate attacks on Monday: three soldiers in Kech and two policemen in Quetta.",
         ("Kech District", 2), []),
    ],
)  # fmt: skip
def test_a_total_over_separate_incidents_listed_is_a_claim_of_each_too(
    text: str, total: tuple[str, int], each: list[tuple[str, int]]
) -> None:
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2013-03-05")).claims
    [whole] = [(c.location.name if c.location else None, c.counts["killed"].best) for c in claims if c.kind == "aggregate"]
    parts = [(c.location.name if c.location else None, c.counts["killed"].best) for c in claims if c.kind == "event"]
    assert (whole, parts) == (total, each)
    assert all("one_of_several_deeds" in c.flags for c in claims if c.kind == "event")


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        # rules.v17: each deed listed has the victims its item names (each had had all the sentence's: Shia,
        # Christians and police at every quarter), or, naming none, those the sentence names outside the list
        ("Five people were killed in separate attacks in Karachi on Monday: a Shia doctor in Gulshan-e-Iqbal, two "
         "Christian traders in Orangi Town and two policemen in Soldier Bazaar.", [["Shia"], ["Christian"], ["police"]]),
        ("Three Shia men were shot dead in separate incidents in Karachi on Monday: a doctor in Gulshan-e-Iqbal, a "
         "shopkeeper in Orangi Town and a lawyer in Soldier Bazaar.", [["Shia"], ["Shia"], ["Shia"]]),
    ],
)  # fmt: skip
def test_each_deed_listed_has_the_victims_of_its_own_item(text: str, victims: list[list[str]]) -> None:
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2013-03-05")).claims
    assert [[v.name for v in c.victims] for c in claims if c.kind == "event"] == victims


def test_a_deed_called_the_deadliest_this_year_is_one_deed() -> None:
    # rules.v15: "…, in the deadliest attack on security forces in the province this year" had made the bombing a
    # total over the year
    text = (
        "A roadside bomb killed a major and five soldiers in Balochistan on Friday, the army said, in the deadliest "
        "attack on security forces in the province this year."
    )
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2020-05-09")).claims
    assert (claim.kind, claim.date.start, claim.counts["killed"].best) == ("event", "2020-05-08", 6)


def test_one_place_is_no_list_of_deeds() -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", "Gunmen killed two policemen in Quetta on Monday.")).claims
    assert (claim.kind, claim.counts["killed"].best) == ("event", 2) and "one_of_several_deeds" not in claim.flags


def test_the_body_of_one_person_found_is_one_dead() -> None:
    # rules.v10: "the body of a missing person was recovered" had counted no one ("the bodies of" only)
    text = "The bullet-riddled body of a missing person was recovered from Tump area of Kech district on Wednesday."
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2021-11-08")).claims
    assert claim.counts["killed"].best == 1 and claim.location is not None and claim.location.name == "Tump"


def _found_and_taken(text: str) -> list[tuple[str | None, str | None, dict[str, int | None]]]:
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2023-05-10")).claims
    return [(c.location.name if c.location else None, c.date.start, {k: q.best for k, q in c.counts.items()}) for c in claims]


@pytest.mark.parametrize(
    ("text", "found", "taken"),
    [
        # rules.v12: two deeds, the finding and the taking; rules.v11 made one claim, an abduction at Panjgur on the
        # finding's day with four taken and four dead (rules.v10: four taken, no one dead)
        ("The bodies of four men abducted from Panjgur last month were found in Turbat on Monday.",
         ("Turbat", "2023-05-08", {"killed": 4}), ("Panjgur", "2023-04-01", {"abducted": 4})),
        ("Four men abducted from Panjgur last month were found dead in Turbat on Monday.",
         ("Turbat", "2023-05-08", {"killed": 4}), ("Panjgur", "2023-04-01", {"abducted": 4})),
        # the body of a person named; the taking between commas, by the state's agents
        ("The bullet-riddled body of Hafeez Baloch, who had been picked up by security forces from Khuzdar in March, "
         "was found in Turbat on Friday.",
         ("Turbat", "2023-05-05", {"killed": 1}), ("Khuzdar", "2023-03-01", {"abducted": 1})),
        ("Nadir Baloch, who went missing from Gwadar in January, was found dead in Pasni on Tuesday.",
         ("Pasni", "2023-05-09", {"killed": 1}), ("Gwadar", "2023-01-01", {"missing": 1})),
        # killed after they were taken ("an encounter" the CTD reports of men its agents had picked up)
        ("Hafeez Baloch, who had been picked up by security forces from Khuzdar in March, was killed in an encounter "
         "in Turbat on Friday.", ("Turbat", "2023-05-05", {"killed": 1}), ("Khuzdar", "2023-03-01", {"abducted": 1})),
        ("Four men who had been abducted from Panjgur last month were shot dead in Turbat on Monday.",
         ("Turbat", "2023-05-08", {"killed": 4}), ("Panjgur", "2023-04-01", {"abducted": 4})),
        # the finding told first: where the bodies were found follows the place the men were taken from
        ("Police found the bodies of three men who had been kidnapped from Quetta two weeks ago in Mastung on Tuesday.",
         ("Mastung", "2023-05-09", {"killed": 3}), ("Quetta", "2023-04-23", {"abducted": 3})),
    ],
)  # fmt: skip
def test_bodies_found_of_people_taken_before_are_two_deeds(
    text: str, found: tuple[str, str, dict[str, int]], taken: tuple[str, str, dict[str, int]]
) -> None:
    got = _found_and_taken(text)
    assert [(place, str(day), counts) for place, day, counts in got] == [found, taken]


def test_a_later_sentence_of_the_taking_inside_a_finding_s_sentence_is_that_taking() -> None:
    # rules.v12: the taking cut out of the finding's sentence and a later sentence that tells of it are one claim
    text = (
        "The bodies of four men abducted from Panjgur last week were found in Turbat on Tuesday. The men had been "
        "picked up from a bus in Panjgur on May 2, their families said."
    )
    found, taken = EXTRACTOR.extract(ExtractionInput("t", text, published="2023-05-10")).claims
    assert (found.location and found.location.name, found.date.start, found.counts["killed"].best) == ("Turbat", "2023-05-09", 4)
    assert (taken.location and taken.location.name, taken.date.start, taken.counts["abducted"].best) == (
        "Panjgur",
        "2023-05-02",
        4,
    )
    assert len(taken.evidence) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Four men abducted from Panjgur last month were recovered by police in Turbat on Monday.",  # found alive
        "Gunmen abducted four men from Panjgur on Monday. Their bodies were found in Turbat on Tuesday.",  # one, as GTD
        "He was found dead in Turbat a day after he was abducted.",  # the taking not told of the people's noun
        "Four men who were abducted and killed in Turbat on Sunday were buried in Panjgur.",  # one deed, then a burial
    ],
)
def test_a_taking_not_inside_a_finding_of_the_dead_stays_one_claim(text: str) -> None:
    assert len(_found_and_taken(text)) == 1


def test_a_deed_after_which_the_attackers_fled_is_the_deed() -> None:
    # event-types@2026-12g: "fled after killing four" had no word of a type, and the claim was "other"
    text = "Police said the attackers fled after killing four members of a family in Kohat on Tuesday night."
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2023-05-10")).claims
    assert claim.event_type == "armed_attack" and claim.counts["killed"].best == 4


@pytest.mark.parametrize(
    ("text", "kind", "event_type", "killed"),
    [
        # rules.v10: a couple is two; "burnt alive" and "lynched" kill; the victims "accused of blasphemy" do not make
        # the deed an allegation (the couple had been one person, in an allegation; the lynching no claim at all)
        ("A Christian couple was burnt alive in a brick kiln in Kot Radha Kishan by a mob over blasphemy allegations "
         "on Tuesday.", "event", "armed_attack", 2),
        ("A man accused of blasphemy was lynched by a mob in Nankana Sahib on Saturday.", "event", "riot", 1),
        # an accusation of the deed itself is still one
        ("Relatives accused the police of killing two men in Quetta on Saturday.", "allegation", "armed_attack", 2),
    ],
)  # fmt: skip
def test_a_mob_s_victims_accused_of_blasphemy(text: str, kind: str, event_type: str, killed: int) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2023-05-10")).claims
    assert (claim.kind, claim.event_type, claim.counts["killed"].best) == (kind, event_type, killed)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # rules.v10: "…, the third attack on the community this year" had made the killing a total of the year's
        ("Gunmen killed a Sikh trader in Peshawar on Sunday, the third attack on the community this year.", 1),
        # rules.v14: so had "the latest of several attacks", "the latest in a series of attacks"
        ("A suicide bomber killed seven people near the cantonment in Rawalpindi on Sunday, the latest of several "
         "attacks on the garrison city.", 7),
        ("Gunmen killed four Hazara men in Quetta on Sunday, the latest in a series of attacks on the community.", 4),
    ],
)  # fmt: skip
def test_an_attack_placed_in_a_series_of_the_year_is_one_attack(text: str, killed: int) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2023-05-10")).claims
    assert (claim.kind, claim.date.start, claim.counts["killed"].best) == ("event", "2023-05-07", killed)
    assert "across_incidents" not in claim.flags


def test_deaths_in_a_series_of_attacks_are_a_total() -> None:
    text = "Four people were killed in a series of attacks in Quetta on Sunday."
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2023-05-10")).claims
    assert (claim.kind, claim.counts["killed"].best) == ("aggregate", 4) and "across_incidents" in claim.flags


@pytest.mark.parametrize(
    ("text", "field", "taken", "names"),
    [
        # rules.v11: a named pair that "went missing" is two (it was one, the last name's); people named and then
        # "who were picked up" are taken, though no place they were taken from is given (they were no one)
        ("The brothers Nadir Baloch and Sameer Baloch went missing in Turbat on Monday.", "missing", 2, True),
        ("Nadir Baloch and Sameer Baloch, who were picked up on Monday, have not been produced in any court.",
         "abducted", 2, True),
        # picked up by a passer-by takes no one
        ("A man who was picked up by a passing car in Turbat on Monday survived.", "abducted", None, False),
    ],
)  # fmt: skip
def test_people_named_and_then_taken_or_gone_missing(text: str, field: str, taken: int | None, names: bool) -> None:
    counts = [c.counts.get(field) for c in EXTRACTOR.extract(ExtractionInput("t", text, published="2022-03-09")).claims]
    found = [q for q in counts if q is not None]
    assert [q.best for q in found] == ([taken] if taken else [])
    assert all(q.qualifier == "named persons" for q in found) and bool(found) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # rules.v12: a name in apposition to a count of one, and the body of a person named, name the victim
        ("Levies found the body of a schoolteacher, Hafeez Baloch, on the outskirts of Turbat on Friday.",
         ["Hafeez Baloch"]),
        ("Assailants shot and killed a teacher, Mohammad Amin, in Kanjarkhel on Tuesday.", ["Mohammad Amin"]),
        ("The body of Waheed Ahmed, a shopkeeper, was found in Turbat on Friday.", ["Waheed Ahmed"]),
        ("Hafeez Baloch, a schoolteacher, was picked up by security forces from his home in Khuzdar on Saturday.",
         ["Hafeez Baloch"]),
        ("The body of a man, later identified as Hafeez Baloch, was found in Turbat on Friday.", ["Hafeez Baloch"]),
        ("Hafeez Baloch's bullet-riddled body was found in Turbat on Friday.", ["Hafeez Baloch"]),
        # rules.v13: or goes on to tell what befell the one counted (the name had been a group, "Baloch")
        ("Zahid Baloch, a student who went missing from Turbat in March, returned home on Sunday.", ["Zahid Baloch"]),
        # a speaker after the count is no victim, nor is a place before it
        ("Militants killed a soldier in Quetta on Monday, Major Ali Khan, the spokesman, said.", []),
        ("In Quetta, a policeman was shot dead on Monday.", []),
    ],
)  # fmt: skip
def test_a_person_named_beside_a_count_of_one_is_its_victim(text: str, names: list[str]) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2022-05-07")).claims
    assert [q.best for q in claim.counts.values()] == [1]
    assert [a.name for a in claim.victims if a.kind == "person"] == names


@pytest.mark.parametrize(
    ("text", "field", "count", "names"),
    [
        # rules.v12 (extract/names.py): a name's word may join its parts by an apostrophe or a hyphen; a named pair
        # with one counted no one, and a person named "and his son" no one
        ("Judith D'Souza and Ali Khan were abducted in Karachi on Monday.", "abducted", 2,
         ["Judith D'Souza", "Ali Khan"]),
        ("Gunmen shot dead Abdul-Haq Baloch and two other people in Quetta on Monday.", "killed", 3, ["Abdul-Haq Baloch"]),
        ("Militants shot dead Karim Khan and his son in Quetta on Monday.", "killed", 2, ["Karim Khan"]),
    ],
)  # fmt: skip
def test_names_written_with_apostrophes_hyphens_or_kin_are_counted(text: str, field: str, count: int, names: list[str]) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2022-05-07")).claims
    assert claim.counts[field].best == count
    assert [a.name for a in claim.victims if a.kind == "person"] == names


@pytest.mark.parametrize(
    ("text", "killed", "victims"),
    [
        # rules.v12: the bodies a finding counts as its object; who finds them is no victim (it had counted no one,
        # and the police as the victims)
        ("Police recovered two bullet-riddled bodies from Turbat on Friday.", 2, []),
        ("Two policemen were found dead in Turbat on Friday.", 2, ["police"]),
    ],
)
def test_bodies_found_are_counted_and_who_found_them_is_no_victim(text: str, killed: int, victims: list[str]) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2022-05-07")).claims
    assert claim.counts["killed"].best == killed and [a.name for a in claim.victims] == victims


@pytest.mark.parametrize(
    ("text", "taking", "field", "protest_at"),
    [
        # rules.v12: one person, gone missing or picked up, whose release a protest demands: a taking of its own,
        # named (the protest alone had been read), and the protest where it is held, not where he went missing
        ("Students protested in Quetta on Friday demanding the recovery of Zahid Baloch, who went missing in March.",
         "disappearance", "missing", "Quetta"),
        ("Students protested in Quetta on Friday for the release of Zahid Baloch, who was picked up by security "
         "forces in March.", "enforced_disappearance", "abducted", "Quetta"),
        ("Lateef Johar has been on a hunger strike outside the Karachi Press Club for a month demanding the release "
         "of Zahid Baloch, who went missing in Quetta on March 18.", "disappearance", "missing", "Karachi"),
    ],
)  # fmt: skip
def test_a_protest_for_one_person_taken_is_a_protest_and_a_taking(text: str, taking: str, field: str, protest_at: str) -> None:
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2014-04-22")).claims
    [taken] = [c for c in claims if c.event_type == taking]
    [protest] = [c for c in claims if c.event_type == "protest"]
    assert taken.counts[field].best == 1 and [a.name for a in taken.victims if a.kind == "person"] == ["Zahid Baloch"]
    assert (taken.date.start or "")[:7] == "2014-03" and protest.location and protest.location.name == protest_at


def test_a_protest_for_the_release_of_people_taken_days_before_dates_each() -> None:
    # event-types@2026-12i: "for the release of …, who were taken away … on Monday" names the taking the protest is
    # over (it was read as a taking on Wednesday, the protest's day, and the protest was lost)
    text = (
        "Students protested in Turbat on Wednesday for the release of Nadir Baloch and Sameer Baloch, who were taken "
        "away by men in plain clothes on Monday."
    )
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2022-03-09")).claims
    days = {c.event_type: c.date.start for c in claims}
    assert days == {"abduction": "2022-03-07", "protest": "2022-03-09"}


@pytest.mark.parametrize(
    ("text", "tolls", "owner"),
    [
        # rules.v18: a toll naming its incident by a kind the incident told just before it is not of is the earlier
        # incident's (it had been read with the convoy's, its words among the convoy's evidence, and the clashes had
        # no toll)
        ("Tribal clashes erupted in Kurram on Saturday, two days after gunmen attacked a convoy near Bagan, killing 42 "
         "people. At least 32 people have been killed in the clashes.",
         {"clash": 32, "armed_attack": 42}, "clash"),
        # a toll naming the kind of the incident told last stays with it
        ("A bomb killed five people in Quetta on Monday. Gunmen ambushed a bus near Mastung on Tuesday. At least "
         "nine passengers were killed in the attack.",
         {"bombing": 5, "armed_attack": 9}, "armed_attack"),
        # "the attack" may be any kind's, so it names no earlier attack: the bombing told last keeps its words
        ("Gunmen attacked a police post in Mastung on Friday, killing two policemen. A blast tore through a market in "
         "Quetta on Saturday and 20 people died. Three more people died in the attack.",
         {"armed_attack": 2, "bombing": 20}, "bombing"),
    ],
)  # fmt: skip
def test_a_toll_goes_to_the_incident_it_names(text: str, tolls: dict[str, int], owner: str) -> None:
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2024-11-28")).claims
    assert {c.event_type: c.counts["killed"].best if "killed" in c.counts else None for c in claims} == tolls
    toll = text[text.rindex(". ") + 2 :]
    assert [c.event_type for c in claims if any(toll in e.quote for e in c.evidence)] == [owner]
