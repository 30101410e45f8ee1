"""Property: every value's evidence is an exact quote of the text, and the
extractor never fails, whatever the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from saboot.claims import Claim, ExtractionInput, Span
from saboot.extract.rules import RuleExtractor

EXTRACTOR = RuleExtractor()
FRAGMENTS = [
    "02/28/2016: ", "Assailants attacked a police post in ", "Puli Alam, Logar, Afghanistan. ", "Twenty-six pilgrims ",
    "were killed ", "and 32 injured ", "in Mastung on Tuesday evening. ", "The Taliban claimed responsibility. ",
    "at least 347 Hazaras have been killed since 1999. ", "another 22,6000 adults missing\n", "• 366 killed in 2021\n",
    "In addition to the bomber, ", "up to 100 Shias ", "between 1,000 and 4,000 people ", "On Nov. 12, 2021, ",
    "brothers Muhammad Essa and Abdul Haq were also forcibly removed ", "QUETTA, Sept 21: ", "No group claimed responsibility. ",
    "killing himself and five others. ", "a crowd of up to one thousand ", "Earlier in the day ", "Marriabad in Quetta. ",
]  # fmt: skip


def spans_of(claim: Claim) -> list[Span]:
    spans = [*claim.evidence, *claim.date.evidence, *claim.event_type_evidence]
    if claim.location:
        spans += claim.location.evidence
    for q in claim.counts.values():
        spans += [*q.evidence, *(s for p in q.parts for s in p.evidence)]
    for a in (*claim.perpetrators, *claim.victims):
        spans += a.evidence
    if claim.attributed_to:
        spans += claim.attributed_to.evidence
    return spans


def check(text: str, published: str | None = None) -> None:
    ex = EXTRACTOR.extract(ExtractionInput("t", text, published))
    for claim in ex.claims:
        for span in spans_of(claim):
            assert text[span.start : span.end] == span.quote, (span, claim.id)
    for span in (*ex.signals.emotive_terms, *ex.signals.source_mentions):
        assert text[span.start : span.end] == span.quote


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12), st.sampled_from([None, "2011-09-21", "2016-03-01"]))
def test_evidence_quotes_are_exact_on_report_like_text(parts: list[str], published: str | None) -> None:
    check("".join(parts), published)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_extractor_never_fails_on_arbitrary_text(text: str) -> None:
    check(text)
