"""Findings: what verification found, each with a stable code, a severity, a signed amount, the
basis (contract clause or statute) and the rows that prove it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

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


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # error | warning | info
    component: str | None
    amount: Decimal  # signed: positive = the creditor asks or posted more than it should
    message_en: str
    message_zh: str
    basis: str  # the clause or statute, with article
    evidence: tuple[SourceRef, ...] = ()
    details: dict = field(default_factory=dict)  # further figures: both sides of a comparison, dates

    def message(self, language: str) -> str:
        return self.message_zh if language == "zh" else self.message_en


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def sort_findings(findings) -> list[Finding]:
    """Deterministic order: severity, then code, then component, then first evidence row."""
    def key(f: Finding):
        ev = f.evidence[0] if f.evidence else None
        return (severity_rank(f.severity), f.code, f.component or "", ev.file if ev else "",
                ev.row if ev and ev.row is not None else -1, str(f.amount))

    return sorted(findings, key=key)
