"""The records every stage passes around: frozen, each with the source it came from.

A disputed figure must lead back to the row it came from, so every record read from a file
carries a ``SourceRef`` (file, sheet, row, column, raw text). Stages return ``(result, issues)``
where issues are ``Issue`` records that pile up and are reported all at once.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from decimal import Decimal

from debtcli.model.lazy_dataclass import dataclass

# The balance components, in report order (ARCHITECTURE §2). ``total`` is their sum.
COMPONENTS: tuple[str, ...] = (
    "principal",
    "interest",
    "default_interest",
    "compound_interest",
    "fees",
    "penalties",
    "costs",
    "judgment_interest",  # 加倍部分债务利息: after a judgment's performance deadline (法释〔2014〕8号)
)
# the ``per`` of a per-period accrual line (interest by the installment period, not by the day), by
# the months in the period; a line by the day count is "year", by the day "day"
PERIOD_UNITS = {1: "month", 3: "quarter", 6: "half_year", 12: "whole_year"}
PERIOD_MONTHS = {unit: months for months, unit in PERIOD_UNITS.items()}

COMPONENT_NAMES_ZH = {
    "principal": "本金",
    "interest": "利息",
    "default_interest": "罚息",
    "compound_interest": "复利",
    "fees": "费用",
    "penalties": "违约金",
    "costs": "实现债权的费用",
    "judgment_interest": "加倍部分债务利息",
    "total": "合计",
}
COMPONENT_NAMES_EN = {
    "principal": "Principal",
    "interest": "Interest",
    "default_interest": "Default interest",
    "compound_interest": "Compound interest",
    "fees": "Fees",
    "penalties": "Penalties",
    "costs": "Costs",
    "judgment_interest": "Doubled interest for delay",
    "total": "Total",
}

# Ledger row types (ARCHITECTURE §4) and the component each charge type books to.
LEDGER_TYPES: tuple[str, ...] = (
    "disbursement", "interest", "default_interest", "compound_interest", "fee", "penalty", "cost",
    "payment", "waiver", "adjustment", "write_off",
    # card accounts
    "purchase", "cash_advance", "refund", "annual_fee", "cash_advance_fee", "installment_fee",
    "installment", "overlimit_fee", "conversion_fee",
)
CHARGE_COMPONENT = {
    "interest": "interest",
    "default_interest": "default_interest",
    "compound_interest": "compound_interest",
    "fee": "fees",
    "annual_fee": "fees",
    "cash_advance_fee": "fees",
    "installment_fee": "fees",
    "overlimit_fee": "fees",
    "conversion_fee": "fees",
    "penalty": "penalties",
    "cost": "costs",
}


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a value came from. ``row`` is 1-based as a spreadsheet shows it (header = row 1)."""

    file: str
    row: int | None = None
    sheet: str | None = None
    column: str | None = None
    raw: str | None = None

    def where(self, lang: str = "en") -> str:
        """file[sheet]:row column c; in Chinese the column is named 字段."""
        parts = [self.file]
        if self.sheet:
            parts.append(f"[{self.sheet}]")
        loc = "".join(parts)
        if self.row is not None:
            loc += f":{self.row}"
        if self.column:
            loc += f" 字段 {self.column}" if lang == "zh" else f" column {self.column}"
        return loc

    def evidence(self) -> dict:
        out: dict = {"file": self.file}
        if self.sheet:
            out["sheet"] = self.sheet
        if self.row is not None:
            out["row"] = self.row
        if self.column:
            out["column"] = self.column
        return out


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem with the input: where, what was found, what was expected."""

    source: SourceRef
    message: str
    severity: str = "error"  # error: the run cannot be trusted; warning: reported, run goes on
    code: str = "INPUT"

    def __str__(self) -> str:
        src = self.source
        if src.column and self.message.startswith(src.column):
            src = SourceRef(src.file, src.row, src.sheet)  # the message names the column already
        return f"{src.where()}: {self.message}"


class InputError(Exception):
    """Raised by loaders when the input cannot be trusted; carries every issue found."""

    def __init__(self, issues: list[Issue]):
        self.issues = list(issues)
        super().__init__("\n".join(str(i) for i in self.issues))


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One posting in the creditor's ledger (or one line of a card issuer's statement).

    ``amount`` is positive for every type; the type says which way it moves the balance.
    """

    date: date
    type: str
    amount: Decimal
    reference: str = ""
    memo: str = ""
    balance: Decimal | None = None
    posted: date | None = None
    source: SourceRef = field(default_factory=lambda: SourceRef("ledger"))


@dataclass(frozen=True, slots=True)
class PaymentRecord:
    """One payment in the independent records (bank statement, receipts)."""

    date: date
    amount: Decimal
    reference: str = ""
    payer: str = ""
    channel: str = ""
    source: SourceRef = field(default_factory=lambda: SourceRef("payments"))


@dataclass(frozen=True, slots=True)
class InputFile:
    """An input file as the report lists it: its hash and how many rows were used and rejected."""

    file: str
    sha256: str
    rows: int
    rejected: int
    kind: str = ""


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """An input row that was not used, and why."""

    source: SourceRef
    reason: str
