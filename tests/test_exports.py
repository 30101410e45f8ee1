"""``saboot export``: every format, with incident ids and sources on every row."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from saboot.cli import cli
from tests.conftest import CORPUS


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    db = tmp_path / "s.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "ingest", "-q", str(CORPUS)]).exit_code == 0
    assert runner.invoke(cli, ["--db", str(db), "link"]).exit_code == 0
    return db


def export(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), "export", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_csv_and_jsonl(linked: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(export(linked, "--format", "csv"))))
    mastung = next(r for r in rows if r["place"] == "Mastung" and r["date_start"])
    assert mastung["killed_best"] == "26" and mastung["incident_id"].startswith("inc-") and mastung["sources"].count(";") >= 3
    assert mastung["admiralty"][0] == "F" and mastung["admiralty"][1] in "12"  # nobody rated; confirmed by other outlets
    lines = [json.loads(x) for x in export(linked, "--format", "jsonl").splitlines()]
    assert {x["id"] for x in lines} == {r["incident_id"] for r in rows}


def test_geojson_points(linked: Path) -> None:
    data = json.loads(export(linked, "--format", "geojson", "--min-sources", "2"))
    assert data["type"] == "FeatureCollection" and data["features"]
    for f in data["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert 60 < lon < 80 and 24 < lat < 37  # Pakistan
        assert f["properties"]["independent_sources"] >= 2


def test_acled_and_ucdp_conventions(linked: Path) -> None:
    acled = list(csv.DictReader(io.StringIO(export(linked, "--format", "acled", "--country", "PK"))))
    bombing = next(r for r in acled if r["location"] == "Hazara Town")
    assert (bombing["event_type"], bombing["sub_event_type"], bombing["time_precision"]) == (
        "Explosions/Remote violence",
        "Suicide bomb",
        "1",
    )
    assert bombing["fatalities"] == "81" and bombing["country"] == "Pakistan" and bombing["saboot_sources"]
    ucdp = list(csv.DictReader(io.StringIO(export(linked, "--format", "ucdp"))))
    hazara = next(r for r in ucdp if r["where_coordinates"] == "Hazara Town")
    assert (hazara["best"], hazara["low"], hazara["high"], hazara["date_prec"]) == ("81", "81", "84", "1")


def test_parquet_needs_a_file(linked: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(linked), "export", "--format", "parquet"])
    assert result.exit_code == 2 and "--out" in result.output
    out = tmp_path / "i.parquet"
    export(linked, "--format", "parquet", "--out", str(out))
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert "incident_id" in table.column_names and table.num_rows > 0


def test_report_is_self_contained_and_citable(linked: Path, tmp_path: Path) -> None:
    out = tmp_path / "dossier.html"
    result = CliRunner().invoke(
        cli, ["--db", str(linked), "report", "--out", str(out), "--country", "PK", "--title", "Balochistan <test>"]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    head = json.loads(CliRunner().invoke(cli, ["--db", str(linked), "audit", "head"]).output)["entry_hash"]
    assert head in html and "saboot audit verify --head" in html
    assert "Balochistan &lt;test&gt;" in html and "<test>" not in html
    assert "Twenty-six Shia pilgrims" in html and "<svg" in html and "Methods" in html and "incidents.link" in html
    assert re.search(r"\(Admiralty [A-F][1-6]\)", html)  # each incident's code beside its corroboration
    assert not re.search(r'(?:src|href)="https?://', html)  # nothing fetched from the network
    assert "<td>81/81/?</td>" in html  # Alamdar Road, "at least 81": written as the CLI and the workbench write it


def test_report_as_pdf_carries_the_same_content(linked: Path, tmp_path: Path) -> None:
    out = tmp_path / "dossier.pdf"
    result = CliRunner().invoke(
        cli, ["--db", str(linked), "report", "--out", str(out), "--country", "PK", "--title", "Mastung & Quetta"]
    )
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader

    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    head = json.loads(CliRunner().invoke(cli, ["--db", str(linked), "audit", "head"]).output)["entry_hash"]
    assert reader.metadata is not None and reader.metadata.title == "Mastung & Quetta"
    assert len(reader.pages) >= 3 and head in " ".join(text.split())
    for words in ("Summary", "Timeline", "Map", "Methods", "Twenty-six Shia pilgrims", "Dawn", "incidents.link"):
        assert words in text, words
    assert "PAKISTAN" in text  # the map's boundaries and labels came along
    assert "81/81/?" in text  # Alamdar Road, "at least 81": written as the HTML dossier and the CLI write it


def test_a_weak_reference_match_is_marked_in_the_dossier(linked: Path) -> None:
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from saboot.link.model import CORROBORATING_MATCH, ReferenceMatch
    from saboot.report import build_report, gather
    from saboot.report_pdf import render_pdf
    from saboot.store import IncidentFilter, SQLiteStore
    from saboot.web.app import create_app

    store = SQLiteStore(linked)
    strong = ReferenceMatch("gtd", "201109200001", "2011-09-20", "Quetta", 26, None, None, CORROBORATING_MATCH, True)
    weak = replace(strong, ref_id="201109210002", probability=0.55)
    first, *rest = store.incidents()
    store.save_incidents([replace(first, reference_matches=(strong, weak)), *rest], "test")
    html = build_report(store, IncidentFilter(), "weak")
    assert "201109200001: 2011-09-20 Quetta, killed 26 (match probability 0.80)" in html
    assert "201109210002: 2011-09-20 Quetta, killed 26 (match probability 0.55, does not corroborate)" in html
    assert render_pdf(gather(store, IncidentFilter(), "weak"))[:4] == b"%PDF"
    client = TestClient(create_app(str(linked)))
    page = client.get(f"/incidents/{first.id}").text
    assert "(match probability 0.55, does not corroborate)" in page and "(match probability 0.8)" in page
    [api] = [i for i in client.get("/api/incidents").json()["incidents"] if i["id"] == first.id]
    assert [m["corroborates"] for m in api["reference_matches"]] == [True, False]
    shown = CliRunner().invoke(cli, ["--db", str(linked), "incident", first.id]).output
    assert "(p=0.55, agrees=True, does not corroborate)" in shown and "(p=0.8, agrees=True)" in shown


def test_each_incident_says_why_its_claims_were_joined(linked: Path) -> None:
    """Every pair of claims joined carries each comparison's level and factor, and the factors (with the prior's)
    multiply to the match probability; the incident page, the API, `saboot incident` and the dossier show them."""
    from fastapi.testclient import TestClient

    from saboot.link import spec
    from saboot.link.model import incident_from_json, probability_text
    from saboot.report import build_report
    from saboot.store import IncidentFilter, SQLiteStore
    from saboot.web.app import create_app

    store = SQLiteStore(linked)
    joined = [i for i in store.incidents() if len(i.claim_ids) > 1]
    assert joined and all(i.links for i in joined)
    incident = joined[0]
    link = incident.links[0]
    assert [e.comparison for e in link.evidence] == [c["output_column_name"] for c in spec.COMPARISONS] + ["prior"]
    odds = 2 ** sum(e.weight for e in link.evidence)
    assert abs(odds / (1 + odds) - link.probability) < 1e-3
    assert link.probability >= 0.9 and {link.claim_a, link.claim_b} <= set(incident.claim_ids)
    assert incident_from_json(json.loads(json.dumps(incident.to_json()))) == incident
    summary = link.summary()
    assert summary.startswith(f"match probability {probability_text(link.probability)}: date: ")
    assert "two claims picked at random: 1 in " in summary
    assert [probability_text(x) for x in (0.94, 0.9951, 0.99996, 1.0)] == ["0.94", "0.995", "0.99996", "1.00"]
    assert not any(i.links for i in store.incidents() if len(i.claim_ids) == 1)
    client = TestClient(create_app(str(linked)))
    page = client.get(f"/incidents/{incident.id}").text
    assert "Why these reports are one incident" in page and summary.split(": ", 1)[1][:40] in page
    [api] = [i for i in client.get("/api/incidents").json()["incidents"] if i["id"] == incident.id]
    assert api["links"][0]["summary"] == summary and api["links"][0]["evidence"][0]["comparison"] == "date"
    shown = CliRunner().invoke(cli, ["--db", str(linked), "incident", incident.id]).output
    assert f"linked {link.claim_a} + {link.claim_b}: {summary}" in shown
    assert f"joined at {summary}" in build_report(store, IncidentFilter(), "why")


def test_people_named_as_victims_are_a_column_of_their_own_not_an_actor(tmp_path: Path) -> None:
    # rules.v12: an incident's people (kind "person") are apart from its victims' groups; ACLED's actor2 and UCDP's
    # side_b name groups, and had carried the people's names
    report = tmp_path / "r.md"
    report.write_text(
        "---\noutlet: Daily A\npublished: 2022-03-15\n---\nHafeez Baloch, a Hazara schoolteacher, was picked up by "
        "security forces from his home in Khuzdar on Saturday night, his family said.\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    for args in (["ingest", "-q", str(report)], ["link"]):
        assert CliRunner().invoke(cli, ["--db", str(db), *args]).exit_code == 0
    [inc] = [json.loads(x) for x in export(db, "--format", "jsonl").splitlines()]
    assert (inc["people"], inc["victims"]) == (["Hafeez Baloch"], ["Hazara"])
    [row] = list(csv.DictReader(io.StringIO(export(db, "--format", "csv"))))
    assert (row["people"], row["victims"]) == ("Hafeez Baloch", "Hazara")
    [acled] = list(csv.DictReader(io.StringIO(export(db, "--format", "acled"))))
    [ucdp] = list(csv.DictReader(io.StringIO(export(db, "--format", "ucdp"))))
    assert "Hafeez" not in acled["actor2"] + ucdp["side_b"]
    shown = CliRunner().invoke(cli, ["--db", str(db), "incident", inc["id"]])
    assert shown.exit_code == 0 and "people named: Hafeez Baloch" in shown.output
