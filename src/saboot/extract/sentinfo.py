"""Per-sentence facts the rule extractor assembles into claims: dates,
counts, event triggers, places, actors, groups, attribution and markers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from saboot.claims import Attribution, Span
from saboot.dates import MONTH_WORDS
from saboot.extract.actors import ActorDictionary, Mention, acts
from saboot.extract.casualties import DIED_OF_WOUNDS, CountMention, find_counts
from saboot.extract.eventtypes import EventTypes, only_civic
from saboot.extract.gazetteer import GazetteerLike
from saboot.extract.numbers import NUMBER, find_quantities
from saboot.extract.places import ROAD_WORDS, PlaceMention, find_mentions
from saboot.extract.reldates import FEW_WORDS, IN_THE_DAY, WEEKDAYS, ResolvedDate, find_event_dates
from saboot.extract.singles import singles
from saboot.extract.text import Sentence, own_words_end

AGGREGATE = re.compile(
    r"\bsince\s+(?:\d{4}|then|its inception|the \w+)\b|\bin\s+(?:the\s+)?(?:year\s+)?(?:\d{4}|"
    + MONTH_WORDS
    + r")\s+alone\b|\b(?:over|in|during)\s+the\s+(?:last|past)\s+(?:\w+\s+)?(?:years?|months?|decades?)\b|"
    r"\b(?:so far|to date|up until|until now|each year|every year|per year|a year|annually|this year)\b|\bkilled in \d{4}\b|"
    r"\bwithin \d+ (?:hours|days|weeks)\b|\b(?:in|during)\s+the\s+first\s+\w+\s+months\b|\b(?:attacks|incidents|bombings|killings) across the (?:country|province)\b|\b(?:targeted|separate|several|multiple|a series of|coordinated|similar) attacks\b|\bcount of\b",
    re.IGNORECASE,
)
# "one of the bloodiest days this year", "the deadliest attack this year": a superlative sets one deed in the year; it
# counts no deeds over it
_SUPERLATIVE = re.compile(
    r"\b(?:deadliest|bloodiest|worst|biggest|largest|heaviest|most\s+\w+)\s+(?:[\w-]+\s+){0,8}?this\s+year\b",
    re.IGNORECASE,
)


def _aggregate(text: str, start: int, end: int) -> bool:
    """Whether the words tell of deeds over a time (``AGGREGATE``), but for a superlative's year (``_SUPERLATIVE``)."""
    setting = [m.span() for m in _SUPERLATIVE.finditer(text, start, end)]
    return any(not any(a <= m.start() < b for a, b in setting) for m in AGGREGATE.finditer(text, start, end))


