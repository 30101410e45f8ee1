"""Reports of one incident worded as the press words them, days apart, become one incident.

Each set restates, in the words a newsroom might use, what was reported of one incident: a first report with a first
toll, a later toll, and a report of mourning or protest that names the incident in passing.
- The suicide bombing of the shrine of Lal Shahbaz Qalandar in Sehwan, Sindh, on 16 February 2017. The later toll
  had been dated to the day it rose and placed in Hyderabad, India (where the wounded died in hospital), and the
  provincial figure was an armed attack: three incidents.
- The suicide bombing of an election rally in Mastung on 13 July 2018. The report of the funeral had placed the
  killing in Quetta, where the funeral was.
- The suicide bombing of lawyers at the Civil Hospital in Quetta on 8 August 2016. The lawyers' boycott had carried
  the 56 killed as the protest's own, and was no bombing at all.
- The attacks on two Ahmadi mosques in Lahore on 28 May 2010 (below). The report of the burial had put the attack in
  Rabwah, where the dead were buried, on the day they were.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from saboot.cli import cli
from tests.conftest import DATA, need

Report = tuple[str, str, str]  # outlet, published, text
SEHWAN: list[Report] = [
    ("Daily A", "2017-02-17",
     "A suicide bomber blew himself up among devotees at the shrine of Lal Shahbaz Qalandar in Sehwan, Sindh, on "
     "Thursday evening, killing at least 72 people and wounding more than 250, officials said. The Islamic State "
     "group claimed the attack."),
    ("Daily B", "2017-02-18",
     "The death toll in the Sehwan shrine bombing climbed to 90 on Friday as more of the wounded died in hospitals "
     "in Hyderabad and Karachi. Relatives waited outside the hospitals for news."),
    ("Daily C", "2017-02-19",
     "Sindh observed three days of mourning after Thursday's attack on the shrine in Sehwan Sharif. The provincial "
     "government said 83 had died and 340 were injured in the blast."),
]  # fmt: skip
MASTUNG: list[Report] = [
    ("Daily A", "2018-07-14",
     "At least 128 people, including the candidate Siraj Raisani, were martyred and more than 150 injured when a "
     "suicide bomber targeted an election rally in Mastung's Dringarh area on Friday. The Islamic State group "
     "claimed responsibility."),
    ("Daily B", "2018-07-15",
     "The death toll from Friday's suicide attack on an election meeting in Mastung rose to 149 on Saturday. "
     "Raisani's funeral was held in Quetta."),
    ("Daily C", "2018-07-16",
     "Mourners gathered in Quetta for the funeral of Siraj Raisani, who was among the 149 people killed in the "
     "Mastung blast."),
]  # fmt: skip
HOSPITAL: list[Report] = [
    ("Daily A", "2016-08-09",
     "A suicide bomber blew himself up among lawyers who had gathered at the emergency ward of Quetta's Civil "
     "Hospital on Monday, killing at least 70 people."),
    ("Daily B", "2016-08-09",
     "Seventy-four people were killed and over 100 injured in the suicide attack at the Civil Hospital in Quetta, the "
     "provincial health department said."),
    ("Daily C", "2016-08-12",
     "Lawyers across Pakistan boycotted courts for a third day on Thursday in protest against the hospital bombing "
     "in Quetta that killed 56 of their colleagues."),
]  # fmt: skip


def run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.output


def incidents_of(folder: Path, db: Path, reports: list[Report]) -> list[dict[str, Any]]:
    """The incidents of a new store in which ``reports`` were ingested and linked."""
    _ingested(folder, db, reports)
    run(db, "link")
    return list(json.loads(run(db, "incidents", "--json")))


def _by_day(folder: Path, db: Path, reports: list[Report]) -> dict[str, dict[str, Any]]:
    """The incidents of ``reports`` (``incidents_of``) by their first day."""
    return {i["date"]["start"]: i for i in incidents_of(folder, db, reports)}


def _ingested(folder: Path, db: Path, reports: list[Report]) -> None:
    names = []
    for n, (outlet, published, text) in enumerate(reports):
        path = folder / f"report-{n}.md"
        path.write_text(f"---\noutlet: {outlet}\npublished: {published}\n---\n{text}\n", encoding="utf-8")
        names.append(str(path))
    run(db, "ingest", "-q", *names)


@pytest.mark.parametrize(
    ("reports", "day", "place", "killed"),
    [(SEHWAN, "2017-02-16", "Sehwan", (72, 83, 90)), (MASTUNG, "2018-07-13", "Mastung", (128, 149, 149)),
     (HOSPITAL, "2016-08-08", "Quetta", (56, 70, 74))],
    ids=["sehwan-2017", "mastung-2018", "quetta-2016"],
)  # fmt: skip
def test_three_reports_of_one_bombing_are_one_incident(
    tmp_path: Path, db_path: Path, reports: list[Report], day: str, place: str, killed: tuple[int, int, int]
) -> None:
    [bombing] = [i for i in incidents_of(tmp_path, db_path, reports) if i["event_type"] != "protest"]
    assert len(bombing["sources"]) == 3
    assert (bombing["event_type"], bombing["date"]["start"], bombing["location"]["name"]) == ("bombing", day, place)
    assert (bombing["killed"]["low"], bombing["killed"]["best"], bombing["killed"]["high"]) == killed


def test_the_sehwan_incident_matches_gtd_s_record_of_it(tmp_path: Path, db_path: Path) -> None:
    reference = need(DATA / "gtd-pakistan-2007-2018-reference.csv")
    _ingested(tmp_path, db_path, SEHWAN)
    run(db_path, "reference", "import", str(reference), "--format", "gtd", "--name", "gtd", "--country", "PK")
    run(db_path, "link")
    [incident] = json.loads(run(db_path, "incidents", "--json"))
    [match] = incident["reference_matches"]
    assert (match["dataset"], match["date"], match["place"]) == ("gtd", "2017-02-16", "Sehwan")


MACH: list[Report] = [
    ("Daily A", "2021-01-04",
     "Gunmen abducted and killed 11 coal miners of the Hazara community in Mach, Balochistan, on Sunday."),
    ("Daily B", "2021-01-04", "The Islamic State group claimed the killing of 11 coal miners near Quetta."),
]  # fmt: skip


def test_people_taken_and_killed_and_a_report_of_the_killing_are_one_incident(tmp_path: Path, db_path: Path) -> None:
    # the killing of the Hazara coal miners of Mach, 3 January 2021: "abducted and killed" is an abduction (as GTD codes
    # it), "the killing of" an armed attack; link-spec.v17 reads the two types as compatible, v16 as different, which
    # with an undated report placed only "near Quetta" had kept them apart
    [incident] = incidents_of(tmp_path, db_path, MACH)
    assert len(incident["sources"]) == 2 and incident["location"]["name"] == "Mach"


def test_what_the_linker_compares_on_its_own_is_not_counted_again_as_wording() -> None:
    # link-spec.v18: two GTD summaries of different attacks, a day's drive apart, had read as similar wording for
    # "assailants", "Afghanistan" and "Taliban", which the place, type and perpetrator comparisons weigh already
    from saboot.claims import ExtractionInput
    from saboot.extract.rules import RuleExtractor
    from saboot.link.records import from_claim

    text = (
        "Assailants killed two civilians in Qush Tepa, Jawzjan, Afghanistan. No group claimed responsibility for the "
        "incident; however, sources attributed the attack to the Taliban."
    )
    [claim] = RuleExtractor().extract(ExtractionInput("t", text)).claims
    terms = from_claim(claim, "t").terms
    assert not {"assailants", "afghanistan", "taliban", "civilians", "qush", "tepa", "jawzjan"} & set(terms)
    assert {"sources", "attributed"} <= set(terms)  # words the linker weighs nowhere else stay


def test_a_number_ending_a_sentence_and_a_possessive_are_the_words_they_end() -> None:
    # link-spec.v19: "148." had been a word of its own, not the number 148; "Tuesday's" a word other than "Tuesday"
    # (a weekday, which says nothing about which incident a report is about); from link-spec.v20 the words of a later
    # report of the toll and the funerals say no more
    from saboot.link.records import terms_of

    assert terms_of("Funerals were held for those killed in Tuesday's attack; the toll rose to 148.") == ["148"]
    assert terms_of("Funerals were held in Parachinar's Turi Market for the 148.") == ["148", "market", "parachinar", "turi"]


SAFOORA: list[Report] = [
    ("Daily A", "2015-05-14",
     "Gunmen opened fire on a bus carrying members of the Ismaili community in Karachi's Safoora Goth area on "
     "Wednesday, killing at least 43 people, police said."),
    ("Daily B", "2015-05-15", "The death toll in the Safoora Goth bus attack rose to 46 on Thursday."),
]  # fmt: skip


def test_a_later_toll_named_by_a_quarter_of_karachi_joins_the_first_report(tmp_path: Path, db_path: Path) -> None:
    # the attack on Ismailis in Safoora Goth, Karachi, 13 May 2015: the toll's report names only the quarter
    [incident] = incidents_of(tmp_path, db_path, SAFOORA)
    assert len(incident["sources"]) == 2 and incident["date"]["start"] == "2015-05-13"
    assert (incident["killed"]["low"], incident["killed"]["high"]) == (43, 46)


LAHORE: list[Report] = [
    ("Daily A", "2010-05-29",
     "Gunmen attacked two Ahmadi mosques in Lahore during Friday prayers, killing at least 80 people."),
    ("Daily B", "2010-05-30",
     "The victims of Friday's attacks on two Ahmadi mosques in Lahore were buried in Rabwah on Saturday."),
    ("Daily C", "2010-05-30",
     "Members of the Ahmadi community buried 86 people in Rabwah on Saturday, a day after gunmen attacked their "
     "places of worship during Friday prayers."),
]  # fmt: skip


def test_a_report_of_the_burial_joins_the_attack_it_names_no_place_for(tmp_path: Path, db_path: Path) -> None:
    # rules.v7 reads Rabwah and Saturday as where and when the dead were buried, so the third report has the day of the
    # attack and no place; link-spec.v19 compares a claim of a day placed in no province with that day's claims
    [incident] = incidents_of(tmp_path, db_path, LAHORE)
    assert len(incident["sources"]) == 3
    assert (incident["date"]["start"], incident["location"]["name"]) == ("2010-05-28", "Lahore")
    assert (incident["killed"]["low"], incident["killed"]["high"]) == (80, 86)


BALOCH: list[Report] = [
    ("Daily A", "2014-03-19",
     "Zahid Baloch, the chairman of the Baloch Students Organisation-Azad, was picked up by men in plain clothes and "
     "uniformed security personnel from Satellite Town in Quetta on Tuesday afternoon, according to witnesses."),
    ("Rights Group", "2014-04-01",
     "Pakistani authorities must disclose the whereabouts of student leader Zahid Baloch, who was abducted in Quetta "
     "on 18 March, allegedly by the Frontier Corps."),
    ("Daily B", "2014-04-22",
     "Lateef Johar, a member of the Baloch Students Organisation-Azad, has been on a hunger strike outside the Karachi "
     "Press Club for a month demanding the release of the organisation's chairman Zahid Baloch, who went missing in "
     "Quetta on March 18."),
]  # fmt: skip


def test_three_reports_of_one_enforced_disappearance_are_one_incident(tmp_path: Path, db_path: Path) -> None:
    # Zahid Baloch, taken in Quetta on 18 March 2014. rules.v7 and event-types@2026-12c read the first report at all
    # ("men in plain clothes and uniformed security personnel"), the day of the second ("on 18 March"), which is no
    # longer an allegation for "allegedly by", and the third's "went missing" (a disappearance, one person)
    incidents = incidents_of(tmp_path, db_path, BALOCH)
    [incident] = [i for i in incidents if i["event_type"] != "protest"]
    # rules.v12: the hunger strike is a protest of its own, in Karachi; it had not been read
    assert [i["location"]["name"] for i in incidents if i["event_type"] == "protest"] == ["Karachi"]
    assert len(incident["sources"]) == 3
    assert (incident["event_type"], incident["date"]["start"], incident["location"]["name"]) == (
        "enforced_disappearance",
        "2014-03-18",
        "Quetta",
    )


def test_a_summary_headed_by_its_date_keeps_its_first_sentence_when_the_store_dates_the_report_by_it(
    tmp_path: Path, db_path: Path
) -> None:
    # rules.v7: ingestion takes a report's publication date from a date at its head; a summary headed "07/25/2016:"
    # then had that date read as a dateline and dropped, and with it the first sentence's attack and its village
    # (89 of GTD's 1,109 Afghanistan summaries extracted otherwise when ingested than when read alone; now none)
    summary = (
        "07/25/2016: Assailants attacked police forces in Charmas village in Pusht Rod district, Farah province, "
        "Afghanistan. This was one of two related attacks on security forces in Pusht Rod district on this date. "
        "No group claimed responsibility for the incidents."
    )
    (tmp_path / "gtd.txt").write_text(summary, encoding="utf-8")
    run(db_path, "ingest", "-q", str(tmp_path / "gtd.txt"))
    [claim] = json.loads(run(db_path, "claims", "--json"))
    assert (claim["date"]["start"], claim["location"]["name"]) == ("2016-07-25", "Charmas")
    assert claim["evidence"][0]["quote"].startswith("07/25/2016: Assailants attacked")


SCHOOL: list[Report] = [
    ("Daily A", "2014-12-16",
     "Taliban gunmen stormed the Army Public School in Peshawar on Tuesday, killing 141 people, 132 of them children, "
     "officials said."),
    ("Daily B", "2014-12-17",
     "The Tehrik-i-Taliban Pakistan said it carried out the school massacre in Peshawar in revenge for the army's "
     "offensive in North Waziristan."),
    ("Daily C", "2014-12-17",
     "Funerals were held across Peshawar for the children killed in Tuesday's school attack, as the death toll rose to "
     "148."),
]  # fmt: skip


def test_a_report_naming_the_taliban_and_one_naming_the_ttp_are_one_incident(tmp_path: Path, db_path: Path) -> None:
    # the attack on the Army Public School in Peshawar, 16 December 2014: the second report gives no day, the third no
    # place (Peshawar is where the funerals were). actors@2026-12 has Tehrik-i-Taliban Pakistan a part of the Taliban,
    # and link-spec.v20 takes the two to name one perpetrator (as different perpetrators the pair had scored 0.72,
    # under the threshold of 0.9); it also compares the claim of no day with the claim of no place
    # (spec.REPORTED_PLACELESS), which no rule had brought together, so that no group could hold both
    [incident] = incidents_of(tmp_path, db_path, SCHOOL)
    assert len(incident["sources"]) == 3
    assert (incident["date"]["start"], incident["location"]["name"]) == ("2014-12-16", "Peshawar")
    assert (incident["killed"]["low"], incident["killed"]["best"], incident["killed"]["high"]) == (141, 141, 148)


PARACHINAR: list[Report] = [
    ("Paper One", "2017-06-24",
     "Two bombs exploded minutes apart in a crowded market in Parachinar, the main town of Kurram tribal district, on "
     "Friday, killing at least 45 people and injuring over 200, officials said."),
    ("Paper Two", "2017-06-26", "The death toll from Friday's twin bombings in Parachinar rose to 67 on Sunday, hospital officials said."),
    ("Paper Three", "2017-06-27",
     "Tribal elders in Kurram Agency staged a sit-in on Monday demanding protection after the Turi Market blasts that "
     "killed 72 people."),
]  # fmt: skip
AHMADI_TOLL: list[Report] = [
    LAHORE[0],
    ("Paper Two", "2010-05-31", "The toll from the attacks on the Ahmadi places of worship in Garhi Shahu and Model Town rose to 94."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("reports", "day", "killed"),
    [(PARACHINAR, "2017-06-23", (45, 67, 72)), (AHMADI_TOLL, "2010-05-28", (80, 80, 94))],
    ids=["parachinar-2017", "lahore-2010"],
)  # fmt: skip
def test_a_later_report_that_gives_no_day_joins_the_incident_it_came_out_days_after(
    tmp_path: Path, db_path: Path, reports: list[Report], day: str, killed: tuple[int, int, int]
) -> None:
    # link-spec.v20: a claim with no day whose report came out within a week of the other's day weighs for the match
    # (the twin bombings in Parachinar on 23 June 2017, named by their market three days later, had scored 0.77; the
    # toll of the attacks on the Ahmadi mosques of Lahore, given three days later, 0.89; the threshold is 0.9)
    [attack] = [i for i in incidents_of(tmp_path, db_path, reports) if i["event_type"] != "protest"]
    assert len(attack["sources"]) == len(reports) and attack["date"]["start"] == day
    assert (attack["killed"]["low"], attack["killed"]["best"], attack["killed"]["high"]) == killed


KOHISTAN: list[Report] = [
    ("Daily A", "2012-02-29",
     "Gunmen wearing military uniforms stopped a bus on the Karakoram Highway in Kohistan district on Tuesday, checked "
     "the passengers' identity cards and shot dead 18 Shia passengers travelling to Gilgit."),
    ("Daily B", "2012-02-29",
     "Eighteen people were killed when assailants opened fire on passengers of a Gilgit-bound bus in the Harban Nala "
     "area of Kohistan, police said."),
    ("Daily B", "2012-03-02", "Gilgit-Baltistan observed a strike on Thursday to mourn the 18 passengers killed in Kohistan."),
    ("Daily C", "2012-03-01",
     "Jundallah, a group linked to the Pakistani Taliban, claimed responsibility for the massacre of bus passengers in "
     "Kohistan."),
]  # fmt: skip
HAZARA_TOWN: list[Report] = [
    ("Daily A", "2013-02-17",
     "At least 63 people were killed and more than 180 injured when a bomb planted in a water tanker exploded in a "
     "crowded market in Quetta's Hazara Town on Saturday evening. Lashkar-e-Jhangvi claimed responsibility."),
    ("Daily B", "2013-02-18",
     "The death toll from Saturday's bombing on Kirani Road rose to 84 as rescue workers pulled more bodies from the "
     "rubble, officials said."),
    ("Daily A", "2013-02-20",
     "Security forces arrested 170 suspects and killed four militants of the banned Lashkar-e-Jhangvi in a targeted "
     "operation in Quetta, the interior minister said, days after the Hazara Town bombing."),
]  # fmt: skip


def test_reports_of_the_kohistan_bus_massacre_are_one_incident_in_pakistan(tmp_path: Path, db_path: Path) -> None:
    # 28 February 2012. rules.v8 reads the country of a "Gilgit-bound bus", of "Gilgit-Baltistan" and of "the Pakistani
    # Taliban" (three reports had placed the killing in Afghanistan), and the strike observed to mourn the dead as a
    # protest on its own day; gazetteer@2026-12d gives Kohistan District a point (the claim of responsibility, of no
    # day and no count, had been kept apart at the province's centre)
    incidents = incidents_of(tmp_path, db_path, KOHISTAN)
    [killing] = [i for i in incidents if i["event_type"] != "protest"]
    [strike] = [i for i in incidents if i["event_type"] == "protest"]
    assert len(killing["sources"]) == 4 and killing["date"]["start"] == "2012-02-28"
    assert (killing["location"]["name"], killing["location"]["country"], killing["killed"]["best"]) == (
        "Kohistan District",
        "PK",
        18,
    )
    assert (strike["date"]["start"], strike["location"]["name"]) == ("2012-03-01", "Gilgit-Baltistan")


def test_an_operation_days_after_a_bombing_is_not_the_bombing(tmp_path: Path, db_path: Path) -> None:
    # the bombing of a market in Hazara Town, Quetta, 16 February 2013: rules.v8 cuts "…, days after the Hazara Town
    # bombing" from the operation's sentence, which had become a bombing in Hazara Town with four killed, joined to
    # the first report, whose outlet it shares, and the incident's killed count read 4
    incidents = incidents_of(tmp_path, db_path, HAZARA_TOWN)
    [bombing] = [i for i in incidents if i["event_type"] == "bombing"]
    [operation] = [i for i in incidents if i["event_type"] != "bombing"]
    assert bombing["date"]["start"] == "2013-02-16" and len(bombing["sources"]) == 3
    assert (bombing["killed"]["low"], bombing["killed"]["best"], bombing["killed"]["high"]) == (63, 63, 84)
    assert operation["killed"]["best"] == 4 and operation["location"]["name"] == "Quetta"


def test_four_reports_of_the_lahore_attacks_are_one_incident(tmp_path: Path, db_path: Path) -> None:
    # 28 May 2010: the first report, two of the burial (one of no place, one of no day), and the toll given three days
    # on by two quarters of Lahore and no day (link-spec.v20: reported within a week, and met by the claim of no place)
    [incident] = incidents_of(tmp_path, db_path, [*LAHORE, AHMADI_TOLL[1]])
    assert len(incident["sources"]) == 4 and incident["date"]["start"] == "2010-05-28"
    assert (incident["killed"]["low"], incident["killed"]["high"]) == (80, 94)


LAWYERS_DAY: list[Report] = [
    ("Daily A", "2016-08-08",
     "At least 70 people, most of them lawyers, were killed and more than 100 injured when a suicide bomber blew "
     "himself up in the emergency ward of Quetta's Civil Hospital on Monday, where lawyers had gathered after the body "
     "of Balochistan Bar Association president Bilal Anwar Kasi was brought there. Kasi had been shot dead by gunmen "
     "earlier in the morning on Manno Jan Road."),
    ("Daily B", "2016-08-09",
     "The death toll from Monday's suicide attack on the Civil Hospital in Quetta rose to 74. Jamaat-ul-Ahrar, a "
     "breakaway faction of the Tehreek-i-Taliban Pakistan, claimed responsibility for the bombing."),
    ("Daily C", "2016-08-08",
     "Balochistan Bar Association president Bilal Anwar Kasi was gunned down by unidentified men on Manno Jan Road in "
     "Quetta on Monday morning as he left home for court."),
]  # fmt: skip


def test_a_killing_hours_before_a_bombing_in_the_same_city_is_an_incident_of_its_own(tmp_path: Path, db_path: Path) -> None:
    # 8 August 2016, Quetta: the shooting of the bar association's president, then the bombing of the lawyers who
    # gathered where his body was taken. rules.v9 reads "Kasi had been shot dead … earlier in the morning" as another
    # incident of that day, and "Kasi" as no place (Kasi, India): the shooting had been joined to the bombing, and the
    # bombing's killed read from 1
    incidents = incidents_of(tmp_path, db_path, LAWYERS_DAY)
    [bombing] = [i for i in incidents if i["event_type"] == "bombing"]
    [shooting] = [i for i in incidents if i["event_type"] != "bombing"]
    assert (bombing["killed"]["low"], bombing["killed"]["high"], len(bombing["sources"])) == (70, 74, 2)
    assert shooting["killed"]["best"] == 1 and len(shooting["sources"]) == 2
    assert shooting["date"]["start"] == bombing["date"]["start"] == "2016-08-08"
    assert shooting["location"]["name"] == "Quetta"


MACH_SIT_IN: list[Report] = [
    ("Daily A", "2021-01-03",
     "Gunmen abducted eleven coal miners from the Hazara community and killed them in the Machh area of Bolan "
     "district early on Sunday, Levies officials said. The Islamic State group claimed the killings."),
    ("Daily B", "2021-01-04",
     "Hundreds of Hazaras staged a sit-in on Quetta's Western Bypass with the coffins of the eleven miners killed in "
     "Machh, refusing to bury them until Prime Minister Imran Khan visited."),
    ("Daily C", "2021-01-09",
     "The Hazara community buried the eleven coal miners on Saturday, ending a six-day sit-in in Quetta after the "
     "prime minister promised to visit."),
]  # fmt: skip


def test_the_abducted_whom_their_abductors_killed_are_counted_killed(tmp_path: Path, db_path: Path) -> None:
    # 3 January 2021: rules.v9 counts the eleven "abducted … and killed them" as killed (the first report had counted
    # them abducted only); the sit-in with their coffins and their burial name the killing
    [incident] = incidents_of(tmp_path, db_path, MACH_SIT_IN)
    assert len(incident["sources"]) == 3 and incident["date"]["start"] == "2021-01-03"
    assert (incident["location"]["name"], incident["location"]["admin2"]) == ("Machh", "Kachhi District")
    assert (incident["killed"]["low"], incident["killed"]["high"]) == (11, 11)


SAME_FRIDAY: list[Report] = [
    ("Daily A", "2023-09-29",
     "At least 52 people were killed and over 50 injured when a suicide bomber struck a procession marking Eid "
     "Milad-un-Nabi near the Madina Mosque on Alfalah Road in Mastung on Friday."),
    ("Daily B", "2023-09-29",
     "Five people were killed and several injured when two suicide bombers attacked a mosque inside a police station "
     "in Hangu's Doaba area during Friday prayers."),
    ("Daily C", "2023-09-30",
     "The death toll from Friday's suicide bombing in Mastung rose to 60, officials said on Saturday. In Hangu, where "
     "a mosque was attacked the same day, five people died."),
]  # fmt: skip


def test_two_suicide_bombings_of_one_day_in_two_provinces_stay_two(tmp_path: Path, db_path: Path) -> None:
    # 29 September 2023: Mastung, Balochistan, and Hangu, Khyber Pakhtunkhwa; the third report tells of both
    incidents = incidents_of(tmp_path, db_path, SAME_FRIDAY)
    by_place = {i["location"]["admin1"]: i for i in incidents}
    assert len(incidents) == 2 and set(by_place) == {"Balochistan", "Khyber Pakhtunkhwa"}
    mastung, hangu = by_place["Balochistan"], by_place["Khyber Pakhtunkhwa"]
    assert (mastung["killed"]["low"], mastung["killed"]["high"], hangu["killed"]["best"]) == (52, 60, 5)


QUETTA_TWO_DAYS: list[Report] = [
    ("Daily A", "2018-04-02", "Gunmen riding a motorcycle shot dead a Hazara shopkeeper on Jinnah Road in Quetta on Sunday."),
    ("Daily B", "2018-04-03",
     "Two Hazara men were shot dead by unidentified motorcyclists near Mizan Chowk in Quetta on Monday evening."),
    ("Daily C", "2018-04-03",
     "A Hazara shopkeeper was killed in a targeted attack in Quetta on Sunday, police said. His funeral was held on "
     "Monday."),
]  # fmt: skip


def test_two_killings_in_one_city_on_two_days_stay_two_on_a_small_store(tmp_path: Path, db_path: Path) -> None:
    # sentences in the press's idiom, of no real incident: on a store this small the built-in chances of agreeing by
    # coincidence had held (one place in a hundred, figures of 1 and 2 "close"), and the three reports were one
    # incident with 1-2 killed; link-spec.v22 reads them from the store, whose incidents are all in Quetta
    by_day = _by_day(tmp_path, db_path, QUETTA_TWO_DAYS)
    assert sorted(by_day) == ["2018-04-01", "2018-04-02"]
    assert (len(by_day["2018-04-01"]["sources"]), by_day["2018-04-01"]["killed"]["best"]) == (2, 1)
    assert (len(by_day["2018-04-02"]["sources"]), by_day["2018-04-02"]["killed"]["best"]) == (1, 2)


HAZARA_OP_ED: list[Report] = [
    ("Daily A", "2013-01-11",
     "Twin blasts tore through a crowded snooker hall on Alamdar Road in Quetta on Thursday night, killing at least 81 "
     "people, most of them Hazaras. Lashkar-e-Jhangvi claimed responsibility."),
    HAZARA_TOWN[0],
    HAZARA_TOWN[1],
    ("Weekly E", "2021-01-20",
     "The Hazara community has buried its dead again and again. In January 2013, 81 people were killed in twin blasts "
     "at a snooker hall on Alamdar Road. A month later, 84 died when a bomb tore through a market in Hazara Town."),
]  # fmt: skip


def test_an_op_ed_s_past_massacres_join_the_incidents_they_name(tmp_path: Path, db_path: Path) -> None:
    # rules.v9: "A month later, 84 died when a bomb tore through a market in Hazara Town" is another incident than
    # the one before it, although both are in quarters of Quetta: the op-ed had told of one bombing, on Alamdar Road,
    # in January 2013, placed in Hazara Town, and the Hazara Town bombing's 84 had been lost
    by_day = _by_day(tmp_path, db_path, HAZARA_OP_ED)
    assert sorted(by_day) == ["2013-01-10", "2013-02-16"]
    assert {s["outlet"] for s in by_day["2013-01-10"]["sources"]} == {"Daily A", "Weekly E"}
    assert {s["outlet"] for s in by_day["2013-02-16"]["sources"]} == {"Daily A", "Daily B", "Weekly E"}
    assert by_day["2013-01-10"]["location"]["name"] == "Alamdar Road"


POLICE_COLLEGE: list[Report] = [
    ("Daily A", "2016-10-25",
     "Heavily armed militants stormed the Police Training College on Sariab Road in Quetta late on Monday night, "
     "killing 61 cadets and wounding more than 120 before two of the attackers blew themselves up."),
    ("Daily B", "2016-10-25",
     "Three suicide bombers attacked a police academy in Quetta, killing at least 59 people, officials said on "
     "Tuesday. The Islamic State group and Lashkar-e-Jhangvi al-Alami both claimed the attack."),
    ("Daily C", "2016-10-27",
     "Funeral prayers for the cadets killed in the Quetta police college attack were offered at the Police Lines on "
     "Wednesday."),
]  # fmt: skip


def test_the_day_officials_spoke_and_the_day_of_the_funerals_are_not_the_attack_s(tmp_path: Path, db_path: Path) -> None:
    # 24 October 2016, Quetta: rules.v9 reads "officials said on Tuesday" and the funeral prayers "for the cadets
    # killed in the … attack" on Wednesday as bounds of the attack's day, which had been each report's: three
    # incidents had become two, one of them dated 24 to 26 October
    [incident] = incidents_of(tmp_path, db_path, POLICE_COLLEGE)
    assert len(incident["sources"]) == 3 and incident["date"]["start"] == incident["date"]["end"] == "2016-10-24"
    assert (incident["killed"]["low"], incident["killed"]["high"]) == (59, 61)


TURBAT: list[Report] = [
    ("Daily A", "2023-11-24",
     "The Counter-Terrorism Department said it killed four suspected militants, including Balach Mola Bakhsh, in an "
     "encounter in Turbat on Thursday night."),
    ("Daily C", "2023-12-07",
     "A long march against enforced disappearances and the killing of Balach Mola Bakhsh set off from Turbat for Quetta."),
]  # fmt: skip


def test_a_protest_against_a_killing_is_not_the_killing(tmp_path: Path, db_path: Path) -> None:
    # 23 November 2023, Turbat: link-spec.v23 keeps a protest that counts no dead apart from violence; the long march
    # had joined the killing on the name and the town (0.96)
    incidents = incidents_of(tmp_path, db_path, TURBAT)
    assert sorted(i["event_type"] for i in incidents) == ["armed_attack", "protest"]
    assert all(len(i["sources"]) == 1 for i in incidents)


ELECTION_FRIDAY: list[Report] = [
    MASTUNG[0],
    ("Daily D", "2018-07-13",
     "Four people were killed on Friday when a bomb hidden in a motorcycle went off near the convoy of Akram Khan "
     "Durrani, a candidate of the Muttahida Majlis-e-Amal, in Bannu. Durrani was unhurt."),
    ("Daily E", "2018-07-14",
     "Funeral prayers were offered in Quetta on Saturday for Nawabzada Siraj Raisani, who was among those killed in "
     "Friday's blast at his election rally in Mastung. The Islamic State group said it had carried out the attack."),
    ("Daily F", "2018-07-13",
     "Two attacks on election campaigns killed at least 132 people on Friday. A suicide bombing at a rally in "
     "Mastung, Balochistan, killed 128 people, and a bomb in Bannu, Khyber Pakhtunkhwa, killed four."),
]  # fmt: skip


def test_a_report_of_two_attacks_of_one_day_joins_each_of_them(tmp_path: Path, db_path: Path) -> None:
    # 13 July 2018: the rally in Mastung and the convoy in Bannu. rules.v10: the report telling of both had been one
    # claim (Mastung, 132 killed, the two attacks' sum), and Raisani "among those killed" had put the toll's low at 1
    incidents = incidents_of(tmp_path, db_path, ELECTION_FRIDAY)
    by_place = {i["location"]["admin1"]: i for i in incidents}
    assert len(incidents) == 2 and set(by_place) == {"Balochistan", "Khyber Pakhtunkhwa"}
    mastung, bannu = by_place["Balochistan"], by_place["Khyber Pakhtunkhwa"]
    assert (len(mastung["sources"]), mastung["killed"]["low"], mastung["killed"]["best"]) == (3, 128, 128)
    assert (len(bannu["sources"]), bannu["killed"]["best"]) == (2, 4)


QUETTA_SIT_IN: list[Report] = [
    ("Daily A", "2025-03-22",
     "Three people were killed when police opened fire on a sit-in of the Baloch Yakjehti Committee on Sariab Road in "
     "Quetta on Friday evening, the committee said."),
    ("Daily B", "2025-03-22",
     "Police in Quetta arrested Mahrang Baloch, the leader of the Baloch Yakjehti Committee, and several other "
     "activists early on Saturday, a day after three protesters were killed in firing on the committee's sit-in."),
    ("Daily C", "2025-03-23",
     "The Baloch Yakjehti Committee refused to bury the bodies of the three protesters killed in police firing in "
     "Quetta on Friday and continued its sit-in on Sunday, demanding the release of Mahrang Baloch."),
]  # fmt: skip


def test_arrests_a_day_after_a_killing_are_not_the_killing(tmp_path: Path, db_path: Path) -> None:
    # 21 and 22 March 2025, Quetta. link-spec.v24: an arrest that counts no dead and violence are two events; the
    # arrests had joined the killing on the committee's name and the town (0.97)
    incidents = incidents_of(tmp_path, db_path, QUETTA_SIT_IN)
    by_type = {i["event_type"]: i for i in incidents}
    assert set(by_type) == {"armed_attack", "arrest", "protest"}
    assert len(by_type["armed_attack"]["sources"]) == 2 and by_type["armed_attack"]["killed"]["best"] == 3
    assert len(by_type["arrest"]["sources"]) == 1 and by_type["arrest"]["arrested"]["low"] == 4


# Sentences in the press's idiom of no real incident: two men named in two reports of their taking, a day and a week
# later, another taking in the town the same day, and two other men taken there the next day, told alike
TURBAT_NAMED: list[Report] = [
    ("Daily A", "2022-03-08",
     "The brothers Nadir Baloch and Sameer Baloch were picked up from a hotel in Turbat on Monday night, their "
     "families said."),
    ("Daily B", "2022-03-16",
     "Students protested in Quetta on Wednesday for the release of Nadir Baloch and Sameer Baloch, who were picked "
     "up in Turbat last week."),
    ("Daily C", "2022-03-08", "Gunmen abducted two traders from the main bazaar in Turbat on Monday, police said."),
    ("Daily D", "2022-03-09",
     "The brothers Karim Baloch and Jameel Baloch were picked up from their home in Turbat on Tuesday, their families "
     "said."),
]  # fmt: skip


def test_two_reports_naming_the_people_taken_are_one_taking(tmp_path: Path, db_path: Path) -> None:
    # rules.v11 and link-spec.v25: the second report's taking had been no claim ("who were picked up" with no place
    # taken from); the names in both are compared, not read again as wording; the brothers taken the next day, told in
    # the first report's words, are other people (they joined it at 0.997 on the words, the day and the town, and on
    # "Baloch", the victims' group read in their names)
    incidents = incidents_of(tmp_path, db_path, TURBAT_NAMED)
    takings = sorted((i for i in incidents if i["event_type"] == "abduction"), key=lambda i: len(i["sources"]))
    assert [len(i["sources"]) for i in takings] == [1, 1, 2]
    takings = [takings[0] if "two" in takings[0]["abducted"]["sources"][0]["quote"] else takings[1], takings[2]]
    assert takings[1]["abducted"]["best"] == 2 and takings[0]["abducted"]["sources"][0]["quote"] == "abducted two"
    assert {"Nadir Baloch", "Sameer Baloch"} <= set(takings[1]["people"])  # whom it befell, as the reports name them
    [protest] = [i for i in incidents if i["event_type"] == "protest"]
    assert protest["location"]["name"] == "Quetta"
    why = json.loads(run(db_path, "incident", takings[1]["id"], "--json"))
    levels = {e["comparison"]: e["level"] for link in why["links"] for e in link["evidence"]}
    assert levels["named_victims"] == "a person named in both"


def test_a_report_placed_at_the_university_it_names_is_in_its_city() -> None:
    # gazetteer@2026-12i: "the University of Balochistan" had placed the students' taking in the province
    from saboot.claims import ExtractionInput
    from saboot.extract.rules import RuleExtractor

    text = (
        "Students boycotted classes at the University of Balochistan on Monday to demand the recovery of Sohail Baloch "
        "and Fasihullah Baloch, who were picked up from the campus last week."
    )
    claims = RuleExtractor().extract(ExtractionInput("t", text, published="2021-11-08")).claims
    assert {(c.location.name, c.location.admin2, c.location.precision) for c in claims if c.location} == {
        ("University of Balochistan", "Quetta District", "town")
    }


def test_the_people_a_count_names_are_compared_and_the_victims_not_compared_stay_wording() -> None:
    # link-spec.v25: "students" had been left out of the wording as the words of a victim ("civilians") that the
    # linker does not compare either; the names of the taken are compared on their own, not as wording
    from saboot.claims import ExtractionInput
    from saboot.extract.rules import RuleExtractor
    from saboot.link.records import fold_name, from_claim

    text = (
        "Two students, Karim Dad and Jameel Ahmed, went missing from their hostel in Quetta on Monday. Gunmen killed "
        "two civilians in Turbat on Monday."
    )
    taken, killed = RuleExtractor().extract(ExtractionInput("t", text, published="2022-03-09")).claims
    assert "students" in from_claim(taken, "t").terms and "civilians" not in from_claim(killed, "t").terms
    names = "The brothers Karim Dad and Jameel Ahmed were picked up from their hostel in Quetta on Monday, students said."
    [named] = RuleExtractor().extract(ExtractionInput("t", names, published="2022-03-09")).claims
    record = from_claim(named, "t")
    assert record.named_victims == ["jamil ahmad", "karim dad"]  # one spelling of each: "Jameel Ahmed", "Jamil Ahmad"
    assert [named.victims[-1].name, named.victims[-1].evidence[0].quote] == ["Jameel Ahmed", "Jameel Ahmed"]
    assert fold_name("Faseehullah  Baloch") == fold_name("Fasihullah Baloch") and fold_name("Mohammed") == "muhamad"
    # link-spec.v26: a doubled letter and a hyphen
    assert fold_name("Hassan Abdul-Haq") == fold_name("Hasan Abdul Haq") and fold_name("Zahid") != fold_name("Zaid")
    # link-spec.v27: the "h" before "-ullah" is often not written
    assert fold_name("Fasihullah Baloch") == fold_name("Fasiullah Baloch") and fold_name("Zabihullah") == fold_name("Zabiullah")
    assert not {"karim", "dad", "jameel", "ahmed"} & set(record.terms) and "students" in record.terms


# Sentences in the press's idiom of no real incident: two takings near one town on one day, and a later report of one
NUSHKI_TAKINGS: list[Report] = [
    ("Daily A", "2022-05-07",
     "Gunmen abducted 17 passengers from a bus on the highway near Nushki on Friday, officials said."),
    ("Daily B", "2022-05-07", "Armed men kidnapped two levies personnel near Nushki on Friday, officials said."),
    ("Daily C", "2022-05-08",
     "The 17 passengers who were abducted from a bus near Nushki on Friday are still missing, their relatives said "
     "on Saturday."),
]  # fmt: skip


def test_the_numbers_taken_tell_two_takings_of_one_day_and_town_apart(tmp_path: Path, db_path: Path) -> None:
    # link-spec.v25 compares the people taken, gone missing or arrested as it does the killed: 17 and 2 taken near
    # Nushki on one day had been one incident (0.975 on the day, the town and the type)
    incidents = incidents_of(tmp_path, db_path, NUSHKI_TAKINGS)
    assert sorted((len(i["sources"]), i["abducted"]["best"]) for i in incidents) == [(1, 2), (2, 17)]
    [near] = json.loads(run(db_path, "near", "--min", "0.5", "--json"))
    levels = {e["comparison"]: e["level"] for e in near["near"]["link"]["evidence"]}
    assert levels["taken"] == "far apart"


# Of no real incident (invented names and outlets), in the press's idiom: a man picked up in Khuzdar; two months later
# his body found in Turbat, reported with his taking and without it; and another man's body found there that day.
BODY_FOUND: list[Report] = [
    ("Daily A", "2022-03-15",
     "Hafeez Baloch, a schoolteacher, was picked up by security forces from his home in Khuzdar on Saturday night, "
     "his family said."),
    ("Daily B", "2022-05-07",
     "The bullet-riddled body of Hafeez Baloch, who had been picked up by security forces from Khuzdar in March, was "
     "found in Turbat on Friday."),
    ("Daily C", "2022-05-07",
     "Levies found the body of a schoolteacher, Hafeez Baloch, on the outskirts of Turbat on Friday, officials said."),
    ("Daily D", "2022-05-07", "The body of Waheed Ahmed, a shopkeeper, was found in Turbat on Friday."),
]  # fmt: skip


def test_a_body_found_of_a_man_taken_before_joins_both_the_taking_and_the_finding(tmp_path: Path, db_path: Path) -> None:
    # rules.v12: the second report had been one claim, an armed attack in Khuzdar in March with no one dead, and the
    # third report no claim (a "schoolteacher" was no one); link-spec.v26: a deed of no known type that killed is
    # violence, and "body" and "found" are not wording (the third and fourth reports, of two men, had joined on them)
    incidents = incidents_of(tmp_path, db_path, BODY_FOUND)
    got = sorted((i["location"]["name"], i["date"]["start"], len(i["sources"])) for i in incidents)
    assert got == [("Khuzdar", "2022-03-12", 2), ("Turbat", "2022-05-06", 1), ("Turbat", "2022-05-06", 2)]
    [taking] = [i for i in incidents if i["location"]["name"] == "Khuzdar"]
    [found] = [i for i in incidents if len(i["sources"]) == 2 and i["location"]["name"] == "Turbat"]
    assert taking["event_type"] == "enforced_disappearance" and taking["abducted"]["best"] == 1
    assert found["killed"]["best"] == 1 and found["people"] == taking["people"] == ["Hafeez Baloch"]
    assert "Hafeez Baloch" not in found["victims"]  # the groups they belonged to, not the people (rules.v12)


# Of no real incident (invented figures and outlets): attacks on two camps in one night, reported together and apart.
TWO_CAMPS: list[Report] = [
    ("Daily A", "2023-06-15",
     "Militants attacked the FC headquarters in Panjgur and Noshki on Wednesday night, killing nine soldiers, the "
     "military said."),
    ("Daily B", "2023-06-15",
     "Four soldiers were killed when militants stormed an FC camp in Noshki on Wednesday night, officials said."),
    ("Daily C", "2023-06-16",
     "Five soldiers were martyred in the attack on the FC camp in Panjgur on Wednesday night, the ISPR said."),
]  # fmt: skip


def test_a_report_of_attacks_at_two_towns_joins_each_town_s_report(tmp_path: Path, db_path: Path) -> None:
    # rules.v12: the first report had been one armed attack at Panjgur with nine dead, which the report of Noshki never
    # met; now an attack at each town and the nine a total over both, which the two towns' tolls add up to
    incidents = incidents_of(tmp_path, db_path, TWO_CAMPS)
    got = sorted((i["location"]["name"], len(i["sources"]), i["killed"]["best"]) for i in incidents)
    assert got == [("Noshki", 2, 4), ("Panjgur", 2, 5)]
    [check] = json.loads(run(db_path, "aggregates", "--json"))
    assert (check["claimed"], check["incidents_total"], check["verdict"]) == (9, 9, "consistent")


def test_attacks_of_one_night_at_two_towns_far_apart_stay_two_when_reported_apart(tmp_path: Path, db_path: Path) -> None:
    # link-spec.v27: the reports of Noshki and of Panjgur alone (some 300 km apart) had been one incident at 0.997:
    # the day, the type, close tolls and the soldiers outweighed a place "far apart" (m 0.05), and "camp" and "night"
    # were similar wording between two claims of four words
    incidents = incidents_of(tmp_path, db_path, TWO_CAMPS[1:])
    assert sorted((i["location"]["name"], i["killed"]["best"]) for i in incidents) == [("Noshki", 4), ("Panjgur", 5)]


# Invented figures and outlets, in the idiom of the reports of a convoy attacked on a road in Kurram: the attack, its
# toll, the clashes that followed and a sit-in in Parachinar, the district's main town, against the killing.
CONVOY: list[Report] = [
    ("Daily A", "2024-11-22",
     "Gunmen opened fire on a convoy of passenger vehicles travelling from Parachinar to Peshawar in Lower Kurram on "
     "Thursday, killing at least 42 people, officials said."),
    ("Daily B", "2024-11-23",
     "The death toll from Thursday's attack on a passenger convoy near Bagan in Kurram district rose to 45, police "
     "said on Friday."),
    ("Daily C", "2024-11-25",
     "At least 32 people were killed in clashes between armed tribes in Kurram on Saturday and Sunday, two days after "
     "the attack on the convoy, a district official said."),
    ("Daily D", "2024-11-26",
     "Hundreds of people staged a sit-in in Parachinar on Monday to protest against the killing of 45 passengers in "
     "the convoy attack and demanded that the road be reopened."),
]  # fmt: skip


# rules.v18: the clashes' report with the attack named first ("Two days after the attack on the convoy, …") had been
# one claim of the attack, at Kurram District with the clashes' days and toll, and joined the attack's reports
CLASHES_TOLD_AFTER: Report = (
    "Daily C", "2024-11-25",
    "Two days after the attack on the convoy, at least 32 people were killed in clashes between armed tribes in Kurram "
    "on Saturday and Sunday, a district official said.",
)  # fmt: skip


@pytest.mark.parametrize("clashes", [CONVOY[2], CLASHES_TOLD_AFTER], ids=["attack-named-after", "attack-named-first"])
def test_a_sit_in_against_a_killing_does_not_move_the_killing_to_the_sit_in_s_town(
    tmp_path: Path, db_path: Path, clashes: Report
) -> None:
    # rules.v13: the killing the sit-in protests against is placed in Parachinar for want of a place of its own, and
    # flagged so (place_of_protest); reconcile.v5 places the attack where its own reports do, in Kurram District (the
    # sit-in's Parachinar had refined it); the clashes "on Saturday and Sunday" span both days (they had been Saturday).
    # gazetteer@2026-12o knows Bagan, where the second report places the attack (it had been Kurram District), and the
    # clashes, told "two days after the attack on the convoy", are not that attack (link-spec.v32, spec.TOLD_AS_EARLIER:
    # with the attack at Bagan "within tolerance" of Kurram District they had joined it at 0.91)
    incidents = {i["event_type"]: i for i in incidents_of(tmp_path, db_path, [*CONVOY[:2], clashes, CONVOY[3]])}
    assert set(incidents) == {"armed_attack", "clash", "protest"}
    attack, clash = incidents["armed_attack"], incidents["clash"]
    assert (attack["location"]["name"], len(attack["sources"]), attack["killed"]["best"]) == ("Bagan", 3, 45)
    assert (clash["date"]["start"], clash["date"]["end"]) == ("2024-11-23", "2024-11-24")
    assert clash["location"]["name"] == "Kurram District"
    assert incidents["protest"]["location"]["name"] == "Parachinar"
    [flagged] = json.loads(run(db_path, "claims", "--flag", "place_of_protest", "--json"))
    assert (flagged["event_type"], flagged["location"]["name"]) == ("armed_attack", "Parachinar")


# Invented names and outlets: two Shia men shot dead in two quarters of Karachi on one evening, each reported alone,
# and a report of both in one sentence.
TWO_QUARTERS: list[Report] = [
    ("Daily A", "2013-03-05",
     "A Shia doctor was shot dead by unidentified gunmen riding a motorcycle outside his clinic in Orangi Town, "
     "Karachi, on Monday evening, police said."),
    ("Daily B", "2013-03-05",
     "A trader belonging to the Shia community was gunned down near his shop in Gulshan-e-Iqbal, Karachi, on Monday, "
     "police said."),
    ("Daily C", "2013-03-05",
     "Two Shia men were killed in separate incidents of targeted killing in Karachi on Monday. Dr Ali Raza was shot "
     "outside his clinic in Orangi Town, while a shopkeeper, Hasan Abbas, was gunned down in Gulshan-e-Iqbal."),
]  # fmt: skip


@pytest.mark.parametrize("reports", [TWO_QUARTERS[:2], TWO_QUARTERS], ids=["alone", "and-told-together"])
def test_two_killings_of_one_evening_in_two_quarters_of_a_city_stay_two(
    tmp_path: Path, db_path: Path, reports: list[Report]
) -> None:
    # link-spec.v27: the two quarters, which the gazetteer places at Karachi's point, had been "within tolerance" and
    # the first two reports one incident (0.94); rules.v13: the third report's ", while …" is a second killing, at
    # Gulshan-e-Iqbal on the same day (it had been one killing at Orangi Town, of Hasan Abbas)
    incidents = incidents_of(tmp_path, db_path, reports)
    got = sorted((i["location"]["name"], i["date"]["start"], len(i["sources"])) for i in incidents)
    n = len(reports) - 1
    assert got == [("Gulshan-e-Iqbal", "2013-03-04", n), ("Orangi Town", "2013-03-04", n)]


# Invented figures and outlets, in the idiom of the reports of a suicide bombing at a city's railway station: the
# bombing, its toll, a strike against it, and a killing elsewhere told "two days after" it.
STATION: list[Report] = [
    ("Daily A", "2024-11-09",
     "At least 24 people, including soldiers, were killed and more than 40 injured when a suicide bomber blew himself "
     "up at the Quetta railway station on Saturday morning, officials said."),
    ("Wire B", "2024-11-09",
     "A suicide bombing at a railway station in Pakistan's southwestern city of Quetta killed at least 26 people on "
     "Saturday, including 14 soldiers, police said."),
    ("Daily C", "2024-11-10",
     "The death toll from Saturday's suicide attack at Quetta railway station rose to 32, hospital officials said on "
     "Sunday."),
    ("Daily D", "2024-11-12",
     "Two days after the railway station bombing, gunmen shot dead three Levies personnel in Mastung on Monday, "
     "officials said."),
]  # fmt: skip


def test_a_killing_told_after_a_bombing_it_names_first_is_not_the_bombing(tmp_path: Path, db_path: Path) -> None:
    # rules.v18: "Two days after the railway station bombing, gunmen shot dead three …" had been one claim, a bombing
    # in Mastung of Monday, which joined the Quetta bombing's reports (its 3 killed an outlier among their 24-32)
    incidents = {i["event_type"]: i for i in incidents_of(tmp_path, db_path, STATION)}
    bombing, killing = incidents["bombing"], incidents["armed_attack"]
    assert (bombing["location"]["name"], len(bombing["sources"]), bombing["killed"]["low"]) == ("Quetta", 3, 24)
    assert (killing["location"]["name"], killing["date"]["start"], killing["killed"]["best"]) == ("Mastung", "2024-11-11", 3)
