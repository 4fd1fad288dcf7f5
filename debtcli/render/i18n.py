"""Words and number forms of the statement in Chinese and English.

Dates, amounts, rates and the court form of a computation line (以本金……为基数，按年利率……计算，
自……至……，共……天，计……元) are written here, so that every format says a figure the same way.
Presentation only: nothing here computes a figure.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from debtcli.model.money import HUNDRED, fmt_grouped
from debtcli.model.records import COMPONENT_NAMES_EN, COMPONENT_NAMES_ZH


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

TEXT = {
    "zh": {
        "title": "债务核对明细表",
        "reference": "编号",
        "case_section": "案件与合同",
        "lender": "债权人", "borrower": "债务人", "signed": "合同签订日", "principal": "合同本金",
        "rate": "合同利率", "default_rate": "逾期利率（罚息）", "method": "还款方式", "term": "期限",
        "term_months": "{n} 个月", "as_of": "计算截止日", "currency": "币种", "rules": "规则包及版本",
        "demand_document": "催收文件", "filed": "起诉日",
        "summary": "各项金额汇总",
        "component": "项目", "demanded": "催收金额", "contractual": "按合同计算", "lawful": "依法计算",
        "excess": "差额（催收−依法）",
        "verdict_above": "结论：催收金额 {demanded}，依法可主张 {lawful}，超出 {over}（{ccy}）。",
        "verdict_within": "结论：催收金额 {demanded}，依法可主张 {lawful}，未超出（{ccy}）。",
        "verdict_no_demand": "未提供催收金额；下表列出按合同和依法计算的余额。",
        "verdict_credit": "借款人已多付 {credit}（{ccy}），应退还借款人。",
        "credit_row": "溢缴款（应退还借款人）",
        "demand_from_ledger": "催收金额取自债权人台账的最后余额，未按项目拆分。",
        "payments": "还款记录及冲抵",
        "payments_intro": "每笔还款先列出按合同的冲抵顺序，再列出依法重新冲抵的结果。",
        "pay_date": "日期", "pay_amount": "金额", "pay_ref": "流水号", "pay_status": "状态",
        "allocation_contract": "按合同冲抵", "allocation_lawful": "依法冲抵",
        "payments_total": "还款合计",
        "no_payments": "无还款记录。",
        "computation": "计算过程",
        "computation_intro": "每行按“基数 × 利率 × 天数 ÷ 计息基础天数”计算并四舍五入至分；"
                             "各行合计与入账金额之间的尾差单列一行。",
        "no_computation": "无计息期间。",
        "line_no": "序号", "line_text": "计算式", "line_amount": "金额",
        "posted": "入账金额", "rounding_difference": "尾差（入账金额 − 各行合计）",
        "posting_kind": {
            "installment": "第 {n} 期利息", "accrued": "至还款日累计", "acceleration": "宣布提前到期时的利息",
            "as_of": "计至截止日", "penalty": "未按期还款", "late_fee": "未按期还款", "fee": "费用", "cost": "费用",
            "statement": "账单计息", "credit": "溢缴款",
        },
        "findings": "核查发现",
        "no_findings": "未发现问题。",
        "severity": {"error": "错误", "warning": "提示", "info": "说明"},
        "finding_code": "代码", "finding_amount": "金额", "finding_message": "说明", "finding_basis": "依据",
        "finding_evidence": "证据",
        "limitation": "诉讼时效",
        "limitation_none": "所选规则包未评估诉讼时效。",
        "limitation_starts": "起算日", "limitation_expires": "届满日", "limitation_expired": "已届满",
        "limitation_running": "未届满", "limitation_status": "状态", "limitation_interruptions": "中断事由",
        "limitation_basis": "依据",
        "conventions": "计算口径",
        "annual_cost": "年化利率（综合资金成本）",
        "apr": "年化利率（内部收益率法）", "apr_effective": "实际年化利率（复利）",
        "apr_actual": "按实际收付计算的年化利率", "apr_none": "无法计算",
        "apr_intro": "按中国人民银行公告〔2021〕第3号的口径：以借款人实际到手金额和各期应还本金、利息及全部费用"
                     "（含预扣和按期收取的费用）求内部收益率，按剩余本金计收资金成本；下表列出计算所依据的现金流"
                     "（正数为借款人收到，负数为借款人支付）。",
        "apr_actual_intro": "按实际收付计算：实际到手金额、每笔还款，以及核对日的欠款余额（视为当日结清）。",
        "flow_period": "期数", "flow_date": "日期", "flow_what": "现金流", "flow_amount": "金额",
        "flow_kinds": {"received": "借款人实际到手", "installment": "第 {n} 期应还", "fee": "费用：{name}",
                       "payment": "还款 {name}", "balance": "核对日欠款余额"},
        "evidence": "证据清单",
        "file": "文件", "kind": "类别", "rows_used": "采用行数", "rows_rejected": "未采用行数", "sha256": "SHA-256",
        "rejected_rows": "未采用的输入行", "where": "位置", "reason": "原因", "raw": "原文",
        "no_rejected": "所有输入行均已采用。",
        "not_applied": "晚于核算日的还款（已列明，未计入）", "not_applied_count": "未计入行数",
        "ignored_files": "案件文件夹中未读取的文件", "ignored_why": "未读取原因",
        "cycles": "账单周期",
        "cycle_cols": ("账单日", "到期还款日", "期初余额", "新增交易", "还款", "利息", "违约金", "期末余额",
                       "最低还款额", "逾期天数", "账龄"),
        "notes": "输入提示",
        "tool": "生成工具", "tool_text": "debtcli {version}，依据截至 {as_of} 的输入生成；相同输入生成相同文件。",
        "signature": "签署",
        "prepared_by": "经办人（签字）：", "checked_by": "复核人（签字）：", "sign_date": "日期：",
        "disclaimer_title": "声明",
        "disclaimer": "本明细表根据所列输入文件和所注明的计算口径生成，每一金额均可按上述计算式复核。"
                      "本表不构成法律意见；如输入有误或适用规则不同，结果将随之变化。",
        "page": "第 {n} 页 共 {total} 页",
        "yes": "是", "no": "否", "none": "无",
        "status": {"matched": "已匹配", "unposted": "未入账", "unverified": "未核实", "recorded": "已记录",
                   "mismatched": "入账金额或日期不符"},
        "method_names": {"equal_installment": "等额本息", "equal_principal": "等额本金",
                         "interest_only": "按期付息到期还本", "bullet": "到期一次还本付息", "custom": "自定义计划",
                         "flat": "等本等息"},
        "convention_names": {
            "day_count": "计息天数规则", "counting": "首尾日计算", "interest_method": "计息方式",
            "rounding": "舍入", "allocation": "冲抵顺序", "grace_days": "宽限期（天）",
            "default_rate": "逾期利率", "compound": "复利", "early_payments": "提前还款",
            "same_day_order": "同日事件顺序", "rule_pack": "规则包",
            "method": "还款方式", "installment_multiple": "期供取整倍数", "late_fee": "逾期费",
            "maturity": "到期日", "overdue_from": "逾期起算日", "periodic_fees": "按期收取的费用",
            "apr": "年化利率口径",
            "statement": "账单周期", "interest_model": "计息方式（未全额还款时）", "interest_days": "计息天数",
            "interest_free": "免息期", "compounding": "复利", "interest_on_fees": "费用、违约金计息",
            "minimum_payment": "最低还款额", "late_penalty": "违约金", "cash_advance_fee": "取现手续费",
            "write_off": "核销", "lender_regime": "出借人类别及适用规则", "principal": "本金认定",
            "rolled_over": "利息计入本金（借新还旧）", "regime": "适用的司法解释", "formation": "合同成立日",
            "ceiling": "利率上限", "transition": "新旧规定衔接", "ceiling_notes": "利率上限说明",
            "band_24_36": "年利率 24% 至 36% 区间", "overdue_interest": "逾期利息", "day_count_other": "计息天数（另一口径）",
            "judgment": "判决阶段", "court_fee": "案件受理费", "card_rate": "透支利率", "card_fee_interest": "费用计息",
            "card_late_charge": "滞纳金、违约金",
        },
        "kind_names": {},
        "card_rate": "透支利率", "statement_day": "账单日", "statement_day_text": "每月 {n} 日",
        "due": "到期还款日", "due_day_text": "每月 {n} 日", "due_days_text": "账单日后 {n} 天",
        "grace_days": "宽限期", "days_text": "{n} 天", "interest_model": "计息方式",
        "model_names": {"full_balance": "全额计息", "unpaid_part": "未还部分计息"},
        "model_unstated": "合约未约定（按对债权人有利的全额计息计算）",
        "minimum_payment": "最低还款额", "minimum_text": "新增本金的 {rate}，加当期利息、费用、违约金及上期未还最低还款额",
        "credit_limit": "信用额度", "late_penalty": "违约金", "late_penalty_text": "最低还款额未还部分的 {rate}",
        "at_least": "，最低 {x}", "at_most": "，最高 {x}",
        "rate_per": {"year": "年利率 {x}", "month": "月利率 {x}", "day": "日利率 {x}"},
        "lpr": {"1Y": "一年期贷款市场报价利率（LPR）", "5Y": "五年期以上贷款市场报价利率（LPR）"},
        "lpr_times": "{x} 倍", "lpr_plus": "加 {x}", "lpr_minus": "减 {x}",
        "markup": "合同利率上浮 {x}",
    },
    "en": {
        "title": "Itemised debt statement",
        "reference": "Reference",
        "case_section": "Case and contract",
        "lender": "Lender", "borrower": "Borrower", "signed": "Contract signed", "principal": "Contract principal",
        "rate": "Contract rate", "default_rate": "Default rate", "method": "Repayment method", "term": "Term",
        "term_months": "{n} months", "as_of": "As of", "currency": "Currency", "rules": "Rule pack and version",
        "demand_document": "Demand document", "filed": "Claim filed",
        "summary": "Summary by component",
        "component": "Component", "demanded": "Demanded", "contractual": "Per contract", "lawful": "Lawful",
        "excess": "Difference (demanded − lawful)",
        "verdict_above": "Verdict: demanded {demanded}, lawful {lawful}, above the lawful balance by {over} ({ccy}).",
        "verdict_within": "Verdict: demanded {demanded}, lawful {lawful}: within the lawful balance ({ccy}).",
        "verdict_no_demand": "No demand was given; the balances under the contract and under the law follow.",
        "verdict_credit": "The borrower has paid {credit} ({ccy}) more than is owed: a credit due to the borrower.",
        "credit_row": "Credit due to the borrower (overpaid)",
        "demand_from_ledger": "The demanded total is the last running balance of the creditor's ledger, "
                              "not broken down by component.",
        "payments": "Payments and how they were applied",
        "payments_intro": "Each payment shows how the contract applies it and how it is applied lawfully.",
        "pay_date": "Date", "pay_amount": "Amount", "pay_ref": "Reference", "pay_status": "Status",
        "allocation_contract": "Applied per contract", "allocation_lawful": "Applied lawfully",
        "payments_total": "Total paid",
        "no_payments": "No payments.",
        "computation": "Computation",
        "computation_intro": "Each line is base × rate × days ÷ basis, rounded to the cent; where the posted "
                             "amount differs from the sum of its rounded lines, the difference is its own line.",
        "no_computation": "No accrual spans.",
        "line_no": "No.", "line_text": "Computation", "line_amount": "Amount",
        "posted": "Posted", "rounding_difference": "Rounding difference (posted − sum of lines)",
        "posting_kind": {
            "installment": "interest of installment {n}", "accrued": "accrued to the payment",
            "acceleration": "interest on acceleration", "as_of": "accrued to the as-of date",
            "penalty": "for a missed payment", "late_fee": "for a missed payment", "fee": "fee", "cost": "cost",
            "statement": "billed on the statement", "credit": "credit",
        },
        "findings": "Findings",
        "no_findings": "No findings.",
        "severity": {"error": "error", "warning": "warning", "info": "info"},
        "finding_code": "Code", "finding_amount": "Amount", "finding_message": "Finding", "finding_basis": "Basis",
        "finding_evidence": "Evidence",
        "limitation": "Limitation period",
        "limitation_none": "The rule pack used does not assess the limitation period.",
        "limitation_starts": "Starts", "limitation_expires": "Expires", "limitation_expired": "expired",
        "limitation_running": "running", "limitation_status": "Status", "limitation_interruptions": "Interruptions",
        "limitation_basis": "Basis",
        "conventions": "Conventions used",
        "annual_cost": "Annualised cost",
        "apr": "APR (IRR method)", "apr_effective": "Effective annual rate (compounded)",
        "apr_actual": "APR from the actual cash flows", "apr_none": "cannot be computed",
        "apr_intro": "As PBOC Announcement [2021] No. 3 defines it: the internal rate of return of the money the "
                     "borrower actually received against every scheduled payment of principal, interest and fees "
                     "(withheld or periodic), so cost is measured on the principal actually outstanding. The cash "
                     "flows it comes from follow (positive: received by the borrower; negative: paid).",
        "apr_actual_intro": "From what actually happened: the money received, each payment, and the balance owed on "
                            "the as-of date as if settled that day.",
        "flow_period": "Period", "flow_date": "Date", "flow_what": "Cash flow", "flow_amount": "Amount",
        "flow_kinds": {"received": "received by the borrower", "installment": "installment {n}", "fee": "fee: {name}",
                       "payment": "payment {name}", "balance": "balance owed on the as-of date"},
        "evidence": "Evidence",
        "file": "File", "kind": "Kind", "rows_used": "Rows used", "rows_rejected": "Rows rejected",
        "sha256": "SHA-256",
        "rejected_rows": "Input rows not used", "where": "Where", "reason": "Reason", "raw": "Text",
        "no_rejected": "Every input row was used.",
        "not_applied": "Payments dated after the as-of date (listed, not applied)", "not_applied_count": "Not applied",
        "ignored_files": "Files in the case folder that were not read", "ignored_why": "Why not read",
        "cycles": "Statement cycles",
        "cycle_cols": ("Statement", "Due", "Opening", "New transactions", "Payments", "Interest", "Penalties",
                       "Closing", "Minimum", "Days past due", "Bucket"),
        "notes": "Input notes",
        "tool": "Produced by", "tool_text": "debtcli {version} from the inputs as of {as_of}; the same inputs give "
                                            "the same file.",
        "signature": "Signature",
        "prepared_by": "Prepared by (signature):", "checked_by": "Checked by (signature):", "sign_date": "Date:",
        "disclaimer_title": "Disclaimer",
        "disclaimer": "This statement is computed from the input files listed and under the conventions stated; "
                      "every amount can be re-checked from its computation line. It is not legal advice; other "
                      "inputs or other rules give other figures.",
        "page": "Page {n} of {total}",
        "yes": "yes", "no": "no", "none": "none",
        "status": {"matched": "matched", "unposted": "not posted", "unverified": "unverified", "recorded": "recorded",
                   "mismatched": "posted differently"},
        "method_names": {"equal_installment": "equal installments", "equal_principal": "equal principal",
                         "interest_only": "interest only", "bullet": "bullet", "custom": "custom schedule",
                         "flat": "flat interest"},
        "convention_names": {
            "day_count": "Day count", "counting": "Counting of ends", "interest_method": "Interest method",
            "rounding": "Rounding", "allocation": "Allocation order", "grace_days": "Grace days",
            "default_rate": "Default rate", "compound": "Compound interest", "early_payments": "Early payments",
            "same_day_order": "Same-day order", "rule_pack": "Rule pack",
            "method": "Repayment method", "installment_multiple": "Installment multiple", "late_fee": "Late fee",
            "maturity": "Maturity", "overdue_from": "Overdue from", "periodic_fees": "Periodic fees",
            "apr": "Annualised cost",
            "statement": "Statement cycle", "interest_model": "Interest model", "interest_days": "Interest days",
            "interest_free": "Interest-free period", "compounding": "Compounding",
            "interest_on_fees": "Interest on fees", "minimum_payment": "Minimum payment", "late_penalty": "Late penalty",
            "cash_advance_fee": "Cash-advance fee", "write_off": "Write-off", "lender_regime": "Lender regime",
            "principal": "Principal", "rolled_over": "Rolled-over IOU", "regime": "Regime", "formation": "Formation",
            "ceiling": "Ceiling", "transition": "Transition", "ceiling_notes": "Ceiling notes",
            "band_24_36": "24% to 36% band", "overdue_interest": "Overdue interest",
            "day_count_other": "Day count (other reading)", "judgment": "Judgment stage", "court_fee": "Court fee",
            "card_rate": "Card rate", "card_fee_interest": "Interest on fees", "card_late_charge": "Late charges",
        },
        "kind_names": {},
        "card_rate": "Card rate", "statement_day": "Statement day", "statement_day_text": "day {n} of each month",
        "due": "Payment due", "due_day_text": "day {n} of each month", "due_days_text": "{n} days after the statement",
        "grace_days": "Grace period", "days_text": "{n} days", "interest_model": "Interest model",
        "model_names": {"full_balance": "full balance", "unpaid_part": "unpaid part only"},
        "model_unstated": "not stated in the agreement (full balance, the creditor-favourable reading, used)",
        "minimum_payment": "Minimum payment",
        "minimum_text": "{rate} of new principal plus the interest, fees, penalties and unpaid minimum billed",
        "credit_limit": "Credit limit", "late_penalty": "Late penalty", "late_penalty_text": "{rate} of the unpaid minimum",
        "at_least": ", at least {x}", "at_most": ", at most {x}",
        "rate_per": {"year": "{x} a year", "month": "{x} a month", "day": "{x} a day"},
        "lpr": {"1Y": "the one-year LPR", "5Y": "the five-year LPR"},
        "lpr_times": "{x} times", "lpr_plus": "plus {x}", "lpr_minus": "minus {x}",
        "markup": "the contract rate plus {x} of it",
    },
}


# the sheet names of a Chinese workbook (statement, offer), by the English name
SHEET_NAMES_ZH = {"Summary": "汇总", "Computation": "计算明细", "Payments": "还款", "Findings": "核查发现",
                  "Inputs": "输入文件", "Cycles": "账单周期", "Plan": "还款计划", "Annual cost": "年化成本",
                  "Offer": "和解报价"}


def sheet_name(name: str, lang: str) -> str:
    """The name of the sheet ``name`` (its English name) in a workbook in ``lang``."""
    return SHEET_NAMES_ZH.get(name, name) if lang == "zh" else name


def words(lang: str) -> dict:
    return TEXT[lang if lang in TEXT else "en"]


def component_name(key: str | None, lang: str) -> str:
    names = COMPONENT_NAMES_ZH if lang == "zh" else COMPONENT_NAMES_EN
    return names.get(key or "", key or "")


def date_text(d: date | None, lang: str) -> str:
    """2021年3月1日 / 1 Mar 2021."""
    if d is None:
        return "—"
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


def money(v: Decimal | None, places: int) -> str:
    return "—" if v is None else fmt_grouped(v, places)


RATE_PLACES = 4  # a derived rate (a monthly share of an annual rate) prints at most 4 decimals of a percent


def percent(fraction: Decimal, places: int = RATE_PLACES) -> str:
    """0.154 -> '15.4%': the rate as written by people, no trailing zeros, at most ``places``
    decimals (0.085 / 12 -> '0.7083%', never the 28 digits Decimal keeps)."""
    v = fraction * HUNDRED
    if v.as_tuple().exponent < -places:
        v = v.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    s = f"{v.normalize():f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s + "%"


def annual_of_monthly(monthly: Decimal) -> Decimal:
    """The annual rate a per-period monthly rate is the twelfth of (8.5% from 0.7083...%): the
    division's last digit does not survive, so the product is rounded to 10 places of a fraction."""
    return (monthly * 12).quantize(Decimal(1).scaleb(-10), rounding=ROUND_HALF_UP)


