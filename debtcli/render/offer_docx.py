"""The settlement offer letter as a Word document (python-docx): the offer's format-free document
(``debtcli.render.offer.build_offer``: sections of key-value lists, tables, paragraphs and a signature
block) in the same order as its PDF, HTML and Markdown. Zipped with fixed timestamps and dated on the
offer's date, as the validation notice is (``regf_docx._fixed_zip``), so the same quote gives the
same bytes. Presentation only: every figure is already text in the document."""

from __future__ import annotations

import io
from datetime import datetime

from debtcli.render.regf_docx import _fixed_zip
from debtcli.render.statement import KeyValues, Paragraph, Signature, Statement, Table


def render_document_docx(doc: Statement) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    out = Document()
    section = out.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    normal = out.styles["Normal"]
    latin, east = ("Arial", "SimSun") if doc.lang == "zh" else ("Arial", "Arial")
    normal.font.name = latin
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), east)  # Chinese text in a Chinese face

    out.add_heading(doc.title, level=1)
    out.add_paragraph(doc.subtitle)
    for sec in doc.sections:
        out.add_heading(sec.title, level=2)
        for block in sec.blocks:
            if isinstance(block, Table):
                table = out.add_table(rows=1, cols=len(block.header))
                table.style = "Table Grid"
                for cell, text in zip(table.rows[0].cells, block.header):
                    cell.text = text
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
                for row in block.rows:
                    cells = table.add_row().cells
                    for col, (cell, text) in enumerate(zip(cells, row.cells)):
                        cell.text = text
                        if block.align[col] == "r":
                            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
                        if row.style == "total":
                            for run in cell.paragraphs[0].runs:
                                run.bold = True
            elif isinstance(block, KeyValues):
                table = out.add_table(rows=0, cols=2)
                for key, value in block.pairs:
                    cells = table.add_row().cells
                    cells[0].text, cells[1].text = key, value
                    for run in cells[0].paragraphs[0].runs:
                        run.bold = True
            elif isinstance(block, Signature):
                for label in block.labels:
                    out.add_paragraph(f"{label} ______________________________")
            elif isinstance(block, Paragraph):
                para = out.add_paragraph()
                run = para.add_run(block.text)
                if block.style == "verdict":
                    run.bold = True
                elif block.style == "small":
                    run.font.size = Pt(8.5)

    props = out.core_properties
    when = datetime(doc.as_of.year, doc.as_of.month, doc.as_of.day)
    props.created = props.modified = props.last_printed = when
    props.author = props.last_modified_by = "debtcli"
    props.title = f"{doc.title} {doc.case_id}"
    props.revision = 1
    props.language = "zh-CN" if doc.lang == "zh" else "en-US"
    buf = io.BytesIO()
    out.save(buf)
    return _fixed_zip(buf.getvalue())


__all__ = ["render_document_docx"]
