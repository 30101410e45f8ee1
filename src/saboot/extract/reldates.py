"""Event dates: absolute mentions (``saboot.dates``) and relative ones
("Tuesday evening", "last month", "on Eid-ul-Fitr", "earlier this year",
"in July", "Sept 20") resolved against the publication date. Without a
publication date a relative mention stays an explicit unresolved range; no
day is ever guessed that the text does not support.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from saboot.dates import MONTHS, DateMention, Precision, find_dates
from saboot.extract.numbers import UNITS

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
FEW_WORDS = r"\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten"  # a few, as ``few`` reads them
# a part of the day before or after the incident reported before it: "earlier in the day", "later that evening"
IN_THE_DAY = r"(?:earlier|later) (?:in|on|that) (?:the )?(?:day|morning|afternoon|evening)"
_DAY_NAME = "(?:" + "|".join(WEEKDAYS) + ")"
_DAY_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_RELATIVE = re.compile(
    # "on Saturday and Sunday", "between Friday night and Saturday morning": the days from the first to the second
    r"\b(?:on\s+|between\s+)?(?P<wd_first>" + _DAY_NAME + r")" + _DAY_PART + r"\s+(?:and|to|till|until)\s+(?:on\s+)?"
    r"(?P<wd_last>" + _DAY_NAME + r")" + _DAY_PART + r"\b"
    r"|\b(?P<weekday>(?:last\s+|on\s+|this\s+)?" + _DAY_NAME + r")" + _DAY_PART + r"\b"
    r"|\b(?P<yesterday>yesterday|last night)\b"
    r"|\b(?P<today>today|this morning|this evening|tonight)\b"
    r"|\b(?P<lastmonth>last month)\b"
    r"|\b(?P<thismonth>this month|earlier this month)\b"
    r"|\b(?P<lastyear>last year)\b"
    r"|\b(?P<thisyear>this year|earlier this year)\b"
    r"|\b(?P<lastweek>last week)\b"
    r"|\b(?P<thisweek>(?:earlier |later )?this week)\b"
    r"|\b(?:the\s+)?first\s+(?P<firstmonths>\w+)\s+months\s+of\s+(?:the|this)\s+year\b"
    r"|\b(?:the\s+)?(?:past|last)\s+(?P<pastmonths>\w+)\s+months\b"
    r"|\b(?P<ago>" + FEW_WORDS + r")\s+(?P<ago_unit>days?|weeks?)\s+ago\b"
    r"|\b(?:over|during|at)\s+the\s+(?P<weekend>weekend)\b"
    r"|\bin\s+(?P<part>early|mid|late)[-\s](?P<part_month>" + _MONTH_NAMES + r")\b(?!\.?\s*\d)"
    r"|\b(?:at|by|towards?)\s+the\s+(?P<edge>start|beginning|end)\s+of\s+(?P<edge_month>" + _MONTH_NAMES + r")\b(?!\.?\s*\d)"
    r"|\b(?P<eid>eid[- ]?(?:ul|al)[- ]?(?P<eidkind>fitr|adha|azha))\b"
    r"|\b(?:in|during|on|since)\s+(?P<monthonly>" + _MONTH_NAMES + r")\b(?!\.?\s*\d)"
    r"|\b(?P<md_month>" + _MONTH_NAMES + r")\.?\s+(?P<md_day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s*\d{4})"
    # "on 18 March", "the 9th of May": the day first, as Pakistan's and Britain's press write it; the month capitalised
    r"|\b(?P<dm_day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?-i:(?=[A-Z]))(?P<dm_month>" + _MONTH_NAMES + r")\b\.?(?!,?\s*\d{4})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ResolvedDate:
    start: int
    end: int
    first: dt.date | None
    last: dt.date | None
    precision: Precision
    resolved_from: str  # "text" or "publication date"


def find_event_dates(text: str, start: int, end: int, published: dt.date | None) -> list[ResolvedDate]:
    """Absolute and relative date mentions in ``text[start:end]``."""
    found = [_absolute(m, start) for m in find_dates(text[start:end])]
    taken = [(d.start, d.end) for d in found]
    relative = [m for m in _RELATIVE.finditer(text, start, end) if not any(m.start() < e and m.end() > s for s, e in taken)]
    starts = [s for s, _ in taken] + [m.start() for m in relative if not m.group("weekday")]
    for m in relative:
        if m.group("weekday") and any(0 <= s - m.end() <= 3 for s in starts):
            continue  # "on Friday, 13 July": the date names the day; the weekday, read from the report's, need not be it
        found.append(_relative(m, published))
    return sorted((_of_that_year(text, d) for d in found), key=lambda d: d.start)


# "in January of that year", "in March the same year": the year named before, not the report's
_THAT_YEAR = re.compile(r",?\s+(?:of\s+)?(?:that|the\s+same)\s+year\b", re.IGNORECASE)
_A_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")


def _of_that_year(text: str, d: ResolvedDate) -> ResolvedDate:
    """``d``, a month read from the report's day, moved to the year the text named last before it when it says "of
    that year"."""
    that = _THAT_YEAR.match(text, d.end)
    years = _A_YEAR.findall(text, 0, d.start)
    if that is None or not years or d.first is None or d.last is None or d.resolved_from != "publication date":
        return d
    year = int(years[-1])
    last = calendar.monthrange(year, d.last.month)[1]
    first, end = dt.date(year, d.first.month, min(d.first.day, last)), dt.date(year, d.last.month, min(d.last.day, last))
    return replace(d, end=that.end(), first=first, last=end, resolved_from=f"the year named before it ({year})")


