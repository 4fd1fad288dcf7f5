"""中文：核查发现、法律依据和说明的措辞（见 ``debtcli.messages``）。"""

from __future__ import annotations

from decimal import Decimal

NAMES = {
    "component": {
        "principal": "本金", "interest": "利息", "default_interest": "罚息", "compound_interest": "复利",
        "fees": "费用", "penalties": "违约金", "costs": "实现债权的费用", "total": "合计",
    },
    "type": {
        "disbursement": "放款", "interest": "利息", "default_interest": "罚息", "compound_interest": "复利",
        "fee": "费用", "penalty": "违约金", "cost": "实现债权的费用", "payment": "还款", "waiver": "减免",
        "adjustment": "调整", "write_off": "核销", "purchase": "消费", "cash_advance": "取现", "refund": "退款",
        "annual_fee": "年费", "cash_advance_fee": "取现手续费", "installment_fee": "分期手续费", "installment": "分期本金",
        "overlimit_fee": "超限费", "conversion_fee": "货币转换费",
    },
    "model": {"full_balance": "全额计息", "unpaid_part": "未还部分计息"},
    "event": {"payment": "还款", "demand_notice": "催收通知", "acknowledgment": "债务确认", "restructure": "还款计划"},
    "lpr_status": {"supplied": "用户提供", "S": "仅有二手资料", "C": "推算日期", "U": "未知"},
}

SPC = "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》"
READINGS = {
    "filing": "起诉时一年期贷款市场报价利率的四倍（多数法院的理解）",
    "2020-08-20": "2020年8月20日修订后的规定施行时一年期贷款市场报价利率的四倍",
}

_ZERO = Decimal(0)  # the balance a ledger starts from


def _demand(p, w):
    doc = f"（{p['document']}）" if p["document"] else ""
    parts = [f"{w.comp(c)} {w.m(v)}" for c, v in p["parts"]]
    return (f"催收金额{doc} {w.m(p['demanded'])} 超出依法可主张的 {w.m(p['lawful'])}，超出 {w.m(p['over'])}"
            + (f"：{'，'.join(parts)}。" if parts else "。"))


def _arithmetic(p, w):
    prev = (f"第 {p['previous_row']} 行余额 {w.m(p['previous_balance'])}" if p["previous_row"] is not None
            else f"期初余额 {w.m(_ZERO)}")
    return (f"台账 {p['date']}（第 {p['row']} 行）余额为 {w.m(p['stated'])}，但{prev}，本行{w.name('type', p['type'])} "
            f"{p['sign']}{w.m(p['posted'])}，应为 {w.m(p['computed'])}；差额 {w.signed(p['difference'])}。")


def _posting(p, w):
    rows = "、".join(str(r) for r in p["rows"])
    since = f"{p['since']} 之后" if p["since"] else "自起始日"
    tail = (f"属舍入差异（容差 {w.m(p['tolerance'])} 以内）" if p["rounding"] else
            f"差额 {w.signed(p['difference'])}")
    return (f"台账 {p['date']}（第 {rows} 行）记入{w.comp(p['component'])} {w.m(p['posted'])}；按合同重算 {since}至 "
            f"{p['date']} 应为 {w.m(p['recomputed'])}：{tail}。")


def _payment_mismatch(p, w):
    parts = []
    if "amount" in p["what"]:
        parts.append(f"台账入账 {w.m(p['ledger_amount'])}，付款凭证为 {w.m(p['record_amount'])}"
                     f"（差额 {w.signed(p['difference'])}）")
    if "date" in p["what"]:
        parts.append(f"台账记账日 {p['ledger_date']}，付款日 {p['record_date']}（相差 {p['days']:+d} 天）")
    ref = p["reference"] or w.m(p["record_amount"])
    return f"付款 {ref} 入账不一致：" + "；".join(parts) + "。重算按付款凭证计入。"


def _card_posting(p, w):
    out = (f"{p['statement_date']} 账单记收{w.name('type', p['type'])} {w.m(p['posted'])}，按合同应为 "
           f"{w.m(p['recomputed'])}，差额 {w.m(p['difference'])}。")
    if "model" in p:
        out += (f"按{w.name('model', p['model'])}重算，账单周期 {p['cycle_start']} 至 {p['statement_date']} 共 "
                f"{p['days']} 天（{p['day_count']}）。")
        if "other_model" in p:
            out += f"按{w.name('model', p['other_model'])}为 {w.m(p['other_recomputed'])}。"
        if p.get("interest_on_fees"):
            out += "差额恰为对费用、违约金计收的利息。"
    return out


def _upfront(p, w):
    names = "、".join(f"{n} {w.m(a)}" for n, a in p["charges"])
    return (f"出借时预先扣除 {w.m(p['withheld'])}（{names}），本金按实际出借的 {w.m(p['handed_over'])} 认定，利息按此计算"
            f"（截至 {p['as_of']} 合同就被扣部分多计利息 {w.m(p['interest_on_withheld'])}）。")


def _rate_above_cap(p, w):
    ceiling = w.t(p["ceiling"])
    if p.get("source") is None:  # 合同利率，借期内利息
        out = f"约定利率 {p['rate']} 超过上限（{ceiling}），超出部分不予支持"
    elif p["source"] == "contract":
        out = f"未约定逾期利率，逾期本金按约定利率 {p['rate']} 计息，超过上限（{ceiling}），超出部分不予支持"
    elif p["source"] == "markup":
        out = (f"约定逾期利率 {w.pct(p['effective'])}（合同利率 {p['contract_rate']} 上浮 {w.pct(p['markup'])}）"
               f"超过上限（{ceiling}），超出部分不予支持")
    else:
        out = f"约定逾期利率 {p['rate']} 超过上限（{ceiling}），超出部分不予支持"
    parts = p.get("parts") or (("interest", p["excess"]),)
    if len(parts) == 1:
        out += f"：截至 {p['as_of']} 多计{w.comp(parts[0][0])} {w.m(p['excess'])}。"
    else:
        listed = "、".join(f"{w.comp(k)} {w.m(v)}" for k, v in parts)
        out += f"：截至 {p['as_of']} 多计 {w.m(p['excess'])}（{listed}）。"
    if p["sample"]:
        base, rate, days, basis, amount, start, last = p["sample"][:7]
        out += (f"依法计算：{w.m(base)} × {w.pct(rate)} × {days} ÷ {basis} = {w.m(amount)}"
                f"（{start} 至 {last}）。")
        band = p["sample"][7] if len(p["sample"]) > 7 else None
        if band:
            out += f"年利率 {w.pct(band[0])} 至 {w.pct(band[1])} 之间的利息，已支付的不予返还，未支付的不予支持。"
    return out


REGIMES = {
    "1991": "《最高人民法院关于人民法院审理借贷案件的若干意见》（1991年）第六条（超过合同成立时同档次人民银行贷款基准利率四倍的部分不予保护；二手资料）",
    "2015": "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》（法释〔2015〕18号）第二十六条（年利率 24% 以内予以支持，"
            "24% 至 36% 之间已支付的不予返还，超过 36% 的部分无效）",
    "2020": f"{SPC}（法释〔2020〕17号）第二十五条（以合同成立时一年期贷款市场报价利率的四倍为限）",
}
REGIME_NAMES = {"1991": "1991年意见", "2015": "2015年规定", "2020": "2020年修正后的规定"}


def _penalties_basis(p, w):
    parts = [x for x in (f"违约金 {p['penalty']}" if p["penalty"] is not None else "",
                         "滞纳金" if p["late_fee"] else "", "逾期违约金" if p["late_penalty"] else "") if x]
    return "合同约定：" + "、".join(parts)


def _card_clause(p, w):
    if p["type"] == "interest":
        model = w.name("model", p["model"]) + ("" if p["stated"] else "，合同未约定，按对债权人有利的口径")
        return f"信用卡领用合约：计息条款（{model}）"
    return f"信用卡领用合约：{w.name('type', p['type'])}条款"



# ---------------------------------------------------------------------- the us pack (US citations kept as written)

_US_LINE = {"interest": "此后的利息", "fees": "此后的费用", "payments": "此后的还款及抵扣"}
_US_KIND = {"debt_buyer": "债务购买方", "collector": "催收机构", "original_creditor": "原债权人"}
_US_DATE = {"charge_off": "核销", "judgment": "判决", "last_payment": "最后一次还款", "last_statement": "最后一期账单",
            "transaction": "交易"}


def _us_time_barred(p, w):
    what = {"suit": "诉讼", "threat": "诉讼威胁", "letter": "催收函件或对账单（并非诉讼）"}[p["what"]]
    return (f"{p['state']} 州的诉讼时效自 {p['starts']} 违约之日起算，最后一日为 {p['expires']}（核对日 "
            f"{p['checked_on']}），该债务已过诉讼时效："
            + ("不得就其起诉，也不得以诉讼相威胁（严格责任）。" if p["suing"] else
               "仍可催收，但不得就其起诉或以诉讼相威胁，函件也不得作此暗示。") + f"本次主张为{what}。")


def _us_post_chargeoff(p, w):
    term = {"clause": p["term"], "rate": f"协议约定的利率 {p['term']}", "none": "未约定"}[p["term_kind"]]
    return (f"{p['charge_off']} 核销之后计收利息 {w.m(p['interest'])}。发卡机构核销账户并停止寄送定期账单，即已停止"
            f"计息；该期间的利息须有依据：核销后仍然有效的合同条款（本案：{term}），或允许对该债务计息的法律。对发卡机构"
            "是否已放弃该利息，法院意见不一。")


def _us_line(p, w):
    name = f"{p['date']} 的欠款金额" if p["line"] == "amount" else _US_LINE[p["line"]]
    return f"主张所列{name}为 {w.m(p['stated'])}；依法重算为 {w.m(p['computed'])}（相差 {w.m(p['diff'])}）。"


def _us_itemization_date(p, w):
    b = _US_DATE.get(p["basis"], p["basis"])
    return f"分项基准日 {p['date']} 标为{b}日，但该账户的{b}日为 {p['expected'] or '未知'}。"

_US_LIMITATION = {
    "CA": "Cal. Code Civ. Proc. 337(a)（书面合同，4 年）；还款不使时效重新起算；时效届满前经签署的书面承认使其重新起算（CCP 360）",
    "NY": "N.Y. CPLR 214-i（消费信贷交易，3 年）；还款或承认均不使时效恢复或延长（GOL 17-101、17-102，2022 年修订）",
    "TX": ("Tex. Civ. Prac. & Rem. Code 16.004（债务，4 年）；还款不使消费债务的时效恢复（Tex. Fin. Code 392.307）；"
           "经签署的书面承认可使其恢复（CPRC 16.065）"),
    "FL": "Fla. Stat. 95.11(2)(b)（书面合同，5 年）；部分还款或书面承认使时效重新起算（Fla. Stat. 95.04）",
}

