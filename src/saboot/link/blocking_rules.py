"""The blocking rules of the linkage specification (``spec``): which pairs of claims, and of incidents and reference
rows, the engines compare at all. Each rule is a conjunction of SQL conditions on an ``l`` and an ``r`` row, whose
equalities the engines join on (``blocking.meeting`` reads them back). ``spec`` re-exports every name here.
"""

from __future__ import annotations

SAME_DOCUMENT_EXCLUDED = "l.document_id != r.document_id"
# Blocking keys: the same day in a country, the same month in a province or at one place, and a claim with no date
# only against claims at its place. ``ym_mid`` is the month of the day 15 days on (engine.py): claims at one place a
# day apart across a month's end share it.
AT_PLACE_NEAR_MONTHS = [
    f"l.place_key = r.place_key AND l.ym = r.ym AND {SAME_DOCUMENT_EXCLUDED}",
    f"l.place_key = r.place_key AND l.ym_mid = r.ym_mid AND {SAME_DOCUMENT_EXCLUDED}",
]
# A claim of a short range that runs into the next month ("picked up last week", told on 8 November: 26 October to 7
# November) is compared with the claims of that month in its province too (``ym_end``, ``blocking.near_dates``): by
# month alone it met no claim of 1 November at another place in Quetta ("went missing from the university's hostel in
# Quetta on November 1"). Few claims straddle two months so, and only on a store smaller than LARGE_STORE.
STRADDLING = [
    f"{u}.admin1 = {o}.admin1 AND {u}.ym_end = {o}.ym AND {SAME_DOCUMENT_EXCLUDED}" for u, o in (("l", "r"), ("r", "l"))
]
# Squares of CELL_DEGREES on a side, in CELL_SHIFTS grids each shifted a third of a square further north and east:
# two points less than a third of a square apart north-south and east-west fall into one square of at least one grid
# (a stretch that short crosses the lines of at most one grid each way), however the lines run.
CELL_DEGREES = 1.5
CELL_SHIFTS = 3
# Claims near each other on either side of a province's border are compared as if in one province: those of one
# month, and a claim of no day, week or month with every claim near it, by the squares of a few shifted grids they
# share (``blocking.near_cells``; any two points less than half a degree apart each way share one, farther ones may).
# "The killing of 25 Shia passengers in the Chilas area of Diamer district", undated, in Gilgit-Baltistan, had met
# none of the reports of the buses stopped at Babusar Top, 30 km south in Khyber Pakhtunkhwa. Only on a store smaller
# than LARGE_STORE, and not across a country's border: a bomb that killed three policemen in Chaman and one that
# killed five Taliban fighters in Spin Boldak, across the border in Afghanistan, on the same day, were one incident
# (0.97) when compared, and two reports of one incident seldom place it in two countries.
ACROSS_BORDERS = [
    *(
        f"l.cell_{k} = r.cell_{k} AND l.ym = r.ym AND l.country = r.country AND l.admin1 <> r.admin1 AND {SAME_DOCUMENT_EXCLUDED}"
        for k in range(CELL_SHIFTS)
    ),
    *(
        f"{u}.undated_cell_{k} = {o}.cell_{k} AND {u}.country = {o}.country AND {u}.admin1 <> {o}.admin1"
        f" AND {SAME_DOCUMENT_EXCLUDED}"
        for k in range(CELL_SHIFTS)
        for u, o in (("l", "r"), ("r", "l"))
    ),
]
# A claim of a week or a month placed in no province ("Security has been tightened across the federal capital after
# last week's bombing outside a mosque, which killed two people") is compared with every claim of its month, and of
# the month its short range runs into (``blocking.near_dates``): no rule above brought it to any claim. Only on a store
# smaller than LARGE_STORE.
PLACELESS_IN_MONTH = [
    f"{u}.{month} = {o}.ym AND {SAME_DOCUMENT_EXCLUDED}"
    for u, o in (("l", "r"), ("r", "l"))
    for month in ("placeless_ym", "placeless_ym_end")
]
BLOCKING = [
    f"l.country = r.country AND l.date_lo = r.date_lo AND {SAME_DOCUMENT_EXCLUDED}",
    f"l.admin1 = r.admin1 AND l.ym = r.ym AND {SAME_DOCUMENT_EXCLUDED}",
    *STRADDLING,
    *AT_PLACE_NEAR_MONTHS,
    f"l.undated_place = r.place_key AND {SAME_DOCUMENT_EXCLUDED}",
    f"r.undated_place = l.place_key AND {SAME_DOCUMENT_EXCLUDED}",
    *ACROSS_BORDERS,
    *PLACELESS_IN_MONTH,
]
# A claim with no date is compared with every claim in its province, or failing that its district, as far as
# UNDATED_PAIRS allows (``blocking.undated_reach``): reports place one incident at a town, its district or a village near it
# ("Mastung" and "Mastung District"), and a claim left out of a comparison cannot join that incident (cluster.py joins
# only claims alike every claim of the other group). Beyond the budget (a store of op-eds, most undated, in one
# province) it is compared at its place only.
UNDATED_IN_PROVINCE = [
    f"l.undated_admin1 = r.admin1 AND {SAME_DOCUMENT_EXCLUDED}",
    f"r.undated_admin1 = l.admin1 AND {SAME_DOCUMENT_EXCLUDED}",
]
UNDATED_IN_DISTRICT = [
    f"l.undated_district = r.district AND {SAME_DOCUMENT_EXCLUDED}",
    f"r.undated_district = l.district AND {SAME_DOCUMENT_EXCLUDED}",
]
# A claim of a known day that no province is named for ("86 people were buried on Saturday", or "in Pakistan") is
# compared with every claim of that day: no rule above would bring it to any claim on a large store, or to one placed
# elsewhere in a small one.
PLACELESS_ON_DAY = [
    f"l.placeless_day = r.date_lo AND {SAME_DOCUMENT_EXCLUDED}",
    f"r.placeless_day = l.date_lo AND {SAME_DOCUMENT_EXCLUDED}",
]
# A claim with no date and a claim of a day with no place share no key above: with no place on one side and no day on
# the other, nothing brought them together, and a group holding one could not join a group holding the other (the
# Army Public School's funerals, of a day, "across Peshawar", and the TTP's claim of "the school massacre in
# Peshawar", of none: cluster.py joins groups only when every claim of one was found alike every claim of the other).
# They are compared when the day falls in the span of ``blocking.REPORT_SPAN_DAYS`` days the report came out in, or
# in the span before it (``blocking.near_dates``): the days a report that gives no date most often tells of
# (``REPORTED_SOON``).
REPORTED_PLACELESS = [
    f"{u}.{span} = {o}.placeless_span AND {SAME_DOCUMENT_EXCLUDED}"
    for u, o in (("l", "r"), ("r", "l"))
    for span in ("report_span", "report_span_before")
]
# A claim of neither a date nor a province ("The death toll from the Police Lines mosque bombing climbed to 100",
# "the army put the number of hostages killed in the Jaffar Express attack at 26") meets the claims of a day in the
# span its report came out in or the span before (``blocking.near_dates``) that share one of its UNDATED_RARE rarest
# words, on a store whose words weigh by rarity (``undated_rare``), or every one of them on a smaller store: no other
# rule brought it to any claim.
ADRIFT_IN_SPAN = [
    f"{u}.{span} = {o}.day_span AND ({u}.undated_rare IS NULL OR list_has_any({u}.undated_rare, {o}.terms))"
    f" AND {SAME_DOCUMENT_EXCLUDED}"
    for u, o in (("l", "r"), ("r", "l"))
    for span in ("adrift_span", "adrift_span_before")
]
# A claim of neither a date nor a province meets every claim of no date (placed or not) whose report came out in the
# span of its own report or in the span before or after it, and that shares one of its rarest words on a store whose
# words weigh by rarity: "The army put the number of hostages killed in the Jaffar Express attack at 26" and "The
# army said on Wednesday that 21 hostages and four soldiers were killed …" (of no day: on or before the day it was
# said) met no claim in common but the first report of the attack, and could not both join it (cluster.py); nor could
# the TTP's "the attack on the school, which killed 132 children and nine staff", placed nowhere, join the reports of
# the Army Public School attack that were undated but placed in Peshawar ("in memory of the 132 children massacred at
# the school in Peshawar", told on the day of a vigil).
ADRIFT_TOGETHER = [
    f"{u}.{a} = {o}.{b} AND ({u}.undated_rare IS NULL OR list_has_any({u}.undated_rare, {o}.terms)) AND {SAME_DOCUMENT_EXCLUDED}"
    for u, o in (("l", "r"), ("r", "l"))
    for a, b in (("adrift_span", "report_span"), ("adrift_span", "report_span_before"), ("adrift_span_before", "report_span"))
]
UNDATED_PAIRS = 5_000_000  # bench_link.py --n 40000 --undated 0.1: about 3.6 million, 15 s more than at their place
# From LARGE_STORE claims on, a day in a country or a month in a province holds too many claims to compare them all
# (at a million: about 100 million pairs): claims are then compared on the same day or the next in a province, and
# within a month at the same place. Two reports of one incident two days apart at two different places are then no
# longer compared. (``day_after`` is the day after ``date_lo``; the rule is written both ways round because Splink
# compares each pair once.)
LARGE_STORE = 200_000
# There a claim with no date is compared at its place only with the claims that share one of its UNDATED_RARE rarest
# words (``undated_rare``, set by engine.py on a store whose words weigh by rarity), or have no words: with no date to
# go on, a pair is alike only if its wording is, and a million claims hold cities of 10,000 (bench_link.py --n 1000000
# --undated 0.1: 155 million pairs at the place, ≤ 26 million sharing one of the 8 rarest words, which 93 % of the
# duplicates there do).
UNDATED_RARE = 8


def _undated_at_place(u: str, o: str) -> str:
    """Claim ``u`` (l or r) has no date and claim ``o`` is at its place and shares one of its rarest words."""
    shares = f"({u}.undated_rare IS NULL OR len({o}.terms) = 0 OR list_has_any({u}.undated_rare, {o}.terms))"
    return f"{u}.undated_place = {o}.place_key AND {shares} AND {SAME_DOCUMENT_EXCLUDED}"


BLOCKING_LARGE = [
    f"l.admin1 = r.admin1 AND l.date_lo = r.date_lo AND {SAME_DOCUMENT_EXCLUDED}",
    f"l.admin1 = r.admin1 AND l.day_after = r.date_lo AND {SAME_DOCUMENT_EXCLUDED}",
    f"l.admin1 = r.admin1 AND r.day_after = l.date_lo AND {SAME_DOCUMENT_EXCLUDED}",
    *AT_PLACE_NEAR_MONTHS,
    _undated_at_place("l", "r"),
    _undated_at_place("r", "l"),
]
REFERENCE_BLOCKING = [
    "l.country = r.country AND l.ym = r.ym",
    "l.admin1 = r.admin1 AND l.year = r.year",
    "l.place_key = r.place_key",
]
