"""Frames, the sentences that tell one incident, and the day they give it.

A frame's date is the first date its sentences state, narrowed by a more precise one inside it; a later day (a toll
given, the dead buried, a protest held, a deed the violence is named as coming before) bounds it from above; a claim
with no date of its own may take the day of the incident reported before it ("a day earlier", or a deed listed after
another in one sentence).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from saboot.claims import Claim, ClaimKind, DateValue, Span
from saboot.extract.eventtypes import only_civic
from saboot.extract.grievances import grievance_named
from saboot.extract.reldates import FromBefore, ResolvedDate, days_after, from_before, months_from_before
from saboot.extract.sentinfo import SentenceInfo
from saboot.extract.text import Sentence
from saboot.extract.tolls import bound_day


@dataclass
class Frame:
    infos: list[SentenceInfo] = field(default_factory=list)
    kind: ClaimKind = "event"
    lead: ResolvedDate | None = None
    grievance: bool = False

    def category(self) -> str:
        kinds = {k for i in self.infos for k in i.kinds}
        return "civic" if only_civic(kinds) else "violent"


def day_from_before(claim: Claim, frame: Frame, before: list[Claim]) -> Claim:
    """ "Earlier in the day …", "A day earlier, …", "the next day": the day of the incident reported before it, or a
    day or days from it (``reldates.from_before``), for a claim with no date of its own."""
    if claim.date.precision != "unknown" or frame.infos[0].sentence.leads:
        return claim  # an incident named first to set a later deed after it is dated from that deed (``day_led``)
    found = next(((i, f) for i in frame.infos if (f := from_before(i.sentence.text)) is not None), None)
    previous = next((c for c in reversed(before) if c.kind == "event" and c.date.precision == "day"), None)
    if found is None and previous is not None and _listed_after(frame.infos[0].sentence, previous):
        return _on_day_of(claim, previous, "same day as the incident listed before it")
    if found is None:
        return _month_from_before(claim, frame, before)
    if previous is None or previous.date.start is None:
        return claim
    info, phrase = found
    day = phrase.day(previous.date.start)
    if claim.date.end is not None and day > claim.date.end:
        return claim  # "the next day" of an incident on the day of the report: not yet told
    span = Span(info.sentence.start + phrase.start, info.sentence.start + phrase.end, phrase.phrase)
    return _on_day_of(claim, previous, f"{phrase.how()} the incident reported before it", day, span)


def _month_from_before(claim: Claim, frame: Frame, before: list[Claim]) -> Claim:
    """ "A month later, 84 died …": the month so many from that of the incident reported before it (a day's, a week's
    or a month's), for a claim with no date of its own."""
    found = next(((i, f) for i in frame.infos if (f := months_from_before(i.sentence.text)) is not None), None)
    previous = next((c for c in reversed(before) if c.kind == "event" and c.date.precision in ("day", "week", "month")), None)
    if found is None or previous is None or previous.date.start is None:
        return claim
    info, phrase = found
    start, end = phrase.month(previous.date.start)
    if claim.date.end is not None and start > claim.date.end:
        return claim  # a month not yet come when it was reported
    span = Span(info.sentence.start + phrase.start, info.sentence.start + phrase.end, phrase.phrase)
    how = f"{phrase.phrase.lower()} than the incident reported before it"
    date = replace(
        previous.date, start=start, end=end, precision="month", evidence=(span, *previous.date.evidence), resolved_from=how
    )
    return replace(claim, date=date, flags=tuple(f for f in claim.flags if f != "date_unresolved"))


def _listed_after(sentence: Sentence, previous: Claim) -> bool:
    """Whether the sentence is a deed listed just after ``previous``'s in one sentence (``Sentence.listed``): after a
    comma, or after "and" ("…, two policemen were killed in Turbat and a labourer was gunned down in Khuzdar")."""
    return sentence.listed and any(0 <= sentence.start - s.end <= 5 for s in previous.evidence)


def day_of_list_end(text: str, claims: list[Claim], claim: Claim, sentence: Sentence) -> list[Claim]:
    """``claims`` with the deeds listed before ``claim`` in its sentence, which give no day, dated by its day: the day
    told at the end of a list is the list's ("Three shopkeepers were shot dead in Quetta, two policemen were killed in
    Turbat and a labourer was gunned down in Khuzdar on Monday")."""
    if claim.date.precision != "day" or not sentence.listed:
        return claims
    out = list(claims)
    at = sentence.start
    for k in range(len(out) - 1, -1, -1):
        previous = out[k]
        end = max(e.end for e in previous.evidence)
        if previous.kind != "event" or previous.date.precision != "unknown" or not _LIST_GAP.fullmatch(text, end, at):
            break
        out[k] = _on_day_of(previous, claim, "same day as the incident listed after it")
        at = min(e.start for e in previous.evidence)
    return out


_LEADS = re.compile(r".*\bafter$", re.IGNORECASE)  # the opening of a ``Sentence.leads``: "Two days after"


def day_led(text: str, claims: list[Claim], claim: Claim, sentence: Sentence) -> tuple[list[Claim], Claim]:
    """``claims`` and ``claim`` with whichever of the two gives no day dated from the other's, when the incident of
    ``claims``' last is named just before ``claim``'s to set it in time (``Sentence.leads``): "Two days after the attack
    on the convoy, tribal clashes killed 32 people in Kurram on Saturday" dates the attack on Thursday, and "Two days
    after the bombing in Quetta on Monday, gunmen shot dead four policemen" the shooting on Wednesday."""
    previous = claims[-1] if claims else None
    if previous is None or previous.kind != "event" or not sentence.follows:
        return claims, claim
    start = min(e.start for e in previous.evidence)
    gap = from_before(text[start : sentence.start])
    if gap is None or not _LEADS.match(gap.phrase) or gap.start or max(e.end for e in previous.evidence) > sentence.start:
        return claims, claim
    span = Span(start, start + gap.end, gap.phrase)
    if previous.date.precision == "unknown" and claim.date.precision == "day" and claim.date.start is not None:
        day = gap.day(claim.date.start)  # "2 days before", "same day as"
        return [*claims[:-1], _on_day_of(previous, claim, f"{gap.how()} the incident reported after it", day, span)], claim
    if claim.date.precision == "unknown" and previous.date.precision == "day" and previous.date.start is not None:
        after = replace(gap, days=-gap.days)  # "2 days after", "same day as"
        day = after.day(previous.date.start)
        if claim.date.end is None or day <= claim.date.end:
            return claims, _on_day_of(claim, previous, f"{after.how()} the incident reported before it", day, span)
    return claims, claim


_LIST_GAP = re.compile(r"[,;]?\s+(?:and\s+)?|[,;]")  # between two deeds a sentence lists: no full stop


def _on_day_of(claim: Claim, previous: Claim, how: str, day: str | None = None, span: Span | None = None) -> Claim:
    """``claim`` dated by ``previous``'s day (or ``day``), for the reason ``how`` and with the words ``span`` first."""
    day = day or previous.date.start
    evidence = (span, *previous.date.evidence) if span else previous.date.evidence
    date = replace(previous.date, start=day, end=day, evidence=evidence, resolved_from=how)
    return replace(claim, date=date, flags=tuple(f for f in claim.flags if f != "date_unresolved"))


def date_of(frame: Frame, published: dt.date | None, producer: str) -> DateValue:
    """The heading date if any; else the first date stated, narrowed by a
    more precise one that falls inside it ("in 1988" ... "On July 4, 1988")."""
    if frame.grievance:
        return _grievance_date(frame, published, producer)
    if frame.lead is not None:
        return _date_value(frame, frame.lead, producer)
    violent = frame.category() == "violent"  # the day of a protest over the violence told with it bounds it too
    bounds = [(d, why) for i in frame.infos for d in i.dates if d.last is not None and (why := bound_day(i, d, violent))]
    later = [d for d, _ in bounds]
    candidates = [d for i in frame.infos for d in i.dates if d not in later]
    if frame.kind != "aggregate":  # "who had been missing since March were found … on Sunday": the day they were found
        candidates = [d for d in candidates if not _since(frame, d)] or candidates
    if bounds and not candidates:
        return _by_later_day(frame, *bounds[-1], producer)
    resolved = [d for d in candidates if d.first is not None and d.last is not None]
    if resolved:
        best = resolved[0]
        for d in resolved[1:]:
            assert d.first and d.last and best.first and best.last
            if _rank(d.precision) < _rank(best.precision) and best.first <= d.first and d.last <= best.last:
                best = d
        value = _date_value(frame, best, producer)
        if _since(frame, best):  # "since 1999", "killed in clashes since Friday": open to the report's date
            end = published.isoformat() if published else None
            begun = (value.start or "")[: {"year": 4, "decade": 4, "day": 10}.get(value.precision, 7)]
            return replace(value, end=end, resolved_from="since " + begun + (": to publication" if end else ": open-ended"))
        return value
    evidence: tuple[Span, ...] = ()
    if candidates:
        first = candidates[0]
        evidence = (Span(first.start, first.end, frame_text(frame, first.start, first.end)),)
    end = published.isoformat() if published else None
    return DateValue(None, end, "unknown", evidence, producer, "unresolved" + (": on or before publication" if end else ""))


# "since Friday", "since the ambush of the convoy near Bagan on Thursday": a day that opens a span
_SINCE = re.compile(r"\bsince\s+(?:the\s+[^.;,]{0,60}?\s+(?:on\s+)?)?$", re.IGNORECASE)


def _since(frame: Frame, d: ResolvedDate) -> bool:
    return bool(_SINCE.search(_before(frame, d.start))) or frame_text(frame, d.start, d.end).lower().startswith("since")


def _grievance_date(frame: Frame, published: dt.date | None, producer: str) -> DateValue:
    """The violence a protest is over happened on a day the sentence gives after naming it ("after the June 23
    blasts"), else on or before the protest's day (or the report's): the protest's day is not the violence's."""
    info = frame.infos[0]
    named = grievance_named(info)
    inside = [d for d in info.dates if d.start > named and d.first is not None and d.last is not None]
    if inside:
        return _date_value(frame, inside[0], producer)
    protest = next((d for d in info.dates if d.last is not None), frame.lead)
    gap = days_after(info.sentence.text[: named - info.sentence.start])
    if gap is not None and protest is not None and protest.last is not None and protest.precision == "day":
        return _days_before_protest(frame, protest, gap, producer)
    day = protest.last if protest is not None else published
    evidence = (
        (Span(protest.start, protest.end, frame_text(frame, protest.start, protest.end)),) if protest and info.dates else ()
    )
    end = day.isoformat() if day else None
    said = "the day of a protest over it" if protest is not None else "publication"
    return DateValue(None, end, "unknown", evidence, producer, f"unresolved: on or before {said}" if end else "unresolved")


def _days_before_protest(frame: Frame, protest: ResolvedDate, gap: FromBefore, producer: str) -> DateValue:
    """The day of violence a protest is told so long after ("…, three days after the market bombing")."""
    assert protest.last is not None
    day = gap.day(protest.last.isoformat())
    at = frame.infos[0].sentence.start
    evidence = (
        Span(at + gap.start, at + gap.end, gap.phrase),
        Span(protest.start, protest.end, frame_text(frame, protest.start, protest.end)),
    )
    how = f"{-gap.days} day{'s' if gap.days != -1 else ''} before the protest over it"
    return DateValue(day, day, "day", evidence, producer, how)


def _by_later_day(frame: Frame, day: ResolvedDate, why: str, producer: str) -> DateValue:
    """A frame dated only by a later day (a toll stated, the dead buried) happened on or before that day."""
    assert day.last is not None
    quote = frame_text(frame, day.start, day.end)
    evidence = (Span(day.start, day.end, quote),) if quote else ()
    return DateValue(None, day.last.isoformat(), "unknown", evidence, producer, f"the day {why}: on or before it")


def _before(frame: Frame, start: int) -> str:
    for info in frame.infos:
        s = info.sentence
        if s.start <= start <= s.end:
            return s.text[max(0, start - s.start - 80) : start - s.start]
    return ""


def frame_text(frame: Frame, start: int, end: int) -> str:
    for info in frame.infos:
        s = info.sentence
        if s.start <= start and end <= s.end:
            return s.text[start - s.start : end - s.start]
    return ""


def _date_value(frame: Frame, d: ResolvedDate, producer: str) -> DateValue:
    assert d.first is not None and d.last is not None
    quote = frame_text(frame, d.start, d.end)
    evidence = (Span(d.start, d.end, quote),) if quote else ()
    return DateValue(d.first.isoformat(), d.last.isoformat(), d.precision, evidence, producer, d.resolved_from)


def _rank(precision: str) -> int:
    return ["day", "week", "month", "year", "decade", "unknown"].index(precision)
