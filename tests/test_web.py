"""The workbench's pages and JSON API share one data path; reports' text is
shown as text, never run; one error shape."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from saboot.cli import cli
from saboot.link import lineage
from saboot.web.app import create_app
from tests.conftest import corpus_store

HOSTILE = (
    "---\ntitle: <script>alert('t')</script> Quetta report\noutlet: X\n---\n"
    "Gunmen killed 7 people in Quetta on 5 May 2014. <img src=x onerror=alert(1)> said police.\n"
)


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(str(corpus_store(tmp_path, {"hostile.md": HOSTILE}))))


def test_list_filters_and_json_share_one_path(client: TestClient) -> None:
    data = client.get("/api/incidents", params={"min_sources": 2}).json()
    assert data["total"] >= 2 and all(i["independent_sources"] >= 2 for i in data["incidents"])
    page = client.get("/incidents", params={"min_sources": 2})
    assert page.status_code == 200
    for i in data["incidents"]:
        assert i["id"] in page.text
    found = client.get("/api/incidents", params={"q": "hazara town"}).json()
    assert found["total"] == 1 and found["incidents"][0]["location"]["name"] == "Hazara Town"


def test_incident_page_shows_every_source_value_and_highlighted_quotes(client: TestClient) -> None:
    [mastung] = [i for i in client.get("/api/incidents", params={"q": "mastung", "min_sources": 2}).json()["incidents"]]
    detail = client.get(f"/api/incidents/{mastung['id']}").json()
    assert len(detail["documents"]) == 4
    assert all(any(seg["evidence"] for seg in d["segments"]) for d in detail["documents"])
    html = client.get(f"/incidents/{mastung['id']}").text
    assert html.count("<mark>") >= 8 and "Twenty-six" in html and "Dawn" in html
    assert f"Admiralty code <strong>{mastung['admiralty']}</strong>: source reliability cannot be judged" in html
    # a bound no source gave reads "?", in the list and on the page, never "None": Alamdar Road is "at least 81"
    found = client.get("/api/incidents", params={"q": "quetta", "min_sources": 2}).json()["incidents"]
    [alamdar] = [i for i in found if i["date"]["start"] == "2013-01-10"]
    assert (alamdar["killed"]["low"], alamdar["killed"]["high"]) == (81, None)
    page, listed = client.get(f"/incidents/{alamdar['id']}").text, client.get("/incidents").text
    assert "<td>81</td><td>81</td><td>?</td>" in page and "<td>81/81/?</td>" in listed
    assert re.search(r"<div>[^<]+: \d+/\d+/[\d?]+ — ", page)  # each source's values, written as everywhere else
    assert "None" not in page and "None" not in listed


def test_report_text_is_escaped(client: TestClient) -> None:
    docs = client.get("/api/documents", params={"q": "onerror"}).json()["documents"]
    [doc] = docs
    html = client.get(f"/documents/{doc['id']}").text
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    [inc] = client.get("/api/incidents", params={"q": "quetta report"}).json()["incidents"]
    page = client.get(f"/incidents/{inc['id']}").text
    assert "<script>alert" not in page and "<img src=x" not in page


def test_original_bytes_and_hash(client: TestClient) -> None:
    doc = client.get("/api/documents").json()["documents"][0]
    r = client.get(f"/documents/{doc['id']}/original")
    import hashlib

    assert r.status_code == 200 and hashlib.sha256(r.content).hexdigest() == doc["sha256"] == r.headers["x-content-sha256"]


def test_one_error_shape(client: TestClient) -> None:
    r = client.get("/api/incidents/inc-nope")
    assert r.status_code == 404
    body = r.json()
    assert set(body) == {"error", "status"} and set(body["error"]) == {"code", "message", "where", "hint"}
    r = client.get("/api/nowhere")
    assert r.status_code == 404 and set(r.json()) == {"error", "status"}
    r = client.get("/api/incidents", params={"page": 0})
    assert r.status_code == 422
    assert client.get("/incidents/inc-nope").status_code == 404


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/incidents", "/api/incidents/{incident_id}", "/api/documents", "/api/documents/{document_id}"} <= set(
        spec["paths"]
    )


def test_out_of_range_numbers_are_client_errors(client: TestClient) -> None:
    # found by schemathesis: integers too large for SQLite gave a 500
    assert client.get("/api/documents", params={"page": 16166951110503156233012743503872}).status_code == 422
    assert client.get("/api/incidents", params={"min_sources": 36893488147419103231}).status_code == 422


def test_review_queue_lists_flagged_incidents_most_flags_first(client: TestClient) -> None:
    # exercises: /incidents?flagged=true&sort=review and `saboot incidents --review` show the same queue
    queue = client.get("/api/incidents", params={"flagged": True, "sort": "review"}).json()
    everything = client.get("/api/incidents").json()
    assert 0 < queue["total"] < everything["total"]
    counts = [len(i["flags"]) for i in queue["incidents"]]
    assert all(counts) and counts == sorted(counts, reverse=True)
    page = client.get("/incidents", params={"flagged": True, "sort": "review"})
    assert "Review queue" in page.text and all(i["id"] in page.text for i in queue["incidents"])


def _a_claim(client: TestClient) -> dict[str, object]:
    docs = client.get("/api/documents").json()["documents"]
    for d in docs:
        claims = client.get(f"/api/documents/{d['id']}").json()["claims"]
        killed = [c for c in claims if c["killed"] and c["killed"]["best"]]
        if killed:
            return killed[0]
    raise AssertionError("the corpus has no claim with a death toll")


def test_an_analyst_corrects_a_claim_from_the_browser_form(client: TestClient) -> None:
    # exercises: the document page's form posts a decision; it is audited, shown, and rejected if malformed
    claim = _a_claim(client)
    doc = claim["document_id"]
    form = {"analyst": "ayesha", "reason": "hospital list", "count_field": "killed", "low": "", "best": "41", "high": ""}
    r = client.post(f"/claims/{claim['id']}/decisions", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith(f"/documents/{doc}")
    shown = client.get(f"/api/documents/{doc}").json()["claims"]
    mine = next(c for c in shown if c["id"] == claim["id"])
    assert mine["killed"]["best"] == 41 and "corrected" in mine["flags"]
    assert mine["decisions"][0]["actor"] == "ayesha" and mine["decisions"][0]["reason"] == "hospital list"
    assert "hospital list" in client.get(r.headers["location"]).text
    bad = client.post(f"/claims/{claim['id']}/decisions", data={**form, "low": "50"})  # low above best
    assert bad.status_code == 400 and "low &lt;= best" in bad.text
    both = client.post(f"/claims/{claim['id']}/decisions", data={**form, "reject": "true"})
    assert both.status_code == 400 and "exactly one" in both.text


def test_decisions_api_rejects_claims_and_refuses_cross_site_writes(client: TestClient) -> None:
    # exercises: POST /api/claims/{id}/decisions (JSON), its error shape, and the Origin check
    claim = _a_claim(client)
    body = {"analyst": "bilal", "reason": "duplicate wire copy", "reject": True}
    evil = client.post(f"/api/claims/{claim['id']}/decisions", json=body, headers={"Origin": "https://evil.example"})
    assert evil.status_code == 403 and evil.json()["error"]["where"] == "Origin"
    assert not client.get("/api/documents/" + str(claim["document_id"])).json()["claims"][0]["decisions"]
    ok = client.post(f"/api/claims/{claim['id']}/decisions", json=body, headers={"Origin": "http://testserver"})
    assert ok.status_code == 201 and ok.json()["field"] == "reject"
    shown = client.get(f"/api/documents/{claim['document_id']}").json()["claims"]
    assert next(c for c in shown if c["id"] == claim["id"])["rejected"] is True
    missing = client.post("/api/claims/nope/decisions", json=body)
    assert missing.status_code == 404 and missing.json()["error"]["hint"]
    invalid = client.post(f"/api/claims/{claim['id']}/decisions", json={**body, "best": -3})
    assert invalid.status_code == 422 and invalid.json()["error"]["where"] == "body.best"


def test_timeline_sums_the_filtered_incidents_per_month(client: TestClient) -> None:
    # exercises: /api/timeline and /timeline use the list's filters; month totals add up to the listed incidents
    listed = client.get("/api/incidents", params={"country": "PK"}).json()["incidents"]
    months = client.get("/api/timeline", params={"country": "PK"}).json()["months"]
    dated = [i for i in listed if i["date"]["start"] and i["date"]["precision"] != "unknown"]
    assert sum(m["incidents"] for m in months) == len(dated) > 0
    assert [m["month"] for m in months] == sorted({i["date"]["start"][:7] for i in dated})
    sept = next(m for m in months if m["month"] == "2011-09")
    killed = [i["killed"] for i in dated if i["date"]["start"].startswith("2011-09") and i["killed"]]
    assert sept["best"] == sum(k["best"] if k["best"] is not None else (k["low"] or 0) for k in killed) >= 26
    assert all(m["low"] <= m["best"] <= m["high"] for m in months)
    page = client.get("/timeline", params={"country": "PK"})
    assert page.status_code == 200 and "<svg" in page.text and "2011-09" in page.text
    assert "since=2011-09-01" in page.text and "country=PK" in page.text


def test_timeline_chart_shows_empty_months_and_escapes_labels() -> None:
    from saboot.report import timeline_svg
    from saboot.store import MonthTotal

    svg = timeline_svg([MonthTotal("2011-11", 1, 5, 6, 9), MonthTotal("2012-02", 2, 10, 10, 10)])
    assert svg.count("<g>") == 4 and "2011-12: 0 incidents" in svg and "top = 10 killed" in svg
    assert "&lt;b&gt;" in timeline_svg([MonthTotal("<b>", 1, 1, 1, 1)]) and timeline_svg([]) == ""


def test_a_reviewed_incident_leaves_the_queue_until_its_claims_change(client: TestClient, tmp_path: Path) -> None:
    # exercises: the "Mark reviewed" form and POST /api/incidents/{id}/reviews; audited; kept across `saboot link`;
    # back in the queue when a new report joins the incident
    queue = client.get("/api/incidents", params={"flagged": True, "sort": "review"}).json()
    first, second = queue["incidents"][0], queue["incidents"][1]
    r = client.post(
        f"/incidents/{first['id']}/reviews", data={"analyst": "sana", "note": "read all sources"}, follow_redirects=False
    )
    assert r.status_code == 303
    assert "read all sources" in client.get(r.headers["location"]).text
    ok = client.post(f"/api/incidents/{second['id']}/reviews", json={"analyst": "sana", "note": "checked"})
    assert ok.status_code == 201 and ok.json()["claims_key"]
    after = client.get("/api/incidents", params={"flagged": True, "sort": "review"}).json()
    assert after["total"] == queue["total"] - 2
    assert {first["id"], second["id"]}.isdisjoint(i["id"] for i in after["incidents"])
    assert client.get(f"/api/incidents/{first['id']}").json()["reviews"][0]["actor"] == "sana"
    assert client.post(f"/api/incidents/{first['id']}/reviews", json={"analyst": "sana", "note": " "}).status_code == 400
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "link"]).exit_code == 0
    assert client.get("/api/incidents", params={"flagged": True}).json()["total"] == after["total"]
    log = runner.invoke(cli, ["--db", db, "audit", "log", "--json"]).output
    assert log.count('"incidents.review"') == 2 and runner.invoke(cli, ["--db", db, "audit", "verify"]).exit_code == 0
    # a further report with a different toll joins the first incident: it is not what was checked, so it is back
    day, place = first["date"]["start"], first["location"]["name"]
    human = dt.date.fromisoformat(day).strftime("%d %B %Y")
    more = f"---\noutlet: Another Outlet\npublished: {day}\n---\nAttackers killed 14 passengers near {place} on {human}, police said.\n"
    (tmp_path / "more.md").write_text(more, encoding="utf-8")
    assert runner.invoke(cli, ["--db", db, "ingest", "-q", str(tmp_path / "more.md")]).exit_code == 0
    assert runner.invoke(cli, ["--db", db, "link"]).exit_code == 0
    again = client.get("/api/incidents", params={"flagged": True}).json()["incidents"]
    assert first["id"] in [i["id"] for i in again]  # the new, different toll is flagged, and nobody has checked it
    assert client.get(f"/api/incidents/{first['id']}").json()["reviews"] == []


def test_map_and_downloads_cover_the_whole_filtered_selection(client: TestClient) -> None:
    # exercises: /map plots the filtered incidents with links; /api/export downloads every page in each format
    listed = client.get("/api/incidents", params={"country": "PK"}).json()
    placed = [i["id"] for i in listed["incidents"] if i["location"] and i["location"]["lat"] is not None]
    page = client.get("/map", params={"country": "PK"})
    assert page.status_code == 200 and page.text.count("<circle") == len(placed) > 0
    assert all(f'href="/incidents/{i}"' in page.text for i in placed)
    geo = client.get("/api/export", params={"country": "PK", "format": "geojson"})
    assert geo.headers["content-type"].startswith("application/geo+json")
    assert "attachment" in geo.headers["content-disposition"]
    assert sorted(f["properties"]["incident_id"] for f in geo.json()["features"]) == sorted(placed)
    csv_text = client.get("/api/export", params={"country": "PK", "format": "csv"}).text
    assert len(csv_text.strip().splitlines()) == listed["total"] + 1
    parquet = client.get("/api/export", params={"format": "parquet"})
    assert parquet.status_code == 200 and parquet.content[:4] == b"PAR1"
    assert client.get("/api/export", params={"format": "xml"}).json()["error"]["where"] == "query.format"
    assert "/api/export?" in client.get("/incidents", params={"country": "PK"}).text


def test_merge_and_split_from_the_incident_page(client: TestClient, tmp_path: Path) -> None:
    # exercises: the merge and split forms and their JSON twins; audited, re-linked at once, errors name the problem
    quetta = client.get("/api/incidents", params={"since": "2013-01-10", "until": "2013-01-10"}).json()["incidents"]
    a, b = quetta[0], quetta[1]
    form = {"analyst": "zara", "reason": "one attack reported twice", "others": b["id"]}
    r = client.post(f"/incidents/{a['id']}/merge", data=form, follow_redirects=False)
    assert r.status_code == 303 and "relinked=1" in r.headers["location"]
    merged_id = r.headers["location"].split("/incidents/")[1].split("?")[0]
    merged = client.get(f"/api/incidents/{merged_id}").json()["incident"]
    assert set(a["claim_ids"]) | set(b["claim_ids"]) == set(merged["claim_ids"])
    out = client.post(
        f"/api/incidents/{merged_id}/split", json={"analyst": "zara", "reason": "two blasts", "claim_ids": b["claim_ids"]}
    )
    assert out.status_code == 200
    apart = client.get(f"/api/incidents/{out.json()['incident_id']}").json()["incident"]
    assert set(apart["claim_ids"]) == set(b["claim_ids"])
    log = CliRunner().invoke(cli, ["--db", str(tmp_path / "s.db"), "audit", "log", "--json"]).output
    assert log.count('"incidents.merge"') == 1 and log.count('"incidents.split"') == 1 and '"zara"' in log
    decided = client.get("/api/decisions").json()  # the merge's pairs across the split are replaced by it
    apart_ids = set(apart["claim_ids"])
    across = [
        d for d in decided if d["reason"] == "one attack reported twice" and len({d["claim_a"], d["claim_b"]} & apart_ids) == 1
    ]
    assert len(across) == len(a["claim_ids"]) * len(b["claim_ids"]) and all(d["status"] == "replaced" for d in across)
    assert all(d["status"] == "in_force" for d in decided if d["reason"] == "two blasts")
    assert {d["reason"] for d in client.get("/api/decisions", params={"status": "replaced"}).json()} == {
        "one attack reported twice"
    }
    assert client.get("/api/decisions", params={"status": "gone"}).status_code == 422  # the statuses saboot decisions knows:
    [status] = client.get("/openapi.json").json()["paths"]["/api/decisions"]["get"]["parameters"]
    assert tuple(status["schema"]["anyOf"][0]["enum"]) == lineage.STATUSES
    shown = client.get(f"/api/incidents/{apart['id']}").json()["decisions"]  # those on its reports, on its page too
    assert {d["status"] for d in shown} == {"replaced", "in_force"} and all(d["claim_a"] and d["why"] for d in shown)
    page = client.get(f"/incidents/{apart['id']}").text
    assert "two blasts [in_force: applies]" in page and "[replaced: replaced by decision" in page
    bad = client.post(f"/api/incidents/{apart['id']}/split", json={"analyst": "zara", "reason": "x", "claim_ids": ["c-nope"]})
    assert bad.status_code == 400 and "not claims of" in bad.json()["error"]["message"]
    alone = client.post(f"/api/incidents/{apart['id']}/merge", json={"analyst": "zara", "reason": "x", "others": apart["id"]})
    assert alone.status_code == 400 and "two or more" in alone.json()["error"]["message"]


def test_withdrawing_a_merge_lets_the_linker_judge_again(client: TestClient, tmp_path: Path) -> None:
    # exercises: the withdraw form and its JSON twin; the merge's decisions are replaced, the claims part as before
    quetta = client.get("/api/incidents", params={"since": "2013-01-10", "until": "2013-01-10"}).json()["incidents"]
    a, b = quetta[0], quetta[1]
    assert "Withdraw the decisions" not in client.get(f"/incidents/{a['id']}").text  # nothing decided yet
    body = {"analyst": "zara", "reason": "one attack reported twice", "others": b["id"]}
    merged = client.post(f"/api/incidents/{a['id']}/merge", json=body).json()["incident_id"]
    assert "Withdraw the decisions" in client.get(f"/incidents/{merged}").text
    form = {"analyst": "zara", "reason": "two blasts after all"}
    r = client.post(f"/incidents/{merged}/withdraw", data=form, follow_redirects=False)
    assert r.status_code == 303 and "relinked=1" in r.headers["location"]
    again = client.get("/api/incidents", params={"since": "2013-01-10", "until": "2013-01-10"}).json()["incidents"]
    assert sorted(sorted(i["claim_ids"]) for i in again) == sorted(sorted(i["claim_ids"]) for i in quetta)
    decided = client.get("/api/decisions").json()
    assert {d["kind"] for d in decided if d["status"] == "replaced"} == {"must_link"}
    assert {d["kind"] for d in decided if d["status"] == "in_force"} == {"withdrawn"}
    none = client.post(f"/api/incidents/{a['id']}/withdraw", json={"analyst": "zara", "reason": "x"})
    assert none.status_code == 400 and "no analyst's link decision is in force" in none.json()["error"]["message"]
    log = CliRunner().invoke(cli, ["--db", str(tmp_path / "s.db"), "audit", "log", "--json"]).output
    assert log.count('"incidents.withdraw"') == 1


def test_relinking_from_the_workbench_carries_a_correction_into_the_incident(client: TestClient) -> None:
    # exercises: POST /api/link after a correction; the incident then shows the analyst's value with its reason
    claim = _a_claim(client)
    body = {"analyst": "omar", "reason": "final hospital count", "count_field": "killed", "low": 30, "best": 33, "high": 35}
    assert client.post(f"/api/claims/{claim['id']}/decisions", json=body).status_code == 201
    [before] = [i for i in client.get("/api/incidents").json()["incidents"] if claim["id"] in i["claim_ids"]]
    assert 33 not in [v["best"] for v in before["killed"]["sources"]]  # incidents change only when re-linked
    summary = client.post("/api/link", json={"analyst": "omar"})
    assert summary.status_code == 200 and summary.json()["incidents"] > 0
    [inc] = [i for i in client.get("/api/incidents").json()["incidents"] if claim["id"] in i["claim_ids"]]
    assert [v["best"] for v in inc["killed"]["sources"] if v["claim_id"] == claim["id"]] == [33]
    nameless = client.post("/api/link", json={"analyst": ""})  # no accounts: the typed name is the only attribution
    assert nameless.status_code == 400 and nameless.json()["error"]["where"] == "analyst"


def _mastung_and_a_date_correction(client: TestClient) -> tuple[list[str], str]:
    [mastung] = client.get("/api/incidents", params={"q": "mastung", "min_sources": 2}).json()["incidents"]
    return mastung["claim_ids"], mastung["id"]


def _incident_of(client: TestClient, claim_id: str) -> dict[str, Any]:
    return next(i for i in client.get("/api/incidents").json()["incidents"] if claim_id in i["claim_ids"])


def _move_to_1999(client: TestClient, claim_id: str) -> None:
    body = {"analyst": "zara", "reason": "date misread", "date_start": "1999-01-01"}
    assert client.post(f"/api/claims/{claim_id}/decisions", json=body).status_code == 201
    assert client.post("/api/link", json={"analyst": "zara"}).status_code == 200


def test_a_far_date_correction_alone_pulls_a_claim_out(client: TestClient) -> None:
    # the control for the test below: without a confirmed link, the linker separates the corrected claim
    claims, _ = _mastung_and_a_date_correction(client)
    _move_to_1999(client, claims[-1])
    assert _incident_of(client, claims[-1])["claim_ids"] == [claims[-1]]


def test_confirmed_links_hold_and_claims_can_be_accepted(client: TestClient, tmp_path: Path) -> None:
    # exercises: the "Confirm the links" form and its JSON twin; "accept" decisions on claims
    claims, incident_id = _mastung_and_a_date_correction(client)
    form = {"analyst": "zara", "reason": "all four report the 20 September bus attack"}
    r = client.post(f"/incidents/{incident_id}/confirm", data=form, follow_redirects=False)
    assert r.status_code == 303 and "relinked=1" in r.headers["location"]
    _move_to_1999(client, claims[-1])
    assert set(_incident_of(client, claims[-1])["claim_ids"]) == set(claims)  # kept together by the confirmed links
    log = CliRunner().invoke(cli, ["--db", str(tmp_path / "s.db"), "audit", "log", "--json"]).output
    assert log.count('"incidents.confirm"') == 1
    accepted = client.post(f"/api/claims/{claims[0]}/decisions", json={"analyst": "zara", "reason": "checked", "accept": True})
    assert accepted.status_code == 201 and accepted.json()["field"] == "accept"
    both = client.post(f"/api/claims/{claims[0]}/decisions", json={"analyst": "z", "reason": "r", "accept": True, "reject": True})
    assert both.status_code == 400 and "exactly one kind" in both.json()["error"]["message"]
    single = next(i for i in client.get("/api/incidents").json()["incidents"] if len(i["claim_ids"]) == 1)
    lone = client.post(f"/api/incidents/{single['id']}/confirm", json={"analyst": "zara", "reason": "x"})
    assert lone.status_code == 400 and "no link to confirm" in lone.json()["error"]["message"]


def test_no_page_loads_anything_from_another_site(client: TestClient) -> None:
    # the workbench works offline: no script, style or image from a CDN, on any page (FastAPI's /docs would load one)
    [inc] = client.get("/api/incidents", params={"q": "mastung", "min_sources": 2}).json()["incidents"]
    doc = inc["sources"][0]["document_id"]
    pages = ["/incidents", f"/incidents/{inc['id']}", f"/documents/{doc}", "/documents", "/timeline", "/map", "/api",
             "/ingest", "/sensitive", "/login"]  # fmt: skip
    for path in pages:
        html = client.get(path).text
        assert not re.search(r'<(?:script|link|img|image)[^>]*(?:src|href)="(?:https?:)?//', html), path
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    listing = client.get("/api").text
    assert "/api/incidents/{incident_id}" in listing and "/openapi.json" in listing


def test_relinking_from_the_workbench_keeps_the_last_runs_threshold_and_ratings(client: TestClient, tmp_path: Path) -> None:
    ratings = tmp_path / "ratings.toml"
    ratings.write_text('[[outlet]]\nname = "Dawn"\nreliability = "A"\n', encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert CliRunner().invoke(cli, ["--db", db, "link", "--threshold", "0.95", "--ratings", str(ratings)]).exit_code == 0
    ratings.unlink()  # the re-link must not need the file: the ledger recorded the ratings
    assert client.post("/api/link", json={"analyst": "zara"}).status_code == 200
    log = json.loads(CliRunner().invoke(cli, ["--db", db, "audit", "log", "--json"]).output)
    last = [e for e in log if e["action"] == "incidents.link"][-1]["payload"]
    assert last["threshold"] == 0.95 and last["ratings"].endswith("+ratings.toml")
    assert last["spec"].startswith("link-spec.v")  # which specification scored the pairs
    dawn = [s for i in client.get("/api/incidents").json()["incidents"] for s in i["sources"] if s["outlet"] == "Dawn"]
    assert dawn and all(s["reliability"] == "A" for s in dawn)


def test_the_relink_notice_says_what_was_moved_scored_and_built(client: TestClient) -> None:
    # what the "Re-link now" form redirects to after a re-link confined to the claims the changes can move
    told = {"flagged": "true", "linked": 29, "moved": 5, "scored": 1, "built": 1}
    page = client.get("/incidents", params=told).text
    assert "Re-linked the 5 of the 29 claims that the changes since the last link run can move" in page
    assert "scoring only the 1 new or changed claim(s)" in page and "and building 1 of their incidents anew" in page


def test_the_incident_page_lists_the_people_named_apart_from_the_groups(tmp_path: Path) -> None:
    # rules.v12: an incident's people (Incident.people), shown on its page and in its JSON, not among the groups
    report = (
        "---\noutlet: Daily A\npublished: 2022-03-15\n---\nHafeez Baloch, a Hazara schoolteacher, was picked up by "
        "security forces from his home in Khuzdar on Saturday night, his family said.\n"
    )
    client = TestClient(create_app(str(corpus_store(tmp_path, {"taken.md": report}))))
    [taken] = client.get("/api/incidents", params={"q": "khuzdar"}).json()["incidents"]
    assert (taken["people"], taken["victims"]) == (["Hafeez Baloch"], ["Hazara"])
    assert '<td>people named</td><td colspan="4">Hafeez Baloch</td>' in client.get(f"/incidents/{taken['id']}").text