_LATIN = re.compile(r"[A-Za-z]")


def rate_words(spec, lang: str, basis_days: int = 365) -> str:
    """A contract rate in the statement's language. A rate written in that language's own words
    (月息2分 in zh; 24% in either) prints as the contract states it; one written with Latin unit
    words (0.05%/day, LPR+0.5%) is said again from its value: 日利率 0.05%, 一年期贷款市场报价利率（LPR）加 0.5%."""
    if spec is None:
        return words(lang)["none"]
    text = spec.text.strip()
    cjk = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    if (lang == "zh" and not _LATIN.search(text.replace("LPR", ""))) or (lang != "zh" and not cjk):
        return text
    w = words(lang)
    if spec.markup is not None:
        return w["markup"].format(x=percent(spec.markup))
    if spec.fixed is not None:
        return w["rate_per"].get(spec.fixed.per, "{x}").format(x=percent(spec.fixed.value))
    if spec.index:
        tenor = "5Y" if spec.index.endswith("5Y") else "1Y"
        out = w["lpr"][tenor]
        sep = "" if lang == "zh" else " "
        if spec.multiplier != 1:
            out = f"{out}{sep}{w['lpr_times'].format(x=f'{spec.multiplier.normalize():f}')}"
        if spec.spread:
            key = "lpr_plus" if spec.spread > 0 else "lpr_minus"
            out = f"{out}{sep}{w[key].format(x=percent(abs(spec.spread)))}"
        return out
    return text


