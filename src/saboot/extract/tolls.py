"""Tolls as the press updates them: "the death toll … climbed to 90 on Friday".

The day a toll is given is not the day of what it counts, nor is the day the dead were buried; each bounds it from
above. A toll that rose is a report's figure for the incident, not more dead besides those it counted first.
"""

from __future__ import annotations

import re

from saboot.extract.casualties import DIED_OF_WOUNDS, CountMention
from saboot.extract.places import TARGETED_BEFORE, mourned_before
from saboot.extract.reldates import ResolvedDate
from saboot.extract.sentinfo import SentenceInfo

# "the death toll in the Sehwan shrine bombing climbed to 90 on Friday": the day the toll was given, not of the bombing
_ROSE = r"\b(?:rose|risen|rises|climbed|climbs|jumped|mounted|reached|increased|went up|grew|swelled)\s+to\s+"
# "the death toll … stood at 26 on Sunday", "reached 63 on Tuesday": the day of a toll that is not said to have risen
_STOOD = r"\b(?:stood|stands|was put|reached|hit|crossed)\s+(?:at\s+)?"
_TOLL_ON = re.compile(
    r"\b(?:toll|number of (?:the )?(?:[a-z]+ )?(?:dead|deaths|injured|wounded|killed))\b[^.;]{0,90}?"
    + f"(?:{_ROSE}|{_STOOD})"
    + r"(?:[\w,-]+\s+){1,3}?(?:(?:on|by|as of)\s+)?$",
    re.IGNORECASE,
)
_ROSE_TO = re.compile(_ROSE, re.IGNORECASE)  # "the toll later rose to 7": the report's latest figure
# "killing at least 59 people, officials said on Tuesday": the day they said it, not of the attack
_SAID_ON = re.compile(
    r"\b(?:said|says|told(?: \w+){1,3}?|confirmed|announced|stated|added)\s+"
    r"(?:on\s+|late\s+on\s+|early\s+on\s+)?$",
    re.IGNORECASE,
)


def bound_day(info: SentenceInfo, d: ResolvedDate, protests: bool = False) -> str | None:
    """What ``d`` is the day of, when it is a later day than the event's: a toll in this sentence was given ("climbed
    to 90 on Friday"), someone said what it tells ("officials said on Tuesday"), the dead were buried or mourned
    ("were buried in Rabwah on Saturday") or, with ``protests`` (for violence), a protest over it was held
    (``_protested``); else None."""
    s = info.sentence
    if d.start < s.start or s.text[d.end - s.start : d.end - s.start + 2] in ("'s", "’s"):
        return None  # "buried 86 victims of Friday's attacks": a day named for what happened on it
    before = s.text[max(0, d.start - s.start - 120) : d.start - s.start]
    if _TOLL_ON.search(before):
        return "a toll was stated"
    if _SAID_ON.search(before):
        return "it was said"
    if mourned_before(before, 0, len(before), day=True):
        return "the dead were buried or mourned"
    if _INJURED_DIED.search(before):
        return "the injured died"
    if _all_named_after(info, d):
        return "a later deed was told"
    return "a protest was held" if protests and _protested(s.text, d.start - s.start) else None


# "Two of the injured died in hospital on Tuesday", "… succumbed to their wounds on Tuesday": the day the wounded died
_INJURED_DIED = re.compile(
    rf"\b(?:injured|wounded)\b[^.;]{{0,40}}?\b(?:{DIED_OF_WOUNDS})\b[^.;]{{0,40}}$"
    r"|\b(?:succumbed|died of|died from)\s+(?:to\s+)?(?:their|his|her)\s+(?:injuries|wounds)\b[^.;]{0,30}$",
    re.IGNORECASE,
)
# "Pakistan hanged two militants on Friday, the first executions since the moratorium was lifted after the Peshawar
# school massacre": violence named only as what a later deed came after
_AFTER_THE = re.compile(r"\b(?:after|since|following)\s+(?:the\s+|a\s+|last\s+\w+'s\s+)?(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE)


def _all_named_after(info: SentenceInfo, d: ResolvedDate) -> bool:
    """Whether every word of violence in the sentence follows the day ``d`` and is named as what came before it
    (``_AFTER_THE``): the day is of another, later deed, which the violence bounds from above."""
    text, at = info.sentence.text, info.sentence.start
    violent = [start for _, start, end in info.triggers if end > start]
    return bool(violent) and all(
        start >= d.end and _AFTER_THE.search(text, max(0, start - at - 60), start - at) for start in violent
    )


# "continued their sit-in for a second day on Thursday, refusing to bury the four vendors shot dead … on Tuesday": a
# protest's day, with no word of violence before the protest in its sentence, nor between the protest and the day
_VIOLENCE = (
    r"\b(?:killed|killing|died|slain|shot|murdered|gunned|martyred|attack\w*|bomb\w*|blasts?|blew|explo\w*|clash\w*|"
    r"abduct\w*|kidnapp\w*|picked up|fired|firing)\b"
)
_PROTESTED = re.compile(
    r"\b(?:sit-ins?|protest\w*|demonstrat\w*|rall(?:y|ies|ied)|marched|long march|boycott\w*|shutter-down|wheel-jam)\b"
    rf"(?![^.;]*{_VIOLENCE})[^.;]*$",
    re.IGNORECASE,
)
_VIOLENT = re.compile(_VIOLENCE, re.IGNORECASE)


def _protested(sentence: str, at: int) -> bool:
    """Whether the day at ``at`` in ``sentence`` is that of a protest the sentence tells of before the violence it is
    over; not of a protest where the violence was done ("A suicide bomber blew himself up near a protest rally … on
    Monday evening", "a bomber struck a rally on Friday"). A protest over violence is held on or after its day."""
    m = _PROTESTED.search(sentence, max(0, at - 120), at)
    return (
        m is not None
        and not _VIOLENT.search(sentence, 0, m.start())
        and not TARGETED_BEFORE.search(sentence, max(0, m.start() - 40), m.start())
        and not _DURING.search(sentence, max(0, m.start() - 30), m.start())
    )


# "Police arrested 12 activists during a sit-in … on Monday": the deed done at the protest, on its day
_DURING = re.compile(r"\b(?:during|amid)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)


def risen(first: CountMention, later: CountMention) -> bool:
    """A later toll the count rose to ("The toll rose to seven on Friday") is the report's figure, not one more."""
    return later.start > first.start and rose_to(later)


def rose_to(count: CountMention) -> bool:
    """Whether the count is one a toll rose to ("The death toll rose to 42, officials said", "…, taking the toll to
    9")."""
    return any(_ROSE_TO.search(s.quote) or _TOLL_TO.match(s.quote) for s in count.quantity.evidence)


_TOLL_TO = re.compile(r"(?:death\s+)?toll\s+to\s", re.IGNORECASE)  # "taking the toll to 9": what the toll came to
