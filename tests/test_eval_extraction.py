"""``saboot eval extraction`` on GTD-style data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from saboot.cli import cli
from saboot.evaluate.extraction import evaluate, read_gtd
from saboot.extract.rules import RuleExtractor
from tests.conftest import DATA, need

COLUMNS = ["eventid", "summary", "provstate", "city", "nkill", "nwound", "gname", "attacktype1_txt"]


def write_gold(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        w.writerows(rows)


def test_small_gold_file_scores_and_lists_errors(tmp_path: Path) -> None:
    gold = tmp_path / "gold.csv"
    write_gold(gold, [
        ["1", "03/05/2016: Assailants attacked a security post in Marjah, Helmand, Afghanistan. At least seven assailants were killed. The Taliban claimed responsibility for the incident.",
         "Helmand", "Marjah", "7", "0", "Taliban", "Armed Assault"],
        ["2", "04/01/2016: An explosive device detonated in Kabul, Afghanistan. Two civilians were injured in the blast. No group claimed responsibility for the incident.",
         "Kabul", "Kabul", "0", "3", "Unknown", "Bombing/Explosion"],
    ])  # fmt: skip
    assert CliRunner().invoke(cli, ["eval", "extraction", "--gold", str(gold)]).exit_code == 0
    report = evaluate(RuleExtractor(), read_gtd(gold))
    assert report.accuracy("killed") == 1.0 and report.accuracy("perpetrator") == 1.0 and report.accuracy("event_type") == 1.0
    assert report.accuracy("wounded") == 0.5  # the second row's gold says 3; the text says two
    [error] = [e for e in report.errors if e.field == "wounded"]
    assert (error.gold, error.predicted) == ("3", "2")
    out = json.loads(CliRunner().invoke(cli, ["eval", "extraction", "--gold", str(gold), "--json"]).output)
    assert out["fields"]["killed"]["accuracy"] == 1.0 and out["errors"][0]["field"] == "wounded"


def test_bad_gold_file_is_a_clear_error(tmp_path: Path) -> None:
    gold = tmp_path / "gold.csv"
    gold.write_text("a,b\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "extraction", "--gold", str(gold)])
    assert result.exit_code == 2 and "missing columns" in result.output


def test_gtd_development_set_does_not_regress() -> None:
    # floors at the figures measured when this test was written (see the README); the targets are higher
    report = evaluate(RuleExtractor(), read_gtd(need(DATA / "gtd-afghanistan-2016.csv")))
    floors = {
        "date": 0.99,
        "province": 0.99,
        "city": 0.92,
        "killed": 0.86,
        "wounded": 0.88,
        "perpetrator": 0.93,
        "event_type": 0.86,
    }
    measured = {f: report.accuracy(f) for f in floors}
    assert all(measured[f] >= floors[f] for f in floors), measured
