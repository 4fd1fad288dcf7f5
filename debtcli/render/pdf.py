"""The statement as an A4 PDF (reportlab).

Every font is embedded, so the PDF looks the same on any viewer and passes e-filing checks that
refuse unembedded fonts: Chinese is set in Droid Sans Fallback (TrueType outlines, Apache 2.0),
Latin text and figures in DejaVu Sans, hashes in DejaVu Sans Mono, all shipped as package data
(``debtcli/render/fonts``, subsets made by ``tools/subset_fonts.py``) and subset again by reportlab
to the glyphs the document uses. A character the shipped CJK subset lacks (a rare character in a
name) falls back to reportlab's CID font STSong-Light, which the viewer supplies.
Tables split across pages with their header repeated; every page carries the case and
"第 N 页 共 M 页" / "Page N of M". ``invariant`` mode and a creation date taken from the as-of date
make the same statement give the same bytes.
"""

from __future__ import annotations

import io
import re
from importlib.resources import files
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from debtcli.render import document as doc_model

CJK_FONT = "DebtcliCJK"
LATIN = "DebtcliSans"
LATIN_BOLD = "DebtcliSans-Bold"
MONO = "DebtcliMono"
_FONT_FILES = {CJK_FONT: "DroidSansFallback-CJK.ttf", LATIN: "DejaVuSans-Latin.ttf",
               LATIN_BOLD: "DejaVuSans-Bold-Latin.ttf", MONO: "DejaVuSansMono-Latin.ttf"}
MARGIN = 16 * mm

GRID = colors.HexColor("#b8b8b8")
HEAD_BG = colors.HexColor("#e8ecf2")
TOTAL_BG = colors.HexColor("#eef3ea")

_CJK = re.compile(r"([\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003134f\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026]+)")


_CJK_CHARS: frozenset = frozenset()
_LATIN_CHARS: frozenset = frozenset()


def register_fonts() -> None:
    global _CJK_CHARS, _LATIN_CHARS
    registered = pdfmetrics.getRegisteredFontNames()
    folder = files("debtcli.render") / "fonts"
    for name, file in _FONT_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    addMapping(LATIN, 0, 0, LATIN)
    addMapping(LATIN, 1, 0, LATIN_BOLD)
    addMapping(LATIN, 0, 1, LATIN)
    addMapping(LATIN, 1, 1, LATIN_BOLD)
    if not _CJK_CHARS:
        _CJK_CHARS = frozenset(pdfmetrics.getFont(CJK_FONT).face.charToGlyph)
        _LATIN_CHARS = frozenset(pdfmetrics.getFont(LATIN).face.charToGlyph)


def _cjk_runs(text: str) -> list[tuple[str, str]]:
    """A run of CJK text split into (font, text) pieces, every piece in an embedded font: the shipped CJK
    font (every hanzi of GB18030's Basic Multilingual Plane), the Latin font for what only it has. A
    character neither has (CJK Extension B and beyond) stays in the CJK font and prints as its empty
    box, drawn from the embedded font: nothing depends on the viewer's fonts."""
    out: list[tuple[str, str]] = []
    for ch in text:
        code = ord(ch)
        face = LATIN if code not in _CJK_CHARS and code in _LATIN_CHARS else CJK_FONT
        if out and out[-1][0] == face:
            out[-1] = (face, out[-1][1] + ch)
        else:
            out.append((face, ch))
    return out


def _markup(text: str, bold: bool = False) -> str:
    """Escape text for a Paragraph and set runs of CJK characters in the CJK font, the rest in
    Helvetica (the CID font's Latin glyphs are proportional but wide)."""
    out = []
    for i, part in enumerate(_CJK.split(text)):
        if not part:
            continue
        esc = escape(part).replace("\n", "<br/>")
        if i % 2 == 1:
            out += [f'<font face="{face}">{escape(run)}</font>' for face, run in _cjk_runs(part)]
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
        ("FONTNAME", (0, 0), (-1, -1), LATIN),
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
        ("FONTNAME", (0, 0), (-1, -1), LATIN),
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
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), LATIN),
                               ("LINEBELOW", (1, 0), (1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1),
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
    register_fonts()
    s = _Styles(statement.lang)
    buf = io.BytesIO()
    as_of = statement.as_of
    created = f"D:{as_of.year:04d}{as_of.month:02d}{as_of.day:02d}000000+00'00'"

    def on_page(canvas, document):
        canvas.setDateFormatter(lambda *args: created)

    document = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=14 * mm, bottomMargin=16 * mm,
        title=f"{statement.title} {statement.case_id}", author="debtcli", subject=statement.subtitle,
        creator="debtcli", producer="debtcli", invariant=1, lang="zh-CN" if statement.lang == "zh" else "en",
    )
    footer = _footer_canvas(statement)
    document.build(_flowables(statement, s, document.width), onFirstPage=on_page, onLaterPages=on_page,
                   canvasmaker=footer)
    return buf.getvalue()


def _draw_mixed(canvas, x: float, y: float, text: str, size: float, right: bool = False) -> None:
    """One line in the Latin font with its CJK runs in the CJK font."""
    pieces = []
    for i, part in enumerate(_CJK.split(text)):
        if part:
            pieces += _cjk_runs(part) if i % 2 == 1 else [(LATIN, part)]
    width = sum(pdfmetrics.stringWidth(t, f, size) for f, t in pieces)
    x = x - width if right else x
    for face, t in pieces:
        canvas.setFont(face, size)
        canvas.drawString(x, y, t)
        x += pdfmetrics.stringWidth(t, face, size)


def _footer_canvas(statement):
    """A canvas that holds each page until the last one is laid out, so that every footer can say
    how many pages there are (第 N 页 共 M 页 / Page N of M)."""

    class FooterCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **{**kwargs, "initialFontName": LATIN})
            self._pages: list = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.saveState()
                self.setFillColor(colors.HexColor("#555555"))
                _draw_mixed(self, MARGIN, 9 * mm, f"{statement.title}   {statement.case_id}", 7.5)
                label = statement.page_label.format(n=self._pageNumber, total=total)
                _draw_mixed(self, A4[0] - MARGIN, 9 * mm, label, 7.5, right=True)
                self.restoreState()
                super().showPage()
            super().save()

    return FooterCanvas
