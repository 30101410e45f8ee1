"""The audit ledger: chained entries, tamper detection, history."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from saboot.cli import cli
from saboot.store import SQLiteStore
from saboot.verify import verify


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    return result.exit_code, result.output


def _ingest_three(tmp_path: Path, db: Path) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, town in enumerate(["Quetta", "Mastung", "Chilas"]):
        (folder / f"{i}.txt").write_text(f"Report {i}: an attack in {town} killed {i + 3} people.", encoding="utf-8")
    assert run(db, "ingest", "--no-extract", str(folder))[0] == 0
    return [d["id"] for d in json.loads(run(db, "documents", "--json")[1])]


def test_clean_store_verifies(tmp_path: Path, db_path: Path) -> None:
    _ingest_three(tmp_path, db_path)
    code, out = run(db_path, "audit", "verify")
    assert code == 0 and out.startswith("OK: 3 ledger entries, 3 documents")


def test_hand_edits_are_named(tmp_path: Path, db_path: Path) -> None:
    # exercises: someone edits a document's text and an audit entry with sqlite3, behind saboot's back
    ids = _ingest_three(tmp_path, db_path)
    raw = sqlite3.connect(db_path)
    raw.execute("DROP TRIGGER documents_text_immutable")
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("UPDATE documents SET text = replace(text, 'killed', 'injured') WHERE id = ?", (ids[1],))
    raw.execute("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3")
    raw.commit()
    raw.close()
    code, out = run(db_path, "audit", "verify")
    assert code == 1
    assert f"ALTERED document {ids[1]}: text was altered" in out
    assert "ALTERED entry 3: content was altered" in out
    assert "audit_log_no_update" in out and "documents_text_immutable" in out
    report = json.loads(run(db_path, "audit", "verify", "--json")[1])
    assert not report["ok"]
    subjects = {p["subject"] for p in report["problems"]}
    assert {f"document {ids[1]}", "entry 3"} <= subjects
    assert f"document {ids[0]}" not in subjects


def test_metadata_edit_and_deleted_entry_and_forged_document(tmp_path: Path, db_path: Path) -> None:
    _ingest_three(tmp_path, db_path)
    ids = [e["subject_id"] for e in json.loads(run(db_path, "audit", "log", "--json")[1])]  # in ledger order
    raw = sqlite3.connect(db_path)
    raw.execute("UPDATE documents SET outlet = 'Forged Outlet' WHERE id = ?", (ids[0],))
    raw.execute("DROP TRIGGER audit_log_no_delete")
    raw.execute("DELETE FROM audit_log WHERE seq = 2")
    raw.commit()
    raw.close()
    out = run(db_path, "audit", "verify")[1]
    assert f"ALTERED document {ids[0]}: record differs" in out
    assert "entry 3: sequence jumps" in out
    assert f"ALTERED document {ids[1]}: has no audit entry" in out  # its entry was deleted


def test_guards_refuse_casual_edits(tmp_path: Path, db_path: Path) -> None:
    _ingest_three(tmp_path, db_path)
    raw = sqlite3.connect(db_path)
    for sql in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "UPDATE documents SET text = 'x'"):
        try:
            raw.execute(sql)
        except sqlite3.DatabaseError as exc:
            assert "append-only" in str(exc) or "never change" in str(exc)
        else:
            raise AssertionError(f"{sql} was allowed")
    raw.close()


def test_history_of_one_document_and_published_head(tmp_path: Path, db_path: Path) -> None:
    ids = _ingest_three(tmp_path, db_path)
    entries = json.loads(run(db_path, "audit", "log", ids[2], "--json")[1])
    assert [e["action"] for e in entries] == ["document.ingest"]
    assert entries[0]["payload"]["sha256"].startswith(ids[2])
    head = json.loads(run(db_path, "audit", "head")[1])
    assert head["seq"] == 3
    assert run(db_path, "audit", "verify", "--head", head["entry_hash"])[0] == 0
    assert run(db_path, "audit", "verify", "--head", "f" * 64)[0] == 1


def test_chain_links_every_entry(db_path: Path) -> None:
    store = SQLiteStore(db_path)
    with store.transaction():
        first = store.append_audit(actor="a", action="x", subject_kind="k", subject_id="1", content_sha256="c", payload={})
        second = store.append_audit(actor="a", action="y", subject_kind="k", subject_id="2", content_sha256="c", payload={"n": 1})
    assert first.seq == 1 and second.prev_hash == first.entry_hash
    assert verify(store).ok
    store.close()


def test_entries_are_selected_after_an_entry_and_the_newest_of_some_actions(db_path: Path) -> None:
    store = SQLiteStore(db_path)
    try:
        with store.transaction():
            for i, action in enumerate(["x", "y", "x", "z"]):
                store.append_audit(actor="a", action=action, subject_kind="k", subject_id=str(i), content_sha256="c", payload={})
        assert [e.subject_id for e in store.audit_entries(after=2)] == ["2", "3"]
        assert [e.subject_id for e in store.audit_entries(actions=("x",), after=1)] == ["2"]
        newest = store.latest_audit_entry(("x", "y"))
        assert newest is not None and (newest.seq, newest.action) == (3, "x")
        assert store.latest_audit_entry(("w",)) is None
    finally:
        store.close()
