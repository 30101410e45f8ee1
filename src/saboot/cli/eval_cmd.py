"""``saboot eval extraction``."""

from __future__ import annotations

from pathlib import Path

import click

from saboot.cli.main import emit_json
from saboot.evaluate.extraction import FIELDS, evaluate, multi_incident, read_gtd
from saboot.evaluate.linking import SPLITS, default_split, gold_clusters, read_ecbplus, score
from saboot.extract.runner import default_extractor
from saboot.link.documents import MIN_SIMILARITY, NAME, cluster_documents, default_resolution


@click.group("eval")
def eval_group() -> None:
    """Measure saboot against gold data."""


@eval_group.command("extraction")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True, help="Gold file.")
@click.option("--format", "fmt", type=click.Choice(["gtd"]), default="gtd", show_default=True)
@click.option("--limit", type=int, help="Only the first N rows.")
@click.option("--errors", "worst", type=int, default=15, show_default=True, help="How many errors to list.")
@click.option("--single-incident", is_flag=True, help="Leave out summaries that give totals over several related attacks.")
@click.option("--json", "as_json", is_flag=True)
def eval_extraction(gold: Path, fmt: str, limit: int | None, worst: int, single_incident: bool, as_json: bool) -> None:
    """Per-field accuracy of the extractor on a GTD-style CSV."""
    rows = read_gtd(gold)[:limit]
    if single_incident:
        rows = [r for r in rows if not multi_incident(r)]
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


@eval_group.command("linking")
@click.option(
    "--ecbplus", "folder", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True, help="ECB+ folder."
)
@click.option(
    "--split",
    type=click.Choice(list(SPLITS)),
    help="Which split's documents (default: dev, or the only split the folder holds; test is the held-out topics 36-45).",
)
@click.option(
    "--min-similarity",
    type=float,
    default=MIN_SIMILARITY,
    show_default=True,
    help="Cosine similarity from which two documents are joined in the graph.",
)
@click.option("--resolution", type=float, help="Louvain resolution (default: grows with the number of documents).")
@click.option("--json", "as_json", is_flag=True, help='{"clusters": [[doc_id, ...], ...], "b3": …, "muc": …, "conll": …}')
def eval_linking(folder: Path, split: str | None, min_similarity: float, resolution: float | None, as_json: bool) -> None:
    """Cluster ECB+ documents into real-world events; print B³, MUC, CEAF-e and CoNLL F1."""
    split = default_split(folder) if split is None else split
    docs = read_ecbplus(folder, split)
    gamma = default_resolution(len(docs)) if resolution is None else resolution
    clusters = cluster_documents(docs, min_similarity, gamma)
    s = score(gold_clusters(list(docs)), clusters)
    if as_json:
        emit_json(
            {
                "clusters": clusters,
                "b3": s.b3,
                "muc": s.muc,
                "ceafe": s.ceafe,
                "conll": s.conll,
                "method": NAME,
                "resolution": gamma,
                "split": split,
            }
        )
        return
    click.echo(
        f"{len(docs)} documents ({split}), {len(clusters)} clusters, {NAME}: similarity ≥ {min_similarity}, resolution {gamma:.2f}"
    )
    click.echo(f"MUC {s.muc:.3f}  B3 {s.b3:.3f}  CEAF-e {s.ceafe:.3f}  CoNLL {s.conll:.3f}")


def register(group: click.Group) -> None:
    group.add_command(eval_group)
