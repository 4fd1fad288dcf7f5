"""The one function that turns a report into JSON: ``to_json`` takes the Report of ``verify``
(ARCHITECTURE §5), the schedule, the balance, the quote or the interest run and gives the object
the command prints (and ``batch`` writes one line of). Same report, same object, key order
included. Amounts are decimal strings with the currency's minor digits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from debtcli._version import __version__
from debtcli.messages import basis_text, finding_basis, finding_message, value_text
from debtcli.model.findings import Finding
from debtcli.model.money import fmt
from debtcli.model.records import PaymentRecord, SourceRef
from debtcli.report.model import KEYS, BalanceReport, PaymentLine, Report, ScheduleReport
from debtcli.report.settlement import Quote, plans_to_dict, quote_to_dict


def to_json(value, language: str = "en") -> dict:
    """The JSON object of any report debtcli prints (``language``: the texts of an interest run; the
    other reports carry their case's language)."""
    if isinstance(value, Report):
        return report_to_dict(value)
    if isinstance(value, ScheduleReport):
        return schedule_to_dict(value)
    if isinstance(value, BalanceReport):
        return balance_to_dict(value)
    if isinstance(value, Quote):
        return quote_to_dict(value)
    from debtcli.report.interest import InterestRun, interest_to_dict  # its engine imports only for that report

    if isinstance(value, InterestRun):
        return interest_to_dict(value, language)
    raise TypeError(f"no JSON form for {type(value).__name__}")


def schedule_to_dict(s: ScheduleReport) -> dict:
    def money(x):
        return fmt(x, s.places)

    return {
        "case": s.case_id,
        "currency": s.currency,
        "installment_amount": money(s.installment_amount) if s.installment_amount is not None else None,
        "installments": [
            {"n": r.n, "due": r.due.isoformat(), "principal": money(r.principal), "interest": money(r.interest),
             "fees": money(r.fees), "total": money(r.total), "balance": money(r.balance)}
            for r in s.installments
        ],
        "totals": {k: money(s.total(k)) for k in ("principal", "interest", "fees", "total")},
        "conventions": {k: value_text(v, "en", s.places) for k, v in s.conventions.items()},  # stable English
        "conventions_zh": {k: value_text(v, "zh", s.places) for k, v in s.conventions.items()},
    }


def balance_to_dict(b: BalanceReport) -> dict:
    p = b.places
    return {
        "case": b.case_id,
        "as_of": b.as_of.isoformat(),
        "currency": b.currency,
        "balance": {k: fmt(b.balance[k], p) for k in KEYS},
        "buckets": {name: {k: fmt(v[k], p) for k in KEYS} for name, v in b.buckets.items()},
        "credit": fmt(b.credit, p),
        "payments": {"count": b.payments_count, "total": fmt(b.payments_total, p)},
        "accelerated_on": b.accelerated_on.isoformat() if b.accelerated_on else None,
        "conventions": {k: value_text(v, "en", b.places) for k, v in b.conventions.items()},  # stable English
        "conventions_zh": {k: value_text(v, "zh", b.places) for k, v in b.conventions.items()},
    }


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
        "credit": {"contractual": fmt(r.credit_contractual, p), "lawful": fmt(r.credit_lawful, p)},
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
        "conventions": {k: value_text(v, "en", r.places) for k, v in r.conventions.items()},  # stable English
        "conventions_zh": {k: value_text(v, "zh", r.places) for k, v in r.conventions.items()},
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
    if r.plans:
        out["plans"] = plans_to_dict(r, p)
    if r.card is not None:
        out["card"] = _card(r)
    if r.notes:
        out["notes"] = list(r.notes)
    out.update(_us_sections(r))
    out.update(_annual_cost(r))
    return out


def _card(r: Report) -> dict:
    """A card account's section: the interest model used (and whether the agreement states it), the
    interest each model gives, the statement cycles lawfully and per contract (what the statement's
    cycle table shows), and the issuer's rows not compared. A cycle's interest lines are on the
    statement: they are kept only when the run is traced, and the JSON is the same either way."""
    p = r.places
    c = r.card

    def cycle(x) -> dict:
        return {
            "statement_date": x.statement_date.isoformat(),
            "due_date": x.due_date.isoformat() if x.due_date else None,
            "cycle_start": x.cycle_start.isoformat() if x.cycle_start else None, "days": x.days,
            "opening": fmt(x.opening, p), "new_transactions": fmt(x.new_transactions, p),
            "payments": fmt(x.payments, p), "interest": fmt(x.interest, p), "penalties": fmt(x.penalties, p),
            "closing": fmt(x.closing, p), "minimum_payment": fmt(x.minimum_payment, p),
            "paid_in_full": x.paid_in_full, "days_past_due": x.days_past_due, "bucket": x.bucket,
        }

    return {
        "interest_model": c.interest_model,
        "interest_model_stated": c.interest_model_stated,
        "interest_by_model": {m: fmt(v, p) for m, v in c.interest_models},
        "cycles": [cycle(x) for x in c.cycles],
        "contract_cycles": [cycle(x) for x in c.contract_cycles],
        "unchecked_rows": [{**_evidence(src), "reason": why} for src, why in c.unchecked_rows],
    }


def _annual_cost(r: Report) -> dict:
    """``apr``, ``apr_effective``, ``apr_actual``: the real annualised cost, percent with 2 decimals
    (``debtcli.report.apr``); null where it cannot be computed."""
    cost = r.annual_cost
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

    us = r.us
    if us is None:
        return out
    if us.itemization is not None:
        out["itemization"] = block(us.itemization)
    if us.chargeoff is not None:
        out["chargeoff_itemization"] = {**block(us.chargeoff), "basis": us.chargeoff_basis}
    if us.validation is not None:
        v = us.validation
        out["validation_period"] = {"sent": v.sent.isoformat(), "receipt": v.receipt.isoformat(),
                                    "end": v.end.isoformat()}
    return out
