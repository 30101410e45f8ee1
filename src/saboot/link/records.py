"""Link records: the columns the linkage engine compares, built from claims.

Dates are ranges that respect precision (a month-precision claim spans the
month); places carry a tolerance by precision (a town ±3 km, a district
±40 km, a province ±250 km), so "Mastung" and "Quetta" 50 km apart can
still be one incident coded to the nearest city.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any

from saboot.claims import FOLLOWS_ANOTHER, PERSON_KIND, PROTEST_PLACE, TAKEN_FIELDS, Actor, Claim, Location
from saboot.link.documents import features

PROVINCE_KM = 250.0  # the least a place named by its province may be from the province's point (``tolerance_km``)
TOLERANCE_KM = {"exact": 1.0, "town": 3.0, "district": 40.0, "province": PROVINCE_KM, "country": None, "unknown": None}
VIOLENT = {
    "armed_attack",
    "mass_killing",
    "targeted_killing",
    "bombing",
    "torture",
    "sexual_violence",
    "clash",
    "attack_on_property",
}
TAKEN = {"abduction", "enforced_disappearance", "disappearance", "arrest"}
UNCOMPARED_VICTIMS = frozenset({"civilians"})  # victims the linker does not compare (``_compared_victims``)
MAX_TERMS = 30
# Words nearly every report of violence uses, and its later reports of the toll and the funerals: they say nothing
# about which incident it is.
_GENERIC_WORDS = """
killed kill killing killings dead death deaths died injured wounded hurt people person persons police gunned
policeman policemen official officials officer officers attack attacks attacked attacker attackers assailant assailants blast
blasts bomb bombing bombs explosion exploded gunmen gunman fire fired firing shot shooting opened incident
incidents district province city town area areas village near according least including among while later
earlier after before today yesterday tonight monday tuesday wednesday thursday friday saturday sunday week month year
morning afternoon evening night nights midnight dawn dusk
years day days reported report reports reporter news agency government security forces force told said says
added claimed responsibility group groups men women children man woman local locals residents people's
hospital civilian civilians were have has had been being this that with from their there they them into also other
others more most than then
toll tolls rose risen climbed funeral funerals buried burial mourners mourning held across succumbed wounds martyred
body bodies corpse corpses remains found recovered discovered dumped
"""
GENERIC = frozenset(_GENERIC_WORDS.split())


def event_group(event_type: str, killed: int | None = None) -> str:
    """The kind of deed a type is: violence, a taking, or the type itself; a deed of no known type that killed
    ("the bodies of four men were found") is violence."""
    if event_type in VIOLENT or (event_type == "other" and (killed or 0) > 0):
        return "violent"
    if event_type in TAKEN:
        return "taken"
    return event_type


@dataclass(frozen=True)
class LinkRecord:
    unique_id: str  # claim id, or "ref:NAME:ID" for a reference row
    document_id: str
    source_key: str  # independence: outlet, else the original document
    date_lo: str | None
    date_hi: str | None
    ym: str | None
    year: str | None
    lat: float | None
    lon: float | None
    tol_km: float | None
    country: str | None
    admin1: str | None
    place_key: str | None
    undated_place: str | None  # the place key of a claim with no usable date, for blocking
    event_type: str
    event_group: str
    killed_lo: int | None
    killed_hi: int | None
    killed_best: int | None
    perpetrators: list[str]
    victims: list[str]
    terms: list[str] = field(default_factory=list)  # the distinctive words of the claim's sentences, for text similarity
    injured_lo: int | None = None
    injured_hi: int | None = None
    injured_best: int | None = None
    undated_admin1: str | None = None  # a claim with no usable date: its province, for ``spec.UNDATED_IN_PROVINCE``
    district: str | None = None  # "province/district" (districts of one name in two provinces are two)
    undated_district: str | None = None  # a claim with no usable date: its district, for ``spec.UNDATED_IN_DISTRICT``
    reported_by: str | None = None  # a claim with no date: the last day it can have happened (its report's), with slack
    placeless_day: str | None = None  # a claim of a known day placed in no province: that day, for ``spec.PLACELESS_ON_DAY``
    # the movements its perpetrators are a part of (``Actor.belongs_to``), for ``spec.SHARED_PERPETRATOR``
    perpetrators_within: list[str] = field(default_factory=list)
    named_victims: list[str] = field(default_factory=list)  # the people named as victims (``named_victims``), folded
    taken_lo: int | None = None  # the people taken, gone missing or arrested (``_taken``)
    taken_hi: int | None = None
    taken_best: int | None = None
    # a quarter the gazetteer gives no point of its own, placed at its town's: the town's id (``spec.TWO_QUARTERS``)
    quarter_of: str | None = None
    # a claim that sets its deed after another, earlier incident (``claims.FOLLOWS_ANOTHER``): its first day, before
    # which that incident was (``spec.TOLD_AS_EARLIER``)
    follows: str | None = None
    # a claim placed by its district alone ("in Fayzabad district, Jawzjan"): "province/district", for
    # ``spec.TWO_DISTRICTS``
    named_district: str | None = None

    def row(self) -> dict[str, Any]:
        """The record as a plain row, its fields in order and its lists copied. ``dataclasses.asdict`` took 35 µs a
        record, half a minute at a million claims; reading the fields anew for each record, 4.5 µs (this, 0.9 µs)."""
        row = dict(self.__dict__)  # a frozen dataclass's fields, in order
        for name in _LISTS:
            row[name] = list(row[name])
        return row


_LISTS = tuple(f.name for f in fields(LinkRecord) if str(f.type).startswith("list"))  # its fields that are lists
_FIELDS = tuple(f.name for f in fields(LinkRecord))


def from_row(values: list[Any] | dict[str, Any]) -> LinkRecord:
    """A record from what ``row`` gave, as it was stored: its values in order (or, kept before arrays were, the row
    itself). A full list of values is set as the fields as they are, without the frozen dataclass's ``__init__``, which
    sets each of its 29 fields through ``object.__setattr__`` (made from their JSON, a record at a time, a million kept
    records took 5.9 s this way and 8.6 s through ``__init__``)."""
    if isinstance(values, dict):
        return LinkRecord(**values)
    if len(values) != len(_FIELDS):  # written before the last fields were added: those take their defaults
        return LinkRecord(*values)
    record = object.__new__(LinkRecord)
    record.__dict__.update(zip(_FIELDS, values, strict=True))
    return record


def from_claim(claim: Claim, source_key: str) -> LinkRecord:
    d = claim.date
    loc = claim.location
    protest_place = PROTEST_PLACE in claim.flags
    (lo, hi, best), injured, taken = _range(claim, "killed"), _range(claim, "injured"), _taken(claim)
    named = _named_perpetrators(claim)
    return LinkRecord(
        unique_id=claim.id, document_id=claim.document_id, source_key=source_key,
        date_lo=d.start, date_hi=d.end if d.start else None, ym=d.start[:7] if d.start and d.precision in ("day", "week", "month") else None,
        year=d.start[:4] if d.start and d.precision != "decade" else None,
        lat=loc.lat if loc else None, lon=loc.lon if loc else None,
        tol_km=_tolerance(loc, protest_place),
        country=loc.country if loc else None, admin1=loc.admin1 if loc else None,
        place_key=(place := (loc.gazetteer_id or (loc.name or "").casefold() or None) if loc and loc.precision in ("exact", "town", "district") and not protest_place else None),
        undated_place=place if (undated := d.precision in ("unknown", "year", "decade")) else None,
        undated_admin1=loc.admin1 if loc and undated else None,
        district=(district := f"{loc.admin1}/{loc.admin2}" if loc and loc.admin1 and loc.admin2 else None),
        undated_district=district if undated else None,
        reported_by=_with_slack(d.end) if d.start is None and d.end else None,
        placeless_day=d.start if d.precision == "day" and not (loc and loc.admin1) else None,
        event_type=claim.event_type, event_group=event_group(claim.event_type, best), killed_lo=lo, killed_hi=hi, killed_best=best,
        perpetrators=sorted({a.name for a in named}), perpetrators_within=sorted({n for a in named for n in a.belongs_to}),
        victims=sorted({a.name for a in _compared_victims(claim) if a.kind != PERSON_KIND}),
        terms=terms_of(" ".join(s.quote for s in claim.evidence), _compared_words(claim)),
        injured_lo=injured[0], injured_hi=injured[1], injured_best=injured[2], named_victims=named_victims(claim),
        taken_lo=taken[0], taken_hi=taken[1], taken_best=taken[2], quarter_of=_quarter_of(loc),
        follows=d.start if FOLLOWS_ANOTHER in claim.flags else None,
        named_district=district if loc and loc.precision == "district" and not protest_place else None,
    )  # fmt: skip


def _quarter_of(loc: Location | None) -> str | None:
    """The town of a quarter that the gazetteer gives no point of its own, which the extractor placed at the town's
    point (``Location.point_of``): "Orangi Town" and "Gulshan-e-Iqbal", at Karachi's. Two such quarters of one town
    are at one point but not one place. Not a street, a market or a building (``_NOT_AN_AREA``), which may be in or
    beside a quarter: "Saturday's bombing on Kirani Road" is the bombing "in a crowded market in Quetta's Hazara
    Town"."""
    if loc is None or loc.point_of is None or loc.name is None:
        return None
    return None if _NOT_AN_AREA.search(loc.name) else loc.point_of


