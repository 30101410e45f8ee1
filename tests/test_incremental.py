"""A re-link after new reports, corrections or re-extraction scores only the claims that changed, with the weights
the last full scoring measured (``saboot.link.incremental``)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from benchmarks.bench_distinct import read_rows, sample

from saboot import review
from saboot.audit import canonical_json
from saboot.extract.runner import ExtractionRunner, default_extractor
from saboot.ingest.pipeline import IngestOptions, Ingestor
from saboot.link import assess, blocking, decisions, incremental, lineage, reconcile, service, spec
from saboot.link.engine import DuckDBEngine, PairModel, ScoredPair, engine_for
from saboot.link.records import LinkRecord
from saboot.link.scored import record_digests
from saboot.link.service import ALIKE, IncidentLinker
from saboot.store import SQLiteStore
from saboot.store.base import ClaimFilter
from tests.conftest import CORPUS, DATA, need
from tests.test_confined import left_as_they_stand, tied_corpus
from tests.test_link import run


def _key(pairs: list[ScoredPair]) -> dict[tuple[str, str], tuple[float, tuple[Any, ...]]]:
    return {(min(p.left, p.right), max(p.left, p.right)): (round(p.probability, 9), p.evidence) for p in pairs}


def test_the_kept_weights_score_changed_claims_as_a_scoring_of_all_the_claims_would() -> None:
    model = _rescored_as_scoring_all("duckdb", 1300)
    assert model.weights and model.claims == 1200 and model.areas[0]  # words weigh by rarity; provinces chosen


def test_on_a_large_store_the_kept_weights_score_changed_claims_as_a_scoring_of_all_the_claims_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the rules of a large store (same day or the next in a province, undated claims by their rarest words), whose
    # equalities include the engine's own columns (day_after, ym_mid): rescore hands the engine only the claims they
    # can pair with a changed one, and counts how many share a place on all of them
    monkeypatch.setattr(spec, "LARGE_STORE", 1000)
    model = _rescored_as_scoring_all("duckdb", 1300)
    rules = [b["blocking_rule"] for b in model.settings["blocking_rules_to_generate_predictions"]]
    assert any("day_after" in rule for rule in rules) and any("undated_rare" in rule for rule in rules)


def test_on_spark_the_kept_weights_score_changed_claims_as_a_scoring_of_all_the_claims_would() -> None:
    # runs in Spark local mode when pyspark (extra saboot[spark]) and Java are installed; skips otherwise
    pytest.importorskip("pyspark", reason="pyspark is not installed: the Spark engine test needs the spark extra and Java 17")
    assert _rescored_as_scoring_all("spark", 400).engine == "splink-spark"


def _rescored_as_scoring_all(engine_name: str, n: int) -> PairModel:
    """Weights measured on all but the last 100 of ``n`` generated claims score the pairs of those claims as before,
    and the pairs of the last 100 and of one earlier claim as scoring all the claims with them would."""
    from benchmarks.bench_link import make, undate

    records, _ = make(n, 0.05, seed=5)
    records = undate(records, 0.1, 5)  # some undated claims, compared across their province
    old, new = records[:-100], records[-100:]
    engine = engine_for(engine_name)
    pairs, model = engine.dedupe_measured(old, ALIKE)
    again = PairModel.from_json(json.loads(json.dumps(model.to_json())))  # as kept in the store
    assert _key(engine.rescore(old, ALIKE, again, {r.unique_id for r in old})) == _key(pairs)  # the same scores
    changed = {r.unique_id for r in new} | {old[0].unique_id}
    everything = _key(engine.rescore(records, ALIKE, again, {r.unique_id for r in records}))
    touching = {k: v for k, v in everything.items() if changed & set(k)}
    assert touching and _key(engine.rescore(records, ALIKE, again, changed)) == touching
    rules = [b["blocking_rule"] for b in again.settings["blocking_rules_to_generate_predictions"]]
    reach = blocking.undated_reach(records, again.areas)
    assert len(blocking.meeting(reach, changed, rules, engine.dialect)) < len(records)  # fewer claims were handed over
    return model


def _ingest(store: SQLiteStore, paths: list[str], field_map: str | None = None) -> None:
    ingestor = Ingestor(store, IngestOptions(actor="test", field_map=field_map))
    ingestor.on_stored.append(ExtractionRunner(store, default_extractor(), "test").extract)
    list(ingestor.ingest(paths))


def _copy(db: Path, to: Path) -> Path:
    with closing(sqlite3.connect(db)) as source, closing(sqlite3.connect(to)) as target:
        source.backup(target)
    return to


def _linked(tmp_path: Path, rows: list[dict[str, str]]) -> tuple[SQLiteStore, IncidentLinker]:
    """A store of the first 400 of these GTD rows and the example corpus, linked in full by the linker returned, which
    scores changed claims alone from 100 claims on."""
    store = SQLiteStore(tmp_path / "store.db")
    (tmp_path / "first").mkdir()
    _ingest(store, [str(sample(rows[:400], 0, tmp_path / "first")), str(CORPUS)], "text=summary,title=eventid")
    linker = IncidentLinker(store, actor="test", incremental_from=100)
    assert linker.run().rescored is None
    return store, linker


def test_new_reports_a_correction_and_a_decision_relink_as_clustering_every_claim_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 400 GTD summaries and the example corpus linked; then 30 more summaries, a correction and a merge: the re-link
    # scores only the new and corrected claims, and the store holds what clustering every claim on the kept pairs gives
    rows = read_rows(need(DATA / "gtd-afghanistan-2016.csv"))
    db = tmp_path / "store.db"
    store, linker = _linked(tmp_path, rows)
    more = tmp_path / "more"
    more.mkdir()
    known = {c.id for c in store.claims()}
    # one of the new rows is another report of an incident already linked: it must join that incident
    again = {**rows[7], "eventid": "again-" + rows[7]["eventid"], "summary": rows[7]["summary"] + " Officials confirmed it."}
    _ingest(store, [str(sample([*rows[400:430], again], 0, more))], "text=summary,title=eventid")
    corrected = next(c for c in store.claims() if c.kind == "event" and c.counts.get("killed"))
    review.correct(store, corrected.id, "killed", {"best": 99}, "test: a later toll", "test")
    a, b = sorted(store.incidents(), key=lambda i: i.id)[:2]
    with monkeypatch.context() as m:  # the merge is recorded; the re-link comes below
        m.setattr(decisions, "relink", lambda *args, **kwargs: None)
        decisions.merge(store, [a.id, b.id], "test: one attack", "test")
    named = {a.claim_ids[0], "c-none"}
    assert store.decisions(named) == [d for d in store.decisions() if named & {d.claim_a, d.claim_b}] != []
    before = _copy(db, tmp_path / "before.db")
    summary = linker.run()
    new = {c.id for c in store.claims() if c.kind == "event" and c.id not in known}
    assert new and summary.rescored == len(new) + 1 and 0 < summary.confined < summary.claims  # type: ignore[operator]
    [*_, entry] = store.audit_entries(actions=("incidents.link",))
    assert json.loads(entry.payload)["rescored"]["claims"] == summary.rescored
    mine = {i.id: canonical_json(i.to_json()) for i in store.incidents()}
    three = sorted(mine)[:3]
    assert store.get_incidents([*reversed(three), "inc-none"]) == [store.get_incident(i) for i in three]  # read at once
    assert any({a.claim_ids[0], b.claim_ids[0]} <= set(i.claim_ids) for i in store.incidents())
    titles = {d.id: d.title for d in store.list_documents()}
    assert any({titles[store.claims(ClaimFilter(ids=(c,)))[0].document_id] for c in i.claim_ids} >= {rows[7]["eventid"], again["eventid"]}
               for i in store.incidents())  # fmt: skip
    kept = incremental.decode(store.pair_model())
    assert kept is not None and kept.changed == summary.rescored and kept.model.claims < summary.claims
    records = _records(store)
    assert {c: d for c, (_r, d) in store.link_records().items()} == dict(sorted(record_digests(records).items()))
    every = engine_for("duckdb").rescore(records, ALIKE, kept.model, [r.unique_id for r in records])
    assert _key(store.claim_pairs([r.unique_id for r in records])) == _key(every)  # the kept pairs are all up to date
    store.close()
    assert mine == _clustered(before, every, monkeypatch)


def test_a_reextraction_relinks_its_claims_under_their_incidents_ids_and_decisions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the reports of an incident that an analyst split are re-extracted by another version of the extractor, so that
    # their claims get new ids: the re-link scores those alone, the split follows them, the incidents keep their ids,
    # and the store holds what clustering every claim on the kept pairs gives
    from benchmarks.bench_reextract import NextVersion

    store, linker = _linked(tmp_path, read_rows(need(DATA / "gtd-afghanistan-2016.csv")))
    several = next(i for i in sorted(store.incidents(), key=lambda i: i.id) if len(i.claim_ids) > 1)
    decisions.split(store, several.id, [several.claim_ids[0]], "test: another attack", "test")
    docs = sorted({s.document_id for s in several.sources})
    old = {c.id: c for c in store.claims(ClaimFilter(kind="event", document_ids=tuple(docs)))}
    incident_of = store.incident_assignment()
    list(ExtractionRunner(store, NextVersion(), "test").run([store.get_document(d) for d in docs]))
    before = _copy(tmp_path / "store.db", tmp_path / "before.db")
    summary = linker.run()
    new = store.claims(ClaimFilter(kind="event", document_ids=tuple(docs)))
    assert not set(old) & {c.id for c in new} and summary.rescored == len(new) and summary.decisions_moved
    follow = lineage.successors(store, new, set(old))
    now = store.incident_assignment()
    assert {c: incident_of[c] for c in follow} == {c: now[n] for c, n in follow.items()}  # each keeps its incident id
    mine = {i.id: canonical_json(i.to_json()) for i in store.incidents()}
    kept = incremental.decode(store.pair_model())
    assert kept is not None
    records = _records(store)
    every = engine_for("duckdb").rescore(records, ALIKE, kept.model, [r.unique_id for r in records])
    store.close()
    assert mine == _clustered(before, every, monkeypatch)


def _records(store: SQLiteStore) -> list[LinkRecord]:
    claims = review.apply([c for c in store.claims() if c.kind == "event"], review.load(store))
    return IncidentLinker(store).records(claims)


def _clustered(db: Path, pairs: list[ScoredPair], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The incidents a full run on the store at ``db`` gives when every claim's pairs score as ``pairs``."""
    monkeypatch.setattr(
        DuckDBEngine, "dedupe_measured", lambda self, records, threshold: (pairs, PairModel(self.name, {}, None, ((), ()), 0))
    )
    store = SQLiteStore(db)
    try:
        IncidentLinker(store, actor="test", incremental_from=100).run(full=True)
        return {i.id: canonical_json(i.to_json()) for i in store.incidents()}
    finally:
        store.close()


