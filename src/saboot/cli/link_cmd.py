"""``saboot link``, ``incidents``, ``incident``, ``merge``, ``split``, ``withdraw``, ``decisions``, ``reference import``."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import click

from saboot import review
from saboot.claims import triple_of
from saboot.cli.main import State, emit_json, pass_state
from saboot.errors import BulkRowError
from saboot.exports import FORMATS as EXPORT_FORMATS, export
from saboot.ingest.pipeline import default_actor
from saboot.link import decisions, lineage
from saboot.link.aggregates import check_aggregates
from saboot.link.engine import engine_for
from saboot.link.model import Incident, admiralty_meaning, probability_text
from saboot.link.near import NEAR, borderline, near_incidents
from saboot.link.ratings import load_ratings
from saboot.link.references import FORMATS, ReferenceRow, parse_map, read_reference
from saboot.link.service import IncidentLinker, LinkSummary
from saboot.report import build_report, gather
from saboot.sensitive import Redactor
from saboot.store import IncidentFilter


@click.command()
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "spark"]),
    default="duckdb",
    show_default=True,
    help="Linkage engine (Splink backend).",
)
@click.option(
    "--threshold", type=float, default=0.9, show_default=True, help="Match probability at which two claims are one incident."
)
@click.option(
    "--ratings",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your outlet reliability ratings (TOML, Admiralty A–F).",
)
@click.option(
    "--full",
    is_flag=True,
    help="Score every pair with weights measured anew, even when only some claims changed since the last run.",
)
@click.option("--json", "as_json", is_flag=True)
@pass_state
def link(state: State, engine: str, threshold: float, ratings: Path | None, full: bool, as_json: bool) -> None:
    """Link event claims into incidents, reconcile, match references, assess."""
    linker = IncidentLinker(state.store, engine_for(engine), default_actor(), threshold, load_ratings(ratings))
    summary = linker.run(full=full)
    if as_json:
        emit_json(summary.__dict__)
    else:
        click.echo(
            f"{summary.run_id}: {summary.claims} claim{'' if summary.claims == 1 else 's'} → "
            f"{summary.incidents} incident{'' if summary.incidents == 1 else 's'} "
            f"({summary.multi_source} with several independent sources, {summary.reference_matches} matching a reference)"
        )
    if summary.pairs_reused and not as_json:
        click.echo("the claims are those the last run scored: their scored pairs were reused, not scored again")
    if summary.whole_because and not as_json:
        click.echo(f"linked every claim: {summary.whole_because}")
    if summary.rescored is not None and not as_json:
        click.echo(
            f"scored only the {summary.rescored} new or changed claim(s), with the weights the last full scoring measured, "
            f"and re-linked the {summary.confined} claim(s) they can move{_rebuilt(summary)}; "
            "`saboot link --full` measures the weights anew"
        )
    if summary.decisions_moved and not as_json:
        click.echo(
            f"analysts' link decisions on {summary.decisions_moved} claim pair(s) now follow the claims' re-extracted successors"
        )
    if summary.decisions_orphaned:
        click.echo(
            f"warning: analysts' link decisions on {summary.decisions_orphaned} claim pair(s) no longer apply: re-extraction "
            f"no longer finds a claim they name. `saboot decisions` lists them (and the {summary.run_id} entry of "
            f"`saboot audit log --json`, under decisions_orphaned); review those incidents and decide again",
            err=True,
        )
    if summary.corrections_orphaned:
        click.echo(
            f"warning: {summary.corrections_orphaned} correction(s) no longer apply: re-extraction no longer finds a "
            f"claim on the words they were made on. `saboot corrections` marks them; correct the new claims again",
            err=True,
        )


@click.command()
@click.option("--since")
@click.option("--until")
@click.option("--country", help="ISO 3166-1 alpha-2, e.g. PK.")
@click.option("--admin1", help="Province.")
@click.option("--type", "event_type")
@click.option("--actor", help="Perpetrator name contains this.")
@click.option("--victim", help="Victim group contains this.")
@click.option("--flag")
@click.option("--min-sources", type=int)
@click.option("--limit", type=int)
@click.option(
    "--review", is_flag=True, help="The review queue: flagged incidents not yet reviewed as they stand, most flags first."
)
@click.option("--json", "as_json", is_flag=True)
@pass_state
def incidents(
    state: State, since: str | None, until: str | None, country: str | None, admin1: str | None, event_type: str | None,
    actor: str | None, victim: str | None, flag: str | None, min_sources: int | None, limit: int | None, review: bool,
    as_json: bool,
) -> None:  # fmt: skip
    """List incidents (run `saboot link` first)."""
    flt = IncidentFilter(since, until, country, admin1, event_type, actor, victim, flag, min_sources, limit, flagged=review)
    found = state.store.incidents_page(flt, None, "review" if review else "date")[1]
    if as_json:
        emit_json([_incident_json(i) for i in found])
        return
    wide = max((len(i.when()) for i in found), default=10)  # "2011-09", "2011-09-18 … 2011-09-24", "by 2013-01-14"
    for i in found:
        k = i.counts.get("killed")
        killed = f"killed {k.triple()}" if k else ""
        place = (i.location.name if i.location else None) or "?"
        click.echo(
            f"{i.id}  {i.when():{wide}}  {place[:22]:22} {i.event_type:16} {killed:22} sources {i.independent_sources}  {i.admiralty or '--'}  {','.join(i.flags)}"
        )
    click.echo(f"{len(found)} incidents", err=True)


@click.command()
@click.argument("incident_id")
@click.option("--json", "as_json", is_flag=True)
@pass_state
def incident(state: State, incident_id: str, as_json: bool) -> None:
    """One incident: fields, sources with their values and quotes, discrepancies, flags, explanation."""
    inc = _get(state, incident_id)
    reviews = review.reviews_of(state.store, inc)
    decided = lineage.standing(state.store, inc)  # those on its reports
    near = near_incidents(state.store, inc, decided)
    if as_json:
        emit_json(
            {
                **_incident_json(inc),
                "reviews": reviews,
                "decisions": [s.to_json() for s in decided],
                "near": [n.to_json() for n in near],
            }
        )
        return
    loc = inc.location
    click.echo(
        f"{inc.id}  {inc.event_type}  {inc.when()}  ({inc.date_start or '?'} … {inc.date_end or '?'}, {inc.date_precision})"
    )
    click.echo(
        f"place: {loc.name if loc else '?'}, {loc.admin1 if loc else '?'}, {loc.country if loc else '?'} ({loc.precision if loc else '?'})"
    )
    for name, c in inc.counts.items():
        click.echo(f"{name}: low/best/high {c.triple()}  [{c.rule}]")
        for v in c.sources:
            click.echo(f"    {v.source_key}: {triple_of(v)}  “{v.quote}”  (document {v.document_id})")
    click.echo(f"perpetrators: {', '.join(inc.perpetrators) or '-'};  victims: {', '.join(inc.victims) or '-'}")
    if inc.people:
        click.echo(f"people named: {', '.join(inc.people)}")
    for s in inc.sources:
        click.echo(
            f"source {s.document_id}  {s.outlet or '-'}  {s.title or s.location or ''}  ({s.genre}, names sources: {s.names_sources})"
        )
    for d in inc.discrepancies:
        click.echo(f"discrepancy [{d.field}] {d.detail}")
    for m in inc.reference_matches:
        click.echo(
            f"reference {m.dataset} {m.ref_id}: {m.date} {m.place} killed {m.killed_said} (p={m.probability}, agrees={m.agrees_on_killed}"
            f"{'' if m.corroborates else ', does not corroborate'})"
        )
    for link in inc.links:
        click.echo(f"linked {link.claim_a} + {link.claim_b}: {link.summary()}")
    click.echo(f"flags: {', '.join(inc.flags) or '-'}")
    click.echo(f"corroboration: {inc.corroboration} — {inc.explanation}")
    if inc.admiralty:
        click.echo(f"admiralty: {inc.admiralty} — {admiralty_meaning(inc.admiralty)}")
    for r in reviews:
        click.echo(f"reviewed {r['ts']} by {r['actor']}: {r['note']}")
    for standing in decided:
        click.echo(f"decision {_decision_line(standing)}")
    for n in near:
        click.echo(
            f"possibly the same: {n.incident_id} ({_told(n.date, n.place, n.killed)})"
            f" — claims {n.link.claim_a} + {n.link.claim_b}: {n.link.summary()}; apart because {'; '.join(n.apart)}"
        )


@click.command("mark-reviewed")
@click.argument("incident_id")
@click.option("--note", required=True, help="What you checked: recorded in the audit ledger.")
@pass_state
def mark_reviewed(state: State, incident_id: str, note: str) -> None:
    """Mark an incident reviewed as it stands: it leaves the review queue until its claims change."""
    done = review.mark_reviewed(state.store, incident_id, note, default_actor())
    click.echo(f"reviewed: {done.incident_id} by {done.actor} ({done.note})")


def relinked(summary: LinkSummary) -> str:
    """What the re-link after a decision did: the claims it re-linked, and the incidents there now are."""
    if summary.confined is None:
        return f"re-linked all {summary.claims} claims: {summary.incidents} incidents"
    what = "the decision" if summary.rescored is None else f"the decision and the {summary.rescored} changed claim(s)"
    return (
        f"re-linked the {summary.confined} claim(s) {what} can move, of {summary.claims}{_rebuilt(summary)}: "
        f"{summary.incidents} incidents"
    )


def _rebuilt(summary: LinkSummary) -> str:
    """ ", building 3 incident(s) anew" when a re-link left the others of the claims it moved as they stood."""
    return "" if summary.rebuilt is None else f", building {summary.rebuilt} incident(s) anew"


@click.command()
@click.argument("incident_ids", nargs=-1, required=True)
@click.option("--reason", required=True, help="Why: recorded in the audit ledger.")
@pass_state
def merge(state: State, incident_ids: tuple[str, ...], reason: str) -> None:
    """Merge incidents (an analyst's decision that later links keep)."""
    summary = decisions.merge(state.store, incident_ids, reason, default_actor())
    click.echo(f"merged {len(set(incident_ids))} incidents; {relinked(summary)}")


@click.command()
@click.argument("incident_id")
@click.argument("claim_ids", nargs=-1, required=True)
@click.option("--reason", required=True, help="Why: recorded in the audit ledger.")
@pass_state
def split(state: State, incident_id: str, claim_ids: tuple[str, ...], reason: str) -> None:
    """Take CLAIMs out of an incident into one of their own (kept by later links)."""
    summary = decisions.split(state.store, incident_id, claim_ids, reason, default_actor())
    click.echo(f"split {len(claim_ids)} claim(s) out of {incident_id}; {relinked(summary)}")


@click.command()
@click.argument("incident_id")
@click.option("--reason", required=True, help="Why: recorded in the audit ledger.")
@pass_state
def confirm(state: State, incident_id: str, reason: str) -> None:
    """Accept an incident's links: its claims stay together in later links."""
    summary = decisions.confirm(state.store, incident_id, reason, default_actor())
    click.echo(f"confirmed the links of {incident_id}; {relinked(summary)}")


@click.command()
@click.argument("incident_id")
@click.option("--reason", required=True, help="Why: recorded in the audit ledger.")
@pass_state
def withdraw(state: State, incident_id: str, reason: str) -> None:
    """Withdraw the analysts' decisions on an incident's claims: the linker judges them again."""
    summary = decisions.withdraw(state.store, incident_id, reason, default_actor())
    click.echo(f"withdrew the link decisions on the claims of {incident_id}; {relinked(summary)}")


@click.command("near")
@click.option("--min", "low", type=click.FloatRange(0, 1), default=NEAR, show_default=True, help="Least probability.")
@click.option("--max", "high", type=click.FloatRange(0, 1), default=1.0, show_default=True, help="Greatest probability.")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, help="How many pairs of incidents.")
@click.option("--json", "as_json", is_flag=True, help="JSON: each pair as an incident and the one near it.")
@pass_state
def near_cmd(state: State, low: float, high: float, limit: int, as_json: bool) -> None:
    """Pairs of incidents that may be one, strongest first: the linker's closest calls, each with the pair of claims
    that makes them look alike and every reason they were kept apart (review them, then merge or leave them)."""
    found = borderline(state.store, low, high, limit)
    if as_json:
        emit_json([p.to_json() for p in found])
        return
    for p in found:
        n = p.near
        click.echo(
            f"{probability_text(n.link.probability)}  {p.incident_id} ({_told(p.date, p.place, p.killed)}) ~ {n.incident_id} "
            f"({_told(n.date, n.place, n.killed)}): claims {n.link.claim_a} + {n.link.claim_b}; apart because {'; '.join(n.apart)}"
        )
    if not found:
        click.echo(f"no two incidents have claims that scored from {low} to {high} together (after `saboot link`)")


