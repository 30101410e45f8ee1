"""The PostgreSQL store: the same commands give the same record as on the
embedded SQLite store, the ledger is append-only and verified the same way,
and accounts, filters and the web app work on it. Runs against a throwaway
server (``postgres_server`` in conftest) and skips when none can be started."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from saboot import accounts
from saboot.cli import cli
from saboot.errors import StoreError
from saboot.link import service
from saboot.store import IncidentFilter, Store, open_store
from saboot.store.base import ClaimFilter
from saboot.store.migrations import MIGRATIONS
from saboot.store.pg_migrations import PG_MIGRATIONS
from saboot.web.app import create_app
from tests.conftest import CORPUS, SEEDS
from tests.test_store import (
    corrections_by_document,
    digests_of_kept_records,
    members_of_incidents,
    pairs_by_claims,
    source_documents_read_together,
)


def run(db: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", db, *args])
    return result.exit_code, result.output


def test_every_sqlite_migration_has_a_postgresql_twin() -> None:
    assert [name for name, _ in PG_MIGRATIONS] == [name for name, _ in MIGRATIONS]


def _without_runs(value: Any) -> Any:
    """An incident listing without what differs from one link run to the next."""
    if isinstance(value, dict):
        return {k: _without_runs(v) for k, v in value.items() if k != "link_run"}
    if isinstance(value, list):
        return [_without_runs(v) for v in value]
    return value


# GTD's row for the Mastung bus attack of 20 September 2011, restated as a small reference table
REFERENCE = "id,date,country,admin1,city,lat,lon,killed\nm-1,2011-09-20,PK,Balochistan,Mastung,29.80,66.84,{killed}\n"
REFERENCE_MAP = "id=id,date=date,country=country,admin1=admin1,city=city,lat=lat,lon=lon,killed=killed"


def _workflow(db: str, folder: Path) -> dict[str, Any]:
    """Ingest, a reference table imported twice (the second replaces the first),
    link, sensitive marks, an analyst's merge and split, re-extraction, re-link;
    what the record then says."""
    folders = [str(CORPUS)] + ([str(SEEDS)] if SEEDS.exists() else [])
    assert run(db, "ingest", "-q", *folders)[0] == 0
    assert run(db, "ingest", "-q", *folders)[0] == 0  # the second pass stores nothing
    for killed in (20, 26):
        (folder / "ref.csv").write_text(REFERENCE.format(killed=killed), encoding="utf-8")
        args = ["reference", "import", str(folder / "ref.csv"), "--format", "csv", "--name", "gtd", "--map", REFERENCE_MAP]
        assert run(db, *args)[0] == 0
    for reason in ("the family asked", "the family asked again"):
        assert run(db, "sensitive", "mark", "name", "Karim Baig", "--reason", reason)[0] == 0
    assert run(db, "link")[0] == 0
    listing = json.loads(run(db, "incidents", "--json")[1])
    single = [i for i in listing if len(i["sources"]) == 1 and i["date"]]
    several = next(i for i in listing if len(i["sources"]) >= 2)
    assert run(db, "merge", single[0]["id"], single[1]["id"], "--reason", "same attack")[0] == 0
    assert run(db, "split", several["id"], several["claim_ids"][0], "--reason", "a different day")[0] == 0
    assert run(db, "withdraw", several["id"], "--reason", "the linker was right")[0] == 0
    decided_on = _without_runs(json.loads(run(db, "incidents", "--json")[1]))  # as the decisions' re-links left them
    merged = next(i["id"] for i in decided_on if set(single[0]["claim_ids"]) <= set(i["claim_ids"]))  # either id may stay
    assert run(db, "mark-reviewed", merged, "--note", "read the report")[0] == 0
    assert run(db, "extract")[0] == 0  # a new extraction run supersedes the claims
    assert run(db, "link")[0] == 0
    (folder / "extra.md").write_text(
        "---\noutlet: Test Wire\n---\nGunmen killed 26 passengers of a bus near Mastung on 20 September 2011.\n",
        encoding="utf-8",
    )
    assert run(db, "ingest", "-q", str(folder / "extra.md"))[0] == 0
    assert run(db, "link")[0] == 0  # a new report: scored alone (the caller lowers service.INCREMENTAL_FROM)
    reports = tuple(sorted({s["document_id"] for s in single[0]["sources"] + several["sources"]}))
    store = open_store(db)
    try:
        filtered = {
            "admin1": [i.id for i in store.incidents(IncidentFilter(admin1="BALOCHISTAN"))],
            "actor": [i.id for i in store.incidents(IncidentFilter(actor="lashkar"))],
            "flag": [i.id for i in store.incidents(IncidentFilter(flag="single_source"))],
            "review": [i.id for i in store.incidents_page(IncidentFilter(flagged=True, limit=5), sort="review")[1]],
            "search": store.incidents_page(IncidentFilter(limit=3, offset=1), search="MASTUNG")[0],
            "months": [m.month for m in store.incidents_by_month(IncidentFilter())],
            "claims": len(store.claims()),
            "documents": [d.id for d in store.list_documents()],
            "claims of two": [c.id for c in store.claims(ClaimFilter(document_ids=reports))],
            "references": [(r.ref_id, r.killed_best) for r in store.reference_rows()],
            "marks": [(m.target, m.reason) for m in store.sensitive_marks()],
        }
    finally:
        store.close()
    decided = [(d["kind"], d["status"], d["applies_to"]) for d in json.loads(run(db, "decisions", "--json")[1])]
    runs = [e["payload"] for e in json.loads(run(db, "audit", "log", "--json")[1]) if e["action"] == "incidents.link"]
    near = {
        i["id"]: json.loads(run(db, "incident", i["id"], "--json")[1])["near"]
        for i in json.loads(run(db, "incidents", "--json")[1])
    }
    return {
        "incidents": _without_runs(json.loads(run(db, "incidents", "--json")[1])), "queries": filtered, "decisions": decided,
        "decided on": decided_on, "confined": ["confined" in p for p in runs], "near": near,
        "rescored": [p.get("rescored", {}).get("claims") for p in runs],
        "closest": json.loads(run(db, "near", "--json")[1]),  # the store's closest calls, read a page at a time
    }  # fmt: skip


def test_the_same_commands_give_the_same_record_on_both_stores(
    tmp_path: Path, postgres_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "INCREMENTAL_FROM", 10)  # the new report at the end is scored alone
    on_sqlite = _workflow(str(tmp_path / "s.db"), tmp_path)
    on_postgres = _workflow(postgres_db, tmp_path)
    assert on_sqlite["queries"]["admin1"] and on_sqlite["queries"]["flag"]  # the filters select something
    assert 0 < len(on_sqlite["queries"]["claims of two"]) < on_sqlite["queries"]["claims"]
    assert on_sqlite["queries"]["references"] == [("m-1", 26)]
    assert on_sqlite["queries"]["marks"] == [("Karim Baig", "the family asked again")]
    assert any(i["reference_matches"] for i in on_sqlite["incidents"])
    assert {(kind, status) for kind, status, _ in on_sqlite["decisions"]} >= {
        ("cannot_link", "replaced"),
        ("withdrawn", "in_force"),
    }
    assert on_sqlite["confined"] == [False, True, True, True, True, True]  # decisions, re-extraction, a report: their reach
    assert on_sqlite["rescored"] == [None, None, None, None, 0, 1]  # re-extraction changed no record: none scored
    assert any(on_sqlite["near"].values())  # incidents that may be the same, from the pairs each store kept
    assert on_sqlite["closest"]
    assert on_postgres == on_sqlite
    code, out = run(postgres_db, "audit", "verify")
    assert code == 0 and out.startswith("OK:"), out
    assert run(postgres_db, "report", "--out", str(tmp_path / "dossier.html"))[0] == 0


def test_the_postgresql_ledger_is_append_only_and_verify_names_hand_edits(tmp_path: Path, postgres_db: str) -> None:
    import psycopg

    folder = tmp_path / "in"
    folder.mkdir()
    for i, town in enumerate(["Quetta", "Mastung", "Chilas"]):
        (folder / f"{i}.txt").write_text(f"Report {i}: an attack in {town} killed {i + 3} people.", encoding="utf-8")
    assert run(postgres_db, "ingest", "--no-extract", str(folder))[0] == 0
    ids = [d["id"] for d in json.loads(run(postgres_db, "documents", "--json")[1])]
    with psycopg.connect(postgres_db, autocommit=True) as raw:
        for sql in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log",
                    "UPDATE documents SET text = 'x'"):  # fmt: skip
            with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match=r"append-only|never change"):
                raw.execute(sql)
        raw.execute("ALTER TABLE documents DISABLE TRIGGER documents_text_immutable")
        raw.execute("DROP TRIGGER audit_log_no_update ON audit_log")
        raw.execute("UPDATE documents SET text = replace(text, 'killed', 'injured') WHERE id = %s", (ids[1],))
        raw.execute("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2")
    code, out = run(postgres_db, "audit", "verify")
    assert code == 1
    assert f"ALTERED document {ids[1]}: text was altered" in out
    assert "ALTERED entry 2: content was altered" in out
    assert "audit_log_no_update" in out and "documents_text_immutable" in out
    assert f"ALTERED document {ids[0]}" not in out


def test_accounts_and_the_workbench_on_postgresql(postgres_db: str) -> None:
    assert run(postgres_db, "ingest", "-q", str(CORPUS))[0] == 0
    assert run(postgres_db, "link")[0] == 0
    store = open_store(postgres_db)
    accounts.add_user(store, "ana", "analyst", "correct horse battery", "test")
    token, secret = accounts.issue_token(store, "ana", "nightly", "test")
    store.close()
    client = TestClient(create_app(postgres_db))
    r = client.post("/login", data={"name": "ana", "password": "correct horse battery", "next": "/incidents"},
                    follow_redirects=False)  # fmt: skip
    assert r.status_code == 303
    page = client.get("/incidents").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert csrf is not None
    [inc] = client.get("/api/incidents", params={"q": "mastung", "min_sources": 2}).json()["incidents"]
    r = client.post(f"/api/incidents/{inc['id']}/reviews", json={"note": "checked"}, headers={"X-CSRF-Token": csrf.group(1)})
    assert r.status_code == 201 and r.json()["actor"] == "ana"
    bearer = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/incidents", headers=bearer).status_code == 200
    assert run(postgres_db, "users", "disable", "ana")[0] == 0  # ends her sessions and refuses her token
    assert client.get("/api/incidents").status_code == 401
    assert client.get("/api/incidents", headers=bearer).status_code == 401
    assert token.id


def test_a_server_that_cannot_be_reached_is_a_clear_error(postgres_server: str) -> None:
    url = "postgresql://saboot:secret@/no_such_database?host=/tmp/nowhere-saboot"
    with pytest.raises(StoreError, match="cannot connect to the PostgreSQL store") as caught:
        open_store(url)
    assert "secret" not in str(caught.value) and "saboot:***@" in str(caught.value)
    assert "createdb" in str(caught.value)


def test_postgresql_migrations_apply_once_in_order(postgres_db: str) -> None:
    first = open_store(postgres_db)
    assert first.applied_migrations() == [name for name, _ in MIGRATIONS]  # type: ignore[attr-defined]
    assert first.migrate() == []  # type: ignore[attr-defined]
    first.close()
    first.close()  # a second close is harmless
    from saboot.store.postgres import _POOLS

    for _ in range(20):  # as every web request does: the process's pool lends connections, it does not log in anew
        again = open_store(postgres_db)
        assert again.migrate() == []  # type: ignore[attr-defined]
        again.close()
    assert _POOLS[postgres_db].get_stats()["connections_num"] <= 3


def test_a_failing_postgresql_database_is_a_clear_error(postgres_db: str) -> None:
    import psycopg

    assert run(postgres_db, "ingest", "-q", str(CORPUS))[0] == 0
    with psycopg.connect(postgres_db, autocommit=True) as raw:
        raw.execute("DROP TABLE incident_claims")  # a table removed by hand
    code, out = run(postgres_db, "link")
    assert code == 2
    assert "the store failed" in out and "incident_claims" in out and "run the command again" in out


def test_a_busy_pool_says_so_rather_than_that_the_server_is_unreachable(
    postgres_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from saboot.store import postgres

    monkeypatch.setenv("SABOOT_PG_POOL", "2")
    monkeypatch.setattr(postgres, "POOL_WAIT", 0.2)
    held = [open_store(postgres_db), open_store(postgres_db)]
    with pytest.raises(StoreError, match=r"all 2 connections of this process's pool .* stayed busy") as caught:
        open_store(postgres_db)
    assert "SABOOT_PG_POOL" in str(caught.value)
    held.pop().close()
    open_store(postgres_db).close()  # a connection given back is lent again
    held.pop().close()


def test_a_guard_in_another_schema_does_not_stand_in_for_the_store_s_own(postgres_db: str) -> None:
    import psycopg

    open_store(postgres_db).close()
    with psycopg.connect(postgres_db, autocommit=True) as raw:
        raw.execute("CREATE SCHEMA other")
        raw.execute("CREATE TABLE other.audit_log (seq INTEGER)")
        raw.execute("CREATE FUNCTION other.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$")
        raw.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON other.audit_log FOR EACH ROW EXECUTE FUNCTION other.refuse()"
        )
        raw.execute("DROP TRIGGER audit_log_no_update ON public.audit_log")
    store = open_store(postgres_db)
    assert store.missing_guards() == ["audit_log_no_update"]  # type: ignore[attr-defined]
    store.close()


def _on_postgres(url: str, check: Callable[[Store], None]) -> None:
    """A check shared with the SQLite tests (``tests/test_store.py``), run on a PostgreSQL store."""
    store = open_store(url)
    try:
        check(store)
    finally:
        store.close()


def test_corrections_are_read_for_the_documents_asked_only_on_postgresql(postgres_db: str) -> None:
    _on_postgres(postgres_db, corrections_by_document)


def test_documents_are_read_as_sources_together_on_postgresql(postgres_db: str) -> None:
    _on_postgres(postgres_db, source_documents_read_together)


def test_kept_pairs_are_read_by_either_or_both_claims_and_by_score_on_postgresql(postgres_db: str) -> None:
    _on_postgres(postgres_db, pairs_by_claims)


def test_link_digests_name_each_kept_record_s_document_and_digest_on_postgresql(postgres_db: str) -> None:
    _on_postgres(postgres_db, digests_of_kept_records)


def test_incidents_members_and_ids_are_read_for_the_incidents_asked_only_on_postgresql(postgres_db: str) -> None:
    _on_postgres(postgres_db, members_of_incidents)
