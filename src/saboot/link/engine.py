"""The linkage-engine seam. ``LinkEngine`` holds the engine-neutral steps
(final template methods); each engine only runs Splink on its backend.
DuckDB is the embedded default; Spark is an extra that imports lazily and
says what to install."""

from __future__ import annotations

import hashlib
import heapq
import logging
import math
import tempfile
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, final

from saboot.alloc import paused_gc
from saboot.errors import ConfigError
from saboot.link import blocking, spec
from saboot.link.model import LevelEvidence
from saboot.link.records import LinkRecord
from saboot.spark import spark_session

SCHEMA_FIELDS: list[tuple[str, str]] = [
    ("unique_id", "string"), ("document_id", "string"), ("source_key", "string"), ("date_lo", "string"),
    ("date_hi", "string"), ("ym", "string"), ("year", "string"), ("lat", "float64"), ("lon", "float64"),
    ("tol_km", "float64"), ("country", "string"), ("admin1", "string"), ("place_key", "string"), ("undated_place", "string"),
    ("undated_admin1", "string"), ("district", "string"), ("undated_district", "string"), ("reported_by", "string"),
    ("placeless_day", "string"), ("event_type", "string"), ("event_group", "string"), ("killed_lo", "int64"),
    ("killed_hi", "int64"), ("killed_best", "int64"),
    ("injured_lo", "int64"), ("injured_hi", "int64"), ("injured_best", "int64"),
    ("perpetrators", "list<string>"), ("perpetrators_within", "list<string>"), ("victims", "list<string>"), ("terms", "list<int64>"), ("terms_weight", "int64"),
    ("day_after", "string"), ("ym_mid", "string"), ("report_span", "int64"), ("report_span_before", "int64"),
    ("placeless_span", "int64"), ("adrift_span", "int64"), ("adrift_span_before", "int64"), ("day_span", "int64"),
    ("ym_end", "string"), ("placeless_ym", "string"), ("placeless_ym_end", "string"), *((f"cell_{k}", "string") for k in range(spec.CELL_SHIFTS)),
    *((f"undated_cell_{k}", "string") for k in range(spec.CELL_SHIFTS)), ("named_victims", "list<string>"), ("taken_lo", "int64"), ("taken_hi", "int64"),
    ("taken_best", "int64"), ("quarter_of", "string"), ("follows", "string"), ("named_district", "string"),
    ("undated_rare", "list<int64>"), ("changed", "int64"),
]  # fmt: skip


@dataclass(frozen=True, slots=True)  # slots: 96 bytes a pair rather than 136, and a million claims make 15 million
class ScoredPair:
    left: str
    right: str
    probability: float
    evidence: tuple[LevelEvidence, ...] = ()  # each comparison's level and match weight, and the prior's