_NOT_AN_AREA = re.compile(
    r"\b(?:road|chowk|bypass|bazaar|market|street|lane|kocha|qissa khwani|university|college|complex|hospital|"
    r"mosque|imambargah|shrine)\b",
    re.IGNORECASE,
)


def _tolerance(loc: Location | None, protest_place: bool) -> float | None:
    """How far from its point a claim's place may be (km): by its precision; a district's for a place taken from where
    the protest against the deed was held (``PROTEST_PLACE``), which is often in the deed's district and no nearer
    (link-spec.v27: a sit-in in Parachinar against the killing of passengers on a road in Lower Kurram), and is no
    "same place" either."""
    if loc is None or loc.lat is None:
        return None
    return TOLERANCE_KM["district"] if protest_place else tolerance_km(loc)


def tolerance_km(loc: Location) -> float | None:
    """How far from its point a place may be (km), by its precision; a province's no less than its reach
    (``Location.reach_km``, link-spec.v30: a roadside bomb "in southwestern Balochistan province" and the same bomb in
    Buleda, 421 km from Balochistan's point, had been far apart).

    A province that reaches less than ``PROVINCE_KM`` keeps it. Tried with each province's own reach (Kapisa's 19 km
    and the like), 1,109 GTD summaries of as many incidents in Afghanistan joined 107 pairs, 68 of them on different
    days or in different cities, not 45 and 9 (``benchmarks/bench_distinct.py``): the weights measured on the store
    change with every tolerance, and narrower ones were not measured to help."""
    if loc.precision == "province" and loc.reach_km is not None:
        return max(PROVINCE_KM, loc.reach_km)
    return TOLERANCE_KM.get(loc.precision)


