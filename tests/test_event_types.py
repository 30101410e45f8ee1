"""What type an event is: in one report (the extractor) and across the reports of one incident (reconciliation)."""

from __future__ import annotations

import pytest

from saboot.claims import Claim, DateValue, ExtractionInput
from saboot.extract.rules import RuleExtractor
from saboot.link.reconcile import event_type

EXTRACTOR = RuleExtractor()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "attack" says only that there was violence; the blast the next sentence names says what it was
        ("Sindh mourned after Thursday's attack on the shrine in Sehwan. The government said 83 had died in the blast.",
         "bombing"),
        # a mortar fired in an assault is part of the assault, as GTD codes it
        ("Assailants attacked a security post in Mihtarlam, Laghman. The assailants fired a mortar that struck a school, "
         "killing two students.", "armed_attack"),
        # words that say how: the first sentence decides
        ("Gunmen opened fire on a bus in Mastung, killing 26. A bomb was found on the road later.", "armed_attack"),
        # event-types@2026-12j: the press's "firing" and "sprayed bullets" (each had been of no type)
        ("Two cops were martyred and one injured in Peshawar firing.", "armed_attack"),
        ("Men on motorcycles sprayed bullets on a van in Quetta, leaving four dead.", "armed_attack"),
    ],
)  # fmt: skip
def test_a_word_that_says_only_attack_yields_to_a_later_one_that_says_bomb(text: str, expected: str) -> None:
    claims = [c for c in EXTRACTOR.extract(ExtractionInput("t", text, published="2017-02-19")).claims if c.kind == "event"]
    assert [c.event_type for c in claims] == [expected]


def _claim(kind: str, n: int) -> Claim:
    return Claim(
        id=f"c-{n}", document_id=f"d-{n}", kind="event", event_type=kind, attributes=(),
        date=DateValue(None, None, "unknown", (), "test"), location=None, counts={}, perpetrators=(), victims=(),
        attributed_to=None, flags=(), evidence=(), producer="test",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        (["armed_attack", "bombing"], "bombing"),  # a tie: the vocabulary's order, not which claim came first
        (["bombing", "armed_attack"], "bombing"),
        (["armed_attack", "bombing", "armed_attack"], "armed_attack"),  # most claims
        (["other", "other", "clash"], "clash"),  # ``other`` only when no claim gives another
        (["other"], "other"),
    ],
)  # fmt: skip
def test_an_incident_s_type_is_the_one_most_claims_give_and_of_equals_the_more_specific(types: list[str], expected: str) -> None:
    assert event_type([_claim(t, n) for n, t in enumerate(types)]) == expected


def test_protesters_fired_on_are_the_deed_s_target_not_a_protest_over_it() -> None:
    # rules.v15: "protesters" had made the killing a violence protested against, and the toll was lost
    text = "FC personnel opened fire on protesters in Turbat on Wednesday, killing two."
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2020-05-09")).claims
    assert (claim.event_type, claim.counts["killed"].best) == ("armed_attack", 2)


def test_a_protest_that_counts_the_victims_of_what_it_protests_is_two_events() -> None:
    text = "Tribal elders in Kurram staged a sit-in on Monday demanding protection after the market blasts that killed 72 people."
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2017-06-27")).claims
    by_type = {c.event_type: c for c in claims}
    assert sorted(by_type) == ["bombing", "protest"] and all(c.kind == "event" for c in claims)
    blasts, sit_in = by_type["bombing"], by_type["protest"]
    assert blasts.counts["killed"].best == 72 and not sit_in.counts  # the sit-in killed no one
    assert (sit_in.date.start, sit_in.date.end) == ("2017-06-26", "2017-06-26")
    # the blasts happened on or before the day of the sit-in over them, not on it
    assert (blasts.date.start, blasts.date.end, blasts.date.precision) == (None, "2017-06-26", "unknown")
    assert blasts.location is not None and blasts.location.name == "Kurram District"


