"""Bulk inputs: one report per row of a ``.jsonl`` or ``.csv`` file.

Fields: ``text`` (required), ``title``, ``url``, ``outlet``, ``published``,
``author``, ``language``. ``--map text=body,published=date`` names other
columns. A bad row becomes a ``BulkRowError`` naming file, line and field;
the other rows go on.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from saboot import tabular
from saboot.errors import BulkRowError, ConfigError
from saboot.ingest.readers import decode_text
from saboot.model import ReportMeta

FIELDS = ("text", "title", "url", "outlet", "published", "author", "language")
BULK_SUFFIXES = (".jsonl", ".ndjson", ".csv")
_LINE_END = re.compile(r"\r\n|[\r\n]")


@dataclass(frozen=True)
class BulkRow:
    line: int  # 1-based line (JSONL) or record start line (CSV)
    text: str
    meta: ReportMeta


def parse_field_map(spec: str | None) -> dict[str, str]:
    """``"text=body,published=date"`` → ``{"text": "body", "published": "date"}``."""
    mapping = {f: f for f in FIELDS}
    if not spec:
        return mapping
    for part in spec.split(","):
        ours, sep, theirs = part.partition("=")
        ours = ours.strip()
        if not sep or ours not in FIELDS or not theirs.strip():
            raise ConfigError(
                f"bad --map entry {part!r}",
                where="--map",
                hint=f"write FIELD=COLUMN pairs separated by commas, FIELD one of {', '.join(FIELDS)}",
            )
        mapping[ours] = theirs.strip()
    return mapping


def _row(values: dict[str, object], mapping: dict[str, str], where: str, line: int) -> BulkRow:
    def get(field: str) -> str | None:
        value = values.get(mapping[field])
        if value is None:
            return None
        if not isinstance(value, (str, int, float)):
            raise BulkRowError(f"field {mapping[field]!r} must be a string", where=f"{where}:{line}", hint="fix the row")
        return str(value).strip() or None

    text = values.get(mapping["text"])
    if not isinstance(text, str) or not text.strip():
        raise BulkRowError(
            f"field {mapping['text']!r} is missing or empty",
            where=f"{where}:{line}",
            hint="every row needs the report's text; use --map text=COLUMN if the column has another name",
        )
    meta = ReportMeta(**{f: get(f) for f in FIELDS if f != "text"})
    return BulkRow(line, text, meta)


def iter_rows(data: bytes, where: str, mapping: dict[str, str]) -> Iterator[BulkRow | BulkRowError]:
    """Rows of a bulk file, or the error for each bad row, in file order."""
    text = decode_text(data, where)
    if where.lower().endswith(".csv"):
        yield from _csv_rows(text, where, mapping)
    else:
        yield from _jsonl_rows(text, where, mapping)


def _jsonl_rows(text: str, where: str, mapping: dict[str, str]) -> Iterator[BulkRow | BulkRowError]:
    # a line ends at a line feed or a carriage return (which JSON never holds unescaped), not at U+2028, U+0085 and
    # the other breaks str.splitlines knows, which a JSON string may hold
    for number, line in enumerate(_LINE_END.split(text), start=1):
        if not line.strip():
            continue
        try:
            values = json.loads(line)
            if not isinstance(values, dict):
                raise BulkRowError("a line must be a JSON object", where=f"{where}:{number}", hint='write {"text": ...} per line')
            yield _row(values, mapping, where, number)
        except json.JSONDecodeError as exc:
            yield BulkRowError(
                f"invalid JSON ({exc.msg} at column {exc.colno})", where=f"{where}:{number}", hint="fix or remove the line"
            )
        except BulkRowError as exc:
            yield exc


def _csv_rows(text: str, where: str, mapping: dict[str, str]) -> Iterator[BulkRow | BulkRowError]:
    reader = tabular.dict_reader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or mapping["text"] not in reader.fieldnames:
        yield BulkRowError(
            f"no {mapping['text']!r} column (columns: {', '.join(reader.fieldnames or [])})",
            where=f"{where}:1",
            hint="name the text column with --map text=COLUMN",
        )
        return
    yield from tabular.read_rows(reader, where, lambda line, values: _row(values, mapping, where, line))
