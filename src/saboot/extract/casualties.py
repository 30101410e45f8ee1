"""Counts of killed, injured, abducted, missing and arrested people.

Anchored on casualty verbs: a passive or intransitive verb takes the counts
before it ("One civilian and six assailants were killed"), an active verb
the count after it ("killing 26 people"), a toll phrase the count it states
("the death toll rose to 84"). Counts joined by "and" add up; a count after
"including" is a part of the total, not an addition. Counts of perpetrators
("assailants", "the suicide bomber") are kept as parts so that victims and
perpetrators can be told apart. A count said to be "across both attacks"
belongs to several incidents and is flagged ``across_incidents``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from saboot.claims import CountPart, Quantity, Span
from saboot.dates import MONTH_WORDS
from saboot.extract.eventtypes import vocabulary_words
from saboot.extract.names import FULL_NAME, NAME, NAMED_MANY, NAMED_ONE, NAMES, NOT_A_NAME
from saboot.extract.numbers import TENS, UNITS, NotANumber, QuantityMatch, find_quantities, parse_number
from saboot.extract.reldates import WEEKDAYS
from saboot.extract.singles import single_phrase, singles
from saboot.extract.text import own_words_end

# people taken by state agents ("picked up by security forces", "security forces picked up three students"): the words
# Pakistan's press uses for an enforced disappearance; "picked up" by anyone else (rescuers, a boat) takes no one. The
# agents, and the takers the report does not say are the state's ("plainclothes men"), are the vocabulary's words.
_WORDS = vocabulary_words()
STATE_AGENTS = _WORDS["state_agents"]
_TAKEN_BY_STATE = (
    _WORDS["taken_away"]
    + r"(?=\s+by\s+(?:the\s+)?(?:(?:personnel|officials|officers|men|members)\s+of\s+(?:the\s+)?)?"
    + STATE_AGENTS
    + r"\b)"
)
_TAKEN_BY_UNKNOWN = _WORDS["taken_away"] + r"(?=\s+by\s+" + _WORDS["unnamed_takers"] + r"\b)"
# "Sohail Baloch and Fasihullah Baloch were picked up from the campus": taken, by whom the report does not say
_TAKEN_FROM = r"(?:(?<=\bwere )|(?<=\bwas )|(?<=\bbeen ))" + _WORDS["taken_away"] + r"(?=\s+from\s)"
# "Nadir Baloch and Sameer Baloch, who were picked up on Monday": people, taken (by whom, the rules above say)
_TAKEN_WHO = (
    r"(?:(?<=\bwho were )|(?<=\bwho was )|(?<=\bwho had been )|(?<=\bwho have been ))" + _WORDS["taken_away"] + r"(?!\s+by\b)"
)
# the words of a taking that say by whom, or who was taken: the count rules' "abducted" verbs (``FIELD_VERBS``) and the
# check that a singular subject was taken (``_singular``)
_TAKINGS = "|".join((_TAKEN_BY_STATE, _TAKEN_BY_UNKNOWN, _TAKEN_FROM, _TAKEN_WHO))
_TAKEN_VERB = re.compile(_TAKINGS, re.IGNORECASE)
# the subject a person: "he", "she", or a name ("Zahid Baloch, the chairman of the BSO-Azad,")
_PERSON_SUBJECT = re.compile(
    rf"(?:\b(?i:he|she)|^\s*(?P<name>{FULL_NAME})(?:\s*,[^,]{{1,90}},)?(?:\s*,?\s+who)?"
    # "for the release of Zahid Baloch, who was picked up": the person a protest is for
    rf"|\b(?:of|for)\s+(?P<of>{FULL_NAME})\s*,\s*who)\s+(?:was|had been|has been)\s+$"
)
# "Zahid Baloch went missing", "the chairman Zahid Baloch, who went missing", "he has gone missing": one person
_GONE_MISSING = re.compile(
    rf"(?:\b(?i:he|she)|\b(?P<name>{FULL_NAME})(?:\s*,[^,]{{1,90}})?,?(?:\s+who)?)\s+(?:went|has gone|had gone)\s+$"
)
_STATE_TOOK = re.compile(r"\b" + STATE_AGENTS + r"\s+(?:\w+\s+){0,2}?" + _WORDS["took_away"] + r"\s+", re.IGNORECASE)
# "the bodies of three coal miners were recovered": three dead; "the body of a missing person": one
_BODIES = re.compile(r"\b(?:bodies|body) of\s+", re.IGNORECASE)
# "Hafeez Baloch's bullet-riddled body": one dead, named
_NAMED_BODY = re.compile(rf"({FULL_NAME})['’]s\s+(?:[\w-]+\s+){{0,2}}?body\b")
# "police recovered two bullet-riddled bodies": the dead, counted as the object of a finding
_FOUND_BODIES = re.compile(
    r"\b(?:found|recovered|discovered|retrieved|fished out)\s+(?=\S+\s+(?:[\w-]+\s+){0,2}?(?:bodies|corpses)\b)",
    re.IGNORECASE,
)
# "the bodies of two missing persons", "the bodies of three Baloch students who had been missing since March": the dead
_BODIES_OF = re.compile(
    r"\bbodies of\s+(?:the\s+)?(?:[\w-]+\s+){1,2}(?:[\w-]+\s+(?:who|that)\s+(?:had\s+|have\s+)?(?:been\s+|gone\s+|went\s+)?)?$",
    re.IGNORECASE,
)
# "claimed the killing of 11 coal miners", "the abduction of two engineers": the deed named, and whom it was done to
_KILLING_OF = re.compile(r"\b(?:killings?|murders?|massacre|slaughter|execution)\s+of\s+(?:the\s+)?", re.IGNORECASE)
# "refused to bury the 86 victims", "the funeral prayers of 11 miners": the dead
_BURIED = re.compile(
    r"\b(?:bur(?:y|ied|ying)|burial of|funerals?(?: prayers)? of|coffins of)\s+(?:the\s+|all\s+)?", re.IGNORECASE
)
# "the blast claimed the lives of 11 people", "claimed 11 lives": the dead
_LIVES = re.compile(
    r"\b(?:claimed|claiming|claims|took|taking|cost|costing)\s+(?:the\s+lives\s+of\s+|(?=(?:[\w,-]+\s+){1,4}?lives\b))",
    re.IGNORECASE,
)
_ABDUCTION_OF = re.compile(r"\b(?:abductions?|kidnappings?|abduction and killing)\s+of\s+(?:the\s+)?", re.IGNORECASE)
_DISAPPEARANCE_OF = re.compile(r"\b(?:enforced\s+|forced\s+)?disappearances?\s+of\s+(?:the\s+)?", re.IGNORECASE)
FIELD_VERBS = {
    "killed": r"killed|killing|dead|died|dies|succumbed|hanged|shot dead|burn(?:ed|t) (?:alive|to death)|lynched|gunned down|slain|murdered|martyred|martyring|embraced (?:martyrdom|shahadat)|slaughtered|lost (?:their|his|her) lives|perished|fell (?:a )?victims? to (?:an? )?(?:target(?:ed)? killings?|sectarian (?:killings?|violence)|terrorism|terrorist attacks?|(?:indiscriminate )?firing|bomb(?:ing)?s?|blasts?)|beheaded|massacred|executed|bodies (?:were|was) (?:found|recovered)",
    "injured": r"injured|injuring|wounded|wounding|hurt|(?:sustained|received|suffered) (?:\w+ )?injuries|hospitali[sz]ed|reported sick|poisoned|poisoning",
    "abducted": r"abducted|abducting|kidnapped|kidnapping|taken hostage|held hostage|(?:taking|took|holding|held|rescued|rescuing|freed|freeing|released|releasing)(?=\s[^.]{0,40}?\bhostages?\b)|(?:(?<=hostages were )|(?<=hostage was ))(?:rescued|freed|released)|seized|taken captive|forcibly removed|" + _TAKINGS,
    "missing": r"missing|disappeared|unaccounted for|subjected to enforced disappearances?",
    "arrested": r"arrested|arresting|detained|detaining|taken into custody|apprehended",
}  # fmt: skip
_ACTIVE = {"beheaded", "killing", "killed", "injuring", "wounding", "injured", "wounded", "abducted", "abducting", "kidnapped", "kidnapping", "arrested", "arresting", "detained", "detaining", "left", "leaving", "executed", "massacred", "shot dead", "gunned down", "murdered", "martyring", "slaughtered", "slain", "seized", "hijacked", "poisoned", "poisoning", "taking", "took", "holding", "held", "rescued", "rescuing", "freed", "freeing", "released", "releasing"}  # fmt: skip
_VERB = re.compile(
    r"(?:\b|(?<=were)|(?<=was))(?:" + "|".join(f"(?P<{k}>{v})" for k, v in FIELD_VERBS.items()) + r")\b", re.IGNORECASE
)
_TOLL = re.compile(
    r"\b(?:death toll|toll|number of (?:the )?(?:[a-z]+ )?(?:dead|deaths|killed)|deaths|fatalities|the dead)\b[^.;]{0,160}?"
    r"\b(?:rose|risen|climbed|jumped|reached|stood|stands|was|is|at|to|range[sd]?|ranging|estimated|put)\b[^.;]{0,25}?(?=\b(?:at least|more than|over|about|around|nearly|up to|between|from|\d|[a-z]*(?:ty|teen|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b))",
    re.IGNORECASE,
)
_NONE = re.compile(
    r"\bno (?:reported )?(?P<both>casualties)\b|\bno (?:one|body|people) (?:was|were) (?:(?P<k>killed)|(?P<i>injured|hurt|wounded))|\bno (?:reported )?(?:(?P<k2>deaths|fatalities)|(?P<i2>injuries))\b|\bwithout (?:any )?casualties\b",
    re.IGNORECASE,
)
PERPETRATOR_NOUNS = re.compile(
    r"^(?:of the |other |more |further )?(?:\w+\s){0,2}?(?:assailants?|attackers?|militants?|gunmen|insurgents?|terrorists?|bombers?|suicide bombers?|fighters|rebels|kidnappers|abductors|perpetrators|extremists|Taliban|hijackers|shooters?)\b",
    re.IGNORECASE,
)
_THINGS = r"vehicles?|houses?|homes|buses|cars|shops|schools|trucks|tankers|posts|checkpoints?|buildings|towers|pylons|bridges|weapons|guns|rifles"
# "23 armoured vehicles", not "23 passengers from buses": the words between the count and the thing no place's
_NOT_PEOPLE = re.compile(
    rf"^(?:\s+(?!(?:from|in|on|at|near|aboard|inside|outside)\b)[\w-]+){{0,2}}?\s+(?:{_THINGS})\b|^(?:-|\s)*(?:incident|years?|year-old|yrs|hours?|minutes?|days?|weeks?|months?|km|kilomet(?:re|er)s?|miles?|metres?|meters?|percent|per cent|%|"
    r"cases|times|vehicles?|houses?|homes|buses|cars|shops|kg|kilograms?|rupees|dollars|Rs|am|pm|a\.m\.|p\.m\.|o'clock|feet|rounds|schools|"
    r"districts?|provinces?|villages?|attacks|corps|brigades?|battalions?|regiments?|incidents|bombings|blasts|explosions|of them|trucks|tankers|shells|mortars|rockets|posts|checkpoints?|th|st|nd|rd)(?!\w)",
    re.IGNORECASE,
)
_ACROSS = re.compile(
    r"\b(?:across (?:both|the|all|these|those|\w+) (?:attacks|incidents|events|blasts|bombings|clashes|operations|raids|assaults)|"
    r"in (?:both|the two|the three|all \w+|two|three|four|five|several|a series of|separate|multiple) (?:separate |related |coordinated )?(?:attacks|incidents|blasts|bombings|explosions)|"
    r"combined|in total|altogether|"
    # "Two attacks on election campaigns killed at least 132": the attacks counted, not one of them
    r"(?:^|(?<=[.!?:\n]\s)|(?<=\n))(?:two|three|four|five|six|\d+) (?:separate |different |deadly |terrorist |militant )?attacks\b|"
    # "…: two bombings in Quetta killed more than 100 people": so too bombings, unless at one building ("two bombings
    # at a snooker hall" are the twin blasts of one incident)
    r"(?:^|(?<=[.!?:\n]\s)|(?<=\n))(?:two|three|four|five|six|\d+) (?:separate |different |deadly |suicide )?bombings\b"
    r"(?! (?:at|on|inside|outside) (?:a|an|the)\b)|"
    # "Friday's attacks in Quetta and Parachinar killed at least 85": attacks in two towns, counted together
    r"(?:attacks|blasts|bombings|explosions) in (?-i:[A-Z][\w-]+(?: [A-Z][\w-]+)?),? and (?-i:[A-Z][\w-]+)|"
    # "nearly 100 people have been killed in Kurram since July": all killed over a while, up to now
    r"(?:have|has) been (?:\w+ )?(?:killed|martyred|injured|wounded|abducted|kidnapped)\b[^.;]{0,80}?\bsince (?:the (?:start|beginning)|"
    r"last|early|late|mid-?|" + MONTH_WORDS + r"|\d{4}|"
    # "… have been killed in clashes in Kurram since Thursday's attack on the convoy": the deaths of the days after it
    + "|".join(WEEKDAYS)
    + r"|the\s+(?:[\w-]+\s+){0,3}?(?:attack|ambush|bombing|blast|killing|massacre))|"
    r"so far this (?:year|month))\b",
    re.IGNORECASE,
)  # fmt: skip
_NOT = re.compile(r"\b(?:not|never|n't)\s+(?:been\s+|be\s+)?$", re.IGNORECASE)
# "Hundreds held a candlelight vigil … for the children killed", "Thousands of mourners attended the funeral of the
# five men shot dead": a crowd that did something of its own, not the dead of the deed told after it
_GATHERED = re.compile(
    r"(?:(?:\s+of)?(?:\s+[\w-]+){0,2}?\s+(?:people|mourners|protesters|residents|students|supporters|workers|women|men))?"
    r"\s+(?:held(?!\s+(?:hostage|captive|in|by|for)\b)|attended|marched|gathered|joined|staged|protested|took part|lit|offered|prayed|chanted|blocked|rallied|"
    r"mourned|turned out|came out|demonstrated|thronged|participated|observed)\b",
    re.IGNORECASE,
)
DIED_OF_WOUNDS = r"succumbed|died|passed away|expired"  # what the injured did who did not live (``tolls``)
_SUCCUMBED = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{DIED_OF_WOUNDS})\b", re.IGNORECASE)
_THE_NOUN = re.compile(r"\bthe\s+$", re.IGNORECASE)
# "Siraj Raisani was among those killed", "two policemen were among the people killed": some of the dead, not how many
_AMONG = re.compile(r"\b(?:among|one of)\s+(?:those|the(?:\s+people|\s+persons)?)\s+$", re.IGNORECASE)
_SINGULAR_SUBJECT = re.compile(r"\b(?:was|has been|had been)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


@dataclass(frozen=True)
class CountMention:
    field: str
    quantity: Quantity
    start: int  # the whole phrase (counts and verb)
    end: int
    flags: tuple[str, ...] = ()
    perpetrators_only: bool = False


@dataclass
class _Acc:
    qs: list[tuple[QuantityMatch, str, bool, bool]] = field(default_factory=list)  # (q, group words, perp, included)


def find_counts(text: str, start: int, end: int, dates: list[tuple[int, int]], producer: str) -> list[CountMention]:
    """Every count stated in the sentence ``text[start:end]``."""
    besides = [(m.start(), m.end()) for m in _IN_ADDITION.finditer(text, start, end)]  # counted by _attackers_too
    quantities = [q for q in find_quantities(text, start, end) if _is_people_count(text, q, dates + besides)]
    quantities = sorted(quantities + singles(text, start, end, quantities), key=lambda q: q.start)
    out: list[CountMention] = []
    boundary = start
    for verb in _VERB.finditer(text, start, end):
        field_name = next(k for k, v in verb.groupdict().items() if v)
        if _NOT.search(text, max(start, verb.start() - 20), verb.start()) or _AMONG.search(
            text, max(start, verb.start() - 30), verb.start()
        ):
            # "Sayyaf was not injured", "Raisani was among those killed": no count of anyone
            boundary = max(boundary, verb.end())
            continue
        if (
            _THE_NOUN.search(text, max(start, verb.start() - 6), verb.start())
            or (field_name == "missing" and _BODIES_OF.search(text, max(start, verb.start() - 70), verb.start()))
            or (field_name == "injured" and _SUCCUMBED.match(text, verb.end()))
        ):
            continue  # "more of the wounded died", "the bodies of two missing persons", "three injured persons succumbed"
        mention = _active(text, verb, field_name, quantities, end, producer)
        if mention is None and not _ACTIVE_WORD.match(verb.group(0)) and not _active_only(text, verb):
            mention = _passive(text, verb, field_name, quantities, boundary, producer)
        if mention is not None:
            out.append(mention)
            along = _ALONG.match(text, mention.end)  # "… along with a guard": not the subject of the next verb
            boundary = max(boundary, verb.end(), mention.end, along.end() if along else 0)
        elif not _ACTIVE_WORD.match(verb.group(0)):
            boundary = max(boundary, verb.end())
    out += _then_killed(text, out)
    out += _counted_after(_TOLL, "killed", text, start, end, quantities, out, producer)
    out += _counted_after(_STATE_TOOK, "abducted", text, start, end, quantities, out, producer)
    out += _taken_by_name(text, start, end, quantities, out, producer)
    out += _counted_after(_BODIES, "killed", text, start, end, quantities, out, producer)
    out += _counted_after(_FOUND_BODIES, "killed", text, start, end, quantities, out, producer)
    out += _named_bodies(text, start, end, out, producer)
    out += _counted_after(_KILLING_OF, "killed", text, start, end, quantities, out, producer)
    out += _counted_after(_BURIED, "killed", text, start, end, quantities, out, producer)
    out += _counted_after(_LIVES, "killed", text, start, end, quantities, out, producer)
    out += _counted_after(_ABDUCTION_OF, "abducted", text, start, end, quantities, out, producer)
    out += _counted_after(_DISAPPEARANCE_OF, "missing", text, start, end, quantities, out, producer)
    out += _nones(text, start, end, producer)
    out = _attackers_too(text, start, end, out, quantities, producer)
    if _ACROSS.search(text, start, own_words_end(text, start, end)):  # not "…, the latest in a series of attacks"
        out = [CountMention(c.field, c.quantity, c.start, c.end, ("across_incidents",), c.perpetrators_only) for c in out]
    return out


# "killed journalist Arshad Khan in", "shot dead Shia leader …": one named person
_OBJECT_ROLE = (
    r"(?:governor|commander|chief|judge|elder|mullah|haji|dr\.?\s|journalist|lawyer|advocate|activist|student|doctor|"
    r"teacher|professor|politician|leader|cleric|scholar|trader|shopkeeper|poet|writer|singer|police officer|policeman)"
)
_NAMED_OBJECT = re.compile(
    rf"\s+(?:(?:district|provincial|deputy|former|local|senior|prominent)\s+)?(?:[A-Z][\w-]+\s+(?={_OBJECT_ROLE}))?{_OBJECT_ROLE}?\s*"
    r"(?:[A-Z][\w'’-]+(?:\s+|(?=,))){1,4}(?=,\s+(?:an?|the)\b|in\s+[A-Z]|(?:as|while|when|after|near|outside|from|on)\b)"
)


_ACTIVE_WORD = re.compile(
    r"(?:killing|martyring|injuring|wounding|abducting|kidnapping|arresting|detaining|poisoning)$", re.IGNORECASE
)


def _active_only(text: str, verb: re.Match[str]) -> bool:
    """ "A soldier poisoned his colleagues": a verb that is seldom a casualty count's passive without "were"."""
    return verb.group(0).lower() == "poisoned" and not re.search(
        r"\b(?:was|were|been|being|is|are)\s+$", text[max(0, verb.start() - 12) : verb.start()], re.IGNORECASE
    )


