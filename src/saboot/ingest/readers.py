"""Readers: raw bytes of one report → ``ReadResult`` (text + metadata).

One reader per format; ``read_bytes`` sniffs the format from the name and
the bytes. A reader either returns a result or raises ``ReadError`` naming
the reason and the fix — never another exception (property-tested).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from importlib.metadata import version
from typing import Any

from saboot.errors import ReadError
from saboot.ingest.frontmatter import split_front_matter
from saboot.model import ReadResult, ReportMeta

Reader = Callable[[bytes, str, str | None], ReadResult]

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def _lib_version(dist: str) -> str:
    try:
        return version(dist)
    except Exception:  # pragma: no cover - metadata missing in odd installs
        return "unknown"


# -- plain text and Markdown ---------------------------------------------

NEWLINE = b"\n"
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode_text(data: bytes, where: str, encoding: str | None = None) -> str:
    """Decode report bytes. UTF-8 (with or without BOM) and BOM-marked UTF-16
    are recognised; anything else needs an explicit ``--encoding``."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("binary data (NUL bytes), not a text report", where=where, hint="ingest text, HTML, PDF or DOCX files")
    try:
        if encoding:
            text = data.decode(encoding)
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except (UnicodeDecodeError, LookupError) as exc:
        pos = getattr(exc, "start", None)
        at = f" at byte {pos}" if pos is not None else ""
        line = f":{data.count(NEWLINE, 0, pos) + 1}" if pos is not None else ""
        raise ReadError(
            f"not valid {encoding or 'UTF-8'}{at}",
            where=where + line,
            hint="re-encode the file as UTF-8, or pass --encoding (e.g. cp1252) if you know its encoding",
        ) from exc
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > len(sample) * 0.05:
        raise ReadError(
            "binary data (control characters), not a text report", where=where, hint="ingest text, HTML, PDF or DOCX files"
        )
    return text


def read_text(data: bytes, where: str, encoding: str | None = None) -> ReadResult:
    text = decode_text(data, where, encoding)
    meta, body = split_front_matter(text)
    markdown = where.lower().endswith((".md", ".markdown"))
    if meta.title is None and markdown:
        heading = re.search(r"^#\s+(.+)$", body, re.MULTILINE)
        if heading:
            meta = ReportMeta(**{**meta.__dict__, "title": heading.group(1).strip()})
    if meta.title is None:
        meta = ReportMeta(**{**meta.__dict__, "title": _title_line(body)})
    media = "text/markdown" if markdown else "text/plain"
    return ReadResult(text=body, media_type=media, reader="text.v1", meta=meta)


def _title_line(body: str) -> str | None:
    """A plain-text report's first line is its title when it reads like one:
    short, and not a sentence."""
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")
    if 0 < len(first) <= 120 and not first.endswith((".", ",", ";", ":")) and len(first.split()) <= 16:
        return first.lstrip("# ").strip() or None
    return None


# -- HTML ------------------------------------------------------------------


def read_html(data: bytes, where: str, encoding: str | None = None) -> ReadResult:
    html = decode_html(data, where, encoding)
    try:
        import trafilatura

        found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
        doc: dict[str, Any] = {} if found is None else found if isinstance(found, dict) else found.as_dict()
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise ReadError(f"could not parse HTML: {exc}", where=where, hint="check the file is an HTML page") from exc
    text = doc.get("text") or ""
    if not text.strip():
        raise ReadError(
            "no main text found in the HTML page", where=where, hint="save the article page itself, not an index page"
        )
    lang = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z-]+)", html[:4096], re.IGNORECASE)
    meta = ReportMeta(
        title=doc.get("title") or None,
        author=doc.get("author") or None,
        outlet=doc.get("sitename") or doc.get("hostname") or None,
        published=doc.get("date") or None,
        language=doc.get("language") or (lang.group(1) if lang else None),
        url=doc.get("url") or None,
    )
    return ReadResult(text=str(text), media_type="text/html", reader=f"html.trafilatura@{_lib_version('trafilatura')}", meta=meta)


def decode_html(data: bytes, where: str, encoding: str | None) -> str:
    if encoding is None:
        declared = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.IGNORECASE)
        if declared:
            encoding = declared.group(1).decode("ascii")
            try:
                "".encode(encoding)
            except LookupError:
                encoding = None
    return decode_text(data, where, encoding)


# -- PDF -------------------------------------------------------------------


def read_pdf(data: bytes, where: str, encoding: str | None = None) -> ReadResult:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise ReadError(
            f"damaged or truncated PDF ({type(exc).__name__}: {exc})", where=where, hint="re-download the PDF or export it again"
        ) from exc
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise ReadError(
            "the PDF has no extractable text (scanned image?)", where=where, hint="run OCR on it first and ingest the text"
        )
    meta = ReportMeta(
        title=_pdf_str(info, "/Title"),
        author=_pdf_str(info, "/Author"),
        published=_pdf_date(info),
    )
    return ReadResult(text=text, media_type="application/pdf", reader=f"pdf.pypdf@{_lib_version('pypdf')}", meta=meta)


def _pdf_str(info: object, key: str) -> str | None:
    try:
        value = info.get(key) if info is not None else None  # type: ignore[attr-defined]
    except Exception:
        return None
    return str(value).strip() or None if value else None


def _pdf_date(info: object) -> str | None:
    raw = _pdf_str(info, "/CreationDate")
    match = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", raw or "")
    return f"{match.group(1)}-{match.group(2)}-{match.group(3)}" if match else None


# -- DOCX ------------------------------------------------------------------


def read_docx(data: bytes, where: str, encoding: str | None = None) -> ReadResult:
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        text = "\n\n".join(p.text for p in document.paragraphs)
        props = document.core_properties
        created = props.created
    except Exception as exc:  # python-docx raises many kinds on damaged files
        raise ReadError(
            f"damaged DOCX file ({type(exc).__name__}: {exc})", where=where, hint="open and re-save it in a word processor"
        ) from exc
    if not text.strip():
        raise ReadError("the DOCX file has no text", where=where, hint="check that it is the report, not an empty template")
    meta = ReportMeta(
        title=props.title or None,
        author=props.author or None,
        published=created.date().isoformat() if created else None,
        language=props.language or None,
    )
    return ReadResult(
        text=text,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        reader=f"docx.python-docx@{_lib_version('python-docx')}",
        meta=meta,
    )


# -- dispatch --------------------------------------------------------------

READERS: dict[str, Reader] = {"text": read_text, "html": read_html, "pdf": read_pdf, "docx": read_docx}


def sniff(data: bytes, name: str) -> str:
    """The reader for these bytes: magic numbers first, then the suffix."""
    lower = name.lower()
    if data.startswith(b"%PDF-") or lower.endswith(".pdf"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or lower.endswith(".docx"):
        return "docx" if _is_docx(data) or lower.endswith(".docx") else "text"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith(TEXT_SUFFIXES):
        return "text"
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False


def read_bytes(data: bytes, name: str, encoding: str | None = None) -> ReadResult:
    """Read one report's bytes with the reader its format calls for."""
    if not data.strip():
        raise ReadError("empty file", where=name, hint="remove it from the batch or fill it")
    return READERS[sniff(data, name)](data, name, encoding)
