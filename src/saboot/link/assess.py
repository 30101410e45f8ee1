"""Assessment: how much an incident should be believed, and why.

Flags: ``single_source``, ``uncorroborated`` (no credible independent second
source and no reference match that corroborates: one at probability
``CORROBORATING_MATCH`` or more whose count does not disagree), ``contradicted_by_reference``, ``count_discrepancy``,
``count_outlier``, ``no_named_source``, ``opinion_source_only``,
``malformed_number``, ``implausible_magnitude``, ``not_in_reference``.
The explanation is a sentence a reader can check against the sources.

Outlets' reliability ratings (NATO Admiralty A–F, from the ratings files) feed
the assessment: a source rated E, "unreliable", is listed but does not count
towards corroboration. Each incident also gets the Admiralty credibility of
its information, 1–6 (``credibility``), and the two together as its code.
"""

from __future__ import annotations

from saboot.claims import Claim
from saboot.link.model import CORROBORATING_MATCH, Count, Incident, ReferenceMatch, Source
from saboot.link.reconcile import outliers

NAME = "assess.v2"  # v2: sources that are all opinion, or all name no source, make information probable, not confirmed
IMPLAUSIBLE_FACTOR = 10


def flags(
    inc: Incident, claims: list[Claim], refs: list[ReferenceMatch], not_covered: list[str], largest_reference: int | None
) -> tuple[str, ...]:
    found: set[str] = set()
    if inc.independent_sources <= 1:
        found.add("single_source")
    if credible_sources(inc) <= 1 and not _corroborating(refs):
        found.add("uncorroborated")
    if any(r.agrees_on_killed is False for r in refs):
        found.add("contradicted_by_reference")
    if any(d.field in ("killed", "injured", "abducted", "missing") for d in inc.discrepancies):
        found.add("count_discrepancy")
    killed = inc.counts.get("killed")
    if killed and (outliers(killed) or _outlier_vs_reference(killed, refs)):
        found.add("count_outlier")
    if inc.sources and all(s.names_sources is False for s in inc.sources):
        found.add("no_named_source")
    if inc.sources and all(s.genre == "opinion" for s in inc.sources):
        found.add("opinion_source_only")
    if any("malformed_number" in c.flags for c in claims):
        found.add("malformed_number")
    top = max((v for v in (killed.high, killed.best, killed.low) if v is not None), default=None) if killed else None
    if top is not None and largest_reference is not None and top > IMPLAUSIBLE_FACTOR * max(largest_reference, 10):
        found.add("implausible_magnitude")
    found |= {f"not_in_reference:{name}" for name in not_covered}
    return tuple(sorted(found))


def _outlier_vs_reference(killed: Count, refs: list[ReferenceMatch]) -> bool:
    """Whether a source's figure is three times above or below the smallest reference figure, or, for a coordinated
    attack recorded in parts, above or below both that and the parts together."""
    ref_values = [r.killed for r in refs if r.killed is not None]
    if not ref_values:
        return False
    ref = min(ref_values)
    totals = [r.parts_killed for r in refs if r.parts_killed is not None]

    def far(value: int, reference: int) -> bool:
        return value >= 3 * reference + 3 or value * 3 + 3 <= reference

    return any(v.best is not None and far(v.best, ref) and all(far(v.best, t) for t in totals) for v in killed.sources)


UNRELIABLE = "E"
_RANK = "ABCDFE"  # best first: a source that cannot be judged before one known to be unreliable
_DOUBTS = {"no_named_source", "opinion_source_only", "count_outlier", "malformed_number"}
_COUNT_DOUBTS = {"count_discrepancy", "count_outlier"}
_HEARSAY = {"no_named_source", "opinion_source_only"}  # said of every source: they may all rest on one account


def credible_sources(inc: Incident) -> int:
    """Independent sources that count towards corroboration: those with a report not rated E (unreliable)."""
    return _credible(inc.sources)


def _credible(sources: tuple[Source, ...]) -> int:
    return len({s.source_key for s in sources if s.reliability != UNRELIABLE})


def _corroborating(refs: list[ReferenceMatch]) -> bool:
    return any(r.corroborates for r in refs)


