"""Linking at scale: N synthetic claims (realistic date, place and count
distributions; a share of true duplicates reported by a second source;
report wording from the model in ``Words``) are linked with the default
engine; prints wall time, peak memory, the precision and recall of the
recovered duplicate pairs, and how many pairs of different incidents look
like duplicates by a plain measure (an estimate of how hard the data is, not a
bound: a linker that weighs words by their rarity tells some of them apart).

    .venv/bin/python benchmarks/bench_link.py [--n 1000000] [--dup 0.05] [--engine duckdb]
        [--profile measured|first] [--wording measured|first] [--places measured|first] [--counts measured|first]
        [--seed 11] [--no-words] [--undated 0.1 [--reported none|near]]

``--undated SHARE`` takes the date off that share of the claims (as a report that names no day), to measure what
comparing such claims costs: across their province, else their district, while that makes at most
``spec.UNDATED_PAIRS`` pairs (``blocking.undated_reach``), else at their place only (from ``spec.LARGE_STORE`` claims on,
with the claims there that share one of their ``spec.UNDATED_RARE`` rarest words). ``--reported near`` lets each such
claim keep the day its report came out (``REPORT_DELAYS``), which link-spec.v20 weighs. The figures that describe the generated data (lookalikes, crowding, wording) are of the dated claims.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import math
import random
import resource
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from saboot.extract.gazetteer import Place, default_gazetteer
from saboot.link import blocking, spec
from saboot.link.cluster import clusters
from saboot.link.engine import ScoredPair, engine_for, term_weights
from saboot.link.records import REPORT_SLACK_DAYS, LinkRecord, event_group
from saboot.link.references import ReferenceRow, read_reference
from saboot.link.service import ALIKE, THRESHOLD

TYPES = ["armed_attack", "bombing", "targeted_killing", "abduction", "mass_killing", "attack_on_property"]
GROUPS = ["Tehrik-i-Taliban Pakistan (TTP)", "Lashkar-e-Jhangvi", "Taliban", "Baloch Liberation Army (BLA)"]


class Words:
    """A model of report wording: each incident has ``per_incident`` distinctive words drawn from a Zipf-distributed
    vocabulary, and each report of it keeps each word with probability ``keep`` and adds ``noise`` words of its own.
    (Place names are not among them: the linker leaves a claim's own place names out of its words, since places are
    compared on their own.) Drawn from its own random stream, so that the rest of the data is the same with or
    without words."""

    def __init__(self, seed: int, vocabulary: int = 50_000, per_incident: int = 10, keep: float = 0.7, noise: int = 3):
        self.rng = random.Random(seed)
        self.vocab = [f"w{k}" for k in range(vocabulary)]
        self.cum = list(itertools.accumulate(1 / (k + 1) ** 1.1 for k in range(vocabulary)))
        self.per_incident, self.keep, self.noise = per_incident, keep, noise

    def incident(self) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=self.per_incident)

    def report(self, incident: list[str]) -> list[str]:
        kept = [w for w in incident if self.rng.random() < self.keep]
        return sorted({*kept, *self.rng.choices(self.vocab, cum_weights=self.cum, k=self.noise)})


# How reports are worded: (words an incident has, the chance a report keeps each, words of a report's own). ``first``,
# the generator's first guess, put 0.80 of the pairs of reports of one incident in the weighted text level "similar
# wording". ``measured`` puts them in spec.TEXT_WEIGHTED's levels as often as ECB+'s reports of one event fall there
# (``spec.WEIGHTED_TEXT_M``, measured by ``benchmarks/bench_text_m.py``: 0.28 similar, 0.52 some distinctive words
# shared, 0.12 a few, 0.04 little, 0.02 nothing), with the words weighed by rarity in the generated store.
WORDINGS = {"first": (10, 0.7, 3), "measured": (16, 0.5, 8)}


# Where and when incidents happen. ``first``, the generator's first guess: uniformly over the gazetteer's places in
# Pakistan and Afghanistan and over 12 years, whatever the number of claims. At a million claims an incident then has
# 4.5 times as many others within 30 km and 3 days as one in GTD's Pakistan table has (``crowding``). ``measured``:
# over all the gazetteer's places, each weighted by its population (at least 1,000) to the power ``PLACE_EXPONENT``,
# at ``RATE`` incidents a day, so that a larger store spans more days rather than crowding them. The exponent is the
# smallest that leaves an incident about as many neighbours as GTD's Pakistan incidents have at the same town and day
# (0.34-0.38 against 0.35) and more in every other cell of ``CROWDING`` (the script prints both); violence clusters
# where people live, and more so than uniformly.
PLACINGS = ("first", "measured")
PLACE_EXPONENT = 0.87
RATE = 220.0
CROWDING = tuple((km, days) for km in (0.5, 10.0, 30.0) for days in (0, 1, 3))


def make(
    n: int,
    dup_share: float,
    seed: int = 11,
    words: bool = True,
    profile: str = "first",
    wording_profile: str = "first",
    placing: str = "first",
    counts: str = "first",
) -> tuple[list[LinkRecord], set[frozenset[str]]]:
    rng = random.Random(seed)
    per_incident, keep, noise = WORDINGS[wording_profile]
    wording = Words(seed + 1, per_incident=per_incident, keep=keep, noise=noise) if words else None
    originals = int(n / (1 + dup_share))
    draw_place = _where(placing)
    span = 12 * 365 if placing == "first" else max(1, round(originals / RATE))
    start = dt.date(2007, 1, 1)
    records: list[LinkRecord] = []
    truth: set[frozenset[str]] = set()
    for i in range(originals):
        day = start + dt.timedelta(days=rng.randrange(span))
        place = draw_place(rng)
        killed, injured = _counts(rng) if counts == "measured" else (int(rng.lognormvariate(0.8, 1.2)), None)
        etype = rng.choice(TYPES)
        perp = [rng.choice(GROUPS)] if rng.random() < 0.3 else []
        told = wording.incident() if wording else []
        terms = wording.report(told) if wording else []
        records.append(_record(f"c{i}", f"d{i}", day, day, place, _stated(rng, counts, killed, injured), etype, perp, terms))
        if len(records) < n and rng.random() < dup_share:
            other, where, reported = second_report(rng, profile, day, place, killed)
            terms = wording.report(told) if wording else []
            hurt = _recounted(rng, injured, MEASURED_INJURED) if injured is not None and profile == "measured" else injured
            stated = _stated(rng, counts, reported, hurt)
            records.append(_record(f"c{i}b", f"d{i}b", other, other, where, stated, etype, perp, terms))
            truth.add(frozenset((f"c{i}", f"c{i}b")))
    return records[:n], truth


# How a second report of an incident differs from the first, as measured between two curated datasets by
# ``python -m benchmarks.bench_pairs`` (260 Pakistan Body Count suicide attacks matched to GTD's): the share of
# pairs 0, 1, 2 and 3 days apart; of pairs within 5, 10, 20 and 30 km (within 5 km the two name one town); and of
# killed figures whose difference is at most 0, 10, 20, 35, 50, 75 and 100 % of the larger.
MEASURED_DAYS = (0.908, 0.058, 0.015, 0.019)
MEASURED_KM = ((5.0, 0.635), (10.0, 0.134), (20.0, 0.158), (30.0, 0.073))
MEASURED_KILLED = ((0.0, 0.150), (0.1, 0.182), (0.2, 0.229), (0.35, 0.202), (0.5, 0.118), (0.75, 0.040), (1.0, 0.079))
MEASURED_INJURED = ((0.0, 0.191), (0.1, 0.133), (0.2, 0.207), (0.35, 0.149), (0.5, 0.137), (0.75, 0.108), (1.0, 0.075))
PROFILES = ("first", "measured")

# An incident's figures. ``first``, the generator's first guess: killed int(lognormal(0.8, 1.2)), a quarter of them 0,
# stated by every report, and no injured figure. ``measured``: killed drawn from GTD's Pakistan incidents (``KILLED``:
# the share of incidents in each range, log-uniform within it), injured from GTD's given the killed range (``INJURED``:
# the share with none, and the lognormal mu and sigma of the others), and each stated by a report as often as the
# extractor finds it in GTD's Afghanistan summaries when GTD codes it above 0 or as 0 (``STATED``; an unstated zero
# is the usual case). Printed by ``python -m benchmarks.bench_counts``.
COUNTS = ("first", "measured")
KILLED = ((0, 0, 0.556), (1, 1, 0.230), (2, 4, 0.145), (5, 9, 0.039), (10, 49, 0.027), (50, 158, 0.002))
INJURED = ((0.702, 0.82, 0.75), (0.622, 0.74, 0.82), (0.455, 1.13, 0.95), (0.252, 1.84, 1.14), (0.058, 3.22, 1.19))
STATED = {("killed", True): 0.942, ("killed", False): 0.426, ("injured", True): 0.934, ("injured", False): 0.282}


def second_report(rng: random.Random, profile: str, day: dt.date, place: Place, killed: int) -> tuple[dt.date, Place, int]:
    """The date, place and killed figure of a second report of an incident. ``first``, the generator's first guess:
    60 % on the same day and 40 % a day either side, always the same town, killed within 2. ``measured``: the
    differences measured between PBC and GTD (``MEASURED_*``)."""
    if profile == "first":
        shift = rng.choice([0, 0, 0, 1, -1])
        return day + dt.timedelta(days=shift), place, max(0, killed + rng.choice([0, 0, 1, -1, 2]))
    shift = rng.choices(range(len(MEASURED_DAYS)), weights=MEASURED_DAYS)[0] * rng.choice([1, -1])
    return day + dt.timedelta(days=shift), _moved(rng, place), _recounted(rng, killed)


def _drawn(rng: random.Random, bins: tuple[tuple[float, float], ...], floor: float) -> float:
    """A value drawn uniformly within one of the bins (upper edge, share), the first bin starting at ``floor``."""
    k = rng.choices(range(len(bins)), weights=[share for _, share in bins])[0]
    return rng.uniform(bins[k - 1][0] if k else floor, bins[k][0])


def _where(placing: str) -> Callable[[random.Random], Place]:
    """How the generator draws an incident's place (``PLACINGS``)."""
    # GeoNames' places only: towns added to saboot's own supplement (no population) would move every later draw
    places = [
        p for p in default_gazetteer().places.values() if p.kind == "place" and p.lat is not None and p.id.startswith("geonames:")
    ]
    if placing == "first":
        local = [p for p in places if p.country in ("PK", "AF")]
        return lambda rng: rng.choice(local)
    cum = list(itertools.accumulate(max(p.population or 0, 1000) ** PLACE_EXPONENT for p in places))
    return lambda rng: rng.choices(places, cum_weights=cum)[0]


