"""Payment plans (分期还款协议): a restructure replaces the remaining schedule from its date.

The hook is small on purpose. A replay of an account with a restructure runs the one engine twice:
up to the restructure date on the account as it stands, then, from that date, on a plan account
(equal monthly installments of the plan amount at the plan rate) holding the payments, charges and
events after it. The two results are joined into one ``ReplayResult``; its ``installments`` are
the plan's, so each later payment is checked against the plan. The plan amount is the
restructure's ``amount`` (the most: the balance of the run on that date) or, when not given, the
whole balance on that date.

The same plan account proposes a plan in ``debtcli quote --plan``: the schedule is the schedule
replay of that account (``engine.replay.schedule_replay``), every installment met when due, so grace
days change no proposed installment. In the replay of an actual plan they let a payment come late;
principal paid within them bears the plan rate until then.

A capitalization (``kind = "capitalize"``) uses the same join: on its date the whole balance (the
unpaid interest with the principal) becomes the principal of the same account from that day, so
interest runs on interest from then on (annual compounding of a Texas judgment, Tex. Fin. Code
304.006). Its components stay apart in what was charged, paid and is owed: the capitalized
interest is owed as principal from that day.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from debtcli.engine.account import Account, RatePoint, annuity_payment, monthly_due_dates
from debtcli.engine.records import Restructure
from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.money import ZERO, round_money
from debtcli.model.records import COMPONENTS


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
    return tuple(monthly_due_dates(start, n, first_due))


def plan_account(base: Account, start: date, amount: Decimal, n: int, first_due: date | None, rate: Decimal,
                 rate_text: str, payments=(), events=(), charges=(), restructures=()) -> Account:
    """An account of ``n`` equal monthly installments of ``amount`` from ``start`` at ``rate`` (等额本息;
    at 0% equal parts, the last taking what remains). Conventions (day count, rounding, allocation,
    grace days) are the base account's; overdue installments keep bearing the plan rate. Its interest
    runs on the plan's balance outstanding, whatever the base account's method (a flat loan's runs on
    its original principal: not the plan's)."""
    dues = plan_due_dates(start, n, first_due)
    annuity = round_money(annuity_payment(amount, rate / 12, n), base.rounding, base.places)
    return replace(
        base, method="equal_installment", interest_method="per_period", signed=start, draws=((start, amount),),
        due_dates=dues, principal_plan=(None,) * n, interest_plan=(None,) * n, annuity=annuity,
        rate_path=(RatePoint(start, rate, f"plan rate {rate_text}"),), default_path=None, default_markup=None,
        compound=False, penalty=None, late_fee=None, late_fee_rate=None, installment_fees=(), charges=tuple(charges),
        events=tuple(events), payments=tuple(payments), carry_precision=False, reamortize_on_rate_change=False,
        card=None, restructures=tuple(restructures), flat_base=None, period_months=1, in_advance=False,
        interest_only_periods=0)


def replay_restructured(account: Account, as_of: date, trace: bool, replay_fn):
    """Replay ``account`` whose first restructure is on or before ``as_of``."""
    r = account.restructures[0]
    before = replace(account, restructures=(), counting="start")
    first = replay_fn(before, r.date, trace)
    if r.kind == "capitalize":
        return _capitalized(account, r, first, as_of, trace, replay_fn)
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
        exposure_spans=first.exposure_spans + second.exposure_spans,
        card=first.card,
        plans=first.plans + (outcome,) + second.plans,
    )


def _capitalized(account: Account, r: Restructure, first, as_of: date, trace: bool, replay_fn):
    """The run of ``account`` after capitalizing its whole balance on ``r.date``: the same account
    from that day with the balance as its principal. A due date already passed stays passed: the
    new principal is due on the day it is capitalized."""
    owed = first.balance["total"]
    dues = tuple(d if d > r.date else r.date for d in account.due_dates[-1:])
    after = replace(
        account, signed=r.date, draws=((r.date, owed),) if owed > 0 else (), due_dates=dues,
        principal_plan=(None,) * len(dues), interest_plan=(None,) * len(dues),
        payments=tuple(p for p in account.payments if p.date > r.date),
        events=tuple(e for e in account.events if e.date > r.date),
        charges=tuple(c for c in account.charges if c.date > r.date),
        rate_path=_from(account.rate_path, r.date), default_path=_from(account.default_path, r.date),
        restructures=account.restructures[1:])
    second = replay_fn(after, as_of, trace)

    def add(a: dict, b: dict) -> dict:
        return {c: a.get(c, ZERO) + b.get(c, ZERO) for c in COMPONENTS}

    # the second run's principal holds what was capitalized: it was charged (as interest) in the first
    charged = add(first.charged, {c: v for c, v in second.charged.items() if c != "principal"})
    # and it is still interest (or fees) by origin: what of it is unpaid is shown under its own
    # component, a payment to the principal of the second run paying it first
    balance, paid = dict(second.balance), add(first.paid, second.paid)
    buckets = {b: dict(v) for b, v in second.buckets.items()}
    to_principal = second.paid.get("principal", ZERO)
    for c in COMPONENTS:
        if c == "principal" or first.balance.get(c, ZERO) <= 0:
            continue
        part = first.balance[c]
        met = min(part, to_principal)
        to_principal -= met
        paid[c] += met
        paid["principal"] -= met
        balance[c] = balance.get(c, ZERO) + part - met
        balance["principal"] -= part - met
        left = part - met
        for b in buckets:
            step = min(left, buckets[b].get("principal", ZERO))
            buckets[b]["principal"] -= step
            buckets[b][c] = buckets[b].get(c, ZERO) + step
            left -= step
    return replace(
        second,
        balance=balance,
        buckets=buckets,
        postings=first.postings + second.postings,
        payments=first.payments + second.payments,
        rounding=first.rounding + second.rounding,
        charged=charged,
        paid=paid,
        waived=add(first.waived, second.waived),
        accelerated_on=first.accelerated_on or second.accelerated_on,
        charged_off_on=first.charged_off_on or second.charged_off_on,
        first_missed=first.first_missed or second.first_missed,
        last_payment=second.last_payment or first.last_payment,
        events=first.events + ((r.date, "capitalize"),) + second.events,
        exposure_spans=first.exposure_spans + second.exposure_spans,
        plans=first.plans + second.plans,
    )


def _from(path, day: date):
    """A rate path as it stands from ``day``: the point in force then, moved to ``day``, and the later ones."""
    if path is None:
        return None
    before = [p for p in path if p.date <= day]
    later = tuple(p for p in path if p.date > day)
    return ((replace(before[-1], date=day),) if before else ()) + later
