"""Event types from the vocabulary in ``data/event_types.toml``.

The first sentence of an event that has a trigger decides; special rules:
a state actor taking people away is an enforced disappearance; an attack
whose target is a named person (or office holder) with few dead is a
targeted killing; property attacks need no casualties.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from saboot.claims import Span

_ROLE = (
    r"(?:police chief|police commander|commander|official|elder|tribal leader|judge|governor|mayor|MP|Member of Parliament|"
    r"member of parliament|politician|leader|chief|cleric|prosecutor|head|director|adviser|advisor|council member|"
    r"intelligence chief|district chief|officer|general|colonel|minister|deputy|senator|candidate|spokesman|journalist|activist)"
)
_SENIOR = r"(?:commander|police chief|district chief|tribal elder|elder|governor|mayor|member of parliament|MP|senator|minister|deputy governor|intelligence chief)"
_TITLE = r"(?:General|Gen\.|Colonel|Col\.|Captain|Capt\.|Major|Haji|Mullah|Maulvi|Mawlawi|Maulana|Molvi|Dr\.|Engineer|Qari|Sayed|Sayyed|Malik)"
_VERBS_AT = r"(?:opened fire on|shot (?:and killed )?|killed|targeting|targeted|attacked|assassinated|abducted|stabbed|beheaded|ambushed|near)"
_PLACE_OF = r"(?:(?:the\s+)?(?:vehicle|convoy|residence|house|home|office)\s+of\s+)?"
_NAME = r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,3}(?:'s\s+\w+)?"
_NAMED_TARGET = re.compile(
    rf"{_VERBS_AT}\s+{_PLACE_OF}{_TITLE}\s+{_NAME}"  # "targeting General Zarawar Zahid"
    rf"|(?:opened fire on|attacked|shot and (?:killed|injured|wounded)|stabbed|assassinated)\s+(?:(?:district|provincial|deputy|former|local)\s+)?"
    rf"(?:{_ROLE}\s+)?[A-Z][a-z]+(?:\s[A-Z][a-z]+){{1,3}}(?:'s\s+(?:vehicle|convoy|residence|house|home))?\s+in\s+[A-Z]"  # "opened fire on Mirza Mohammad in Paktia"
    rf"|(?:convoy|vehicle|vehicles) of (?:\w+\s+){{0,2}}(?:officials|commanders|leaders|judges|elders|governors)\b"
    rf"|(?:opened fire on|attacked|shot and (?:killed|injured|wounded)|targeting|targeted|killed)\s+(?:the\s+(?:vehicle|convoy|residence|house)\s+of\s+)?"
    rf"(?:an?|the)?\s*(?:[\w()-]+\s+){{0,4}}?{_SENIOR}(?:'s\s+(?:vehicle|convoy|residence|house))?\b"  # "shot and killed a tribal elder"
    rf"|(?:vehicle|convoy|residence|house) of (?:\w+\s+){{0,2}}{_SENIOR}\s+[A-Z]"
    rf"|{_VERBS_AT}\s+{_PLACE_OF}{_NAME},\s+(?:a|an|the)\s+(?:[\w()'-]+\s+){{0,5}}?{_ROLE}\b"  # "Bismillah, a former commander"
    rf"|{_VERBS_AT}\s+(?:the\s+)?(?:vehicle|convoy|residence|house|home|office)\s+of\s+(?:a|an|the)\s+(?:[\w()-]+\s+){{0,4}}?{_ROLE}\b"  # "the vehicle of a police commander"
    rf"|(?:vehicle|convoy|residence|house|home) of {_TITLE}?\s*{_NAME}\b"
    # the press's "shot dead journalist Arshad Khan", "Journalist Arshad Khan was gunned down": a person named with
    # a role, shot or stabbed to death
    rf"|(?:shot dead|gunned down)\s+(?:a\s+|the\s+)?(?:\w+\s+)?(?i:{_ROLE})\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+){{1,3}}"
    rf"|(?i:{_ROLE})\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+){{1,3}}\s+(?:was|has been)\s+(?:shot dead|gunned down|assassinated|stabbed to death)",
)
CIVIC = {"protest", "riot"}


def only_civic(kinds: set[str]) -> bool:
    """Whether the event types found are all civic (a protest, a riot): no word of violence among them."""
    return bool(kinds) and kinds <= CIVIC


_GRIEVANCE = re.compile(
    r"\b(?:against|over|condemn\w*|protest\w*|demand\w*|mourn\w*|enraged|outrage\w*|solidarity|release|recovery|"
    # "ended their sit-in on Tuesday …, three days after the market bombing": what the protest was held after
    r"(?:\d+|a|an|one|two|three|four|five|six|seven)\s+(?:days?|weeks?)\s+after)\b[^.]*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EventType:
    name: str
    definition: str
    acled: tuple[str, ...]
    gtd: tuple[str, ...]
    pattern: re.Pattern[str] | None


class EventTypes:
    def __init__(self) -> None:
        data = _vocabulary()
        self.version = str(data["version"])
        self.words = vocabulary_words()
        # a trigger made of a taking's words ("picked up by the police"), which takes no one when no one is counted
        self._taking = re.compile(rf"(?:\w+\s+){{0,4}}?(?:{self.words['taken_away']}|{self.words['took_away']})\b", re.IGNORECASE)
        self.types = [
            EventType(
                t["name"], t["definition"], tuple(t["acled"]), tuple(t["gtd"]),
                re.compile(r"\b(?:" + "|".join(_expand(x, self.words) for x in t["triggers"]) + r")\b", re.IGNORECASE)
                if t["triggers"] else None,
            )
            for t in data["type"]
        ]  # fmt: skip
        self.by_name = {t.name: t for t in self.types}
        groups = [f"(?P<{t.name}>{t.pattern.pattern[5:-3]})" for t in self.types if t.pattern is not None]
        self._all = re.compile(r"\b(?:" + "|".join(groups) + r")\b", re.IGNORECASE)  # one pass; earlier types win ties

    def triggers(self, text: str, start: int, end: int) -> list[tuple[str, int, int]]:
        """(type, start, end) of every trigger in the span."""
        return [(str(m.lastgroup), m.start(), m.end()) for m in self._all.finditer(text, start, end)]

    def classify(
        self,
        text: str,
        spans: list[tuple[int, int]],
        *,
        state_actor: bool,
        casualties: int | None,
        abducted: int | None = None,
        per_sentence_hits: list[list[tuple[str, int, int]]] | None = None,
    ) -> tuple[str, tuple[Span, ...]]:
        """The event's type and the words that decided it: the first sentence
        with a trigger decides, in vocabulary order, after the special rules."""
        per_sentence = per_sentence_hits if per_sentence_hits is not None else [self.sentence_hits(text, s, e) for s, e in spans]
        if abducted is None:  # "the story was picked up by the police": taken, but no one
            per_sentence = [[h for h in hits if not self._taking.match(text, h[1], h[2])] for hits in per_sentence]
        hits = [h for sentence in per_sentence for h in sentence]
        names = {h[0] for h in hits}
        taken = [t for t in ("enforced_disappearance", "abduction", "disappearance") if t in names]
        if taken and state_actor:  # taken, or gone missing, and the state's agents named as who did it
            return _pick(taken[0], hits, text, alt="enforced_disappearance")
        for s, e in spans[:1]:
            m = _NAMED_TARGET.search(text, s, e)
            killed_after_abduction = "abduction" in names and casualties is not None and 1 <= casualties <= 2
            if m and (casualties is None or casualties <= 8) and ("abduction" not in names or killed_after_abduction):
                return "targeted_killing", (Span.of(text, m.start(), m.end()),)
        if abducted and abducted > (casualties or 0) and "abduction" in names:
            return _pick("abduction", hits, text)
        if "attack_on_property" in names and casualties in (None, 0) and not ({"bombing", "abduction"} & names):
            return _pick("attack_on_property", hits, text)
        order = [t.name for t in self.types]
        for n, hits_of_sentence in enumerate(per_sentence):
            sentence = _main_clause(text, hits_of_sentence)
            found = {h[0] for h in sentence}
            if "bombing" in found and _mixed_fire(text, sentence):
                return _pick("armed_attack", sentence, text)
            if found == {"armed_attack"} and all(_GENERIC.fullmatch(text, s, e) for _, s, e in sentence):
                bombs = [
                    h
                    for later in per_sentence[n + 1 :]
                    for h in later
                    if h[0] == "bombing" and not _INDIRECT.fullmatch(text, h[1], h[2])
                ]  # a mortar fired in an assault is part of the assault (``_mixed_fire``)
                if bombs:  # "after Thursday's attack on the shrine … 83 had died in the blast": the blast says what it was
                    return _pick("bombing", bombs, text)
            for name in order:
                if name in found:
                    return _pick(name, sentence, text)
        return "other", ()

    def sentence_hits(self, text: str, start: int, end: int) -> list[tuple[str, int, int]]:
        """Triggers of one sentence; in a protest sentence, the violence
        protested against is the grievance, not the event."""
        return self.split_hits(text, start, end)[0]

    def split_hits(self, text: str, start: int, end: int) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
        """The sentence's triggers (``sentence_hits``), and apart from them, in a protest sentence, those of the
        violence protested against, from one pass over the sentence."""
        hits = self.triggers(text, start, end)
        civic = [h for h in hits if h[0] in CIVIC]
        if not civic or all(_FIRED_ON.search(text, max(start, s - 50), s) for _, s, _ in civic):
            return hits, []  # no protest, or only protesters fired on: "opened fire on protesters …, killing two"
        protested = [h for h in hits if h[0] not in CIVIC and _GRIEVANCE.search(text, max(start, h[1] - 70), h[1])]
        return [h for h in hits if h not in protested], protested


_GENERIC = re.compile(
    r"attack(?:ed|s)?|assault(?:ed)?|killed|killings? of", re.IGNORECASE
)  # triggers that say no more than violence
_INDIRECT = re.compile(r"rockets?|mortars?|missiles?|shell(?:ed|ing|s)?|artillery", re.IGNORECASE)
_FIREARMS = re.compile(r"\b(?:firearms|small arms|gunfire|machine guns?|rifles?|kalashnikovs?)\b", re.IGNORECASE)


# "opened fire on protesters", "a bomber struck a rally": the protest is the deed's target, not a protest over it
_FIRED_ON = re.compile(
    r"\b(?:fire|fired|firing|shot|attacked|targeted|targeting|struck|hit|stormed|bombed|baton-charged|tear-gassed|"
    r"killed|killing|wounded|injured)\s+(?:on\s+|at\s+|upon\s+|into\s+)?(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "…, after a roadside bomb went off", "arrested 100 people over the attacks on churches": what led to the deed
_AFTER = re.compile(r",?\s+(?:after|over the|in connection with|for (?:their|his|her) (?:role|involvement) in)\b", re.IGNORECASE)


def _main_clause(text: str, hits: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A sentence's triggers but those of an "after …" (or "over the …") clause that follows its first deed named as
    more than violence:
    "was shot dead by a Frontier Corps soldier …, after a roadside bomb went off near an FC vehicle" tells of a
    shooting, the bomb being what led to it."""
    specific = [h for h in hits if not _GENERIC.fullmatch(text, h[1], h[2])]
    if not specific:
        return hits
    after = _AFTER.search(text, specific[0][2], max(e for _, _, e in hits))
    kept = [h for h in hits if after is None or h[1] < after.start()]
    return kept or hits


