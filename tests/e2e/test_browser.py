"""End to end in a real headless Chromium (Debian's package, driven by
Playwright; never downloaded by Playwright). Run with `make e2e`, which
installs both; skipped when either is missing. Screenshots are saved to
test-artifacts/."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from saboot.cli import cli
from tests.conftest import CORPUS, ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if CHROMIUM is None:
        pytest.skip("no chromium on this machine: run `make e2e` to install Debian's chromium")
    pytest.importorskip("playwright", reason="playwright is not installed: run `make e2e`")
    db = tmp_path_factory.mktemp("e2e") / "s.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "ingest", "-q", str(CORPUS)]).exit_code == 0
    assert runner.invoke(cli, ["--db", str(db), "link"]).exit_code == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "saboot.cli", "--db", str(db), "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(base + "/api/incidents", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def page(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser.new_page(viewport={"width": 1280, "height": 1400})
        browser.close()


def test_find_the_mastung_incident_and_its_quotes(server: str, page: Any) -> None:
    page.goto(server + "/incidents")
    page.fill("input[name=q]", "Mastung")
    page.fill("input[name=min_sources]", "2")
    page.click("text=Filter")
    page.click("table a:has-text('Mastung')")
    page.wait_for_selector("h1")
    assert "Mastung" in page.inner_text("h1")
    marks = page.locator("mark")
    assert marks.count() >= 8
    body = page.inner_text("body")
    for outlet in ("Dawn", "BBC News", "The Express Tribune", "Al Jazeera"):
        assert outlet in body
    page.screenshot(path=str(ARTIFACTS / "incident-page.png"), full_page=True)
    page.goto(server + "/documents")
    page.screenshot(path=str(ARTIFACTS / "documents.png"))
    page.goto(server + "/incidents?country=PK")
    page.click("text=Timeline of these incidents")
    assert page.locator("svg rect").count() >= 10
    page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)
    page.click("header >> text=Map")
    assert page.locator("svg circle").count() >= 5
    page.screenshot(path=str(ARTIFACTS / "map.png"), full_page=True)
    with page.expect_download() as download:
        page.click("a:text-is('geojson')")
    geo = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) >= 5
    assert (ARTIFACTS / "incident-page.png").stat().st_size > 10_000


def test_correct_a_claim_from_the_review_queue(server: str, page: Any) -> None:
    page.goto(server + "/incidents")
    page.click("header >> text=Review queue")
    assert page.inner_text("h1") == "Review queue"
    page.click("table a >> nth=0")
    page.click("summary:has-text('Mark reviewed')")
    page.fill("form[action$='/reviews'] input[name=analyst]", "e2e analyst")
    page.fill("form[action$='/reviews'] input[name=note]", "read every source")
    page.click("button:has-text('Mark reviewed')")
    page.wait_for_selector("p.notice")
    assert "Reviewed" in page.inner_text("body") and "read every source" in page.inner_text("body")
    page.click("h3 a >> nth=0")
    page.wait_for_selector("#claims")
    claim = page.locator("div.claim").first
    claim.locator("summary").click()
    claim.locator("input[name=analyst]").fill("e2e analyst")
    claim.locator("input[name=reason]").fill("checked against the hospital list")
    claim.locator("select[name=count_field]").select_option("killed")
    claim.locator("input[name=best]").fill("12")
    claim.locator("text=Record decision").click()
    page.wait_for_selector(".notice")
    assert "checked against the hospital list" in page.inner_text("div.claim >> nth=0")
    page.screenshot(path=str(ARTIFACTS / "decision-recorded.png"), full_page=True)
    page.fill(".notice input[name=analyst]", "e2e analyst")
    page.click("text=Re-link now")
    page.wait_for_selector("h1")
    assert page.inner_text("h1") == "Review queue"
