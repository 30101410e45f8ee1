"""CSV as spreadsheets write it.

A spreadsheet that exports a cell holding a line break often writes a bare
carriage return into the cell, unquoted (the Pakistan Body Count file does so
in its hospital names). Python's csv module takes that carriage return for
the end of the row, so the rest of the row becomes a row of its own and the
row itself loses its last columns. Here rows end at line feeds only, and a
carriage return alone inside a line is read as a line break in the cell. A
file with no line feed at all (old Mac exports) has its rows ended by
carriage returns, as the csv module reads it.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TextIO, TypeVar

from saboot.errors import BulkRowError

SAMPLE_CHARS = 1 << 16
T = TypeVar("T")
CELL_BREAK = "\ue000"  # a private-use character stands for the break while csv splits the row into cells


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
