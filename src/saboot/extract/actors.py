"""The actor dictionary (``data/actors.toml``, user-extendable) and the
mentions of perpetrators and victim groups in text.

A perpetrator's ``relation`` says how the text ties it to the act:
``claimed`` (it claimed responsibility), ``attributed`` (others attributed
the act to it: sources, officials, the outlet), ``denied`` (it denied
involvement), or ``named`` (the text names it as the actor).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from saboot.claims import Actor, Span

_CLAIMED = re.compile(
    r"claim(?:ed|s|ing)?\s+(?:the\s+)?responsibility|said\s+(?:it|they)\s+(?:carried out|was behind|were behind)|said it had planted|owned the attack|"
    # "ISKP later claimed the attack", not "claimed the attack was foiled"
    r"claim(?:ed|s|ing)?\s+(?:the|this|that|both)\s+(?:\w+\s+)?(?:attacks?|bombings?|blasts?|killings?|assault|ambush|abduction|massacre|explosion)\b"
    r"(?!\s+(?:was|were|had|has|is|came|by|as)\b)",
    re.IGNORECASE,
)
# "suspected", "police suspect": attributed; not "suspects", the people arrested ("arrested 170 suspects and killed
# four militants of the banned Lashkar-e-Jhangvi")
_ATTRIBUTED = re.compile(
    r"attribut(?:ed|es|ing)\b[^.]{0,60}?\bto\b|blam(?:ed|es|ing)\b|suspect(?:ed)?\b|accus(?:ed|es|ing)\b|at the hands of|"
    r"(?<!rescued )(?<!freed )(?<!repelled )(?<!apprehended )(?<!intercepted )(?<!defused )(?<!released )(?<!foiled )\bby\b|"
    r"behind the attack|responsible for",
    re.IGNORECASE,
)
# "by" after a deed that is not the violence, a few words back: "flown out of jail by the army", "condemned by the
# government", "escorted to the hospital by police": who did that did not do the killing
BY_IN_PASSING = re.compile(
    r"\b(?:flown|escorted|rescued|protected|guarded|visited|condemned|denounced|critici[sz]ed|praised|welcomed|told|quoted|"
    r"interviewed|announced|confirmed|said|stated|reported)\b(?:\s+\w+){0,3}\s+by\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# up to eight words after an actor, the last not one that makes the verb after it suffered ("were killed")
_ACTOR_THEN = r"^\W{0,3}(?:\w+\s+){0,8}?(?<!\bwere )(?<!\bwas )(?<!\bbeen )(?<!\bbeing )(?<!\bare )(?<!\bis )"
# the deeds whose doer did it: "Gunmen stormed …", "Terrorists martyred …" ("were martyred", "were killed" is suffered)
_ACTS = re.compile(
    _ACTOR_THEN
    + r"(?:attacked|opened fire|detonated|abducted|kidnapped|killed|stormed|fired|ambushed|raided|shot|set fire|struck|"
    r"baton[- ]charged|lathi[- ]charged|tear[- ]?gassed|thrashed|tortured|manhandled|"
    r"targeted(?!\s+(?:operations?|raids?|search|offensive|action)\b)|bombed|executed|seized|picked up|rounded up|"
    r"took away|whisked away|"
    r"carried out|massacred|threw|gunned down|martyred|slaughtered|beheaded|hurled|lobbed|planted|blew up|hijacked|"
    r"torched|blew (?:himself|herself|themselves) up|sprayed|rammed|(?:attempted|tried) to (?:attack|storm|target|bomb|blow up))\b",
    re.IGNORECASE,
)
# the deed done last in a series of the doer's own: "Militants … stopped vehicles on a highway early on Monday, checked
# passengers' identity cards and shot dead 23 people": the first verb is the actor's, the deed follows a comma or "and"
_THEN_ACTS = re.compile(
    r"^\W{0,3}(?:[\w'’-]+\s+){0,6}?(?<!\bwere )(?<!\bwas )(?<!\bare )(?<!\bis )"
    r"(?:stopped|blocked|intercepted|entered|forced|offloaded|off-loaded|pulled|dragged|lined up|surrounded|barged into|"
    r"broke into|rode|arrived|came|checked|identified|singled out|separated)\b[^.;:]{0,160}?(?:,\s+|\s+and\s+)(?:then\s+)?"
    r"(?:opened fire|shot|killed|gunned down|executed|massacred|abducted|kidnapped|set fire|torched|slaughtered|beheaded)\b",
    re.IGNORECASE,
)
# an arrest's doer, which is one only of a claim of the arrest: "Police later arrested three suspects", told after a
# killing, names no one who killed
_ARRESTS = re.compile(
    _ACTOR_THEN + r"(?:arrested|detained|apprehended|nabbed|captured|took (?:\w+\s+){0,3}?into custody)\b",
    re.IGNORECASE,
)
# whom a deed was done to, right after it: "Police killed two suspected militants", "arrested three suspected TTP men"
OBJECT_OF_DEED = re.compile(
    r"\b(?:killed|killing|shot dead|gunned down|arrested|arresting|detained|detaining|captured|capturing|apprehended|"
    r"nabbed|rounded up|picked up|eliminated|neutrali[sz]ed)\s+(?:(?!(?:by|when|as|after|while|in|at|on|during|and|but)\b)[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# the target of the deed, named before the verb: "Twin attacks on FC camps … killed nine soldiers", "an ambush
# targeting a police convoy"
TARGETED = re.compile(
    r"\b(?:attacks?|assaults?|raids?|ambush(?:es)?|bombings?|strikes?)\s+(?:on|against|at)\s+(?:the\s+|an?\s+)?"
    r"(?:\w+\s+){0,2}$|\btarget(?:ing|ed)\s+(?:the\s+|an?\s+)?(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# "Police said gunmen killed …", "The Frontier Corps told reporters militants attacked …": who speaks of the deed
_SPEAKS = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,2}?(?:said|says|told|added|confirmed|reported|stated|announced|alleged|quoted)\b", re.IGNORECASE
)
# "a bomb attached to a police vehicle detonated": the force names a thing of its, which the deed was done to
_ITS_THING = re.compile(
    r"\s+(?:vehicles?|vans?|cars?|trucks?|convoys?|stations?|posts?|check ?posts?|checkpoints?|headquarters|camps?|"
    r"buildings?|offices?|lines|compounds?|academy|training (?:centre|center|school)|bus(?:es)?|mobiles?)\b",
    re.IGNORECASE,
)
_OTHERS_CLAUSE = re.compile(r"(?<=\w)\s+(?:who|that|which|whose)\b", re.IGNORECASE)  # after a word: another noun's
# "Security forces recovered three abducted engineers": who frees or finds the taken did not take them
_RESCUED = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,2}?(?:recovered|rescued|freed|released|secured the release of|traced|found)\b", re.IGNORECASE
)


def acts(text: str, start: int, end: int, *, arrest: bool = False) -> bool:
    """Whether the actor ending at ``start`` does a deed of violence in the words after it (up to ``end``): not one done
    in a relative clause of another noun ("the army, to negotiate with the gunmen who had attacked …"); with ``arrest``,
    the deed may be an arrest."""
    after = text[start : min(end, start + 240)]
    clause = _OTHERS_CLAUSE.search(after)
    own = after[: clause.start()] if clause else after
    if _RESCUED.match(own) or _SPEAKS.match(own) or _ITS_THING.match(own):
        return False
    return bool(_ACTS.match(own[:90]) or _THEN_ACTS.match(own) or (arrest and _ARRESTS.match(own[:90])))


_DENIED = re.compile(r"denied\s+(?:any\s+)?(?:involvement|responsibility)", re.IGNORECASE)
_NO_CLAIM = re.compile(r"no (?:group|one|organi[sz]ation) (?:has )?claimed", re.IGNORECASE)


@dataclass(frozen=True)
class ActorEntry:
    id: str
    name: str
    kind: str
    parent: str | None
    aliases: tuple[str, ...]
    belongs_to: tuple[str, ...] = ()  # the names of its parent, its parent's parent, …


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entry: ActorEntry


class ActorDictionary:
    """Compiled alias matchers for actors and victim groups."""

    def __init__(self, extra: tuple[Path, ...] = ()) -> None:
        data = tomllib.loads((files("saboot") / "data" / "actors.toml").read_text(encoding="utf-8"))
        self.version = str(data["version"])
        actors = {a["id"]: a for a in data["actor"]}
        groups = list(data["group"])
        for path in extra:
            more = tomllib.loads(path.read_text(encoding="utf-8"))
            actors.update({a["id"]: a for a in more.get("actor", [])})
            groups += more.get("group", [])
            self.version += f"+{path.name}"
        self.actors = _with_lineage([_entry(a) for a in actors.values()])
        self.groups = [_entry({"id": g["name"], "kind": "community", **g}) for g in groups]
        self.group_named = {g.name: g for g in self.groups}  # a force that is a group too: its group (``rules``)
        self._actor_re, self._actor_map = _compile(self.actors)
        self._group_re, self._group_map = _compile(self.groups)

    def actors_in(self, text: str, start: int, end: int) -> list[Mention]:
        return _find(self._actor_re, self._actor_map, text, start, end)

    def groups_in(self, text: str, start: int, end: int) -> list[Mention]:
        return _find(self._group_re, self._group_map, text, start, end)


def _entry(raw: dict[str, Any]) -> ActorEntry:
    return ActorEntry(raw["id"], raw["name"], raw["kind"], raw.get("parent"), tuple(raw.get("aliases", [raw["name"]])))


def _with_lineage(entries: list[ActorEntry]) -> list[ActorEntry]:
    """The entries, each with the names of the movements it is a part of (``parent``, its parent, …); a parent the
    dictionary does not hold, or a loop, ends the chain."""
    by_id = {e.id: e for e in entries}

    def lineage(entry: ActorEntry) -> tuple[str, ...]:
        names: list[str] = []
        seen = {entry.id}
        while (up := by_id.get(entry.parent or "")) is not None and up.id not in seen:
            names.append(up.name)
            seen.add(up.id)
            entry = up
        return tuple(names)

    return [replace(e, belongs_to=lineage(e)) for e in entries]


def _compile(entries: list[ActorEntry]) -> tuple[re.Pattern[str], dict[str, ActorEntry]]:
    mapping: dict[str, ActorEntry] = {}
    parts = []
    for entry in entries:
        for alias in entry.aliases:
            key = alias if _exact(alias) else alias.lower()
            mapping.setdefault(key, entry)
            body = r"[-\s]?".join(re.escape(t) for t in re.split(r"[-\s]+", alias))
            parts.append((len(alias), body if _exact(alias) else f"(?i:{body})"))
    parts.sort(key=lambda p: -p[0])
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(p for _, p in parts) + r")(?![\w-])")
    return pattern, mapping


def _exact(alias: str) -> bool:
    return alias.isupper() or bool(re.fullmatch(r"[A-Z][a-z]?[A-Z]+", alias))


def _find(pattern: re.Pattern[str], mapping: dict[str, ActorEntry], text: str, start: int, end: int) -> list[Mention]:
    out = []
    for m in pattern.finditer(text, start, end):
        raw = re.sub(r"\s+", " ", m.group(0))
        entry = mapping.get(raw) or mapping.get(raw.lower()) or _loose(mapping, raw)
        if entry is not None:
            out.append(Mention(m.start(), m.end(), entry))
    return out


def _loose(mapping: dict[str, ActorEntry], raw: str) -> ActorEntry | None:
    key = re.sub(r"[-\s]+", "", raw.lower())
    for alias, entry in mapping.items():
        if re.sub(r"[-\s]+", "", alias.lower()) == key:
            return entry
    return None


def perpetrator_relation(sentence: str, offset: int, mention: Mention) -> str:
    """How this sentence ties the actor to the act."""
    local_start, local_end = mention.start - offset, mention.end - offset
    before = sentence[max(0, local_start - 90) : local_start]
    if _PART_OF.search(before) or before.endswith("("):
        # "Jundullah, a splinter group of the Pakistani Taliban, claimed …": Jundullah claimed it; "Sipah-e-Sahaba
        # Pakistan (SSP)": the name's letters are its name's relation, not one of their own
        return "named"
    described = _APPOSITION.match(sentence, local_end)  # "Jundullah, a splinter group of …, claimed"
    after = sentence[described.end() if described else local_end :][:60]
    if _CLAIMED.search(after) or re.search(r"claimed by\s*$", before, re.IGNORECASE):
        return "claimed"
    if any(not _in_passing(before, m) for m in _ATTRIBUTED.finditer(before)):
        return "attributed"  # attributed by others, whether or not it denies
    if _DENIED.search(after[:40]):
        return "denied"
    return "named"


def _in_passing(before: str, found: re.Match[str]) -> bool:
    """Whether an attribution found is a "by" that follows another deed than the violence (``BY_IN_PASSING``)."""
    return found.group(0).lower() == "by" and bool(BY_IN_PASSING.search(before[: found.end()] + " "))


_APPOSITION = re.compile(r"\s*,\s+(?:an?|the)\s+[^,;.]{3,80}?,")
# "a splinter group of the Pakistani Taliban", "the militant wing of the anti-Shia SSP": the movement it is a part of
_PART_OF = re.compile(
    r"\b(?:an?|the)\s+(?:[\w-]+\s+)?(?:group|faction|offshoot|wing|affiliate|ally)\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
RELATION_RANK = {"claimed": 0, "attributed": 1, "named": 2, "denied": 3}


def to_actor(text: str, mention: Mention, relation: str, producer: str, role: str = "perpetrator") -> Actor:
    return Actor(
        name=mention.entry.name, kind=mention.entry.kind, role=role,  # type: ignore[arg-type]
        evidence=(Span.of(text, mention.start, mention.end),), producer=producer,
        relation=relation, actor_id=mention.entry.id, belongs_to=mention.entry.belongs_to if role == "perpetrator" else (),
    )  # fmt: skip


def no_claim(sentence: str) -> bool:
    return bool(_NO_CLAIM.search(sentence))


@lru_cache(maxsize=1)
def default_actors() -> ActorDictionary:
    return ActorDictionary()