DAY_COUNTS = {"ACT/360": "按实际天数计息，一年按 360 天", "ACT/365": "按实际天数计息，一年按 365 天",
              "ACT/ACT": "按实际天数计息，一年按当年实际天数", "30/360": "每月按 30 天、一年按 360 天计息",
              "30E/360": "每月按 30 天、一年按 360 天计息（欧洲惯例）"}
ROUNDING = {"half_up": "四舍五入", "half_even": "四舍六入五成双", "down": "舍去尾数", "up": "进位"}
BUCKETS = {"overdue": "逾期", "due": "已到期", "not_due": "未到期"}
# how interest accrues; {n}: installment periods a year (12 monthly, 4 quarterly ...)
METHODS = {"daily": "按日计息（余额 × 年利率 × 天数 ÷ 计息基础天数）", "per_period": "按期计息（余额 × 年利率 ÷ {n}）"}
SILENT = "（合同未约定，按对债权人有利的口径）"


def rate_zh(text) -> str:
    """A rate as the contract or a user wrote it, in Chinese words: 0.05%/day -> 日利率 0.05%,
    +50% -> 合同利率上浮 50%, 24% p.a. -> 年利率 24%. Chinese forms (月息2分) stay as written."""
    import re

    t = str(text).strip()
    m = re.fullmatch(r"([\d.]+%)\s*/\s*(day|month|year)", t)
    if m:
        return {"day": "日利率 ", "month": "月利率 ", "year": "年利率 "}[m.group(2)] + m.group(1)
    m = re.fullmatch(r"([\d.]+%)\s*(p\.a\.|a year|per annum)", t)
    if m:
        return "年利率 " + m.group(1)
    m = re.fullmatch(r"\+\s*([\d.]+%)", t)
    if m:
        return "合同利率上浮 " + m.group(1)
    return t


def _pct(x) -> str:
    return f"{(x * 100).normalize():f}%"


def _bounds(p) -> str:
    return ((f"，最低 {p['min']}" if p["min"] is not None else "")
            + (f"，最高 {p['max']}" if p["max"] is not None else ""))


PERIOD_ZH = {12: "月", 4: "季", 2: "半年", 1: "年"}  # an installment period, by periods a year


def _apr_zh(p, w):
    n = p.get("periods", 12)  # installment periods a year
    return (f"按计划现金流（实际到手金额；每期本息及费用；单独支付的费用）计算的{PERIOD_ZH[n]}内部收益率 × {n}（中国人民银行公告"
            f"〔2021〕第3号；一次还本付息的：每期成本 × 365 ÷ 天数）；实际年化利率 = (1 + {PERIOD_ZH[n]}内部收益率)^{n} − 1；"
            "按实际收付计算的依据已还款项和截止日余额；百分比保留 2 位小数，四舍五入")


CONVENTIONS = {
    "conv.day_count": lambda p, w: DAY_COUNTS.get(p["name"], p["name"]) + ("" if p["stated"] else SILENT),
    "conv.counting": lambda p, w: "算头不算尾（计起息日，不计截止日）" if p["mode"] == "start" else "算头算尾（起止日均计）",
    "conv.interest_method": lambda p, w: METHODS.get(p["method"], p["method"]).format(n=p.get("periods", 12)),
    "conv.rounding": lambda p, w: (f"款项到期或还款时{ROUNDING.get(p['mode'], p['mode'])}至 {p['places']} 位小数"
                                   + ("；还款计划按未舍入金额结转" if p["carry"] else "")),
    "conv.allocation": lambda p, w: "、".join(f"{BUCKETS.get(b, b)}{w.comp(c)}" for b, c in p["order"]) + "……" + (
        "" if p.get("agreed") else f"（合同未约定，依{w.t(p['basis'])}）" if p.get("basis")
        else "（合同未约定：费用、违约金和利息先于本金）"),
    "conv.number": lambda p, w: str(p["n"]),
    "conv.default_rate": lambda p, w: rate_zh(p["rate"]) if p["rate"] else "未约定：逾期本金继续按合同利率计息",
    "conv.yes_no": lambda p, w: "是" if p["yes"] else "否",
    "conv.early_payments": lambda p, w: ("提前还款暂作预存款，于下一还款日冲抵" if p["held"]
                                         else "立即冲抵（先付至当日的利息，再冲本金）"),
    "conv.same_day_order": "放款、利率调整、费用、到期、还款、减免、逾期、宣布提前到期、核销",
    "conv.card.statement": lambda p, w: (
        f"每月 {p['statement_day']} 日为账单日（当月无该日的为月末），账单周期含账单日；到期还款日为"
        + (f"每月 {p['due_day']} 日" if p["due_day"] else f"账单日后 {p['due_days']} 天")
        + f"；宽限期 {p['grace']} 天"),
    "conv.card.interest_model": lambda p, w: (
        w.name("model", p["model"]) + ("" if p["stated"] else "（合约未约定，按对债权人有利的口径）")),
    "conv.card.interest_days": "自记账日（取现自交易日）起至账单日（含）计息；还款覆盖的部分自还款日起不再计息",
    "conv.card.interest_free": lambda p, w: (
        f"到期还款日前全额还款的，消费享受免息期（容差 {p['tolerance']}）" if p["free"] else "无免息期"),
    "conv.card.compounding": "账单记入的利息自次日起计息（按月复利）",
    "conv.card.interest_on_fees": lambda p, w: (
        "费用、违约金自记入账单的次日起计息" if p["yes"] else "费用、违约金不计息"),
    "conv.card.minimum_payment": lambda p, w: (
        f"账单新增本金的 {_pct(p['rate'])}，加已出账利息、费用、违约金及分期应还部分的 100%，加此前未还的最低还款额"
        + (f"；最低 {p['floor']}" if p["floor"] is not None else "")),
    "conv.card.late_penalty": lambda p, w: (
        f"最低还款额未还部分的 {_pct(p['rate'])}" + _bounds(p) if p["rate"] is not None else "未约定"),
    "conv.card.cash_advance_fee": lambda p, w: (
        f"取现金额的 {_pct(p['rate'])}" + _bounds(p) if p["rate"] is not None else "按入账金额"),
    "conv.card.rounding": lambda p, w: (
        f"记入利息、费用或计算最低还款额时{ROUNDING.get(p['mode'], p['mode'])}至 {p['places']} 位小数"),
    "conv.card.write_off": lambda p, w: (
        "核销仅为账务处理：利息" + ("停止计收" if p["stops"] else "继续计收") + "，债权仍然存在"),
    "conv.card.same_day_order": "费用、还款、逾期（到期还款日 + 宽限期）、宣布提前到期、核销、账单",
}



TITLES = {
    "1991": "《最高人民法院关于人民法院审理借贷案件的若干意见》（1991年）",
    "2015": "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》（法释〔2015〕18号）",
    "2020": "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》（2020年修正，法释〔2020〕17号、〔2020〕27号）",
}
JUDGMENT_ZH = ("《最高人民法院关于执行程序中计算迟延履行期间的债务利息适用法律若干问题的解释》（法释〔2014〕8号）第一条"
               "（加倍部分债务利息 = 生效法律文书确定的除一般债务利息之外的金钱债务 × 日万分之一点七五 × 迟延履行期间）、"
               "第四条（先清偿生效法律文书确定的金钱债务）")
FEE_ZH = "《诉讼费用交纳办法》第十三条（财产案件受理费按比例分段累计交纳）、第十六条（适用简易程序审理的减半交纳）"
REDUCE_ZH = ("《最高人民法院关于审理银行卡民事纠纷案件若干问题的规定》（法释〔2021〕10号）第二条：持卡人可请求调减利息、复利、"
             "违约金及分期手续费的合计；24% 为审判实务标准（未核实）")


def _combined_zh(p, w):
    rules = {"2015": f"{TITLES['2015']}第三十条（逾期利息、违约金及其他费用合计以年利率 24% 为限）",
             "2020": f"{SPC}第二十九条（逾期利息、违约金及其他费用合计不超过上限），{TITLES['2020']}",
             "1991": f"{TITLES['1991']}第六条（以基准利率的四倍为限）"}
    parts = [f"{rules.get(r, rules['2020'])}：适用期间 {a} 至 {b}" for r, a, b in p["parts"]]
    return "；".join(parts) or rules["2020"]


# A citation of the Provisions that carries its own regime and stretch (cn.tag.cited): the title once,
# with its edition, then the article, the stretch and the filing date.
CEILING_ARTICLE_ZH = {
    "1991": "第六条（超过合同成立时同档次人民银行贷款基准利率四倍的部分不予保护；二手资料）",
    "2015": "第二十六条（年利率 24% 以内予以支持，24% 至 36% 之间已支付的不予返还，超过 36% 的部分无效）",
    "2020": "第二十五条（以合同成立时一年期贷款市场报价利率的四倍为限）",
}
COMBINED_ARTICLE_ZH = {
    "1991": "第六条（以基准利率的四倍为限）",
    "2015": "第三十条（逾期利息、违约金及其他费用合计以年利率 24% 为限）",
    "2020": "第二十九条（逾期利息、违约金及其他费用合计不超过上限）",
}


def _cited_zh(p, w):
    rule, tag = p["rule"], p["stretch"].params
    filed = f"；起诉日 {tag['filed']}"
    if rule.key == "cn.combined":
        parts = [f"{TITLES.get(r, TITLES['2020'])}{COMBINED_ARTICLE_ZH.get(r, COMBINED_ARTICLE_ZH['2020'])}：适用期间 {a} 至 {b}"
                 for r, a, b in rule.params["parts"]]
        split = "；2020-08-20 前后分段适用依该规定第三十一条" if p["stretch"].key == "cn.tag.transition" else ""
        return "；".join(parts) + split + filed
    article = (CEILING_ARTICLE_ZH[tag["regime"]] if rule.key == "basis.cn.ceiling"
               else CATALOGUE[rule.key][len(SPC):])
    return f"{TITLES[tag['regime']]}{article}；适用期间 {tag['formed']} 至 {tag['as_of']}{filed}"


def _ceiling_zh(p, w):
    out = []
    for start, rate, claim, regime, _ in p["segments"]:
        name = REGIME_NAMES.get(regime, "")
        if claim is not None:
            text = f"年利率 {w.pct(claim)}（已支付的以 {w.pct(rate)} 为限不予返还；{name}）"
        elif rate >= 1:
            text = "不设上限"
        else:
            text = f"年利率 {w.pct(rate)}" + (f"（{name}）" if name else "")
        out.append(f"自 {start} 起：{text}")
    return "；".join(out)


def _judgment_note_zh(p, w):
    out = (f"生效法律文书 {p['document']}（{p['date']} 生效），履行期限届满日 {p['deadline']}；自 {p['starts']} 起以本金、费用、"
           f"违约金" + ("及判决确定的诉讼费用" if p["costs_in_base"] else "（不含判决确定的诉讼费用）")
           + "为基数，按日万分之一点七五计算加倍部分债务利息（由 [rules] judgment_costs_in_base 设定）；还款先清偿生效法律文书"
           f"确定的金钱债务（{JUDGMENT_ZH}）")
    if p["before_2014"]:
        out += "；2014-08-01 之前的迟延履行期间适用法释〔2009〕6号（按基准利率加倍），本表未计算"
    return out


