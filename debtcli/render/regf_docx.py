"""The Regulation F validation notice as a Word document (python-docx), the same content and order
as the PDF and HTML notices (``debtcli.render.regf``). The package is re-zipped with fixed
timestamps and the core properties are dated on the sending date, so the same notice gives the
same bytes."""

from __future__ import annotations

import io

from debtcli.render.docx import fix_properties, fixed_zip
from debtcli.render.regf import LABELS, Notice, long_date

BOX = "\u2610 "  # ballot box


def render_notice_docx(n: Notice) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(215.9), Mm(279.4)  # US letter
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(16))
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)

    top = doc.add_table(rows=1, cols=2)
    left, right = top.rows[0].cells
    left.text = "\n".join(n.collector_lines)
    right.text = "\n".join(["To:", *n.consumer_lines, f"Reference: {n.reference}", long_date(n.sent)])

    doc.add_paragraph(n.intro)
    box = doc.add_table(rows=0, cols=2)
    box.style = "Table Grid"
    head = box.add_row().cells
    head[0].merge(head[1]).text = "Our information shows:"
    shows = box.add_row().cells
    shows[0].merge(shows[1]).text = n.shows
    for i, (label, amount) in enumerate(n.block):
        cells = box.add_row().cells
        cells[0].text = label
        cells[1].text = amount
        cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if i == len(n.block) - 1:
            for c in cells:
                for run in c.paragraphs[0].runs:
                    run.bold = True

    if n.state_block:
        doc.add_heading(n.state_title, level=3)
        st = doc.add_table(rows=0, cols=2)
        for label, amount in n.state_block:
            cells = st.add_row().cells
            cells[0].text = label
            cells[1].text = amount
            cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    doc.add_heading(LABELS["dispute"], level=3)
    for text in n.dispute:
        doc.add_paragraph(text, style="List Bullet")
    doc.add_heading(LABELS["else"], level=3)
    for text in n.other:
        doc.add_paragraph(text, style="List Bullet")

    first = len(doc.paragraphs)
    doc.add_paragraph("- " * 45)  # the tear-off line
    doc.add_paragraph(f"{LABELS['mail_to']} " + ", ".join(n.collector_lines[:2]))
    if n.consumer_lines:
        doc.add_paragraph(", ".join(n.consumer_lines))
    doc.add_paragraph(f"Reference: {n.reference}")
    doc.add_heading(LABELS["respond"], level=3)
    doc.add_paragraph(LABELS["check"])
    doc.add_paragraph().add_run(LABELS["dispute_because"]).bold = True
    for text in n.response:
        doc.add_paragraph(BOX + text)
    doc.add_paragraph(BOX + LABELS["want_creditor"])
    doc.add_paragraph(BOX + LABELS["enclosed"] + " $______________")
    doc.add_paragraph(n.payable)
    # the response form is cut off whole: Word keeps each of its paragraphs on the page of the next
    form = doc.paragraphs[first:]
    for para in form[:-1]:
        para.paragraph_format.keep_with_next = True
    for para in form:
        para.paragraph_format.keep_together = True

    fix_properties(doc, f"Validation notice {n.case_id}", n.sent)
    buf = io.BytesIO()
    doc.save(buf)
    return fixed_zip(buf.getvalue())