def test_the_whole_store_is_scored_when_the_kept_weights_do_not_serve(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the example corpus is small enough to score whole; with the floor lowered, a new report is scored alone, but a
    # reference import, `--full`, or more changed claims than SHARE of the measured ones mean a full scoring
    assert run(db_path, "ingest", "-q", str(CORPUS))[0] == 0
    assert run(db_path, "link")[0] == 0
    extra = tmp_path / "extra.md"
    extra.write_text(
        "---\noutlet: Test Wire\n---\nA bomb killed 12 people at a bus stop in Quetta on 3 June 2014, police said.\n",
        encoding="utf-8",
    )
    assert run(db_path, "ingest", "-q", str(extra))[0] == 0
    small = json.loads(run(db_path, "link", "--json")[1])
    assert small["rescored"] is None and small["whole_because"].startswith("the store is small")  # under 5,000 claims
    monkeypatch.setattr(service, "INCREMENTAL_FROM", 10)
    extra.write_text(extra.read_text(encoding="utf-8").replace("12 people", "13 people"), encoding="utf-8")
    assert run(db_path, "ingest", "-q", str(extra))[0] == 0
    code, out = run(db_path, "link")
    assert code == 0 and "scored only the 1 new or changed claim(s)" in out
    assert json.loads(run(db_path, "link", "--full", "--json")[1])["whole_because"] == "asked for (--full)"
    ref = tmp_path / "ref.csv"
    ref.write_text("date,city,lat,lon,event_type,killed,country\n2014-06-03,Quetta,30.18,67.0,bombing,12,PK\n", encoding="utf-8")
    assert run(db_path, "reference", "import", str(ref), "--format", "csv", "--name", "mine")[0] == 0
    extra.write_text(extra.read_text(encoding="utf-8").replace("13 people", "14 people"), encoding="utf-8")
    assert run(db_path, "ingest", "-q", str(extra))[0] == 0
    imported = run(db_path, "link")[1]  # every incident may match the reference
    assert "linked every claim: the ledger records reference.import since the last link run" in imported, imported
    monkeypatch.setattr(incremental, "SHARE", 0.0)
    extra.write_text(extra.read_text(encoding="utf-8").replace("14 people", "15 people"), encoding="utf-8")
    assert run(db_path, "ingest", "-q", str(extra))[0] == 0
    assert "more than 0%" in json.loads(run(db_path, "link", "--json")[1])["whole_because"]  # more than SHARE changed
    monkeypatch.setattr(incremental, "SHARE", 0.1)
    store = SQLiteStore(db_path)
    try:
        with store.transaction():
            store.save_pair_model(b"not a kept model")
    finally:
        store.close()
    extra.write_text(extra.read_text(encoding="utf-8").replace("15 people", "16 people"), encoding="utf-8")
    assert run(db_path, "ingest", "-q", str(extra))[0] == 0
    assert "cannot be read" in json.loads(run(db_path, "link", "--json")[1])["whole_because"]  # measured again
    monkeypatch.setattr(reconcile, "NAME", "reconcile.next")
    extra.write_text(extra.read_text(encoding="utf-8").replace("16 people", "17 people"), encoding="utf-8")
    assert run(db_path, "ingest", "-q", str(extra))[0] == 0
    assert "another version of saboot" in json.loads(run(db_path, "link", "--json")[1])["whole_because"]  # reconciled anew
    monkeypatch.setattr(assess, "NAME", "assess.next")
    extra.write_text(extra.read_text(encoding="utf-8").replace("17 people", "18 people"), encoding="utf-8")
    assert run(db_path, "ingest", "-q", str(extra))[0] == 0
    assert "another version of saboot" in json.loads(run(db_path, "link", "--json")[1])["whole_because"]  # assessed anew
    assert run(db_path, "audit", "verify")[0] == 0


def test_a_claim_changed_outside_the_ledger_means_a_full_scoring(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the kept link records of reports the ledger does not name are checked against their claims, a sample at a time:
    # a document edited by hand (its outlet, which makes the claims' source) is noticed, and every claim scored again
    monkeypatch.setattr(service, "INCREMENTAL_FROM", 10)
    monkeypatch.setattr(incremental, "SHARE", 1.0)  # the example corpus is small: any change is over a tenth of it
    assert run(db_path, "ingest", "-q", str(CORPUS))[0] == 0
    assert run(db_path, "link")[0] == 0
    extra = tmp_path / "extra.md"
    extra.write_text("---\noutlet: Test Wire\n---\nA bomb killed 12 people in Quetta on 3 June 2014, police said.\n")
    assert run(db_path, "ingest", "-q", str(extra))[0] == 0
    assert json.loads(run(db_path, "link", "--json")[1])["rescored"] == 1  # the sample matches: one claim scored
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("UPDATE documents SET outlet = 'Edited by hand' WHERE outlet = 'Dawn'")
    extra.write_text(extra.read_text(encoding="utf-8").replace("12 people", "13 people"), encoding="utf-8")
    assert run(db_path, "ingest", "-q", str(extra))[0] == 0
    done = json.loads(run(db_path, "link", "--json")[1])
    assert done["rescored"] is None and "kept link records checked no longer match their claims" in done["whole_because"]
    extra.write_text(extra.read_text(encoding="utf-8").replace("13 people", "14 people"), encoding="utf-8")
    assert run(db_path, "ingest", "-q", str(extra))[0] == 0
    assert json.loads(run(db_path, "link", "--json")[1])["rescored"] == 1  # the records kept by that run match again
    with closing(sqlite3.connect(db_path)) as conn, conn:  # and with no records kept at all, every claim is scored
        conn.execute("DELETE FROM link_records")
    extra.write_text(extra.read_text(encoding="utf-8").replace("14 people", "15 people"), encoding="utf-8")
    assert run(db_path, "ingest", "-q", str(extra))[0] == 0
    assert json.loads(run(db_path, "link", "--json")[1])["whole_because"] == "the last full scoring kept no link records"


def test_incidents_new_reports_cannot_alter_are_left_as_they_stand(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a new report of the Hazara Town bombing reaches the Alamdar Road claims tied to it; re-clustered, they come out
    # as they were: that incident is left as it stands, Hazara Town's is built anew, and the store holds what
    # clustering every claim on the same pairs gives
    monkeypatch.setattr(service, "INCREMENTAL_FROM", 10)
    hazara, alamdar, tie = tied_corpus(db_path, monkeypatch)
    assert run(db_path, "ingest", "-q", str(_hazara_town_report(tmp_path)))[0] == 0
    before = _copy(db_path, tmp_path / "before.db")
    seen = left_as_they_stand(monkeypatch)
    done = json.loads(run(db_path, "link", "--json")[1])
    assert done["rescored"] == 1 and done["rebuilt"] == 1 and seen == [{alamdar.id}]  # one claim scored, one built
    store = SQLiteStore(db_path)
    mine = {i.id: canonical_json(i.to_json()) for i in store.incidents()}
    assert len(next(i for i in store.incidents() if i.id == hazara.id).claim_ids) == 3  # the new report joined it
    kept = incremental.decode(store.pair_model())
    assert kept is not None
    records = _records(store)
    every = engine_for("duckdb").rescore(records, ALIKE, kept.model, [r.unique_id for r in records])
    store.close()
    assert mine == _clustered(before, [*every, tie], monkeypatch)


def test_a_re_link_of_changed_claims_runs_without_the_cyclic_collector(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # it holds every claim's link record, over which each of the collector's passes costs seconds on a large store;
    # the collector is back on after, whether the re-link was done or fell back to a full one
    import gc

    seen: list[bool] = []

    def relink_changed(linker: IncidentLinker) -> str:
        seen.append(gc.isenabled())
        return "measured by this test"

    monkeypatch.setattr(incremental, "relink_changed", relink_changed)
    store = SQLiteStore(tmp_path / "s.db")
    try:
        assert gc.isenabled()
        summary = IncidentLinker(store, actor="test").run()
        assert seen == [False] and gc.isenabled() and summary.whole_because == "measured by this test"
    finally:
        store.close()


def test_the_pairs_of_changed_claims_are_read_as_scored_now_not_as_kept(tmp_path: Path) -> None:
    # b changed: its kept pairs (a-b strong, b-c alike) are stale, and its pairs scored now (b-d) stand in their place,
    # both for the strong pairs a re-link follows and for which claims are alike
    store = SQLiteStore(tmp_path / "s.db")
    with store.transaction():
        store.save_claim_pairs([ScoredPair("a", "b", 0.95), ScoredPair("b", "c", 0.3), ScoredPair("a", "c", 0.92)])
    seen = incremental._Rescored(store, {"b"}, [ScoredPair("b", "d", 0.97), ScoredPair("d", "e", 0.5)])
    assert [(p.left, p.right) for p in seen.claim_pairs(["a", "b"], at_least=0.9)] == [("a", "c"), ("b", "d")]
    assert [(p.left, p.right) for p in seen.claim_pairs(["d"], at_least=0.9)] == [("b", "d")]
    assert seen.claim_neighbours(["a", "b", "c", "d"]) == {"a": {"c"}, "c": {"a"}, "b": {"d"}, "d": {"b"}}
    assert seen.claim_neighbours(["b", "c"]) == {}


def test_a_re_link_reads_the_kept_link_records_whole_only_when_a_claim_must_be_scored(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # nothing changed: the re-link knows it from the kept records' digests alone; a new report's claim is scored
    # against every claim's kept record, so then they are read, once
    monkeypatch.setattr(service, "INCREMENTAL_FROM", 10)
    assert run(db_path, "ingest", "-q", str(CORPUS))[0] == 0 and run(db_path, "link")[0] == 0
    read: list[int] = []
    whole = SQLiteStore.link_records

    def link_records(self: SQLiteStore) -> dict[str, tuple[LinkRecord, str]]:
        read.append(1)
        return whole(self)

    monkeypatch.setattr(SQLiteStore, "link_records", link_records)
    before = SQLiteStore(db_path)
    incidents = {i.id: canonical_json(i.to_json()) for i in before.incidents()}
    before.close()
    again = json.loads(run(db_path, "link", "--json")[1])
    assert (again["rescored"], again["rebuilt"], again["whole_because"], read) == (0, 0, None, [])
    store = SQLiteStore(db_path)
    assert {i.id: canonical_json(i.to_json()) for i in store.incidents()} == incidents
    store.close()
    assert run(db_path, "ingest", "-q", str(_hazara_town_report(tmp_path)))[0] == 0
    done = json.loads(run(db_path, "link", "--json")[1])
    assert (done["rescored"], done["whole_because"], read) == (1, None, [1])


def _hazara_town_report(folder: Path) -> Path:
    """Another report of the example corpus's Hazara Town bombing."""
    extra = folder / "extra.md"
    extra.write_text(
        "---\noutlet: Test Wire\npublished: 2013-02-17\n---\nA bomb in a water tanker killed 84 people at a vegetable "
        "market in Hazara Town, Quetta, on 16 February 2013, officials said.\n",
        encoding="utf-8",
    )
    return extra
