"""``saboot documents`` and ``saboot document ID``."""

from __future__ import annotations

import dataclasses
import sys
from typing import Any

import click

from saboot.cli.main import State, emit_json, pass_state
from saboot.model import Document
from saboot.store import DocumentFilter


def document_json(doc: Document, *, text: bool = False, sightings: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    data = doc.record()
    if text:
        data["text"] = doc.text
    if sightings is not None:
        data["sightings"] = [{"location": loc, "captured_at": ts} for loc, ts in sightings]
    return data


@click.command()
@click.option("--outlet", help="Only this outlet.")
@click.option("--since", help="Published on or after (ISO date).")
@click.option("--until", help="Published on or before (ISO date).")
@click.option("--search", "contains", help="Title or text contains this.")
@click.option("--copies/--originals", "near_duplicates", default=None, help="Only near-duplicates, or only originals.")
@click.option("--limit", type=int, help="At most this many.")
@click.option("--offset", type=int, default=0)
@click.option("--json", "as_json", is_flag=True, help="A JSON list of document objects.")
@pass_state
def documents(
    state: State, outlet: str | None, since: str | None, until: str | None, contains: str | None,
    near_duplicates: bool | None, limit: int | None, offset: int, as_json: bool,
) -> None:  # fmt: skip
    """List stored documents."""
    flt = DocumentFilter(outlet, since, until, contains, near_duplicates, limit, offset)
    docs = state.store.list_documents(flt)
    if as_json:
        emit_json([document_json(d) for d in docs])
        return
    for d in docs:
        copy = f"  ≈{d.near_duplicate_of}" if d.near_duplicate_of else ""
        click.echo(
            f"{d.id}  {d.published or '????-??-??':10}  {(d.outlet or '-')[:20]:20}  {(d.title or d.path or d.url or '')[:60]}{copy}"
        )
    click.echo(f"{len(docs)} documents", err=True)


@click.command()
@click.argument("document_id")
@click.option("--json", "as_json", is_flag=True)
@click.option("--original", is_flag=True, help="Write the original bytes to stdout.")
@pass_state
def document(state: State, document_id: str, as_json: bool, original: bool) -> None:
    """Show one document: metadata, provenance and text (an id prefix works)."""
    doc = state.store.get_document(document_id)
    if original:
        sys.stdout.buffer.write(state.store.read_blob(doc.sha256))
        return
    seen = state.store.sightings(doc.id)
    if as_json:
        emit_json(document_json(doc, text=True, sightings=seen))
        return
    for key, value in dataclasses.asdict(doc).items():
        if key not in ("text", "provenance"):
            click.echo(f"{key:22} {value if value is not None else '-'}")
    for key, value in dataclasses.asdict(doc.provenance).items():
        click.echo(f"{'provenance.' + key:22} {value if value is not None else '-'}")
    for loc, ts in seen:
        click.echo(f"{'seen at':22} {loc} ({ts})")
    click.echo("")
    click.echo(doc.text)


def register(group: click.Group) -> None:
    group.add_command(documents)
    group.add_command(document)
