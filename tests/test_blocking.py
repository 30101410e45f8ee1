"""A re-link hands the engine only the claims some blocking rule can pair with a changed claim
(``saboot.link.blocking``); the equalities are read from the rules' SQL."""

from __future__ import annotations

import random
from dataclasses import replace

from saboot.link import blocking, spec
from saboot.link.records import LinkRecord


def _record(uid: str, document: str, date: str | None, place: str | None, admin1: str = "Balochistan") -> LinkRecord:
    return LinkRecord(
        unique_id=uid, document_id=document, source_key=document, date_lo=date, date_hi=date,
        ym=date[:7] if date else None, year=date[:4] if date else None, lat=None, lon=None, tol_km=None,
        country="PK", admin1=admin1, place_key=place, undated_place=None if date else place, event_type="bombing",
        event_group="violent", killed_lo=None, killed_hi=None, killed_best=None, perpetrators=[], victims=[],
    )  # fmt: skip


def test_the_equalities_of_a_rule_are_read_from_its_sql_and_a_rule_with_none_keeps_every_claim() -> None:
    rule = (
        "l.admin1 = r.admin1 AND r.day_after = l.date_lo AND l.document_id != r.document_id AND (l.changed = 1 OR r.changed = 1)"
    )
    assert blocking.equalities(rule, "duckdb") == blocking.Equalities(("admin1", "date_lo"), ("admin1", "day_after"))
    assert blocking.equalities("l.place_key = r.place_key OR l.ym = r.ym", "duckdb") is None
    assert blocking.equalities("l.document_id != r.document_id", "spark") is None
    assert blocking.equalities("l.place_key = = r.place_key AND (", "duckdb") is None  # unreadable: every claim is kept
    claims = [_record("a", "d1", "2011-09-20", "mastung"), _record("b", "d2", "2015-01-01", "lahore", "Punjab")]
    assert blocking.meeting(claims, {"a"}, ["l.place_key = r.place_key OR l.ym = r.ym"], "duckdb") == claims
    assert blocking.meeting(claims, {"a"}, ["l.no_such_column = r.no_such_column"], "duckdb") == claims


def test_only_claims_a_rule_can_pair_with_a_changed_claim_are_handed_over() -> None:
    changed = _record("new", "d9", "2011-09-30", "mastung")
    next_day = _record("next", "d2", "2011-10-01", "quetta")  # another place, the next day, the same province
    same_month_place = _record("month", "d3", "2011-09-02", "mastung")
    mid_month = _record("mid", "d4", "2011-10-03", "mastung")  # a month's end apart at one place: ym_mid is shared
    undated_there = _record("undated", "d5", None, "mastung")
    two_days_later = _record("later", "d6", "2011-10-02", "quetta")
    elsewhere = _record("far", "d7", "2011-09-30", "lahore", "Punjab")
    no_place = replace(_record("noplace", "d8", "2012-01-05", None), admin1=None)
    claims = [changed, next_day, same_month_place, mid_month, undated_there, two_days_later, elsewhere, no_place]
    large = [r.unique_id for r in blocking.meeting(claims, {"new"}, spec.BLOCKING_LARGE, "duckdb")]
    assert large == ["new", "next", "month", "mid", "undated"]
    small = [r.unique_id for r in blocking.meeting(claims, {"new"}, spec.BLOCKING, "duckdb")]
    assert small == ["new", "month", "mid", "undated", "far"]  # the same day in the country, not the next in a province
    one_column = ["l.day_after = r.date_lo AND l.document_id != r.document_id"]  # an engine's column on its own
    assert [r.unique_id for r in blocking.meeting(claims, {"new"}, one_column, "duckdb")] == ["new", "next"]


