"""The statement as a workbook an auditor can re-check in Excel or LibreOffice (XlsxWriter).

Sheets: Summary, Computation, Payments, Findings, Inputs (and Cycles for a card account); a Chinese
workbook names them in Chinese (``words.sheet.*`` of the message catalogue). Every
computation line is a live formula ``=ROUND(base*rate*days/basis, places)``, every sum a formula,
and every formula cell also stores the Report's figure as its cached value, so previews and
readers that do not recalculate show the same figures. Text that came from input files is always
written with ``write_string``: a borrower named ``=HYPERLINK(...)`` stays text.
"""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from debtcli.messages import basis_text, finding_basis, finding_message, value_text, word_table
from debtcli.messages.problems import problem_text
from debtcli.model.money import ZERO, fmt_grouped, round_money
from debtcli.model.records import COMPONENTS
from debtcli.render.i18n import card_terms_pairs, component_name, court_form, date_text, last_day_shown, rate_words, \
    sheet_name, words
from debtcli.render.offer import plan_sheet
from debtcli.render.statement import _verdict, computation_groups, evidence_text
from debtcli.report.model import KEYS, Report

SHEETS = ("Summary", "Computation", "Payments", "Findings", "Inputs")


class _Book:
    """The workbook, its formats, and small writers that keep text as text."""

    def __init__(self, buf, report: Report, lang: str):
        self.r = report
        self.lang = lang
        self.w = words(lang)
        self.x = word_table("xlsx", lang)
        self.places = report.places
        self.wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False, "strings_to_numbers": False})
        created = datetime(report.as_of.year, report.as_of.month, report.as_of.day)
        self.wb.set_properties({"title": f"{self.w['title']} {report.terms.case.id}", "author": "debtcli",
                                "company": "", "created": created, "comments": f"debtcli {report.tool_version}"})
        money = "#,##0" + ("." + "0" * self.places if self.places else "")
        font = {"font_name": "Microsoft YaHei" if lang == "zh" else "Calibri", "font_size": 10}
        f = self.wb.add_format
        self.f_text = f({**font, "valign": "top"})
        self.f_wrap = f({**font, "text_wrap": True, "valign": "top"})
        self.f_head = f({**font, "bold": True, "bg_color": "#E8ECF2", "border": 1, "text_wrap": True,
                         "valign": "top"})
        self.f_title = f({**font, "bold": True, "font_size": 14})
        self.f_bold = f({**font, "bold": True})
        self.f_money = f({**font, "num_format": money, "valign": "top"})
        self.f_money_total = f({**font, "num_format": money, "bold": True, "top": 1, "bg_color": "#EEF3EA"})
        self.f_total = f({**font, "bold": True, "top": 1, "bg_color": "#EEF3EA"})
        self.f_group = f({**font, "bold": True, "bg_color": "#F4F4F4"})
        self.f_note = f({**font, "italic": True})
        self.f_money_note = f({**font, "num_format": money, "italic": True})
        self.f_rate = f({**font, "num_format": "0.0000%", "valign": "top"})
        self.f_int = f({**font, "num_format": "0", "valign": "top"})
        self.f_date = f({**font, "num_format": "yyyy-mm-dd", "valign": "top"})
        self.f_mono = f({"font_name": "Consolas", "font_size": 9, "valign": "top"})

    # writers: text is always a string cell, figures always numbers, dates always dates
    def text(self, ws, row, col, value, fmt=None):
        ws.write_string(row, col, "" if value is None else str(value), fmt or self.f_text)

    def number(self, ws, row, col, value, fmt=None):
        if value is None:
            ws.write_blank(row, col, None, fmt or self.f_money)
        else:
            ws.write_number(row, col, value, fmt or self.f_money)

    def date(self, ws, row, col, value, fmt=None):
        if value is None:
            ws.write_blank(row, col, None, fmt or self.f_date)
        else:
            ws.write_datetime(row, col, datetime(value.year, value.month, value.day), fmt or self.f_date)

    def formula(self, ws, row, col, formula: str, value: Decimal, fmt=None):
        """A live formula with the Report's figure as its cached value (written as exact decimal text)."""
        ws.write_formula(row, col, formula, fmt or self.f_money, value)

    def header(self, ws, row, labels, widths=None):
        for col, label in enumerate(labels):
            self.text(ws, row, col, label, self.f_head)
        if widths:
            for col, width in enumerate(widths):
                ws.set_column(col, col, width)

    def page_setup(self, ws, header_rows: int, landscape: bool = False, freeze: bool = True):
        ws.set_paper(9)  # A4
        if landscape:
            ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0, header_rows - 1)
        if freeze:
            ws.freeze_panes(header_rows, 0)
        ws.set_footer("&L" + _escape_hf(self.r.terms.case.id) + "&R&P / &N")


