"""Place mentions in text and their resolution to a ``Location``.

Mentions are runs of capitalised words found in the gazetteer, or named in a
locative chain ("in Puli Moemin area, Dashti Archi district, Kunduz
province, Afghanistan") even when the gazetteer lacks them; a type word
(district, province, area, village, city) tells what they are. A chain is
resolved right to left — country, province, district, place — so that
ambiguous names are read inside the province and country the text names.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from saboot.claims import Location, Span
from saboot.extract.gazetteer import KIND_RANK, GazetteerLike, Place, fold
from saboot.extract.text import DATELINE_PLACE

Precision = Literal["exact", "town", "district", "province", "country", "unknown"]

_TYPE_WORDS = {
    "district": "admin2", "province": "admin1", "area": "area", "village": "place", "city": "place",
    "town": "place", "valley": "place", "tehsil": "admin2", "agency": "admin2",
    "division": "admin1", "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood", "locality": "place",
    "bazaar": "neighbourhood", "market": "neighbourhood", "road": "neighbourhood", "chowk": "neighbourhood",
}  # fmt: skip
_CAP = r"[A-Z][A-Za-z'’ʼ]*(?:-[A-Za-z'’ʼ]+)*"
_CONNECT = r"(?:\s+(?:e|i|ul|al|el|ud|ur|of|-e|-i)\s+|\s+)"
_RUN = re.compile(rf"(?:(?:[A-Z]\.){{2,3}}\s?)?{_CAP}(?:{_CONNECT}{_CAP})*")  # initials lead a name: "D.I. Khan"
_TYPE_AFTER = re.compile(r"\s+(" + "|".join(_TYPE_WORDS) + r")\b", re.IGNORECASE)
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|from|of|around|across|inside|into|through|attacked|raided|shelled|stormed|overran|captured|besieged)"
    r"\s+(?:the\s+)?(?:(?:crowded|busy|main|packed|bustling)\s+)?$",
    re.IGNORECASE,
)
# "six labourers from Punjab were shot dead … in Kech": where they came from, not where it happened (but "abducted
# 17 people from Rubat Pai" took them from there, ``_TAKING_BEFORE``)
_ORIGIN = re.compile(
    r"\b(?:labou?rers|workers|pilgrims|people|men|women|passengers|residents|students|natives|tribesmen|traders|"
    r"families|settlers|migrants|travell?ers|hailing|belonging|travell?ing|coming|returning|"
    r"them|mostly|mainly|largely|all)\s+from\s+(?:the\s+)?$",  # "…, most of them from Punjab"
    re.IGNORECASE,
)
LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")  # between the places of a list: ", ", " and ", ", and "
# the words of people taken from a place, who were there when they were taken (``_TAKING_BEFORE``, ``several``)
TAKING = r"abduct\w*|kidnapp?\w*|took|taken|picked up|seized|rescued|evacuated|offloaded|disappeared|missing|detained|arrested"
_TAKING_BEFORE = re.compile(rf"\b(?:{TAKING})\b", re.I)
_ON_ROAD = re.compile(r"\bon\s+(?:the\s+)?$", re.IGNORECASE)
ROAD_WORDS = "Road|Street|Chowk|Highway|Bypass"  # the last word of a road's name ("Alamdar Road", "Western Bypass")
_ROAD = re.compile(rf"\b(?:{ROAD_WORDS})$")
_ROAD_AFTER = re.compile(rf"\s+(?:{ROAD_WORDS})\b", re.IGNORECASE)
_LOCATIVE_REACH = 24  # characters before a name that ``_LOCATIVE`` reads: "through the bustling "
# "travelling from Parachinar to Peshawar in Lower Kurram", "carrying passengers to Peshawar in the Kurram tribal
# district": the journey's end is no place in what follows it
_ROUTE_END = re.compile(
    r"(?:\bfrom\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}\s+|\b(?:travell?ing|heading|headed|going|bound|"
    r"returning|carrying\s+\w+|on\s+(?:their|its|his|her)\s+way)\s+(?:back\s+)?)to\s+(?:the\s+)?$"
)
_BUILDING = re.compile(
    r"\s+(?:[A-Z][\w-]*\s+){0,3}(?:school|mosque|madrassa|madrasa|hospital|university|compound|hotel|office|headquarters|shrine|church|temple|imambargah|high school|bank|stadium|club|bridge)\b",
    re.IGNORECASE,
)
_EVENT_NOUNS = (
    r"(?:bombings?|attacks?|blasts?|massacres?|explosions?|siege|shootings?|killings?|carnage|tragedy|assaults?|raids?)"
)
_NAMES_EVENT = re.compile(
    r"\s+(?:(?:suicide|bus|market|bomb|twin|car|truck|rally|mosque|shrine)\s+){0,2}" + _EVENT_NOUNS + r"\b", re.IGNORECASE
)
# "the Sehwan shrine bombing", "the Peshawar school attack": a known place's building, named for what happened there
_BUILDING_EVENT = re.compile(
    _BUILDING.pattern + r"\s+" + _EVENT_NOUNS + r"\b",
    re.IGNORECASE,
)
# "the victims were buried in Rabwah", "mourners gathered in Quetta": where the dead were mourned, not where they died,
# unless a word of the violence comes between ("buried the men killed in Parachinar") or the dead were found there
_MOURNING = re.compile(
    # and those who remember them: "candles were lit on Wednesday night in memory of the 132 children massacred"
    r"\b(?:bur(?:y|ied|ying|ial)|laid to rest|funerals?|mourners|coffins|vigils?|candles|candle-?lit|in memory of|"
    r"paid (?:homage|tributes?)|commemorat\w*|"
    # and those who take the dead home: "families … received their bodies in Punjab on Tuesday"
    r"received (?:the|their|his|her) (?:bod(?:y|ies)|remains)|handed over (?:the|their|his|her) bod(?:y|ies)|"
    r"bod(?:y|ies) (?:was|were) handed over)\b"
    r"(?![^.;]*\b(?:killed|died|slain|shot|murdered|martyred|slaughtered|butchered|massacred|gunned|found|discovered|recovered|"
    r"exhumed|attack\w*|bomb\w*|blasts?|massacres?|explosions?|fighting|clash\w*)\b)[^.;]*$",
    re.IGNORECASE,
)
# "a bomber struck a funeral in Lower Dir", "killed 20 mourners at", "bodies found buried in": the funeral is the target
TARGETED_BEFORE = re.compile(
    r"\b(?:at|on|among|into|struck|attacked|targeted|targeting|hit|stormed|bombed|killed|killing|wounded|injured|shot|"
    r"found|discovered|unearthed)\b(?:\s+\S+){0,3}\s+$",
    re.IGNORECASE,
)
_NEAR = re.compile(r"\b(?:near|outside|close to|on the outskirts of|in the outskirts of|off)\s+(?:the\s+)?$", re.IGNORECASE)
_DATELINE = re.compile(r"[A-Z][A-Z\s-]+,\s*(?:[A-Z][a-z]+,\s*)?(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+|\()")
_PERSON_TITLE = re.compile(
    r"\b(?:Minister|President|Governor|General|Gen\.|Chief|Mr\.?|Mrs\.?|Dr\.?|Sardar|Nawab|Molvi|Maulana|Mullah|Justice|Judge|"
    r"Senator|Speaker|Commander|Colonel|Captain|Major|leader|head|spokesman|named|identified as)\s+(?:[A-Z][\w'-]*\s+){0,2}$"
)
# "Balochistan Bar Association president Bilal Anwar Kasi … Kasi had been shot": a person named with a title or a
# calling, then by the last word of the name, which is no place even where the gazetteer has one of it (Kasi, India)
_TITLED_NAME = re.compile(
    r"\b(?:[Pp]resident|[Cc]hairman|[Cc]hairperson|[Ll]eader|[Ll]awyer|[Aa]dvocate|[Jj]ournalist|[Aa]ctivist|[Mm]inister|"
    r"[Ss]enator|[Ss]pokesman|[Cc]ommander|[Cc]hief|[Jj]udge|[Jj]ustice|[Cc]leric|[Ss]cholar|[Mm]aulana|Mr\.?|Mrs\.?|Ms\.?|"
    r"Dr\.?|Gen\.?|General|Colonel|Captain|Major|[Pp]rofessor|[Pp]olitician|[Ll]awmaker|MNA|MPA|SP|DSP|SHO)\s+"
    r"(?:[A-Z][\w'’-]+\s+){1,3}(?P<last>[A-Z][\w'’-]+)\b"
)
# "the shrine of Lal Shahbaz Qalandar": a saint's or a patron's name, whatever town it sounds like
_NAMED_FOR = re.compile(
    r"\b(?i:shrine|tomb|mausoleum|dargah|darbar|mosque|imambargah|church|temple|grave|urs)\s+of\s+(?:the\s+)?(?:[A-Z][\w'-]*\s+){0,3}$"
)
_BUILDING_LEAD = re.compile(r"(?:Imam\s*Bargah|Imambargah|Imambara|Masjid|Jamia|Darbar|Shrine of|Mosque of)\s+", re.IGNORECASE)
_OF_THE = re.compile(r"of\s+the\s+", re.IGNORECASE)
_IN_AFTER = re.compile(r"\s+(?:in|at|near)\s+[A-Z]")
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$|\bbetween\s+[^.,;]{1,40}\s+and\s+(?:the\s+)?$", re.IGNORECASE)
NOT_PLACES = {
    "the", "a", "an", "on", "in", "at", "this", "that", "there", "then", "police", "security", "assailants",
    "officials", "sources", "taliban", "hazara", "hazaras", "shia", "shias", "sunni", "baloch", "ismaili",
    "ahmadi", "christian", "hindu", "sikh", "eid", "muslim", "muslims", "islamic", "state", "army", "government",
    "july", "june", "may", "march", "april", "august", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "said", "one", "two", "three", "no", "however", "according", "local", "public",
    "district", "province", "city", "village", "area", "road", "national", "united", "general", "major", "sharif",
    "ali", "khan", "mohammad", "muhammad", "abdul", "haji", "mullah", "president", "minister", "chief",
}  # fmt: skip


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int  # end of the name (and its type word)
    name: str
    kind_hint: str | None  # from a type word: admin1, admin2, place, neighbourhood
    candidates: tuple[Place, ...]
    chain: int  # mentions in one comma chain share a number
    locative: bool  # preceded by in/at/near/...
    names_event: bool = False  # "the Mastung blast", "the Sehwan shrine bombing": where the event itself happened
    near: bool = False  # "near Mastung", "outside Quetta": somewhere around it, not in it
    # "the Quetta Press Club": the city a building is named for; "Officials in Quetta said": where those who speak are;
    # read after any other place
    building: bool = False
    # where people came from ("labourers from Quetta and Turbat", "a bus travelling from Quetta"), not where the deed
    # was: read after any other place, and no part of a chain ("… and Turbat in Kech" is in Kech)
    origin: bool = False


def find_mentions(
    text: str, start: int, end: int, gaz: GazetteerLike, countries: frozenset[str] = frozenset()
) -> list[PlaceMention]:
    out: list[PlaceMention] = []
    chain = 0
    for run_begin, run_end in _runs(text, start, end):
        lead = _BUILDING_LEAD.match(text, run_begin, run_end)
        run_start = lead.end() if lead else run_begin
        for m_start, m_end, name, cands in _split_run(text, run_start, run_end, gaz, countries) if run_start < run_end else []:
            if _DATELINE.match(text, m_start, min(end, m_end + 20)) and text[m_start:m_end].isupper():
                continue  # "QUETTA, Sept 21:" is where the report was filed
            at_building = _BUILDING.match(text, m_end) is not None
            # "on Alamdar Road in Quetta": on a road, as in a town
            on_road = _ON_ROAD.search(text, max(start, m_start - 8), m_start) is not None and bool(
                _ROAD.search(text, m_start, m_end) or _ROAD_AFTER.match(text, m_end)
            )
            if _surname(text, m_start, m_end) or (
                _PERSON_TITLE.search(text[max(start, m_start - 30) : m_start])
                or _NAMED_FOR.search(text[max(start, m_start - 50) : m_start])
                or (at_building and not (cands and (_BUILDING_EVENT.match(text, m_end) or _city(cands[0], countries))))
                or (
                    not _LOCATIVE.search(text[max(start, m_start - _LOCATIVE_REACH) : m_start])
                    and _IN_AFTER.match(text, m_end)
                    and not out
                    and not on_road
                )
            ):
                continue  # "Shahid Naheed school", "stabbed Abdul Sabour in ...": not places
            hint_match = _TYPE_AFTER.match(text, m_end)
            hint = _TYPE_WORDS[hint_match.group(1).lower()] if hint_match else None
            if hint == "neighbourhood" and countries and not any(p.country in countries for p in cands):
                cands = []  # "QUETTA: … near Mizan Chowk": a square of the report's country, not a town of another's
            full_end = hint_match.end() if hint_match else m_end
            before = _LOCATIVE.search(text[max(start, m_start - _LOCATIVE_REACH) : m_start])
            # "of the Red Cross" names an organisation; "of the Swat valley" a place
            locative = before is not None and (hint is not None or not _OF_THE.fullmatch(before.group(0)))
            origin = _ORIGIN.search(text, max(start, m_start - 40), m_start) is not None
            origin = origin and _TAKING_BEFORE.search(text, max(start, m_start - 60), m_start) is None
            origin = origin or bool(out and out[-1].origin and LIST_GAP.fullmatch(text, out[-1].end, m_start))
            locative = (locative and not origin) or on_road
            if _BETWEEN.search(text[max(start, m_start - 60) : m_start]):  # "between Shibirghan and Mazari Sharif": no one town
                cands = [p for p in cands if p.kind in ("admin1", "country")]
                if not cands:
                    continue
            if not cands and not _could_be_place(text, full_end, hint, locative or _chained(text, out, m_start)):
                continue
            if out and (
                not _chained(text, out, m_start) or _ROUTE_END.search(text[max(start, out[-1].start - 60) : out[-1].start])
            ):
                chain += 1
            names_event = bool(cands) and bool(_NAMES_EVENT.match(text, full_end) or _BUILDING_EVENT.match(text, full_end))
            near = bool(_NEAR.search(text[max(start, m_start - 25) : m_start]))
            building = bool(cands) and ((at_building and not names_event) or _speakers_place(text, start, m_start, full_end))
            out.append(
                PlaceMention(m_start, full_end, name, hint, tuple(cands), chain, locative, names_event, near, building, origin)
            )
    return _with_capitals(text, start, end, gaz, countries, out)


# The press's names for a country's capital that no capital letter marks as a place: "across the federal capital"
# (Islamabad, in Pakistan's press), "in the Afghan capital"
CAPITALS = {"federal capital": ("Islamabad", "PK"), "pakistani capital": ("Islamabad", "PK"), "afghan capital": ("Kabul", "AF")}
_CAPITAL = re.compile(r"\b(?:" + "|".join(k.replace(" ", r"\s+") for k in CAPITALS) + r")\b", re.IGNORECASE)


# "the provincial capital" is the capital (``Gazetteer.capital``) of the province the sentence names with it
# ("Balochistan's provincial capital", "the provincial capital of Helmand") or, naming none, of the province the report
# named last before it
_NAME = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}"
_PROVINCIAL_CAPITAL = re.compile(
    rf"(?:\b(?P<before>{_NAME})['’]s\s+)?(?P<capital>\b(?i:provincial\s+capital)\b)(?:\s+of\s+(?P<after>{_NAME}))?"
)
_NAMES = re.compile(_NAME)


def _provincial_capital(text: str, m: re.Match[str], gaz: GazetteerLike, countries: frozenset[str]) -> Place | None:
    """The capital "the provincial capital" (``m``) names: of the province named with it, else of the last named before
    it in the report; None if the report names no province whose capital the gazetteer knows."""
    named = m.group("before") or m.group("after")
    runs = [named] if named else [r.group(0) for r in reversed(list(_NAMES.finditer(text, 0, m.start())))]
    for run in runs:
        words = run.split()
        for size in range(min(3, len(words)), 0, -1):
            for at in range(len(words) - size, -1, -1):
                name = " ".join(words[at : at + size])
                if not named and fold(name) in _NATIONAL_CAPITALS:
                    continue  # "officials in Kabul said": the country's capital, whence officials speak
                if capital := _capital_named(name, gaz, countries):
                    return capital
    return None


_NATIONAL_CAPITALS = frozenset(fold(name) for name, _ in CAPITALS.values())


def _capital_named(name: str, gaz: GazetteerLike, countries: frozenset[str]) -> Place | None:
    provinces = [p for p in gaz.lookup(name) if p.kind == "admin1" and (not countries or p.country in countries)]
    return next((c for p in provinces if (c := gaz.capital(p)) is not None), None)


def _with_capitals(
    text: str, start: int, end: int, gaz: GazetteerLike, countries: frozenset[str], found: list[PlaceMention]
) -> list[PlaceMention]:
    """``found`` and the capitals the sentence names by a description (``CAPITALS``, ``_PROVINCIAL_CAPITAL``), each a
    chain of its own: the federal capital only in a report of Pakistan or of no country named."""
    out = list(found)
    described = [
        (m.span(), _capital_of_country(gaz, *CAPITALS[" ".join(m.group(0).lower().split())]), countries)
        for m in _CAPITAL.finditer(text, start, end)
    ]
    described += [
        (m.span("capital"), capital, frozenset())
        for m in _PROVINCIAL_CAPITAL.finditer(text, start, end)
        if (capital := _provincial_capital(text, m, gaz, countries))
    ]
    for (at, to), place, within in sorted(described, key=lambda d: d[0]):
        if place is None or (within and place.country not in within) or any(f.start <= at < f.end for f in found):
            continue
        locative = _LOCATIVE.search(text[max(start, at - _LOCATIVE_REACH) : at]) is not None
        chain = max((f.chain for f in out), default=-1) + 1
        out.append(PlaceMention(at, to, place.name, None, (place,), chain, locative))
    return sorted(out, key=lambda f: f.start) if len(out) > len(found) else found


def _capital_of_country(gaz: GazetteerLike, name: str, country: str) -> Place | None:
    return _largest_town(gaz.lookup(name, country))  # the capital, not a village of its name


def _largest_town(places: Iterable[Place]) -> Place | None:
    """The most populous of the towns among ``places``; None if there is none."""
    return max((p for p in places if p.kind == "place"), key=lambda p: p.population, default=None)


_POSSESSIVE = re.compile(r"['’]s\s+(?=[A-Z])")
# "Officials in Quetta said three men were killed in Mastung": the place of those who speak, not of what they tell
_SPEAKERS_IN = re.compile(
    r"\b(?:officials?|police|relatives|sources|residents|spokes(?:man|person|woman)|authorities|witnesses|doctors|"
    r"officers|administration)\s+(?:in|at)\s+$",
    re.IGNORECASE,
)
# what comes between those in a place and what they did: "Officials in Quetta, on Monday, said", "… in Quetta quietly buried"
_THEN = r"(?:,?\s+(?:on\s+\w+|\w+ly))?\s+"
_SAY = re.compile(_THEN + r"(?:said|say|says|told|confirmed|added)\b", re.IGNORECASE)


def _speakers_place(text: str, start: int, m_start: int, m_end: int) -> bool:
    return bool(_SPEAKERS_IN.search(text, max(start, m_start - 30), m_start) and _SAY.match(text, m_end))


def _surname(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` ends the name of a person the text named before with a title or a calling
    (``_TITLED_NAME``), and is not placed ("in Kasi" would be a place)."""
    word = text[start:end]
    if " " in word or _LOCATIVE.search(text[max(0, start - _LOCATIVE_REACH) : start]):
        return False
    return any(last == word and named_end <= start for last, named_end in _titled_names(text))


