"""Analysts' link decisions and incident ids survive re-extraction by a changed extractor."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import saboot.extract.rules as rules
from saboot import review
from saboot.claims import Claim, DateValue, DocumentSignals, Extraction, ExtractionInput, Span
from saboot.cli import cli
from saboot.extract.base import Extractor
from saboot.extract.runner import ExtractionRunner
from saboot.link import lineage
from saboot.link.model import LinkDecision
from saboot.store.sqlite import SQLiteStore
from saboot.successors import successor_map
from tests.conftest import CORPUS


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    return result.exit_code, result.output


def incidents(db: Path) -> dict[str, list[str]]:
    return {i["id"]: sorted(i["claim_ids"]) for i in json.loads(run(db, "incidents", "--json")[1])}


def _claim(ident: str, document: str, *spans: tuple[int, int]) -> Claim:
    date = DateValue(None, None, "unknown", (), "test", "")
    return Claim(ident, document, "event", "armed_assault", (), date, None, {}, (), (), None, (),
                 tuple(Span(a, b, "") for a, b in spans), "test")  # fmt: skip


def _linked_mastung(db: Path) -> dict[str, Any]:
    """Link the example corpus; the dated Mastung incident (several reports of the 2011 bus attack)."""
    assert run(db, "ingest", "-q", str(CORPUS))[0] == 0
    run(db, "link")
    found = json.loads(run(db, "incidents", "--json")[1])
    [mastung] = [i for i in found if i["location"] and i["location"]["name"] == "Mastung" and i["date_start"]]
    return dict(mastung)


def test_a_successor_has_the_same_anchor_else_the_most_overlapping_evidence() -> None:
    old = [_claim("o1", "d", (10, 50)), _claim("o2", "d", (60, 90)), _claim("o3", "d", (200, 220)), _claim("o4", "e", (0, 9))]
    new = [_claim("n1", "d", (10, 40)), _claim("n2", "d", (55, 80)), _claim("n3", "d", (70, 120)), _claim("n4", "f", (0, 9))]
    # o1 shares n1's anchor; o2 overlaps n2 by 20 and n3 by 20, and n2 starts nearer; o3 overlaps nothing;
    # o4's document has no current claim (another document's claim at the same offsets is not its successor)
    assert successor_map(old, new) == {"o1": "n1", "o2": "n2"}


def test_decisions_and_incident_ids_survive_a_new_extractor_version(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mastung = _linked_mastung(db_path)
    claim = mastung["claim_ids"][0]
    assert run(db_path, "split", mastung["id"], claim, "--reason", "test: separate report")[0] == 0
    before = incidents(db_path)
    monkeypatch.setattr(rules, "PRODUCER", "rules.v999")  # every claim gets a new id
    assert run(db_path, "extract", "-q")[0] == 0
    code, out = run(db_path, "link")
    assert code == 0 and "3 claim pair(s) now follow" in out, out
    after = incidents(db_path)
    assert set(after) == set(before)  # no incident id churns
    assert all(not set(ids) & {c for v in before.values() for c in v} for ids in after.values())  # all claims are new
    assert [len(after[k]) for k in sorted(after)] == [len(before[k]) for k in sorted(before)]
    assert len(after[mastung["id"]]) == len(mastung["claim_ids"]) - 1  # the split still holds
    store = SQLiteStore(db_path)
    try:
        [entry] = [e for e in store.audit_entries(actions=("incidents.link",))][-1:]
        assert json.loads(entry.payload)["decisions_moved"] == 3
    finally:
        store.close()


def test_a_decision_whose_claim_is_gone_is_reported_not_applied(db_path: Path) -> None:
    assert run(db_path, "ingest", "-q", str(CORPUS))[0] == 0
    run(db_path, "link")
    first = json.loads(run(db_path, "claims", "--kind", "event", "--json")[1])[0]["id"]
    store = SQLiteStore(db_path)
    try:
        with store.transaction():
            store.add_decision("must_link", first, "c-no-longer-extracted", "analyst", "test")
    finally:
        store.close()
    code, out = run(db_path, "link")
    assert code == 0 and "1 claim pair(s) no longer apply" in out, out
    log = json.loads(run(db_path, "audit", "log", "--json")[1])
    payload = [e for e in log if e["action"] == "incidents.link"][-1]["payload"]
    assert payload["decisions_orphaned"] == [["must_link", first, "c-no-longer-extracted"]]


def test_a_decision_on_a_rejected_claim_is_not_moved_to_another_claim(db_path: Path) -> None:
    mastung = _linked_mastung(db_path)
    claim = mastung["claim_ids"][0]
    assert run(db_path, "split", mastung["id"], claim, "--reason", "test: separate report")[0] == 0
    assert run(db_path, "correct", claim, "--reject", "--reason", "test: not an incident")[0] == 0
    code, out = run(db_path, "link")
    assert code == 0 and "no longer apply" not in out and "now follow" not in out, out


class _Fixed(Extractor):
    """An extractor version that finds the given claims."""

    def __init__(self, version: str, claims: tuple[Claim, ...]) -> None:
        self.name, self.version, self.claims = "fixed", version, claims

    def extract(self, doc: ExtractionInput) -> Extraction:
        return Extraction(doc.id, self.producer, self.claims, DocumentSignals("reporting", (), False, (), self.producer))


def _rerun(store: SQLiteStore, version: str, document: str, *claims: Claim) -> None:
    ExtractionRunner(store, _Fixed(version, claims), "test").extract(store.get_document(document))


def _one_claim_report(db: Path) -> str:
    """A store with one report, whose one claim is c1; its document id."""
    report = next(iter(sorted(CORPUS.glob("*.md"))))
    assert run(db, "ingest", "-q", "--no-extract", str(report))[0] == 0
    store = SQLiteStore(db)
    try:
        [doc] = [d.id for d in store.iter_documents()]
        _rerun(store, "v1", doc, _claim("c1", doc, (10, 50)))
    finally:
        store.close()
    return doc


def _queue(db: Path) -> list[str]:
    """The review queue after a link run."""
    assert run(db, "link")[0] == 0
    return [i["id"] for i in json.loads(run(db, "incidents", "--review", "--json")[1])]


def test_a_correction_follows_its_claim_to_a_successor_that_starts_elsewhere(db_path: Path) -> None:
    doc = _one_claim_report(db_path)
    store = SQLiteStore(db_path)
    try:
        review.correct(store, "c1", "killed", {"low": 5, "best": 6, "high": 7}, "hospital list", "analyst")
        _rerun(store, "v2", doc, _claim("c2", doc, (0, 50)))  # the new extractor's evidence starts a sentence earlier
        [moved] = review.load(store)
        assert (moved.anchor, moved.applies_to) == (f"{doc}@10", f"{doc}@0")
        assert review.load(store, [doc]) == [moved] and review.load(store, ["another-document"]) == []  # one page's
        [claim] = review.apply(store.claims(), [moved])
        assert claim.id == "c2" and claim.counts["killed"].best == 6 and "corrected" in claim.flags
        _rerun(store, "v3", doc, _claim("c3", doc, (300, 340)))  # nothing stands on those words any more
        [lost] = review.load(store)
        assert lost.applies_to is None and review.apply(store.claims(), [lost])[0].counts == {}
    finally:
        store.close()
    code, out = run(db_path, "link")
    assert code == 0 and "1 correction(s) no longer apply" in out, out
    assert "no longer applies" in run(db_path, "corrections")[1]


def test_a_later_decision_on_the_successors_replaces_a_moved_one(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mastung = _linked_mastung(db_path)
    assert run(db_path, "confirm", mastung["id"], "--reason", "test: one attack")[0] == 0  # must-link its claims
    monkeypatch.setattr(rules, "PRODUCER", "rules.v999")  # every claim gets a new id
    assert run(db_path, "extract", "-q")[0] == 0
    run(db_path, "link")
    claims = incidents(db_path)[mastung["id"]]
    assert len(claims) == len(mastung["claim_ids"])  # the confirmation followed the successors
    # a claim the confirmation joined to one other only (not the one it joined to all), whatever the ids' order
    joined = [set(d["applies_to"]) for d in json.loads(run(db_path, "decisions", "--json")[1])]
    hub = set.intersection(*joined)
    leaf = next(c for c in claims if c not in hub)
    assert run(db_path, "split", mastung["id"], leaf, "--reason", "test: a second look")[0] == 0
    after = incidents(db_path)
    assert leaf not in after[mastung["id"]]  # the split on the new claims wins over the moved confirmation
    listed = json.loads(run(db_path, "decisions", "--json")[1])
    replaced = [d for d in listed if d["status"] == "replaced"]
    assert replaced and all(d["kind"] == "must_link" and d["why"].startswith("replaced by decision") for d in replaced)
    apart = [d for d in listed if d["status"] == "in_force" and d["kind"] == "cannot_link"]
    assert apart and all(leaf in d["applies_to"] for d in apart)
    moved = [d for d in listed if d["status"] == "in_force" and d["why"].startswith("applies to the re-extracted")]
    assert moved and all(set(d["applies_to"]) <= set(claims) for d in moved)


def test_decisions_lists_each_decision_with_its_standing(db_path: Path) -> None:
    assert run(db_path, "ingest", "-q", str(CORPUS))[0] == 0
    run(db_path, "link")
    assert "no analysts' link decisions yet" in run(db_path, "decisions")[1]
    claims = json.loads(run(db_path, "claims", "--kind", "event", "--json")[1])
    first, home = claims[0]["id"], claims[0]["document_id"]
    second, third = [c["id"] for c in claims if c["document_id"] != home][:2]  # of other reports
    store = SQLiteStore(db_path)
    try:
        with store.transaction():
            store.add_decision("must_link", first, "c-gone", "ana", "test: gone")
            store.add_decision("must_link", first, second, "ana", "test: one")
            store.add_decision("cannot_link", second, first, "ben", "test: two")
            store.add_decision("must_link", second, third, "ana", "test: three")
    finally:
        store.close()
    assert run(db_path, "correct", third, "--reject", "--reason", "test: not an incident")[0] == 0
    listed = json.loads(run(db_path, "decisions", "--json")[1])
    assert [(d["id"], d["status"]) for d in listed] == [(1, "orphaned"), (2, "replaced"), (3, "in_force"), (4, "moot")]
    assert listed[1]["why"] == "replaced by decision 3" and listed[2]["applies_to"] == sorted([first, second])
    assert listed[0]["why"].startswith("claim c-gone has no current successor") and third in listed[3]["why"]
    code, text = run(db_path, "decisions")
    assert code == 0 and "#3 cannot_link" in text and "[in_force: applies]" in text and "ben" in text
    assert [d["id"] for d in json.loads(run(db_path, "decisions", "--status", "orphaned", "--json")[1])] == [1]
    assert "no link decisions are met" in run(db_path, "decisions", "--status", "met")[1]
    store = SQLiteStore(db_path)
    try:  # an incident's page shows those on its reports: here an incident reported by the first claim's report alone
        found = store.get_incident(store.incident_assignment()[first])
        assert found is not None
        [source] = [s for s in found.sources if s.document_id == home]
        alone = replace(found, sources=(source,))
        assert [s.decision.id for s in lineage.standing(store, alone)] == [1, 2, 3]
        elsewhere = replace(found, sources=(replace(source, document_id="doc-of-another-incident"),))
        assert lineage.standing(store, elsewhere) == []
    finally:
        store.close()


def test_a_review_holds_while_re_extracted_claims_state_the_same(db_path: Path) -> None:
    doc = _one_claim_report(db_path)
    [incident] = _queue(db_path)  # one report: flagged single_source
    assert run(db_path, "mark-reviewed", incident, "--note", "test: read the report")[0] == 0
    assert _queue(db_path) == []
    store = SQLiteStore(db_path)
    try:
        _rerun(store, "v2", doc, _claim("c2", doc, (10, 50)))  # a new version, a new id, the same values on the same words
    finally:
        store.close()
    assert _queue(db_path) == []
    shown = json.loads(run(db_path, "incident", incident, "--json")[1])
    assert shown["claim_ids"] == ["c2"] and [r["note"] for r in shown["reviews"]] == ["test: read the report"]
    store = SQLiteStore(db_path)
    try:
        _rerun(store, "v3", doc, replace(_claim("c3", doc, (10, 50)), event_type="bombing"))  # it now says something else
    finally:
        store.close()
    assert _queue(db_path) == [incident]


def test_a_review_made_before_content_keys_still_holds_for_its_claims(db_path: Path) -> None:
    _one_claim_report(db_path)
    [incident] = _queue(db_path)
    assert run(db_path, "mark-reviewed", incident, "--note", "test: read the report")[0] == 0
    with sqlite3.connect(db_path) as conn:  # as migration 0008 leaves a review recorded before it
        conn.execute("UPDATE incident_reviews SET content_key = NULL")
    assert _queue(db_path) == []
    assert len(json.loads(run(db_path, "incident", incident, "--json")[1])["reviews"]) == 1


def test_withdraw_undoes_a_split_from_the_command_line(db_path: Path) -> None:
    mastung = _linked_mastung(db_path)
    claim = mastung["claim_ids"][0]
    assert run(db_path, "split", mastung["id"], claim, "--reason", "test: separate report")[0] == 0
    assert claim not in incidents(db_path)[mastung["id"]]
    code, out = run(db_path, "withdraw", mastung["id"], "--reason", "test: the linker was right")
    assert code == 0 and "withdrew" in out, out
    assert incidents(db_path)[mastung["id"]] == sorted(mastung["claim_ids"])  # together again, by the linker's judgement
    standing = json.loads(run(db_path, "decisions", "--json")[1])
    assert {(d["kind"], d["status"]) for d in standing} == {("cannot_link", "replaced"), ("withdrawn", "in_force")}
    shown = json.loads(run(db_path, "incident", mastung["id"], "--json")[1])["decisions"]  # and on the incident
    assert [d["id"] for d in shown] == [d["id"] for d in standing]
    assert "[in_force: withdraws the earlier decisions" in run(db_path, "incident", mastung["id"])[1]
    code, out = run(db_path, "withdraw", mastung["id"], "--reason", "test: again")
    assert code != 0 and "no analyst's link decision is in force" in out


def test_only_a_decision_in_force_on_an_incident_s_claims_is_withdrawable() -> None:
    def standing(kind: str, status: str = lineage.IN_FORCE) -> lineage.Standing:
        applies = ("a", "b") if status == lineage.IN_FORCE else None
        return lineage.Standing(LinkDecision(1, kind, "a", "b", "ana", "test", "2026-12-05T00:00:00Z"), status, applies, "")

    assert lineage.withdrawable(standing("must_link"), ["a", "c"]) and lineage.withdrawable(standing("cannot_link"), ["b"])
    assert not lineage.withdrawable(standing("must_link"), ["c"])  # another incident's claims, of the same report
    assert not lineage.withdrawable(standing("must_link", lineage.REPLACED), ["a"])
    assert not lineage.withdrawable(standing(lineage.WITHDRAWN), ["a"])  # already withdrawn