def _is_people_count(text: str, q: QuantityMatch, dates: list[tuple[int, int]]) -> bool:
    """Not a year, an age, a date, a duration, a distance or a count of things."""
    if any(q.start < e and q.end > s for s, e in dates):
        return False
    after = text[q.end : q.end + 25]
    if _NOT_PEOPLE.match(after) or re.match(r"\s*(?:st|nd|rd|th)\b|[./:]\d", after):
        return False
    if q.best is not None and 1900 <= q.best <= 2100 and not q.qualifier and q.raw[:1].isdigit():
        return False
    return not re.search(r"\b(?:aged?|ages|No\.|number)\s*$", text[max(0, q.start - 10) : q.start], re.IGNORECASE)


_GROUP_STOP = {"and", "were", "was", "had", "have", "has", "including", "in", "at", "of", "on", "who", "are", "is", "by", "from", "to", "with", "died", "killed", "injured", "wounded", "dead"}  # fmt: skip
_JOIN_STOP = _GROUP_STOP - {"and"} | {
    "last",
    "year",
    "after",
    "before",
    "while",
    "when",
    "as",
    "this",
    "that",
    "said",
    "where",
    "which",
    "whom",
    "but",
    "whereas",
}


def _group_words(text: str, q: QuantityMatch) -> str:
    phrase = q.raw if q.qualifier == NAMED_ONE else single_phrase(q)
    if phrase is not None:
        return phrase
    words = []
    for w in re.findall(r"[\w’'-]+|,", text[q.end : q.end + 60])[:5]:
        if w == "," or w.lower() in _GROUP_STOP:
            break
        words.append(w)
    return " ".join(words)


