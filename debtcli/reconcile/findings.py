"""Findings that hold under every rule pack: payments missing on either side, charges with no basis
in the contract, and a demand above the lawful balance."""

from __future__ import annotations

from decimal import Decimal

from debtcli.model.findings import (
    DEMAND_ABOVE_LAWFUL, UNAUTHORIZED_CHARGE, UNPOSTED_PAYMENT, UNVERIFIED_PAYMENT, Finding,
)
from debtcli.model.money import fmt_grouped
from debtcli.model.records import CHARGE_COMPONENT, COMPONENT_NAMES_EN, COMPONENT_NAMES_ZH, COMPONENTS, SourceRef
from debtcli.reconcile.payments import PaymentMatch
from debtcli.terms.schema import Terms


def contract_basis(terms: Terms) -> dict:
    """component -> the clause that allows it, or None when the contract provides no basis."""
    c = terms.contract
    clauses = c.clauses
    has_rate = c.rate is not None
    fee_names = [f.name for f in c.fees if f.component == "fees"] + [
        e.note or "fee" for e in terms.events if e.type == "fee"]
    out = {
        "principal": clauses.get("principal", "contract: principal"),
        "interest": clauses.get("interest", f"contract: rate {c.rate.text}") if has_rate else None,
        "default_interest": clauses.get("default_interest", (
            f"contract: default rate {c.default_rate.text}" if c.default_rate else
            (f"contract: rate {c.rate.text} runs on overdue principal" if has_rate else
             # PRC law gives overdue interest on a loan even when none was agreed
             ("Civil Code Art. 676; SPC Provisions on Private Lending Art. 28" if
              terms.case.jurisdiction == "cn" and c.product == "loan" else None)))),
        "compound_interest": clauses.get("compound_interest", "contract: compound interest") if c.compound else None,
        "fees": clauses.get("fees", "contract: " + ", ".join(fee_names)) if fee_names or c.card else None,
        "penalties": clauses.get("penalties", "contract: " + ", ".join(
            x for x in (f"penalty {c.penalty}" if c.penalty is not None else "",
                        "late fee" if (c.late_fee is not None or c.late_fee_rate is not None) else "",
                        "late penalty" if (c.card and c.card.late_penalty) else "") if x))
        if (c.penalty is not None or c.late_fee is not None or c.late_fee_rate is not None
            or (c.card and c.card.late_penalty)) else None,
        "costs": clauses.get("costs", "contract: costs of enforcing the claim") if c.costs_recoverable else None,
    }
    return out


def _no_basis(terms: Terms) -> str:
    """The rule a charge with no contract basis breaks, for the case's jurisdiction."""
    return {
        "cn": "no contract basis (Civil Code Art. 509, 577: only what was agreed is owed)",
        "us": "no contract basis (FDCPA 15 U.S.C. 1692f(1); 12 CFR 1006.22(b))",
    }.get(terms.case.jurisdiction, "no contract basis")


def payment_findings(match: PaymentMatch | None, places: int) -> list[Finding]:
    if match is None:
        return []
    out = []
    for rec in match.unposted:
        amt = fmt_grouped(rec.amount, places)
        out.append(Finding(
            UNPOSTED_PAYMENT, "error", None, -rec.amount,
            f"Payment of {amt} on {rec.date} is in the payment records but not credited in the creditor's ledger; "
            "it is credited in both replays.",
            f"{rec.date} 付款 {amt} 见于付款凭证，但债权人台账未入账；两次重算均已计入。",
            "payment records (independent evidence of payment)", (rec.source,),
            {"date": rec.date, "reference": rec.reference}))
    for row in match.unverified:
        amt = fmt_grouped(row.amount, places)
        out.append(Finding(
            UNVERIFIED_PAYMENT, "warning", None, row.amount,
            f"Payment of {amt} on {row.date} is in the creditor's ledger but not in the payment records; it is "
            "credited, as the creditor admits it.",
            f"{row.date} 付款 {amt} 见于债权人台账，但付款凭证中没有；按债权人自认计入。",
            "creditor's ledger", (row.source,), {"date": row.date, "reference": row.reference}))
    return out


def unauthorized_findings(terms: Terms, demanded: dict | None, ledger, places: int) -> list[Finding]:
    """A charge demanded or posted with no basis in the contract."""
    basis = contract_basis(terms)
    out = []
    if demanded and terms.demand is not None:
        for comp in COMPONENTS:
            amount = demanded.get(comp)
            if amount and amount > 0 and basis.get(comp) is None:
                out.append(Finding(
                    UNAUTHORIZED_CHARGE, "error", comp, amount,
                    f"{COMPONENT_NAMES_EN[comp]} of {fmt_grouped(amount, places)} is demanded but the contract "
                    "provides for no such charge.",
                    f"催收金额中含{COMPONENT_NAMES_ZH[comp]} {fmt_grouped(amount, places)}，但合同未约定该项费用。",
                    _no_basis(terms),
                    (SourceRef("case.toml", column=f"demand.{comp}"),)))
    for row in ledger:
        comp = CHARGE_COMPONENT.get(row.type)
        if comp and basis.get(comp) is None and row.type not in ("interest",):
            out.append(Finding(
                UNAUTHORIZED_CHARGE, "error", comp, row.amount,
                f"The ledger posts {row.type} of {fmt_grouped(row.amount, places)} on {row.date} with no basis in "
                "the contract.",
                f"台账于 {row.date} 记入{COMPONENT_NAMES_ZH[comp]} {fmt_grouped(row.amount, places)}，合同无约定。",
                _no_basis(terms), (row.source,), {"date": row.date}))
    return out


def demand_finding(demanded: dict | None, lawful: dict, excess: dict, places: int, document: str,
                   source: SourceRef) -> list[Finding]:
    if not demanded or demanded.get("total") is None:
        return []
    over = demanded["total"] - lawful["total"]
    if over <= 0:
        return []
    parts = [f"{COMPONENT_NAMES_EN[c]} {fmt_grouped(v, places)}" for c, v in excess.items()
             if c != "total" and v is not None and v > 0]
    parts_zh = [f"{COMPONENT_NAMES_ZH[c]} {fmt_grouped(v, places)}" for c, v in excess.items()
                if c != "total" and v is not None and v > 0]
    doc = f" ({document})" if document else ""
    return [Finding(
        DEMAND_ABOVE_LAWFUL, "error", "total", over,
        f"The demand{doc} of {fmt_grouped(demanded['total'], places)} exceeds the lawful balance of "
        f"{fmt_grouped(lawful['total'], places)} by {fmt_grouped(over, places)}"
        + (f": {', '.join(parts)}." if parts else "."),
        f"催收金额{doc} {fmt_grouped(demanded['total'], places)} 超出依法可主张的 {fmt_grouped(lawful['total'], places)}，"
        f"超出 {fmt_grouped(over, places)}" + (f"：{'，'.join(parts_zh)}。" if parts_zh else "。"),
        "the lawful replay (see the findings and computation lines for each component's basis)",
        (source,), {"demanded": demanded["total"], "lawful": lawful["total"]})]


__all__ = ["contract_basis", "payment_findings", "unauthorized_findings", "demand_finding", "Decimal"]
