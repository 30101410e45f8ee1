"""One or two people a count names by a noun, not a number: "a soldier", "an assailant", "the bomber" (one),
"both assailants", "a Christian couple" (two), "the body of Hafeez Baloch" (one, named). ``casualties.find_counts``
reads them beside the numbers.
"""

from __future__ import annotations

import re

from saboot.extract.names import FULL_NAME, NAMED_ONE, NOT_A_NAME
from saboot.extract.numbers import TENS, UNITS, QuantityMatch

# "the body of Hafeez Baloch": one person, named
_BODY_OF_NAME = re.compile(rf"(?<=\b[Bb]ody of ){FULL_NAME}\b")
# a person by calling, kin or rank
PERSON = (
    r"(?:civilian|soldier|officer|police officer|policeman|assailant|attacker|militant|child|boy|girl|woman|man|person|"
    r"member|guard|bodyguard|driver|student|teacher|worker|employee|commander|elder|official|leader|journalist|doctor|"
    r"judge|prosecutor|cleric|chief|recruit|passenger|pilgrim|trader|shopkeeper|bomber|suicide bomber|gunman|"
    r"insurgent|fighter|resident|villager|farmer|contractor|engineer|deminer|minesweeper|interpreter|translator|clerk|"
    r"colleague|friend|relative|son|daughter|wife|husband|brother|sister|father|mother|cousin|nephew|niece|uncle|"
    r"lawyer|advocate|activist|professor|lecturer|politician|lawmaker|scholar|poet|writer|reporter|cameraman|"
    r"photographer|nurse|paramedic|imam|priest|pastor|labourer|laborer|miner|tribesman|shepherd|vendor|barber|tailor|"
    r"schoolteacher|headmaster|youth|mechanic|watchman|"
    # ranks: "a major and five soldiers", "a captain", "a Levies havildar" ("major" as a rank only before a name, a
    # comma or "and": not "a major attack")
    r"captain|lieutenant|colonel|brigadier|sepoy|naik|havildar|subedar|constable|sub-inspector|inspector|"
    r"major(?=\s+(?-i:[A-Z])|\s*,|\s+and\b))"
)
# "a Shia doctor": up to five words between, none of them another determiner ("a motorcycle shot dead a Shia doctor")
_SINGLE = re.compile(
    rf"\b(?:an?|another|the|his|her|their)\s+(?:(?!(?:an?|another|the|his|her|their)\s)[\w()-]+\s+){{0,5}}?{PERSON}\b(?!s)",
    re.IGNORECASE,
)
# "both assailants" is two people; "both civilians and soldiers" is a conjunction, not a count
_BOTH = re.compile(
    r"\bboth\s+(?:(?!and\b)[\w-]+\s+){0,2}?[\w-]+s\b(?!\s+and\s+(?!(?:an?|one|the|his|her|their|\d+|"
    + "|".join(UNITS[1:] + TENS)
    + r")\b))",
    re.IGNORECASE,
)
# "…, a police official told reporters": who speaks
_SPEAKER = re.compile(r"\s*,?\s+(?:said|says|told|stated|added|confirmed)\b")


def singles(text: str, start: int, end: int, taken: list[QuantityMatch]) -> list[QuantityMatch]:
    """ "a soldier", "an assailant", "the bomber": one person each."""
    out = []
    for m in _SINGLE.finditer(text, start, end):
        if (
            any(q.start <= m.start() < q.end for q in taken)
            or re.search(r"in addition to (?:the death of )?$", text[max(start, m.start() - 30) : m.start()], re.IGNORECASE)
            or _SPEAKER.match(text, m.end())  # "…, a police official told reporters": who speaks is no victim
        ):
            continue
        out.append(QuantityMatch(m.start(), m.end(), 1, 1, 1, m.group(0), "", ()))
    for m in (*_BOTH.finditer(text, start, end), *_COUPLE.finditer(text, start, end)):
        if not any(q.start <= m.start() < q.end for q in taken):
            out.append(QuantityMatch(m.start(), m.end(), 2, 2, 2, m.group(0), "", ()))
    for m in _BODY_OF_NAME.finditer(text, start, end):
        if not any(q.start <= m.start() < q.end for q in taken) and not NOT_A_NAME.match(m.group(0)):
            out.append(QuantityMatch(m.start(), m.end(), 1, 1, 1, m.group(0), NAMED_ONE, ()))
    return out


# "a Christian couple": two people ("a couple of" is a vague few, not this)
_COUPLE = re.compile(r"\b(?:an?|the)\s+(?:[\w-]+\s+){0,2}?couple\b(?!\s+of\b)", re.IGNORECASE)


_DETERMINER = ("a", "an", "another", "the", "his", "her", "their", "both")


def single_phrase(q: QuantityMatch) -> str | None:
    """The noun phrase of "a soldier" or "both assailants", whose count is its determiner."""
    first, _, rest = q.raw.partition(" ")
    if rest and first.lower() in _DETERMINER and q.best == (2 if first.lower() == "both" else 1):
        return rest
    return None