def _told(date: str | None, place: str | None, killed: int | None) -> str:
    return f"{date or '?'}, {place or '?'}, killed {killed if killed is not None else '?'}"


@click.group()
def reference() -> None:
    """Reference incident datasets (GTD, PBC, UCDP, ACLED, CSV)."""


@reference.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option("--name", required=True, help="Name of the dataset, e.g. gtd.")
@click.option("--country", help="ISO-2 country for files without a country column (GTD country extracts, PBC).")
@click.option(
    "--map",
    "field_map",
    help="For --format csv: field=column pairs (date or date_start and date_end, country, admin1, city, lat, lon, "
    "place_precision, event_type, killed or killed_low, killed_best and killed_high, injured, perpetrator, id).",
)
@click.option("--encoding", help="A CSV file's encoding when it is not UTF-8 (GTD's CSV export: latin-1).")
@click.option("--sheet", help="The sheet of a spreadsheet (.xlsx, .xls, .ods) to read; the first by default.")
@pass_state
def reference_import(
    state: State, path: Path, fmt: str, name: str, country: str | None, field_map: str | None, encoding: str | None,
    sheet: str | None,
) -> None:  # fmt: skip
    """Load a curated incident table (a CSV file, a spreadsheet, or a .zip holding one) to corroborate or contradict
    claims."""
    mapping = parse_map(field_map)
    rows: list[ReferenceRow] = []
    bad = 0
    for item in read_reference(path, fmt, name, country, mapping, encoding=encoding, sheet=sheet):
        if isinstance(item, BulkRowError):
            bad += 1
            click.echo(f"skipped {item.render()}", err=True)
        else:
            rows.append(item)
    with state.store.transaction():
        state.store.add_reference_rows(rows)
        state.store.append_audit(
            actor=default_actor(), action="reference.import", subject_kind="reference", subject_id=name,
            content_sha256=hashlib.sha256(path.read_bytes()).hexdigest(), payload={
                "path": str(path), "format": fmt, "rows": len(rows), "skipped": bad, "encoding": encoding, "sheet": sheet,
                "map": mapping,
            },
        )  # fmt: skip
    click.echo(f"{name}: {len(rows)} rows imported, {bad} skipped")
    if bad and not rows:
        sys.exit(1)