@lru_cache(maxsize=4)
def _titled_names(text: str) -> tuple[tuple[str, int], ...]:
    """The last word of each name the text gives with a title or a calling, and where that name ends: read once for a
    report, not again for each of its one-word place names (``find_mentions`` is called sentence by sentence)."""
    return tuple((m.group("last"), m.end()) for m in _TITLED_NAME.finditer(text))


def mourned_before(text: str, start: int, end: int, day: bool = False) -> bool:
    """Whether ``text[start:end]`` ends where (``day``: when) the dead were buried or mourned ("the victims were
    buried in "), not where a funeral was attacked ("a bomber struck a funeral in ")."""
    # whose funerals they were may name the violence in passing: "the funerals of the victims of the Qissa Khwani
    # mosque bombing on Saturday" were on Saturday; "… of Friday's bombing in Peshawar" names where the bombing was.
    # Such a phrase is blanked (to the same length, so that every offset stands) unless a place follows it at once.
    passing = [v for v in _VICTIMS_OF.finditer(text, start, end) if day or not _AT_ONCE.fullmatch(text, v.end(), end)]
    for v in passing:
        text = text[: v.start()] + " " * (v.end() - v.start()) + text[v.end() :]
    m = _MOURNING.search(text, start, end)
    return m is not None and not TARGETED_BEFORE.search(text, max(start, m.start() - 40), m.start())


