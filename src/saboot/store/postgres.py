"""The PostgreSQL store, for deployments that outgrow one SQLite file: the
same ``Store`` interface and the same SQL (``sql.py``), on a PostgreSQL
database named by a ``postgresql://`` URL (extra ``saboot[postgres]``, psycopg 3).

What differs from SQLite is kept here: connecting (through a pool per
process and database), the schema in PostgreSQL's
dialect (``pg_migrations.py``), transactions serialised by an advisory lock
(as SQLite's ``BEGIN IMMEDIATE`` serialises writers, so the audit chain never
forks), the append-only guards read from ``pg_trigger``, and the translation of
the shared SQL's ``?`` parameters and ``INSERT OR IGNORE`` / ``INSERT OR
REPLACE`` into psycopg's ``%s`` and ``ON CONFLICT``.
"""

from __future__ import annotations

import atexit
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

from saboot.errors import ConfigError, StoreError
from saboot.store.base import Clock, utc_now
from saboot.store.pg_migrations import PG_GUARDS, PG_MIGRATIONS
from saboot.store.sql import SQLStore

if TYPE_CHECKING:
    import psycopg

_WRITE_LOCK = 0x5AB007  # the advisory lock every saboot write transaction takes
_INSERT = re.compile(r"^\s*INSERT OR (IGNORE|REPLACE) INTO (\w+)", re.IGNORECASE)


class PgRow:
    """A row read by position or by column name, as ``sqlite3.Row`` is."""

    __slots__ = ("_names", "_values")

    def __init__(self, values: Sequence[Any], names: dict[str, int]) -> None:
        self._values = values
        self._names = names

    def __getitem__(self, key: int | str) -> Any:
        return self._values[key if isinstance(key, int) else self._names[key]]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def keys(self) -> list[str]:
        return list(self._names)


def _pg_rows(cursor: Any) -> Callable[[Sequence[Any]], PgRow]:
    names = {col.name: i for i, col in enumerate(cursor.description or ())}
    return lambda values: PgRow(values, names)


class PgConnection:
    """psycopg's connection, taking the SQL the SQLite store is written in."""

    def __init__(self, raw: psycopg.Connection[PgRow]) -> None:
        self.raw = raw
        self._tables: dict[str, tuple[list[str], list[str]]] | None = None  # table → (primary key, columns)

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> psycopg.Cursor[PgRow]:
        return self.raw.execute(self.translate(sql), parameters)

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> None:
        with self.raw.cursor() as cur:
            cur.executemany(self.translate(sql), list(parameters))

    def translate(self, sql: str) -> str:
        """The shared SQL in psycopg's dialect (``_psycopg_sql``), an ``INSERT
        OR REPLACE`` completed with the table's ``ON CONFLICT … DO UPDATE``."""
        out, replaced = _psycopg_sql(sql)
        return out if replaced is None else out + self._upsert(replaced)

    def _upsert(self, table: str) -> str:
        if self._tables is None:
            self._tables = self._read_tables()
        key, columns = self._tables[table]
        rest = [c for c in columns if c not in key]
        sets = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in rest)
        return f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {sets}"

    def _read_tables(self) -> dict[str, tuple[list[str], list[str]]]:
        tables: dict[str, tuple[list[str], list[str]]] = {}
        for table, column in self.raw.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND is_identity = 'NO' ORDER BY table_name, ordinal_position"
        ):
            tables.setdefault(table, ([], []))[1].append(column)
        for table, column in self.raw.execute(
            "SELECT tc.table_name, k.column_name FROM information_schema.table_constraints tc"
            " JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name"
            " AND k.table_schema = tc.table_schema"
            " WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema() ORDER BY k.ordinal_position"
        ):
            tables[table][0].append(column)
        return tables


@cache
def _psycopg_sql(sql: str) -> tuple[str, str | None]:
    """``?`` → ``%s`` (a literal ``%`` doubled); SQLite's ``INSERT OR IGNORE``
    → ``ON CONFLICT DO NOTHING``; for ``INSERT OR REPLACE``, the plain insert
    and the table whose columns it must update on conflict. Computed once per
    statement and process, whichever connection of the pool runs it."""
    out = sql.replace("%", "%%").replace("?", "%s")
    verb = _INSERT.match(out)
    if verb is None:
        return out, None
    out = out[: verb.start()] + f"INSERT INTO {verb[2]}" + out[verb.end() :]
    if verb[1].upper() == "IGNORE":
        return out + " ON CONFLICT DO NOTHING", None
    return out, verb[2]