# "abducted in Quetta, allegedly by the Frontier Corps" alleges who did it (the perpetrator's relation says so), not the deed
# "a man accused of blasphemy was lynched", "accused of desecrating the Quran", "over blasphemy allegations": the
# victim accused, the deed not alleged
ALLEGATION = re.compile(
    r"\b(?:accus(?:ed|es|ing|ation)(?!\s+of\s+(?:committing\s+)?(?:blasphemy|desecrat))|(?<!blasphemy )"
    r"alleg(?:ed|edly|es|ation|ations)(?!\s+(?:by|at the hands of|blasphemy)\b)|charged with)\b",
    re.IGNORECASE,
)
NEW_INCIDENT = re.compile(
    r"\b(?:second|another|third|separate|earlier|later|previous|subsequent) (?:attack|incident|blast|bombing|explosion|shooting)\b|"
    r"\bin (?:a|another) separate (?:attack|incident)\b|\bin one incident\b|\b(?:meanwhile|elsewhere)\b|^(?:then|earlier|also),?\b|"
    r"^(?:separately|in (?:a|another) (?:separate )?(?:development|incident))\b",
    re.IGNORECASE,
)
# A deed told as before or after the one reported before it ("Hours earlier, gunmen shot dead a lawyer", "Kasi had
# been shot dead earlier in the morning", "A month later, 84 died when a bomb tore through a market"): a new incident
# when the sentence has words of a deed, not when a toll rises "later in the day" or "days later", nor when hostages
# are "rescued 10 hours later".
_SHIFT = IN_THE_DAY + r"\b"
_SPAN = rf"(?:(?:{FEW_WORDS}|a few|several|some|just|only) )?"
TIME_SHIFT = re.compile(
    rf"^{_SPAN}(?:hours|days?|weeks?|months?|years?) (?:earlier|later|before|after that)\b|^{_SHIFT}"
    rf"|\bhad\b[^.;]*\b{_SHIFT}",
    re.IGNORECASE,
)
ATTRIBUTION = re.compile(
    r"\b[Aa]ccording to\s+(?:(?:a|an|the)\s+)?(?:recent\s+|new\s+|latest\s+)?(?:report|statement|study|survey|figures|count|tally)\s+(?:in|by|from|of)\s+"
    r"(?P<c>(?:the\s+)?[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*){0,5})|"
    r"\b[Aa]ccording to\s+(?P<a>(?:the\s+)?[A-Z][\w’'&.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w’'&.-]*){0,6}|(?:news|media|local|police|official|eyewitness)[\w\s]{0,30}?)(?=[,.]|\s+(?:and|that|,)|$)|"
    r"(?P<b>(?:the\s+)?(?:[A-Z][\w’'-]*\s*){1,6}(?:\([A-Z]+\))?|(?:local\s+|security\s+|hospital\s+|government\s+)?(?:police|officials|witnesses|residents|sources|doctors)|the (?:bus )?driver"
    # "a local official said", "a senior police official said": one who speaks
    r"|an?\s+(?:(?:senior|local|security|hospital|government|district|police|provincial|military|army|rescue)\s+){0,2}"
    r"(?:official|officer|witness|resident|source|doctor)"
    # "the committee said", "his family said", "the provincial government said": a body or kin that speaks
    r"|(?:the|his|her|their)\s+(?:provincial\s+|federal\s+|local\s+|district\s+)?(?:committee|party|family|families|relatives|"
    r"brother|father|mother|son|wife|government|administration|ministry|department|military|army|spokes(?:man|person|woman)))"
    r"\s*,?\s+(?:said|says|stated|reported|told|alleged|claimed)\b(?!\s+responsibility)",
)
BULLET = re.compile(r"^\s*(?:[•◦▪●*–-]|\d{1,2}[.)])\s+")
OPENING = re.compile(
    r"^(?:then,?\s+|and\s+|also,?\s+|earlier,?\s+|later,?\s+)?(?:on|in|during|at|last|this|earlier|since|by)\b", re.IGNORECASE
)
SUICIDE = re.compile(r"\bsuicide\b", re.IGNORECASE)
_NOT_SOURCE = {"the", "he", "she", "they", "it", "this", "that"}
# who finds, frees or recovers people ("Police recovered two bodies", "Levies rescued the hostages"), or acts on the
# case ("Police registered a case", "Police arrested 12 activists"): no victim; not "policemen were found dead"
FINDERS = re.compile(
    r"\s+(?:(?!(?:was|were|had|have|has|been|are|is)\b)\w+\s+)?(?:recovered|found|rescued|retrieved|discovered|freed|"
    r"registered|lodged|filed|cordoned|launched|arrested|detained|reached|arrived|rushed|shifted|sealed|initiated)\b",
    re.IGNORECASE,
)
# whom a source speaks to ("told reporters"): neither a source nor a victim
LISTENERS = re.compile(r"\b(?:told|telling|briefed|informed)\s+(?:the\s+|local\s+)?(?:reporters|journalists|media|press)\b")


@dataclass(frozen=True)
class SentenceInfo:
    sentence: Sentence
    dates: tuple[ResolvedDate, ...]
    counts: tuple[CountMention, ...]
    triggers: tuple[tuple[str, int, int], ...]
    # triggers of the violence a protest sentence protests against ("demanding protection after the blasts that killed
    # 72"): not the sentence's event, but the grievance's (``EventTypes.sentence_hits``)
    grievances: tuple[tuple[str, int, int], ...]
    places: tuple[PlaceMention, ...]
    actors: tuple[Mention, ...]
    groups: tuple[Mention, ...]
    attribution: Attribution | None
    aggregate: bool
    allegation: bool
    new_incident: bool
    bullet: bool
    opens_with_date: bool
    # a deed told inside another's sentence: the taking of people whose bodies the sentence reports found (``bodies``)
    inner: bool = False
    # in the finding's sentence, the words of that taking (start, end), which its own claim leaves out
    hole: tuple[int, int] | None = None

    @property
    def pieces(self) -> list[tuple[int, int]]:
        """The sentence's words this info reads (start, end): the sentence, or the two sides of its ``hole``."""
        s, e = self.sentence.start, self.sentence.end
        if self.hole is None:
            return [(s, e)]
        return [(a, b) for a, b in ((s, self.hole[0]), (self.hole[1], e)) if b > a]

    @property
    def eventful(self) -> bool:
        return bool(self.counts or self.triggers)

    @property
    def kinds(self) -> set[str]:
        return {t[0] for t in self.triggers}

    @property
    def civic(self) -> bool:
        """A protest's or a riot's sentence, with no word of violence of its own."""
        return only_civic(self.kinds)


