"""An analyst's decision re-links only the claims it can move (``saboot.link.confined``), and leaves the store as a
full re-link would."""

from __future__ import annotations

import json
import random
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pytest
from benchmarks.bench_distinct import measure, read_rows

from saboot import review
from saboot.audit import canonical_json, sha256_hex
from saboot.link import confined, decisions, lineage, reconcile
from saboot.link.confined import Membership, Reached, reach
from saboot.link.engine import DuckDBEngine, PairModel, ScoredPair
from saboot.link.model import Incident, incident_sha256, incidents_fingerprint
from saboot.link.records import LinkRecord
from saboot.store import SQLiteStore
from tests.conftest import CORPUS, DATA, need, relinked_copy
from tests.test_link import run


def test_a_decision_relinks_only_the_claims_it_can_move(db_path: Path, tmp_path: Path) -> None:
    # exercises: after a merge, split, confirm or withdraw only the incidents of the claims the decision can reach are
    # rebuilt, and the store then holds what a full re-link gives; anything else changed since the last run (a
    # correction) means a full re-link; the ledger entry lists the incidents replaced and fingerprints them all
    ref = tmp_path / "ref.csv"
    ref.write_text(
        "date,city,lat,lon,event_type,killed,country\n2011-09-20,Mastung,29.8,66.85,armed_attack,26,PK\n"
        "2013-01-10,Quetta,30.18,67.0,bombing,81,PK\n",
        encoding="utf-8",
    )
    assert run(db_path, "ingest", "-q", str(CORPUS))[0] == 0
    assert run(db_path, "reference", "import", str(ref), "--format", "csv", "--name", "mine")[0] == 0
    assert run(db_path, "link")[0] == 0
    store = SQLiteStore(db_path)
    try:
        found = sorted(store.incidents(), key=lambda i: (-len(i.claim_ids), i.id))
        mastung = next(i for i in found if i.location and i.location.name == "Mastung" and i.date_start)
        lone = [i for i in found if len(i.claim_ids) == 1 and i.location and i.location.name != "Mastung"]
        steps = [
            lambda: decisions.merge(store, [mastung.id, lone[0].id], "test: one attack", "test"),
            lambda: decisions.split(store, mastung.id, [mastung.claim_ids[0]], "test: another report", "test"),
            lambda: decisions.confirm(store, mastung.id, "test: checked", "test"),
            lambda: decisions.withdraw(store, mastung.id, "test: judge again", "test"),
        ]
        for step in steps:
            summary = step()
            assert summary.confined is not None and 0 < summary.confined < summary.claims and summary.pairs_reused
            mine = {i.id: canonical_json(i.to_json()) for i in store.incidents()}
            store.close()
            assert mine == relinked_copy(db_path, tmp_path)
            store = SQLiteStore(db_path)
            [*_, last] = store.audit_entries(actions=("incidents.link",))
            assert last.content_sha256 == incidents_fingerprint((k, sha256_hex(v)) for k, v in mine.items())
            scope = json.loads(last.payload)["confined"]
            assert scope["claims"] == summary.confined and mastung.id in scope["replaced"] + scope["written"]
            assert (summary.incidents, summary.multi_source, summary.reference_matches) == (
                len(mine), sum(i.independent_sources > 1 for i in store.incidents()),
                sum(bool(i.reference_matches) for i in store.incidents()),
            )  # fmt: skip
        assert any(i.reference_matches for i in store.incidents() if mastung.claim_ids[1] in i.claim_ids)
        review.correct(store, mastung.claim_ids[0], "killed", {"best": 25}, "test: a later toll", "test")
        after = decisions.merge(store, [mastung.id, lone[1].id], "test: one attack", "test")
        assert after.confined is None  # a claim changed since the last run: the whole store is linked again
        [*_, last] = store.audit_entries(actions=("incidents.link",))
        assert last.content_sha256 == incidents_fingerprint((i.id, incident_sha256(i)) for i in store.incidents())
        with store.transaction():  # rows written before each incident's hash was kept are hashed from their JSON
            store.conn.execute("UPDATE incidents SET data_sha256 = NULL WHERE id < 'inc-8'")
            assert store.replace_incidents((), [], "test") == last.content_sha256
        several = next(i.id for i in sorted(store.incidents(), key=lambda i: i.id) if len(i.claim_ids) > 1)
        with pytest.MonkeyPatch.context() as m:  # incidents reconciled by another rule: every one is built anew
            m.setattr(reconcile, "NAME", "reconcile.next")
            assert decisions.confirm(store, several, "test: checked", "test").confined is None
        assert decisions.withdraw(store, several, "test: judge again", "test").confined is None  # and when it is back
        assert decisions.confirm(store, several, "test: checked", "test").confined is not None
    finally:
        store.close()
    assert run(db_path, "audit", "verify")[0] == 0


