"""Absolute date mentions in text, with their character offsets.

Recognised: ISO ``2011-09-20``; ``3 Apr 2012`` / ``3rd of April, 2012``;
``April 3, 2012`` / ``Apr. 3rd 2012``; ``02/28/2016`` (US order, as GTD and
US outlets write; day-first when the first number is over 12); ``18-03-2014`` and
``18.03.2014`` (day first, as Pakistan's and Europe's press write them, unless the second number is over 12); ``September
2011``; a bare year ``in 1988``; decades ``the 1990s``. Relative expressions
("Tuesday evening", "last month") are resolved in ``saboot.extract.dates``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "week", "month", "year", "decade", "unknown"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
MONTH_WORDS = "January|February|March|April|May|June|July|August|September|October|November|December"  # in full
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:1[89]|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("dmy", re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)),
    ("slash", re.compile(r"\b(?P<a>[01]?\d|[23]\d)/(?P<b>[0-3]?\d)/(?P<year>(?:1[89]|20)\d\d)\b")),
    ("dotted", re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>[.-])(?P<b>[01]?\d)(?P=sep)(?P<year>(?:1[89]|20)\d\d)\b")),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", re.IGNORECASE)),
    ("decade", re.compile(r"\b(?:the\s+)?(?P<year>(?:1[89]|20)\d0)'?s\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?:in|since|during|of|year|by|until)\s+(?P<year>(?:1[89]|20)\d\d)\b(?![-/]\d)", re.IGNORECASE)),
]


@dataclass(frozen=True)
class DateMention:
    start: int  # offsets of the matched words in the text
    end: int
    first: dt.date  # earliest day the mention allows
    last: dt.date  # latest day the mention allows
    precision: Precision

    @property
    def iso(self) -> str:
        if self.precision == "day":
            return self.first.isoformat()
        if self.precision == "month":
            return self.first.isoformat()[:7]
        return self.first.isoformat()[:4]


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _build(kind: str, m: re.Match[str]) -> tuple[dt.date, dt.date, Precision] | None:
    year = int(m.group("year"))
    if kind in ("iso", "dmy", "mdy"):
        month = int(m.group("m")) if kind == "iso" else MONTHS[m.group("month").lower()]
        day = dt.date(year, month, int(m.group("day")))
        return day, day, "day"
    if kind in ("slash", "dotted"):
        a, b = int(m.group("a")), int(m.group("b"))
        month, dom = (a, b) if a <= 12 and (kind == "slash" or b > 12) else (b, a)
        day = dt.date(year, month, dom)
        return day, day, "day"
    if kind == "my":
        first, last = _month_range(year, MONTHS[m.group("month").lower()])
        return first, last, "month"
    if kind == "decade":
        return dt.date(year, 1, 1), dt.date(year + 9, 12, 31), "decade"
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


def find_dates(text: str) -> list[DateMention]:
    """Every absolute date mention, left to right, longest match winning."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start = m.start("year") if kind == "year" else m.start()
            if any(start < e and m.end() > s for s, e in taken):
                continue
            try:
                built = _build(kind, m)
            except ValueError:  # 31 February and the like: not a date
                continue
            if built is None:
                continue
            taken.append((start, m.end()))
            found.append(DateMention(start, m.end(), built[0], built[1], built[2]))
    return sorted(found, key=lambda d: d.start)


def published_from_text(text: str) -> tuple[str, Literal["dateline", "text"]] | None:
    """A publication date the report states itself: a dateline in its first
    lines, or a signature/byline date in its last lines. Day precision only."""
    first_line = text.lstrip()[:200].split("\n", 1)[0]
    offset = len(text) - len(text.lstrip())
    for mention in find_dates(text[: offset + len(first_line)]):
        if mention.precision == "day" and mention.start - offset < 120:
            return mention.iso, "dateline"
    tail_start = max(0, len(text.rstrip()) - 200)
    tail = text[tail_start:]
    days = [m for m in find_dates(tail) if m.precision == "day"]
    if days and len(tail[days[-1].end :].strip()) < 40:
        return days[-1].iso, "text"
    return None


def stated(start: str | None, end: str | None, precision: str, unknown: str = "?") -> str:
    """A date range as precisely as it is known and no more: "2011-09-20" for a day, "2011-09" for a month, "2013"
    for a year, "2011-09-18 … 2011-09-21" for any other range, "by 2013-01-14" when only the latest day is known
    (an undated event before its report), ``unknown`` when nothing is. Never a first day standing for a month."""
    if start is None:
        return f"by {end}" if end else unknown
    if end is None or end == start:
        return start
    whole_month = start[8:] == "01" and end == f"{start[:8]}{calendar.monthrange(int(start[:4]), int(start[5:7]))[1]:02d}"
    if precision == "month" and whole_month:
        return start[:7]
    if precision == "year" and start[5:] == "01-01" and end == f"{start[:4]}-12-31":
        return start[:4]
    return f"{start} … {end}"


def stated_json(date: Mapping[str, str | None], unknown: str = "?") -> str:
    """``stated`` of a date as an incident's JSON gives it (``{"start", "end", "precision"}``)."""
    return stated(date.get("start"), date.get("end"), date.get("precision") or "unknown", unknown)