def _escape_hf(text: str) -> str:
    return text.replace("&", "&&")


def _cell(row: int, col: int) -> str:
    return xl_rowcol_to_cell(row, col)


# ---------------------------------------------------------------------- sheets


def _summary(book: _Book, ws) -> None:
    r, w = book.r, book.w
    ws.set_column(0, 0, 26)
    ws.set_column(1, 4, 17)
    book.text(ws, 0, 0, w["title"], book.f_title)
    t, c = r.terms, r.terms.contract
    pairs = [(w["reference"], t.case.reference or t.case.id), (w["lender"], t.case.lender),
             (w["borrower"], t.case.borrower), (w["signed"], date_text(c.signed, book.lang))]
    if c.card is not None:  # a card's own terms, no contract principal or repayment method
        pairs += card_terms_pairs(c, book.lang, r.places, r.currency)
    else:
        pairs += [(w["rate"], rate_words(c.rate, book.lang)),
                  (w["method"], w["method_names"].get(c.method, c.method))]
    pairs += [(w["as_of"], date_text(r.as_of, book.lang)), (w["currency"], r.currency),
              (w["rules"], f"{r.rules_pack} {r.rules_version}")]
    row = 2
    for key, value in pairs:
        book.text(ws, row, 0, key, book.f_bold)
        book.text(ws, row, 1, value)
        row += 1
    if c.card is None:
        book.text(ws, row, 0, w["principal"], book.f_bold)
        book.number(ws, row, 1, c.principal)
        row += 1
    row += 1
    book.text(ws, row, 0, _verdict(r, book.lang), book.f_bold)
    row += 1
    if r.credit_lawful > 0:
        book.text(ws, row, 0, w["verdict_credit"].format(credit=fmt_grouped(r.credit_lawful, r.places),
                                                         ccy=r.currency), book.f_bold)
        row += 1
    head = row
    book.header(ws, head, (w["component"], w["demanded"], w["contractual"], w["lawful"], w["excess"]))
    first = head + 1
    last = first + len(COMPONENTS) - 1
    for i, k in enumerate(COMPONENTS):
        rr = first + i
        demanded = r.demanded.get(k) if r.demanded else None
        book.text(ws, rr, 0, component_name(k, book.lang))
        book.number(ws, rr, 1, demanded)
        book.number(ws, rr, 2, r.contractual[k])
        book.number(ws, rr, 3, r.lawful[k])
        _excess(book, ws, rr, r.excess.get(k))
    total = last + 1
    book.text(ws, total, 0, component_name("total", book.lang), book.f_total)
    demanded_total = r.demanded.get("total") if r.demanded else None
    book.number(ws, total, 1, demanded_total, book.f_money_total)  # the creditor's own figure, as stated
    for col, figures in ((2, r.contractual), (3, r.lawful)):
        book.formula(ws, total, col, f"=SUM({_cell(first, col)}:{_cell(last, col)})", figures["total"],
                     book.f_money_total)
    _excess(book, ws, total, r.excess.get("total"), book.f_money_total)
    row = total + 2
    if r.credit_contractual > 0 or r.credit_lawful > 0:
        book.text(ws, total + 1, 0, w["credit_row"])
        book.number(ws, total + 1, 2, r.credit_contractual)
        book.number(ws, total + 1, 3, r.credit_lawful)
        row += 1
    book.text(ws, row, 0, w["conventions"], book.f_bold)
    row += 1
    for key, value in r.conventions.items():
        book.text(ws, row, 0, w["convention_names"].get(key, key))
        book.text(ws, row, 1, value_text(value, book.lang, r.places))
        row += 1
    row += 1
    book.text(ws, row, 0, w["limitation"], book.f_bold)
    lim = r.limitation
    if lim is None:
        book.text(ws, row + 1, 0, w["limitation_none"])
        row += 2
    else:
        row += 1
        for key, value in ((w["limitation_starts"], date_text(lim.starts, book.lang)),
                           (w["limitation_expires"], date_text(lim.expires, book.lang)),
                           (w["limitation_status"], w["limitation_expired"] if lim.expired
                            else w["limitation_running"]),
                           (w["limitation_basis"], basis_text(lim.basis, book.lang))):
            book.text(ws, row, 0, key)
            book.text(ws, row, 1, value)
            row += 1
    row += 1
    book.text(ws, row, 0, w["tool"], book.f_bold)
    book.text(ws, row, 1, w["tool_text"].format(version=r.tool_version, as_of=date_text(r.as_of, book.lang)))
    book.text(ws, row + 1, 1, book.x["recalc"])
    book.text(ws, row + 2, 0, w["disclaimer_title"], book.f_bold)
    book.text(ws, row + 2, 1, w["disclaimer"])
    book.page_setup(ws, head + 1, freeze=False)