def crowding(points: list[tuple[dt.date, float, float]], sample: int = 5000) -> dict[tuple[float, int], float]:
    """How many other incidents an incident has within each distance (km) and number of days of ``CROWDING``, on
    average over a random sample of them: how hard a store is to link, whatever its size."""
    cell = 0.3  # degrees; the largest distance of CROWDING fits within a cell and its neighbours
    grid: dict[tuple[int, int], list[tuple[dt.date, float, float]]] = defaultdict(list)
    for point in points:
        grid[(round(point[1] / cell), round(point[2] / cell))].append(point)
    chosen = random.Random(1).sample(points, min(sample, len(points)))
    near = Counter[tuple[float, int]]()
    for day, lat, lon in chosen:
        gi, gj = round(lat / cell), round(lon / cell)
        for other, lat2, lon2 in (p for di in (-1, 0, 1) for dj in (-1, 0, 1) for p in grid[(gi + di, gj + dj)]):
            days = abs((other - day).days)
            km = math.hypot((lon2 - lon) * math.cos(math.radians(lat)), lat2 - lat) * 111.2
            near.update((r, d) for r, d in CROWDING if km <= r and days <= d)
    return {key: (near[key] - len(chosen)) / len(chosen) for key in CROWDING}  # less the incident itself


GTD_PAKISTAN = Path(__file__).resolve().parents[2] / "shared/data/gtd-pakistan-2007-2018-reference.csv"