@pytest.mark.parametrize(
    ("text", "place", "killed"),
    [
        ("Hundreds protested in Kargil on Monday against the killings of Shias in Parachinar.", "Parachinar", None),
        # killings, not one incident: what the protesters allege, whatever its count
        ("Thousands protested in Turbat on Monday against the killings of 30 Baloch youths in Kech.", "Kech District", 30),
        # rules.v15: the dead found, where they were found (the protest had counted the two dead as its own)
        ("Students protested in Quetta on Monday against the recovery of the bodies of two of their members in Turbat.",
         "Turbat", 2),
    ],
)  # fmt: skip
def test_a_protest_over_many_killings_is_an_allegation_placed_where_they_were_and_dated_on_or_before_it(
    text: str, place: str, killed: int | None
) -> None:
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2021-01-05")).claims
    [allegation] = [c for c in claims if c.kind == "allegation"]
    assert (allegation.date.start, allegation.date.end) == (None, "2021-01-04")
    assert allegation.location is not None and allegation.location.name == place
    found = allegation.counts.get("killed")
    assert (found.best if found else None) == killed
    [protest] = [c for c in claims if c.kind == "event"]
    assert (
        protest.event_type == "protest" and not protest.counts and (protest.date.start, protest.date.end) == ("2021-01-04",) * 2
    )


@pytest.mark.parametrize(
    ("text", "kind", "field", "count"),
    [
        ("The Islamic State group claimed the killing of 11 coal miners in Mach on Sunday.", "armed_attack", "killed", 11),
        ("Hazara mourners would not bury the 11 miners slaughtered in Mach on Sunday until the killers were caught.",
         "armed_attack", "killed", 11),
        ("Police said the abduction of two engineers in Kech on Monday was the work of a gang.", "abduction", "abducted", 2),
    ],
)  # fmt: skip
def test_a_deed_named_as_a_noun_counts_whom_it_was_done_to(text: str, kind: str, field: str, count: int) -> None:
    # "the killing of 11 coal miners" had been no claim at all, and "slaughtered" no type
    [claim] = [c for c in EXTRACTOR.extract(ExtractionInput("t", text, published="2021-01-05")).claims if c.kind == "event"]
    assert (claim.event_type, claim.counts[field].best) == (kind, count)


def test_the_killing_of_a_people_in_general_is_no_incident() -> None:
    text = "The relentless killing of Shias continues unabated in Pakistan."
    assert not [c for c in EXTRACTOR.extract(ExtractionInput("t", text)).claims if c.kind == "event"]


@pytest.mark.parametrize(
    ("text", "kind", "event_type", "field", "count"),
    [
        # event-types@2026-12c: takers in plain clothes are unnamed; with the state's uniformed agents, the state's
        ("Zahid Baloch was picked up by men in plain clothes from Quetta on Tuesday.", "event", "abduction", "abducted", 1),
        ("Zahid Baloch was picked up by men in plain clothes and uniformed security personnel from Quetta on Tuesday.",
         "event", "enforced_disappearance", "abducted", 1),
        # gone missing, with no word of a taking or a taker: a disappearance, one person when a person is named
        ("Zahid Baloch, who went missing in Quetta on March 18, has not been traced.", "event", "disappearance", "missing", 1),
        ("Two students went missing in Turbat on Monday.", "event", "disappearance", "missing", 2),
        # "allegedly by" alleges who did it, not the deed: an event, its perpetrator attributed
        ("Zahid Baloch was abducted in Quetta on 18 March, allegedly by the Frontier Corps.", "event",
         "enforced_disappearance", "abducted", 1),
        # rules.v8: "have been missing" tells of people gone missing too
        ("Two students from Turbat have been missing since March, their families said.", "event", "disappearance",
         "missing", 2),
        # those who did it disappearing is no disappearance
        ("The gunmen shot dead two men and disappeared into the crowd in Quetta on Monday.", "event", "armed_attack",
         "killed", 2),
        # rules.v10, event-types@2026-12f: "were picked up from" takes them, by whom the report does not say; "the
        # disappearance of two students" counts them missing (neither had made a claim)
        ("Sohail Baloch and Fasihullah Baloch were picked up from the hostel of the University of Balochistan in Quetta "
         "on Monday.", "event", "abduction", "abducted", 2),
        ("The government formed a committee to investigate the disappearance of two students from a hostel in Quetta "
         "on Monday.", "event", "disappearance", "missing", 2),
    ],
)  # fmt: skip
def test_people_taken_or_gone_missing(text: str, kind: str, event_type: str, field: str, count: int) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2014-04-01")).claims
    assert (claim.kind, claim.event_type, claim.counts[field].best) == (kind, event_type, count)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("The bodies of three Baloch students who had been missing since March were found in Mastung on Sunday.", "other"),
        ("The bullet-riddled bodies of three Baloch students who had been missing since March were found dumped in "
         "Mastung on Sunday.", "armed_attack"),
    ],
)  # fmt: skip
def test_the_day_bodies_were_found_is_not_the_day_since_which_they_were_missing(text: str, event_type: str) -> None:
    # rules.v8: a date after "since" in a report of one event is when a state began, not the event's day; rules.v12:
    # their going missing is a claim of its own (it had been left out)
    found, gone = EXTRACTOR.extract(ExtractionInput("t", text, published="2014-04-01")).claims
    assert (found.date.start, found.date.precision, found.counts["killed"].best) == ("2014-03-30", "day", 3)
    assert found.event_type == event_type and "missing" not in found.counts
    assert (gone.event_type, gone.date.start, gone.counts["missing"].best) == ("disappearance", "2014-03-01", 3)
    assert "killed" not in gone.counts and gone.location is None  # taken from no place the report gives


