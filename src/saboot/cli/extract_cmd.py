"""``saboot extract`` (stored or stateless) and ``saboot claims``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from saboot import review
from saboot.claims import ExtractionInput
from saboot.cli.main import State, emit_json, pass_state
from saboot.errors import SabootError
from saboot.extract.engines import extraction_engine
from saboot.extract.runner import ExtractionRunner, default_extractor
from saboot.ingest.pipeline import default_actor, expand, resolve_published
from saboot.ingest.readers import read_bytes
from saboot.model import ReportMeta
from saboot.store import ClaimFilter, open_store


@click.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--input", "input_format", type=click.Choice(["jsonl"]), help="Read documents as JSON lines from a file or - (stdin)."
)
@click.option("--from", "source", default="-", show_default=True, help="With --input: the file to read.")
@click.option("--document", "document_ids", multiple=True, help="Stored mode: only these documents (repeatable).")
@click.option("--db", help="Stored mode: the store (same as the global --db).")
@click.option("--json", "as_json", is_flag=True, help="Print the extraction as JSON.")
@click.option(
    "--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
    help="Stored mode: where the extractor runs (spark: on Spark's workers, extra saboot[spark]).",
)  # fmt: skip
@click.option("--quiet", "-q", is_flag=True)
@pass_state
def extract(
    state: State, paths: tuple[str, ...], input_format: str | None, source: str, document_ids: tuple[str, ...],
    db: str | None, as_json: bool, engine: str, quiet: bool,
) -> None:  # fmt: skip
    """Turn documents into claims.

    With PATHs or --input, stateless: one JSON object per document on stdout,
    nothing stored. Without them, re-derive claims for stored documents as a
    new, audited run that supersedes earlier claims."""
    if input_format:
        sys.exit(_stateless_jsonl(click.open_file(source, encoding="utf-8")))
    if paths:
        sys.exit(_stateless_files(paths))
    store = open_store(db) if db else state.store
    docs = [store.get_document(d) for d in document_ids] if document_ids else list(store.iter_documents())
    runner = ExtractionRunner(store, default_extractor(), default_actor())
    total = 0
    for extraction in runner.run(docs, extraction_engine(engine)):
        total += len(extraction.claims)
        if as_json:
            click.echo(json.dumps(extraction.to_json(), ensure_ascii=False))
    if not quiet:
        click.echo(
            f"run {runner.run_id}: {len(docs)} documents, {total} claims ({runner.extractor.producer}, engine {engine})", err=True
        )


def _stateless_files(paths: tuple[str, ...]) -> int:
    extractor = default_extractor()
    failed = 0
    for path in expand(paths):
        try:
            data = Path(path).read_bytes()
            result = read_bytes(data, path)
        except (OSError, SabootError) as exc:
            failed += 1
            message = exc.render() if isinstance(exc, SabootError) else str(exc)
            click.echo(json.dumps({"id": path, "error": message}, ensure_ascii=False))
            continue
        published, _ = resolve_published(ReportMeta(), result.meta, result.text)
        inp = ExtractionInput(path, result.text, published, result.meta.title, result.meta.outlet)
        click.echo(json.dumps(_line(inp, extractor.extract(inp).to_json()), ensure_ascii=False))
    return 1 if failed else 0


def _stateless_jsonl(stream: IO[str]) -> int:
    extractor = default_extractor()
    failed = 0
    for number, inp, error in _jsonl_inputs(stream):
        if inp is None:
            failed += 1
            click.echo(json.dumps({"id": None, "line": number, "error": error}, ensure_ascii=False))
            continue
        click.echo(json.dumps(_line(inp, extractor.extract(inp).to_json()), ensure_ascii=False))
    return 1 if failed else 0


def _jsonl_inputs(stream: IO[str]) -> Iterator[tuple[int, ExtractionInput | None, str]]:
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise ValueError('each line needs {"id": ..., "text": "..."}')
            ident = str(obj.get("id", number))
            yield number, ExtractionInput(ident, obj["text"], obj.get("published"), obj.get("title"), obj.get("outlet")), ""
        except ValueError as exc:
            yield number, None, f"line {number}: {exc}"


def _line(inp: ExtractionInput, extraction: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": inp.id,
        "document": {"title": inp.title, "outlet": inp.outlet, "published": inp.published, "signals": extraction["signals"]},
        "extractor": extraction["extractor"],
        "claims": extraction["claims"],
    }


@click.command()
@click.option("--document", "document_id", help="Only this document's claims.")
@click.option("--kind", type=click.Choice(["event", "aggregate", "allegation", "statement"]))
@click.option("--type", "event_type", help="Only this event type.")
@click.option("--flag", help="Only claims with this flag (e.g. malformed_number).")
@click.option("--limit", type=int)
@click.option("--json", "as_json", is_flag=True)
@pass_state
def claims(
    state: State,
    document_id: str | None,
    kind: str | None,
    event_type: str | None,
    flag: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """List current claims with their counts, place, date and flags."""
    if document_id:
        document_id = state.store.get_document(document_id).id
    raw = state.store.claims(ClaimFilter(document_id, kind, event_type, flag, limit))
    found = review.apply(raw, review.load(state.store, {c.document_id for c in raw}))
    if as_json:
        emit_json([c.to_json() for c in found])
        return
    for c in found:
        loc = (c.location.name if c.location else None) or "?"
        killed = c.counts.get("killed")
        k = f"killed {killed.triple()}" if killed else ""
        click.echo(
            f"{c.id}  {c.document_id}  {c.kind:10} {c.event_type:22} {c.date.stated():10} {loc[:24]:24} {k}  {','.join(c.flags)}"
        )
    click.echo(f"{len(found)} claims", err=True)


def register(group: click.Group) -> None:
    for command in (extract, claims, correct, corrections):
        group.add_command(command)


@click.command()
@click.argument("claim_id")
@click.option("--field", type=click.Choice(["killed", "injured", "abducted", "missing", "arrested"]), help="A count to correct.")
@click.option("--low", type=int)
@click.option("--best", type=int)
@click.option("--high", type=int)
@click.option("--type", "event_type", help="Correct the event type.")
@click.option("--date-start", help="Correct the date (ISO).")
@click.option("--date-end", help="End of the date range (ISO; default the start).")
@click.option(
    "--precision", type=click.Choice(["day", "week", "month", "year", "decade", "unknown"]), default="day", show_default=True
)
@click.option("--reject", is_flag=True, help="Reject the claim: it no longer counts anywhere.")
@click.option("--accept", is_flag=True, help="Accept the claim as extracted (checked and right).")
@click.option("--reason", required=True, help="Why: recorded in the audit ledger.")
@pass_state
def correct(
    state: State, claim_id: str, field: str | None, low: int | None, best: int | None, high: int | None, event_type: str | None,
    date_start: str | None, date_end: str | None, precision: str, reject: bool, accept: bool, reason: str,
) -> None:  # fmt: skip
    """Correct, reject or accept an extracted claim (an audited analyst decision that re-runs keep)."""
    decision = review.Decision(reason, field, low, best, high, event_type, date_start, date_end, precision, reject, accept)
    done = review.decide(state.store, claim_id, decision, default_actor())
    click.echo(f"recorded: {done.field} on {done.anchor} by {done.actor} ({done.reason}); run `saboot link` to update incidents")


@click.command()
@click.option("--json", "as_json", is_flag=True)
@pass_state
def corrections(state: State, as_json: bool) -> None:
    """Analysts' corrections, oldest first."""
    found = review.load(state.store)
    if as_json:
        emit_json([c.__dict__ for c in found])
        return
    for c in found:
        now = "" if c.applies_to == c.anchor else f"  [now on {c.applies_to}, re-extracted]" if c.applies_to else (
            "  [no longer applies: no current claim stands on these words]"
        )  # fmt: skip
        click.echo(f"{c.ts}  {c.actor}  {c.anchor}  {c.field} = {json.dumps(c.value)}  — {c.reason}{now}")
