"""Incident, link-decision and reference-dataset tables of the SQLite store
(a mixin, so that the store module stays small)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import Any

from saboot.alloc import paused_gc
from saboot.audit import canonical_json, sha256_hex
from saboot.link import scored
from saboot.link.engine import ScoredPair
from saboot.link.model import Incident, LevelEvidence, LinkDecision, incident_from_json, incidents_fingerprint
from saboot.link.records import LinkRecord, from_row
from saboot.link.references import Coverage, ReferenceRow
from saboot.store.base import IncidentFilter, MonthTotal
from saboot.store.dbapi import Connection

RECORDS_BATCH = 10_000  # the kept link records read, and their JSON parsed, at a time (``link_records``)
PAIRS_PAGE = 500  # the kept pairs read at a time for the list of possible duplicates (``pairs_across_incidents``)
# the indexes of the kept pairs besides their key: strongest first, as that list reads them (migration
# 0016_pairs_by_probability), and each claim's strongest, as a re-link reads them (0017_pairs_by_claim_and_probability)
PAIR_INDEXES = {
    "claim_pairs_probability": "claim_pairs(probability DESC, claim_a, claim_b)",
    "claim_pairs_a_probability": "claim_pairs(claim_a, probability)",
    "claim_pairs_b_probability": "claim_pairs(claim_b, probability)",
}


class LinkTablesMixin:
    conn: Connection
    clock: Callable[[], str]  # provided by the store
    _any_of: Callable[[str, tuple[str, ...]], tuple[str, object]]  # provided by the store
    _unindexed: Callable[[str], str]  # provided by the store
    _gathered: Callable[[str], str]  # provided by the store
    ROW_KEY = "rowid"  # the physical row key, to sort narrow rows before reading a page's JSON

    def save_incidents(self, incidents: list[Incident], run_id: str) -> str:
        self.conn.execute("DELETE FROM incident_claims")
        self.conn.execute("DELETE FROM incidents")
        self._insert_incidents(incidents, run_id)
        return self._incidents_digest()

    def replace_incidents(self, removed: Collection[str], incidents: list[Incident], run_id: str) -> str:
        ids = tuple(sorted(removed))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            self.conn.execute(f"DELETE FROM incident_claims WHERE incident_id IN ({marks})", chunk)
            self.conn.execute(f"DELETE FROM incidents WHERE id IN ({marks})", chunk)
        self._insert_incidents(incidents, run_id)
        return self._incidents_digest()

    def _insert_incidents(self, incidents: list[Incident], run_id: str) -> None:
        marks = ", ".join("?" for _ in range(26))
        self.conn.executemany(
            f"INSERT INTO incidents VALUES ({marks})",
            # each written as JSON once, as it is inserted: never every incident's JSON at once (2 GB at a million claims)
            (_incident_row(i, canonical_json(i.to_json()), run_id) for i in incidents),
        )
        self.conn.executemany(
            "INSERT INTO incident_claims VALUES (?, ?)", ((inc.id, c) for inc in incidents for c in inc.claim_ids)
        )

    def _incidents_digest(self) -> str:
        """The fingerprint of the stored incidents (``incidents_fingerprint``), from the hash kept with each; a row
        written before the hashes were kept is hashed from its JSON."""
        # read from the index of ids and hashes alone, in the order of the ids (migration 0018_incident_hashes_by_id):
        # 0.8 s at 886,158 incidents, 2.7 s when every incident's row was read, its JSON beside the hash
        rows = self.conn.execute("SELECT id, data_sha256 FROM incidents ORDER BY id").fetchall()
        older = tuple(str(i) for i, h in rows if h is None)
        texts: dict[str, str] = {}
        if older:
            where, param = self._any_of("id", older)
            texts = {
                str(i): sha256_hex(str(t))
                for i, t in self.conn.execute(f"SELECT id, data FROM incidents WHERE {where}", (param,))
            }
        return incidents_fingerprint((str(i), str(h) if h is not None else texts[str(i)]) for i, h in rows)

    def incident_assignment(self) -> dict[str, str]:
        return {str(r[1]): str(r[0]) for r in self.conn.execute("SELECT incident_id, claim_id FROM incident_claims")}

    def incident_ids(self) -> set[str]:
        return {str(r[0]) for r in self.conn.execute("SELECT id FROM incidents")}

    def incident_members(self, incident_ids: Collection[str]) -> dict[str, list[str]]:
        ids = tuple(sorted(incident_ids))
        if not ids:
            return {}
        where, param = self._any_of("incident_id", ids)
        out: dict[str, list[str]] = {}
        sql = f"SELECT incident_id, claim_id FROM incident_claims WHERE {where} ORDER BY incident_id, claim_id"
        for incident, claim in self.conn.execute(sql, (param,)):
            out.setdefault(str(incident), []).append(str(claim))
        return out

    def incidents(self, flt: IncidentFilter | None = None) -> list[Incident]:
        return self.incidents_page(flt or IncidentFilter())[1]

    def incidents_page(self, flt: IncidentFilter, search: str | None = None, sort: str = "date") -> tuple[int, list[Incident]]:
        """The total matching the filter, and one page of them (``flt.limit``/``offset``), sorted in SQL."""
        where, params = _incident_where(flt, search)
        total = int(self.conn.execute(f"SELECT count(*) FROM incidents {where}", params).fetchone()[0])
        order = SORT_SQL.get(sort, SORT_SQL["date"])
        sql = f"SELECT data FROM incidents {where} ORDER BY {order}"
        if flt.limit is not None:  # sort the narrow rows, then read the page's JSON (half the time at 100,000)
            key = self.ROW_KEY
            sql = f"SELECT data FROM incidents WHERE {key} IN (SELECT {key} FROM incidents {where} ORDER BY {order} LIMIT ? OFFSET ?) ORDER BY {order}"
            params = [*params, flt.limit, flt.offset]
        return total, [incident_from_json(json.loads(r[0])) for r in self.conn.execute(sql, params)]

    def incidents_by_month(self, flt: IncidentFilter, search: str | None = None) -> list[MonthTotal]:
        where, params = _incident_where(flt, search)
        sql = (
            "SELECT substr(date_start, 1, 7) AS month, count(*), sum(coalesce(killed_low, 0)),"
            " sum(coalesce(killed_best, killed_low, 0)), sum(coalesce(killed_high, killed_best, killed_low, 0))"
            f" FROM incidents {where} AND date_start IS NOT NULL AND date_precision IN ('day', 'week', 'month')"
            " GROUP BY month ORDER BY month"
        )
        return [MonthTotal(str(m), int(n), int(lo), int(best), int(hi)) for m, n, lo, best, hi in self.conn.execute(sql, params)]

    def get_incident(self, incident_id: str) -> Incident | None:
        row = self.conn.execute("SELECT data FROM incidents WHERE id = ?", (incident_id,)).fetchone()
        return None if row is None else incident_from_json(json.loads(row[0]))

    def get_incidents(self, incident_ids: Collection[str]) -> list[Incident]:
        ids = tuple(sorted(incident_ids))
        if not ids:
            return []
        where, param = self._any_of("id", ids)
        rows = self.conn.execute(f"SELECT data FROM incidents WHERE {where} ORDER BY id", (param,))
        return [incident_from_json(json.loads(r[0])) for r in rows]

    def save_scored_pairs(self, inputs_sha256: str, data: bytes) -> None:
        self.conn.execute("DELETE FROM scored_pairs")
        self.conn.execute("INSERT INTO scored_pairs (inputs_sha256, data) VALUES (?, ?)", (inputs_sha256, data))

    def scored_pairs(self, inputs_sha256: str) -> bytes | None:
        row = self.conn.execute("SELECT data FROM scored_pairs WHERE inputs_sha256 = ?", (inputs_sha256,)).fetchone()
        return None if row is None else bytes(row[0])

    def forget_scored_pairs(self) -> None:
        self.conn.execute("DELETE FROM scored_pairs")

    def save_claim_pairs(self, pairs: Sequence[ScoredPair]) -> None:
        self.conn.execute("DELETE FROM claim_pairs")
        self.conn.execute("DELETE FROM pair_levels")
        # every pair written anew: the indexes are made once, after, rather than kept in order through each insert
        # (680,000 pairs written in random order: 6.3 s without the index of the strongest first, 11.9 s with it, 1 s
        # to make it)
        for name in PAIR_INDEXES:
            self.conn.execute(f"DROP INDEX IF EXISTS {name}")
        self._insert_claim_pairs(pairs, {})
        for name, on in PAIR_INDEXES.items():
            self.conn.execute(f"CREATE INDEX {name} ON {on}")

    def update_claim_pairs(self, claim_ids: Collection[str], pairs: Sequence[ScoredPair]) -> None:
        if claim_ids:
            either, params = self._either_claim(claim_ids)
            self.conn.execute(f"DELETE FROM claim_pairs WHERE {either}", params)
        self._insert_claim_pairs(pairs, {e: i for i, e in self._pair_levels().items()})

    def _insert_claim_pairs(self, pairs: Sequence[ScoredPair], known: dict[LevelEvidence, int]) -> None:
        """Insert the pairs, each as its claims in order, its probability and the ids of its evidence in
        ``pair_levels``: those ``known`` there, and new rows for the rest. A pair given twice is written as given
        last. The rows are made as they are written, never all at once (15 million pairs at a million claims)."""
        levels, each = scored.indexed(pairs)
        ids = [known.get(e) for e in levels]
        fresh = [(n, e) for n, (e, i) in enumerate(zip(levels, ids, strict=True)) if i is None]
        start = max(known.values(), default=-1) + 1
        for k, (n, _e) in enumerate(fresh):
            ids[n] = start + k
        self.conn.executemany(
            "INSERT INTO pair_levels (id, comparison, level, weight) VALUES (?, ?, ?, ?)",
            [(start + k, e.comparison, e.level, e.weight) for k, (_n, e) in enumerate(fresh)],
        )
        texts: dict[int, str] = {}  # the text of each list of indexes, by its id: ``indexed`` shares one among pairs

        def text(ev: list[int]) -> str:
            found = texts.get(id(ev))
            if found is None:
                found = texts[id(ev)] = ",".join(str(ids[i]) for i in ev)
            return found

        rows = ((*sorted((p.left, p.right)), p.probability, text(ev)) for p, ev in zip(pairs, each, strict=True))
        self.conn.executemany(
            "INSERT OR REPLACE INTO claim_pairs (claim_a, claim_b, probability, levels) VALUES (?, ?, ?, ?)", rows
        )

    def save_pair_model(self, data: bytes) -> None:
        self.conn.execute("DELETE FROM pair_model")
        self.conn.execute("INSERT INTO pair_model (data) VALUES (?)", (data,))

    def pair_model(self) -> bytes | None:
        row = self.conn.execute("SELECT data FROM pair_model").fetchone()
        return None if row is None else bytes(row[0])

    def save_link_records(self, records: Sequence[LinkRecord], digests: Mapping[str, str]) -> None:
        self.conn.execute("DELETE FROM link_records")
        self._insert_link_records(records, digests)

    def update_link_records(self, removed: Collection[str], records: Sequence[LinkRecord], digests: Mapping[str, str]) -> None:
        ids = tuple(sorted({*removed, *(r.unique_id for r in records)}))
        if ids:
            where, param = self._any_of("claim_id", ids)
            self.conn.execute(f"DELETE FROM link_records WHERE {where}", (param,))
        self._insert_link_records(records, digests)

    def _insert_link_records(self, records: Sequence[LinkRecord], digests: Mapping[str, str]) -> None:
        self.conn.executemany(
            "INSERT INTO link_records (claim_id, document_id, digest, record) VALUES (?, ?, ?, ?)",
            [(r.unique_id, r.document_id, digests[r.unique_id], _record_text(r)) for r in records],
        )

    def link_records(self) -> dict[str, tuple[LinkRecord, str]]:
        cursor = self.conn.execute("SELECT claim_id, digest, record FROM link_records ORDER BY claim_id")
        out: dict[str, tuple[LinkRecord, str]] = {}
        with paused_gc():
            # the records' JSON read as one list a batch at a time, as a call of json.loads a record costs more than
            # its parsing (a million records made from their JSON: 4.8 s this way, 5.9 s a record at a time; with the
            # rows read, 209,118 records 2.1–2.3 s, against 2.8–3.0 s a record at a time through ``__init__``)
            while rows := cursor.fetchmany(RECORDS_BATCH):
                values = json.loads("[" + ",".join(str(r) for _c, _d, r in rows) + "]")
                out.update((str(c), (from_row(v), str(d))) for (c, d, _r), v in zip(rows, values, strict=True))
        return out

    def link_digests(self) -> dict[str, tuple[str, str]]:
        # in the table's own order: sorted by the id index, a million rows are read out of order: 5.0 s, not 2.1 s
        rows = self.conn.execute("SELECT claim_id, document_id, digest FROM link_records")
        return {str(c): (str(d), str(g)) for c, d, g in rows}

    def claim_pairs(self, claim_ids: Collection[str], at_least: float = 0.0) -> list[ScoredPair]:
        if not claim_ids:
            return []
        which, params = self._either_claim(claim_ids)
        sql = (
            f"SELECT claim_a, claim_b, probability, levels FROM claim_pairs WHERE {which} AND probability >= ?"
            " ORDER BY claim_a, claim_b"
        )
        rows = self.conn.execute(sql, (*params, at_least)).fetchall()
        if not rows:
            return []
        evidence = _evidence(self._pair_levels())
        return [ScoredPair(str(a), str(b), float(p), evidence(ev)) for a, b, p, ev in rows]

    def claim_neighbours(self, claim_ids: Collection[str]) -> dict[str, set[str]]:
        ids = tuple(sorted(claim_ids))
        if not ids:
            return {}
        # claim_a's index is searched for each claim and claim_b checked against the list (searching the pair index for
        # every two claims, SQLite's choice otherwise, took a minute for 12,401 claims); the index holds both claims, so
        # no pair's row is read, and each claim's others come as one list
        (left, left_ids), (right, right_ids) = self._any_of("claim_a", ids), self._any_of(self._unindexed("claim_b"), ids)
        sql = f"SELECT claim_a, {self._gathered('claim_b')} FROM claim_pairs WHERE {left} AND {right} GROUP BY claim_a"
        one = {c: c for c in ids}.__getitem__  # each claim's id one string, however many claims it is alike
        out: dict[str, set[str]] = {}
        back: defaultdict[str, list[str]] = defaultdict(list)  # each pair is kept once: b → its a's
        for row, others in self.conn.execute(sql, (left_ids, right_ids)):
            a, theirs = one(row), list(map(one, json.loads(others)))
            out[a] = set(theirs)
            for b in theirs:
                back[b].append(a)
        for b, theirs in back.items():
            if b in out:
                out[b].update(theirs)
            else:
                out[b] = set(theirs)
        return out

    def pairs_across_incidents(self, low: float, high: float) -> Iterator[tuple[str, str, ScoredPair]]:
        sql = (
            "SELECT ia.incident_id, ib.incident_id, p.claim_a, p.claim_b, p.probability, p.levels FROM claim_pairs p"
            " JOIN incident_claims ia ON ia.claim_id = p.claim_a JOIN incident_claims ib ON ib.claim_id = p.claim_b"
            " WHERE ia.incident_id <> ib.incident_id AND p.probability >= ? AND p.probability <= ?"
            " ORDER BY p.probability DESC, p.claim_a, p.claim_b LIMIT ? OFFSET ?"
        )
        evidence = _evidence(self._pair_levels())
        # a page at a time, each read in the order of the index ``claim_pairs_probability``: with a LIMIT both planners
        # take it, and a reader that stops early reads no further (PostgreSQL's driver fetches a whole result)
        page, offset = PAIRS_PAGE, 0
        while True:
            rows = self.conn.execute(sql, (low, high, page, offset)).fetchall()
            for a, b, x, y, prob, ev in rows:
                yield str(a), str(b), ScoredPair(str(x), str(y), float(prob), evidence(ev))
            if len(rows) < page:
                return
            offset += page

    def _either_claim(self, claim_ids: Collection[str]) -> tuple[str, tuple[object, object]]:
        """The condition that a row's ``claim_a`` or ``claim_b`` is one of these claims, and its parameters."""
        ids = tuple(sorted(claim_ids))
        (left, left_ids), (right, right_ids) = self._any_of("claim_a", ids), self._any_of("claim_b", ids)
        return f"({left} OR {right})", (left_ids, right_ids)

    def _pair_levels(self) -> dict[int, LevelEvidence]:
        rows = self.conn.execute("SELECT id, comparison, level, weight FROM pair_levels")
        return {int(i): LevelEvidence(str(c), str(lv), float(w)) for i, c, lv, w in rows}

    def incidents_of_claims(self, claim_ids: Collection[str]) -> dict[str, str]:
        ids = tuple(sorted(claim_ids))
        if not ids:
            return {}
        where, param = self._any_of("claim_id", ids)
        return {
            str(c): str(i)
            for c, i in self.conn.execute(f"SELECT claim_id, incident_id FROM incident_claims WHERE {where}", (param,))
        }

    def add_decision(self, kind: str, claim_a: str, claim_b: str, actor: str, reason: str) -> None:
        self.conn.execute(
            "INSERT INTO link_decisions (kind, claim_a, claim_b, actor, reason, ts) VALUES (?, ?, ?, ?, ?, ?)",
            (kind, claim_a, claim_b, actor, reason, self.clock()),
        )

    def decisions(self, claim_ids: Collection[str] | None = None) -> list[LinkDecision]:
        sql = "SELECT id, kind, claim_a, claim_b, actor, reason, ts FROM link_decisions"
        params: tuple[object, ...] = ()
        if claim_ids is not None:
            either, params = self._either_claim(claim_ids)
            sql = f"{sql} WHERE {either}"
        rows = self.conn.execute(f"{sql} ORDER BY id", params)
        return [LinkDecision(int(i), str(k), str(a), str(b), str(who), str(why), str(ts)) for i, k, a, b, who, why, ts in rows]

    def add_correction(self, anchor: str, field: str, value: str, reason: str, actor: str, ts: str) -> None:
        self.conn.execute(
            "INSERT INTO corrections (anchor, field, value, reason, actor, ts) VALUES (?, ?, ?, ?, ?, ?)",
            (anchor, field, value, reason, actor, ts),
        )

    def corrections(self, documents: Collection[str] | None = None) -> list[tuple[str, str, str, str, str, str]]:
        sql = "SELECT anchor, field, value, reason, actor, ts FROM corrections"
        params: tuple[object, ...] = ()
        if documents is not None:  # an anchor is "document@offset": without the offset's digits, "document@"
            where, param = self._any_of("rtrim(anchor, '0123456789')", tuple(sorted({f"{d}@" for d in documents})))
            sql, params = f"{sql} WHERE {where}", (param,)
        rows = self.conn.execute(f"{sql} ORDER BY id", params)
        return [(str(a), str(f), str(v), str(r), str(who), str(ts)) for a, f, v, r, who, ts in rows]

    def add_incident_review(self, key: str, content_key: str, note: str, actor: str, ts: str) -> None:
        self.conn.execute(
            "INSERT INTO incident_reviews (claims_key, content_key, note, actor, ts) VALUES (?, ?, ?, ?, ?)",
            (key, content_key or None, note, actor, ts),
        )

    def incident_reviews(self, key: str, content_key: str = "") -> list[tuple[str, str, str]]:
        sql = "SELECT note, actor, ts FROM incident_reviews WHERE claims_key = ? OR content_key = ? ORDER BY id"
        return [(str(n), str(a), str(t)) for n, a, t in self.conn.execute(sql, (key, content_key or None))]

    def add_reference_rows(self, rows: list[ReferenceRow]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO reference_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (r.dataset, r.ref_id, r.date_lo, r.date_hi, r.country, r.admin1, r.place, r.lat, r.lon, r.event_type, r.killed_best,
                 canonical_json(r.to_json()))
                for r in rows
            ],
        )  # fmt: skip

    def reference_rows(self, dataset: str | None = None) -> list[ReferenceRow]:
        sql = "SELECT data FROM reference_rows" + (" WHERE dataset = ?" if dataset else "")
        return [ReferenceRow(**json.loads(r[0])) for r in self.conn.execute(sql, (dataset,) if dataset else ())]

    def reference_coverage(self) -> dict[str, Coverage]:
        spans = self.conn.execute("SELECT dataset, min(date_lo), max(date_hi) FROM reference_rows GROUP BY dataset").fetchall()
        return {
            str(ds): Coverage(str(lo), str(hi), self._distinct("country", str(ds)), self._distinct("event_type", str(ds)))
            for ds, lo, hi in spans
        }

    def _distinct(self, column: str, dataset: str) -> tuple[str, ...]:
        """A reference dataset's distinct values of a column of ``reference_rows``, sorted."""
        sql = f"SELECT DISTINCT {column} FROM reference_rows WHERE dataset = ? AND {column} IS NOT NULL ORDER BY 1"
        return tuple(str(r[0]) for r in self.conn.execute(sql, (dataset,)))


