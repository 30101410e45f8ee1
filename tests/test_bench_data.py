"""The synthetic claims the linking benchmarks draw are drawn as measured: second reports differ as PBC and GTD do,
reports of one incident are worded as alike as ECB+'s, figures and crowding are GTD's; and the benchmarks count
what they say they count."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import DATA, need


def test_the_benchmark_s_second_reports_differ_as_pbc_and_gtd_do() -> None:
    # bench_link's "measured" profile must be what bench_pairs measures, and the generator must draw from it
    import datetime as dt
    import random

    from benchmarks.bench_link import MEASURED_DAYS, MEASURED_INJURED, MEASURED_KILLED, MEASURED_KM, _recounted, make
    from benchmarks.bench_pairs import measure

    from saboot.link import spec

    for name in ("gtd-pakistan-2007-2018-reference.csv", "pbc-pakistan-suicide-attacks.csv"):
        need(DATA / name)
    measured = measure(DATA)
    found = measured.found
    days = [sum(d == k for _, _, d, _ in found) / len(found) for k in range(4)]
    assert [round(s, 3) for s in days] == list(MEASURED_DAYS)
    assert round(sum(km <= 5 for *_, km in found) / len(found), 3) == MEASURED_KM[0][1]
    nonzero = [(a, b) for a, b in measured.killed if max(a, b) > 0]
    assert round(sum(a == b for a, b in nonzero) / len(nonzero), 3) == MEASURED_KILLED[0][1]
    hurt = [abs(a - b) / max(a, b) for a, b in measured.figures("injured") if max(a, b) > 0]
    edges = [edge for edge, _ in MEASURED_INJURED]
    assert [round(sum(r <= e for r in hurt) / len(hurt), 3) for e in edges] == [
        round(sum(share for _, share in MEASURED_INJURED[: k + 1]), 3) for k in range(len(edges))
    ]
    assert tuple(round(v, 3) for v in measured.levels("injured").values()) == spec.INJURED_M

    records, truth = make(40_000, 0.05, profile="measured")
    by_id = {r.unique_id: r for r in records}
    second = [(by_id[a], by_id[b]) for a, b in (sorted(p) for p in truth)]
    apart = [abs((dt.date.fromisoformat(a.date_lo or "") - dt.date.fromisoformat(b.date_lo or "")).days) for a, b in second]
    assert abs(sum(d == 0 for d in apart) / len(apart) - MEASURED_DAYS[0]) < 0.03 and max(apart) == 3
    assert abs(sum(a.place_key == b.place_key for a, b in second) / len(second) - MEASURED_KM[0][1]) < 0.03
    rng = random.Random(5)
    recounted = [_recounted(rng, 1000) for _ in range(20_000)]
    relative = [abs(k - 1000) / max(k, 1000) for k in recounted]
    assert abs(sum(r == 0 for r in relative) / len(relative) - MEASURED_KILLED[0][1]) < 0.015
    assert abs(sum(r > 0.75 for r in relative) / len(relative) - MEASURED_KILLED[-1][1]) < 0.015


def test_the_benchmark_s_reports_of_one_incident_are_worded_as_alike_as_ecb_s() -> None:
    # bench_link's "measured" wording must put pairs of reports of one incident in the weighted text levels as often as
    # ECB+'s reports of one event fall there; the first guess made them far more alike
    from benchmarks.bench_link import make
    from benchmarks.bench_text_m import WEIGHTED_LEVELS, measure

    from saboot.link import spec
    from saboot.link.engine import term_weights

    real = measure(need(DATA / "ecbplus"))["words weigh by rarity"]["same event (m)"]

    def shares(wording: str) -> dict[str, float]:
        records, truth = make(60_000, 0.05, profile="measured", wording_profile=wording)
        weights = term_weights(records)
        assert weights is not None
        by_id = {r.unique_id: set(r.terms) for r in records}
        return spec.text_level_shares(map(sorted, truth), by_id, weights, weighted=True)

    measured, first = shares("measured"), shares("first")
    for name in WEIGHTED_LEVELS:
        assert abs(measured[name] - real[name]) < 0.03, (name, measured[name], real[name])
    assert first["similar wording"] - real["similar wording"] > 0.4  # the first guess: 0.80 against 0.28
    assert set(WEIGHTED_LEVELS) == {lv["label_for_charts"] for lv in spec.TEXT_WEIGHTED["comparison_levels"][1:]}


def test_the_benchmark_s_figures_are_those_of_gtd() -> None:
    # bench_link's "measured" counts must be what bench_counts measures on GTD, and the generator must draw from them
    from benchmarks.bench_counts import injured_given_killed, killed_shares, stated
    from benchmarks.bench_link import INJURED, KILLED, STATED, make

    from saboot.link.references import ReferenceRow, read_reference

    path = need(DATA / "gtd-pakistan-2007-2018-reference.csv")
    rows = [r for r in read_reference(path, "gtd", "gtd", "PK") if isinstance(r, ReferenceRow)]
    assert tuple(killed_shares(rows)) == KILLED
    assert tuple(injured_given_killed(rows)) == INJURED
    assert stated(need(DATA / "gtd-afghanistan-2016.csv")) == STATED

    records, _ = make(60_000, 0.0, words=False, counts="measured")
    killed = [r.killed_best for r in records if r.killed_best is not None]
    injured = [r.injured_best for r in records if r.injured_best is not None]
    zero = KILLED[0][2] * STATED[("killed", False)]
    assert abs(sum(k == 0 for k in killed) / len(killed) - zero / (zero + (1 - KILLED[0][2]) * STATED[("killed", True)])) < 0.01
    assert abs(len(killed) / len(records) - zero - (1 - KILLED[0][2]) * STATED[("killed", True)]) < 0.01
    assert max(killed) <= KILLED[-1][1] and 0.3 < len(injured) / len(records) < 0.6
    big = [r.injured_best for r in records if (r.killed_best or 0) >= 10 and r.injured_best is not None]
    assert sum(i == 0 for i in big) / len(big) < 0.1  # an attack that kills ten seldom wounds no one


def test_the_benchmark_s_incidents_are_at_least_about_as_crowded_as_gtd_s() -> None:
    # bench_link's "measured" placing leaves an incident about as many neighbours in place and time as GTD's Pakistan
    # incidents have, whatever the number of claims, and the first guess's is as crowded only at a million claims
    import datetime as dt

    from benchmarks.bench_link import CROWDING, crowding, gtd_crowding, make

    real = gtd_crowding(need(DATA / "gtd-pakistan-2007-2018-reference.csv"))
    assert real is not None and set(real) == set(CROWDING)

    def generated(n: int, placing: str) -> dict[tuple[float, int], float]:
        records, _ = make(n, 0.0, words=False, placing=placing, counts="measured")
        return crowding([(dt.date.fromisoformat(r.date_lo or ""), r.lat or 0.0, r.lon or 0.0) for r in records])

    for n in (20_000, 80_000):
        near = generated(n, "measured")
        assert all(near[key] >= 0.9 * real[key] for key in CROWDING), (n, near)
        assert near[(30.0, 3)] < 2.5 * real[(30.0, 3)]
    assert generated(20_000, "first")[(30.0, 3)] < 0.1 * real[(30.0, 3)]  # 12 years whatever the size: sparse when small


def test_the_ceiling_takes_pairs_of_equal_score_together() -> None:
    # bench_ceiling's thresholds: a rule cannot tell apart pairs of equal score, so it takes or leaves them together
    from benchmarks.bench_ceiling import ceiling, cell_shares

    scored = [(0.9, True), (0.9, True), (0.8, True), (0.8, False), (0.5, True), (0.1, False)]
    c = ceiling(scored, duplicates=5)  # one duplicate was never scored
    assert c.recall_at_precision == pytest.approx(2 / 5)  # 0.8 takes a non-duplicate along: precision 3/4
    assert (c.precision_at_f1, c.recall_at_f1) == pytest.approx((4 / 5, 4 / 5))  # down to 0.5
    shares = cell_shares(["a", "a", "b"], [True, True, False])
    assert shares == pytest.approx({"a": (2 + 2 / 3) / 3, "b": (2 / 3) / 2})


def test_the_benchmark_takes_the_date_off_the_share_of_claims_asked() -> None:
    from benchmarks.bench_link import make, undate

    records, _ = make(2000, 0.05)
    assert undate(records, 0.0, 11) == records
    some = undate(records, 0.1, 11)
    undated = [r for r in some if r.date_lo is None]
    assert 150 < len(undated) < 250 and undate(records, 0.1, 11) == some  # about the share, the same each run
    assert all(r.ym is None and r.undated_place == r.place_key and r.undated_admin1 == r.admin1 for r in undated)
    assert all(r.undated_district == r.district for r in undated)
    # a place the gazetteer gives no district (a few towns of Sindh) has none; which places are drawn moves with the gazetteer
    assert sum(r.district is not None for r in undated) >= 0.9 * len(undated)
    # with report dates kept, the same claims are undated, each reported on or after its day (with the slack), most soon
    from saboot.link.records import REPORT_SLACK_DAYS

    near = undate(records, 0.1, 11, "near")
    assert [r.unique_id for r in near if r.date_lo is None] == [r.unique_id for r in undated]
    days = {r.unique_id: r.date_lo for r in records}
    lags = [(dt.date.fromisoformat(r.reported_by) - dt.date.fromisoformat(days[r.unique_id])).days for r in near if r.reported_by]
    assert len(lags) == len(undated) and min(lags) >= REPORT_SLACK_DAYS
    assert 0.7 < sum(lag <= 2 + REPORT_SLACK_DAYS for lag in lags) / len(lags) < 0.9


def test_the_far_place_levels_allow_for_as_many_misplaced_reports_as_the_extractor_misplaces() -> None:
    # link-spec.v27: two reports of one incident are far apart when either is misplaced, so each far level's m is at
    # least twice the share of GTD summaries the extractor places that far from GTD's city (bench_places)
    from benchmarks.bench_places import BANDS, FAR, measure

    from saboot.link import spec

    gold = need(DATA / "gtd-afghanistan-2016.csv")
    counts, far = measure(gold)
    judged = sum(n for label, n in counts.items() if label != "not judged")
    assert judged > 400 and counts["within tolerance"] > judged / 2
    m = {lv["label_for_charts"]: lv["m_probability"] for lv in spec.PLACE["comparison_levels"][1:]}
    assert m[BANDS[-1][1].replace("km", "km beyond tolerance")] >= 2 * counts[BANDS[-1][1]] / judged
    assert m[FAR] >= 2 * counts[FAR] / judged and len(far) == counts[BANDS[-1][1]] + counts[FAR]