def _mixed_fire(text: str, hits: list[tuple[str, int, int]]) -> bool:
    """Rockets fired together with firearms: an armed assault (GTD), not a bombing."""
    bombs = [text[s:e] for n, s, e in hits if n == "bombing"]
    if not bombs or not all(_INDIRECT.fullmatch(b) for b in bombs):
        return False
    lo = min(s for _, s, _ in hits)
    hi = max(e for _, _, e in hits)
    return bool(_FIREARMS.search(text, max(0, lo - 80), hi + 80))


def _pick(name: str, hits: list[tuple[str, int, int]], text: str, alt: str | None = None) -> tuple[str, tuple[Span, ...]]:
    spans = tuple(Span.of(text, s, e) for n, s, e in hits if n == name)
    return alt or name, spans[:3]


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, Any]:
    return tomllib.loads((files("saboot") / "data" / "event_types.toml").read_text(encoding="utf-8"))


def vocabulary_words() -> dict[str, str]:
    """The vocabulary's ``[words]``: patterns named once, for the triggers and for the count rules, without compiling
    the triggers themselves."""
    return {str(k): str(v) for k, v in _vocabulary().get("words", {}).items()}


def _expand(trigger: str, words: dict[str, str]) -> str:
    """A trigger with each ``{name}`` of the vocabulary's ``[words]`` written out."""
    for name, pattern in words.items():
        trigger = trigger.replace("{" + name + "}", pattern)
    return trigger


@lru_cache(maxsize=1)
def default_event_types() -> EventTypes:
    return EventTypes()