def _compared_victims(claim: Claim) -> list[Actor]:
    """The victims the linker compares: groups (``victims``) and people (``named_victims``), not "civilians", which
    nearly every report of violence names."""
    return [a for a in claim.victims if a.name not in UNCOMPARED_VICTIMS]


def _named_perpetrators(claim: Claim) -> list[Actor]:
    """The perpetrators the linker compares: not "gunmen", not a group that denies it."""
    return [a for a in claim.perpetrators if a.kind != "generic" and a.relation != "denied"]


# spellings of one name that reports use alike ("Mohammad", "Muhammad"; "Faseehullah", "Fasihullah"; from
# link-spec.v26 "Hassan", "Hasan"; "Abdul-Haq", "Abdul Haq": a doubled letter is one, a hyphen a space; an "h" between
# vowels is kept, since "Zahid" and "Zaid" are two names, but from link-spec.v27 not before "-ullah": "Fasihullah",
# "Fasiullah"; "Zabihullah", "Zabiullah")
_SPELLINGS = (
    (re.compile(r"\b(?:moh?amm?[ae]d|muhamm?[ae]d|mohd)\b"), "muhammad"),
    (re.compile(r"\bahm[ae]d\b"), "ahmad"),
    (re.compile(r"\bhuss?[ae]in\b"), "hussain"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"oo"), "u"),
    (re.compile(r"ih(?=ul+ah\b)"), "i"),
    (re.compile(r"(\w)\1"), r"\1"),
    (re.compile(r"-"), " "),
)


