"""Findings that hold under every rule pack: payments missing on either side, charges with no basis
in the contract, and a demand above the lawful balance."""

from __future__ import annotations

from decimal import Decimal

from debtcli.model.money import ZERO

from debtcli.model.findings import (
    DEMAND_ABOVE_LAWFUL, OVERPAYMENT, UNAUTHORIZED_CHARGE, UNPOSTED_PAYMENT, UNVERIFIED_PAYMENT, Finding, Text, literal, text,
)
from debtcli.model.records import CHARGE_COMPONENT, COMPONENTS, SourceRef
from debtcli.reconcile.payments import PaymentMatch
from debtcli.terms.schema import Terms


def contract_basis(terms: Terms) -> dict:
    """component -> the clause that allows it (a ``Text``), or None when the contract provides no basis.
    A clause named in case.toml is quoted as written."""
    c = terms.contract
    clauses = c.clauses
    has_rate = c.rate is not None
    judgments = [e.judgment for e in terms.events if e.type == "judgment" and getattr(e, "judgment", None) is not None]
    fee_names = [f.name for f in c.fees if f.component == "fees"] + [
        e.note or "fee" for e in terms.events if e.type == "fee"]

    def clause(comp: str, fallback: Text) -> Text:
        return literal(clauses[comp]) if comp in clauses else fallback

    has_penalty = (c.penalty is not None or c.late_fee is not None or c.late_fee_rate is not None
                   or bool(c.card and c.card.late_penalty))
    if c.default_rate:
        default = text("basis.contract.default_rate", rate=c.default_rate.text)
    elif has_rate:
        default = text("basis.contract.rate_on_overdue", rate=c.rate.text)
    elif terms.case.jurisdiction == "cn" and c.product == "loan":
        # PRC law gives overdue interest on a loan even when none was agreed
        default = text("basis.cn.overdue_unagreed")
    else:
        default = None
    out = {
        "principal": clause("principal", text("basis.contract.principal")),
        "interest": clause("interest", text("basis.contract.rate", rate=c.rate.text)) if has_rate else None,
        "default_interest": clause("default_interest", default) if default is not None or
        "default_interest" in clauses else None,
        "compound_interest": clause("compound_interest", text("basis.contract.compound")) if c.compound else None,
        "fees": clause("fees", text("basis.contract.fees", names=tuple(fee_names)))
        if fee_names or c.card else None,
        "penalties": clause("penalties", text(
            "basis.contract.penalties", penalty=c.penalty,
            late_fee=c.late_fee is not None or c.late_fee_rate is not None,
            late_penalty=bool(c.card and c.card.late_penalty))) if has_penalty else None,
        "costs": clause("costs", text("basis.contract.costs")) if c.costs_recoverable else (
            text("basis.judgment_costs") if judgments and any("costs" in j.amounts for j in judgments)
            else None),
        # after a judgment's performance deadline the law adds the doubled interest (法释〔2014〕8号)
        "judgment_interest": text("basis.judgment_interest")
        if judgments else None,
    }
    return out


def _no_basis(terms: Terms) -> Text:
    """The rule a charge with no contract basis breaks, for the case's jurisdiction."""
    return text("basis.no_contract_basis." + (terms.case.jurisdiction
                                               if terms.case.jurisdiction in ("cn", "us") else "other"))


def payment_findings(match: PaymentMatch | None, places: int) -> list[Finding]:
    if match is None:
        return []
    out = []
    for rec in match.unposted:
        out.append(Finding(
            UNPOSTED_PAYMENT, "error", None, -rec.amount, {"paid": rec.amount, "date": rec.date},
            (text("basis.payment_records"),), (rec.source,), {"date": rec.date, "reference": rec.reference}))
    for row in match.unverified:
        out.append(Finding(
            UNVERIFIED_PAYMENT, "warning", None, row.amount, {"paid": row.amount, "date": row.date},
            (text("basis.ledger"),), (row.source,), {"date": row.date, "reference": row.reference}))
    return out


def unauthorized_findings(terms: Terms, demanded: dict | None, ledger, places: int) -> list[Finding]:
    """A charge demanded or posted with no basis in the contract."""
    basis = contract_basis(terms)
    rows_by_comp: dict = {}
    for row in ledger:
        comp = CHARGE_COMPONENT.get(row.type)
        if comp and basis.get(comp) is None and row.type not in ("interest",):
            rows_by_comp.setdefault(comp, []).append(row)
    out = []
    demanded_comps = set()
    if demanded and terms.demand is not None:
        for comp in COMPONENTS:
            amount = demanded.get(comp)
            if amount and amount > 0 and basis.get(comp) is None:
                demanded_comps.add(comp)
                rows = rows_by_comp.get(comp, [])
                if rows:
                    # the same charge demanded and posted: one finding citing the demand and the ledger rows
                    posted = sum((r.amount for r in rows), ZERO)
                    out.append(Finding(
                        UNAUTHORIZED_CHARGE, "error", comp, amount,
                        {"component": comp, "charged": amount, "posted": posted,
                         "postings": tuple((r.date, r.amount) for r in rows)},
                        (_no_basis(terms),), (SourceRef("case.toml", column=f"demand.{comp}"),
                                              *(r.source for r in rows)),
                        {"posted": posted}, variant="demand_ledger"))
                    continue
                out.append(Finding(
                    UNAUTHORIZED_CHARGE, "error", comp, amount, {"component": comp, "charged": amount},
                    (_no_basis(terms),), (SourceRef("case.toml", column=f"demand.{comp}"),), variant="demand"))
    for comp, rows in rows_by_comp.items():
        if comp in demanded_comps:
            continue
        for row in rows:
            out.append(Finding(
                UNAUTHORIZED_CHARGE, "error", comp, row.amount,
                {"component": comp, "type": row.type, "charged": row.amount, "date": row.date},
                (_no_basis(terms),), (row.source,), {"date": row.date}, variant="ledger"))
    return out


def demand_finding(demanded: dict | None, lawful: dict, excess: dict, places: int, document: str,
                   source: SourceRef) -> list[Finding]:
    if not demanded or demanded.get("total") is None:
        return []
    over = demanded["total"] - lawful["total"]
    if over <= 0:
        return []
    parts = tuple((c, v) for c, v in excess.items() if c != "total" and v is not None and v > 0)
    return [Finding(
        DEMAND_ABOVE_LAWFUL, "error", "total", over,
        {"document": document, "demanded": demanded["total"], "lawful": lawful["total"], "over": over,
         "parts": parts},
        (text("basis.lawful_replay"),), (source,), {"demanded": demanded["total"], "lawful": lawful["total"]})]


def overpayment_finding(contractual_credit: Decimal, lawful_credit: Decimal, as_of) -> list[Finding]:
    """More paid than the lawful replay says is owed: the rest is a credit due to the borrower (to be
    refunded or set against another debt), never silently dropped."""
    if lawful_credit <= 0:
        return []
    return [Finding(
        OVERPAYMENT, "warning", "total", -lawful_credit,
        {"credit": lawful_credit, "contractual_credit": contractual_credit, "as_of": as_of},
        (text("basis.overpayment"),), (), {"credit_lawful": lawful_credit, "credit_contractual": contractual_credit})]


__all__ = ["overpayment_finding", "contract_basis", "payment_findings", "unauthorized_findings", "demand_finding", "Decimal"]