def corroboration(inc: Incident, refs: list[ReferenceMatch]) -> str:
    agreeing = _corroborating(refs)
    credible = credible_sources(inc)
    if credible >= 3 or (credible >= 2 and agreeing):
        return "high"
    if credible == 2 or agreeing:
        return "medium"
    return "low" if credible == 1 else "none"


def credibility(inc: Incident, flags: tuple[str, ...], refs: list[ReferenceMatch]) -> int:
    """The Admiralty credibility of the incident's information, by these rules, first match wins:
    5 when the count is implausible; 1 when a second credible source or an agreeing reference confirms it and the
    counts agree; 2 when so confirmed but the counts disagree, among the sources or with a reference, or when the
    confirmation is only by sources none of which names where it learnt what it says, or which are all opinion (they
    may all rest on one account, as two op-eds retelling one news report do); 5 when it is not so confirmed and a
    reference contradicts its count; 4 when it stands alone and names no source, is opinion only, or has an outlying
    or malformed number; 3 when it stands alone on a source rated A or B; otherwise 6, cannot be judged. A reference
    that records the incident with another number contradicts the number, not the incident: three independent reports
    of a bombing that GTD records with a later toll are "probably true", not "improbable"."""
    found = set(flags)
    if "implausible_magnitude" in found:
        return 5
    if _corroborating(refs):
        return 2 if (_COUNT_DOUBTS | {"contradicted_by_reference"}) & found else 1
    if credible_sources(inc) >= 2:
        return 2 if (_COUNT_DOUBTS | _HEARSAY | {"contradicted_by_reference"}) & found else 1
    if "contradicted_by_reference" in found:
        return 5
    if _DOUBTS & found:
        return 4
    return 3 if any(s.reliability in ("A", "B") for s in inc.sources) else 6


def admiralty(inc: Incident, flags: tuple[str, ...], refs: list[ReferenceMatch]) -> str:
    """The incident's Admiralty code: its best source's letter and its information's credibility, e.g. "B1". A source
    nobody rated (F) ranks above one rated unreliable (E)."""
    best = min((s.reliability for s in inc.sources), key=_RANK.index, default="F")
    return f"{best}{credibility(inc, flags, refs)}"


def explanation(inc: Incident, refs: list[ReferenceMatch]) -> str:
    parts = [_sources_sentence(inc.sources, inc.independent_sources)]
    killed = inc.counts.get("killed")
    if killed:
        span = _span(killed)
        parts.append(f"killed: {span} across sources" if len(killed.sources) > 1 else f"killed: {span} (one source)")
    for r in refs:
        agree = "" if r.agrees_on_killed is not False else ", a different number"
        weak = r.probability < CORROBORATING_MATCH
        parts.append(
            f"{'may match' if weak else 'matches'} {r.dataset} {r.date or '?'} {r.place or '?'}, "
            f"{r.killed if r.killed is not None else '?'} killed{r.parts_said}{agree}"
            + (f" (match probability {r.probability:.2f}, too weak to corroborate)" if weak else "")
        )
    if not refs:
        parts.append("no reference dataset match")
    return "; ".join(parts)


def _sources_sentence(sources: tuple[Source, ...], independent: int) -> str:
    outlets = sorted({f"{s.outlet or s.document_id} [{s.reliability}]" for s in sources})
    copies = len(sources) - independent
    text = f"{independent} independent source{'s' if independent != 1 else ''} ({', '.join(outlets)})"
    unreliable = independent - _credible(sources)
    if unreliable > 0:
        text += f", {unreliable} rated unreliable (E) and not counted"
    return text + (f", {copies} more from the same outlet or copies" if copies > 0 else "")


def _span(c: Count) -> str:
    """The figures the sources give, "26–30"; "at least 81" when none bounds them above, "up to 100" when none below."""
    values = sorted({v for s in c.sources for v in (s.low, s.best, s.high) if v is not None})
    if not values:
        return "unknown"
    if c.high is None and c.low is not None:
        return f"at least {c.low}"
    if c.low is None and c.high is not None:
        return f"up to {c.high}"
    return str(values[0]) if values[0] == values[-1] else f"{values[0]}–{values[-1]}"
