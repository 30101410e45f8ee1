"""The count grammar: words, digits, bounds, ranges, vague and malformed figures."""

from __future__ import annotations

import pytest

from saboot.extract.numbers import find_quantities

CASES = [
    # (phrase, low, best, high, flags)
    ("Twenty-six pilgrims", 26, 26, 26, ()),
    ("three hundred and forty-seven", 347, 347, 347, ()),
    ("at least 347 Hazaras", 347, 347, None, ()),
    ("more than 100 students", 101, 101, None, ()),  # GTD's convention for "more than N"
    ("up to 30 Shiites", None, 30, 30, ()),
    ("between 1,000 and 4,000", 1000, None, 4000, ()),
    ("estimates range from 1,000 to 4,000 people", 1000, None, 4000, ()),
    ("two or three people", 2, None, 3, ()),
    ("9-20 people", 9, None, 20, ()),
    ("about 50 people", None, 50, None, ()),
    ("dozens of people", 24, None, None, ("vague_quantity",)),
    ("scores of Shia", 40, None, None, ("vague_quantity",)),
    ("a dozen people", 12, 12, 12, ()),
    # rules.v15: a qualifier bounds a dozen as it bounds a number ("at least two dozen" had been at least 2, "over a
    # dozen" exactly 12)
    ("at least two dozen passengers", 24, 24, None, ()),
    ("over a dozen people", 13, 13, None, ()),
    ("about two dozen people", None, 24, None, ()),
    ("over three hundred Baloch", 301, 301, None, ()),
    ("another 22,6000 adults", None, None, None, ("malformed_number",)),  # kept verbatim, never repaired
    ("2.5 million people", 2_500_000, 2_500_000, 2_500_000, ()),
]


@pytest.mark.parametrize("phrase,low,best,high,flags", CASES, ids=[c[0] for c in CASES])
def test_count_phrases(phrase: str, low: int | None, best: int | None, high: int | None, flags: tuple[str, ...]) -> None:
    q = find_quantities(phrase)[0]
    assert (q.low, q.best, q.high, q.flags) == (low, best, high, flags)
    assert phrase[q.start : q.end] == q.raw or q.raw in phrase


def test_malformed_figure_is_kept_verbatim() -> None:
    q = find_quantities("another 22,6000 adults missing")[0]
    assert q.raw == "22,6000"
