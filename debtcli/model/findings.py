"""Findings: what verification found, as data. A finding is a stable code, a severity, a signed
amount, the named parameters of its message (amounts, dates, rates, rows), the legal basis (as
references into the message catalogue) and the rows that prove it. Its words come from the message
catalogue of the report's language (``debtcli.messages``) when it is rendered, never from here."""

from __future__ import annotations

from dataclasses import field
from datetime import date
from decimal import Decimal

from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.records import SourceRef

SEVERITIES = ("error", "warning", "info")

# Generic codes (ARCHITECTURE §5). Pack-specific ones carry the pack prefix (CN.*, US.*).
DEMAND_ABOVE_LAWFUL = "DEMAND_ABOVE_LAWFUL"
UNAUTHORIZED_CHARGE = "UNAUTHORIZED_CHARGE"
UNPOSTED_PAYMENT = "UNPOSTED_PAYMENT"
UNVERIFIED_PAYMENT = "UNVERIFIED_PAYMENT"
LEDGER_ARITHMETIC = "LEDGER_ARITHMETIC"
POSTING_MISMATCH = "POSTING_MISMATCH"
PAYMENT_MISMATCH = "PAYMENT_MISMATCH"  # the same payment posted with another amount or date
OVERPAYMENT = "OVERPAYMENT"  # more was paid than is owed: a credit due to the borrower


@dataclass(frozen=True)
class Text:
    """Words by reference: a key of the message catalogue and its named parameters. The parameters
    are values (Decimal, date, int, str, other ``Text``); the catalogue of each language puts them
    into words. The key ``literal`` stands for text quoted from the input (a contract clause)."""

    key: str
    items: tuple = ()  # (name, value) pairs, sorted: a Text is hashable and compares by value

    @property
    def params(self) -> dict:
        return dict(self.items)


def text(key: str, **params) -> Text:
    return Text(key, tuple(sorted(params.items())))


def literal(s: str) -> Text:
    """Text quoted from the input as it stands (a clause of case.toml, a name): never translated."""
    return text("literal", text=s)


def pack_text(s: str) -> Text:
    """A citation a rule pack writes out itself (regime, article, stretch of dates): in English its
    Chinese document numbers and terms are romanised at render time."""
    return text("pack_text", text=s)


@dataclass(frozen=True)
class Finding:
    """One finding: a code, its severity and amount, the parameters of its message, its basis and evidence."""

    code: str
    severity: str  # error | warning | info
    component: str | None
    amount: Decimal  # signed: positive = the creditor asks or posted more than it should
    params: dict = field(default_factory=dict)  # the message's named parameters
    basis: tuple[Text, ...] = ()  # the clause or statute, as catalogue references
    evidence: tuple[SourceRef, ...] = ()
    details: dict = field(default_factory=dict)  # further figures for the JSON: both sides of a comparison, dates
    variant: str = ""  # a code with several wordings: which one (the catalogue key is code/variant)

    @property
    def message_key(self) -> str:
        return f"{self.code}/{self.variant}" if self.variant else self.code


@dataclass(frozen=True)
class Limitation:
    """Where the limitation period stands (诉讼时效). ``interruptions`` are (date, event) with event a
    case event type or ``payment``."""

    starts: date | None
    expires: date | None
    expired: bool
    interruptions: tuple[tuple[date, str], ...] = ()
    basis: tuple[Text, ...] = ()
    checked_on: date | None = None
    rule: str = "new"  # old: 民法通则, 2 years | switch: running on 2017-10-01, 3 years | new: Civil Code, 3 years
    running_from: date | None = None  # the start of the period that ends on ``expires``


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def sort_findings(findings) -> list[Finding]:
    """Deterministic order: severity, then code, then component, then first evidence row."""
    def key(f: Finding):
        ev = f.evidence[0] if f.evidence else None
        return (severity_rank(f.severity), f.code, f.component or "", ev.file if ev else "",
                ev.row if ev and ev.row is not None else -1, str(f.amount))

    return sorted(findings, key=key)