def gtd_crowding(path: Path = GTD_PAKISTAN) -> dict[tuple[float, int], float] | None:
    """``crowding`` of GTD's Pakistan incidents dated to the day, or None without ../shared."""
    if not path.is_file():
        return None
    rows = [r for r in read_reference(path, "gtd", "gtd") if isinstance(r, ReferenceRow)]
    return crowding(
        [
            (dt.date.fromisoformat(r.date_lo), r.lat, r.lon)
            for r in rows
            if r.date_lo and r.date_lo == r.date_hi and r.lat is not None and r.lon is not None
        ]
    )


def _moved(rng: random.Random, place: Place) -> Place:
    km = _drawn(rng, MEASURED_KM, 0.0)
    if km <= MEASURED_KM[0][0] or place.lat is None or place.lon is None:
        return place
    bearing = rng.uniform(0, 2 * math.pi)
    lat = place.lat + km / 111.2 * math.cos(bearing)
    lon = place.lon + km / (111.2 * math.cos(math.radians(place.lat))) * math.sin(bearing)
    return replace(place, id=f"{place.id}~{lat:.3f},{lon:.3f}", lat=lat, lon=lon)


def _recounted(rng: random.Random, figure: int, bins: tuple[tuple[float, float], ...] = MEASURED_KILLED) -> int:
    share = min(_drawn(rng, bins, 0.0), 0.9)  # the first bin is 0; a figure ten times the other at most
    return round(figure * (1 - share)) if rng.random() < 0.5 else round(figure / (1 - share))


