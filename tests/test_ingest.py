"""Ingestion: formats, provenance, duplicates, bad input, resumability."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from saboot.cli import cli
from saboot.errors import FetchError
from saboot.ingest.fetch import Fetched, OfflineFetcher
from saboot.ingest.pipeline import IngestOptions, Ingestor
from saboot.store import DocumentFilter, SQLiteStore
from tests.makefiles import ARTICLE_HTML, make_docx, make_pdf


def run(db: Path, *args: str, input: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], input=input)
    return result.exit_code, result.output


def test_seeds_twice_store_five_documents_once(seeds: Path, db_path: Path, tmp_path: Path) -> None:
    # exercises: content addressing, exact-duplicate skipping, stored text
    files = sorted(str(p) for p in seeds.glob("0*.txt"))
    assert run(db_path, "ingest", *files)[0] == 0
    code, out = run(db_path, "ingest", *files)
    assert code == 0 and "0 stored, 5 already stored" in out
    code, out = run(db_path, "documents", "--json")
    docs = json.loads(out)
    assert len(docs) == 5
    for doc in docs:
        raw = Path(doc["path"]).read_bytes()
        assert doc["sha256"] == hashlib.sha256(raw).hexdigest()
        assert {"id", "sha256", "path", "url", "title", "outlet", "published", "near_duplicate_of"} <= doc.keys()
    one = json.loads(run(db_path, "document", docs[0]["id"], "--json")[1])
    assert one["text"] == unicodedata.normalize("NFC", Path(one["path"]).read_bytes().decode("utf-8"))
    assert len(one["sightings"]) == 1
    copy = tmp_path / "copy.txt"
    copy.write_bytes(Path(one["path"]).read_bytes())
    assert "already stored" in run(db_path, "ingest", str(copy))[1]
    one = json.loads(run(db_path, "document", docs[0]["id"], "--json")[1])
    assert [s["location"] for s in one["sightings"]] == [one["path"], str(copy)]


def test_dateline_gives_publication_date(seeds: Path, store: SQLiteStore) -> None:
    # exercises: a date at the head of the text is taken as a dateline
    outcome = next(Ingestor(store).ingest([str(seeds / "001_72d2db6ddf077502.txt")]))
    doc = store.get_document(outcome.document_id or "")
    assert (doc.published, doc.provenance.published_method) == ("2024-08-01", "dateline")


def test_html_page_gives_text_and_metadata(tmp_path: Path, store: SQLiteStore) -> None:
    page = tmp_path / "article.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    outcome = next(Ingestor(store).ingest([str(page)]))
    assert outcome.status == "stored", outcome.reason
    doc = store.get_document(outcome.document_id or "")
    assert "twenty-six people" in doc.text and "Copyright notice" not in doc.text
    assert doc.title == "Gunmen kill pilgrims near Mastung"
    assert doc.outlet == "The Example Herald"
    assert doc.author == "Staff Reporter"
    assert doc.published == "2011-09-21" and doc.provenance.published_method == "metadata"
    assert doc.language == "en"
    assert store.read_blob(doc.sha256) == page.read_bytes()


def test_pdf_built_in_test_gives_text_and_metadata(tmp_path: Path, store: SQLiteStore) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(make_pdf(["Twenty-six pilgrims were killed near Mastung.", "Three more died later."],
                             title="Mastung report", author="Field Desk", created="20110922120000"))  # fmt: skip
    outcome = next(Ingestor(store).ingest([str(pdf)]))
    assert outcome.status == "stored", outcome.reason
    doc = store.get_document(outcome.document_id or "")
    assert "Twenty-six pilgrims were killed near Mastung." in doc.text
    assert (doc.title, doc.author, doc.published) == ("Mastung report", "Field Desk", "2011-09-22")
    assert doc.media_type == "application/pdf"


def test_docx_gives_text_and_metadata(tmp_path: Path, store: SQLiteStore) -> None:
    path = tmp_path / "note.docx"
    path.write_bytes(
        make_docx(["Nine passengers were killed near Chilas.", "Police said so."], title="Chilas note", author="Desk")
    )
    outcome = next(Ingestor(store).ingest([str(path)]))
    doc = store.get_document(outcome.document_id or "")
    assert "Nine passengers were killed near Chilas." in doc.text
    assert (doc.title, doc.author) == ("Chilas note", "Desk")


def test_bad_batch_stores_good_ones_and_names_each_bad_one(tmp_path: Path, db_path: Path) -> None:
    # exercises: per-document failure isolation, reasons, exit code, nothing lost
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "a_good.txt").write_text("Gunmen killed four people in Quetta on Monday, police said.", encoding="utf-8")
    (batch / "b_binary.bin").write_bytes(bytes(range(256)) * 8)
    (batch / "c_empty.txt").write_bytes(b"")
    (batch / "d_latin1.txt").write_bytes("Caf\xe9 attack in Karachi".encode("latin-1"))
    (batch / "e_truncated.pdf").write_bytes(make_pdf(["A report that was cut off."])[:200])
    with open(batch / "f_huge.txt", "wb") as fh:  # a sparse 200 MB file: cheap to make, over the limit
        fh.truncate(200 * 1024 * 1024)
    (batch / "g_good.md").write_text("# Second report\n\nA bomb injured nine people in Peshawar.", encoding="utf-8")
    assert run(db_path, "ingest", str(batch / "a_good.txt"))[0] == 0
    code, out = run(db_path, "ingest", "--json", str(batch))
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines() if line.startswith('{"location')]
    by_name = {Path(o["location"]).name: o for o in lines}
    assert by_name["a_good.txt"]["status"] == "duplicate"
    assert by_name["g_good.md"]["status"] == "stored"
    assert "binary" in by_name["b_binary.bin"]["reason"]
    assert "empty" in by_name["c_empty.txt"]["reason"]
    assert "not valid UTF-8" in by_name["d_latin1.txt"]["reason"] and "--encoding" in by_name["d_latin1.txt"]["reason"]
    assert "PDF" in by_name["e_truncated.pdf"]["reason"]
    assert "limit" in by_name["f_huge.txt"]["reason"]
    assert all(str(batch) in o["reason"] for o in lines if o["status"] == "failed")
    docs = json.loads(run(db_path, "documents", "--json")[1])
    assert sorted(Path(d["path"]).name for d in docs) == ["a_good.txt", "g_good.md"]
    assert run(db_path, "audit", "verify")[0] == 0
    # the bad Latin-1 file goes in once the user names its encoding
    assert run(db_path, "ingest", "--encoding", "latin-1", str(batch / "d_latin1.txt"))[0] == 0


def test_bulk_jsonl_and_csv_with_column_map(tmp_path: Path, db_path: Path) -> None:
    # exercises: one report per row, --map, bad rows named by file:line, the rest stored
    jsonl = tmp_path / "reports.jsonl"
    jsonl.write_text(
        json.dumps({"text": "Two policemen were shot dead in Quetta.", "outlet": "Outlet A", "published": "2012-05-01"}) + "\n"
        + "{not json\n"
        + json.dumps({"title": "no text here"}) + "\n"
        + json.dumps({"text": "A grenade attack wounded five in Gilgit.", "url": "https://example.org/x"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    code, out = run(db_path, "ingest", str(jsonl))
    assert code == 1
    assert f"{jsonl}:2" in out and "invalid JSON" in out
    assert f"{jsonl}:3" in out and "'text' is missing" in out
    csv_file = tmp_path / "reports.csv"
    csv_file.write_text('body,date,site\n"Four killed, says report, in Kurram.",2013-02-01,Outlet B\n', encoding="utf-8")
    assert run(db_path, "ingest", "--map", "text=body,published=date,outlet=site", str(csv_file))[0] == 0
    docs = {d["outlet"]: d for d in json.loads(run(db_path, "documents", "--json")[1])}
    assert docs["Outlet B"]["published"] == "2013-02-01"
    assert docs["Outlet B"]["provenance"]["container_row"] == 2
    assert docs["Outlet A"]["published"] == "2012-05-01"
    assert len(docs) == 3
    code, out = run(db_path, "ingest", "--map", "txt=body", str(csv_file))
    assert code == 2 and "--map" in out


def test_near_duplicate_is_linked_to_original(tmp_path: Path, store: SQLiteStore) -> None:
    # exercises: a syndicated copy with a different header is marked, not counted as new
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    body = " ".join(f"Sentence {i} of the report says that gunmen attacked a bus near Mastung." for i in range(40))
    (tmp_path / "a.txt").write_text("Outlet A\n\n" + body, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Syndicated by Outlet B\n\n" + body + " Copyright B.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("An unrelated story about a protest in Kargil with thousands present.", encoding="utf-8")
    outcomes = list(Ingestor(store).ingest([str(tmp_path)]))
    a, b, c = outcomes
    assert b.near_duplicate_of == a.document_id
    assert c.near_duplicate_of is None
    assert store.get_document(b.document_id or "").near_duplicate_score >= 0.9  # type: ignore[operator]
    assert [d.id for d in store.list_documents(DocumentFilter(copies_of=a.document_id))] == [b.document_id]


def test_interrupt_mid_batch_leaves_store_consistent_and_rerun_resumes(tmp_path: Path, db_path: Path) -> None:
    # exercises: one transaction per document; Ctrl-C in the middle of a write
    for i in range(5):
        (tmp_path / f"r{i}.txt").write_text(f"Report {i}: {i + 2} people were killed in Quetta.", encoding="utf-8")
    store = SQLiteStore(db_path)
    ingestor = Ingestor(store)
    calls = 0

    def interrupt_third(doc: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt

    ingestor.on_stored.append(interrupt_third)
    files = sorted(str(p) for p in tmp_path.glob("r*.txt"))
    with pytest.raises(KeyboardInterrupt):
        list(ingestor.ingest(files))
    assert store.count_documents() == 2
    store.close()
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert raw.execute("SELECT count(*) FROM blobs").fetchone()[0] == 2
    raw.close()
    code, out = run(db_path, "ingest", *files)
    assert code == 0 and "3 stored, 2 already stored" in out
    assert run(db_path, "audit", "verify")[0] == 0


def test_url_offline_fails_clearly(store: SQLiteStore) -> None:
    outcome = next(Ingestor(store, fetcher=OfflineFetcher()).ingest(["https://example.org/report"]))
    assert outcome.status == "failed" and "offline" in (outcome.reason or "")


def test_url_goes_through_the_fetcher_seam(store: SQLiteStore) -> None:
    class FakeFetcher:
        def fetch(self, url: str, max_bytes: int) -> Fetched:
            if "missing" in url:
                raise FetchError("HTTP 404", where=url)
            return Fetched(url, ARTICLE_HTML.encode(), "text/html")

    outcomes = list(Ingestor(store, fetcher=FakeFetcher()).ingest(["https://example.org/a", "https://example.org/missing"]))
    assert outcomes[0].status == "stored"
    assert store.get_document(outcomes[0].document_id or "").url == "https://example.org/a"
    assert outcomes[1].status == "failed" and "404" in (outcomes[1].reason or "")


def test_stdin_and_command_line_metadata(db_path: Path) -> None:
    code, out = run(db_path, "ingest", "--outlet", "Wire", "--published", "2013-01-11", "-",
                    input=b"Twin blasts in Quetta killed at least 81 people.")  # fmt: skip
    assert code == 0, out
    doc = json.loads(run(db_path, "documents", "--json")[1])[0]
    assert (doc["outlet"], doc["published"], doc["provenance"]["published_method"]) == ("Wire", "2013-01-11", "user")


def test_size_limit_option(tmp_path: Path, store: SQLiteStore) -> None:
    path = tmp_path / "r.txt"
    path.write_text("x " * 600, encoding="utf-8")
    outcome = next(Ingestor(store, IngestOptions(max_bytes=1000)).ingest([str(path)]))
    assert outcome.status == "failed" and "1000 byte limit" in (outcome.reason or "")