def test_a_strike_called_to_mourn_the_dead_is_a_protest_not_the_day_of_the_killing() -> None:
    # event-types@2026-12d: "observed a strike on Thursday" had dated the killing it mourns (Kohistan, 28 February 2012)
    text = "Gilgit-Baltistan observed a strike on Thursday to mourn the 18 passengers killed in Kohistan."
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2012-03-02")).claims
    by_type = {c.event_type: c for c in claims if c.kind == "event"}
    protest = by_type["protest"]
    # held where the strike was, not where the dead it mourns were killed
    assert (protest.date.start, protest.location and protest.location.name) == ("2012-03-01", "Gilgit-Baltistan")
    killing = by_type["armed_attack"]
    assert (killing.date.start, killing.date.end, killing.counts["killed"].best) == (None, "2012-03-01", 18)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rules.v8: the incident a sentence names "a day after" is another, a day before its own
        ("Gunmen shot dead two policemen in Karachi on Wednesday night, a day after a bomb killed 11 people in Quetta.",
         [("armed_attack", "2012-03-07", "Karachi", 2), ("bombing", "2012-03-06", "Quetta", 11)]),
        # "days after": an earlier incident named in passing, of no day known; the operation is not a bombing
        ("Security forces killed four militants in a targeted operation in Quetta on Monday, days after the Hazara "
         "Town bombing.", [("armed_attack", "2012-03-05", "Quetta", 4), ("bombing", None, "Hazara Town", None)]),
        # a burial "a day after" the attack tells of the attack only
        ("Members of the Ahmadi community buried 86 people in Rabwah on Saturday, a day after gunmen attacked their "
         "places of worship during Friday prayers.", [("armed_attack", "2012-03-02", None, 86)]),
    ],
)  # fmt: skip
def test_an_earlier_incident_named_after_a_comma_is_a_claim_of_its_own(
    text: str, expected: list[tuple[str, str | None, str | None, int | None]]
) -> None:
    claims = [c for c in EXTRACTOR.extract(ExtractionInput("t", text, published="2012-03-08")).claims if c.kind == "event"]
    found = [
        (c.event_type, c.date.start, c.location and c.location.name, c.counts.get("killed") and c.counts["killed"].best)
        for c in claims
    ]
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        # rules.v8: the press's words for a named person shot dead make a targeted killing, with the one person counted
        "Journalist Arshad Khan was shot dead by unidentified gunmen outside his home in Khuzdar on Sunday night.",
        "Unidentified gunmen shot dead journalist Arshad Khan outside his home in Khuzdar on Sunday night.",
    ],
)
def test_a_person_named_with_a_role_and_shot_dead_is_a_targeted_killing(text: str) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2020-05-11")).claims
    assert (claim.event_type, claim.counts["killed"].best, claim.date.start) == ("targeted_killing", 1, "2020-05-10")


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        # rules.v8: "Separately," opens another incident; the two policemen injured by the bomb had been lost to the
        # abduction, as if the abducted
        ("Two policemen were injured when a roadside bomb exploded near their vehicle in Khuzdar on Tuesday. Separately, "
         "gunmen abducted a government school teacher from Wadh.", [("bombing", "injured", 2), ("abduction", "abducted", 1)]),
    ],
)  # fmt: skip
def test_separately_opens_another_incident(text: str, claims: list[tuple[str, str, int]]) -> None:
    found = EXTRACTOR.extract(ExtractionInput("t", text, published="2020-05-13")).claims
    assert [(c.event_type, field, c.counts[field].best) for c, (_, field, _) in zip(found, claims, strict=True)] == claims


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rules.v9: a deed set hours before, or earlier in the morning than, the one before it is another incident of
        # that day; the shooting had been one incident with the bombing, the one killed lost
        ("A bomb exploded in Quetta on Monday, killing 25 people. Hours earlier, gunmen shot dead a lawyer in Quetta.",
         [("bombing", "2016-08-08", 25), ("armed_attack", "2016-08-08", 1)]),
        ("A suicide bomber killed 70 people at a hospital in Quetta on Monday. The bar association's president had been "
         "shot dead by gunmen earlier in the morning.", [("bombing", "2016-08-08", 70), ("armed_attack", "2016-08-08", 1)]),
        # a toll that rose later in the day, or hostages rescued hours later, are the same incident
        ("A bomb exploded in Quetta on Monday, killing 25 people. Later in the day, the death toll rose to 30.",
         [("bombing", "2016-08-08", 30)]),
        ("Gunmen stormed a house in Quetta on Monday and killed three people. Eighteen people were taken hostage and "
         "rescued by security forces ten hours later.", [("abduction", "2016-08-08", 3)]),
    ],
)  # fmt: skip
def test_a_deed_told_as_hours_before_the_one_before_it_is_another_incident(
    text: str, expected: list[tuple[str, str, int]]
) -> None:
    claims = [c for c in EXTRACTOR.extract(ExtractionInput("t", text, published="2016-08-08")).claims if c.kind == "event"]
    assert [(c.event_type, c.date.start, c.counts["killed"].best) for c in claims] == expected


