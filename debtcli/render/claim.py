"""The claim (诉讼请求与计算清单): the appendix a claimant files with a statement of claim. The
claims, one per component of the lawful balance, in the wording courts use (判令被告偿还借款本金 X 元
及利息（以 X 元为基数，自 … 起按年利率 …% 计算至实际清偿之日止）); the computation list in the
court form; the evidence list with each file's SHA-256. Every figure comes from the Report: what
is claimed is the lawful balance, never the demand."""

from __future__ import annotations

from decimal import Decimal

from debtcli.messages import word_table
from debtcli.model.money import ZERO
from debtcli.model.records import PERIOD_MONTHS
from debtcli.render.document import KeyValues, Paragraph, Row, Section, Signature, Statement, Table
from debtcli.render.i18n import annual_of_period, component_name, date_text, money, percent
from debtcli.render.statement import _computation_section
from debtcli.report.model import ComputationLine, Report

ACCRUED = ("interest", "default_interest", "compound_interest", "judgment_interest")
CHARGES = ("fees", "penalties")


def running_line(r: Report) -> ComputationLine | None:
    """The lawful line that runs on at the as-of date: overdue principal's default interest, else
    contract interest, on the outstanding principal."""
    lines = [ln for ln in r.computation if ln.run == "lawful" and ln.end == r.as_of]
    for component in ("default_interest", "interest"):
        on_principal = [ln for ln in lines if ln.component == component and ln.base == r.lawful.get("principal")]
        if on_principal:
            return on_principal[-1]
    return None


def annual_rate(line: ComputationLine) -> Decimal:
    return annual_of_period(line.rate, line.per) if line.per in PERIOD_MONTHS else line.rate


def claims(r: Report, lang: str) -> list[str]:
    w = word_table("claim", lang)
    t = r.terms.case
    lawful = r.lawful
    out = []
    principal = lawful.get("principal") or ZERO
    amount = (lambda v: money(v, r.places)) if lang == "zh" else (lambda v: f"{money(v, r.places)} {r.currency}")
    if principal:
        text = w["principal"].format(defendant=t.borrower or "", plaintiff=t.lender or "", amount=amount(principal))
        line = running_line(r)
        if line is not None:
            text += w["with_running"].format(what=w[f"running_{line.component}"], base=amount(line.base),
                                             start=date_text(r.as_of, lang),
                                             rate=percent(annual_rate(line)))
        out.append(text)
    accrued = [(k, lawful.get(k) or ZERO) for k in ACCRUED if lawful.get(k)]
    accrued += [(k, lawful.get(k) or ZERO) for k in CHARGES if lawful.get(k)]
    for key, value in accrued:
        out.append(w["to_date"].format(as_of=date_text(r.as_of, lang), what=component_name(key, lang).lower()
                                       if lang == "en" else component_name(key, lang), amount=amount(value)))
    if lawful.get("costs"):
        out.append(w["costs_claim"].format(amount=amount(lawful["costs"])))
    out.append(w["court_fee"])
    return [f"{i}. {text}{w['last'] if i == len(out) else w['end']}" for i, text in enumerate(out, 1)]


def build_claim(r: Report, lang: str) -> Statement:
    w = word_table("claim", lang)
    t = r.terms
    cause = "cause_card" if t.contract.product == "card" else (
        "cause_loan" if t.case.lender_kind == "individual" else "cause_bank")
    parties = Section("parties", w["parties"], (KeyValues((
        (w["plaintiff"], t.case.lender or "—"), (w["defendant"], t.case.borrower or "—"), (w["cause"], w[cause]))),))
    total = r.lawful["total"]
    amount = money(total, r.places) if lang == "zh" else f"{money(total, r.places)} {r.currency}"
    claim = Section("claims", w["claims"], tuple(Paragraph(x) for x in claims(r, lang))
                    + (Paragraph(w["total"].format(amount=amount, as_of=date_text(r.as_of, lang)), "small"),))
    keys = [k for k in r.lawful if k != "total" and r.lawful[k]] + ["total"]
    summary = Table((w["component"], w["amount"]),
                    tuple(Row((component_name(k, lang), money(r.lawful[k], r.places)), "total" if k == "total" else "")
                          for k in keys), "lr", (3, 1.2))
    computation = _computation_section(r, lang)
    listing = Section("list", w["list"], (Paragraph(w["list_intro"], "small"), summary) + computation.blocks[1:])
    evidence = Section("evidence", w["evidence"], (
        Paragraph(w["evidence_intro"], "small"),
        Table((w["no"], w["name"], w["rows"], w["sha256"]),
              tuple(Row((str(i), f.file, str(f.rows), f.sha256)) for i, f in enumerate(r.inputs, 1)),
              "rlrl", (0.4, 1.8, 0.7, 4.2), mono=(3,))))
    sign = Section("signature", w["signature"], (Signature((w["signed_by"], w["date"])),))
    subtitle = f"{w['reference']}: {t.case.reference or t.case.id}   {w['as_of']}: {date_text(r.as_of, lang)}"
    return Statement(lang, w["title"], subtitle, (parties, claim, listing, evidence, sign), r.as_of, t.case.id,
                     w["page"])
