"""A loaded case: the terms, the creditor's ledger, the independent payment records, and what
was read to get them (every file with its hash and row counts; every rejected row with its reason)."""

from __future__ import annotations

from dataclasses import field

from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.records import InputFile, Issue, LedgerRow, PaymentRecord, RejectedRow
from debtcli.terms.schema import Terms


@dataclass(frozen=True)
class Case:
    """A loaded case (see the module)."""

    terms: Terms
    ledger: tuple[LedgerRow, ...] = ()
    payments: tuple[PaymentRecord, ...] = ()
    inputs: tuple[InputFile, ...] = ()
    rejected: tuple[RejectedRow, ...] = ()
    issues: tuple[Issue, ...] = ()  # warnings that did not stop the load
    path: str = ""
    has_ledger: bool = False
    has_payments: bool = False
    extra: dict = field(default_factory=dict)
    ignored: tuple[tuple[str, str], ...] = ()  # files of the case folder not read: (name, why)
