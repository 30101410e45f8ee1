"""Claims: what a report asserts, each value with the exact words behind it.

A ``Claim`` is made of values (``Quantity``, ``DateValue``, ``Location``,
``Actor``); every value carries ``evidence``: ``Span``s with the invariant
``text[start:end] == quote`` (property-tested), and the versioned name of
what produced it (``rules.v18``, ``gazetteer@2026-12p``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from saboot.dates import stated
from saboot.model import plain

ClaimKind = Literal["event", "aggregate", "allegation", "statement"]
EVENT_TYPES = (
    "armed_attack", "mass_killing", "targeted_killing", "bombing", "abduction", "enforced_disappearance",
    "disappearance", "torture", "sexual_violence", "attack_on_property", "clash", "arrest", "protest", "riot", "other",
)  # fmt: skip
COUNT_FIELDS = ("killed", "injured", "abducted", "missing", "arrested")
# the counts of people taken or gone missing: one report's "abducted" is another's "missing"
TAKEN_FIELDS = ("abducted", "missing", "arrested")
# the flag of a claim placed where the protest against its deed was held, the sentence naming no place of the deed's own
PROTEST_PLACE = "place_of_protest"
# the flag of a claim whose sentence sets its deed after another, earlier incident it names ("… killed in clashes …, two
# days after the attack on the convoy"): a report of that incident is of another
FOLLOWS_ANOTHER = "follows_another"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    quote: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class Quantity:
    """A count as ``low``/``best``/``high`` (UCDP convention); ``None`` is unknown."""

    low: int | None
    best: int | None
    high: int | None
    evidence: tuple[Span, ...]
    producer: str
    raw: str = ""  # the number words as written, kept verbatim
    qualifier: str = ""  # "at least", "up to", "between", "dozens", ...
    flags: tuple[str, ...] = ()
    parts: tuple[CountPart, ...] = ()

    def triple(self, unknown: str = "?") -> str:
        """``low/best/high``, e.g. "9/9/?" for "at least nine" (``triple``)."""
        return triple(self.low, self.best, self.high, unknown)


def triple(low: int | None, best: int | None, high: int | None, unknown: str = "?") -> str:
    """A count as ``low/best/high``, e.g. "26/26/30", with ``unknown`` for a value nobody gave."""
    return "/".join(unknown if v is None else str(v) for v in (low, best, high))


def triple_of(count: object) -> str:
    """``triple`` of anything with a ``low``, ``best`` and ``high``, as attributes or keys (a count, its JSON, a
    source's values): the one way the workbench's pages and the dossier write a count."""
    low, best, high = (count.get(n) if isinstance(count, Mapping) else getattr(count, n, None) for n in ("low", "best", "high"))
    return triple(low, best, high)


@dataclass(frozen=True)
class CountPart:
    """One group within a count: "one civilian and six assailants"."""

    group: str
    low: int | None
    best: int | None
    high: int | None
    perpetrators: bool
    evidence: tuple[Span, ...]


@dataclass(frozen=True)
class DateValue:
    start: str | None  # ISO day
    end: str | None
    precision: Literal["day", "week", "month", "year", "decade", "unknown"]
    evidence: tuple[Span, ...]
    producer: str
    resolved_from: str = ""  # "text", "publication date", ...

    def stated(self, unknown: str = "?") -> str:
        """The date as precisely as it is known (``dates.stated``): "2011-09" for a month, never "2011-09-01"."""
        return stated(self.start, self.end, self.precision, unknown)


@dataclass(frozen=True)
class Location:
    name: str | None
    admin2: str | None
    admin1: str | None
    country: str | None  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    precision: Literal["exact", "town", "district", "province", "country", "unknown"]
    gazetteer_id: str | None
    evidence: tuple[Span, ...]
    producer: str
    detail: str | None = None  # a finer place the gazetteer lacks: "Nawi Bazaar area"
    # a quarter the gazetteer gives no point of its own, placed at its town's: the town's gazetteer id ("Orangi Town"
    # at Karachi's point)
    point_of: str | None = None
    # how far from its point a province reaches (km, ``Gazetteer.reach_km``): a place named only by its province may be
    # anywhere within it, Balochistan's farthest town 616 km from its point and Kapisa's 19
    reach_km: float | None = None


@dataclass(frozen=True)
class Actor:
    name: str  # canonical
    kind: str  # state_force, armed_group, party, community, generic; a victim named as a person: PERSON_KIND
    role: Literal["perpetrator", "victim"]
    evidence: tuple[Span, ...]
    producer: str
    relation: str = ""  # perpetrator: "claimed", "attributed", "named"; victim: "" or the group word
    actor_id: str | None = None
    # the movements it is a part of, nearest first (the dictionary's ``parent``: Jamaat-ul-Ahrar of Tehrik-i-Taliban
    # Pakistan, and that of the Taliban): a report naming one and a report naming the other name one perpetrator
    belongs_to: tuple[str, ...] = ()


PERSON_KIND = "person"  # the kind of a victim named as a person ("Sohail Baloch"; ``extract.people``)


@dataclass(frozen=True)
class Attribution:
    source: str
    evidence: tuple[Span, ...]


@dataclass(frozen=True)
class Claim:
    id: str
    document_id: str
    kind: ClaimKind
    event_type: str
    attributes: tuple[str, ...]  # "suicide", "state_actor"
    date: DateValue
    location: Location | None
    counts: dict[str, Quantity]
    perpetrators: tuple[Actor, ...]
    victims: tuple[Actor, ...]
    attributed_to: Attribution | None
    flags: tuple[str, ...]
    evidence: tuple[Span, ...]  # the sentences the claim stands on
    producer: str
    event_type_evidence: tuple[Span, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = plain(self)
        counts = data.pop("counts")
        for name in COUNT_FIELDS:
            data[name] = counts.get(name)
        for actor in data["victims"]:
            actor["group"] = actor["name"]
        return data


@dataclass(frozen=True)
class DocumentSignals:
    genre: Literal["reporting", "opinion", "reference"]
    emotive_terms: tuple[Span, ...]
    names_sources: bool
    source_mentions: tuple[Span, ...]
    producer: str


@dataclass(frozen=True)
class ExtractionInput:
    """What an extractor needs: the document's id, text and what is known of it."""

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Extraction:
    document_id: str
    extractor: str
    claims: tuple[Claim, ...]
    signals: DocumentSignals
    problems: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "extractor": self.extractor,
            "signals": asdict(self.signals),
            "claims": [c.to_json() for c in self.claims],
            "problems": list(self.problems),
        }