# "… killed in Friday's blast in Mastung", "… at his election rally in Mastung": a place at once, or after the site
_AT_ONCE = re.compile(
    r"(?:\s+(?:at|on|near|outside)\s+(?:the|an?|his|her|their)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)?"
    r"\s+(?:in|at|near|outside)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_VICTIMS_OF = re.compile(
    r"\b(?:(?:victims|dead|martyrs)\s+of|(?:killed|slain|martyred|who died)\s+in)\s+(?:the\s+|a\s+|[A-Z]\w+'s\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?(?:bombings?|attacks?|blasts?|massacre|explosion|shooting|firing)\b"
    # "the funeral prayers for the six soldiers martyred in Kech": where they were killed, named in passing
    r"|\b(?:killed|slain|martyred)\s+in\s+(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)*",
    re.IGNORECASE,
)


def mourned_at(text: str, sentence_start: int, mention: PlaceMention) -> bool:
    """Whether the place is only where the dead were buried or mourned ("were buried in Rabwah on Saturday"), where
    the mourners are who buried them ("Relatives in Quetta buried three railway employees"), or where those who
    protested it did ("… as shops stayed closed in Parachinar in protest")."""
    if mention.names_event:
        return False
    return (
        mourned_before(text, sentence_start, mention.start)
        or bool(
            _MOURNERS_IN.search(text, max(sentence_start, mention.start - 30), mention.start)
            and _MOURN_AFTER.match(text, mention.end)
        )
        or bool(_IN_PROTEST.match(text, mention.end))
    )