def _fallback_2015_zh(p, w):
    out = f"自到期日 {p['due']} 起按年利率 6%（{TITLES['2015']}第二十九条）"
    if p["lpr"] is not None:
        out += f"；自 2020-08-20 起按一年期贷款市场报价利率 {w.pct(p['lpr'])}（{SPC}第二十八条）"
    return out


def _lpr_line_zh(p, w):
    where = "[rules] 中提供" if p["supplied"] else f"{p['fixing']} 发布"
    return f"起诉时一年期贷款市场报价利率的四倍（{w.pct(p['lpr'])}，{where}，× 4 = {w.pct(p['ceiling'])}）"


PACK_NOTES = {
    "join": lambda p, w: "；".join(w.t(x) for x in p["items"]),
    "note.cn.lender_regime": lambda p, w: (
        f"民间借贷（适用{SPC}）" if p["private"] else "持牌金融机构：无硬性利率上限；总成本超过年利率 24% 的部分，借款人可请求调减"),
    "note.cn.principal": lambda p, w: (
        f"实际出借 {w.m(p['handed_over'])}（"
        + (f"{SPC}第二十六条；《中华人民共和国民法典》第六百七十条" if p["private"] else "《中华人民共和国民法典》第六百七十条")
        + "：本金按实际出借金额认定）"),
    "note.cn.rolled_over": lambda p, w: (
        f"{p['new_date']} 的借条（{w.m(p['principal'])}）取代 {p['old_date']} 的借条（{w.m(p['original_principal'])}）；"
        f"认定本金 {w.m(p['recognised'])}；至 {p['end']} 本息合计不超过 {w.m(p['bound'])}（{SPC}第二十七条）"),
    "note.cn.regime": lambda p, w: (
        TITLES[p["regime"]] + (f"（起诉日 {p['filed']}）" if p["filed"] else f"（未提供起诉日，按 {p['as_of']} 起诉计）")
        + ("（由 [rules] regime 指定）" if p["setting"] else "")),
    "note.cn.formation": lambda p, w: (
        f"{p['formed']}" + ("（出借款项交付之日；《中华人民共和国民法典》第六百七十九条）" if p["handed"] else "（合同签订日）")),
    "note.cn.ceiling": _ceiling_zh,
    "note.cn.transition": lambda p, w: f"{READINGS[p['reading']]}（由 [rules] transition 设定）",
    "note.cn.ceiling.1991": lambda p, w: f"起诉日 {p['filed']} 在 2015-09-01 之前：全程适用1991年意见",
    "note.cn.ceiling.2015": lambda p, w: f"起诉日 {p['filed']} 在 2020-08-20 之前：全程适用2015年规定",
    "note.cn.ceiling.fixing_day": lambda p, w: (
        f"合同成立于报价发布日（{p['formed']}）：按 {w.pct(p['used'])} 计算上限；另一口径为 {w.pct(p['other'])}"),
    "note.cn.band_24_36": ("2015年规定第二十六条第二款：已支付的年利率 36% 以内的利息不予返还；超过 24% 部分未支付的不予支持；"
                           "仅超过 36% 部分的已付利息冲抵本金"),
    "note.cn.overdue_nothing": lambda p, w: "未约定逾期利率：" + w.t(p["fallback"]),
    "note.cn.fallback.1991": lambda p, w: (
        f"自到期日 {p['due']} 起按同档次人民银行贷款基准利率（{TITLES['1991']}第九条；二手资料）"),
    "note.cn.fallback.2015": _fallback_2015_zh,
    "note.cn.fallback.lpr": lambda p, w: f"自到期日 {p['due']} 起按一年期贷款市场报价利率（{SPC}第二十八条）",
    "note.cn.overdue_contract_rate": f"未约定逾期利率：自到期日起按借期内利率计息，以上限为限（{SPC}第二十八条）",
    "note.cn.day_count_other": lambda p, w: (
        f"合同未约定计息天数：采用一年按 360 天（对债权人有利）；按一年 365 天计算，依法余额合计为 {w.m(p['total'])}"
        f"（少 {w.m(p['diff'])}）"),
    "note.cn.judgment": _judgment_note_zh,
    "note.interest.benchmark_secondary": lambda p, w: (
        f"中国人民银行 {w.d(p['date'])} 的基准利率调整状态为 {p['status']}（仅有二手来源）"),
    "note.interest.lpr_unverified": lambda p, w: (
        f"{w.d(p['date'])} 的 LPR 报价状态为 {p['status']}（未经两个来源核实）"),
    "note.cn.court_fee": lambda p, w: (
        f"按诉讼请求 {w.m(p['claimed'])} 计算的案件受理费 {w.m(p['fee'])}" + ("（简易程序减半）" if p["simple"] else "")
        + f"（{FEE_ZH}）"),
    "note.cn_card.rate": "2021-01-01 之前按日利率 0.05% 为上限（银发〔2016〕111号；二手资料）",
    "note.cn_card.fee_interest": "自 2017-01-01 起费用、违约金不计息",
    "note.cn_card.late_charge": "2017年前到期的：滞纳金按最低还款额未还部分的 5%；2017年起：合同约定的违约金",
    "note.cn_card.line_within": lambda p, w: (
        f"{w.t(p['line_text'])}：合计成本 {w.m(p['cost'])}，未超过上限 {w.m(p['line'])}"),
    "note.cn_card.line_cut": lambda p, w: f"{w.t(p['line_text'])}：利息、违约金及费用调减至上限",
    "cn_card.line.24": "年利率 24%",
    "cn_card.line.lpr": _lpr_line_zh,
    # ------------------------------------------------------------------ 适用规则与期间
    "cn.tag.financial": lambda p, w: (
        f"金融借贷：不适用民间借贷司法解释（第一条第二款）；适用期间 {p['formed']} 至 {p['as_of']}"),
    "cn.tag.transition": lambda p, w: (
        f"{TITLES['2015']}适用于 {p['formed']} 至 2020-08-19，{TITLES['2020']}第三十一条适用于 2020-08-20 至 "
        f"{p['as_of']}；起诉日 {p['filed']}"),
    "cn.tag.single": lambda p, w: f"{TITLES[p['regime']]}；适用期间 {p['formed']} 至 {p['as_of']}；起诉日 {p['filed']}",
    "cn.combined": _combined_zh,
    "cn.tag.cited": _cited_zh,
    "cn.judgment_basis": lambda p, w: (
        f"{JUDGMENT_ZH}；《中华人民共和国民事诉讼法》（执行生效法律文书）〔判决阶段自 {p['judgment_date']} 起，迟延履行期间 "
        f"{p['starts']} 至 {p['as_of']}〕"),
    "cn.costs_basis": lambda p, w: (JUDGMENT_ZH if p["judgment"] else FEE_ZH) + f"〔起诉日 {p['filed']}〕",
    "cn_card.tag": lambda p, w: (
        f"按时间适用的信用卡规则（2017-01-01 之前 / 2017-01-01 至 2020-12-31 / 2021-01-01 起）；适用期间 {p['start']} 至 "
        f"{p['end']}"),
    "cn_card.line_basis": lambda p, w: (
        REDUCE_ZH + (f"；以起诉时（{p['filed']}）一年期贷款市场报价利率的四倍为限（审判实务）" if p["lpr"] else "")
        + f"〔适用期间 {p['start']} 至 {p['end']}〕"),
    "basis.judgment_costs": "生效判决确定的诉讼费用",
    "basis.judgment_interest": "法释〔2014〕8号第一条（迟延履行期间的加倍部分债务利息）",
}


METHOD_ZH = {"equal_installment": "等额本息", "equal_principal": "等额本金", "interest_only": "按期付息到期还本",
             "bullet": "到期一次还本付息", "custom": "自定义计划", "flat": "等本等息"}
PAID_TO_ZH = {"lender": "出借人", "nominee": "出借人指定的第三方", "third_party": "第三方"}


def _maturity_zh(p, w):
    if p["on_demand"]:
        return (f"未约定还款期限，可随时要求偿还：催告后 {p['days']} 天或起诉日到期（以先到者为准；《中华人民共和国民法典》"
                "第六百七十五条）" + (f"；到期日 {p['due']}" if p["due"] else "；尚未催告或起诉：尚无到期款项"))
    return str(p["last"]) if p["last"] else "无"


def _late_fee_zh(p, w):
    if p["fee"] is not None:
        return f"每期逾期收取 {p['fee']}"
    if p["rate"] is not None:
        base = "期供" if p["base"] == "installment" else w.comp(p["base"])
        return f"每期逾期按未还{base}的 {_pct(p['rate'])} 收取"
    return "未约定"


LOAN_CONVENTIONS = {
    "conv.apr": _apr_zh,
    "conv.method": lambda p, w: METHOD_ZH.get(p["method"], p["method"]) + (
        "（每期按原始本金计息，不论已还多少；本金等额分摊，最后一期取余数）" if p["flat"] else "") + (
        "，先付（首期于放款当日偿还）" if p.get("advance") else "") + (
        f"（前 {p['interest_only']} 期只还息）" if p.get("interest_only") else ""),
    "conv.repricing": lambda p, w: {
        "fixing": "LPR 浮动利率自每次报价之日起按新报价调整",
        "anniversary": "LPR 浮动利率于该利率起始日每年的对应日按当日有效的报价调整",
        "january": "LPR 浮动利率于每年 1 月 1 日按当日有效的报价调整",
        "none": "LPR 浮动利率全期按该利率起始日有效的报价执行，不调整"}[p["how"]],
    "conv.frequency": lambda p, w: {1: "按月", 3: "按季（每 3 个月）", 6: "按半年（每 6 个月）", 12: "按年"}[p["months"]],
    "conv.installment_multiple": lambda p, w: (
        f"每期还款额按 {p['multiple']} 的整数倍四舍五入；最后一期取余数" if p["multiple"] is not None
        else "无：按最小货币单位舍入"),
    "conv.late_fee": _late_fee_zh,
    "conv.maturity": _maturity_zh,
    "conv.overdue_from": lambda p, w: ("到期日次日（加宽限期）起：到期日当天仍按合同利率计息" if p["lag"]
                                       else "到期日（加宽限期）起"),
    "conv.periodic_fees": lambda p, w: "；".join(
        f"{n}：" + (f"{a}" if a is not None else f"本金的 {_pct(r)}") + f"，随每期收取，付给{PAID_TO_ZH.get(t, t)}"
        for n, a, r, t in p["fees"]) or "无",
}



