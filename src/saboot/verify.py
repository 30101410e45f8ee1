"""``saboot audit verify``: recompute the ledger chain and every stored
document's hashes, and name exactly what was altered."""

from __future__ import annotations

import hashlib

from saboot.audit import Problem, VerifyReport, check_chain, sha256_hex
from saboot.errors import NotFoundError
from saboot.ingest.pipeline import document_record_hash
from saboot.model import AuditEntry, Document
from saboot.store.base import Store


def verify(store: Store, published_head: str | None = None) -> VerifyReport:
    entries = list(store.audit_entries())
    problems = check_chain(entries)
    problems += [Problem("guard", name, "append-only trigger was removed or disabled") for name in store.missing_guards()]
    latest: dict[str, AuditEntry] = {}
    latest_claims: dict[str, AuditEntry] = {}
    for entry in entries:
        if entry.subject_kind == "document":
            latest[entry.subject_id] = entry
        elif entry.subject_kind == "claims":
            latest_claims[entry.subject_id] = entry
    count = 0
    for doc in store.iter_documents():
        count += 1
        problems += _check_document(store, doc, latest.get(doc.id))
    problems += _check_claims(store.extraction_hashes(), latest_claims)
    if published_head is not None:
        problems += _check_published_head(entries, published_head)
    head = entries[-1].entry_hash if entries else ""
    return VerifyReport(entries=len(entries), documents=count, head=head, problems=tuple(problems))


def _check_document(store: Store, doc: Document, entry: AuditEntry | None) -> list[Problem]:
    name = f"document {doc.id}"
    found: list[Problem] = []
    try:
        data = store.read_blob(doc.sha256)
        if hashlib.sha256(data).hexdigest() != doc.sha256:
            found.append(Problem("document", name, "original bytes no longer match their SHA-256"))
    except NotFoundError:
        found.append(Problem("document", name, "original bytes are missing"))
    if sha256_hex(doc.text) != doc.text_sha256:
        found.append(Problem("document", name, "text was altered (does not match text_sha256)"))
    if entry is None:
        found.append(Problem("document", name, "has no audit entry: it was added behind saboot's back"))
    elif document_record_hash(doc) != entry.content_sha256:
        found.append(
            Problem("document", name, f"record differs from what audit entry {entry.seq} recorded (metadata or hashes edited)")
        )
    return found


def _check_claims(current: dict[str, str], latest: dict[str, AuditEntry]) -> list[Problem]:
    found = []
    for doc, digest in sorted(current.items()):
        entry = latest.get(doc)
        if entry is None:
            found.append(
                Problem("claims", f"claims of document {doc}", "have no audit entry: they were written behind saboot's back")
            )
        elif entry.content_sha256 != digest:
            found.append(
                Problem(
                    "claims", f"claims of document {doc}", f"differ from what audit entry {entry.seq} recorded (claims edited)"
                )
            )
    return found


def _check_published_head(entries: list[AuditEntry], head: str) -> list[Problem]:
    if any(e.entry_hash == head for e in entries):
        return []
    return [Problem("entry", "published head", f"{head} is not in the chain: the ledger was rewritten before it")]