# "… as shops and markets stayed closed in Parachinar in protest": where the deed was protested, told after the town
_IN_PROTEST = re.compile(r"(?:\s+on\s+\w+)?\s+in\s+protest\b", re.IGNORECASE)


# "Relatives in Quetta buried …", "Mourners in Parachinar carried the coffins …": the mourners' town, then their deed
_MOURNERS_IN = re.compile(r"\b(?:relatives|mourners|families|family members|heirs|residents)\s+(?:in|of|at)\s+$", re.I)
_MOURN_AFTER = re.compile(
    _THEN + r"(?:buried|mourned|laid\b|carried\s+the\s+(?:coffins|bodies)|offered\s+funeral)", re.IGNORECASE
)


def _runs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The capitalised runs, each cut after a possessive: "Gilgit's Danyore area" is Danyore in Gilgit, a chain of two
    names (``_chained``), not one name the gazetteer lacks."""
    for run in _RUN.finditer(text, start, end):
        begin = run.start()
        for p in _POSSESSIVE.finditer(text, run.start(), run.end()):
            yield begin, p.start() + 2
            begin = p.end()
        yield begin, run.end()


def _could_be_place(text: str, end: int, hint: str | None, placed: bool) -> bool:
    """A name the gazetteer lacks counts only where the text places it: a
    type word after it, or a comma chain ("in Kansak, Farah"); a name
    followed by "in <place>" is a person or a building in that place."""
    if hint and hint != "area":
        return True
    return (placed and bool(re.match(r"\s*,\s*[A-Z]", text[end : end + 4]))) or bool(hint and placed)


def _chained(text: str, previous: list[PlaceMention], start: int) -> bool:
    if not previous:
        return False
    between = text[previous[-1].end : start]
    return bool(_CHAIN_GAP.fullmatch(between))


# what may stand between two places of one chain: "Khaniqa district, Jawzjan", "… district of Jawzjan", "… in the
# Swat valley", "… district in northern Jawzjan" (rules.v18: the district had been left out of the chain)
_CHAIN_GAP = re.compile(
    r"\s*(?:region|areas?|valley|belt|part)?\s*(?:,|,?\s+in(?:\s+the)?|\s+of|['’]s)"
    r"(?:\s+(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?)?\s*"
)


def _split_run(
    text: str, start: int, end: int, gaz: GazetteerLike, countries: frozenset[str]
) -> list[tuple[int, int, str, list[Place]]]:
    """Longest gazetteer names inside a capitalised run; a run that matches
    nothing is returned whole (it may still be a place named in a chain)."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    words = [(s, e - 2) if text[e - 2 : e] in ("’s", "'s") else (s, e) for s, e in words]
    found: list[tuple[int, int, str, list[Place]]] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 6), i, -1):
            s, e = words[i][0], words[j - 1][1]
            name = text[s:e]
            if fold(name) in NOT_PLACES:
                continue
            cands = _candidates(gaz, name, countries)
            if cands:
                found.append((s, e, name, cands))
                i = j
                break
        else:
            i += 1
    whole = text[start:end]
    hint = _TYPE_AFTER.match(text, end)
    if found and len(whole.split()) > 1 and fold(whole) not in NOT_PLACES and fold(whole).split()[0] not in NOT_PLACES:
        kind = _TYPE_WORDS[hint.group(1).lower()] if hint else None
        last = found[-1]
        partial = sum(len(text[s:e].split()) for s, e, _, _ in found) < len(whole.split()) or any(
            text[a[1] : b[0]].isspace() for a, b in itertools.pairwise(found)
        )  # two place names side by side without a comma are one name the gazetteer lacks
        if (hint and (last[1] != end or not any(p.kind == kind for p in last[3]))) or (partial and text[end : end + 1] == ","):
            return [(start, end, whole, _candidates(gaz, whole, countries))]  # "Dashti Archi district", "Dima Kariz, ..."
        if partial and not hint and not any(_known_well(p, countries) for f in found for p in f[3]):
            return [(start, end, whole, [])]  # "Garhi Shahu": a quarter the gazetteer lacks, not a village in India
    if not found:
        name = text[start:end]
        if fold(name) not in NOT_PLACES and fold(name).split()[0] not in ("the", "a"):
            return [(start, end, name, [])]
    return found