def _absolute(m: DateMention, offset: int) -> ResolvedDate:
    return ResolvedDate(m.start + offset, m.end + offset, m.first, m.last, m.precision, "text")


def _relative(m: re.Match[str], pub: dt.date | None) -> ResolvedDate:
    if pub is None:
        return ResolvedDate(m.start(), m.end(), None, None, "unknown", "unresolved: no publication date")
    first, last, precision = _resolve(m, pub)
    return ResolvedDate(m.start(), m.end(), first, last, precision, "publication date")


def _resolve(m: re.Match[str], pub: dt.date) -> tuple[dt.date | None, dt.date | None, Precision]:
    if m.group("wd_first"):  # the last such second day up to the report, and the first day before it
        first, last = (WEEKDAYS.index(m.group(g).lower()) for g in ("wd_first", "wd_last"))
        end = pub - dt.timedelta(days=(pub.weekday() - last) % 7)
        return end - dt.timedelta(days=(last - first) % 7), end, "week"
    if m.group("weekday"):
        day = WEEKDAYS.index(m.group("weekday").split()[-1].lower())
        back = (pub.weekday() - day) % 7
        back = back or (7 if m.group("weekday").lower().startswith("last") else 0)
        when = pub - dt.timedelta(days=back)
        return when, when, "day"
    if m.group("yesterday"):
        when = pub - dt.timedelta(days=1)
        return when, when, "day"
    if m.group("today"):
        return pub, pub, "day"
    if m.group("lastweek"):
        return pub - dt.timedelta(days=13), pub - dt.timedelta(days=1), "week"
    if m.group("thisweek"):  # "earlier this week": from its Monday (a week's span at most) to the report
        return pub - dt.timedelta(days=pub.weekday()), pub, "week"
    if m.group("firstmonths") or m.group("pastmonths"):
        return _months(m.group("firstmonths"), m.group("pastmonths"), pub)
    if m.group("lastmonth"):
        year, month = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
        return _month(year, month)
    if m.group("thismonth"):
        return pub.replace(day=1), pub, "month"
    if m.group("lastyear"):
        return dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31), "year"
    if m.group("thisyear"):
        return dt.date(pub.year, 1, 1), pub, "year"
    if m.group("eid"):
        return _eid(m.group("eidkind").lower(), pub)
    if m.group("ago"):
        return _ago(m.group("ago").lower(), m.group("ago_unit").lower(), pub)
    if m.group("weekend"):
        saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        return saturday, min(pub, saturday + dt.timedelta(days=1)), "week"
    if m.group("part") or m.group("edge"):
        month = MONTHS[(m.group("part_month") or m.group("edge_month")).lower()]
        return _part_of_month(_latest_year(month, pub), month, m.group("part") or m.group("edge"), pub)
    if m.group("monthonly"):
        month = MONTHS[m.group("monthonly").lower()]
        return _month(_latest_year(month, pub), month)
    month, dom = MONTHS[(m.group("md_month") or m.group("dm_month")).lower()], int(m.group("md_day") or m.group("dm_day"))
    year = pub.year if (month, dom) <= (pub.month, pub.day) else pub.year - 1
    try:
        when = dt.date(year, month, dom)
    except ValueError:
        return None, None, "unknown"
    return when, when, "day"