def test_the_reach_of_a_decision_follows_strong_pairs_decisions_and_incidents() -> None:
    pairs = [ScoredPair("a", "b", 0.95), ScoredPair("b", "c", 0.5), ScoredPair("x", "y", 0.99), ScoredPair("a", "e", 0.4)]
    asked: list[tuple[str, set[str], float]] = []

    class Kept:
        def claim_pairs(self, claim_ids: Collection[str], at_least: float = 0.0) -> list[ScoredPair]:
            asked.append(("pairs", set(claim_ids), at_least))
            return [p for p in pairs if p.probability >= at_least and (p.left in claim_ids or p.right in claim_ids)]

        def claim_neighbours(self, claim_ids: Collection[str]) -> dict[str, set[str]]:
            asked.append(("neighbours", set(claim_ids), 0.0))
            out: dict[str, set[str]] = {}
            for p in pairs:
                if p.left in claim_ids and p.right in claim_ids:
                    out.setdefault(p.left, set()).add(p.right)
                    out.setdefault(p.right, set()).add(p.left)
            return out

    assignment = {"a": "I1", "b": "I1", "c": "I2", "d": "I3", "e": "I3", "x": "I4", "y": "I4"}

    class Incidents:  # which incident each claim is in, read only for the claims and incidents asked about
        def incidents_of_claims(self, claim_ids: Collection[str]) -> dict[str, str]:
            asked.append(("incidents of", set(claim_ids), 0.0))
            return {c: assignment[c] for c in claim_ids if c in assignment}

        def incident_members(self, incident_ids: Collection[str]) -> dict[str, list[str]]:
            asked.append(("members of", set(incident_ids), 0.0))
            return {i: sorted(c for c, inc in assignment.items() if inc == i) for i in incident_ids if i in assignment.values()}

    def last() -> Membership:
        return Membership(Incidents())

    # b-c is below the threshold: c is not reached, and b-c is no neighbour
    assert reach(["a"], Kept(), 0.9, [], last()) == Reached({"a", "b"}, [pairs[0]], {"a": {"b"}, "b": {"a"}})
    # a step at a time, each claim once, strong pairs only, with the members of its claims' incidents (each read once);
    # then which of the claims reached are alike, once
    assert asked == [
        ("pairs", {"a"}, 0.9), ("incidents of", {"a"}, 0.0), ("members of", {"I1"}, 0.0), ("pairs", {"b"}, 0.9),
        ("neighbours", {"a", "b"}, 0.0),
    ]  # fmt: skip
    # e shared d's incident, and c is d's by decision: a-e is weak, but a neighbour once both are reached
    found = reach(["c"], Kept(), 0.9, [("c", "d")], last())
    assert found.claims == {"c", "d", "e"} and found.pairs == [] and found.alike == {}
    assert reach(["a", "d"], Kept(), 0.9, [], last()).alike == {"a": {"b", "e"}, "b": {"a"}, "e": {"a"}}
    assert reach(["c"], Kept(), 0.9, [], last()) == Reached({"c"}, [], {})  # b-c has a claim outside the reach
    assert reach(["z"], Kept(), 0.9, [], last()) == Reached({"z"}, [], {})  # a claim in no incident


