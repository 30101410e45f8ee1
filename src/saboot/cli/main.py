"""The ``saboot`` group, shared options and error handling.

The library raises; this edge turns ``SabootError`` into a message on stderr
and an exit code (1: some inputs failed or a check found problems; 2: usage
or configuration error; 130: interrupted).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from typing import Any

import click

from saboot import __version__
from saboot.errors import SabootError, StoreError
from saboot.store import Store, open_store, resolve_db
from saboot.store.postgres import without_password


class SabootGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SabootError as exc:
            click.echo(f"error: {exc.render()}", err=True)
            ctx.exit(2)
        except database_errors() as exc:  # the database itself failed: say so, not a traceback
            error = StoreError(
                f"the store failed: {str(exc).strip()}",
                where=without_password(resolve_db(ctx.params.get("db"))),
                hint="the write in progress was rolled back; check the database (disk space, server, permissions, "
                "tables edited by hand: saboot audit verify) and run the command again",
            )
            click.echo(f"error: {error.render()}", err=True)
            ctx.exit(2)


def database_errors() -> tuple[type[Exception], ...]:
    """The database drivers' own errors: SQLite's, and psycopg's when the PostgreSQL store is in use."""
    found: list[type[Exception]] = [sqlite3.Error]
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None:
        found.append(psycopg.Error)
    return tuple(found)


class State:
    """What every command gets: the store, opened on first use."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.db)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


pass_state = click.make_pass_decorator(State)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(cls=SabootGroup)
@click.version_option(__version__, prog_name="saboot")
@click.option(
    "--db",
    envvar="SABOOT_DB",
    default=None,
    help="Store: a SQLite file path (default ./saboot.db) or a postgresql:// URL; env SABOOT_DB.",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """saboot: an evidence-grade record of reports of mass violence."""
    state = State(db)
    ctx.obj = state
    ctx.call_on_close(state.close)


def _register() -> None:
    from saboot.cli import audit_cmd, documents_cmd, eval_cmd, extract_cmd, ingest_cmd, link_cmd, serve_cmd, users_cmd

    for module in (ingest_cmd, documents_cmd, extract_cmd, link_cmd, audit_cmd, eval_cmd, serve_cmd, users_cmd):
        module.register(cli)


_register()
