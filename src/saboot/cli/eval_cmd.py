"""``saboot eval extraction``."""

from __future__ import annotations

from pathlib import Path

import click

from saboot.cli.main import emit_json
from saboot.evaluate.extraction import FIELDS, evaluate, read_gtd
from saboot.extract.runner import default_extractor


@click.group("eval")
def eval_group() -> None:
    """Measure saboot against gold data."""


@eval_group.command("extraction")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True, help="Gold file.")
@click.option("--format", "fmt", type=click.Choice(["gtd"]), default="gtd", show_default=True)
@click.option("--limit", type=int, help="Only the first N rows.")
@click.option("--errors", "worst", type=int, default=15, show_default=True, help="How many errors to list.")
@click.option("--json", "as_json", is_flag=True)
def eval_extraction(gold: Path, fmt: str, limit: int | None, worst: int, as_json: bool) -> None:
    """Per-field accuracy of the extractor on a GTD-style CSV."""
    rows = read_gtd(gold)[:limit]
    report = evaluate(default_extractor(), rows)
    if as_json:
        emit_json(report.to_json(worst))
        return
    click.echo(f"{report.rows} rows, extractor {report.extractor}")
    click.echo(f"{'field':12} {'accuracy':>9} {'correct':>8} {'total':>6}")
    for name in FIELDS:
        click.echo(f"{name:12} {report.accuracy(name):9.3f} {report.correct.get(name, 0):8d} {report.total.get(name, 0):6d}")
    click.echo("\nworst errors (field: gold → predicted):")
    for e in report.errors[:worst]:
        click.echo(f"  [{e.id}] {e.field}: {e.gold!r} → {e.predicted!r} :: {e.text[:140]}")


def register(group: click.Group) -> None:
    group.add_command(eval_group)