def _counts(rng: random.Random) -> tuple[int, int]:
    """An incident's killed and injured figures, as GTD's Pakistan incidents have them (``KILLED``, ``INJURED``)."""
    k = rng.choices(range(len(KILLED)), weights=[share for *_, share in KILLED])[0]
    lo, hi, _ = KILLED[k]
    killed = lo if lo == hi else int(math.exp(rng.uniform(math.log(lo), math.log(hi + 1))))
    none, mu, sigma = INJURED[min(k, len(INJURED) - 1)]
    return min(hi, killed), 0 if rng.random() < none else max(1, round(rng.lognormvariate(mu, sigma)))


def _stated(rng: random.Random, counts: str, killed: int, injured: int | None) -> tuple[int | None, int | None]:
    """Which of the figures a report states: all of them (``first``), or as often as the extractor finds them in GTD's
    summaries (``STATED``)."""
    if counts == "first":
        return killed, injured
    return (
        killed if rng.random() < STATED[("killed", killed > 0)] else None,
        injured if injured is not None and rng.random() < STATED[("injured", injured > 0)] else None,
    )


def _record(
    uid: str,
    doc: str,
    lo: dt.date,
    hi: dt.date,
    place: Place,
    figures: tuple[int | None, int | None],
    etype: str,
    perp: list[str],
    terms: list[str],
) -> LinkRecord:
    killed, injured = figures
    return LinkRecord(
        unique_id=uid, document_id=doc, source_key=doc, date_lo=lo.isoformat(), date_hi=hi.isoformat(), ym=lo.isoformat()[:7],
        year=lo.isoformat()[:4], lat=place.lat, lon=place.lon, tol_km=10.0, country=place.country, admin1=place.admin1,
        place_key=place.id, undated_place=None, district=f"{place.admin1}/{place.admin2}" if place.admin1 and place.admin2 else None,
        event_type=etype, event_group=event_group(etype), killed_lo=killed, killed_hi=killed,
        killed_best=killed, perpetrators=perp, victims=[], terms=terms, injured_lo=injured, injured_hi=injured, injured_best=injured,
    )  # fmt: skip


# How long after an incident a report that names no day of it came out, with ``--reported near``: an assumption, not a
# measurement (no data set here dates such reports): most the same day or the next (a first report, a toll, a claim of
# responsibility), some within the week (funerals, protests), a tenth months on (an op-ed, a rights group's dossier).
REPORT_DELAYS = ((0.8, 0, 2), (0.1, 3, 7), (0.1, 30, 365))  # (share, fewest days, most days)


def _report_delay(rng: random.Random) -> int:
    """Days from an incident to a report of it that names no day, drawn as ``REPORT_DELAYS`` says."""
    roll = rng.random()
    for part, low, high in REPORT_DELAYS:
        if roll < part:
            return rng.randint(low, high)
        roll -= part
    return rng.randint(*REPORT_DELAYS[-1][1:])


def undate(records: list[LinkRecord], share: float, seed: int, reported: str = "none") -> list[LinkRecord]:
    """The records with a seeded ``share`` of them dated no more precisely than a report that names no day; with
    ``reported`` "near", each still knows the day its report came out (``REPORT_DELAYS`` after the incident, and
    ``records.REPORT_SLACK_DAYS``), as a stored report's publication date bounds its undated claims."""
    rng, delays = random.Random(seed + 2), random.Random(seed + 3)  # the same claims undated either way
    out = []
    for r in records:
        if rng.random() >= share:
            out.append(r)
            continue
        reported_by = None
        if reported == "near" and r.date_lo:
            days = _report_delay(delays) + REPORT_SLACK_DAYS
            reported_by = (dt.date.fromisoformat(r.date_lo) + dt.timedelta(days=days)).isoformat()
        where = {"undated_place": r.place_key, "undated_admin1": r.admin1, "undated_district": r.district}
        out.append(replace(r, date_lo=None, date_hi=None, ym=None, year=None, reported_by=reported_by, **where))  # type: ignore[arg-type]
    return out


