"""Views: each returns plain data; the HTML page and the ``/api`` JSON are two
renderings of it (one data path, as in Datasette)."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from saboot import review
from saboot.claims import EVENT_TYPES, Claim
from saboot.errors import NotFoundError
from saboot.exports import export
from saboot.link import decisions, lineage
from saboot.link.model import Incident
from saboot.link.near import borderline, near_incidents
from saboot.mapping import map_svg
from saboot.model import Document
from saboot.sensitive import Redactor
from saboot.store import ClaimFilter, DocumentFilter, IncidentFilter, Store
from saboot.successors import anchor_of

PAGE_SIZE = 50


@dataclass(frozen=True)
class Query:
    """The store's incident filter plus what only the list page adds."""

    filter: IncidentFilter = field(default_factory=IncidentFilter)
    q: str | None = None
    sort: str = "date"
    page: int = 1


def incident_list(store: Store, query: Query, red: Redactor) -> dict[str, Any]:
    page = max(1, query.page)
    flt = replace(query.filter, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    total, rows = (0, []) if red.blocks_search(query.q) else store.incidents_page(flt, query.q, query.sort)
    return {"total": total, "page": page, "page_size": PAGE_SIZE, "incidents": [red.incident(i).to_json() for i in rows]}


def timeline(store: Store, query: Query, red: Redactor) -> dict[str, Any]:
    """Incidents and killed per month for the list's filters (no paging: the whole selection)."""
    months = [] if red.blocks_search(query.q) else store.incidents_by_month(query.filter, query.q)
    return {"months": [asdict(m) for m in months]}


def _selection(store: Store, query: Query, red: Redactor) -> list[Incident]:
    """Every incident the list's filters select (all pages), in the list's order, as ``red`` lets them be seen."""
    if red.blocks_search(query.q):
        return []
    return [red.incident(i) for i in store.incidents_page(replace(query.filter, limit=None, offset=0), query.q, query.sort)[1]]


MEDIA_TYPES = {"csv": "text/csv", "jsonl": "application/x-ndjson", "geojson": "application/geo+json",
               "parquet": "application/vnd.apache.parquet", "acled": "text/csv", "ucdp": "text/csv"}  # fmt: skip


def export_incidents(store: Store, query: Query, fmt: str, red: Redactor) -> tuple[bytes, str, str]:
    """The whole filtered selection (no paging) in an export format: (bytes, media type, file name)."""
    found = _selection(store, query, red)
    suffix = {"acled": "-acled.csv", "ucdp": "-ucdp.csv"}.get(fmt, f".{fmt}")
    if fmt == "parquet":
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "incidents.parquet"
            export(found, fmt, path)
            data = path.read_bytes()
    else:
        data = (export(found, fmt, None) or "").encode("utf-8")
    return data, MEDIA_TYPES[fmt], f"saboot-incidents{suffix}"


def map_view(
    store: Store, query: Query, red: Redactor, tiles: str | None = None, attribution: str | None = None
) -> dict[str, Any]:
    """The filtered selection's places (no paging) on an inline SVG map."""
    found = _selection(store, query, red)
    placed = [i for i in found if i.location and i.location.lat is not None and i.location.lon is not None]
    svg = map_svg(placed, link="/incidents/{id}", tiles=tiles, attribution=attribution)
    return {"total": len(found), "placed": len(placed), "svg": svg}


def decide_on(store: Store, incident_id: str, decide: Callable[[Store, str, str, str], object], reason: str, analyst: str) -> str:
    """An analyst's decision on one incident (``decisions.confirm``, ``decisions.withdraw``); returns one of its
    claims, to find the incident again after the re-link."""
    first = decisions.get_incident(store, incident_id).claim_ids[0]
    decide(store, incident_id, reason, analyst)
    return first


def merge(store: Store, incident_id: str, others: str, reason: str, analyst: str) -> str:
    """Merge an incident with others named in a form field; returns one of its claims, to find it again."""
    ids = [incident_id, *(i for i in re.split(r"[\s,]+", others) if i)]
    first = decisions.get_incident(store, incident_id).claim_ids[0]
    decisions.merge(store, ids, reason, analyst)
    return first


def incident_detail(store: Store, incident_id: str, red: Redactor) -> dict[str, Any]:
    found = store.get_incident(incident_id)
    if found is None:
        raise NotFoundError(f"no incident {incident_id!r}", hint="list incidents at /incidents (after `saboot link`)")
    inc = red.incident(found)
    claims = {c.id: c for c in store.claims(ClaimFilter(ids=inc.claim_ids))}
    decided = lineage.standing(store, found)  # the link decisions on its reports
    documents = []
    withheld = 0
    for source in inc.sources:
        if red.hidden(source.document_id):
            withheld += 1  # a viewer sees that a withheld source exists, not what it says
            continue
        doc = store.get_document(source.document_id)
        spans = [s for cid in source.claim_ids if cid in claims for s in _value_spans(claims[cid])]
        segments = [{**seg, "text": red.text(seg["text"])} for seg in highlight(doc.text, spans)]
        documents.append({"source": source, "document": red.json(doc.record()), "segments": segments})
    return {
        "incident": inc.to_json(), "documents": documents, "withheld": withheld,
        "history": red.json([e.__dict__ for e in store.audit_entries(incident_id)]),
        "reviews": red.json(review.reviews_of(store, found)),
        "decisions": red.json([s.to_json() for s in decided]),
        "withdrawable": any(lineage.withdrawable(s, found.claim_ids) for s in decided),
        "near": red.json([n.to_json() for n in near_incidents(store, found, decided)]),
    }  # fmt: skip


def near_pairs(store: Store, low: float, high: float, limit: int, red: Redactor) -> list[dict[str, Any]]:
    """The linker's closest calls (``saboot near``): pairs of incidents that may be one, as ``red`` lets them be seen."""
    found: list[dict[str, Any]] = red.json([p.to_json() for p in borderline(store, low, high, limit)])
    return found


def _value_spans(claim: Claim) -> list[tuple[int, int]]:
    spans = [(s.start, s.end) for q in claim.counts.values() for s in q.evidence]
    spans += [(s.start, s.end) for s in claim.date.evidence]
    if claim.location:
        spans += [(s.start, s.end) for s in claim.location.evidence]
    spans += [(s.start, s.end) for a in claim.perpetrators for s in a.evidence]
    return spans


def highlight(text: str, spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """The text cut into plain and evidence segments (rendered escaped)."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, pos = [], 0
    for s, e in merged:
        if s > pos:
            out.append({"text": text[pos:s], "evidence": False})
        out.append({"text": text[s:e], "evidence": True})
        pos = e
    if pos < len(text):
        out.append({"text": text[pos:], "evidence": False})
    return out


def document_list(store: Store, q: str | None, page: int, red: Redactor) -> dict[str, Any]:
    flt = DocumentFilter(contains=q, limit=PAGE_SIZE, offset=(max(1, page) - 1) * PAGE_SIZE, hide_sensitive=red.active)
    found = [] if red.blocks_search(q) else store.list_documents(flt)
    return {"page": max(1, page), "documents": [red.json(d.record()) for d in found]}


def document_claims(store: Store, document_id: str) -> list[dict[str, Any]]:
    """The document's claims as analysts left them: corrected, or marked rejected."""
    raw = store.claims(ClaimFilter(document_id=document_id))
    decided = review.load(store, (document_id,))
    kept = {c.id: c for c in review.apply(raw, decided)}
    by_anchor: dict[str, list[dict[str, Any]]] = {}
    for d in decided:
        if d.applies_to is not None:
            by_anchor.setdefault(d.applies_to, []).append(d.__dict__)
    return [
        {**kept.get(c.id, c).to_json(), "rejected": c.id not in kept,
         "decisions": by_anchor.get(anchor_of(c), [])}
        for c in raw
    ]  # fmt: skip


def document_detail(store: Store, document_id: str, red: Redactor) -> dict[str, Any]:
    doc: Document = store.get_document(document_id)
    if red.hidden(doc.id):
        raise NotFoundError(f"no document {document_id!r}", hint="list documents at /documents")
    copies = [d.record() for d in store.list_documents(DocumentFilter(copies_of=doc.id, hide_sensitive=red.active))]
    marks = [m.__dict__ for m in store.sensitive_marks() if m.kind == "document" and m.target == doc.id]
    data: dict[str, Any] = red.json({
        "document": doc.record(), "text": doc.text, "sightings": [{"location": loc, "captured_at": ts} for loc, ts in store.sightings(doc.id)],
        "near_duplicates": copies, "claims": document_claims(store, doc.id), "event_types": EVENT_TYPES,
        "history": [e.__dict__ for e in store.audit_entries(doc.id)], "sensitive": marks[0] if marks else None,
    })  # fmt: skip
    return data