# ---------------------------------------------------------------------- the us pack's conventions lines (rules/us.py)
_US_LENDER_KINDS = {"original_creditor": "原始债权人", "debt_buyer": "债权受让人（债务购买方）", "collector": "催收机构"}
US_CONVENTIONS = {
    "note.us.state": lambda p, w: f"{p['state']}；出借人类别：{_US_LENDER_KINDS.get(p['kind'], p['kind'])}",
    "note.us.unauthorized_removed": lambda p, w: "；".join(f"{n} {w.m(a)}（{w.d(d)}）" for n, a, d in p["items"]),
    "note.us.ca_3289_silent": "合同未约定利率：自违约之日起按年利率 10% 计息（Cal. Civ. Code 3289(b)：合同未约定利率的，违约后按年 10% 计息）",
    "note.us.ca_3289_contract": "违约后继续按合同利率计息（Cal. Civ. Code 3289(a)）",
    "note.us.ny_usury": lambda p, w: f"自 {w.d(p['start'])} 起利息以年利率 16% 为限（非银行持有人）",
    "note.us.judgment": lambda p, w: (
        f"{w.d(p['date'])} 判决金额 {w.m(p['amount'])}；判决后利息："
        + "，".join(f"自 {w.d(d)} 起年利率 {r}" for d, r in p["points"]) + f"（{p['basis']}）；"
        + (f"每逢判决周年日复利计算（{p['compounding']}），按实际天数、一年 365 天" if p["compounding"]
           else "单利，按实际天数、一年 365 天")),
}