def _joins(between: str) -> bool:
    """Two counts add up when only group words and "and" or a comma stand between them."""
    words = re.findall(r"[\w’'-]+|,", between.lower())
    # a participle before a noun describes it ("uprising members", "armed guards"); one before "and" is a verb
    verbs = any(
        re.fullmatch(r"\w+(?:ing|ed)", w) and (i + 1 == len(words) or words[i + 1] in ("and", ",", "by"))
        for i, w in enumerate(words)
    )
    return (
        bool(words)
        and ("and" in words or "," in words or "plus" in words)
        and not (set(words) & _JOIN_STOP)
        and not verbs
        and len(words) <= 8
    )


# where one of the people counted together was: "killed a doctor in Gulshan-e-Iqbal and a shopkeeper in Orangi Town"
_AT_A_PLACE = re.compile(r"\s(?:in|at|near)\s+(?:the\s+)?(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)*", re.IGNORECASE)
_OPENS = re.compile(r"\b(?:including|among them|of whom|among whom|of which|of them)\b")  # a part of the count before


def _passive(
    text: str, verb: re.Match[str], field_name: str, quantities: list[QuantityMatch], boundary: int, producer: str
) -> CountMention | None:
    window = [q for q in quantities if boundary <= q.start and q.end <= verb.start()]
    window = [q for q in window if len(text[q.end : verb.start()].split()) <= 14 and not _GATHERED.match(text, q.end)]
    if not window:
        return _singular(text, verb, field_name, boundary, producer)
    named = _named_with(text, boundary, window[0])
    window = [named, *window] if named is not None else window
    first = window[0]
    acc = _Acc()
    for q in window:
        between = text[first.end if q is first else acc.qs[-1][0].end : q.start].lower()
        opens = bool(_OPENS.search(between)) or (len(acc.qs) == 1 and _apposition(text, first, q, window, verb.start()))
        continues = bool(acc.qs) and acc.qs[-1][3] and _joins(between) and ("," not in between or _fits(acc, q))
        included = q is not first and (opens or continues)
        if q is not first and not included and not _joins(between):
            acc = _Acc()  # an unrelated number earlier in the clause: start again
            first = q
        words = _group_words(text, q)
        acc.qs.append((q, words, bool(PERPETRATOR_NOUNS.match(words)), included))
    return _build(text, field_name, acc, first.start, verb.end(), producer)


