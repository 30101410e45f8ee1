"""The GTD, UCDP GED and ACLED readers, on rows laid out as those datasets publish them."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from saboot.cli import cli
from saboot.link.engine import engine_for
from saboot.link.model import CORROBORATING_MATCH
from saboot.link.records import TOLERANCE_KM
from saboot.link.references import ReferenceRow, canonical_actor
from saboot.link.service import REFERENCE_THRESHOLD
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


GTD_COLUMNS = ["eventid", "iyear", "imonth", "iday", "country_txt", "provstate", "city", "latitude", "longitude",
               "specificity", "attacktype1_txt", "gname", "nkill", "nwound"]  # fmt: skip


def test_each_dataset_says_what_its_coordinates_locate(tmp_path: Path, db_path: Path) -> None:
    # GTD's specificity, UCDP's where_prec and ACLED's geo_precision: a town is compared within the reference
    # tolerance, a province's centroid within a province's, a country's coordinates not at all; a code the dataset
    # does not use is reported with its line and column, and the other rows are imported
    gtd = _csv(tmp_path / "gtd.csv", GTD_COLUMNS, [
        ["1", "2013", "1", "10", "Pakistan", "Balochistan", "Quetta", "30.18", "67.01", "1", "Bombing/Explosion", "LeJ", "81", "120"],
        ["2", "2013", "1", "11", "Pakistan", "Balochistan", "Unknown", "28.5", "65.1", "4", "Armed Assault", "Unknown", "2", ""],
        ["3", "2013", "1", "12", "Pakistan", "Sindh", "Karachi", "24.9", "67.0", "9", "Armed Assault", "Unknown", "1", ""],
        ["4", "2013", "1", "13", "Pakistan", "Sindh", "Karachi", "24.9", "67.0", "", "Armed Assault", "Unknown", "1", ""],
    ])  # fmt: skip
    out, rows = _import(db_path, gtd, "gtd")
    assert "3 rows imported, 1 skipped" in out and "gtd.csv:4" in out and "specificity" in out
    assert [rows[k].place_precision for k in ("1", "2", "4")] == ["town", "province", "town"]
    assert (rows["1"].record().tol_km, rows["2"].record().tol_km) == (40.0, 250.0)

    ged = _csv(tmp_path / "ged.csv", UCDP_COLUMNS, [
        [str(100 + p), "2013", "3", "x", "TTP", "Civilians", str(p), "somewhere", "Khyber Pakhtunkhwa province", "", "34.9", "72.3",
         "Pakistan", "1", "2013-01-10", "2013-01-10", "3", "3", "3", "3"] for p in (1, 3, 4, 6)
    ])  # fmt: skip
    _, rows = _import(db_path, ged, "ucdp")
    assert [rows[k].place_precision for k in ("101", "103", "104", "106")] == ["exact", "district", "province", "country"]
    country = rows["106"].record()
    assert (country.lat, country.lon, country.tol_km) == (None, None, None)
    assert (rows["106"].lat, rows["106"].lon) == (34.9, 72.3)  # kept as the dataset gives them


def test_acled_dates_known_only_to_the_week_or_month_span_it(tmp_path: Path, db_path: Path) -> None:
    columns = [*ACLED_COLUMNS, "geo_precision"]
    row = ["Pakistan", "Balochistan", "Quetta", "Quetta", "30.18", "67.01", "4"]
    path = _csv(tmp_path / "acled.csv", columns, [
        ["PAK1", "2013-02-16", "2013", "1", "Political violence", "Battles", "Armed clash", "x", "y", *row, "1"],
        ["PAK2", "2013-02-16", "2013", "2", "Political violence", "Battles", "Armed clash", "x", "y", *row, "2"],
        ["PAK3", "2013-02-15", "2013", "3", "Political violence", "Battles", "Armed clash", "x", "y", *row, "3"],
        ["PAK4", "2013-02-15", "2013", "4", "Political violence", "Battles", "Armed clash", "x", "y", *row, "1"],
    ])  # fmt: skip
    out, rows = _import(db_path, path, "acled")
    assert "3 rows imported, 1 skipped" in out and "acled.csv:5" in out and "time_precision" in out
    assert [(rows[k].date_lo, rows[k].date_hi) for k in ("PAK1", "PAK2", "PAK3")] == [
        ("2013-02-16", "2013-02-16"), ("2013-02-13", "2013-02-19"), ("2013-02-01", "2013-02-28"),
    ]  # fmt: skip
    assert [rows[k].place_precision for k in ("PAK1", "PAK2", "PAK3")] == ["town", "district", "province"]


def test_a_row_stored_before_precisions_were_read_is_a_town(db_path: Path) -> None:
    row = ReferenceRow("gtd", "1", "2013-01-10", "2013-01-10", "PK", "Balochistan", "Quetta", 30.18, 67.01, "bombing",
                       81, 81, 81, None, None, None)  # fmt: skip
    old = {k: v for k, v in row.to_json().items() if k != "place_precision"}
    assert ReferenceRow(**old) == row and row.place_precision == "town"


def test_a_province_level_row_matches_an_incident_far_from_its_centroid() -> None:
    # Parachinar is some 235 km from the point the row gives: as a town that is "far apart" and no match; as a
    # province's centroid the incident lies within it
    incident = replace(
        ReferenceRow("inc", "1", "2017-06-23", "2017-06-23", "PK", "Khyber Pakhtunkhwa", "Parachinar", 33.90, 70.10,
                     "bombing", 67, 67, 67, None, None, None).record(),
        unique_id="inc:1", document_id="inc:1", source_key="inc:1", tol_km=TOLERANCE_KM["town"],
    )  # fmt: skip

    def probability(precision: str) -> float:
        row = ReferenceRow("ucdp", "9", "2017-06-23", "2017-06-23", "PK", "Khyber Pakhtunkhwa", None, 34.95, 72.33,
                           "bombing", 67, 67, 67, None, None, None, precision)  # fmt: skip
        pairs = engine_for("duckdb").link([incident], [row.record()], REFERENCE_THRESHOLD)
        return max((p.probability for p in pairs), default=0.0)

    assert probability("town") == 0.0
    assert probability("province") >= CORROBORATING_MATCH


def test_a_datasets_name_for_a_group_is_compared_as_the_extractor_names_it() -> None:
    # ACLED writes "TTP: Tehrik-i-Taliban Pakistan", UCDP "TTP", the extractor "Tehrik-i-Taliban Pakistan (TTP)"
    row = ReferenceRow("acled", "1", "2013-01-10", "2013-01-10", "PK", None, None, None, None, "bombing", 1, 1, 1, None,
                       None, "TTP: Tehrik-i-Taliban Pakistan")  # fmt: skip
    assert row.record().perpetrators == ["Tehrik-i-Taliban Pakistan (TTP)"]
    assert row.perpetrator == "TTP: Tehrik-i-Taliban Pakistan"  # the row keeps the dataset's own name
    assert canonical_actor("LeJ") == "Lashkar-e-Jhangvi"
    assert canonical_actor("Unidentified Armed Group (Pakistan)") == "Unidentified Armed Group (Pakistan)"
    assert canonical_actor("TTP and LeJ") == "TTP and LeJ"  # two groups: left as it is


def test_a_csv_may_say_what_its_coordinates_locate(tmp_path: Path, db_path: Path) -> None:
    path = _csv(tmp_path / "mine.csv", ["when", "lat", "lon", "how_precise", "dead"], [
        ["2013-01-10", "30.1", "67.0", "Province", "3"], ["2013-01-11", "30.1", "67.0", "", "3"],
        ["2013-01-12", "30.1", "67.0", "somewhere", "3"],
    ])  # fmt: skip
    result = CliRunner().invoke(cli, ["--db", str(db_path), "reference", "import", str(path), "--format", "csv", "--name",
                                      "mine", "--country", "PK", "--map", "date=when,place_precision=how_precise,killed=dead"])  # fmt: skip
    assert result.exit_code == 0 and "2 rows imported, 1 skipped" in result.output and "mine.csv:4" in result.output
    store = SQLiteStore(db_path)
    try:
        assert sorted(r.place_precision for r in store.reference_rows("mine")) == ["province", "town"]
    finally:
        store.close()


def test_a_reference_is_expected_to_hold_only_the_kinds_of_incident_it_records(tmp_path: Path, db_path: Path) -> None:
    gtd = _csv(tmp_path / "gtd.csv", GTD_COLUMNS, [
        ["1", "2013", "1", "10", "Pakistan", "Balochistan", "Quetta", "30.18", "67.01", "1", "Bombing/Explosion", "LeJ", "81", ""],
        ["2", "2013", "3", "11", "Pakistan", "Sindh", "Karachi", "24.9", "67.0", "1", "Armed Assault", "Unknown", "2", ""],
    ])  # fmt: skip
    mine = _csv(tmp_path / "mine.csv", ["date", "country", "killed"], [["2013-01-10", "PK", "3"], ["2013-03-10", "PK", "1"]])
    _import(db_path, gtd, "gtd")
    assert (
        CliRunner()
        .invoke(cli, ["--db", str(db_path), "reference", "import", str(mine), "--format", "csv", "--name", "mine"])
        .exit_code
        == 0
    )
    store = SQLiteStore(db_path)
    try:
        coverage = store.reference_coverage()
    finally:
        store.close()
    terror, untyped = coverage["gtd"], coverage["mine"]
    assert (terror.first, terror.last, terror.countries, terror.event_types) == (
        "2013-01-10",
        "2013-03-11",
        ("PK",),
        ("armed_attack", "bombing"),
    )
    # GTD's "Armed Assault" is also a mass killing and a clash; it records no protests, and nothing outside its
    # period or countries
    assert all(terror.covers("2013-02-01", "PK", t) for t in ("bombing", "armed_attack", "mass_killing", "clash"))
    assert not terror.covers("2013-02-01", "PK", "protest") and not terror.covers("2013-02-01", "PK", "arrest")
    assert not terror.covers("2014-02-01", "PK", "bombing") and not terror.covers("2013-02-01", "AF", "bombing")
    assert untyped.event_types == ("other",) and untyped.covers("2013-02-01", "PK", "protest")  # no types: every kind