def _excess(book: _Book, ws, row: int, value, fmt=None) -> None:
    if value is None:
        book.number(ws, row, 4, None, fmt)
    else:
        book.formula(ws, row, 4, f"={_cell(row, 1)}-{_cell(row, 3)}", value, fmt)


def _computation(book: _Book, ws) -> None:
    r, x, w = book.r, book.x, book.w
    book.header(ws, 0, (x["no"], x["posted_on"], w["component"], x["from"], x["to"], x["days"], x["base"], x["rate"],
                        x["per"], x["basis"], x["amount"], x["raw"], x["text"]),
                (6, 12, 12, 12, 12, 7, 14, 10, 8, 9, 15, 15, 90))
    counting = r.terms.contract.counting
    row, n = 1, 0
    for g in computation_groups(r, book.lang):
        book.text(ws, row, 0, "", book.f_group)
        for col in range(1, 13):
            book.text(ws, row, col, g.title if col == 1 else "", book.f_group)
        row += 1
        first = row
        for ln in g.lines:
            n += 1
            book.number(ws, row, 0, n, book.f_int)
            book.date(ws, row, 1, g.posted_on)
            book.text(ws, row, 2, component_name(ln.component, book.lang))
            book.date(ws, row, 3, ln.start)
            book.date(ws, row, 4, last_day_shown(ln, counting))
            book.number(ws, row, 5, ln.days, book.f_int)
            book.number(ws, row, 6, ln.base)
            book.number(ws, row, 7, ln.rate, book.f_rate)
            book.text(ws, row, 8, x.get("per_" + ln.per, x["per_year"]))  # month, quarter ..., charge, else year
            book.number(ws, row, 9, ln.basis, book.f_int)
            if ln.per == "charge":  # 违约金 / late fee: rate x base, or a fixed sum, or the floor or cap that bound
                computed = ln.base * ln.rate
                bound = (ln.floor is not None and computed < ln.floor) or (ln.cap is not None and computed > ln.cap)
                if not ln.rate or bound:
                    book.number(ws, row, 10, ln.amount)
                    book.number(ws, row, 11, ln.raw, book.f_money_note)
                    book.text(ws, row, 12, court_form(ln, book.lang, r.places, r.currency, counting))
                    row += 1
                    continue
                product = f"{_cell(row, 6)}*{_cell(row, 7)}"
            else:
                product = f"{_cell(row, 6)}*{_cell(row, 7)}*{_cell(row, 5)}/{_cell(row, 9)}"
            book.formula(ws, row, 10, f"=ROUND({product},{r.places})", ln.amount)
            book.formula(ws, row, 11, f"={product}", ln.raw, book.f_money_note)
            book.text(ws, row, 12, court_form(ln, book.lang, r.places, r.currency, counting))
            row += 1
        last = row - 1
        lines_sum = f"SUM({_cell(first, 10)}:{_cell(last, 10)})"
        if g.posted is None or not (len(g.lines) > 1 or g.difference):
            continue
        diff_row, posted_row = (row, row + 1) if g.difference else (None, row)
        if diff_row is not None:
            book.text(ws, diff_row, 12, w["rounding_difference"], book.f_note)
            book.formula(ws, diff_row, 10, f"={_cell(posted_row, 10)}-{lines_sum}", g.difference,
                         book.f_money_note)
        book.text(ws, posted_row, 12, w["posted"], book.f_total)
        book.date(ws, posted_row, 1, g.posted_on)
        book.text(ws, posted_row, 2, component_name(g.component, book.lang))
        if round_money(g.raw_total, r.terms.contract.rounding, r.places) == g.posted:
            book.formula(ws, posted_row, 10, f"=ROUND(SUM({_cell(first, 11)}:{_cell(last, 11)}),{r.places})",
                         g.posted, book.f_money_total)
        else:  # posted unrounded (carry_precision) or by another rule: the posted figure as the engine has it
            book.number(ws, posted_row, 10, g.posted, book.f_money_total)
        row = posted_row + 1
    book.page_setup(ws, 1, landscape=True)


