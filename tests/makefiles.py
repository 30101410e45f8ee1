"""Build small PDF, DOCX and HTML files in tests (no fixtures from outside)."""

from __future__ import annotations

import io


def make_pdf(lines: list[str], title: str = "", author: str = "", created: str = "") -> bytes:
    """A minimal valid one-page PDF with Helvetica text and an Info dictionary."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 11 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        ops.append(f"({esc(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    info = f"<< /Title ({esc(title)}) /Author ({esc(author)}) /CreationDate (D:{created}) >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        info.encode("latin-1"),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def make_docx(paragraphs: list[str], title: str = "", author: str = "") -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    document.core_properties.title = title
    document.core_properties.author = author
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


ARTICLE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Gunmen kill pilgrims near Mastung | The Example Herald</title>
<meta property="og:site_name" content="The Example Herald">
<meta property="og:title" content="Gunmen kill pilgrims near Mastung">
<meta name="author" content="Staff Reporter">
<meta property="article:published_time" content="2011-09-21T06:00:00+05:00">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Gunmen kill pilgrims near Mastung</h1>
<p>QUETTA: Gunmen stopped a bus carrying pilgrims near Mastung on Tuesday, made the passengers get off and
shot them, killing twenty-six people, officials said.</p>
<p>Three more people died when a car carrying relatives to the scene was fired on, police said.</p>
<p>This test page is written for saboot's test suite and restates widely reported facts.</p>
</article>
<footer>Copyright notice and links</footer>
</body></html>
"""