def _get(state: State, incident_id: str) -> Incident:
    return decisions.get_incident(state.store, incident_id)


def _incident_json(inc: Incident) -> dict[str, object]:
    """The incident as JSON; each source also under ``path`` (its path or URL), as the documents command names it."""
    data = inc.to_json()
    data["sources"] = [dict(s, **{"path": s["location"]}) for s in data["sources"]]
    return data


@click.command("decisions")
@click.option(
    "--status", type=click.Choice(lineage.STATUSES), help="Only these, e.g. orphaned: those a re-extraction left with nothing."
)
@click.option("--json", "as_json", is_flag=True)
@pass_state
def decisions_cmd(state: State, status: str | None, as_json: bool) -> None:
    """Analysts' link decisions (merge, split, confirm), oldest first, each with what it does on the current claims."""
    found = lineage.standing(state.store, status=status)
    if as_json:
        emit_json([s.to_json() for s in found])
        return
    if not found:
        click.echo(f"no link decisions are {status}" if status else "no analysts' link decisions yet: "
                   "`saboot merge`, `saboot split` and `saboot confirm` record them")  # fmt: skip
    for s in found:
        click.echo(_decision_line(s))


def _decision_line(s: lineage.Standing) -> str:
    d = s.decision
    return f"{d.ts}  {d.actor}  #{d.id} {d.kind} {d.claim_a} {d.claim_b}  — {d.reason}  [{s.status}: {s.why}]"


