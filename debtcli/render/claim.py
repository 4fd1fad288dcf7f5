"""The claim (诉讼请求与计算清单): the appendix a claimant files with a statement of claim. The
claims, one per component of the lawful balance, in the wording courts use (判令被告偿还借款本金 X 元
及利息（以 X 元为基数，自 … 起按年利率 …% 计算至实际清偿之日止）); the computation list in the
court form; the evidence list with each file's SHA-256. Every figure comes from the Report: what
is claimed is the lawful balance, never the demand."""

from __future__ import annotations

from decimal import Decimal

from debtcli.model.money import ZERO
from debtcli.render.document import KeyValues, Paragraph, Row, Section, Signature, Statement, Table
from debtcli.render.i18n import annual_of_monthly, component_name, date_text, money, percent
from debtcli.render.statement import _computation_section
from debtcli.report.model import ComputationLine, Report

WORDS = {
    "zh": {
        "title": "诉讼请求与计算清单",
        "reference": "编号", "as_of": "计算截止日",
        "parties": "当事人", "plaintiff": "原告", "defendant": "被告", "cause": "案由",
        "cause_loan": "民间借贷纠纷", "cause_bank": "金融借款合同纠纷", "cause_card": "信用卡纠纷",
        "claims": "诉讼请求",
        "principal": "判令被告{defendant}向原告{plaintiff}偿还借款本金 {amount} 元",
        "with_running": "及{what}（以 {base} 元为基数，自 {start} 起按年利率 {rate} 计算至实际清偿之日止）",
        "running_interest": "利息", "running_default_interest": "逾期利息",
        "to_date": "判令被告支付截至 {as_of} 的{what} {amount} 元",
        "costs_claim": "判令被告承担原告为实现债权支出的费用 {amount} 元",
        "court_fee": "本案诉讼费用由被告承担",
        "total": "以上金额合计 {amount} 元（暂计至 {as_of}）。",
        "end": "；", "last": "。",
        "list": "计算清单",
        "list_intro": "各项金额按依法可主张的数额计算；每行为 基数 × 利率 × 天数 ÷ 计息基准 的法院格式。",
        "component": "项目", "amount": "金额（元）",
        "evidence": "证据目录",
        "no": "序号", "name": "证据名称", "rows": "记录行数", "sha256": "SHA-256 校验值",
        "evidence_intro": "以下文件为计算所依据的原始材料；校验值可用于核对提交的文件未经改动。",
        "signature": "具状", "signed_by": "具状人", "date": "日期",
        "page": "第 {n} 页 共 {total} 页",
    },
    "en": {
        "title": "Claims and computation list",
        "reference": "Reference", "as_of": "As of",
        "parties": "Parties", "plaintiff": "Plaintiff", "defendant": "Defendant", "cause": "Cause of action",
        "cause_loan": "Private lending dispute", "cause_bank": "Financial loan contract dispute",
        "cause_card": "Credit card dispute",
        "claims": "Claims",
        "principal": "Order the defendant {defendant} to repay the plaintiff {plaintiff} principal of {amount}",
        "with_running": " with {what} (on a base of {base}, from {start} at {rate} a year until the day of "
                        "actual payment)",
        "running_interest": "interest", "running_default_interest": "default interest",
        "to_date": "Order the defendant to pay {what} to {as_of} of {amount}",
        "costs_claim": "Order the defendant to bear the plaintiff's costs of enforcing the claim of {amount}",
        "court_fee": "Order the defendant to bear the court fees of this case",
        "total": "Total of the above: {amount} (computed to {as_of}).",
        "end": ";", "last": ".",
        "list": "Computation list",
        "list_intro": "Each amount is the lawful amount; each line is base × rate × days / basis, the form courts use.",
        "component": "Item", "amount": "Amount",
        "evidence": "List of evidence",
        "no": "No.", "name": "Evidence", "rows": "Rows", "sha256": "SHA-256",
        "evidence_intro": "The files the computation rests on; the hash shows that a filed copy is unchanged.",
        "signature": "Signature", "signed_by": "Claimant", "date": "Date",
        "page": "Page {n} of {total}",
    },
}
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
    return annual_of_monthly(line.rate) if line.per == "month" else line.rate


def claims(r: Report, lang: str) -> list[str]:
    w = WORDS[lang]
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
    w = WORDS[lang]
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
