"""A document (``render.document``) as a Word file (python-docx): editable, with real headings,
tables with a repeated header row, page numbers "第 N 页 共 M 页" / "Page N of M" as Word fields,
East Asian text in a CJK font and Latin text in Arial. Opens in Word and LibreOffice.

The same document gives the same bytes: the package is re-zipped with fixed timestamps and a fixed
member order, and the core properties are dated on the document's date (``fixed_zip``,
``fix_properties``, shared with the validation notice)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from debtcli.render import document as doc_model

LATIN_FONT = "Arial"
CJK_FONT = {"zh": "SimSun", "en": "SimSun"}  # Word's and LibreOffice's usual Chinese fallback names
GREY = RGBColor(0x44, 0x44, 0x44)


def _fonts(style, lang: str, size: float | None = None) -> None:
    style.font.name = LATIN_FONT
    if size:
        style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), CJK_FONT[lang])
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)


def _lines(paragraph, text: str, bold: bool = False, size: float | None = None, grey: bool = False) -> None:
    """Text with its line breaks kept as breaks inside one paragraph."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
        if grey:
            run.font.color.rgb = GREY
        if i < len(lines) - 1:
            run.add_break()


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _table(doc, block, width_mm: float) -> None:
    cols = len(block.header)
    table = doc.add_table(rows=1, cols=cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    total = sum(block.widths)
    widths = [Mm(width_mm * w / total) for w in block.widths]
    head = table.rows[0]
    _repeat_header(head)
    for i, text in enumerate(block.header):
        cell = head.cells[i]
        _lines(cell.paragraphs[0], text, bold=True, size=8)
        _shade(cell, "E8ECF2")
        if block.align[i] == "r":
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in block.rows:
        cells = table.add_row().cells
        if row.style == "group":
            merged = cells[1].merge(cells[-1])
            _lines(merged.paragraphs[0], row.cells[1], bold=True, size=8)
            continue
        for i, text in enumerate(row.cells):
            p = cells[i].paragraphs[0]
            _lines(p, text, bold=row.style == "total", size=7 if i in block.mono else 8,
                   grey=row.style == "note")
            if i in block.mono:
                for run in p.runs:
                    run.font.name = "Courier New"
            if block.align[i] == "r":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if row.style == "total":
                _shade(cells[i], "EEF3EA")
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = widths[i]


def _key_values(doc, block, width_mm: float) -> None:
    table = doc.add_table(rows=0, cols=2)
    for key, value in block.pairs:
        cells = table.add_row().cells
        _lines(cells[0].paragraphs[0], key, size=8.5, grey=True)
        _lines(cells[1].paragraphs[0], value, size=9)
        cells[0].width, cells[1].width = Mm(width_mm * 0.28), Mm(width_mm * 0.72)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES): Word and LibreOffice fill it in when the page is laid out."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for el in (begin, text, sep, shown, end):
        run._r.append(el)


def _footer(section, doc_: doc_model.Statement) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    before, rest = doc_.page_label.split("{n}", 1)
    middle, after = rest.split("{total}", 1) if "{total}" in rest else (rest, "")
    p.add_run(f"{doc_.title}   {doc_.case_id}      {before}")
    _field(p, "PAGE")
    p.add_run(middle)
    if "{total}" in rest:
        _field(p, "NUMPAGES")
    p.add_run(after)
    for run in p.runs:
        run.font.size = Pt(7.5)


def fix_properties(doc, title: str, when) -> None:
    """Core properties that do not change from one run to the next: dated on ``when``."""
    props = doc.core_properties
    stamp = datetime(when.year, when.month, when.day)
    props.created = props.modified = props.last_printed = stamp
    props.author = props.last_modified_by = "debtcli"
    props.title = title
    props.revision = 1


def fixed_zip(data: bytes) -> bytes:
    """The same package with every member dated 1980-01-01 and stored in a fixed order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        first = [x for x in names if x == "[Content_Types].xml"]
        for name in first + sorted(x for x in names if x not in first):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()


def render_docx(statement: doc_model.Statement, landscape: bool = False) -> bytes:
    doc = Document()
    section = doc.sections[0]
    width, height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(16))
    section.top_margin, section.bottom_margin = Mm(14), Mm(16)
    text_mm = (section.page_width - section.left_margin - section.right_margin) / Mm(1)
    lang = statement.lang if statement.lang in CJK_FONT else "en"
    _fonts(doc.styles["Normal"], lang, 9)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        _fonts(doc.styles[name], lang)
    doc.styles["Normal"].paragraph_format.space_after = Pt(2)
    doc.core_properties.language = "zh-CN" if lang == "zh" else "en"

    doc.add_heading(statement.title, level=0)
    _lines(doc.add_paragraph(), statement.subtitle, size=9, grey=True)
    for sec in statement.sections:
        doc.add_heading(sec.title, level=1).paragraph_format.keep_with_next = True
        for block in sec.blocks:
            if isinstance(block, doc_model.Table):
                _table(doc, block, text_mm)
            elif isinstance(block, doc_model.KeyValues):
                _key_values(doc, block, text_mm)
            elif isinstance(block, doc_model.Signature):
                for label in block.labels:
                    _lines(doc.add_paragraph(), f"{label}  ______________________________", size=9.5)
            elif block.style == "heading":
                doc.add_heading(block.text, level=2)
            else:
                p = doc.add_paragraph()
                _lines(p, block.text, bold=block.style == "verdict", size=8 if block.style == "small" else None,
                       grey=block.style == "small")
    _footer(section, statement)
    fix_properties(doc, f"{statement.title} {statement.case_id}", statement.as_of)
    buf = io.BytesIO()
    doc.save(buf)
    return fixed_zip(buf.getvalue())
