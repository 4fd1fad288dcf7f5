"""Payment plans (分期还款协议): a restructure replaces the remaining schedule from its date.

The hook is small on purpose. A replay of an account with a restructure runs the one engine twice:
up to the restructure date on the account as it stands, then, from that date, on a plan account
(equal monthly installments of the plan amount at the plan rate) holding the payments, charges and
events after it. The two results are joined into one ``ReplayResult``; its ``installments`` are
the plan's, so each later payment is checked against the plan. The plan amount is the
restructure's ``amount`` (the most: the balance of the run on that date) or, when not given, the
whole balance on that date.

The same plan account proposes a plan in ``debtcli quote --plan``: the schedule is the replay of
that account with no payments.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from debtcli.engine.account import Account, RatePoint, add_months_sticky, annuity_payment
from debtcli.model.money import ZERO, round_money
from debtcli.model.records import COMPONENTS


@dataclass(frozen=True, slots=True)
class Restructure:
    """A ``[[event]] type = "restructure"`` as the replay needs it."""

    date: date
    installments: int
    first_due: date | None = None  # default: one month after ``date``
    rate: Decimal = ZERO  # annual fraction
    rate_text: str = "0%"
    amount: Decimal | None = None  # default: the whole balance on ``date``
    index: int = 0
    note: str = ""


@dataclass(frozen=True)
class PlanOutcome:
    """What a restructure did in one run: the balance it replaced, the plan amount and its rows."""

    restructure: Restructure
    balance_before: dict  # component -> amount owed on the restructure date (+ "total")
    amount: Decimal  # the plan amount actually used
    forgiven: Decimal  # balance_before total - amount, when the plan is for less
    capped: bool  # the amount given was above this run's balance: the balance was used
    annuity: Decimal
    due_dates: tuple[date, ...]
    installments: tuple  # InstallmentRow of the plan that fell due by the run's date: paid / late / unpaid
    grace_days: int = 0


def plan_due_dates(start: date, n: int, first_due: date | None) -> tuple[date, ...]:
    first = first_due or add_months_sticky(start, 1)
    return tuple(add_months_sticky(first, k) for k in range(n))


def plan_account(base: Account, start: date, amount: Decimal, n: int, first_due: date | None, rate: Decimal,
                 rate_text: str, payments=(), events=(), charges=(), restructures=()) -> Account:
    """An account of ``n`` equal monthly installments of ``amount`` from ``start`` at ``rate`` (等额本息;
    at 0% equal parts, the last taking what remains). Conventions (day count, rounding, allocation,
    grace days) are the base account's; overdue installments keep bearing the plan rate."""
    dues = plan_due_dates(start, n, first_due)
    annuity = round_money(annuity_payment(amount, rate / 12, n), base.rounding, base.places)
    return replace(
        base, method="equal_installment", interest_method="per_period", signed=start, draws=((start, amount),),
        due_dates=dues, principal_plan=(None,) * n, interest_plan=(None,) * n, annuity=annuity,
        rate_path=(RatePoint(start, rate, f"plan rate {rate_text}"),), default_path=None, default_markup=None,
        compound=False, penalty=None, late_fee=None, late_fee_rate=None, installment_fees=(), charges=tuple(charges),
        events=tuple(events), payments=tuple(payments), carry_precision=False, reamortize_on_rate_change=False,
        card=None, restructures=tuple(restructures))


def replay_restructured(account: Account, as_of: date, trace: bool, replay_fn):
    """Replay ``account`` whose first restructure is on or before ``as_of``."""
    r = account.restructures[0]
    before = replace(account, restructures=(), counting="start")
    first = replay_fn(before, r.date, trace)
    owed = first.balance["total"]
    amount, capped = owed, False
    if r.amount is not None:
        amount, capped = (r.amount, False) if r.amount <= owed else (owed, True)
    forgiven = owed - amount if r.amount is not None and not capped else ZERO
    plan = plan_account(
        account, r.date, amount, r.installments, r.first_due, r.rate, r.rate_text,
        payments=[p for p in account.payments if p.date > r.date],
        events=[e for e in account.events if e.date > r.date],
        charges=[c for c in account.charges if c.date > r.date],
        restructures=account.restructures[1:])
    second = replay_fn(plan, as_of, trace)
    outcome = PlanOutcome(r, dict(first.balance), amount, forgiven, capped, plan.annuity, plan.due_dates,
                          second.installments, plan.grace_days)

    def add(a: dict, b: dict) -> dict:
        return {c: a.get(c, ZERO) + b.get(c, ZERO) for c in COMPONENTS}

    charged = add(first.charged, {c: v for c, v in second.charged.items() if c != "principal"})
    return replace(
        second,
        postings=first.postings + second.postings,
        payments=first.payments + second.payments,
        rounding=first.rounding + second.rounding,
        charged=charged,
        paid=add(first.paid, second.paid),
        waived=add(first.waived, second.waived),
        accelerated_on=second.accelerated_on or first.accelerated_on,
        charged_off_on=first.charged_off_on or second.charged_off_on,
        first_missed=first.first_missed or second.first_missed,
        last_payment=second.last_payment or first.last_payment,
        events=first.events + ((r.date, "restructure"),) + second.events,
        card=first.card,
        plans=first.plans + (outcome,) + second.plans,
    )


def restructures_from_terms(terms, basis: int) -> tuple[Restructure, ...]:
    out = []
    for e in terms.events:
        if e.type != "restructure":
            continue
        rate = e.rate.fixed.annual(basis) if e.rate is not None and e.rate.fixed is not None else ZERO
        out.append(Restructure(e.date, e.installments or 1, e.first_due, rate, e.rate.text if e.rate else "0%",
                               e.amount, e.index, e.note))
    return tuple(sorted(out, key=lambda x: (x.date, x.index)))
