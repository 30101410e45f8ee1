"""Property: arbitrary bytes never crash a reader; they give text or a ReadError."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings, strategies as st

from saboot.errors import BulkRowError, ReadError
from saboot.ingest.bulk import iter_rows, parse_field_map
from saboot.ingest.readers import READERS, read_bytes
from tests.makefiles import make_pdf

NAMES = ["r.txt", "r.md", "r.html", "r.pdf", "r.docx", "r"]
PDF = make_pdf(["A line of text."])


def _mutations() -> st.SearchStrategy[bytes]:
    # random bytes, and damaged copies of a real PDF (truncated, bytes flipped)
    damaged = st.tuples(st.integers(0, len(PDF)), st.binary(max_size=20)).map(lambda t: PDF[: t[0]] + t[1])
    return st.one_of(st.binary(max_size=4096), damaged, st.text().map(lambda s: s.encode("utf-8", "surrogatepass")))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_mutations(), name=st.sampled_from(NAMES))
def test_read_bytes_never_raises_anything_else(data: bytes, name: str) -> None:
    try:
        result = read_bytes(data, name)
    except ReadError:
        return
    assert isinstance(result.text, str)


@settings(max_examples=60, deadline=None)
@given(data=_mutations(), reader=st.sampled_from(sorted(READERS)))
def test_each_reader_directly(data: bytes, reader: str) -> None:
    with contextlib.suppress(ReadError):
        READERS[reader](data, "input", None)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=2048), name=st.sampled_from(["rows.jsonl", "rows.csv"]))
def test_bulk_rows_never_raise(data: bytes, name: str) -> None:
    try:
        rows = list(iter_rows(data, name, parse_field_map(None)))
    except ReadError:
        return
    for row in rows:
        assert isinstance(row, BulkRowError) or row.text.strip()
