"""An incident's low/best/high from its sources' figures: a bound that no source gave is never made up."""

from __future__ import annotations

from dataclasses import replace

import pytest

from saboot.claims import Claim, DateValue, Location
from saboot.link.model import SourceValue
from saboot.link.reconcile import bounds, place

Figure = tuple[int | None, int | None, int | None]

CASES: list[tuple[str, list[Figure], tuple[int | None, int | None]]] = [
    # (what the sources say, each source's low/best/high as the extractor reads it, the incident's low and high)
    ("26", [(26, 26, 26)], (26, 26)),
    ("about 50: a single figure bounds both ways", [(None, 50, None)], (50, 50)),
    ("at least 9: no upper bound", [(9, 9, None)], (9, None)),
    ("up to 100: no lower bound", [(None, 100, 100)], (None, 100)),
    ("dozens", [(24, None, None)], (24, None)),
    ("between 1,000 and 4,000", [(1000, None, 4000)], (1000, 4000)),
    ("at least 81, and 84", [(81, 81, None), (84, 84, 84)], (81, 84)),
    ("at least 84, and 81: nobody bounds 84 from above", [(84, 84, None), (81, 81, 81)], (81, None)),
    ("up to 5, and 26: nobody bounds 5 from below", [(None, 5, 5), (26, 26, 26)], (None, 26)),
    ("up to 30, and 26", [(None, 30, 30), (26, 26, 26)], (26, 30)),
    ("at least 9, and up to 100", [(9, 9, None), (None, 100, 100)], (9, 100)),
    ("a malformed figure gives no bound", [(None, None, None), (26, 26, 26)], (26, 26)),
    ("no figure at all", [(None, None, None)], (None, None)),
]


@pytest.mark.parametrize("said,figures,expected", CASES, ids=[c[0] for c in CASES])
def test_bounds_are_those_the_sources_give(said: str, figures: list[Figure], expected: tuple[int | None, int | None]) -> None:
    values = tuple(SourceValue(f"s{k}", f"d{k}", f"c{k}", *figure, said) for k, figure in enumerate(figures))
    low, high = bounds(values)
    assert (low, high) == expected
    every = [x for figure in figures for x in figure if x is not None]
    assert low is None or low <= min(every)  # the range holds every figure any source gives
    assert high is None or high >= max(every)


LAHORE = Location("Lahore", "Lahore District", "Punjab", "PK", 31.558, 74.351, "town", "geonames:1172451", (), "t")
GARHI_SHAHU = replace(LAHORE, name="Garhi Shahu", gazetteer_id="saboot:pk-lahore-garhi-shahu")  # at the city's point
KURRAM = Location("Kurram District", "Kurram District", "Khyber Pakhtunkhwa", "PK", 33.7, 70.3, "district", None, (), "t")
BAGAN = replace(KURRAM, name="Bagan")  # an area the gazetteer lacks, placed at its district's point
MARDAN = Location("Mardan", "Mardan District", "Khyber Pakhtunkhwa", "PK", 34.2, 72.05, "town", "geonames:1", (), "t")
NOWSHERA = Location("Nowshera", "Nowshera District", "Khyber Pakhtunkhwa", "PK", 34.0, 71.98, "town", "geonames:2", (), "t")


def _placed(ident: str, document: str, location: Location) -> Claim:
    return Claim(
        id=ident, document_id=document, kind="event", event_type="bombing", attributes=(),
        date=DateValue(None, None, "unknown", (), "t"), location=location, counts={}, perpetrators=(), victims=(),
        attributed_to=None, flags=(), evidence=(), producer="t",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [(LAHORE, GARHI_SHAHU, "Garhi Shahu"), (KURRAM, BAGAN, "Bagan"), (MARDAN, NOWSHERA, "Mardan")],
    ids=["a-quarter-of-its-city", "an-area-of-its-district", "two-towns-the-report-sorting-first"],
)
def test_of_two_places_each_one_source_gives_the_choice_does_not_follow_the_claims_ids(
    first: Location, second: Location, expected: str
) -> None:
    # reconcile.v4: the tie had gone to the claim whose id sorted first, and claim ids change with the extractor's
    # version: re-extracting the same reports moved the incident ("Bagan" to "Kurram District", "Lahore" to "Garhi Shahu")
    for ids in (("c-1", "c-2"), ("c-2", "c-1")):
        claims = [_placed(ids[0], "d-1", first), _placed(ids[1], "d-2", second)]
        for order in (claims, claims[::-1]):
            chosen = place(order)
            assert chosen is not None and chosen.name == expected


def test_of_three_places_each_one_report_gives_the_one_between_the_others_is_chosen() -> None:
    # reconcile.v6: "at Babusar Top", "near Naran" and "in the Chilas area" of one attack; the tie had gone to the
    # report whose id sorts first, whichever of the three that was
    babusar = replace(MARDAN, name="Babusar Top", gazetteer_id="g:babusar", lat=35.147, lon=74.048)
    naran = replace(MARDAN, name="Naran", gazetteer_id="g:naran", lat=34.909, lon=73.651)
    chilas = replace(MARDAN, name="Chilas", gazetteer_id="g:chilas", admin1="Gilgit-Baltistan", lat=35.420, lon=74.094)
    places = [naran, chilas, babusar]
    for shift in range(3):
        turned = places[shift:] + places[:shift]  # whichever report's id sorts first
        chosen = place([_placed(f"c-{n}", f"d-{n}", loc) for n, loc in enumerate(turned)])
        assert chosen is not None and chosen.name == "Babusar Top"
    # a place with no point is not between anything: the others are weighed without it
    unplaced = replace(MARDAN, name="Somewhere", gazetteer_id="g:x", lat=None, lon=None)
    chosen = place([_placed("c-0", "d-0", unplaced), _placed("c-1", "d-1", naran), _placed("c-2", "d-2", chilas)])
    assert chosen is not None and chosen.name == "Naran"


def test_a_place_however_spelt_is_supported_by_each_report_once() -> None:
    # reconcile.v4: "Qissa Khwani" and "Qissa Khwani Bazaar" are one place; a report that gives Peshawar twice is one
    bazaar = replace(
        LAHORE, name="Qissa Khwani Bazaar", gazetteer_id="saboot:pk-peshawar-qissa-khwani", admin2="Peshawar District"
    )
    peshawar = replace(LAHORE, name="Peshawar", gazetteer_id="geonames:1168197", admin2="Peshawar District", lat=34.0)
    claims = [
        _placed("c-1", "d-1", peshawar),
        _placed("c-2", "d-1", peshawar),
        _placed("c-3", "d-2", bazaar),
        _placed("c-4", "d-3", replace(bazaar, name="Qissa Khwani")),
    ]
    chosen = place(claims)
    assert chosen is not None and chosen.gazetteer_id == "saboot:pk-peshawar-qissa-khwani"
