"""``saboot extract`` stateless and stored, ``saboot claims``, and the audit of claims."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from saboot.cli import cli
from tests.conftest import CORPUS

GTD_LIKE = (
    "03/05/2016: Assailants attacked a security post in Marjah, Helmand, Afghanistan. At least seven assailants were killed."
)


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.output


def test_jsonl_in_order_with_bad_lines_reported() -> None:
    # exercises: the stateless contract for scripts: one output line per input line, in order
    lines = [
        json.dumps({"id": "a", "text": GTD_LIKE}),
        "{broken",
        json.dumps({"id": "b", "text": "Twenty-six pilgrims were shot dead near Mastung on Tuesday.", "published": "2011-09-21"}),
    ]
    code, out = run("extract", "--input", "jsonl", "--from", "-", input="\n".join(lines) + "\n")
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r.get("id") for r in rows] == ["a", None, "b"]
    assert "line 2" in rows[1]["error"]
    a = rows[0]["claims"][0]
    assert a["kind"] == "event" and a["killed"]["best"] == 7 and a["date"]["start"] == "2016-03-05"
    assert a["location"]["admin1"] == "Helmand" and a["location"]["country"] == "AF"
    assert {
        "kind",
        "event_type",
        "date",
        "location",
        "killed",
        "injured",
        "abducted",
        "perpetrators",
        "victims",
        "flags",
        "evidence",
    } <= a.keys()
    b = rows[2]["claims"][0]
    assert b["date"]["start"] == "2011-09-20" and b["date"]["resolved_from"] == "publication date"


def test_files_stateless(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(GTD_LIKE, encoding="utf-8")
    code, out = run("extract", str(path), "--json")
    assert code == 0
    [row] = [json.loads(line) for line in out.splitlines()]
    assert row["id"] == str(path) and row["claims"][0]["killed"]["best"] == 7


def test_stored_extraction_on_ingest_rerun_supersedes_and_is_audited(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    assert run("--db", db, "ingest", "-q", str(CORPUS))[0] == 0
    first = json.loads(run("--db", db, "claims", "--json")[1])
    assert any(c["killed"] and c["killed"]["best"] == 26 for c in first)
    code, _out = run("--db", db, "extract")
    assert code == 0
    second = json.loads(run("--db", db, "claims", "--json")[1])
    assert len(second) == len(first)  # superseded, not duplicated
    raw = sqlite3.connect(db)
    total, superseded = raw.execute("SELECT count(*), count(superseded_by) FROM claims").fetchone()
    assert total == 2 * len(first) and superseded == len(first)
    raw.close()
    assert run("--db", db, "audit", "verify")[0] == 0
    doc = second[0]["document_id"]
    actions = [e["action"] for e in json.loads(run("--db", db, "audit", "log", doc, "--json")[1])]
    assert actions == ["document.ingest", "claims.extract", "claims.extract"]


def test_claims_edited_behind_the_back_are_detected(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run("--db", db, "ingest", "-q", str(CORPUS / "mastung-2011-dawn.md"))
    raw = sqlite3.connect(db)
    raw.execute("UPDATE claims SET data = replace(data, '\"best\":26', '\"best\":62')")
    raw.commit()
    raw.close()
    code, out = run("--db", db, "audit", "verify")
    assert code == 1 and "claims of document" in out and "claims edited" in out


def test_claims_filters(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run("--db", db, "ingest", "-q", str(CORPUS))
    bombings = json.loads(run("--db", db, "claims", "--type", "bombing", "--json")[1])
    assert bombings and all(c["event_type"] == "bombing" for c in bombings)
    aggregates = json.loads(run("--db", db, "claims", "--kind", "aggregate", "--json")[1])
    assert all(c["kind"] == "aggregate" for c in aggregates)
