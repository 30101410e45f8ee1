"""The default extractor: rules over sentences, no model, no network.

Sentences are analysed (``sentinfo``), grouped into frames — one frame per
incident the text reports — and each frame becomes a claim. A sentence that
counts over a period or a group ("347 Hazaras since 1999") becomes an
``aggregate`` claim of its own; an accusation ("accused of killing 70")
an ``allegation``. Counts are never summed across frames.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import replace
from functools import partial

from saboot.claims import (
    FOLLOWS_ANOTHER,
    PROTEST_PLACE,
    Actor,
    Attribution,
    Claim,
    DateValue,
    Extraction,
    ExtractionInput,
    Location,
    Quantity,
    Span,
)  # fmt: skip
from saboot.extract.actors import (
    BY_IN_PASSING,
    OBJECT_OF_DEED,
    RELATION_RANK,
    TARGETED,
    ActorDictionary,
    Mention,
    acts,
    default_actors,
    perpetrator_relation,
    to_actor,
)
from saboot.extract.base import Extractor
from saboot.extract.bodies import finding_part, taking_part, taking_within
from saboot.extract.casualties import CountMention
from saboot.extract.eventtypes import CIVIC, EventTypes, default_event_types
from saboot.extract.framedates import Frame, date_of, day_from_before, day_led, day_of_list_end
from saboot.extract.gazetteer import GazetteerLike, Place, default_gazetteer
from saboot.extract.grievances import grievance, grievance_named, in_grievance, protest_part, protested
from saboot.extract.heads import drop_dateline, is_heading, lead_date
from saboot.extract.people import named_people
from saboot.extract.places import countries_of, mourned_at, resolve
from saboot.extract.reldates import ResolvedDate, from_before
from saboot.extract.sentinfo import SUICIDE, TIME_SHIFT, SentenceInfo, analyse, clauses
from saboot.extract.several import at_each_place, each_deed_listed, told_again
from saboot.extract.signals import EMOTIVE, document_signals
from saboot.extract.text import Sentence, sentences
from saboot.extract.tolls import bound_day, risen, rose_to

NAME = "rules"
# v2–v9 (2026-12-05 to 2026-12-07): see the README's "How the extractor has changed"; v9, the last: a deed set
# "hours earlier" than the one before it is another incident, the abducted "killed them" are killed, "a lawyer" is one
# person, and the last word of a titled person's name is no place ("Kasi"); v10 to v14: the README.
# A new version gives claims new ids; analysts' link decisions follow them (saboot.link.lineage).
VERSION = "v18"
PRODUCER = f"{NAME}.{VERSION}"
_THE_ABDUCTED = (
    r"\b(?:the|all|both)\s+(?:\w+\s+)?(?:victims|hostages|captives|abductees|men|soldiers|officers|policemen|personnel|passengers|people|"
    r"civilians|travell?ers|workers|employees|guards|pilgrims|labou?rers|elders|drivers)\s+were\s+(?:\w+\s+){0,3}?"
)
# "The victims were shot and killed shortly after", "the officers were injured and released": the abducted, all of them
_ABDUCTED_THEN = {
    "killed": re.compile(
        _THE_ABDUCTED + r"(?:killed|executed|beheaded|shot dead|hanged)"
        # "abducted eleven coal miners … and killed them", "tied their hands and shot them dead"
        r"|\b(?:killed|executed|beheaded|murdered|slaughtered|hanged)\s+them\b|\bshot\s+(?:all\s+of\s+)?them\s+(?:all\s+)?dead\b"
        r"|\b(?:their|the(?:ir)?\s+\w+)\s+bodies\s+were\s+(?:\w+\s+){0,2}?(?:found|recovered|dumped)",  # "Their bodies were found"
        re.IGNORECASE,
    ),
    "injured": re.compile(_THE_ABDUCTED + r"(?:injured|wounded|hurt)", re.IGNORECASE),
}
_FREED = re.compile(r"\b(?:was|were|been)\s+(?:\w+\s+){0,2}?(?:released|rescued|freed|set free|recovered alive)\b", re.IGNORECASE)
_RESPONSIBILITY = re.compile(
    r"\b(?:claim\w*|attribut\w*|blam\w*|suspect\w*|accus\w*|denied|responsib\w*|behind)\b", re.IGNORECASE
)
_RESPONDS = re.compile(
    r"\W{0,3}(?:\w+\s+){0,6}?(?:repelled|rescued|freed|apprehended|arrested|responded|intercepted|defused|foiled|thwarted|"
    r"(?:shot|killed|captured|detained)\s+(?:\w+\s+){0,2}(?:the\s+)?(?:assailants?|attackers?|militants?|gunm[ae]n|insurgents?|bombers?|suicide bombers?|kidnappers))",
    re.IGNORECASE,
)
_PASSIVE_BY = re.compile(r"(?:\bby|at the hands of|backed by|used by|sponsored by)\s+(?:the\s+)?$", re.IGNORECASE)
_VIOLENT = {"armed_attack", "mass_killing", "targeted_killing", "bombing", "abduction", "enforced_disappearance", "disappearance", "torture", "sexual_violence", "attack_on_property", "clash", "arrest"}  # fmt: skip
_NATIONWIDE = re.compile(r"\b(?:across|throughout|all over) the country\b|\bnationwide\b|\bin (?:several|many) cities\b", re.I)
_GRIEVANCE_PLACE = re.compile(
    r"\b(?:genocide|killings?|killed|massacres?|persecution|violence|attacks?|against|mourn\w*)\b[^.,;]*$", re.IGNORECASE
)


class RuleExtractor(Extractor):
    """Dates, places, counts, actors and event types by rule."""

    name = NAME
    version = VERSION

    def __init__(
        self, gazetteer: GazetteerLike | None = None, actors: ActorDictionary | None = None, event_types: EventTypes | None = None
    ) -> None:
        self.gazetteer = gazetteer or default_gazetteer()
        self.actors = actors or default_actors()
        self.types = event_types or default_event_types()
        self._context: tuple[frozenset[str], str] = (frozenset(), "reporting")

    @property
    def producer(self) -> str:
        return f"{PRODUCER}+{self.actors.version}+{self.types.version}"

    def extract(self, doc: ExtractionInput) -> Extraction:
        text = doc.text
        published = _day(doc.published)
        countries = countries_of(text, self.gazetteer)
        infos = [
            part for s in clauses(text, sentences(text), self.types) for part in self._analysed(text, s, published, countries)
        ]
        signals = document_signals(text, PRODUCER)
        infos = drop_dateline([i for i in infos if not is_heading(i, doc.title)], published)
        frames = [part for frame in _frames(text, infos, published) for part in _split_aggregate(frame)]
        frames += _statements(infos, frames)
        self._context = (countries, signals.genre)
        claims: list[Claim] = []
        for n, frame in enumerate(frames):
            claim = self._claim(doc, frame, n, published, signals.names_sources)
            claim = day_from_before(claim, frame, claims)
            claims = day_of_list_end(text, claims, claim, frame.infos[0].sentence)
            claims, claim = day_led(text, claims, claim, frame.infos[0].sentence)
            claim = _inherit_from_summary(claim, frame, frames[n - 1] if n else None, claims)
            first = frame.infos[0]  # an earlier deed named to set another in a series may be anywhere
            if claim.location is None and first.new_incident and not (first.inner or first.sentence.earlier) and claims:
                previous = next((c for c in reversed(claims) if c.kind == "event" and c.location), None)
                if previous is not None:  # "in the second attack": where the first one was
                    claim = replace(
                        claim, location=previous.location, flags=tuple(f for f in claim.flags if f != "place_unknown")
                    )
            listing = next((i for i in frame.infos if i.places), frame.infos[0])
            place_id = partial(_place_claim_id, doc.id, self.producer, n)
            for c in at_each_place(text, claim, listing, self.gazetteer, place_id):
                claims += each_deed_listed(text, c, frame.infos[0], self.gazetteer, place_id)
        return Extraction(doc.id, self.producer, tuple(told_again(claims)), signals)

    def _analysed(self, text: str, sent: Sentence, published: dt.date | None, countries: frozenset[str]) -> list[SentenceInfo]:
        """The sentence's facts; two sets when it tells of bodies found of people taken before (``bodies``)."""
        info = analyse(text, sent, published, self.gazetteer, self.actors, self.types, countries, PRODUCER)
        inner = taking_within(text, sent)
        if inner is None:
            return [info]
        taking = analyse(text, inner.sentence, published, self.gazetteer, self.actors, self.types, countries, PRODUCER)
        return [finding_part(text, info, inner), taking_part(taking)]

    # -- one claim per frame ----------------------------------------------
    def _claim(self, doc: ExtractionInput, frame: Frame, n: int, published: dt.date | None, names_sources: bool) -> Claim:
        text = doc.text
        counts, count_flags = _frame_counts(frame)
        perpetrators = self._perpetrators(text, frame)
        state = _state_force(perpetrators)
        killed = counts.get("killed")
        spans = [piece for i in frame.infos for piece in i.pieces]
        if frame.grievance:
            event_type, type_evidence = self._grievance_type(text, frame)
        else:
            abducted = counts.get("abducted")
            event_type, type_evidence = self.types.classify(
                text,
                spans,
                state_actor=state,
                casualties=killed.best if killed else None,
                abducted=abducted.best if abducted else None,
            )
        if event_type == "arrest":  # "Police arrested three suspects …": who arrested them
            perpetrators = self._perpetrators(text, frame, arrest=True)
            state = _state_force(perpetrators)
        location, borrowed = self._location(text, frame, event_type)
        date = date_of(frame, published, PRODUCER)
        attribution = next((i.attribution for i in frame.infos if i.attribution), None)
        flags = _flags(frame, counts, count_flags, date, location, attribution, names_sources)
        follows = {FOLLOWS_ANOTHER} if any(i.sentence.follows for i in frame.infos) else set()
        flags = tuple(sorted(set(flags) | self._judgement_flags(frame, counts, location) | borrowed | follows))
        attrs = tuple(
            a for a, ok in (("suicide", any(SUICIDE.search(i.sentence.text) for i in frame.infos)), ("state_actor", state)) if ok
        )
        evidence = tuple(Span.of(text, s, e) for s, e in spans)
        return Claim(
            id=_claim_id(doc.id, self.producer, n, evidence), document_id=doc.id, kind=frame.kind, event_type=event_type,
            attributes=attrs, date=date, location=location, counts=counts, perpetrators=perpetrators,
            victims=self._victims(text, frame, perpetrators, named_people(text, counts, self.producer)),
            attributed_to=attribution, flags=flags,
            evidence=evidence, producer=self.producer, event_type_evidence=type_evidence,
        )  # fmt: skip

    def _judgement_flags(self, frame: Frame, counts: dict[str, Quantity], location: Location | None) -> set[str]:
        """``hyperbole``: sweeping or very large claims in emotive or opinion
        writing; ``place_ambiguous``: a bare place name found in several countries
        when the text names none of them, or not the one it was put in."""
        countries, genre = self._context
        flags: set[str] = set()
        words = " ".join(i.sentence.text for i in frame.infos)
        emotive = genre == "opinion" or bool(EMOTIVE.search(words))
        sweeping = bool(_SWEEPING.search(words)) or any(
            (q.best or q.low or 0) >= 1000 or q.qualifier in ("thousands", "hundreds", "tens of thousands")
            for q in counts.values()
        )
        if emotive and sweeping:
            flags.add("hyperbole")
        if location is not None and len(location.evidence) == 1 and location.name and location.country not in countries:
            homes = {p.country for p in self.gazetteer.lookup(location.name)}
            if len(homes) > 1:
                flags.add("place_ambiguous")
        return flags

    def _grievance_type(self, text: str, frame: Frame) -> tuple[str, tuple[Span, ...]]:
        sent = frame.infos[0].sentence
        hits = [h for h in self.types.triggers(text, sent.start, sent.end) if h[0] not in CIVIC]
        order = [t.name for t in self.types.types]
        hits.sort(key=lambda h: order.index(h[0]))
        return (hits[0][0], (Span.of(text, hits[0][1], hits[0][2]),)) if hits else ("other", ())

    def _location(self, text: str, frame: Frame, event_type: str) -> tuple[Location | None, set[str]]:
        """Where the frame's deed happened, and ``place_of_protest`` when it is a grievance placed where the protest
        against it was held, which the sentence gives for want of the violence's own place."""
        civic = event_type in CIVIC and not frame.grievance  # a sit-in beside the coffins is held where the coffins are
        mentions = [m for i in frame.infos for m in i.places if civic or not mourned_at(text, i.sentence.start, m)]
        if frame.grievance:  # where the violence protested against happened: named after it
            first = frame.infos[0]
            named = grievance_named(first)
            own = [m for m in mentions if named < m.start < first.sentence.end]
            # else the protest's town, not the quarter it is held in ("a sit-in on the Western Bypass in Quetta")
            town = [m for m in mentions if not (m.candidates and m.candidates[0].kind == "neighbourhood")]
            location = resolve(text, own or town or mentions, self.gazetteer, PRODUCER)
            return location, {PROTEST_PLACE} if location is not None and not own else set()
        if civic:  # a protest happens where it is held, not where the grievance is
            held = [m for m in mentions if not _GRIEVANCE_PLACE.search(text, max(0, m.start - 70), m.start)]
            nationwide = any(_NATIONWIDE.search(i.sentence.text) for i in frame.infos)
            mentions = held or ([] if nationwide else mentions)  # "sit-ins across the country against the Shikarpur …"
        return resolve(text, mentions, self.gazetteer, PRODUCER), set()

    def _perpetrators(self, text: str, frame: Frame, *, arrest: bool = False) -> tuple[Actor, ...]:
        best: dict[str, Actor] = {}
        for info in frame.infos:
            sent = info.sentence
            claimed_at = _claim_verb(sent.text)
            for i, m in enumerate(info.actors):
                relation = perpetrator_relation(sent.text, sent.start, m)
                if claimed_at is not None and i == 0 and m.start - sent.start < claimed_at:
                    relation = "claimed"
                before = text[max(sent.start, m.start - 60) : m.start]
                if relation != "claimed" and OBJECT_OF_DEED.search(before):
                    continue  # "Police killed two suspected militants": whom the deed was done to
                if relation == "named" and (
                    TARGETED.search(before)
                    or (
                        not acts(text, m.end, sent.end, arrest=arrest)
                        and (not _PASSIVE_BY.search(before[-25:]) or BY_IN_PASSING.search(before))
                    )
                ):
                    continue  # named, but as a target or in passing
                actor = to_actor(text, m, relation, self.producer)
                old = best.get(actor.name)
                if old is None or RELATION_RANK[relation] < RELATION_RANK[old.relation]:
                    best[actor.name] = actor
        return tuple(sorted(best.values(), key=lambda a: (RELATION_RANK[a.relation], a.kind == "generic")))

    def _victims(self, text: str, frame: Frame, perpetrators: tuple[Actor, ...], people: tuple[Actor, ...]) -> tuple[Actor, ...]:
        """The groups the frame names, but the perpetrators and a group's name inside a person's ("Nadir Baloch"),
        then the ``people``."""
        taken = [(s.start, s.end) for a in (*perpetrators, *people) for s in a.evidence]
        doers = {s.end for a in perpetrators for s in a.evidence}
        seen: dict[str, Actor] = {}
        for info in frame.infos:
            for g in info.groups:
                if any(g.start < e and g.end > s for s, e in taken) or g.entry.name in seen:
                    continue
                if any(_MEMBERS.fullmatch(text, e, g.start) for e in doers if g.start - 4 <= e < g.start):
                    continue  # "CTD officials killed four …": the doer's own people, named by a word a group shares
                g = self._of_force(text, info, g)
                if g.entry.name not in seen:
                    seen[g.entry.name] = to_actor(text, g, "", self.producer, role="victim")
        for colleagues in self._colleagues(text, frame, perpetrators):
            seen.setdefault(colleagues.entry.name, to_actor(text, colleagues, "", self.producer, role="victim"))
        return (*seen.values(), *people)

    def _of_force(self, text: str, info: SentenceInfo, group: Mention) -> Mention:
        """A group word right after a force that is a group too is that group's people: "Four CTD officials were
        killed" are police (they had been "officials"); else the group word as it is."""
        for m in info.actors:
            own = self.actors.group_named.get(m.entry.name)
            if own is not None and group.start - 4 <= m.end < group.start and _MEMBERS.fullmatch(text, m.end, group.start):
                return Mention(m.start, group.end, own)
        return group

    def _colleagues(self, text: str, frame: Frame, perpetrators: tuple[Actor, ...]) -> list[Mention]:
        """The doer's own group, when the deed was done to "his colleagues" ("A police officer opened fire on his
        colleagues …": the police, of whom the words naming the doer are no victims)."""
        out = []
        for actor in perpetrators:
            own = self.actors.group_named.get(actor.name)
            ends = [s.end for s in actor.evidence]
            found = (m for i in frame.infos for e in ends if (m := _COLLEAGUES.match(text, e, i.sentence.end)))
            if own is not None and actor.kind == "state_force" and (m := next(found, None)) is not None:
                out.append(Mention(m.start(1), m.end(1), own))
        return out


