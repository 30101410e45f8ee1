"""Protests and the violence they protest against, sentence by sentence.

A protest sentence may name the violence its protesters protest against ("demanding protection after the market
blasts that killed 72 people"). Its triggers are the sentence's ``grievances`` (``sentinfo``): not the protest's event,
and a count after them is of that violence, not of the protest.
"""

from __future__ import annotations

import re
from dataclasses import replace

from saboot.extract.casualties import CountMention
from saboot.extract.sentinfo import SentenceInfo


def protested(info: SentenceInfo) -> bool:
    """A protest sentence that counts the victims of the violence it protests against ("demanding protection after
    the Turi Market blasts that killed 72 people"): that violence is an event of its own, which other reports tell."""
    if not (info.civic and info.grievances) or _MANY.fullmatch(info.sentence.text, *info.grievances[0][1:]):
        return False  # "against the genocide of 300 Hazaras": a toll of many incidents, which the protesters allege
    return any(in_grievance(info, c) for c in info.counts if c.field in _HARMED)


_HARMED = ("killed", "injured", "abducted", "missing")


def protest_part(info: SentenceInfo) -> SentenceInfo:
    """The protest of a sentence that also tells the violence it protests against (``protested``): its dates and places
    named before that violence only ("on a hunger strike outside the Karachi Press Club for a month demanding the
    release of …, who went missing in Quetta on March 18": not Quetta, not March 18). With no place before it, the
    places after it stay: a sit-in with the bodies "of the three protesters killed in police firing in Quetta" is held
    where they were killed, as far as the sentence says."""
    named = grievance_named(info)
    places = tuple(p for p in info.places if p.start < named) or info.places
    return replace(info, dates=tuple(d for d in info.dates if d.start < named), places=places)


_MANY = re.compile(r"genocide|pogroms?|massacres|killings(?: of)?|persecution|ethnic cleansing", re.IGNORECASE)


def in_grievance(info: SentenceInfo, count: CountMention) -> bool:
    """Whether ``count`` is of the violence the sentence protests against: it ends after that violence is named."""
    if not (info.grievances or (info.civic and _GRIEVED.search(info.sentence.text))):
        return False
    return count.end > grievance_named(info)


def grievance(info: SentenceInfo) -> bool:
    """A protest sentence that names violence at a place: the protesters'
    allegation is recorded as a claim of its own."""
    return info.civic and _GRIEVED.search(info.sentence.text) is not None


_GRIEVED = re.compile(
    # "against the recovery of the bodies of two of its members in Turbat": the dead found, where they were found
    r"\b(?:killings?|genocide|massacres?|attacks?|violence|persecution|bodies)\b[^.]{0,40}\b(?:in|at)\s+(?:the\s+)?[A-Z]"
)


def grievance_named(info: SentenceInfo) -> int:
    """Where the sentence names the violence protested against (its first trigger, else its first word of violence)."""
    if info.grievances:
        return info.grievances[0][1]
    m = _GRIEVED.search(info.sentence.text)
    return info.sentence.start + m.start() if m else info.sentence.start