def test_a_claim_with_no_date_meets_the_claims_of_no_place_of_the_days_its_report_tells_of() -> None:
    # link-spec.v20 (spec.REPORTED_PLACELESS): no other rule brings an undated claim to a claim of a day with no place
    undated = replace(_record("undated", "d1", None, "peshawar"), reported_by="2014-12-19")
    funerals = replace(_record("funerals", "d2", "2014-12-16", None), admin1=None, placeless_day="2014-12-16")
    long_before = replace(_record("before", "d3", "2014-11-20", None), admin1=None, placeless_day="2014-11-20")
    after_report = replace(_record("after", "d4", "2014-12-25", None), admin1=None, placeless_day="2014-12-25")
    claims = [undated, funerals, long_before, after_report]
    rules = spec.REPORTED_PLACELESS
    assert [r.unique_id for r in blocking.meeting(claims, {"undated"}, rules, "duckdb")] == ["undated", "funerals"]
    assert [r.unique_id for r in blocking.meeting(claims, {"funerals"}, rules, "duckdb")] == ["undated", "funerals"]
    # the spans are of ten days: a report on the first day of one still meets the days before it
    spans = blocking.near_dates(replace(undated, reported_by="2014-12-21"))[2:4]
    assert spans[0] != spans[1] and blocking.near_dates(funerals)[4] in spans


def test_a_claim_of_neither_date_nor_province_meets_the_claims_of_the_days_its_report_tells_of() -> None:
    # link-spec.v21 (spec.ADRIFT_IN_SPAN): "The death toll from the Police Lines mosque bombing climbed to 100", of no
    # day and no place, had met no claim at all
    from saboot.link.engine import engine_for

    toll = replace(_record("toll", "d1", None, None), admin1=None, reported_by="2023-02-02", terms=["police", "lines"])
    first = replace(_record("first", "d2", "2023-01-30", "peshawar", "Khyber Pakhtunkhwa"), terms=["police", "lines"])
    long_before = replace(_record("before", "d3", "2022-11-02", "peshawar", "Khyber Pakhtunkhwa"), terms=["police"])
    placed = replace(_record("placed", "d4", None, "quetta"), reported_by="2023-02-02")  # undated, at a place: not adrift
    claims = [toll, first, long_before, placed]
    met = [r.unique_id for r in blocking.meeting(claims, {"toll"}, spec.ADRIFT_IN_SPAN, "duckdb")]
    assert met == ["toll", "first"]
    assert blocking.near_dates(placed)[5:7] == (None, None) and blocking.near_dates(first)[7] is not None
    pairs = {frozenset((p.left, p.right)) for p in engine_for("duckdb").dedupe(claims, 0.0)}
    assert frozenset(("toll", "first")) in pairs and frozenset(("toll", "before")) not in pairs


def test_a_short_range_that_runs_into_the_next_month_meets_that_month_s_claims_in_its_province() -> None:
    # link-spec.v25: "picked up from the campus last week", told on 8 November (26 October to 7 November), had met
    # no claim of 1 November elsewhere in Quetta: they share no month and no place
    rules = [r for r in spec.BLOCKING if ".ym_end" in r]
    assert rules == spec.STRADDLING
    last_week = replace(_record("a", "d1", "2021-10-26", "university"), date_hi="2021-11-07")
    first = _record("b", "d2", "2021-11-01", "quetta")
    later = _record("c", "d3", "2021-12-01", "quetta")
    assert blocking.near_dates(last_week)[blocking.DERIVED["ym_end"]] == "2021-11"
    met = blocking.meeting([last_week, first, later], {"a"}, rules, "duckdb")
    assert [r.unique_id for r in met] == ["a", "b"]
    # a vague date that spans months is not a short range: it meets no month but its first
    month_and_more = replace(last_week, date_hi="2021-11-30")
    assert blocking.near_dates(month_and_more)[blocking.DERIVED["ym_end"]] is None


