"""The statement as an A4 PDF (reportlab).

Chinese is set in reportlab's built-in CID font STSong-Light (no font file needed on the machine
that writes the PDF; viewers supply the glyphs, and the text stays extractable). Latin text and
figures use Helvetica. Tables split across pages with their header repeated; every page carries
the case, the page number and the as-of date. ``invariant`` mode and a creation date taken from
the as-of date make the same statement give the same bytes.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from debtcli.render import statement as doc_model

CJK_FONT = "STSong-Light"
LATIN = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
MONO = "Courier"
MARGIN = 16 * mm

GRID = colors.HexColor("#b8b8b8")
HEAD_BG = colors.HexColor("#e8ecf2")
TOTAL_BG = colors.HexColor("#eef3ea")

_CJK = re.compile(r"([\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026]+)")


def _register_fonts() -> None:
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def _markup(text: str, bold: bool = False) -> str:
    """Escape text for a Paragraph and set runs of CJK characters in the CJK font, the rest in
    Helvetica (the CID font's Latin glyphs are proportional but wide)."""
    out = []
    for i, part in enumerate(_CJK.split(text)):
        if not part:
            continue
        esc = escape(part).replace("\n", "<br/>")
        if i % 2 == 1:
            out.append(f'<font face="{CJK_FONT}">{esc}</font>')
        else:
            out.append(f"<b>{esc}</b>" if bold else esc)
    return "".join(out)


class _Styles:
    def __init__(self, lang: str):
        leading = 1.35
        base = dict(fontName=LATIN, boldFontName=LATIN_BOLD, wordWrap="CJK" if lang == "zh" else None)

        def st(name, size, **kw):
            return ParagraphStyle(name, fontSize=size, leading=size * leading, **{**base, **kw})

        self.title = st("title", 16, spaceAfter=2 * mm)
        self.subtitle = st("subtitle", 9, textColor=colors.HexColor("#444444"), spaceAfter=3 * mm)
        self.h1 = st("h1", 11.5, spaceBefore=4 * mm, spaceAfter=1.5 * mm)
        self.h2 = st("h2", 9.5, spaceBefore=2.5 * mm, spaceAfter=1 * mm)
        self.body = st("body", 9)
        self.small = st("small", 7.8, textColor=colors.HexColor("#333333"), spaceAfter=1 * mm)
        self.verdict = st("verdict", 10, spaceAfter=2 * mm)
        self.cell = st("cell", 7.8)
        self.cell_r = st("cell_r", 7.8, alignment=TA_RIGHT)
        self.cell_mono = st("cell_mono", 6.6, fontName=MONO, wordWrap=None)
        self.head = st("head", 7.8)
        self.head_r = st("head_r", 7.8, alignment=TA_RIGHT)
        self.key = st("key", 8.6, alignment=TA_LEFT, textColor=colors.HexColor("#333333"))


def _paragraph(block, s: _Styles):
    style = {"verdict": s.verdict, "small": s.small, "heading": s.h2}.get(block.style, s.body)
    return Paragraph(_markup(block.text, bold=block.style in ("verdict", "heading")), style)


def _table(block, s: _Styles, width: float):
    total = sum(block.widths)
    col_widths = [width * w / total for w in block.widths]

    def cell(text, col, header=False, bold=False):
        right = block.align[col] == "r"
        if header:
            return Paragraph(_markup(text, bold=True), s.head_r if right else s.head)
        if col in block.mono:
            return Paragraph(escape(text), s.cell_mono)
        return Paragraph(_markup(text, bold=bold), s.cell_r if right else s.cell)

    data = [[cell(h, i, header=True) for i, h in enumerate(block.header)]]
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    heading = None
    for row in block.rows:
        if row.style == "group":
            heading = row.cells[1]
            continue
        cells = [cell(t, i, bold=row.style == "total") for i, t in enumerate(row.cells)]
        if heading is not None:
            # a group's heading shares a row with its first line, so it never ends a page alone
            text = Paragraph(_markup(heading, bold=True) + "<br/>" + _markup(row.cells[1]), s.cell)
            cells[1] = text
            commands.append(("LINEABOVE", (0, len(data)), (-1, len(data)), 0.9, colors.HexColor("#777777")))
            heading = None
        if row.style == "total":
            commands.append(("BACKGROUND", (0, len(data)), (-1, len(data)), TOTAL_BG))
        data.append(cells)
    table = Table(data, colWidths=col_widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def _key_values(block, s: _Styles, width: float):
    data = [[Paragraph(_markup(k), s.key), Paragraph(_markup(v), s.body)] for k, v in block.pairs]
    table = Table(data, colWidths=[width * 0.28, width * 0.72], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _signature(block, s: _Styles, width: float):
    data = [[Paragraph(_markup(label), s.body), ""] for label in block.labels]
    table = Table(data, colWidths=[width * 0.3, width * 0.45], rowHeights=[11 * mm] * len(data), hAlign="LEFT")
    table.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1),
                                                                                      "BOTTOM")]))
    return table


def _flowables(statement, s: _Styles, width: float) -> list:
    out: list = [Paragraph(_markup(statement.title, bold=True), s.title),
                 Paragraph(_markup(statement.subtitle), s.subtitle)]
    for section in statement.sections:
        head = Paragraph(_markup(section.title, bold=True), s.h1)
        body = []
        for block in section.blocks:
            if isinstance(block, doc_model.Table):
                body.append(_table(block, s, width))
            elif isinstance(block, doc_model.KeyValues):
                body.append(_key_values(block, s, width))
            elif isinstance(block, doc_model.Signature):
                body.append(_signature(block, s, width))
            else:
                body.append(_paragraph(block, s))
            body.append(Spacer(1, 1.2 * mm))
        # keep a heading with the start of what it heads; long tables still split
        if body and isinstance(body[0], Table) and len(body[0]._cellvalues) > 12:
            out.append(head)
            out += body
        else:
            out.append(KeepTogether([head] + body[:2]))
            out += body[2:]
    return out


def render_pdf(statement) -> bytes:
    _register_fonts()
    s = _Styles(statement.lang)
    buf = io.BytesIO()
    as_of = statement.as_of
    created = f"D:{as_of.year:04d}{as_of.month:02d}{as_of.day:02d}000000+00'00'"

    def on_page(canvas, document):
        canvas.saveState()
        canvas.setDateFormatter(lambda *args: created)
        canvas.setFont(CJK_FONT if statement.lang == "zh" else LATIN, 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        page = statement.page_label.format(n=canvas.getPageNumber())
        canvas.drawString(MARGIN, 9 * mm, f"{statement.title}   {statement.case_id}")
        canvas.drawRightString(A4[0] - MARGIN, 9 * mm, page)
        canvas.restoreState()

    document = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=14 * mm, bottomMargin=16 * mm,
        title=f"{statement.title} {statement.case_id}", author="debtcli", subject=statement.subtitle,
        creator="debtcli", producer="debtcli", invariant=1, lang="zh-CN" if statement.lang == "zh" else "en",
    )
    document.build(_flowables(statement, s, document.width), onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()
