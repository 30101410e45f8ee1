"""``saboot report``: a citable, self-contained HTML dossier for a filter.

Summary table, a timeline (incidents and killed per month, low–high band, as
inline SVG), a location plot (inline SVG, longitude/latitude), each incident
with its sources, quotes, discrepancies and corroboration, a methods section
generated from the versions and settings actually used, and the audit chain
head, so that a reader can check with ``saboot audit verify --head`` that
nothing changed after publication. Nothing is loaded from the network.
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files

from jinja2 import Environment, FileSystemLoader, select_autoescape

from saboot import __version__
from saboot.link.model import Incident
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
        label = f"{_esc(r.month)}: {r.incidents} incidents, {r.low}–{r.high} killed (best {r.best})"
        parts.append(f'<g><title>{label}</title>'
                     f'<rect x="{x:.1f}" y="{height - best:.1f}" width="{w:.1f}" height="{best:.1f}" fill="#b23a24"/>'
                     f'<rect x="{x:.1f}" y="{height - hi:.1f}" width="{w:.1f}" height="{max(hi - lo, 0):.1f}" fill="#f4c7a1" '
                     f'fill-opacity="0.8"/></g>')  # fmt: skip
    parts.append(f'<text x="0" y="{height + 20}" font-size="11">{_esc(months[0].month)}</text>')
    parts.append(f'<text x="{width - 60}" y="{height + 20}" font-size="11">{_esc(months[-1].month)}</text>')
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


def places_svg(incidents: list[Incident], width: int = 760, height: int = 420, link: str = "#{id}") -> str:
    """Incidents at their coordinates (longitude by latitude, no boundaries);
    each circle links to ``link`` with the incident id filled in."""
    pts = [
        (i.location.lon, i.location.lat, i)
        for i in incidents
        if i.location and i.location.lat is not None and i.location.lon is not None
    ]
    if not pts:
        return ""
    lons = [p[0] for p in pts if p[0] is not None]
    lats = [p[1] for p in pts if p[1] is not None]
    x0, x1 = min(lons) - 1, max(lons) + 1
    y0, y1 = min(lats) - 1, max(lats) + 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="places">',
             f'<rect width="{width}" height="{height}" fill="#f4f6f7"/>']  # fmt: skip
    for lon, lat, inc in pts:
        assert lon is not None and lat is not None
        k = inc.counts.get("killed")
        r = 3 + min(20, ((k.best or k.low or 0) if k else 0) ** 0.5)
        cx = (lon - x0) / (x1 - x0) * width
        cy = height - (lat - y0) / (y1 - y0) * height
        place = _esc((inc.location.name if inc.location else None) or "")
        toll = f", killed {k.low}/{k.best}/{k.high}" if k else ""
        parts.append(
            f'<a href="{_esc(link.format(id=inc.id))}"><circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="#b23a24" fill-opacity="0.55">'
            f"<title>{place} {inc.date_start or 'date unknown'}{toll}</title></circle></a>"
        )
    parts.append(f'<text x="4" y="{height - 6}" font-size="11">lon {x0:.1f}…{x1:.1f}, lat {y0:.1f}…{y1:.1f}</text></svg>')
    return "".join(parts)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _describe(flt: IncidentFilter) -> str:
    parts = [f"{k.replace('_', ' ')} {v}" for k, v in flt.__dict__.items() if v not in (None, 0) and k not in ("limit", "offset")]
    return ", ".join(parts) or "all incidents"


def build_report(store: Store, flt: IncidentFilter, title: str, red: Redactor | None = None) -> str:
    """The dossier; ``red`` withholds sensitive documents and names (default: the store's marks)."""
    red = Redactor.for_store(store) if red is None else red
    incidents = [red.incident(i) for i in store.incidents(flt)]
    documents = {
        s.document_id: red.json(store.get_document(s.document_id).record())
        for i in incidents for s in i.sources if not red.hidden(s.document_id)
    }  # fmt: skip
    head = store.audit_head()
    runs = [e for e in store.audit_entries() if e.action in ("incidents.link", "claims.extract", "reference.import")]
    env = Environment(loader=FileSystemLoader(str(files("saboot") / "web" / "templates")), autoescape=select_autoescape(["html"]))
    months = store.incidents_by_month(flt)
    return env.get_template("report.html").render(
        title=title, generated=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), version=__version__, incidents=incidents,
        documents=documents, filter=_describe(flt), months=months, timeline=timeline_svg(months), places=places_svg(incidents),
        head=head, runs=runs[-12:],
    )  # fmt: skip