def analyse(
    text: str,
    sent: Sentence,
    published: dt.date | None,
    gaz: GazetteerLike,
    actors: ActorDictionary,
    types: EventTypes,
    countries: frozenset[str],
    producer: str,
) -> SentenceInfo:
    s, e = sent.start, sent.end
    own = own_words_end(text, s, e)  # "…, the second massacre of Hazaras this year": the series' year, not the deed's
    dates = tuple(d for d in find_event_dates(text, s, e, published) if d.start < own)
    spans = [(d.start, d.end) for d in dates]
    counts = tuple(find_counts(text, s, e, spans, producer))
    all_groups = actors.groups_in(text, s, e)
    actor_mentions = tuple(m for m in actors.actors_in(text, s, e) if not _suffered(text, m, all_groups, e))
    taken = [(m.start, m.end) for m in actor_mentions]
    places = tuple(p for p in find_mentions(text, s, e, gaz, countries) if not _overlaps(p.start, p.end, taken))
    # "police said", "residents told reporters": a group that speaks, or is spoken to, is not a victim
    statements = list(ATTRIBUTION.finditer(text, s, e))
    speakers = [m.span(_speaker(m)) for m in statements] + [m.span() for m in LISTENERS.finditer(text, s, e)]
    groups = tuple(
        g
        for g in all_groups
        # nor a word of a place's name ("a lawyer was shot dead in Soldier Bazaar")
        if not _overlaps(g.start, g.end, taken + speakers + [(p.start, p.end) for p in places if p.candidates])
        and not FINDERS.match(text, g.end)
    )
    kept, protested = types.split_hits(text, s, e)
    triggers, grievances = tuple(kept), tuple(protested)
    return SentenceInfo(
        sentence=sent, dates=dates, counts=counts, triggers=triggers, grievances=grievances, places=places,
        actors=actor_mentions, groups=groups, attribution=_attribution(text, statements),
        aggregate=_aggregate(text, s, own), allegation=bool(ALLEGATION.search(text, s, e)),
        # ``clauses``' second part follows its comma and space (a line of hard-wrapped text may end with a comma), or
        # a word and a space when it opens "two days after" (``_TRAILING_AFTER``)
        new_incident=bool(NEW_INCIDENT.search(sent.text) or (triggers and TIME_SHIFT.search(sent.text)))
        or text[max(0, s - 2) : s] == ", "
        or bool(_WORD_BEFORE.fullmatch(text, max(0, s - 2), s) and _DAYS_AFTER.match(sent.text))
        or sent.listed
        or sent.earlier,
        bullet=bool(BULLET.match(sent.text)),
        opens_with_date=any(d.start - s <= 25 for d in dates) and bool(OPENING.match(sent.text)),
    )  # fmt: skip


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < b and e > a for a, b in spans)


def _speaker(m: re.Match[str]) -> str:
    """The group of an ``ATTRIBUTION`` match that names who speaks (one of its alternatives matched)."""
    return next(g for g in ("c", "a", "b") if m.group(g))


def _attribution(text: str, statements: list[re.Match[str]]) -> Attribution | None:
    for m in statements:
        group = _speaker(m)
        name = m.group(group).strip(" ,")
        if not name or (name.split()[0].lower() in _NOT_SOURCE and len(name.split()) == 1):
            continue
        return Attribution(name, (Span.of(text, m.start(group), m.start(group) + len(name)),))
    return None


# the first words of ``_AFTER_ANOTHER``'s earlier incident: "a day after", "two weeks after"
_DAYS_AFTER = re.compile(
    r"(?:only\s+|just\s+|barely\s+)?(?:a|an|one|two|three|four|five|six|seven|\d+|a few|several)?\s*"
    r"(?:days?|hours?|weeks?|months?)\s+after\b",
    re.IGNORECASE,
)


