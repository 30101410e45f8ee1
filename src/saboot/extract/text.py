"""Sentences with their offsets in the document text (no text is changed)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no", "vs", "jr", "sr", "prof", "gov",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "e.g", "i.e",
    "approx", "est", "govt", "dept", "inc", "ltd", "co", "rev", "sen", "rep", "brig", "cdr", "insp", "supt",
}  # fmt: skip
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    index: int
    # one of the deeds a sentence lists after another ("…, and a bomb in Bannu killed four"; ``sentinfo.clauses``): of
    # the day of the one before it unless it gives its own
    listed: bool = False
    # an earlier deed a sentence names to set its own in a series ("…, the deadliest attack in the city since the
    # bombing at the Civil Hospital in August 2016 that killed 74"; ``sentinfo.clauses``): a deed of its own
    earlier: bool = False
    # a deed the sentence goes on to set after another, earlier incident it names ("… killed in clashes …, two days
    # after the attack on the convoy"; ``sentinfo.clauses``): not that incident
    follows: bool = False
    # the earlier incident a sentence names first to set its deed after ("Two days after the attack on the convoy,
    # tribal clashes killed 32 …"; ``sentinfo.clauses``): dated from that deed, not from the incident reported before it
    leads: bool = False


def sentences(text: str) -> list[Sentence]:
    """Split on sentence punctuation and line breaks, keeping offsets."""
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0)[0] == "." and _is_abbreviation(text, m.start()):
            continue
        if m.group(0) == "\n" and _soft_wrap(text, m.start()):
            continue
        _add(out, text, start, m.start() + len(m.group(0).rstrip()) if m.group(0)[0] != "\n" else m.start())
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([\w.’']+)$", text[max(0, dot - 12) : dot])
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    return token in _ABBREV or (len(token) == 1 and token.isalpha()) or bool(_INITIALS.fullmatch(token))


def _soft_wrap(text: str, at: int) -> bool:
    """Whether the line break at ``at`` only wraps a long line of a paragraph ("… a bus carrying Shia pilgrims
    near\nMastung on Tuesday, …"): the line runs for WRAPPED characters or more and breaks after a
    word or a comma, and the next line goes on without a bullet or a dateline ("QUETTA:"). A short line (a
    headline), a line ending in a sentence's stop or a colon, and a blank line all end a sentence."""
    line = text[text.rfind("\n", 0, at) + 1 : at]  # the whole line, wherever the sentence began on it
    return len(line) >= WRAPPED and bool(_RUNS_ON.search(line)) and not _NEW_BLOCK.match(text, at + 1)


WRAPPED = 50  # characters: a line this long that breaks mid-sentence was wrapped, not ended
_RUNS_ON = re.compile(r"[\w,;’'”\)-]$")
DATELINE_PLACE = r"[A-Z]{3,}(?:[ -][A-Z]{3,})?"  # "QUETTA", "DERA BUGTI": a report's dateline, in capitals
_NEW_BLOCK = re.compile(rf"\s*(?:[•◦▪●*–-]|\d{{1,2}}[.)])\s|\s*{DATELINE_PLACE}\s*[:,—–]")  # a bullet, "QUETTA:"


_INITIALS = re.compile(r"(?:[a-z]\.){1,2}[a-z]")  # "D.I. Khan", "D.G. Khan": initials, not a sentence's end


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end], len(out)))


# "…, the third attack on the community this year", "…, the latest of several attacks on the garrison city": where the
# incident stands in a series, not a count of the series
NTH_SUCH = re.compile(
    r",\s+(?:in\s+|making\s+it\s+)?the\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest|"
    r"deadliest|worst|bloodiest|\d+(?:st|nd|rd|th))\s+"
    r"(?:(?:of|in)\s+(?:several|many|multiple|a\s+(?:series|spate|wave|string)\s+of)\s+)?(?:such\s+)?"
    r"(?:attack|killing|incident|bombing|blast|abduction|massacre|shooting|explosion|ambush)s?\b[^.;]*",
    re.IGNORECASE,
)


def own_words_end(text: str, start: int, end: int) -> int:
    """Where the sentence's own words end, before a closing phrase that places it in a series (``NTH_SUCH``)."""
    m = NTH_SUCH.search(text, start, end)
    return m.start() if m else end
