"""The settlement offer letter (还款方案 / 和解要约) and the payment-plan section of the statement.

The offer is built as the statement's format-free document (sections of key-value lists, tables and
paragraphs) and laid out by the one document writer (``render.writer``: PDF, DOCX, HTML, Markdown);
the workbook is written here. Every figure comes from the ``Quote``; nothing is recomputed.
"""

from __future__ import annotations

import io
from datetime import datetime

from debtcli.messages import value_text, word_table
from debtcli.model.records import COMPONENTS
from debtcli.render.i18n import component_name, date_text, money, sheet_name
from debtcli.render.document import KeyValues, Paragraph, Row, Section, Signature, Statement, Table
from debtcli.render.writer import render_document


def build_offer(q, lang: str) -> Statement:
    w = word_table("offer", lang)
    p = q.places
    terms = q.report.terms
    ccy = q.currency
    parties = KeyValues((
        (w["lender"], terms.case.lender or "—"), (w["borrower"], terms.case.borrower or "—"),
        (w["case"], terms.case.reference or q.case_id), (w["date"], date_text(q.on, lang)), (w["currency"], ccy)))
    rows = [Row((component_name(k, lang) if k != "total" else w["total"], money(q.contractual[k], p),
                 money(q.lawful[k], p), money(q.waived[k], p), money(q.after[k], p)), "total" if k == "total" else "")
            for k in COMPONENTS + ("total",) if k == "total" or q.contractual[k] or q.lawful[k]]
    amounts = Table((w["component"], w["contractual"], w["lawful"], w["waived"], w["after"]), tuple(rows), "lrrrr",
                    (1.4, 1, 1, 1, 1))
    on = date_text(q.on, lang)
    blocks = [Paragraph(w["intro"].format(on=on, lawful=money(q.lawful["total"], p), ccy=ccy,
                                          waived=money(q.waived["total"], p), after=money(q.after["total"], p)),
                        "verdict"),
              amounts,
              Paragraph(w["per_diem"].format(on=on, per_diem=money(q.per_diem_lawful["total"], p), ccy=ccy))]
    if q.waived["total"]:
        blocks.append(Paragraph(w["waiver_note"], "small"))
    sections = [Section("parties", w["parties"], (parties,)), Section("amounts", w["amounts"], tuple(blocks))]
    if q.plan is not None:
        pl = q.plan
        prow = [Row((str(r.n), date_text(r.due, lang), money(r.principal, p), money(r.interest, p),
                     money(r.total, p), money(r.balance, p))) for r in pl.rows]
        prow.append(Row(("", w["total"], "", "", money(pl.total, p), ""), "total"))
        sections.append(Section("plan", w["plan"], (
            Paragraph(w["plan_intro"].format(amount=money(pl.amount, p), ccy=ccy, n=pl.installments, rate=pl.rate_text,
                                             first=date_text(pl.first_due, lang))),
            Table((w["n"], w["due"], w["principal"], w["interest"], w["installment"], w["balance"]), tuple(prow),
                  "lrrrrr", (0.5, 1.2, 1, 0.8, 1, 1)),
            Paragraph(w["plan_note"], "small"))))
    names = word_table("statement", lang)["convention_names"]
    conv = tuple((names.get(k, k), value_text(v, lang)) for k, v in q.conventions.items())
    sections.append(Section("conventions", w["conventions"], (KeyValues(conv),)))
    sections.append(Section("signature", w["signature"],
                            (Signature((w["creditor_sign"], w["debtor_sign"], w["sign_date"])),)))
    sections.append(Section("disclaimer", w["disclaimer_title"], (Paragraph(w["disclaimer"], "small"),)))
    subtitle = f"{w['reference']}: {terms.case.reference or q.case_id}   {w['date']}: {on}"
    return Statement(lang, w["title"], subtitle, tuple(sections), q.on, q.case_id, w["page"])


def render_offer(q, fmt: str, lang: str) -> bytes:
    """The offer letter as file bytes (pdf | docx | xlsx | html | md). Same quote, same bytes."""
    doc = build_offer(q, lang)
    if fmt == "xlsx":
        return _document_xlsx(doc)
    if fmt in ("pdf", "docx", "html", "md"):
        return render_document(doc, fmt)
    raise ValueError(f"format {fmt!r} is not pdf, docx, xlsx, html or md")