# ", a day after …", ", two days after …", ", weeks after …": what follows is another, earlier incident, which the
# sentence names to place its own in time ("Gunmen shot dead two policemen in Karachi on Wednesday night, a day after a
# bomb killed 11 people in Quetta")
_AFTER_ANOTHER = re.compile(
    rf", (?={_DAYS_AFTER.pattern})"
    # "…, while four policemen were shot dead in Karachi the same day": another incident of that day
    r"|, (?=while\s[^.;]*\b(?:on\s+)?the same day\b)"
    # "… killed 128 people in Mastung, and a bomb in Bannu killed four": another incident, with a place of its own
    r"|, (?=and\s+(?:an?|another)\s+(?:[\w-]+\s+){0,3}?(?:bomb|blast|explosion|bombing|attack|ambush)\s+"
    r"(?:in|at|near)\s+(?-i:[A-Z]))",
    re.IGNORECASE,
)


# "Two days after the attack on the convoy, tribal clashes killed 32 people …": the earlier incident named first, then
# after its comma the sentence's own deed
_LEADING_AFTER = re.compile(rf"(?={_DAYS_AFTER.pattern})[^,;]{{3,120}}?,\s+", re.IGNORECASE)
# "… killed 32 people in Kurram on Saturday two days after the attack on the convoy": the earlier incident named at
# the sentence's end with no comma before it
_TRAILING_AFTER = re.compile(rf"\s(?={_DAYS_AFTER.pattern}[^,;.]{{3,80}}[.!?]?\s*$)", re.IGNORECASE)

# the injured who did not live, days after the deed that wounded them
_DIED = re.compile(rf"\b(?:{DIED_OF_WOUNDS})\b", re.IGNORECASE)
# a word and a space: what comes before ``_TRAILING_AFTER``'s part, where a sentence's own start has a full stop
_WORD_BEFORE = re.compile(r"\w\s")

# "…, a day after the attack on the convoy, and at least 32 people have been killed in clashes since then": after the
# incident named to place another in time, a toll of its own
_AND_TOLL = re.compile(
    rf", and (?=(?:at least |more than |over |nearly |about |some )?(?:{NUMBER}|dozens|scores|hundreds)\b"
    r"[^.;]{0,60}?\b(?:killed|injured|wounded|dead|died)\b)",
    re.IGNORECASE,
)


def clauses(text: str, sents: list[Sentence], types: EventTypes) -> list[Sentence]:
    """The sentences, each one that tells of violence and then, after a comma, of another incident some time before
    it (``_AFTER_ANOTHER``) cut in two: each part is read as a sentence of its own, and so is a toll that follows the
    other incident's name after ", and" (``_AND_TOLL``). A burial or a protest "a day after" the attack is not cut:
    its sentence tells of the attack only."""
    out: list[Sentence] = []
    for sent in sents:
        lead = _LEADING_AFTER.match(sent.text)
        if lead and _own_deed(text, types, sent, lead.end()):
            comma = sent.text.rindex(",", 0, lead.end())
            out.append(Sentence(sent.start, sent.start + comma, sent.text[:comma], len(out), leads=True))
            at = sent.start + lead.end()
            out.append(Sentence(at, sent.end, text[at : sent.end], len(out), follows=True))
            continue
        cut = _AFTER_ANOTHER.search(sent.text) or _TRAILING_AFTER.search(sent.text) or _while_elsewhere(sent.text)
        if cut and _DAYS_AFTER.match(sent.text, cut.end()) and _DIED.search(sent.text, 0, cut.start()):
            cut = None  # "A policeman injured in Monday's blast died in hospital two days after the attack": its toll
        series = _series_since(sent.text) if cut is None else None
        cut = cut or series
        at = sent.start + cut.end() if cut else sent.end
        if cut and _violent(text, types, sent.start, at) and _violent(text, types, at, sent.end):
            follows = bool(_DAYS_AFTER.match(sent.text, cut.end()))
            out.append(Sentence(sent.start, sent.start + cut.start(), sent.text[: cut.start()], len(out), follows=follows))
            rest = sent.text[cut.end() :]
            toll = _AND_TOLL.search(rest)
            if toll is not None and _violent(text, types, at, at + toll.start()):
                out.append(Sentence(at, at + toll.start(), rest[: toll.start()], len(out)))
                rest, at = rest[toll.end() :], at + toll.end()
            out.append(Sentence(at, sent.end, rest, len(out), listed=rest[:4].lower() == "and ", earlier=series is not None))
        else:
            parts = _deeds_listed(text, sent, types)
            out += [Sentence(s, e, text[s:e], len(out) + k, listed=k > 0) for k, (s, e) in enumerate(parts)]
    return out