CATALOGUE = {
    "list_sep": "；",
    "literal": lambda p, w: p["text"],
    "pack_text": lambda p, w: p["text"],
    # ------------------------------------------------------------------ 核查发现
    "finding.UNPOSTED_PAYMENT": lambda p, w: (
        f"{p['date']} 付款 {w.m(p['paid'])} 见于付款凭证，但债权人台账未入账；两次重算均已计入。"),
    "finding.UNVERIFIED_PAYMENT": lambda p, w: (
        f"{p['date']} 付款 {w.m(p['paid'])} 见于债权人台账，但付款凭证中没有；按债权人自认计入。"),
    "finding.UNAUTHORIZED_CHARGE/demand": lambda p, w: (
        f"催收金额中含{w.comp(p['component'])} {w.m(p['charged'])}，但合同未约定该项费用。"),
    "finding.UNAUTHORIZED_CHARGE/ledger": lambda p, w: (
        f"台账于 {p['date']} 记入{w.comp(p['component'])} {w.m(p['charged'])}，合同无约定。"),
    "finding.UNAUTHORIZED_CHARGE/demand_ledger": lambda p, w: (
        f"催收金额中含{w.comp(p['component'])} {w.m(p['charged'])}，台账亦记入该项（"
        + "、".join(f"{d} {w.m(a)}" for d, a in p["postings"])
        + f"，合计 {w.m(p['posted'])}），但合同未约定该项费用。"),
    "finding.OVERPAYMENT": lambda p, w: (
        f"截至 {p['as_of']} 借款人的还款超出依法应付金额 {w.m(p['credit'])}，该款项应退还借款人（或经其同意抵充其他债务）"
        + (f"；按合同计算多付 {w.m(p['contractual_credit'])}" if p["contractual_credit"] != p["credit"] else "")
        + "。"),
    "finding.UNAUTHORIZED_CHARGE/overlimit": lambda p, w: (
        f"{p['date']} 记收超限费 {w.m(p['charged'])}；自 2017-01-01 起不得收取超限费。"),
    "finding.UNAUTHORIZED_CHARGE/after_plan": lambda p, w: (
        f"台账于 {p['date']} 记入{w.comp(p['component'])} {w.m(p['charged'])}，但 {p['plan_date']} 的还款计划"
        f"（{p['installments']} 期，年利率 {p['rate']}）已取代原还款安排，计划未约定此项。"),
    "finding.DEMAND_ABOVE_LAWFUL": _demand,
    "finding.LEDGER_ARITHMETIC": _arithmetic,
    "finding.LEDGER_ARITHMETIC/principal_only": (
        "台账余额列不随利息、费用入账而变化，显示的是贷款本金余额，无法按入账金额逐行复核，未予核对。"),
    "finding.POSTING_MISMATCH": _posting,
    "finding.POSTING_MISMATCH/card": _card_posting,
    "finding.UNAUTHORIZED_CHARGE/us": lambda p, w: (
        f"{p['date']} 收取的“{w.name('type', p['name'])}” {w.m(p['amount'])}：协议没有明确授权，也没有法律允许，"
        "已从依法余额中剔除。"),
    "finding.US.RATE_ABOVE_USURY": lambda p, w: (
        f"非银行持有人（{_US_KIND.get(p['kind'], p['kind'])}）自 {p['from']} 起按年利率 {p['rate']} 计息；纽约州民事"
        f"高利贷利率上限为年利率 16%。自该日起按 16% 计算，利息减少 {w.m(p['excess'])}。"),
    "finding.US.TIME_BARRED": _us_time_barred,
    "finding.US.POST_CHARGEOFF_INTEREST": _us_post_chargeoff,
    "finding.US.ITEMIZATION_MISMATCH/identity": lambda p, w: (
        f"主张的分项相加不符：{w.m(p['amount'])} + 利息 {w.m(p['interest'])} + 费用 {w.m(p['fees'])} − 还款 "
        f"{w.m(p['payments'])} = {w.m(p['lines'])}，而主张总额为 {w.m(p['current'])}（相差 {w.m(p['gap'])}）。"),
    "finding.US.ITEMIZATION_MISMATCH/line": _us_line,
    "finding.US.ITEMIZATION_MISMATCH/principal": lambda p, w: (
        f"分项基准日 {p['date']} 之后新增本金 {w.m(p['principal'])}；分项表没有对应栏目，须改用更晚的分项基准日。"),
    "finding.US.ITEMIZATION_DATE": _us_itemization_date,
    "basis.us.unauthorized": ("美国《公平债务催收作业法》15 U.S.C. 1692f(1)；Regulation F 12 CFR 1006.22(b)"
                              "（协议未明确授权、法律也未允许的款项不得收取）"),
    "basis.us.time_barred": "12 CFR 1006.26(b)（不得就已过诉讼时效的债务起诉或以诉讼相威胁）",
    "basis.us.itemization": ("12 CFR 1006.34(c)(2)(vi)-(viii)（分项：分项基准日的欠款金额，此后的利息、费用、还款及抵扣，"
                             "当前金额）"),
    "basis.us.itemization_date": "12 CFR 1006.34(b)(3)（分项基准日）",
    "basis.us.post_chargeoff": ("Regulation Z 12 CFR 1026.5(b)(2)(i)（定期账单；发卡机构核销账户并停止寄送账单，即已停止"
                                "收取利息和费用）"),
    "basis.us.ny_usury": ("N.Y. Gen. Oblig. Law 5-501、Banking Law 14-a（民事高利贷，年利率 16%）；非银行持有人不得援用"
                          "发放贷款的银行的利率（Madden v. Midland Funding, 786 F.3d 246, 2d Cir. 2015）"),
    "basis.us.limitation": lambda p, w: _US_LIMITATION[p["state"]],
    "finding.POSTING_MISMATCH/plan": lambda p, w: (
        f"台账于 {p['date']} 记入利息 {w.m(p['posted'])}：自 {p['plan_date']} 还款计划起累计记入利息 "
        f"{w.m(p['posted_total'])}，而该计划（{p['installments']} 期，年利率 {p['rate']}）截至 {p['through']} "
        f"应计利息为 {w.m(p['allowed'])}，超出计划约定 {w.m(p['difference'])}。"),
    "finding.PAYMENT_MISMATCH": _payment_mismatch,
    "finding.INTEREST_MODEL_UNSTATED": lambda p, w: (
        f"合同未约定未全额还款时的计息方式。按{w.name('model', p['used'])}（本次采用，对债权人有利）利息合计 "
        f"{w.m(p['used_interest'])}；按{w.name('model', p['other'])}为 {w.m(p['other_interest'])}，相差 "
        f"{w.m(p['difference'])}。"),
    "finding.CN.INTEREST_ON_FEES/contract": lambda p, w: (
        f"合同约定费用、违约金计息；自 2017-01-01 起不得对其计收利息。截至 {p['as_of']} 该部分利息为 "
        f"{w.m(p['interest'])}，依法重算已剔除。"),
    "finding.CN.INTEREST_ON_FEES/statement": lambda p, w: (
        f"{p['statement_date']} 账单的利息中含对前期费用、违约金计收的利息 {w.m(p['interest'])}；自 2017-01-01 起不得对其计息。"),
    "finding.CN.RATE_ABOVE_CAP/card": lambda p, w: (
        f"2021-01-01 之前透支利率超过日万分之五，超出部分利息 {w.m(p['excess'])}。"),
    "finding.CN.REDUCIBLE_ABOVE_24/card": lambda p, w: (
        f"截至 {p['as_of']} 利息、复利、违约金及分期手续费合计 {w.m(p['cost'])}，按年利率 {w.pct(p['line_rate'])} "
        f"计算为 {w.m(p['line'])}；持卡人可请求法院调减超出部分 {w.m(p['over'])}。"),
    "finding.CN.LIMITATION_EXPIRED": lambda p, w: (
        f"诉讼时效自 {p['starts']} 起算，已于 {p['expires']} 届满（核对日 {p['checked_on']}）。债务人主张时效抗辩的，"
        f"可拒绝支付 {w.m(p['total'])}；法院不主动适用。"),
    "finding.CN.UPFRONT_DEDUCTION": _upfront,
    "finding.CN.ROLLED_INTEREST": lambda p, w: (
        f"{p['new_date']} 借条 {w.m(p['principal'])} 系将 {p['old_date']} 借条（本金 {w.m(p['original_principal'])}）"
        f"的利息计入本金；计入部分以 {w.m(p['original_principal'])} × {w.pct(p['ceiling'])} × {p['days']} ÷ 365 为限，"
        f"本金认定为 {w.m(p['recognised'])}，至 {p['end']} 本息合计不超过 {w.m(p['bound'])}。"),
    "finding.CN.NO_INTEREST_AGREED": lambda p, w: (
        f"自然人之间借款对利息约定不明，视为没有利息（截至 {p['as_of']} 共 {w.m(p['excess'])}）。"),
    "finding.CN.RATE_ABOVE_CAP": _rate_above_cap,
    "finding.CN.RATE_ABOVE_CAP/default": _rate_above_cap,
    "finding.CN.RATE_ABOVE_CAP/plan": lambda p, w: (
        f"{p['date']} 的还款计划（{p['installments']} 期）约定年利率 {p['rate']}，超过当日利率上限（{w.t(p['ceiling'])}）；"
        f"按上限计算，截至 {p['as_of']} 计划利息减少 {w.m(p['excess'])}。"),
    "finding.CN.LPR_UNVERIFIED": lambda p, w: (
        "利率上限所依据的贷款市场报价利率未经核实（"
        + ("[rules] lpr_1y 中提供" if p["supplied"] else f"{p['fixing_date']} 的报价，状态 {p['status']}")
        + "），请以官方公告核对。"),
    "finding.CN.BENCHMARK_UNVERIFIED": lambda p, w: (
        "利率上限所依据的人民银行贷款基准利率未经官方核实（"
        + ("[rules] benchmark 中提供" if p["supplied"] else f"{p['change_date']} 调整，仅有二手资料")
        + f"，档次 {p['grade']}，{w.pct(p['rate'])}），请以人民银行公告核对。"),
    "finding.CN.LPR_UNVERIFIED/linked": lambda p, w: (
        "合同利率挂钩贷款市场报价利率，所依据的以下报价未经核实："
        + "、".join(f"{d}（{w.name('lpr_status', s)}）" for d, s in p["fixings"]) + "，请以官方公告核对。"),
    "finding.CN.LPR_FIXING_DAY": lambda p, w: (
        f"合同成立于贷款市场报价利率发布日 {p['formed']}，发布前后适用的报价不同；按较高者计算上限 "
        f"{w.pct(p['ceiling_used'])}，另一口径为 {w.pct(p['ceiling_other'])}。"),
    "finding.CN.COMBINED_CAP_EXCEEDED": lambda p, w: (
        f"逾期利息、违约金及其他费用合计 {w.m(p['claimed'])}，超过以上限利率计算的 {w.m(p['cap'])}，"
        f"超出的 {w.m(p['excess'])} 不予支持。"
        + ("依法计算时扣除" + "、".join(f"{w.comp(k)} {w.m(v)}" for k, v in p["parts"]) + "。" if p.get("parts") else "")),
    "finding.CN.ENFORCEMENT_ABOVE_JUDGMENT": lambda p, w: (
        f"执行申请 {p['document']} 申请执行 {w.m(p['demanded'])}；依生效法律文书 {p['judgment']}，截至 {p['as_of']} "
        f"应付 {w.m(p['balance'])}（含加倍部分债务利息 {w.m(p['judgment_interest'])}），超出 {w.m(p['over'])}。"),
    "finding.UNAUTHORIZED_CHARGE/costs_above": lambda p, w: (
        ("台账记入" if p["ledger"] else "催收") + f"费用 {w.m(p['asked'])}，"
        + ("生效判决确定的诉讼费用" if p["judgment"] else "按诉讼费用交纳办法计算的案件受理费")
        + f"为 {w.m(p['allowed'])}，超出 {w.m(p['over'])} 无依据。"),
    "finding.CN.CARD_LINE_CUT": lambda p, w: (
        f"截至 {p['as_of']} 利息、复利、违约金及费用合计 {w.m(p['cost'])}，按{w.t(p['line_text'])}计算的上限为 "
        f"{w.m(p['line'])}；依法余额调减 {w.m(p['cut'])}（已付超出部分冲抵本金）。"),
    "finding.CN.COMPREHENSIVE_COST_ABOVE_CAP": lambda p, w: (
        f"利息与支付给出借人或其指定方的费用（{'、'.join(p['fees']) or '无'}）合计的综合资金成本"
        + (f"年化 {p['apr']}%（内部收益率法）" if p['apr'] is not None else "")
        + f"，超过年利率 {w.pct(p['ceiling'])} 的上限：截至 {p['as_of']} 已到期各期综合成本 {w.m(p['cost'])}，"
        f"按上限以剩余本金计算为 {w.m(p['allowed'])}，超出 {w.m(p['over'])}（全部期限超出 {w.m(p['term_over'])}）。"
        + ("依法计算时上述费用视为利息，每期与利息合计以上限为限。" if p["regime"] == "private"
           else "借款人可请求法院调减超出部分（须借款人主张，非自动调减）。")),
    "finding.CN.REDUCIBLE_ABOVE_24": lambda p, w: (
        f"截至 {p['as_of']} 利息、罚息、复利、违约金及费用合计 {w.m(p['cost'])}，按年利率 24% 计算为 "
        f"{w.m(p['line'])}；借款人可请求调减超出的 {w.m(p['over'])}（须借款人主张，非自动调减）。"),
    "finding.WAIVER_UNAPPROVED": lambda p, w: (
        f"{p['date']} 减免{w.comp(p['component']) if p['component'] else '欠款'} {w.m(p['amount'])} 未记录审批人或审批单号"
        f"（{'、'.join(p['missing'])}），无法证明经债权人批准；重算仍按债权人记录予以减免。"),
    "finding.PLAN_INSTALLMENT_MISSED/late": lambda p, w: (
        f"{p['plan_date']} 还款计划第 {p['n']} 期（{p['due']} 应还 {w.m(p['installment_total'])}）至 "
        f"{p['paid_on']} 方还清，逾期 {p['days_late']} 天。"),
    "finding.PLAN_INSTALLMENT_MISSED/unpaid": lambda p, w: (
        f"{p['plan_date']} 还款计划第 {p['n']} 期（{p['due']} 应还 {w.m(p['installment_total'])}）未还清："
        f"尚欠 {w.m(p['unpaid'])}，截至 {p['as_of']} 逾期 {p['days_late']} 天。"),
    # ------------------------------------------------------------------ 利率上限
    "ceiling.segment": lambda p, w: (
        f"年利率 {w.pct(p['claim'])}（已支付的以 {w.pct(p['rate'])} 为限不予返还；{REGIME_NAMES.get(p['regime'], '')}）"
        if p.get("claim") is not None else
        f"年利率 {w.pct(p['rate'])}" + (f"（{REGIME_NAMES[p['regime']]}）" if p["regime"] in REGIME_NAMES else "")),
    # ------------------------------------------------------------------ 依据
    "basis.contract": "合同约定",
    "basis.contract.principal": "合同约定：本金",
    "basis.contract.rate": "合同约定：利率 {rate}",
    "basis.contract.default_rate": "合同约定：逾期利率 {rate}",
    "basis.contract.rate_on_overdue": "合同约定：逾期本金按利率 {rate} 计息",
    "basis.contract.compound": "合同约定：复利",
    "basis.contract.fees": lambda p, w: "合同约定：" + "、".join(p["names"]),
    "basis.contract.penalties": _penalties_basis,
    "basis.contract.costs": "合同约定：实现债权的费用",
    "basis.cn.overdue_unagreed": f"《中华人民共和国民法典》第六百七十六条；{SPC}第二十八条",
    "basis.no_contract_basis.cn": "合同无约定（《中华人民共和国民法典》第五百零九条、第五百七十七条：仅应给付约定的款项）",
    "basis.no_contract_basis.us": "合同无约定（美国《公平债务催收法》15 U.S.C. 1692f(1)；12 CFR 1006.22(b)）",
    "basis.no_contract_basis.other": "合同无约定",
    "basis.overpayment": "依法重算：还款冲抵全部欠款后的剩余部分（溢缴款）",
    "basis.payment_records": "付款凭证（独立的付款证据）",
    "basis.payment_records_vs_ledger": "付款凭证（独立的付款证据）与债权人台账对照",
    "basis.ledger": "债权人台账",
    "basis.ledger_running_balance": "债权人台账：每行余额应等于上一行余额加本行发生额",
    "basis.lawful_replay": "依法重算（各项依据见其他核查发现及计算过程）",
    "basis.cn.lpr_linked": "合同利率挂钩贷款市场报价利率",
    "basis.cn.ceiling": lambda p, w: REGIMES.get(p["regime"], "利率上限"),
    "basis.cn.art25": f"{SPC}第二十五条（以合同成立时一年期贷款市场报价利率的四倍为限）",
    "basis.cn.art26": f"{SPC}第二十六条；《中华人民共和国民法典》第六百七十条（本金按实际出借金额认定）",
    "basis.cn.art670": "《中华人民共和国民法典》第六百七十条（利息不得预先在本金中扣除）",
    "basis.cn.art27": f"{SPC}第二十七条（利息计入本金，以上限为限）",
    "basis.cn.art28": f"{SPC}第二十八条（逾期利息）",
    "basis.cn.art25_28": f"{SPC}第二十五条、第二十八条（逾期利息以合同成立时一年期贷款市场报价利率的四倍为限）",
    "basis.cn.art29": f"{SPC}第二十九条（逾期利息、违约金及其他费用合计不超过上限）",
    "basis.cn.art24": f"{SPC}第二十四条；《中华人民共和国民法典》第六百八十条（没有约定或约定不明的利息）",
    "basis.cn.bank24": ("《最高人民法院关于进一步加强金融审判工作的若干意见》（法发〔2017〕22号）第二条；持牌非银行金融机构参照"
                        "法释〔2020〕27号（审判实务，二手资料）：借款人可请求调减超过年利率 24% 的总成本"),
    "basis.cn.jiumin51": ("《全国法院民商事审判工作会议纪要》（九民纪要）第五十一条：出借人或其指定的人收取的服务费、咨询费、"
                          "管理费等无实际服务支撑的，可认定为变相利息（二手资料）"),
    "basis.cn.pboc2021_3": "中国人民银行公告〔2021〕第3号：以年化利率明示贷款的全部成本，按实际占用的剩余本金计算（二手资料）",
    "basis.cn.art561": "《中华人民共和国民法典》第五百六十一条（先费用，后利息，再本金）",
    "basis.cn.art31_2015": f"{SPC}第三十一条第二款；2015年规定第二十六条（至 2020-08-19 以年利率 24% 为限）",
    "basis.cn.art31_transition": lambda p, w: f"{SPC}第三十一条第二款（{READINGS[p['reading']]}）",
    "basis.cn.limitation.new": lambda p, w: (
        "《中华人民共和国民法典》第一百八十八条、第一百八十九条（三年），第一百九十五条（中断），第一百九十二条、第一百九十三条"
        f"（须债务人主张）〔民法典，三年（{p['running_from']} 至 {p['expires']}）〕"),
    "basis.cn.limitation.old": lambda p, w: (
        "《中华人民共和国民法通则》第一百三十五条（二年）、第一百四十条（中断）；法释〔2008〕11号第五条（分期履行的债务自最后一期"
        "履行期限届满之日起算）；法释〔2018〕12号第三条（2017-10-01 前已届满的不再适用三年）"
        f"〔民法通则，二年（{p['running_from']} 至 {p['expires']}，于 2017-10-01 前届满）〕"),
    "basis.cn.limitation.switch": lambda p, w: (
        "法释〔2018〕12号第二条（2017-10-01 尚未届满的适用三年）；《中华人民共和国民法典》第一百八十八条、第一百八十九条、"
        f"第一百九十五条、第一百九十二条、第一百九十三条〔2017-10-01 尚未届满：三年（{p['running_from']} 至 {p['expires']}）〕"),
    "basis.cn_card.fees": ("中国人民银行《关于信用卡业务有关事项的通知》（银发〔2016〕111号），自 2017-01-01 起：违约金、年费、"
                           "取现手续费、货币兑换费不得计收利息（二手资料）"),
    "basis.cn_card.band": ("银发〔2016〕111号：2017-01-01 至 2020-12-31 透支利率上限为日万分之五、下限为其 0.7 倍；"
                           "2017年前为日万分之五（二手资料）"),
    "basis.cn_card.late_fee": "《银行卡业务管理办法》（银发〔1999〕17号）：2017年前滞纳金为最低还款额未还部分的 5%（未核实）",
    "basis.cn_card.overlimit": "银发〔2016〕111号：自 2017-01-01 起取消超限费（二手资料）",
    "basis.cn_card.reduce": ("《最高人民法院关于审理银行卡民事纠纷案件若干问题的规定》（法释〔2021〕10号）第二条：持卡人可请求"
                             "调减利息、复利、违约金及分期手续费的合计；24% 为审判实务标准（未核实）"),
    "basis.card.clause": _card_clause,
    "basis.card.model_unstated": "信用卡领用合约（未约定计息方式）；按对债权人有利的口径计算，并列示另一口径",
    "basis.waiver_approval": "催收规范：催收人员不得自行减免利息、违约金或本金，减免须有债权人审批记录（approved_by、approval_ref）",
    "basis.payment_plan": "{date} 达成的还款计划（债务重组）",
    # ------------------------------------------------------------------ 诉讼时效
    "limitation.note": lambda p, w: (
        f"自 {p['starts']} 起算" + (f"，最近一次于 {p['last'][0]} 因{w.name('event', p['last'][1])}中断"
                                   if p["last"] else "")
        + (f"；届满日 {p['expires']}" if p["rule"] == "state" else
           f"；时效 {'二' if p['rule'] == 'old' else '三'} 年，届满日 {p['expires']}") + f"；核对日 {p['checked_on']}"),
    **CONVENTIONS,
    **PACK_NOTES,
    **LOAN_CONVENTIONS,
    **US_CONVENTIONS,
}


