"""Assessment: how much an incident should be believed, and why.

Flags: ``single_source``, ``uncorroborated`` (no independent second source
and no reference match), ``contradicted_by_reference``, ``count_discrepancy``,
``count_outlier``, ``no_named_source``, ``opinion_source_only``,
``malformed_number``, ``implausible_magnitude``, ``not_in_reference``.
The explanation is a sentence a reader can check against the sources.
"""

from __future__ import annotations

from saboot.claims import Claim
from saboot.link.model import Count, Incident, ReferenceMatch, Source
from saboot.link.reconcile import outliers

IMPLAUSIBLE_FACTOR = 10


def flags(
    inc: Incident, claims: list[Claim], refs: list[ReferenceMatch], not_covered: list[str], largest_reference: int | None
) -> tuple[str, ...]:
    found: set[str] = set()
    if inc.independent_sources <= 1:
        found.add("single_source")
        if not refs:
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
    ref_values = [r.killed for r in refs if r.killed is not None]
    if not ref_values:
        return False
    ref = min(ref_values)
    return any(v.best is not None and (v.best >= 3 * ref + 3 or v.best * 3 + 3 <= ref) for v in killed.sources)


def corroboration(inc: Incident, refs: list[ReferenceMatch]) -> str:
    agreeing = any(r.agrees_on_killed is not False for r in refs)
    if inc.independent_sources >= 3 or (inc.independent_sources >= 2 and agreeing):
        return "high"
    if inc.independent_sources == 2 or agreeing:
        return "medium"
    return "low" if inc.independent_sources == 1 else "none"


def explanation(inc: Incident, refs: list[ReferenceMatch]) -> str:
    parts = [_sources_sentence(inc.sources, inc.independent_sources)]
    killed = inc.counts.get("killed")
    if killed:
        span = _span(killed)
        parts.append(f"killed: {span} across sources" if len(killed.sources) > 1 else f"killed: {span} (one source)")
    for r in refs:
        agree = "" if r.agrees_on_killed is not False else ", a different number"
        parts.append(
            f"matches {r.dataset} {r.date or '?'} {r.place or '?'}, {r.killed if r.killed is not None else '?'} killed{agree}"
        )
    if not refs:
        parts.append("no reference dataset match")
    return "; ".join(parts)


def _sources_sentence(sources: tuple[Source, ...], independent: int) -> str:
    outlets = sorted({f"{s.outlet or s.document_id} [{s.reliability}]" for s in sources})
    copies = len(sources) - independent
    text = f"{independent} independent source{'s' if independent != 1 else ''} ({', '.join(outlets)})"
    return text + (f", {copies} more from the same outlet or copies" if copies > 0 else "")


def _span(c: Count) -> str:
    values = sorted({v for s in c.sources for v in (s.low, s.best, s.high) if v is not None})
    if not values:
        return "unknown"
    return str(values[0]) if values[0] == values[-1] else f"{values[0]}–{values[-1]}"
