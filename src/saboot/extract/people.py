"""The people a claim's counts name: its victims by name, each with the words that name it.

A count may say whom it counts by name ("Sohail Baloch and Fasihullah Baloch, who were picked up": two, named), or
give a number and then the names in apposition ("Two students of the University of Balochistan, Sohail Baloch and
Fasihullah Baloch, went missing"). Each name becomes a victim of kind ``person`` (``claims.PERSON_KIND``): the
linker compares them between reports (``link.records.named_victims``), and an analyst sees who the incident befell,
and where each report says so. A name in apposition is taken only when the names are as many as the count: "Three
men, Karim Dad and Jameel Ahmed," names two of three, or names something else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from saboot.claims import PERSON_KIND, Actor, Quantity, Span
from saboot.extract.names import NAME, NAMED_MANY, NAMED_ONE, NOT_A_NAME, WORD

NAMED = (NAMED_ONE, NAMED_MANY)  # the qualifiers of a count that names whom it counts (``casualties``)
# a name is its capitalised words ("district governor Kohmard Mohammad Hadi"), up to what a count adds ("Kaker + his
# son"); a list is parted by commas and "and"
_A_NAME = re.compile(NAME)
_TWO_TO_FOUR = rf"{WORD}(?:\s{WORD}){{1,3}}"  # a name beside a count: two words or more
_PARTS = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s+\+.*$")
# ", Sohail Baloch and Fasihullah Baloch, went missing" at the end of a count's words: the names, then the verb
_APPOSITION = re.compile(rf",\s+({NAME}(?:,\s*{NAME})*(?:,?\s+and\s+{NAME})?),\s+(?:who\s+)?(?:\w+\s+){{0,3}}?\w+$")
# "Hafeez Baloch, a schoolteacher, was picked up": a name, opening its sentence, before the words of a count of one
_NAMED_BEFORE = re.compile(rf"(?:^|(?<=[.;:!?]\s)|(?<=\n))({_TWO_TO_FOUR}),\s+$")
# ", Hafeez Baloch," or ", later identified as Hafeez Baloch," right after the words of a count of one ("found the body
# of a schoolteacher, Hafeez Baloch, on the outskirts"): a name of two words or more, not a speaker ("killed a soldier,
# Major Ali Khan, the spokesman, said")
_NAMED_AFTER = re.compile(
    rf",\s+(?:(?:later\s+|since\s+)?identified\s+as\s+)?({_TWO_TO_FOUR}),"
    r"(?!\s*(?:(?:the|a|an)\s[^,.;]{0,50},\s*)?(?:said|says|told|added|stated)\b)"
)


def named_people(text: str, counts: Mapping[str, Quantity], producer: str) -> tuple[Actor, ...]:
    """The people the ``counts`` name, each once, in the order the counts give them."""
    people: dict[str, Actor] = {}
    for q in counts.values():
        for span in _names(text, q):
            people.setdefault(span.quote, Actor(span.quote, PERSON_KIND, "victim", (span,), producer))
    return tuple(people.values())


def _names(text: str, q: Quantity) -> list[Span]:
    """The spans of the names the count ``q`` gives, within its first evidence span."""
    if not q.evidence:
        return []
    where = q.evidence[0]
    at = where.start
    beside = _beside(text, q, where) if q.qualifier not in NAMED and q.best == 1 else None
    if q.qualifier in NAMED:
        names = [m.group(0) for part in _PARTS.split(q.raw) if (m := _A_NAME.search(part))]
    elif beside is not None and not NOT_A_NAME.match(beside.group(1)):
        return [Span.of(text, beside.start(1), beside.end(1))]
    else:
        listed = _APPOSITION.search(where.quote)
        names = [n for n in _PARTS.split(listed.group(1)) if n] if listed else []
        if listed is None or len(names) != q.best:
            return []
        at += listed.start(1)
    spans = []
    for name in names:
        found = text.find(name, at, where.end)
        if found >= 0:
            spans.append(Span.of(text, found, found + len(name)))
            at = found + len(name)
    return spans


def _beside(text: str, q: Quantity, where: Span) -> re.Match[str] | None:
    """A name beside a count of one: "the body of a schoolteacher, Hafeez Baloch," or "Hafeez Baloch, a schoolteacher,
    was" (before it only when the count's words are closed by a comma, or go on to say what befell the one counted:
    "Zahid Baloch, a student who went missing")."""
    after = _NAMED_AFTER.match(text, where.end)
    if after is not None:
        return after
    closed = where.quote.startswith(q.raw) and re.match(r",|\s+who\b", where.quote[len(q.raw) :]) is not None
    return _NAMED_BEFORE.search(text, max(0, where.start - 60), where.start) if closed else None