def register(group: click.Group) -> None:
    commands = (link, incidents, incident, near_cmd, mark_reviewed, merge, split, confirm, withdraw, decisions_cmd, reference)
    for command in (*commands, export_cmd, aggregates, report):
        group.add_command(command)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output; parquet needs a file).",
)
@click.option("--since")
@click.option("--until")
@click.option("--country", help="ISO 3166-1 alpha-2, e.g. PK.")
@click.option("--type", "event_type")
@click.option("--flag")
@click.option("--min-sources", type=int)
@click.option("--include-sensitive", is_flag=True, help="Do not redact documents and names marked sensitive.")
@pass_state
def export_cmd(
    state: State, fmt: str, out: Path | None, since: str | None, until: str | None, country: str | None,
    event_type: str | None, flag: str | None, min_sources: int | None, include_sensitive: bool,
) -> None:  # fmt: skip
    """Export incidents as csv, jsonl, geojson, parquet, or ACLED/UCDP-style tables
    (sensitive documents and names redacted unless --include-sensitive)."""
    red = Redactor() if include_sensitive else Redactor.for_store(state.store)
    flt = IncidentFilter(since, until, country, None, event_type, None, None, flag, min_sources)
    found = [red.incident(i) for i in state.store.incidents(flt)]
    text = export(found, fmt, out)
    if out is None and text is not None:
        click.echo(text, nl=False)
    else:
        click.echo(f"{len(found)} incidents written to {out}", err=True)


