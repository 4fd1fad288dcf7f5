"""Figures and dates no real account holds: refused before anything is computed.

A card number in an amount column, a misplaced decimal point or a year typed 2032 for 2023 would
otherwise flow into every balance without a word. Each problem names its file, row and column.
"""

from __future__ import annotations

from decimal import Decimal

from debtcli.model.records import Issue, SourceRef


DEFAULT_MAX_AMOUNT = Decimal(10) ** 10  # where there is no principal to scale by
MAX_AMOUNT_FACTOR = 1000


def max_amount(terms) -> tuple[Decimal, str]:
    """The largest amount a case may hold, and where that limit comes from."""
    given = terms.reconcile.get("max_amount")
    if given is not None:
        return given, "[reconcile] max_amount"
    principal = terms.contract.principal
    if principal:
        return principal * MAX_AMOUNT_FACTOR, f"{MAX_AMOUNT_FACTOR:,} x the principal; set [reconcile] max_amount " \
                                              "if it is real"
    return DEFAULT_MAX_AMOUNT, "the limit where there is no principal; set [reconcile] max_amount if it is real"


def plausibility_issues(terms, ledger=(), payments=()) -> list[Issue]:
    """Amounts no account of this size can hold (a card or account number in the amount column, a
    misplaced decimal point) and dates outside the range debtcli accepts, each with its file, row and
    column. Every amount of the case is checked: the ledger, the payment records and case.toml."""
    from debtcli.model.money import MAX_SIGNIFICANT_DIGITS, fmt_grouped, significant_digits
    from debtcli.terms.loader import DATE_MAX, DATE_MIN

    limit, why = max_amount(terms)
    out: list[Issue] = []

    def amount(value, ref) -> None:
        """``ref``: the SourceRef, or (the row's SourceRef, column), built into one only for a problem."""
        if value is None:
            return
        size = abs(value)
        if size <= limit and len(size.as_tuple().digits) <= MAX_SIGNIFICANT_DIGITS:
            return  # the usual case, decided without building the location
        if type(ref) is tuple:
            ref = at(*ref)
        digits = significant_digits(format(abs(value), "f"))
        if digits > MAX_SIGNIFICANT_DIGITS:
            out.append(Issue(ref, f"{ref.column}: {digits} significant digits; an amount has at most "
                                  f"{MAX_SIGNIFICANT_DIGITS} (an account or card number in the amount column?)",
                             code="IMPLAUSIBLE"))
        elif abs(value) > limit:
            out.append(Issue(ref, f"{ref.column}: {fmt_grouped(value)} is above the largest plausible amount "
                                  f"{fmt_grouped(limit)} ({why})", code="IMPLAUSIBLE"))

    def day(value, ref) -> None:
        if value is not None and not DATE_MIN <= value <= DATE_MAX:
            if type(ref) is tuple:
                ref = at(*ref)
            out.append(Issue(ref, f"{ref.column}: {value.isoformat()} is outside the dates debtcli accepts "
                                  f"({DATE_MIN} to {DATE_MAX}); a typo?", code="IMPLAUSIBLE"))

    def at(src: SourceRef, column: str) -> SourceRef:
        return SourceRef(src.file, src.row, src.sheet, column)

    for r in ledger:
        day(r.date, (r.source, "date"))
        day(r.posted, (r.source, "posted"))
        amount(r.amount, (r.source, "amount"))
        amount(r.balance, (r.source, "balance"))
    for p in payments:
        day(p.date, (p.source, "date"))
        amount(p.amount, (p.source, "amount"))
    toml = "case.toml"
    for i, p in enumerate(terms.payments):
        amount(p.amount, SourceRef(toml, column=f"payment[{i}].amount"))
    for i, d in enumerate(terms.disbursements):
        amount(d.amount, SourceRef(toml, column=f"disbursement[{i}].amount"))
    for i, f in enumerate(terms.contract.fees):
        amount(f.amount, SourceRef(toml, column=f"contract.fee[{i}].amount"))
    for i, e in enumerate(terms.events):
        amount(e.amount, SourceRef(toml, column=f"event[{i}].amount"))
    amount(terms.contract.penalty, SourceRef(toml, column="contract.penalty"))
    if terms.demand is not None:
        for k, v in terms.demand.amounts.items():
            amount(v, SourceRef(toml, column=f"demand.{k}"))
        amount(terms.demand.total, SourceRef(toml, column="demand.total"))
    return out
