"""Shared fixtures. Data from ../shared is read in place; tests that need it
skip cleanly when it is absent."""

from __future__ import annotations

import glob
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from saboot.store import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"
CORPUS = ROOT / "examples" / "corpus"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared is absent)")
    return path


@pytest.fixture
def seeds() -> Path:
    return need(SEEDS)


@pytest.fixture
def data_dir() -> Path:
    return need(DATA)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "saboot.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[SQLiteStore]:
    s = SQLiteStore(db_path)
    yield s
    s.close()


def corpus_store(folder: Path, extra: dict[str, str] | None = None) -> Path:
    """A store in ``folder`` with the example corpus (and the ``extra`` reports, name → text) ingested and linked."""
    from click.testing import CliRunner

    from saboot.cli import cli

    db = folder / "s.db"
    paths = []
    for name, text in (extra or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "ingest", "-q", str(CORPUS), *paths]).exit_code == 0
    assert runner.invoke(cli, ["--db", str(db), "link"]).exit_code == 0
    return db


# -- a throwaway PostgreSQL server, for the PostgreSQL store's tests -------


def _postgres_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return versions[-1] if versions else None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A libpq URL of a PostgreSQL server: ``SABOOT_TEST_POSTGRES`` when set,
    else a server started here from the machine's ``initdb`` and ``pg_ctl``
    (run as the ``postgres`` user when the tests run as root) on a Unix socket
    only, and stopped afterwards. Skips when neither is possible."""
    pytest.importorskip("psycopg", reason="PostgreSQL store tests need psycopg (pip install -e '.[dev]')")
    given = os.environ.get("SABOOT_TEST_POSTGRES")
    if given:
        yield given
        return
    initdb, pg_ctl = _postgres_bin("initdb"), _postgres_bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL store tests skipped: no initdb/pg_ctl here (install postgresql or set SABOOT_TEST_POSTGRES)")
    base = Path(tempfile.mkdtemp(prefix="saboot-pg-", dir="/tmp"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(base, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data = base / "data"
    subprocess.run([*as_user, initdb, "-D", str(data), "-A", "trust", "-U", "saboot", "-E", "UTF8"], check=True,
                   capture_output=True, cwd=base)  # fmt: skip
    options = f"-k {base} -c listen_addresses='' -c fsync=off"
    subprocess.run([*as_user, pg_ctl, "-D", str(data), "-o", options, "-l", str(base / "log"), "-w", "start"], check=True,
                   capture_output=True, cwd=base)  # fmt: skip
    try:
        yield f"postgresql://saboot@/postgres?host={base}"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True, cwd=base)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_db(postgres_server: str, request: pytest.FixtureRequest) -> str:
    """The URL of a new, empty database on the test server."""
    import psycopg

    name = "t_" + re.sub(r"\W", "_", request.node.name)[:50].lower()
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlsplit(postgres_server)._replace(path=f"/{name}").geturl()


def relinked_copy(db: Path, folder: Path) -> dict[str, str]:
    """A full re-link of a copy of the store at ``db`` (closed), in ``folder``: each incident's canonical JSON by id."""
    from saboot.audit import canonical_json
    from saboot.link.decisions import relink

    copy = folder / f"relinked-{len(list(folder.glob('relinked-*')))}.db"
    with closing(sqlite3.connect(db)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)  # what is committed, in the WAL too
    store = SQLiteStore(copy)
    try:
        assert relink(store, "test").confined is None
        return {i.id: canonical_json(i.to_json()) for i in store.incidents()}
    finally:
        store.close()
