"""A deed told at several places at once: "Militants attacked the FC headquarters in Panjgur and Noshki on Wednesday
night, killing nine soldiers."

Towns or districts listed after one preposition ("in Panjgur and Noshki", "in Quetta, Turbat and Gwadar") that
follows the word of the deed in its clause, each at least ``APART_KM`` from the others and none inside another, are as
many incidents: each place is a claim of its own
with the sentence's type, day and actors but no count (the sentence does not say how many fell where), and the
sentence's counts are a total over them, an ``aggregate`` claim placed in the province they share, else the country.
Read as one, the claim was placed at the first town only, and a report of the attack at the second never met it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from saboot.claims import Actor, Claim, Location, Span
from saboot.extract.eventtypes import CIVIC
from saboot.extract.gazetteer import GazetteerLike, Place
from saboot.extract.places import LIST_GAP, TAKING, PlaceMention, resolve
from saboot.extract.reldates import FEW_WORDS, few
from saboot.extract.sentinfo import SentenceInfo
from saboot.geo import km

APART_KM = 30.0
# a pair that is one place or one stretch between them: "between Kalat and Mastung", "the road linking Quetta and …"
_NOT_A_LIST = re.compile(r"\b(?:between|from|linking|connecting|of|to|and)\s+(?:the\s+)?$", re.IGNORECASE)
# but people taken from towns listed were taken at each: "forcibly disappeared from Turbat and Gwadar" (rules.v13)
_TAKEN_FROM = re.compile(rf"\b(?:{TAKING})\s+(?:\w+\s+){{0,3}}?from\s+(?:the\s+)?$", re.IGNORECASE)
_TOWNS = ("place", "admin2")


def places_listed(text: str, info: SentenceInfo) -> list[tuple[int, Place]]:
    """The places the sentence lists after one preposition, each far from the others, with where each is named (the
    mention's index in ``info.places``); none when it lists fewer than two."""
    towns = [(k, m) for k, m in enumerate(info.places) if m.candidates and m.candidates[0].kind in _TOWNS]
    for i, (k, first) in enumerate(towns):
        if not first.locative or first.names_event:
            continue
        if _NOT_A_LIST.search(text, max(0, first.start - 25), first.start) and not _TAKEN_FROM.search(
            text, max(0, first.start - 60), first.start
        ):
            continue
        if not _of_the_deed(text, info, first.start):
            continue  # "Security was tightened in Quetta and Turbat after a bomb …": where something else was done
        run = [(k, first)]
        for j, m in towns[i + 1 :]:
            if not LIST_GAP.fullmatch(text, info.places[run[-1][0]].end, m.start):
                break
            run.append((j, m))
        while len(run) > 1 and "and" not in text[info.places[run[-2][0]].end : run[-1][1].start]:
            run.pop()  # a list ends in "and": "Karak, Tarin Kot, Uruzgan" is a town, its district and its province
        listed = [(k, m.candidates[0]) for k, m in run]
        if len(listed) >= 2 and all(_apart(a, b) for n, (_, a) in enumerate(listed) for _, b in listed[n + 1 :]):
            return listed
    return []


# between the deed's word and the list of its places: no other clause, no other deed ("…, and security was tightened
# in", "mourners in")
_ANOTHER_CLAUSE = re.compile(r"[,;]|\b(?:and|was|were|after|before|following|while|when|as)\b", re.IGNORECASE)


def _of_the_deed(text: str, info: SentenceInfo, start: int) -> bool:
    """Whether a word of violence heads the list that begins at ``start``: "attacked the FC headquarters in …",
    "Bombings in …", within 80 characters and the same clause."""
    before = [t for t in info.triggers if t[0] not in CIVIC and t[2] <= start]
    if not before:
        return False
    gap = text[before[-1][2] : start]
    return len(gap) <= 80 and _ANOTHER_CLAUSE.search(gap) is None


def _apart(a: Place, b: Place) -> bool:
    """Two places neither of which is in the other, at least ``APART_KM`` apart."""
    if a.id == b.id or a.parent == b.id or b.parent == a.id:
        return False
    if "admin2" in (a.kind, b.kind) and (a.country, a.admin1, a.admin2) == (b.country, b.admin1, b.admin2):
        return False
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return km(a.lat, a.lon, b.lat, b.lon) >= APART_KM


def at_each_place(
    text: str, claim: Claim, info: SentenceInfo, gaz: GazetteerLike, claim_id: Callable[[Span], str]
) -> list[Claim]:
    """``claim`` as a total over the places ``info`` lists (when it counts anyone) and a claim at each place; or
    ``claim`` alone when the sentence lists no places apart, or tells of no violence."""
    listed = places_listed(text, info) if claim.kind in ("event", "aggregate") and claim.event_type not in CIVIC else []
    named = {c.id for k, _ in listed for c in info.places[k].candidates}
    if not listed or claim.location is None or claim.location.gazetteer_id not in named:
        return [claim]  # the towns listed are not where the deed was: "died in hospitals in Hyderabad and Karachi"
    producer = claim.location.producer
    kept = tuple(f for f in claim.flags if f not in ("across_incidents", "count_across_incidents", "place_unknown"))
    out = []
    if claim.counts:
        spans = tuple(Span.of(text, info.places[k].start, info.places[k].end) for k, _ in listed)
        flags = tuple(sorted({*kept, "across_incidents", "count_across_incidents"}))
        out.append(replace(claim, kind="aggregate", location=_region([p for _, p in listed], gaz, spans, producer), flags=flags))
    for k, _ in listed:
        where = resolve(text, [info.places[k]], gaz, producer.split("+")[0])
        if where is not None:
            flags = tuple(sorted({*kept, "one_of_several_places"}))
            out.append(replace(claim, id=claim_id(where.evidence[0]), kind="event", location=where, counts={}, flags=flags))
    return out


# one of the deeds a total over several lists: "a doctor in Gulshan-e-Iqbal", "two traders in Orangi Town", the place
# named at its end (``each_deed_listed``)
_ITEM = re.compile(
    r"(?:^|[,:;]\s*|\s)(?:and\s+)?(?P<n>" + FEW_WORDS + r")\s+"
    r"(?:[\w-]+\s+){0,3}?(?:in|at|near|outside)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def each_deed_listed(
    text: str, claim: Claim, info: SentenceInfo, gaz: GazetteerLike, claim_id: Callable[[Span], str]
) -> list[Claim]:
    """``claim`` and, when it is a total over separate incidents that the sentence lists each with its toll and place
    ("Three Shia men were shot dead in separate incidents in Karachi on Monday: a doctor in Gulshan-e-Iqbal, a
    shopkeeper in Orangi Town and a lawyer in Soldier Bazaar"), a claim of each: its toll, at its place. At least two
    places, none named twice, tolls that add up to no more than the total."""
    total_over = claim.kind == "aggregate" and "across_incidents" in claim.flags
    if not (total_over or claim.kind == "event") or len(claim.counts) != 1:
        return [claim]
    [(field_name, total)] = claim.counts.items()
    items: list[tuple[PlaceMention, int, Span]] = []
    for m in info.places:
        item = _ITEM.search(text, max(info.sentence.start, m.start - 60), m.start)
        if m.candidates and item is not None and (not items or LIST_GAP.search(text, items[-1][0].end, item.end())):
            items.append((m, few(item["n"]), Span.of(text, item.start("n"), m.end)))
    names = {m.candidates[0].id for m, _, _ in items}
    added = sum(n for _, n, _ in items)
    if (
        len(items) < 2
        or len(names) < len(items)
        or (total.low is not None and added > (total.high or total.low))
        or (not total_over and added != total.best)  # one deed's toll told at two places: each of them, all of it
    ):
        return [claim]
    if not total_over:  # "gunmen killed a doctor in Gulshan-e-Iqbal and a shopkeeper in Orangi Town": a total over them
        flags = tuple(sorted({*claim.flags, "across_incidents", "count_across_incidents"}))
        claim = replace(claim, kind="aggregate", flags=flags)
    named = {m.start for m, _, _ in items}
    if claim.location is not None and any(e.start in named for e in claim.location.evidence):  # at one of them
        spans = tuple(Span.of(text, m.start, m.end) for m, _, _ in items)
        places = [m.candidates[0] for m, _, _ in items]
        town = _their_town(places, gaz, spans, claim.location.producer)
        claim = replace(claim, location=town or _region(places, gaz, spans, claim.location.producer))
    out = [claim]
    item_spans = [span for _, _, span in items]
    for m, n, span in items:
        where = resolve(text, [m], gaz, claim.location.producer if claim.location else total.producer.split("+")[0])
        count = replace(total, low=n, best=n, high=n, evidence=(span,), raw=span.quote, qualifier="", flags=(), parts=())
        flags = tuple(sorted({*claim.flags, "one_of_several_deeds"} - {"across_incidents", "count_across_incidents"}))
        out.append(
            replace(
                claim, id=claim_id(span), kind="event", location=where, counts={field_name: count}, flags=flags,
                victims=_victims_of(claim.victims, span, item_spans),
            )
        )  # fmt: skip
    return out


def _victims_of(victims: tuple[Actor, ...], item: Span, items: list[Span]) -> tuple[Actor, ...]:
    """The victims of one deed a list names: those named in its item ("two Christian traders in Orangi Town"); if it
    names none, those the sentence names outside every item ("Three Shia men were shot dead …: a doctor in …")."""

    def inside(actor: Actor, span: Span) -> bool:
        return any(span.start <= e.start and e.end <= span.end for e in actor.evidence)

    own = tuple(a for a in victims if inside(a, item))
    return own or tuple(a for a in victims if not any(inside(a, other) for other in items))


def _their_town(places: list[Place], gaz: GazetteerLike, evidence: tuple[Span, ...], producer: str) -> Location | None:
    """The town whose quarters ``places`` all are ("in Hazara Town and … in Marriabad": Quetta), if they are."""
    parents = {p.parent for p in places}
    town = gaz.get(parents.pop()) if len(parents) == 1 and None not in parents and "" not in parents else None
    if town is None or town.lat is None:
        return None
    return Location(
        town.name, town.admin2 or None, town.admin1 or None, town.country, town.lat, town.lon, "town", town.id, evidence, producer
    )


def _region(places: list[Place], gaz: GazetteerLike, evidence: tuple[Span, ...], producer: str) -> Location:
    """Where a total over ``places`` is placed: the province they share, else their country, else nowhere known."""
    country = places[0].country if len({p.country for p in places}) == 1 else None
    admin1 = places[0].admin1 if country and len({p.admin1 for p in places}) == 1 and places[0].admin1 else None
    if admin1 is None:
        return Location(country, None, None, country, None, None, "country" if country else "unknown", None, evidence, producer)
    province = next((p for p in gaz.lookup(admin1, country=country) if p.kind == "admin1"), None)
    lat, lon = (province.lat, province.lon) if province else (None, None)
    return Location(
        admin1, None, admin1, country, lat, lon, "province", None, evidence, producer,
        reach_km=gaz.reach_km(province) if province else None,
    )  # fmt: skip


def told_again(claims: list[Claim]) -> list[Claim]:
    """A report that lists the towns and then tells of each ("… in Panjgur and Noshki on Wednesday night, killing nine
    soldiers. In Noshki, four soldiers were killed …"): the later claim at a town is the attack there, dated by the
    list's sentence when it gives no day of its own; the town's claim of the list (no count) is left out."""
    listed = [c for c in claims if "one_of_several_places" in c.flags]
    told = {id(c): d for c in listed if (d := _told_at(c, claims)) is not None}
    out = []
    for c in claims:
        if id(c) in told:
            continue
        first = next((x for x in listed if told.get(id(x)) is c), None)
        if first is not None and c.date.precision == "unknown":
            date = replace(first.date, resolved_from="the sentence listing the towns")
            c = replace(c, date=date, flags=tuple(f for f in c.flags if f != "date_unresolved"))
        out.append(c)
    return out


def _told_at(listed: Claim, claims: list[Claim]) -> Claim | None:
    """A claim of the same report at ``listed``'s town, of a day it allows."""
    where = listed.location.gazetteer_id if listed.location else None
    for c in claims:
        if c.kind != "event" or "one_of_several_places" in c.flags or c.location is None or c.location.gazetteer_id != where:
            continue
        d, e = c.date, listed.date
        if d.precision == "unknown" or (d.start and d.end and e.start and e.end and d.start <= e.end and e.start <= d.end):
            return c
    return None