# -- JSON round trip (the store keeps claims as JSON beside plain columns) ------


def _spans(items: list[dict[str, Any]]) -> tuple[Span, ...]:
    return tuple(Span(**s) for s in items)


def _quantity(d: dict[str, Any] | None) -> Quantity | None:
    if d is None:
        return None
    parts = tuple(CountPart(**{**p, "evidence": _spans(p["evidence"])}) for p in d.get("parts", ()))
    return Quantity(**{**d, "evidence": _spans(d["evidence"]), "parts": parts, "flags": tuple(d.get("flags", ()))})


def _actor(d: dict[str, Any]) -> Actor:
    d = {k: v for k, v in d.items() if k != "group"}
    return Actor(**{**d, "evidence": _spans(d["evidence"]), "belongs_to": tuple(d.get("belongs_to", ()))})


def claim_from_json(d: dict[str, Any]) -> Claim:
    """Inverse of ``Claim.to_json``."""
    loc = d.get("location")
    attribution = d.get("attributed_to")
    counts = {name: q for name in COUNT_FIELDS if (q := _quantity(d.get(name))) is not None}
    return Claim(
        id=d["id"], document_id=d["document_id"], kind=d["kind"], event_type=d["event_type"],
        attributes=tuple(d["attributes"]),
        date=DateValue(**{**d["date"], "evidence": _spans(d["date"]["evidence"])}),
        location=Location(**{**loc, "evidence": _spans(loc["evidence"])}) if loc else None,
        counts=counts, perpetrators=tuple(_actor(a) for a in d["perpetrators"]),
        victims=tuple(_actor(a) for a in d["victims"]),
        attributed_to=Attribution(attribution["source"], _spans(attribution["evidence"])) if attribution else None,
        flags=tuple(d["flags"]), evidence=_spans(d["evidence"]), producer=d["producer"],
        event_type_evidence=_spans(d.get("event_type_evidence", [])),
    )  # fmt: skip