def card_terms_pairs(contract, lang: str, places: int, currency: str) -> list[tuple[str, str]]:
    """The header lines of a card account: its own terms (statement day, due day, rate, interest
    model), in place of a loan's principal and repayment method."""
    w = words(lang)
    card = contract.card
    pairs = [(w["card_rate"], rate_words(contract.rate, lang)),
             (w["statement_day"], w["statement_day_text"].format(n=card.statement_day))]
    if card.due_day:
        pairs.append((w["due"], w["due_day_text"].format(n=card.due_day)))
    elif card.due_days:
        pairs.append((w["due"], w["due_days_text"].format(n=card.due_days)))
    if contract.grace_days:
        pairs.append((w["grace_days"], w["days_text"].format(n=contract.grace_days)))
    pairs.append((w["interest_model"], w["model_names"].get(card.interest_model, card.interest_model)
                  if card.interest_model else w["model_unstated"]))
    pairs.append((w["minimum_payment"], w["minimum_text"].format(rate=percent(card.minimum_payment))))
    if card.late_penalty is not None:
        lp = card.late_penalty
        text = w["late_penalty_text"].format(rate=percent(lp.rate))
        if lp.min is not None:
            text += w["at_least"].format(x=money(lp.min, places))
        if lp.max is not None:
            text += w["at_most"].format(x=money(lp.max, places))
        pairs.append((w["late_penalty"], text))
    if card.credit_limit is not None:
        pairs.append((w["credit_limit"], f"{money(card.credit_limit, places)} {currency}"))
    return pairs