def _city(place: Place, countries: frozenset[str]) -> bool:
    """A district or a city of METROPOLIS people or more in a country the text names, whose name a building named for
    it is in ("the Quetta Press Club", "the Karachi Press Club"), unlike a person's ("the Shahid Naheed school") or a
    word's elsewhere ("North Gate Hotel" in Kabul is not North Delhi)."""
    return place.country in countries and (place.kind == "admin2" or (place.kind == "place" and place.population >= METROPOLIS))


def _known_well(place: Place, countries: frozenset[str]) -> bool:
    """A place whose name inside a longer one still names it ("Quetta Cantonment" is in Quetta): a province or a
    district, a city of 100,000 or more, or any place in a country the text names."""
    return place.kind in ("country", "admin1", "admin2") or place.population >= 100_000 or place.country in countries


def _candidates(gaz: GazetteerLike, name: str, countries: frozenset[str]) -> list[Place]:
    cands = gaz.lookup(name)
    if countries and cands:
        inside = [p for p in cands if p.country in countries]
        cands = inside or cands
    return cands


def resolve(text: str, mentions: list[PlaceMention], gaz: GazetteerLike, producer: str) -> Location | None:
    """The most specific well-supported place: the first locative chain that
    resolves, read right to left."""
    if not mentions:
        return None
    groups: list[list[PlaceMention]] = []
    for m in mentions:  # chain numbers restart in every sentence: group neighbours
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and m.chain == last.chain
            and 0 <= m.start - last.end < 40
            and not _ENDS.search(text, last.end, m.start)
        ):
            groups[-1].append(m)
        else:
            groups.append([m])

    # a place named with the event ("the Mastung blast") first, then the first chain a preposition places; a city a
    # building is named for ("a hunger strike outside the Karachi Press Club") or where those who speak are
    # ("Officials in Quetta said") after those, and never to refine another; the two ends of a journey ("travelling
    # from Parachinar to Peshawar") and where people came from ("labourers from Punjab") last, telling only the country
    groups = [[m for m in chain if not m.origin] or chain for chain in groups]
    aside = [
        ELSEWHERE
        if _journey(text, chain[0]) or chain[0].origin or _avenged(text, chain[0])
        else BUILDING_S_CITY
        if chain[0].building
        else 0
        for chain in groups
    ]
    ordered = sorted(
        zip(aside, groups, strict=True),
        key=lambda ac: (ac[0], not any(m.names_event for m in ac[1]), not ac[1][0].locative, ac[1][0].start),
    )
    found = [(off, loc) for off, chain in ordered if (loc := _resolve_chain(text, chain, gaz, producer)) is not None]
    if not found:
        return None
    if found[0][0] == ELSEWHERE:
        return _country_of([loc for _, loc in found], producer)
    best = found[0][1]
    for off, other in found[1:]:  # a finer place inside the same province refines it ("Kashmir" → "Zadibal")
        if off:
            continue
        same_area = other.country == best.country and (best.admin1 is None or other.admin1 == best.admin1)
        same_area = same_area and (best.precision in ("province", "country") or other.admin2 == best.admin2)
        if same_area and _FINER[other.precision] < _FINER[best.precision]:
            best = other
    return best


