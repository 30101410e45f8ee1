"""The workbench's pages and JSON API share one data path; reports' text is
shown as text, never run; one error shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from saboot.cli import cli
from saboot.errors import SabootError
from saboot.web.app import check_host, create_app
from tests.conftest import CORPUS

HOSTILE = (
    "---\ntitle: <script>alert('t')</script> Quetta report\noutlet: X\n---\n"
    "Gunmen killed 7 people in Quetta on 5 May 2014. <img src=x onerror=alert(1)> said police.\n"
)


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    db = tmp_path / "s.db"
    (tmp_path / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "ingest", "-q", str(CORPUS), str(tmp_path / "hostile.md")]).exit_code == 0
    assert runner.invoke(cli, ["--db", str(db), "link"]).exit_code == 0
    return TestClient(create_app(str(db)))


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


def test_serve_refuses_non_loopback_without_accounts() -> None:
    check_host("127.0.0.1")
    with pytest.raises(SabootError, match="localhost"):
        check_host("0.0.0.0")


def test_out_of_range_numbers_are_client_errors(client: TestClient) -> None:
    # found by schemathesis: integers too large for SQLite gave a 500
    assert client.get("/api/documents", params={"page": 16166951110503156233012743503872}).status_code == 422
    assert client.get("/api/incidents", params={"min_sources": 36893488147419103231}).status_code == 422
