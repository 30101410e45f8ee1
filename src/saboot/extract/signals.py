"""Document-level signals: reporting or opinion, emotive language, and
whether the document names any source for what it says."""

from __future__ import annotations

import re

from saboot.claims import DocumentSignals, Span

EMOTIVE = re.compile(
    r"\b(?:brutal(?:ly|ity)?|gruesome(?:ly)?|monstrous|horr(?:or|ific|ifying|endous)|heinous|evil|atrocit(?:y|ies)|"
    r"cold-blooded|barbari(?:c|ty)|savage(?:ly)?|genocid(?:e|al)|pogroms?|holocaust|butcher(?:ed|y)?|carnage|"
    r"bloodbath|slaughter(?:ed)?|ghastly|tragic|innocent|martyr(?:s|ed|dom)?|catastrophic|unfettered|demonic)\b",
    re.IGNORECASE,
)
SOURCE = re.compile(
    r"\baccording to\b|\b(?:police|officials?|spokes(?:man|person|woman)|sources?|witness(?:es)?|residents|"
    r"hospital|doctors?|minister|ministry|authorities|the (?:bus )?driver|eyewitness(?:es)?|report(?:s|ed)?|"
    # "the army said", "the military's media wing said", "the ISPR said"
    r"army|military|media wing|ISPR|Inter-Services Public Relations|"
    r"statement|told|confirmed)\b[^.]{0,40}\b(?:said|say|says|told|confirmed|reported|stated)\b|"
    r"\b(?:said|told|confirmed|reported)\b[^.]{0,10}\b(?:police|officials?|sources?|witnesses|residents|the army|doctors)\b|"
    r"\bclaimed responsibility\b|\b(?:news reports|eyewitness accounts)\b",
    re.IGNORECASE,
)
# the press's routine word for soldiers and police killed ("Six soldiers were martyred", as the army's statements put
# it): an emotive term, kept as one, but no sign by itself that a report is opinion
ROUTINE = re.compile(r"martyred", re.IGNORECASE)
OPINION = re.compile(
    r"\b(?:I|we|my|our|us)\b(?! said)|\bmust\b|\bshould\b|\bperspective\b|\bop-ed\b|\bin reality\b|\bI remind\b|!|"
    r"\bstay tuned\b|\bwatch the\b|\bthe face of terrorism\b",
)
REFERENCE = re.compile(
    r"\brefers to\b|\bis the name given to\b|\bwas an?\b[^.]{0,40}\b(?:massacre|event|attack)\b", re.IGNORECASE
)


def document_signals(text: str, producer: str) -> DocumentSignals:
    emotive = tuple(Span.of(text, m.start(), m.end()) for m in EMOTIVE.finditer(text))
    sources = tuple(Span.of(text, m.start(), m.end()) for m in SOURCE.finditer(text))
    words = max(1, len(text.split()))
    opinion_hits = len(OPINION.findall(text))
    charged = [e for e in emotive if not ROUTINE.fullmatch(e.quote)]
    if REFERENCE.search(text[:400]) and not sources:
        genre = "reference"
    elif opinion_hits * 200 / words >= 1.0 or len(charged) * 100 / words >= 1.5:
        genre = "opinion"
    else:
        genre = "reporting"
    return DocumentSignals(genre, emotive, bool(sources), sources, producer)  # type: ignore[arg-type]
