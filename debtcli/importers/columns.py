"""Canonical columns and the words staff use for them, in English and Chinese.

A header is matched after normalising it (lower case, no spaces, no unit in brackets such as
``金额(元)``). Each canonical column takes the header whose alias comes first in its list, so
``交易日期`` beats ``记账日期`` for ``date`` and the other one becomes ``posted``. A header that
names no canonical column is left alone (and shown by ``debtcli profile init``).

Transaction words (``还款``, ``结息``, ``罚息`` ...) map to the ledger type vocabulary
``debtcli.model.records.LEDGER_TYPES``.
"""

from __future__ import annotations

import re

from debtcli.model.records import LEDGER_TYPES

LEDGER_COLUMNS = ("date", "posted", "type", "amount", "debit", "credit", "reference", "memo", "balance")
PAYMENT_COLUMNS = ("date", "amount", "debit", "credit", "reference", "payer", "channel", "memo")
ALL_COLUMNS = tuple(dict.fromkeys(LEDGER_COLUMNS + PAYMENT_COLUMNS))

ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date", "日期", "交易日期", "发生日期", "还款日期", "付款日期", "缴款日期", "交易时间", "transactiondate",
             "txndate", "valuedate", "起息日", "记账日期", "入账日期", "postingdate"),
    "posted": ("posted", "postingdate", "记账日期", "入账日期", "postdate"),
    "type": ("type", "类型", "交易类型", "业务类型", "款项类型", "科目", "transactiontype", "txntype", "摘要"),
    "amount": ("amount", "金额", "发生额", "交易金额", "还款金额", "付款金额", "实还金额", "入账金额", "缴款金额",
               "amt"),
    "debit": ("debit", "借方", "借方金额", "借方发生额", "支出", "支出金额", "dr", "withdrawal", "out"),
    "credit": ("credit", "贷方", "贷方金额", "贷方发生额", "收入", "收入金额", "cr", "deposit", "in"),
    "reference": ("reference", "ref", "流水号", "交易流水号", "凭证号", "凭证编号", "业务编号", "交易编号", "参考号",
                  "回单号", "transactionid", "txnid"),
    "memo": ("memo", "备注", "附言", "用途", "说明", "摘要", "note", "description", "remark"),
    "balance": ("balance", "余额", "账户余额", "贷款余额", "结欠余额", "欠款余额", "runningbalance"),
    "payer": ("payer", "付款人", "付款人名称", "付款人户名", "付款户名", "付款账户名", "付款方", "对方名称", "户名",
              "对方户名", "缴款人", "name", "payername"),
    "channel": ("channel", "渠道", "交易渠道", "还款方式", "付款方式", "支付方式", "方式", "method"),
}

_UNIT = re.compile(r"[（(][^）)]*[）)]")


def normalise_header(text: str) -> str:
    s = _UNIT.sub("", str(text)).strip().lower()
    return re.sub(r"[\s_\-:：/.]+", "", s)


def match_headers(header: list[str], columns: tuple[str, ...]) -> dict[str, int]:
    """canonical column -> index in the header row, for the columns this table kind has."""
    norm = [normalise_header(h) for h in header]
    taken: set[int] = set()
    out: dict[str, int] = {}
    for col in columns:
        best = None
        for rank, alias in enumerate(ALIASES[col]):
            for i, h in enumerate(norm):
                if i not in taken and h == alias and (best is None or rank < best[0]):
                    best = (rank, i)
        if best is not None:
            out[col] = best[1]
            taken.add(best[1])
    return out


# ---------------------------------------------------------------------- transaction words

TYPE_WORDS: dict[str, str] = {
    # money lent
    "放款": "disbursement", "发放": "disbursement", "贷款发放": "disbursement", "放贷": "disbursement",
    "借款发放": "disbursement", "出账": "disbursement", "借款": "disbursement",
    # money repaid
    "还款": "payment", "归还": "payment", "归还本金": "payment", "归还利息": "payment", "还本": "payment",
    "还息": "payment", "还本付息": "payment", "正常还款": "payment", "提前还款": "payment", "逾期还款": "payment",
    "扣款": "payment", "代扣": "payment", "收回": "payment", "回收": "payment", "偿还": "payment", "缴款": "payment",
    "收款": "payment", "repayment": "payment",
    # charges
    "利息": "interest", "结息": "interest", "计息": "interest", "正常利息": "interest", "贷款利息": "interest",
    "应收利息": "interest",
    "罚息": "default_interest", "逾期利息": "default_interest", "逾期罚息": "default_interest",
    "复利": "compound_interest", "复息": "compound_interest",
    "手续费": "fee", "服务费": "fee", "管理费": "fee", "账户管理费": "fee", "费用": "fee", "咨询费": "fee",
    "担保费": "fee", "年费": "annual_fee", "分期手续费": "installment_fee", "取现手续费": "cash_advance_fee",
    "超限费": "overlimit_fee", "货币转换费": "conversion_fee",
    "违约金": "penalty", "滞纳金": "penalty",
    "诉讼费": "cost", "律师费": "cost", "保全费": "cost", "公告费": "cost", "执行费": "cost", "仲裁费": "cost",
    "鉴定费": "cost",
    # other movements
    "减免": "waiver", "豁免": "waiver", "免除": "waiver", "减免利息": "waiver", "减免罚息": "waiver",
    "调整": "adjustment", "调账": "adjustment", "冲正": "adjustment", "冲销": "adjustment",
    "核销": "write_off",
    "消费": "purchase", "取现": "cash_advance", "预借现金": "cash_advance", "退货": "refund", "退款": "refund",
    "分期": "installment",
}

# When no word matches exactly: a word that says money came back wins over a charge word it contains
# (``归还利息`` repays interest, it does not charge it); then the longest charge word.
_PAYMENT_STEMS = ("归还", "还款", "偿还", "收回", "扣款", "代扣", "还本", "还息", "缴款")
_WAIVER_STEMS = ("减免", "豁免", "免除")
_BY_LENGTH = sorted(TYPE_WORDS, key=len, reverse=True)


def ledger_type(text: str, extra: dict[str, str] | None = None) -> str | None:
    """The ledger type a transaction word stands for, or None when it is not recognised."""
    raw = str(text).strip()
    if not raw:
        return None
    key = raw.lower().replace(" ", "_").replace("-", "_")
    if key in LEDGER_TYPES:
        return key
    compact = normalise_header(raw)
    if extra:
        for word, typ in extra.items():
            if normalise_header(word) == compact:
                return typ
    if compact in TYPE_WORDS:
        return TYPE_WORDS[compact]
    if compact.replace("_", "") in {t.replace("_", "") for t in LEDGER_TYPES}:
        return next(t for t in LEDGER_TYPES if t.replace("_", "") == compact.replace("_", ""))
    if extra:
        for word, typ in sorted(extra.items(), key=lambda kv: -len(kv[0])):
            if normalise_header(word) in compact:
                return typ
    if any(stem in compact for stem in _PAYMENT_STEMS):
        return "payment"
    if any(stem in compact for stem in _WAIVER_STEMS):
        return "waiver"
    for word in _BY_LENGTH:
        if word in compact:
            return TYPE_WORDS[word]
    return None


TOTAL_WORDS = ("合计", "总计", "小计", "本页合计", "累计", "total", "subtotal", "grandtotal")


def is_total_label(text: str) -> bool:
    return normalise_header(text) in TOTAL_WORDS
