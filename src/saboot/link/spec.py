"""The engine-neutral linkage specification, as data: blocking rules and
comparisons with their levels and m/u probabilities (Fellegi-Sunter).

The probabilities are set from prior knowledge of how reports of one
incident differ, not trained, so that a store of ten documents links the
same way as one of a million, and every score can be explained level by
level. Column names in comparisons use Splink's ``_l``/``_r`` suffixes;
blocking rules use ``l.``/``r.``. The blocking rules are written in
``blocking_rules`` and re-exported here, with the rest of the specification.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from saboot.link.blocking_rules import (
    ACROSS_BORDERS as ACROSS_BORDERS,
    ADRIFT_IN_SPAN as ADRIFT_IN_SPAN,
    ADRIFT_TOGETHER as ADRIFT_TOGETHER,
    AT_PLACE_NEAR_MONTHS as AT_PLACE_NEAR_MONTHS,
    BLOCKING as BLOCKING,
    BLOCKING_LARGE as BLOCKING_LARGE,
    CELL_DEGREES as CELL_DEGREES,
    CELL_SHIFTS as CELL_SHIFTS,
    LARGE_STORE as LARGE_STORE,
    PLACELESS_IN_MONTH as PLACELESS_IN_MONTH,
    PLACELESS_ON_DAY as PLACELESS_ON_DAY,
    REFERENCE_BLOCKING as REFERENCE_BLOCKING,
    REPORTED_PLACELESS as REPORTED_PLACELESS,
    SAME_DOCUMENT_EXCLUDED as SAME_DOCUMENT_EXCLUDED,
    STRADDLING as STRADDLING,
    UNDATED_IN_DISTRICT as UNDATED_IN_DISTRICT,
    UNDATED_IN_PROVINCE as UNDATED_IN_PROVINCE,
    UNDATED_PAIRS as UNDATED_PAIRS,
    UNDATED_RARE as UNDATED_RARE,
)
from saboot.link.records import REPORT_SLACK_DAYS

if TYPE_CHECKING:
    from saboot.link.records import LinkRecord

NAME = "link-spec.v33"  # v2: text similarity of the claims' distinctive words; v3: next-day and month's-end blocking,
# "few words, none shared"; v4: u and the prior measured on the store from 100 claims on (was 5,000), the measured u
# weighed against the built-in ones by the number of pairs measured; v5: a vague date's overlap is a level of its own;
# v6: on a large store each word weighs by its rarity (IDF) instead of words in 1 % of claims being dropped; v7: there,
# the text levels' m are those measured on ECB+ with words weighed so (``TEXT_WEIGHTED``); v8: there, wording that
# shares less than 2/25 is told apart by how much (1/25 or more, some, none) rather than weighing alike; v9: the
# injured figures are compared as the killed ones are, with their own m (``INJURED_M``); v10: on a large store two
# claims at one place weigh by how many claims are there (``PLACE_BY_RARITY``); v11: beyond 2,000 claims the u are
# measured on every pair of claims that saboot samples by their ids (``engine.u_sample``), not on the engine's sample;
# v12: below LARGE_STORE a claim with no date is compared with every claim in its province, not only those at its place;
# v13: a claim with no date and a claim of a day after its report was published (``AFTER_ITS_REPORT``) are apart;
# v14: v12's comparison across the province only while it makes at most UNDATED_PAIRS pairs; v15: that budget spent
# province by province, then district by district (``blocking.undated_reach``), cheapest first, on a store of any size; v16: on
# a large store a claim with no date meets claims at its place only if they share one of its rarest words; v17: people
# taken and killed and a killing are of compatible types (``KILLED_IN_TAKING``); v18: the words of the place names a
# claim's text gives ("Afghanistan") and "assailants" are not wording (``records.terms_of``); v19: a claim of a known day
# placed in no province meets every claim of that day (``PLACELESS_ON_DAY``), and a word's "'s" and a number's
# sentence-ending stop are not part of it ("Tuesday's", "148.": ``records.terms_of``); v20: a group and a movement it is
# a part of share a perpetrator (``SHARED_PERPETRATOR``), a claim with no date reported within a week of the other's
# day weighs for the match (``REPORTED_SOON``) and meets the claims of no place of those days (``REPORTED_PLACELESS``),
# and the words of tolls and funerals are not wording (``records.GENERIC``); v21: a figure with a floor and no ceiling
# ("at least 32") reaches up to three times its floor against an exact one (``OPEN_REACH``), and a claim of neither
# a date nor a province meets the claims of the days its report may tell of that share a rare word (``ADRIFT_IN_SPAN``);
# v22: two figures both at most 3 are a level of their own, and what agreeing on them and on a place is worth is read
# from the store's own figures and places (``store_shares``); v23: a protest that counts no dead and violence are two
# events (``PROTEST_AND_VIOLENCE``); v24: so are an arrest that counts no dead and an act of violence; v25: the people
# named as victims are compared (``named_victims``), and the people taken as the killed are (``taken``), the words of
# victims it does not compare ("students") are wording and "civilians" is generic (``records``), and a short range
# that runs into the next month meets that month's claims in its province (``STRADDLING``); v26: a deed of no known
# type that killed ("the bodies of four men were found") is violence (``records.event_group``), and the words of
# bodies found are not wording (``records.GENERIC``); v27: places beyond FAR_KM apart weigh far more against a match
# than those 60 to FAR_KM km apart (``PLACE``), similar wording shares at least SIMILAR_WEIGHT (``SIMILAR``), and the
# parts of a day ("night") are not wording; v28: on a store smaller than LARGE_STORE, claims near each other on
# either side of a province's border meet as if in one province (``ACROSS_BORDERS``), and a claim of a week or a month
# placed in no province meets the claims of its month (``PLACELESS_IN_MONTH``), and two claims of neither a date nor
# a province reported at one time meet (``ADRIFT_TOGETHER``); v29: such a claim meets every claim of no date reported
# at one time, placed or not (``ADRIFT_TOGETHER``); v30: a place named by its province is within the province's reach
# of its point (``records.tolerance_km``), not 250 km for every province; v31: a pair placed far apart below
# ``FAR_APART_KEPT`` is not kept (``engine.LinkEngine.dedupe_measured``); v32: a claim torn between two claims that
# are not alike each other, alike it by weights within ``TORN_BITS``, joins neither (``cluster.torn_pairs``); the
# doers of an arrest or a protest are not compared with those of violence; and a claim set after an earlier incident
# is not that incident (``TOLD_AS_EARLIER``); v33: two claims each placed by a district alone, in two districts, are
# not "within tolerance" (``TWO_DISTRICTS``)
# People taken and killed ("gunmen abducted and killed 11 coal miners", an abduction by its words and GTD's coding)
# and a report of the killing alone (an armed attack) may tell one incident: their types are compatible.
KILLED_IN_TAKING = (
    "((event_group_l = 'taken' AND killed_best_l > 0 AND event_group_r = 'violent') OR "
    "(event_group_r = 'taken' AND killed_best_r > 0 AND event_group_l = 'violent'))"
)
# A protest that counts no dead of its own and an act of violence are two events, whatever they share: "A long march
# against enforced disappearances and the killing of Balach Mola Bakhsh set off from Turbat" had joined the killing in
# Turbat on the name and the town (0.96, the types' difference ÷8). A protest that counts the dead it mourns ("buried
# the eleven coal miners …, ending a six-day sit-in") may be a report of the killing, and is weighed as before. So
# are an arrest that counts no dead and an act of violence (link-spec.v24): "Police arrested Mahrang Baloch … a day
# after three protesters were killed in firing on the committee's sit-in" had joined the killing on the committee's
# name and the town (0.97). An arrest and people taken or gone missing stay compatible: "detained by the FC" may be the
# first report of an enforced disappearance.
PROTEST_AND_VIOLENCE = (
    "((event_type_l = 'protest' AND killed_best_l IS NULL AND event_group_r IN ('violent', 'taken')) OR "
    "(event_type_r = 'protest' AND killed_best_r IS NULL AND event_group_l IN ('violent', 'taken')) OR "
    "(event_type_l = 'arrest' AND killed_best_l IS NULL AND event_group_r = 'violent') OR "
    "(event_type_r = 'arrest' AND killed_best_r IS NULL AND event_group_l = 'violent'))"
)
# Two claims name one perpetrator, or one names a group and the other a movement it is a part of ("Jamaat-ul-Ahrar" and
# "Tehrik-i-Taliban Pakistan"; "TTP" and "the Taliban": ``records.LinkRecord.perpetrators_within``). Two groups of one
# movement do not share it: each may be the one that did it.
SHARED_PERPETRATOR = (
    "(len(list_intersect(perpetrators_l, perpetrators_r)) > 0 OR list_has_any(perpetrators_l, perpetrators_within_r)"
    " OR list_has_any(perpetrators_within_l, perpetrators_r))"
)
DISTANCE = (
    "greatest(0, 6371 * acos(least(1, greatest(-1, cos(radians(lat_l)) * cos(radians(lat_r)) * cos(radians(lon_r) - radians(lon_l))"
    " + sin(radians(lat_l)) * sin(radians(lat_r))))) - tol_km_l - tol_km_r)"
)
DAYS = "abs(date_diff('day', CAST(date_lo_l AS DATE), CAST(date_lo_r AS DATE)))"
# One claim sets its deed after another, earlier incident it names (``records.LinkRecord.follows``: "… killed in
# clashes in Kurram on Saturday and Sunday, two days after the attack on the convoy"), and the other claim is of
# violence over before the first's deed began: the other is likely that earlier incident, not this one (link-spec.v32;
# the clashes had joined the convoy attack at 0.91, "within 2 days", at one place, of compatible types). An assumption,
# not measured: two reports of one incident rarely present so (m 0.0002: one in a hundred claims sets its deed after
# another, one in fifty reports of an incident misdates it a day or more early); a pair of claims picked at random does
# one time in two hundred (u 0.005: one in a hundred, and the other earlier in half of the pairs).
TOLD_AS_EARLIER = (
    "((follows_l IS NOT NULL AND date_hi_r < follows_l AND event_group_r = 'violent') OR "
    "(follows_r IS NOT NULL AND date_hi_l < follows_r AND event_group_l = 'violent'))"
)
# How many days a claim's date range spans. A date known only to the month or the year overlaps every day in it, so
# its overlap with another date says little: "some day in 2009" and 24 January 2009 are not evidence of one incident.
SPAN = "date_diff('day', CAST(date_lo_{s} AS DATE), CAST(coalesce(date_hi_{s}, date_lo_{s}) AS DATE))"
NARROW_DAYS = 7
# A claim with no date happened by the day of its report (``reported_by``, with two days' slack): a claim of a later
# day is another incident, unless a date is wrong. Its m is set as a near-veto (÷3000 on the built-in u): the place,
# count and words two such claims share say nothing of when, and on a small store they outweigh the prior by about
# 11 bits, which a weight like that of two dates over a month apart (÷68) would not undo; an analyst's merge still
# joins them.
# (ISO days compare as strings, the same in every engine's SQL.)
AFTER_ITS_REPORT = "((date_lo_l IS NULL AND reported_by_l < date_lo_r) OR (date_lo_r IS NULL AND reported_by_r < date_lo_l))"
# A claim with no date whose report came out within REPORTED_SOON_DAYS (and the slack) of the other claim's day: "the
# toll from the attacks on the Ahmadi places of worship rose to 94", published three days after the attacks. A report
# tells of what just happened far more often than two unrelated incidents fall within a week (on a store of years the
# u measured on random pairs is small, on a week's store large, and the level weighs accordingly). A report long after
# (an op-ed, a rights group's dossier) says nothing either way: that stays the missing level.
REPORTED_SOON_DAYS = 7
# the days from claim {o}'s last day to the day claim {u}'s report came out (and the slack)
REPORT_LAG = "date_diff('day', CAST(coalesce(date_hi_{o}, date_lo_{o}) AS DATE), CAST(reported_by_{u} AS DATE))"
_SOON = (
    "(date_lo_{u} IS NULL AND reported_by_{u} IS NOT NULL AND date_lo_{o} IS NOT NULL AND {span} <= {narrow} AND {lag} <= {days})"
)
REPORTED_SOON = " OR ".join(
    _SOON.format(
        u=u, o=o, span=SPAN.format(s=o), narrow=NARROW_DAYS, lag=REPORT_LAG.format(u=u, o=o),
        days=REPORTED_SOON_DAYS + REPORT_SLACK_DAYS,
    )
    for u, o in (("l", "r"), ("r", "l"))
)  # fmt: skip
# Weighted Jaccard of the claims' distinctive words, without division. Each word is a 64-bit hash whose lowest
# WEIGHT_BITS bits hold the word's weight (engine.py: 1 on a small store; on a large one its IDF, log2 of the number of
# claims over the number that use the word, so that "bus" weighs less than a victim's name); ``terms_weight`` is the
# sum of a claim's weights. Each list holds distinct words, so the union is the sum of the weights less the shared.
WEIGHT_BITS = 5
SHARED_WEIGHT = f"coalesce(list_sum(list_transform(list_intersect(terms_l, terms_r), lambda x: x & {2**WEIGHT_BITS - 1})), 0)"


def shared_at_least(num: int, den: int) -> str:
    """Whether the weighted Jaccard is at least num/den: shared ≥ num/den · (weight_l + weight_r − shared), that is
    (den + num) · shared ≥ num · (weight_l + weight_r), in whole numbers and with the shared weight summed once."""
    return f"{den + num} * {SHARED_WEIGHT} >= {num} * (terms_weight_l + terms_weight_r)"


# Similar wording shares a fifth of the two claims' words and at least SIMILAR_WEIGHT of them (a rare word weighs that
# alone): two short claims that share one common word ("camp" of "four stormed camp" and "five ispr camp") are not
# alike as wordy ones sharing a fifth are, and reach "some distinctive words shared" at most (link-spec.v27).
SIMILAR_WEIGHT = 2
SIMILAR = f"{shared_at_least(1, 5)} AND {SHARED_WEIGHT} >= {SIMILAR_WEIGHT}"
# Two quarters of one town (areas, not streets, markets or buildings) that the gazetteer gives no points of their
# own, both at the town's point (``records._quarter_of``): "Orangi Town" and "Gulshan-e-Iqbal", some 15 km apart in
# Karachi, had been "within tolerance" (×9), and two shootings of one evening there, one killed in each, one incident
# at 0.94. They are near but not one place: "within 60 km" (link-spec.v27).
TWO_QUARTERS = "coalesce(quarter_of_l = quarter_of_r, false)"
# Two districts, each claim placed by its district alone (``records.LinkRecord.named_district``): neighbours, their
# points within both tolerances (40 km each), are near but not one place. GTD's "one of two coordinated attacks in
# Jawzjan", told alike of Khaniqa district and of Fayzabad district, had joined at 0.90 on "within tolerance" once the
# gazetteer found both districts (link-spec.v33). An assumption, not measured: two reports of one incident rarely name
# two districts, and when they do, "within 60 km" (m 0.09) still lets the rest join them.
TWO_DISTRICTS = "coalesce(named_district_l <> named_district_r, false)"
FAR_KM = 150  # beyond tolerance: two places further apart than this are "far apart" (``PLACE``)
MIN_TERMS = 1
FEW_TERMS = 6  # two claims with this many distinct words between them say little by sharing none
TERMS_UNION = "(len(terms_l) + len(terms_r) - len(list_intersect(terms_l, terms_r)))"


def _level(sql: str, label: str, m: float, u: float) -> dict[str, Any]:
    return {"sql_condition": sql, "label_for_charts": label, "m_probability": m, "u_probability": u}


def _null(sql: str, label: str = "missing") -> dict[str, Any]:
    return {"sql_condition": sql, "label_for_charts": label, "is_null_level": True}


COUNT_LEVELS = ("best values close", "ranges overlap", "within a factor of two", "far apart")
KILLED_M = (0.55, 0.25, 0.12, 0.05)
# Measured between Pakistan Body Count's suicide attacks and GTD's (``python -m benchmarks.bench_pairs``): reports of
# one attack give injured figures further apart than killed ones. Two reports that no one was hurt are no evidence:
# most incidents hurt no one (60 % of GTD's in Pakistan), and treating them as agreement joined two rocket attacks on
# Puli Khumri two days apart among GTD's Afghanistan summaries (``bench_distinct.py``). Measured among the pairs whose
# figures are not both few (``FEW_LEVEL``, below).
INJURED_M = (0.562, 0.064, 0.262, 0.112)
# A figure with a floor and no ceiling ("at least 32", "dozens") reaches above it when the other figure is exact: the
# first toll of an attack is often a third of the final one ("at least 32" on the day, 84 a week on). It reaches up to
# ``OPEN_REACH`` times its floor and 3 (an assumption: no data set here has a first toll and a final one of one
# attack). Two floors stand at their floors, because "at least" is how most tolls are put, first or final (GTD's
# "at least six" and "at least 22" are two attacks).
OPEN_REACH = 3
NONE_SAYS_NOTHING = frozenset({"injured"})  # the counts for which two claims that both give 0 are no evidence
COUNT_U = (0.04, 0.12, 0.20, 0.48)  # on a store of fewer than ESTIMATE_U_FROM claims; measured on a larger one
# A figure most incidents share is little evidence that two reports tell of one: 91 % of the incidents of GTD's
# Pakistan table killed at most FEW_FIGURE people (86 % injured at most that many), and the killed figures of two of
# its incidents picked at random are both that few and within 2 of each other in 79 % of pairs (48 % for the injured,
# two zeros left out). Such pairs fall in a level of their own, FEW_LEVEL, before the others: its m is the share of
# the store's claims with so few ("a report of an incident that killed few"), its u the share of the store's pairs of
# claims in it, each counted as if STORE_PRIOR_CLAIMS claims more had GTD's shares (``store_shares``); the other
# levels' m and u, as above, share what is left. Two reports of one shooting that say 1 and 2 killed had been "best values
# close", ×14 on a store of fewer than ESTIMATE_U_FROM claims, as if agreeing on 26 or 80.
FEW_FIGURE = 3
FEW_LEVEL = "few on both sides, within 2"
FEW_GTD = {"killed": (0.912, 0.787), "injured": (0.858, 0.484)}  # (m, u): GTD's shares, measured as above
# the people taken (``records._taken``): GTD gives no such figure in the tables here, and the killed shares stand for
# theirs (an assumption; a store of 100 claims or more blends in its own)
FEW_GTD["taken"] = FEW_GTD["killed"]
# claims with the defaults' shares that a store's own shares are blended with: with 20, on a store of three reports
# of one bombing, "at least 32" and 84 dead weighed "ranges overlap" ×1.4 (×2.1 before v22, ×1.8 with 5), as GTD's
# shares, of mostly few dead, outweighed the store's
STORE_PRIOR_CLAIMS = 5
SAME_PLACE_U = 0.01  # the built-in chance that two claims picked at random are at one place (``PLACE``)


@dataclass(frozen=True)
class StoreShares:
    """What agreement on a common value is worth on one store (``store_shares``): for each count, ``FEW_LEVEL``'s m
    and u; and how often two of its incidents picked at random are at one place (the u of ``PLACE``'s "same place")."""

    few: Mapping[str, tuple[float, float]]
    same_place: float


def _blend(mine: float, n: int, default: float, least: float = 0.02) -> float:
    """A store's share measured on ``n`` claims, blended with ``default`` as ``STORE_PRIOR_CLAIMS`` claims, and kept
    within ``least`` and 0.98 so that every level keeps some weight."""
    return min(0.98, max(least, (n * mine + STORE_PRIOR_CLAIMS * default) / (n + STORE_PRIOR_CLAIMS)))


def store_shares(records: Sequence[LinkRecord]) -> StoreShares:
    """``StoreShares`` of a store of ``records``. For a count: the share of its claims whose figure is at most
    ``FEW_FIGURE``, and of its pairs of two claims in ``FEW_LEVEL``, blended with GTD's (``FEW_GTD``). For the place:
    the share of the pairs of two of its incidents (its claims' distinct places and days) at one place, blended with
    ``SAME_PLACE_U`` (a store of reports of killings in Quetta on several days: every pair is at one place, which then
    tells little; the distant, sparse store the built-in u assume: few)."""
    few = {}
    for name, (m_gtd, u_gtd) in FEW_GTD.items():
        zero_counts = name not in NONE_SAYS_NOTHING
        values = Counter(b for r in records if (b := getattr(r, f"{name}_best")) is not None and (b or zero_counts))
        n = sum(values.values())
        small = {v: k for v, k in values.items() if v <= FEW_FIGURE}
        pairs = sum(k * j for (a, k), (b, j) in itertools.product(small.items(), repeat=2) if abs(a - b) <= 2)
        u = (pairs - sum(small.values())) / (n * (n - 1)) if n > 1 else 0.0  # pairs of two claims, not one with itself
        few[name] = (_blend(sum(small.values()) / n if n else 0.0, n, m_gtd), _blend(u, n, u_gtd))
    # two claims of one incident are at one place by no chance: places are counted once per place and day, each as
    # one incident (a store of three reports of one bombing holds no pair of incidents)
    incidents = Counter(
        p for p, _ in {(r.place_key, r.date_lo) for r in records if r.place_key and r.lat is not None and r.date_lo}
    )
    n = sum(incidents.values())
    same = sum(k * (k - 1) for k in incidents.values()) / (n * (n - 1)) if n > 1 else 0.0
    return StoreShares(few, _blend(same, n, SAME_PLACE_U, least=0.001))


def count_comparison(
    name: str, m: tuple[float, ...], u: tuple[float, ...] = COUNT_U, few: tuple[float, float] | None = None
) -> dict[str, Any]:
    """Two claims' figures for one count (``killed``, ``injured``) in the levels of ``COUNT_LEVELS`` (``count_level``
    is the same in Python): both at most ``FEW_FIGURE`` and within 2 (``FEW_LEVEL``, whose m and u are ``few``, GTD's
    shares unless a store's are given), the best values within 2 or 20 %, the ranges overlapping, within a factor of
    two, or not. For a count of ``NONE_SAYS_NOTHING``, two claims that both give 0 are no evidence either way, like a
    missing figure."""
    few_m, few_u = few or FEW_GTD[name]
    lo, hi, best = ({s: f"{name}_{part}_{s}" for s in "lr"} for part in ("lo", "hi", "best"))
    top = {s: f"coalesce({hi[s]}, {lo[s]})" for s in "lr"}
    reach = {
        s: f"coalesce({hi[s]}, CASE WHEN {hi[o]} IS NOT NULL THEN {OPEN_REACH} * {lo[s]} + 3 ELSE {lo[s]} END)"
        for s, o in ("lr", "rl")
    }
    sql = (
        f"greatest({best['l']}, {best['r']}) <= {FEW_FIGURE} AND abs({best['l']} - {best['r']}) <= 2",
        f"abs({best['l']} - {best['r']}) <= greatest(2, 0.2 * greatest({best['l']}, {best['r']}))",
        f"coalesce({lo['l']}, 0) <= {reach['r']} AND coalesce({lo['r']}, 0) <= {reach['l']}",
        f"greatest({top['l']}, {top['r']}) <= 2 * least({top['l']}, {top['r']}) + 3",
        "ELSE",
    )
    missing = " OR ".join(f"({lo[s]} IS NULL AND {hi[s]} IS NULL)" for s in "lr")
    return {
        "output_column_name": name,
        "comparison_levels": [
            _null(f"{missing} OR ({best['l']} = 0 AND {best['r']} = 0)", "none on either side, or missing")
            if name in NONE_SAYS_NOTHING
            else _null(missing),
            *(
                _level(*level)
                for level in zip(
                    sql,
                    (FEW_LEVEL, *COUNT_LEVELS),
                    (few_m, *(x * (1 - few_m) for x in m)),
                    (few_u, *(x * (1 - few_u) for x in u)),
                    strict=True,
                )
            ),
        ],
    }


def _ceiling(lo: int | None, hi: int | None, other_hi: int | None) -> int:
    """How high a figure reaches against another (``OPEN_REACH``): its ceiling, or with none, its floor, and against
    an exact figure ``OPEN_REACH`` times its floor and 3."""
    if hi is not None:
        return hi
    return OPEN_REACH * (lo or 0) + 3 if other_hi is not None else lo or 0


def count_level(
    name: str, a: tuple[int | None, int | None, int | None], b: tuple[int | None, int | None, int | None]
) -> str | None:
    """The level of ``count_comparison(name, …)`` that two (low, high, best) figures fall in, as the SQL computes it;
    None: the missing level. For benchmarks that measure how often reports of one incident fall in each."""
    (alo, ahi, abest), (blo, bhi, bbest) = a, b
    atop, btop = ahi if ahi is not None else alo, bhi if bhi is not None else blo
    if atop is None or btop is None or (name in NONE_SAYS_NOTHING and abest == 0 and bbest == 0):
        return None
    if abest is not None and bbest is not None and max(abest, bbest) <= FEW_FIGURE and abs(abest - bbest) <= 2:
        return FEW_LEVEL
    if abest is not None and bbest is not None and abs(abest - bbest) <= max(2, 0.2 * max(abest, bbest)):
        return COUNT_LEVELS[0]
    if (alo or 0) <= _ceiling(blo, bhi, ahi) and (blo or 0) <= _ceiling(alo, ahi, bhi):
        return COUNT_LEVELS[1]
    return COUNT_LEVELS[2] if max(atop, btop) <= 2 * min(atop, btop) + 3 else COUNT_LEVELS[3]


COMPARISONS: list[dict[str, Any]] = [
    {
        "output_column_name": "date",
        "comparison_levels": [
            _null(
                f"(date_lo_l IS NULL OR date_lo_r IS NULL) AND NOT coalesce({AFTER_ITS_REPORT}, false)"
                f" AND NOT coalesce({REPORTED_SOON}, false)"
            ),
            _level(AFTER_ITS_REPORT, "one happened after the other's report", 0.0001, 0.30),
            _level(REPORTED_SOON, "one undated, reported within a week of the other", 0.10, 0.01),
            _level(
                f"date_lo_l <= date_hi_r AND date_lo_r <= date_hi_l AND {SPAN.format(s='l')} <= {NARROW_DAYS}"
                f" AND {SPAN.format(s='r')} <= {NARROW_DAYS}",
                "ranges overlap",
                0.78,
                0.03,
            ),
            _level("date_lo_l <= date_hi_r AND date_lo_r <= date_hi_l", "a vague date overlaps", 0.04, 0.04),
            _level(TOLD_AS_EARLIER, "one tells of an earlier incident the other may be", 0.0002, 0.005),
            _level(f"{DAYS} <= 2", "within 2 days", 0.15, 0.04),
            _level(f"{DAYS} <= 31", "within a month", 0.02, 0.25),
            _level("ELSE", "further apart", 0.01, 0.68),
        ],
    },
    # Two reports of one incident place it far apart only when one of them is wrong: a town of the same name elsewhere,
    # or a dataset's nearest city. Measured (link-spec.v27, ``benchmarks/bench_places.py``): of 546 GTD Afghanistan
    # 2016 summaries whose city the gazetteer finds in its province, the extractor placed one 60-150 km beyond
    # tolerance from it (Islam Qala for GTD's Herat, 106 km) and one beyond (a village's name read as a district of
    # another province, 640 km), 121 within 60 km. Two reports of one incident are so far apart when either is: about
    # twice those shares, m 0.005 each (they had been one level, m 0.05, which let two attacks of one night 300 km
    # apart, told alike, join at 0.997). The u are the shares of pairs of GTD's Pakistan incidents so far apart (0.126
    # and 0.772 of them), scaled to the 0.86 of the one level they replace: two levels of one m weigh differently by
    # their u, a town 100 km off being likelier by chance than one 500 km off. Of the 0.04 of m they give up, 0.03 went
    # to "same place" and 0.01 to "within 60 km".
    {
        "output_column_name": "place",
        "comparison_levels": [
            _null("lat_l IS NULL OR lat_r IS NULL OR tol_km_l IS NULL OR tol_km_r IS NULL"),
            _level("place_key_l = place_key_r", "same place", 0.63, SAME_PLACE_U),
            _level(f"{DISTANCE} <= 5 AND NOT {TWO_QUARTERS} AND NOT {TWO_DISTRICTS}", "within tolerance", 0.27, 0.03),
            _level(f"{DISTANCE} <= 60", "within 60 km beyond tolerance", 0.09, 0.10),
            _level(f"{DISTANCE} <= {FAR_KM}", f"60-{FAR_KM} km beyond tolerance", 0.005, 0.12),
            _level("ELSE", "far apart", 0.005, 0.74),
        ],
    },
    {
        "output_column_name": "event_type",
        "comparison_levels": [
            _null("event_type_l IS NULL OR event_type_r IS NULL"),
            _level(PROTEST_AND_VIOLENCE, "a protest or an arrest, and violence", 0.0005, 0.05),
            _level("event_type_l = event_type_r", "same type", 0.60, 0.20),
            _level(f"event_group_l = event_group_r OR {KILLED_IN_TAKING}", "compatible type", 0.35, 0.40),
            _level("ELSE", "different type", 0.0495, 0.35),
        ],
    },
    count_comparison("killed", KILLED_M),
    count_comparison("injured", INJURED_M),
    # the people taken, gone missing or arrested (link-spec.v25), weighed as the killed are (an assumption: no data here
    # gives two reports' figures of one taking): "abducted 17 people" and "17 missing" agree, 17 and 2 do not
    count_comparison("taken", KILLED_M),
    # The doers of an arrest or a protest and those of violence are not compared (link-spec.v32): the police who
    # arrested activists a day after police fire killed three at their sit-in are no evidence that the two are one
    # (they had joined at 0.94 on "shared perpetrator", since the extractor names who arrested: rules.v17).
    {
        "output_column_name": "perpetrators",
        "comparison_levels": [
            _null(f"len(perpetrators_l) = 0 OR len(perpetrators_r) = 0 OR {PROTEST_AND_VIOLENCE}"),
            _level(SHARED_PERPETRATOR, "shared perpetrator", 0.80, 0.15),
            _level("ELSE", "different perpetrators", 0.20, 0.85),
        ],
    },
    {
        "output_column_name": "victims",
        "comparison_levels": [
            _null("len(victims_l) = 0 OR len(victims_r) = 0"),
            _level("len(list_intersect(victims_l, victims_r)) > 0", "shared victim group", 0.75, 0.25),
            _level("ELSE", "different victim groups", 0.25, 0.75),
        ],
    },
    # The people two claims name as victims (``records.named_victims``): one name in both ("Sohail Baloch and Fasihullah
    # Baloch went missing", "… Sohail Baloch and Fasihullah Baloch, who were picked up from the campus last week") is
    # strong evidence, since two incidents in one province within a month rarely befall one name; no name in common
    # is evidence against: a count names everyone it counts ("the brothers Karim Baloch and Jameel Baloch were picked
    # up": two), and two reports of one taking miss each other's names only if they spell every one differently
    # ("Fasihullah", "Faseehullah"). The m and u are assumptions (one report in ten so): no data here names the victims
    # of one incident in two reports. The names are not wording as well (``records._compared_words``).
    {
        "output_column_name": "named_victims",
        "comparison_levels": [
            _null("len(named_victims_l) = 0 OR len(named_victims_r) = 0"),
            _level("len(list_intersect(named_victims_l, named_victims_r)) > 0", "a person named in both", 0.9, 0.002),
            _level("ELSE", "different people named", 0.1, 0.998),
        ],
    },
]

TEXT: dict[str, Any] = {
    "output_column_name": "text",
    "comparison_levels": [
        _null(f"len(terms_l) < {MIN_TERMS} OR len(terms_r) < {MIN_TERMS}"),  # too few words to judge wording by
        _level(SIMILAR, "similar wording", 0.45, 0.01),
        _level(shared_at_least(2, 25), "some distinctive words shared", 0.35, 0.09),
        # no word in common between two short claims is a weaker sign than between two wordy ones
        _level(f"{TERMS_UNION} <= {FEW_TERMS}", "few words, none shared", 0.12, 0.30),
        _level("ELSE", "different wording", 0.08, 0.60),
    ],
}
COMPARISONS.append(TEXT)
PLACE: dict[str, Any] = next(c for c in COMPARISONS if c["output_column_name"] == "place")
# Two claims placed far apart (``PLACE``'s last level) are one incident only if all else says so. Such a pair scored
# below FAR_APART_KEPT is dropped as though it had scored below the floor, so that it is no evidence that the two are
# alike either: cluster.py joins two groups only if every pair across them was scored at the floor or above. A wire's
# attack "in southwestern Balochistan province", alike both an attack in Panjgur and one in Zhob 711 km apart, had joined
# the two through it (link-spec.v30), their own pair (0.31) being "alike" on its wording.
FAR_APART = "far apart"
FAR_APART_KEPT = 0.9
# A claim alike two claims that are not alike each other, by weights within TORN_BITS of each other (a factor of
# 1.41 in the odds), joins neither (``cluster.torn_pairs``, link-spec.v32): the evidence does not choose between them,
# and `saboot near` lists it beside both for an analyst. A wire's attack "in southwestern Balochistan province" scored
# 0.98 with an attack in Panjgur and with one in Zhob, 711 km apart, and had joined the one whose claim id came first.
# Half a bit is an assumption, not measured: at one bit the second seed's Mastung massacre (30 killed, September 2011)
# was torn between the third seed's (26 killed, 0.96) and three killed in Mastung the same report tells of (0.93).
TORN_BITS = 0.5
# On a large store (WEIGHTED_TERMS_FROM claims on, where words weigh by rarity too) two claims at the same place weigh
# by how common that place is in the store: Splink's term-frequency adjustment replaces the level's u, the chance that
# two unrelated claims share a place, by the share of the store's claims at this one. Two reports from a village the
# store mentions once are far likelier one incident than two from a city where a tenth of its claims happened; the
# level's u is an average over both. A small store is left out because its shares are mostly its duplicates': in a
# store of two reports of one incident, the place is in all of them.
PLACE_BY_RARITY: dict[str, Any] = {
    **PLACE,
    "comparison_levels": [
        {**lv, "tf_adjustment_column": "place_key", "tf_adjustment_weight": 1.0} if lv["label_for_charts"] == "same place" else lv
        for lv in PLACE["comparison_levels"]
    ],
}
# The levels where words weigh by rarity (a store of WEIGHTED_TERMS_FROM claims on), with the m measured on real
# reports of one event (``benchmarks/bench_text_m.py``: the first two sentences of ECB+'s news articles, every pair
# about the same event). Weighing words by rarity makes such pairs read less alike (similar wording 0.29 of them rather
# than 0.44; 0.28 before link-spec.v20 left out the words of tolls and funerals) but other events of the same kind far less so (0.026 rather than 0.061). ECB+'s leads are never short
# enough for "few words, none shared"; it keeps a small m. With every word weighing 1 the measured m (0.44, 0.44, 0,
# 0.12) are near the built-in ``TEXT`` ones, which stand.
# Below 2/25 ``TEXT`` has one level, "different wording". Weighed by rarity, that level holds 0.19 of ECB+'s pairs
# about one event, and how much they share still tells: sharing 1/25 or more is 15 times likelier among pairs about
# one event than among pairs about different topics (0.124 against 0.008), sharing nothing 40 times less likely (0.023
# against 0.911). So the weighted levels tell the three apart. Their built-in u split TEXT's 0.60 (a large store
# measures its own).
WEIGHTED_TEXT_M = {
    "similar wording": 0.29,
    "some distinctive words shared": 0.52,
    "a few distinctive words shared": 0.12,
    "few words, none shared": 0.01,
    "little shared": 0.04,
    "different wording": 0.02,
}
_WEIGHTED_LEVELS = [
    (SIMILAR, "similar wording", 0.01),
    (shared_at_least(2, 25), "some distinctive words shared", 0.09),
    (shared_at_least(1, 25), "a few distinctive words shared", 0.03),
    (f"{TERMS_UNION} <= {FEW_TERMS}", "few words, none shared", 0.30),
    (f"{SHARED_WEIGHT} > 0", "little shared", 0.12),
    ("ELSE", "different wording", 0.45),
]
TEXT_WEIGHTED: dict[str, Any] = {
    **TEXT,
    "comparison_levels": [
        TEXT["comparison_levels"][0],
        *(_level(sql, label, WEIGHTED_TEXT_M[label], u) for sql, label, u in _WEIGHTED_LEVELS),
    ],
}


def text_level(a: set[str], b: set[str], weight: Mapping[str, int], weighted: bool = False) -> str | None:
    """The level of ``TEXT`` (or, ``weighted``, of ``TEXT_WEIGHTED``) that two claims' words fall in, as the SQL
    computes it, each word weighing ``weight`` (1 when absent); None: too few words to judge. For benchmarks that
    measure how often pairs fall in each level. Like the engine, it leaves out words that weigh 0."""
    a, b = {w for w in a if weight.get(w, 1) > 0}, {w for w in b if weight.get(w, 1) > 0}
    if len(a) < MIN_TERMS or len(b) < MIN_TERMS:
        return None
    shared = sum(weight.get(w, 1) for w in a & b)
    total = sum(weight.get(w, 1) for w in a) + sum(weight.get(w, 1) for w in b)

    def at_least(num: int, den: int) -> bool:  # ``shared_at_least``, as the SQL computes it
        return (den + num) * shared >= num * total

    if at_least(1, 5) and shared >= SIMILAR_WEIGHT:  # SIMILAR
        return "similar wording"
    if at_least(2, 25):
        return "some distinctive words shared"
    if weighted and at_least(1, 25):
        return "a few distinctive words shared"
    if len(a | b) <= FEW_TERMS:
        return "few words, none shared"
    return "little shared" if weighted and shared > 0 else "different wording"


def text_level_shares(
    pairs: Iterable[tuple[str, str]], words: Mapping[str, set[str]], weight: Mapping[str, int], weighted: bool = False
) -> dict[str, float]:
    """How often these pairs (of keys of ``words``) fall in each text level (``text_level``), among those judged."""
    counts = Counter(text_level(words[a], words[b], weight, weighted) for a, b in pairs)
    judged = sum(n for level, n in counts.items() if level is not None) or 1
    labels = WEIGHTED_TEXT_M if weighted else [lv["label_for_charts"] for lv in TEXT["comparison_levels"][1:]]
    return {level: counts[level] / judged for level in labels}


# Matching a reference: the count helps choose among candidates but must not veto a match, because whether the
# reference's number agrees is what the match is for.
REFERENCE_KILLED: dict[str, Any] = {
    "output_column_name": "killed",
    "comparison_levels": [
        _null("killed_best_l IS NULL OR killed_best_r IS NULL"),
        _level(
            "abs(killed_best_l - killed_best_r) <= greatest(2, 0.2 * greatest(killed_best_l, killed_best_r))", "close", 0.50, 0.10
        ),
        _level("ELSE", "different", 0.50, 0.90),
    ],
}
# A dataset codes an incident to the nearest city, often 30-60 km from where it happened.
REFERENCE_PLACE: dict[str, Any] = {
    "output_column_name": "place",
    "comparison_levels": [
        _null("lat_l IS NULL OR lat_r IS NULL OR tol_km_l IS NULL OR tol_km_r IS NULL"),
        _level(f"{DISTANCE} <= 5", "within tolerance", 0.55, 0.03),
        _level(f"{DISTANCE} <= 60", "within 60 km beyond tolerance", 0.35, 0.10),
        _level("ELSE", "far apart", 0.10, 0.87),
    ],
}


# From ESTIMATE_U_FROM claims on, u (how often unrelated claims agree by chance) is measured on random pairs of the
# store's own claims: in a province at war, two bombings in one town a day apart with a few dead each are common, and
# the built-in u values, set for sparse reports, would join them. The built-in values count as PRIOR_PAIRS observed
# pairs, so a small store leans on them and a large one on what it measured (``with_measured_u``).
ESTIMATE_U_FROM = 100  # claims
PRIOR_PAIRS = 20_000
WEIGHTED_TERMS_FROM = 1000  # claims; from here a word weighs by its rarity (``engine.term_weights``), below each weighs 1
U_SAMPLE_PAIRS = 2e6
U_SAMPLE_SEED = 7  # which claims are sampled (``engine.u_sample``)


# From ESTIMATE_U_FROM claims on, the chance that two claims report one incident is measured too, when any two claims
# agree on place, day and type: Splink counts those pairs and takes them to be SURE_MATCH_RECALL of all the store's
# duplicate pairs.
SURE_MATCH_KEYS = ("place_key", "date_lo", "event_type")
SURE_MATCH_RULES: list[Any] = [" AND ".join([*(f"l.{k} = r.{k}" for k in SURE_MATCH_KEYS), SAME_DOCUMENT_EXCLUDED])]
SURE_MATCH_RECALL = 0.3


def with_measured_u(trained: dict[str, Any], built_in: dict[str, Any], pairs: float) -> dict[str, Any]:
    """``trained`` (a Splink model whose u were measured on ``pairs`` random pairs) with each level's u the
    weighted geometric mean of the measured and the built-in value, weighted by ``pairs`` and ``PRIOR_PAIRS``:
    the level's weight of evidence, log(m/u), is then the weighted mean of the two. A level never seen among the
    pairs keeps Splink's handling."""
    weight = pairs / (pairs + PRIOR_PAIRS)

    def level(measured: dict[str, Any], prior: dict[str, Any]) -> dict[str, Any]:
        if measured.get("is_null_level") or not measured.get("u_probability"):
            return measured
        u = math.exp(weight * math.log(measured["u_probability"]) + (1 - weight) * math.log(prior["u_probability"]))
        return {**measured, "u_probability": u}

    comparisons = [
        {**c, "comparison_levels": [level(m, p) for m, p in zip(c["comparison_levels"], b["comparison_levels"], strict=True)]}
        for c, b in zip(trained["comparisons"], built_in["comparisons"], strict=True)
    ]
    return {**trained, "comparisons": comparisons}


def prior_for(n: int) -> float:
    """The chance that two claims picked at random report one incident: the
    more claims, the more coincidences a match must overcome."""
    return min(0.05, max(1e-6, 10 / max(n, 1)))


# The chance that an incident and a reference row that the blocking rules bring together record one incident. It is
# set, not estimated: estimated over all pairs, as Splink estimates it, it would be at most one over the reference's
# rows (1/12,237 for GTD's Pakistan table), and with the built-in u no match would then corroborate (none does from
# 0.005 down). It trades the corroboration of real incidents against that of fabricated ones
# (``benchmarks/bench_references.py --prior P``, PBC's 414 suicide attacks against GTD as reported / 3 days later /
# 7 days later / 1.5 degrees north): 0.01 corroborates 47.3 / 3.1 / 4.1 / 0.2 %, 0.02 53.1 / 5.6 / 7.0 / 0.2 %, 0.05
# 56.8 / 12.1 / 13.3 / 1.0 %.
REFERENCE_PRIOR = 0.02


# The spec is written in DuckDB's SQL; other engines get these few functions renamed.
DIALECT_REWRITES: dict[str, list[tuple[str, str]]] = {
    "duckdb": [],
    "spark": [
        (
            "abs(date_diff('day', CAST(date_lo_l AS DATE), CAST(date_lo_r AS DATE)))",
            "abs(datediff(CAST(date_lo_l AS DATE), CAST(date_lo_r AS DATE)))",
        ),
        *(
            (SPAN.format(s=s), f"datediff(CAST(coalesce(date_hi_{s}, date_lo_{s}) AS DATE), CAST(date_lo_{s} AS DATE))")
            for s in ("l", "r")
        ),
        *(
            (
                REPORT_LAG.format(u=u, o=o),
                f"datediff(CAST(reported_by_{u} AS DATE), CAST(coalesce(date_hi_{o}, date_lo_{o}) AS DATE))",
            )
            for u, o in (("l", "r"), ("r", "l"))
        ),
        (SHARED_WEIGHT, f"aggregate(array_intersect(terms_l, terms_r), 0L, (acc, x) -> acc + (x & {2**WEIGHT_BITS - 1}))"),
        ("list_intersect(", "array_intersect("),
        ("list_has_any(", "arrays_overlap("),
        ("len(", "size("),
    ],
}


def for_dialect(spec: dict[str, Any], dialect: str) -> dict[str, Any]:
    """The same specification in another engine's SQL."""
    rewrites = DIALECT_REWRITES[dialect]
    if not rewrites:
        return spec

    def rewrite(sql: str) -> str:
        for old, new in rewrites:
            sql = sql.replace(old, new)
        return sql

    comparisons = [
        {**c, "comparison_levels": [{**lv, "sql_condition": rewrite(lv["sql_condition"])} for lv in c["comparison_levels"]]}
        for c in spec["comparisons"]
    ]
    rules = [{**b, "blocking_rule": rewrite(b["blocking_rule"])} for b in spec["blocking_rules_to_generate_predictions"]]
    return {**spec, "comparisons": comparisons, "blocking_rules_to_generate_predictions": rules}


# A re-link after some claims changed scores only the pairs with a changed claim on either side (``engine.rescore``):
# each blocking rule, a conjunction, gets one more condition, so that the engines still join on its equalities.
TOUCHING_CHANGED = "(l.changed = 1 OR r.changed = 1)"


def touching_changed(settings: dict[str, Any]) -> dict[str, Any]:
    """Splink settings (as a model saves them) that compare only the pairs with a changed claim on either side."""
    rules = [
        {**b, "blocking_rule": f"{b['blocking_rule']} AND {TOUCHING_CHANGED}"}
        for b in settings["blocking_rules_to_generate_predictions"]
    ]
    return {**settings, "blocking_rules_to_generate_predictions": rules}


def _on_store(comparison: dict[str, Any], shares: StoreShares) -> dict[str, Any]:
    """A comparison with the u (and m) that depend on the store set from its ``shares``: the counts' ``FEW_LEVEL``,
    and the u of ``PLACE``'s "same place", the other levels' u shrunk to leave room for it (not ``PLACE_BY_RARITY``,
    where the place's own rarity sets it)."""
    name = comparison["output_column_name"]
    if name in FEW_GTD:
        return count_comparison(name, INJURED_M if name == "injured" else KILLED_M, few=shares.few[name])
    if comparison is not PLACE:
        return comparison
    null, same, *others = PLACE["comparison_levels"]
    rest = (1 - shares.same_place) / (1 - SAME_PLACE_U)
    levels = [null, {**same, "u_probability": shares.same_place}]
    return {**PLACE, "comparison_levels": levels + [{**lv, "u_probability": lv["u_probability"] * rest} for lv in others]}


def settings(
    link_type: str = "dedupe_only", prior: float = 0.02, size: int = 0, shares: StoreShares | None = None
) -> dict[str, Any]:
    """Splink settings for claims (dedupe) or incidents vs references (link); ``size`` is the number of claims (whose
    undated claims' reach ``blocking.undated_reach`` has set), ``shares`` the store's ``store_shares`` (the defaults' without).

    Matching a reference weighs the counts only lightly (``REFERENCE_KILLED``); a store whose words weigh by rarity
    compares wording with ``TEXT_WEIGHTED`` and weighs a shared place by its rarity (``PLACE_BY_RARITY``)."""
    if link_type != "dedupe_only":
        rules = REFERENCE_BLOCKING
    else:
        rules = (BLOCKING_LARGE if size >= LARGE_STORE else BLOCKING) + UNDATED_IN_PROVINCE + UNDATED_IN_DISTRICT
        rules += PLACELESS_ON_DAY + REPORTED_PLACELESS + ADRIFT_IN_SPAN + ADRIFT_TOGETHER
    if link_type != "dedupe_only":
        # a reference's injured figure is not compared: the count must not veto a match (``REFERENCE_KILLED``); nor
        # are people taken or named, which the reference tables do not give
        comparisons = [
            REFERENCE_KILLED if c["output_column_name"] == "killed" else c
            for c in COMPARISONS
            if c["output_column_name"] not in ("injured", "taken", "named_victims")
        ]
    elif size >= WEIGHTED_TERMS_FROM:
        comparisons = [{id(TEXT): TEXT_WEIGHTED, id(PLACE): PLACE_BY_RARITY}.get(id(c), c) for c in COMPARISONS]
    else:
        comparisons = COMPARISONS
    if shares is not None and link_type == "dedupe_only":
        comparisons = [_on_store(c, shares) for c in comparisons]
    return {
        "link_type": link_type,
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": prior,
        "blocking_rules_to_generate_predictions": [{"blocking_rule": r} for r in rules],
        "comparisons": comparisons,
        # each pair's level (gamma_) and match weight (mw_) per comparison, to say why claims were joined (a
        # reference match shows no such evidence, so it does not carry the columns)
        "retain_intermediate_calculation_columns": link_type == "dedupe_only",
        "retain_matching_columns": link_type == "dedupe_only",
    }