def _payments(book: _Book, ws) -> None:
    r, w = book.r, book.w
    used = [k for k in COMPONENTS if any(p.contractual.get(k) or p.lawful.get(k) for p in r.payments)]
    labels = [w["pay_date"], w["pay_amount"], w["pay_ref"], w["pay_status"]]
    labels += [f"{w['allocation_contract']}: {component_name(k, book.lang)}" for k in used]
    labels += [f"{w['allocation_lawful']}: {component_name(k, book.lang)}" for k in used]
    book.header(ws, 0, labels, [12, 14, 14, 10] + [14] * (2 * len(used)))
    ws.set_row(0, 42)
    row = 1
    for p in r.payments:
        book.date(ws, row, 0, p.date)
        book.number(ws, row, 1, p.amount)
        book.text(ws, row, 2, p.reference)
        book.text(ws, row, 3, w["status"].get(p.status, p.status))
        for i, k in enumerate(used):
            book.number(ws, row, 4 + i, p.contractual.get(k, ZERO))
            book.number(ws, row, 4 + len(used) + i, p.lawful.get(k, ZERO))
        row += 1
    if r.payments:
        first, last = 1, row - 1
        book.text(ws, row, 0, w["payments_total"], book.f_total)
        book.formula(ws, row, 1, f"=SUM({_cell(first, 1)}:{_cell(last, 1)})", r.payments_total, book.f_money_total)
        for i, k in enumerate(used):
            for col, side in ((4 + i, "contractual"), (4 + len(used) + i, "lawful")):
                total = sum((getattr(p, side).get(k, ZERO) for p in r.payments), ZERO)
                book.formula(ws, row, col, f"=SUM({_cell(first, col)}:{_cell(last, col)})", total,
                             book.f_money_total)
    else:
        book.text(ws, 1, 0, w["no_payments"])
    book.page_setup(ws, 1, landscape=True)


def _findings(book: _Book, ws) -> None:
    r, w, x = book.r, book.w, book.x
    book.header(ws, 0, ("#", w["finding_code"], x["severity"], w["component"], w["finding_amount"],
                        w["finding_message"], w["finding_basis"], w["finding_evidence"]),
                (5, 24, 9, 14, 14, 60, 40, 40))
    for i, f in enumerate(r.findings, 1):
        book.number(ws, i, 0, i, book.f_int)
        book.text(ws, i, 1, f.code)
        book.text(ws, i, 2, w["severity"].get(f.severity, f.severity))
        book.text(ws, i, 3, component_name(f.component, book.lang) if f.component else "")
        book.number(ws, i, 4, f.amount)
        book.text(ws, i, 5, finding_message(f, book.lang, r.places), book.f_wrap)
        book.text(ws, i, 6, finding_basis(f, book.lang, r.places), book.f_wrap)
        book.text(ws, i, 7, evidence_text(f, 50, book.lang), book.f_wrap)
    if not r.findings:
        book.text(ws, 1, 1, w["no_findings"])
    book.page_setup(ws, 1, landscape=True)