def named_victims(claim: Claim) -> list[str]:
    """The people the claim names as its victims ("Sohail Baloch and Fasihullah Baloch, who were picked up"), each as
    one name folded to a common spelling (``spec`` compares them): two reports naming one disappeared man are almost
    surely of one taking."""
    return sorted({fold_name(a.name) for a in claim.victims if a.kind == PERSON_KIND})


def fold_name(name: str) -> str:
    """A name as compared: casefolded, its spaces single, its common variant spellings one."""
    name = " ".join(name.casefold().split())
    for spelling, common in _SPELLINGS:
        name = spelling.sub(common, name)
    return name


REPORT_SLACK_DAYS = 2  # a report's date may be a day or two off the day it tells of (time zones, a late edition)


def _with_slack(day: str) -> str:
    return (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=REPORT_SLACK_DAYS)).isoformat()


def _range(claim: Claim, name: str) -> tuple[int | None, int | None, int | None]:
    """A count's (low, high, best) as the linker compares them: an unknown floor ("up to 30") stays unknown, meaning
    any number from 0; an unknown ceiling above a known floor ("at least 32") stays unknown, meaning any number from
    the floor (``spec.OPEN_REACH``); a figure of neither is its best value."""
    q = claim.counts.get(name)
    if q is None:
        return None, None, None
    return q.low, q.high if q.high is not None or q.low is not None else q.best, q.best


def _taken(claim: Claim) -> tuple[int | None, int | None, int | None]:
    """The people the claim says were taken, as ``_range`` gives a count: its largest of the abducted, the missing and
    the arrested (one report's "abducted" is another's "missing"; a claim seldom gives two of them)."""
    figures = [r for name in TAKEN_FIELDS if (r := _range(claim, name)) != (None, None, None)]
    return max(figures, key=lambda r: max(v for v in r if v is not None), default=(None, None, None))


def _compared_words(claim: Claim) -> frozenset[str]:
    """The words of what the linker compares on its own, not counted again as wording: the claim's place names, as the
    gazetteer and the text give them ("Afghanistan" in "near Marjah, Helmand, Afghanistan"), and the names of its
    perpetrators and of the victims it compares ("the Taliban", "Hazaras", "Sohail Baloch"). The words of victims it
    does not compare stay wording: "students" and "worshippers" say which attack it was, as "civilians" (a generic
    word) does not."""
    loc = claim.location
    names = [loc.name, loc.admin2, loc.admin1, *(s.quote for s in loc.evidence)] if loc else []
    actors = (*claim.perpetrators, *_compared_victims(claim))
    names += [n for a in actors for n in (a.name, *(s.quote for s in a.evidence))]
    return frozenset(_term(w) for name in names if name for w in features(name))


def _term(word: str) -> str:
    """A word as compared: "148." and "148" are one number, "Tuesday's" and "Tuesday" one day (and a generic one)."""
    word = word.rstrip(".,")
    return word[:-2] if word.endswith("'s") else word


def terms_of(text: str, leave_out: frozenset[str] = frozenset()) -> list[str]:
    """Up to ``MAX_TERMS`` distinctive words of a text (names and numbers first), generic words of violence left out."""
    bag: Counter[str] = Counter()
    for word, n in features(text).items():
        bag[_term(word)] += n
    bag = Counter({w: n for w, n in bag.items() if (len(w) >= 3 or w[:1].isdigit()) and w not in GENERIC and w not in leave_out})
    return sorted(sorted(bag, key=lambda w: (-bag[w], w))[:MAX_TERMS])
