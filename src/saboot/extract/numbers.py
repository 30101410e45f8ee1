"""The count grammar: "Twenty-six", "at least 347", "more than 100", "up to
30", "between 1,000 and 4,000", "dozens", "scores" → low/best/high.

Conventions (documented in the README):
- "at least N" → low=best=N, high unknown; "more than/over N" → low=best=N+1
  (GTD's convention); "up to/as many as N" → best=high=N, low unknown;
  "about/nearly N" → best=N; "between A and B", "A to B", "A or B" →
  low=A, high=B, best unknown.
- Vague words keep only a floor: dozens ≥ 24, scores ≥ 40, hundreds ≥ 200,
  thousands ≥ 2,000, several ≥ 3; flagged ``vague_quantity``.
- A malformed figure ("22,6000") is kept verbatim with ``malformed_number``
  and no value, never silently repaired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = ("hundred", "thousand", "million")
_SIMPLE = {w: i for i, w in enumerate(UNITS)} | {w: (i + 2) * 10 for i, w in enumerate(TENS)}
_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_WORDNUM = rf"(?:(?:{_WORD})(?:(?:-|\s+and\s+|\s+)(?:{_WORD}|hundred|thousand|million)\b)*|a\s+(?:hundred|thousand|million))"
_DIGITS = r"\d+(?:,\d+)*(?:\.\d+)?(?:\s*(?:million|thousand))?"
NUMBER = rf"(?:{_DIGITS}|\b{_WORDNUM}\b)"
VAGUE = {
    "dozens": (24, None), "scores": (40, None), "hundreds": (200, None), "thousands": (2000, None),
    "tens of thousands": (20000, None), "several": (3, None), "a few": (2, None), "a dozen": (12, 12),
    "half a dozen": (6, 6), "a handful": (2, None), "numerous": (2, None), "two dozen": (24, 24),
    "three dozen": (36, 36), "four dozen": (48, 48), "five dozen": (60, 60),
}  # fmt: skip
_VAGUE = "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True))
LOWER_BOUND = r"at\s+least|no\s+fewer\s+than|not\s+less\s+than|a\s+minimum\s+of|minimum\s+of|at\s+a\s+minimum"
ABOVE = r"more\s+than|over|above|upwards\s+of|in\s+excess\s+of"
UPPER_BOUND = r"up\s+to|as\s+many\s+as|at\s+most|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of"
APPROX = r"about|around|approximately|nearly|almost|roughly|some|an\s+estimated|estimated|close\s+to|reportedly"
_QUALIFIERS = rf"{LOWER_BOUND}|{ABOVE}|{UPPER_BOUND}|{APPROX}"
_QUAL = rf"(?P<qual>{_QUALIFIERS})"

QUANTITY = re.compile(
    # "at least two dozen", "over a dozen": a qualifier bounds a dozen as it does a number
    rf"(?:(?:(?P<vqual>{_QUALIFIERS})\s+)?(?P<vague>\b(?:{_VAGUE})\b)"
    rf"|(?:between|from)\s+(?P<r1>{NUMBER})\s+(?:and|to)\s+(?P<r2>{NUMBER})"
    rf"|(?P<a>{_DIGITS})\s*(?:-|–)\s*(?P<b>{_DIGITS})(?!\d|,\d)"
    rf"|(?P<c>{NUMBER})\s+(?:to|or)\s+(?P<d>{NUMBER})(?!\d|,\d)"
    rf"|(?:{_QUAL}\s+)?(?P<n>{NUMBER})(?!\d|,\d))(?:\s+of\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QuantityMatch:
    start: int
    end: int
    low: int | None
    best: int | None
    high: int | None
    raw: str
    qualifier: str
    flags: tuple[str, ...]


class NotANumber(ValueError):
    pass


def parse_number(raw: str) -> int:
    """Digits ("1,000", "2.5 million") or words ("three hundred and forty-seven")."""
    text = raw.strip().lower()
    scale = 1
    for word, factor in (("million", 1_000_000), ("thousand", 1000)):
        if text.endswith(word) and re.match(r"^[\d.,]+\s*" + word + "$", text):
            text, scale = text[: -len(word)].strip(), factor
    if re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", text):
        return round(float(text.replace(",", "")) * scale)
    if re.fullmatch(r"[\d,.]+", text):
        raise NotANumber(raw)  # digits in an impossible grouping: "22,6000"
    if text in _SIMPLE:
        return _SIMPLE[text]
    text = re.sub(r"^a\s+(hundred|thousand|million)", r"one \1", text)
    try:
        return int(text2num(text, "en"))
    except ValueError as exc:
        raise NotANumber(raw) from exc


def _value(raw: str) -> tuple[int | None, tuple[str, ...]]:
    try:
        return parse_number(raw), ()
    except NotANumber:
        return None, ("malformed_number",)


def quantity_from_match(m: re.Match[str]) -> QuantityMatch | None:
    raw = m.group(0).strip()
    if m.group("vague"):
        low, high = VAGUE[re.sub(r"\s+", " ", m.group("vague").lower())]
        qual = re.sub(r"\s+", " ", (m.group("vqual") or "").lower())
        if high == low and qual:  # "at least two dozen": 24 and up, "over a dozen": 13 and up
            return QuantityMatch(m.start(), m.end(), *_bounds(low, qual), raw, qual, ())
        best = low if high == low else None
        return QuantityMatch(
            m.start(), m.end(), low, best, high, raw, m.group("vague").lower(), () if best else ("vague_quantity",)
        )
    for first, second in (("r1", "r2"), ("a", "b"), ("c", "d")):
        if m.group(first):
            lo, f1 = _value(m.group(first))
            hi, f2 = _value(m.group(second))
            if lo is not None and hi is not None and lo > hi:
                return None  # "3-2" is a score or a date, not a range
            return QuantityMatch(m.start(), m.end(), lo, None, hi, raw, "range", f1 + f2)
    value, flags = _value(m.group("n"))
    qual = re.sub(r"\s+", " ", (m.group("qual") or "").lower())
    return QuantityMatch(m.start(), m.end(), *_bounds(value, qual), raw, qual, flags)


def _bounds(value: int | None, qual: str) -> tuple[int | None, int | None, int | None]:
    if value is None:
        return None, None, None
    if re.fullmatch(LOWER_BOUND, qual):
        return value, value, None
    if re.fullmatch(ABOVE, qual):
        return value + 1, value + 1, None
    if re.fullmatch(UPPER_BOUND, qual):
        return None, value, value
    if qual:  # about, nearly, an estimated ...
        return None, value, None
    return value, value, value


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[QuantityMatch]:
    found = []
    for m in QUANTITY.finditer(text, start, len(text) if end is None else end):
        q = quantity_from_match(m)
        if q is not None:
            found.append(q)
    return found