def lookalikes(records: list[LinkRecord], truth: set[frozenset[str]]) -> tuple[int, int]:
    """Pairs that are not duplicates yet agree like duplicates on every field the generator varies (same place and
    type, dates at most a day apart, killed within 2, and, with words, a plain Jaccard overlap of at least 0.2 of all
    their words), and how many duplicates pass the same test. A linker joining every duplicate that passes would be
    hard put not to join these too; it is an estimate, since weighing the words by their rarity tells some of them
    apart."""
    cells: dict[tuple[object, str], list[LinkRecord]] = defaultdict(list)
    for r in records:
        cells[(r.place_key, r.event_type)].append(r)
    alike = Counter[bool]()
    for rows in cells.values():
        rows.sort(key=lambda r: r.date_lo or "")
        for i, a in enumerate(rows):
            day = dt.date.fromisoformat(a.date_lo or "")
            for b in rows[i + 1 :]:
                if (dt.date.fromisoformat(b.date_lo or "") - day).days > 1:
                    break
                if abs((a.killed_best or 0) - (b.killed_best or 0)) <= 2 and _similar(a.terms, b.terms):
                    alike[frozenset((a.unique_id, b.unique_id)) in truth] += 1
    return alike[False], alike[True]


def wording(records: list[LinkRecord], truth: set[frozenset[str]], pairs: int = 20_000) -> dict[str, dict[str, float]]:
    """How often duplicates and random pairs of claims fall in each of the weighted text levels
    (``spec.TEXT_WEIGHTED``), with the words weighed as the engine weighs them on this store."""
    weights = term_weights(records) or {}
    words = {r.unique_id: set(r.terms) for r in records}
    rng = random.Random(3)
    ids = list(words)
    kinds = {"duplicates": [_pair(p) for p in truth], "random pairs": [_pair(rng.sample(ids, 2)) for _ in range(pairs)]}
    return {kind: spec.text_level_shares(chosen, words, weights, weighted=True) for kind, chosen in kinds.items()}


def _pair(ids: Iterable[str]) -> tuple[str, str]:
    left, right = ids
    return left, right


def calibration(pairs: list[ScoredPair], truth: set[frozenset[str]], bins: tuple[float, ...] = (0.5, 0.7, 0.9)) -> list[str]:
    """How often the scored pairs are duplicates, by match probability (a calibrated linker's pairs at 0.5-0.7 are
    duplicates about 60 % of the time), and the most recall that any threshold on the pairs alone gives at a precision
    of 0.98: what a lower or higher threshold than ``THRESHOLD`` could buy."""
    edges = (ALIKE, *bins, 1.0)
    lines = []
    for lo, hi in itertools.pairwise(edges):
        inside = [
            frozenset((p.left, p.right)) in truth
            for p in pairs
            if lo <= p.probability < hi or (hi == 1.0 and p.probability == hi)
        ]
        share = f"{sum(inside) / len(inside):.3f}" if inside else "-"
        lines.append(f"{lo:.1f}-{hi:.1f}: {len(inside)} pairs, {share} of them duplicates")
    best, at, tp = 0.0, None, 0
    for k, p in enumerate(sorted(pairs, key=lambda p: -p.probability), start=1):
        tp += frozenset((p.left, p.right)) in truth
        if tp / k >= 0.98 and tp / len(truth) > best:
            best, at = tp / len(truth), p.probability
    lines.append(f"at precision ≥ 0.98 the pairs alone give at most recall {best:.4f}" + (f" (threshold {at:.3f})" if at else ""))
    return lines


def _similar(a: list[str], b: list[str]) -> bool:
    return not a or not b or len(set(a) & set(b)) >= 0.2 * len(set(a) | set(b))