def test_two_points_less_than_half_a_degree_apart_share_a_square_of_some_grid() -> None:
    # link-spec.v28 (blocking.near_cells): the guarantee the rules across borders rest on, however the points lie
    rng = random.Random(5)
    reach = spec.CELL_DEGREES / spec.CELL_SHIFTS
    for _ in range(20_000):
        lat, lon = rng.uniform(20, 40), rng.uniform(60, 80)
        near = (lat + rng.uniform(-reach, reach) * 0.999, lon + rng.uniform(-reach, reach) * 0.999)
        shifts = spec.CELL_SHIFTS
        a = blocking.near_cells(replace(_record("a", "d1", "2012-08-16", "x"), lat=lat, lon=lon))[:shifts]
        b = blocking.near_cells(replace(_record("b", "d2", "2012-08-16", "y"), lat=near[0], lon=near[1]))[:shifts]
        assert None not in a and any(x == y for x, y in zip(a, b, strict=True)), (lat, lon, near)
        far = replace(_record("c", "d3", "2012-08-16", "z"), lat=lat + 2 * spec.CELL_DEGREES, lon=lon)
        assert not set(a) & set(blocking.near_cells(far))


def test_claims_near_each_other_across_a_province_s_border_meet() -> None:
    # link-spec.v28 (spec.ACROSS_BORDERS): "the killing of 25 Shia passengers in the Chilas area", undated, in
    # Gilgit-Baltistan, had met none of the reports of the attack at Babusar Top, 30 km south in Khyber Pakhtunkhwa
    chilas = replace(
        _record("chilas", "d1", None, "chilas", "Gilgit-Baltistan"), lat=35.42, lon=74.09, undated_admin1="Gilgit-Baltistan"
    )
    babusar = replace(_record("babusar", "d2", "2012-08-16", "babusar", "Khyber Pakhtunkhwa"), lat=35.15, lon=74.05)
    naran = replace(_record("naran", "d3", "2012-08-17", "naran", "Khyber Pakhtunkhwa"), lat=34.91, lon=73.65)
    skardu = replace(_record("skardu", "d4", "2012-08-16", "skardu", "Gilgit-Baltistan"), lat=35.30, lon=75.63)
    peshawar = replace(_record("peshawar", "d5", "2012-08-16", "peshawar", "Khyber Pakhtunkhwa"), lat=34.01, lon=71.58)
    gilgit = replace(_record("gilgit", "d6", "2012-07-02", "gilgit", "Gilgit-Baltistan"), lat=35.92, lon=74.31)
    chilas_dated = replace(
        chilas, unique_id="chilas-18", document_id="d7", date_lo="2012-08-18", ym="2012-08", undated_admin1=None
    )
    claims = [chilas, babusar, naran, skardu, peshawar, gilgit, chilas_dated]
    met = blocking.meeting(claims, {"chilas"}, spec.ACROSS_BORDERS, "duckdb")  # by the squares alone, either province
    assert [r.unique_id for r in met] == ["chilas", "babusar", "naran", "gilgit", "chilas-18"]
    from saboot.link.engine import engine_for

    pairs = {frozenset((p.left, p.right)) for p in engine_for("duckdb").dedupe(claims, 0.0)}
    assert {frozenset(("chilas", "babusar")), frozenset(("chilas", "naran"))} <= pairs
    assert frozenset(("chilas", "peshawar")) not in pairs  # 300 km off
    # claims of one month meet across the border too, of another month they do not
    assert frozenset(("babusar", "chilas-18")) in pairs and frozenset(("babusar", "gilgit")) not in pairs
    # an undated claim compared across its district or at its place only (spec.UNDATED_PAIRS) is not compared across
    # the border
    by_district = replace(chilas, undated_admin1=None, undated_district="Gilgit-Baltistan/Diamer")
    assert blocking.near_cells(by_district)[spec.CELL_SHIFTS :] == (None,) * spec.CELL_SHIFTS
    # nor across a country's border: a bombing in Chaman and one in Spin Boldak, Afghanistan, of one day
    chaman = replace(_record("chaman", "d1", "2022-03-07", "chaman"), lat=30.92, lon=66.45)
    spin_boldak = replace(_record("spin", "d2", "2022-03-07", "spin", "Kandahar"), country="AF", lat=31.01, lon=66.40)
    assert not engine_for("duckdb").dedupe([chaman, spin_boldak], 0.0)


