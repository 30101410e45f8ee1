"""Reference datasets (GTD, Pakistan Body Count, UCDP GED, ACLED, any CSV):
curated incident tables that corroborate or contradict what reports say.

Each format is a small reader from its own column names to ``ReferenceRow``;
a row that cannot be read is reported with its line and skipped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from saboot import tabular
from saboot.dates import find_dates
from saboot.errors import BulkRowError, ConfigError
from saboot.extract.actors import default_actors
from saboot.extract.eventtypes import default_event_types
from saboot.extract.gazetteer import default_gazetteer
from saboot.link.records import TOLERANCE_KM, LinkRecord, event_group

FORMATS = ("gtd", "pbc", "ucdp", "acled", "csv")
REFERENCE_TOLERANCE_KM = 40.0  # datasets code an incident to the nearest city (GTD puts Mastung's massacre in Quetta)
# What a dataset's own precision code says its coordinates locate, in the words a claim's place uses
# (``records.TOLERANCE_KM``): a centroid of a district or a province is not where the incident happened, and a
# country's is no place at all. GTD's ``specificity``: 1 the town itself; 2 a town without coordinates and 3 outside any
# town, both at the centroid of the smallest region known; 4 a province's centroid; 5 no place. UCDP GED's
# ``where_prec``: 1 the exact place; 2 within about 25 km of a named one; 3 a district's (ADM2) centroid; 4 a
# province's (ADM1); 5 a part of the country larger than a district; 6 the country; 7 international waters or air
# space. ACLED's ``geo_precision``: 1 the town; 2 a small part of a region, at a town standing for it; 3 a larger
# region, at a natural feature or its provincial capital.
PLACE_PRECISION = {
    "gtd": {"1": "town", "2": "district", "3": "district", "4": "province", "5": "country"},
    "ucdp": {"1": "exact", "2": "town", "3": "district", "4": "province", "5": "province", "6": "country", "7": "country"},
    "acled": {"1": "town", "2": "district", "3": "province"},
}
ACLED_WEEK, ACLED_MONTH = "2", "3"  # time_precision: the date stands for the week around it, or for its month


@dataclass(frozen=True)
class ReferenceRow:
    dataset: str
    ref_id: str
    date_lo: str | None
    date_hi: str | None
    country: str | None
    admin1: str | None
    place: str | None
    lat: float | None
    lon: float | None
    event_type: str
    killed_low: int | None
    killed_best: int | None
    killed_high: int | None
    injured_low: int | None
    injured_high: int | None
    perpetrator: str | None
    place_precision: str = "town"  # what the coordinates locate (``PLACE_PRECISION``); rows imported before it: town
    multiple: bool = False  # one part of a coordinated attack the dataset records in several rows (GTD's ``multiple``)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def tolerance_km(self) -> float | None:
        """How far from its coordinates the incident may be: at least ``REFERENCE_TOLERANCE_KM``, wider for a region's
        centroid, and None (the coordinates are not compared) for a country's or when there are none."""
        km = TOLERANCE_KM.get(self.place_precision)
        return None if self.lat is None or self.lon is None or km is None else max(REFERENCE_TOLERANCE_KM, km)

    def record(self) -> LinkRecord:
        uid = f"ref:{self.dataset}:{self.ref_id}"
        tol = self.tolerance_km()
        lo = self.killed_low if self.killed_low is not None else self.killed_best
        hi = self.killed_high if self.killed_high is not None else self.killed_best
        line = actor_lineage(self.perpetrator) if self.perpetrator else ()  # the group, then its movements
        return LinkRecord(
            unique_id=uid, document_id=uid, source_key=self.dataset, date_lo=self.date_lo, date_hi=self.date_hi,
            ym=self.date_lo[:7] if self.date_lo else None, year=self.date_lo[:4] if self.date_lo else None,
            lat=self.lat if tol is not None else None, lon=self.lon if tol is not None else None, tol_km=tol, country=self.country,
            admin1=self.admin1, place_key=None, undated_place=None, event_type=self.event_type, event_group=event_group(self.event_type, self.killed_best),
            killed_lo=lo, killed_hi=hi, killed_best=self.killed_best, perpetrators=list(line[:1]), victims=[], perpetrators_within=list(line[1:]),
        )  # fmt: skip


@dataclass(frozen=True)
class Coverage:
    """What a reference dataset covers: its first and last day, its countries, and the kinds of incident it records
    (the types of its rows)."""

    first: str
    last: str
    countries: tuple[str, ...]
    event_types: tuple[str, ...]

    def covers(self, day: str, country: str | None, event_type: str | None = None) -> bool:
        """Whether an incident of this day, country and type is one the dataset should hold (``records``)."""
        inside = self.first <= day <= self.last and (country is None or country in self.countries)
        return inside and (event_type is None or records(self.event_types, event_type))