# ---------------------------------------------------------------------- 余额表与还款计划表
TABLE_WORDS = {
    "table.balance.title": "{case} 截至 {day} 按合同计算的余额（{ccy}）",
    "table.balance.component": "项目", "table.balance.overdue": "逾期", "table.balance.due": "已到期",
    "table.balance.not_due": "未到期", "table.balance.settle": "结清所需",
    "table.balance.credit": "溢缴款（应退还借款人）：{credit}",
    "table.schedule.title": "还款计划 {case}（{ccy}）",
    "table.schedule.n": "期数", "table.schedule.due": "到期日", "table.schedule.principal": "本金",
    "table.schedule.interest": "利息", "table.schedule.fees": "费用", "table.schedule.total": "合计",
    "table.schedule.balance": "剩余本金",
    "table.conventions": "计算口径",
}
CATALOGUE.update(TABLE_WORDS)


# ---------------------------------------------------------------------- 文书用语（render）
# 明细表、诉讼请求、还款方案、还款计划、终端视图及工作簿的标签、标题和句子：words.<区域>.<键>，
# 由 debtcli.messages.word_table 按区域读成一张表。
DOCUMENT_WORDS = {
    # 工作簿（明细表、还款方案）的工作表名称，按英文名称
    "words.sheet.Summary": "汇总",
    "words.sheet.Computation": "计算明细",
    "words.sheet.Payments": "还款",
    "words.sheet.Findings": "核查发现",
    "words.sheet.Inputs": "输入文件",
    "words.sheet.Cycles": "账单周期",
    "words.sheet.Plan": "还款计划",
    "words.sheet.Annual cost": "年化成本",
    "words.sheet.Offer": "和解报价",
    "words.statement.title": "债务核对明细表",
    "words.statement.reference": "编号",
    "words.statement.case_section": "案件与合同",
    "words.statement.lender": "债权人",
    "words.statement.borrower": "债务人",
    "words.statement.signed": "合同签订日",
    "words.statement.principal": "合同本金",
    "words.statement.rate": "合同利率",
    "words.statement.default_rate": "逾期利率（罚息）",
    "words.statement.method": "还款方式",
    "words.statement.term": "期限",
    "words.statement.term_months": "{n} 个月",
    "words.statement.as_of": "计算截止日",
    "words.statement.currency": "币种",
    "words.statement.rules": "规则包及版本",
    "words.statement.demand_document": "催收文件",
    "words.statement.filed": "起诉日",
    "words.statement.summary": "各项金额汇总",
    "words.statement.component": "项目",
    "words.statement.demanded": "催收金额",
    "words.statement.contractual": "按合同计算",
    "words.statement.lawful": "依法计算",
    "words.statement.excess": "差额（催收−依法）",
    "words.statement.verdict_above": "结论：催收金额 {demanded}，依法可主张 {lawful}，超出 {over}（{ccy}）。",
    "words.statement.verdict_within": "结论：催收金额 {demanded}，依法可主张 {lawful}，未超出（{ccy}）。",
    "words.statement.verdict_no_demand": "未提供催收金额；下表列出按合同和依法计算的余额。",
    "words.statement.verdict_credit": "借款人已多付 {credit}（{ccy}），应退还借款人。",
    "words.statement.credit_row": "溢缴款（应退还借款人）",
    "words.statement.demand_from_ledger": "催收金额取自债权人台账的最后余额，未按项目拆分。",
    "words.statement.payments": "还款记录及冲抵",
    "words.statement.payments_intro": "每笔还款先列出按合同的冲抵顺序，再列出依法重新冲抵的结果。",
    "words.statement.pay_date": "日期",
    "words.statement.pay_amount": "金额",
    "words.statement.pay_ref": "流水号",
    "words.statement.pay_status": "状态",
    "words.statement.allocation_contract": "按合同冲抵",
    "words.statement.allocation_lawful": "依法冲抵",
    "words.statement.payments_total": "还款合计",
    "words.statement.no_payments": "无还款记录。",
    "words.statement.computation": "计算过程",
    "words.statement.computation_intro": (
        "每行按“基数 × 利率 × 天数 ÷ 计息基础天数”计算并四舍五入至分；各行合计与入账金额之间的尾差单列一行。"
    ),
    "words.statement.no_computation": "无计息期间。",
    "words.statement.line_no": "序号",
    "words.statement.line_text": "计算式",
    "words.statement.line_amount": "金额",
    "words.statement.posted": "入账金额",
    "words.statement.rounding_difference": "尾差（入账金额 − 各行合计）",
    "words.statement.posting_kind.installment": "第 {n} 期利息",
    "words.statement.posting_kind.accrued": "至还款日累计",
    "words.statement.posting_kind.acceleration": "宣布提前到期时的利息",
    "words.statement.posting_kind.as_of": "计至截止日",
    "words.statement.posting_kind.penalty": "未按期还款",
    "words.statement.posting_kind.late_fee": "未按期还款",
    "words.statement.posting_kind.fee": "费用",
    "words.statement.posting_kind.cost": "费用",
    "words.statement.posting_kind.statement": "账单计息",
    "words.statement.posting_kind.credit": "溢缴款",
    "words.statement.findings": "核查发现",
    "words.statement.no_findings": "未发现问题。",
    "words.statement.severity.error": "错误",
    "words.statement.severity.warning": "提示",
    "words.statement.severity.info": "说明",
    "words.statement.finding_code": "代码",
    "words.statement.finding_amount": "金额",
    "words.statement.finding_message": "说明",
    "words.statement.finding_basis": "依据",
    "words.statement.finding_evidence": "证据",
    "words.statement.limitation": "诉讼时效",
    "words.statement.limitation_none": "所选规则包未评估诉讼时效。",
    "words.statement.limitation_starts": "起算日",
    "words.statement.limitation_expires": "届满日",
    "words.statement.limitation_expired": "已届满",
    "words.statement.limitation_running": "未届满",
    "words.statement.limitation_status": "状态",
    "words.statement.limitation_interruptions": "中断事由",
    "words.statement.limitation_basis": "依据",
    "words.statement.conventions": "计算口径",
    "words.statement.annual_cost": "年化利率（综合资金成本）",
    "words.statement.apr": "年化利率（内部收益率法）",
    "words.statement.apr_effective": "实际年化利率（复利）",
    "words.statement.apr_actual": "按实际收付计算的年化利率",
    "words.statement.apr_none": "无法计算",
    "words.statement.apr_intro": (
        "按中国人民银行公告〔2021〕第3号的口径：以借款人实际到手金额和各期应还本金、利息及全部费用（含预扣和按期"
        "收取的费用）求内部收益率，按剩余本金计收资金成本；下表列出计算所依据的现金流（正数为借款人收到，负数为借"
        "款人支付）。"
    ),
    "words.statement.apr_actual_intro": (
        "按实际收付计算：实际到手金额、每笔还款，以及核对日的欠款余额（视为当日结清）。"
    ),
    "words.statement.flow_period": "期数",
    "words.statement.flow_date": "日期",
    "words.statement.flow_what": "现金流",
    "words.statement.flow_amount": "金额",
    "words.statement.flow_kinds.received": "借款人实际到手",
    "words.statement.flow_kinds.installment": "第 {n} 期应还",
    "words.statement.flow_kinds.fee": "费用：{name}",
    "words.statement.flow_kinds.payment": "还款 {name}",
    "words.statement.flow_kinds.balance": "核对日欠款余额",
    "words.statement.evidence": "证据清单",
    "words.statement.file": "文件",
    "words.statement.kind": "类别",
    "words.statement.rows_used": "采用行数",
    "words.statement.rows_rejected": "未采用行数",
    "words.statement.sha256": "SHA-256",
    "words.statement.rejected_rows": "未采用的输入行",
    "words.statement.where": "位置",
    "words.statement.reason": "原因",
    "words.statement.raw": "原文",
    "words.statement.no_rejected": "所有输入行均已采用。",
    "words.statement.not_applied": "晚于核算日的还款（已列明，未计入）",
    "words.statement.not_applied_count": "未计入行数",
    "words.statement.ignored_files": "案件文件夹中未读取的文件",
    "words.statement.ignored_why": "未读取原因",
    "words.statement.cycles": "账单周期",
    "words.statement.cycle_cols": (
        "账单日", "到期还款日", "期初余额", "新增交易", "还款", "利息", "违约金", "期末余额", "最低还款额",
        "逾期天数", "账龄",
    ),
    "words.statement.notes": "输入提示",
    "words.statement.tool": "生成工具",
    "words.statement.tool_text": "debtcli {version}，依据截至 {as_of} 的输入生成；相同输入生成相同文件。",
    "words.statement.signature": "签署",
    "words.statement.prepared_by": "经办人（签字）：",
    "words.statement.checked_by": "复核人（签字）：",
    "words.statement.sign_date": "日期：",
    "words.statement.disclaimer_title": "声明",
    "words.statement.disclaimer": (
        "本明细表根据所列输入文件和所注明的计算口径生成，每一金额均可按上述计算式复核。本表不构成法律意见；如输入"
        "有误或适用规则不同，结果将随之变化。"
    ),
    "words.statement.page": "第 {n} 页 共 {total} 页",
    "words.statement.yes": "是",
    "words.statement.no": "否",
    "words.statement.none": "无",
    "words.statement.status.matched": "已匹配",
    "words.statement.status.unposted": "未入账",
    "words.statement.status.unverified": "未核实",
    "words.statement.status.recorded": "已记录",
    "words.statement.status.mismatched": "入账金额或日期不符",
    "words.statement.method_names.equal_installment": "等额本息",
    "words.statement.method_names.equal_principal": "等额本金",
    "words.statement.method_names.interest_only": "按期付息到期还本",
    "words.statement.method_names.bullet": "到期一次还本付息",
    "words.statement.method_names.custom": "自定义计划",
    "words.statement.method_names.flat": "等本等息",
    "words.statement.convention_names.day_count": "计息天数规则",
    "words.statement.convention_names.counting": "首尾日计算",
    "words.statement.convention_names.interest_method": "计息方式",
    "words.statement.convention_names.rounding": "舍入",
    "words.statement.convention_names.allocation": "冲抵顺序",
    "words.statement.convention_names.grace_days": "宽限期（天）",
    "words.statement.convention_names.default_rate": "逾期利率",
    "words.statement.convention_names.compound": "复利",
    "words.statement.convention_names.early_payments": "提前还款",
    "words.statement.convention_names.same_day_order": "同日事件顺序",
    "words.statement.convention_names.rule_pack": "规则包",
    "words.statement.convention_names.method": "还款方式",
    "words.statement.convention_names.frequency": "还款周期",
    "words.statement.convention_names.repricing": "LPR 重定价",
    "words.statement.convention_names.installment_multiple": "期供取整倍数",
    "words.statement.convention_names.late_fee": "逾期费",
    "words.statement.convention_names.maturity": "到期日",
    "words.statement.convention_names.overdue_from": "逾期起算日",
    "words.statement.convention_names.periodic_fees": "按期收取的费用",
    "words.statement.convention_names.apr": "年化利率口径",
    "words.statement.convention_names.statement": "账单周期",
    "words.statement.convention_names.interest_model": "计息方式（未全额还款时）",
    "words.statement.convention_names.interest_days": "计息天数",
    "words.statement.convention_names.interest_free": "免息期",
    "words.statement.convention_names.compounding": "复利",
    "words.statement.convention_names.interest_on_fees": "费用、违约金计息",
    "words.statement.convention_names.minimum_payment": "最低还款额",
    "words.statement.convention_names.late_penalty": "违约金",
    "words.statement.convention_names.cash_advance_fee": "取现手续费",
    "words.statement.convention_names.write_off": "核销",
    "words.statement.convention_names.lender_regime": "出借人类别及适用规则",
    "words.statement.convention_names.principal": "本金认定",
    "words.statement.convention_names.rolled_over": "利息计入本金（借新还旧）",
    "words.statement.convention_names.regime": "适用的司法解释",
    "words.statement.convention_names.formation": "合同成立日",
    "words.statement.convention_names.ceiling": "利率上限",
    "words.statement.convention_names.transition": "新旧规定衔接",
    "words.statement.convention_names.ceiling_notes": "利率上限说明",
    "words.statement.convention_names.band_24_36": "年利率 24% 至 36% 区间",
    "words.statement.convention_names.overdue_interest": "逾期利息",
    "words.statement.convention_names.day_count_other": "计息天数（另一口径）",
    "words.statement.convention_names.judgment": "判决阶段",
    "words.statement.convention_names.court_fee": "案件受理费",
    "words.statement.convention_names.card_rate": "透支利率",
    "words.statement.convention_names.card_fee_interest": "费用计息",
    "words.statement.convention_names.card_late_charge": "滞纳金、违约金",
    "words.statement.card_rate": "透支利率",
    "words.statement.statement_day": "账单日",
    "words.statement.statement_day_text": "每月 {n} 日",
    "words.statement.due": "到期还款日",
    "words.statement.due_day_text": "每月 {n} 日",
    "words.statement.due_days_text": "账单日后 {n} 天",
    "words.statement.grace_days": "宽限期",
    "words.statement.days_text": "{n} 天",
    "words.statement.interest_model": "计息方式",
    "words.statement.model_names.full_balance": "全额计息",
    "words.statement.model_names.unpaid_part": "未还部分计息",
    "words.statement.model_unstated": "合约未约定（按对债权人有利的全额计息计算）",
    "words.statement.minimum_payment": "最低还款额",
    "words.statement.minimum_text": "新增本金的 {rate}，加当期利息、费用、违约金及上期未还最低还款额",
    "words.statement.credit_limit": "信用额度",
    "words.statement.late_penalty": "违约金",
    "words.statement.late_penalty_text": "最低还款额未还部分的 {rate}",
    "words.statement.at_least": "，最低 {x}",
    "words.statement.at_most": "，最高 {x}",
    "words.statement.rate_per.year": "年利率 {x}",
    "words.statement.rate_per.month": "月利率 {x}",
    "words.statement.rate_per.day": "日利率 {x}",
    "words.statement.lpr.1Y": "一年期贷款市场报价利率（LPR）",
    "words.statement.lpr.5Y": "五年期以上贷款市场报价利率（LPR）",
    "words.statement.lpr_times": "{x} 倍",
    "words.statement.lpr_plus": "加 {x}",
    "words.statement.lpr_minus": "减 {x}",
    "words.statement.markup": "合同利率上浮 {x}",
    "words.claim.title": "诉讼请求与计算清单",
    "words.claim.reference": "编号",
    "words.claim.as_of": "计算截止日",
    "words.claim.parties": "当事人",
    "words.claim.plaintiff": "原告",
    "words.claim.defendant": "被告",
    "words.claim.cause": "案由",
    "words.claim.cause_loan": "民间借贷纠纷",
    "words.claim.cause_bank": "金融借款合同纠纷",
    "words.claim.cause_card": "信用卡纠纷",
    "words.claim.claims": "诉讼请求",
    "words.claim.principal": "判令被告{defendant}向原告{plaintiff}偿还借款本金 {amount} 元",
    "words.claim.with_running": "及{what}（以 {base} 元为基数，自 {start} 起按年利率 {rate} 计算至实际清偿之日止）",
    "words.claim.running_interest": "利息",
    "words.claim.running_default_interest": "逾期利息",
    "words.claim.to_date": "判令被告支付截至 {as_of} 的{what} {amount} 元",
    "words.claim.costs_claim": "判令被告承担原告为实现债权支出的费用 {amount} 元",
    "words.claim.court_fee": "本案诉讼费用由被告承担",
    "words.claim.total": "以上金额合计 {amount} 元（暂计至 {as_of}）。",
    "words.claim.end": "；",
    "words.claim.last": "。",
    "words.claim.list": "计算清单",
    "words.claim.list_intro": "各项金额按依法可主张的数额计算；每行为 基数 × 利率 × 天数 ÷ 计息基准 的法院格式。",
    "words.claim.component": "项目",
    "words.claim.amount": "金额（元）",
    "words.claim.evidence": "证据目录",
    "words.claim.no": "序号",
    "words.claim.name": "证据名称",
    "words.claim.rows": "记录行数",
    "words.claim.sha256": "SHA-256 校验值",
    "words.claim.evidence_intro": "以下文件为计算所依据的原始材料；校验值可用于核对提交的文件未经改动。",
    "words.claim.signature": "具状",
    "words.claim.signed_by": "具状人",
    "words.claim.date": "日期",
    "words.claim.page": "第 {n} 页 共 {total} 页",
    "words.offer.title": "还款方案（和解要约）",
    "words.offer.reference": "编号",
    "words.offer.date": "方案日期",
    "words.offer.parties": "当事人",
    "words.offer.lender": "债权人",
    "words.offer.borrower": "债务人",
    "words.offer.case": "案件编号",
    "words.offer.currency": "币种",
    "words.offer.amounts": "结清金额",
    "words.offer.component": "项目",
    "words.offer.contractual": "按合同计算",
    "words.offer.lawful": "依法可主张",
    "words.offer.waived": "减免",
    "words.offer.after": "减免后应付",
    "words.offer.total": "合计",
    "words.offer.intro": (
        "截至 {on}（不含当日）依法可主张的余额为 {lawful} {ccy}。债权人同意减免 {waived} {ccy}，债务人于 {on} "
        "一次付清 {after} {ccy} 即告结清。"
    ),
    "words.offer.per_diem": "如在 {on} 之后付款，依法余额每日约增加 {per_diem} {ccy}（减免前）。",
    "words.offer.waiver_note": "减免以债权人书面批准为准，并以债务人按本方案付款为条件。",
    "words.offer.plan": "分期还款计划",
    "words.offer.plan_intro": (
        "或者，债务人可将上述 {amount} {ccy} 分 {n} 期按月偿还，年利率 {rate}，首期于 {first} 到期："
    ),
    "words.offer.n": "期数",
    "words.offer.due": "到期日",
    "words.offer.principal": "本金",
    "words.offer.interest": "利息",
    "words.offer.installment": "应还",
    "words.offer.balance": "剩余",
    "words.offer.plan_note": "任一期逾期未还的，债权人可按原合同主张剩余欠款（以减免前的依法余额为限）。",
    "words.offer.conventions": "计算口径",
    "words.offer.rules": "规则包及版本",
    "words.offer.signature": "签署",
    "words.offer.creditor_sign": "债权人（盖章）：",
    "words.offer.debtor_sign": "债务人（签字）：",
    "words.offer.sign_date": "日期：",
    "words.offer.disclaimer_title": "说明",
    "words.offer.disclaimer": (
        "本方案金额由 debtcli 依据案件输入文件按所注明的计算口径计算，依法金额为债权人最多可主张的金额。"
    ),
    "words.offer.page": "第 {n} 页 共 {total} 页",
    "words.plan.title": "还款计划（重组）及履行情况",
    "words.plan.intro": (
        "{date} 达成还款计划：以当日余额 {before} {ccy} 为基础，{amount} {ccy} 分 {n} 期按月偿还，年利率 "
        "{rate}，自 {first} 起每月到期；自该日起原还款安排由本计划取代。还款计划构成对债务的承认，诉讼时效自该日"
        "中断。"
    ),
    "words.plan.forgiven": "计划金额低于当日余额，差额 {forgiven} {ccy} 不再主张。",
    "words.plan.capped": "约定的计划金额高于本次计算的当日余额，按余额 {amount} {ccy} 计算。",
    "words.plan.rest": "余额",
    "words.plan.n": "期数",
    "words.plan.due": "到期日",
    "words.plan.installment": "应还",
    "words.plan.paid": "已还",
    "words.plan.paid_on": "还清日",
    "words.plan.status": "履行情况",
    "words.plan.status_names.paid": "按期还清",
    "words.plan.status_names.late": "逾期 {d} 天还清",
    "words.plan.status_names.unpaid": "未还清，已逾期 {d} 天",
    "words.plan.status_names.not_due": "未到期",
    "words.terminal.above": "结论：催收金额 {demanded} 超出依法可主张的余额 {lawful}，多出 {over}（{ccy}）。",
    "words.terminal.within": "结论：催收金额 {demanded} 未超出依法可主张的余额 {lawful}（{ccy}）。",
    "words.terminal.no_demand": "结论：未提供催收金额；以下为合同与依法计算的余额（{ccy}）。",
    "words.terminal.title": "案件 {case}，截至 {as_of}，规则 {pack}",
    "words.terminal.component": "项目",
    "words.terminal.demanded": "催收金额",
    "words.terminal.contractual": "按合同",
    "words.terminal.lawful": "依法",
    "words.terminal.excess": "超出",
    "words.terminal.findings": "发现",
    "words.terminal.basis": "依据",
    "words.terminal.evidence": "证据",
    "words.terminal.none": "无",
    "words.terminal.payments": "还款",
    "words.terminal.conventions": "计算口径",
    "words.terminal.limitation": "诉讼时效",
    "words.terminal.date": "日期",
    "words.terminal.amount": "金额",
    "words.terminal.status": "状态",
    "words.terminal.rejected": "未采用的输入行",
    "words.terminal.severity.error": "错误",
    "words.terminal.severity.warning": "警告",
    "words.terminal.severity.info": "提示",
    "words.terminal.lim_runs": "自 {starts} 起算",
    "words.terminal.lim_restart": "，{day} 因{what}重新起算",
    "words.terminal.lim_end": "，至 {expires} 届满",
    "words.terminal.lim_expired": "（已届满：债务人可主张时效抗辩）",
    "words.terminal.lim_open": "（未届满）",
    "words.terminal.events.payment": "还款",
    "words.terminal.events.demand_notice": "催收通知",
    "words.terminal.events.acknowledgment": "债务人确认",
    "words.terminal.notes": "输入提示",
    "words.terminal.apr": "年化利率（内部收益率法）{apr}，实际年化利率 {eff}，按实际收付 {actual}",
    "words.terminal.apr_none": "无法计算",
    "words.terminal.credit": "借款人已多付 {credit}（{ccy}），应退还借款人。",
    "words.terminal.credit_row": "溢缴款（应退还借款人）",
    "words.xlsx.no": "序号",
    "words.xlsx.posted_on": "入账日",
    "words.xlsx.from": "起始日",
    "words.xlsx.to": "截止日",
    "words.xlsx.days": "天数",
    "words.xlsx.base": "基数",
    "words.xlsx.rate": "利率",
    "words.xlsx.per": "利率期间",
    "words.xlsx.basis": "计息基础天数",
    "words.xlsx.amount": "金额（四舍五入）",
    "words.xlsx.raw": "未舍入金额",
    "words.xlsx.text": "计算式",
    "words.xlsx.per_year": "年",
    "words.xlsx.per_month": "月",
    "words.xlsx.per_day": "日",
    "words.xlsx.per_quarter": "季",
    "words.xlsx.per_half_year": "半年",
    "words.xlsx.per_whole_year": "年（按期）",
    "words.xlsx.per_charge": "按次",
    "words.xlsx.severity": "级别",
    "words.xlsx.kind": "类别",
    "words.xlsx.totals_by_component": "各项入账合计",
    "words.xlsx.recalc": "公式可在 Excel / LibreOffice 中重新计算；单元格同时保存了计算结果。",
    "words.date.text": lambda p, w: f"{p['d'].year}年{p['d'].month}月{p['d'].day}日",  # 2021年3月1日
    "words.court_base.interest": "本金",
    "words.court_base.default_interest": "逾期本金",
    "words.court_base.compound_interest": "欠付利息",
    "words.court_base.judgment_interest": "生效法律文书确定的除一般债务利息之外的金钱债务",
}
CATALOGUE.update(DOCUMENT_WORDS)


