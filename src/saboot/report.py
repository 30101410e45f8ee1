"""``saboot report``: a citable, self-contained dossier for a filter, as HTML
(here) or PDF (:mod:`saboot.report_pdf`), both rendered from one :class:`Dossier`.

Summary table, a timeline (incidents and killed per month, low–high band, as
inline SVG), a map (inline SVG over bundled boundaries), each incident
with its sources, quotes, discrepancies and corroboration, a methods section
generated from the versions and settings actually used, and the audit chain
head, so that a reader can check with ``saboot audit verify --head`` that
nothing changed after publication. Nothing is loaded from the network.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from html import escape
from importlib.resources import files
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from saboot import __version__
from saboot.claims import triple_of
from saboot.link.model import CORROBORATING_MATCH, Incident
from saboot.mapping import map_svg
from saboot.model import AuditEntry
from saboot.sensitive import Redactor
from saboot.store.base import IncidentFilter, MonthTotal, Store


def timeline_svg(rows: list[MonthTotal], width: int = 760, height: int = 180) -> str:
    """Killed per month as inline SVG, months without incidents included: a bar
    up to the best estimate, a band over the lowest–highest figures."""
    if not rows:
        return ""
    months = _fill_months(rows)
    top = max(r.high for r in months) or 1
    step = width / len(months)
    w = max(step - 1, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 30}" role="img" aria-label="killed per month">',
        f'<line x1="0" y1="{height}" x2="{width}" y2="{height}" stroke="#999"/>',
    ]
    for n, r in enumerate(months):
        x, hi, lo, best = n * step, height * r.high / top, height * r.low / top, height * r.best / top
        label = f"{escape(r.month)}: {r.incidents} incidents, {r.low}–{r.high} killed (best {r.best})"
        parts.append(f'<g><title>{label}</title>'
                     f'<rect x="{x:.1f}" y="{height - best:.1f}" width="{w:.1f}" height="{best:.1f}" fill="#b23a24"/>'
                     f'<rect x="{x:.1f}" y="{height - hi:.1f}" width="{w:.1f}" height="{max(hi - lo, 0):.1f}" fill="#f4c7a1" '
                     f'fill-opacity="0.8"/></g>')  # fmt: skip
    parts.append(f'<text x="0" y="{height + 20}" font-size="11">{escape(months[0].month)}</text>')
    parts.append(f'<text x="{width - 60}" y="{height + 20}" font-size="11">{escape(months[-1].month)}</text>')
    parts.append(
        f'<text x="{width / 2:.0f}" y="{height + 20}" font-size="11" text-anchor="middle">scale: top = {top} killed</text></svg>'
    )
    return "".join(parts)


def _fill_months(rows: list[MonthTotal], most: int = 1200) -> list[MonthTotal]:
    """Every month from the first to the last (at most ``most``; past that, only months with incidents)."""
    try:
        y0, m0 = map(int, rows[0].month.split("-"))
        y1, m1 = map(int, rows[-1].month.split("-"))
    except ValueError:
        return rows
    span = (y1 - y0) * 12 + (m1 - m0) + 1
    if not 0 < span <= most:
        return rows
    have = {r.month: r for r in rows}
    out = []
    for k in range(span):
        y, m = divmod(m0 - 1 + k, 12)
        key = f"{y0 + y:04d}-{m + 1:02d}"
        out.append(have.get(key, MonthTotal(key, 0, 0, 0, 0)))
    return out


def _describe(flt: IncidentFilter) -> str:
    parts = [f"{k.replace('_', ' ')} {v}" for k, v in flt.__dict__.items() if v not in (None, 0) and k not in ("limit", "offset")]
    return ", ".join(parts) or "all incidents"


METHODS = (
    "Reports were stored byte for byte with their SHA-256. Claims were extracted with the versioned extractor named "
    "on each run below, each value tied to the exact words quoted above. Claims were linked into incidents by "
    "probabilistic record linkage (Splink): each pair of claims joined is listed with the factor by which each "
    "comparison (date, place, type, counts, actors, wording) multiplied the odds that they report one incident, "
    "starting from the chance that two claims picked at random do; counts were reconciled by the UCDP convention (low: the smallest lower "
    "bound of any independent source; high: the largest upper bound; best: the lower median of the independent "
    "sources' best values). Copies and reports from one outlet count as one source. A reference dataset's row "
    f"corroborates an incident only at match probability {CORROBORATING_MATCH} or more and when its count does not "
    "disagree. Flags and the corroboration "
    "level follow the rules in saboot's documentation. Documents and names marked sensitive are withheld unless the "
    "dossier says otherwise."
)
TIMELINE_NOTE = (
    "Killed per month: the bar is the best estimate, the pale band spans the lowest to the highest figure; "
    "months without incidents are shown empty; incidents dated only to a year or more vaguely are in no month."
)


@dataclass(frozen=True)
class Dossier:
    """What a dossier says, gathered once and rendered as HTML or PDF."""

    title: str
    generated: str
    version: str
    filter: str
    incidents: list[Incident]
    documents: dict[str, dict[str, Any]]  # source document records by id (sensitive ones left out)
    months: list[MonthTotal]
    head: AuditEntry | None
    runs: list[AuditEntry]
    withheld: bool  # sensitive documents or names were withheld
    sensitive_included: bool  # records marked sensitive are included (asked for)


def gather(store: Store, flt: IncidentFilter, title: str, red: Redactor | None = None) -> Dossier:
    """The dossier's content; ``red`` withholds sensitive documents and names (default: the store's marks)."""
    red = Redactor.for_store(store) if red is None else red
    incidents = [red.incident(i) for i in store.incidents(flt)]
    documents = {
        s.document_id: red.json(store.get_document(s.document_id).record())
        for i in incidents for s in i.sources if not red.hidden(s.document_id)
    }  # fmt: skip
    runs = list(store.audit_entries(actions=("incidents.link", "claims.extract", "reference.import")))
    return Dossier(
        title, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), __version__, _describe(flt), incidents, documents,
        store.incidents_by_month(flt), store.audit_head(), runs[-12:], red.active,
        bool(store.sensitive_marks()) and not red.active,
    )  # fmt: skip


def build_report(store: Store, flt: IncidentFilter, title: str, red: Redactor | None = None) -> str:
    """The dossier as one self-contained HTML page."""
    d = gather(store, flt, title, red)
    env = Environment(loader=FileSystemLoader(str(files("saboot") / "web" / "templates")), autoescape=select_autoescape(["html"]))
    env.filters["unknown"] = lambda v: "unknown" if v is None else v
    env.filters["triple"] = triple_of
    return env.get_template("report.html").render(
        **{f.name: getattr(d, f.name) for f in fields(d)}, methods=METHODS, timeline_note=TIMELINE_NOTE,
        timeline=timeline_svg(d.months), places=map_svg(d.incidents),
    )  # fmt: skip
