"""The one writer of laid-out documents (statement, claim, offer letter): a ``render.document``
Statement as pdf, docx, html or md bytes."""

from __future__ import annotations

from debtcli.render.docx import render_docx
from debtcli.render.document import Statement
from debtcli.render.html import render_html
from debtcli.render.markdown import render_markdown
from debtcli.render.pdf import render_pdf

DOCUMENT_FORMATS = ("pdf", "docx", "html", "md")


def render_document(doc: Statement, fmt: str) -> bytes:
    """``doc`` as file bytes in ``fmt``. Same document, same bytes."""
    if fmt == "pdf":
        return render_pdf(doc)
    if fmt == "docx":
        return render_docx(doc)
    if fmt == "html":
        return render_html(doc).encode("utf-8")
    if fmt == "md":
        return render_markdown(doc).encode("utf-8")
    raise ValueError(f"format {fmt!r} is not one of {', '.join(DOCUMENT_FORMATS)}")