def last_day_shown(line, counting: str) -> date:
    """The end date a court form names. ``line.end`` is exclusive. Counting the start day only
    (算头不算尾), the form names the end day itself, which is not counted; counting both ends
    (算头算尾), it names the last day counted, the day before ``end``."""
    return line.end - timedelta(days=1) if counting == "both" else line.end


_BASE_ZH = {"interest": "本金", "default_interest": "逾期本金", "compound_interest": "欠付利息",
            "judgment_interest": "生效法律文书确定的除一般债务利息之外的金钱债务"}


def _amount_zh(v: Decimal, places: int, currency: str) -> str:
    return f"{fmt_grouped(v, places)} 元" if currency == "CNY" else f"{currency} {fmt_grouped(v, places)}"


def court_form(line, lang: str, places: int, currency: str, counting: str = "start") -> str:
    """One computation line as courts write it, e.g.
    以本金 90,000.00 元为基数，按年利率 15.4% 计算，自 2021年3月1日 至 2022年3月1日，共 365 天，计 13,860.00 元.
    A per-period line (``per == "month"``) names the monthly rate and the share of the period."""
    if line.per == "charge":
        return charge_form(line, lang, places, currency)
    start = date_text(line.start, lang)
    end = date_text(last_day_shown(line, counting), lang)
    rate = percent(line.rate)
    if lang == "zh":
        base_name = _BASE_ZH.get(line.component, "基数")
        if line.per == "day":  # 加倍部分债务利息: 日万分之一点七五, both ends counted
            return (f"以{base_name} {_amount_zh(line.base, places, currency)}为基数，按日利率 {rate} 计算，自 {start} 至 "
                    f"{date_text(line.end - timedelta(days=1), lang)}，共 {line.days} 天，计 "
                    f"{_amount_zh(line.amount, places, currency)}")
        if line.per == "month":
            days = f"共 {line.days} 天（按月计息，本期 {line.basis} 天）"
            rate_part = f"按月利率 {rate}（年利率 {percent(annual_of_monthly(line.rate))} ÷ 12）计算"
        else:
            days = f"共 {line.days} 天（一年按 {line.basis} 天计）"
            rate_part = f"按年利率 {rate} 计算"
        return (f"以{base_name} {_amount_zh(line.base, places, currency)}为基数，{rate_part}，自 {start} 至 {end}，"
                f"{days}，计 {_amount_zh(line.amount, places, currency)}")
    if line.per == "day":
        return (f"on a base of {fmt_grouped(line.base, places)} at {rate} a day from {start} to "
                f"{date_text(line.end - timedelta(days=1), lang)}, {line.days} day{'' if line.days == 1 else 's'}: "
                f"{fmt_grouped(line.amount, places)}")
    if line.per == "month":
        span = f"{line.days} of the period's {line.basis} days"
        rate_part = f"{rate} a month ({percent(annual_of_monthly(line.rate))} a year ÷ 12)"
    else:
        span = f"{line.days} day{'' if line.days == 1 else 's'} (year of {line.basis} days)"
        rate_part = f"{rate} a year"
    return (f"on a base of {fmt_grouped(line.base, places)} at {rate_part} from {start} to {end}, {span}: "
            f"{fmt_grouped(line.amount, places)}")


