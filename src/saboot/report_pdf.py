"""The dossier as PDF (ReportLab), from the same :class:`~saboot.report.Dossier`
as the HTML: summary, timeline and map (the same SVG, converted by svglib),
each incident with its quotes and citations, discrepancies and reference
matches, the methods, and the audit chain head on every page.

Text is set in Bitstream Vera, which ReportLab ships, so nothing is fetched
or looked up on the machine; characters outside it (Arabic script, for
instance) show as empty boxes — the HTML dossier shows them.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from svglib.svglib import svg2rlg

from saboot.link.model import Incident
from saboot.mapping import map_svg
from saboot.report import METHODS, TIMELINE_NOTE, Dossier, timeline_svg

WIDTH = A4[0] - 36 * mm
FONTS = {"Vera": "Vera.ttf", "Vera-Bold": "VeraBd.ttf", "Vera-Italic": "VeraIt.ttf"}


def _fonts() -> None:
    for name, file in FONTS.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, file))  # found in ReportLab's own fonts folder
    pdfmetrics.registerFontFamily("Vera", normal="Vera", bold="Vera-Bold", italic="Vera-Italic", boldItalic="Vera-Bold")


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    out = {
        "body": ParagraphStyle("body", base["BodyText"], fontName="Vera", fontSize=9.5, leading=12.5),
        "cell": ParagraphStyle("cell", base["BodyText"], fontName="Vera", fontSize=8, leading=10),
        "small": ParagraphStyle("small", base["BodyText"], fontName="Vera", fontSize=7.5, leading=9.5, textColor=colors.grey),
        "quote": ParagraphStyle("quote", base["BodyText"], fontName="Vera-Italic", fontSize=9, leading=12, leftIndent=12),
        "h1": ParagraphStyle("h1", base["Title"], fontName="Vera-Bold", fontSize=18, leading=22),
        "h2": ParagraphStyle("h2", base["Heading2"], fontName="Vera-Bold", fontSize=13, leading=16, spaceBefore=10),
        "h3": ParagraphStyle("h3", base["Heading3"], fontName="Vera-Bold", fontSize=10.5, leading=13, spaceBefore=8),
    }
    return out


def _p(text: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def _n(value: int | None) -> str:
    return "unknown" if value is None else str(value)


def _drawing(svg: str) -> Drawing | None:
    """An SVG chart as a ReportLab drawing, scaled to the text width."""
    if not svg:
        return None
    drawing = svg2rlg(io.BytesIO(svg.encode("utf-8")))
    if drawing is None:
        return None
    factor = min(1.0, WIDTH / drawing.width)
    drawing.scale(factor, factor)
    drawing.width, drawing.height = drawing.width * factor, drawing.height * factor
    return drawing


def _summary(d: Dossier, st: dict[str, ParagraphStyle]) -> Table:
    rows: list[list[object]] = [[_p(h, st["small"]) for h in ("Date", "Place", "Type", "Killed low/best/high (? unknown)",
                                                                "Sources", "Corroboration", "Flags")]]  # fmt: skip
    for i in d.incidents:
        k = i.counts.get("killed")
        cells = (i.when(), i.location.name if i.location else "?", i.event_type.replace("_", " "),
                 k.triple() if k else "", i.independent_sources, i.corroboration,
                 ", ".join(i.flags))  # fmt: skip
        rows.append([_p(c, st["small"] if n == 6 else st["cell"]) for n, c in enumerate(cells)])
    table = Table(rows, colWidths=[19 * mm, 30 * mm, 26 * mm, 22 * mm, 13 * mm, 19 * mm, None], repeatRows=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke)]))  # fmt: skip
    return table


def _incident(i: Incident, d: Dossier, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    place = f"{i.location.name}, {i.location.admin1 or ''}" if i.location else "place unknown"
    out: list[Flowable] = [_p(f"{i.event_type} — {place} — {i.when('date unknown')}", st["h3"]),
                           _p(f"{i.corroboration}{f' (Admiralty {i.admiralty})' if i.admiralty else ''}: {i.explanation}", st["body"]), _p(f"incident {i.id}", st["small"])]  # fmt: skip
    for name, c in i.counts.items():
        out.append(_p(f"{name}: low {_n(c.low)}, best {_n(c.best)}, high {_n(c.high)} ({c.rule})", st["body"]))
        for v in c.sources:
            doc = d.documents.get(v.document_id)
            cite = (f"{doc.get('outlet') or doc.get('title') or doc['id']}, {doc.get('published') or 'date unknown'} "
                    f"(document {doc['id']}, SHA-256 {str(doc['sha256'])[:16]}…)") if doc else f"document {v.document_id}"  # fmt: skip
            out.append(_p(f"“{v.quote}” — {cite}", st["quote"]))
    out += [_p(f"Discrepancy [{x.field}]: {x.detail}", st["body"]) for x in i.discrepancies]
    out += [_p(f"Reference {m.dataset} {m.ref_id}: {m.date} {m.place}, killed {m.killed_said} (match probability {m.probability:.2f}"
               f"{'' if m.corroborates else ', does not corroborate'}).", st["body"]) for m in i.reference_matches]  # fmt: skip
    out += [_p(f"Claims {x.claim_a} and {x.claim_b} joined at {x.summary()}.", st["small"]) for x in i.links]
    sources = "; ".join(f"{s.outlet or s.title or s.document_id} [{s.reliability}]" for s in i.sources)
    return [*out, _p(f"Sources: {sources}", st["small"])]


def _methods(d: Dossier, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    rows: list[list[object]] = [[_p(h, st["small"]) for h in ("When", "What", "Settings")]]
    rows += [[_p(e.ts, st["small"]), _p(e.action, st["small"]), _p(e.payload[:600], st["small"])] for e in d.runs]
    table = Table(rows, colWidths=[38 * mm, 28 * mm, None], repeatRows=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey)]))
    return [_p("Methods", st["h2"]), _p(METHODS, st["body"]), Spacer(1, 4), table]


def _intro(d: Dossier, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    head = d.head.entry_hash if d.head else "none"
    scope = ("Sensitive documents and names are withheld. " if d.withheld
             else "Includes records marked sensitive. " if d.sensitive_included else "")  # fmt: skip
    return [
        _p(d.title, st["h1"]),
        _p(
            f"Generated {d.generated} by saboot {d.version}. Filter: {d.filter}. {len(d.incidents)} incidents. {scope}",
            st["small"],
        ),
        _p(
            f"Audit chain head: {head} (entry {d.head.seq if d.head else 0}) — verify with "
            f"`saboot audit verify --head {head}` against the store.",
            st["small"],
        ),
    ]


def render_pdf(d: Dossier) -> bytes:
    """The dossier as PDF bytes."""
    _fonts()
    st = _styles()
    story: list[Flowable] = [*_intro(d, st), _p("Summary", st["h2"]), _summary(d, st)]
    for heading, chart, note in (("Timeline", _drawing(timeline_svg(d.months)), TIMELINE_NOTE),
                                 ("Map", _drawing(map_svg(d.incidents)), None)):  # fmt: skip
        if chart is not None:
            story += [_p(heading, st["h2"]), *([_p(note, st["small"])] if note else []), chart]
    story.append(_p("Incidents", st["h2"]))
    for inc in d.incidents:
        story += _incident(inc, d, st)
    story += _methods(d, st)
    head = d.head.entry_hash if d.head else "none"

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont("Vera", 7)
        canvas.setFillColor(colors.grey)
        canvas.drawString(18 * mm, 10 * mm, f"{d.title[:80]} · audit chain head {head[:24]}… · page {doc.page}")
        canvas.restoreState()

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=18 * mm,
                            title=d.title, author="saboot", subject=f"Filter: {d.filter}", creator=f"saboot {d.version}")  # fmt: skip
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
