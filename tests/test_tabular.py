"""Spreadsheet CSV: a carriage return alone inside a cell is a line break in the cell, not the end of the row."""

from __future__ import annotations

import io
import json
from pathlib import Path

from click.testing import CliRunner

from saboot import tabular
from saboot.cli import cli
from saboot.link.references import ReferenceRow, read_reference
from tests.conftest import DATA, need


def rows(text: str) -> tuple[list[dict[str, object]], list[int]]:
    reader = tabular.dict_reader(io.StringIO(text, newline=""))
    out, lines = [], []
    for row in reader:
        out.append(tabular.cells(row))
        lines.append(reader.line_num)
    return out, lines


def test_a_carriage_return_in_an_unquoted_cell_stays_in_its_row() -> None:
    got, lines = rows("id,hospital,killed\n1,CMH Quetta \rCivil Hospital,44\n2,none,3\n")
    assert got == [
        {"id": "1", "hospital": "CMH Quetta \nCivil Hospital", "killed": "44"},
        {"id": "2", "hospital": "none", "killed": "3"},
    ]
    assert lines == [2, 3]  # the file's lines


def test_windows_old_mac_and_quoted_line_breaks_still_read() -> None:
    assert rows("a,b\r\n1,2\r\n3,4\r\n")[0] == [{"a": "1", "b": "2"}, {"a": "3", "b": "4"}]
    assert rows("a,b\r1,2\r3,4\r")[0] == [{"a": "1", "b": "2"}, {"a": "3", "b": "4"}]  # no line feed: CR ends rows
    got, lines = rows('a,b\r\n"two\r\nlines",x\r\n"lone\rreturn",y\r\n')
    assert got == [{"a": "two\r\nlines", "b": "x"}, {"a": "lone\nreturn", "b": "y"}]
    assert lines == [3, 4]


def test_a_reference_row_with_a_line_break_in_a_cell_is_imported_whole(tmp_path: Path) -> None:
    path = tmp_path / "pbc.csv"
    header = "S#,Date,City,Latitude,Longitude,Province,Killed Min,Killed Max,Injured Min,Injured Max,Hospital Names\n"
    path.write_bytes(
        (header + "5,Friday-July 4-2003,Quetta,30.2095,67.0182,Baluchistan,44,47,,65,1.CMH Quetta \r2.Civil Hospital\n"
         "6,Thursday-December 25-2003,Rawalpindi,33.6058,73.0437,Punjab,16,18,,50,District HQ\n").encode()
    )  # fmt: skip
    got = list(read_reference(path, "pbc", "pbc"))
    assert [type(r) for r in got] == [ReferenceRow, ReferenceRow]
    quetta = got[0]
    assert isinstance(quetta, ReferenceRow) and (quetta.date_lo, quetta.killed_low, quetta.killed_high) == ("2003-07-04", 44, 47)


def test_the_pakistan_body_count_suicide_attacks_import_whole(db_path: Path) -> None:
    # found while measuring: 89 of its rows hold a carriage return in the hospital names; each was cut in two, its
    # later cells lost and its tail reported as an unreadable row
    pbc = need(DATA / "pbc-pakistan-suicide-attacks.csv")
    result = CliRunner().invoke(cli, ["--db", str(db_path), "reference", "import", str(pbc), "--format", "pbc", "--name", "pbc"])
    assert result.exit_code == 0 and "492 rows imported, 0 skipped" in result.output


def test_bulk_reports_keep_their_line_breaks(tmp_path: Path, db_path: Path) -> None:
    csv_file = tmp_path / "reports.csv"
    csv_file.write_bytes(
        b"body,site\nGunmen attacked a bus near Mastung.\rTwenty-six were killed.,Outlet C\nA blast in Quetta.,Outlet D\n"
    )
    jsonl = tmp_path / "reports.jsonl"
    jsonl.write_text(
        json.dumps({"text": "Firing in Kurram\u2028left three dead.", "outlet": "Outlet E"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    for path, extra in ((csv_file, ["--map", "text=body,outlet=site"]), (jsonl, [])):
        result = CliRunner().invoke(cli, ["--db", str(db_path), "ingest", "--no-extract", *extra, str(path)])
        assert result.exit_code == 0, result.output
    docs = {d["outlet"]: d for d in json.loads(CliRunner().invoke(cli, ["--db", str(db_path), "documents", "--json"]).output)}
    assert sorted(docs) == ["Outlet C", "Outlet D", "Outlet E"]