# ---------------------------------------------------------------------- 法院格式的计算式（render）
def _amount_zh(p, w):
    return f"{p['x']} 元" if p["ccy"] == "CNY" else f"{p['ccy']} {p['x']}"


def _charge_rate_zh(p, w):
    base = f"{p['missed']}未还{p['part'] or '金额'}" if p["n"] is not None else f"{p['due']} 到期的最低还款额未还部分"
    return f"以{base} {p['base']}为基数，按 {p['rate']} 计算{p['clamp']}，计 {p['amount']}"


COURT_FORM_WORDS = {
    "words.court.base": "基数",
    "words.court.amount": _amount_zh,
    "words.court.day": lambda p, w: (  # 加倍部分债务利息: 日万分之一点七五, both ends counted
        f"以{p['base_name']} {p['base']}为基数，按日利率 {p['rate']} 计算，自 {p['start']} 至 {p['end']}，共 {p['days']} "
        f"天，计 {p['amount']}"),
    "words.court.month": lambda p, w: (
        f"以{p['base_name']} {p['base']}为基数，按月利率 {p['rate']}（年利率 {p['annual']} ÷ 12）计算，自 {p['start']} 至 "
        f"{p['end']}，共 {p['days']} 天（按月计息，本期 {p['basis']} 天），计 {p['amount']}"),
    "words.court.year": lambda p, w: (
        f"以{p['base_name']} {p['base']}为基数，按年利率 {p['rate']} 计算，自 {p['start']} 至 {p['end']}，共 {p['days']} 天"
        f"（一年按 {p['basis']} 天计），计 {p['amount']}"),
    "words.court.quarter": lambda p, w: (
        f"以{p['base_name']} {p['base']}为基数，按季利率 {p['rate']}（年利率 {p['annual']} ÷ 4）计算，自 {p['start']} 至 "
        f"{p['end']}，共 {p['days']} 天（按季计息，本期 {p['basis']} 天），计 {p['amount']}"),
    "words.court.half_year": lambda p, w: (
        f"以{p['base_name']} {p['base']}为基数，按半年利率 {p['rate']}（年利率 {p['annual']} ÷ 2）计算，自 {p['start']} 至 "
        f"{p['end']}，共 {p['days']} 天（按半年计息，本期 {p['basis']} 天），计 {p['amount']}"),
    "words.court.whole_year": lambda p, w: (
        f"以{p['base_name']} {p['base']}为基数，按年利率 {p['rate']} 计算，自 {p['start']} 至 {p['end']}，共 {p['days']} 天"
        f"（按年计息，本期 {p['basis']} 天），计 {p['amount']}"),
    "words.charge.amount": _amount_zh,
    "words.charge.penalty": "违约金", "words.charge.late_fee": "滞纳金",
    "words.charge.missed_n": lambda p, w: f"第 {p['n']} 期（{p['due']} 到期）",
    "words.charge.missed_min": lambda p, w: f"{p['due']} 到期的",
    "words.charge.fixed": lambda p, w: f"{p['missed']}款项未按期偿还，按合同约定{p['what']} {p['amount']}",
    "words.charge.floor": lambda p, w: f"为 {p['computed']}，低于最低额 {p['limit']}，按最低额",
    "words.charge.cap": lambda p, w: f"为 {p['computed']}，高于最高额 {p['limit']}，按最高额",
    "words.charge.rate_form": _charge_rate_zh,
    "words.posting.title": lambda p, w: f"{p['date']} {p['component']}（{p['kind']}）",
}
CATALOGUE.update(COURT_FORM_WORDS)


