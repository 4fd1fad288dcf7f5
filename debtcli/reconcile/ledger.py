"""Checks of the creditor's ledger (台账) that need the replay.

* ``LEDGER_ARITHMETIC``: the running balance column (余额) is re-added row by row in file order:
  each row's stated balance must equal the previous stated balance plus what the row moves
  (charges and disbursements add, payments, waivers, refunds and write-offs subtract, an
  adjustment adds its signed amount). After a difference the check goes on from the stated figure,
  so one error is reported once.
* ``POSTING_MISMATCH``: each interest, default-interest, compound-interest, fee and penalty posting
  is compared with what the contractual replay charges for the same component over the same
  period: from the ledger's previous posting of that component (exclusive) to this one
  (inclusive). The replay's figure is what it crystallised in that period plus the accrual that
  was still running at either end, pro rata by day. A difference within ``[reconcile] tolerance``
  (default: one minor unit) is shown as rounding, severity info.
* ``PAYMENT_MISMATCH``: the same payment posted with another amount or date
  (``reconcile.payments``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from debtcli.model.findings import LEDGER_ARITHMETIC, POSTING_MISMATCH, Finding
from debtcli.model.money import ZERO, fmt_grouped, round_money
from debtcli.model.records import CHARGE_COMPONENT, COMPONENT_NAMES_EN, COMPONENT_NAMES_ZH, LedgerRow
from debtcli.reconcile.payments import match_payments, match_settings, mismatch_findings

ADDS = {"disbursement", "purchase", "cash_advance", "installment", *CHARGE_COMPONENT}
SUBTRACTS = {"payment", "waiver", "refund", "write_off"}
COMPARED = ("interest", "default_interest", "compound_interest", "fees", "penalties")


def ledger_findings(case, contract_result, account, match=None) -> list[Finding]:
    """Every ledger check that needs the replay, for ``build_report``. ``match`` is the payment
    match already made for the replay; it is matched again only when made with other settings."""
    places = account.places
    out = arithmetic_findings(case.ledger, places)
    out += posting_findings(case, contract_result, account)
    if case.has_ledger and (case.payments or case.terms.payments):
        settings = match_settings(case.terms)
        if match is None or not match.made_with(settings):
            match = match_payments(case.ledger, tuple(case.terms.payments) + tuple(case.payments), *settings)
        out += mismatch_findings(match, places)
    return out


# ---------------------------------------------------------------------- running balance


def movement(row: LedgerRow) -> Decimal:
    """What a posting does to the balance the creditor shows."""
    if row.type == "adjustment":
        return row.amount
    if row.type in SUBTRACTS:
        return -row.amount
    return row.amount if row.type in ADDS else ZERO


TYPE_NAMES_ZH = {
    "disbursement": "放款", "interest": "利息", "default_interest": "罚息", "compound_interest": "复利", "fee": "费用",
    "penalty": "违约金", "cost": "实现债权的费用", "payment": "还款", "waiver": "减免", "adjustment": "调整",
    "write_off": "核销", "purchase": "消费", "cash_advance": "取现", "refund": "退款", "annual_fee": "年费",
    "cash_advance_fee": "取现手续费", "installment_fee": "分期手续费", "installment": "分期",
    "overlimit_fee": "超限费", "conversion_fee": "货币转换费",
}


def shows_principal_only(rows) -> bool:
    """True when every charge row with a balance leaves it unchanged: the column is the principal
    outstanding (贷款余额), not the total owed, and cannot be re-added from the postings."""
    charges, previous = 0, None
    for row in rows:
        if row.balance is None:
            continue
        if previous is not None and row.type in CHARGE_COMPONENT and row.amount != 0:
            charges += 1
            if row.balance != previous:
                return False
        previous = row.balance
    return charges > 0


def arithmetic_findings(ledger, places: int) -> list[Finding]:
    rows = sorted(ledger, key=lambda r: (r.source.file, r.source.sheet or "", r.source.row or 0))
    if not any(r.balance is not None for r in rows):
        return []
    if shows_principal_only(rows):
        first = next(r for r in rows if r.balance is not None)
        return [Finding(
            LEDGER_ARITHMETIC, "info", "principal", ZERO,
            "The ledger's balance column does not move with interest or fee postings: it shows the principal "
            "outstanding, so it cannot be re-added from the postings and was not checked.",
            "台账余额列不随利息、费用入账而变化，显示的是贷款本金余额，无法按入账金额逐行复核，未予核对。",
            "the creditor's ledger", (first.source,), {})]
    out = []
    running = ZERO
    previous: LedgerRow | None = None
    for row in rows:
        running += movement(row)
        if row.balance is None:
            continue
        diff = row.balance - running
        if diff != 0:
            out.append(_arithmetic_finding(row, previous, running, diff, places))
        running = row.balance
        previous = row
    return out


def _arithmetic_finding(row: LedgerRow, previous: LedgerRow | None, computed: Decimal, diff: Decimal,
                        places: int) -> Finding:
    g = lambda x: fmt_grouped(x, places)  # noqa: E731
    prev_en = f"row {previous.source.row} shows {g(previous.balance)}" if previous else "the ledger starts at 0.00"
    prev_zh = f"第 {previous.source.row} 行余额 {g(previous.balance)}" if previous else "期初余额 0.00"
    sign = "+" if row.type not in SUBTRACTS and row.type != "adjustment" else ("-" if row.type in SUBTRACTS else "")
    return Finding(
        LEDGER_ARITHMETIC, "error" if diff > 0 else "warning", None, diff,
        f"The running balance on {row.date} (row {row.source.row}) is {g(row.balance)}, but {prev_en} and the row "
        f"posts {row.type} {sign}{g(row.amount)}, which gives {g(computed)}; difference {diff:+,.{places}f}.",
        f"台账 {row.date}（第 {row.source.row} 行）余额为 {g(row.balance)}，但{prev_zh}，本行{TYPE_NAMES_ZH.get(row.type, row.type)} "
        f"{sign}{g(row.amount)}，应为 {g(computed)}；差额 {diff:+,.{places}f}。",
        "the creditor's ledger: each balance is the previous balance plus the row's posting",
        tuple(x for x in (row.source.__class__(row.source.file, row.source.row, row.source.sheet, "balance",
                                                  row.source.raw),
                          previous.source if previous else None) if x is not None),
        {"stated": row.balance, "computed": computed, "difference": diff, "date": row.date})


# ---------------------------------------------------------------------- postings against the replay


def posting_findings(case, contract_result, account) -> list[Finding]:
    from debtcli.reconcile.findings import contract_basis

    basis = contract_basis(case.terms)
    tolerance = case.terms.reconcile.get("tolerance", Decimal(1).scaleb(-account.places))
    groups: dict[str, dict[date, list[LedgerRow]]] = {}
    for row in case.ledger:
        comp = CHARGE_COMPONENT.get(row.type)
        if comp not in COMPARED or row.date > contract_result.as_of:
            continue
        if basis.get(comp) is None and comp != "interest":
            continue  # a charge with no basis at all is UNAUTHORIZED_CHARGE, not a wrong figure
        groups.setdefault(comp, {}).setdefault(row.date, []).append(row)
    out = []
    for comp in COMPARED:
        if comp not in groups:
            continue
        postings = [p for p in contract_result.postings if p.component == comp]
        prev: date | None = None
        for day in sorted(groups[comp]):
            rows = groups[comp][day]
            posted = sum((r.amount for r in rows), ZERO)
            recomputed = round_money(_charged_through(postings, day) - _charged_through(postings, prev),
                                     account.rounding, account.places)
            diff = posted - recomputed
            if diff != 0:
                out.append(_posting_finding(comp, rows, prev, day, posted, recomputed, diff, tolerance,
                                            account.places, basis.get(comp) or "contract"))
            prev = day
    return out


def _charged_through(postings, day: date | None) -> Decimal:
    """What the replay charged for a component up to and including ``day``: the postings made by
    then, plus the accrual running on that day (days before ``day``) of postings made later."""
    if day is None:
        return ZERO
    total = ZERO
    for p in postings:
        if p.date <= day:
            total += p.amount
            continue
        for line in p.lines:
            if line.start < day and line.days > 0:
                covered = (min(line.end, day) - line.start).days
                total += line.amount * covered / line.days
    return total


def _posting_finding(comp, rows, prev, day, posted, recomputed, diff, tolerance, places, basis) -> Finding:
    g = lambda x: fmt_grouped(x, places)  # noqa: E731
    rows_en = ", ".join(str(r.source.row) for r in rows)
    since_en = f"after {prev}" if prev else "from the start"
    since_zh = f"{prev} 之后" if prev else "自起始日"
    rounding = abs(diff) <= tolerance
    name_en, name_zh = COMPONENT_NAMES_EN[comp], COMPONENT_NAMES_ZH[comp]
    tail_en = (f"a rounding difference within the tolerance of {g(tolerance)}" if rounding else
               f"difference {diff:+,.{places}f}")
    tail_zh = f"属舍入差异（容差 {g(tolerance)} 以内）" if rounding else f"差额 {diff:+,.{places}f}"
    return Finding(
        POSTING_MISMATCH, "info" if rounding else ("error" if diff > 0 else "warning"), comp, diff,
        f"{name_en} posted on {day} (row {rows_en}) is {g(posted)}; the contract gives {g(recomputed)} for the "
        f"period {since_en} up to {day}: {tail_en}.",
        f"台账 {day}（第 {rows_en} 行）记入{name_zh} {g(posted)}；按合同重算 {since_zh}至 {day} 应为 "
        f"{g(recomputed)}：{tail_zh}。",
        basis, tuple(r.source for r in rows),
        {"ledger": posted, "recomputed": recomputed, "difference": diff, "from": prev, "to": day,
         "rounding": rounding})
