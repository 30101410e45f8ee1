"""Reference tables as users download them: CSV files in other encodings or with a byte-order mark, spreadsheets
(GTD ships an .xlsx), zip archives (UCDP's GED comes as one), and files of another format than the one given, which
are refused before any row is read."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from saboot.cli import cli
from saboot.errors import BulkRowError, ConfigError, ReadError
from saboot.link.references import ReferenceRow, parse_map, read_reference
from saboot.store import SQLiteStore
from saboot.tabular import cell_text
from tests.conftest import DATA, need

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl (the dev extra) writes the spreadsheets these tests read")

GTD_COLUMNS = ["eventid", "iyear", "imonth", "iday", "country_txt", "provstate", "city", "latitude", "longitude",
               "specificity", "multiple", "attacktype1_txt", "gname", "nkill", "nwound"]  # fmt: skip
MASTUNG = ["201109200005", "2011", "9", "20", "Pakistan", "Balochistan", "Quetta", "30.18", "67.0", "1", "0",
           "Armed Assault", "Lashkar-e-Jhangvi", "26", "6"]  # fmt: skip
# a town whose name is not ASCII, as GTD writes some: Latin-1 has the byte E9 for é, UTF-8 two bytes
KHANEWAL = ["201301010001", "2013", "1", "1", "Pakistan", "Punjab", "Khanéwal", "30.3", "71.93", "1", "0",
            "Bombing/Explosion", "Unknown", "3", "4"]  # fmt: skip


def _csv_text(columns: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def _rows(path: Path, fmt: str = "gtd", **options: Any) -> list[ReferenceRow]:
    items = list(read_reference(path, fmt, "ref", **options))
    assert not [i for i in items if isinstance(i, BulkRowError)]
    return [i for i in items if isinstance(i, ReferenceRow)]


def _xlsx(path: Path, columns: list[str], rows: list[list[Any]], sheet: str = "Data", first: str | None = None) -> Path:
    book = openpyxl.Workbook()
    book.active.title = first or sheet
    target = book.create_sheet(sheet) if first else book.active
    target.append(columns)
    for row in rows:
        target.append(row)
    book.save(path)
    return path


def _typed(cell: str) -> Any:
    """A CSV cell as a spreadsheet holds it: numbers as numbers (whole ones as floats, as Excel stores them)."""
    try:
        return float(cell)
    except ValueError:
        return cell or None


def test_a_latin_1_file_is_refused_naming_its_line_and_read_with_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "gtd.csv"
    path.write_bytes(_csv_text(GTD_COLUMNS, [MASTUNG, KHANEWAL]).encode("latin-1"))
    with pytest.raises(ReadError) as refused:
        _rows(path)
    assert refused.value.where == f"{path}:3" and "--encoding" in (refused.value.hint or "")
    assert [r.place for r in _rows(path, encoding="latin-1")] == ["Quetta", "Khanéwal"]
    cut = tmp_path / "cut.csv"  # a download cut off inside its last character
    whole = _csv_text(GTD_COLUMNS, [MASTUNG, KHANEWAL]).encode("utf-8")
    cut.write_bytes(whole[: whole.index("é".encode()) + 1])
    with pytest.raises(ReadError, match="ends inside a character") as cut_off:
        _rows(cut)
    assert cut_off.value.where == f"{cut}:3"


def test_a_byte_order_mark_does_not_hide_the_first_column(tmp_path: Path) -> None:
    path = tmp_path / "gtd.csv"
    path.write_bytes(_csv_text(GTD_COLUMNS, [MASTUNG, KHANEWAL]).encode("utf-8-sig"))
    assert [(r.ref_id, r.date_lo) for r in _rows(path)] == [("201109200005", "2011-09-20"), ("201301010001", "2013-01-01")]


def test_a_spreadsheet_reads_as_the_same_table_saved_as_csv(tmp_path: Path) -> None:
    csv_path = tmp_path / "gtd.csv"
    csv_path.write_text(_csv_text(GTD_COLUMNS, [MASTUNG, KHANEWAL]), encoding="utf-8")
    book = _xlsx(tmp_path / "gtd.xlsx", GTD_COLUMNS, [[_typed(c) for c in row] for row in (MASTUNG, KHANEWAL)])
    assert _rows(book) == _rows(csv_path)


def test_spreadsheet_cells_read_as_a_csv_file_writes_them(tmp_path: Path) -> None:
    assert [cell_text(v) for v in (26.0, 30.18, True, "", dt.datetime(2011, 9, 20), dt.date(2011, 9, 20))] == [
        "26", "30.18", "1", "", "2011-09-20", "2011-09-20",
    ]  # fmt: skip
    # ACLED's export as a workbook: the date a date cell, the data on a second sheet after an empty row and column
    columns = ["event_id_cnty", "event_date", "time_precision", "sub_event_type", "actor1", "country", "admin1",
               "location", "latitude", "longitude", "geo_precision", "fatalities"]  # fmt: skip
    row = ["PAK1", dt.datetime(2011, 9, 20), 1, "Attack", "LeJ", "Pakistan", "Balochistan", "Mastung", 29.8, 66.85, 1, 26]
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    data = book.create_sheet("Events")
    data.append([])
    for values in (columns, row, [None] * len(columns), [*row[:1], "not a date", *row[2:]]):
        data.append([None, *values])
    path = tmp_path / "acled.xlsx"
    book.save(path)
    items = list(read_reference(path, "acled", "acled", sheet="Events"))
    first, bad = items  # the empty row is skipped, as a CSV reader skips a blank line
    assert isinstance(first, ReferenceRow) and (first.date_lo, first.killed_best, first.place) == ("2011-09-20", 26, "Mastung")
    assert isinstance(bad, BulkRowError) and bad.where == f"{path}:5" and "not a date" in bad.message


def test_a_file_of_another_format_is_refused_before_any_row(tmp_path: Path) -> None:
    path = tmp_path / "gtd.csv"
    path.write_text(_csv_text(GTD_COLUMNS, [MASTUNG]), encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        list(read_reference(path, "acled", "acled"))
    assert refused.value.where == f"{path}:1" and "'event_date'" in refused.value.message and "iyear" in refused.value.message
    with pytest.raises(ConfigError, match="'Day'"):
        list(read_reference(path, "csv", "mine", mapping={"date": "Day"}))


def test_a_csv_map_names_only_fields_saboot_reads() -> None:
    assert parse_map("date=Day, killed = Deaths") == {"date": "Day", "killed": "Deaths"}
    assert parse_map(None) is None
    for bad in ("kiled=Deaths", "date", "date="):
        with pytest.raises(ConfigError, match="bad --map entry"):
            parse_map(bad)


def test_cli_imports_a_workbook_sheet_and_keeps_the_store_when_a_file_is_refused(tmp_path: Path, db_path: Path) -> None:
    book = _xlsx(tmp_path / "gtd.xlsx", GTD_COLUMNS, [[_typed(c) for c in MASTUNG]], sheet="Data", first="Read me")
    runner = CliRunner()
    args = ["--db", str(db_path), "reference", "import"]
    result = runner.invoke(cli, [*args, str(book), "--format", "gtd", "--name", "gtd", "--sheet", "Data"])
    assert result.exit_code == 0 and "1 rows imported" in result.output, result.output
    result = runner.invoke(cli, [*args, str(book), "--format", "gtd", "--name", "gtd2", "--sheet", "Events"])
    assert result.exit_code == 2 and "no sheet 'Events' (its sheets: Read me, Data)" in result.output
    latin = tmp_path / "more.csv"
    latin.write_bytes(_csv_text(GTD_COLUMNS, [KHANEWAL]).encode("latin-1"))
    result = runner.invoke(cli, [*args, str(latin), "--format", "gtd", "--name", "gtd"])
    assert result.exit_code == 2 and f"{latin}:2: not UTF-8" in result.output
    store = SQLiteStore(db_path)
    try:
        assert [r.ref_id for r in store.reference_rows("gtd")] == ["201109200005"]
        assert not store.reference_rows("gtd2")
    finally:
        store.close()
    result = runner.invoke(cli, [*args, str(latin), "--format", "gtd", "--name", "gtd", "--encoding", "latin-1"])
    assert result.exit_code == 0 and "1 rows imported" in result.output, result.output
    store = SQLiteStore(db_path)
    try:
        imports = [json.loads(e.payload) for e in store.audit_entries(actions=("reference.import",))]
        assert [(p["sheet"], p["encoding"], p["rows"]) for p in imports] == [("Data", None, 1), (None, "latin-1", 1)]
        assert {r.place for r in store.reference_rows("gtd")} == {"Quetta", "Khanéwal"}
    finally:
        store.close()


def test_the_gtd_reference_reads_the_same_from_a_workbook(tmp_path: Path) -> None:
    source = need(DATA / "gtd-pakistan-2007-2018-reference.csv")
    with open(source, encoding="utf-8", newline="") as fh:
        table = list(csv.reader(fh))
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    sheet.append(table[0])
    for row in table[1:]:
        sheet.append([_typed(c) for c in row])
    path = tmp_path / "gtd.xlsx"
    book.save(path)
    from_csv, from_book = _rows(source), _rows(path)
    assert len(from_book) == len(table) - 1 > 10_000
    assert from_book == from_csv


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_zipped_table_is_read_as_the_table_it_holds(tmp_path: Path) -> None:
    table = _csv_text(GTD_COLUMNS, [MASTUNG, KHANEWAL])
    extras = {"README.txt": b"codebook", "codebook.pdf": b"%PDF", "__MACOSX/._gtd.csv": b"\0"}
    latin = _zip(tmp_path / "latin.zip", {"gtd/gtd.csv": table.encode("latin-1"), **extras})
    with pytest.raises(ReadError) as refused:
        _rows(latin)
    assert refused.value.where == f"{latin}!gtd.csv:3"  # the line inside the archive's table
    assert [r.place for r in _rows(latin, encoding="latin-1")] == ["Quetta", "Khanéwal"]
    bad = _zip(tmp_path / "bad.zip", {"gtd.csv": _csv_text(GTD_COLUMNS, [MASTUNG, ["x", "20I3", *KHANEWAL[2:]]]).encode()})
    [row, skipped] = list(read_reference(bad, "gtd", "ref"))
    assert isinstance(row, ReferenceRow) and isinstance(skipped, BulkRowError) and skipped.where == f"{bad}!gtd.csv:3"
    book = _xlsx(tmp_path / "gtd.xlsx", GTD_COLUMNS, [[_typed(c) for c in MASTUNG]])
    assert _rows(_zip(tmp_path / "book.zip", {"gtd.xlsx": book.read_bytes()})) == _rows(latin, encoding="latin-1")[:1]


def test_an_archive_that_is_not_one_table_is_refused_saying_what_it_holds(tmp_path: Path) -> None:
    table = _csv_text(GTD_COLUMNS, [MASTUNG]).encode()
    two = _zip(tmp_path / "two.zip", {"a.csv": table, "b.csv": table})
    with pytest.raises(ConfigError, match=r"2 tables in the archive \(its files: a.csv, b.csv\)") as refused:
        _rows(two)
    assert "unzip it" in (refused.value.hint or "")
    with pytest.raises(ConfigError, match="no table"):
        _rows(_zip(tmp_path / "none.zip", {"README.txt": b"x"}))
    broken = tmp_path / "broken.zip"
    broken.write_bytes(table)
    with pytest.raises(ReadError, match="not a readable zip archive") as unreadable:
        _rows(broken)
    assert unreadable.value.where == str(broken)


def test_cli_imports_a_zip_archive(tmp_path: Path, db_path: Path) -> None:
    archive = _zip(tmp_path / "ged.zip", {"gtd.csv": _csv_text(GTD_COLUMNS, [MASTUNG, KHANEWAL]).encode()})
    result = CliRunner().invoke(
        cli, ["--db", str(db_path), "reference", "import", str(archive), "--format", "gtd", "--name", "g"]
    )
    assert result.exit_code == 0 and "2 rows imported, 0 skipped" in result.output, result.output