# ---------------------------------------------------------------------- 批量核对汇总工作簿（batch --summary）
SUMMARY_WORDS = {
    "summary.sheet.summary": "汇总", "summary.sheet.findings": "核查发现", "summary.sheet.components": "分项金额",
    "summary.sheet.largest": "超出最多的账户", "summary.sheet.unreadable": "无法读取", "summary.sheet.inputs": "输入文件",
    "summary.title": "debtcli 批量核对汇总",
    "summary.item": "项目", "summary.value": "数值",
    "summary.source": "数据来源", "summary.as_of": "计算截止日",
    "summary.as_of_each": "各案件自身的日期（催收日或最后到期日）",
    "summary.rules": "规则包", "summary.rules_each": "各案件的适用法域",
    "summary.accounts": "账户数", "summary.verified": "已核实（无错误级发现）",
    "summary.flagged": "有异常（有错误级发现）", "summary.unreadable": "无法读取",
    "summary.above": "催收金额超出依法可主张的余额",
    "summary.currency": "币种", "summary.severity": "级别", "summary.code": "代码",
    "summary.component": "项目", "summary.findings": "发现数", "summary.amount": "金额",
    "summary.demanded": "催收金额", "summary.lawful": "依法计算", "summary.excess": "超出金额",
    "summary.excess_signed": "差额（催收−依法）",
    "summary.signed_findings": (
        "金额带正负号，为该发现的差额：DEMAND_ABOVE_LAWFUL 和 UNAUTHORIZED_CHARGE 为超出应付的金额（正数）；"
        "POSTING_MISMATCH 和 LEDGER_ARITHMETIC 为债权人金额减重算金额（负数表示债权人入账较少）；"
        "PAYMENT_MISMATCH 为付款凭证金额减台账入账金额。"),
    "summary.signed_components": (
        "每行差额 = 催收金额 − 依法计算，带正负号：催收少于依法金额时为负数。每个账户的催收金额拆分为其列明的各项、"
        "总额的其余部分，或仅列总额的催收总额，因此同一账户各行之和等于其催收总额、依法总额及差额。"
        "未提供催收金额的账户不在各行之中（见合计行下方）。"),
    "summary.row.not_itemised": "已分项催收的未列明部分（总额减已列明各项）",
    "summary.row.total_only": "仅列总额的催收",
    "summary.row.total": "合计（以上各行之和）",
    "summary.row.above": "其中超出依法总额的催收（其超出部分；与核查发现表中的 DEMAND_ABOVE_LAWFUL 一致）",
    "summary.row.no_demand": "未提供催收金额的账户（仅依法总额；不在以上各行之中）",
    "summary.account": "账户", "summary.case": "案件",
    "summary.problem": "问题（每个问题见结果文件中该账户的一行）",
    "summary.more": "……另有 {n} 个",
    "manifest.not_verified": "未核对：{why}",
    "manifest.not_flagged": "无错误级发现，未生成（--only-flagged）",
    "manifest.no_file": "该账户没有{template}",
    "manifest.kept": "已在 --resume 接续的前一次运行中核对；本次运行未为其生成文件",
    "summary.file": "文件", "summary.rows_used": "采用行数", "summary.rows_rejected": "未采用行数",
    "summary.sha256": "SHA-256",
    "summary.sha256_note": (
        "批量导出的表：该表的 SHA-256。案件文件夹中的文件（每个账户一份）：将每个账户该名称文件的“账户  SHA256”行"
        "（两个空格，每行后一个换行符）按账户排序后计算的 SHA-256；各账户自身文件的 SHA-256 见结果文件中该账户一行的 "
        "inputs.files。"),
    "summary.orphans": "不属于任何账户的行（列于下方）",
    "summary.table": "表", "summary.row": "行", "summary.reason": "原因",
    "summary.not_read": "未读取",
    "summary.not_read_why": "未读取原因（案件文件夹中未读取的文件：{n} 个）",
}
CATALOGUE.update(SUMMARY_WORDS)