_NAME_AND = re.compile(rf"(?:^|(?<=[\s,;:(])){NAME}\s+and\s+$")
_WITH_OTHERS = re.compile(r"\S+\s+(?:other\b|others\b|more\b|of (?:his|her|their)\b)", re.IGNORECASE)


def _named_with(text: str, boundary: int, first: QuantityMatch) -> QuantityMatch | None:
    """ "Orya and one other person", "Samar and four of his family members",
    "Jan and his guard": the named person is one more."""
    m = _NAME_AND.search(text, boundary, first.start)
    with_others = first.raw.split()[0].lower() in ("a", "an", "his", "her", "their") or _WITH_OTHERS.match(text, first.start)
    if m is None or NOT_A_NAME.match(m.group(0)) or not with_others:
        return None
    name = m.group(0).rsplit(" and", 1)[0].strip()
    return QuantityMatch(m.start(), m.start() + len(name), 1, 1, 1, name, NAMED_ONE, ())


_GENERIC = re.compile(r"\s*(?:people|persons|individuals|others|victims)?\s*,\s*$", re.IGNORECASE)


def _apposition(text: str, first: QuantityMatch, q: QuantityMatch, window: list[QuantityMatch], verb: int) -> bool:
    """ "At least two people, the elder and his bodyguard, were killed": a list
    after a count of people that names no more than the count is who they were."""
    if not _GENERIC.match(text[first.end : q.start]) or first.best is None:
        return False
    rest = [r for r in window if r.start >= q.start]
    named = sum(r.best or 0 for r in rest)
    return named <= first.best and "," in text[rest[-1].end : verb]