def test_a_claim_of_a_week_placed_nowhere_meets_the_claims_of_its_months() -> None:
    # link-spec.v28 (spec.PLACELESS_IN_MONTH): "Security has been tightened across the federal capital after last
    # week's bombing outside a mosque, which killed two people", of a week and no place, had met no claim at all
    last_week = replace(_record("week", "d1", "2009-11-30", None), admin1=None, country=None, date_hi="2009-12-06")
    mosque = replace(_record("mosque", "d2", "2009-12-04", "islamabad", "Islamabad"), lat=33.7, lon=73.0)
    november = replace(_record("november", "d3", "2009-11-30", "quetta"), lat=30.2, lon=67.0)
    january = replace(_record("january", "d4", "2010-01-04", "islamabad", "Islamabad"), lat=33.7, lon=73.0)
    claims = [last_week, mosque, november, january]
    from saboot.link.engine import engine_for

    pairs = {frozenset((p.left, p.right)) for p in engine_for("duckdb").dedupe(claims, 0.0)}
    assert {frozenset(("week", "mosque")), frozenset(("week", "november"))} <= pairs
    assert frozenset(("week", "january")) not in pairs
    met = blocking.meeting(claims, {"week"}, spec.PLACELESS_IN_MONTH, "duckdb")
    assert [r.unique_id for r in met] == ["week", "mosque", "november"]
    # a claim placed in a province, or of a day, is met by the rules for those
    assert blocking.near_dates(mosque)[blocking.DERIVED["placeless_ym"]] is None


def test_two_claims_of_neither_date_nor_province_reported_at_one_time_meet() -> None:
    # link-spec.v28 (spec.ADRIFT_TOGETHER): "The army put the number of hostages killed in the Jaffar Express attack at
    # 26" and "The army said on Wednesday that 21 hostages and four soldiers were killed …", both of no day and no
    # place, had met only claims of a day, and so never each other
    toll = replace(_record("toll", "d1", None, None), admin1=None, reported_by="2025-03-16", terms=["jaffar", "express"])
    said = replace(_record("said", "d2", None, None), admin1=None, reported_by="2025-03-13", terms=["jaffar", "hostages"])
    later = replace(_record("later", "d3", None, None), admin1=None, reported_by="2025-05-20", terms=["jaffar"])
    met = blocking.meeting([toll, said, later], {"toll"}, spec.ADRIFT_TOGETHER, "duckdb")
    assert [r.unique_id for r in met] == ["toll", "said"]
    from saboot.link.engine import engine_for

    pairs = {frozenset((p.left, p.right)) for p in engine_for("duckdb").dedupe([toll, said, later], 0.0)}
    assert frozenset(("toll", "said")) in pairs and frozenset(("toll", "later")) not in pairs


def test_a_claim_of_neither_date_nor_province_meets_an_undated_placed_claim_reported_at_one_time() -> None:
    # link-spec.v29 (spec.ADRIFT_TOGETHER): the TTP's "the attack on the school, which killed 132 children and nine
    # staff", of no day and no place, had met only claims of a day, never the report of the vigil "in memory of the
    # 132 children massacred at the school in Peshawar", placed but of no day; and so could not join its incident
    claimed = replace(_record("claimed", "d1", None, None), admin1=None, reported_by="2014-12-17", terms=["school"])
    vigil = replace(_record("vigil", "d2", None, "peshawar", "Khyber Pakhtunkhwa"), reported_by="2014-12-18", terms=["school"])
    later = replace(_record("later", "d3", None, "peshawar", "Khyber Pakhtunkhwa"), reported_by="2015-03-18", terms=["school"])
    met = blocking.meeting([claimed, vigil, later], {"claimed"}, spec.ADRIFT_TOGETHER, "duckdb")
    assert [r.unique_id for r in met] == ["claimed", "vigil"]
    from saboot.link.engine import engine_for

    pairs = {frozenset((p.left, p.right)) for p in engine_for("duckdb").dedupe([claimed, vigil, later], 0.0)}
    assert frozenset(("claimed", "vigil")) in pairs and frozenset(("claimed", "later")) not in pairs