@pytest.mark.parametrize(
    "text",
    [
        # rules.v9: the abducted whom the abductors "killed them" or "shot them dead" are killed (had been abducted only)
        "Gunmen abducted eleven coal miners from the Hazara community and killed them in the Machh area of Bolan "
        "district early on Sunday.",
        "Gunmen abducted eleven coal miners near Mach on Sunday. The attackers tied their hands and shot them dead.",
    ],
)
def test_the_abducted_whom_the_abductors_killed_are_killed(text: str) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2021-01-03")).claims
    assert (claim.counts["abducted"].best, claim.counts["killed"].best) == (11, 11)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rules.v9: what an "after …" clause tells led to the deed; the killing of Hayat Baloch (Turbat, 13 August
        # 2020) had been typed a bombing
        ("Hayat Mirza Baloch, a student, was shot dead by a Frontier Corps soldier in Turbat's Absar area on Thursday, "
         "after a roadside bomb went off near an FC vehicle.", "armed_attack"),
        # a sentence whose only deed named as more than violence is in its "after …" clause keeps it
        ("Two people were killed after a bomb exploded in a market in Quetta on Sunday.", "bombing"),
    ],
)  # fmt: skip
def test_an_after_clause_tells_what_led_to_the_deed_not_the_deed(text: str, expected: str) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2020-08-14")).claims
    assert claim.event_type == expected


def test_attacks_in_two_towns_are_counted_together_and_a_killing_the_same_day_elsewhere_is_its_own() -> None:
    # rules.v9, 23 June 2017: the toll of the attacks in Quetta and Parachinar is a total over incidents (it had been
    # one armed attack in Quetta with 85 killed), and the Karachi shooting after ", while" an incident of that day
    # (it had been lost)
    text = (
        "Friday's attacks in Quetta and Parachinar killed at least 85 people, while four policemen were shot dead in "
        "Karachi the same day."
    )
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2017-06-24")).claims
    found = [(c.kind, c.location and c.location.name, c.date.start, c.counts.get("killed")) for c in claims]
    found = [(kind, where, day, killed and killed.best) for kind, where, day, killed in found]
    # rules.v12: an attack in each town, the toll a total over them placed in the country (it was placed in Quetta)
    assert found == [
        ("aggregate", "PK", "2017-06-23", 85),
        ("event", "Quetta", "2017-06-23", None),
        ("event", "Parachinar", "2017-06-23", None),
        ("event", "Karachi", "2017-06-23", 4),
    ]


