"""The settlement offer letter (还款方案 / 和解要约) and the payment-plan section of the statement.

The offer is built as the statement's format-free document (sections of key-value lists, tables and
paragraphs) and laid out by the one document writer (``render.writer``: PDF, DOCX, HTML, Markdown);
the workbook is written here. Every figure comes from the ``Quote``; nothing is recomputed.
"""

from __future__ import annotations

import io
from datetime import datetime

from debtcli.messages import value_text
from debtcli.model.records import COMPONENTS
from debtcli.render.i18n import component_name, date_text, money, sheet_name
from debtcli.render.document import KeyValues, Paragraph, Row, Section, Signature, Statement, Table
from debtcli.render.writer import render_document

TEXT = {
    "zh": {
        "title": "还款方案（和解要约）", "reference": "编号", "date": "方案日期",
        "parties": "当事人", "lender": "债权人", "borrower": "债务人", "case": "案件编号", "currency": "币种",
        "amounts": "结清金额", "component": "项目", "contractual": "按合同计算", "lawful": "依法可主张",
        "waived": "减免", "after": "减免后应付", "total": "合计",
        "intro": "截至 {on}（不含当日）依法可主张的余额为 {lawful} {ccy}。债权人同意减免 {waived} {ccy}，"
                 "债务人于 {on} 一次付清 {after} {ccy} 即告结清。",
        "per_diem": "如在 {on} 之后付款，依法余额每日约增加 {per_diem} {ccy}（减免前）。",
        "waiver_note": "减免以债权人书面批准为准，并以债务人按本方案付款为条件。",
        "plan": "分期还款计划", "plan_intro": "或者，债务人可将上述 {amount} {ccy} 分 {n} 期按月偿还，年利率 {rate}，"
                                         "首期于 {first} 到期：",
        "n": "期数", "due": "到期日", "principal": "本金", "interest": "利息", "installment": "应还",
        "balance": "剩余", "plan_note": "任一期逾期未还的，债权人可按原合同主张剩余欠款（以减免前的依法余额为限）。",
        "conventions": "计算口径", "rules": "规则包及版本",
        "signature": "签署", "creditor_sign": "债权人（盖章）：", "debtor_sign": "债务人（签字）：", "sign_date": "日期：",
        "disclaimer_title": "说明",
        "disclaimer": "本方案金额由 debtcli 依据案件输入文件按所注明的计算口径计算，依法金额为债权人最多可主张的金额。",
        "page": "第 {n} 页 共 {total} 页",
    },
    "en": {
        "title": "Settlement offer", "reference": "Reference", "date": "Date of the offer",
        "parties": "Parties", "lender": "Creditor", "borrower": "Debtor", "case": "Case", "currency": "Currency",
        "amounts": "Amount to settle", "component": "Component", "contractual": "Per contract",
        "lawful": "Lawful (the most)", "waived": "Waived", "after": "To pay", "total": "Total",
        "intro": "On {on} (interest up to the day before) the lawful balance is {lawful} {ccy}. The creditor agrees "
                 "to waive {waived} {ccy}: a single payment of {after} {ccy} on {on} settles the debt.",
        "per_diem": "If payment is made after {on}, the lawful balance grows by about {per_diem} {ccy} a day "
                    "(before waivers).",
        "waiver_note": "The waiver stands on the creditor's written approval and on payment as offered.",
        "plan": "Payment plan", "plan_intro": "Alternatively, the debtor may pay the {amount} {ccy} in {n} monthly "
                                             "installments at {rate} a year, the first due on {first}:",
        "n": "No.", "due": "Due", "principal": "Principal", "interest": "Interest", "installment": "Installment",
        "balance": "Balance", "plan_note": "If an installment is missed, the creditor may claim the rest under the "
                                           "original contract (at most the lawful balance before waivers).",
        "conventions": "Conventions", "rules": "Rule pack",
        "signature": "Signatures", "creditor_sign": "Creditor (seal):", "debtor_sign": "Debtor (signature):",
        "sign_date": "Date:",
        "disclaimer_title": "Note",
        "disclaimer": "The figures are computed by debtcli from the case's input files under the conventions "
                      "stated; the lawful figure is the most the creditor may ask.",
        "page": "Page {n} of {total}",
    },
}


def build_offer(q, lang: str) -> Statement:
    w = TEXT[lang]
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
    conv = tuple((k, value_text(v, lang)) for k, v in q.conventions.items())
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


PLAN_TEXT = {
    "zh": {"title": "还款计划（重组）及履行情况",
           "intro": "{date} 达成还款计划：以当日余额 {before} {ccy} 为基础，{amount} {ccy} 分 {n} 期按月偿还，年利率 {rate}，"
                    "自 {first} 起每月到期；自该日起原还款安排由本计划取代。还款计划构成对债务的承认，诉讼时效自该日中断。",
           "forgiven": "计划金额低于当日余额，差额 {forgiven} {ccy} 不再主张。",
           "capped": "约定的计划金额高于本次计算的当日余额，按余额 {amount} {ccy} 计算。",
           "rest": "余额", "n": "期数", "due": "到期日", "installment": "应还", "paid": "已还", "paid_on": "还清日", "status": "履行情况",
           "status_names": {"paid": "按期还清", "late": "逾期 {d} 天还清", "unpaid": "未还清，已逾期 {d} 天",
                            "not_due": "未到期"}},
    "en": {"title": "Payment plan (restructure) and how it was kept",
           "intro": "On {date} a payment plan was agreed: of the balance of {before} {ccy} on that day, {amount} {ccy} "
                    "in {n} monthly installments at {rate} a year from {first}; from that day the plan replaces the "
                    "remaining schedule. A plan is an acknowledgment of the debt: the limitation period restarts.",
           "forgiven": "The plan is for less than the balance: {forgiven} {ccy} is no longer claimed.",
           "capped": "The plan amount agreed is above the balance of this run on that day; the balance {amount} {ccy} "
                     "is used.",
           "rest": "the rest", "n": "No.", "due": "Due", "installment": "Installment", "paid": "Paid",
           "paid_on": "Paid in full on",
           "status": "Kept?",
           "status_names": {"paid": "paid on time", "late": "paid {d} days late", "unpaid": "unpaid, {d} days late",
                            "not_due": "not yet due"}},
}


def plan_sections(report, lang: str) -> tuple[Section, ...]:
    """One section per restructure of the contractual run: the plan and how each installment was met."""
    out = []
    w = PLAN_TEXT[lang]
    p = report.places
    for k, plan in enumerate(report.plans):
        r = plan.restructure
        before = money(plan.balance_before["total"], p)
        blocks = [Paragraph(w["intro"].format(date=date_text(r.date, lang), before=before,
                                              ccy=report.currency, amount=money(plan.amount, p), n=r.installments,
                                              rate=r.rate_text, first=date_text(plan.due_dates[0], lang)))]
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
    w = PLAN_TEXT[lang]
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