@click.command()
@click.option("--json", "as_json", is_flag=True)
@pass_state
def aggregates(state: State, as_json: bool) -> None:
    """Check aggregate claims against the incidents and reference datasets."""
    checks = check_aggregates(state.store)
    if as_json:
        emit_json([c.__dict__ for c in checks])
        return
    for c in checks:
        click.echo(f"{c.claim_id}  {c.verdict:16} {c.explanation}")
    click.echo(f"{len(checks)} aggregate claims checked", err=True)


@click.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="dossier.html, or dossier.pdf")
@click.option("--title", default="saboot dossier", show_default=True)
@click.option("--since")
@click.option("--until")
@click.option("--country", help="ISO 3166-1 alpha-2, e.g. PK.")
@click.option("--admin1", help="Province.")
@click.option("--victim", help="Victim group, e.g. Hazara.")
@click.option("--min-sources", type=int)
@click.option("--include-sensitive", is_flag=True, help="Do not redact documents and names marked sensitive.")
@pass_state
def report(
    state: State, out: Path, title: str, since: str | None, until: str | None, country: str | None, admin1: str | None,
    victim: str | None, min_sources: int | None, include_sensitive: bool,
) -> None:  # fmt: skip
    """A citable dossier (HTML, or PDF when --out ends in .pdf) for a filter (a region, a period, a victim group),
    with sensitive documents and names redacted unless --include-sensitive."""
    flt = IncidentFilter(since, until, country, admin1, None, None, victim, None, min_sources)
    red = Redactor() if include_sensitive else Redactor.for_store(state.store)
    if out.suffix.lower() == ".pdf":
        from saboot.report_pdf import render_pdf

        out.write_bytes(render_pdf(gather(state.store, flt, title, red)))
    else:
        out.write_text(build_report(state.store, flt, title, red), encoding="utf-8")
    click.echo(f"wrote {out}", err=True)