def _latest_year(month: int, pub: dt.date) -> int:
    """The year of the last such month up to publication: "in July" said in March is last July."""
    return pub.year if month <= pub.month else pub.year - 1


_MONTH_COUNT = {w: n for n, w in enumerate(UNITS[:13])}  # "six months"


def _months(first: str | None, past: str | None, pub: dt.date) -> tuple[dt.date | None, dt.date | None, Precision]:
    """ "The first six months of the year": from January to the sixth month's end (or publication, if sooner);
    "the past three months": from three months before publication to it."""
    word = (first or past or "").lower()
    n = int(word) if word.isdigit() else _MONTH_COUNT.get(word, 0)
    if not 1 <= n <= 12:
        return None, None, "unknown"
    if first is not None:
        return dt.date(pub.year, 1, 1), min(pub, _month(pub.year, n)[1]), "month"
    back = pub.month - n
    year, month = (pub.year, back) if back >= 1 else (pub.year - 1, back + 12)
    return dt.date(year, month, min(pub.day, calendar.monthrange(year, month)[1])), pub, "month"


_AGO = {"a": 1, "an": 1, **{w: n for n, w in enumerate(UNITS[:11])}}


def few(word: str) -> int:
    """ "3", "three", "a": a small number written as a number or a word (0 for one not known)."""
    return int(word) if word.isdigit() else _AGO.get(word.lower(), 0)


def _ago(count: str, unit: str, pub: dt.date) -> tuple[dt.date | None, dt.date | None, Precision]:
    """ "Two days ago" is a day; "a week ago", said loosely, the week around seven days before publication."""
    n = few(count)
    if unit.startswith("day"):
        when = pub - dt.timedelta(days=n)
        return when, when, "day"
    middle = pub - dt.timedelta(days=7 * n)
    return middle - dt.timedelta(days=3), min(pub, middle + dt.timedelta(days=3)), "week"


def _part_of_month(year: int, month: int, part: str, pub: dt.date) -> tuple[dt.date | None, dt.date | None, Precision]:
    """ "In early March" (1st-10th), "mid-March" (11th-20th), "late March" or "the end of March" (21st on), "the start
    of March" (1st-10th); known to the month only, so the precision stays a month's."""
    first, last, _ = _month(year, month)
    lo, hi = {"early": (1, 10), "start": (1, 10), "beginning": (1, 10), "mid": (11, 20)}.get(part.lower(), (21, last.day))
    return first.replace(day=lo), min(pub, last.replace(day=hi)), "month"


def _month(year: int, month: int) -> tuple[dt.date, dt.date, Precision]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), "month"


def _eid(kind: str, pub: dt.date) -> tuple[dt.date | None, dt.date | None, Precision]:
    """The last Eid on or before publication. Dates follow the Umm al-Qura
    calendar (hijridate); local observance (Pakistan, India) is often a day
    later, so the range is two days wide and the precision is not "day"."""
    from hijridate import Gregorian, Hijri

    month, day = (12, 10) if kind in ("adha", "azha") else (10, 1)
    year = Gregorian(pub.year, pub.month, pub.day).to_hijri().year
    for hijri_year in (year, year - 1):
        first = Hijri(hijri_year, month, day).to_gregorian()
        eid = dt.date(first.year, first.month, first.day)
        if eid <= pub:
            return eid, eid + dt.timedelta(days=1), "week"
    return None, None, "unknown"


