"""``saboot eval extraction``: per-field accuracy of an extractor on a
GTD-style CSV (``summary`` text with gold fields), and the worst errors.

Conventions (stated in the output):
- date: the day in the summary's leading ``MM/DD/YYYY:``; correct only if
  the claim gives that day at day precision.
- killed / wounded: GTD codes "none reported" as 0, so an unknown count
  counts as 0; ``nkill`` includes perpetrators, as saboot's ``killed`` does.
- city: names compared after folding, without "district"/"city", and
  through transliteration skeletons; GTD's "Unknown" matches no town.
- event type: a GTD attack type matches the saboot types whose ``gtd`` list
  in ``event_types.toml`` names it; rows coded "Unknown" by GTD are left out
  of that field's denominator (the coders could not tell either).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from saboot.claims import Claim, Extraction, ExtractionInput
from saboot.errors import ConfigError
from saboot.extract.base import Extractor
from saboot.extract.eventtypes import default_event_types
from saboot.extract.gazetteer import fold, skeleton

FIELDS = ("date", "province", "city", "killed", "wounded", "perpetrator", "event_type")
_LEAD = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})")
_ADMIN_WORDS = re.compile(r"\b(?:district|city|province|town|village|area)\b")


@dataclass(frozen=True)
class GoldRow:
    id: str
    text: str
    date: str | None
    province: str
    city: str
    killed: int
    wounded: int
    perpetrator: str
    attack_type: str


@dataclass(frozen=True)
class FieldError:
    id: str
    field: str
    gold: str
    predicted: str
    text: str


@dataclass
class Report:
    extractor: str
    rows: int = 0
    correct: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    errors: list[FieldError] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        return self.correct.get(name, 0) / self.total[name] if self.total.get(name) else 0.0

    def to_json(self, worst: int = 20) -> dict[str, object]:
        return {
            "extractor": self.extractor,
            "rows": self.rows,
            "fields": {
                f: {"accuracy": round(self.accuracy(f), 4), "correct": self.correct.get(f, 0), "total": self.total.get(f, 0)}
                for f in FIELDS
            },
            "errors": [e.__dict__ for e in self.errors[:worst]],
        }


def read_gtd(path: Path) -> list[GoldRow]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the gold file ({exc})", where=str(path), hint="give a GTD-style CSV") from exc
    needed = {"summary", "provstate", "city", "nkill", "nwound", "gname", "attacktype1_txt"}
    if rows and not needed <= rows[0].keys():
        missing = ", ".join(sorted(needed - rows[0].keys()))
        raise ConfigError(
            f"missing columns: {missing}", where=f"{path}:1", hint="the GTD format needs summary and the gold columns"
        )
    return [_gold(r, n) for n, r in enumerate(rows, start=2)]


def _gold(r: dict[str, str], line: int) -> GoldRow:
    m = _LEAD.match(r["summary"])
    date = f"{m.group(3)}-{int(m.group(1)):02d}-{int(m.group(2)):02d}" if m else None
    return GoldRow(
        id=r.get("eventid") or str(line), text=r["summary"], date=date, province=r["provstate"], city=r["city"],
        killed=_int(r["nkill"]), wounded=_int(r["nwound"]), perpetrator=r["gname"], attack_type=r["attacktype1_txt"],
    )  # fmt: skip


_MULTI = re.compile(
    r"across|one of (?:at least )?\w+ (?:related|coordinated|similar)|one of \w+ (?:attacks|incidents|assaults|events)"
)


def multi_incident(row: GoldRow) -> bool:
    """A summary that reports totals over several related attacks, which GTD
    then divides between its rows: the row's own number is not in the text."""
    return bool(_MULTI.search(row.text))


def _int(value: str) -> int:
    try:
        return int(float(value)) if value.strip() else 0
    except ValueError:
        return 0


def primary_claim(extraction: Extraction) -> Claim | None:
    events = [c for c in extraction.claims if c.kind == "event"]
    ranked = events or list(extraction.claims)
    return ranked[0] if ranked else None


def evaluate(extractor: Extractor, rows: Iterable[GoldRow]) -> Report:
    report = Report(extractor.producer)
    gtd_map = {t.name: set(t.gtd) for t in default_event_types().types}
    for row in rows:
        report.rows += 1
        claim = primary_claim(extractor.extract(ExtractionInput(row.id, row.text)))
        for name, ok, gold, pred in _compare(row, claim, gtd_map):
            if ok is None:
                continue
            report.total[name] = report.total.get(name, 0) + 1
            if ok:
                report.correct[name] = report.correct.get(name, 0) + 1
            else:
                report.errors.append(FieldError(row.id, name, gold, pred, row.text))
    return report


def _compare(row: GoldRow, claim: Claim | None, gtd_map: dict[str, set[str]]) -> list[tuple[str, bool | None, str, str]]:
    date = claim.date.start if claim and claim.date.precision == "day" else None
    loc = claim.location if claim else None
    killed = _count(claim, "killed")
    wounded = _count(claim, "injured")
    perp = _perpetrator(claim)
    etype = claim.event_type if claim else "none"
    return [
        ("date", date == row.date if row.date else None, str(row.date), str(date)),
        ("province", _same_admin(row.province, loc.admin1 if loc else None), row.province, str(loc.admin1 if loc else None)),
        (
            "city",
            _same_city(
                row.city,
                loc.name
                if (loc and loc.precision in ("exact", "town", "district"))
                or (loc and loc.name != loc.admin1 and loc.name != loc.country)
                else None,
            ),
            row.city,
            str(loc.name if loc else None),
        ),
        ("killed", killed == row.killed, str(row.killed), str(killed)),
        ("wounded", wounded == row.wounded, str(row.wounded), str(wounded)),
        ("perpetrator", fold(perp) == fold(row.perpetrator), row.perpetrator, perp),
        (
            "event_type",
            None if row.attack_type == "Unknown" else row.attack_type in gtd_map.get(etype, set()),
            row.attack_type,
            etype,
        ),
    ]


def _count(claim: Claim | None, name: str) -> int:
    q = claim.counts.get(name) if claim else None
    if q is None:
        return 0
    value = q.best if q.best is not None else q.low
    return value if value is not None else 0


def _perpetrator(claim: Claim | None) -> str:
    if claim is None:
        return "Unknown"
    for actor in claim.perpetrators:
        if actor.kind in ("armed_group", "party") and actor.relation in ("claimed", "attributed", "named"):
            return actor.name
    return "Unknown"


def _same_admin(gold: str, pred: str | None) -> bool:
    if pred is None:
        return False
    return fold(gold) == fold(pred) or skeleton(gold) == skeleton(pred)


def _same_city(gold: str, pred: str | None) -> bool:
    if fold(gold) == "unknown":
        return pred is None
    if pred is None:
        return False
    g = _ADMIN_WORDS.sub("", fold(gold)).strip()
    p = _ADMIN_WORDS.sub("", fold(pred)).strip()
    return g == p or skeleton(g) == skeleton(p)