SORT_SQL = {
    "date": "date_start IS NULL, date_start, id",
    "killed": "killed_best IS NULL, killed_best DESC, id",
    "sources": "independent_sources DESC, date_start, id",
    # the review queue: most flags first, then the deadliest
    "review": "length(flags) - length(replace(flags, ',', '')) + CASE WHEN flags = '' THEN 0 ELSE 1 END DESC,"
    " killed_best IS NULL, killed_best DESC, id",
}


def _incident_where(flt: IncidentFilter, search: str | None) -> tuple[str, list[Any]]:
    clauses, params = ["1 = 1"], []
    for clause, value in (
        ("date_end >= ?", flt.since), ("date_start <= ?", flt.until), ("country = ?", flt.country),
        ("admin1 = ? COLLATE NOCASE", flt.admin1), ("event_type = ?", flt.event_type),
        ("instr(lower(perpetrators), lower(?)) > 0", flt.actor), ("instr(lower(victims), lower(?)) > 0", flt.victim),
        ("(',' || flags || ',') LIKE ?", f"%,{flt.flag},%" if flt.flag else None),
        ("independent_sources >= ?", flt.min_sources), ("instr(lower(data), lower(?)) > 0", search),
    ):  # fmt: skip
        if value is not None:
            clauses.append(clause)
            params.append(value)
    if flt.flagged:
        clauses.append(REVIEW_QUEUE)
    return "WHERE " + " AND ".join(clauses), params