def _inputs(book: _Book, ws) -> None:
    r, w = book.r, book.w
    book.header(ws, 0, (w["file"], w["rows_used"], w["rows_rejected"], w["sha256"]), (36, 12, 12, 70))
    row = 1
    for i in r.inputs:
        book.text(ws, row, 0, i.file)
        book.number(ws, row, 1, i.rows, book.f_int)
        book.number(ws, row, 2, i.rejected, book.f_int)
        book.text(ws, row, 3, i.sha256, book.f_mono)
        row += 1
    row += 1
    if r.not_applied:
        book.text(ws, row, 0, w["not_applied"], book.f_bold)
        row += 1
        for x in r.not_applied:
            book.text(ws, row, 0, x.record.source.where())
            book.text(ws, row, 1, x.record.date.isoformat())
            book.text(ws, row, 2, str(x.record.amount))
            book.text(ws, row, 3, x.record.reference)
            row += 1
        row += 1
    if r.rejected or not r.not_applied:
        book.text(ws, row, 0, w["rejected_rows"] if r.rejected else w["no_rejected"], book.f_bold)
        row += 1
    if r.rejected:
        for col, label in enumerate((w["where"], w["reason"], w["raw"])):
            book.text(ws, row, col if col == 0 else col + 0, label, book.f_head)
        row += 1
        for x in r.rejected:
            book.text(ws, row, 0, x.source.where(book.lang))
            book.text(ws, row, 1, problem_text(x.reason, book.lang, whole=False))
            book.text(ws, row, 2, x.source.raw or "")
            row += 1
    if r.ignored:  # files of the case folder that were not read, each with its reason
        row += 1
        book.text(ws, row, 0, w["ignored_files"], book.f_bold)
        row += 1
        book.text(ws, row, 0, w["file"], book.f_head)
        book.text(ws, row, 1, w["ignored_why"], book.f_head)
        row += 1
        for name, why in r.ignored:
            book.text(ws, row, 0, name)
            book.text(ws, row, 1, why)
            row += 1
    for note in r.notes:
        row += 1
        book.text(ws, row, 0, problem_text(note, book.lang))
    book.page_setup(ws, 1)


def _cycles(book: _Book, ws, cycles: tuple) -> None:
    w = book.w
    book.header(ws, 0, w["cycle_cols"], (12, 12, 14, 14, 14, 12, 12, 14, 14, 10, 10))
    for i, c in enumerate(cycles, 1):
        book.date(ws, i, 0, c.statement_date)
        book.date(ws, i, 1, c.due_date)
        for col, key in enumerate(("opening", "new_transactions", "payments", "interest", "penalties", "closing",
                                   "minimum_payment"), start=2):
            book.number(ws, i, col, getattr(c, key))
        book.number(ws, i, 9, c.days_past_due, book.f_int)
        book.text(ws, i, 10, c.bucket)
    book.page_setup(ws, 1, landscape=True)


def _annual_cost(book: _Book, ws, cost) -> None:
    """The real annualised cost and the cash flows it comes from (``debtcli.report.apr``)."""
    w = book.w
    ws.set_column(0, 0, 34)
    ws.set_column(1, 3, 16)
    row = 0
    for key, value in ((w["apr"], cost.apr), (w["apr_effective"], cost.apr_effective),
                       (w["apr_actual"], cost.apr_actual)):
        book.text(ws, row, 0, key, book.f_bold)
        book.text(ws, row, 1, w["apr_none"] if value is None else f"{value:.2f}%")
        row += 1
    kinds = w["flow_kinds"]
    for intro, flows in ((w["apr_intro"], cost.flows), (w["apr_actual_intro"], cost.actual_flows)):
        if not flows:
            continue
        row += 1
        book.text(ws, row, 0, intro)
        row += 1
        book.header(ws, row, (w["flow_what"], w["flow_period"], w["flow_date"], w["flow_amount"]))
        for f in flows:
            row += 1
            book.text(ws, row, 0, kinds[f.what].format(n=f.n, name=f.name))
            book.text(ws, row, 1, f"{f.period.quantize(Decimal('0.0001')).normalize():f}")
            book.date(ws, row, 2, f.date)
            book.number(ws, row, 3, f.amount)
    book.page_setup(ws, 1, freeze=False)


def render_xlsx(report: Report, lang: str) -> bytes:
    buf = io.BytesIO()
    book = _Book(buf, report, lang)
    sheets = {name: book.wb.add_worksheet(sheet_name(name, lang)) for name in SHEETS}
    _summary(book, sheets["Summary"])
    _computation(book, sheets["Computation"])
    _payments(book, sheets["Payments"])
    _findings(book, sheets["Findings"])
    _inputs(book, sheets["Inputs"])
    cycles = report.card.cycles if report.card is not None else ()
    if cycles:
        _cycles(book, book.wb.add_worksheet(sheet_name("Cycles", lang)), cycles)
    if report.plans:
        plan_sheet(book, book.wb.add_worksheet(sheet_name("Plan", lang)))
    cost = report.annual_cost
    if cost is not None:
        _annual_cost(book, book.wb.add_worksheet(sheet_name("Annual cost", lang)), cost)
    book.wb.close()
    return buf.getvalue()


__all__ = ["render_xlsx", "SHEETS", "KEYS"]
