"""The UCDP GED and ACLED readers, on rows laid out as those datasets publish them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from saboot.cli import cli
from saboot.link.references import ReferenceRow
from saboot.store import SQLiteStore

UCDP_COLUMNS = [
    "id", "year", "type_of_violence", "conflict_name", "side_a", "side_b", "where_prec", "where_coordinates", "adm_1",
    "adm_2", "latitude", "longitude", "country", "date_prec", "date_start", "date_end", "deaths_civilians", "best", "high", "low",
]  # fmt: skip
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
    "actor2", "country", "admin1", "admin2", "location", "latitude", "longitude", "fatalities",
]  # fmt: skip


def _csv(path: Path, columns: list[str], rows: list[list[str]]) -> Path:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _import(db: Path, path: Path, fmt: str) -> tuple[str, dict[str, ReferenceRow]]:
    result = CliRunner().invoke(cli, ["--db", str(db), "reference", "import", str(path), "--format", fmt, "--name", fmt])
    assert result.exit_code == 0, result.output
    store = SQLiteStore(db)
    try:
        return result.output, {r.ref_id: r for r in store.reference_rows(fmt)}
    finally:
        store.close()


def test_ucdp_ged_rows(tmp_path: Path, db_path: Path) -> None:
    # a bombing of civilians (one-sided violence: side_a did it), a state-based clash (side_a is the government),
    # a row whose date is unreadable (reported with its line; the others are imported)
    path = _csv(tmp_path / "ged.csv", UCDP_COLUMNS, [
        ["101", "2013", "3", "LeJ - Civilians", "LeJ", "Civilians", "1", "Quetta town", "Balochistan province", "Quetta district",
         "30.1872", "67.0125", "Pakistan", "1", "2013-01-10 00:00:00.000", "2013-01-10 00:00:00.000", "81", "81", "96", "81"],
        ["102", "2014", "1", "Pakistan: Government", "Government of Pakistan", "TTP", "2", "Miran Shah", "Khyber Pakhtunkhwa province",
         "", "33.0", "70.07", "Pakistan", "1", "2014-06-15", "2014-06-17", "0", "40", "60", "30"],
        ["103", "2014", "3", "x", "TTP", "Civilians", "1", "Peshawar", "", "", "34.0", "71.5", "Pakistan", "1", "sometime", "", "0", "5", "5", "5"],
    ])  # fmt: skip
    out, rows = _import(db_path, path, "ucdp")
    assert "2 rows imported, 1 skipped" in out and "ged.csv:4" in out and "sometime" in out
    quetta, miran = rows["101"], rows["102"]
    assert (quetta.date_lo, quetta.date_hi, quetta.country, quetta.admin1) == ("2013-01-10", "2013-01-10", "PK", "Balochistan")
    assert (quetta.killed_low, quetta.killed_best, quetta.killed_high) == (81, 81, 96)
    assert quetta.perpetrator == "LeJ"  # not "Civilians"
    assert (miran.date_lo, miran.date_hi, miran.perpetrator) == ("2014-06-15", "2014-06-17", "TTP")


def test_acled_rows_with_either_date_style(tmp_path: Path, db_path: Path) -> None:
    # ACLED's export tool writes "16 February 2013", its API "2013-02-16"
    path = _csv(tmp_path / "acled.csv", ACLED_COLUMNS, [
        ["PAK1", "16 February 2013", "2013", "1", "Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED",
         "LeJ", "Civilians (Pakistan)", "Pakistan", "Balochistan", "Quetta", "Hazara Town", "30.16", "67.03", "84"],
        ["PAK2", "2013-02-17", "2013", "1", "Political violence", "Battles", "Armed clash", "Military Forces of Pakistan", "TTP",
         "Pakistan", "Khyber Pakhtunkhwa", "Khyber", "Bara", "33.9", "71.45", "7"],
        ["PAK3", "", "2013", "1", "Political violence", "Battles", "Armed clash", "x", "y", "Pakistan", "", "", "", "", "", "1"],
    ])  # fmt: skip
    out, rows = _import(db_path, path, "acled")
    assert "2 rows imported, 1 skipped" in out and "acled.csv:4" in out
    hazara, bara = rows["PAK1"], rows["PAK2"]
    assert (hazara.date_lo, hazara.event_type, hazara.killed_best, hazara.perpetrator) == ("2013-02-16", "bombing", 84, "LeJ")
    assert (hazara.country, hazara.admin1, hazara.place) == ("PK", "Balochistan", "Hazara Town")
    assert (bara.date_lo, bara.event_type) == ("2013-02-17", "clash")