BUILDING_S_CITY, ELSEWHERE = 1, 2  # how far a chain is from being the place of the deed (``resolve``)


def _country_of(places: list[Location], producer: str) -> Location | None:
    """The country of places that are not where the deed was but where its victims came from or were going ("Six
    labourers from Punjab were shot dead", "a bus travelling from Rawalpindi to Gilgit"), when they share one: the
    province of the one or the other would be a confident wrong place."""
    countries = {p.country for p in places}
    if len(countries) != 1 or (country := countries.pop()) is None:
        return None
    evidence = tuple(span for p in places for span in p.evidence)
    return Location(country, None, None, country, None, None, "country", None, evidence, producer)


def _journey(text: str, m: PlaceMention) -> bool:
    """Whether the mention is where a journey began or was headed: "from Parachinar to Peshawar"."""
    began = _FROM.search(text[max(0, m.start - 12) : m.start]) and _TO_PLACE.match(text, m.end)
    return bool(began or _ROUTE_END.search(text[max(0, m.start - 60) : m.start]))


# "… was revenge for the army's offensive in North Waziristan", "in retaliation for drone strikes in Datta Khel": the
# place of the deed avenged, another than the one told
_AVENGED = re.compile(r"\b(?:revenge|retaliat\w*|reprisal|avenge\w*)\b[^.;,]{0,60}$", re.IGNORECASE)


def _avenged(text: str, m: PlaceMention) -> bool:
    """Whether the mention is the place of a deed the one told was revenge for (``_AVENGED``)."""
    return bool(_AVENGED.search(text, max(0, m.start - 70), m.start))


