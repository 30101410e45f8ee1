"""Sensitive records: documents, and victims' names, that must not reach
everyone.

An analyst marks a document (say, a witness statement) or a name (a victim's
or a witness's) sensitive, with a reason; the mark is audited. Viewers then
never see a marked document — it is left out of lists, its pages answer 404,
and in incidents it stays only as a withheld source — and every marked name
is replaced by ``[name withheld]`` wherever text reaches them (titles, quotes,
document text, explanations). Exports and dossiers are redacted the same way
unless an admin (or the command line, which has the store file anyway) asks
for the sensitive records. Marks never change what is stored, so clearing a
mark brings everything back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from saboot.audit import canonical_json, sha256_hex
from saboot.errors import ConfigError, NotFoundError
from saboot.link.model import Incident, incident_from_json
from saboot.model import SensitiveMark
from saboot.store.base import Store

KINDS = ("document", "name")
NAME_WITHHELD = "[name withheld]"
SOURCE_WITHHELD = "[sensitive source withheld]"
MIN_NAME = 3


@dataclass(frozen=True)
class Redactor:
    """What to hide from one reader. ``Redactor()`` hides nothing."""

    documents: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()

    @classmethod
    def for_store(cls, store: Store) -> Redactor:
        marks = tuple(store.sensitive_marks())
        docs = frozenset(m.target for m in marks if m.kind == "document")
        names = tuple(sorted((m.target for m in marks if m.kind == "name"), key=len, reverse=True))
        return cls(docs, names)

    @property
    def active(self) -> bool:
        return bool(self.documents or self.names)

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        if not self.names:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in self.names) + r")(?!\w)", re.IGNORECASE)

    def text(self, value: str) -> str:
        return value if self._pattern is None else self._pattern.sub(NAME_WITHHELD, value)

    def blocks_search(self, q: str | None) -> bool:
        """Whether a search would probe a withheld name (the name, or 3+ letters of it): the
        reader then gets no results, not even a sign that the name is withheld."""
        if not q or not self.names:
            return False
        q = " ".join(q.split()).casefold()
        return any(name.casefold() in q or (len(q) >= MIN_NAME and q in name.casefold()) for name in self.names)

    def hidden(self, document_id: str) -> bool:
        return document_id in self.documents

    def touches(self, inc: Incident) -> bool:
        """Whether the incident rests on a marked document or says a marked name anywhere."""
        if not self.active:
            return False
        if any(self.hidden(s.document_id) for s in inc.sources):
            return True
        pattern = self._pattern
        return pattern is not None and pattern.search("\n".join(_strings(inc, []))) is not None

    def json(self, value: Any) -> Any:
        """Every string in a JSON-like value with marked names withheld, and
        what marked documents said (quotes, titles, outlets, paths) withheld."""
        if not self.active:
            return value
        return self._walk(value)

    def _walk(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list | tuple):
            return [self._walk(v) for v in value]
        if isinstance(value, dict):
            out = {k: self._walk(v) for k, v in value.items()}
            if self.hidden(str(out.get("document_id", ""))):
                out |= {k: SOURCE_WITHHELD for k in ("quote", "title") if k in out}
                out |= {k: None for k in ("outlet", "location") if k in out}
            return out
        return value

    def incident(self, inc: Incident) -> Incident:
        if not self.touches(inc):
            return inc  # most incidents: nothing to withhold, no copy made
        data = self.json(inc.to_json())
        if data.get("location") and any(self.hidden(s.document_id) for s in inc.sources):
            spans = data["location"]["evidence"]  # spans do not say their document: withhold them all
            data["location"]["evidence"] = [{**s, "quote": SOURCE_WITHHELD} for s in spans]
        return incident_from_json(data)


def _strings(value: Any, out: list[str]) -> list[str]:
    """Every string inside a record (dataclasses, tuples, lists, dicts), collected without copying the record."""
    kind = type(value)
    if kind is str:
        out.append(value)
    elif kind is list or kind is tuple:
        for item in value:
            _strings(item, out)
    elif kind is dict:
        for item in value.values():
            _strings(item, out)
    elif hasattr(value, "__dataclass_fields__"):
        for item in vars(value).values():
            _strings(item, out)
    return out


def _target(store: Store, kind: str, target: str) -> str:
    if kind not in KINDS:
        raise ConfigError(f"unknown kind {kind!r}", where="KIND", hint=f"use one of {', '.join(KINDS)}")
    if kind == "document":
        return store.get_document(target).id
    name = " ".join(target.split())
    if len(name) < MIN_NAME:
        raise ConfigError(f"a name to withhold needs at least {MIN_NAME} characters", where="NAME",
                          hint="give the name as it is written in the reports")  # fmt: skip
    return name


def _ledger_body(kind: str, target: str, reason: str) -> dict[str, str]:
    """The ledger is append-only for ever, so a withheld name goes into it only as a hash."""
    if kind == "name":
        return {"kind": kind, "target_sha256": sha256_hex(target.casefold()), "reason": reason}
    return {"kind": kind, "target": target, "reason": reason}


def mark(store: Store, kind: str, target: str, reason: str, actor: str) -> SensitiveMark:
    """Mark a document (id) or a name sensitive (audited)."""
    why = _reason(reason, "a sensitive mark")
    made = SensitiveMark(kind, _target(store, kind, target), why, actor, store.clock())
    with store.transaction():
        store.set_mark(made)
        _audit(store, "sensitive.mark", kind, made.target, made.reason, actor)
    return made


def clear(store: Store, kind: str, target: str, reason: str, actor: str) -> None:
    """Remove a sensitive mark (audited)."""
    why = _reason(reason, "clearing a mark")
    resolved = _target(store, kind, target)
    with store.transaction():
        if not store.clear_mark(kind, resolved):
            raise NotFoundError(f"no sensitive mark on {kind} {resolved!r}", hint="list marks with `saboot sensitive list`")
        _audit(store, "sensitive.clear", kind, resolved, why, actor)


def _reason(reason: str, what: str) -> str:
    if not reason.strip():
        raise ConfigError(f"{what} needs a reason", where="--reason", hint="say why, for the record")
    return reason.strip()


def _audit(store: Store, action: str, kind: str, target: str, reason: str, actor: str) -> None:
    """The ledger entry of a mark or its clearing; a withheld name appears in it only as a hash (``_ledger_body``)."""
    body = _ledger_body(kind, target, reason)
    store.append_audit(
        actor=actor, action=action, subject_kind=kind, subject_id=target if kind == "document" else "name",
        content_sha256=sha256_hex(canonical_json(body)), payload=body,
    )  # fmt: skip