def recovered(ids: list[str], pairs: list[ScoredPair], truth: set[frozenset[str]]) -> tuple[float, float]:
    """Precision and recall of the true duplicate pairs that clustering these claims on these pairs puts together."""
    groups = clusters(ids, pairs, THRESHOLD, [], [])
    found = {frozenset((a, b)) for g in groups if len(g) > 1 for i, a in enumerate(g) for b in g[i + 1 :]}
    tp = len(found & truth)
    return (tp / len(found) if found else 0.0), (tp / len(truth) if truth else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--dup", type=float, default=0.05)
    parser.add_argument("--engine", default="duckdb")
    parser.add_argument(
        "--profile",
        choices=PROFILES,
        default="measured",
        help="how a second report differs: as measured between PBC and GTD, or the first guess (see second_report)",
    )
    parser.add_argument(
        "--wording",
        choices=tuple(WORDINGS),
        default="measured",
        help="how reports of one incident are worded: as alike as ECB+'s reports of one event, or the first guess (see WORDINGS)",
    )
    parser.add_argument(
        "--places",
        choices=PLACINGS,
        default="measured",
        help="where and when incidents happen: about as crowded as GTD's Pakistan table or more, or the first guess (see PLACINGS)",
    )
    parser.add_argument(
        "--counts",
        choices=COUNTS,
        default="measured",
        help="an incident's killed and injured figures and which a report states: as in GTD, or the first guess (see COUNTS)",
    )
    parser.add_argument("--seed", type=int, default=11, help="the generator's seed: other data of the same kind")
    parser.add_argument("--no-words", action="store_true", help="Generate no wording: only date, place, type, count, actor.")
    parser.add_argument("--undated", type=float, default=0.0, help="the share of claims whose date is taken off")
    parser.add_argument(
        "--reported",
        choices=["none", "near"],
        default="none",
        help="whether a claim whose date is taken off still knows when its report came out (REPORT_DELAYS after it)",
    )
    args = parser.parse_args()
    t0 = time.perf_counter()
    records, truth = make(
        args.n,
        args.dup,
        seed=args.seed,
        words=not args.no_words,
        profile=args.profile,
        wording_profile=args.wording,
        placing=args.places,
        counts=args.counts,
    )
    linked = undate(records, args.undated, args.seed, args.reported)
    t1 = time.perf_counter()
    pairs = engine_for(args.engine).dedupe(linked, threshold=ALIKE)  # as `saboot link` does
    t2 = time.perf_counter()
    precision, recall = recovered([r.unique_id for r in records], pairs, truth)
    t3 = time.perf_counter()
    worded = "no wording" if args.no_words else f"wording `{args.wording}`"
    print(
        f"claims           {len(records)} ({len(truth)} true duplicate pairs; {worded}; second reports differ as `{args.profile}`;"
        f" places `{args.places}`; counts `{args.counts}`)"
    )
    print(f"generate         {t1 - t0:.1f} s")
    if args.undated:
        reach = [r for r in blocking.undated_reach(linked) if r.date_lo is None]
        province, district = sum(r.undated_admin1 is not None for r in reach), sum(r.undated_district is not None for r in reach)
        print(
            f"undated          {len(reach)} claims without a date, compared across their province {province}, "
            f"their district {district}, at their place only {len(reach) - province - district}"
        )
    print(f"predict          {t2 - t1:.1f} s ({len(pairs)} scored pairs ≥ {ALIKE}, engine {args.engine})")
    print(f"cluster          {t3 - t2:.1f} s")
    print(f"wall (link)      {t3 - t1:.1f} s")
    print(f"precision        {precision:.4f}")
    print(f"recall           {recall:.4f}")
    print(f"peak RSS         {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    alike, passed = lookalikes(records, truth)
    print(
        f"lookalikes       {alike} non-duplicate pairs agree like duplicates on every generated field, by plain word overlap "
        f"({len({r.place_key for r in records})} places), as do {passed} of the {len(truth)} duplicates: precision if all "
        f"those were joined {passed / (passed + alike):.4f}"
    )
    firsts = [
        (dt.date.fromisoformat(r.date_lo or ""), r.lat or 0.0, r.lon or 0.0) for r in records if not r.unique_id.endswith("b")
    ]
    for label, crowd in (("generated", crowding(firsts)), ("GTD Pakistan", gtd_crowding())):
        if crowd is not None:
            print(
                f"crowding         {label}: other incidents within "
                + ", ".join(f"{km:g} km/{d} d {v:.2f}" for (km, d), v in crowd.items())
            )
    for line in calibration(pairs, truth):
        print(f"calibration      {line}")
    if not args.no_words:
        for kind, shares in wording(records, truth).items():
            print(f"wording          {kind}: " + ", ".join(f"{level} {share:.3f}" for level, share in shares.items()))


if __name__ == "__main__":
    main()