def charge_form(line, lang: str, places: int, currency: str) -> str:
    """The computation line of a charge for a missed payment (违约金, late fee): which installment or
    statement was missed, and the base, rate, floor and cap it was computed from, e.g.
    以第 3 期（2024年4月10日 到期）未还金额 1,858.12 元为基数，按 5% 计算，计 92.91 元."""
    due = date_text(line.start, lang)
    computed = line.base * line.rate
    clamp = ""
    if lang == "zh":
        amt = lambda v: _amount_zh(v, places, currency)  # noqa: E731
        what = "违约金" if line.kind == "penalty" else "滞纳金"
        missed = f"第 {line.n} 期（{due} 到期）" if line.n is not None else f"{due} 到期的"
        if not line.rate:
            return f"{missed}款项未按期偿还，按合同约定{what} {amt(line.amount)}"
        part = "金额" if line.part == "installment" else component_name(line.part, lang)
        base = f"{missed}未还{part}" if line.n is not None else f"{due} 到期的最低还款额未还部分"
        if line.floor is not None and computed < line.floor:
            clamp = f"为 {amt(computed)}，低于最低额 {amt(line.floor)}，按最低额"
        elif line.cap is not None and computed > line.cap:
            clamp = f"为 {amt(computed)}，高于最高额 {amt(line.cap)}，按最高额"
        return f"以{base} {amt(line.base)}为基数，按 {percent(line.rate)} 计算{clamp}，计 {amt(line.amount)}"
    what = "penalty" if line.kind == "penalty" else "late fee"
    missed = f"installment {line.n} (due {due})" if line.n is not None else f"the minimum payment due {due}"
    if not line.rate:
        return f"{missed} not paid on time: the contract's {what} of {fmt_grouped(line.amount, places)}"
    base = (f"the unpaid part of {missed}" if line.part == "installment"
            else f"the unpaid {component_name(line.part, lang).lower()} of {missed}")
    if line.floor is not None and computed < line.floor:
        clamp = f" = {fmt_grouped(computed, places)}, below the minimum of {fmt_grouped(line.floor, places)}"
    elif line.cap is not None and computed > line.cap:
        clamp = f" = {fmt_grouped(computed, places)}, above the maximum of {fmt_grouped(line.cap, places)}"
    return (f"{what}: {percent(line.rate)} of {base}, {fmt_grouped(line.base, places)}{clamp}: "
            f"{fmt_grouped(line.amount, places)}")


def posting_title(posting, lang: str) -> str:
    """'2024年6月30日 罚息 计至截止日' / '30 Jun 2024, default interest accrued to the as-of date'."""
    w = words(lang)
    kind = w["posting_kind"].get(posting.kind, posting.kind).format(n=posting.n or "")
    comp = component_name(posting.component, lang)
    if lang == "zh":
        return f"{date_text(posting.date, lang)} {comp}（{kind}）"
    return f"{date_text(posting.date, lang)}: {comp.lower()}, {kind}"