_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$")
_TO_PLACE = re.compile(r"\s+to\s+(?:the\s+)?[A-Z]")
_ENDS = re.compile(r"[.;!?]\s")  # a chain does not run on into the next sentence ("… Afghanistan. Hassan, the father …")
_FINER = {"exact": 0, "town": 1, "district": 2, "province": 3, "country": 4, "unknown": 5}


@dataclass
class _Frame:
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    place: Place | None = None
    name: str | None = None
    detail: str | None = None
    # the town a district or tehsil the gazetteer lacks is named after and seated at ("Chaman district", "the Mir Ali
    # tehsil"): its point stands for the district's, at a district's precision
    seat: Place | None = None


def text_of(m: PlaceMention) -> str:
    return m.name + ("" if m.kind_hint != "area" else " area")


METROPOLIS = 1_000_000


def _metropolis_quarter(left: PlaceMention, right: PlaceMention) -> bool:
    """ "Taimani, Kabul": a name the gazetteer lacks, beside a city of a million
    or more, is one of its quarters, not a place in a province of that name."""
    return not left.candidates and any(p.kind == "place" and p.population >= METROPOLIS for p in right.candidates)


def _resolve_chain(text: str, chain: list[PlaceMention], gaz: GazetteerLike, producer: str) -> Location | None:
    frame = _Frame()
    for i in range(len(chain) - 1, -1, -1):
        left_is_area = i > 0 and (
            chain[i - 1].kind_hint in ("area", "neighbourhood") or _metropolis_quarter(chain[i - 1], chain[i])
        )
        # a possessive holds what follows it: "Peshawar's Hayatabad area" is Hayatabad, not Peshawar
        holder = i < len(chain) - 1 and _POSSESSIVE.match(text, chain[i].end) is not None
        # a district's neighbour is its province: "in Spin Boldak district of Kandahar" is Kandahar province's district,
        # not Kandahar city
        of_district = i > 0 and chain[i - 1].kind_hint == "admin2"
        _absorb(frame, chain[i], gaz, has_left=i > 0 and not left_is_area, holder=holder, of_district=of_district)
    if frame.country is None and frame.place is None and frame.admin1 is None:
        return None
    evidence = tuple(Span.of(text, m.start, m.end) for m in chain)
    location = _location(frame, gaz, evidence, producer)
    if chain[0].near and chain[0].candidates and location.precision == "town":
        # "near Mastung": as GTD codes "in or near" a town, to its district; "near a square, Kabul" is in Kabul
        location = replace(location, precision="district")
    return location


def _absorb(
    frame: _Frame, m: PlaceMention, gaz: GazetteerLike, has_left: bool = False, holder: bool = False, of_district: bool = False
) -> None:
    """Read one chain element, right to left: the further left, the more
    specific; an unresolved name counts only where nothing finer resolved. An element left of a country, or right of
    a district (``of_district``), is in a province's slot."""
    cands = [p for p in m.candidates if _fits(p, frame)]
    if not cands and (frame.country or frame.admin1):
        cands = [p for p in gaz.lookup(m.name, frame.country, frame.admin1) if _fits(p, frame)]
    if m.kind_hint:
        hinted = [p for p in cands if p.kind == m.kind_hint]
        # a name typed a district or a province that the gazetteer holds as no such thing names none of the places it
        # holds by that name; one typed a quarter ("Hazar Ganji market") may be a town's, not a district's: "Mizan
        # Chowk", a square in Quetta, is not Mizan, a district of Zabul
        if m.kind_hint == "neighbourhood":
            hinted = hinted or [p for p in cands if p.kind == "place"]
        if m.kind_hint == "admin2" and not hinted and (frame.country or frame.admin1):  # "Musakhel district": Musa Khel
            named = gaz.lookup(f"{m.name} District", frame.country, frame.admin1)
            hinted = [p for p in named if p.kind == "admin2" and _fits(p, frame)]
        if m.kind_hint == "admin2" and not hinted:
            frame.seat = _seat(cands, frame) or frame.seat
        cands = hinted or ([] if m.kind_hint in ("admin1", "admin2", "neighbourhood") else cands)
    slot = has_left and frame.admin1 is None and m.kind_hint is None and (frame.country is not None or of_district)
    best = _prefer(cands, province_slot=slot)
    if best is None:
        if m.kind_hint == "admin2" and frame.admin2 is None:
            frame.admin2 = m.name
        elif (m.kind_hint == "area" and (frame.place is not None or frame.admin2)) or (
            frame.place is not None and frame.place.population >= METROPOLIS
        ):
            frame.detail = text_of(m)  # "Nawi Bazaar area" inside a town or district the gazetteer knows
        elif m.kind_hint != "admin1" and frame.place is None:
            frame.name = m.name
        return
    frame.country = best.country
    if best.kind != "country":
        frame.admin1 = best.admin1
    if best.kind in ("admin2", "place", "neighbourhood") and best.admin2:
        frame.admin2 = best.admin2
    if holder and frame.place is not None:
        return  # the place the possessive holds stands
    if best.kind in ("place", "neighbourhood") and (frame.place is None or KIND_RANK[best.kind] >= KIND_RANK[frame.place.kind]):
        frame.place, frame.name = best, best.name if m.name.isupper() else m.name.removesuffix("’s").removesuffix("'s")


def _seat(cands: list[Place], frame: _Frame) -> Place | None:
    """The town of a district's name that the gazetteer holds no district of (a district made after its data, or a
    tehsil), inside the district read so far if any."""
    inside = (p for p in cands if not frame.admin2 or fold(p.admin2) == fold(frame.admin2))
    return _largest_town(p for p in inside if p.lat is not None)


