"""CSV as spreadsheets write it.

A spreadsheet that exports a cell holding a line break often writes a bare
carriage return into the cell, unquoted (the Pakistan Body Count file does so
in its hospital names). Python's csv module takes that carriage return for
the end of the row, so the rest of the row becomes a row of its own and the
row itself loses its last columns. Here rows end at line feeds only, and a
carriage return alone inside a line is read as a line break in the cell. A
file with no line feed at all (old Mac exports) has its rows ended by
carriage returns, as the csv module reads it.

``read_table`` reads a whole file as a table, the same way for a CSV file in
any encoding and for a spreadsheet (.xlsx, .xlsm, .xlsb, .xls, .ods, read by
python-calamine), and for either zipped as datasets are downloaded (UCDP's
GED comes as a .zip holding one CSV file): the columns a caller needs are
checked in the header before any row is read, and a CSV file's encoding is
checked to its last line before the first row is returned, so that a wrong
``encoding`` is one error naming the line rather than rows half read.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO, TypeVar

from saboot.errors import BulkRowError, ConfigError, ReadError

SAMPLE_CHARS = 1 << 16
T = TypeVar("T")
CELL_BREAK = "\ue000"  # a private-use character stands for the break while csv splits the row into cells
SPREADSHEETS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
TABLES = (".csv", *SPREADSHEETS)  # the files of an archive that are read as a table (not its README or codebook)
ENCODING_HINT = (
    "pass --encoding with the file's encoding (GTD's CSV export is latin-1, Excel's 'CSV' on Windows cp1252) or save "
    "the file as UTF-8; a spreadsheet is read as one when its name ends in " + ", ".join(SPREADSHEETS)
)


def dict_reader(text: TextIO) -> csv.DictReader[str]:
    """A DictReader over ``text``, a seekable stream opened with ``newline=""``; pass its rows to ``cells``.
    ``line_num`` counts the file's lines."""
    sample = text.read(SAMPLE_CHARS)
    text.seek(0)
    if "\r" in sample and "\n" not in sample:
        return csv.DictReader(text)
    return csv.DictReader(_rows_end_at_line_feeds(text))


def read_rows(rows: csv.DictReader[str], where: str, read: Callable[[int, dict[str, Any]], T]) -> Iterator[T | BulkRowError]:
    """``read(line, row)`` for each row (through ``cells``), with the line of the file the row starts on; a row that
    ``read`` rejects with a ``BulkRowError`` gives that error and the rest are read. A malformed file ends with the
    error that names its line; the rows after it are not read."""
    _ = rows.fieldnames  # reads the header, so that the first row's line is known
    line = rows.line_num + 1
    try:
        for row in rows:
            try:
                yield read(line, cells(row))
            except BulkRowError as exc:
                yield exc
            line = rows.line_num + 1
    except csv.Error as exc:
        yield BulkRowError(
            f"malformed CSV ({exc})", where=f"{where}:{rows.line_num}", hint="fix the quoting; the rows after it were not read"
        )


def cells(row: Mapping[Any, Any]) -> dict[str, Any]:
    """A row's values with each in-cell carriage return back as a line break."""
    return {str(k): v.replace(CELL_BREAK, "\n") if isinstance(v, str) else v for k, v in row.items()}


def _rows_end_at_line_feeds(text: Iterable[str]) -> Iterator[str]:
    pending: list[str] = []
    for piece in text:  # with newline="", a piece ends at "\r", "\n" or "\r\n"
        pending.append(piece)
        if piece.endswith("\n"):
            yield _mark_breaks("".join(pending))
            pending = []
    if pending:
        yield _mark_breaks("".join(pending))


def _mark_breaks(line: str) -> str:
    end = "\r\n" if line.endswith("\r\n") else "\n" if line.endswith("\n") else ""
    return line[: len(line) - len(end)].replace("\r", CELL_BREAK) + end


def read_table(
    path: Path,
    read: Callable[[int, str, dict[str, Any]], T],
    *,
    required: Sequence[str] = (),
    encoding: str | None = None,
    sheet: str | None = None,
) -> Iterator[T | BulkRowError]:
    """``read(line, where, row)`` for each row of a CSV file or a spreadsheet's sheet (the first unless ``sheet``
    names one), as ``read_rows`` does; ``line`` is the file's line or the sheet's row number, ``where`` names both
    for messages. A .zip archive is read as the one table it holds, and ``where`` is then ``archive.zip!member:line``.
    A header without one of the ``required`` columns, an undecodable CSV file or an unreadable spreadsheet raises
    before any row is read."""
    if path.suffix.lower() == ".zip":
        with tempfile.TemporaryDirectory(prefix="saboot-") as tmp:
            member = _unzip_table(path, Path(tmp))
            yield from _read_file(member, f"{path}!{member.name}", read, required, encoding, sheet)
        return
    yield from _read_file(path, str(path), read, required, encoding, sheet)