# "…, the deadliest attack in the city since the bombing at the Civil Hospital in August 2016 that killed 74", "…, the
# second massacre of Hazaras this year after the January 10 bombing of a snooker hall": a deed set in a series by an
# earlier one, which the sentence names with its own day and toll
_SERIES = re.compile(
    r",\s+(?:the|its|their)\s+(?:deadliest|worst|bloodiest|biggest|largest|most\s+\w+|first|second|third|fourth|fifth|"
    r"latest|\d+(?:st|nd|rd|th))\b[^,.;]{0,80}?(?=\s(?:since|after)\s+(?:the|a|an)\s)",
    re.IGNORECASE,
)
_SINCE_WORD = re.compile(r"\s(?:since|after)\s+", re.IGNORECASE)


def _series_since(sentence: str) -> re.Match[str] | None:
    """The "since " or "after " that names the earlier deed a sentence sets its own after (``_SERIES``)."""
    m = _SERIES.search(sentence)
    return _SINCE_WORD.match(sentence, m.end()) if m else None


# where a sentence may list one deed after another: "…: a car bomb in Quetta killed 13, twin blasts in Parachinar
# killed 45, and gunmen in Karachi shot dead four policemen"; "… killed 13; in Parachinar, …"
_LIST_SEP = re.compile(r"[,;:]\s+")
# "… two policemen were killed in Turbat and a labourer was gunned down in Khuzdar": the last deed after a bare "and"
_AND_SEP = re.compile(r"(?<=\w)\s+and\s+(?=(?:an?|the|\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s)", re.IGNORECASE)
# what does not open a deed of its own after a comma: a participle ("…, killing five people in the bazaar"), a
# relative or a part ("…, who …", "…, including …"), a time or a source ("…, after …", "…, police said …")
_NOT_A_DEED = re.compile(
    r"(?:and\s+)?(?:\w+ing|who|whom|whose|which|that|including|among|as|after|before|when|where|with|while|officials?|"
    r"police|according|sources?)\b",
    re.IGNORECASE,
)
# "… twin blasts at a snooker hall on Alamdar Road killed more than 90": a road named as a place
_ON_ROAD = re.compile(rf"\bon\s+((?:(?-i:[A-Z])[\w'-]*\s+)+(?:{ROAD_WORDS}))\b", re.IGNORECASE)
_MOST_PIECES = 12  # a sentence of more commas is read whole: each way of cutting it is read (the pieces squared)
_MONTHS_DAYS = re.compile(MONTH_WORDS + "|" + "|".join(WEEKDAYS), re.IGNORECASE)


def _deeds_listed(text: str, sent: Sentence, types: EventTypes) -> list[tuple[int, int]]:
    """The bounds of the deeds a sentence lists, each with a count and at a place none of the others names; the
    sentence's own bounds when it lists fewer than two. The most deeds win; a piece between two commas that is no
    deed joins the one before it, or the one after it at the sentence's start ("Friday was one of the bloodiest days:
    …")."""
    seps = list(_LIST_SEP.finditer(text, sent.start, sent.end))
    ands = list(_AND_SEP.finditer(text, sent.start, sent.end))
    if len(seps) + len(ands) <= _MOST_PIECES:
        seps = sorted([*seps, *ands], key=lambda m: m.start())
    if not seps or len(seps) > _MOST_PIECES or len({m.group(1) for m in _AT_PLACE.finditer(sent.text)}) < 2:
        return [(sent.start, sent.end)]
    starts = [sent.start, *(m.end() for m in seps)]
    ends = [*(m.start() for m in seps), sent.end]
    n = len(starts)
    # the first pieces a list of deeds covers → the most deeds over them: each one's first piece and its places
    most: dict[int, list[tuple[int, set[str]]]] = {0: []}
    for j in range(1, n + 1):
        for i in range(j):
            more = i in most and (j not in most or len(most[i]) >= len(most[j]))
            if more and (places := _deed_places(text, starts[i], ends[j - 1], types, i > 0)):
                most[j] = [*most[i], (i, places)]
    deeds = most.get(n, [])
    if len(deeds) < 2:
        return [(sent.start, sent.end)]
    firsts = [i for i, _ in deeds]
    bounds = [(starts[i], ends[nxt - 1]) for i, nxt in zip(firsts, [*firsts[1:], n], strict=True)]
    named = [places for _, places in deeds]
    if any(a & b for k, a in enumerate(named) for b in named[k + 1 :]):
        return [(sent.start, sent.end)]  # two deeds at one place: one incident told twice, or not a list
    return bounds


