"""Absolute and relative dates; nothing guessed without a publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from saboot.claims import ExtractionInput
from saboot.dates import find_dates, published_from_text, stated
from saboot.extract.reldates import find_event_dates
from saboot.extract.rules import RuleExtractor

PUB = dt.date(2011, 9, 21)  # a Wednesday


@pytest.mark.parametrize(
    "text,iso,precision",
    [
        ("3 Apr 2012", "2012-04-03", "day"),
        ("April 3, 2012", "2012-04-03", "day"),
        ("02/28/2016", "2016-02-28", "day"),
        ("2011-09-20", "2011-09-20", "day"),
        ("in September 2011", "2011-09", "month"),
        ("in 1988", "1988", "year"),
        ("the 1990s", "1990", "decade"),
        ("Nov. 12, 2021", "2021-11-12", "day"),
        # dashes and dots: the day first, as Pakistan's press writes them, unless the second number is over 12
        ("18-03-2014", "2014-03-18", "day"),
        ("05.03.2014", "2014-03-05", "day"),
        ("03-18-2014", "2014-03-18", "day"),
    ],
)
def test_absolute_dates(text: str, iso: str, precision: str) -> None:
    m = find_dates(text)[0]
    assert (m.iso, m.precision) == (iso, precision)


@pytest.mark.parametrize(
    "phrase,first,last,precision",
    [
        ("Tuesday evening", "2011-09-20", "2011-09-20", "day"),
        ("earlier this week", "2011-09-19", "2011-09-21", "week"),  # rules.v8: from its Monday to the report
        ("yesterday", "2011-09-20", "2011-09-20", "day"),
        ("last month", "2011-08-01", "2011-08-31", "month"),
        ("In July", "2011-07-01", "2011-07-31", "month"),
        ("earlier this year", "2011-01-01", "2011-09-21", "year"),
        ("Sept 20", "2011-09-20", "2011-09-20", "day"),
        ("on Eid-ul-Fitr", "2011-08-30", "2011-08-31", "week"),  # Umm al-Qura date, a day's local variation
        ("In the first six months of the year", "2011-01-01", "2011-06-30", "month"),
        ("the first 11 months of this year", "2011-01-01", "2011-09-21", "month"),  # not past publication
        ("over the past three months", "2011-06-21", "2011-09-21", "month"),
        # the day first, as Pakistan's press writes it (rules.v7; "on 18 March" had been no date)
        ("on 18 March", "2011-03-18", "2011-03-18", "day"),
        ("on the 9th of May", "2011-05-09", "2011-05-09", "day"),
        ("on 30 Dec", "2010-12-30", "2010-12-30", "day"),  # after the publication's day: the year before
        ("two days ago", "2011-09-19", "2011-09-19", "day"),
        ("a week ago", "2011-09-11", "2011-09-17", "week"),
        ("over the weekend", "2011-09-17", "2011-09-18", "week"),  # published on a Wednesday
        ("in mid-August", "2011-08-11", "2011-08-20", "month"),  # a part of a month, known to the month only
        ("in early September", "2011-09-01", "2011-09-10", "month"),
        ("at the end of July", "2011-07-21", "2011-07-31", "month"),
        # rules.v13: two days named together are the days from the first to the second (it had been the first alone)
        ("on Saturday and Sunday", "2011-09-17", "2011-09-18", "week"),
        ("between Sunday night and Tuesday morning", "2011-09-18", "2011-09-20", "week"),
        ("from Friday to Monday", "2011-09-16", "2011-09-19", "week"),
    ],
)
def test_relative_dates_resolve_against_publication(phrase: str, first: str, last: str, precision: str) -> None:
    d = find_event_dates(phrase, 0, len(phrase), PUB)[0]
    assert (str(d.first), str(d.last), d.precision) == (first, last, precision)


def test_relative_dates_stay_unresolved_without_publication_date() -> None:
    d = find_event_dates("Tuesday evening", 0, 15, None)[0]
    assert d.first is None and d.precision == "unknown" and "unresolved" in d.resolved_from


def test_publication_date_from_dateline_and_signature() -> None:
    assert published_from_text(" date 2024-08-01 To lodge a protest ...") == ("2024-08-01", "dateline")
    assert published_from_text("Long text.\n\nSilence – Rusty Walker January 12, 2013\n") == ("2013-01-12", "text")
    assert published_from_text("No dates here at all.") is None


@pytest.mark.parametrize(
    "start,end,precision,shown",
    [
        ("2011-09-20", "2011-09-20", "day", "2011-09-20"),
        ("2011-09-01", "2011-09-30", "month", "2011-09"),
        ("2012-02-01", "2012-02-29", "month", "2012-02"),
        ("2013-01-01", "2013-12-31", "year", "2013"),
        ("2011-09-18", "2011-09-24", "week", "2011-09-18 … 2011-09-24"),
        ("2011-09-15", "2011-09-30", "month", "2011-09-15 … 2011-09-30"),  # a month narrowed by another source
        ("1980-01-01", "1989-12-31", "decade", "1980-01-01 … 1989-12-31"),
        ("2011-09-18", "2011-09-21", "unknown", "2011-09-18 … 2011-09-21"),  # sources that do not overlap: their span
        (None, "2013-01-14", "unknown", "by 2013-01-14"),  # no date, reported on that day
        (None, None, "unknown", "?"),
    ],
)
def test_a_date_is_shown_as_precisely_as_it_is_known_and_no_more(
    start: str | None, end: str | None, precision: str, shown: str
) -> None:
    assert stated(start, end, precision) == shown


def test_a_count_before_the_word_may_is_no_date() -> None:
    text = "Doctors said 20 may die of their wounds."
    assert find_event_dates(text, 0, len(text), PUB) == []


@pytest.mark.parametrize(
    ("second", "day", "how"),
    [
        ("On the same day, a roadside bomb killed two soldiers in Bannu.", "2024-03-04", "same day as"),
        ("A day earlier, gunmen killed three policemen in Bannu.", "2024-03-03", "the day before"),
        ("Gunmen killed three policemen in Bannu the day before.", "2024-03-03", "the day before"),
        ("Two days later, gunmen killed three policemen in Bannu.", "2024-03-06", "2 days after"),
        ("The next day, gunmen killed three policemen in Bannu.", "2024-03-05", "the day after"),
        # the day after the report's: not yet told, so not that day
        ("Three days later, gunmen killed three policemen in Bannu.", None, None),
    ],
)
def test_a_day_told_by_the_incident_before_it(second: str, day: str | None, how: str | None) -> None:
    # rules.v8: a second incident in another district is a claim of its own, dated by the first
    text = f"A bomb exploded in Kohat on Monday, killing five people. {second}"
    first, other = RuleExtractor().extract(ExtractionInput("t", text, published="2024-03-06")).claims
    assert (first.date.start, first.location and first.location.name) == ("2024-03-04", "Kohat")
    assert (other.date.start, other.location and other.location.name) == (day, "Bannu")
    if how is not None:
        assert other.date.resolved_from == f"{how} the incident reported before it"
        assert other.date.evidence[0].quote in second


@pytest.mark.parametrize(
    "text",
    [
        "A suicide bomber killed 128 people at an election rally in Mastung on Friday, and a bomb in Bannu killed four.",
        "Friday was one of the bloodiest days this year: a suicide bomber killed 128 people in Mastung, and a bomb in "
        "Bannu killed four.",
        "In Mastung, a suicide bomber killed 128 people on Friday; in Bannu, a bomb killed four.",
    ],
)
def test_a_deed_listed_after_another_in_one_sentence_is_of_its_day(text: str) -> None:
    # rules.v15: the deed listed second had no day ("on or before publication"), and in the second sentence the
    # first was a total over "this year"
    first, other = RuleExtractor().extract(ExtractionInput("t", text, published="2018-07-14")).claims
    assert (first.kind, first.date.start, first.location and first.location.name) == ("event", "2018-07-13", "Mastung")
    assert (other.kind, other.date.start, other.location and other.location.name) == ("event", "2018-07-13", "Bannu")
    assert other.date.resolved_from == "same day as the incident listed before it"
    assert (first.counts["killed"].best, other.counts["killed"].best) == (128, 4)


@pytest.mark.parametrize(
    ("second", "month"),
    [
        ("A month later, 84 died when a bomb tore through a market in Hazara Town.", ("2013-02-01", "2013-02-28")),
        ("Two months earlier, 12 died when a bomb went off in Hazara Town.", ("2012-11-01", "2012-11-30")),
    ],
)
def test_a_month_later_than_the_incident_before_is_that_month(second: str, month: tuple[str, str]) -> None:
    # rules.v17: the second deed of an op-ed had no date ("on or before publication"), and with none it resembled
    # the January bombing as much as the February one, joining neither (link-spec.v32, ``cluster.torn_pairs``)
    text = f"In January 2013, 81 people were killed in twin blasts at a snooker hall on Alamdar Road. {second}"
    first, other = RuleExtractor().extract(ExtractionInput("t", text, published="2021-01-20")).claims
    assert (first.date.start, first.date.precision) == ("2013-01-01", "month")
    assert ((other.date.start, other.date.end), other.date.precision) == (month, "month")
    assert other.date.resolved_from.endswith("than the incident reported before it")
    assert "date_unresolved" not in other.flags


def test_the_day_told_at_a_lists_end_is_the_day_of_each_deed_it_lists() -> None:
    # rules.v17: the last deed, after a bare "and" and counted by "a labourer", had been read with the one before it
    # (killed 2 in Turbat, with the Christian as its victims), and the deeds before the day was told had no day
    text = (
        "A man was wounded in Sibi on Sunday. Three Hazara shopkeepers were shot dead in Quetta, two policemen were "
        "killed in Turbat and a Christian labourer was gunned down in Khuzdar on Monday."
    )
    claims = RuleExtractor().extract(ExtractionInput("t", text, published="2012-05-05")).claims
    told = [
        (c.location and c.location.name, c.counts["killed"].best, c.date.start, [v.name for v in c.victims]) for c in claims[1:]
    ]
    assert told == [
        ("Quetta", 3, "2012-04-30", ["Hazara"]), ("Turbat", 2, "2012-04-30", ["police"]),
        ("Khuzdar", 1, "2012-04-30", ["Christian"]),
    ]  # fmt: skip
    assert [c.date.resolved_from for c in claims[1:3]] == ["same day as the incident listed after it"] * 2
    assert (claims[0].location and claims[0].location.name, claims[0].date.start) == ("Sibi", "2012-04-29")


@pytest.mark.parametrize(
    ("text", "earlier", "later"),
    [
        # rules.v18: an incident named first to set the sentence's deed after it is a claim of its own, dated from the
        # deed; the deed is marked as told after another. Both had been one claim: an attack at Bagan, of the clashes'
        # day and toll
        ("Two days after the attack on a convoy near Bagan, tribal clashes killed 32 people in Kurram on Saturday.",
         ("armed_attack", "2024-11-21", "Bagan", None, "2 days before the incident reported after it"),
         ("clash", "2024-11-23", "Kurram District", 32, "publication date")),
        # the day told with the incident named first dates the deed
        ("Two days after the bombing in Quetta on Monday, gunmen shot dead four policemen in Karachi.",
         ("bombing", "2024-11-25", "Quetta", None, "publication date"),
         ("armed_attack", "2024-11-27", "Karachi", 4, "2 days after the incident reported before it")),
        # "hours after" is of the same day, as "hours later" is (the shooting had had no date)
        ("Hours after the bombing in Quetta on Monday, gunmen shot dead four policemen in Karachi.",
         ("bombing", "2024-11-25", "Quetta", None, "publication date"),
         ("armed_attack", "2024-11-25", "Karachi", 4, "same day as the incident reported before it")),
    ],
)  # fmt: skip
def test_an_incident_named_first_to_set_a_deed_after_it_is_a_claim_of_its_own(
    text: str, earlier: tuple[object, ...], later: tuple[object, ...]
) -> None:
    claims = RuleExtractor().extract(ExtractionInput("t", text, published="2024-11-28")).claims
    told = [
        (c.event_type, c.date.start, c.location and c.location.name, c.counts["killed"].best if "killed" in c.counts else None,
         c.date.resolved_from)
        for c in claims
    ]  # fmt: skip
    assert told == [earlier, later]
    assert ["follows_another" in c.flags for c in claims] == [False, True]


def test_a_toll_of_the_incident_named_first_is_that_incident_s() -> None:
    # what follows "Two days after the bombing," tells of the bombing still when it names no other kind of violence
    text = "Two days after the bombing in Quetta, the toll from the bombing rose to 45."
    [claim] = RuleExtractor().extract(ExtractionInput("t", text, published="2024-11-28")).claims
    assert (claim.event_type, claim.counts["killed"].best, "follows_another" in claim.flags) == ("bombing", 45, False)


def test_a_deed_told_with_no_comma_before_the_incident_it_follows_is_marked_so() -> None:
    # rules.v18: the trailing form with no comma ("… on Saturday two days after the attack …") had not been marked
    text = "Tribal clashes killed 32 people in Kurram on Saturday two days after the attack on a convoy near Bagan."
    claims = RuleExtractor().extract(ExtractionInput("t", text, published="2024-11-28")).claims
    assert [(c.event_type, c.date.start, "follows_another" in c.flags) for c in claims] == [
        ("clash", "2024-11-23", True),
        ("armed_attack", "2024-11-21", False),
    ]
    # the injured who died days after the deed that wounded them are its toll, with a comma or without
    for comma in ("", ","):
        text = f"A policeman injured in Monday's blast in Quetta died in hospital{comma} two days after the attack."
        [claim] = RuleExtractor().extract(ExtractionInput("t", text, published="2024-11-14")).claims
        assert (claim.event_type, claim.date.start, "follows_another" in claim.flags) == ("bombing", "2024-11-11", False)


@pytest.mark.parametrize(
    ("text", "deeds"),
    [
        # rules.v15: the earlier deed a sentence names to set its own in a series is a claim of its own, of its own
        # day, toll and (none given) place; it had been the later deed's toll, a total "since" it, or its place
        ("A suicide bomber struck a market in Quetta on Monday, the deadliest attack in the city since the bombing at "
         "the Civil Hospital in August 2016 that killed 74.",
         [("event", "2019-04-15", "Quetta", None), ("event", "2016-08-01", None, 74)]),
        ("Gunmen killed 14 bus passengers in Ormara on Thursday, the worst attack in Balochistan since the Mastung "
         "bombing of July 2018 killed 149 people.",
         [("event", "2019-04-18", "Ormara", 14), ("event", "2018-07-01", "Mastung", 149)]),
        # the series' year is not the deed's day
        ("Lashkar-e-Jhangvi claimed responsibility for the blast in Quetta's Hazara Town, the second massacre of "
         "Hazaras this year after the January 10 bombing of a snooker hall that killed more than 90.",
         [("event", None, "Hazara Town", None), ("event", "2019-01-10", None, 91)]),
    ],
)  # fmt: skip
def test_an_earlier_deed_named_to_set_another_in_a_series_is_a_claim_of_its_own(
    text: str, deeds: list[tuple[str, str | None, str | None, int | None]]
) -> None:
    claims = RuleExtractor().extract(ExtractionInput("t", text, published="2019-04-19")).claims
    got = [(c.kind, c.date.start, c.location and c.location.name, c.counts["killed"].best if "killed" in c.counts else None)
           for c in claims]  # fmt: skip
    assert got == deeds


@pytest.mark.parametrize(
    ("text", "day", "killed"),
    [
        # rules.v15: the violence a protest is told "three days after" is three days before the protest's day; it had
        # been no violence at all (its 89 dead the protest's), or on or before the protest's day
        ("Hazara community leaders ended their sit-in on Tuesday after the army was given control of security in "
         "Quetta, three days after the market bombing that killed 89 people.", "2013-02-16", 89),
        ("Thousands protested in Quetta on Sunday, a day after a bomb killed 11 people in a market.", "2013-02-16", 11),
    ],
)  # fmt: skip
def test_violence_a_protest_is_told_days_after_is_so_many_days_before_it(text: str, day: str, killed: int) -> None:
    claims = RuleExtractor().extract(ExtractionInput("t", text, published="2013-02-19")).claims
    [violence] = [c for c in claims if c.event_type != "protest"]
    assert (violence.date.start, violence.date.end, violence.counts["killed"].best) == (day, day, killed)
    assert violence.date.resolved_from.endswith("before the protest over it")
    assert [c.counts.get("killed") for c in claims if c.event_type == "protest"] == [None]


@pytest.mark.parametrize(
    "second",
    [
        "Two of the injured died in hospital on Tuesday.",
        "Two more injured succumbed to their wounds on Tuesday, taking the toll to 7.",
    ],
)
def test_the_day_the_injured_died_is_a_later_day_of_the_same_attack(second: str) -> None:
    # rules.v15: the injured who died the next day had been another incident, of that day and no place
    text = f"Gunmen killed five people in Quetta on Monday. {second}"
    [claim] = RuleExtractor().extract(ExtractionInput("t", text, published="2019-03-06")).claims
    assert (claim.date.start, claim.location and claim.location.name, claim.counts["killed"].best) == (
        "2019-03-04",
        "Quetta",
        7,
    )


def test_a_background_paragraph_s_deeds_are_of_the_years_it_names() -> None:
    # rules.v15: "and in January of that year twin blasts … on Alamdar Road killed more than 90" had been no claim
    # (its road no place, so the sentence no list), and "January of that year" the January before the report
    text = (
        "Hazaras have been targeted repeatedly in Quetta. In February 2013, a bomb in a water tanker killed 89 people "
        "at a market in Hazara Town, and in January of that year twin blasts at a snooker hall on Alamdar Road killed "
        "more than 90."
    )
    claims = RuleExtractor().extract(ExtractionInput("t", text, published="2019-04-13")).claims
    got = [(c.date.start, c.date.end, c.location and c.location.name, c.counts["killed"].best) for c in claims]
    assert got == [("2013-02-01", "2013-02-28", "Hazara Town", 89), ("2013-01-01", "2013-01-31", "Alamdar Road", 91)]
    assert claims[1].date.evidence[0].quote == "in January of that year"


def test_weeks_later_dates_the_next_incident_from_the_one_before() -> None:
    # rules.v9: "two weeks later" is fourteen days after the incident before it, and another incident
    text = (
        "A bomb killed 25 people in a market in Quetta on July 4. Two weeks later, gunmen shot dead three Hazara "
        "shopkeepers on Jinnah Road in Quetta."
    )
    claims = RuleExtractor().extract(ExtractionInput("t", text, published="2016-08-30")).claims
    assert [(c.date.start, c.counts["killed"].best) for c in claims] == [("2016-07-04", 25), ("2016-07-18", 3)]
    assert claims[1].date.resolved_from == "14 days after the incident reported before it"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # rules.v9: the day officials said it is not the attack's, which was on or before it
        ("Three suicide bombers attacked a police academy in Quetta, killing at least 59 people, officials said on "
         "Tuesday.", None, "2016-10-25"),
        # the attack's own day stands
        ("Three suicide bombers attacked a police academy in Quetta on Monday night, killing at least 59 people, "
         "officials said on Tuesday.", "2016-10-24", "2016-10-24"),
    ],
)  # fmt: skip
def test_the_day_something_was_said_bounds_the_day_it_tells_of(text: str, start: str | None, end: str) -> None:
    [claim] = RuleExtractor().extract(ExtractionInput("t", text, published="2016-10-25")).claims
    assert (claim.date.start, claim.date.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # rules.v15: the day of a vigil is not the day of the killing it remembers (it had been Wednesday)
        ("Candles were lit across Pakistan on Wednesday night in memory of the 132 children massacred at the school in "
         "Peshawar.", None, "2014-12-17"),
        # nor the day of a deed that the violence is named as coming before (it had been Friday's massacre)
        ("Pakistan hanged two militants on Friday, the first executions since the moratorium was lifted after the "
         "Peshawar school massacre.", None, "2014-12-19"),
        ("Security was tightened across Quetta on Friday after the bombing at the vegetable market.", None,
         "2014-12-19"),
        # violence told before the day is of that day
        ("Gunmen shot dead two policemen in Quetta on Friday, a week after the bombing at the vegetable market.",
         "2014-12-19", "2014-12-19"),
    ],
)  # fmt: skip
def test_the_day_of_a_later_deed_bounds_the_day_of_the_violence_it_follows(text: str, start: str | None, end: str) -> None:
    [claim] = RuleExtractor().extract(ExtractionInput("t", text, published="2014-12-20")).claims[:1]
    assert (claim.date.start, claim.date.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # rules.v14: the day of a protest told first is not the day of the killing it is over (it had been Thursday)
        ("QUETTA: Members of the Hazara community continued their sit-in for a second day on Thursday, refusing to "
         "bury the four vendors shot dead at the vegetable market on Tuesday.", "2019-04-02", "2019-04-02"),
        # a day named for the violence after the protest ("Tuesday's shooting") is the violence's, not the protest's
        # (it had been an upper bound: on or before Tuesday)
        ("Members of the Hazara community continued their sit-in on Thursday, refusing to bury the four victims of "
         "Tuesday's shooting at the vegetable market.", "2019-04-02", "2019-04-02"),
        # (a protest over a killing named after it stood already)
        ("Traders observed a shutter-down strike on Thursday to protest against the killing of four vendors on "
         "Tuesday.", "2019-04-02", "2019-04-02"),
        # a rally attacked is no protest over the attack: its day is the attack's
        ("A suicide bomber struck an election rally in Mastung on Wednesday, killing 128 people.", "2019-04-03",
         "2019-04-03"),
        ("A suicide bomber blew himself up near a protest rally outside the Punjab Assembly in Lahore on Wednesday "
         "evening, killing 13 people.", "2019-04-03", "2019-04-03"),
    ],
)  # fmt: skip
def test_the_day_of_a_protest_is_not_the_day_of_the_killing(text: str, start: str, end: str) -> None:
    claims = RuleExtractor().extract(ExtractionInput("t", text, published="2019-04-05")).claims
    [killing] = [c for c in claims if "killed" in c.counts]
    assert (killing.date.start, killing.date.end) == (start, end)


@pytest.mark.parametrize(
    "text", ["A bomb killed 12 people in Quetta on Friday, 13 July.", "… on Friday, July 13, 2018, police said."]
)
def test_a_weekday_beside_a_date_is_that_date_s(text: str) -> None:
    # rules.v9: the weekday had been read from the report's own day (Friday 20 July) before the date beside it
    dates = find_event_dates(text, 0, len(text), dt.date(2018, 7, 20))
    assert [(d.first, d.last) for d in dates] == [(dt.date(2018, 7, 13), dt.date(2018, 7, 13))]


def test_a_weekday_in_a_report_s_closing_sentence_is_no_credit_line() -> None:
    # rules.v10: a date of the report's own day in its closing sentence is dropped as a credit line ("Published on 13
    # July 2018"); "on Friday", read from the report's day, is not one, and the claim had been left undated
    text = "Polling was calm across the province. A bomb killed at least 12 people in Bannu on Friday."
    [claim] = RuleExtractor().extract(ExtractionInput("t", text, published="2018-07-13")).claims
    assert (claim.date.start, claim.date.end) == ("2018-07-13", "2018-07-13")
    credited = "A bomb killed at least 12 people in Bannu on 12 July 2018. The report was filed on 13 July 2018."
    [claim] = RuleExtractor().extract(ExtractionInput("t", credited, published="2018-07-13")).claims
    assert claim.date.start == "2018-07-12"


def test_a_toll_after_the_incident_named_to_date_another_is_not_dated_by_it() -> None:
    # rules.v10: "…, a day after the attack on the convoy, and at least 32 people have been killed in clashes since
    # then" had dated the clashes' toll to the day of the convoy attack, a day before the arson the sentence tells of
    text = (
        "Armed men set fire to shops and houses in the Bagan bazaar of Lower Kurram on Friday, a day after the attack "
        "on the convoy, and at least 32 people have been killed in clashes between rival tribes since then, officials "
        "said on Saturday."
    )
    claims = RuleExtractor().extract(ExtractionInput("t", text, published="2024-11-23")).claims
    [arson] = [c for c in claims if c.event_type == "attack_on_property"]
    [toll] = [c for c in claims if "killed" in c.counts]
    assert arson.date.start == "2024-11-22" and "killed" not in arson.counts
    assert toll.counts["killed"].low == 32 and toll.date.start is None and toll.date.end == "2024-11-23"


def test_a_toll_of_clashes_since_a_day_spans_from_that_day() -> None:
    # rules.v10: "have been killed in tribal clashes … since Friday" had dated the clashes to the Friday alone
    text = "More than 80 people have been killed in tribal clashes in Kurram since Friday, officials said on Wednesday."
    [claim] = RuleExtractor().extract(ExtractionInput("t", text, published="2023-05-10")).claims
    assert (claim.date.start, claim.date.end) == ("2023-05-05", "2023-05-10")
    assert claim.date.resolved_from == "since 2023-05-05: to publication"


def test_a_clause_after_while_of_another_month_is_another_incident() -> None:
    # sentinfo._while_elsewhere reads "in March" as it reads a place: the clause tells of another incident
    text = "Two Shia men were shot dead in January, while three Hazara men were killed in March."
    claims = RuleExtractor().extract(ExtractionInput("t", text, published="2013-05-01")).claims
    assert [(c.date.start, c.counts["killed"].best) for c in claims] == [("2013-01-01", 2), ("2013-03-01", 3)]


def test_an_incident_told_hours_before_a_deed_is_of_its_day() -> None:
    # rules.v18: ", hours after a bomb killed 11 people in Quetta" had had no date; it is the day of the deed before it
    text = "Gunmen shot dead two policemen in Karachi on Wednesday night, hours after a bomb killed 11 people in Quetta."
    claims = RuleExtractor().extract(ExtractionInput("t", text, published="2024-11-14")).claims
    assert [(c.event_type, c.date.start, c.date.resolved_from) for c in claims] == [
        ("armed_attack", "2024-11-13", "publication date"),
        ("bombing", "2024-11-13", "same day as the incident reported before it"),
    ]
