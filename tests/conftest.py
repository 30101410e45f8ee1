"""Shared fixtures. Data from ../shared is read in place; tests that need it
skip cleanly when it is absent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