# A day told by the incident reported just before it: "earlier in the day", "hours later", "on the same day" (0);
# "a day earlier", "two days later", "the previous day", "the day before," (at a clause's end: not "the day before the
# elections"), "the next day" (±days). A clause that opens "hours after" tells of an incident of the same day (rules.v18).
_FROM_BEFORE = re.compile(
    r"\b(?P<same>" + IN_THE_DAY + r"|(?:on )?the same day"
    r"|hours (?:earlier|later)|^(?:only |just |barely |a few |several )?hours after)\b"
    r"|\b(?P<count>" + FEW_WORDS + r") (?P<unit>days?|weeks?) (?P<way>earlier|later)\b"
    r"|\bthe (?P<prev>previous|preceding) day\b|\b(?P<before>the day before)(?=\s*(?:[,.;]|$))"
    r"|\bthe (?P<next>next|following) day\b"
    # a clause that opens so tells of an incident before the one before it (``sentinfo.clauses``)
    r"|^(?:only |just |barely )?(?P<since>\d+|a|an|one|two|three|four|five|six|seven) days? after\b"
    # a clause cut at its ", while" (``sentinfo.clauses``), lower case: a deed elsewhere at the time of the one before
    r"|^(?-i:while)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FromBefore:
    """A day given relative to the incident reported before it: ``days`` after it (negative: before), and where."""

    days: int
    start: int
    end: int
    phrase: str

    def day(self, before: str) -> str:
        """The ISO day ``days`` from the day ``before``."""
        return (dt.date.fromisoformat(before) + dt.timedelta(days=self.days)).isoformat()

    def how(self) -> str:
        """ "same day as", "the day before", "3 days after": how the day stands to the one before."""
        n = abs(self.days)
        return "same day as" if n == 0 else ("the day " if n == 1 else f"{n} days ") + ("before" if self.days < 0 else "after")


# "…, three days after the market bombing" at the end of what is read: the violence named, so long before the deed told
_DAYS_AFTER = re.compile(
    r"\b(?P<phrase>(?P<count>" + FEW_WORDS + r") (?P<unit>days?|weeks?) after)\s+[^,.;]{0,40}$", re.IGNORECASE
)


def days_after(text: str) -> FromBefore | None:
    """How long before the deed ``text`` tells the violence it names at its end came ("three days after the market
    bombing"): ``days`` negative, as for "three days earlier"."""
    m = _DAYS_AFTER.search(text)
    if m is None or not few(m.group("count")):
        return None
    week = 7 if m.group("unit").lower().startswith("week") else 1
    return FromBefore(-few(m.group("count")) * week, m.start("phrase"), m.end("phrase"), m.group("phrase"))


# "A month later, 84 died when a bomb tore through a market in Hazara Town": the month so many after (or before) the
# incident reported before it
_MONTHS_FROM_BEFORE = re.compile(r"\b(?P<count>" + FEW_WORDS + r") months? (?P<way>earlier|later)\b", re.IGNORECASE)


@dataclass(frozen=True)
class MonthsFromBefore:
    """A month given relative to the incident reported before it: ``months`` after it (negative: before), and where."""

    months: int
    start: int
    end: int
    phrase: str

    def month(self, before: str) -> tuple[str, str]:
        """The first and last ISO days of the month ``months`` from the day ``before``."""
        day = dt.date.fromisoformat(before)
        index = day.year * 12 + day.month - 1 + self.months
        year, month = divmod(index, 12)
        last = calendar.monthrange(year, month + 1)[1]
        return dt.date(year, month + 1, 1).isoformat(), dt.date(year, month + 1, last).isoformat()


def months_from_before(text: str) -> MonthsFromBefore | None:
    """The first phrase in ``text`` that dates its incident to a month by the one reported before it ("a month
    later", "two months earlier")."""
    m = _MONTHS_FROM_BEFORE.search(text)
    if m is None or not few(m.group("count")):
        return None
    sign = -1 if m.group("way").lower() == "earlier" else 1
    return MonthsFromBefore(sign * few(m.group("count")), m.start(), m.end(), m.group(0))


def from_before(text: str) -> FromBefore | None:
    """The first phrase in ``text`` that dates its incident by the one reported before it (``_FROM_BEFORE``)."""
    m = _FROM_BEFORE.search(text)
    if m is None:
        return None
    if m.group("since"):
        days = -few(m.group("since"))
    elif m.group("count"):
        week = 7 if m.group("unit").lower().startswith("week") else 1
        days = few(m.group("count")) * week * (-1 if m.group("way").lower() == "earlier" else 1)
    else:
        days = -1 if m.group("prev") or m.group("before") else 1 if m.group("next") else 0
    return FromBefore(days, m.start(), m.end(), m.group(0))
