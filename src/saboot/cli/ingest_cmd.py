"""``saboot ingest PATH...``"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections import Counter

import click

from saboot.cli.main import State, emit_json, pass_state
from saboot.extract.runner import ExtractionRunner, default_extractor
from saboot.ingest.fetch import HttpFetcher, OfflineFetcher
from saboot.ingest.pipeline import DEFAULT_MAX_BYTES, IngestOptions, Ingestor, expand
from saboot.model import IngestOutcome, ReportMeta


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--map", "field_map", help="Bulk column names: text=body,published=date,...")
@click.option("--encoding", help="Decode text files with this encoding instead of UTF-8 (e.g. cp1252).")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True, help="Size limit for one report.")
@click.option("--outlet", help="Outlet of every report in this batch (overrides metadata).")
@click.option("--published", help="Publication date of every report in this batch (ISO).")
@click.option("--actor", help="Who is ingesting (default: env SABOOT_ACTOR or your login).")
@click.option("--offline", is_flag=True, help="Do not fetch URLs; fail them at once.")
@click.option(
    "--extract/--no-extract", "run_extract", default=True, show_default=True, help="Extract claims as documents are stored."
)
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the summary.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per input, then a summary.")
@pass_state
def ingest(
    state: State, inputs: tuple[str, ...], field_map: str | None, encoding: str | None, max_bytes: int,
    outlet: str | None, published: str | None, actor: str | None, offline: bool, run_extract: bool, quiet: bool, as_json: bool,
) -> None:  # fmt: skip
    """Store reports: files, folders (recursive), - for stdin, URLs, and bulk
    .jsonl/.csv files (one report per row). Exits 1 if any input failed."""
    options = IngestOptions(
        actor=actor or "", max_bytes=max_bytes, encoding=encoding, field_map=field_map,
        meta=ReportMeta(outlet=outlet, published=published),
    )  # fmt: skip
    ingestor = Ingestor(state.store, options, OfflineFetcher() if offline else HttpFetcher())
    if run_extract:
        runner = ExtractionRunner(state.store, default_extractor(), ingestor.actor)
        ingestor.on_stored.append(runner.extract)
    items = expand(inputs)
    counts: Counter[str] = Counter()
    show_bar = not (quiet or as_json) and sys.stderr.isatty()
    try:
        with click.progressbar(items, label="ingesting", file=sys.stderr) if show_bar else _nullbar(items) as bar:
            for item in bar:
                for outcome in ingestor.ingest_one(item):
                    counts[outcome.status] += 1
                    _report(outcome, quiet, as_json)
    except KeyboardInterrupt:
        click.echo(f"interrupted: {counts['stored']} stored; the store is consistent, re-run to resume", err=True)
        sys.exit(130)
    summary = {"stored": counts["stored"], "duplicate": counts["duplicate"], "failed": counts["failed"]}
    if as_json:
        emit_json({"summary": summary})
    else:
        click.echo(f"{summary['stored']} stored, {summary['duplicate']} already stored, {summary['failed']} failed", err=quiet)
    if counts["failed"]:
        sys.exit(1)


class _nullbar:
    def __init__(self, items: list[str]) -> None:
        self.items = items

    def __enter__(self) -> list[str]:
        return self.items

    def __exit__(self, *exc: object) -> None:
        return None


def _report(outcome: IngestOutcome, quiet: bool, as_json: bool) -> None:
    if as_json:
        click.echo(_json_line(outcome))
    elif outcome.status == "failed":
        click.echo(f"FAILED {outcome.location}: {outcome.reason}", err=True)
    elif not quiet:
        extra = f" (near-duplicate of {outcome.near_duplicate_of})" if outcome.near_duplicate_of else ""
        label = "stored" if outcome.status == "stored" else "already stored as"
        click.echo(f"{label} {outcome.document_id} {outcome.location}{extra}")


def _json_line(outcome: IngestOutcome) -> str:
    return json.dumps(dataclasses.asdict(outcome), ensure_ascii=False)


def register(group: click.Group) -> None:
    group.add_command(ingest)