def _fits(acc: _Acc, q: QuantityMatch) -> bool:
    """A comma-separated item still belongs to the "including" list while the parts fit in the total."""
    total = acc.qs[0][0].best
    parts = sum(p.best or 0 for p, _, _, inc in acc.qs if inc)
    return total is not None and parts + (q.best or 0) <= total


def _active(
    text: str, verb: re.Match[str], field_name: str, quantities: list[QuantityMatch], end: int, producer: str
) -> CountMention | None:
    word = verb.group(0).lower()
    if word not in _ACTIVE and not word.startswith("taking"):
        return None
    if re.search(
        r"\b(?:was|were|been|be|is|are|being)\s+(?:\w+\s+)?$", text[max(0, verb.start() - 25) : verb.start()], re.IGNORECASE
    ):
        return None  # "were killed" is passive: its count stands before it
    after = [q for q in quantities if verb.end() <= q.start < min(end, verb.end() + 40)]
    named = _named_object(text, verb.start(), verb.end(), field_name, quantities, after, producer)
    if named is not None and word not in ("left", "leaving"):
        return named
    if not after or text[verb.end() : after[0].start].strip(" ") not in (
        "",
        "at least",
        "more than",
        "some",
        "about",
        "himself and",
        "themselves and",
        "off",
    ):
        return None
    if word in ("left", "leaving"):
        tail = re.match(r"\s*(?:\w+\s+){0,2}?(dead|injured|wounded|missing)\b", text[after[0].end : after[0].end + 40])
        if not tail:
            return None
        field_name = "killed" if tail.group(1) == "dead" else "injured" if tail.group(1) != "missing" else "missing"
    acc = _Acc()
    prev = after[0]
    for q in after:
        between = _AT_A_PLACE.sub(" ", text[prev.end : q.start]).lower()  # "a doctor in Gulshan-e-Iqbal and a shopkeeper"
        if q is not prev and not _joins(between):
            break
        words = _group_words(text, q)
        part = q is not after[0] and (_partitive(text, q) or bool(_OPENS.search(between)))
        acc.qs.append((q, words, bool(PERPETRATOR_NOUNS.match(words)), part))
        prev = q
    mention = _build(text, field_name, acc, verb.start(), prev.end, producer)
    selfref = re.match(r"\s*(himself|herself)\s+and", text[verb.end() : verb.end() + 20], re.IGNORECASE)
    if selfref and mention is not None:
        return _with_self(text, mention, verb.end() + selfref.start(1), verb.end() + selfref.end(1))
    return mention


