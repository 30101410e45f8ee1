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


def test_corrections_are_audited_and_survive_reextraction_and_relinking(tmp_path: Path) -> None:
    # exercises: an analyst corrects a count and rejects a claim; `saboot extract` and `saboot link` re-runs keep both
    db = str(tmp_path / "s.db")
    run("--db", db, "ingest", "-q", str(CORPUS))
    run("--db", db, "link")
    claims = json.loads(run("--db", db, "claims", "--json")[1])
    dawn = next(c for c in claims if c["killed"] and c["killed"]["best"] == 81 and c["event_type"] == "bombing")
    code, out = run(
        "--db",
        db,
        "correct",
        dawn["id"],
        "--field",
        "killed",
        "--low",
        "81",
        "--best",
        "86",
        "--high",
        "92",
        "--reason",
        "later toll",
    )
    assert code == 0, out
    other = next(c for c in claims if c["killed"] and c["killed"]["best"] == 3)
    assert run("--db", db, "correct", other["id"], "--reject", "--reason", "duplicate of the main attack")[0] == 0
    for rerun in (("extract",), ("link",)):
        assert run("--db", db, *rerun)[0] == 0
    after = json.loads(run("--db", db, "claims", "--json")[1])
    corrected = [c for c in after if c["document_id"] == dawn["document_id"] and c["killed"] and c["killed"]["best"] == 86]
    assert corrected and "corrected" in corrected[0]["flags"] and corrected[0]["killed"]["producer"].startswith("analyst:")
    assert not any(c["document_id"] == other["document_id"] and c["killed"] and c["killed"]["best"] == 3 for c in after)
    incidents = json.loads(run("--db", db, "incidents", "--json")[1])
    assert any(i["killed"] and 86 in [s["best"] for s in i["killed"]["sources"]] for i in incidents)
    log = json.loads(run("--db", db, "audit", "log", "--json")[1])
    assert [e["action"] for e in log].count("claims.correct") == 2
    assert run("--db", db, "audit", "verify")[0] == 0
    code, out = run("--db", db, "correct", dawn["id"], "--type", "nonsense", "--reason", "x")
    assert code == 2 and "unknown event type" in out


def test_spark_extraction_stores_the_same_claims_as_local(tmp_path: Path) -> None:
    # runs in Spark local mode when pyspark (extra saboot[spark]) and Java are installed; skips otherwise
    import shutil

    import pytest

    pytest.importorskip("pyspark", reason="pyspark is not installed: the Spark extraction test needs the spark extra and Java 17")
    if shutil.which("java") is None:
        pytest.skip("no Java on this machine: Spark needs Java 17")
    runner = CliRunner()
    stores = {}
    for engine in ("local", "spark"):
        db = str(tmp_path / f"{engine}.db")
        assert runner.invoke(cli, ["--db", db, "ingest", "-q", "--no-extract", str(CORPUS)]).exit_code == 0
        result = runner.invoke(cli, ["--db", db, "extract", "--engine", engine])
        assert result.exit_code == 0, result.output
        assert f"engine {engine}" in result.output
        stores[engine] = db
    claims = {}
    for engine, db in stores.items():
        raw = sqlite3.connect(db)
        claims[engine] = sorted(r[0] for r in raw.execute("SELECT data FROM claims WHERE superseded_by IS NULL"))
        audited = raw.execute("SELECT count(*) FROM audit_log WHERE action = 'claims.extract'").fetchone()[0]
        documents = raw.execute("SELECT count(*) FROM documents").fetchone()[0]
        raw.close()
        assert audited == documents  # every document's extraction is in the ledger, whichever engine ran it
        assert runner.invoke(cli, ["--db", db, "audit", "verify"]).exit_code == 0
    assert claims["local"] and claims["spark"] == claims["local"]