def _document_xlsx(doc: Statement) -> bytes:
    """A one-sheet workbook of the document: text as text cells, amounts as numbers."""
    import xlsxwriter

    from debtcli.model.money import parse_amount

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False})
    wb.set_properties({"title": f"{doc.title} {doc.case_id}", "author": "debtcli", "company": "",
                       "created": datetime(doc.as_of.year, doc.as_of.month, doc.as_of.day)})
    font = {"font_name": "Microsoft YaHei" if doc.lang == "zh" else "Calibri", "font_size": 10}
    f_text = wb.add_format({**font, "text_wrap": True, "valign": "top"})
    f_bold = wb.add_format({**font, "bold": True})
    f_title = wb.add_format({**font, "bold": True, "font_size": 14})
    f_head = wb.add_format({**font, "bold": True, "bg_color": "#E8ECF2", "border": 1})
    f_money = wb.add_format({**font, "num_format": "#,##0.00"})
    f_total = wb.add_format({**font, "num_format": "#,##0.00", "bold": True, "top": 1})
    ws = wb.add_worksheet(sheet_name("Offer", doc.lang))
    ws.set_column(0, 0, 22)
    ws.set_column(1, 5, 16)
    ws.write_string(0, 0, doc.title, f_title)
    ws.write_string(1, 0, doc.subtitle, f_text)
    row = 3
    for section in doc.sections:
        ws.write_string(row, 0, section.title, f_bold)
        row += 1
        for block in section.blocks:
            if isinstance(block, Table):
                for col, h in enumerate(block.header):
                    ws.write_string(row, col, h, f_head)
                row += 1
                for r in block.rows:
                    for col, cell in enumerate(r.cells):
                        if block.align[col] == "r" and cell and cell != "—":
                            try:
                                fmt = f_total if r.style == "total" else f_money
                                ws.write_number(row, col, parse_amount(cell), fmt)
                                continue
                            except ValueError:
                                pass
                        ws.write_string(row, col, cell, f_text)
                    row += 1
            elif isinstance(block, KeyValues):
                for k, v in block.pairs:
                    ws.write_string(row, 0, k, f_bold)
                    ws.write_string(row, 1, v, f_text)
                    row += 1
            elif isinstance(block, Signature):
                for label in block.labels:
                    ws.write_string(row, 0, label, f_text)
                    row += 2
            else:
                ws.write_string(row, 0, block.text, f_text)
                row += 1
        row += 1
    wb.close()
    return buf.getvalue()


# ---------------------------------------------------------------------- the statement's plan section


def plan_sections(report, lang: str) -> tuple[Section, ...]:
    """One section per restructure of the contractual run: the plan and how each installment was met."""
    out = []
    w = word_table("plan", lang)
    p = report.places
    for k, plan in enumerate(report.plans):
        before = money(plan.balance_before["total"], p)
        blocks = [Paragraph(w["intro"].format(date=date_text(plan.date, lang), before=before,
                                              ccy=report.currency, amount=money(plan.amount, p), n=plan.count,
                                              rate=plan.rate_text, first=date_text(plan.due_dates[0], lang)))]
        if plan.forgiven:
            blocks.append(Paragraph(w["forgiven"].format(forgiven=money(plan.forgiven, p), ccy=report.currency),
                                    "small"))
        if plan.capped:
            blocks.append(Paragraph(w["capped"].format(amount=money(plan.amount, p), ccy=report.currency), "small"))
        rows = []
        for x in plan.installments:
            status = x.status
            if status == "unpaid" and x.days_late <= plan.grace_days:
                status = "not_due"
            text = w["status_names"].get(status, status).format(d=x.days_late)
            rows.append(Row((str(x.n), date_text(x.due, lang), money(x.total, p), money(x.paid, p),
                             date_text(x.paid_on, lang) if x.paid_on else "—", text),
                            "note" if status in ("late", "unpaid") else ""))
        last = len(plan.due_dates)
        for n, due in enumerate(plan.due_dates[len(plan.installments):], len(plan.installments) + 1):
            rows.append(Row((str(n), date_text(due, lang), money(plan.annuity, p) if n < last else w["rest"], "—", "—",
                             w["status_names"]["not_due"])))
        blocks.append(Table((w["n"], w["due"], w["installment"], w["paid"], w["paid_on"], w["status"]), tuple(rows),
                            "llrrll", (0.5, 1.1, 1, 1, 1.1, 1.4)))
        out.append(Section(f"plan{k + 1}", w["title"], tuple(blocks)))
    return tuple(out)


def plan_sheet(book, ws) -> None:
    """The statement workbook's Plan sheet: each restructure, its installments and how each was met
    (amounts as numbers, dates as dates)."""
    report, lang = book.r, book.lang
    w = word_table("plan", lang)
    row = 0
    for section, plan in zip(plan_sections(report, lang), report.plans):
        book.text(ws, row, 0, section.title, book.f_bold)
        row += 1
        for block in section.blocks:
            if isinstance(block, Paragraph):
                book.text(ws, row, 0, block.text, book.f_wrap if hasattr(book, "f_wrap") else None)
                row += 1
        book.header(ws, row, (w["n"], w["due"], w["installment"], w["paid"], w["paid_on"], w["status"]),
                    (8, 14, 14, 14, 16, 28))
        row += 1
        table = next(b for b in section.blocks if isinstance(b, Table))
        for k, cells in enumerate(r.cells for r in table.rows):
            x = plan.installments[k] if k < len(plan.installments) else None
            ws.write_number(row, 0, k + 1, book.f_int)
            book.date(ws, row, 1, x.due if x is not None else plan.due_dates[k])
            if x is not None:
                book.number(ws, row, 2, x.total)
                book.number(ws, row, 3, x.paid)
                book.date(ws, row, 4, x.paid_on)
            else:
                if k < len(plan.due_dates) - 1:
                    book.number(ws, row, 2, plan.annuity)
                else:
                    book.text(ws, row, 2, cells[2])
                book.text(ws, row, 3, "")
                book.text(ws, row, 4, "")
            book.text(ws, row, 5, cells[5])
            row += 1
        row += 1
    book.page_setup(ws, 1, freeze=False)
