"""The part of a DB-API connection the SQL stores use: ``sqlite3.Connection``
has it, and the PostgreSQL store wraps psycopg's connection to have it too.

Rows are read by position (``row[0]``) or by column name (``row["id"]``),
as ``sqlite3.Row`` allows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

Row = Any  # sqlite3.Row, or the PostgreSQL store's row: by position or by column name


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Row: ...

    def fetchall(self) -> list[Row]: ...

    def fetchmany(self, size: int = ..., /) -> list[Row]: ...

    def __iter__(self) -> Iterator[Row]: ...


class Connection(Protocol):
    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> object: ...
