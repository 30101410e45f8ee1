"""An incident's low/best/high from its sources' figures: a bound that no source gave is never made up."""

from __future__ import annotations

import pytest

from saboot.link.model import SourceValue
from saboot.link.reconcile import bounds

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
