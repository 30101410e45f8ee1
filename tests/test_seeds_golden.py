"""Golden tests on the five motivating documents in ../shared/seeds.

Each test says what a careful reader would record from the text and what it
exercises. The seeds are read in place (never copied into the project); the
tests skip when ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from saboot.claims import Claim, Extraction, ExtractionInput
from saboot.dates import published_from_text
from saboot.extract.rules import RuleExtractor
from tests.conftest import SEEDS, need

EXTRACTOR = RuleExtractor()


def extract(name: str) -> Extraction:
    path = need(SEEDS) / name
    text = path.read_text(encoding="utf-8")
    stated = published_from_text(text)  # what ingest finds when no metadata gives a date
    return EXTRACTOR.extract(ExtractionInput(path.stem, text, stated[0] if stated else None))


def find(ex: Extraction, **want: object) -> list[Claim]:
    out = []
    for c in ex.claims:
        loc = c.location
        values = {
            "kind": c.kind, "type": c.event_type, "place": loc.name if loc else None, "country": loc.country if loc else None,
            "killed": c.counts["killed"].best if "killed" in c.counts else None,
        }  # fmt: skip
        if all(values[k] == v for k, v in want.items()):
            out.append(c)
    return out


def killed(c: Claim) -> tuple[int | None, int | None, int | None]:
    q = c.counts["killed"]
    return q.low, q.best, q.high


@pytest.fixture(scope="module", autouse=True)
def _seeds_present() -> None:
    need(Path(SEEDS))


def test_000_unsourced_encyclopedic_massacre() -> None:
    # exercises: a range estimate kept as low/high with no best; state perpetrators; a document naming no source
    ex = extract("000_1cd48acf076c7670.txt")
    assert ex.signals.names_sources is False and ex.signals.genre == "reference"
    [c] = [c for c in ex.claims if c.kind == "event"]
    assert c.event_type == "mass_killing"
    assert (c.date.start, c.date.precision) == ("1988-07-04", "day")
    assert c.location is not None and (c.location.admin1, c.location.country) == ("Gilgit-Baltistan", "PK")
    assert killed(c) == (1000, None, 4000)
    assert {"Frontier Corps", "Special Service Group (SSG)"} <= {a.name for a in c.perpetrators}
    assert "Ismaili" in {v.name for v in c.victims}
    assert "no_attribution" in c.flags and "state_actor" in c.attributes
    assert "hyperbole" in c.flags  # "brutal killing of thousands"


def test_001_protests_are_placed_where_held_and_counts_are_not_casualties() -> None:
    # exercises: a protest's place vs the grievance's place; attendance ("thousands of people") is no casualty count;
    # undated events stay unresolved, bounded by the dateline
    ex = extract("001_72d2db6ddf077502.txt")
    protests = {c.location.name for c in ex.claims if c.event_type == "protest" and c.location}
    assert {"Kargil", "Zadibal"} <= protests
    [grievance] = [c for c in ex.claims if c.kind == "allegation"]
    assert grievance.location is not None and grievance.location.name == "Parachinar" and grievance.location.country == "PK"
    assert "Shia" in {v.name for v in grievance.victims}
    assert all("killed" not in c.counts for c in ex.claims)
    assert all(c.date.start is None and c.date.end == "2024-08-01" for c in ex.claims)


def test_002_op_ed_figures_are_kept_as_upper_bounds() -> None:
    # exercises: "up to 100" as an upper bound; month precision; percentages and crowd sizes are not casualties
    ex = extract("002_41ef159ec3e57cbe.txt")
    assert ex.signals.genre == "opinion"
    [chilas] = find(ex, kind="event", place="Chilas")
    assert (chilas.date.start, chilas.date.precision) == ("2012-04-03", "day")
    assert killed(chilas) == (None, 100, 100)
    assert {"Lashkar-e-Jhangvi", "Sipah-e-Sahaba Pakistan"} <= {a.name for a in chilas.perpetrators}
    [mastung] = find(ex, kind="event", place="Mastung")
    assert (mastung.date.start, mastung.date.end, mastung.date.precision) == ("2011-09-01", "2011-09-30", "month")
    assert killed(mastung) == (None, 30, 30)
    counted = {q.best for c in ex.claims for q in c.counts.values()}
    assert not counted & {20, 10, 1000, 15}  # "20% of Pakistan's population", "up to one thousand" attackers


def test_003_two_attacks_are_never_summed_and_aggregates_are_typed() -> None:
    # exercises: a second attack as its own claim; aggregates over years; an accusation as an allegation;
    # relative dates with no publication date stay unresolved
    ex = extract("003_53a4291ea5f271d4.txt")
    [bus] = find(ex, kind="event", place="Mastung", killed=26)
    assert "Lashkar-e-Jhangvi" in {a.name for a in bus.perpetrators}
    assert {"Shia", "pilgrims"} <= {v.name for v in bus.victims}
    assert bus.date.precision == "unknown" and "date_unresolved" in bus.flags
    assert bus.date.evidence and bus.date.evidence[0].quote.startswith("Tuesday")
    assert find(ex, kind="event", killed=3)  # the car fired on in the second attack
    assert not find(ex, killed=29)  # never summed
    [eid] = find(ex, kind="event", place="Marriabad")
    assert eid.event_type == "bombing" and "suicide" in eid.attributes
    assert killed(eid) == (12, 12, 12) and eid.counts["injured"].best == 32
    aggregates = {c.counts["killed"].best or c.counts["killed"].low for c in ex.claims if c.kind == "aggregate"}
    assert {347, 328, 105, 18, 200} <= aggregates
    [since_1999] = [c for c in ex.claims if c.kind == "aggregate" and c.counts["killed"].low == 347]
    assert since_1999.attributed_to is not None and since_1999.attributed_to.source == "Newsline"
    [accused] = [c for c in ex.claims if c.kind == "allegation"]
    assert killed(accused) == (70, 70, 70)


def test_004_disappearances_and_malformed_figures() -> None:
    # exercises: state perpetrators → enforced disappearance; names counted as people; a malformed figure kept
    # verbatim and flagged; a list of unsourced totals typed as aggregates
    ex = extract("004_61d950aca8750aaa.txt")
    [wahab] = [c for c in ex.claims if c.date.start == "2021-11-12"]
    assert wahab.event_type == "enforced_disappearance" and wahab.counts["abducted"].best == 1
    assert wahab.location is not None and wahab.location.admin2 == "Dera Bugti District"
    assert "security forces" in {a.name for a in wahab.perpetrators}
    [brothers] = [c for c in ex.claims if c.date.start == "2021-11-13"]
    assert brothers.event_type == "enforced_disappearance" and brothers.counts["abducted"].best == 2
    assert brothers.location is not None and brothers.location.name == "Mashkay"
    [malformed] = [c for c in ex.claims if "malformed_number" in c.flags]
    assert malformed.kind == "aggregate" and malformed.counts["missing"].raw == "22,6000"
    assert malformed.counts["missing"].best is None
    aggregates = [c for c in ex.claims if c.kind == "aggregate"]
    assert any(c.counts.get("killed") and c.counts["killed"].best == 366 and c.date.start == "2021-01-01" for c in aggregates)
    assert any(c.counts.get("missing") and c.counts["missing"].best == 41000 for c in aggregates)
    assert all(c.kind == "aggregate" for c in ex.claims if any((q.best or 0) > 1000 for q in c.counts.values()))
    [statement] = [c for c in ex.claims if c.kind == "statement"]  # "the worst genocide in human history"
    assert statement.attributed_to is not None and "Bakshi" in statement.attributed_to.source
    assert "hyperbole" in statement.flags and not statement.counts