@dataclass(frozen=True)
class PairModel:
    """How ``LinkEngine.dedupe_measured`` weighed a store's claims: Splink's settings in the engine's SQL with the u
    and prior it measured, each word's weight (None: each weighs 1), the areas whose undated claims it compared
    across (``blocking.undated_areas``) and the number of claims it measured all this on. ``LinkEngine.rescore`` scores
    claims that change later with it, as that scoring would have scored them."""

    engine: str
    settings: dict[str, Any]
    weights: dict[str, int] | None
    areas: blocking.Areas
    claims: int

    def unseen_weight(self) -> int:
        """The weight of a word none of the measured claims used: that of a word one of them used."""
        return 1 if self.weights is None else rarity_weight(self.claims, 1)

    def to_json(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "settings": self.settings,
            "weights": self.weights,
            "areas": self.areas,
            "claims": self.claims,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PairModel:
        provinces, districts = data["areas"]
        weights = data["weights"]
        return cls(
            str(data["engine"]), dict(data["settings"]), None if weights is None else {str(k): int(v) for k, v in weights.items()},
            (tuple(map(str, provinces)), tuple(map(str, districts))), int(data["claims"]),
        )  # fmt: skip


class LinkEngine(ABC):
    name: str
    dialect: str

    @final
    def dedupe(self, records: list[LinkRecord], threshold: float) -> list[ScoredPair]:
        """Pairs of claims (from different documents) that may be one incident (``dedupe_measured``)."""
        return self.dedupe_measured(records, threshold)[0]

    @final
    def dedupe_measured(self, records: list[LinkRecord], threshold: float) -> tuple[list[ScoredPair], PairModel]:
        """Pairs of claims (from different documents) that may be one incident, and how they were weighed.

        From ``spec.ESTIMATE_U_FROM`` claims on, the u probabilities (how often
        unrelated claims agree by chance) are measured on random pairs of the
        store's own claims, so that coincidences are weighed as often as they
        really occur there."""
        areas = blocking.undated_areas(records)
        records = blocking.undated_reach(records, areas)
        settings = spec.settings(
            "dedupe_only", prior=spec.prior_for(len(records)), size=len(records), shares=spec.store_shares(records)
        )
        weights = term_weights(records)
        if len(records) < 2:
            return [], PairModel(self.name, spec.for_dialect(settings, self.dialect), weights, areas, len(records))
        pairs, used = self._predict(
            [records], settings, threshold, estimate_u=len(records) >= spec.ESTIMATE_U_FROM, weights=weights
        )
        return _kept(pairs), PairModel(self.name, used, weights, areas, len(records))

    @final
    def rescore(self, records: list[LinkRecord], threshold: float, model: PairModel, only: Collection[str]) -> list[ScoredPair]:
        """The pairs of these claims with one of the claims ``only`` on either side, each scored as scoring all of them
        with ``model`` would score it: the same blocking, u, prior and word weights (a word the model never saw weighs
        as a word one claim used), and the same place rarities, counted on all of them. A new report is then scored
        in seconds against a store that took minutes to measure."""
        if model.engine != self.name:
            raise ConfigError(
                f"these claims were weighed by {model.engine}, not {self.name}", where="--engine",
                hint="link with the engine that weighed them, or re-link the whole store (`saboot link --full`)",
            )  # fmt: skip
        if not only or len(records) < 2:
            return []
        records = blocking.undated_reach(records, model.areas)
        changed = frozenset(only)
        rules = [b["blocking_rule"] for b in model.settings["blocking_rules_to_generate_predictions"]]
        near = blocking.meeting(records, changed, rules, self.dialect)
        settings = spec.touching_changed(model.settings)
        return _kept(self._predict(
            [near], settings, threshold, weights=model.weights, changed=changed, unseen=model.unseen_weight(),
            counted=records,
        )[0])  # fmt: skip

    @final
    def link(
        self, left: list[LinkRecord], right: list[LinkRecord], threshold: float, prior: float = spec.REFERENCE_PRIOR
    ) -> list[ScoredPair]:
        """Pairs across two tables (incidents and a reference dataset); ``prior``: see ``spec.REFERENCE_PRIOR``."""
        if not left or not right:
            return []
        return self._predict([left, right], spec.settings("link_only", prior=prior), threshold)[0]

    @final
    def _predict(
        self,
        tables: list[list[LinkRecord]],
        settings: dict[str, Any],
        threshold: float,
        estimate_u: bool = False,
        weights: dict[str, int] | None = None,
        changed: frozenset[str] = frozenset(),
        unseen: int = 1,
        counted: list[LinkRecord] | None = None,
    ) -> tuple[list[ScoredPair], dict[str, Any]]:
        """The pairs scored ``threshold`` or more, and the settings they were scored with (measured ones with
        ``estimate_u``), as Splink saves a model; ``changed``: the claims whose rows say so (``spec.touching_changed``),
        ``unseen``: the weight of a word not in ``weights``, ``counted``: the claims how many share a place is counted
        on, when ``tables[0]`` holds only some of them."""
        from splink import Linker

        sample = u_sample(tables[0]) if estimate_u else tables[0]
        # the claims the u are measured on, when they are fewer than the store's, are registered with the store's in one
        # API: Splink names each API's tables alike, and Spark's names are the session's
        apart = [sample] if len(sample) < len(tables[0]) else []
        with paused_gc():
            columns = [_table(t, weights or {}, unseen, changed) for t in [*tables, *apart]]
        frames = self._register(columns)
        del columns
        settings = spec.for_dialect(settings, self.dialect)
        linker = Linker(frames[: len(tables)] if len(tables) > 1 else frames[0], settings, log_level=logging.ERROR)
        levels = _level_labels(settings["comparisons"], counted or tables[0]) if settings["retain_matching_columns"] else None
        if counted is not None:
            _register_rarities(
                linker, frames[0], levels if levels is not None else _level_labels(settings["comparisons"], counted)
            )
        if estimate_u:
            sample_frame = frames[len(tables)] if apart else None
            linker = self._measured(linker, frames[0], settings, tables[0], sample_frame, len(sample))
        pred = linker.inference.predict(threshold_match_probability=threshold)
        pairs = _scored_pairs(pred, levels, self._batches)
        used = linker.misc.save_model_to_json()
        used.pop("linker_uid", None)  # names this linker's tables: a linker made from these settings gets its own
        self._release(frames)
        return pairs, used

    @final
    def _measured(
        self, linker: Any, frame: Any, settings: dict[str, Any], records: list[LinkRecord], sample_frame: Any | None, sampled: int
    ) -> Any:
        """A linker whose u and prior were measured on these claims (``spec.with_measured_u``).

        The u are counted on every pair of the ``sampled`` claims of ``u_sample`` (``sample_frame``; None when that is
        every claim), which saboot chooses rather than the engine: Splink samples by the engine's own SQL hash
        function, so DuckDB and Spark measured different pairs and joined slightly different incidents from the same
        claims (and a new version of an engine could have too)."""
        from splink import Linker

        sampler = linker if sample_frame is None else Linker(sample_frame, settings, log_level=logging.ERROR)
        # every pair of the sample is counted (no early stop), so that both engines count the same pairs, in one pass
        # per comparison (no probe, which would be counted and then thrown away); max_pairs is above the sample's own
        # pairs, so that Splink takes every claim it is given rather than a share of them
        sampler.training.estimate_u_using_random_sampling(
            max_pairs=2 * spec.U_SAMPLE_PAIRS, min_count_per_level=None, num_chunks=1
        )
        trained = sampler.misc.save_model_to_json()
        if _has_sure_matches(records):  # otherwise there is nothing to measure and the assumed prior stands
            # counted on the whole store: the pairs that agree on place, day and type
            linker.training.estimate_probability_two_random_records_match(spec.SURE_MATCH_RULES, recall=spec.SURE_MATCH_RECALL)
            prior = "probability_two_random_records_match"
            trained[prior] = linker.misc.save_model_to_json()[prior]
        return Linker(frame, spec.with_measured_u(trained, settings, sampled * (sampled - 1) / 2), log_level=logging.ERROR)

    def _batches(self, pred: Any, columns: list[str]) -> Iterable[Any]:
        """The predicted pairs' ``columns``, as Arrow record batches of ``BATCH`` rows."""
        return pred.query_sql(f"SELECT {', '.join(columns)} FROM {{this}}").as_pyarrow_table().to_batches(max_chunksize=BATCH)  # type: ignore[no-any-return]

    def _release(self, frames: list[Any]) -> None:
        """Drop the tables Splink made from these registered ones, its predictions among them: a session that outlives
        the call (Spark's) would keep them."""
        frames[0].db_api.delete_tables_created_by_splink_from_db()

    @abstractmethod
    def _register(self, tables: list[Any]) -> list[Any]:
        """The tables (Arrow tables of ``SCHEMA_FIELDS``, ``_table``) as Splink dataframes on this engine's backend."""


@dataclass(frozen=True)
class _Levels:
    """A comparison as its pairs' evidence names it: its levels' labels in Splink's numbering (the last is 0), its
    missing level's label and, for a level weighed by how common the pair's value is, that value's column and how
    many of the claims hold each value."""

    name: str
    labels: list[str]
    missing: str
    rarity_column: str | None = None
    holding: Counter[object] | None = None
    claims: int = 0

    def label(self, gamma: int | None, row: dict[str, Any]) -> str:
        if gamma is None or gamma < 0:
            return self.missing
        label = self.labels[len(self.labels) - 1 - gamma]
        if self.rarity_column is None or self.holding is None or not row.get(f"mw_tf_adj_{self.name}"):
            return label
        held = self.holding[row.get(f"{self.rarity_column}_l")]
        return f"{label}, which {held:,} of the {self.claims:,} claims name"


def _kept(pairs: list[ScoredPair]) -> list[ScoredPair]:
    """The pairs but those placed far apart that score below ``spec.FAR_APART_KEPT``."""
    return [p for p in pairs if p.probability >= spec.FAR_APART_KEPT or not _far_apart(p)]


def _far_apart(pair: ScoredPair) -> bool:
    return any(e.comparison == "place" and e.level == spec.FAR_APART for e in pair.evidence)


def _register_rarities(linker: Any, frame: Any, levels: list[_Levels]) -> None:
    """Splink's frequency table of each rarity column, from the claims the ``levels`` counted (``_level_labels``)
    rather than from the rows it was given, as Splink counts it: the share of the column's values that are this one."""
    registered: set[str] = set()
    for lv in levels:
        if lv.rarity_column is None or lv.holding is None or lv.rarity_column in registered:
            continue
        registered.add(lv.rarity_column)
        holding = {v: n for v, n in lv.holding.items() if v is not None}
        total = sum(holding.values())
        if not total:
            continue  # the rows given hold none of them either: Splink's own count is the same
        table = {lv.rarity_column: list(holding), f"tf_{lv.rarity_column}": [n / total for n in holding.values()]}
        linker.table_management.register_term_frequency_lookup(frame.db_api.register(table), lv.rarity_column)


def _level_labels(comparisons: list[dict[str, Any]], records: list[LinkRecord]) -> list[_Levels]:
    """Each comparison's ``_Levels``, read once per prediction rather than once per pair."""
    out = []
    for c in comparisons:
        labels = [lv["label_for_charts"] for lv in c["comparison_levels"] if not lv.get("is_null_level")]
        missing = next((lv["label_for_charts"] for lv in c["comparison_levels"] if lv.get("is_null_level")), "missing")
        column = next((lv["tf_adjustment_column"] for lv in c["comparison_levels"] if "tf_adjustment_column" in lv), None)
        holding = Counter(getattr(r, column) for r in records) if column is not None else None
        out.append(_Levels(c["output_column_name"], labels, missing, column, holding, len(records)))
    return out


_IDS = ("unique_id_l", "unique_id_r", "match_probability")
BATCH = 50_000  # predicted pairs read at a time


def _scored_pairs(
    pred: Any, levels: list[_Levels] | None, batches: Callable[[Any, list[str]], Iterable[Any]]
) -> list[ScoredPair]:
    """The predicted pairs, read from only the columns their evidence needs (Splink's prediction keeps every compared
    value of both claims: at 680,000 pairs, 6 GB of rows as Python dicts) a batch at a time (``batches``), with one
    evidence tuple for all the pairs whose levels and weights are the same."""
    first = pred.as_record_list(limit=1)
    if not first:
        return []
    wanted = [*_IDS, "match_weight"]
    for c in levels or []:
        wanted += [f"gamma_{c.name}", f"mw_{c.name}", f"mw_tf_adj_{c.name}"]
        wanted += [f"{c.rarity_column}_l"] if c.rarity_column else []
    columns = [name for name in dict.fromkeys(wanted) if name in first[0]]
    shared: dict[tuple[object, ...], tuple[LevelEvidence, ...]] = {}
    ids: dict[str, str] = {}  # one string for each claim's id, not one for each row it is in
    pairs = []
    with paused_gc():
        for batch in batches(pred, columns):
            for r in batch.to_pylist():  # a batch of rows as Python dicts at a time
                evidence: tuple[LevelEvidence, ...] = ()
                if levels is not None:
                    key = tuple(r[name] for name in columns[len(_IDS) :])
                    evidence = shared.get(key) or shared.setdefault(key, _evidence(r, levels))
                left, right = (
                    ids.setdefault(r["unique_id_l"], r["unique_id_l"]),
                    ids.setdefault(r["unique_id_r"], r["unique_id_r"]),
                )
                pairs.append(ScoredPair(left, right, float(r["match_probability"]), evidence))
    return pairs


def _evidence(row: dict[str, Any], levels: list[_Levels]) -> tuple[LevelEvidence, ...]:
    """A predicted pair's level and match weight for each comparison (Splink numbers a comparison's levels from the
    last, 0, up to the first; -1 is the missing level), then the prior's weight: what the match weight adds up from.
    A level weighed by how common the pair's value is (``spec.PLACE_BY_RARITY``) has that adjustment in its weight and
    says how many claims hold the value."""
    out, weights = [], []
    for c in levels:
        gamma = row.get(f"gamma_{c.name}")
        weights.append(float(row.get(f"mw_{c.name}") or 0.0) + float(row.get(f"mw_tf_adj_{c.name}") or 0.0))
        out.append(LevelEvidence(c.name, c.label(None if gamma is None else int(gamma), row), round(weights[-1], 4)))
    prior = float(row["match_weight"]) - sum(weights)
    return (*out, LevelEvidence("prior", "two claims picked at random", round(prior, 4)))


def _has_sure_matches(records: list[LinkRecord]) -> bool:
    """Whether two claims of different documents agree on every key of ``spec.SURE_MATCH_KEYS`` (place, day, type)."""
    seen: dict[tuple[object, ...], str] = {}
    for r in records:
        key = tuple(getattr(r, k) for k in spec.SURE_MATCH_KEYS)
        if None in key:
            continue
        if seen.setdefault(key, r.document_id) != r.document_id:
            return True
    return False


def u_sample(records: list[LinkRecord]) -> list[LinkRecord]:
    """The claims whose pairs the u are measured on: all of them while they make at most ``spec.U_SAMPLE_PAIRS``
    pairs, otherwise as many as make that many pairs, those whose seeded hash of their id ranks first. The choice
    depends on the claims' ids alone, not on their order, the engine or its version, so the same claims always give
    the same weights."""
    size = math.floor(0.5 * (math.sqrt(8 * spec.U_SAMPLE_PAIRS + 1) + 1))  # k claims make k(k-1)/2 pairs
    if len(records) <= size:
        return records
    return heapq.nsmallest(size, records, key=lambda r: hashlib.blake2b(f"{spec.U_SAMPLE_SEED}:{r.unique_id}".encode()).digest())


def term_weights(records: list[LinkRecord]) -> dict[str, int] | None:
    """On a large store, each word's weight in the text comparison: its inverse document frequency, log2 of the
    number of claims over the number that use the word, rounded and at most ``2**spec.WEIGHT_BITS - 1``. Like TF-IDF,
    a rare word (a victim's name) says far more about which incident a report is about than a country's, a province's
    or a common group's name, and a word in most claims (weight 0) is left out. A small store (fewer than
    ``spec.WEIGHTED_TERMS_FROM`` claims) is too small to measure rarity on: every word weighs 1 (None)."""
    if len(records) < spec.WEIGHTED_TERMS_FROM:
        return None
    return rarity_weights([set(r.terms) for r in records])


def rarity_weights(word_sets: list[set[str]]) -> dict[str, int]:
    """Each word's weight among these sets of words: log2 of their number over the number holding the word, rounded
    and at most ``2**spec.WEIGHT_BITS - 1`` (``term_weights``, and the benchmarks that measure the text levels)."""
    df = Counter(t for words in word_sets for t in words)
    return {t: rarity_weight(len(word_sets), n) for t, n in df.items()}


def rarity_weight(claims: int, holding: int) -> int:
    """log2 of ``claims`` over the ``holding`` that use a word, rounded and at most ``2**spec.WEIGHT_BITS - 1``."""
    top: int = 2**spec.WEIGHT_BITS - 1
    return min(top, round(math.log2(claims / holding)))


ROWS_AT_ONCE = 50_000  # the records made Python rows at a time (``_table``)


def _table(records: list[LinkRecord], weights: dict[str, int], unseen: int, changed: frozenset[str]) -> Any:
    """The records as one Arrow table of the engine's rows (``_row``), made ``ROWS_AT_ONCE`` rows at a time: a
    million rows held as Python dicts at once took 2.5 GB or more, and each column the linker came to compare added to
    that (link-spec.v25's five: a million claims peaked at 8.1 GB, beyond the benchmark's target)."""
    import pyarrow as pa

    chunks = [
        _arrow([_row(r, weights, unseen, changed) for r in records[at : at + ROWS_AT_ONCE]])
        for at in range(0, len(records), ROWS_AT_ONCE)
    ]
    return pa.concat_tables(chunks) if chunks else _arrow([])


def _arrow(rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "float64": pa.float64(), "int64": pa.int64(), "list<string>": pa.list_(pa.string()),
             "list<int64>": pa.list_(pa.int64())}  # fmt: skip
    schema = pa.schema([(name, types[kind]) for name, kind in SCHEMA_FIELDS])
    return pa.Table.from_pylist(rows, schema=schema)


def _row(record: LinkRecord, weights: dict[str, int], unseen: int = 1, changed: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A record as the engine's row: words as 64-bit hashes, which the engines intersect several times faster, each
    carrying its weight in its lowest bits (``spec.WEIGHT_BITS``; ``unseen`` for a word not in ``weights``), the
    blocking keys that let reports a day apart across a month's end meet (``spec.BLOCKING``), and, when some claims
    are ``changed``, whether this is one of them (``spec.touching_changed``)."""
    low = 2**spec.WEIGHT_BITS - 1
    terms = [(_word_hash(t) & ~low) | w for t in dict.fromkeys(record.terms) if (w := weights.get(t, unseen)) > 0]
    # a claim with no date at a place or of no province, on a store whose words weigh by rarity: its rarest words
    # (``spec.BLOCKING_LARGE``, ``spec.ADRIFT_IN_SPAN``)
    undated = record.undated_place or blocking.adrift(record)
    rare = sorted(terms, key=lambda t: (-(t & low), t))[: spec.UNDATED_RARE] if undated and weights else []
    return {
        **record.row(), "terms": terms, "terms_weight": sum(t & low for t in terms), **_derived(record),
        "undated_rare": rare or None, "changed": int(record.unique_id in changed) if changed else None,
    }  # fmt: skip


def _derived(record: LinkRecord) -> dict[str, object]:
    return dict(zip(blocking.DERIVED, blocking.derived(record), strict=True))


@lru_cache(maxsize=500_000)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


class DuckDBEngine(LinkEngine):
    """Splink on an in-process DuckDB: the embedded default."""

    name = "splink-duckdb"
    dialect = "duckdb"

    def __init__(self, memory_limit: str = "6GB") -> None:
        self.memory_limit = memory_limit

    def _register(self, tables: list[Any]) -> list[Any]:
        from splink import DuckDBAPI

        db = DuckDBAPI()
        spill = Path(tempfile.gettempdir()) / "saboot-duckdb"
        db.duckdb_con.execute(f"SET temp_directory = '{spill}'")  # spill outside the working folder
        db.duckdb_con.execute(f"SET memory_limit = '{self.memory_limit}'")
        return [db.register(t, table_name=f"saboot_{i}") for i, t in enumerate(tables)]

    def _batches(self, pred: Any, columns: list[str]) -> Iterable[Any]:
        # streamed out of DuckDB: the narrowed rows of 15 million pairs (a million claims) are never all held at once
        return pred.as_duckdbpyrelation().project(", ".join(columns)).to_arrow_reader(BATCH)  # type: ignore[no-any-return]

    def _release(self, frames: list[Any]) -> None:
        # the connection's buffers (up to ``memory_limit``) are freed now, not when the collector finds the linker
        frames[0].db_api.duckdb_con.close()


class SparkEngine(LinkEngine):
    """Splink on Apache Spark (extra ``saboot[spark]``: pyspark and Java 17); the session, its master and
    memory are set in :mod:`saboot.spark`."""

    name = "splink-spark"
    dialect = "spark"

    def __init__(self, master: str | None = None, driver_memory: str | None = None) -> None:
        self.spark = spark_session("--engine spark", master, driver_memory)

    def _register(self, tables: list[Any]) -> list[Any]:
        from pyspark.sql import types as T
        from splink import SparkAPI

        kinds = {
            "string": T.StringType(),
            "float64": T.DoubleType(),
            "int64": T.LongType(),
            "list<string>": T.ArrayType(T.StringType()),
            "list<int64>": T.ArrayType(T.LongType()),
        }
        schema = T.StructType([T.StructField(name, kinds[kind]) for name, kind in SCHEMA_FIELDS])
        api = SparkAPI(spark_session=self.spark)  # type: ignore[no-untyped-call]
        # handed over as Arrow (pyspark 4): as Python rows, a million claims' had held the driver at 8.0 GB
        frames = [self.spark.createDataFrame(t, schema=schema) for t in tables]
        # Splink names the tables itself: a name of ours would outlive this call in the session and make the next
        # dedupe or reference match in the same session fail ("table already exists")
        return [api.register(f) for f in frames]


def engine_for(name: str) -> LinkEngine:
    if name == "duckdb":
        return DuckDBEngine()
    if name == "spark":
        return SparkEngine()
    raise ConfigError(f"unknown linking engine {name!r}", where="--engine", hint="use duckdb (default) or spark")