def records(row_types: tuple[str, ...], event_type: str) -> bool:
    """Whether a dataset whose rows have these types records incidents of ``event_type``: when the type is among them
    or is coded, in GTD's or ACLED's codes (``data/event_types.toml``), as one of them is (GTD's "Armed Assault" is
    both an armed attack and a mass killing), so that a terrorism dataset is not expected to hold a protest, nor a
    table of suicide bombings an armed attack. A dataset whose rows give no type ("other" only) records every type."""
    if event_type in row_types or set(row_types) <= {"other"}:
        return True
    codes = _codes(event_type)
    return any(codes & _codes(t) for t in row_types)


def _codes(event_type: str) -> set[str]:
    """GTD's and ACLED's codes for a saboot event type (none for a type the table does not list)."""
    t = default_event_types().by_name.get(event_type)
    return set(t.gtd + t.acled) if t else set()


@lru_cache(maxsize=4096)
def canonical_actor(name: str) -> str:
    """A dataset's name for a group as the extractor names it (``data/actors.toml``), so that a reference and a report
    naming one group agree when they are compared: ACLED's "TTP: Tehrik-i-Taliban Pakistan" and UCDP's "TTP" are the
    extractor's "Tehrik-i-Taliban Pakistan (TTP)". A name the dictionary does not know, or one naming several groups,
    stays as the dataset gives it; the row keeps the dataset's own name either way."""
    return actor_lineage(name)[0]


@lru_cache(maxsize=4096)
def actor_lineage(name: str) -> tuple[str, ...]:
    """``canonical_actor(name)`` and the movements it is a part of, as a claim's perpetrator lists them
    (``Actor.belongs_to``): "JuA" is Jamaat-ul-Ahrar, of Tehrik-i-Taliban Pakistan, of the Taliban."""
    found = {m.entry for m in default_actors().actors_in(name, 0, len(name))}
    if len(found) != 1:
        return (name,)
    entry = found.pop()
    return (entry.name, *entry.belongs_to)