def _named_object(
    text: str, start: int, at: int, field_name: str, quantities: list[QuantityMatch], after: list[QuantityMatch],
    producer: str,
) -> CountMention | None:  # fmt: skip
    """The people an active verb ending at ``at`` names as its object: "shot dead Karim Khan and two other people",
    "abducted Zahid Baloch from Turbat" (``after``: the counts that follow the verb)."""
    others = _named_and_others(text, at, quantities)
    if others is not None:
        acc = _Acc()
        acc.qs += [(q, _group_words(text, q), False, False) for q in others]
        return _build(text, field_name, acc, start, others[1].end, producer)
    named = _NAMED_OBJECT.match(text, at)
    if named is None or (after and after[0].start < named.end()):
        return None
    stop = named.start() + len(named.group(0).rstrip(" ,"))  # the name's last letter, not the space after it
    q = Quantity(1, 1, 1, (Span.of(text, start, stop),), producer, raw=named.group(0).strip(" ,"), qualifier=NAMED_ONE)
    return CountMention(field_name, q, start, stop)


def _taken_by_name(
    text: str, start: int, end: int, quantities: list[QuantityMatch], found: list[CountMention], producer: str
) -> list[CountMention]:
    """ "Security forces picked up Zahid Baloch and his brother": the people the state's agents took, by name, when no
    count of theirs is read (``_STATE_TOOK`` counts a number)."""
    if any(c.field == "abducted" for c in found):
        return []
    for m in _STATE_TOOK.finditer(text, start, end):
        after = [q for q in quantities if m.end() <= q.start < min(end, m.end() + 40)]
        named = _named_object(text, m.start(), m.end() - 1, "abducted", quantities, after, producer)
        if named is not None:
            return [named]
    return []


# "shot dead Karim Khan and two other people", "arrested Mahrang Baloch, the leader of …, and several other activists"
_NAME_THEN_AND = re.compile(rf"\s+({NAME})(?:,[^,.;]{{1,80}},)?\s+and\s+")


def _named_and_others(text: str, at: int, quantities: list[QuantityMatch]) -> tuple[QuantityMatch, QuantityMatch] | None:
    """The person named at ``at`` (after an active verb) and the others counted with them ("and two other people",
    "and his son")."""
    m = _NAME_THEN_AND.match(text, at)
    if m is None or NOT_A_NAME.match(m.group(1)):
        return None
    q = next((q for q in quantities if q.start == m.end()), None)
    if q is None or not (_WITH_OTHERS.match(text, q.start) or q.raw.split()[0].lower() in ("his", "her", "their")):
        return None
    return QuantityMatch(m.start(1), m.end(1), 1, 1, 1, m.group(1), NAMED_ONE, ()), q


_OF_THEM = re.compile(r"\s*(?:of\s+)?(?:them|whom)\b", re.IGNORECASE)


def _partitive(text: str, q: QuantityMatch) -> bool:
    """ "killing 141 people, 132 of them children": a part of the count before it, not more dead."""
    return q.raw.lower().endswith(" of") and _OF_THEM.match(text, q.end) is not None


# what comes between the names and the verb: "were picked up", "have been missing", "went missing"
_PLURAL_AUX = r"(?:were|have been|had been|went|have gone|had gone)"
_NAMED_PAIR = re.compile(
    r"(?:^|\b(?:brothers|sisters|sons|cousins|men|women|activists|students)\s+)"
    + NAMES
    + rf"\s+{_PLURAL_AUX}\s+(?:\w+\s+){{0,2}}$"
)
# "to demand the recovery of Sohail Baloch and Fasihullah Baloch, who were picked up", "Nadir Baloch and Sameer Baloch,
# who were picked up": the names, then who they were
_NAMED_WHO = re.compile(r"(?:^\s*|\b(?:of|for)\s+)" + NAMES + rf"\s*,\s*who\s+{_PLURAL_AUX}\s+(?:\w+\s+){{0,2}}$")


def _named(text: str, verb: re.Match[str], field_name: str, boundary: int, producer: str) -> CountMention | None:
    """ "brothers Muhammad Essa and Abdul Haq were ... removed": one per name."""
    before = text[boundary : verb.start()]
    m = _NAMED_PAIR.search(before) or _NAMED_WHO.search(before)
    if not m:
        return None
    names = [n for n in re.split(r",\s*|\s+and\s+", m.group(1)) if n.strip()]
    span = Span.of(text, boundary + m.start(1), verb.end())
    n = len(names)
    q = Quantity(n, n, n, (span,), producer, raw=m.group(1), qualifier=NAMED_MANY)
    return CountMention(field_name, q, boundary + m.start(1), verb.end())


def _singular(text: str, verb: re.Match[str], field_name: str, boundary: int, producer: str) -> CountMention | None:
    """ "Mohammad ... was killed": one person, when the subject is singular."""
    named = _named(text, verb, field_name, boundary, producer)
    if named is not None:
        return named
    before = text[boundary : verb.start()]
    gone = _GONE_MISSING.search(before) if field_name == "missing" else None
    if gone is not None:  # "Zahid Baloch, who went missing", "he went missing"
        return _one_named(text, verb, field_name, boundary, gone, producer)
    if not _SINGULAR_SUBJECT.search(before) or re.search(r"\b(?:no one|nobody|none)\b", before, re.IGNORECASE):
        return None
    person = _PERSON_SUBJECT.search(before)
    if _TAKEN_VERB.match(text, verb.start()) and not person:
        return None  # "the story was picked up by the police" takes no one: a person named or "he", "she" only
    if person is not None:  # "Hafeez Baloch, who had been picked up", "he was picked up": one
        return _one_named(text, verb, field_name, boundary, person, producer)
    subject = before.strip()
    if not subject or re.match(
        r"^(?:it|this|that|the (?:attack|blast|bomb|explosion|incident|vehicle|car|bus|building|area|site))\b",
        subject,
        re.IGNORECASE,
    ):
        return None
    return _one_person(text, verb, field_name, boundary, producer, "singular subject")


