"""Bodies found, or people killed, of people taken before: two deeds told in one sentence.

"The bodies of four men abducted from Panjgur last week were found in Turbat on Sunday" tells of a taking (four men,
Panjgur, last week) and of a finding (four dead, Turbat, Sunday); "Hafeez Baloch, who had been picked up by security
forces from Khuzdar in March, was killed in an encounter in Turbat" of a taking and a killing. Read as one, the claim put the dead in Panjgur on the
finding's day, and where and when the bodies were found was lost. The words of the taking (``Inner.hole``) are cut out
of the sentence's own claim, and read, with the people they are of (``Inner.sentence``), as a claim of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from saboot.claims import TAKEN_FIELDS, Span
from saboot.extract.casualties import CountMention
from saboot.extract.sentinfo import SentenceInfo
from saboot.extract.text import Sentence

_FOUND = r"(?:found|recovered|discovered|dumped|retrieved|fished out)"
# the finding of the dead: "was found dead", "police found the bodies of …", and "… were found" after a body's word
_FOUND_DEAD = re.compile(
    rf"\b{_FOUND}\s+(?:dead|murdered|shot dead|lifeless|(?:the\s+)?(?:[\w-]+\s+){{0,2}}?bod(?:y|ies)\s+of)\b", re.IGNORECASE
)
_FOUND_PASSIVE = re.compile(rf"\b(?:was|were|had been|have been|has been)\s+(?:\w+\s+)?{_FOUND}\b", re.IGNORECASE)
# or killed: "Hafeez Baloch, who had been picked up by the CTD in March, was killed in an encounter in Turbat"
_KILLED = re.compile(
    r"\b(?:was|were|had been|have been|has been)\s+(?:allegedly\s+|reportedly\s+)?(?:killed|shot dead|gunned down|"
    r"shot and killed|murdered|executed|tortured to death)\b",
    re.IGNORECASE,
)
_BODY = re.compile(r"\b(?:bod(?:y|ies)|corpses?|remains(?=\s+of\b))", re.IGNORECASE)
_BODY_OF = re.compile(r"\b(?:bod(?:y|ies)|corpses?|remains)\s+of\s+", re.IGNORECASE)
_TAKEN = (
    r"(?:abducted|kidnapped|picked up|taken away|whisked away|forcibly disappeared|detained|arrested|"
    r"(?:went|gone|been|were|was)\s+missing|missing since|disappeared)"
)
# "who had been picked up", ", picked up by the FC", "abducted from Panjgur": the words that say the people were taken
_CLAUSE = re.compile(
    r"(?:\s*,\s*|\s+)(?:(?:who|that)\s+(?:had\s+|have\s+|has\s+)?(?:been\s+|was\s+|were\s+)?)?"
    rf"(?:allegedly\s+|forcibly\s+|reportedly\s+)?{_TAKEN}\b",
    re.IGNORECASE,
)
# where the people's noun phrase begins: after a comma or a preposition before it
_HEAD_STARTS = re.compile(r",\s+|\b(?:of|on|in|at|and|that|when|after|as)\s+", re.IGNORECASE)
_HEAD_WORDS = 6


@dataclass(frozen=True)
class Inner:
    """The taking told inside a finding's sentence: ``sentence`` is the people and the words of their taking,
    ``hole`` (start, end) the words of the taking alone, ``finding`` (start, end) the words of the finding."""

    sentence: Sentence
    hole: tuple[int, int]
    finding: tuple[int, int]


def taking_within(text: str, sent: Sentence) -> Inner | None:
    """The taking of the people whose bodies ``sent`` reports found, when the sentence tells it."""
    s, e = sent.start, sent.end
    finding = _finding(text, s, e)
    if finding is None:
        return None
    for clause in _CLAUSE.finditer(text, s, e):
        if clause.start() < finding.end() and finding.start() < clause.end():
            continue
        body = _last(_BODY_OF, text, s, clause.start())
        end = _clause_end(text, clause.end(), finding, e)
        if finding.start() < clause.start():  # "police found the bodies of three men who had been kidnapped …"
            of_the_found = body is not None and finding.start() <= body.start() < finding.end()
        else:  # "… four men abducted from Panjgur last week were found": the taking's words, then the finding's
            of_the_found = _JOINS.fullmatch(text, end, finding.start()) is not None
        head = _head(text, body.end() if body else s, clause.start())
        if of_the_found and head is not None:  # not "found dead after he was abducted", "arrested …, a day after …"
            return Inner(Sentence(head, end, text[head:end], sent.index), (clause.start(), end), finding.span())
    return None


# between the taking's words and the finding's that follows them: a comma, and the finding's auxiliary verb
_JOINS = re.compile(r"[\s,]*(?:(?:was|were|had been|have been|has been)\s+(?:\w+\s+)?)?", re.IGNORECASE)


def _finding(text: str, start: int, end: int) -> re.Match[str] | None:
    """The words that tell the people were found dead, or killed."""
    dead = _FOUND_DEAD.search(text, start, end) or _KILLED.search(text, start, end)
    if dead is not None:
        return dead
    return next((m for m in _FOUND_PASSIVE.finditer(text, start, end) if _BODY.search(text, start, m.start())), None)


def _last(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    matches = list(pattern.finditer(text, start, end))
    return matches[-1] if matches else None


def _head(text: str, start: int, end: int) -> int | None:
    """Where the noun phrase of the people taken begins, at most ``_HEAD_WORDS`` words before ``end``."""
    cut = _last(_HEAD_STARTS, text, start, end)
    head = cut.end() if cut else start
    words = text[head:end].split()
    return head if 0 < len(words) <= _HEAD_WORDS else None


# in a taking's words that run to the sentence's end, the place the bodies were found: "who had been kidnapped from
# Quetta two weeks ago in Mastung on Tuesday" (taken from Quetta, found in Mastung)
_FOUND_AT = re.compile(r"\bfrom\s[^,;]*?(\s(?:in|near|at)\s+(?-i:[A-Z]))", re.IGNORECASE)


def _clause_end(text: str, start: int, finding: re.Match[str], end: int) -> int:
    """The end of the taking's words: a comma, the finding's verb, a place found at after the place taken from
    (``_FOUND_AT``), or the sentence's end (its full stop left out)."""
    comma = text.find(",", start, end)
    stops = [i for i in (comma, finding.start() if finding.start() >= start else -1) if i >= 0]
    if not stops and (at := _FOUND_AT.search(text, start, end)) is not None:
        stops.append(at.start(1))
    stop = min(stops) if stops else end
    return len(text[:stop].rstrip(" .;"))