def _state_force(perpetrators: tuple[Actor, ...]) -> bool:
    """Whether a state's force is among the doers, not only one that denies it."""
    return any(a.kind == "state_force" and a.relation != "denied" for a in perpetrators)


_MEMBERS = re.compile(r"(?:['’]s)?\s")  # between a doer's name and the word for its people: "CTD officials", "FC's men"
# the doer's own people, whom the deed was done to: "opened fire on his colleagues", "attacked their fellow officers"
_COLLEAGUES = re.compile(
    r"(?:\s+\w+){0,4}?\s+(?:on|at|upon|attacked|killed|shot)\s+(?:(?:his|her|their)\s+(?:own\s+)?)?"
    r"(colleagues|comrades|fellow\s+(?:officers|policemen|police officers|soldiers|guards))\b",
    re.IGNORECASE,
)


# -- frames -------------------------------------------------------------------


def _frames(text: str, infos: list[SentenceInfo], published: dt.date | None) -> list[Frame]:
    frames: list[Frame] = []
    current: Frame | None = None
    lead = lead_date(text, infos)
    context_aggregate = False
    last_eventful = -1
    held: SentenceInfo | None = None  # an eventful sentence not worth a frame alone, which the next one may complete
    for info in infos:
        if lead is not None and info.sentence.index == 0 and not info.eventful:
            info = replace(
                info, triggers=(("other", info.sentence.start, info.sentence.start),)
            )  # the headed sentence is the event
        gap = info.sentence.index - last_eventful
        if info.eventful:
            last_eventful = info.sentence.index
        if info.bullet and context_aggregate and info.counts:
            frames.append(Frame([info], "aggregate"))
            continue
        if not info.bullet:
            context_aggregate = info.aggregate
        if not info.eventful:
            if current is not None and info.actors and _RESPONSIBILITY.search(info.sentence.text):
                current.infos.append(info)  # "The Taliban claimed responsibility for the incident."
            elif current is not None and any(then.search(info.sentence.text) for then in _ABDUCTED_THEN.values()):
                current.infos.append(info)  # "The officers were injured and released": what became of the abducted
            elif current is not None and _FREED.search(info.sentence.text) and _took(current):
                current.infos.append(info)  # "The victims were released on March 12, 2016."
            continue
        if info.inner:  # the taking of people whose bodies the sentence reports found: a deed of its own
            if _worth_a_frame(info):
                frames.append(Frame([info], "event"))
            continue
        if info.counts and (info.aggregate or _year_total(info) or any("across_incidents" in c.flags for c in info.counts)):
            frames.append(Frame([info], "aggregate"))
            continue
        if info.allegation and (info.counts or info.actors):
            frames.append(Frame([info], "allegation"))
            continue
        if protested(info):
            frames.append(Frame([info], "event", grievance=True))
            info = protest_part(info)
        elif grievance(info):
            frames.append(Frame([info], "allegation", grievance=True))
        if current is not None and info.attribution and _conflicting(current, info) and not (info.dates or info.places):
            frames.append(Frame([info], "allegation"))
            continue
        if current is not None and lead is not None and frames and not info.new_incident:
            current.infos.append(info)  # a report headed by one date tells one incident unless it says otherwise
            continue
        named = _named_earlier(text, frames, current, info)
        if named is not None:
            named.infos.append(info)  # "… killing 42 people. At least 32 have been killed in the clashes."
            continue
        if current is not None and not _starts_new(current, info, gap):
            current.infos.append(info)
            continue
        if not _worth_a_frame(info):
            current, held = None, info
            continue
        current = Frame([*_completed(held, info), info], "event", lead if not frames else None)
        frames.append(current)
    return _merge_same_incident(frames)


