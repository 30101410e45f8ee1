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
from tests.conftest import CORPUS, ROOT, SEEDS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.e2e


PASSWORD = "end to end passphrase"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """An empty store with an analyst and a viewer account, served on loopback."""
    if CHROMIUM is None:
        pytest.skip("no chromium on this machine: run `make e2e` to install Debian's chromium")
    pytest.importorskip("playwright", reason="playwright is not installed: run `make e2e`")
    db = tmp_path_factory.mktemp("e2e") / "s.db"
    runner = CliRunner()
    for name, role in (("amina", "analyst"), ("victor", "viewer")):
        added = runner.invoke(cli, ["--db", str(db), "users", "add", name, "--role", role, "--password-stdin"], input=PASSWORD)
        assert added.exit_code == 0, added.output
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "saboot.cli", "--db", str(db), "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(base + "/login", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield base, db
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def page(server: tuple[str, Path]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser.new_page(viewport={"width": 1280, "height": 1400})
        browser.close()


def log_in(page: Any, base: str, name: str) -> None:
    page.goto(base + "/incidents")  # redirected to the login form
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Log in')")
    page.wait_for_selector("header .who")
    assert page.url.endswith("/incidents") and name in page.inner_text("header")


def upload_reports(page: Any, base: str) -> None:
    """The seeds (when ../shared is here) and the example corpus, through the upload form, then a re-link."""
    files = sorted(p for p in SEEDS.glob("*.txt")) + sorted(p for p in CORPUS.iterdir() if p.is_file())
    page.click("header >> text=Upload")
    page.set_input_files("input[name=files]", [str(f) for f in files])
    page.click("button:has-text('Upload')")
    page.wait_for_selector("#outcomes")
    status = page.inner_text("#status")
    assert status.startswith(f"{len(files) + 1} stored") and status.endswith("0 failed"), status  # wire.jsonl has 2 rows
    assert int(page.get_attribute("#progress", "value")) == 100
    page.screenshot(path=str(ARTIFACTS / "upload.png"), full_page=True)
    page.click("button:has-text('Re-link now')")
    page.wait_for_url("**/incidents?flagged=true&sort=review&linked=*")
    assert "Re-linked all" in page.inner_text("body")  # what the re-link did


def open_mastung(page: Any, base: str) -> None:
    page.goto(base + "/incidents")
    page.fill("input[name=q]", "Mastung")
    page.fill("input[name=min_sources]", "2")
    page.click("text=Filter")
    page.click("table a:has-text('Mastung')")
    page.wait_for_selector("h1")
    assert "Mastung" in page.inner_text("h1")


def correct_first_killed_claim(page: Any) -> None:
    """From the incident page, open its first source and set that source's claim's killed to 26/27/28."""
    claim_id = page.get_attribute("input[name=claim_ids] >> nth=0", "value")  # the split form lists the claims by source
    page.click("h3 a >> nth=0")
    page.wait_for_selector("#claims")
    claim = page.locator(f"div[id='claim-{claim_id}']")
    claim.locator("summary").click()
    claim.locator("input[name=reason]").fill("checked against the hospital list")
    claim.locator("select[name=count_field]").select_option("killed")
    for box, value in (("low", "26"), ("best", "27"), ("high", "28")):
        claim.locator(f"input[name={box}]").fill(value)
    claim.locator("text=Record decision").click()
    page.wait_for_selector(".notice")
    decided = page.inner_text(f"div[id='claim-{claim_id}']")
    assert "checked against the hospital list" in decided and "amina" in decided
    page.screenshot(path=str(ARTIFACTS / "decision-recorded.png"), full_page=True)


def test_analyst_uploads_reviews_corrects_and_exports(server: tuple[str, Path], page: Any) -> None:
    base, db = server
    log_in(page, base, "amina")
    upload_reports(page, base)
    open_mastung(page, base)
    assert page.locator("mark").count() >= 8
    body = page.inner_text("body")
    for outlet in ("Dawn", "BBC News", "The Express Tribune", "Al Jazeera"):
        assert outlet in body
    assert "26" in page.inner_text("table >> nth=0")  # every source's killed value sits beside its quote
    page.screenshot(path=str(ARTIFACTS / "incident-page.png"), full_page=True)
    page.click("summary:has-text('Mark reviewed')")
    page.fill("form[action$='/reviews'] input[name=note]", "read every source")
    page.click("button:has-text('Mark reviewed')")
    page.wait_for_selector("p.notice")
    assert "Reviewed" in page.inner_text("body") and "by amina" in page.inner_text("body")
    correct_first_killed_claim(page)
    page.click("button:has-text('Re-link now')")
    page.wait_for_url("**/incidents?flagged=true&sort=review&linked=*")
    runner = CliRunner()  # the correction must survive re-extraction and re-linking from the command line
    assert runner.invoke(cli, ["--db", str(db), "extract"]).exit_code == 0
    assert runner.invoke(cli, ["--db", str(db), "link"]).exit_code == 0
    open_mastung(page, base)
    assert ": 26/27/28 —" in page.inner_text("table >> nth=0"), "the correction did not survive `saboot extract` + `link`"
    page.goto(base + "/incidents?country=PK")
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


def test_a_viewer_sees_no_analyst_actions(server: tuple[str, Path], page: Any) -> None:
    base, _ = server
    log_in(page, base, "victor")
    assert "Upload" not in page.inner_text("header")
    page.goto(base + "/ingest")
    assert "may not ingest reports" in page.inner_text("body")
    page.goto(base + "/incidents")
    if page.locator("table a").count():
        page.click("table a >> nth=0")
        page.wait_for_selector("h1")
        assert page.locator("form[method=post]").count() == 1  # only "Log out"
    page.click("button:has-text('Log out')")
    page.wait_for_selector("input[name=password]")