def finding_part(text: str, info: SentenceInfo, inner: Inner) -> SentenceInfo:
    """The sentence's own deed, the finding: what lies in the taking's words left out, and no count of people taken.
    The people taken, when the finding counts no dead of its own, are its dead: "Four men abducted from Panjgur last
    week were found dead" (the count of the taken is read first, and takes the number)."""
    a, b = inner.hole

    def outside(start: int) -> bool:
        return not a <= start < b

    counts = [c for c in info.counts if c.field not in TAKEN_FIELDS]
    taken = next((c for c in info.counts if c.field in TAKEN_FIELDS), None)
    if taken is not None and not any(c.field == "killed" for c in counts):
        counts.append(_found_dead(text, taken, inner))
    return replace(
        info,
        dates=tuple(d for d in info.dates if outside(d.start)),
        counts=tuple(counts),
        triggers=tuple(t for t in info.triggers if outside(t[1])),
        places=tuple(p for p in info.places if outside(p.start)),
        actors=tuple(m for m in info.actors if outside(m.start)),
        groups=tuple(g for g in info.groups if outside(g.start)),
        hole=inner.hole,
    )


def _found_dead(text: str, taken: CountMention, inner: Inner) -> CountMention:
    """The dead the finding counts: as many as were taken, with the people's words and the finding's as evidence."""
    head = inner.sentence.start
    evidence = (Span.of(text, head, inner.hole[0]), Span.of(text, *inner.finding))
    q = replace(taken.quantity, evidence=evidence, qualifier="the people taken, then dead", parts=())
    return CountMention("killed", q, head, inner.finding[1])


def taking_part(info: SentenceInfo) -> SentenceInfo:
    """The taking: its counts of people taken only (the dead are the finding's), read as a deed of its own."""
    return replace(info, counts=tuple(c for c in info.counts if c.field in TAKEN_FIELDS), inner=True, new_incident=False)