_ANY_KIND = frozenset({"armed_attack", "other"})
_THE_ONE = re.compile(r"\b(?:in|during|of|from|since)\s+the\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


def _named_earlier(text: str, frames: list[Frame], current: Frame | None, info: SentenceInfo) -> Frame | None:
    """The earlier frame of the report a toll is of when it names its incident by a kind the frame before it is not of
    ("Tribal clashes erupted in Kurram on Saturday, two days after gunmen attacked a convoy, killing 42 people. At least
    32 people have been killed in the clashes": the clashes', not the convoy's); None if it names none so, or gives a
    day or a place of its own."""
    if current is None or not info.counts or info.dates or info.places or info.new_incident:
        return None
    # "the attack" may be any kind's: only a kind of its own names one ("the clashes", "the bombing")
    named = {k for k, start, _ in info.triggers if k not in _ANY_KIND and _THE_ONE.search(text, max(0, start - 40), start)}
    if not named or named & {k for i in current.infos for k in i.kinds}:
        return None
    events = [f for f in frames if f is not current and f.kind == "event" and not f.grievance]
    return next((f for f in reversed(events) if named <= {k for i in f.infos for k in i.kinds}), None)


def _took(frame: Frame) -> bool:
    """Whether the frame tells of people taken: a count of the abducted, or an abduction's words."""
    return any(c.field == "abducted" for i in frame.infos for c in i.counts) or any(
        k in ("abduction", "enforced_disappearance", "disappearance") for i in frame.infos for k in i.kinds
    )


def _completed(held: SentenceInfo | None, info: SentenceInfo) -> list[SentenceInfo]:
    """The sentence just before, when it tells what ``info`` completes: "Gunmen attacked police officers in Helmand.
    Four officers were killed." An attack in a province is not worth a frame alone, but the count that follows it is
    of that attack, and there. Not when ``info`` names a place of its own, a new incident, or another kind of event."""
    if held is None or held.sentence.index != info.sentence.index - 1 or info.places or info.new_incident:
        return []
    return [] if _starts_new(Frame([held]), info, 1) else [held]


def _conflicting(frame: Frame, info: SentenceInfo) -> bool:
    """Another source's different figure for a count the incident already has; not a toll that rose to it ("The death
    toll rose to 42, officials said"), which is the report's later figure."""
    have = {c.field: c.quantity.best for i in frame.infos for c in i.counts}
    return any(c.field in have and have[c.field] != c.quantity.best and not rose_to(c) for c in info.counts)


_ONE_EVENT = re.compile(
    r"\b(?:massacre|attack|bombing|blast|explosion|ambush|raid|shooting|incident|assault|strike)\b", re.IGNORECASE
)


def _year_total(info: SentenceInfo) -> bool:
    """ "400 people were killed in Balochistan in 2013": a count over a whole
    year, with no single event named, is a total over many incidents."""
    dated = [d for d in info.dates if d.first is not None]
    return bool(dated) and all(d.precision in ("year", "decade") for d in dated) and not _ONE_EVENT.search(info.sentence.text)


def _starts_new(frame: Frame, info: SentenceInfo, gap: int) -> bool:
    if info.sentence.earlier:
        return True  # an earlier deed named to set the one before it in a series
    if info.sentence.follows and any(i.sentence.leads for i in frame.infos):
        return True  # the deed a sentence sets after the incident it named first ("Two days after the attack, …")
    if gap > 1 and not info.counts:
        return True  # a later, count-less mention is a new story or commentary, not this incident
    has_facts = any(i.counts or i.dates for i in frame.infos)
    if (info.new_incident or info.opens_with_date) and has_facts and (info.counts or info.dates or info.places):
        return True
    category = "civic" if info.civic else "violent"
    if info.kinds and category != frame.category() and (info.places or info.dates):
        return True
    frame_day = next((d for i in frame.infos for d in i.dates if d.first), frame.lead)
    new_day = next((d for d in info.dates if d.first and d.precision != "decade" and bound_day(info, d) is None), None)
    if info.counts and frame_day is not None and new_day is not None and not _overlap(frame_day, new_day):
        return True  # a later date alone is often the same story going on ("released on March 12")
    return _new_place(frame, info)


def _overlap(a: ResolvedDate, b: ResolvedDate) -> bool:
    assert a.first and a.last and b.first and b.last
    return a.first <= b.last and b.first <= a.last


def _new_place(frame: Frame, info: SentenceInfo) -> bool:
    """The sentence is at another town or district than the frame, neither within the other: "A blast killed 7 in
    Kohat. A roadside bomb killed two soldiers in Quetta." (two districts), not "… in Quetta. … in Hazarganji"."""
    old, new = _spots(frame.infos), _spots([info])
    return bool(old and new) and not any(_within(a, b) or _within(b, a) for a in old for b in new)


def _spots(infos: list[SentenceInfo], placed: bool = True) -> list[Place]:
    """The towns, quarters and districts the sentences name (``placed``: where a preposition puts something), each as
    the gazetteer first reads it."""
    return [
        m.candidates[0]
        for i in infos
        for m in i.places
        if (m.locative or not placed) and m.candidates and m.candidates[0].kind in ("place", "neighbourhood", "admin2")
    ]


def _within(a: Place, b: Place) -> bool:
    """``a`` is ``b``, a quarter of it, or in district ``b``."""
    return (
        a.id == b.id
        or a.parent == b.id
        or (b.kind == "admin2" and bool(b.admin2) and (a.country, a.admin1, a.admin2) == (b.country, b.admin1, b.admin2))
    )


_STATEMENT = re.compile(
    r"\b(?:genocide|massacres?|atrocit(?:y|ies)|killings|persecution|pogroms?|ethnic cleansing|war crimes?)\b", re.IGNORECASE
)
_SWEEPING = re.compile(
    r"\b(?:genocide|holocaust|extermination|wiped out|worst\b[^.]{0,40}\bhistory|ethnic cleansing|pogroms?)\b", re.IGNORECASE
)


def _statements(infos: list[SentenceInfo], frames: list[Frame]) -> list[Frame]:
    """Attributed assertions that count nothing ("X said this is the worst
    genocide in history") are kept as ``statement`` claims with their speaker."""
    used = {i.sentence.index for f in frames for i in f.infos}
    return [
        Frame([info], "statement")
        for info in infos
        if info.sentence.index not in used and info.attribution and not info.counts and _STATEMENT.search(info.sentence.text)
    ]


def _inherit_from_summary(claim: Claim, frame: Frame, previous: Frame | None, before: list[Claim]) -> Claim:
    """ "29 killed in two attacks near Mastung on 20 September. Gunmen first
    stopped a bus and killed 26 ...": each attack happened where and when
    the summary says."""
    if previous is None or previous.kind != "aggregate" or not before or "across_incidents" not in before[-1].flags:
        return claim
    if frame.infos[0].sentence.index - previous.infos[-1].sentence.index != 1:
        return claim
    summary = before[-1]
    flags = set(claim.flags)
    if claim.location is None and summary.location is not None:
        claim = replace(claim, location=summary.location)
        flags.discard("place_unknown")
    if claim.date.precision == "unknown" and summary.date.precision != "unknown":
        claim = replace(claim, date=replace(summary.date, resolved_from="the summary sentence before it"))
        flags.discard("date_unresolved")
    return replace(claim, flags=tuple(sorted(flags)))


def _split_aggregate(frame: Frame) -> list[Frame]:
    """Each count of an aggregate sentence is a claim of its own ("328
    killed up until last December ... 105 in 2010 alone")."""
    info = frame.infos[0]
    if frame.kind != "aggregate" or len(info.counts) < 2:
        return [frame]
    out = []
    for c in info.counts:
        dates = tuple(d for d in info.dates if c.end <= d.start <= c.end + 60) or info.dates
        out.append(Frame([replace(info, counts=(c,), dates=dates)], "aggregate"))
    return out


def _merge_same_incident(frames: list[Frame]) -> list[Frame]:
    """Two event frames at the same town with overlapping dates are one
    incident told twice ("In Chilas, 3 Apr 2012 ..." / "The Chilas massacre in April 2012")."""
    out: list[Frame] = []
    for frame in frames:
        twin = next((f for f in out if _mergeable(f, frame) and _same_incident(f, frame)), None)
        if twin is None:
            out.append(frame)
        else:
            twin.infos.extend(frame.infos)
    return out


def _mergeable(a: Frame, b: Frame) -> bool:
    if a.infos[0].inner or b.infos[0].inner:  # a taking told inside a finding's sentence is not that finding
        return a.infos[0].sentence.index != b.infos[0].sentence.index and a.kind == b.kind == "event"
    return (a.kind == b.kind == "event") or (a.grievance and b.grievance)


def _same_incident(a: Frame, b: Frame) -> bool:
    if a.grievance != b.grievance:
        return False  # a protest and the violence it protests against are two events
    if a.grievance and b.grievance:
        return bool(_named(a) & _named(b))
    if a.category() != b.category() or not (_named(a) & _named(b)) or _told_apart(b):
        return False
    da = next((d for i in a.infos for d in i.dates if d.first), a.lead)
    db = next((d for i in b.infos for d in i.dates if d.first), b.lead)
    if da is None or db is None:  # an undated, uncounted mention of the same town's incident
        undated = b if db is None else a
        return a.category() == "violent" and not any(i.counts for i in undated.infos)
    return _overlap(da, db)


def _told_apart(frame: Frame) -> bool:
    """A deed that the text sets before or after the one reported before it ("Hours earlier, gunmen shot dead a
    lawyer", "A month later, 84 died"; ``reldates.from_before``, ``sentinfo.TIME_SHIFT``): another incident, even on
    the same day, or in the same city."""
    first, text = frame.infos[0], frame.infos[0].sentence.text
    return first.new_incident and bool(first.kinds) and (from_before(text) is not None or bool(TIME_SHIFT.search(text)))


def _named(frame: Frame) -> set[str]:
    return {p.id for p in _spots(frame.infos, placed=False)}


# "claimed responsibility for the attack on …", not "for several of the attacks": one deed
_ONE_DEED_CLAIMED = re.compile(
    r"\bclaim\w*\s+(?:responsibility\s+for\s+)?(?:the|this|that|[A-Z]\w+day's)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attack|bombing|blast|killing|massacre|ambush|abduction|kidnapping|assault|explosion|shooting)\b(?!s)",
)


def _worth_a_frame(info: SentenceInfo) -> bool:
    """An incident needs a count, or a trigger with a date or a named town, or a group's claim of it that names whom
    or where it struck ("Jundullah claimed responsibility for the attack on the Ismaili community": who did it)."""
    if info.counts:
        return True
    sent = info.sentence
    named = bool(info.groups or info.places) and _ONE_DEED_CLAIMED.search(sent.text) is not None  # cheap tests first
    if named and any(perpetrator_relation(sent.text, sent.start, m) == "claimed" for m in info.actors):
        return True
    specific_date = any(d.precision in ("day", "week", "month") for d in info.dates)
    specific_place = any(p.candidates and p.candidates[0].kind in ("place", "neighbourhood", "admin2") for p in info.places)
    return bool(info.triggers) and (specific_date or specific_place)


# -- values -----------------------------------------------------------------


def _frame_counts(frame: Frame) -> tuple[dict[str, Quantity], set[str]]:
    """First stated count per field; a later count of the other side
    (perpetrators vs victims), one marked "also", or one of the hostages of an
    abduction the frame counts ("… two were abducted. The two hostages were
    killed") adds to it."""
    chosen: dict[str, CountMention] = {}
    extra: dict[str, list[CountMention]] = {}
    flags: set[str] = set()
    for info in frame.infos:
        for c in sorted(info.counts, key=lambda c: c.start):  # as the sentence tells them
            if in_grievance(info, c) != frame.grievance:
                continue  # a protest's count of the violence it protests against, or the protest's own
            flags |= set(c.flags)
            if c.field not in chosen or (
                "vague_quantity" in chosen[c.field].quantity.flags and "vague_quantity" not in c.quantity.flags
            ):
                chosen[c.field] = c
            elif risen(chosen[c.field], c):
                chosen[c.field] = c
                extra.pop(c.field, None)
            elif c.field == "killed" and (_adds(chosen[c.field], c, info) or _hostages_too(chosen, c)):
                extra.setdefault(c.field, []).append(c)
    for name, then in _ABDUCTED_THEN.items():
        if name not in chosen and "abducted" in chosen:
            found = _the_abducted(frame, then, chosen["abducted"].quantity, name)
            if found is not None:
                chosen[name] = found
    out = {}
    for name, c in chosen.items():
        q = c.quantity
        for more in extra.get(name, []):
            q = _add(q, more.quantity)
        out[name] = q
        flags |= set(q.flags)
    return out, flags


def _the_abducted(frame: Frame, then: re.Pattern[str], abducted: Quantity, name: str) -> CountMention | None:
    for info in frame.infos:
        m = then.search(info.sentence.text)
        if m:
            span = Span(info.sentence.start + m.start(), info.sentence.start + m.end(), m.group(0))
            q = replace(abducted, evidence=(span, *abducted.evidence), qualifier=f"the abducted, {name}")
            return CountMention(name, q, span.start, span.end)
    return None


# words that make a later count of the killed more of them: "also", the injured who "later died" (not "three more people
# were killed", which is as often a second attack: "when gunmen fired on a vehicle taking relatives to the scene")
_ALSO = re.compile(
    r"\b(?:also|in addition|additionally|another|other|later died|subsequently died|succumbed|"
    r"(?:injured|wounded)\s+(?:\w+\s+){0,3}?died)\b",
    re.IGNORECASE,
)


def _adds(first: CountMention, later: CountMention, info: SentenceInfo) -> bool:
    if later.start == first.start:
        return False
    if first.perpetrators_only != later.perpetrators_only:
        return True
    # "… rose to 48 on Monday as three more injured persons succumbed to their wounds": a toll that rose holds them
    return bool(_ALSO.search(info.sentence.text)) and not (rose_to(first) or rose_to(later))


_HOSTAGES = re.compile(r"\b(?:hostages?|captives?|abductees?)\b", re.IGNORECASE)


def _hostages_too(chosen: dict[str, CountMention], later: CountMention) -> bool:
    """A later count of the killed that is of the hostages, when the frame counted people abducted before it and its
    first count of the killed was not of hostages: those killed in the attack, and then the hostages."""
    taken, first = chosen.get("abducted"), chosen["killed"]
    if taken is None or taken.start > later.start:
        return False
    return _of_hostages(later) and not _of_hostages(first)


def _of_hostages(c: CountMention) -> bool:
    return any(_HOSTAGES.search(s.quote) for s in c.quantity.evidence)


def _add(a: Quantity, b: Quantity) -> Quantity:
    def plus(x: int | None, y: int | None) -> int | None:
        return None if x is None or y is None else x + y

    return Quantity(
        plus(a.low, b.low), plus(a.best, b.best), plus(a.high, b.high), a.evidence + b.evidence, a.producer,
        f"{a.raw} + {b.raw}", a.qualifier, tuple(sorted(set(a.flags) | set(b.flags))), a.parts + b.parts,
    )  # fmt: skip


def _flags(
    frame: Frame, counts: dict[str, Quantity], count_flags: set[str], date: DateValue, location: Location | None,
    attribution: Attribution | None, names_sources: bool,
) -> tuple[str, ...]:  # fmt: skip
    flags = set(count_flags)
    if date.precision == "unknown":
        flags.add("date_unresolved")
    if location is None:
        flags.add("place_unknown")
    elif location.precision in ("country", "unknown"):
        flags.add("place_imprecise")
    if not names_sources and attribution is None:
        flags.add("no_attribution")
    if any((q.best is not None and q.best >= 1000) or q.qualifier in ("thousands", "tens of thousands") for q in counts.values()):
        flags.add("large_figure")
    if frame.kind == "aggregate" and "across_incidents" in flags:
        flags.add("count_across_incidents")
    return tuple(sorted(flags))


def _claim_verb(sentence: str) -> int | None:
    m = re.search(
        r"\bclaim(?:ed|s)?\s+(?:the\s+)?responsibility\b|\bsaid (?:it|they) (?:carried out|was behind|had planted)",
        sentence,
        re.IGNORECASE,
    )
    if m and not re.search(r"\bno (?:group|one|organi[sz]ation)\b", sentence[: m.start()], re.IGNORECASE):
        return m.start()
    return None


def _day(value: str | None) -> dt.date | None:
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _place_claim_id(document_id: str, producer: str, n: int, place: Span) -> str:
    """The id of the claim of one of the places a sentence lists (``several``), by where the place is named."""
    return _claim_id(document_id, producer, n, (place,))


def _claim_id(document_id: str, producer: str, n: int, evidence: tuple[Span, ...]) -> str:
    basis = f"{document_id}|{producer}|{n}|{evidence[0].start if evidence else 0}"
    return "c-" + hashlib.sha256(basis.encode()).hexdigest()[:16]