class PostgresStore(SQLStore):
    """A saboot store in a PostgreSQL database (``postgresql://user@host/db``)."""

    INSERT_ORDER = "stored_seq"
    ROW_KEY = "id"

    def __init__(self, url: str, *, clock: Clock = utc_now) -> None:
        self.url = url
        self.clock = clock
        psycopg = _import_psycopg(url)
        from psycopg_pool import PoolTimeout

        try:
            self._pool = _pool_for(psycopg, url)
            raw = self._pool.getconn(timeout=POOL_WAIT)
        except PoolTimeout as exc:
            raise StoreError(
                f"all {self._pool.max_size} connections of this process's pool to the PostgreSQL store stayed busy"
                f" for {POOL_WAIT:g} s",
                where=without_password(url),
                hint="set SABOOT_PG_POOL higher (and the server's max_connections with it), or run fewer requests at once",
            ) from exc
        except psycopg.Error as exc:
            raise StoreError(
                f"cannot connect to the PostgreSQL store: {str(exc).strip()}",
                where=without_password(url),
                hint="check that the server runs, the database exists (createdb NAME) and the user may log in",
            ) from exc
        self.conn = self.pg = PgConnection(raw)
        try:
            if url not in _MIGRATED:
                self.migrate()
                _MIGRATED.add(url)
        except psycopg.Error as exc:
            self.close()
            raise StoreError(
                f"cannot create or update saboot's tables: {str(exc).strip()}",
                where=without_password(url),
                hint="give the user the right to create tables in the database, or use an empty database for saboot",
            ) from exc

    # -- schema ---------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply pending migrations in order, in one transaction; return the names applied.
        An up-to-date schema is seen without taking the write lock, so that
        opening the store (every web request does) never waits for a long link run."""
        if self._applied() >= {name for name, _ in PG_MIGRATIONS}:
            return []
        applied = []
        with self.transaction():
            self.pg.raw.execute(
                "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL,"
                " seq BIGINT GENERATED ALWAYS AS IDENTITY)"
            )
            done = {row[0] for row in self.pg.raw.execute("SELECT name FROM _migrations")}
            for name, script in PG_MIGRATIONS:
                if name not in done:
                    self.pg.raw.execute(script.encode())  # several statements, no parameters
                    self.pg.raw.execute("INSERT INTO _migrations (name, applied_at) VALUES (%s, %s)", (name, self.clock()))
                    applied.append(name)
        return applied

    def _applied(self) -> set[str]:
        found = self.pg.raw.execute("SELECT to_regclass('_migrations')").fetchone()
        if found is None or found[0] is None:
            return set()
        return {str(row[0]) for row in self.pg.raw.execute("SELECT name FROM _migrations")}

    def applied_migrations(self) -> list[str]:
        return [str(row[0]) for row in self.pg.raw.execute("SELECT name FROM _migrations ORDER BY seq")]

    # -- transactions ---------------------------------------------------
    @contextmanager
    def _begin(self) -> Iterator[None]:
        with self.pg.raw.transaction():
            self.pg.raw.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))
            yield

    def close(self) -> None:
        """Give the connection back to the process's pool (once)."""
        if self._pool is not None:
            self._pool.putconn(self.pg.raw)
            self._pool = None

    def missing_guards(self) -> list[str]:
        """Guards dropped or disabled (``ALTER TABLE … DISABLE TRIGGER``), in the store's own schema: a guard of the
        same name on another schema's tables does not stand in for it."""
        rows = self.pg.raw.execute(
            "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal AND t.tgenabled <> 'D'"
        )
        present = {str(r[0]) for r in rows}
        return [name for name in PG_GUARDS if name not in present]

    def _any_of(self, column: str, values: tuple[str, ...]) -> tuple[str, object]:
        return f"{column} = ANY(?)", list(values)

    def _gathered(self, column: str) -> str:
        return f"json_agg({column})::text"


POOL_WAIT = 30.0  # seconds a store waits for a connection of the pool before it gives up
_POOLS: dict[str, Any] = {}  # url → this process's connection pool
_POOLS_LOCK = threading.Lock()
_MIGRATED: set[str] = set()  # urls whose schema this process has brought up to date


def _pool_for(psycopg: Any, url: str) -> Any:
    """This process's pool of connections to ``url`` (psycopg_pool), made at
    first use: each web request opens a store, and takes a connection from
    here instead of logging in anew. ``SABOOT_PG_POOL`` caps it (default 8)."""
    with _POOLS_LOCK:
        pool = _POOLS.get(url)
        if pool is None:
            from psycopg_pool import ConnectionPool

            psycopg.connect(url).close()  # a server that cannot be reached fails here at once, in its own words
            size = _pool_size()
            options = {"autocommit": True, "row_factory": _pg_rows}
            pool = ConnectionPool(url, kwargs=options, min_size=1, max_size=size, open=True, name="saboot")
            atexit.register(pool.close)
            _POOLS[url] = pool
        return pool


def _pool_size() -> int:
    given = os.environ.get("SABOOT_PG_POOL", "8")
    if not given.isdigit() or int(given) < 1:
        raise ConfigError(f"SABOOT_PG_POOL={given!r} is not a number of connections", hint="set it to 1 or more, or unset it (8)")
    return int(given)


def _import_psycopg(url: str) -> Any:
    try:
        import psycopg
        import psycopg_pool  # noqa: F401
    except ImportError as exc:
        raise ConfigError(
            "the PostgreSQL store needs psycopg and psycopg_pool, which are not installed",
            where=without_password(url),
            hint="pip install 'saboot[postgres]' (or use a SQLite path for --db)",
        ) from exc
    return psycopg


def without_password(url: str) -> str:
    """The URL to show in a message: a password in it is replaced by ***."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
