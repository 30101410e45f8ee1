"""What heads a report rather than tells of an incident: its headline, its dateline, and a heading date that dates
its first incident ("02/28/2016: Assailants attacked …")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from saboot.dates import find_dates
from saboot.extract.reldates import ResolvedDate
from saboot.extract.sentinfo import SentenceInfo

LEAD_DATE = re.compile(r"^\s*(?:\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})\s*:")


def is_heading(info: SentenceInfo, title: str | None) -> bool:
    """A headline restates the story; its numbers are counted in the body."""
    text = info.sentence.text.strip()
    return text.startswith("#") or (title is not None and text.rstrip(".") == title.strip().rstrip("."))


def drop_dateline(infos: list[SentenceInfo], published: dt.date | None) -> list[SentenceInfo]:
    """A date at the head of a report that equals its publication date is
    the dateline, not the date of what it reports; so is one in the closing
    sentence of a longer report (a credit line), but not a one-sentence report's own date, nor a heading date
    ("07/25/2016: Assailants attacked …", ``lead_date``), which dates the first incident even when a store took the
    report's publication date from it."""
    if published is None or not infos:
        return infos
    heading = LEAD_DATE.match(infos[0].sentence.text)
    heading_end = infos[0].sentence.start + heading.end() if heading else -1

    def keep(d: ResolvedDate, tail: bool, info: SentenceInfo) -> bool:
        if d.end <= heading_end:
            return True
        local = info.sentence.text
        rel = d.end - info.sentence.start
        dateline = d.start < 300 and (
            re.match(r"\s*[:–—(-]", local[rel : rel + 3]) or re.search(r"\bdate\s*$", local[: d.start - info.sentence.start])
        )
        credit = tail and d.resolved_from == "text"  # "on Friday" in the closing sentence is no credit line
        return not (d.first == published and d.precision == "day" and (credit or dateline))

    last = len(infos) - 1
    return [replace(info, dates=tuple(d for d in info.dates if keep(d, 0 < i == last, info))) for i, info in enumerate(infos)]


def lead_date(text: str, infos: list[SentenceInfo]) -> ResolvedDate | None:
    """A date that heads the document ("02/28/2016: ...") dates its first incident."""
    m = LEAD_DATE.match(text)
    if not m:
        return None
    mention = next((d for d in find_dates(text[: m.end()]) if d.precision == "day"), None)
    if mention is None:
        return None
    return ResolvedDate(mention.start, mention.end, mention.first, mention.last, "day", "text")
