"""What type an event is: in one report (the extractor) and across the reports of one incident (reconciliation)."""

from __future__ import annotations

import pytest

from saboot.claims import Claim, DateValue, ExtractionInput
from saboot.extract.rules import RuleExtractor
from saboot.link.reconcile import event_type

EXTRACTOR = RuleExtractor()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "attack" says only that there was violence; the blast the next sentence names says what it was
        ("Sindh mourned after Thursday's attack on the shrine in Sehwan. The government said 83 had died in the blast.",
         "bombing"),
        # a mortar fired in an assault is part of the assault, as GTD codes it
        ("Assailants attacked a security post in Mihtarlam, Laghman. The assailants fired a mortar that struck a school, "
         "killing two students.", "armed_attack"),
        # words that say how: the first sentence decides
        ("Gunmen opened fire on a bus in Mastung, killing 26. A bomb was found on the road later.", "armed_attack"),
    ],
)  # fmt: skip
def test_a_word_that_says_only_attack_yields_to_a_later_one_that_says_bomb(text: str, expected: str) -> None:
    claims = [c for c in EXTRACTOR.extract(ExtractionInput("t", text, published="2017-02-19")).claims if c.kind == "event"]
    assert [c.event_type for c in claims] == [expected]


def _claim(kind: str, n: int) -> Claim:
    return Claim(
        id=f"c-{n}", document_id=f"d-{n}", kind="event", event_type=kind, attributes=(),
        date=DateValue(None, None, "unknown", (), "test"), location=None, counts={}, perpetrators=(), victims=(),
        attributed_to=None, flags=(), evidence=(), producer="test",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        (["armed_attack", "bombing"], "bombing"),  # a tie: the vocabulary's order, not which claim came first
        (["bombing", "armed_attack"], "bombing"),
        (["armed_attack", "bombing", "armed_attack"], "armed_attack"),  # most claims
        (["other", "other", "clash"], "clash"),  # ``other`` only when no claim gives another
        (["other"], "other"),
    ],
)  # fmt: skip
def test_an_incident_s_type_is_the_one_most_claims_give_and_of_equals_the_more_specific(types: list[str], expected: str) -> None:
    assert event_type([_claim(t, n) for n, t in enumerate(types)]) == expected