def _fits(place: Place, frame: _Frame) -> bool:
    if frame.country and place.country != frame.country:
        return False
    if frame.admin1 and place.kind != "admin1" and fold(place.admin1) != fold(frame.admin1):
        return False
    return not (frame.admin1 and place.kind in ("country", "admin1") and fold(place.admin1) != fold(frame.admin1))


def _prefer(cands: list[Place], province_slot: bool) -> Place | None:
    """Among same-name places the town beats the district and the province
    ("Kabul, Afghanistan" is the city), except in the province's slot of a
    longer chain ("Nawbahar, Farah, Afghanistan")."""
    if not cands:
        return None
    if province_slot and any(p.kind == "admin1" for p in cands):
        return next(p for p in cands if p.kind == "admin1")
    for kind in ("neighbourhood", "place", "admin2", "admin1", "country"):
        for p in cands:
            if p.kind == kind:
                return p
    return cands[0]


def _location(frame: _Frame, gaz: GazetteerLike, evidence: tuple[Span, ...], producer: str) -> Location:
    place = frame.place
    lat: float | None
    lon: float | None
    precision: Precision
    point_of, reach = None, None
    if place is not None and place.kind == "neighbourhood" and place.lat is None and place.parent:
        parent = gaz.get(place.parent)
        lat, lon, precision = (parent.lat, parent.lon, "town") if parent else (None, None, "unknown")
        point_of = parent.id if parent else None
    elif place is not None and place.lat is not None:
        lat, lon, precision = place.lat, place.lon, "exact" if place.kind == "neighbourhood" else "town"
    else:
        lat, lon, precision, reach = _coarser(frame, gaz)
    name = frame.name or frame.admin2 or frame.admin1 or frame.country
    return Location(
        name=name, admin2=frame.admin2, admin1=frame.admin1, country=frame.country, lat=lat, lon=lon,
        precision=precision, gazetteer_id=place.id if place else None, evidence=evidence,
        producer=f"{producer}+{gaz.version}", detail=frame.detail, point_of=point_of, reach_km=reach,
    )  # fmt: skip


def _coarser(frame: _Frame, gaz: GazetteerLike) -> tuple[float | None, float | None, Precision, float | None]:
    """The point of the district or province a place is named by, its precision and, for a province, its reach."""
    if frame.seat is not None:
        return frame.seat.lat, frame.seat.lon, "district", None
    if frame.admin2 and frame.country:
        for p in gaz.lookup(frame.admin2, frame.country, frame.admin1):
            if p.kind == "admin2" and p.lat is not None:
                return p.lat, p.lon, "district", None
    if frame.admin1 and frame.country:
        province = gaz.admin1_place(frame.country, frame.admin1)
        if province is not None and province.lat is not None:
            return province.lat, province.lon, "province", gaz.reach_km(province)
    return None, None, "country" if frame.country else "unknown", None


_PLACED_IN = re.compile(
    r"\b(?i:in|at|near|outside|from|to)\s+(?:the\s+)?([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)|\b([A-Z][a-z]+)-bound\b"  # "Gilgit-bound"
)
_HEADED = re.compile(rf"\s*({DATELINE_PLACE})\s*[:,—–-]")
_DEMONYMS = {"Pakistani": "PK", "Afghan": "AF", "Indian": "IN", "Iranian": "IR"}  # the gazetteer's whole countries
_DEMONYM = re.compile(r"\b(?:" + "|".join(_DEMONYMS) + r")\b")


def countries_of(text: str, gaz: GazetteerLike) -> frozenset[str]:
    """The countries the text names, or names a province of; when it names none, those of the places it puts
    something in that lie in one country only ("in Sehwan", "at Karachi"): a report of Sindh that names
    neither Sindh nor Pakistan means Hyderabad, Sindh, not Hyderabad, India; failing those, the countries its
    people are of ("the Pakistani Taliban … in Kohistan" is Kohistan, Pakistan, not Kohistan, Afghanistan) and of the
    capitals it names by a description ("the federal capital", ``CAPITALS``)."""
    found = set()
    if (head := _HEADED.match(text)) is not None:  # "QUETTA:", "PESHAWAR, Nov 21:": where the report was filed
        homes = {p.country for p in gaz.lookup(head.group(1).title())}
        found |= homes if len(homes) == 1 else set()
    for m in re.finditer(r"\b[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)?\b", text):  # "Gilgit-Baltistan" too
        # "Balochistan Bar Association": the province, when the two words are no place
        for p in gaz.lookup(m.group(0)) or gaz.lookup(m.group(0).split()[0]):
            if p.kind in ("country", "admin1"):
                found.add(p.country)
                break
    if not found:
        for m in _PLACED_IN.finditer(text):
            name = m.group(1) or m.group(2)
            homes = {p.country for p in gaz.lookup(name)} or {p.country for p in gaz.lookup(name.split()[0])}
            if len(homes) == 1:  # "outside the Quetta Press Club": Quetta, if "Quetta Press" is no place
                found |= homes
    if not found:  # the countries of the people named, and of the capitals named by a description
        found = {_DEMONYMS[m.group(0)] for m in _DEMONYM.finditer(text)}
        found |= {CAPITALS[" ".join(m.group(0).lower().split())][1] for m in _CAPITAL.finditer(text)}
    return frozenset(found)