def test_a_boycott_of_classes_over_students_taken_is_a_protest_and_their_taking_a_claim_of_its_own() -> None:
    # rules.v10, event-types@2026-12f: neither the boycott nor the taking it protests had made a claim
    text = (
        "Students boycotted classes in Quetta on Monday to demand the recovery of Sohail Baloch and Fasihullah Baloch, "
        "who were picked up from their hostel last week."
    )
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2021-11-08")).claims
    by_type = {c.event_type: c for c in claims}
    assert set(by_type) == {"protest", "abduction"} and by_type["abduction"].counts["abducted"].best == 2
    assert by_type["protest"].date.start == "2021-11-08" and (by_type["abduction"].date.end or "") < "2021-11-08"
    # a thing picked up from a place takes no one
    goods = EXTRACTOR.extract(ExtractionInput("t", "The goods were picked up from the port in Karachi on Monday.")).claims
    assert all(c.event_type != "abduction" and "abducted" not in c.counts for c in goods)


def test_a_protest_over_the_killing_of_one_person_is_two_events() -> None:
    # event-types@2026-12g: "the killing of a Hazara shopkeeper" named no deed ("the killing of" took a number only),
    # and the protest itself had carried the one killed
    text = "Hundreds protested in Quetta on Thursday over the killing of a Hazara shopkeeper."
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2023-08-17")).claims
    by_type = {c.event_type: c for c in claims}
    assert set(by_type) == {"protest", "armed_attack"} and "killed" not in by_type["protest"].counts
    assert by_type["armed_attack"].counts["killed"].best == 1


@pytest.mark.parametrize(
    ("text", "kind", "event_type"),
    [
        # rules.v10: the attacks arrests are made "over" are what led to them (the arrests had been an armed attack)
        ("Police arrested more than 100 people on Thursday over the attacks on churches in Jaranwala.", "event", "arrest"),
        # the men "accused of desecrating the Quran" are accused; the mob's arson is no allegation
        ("A mob set fire to several churches in Jaranwala on Wednesday after two Christian men were accused of "
         "desecrating the Quran, police said.", "event", "attack_on_property"),
    ],
)  # fmt: skip
def test_what_led_to_a_deed_does_not_type_it(text: str, kind: str, event_type: str) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2023-08-17")).claims
    assert (claim.kind, claim.event_type) == (kind, event_type)


@pytest.mark.parametrize(
    ("text", "kind", "event_type"),
    [
        # event-types@2026-12h: the families of missing persons who camp or strike protest; "missing persons" names
        # them (the sentences had been enforced disappearances)
        ("Families of missing persons have been camping outside the Quetta Press Club for more than 5,000 days.",
         "event", "protest"),
        ("Relatives of missing persons began a hunger strike outside the Karachi Press Club on Monday.", "event",
         "protest"),
        # rules.v10: a month's count "in April alone" is a total over incidents
        ("The Voice for Baloch Missing Persons said 47 people had been forcibly disappeared from Balochistan in April "
         "alone.", "aggregate", "enforced_disappearance"),
        # who recovers the abducted did not abduct them (the security forces had been their takers)
        ("Security forces recovered three abducted engineers in an operation in Kech district on Monday.", "event",
         "abduction"),
    ],
)  # fmt: skip
def test_the_families_of_the_missing_and_those_who_free_the_taken(text: str, kind: str, event_type: str) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2023-05-10")).claims
    assert (claim.kind, claim.event_type) == (kind, event_type)


def test_sit_ins_across_the_country_against_a_carnage_are_held_nowhere_in_particular() -> None:
    # event-types@2026-12h: "sit-ins" (only "sit-in" was a word of a protest) had made no claim; rules.v10: a protest
    # "across the country" is not placed where the violence it protests was
    text = (
        "The Majlis Wahdat-e-Muslimeen announced three days of mourning and staged sit-ins across the country against "
        "the Shikarpur carnage on Saturday."
    )
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2015-02-01")).claims
    assert (claim.event_type, claim.date.start, claim.location) == ("protest", "2015-01-31", None)


def test_violence_protested_on_a_road_of_a_town_is_placed_in_the_town_not_on_the_road() -> None:
    # rules.v10: "on the Western Bypass" now places the sit-in on the road; the bombing it protests, which the sentence
    # places nowhere, takes the town, not the road of the sit-in
    text = (
        "Hazara protesters staged a sit-in on the Western Bypass in Quetta for a second day on Sunday, demanding "
        "protection after the market bombing that killed 21 people."
    )
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2019-04-14")).claims
    places = {c.event_type: c.location.name if c.location else None for c in claims}
    assert places == {"protest": "Western Bypass", "bombing": "Quetta"}