def _int(value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        return int(float(value.replace(",", "")))
    except ValueError:
        return None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value and value.strip() else None
    except ValueError:
        return None


def _country(name: str | None) -> str | None:
    if not name:
        return None
    if len(name) == 2 and name.isupper():
        return name
    for p in default_gazetteer().lookup(name):
        if p.kind == "country":
            return p.country
    return None


def _admin1(country: str | None, name: str | None) -> str | None:
    if not name:
        return None
    gaz = default_gazetteer()
    for p in gaz.lookup(name, country):
        if p.kind == "admin1":
            return p.admin1
    return name


def _precision(fmt: str, column: str, value: str | None) -> str:
    """The place precision a dataset's code stands for (``PLACE_PRECISION``); a blank or missing cell: a town."""
    code = (value or "").strip().removesuffix(".0")
    if not code:
        return "town"
    if code not in PLACE_PRECISION[fmt]:
        raise ValueError(f"unknown {column} {value!r} (expected one of {', '.join(PLACE_PRECISION[fmt])})")
    return PLACE_PRECISION[fmt][code]


_PRIMARY = (
    "armed_attack",
    "bombing",
    "abduction",
    "targeted_killing",
    "attack_on_property",
    "clash",
    "protest",
    "riot",
    "arrest",
)


def _type_from(mapping: str, value: str | None) -> str:
    """The saboot type for a dataset's attack/sub-event type; where several
    list it, the general one (Armed Assault → armed_attack, not mass_killing)."""
    if not value:
        return "other"
    types = default_event_types().types
    ranked = sorted(types, key=lambda t: _PRIMARY.index(t.name) if t.name in _PRIMARY else len(_PRIMARY))
    for t in ranked:
        if value in (t.gtd if mapping == "gtd" else t.acled):
            return t.name
    return "other"


def _gtd(r: dict[str, str], dataset: str, line: int, country: str | None) -> ReferenceRow:
    year, month, day = _int(r["iyear"]), _int(r["imonth"]) or 0, _int(r["iday"]) or 0
    if not year:
        raise ValueError("no year")
    if month and day:
        lo = hi = dt.date(year, month, day).isoformat()
    elif month:
        lo, hi = dt.date(year, month, 1).isoformat(), dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat()
    else:
        lo, hi = f"{year}-01-01", f"{year}-12-31"
    cc = _country(r.get("country_txt")) or country
    nkill = _int(r.get("nkill"))
    nwound = _int(r.get("nwound"))
    gname = r.get("gname") or None
    return ReferenceRow(
        dataset, r.get("eventid") or f"{lo}-{line}", lo, hi, cc, _admin1(cc, r.get("provstate")), r.get("city") or None,
        _float(r.get("latitude")), _float(r.get("longitude")), _type_from("gtd", r.get("attacktype1_txt")),
        nkill, nkill, nkill, nwound, nwound, None if gname in (None, "Unknown") else gname,
        _precision("gtd", "specificity", r.get("specificity")), (r.get("multiple") or "").strip() in ("1", "1.0"),
    )  # fmt: skip


def _day(text: str | None) -> str | None:
    mentions = [m for m in find_dates((text or "").replace("-", " ")) if m.precision == "day"]
    return mentions[0].iso if mentions else None


def _pbc(r: dict[str, str], dataset: str, line: int, country: str | None) -> ReferenceRow:
    day = _day(r.get("Date"))
    if day is None:
        raise ValueError(f"no date in {r.get('Date')!r} (a totals row?)")
    killed_min = _int(r.get("Killed Min") or r.get("Total Died Min"))
    killed_max = _int(r.get("Killed Max") or r.get("Total Died Mix") or r.get("Total Died Max"))
    cc = country or "PK"
    return ReferenceRow(
        dataset, r.get("S#") or str(line), day, day, cc, _admin1(cc, r.get("Province")), r.get("City") or r.get("Location") or None,
        _float(r.get("Latitude")), _float(r.get("Longitude")), "bombing", killed_min if killed_min is not None else killed_max,
        None, killed_max, _int(r.get("Injured Min")), _int(r.get("Injured Max")), None,
    )  # fmt: skip


def _iso_or_day(text: str | None, what: str) -> str:
    """A date cell as ISO: "2013-01-10" or "2013-01-10 00:00:00.000" (UCDP, ACLED's API), else a written day such as
    "10 January 2013" (ACLED's export tool); a cell that is neither is an error naming what was found."""
    value = (text or "").strip()
    if re.match(r"\d{4}-\d\d-\d\d", value):
        return dt.date.fromisoformat(value[:10]).isoformat()
    day = _day(value)
    if day is None:
        raise ValueError(f"no date in {what} {value!r}")
    return day


UCDP_ONE_SIDED = "3"  # type_of_violence: 1 state-based, 2 non-state, 3 one-sided violence against civilians


def _ucdp(r: dict[str, str], dataset: str, line: int, country: str | None) -> ReferenceRow:
    """A row of the UCDP Georeferenced Event Dataset. In one-sided violence side_a is the actor and side_b the
    civilians; in a state-based conflict side_a is the government, so the other side is the one named."""
    cc = _country(r.get("country")) or country
    start = _iso_or_day(r.get("date_start"), "date_start")
    end = _iso_or_day(r.get("date_end"), "date_end") if (r.get("date_end") or "").strip() else start
    actor = r.get("side_a") if (r.get("type_of_violence") or "").strip() == UCDP_ONE_SIDED else r.get("side_b")
    return ReferenceRow(
        dataset, r.get("id") or str(line), start, end, cc,
        _admin1(cc, re.sub(r"\s+(province|territory)$", "", r.get("adm_1") or "", flags=re.I)), r.get("where_coordinates") or None,
        _float(r.get("latitude")), _float(r.get("longitude")), "armed_attack", _int(r.get("low")), _int(r.get("best")),
        _int(r.get("high")), None, None, actor or None, _precision("ucdp", "where_prec", r.get("where_prec")),
    )  # fmt: skip


def _acled_dates(day: str, precision: str | None) -> tuple[str, str]:
    """The days an ACLED ``event_date`` stands for by its ``time_precision``: 1 (or blank) the day itself, 2 the week
    around it (ACLED dates an event known only by its week to the middle of it), 3 its calendar month."""
    code = (precision or "").strip()
    date = dt.date.fromisoformat(day)
    if code in ("", "1"):
        return day, day
    if code == ACLED_WEEK:
        return (date - dt.timedelta(days=3)).isoformat(), (date + dt.timedelta(days=3)).isoformat()
    if code == ACLED_MONTH:
        last = calendar.monthrange(date.year, date.month)[1]
        return date.replace(day=1).isoformat(), date.replace(day=last).isoformat()
    raise ValueError(f"unknown time_precision {precision!r} (expected 1, 2 or 3)")


def _acled(r: dict[str, str], dataset: str, line: int, country: str | None) -> ReferenceRow:
    lo, hi = _acled_dates(_iso_or_day(r.get("event_date"), "event_date"), r.get("time_precision"))
    cc = _country(r.get("country")) or country
    fatalities = _int(r.get("fatalities"))
    return ReferenceRow(
        dataset, r.get("event_id_cnty") or str(line), lo, hi, cc, _admin1(cc, r.get("admin1")), r.get("location") or None,
        _float(r.get("latitude")), _float(r.get("longitude")), _type_from("acled", r.get("sub_event_type")),
        fatalities, fatalities, fatalities, None, None, r.get("actor1") or None,
        _precision("acled", "geo_precision", r.get("geo_precision")),
    )  # fmt: skip


READERS: dict[str, Callable[[dict[str, str], str, int, str | None], ReferenceRow]] = {
    "gtd": _gtd, "pbc": _pbc, "ucdp": _ucdp, "acled": _acled,
}  # fmt: skip


def _csv_precision(value: str | None) -> str:
    """A CSV's ``place_precision`` cell, in saboot's words for what coordinates locate; blank: a town."""
    word = (value or "town").strip().lower()
    if word not in TOLERANCE_KM:
        raise ValueError(f"unknown place_precision {value!r} (expected one of {', '.join(TOLERANCE_KM)})")
    return word


CSV_FIELDS = (
    "date", "date_start", "date_end", "country", "admin1", "city", "lat", "lon", "place_precision", "event_type",
    "killed", "killed_low", "killed_best", "killed_high", "injured", "perpetrator", "id",
)  # fmt: skip


def parse_map(spec: str | None) -> dict[str, str] | None:
    """``"date=Day,killed=Deaths"`` → ``{"date": "Day", "killed": "Deaths"}``: saboot's field names to a CSV's columns;
    an entry that is not ``FIELD=COLUMN`` with a field saboot reads is an error naming it."""
    if not spec:
        return None
    mapping: dict[str, str] = {}
    for part in spec.split(","):
        ours, sep, theirs = (p.strip() for p in part.partition("="))
        if not sep or ours not in CSV_FIELDS or not theirs:
            raise ConfigError(
                f"bad --map entry {part!r}", where="--map",
                hint=f"write FIELD=COLUMN pairs separated by commas, FIELD one of {', '.join(CSV_FIELDS)}",
            )  # fmt: skip
        mapping[ours] = theirs
    return mapping


def _csv_reader(mapping: dict[str, str]) -> Callable[[dict[str, str], str, int, str | None], ReferenceRow]:
    def read(r: dict[str, str], dataset: str, line: int, country: str | None) -> ReferenceRow:
        def get(field: str) -> str | None:
            return r.get(mapping.get(field, field)) or None

        day = get("date")
        lo = get("date_start") or (day[:10] if day and re.match(r"\d{4}-\d\d-\d\d", day) else _day(day))
        if lo is None:
            raise ValueError(f"no date in {day!r}")
        cc = _country(get("country")) or country
        killed = _int(get("killed"))
        return ReferenceRow(
            dataset, get("id") or str(line), lo, get("date_end") or lo, cc, _admin1(cc, get("admin1")), get("city"),
            _float(get("lat")), _float(get("lon")), get("event_type") or "other",
            _int(get("killed_low")) if get("killed_low") else killed, _int(get("killed_best")) if get("killed_best") else killed,
            _int(get("killed_high")) if get("killed_high") else killed, _int(get("injured")), _int(get("injured")), get("perpetrator"),
            _csv_precision(get("place_precision")),
        )  # fmt: skip

    return read


# The columns without which no row of a format can be read: checked in the header, before any row is.
REQUIRED = {"gtd": ("iyear", "imonth", "iday"), "pbc": ("Date",), "ucdp": ("date_start",), "acled": ("event_date",)}


def read_reference(
    path: Path,
    fmt: str,
    dataset: str,
    country: str | None = None,
    mapping: dict[str, str] | None = None,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
) -> Iterator[ReferenceRow | BulkRowError]:
    """The rows of a reference file: a CSV file (UTF-8 unless ``encoding`` says otherwise), a spreadsheet, or a .zip
    archive holding one of them."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown reference format {fmt!r}", where="--format", hint=f"use one of {', '.join(FORMATS)}")
    reader = _csv_reader(mapping or {}) if fmt == "csv" else READERS[fmt]
    if not path.is_file():
        raise ConfigError("no such file", where=str(path), hint="check the path")

    def read(line: int, where: str, row: dict[str, Any]) -> ReferenceRow:
        try:
            return reader(row, dataset, line, country)
        except (ValueError, KeyError) as exc:
            raise BulkRowError(
                f"unreadable row ({exc})", where=where, hint="fix the row or drop it; the others are imported"
            ) from exc

    required = tuple((mapping or {}).values()) if fmt == "csv" else REQUIRED[fmt]
    yield from tabular.read_table(path, read, required=required, encoding=encoding, sheet=sheet)