def _one_named(
    text: str, verb: re.Match[str], field_name: str, boundary: int, subject: re.Match[str], producer: str
) -> CountMention:
    """One person, the ``subject`` found before ``boundary``'s verb: named, with the name as evidence, when the subject
    names them (its group "name" or "of"), else "he" or "she"."""
    who = next((g for g in ("name", "of") if g in subject.re.groupindex and subject.group(g)), None)
    if who is None:
        return _one_person(text, verb, field_name, boundary, producer, "singular subject")
    name = Span.of(text, boundary + subject.start(who), boundary + subject.end(who))
    q = Quantity(1, 1, 1, (Span.of(text, name.start, verb.end()),), producer, raw=name.quote, qualifier=NAMED_ONE)
    return CountMention(field_name, q, boundary, verb.end())


def _one_person(text: str, verb: re.Match[str], field_name: str, boundary: int, producer: str, qualifier: str) -> CountMention:
    """One person, the subject before ``boundary``'s verb, counted with the verb as evidence."""
    span = Span.of(text, verb.start(), verb.end())
    return CountMention(
        field_name, Quantity(1, 1, 1, (span,), producer, raw=verb.group(0), qualifier=qualifier), boundary, verb.end()
    )


def _build(text: str, field_name: str, acc: _Acc, start: int, end: int, producer: str) -> CountMention | None:
    totals = [(q, w, p) for q, w, p, inc in acc.qs if not inc]
    if not totals:
        return None
    low = _sum([q.low for q, _, _ in totals])
    best = _sum([q.best for q, _, _ in totals])
    high = _sum([q.high for q, _, _ in totals])
    flags = tuple(sorted({f for q, _, _, _ in acc.qs for f in q.flags}))
    parts = tuple(CountPart(w or "people", q.low, q.best, q.high, p, (Span.of(text, q.start, q.end),)) for q, w, p, _ in acc.qs)
    evidence = (Span.of(text, start, end),)
    raw = " + ".join(q.raw for q, _, _ in totals)
    qual = totals[0][0].qualifier
    qty = Quantity(
        low, best, high, evidence, producer, raw, qual, flags, parts if len(parts) > 1 or parts[0].perpetrators else ()
    )
    perps_only = all(p for _, _, p in totals)
    return CountMention(field_name, qty, start, end, (), perps_only)


def _sum(values: list[int | None]) -> int | None:
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def _with_self(text: str, mention: CountMention, s: int, e: int) -> CountMention:
    q = mention.quantity
    part = CountPart("the attacker himself", 1, 1, 1, True, (Span.of(text, s, e),))
    parts = (*(q.parts or (CountPart("people", q.low, q.best, q.high, False, q.evidence),)), part)
    new = Quantity(
        _plus(q.low, 1), _plus(q.best, 1), _plus(q.high, 1), q.evidence, q.producer, q.raw, q.qualifier, q.flags, parts
    )
    return CountMention(mention.field, new, mention.start, mention.end, mention.flags)


def _plus(value: int | None, more: int | None) -> int | None:
    return None if value is None or more is None else value + more


_IN_ADDITION = re.compile(
    r"\bin addition to (?:the death of )?(?:the |both )?(?:(?P<n>\w+) )?(?:suicide )?(?:bomber|assailant|attacker|gunman|gunmen)(?P<pl>s)?\b|"
    r"\bno (?:reported |other )?casualties other than the (?:suicide )?(?:bomber|assailant|attacker)\b|"
    r"\bthe (?:suicide )?(?:bomber|assailant|attacker) was the only casualty\b|\bkilling (?:only )?(?:himself|the bomber)\b(?! and)|"
    r"\bthe (?:suicide )?(?:bombers|assailants|attackers|gunmen) were the only (?:reported )?casualties\b",
    re.IGNORECASE,
)
_ALONG = re.compile(
    r"\s+along with\s+((?:(?:his|her|their|a|an|one|two|three|four|five|six|seven|eight|nine|ten|both|\d+)\s+)?"
    r"(?:(?!,\s*and\b|\s+(?:was|were)\b)[^.;]){0,60})"
)
_KIN = re.compile(r"\b(?:his|her|their)\s+\w+")


def _attackers_too(
    text: str, start: int, end: int, found: list[CountMention], quantities: list[QuantityMatch], producer: str
) -> list[CountMention]:
    """ "In addition to the bomber, six were killed": the attacker's death
    counts too (GTD and UCDP count all deaths), as a perpetrators part."""
    m = _IN_ADDITION.search(text, start, end)
    if m is None:
        return _along(text, found, quantities)
    n = _number(m.group("n"))
    if n is None:
        plural = m.group("pl") or re.search(r"\bwere the only\b", m.group(0), re.IGNORECASE)
        n = (2 if "both" in m.group(0).lower() else _counted_before(text, m.start())) if plural else 1
    if n == 0:
        return found
    part = CountPart("attackers", n, n, n, True, (Span.of(text, m.start(), m.end()),))
    killed = next((c for c in found if c.field == "killed"), None)
    if killed is None:
        q = Quantity(
            n, n, n, (Span.of(text, m.start(), m.end()),), producer, raw=m.group(0), qualifier="attackers", parts=(part,)
        )
        return [*found, CountMention("killed", q, m.start(), m.end(), perpetrators_only=True)]
    return [_plus_part(c, part) if c is killed else c for c in found]


_ATTACKERS_COUNTED = re.compile(
    r"\b(" + "|".join(UNITS[2:] + TENS) + r"|\d+)\s+(?:[\w-]+\s+)?(?:suicide\s+)?(?:bombers|assailants|attackers|gunmen)\b",
    re.IGNORECASE,
)


