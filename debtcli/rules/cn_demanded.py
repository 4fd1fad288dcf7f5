"""What the creditor itself asks for, component by component: the figures a reduction on request
(法发〔2017〕22号 Art. 2; 法释〔2021〕10号 Art. 2) is measured against.

Per component, in this order: the creditor's own postings in its ledger (or the issuer's statement
lines), up to the as-of date; else the [demand] figure outstanding plus what was paid on that component
under the contract; else the contract's own replay (what the creditor's terms make owed).
"""

from __future__ import annotations

from decimal import Decimal

from debtcli.model.money import ZERO

LEDGER_TYPES = {
    "interest": ("interest",),
    "default_interest": ("default_interest",),
    "compound_interest": ("compound_interest",),
    "penalties": ("penalty",),
    "fees": ("fee", "annual_fee", "cash_advance_fee", "overlimit_fee", "conversion_fee", "installment_fee"),
    "installment_fees": ("installment_fee",),
}


def demanded_cost(ctx, contract_result, components: tuple[str, ...]) -> tuple[Decimal, dict, str]:
    """(total, per component, where the figures came from) for ``components`` (keys of LEDGER_TYPES;
    ``installment_fees`` are the card's 分期手续费)."""
    ledger = [r for r in ctx.case.ledger if r.date <= ctx.as_of]
    demand = ctx.terms.demand
    out: dict = {}
    sources: dict = {}
    for comp in components:
        types = LEDGER_TYPES[comp]
        posted = [r.amount for r in ledger if r.type in types]
        if posted:
            out[comp] = sum(posted, ZERO)
            sources.setdefault("ledger", []).append(comp)
        elif demand is not None and comp in demand.amounts:
            out[comp] = demand.amounts[comp] + contract_result.paid.get(comp, ZERO)
            sources.setdefault("demand + paid", []).append(comp)
        elif comp == "installment_fees":
            out[comp] = sum((p.amount for p in contract_result.postings
                             if p.name == "installment_fee" and p.kind != "as_of"), ZERO)
            sources.setdefault("contract", []).append(comp)
        else:
            out[comp] = contract_result.charged.get(comp, ZERO)
            sources.setdefault("contract", []).append(comp)
    return sum(out.values(), ZERO), out, "; ".join(f"{k}: {', '.join(v)}" for k, v in sources.items())
