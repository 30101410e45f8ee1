"""The narrow store interface every caller uses.

The embedded default is ``SQLiteStore``; a PostgreSQL store implements the
same methods and nothing else changes. Template methods that combine the
primitives (``append_audit``) live here, marked ``@final``.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import final

from saboot.audit import GENESIS, canonical_json, entry_hash
from saboot.claims import Claim, Extraction
from saboot.link.engine import ScoredPair
from saboot.link.model import Incident, LinkDecision
from saboot.link.records import LinkRecord
from saboot.link.references import Coverage, ReferenceRow
from saboot.model import ApiToken, AuditEntry, Document, SensitiveMark, SourceDocument, User

Clock = Callable[[], str]


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class DocumentFilter:
    outlet: str | None = None
    since: str | None = None  # published on or after (ISO)
    until: str | None = None
    contains: str | None = None  # substring of title or text
    near_duplicates: bool | None = None  # True: only copies; False: only originals
    limit: int | None = None
    offset: int = 0
    copies_of: str | None = None  # only the near-duplicates of this document
    hide_sensitive: bool = False  # leave out documents marked sensitive (what a viewer may see)


@dataclass(frozen=True)
class ClaimFilter:
    document_id: str | None = None
    kind: str | None = None
    event_type: str | None = None
    flag: str | None = None
    limit: int | None = None
    ids: tuple[str, ...] | None = None  # only these claims (looked up by key, not scanned)
    document_ids: tuple[str, ...] | None = None  # only the claims of these documents (looked up by key)
    superseded: bool = False  # the claims later extraction runs superseded, instead of the current ones


@dataclass(frozen=True)
class IncidentFilter:
    since: str | None = None
    until: str | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    actor: str | None = None
    victim: str | None = None
    flag: str | None = None
    min_sources: int | None = None
    limit: int | None = None
    offset: int = 0
    flagged: bool = False  # the review queue: flagged and not reviewed as they stand


@dataclass(frozen=True)
class MonthTotal:
    """Incidents and killed (summed low/best/high) in one month, for a timeline.
    An unknown best counts as the low figure, an unknown high as the best."""

    month: str
    incidents: int
    low: int
    best: int
    high: int


class Store(ABC):
    """Persistence for documents, blobs and the audit ledger."""

    clock: Clock

    # -- transactions ---------------------------------------------------
    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside commit together or not at all (Ctrl-C included)."""

    @abstractmethod
    def close(self) -> None: ...

    # -- blobs ----------------------------------------------------------
    @abstractmethod
    def put_blob(self, sha256: str, data: bytes) -> None:
        """Store bytes under their hash; a second put of the same hash is a no-op."""

    @abstractmethod
    def read_blob(self, sha256: str) -> bytes: ...

    # -- documents ------------------------------------------------------
    @abstractmethod
    def document_id_for_sha(self, sha256: str) -> str | None: ...

    @abstractmethod
    def add_document(self, doc: Document) -> None: ...

    @abstractmethod
    def add_sighting(self, document_id: str, location: str, captured_at: str) -> None: ...

    @abstractmethod
    def sightings(self, document_id: str) -> list[tuple[str, str]]: ...

    @abstractmethod
    def get_document(self, document_id: str) -> Document:
        """Raise NotFoundError naming the id when it is not stored."""

    @abstractmethod
    def list_documents(self, flt: DocumentFilter | None = None) -> list[Document]: ...

    @abstractmethod
    def iter_documents(self) -> Iterator[Document]: ...

    @abstractmethod
    def count_documents(self) -> int: ...

    # -- near-duplicate index -------------------------------------------
    @abstractmethod
    def add_bands(self, document_id: str, bands: list[tuple[int, str]]) -> None: ...

    @abstractmethod
    def band_candidates(self, bands: list[tuple[int, str]]) -> list[str]: ...

    # -- claims ---------------------------------------------------------
    @abstractmethod
    def start_run(self, run_id: str, extractor: str, actor: str) -> None: ...

    @abstractmethod
    def add_extraction(self, run_id: str, extraction: Extraction, claims_sha256: str) -> None:
        """Store a document's claims from this run; earlier runs' claims for
        the document are marked superseded, never deleted."""

    @abstractmethod
    def claims(self, flt: ClaimFilter | None = None) -> list[Claim]:
        """Current (not superseded) claims."""

    @abstractmethod
    def extraction_hashes(self) -> dict[str, str]:
        """document id → SHA-256 of its current claims JSON, recomputed from the rows."""

    @abstractmethod
    def source_documents(self, document_ids: Collection[str]) -> dict[str, SourceDocument]:
        """These documents as sources, read together and without their text; raise NotFoundError naming any not
        stored."""

    # -- incidents, analysts' link decisions, reference datasets ----------
    @abstractmethod
    def save_incidents(self, incidents: list[Incident], run_id: str) -> str:
        """Replace the current incidents with a link run's result; their fingerprint (``incidents_fingerprint``): what
        the run's ledger entry records."""

    @abstractmethod
    def replace_incidents(self, removed: Collection[str], incidents: list[Incident], run_id: str) -> str:
        """Replace the incidents of ids ``removed`` with ``incidents``, leaving the rest as they are; the digest of all
        of them, as ``save_incidents`` returns it."""

    @abstractmethod
    def incident_assignment(self) -> dict[str, str]:
        """claim id → incident id, as the last link run left them."""

    @abstractmethod
    def incident_ids(self) -> set[str]:
        """The ids of every incident."""

    @abstractmethod
    def incident_members(self, incident_ids: Collection[str]) -> dict[str, list[str]]:
        """incident id → its claim ids, sorted, for those of these incidents that exist."""

    @abstractmethod
    def incidents(self, flt: IncidentFilter | None = None) -> list[Incident]: ...

    @abstractmethod
    def incidents_page(
        self, flt: IncidentFilter, search: str | None = None, sort: str = "date"
    ) -> tuple[int, list[Incident]]: ...

    @abstractmethod
    def incidents_by_month(self, flt: IncidentFilter, search: str | None = None) -> list[MonthTotal]:
        """Totals per month of the incidents the filter selects (undated ones left out)."""

    @abstractmethod
    def get_incident(self, incident_id: str) -> Incident | None: ...

    @abstractmethod
    def get_incidents(self, incident_ids: Collection[str]) -> list[Incident]:
        """Those of these incidents that exist, by id, read at once."""

    @abstractmethod
    def save_scored_pairs(self, inputs_sha256: str, data: bytes) -> None:
        """Keep a link run's scored pairs (``link.scored``) under the digest of what they were scored from, in place of
        any kept before."""

    @abstractmethod
    def scored_pairs(self, inputs_sha256: str) -> bytes | None:
        """The scored pairs kept under this digest, if the last ones kept are."""

    @abstractmethod
    def forget_scored_pairs(self) -> None:
        """Drop the scored pairs kept under a digest (``save_scored_pairs``): those kept by claim no longer are they."""

    @abstractmethod
    def save_claim_pairs(self, pairs: Sequence[ScoredPair]) -> None:
        """Keep a link run's scored pairs one row each, in place of those kept before, to be found by either claim."""

    @abstractmethod
    def update_claim_pairs(self, claim_ids: Collection[str], pairs: Sequence[ScoredPair]) -> None:
        """Replace the kept pairs with one of these claims on either side by ``pairs`` (which should have one)."""

    @abstractmethod
    def save_pair_model(self, data: bytes) -> None:
        """Keep how the claims were weighed and scored (``link.incremental``), in place of what was kept before."""

    @abstractmethod
    def pair_model(self) -> bytes | None:
        """What ``save_pair_model`` kept last, if anything."""

    @abstractmethod
    def save_link_records(self, records: Sequence[LinkRecord], digests: Mapping[str, str]) -> None:
        """Keep each claim's link record as it was scored, with its digest (``link.scored.record_digests``), in place
        of those kept before."""

    @abstractmethod
    def update_link_records(self, removed: Collection[str], records: Sequence[LinkRecord], digests: Mapping[str, str]) -> None:
        """Drop the kept link records of the ``removed`` claims, then keep these (``save_link_records``)."""

    @abstractmethod
    def link_records(self) -> dict[str, tuple[LinkRecord, str]]:
        """claim id → its kept link record and digest, in the order of the claim ids."""

    @abstractmethod
    def link_digests(self) -> dict[str, tuple[str, str]]:
        """claim id → the document and the digest of its kept link record (``link_records`` without the records)."""

    @abstractmethod
    def claim_pairs(self, claim_ids: Collection[str], at_least: float = 0.0) -> list[ScoredPair]:
        """The kept scored pairs (``save_claim_pairs``) that have one of these claims on either side, scored
        ``at_least`` this."""

    @abstractmethod
    def claim_neighbours(self, claim_ids: Collection[str]) -> dict[str, set[str]]:
        """Each of these claims that is in a kept scored pair (``save_claim_pairs``) with others of them → those
        others: which claims are alike, without reading the pairs themselves."""

    @abstractmethod
    def pairs_across_incidents(self, low: float, high: float) -> Iterator[tuple[str, str, ScoredPair]]:
        """The kept scored pairs (``save_claim_pairs``) whose claims are in two different incidents, with a probability
        from ``low`` to ``high``, strongest first: each as the incident of its ``left`` claim, that of its ``right``,
        and the pair. Read as they are taken."""

    @abstractmethod
    def incidents_of_claims(self, claim_ids: Collection[str]) -> dict[str, str]:
        """claim id → the id of the incident it is in, for those of these claims the last link run placed."""

    @abstractmethod
    def add_decision(self, kind: str, claim_a: str, claim_b: str, actor: str, reason: str) -> None: ...

    @abstractmethod
    def decisions(self, claim_ids: Collection[str] | None = None) -> list[LinkDecision]:
        """Analysts' link decisions in the order they were made (or those naming one of these claims)."""

    @abstractmethod
    def add_correction(self, anchor: str, field: str, value: str, reason: str, actor: str, ts: str) -> None: ...

    @abstractmethod
    def corrections(self, documents: Collection[str] | None = None) -> list[tuple[str, str, str, str, str, str]]:
        """(anchor, field, value JSON, reason, actor, ts), oldest first: all of them, or those on the claims of these
        ``documents``."""

    @abstractmethod
    def add_incident_review(self, key: str, content_key: str, note: str, actor: str, ts: str) -> None:
        """Record that an analyst reviewed the incident made of this set of claims, which stated this content."""

    @abstractmethod
    def incident_reviews(self, key: str, content_key: str = "") -> list[tuple[str, str, str]]:
        """(note, actor, ts) of the reviews of this set of claims, or of claims that stated the same, oldest first."""

    @abstractmethod
    def add_reference_rows(self, rows: list[ReferenceRow]) -> None: ...

    @abstractmethod
    def reference_rows(self, dataset: str | None = None) -> list[ReferenceRow]: ...

    @abstractmethod
    def reference_coverage(self) -> dict[str, Coverage]:
        """Each reference dataset's name and what it covers."""

    # -- accounts and sensitive marks (secrets only as hashes) ---------
    @abstractmethod
    def add_user(self, user: User, password_hash: str) -> None: ...

    @abstractmethod
    def update_user(
        self, name: str, *, role: str | None = None, password_hash: str | None = None, disabled: bool | None = None
    ) -> None:
        """Change what is given; a new password or disabling ends the user's sessions."""

    @abstractmethod
    def get_user(self, name: str) -> tuple[User, str] | None:
        """The user and their password hash."""

    @abstractmethod
    def list_users(self) -> list[User]: ...

    @abstractmethod
    def add_session(self, token_sha256: str, user: str, csrf: str, created_at: str, expires_at: str) -> None: ...

    @abstractmethod
    def session_user(self, token_sha256: str, now: str) -> tuple[User, str] | None:
        """The enabled user of an unexpired session, and the session's CSRF token."""

    @abstractmethod
    def delete_session(self, token_sha256: str, now: str) -> None:
        """End this session (and sweep expired ones)."""

    @abstractmethod
    def add_token(self, token: ApiToken, token_sha256: str) -> None: ...

    @abstractmethod
    def token_user(self, token_id: str, token_sha256: str) -> User | None:
        """The enabled user of an unrevoked API token."""

    @abstractmethod
    def revoke_token(self, token_id: str, ts: str) -> bool: ...

    @abstractmethod
    def list_tokens(self) -> list[ApiToken]: ...

    @abstractmethod
    def set_mark(self, mark: SensitiveMark) -> None: ...

    @abstractmethod
    def clear_mark(self, kind: str, target: str) -> bool: ...

    @abstractmethod
    def sensitive_marks(self) -> list[SensitiveMark]: ...

    # -- audit ledger ---------------------------------------------------
    @abstractmethod
    def audit_head(self) -> AuditEntry | None: ...

    @abstractmethod
    def _insert_audit(self, entry: AuditEntry) -> None: ...

    @abstractmethod
    def audit_entries(self, subject_id: str | None = None, actions: tuple[str, ...] = (), after: int = 0) -> Iterator[AuditEntry]:
        """Ledger entries in order, of one subject and/or of these actions only, and/or those after entry number
        ``after`` (selected in the store)."""

    @abstractmethod
    def latest_audit_entry(self, actions: tuple[str, ...]) -> AuditEntry | None:
        """The newest ledger entry of one of these actions (read from the end of the ledger, not through it all)."""

    @abstractmethod
    def missing_guards(self) -> list[str]:
        """Names of append-only guards (triggers) that someone removed."""

    @final
    def append_audit(
        self,
        *,
        actor: str,
        action: str,
        subject_kind: str,
        subject_id: str,
        content_sha256: str,
        payload: object,
    ) -> AuditEntry:
        """Append one chained entry. Call inside ``transaction()`` together
        with the write it records, so that both land or neither does."""
        head = self.audit_head()
        seq = 1 if head is None else head.seq + 1
        prev = GENESIS if head is None else head.entry_hash
        ts = self.clock()
        body = canonical_json(payload)
        digest = entry_hash(seq, ts, actor, action, subject_kind, subject_id, content_sha256, body, prev)
        entry = AuditEntry(seq, ts, actor, action, subject_kind, subject_id, content_sha256, body, prev, digest)
        self._insert_audit(entry)
        return entry
