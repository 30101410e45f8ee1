"""The scored pairs a link run keeps (``saboot.link.scored``): written a slice at a time, read back as they were."""

from __future__ import annotations

import gzip
import json

from saboot.link import scored
from saboot.link.engine import ScoredPair
from saboot.link.model import LevelEvidence


def _pairs(n: int) -> list[ScoredPair]:
    # as the engine gives them: a few evidence tuples, each shared by every pair whose levels and weights are its own
    shared = [
        (LevelEvidence("date", "same day", 3.25), LevelEvidence("prior", "two claims picked at random", -9.5)),
        (LevelEvidence("date", "a day apart", 1.5), LevelEvidence("prior", "two claims picked at random", -9.5)),
        (),
    ]
    return [ScoredPair(f"c-{i:06d}", f"c-{i + 1:06d}", 0.2 + (i % 800) / 1000, shared[i % 3]) for i in range(n)]


def test_pairs_are_written_in_slices_as_one_json_text_and_read_back_the_same() -> None:
    pairs = _pairs(120_001)  # three slices, the last of one pair
    data = scored.encode(pairs)
    assert scored.decode(data) == pairs
    levels, each = scored.indexed(pairs)
    whole = {"levels": [[e.comparison, e.level, e.weight] for e in levels],
             "pairs": [[p.left, p.right, p.probability, ev] for p, ev in zip(pairs, each, strict=True)]}  # fmt: skip
    assert gzip.decompress(data) == json.dumps(whole, separators=(",", ":")).encode()
    assert scored.decode(scored.encode([])) == [] and scored.encode(pairs) == data  # the same bytes every time


def test_pairs_holding_one_evidence_tuple_share_one_list_of_indexes() -> None:
    pairs = _pairs(9)
    levels, each = scored.indexed(pairs)
    assert [e.level for e in levels] == ["same day", "two claims picked at random", "a day apart"]
    assert each[0] == [0, 1] and each[1] == [2, 1] and each[2] == []
    assert each[0] is each[3] is each[6] and len({id(ev) for ev in each}) == 3
