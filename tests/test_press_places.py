"""Reports of one incident that each place it somewhere else, worded as the press words them.

Invented outlets, in the idiom of the reports of the passengers pulled off buses and shot on the road over the
Babusar pass in August 2012: the first report names the pass, in Khyber Pakhtunkhwa; another the valley town below it
that the bus had passed; a third, a day later and of no day, the Chilas area of Diamer, across the border in
Gilgit-Baltistan, where the road comes down.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_press_reports import Report, incidents_of

BABUSAR: list[Report] = [
    ("Daily A", "2012-08-17",
     "Gunmen in military uniforms stopped four buses at Babusar Top on Thursday, pulled off Shia passengers after "
     "checking their identity cards and shot dead 20 of them, officials said."),
    ("Daily B", "2012-08-17",
     "At least 22 passengers travelling from Rawalpindi to Gilgit were killed near Naran on Thursday when armed men "
     "ambushed their bus."),
    ("Daily C", "2012-08-18",
     "The Tehreek-e-Taliban Pakistan claimed responsibility for the killing of 25 Shia passengers in the Chilas area "
     "of Diamer district."),
]  # fmt: skip


def test_reports_placing_one_attack_on_either_side_of_a_province_s_border_are_one_incident(tmp_path: Path, db_path: Path) -> None:
    # link-spec.v28: the undated report from Chilas, in Gilgit-Baltistan, had been compared with no claim in Khyber
    # Pakhtunkhwa and stood alone; reconcile.v6: of the three places, each given once, the one between the others
    [attack] = incidents_of(tmp_path, db_path, BABUSAR)
    assert (len(attack["sources"]), attack["date"]["start"], attack["location"]["name"]) == (3, "2012-08-16", "Babusar Top")
    assert (attack["killed"]["low"], attack["killed"]["best"], attack["killed"]["high"]) == (20, 22, 25)
