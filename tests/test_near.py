"""The incidents that may be the same as one (``saboot.link.near``): listed with the pair that makes them look alike
and every reason the linker kept them apart, in the CLI, the JSON API and on the incident page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from saboot.link.engine import ScoredPair
from saboot.link.model import LevelEvidence
from saboot.store import SQLiteStore, links
from saboot.web.app import create_app
from tests.conftest import CORPUS, corpus_store
from tests.test_link import run


def _incident(db: Path, incident_id: str) -> dict[str, object]:
    code, out = run(db, "incident", incident_id, "--json")
    assert code == 0, out
    return dict(json.loads(out))


def test_near_incidents_say_why_the_linker_kept_them_apart(db_path: Path) -> None:
    # the 81 killed on Alamdar Road and the Bacha Khan Chowk bomb of the same evening in Quetta: alike on date and
    # place, kept apart because one report tells them apart; after a split, the claim taken out and its old incident
    assert run(db_path, "ingest", "-q", str(CORPUS))[0] == 0 and run(db_path, "link")[0] == 0
    found = json.loads(run(db_path, "incidents", "--json")[1])
    [alamdar] = [i for i in found if i["date_start"] == "2013-01-10" and i["killed"]["best"] == 81]
    [chowk] = [i for i in found if i["date_start"] == "2013-01-10" and i["id"] != alamdar["id"]]
    [near] = [n for n in _incident(db_path, alamdar["id"])["near"] if n["incident_id"] == chowk["id"]]  # type: ignore[union-attr]
    assert near["link"]["claim_a"] in alamdar["claim_ids"] and near["link"]["claim_b"] in chowk["claim_ids"]
    assert near["link"]["probability"] >= 0.5 and near["summary"].startswith("match probability")
    assert any(r.startswith("one report, ") and "tells them apart" in r for r in near["apart"])
    text = run(db_path, "incident", alamdar["id"])[1]
    assert f"possibly the same: {chowk['id']} (2013-01-10, Bacha Khan Chowk, killed 11)" in text
    listed = _incident(db_path, alamdar["id"])["near"]
    assert "reused" in run(db_path, "link")[1]  # a re-link on the same claims keeps the pairs it kept by claim
    assert _incident(db_path, alamdar["id"])["near"] == listed
    [mastung] = [i for i in found if i["location"] and i["location"]["name"] == "Mastung" and i["date_start"]]
    claim = mastung["claim_ids"][0]
    assert run(db_path, "split", mastung["id"], claim, "--reason", "test: another attack")[0] == 0
    [alone] = [i for i in json.loads(run(db_path, "incidents", "--json")[1]) if i["claim_ids"] == [claim]]
    [back] = [n for n in _incident(db_path, alone["id"])["near"] if n["incident_id"] == mastung["id"]]  # type: ignore[union-attr]
    assert any(r.startswith(f"an analyst's split keeps claims {claim} and ") for r in back["apart"]), back["apart"]
    assert not any("below the threshold" in r for r in back["apart"])  # it scored high: only the split keeps it apart


def test_claim_pairs_are_found_by_either_claim_with_their_evidence(store: SQLiteStore) -> None:
    said = (LevelEvidence("date", "ranges overlap", 3.2), LevelEvidence("prior", "two claims picked at random", -4.0))
    with store.transaction():
        store.save_claim_pairs([ScoredPair("b", "a", 0.9, said), ScoredPair("b", "c", 0.3, said[1:])])
    assert store.claim_pairs(["a"]) == [ScoredPair("a", "b", 0.9, said)]
    assert [(p.left, p.right) for p in store.claim_pairs(["b"])] == [("a", "b"), ("b", "c")]
    assert store.claim_pairs(["z"]) == [] and store.claim_pairs([]) == []
    with store.transaction():  # a later run's pairs replace them
        store.save_claim_pairs([ScoredPair("c", "d", 0.7)])
    assert store.claim_pairs(["a", "b", "c"]) == [ScoredPair("c", "d", 0.7)]


def test_the_incident_page_lists_them_with_a_merge_form(tmp_path: Path) -> None:
    client = TestClient(create_app(str(corpus_store(tmp_path))))
    quetta = client.get("/api/incidents", params={"since": "2013-01-10", "until": "2013-01-10"}).json()["incidents"]
    [alamdar] = [i for i in quetta if i["killed"]["best"] == 81]
    detail = client.get(f"/api/incidents/{alamdar['id']}").json()
    assert detail["near"] and {n["incident_id"] for n in detail["near"]} <= {
        i["id"] for i in client.get("/api/incidents").json()["incidents"]
    }
    page = client.get(f"/incidents/{alamdar['id']}").text
    other = detail["near"][0]["incident_id"]
    assert "Possibly the same incident" in page and f'href="/incidents/{other}"' in page and "Kept apart:" in page
    assert f'<input type="hidden" name="others" value="{other}">' in page


def test_the_closest_calls_of_the_store_are_listed_for_review(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # saboot near, /api/near and /near: pairs of incidents whose claims scored close, strongest first, with reasons
    assert run(db_path, "ingest", "-q", str(CORPUS))[0] == 0 and run(db_path, "link")[0] == 0
    found = json.loads(run(db_path, "near", "--json")[1])
    assert found and [p["near"]["link"]["probability"] for p in found] == sorted(
        (p["near"]["link"]["probability"] for p in found), reverse=True
    )
    assert all(0.5 <= p["near"]["link"]["probability"] <= 1 and p["near"]["apart"] for p in found)
    quetta = next(p for p in found if p["date"] == "2013-01-10")
    assert quetta["near"]["date"] == "2013-01-10" and quetta["incident_id"] != quetta["near"]["incident_id"]
    text = run(db_path, "near")[1]
    assert text.count("\n") == len(found) and f"{quetta['incident_id']} (2013-01-10, " in text and "apart because" in text
    assert run(db_path, "near", "--limit", "1")[1] == text.splitlines(keepends=True)[0]
    assert "no two incidents" in run(db_path, "near", "--min", "0.99")[1]
    monkeypatch.setattr(links, "PAIRS_PAGE", 1)  # the kept pairs read one at a time: the same list
    assert json.loads(run(db_path, "near", "--json")[1]) == found
    code, out = run(db_path, "near", "--min", "2")
    assert code == 2 and "--min" in out
    client = TestClient(create_app(str(db_path)))
    assert client.get("/api/near").json() == found
    assert client.get("/api/near", params={"min": 0.99}).json() == []
    assert client.get("/api/near", params={"min": 3}).status_code == 422
    page = client.get("/near").text
    assert "Possible duplicates" in page and f'href="/incidents/{quetta["near"]["incident_id"]}"' in page
    assert f'<input type="hidden" name="others" value="{quetta["near"]["incident_id"]}">' in page


def test_a_store_linked_before_pairs_were_kept_by_claim_gets_them_at_its_next_link(db_path: Path) -> None:
    # the last link run's entry does not say it kept its pairs by claim (an older version's run): the next link keeps
    # them, even though it reuses the scored pairs; later ones that reuse them leave them as they are
    assert run(db_path, "ingest", "-q", str(CORPUS))[0] == 0 and run(db_path, "link")[0] == 0
    store = SQLiteStore(db_path)
    try:
        kept = store.claim_pairs([c for i in store.incidents() for c in i.claim_ids])
        [*_, last] = store.audit_entries(actions=("incidents.link",))
        older = {k: v for k, v in json.loads(last.payload).items() if k != "claim_pairs"}
        with store.transaction():
            store.conn.execute("DELETE FROM claim_pairs")
            store.append_audit(
                actor="test", action="incidents.link", subject_kind="link", subject_id="link-older",
                content_sha256=last.content_sha256, payload=older,
            )  # fmt: skip
    finally:
        store.close()
    assert "reused" in run(db_path, "link")[1]
    store = SQLiteStore(db_path)
    try:
        assert kept and store.claim_pairs([c for i in store.incidents() for c in i.claim_ids]) == kept
    finally:
        store.close()
