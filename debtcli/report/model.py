"""The Report: everything a statement shows, already computed. Renderers only format it.

``report_to_dict`` gives the JSON of ARCHITECTURE §5 (the public interface) plus further keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from debtcli.engine.replay import AccrualLine, ReplayResult
from debtcli.messages import basis_text, finding_basis, finding_message
from debtcli.model.findings import Finding, Limitation
from debtcli.model.money import fmt
from debtcli.model.records import COMPONENTS, InputFile, PaymentRecord, RejectedRow, SourceRef
from debtcli.terms.schema import Terms

KEYS = COMPONENTS + ("total",)


class PaymentLine(NamedTuple):
    """One payment, how the contract applies it and how it is applied lawfully. (A NamedTuple:
    immutable like the dataclasses here, and quick to build for every payment of every account.)"""

    date: date
    amount: Decimal
    reference: str
    status: str  # matched | mismatched | unposted | unverified | recorded
    contractual: dict  # component -> amount
    lawful: dict  # component -> amount
    source: SourceRef | None = None
    ledger_source: SourceRef | None = None


@dataclass(frozen=True)
class ComputationLine:
    """One span of a computation, in the form courts use: base x rate x days / basis = amount."""

    run: str  # lawful | contractual
    component: str
    start: date
    end: date  # exclusive: the last day counted is end - 1 day
    days: int
    base: Decimal
    rate: Decimal  # per ``per``
    per: str  # year | month
    basis: int
    amount: Decimal  # rounded to the minor unit: ROUND(base * rate * days / basis, places)
    raw: Decimal
    convention: str
    rate_text: str = ""
    legal_basis: str = ""
    posting: int | None = None  # index into the run's ReplayResult.postings: the amount these lines add up to

    @classmethod
    def from_accrual(cls, run: str, line: AccrualLine, places: int, rounding: str, legal_basis: str = "",
                     posting: int | None = None):
        from debtcli.model.money import round_money

        return cls(run, line.component, line.start, line.end, line.days, line.base, line.rate, line.per, line.basis,
                   round_money(line.amount, rounding, places), line.amount, line.convention, line.rate_text,
                   legal_basis, posting)


@dataclass(frozen=True)
class Report:
    terms: Terms
    as_of: date
    currency: str
    places: int
    language: str
    rules_pack: str
    rules_version: str
    demanded: dict | None  # component -> Decimal (None where not stated) ; None: no demand at all
    demand_source: str  # "demand" | "ledger" | ""
    contractual: dict  # component -> Decimal, with total
    lawful: dict
    excess: dict  # component -> Decimal | None (demanded - lawful)
    findings: tuple[Finding, ...]
    payments: tuple[PaymentLine, ...]
    payments_total: Decimal
    matched: int
    unposted: tuple[PaymentRecord, ...]
    unverified: tuple[PaymentRecord, ...]
    computation: tuple[ComputationLine, ...]
    conventions: dict  # name -> text, printed on every statement
    inputs: tuple[InputFile, ...]
    rejected: tuple[RejectedRow, ...]
    limitation: Limitation | None
    contract_result: ReplayResult
    lawful_result: ReplayResult
    tool_version: str
    notes: tuple[str, ...] = ()  # warnings about the input that did not stop the run
    extra: dict = field(default_factory=dict)  # pack- or product-specific sections (e.g. card cycles)
    ignored: tuple[tuple[str, str], ...] = ()  # files of the case folder that were not read: (name, why)
    not_applied: tuple = ()  # reconcile.payments.NotApplied: payments dated after the as-of date, listed, not applied

    def not_applied_in(self, file: str) -> int:
        """How many rows of ``file`` are payments after the as-of date (read, kept, not applied)."""
        return sum(1 for x in self.not_applied for src in {x.record.source, x.ledger.source if x.ledger else None}
                   if src is not None and src.file == file)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.has_errors else 0

    @property
    def verdict(self) -> str:
        """above_lawful | within_lawful | no_demand"""
        if self.demanded is None or self.demanded.get("total") is None:
            return "no_demand"
        return "above_lawful" if self.demanded["total"] > self.lawful["total"] else "within_lawful"


def _amounts(d: dict | None, places: int) -> dict | None:
    if d is None:
        return None
    return {k: (fmt(d[k], places) if d.get(k) is not None else None) for k in KEYS}


def _evidence(src: SourceRef) -> dict:
    return src.evidence()


def finding_to_dict(f: Finding, places: int, language: str) -> dict:
    """A finding in the JSON: its data, and its words in the report's language (``message``,
    ``basis``) and in each language (``message_zh``, ``message_en``, ``basis_zh``, ``basis_en``)."""
    out = {
        "code": f.code,
        "severity": f.severity,
        "component": f.component,
        "amount": fmt(f.amount, places),
        "message": finding_message(f, language, places),
        "message_zh": finding_message(f, "zh", places),
        "message_en": finding_message(f, "en", places),
        "basis": finding_basis(f, language, places),
        "basis_zh": finding_basis(f, "zh", places),
        "basis_en": finding_basis(f, "en", places),
        "evidence": [_evidence(e) for e in f.evidence],
    }
    if f.details:
        out["details"] = {k: (fmt(v, places) if isinstance(v, Decimal) else (v.isoformat() if isinstance(v, date) else v))
                          for k, v in f.details.items()}
    return out


def _payment_record(p: PaymentRecord, places: int) -> dict:
    out = {"date": p.date.isoformat(), "amount": fmt(p.amount, places), "reference": p.reference}
    if p.source:
        out["evidence"] = _evidence(p.source)
    return out


def _mismatched_line(line: PaymentLine, places: int) -> dict:
    """A payment whose ledger posting differs in amount or date: the record (credited) and the ledger row."""
    out = {"date": line.date.isoformat(), "amount": fmt(line.amount, places), "reference": line.reference}
    if line.source:
        out["evidence"] = _evidence(line.source)
    if line.ledger_source:
        out["ledger"] = _evidence(line.ledger_source)
    return out


def _not_applied(x, places: int) -> dict:
    """A payment dated after the as-of date: listed with its sources, not applied."""
    out = {**_payment_record(x.record, places), "status": x.status, "applied": False,
           "reason": "after the as-of date, not applied"}
    if x.ledger is not None and x.ledger.source != x.record.source:
        out["ledger"] = _evidence(x.ledger.source)
    return out


def report_to_dict(r: Report) -> dict:
    """The JSON report (ARCHITECTURE §5). Same inputs give the same dict, key order included."""
    from debtcli import __version__

    p = r.places
    out = {
        "schema": "debtcli/1",
        "tool": {"name": "debtcli", "version": r.tool_version or __version__},
        "case": r.terms.case.id,
        "as_of": r.as_of.isoformat(),
        "currency": r.currency,
        "rules": {"pack": r.rules_pack, "version": r.rules_version},
        "verdict": r.verdict,
        "balances": {
            "demanded": _amounts(r.demanded, p) if r.demanded is not None else {k: None for k in KEYS},
            "contractual": _amounts(r.contractual, p),
            "lawful": _amounts(r.lawful, p),
            "excess": {k: (fmt(v, p) if v is not None else None) for k, v in r.excess.items()},
        },
        "demand_source": r.demand_source,
        "payments": {
            "total": fmt(r.payments_total, p),
            "matched": r.matched,
            "unposted": [_payment_record(x, p) for x in r.unposted],
            "unverified": [_payment_record(x, p) for x in r.unverified],
            "mismatched": [_mismatched_line(line, p) for line in r.payments if line.status == "mismatched"],
            "after_as_of": [_not_applied(x, p) for x in r.not_applied],
        },
        "findings": [finding_to_dict(f, p, r.language) for f in r.findings],
        "inputs": {
            "files": [{"file": i.file, "sha256": i.sha256, "rows": i.rows, "rejected": i.rejected,
                       "not_applied": r.not_applied_in(i.file)} for i in r.inputs],
            "ignored": [{"file": name, "reason": why} for name, why in r.ignored],
        },
        "rejected_rows": [{**_evidence(x.source), "reason": x.reason} for x in r.rejected],
        "conventions": dict(r.conventions),
    }
    if r.limitation is not None:
        lim = r.limitation
        out["limitation"] = {
            "starts": lim.starts.isoformat() if lim.starts else None,
            "expires": lim.expires.isoformat() if lim.expires else None,
            "expired": lim.expired,
            "interruptions": [{"date": d.isoformat(), "event": e} for d, e in lim.interruptions],
            "basis": basis_text(lim.basis, r.language),
            "basis_zh": basis_text(lim.basis, "zh"),
            "basis_en": basis_text(lim.basis, "en"),
        }
    if r.contract_result.plans:
        from debtcli.report.settlement import plans_to_dict

        out["plans"] = plans_to_dict(r.contract_result, p)
    if r.notes:
        out["notes"] = list(r.notes)
    out.update(_us_sections(r))
    out.update(_annual_cost(r))
    return out


def _annual_cost(r: Report) -> dict:
    """``apr``, ``apr_effective``, ``apr_actual``: the real annualised cost, percent with 2 decimals
    (``debtcli.report.apr``); null where it cannot be computed."""
    cost = r.extra.get("annual_cost")
    if cost is None:  # a card account, or a loan with no schedule yet (on demand, no demand made)
        return {"apr": None, "apr_effective": None, "apr_actual": None}

    def pct(v):
        return None if v is None else f"{v:.2f}"

    return {"apr": pct(cost.apr), "apr_effective": pct(cost.apr_effective), "apr_actual": pct(cost.apr_actual)}


def _us_sections(r: Report) -> dict:
    """The Regulation F itemization (rule pack ``us``): the block of the validation notice, the
    state's charge-off block, and the validation period."""
    p = r.places
    out: dict = {}

    def block(it) -> dict:
        return {"date": it.date.isoformat(), "basis": it.basis, "amount": fmt(it.amount, p),
                "interest": fmt(it.interest, p), "fees": fmt(it.fees, p), "payments": fmt(it.payments, p),
                "current": fmt(it.current, p), "new_principal": fmt(it.principal, p), "identity_holds": it.holds}

    if "us_itemization" in r.extra:
        out["itemization"] = block(r.extra["us_itemization"])
    if "us_chargeoff" in r.extra:
        it, basis = r.extra["us_chargeoff"]
        out["chargeoff_itemization"] = {**block(it), "basis": basis}
    if "us_validation" in r.extra:
        v = r.extra["us_validation"]
        out["validation_period"] = {k: v[k].isoformat() for k in ("sent", "receipt", "end")}
    return out