# flagged, and reviewed neither as this set of claims nor as claims that stated the same (re-extracted, the same values)
REVIEW_QUEUE = (
    "flags != '' AND (claims_key IS NULL OR claims_key NOT IN (SELECT claims_key FROM incident_reviews))"
    " AND (content_key IS NULL OR content_key NOT IN (SELECT content_key FROM incident_reviews WHERE content_key IS NOT NULL))"
)


def _record_text(record: LinkRecord) -> str:
    """A link record as kept: its fields' values in order, a JSON array (half the size of an object, and read faster)."""
    return json.dumps(list(record.row().values()), separators=(",", ":"))


def _evidence(known: dict[int, LevelEvidence]) -> Callable[[Any], tuple[LevelEvidence, ...]]:
    """A ``claim_pairs`` row's evidence from its ``levels``, indexes into ``known`` (``pair_levels``); read once for
    each set of levels, which many pairs share."""
    seen: dict[str, tuple[LevelEvidence, ...]] = {}

    def evidence(levels: Any) -> tuple[LevelEvidence, ...]:
        text = str(levels)
        found = seen.get(text)
        if found is None:
            found = seen[text] = tuple(known[int(i)] for i in text.split(",") if i)
        return found

    return evidence


def _incident_row(inc: Incident, text: str, run_id: str) -> list[Any]:
    """The incident's row; ``text``: its canonical JSON."""
    loc = inc.location
    k = inc.counts.get("killed")
    i = inc.counts.get("injured")
    return [
        inc.id, inc.event_type, inc.date_start, inc.date_end, inc.date_precision,
        loc.name if loc else None, loc.admin1 if loc else None, loc.country if loc else None,
        loc.lat if loc else None, loc.lon if loc else None,
        k.low if k else None, k.best if k else None, k.high if k else None,
        i.low if i else None, i.best if i else None, i.high if i else None,
        inc.independent_sources, ", ".join(inc.perpetrators), ", ".join(inc.victims + inc.people), ",".join(inc.flags),
        inc.corroboration, text, run_id, inc.claims_key, inc.content_key or None, sha256_hex(text),
    ]  # fmt: skip
