"""The comprehensive cost of a loan (综合资金成本) against the ceiling that applies to its lender.

Interest plus the fees paid to the lender or a party it designates (``paid_to = "lender"`` or
``"nominee"``: 服务费、咨询费、管理费) are one cost (九民纪要 Art. 51, secondary sources; PBOC
Announcement 〔2021〕 No. 3 for how it is annualised); fees paid to a real third party are not. The
cost of each installment is set against what the ceiling allows on the principal outstanding during
its period:

    allowed_k = principal outstanding in period k x ceiling / 12          (monthly installments; a quarter's / 4 ...)
    allowed_k = principal outstanding x ceiling x days of the period / 365 (other schedules)
    cost_k    = interest_k + lender fees_k   (+ fees withheld or paid at the start, in period 1)

The amount above the ceiling is sum(cost_k) - sum(allowed_k) over the installments due by the as-of
date (the whole term in the finding's details). Private lenders (民间借贷): the ceiling is 4 x the
one-year LPR at formation; the lawful run re-characterises the periodic lender fees as interest
and cuts each installment's fee to what the ceiling leaves after its interest. Licensed lenders:
the line is 24% a year, and the amount above it is a reduction the borrower may ask for (a warning).
Imports: model, engine.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from debtcli.engine.account import Account, RatePoint
from debtcli.engine.replay import contract_schedule
from debtcli.model.findings import Finding
from debtcli.model.findings import text as ref
from debtcli.model.money import ROUNDING_MODES, ZERO
from debtcli.model.records import SourceRef
from debtcli.engine.apr import INSTALLMENT_METHODS, annual_cost

COMPREHENSIVE_COST_ABOVE_CAP = "CN.COMPREHENSIVE_COST_ABOVE_CAP"
LENDER_SIDE = ("lender", "nominee")


def lender_fee_names(terms) -> set[str]:
    return {f.name for f in terms.contract.fees if f.paid_to in LENDER_SIDE}


def cost_lines(account: Account, terms, ceiling: Decimal, replays=None) -> list[tuple[date, Decimal, Decimal]]:
    """(due date, cost, allowed) per installment of the contract's schedule; the cost of fees taken at
    the start (withheld, or paid on a date before the first installment) goes to the first line.
    ``replays`` (``engine.replay.Replays``) gives the schedule when it was worked out already."""
    if not account.due_dates or not account.draws:
        return []
    lender = lender_fee_names(terms)
    schedule = replays.schedule(account) if replays is not None else contract_schedule(account)
    monthly = account.method in INSTALLMENT_METHODS
    upfront = sum((ch.amount for ch in account.charges if ch.name in lender and ch.component == "fees"
                   and ch.source is not None and ch.source.column == "contract.fee"), ZERO)
    lender_periodic = sum((a for name, a in account.installment_fees if name in lender), ZERO)
    outstanding = sum((a for _, a in account.draws), ZERO)
    start = account.draws[0][0]
    quantum, mode = Decimal(1).scaleb(-account.places), ROUNDING_MODES[account.rounding]  # as round_money
    lines = []
    for row in schedule.installments:
        if monthly:
            allowed = outstanding * ceiling / account.periods_a_year
        else:
            allowed = outstanding * ceiling * (row.due - start).days / 365
        cost = row.interest + min(lender_periodic, row.fees) + upfront
        upfront = ZERO
        lines.append((row.due, cost, allowed.quantize(quantum, rounding=mode)))
        outstanding -= row.principal
        start = row.due
    return lines


def comprehensive_cost(ctx, account: Account, regime: str, ceiling: Decimal, ceiling_text: str, basis: tuple,
                       replays=None) -> Finding | None:
    """``CN.COMPREHENSIVE_COST_ABOVE_CAP`` for ``account`` (private: after the rate caps; licensed: the
    contract's), or None when the cost stays within ``ceiling``."""
    terms = ctx.terms
    lines = cost_lines(account, terms, ceiling, replays)
    if not lines:
        return None
    term_cost = sum((c for _, c, _ in lines), ZERO)
    term_allowed = sum((a for _, _, a in lines), ZERO)
    if term_cost <= term_allowed:
        return None
    due = [(c, a) for d, c, a in lines if d <= ctx.as_of]
    cost = sum((c for c, _ in due), ZERO)
    allowed = sum((a for _, a in due), ZERO)
    over = max(ZERO, cost - allowed)
    lender = lender_fee_names(terms)
    apr = annual_cost(account, fee_filter=lambda name, periodic: name in lender, replays=replays)
    fees = tuple(f.name for f in terms.contract.fees if f.paid_to in LENDER_SIDE)
    return Finding(
        COMPREHENSIVE_COST_ABOVE_CAP, "error" if regime == "private" else "warning", "fees", over,
        {"regime": regime, "apr": apr.apr if apr else None, "ceiling": ceiling, "cost": cost, "allowed": allowed,
         "over": over, "as_of": ctx.as_of, "term_cost": term_cost, "term_allowed": term_allowed,
         "term_over": term_cost - term_allowed, "fees": fees},
        basis, (SourceRef("case.toml", column="contract.fee"),),
        {"apr_comprehensive": f"{apr.apr:.2f}%" if apr and apr.apr is not None else None, "ceiling": ceiling_text,
         "cost": cost, "allowed": allowed, "term_cost": term_cost, "term_allowed": term_allowed,
         "term_over": term_cost - term_allowed})


def fees_as_interest(account: Account, terms, ceiling_points: tuple[RatePoint, ...]) -> Account:
    """The lawful account of a private loan: the periodic fees paid to the lender or its nominee count as
    interest, cut per installment to what the ceiling leaves after that installment's interest."""
    lender = lender_fee_names(terms)
    flags = tuple(name in lender for name, _ in account.installment_fees)
    if not any(flags):
        return account
    return replace(account, fee_ceiling=ceiling_points, fees_as_interest=flags)


BASIS_PRIVATE = (ref("basis.cn.art25"), ref("basis.cn.art29"), ref("basis.cn.jiumin51"))
BASIS_LICENSED = (ref("basis.cn.bank24"), ref("basis.cn.jiumin51"), ref("basis.cn.pboc2021_3"))