def test_a_split_lets_a_neighbour_join_what_a_full_relink_would_join(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # claims x, y, z, w scored x-y 0.99, y-z 0.98, z-w 0.97, and only alike otherwise, but x and w not at all: the
    # linker joins x, y and z, and w stays apart (x is not alike it). Split x out, and y, z and w make one incident: w
    # was in no incident of the split's claims, and is reached through the strong pair z-w
    for toll, name in enumerate("xyzw", start=5):
        (tmp_path / f"{name}.txt").write_text(f"On 2013-03-05 a bomb exploded in Quetta, killing {toll} people.\n")
    scores = {"xy": 0.99, "yz": 0.98, "zw": 0.97, "xz": 0.5, "yw": 0.5}

    def dedupe(self: DuckDBEngine, records: list[LinkRecord], threshold: float) -> tuple[list[ScoredPair], PairModel]:
        name = {r.unique_id: "xyzw"[(r.killed_best or 0) - 5] for r in records}
        ids = sorted(name, key=lambda c: "xyzw".index(name[c]))
        pairs = [
            ScoredPair(a, b, scores[name[a] + name[b]])
            for i, a in enumerate(ids)
            for b in ids[i + 1 :]
            if name[a] + name[b] in scores
        ]
        return pairs, PairModel(self.name, {}, None, ((), ()), len(records))

    monkeypatch.setattr(DuckDBEngine, "dedupe_measured", dedupe)
    assert run(db_path, "ingest", "-q", *(str(tmp_path / f"{n}.txt") for n in "xyzw"))[0] == 0
    assert run(db_path, "link")[0] == 0
    store = SQLiteStore(db_path)
    try:
        by_toll = {c.counts["killed"].best: c.id for c in store.claims()}
        x, y, z, w = (by_toll[t] for t in (5, 6, 7, 8))
        [three] = [i for i in store.incidents() if len(i.claim_ids) == 3]
        assert set(three.claim_ids) == {x, y, z}
        assert decisions.split(store, three.id, [x], "test: another attack", "test").confined == 4
        assert sorted(sorted(i.claim_ids) for i in store.incidents()) == sorted([[x], sorted([y, z, w])])
        mine = {i.id: canonical_json(i.to_json()) for i in store.incidents()}
    finally:
        store.close()
    assert mine == relinked_copy(db_path, tmp_path)


def test_decisions_on_real_reports_relink_their_reach_as_a_full_relink_would(tmp_path: Path) -> None:
    # 600 GTD summaries linked, then merges, splits, confirmations and withdrawals on incidents picked at random: each
    # decision re-links only the claims it can reach, and leaves the store as a full re-link of it would
    measure(read_rows(need(DATA / "gtd-afghanistan-2016.csv")), 600, tmp_path)
    db = tmp_path / "bench-600.db"
    rng = random.Random(5)
    reached = []
    for step in range(8):
        store = SQLiteStore(db)
        try:
            found = sorted(store.incidents(), key=lambda i: i.id)
            several = [i for i in found if len(i.claim_ids) > 1]
            kind = ["merge", "split", "confirm", "withdraw"][step % 4]
            if kind == "merge":
                a, b = rng.sample(found, 2)
                summary = decisions.merge(store, [a.id, b.id], "test", "test")
            elif kind == "split":
                inc = rng.choice(several)
                summary = decisions.split(store, inc.id, [rng.choice(inc.claim_ids)], "test", "test")
            elif kind == "confirm":
                summary = decisions.confirm(store, rng.choice(several).id, "test", "test")
            else:
                withdrawable = [i for i in several if any(lineage.withdrawable(s, i.claim_ids)
                                                          for s in lineage.standing(store, i))]  # fmt: skip
                summary = decisions.withdraw(store, rng.choice(withdrawable).id, "test", "test")
            mine = {i.id: canonical_json(i.to_json()) for i in store.incidents()}
        finally:
            store.close()
        assert summary.confined is not None, kind  # the first run's ledger entry holds the counts a confined run needs
        reached.append(summary.confined)
        assert mine == relinked_copy(db, tmp_path), kind
    assert max(reached) < 600  # a decision's reach is a part of the store


def test_a_write_while_a_decision_relinks_means_a_full_relink(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # another writer's ledger entry lands while the confined re-link builds its incidents: what it read may be stale,
    # so it writes nothing and the whole store is re-linked
    from saboot.link.service import IncidentLinker

    assert run(db_path, "ingest", "-q", str(CORPUS))[0] == 0 and run(db_path, "link")[0] == 0
    build = IncidentLinker.incidents
    confined_builds: list[int] = []

    def meanwhile(self: IncidentLinker, assigned: Any, claims: list[Any], *args: Any, **kwargs: Any) -> Any:
        if not confined_builds:
            confined_builds.append(len(claims))
            with self.store.transaction():
                self.store.append_audit(
                    actor="other", action="incidents.review", subject_kind="incident", subject_id="elsewhere",
                    content_sha256="0" * 64, payload={"note": "read"},
                )  # fmt: skip
        return build(self, assigned, claims, *args, **kwargs)

    monkeypatch.setattr(IncidentLinker, "incidents", meanwhile)
    store = SQLiteStore(db_path)
    try:
        first, second = sorted(store.incidents(), key=lambda i: i.id)[:2]
        summary = decisions.merge(store, [first.id, second.id], "test: one attack", "test")
        assert summary.confined is None and 0 < confined_builds[0] < summary.claims  # began confined, ended full
        assert [i for i in store.incidents() if set(first.claim_ids + second.claim_ids) <= set(i.claim_ids)]
    finally:
        store.close()


def tied_corpus(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Incident, Incident, ScoredPair]:
    """The example corpus linked, then linked again with a strong pair (returned) that ties one report of the Hazara
    Town bombing to one of the Alamdar Road blasts, whose other reports are not alike it (no pair): the two incidents
    (returned) stay apart, but whatever reaches one reaches the other."""
    measured = DuckDBEngine.dedupe_measured
    ties: list[ScoredPair] = []

    def with_tie(self: DuckDBEngine, records: list[LinkRecord], threshold: float) -> tuple[list[ScoredPair], PairModel]:
        pairs, model = measured(self, records, threshold)
        return pairs + ties, model

    monkeypatch.setattr(DuckDBEngine, "dedupe_measured", with_tie)
    assert run(db_path, "ingest", "-q", str(CORPUS))[0] == 0 and run(db_path, "link")[0] == 0
    store = SQLiteStore(db_path)
    try:
        places = {(i.location.name if i.location else "", len(i.claim_ids)): i for i in store.incidents()}
        hazara, alamdar = places[("Hazara Town", 2)], places[("Alamdar Road", 3)]
        ties.append(ScoredPair(hazara.claim_ids[0], alamdar.claim_ids[0], 0.97))
    finally:
        store.close()
    assert run(db_path, "link", "--full")[0] == 0
    store = SQLiteStore(db_path)
    try:
        assert {i.id: i.claim_ids for i in store.incidents()}[alamdar.id] == alamdar.claim_ids  # still apart
    finally:
        store.close()
    return hazara, alamdar, ties[0]


def left_as_they_stand(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The ids of the incidents each re-link from now on leaves as they stand (``confined.rebuild``)."""
    seen: list[set[str]] = []
    rebuild = confined.rebuild

    def counted(*args: Any) -> tuple[list[Incident], set[str]]:
        built, same = rebuild(*args)
        seen.append(same)
        return built, same

    monkeypatch.setattr(confined, "rebuild", counted)
    return seen


def test_incidents_a_decision_cannot_alter_are_left_as_they_stand(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a decision on Hazara Town reaches the Alamdar Road claims tied to it; re-clustered, they come out as they were:
    # that incident is left as it stands, only Hazara Town's is built anew, and the store is what a full re-link gives
    hazara, alamdar, _tie = tied_corpus(db_path, monkeypatch)
    seen = left_as_they_stand(monkeypatch)
    store = SQLiteStore(db_path)
    try:
        summary = decisions.confirm(store, hazara.id, "test: checked", "test")
        assert seen == [{alamdar.id}] and summary.rebuilt == 1 and summary.confined == 5  # both re-clustered, one built
        [*_, last] = store.audit_entries(actions=("incidents.link",))
        assert json.loads(last.payload)["confined"]["written"] == [hazara.id]
        mine = {i.id: canonical_json(i.to_json()) for i in store.incidents()}
    finally:
        store.close()
    assert mine == relinked_copy(db_path, tmp_path)
