"""Views: each returns plain data; the HTML page and the ``/api`` JSON are two
renderings of it (one data path, as in Datasette)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from saboot.claims import Claim
from saboot.errors import NotFoundError
from saboot.model import Document
from saboot.store import ClaimFilter, DocumentFilter, IncidentFilter, Store

PAGE_SIZE = 50


@dataclass(frozen=True)
class Query:
    """The store's incident filter plus what only the list page adds."""

    filter: IncidentFilter = field(default_factory=IncidentFilter)
    q: str | None = None
    sort: str = "date"
    page: int = 1


def incident_list(store: Store, query: Query) -> dict[str, Any]:
    page = max(1, query.page)
    flt = replace(query.filter, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    total, rows = store.incidents_page(flt, query.q, query.sort)
    return {"total": total, "page": page, "page_size": PAGE_SIZE, "incidents": [i.to_json() for i in rows]}


def incident_detail(store: Store, incident_id: str) -> dict[str, Any]:
    inc = store.get_incident(incident_id)
    if inc is None:
        raise NotFoundError(f"no incident {incident_id!r}", hint="list incidents at /incidents (after `saboot link`)")
    claims = {c.id: c for c in store.claims(ClaimFilter()) if c.id in inc.claim_ids}
    documents = []
    for source in inc.sources:
        doc = store.get_document(source.document_id)
        spans = [s for cid in source.claim_ids if cid in claims for s in _value_spans(claims[cid])]
        documents.append({"source": source, "document": doc.record(), "segments": highlight(doc.text, spans)})
    history = [e for e in store.audit_entries(incident_id)]
    return {"incident": inc.to_json(), "documents": documents, "history": [e.__dict__ for e in history]}


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


def document_list(store: Store, q: str | None, page: int) -> dict[str, Any]:
    docs = store.list_documents(DocumentFilter(contains=q, limit=PAGE_SIZE, offset=(max(1, page) - 1) * PAGE_SIZE))
    return {"page": max(1, page), "documents": [d.record() for d in docs]}


def document_detail(store: Store, document_id: str) -> dict[str, Any]:
    doc: Document = store.get_document(document_id)
    copies = [d.record() for d in store.list_documents(DocumentFilter(near_duplicates=True)) if d.near_duplicate_of == doc.id]
    return {
        "document": doc.record(), "text": doc.text, "sightings": [{"location": loc, "captured_at": ts} for loc, ts in store.sightings(doc.id)],
        "near_duplicates": copies, "claims": [c.to_json() for c in store.claims(ClaimFilter(document_id=doc.id))],
        "history": [e.__dict__ for e in store.audit_entries(doc.id)],
    }  # fmt: skip