def _number(word: str | None) -> int | None:
    try:
        return parse_number(word) if word else None
    except NotANumber:  # "the", "both", "suicide"
        return None


def _counted_before(text: str, end: int) -> int:
    """ "Three suicide bombers attacked a court. In addition to the assailants, seven people were killed": how many
    attackers the report counted before, or 0 when it counted none."""
    found = list(_ATTACKERS_COUNTED.finditer(text, max(0, end - 600), end))
    return (_number(found[-1].group(1)) or 0) if found else 0


def _along(text: str, found: list[CountMention], quantities: list[QuantityMatch]) -> list[CountMention]:
    """ "X was killed along with his deputy and five other people"."""
    out = []
    for c in found:
        m = _ALONG.match(text, c.end)
        if m is None:
            out.append(c)
            continue
        extra = [q for q in quantities if m.start(1) <= q.start < m.end(1)]
        kin = list(_KIN.finditer(text, m.start(1), m.end(1)))
        extra_n = sum(q.best or 0 for q in extra) + sum(1 for k in kin if not any(q.start == k.start() for q in extra))
        part = CountPart("others", extra_n, extra_n, extra_n, False, (Span.of(text, m.start(1), m.end(1)),))
        out.append(_plus_part(c, part) if extra_n else c)
    return out


def _plus_part(c: CountMention, part: CountPart) -> CountMention:
    q = c.quantity
    parts = (*(q.parts or (CountPart("people", q.low, q.best, q.high, c.perpetrators_only, q.evidence),)), part)
    new = Quantity(
        _plus(q.low, part.best),
        _plus(q.best, part.best),
        _plus(q.high, part.best),
        q.evidence + part.evidence,
        q.producer,
        q.raw,
        q.qualifier,
        q.flags,
        parts,
    )
    return CountMention(c.field, new, c.start, c.end, c.flags, c.perpetrators_only and part.perpetrators)


_THEN_KILLED = re.compile(
    r"\s+and\s+(?:(?:later|then|subsequently|eventually)\s+)?(?:killed|executed|beheaded|hanged|shot dead|slaughtered|murdered)\b",
    re.IGNORECASE,
)


# "Three men held hostage by militants in Khyber district were killed": the taken, told by a participle after their
# count, and then what became of them, with its own verb
_HELD_THEN_KILLED = re.compile(
    r"(?:\s+(?!(?:and|but|while|who|which|that|as|after|before|when)\b)[\w'’-]+){0,10}?\s+(?:were|was|had been|have been)\s+"
    r"(?:(?:later|then|subsequently|eventually|all|also)\s+)?(?:killed|executed|beheaded|hanged|shot dead|slaughtered|murdered|found dead)\b",
    re.IGNORECASE,
)
_AUXILIARY = re.compile(r"\b(?:were|was|been|are|is|being)\b", re.IGNORECASE)


def _then_killed(text: str, found: list[CountMention]) -> list[CountMention]:
    """ "Six officers were abducted and later killed", "Three men held hostage … were killed": the same people, killed."""
    out = []
    for c in found:
        m = _THEN_KILLED.match(text, c.end) if c.field == "abducted" else None
        if m is None and c.field == "abducted" and not _AUXILIARY.search(text, c.start, c.end):
            m = _HELD_THEN_KILLED.match(text, c.end)
        if m is not None and not any(o.field == "killed" and o.start >= c.start for o in found):
            q = c.quantity
            span = Span.of(text, c.start, m.end())
            out.append(CountMention("killed", replace(q, evidence=(span,), qualifier="the abducted, killed"), c.start, m.end()))
    return out


def _counted_after(
    pattern: re.Pattern[str], field_name: str, text: str, start: int, end: int, quantities: list[QuantityMatch],
    found: list[CountMention], producer: str,
) -> list[CountMention]:  # fmt: skip
    """The count right after each match of ``pattern`` not counted already (``found``): "the death toll rose to 25"
    (``_TOLL``, killed), "security forces picked up three students" (``_STATE_TOOK``, abducted)."""
    out = []
    for m in pattern.finditer(text, start, end):
        q = next((q for q in quantities if m.end() <= q.start <= m.end() + 3), None)
        # counted already for this field; for another, the same people may be both ("the bodies of four men abducted")
        if q is None or any(c.start <= q.start < c.end and c.field == field_name for c in found):
            continue
        mention = _build(text, field_name, _Acc([(q, _group_words(text, q), False, False)]), m.start(), q.end, producer)
        if mention is not None:
            out.append(mention)
    return out


def _named_bodies(text: str, start: int, end: int, found: list[CountMention], producer: str) -> list[CountMention]:
    """ "Hafeez Baloch's body was found": one dead, named, unless the sentence counts its dead already."""
    if any(c.field == "killed" for c in found):
        return []
    out = []
    for m in _NAMED_BODY.finditer(text, start, end):
        if not NOT_A_NAME.match(m.group(1)):
            q = Quantity(1, 1, 1, (Span.of(text, m.start(), m.end()),), producer, raw=m.group(1), qualifier=NAMED_ONE)
            out.append(CountMention("killed", q, m.start(), m.end()))
    return out[:1]


def _nones(text: str, start: int, end: int, producer: str) -> list[CountMention]:
    out = []
    for m in _NONE.finditer(text, start, end):
        span = (Span.of(text, m.start(), m.end()),)
        zero = Quantity(0, 0, 0, span, producer, raw=m.group(0), qualifier="none reported")
        fields = ["killed", "injured"] if not (m.group("k") or m.group("k2") or m.group("i") or m.group("i2")) else []
        fields += ["killed"] if m.group("k") or m.group("k2") else []
        fields += ["injured"] if m.group("i") or m.group("i2") else []
        out += [CountMention(f, zero, m.start(), m.end()) for f in fields]
    return out
