"""``saboot audit verify|log|head``."""

from __future__ import annotations

import dataclasses
import json
import sys

import click

from saboot.cli.main import State, emit_json, pass_state
from saboot.verify import verify


@click.group()
def audit() -> None:
    """The hash-chained audit ledger."""


@audit.command("verify")
@click.option("--head", "published_head", help="A chain head you published earlier: check it is still in the chain.")
@click.option("--json", "as_json", is_flag=True)
@pass_state
def verify_cmd(state: State, published_head: str | None, as_json: bool) -> None:
    """Recompute the chain and every document's hashes; exit 1 if anything was altered."""
    report = verify(state.store, published_head)
    if as_json:
        emit_json({"ok": report.ok, "entries": report.entries, "documents": report.documents, "head": report.head,
                   "problems": [dataclasses.asdict(p) for p in report.problems]})  # fmt: skip
    else:
        for p in report.problems:
            click.echo(f"ALTERED {p.subject}: {p.detail}")
        verdict = "OK" if report.ok else f"{len(report.problems)} problem(s)"
        click.echo(f"{verdict}: {report.entries} ledger entries, {report.documents} documents checked; head {report.head}")
    if not report.ok:
        sys.exit(1)


@audit.command("log")
@click.argument("subject_id", required=False)
@click.option("--json", "as_json", is_flag=True)
@pass_state
def log_cmd(state: State, subject_id: str | None, as_json: bool) -> None:
    """The history of one document or record (all entries without an id)."""
    if subject_id is not None and len(subject_id) < 16:
        subject_id = state.store.get_document(subject_id).id
    entries = list(state.store.audit_entries(subject_id))
    if as_json:
        emit_json([{**dataclasses.asdict(e), "payload": json.loads(e.payload)} for e in entries])
        return
    for e in entries:
        click.echo(f"#{e.seq} {e.ts} {e.actor} {e.action} {e.subject_kind}:{e.subject_id} {e.payload}")


@audit.command("head")
@pass_state
def head_cmd(state: State) -> None:
    """The chain head as JSON: publish or timestamp it outside the store."""
    head = state.store.audit_head()
    if head is None:
        emit_json({"seq": 0, "entry_hash": None})
        return
    emit_json({"seq": head.seq, "ts": head.ts, "entry_hash": head.entry_hash, "db": getattr(state.store, "path", None)})


def register(group: click.Group) -> None:
    group.add_command(audit)
