"""Reports of one incident worded as the press words them, days apart, become one incident.

The three reports restate, in the words a newsroom might use, what was reported of the suicide bombing of the shrine
of Lal Shahbaz Qalandar in Sehwan, Sindh, on 16 February 2017: a first report with a first toll, a later toll, and a
provincial figure. Each had become an incident of its own: the later toll was dated to the day the toll rose and placed
in Hyderabad, India (where the wounded died in hospital), and the provincial figure was an armed attack.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from saboot.cli import cli
from tests.conftest import DATA, need

REPORTS = {
    "first.md": (
        "Daily A", "2017-02-17",
        "A suicide bomber blew himself up among devotees at the shrine of Lal Shahbaz Qalandar in Sehwan, Sindh, on "
        "Thursday evening, killing at least 72 people and wounding more than 250, officials said. The Islamic State "
        "group claimed the attack.",
    ),
    "toll.md": (
        "Daily B", "2017-02-18",
        "The death toll in the Sehwan shrine bombing climbed to 90 on Friday as more of the wounded died in hospitals "
        "in Hyderabad and Karachi. Relatives waited outside the hospitals for news.",
    ),
    "province.md": (
        "Daily C", "2017-02-19",
        "Sindh observed three days of mourning after Thursday's attack on the shrine in Sehwan Sharif. The provincial "
        "government said 83 had died and 340 were injured in the blast.",
    ),
}  # fmt: skip


def run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.output


def _ingested(tmp_path: Path, db: Path) -> None:
    for name, (outlet, published, text) in REPORTS.items():
        (tmp_path / name).write_text(f"---\noutlet: {outlet}\npublished: {published}\n---\n{text}\n", encoding="utf-8")
    run(db, "ingest", "-q", *(str(tmp_path / n) for n in REPORTS))


def test_three_reports_of_the_sehwan_bombing_are_one_incident(tmp_path: Path, db_path: Path) -> None:
    _ingested(tmp_path, db_path)
    run(db_path, "link")
    [incident] = json.loads(run(db_path, "incidents", "--json"))
    assert len(incident["sources"]) == 3
    assert (incident["event_type"], incident["date"]["start"]) == ("bombing", "2017-02-16")
    assert (incident["location"]["name"], incident["location"]["admin1"]) == ("Sehwan", "Sindh")
    killed = incident["killed"]
    assert (killed["low"], killed["best"], killed["high"]) == (72, 83, 90)  # best: the lower median of 72, 83 and 90


def test_the_incident_matches_gtd_s_record_of_it(tmp_path: Path, db_path: Path) -> None:
    reference = need(DATA / "gtd-pakistan-2007-2018-reference.csv")
    _ingested(tmp_path, db_path)
    run(db_path, "reference", "import", str(reference), "--format", "gtd", "--name", "gtd", "--country", "PK")
    run(db_path, "link")
    [incident] = json.loads(run(db_path, "incidents", "--json"))
    [match] = incident["reference_matches"]
    assert (match["dataset"], match["date"], match["place"]) == ("gtd", "2017-02-16", "Sehwan")