def _read_file(
    path: Path, name: str, read: Callable[[int, str, dict[str, Any]], T], required: Sequence[str], encoding: str | None,
    sheet: str | None,
) -> Iterator[T | BulkRowError]:  # fmt: skip
    if path.suffix.lower() in SPREADSHEETS:
        yield from _read_sheet(path, name, read, required, sheet)
        return
    codec = _csv_codec(path, name, encoding)
    with open(path, encoding=codec, newline="") as fh:
        rows = dict_reader(fh)
        _check_header(name, list(rows.fieldnames or []), required)
        yield from read_rows(rows, name, lambda line, row: read(line, f"{name}:{line}", row))


def _unzip_table(path: Path, into: Path) -> Path:
    """The one table file in the archive at ``path``, copied out into ``into`` (a zip member is not seekable, and a
    spreadsheet reader needs a file)."""
    try:
        with zipfile.ZipFile(path) as archive:
            tables = [
                i for i in archive.infolist()
                if not i.is_dir() and Path(i.filename).suffix.lower() in TABLES and not Path(i.filename).name.startswith(".")
                and not i.filename.startswith("__MACOSX/")
            ]  # fmt: skip
            if len(tables) != 1:
                raise ConfigError(
                    f"{'no table' if not tables else f'{len(tables)} tables'} in the archive "
                    f"(its files: {', '.join(i.filename for i in archive.infolist() if not i.is_dir()) or 'none'})",
                    where=str(path),
                    hint=f"unzip it and import the table file itself (a name ending in {', '.join(TABLES)})",
                )
            target = into / Path(tables[0].filename).name
            with archive.open(tables[0]) as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out)
            return target
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError) as exc:
        # RuntimeError: an encrypted member; NotImplementedError: a compression method zipfile lacks
        raise ReadError(
            f"not a readable zip archive ({exc})",
            where=str(path),
            hint="unzip it with another tool and import the table file itself",
        ) from exc


def _csv_codec(path: Path, name: str, encoding: str | None) -> str:
    """The codec to open ``path`` with, after decoding it all once: UTF-8 by default, a byte-order mark skipped."""
    try:
        canonical = codecs.lookup(encoding or "utf-8").name
    except LookupError as exc:
        raise ConfigError(f"unknown encoding {encoding!r}", where="--encoding", hint="e.g. utf-8, latin-1, cp1252") from exc
    codec = "utf-8-sig" if canonical == "utf-8" else canonical
    decoder = codecs.getincrementaldecoder(codec)()
    number = 0
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, 1):
            try:
                decoder.decode(line)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    f"not {encoding or 'UTF-8'}: byte {line[exc.start : exc.start + 1]!r} at column {exc.start + 1}",
                    where=f"{name}:{number}",
                    hint=ENCODING_HINT,
                ) from exc
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:  # a character cut off at the end of the file
        raise ReadError(
            f"not {encoding or 'UTF-8'}: the file ends inside a character", where=f"{name}:{number}", hint=ENCODING_HINT
        ) from exc
    return codec


def _check_header(name: str, columns: list[str], required: Sequence[str]) -> None:
    missing = [c for c in required if c not in columns]
    if missing:
        raise ConfigError(
            f"no {', '.join(repr(c) for c in missing)} column (its columns: {', '.join(columns) or 'none'})",
            where=f"{name}:1",
            hint="check that the file is of the format given, or map its columns (--format csv --map)",
        )


def _read_sheet(
    path: Path, name: str, read: Callable[[int, str, dict[str, Any]], T], required: Sequence[str], sheet: str | None
) -> Iterator[T | BulkRowError]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        with CalamineWorkbook.from_path(path) as book:
            if sheet is not None and sheet not in book.sheet_names:
                raise ConfigError(
                    f"no sheet {sheet!r} (its sheets: {', '.join(book.sheet_names)})", where=name, hint="name one of them with --sheet"
                )  # fmt: skip
            found = book.get_sheet_by_name(sheet) if sheet else book.get_sheet_by_index(0)
            rows = enumerate(found.iter_rows(), 1)  # from the sheet's first row, empty or not: its row numbers
            header: list[str] = []
            for _, values in rows:
                header = [cell_text(c) for c in values]
                if any(header):
                    break
            _check_header(name, header, required)
            for number, values in rows:
                texts = [cell_text(v) for v in values]
                if any(texts):
                    try:
                        yield read(number, f"{name}:{number}", dict(zip(header, texts, strict=False)))
                    except BulkRowError as exc:
                        yield exc
    except CalamineError as exc:
        raise ReadError(
            f"not a readable spreadsheet ({exc})",
            where=name,
            hint="open it in a spreadsheet program and save it again as .xlsx, or export it as a UTF-8 CSV file",
        ) from exc


def cell_text(value: object) -> str:
    """A spreadsheet cell as a CSV file would hold it: whole numbers without ".0", dates in ISO 8601, TRUE as 1."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