def _deed_places(text: str, start: int, end: int, types: EventTypes, after_comma: bool) -> set[str]:
    """The places a piece of a sentence puts a deed with a count at (``_deeds_listed``); none if it is no such deed."""
    if after_comma and _NOT_A_DEED.match(text, start):
        return set()
    named = [*_AT_PLACE.finditer(text, start, end), *_ON_ROAD.finditer(text, start, end)]
    places = {m.group(1) for m in named if not _MONTHS_DAYS.fullmatch(m.group(1))}
    counted = find_quantities(text, start, end) or singles(text, start, end, [])  # "a labourer was gunned down in …"
    if not places or not counted or not _violent(text, types, start, end):
        return set()
    return places


# ", while a shopkeeper was gunned down in Gulshan-e-Iqbal": a deed at another place than the one told before it
_WHILE = re.compile(r", (?=while\s)", re.IGNORECASE)
# a capitalised name after "in", "at" or "near": a place, or a month or a day ("in March"), which tells another
# incident as well ("Two Shia men were shot dead in January, while three Hazara men were killed in March")
_AT_PLACE = re.compile(r"\b(?:in|at|near)\s+((?-i:[A-Z])[\w'-]*(?:\s+(?-i:[A-Z])[\w'-]*)*)", re.IGNORECASE)


def _while_elsewhere(sentence: str) -> re.Match[str] | None:
    """The ", while" of a sentence whose clause after it places its deed at other places (or in another month) than
    the clause before it does ("Dr Ali Raza was shot outside his clinic in Orangi Town, while a shopkeeper was gunned down in
    Gulshan-e-Iqbal"); not of a sentence whose later clause names no place ("…, while 12 others were injured") or
    the same one."""
    cut = _WHILE.search(sentence)
    if cut is None:
        return None
    before = {m.group(1) for m in _AT_PLACE.finditer(sentence, 0, cut.start())}
    after = {m.group(1) for m in _AT_PLACE.finditer(sentence, cut.end())}
    return cut if before and after and not before & after else None


def _suffered(text: str, actor: Mention, groups: list[Mention], end: int) -> bool:
    """Whether the actor is named in the words of a group that suffered the deed rather than did it ("Three FC
    personnel were martyred": soldiers, not the Frontier Corps; "FC personnel opened fire" stays the Frontier Corps';
    "Gunmen killed three security personnel": soldiers, not security forces)."""
    if _BY.search(text, max(0, actor.start - 30), actor.start):
        return False  # "picked up by police": the agent of the deed told in the passive
    around = [g for g in groups if g.start < actor.end and actor.start < g.end and not _inside_name(g, actor)]
    return any(_PASSIVE_AFTER.match(text, g.end) for g in around) or (
        bool(around) and not acts(text, actor.end, end, arrest=True)
    )


_BY = re.compile(
    r"\b(?:picked up|taken away|whisked away|abducted|kidnapped|killed|shot(?: dead)?|gunned down|tortured|beaten)\s+"
    r"by\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _inside_name(group: Mention, actor: Mention) -> bool:
    """Whether the group is a word inside the actor's name ("Baloch" in "Baloch National Movement"), not words the
    actor's hold or share ("security personnel", "six border police officers")."""
    shorter = group.end - group.start < actor.end - actor.start
    return actor.start <= group.start and group.end <= actor.end and shorter


_PASSIVE_AFTER = re.compile(
    r"\s+(?:were|was|have\s+been|had\s+been|has\s+been)\s+(?:\w+\s+)?(?:killed|martyred|injured|wounded|abducted|kidnapped|shot)\b",
    re.IGNORECASE,
)


def _own_deed(text: str, types: EventTypes, sent: Sentence, at: int) -> bool:
    """Whether the sentence's opening up to ``at`` tells of violence ("two days after the bombing") and its part from
    ``at`` of violence of a kind the opening does not name: "…, the toll from the bombing rose to 45" tells of that
    bombing still."""
    named, kinds = _kinds(text, types, sent.start, sent.start + at), _kinds(text, types, sent.start + at, sent.end)
    return _of_violence(named) and _of_violence(kinds) and bool(kinds - named)


def _violent(text: str, types: EventTypes, start: int, end: int) -> bool:
    return _of_violence(_kinds(text, types, start, end))


def _kinds(text: str, types: EventTypes, start: int, end: int) -> set[str]:
    """The kinds of event the words of ``text[start:end]`` tell of, protests' grievances left out."""
    return {name for name, _, _ in types.split_hits(text, start, end)[0]}


def _of_violence(kinds: set[str]) -> bool:
    return bool(kinds) and not only_civic(kinds)
