"""Accounts, roles, sessions with CSRF, API tokens and sensitive records: a
viewer cannot reach analyst actions or sensitive records (pages and API), CSRF
is enforced, and decisions are attributed to the logged-in user."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from saboot import accounts
from saboot.cli import cli
from saboot.errors import ConfigError, Forbidden, NotAuthenticated
from saboot.store import SQLiteStore, open_store
from saboot.web.app import create_app
from tests.conftest import CORPUS, corpus_store

PASSWORD = "correct horse battery"
NAMED = (
    "---\ntitle: Teacher shot in Quetta\noutlet: Example Wire\npublished: 2014-05-06\n---\n"
    "Gunmen shot dead Karim Baig, a teacher, in Quetta on 5 May 2014, police said. Karim Baig had received threats.\n"
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = corpus_store(tmp_path, {"named.md": NAMED})
    store = open_store(str(path))
    for name, role in (("vera", "viewer"), ("ana", "analyst"), ("adil", "admin")):
        accounts.add_user(store, name, role, PASSWORD, "test")
    store.close()
    return path


def login(db: Path, name: str) -> tuple[TestClient, str]:
    """A client logged in as ``name``, and its session's CSRF token (read from a page's form)."""
    client = TestClient(create_app(str(db)))
    r = client.post("/login", data={"name": name, "password": PASSWORD, "next": "/documents"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/documents"
    assert "httponly" in r.headers["set-cookie"].lower() and "samesite=lax" in r.headers["set-cookie"].lower()
    page = client.get("/documents").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert csrf is not None
    return client, csrf.group(1)


def named_document(client: TestClient) -> str:
    [doc] = client.get("/api/documents", params={"q": "teacher shot"}).json()["documents"]
    return str(doc["id"])


# -- the library ----------------------------------------------------------
def test_passwords_are_argon2_hashes_and_never_in_the_ledger(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "a.db")
    accounts.add_user(store, "ana", "analyst", PASSWORD, "admin1")
    _, stored = store.get_user("ana") or (None, "")
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert all(PASSWORD not in e.payload and stored not in e.payload for e in store.audit_entries())
    assert [e.action for e in store.audit_entries()] == ["users.add"]
    assert accounts.authenticate(store, "ana", PASSWORD).role == "analyst"
    for name, password in (("ana", "wrong password!"), ("nobody", PASSWORD)):
        with pytest.raises(NotAuthenticated, match="wrong user name or password"):
            accounts.authenticate(store, name, password)
    accounts.set_disabled(store, "ana", True, "admin1")
    with pytest.raises(NotAuthenticated):
        accounts.authenticate(store, "ana", PASSWORD)


def test_bad_accounts_are_refused_with_a_fix(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "a.db")
    with pytest.raises(ConfigError, match="at least 10"):
        accounts.add_user(store, "ana", "analyst", "short", "t")
    with pytest.raises(ConfigError, match="unknown role"):
        accounts.add_user(store, "ana", "boss", PASSWORD, "t")
    with pytest.raises(ConfigError, match="bad user name"):
        accounts.add_user(store, "<ana>", "analyst", PASSWORD, "t")
    accounts.add_user(store, "ana", "analyst", PASSWORD, "t")
    with pytest.raises(ConfigError, match="exists"):
        accounts.add_user(store, "ana", "viewer", PASSWORD, "t")


def test_serve_listens_beyond_localhost_only_with_an_admin(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "a.db")
    accounts.check_listen(store, "127.0.0.1")
    with pytest.raises(ConfigError, match="without an admin account"):
        accounts.check_listen(store, "0.0.0.0")
    accounts.add_user(store, "ana", "analyst", PASSWORD, "t")
    with pytest.raises(ConfigError):
        accounts.check_listen(store, "0.0.0.0")
    accounts.add_user(store, "adil", "admin", PASSWORD, "t")
    accounts.check_listen(store, "0.0.0.0")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "b.db"), "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "saboot users add NAME --role admin" in result.output


def test_csrf_check_compares_the_session_token() -> None:
    session = accounts.Principal("ana", "analyst", "session", "s3cret")
    accounts.check_csrf(session, "s3cret")
    for sent in (None, "", "other"):
        with pytest.raises(Forbidden, match="CSRF"):
            accounts.check_csrf(session, sent)
    accounts.check_csrf(accounts.Principal("ana", "analyst", "token"), None)  # tokens carry no cookie


# -- the workbench --------------------------------------------------------
def test_anonymous_requests_must_log_in(db: Path) -> None:
    client = TestClient(create_app(str(db)))
    page = client.get("/incidents?flagged=true", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login?next=/incidents")
    api = client.get("/api/incidents")
    assert api.status_code == 401 and api.json()["error"]["code"] == "E501" and api.headers["www-authenticate"] == "Bearer"
    assert client.get("/login").status_code == 200
    wrong = client.post("/login", data={"name": "ana", "password": "not it at all"})
    assert wrong.status_code == 401 and "Wrong user name or password" in wrong.text and "saboot_session" not in wrong.cookies


def test_a_viewer_reads_but_cannot_reach_analyst_actions(db: Path) -> None:
    viewer, csrf = login(db, "vera")
    [inc] = viewer.get("/api/incidents", params={"q": "mastung", "min_sources": 2}).json()["incidents"]
    page = viewer.get(f"/incidents/{inc['id']}").text
    assert "Mark reviewed" not in page and "Merge" not in page and "vera (viewer)" in page
    claim = inc["claim_ids"][0]
    writes = [
        ("/api/link", {}), (f"/api/incidents/{inc['id']}/reviews", {"note": "checked"}),
        (f"/api/claims/{claim}/decisions", {"reason": "r", "reject": True}),
        ("/api/sensitive", {"kind": "name", "target": "Karim Baig", "reason": "r"}),
    ]  # fmt: skip
    for path, body in writes:
        r = viewer.post(path, json=body, headers={"X-CSRF-Token": csrf})
        assert r.status_code == 403 and r.json()["error"]["code"] == "E502", path
    form = viewer.post(f"/claims/{claim}/decisions", data={"reason": "r", "reject": "true", "csrf_token": csrf})
    assert form.status_code == 403
    for path in ("/ingest", "/sensitive", "/api/sensitive"):
        assert viewer.get(path).status_code == 403, path
    upload = viewer.post("/api/ingest", files={"files": ("x.txt", b"Gunmen killed 3 in Quetta.")}, headers={"X-CSRF-Token": csrf})
    assert upload.status_code == 403


def test_csrf_is_enforced_on_session_writes(db: Path) -> None:
    analyst, csrf = login(db, "ana")
    refused = analyst.post("/api/link", json={})
    assert refused.status_code == 403 and refused.json()["error"]["where"] == "csrf_token"
    assert analyst.post("/api/link", json={}, headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert analyst.post("/api/link", json={}, headers={"X-CSRF-Token": csrf}).status_code == 200
    assert analyst.post("/link", data={}, follow_redirects=False).status_code == 403
    linked = analyst.post("/link", data={"csrf_token": csrf}, follow_redirects=False)
    assert linked.status_code == 303 and "linked=" in linked.headers["location"]
    notice = analyst.get(linked.headers["location"]).text  # the example corpus is linked whole, and the notice says why
    assert "Re-linked all" in notice and "since the store is small (the weights were measured on" in notice, notice


def test_decisions_are_attributed_to_the_logged_in_user(db: Path) -> None:
    analyst, csrf = login(db, "ana")
    [inc] = analyst.get("/api/incidents", params={"q": "mastung", "min_sources": 2}).json()["incidents"]
    r = analyst.post(f"/api/incidents/{inc['id']}/reviews", json={"note": "checked", "analyst": "someone else"},
                     headers={"X-CSRF-Token": csrf})  # fmt: skip
    assert r.status_code == 201 and r.json()["actor"] == "ana"
    store = open_store(str(db))
    assert [e.actor for e in store.audit_entries() if e.action == "incidents.review"] == ["ana"]
    store.close()


def test_api_tokens_work_without_csrf_until_revoked(db: Path) -> None:
    store = open_store(str(db))
    token, secret = accounts.issue_token(store, "ana", "nightly script", "adil")
    store.close()
    client = TestClient(create_app(str(db)))
    bearer = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/incidents", headers=bearer).status_code == 200
    assert client.post("/api/link", json={}, headers=bearer).status_code == 200
    assert client.get("/api/incidents", headers={"Authorization": f"Bearer {secret[:-2]}xx"}).status_code == 401
    assert client.get("/api/incidents", headers={"Authorization": "Basic YW5hOng="}).status_code == 401
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "users", "revoke", token.id]).exit_code == 0
    assert client.get("/api/incidents", headers=bearer).status_code == 401


def test_logout_and_disabling_end_sessions(db: Path) -> None:
    analyst, csrf = login(db, "ana")
    assert analyst.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert analyst.get("/api/incidents").status_code == 401
    analyst, _ = login(db, "ana")
    assert CliRunner().invoke(cli, ["--db", str(db), "users", "disable", "ana"]).exit_code == 0
    assert analyst.get("/api/incidents").status_code == 401


def test_a_viewer_never_sees_sensitive_documents_or_names(db: Path) -> None:
    analyst, csrf = login(db, "ana")
    doc = named_document(analyst)
    mark = {"kind": "document", "target": doc, "reason": "the family asked", "csrf_token": csrf}
    assert analyst.post("/sensitive", data=mark, follow_redirects=False).status_code == 303
    r = analyst.post("/api/sensitive", json={"kind": "name", "target": "Karim Baig", "reason": "victim's family"},
                     headers={"X-CSRF-Token": csrf})  # fmt: skip
    assert r.status_code == 201
    [inc] = [i for i in analyst.get("/api/incidents").json()["incidents"] if any(s["document_id"] == doc for s in i["sources"])]
    assert "Sensitive: hidden from viewers" in analyst.get(f"/documents/{doc}").text  # analysts see it, marked

    viewer, _ = login(db, "vera")
    assert doc not in viewer.get("/api/documents").text and doc not in viewer.get("/documents").text
    for path in (f"/documents/{doc}", f"/api/documents/{doc}", f"/documents/{doc}/original"):
        assert viewer.get(path).status_code == 404, path
    seen = viewer.get(f"/api/incidents/{inc['id']}").json()
    assert "Karim" not in str(seen) and "[sensitive source withheld]" in str(seen)
    assert all(d["document"]["id"] != doc for d in seen["documents"])
    assert seen["withheld"] == 1 and "1 sensitive source(s) withheld." in viewer.get(f"/incidents/{inc['id']}").text
    assert "Karim" not in viewer.get(f"/incidents/{inc['id']}").text
    assert "Karim" not in viewer.get("/api/export", params={"format": "jsonl"}).text
    for probe in ("Karim Baig", "karim", "teacher Karim Baig"):  # searching for a withheld name finds nothing
        assert viewer.get("/api/incidents", params={"q": probe}).json()["total"] == 0, probe
        assert viewer.get("/api/documents", params={"q": probe}).json()["documents"] == [], probe
        assert viewer.get("/api/timeline", params={"q": probe}).json()["months"] == [], probe
    assert analyst.get("/api/incidents", params={"q": "karim"}).json()["total"] >= 1
    assert viewer.get("/api/incidents", params={"q": "quetta"}).json()["total"] >= 1
    assert viewer.get("/api/export", params={"format": "jsonl", "include_sensitive": True}).status_code == 403


def test_exports_are_redacted_unless_an_admin_asks(db: Path) -> None:
    store = open_store(str(db))
    from saboot import sensitive

    sensitive.mark(store, "name", "karim baig", "victim's family", "adil")
    store.close()
    analyst, _ = login(db, "ana")
    assert "Karim Baig" in analyst.get(f"/api/documents/{named_document(analyst)}").text  # analysts see names
    export = analyst.get("/api/export", params={"format": "jsonl"}).text
    assert "Karim" not in export and "[name withheld]" in export
    assert analyst.get("/api/export", params={"format": "jsonl", "include_sensitive": True}).status_code == 403
    admin, _ = login(db, "adil")
    assert "Karim Baig" in admin.get("/api/export", params={"format": "jsonl", "include_sensitive": True}).text
    runner = CliRunner()
    redacted = runner.invoke(cli, ["--db", str(db), "export", "--format", "jsonl"])
    assert redacted.exit_code == 0 and "Karim" not in redacted.output
    full = runner.invoke(cli, ["--db", str(db), "export", "--format", "jsonl", "--include-sensitive"])
    assert "Karim Baig" in full.output


def test_upload_stores_reports_and_names_the_bad_ones(db: Path) -> None:
    analyst, csrf = login(db, "ana")
    files = [
        ("files", ("new.md", b"Gunmen killed 4 people in Parachinar on 2 March 2015, police said.\n", "text/markdown")),
        ("files", ("broken.pdf", b"%PDF-1.4 not really", "application/pdf")),
        ("files", ("mastung-again.md", (CORPUS / "mastung-2011-bbc.md").read_bytes(), "text/markdown")),
    ]
    r = analyst.post("/api/ingest", files=files, data={"outlet": "Example Wire"}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200
    body = r.json()
    assert body["summary"] == {"stored": 1, "duplicate": 1, "failed": 1}
    failed = [o for o in body["outcomes"] if o["status"] == "failed"]
    assert failed[0]["location"] == "broken.pdf" and "broken.pdf" in failed[0]["reason"]
    stored = next(o for o in body["outcomes"] if o["status"] == "stored")
    doc = analyst.get(f"/api/documents/{stored['document_id']}").json()
    assert doc["document"]["provenance"]["ingested_by"] == "ana" and doc["document"]["outlet"] == "Example Wire"
    assert doc["claims"] and doc["claims"][0]["killed"]["best"] == 4  # extracted on upload
    page = analyst.post("/ingest", files=[files[0]], data={"csrf_token": csrf})
    assert page.status_code == 200 and "already stored" in page.text


def test_users_and_sensitive_from_the_command_line(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    added = runner.invoke(cli, ["--db", db, "users", "add", "adil", "--role", "admin", "--password-stdin"], input=PASSWORD + "\n")
    assert added.exit_code == 0, added.output
    assert runner.invoke(cli, ["--db", db, "users", "role", "adil", "analyst"]).exit_code == 0
    listed = runner.invoke(cli, ["--db", db, "users", "list", "--json"])
    assert '"role": "analyst"' in listed.output and "argon2" not in listed.output
    token = runner.invoke(cli, ["--db", db, "users", "token", "adil", "--label", "cron"])
    assert token.exit_code == 0 and "sbt_" in token.output
    assert "cron" in runner.invoke(cli, ["--db", db, "users", "tokens"]).output
    pw = runner.invoke(cli, ["--db", db, "users", "password", "adil", "--password-stdin"], input="another long passphrase\n")
    assert pw.exit_code == 0
    assert runner.invoke(cli, ["--db", db, "users", "disable", "adil", "--enable"]).exit_code == 0
    short = runner.invoke(cli, ["--db", db, "users", "add", "x1", "--role", "viewer", "--password-stdin"], input="short\n")
    assert short.exit_code == 2 and "at least 10 characters" in short.output
    marked = runner.invoke(cli, ["--db", db, "sensitive", "mark", "name", "Karim Baig", "--reason", "family"])
    assert marked.exit_code == 0
    assert "Karim Baig" in runner.invoke(cli, ["--db", db, "sensitive", "list"]).output
    store = open_store(db)
    assert "Karim" not in "".join(e.payload for e in store.audit_entries())  # the ledger keeps a hash of the name
    store.close()
    assert runner.invoke(cli, ["--db", db, "sensitive", "clear", "name", "karim  baig", "--reason", "consent"]).exit_code == 0
    again = runner.invoke(cli, ["--db", db, "sensitive", "clear", "name", "Karim Baig", "--reason", "consent"])
    assert again.exit_code == 2 and "saboot sensitive list" in again.output
    assert runner.invoke(cli, ["--db", db, "sensitive", "list", "--json"]).output.strip() == "[]"


def test_the_redactor_copies_only_the_incidents_it_changes() -> None:
    from saboot.link.model import Count, Incident, Source, SourceValue
    from saboot.sensitive import NAME_WITHHELD, SOURCE_WITHHELD, Redactor

    value = SourceValue("outlet:x", "d1", "c1", 1, 1, 1, "Karim Baig was shot dead")
    source = Source("d1", "outlet:x", "X", "Teacher Karim Baig shot", "/r.md", None, "reporting", True, ("c1",))
    inc = Incident("inc-1", ("c1",), "targeted_killing", None, None, "unknown", None, {"killed": Count(1, 1, 1, "r", (value,))},
                   (), (), (source,), 1, (), (), (), "low", "1 source")  # fmt: skip
    assert Redactor(names=("Someone Else",)).incident(inc) is inc and Redactor().incident(inc) is inc
    named = Redactor(names=("karim baig",)).incident(inc)
    assert named.sources[0].title == f"Teacher {NAME_WITHHELD} shot"
    assert named.counts["killed"].sources[0].quote == f"{NAME_WITHHELD} was shot dead"
    hidden = Redactor(documents=frozenset({"d1"})).incident(inc)
    assert hidden.sources[0].title == SOURCE_WITHHELD and hidden.sources[0].outlet is None
    assert hidden.sources[0].location is None and hidden.counts["killed"].sources[0].quote == SOURCE_WITHHELD
    assert hidden.counts["killed"].best == 1  # the numbers stay: the source is counted, its words withheld


def test_admins_manage_accounts_in_the_browser(db: Path) -> None:
    # exercises: /users and its forms, /api/users and its JSON twins; admins only; audited
    for name in ("vera", "ana"):
        client, csrf = login(db, name)
        assert client.get("/users").status_code == 403 and client.get("/api/users").status_code == 403
        assert client.post("/api/users", json={"name": "x1", "role": "admin", "password": PASSWORD},
                           headers={"X-CSRF-Token": csrf}).status_code == 403  # fmt: skip
    admin, csrf = login(db, "adil")
    listed = admin.get("/api/users").json()
    assert {u["name"] for u in listed["users"]} == {"vera", "ana", "adil"} and "argon2" not in str(listed)
    added = admin.post("/users", data={"name": "nadia", "role": "viewer", "password": PASSWORD, "csrf_token": csrf},
                       follow_redirects=False)  # fmt: skip
    assert added.status_code == 303
    nadia, _ = login(db, "nadia")
    r = admin.post("/api/users/nadia/role", json={"role": "analyst"}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["role"] == "analyst"
    page = admin.post("/users/nadia/tokens", data={"label": "nightly", "csrf_token": csrf})
    secret = re.search(r'<code id="token">(sbt_[^<]+)</code>', page.text)
    assert page.status_code == 200 and secret is not None and page.headers["cache-control"] == "no-store"
    bearer = {"Authorization": f"Bearer {secret.group(1)}"}
    assert admin.get("/api/incidents", headers=bearer).status_code == 200
    [token] = admin.get("/api/users").json()["tokens"]
    assert admin.post(f"/tokens/{token['id']}/revoke", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert TestClient(create_app(str(db))).get("/api/incidents", headers=bearer).status_code == 401
    assert (
        admin.post("/users/nadia/disabled", data={"disabled": "true", "csrf_token": csrf}, follow_redirects=False).status_code
        == 303
    )
    assert nadia.get("/api/incidents").status_code == 401  # disabling ended the session
    short = admin.post("/api/users/nadia/password", json={"password": "short"}, headers={"X-CSRF-Token": csrf})
    assert short.status_code == 400 and "at least 10" in short.json()["error"]["message"]
    store = open_store(str(db))
    actions = [e.action for e in store.audit_entries() if e.actor == "adil"]
    store.close()
    assert actions == ["users.add", "users.role", "tokens.issue", "tokens.revoke", "users.disable"]


def test_expired_sessions_end_and_are_swept_at_the_next_login(tmp_path: Path) -> None:
    now = ["2026-01-01T00:00:00.000000Z"]
    store = SQLiteStore(tmp_path / "a.db", clock=lambda: now[0])
    user = accounts.add_user(store, "ana", "analyst", PASSWORD, "t")
    old = accounts.start_session(store, user)
    assert accounts.session_principal(store, old) is not None
    now[0] = "2026-01-01T12:00:01.000000Z"  # 12 hours and a second later
    assert accounts.session_principal(store, old) is None
    accounts.start_session(store, user)
    assert store.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
