"""The files a command writes, by template and format: the itemised statement (pdf, docx, xlsx,
html, md), the claim (诉讼请求与计算清单: pdf, docx, html, md) and the Regulation F validation
notice (pdf, html, docx). ``statement`` and ``batch --statements`` both write through here, so an
account gives the same bytes either way."""

from __future__ import annotations

from debtcli.render.claim import build_claim
from debtcli.render.regf import FORMATS as NOTICE_FORMATS
from debtcli.render.regf import build_notice, render_notice as render_notice_paged
from debtcli.render.regf_docx import render_notice_docx
from debtcli.render.statement import build_statement
from debtcli.render.writer import DOCUMENT_FORMATS, render_document
from debtcli.render.xlsx import render_xlsx
from debtcli.report.model import Report

TEMPLATES = ("statement", "claim", "regf")
FORMATS = {"statement": ("pdf", "docx", "xlsx", "html", "md"), "claim": DOCUMENT_FORMATS, "regf": NOTICE_FORMATS}
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "html": "html", "md": "md"}


def render_statement(report: Report, fmt: str, lang: str | None = None, template: str = "statement") -> bytes:
    """The statement (or the claim) as file bytes in ``fmt`` and ``lang`` (zh | en; default: the
    report's language). Same report, same bytes."""
    lang = lang or report.language or "zh"
    if lang not in ("zh", "en"):
        raise ValueError(f"language {lang!r} is not zh or en")
    if template == "regf":
        return render_notice(report, fmt)
    if fmt not in FORMATS.get(template, ()):
        raise ValueError(f"the {template} template is written as {', '.join(FORMATS.get(template, ()))}, not {fmt}")
    if template == "claim":
        return render_document(build_claim(report, lang), fmt)
    if fmt == "xlsx":
        return render_xlsx(report, lang)
    return render_document(build_statement(report, lang), fmt)


def render_notice(report: Report, fmt: str) -> bytes:
    """The validation notice (``us`` pack) as pdf, html or docx bytes; ``NoticeError`` when the
    report cannot give one."""
    if fmt == "docx":
        return render_notice_docx(build_notice(report))
    return render_notice_paged(report, fmt)
